//! Free-text search: ranking, phrases, exclusion, filters, versions, hostile input.

use crate::util::{fatiao, hit_ids, search_json};

/// (query, articles that must be among the top five)
const KNOWN_ANSWERS: &[(&str, &[&str])] = &[
    ("散布他人隐私", &["治安管理处罚法:50"]),
    ("私人生活安宁", &["民法典:1032", "民法典:1033"]),
];

#[test]
fn free_text_finds_known_articles() {
    for (query, expected) in KNOWN_ANSWERS {
        let results = search_json(&["--limit", "5", query]);
        assert_eq!(results["kind"], "free_text", "{query:?}: {results}");
        let ids = hit_ids(&results);
        for article in *expected {
            assert!(
                ids.iter().any(|id| id == article),
                "{query:?} should find {article} in the top 5, got {ids:?}"
            );
        }
    }
}

#[test]
fn hits_carry_citation_path_snippet_and_highlights() {
    let results = search_json(&["--limit", "3", "私人生活安宁"]);
    let hit = &results["hits"][0];
    assert!(
        hit["citation"]
            .as_str()
            .is_some_and(|c| c.starts_with("《中华人民共和国民法典》第")),
        "{hit}"
    );
    assert!(
        hit["path"].as_array().is_some_and(|p| !p.is_empty()),
        "path: {hit}"
    );
    let snippet = hit["snippet"].as_str().unwrap_or_default();
    let highlights = hit["highlights"].as_array().cloned().unwrap_or_default();
    assert!(!highlights.is_empty(), "highlights expected: {hit}");
    for range in highlights {
        let (a, b) = (
            range[0].as_u64().unwrap_or(0) as usize,
            range[1].as_u64().unwrap_or(0) as usize,
        );
        let marked: String = snippet.chars().skip(a).take(b - a).collect();
        assert!(
            "私人生活安宁".contains(&marked),
            "highlight {a}..{b} marks {marked:?}, not a query word, in {snippet}"
        );
    }
    // Snippets are cut in characters: a Chinese snippet is not a third of its limit.
    assert!(snippet.chars().count() > 40, "snippet too short: {snippet}");
}

#[test]
fn a_quoted_phrase_matches_inside_a_longer_word() {
    // jieba cuts 治安管理行为人 as 治安管理/行为人: the phrase crosses the boundary.
    let results = search_json(&["--limit", "50", "\"管理行为\""]);
    let hits = results["hits"].as_array().cloned().unwrap_or_default();
    assert!(!hits.is_empty(), "the phrase should match: {results}");
    assert!(
        results.get("message").is_none(),
        "the phrase exists: {results}"
    );
    for hit in &hits {
        let text = hit["text"].as_str().unwrap_or_default();
        let path = hit["path"].to_string();
        assert!(
            text.contains("管理行为") || path.contains("管理行为"),
            "hit without the phrase: {}",
            hit["citation"]
        );
    }
}

#[test]
fn excluded_words_are_absent_from_every_hit() {
    let with = search_json(&["--limit", "50", "隐私"]);
    assert!(
        hit_ids(&with).iter().any(|id| id == "治安管理处罚法:50"),
        "{:?}",
        hit_ids(&with)
    );
    let without = search_json(&["--limit", "50", "隐私", "-拘留"]);
    let hits = without["hits"].as_array().cloned().unwrap_or_default();
    assert!(!hits.is_empty(), "exclusion removed everything: {without}");
    for hit in &hits {
        let text = hit["text"].as_str().unwrap_or_default();
        assert!(!text.contains("拘留"), "-拘留 kept {}", hit["citation"]);
    }
}

#[test]
fn law_filter_by_option_and_in_the_query() {
    for args in [
        &["--limit", "20", "--law", "治安管理处罚法", "隐私"][..],
        &["--limit", "20", "law:治安法", "隐私"][..],
    ] {
        let results = search_json(args);
        let ids = hit_ids(&results);
        assert!(!ids.is_empty(), "{args:?} found nothing");
        assert!(
            ids.iter().all(|id| id.starts_with("治安管理处罚法:")),
            "{args:?} returned other statutes: {ids:?}"
        );
    }
    fatiao()
        .args(["search", "--law", "没有这部法", "隐私"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("fatiao laws"));
}

#[test]
fn superseded_versions_only_with_all_versions() {
    let default = search_json(&["--limit", "30", "散布他人隐私"]);
    assert!(
        hit_ids(&default).iter().all(|id| !id.contains("@2012")),
        "superseded version in default scope: {:?}",
        hit_ids(&default)
    );
    let all = search_json(&["--limit", "30", "--all-versions", "散布他人隐私"]);
    let old: Vec<serde_json::Value> = all["hits"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|h| h["version"] == "2012")
        .collect();
    assert!(
        !old.is_empty(),
        "--all-versions should add the 2012 text: {:?}",
        hit_ids(&all)
    );
    for hit in old {
        assert_eq!(hit["in_force"], false, "{hit}");
        assert!(
            hit["citation"]
                .as_str()
                .is_some_and(|c| c.contains("（2012年修正）")),
            "a superseded hit must name its version: {hit}"
        );
    }
}

#[test]
fn hostile_input_degrades_gracefully() {
    // As long as a query may be (MAX_QUERY_CHARS); longer is refused (tests/reliability.rs).
    let long = "催收骚扰".repeat(250);
    let queries = [
        long.as_str(),
        "\u{1}\u{7}\u{1b}[31m隐私\u{7f}",
        "，",
        "？？？",
        "\"",
        "“隐私",
        "（（（隐私",
        "隐私]]]",
        "问题: 我被催收骚扰了怎么办?",
        "AND OR NOT title:x +y -z ^2 ~ * ( [ {",
        "隐私 privacy プライバシー 사생활 🙂 ١٢٣",
        "-",
        "law:",
    ];
    for query in queries {
        let output = fatiao()
            .args(["search", "--format", "json", "--", query])
            .output()
            .expect("run fatiao");
        let code = output.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{:.30?} must give results or none, not an error (exit {code:?}): {}",
            query,
            String::from_utf8_lossy(&output.stderr)
        );
        let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&output.stdout);
        assert!(parsed.is_ok(), "{:.30?} printed invalid JSON", query);
    }
}
