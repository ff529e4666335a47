//! Machine output (JSON, JSONL), exit codes, colour and the laws listing.

use predicates::prelude::*;

use crate::util::{corpus, fatiao, search_json};

/// Checks a JSON value's type.
type TypeCheck = fn(&serde_json::Value) -> bool;

/// Fields every hit must have, with a check of their JSON type.
const HIT_FIELDS: &[(&str, TypeCheck)] = &[
    ("law", serde_json::Value::is_string),
    ("title", serde_json::Value::is_string),
    ("version", serde_json::Value::is_string),
    ("in_force", serde_json::Value::is_boolean),
    ("article", serde_json::Value::is_u64),
    ("label", serde_json::Value::is_string),
    ("citation", serde_json::Value::is_string),
    ("path", serde_json::Value::is_array),
    ("score", serde_json::Value::is_number),
    ("snippet", serde_json::Value::is_string),
    ("text", serde_json::Value::is_string),
];

fn assert_hit_shape(hit: &serde_json::Value) {
    for (field, has_type) in HIT_FIELDS {
        assert!(
            has_type(&hit[*field]),
            "hit field {field} missing or of the wrong type: {hit}"
        );
    }
}

#[test]
fn json_output_has_query_and_hits_of_the_documented_shape() {
    let results = search_json(&["--limit", "3", "隐私"]);
    assert_eq!(results["query"], "隐私", "{results}");
    let hits = results["hits"].as_array().cloned().unwrap_or_default();
    assert_eq!(hits.len(), 3, "--limit 3: {results}");
    hits.iter().for_each(assert_hit_shape);
    for hit in &hits {
        let version = hit["version"].as_str().unwrap_or_default();
        assert!(
            version.len() == 4 && version.chars().all(|c| c.is_ascii_digit()),
            "version should be a year string: {hit}"
        );
    }
}

#[test]
fn hit_text_is_the_article_text_from_the_corpus() {
    let corpus = corpus();
    let results = search_json(&["民法典1032"]);
    let hit = &results["hits"][0];
    let statute = corpus.in_force_named("民法典").expect("civil code");
    let article = statute
        .article(fatiao::ArticleNo {
            number: 1032,
            suffix: 0,
        })
        .expect("article 1032");
    assert_eq!(
        hit["text"],
        article.text(),
        "hit text must be the corpus text"
    );
    assert_eq!(hit["label"], article.label.as_str());
    assert_eq!(hit["title"], statute.meta.title.as_str());
}

#[test]
fn jsonl_batch_answers_every_line_in_order() {
    let queries = [
        "民法典1032",
        "私人生活安宁",
        "，。",
        "law:没有这部法 隐私",
        "散布他人隐私",
    ];
    let input = queries.join("\n") + "\n";
    let output = fatiao()
        .args(["search", "--stdin", "--format", "jsonl", "--limit", "2"])
        .write_stdin(input)
        .output()
        .expect("run fatiao");
    assert!(output.status.success(), "batch failed: {output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line {l:?}: {e}")))
        .collect();
    assert_eq!(lines.len(), queries.len(), "one line per query:\n{stdout}");
    for (line, query) in lines.iter().zip(queries) {
        assert_eq!(line["query"], query, "answers out of order");
        let hits = line["hits"].as_array().cloned().unwrap_or_default();
        assert!(hits.len() <= 2, "--limit 2 ignored: {line}");
        hits.iter().for_each(assert_hit_shape);
    }
    assert_eq!(
        lines[2]["hits"].as_array().map(Vec::len),
        Some(0),
        "punctuation only"
    );
    assert!(
        lines[3]["error"]["message"]
            .as_str()
            .is_some_and(|e| e.contains("没有这部法")),
        "an unknown law in one line is reported on that line: {}",
        lines[3]
    );
}

#[test]
fn exit_codes_0_hits_1_none_2_error() {
    fatiao().args(["search", "隐私"]).assert().code(0);
    fatiao().args(["search", "，。"]).assert().code(1);
    fatiao().args(["search", "zzzqqqxxx"]).assert().code(1);
    fatiao()
        .args(["search", "--limit", "many", "隐私"])
        .assert()
        .code(2);
    fatiao()
        .args(["--corpus", "/nonexistent/corpus/dir", "search", "隐私"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("fatiao: "));
}

#[test]
fn piped_output_has_no_colour_codes() {
    fatiao()
        .args(["search", "隐私"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());
}

/// Bare `fatiao` opens the TUI now (see tui_binary.rs); `--help` lists the commands.
#[test]
fn help_lists_the_commands() {
    fatiao()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("search").and(predicate::str::contains("Usage")));
}

#[test]
fn laws_lists_versions_counts_and_the_partial_notice() {
    let corpus = corpus();
    let output = fatiao().arg("laws").output().expect("run fatiao laws");
    assert!(output.status.success(), "laws failed: {output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    for statute in &corpus.statutes {
        assert!(
            stdout.contains(&statute.meta.title),
            "{} missing:\n{stdout}",
            statute.meta.title
        );
        assert!(
            stdout.contains(&format!("共{}条", statute.articles.len())),
            "article count of {} missing:\n{stdout}",
            statute.id()
        );
        if statute.meta.partial {
            assert!(
                stdout.contains("部分收录"),
                "partial label missing:\n{stdout}"
            );
            assert!(
                stdout.contains(&statute.meta.notice),
                "notice missing:\n{stdout}"
            );
        }
    }
    assert!(
        stdout.contains("已被修订"),
        "the superseded version must say so:\n{stdout}"
    );
}
