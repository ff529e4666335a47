//! What made a hit rank where it did: the signals of the ranking and their
//! contributions (`fatiao search --explain`), and the last ranking step that
//! spreads a lay question's top results over the statutes that answer it.
//!
//! A hit's score is the sum of its signals. The first stage's signals (BM25
//! over words, characters, the article's opening, its section, its lay
//! phrases; adjacent pairs; expansion phrases; exact runs; quoted phrases)
//! are given as shares of the best first-stage score when the second stage
//! re-ranked, since that is how the re-rank counts them; the re-rank then
//! adds its own (coverage of the question's words and character pairs, the
//! part-opening bonus) and the diversity step subtracts its penalty.

use serde::Serialize;

/// One signal's contribution to a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// Which signal: see [`Signal::describe`].
    pub name: &'static str,
    /// What it added to the score (negative for a penalty).
    pub value: f32,
}

impl Signal {
    pub fn new(name: &'static str, value: f32) -> Signal {
        Signal { name, value }
    }

    /// A short Chinese description of a signal, for text output.
    pub fn describe(name: &str) -> &'static str {
        match name {
            "words" => "词语BM25（条文与标题）",
            "chars" => "单字BM25",
            "lead" => "条文开头",
            "section" => "所在节/章",
            "phrases" => "俗语（检索用语）",
            "pairs" => "相邻词",
            "expansion_phrases" => "法律用语短语",
            "exact" => "原句连续匹配",
            "quoted" => "引号短语",
            "cover" => "覆盖问题的词",
            "cover_bigrams" => "覆盖问题的相邻字",
            "clause" => "最佳分句的词",
            "clause_bigrams" => "最佳分句的相邻字",
            "opener" => "本节/章首条",
            "diversity" => "同一法律已有更靠前的结果",
            _ => "其他",
        }
    }
}

/// One line per hit for text output: the score and each signal with its
/// contribution, largest first, e.g.
/// `得分 1.412 = 词语BM25（条文与标题） 0.512 + 覆盖问题的词 0.200 + …`.
pub fn render(score: f32, signals: &[Signal]) -> String {
    let mut sorted: Vec<&Signal> = signals.iter().collect();
    sorted.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
    let mut line = format!("得分 {score:.3} =");
    for (i, s) in sorted.iter().enumerate() {
        let sign = match (i, s.value < 0.0) {
            (0, false) => " ",
            (0, true) => " −",
            (_, false) => " + ",
            (_, true) => " − ",
        };
        line.push_str(&format!(
            "{sign}{} {:.3}",
            Signal::describe(s.name),
            s.value.abs()
        ));
    }
    line
}

/// The sum of `signals`: the score they explain.
pub fn total(signals: &[Signal]) -> f32 {
    signals.iter().map(|s| s.value).sum()
}

/// Re-order `scores` (best first, as the re-rank sorted them) so that each
/// article loses `penalty` for every article of the same statute already
/// placed above it: a greedy pass that each time takes the candidate whose
/// score, less its penalty, is highest. With several statutes answering a
/// lay question (the civil rule, the administrative penalty, the
/// personal-information rule, the criminal rule), the best article of each
/// then comes before the third or fourth of one statute, while articles of
/// one statute keep their order. Returns the new order as indices into
/// `scores` and each one's penalty (0 or negative). `statute_of[i]` names
/// candidate `i`'s statute.
pub fn diversify(scores: &[f32], statute_of: &[usize], penalty: f32) -> Vec<(usize, f32)> {
    let n = scores.len().min(statute_of.len());
    if penalty <= 0.0 {
        return (0..n).map(|i| (i, 0.0)).collect();
    }
    let mut placed = vec![false; n];
    let mut seen: Vec<(usize, u32)> = Vec::new();
    let count =
        |seen: &[(usize, u32)], s: usize| seen.iter().find(|(t, _)| *t == s).map_or(0, |(_, c)| *c);
    let mut order = Vec::with_capacity(n);
    for _ in 0..n {
        let mut best: Option<(usize, f32)> = None;
        for i in (0..n).filter(|&i| !placed[i]) {
            let adjusted = scores[i] - penalty * count(&seen, statute_of[i]) as f32;
            if best.is_none_or(|(_, b)| adjusted > b) {
                best = Some((i, adjusted));
            }
        }
        let Some((i, adjusted)) = best else { break };
        placed[i] = true;
        order.push((i, adjusted - scores[i]));
        match seen.iter_mut().find(|(t, _)| *t == statute_of[i]) {
            Some((_, c)) => *c += 1,
            None => seen.push((statute_of[i], 1)),
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diversity_brings_the_best_article_of_another_statute_up() {
        // Statute 0 holds the four best articles, statute 1 the fifth.
        let scores = [1.0, 0.95, 0.9, 0.85, 0.8];
        let statutes = [0, 0, 0, 0, 1];
        let order: Vec<usize> = diversify(&scores, &statutes, 0.1)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        // 0.8 beats 0.9 − 0.2 and 0.85 − 0.3 once two of statute 0 are placed.
        assert_eq!(order, [0, 1, 4, 2, 3], "statute 1's best comes third");
        let off: Vec<usize> = diversify(&scores, &statutes, 0.0)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        assert_eq!(off, [0, 1, 2, 3, 4], "no penalty, no change");
    }

    #[test]
    fn diversity_keeps_the_order_within_a_statute_and_reports_the_penalty() {
        let scores = [1.0, 0.5, 0.4];
        let statutes = [0, 0, 1];
        let order = diversify(&scores, &statutes, 0.05);
        assert_eq!(
            order.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            [0, 1, 2],
            "a small penalty does not bridge a large gap"
        );
        assert_eq!(
            order[0].1, 0.0,
            "the first article of a statute pays nothing"
        );
        assert!((order[1].1 + 0.05).abs() < 1e-6, "{order:?}");
        assert_eq!(order[2].1, 0.0, "{order:?}");
    }

    #[test]
    fn a_rendered_line_names_every_signal_largest_first() {
        let line = render(
            0.9,
            &[
                Signal::new("cover", 0.2),
                Signal::new("words", 0.8),
                Signal::new("diversity", -0.1),
            ],
        );
        assert_eq!(
            line,
            "得分 0.900 = 词语BM25（条文与标题） 0.800 + 覆盖问题的词 0.200 − 同一法律已有更靠前的结果 0.100"
        );
    }

    #[test]
    fn every_signal_has_a_description() {
        for name in [
            "words",
            "chars",
            "lead",
            "section",
            "phrases",
            "pairs",
            "expansion_phrases",
            "exact",
            "quoted",
            "cover",
            "cover_bigrams",
            "clause",
            "clause_bigrams",
            "opener",
            "diversity",
        ] {
            assert_ne!(Signal::describe(name), "其他", "{name} has no description");
        }
    }
}
