//! "Did you mean" for statute names: 民发典 → 民法典, 治按法 → 治安法.
//!
//! The candidates are the names the corpus itself holds (short names,
//! aliases and titles without 中华人民共和国), so a statute added to the
//! corpus is suggested without a word of code. A typed name is close to a
//! candidate when few characters must change (edit distance, counted in
//! characters) and they share characters; the statute's short name is what
//! is suggested.
//!
//! ```
//! let corpus = fatiao_core::Corpus::builtin()?;
//! assert_eq!(fatiao_core::suggest::statutes(&corpus, "民发典"), ["民法典"]);
//! assert_eq!(
//!     fatiao_core::suggest::did_you_mean(&corpus, "民发典").as_deref(),
//!     Some("你是不是要找：民法典")
//! );
//! # Ok::<(), fatiao_core::Error>(())
//! ```

use crate::corpus::Corpus;

/// The most names one suggestion lists.
const MAX_SUGGESTIONS: usize = 3;

/// The prefix every state's laws carry; typed or not, it says nothing.
const STATE_PREFIX: &str = "中华人民共和国";

/// Short names of statutes whose names are close to `typed`, closest first
/// (each once, whatever version or name matched).
pub fn statutes(corpus: &Corpus, typed: &str) -> Vec<String> {
    let typed: Vec<char> = clean(typed).chars().collect();
    if typed.is_empty() {
        return Vec::new();
    }
    // (distance, -shared, corpus order, short name)
    let mut scored: Vec<(usize, isize, usize, &str)> = Vec::new();
    for (order, statute) in corpus.statutes.iter().enumerate() {
        let meta = &statute.meta;
        let names = std::iter::once(&meta.short_name)
            .chain(&meta.aliases)
            .chain(std::iter::once(&meta.title));
        let names: Vec<Vec<char>> = names.map(|n| clean(n).chars().collect()).collect();
        // A name the corpus holds is not a typo: nothing to suggest.
        if names.contains(&typed) {
            return Vec::new();
        }
        let best = names.iter().filter_map(|n| closeness(&typed, n)).min();
        if let Some((distance, shared)) = best {
            scored.push((distance, -(shared as isize), order, &meta.short_name));
        }
    }
    scored.sort();
    let mut names: Vec<String> = Vec::new();
    for (.., name) in scored {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    // Only the best tier: 民发典 suggests 民法典, not every law with 法 in it.
    names.truncate(MAX_SUGGESTIONS);
    names
}

/// 你是不是要找：民法典（或：民法典、民事诉讼法）, or `None` when nothing is close.
pub fn did_you_mean(corpus: &Corpus, typed: &str) -> Option<String> {
    let names = statutes(corpus, typed);
    (!names.is_empty()).then(|| format!("你是不是要找：{}", names.join("、")))
}

/// Punctuation and the state prefix removed: what the names are compared on.
fn clean(name: &str) -> String {
    let name = name.trim();
    let name = name.strip_prefix(STATE_PREFIX).unwrap_or(name);
    name.chars()
        .filter(|c| !c.is_whitespace() && !"《》〈〉“”\"'()（）".contains(*c))
        .collect()
}

/// (edit distance, shared characters) when `typed` is close enough to
/// `name` to suggest it: at most a third of the longer name changed (at
/// least one character), and at least half of what was typed found in it.
fn closeness(typed: &[char], name: &[char]) -> Option<(usize, usize)> {
    if name.is_empty() {
        return None;
    }
    let distance = edit_distance(typed, name);
    let longer = typed.len().max(name.len());
    let allowed = (longer / 3).max(1);
    let shared = shared_chars(typed, name);
    (distance <= allowed && shared * 2 >= typed.len()).then_some((distance, shared))
}

/// Characters of `a` also in `b`, each of `b` used once.
fn shared_chars(a: &[char], b: &[char]) -> usize {
    let mut pool: Vec<char> = b.to_vec();
    let mut shared = 0;
    for c in a {
        if let Some(i) = pool.iter().position(|p| p == c) {
            pool.swap_remove(i);
            shared += 1;
        }
    }
    shared
}

/// Levenshtein distance in characters (insert, delete, substitute).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn edit_distance_counts_characters() {
        const CASES: &[(&str, &str, usize)] = &[
            ("民发典", "民法典", 1),
            ("民法典", "民法典", 0),
            ("", "民法典", 3),
            ("个人信息法", "个人信息保护法", 2),
            ("治按法", "治安法", 1),
            ("abc", "acb", 2),
            ("abc", "ca", 3),
        ];
        for (a, b, expected) in CASES {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(edit_distance(&a, &b), *expected, "{a:?} → {b:?}");
        }
    }

    #[test]
    fn close_names_of_the_test_corpus_are_suggested() {
        let corpus = testing::corpus();
        // The test corpus names: 测试法 (alias 测法), 样例公约 (alias 样约).
        const CASES: &[(&str, &[&str])] = &[
            ("测式法", &["测试法"]),
            ("样例公", &["样例公约"]),
            ("中华人民共和国测试去", &["测试法"]),
            ("完全不同的名字", &[]),
            ("", &[]),
            // An exact name is not a typo: nothing to suggest.
            ("测试法", &[]),
        ];
        for (typed, expected) in CASES {
            assert_eq!(
                statutes(&corpus, typed),
                *expected,
                "suggestions for {typed:?}: look at closeness"
            );
        }
    }

    #[test]
    fn mistyped_names_of_the_real_corpus_find_their_statute() {
        let corpus = Corpus::builtin().expect("built-in corpus");
        const CASES: &[(&str, &str)] = &[
            ("民发典", "民法典"),
            ("治按法", "治安管理处罚法"),
            ("治安管理处法", "治安管理处罚法"),
            ("刑发", "刑法"),
            ("个人信息法", "个人信息保护法"),
            ("消费者权益法", "消费者权益保护法"),
            ("民事诉讼发", "民事诉讼法"),
        ];
        for (typed, expected) in CASES {
            let got = statutes(&corpus, typed);
            assert_eq!(
                got.first().map(String::as_str),
                Some(*expected),
                "{typed:?} should suggest {expected} first, got {got:?}"
            );
        }
        assert_eq!(
            did_you_mean(&corpus, "民发典").as_deref(),
            Some("你是不是要找：民法典")
        );
        assert_eq!(
            did_you_mean(&corpus, "公司法"),
            None,
            "not held, nothing close"
        );
    }
}
