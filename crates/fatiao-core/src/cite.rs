//! Citation styles: how fatiao writes a reference for a letter or a filing.
//!
//! Every function here takes references that [`crate::reference::resolve`]
//! found and checks them again against the corpus, so a citation fatiao
//! prints always names an article (paragraph, item) that exists in the
//! version it names; anything else is an [`Error::NotFound`].
//!
//! - [`cite`]: one reference, [`CiteStyle::Full`] 《中华人民共和国民法典》第一千零三十二条
//!   or [`CiteStyle::Short`] 《民法典》第一千零三十二条, down to 第五十条第一款第五项.
//! - [`merge`]: several references the way lawyers write them:
//!   《中华人民共和国民法典》第一千零三十二条、第一千零三十四条和《…》第五十条第一款第五项、第六项.
//! - [`letter`]: 根据…的规定， plus an appendix quoting each cited provision
//!   from the corpus, rendered as text, Markdown or JSON by [`Letter::render`].
//! - [`quotation`]: how a provision is quoted in a letter: a cited item with
//!   its paragraph's lead-in, the item marked.

use crate::corpus::{Article, Corpus, Statute, StatuteMeta, numerals};
use crate::error::{Error, Result};
use crate::reference::{ResolvedRef, display_name};
use serde::Serialize;

mod quotation;
pub use quotation::{
    CITED_MARK, LineKind, OMISSION, QuotedLine, quotation, quotation_text, render_lines,
};

/// The full citation of an article: 《中华人民共和国民法典》第一千零三十二条.
///
/// A superseded version names itself, so a citation can never be mistaken for
/// the law in force: 《中华人民共和国治安管理处罚法》（2012年修正）第四十二条.
pub fn full_article(meta: &StatuteMeta, label: &str) -> String {
    format!("{}{}", full_title(meta), label)
}

/// 《title》, followed by （version label） for a superseded version.
pub fn full_title(meta: &StatuteMeta) -> String {
    title(meta, CiteStyle::Full)
}

/// How much of a statute's name a citation spells out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiteStyle {
    /// 《中华人民共和国民法典》第一千零三十二条: what letters and filings use.
    #[default]
    Full,
    /// 《民法典》第一千零三十二条.
    Short,
}

/// The statute's name in book marks in `style`, with （2012年修正） for a superseded version.
pub fn title(meta: &StatuteMeta, style: CiteStyle) -> String {
    let name = match style {
        CiteStyle::Full => &meta.title,
        CiteStyle::Short => &meta.short_name,
    };
    if meta.status.is_superseded() {
        let label = if meta.version_label.is_empty() {
            format!("{}年版", meta.version)
        } else {
            meta.version_label.clone()
        };
        format!("《{name}》（{label}）")
    } else {
        format!("《{name}》")
    }
}

/// 第X款 for paragraph `n`.
fn paragraph_label(n: u32) -> String {
    format!("第{}款", numerals::to_chinese(n))
}

/// 第X项 for item `n`.
fn item_label(n: u32) -> String {
    format!("第{}项", numerals::to_chinese(n))
}

/// The part of a citation below the article: 第一款第五项, 第二款, or just 第五项
/// in an article of one paragraph (a one-paragraph article has no 第一款 to name).
fn below_article(article: &Article, paragraph: Option<u32>, item: Option<u32>) -> String {
    let mut out = String::new();
    if let Some(p) = paragraph
        && article.paragraphs.len() > 1
    {
        out.push_str(&paragraph_label(p));
    }
    if let Some(i) = item {
        out.push_str(&item_label(i));
    }
    out
}

/// 第五十条第一款第五项: the article's label and, if named, paragraph and item.
pub fn location_label(article: &Article, paragraph: Option<u32>, item: Option<u32>) -> String {
    format!(
        "{}{}",
        article.cited_label(),
        below_article(article, paragraph, item)
    )
}

/// The statute version and article `r` names, after checking that the
/// article, paragraph and item exist.
pub fn lookup<'a>(corpus: &'a Corpus, r: &ResolvedRef) -> Result<(&'a Statute, &'a Article)> {
    let statute = corpus
        .get(&r.statute_id)
        .ok_or_else(|| Error::NotFound(format!("没有收录法律版本“{}”", r.statute_id)))?;
    let name = display_name(statute);
    let article = statute.article(r.article).ok_or_else(|| {
        Error::NotFound(format!(
            "{name}没有{}",
            numerals::article_label(r.article.number, r.article.suffix)
        ))
    })?;
    let paragraph = match r.paragraph {
        Some(p) => Some(
            article
                .paragraphs
                .get((p as usize).wrapping_sub(1))
                .ok_or_else(|| {
                    Error::NotFound(format!(
                        "{name}{}只有{}款，没有第{p}款",
                        article.label,
                        article.paragraphs.len()
                    ))
                })?,
        ),
        None => None,
    };
    if let Some(i) = r.item {
        // An item needs its paragraph; resolve() always fills it in.
        let Some(para) = paragraph else {
            return Err(Error::NotFound(format!(
                "{name}{}第{i}项：引用分项时需要指明所在的款",
                article.label
            )));
        };
        if !para.items.iter().any(|it| it.number == i) {
            return Err(Error::NotFound(format!(
                "{name}{}没有第{i}项",
                location_label(article, r.paragraph, None)
            )));
        }
    }
    Ok((statute, article))
}

/// One citation in `style`: 《中华人民共和国治安管理处罚法》第五十条第一款第五项.
pub fn cite(corpus: &Corpus, r: &ResolvedRef, style: CiteStyle) -> Result<String> {
    let (statute, article) = lookup(corpus, r)?;
    Ok(format!(
        "{}{}",
        title(&statute.meta, style),
        location_label(article, r.paragraph, r.item)
    ))
}

/// Does `outer` cite all of `inner` (same article, and a whole article or paragraph around it)?
fn covers(outer: &ResolvedRef, inner: &ResolvedRef) -> bool {
    outer != inner
        && outer.statute_id == inner.statute_id
        && outer.article == inner.article
        && match (outer.paragraph, outer.item) {
            (None, _) => true,
            (Some(p), None) => inner.paragraph == Some(p),
            (Some(_), Some(_)) => false,
        }
}

/// References grouped by statute version in the order first given; within a
/// group sorted, without duplicates and without parts of a cited whole.
fn grouped(corpus: &Corpus, refs: &[ResolvedRef]) -> Result<Vec<Vec<ResolvedRef>>> {
    let mut groups: Vec<Vec<ResolvedRef>> = Vec::new();
    for r in refs {
        lookup(corpus, r)?;
        match groups.iter_mut().find(|g| g[0].statute_id == r.statute_id) {
            Some(group) => group.push(r.clone()),
            None => groups.push(vec![r.clone()]),
        }
    }
    for group in &mut groups {
        group.sort();
        group.dedup();
        let all = group.clone();
        group.retain(|r| !all.iter().any(|outer| covers(outer, r)));
    }
    Ok(groups)
}

/// One statute's references: 《…》第五十条第一款第五项、第六项.
fn merge_group(corpus: &Corpus, group: &[ResolvedRef], style: CiteStyle) -> Result<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut previous: Option<&ResolvedRef> = None;
    let mut head = String::new();
    for r in group {
        let (statute, article) = lookup(corpus, r)?;
        if head.is_empty() {
            head = title(&statute.meta, style);
        }
        let part = match previous {
            // Same article: name only what differs (第六项, or 第二款…).
            Some(prev) if prev.article == r.article => {
                if prev.paragraph == r.paragraph && r.item.is_some() {
                    below_article(article, None, r.item)
                } else {
                    let below = below_article(article, r.paragraph, r.item);
                    if below.is_empty() {
                        location_label(article, r.paragraph, r.item)
                    } else {
                        below
                    }
                }
            }
            _ => location_label(article, r.paragraph, r.item),
        };
        parts.push(part);
        previous = Some(r);
    }
    Ok(format!("{head}{}", parts.join("、")))
}

/// Joins phrases the way prose lists them: A, A和B, A、B和C.
fn join_prose(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}和{last}", init.join("、")),
    }
}

/// Several references merged the way lawyers write them: one title per
/// statute version (in the order given), its articles joined with 、 and
/// shortened within an article (第五十条第一款第五项、第六项), statutes joined with 和.
pub fn merge(corpus: &Corpus, refs: &[ResolvedRef], style: CiteStyle) -> Result<String> {
    if refs.is_empty() {
        return Err(Error::BadQuery("没有要引用的条文".to_string()));
    }
    let groups = grouped(corpus, refs)?;
    let parts = groups
        .iter()
        .map(|g| merge_group(corpus, g, style))
        .collect::<Result<Vec<_>>>()?;
    Ok(join_prose(&parts))
}

/// One cited provision quoted in full from the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quotation {
    /// The provision's own citation in the letter's style.
    pub citation: String,
    pub statute_id: String,
    /// Short name: 民法典.
    pub law: String,
    /// Full title: 中华人民共和国民法典.
    pub title: String,
    pub version: String,
    pub in_force: bool,
    pub article: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub article_suffix: u32,
    /// 第一千零三十二条
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// The cited text exactly: lines are paragraphs and items, as in the corpus.
    pub text: String,
    /// The quotation a letter prints ([`quotation`]): for an item, its
    /// paragraph's lead-in and the paragraphs that refer to it around it.
    pub lines: Vec<QuotedLine>,
    /// The statute is only partly held (the convention); `notice` says so.
    pub partial: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notice: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The text `r` names, from the corpus: the whole article, one paragraph with
/// its items, or one item with its marker.
pub fn quote(corpus: &Corpus, r: &ResolvedRef) -> Result<String> {
    let (_, article) = lookup(corpus, r)?;
    let paragraph = r
        .paragraph
        .and_then(|p| article.paragraphs.get((p as usize).wrapping_sub(1)));
    Ok(match (paragraph, r.item) {
        (None, _) => article.text(),
        (Some(para), None) => {
            let mut lines = vec![para.text.clone()];
            lines.extend(
                para.items
                    .iter()
                    .map(|it| format!("{}{}", it.marker, it.text)),
            );
            lines.join("\n")
        }
        (Some(para), Some(i)) => para
            .items
            .iter()
            .find(|it| it.number == i)
            .map(|it| format!("{}{}", it.marker, it.text))
            .unwrap_or_default(),
    })
}

/// A letter-ready citation paragraph and the provisions it cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letter {
    /// 根据《…》第一千零三十二条、第一千零三十四条和《…》第五十条第一款第五项、第六项的规定，
    pub paragraph: String,
    /// The merged citations without 根据…的规定.
    pub citations: String,
    /// Each cited provision in full, in the order of the paragraph.
    pub appendix: Vec<Quotation>,
}

/// Output formats of a [`Letter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LetterFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

/// Builds a letter paragraph for `refs` with an appendix quoting each of them.
pub fn letter(corpus: &Corpus, refs: &[ResolvedRef], style: CiteStyle) -> Result<Letter> {
    let citations = merge(corpus, refs, style)?;
    let mut appendix = Vec::new();
    for group in grouped(corpus, refs)? {
        for r in group {
            let (statute, article) = lookup(corpus, &r)?;
            appendix.push(Quotation {
                citation: cite(corpus, &r, style)?,
                statute_id: r.statute_id.clone(),
                law: statute.meta.short_name.clone(),
                title: statute.meta.title.clone(),
                version: statute.meta.version.clone(),
                in_force: !statute.meta.status.is_superseded(),
                article: article.no.number,
                article_suffix: article.no.suffix,
                label: article.label.clone(),
                paragraph: r.paragraph,
                item: r.item,
                text: quote(corpus, &r)?,
                lines: quotation(corpus, &r)?,
                partial: statute.meta.partial,
                notice: statute.meta.notice.clone(),
            });
        }
    }
    Ok(Letter {
        paragraph: format!("根据{citations}的规定，"),
        citations,
        appendix,
    })
}

/// The heading of the appendix.
const APPENDIX_HEADING: &str = "附：所引条文";

impl Letter {
    /// The letter as plain text, Markdown or pretty JSON.
    pub fn render(&self, format: LetterFormat) -> Result<String> {
        Ok(match format {
            LetterFormat::Json => serde_json::to_string_pretty(self)? + "\n",
            LetterFormat::Text => self.render_text(),
            LetterFormat::Markdown => self.render_markdown(),
        })
    }

    fn render_text(&self) -> String {
        let mut out = format!("{}\n\n{APPENDIX_HEADING}\n", self.paragraph);
        for (i, q) in self.appendix.iter().enumerate() {
            out.push_str(&format!("\n{}. {}\n", i + 1, q.citation));
            for line in render_lines(&q.lines) {
                out.push_str(&format!("　　{line}\n"));
            }
            if q.partial {
                out.push_str(&format!("　　（{}）\n", partial_notice(q)));
            }
        }
        out
    }

    fn render_markdown(&self) -> String {
        let mut out = format!("{}\n\n## {APPENDIX_HEADING}\n", self.paragraph);
        for q in &self.appendix {
            out.push_str(&format!("\n### {}\n\n", q.citation));
            let lines: Vec<String> = render_lines(&q.lines)
                .iter()
                .map(|l| format!("> {l}"))
                .collect();
            out.push_str(&lines.join("\n>\n"));
            out.push('\n');
            if q.partial {
                out.push_str(&format!("\n*{}*\n", partial_notice(q)));
            }
        }
        out
    }
}

/// 部分收录 plus the statute's notice.
fn partial_notice(q: &Quotation) -> String {
    if q.notice.is_empty() {
        "部分收录".to_string()
    } else if q.notice.contains("部分收录") {
        q.notice.clone()
    } else {
        format!("部分收录：{}", q.notice)
    }
}

#[cfg(test)]
mod tests;
