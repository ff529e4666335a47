//! The JSON contract (docs/json.md): real output of every command that
//! prints JSON, validated against docs/fatiao.schema.json, so that the
//! documents and the schema cannot drift apart.

use std::fs;

use crate::util::{assert_contract, contract_errors, contract_schema, fatiao};

/// Run fatiao with `args`, expect `code`, parse stdout as one JSON document.
fn json_of(args: &[&str], stdin: &str, code: i32) -> serde_json::Value {
    let output = fatiao()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run fatiao");
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit code of fatiao {args:?}; stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "fatiao {args:?} printed invalid JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// Run fatiao with `args`, parse each stdout line as JSON.
fn jsonl_of(args: &[&str], stdin: &str) -> Vec<serde_json::Value> {
    let output = fatiao()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run fatiao");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

#[test]
fn the_schema_is_valid_json_schema_and_names_every_document() {
    let schema = contract_schema();
    jsonschema::meta::validate(&schema).expect("docs/fatiao.schema.json is a valid JSON Schema");
    jsonschema::validator_for(&schema).expect("and it compiles, every $ref resolved");
    for def in [
        "search_document",
        "show_document",
        "cite_document",
        "verify_document",
        "laws_document",
        "statute_line",
        "eval_document",
        "eval_line",
        "error_document",
    ] {
        assert!(
            schema["anyOf"]
                .as_array()
                .is_some_and(|all| all.iter().any(|r| r["$ref"] == format!("#/$defs/{def}"))),
            "the top-level anyOf should list {def}"
        );
    }
    // The schema is strict: the old shapes and unknown fields fail.
    let laws = json_of(&["laws", "--format", "json"], "", 0);
    let mut renamed = laws.clone();
    renamed["statutes"][0]["id"] = renamed["statutes"][0]["statute_id"].take();
    let mut unversioned = laws.clone();
    unversioned["schema"] = serde_json::json!(2);
    for (bad, what) in [
        (renamed, "a statute with `id`"),
        (unversioned, "schema 2"),
        (serde_json::json!([laws["statutes"][0]]), "a bare array"),
    ] {
        assert!(
            !contract_errors("laws_document", &bad).is_empty(),
            "{what} must not pass as a laws document"
        );
    }
}

#[test]
fn search_documents_match_the_schema() {
    const CASES: &[(&[&str], i32)] = &[
        (&["--limit", "5", "催收", "骚扰", "亲友"], 0),
        (&["--limit", "3", "高利贷"], 0),
        (&["治安法第50条第1款第5项"], 0),
        (&["民法典第1300条"], 1),
        (&["，。"], 1),
        (&["--all-versions", "--limit", "30", "散布他人隐私"], 0),
        (&["--no-expand", "--law", "治安法", "隐私"], 0),
        (&["--explain", "--limit", "3", "催收", "骚扰", "亲友"], 0),
    ];
    for (args, code) in CASES {
        let mut all = vec!["search", "--format", "json"];
        all.extend_from_slice(args);
        let doc = json_of(&all, "", *code);
        assert_contract("search_document", &doc, &format!("fatiao {all:?}"));
        assert_eq!(doc["schema"], 1, "every document says its schema");
        // Highlights are scalar-value ranges inside the snippet.
        for hit in doc["hits"].as_array().into_iter().flatten() {
            let chars = hit["snippet"].as_str().unwrap_or_default().chars().count() as u64;
            for range in hit["highlights"].as_array().into_iter().flatten() {
                let end = range[1].as_u64().unwrap_or(u64::MAX);
                assert!(
                    end <= chars,
                    "highlight {range} past the snippet's {chars} chars"
                );
            }
        }
    }
}

#[test]
fn search_jsonl_lines_and_their_errors_match_the_schema() {
    let lines = jsonl_of(
        &["search", "--stdin", "--limit", "2"],
        "民法典1032\nlaw:没有这部法 隐私\n被人肉了\n",
    );
    assert_eq!(lines.len(), 3, "one line per query: {lines:?}");
    assert_contract("search_document", &lines[0], "search --stdin line 1");
    assert_contract(
        "error_document",
        &lines[1],
        "search --stdin line 2 (unknown law)",
    );
    assert_eq!(lines[1]["query"], "law:没有这部法 隐私");
    assert_eq!(lines[1]["error"]["kind"], "unknown_statute", "{}", lines[1]);
    assert_contract("search_document", &lines[2], "search --stdin line 3");
}

#[test]
fn show_documents_match_the_schema() {
    const CASES: &[(&[&str], i32)] = &[
        (&["民法典第1032条"], 0),
        (&["民法典1032", "--context", "1"], 0),
        (&["治安法第50条第1款第5项", "--refs"], 0),
        (&["2012年治安管理处罚法第四十二条"], 0),
        (&["治安法42", "--all-versions"], 0),
        (&["民法典1032-1034"], 0),
        (&["催收公约第13条"], 0),
        (&["刑法第二百五十三条之一"], 0),
        (&["刑法第一百九十九条"], 0),
        (&["网络安全法第1条", "--all-versions"], 0),
        (&["民间借贷批复第一条"], 0),
        (&["民法典第1300条"], 1),
    ];
    for (args, code) in CASES {
        let mut all = vec!["show", "--format", "json"];
        all.extend_from_slice(args);
        let doc = json_of(&all, "", *code);
        assert_contract("show_document", &doc, &format!("fatiao {all:?}"));
        if *code == 1 {
            assert_eq!(doc["unresolved"][0]["error"]["kind"], "not_found", "{doc}");
        }
    }
    let suffixed = json_of(&["show", "--format", "json", "刑法253-1"], "", 0);
    assert_eq!(suffixed["articles"][0]["article"], 253, "{suffixed}");
    assert_eq!(
        suffixed["articles"][0]["article_suffix"], 1,
        "之一: {suffixed}"
    );
    let deleted = json_of(&["show", "--format", "json", "刑法第一百九十九条"], "", 0);
    assert_eq!(
        deleted["articles"][0]["deleted"], true,
        "（删去）: {deleted}"
    );
    let old = json_of(
        &["show", "--format", "json", "2012年治安管理处罚法第四十二条"],
        "",
        0,
    );
    assert_eq!(
        old["articles"][0]["counterpart"]["articles"],
        serde_json::json!([50]),
        "the 2012 article names its 2025 counterpart: {old}"
    );
}

#[test]
fn cite_documents_match_the_schema_in_every_style_and_mode() {
    let refs = ["民法典1032", "民法典1034", "治安法第50条第1款第5项"];
    for style in ["full", "short"] {
        for mode in [None, Some("--merge"), Some("--letter")] {
            let mut args = vec!["cite", "--format", "json", "--style", style];
            args.extend(mode);
            args.extend(refs);
            let doc = json_of(&args, "", 0);
            assert_contract("cite_document", &doc, &format!("fatiao {args:?}"));
            assert_eq!(doc["style"], style);
            assert_eq!(
                doc["citations"].as_array().map(Vec::len),
                Some(3),
                "one citation object per reference in every mode: {doc}"
            );
            match mode {
                Some("--merge") => assert!(doc["merged"].is_string(), "{doc}"),
                Some("--letter") => assert!(doc["letter"]["paragraph"].is_string(), "{doc}"),
                _ => assert!(doc.get("merged").is_none(), "{doc}"),
            }
        }
    }
    // A missing reference: the others are still cited, the missing one is named; no letter.
    let doc = json_of(
        &[
            "cite",
            "--format",
            "json",
            "--letter",
            "民法典1032",
            "民法典1300",
        ],
        "",
        1,
    );
    assert_contract(
        "cite_document",
        &doc,
        "cite --letter with a missing reference",
    );
    assert!(doc.get("letter").is_none(), "no half letter: {doc}");
    assert_eq!(doc["unresolved"][0]["reference"], "民法典1300", "{doc}");
}

#[test]
fn cite_markdown_is_a_list_and_merge_refuses_it() {
    fatiao()
        .args(["cite", "--format", "markdown", "民法典1032", "民法典1034"])
        .assert()
        .success()
        .stdout(
            "- 《中华人民共和国民法典》第一千零三十二条\n- 《中华人民共和国民法典》第一千零三十四条\n",
        );
    fatiao()
        .args(["cite", "--merge", "--format", "markdown", "民法典1032"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--letter --format markdown"));
}

#[test]
fn verify_documents_match_the_schema_and_offsets_are_scalar_values() {
    // 𠀀 is outside the BMP: one scalar value, two UTF-16 units, four bytes.
    let draft = "𠀀违反《民法典》第1032条、第1034条，\n\
                 也违反《治安管理处罚法》第四十二条第五项、《催收公约》第十六条和《刑法》第253条、《民法典》第1300条。\n\
                 《刑法》第一百九十九条已删去，《民法典》第0条无法识别。\n";
    let doc = json_of(
        &["verify", "-", "--format", "json", "--as-of", "2026-11-28"],
        draft,
        1,
    );
    assert_contract("verify_document", &doc, "verify --format json");
    let chars: Vec<char> = draft.chars().collect();
    let mut verdicts = Vec::new();
    for finding in doc["findings"].as_array().into_iter().flatten() {
        let (start, end) = (
            finding["start"].as_u64().unwrap_or(0) as usize,
            finding["end"].as_u64().unwrap_or(0) as usize,
        );
        let written: String = chars[start..end].iter().collect();
        assert_eq!(
            written, finding["text"],
            "start..end counts Unicode scalar values: {finding}"
        );
        verdicts.push(finding["verdict"].as_str().unwrap_or_default().to_string());
    }
    assert_eq!(doc["findings"][0]["column"], 4, "𠀀违反 then the citation");
    for verdict in [
        "ok",
        "outdated",
        "partial_source",
        "not_found",
        "deleted",
        "unreadable",
    ] {
        assert!(
            verdicts.iter().any(|v| v == verdict),
            "{verdict} among {verdicts:?}"
        );
    }
    let ok_only = json_of(
        &["verify", "-", "--format", "json"],
        "依据《民法典》第一千零三十二条。",
        0,
    );
    assert_contract("verify_document", &ok_only, "verify with the default date");
}

#[test]
fn laws_documents_match_the_schema_and_share_statute_ids_with_hits() {
    let doc = json_of(&["laws", "--format", "json"], "", 0);
    assert_contract("laws_document", &doc, "laws --format json");
    let ids: Vec<&str> = doc["statutes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["statute_id"].as_str())
        .collect();
    let hits = json_of(
        &[
            "search",
            "--format",
            "json",
            "--all-versions",
            "--limit",
            "50",
            "隐私",
        ],
        "",
        0,
    );
    for hit in hits["hits"].as_array().into_iter().flatten() {
        assert!(
            ids.contains(&hit["statute_id"].as_str().unwrap_or_default()),
            "a hit's statute_id is one laws lists: {hit}"
        );
    }
    let kinds: Vec<&str> = doc["statutes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    for kind in ["law", "judicial_interpretation", "industry_convention"] {
        assert!(kinds.contains(&kind), "a statute of kind {kind}: {kinds:?}");
    }
    let lines = jsonl_of(&["laws", "--format", "jsonl"], "");
    assert_eq!(lines.len(), ids.len(), "one line per statute");
    for line in &lines {
        assert_contract("statute_line", line, "laws --format jsonl");
    }
}

#[test]
fn eval_documents_match_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let questions = dir.path().join("questions.jsonl");
    fs::write(
        &questions,
        "{\"query\": \"散布他人隐私\", \"gold\": [\"治安管理处罚法:50\"]}\n\
         {\"query\": \"被邻居家的狗咬了\", \"gold\": [\"民法典:1245\"]}\n",
    )
    .expect("write question set");
    let file = questions.to_str().expect("utf-8 temp path");
    let doc = json_of(&["eval", "--format", "json", "--halves", file], "", 0);
    assert_contract("eval_document", &doc, "eval --format json");
    for line in jsonl_of(&["eval", "--format", "jsonl", file], "") {
        assert_contract("eval_line", &line, "eval --format jsonl");
    }
}

#[test]
fn errors_are_json_documents_when_json_is_asked_for() {
    const CASES: &[(&[&str], &str)] = &[
        (
            &["search", "--format", "json", "--limit", "many", "隐私"],
            "usage",
        ),
        (
            &["search", "--format=jsonl", "--law", "没有这部法", "隐私"],
            "unknown_statute",
        ),
        (
            &["show", "--format", "json", "没有这部法第1条"],
            "unknown_statute",
        ),
        (&["show", "--format", "json", "随便写写"], "bad_query"),
        (&["cite", "--format", "json", "随便写写"], "bad_query"),
        (
            &["verify", "-", "--format", "json", "--as-of", "2026-13-01"],
            "bad_query",
        ),
        (
            &["verify", "/nonexistent/letter.txt", "--format", "json"],
            "io",
        ),
        (
            &["--corpus", "/nonexistent/dir", "laws", "--format", "json"],
            "corpus",
        ),
        (&["eval", "--format", "json", "/nonexistent/q.jsonl"], "io"),
    ];
    for (args, kind) in CASES {
        let doc = json_of(args, "", 2);
        assert_contract("error_document", &doc, &format!("fatiao {args:?}"));
        assert_eq!(
            doc["error"]["kind"], *kind,
            "kind of fatiao {args:?}: {doc}"
        );
    }
    // Without JSON, errors stay on stderr only.
    fatiao()
        .args(["show", "没有这部法第1条"])
        .assert()
        .code(2)
        .stdout("");
}
