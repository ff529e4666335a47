//! Issue 15: several references at once (`show`, `cite`, `search`), old
//! article numbers said on stderr, and item quotations with their lead-in.

use crate::util::{corpus, fatiao, hit_ids, search_json};
use predicates::prelude::*;
use predicates::str::contains;

const CIVIL_1024: &str = "《中华人民共和国民法典》第一千零二十四条";
const CIVIL_1033: &str = "《中华人民共和国民法典》第一千零三十三条";

/// Every way of typing two references to `cite`, as separate words or one.
const CITE_LISTS: &[&[&str]] = &[
    &["民法典1024、1033"],
    &["民法典1024，1033"],
    &["民法典1024和1033"],
    &["民法典1024及1033"],
    &["民法典第1024条、第1033条"],
    &["民法典第一千零二十四条、第一千零三十三条"],
    &["民法典1024", "1033"],
    &["民法典1024 1033"],
    &["民法典1024", "民法典1033"],
    &["民法典", "1024", "1033"],
    &["《中华人民共和国民法典》第一千零二十四条、第一千零三十三条"],
];

#[test]
fn cite_reads_every_list_form() {
    for args in CITE_LISTS {
        fatiao()
            .arg("cite")
            .args(*args)
            .assert()
            .success()
            .stdout(format!("{CIVIL_1024}\n{CIVIL_1033}\n"))
            .stderr("");
    }
}

#[test]
fn show_reads_lists_with_spaces_and_repeated_names() {
    for args in [
        &["民法典1024", "1033"][..],
        &["民法典1024", "民法典1033"],
        &["民法典1024、1033"],
    ] {
        fatiao()
            .arg("show")
            .args(args)
            .assert()
            .success()
            .stdout(contains(CIVIL_1024).and(contains(CIVIL_1033)))
            .stdout(contains("第10241033条").not());
    }
    fatiao()
        .args(["show", "治安法50", "51"])
        .assert()
        .success()
        .stdout(contains("《中华人民共和国治安管理处罚法》第五十条"))
        .stdout(contains("《中华人民共和国治安管理处罚法》第五十一条"));
}

#[test]
fn show_prints_what_exists_and_fails_on_what_does_not() {
    fatiao()
        .args(["show", "民法典1024", "1300"])
        .assert()
        .code(1)
        .stdout(contains(CIVIL_1024))
        .stderr(contains("民法典共1260条，没有第1300条"));
}

#[test]
fn cite_takes_its_own_merged_output_back() {
    let merged = fatiao()
        .args([
            "cite",
            "--merge",
            "民法典1032",
            "1034",
            "治安法第50条第1款第5项",
            "第6项",
            "2012年治安管理处罚法第42条",
        ])
        .output()
        .expect("run fatiao");
    assert!(merged.status.success(), "{merged:?}");
    let line = String::from_utf8(merged.stdout).expect("UTF-8");
    let line = line.trim_end();
    assert_eq!(
        line,
        "《中华人民共和国民法典》第一千零三十二条、第一千零三十四条、\
         《中华人民共和国治安管理处罚法》第五十条第一款第五项、第六项和\
         《中华人民共和国治安管理处罚法》（2012年修正）第四十二条"
    );
    // Given back, one citation per line; merged again, the same line.
    fatiao().args(["cite", line]).assert().success().stdout(
        "《中华人民共和国民法典》第一千零三十二条\n\
             《中华人民共和国民法典》第一千零三十四条\n\
             《中华人民共和国治安管理处罚法》第五十条第一款第五项\n\
             《中华人民共和国治安管理处罚法》第五十条第一款第六项\n\
             《中华人民共和国治安管理处罚法》（2012年修正）第四十二条\n",
    );
    fatiao()
        .args(["cite", "--merge", line])
        .assert()
        .success()
        .stdout(format!("{line}\n"));
}

#[test]
fn search_answers_a_list_with_the_articles_it_names() {
    for query in [
        "民法典1024、1033",
        "民法典第1024条、第1033条",
        "民法典1024 1033",
    ] {
        let results = search_json(&[query]);
        assert_eq!(results["kind"], "reference", "{query}: {results}");
        assert_eq!(
            hit_ids(&results),
            ["民法典:1024", "民法典:1033"],
            "hits of {query:?}"
        );
    }
    let results = search_json(&["治安法50", "51"]);
    assert_eq!(
        hit_ids(&results),
        ["治安管理处罚法:50", "治安管理处罚法:51"]
    );
}

/// The old text of 2012 art. 42 item 1 and of 2025 art. 42, from the corpus.
fn old_and_current_42() -> (String, String) {
    let corpus = corpus();
    let article = |id: &str| {
        corpus
            .get(id)
            .and_then(|s| {
                s.article(fatiao::ArticleNo {
                    number: 42,
                    suffix: 0,
                })
            })
            .cloned()
            .expect("art. 42")
    };
    let old: String = article("治安管理处罚法@2012").paragraphs[0].items[0]
        .text
        .chars()
        .take(8)
        .collect();
    let current: String = article("治安管理处罚法@2025").paragraphs[0]
        .text
        .chars()
        .take(8)
        .collect();
    (old, current)
}

#[test]
fn an_old_number_is_said_on_stderr_by_cite_show_and_search() {
    let (old, current) = old_and_current_42();
    let notice = || {
        contains("旧编号提醒：治安管理处罚法第四十二条")
            .and(contains("2012年修正"))
            .and(contains(old.clone()))
            .and(contains("该规定现为第五十条"))
            .and(contains(current.clone()))
    };
    fatiao()
        .args(["cite", "治安管理处罚法第四十二条"])
        .assert()
        .success()
        .stdout("《中华人民共和国治安管理处罚法》第四十二条\n")
        .stderr(notice());
    fatiao()
        .args(["show", "治安法42"])
        .assert()
        .success()
        .stdout(contains("旧编号提醒").not())
        .stderr(notice());
    fatiao()
        .args(["search", "治安法第42条"])
        .assert()
        .success()
        .stdout(contains("旧编号提醒").not())
        .stderr(notice());
    let results = search_json(&["治安法第42条"]);
    let said = results["notices"][0].as_str().unwrap_or_default();
    assert!(
        said.contains("第五十条") && said.contains(&old),
        "{results}"
    );
    let short = results["hits"][0]["renumbered"]
        .as_str()
        .unwrap_or_default();
    assert!(
        short.starts_with("旧编号：2012年修正版第四十二条") && short.ends_with("现为第五十条"),
        "the hit carries the short notice: {results}"
    );
}

#[test]
fn an_old_item_number_names_the_item_it_became() {
    fatiao()
        .args(["show", "治安法第42条第5项"])
        .assert()
        .code(1)
        .stderr(contains("没有第5项"))
        .stderr(contains("该规定现为第五十条第一款第五项"));
}

#[test]
fn the_notice_works_for_every_statute_held_in_two_versions() {
    // 网络安全法 2016 → 2025: the 2025 决定 inserted articles, so late numbers moved.
    fatiao()
        .args(["cite", "网络安全法第七十九条"])
        .assert()
        .success()
        .stdout("《中华人民共和国网络安全法》第七十九条\n")
        .stderr(contains("旧编号提醒：网络安全法第七十九条").and(contains("2016")));
}

#[test]
fn no_notice_where_the_number_is_unambiguous() {
    for reference in [
        "2012年治安管理处罚法第42条",
        "2025年治安管理处罚法第42条",
        "治安管理处罚法第九条",
        "民法典1032",
    ] {
        fatiao()
            .args(["cite", reference])
            .assert()
            .success()
            .stderr("");
    }
}

#[test]
fn a_letter_quotes_an_item_with_its_lead_in_and_marks_it() {
    let corpus = corpus();
    let article = corpus
        .get("治安管理处罚法@2025")
        .and_then(|s| {
            s.article(fatiao::ArticleNo {
                number: 50,
                suffix: 0,
            })
        })
        .expect("art. 50");
    let first = &article.paragraphs[0];
    let item = &first.items[4];
    let output = fatiao()
        .args(["cite", "--letter", "治安法第50条第1款第5项"])
        .output()
        .expect("run fatiao");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let lead_in = text.find(&first.text).expect("the lead-in is quoted");
    let cited = text
        .find(&format!("▶{}{}", item.marker, item.text))
        .expect("the cited item is quoted whole and marked");
    assert!(lead_in < cited, "lead-in first:\n{text}");
    assert!(
        text.contains(&article.paragraphs[1].text),
        "第二款 (有前款第五项规定的……) is quoted too:\n{text}"
    );
    assert!(
        !text.contains(&first.items[0].text),
        "other items are left out:\n{text}"
    );
    let json = fatiao()
        .args([
            "cite",
            "--letter",
            "--format",
            "json",
            "治安法第50条第1款第5项",
        ])
        .output()
        .expect("run fatiao");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let quoted = &value["letter"]["appendix"][0];
    let lines = &quoted["lines"];
    assert_eq!(lines[0]["kind"], "context", "{value}");
    assert_eq!(lines[0]["text"], first.text.as_str());
    assert_eq!(lines[2]["kind"], "cited");
    assert_eq!(
        quoted["text"],
        format!("{}{}", item.marker, item.text),
        "`text` stays the cited item exactly"
    );
}
