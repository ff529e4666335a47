//! The statute model: a statute version with its metadata, headings and articles.
//!
//! Everything downstream (index, search, references, citations, the TUI) reads
//! these types; none of them knows about the corpus file format.

use serde::{Deserialize, Serialize};

/// Whether a statute version is the law today, or has been replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// 现行有效
    InForce,
    /// 已被修订: superseded by a later version of the same statute.
    Superseded,
}

impl Status {
    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Status::InForce => "现行有效",
            Status::Superseded => "已被修订",
        }
    }
}

/// Metadata of one statute version, from the corpus file header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatuteMeta {
    /// Full title without book marks: 中华人民共和国民法典.
    pub title: String,
    /// Short name, shared by all versions of one statute: 民法典, 治安管理处罚法, 催收自律公约.
    pub short_name: String,
    /// Other names users type: 治安法, 治安处罚法, 催收公约 …
    pub aliases: Vec<String>,
    /// Issuing body: 全国人民代表大会.
    pub issuer: String,
    /// Version year as a string: "2020", "2025", "2012", "2018".
    pub version: String,
    /// How a citation names a superseded version: 2012年修正 (empty for most).
    pub version_label: String,
    /// Adoption / promulgation date of this version, ISO `YYYY-MM-DD`.
    pub promulgated: String,
    /// Date this version took effect, ISO `YYYY-MM-DD`.
    pub effective: String,
    /// Date a later version replaced it, ISO `YYYY-MM-DD`, if superseded.
    pub superseded: Option<String>,
    pub status: Status,
    /// True when the corpus holds only part of the document.
    pub partial: bool,
    /// Notice shown wherever a partial document appears; empty when complete.
    pub notice: String,
    /// Where the text came from.
    pub provenance: Vec<String>,
}

/// One statute version: metadata, heading tree and articles in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statute {
    pub meta: StatuteMeta,
    /// All headings in file order.
    pub headings: Vec<Heading>,
    /// Articles in order of their number.
    pub articles: Vec<Article>,
}

/// Heading levels, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum HeadingLevel {
    /// 编 (also 附则 at book level in the Civil Code)
    Book,
    /// 分编
    Part,
    /// 章
    Chapter,
    /// 节
    Section,
}

/// A heading such as 第四编 人格权 or 第六章 隐私权和个人信息保护.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: HeadingLevel,
    /// Whole heading as displayed, whitespace normalised: 第六章 隐私权和个人信息保护.
    pub title: String,
}

/// An article number: 1032, or 1032 with suffix 1 for 第一千零三十二条之一.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArticleNo {
    pub number: u32,
    /// The N of 之N; 0 when absent.
    pub suffix: u32,
}

/// One article (条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub no: ArticleNo,
    /// 第一千零三十二条 (or 第十条之一).
    pub label: String,
    /// Indexes into `Statute::headings`, outermost first.
    pub path: Vec<usize>,
    /// Paragraphs (款), at least one.
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph (款) with its items (项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Text of the paragraph itself, without the 第X条 label and without its items.
    pub text: String,
    pub items: Vec<Item>,
}

/// One item (项), e.g. （五）多次发送淫秽、侮辱、恐吓等信息…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// 1-based number from the （五） marker.
    pub number: u32,
    /// The marker as written: （五）.
    pub marker: String,
    /// Text after the marker.
    pub text: String,
}

impl Statute {
    /// Stable id of this version: `民法典@2020`.
    pub fn id(&self) -> String {
        format!("{}@{}", self.meta.short_name, self.meta.version)
    }

    /// The article with this number, if the statute has it.
    pub fn article(&self, no: ArticleNo) -> Option<&Article> {
        self.articles
            .binary_search_by(|a| a.no.cmp(&no))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// Does `article` open the part it sits in (节, else 章): is it the
    /// statute's first article, or is the one before it under other headings?
    /// Such articles usually state the part's general rule or definition.
    pub fn opens_part(&self, article: &Article) -> bool {
        match self.articles.binary_search_by(|a| a.no.cmp(&article.no)) {
            Ok(0) => true,
            Ok(i) => self.articles[i - 1].path != article.path,
            Err(_) => false,
        }
    }

    /// Heading titles of an article's path, outermost first.
    pub fn path_titles(&self, article: &Article) -> Vec<&str> {
        article
            .path
            .iter()
            .map(|&i| self.headings[i].title.as_str())
            .collect()
    }

    /// Does `name` (a full title, short name or alias) name this statute?
    pub fn is_named(&self, name: &str) -> bool {
        self.meta.title == name
            || self.meta.short_name == name
            || self.meta.aliases.iter().any(|a| a == name)
    }
}

impl Article {
    /// The whole article as plain text: paragraphs joined by newlines, items on their own lines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&p.text);
            for item in &p.items {
                out.push('\n');
                out.push_str(&item.marker);
                out.push_str(&item.text);
            }
        }
        out
    }
}
