//! Article references (民法典 1032) and their resolution against the corpus.
//!
//! Interim version for the search engine's branch: it understands only
//! `<name> <Arabic number>`. The full parser (Chinese numerals, 第/条, book
//! marks, 款/项, ranges, versions) replaces this module with the same API.

use crate::corpus::{ArticleNo, Corpus, Statute};

/// A parsed article reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The statute name as typed (short name, title or alias).
    pub law: String,
    pub article: ArticleNo,
}

/// One article a reference points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRef {
    pub statute_id: String,
    pub article: ArticleNo,
    /// 款, 1-based.
    pub paragraph: Option<u32>,
    /// 项, 1-based.
    pub item: Option<u32>,
}

/// What a reference resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found(Vec<ResolvedRef>),
    /// The statute exists but not the article: a message and the nearest articles.
    NotFound {
        message: String,
        suggestions: Vec<ResolvedRef>,
    },
    /// No statute has this name.
    UnknownStatute(String),
}

/// Parse `query` as `<name> <number>`; `None` when it is not a reference.
pub fn parse_query(query: &str) -> Option<Reference> {
    let (law, number) = query.trim().rsplit_once(' ')?;
    let number: u32 = number.parse().ok()?;
    let law = law.trim();
    if law.is_empty() {
        return None;
    }
    Some(Reference {
        law: law.to_string(),
        article: ArticleNo { number, suffix: 0 },
    })
}

/// Find the article a reference names, in force unless `all_versions`.
pub fn resolve(reference: &Reference, corpus: &Corpus, all_versions: bool) -> Resolution {
    let versions: Vec<&Statute> = corpus
        .versions_named(&reference.law)
        .into_iter()
        .filter(|s| all_versions || s.meta.status == crate::corpus::Status::InForce)
        .collect();
    let Some(first) = versions.first() else {
        return Resolution::UnknownStatute(reference.law.clone());
    };
    let found: Vec<ResolvedRef> = versions
        .iter()
        .filter(|s| s.article(reference.article).is_some())
        .map(|s| resolved(s, reference.article))
        .collect();
    if !found.is_empty() {
        return Resolution::Found(found);
    }
    let suggestions = first
        .articles
        .iter()
        .filter(|a| a.no.number.abs_diff(reference.article.number) <= 1)
        .chain(first.articles.last())
        .map(|a| resolved(first, a.no))
        .collect();
    Resolution::NotFound {
        message: format!(
            "{}共{}条，没有第{}条",
            first.meta.short_name,
            first.articles.len(),
            reference.article.number
        ),
        suggestions,
    }
}

fn resolved(statute: &Statute, article: ArticleNo) -> ResolvedRef {
    ResolvedRef {
        statute_id: statute.id(),
        article,
        paragraph: None,
        item: None,
    }
}
