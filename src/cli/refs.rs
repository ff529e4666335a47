//! The references of `show` and `cite`: one or a list (民法典1024、1033,
//! 治安法50 51, a `cite --merge` line given back), resolved, with the
//! old-numbering notices that go to stderr.

use fatiao::corpus::Corpus;
use fatiao::correspondence;
use fatiao::reference::{self, Reference, ResolvedRef};
use fatiao::renumber;
use fatiao::sanitize::escape_controls;

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
            eprintln!("fatiao: {}", escape_controls(notice));
        }
        for (_, message) in &self.missing {
            eprintln!("fatiao: {}", escape_controls(message));
        }
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
            for text in super::group_references(words) {
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

/// Resolves parsed references, each with how it was written; an unknown
/// statute is an error (exit 2).
pub fn resolve_list(
    corpus: &Corpus,
    list: &[(Reference, String)],
    all_versions: bool,
) -> anyhow::Result<Resolved> {
    let mut resolved = Resolved::default();
    let mut cache = correspondence::Cache::default();
    for (r, text) in list {
        match super::resolve_reference(corpus, r, all_versions)? {
            Ok(refs) => {
                for found in refs {
                    if !resolved.refs.contains(&found) {
                        resolved.refs.push(found);
                    }
                }
            }
            Err(message) => resolved.missing.push((text.clone(), message)),
        }
        for notice in renumber::for_reference(corpus, &mut cache, r) {
            if !resolved.notices.contains(&notice.message) {
                resolved.notices.push(notice.message);
            }
        }
    }
    Ok(resolved)
}
