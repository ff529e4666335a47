//! Chinese tokenisation for the index and for queries.
//!
//! Two tokenizers are registered with Tantivy by name:
//!
//! - [`WORD_TOKENIZER`]: jieba words in search mode (个人信息 gives 个人, 信息 and
//!   个人信息), used for BM25 ranking.
//! - [`CHAR_TOKENIZER`]: one token per CJK character, ASCII words whole, with
//!   consecutive positions, used for quoted phrases so that "管理行为" matches
//!   inside 治安管理行为人 although jieba cuts that as 治安/管理/行为人.
//!
//! jieba-rs's default dictionary takes about 130 ms to load, too slow for a
//! one-shot `fatiao search`. So the full dictionary is used only when the index
//! is built: it segments the corpus, and every word it produces, with its
//! frequency, goes into a [`Vocabulary`]. The word tokenizer used for indexing
//! *and* for queries segments with that vocabulary alone, so index-time and
//! query-time tokenisation are the same function by construction. The
//! vocabulary is saved beside the index as a [`segment::Dictionary`], an `fst`
//! map read back as it is: opening an index builds no dictionary word by word
//! (a jieba made from the vocabulary took 1–2 ms at every start).
//!
//! Both tokenizers lower-case Latin letters, map full-width ASCII to half-width,
//! drop punctuation, whitespace and control characters, and keep numbers.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::error::{Error, Result};

pub mod segment;

use segment::{Dictionary, Segment};

/// Name of the word tokenizer in Tantivy's tokenizer manager.
pub const WORD_TOKENIZER: &str = "fatiao_words";
/// Name of the single-character tokenizer in Tantivy's tokenizer manager.
pub const CHAR_TOKENIZER: &str = "fatiao_chars";
/// Bumped whenever tokenisation or its saved form changes, so that existing
/// indexes are rebuilt (2: the vocabulary saved as an fst dictionary).
pub const TOKENIZER_VERSION: u32 = 2;

/// The words jieba's full dictionary finds in the corpus, with their dictionary frequencies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Vocabulary {
    /// Word → frequency, sorted so that the saved file is deterministic.
    words: BTreeMap<String, usize>,
    /// Sum of all frequencies of the full dictionary. jieba scores a word by
    /// freq / total; with only the corpus words' own total, splitting into
    /// single characters would look far likelier than with the full dictionary
    /// (自然人 became 自然/人), so the vocabulary keeps the full total.
    total: usize,
}

/// A token that never survives tokenisation (a private-use character is not
/// alphanumeric), which carries the frequency mass of the words left out.
#[cfg(test)]
const FILLER_WORD: &str = "\u{F8FF}\u{F8FF}";

impl Vocabulary {
    /// Segment `texts` with jieba's full default dictionary and keep every
    /// dictionary word it produces (in search mode, so sub-words of long
    /// words are kept too).
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        Vocabulary::from_text_groups(vec![texts])
            .pop()
            .unwrap_or_default()
    }

    /// [`Vocabulary::from_texts`] of each group of texts, loading jieba's
    /// full dictionary (about 130 ms) once for all of them.
    pub fn from_text_groups<'a, I>(groups: Vec<I>) -> Vec<Vocabulary>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let full = Jieba::new();
        groups
            .into_iter()
            .map(|texts| Vocabulary::with_dictionary(&full, texts))
            .collect()
    }

    fn with_dictionary<'a>(full: &Jieba, texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut words = BTreeMap::new();
        for text in texts {
            let normalised = normalise(text);
            for token in full.cut_for_search(&normalised, false) {
                if words.contains_key(token.word) || !full.has_word(token.word) {
                    continue;
                }
                // suggest_freq of a dictionary word that jieba keeps whole is its
                // dictionary frequency (+1), which is what the route needs.
                words.insert(token.word.to_string(), full.suggest_freq(token.word));
            }
        }
        Vocabulary {
            words,
            total: dictionary_total(full),
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Does the vocabulary hold `word`?
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// Write the vocabulary: a `total N` line, then `word frequency` lines.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        writeln!(out, "total {}", self.total)?;
        for (word, freq) in &self.words {
            writeln!(out, "{word} {freq}")?;
        }
        out.flush()?;
        Ok(())
    }

    /// Read a vocabulary written by [`Vocabulary::save`].
    pub fn load(path: &Path) -> Result<Vocabulary> {
        // Read whole and collected at once: on every run that opens the index
        // this is on the critical path, and the file is written sorted.
        let text = std::fs::read_to_string(path)?;
        let mut entries: Vec<(String, usize)> = Vec::new();
        let mut total = None;
        for (i, line) in text.lines().enumerate() {
            let bad = || Error::Index {
                path: path.to_path_buf(),
                message: format!(
                    "vocabulary line {}: expected `word frequency`, got {line:?}",
                    i + 1
                ),
            };
            let (word, freq) = line.split_once(' ').ok_or_else(bad)?;
            let freq: usize = freq.parse().map_err(|_| bad())?;
            if word.is_empty() {
                return Err(bad());
            }
            if i == 0 {
                if word != "total" {
                    return Err(bad());
                }
                total = Some(freq);
            } else {
                entries.push((word.to_string(), freq));
            }
        }
        let total = total.ok_or_else(|| Error::Index {
            path: path.to_path_buf(),
            message: "vocabulary file is empty".to_string(),
        })?;
        Ok(Vocabulary {
            words: entries.into_iter().collect(),
            total,
        })
    }

    /// The segmentation dictionary of these words, to save beside an index.
    pub fn dictionary(&self) -> Dictionary {
        Dictionary::new(
            self.words.iter().map(|(word, &freq)| (word.as_str(), freq)),
            self.total,
        )
    }

    /// A jieba that knows only these words: what [`Dictionary`] segments like.
    #[cfg(test)]
    fn to_jieba(&self) -> Jieba {
        let mut jieba = Jieba::empty();
        let mut sum = 0;
        for (word, &freq) in &self.words {
            jieba.add_word(word, Some(freq), None);
            sum += freq;
        }
        if self.total > sum {
            jieba.add_word(FILLER_WORD, Some(self.total - sum), None);
        }
        jieba
    }
}

/// The sum of all frequencies in `jieba`'s dictionary, which jieba-rs does
/// not expose. `suggest_freq` of a two-word string that jieba cuts in two is
/// f1 * f2 / total + 1, so with two frequent words the total is recovered to
/// about one part in ten thousand: plenty for segmentation.
fn dictionary_total(jieba: &Jieba) -> usize {
    let f1 = jieba.suggest_freq("了").saturating_sub(1);
    let f2 = jieba.suggest_freq("是").saturating_sub(1);
    let joined = jieba.suggest_freq("了是").saturating_sub(1);
    if f1 == 0 || f2 == 0 || joined == 0 {
        // Not the dictionary this was written for; the words' own total is the
        // safe fallback (segmentation still agrees between index and queries).
        return 0;
    }
    ((f1 as f64) * (f2 as f64) / (joined as f64)).round() as usize
}

/// Map full-width ASCII to half-width and the ideographic space to a space,
/// lower-case ASCII letters. Never changes the number of characters, so
/// character offsets in the result are character offsets in the input.
pub fn normalise(text: &str) -> String {
    text.chars().map(normalise_char).collect()
}

fn normalise_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Is `word` worth indexing: does it contain a letter, digit or CJK character?
fn is_word(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// A token as fatiao sees it: text plus character offsets into the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordToken {
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// jieba words in search mode, over the corpus [`Vocabulary`].
#[derive(Clone)]
pub struct WordTokenizer {
    dictionary: Arc<Dictionary>,
}

impl std::fmt::Debug for WordTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTokenizer").finish_non_exhaustive()
    }
}

impl WordTokenizer {
    /// The tokenizer for an index built with `vocabulary`.
    pub fn new(vocabulary: &Vocabulary) -> WordTokenizer {
        WordTokenizer::with_dictionary(vocabulary.dictionary())
    }

    /// The tokenizer of a saved dictionary ([`Vocabulary::dictionary`]).
    pub fn with_dictionary(dictionary: Dictionary) -> WordTokenizer {
        WordTokenizer {
            dictionary: Arc::new(dictionary),
        }
    }

    /// The dictionary it segments with.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The words of `text`, in order; overlapping sub-words come before the
    /// word that contains them.
    pub fn words(&self, text: &str) -> Vec<WordToken> {
        let normalised = normalise(text);
        word_tokens(self.dictionary.cut_for_search(&normalised))
    }
}

impl WordTokenizer {
    /// The words of `text` in jieba's default mode: one segmentation, no
    /// overlapping sub-words. For query analysis (which words are adjacent),
    /// never for indexing.
    pub fn segments(&self, text: &str) -> Vec<WordToken> {
        let normalised = normalise(text);
        word_tokens(self.dictionary.cut(&normalised))
    }
}

/// Segments that are words (not punctuation or space) as [`WordToken`]s.
fn word_tokens(tokens: Vec<Segment<'_>>) -> Vec<WordToken> {
    tokens
        .into_iter()
        .filter(|t| is_word(t.word))
        .map(|t| WordToken {
            text: t.word.to_string(),
            start: t.start,
            end: t.end,
        })
        .collect()
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        token_stream_of(text, self.words(text))
    }
}

/// Tantivy tokens for `words` of `text`: consecutive positions, character
/// offsets turned into the byte offsets Tantivy wants.
fn token_stream_of(text: &str, words: Vec<WordToken>) -> VecTokenStream {
    let offsets = ByteOffsets::new(text);
    let tokens = words
        .into_iter()
        .enumerate()
        .map(|(position, w)| Token {
            offset_from: offsets.byte(w.start),
            offset_to: offsets.byte(w.end),
            position,
            text: w.text,
            position_length: 1,
        })
        .collect();
    VecTokenStream::new(tokens)
}

/// One token per CJK (or other non-ASCII letter) character; ASCII letter and
/// digit runs stay whole. Positions are consecutive over the kept tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct CharTokenizer;

impl CharTokenizer {
    /// The character tokens of `text`.
    pub fn chars(text: &str) -> Vec<WordToken> {
        let mut out = Vec::new();
        let mut ascii_run: Option<(usize, String)> = None;
        let mut count = 0;
        for (i, c) in text.chars().enumerate() {
            count = i + 1;
            let c = normalise_char(c);
            if c.is_ascii_alphanumeric() {
                ascii_run
                    .get_or_insert_with(|| (i, String::new()))
                    .1
                    .push(c);
                continue;
            }
            if let Some((start, run)) = ascii_run.take() {
                out.push(WordToken {
                    text: run,
                    start,
                    end: i,
                });
            }
            if c.is_alphanumeric() {
                out.push(WordToken {
                    text: c.to_string(),
                    start: i,
                    end: i + 1,
                });
            }
        }
        if let Some((start, run)) = ascii_run {
            out.push(WordToken {
                text: run,
                start,
                end: count,
            });
        }
        out
    }
}

impl Tokenizer for CharTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        token_stream_of(text, CharTokenizer::chars(text))
    }
}

/// Byte offset of each character of a text, for Tantivy's byte-based offsets.
struct ByteOffsets {
    starts: Vec<usize>,
    len: usize,
}

impl ByteOffsets {
    fn new(text: &str) -> ByteOffsets {
        ByteOffsets {
            starts: text.char_indices().map(|(b, _)| b).collect(),
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.starts.get(char_index).copied().unwrap_or(self.len)
    }
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one; 0 before the first `advance`.
    next: usize,
    empty: Token,
}

impl VecTokenStream {
    fn new(tokens: Vec<Token>) -> VecTokenStream {
        VecTokenStream {
            tokens,
            next: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1) {
            Some(i) => &self.tokens[i],
            None => &self.empty,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) => &mut self.tokens[i],
            None => &mut self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Made-up text, not statute wording.
    const SAMPLE: &str =
        "测试条文：行为人管理个人信息，ＡＢＣ公司于2026年执行测试。\n（一）示例事项";

    fn texts(tokens: &[WordToken]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn char_tokens_are_single_cjk_characters_and_whole_ascii_words() {
        const CASES: &[(&str, &[&str])] = &[
            (
                "治安管理行为人",
                &["治", "安", "管", "理", "行", "为", "人"],
            ),
            ("ABC公司2026年", &["abc", "公", "司", "2026", "年"]),
            ("ＡＢＣ１２", &["abc12"]),
            ("“测试”，\t条文！", &["测", "试", "条", "文"]),
            ("\u{0}\u{7}  ", &[]),
            ("", &[]),
        ];
        for (input, expected) in CASES {
            let got = CharTokenizer::chars(input);
            assert_eq!(
                texts(&got),
                *expected,
                "char tokens of {input:?}: look at CharTokenizer::chars"
            );
        }
    }

    #[test]
    fn char_token_offsets_are_character_offsets() {
        let got = CharTokenizer::chars("a测 试12");
        let spans: Vec<(usize, usize)> = got.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(
            spans,
            vec![(0, 1), (1, 2), (3, 4), (4, 6)],
            "offsets of {got:?}"
        );
    }

    #[test]
    fn vocabulary_keeps_dictionary_words_of_the_texts() {
        let vocab = Vocabulary::from_texts([SAMPLE]);
        for word in ["个人", "信息", "管理", "行为"] {
            assert!(
                vocab.contains(word),
                "{word} missing from vocabulary {vocab:?}"
            );
        }
        assert!(
            !vocab.contains("，"),
            "punctuation must not be in the vocabulary"
        );
        assert!(
            !vocab.contains("借款"),
            "a word not in the texts must not be in the vocabulary"
        );
    }

    #[test]
    fn word_tokens_drop_punctuation_and_lowercase() {
        let vocab = Vocabulary::from_texts([SAMPLE]);
        let tokenizer = WordTokenizer::new(&vocab);
        let words = tokenizer.words(SAMPLE);
        let got = texts(&words);
        assert!(
            got.contains(&"abc"),
            "full-width ＡＢＣ should become abc: {got:?}"
        );
        assert!(got.contains(&"2026"), "numbers are kept: {got:?}");
        assert!(
            got.contains(&"个人信息") || got.contains(&"个人"),
            "{got:?}"
        );
        assert!(
            got.iter().all(|w| w.chars().any(char::is_alphanumeric)),
            "punctuation or whitespace tokens leaked: {got:?}"
        );
        for t in &words {
            let original: String = SAMPLE.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(
                normalise(&original),
                t.text,
                "token {t:?} does not match its character span in the input"
            );
        }
    }

    #[test]
    fn vocabulary_round_trips_through_a_file() {
        let vocab = Vocabulary::from_texts([SAMPLE]);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("vocab.txt");
        vocab.save(&path).expect("save vocabulary");
        let loaded = Vocabulary::load(&path).expect("load vocabulary");
        assert_eq!(loaded, vocab, "vocabulary changed through save/load");
    }

    #[test]
    fn corrupt_vocabulary_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("vocab.txt");
        std::fs::write(&path, "测试 notanumber\n").expect("write");
        assert!(
            Vocabulary::load(&path).is_err(),
            "a bad frequency must be reported as an error"
        );
    }

    #[test]
    fn tantivy_stream_yields_the_same_tokens_as_words() {
        let vocab = Vocabulary::from_texts([SAMPLE]);
        let mut tokenizer = WordTokenizer::new(&vocab);
        let expected: Vec<String> = tokenizer
            .words(SAMPLE)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let mut stream = tokenizer.token_stream(SAMPLE);
        let mut got = Vec::new();
        while let Some(token) = stream.next() {
            assert_eq!(
                &SAMPLE[token.offset_from..token.offset_to].chars().count(),
                &token.text.chars().count(),
                "byte offsets of {token:?} do not cover the token"
            );
            got.push(token.text.clone());
        }
        assert_eq!(got, expected, "tantivy stream and words() disagree");
    }
}

/// Tests on the real corpus: the saved vocabulary reproduces jieba's
/// segmentation and loads far faster than the full dictionary.
#[cfg(test)]
mod corpus_tests {
    use std::time::Instant;

    use super::*;
    use crate::corpus::Corpus;

    fn corpus_texts() -> Vec<String> {
        let corpus = Corpus::builtin().expect("built-in corpus parses");
        corpus
            .statutes
            .iter()
            .flat_map(|s| s.articles.iter().map(|a| a.text()))
            .collect()
    }

    #[test]
    fn vocabulary_tokenizer_agrees_with_full_jieba_on_the_corpus() {
        let texts = corpus_texts();
        let vocabulary = Vocabulary::from_texts(texts.iter().map(String::as_str));
        let tokenizer = WordTokenizer::new(&vocabulary);
        let full = Jieba::new();
        let (mut same, mut total) = (0usize, 0usize);
        for text in &texts {
            let expected: Vec<String> = full
                .cut_for_search(&normalise(text), false)
                .into_iter()
                .filter(|t| is_word(t.word))
                .map(|t| t.word.to_string())
                .collect();
            let got: Vec<String> = tokenizer.words(text).into_iter().map(|t| t.text).collect();
            total += 1;
            if got == expected {
                same += 1;
            }
        }
        // Not required for correctness (index and queries share the tokenizer),
        // but a vocabulary that segments differently from jieba would lose the
        // dictionary's knowledge of which words belong together.
        assert!(
            same * 100 >= total * 95,
            "only {same} of {total} articles segment as full jieba does: look at Vocabulary::total"
        );
    }

    #[test]
    fn saved_vocabulary_loads_much_faster_than_the_full_dictionary() {
        let texts = corpus_texts();
        let vocabulary = Vocabulary::from_texts(texts.iter().map(String::as_str));
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("vocab.txt");
        vocabulary.save(&path).expect("save vocabulary");

        let started = Instant::now();
        let full = Jieba::new();
        let full_load = started.elapsed();
        assert!(full.has_word("隐私"), "full dictionary loaded");

        let started = Instant::now();
        let loaded = Vocabulary::load(&path).expect("load vocabulary");
        let tokenizer = WordTokenizer::new(&loaded);
        let vocabulary_load = started.elapsed();
        assert!(
            !tokenizer.words("隐私").is_empty(),
            "vocabulary tokenizer works"
        );
        // A ratio, not a time limit, so that a slow machine or a debug build
        // does not fail it; in release the vocabulary loads in about 1 ms, the
        // dictionary in about 130 ms.
        assert!(
            vocabulary_load * 10 < full_load,
            "vocabulary load {vocabulary_load:?} is not much faster than the full dictionary {full_load:?}"
        );
    }
}
