//! Issue 5 from the command line: citation styles, merged citations and
//! letters (`cite`), checking drafts (`verify`), the PSAPL correspondence in
//! `show`, and cross-references (`show --refs`).

use crate::util::fatiao;
use predicates::str::contains;

#[test]
fn cite_styles_and_merging() {
    const CASES: &[(&[&str], &str)] = &[
        (
            &["民法典1032"],
            "《中华人民共和国民法典》第一千零三十二条\n",
        ),
        (
            &["--style", "short", "民法典1032"],
            "《民法典》第一千零三十二条\n",
        ),
        (
            &["治安法第50条第1款第5项"],
            "《中华人民共和国治安管理处罚法》第五十条第一款第五项\n",
        ),
        (
            &["治安管理处罚法（2012）第42条"],
            "《中华人民共和国治安管理处罚法》（2012年修正）第四十二条\n",
        ),
        (
            &["催收公约第十三条"],
            "《互联网金融逾期债务催收自律公约（试行）》第十三条\n",
        ),
        (
            &[
                "--merge",
                "民法典1032",
                "民法典1034",
                "治安法第50条第1款第5项",
                "治安法第50条第1款第6项",
            ],
            "《中华人民共和国民法典》第一千零三十二条、第一千零三十四条和《中华人民共和国治安管理处罚法》第五十条第一款第五项、第六项\n",
        ),
    ];
    for (args, expected) in CASES {
        fatiao()
            .arg("cite")
            .args(*args)
            .assert()
            .success()
            .stdout(*expected);
    }
}

#[test]
fn letter_quotes_each_cited_provision_from_the_corpus() {
    let output = fatiao()
        .args(["cite", "--letter", "民法典1032", "治安法第50条第1款第5项"])
        .output()
        .expect("run fatiao");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert!(
        text.starts_with("根据《中华人民共和国民法典》第一千零三十二条和《中华人民共和国治安管理处罚法》第五十条第一款第五项的规定，"),
        "letter paragraph:\n{text}"
    );
    // The appendix quotes the corpus: compare with what `show` prints of the same item.
    let corpus = fatiao::Corpus::builtin().expect("built-in corpus");
    let item = &corpus
        .get("治安管理处罚法@2025")
        .and_then(|s| {
            s.article(fatiao::ArticleNo {
                number: 50,
                suffix: 0,
            })
        })
        .expect("2025 art. 50")
        .paragraphs[0]
        .items[4];
    assert!(
        text.contains(&item.text),
        "appendix should quote item 5 in full:\n{text}"
    );

    let json = fatiao()
        .args(["cite", "--letter", "--format", "json", "民法典1032"])
        .output()
        .expect("run fatiao");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON letter");
    assert_eq!(
        value["letter"]["appendix"][0]["article"], 1032,
        "the letter is under `letter` in the cite document: {value}"
    );
}

#[test]
fn a_letter_with_a_missing_citation_prints_nothing_and_fails() {
    fatiao()
        .args(["cite", "--letter", "民法典1032", "民法典1300"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("民法典共1260条，没有第1300条"));
}

#[test]
fn verify_a_letter_from_standard_input() {
    let letter = "催收人员的行为违反《民法典》第1032条、第1034条，\n\
                  也违反《治安管理处罚法》第四十二条第五项和《催收公约》第十六条。\n";
    fatiao()
        .args(["verify", "-", "--as-of", "2026-11-28"])
        .write_stdin(letter)
        .assert()
        .code(1)
        .stdout(contains("-:1:10: ✓ 正确 《民法典》第1032条"))
        .stdout(contains("已过时 《治安管理处罚法》第四十二条第五项"))
        .stdout(contains(
            "建议改为：《中华人民共和国治安管理处罚法》第五十条",
        ))
        .stdout(contains("无法核对"));
    // The same letter written in 2025 cited the law of its day.
    fatiao()
        .args(["verify", "-", "--as-of", "2025-06-01"])
        .write_stdin("违反《治安管理处罚法》第四十二条第五项。")
        .assert()
        .success()
        .stdout(contains("正确"));
}

#[test]
fn verify_json_and_errors() {
    let output = fatiao()
        .args(["verify", "-", "--format", "json", "--as-of", "2026-11-28"])
        .write_stdin("依据《民法典》第一千零三十二条。")
        .output()
        .expect("run fatiao");
    assert_eq!(output.status.code(), Some(0), "all citations ok");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let finding = &value["findings"][0];
    assert_eq!(finding["verdict"], "ok", "{value}");
    assert_eq!(finding["line"], 1);
    assert_eq!(
        finding["citation"],
        "《中华人民共和国民法典》第一千零三十二条"
    );

    fatiao()
        .args(["verify", "-", "--as-of", "2026/02/30"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(contains("2026年2月只有28天"));
    fatiao()
        .args(["verify", "/nonexistent/letter.txt"])
        .assert()
        .code(2)
        .stderr(contains("无法读取"));
    let dir = tempfile::tempdir().expect("temp dir");
    // Neither UTF-8 nor GB18030 (GBK text such as b"\xd6\xd0\xce\xc4" is read).
    let undecodable = dir.path().join("letter.txt");
    std::fs::write(&undecodable, b"\xff\xff\xff\xff").expect("write file");
    fatiao()
        .arg("verify")
        .arg(&undecodable)
        .assert()
        .code(2)
        .stderr(contains("UTF-8"));
}

#[test]
fn show_names_the_counterpart_in_the_other_psapl_version() {
    fatiao()
        .args(["show", "治安管理处罚法（2012）第42条"])
        .assert()
        .success()
        .stdout(contains(
            "对应现行条文：《中华人民共和国治安管理处罚法》第五十条",
        ))
        .stdout(contains("非官方对照表"));
    fatiao()
        .args(["show", "治安法", "56"])
        .assert()
        .success()
        .stdout(contains("治安管理处罚法（2012年修正）中没有对应条文"));
}

#[test]
fn show_refs_resolves_references_inside_the_text() {
    fatiao()
        .args(["show", "--refs", "治安法50"])
        .assert()
        .success()
        .stdout(contains(
            "前款第五项 → 《中华人民共和国治安管理处罚法》第五十条第一款第五项",
        ));
}

#[test]
fn correspondence_command_reproduces_the_stored_tables() {
    let stored = include_str!("../corpus/治安管理处罚法-对应表.tsv");
    fatiao()
        .arg("correspondence")
        .assert()
        .success()
        .stdout(stored);
    let stored = include_str!("../corpus/网络安全法-对应表.tsv");
    fatiao()
        .args(["correspondence", "网络安全法"])
        .assert()
        .success()
        .stdout(stored);
    fatiao()
        .args(["correspondence", "民法典"])
        .assert()
        .code(2)
        .stderr(contains("有两个版本的法律：治安管理处罚法、网络安全法"));
}
