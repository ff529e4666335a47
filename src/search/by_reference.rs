//! The part of a search that needs the corpus alone: the statutes a query
//! may return, and the answer to an article reference (民法典1032). A
//! front-end answers a reference with [`answer_reference`] before it opens
//! the index, so a reference lookup reads no index and builds no tokenizer.

use std::collections::BTreeSet;

use super::{
    Hit, ParsedQuery, QueryKind, REFERENCE_SCORE, SNIPPET_CHARS, SearchOptions, SearchResults,
    check_query, citation, make_hit, named_part, results, snippet,
};
use crate::corpus::{Corpus, Statute};
use crate::error::{Error, Result};
use crate::reference::{self, Resolution, ResolvedRef};

/// What [`answer_reference`] made of a query.
#[derive(Debug)]
pub enum ReferenceAnswer {
    /// The query is a reference: its articles, or why there are none.
    Answered(SearchResults),
    /// Not a reference: search its words. `unknown_statute` names the law a
    /// reference-like query named that the corpus lacks (民刑法第3条), for a
    /// message should the words find nothing either.
    Words { unknown_statute: Option<String> },
}

/// The answer to `query` if it is an article reference, from `corpus` alone.
/// Fails as a search would for a query or limit past the bounds
/// ([`super::Engine::search`]) or a `law:` filter or [`SearchOptions::laws`]
/// entry that names no statute.
pub fn answer_reference(
    corpus: &Corpus,
    query: &str,
    options: &SearchOptions,
) -> Result<ReferenceAnswer> {
    check_query(query, options)?;
    let parsed = ParsedQuery::parse(query);
    let mut laws = options.laws.clone();
    laws.extend(parsed.laws.iter().cloned());
    // Checked first, so that a bad filter fails whatever the query is.
    scope(corpus, &laws, options.all_versions)?;
    let Some(reference) = reference::parse_query(query) else {
        return Ok(ReferenceAnswer::Words {
            unknown_statute: None,
        });
    };
    // The resolver already keeps to the versions in force unless the
    // reference names a version (2012年治安管理处罚法) or all_versions is
    // set; a law filter only narrows the statutes.
    let law_scope = if laws.is_empty() {
        None
    } else {
        scope(corpus, &laws, true)?
    };
    Ok(
        match reference::resolve(&reference, corpus, options.all_versions) {
            Resolution::Found(refs) => {
                let hits = refs
                    .iter()
                    .filter(|r| {
                        law_scope
                            .as_ref()
                            .is_none_or(|ids| ids.contains(&r.statute_id))
                    })
                    .take(options.limit)
                    .filter_map(|r| reference_hit(corpus, r))
                    .collect();
                ReferenceAnswer::Answered(results(query, QueryKind::Reference, hits, None))
            }
            Resolution::NotFound {
                message,
                suggestions,
            } => {
                let mut results = results(query, QueryKind::Reference, Vec::new(), Some(message));
                results.suggestions = suggestions
                    .iter()
                    .filter_map(|r| reference_hit(corpus, r))
                    .collect();
                ReferenceAnswer::Answered(results)
            }
            // Perhaps not a reference at all: search the words instead.
            Resolution::UnknownStatute(name) => ReferenceAnswer::Words {
                unknown_statute: Some(name),
            },
        },
    )
}

/// The hit for an article named by a reference; `None` for an unknown id.
pub(super) fn reference_hit(corpus: &Corpus, r: &ResolvedRef) -> Option<Hit> {
    let statute = corpus.get(&r.statute_id)?;
    let article = statute.article(r.article)?;
    let mut hit = make_hit(statute, article, REFERENCE_SCORE, &[]);
    hit.paragraph = r.paragraph;
    hit.item = r.item;
    hit.citation = citation(statute, article, r.paragraph, r.item);
    // Show the named paragraph or item, not the start of the article.
    if let Some(part) = named_part(article, r.paragraph, r.item) {
        let (snippet, highlights) = snippet(&part, &[], SNIPPET_CHARS);
        hit.snippet = snippet;
        hit.highlights = highlights;
    }
    Some(hit)
}

/// Statute ids a search may return, `None` for all of them.
pub(super) fn scope(
    corpus: &Corpus,
    laws: &[String],
    all_versions: bool,
) -> Result<Option<BTreeSet<String>>> {
    let mut ids = BTreeSet::new();
    for name in laws {
        let name = name.trim();
        if let Some(statute) = corpus.get(name) {
            // An explicit version id (治安管理处罚法@2012) is searched even when superseded.
            ids.insert(statute.id());
            continue;
        }
        let versions = reference::statute_versions(corpus, name);
        if versions.is_empty() {
            return Err(Error::UnknownStatute(name.to_string()));
        }
        ids.extend(
            versions
                .iter()
                .filter(|s| all_versions || !s.meta.status.is_superseded())
                .map(|s| s.id()),
        );
    }
    if laws.is_empty() {
        if all_versions {
            return Ok(None);
        }
        ids = corpus
            .statutes
            .iter()
            .filter(|s| !s.meta.status.is_superseded())
            .map(Statute::id)
            .collect();
    }
    Ok(Some(ids))
}
