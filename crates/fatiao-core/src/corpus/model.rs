//! The statute model: a statute version with its metadata, headings and articles.
//!
//! Everything downstream (index, search, references, citations, the TUI) reads
//! these types; none of them knows about the corpus file format.

use serde::{Deserialize, Serialize};

/// Whether a statute version is the law today, or has been replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Status {
    /// 现行有效
    #[default]
    InForce,
    /// 已被修订: superseded by a later, revised (修订) version of the same statute.
    Superseded,
    /// 已被修正: superseded by a later version made by amendment (修正), as the
    /// 2016 网络安全法 was by the 2025 决定. Treated exactly like
    /// [`Status::Superseded`]; only the label differs.
    Amended,
}

impl Status {
    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Status::InForce => "现行有效",
            Status::Superseded => "已被修订",
            Status::Amended => "已被修正",
        }
    }

    /// Has a later version replaced this one (已被修订 or 已被修正)?
    pub fn is_superseded(self) -> bool {
        !matches!(self, Status::InForce)
    }
}

/// What kind of document a statute version is. Shown wherever it is named,
/// because a 司法解释 or an industry convention is not a law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DocKind {
    /// 法律: adopted by the NPC or its Standing Committee.
    #[default]
    Law,
    /// 司法解释: a judicial interpretation of the Supreme People's Court
    /// (规定, 解释, 批复).
    JudicialInterpretation,
    /// 行业自律公约: an industry self-regulation convention; not law.
    IndustryConvention,
}

impl DocKind {
    /// Every kind, in the order the corpus file format documents them.
    pub const ALL: [DocKind; 3] = [
        DocKind::Law,
        DocKind::JudicialInterpretation,
        DocKind::IndustryConvention,
    ];

    /// The Chinese label: 法律, 司法解释, 行业自律公约.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Law => "法律",
            DocKind::JudicialInterpretation => "司法解释",
            DocKind::IndustryConvention => "行业自律公约",
        }
    }

    /// The kind named by `label`, if any.
    pub fn from_label(label: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.label() == label)
    }
}

/// How a document numbers its units: 第X条 (articles), or 一、二、三、 (the
/// points of a 批复, cited as 第一条 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Numbering {
    /// 第一条 …
    #[default]
    Articles,
    /// 一、 二、 …
    Points,
}

/// Metadata of one statute version, from the corpus file header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// 法律, 司法解释 or 行业自律公约.
    pub kind: DocKind,
    /// How the text was checked against independent copies, one line each.
    pub cross_checks: Vec<String>,
    /// True when no second copy of the text exists to check it against (单一来源).
    pub single_source: bool,
    /// Units of other documents to show beside this one, as `简称@版本:条号`
    /// (the 民间借贷规定 names point 一 of the 批复 that limits its scope).
    pub see_also: Vec<String>,
    /// 第X条 or 一、二、三、.
    pub numbering: Numbering,
}

/// One statute version: metadata, heading tree and articles in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statute {
    pub meta: StatuteMeta,
    /// All headings in file order.
    pub headings: Vec<Heading>,
    /// Articles in order of their number.
    pub articles: Vec<Article>,
    /// Text before the first article that belongs to no article (the
    /// 民间借贷规定's 「为正确审理……制定本规定。」), one paragraph a line.
    pub preamble: Vec<String>,
    /// Notes after the last article that are official text but part of no
    /// article (刑法's footnote 「① 刑法、历次刑法修正案……」).
    pub notes: Vec<String>,
    /// Appendices after the notes (刑法's 附件一, 附件二).
    pub appendices: Vec<Appendix>,
}

/// An appendix such as 刑法's 附件一: a title and its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appendix {
    /// 附件一
    pub title: String,
    /// Its lines, in order.
    pub lines: Vec<String>,
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

/// The whole text of an article that an amendment removed: 刑法第一百九十九条.
pub const DELETED_TEXT: &str = "（删去）";

impl Article {
    /// Was the article removed by an amendment, its number kept (「（删去）」)?
    /// Such an article exists, so a citation of it is not 不存在, but it is
    /// never ranked and a citation of it is reported as 已删除.
    pub fn is_deleted(&self) -> bool {
        self.paragraphs.len() == 1
            && self.paragraphs[0].items.is_empty()
            && self.paragraphs[0].text == DELETED_TEXT
    }

    /// How a citation names the article: its label, except that a point of
    /// a 批复 (一、) is cited as 第一条, the form courts use for such points.
    pub fn cited_label(&self) -> String {
        if self.label.ends_with('、') {
            crate::corpus::numerals::article_label(self.no.number, self.no.suffix)
        } else {
            self.label.clone()
        }
    }

    /// The label as it opens the article's text: 「第十条 」, or 「一、」 for a
    /// point, which the text follows directly.
    pub fn label_with_separator(&self) -> String {
        if self.label.ends_with('、') {
            self.label.clone()
        } else {
            format!("{} ", self.label)
        }
    }

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
