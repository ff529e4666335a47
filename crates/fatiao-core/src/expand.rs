//! Query rewriting for free-text search: from a lay question to weighted
//! search terms.
//!
//! Two steps, both explainable:
//!
//! 1. **Filler removal.** Question words and particles (怎么办, 是否, 可以吗,
//!    吗, 呢, 我…) say nothing about which article is wanted, yet BM25 gives
//!    them weight wherever the statutes happen to use them. Multi-character
//!    fillers are cut from the text before tokenising (so they do not glue to
//!    their neighbours); single-character ones are dropped as tokens, so that
//!    他 goes but 他人 stays. If nothing would be left, nothing is dropped.
//! 2. **Lay-to-legal expansion.** The reviewed vocabulary in
//!    `corpus/lay-terms.tsv` (embedded in the binary) maps everyday words to the
//!    statutes' terms: 借钱 → 借款, 爆通讯录 → 个人信息、隐私. Every legal term of
//!    every lay word found in the query is added with a lower weight; the
//!    user's own words are always kept. [`QueryPlan::expansions`] lists what
//!    was added, for "也搜索了：…".
//! 3. **Ages.** A person's age in the question (孩子12岁, 一个四岁的小孩) is
//!    a legal fact the statutes name by capacity: under eight is
//!    无民事行为能力人, eight to seventeen 限制民事行为能力人 and 未成年人
//!    (民法典 第十七条至第二十条). These terms are added like the vocabulary's.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::corpus::numerals::{is_numeral_char, parse_number};
use crate::rank::Tuning;
use crate::tokenizer::{CharTokenizer, WordTokenizer, normalise};

/// The lay-to-legal vocabulary as shipped (see the file's header for its format).
pub const LAY_TERMS_TSV: &str = include_str!("../../../corpus/lay-terms.tsv");

/// Question words and fillers cut from the query text before tokenising,
/// longest first where one contains another.
const FILLER_PHRASES: &[&str] = &[
    "怎么处理",
    "怎么解决",
    "怎么回事",
    "可不可以",
    "能不能够",
    "需不需要",
    "是不是",
    "能不能",
    "会不会",
    "要不要",
    "有没有",
    "该不该",
    "为什么",
    "怎么办",
    "怎么样",
    "怎么算",
    "可以吗",
    "合法吗",
    "违法吗",
    "请问",
    "怎么",
    "怎样",
    "如何",
    "为何",
    "是否",
    "能否",
    "可否",
    "什么",
    "哪些",
    "哪个",
    "哪里",
    "多少",
    "多久",
    "应该",
    "可以",
    "我们",
    "我的",
    "他们",
    "一下",
    "情况下",
];

/// Single-character tokens dropped from the query: particles, pronouns and
/// auxiliaries that jieba leaves alone when the corpus has no longer word.
const FILLER_CHARS: &[&str] = &[
    "吗", "呢", "吧", "啊", "呀", "么", "了", "的", "地", "得", "我", "你", "他", "她", "它", "谁",
    "是", "在", "有", "和", "与", "被", "把", "给", "就", "都", "也", "还", "又", "要", "会", "能",
    "可", "该", "让", "对", "这", "那", "个", "怎", "哪", "啥", "嘛", "哦", "不", "吃", "去", "来",
    "说", "想", "找",
];

/// One entry of the vocabulary: lay words and the legal terms they stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct LayEntry {
    /// 1-based line in the vocabulary file.
    pub line: usize,
    pub lay: Vec<String>,
    pub legal: Vec<String>,
    /// Share of the expansion weight the legal terms get (the optional third
    /// column; 1 when absent): below 1 for words that set the scene more than
    /// they say what is asked (a question that mentions an online loan is
    /// usually about what the collector did, not about the loan).
    pub weight: f32,
}

/// The parsed lay-to-legal vocabulary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lexicon {
    pub entries: Vec<LayEntry>,
}

impl Lexicon {
    /// Parse the TSV format of `corpus/lay-terms.tsv`; malformed lines are
    /// reported with their number.
    pub fn parse(text: &str) -> std::result::Result<Lexicon, String> {
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = raw.split('\t').collect();
            let (lay, legal, weight) = match columns.as_slice() {
                [lay, legal] => (*lay, *legal, 1.0),
                [lay, legal, weight] => {
                    let weight: f32 = weight.trim().parse().map_err(|_| {
                        format!("lay-terms line {line}: the third column must be a weight, not {weight:?}")
                    })?;
                    if !(weight > 0.0 && weight <= 1.0) {
                        return Err(format!(
                            "lay-terms line {line}: the weight must be above 0 and at most 1, not {weight}"
                        ));
                    }
                    (*lay, *legal, weight)
                }
                _ => {
                    return Err(format!(
                        "lay-terms line {line}: expected 俗语<TAB>法律用语, optionally <TAB>权重"
                    ));
                }
            };
            let split = |s: &str| -> Vec<String> {
                s.split('、')
                    .map(|w| normalise(w.trim()))
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            let (lay, legal) = (split(lay), split(legal));
            if lay.is_empty() || legal.is_empty() {
                return Err(format!(
                    "lay-terms line {line}: both columns need at least one word"
                ));
            }
            entries.push(LayEntry {
                line,
                lay,
                legal,
                weight,
            });
        }
        Ok(Lexicon { entries })
    }

    /// The vocabulary built into fatiao, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        // The shipped file is checked by a test; should it ever be malformed,
        // search goes on without expansion rather than failing.
        LEXICON.get_or_init(|| Lexicon::parse(LAY_TERMS_TSV).unwrap_or_default())
    }

    /// Legal terms for the lay words that occur in `text` (normalised), in
    /// vocabulary order, each once. A lay word of three or more characters
    /// also counts with up to `gap` characters inserted at one point (私拆我的快递
    /// holds 私拆快递), since people put objects and names inside phrases.
    /// Each term comes with its entry's weight (the largest, when several
    /// entries give it).
    pub fn legal_terms_for(&self, text: &str, gap: usize) -> Vec<(&str, f32)> {
        self.legal_terms_in(text, gap, true)
    }

    /// [`Lexicon::legal_terms_for`], reading amounts of money as 钱 only
    /// when `amounts` is set.
    pub fn legal_terms_in(&self, text: &str, gap: usize, amounts: bool) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = Vec::new();
        // An amount of money says 钱 (借了我三万 is 借了我钱): the lay words
        // are also sought with every amount written so.
        let money = if amounts {
            amounts_as_money(text)
        } else {
            None
        };
        // Most lay words have a character the question lacks; checking that
        // first keeps the search for inserted characters cheap.
        let mut present: std::collections::HashSet<char> = text.chars().collect();
        if money.is_some() {
            present.insert('钱');
        }
        let may_occur = |w: &str| w.chars().all(|c| present.contains(&c));
        let occurs = |w: &str| {
            occurs_with_gap(text, w, gap)
                || money.as_deref().is_some_and(|m| occurs_with_gap(m, w, gap))
        };
        for entry in &self.entries {
            if entry.lay.iter().any(|w| may_occur(w) && occurs(w)) {
                for legal in &entry.legal {
                    add_legal_term(&mut out, legal, entry.weight);
                }
            }
        }
        out
    }
}

impl Lexicon {
    /// The lay words of the scene entries (weight below 1) that occur in
    /// `text` (normalised) as they are, with their entry's weight.
    pub fn scene_words(&self, text: &str) -> Vec<(&str, f32)> {
        let mut out: Vec<(&str, f32)> = Vec::new();
        for entry in self.entries.iter().filter(|e| e.weight < 1.0) {
            for w in entry.lay.iter().filter(|w| text.contains(w.as_str())) {
                out.push((w, entry.weight));
            }
        }
        out
    }
}

/// Add `legal` at `weight` to `terms`, or raise its weight to `weight` if it
/// is there already with less.
fn add_legal_term<'a>(terms: &mut Vec<(&'a str, f32)>, legal: &'a str, weight: f32) {
    match terms.iter_mut().find(|(l, _)| *l == legal) {
        Some((_, w)) => *w = w.max(weight),
        None => terms.push((legal, weight)),
    }
}

/// A search term with its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTerm {
    pub text: String,
    pub weight: f32,
    /// True for a term added by expansion rather than typed by the user.
    pub expansion: bool,
}

/// A free-text query ready to rank.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryPlan {
    pub terms: Vec<PlannedTerm>,
    /// Legal terms added by expansion that brought new search terms, for
    /// "也搜索了：个人信息、隐私".
    pub expansions: Vec<String>,
    /// The distinct characters of the user's words, fillers dropped, for
    /// the single-character BM25.
    pub chars: Vec<String>,
    /// Unbroken runs of at least [`MIN_RUN`] characters of the question
    /// (fillers cut), as character tokens: an article that holds one verbatim
    /// is an exact match of what the user typed.
    pub runs: Vec<Vec<String>>,
    /// Legal terms of several words added by expansion, as character
    /// tokens, sought as phrases at the expansion weight.
    pub expansion_phrases: Vec<Vec<String>>,
    /// Adjacent pairs of the question's characters (fillers cut), for the
    /// re-rank's two-character coverage: they match lay compounds the word
    /// segmentation does not know.
    pub bigrams: Vec<String>,
    /// The question asks what something is, which kinds there are or how two
    /// things differ (see [`asks_what`]); the re-rank then favours the article
    /// that opens its part.
    pub asks_what: bool,
    /// The question with its filler phrases cut (as typed when fillers are
    /// kept): the text its words are taken from.
    pub stripped: String,
    /// Lay words of scene entries (weight below 1) found in the question,
    /// with the factor the user's own words inside them get (see
    /// [`Tuning::scene`]).
    pub scene: Vec<(String, f32)>,
}

/// Shortest run of characters worth an exact-match bonus.
pub const MIN_RUN: usize = 3;
/// Longest run sought verbatim, and most runs per query, to bound the cost.
const MAX_RUN: usize = 24;
const MAX_RUNS: usize = 8;

/// Adjacent pairs of character tokens of `text` (no gap between them),
/// neither a filler, each once.
fn character_bigrams(text: &str) -> Vec<String> {
    let tokens = CharTokenizer::chars(text);
    let mut out: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for pair in tokens.windows(2) {
        if pair[0].end != pair[1].start
            || is_filler_token(&pair[0].text)
            || is_filler_token(&pair[1].text)
        {
            continue;
        }
        let bigram = format!("{}{}", pair[0].text, pair[1].text);
        if seen.insert(bigram.clone()) {
            out.push(bigram);
        }
    }
    out
}

/// Runs of consecutive character tokens (no gap, punctuation or space
/// between them) of `text`.
fn character_runs(text: &str) -> Vec<Vec<String>> {
    let mut runs: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut last_end = None;
    for token in CharTokenizer::chars(text) {
        if last_end != Some(token.start) && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        last_end = Some(token.end);
        current.push(token.text);
    }
    runs.push(current);
    runs.retain(|r| (MIN_RUN..=MAX_RUN).contains(&r.len()));
    runs.dedup();
    runs.truncate(MAX_RUNS);
    runs
}

impl QueryPlan {
    /// The term texts, for highlighting.
    pub fn texts(&self) -> Vec<String> {
        self.terms.iter().map(|t| t.text.clone()).collect()
    }
}

/// Cut the multi-character fillers out of `text` (normalised), leaving spaces.
pub fn strip_filler_phrases(text: &str) -> String {
    let mut out = normalise(text);
    for filler in FILLER_PHRASES {
        if out.contains(filler) {
            out = out.replace(filler, " ");
        }
    }
    out
}

fn is_filler_token(token: &str) -> bool {
    FILLER_CHARS.contains(&token)
}

/// Turn the free text of a query into weighted terms.
pub fn plan(
    text: &str,
    tokenizer: &WordTokenizer,
    lexicon: &Lexicon,
    expand: bool,
    tuning: &Tuning,
) -> QueryPlan {
    let stripped = if tuning.drop_fillers {
        strip_filler_phrases(text)
    } else {
        text.to_string()
    };
    let mut chars: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for c in CharTokenizer::chars(&stripped) {
        let filler = tuning.drop_fillers && is_filler_token(&c.text);
        if !filler && seen.insert(c.text.clone()) {
            chars.push(c.text);
        }
    }
    let mut plan = QueryPlan {
        terms: user_terms(text, &stripped, tokenizer, tuning),
        expansions: Vec::new(),
        chars,
        runs: character_runs(&stripped),
        expansion_phrases: Vec::new(),
        bigrams: character_bigrams(&stripped),
        asks_what: asks_what(text),
        stripped,
        scene: Vec::new(),
    };
    if !expand || plan.terms.is_empty() {
        return plan;
    }
    let normalised = normalise(text);
    if tuning.scene > 0.0 {
        plan.scene = lexicon
            .scene_words(&normalised)
            .into_iter()
            .map(|(w, weight)| (w.to_string(), 1.0 - tuning.scene.min(1.0) * (1.0 - weight)))
            .collect();
        for t in &mut plan.terms {
            t.weight *= scene_factor(&plan.scene, &t.text);
        }
    }
    let mut legal_terms =
        lexicon.legal_terms_in(&normalised, tuning.lay_gap as usize, tuning.amounts);
    for legal in capacity_terms_for_ages(&normalised) {
        add_legal_term(&mut legal_terms, legal, 1.0);
    }
    for (legal, entry_weight) in legal_terms {
        // A legal term the corpus vocabulary cuts into several words
        // (饲养的动物 → 饲养 + 的 + 动物) is also sought as a phrase, which
        // finds the statute's own wording rather than its parts anywhere.
        let mut added = false;
        if tuning.expansion_phrases && tokenizer.segments(legal).len() > 1 {
            let phrase: Vec<String> = CharTokenizer::chars(legal)
                .into_iter()
                .map(|c| c.text)
                .collect();
            if !plan.expansion_phrases.contains(&phrase) {
                plan.expansion_phrases.push(phrase);
                added = true;
            }
        }
        for token in tokenizer.words(legal) {
            if is_filler_token(&token.text) || plan.terms.iter().any(|t| t.text == token.text) {
                continue;
            }
            plan.terms.push(PlannedTerm {
                weight: word_weight(&token.text, tuning.expansion_weight * entry_weight, tuning),
                text: token.text,
                expansion: true,
            });
            added = true;
        }
        if added {
            plan.expansions.push(legal.to_string());
        }
    }
    plan
}

/// A word's weight: `base`, less for a single character (usually the
/// remains of a word the vocabulary does not know).
fn word_weight(token: &str, base: f32, tuning: &Tuning) -> f32 {
    if token.chars().count() == 1 {
        base * tuning.char_weight
    } else {
        base
    }
}

/// The user's words in `stripped` (the question with its filler phrases
/// cut), segmented by `tokenizer`, filler words dropped, each once, weighted.
fn user_terms(
    text: &str,
    stripped: &str,
    tokenizer: &WordTokenizer,
    tuning: &Tuning,
) -> Vec<PlannedTerm> {
    // Sets beside the lists: a long query has many distinct words, and
    // pairwise scans over them were quadratic.
    let mut tokens: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    if tuning.drop_fillers {
        for token in tokenizer.words(stripped) {
            if !is_filler_token(&token.text) && seen.insert(token.text.clone()) {
                tokens.push(token.text);
            }
        }
    }
    if tokens.is_empty() {
        // Fillers off, or the query was nothing but fillers: keep every word.
        for token in tokenizer.words(text) {
            if seen.insert(token.text.clone()) {
                tokens.push(token.text);
            }
        }
    }
    // A sub-word of another query word (经营 in 土地承包经营权) would count the
    // same text twice or more; it weighs less. Every proper substring of
    // every word, once: words are short, so this is linear in the query.
    // Long words (a run of Latin letters) are few in a bounded query and
    // are searched instead.
    const SHORT_WORD: usize = 16;
    let mut inside_others: HashSet<&str> = HashSet::new();
    let mut long_words: Vec<&str> = Vec::new();
    for word in &tokens {
        if word.chars().count() > SHORT_WORD {
            long_words.push(word);
            continue;
        }
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        for (a, &start) in bounds.iter().enumerate() {
            for &end in &bounds[a + 1..] {
                if end - start < word.len() {
                    inside_others.insert(&word[start..end]);
                }
            }
        }
    }
    let is_subword = |t: &str| {
        inside_others.contains(t)
            || long_words
                .iter()
                .any(|o| o.len() > t.len() && o.contains(t))
    };
    tokens
        .iter()
        .map(|t| PlannedTerm {
            weight: word_weight(t, 1.0, tuning)
                * if is_subword(t) {
                    tuning.subword_weight
                } else {
                    1.0
                },
            text: t.clone(),
            expansion: false,
        })
        .collect()
}

/// The terms to seek in the articles' lay phrases ([`crate::corpus::phrases`]):
/// the user's words as the phrases' own vocabulary segments them (房东 is a
/// word there, though the statutes never use it), then the plan's expansion
/// terms at [`Tuning::phrase_expansions`] of their weight.
pub fn phrase_terms(
    text: &str,
    plan: &QueryPlan,
    tokenizer: &WordTokenizer,
    tuning: &Tuning,
) -> Vec<(String, f32)> {
    let mut terms: Vec<(String, f32)> = user_terms(text, &plan.stripped, tokenizer, tuning)
        .into_iter()
        .map(|t| {
            let weight = t.weight * scene_factor(&plan.scene, &t.text);
            (t.text, weight)
        })
        .collect();
    if tuning.phrase_expansions > 0.0 {
        let mut seen: HashSet<String> = terms.iter().map(|(w, _)| w.clone()).collect();
        for t in plan.terms.iter().filter(|t| t.expansion) {
            if seen.insert(t.text.clone()) {
                terms.push((t.text.clone(), t.weight * tuning.phrase_expansions));
            }
        }
    }
    terms
}

/// The factor of a user's word: the smallest of the scene lay words' that
/// hold it (a word of two or more characters only), else 1.
fn scene_factor(scene: &[(String, f32)], word: &str) -> f32 {
    if word.chars().nth(1).is_none() {
        return 1.0;
    }
    scene
        .iter()
        .filter(|(lay, _)| lay.contains(word))
        .map(|(_, f)| *f)
        .fold(1.0, f32::min)
}

/// Does the question ask what something is, which kinds there are or how
/// two things differ? Read from the text as typed: 什么 is a filler.
pub fn asks_what(text: &str) -> bool {
    const CUES: &[&str] = &[
        "什么是",
        "是什么",
        "什么叫",
        "含义",
        "概念",
        "定义",
        "性质",
        "类型",
        "种类",
        "区别",
        "差别",
        "有什么不同",
        "有何不同",
        "不同之处",
        "特点",
        "特殊性",
    ];
    CUES.iter().any(|c| text.contains(c))
}

/// `text` with every amount of money (三万, 3000块, 两万多元, 五千块钱)
/// written 钱, or `None` when it names none. An amount is a number followed
/// by 块 or 元 (of two or more characters, or starting with a digit), or a
/// number with 万 or 千 after its first character; 千分之五, 千万别, 万一, 十天
/// and 3个月 are no amounts.
pub fn amounts_as_money(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let is_number = |c: char| c.is_ascii_digit() || is_numeral_char(c) || c == '两' || c == '.';
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if !is_number(chars[i]) || chars[i] == '.' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_number(chars[i]) {
            i += 1;
        }
        let number = &chars[start..i];
        let mut end = i;
        if chars.get(end) == Some(&'多') {
            end += 1;
        }
        let currency = matches!(chars.get(end), Some('块' | '元'));
        // 三万, 2.5万, 三万一 (31000); not 万一 or 千万 (别借), which open with the unit.
        let magnitude = !matches!(number[0], '十' | '百' | '千' | '万')
            && number[1..].iter().any(|c| matches!(c, '万' | '千'));
        let substantial = number.len() >= 2 || number[0].is_ascii_digit();
        if (substantial && currency) || magnitude {
            if currency {
                end += 1;
            }
            if chars.get(end) == Some(&'钱') {
                end += 1;
            }
            out.push('钱');
            changed = true;
            i = end;
        } else {
            out.extend(number);
        }
    }
    changed.then_some(out)
}

/// Does `word` occur in `text`, as it is or with up to `gap` characters
/// (letters, digits or CJK; no punctuation or space) inserted at one point:
/// 私拆快递 in 私拆我的快递, 打电话 in 打我妈电话. Words of one or two
/// characters must occur as they are.
fn occurs_with_gap(text: &str, word: &str, gap: usize) -> bool {
    if text.contains(word) {
        return true;
    }
    if gap == 0 || word.chars().nth(2).is_none() {
        return false;
    }
    for (split, _) in word.char_indices().skip(1) {
        let (head, tail) = word.split_at(split);
        for (at, _) in text.match_indices(head) {
            let mut rest = &text[at + head.len()..];
            for _ in 0..gap {
                let mut chars = rest.chars();
                match chars.next() {
                    Some(c) if c.is_alphanumeric() => rest = chars.as_str(),
                    _ => break,
                }
                if rest.starts_with(tail) {
                    return true;
                }
            }
        }
    }
    false
}

/// The capacity terms for the ages of people under eighteen named in `text`
/// (normalised): 12岁, 十二岁, 12周岁. Years only: 一岁半 is one, 18个月
/// is not read. A number glued to a longer number or a date is not an age.
pub fn capacity_terms_for_ages(text: &str) -> Vec<&'static str> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<&'static str> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '岁' {
            continue;
        }
        let mut end = i;
        if end > 0 && chars[end - 1] == '周' {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && (chars[start - 1].is_ascii_digit() || is_numeral_char(chars[start - 1]))
        {
            start -= 1;
        }
        if start == end || end - start > 3 {
            continue;
        }
        let number: String = chars[start..end].iter().collect();
        let Some(age) = parse_number(&number) else {
            continue;
        };
        let terms: &[&'static str] = match age {
            0..=7 => &["无民事行为能力人", "未成年人"],
            8..=17 => &["限制民事行为能力人", "未成年人"],
            _ => &[],
        };
        for t in terms {
            if !out.contains(t) {
                out.push(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::tokenizer::Vocabulary;

    #[test]
    fn long_lay_words_match_with_a_short_insertion() {
        let cases: &[(&str, &str, usize, bool)] = &[
            ("同事私拆我的快递", "私拆快递", 2, true),
            ("催收天天打我妈电话", "打电话", 2, true),
            ("私拆快递", "私拆快递", 0, true),
            ("同事私拆我的快递", "私拆快递", 0, false),
            // Three inserted characters are too many.
            ("私拆了我的快递", "私拆快递", 2, false),
            // Punctuation and spaces end the phrase.
            ("私拆，快递", "私拆快递", 2, false),
            ("私拆 快递", "私拆快递", 2, false),
            // Two-character words must occur as they are.
            ("骂了我", "骂我", 2, false),
            // Both parts in order.
            ("快递被私拆", "私拆快递", 2, false),
        ];
        for &(text, word, gap, expected) in cases {
            assert_eq!(
                occurs_with_gap(text, word, gap),
                expected,
                "{word} in {text}, gap {gap}"
            );
        }
    }

    #[test]
    fn amounts_of_money_read_as_money() {
        let cases: &[(&str, Option<&str>)] = &[
            ("借了我三万", Some("借了我钱")),
            ("借了3万，还了快6万了", Some("借了钱，还了快钱了")),
            ("欠我3000块钱不还", Some("欠我钱不还")),
            ("两万多元", Some("钱")),
            ("五千块", Some("钱")),
            ("2.5万", Some("钱")),
            // No amounts: rates, days, months, lone characters.
            ("千分之五", None),
            ("晚了十天", None),
            ("3个月", None),
            ("一万", Some("钱")),
            ("万一", None),
            ("千万别借", None),
            ("借了我三万一直不还", Some("借了我钱直不还")),
        ];
        for &(text, expected) in cases {
            assert_eq!(amounts_as_money(text).as_deref(), expected, "{text}");
        }
        let lexicon = Lexicon::parse("借了钱、欠我钱\t借款\n").expect("test lexicon");
        assert_eq!(
            lexicon.legal_terms_for("朋友借了我三万", 2),
            [("借款", 1.0)],
            "借了我三万 is 借了我钱, which holds 借了钱 with one character inserted"
        );
        assert!(lexicon.legal_terms_for("借了我三天车", 2).is_empty());
    }

    #[test]
    fn ages_under_eighteen_name_the_capacity() {
        const NONE: &[&str] = &[];
        let cases: &[(&str, &[&str])] = &[
            (
                "孩子才一岁，离婚的话孩子归谁",
                &["无民事行为能力人", "未成年人"],
            ),
            ("4岁的孩子在幼儿园摔伤", &["无民事行为能力人", "未成年人"]),
            (
                "12岁的孩子偷用我手机打赏",
                &["限制民事行为能力人", "未成年人"],
            ),
            (
                "儿子十六周岁，在网上借钱",
                &["限制民事行为能力人", "未成年人"],
            ),
            ("１７岁", &["限制民事行为能力人", "未成年人"]),
            ("我今年30岁", NONE),
            ("十八岁生日", NONE),
            ("父母七十多岁了", NONE),
            ("十几岁的孩子", NONE),
            ("岁数大了", NONE),
            ("活到1234岁", NONE),
        ];
        for &(text, expected) in cases {
            assert_eq!(
                capacity_terms_for_ages(&normalise(text)),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn the_shipped_vocabulary_parses() {
        let lexicon = Lexicon::parse(LAY_TERMS_TSV).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            lexicon.entries.len() > 50,
            "the vocabulary looks truncated: {} entries",
            lexicon.entries.len()
        );
        assert_eq!(
            Lexicon::builtin(),
            &lexicon,
            "Lexicon::builtin must be the parsed shipped file"
        );
    }

    #[test]
    fn every_legal_term_occurs_in_the_corpus() {
        let corpus = Corpus::builtin().expect("built-in corpus");
        let mut texts = String::new();
        for statute in &corpus.statutes {
            for heading in &statute.headings {
                texts.push_str(&heading.title);
                texts.push('\n');
            }
            for article in &statute.articles {
                texts.push_str(&article.text());
                texts.push('\n');
            }
        }
        for entry in &Lexicon::builtin().entries {
            for legal in &entry.legal {
                assert!(
                    texts.contains(legal.as_str()),
                    "lay-terms.tsv line {}: legal term {legal} is in no statute, so it can never match",
                    entry.line
                );
            }
        }
    }

    #[test]
    fn an_entry_weight_scales_its_legal_terms() {
        let lexicon = Lexicon::parse("借钱\t借款\t0.5\n骚扰\t隐私\n").expect("test lexicon");
        let tuning = Tuning::default();
        let plan = plan("借钱后被骚扰", &tokenizer(), &lexicon, true, &tuning);
        let weight_of = |word: &str| {
            plan.terms
                .iter()
                .find(|t| t.text == word)
                .map(|t| t.weight)
                .unwrap_or_else(|| panic!("{word} not in {:?}", plan.terms))
        };
        assert!((weight_of("借款") - 0.5 * tuning.expansion_weight).abs() < 1e-6);
        assert!((weight_of("隐私") - tuning.expansion_weight).abs() < 1e-6);
        assert_eq!(
            lexicon.legal_terms_for("借钱后被骚扰", 0),
            vec![("借款", 0.5), ("隐私", 1.0)]
        );
    }

    #[test]
    fn malformed_vocabulary_lines_are_reported() {
        const CASES: &[(&str, Option<&str>)] = &[
            ("# 注释\n\n借钱\t借款\n", None),
            ("借钱 借款\n", Some("line 1")),
            ("\n借钱\t\n", Some("line 2")),
            ("、\t借款\n", Some("line 1")),
            ("借钱\t借款\t多余\n", Some("line 1")),
            ("借钱\t借款\t0.5\n", None),
            ("借钱\t借款\t1\n", None),
            ("\n\n借钱\t借款\t0\n", Some("line 3")),
            ("借钱\t借款\t1.5\n", Some("line 1")),
            ("借钱\t借款\t-0.5\n", Some("line 1")),
            ("借钱\t借款\tNaN\n", Some("line 1")),
            ("借钱\t借款\t0.5\t1\n", Some("line 1")),
        ];
        for &(text, error) in CASES {
            match (Lexicon::parse(text), error) {
                (Ok(_), None) => {}
                (Err(e), Some(expected)) => {
                    assert!(
                        e.contains(expected),
                        "{text:?}: error {e:?} names no {expected}"
                    )
                }
                (got, _) => panic!("{text:?}: expected error {error:?}, got {got:?}"),
            }
        }
    }

    fn tokenizer() -> WordTokenizer {
        // Made-up text that holds the words the cases need.
        WordTokenizer::new(&Vocabulary::from_texts([
            "测试条文：借款人应当按照约定返还借款。个人信息受保护，他人不得侵扰隐私和私人生活安宁。",
        ]))
    }

    fn lexicon() -> Lexicon {
        Lexicon::parse("借钱、借了钱\t借款\n爆通讯录\t个人信息、隐私\n").expect("test lexicon")
    }

    #[test]
    fn fillers_go_and_lay_words_bring_legal_terms() {
        /// query, terms that must be present, terms that must be absent, expansions
        type Case = (
            &'static str,
            &'static [&'static str],
            &'static [&'static str],
            &'static [&'static str],
        );
        const CASES: &[Case] = &[
            ("借钱不还怎么办", &["借款"], &["怎么", "办"], &["借款"]),
            (
                "借款人是否应当返还？",
                &["借款人", "返还"],
                &["是否", "是"],
                &[],
            ),
            (
                "爆通讯录可以吗",
                &["个人信息", "隐私"],
                &["可以", "吗"],
                &["个人信息", "隐私"],
            ),
            ("他人隐私", &["他人", "隐私"], &[], &[]),
            // Only fillers: keep them rather than search for nothing.
            ("怎么办", &["怎么办"], &[], &[]),
        ];
        let tokenizer = tokenizer();
        let lexicon = lexicon();
        for &(query, present, absent, expansions) in CASES {
            let plan = plan(query, &tokenizer, &lexicon, true, &Tuning::default());
            let texts = plan.texts();
            let joined = texts.concat();
            for p in present {
                assert!(
                    texts.iter().any(|t| t == p) || joined.contains(p),
                    "{query}: {p} missing from {texts:?}"
                );
            }
            for a in absent {
                assert!(
                    !texts.iter().any(|t| t == a),
                    "{query}: filler {a} kept in {texts:?}"
                );
            }
            assert_eq!(plan.expansions, expansions, "{query}: expansions");
        }
    }

    #[test]
    fn a_legal_term_of_several_words_is_also_a_phrase() {
        let tokenizer = tokenizer();
        let lexicon = Lexicon::parse("骚扰\t私人生活安宁、隐私\n").expect("test lexicon");
        let phrased = plan("天天骚扰", &tokenizer, &lexicon, true, &Tuning::default());
        let phrase: Vec<String> = "私人生活安宁".chars().map(String::from).collect();
        assert_eq!(
            phrased.expansion_phrases,
            vec![phrase],
            "私人生活安宁 is several words in the vocabulary, so it is sought as a phrase: {phrased:?}"
        );
        assert_eq!(
            phrased.expansions,
            ["私人生活安宁", "隐私"],
            "each legal term is listed once for 也搜索了"
        );
        let words = plan(
            "天天骚扰",
            &tokenizer,
            &lexicon,
            true,
            &Tuning {
                expansion_phrases: false,
                ..Tuning::default()
            },
        );
        assert!(
            words.expansion_phrases.is_empty(),
            "expansion_phrases=0 turns phrases off: {words:?}"
        );
    }

    #[test]
    fn expansion_adds_lighter_terms_and_never_drops_the_users_words() {
        let tokenizer = tokenizer();
        let lexicon = lexicon();
        let tuning = Tuning::default();
        let expanded = plan("借钱 返还", &tokenizer, &lexicon, true, &tuning);
        let plain = plan("借钱 返还", &tokenizer, &lexicon, false, &tuning);
        assert!(plain.expansions.is_empty(), "--no-expand added {plain:?}");
        for term in &plain.terms {
            assert!(
                expanded.terms.contains(term),
                "expansion dropped or reweighted the user's {term:?}: {expanded:?}"
            );
        }
        let added: Vec<&PlannedTerm> = expanded.terms.iter().filter(|t| t.expansion).collect();
        assert!(!added.is_empty(), "借钱 should add 借款: {expanded:?}");
        assert!(
            added.iter().all(|t| t.weight < 1.0),
            "expansion terms must weigh less than the user's: {added:?}"
        );
    }

    #[test]
    fn bigrams_are_adjacent_characters_without_fillers_or_gaps() {
        /// question, expected pairs
        const CASES: &[(&str, &[&str])] = &[
            ("借款合同", &["借款", "款合", "合同"]),
            ("借款 合同", &["借款", "合同"]),
            ("借款，合同吗", &["借款", "合同"]),
            ("我的借款借款", &["借款", "款借"]),
            ("吗", &[]),
        ];
        for &(question, expected) in CASES {
            assert_eq!(
                character_bigrams(question),
                expected,
                "character pairs of {question:?}"
            );
        }
    }
}
