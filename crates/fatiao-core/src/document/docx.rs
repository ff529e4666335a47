//! A `.docx` (Office Open XML, ECMA-376) writer for [`Document`]s.
//!
//! A `.docx` is a zip archive of a few XML parts; fatiao's documents need
//! five: the content types, the package relationships, the document, its
//! relationships and the styles (Title, Heading 1, Heading 2 and a quotation
//! style, so Word, LibreOffice and pandoc see the structure). The XML is
//! written here rather than through docx-rs because that crate pins a second
//! `base64` version into the tree; the zip container comes from the `zip`
//! crate, entries stored uncompressed (the documents are a few kilobytes).

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::{Block, Document, Inline};
use crate::error::{Error, Result};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Song (SimSun) at 12 pt for body text, as Chinese letters and filings use;
/// headings bold, the title at 18 pt and centred.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="360"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="180" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="420" w:firstLine="480"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Notice"><w:name w:val="Notice"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="4" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:space="4" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="4" w:color="999999"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style></w:styles>"#;

const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

/// A4 with 2.5 cm margins.
const DOCUMENT_END: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#;

/// How a run looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Look {
    Plain,
    Bold,
    /// Something the user must fill in: highlighted.
    Blank,
}

/// The `.docx` bytes of `doc`.
pub(super) fn write(doc: &Document) -> Result<Vec<u8>> {
    let mut body = String::from(DOCUMENT_START);
    for block in &doc.blocks {
        match block {
            Block::Title(title) => paragraph(&mut body, Some("Title"), &[(Look::Plain, title)]),
            Block::Notice(text) => paragraph(&mut body, Some("Notice"), &[(Look::Bold, text)]),
            Block::Heading(text) => paragraph(&mut body, Some("Heading1"), &[(Look::Plain, text)]),
            Block::Paragraph(inlines) => {
                let runs: Vec<(Look, String)> = inlines
                    .iter()
                    .map(|i| match i {
                        Inline::Text(t) => (Look::Plain, t.clone()),
                        Inline::Blank(b) => (Look::Blank, format!("【{b}】")),
                    })
                    .collect();
                let runs: Vec<(Look, &str)> = runs.iter().map(|(l, t)| (*l, t.as_str())).collect();
                paragraph(&mut body, None, &runs);
            }
            Block::Field { label, blank } => {
                let blank = format!("【{blank}】");
                paragraph(
                    &mut body,
                    None,
                    &[(Look::Bold, &format!("{label}：")), (Look::Blank, &blank)],
                );
            }
            Block::Quote {
                number,
                citation,
                lines,
                note,
            } => {
                paragraph(
                    &mut body,
                    Some("Heading2"),
                    &[(Look::Plain, &format!("{number}. {citation}"))],
                );
                for line in lines {
                    paragraph(&mut body, Some("Quote"), &[(Look::Plain, line)]);
                }
                if let Some(note) = note {
                    paragraph(
                        &mut body,
                        Some("Quote"),
                        &[(Look::Plain, &format!("（{note}）"))],
                    );
                }
            }
        }
    }
    body.push_str(DOCUMENT_END);
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", &body),
    ])
}

/// Appends one `<w:p>` with `style` and `runs`.
fn paragraph(out: &mut String, style: Option<&str>, runs: &[(Look, &str)]) {
    out.push_str("<w:p>");
    if let Some(style) = style {
        out.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
    }
    for (look, text) in runs {
        if text.is_empty() {
            continue;
        }
        out.push_str("<w:r>");
        match look {
            Look::Plain => {}
            Look::Bold => out.push_str("<w:rPr><w:b/></w:rPr>"),
            Look::Blank => out.push_str("<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>"),
        }
        out.push_str("<w:t xml:space=\"preserve\">");
        out.push_str(&xml_escape(text));
        out.push_str("</w:t></w:r>");
    }
    out.push_str("</w:p>");
}

/// Text as XML character data: the markup characters escaped, and the
/// control characters XML 1.0 forbids dropped.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The zip archive holding `parts` (name, XML), in that order.
fn package(parts: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, xml) in parts {
        zip.start_file(*name, options).map_err(zip_error)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

fn zip_error(err: zip::result::ZipError) -> Error {
    match err {
        zip::result::ZipError::Io(io) => Error::Io(io),
        other => Error::Io(std::io::Error::other(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_forbidden_ones_dropped() {
        assert_eq!(
            xml_escape("a<b & \"c\">\u{1}d\te"),
            "a&lt;b &amp; &quot;c&quot;&gt;d e"
        );
    }

    #[test]
    fn the_archive_holds_the_parts_word_needs() {
        let doc = Document {
            kind: super::super::DocumentKind::Letter,
            blocks: vec![Block::Title("标题 <1>".into())],
        };
        let bytes = write(&doc).expect("writes");
        assert_eq!(&bytes[..2], b"PK", "a zip archive");
        let text = String::from_utf8_lossy(&bytes);
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/_rels/document.xml.rels",
        ] {
            assert!(text.contains(part), "the archive names {part}");
        }
        // Stored entries: the XML is readable in the archive as it is.
        assert!(
            text.contains("<w:t xml:space=\"preserve\">标题 &lt;1&gt;</w:t>"),
            "the title run, escaped"
        );
    }
}
