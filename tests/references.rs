//! Article references jump straight to the article.

use crate::util::{corpus, fatiao, hit_ids, search_json};

/// (query, the articles it must return in order)
const REFERENCES: &[(&str, &[&str])] = &[
    ("民法典1032", &["民法典:1032"]),
    ("民法典 第1032条", &["民法典:1032"]),
    ("民法典第一千零三十二条", &["民法典:1032"]),
    ("《中华人民共和国民法典》第一千零三十二条", &["民法典:1032"]),
    ("治安法 50", &["治安管理处罚法:50"]),
    ("治安管理处罚法第五十条第一款第五项", &["治安管理处罚法:50"]),
    ("催收公约第十三条", &["催收自律公约:13"]),
    (
        "民法典1032-1034",
        &["民法典:1032", "民法典:1033", "民法典:1034"],
    ),
    ("治安管理处罚法（2012）第42条", &["治安管理处罚法@2012:42"]),
    (
        "2012年治安管理处罚法第四十二条",
        &["治安管理处罚法@2012:42"],
    ),
    (
        "第50条",
        &[
            "民法典:50",
            "治安管理处罚法:50",
            "个人信息保护法:50",
            "刑法:50",
            "民事诉讼法:50",
            "消费者权益保护法:50",
            "网络安全法:50",
        ],
    ),
    ("刑法293之一", &["刑法:293之1"]),
    ("刑法第二百九十三条之一", &["刑法:293之1"]),
    ("刑法第293条之1", &["刑法:293之1"]),
    ("刑法 293-1", &["刑法:293之1"]),
    ("刑法293-294", &["刑法:293", "刑法:293之1", "刑法:294"]),
    ("个保法第十三条", &["个人信息保护法:13"]),
    ("民间借贷规定第二十五条", &["民间借贷规定:25"]),
    ("网络安全法（2016）第四十条", &["网络安全法@2016:40"]),
];

#[test]
fn references_in_every_form() {
    for (query, expected) in REFERENCES {
        let results = search_json(&[query]);
        assert_eq!(
            results["kind"], "reference",
            "{query:?} should be understood as a reference: {results}"
        );
        assert_eq!(hit_ids(&results), *expected, "hits of {query:?}");
    }
}

#[test]
fn paragraph_and_item_are_kept() {
    let results = search_json(&["治安管理处罚法第五十条第一款第五项"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["paragraph"], 1, "paragraph of the reference: {hit}");
    assert_eq!(hit["item"], 5, "item of the reference: {hit}");
    let citation = hit["citation"].as_str().unwrap_or_default();
    assert!(
        citation.starts_with("《中华人民共和国治安管理处罚法》第五十条")
            && citation.ends_with("第一款第五项"),
        "citation should name 款 and 项: {citation}"
    );
}

#[test]
fn a_superseded_version_names_itself() {
    let results = search_json(&["2012年治安管理处罚法第四十二条"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["in_force"], false, "{hit}");
    assert_eq!(hit["version"], "2012", "{hit}");
    assert_eq!(
        hit["citation"], "《中华人民共和国治安管理处罚法》（2012年修正）第四十二条",
        "a superseded version must say so in its citation"
    );
}

#[test]
fn a_missing_article_says_so_and_suggests_neighbours() {
    let results = search_json(&["民法典第1300条"]);
    assert_eq!(
        results["hits"].as_array().map(Vec::len),
        Some(0),
        "{results}"
    );
    assert_eq!(
        results["message"], "民法典共1260条，没有第1300条",
        "{results}"
    );
    let suggestions = results["suggestions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        suggestions.iter().any(|s| s["article"] == 1260),
        "the last article should be suggested: {suggestions:?}"
    );
    fatiao()
        .args(["search", "民法典第1300条"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("没有第1300条"));
}

#[test]
fn show_prints_every_paragraph_and_item_of_the_article() {
    let corpus = corpus();
    let statute = corpus
        .in_force_named("治安管理处罚法")
        .expect("statute in corpus");
    let article = statute
        .article(fatiao::ArticleNo {
            number: 50,
            suffix: 0,
        })
        .expect("article 50");
    let output = fatiao()
        .args(["show", "治安法", "50", "--context", "1"])
        .output()
        .expect("run fatiao show");
    assert!(output.status.success(), "show failed: {output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("《中华人民共和国治安管理处罚法》第五十条"),
        "{stdout}"
    );
    for title in statute.path_titles(article) {
        assert!(stdout.contains(title), "heading {title} missing:\n{stdout}");
    }
    for paragraph in &article.paragraphs {
        assert!(
            stdout.contains(&paragraph.text),
            "paragraph missing:\n{stdout}"
        );
        for item in &paragraph.items {
            let line = format!("{}{}", item.marker, item.text);
            assert!(
                stdout.contains(&line),
                "item {} missing:\n{stdout}",
                item.marker
            );
        }
    }
    for neighbour in ["第四十九条", "第五十一条"] {
        assert!(
            stdout.contains(neighbour),
            "--context 1 should show {neighbour}"
        );
    }
}

#[test]
fn show_of_a_missing_article_exits_1_and_of_nonsense_exits_2() {
    fatiao()
        .args(["show", "民法典第1300条"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("没有第1300条"));
    fatiao()
        .args(["show", "随便什么"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("无法识别条文引用"));
}

#[test]
fn cite_prints_one_citation_per_line() {
    let output = fatiao()
        .args([
            "cite",
            "民法典",
            "1032",
            "治安管理处罚法第五十条第一款第五项",
            "民法典1033-1034",
        ])
        .output()
        .expect("run fatiao cite");
    assert!(output.status.success(), "cite failed: {output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "《中华人民共和国民法典》第一千零三十二条",
            "《中华人民共和国治安管理处罚法》第五十条第一款第五项",
            "《中华人民共和国民法典》第一千零三十三条",
            "《中华人民共和国民法典》第一千零三十四条",
        ],
        "citations, one per line"
    );
}
