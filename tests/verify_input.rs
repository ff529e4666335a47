//! Issue 15: `verify` reads what people have: GBK text from Windows Notepad,
//! Word `.docx` files, dates written 2026年1月1日; it refuses impossible
//! dates, and carries 款/项 across to the current article.

use std::io::Write;

use crate::util::fatiao;
use predicates::prelude::*;
use predicates::str::contains;

const LETTER: &str = "投诉信\n\
    催收人员向我的亲友透露欠款信息，违反《民法典》第1032条。\n\
    对方多次发送侮辱短信，违反《治安管理处罚法》第42条第5项。\n";

fn write_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write the draft");
    path
}

/// What `verify` must say about [`LETTER`] as of 2026-11-28.
fn checks_the_letter(path: &std::path::Path, format_notice: Option<&str>) {
    let assert = fatiao()
        .arg("verify")
        .arg(path)
        .args(["--as-of", "2026-11-28"])
        .assert()
        .code(1)
        .stdout(contains(":2:").and(contains("✓ 正确 《民法典》第1032条")))
        .stdout(contains(":3:").and(contains("已过时 《治安管理处罚法》第42条第5项")))
        .stdout(contains(
            "建议改为：《中华人民共和国治安管理处罚法》第五十条第一款第五项",
        ));
    match format_notice {
        Some(words) => assert.stderr(contains(words)),
        None => assert.stderr(""),
    };
}

#[test]
fn a_gbk_text_file_is_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(LETTER);
    assert!(!unmappable, "the letter is GBK text");
    assert!(std::str::from_utf8(&gbk).is_err(), "and not UTF-8");
    let path = write_file(&dir, "投诉信.txt", &gbk);
    checks_the_letter(&path, Some("GB18030（GBK）"));
}

#[test]
fn utf8_with_a_bom_and_standard_input_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(LETTER.as_bytes());
    let path = write_file(&dir, "bom.txt", &bytes);
    checks_the_letter(&path, None);
    let (gbk, _, _) = encoding_rs::GBK.encode(LETTER);
    fatiao()
        .args(["verify", "-", "--as-of", "2026-11-28"])
        .write_stdin(gbk.into_owned())
        .assert()
        .code(1)
        .stdout(contains("-:2:"))
        .stderr(contains("GB18030"));
}

/// A minimal but complete Word document: content types, relationships and
/// the main part, deflated as Word writes them, one w:p per line of `text`.
fn docx(text: &str) -> Vec<u8> {
    let paragraphs: String = text
        .lines()
        .map(|line| {
            // Word splits a paragraph into runs; split each line in two.
            let middle = line.char_indices().nth(line.chars().count() / 2);
            let (a, b) = line.split_at(middle.map_or(0, |(i, _)| i));
            format!(
                "<w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>"
            )
        })
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}<w:sectPr/></w:body></w:document>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(body.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

#[test]
fn a_docx_is_read_paragraph_by_paragraph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_file(&dir, "投诉信.docx", &docx(LETTER));
    // Lines are the document's paragraphs: the findings keep their line numbers.
    checks_the_letter(&path, Some("Word 文档（.docx）"));
    fatiao()
        .arg("verify")
        .arg(&path)
        .args(["--as-of", "2026-11-28", "--format", "json"])
        .assert()
        .stdout(contains("\"line\": 3"));
}

#[test]
fn files_that_are_not_drafts_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes, words) in [
        (
            "old.doc",
            &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..],
            "另存为 .docx",
        ),
        ("broken.docx", &b"PK\x03\x04not really"[..], ".docx"),
        ("image.bin", &b"\x00\x01\x02\x03"[..], "不是文本文件"),
    ] {
        let path = write_file(&dir, name, bytes);
        fatiao()
            .arg("verify")
            .arg(&path)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(name).and(contains(words)));
    }
}

#[test]
fn as_of_dates_in_the_forms_people_write() {
    for date in ["2026年1月1日", "2026-1-1", "2026-01-01", "2026/1/1"] {
        fatiao()
            .args(["verify", "-", "--as-of", date])
            .write_stdin("违反《治安管理处罚法》第五十条。")
            .assert()
            .success()
            .stdout(contains("按2026-01-01施行的法律核对"));
    }
    // The day before the 2025 revision took effect, the 2012 text applies.
    fatiao()
        .args(["verify", "-", "--as-of", "2025年12月31日"])
        .write_stdin("违反《治安管理处罚法》第四十二条第五项。")
        .assert()
        .success()
        .stdout(contains("按2025-12-31施行的法律核对"));
}

#[test]
fn impossible_dates_are_refused() {
    for (date, words) in [
        ("2026-02-31", "2026年2月只有28天"),
        ("2026年4月31日", "2026年4月只有30天"),
        ("2026-13-01", "月份"),
        ("明天", "格式"),
    ] {
        fatiao()
            .args(["verify", "-", "--as-of", date])
            .write_stdin("违反《民法典》第1032条。")
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(words));
    }
}

#[test]
fn verify_says_when_an_item_cannot_be_carried_across() {
    // 2012 第十九条第二项 (主动消除或者减轻违法后果，并取得被侵害人谅解) became two
    // items of 2025 第二十条: no one item is its counterpart.
    fatiao()
        .args(["verify", "-", "--as-of", "2026-11-28"])
        .write_stdin("依据《治安管理处罚法》（2012年修正）第十九条第二项。")
        .assert()
        .code(1)
        .stdout(contains(
            "建议改为：《中华人民共和国治安管理处罚法》第二十条\n",
        ))
        .stdout(contains("找不到明确对应"));
    fatiao()
        .args(["verify", "-", "--as-of", "2026-11-28"])
        .write_stdin("依据《治安管理处罚法》（2012年修正）第十九条第三项。")
        .assert()
        .code(1)
        .stdout(contains(
            "建议改为：《中华人民共和国治安管理处罚法》第二十条第四项",
        ));
}
