//! The statutes added in the sixth round, from the command line: document
//! kinds, 之X articles, deleted articles, the 批复 beside the 民间借贷规定,
//! text outside any article, and a complaint letter citing the new laws.

use crate::util::fatiao;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

#[test]
fn a_letter_citing_the_new_laws_is_all_ok() {
    let dir = tempfile::tempdir().expect("temp dir");
    let letter = dir.path().join("投诉信.txt");
    std::fs::write(
        &letter,
        "催收方读取我的通讯录并群发短信，违反《个人信息保护法》第十三条；\
         上门威胁构成《刑法》第二百九十三条之一；约定利息超过《民间借贷规定》第二十五条的上限。\n",
    )
    .expect("write letter");
    fatiao()
        .arg("verify")
        .arg(&letter)
        .assert()
        .success()
        .stdout(
            contains("✓ 正确 《个人信息保护法》第十三条")
                .and(contains("✓ 正确 《刑法》第二百九十三条之一"))
                .and(contains("✓ 正确 《民间借贷规定》第二十五条"))
                .and(contains("正确3处")),
        );
}

#[test]
fn a_deleted_article_is_shown_as_deleted_and_never_passes_verify() {
    fatiao()
        .args(["show", "刑法第一百九十九条"])
        .assert()
        .success()
        .stdout(contains("第一百九十九条 （删去）").and(contains("本条已删除")));
    fatiao()
        .args(["verify", "-"])
        .write_stdin("依据《刑法》第一百九十九条。\n")
        .assert()
        .code(1)
        .stdout(contains("✗ 已删除").and(contains("不能作为依据")));
    // Nothing in it to find: a free-text search never ranks it.
    let out = fatiao()
        .args(["search", "--format", "json", "-n", "50", "删去"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let hits = json["hits"].as_array().cloned().unwrap_or_default();
    assert!(
        hits.iter()
            .all(|h| !(h["law"] == "刑法" && h["article"] == 199)),
        "刑法第一百九十九条 must not be ranked: {json}"
    );
}

#[test]
fn kinds_are_labelled_wherever_a_statute_is_named() {
    fatiao().arg("laws").assert().success().stdout(
        contains("《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》  司法解释")
            .and(contains(
                "《互联网金融逾期债务催收自律公约（试行）》  行业自律公约",
            ))
            .and(contains("《中华人民共和国刑法》  法律"))
            .and(contains("单一来源"))
            .and(contains(
                "《中华人民共和国网络安全法》  法律  2016版  已被修正",
            )),
    );
    fatiao()
        .args(["show", "民间借贷规定25"])
        .assert()
        .success()
        .stdout(contains(
            "民间借贷规定 · 司法解释 · 2020版 · 现行有效 · 单一来源",
        ));
    let out = fatiao()
        .args(["search", "--format", "json", "民间借贷规定第25条"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(json["hits"][0]["kind"], "judicial_interpretation", "{json}");
}

#[test]
fn the_reply_is_shown_beside_the_provisions() {
    fatiao()
        .args(["show", "民间借贷规定第二十五条"])
        .assert()
        .success()
        .stdout(
            contains(
                "参见《最高人民法院关于新民间借贷司法解释适用范围问题的批复》第一条（司法解释）",
            )
            .and(contains("一、关于适用范围问题。"))
            .and(contains("小额贷款公司")),
        );
    // Its points are cited as 第一条 and shown as written, 一、.
    fatiao()
        .args(["cite", "民间借贷批复第一条"])
        .assert()
        .success()
        .stdout("《最高人民法院关于新民间借贷司法解释适用范围问题的批复》第一条\n");
}

#[test]
fn text_outside_any_article_is_shown_with_its_statute() {
    fatiao().args(["show", "刑法"]).assert().success().stdout(
        contains("《中华人民共和国刑法》")
            .and(contains("共505条（其中1条已删除）"))
            .and(contains("注\n① 刑法、历次刑法修正案"))
            .and(contains("附件一\n"))
            .and(contains("附件二\n")),
    );
    fatiao()
        .args(["show", "民间借贷规定"])
        .assert()
        .success()
        .stdout(contains("序言\n为正确审理民间借贷纠纷案件"));
    // The footnote is not part of 第四百五十二条.
    fatiao()
        .args(["show", "刑法452"])
        .assert()
        .success()
        .stdout(contains("①").not());
}

#[test]
fn suffixed_articles_order_between_their_neighbours() {
    fatiao()
        .args(["show", "刑法第二百九十三条之一", "--context", "1"])
        .assert()
        .success()
        .stdout(
            contains("第二百九十三条 ")
                .and(contains(
                    "第二百九十三条之一 有下列情形之一，催收高利放贷等产生的非法债务",
                ))
                .and(contains("第二百九十四条 ")),
        );
}

#[test]
fn an_outdated_cybersecurity_law_number_is_flagged_with_its_counterpart() {
    fatiao()
        .args(["verify", "-"])
        .write_stdin(
            "网络运营者泄露了我的个人信息，没有对收集的用户信息严格保密，违反《网络安全法》第四十条。\n",
        )
        .assert()
        .code(1)
        .stdout(
            contains("✗ 已过时 《网络安全法》第四十条")
                .and(contains("建议改为：《中华人民共和国网络安全法》第四十二条")),
        );
    fatiao()
        .args(["show", "网络安全法（2016）第四十条"])
        .assert()
        .success()
        .stdout(contains(
            "对应现行条文：《中华人民共和国网络安全法》第四十二条",
        ));
}
