//! Article correspondence between two versions of one statute (the PSAPL's
//! 2012 text and its 2025 revision), computed from the texts alone.
//!
//! This is not an official table. It is a deterministic, order-respecting
//! alignment that anyone can re-run and review:
//!
//! 1. Each article is reduced to its set of character bigrams (CJK letters and
//!    digits only, punctuation dropped), and two articles' similarity is the
//!    Dice coefficient of their bigram sets, 0.0–1.0, with each bigram weighted
//!    by its inverse document frequency over the articles of both versions.
//!    The weighting matters: the PSAPL repeats stock penalty phrases
//!    (处五日以上十日以下拘留…) in dozens of articles, and unweighted they
//!    make unrelated articles look alike.
//! 2. A dynamic programme over both article sequences (like a diff) picks the
//!    monotone alignment with the largest total of `similarity − THRESHOLD`
//!    over its pairs. Besides one-to-one pairs it may pair one article with
//!    two consecutive ones (a split, 1:2) or two with one (a merge, 2:1),
//!    scored on the concatenated text. Articles left unpaired are `Removed`
//!    (old version only) or `New` (new version only).
//!
//! 3. Finally, articles still unpaired on both sides are paired out of order
//!    (`Moved`) when their similarity reaches `MOVED_THRESHOLD`, most similar
//!    first.
//!
//! Ties are broken by a fixed move order, so the result never changes for the
//! same texts.

use crate::corpus::{Article, Corpus, Statute};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Pairs scoring below this similarity are never aligned: below it, two
/// articles of this statute share little more than the stock penalty phrases.
pub const THRESHOLD: f64 = 0.25;

/// An article left out of the ordered alignment is paired with an equally
/// unpaired one elsewhere only when they are this alike: a moved rule keeps
/// most of its wording.
pub const MOVED_THRESHOLD: f64 = 0.5;

/// A split or merge must beat the best one-to-one pair by this much, so that a
/// neighbour is only pulled in when it really carries part of the text.
const MULTI_MARGIN: f64 = 0.05;

/// How an article of one version relates to the other version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Paired one-to-one.
    Pair,
    /// One old article became two consecutive new ones.
    Split,
    /// Two consecutive old articles became one new one.
    Merged,
    /// Only in the old version.
    Removed,
    /// Only in the new version.
    New,
    /// Paired out of order: the article moved to another place in the statute.
    Moved,
}

impl Change {
    fn as_str(self) -> &'static str {
        match self {
            Change::Pair => "pair",
            Change::Split => "split",
            Change::Merged => "merged",
            Change::Removed => "removed",
            Change::New => "new",
            Change::Moved => "moved",
        }
    }

    fn parse(s: &str) -> Option<Change> {
        Some(match s {
            "pair" => Change::Pair,
            "split" => Change::Split,
            "merged" => Change::Merged,
            "removed" => Change::Removed,
            "new" => Change::New,
            "moved" => Change::Moved,
            _ => return None,
        })
    }
}

/// One row of the correspondence: old article(s), new article(s), similarity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Article numbers in the old version (empty for `New`).
    pub old: Vec<u32>,
    /// Article numbers in the new version (empty for `Removed`).
    pub new: Vec<u32>,
    /// Dice similarity of the linked texts, rounded to three decimals (0 for New/Removed).
    pub similarity: f64,
    pub change: Change,
}

/// The whole alignment between an old and a new version of one statute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correspondence {
    /// Statute id of the old version (治安管理处罚法@2012).
    pub old_id: String,
    /// Statute id of the new version (治安管理处罚法@2025).
    pub new_id: String,
    pub links: Vec<Link>,
}

/// Where an article of one version went in the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterpart<'a> {
    /// The article numbers on the other side (empty when it has none).
    pub articles: &'a [u32],
    pub link: &'a Link,
}

impl Correspondence {
    /// The new-version article(s) for an old article number.
    pub fn forward(&self, old: u32) -> Option<Counterpart<'_>> {
        self.links
            .iter()
            .find(|l| l.old.contains(&old))
            .map(|link| Counterpart {
                articles: &link.new,
                link,
            })
    }

    /// The old-version article(s) for a new article number.
    pub fn backward(&self, new: u32) -> Option<Counterpart<'_>> {
        self.links
            .iter()
            .find(|l| l.new.contains(&new))
            .map(|link| Counterpart {
                articles: &link.old,
                link,
            })
    }

    /// Where article `number` of version `statute_id` went in the other
    /// version: that version's id, and the link (`None` when the article is
    /// not listed). `None` when `statute_id` is neither side of the table.
    pub fn across(&self, statute_id: &str, number: u32) -> Option<(&str, Option<Counterpart<'_>>)> {
        if statute_id == self.old_id {
            Some((&self.new_id, self.forward(number)))
        } else if statute_id == self.new_id {
            Some((&self.old_id, self.backward(number)))
        } else {
            None
        }
    }

    /// The reviewable text form stored in `corpus/`: a commented header, then
    /// one tab-separated row per link.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        let law = self.old_id.split('@').next().unwrap_or_default();
        let version = |id: &str| id.split('@').nth(1).unwrap_or_default().to_string();
        let _ = writeln!(
            out,
            "# {law} {} ⇄ {} 条文对应表（由两版条文文本计算得出，非官方对照表）",
            version(&self.old_id),
            version(&self.new_id)
        );
        out.push_str("# Computed by fatiao from the two texts; not an official table.\n");
        let _ = writeln!(
            out,
            "# Regenerate: cargo run --release -- correspondence {law} > {}",
            table_path(law)
        );
        let _ = writeln!(
            out,
            "# Method: IDF-weighted Dice similarity of character bigrams; monotone alignment maximising Σ(similarity − {THRESHOLD}), with 1:2 splits and 2:1 merges."
        );
        let _ = writeln!(out, "# old: {}  new: {}", self.old_id, self.new_id);
        out.push_str("old\tnew\tsimilarity\tchange\n");
        for link in &self.links {
            let _ = writeln!(
                out,
                "{}\t{}\t{:.3}\t{}",
                join_numbers(&link.old),
                join_numbers(&link.new),
                link.similarity,
                link.change.as_str()
            );
        }
        out
    }

    /// Reads the form written by [`Correspondence::to_tsv`]. Returns `None`
    /// on any malformed line; the caller reports which file is broken.
    pub fn from_tsv(text: &str) -> Option<Correspondence> {
        let mut old_id = None;
        let mut new_id = None;
        let mut links = Vec::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("# old: ") {
                let (old, new) = rest.split_once("  new: ")?;
                old_id = Some(old.trim().to_string());
                new_id = Some(new.trim().to_string());
                continue;
            }
            if line.starts_with('#') || line.is_empty() || line == "old\tnew\tsimilarity\tchange" {
                continue;
            }
            let mut cols = line.split('\t');
            let old = parse_numbers(cols.next()?)?;
            let new = parse_numbers(cols.next()?)?;
            let similarity: f64 = cols.next()?.parse().ok()?;
            let change = Change::parse(cols.next()?)?;
            if cols.next().is_some() {
                return None;
            }
            links.push(Link {
                old,
                new,
                similarity,
                change,
            });
        }
        Some(Correspondence {
            old_id: old_id?,
            new_id: new_id?,
            links,
        })
    }
}

fn join_numbers(numbers: &[u32]) -> String {
    if numbers.is_empty() {
        return "-".to_string();
    }
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_numbers(s: &str) -> Option<Vec<u32>> {
    if s == "-" {
        return Some(Vec::new());
    }
    s.split(',').map(|n| n.parse().ok()).collect()
}

/// An article as the ids of its distinct character bigrams, sorted.
type Bigrams = Vec<u32>;

/// Interns bigrams and weighs them by inverse document frequency.
struct Weights {
    idf: Vec<f64>,
}

impl Weights {
    /// Turns each article into its sorted bigram ids (letters and digits only,
    /// punctuation and spaces dropped) and computes the IDF over all of them.
    fn build(texts: &[String]) -> (Weights, Vec<Bigrams>) {
        let mut ids: HashMap<(char, char), u32> = HashMap::new();
        let mut docs = Vec::with_capacity(texts.len());
        for text in texts {
            let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
            let mut doc: Vec<u32> = chars
                .windows(2)
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry((w[0], w[1])).or_insert(next)
                })
                .collect();
            doc.sort_unstable();
            doc.dedup();
            docs.push(doc);
        }
        let mut df = vec![0usize; ids.len()];
        for doc in &docs {
            for &g in doc {
                df[g as usize] += 1;
            }
        }
        let n = docs.len() as f64;
        let idf = df.iter().map(|&d| (1.0 + n / d as f64).ln()).collect();
        (Weights { idf }, docs)
    }

    fn mass(&self, a: &[u32]) -> f64 {
        a.iter().map(|&g| self.idf[g as usize]).sum()
    }

    /// Weighted Dice coefficient: 2·w(A∩B) / (w(A) + w(B)).
    fn dice(&self, a: &[u32], b: &[u32]) -> f64 {
        let total = self.mass(a) + self.mass(b);
        if total == 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut common) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += self.idf[a[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common / total
    }
}

fn union(a: &[u32], b: &[u32]) -> Bigrams {
    let mut u: Vec<u32> = a.iter().chain(b.iter()).copied().collect();
    u.sort_unstable();
    u.dedup();
    u
}

/// Steps of the alignment, in tie-break order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Pair,
    Split,
    Merge,
    SkipOld,
    SkipNew,
}

/// Aligns the articles of `old` and `new` (see the module docs for the method).
pub fn align(old: &Statute, new: &Statute) -> Correspondence {
    let texts: Vec<String> = old
        .articles
        .iter()
        .chain(new.articles.iter())
        .map(Article::text)
        .collect();
    let (weights, mut grams) = Weights::build(&texts);
    let new_grams = grams.split_off(old.articles.len());
    let old_grams = grams;
    let (n, m) = (old_grams.len(), new_grams.len());

    // Every similarity the programme can ask for, computed once.
    let new_joined: Vec<Bigrams> = new_grams.windows(2).map(|w| union(&w[0], &w[1])).collect();
    let old_joined: Vec<Bigrams> = old_grams.windows(2).map(|w| union(&w[0], &w[1])).collect();
    let table = |rows: &[Bigrams], cols: &[Bigrams]| -> Vec<Vec<f64>> {
        rows.iter()
            .map(|r| cols.iter().map(|c| weights.dice(r, c)).collect())
            .collect()
    };
    let pair = table(&old_grams, &new_grams);
    let split = table(&old_grams, &new_joined); // old[i] ~ new[j] + new[j+1]
    let merge = table(&old_joined, &new_grams); // old[i] + old[i+1] ~ new[j]

    // best[i][j]: the best score aligning old[i..] with new[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    let mut choice = vec![vec![Step::SkipOld; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            if i == n && j == m {
                continue;
            }
            let mut candidates: Vec<(Step, f64)> = Vec::with_capacity(5);
            if i < n && j < m {
                let s = pair[i][j];
                if s >= THRESHOLD {
                    candidates.push((Step::Pair, s - THRESHOLD + best[i + 1][j + 1]));
                }
                if j + 1 < m {
                    let s2 = split[i][j];
                    if s2 >= THRESHOLD && s2 > s.max(pair[i][j + 1]) + MULTI_MARGIN {
                        // Counted twice: a split pairs two new articles.
                        candidates.push((Step::Split, 2.0 * (s2 - THRESHOLD) + best[i + 1][j + 2]));
                    }
                }
                if i + 1 < n {
                    let s2 = merge[i][j];
                    if s2 >= THRESHOLD && s2 > s.max(pair[i + 1][j]) + MULTI_MARGIN {
                        candidates.push((Step::Merge, 2.0 * (s2 - THRESHOLD) + best[i + 2][j + 1]));
                    }
                }
            }
            if i < n {
                candidates.push((Step::SkipOld, best[i + 1][j]));
            }
            if j < m {
                candidates.push((Step::SkipNew, best[i][j + 1]));
            }
            // First maximum in the fixed order above wins, so ties are deterministic.
            let (step, score) =
                candidates
                    .into_iter()
                    .fold((Step::SkipOld, f64::NEG_INFINITY), |acc, c| {
                        if c.1 > acc.1 + 1e-12 { c } else { acc }
                    });
            best[i][j] = score;
            choice[i][j] = step;
        }
    }

    let number = |a: &Article| a.no.number;
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let mut links = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        match choice[i][j] {
            Step::Pair => {
                links.push(Link {
                    old: vec![number(&old.articles[i])],
                    new: vec![number(&new.articles[j])],
                    similarity: round(pair[i][j]),
                    change: Change::Pair,
                });
                i += 1;
                j += 1;
            }
            Step::Split => {
                links.push(Link {
                    old: vec![number(&old.articles[i])],
                    new: vec![number(&new.articles[j]), number(&new.articles[j + 1])],
                    similarity: round(split[i][j]),
                    change: Change::Split,
                });
                i += 1;
                j += 2;
            }
            Step::Merge => {
                links.push(Link {
                    old: vec![number(&old.articles[i]), number(&old.articles[i + 1])],
                    new: vec![number(&new.articles[j])],
                    similarity: round(merge[i][j]),
                    change: Change::Merged,
                });
                i += 2;
                j += 1;
            }
            Step::SkipOld => {
                links.push(Link {
                    old: vec![number(&old.articles[i])],
                    new: Vec::new(),
                    similarity: 0.0,
                    change: Change::Removed,
                });
                i += 1;
            }
            Step::SkipNew => {
                links.push(Link {
                    old: Vec::new(),
                    new: vec![number(&new.articles[j])],
                    similarity: 0.0,
                    change: Change::New,
                });
                j += 1;
            }
        }
    }
    pair_moved(&mut links, &pair, old, new);
    Correspondence {
        old_id: old.id(),
        new_id: new.id(),
        links,
    }
}

/// Step 3: pairs unpaired old and new articles that are alike enough, out of order.
fn pair_moved(links: &mut Vec<Link>, pair: &[Vec<f64>], old: &Statute, new: &Statute) {
    let index_of = |statute: &Statute, number: u32| {
        statute.articles.iter().position(|a| a.no.number == number)
    };
    let mut candidates = Vec::new();
    for (li, removed) in links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.change == Change::Removed)
    {
        for (lj, added) in links
            .iter()
            .enumerate()
            .filter(|(_, l)| l.change == Change::New)
        {
            let (Some(i), Some(j)) = (index_of(old, removed.old[0]), index_of(new, added.new[0]))
            else {
                continue;
            };
            let s = pair[i][j];
            if s >= MOVED_THRESHOLD {
                candidates.push((s, li, lj));
            }
        }
    }
    // Most similar first; ties by position, so the result is deterministic.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used = HashSet::new();
    let mut dropped = Vec::new();
    for (s, li, lj) in candidates {
        if used.contains(&li) || used.contains(&lj) {
            continue;
        }
        used.insert(li);
        used.insert(lj);
        let new_numbers = links[lj].new.clone();
        let link = &mut links[li];
        link.new = new_numbers;
        link.similarity = (s * 1000.0).round() / 1000.0;
        link.change = Change::Moved;
        dropped.push(lj);
    }
    dropped.sort_unstable();
    for lj in dropped.into_iter().rev() {
        links.remove(lj);
    }
}

/// The correspondence between the newest superseded version and the version
/// in force of the statute named `name`, when the corpus holds both.
///
/// For the built-in corpus this is the stored, reviewed table (a test keeps it
/// equal to a fresh alignment); aligning takes tens of milliseconds, too long
/// for a one-shot `fatiao show`. Any other corpus is aligned afresh.
pub fn between_versions(corpus: &Corpus, name: &str) -> Option<Correspondence> {
    let (previous, current) = versions_to_align(corpus, name)?;
    if corpus.is_builtin()
        && let Some(&(_, tsv)) = BUILTIN_TABLES
            .iter()
            .find(|&&(law, _)| law == current.meta.short_name)
        && let Some(stored) = Correspondence::from_tsv(tsv)
        && stored.old_id == previous.id()
        && stored.new_id == current.id()
    {
        return Some(stored);
    }
    Some(align(previous, current))
}

/// [`between_versions`] for each statute asked about, worked out once.
#[derive(Debug, Default)]
pub struct Cache {
    by_name: HashMap<String, Option<Correspondence>>,
}

impl Cache {
    /// The correspondence of the statute with this short name, if it has two versions.
    pub fn get(&mut self, corpus: &Corpus, short_name: &str) -> Option<&Correspondence> {
        self.by_name
            .entry(short_name.to_string())
            .or_insert_with(|| between_versions(corpus, short_name))
            .as_ref()
    }
}

/// Like [`between_versions`], always aligning the texts afresh (to regenerate
/// the stored table).
pub fn compute_between_versions(corpus: &Corpus, name: &str) -> Option<Correspondence> {
    let (previous, current) = versions_to_align(corpus, name)?;
    Some(align(previous, current))
}

/// The newest superseded version and the version in force of `name`.
fn versions_to_align<'a>(corpus: &'a Corpus, name: &str) -> Option<(&'a Statute, &'a Statute)> {
    let versions = corpus.versions_named(name);
    let current = versions.iter().find(|s| !s.meta.status.is_superseded())?;
    let previous = versions.iter().find(|s| s.meta.status.is_superseded())?;
    Some((previous, current))
}

/// The stored tables of the built-in corpus: every statute it holds in two
/// versions, by short name.
pub const BUILTIN_TABLES: &[(&str, &str)] = &[
    (
        "治安管理处罚法",
        include_str!("../../../corpus/治安管理处罚法-对应表.tsv"),
    ),
    (
        "网络安全法",
        include_str!("../../../corpus/网络安全法-对应表.tsv"),
    ),
];

/// Where the stored table of `law` lives in the checkout, relative to the repository root.
pub fn table_path(law: &str) -> String {
    format!("corpus/{law}-对应表.tsv")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn psapl() -> Correspondence {
        let corpus = Corpus::builtin().expect("built-in corpus parses");
        compute_between_versions(&corpus, "治安管理处罚法")
            .expect("both PSAPL versions are built in")
    }

    /// Pairs a lawyer can check by reading both texts.
    const KNOWN_PAIRS: &[(u32, u32, &str)] = &[
        (42, 50, "threats, insults, harassing messages, privacy"),
        (43, 51, "殴打、伤害"),
        (22, 25, "six-month limitation"),
        (9, 9, "调解"),
        (117, 140, "赔礼道歉、赔偿"),
        (119, 144, "本法自…起施行"),
        (6, 2, "综合治理 moved into art. 2"),
    ];

    #[test]
    fn known_pairs_align() {
        let c = psapl();
        for &(old, new, what) in KNOWN_PAIRS {
            let found = c.forward(old).map(|p| p.articles.to_vec());
            assert_eq!(
                found,
                Some(vec![new]),
                "2012 art. {old} ({what}) should map to 2025 art. {new}"
            );
            let back = c.backward(new).map(|p| p.articles.to_vec());
            assert_eq!(
                back,
                Some(vec![old]),
                "2025 art. {new} ({what}) should map back to 2012 art. {old}"
            );
        }
    }

    #[test]
    fn new_articles_have_no_counterpart() {
        let c = psapl();
        // 56: selling or providing personal information, new in 2025.
        let link = c.backward(56).expect("every 2025 article is listed").link;
        assert_eq!(
            link.change,
            Change::New,
            "2025 art. 56 should be new: {link:?}"
        );
        assert!(link.old.is_empty());
        // The railway article that now holds number 42 is not the old art. 42.
        assert_ne!(c.backward(42).map(|p| p.articles.to_vec()), Some(vec![42]));
    }

    #[test]
    fn every_article_appears_exactly_once() {
        let c = psapl();
        let mut old: Vec<u32> = c.links.iter().flat_map(|l| l.old.clone()).collect();
        let mut new: Vec<u32> = c.links.iter().flat_map(|l| l.new.clone()).collect();
        old.sort_unstable();
        new.sort_unstable();
        assert_eq!(old, (1..=119).collect::<Vec<_>>(), "each 2012 article once");
        assert_eq!(new, (1..=144).collect::<Vec<_>>(), "each 2025 article once");
    }

    #[test]
    fn stored_tables_are_current_and_round_trip() {
        let corpus = Corpus::builtin().expect("built-in corpus parses");
        for &(law, stored) in BUILTIN_TABLES {
            let c = compute_between_versions(&corpus, law)
                .unwrap_or_else(|| panic!("both versions of {law} are built in"));
            let path = table_path(law);
            assert_eq!(
                stored,
                c.to_tsv(),
                "{path} is stale: regenerate it with `cargo run --release -- correspondence {law} > {path}`"
            );
            assert_eq!(Correspondence::from_tsv(stored), Some(c.clone()));
            assert_eq!(
                between_versions(&corpus, law),
                Some(c),
                "the built-in corpus uses the stored table of {law}, equal to a fresh alignment"
            );
        }
        // Every statute held in two versions has a stored table.
        let mut laws: Vec<&str> = corpus
            .statutes
            .iter()
            .filter(|s| s.meta.status.is_superseded())
            .map(|s| s.meta.short_name.as_str())
            .collect();
        laws.dedup();
        let stored: Vec<&str> = BUILTIN_TABLES.iter().map(|t| t.0).collect();
        assert_eq!(laws, stored);
    }

    /// 网络安全法 2016 → 2025: the 2025 决定 inserted 第三条 and 第二十条 (so
    /// most later numbers moved up), and new penalty articles.
    #[test]
    fn cybersecurity_law_pairs_align() {
        let corpus = Corpus::builtin().expect("built-in corpus parses");
        let c = compute_between_versions(&corpus, "网络安全法").expect("both versions");
        for (old, new) in [
            (1, 1),
            (2, 2),
            (3, 4),
            (17, 18),
            (40, 42),
            (41, 43),
            (79, 81),
        ] {
            assert_eq!(
                c.forward(old).map(|p| p.articles.to_vec()),
                Some(vec![new]),
                "2016 art. {old} should map to 2025 art. {new}"
            );
        }
        assert_eq!(
            c.backward(3).map(|p| p.link.change),
            Some(Change::New),
            "2025 art. 3 (party leadership) is new"
        );
    }

    #[test]
    fn malformed_tables_are_rejected() {
        for bad in [
            "",
            "# old: a  new: b\n1\t2\tx\tpair\n",
            "# old: a  new: b\n1\t2\t0.5\tswap\n",
        ] {
            assert_eq!(
                Correspondence::from_tsv(bad),
                None,
                "{bad:?} should not parse"
            );
        }
    }
}
