//! The marked citation list kept between sessions, in the data directory.
//!
//! One small JSON file (`citations.json`) holds the references in the order
//! the user put them. The TUI loads it at start and saves it whenever the
//! list changes; `fatiao letter --marked` reads it. Anything else that must
//! keep the list (a signal handler saving it on the way out) goes through
//! [`CitationStore::save`] too, so there is one format and one place.
//!
//! ```
//! use fatiao::tui::citation_store::CitationStore;
//! # let dir = tempfile::tempdir()?;
//! let corpus = fatiao::Corpus::builtin()?;
//! let store = CitationStore::in_dir(dir.path());
//! let refs = fatiao::reference::resolve_query("民法典1032", &corpus, false)?;
//! store.save(&refs)?;
//! assert_eq!(store.load(&corpus)?.refs, refs);
//! store.clear()?;
//! assert!(store.load(&corpus)?.refs.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cite;
use crate::corpus::{ArticleNo, Corpus};
use crate::error::{Error, Result};
use crate::reference::ResolvedRef;

/// The file name in the data directory.
pub const FILE: &str = "citations.json";

/// The format of the file; a different one is not read.
const FORMAT_VERSION: u32 = 1;

/// Where the list lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationStore {
    path: PathBuf,
}

/// What [`CitationStore::load`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The saved references that still exist in the corpus, in order.
    pub refs: Vec<ResolvedRef>,
    /// How many saved references name nothing in this corpus (a changed
    /// corpus, `--corpus DIR`) and were left out.
    pub dropped: usize,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    citations: Vec<Stored>,
}

/// One reference as saved: the statute version id and the numbers.
#[derive(Serialize, Deserialize)]
struct Stored {
    statute_id: String,
    article: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    article_suffix: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<u32>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl CitationStore {
    /// The list kept in `dir` (usually the data directory).
    pub fn in_dir(dir: &Path) -> CitationStore {
        CitationStore {
            path: dir.join(FILE),
        }
    }

    /// The file, to tell the user where the list is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved list; empty when nothing was saved. A file that cannot be
    /// read as a list is an error naming it (the caller decides whether to
    /// start empty).
    pub fn load(&self, corpus: &Corpus) -> Result<Loaded> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(err) => return Err(err.into()),
        };
        let unreadable = |why: String| Error::SavedFile {
            path: self.path.clone(),
            message: format!("引用清单无法读取（{why}）；可删除该文件后重新标记"),
        };
        let file: File = serde_json::from_slice(&bytes).map_err(|e| unreadable(e.to_string()))?;
        if file.version != FORMAT_VERSION {
            return Err(unreadable(format!("格式版本 {}", file.version)));
        }
        let mut loaded = Loaded::default();
        for stored in file.citations {
            let r = ResolvedRef {
                statute_id: stored.statute_id,
                article: ArticleNo {
                    number: stored.article,
                    suffix: stored.article_suffix,
                },
                paragraph: stored.paragraph,
                item: stored.item,
            };
            // Only what exists in the version it names is ever cited.
            if cite::lookup(corpus, &r).is_ok() {
                loaded.refs.push(r);
            } else {
                loaded.dropped += 1;
            }
        }
        Ok(loaded)
    }

    /// Saves `refs` in order, replacing the saved list; an empty list removes
    /// the file. Written to a temporary file and renamed, so a crash leaves
    /// the old list or the new one, never half of one.
    pub fn save(&self, refs: &[ResolvedRef]) -> Result<()> {
        if refs.is_empty() {
            return self.clear();
        }
        let file = File {
            version: FORMAT_VERSION,
            citations: refs
                .iter()
                .map(|r| Stored {
                    statute_id: r.statute_id.clone(),
                    article: r.article.number,
                    article_suffix: r.article.suffix,
                    paragraph: r.paragraph,
                    item: r.item,
                })
                .collect(),
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let temp = self
            .path
            .with_extension(format!("json.{}.tmp", std::process::id()));
        std::fs::write(&temp, serde_json::to_string_pretty(&file)? + "\n")?;
        std::fs::rename(&temp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })?;
        Ok(())
    }

    /// Forgets the saved list.
    pub fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn r(id: &str, number: u32, paragraph: Option<u32>, item: Option<u32>) -> ResolvedRef {
        ResolvedRef {
            statute_id: id.to_string(),
            article: ArticleNo { number, suffix: 0 },
            paragraph,
            item,
        }
    }

    #[test]
    fn a_saved_list_comes_back_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = testing::corpus();
        let store = CitationStore::in_dir(&dir.path().join("data"));
        let refs = vec![
            r("测试法@2020", 50, Some(1), Some(5)),
            r("测试法@2010", 1, None, None),
            r("测试法@2020", 1, None, None),
        ];
        store.save(&refs).expect("saves, creating the directory");
        let loaded = store.load(&corpus).expect("loads");
        assert_eq!(loaded.refs, refs, "same references, same order");
        assert_eq!(loaded.dropped, 0);
    }

    #[test]
    fn nothing_saved_and_cleared_lists_are_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = testing::corpus();
        let store = CitationStore::in_dir(dir.path());
        assert_eq!(store.load(&corpus).expect("no file"), Loaded::default());
        store
            .save(&[r("测试法@2020", 1, None, None)])
            .expect("saves");
        store.clear().expect("clears");
        assert!(!store.path().exists(), "the file is gone");
        store.clear().expect("clearing twice is fine");
        store
            .save(&[r("测试法@2020", 1, None, None)])
            .expect("saves");
        store.save(&[]).expect("an empty list");
        assert!(!store.path().exists(), "an empty list removes the file");
    }

    #[test]
    fn references_the_corpus_no_longer_has_are_dropped_and_counted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = testing::corpus();
        let store = CitationStore::in_dir(dir.path());
        let kept = r("测试法@2020", 1, None, None);
        std::fs::write(
            store.path(),
            r#"{"version":1,"citations":[
                {"statute_id":"测试法@2020","article":1},
                {"statute_id":"测试法@2020","article":9999},
                {"statute_id":"没有的法@2000","article":1},
                {"statute_id":"测试法@2020","article":1,"paragraph":9}
            ]}"#,
        )
        .expect("write");
        let loaded = store.load(&corpus).expect("loads");
        assert_eq!(loaded.refs, vec![kept]);
        assert_eq!(loaded.dropped, 3, "missing article, statute and paragraph");
    }

    #[test]
    fn a_damaged_file_is_an_error_that_names_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = testing::corpus();
        let store = CitationStore::in_dir(dir.path());
        for contents in ["{not json", r#"{"version":99,"citations":[]}"#] {
            std::fs::write(store.path(), contents).expect("write");
            let err = store.load(&corpus).expect_err("not a list");
            let message = err.to_string();
            assert!(
                message.contains(FILE) && message.contains("引用清单"),
                "{contents:?}: {message}"
            );
        }
    }
}
