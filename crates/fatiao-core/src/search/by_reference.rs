//! The part of a search that needs the corpus alone: the statutes a query
//! may return, and the answer to an article reference (民法典1032) or a list
//! of them (民法典1024、1033), with its old-numbering notices. A
//! front-end answers a reference with [`answer_reference`] before it opens
//! the index, so a reference lookup reads no index and builds no tokenizer.

use std::collections::BTreeSet;

use super::{
    Hit, ParsedQuery, QueryKind, REFERENCE_SCORE, SNIPPET_CHARS, SearchOptions, SearchResults,
    check_query, citation, make_hit, named_part, results, snippet,
};
use crate::corpus::{Corpus, Statute};
use crate::correspondence;
use crate::error::{Error, Result};
use crate::reference::{self, Reference, Resolution, ResolvedRef};
use crate::renumber::{self, OldNumbering};

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

/// The answer to `query` if it is an article reference or a list of them
/// (民法典1024、1033, 治安法50 51), from `corpus` alone. Fails as a search
/// would for a query or limit past the bounds ([`super::Engine::search`]) or
/// a `law:` filter or [`SearchOptions::laws`] entry that names no statute.
pub fn answer_reference(
    corpus: &Corpus,
    query: &str,
    options: &SearchOptions,
) -> Result<ReferenceAnswer> {
    answer_reference_with(
        corpus,
        &mut correspondence::Cache::default(),
        query,
        options,
    )
}

/// [`answer_reference`] with the correspondences (for old-numbering
/// notices) kept in `cache` between queries.
pub(super) fn answer_reference_with(
    corpus: &Corpus,
    cache: &mut correspondence::Cache,
    query: &str,
    options: &SearchOptions,
) -> Result<ReferenceAnswer> {
    check_query(query, options)?;
    let parsed = ParsedQuery::parse(query);
    let mut laws = options.laws.clone();
    laws.extend(parsed.laws.iter().cloned());
    // Checked first, so that a bad filter fails whatever the query is.
    scope(corpus, &laws, options.all_versions)?;
    let Some(list) = reference::parse_list(query) else {
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
    Ok(list_results(
        corpus,
        cache,
        query,
        &list,
        law_scope.as_ref(),
        options,
    ))
}

/// The articles a list of references names, in the order named, with the
/// old-numbering notice ([`crate::renumber`]) of every reference written
/// without a version. Words, with the first unknown statute name, when no
/// reference names a statute fatiao holds (the query may be free text after
/// all: 隐私权1 is not a statute).
fn list_results(
    corpus: &Corpus,
    cache: &mut correspondence::Cache,
    query: &str,
    list: &[Reference],
    law_scope: Option<&BTreeSet<String>>,
    options: &SearchOptions,
) -> ReferenceAnswer {
    let mut hits: Vec<Hit> = Vec::new();
    let mut suggestions: Vec<Hit> = Vec::new();
    let mut messages: Vec<String> = Vec::new();
    let mut notices: Vec<OldNumbering> = Vec::new();
    let mut unknown: Option<String> = None;
    let mut any_known = false;
    for r in list {
        let resolution = reference::resolve(r, corpus, options.all_versions);
        if !matches!(resolution, Resolution::UnknownStatute(_)) {
            notices.extend(renumber::for_reference(corpus, cache, r));
        }
        match resolution {
            Resolution::Found(refs) => {
                any_known = true;
                for found in refs
                    .iter()
                    .filter(|found| law_scope.is_none_or(|ids| ids.contains(&found.statute_id)))
                {
                    if hits.len() < options.limit
                        && !hits.iter().any(|h| same_provision(h, found))
                        && let Some(hit) = reference_hit(corpus, found)
                    {
                        hits.push(hit);
                    }
                }
            }
            Resolution::NotFound {
                message,
                suggestions: near,
            } => {
                any_known = true;
                messages.push(message);
                suggestions.extend(near.iter().filter_map(|s| reference_hit(corpus, s)));
            }
            Resolution::UnknownStatute(name) => {
                unknown.get_or_insert(name);
            }
        }
    }
    if !any_known {
        return ReferenceAnswer::Words {
            unknown_statute: unknown,
        };
    }
    if let Some(name) = unknown {
        // One name of the list is not held: say so, with the likely typo.
        let near = crate::suggest::did_you_mean(corpus, &name);
        let unknown = Error::UnknownStatute(name).to_string();
        messages.push(match near {
            Some(near) => format!("{unknown}；{near}"),
            None => unknown,
        });
    }
    for hit in hits.iter_mut().chain(suggestions.iter_mut()) {
        hit.renumbered = notices
            .iter()
            .find(|n| concerns(n, hit))
            .map(|n| n.short.clone());
    }
    let message = (!messages.is_empty()).then(|| messages.join("；"));
    let mut answer = results(query, QueryKind::Reference, hits, message);
    answer.suggestions = suggestions;
    answer.notices = notices.into_iter().map(|n| n.message).collect();
    answer.notices.dedup();
    ReferenceAnswer::Answered(answer)
}

/// Is `hit` the provision `r` names?
fn same_provision(hit: &Hit, r: &ResolvedRef) -> bool {
    hit.statute_id == r.statute_id
        && hit.article == r.article.number
        && hit.article_suffix == r.article.suffix
        && hit.paragraph == r.paragraph
        && hit.item == r.item
}

/// Is `hit` the article whose number the notice is about, in either version?
fn concerns(notice: &OldNumbering, hit: &Hit) -> bool {
    hit.article == notice.old.article.number
        && hit.article_suffix == 0
        && (hit.statute_id == notice.old.statute_id || hit.statute_id == notice.current_id)
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
