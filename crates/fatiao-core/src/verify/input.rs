//! Reading a draft to check: a text file in UTF-8 (with or without BOM),
//! UTF-16 with BOM, or GB18030/GBK (what Windows Notepad in Chinese saves),
//! or a Word `.docx` (its text, one paragraph a line).

use std::io::Read;

use encoding_rs::{Encoding, GB18030};
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::error::{Error, Result};

/// The most a `.docx`'s text part may unpack to; a real letter is far smaller.
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// What the bytes of a draft turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftFormat {
    Utf8,
    Utf16,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// A Word document (Office Open XML).
    Docx,
}

impl DraftFormat {
    /// How a notice names it: UTF-8, GB18030（GBK）, Word 文档（.docx）.
    pub fn label(self) -> &'static str {
        match self {
            DraftFormat::Utf8 => "UTF-8",
            DraftFormat::Utf16 => "UTF-16",
            DraftFormat::Gb18030 => "GB18030（GBK）",
            DraftFormat::Docx => "Word 文档（.docx）",
        }
    }
}

/// A draft's text and what it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub format: DraftFormat,
}

/// Reads a draft from its bytes: a `.docx` by its content (a zip with
/// `word/document.xml`), else text in UTF-8, UTF-16 (BOM) or GB18030.
/// `name` is for messages only.
pub fn read_draft(bytes: &[u8], name: &str) -> Result<Draft> {
    let bad = |message: String| Error::Input(format!("{name}：{message}"));
    if bytes.starts_with(b"PK\x03\x04") {
        let text = docx_text(bytes).map_err(bad)?;
        return Ok(Draft {
            text,
            format: DraftFormat::Docx,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(bad(
            "这是旧版 Word 文档（.doc），无法读取；请在 Word 中另存为 .docx 或 UTF-8 文本"
                .to_string(),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(bad(
            "这是 PDF 文件，无法读取其中的文字；请另存为 .docx 或文本文件".to_string(),
        ));
    }
    let (text, format) = decode_text(bytes).ok_or_else(|| {
        bad("无法识别文本编码（既不是 UTF-8，也不是 GBK/GB18030）；请另存为 UTF-8 文本".to_string())
    })?;
    if looks_binary(&text) {
        return Err(bad(
            "不是文本文件（含有控制字符）；请提供 .txt 或 .docx 文件".to_string(),
        ));
    }
    Ok(Draft { text, format })
}

/// A file that decoded but is not text: a NUL (no text in these encodings
/// has one; a binary file almost always does), or control characters making
/// up more than a quarter of it. A few escape sequences in a real letter are
/// read like the rest and shown escaped ([`crate::sanitize`]).
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return true;
        }
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    controls * 4 > chars
}

/// Text in UTF-8 (a BOM dropped), UTF-16 with a BOM, or GB18030; `None`
/// when it is none of them without errors.
fn decode_text(bytes: &[u8]) -> Option<(String, DraftFormat)> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let format = if encoding == encoding_rs::UTF_8 {
            DraftFormat::Utf8
        } else {
            DraftFormat::Utf16
        };
        let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
        return Some((text.into_owned(), format));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), DraftFormat::Utf8));
    }
    let text = GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some((text.into_owned(), DraftFormat::Gb18030))
}

/// The text of a `.docx`: each paragraph (w:p) a line, tabs and line breaks
/// kept; deleted tracked changes and field codes left out.
fn docx_text(bytes: &[u8]) -> std::result::Result<String, String> {
    let not_docx = |e: &dyn std::fmt::Display| format!("不是可读取的 Word 文档（.docx）：{e}");
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_docx(&e))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| not_docx(&e))?
        .take(MAX_DOCUMENT_XML)
        .read_to_string(&mut xml)
        .map_err(|e| not_docx(&e))?;
    document_text(&xml).map_err(|e| not_docx(&e))
}

/// The paragraphs of WordprocessingML `word/document.xml`.
fn document_text(xml: &str) -> std::result::Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    // Inside <w:t>: text to keep (not <w:delText> or <w:instrText>).
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::CData(t) if in_text => out.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    out.push(c);
                } else {
                    out.push_str(match r.xml_content(XmlVersion::Implicit1_0).as_ref() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "apos" => "'",
                        "quot" => "\"",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "投诉信\n对方多次发送侮辱短信，违反《治安管理处罚法》第四十二条。\n";

    #[test]
    fn text_in_every_encoding_people_save() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(LETTER);
        assert!(!unmappable);
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(LETTER.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in LETTER.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let cases: [(&[u8], DraftFormat); 4] = [
            (LETTER.as_bytes(), DraftFormat::Utf8),
            (&utf8_bom, DraftFormat::Utf8),
            (&utf16, DraftFormat::Utf16),
            (&gbk, DraftFormat::Gb18030),
        ];
        for (bytes, format) in cases {
            let draft = read_draft(bytes, "letter.txt").expect("reads");
            assert_eq!(draft.text, LETTER, "{format:?}");
            assert_eq!(draft.format, format);
        }
    }

    #[test]
    fn other_files_are_refused_with_what_to_do() {
        for (bytes, words) in [
            (&b"\xD0\xCF\x11\xE0rest"[..], ".doc"),
            (&b"%PDF-1.7"[..], "PDF"),
            (&b"PK\x03\x04broken"[..], ".docx"),
            (&b"\x00\x01\x02binary"[..], "控制字符"),
            (&b"\xFF\xFF\xFF"[..], "编码"),
        ] {
            match read_draft(bytes, "x") {
                Ok(d) => panic!("{bytes:?} should be refused, read {d:?}"),
                Err(e) => assert!(e.to_string().contains(words), "{bytes:?}: {e}"),
            }
        }
    }

    #[test]
    fn a_few_control_characters_in_a_letter_are_read_and_left_to_the_output_to_escape() {
        let hostile = "依据《\x1b]0;PWNED\x07民法典》第1032条。\x1b]52;c;cHduZWQ=\x07";
        let draft = read_draft(hostile.as_bytes(), "-").expect("a letter, not a binary file");
        assert_eq!(draft.text, hostile);
        assert!(
            read_draft(b"\x1b\x07\x1b\x07ab", "-").is_err(),
            "mostly controls"
        );
    }

    #[test]
    fn document_xml_paragraphs_tabs_breaks_and_entities() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>违反《民法典》</w:t></w:r><w:r><w:t xml:space="preserve">第1032条 </w:t></w:r></w:p>
<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B&amp;C</w:t><w:br/><w:t>D</w:t></w:r>
<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>
<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
<w:p/>
</w:body></w:document>"#;
        assert_eq!(
            document_text(xml).expect("parses"),
            "违反《民法典》第1032条 \nA\tB&C\nD\n\n"
        );
    }
}
