//! The machine interface: every JSON document fatiao prints, for
//! `--format json`, `--format jsonl` and the MCP server alike.
//!
//! The contract is written down in `docs/json.md` and checked by
//! `docs/fatiao.schema.json`; this module is its one implementation, so the
//! command line and `fatiao mcp` cannot drift apart. Every document is an
//! object whose `schema` field is [`SCHEMA`]; every offset is counted in
//! Unicode scalar values (Rust `char`s), never bytes or UTF-16 units.
//!
//! The same names mean the same thing everywhere: `statute_id` (民法典@2020),
//! `law` (the short name), `title`, `version`, `in_force`, `article`,
//! `article_suffix`, `label`, `citation`, `paragraph`, `item`, `partial`,
//! `notice`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cite::{self, CiteStyle};
use crate::corpus::model::DocKind;
use crate::corpus::{Article, Corpus, Status, Statute};
use crate::correspondence::{self, Change};
use crate::error::{Error, Result};
use crate::eval::FileReport;
use crate::reference::{self, ResolvedRef};
use crate::search::SearchResults;
use crate::verify::{Finding, Report, Verdict};

/// The version of the contract. Raised when a field changes meaning or
/// disappears; new optional fields do not raise it.
pub const SCHEMA: u32 = 1;

/// A top-level JSON document (or JSON line): `{"schema": 1, …body}`.
#[derive(Debug, Clone, Serialize)]
pub struct Document<T> {
    pub schema: u32,
    #[serde(flatten)]
    pub body: T,
}

impl<T: Serialize> Document<T> {
    /// `body` as a document of the current [`SCHEMA`].
    pub fn new(body: T) -> Document<T> {
        Document {
            schema: SCHEMA,
            body,
        }
    }

    /// One line of JSON (for JSONL and the MCP server).
    pub fn to_line(&self) -> Result<String> {
        Ok(serde_json::to_string(self)?)
    }

    /// Indented JSON for `--format json`.
    pub fn to_pretty(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// The document as a JSON value.
    pub fn to_value(&self) -> Result<serde_json::Value> {
        Ok(serde_json::to_value(self)?)
    }
}

// ---------------------------------------------------------------------------
// errors

/// What went wrong, for machines (`kind`) and people (`message`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    /// One of the kinds in docs/json.md: `not_found`, `unknown_statute`,
    /// `bad_query`, `usage`, `corpus`, `index`, `io`, …
    pub kind: String,
    pub message: String,
}

impl ErrorInfo {
    pub fn new(kind: &str, message: impl Into<String>) -> ErrorInfo {
        ErrorInfo {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}

impl From<&Error> for ErrorInfo {
    fn from(err: &Error) -> ErrorInfo {
        ErrorInfo::new(err.kind(), err.to_string())
    }
}

/// The document printed instead of a result when a command fails (exit code 2).
#[derive(Debug, Clone, Serialize)]
pub struct ErrorDoc {
    /// The query of a `search --stdin` line that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Its 1-based line of standard input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub error: ErrorInfo,
}

/// An error document.
pub fn error(kind: &str, message: impl Into<String>) -> Document<ErrorDoc> {
    Document::new(ErrorDoc {
        query: None,
        line: None,
        error: ErrorInfo::new(kind, message),
    })
}

/// A reference that names nothing fatiao holds, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Unresolved {
    /// The reference as given.
    pub reference: String,
    pub error: ErrorInfo,
}

// ---------------------------------------------------------------------------
// search and eval

/// `fatiao search`: the results as the engine returns them.
pub fn search(results: &SearchResults) -> Document<&SearchResults> {
    Document::new(results)
}

/// `fatiao eval --format json`: every question set's report.
#[derive(Debug, Clone, Serialize)]
pub struct EvalDoc<'a> {
    pub reports: &'a [FileReport],
}

// ---------------------------------------------------------------------------
// statutes

/// One statute version, as `fatiao laws` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct StatuteInfo {
    pub statute_id: String,
    pub law: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub issuer: String,
    pub version: String,
    /// How a citation names a superseded version (2012年修正); empty for most.
    pub version_label: String,
    /// `law`, `judicial_interpretation` or `industry_convention`: a 司法解释
    /// or a convention is not a law.
    #[serde(serialize_with = "kind_code")]
    pub kind: DocKind,
    /// 法律 / 司法解释 / 行业自律公约.
    pub kind_label: &'static str,
    /// `in_force`, `superseded` (已被修订) or `amended` (已被修正, superseded by amendment).
    pub status: &'static str,
    /// 现行有效 / 已被修订 / 已被修正.
    pub status_label: &'static str,
    pub in_force: bool,
    pub promulgated: String,
    pub effective: String,
    pub superseded: Option<String>,
    pub article_count: usize,
    /// Articles removed by an amendment, their numbers kept (「（删去）」).
    pub deleted_articles: usize,
    pub partial: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notice: String,
    /// No second copy of the text exists to check it against (单一来源).
    pub single_source: bool,
    /// Text outside any article: preamble lines, notes, appendices (shown by
    /// `fatiao show <statute>`).
    pub preamble: usize,
    pub notes: usize,
    pub appendices: usize,
}

/// The statute object of `statute`.
pub fn statute(statute: &Statute) -> StatuteInfo {
    let meta = &statute.meta;
    StatuteInfo {
        statute_id: statute.id(),
        law: meta.short_name.clone(),
        title: meta.title.clone(),
        aliases: meta.aliases.clone(),
        issuer: meta.issuer.clone(),
        version: meta.version.clone(),
        version_label: meta.version_label.clone(),
        kind: meta.kind,
        kind_label: meta.kind.label(),
        status: match meta.status {
            Status::InForce => "in_force",
            Status::Superseded => "superseded",
            Status::Amended => "amended",
        },
        status_label: meta.status.label(),
        in_force: !meta.status.is_superseded(),
        promulgated: meta.promulgated.clone(),
        effective: meta.effective.clone(),
        superseded: meta.superseded.clone(),
        article_count: statute.articles.len(),
        deleted_articles: statute.articles.iter().filter(|a| a.is_deleted()).count(),
        partial: meta.partial,
        notice: meta.notice.clone(),
        single_source: meta.single_source,
        preamble: statute.preamble.len(),
        notes: statute.notes.len(),
        appendices: statute.appendices.len(),
    }
}

/// `fatiao laws`: every statute version held.
#[derive(Debug, Clone, Serialize)]
pub struct LawsDoc {
    pub statutes: Vec<StatuteInfo>,
}

pub fn laws(corpus: &Corpus) -> Document<LawsDoc> {
    Document::new(LawsDoc {
        statutes: corpus.statutes.iter().map(statute).collect(),
    })
}

// ---------------------------------------------------------------------------
// citations

/// One cited article, paragraph or item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The citation in the requested style: 《中华人民共和国民法典》第一千零三十二条.
    pub citation: String,
    pub statute_id: String,
    pub law: String,
    pub title: String,
    pub version: String,
    pub in_force: bool,
    pub article: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub article_suffix: u32,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    pub partial: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notice: String,
    /// The cited words from the corpus (a letter's appendix); lines are paragraphs and items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The quotation a letter prints (a letter's appendix): for an item, its
    /// paragraph's lead-in and the paragraphs that refer to it ([`cite::quotation`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<cite::QuotedLine>>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The contract's name of a document kind.
pub fn kind_name(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Law => "law",
        DocKind::JudicialInterpretation => "judicial_interpretation",
        DocKind::IndustryConvention => "industry_convention",
    }
}

/// Serializes a [`DocKind`] as its [`kind_name`] (for `#[serde(serialize_with)]`).
pub fn kind_code<S: serde::Serializer>(kind: &DocKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind_name(*kind))
}

/// The citation object of `r`, with its text when `with_text`.
pub fn citation(
    corpus: &Corpus,
    r: &ResolvedRef,
    style: CiteStyle,
    with_text: bool,
) -> Result<Citation> {
    let (statute, article) = cite::lookup(corpus, r)?;
    Ok(Citation {
        citation: cite::cite(corpus, r, style)?,
        statute_id: statute.id(),
        law: statute.meta.short_name.clone(),
        title: statute.meta.title.clone(),
        version: statute.meta.version.clone(),
        in_force: !statute.meta.status.is_superseded(),
        article: article.no.number,
        article_suffix: article.no.suffix,
        label: article.label.clone(),
        paragraph: r.paragraph,
        item: r.item,
        partial: statute.meta.partial,
        notice: statute.meta.notice.clone(),
        text: if with_text {
            Some(cite::quote(corpus, r)?)
        } else {
            None
        },
        lines: if with_text {
            Some(cite::quotation(corpus, r)?)
        } else {
            None
        },
    })
}

/// What `fatiao cite` makes of its references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiteMode {
    /// One citation per reference.
    #[default]
    List,
    /// Also one merged line: 《…》第一千零三十二条、第一千零三十四条.
    Merge,
    /// Also a 根据……的规定 paragraph and the cited text in full.
    Letter,
}

/// A letter-ready paragraph and the provisions it cites.
#[derive(Debug, Clone, Serialize)]
pub struct LetterInfo {
    /// 根据《…》第一千零三十二条……的规定，
    pub paragraph: String,
    /// The merged citations without 根据…的规定.
    pub merged: String,
    /// Each cited provision with its `text`, in the order of the paragraph.
    pub appendix: Vec<Citation>,
}

/// `fatiao cite`: the same shape for every style and mode.
#[derive(Debug, Clone, Serialize)]
pub struct CiteDoc {
    pub style: CiteStyle,
    pub mode: CiteMode,
    /// One per resolved reference, in the order given.
    pub citations: Vec<Citation>,
    /// `merge` and `letter` modes, when every reference resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<String>,
    /// `letter` mode, when every reference resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<LetterInfo>,
    /// References that name nothing fatiao holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<Unresolved>,
}

/// The cite document for `refs`. A merged line or letter is only made when
/// nothing is `unresolved`: half a citation list pasted into a filing is
/// worse than none.
pub fn cite_doc(
    corpus: &Corpus,
    refs: &[ResolvedRef],
    style: CiteStyle,
    mode: CiteMode,
    unresolved: Vec<Unresolved>,
) -> Result<Document<CiteDoc>> {
    let citations = refs
        .iter()
        .map(|r| citation(corpus, r, style, false))
        .collect::<Result<Vec<_>>>()?;
    let complete = unresolved.is_empty() && !refs.is_empty();
    let merged = match mode {
        CiteMode::Merge | CiteMode::Letter if complete => Some(cite::merge(corpus, refs, style)?),
        _ => None,
    };
    let letter = match mode {
        CiteMode::Letter if complete => {
            let letter = cite::letter(corpus, refs, style)?;
            let appendix = letter
                .appendix
                .iter()
                .map(|q| {
                    let r = ResolvedRef {
                        statute_id: q.statute_id.clone(),
                        article: crate::ArticleNo {
                            number: q.article,
                            suffix: q.article_suffix,
                        },
                        paragraph: q.paragraph,
                        item: q.item,
                    };
                    citation(corpus, &r, style, true)
                })
                .collect::<Result<Vec<_>>>()?;
            Some(LetterInfo {
                paragraph: letter.paragraph,
                merged: letter.citations,
                appendix,
            })
        }
        _ => None,
    };
    Ok(Document::new(CiteDoc {
        style,
        mode,
        citations,
        merged,
        letter,
        unresolved,
    }))
}

// ---------------------------------------------------------------------------
// articles

/// One paragraph (款) of an article.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphInfo {
    /// 1-based.
    pub number: u32,
    pub text: String,
    pub items: Vec<ItemInfo>,
}

/// One item (项).
#[derive(Debug, Clone, Serialize)]
pub struct ItemInfo {
    /// 1-based, from the marker.
    pub number: u32,
    /// （五）
    pub marker: String,
    pub text: String,
}

/// The part of an article a reference named.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// The citation down to the named paragraph or item.
    pub citation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
}

/// The corresponding article of the statute's other version, computed from
/// the two texts (not an official table).
#[derive(Debug, Clone, Serialize)]
pub struct CounterpartInfo {
    /// The other version.
    pub statute_id: String,
    pub in_force: bool,
    /// Its article numbers; empty when it has no corresponding article.
    pub articles: Vec<u32>,
    /// Their merged citation, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Text similarity of the two (Dice coefficient, 0 to 1).
    pub similarity: f64,
    pub change: Change,
}

/// A reference the article's own text makes (本法第N条, 前款第五项).
#[derive(Debug, Clone, Serialize)]
pub struct CrossReference {
    /// The reference as written.
    pub text: String,
    /// 1-based paragraph holding it.
    pub paragraph: u32,
    /// 1-based position of the item holding it, when in an item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// Scalar-value range in that paragraph's (or item's) `text`.
    pub start: usize,
    pub end: usize,
    /// What it points to in the same version; empty when unresolvable or external.
    pub targets: Vec<Citation>,
    /// The title of another statute it names (not held).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external: Option<String>,
}

/// One article in full, as `fatiao show` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    pub statute_id: String,
    pub law: String,
    pub title: String,
    pub version: String,
    #[serde(serialize_with = "kind_code")]
    pub kind: DocKind,
    pub in_force: bool,
    pub article: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub article_suffix: u32,
    pub label: String,
    /// The article's full citation.
    pub citation: String,
    /// Heading titles, outermost first.
    pub path: Vec<String>,
    /// The whole article: paragraphs and items on their own lines.
    pub text: String,
    /// Removed by an amendment, its number kept (its text is 「（删去）」).
    pub deleted: bool,
    pub paragraphs: Vec<ParagraphInfo>,
    pub partial: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notice: String,
    /// Set on the article a reference named (not on context articles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named: Option<Named>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<CounterpartInfo>,
    /// Only when asked for (`--refs`, `refs: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cross_references: Option<Vec<CrossReference>>,
}

/// `fatiao show`.
#[derive(Debug, Clone, Serialize)]
pub struct ShowDoc {
    pub articles: Vec<ArticleInfo>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<Unresolved>,
}

/// The articles `refs` name with `context` neighbours on each side, each once,
/// in order, with the reference that named it (none for a neighbour).
pub fn shown<'a>(
    corpus: &'a Corpus,
    refs: &'a [ResolvedRef],
    context: usize,
) -> Result<Vec<(&'a Statute, &'a Article, Option<&'a ResolvedRef>)>> {
    let mut shown: Vec<(&Statute, &Article, Option<&ResolvedRef>)> = Vec::new();
    for r in refs {
        let (statute, article) = cite::lookup(corpus, r)?;
        let Some(position) = statute.articles.iter().position(|a| a.no == article.no) else {
            continue;
        };
        let first = position.saturating_sub(context);
        let last = (position + context).min(statute.articles.len().saturating_sub(1));
        for (i, neighbour) in statute.articles[first..=last].iter().enumerate() {
            if shown
                .iter()
                .any(|(s, a, _)| std::ptr::eq(*s, statute) && std::ptr::eq(*a, neighbour))
            {
                continue;
            }
            shown.push((statute, neighbour, (first + i == position).then_some(r)));
        }
    }
    Ok(shown)
}

/// The article object of `article`.
pub fn article(
    corpus: &Corpus,
    statute: &Statute,
    article: &Article,
    named: Option<&ResolvedRef>,
    counterparts: &mut correspondence::Cache,
    with_cross_references: bool,
) -> Result<ArticleInfo> {
    let counterpart = counterpart(corpus, counterparts, statute, article)?;
    let cross_references = if with_cross_references {
        Some(
            reference::cross_references(&reference::statute_names(corpus), statute, article)
                .into_iter()
                .map(|r| {
                    Ok(CrossReference {
                        paragraph: r.paragraph_index as u32 + 1,
                        item: r.item_index.map(|i| i as u32 + 1),
                        start: r.chars.start,
                        end: r.chars.end,
                        targets: r
                            .targets
                            .iter()
                            .map(|t| citation(corpus, t, CiteStyle::Full, false))
                            .collect::<Result<Vec<_>>>()?,
                        external: r.external,
                        text: r.text,
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        )
    } else {
        None
    };
    let named = match named {
        Some(r) => Some(Named {
            citation: cite::cite(corpus, r, CiteStyle::Full)?,
            paragraph: r.paragraph,
            item: r.item,
        }),
        None => None,
    };
    Ok(ArticleInfo {
        statute_id: statute.id(),
        law: statute.meta.short_name.clone(),
        title: statute.meta.title.clone(),
        version: statute.meta.version.clone(),
        kind: statute.meta.kind,
        in_force: !statute.meta.status.is_superseded(),
        article: article.no.number,
        article_suffix: article.no.suffix,
        label: article.label.clone(),
        citation: cite::full_article(&statute.meta, &article.label),
        path: statute
            .path_titles(article)
            .into_iter()
            .map(str::to_string)
            .collect(),
        text: article.text(),
        deleted: article.is_deleted(),
        paragraphs: article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| ParagraphInfo {
                number: i as u32 + 1,
                text: p.text.clone(),
                items: p
                    .items
                    .iter()
                    .map(|it| ItemInfo {
                        number: it.number,
                        marker: it.marker.clone(),
                        text: it.text.clone(),
                    })
                    .collect(),
            })
            .collect(),
        partial: statute.meta.partial,
        notice: statute.meta.notice.clone(),
        named,
        counterpart,
        cross_references,
    })
}

/// For a statute held in two versions: the other version's corresponding article.
pub fn counterpart(
    corpus: &Corpus,
    counterparts: &mut correspondence::Cache,
    statute: &Statute,
    article: &Article,
) -> Result<Option<CounterpartInfo>> {
    let Some((other_id, Some(found))) = counterparts
        .get(corpus, &statute.meta.short_name)
        .and_then(|table| table.across(&statute.id(), article.no.number))
    else {
        return Ok(None);
    };
    let Some(other) = corpus.get(other_id) else {
        return Ok(None);
    };
    let refs: Vec<ResolvedRef> = found
        .articles
        .iter()
        .map(|&number| ResolvedRef {
            statute_id: other.id(),
            article: crate::ArticleNo { number, suffix: 0 },
            paragraph: None,
            item: None,
        })
        .collect();
    Ok(Some(CounterpartInfo {
        statute_id: other.id(),
        in_force: !other.meta.status.is_superseded(),
        articles: found.articles.to_vec(),
        citation: if refs.is_empty() {
            None
        } else {
            Some(cite::merge(corpus, &refs, CiteStyle::Full)?)
        },
        similarity: found.link.similarity,
        change: found.link.change,
    }))
}

/// The show document for `refs` (already resolved) and the references that were not.
pub fn show_doc(
    corpus: &Corpus,
    refs: &[ResolvedRef],
    context: usize,
    with_cross_references: bool,
    unresolved: Vec<Unresolved>,
) -> Result<Document<ShowDoc>> {
    let mut counterparts = correspondence::Cache::default();
    let articles = shown(corpus, refs, context)?
        .into_iter()
        .map(|(s, a, named)| {
            article(
                corpus,
                s,
                a,
                named,
                &mut counterparts,
                with_cross_references,
            )
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Document::new(ShowDoc {
        articles,
        unresolved,
    }))
}

// ---------------------------------------------------------------------------
// verify

/// One finding with its verdict's Chinese label.
#[derive(Debug, Clone, Serialize)]
pub struct FindingInfo<'a> {
    #[serde(flatten)]
    pub finding: &'a Finding,
    /// 正确 / 不存在 / 已过时 / 未收录的法律 / 无法核对.
    pub verdict_label: &'static str,
}

/// `fatiao verify`.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyDoc<'a> {
    pub as_of: &'a str,
    /// True when every citation is `ok` (also when there are none).
    pub all_ok: bool,
    /// How many findings have each verdict (every verdict present, 0 included).
    pub counts: BTreeMap<Verdict, usize>,
    pub findings: Vec<FindingInfo<'a>>,
}

pub fn verify(report: &Report) -> Document<VerifyDoc<'_>> {
    Document::new(VerifyDoc {
        as_of: &report.as_of,
        all_ok: report.all_ok(),
        counts: report.counts().into_iter().collect(),
        findings: report
            .findings
            .iter()
            .map(|finding| FindingInfo {
                finding,
                verdict_label: finding.verdict.label(),
            })
            .collect(),
    })
}
