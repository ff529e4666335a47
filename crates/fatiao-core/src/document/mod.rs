//! Documents to file: the letter paragraph with its appendix, and templates
//! for the documents people facing abusive debt collection write (a complaint
//! to the platform, to the financial regulator, a report to the police, a
//! lawyer's letter), as plain text, Markdown or `.docx`.
//!
//! A [`Document`] is a list of [`Block`]s built from a [`Letter`]
//! ([`build`]); the cited provisions are always the corpus text the letter
//! quotes, with their citations. Everything the user must write is a
//! [`Inline::Blank`]: 【…】 in text and Markdown, highlighted in Word. Every
//! template opens with a notice that it is a template to complete and not
//! legal advice.
//!
//! ```
//! use fatiao_core::cite::{self, CiteStyle};
//! use fatiao_core::document::{self, DocFormat, DocumentKind};
//! use fatiao_core::reference;
//!
//! let corpus = fatiao_core::Corpus::builtin()?;
//! let refs = reference::resolve_query("民法典第1032条", &corpus, false)?;
//! let letter = cite::letter(&corpus, &refs, CiteStyle::Full)?;
//! let doc = document::build(DocumentKind::Police, &letter);
//! let text = String::from_utf8(doc.render(DocFormat::Text)?).unwrap();
//! assert!(text.contains("报警材料") && text.contains("事实与理由"));
//! assert!(text.contains("自然人享有隐私权"));
//! # Ok::<(), fatiao_core::Error>(())
//! ```

mod docx;
mod templates;

use std::path::Path;

use crate::cite::{self, Letter, Quotation};
use crate::error::Result;

/// What document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// 根据……的规定， and the cited provisions in full: to paste into one's own letter.
    Letter,
    /// A complaint to the lending platform or collection agency.
    Platform,
    /// A complaint to 国家金融监督管理总局 (hotline 12378).
    Regulator,
    /// 报警材料: a written report for the police.
    Police,
    /// 律师函: a skeleton for a lawyer to complete and sign.
    LawyerLetter,
}

impl DocumentKind {
    /// Every kind, in the order menus list them.
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::Letter,
        DocumentKind::Platform,
        DocumentKind::Regulator,
        DocumentKind::Police,
        DocumentKind::LawyerLetter,
    ];

    /// What it is, for menus: 向平台投诉（模板）.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Letter => "引用段落和所引条文",
            DocumentKind::Platform => "向平台投诉（模板）",
            DocumentKind::Regulator => "向国家金融监督管理总局投诉，12378（模板）",
            DocumentKind::Police => "报警材料（模板）",
            DocumentKind::LawyerLetter => "律师函骨架（模板）",
        }
    }

    /// The start of a file name: 报警材料.
    pub fn file_stem(self) -> &'static str {
        match self {
            DocumentKind::Letter => "引用条文",
            DocumentKind::Platform => "投诉平台",
            DocumentKind::Regulator => "金融监管投诉",
            DocumentKind::Police => "报警材料",
            DocumentKind::LawyerLetter => "律师函",
        }
    }

    /// Whether this is a template with blanks to fill in.
    pub fn is_template(self) -> bool {
        self != DocumentKind::Letter
    }
}

/// File formats a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocFormat {
    Text,
    Markdown,
    Docx,
}

impl DocFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Text => "txt",
            DocFormat::Markdown => "md",
            DocFormat::Docx => "docx",
        }
    }

    /// The format a file name asks for by its extension, if it is one of ours.
    pub fn from_path(path: &Path) -> Option<DocFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(DocFormat::Text),
            "md" | "markdown" => Some(DocFormat::Markdown),
            "docx" => Some(DocFormat::Docx),
            _ => None,
        }
    }
}

/// A run of text in a paragraph: the document's own words, or a blank the
/// user fills in (its text says what goes there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Blank(String),
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title, centred.
    Title(String),
    /// The template notice: what this is and what it is not.
    Notice(String),
    /// A section heading: 事实与理由.
    Heading(String),
    /// A paragraph of text and blanks.
    Paragraph(Vec<Inline>),
    /// `label：` followed by a blank: 投诉人：【姓名、联系电话】.
    Field { label: String, blank: String },
    /// One cited provision: its citation and its corpus text, line by line;
    /// for an item, the paragraph's lead-in first and the cited line marked
    /// ([`cite::render_lines`]).
    Quote {
        number: usize,
        citation: String,
        lines: Vec<String>,
        /// 部分收录: the statute is only partly held.
        note: Option<String>,
    },
}

/// A document ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub blocks: Vec<Block>,
}

/// The heading of the appendix of cited provisions.
pub const APPENDIX_HEADING: &str = "附：所引条文";

/// Builds the document of `kind` for the provisions `letter` cites.
pub fn build(kind: DocumentKind, letter: &Letter) -> Document {
    let blocks = match kind {
        DocumentKind::Letter => {
            let mut blocks = vec![Block::Paragraph(vec![Inline::Text(
                letter.paragraph.clone(),
            )])];
            blocks.extend(appendix(letter));
            blocks
        }
        _ => templates::blocks(kind, letter),
    };
    Document { kind, blocks }
}

/// The appendix: a heading, then each cited provision quoted in full.
fn appendix(letter: &Letter) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(APPENDIX_HEADING.to_string())];
    blocks.extend(
        letter
            .appendix
            .iter()
            .enumerate()
            .map(|(i, q)| quote_block(i + 1, q)),
    );
    blocks
}

fn quote_block(number: usize, q: &Quotation) -> Block {
    let note = q.partial.then(|| {
        if q.notice.is_empty() {
            "部分收录".to_string()
        } else if q.notice.contains("部分收录") {
            q.notice.clone()
        } else {
            format!("部分收录：{}", q.notice)
        }
    });
    Block::Quote {
        number,
        citation: q.citation.clone(),
        // An item comes with its paragraph's lead-in (and the paragraphs
        // that refer to it), the cited line marked ▶ ([`cite::quotation`]).
        lines: cite::render_lines(&q.lines),
        note,
    }
}

impl Document {
    /// The document in `format`: UTF-8 text for text and Markdown, a zip
    /// archive for `.docx`.
    pub fn render(&self, format: DocFormat) -> Result<Vec<u8>> {
        match format {
            DocFormat::Text => Ok(self.to_text().into_bytes()),
            DocFormat::Markdown => Ok(self.to_markdown().into_bytes()),
            DocFormat::Docx => docx::write(self),
        }
    }

    /// Plain text: blanks as 【…】, quotations indented with full-width spaces.
    pub fn to_text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for block in &self.blocks {
            parts.push(match block {
                Block::Title(title) => title.clone(),
                Block::Notice(text) => format!("※ {text}"),
                Block::Heading(text) => text.clone(),
                Block::Paragraph(inlines) => plain(inlines),
                Block::Field { label, blank } => format!("{label}：【{blank}】"),
                Block::Quote {
                    number,
                    citation,
                    lines,
                    note,
                } => {
                    let mut out = format!("{number}. {citation}");
                    for line in lines {
                        out.push_str(&format!("\n　　{line}"));
                    }
                    if let Some(note) = note {
                        out.push_str(&format!("\n　　（{note}）"));
                    }
                    out
                }
            });
        }
        parts.join("\n\n") + "\n"
    }

    /// Markdown: `#` title, `##` headings, quotations as block quotes.
    pub fn to_markdown(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for block in &self.blocks {
            parts.push(match block {
                Block::Title(title) => format!("# {}", md_escape(title)),
                Block::Notice(text) => format!("> **{}**", md_escape(text)),
                Block::Heading(text) => format!("## {}", md_escape(text)),
                Block::Paragraph(inlines) => markdown(inlines),
                Block::Field { label, blank } => {
                    format!("**{}：**【{}】", md_escape(label), md_escape(blank))
                }
                Block::Quote {
                    citation,
                    lines,
                    note,
                    ..
                } => {
                    let quoted: Vec<String> = lines
                        .iter()
                        .map(|l| format!("> {}", md_escape(l)))
                        .collect();
                    let mut out =
                        format!("### {}\n\n{}", md_escape(citation), quoted.join("\n>\n"));
                    if let Some(note) = note {
                        out.push_str(&format!("\n\n*{}*", md_escape(note)));
                    }
                    out
                }
            });
        }
        parts.join("\n\n") + "\n"
    }
}

fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.clone(),
            Inline::Blank(b) => format!("【{b}】"),
        })
        .collect()
}

fn markdown(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => md_escape(t),
            Inline::Blank(b) => format!("【{}】", md_escape(b)),
        })
        .collect()
}

/// Escapes the ASCII characters Markdown would read as markup. Statute text
/// is full-width almost throughout, so this rarely changes anything.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests;
