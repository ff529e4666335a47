//! Lay phrases for each article: the everyday words a person types when the
//! article is the answer to their problem (房东不退押金, 被狗咬了谁赔).
//!
//! This is document expansion. The statute says 出租人 and 饲养的动物; the
//! user says 房东 and 狗. The lay-terms vocabulary ([`crate::expand`]) maps
//! the user's words to legal terms; these phrases work the other way round,
//! from each article to the words of the people it answers. They are indexed
//! in a field of their own, scored apart from the statute's text and added
//! at a weight of their own ([`crate::rank::Tuning::phrases`]); they are
//! never shown as statute text, and a result they helped to find names them
//! ("俗语：…（检索用语，非条文原文）").
//!
//! File format (`corpus/lay-phrases.tsv`): one line per article, four
//! TAB-separated columns: short name, version, article number in Arabic
//! numerals (with `之N` where the article has one), and the phrases separated
//! by `、`. Lines starting with `#` and blank lines are ignored. Every line
//! must name an article the corpus has, once.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::corpus::model::{ArticleNo, Statute};
use crate::error::{Error, Result};

/// File name of the phrases, in `corpus/` and in a `--corpus DIR`.
pub const FILE_NAME: &str = "lay-phrases.tsv";

/// The phrases shipped with fatiao, for the built-in corpus.
pub const BUILTIN_TSV: &str = include_str!("../../../../corpus/lay-phrases.tsv");

/// Longest phrase accepted, in characters: a phrase is a few words, not a text.
const MAX_PHRASE_CHARS: usize = 16;

/// Where the built-in file is said to be, in messages.
const BUILTIN_NAME: &str = "corpus/lay-phrases.tsv";

/// Statute index → article index → the article's cell.
type ByArticle = Vec<Vec<Cell>>;

/// The phrases of one article.
#[derive(Debug, Clone, Default, PartialEq)]
struct Cell {
    /// Where the phrases column of the article's row is in the deferred
    /// file (byte range), until the cell is split.
    column: Option<(usize, usize)>,
    /// The phrases, split from the column when first asked for.
    phrases: OnceLock<Vec<String>>,
}

/// Lay phrases of every article of a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticlePhrases {
    by_article: OnceLock<ByArticle>,
    /// The file the cells' columns are in. The built-in file is read when
    /// first asked for (`fatiao show` and reference lookups never need it);
    /// another is read and checked at once. Either way each article's
    /// phrases are split only when asked for: a search needs those of the
    /// articles it ranks, not all of them.
    source: Source,
    /// blake3 of the file, so that an index built with other phrases is rebuilt.
    fingerprint: String,
}

/// Where the phrases file is.
#[derive(Debug, Clone, Default, PartialEq)]
enum Source {
    #[default]
    None,
    /// The built-in file, whose rows are found on first use.
    Builtin(&'static str),
    /// A file read and checked by [`ArticlePhrases::parse`].
    Read(Arc<str>),
}

impl Source {
    fn text(&self) -> Option<&str> {
        match self {
            Source::None => None,
            Source::Builtin(text) => Some(text),
            Source::Read(text) => Some(text),
        }
    }
}

impl ArticlePhrases {
    /// Parse `text` (the file `file`) against `statutes`: each line must name
    /// an article they hold, with phrases that pass the checks.
    pub fn parse(file: &str, text: &str, statutes: &[Statute]) -> Result<ArticlePhrases> {
        Ok(ArticlePhrases {
            by_article: OnceLock::from(parse_rows(file, text, statutes, true)?),
            source: Source::Read(Arc::from(text)),
            fingerprint: fingerprint(text),
        })
    }

    /// The built-in phrases ([`BUILTIN_TSV`]), for the built-in corpus; read
    /// on first use. A test keeps the file valid; were it not, the phrases
    /// would be empty rather than a failure.
    pub fn builtin() -> ArticlePhrases {
        ArticlePhrases {
            by_article: OnceLock::new(),
            source: Source::Builtin(BUILTIN_TSV),
            fingerprint: fingerprint(BUILTIN_TSV),
        }
    }

    /// The phrases of article `article` of statute `statute` (indices into
    /// `statutes`, the corpus these phrases belong to).
    pub fn of(&self, statutes: &[Statute], statute: usize, article: usize) -> &[String] {
        let Some(cell) = self
            .by_article(statutes)
            .get(statute)
            .and_then(|articles| articles.get(article))
        else {
            return &[];
        };
        cell.phrases.get_or_init(|| {
            cell.column
                .zip(self.source.text())
                .and_then(|((from, to), text)| split_phrases(text.get(from..to)?).ok())
                .unwrap_or_default()
        })
    }

    /// How many articles of `statutes` have phrases.
    pub fn article_count(&self, statutes: &[Statute]) -> usize {
        self.by_article(statutes)
            .iter()
            .flatten()
            .filter(|cell| cell.column.is_some())
            .count()
    }

    /// Hash of the file the phrases came from; empty when there was none.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn by_article(&self, statutes: &[Statute]) -> &ByArticle {
        self.by_article.get_or_init(|| match self.source {
            Source::Builtin(text) => {
                parse_rows(BUILTIN_NAME, text, statutes, false).unwrap_or_default()
            }
            // A read file's rows were found when it was parsed.
            Source::None | Source::Read(_) => ByArticle::default(),
        })
    }
}

fn fingerprint(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// The rows of a phrases file, checked against `statutes`: where each
/// article's phrases column is, to be split when first asked for. With
/// `check`, the phrases are checked too (without being kept).
fn parse_rows(file: &str, text: &str, statutes: &[Statute], check: bool) -> Result<ByArticle> {
    let mut by_article: ByArticle = statutes
        .iter()
        .map(|s| vec![Cell::default(); s.articles.len()])
        .collect();
    // One look-up per row, not a scan of the statutes: a large corpus has
    // thousands of rows and hundreds of statute versions.
    let by_id: HashMap<(&str, &str), usize> = statutes
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.meta.short_name.as_str(), s.meta.version.as_str()), i))
        .collect();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |message: String| Error::CorpusParse {
            file: file.to_string(),
            line: i + 1,
            message,
        };
        let columns: Vec<&str> = line.split('\t').collect();
        let [law, version, number, phrases] = columns[..] else {
            return Err(bad(format!(
                "应有 4 列（简称、版本、条号、俗语），以 TAB 分隔，这一行有 {} 列 / expected 4 TAB-separated columns, found {}",
                columns.len(),
                columns.len()
            )));
        };
        let s = by_id
            .get(&(law.trim(), version.trim()))
            .copied()
            .ok_or_else(|| {
                bad(format!(
                    "语料中没有《{}》{}版 / no statute {}@{} in the corpus",
                    law.trim(),
                    version.trim(),
                    law.trim(),
                    version.trim()
                ))
            })?;
        let no = parse_article_no(number.trim()).ok_or_else(|| {
            bad(format!(
                "条号“{}”应为阿拉伯数字，可带“之N”（如 1032、42之1）/ article number must be digits, optionally 之N",
                number.trim()
            ))
        })?;
        let statute = &statutes[s];
        let a = statute
            .articles
            .binary_search_by(|article| article.no.cmp(&no))
            .map_err(|_| {
                bad(format!(
                    "{}没有{}（俗语只能指向存在的条文）/ {} has no article {}",
                    statute.id(),
                    number.trim(),
                    statute.id(),
                    number.trim()
                ))
            })?;
        let cell = &mut by_article[s][a];
        if cell.column.is_some() {
            return Err(bad(format!(
                "{} 第{}条的俗语已在前面列出 / article listed twice",
                statute.id(),
                number.trim()
            )));
        }
        if check {
            check_phrases(phrases).map_err(bad)?;
        }
        // `phrases` is a slice of `text`: its place in it.
        let from = phrases.as_ptr() as usize - text.as_ptr() as usize;
        cell.column = Some((from, from + phrases.len()));
    }
    Ok(by_article)
}

/// Check the phrases of a row's last column: none empty, none too long.
fn check_phrases(column: &str) -> std::result::Result<(), String> {
    for phrase in column.split('、').map(str::trim) {
        if phrase.is_empty() {
            return Err("俗语列有空项（多余的“、”）/ empty phrase (stray 、)".to_string());
        }
        if phrase.chars().count() > MAX_PHRASE_CHARS {
            return Err(format!(
                "俗语“{phrase}”超过 {MAX_PHRASE_CHARS} 个字；俗语应是几个词，不是句子 / phrase too long"
            ));
        }
    }
    Ok(())
}

/// The phrases of a row's last column, each once, in order.
fn split_phrases(column: &str) -> std::result::Result<Vec<String>, String> {
    check_phrases(column)?;
    let mut list: Vec<String> = Vec::new();
    for phrase in column.split('、').map(str::trim) {
        // A handful per article: a linear check beats hashing.
        if !list.iter().any(|p| p == phrase) {
            list.push(phrase.to_string());
        }
    }
    Ok(list)
}

/// `1032` or `42之1`.
fn parse_article_no(text: &str) -> Option<ArticleNo> {
    let (number, suffix) = match text.split_once('之') {
        Some((n, s)) => (n, Some(s)),
        None => (text, None),
    };
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !digits(number) || suffix.is_some_and(|s| !digits(s)) {
        return None;
    }
    Some(ArticleNo {
        number: number.parse().ok()?,
        suffix: match suffix {
            Some(s) => s.parse().ok()?,
            None => 0,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn builtin() -> Corpus {
        Corpus::builtin().expect("built-in corpus parses")
    }

    #[test]
    fn shipped_phrases_parse_and_cover_every_article() {
        let corpus = builtin();
        // Parsed eagerly here, so that a bad line fails this test instead of
        // leaving the deferred built-in phrases empty.
        let phrases = ArticlePhrases::parse(BUILTIN_NAME, BUILTIN_TSV, &corpus.statutes)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(phrases.fingerprint(), corpus.phrases.fingerprint());
        for (s, statute) in corpus.statutes.iter().enumerate() {
            for (a, article) in statute.articles.iter().enumerate() {
                assert_eq!(
                    corpus.phrases_of(s, a),
                    phrases.of(&corpus.statutes, s, a),
                    "the deferred parse gives the same phrases"
                );
                // A deleted article (「（删去）」) is never ranked, so it has none.
                assert_eq!(
                    phrases.of(&corpus.statutes, s, a).is_empty(),
                    article.is_deleted(),
                    "{} {}: every article but a deleted one has lay phrases",
                    statute.id(),
                    article.label
                );
            }
        }
    }

    #[test]
    fn phrases_attach_to_the_article_they_name() {
        let corpus = builtin();
        let text = "# 注释\n\n民法典\t2020\t1032\t被人肉、偷看聊天记录\n治安管理处罚法\t2012\t42\t发恐吓短信\n";
        let phrases = ArticlePhrases::parse("t.tsv", text, &corpus.statutes).unwrap();
        let civil = corpus
            .statutes
            .iter()
            .position(|s| s.id() == "民法典@2020")
            .unwrap();
        let old = corpus
            .statutes
            .iter()
            .position(|s| s.id() == "治安管理处罚法@2012")
            .unwrap();
        let of = |s, a| phrases.of(&corpus.statutes, s, a);
        assert_eq!(of(civil, 1031), ["被人肉", "偷看聊天记录"]);
        assert_eq!(of(old, 41), ["发恐吓短信"]);
        assert!(of(civil, 1030).is_empty());
        assert_eq!(phrases.article_count(&corpus.statutes), 2);
        assert_eq!(of(99, 0), [] as [String; 0]);
    }

    #[test]
    fn bad_lines_name_the_line_and_the_problem() {
        let corpus = builtin();
        let cases: &[(&str, &str)] = &[
            ("民法典\t2020\t1032", "4 列"),
            ("民法典\t2020\t1032\t人肉\t多余", "4 列"),
            ("民法\t2020\t1032\t人肉", "没有《民法》"),
            ("民法典\t2012\t1032\t人肉", "没有《民法典》2012版"),
            ("民法典\t2020\t一千\t人肉", "阿拉伯数字"),
            ("民法典\t2020\t1032之\t人肉", "阿拉伯数字"),
            ("民法典\t2020\t1261\t人肉", "没有1261"),
            ("民法典\t2020\t0\t人肉", "没有0"),
            ("民法典\t2020\t1032\t人肉、、开盒", "空项"),
            ("民法典\t2020\t1032\t", "空项"),
            (
                "民法典\t2020\t1032\t这是一个远远超过十六个字的很长很长的句子而不是俗语",
                "超过",
            ),
            ("民法典\t2020\t99999999999\t人肉", "阿拉伯数字"),
        ];
        for (line, expected) in cases {
            let text = format!("# header\n{line}\n");
            match ArticlePhrases::parse("p.tsv", &text, &corpus.statutes) {
                Err(Error::CorpusParse {
                    file,
                    line: at,
                    message,
                }) => {
                    assert_eq!((file.as_str(), at), ("p.tsv", 2), "{line}");
                    assert!(message.contains(expected), "{line}: {message}");
                }
                other => panic!("{line}: expected a parse error, got {other:?}"),
            }
        }
        let twice = "民法典\t2020\t1032\t人肉\n民法典\t2020\t1032\t开盒\n";
        let err = ArticlePhrases::parse("p.tsv", twice, &corpus.statutes).unwrap_err();
        assert!(err.to_string().contains("p.tsv:2"), "{err}");
    }

    #[test]
    fn article_numbers_take_digits_and_an_optional_suffix() {
        assert_eq!(
            parse_article_no("42之1"),
            Some(ArticleNo {
                number: 42,
                suffix: 1
            })
        );
        assert_eq!(parse_article_no("7").map(|n| n.number), Some(7));
        for bad in ["", "之1", "四十二", "42之", "42 ", "-1", "1.5"] {
            assert_eq!(parse_article_no(bad), None, "{bad:?}");
        }
    }
}
