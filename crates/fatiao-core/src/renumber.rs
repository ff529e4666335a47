//! Old article numbers: what a number meant before a statute's newer version
//! came into force, and where that rule went.
//!
//! A reference written without a version (治安管理处罚法第四十二条) is read in the
//! version in force. When the statute is held in a superseded version too and
//! the computed correspondence ([`crate::correspondence`]) says that the old
//! article of that number did not keep it, the reader may mean the old rule:
//! since 2026-01-01 治安管理处罚法第四十二条 is a railway rule, while the
//! harassment rule that had that number is 第五十条. [`for_reference`] says so
//! in one line, naming the old rule and its current counterpart.
//!
//! Nothing here names a statute: it works for every statute the corpus holds
//! in a superseded version and a version in force (治安管理处罚法 2012 → 2025,
//! 网络安全法 2016 → 2025), with whatever table [`correspondence::Cache`] gives.
//!
//! [`counterpart`] also carries a cited paragraph (款) or item (项) across
//! when the counterpart keeps it (第四十二条第五项 → 第五十条第一款第五项): the
//! paragraph or item of the counterpart whose text is clearly the most alike.

use crate::cite::{self, CiteStyle};
use crate::corpus::{Article, ArticleNo, Corpus, Statute, numerals};
use crate::correspondence;
use crate::reference::{self, Reference, ResolvedRef, check_article};
use serde::Serialize;
use std::collections::HashSet;

/// A paragraph or item is carried across only when its best match in the
/// counterpart is at least this alike ([`likeness`]) …
const PART_THRESHOLD: f64 = 0.5;

/// … and ahead of the second best by this much.
const PART_MARGIN: f64 = 0.1;

/// How many characters of a provision a notice quotes.
const GIST_CHARS: usize = 16;

/// Where an old article (paragraph, item) went in another version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    /// The corresponding provisions in the other version; empty when the
    /// correspondence finds none.
    pub refs: Vec<ResolvedRef>,
    /// The old reference named a paragraph or item that could not be matched
    /// to one of the counterpart: `refs` are whole articles.
    pub parts_dropped: bool,
}

/// The notice for one reference whose number changed meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OldNumbering {
    /// The version in force the reference was read in: 治安管理处罚法@2025.
    pub current_id: String,
    /// The reference in the superseded version.
    pub old: ResolvedRef,
    /// The same number in the version in force, when it exists there.
    pub current: Option<ResolvedRef>,
    /// Where the old rule went in the version in force.
    pub moved: Moved,
    /// The current citation of the old rule, when it has one.
    pub counterpart: Option<String>,
    /// One line for people: the old rule, its current counterpart, and what
    /// the number means now.
    pub message: String,
    /// The same, short enough for a line beside the article (the TUI):
    /// 旧编号：2012年修正版第四十二条（“写恐吓信或者以其他方法…”）现为第五十条.
    pub short: String,
}

/// Where `old` (a provision of one version) went in `to`, another version of
/// the same statute; `None` when no correspondence links the two.
pub fn counterpart(
    corpus: &Corpus,
    cache: &mut correspondence::Cache,
    old: &ResolvedRef,
    to: &Statute,
) -> Option<Moved> {
    let (other_id, link) = cache
        .get(corpus, &to.meta.short_name)?
        .across(&old.statute_id, old.article.number)?;
    if other_id != to.id() || old.article.suffix != 0 {
        return None;
    }
    let numbers: Vec<u32> = link?.articles.to_vec();
    let articles: Vec<&Article> = numbers
        .iter()
        .filter_map(|&number| to.article(ArticleNo { number, suffix: 0 }))
        .collect();
    let whole = |parts_dropped| Moved {
        refs: articles
            .iter()
            .map(|a| ResolvedRef {
                statute_id: to.id(),
                article: a.no,
                paragraph: None,
                item: None,
            })
            .collect(),
        parts_dropped,
    };
    if articles.is_empty() || (old.paragraph.is_none() && old.item.is_none()) {
        return Some(whole(false));
    }
    let (_, old_article) = cite::lookup(corpus, old).ok()?;
    match best_part(old_article, old, &articles) {
        Some((article, paragraph, item)) => Some(Moved {
            refs: vec![ResolvedRef {
                statute_id: to.id(),
                article,
                paragraph: Some(paragraph),
                item,
            }],
            parts_dropped: false,
        }),
        None => Some(whole(true)),
    }
}

/// The paragraph (or item, when `old` names one) of `candidates` that is
/// clearly the most like the one `old` names.
fn best_part(
    old_article: &Article,
    old: &ResolvedRef,
    candidates: &[&Article],
) -> Option<(ArticleNo, u32, Option<u32>)> {
    let old_paragraph = old_article.paragraphs.get(old.paragraph? as usize - 1)?;
    let (old_text, wants_item) = match old.item {
        Some(i) => (
            old_paragraph
                .items
                .iter()
                .find(|it| it.number == i)?
                .text
                .clone(),
            true,
        ),
        None => (paragraph_text(old_paragraph), false),
    };
    let mut scored: Vec<(f64, ArticleNo, u32, Option<u32>)> = Vec::new();
    for article in candidates {
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            let number = p as u32 + 1;
            if wants_item {
                for item in &paragraph.items {
                    scored.push((
                        likeness(&old_text, &item.text),
                        article.no,
                        number,
                        Some(item.number),
                    ));
                }
            } else {
                scored.push((
                    likeness(&old_text, &paragraph_text(paragraph)),
                    article.no,
                    number,
                    None,
                ));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first()?;
    let second = scored.get(1).map_or(0.0, |s| s.0);
    (best.0 >= PART_THRESHOLD && best.0 - second >= PART_MARGIN).then_some((best.1, best.2, best.3))
}

fn paragraph_text(paragraph: &crate::corpus::Paragraph) -> String {
    let mut text = paragraph.text.clone();
    for item in &paragraph.items {
        text.push_str(&item.text);
    }
    text
}

/// How alike an old paragraph or item is to a new one: the mean of the Dice
/// coefficient and the overlap coefficient of their character bigrams. The
/// overlap keeps a short item that a revision lengthened (结伙斗殴的 →
/// 结伙斗殴或者随意殴打他人的) recognisable; Dice keeps a long candidate that
/// merely contains the old words from winning over the one that says them.
fn likeness(a: &str, b: &str) -> f64 {
    let (dice, overlap) = bigram_scores(a, b);
    (dice + overlap) / 2.0
}

/// Dice coefficient of the two texts' sets of character bigrams (letters and
/// digits only).
#[cfg(test)]
fn dice(a: &str, b: &str) -> f64 {
    bigram_scores(a, b).0
}

/// (Dice, overlap) coefficients of the two texts' sets of character bigrams
/// (letters and digits only).
fn bigram_scores(a: &str, b: &str) -> (f64, f64) {
    let grams = |text: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (grams(a), grams(b));
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let shared = a.intersection(&b).count() as f64;
    (
        2.0 * shared / (a.len() + b.len()) as f64,
        shared / a.len().min(b.len()) as f64,
    )
}

/// The old-numbering notices for a reference typed or written without a
/// version: one for its statute, or, for a bare 第42条, one for each statute
/// whose number changed. Empty for a reference that names a version or a
/// range, and for numbers whose rule kept them.
pub fn for_reference(
    corpus: &Corpus,
    cache: &mut correspondence::Cache,
    r: &Reference,
) -> Vec<OldNumbering> {
    if r.version.is_some() || r.article_end.is_some() {
        return Vec::new();
    }
    let current: Vec<&Statute> = match &r.statute {
        Some(name) => reference::statute_versions(corpus, name)
            .into_iter()
            .filter(|s| !s.meta.status.is_superseded())
            .take(1)
            .collect(),
        None => corpus
            .statutes
            .iter()
            .filter(|s| !s.meta.status.is_superseded())
            .collect(),
    };
    current
        .into_iter()
        .filter_map(|statute| for_statute(corpus, cache, statute, r))
        .collect()
}

/// The notice for `r` read in `current`, the version in force.
fn for_statute(
    corpus: &Corpus,
    cache: &mut correspondence::Cache,
    current: &Statute,
    r: &Reference,
) -> Option<OldNumbering> {
    if r.article.suffix != 0 {
        return None;
    }
    let table = cache.get(corpus, &current.meta.short_name)?;
    if table.new_id != current.id() {
        return None;
    }
    let old_statute = corpus.get(&table.old_id)?;
    let link = table.forward(r.article.number)?;
    if link.articles == [r.article.number] {
        return None; // the rule kept its number
    }
    let old = check_article(old_statute, r.article, r.paragraph, r.item).ok()?;
    let current_ref = check_article(current, r.article, r.paragraph, r.item).ok();
    let moved = counterpart(corpus, cache, &old, current)?;
    let counterpart_citation = if moved.refs.is_empty() {
        None
    } else {
        cite::merge(corpus, &moved.refs, CiteStyle::Full).ok()
    };
    let message = message(corpus, old_statute, current, &old, r, &moved);
    let short = short_message(corpus, old_statute, &old, &moved);
    Some(OldNumbering {
        current_id: current.id(),
        old,
        current: current_ref,
        moved,
        counterpart: counterpart_citation,
        message,
        short,
    })
}

/// 旧编号提醒：治安管理处罚法第四十二条在2026-01-01前（2012年修正版）是“…”，该规定现为第五十条；现行第四十二条是“…”
fn message(
    corpus: &Corpus,
    old_statute: &Statute,
    current: &Statute,
    old: &ResolvedRef,
    r: &Reference,
    moved: &Moved,
) -> String {
    let label = |r: &ResolvedRef| label(corpus, r);
    let since = old_statute
        .meta
        .superseded
        .clone()
        .unwrap_or_else(|| current.meta.effective.clone());
    let mut out = format!(
        "旧编号提醒：{}{}在{since}前（{}）是“{}”，",
        current.meta.short_name,
        label(old),
        version_name(old_statute),
        gist(corpus, old)
    );
    if moved.refs.is_empty() {
        out.push_str("现行文本中没有对应条文");
    } else {
        let labels: Vec<String> = moved.refs.iter().map(label).collect();
        out.push_str(&format!("该规定现为{}", labels.join("、")));
        if moved.parts_dropped {
            out.push_str("（所引的款、项找不到明确对应，请核对）");
        }
    }
    let current_article = ResolvedRef {
        statute_id: current.id(),
        article: r.article,
        paragraph: None,
        item: None,
    };
    if current.article(r.article).is_some() {
        out.push_str(&format!(
            "；现行{}是“{}”",
            numerals::article_label(r.article.number, 0),
            gist(corpus, &current_article)
        ));
    }
    out.push_str("（按两版文本比对，非官方对照）");
    out
}

/// A provision's label: 第五十条第一款第五项.
fn label(corpus: &Corpus, r: &ResolvedRef) -> String {
    cite::lookup(corpus, r)
        .map(|(_, a)| cite::location_label(a, r.paragraph, r.item))
        .unwrap_or_else(|_| numerals::article_label(r.article.number, r.article.suffix))
}

/// The version as a notice names it: 2012年修正版, 2016年版.
fn version_name(statute: &Statute) -> String {
    if statute.meta.version_label.is_empty() {
        format!("{}年版", statute.meta.version)
    } else {
        format!("{}版", statute.meta.version_label)
    }
}

/// 旧编号：2012年修正版第四十二条（“写恐吓信或者以其他方法…”）现为第五十条
fn short_message(
    corpus: &Corpus,
    old_statute: &Statute,
    old: &ResolvedRef,
    moved: &Moved,
) -> String {
    let what = match cite::lookup(corpus, old) {
        Ok((_, article)) => {
            let paragraph = &article.paragraphs[old.paragraph.map_or(0, |p| p as usize - 1)];
            let text = match (old.item, paragraph.items.first()) {
                (Some(i), _) => paragraph
                    .items
                    .iter()
                    .find(|it| it.number == i)
                    .map_or(paragraph.text.as_str(), |it| it.text.as_str()),
                (None, Some(first)) => first.text.as_str(),
                (None, None) => paragraph.text.as_str(),
            };
            shorten(text, GIST_CHARS - 4)
        }
        Err(_) => String::new(),
    };
    let now = if moved.refs.is_empty() {
        "现行无对应条文".to_string()
    } else {
        let labels: Vec<String> = moved.refs.iter().map(|r| label(corpus, r)).collect();
        format!("现为{}", labels.join("、"))
    };
    format!(
        "旧编号：{}{}（“{what}”）{now}",
        version_name(old_statute),
        label(corpus, old)
    )
}

/// The first words of a provision, enough to recognise the rule: an item's
/// text, or a paragraph's start and, when it lists items, the first item's.
pub fn gist(corpus: &Corpus, r: &ResolvedRef) -> String {
    let Ok((_, article)) = cite::lookup(corpus, r) else {
        return String::new();
    };
    let paragraph = &article.paragraphs[r.paragraph.map_or(0, |p| p as usize - 1)];
    if let Some(i) = r.item
        && let Some(item) = paragraph.items.iter().find(|it| it.number == i)
    {
        return shorten(&item.text, GIST_CHARS + 8);
    }
    match paragraph.items.first() {
        // The lead-in (有下列行为之一的) says little; its first item says what the rule is.
        Some(first) => format!(
            "{}{}{}",
            shorten(&paragraph.text, GIST_CHARS / 2),
            first.marker,
            shorten(&first.text, GIST_CHARS)
        ),
        None => shorten(&paragraph.text, GIST_CHARS + 8),
    }
}

fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let head: String = text.chars().take(chars).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::parse_query;

    fn corpus() -> Corpus {
        Corpus::builtin().expect("built-in corpus parses")
    }

    fn notices(corpus: &Corpus, query: &str) -> Vec<OldNumbering> {
        let r = parse_query(query).unwrap_or_else(|| panic!("{query:?} is a reference"));
        for_reference(corpus, &mut correspondence::Cache::default(), &r)
    }

    #[test]
    fn a_renumbered_article_names_the_old_rule_and_its_counterpart() {
        let corpus = corpus();
        let found = notices(&corpus, "治安管理处罚法第四十二条");
        assert_eq!(found.len(), 1, "{found:#?}");
        let n = &found[0];
        assert_eq!(n.old.statute_id, "治安管理处罚法@2012");
        assert_eq!(
            n.counterpart.as_deref(),
            Some("《中华人民共和国治安管理处罚法》第五十条")
        );
        // The words quoted come from the corpus.
        let old_item =
            &corpus.get("治安管理处罚法@2012").unwrap().articles[41].paragraphs[0].items[0].text;
        let head: String = old_item.chars().take(8).collect();
        assert!(n.message.contains(&head), "{}", n.message);
        assert!(n.message.contains("2026-01-01"), "{}", n.message);
        assert!(!n.message.contains('\n'), "one line: {}", n.message);
        assert!(
            n.short
                .starts_with("旧编号：2012年修正版第四十二条（“写恐吓信")
                && n.short.ends_with("现为第五十条"),
            "{}",
            n.short
        );
    }

    #[test]
    fn an_item_is_carried_across_when_the_counterpart_keeps_it() {
        let corpus = corpus();
        let found = notices(&corpus, "治安法第42条第5项");
        assert_eq!(
            found[0].counterpart.as_deref(),
            Some("《中华人民共和国治安管理处罚法》第五十条第一款第五项"),
            "{found:#?}"
        );
        assert!(!found[0].moved.parts_dropped);
        assert_eq!(found[0].current, None, "2025 art. 42 has no items");
    }

    #[test]
    fn no_notice_where_the_number_kept_its_rule_or_a_version_is_named() {
        let corpus = corpus();
        for query in [
            "治安管理处罚法第九条",
            "治安管理处罚法（2012）第42条",
            "2025年治安管理处罚法第42条",
            "民法典1032",
            "治安法40-45",
        ] {
            assert!(notices(&corpus, query).is_empty(), "{query}");
        }
    }

    #[test]
    fn a_bare_number_gets_the_notice_of_each_renumbered_statute() {
        let corpus = corpus();
        let found = notices(&corpus, "第42条");
        assert!(
            found
                .iter()
                .any(|n| n.old.statute_id == "治安管理处罚法@2012"),
            "{found:#?}"
        );
    }

    #[test]
    fn parts_that_cannot_be_matched_are_dropped_and_said() {
        let corpus = corpus();
        let old = corpus.get("治安管理处罚法@2012").unwrap();
        let current = corpus.get("治安管理处罚法@2025").unwrap();
        let mut cache = correspondence::Cache::default();
        // 2012 art. 42 item 1 is word for word 2025 art. 50 item 1.
        let item_1 = ResolvedRef {
            statute_id: old.id(),
            article: ArticleNo {
                number: 42,
                suffix: 0,
            },
            paragraph: Some(1),
            item: Some(1),
        };
        let moved = counterpart(&corpus, &mut cache, &item_1, current).unwrap();
        assert_eq!(moved.refs[0].item, Some(1));
        // Nothing in an unrelated article is like it: compare against 2025 art. 1.
        let first = current
            .article(ArticleNo {
                number: 1,
                suffix: 0,
            })
            .unwrap();
        let old_42 = old.article(item_1.article).unwrap();
        assert_eq!(best_part(old_42, &item_1, &[first]), None);
    }

    #[test]
    fn dice_of_bigrams() {
        assert_eq!(dice("甲乙丙", "甲乙丙"), 1.0);
        assert_eq!(dice("甲乙", "丙丁"), 0.0);
        assert_eq!(dice("", "甲乙"), 0.0);
        assert!((dice("甲乙丙", "甲乙丁") - 0.5).abs() < 1e-9);
    }
}
