//! The relevance harness: run question sets with known answers through the
//! real search and measure how well the answers rank.
//!
//! A question set is JSON lines, one object per question:
//!
//! ```text
//! {"query": "催收打电话给我父母", "gold": ["民法典:1032", "治安管理处罚法@2012:42"]}
//! ```
//!
//! A gold article is `法律:条` with the statute's short name, title or alias;
//! without `@版本` it means the version in force. Other keys (`source`…) are
//! ignored. Every gold must exist in the corpus, so that a typo in the data
//! cannot pass for a miss.
//!
//! For each query the ranked hits of [`Engine::search`] (exactly what
//! `fatiao search` returns) are compared with the gold set, and averaged over
//! the queries of a file:
//!
//! - recall@k: the share of the query's gold articles in the top k;
//! - hit@k: 1 when at least one gold article is in the top k;
//! - MRR@k: 1 / rank of the first gold article in the top k, 0 when none is.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::{ArticleNo, Corpus};
use crate::error::{Error, Result};
use crate::search::{Engine, Hit, SearchOptions};

/// The cut-offs every metric is reported at.
pub const CUTOFFS: [usize; 3] = [1, 5, 10];

/// Hits fetched per query: the largest cut-off.
pub const DEPTH: usize = 10;

/// A gold article, resolved against the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gold {
    /// As written in the data: `民法典:1032`.
    pub written: String,
    /// The statute version it names: `民法典@2020`.
    pub statute_id: String,
    pub article: ArticleNo,
}

impl Gold {
    /// Parse `法律[@版本]:条[之N]` and find the article in `corpus`.
    pub fn resolve(written: &str, corpus: &Corpus) -> std::result::Result<Gold, String> {
        let (statute, article) = written
            .rsplit_once([':', '：'])
            .ok_or_else(|| format!("gold {written:?}: expected 法律:条, e.g. 民法典:1032"))?;
        let (name, version) = match statute.split_once('@') {
            Some((name, version)) => (name.trim(), Some(version.trim())),
            None => (statute.trim(), None),
        };
        let versions = corpus.versions_named(name);
        if versions.is_empty() {
            return Err(format!("gold {written:?}: no statute named {name:?}"));
        }
        let found = match version {
            Some(v) => versions.into_iter().find(|s| s.meta.version == v),
            None => versions
                .into_iter()
                .find(|s| !s.meta.status.is_superseded()),
        }
        .ok_or_else(|| format!("gold {written:?}: no such version of {name}"))?;
        let (number, suffix) = match article.trim().split_once('之') {
            Some((n, s)) => (n, s),
            None => (article.trim(), ""),
        };
        let number = crate::corpus::numerals::parse_number(number)
            .ok_or_else(|| format!("gold {written:?}: bad article number"))?;
        let suffix = if suffix.is_empty() {
            0
        } else {
            crate::corpus::numerals::parse_number(suffix)
                .ok_or_else(|| format!("gold {written:?}: bad article suffix"))?
        };
        let no = ArticleNo { number, suffix };
        if found.article(no).is_none() {
            return Err(format!(
                "gold {written:?}: {} has no such article",
                found.id()
            ));
        }
        Ok(Gold {
            written: written.to_string(),
            statute_id: found.id(),
            article: no,
        })
    }

    /// Is `hit` this article?
    pub fn matches(&self, hit: &Hit) -> bool {
        hit.statute_id == self.statute_id
            && hit.article == self.article.number
            && hit.article_suffix == self.article.suffix
    }
}

/// One question with its gold articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// 1-based line in its file.
    pub line: usize,
    pub query: String,
    pub gold: Vec<Gold>,
}

#[derive(Deserialize)]
struct CaseLine {
    query: String,
    gold: Vec<String>,
}

/// Which questions of a file to run: all, or every other line (to tune on
/// one half and check on the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    #[default]
    All,
    /// Lines 2, 4, 6…
    Even,
    /// Lines 1, 3, 5…
    Odd,
}

impl Split {
    fn keeps(self, line: usize) -> bool {
        match self {
            Split::All => true,
            Split::Even => line.is_multiple_of(2),
            Split::Odd => !line.is_multiple_of(2),
        }
    }
}

/// Parse a question set; blank lines are skipped.
pub fn parse_cases(name: &str, text: &str, corpus: &Corpus) -> Result<Vec<Case>> {
    let mut cases = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::QuestionSet {
            file: name.to_string(),
            line,
            message,
        };
        let parsed: CaseLine = serde_json::from_str(raw).map_err(|e| bad(e.to_string()))?;
        if parsed.gold.is_empty() {
            return Err(bad("no gold articles".to_string()));
        }
        let gold = parsed
            .gold
            .iter()
            .map(|g| Gold::resolve(g, corpus))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(bad)?;
        cases.push(Case {
            line,
            query: parsed.query,
            gold,
        });
    }
    Ok(cases)
}

/// Read and parse a question set file.
pub fn load_cases(path: &Path, corpus: &Corpus) -> Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)?;
    parse_cases(&path.display().to_string(), &text, corpus)
}

/// recall, hit and MRR at each of [`CUTOFFS`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Metrics {
    pub recall: [f64; 3],
    pub hit: [f64; 3],
    pub mrr: [f64; 3],
}

impl Metrics {
    /// The metrics of one query whose gold articles were found at the
    /// 1-based `ranks` (each gold at most once), out of `gold_count` golds.
    pub fn of_query(ranks: &[usize], gold_count: usize) -> Metrics {
        let mut m = Metrics::default();
        if gold_count == 0 {
            return m;
        }
        let first = ranks.iter().copied().min();
        for (i, &k) in CUTOFFS.iter().enumerate() {
            let within = ranks.iter().filter(|&&r| r <= k).count();
            m.recall[i] = within as f64 / gold_count as f64;
            if let Some(first) = first.filter(|&r| r <= k) {
                m.hit[i] = 1.0;
                m.mrr[i] = 1.0 / first as f64;
            }
        }
        m
    }

    /// The mean of per-query metrics.
    pub fn mean(all: &[Metrics]) -> Metrics {
        let mut m = Metrics::default();
        if all.is_empty() {
            return m;
        }
        let n = all.len() as f64;
        for q in all {
            for i in 0..CUTOFFS.len() {
                m.recall[i] += q.recall[i] / n;
                m.hit[i] += q.hit[i] / n;
                m.mrr[i] += q.mrr[i] / n;
            }
        }
        m
    }
}

/// What one query returned.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub line: usize,
    pub query: String,
    pub gold: Vec<String>,
    /// 1-based ranks of the gold articles found in the top [`DEPTH`].
    pub gold_ranks: Vec<usize>,
    /// The hits, as `法律:条` (`法律@版本:条` for a superseded version).
    pub returned: Vec<String>,
    /// Expansions the search added.
    pub expansions: Vec<String>,
    pub metrics: Metrics,
}

/// The results over one question set.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub name: String,
    pub split: Split,
    pub queries: usize,
    pub metrics: Metrics,
    pub outcomes: Vec<Outcome>,
}

/// `民法典:1032`, or `治安管理处罚法@2012:42` for a superseded version.
pub fn hit_key(hit: &Hit) -> String {
    let suffix = if hit.article_suffix > 0 {
        format!("之{}", hit.article_suffix)
    } else {
        String::new()
    };
    if hit.in_force {
        format!("{}:{}{suffix}", hit.law, hit.article)
    } else {
        format!("{}@{}:{}{suffix}", hit.law, hit.version, hit.article)
    }
}

/// Run `cases` (those `split` keeps) through `engine` with `options`
/// (its limit is raised to [`DEPTH`] if lower).
pub fn evaluate(
    engine: &Engine,
    name: &str,
    cases: &[Case],
    split: Split,
    options: &SearchOptions,
) -> Result<FileReport> {
    let options = SearchOptions {
        limit: options.limit.max(DEPTH),
        ..options.clone()
    };
    let mut outcomes = Vec::new();
    for case in cases.iter().filter(|c| split.keeps(c.line)) {
        let results = engine.search(&case.query, &options)?;
        let hits = &results.hits[..results.hits.len().min(DEPTH)];
        let gold_ranks: Vec<usize> = case
            .gold
            .iter()
            .filter_map(|g| hits.iter().position(|h| g.matches(h)).map(|p| p + 1))
            .collect();
        outcomes.push(Outcome {
            line: case.line,
            query: case.query.clone(),
            gold: case.gold.iter().map(|g| g.written.clone()).collect(),
            metrics: Metrics::of_query(&gold_ranks, case.gold.len()),
            gold_ranks,
            returned: hits.iter().map(hit_key).collect(),
            expansions: results.expansions,
        });
    }
    let per_query: Vec<Metrics> = outcomes.iter().map(|o| o.metrics).collect();
    Ok(FileReport {
        name: name.to_string(),
        split,
        queries: outcomes.len(),
        metrics: Metrics::mean(&per_query),
        outcomes,
    })
}

impl FileReport {
    /// The metrics table, then every query with no gold article in the top
    /// `miss_cutoff` (none when 0), with what came back instead.
    pub fn render(&self, miss_cutoff: usize) -> String {
        let mut out = String::new();
        let split = match self.split {
            Split::All => String::new(),
            Split::Even => "（偶数行）".to_string(),
            Split::Odd => "（奇数行）".to_string(),
        };
        let _ = writeln!(out, "{}{split}: {} queries", self.name, self.queries);
        let _ = writeln!(out, "         k=1    k=5    k=10");
        let rows = [
            ("recall", &self.metrics.recall),
            ("hit", &self.metrics.hit),
            ("MRR", &self.metrics.mrr),
        ];
        for (label, values) in rows {
            let _ = writeln!(
                out,
                "  {label:<6} {:.3}  {:.3}  {:.3}",
                values[0], values[1], values[2]
            );
        }
        let missed: Vec<&Outcome> = self
            .outcomes
            .iter()
            .filter(|o| miss_cutoff > 0 && o.gold_ranks.iter().all(|&r| r > miss_cutoff))
            .collect();
        if !missed.is_empty() {
            let _ = writeln!(out, "  missed in top {miss_cutoff}: {}", missed.len());
        }
        for o in missed {
            let _ = writeln!(out, "  - line {}: {}", o.line, o.query);
            let _ = writeln!(out, "    gold: {}", o.gold.join(" "));
            if !o.gold_ranks.is_empty() {
                let ranks: Vec<String> = o.gold_ranks.iter().map(usize::to_string).collect();
                let _ = writeln!(out, "    gold ranks: {}", ranks.join(" "));
            }
            if !o.expansions.is_empty() {
                let _ = writeln!(out, "    expanded: {}", o.expansions.join("、"));
            }
            let shown: Vec<&str> = o.returned.iter().take(5).map(String::as_str).collect();
            let _ = writeln!(out, "    got: {}", shown.join(" "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn metrics_of_a_hand_made_case() {
        // Query A: 2 golds, found at ranks 3 and 7.
        let a = Metrics::of_query(&[3, 7], 2);
        // Query B: 1 gold, found at rank 1.
        let b = Metrics::of_query(&[1], 1);
        // Query C: 3 golds, none found.
        let c = Metrics::of_query(&[], 3);
        // Query D: 4 golds, found at ranks 10, 2 and 6 (unordered input).
        let d = Metrics::of_query(&[10, 2, 6], 4);

        /// metrics, expected recall, hit and MRR at k = 1, 5, 10
        type Row = (Metrics, [f64; 3], [f64; 3], [f64; 3]);
        let rows: [Row; 4] = [
            (
                a,
                [0.0, 0.5, 1.0],
                [0.0, 1.0, 1.0],
                [0.0, 1.0 / 3.0, 1.0 / 3.0],
            ),
            (b, [1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]),
            (c, [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]),
            (d, [0.0, 0.25, 0.75], [0.0, 1.0, 1.0], [0.0, 0.5, 0.5]),
        ];
        for (i, (m, recall, hit, mrr)) in rows.iter().enumerate() {
            for k in 0..3 {
                assert!(
                    close(m.recall[k], recall[k]),
                    "query {i} recall@{}: {m:?}",
                    CUTOFFS[k]
                );
                assert!(
                    close(m.hit[k], hit[k]),
                    "query {i} hit@{}: {m:?}",
                    CUTOFFS[k]
                );
                assert!(
                    close(m.mrr[k], mrr[k]),
                    "query {i} MRR@{}: {m:?}",
                    CUTOFFS[k]
                );
            }
        }

        let mean = Metrics::mean(&[a, b, c, d]);
        // recall@10: (1 + 1 + 0 + 0.75) / 4; hit@5: 3/4; MRR@10: (1/3 + 1 + 0 + 1/2) / 4.
        assert!(
            close(mean.recall[2], 2.75 / 4.0),
            "mean recall@10: {mean:?}"
        );
        assert!(close(mean.recall[1], 1.75 / 4.0), "mean recall@5: {mean:?}");
        assert!(close(mean.hit[1], 0.75), "mean hit@5: {mean:?}");
        assert!(close(mean.hit[0], 0.25), "mean hit@1: {mean:?}");
        assert!(
            close(mean.mrr[2], (1.0 / 3.0 + 1.0 + 0.5) / 4.0),
            "mean MRR@10: {mean:?}"
        );
        assert_eq!(Metrics::mean(&[]), Metrics::default(), "mean of nothing");
    }

    #[test]
    fn gold_articles_resolve_against_the_corpus() {
        let corpus = testing::search_corpus();
        /// written, statute id, article number; None = must be rejected
        const CASES: &[(&str, Option<(&str, u32)>)] = &[
            ("测试法:2", Some(("测试法@2025", 2))),
            ("测试法@2012:2", Some(("测试法@2012", 2))),
            ("中华人民共和国测试法：3", Some(("测试法@2025", 3))),
            ("测试法:第二条", None),
            ("测试法:二", Some(("测试法@2025", 2))),
            ("测试法:999", None),
            ("没有这部法:1", None),
            ("测试法@1999:2", None),
            ("测试法", None),
            ("测试法:x", None),
        ];
        for &(written, expected) in CASES {
            let got = Gold::resolve(written, &corpus);
            match expected {
                Some((id, number)) => {
                    let gold = got.unwrap_or_else(|e| panic!("{written:?} rejected: {e}"));
                    assert_eq!(gold.statute_id, id, "statute of {written:?}");
                    assert_eq!(gold.article.number, number, "article of {written:?}");
                }
                None => assert!(got.is_err(), "{written:?} should be rejected: {got:?}"),
            }
        }
    }

    #[test]
    fn a_question_set_runs_through_the_real_search() {
        let corpus = std::sync::Arc::new(testing::search_corpus());
        let text = concat!(
            "{\"query\": \"散布他人隐私\", \"gold\": [\"测试法:2\"], \"source\": \"test\"}\n",
            "\n",
            "{\"query\": \"zzzz\", \"gold\": [\"测试法:3\"]}\n",
        );
        let cases = parse_cases("test.jsonl", text, &corpus).expect("parse question set");
        assert_eq!(cases.len(), 2, "blank lines are skipped: {cases:?}");
        assert_eq!(cases[1].line, 3, "lines are counted in the file");
        let engine = Engine::open(
            std::sync::Arc::clone(&corpus),
            &crate::index::IndexLocation::InMemory,
        )
        .expect("engine");
        let report = evaluate(
            &engine,
            "test.jsonl",
            &cases,
            Split::All,
            &SearchOptions::default(),
        )
        .expect("evaluate");
        assert_eq!(report.outcomes[0].gold_ranks, vec![1], "{report:#?}");
        assert!(close(report.metrics.hit[0], 0.5), "{report:#?}");
        let text = report.render(10);
        assert!(
            text.contains("line 3: zzzz"),
            "the missed query is listed: {text}"
        );
        let odd = evaluate(&engine, "t", &cases, Split::Odd, &SearchOptions::default())
            .expect("evaluate odd lines");
        assert_eq!(odd.queries, 2, "lines 1 and 3 are odd");
        let even = evaluate(&engine, "t", &cases, Split::Even, &SearchOptions::default())
            .expect("evaluate even lines");
        assert_eq!(even.queries, 0, "no even line holds a question");
    }

    /// The question sets shipped in `benches/eval/` stay valid: every line
    /// parses and every gold article exists in the built-in corpus.
    #[test]
    fn shipped_question_sets_load_against_the_builtin_corpus() {
        let corpus = crate::corpus::Corpus::builtin().expect("built-in corpus");
        let dir = std::path::Path::new(crate::testing::REPO).join("benches/eval");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("benches/eval")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        assert!(files.len() >= 10, "{files:?}");
        for path in files {
            let cases = load_cases(&path, &corpus).unwrap_or_else(|e| panic!("{e}"));
            // The sixth round's set (lay_blind_11) holds 39; the others 60–80.
            assert!(
                cases.len() >= 30,
                "{}: {} questions",
                path.display(),
                cases.len()
            );
        }
    }

    #[test]
    fn bad_question_sets_name_the_line() {
        let corpus = testing::search_corpus();
        const CASES: &[(&str, usize)] = &[
            (
                "{\"query\": \"x\", \"gold\": [\"测试法:2\"]}\nnot json\n",
                2,
            ),
            ("{\"query\": \"x\", \"gold\": []}\n", 1),
            ("{\"query\": \"x\", \"gold\": [\"测试法:999\"]}\n", 1),
            ("{\"gold\": [\"测试法:2\"]}\n", 1),
        ];
        for &(text, line) in CASES {
            match parse_cases("bad.jsonl", text, &corpus) {
                Err(Error::QuestionSet { line: got, .. }) => {
                    assert_eq!(got, line, "wrong line reported for {text:?}")
                }
                other => panic!("{text:?} should fail at line {line}: {other:?}"),
            }
        }
    }
}
