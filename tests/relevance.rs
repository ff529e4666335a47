//! Relevance: plain-language questions find the right articles and say which
//! legal terms were added; `fatiao eval` measures ranking on question sets.

use std::fs;

use predicates::prelude::*;

use crate::util::{fatiao, hit_ids, search_json};

/// (lay question, articles of which at least one must be in the top five,
/// a legal term the expansion must add)
const LAY_QUESTIONS: &[(&str, &[&str], &str)] = &[
    ("催收爆通讯录", &["民法典:1033", "民法典:1034"], "个人信息"),
    ("被人肉了", &["民法典:1032", "民法典:1034"], "个人信息"),
    (
        "催收天天打电话骚扰我",
        &["民法典:1033", "治安管理处罚法:50"],
        "私人生活安宁",
    ),
    ("网贷利息太高", &["民法典:680"], "利率"),
    ("借钱不还怎么办", &["民法典:667", "民法典:675"], "借款"),
    ("狗咬人谁负责", &["民法典:1245"], "饲养的动物"),
    ("捡到东西不还", &["民法典:314"], "拾得"),
    ("搭顺风车出了车祸", &["民法典:1217"], "无偿搭乘"),
    // A threat in everyday words.
    ("催收说要弄死我全家", &["治安管理处罚法:50"], "人身安全"),
    // 私拆快递 with 我的 inserted.
    ("同事私拆我的快递", &["治安管理处罚法:57"], "私自开拆"),
    // An age names the capacity.
    ("孩子才一岁离婚判给谁", &["民法典:1084"], "无民事行为能力人"),
    (
        "12岁的孩子偷偷充值游戏能退吗",
        &["民法典:19"],
        "限制民事行为能力人",
    ),
    (
        "邻居家的狗整天叫",
        &["治安管理处罚法:89"],
        "干扰他人正常生活",
    ),
];

/// Questions asking what something is find the article that opens its part
/// (usually the definition) first.
#[test]
fn definition_questions_find_the_opening_article_first() {
    for (query, expected) in [
        ("最高额抵押是什么", "民法典:420"),
        ("居住权是什么意思", "民法典:366"),
    ] {
        let ids = hit_ids(&search_json(&["--limit", "3", query]));
        assert_eq!(
            ids.first().map(String::as_str),
            Some(expected),
            "{query:?} should find {expected} first, got {ids:?}"
        );
    }
}

#[test]
fn lay_questions_find_the_legal_articles() {
    for (query, expected, expansion) in LAY_QUESTIONS {
        let results = search_json(&["--limit", "5", query]);
        let ids = hit_ids(&results);
        assert!(
            expected.iter().any(|a| ids.contains(&a.to_string())),
            "{query:?} should find one of {expected:?} in the top 5, got {ids:?}"
        );
        let expansions: Vec<&str> = results["expansions"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        assert!(
            expansions.contains(expansion),
            "{query:?} should also search {expansion}, expansions were {expansions:?}"
        );
    }
}

#[test]
fn expansions_are_shown_and_no_expand_turns_them_off() {
    fatiao()
        .args(["search", "被人肉了"])
        .assert()
        .success()
        .stdout(predicate::str::contains("也搜索了：个人信息"));
    fatiao()
        .args(["search", "--no-expand", "被人肉了"])
        .assert()
        .stdout(predicate::str::contains("也搜索了").not());
    let plain = search_json(&["--no-expand", "催收爆通讯录"]);
    assert_eq!(
        plain["expansions"],
        serde_json::json!([]),
        "--no-expand must add nothing: {plain}"
    );
}

#[test]
fn eval_reports_metrics_and_misses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let questions = dir.path().join("questions.jsonl");
    fs::write(
        &questions,
        concat!(
            "{\"query\": \"散布他人隐私\", \"gold\": [\"治安管理处罚法:50\"]}\n",
            "{\"query\": \"zzzz\", \"gold\": [\"民法典:1032\"]}\n",
        ),
    )
    .expect("write question set");
    fatiao()
        .arg("eval")
        .arg(&questions)
        .arg("--halves")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("2 queries")
                .and(predicate::str::contains("recall"))
                .and(predicate::str::contains("MRR"))
                .and(predicate::str::contains("line 2: zzzz"))
                .and(predicate::str::contains("（奇数行）: 1 queries")),
        );
    let output = fatiao()
        .arg("eval")
        .arg(&questions)
        .args(["--format", "json"])
        .output()
        .expect("run fatiao eval");
    let reports: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("eval --format json prints JSON");
    let metrics = &reports[0]["metrics"];
    assert_eq!(
        metrics["hit"][2], 0.5,
        "one of two questions has its gold in the top 10: {metrics}"
    );
    assert_eq!(
        reports[0]["outcomes"][0]["gold_ranks"][0], 1,
        "散布他人隐私 finds 治安管理处罚法第五十条 first: {reports}"
    );
}

#[test]
fn eval_rejects_a_gold_article_that_does_not_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let questions = dir.path().join("bad.jsonl");
    fs::write(
        &questions,
        "{\"query\": \"隐私\", \"gold\": [\"民法典:1032\"]}\n{\"query\": \"隐私\", \"gold\": [\"民法典:9999\"]}\n",
    )
    .expect("write question set");
    fatiao()
        .arg("eval")
        .arg(&questions)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:2"));
    fatiao()
        .args(["eval", "--set", "nonsense=1"])
        .arg(&questions)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown knob"));
}
