//! The references of `show`, `cite` and `letter`: one or a list (民法典1024、1033,
//! 治安法50 51, a `cite --merge` line given back), resolved, with the
//! old-numbering notices that go to stderr; and statute names the user
//! mistyped, answered with the nearest one the corpus holds.

use fatiao::cite::{self, CiteStyle};
use fatiao::contract::{ErrorInfo, Unresolved};
use fatiao::corpus::Corpus;
use fatiao::correspondence;
use fatiao::reference::{self, Reference, Resolution, ResolvedRef};
use fatiao::renumber;

use super::style;

/// What the references of one command name.
#[derive(Debug, Default)]
pub struct Resolved {
    /// Every provision found, in the order named.
    pub refs: Vec<ResolvedRef>,
    /// Each reference that names nothing that exists, as written back
    /// (民法典第1300条), with the message saying why.
    pub missing: Vec<(String, String)>,
    /// Old-numbering notices, one line each ([`renumber`]).
    pub notices: Vec<String>,
}

impl Resolved {
    /// Prints the notices and the missing references to stderr, where they
    /// do not mix with the citations a user pastes from stdout.
    pub fn report(&self) {
        for notice in &self.notices {
            style::notice(notice);
        }
        for (_, message) in &self.missing {
            style::notice(message);
        }
    }

    /// Did every reference name something that exists?
    pub fn all_found(&self) -> bool {
        self.missing.is_empty()
    }

    /// The references that name nothing, for a JSON document.
    pub fn unresolved(&self) -> Vec<Unresolved> {
        self.missing
            .iter()
            .map(|(reference, message)| Unresolved {
                reference: reference.clone(),
                error: ErrorInfo::new("not_found", message.clone()),
            })
            .collect()
    }
}

/// Resolves the words of `show` or `cite`: joined, they are one reference or
/// a list; else each word (or a name with the number after it) is one.
/// `Err` when a word is not a reference at all (exit 2).
pub fn resolve_words(
    corpus: &Corpus,
    words: &[String],
    all_versions: bool,
) -> anyhow::Result<Resolved> {
    let list = match reference::parse_list_written(&words.join(" ")) {
        Some(list) => list,
        None => {
            let mut list = Vec::new();
            for text in group_references(words) {
                match reference::parse_list_written(&text) {
                    Some(refs) => list.extend(refs),
                    None => {
                        return Err(fatiao::Error::BadQuery(format!(
                            "无法识别条文引用“{text}”；例如：民法典第1032条、治安法 50、民法典1032-1034、民法典1024、1033"
                        ))
                        .into());
                    }
                }
            }
            list
        }
    };
    resolve_list(corpus, &list, all_versions)
}

/// Resolves parsed references, each with how it was written. A reference
/// to nothing that exists is listed in [`Resolved::missing`], with the
/// nearest articles that do (exit 1); an unknown statute is an error (exit 2).
pub fn resolve_list(
    corpus: &Corpus,
    list: &[(Reference, String)],
    all_versions: bool,
) -> anyhow::Result<Resolved> {
    let mut resolved = Resolved::default();
    let mut cache = correspondence::Cache::default();
    for (r, text) in list {
        match reference::resolve(r, corpus, all_versions) {
            Resolution::Found(refs) => {
                for found in refs {
                    if !resolved.refs.contains(&found) {
                        resolved.refs.push(found);
                    }
                }
            }
            Resolution::NotFound {
                mut message,
                suggestions,
            } => {
                let near: Vec<String> = suggestions
                    .iter()
                    .filter_map(|r| cite::cite(corpus, r, CiteStyle::Full).ok())
                    .collect();
                if !near.is_empty() {
                    message.push_str(&format!("；相近的条文：{}", near.join("、")));
                }
                resolved.missing.push((text.clone(), message));
            }
            Resolution::UnknownStatute(name) => {
                return Err(with_suggestion(corpus, fatiao::Error::UnknownStatute(name)));
            }
        }
        for notice in renumber::for_reference(corpus, &mut cache, r) {
            if !resolved.notices.contains(&notice.message) {
                resolved.notices.push(notice.message);
            }
        }
    }
    Ok(resolved)
}

/// A library error for the user, with 你是不是要找：民法典 added when it is
/// an unknown statute whose name is close to one the corpus holds.
pub fn with_suggestion(corpus: &Corpus, err: fatiao::Error) -> anyhow::Error {
    if let fatiao::Error::UnknownStatute(name) = &err
        && let Some(near) = fatiao::suggest::did_you_mean(corpus, name)
    {
        return anyhow::anyhow!("{err}；{near}");
    }
    err.into()
}

/// Group words into references: each word alone if it is one, else joined
/// with the next (so `民法典 1032` is one reference, `民法典1032 民法典1033` two).
fn group_references(words: &[String]) -> Vec<String> {
    let mut refs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if reference::parse_query(&words[i]).is_none() && i + 1 < words.len() {
            let joined = format!("{} {}", words[i], words[i + 1]);
            if reference::parse_query(&joined).is_some() {
                refs.push(joined);
                i += 2;
                continue;
            }
        }
        refs.push(words[i].clone());
        i += 1;
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_grouped_into_references() {
        const CASES: &[(&[&str], &[&str])] = &[
            (&["民法典", "1032"], &["民法典 1032"]),
            (&["民法典1032", "民法典1033"], &["民法典1032", "民法典1033"]),
            (&["民法典第1032条"], &["民法典第1032条"]),
            (
                &["治安法", "50", "民法典1032"],
                &["治安法 50", "民法典1032"],
            ),
        ];
        for (words, expected) in CASES {
            let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            assert_eq!(
                group_references(&words),
                *expected,
                "grouping of {words:?}: look at group_references"
            );
        }
    }
}
