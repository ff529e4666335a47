//! The fst dictionary segments exactly as jieba-rs does with the same words:
//! every text of the built-in corpus, its headings, its lay phrases, the
//! question sets and a table of awkward inputs, in both modes, word and
//! offsets alike.

use std::path::Path;

use jieba_rs::Jieba;

use super::*;
use crate::corpus::Corpus;
use crate::tokenizer::{Vocabulary, normalise};

/// Made-up inputs that exercise every branch of the segmentation: ASCII runs
/// joined, connector compounds, `\r\n`, unmatched characters, empty text.
const AWKWARD: &[&str] = &[
    "",
    " ",
    "\r\n",
    "a\r\nb",
    "测试WES-5.4.5版本",
    "第253条之1与abc_def.ghi",
    "2026年1月1日起施行，罚款500元以上1000元以下",
    "ｉＰｈｏｎｅ手机APP",
    "+#&._%-",
    "个人信息保护法第十条、第十三条；民法典1032",
    "\u{F8FF}\u{F8FF}隐私",
    "𠮷野家𠮷",
    "催收打电话给我父母和朋友",
];

fn jieba_of(vocabulary: &Vocabulary) -> Jieba {
    vocabulary.to_jieba()
}

fn same(dictionary: &Dictionary, jieba: &Jieba, text: &str) {
    let text = normalise(text);
    let ours = |segments: Vec<Segment<'_>>| -> Vec<(String, usize, usize)> {
        segments
            .into_iter()
            .map(|s| (s.word.to_string(), s.start, s.end))
            .collect()
    };
    let theirs = |tokens: Vec<jieba_rs::Token<'_>>| -> Vec<(String, usize, usize)> {
        tokens
            .into_iter()
            .map(|t| (t.word.to_string(), t.start, t.end))
            .collect()
    };
    assert_eq!(
        ours(dictionary.cut(&text)),
        theirs(jieba.cut(&text, false)),
        "cut of {text:?}: look at Run::segment"
    );
    assert_eq!(
        ours(dictionary.cut_for_search(&text)),
        theirs(jieba.cut_for_search(&text, false)),
        "cut_for_search of {text:?}: look at Dictionary::cut_for_search"
    );
}

/// Queries of the question sets in the repository and, when present, in
/// `../shared/eval`.
fn questions() -> Vec<String> {
    let repo = Path::new(crate::testing::REPO);
    let mut out = Vec::new();
    for dir in [
        repo.join("benches/eval"),
        repo.join("../shared/eval"),
        repo.join("../../shared/eval"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "jsonl") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a question set");
            for line in text.lines() {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(query) = value["query"].as_str()
                {
                    out.push(query.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn segments_exactly_as_jieba_on_the_corpus_phrases_and_questions() {
    let corpus = Corpus::builtin().expect("built-in corpus parses");
    let mut statute_texts: Vec<String> = Vec::new();
    let mut phrase_texts: Vec<String> = Vec::new();
    for (s, statute) in corpus.statutes.iter().enumerate() {
        statute_texts.extend(statute.articles.iter().map(|a| a.text()));
        statute_texts.extend(statute.headings.iter().map(|h| h.title.clone()));
        for a in 0..statute.articles.len() {
            phrase_texts.push(corpus.phrases_of(s, a).join("\n"));
        }
    }
    let questions = questions();
    assert!(
        questions.len() >= 100,
        "the question sets of benches/eval are missing"
    );
    let mut vocabularies = Vocabulary::from_text_groups(vec![
        statute_texts.iter().map(String::as_str).collect::<Vec<_>>(),
        phrase_texts.iter().map(String::as_str).collect(),
    ]);
    let phrases = vocabularies.pop().expect("two vocabularies");
    let statutes = vocabularies.pop().expect("two vocabularies");
    for vocabulary in [&statutes, &phrases] {
        let dictionary = vocabulary.dictionary();
        assert_eq!(dictionary.len(), vocabulary.len(), "every word is kept");
        let jieba = jieba_of(vocabulary);
        let texts = statute_texts
            .iter()
            .chain(&phrase_texts)
            .chain(&questions)
            .map(String::as_str)
            .chain(AWKWARD.iter().copied());
        for text in texts {
            same(&dictionary, &jieba, text);
        }
    }
}

#[test]
fn an_empty_dictionary_segments_as_an_empty_jieba() {
    let vocabulary = Vocabulary::default();
    let dictionary = vocabulary.dictionary();
    let jieba = jieba_of(&vocabulary);
    for text in AWKWARD {
        same(&dictionary, &jieba, text);
    }
}

#[test]
fn a_saved_dictionary_loads_unchanged_and_a_damaged_one_is_an_error() {
    let vocabulary = Vocabulary::from_texts(AWKWARD.iter().copied());
    let dictionary = vocabulary.dictionary();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vocab.fst");
    dictionary.save(&path).expect("save");
    let loaded = Dictionary::load(&path).expect("load");
    assert_eq!(loaded.len(), dictionary.len(), "word count");
    assert_eq!(loaded.total, dictionary.total, "total frequency");
    for text in AWKWARD {
        assert_eq!(loaded.cut_for_search(text), dictionary.cut_for_search(text));
    }
    let bytes = std::fs::read(&path).expect("read back");
    let damaged: &[&[u8]] = &[
        b"",
        b"garbage",
        &bytes[..bytes.len() - 1],
        &[&bytes[..bytes.len() - 1], &[bytes[bytes.len() - 1] ^ 1]].concat(),
        &[b"fatiaoD0".as_slice(), &bytes[8..]].concat(),
    ];
    for (i, bytes) in damaged.iter().enumerate() {
        std::fs::write(&path, bytes).expect("damage");
        assert!(
            Dictionary::load(&path).is_err(),
            "damaged dictionary {i} must be an error"
        );
    }
}
