//! `fatiao letter`: the letter and the templates as text, Markdown and .docx,
//! the .docx read back by a real reader (pandoc), `--marked` from the saved
//! TUI list, and the refusals (unknown format, a missing article).
//!
//! The pandoc test skips, saying so, only when pandoc is not installed (CI installs it).

use std::path::Path;
use std::process::Command;

use crate::util::{corpus, fatiao};

/// The 2025 PSAPL's 第五十条第一款第五项 with its paragraph's lead-in
/// (有下列行为之一的，处……), and 民法典第一千零三十二条, from the corpus.
fn cited_texts() -> Vec<String> {
    let corpus = corpus();
    let article = |id: &str, number: u32| {
        corpus
            .get(id)
            .and_then(|s| s.article(fatiao::ArticleNo { number, suffix: 0 }))
            .unwrap_or_else(|| panic!("{id} {number} is in the corpus"))
            .clone()
    };
    let psapl = article("治安管理处罚法@2025", 50);
    let civil = article("民法典@2020", 1032);
    vec![
        psapl.paragraphs[0].text.clone(),
        psapl.paragraphs[0].items[4].text.clone(),
        civil.paragraphs[0].text.clone(),
        civil.paragraphs[1].text.clone(),
    ]
}

const REFS: &[&str] = &["治安法第50条第1款第5项", "民法典1032"];

const PARAGRAPH: &str = "根据《中华人民共和国治安管理处罚法》第五十条第一款第五项和《中华人民共和国民法典》第一千零三十二条的规定，";

fn pandoc_available() -> bool {
    Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The text pandoc reads from a .docx, as plain text without line wrapping.
fn pandoc_text(docx: &Path) -> String {
    let output = Command::new("pandoc")
        // Standalone: the Title paragraph is the document's title, printed only then.
        .args([
            "--from",
            "docx",
            "--to",
            "plain",
            "--wrap",
            "none",
            "--standalone",
        ])
        .arg(docx)
        .output()
        .expect("pandoc runs");
    assert!(
        output.status.success(),
        "pandoc could not read {}: {}",
        docx.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pandoc prints UTF-8")
}

#[test]
fn a_docx_letter_and_template_read_back_with_pandoc_hold_the_words() {
    if !pandoc_available() {
        eprintln!(
            "SKIPPED a_docx_letter_and_template_read_back_with_pandoc: pandoc is not installed"
        );
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    for (template, extra) in [
        ("letter", &[][..]),
        (
            "police",
            &[
                "报警材料",
                "投诉人",
                "被投诉人",
                "事实与理由",
                "诉求",
                "证据清单",
                "不是法律意见",
            ][..],
        ),
        (
            "regulator",
            &["国家金融监督管理总局", "12378", "证据清单"][..],
        ),
    ] {
        let path = temp.path().join(format!("{template}.docx"));
        fatiao()
            .args(["letter", "--template", template, "--output"])
            .arg(&path)
            .args(REFS)
            .assert()
            .success()
            .stdout("");
        let text = pandoc_text(&path);
        // pandoc may put a paragraph's runs on one line: compare without line breaks.
        let flat: String = text.split_whitespace().collect();
        let flat_of = |s: &str| s.split_whitespace().collect::<String>();
        for word in std::iter::once(PARAGRAPH.to_string())
            .chain(cited_texts())
            .chain(extra.iter().map(|s| s.to_string()))
            .chain([
                "附：所引条文".to_string(),
                "《中华人民共和国治安管理处罚法》第五十条第一款第五项".to_string(),
            ])
        {
            assert!(
                flat.contains(&flat_of(&word)),
                "{template}.docx read by pandoc lacks {word:?}:\n{text}"
            );
        }
    }
}

#[test]
fn markdown_and_text_files_by_extension_and_text_on_stdout() {
    let temp = tempfile::tempdir().expect("temp dir");
    let md = temp.path().join("引用.md");
    fatiao()
        .arg("letter")
        .arg("-o")
        .arg(&md)
        .args(REFS)
        .assert()
        .success()
        .stderr(predicates::str::contains("已写入"));
    let markdown = std::fs::read_to_string(&md).expect("written");
    assert!(markdown.starts_with(PARAGRAPH), "{markdown}");
    assert!(markdown.contains("## 附：所引条文"), "{markdown}");
    for text in cited_texts() {
        assert!(
            markdown
                .lines()
                .any(|l| l.starts_with("> ") && l.contains(&text)),
            "quotes {text}:\n{markdown}"
        );
    }

    let txt = temp.path().join("投诉.txt");
    fatiao()
        .args(["letter", "-t", "platform", "-o"])
        .arg(&txt)
        .args(REFS)
        .assert()
        .success()
        .stderr(predicates::str::contains("模板不是法律意见"));
    let plain = std::fs::read_to_string(&txt).expect("written");
    assert!(plain.starts_with("投诉书\n"), "{plain}");
    assert!(plain.contains("投诉人：【"), "{plain}");

    let output = fatiao()
        .args(["letter", "-t", "lawyer"])
        .args(REFS)
        .output()
        .expect("runs");
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(printed.starts_with("律师函\n"), "{printed}");
    assert!(printed.contains(PARAGRAPH), "{printed}");
}

#[test]
fn nothing_is_written_for_a_missing_article_or_an_unknown_format() {
    let temp = tempfile::tempdir().expect("temp dir");
    let path = temp.path().join("x.docx");
    fatiao()
        .args(["letter", "-o"])
        .arg(&path)
        .args(["民法典1032", "民法典9999"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("民法典"));
    assert!(!path.exists(), "no half letter is written");

    let pdf = temp.path().join("x.pdf");
    fatiao()
        .args(["letter", "-o"])
        .arg(&pdf)
        .arg("民法典1032")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".docx"));
    assert!(!pdf.exists());

    fatiao()
        .args(["letter", "--template", "complaint", "民法典1032"])
        .assert()
        .code(2);
}

#[test]
fn the_list_marked_in_the_tui_is_used_with_marked() {
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    // Nothing saved yet: a clear message, exit 2.
    fatiao()
        .env("FATIAO_DATA", &data)
        .args(["letter", "--marked"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("没有标记的引用清单"));
    // What the TUI saves (its citation store), then read by the command.
    let corpus = corpus();
    let refs = fatiao::reference::resolve_query("治安法第50条第1款第5项", &corpus, false)
        .expect("resolves");
    fatiao::tui::citation_store::CitationStore::in_dir(&data)
        .save(&refs)
        .expect("saved");
    let output = fatiao()
        .env("FATIAO_DATA", &data)
        .args(["letter", "--marked", "民法典1032"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with(PARAGRAPH),
        "marked first, then the arguments:\n{text}"
    );
}

#[test]
fn a_letter_takes_a_list_and_says_an_old_number_on_stderr() {
    let output = fatiao()
        .args(["letter", "民法典1024、1033"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with("根据《中华人民共和国民法典》第一千零二十四条、第一千零三十三条的规定，"),
        "both articles of the list are cited:\n{text}"
    );
    assert!(output.stderr.is_empty(), "no notice for 民法典");

    // The old number is cited as written (it exists now), and the notice
    // that it meant another rule goes to stderr, not into the letter.
    let output = fatiao()
        .args(["letter", "治安管理处罚法第四十二条"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        stderr.contains("旧编号提醒：治安管理处罚法第四十二条") && stderr.contains("第五十条"),
        "{stderr}"
    );
    assert!(!text.contains("旧编号提醒"), "{text}");
}

#[test]
fn a_docx_letter_is_read_back_by_verify() {
    let temp = tempfile::tempdir().expect("temp dir");
    let path = temp.path().join("报警材料.docx");
    fatiao()
        .args(["letter", "-t", "police", "-o"])
        .arg(&path)
        .args(REFS)
        .assert()
        .success();
    // The writer's stored entries and the reader's zip are the same crate:
    // the citations fatiao wrote are found again, and they are right.
    fatiao()
        .arg("verify")
        .arg(&path)
        .args(["--as-of", "2026-11-28"])
        .assert()
        .success()
        .stderr(predicates::str::contains("Word 文档（.docx）"))
        .stdout(predicates::str::contains(
            "《中华人民共和国治安管理处罚法》第五十条第一款第五项",
        ))
        .stdout(predicates::str::contains(
            "《中华人民共和国民法典》第一千零三十二条",
        ));
}
