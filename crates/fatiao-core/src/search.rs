//! Query understanding, ranking and snippets: a query string in, ranked hits
//! with exact citations out.

use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Term};

use crate::cite;
use crate::corpus::model::DocKind;
use crate::corpus::{Article, Corpus, Statute};
use crate::correspondence;
use crate::error::{Error, Result};
use crate::expand::{self, Lexicon, QueryPlan};
use crate::index::{IndexLocation, SearchIndex, open_or_build, split_key};
use crate::rank::{Coverage, CoverageTerm, RankQuery, Sections, Tuning};
use crate::reference::ResolvedRef;
use crate::signals::{self, Signal};

mod by_reference;

use crate::tokenizer::{CharTokenizer, normalise};
pub use by_reference::{ReferenceAnswer, answer_reference};

/// What a search should cover and return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Maximum number of hits.
    pub limit: usize,
    /// Include superseded versions (治安管理处罚法 2012).
    pub all_versions: bool,
    /// Restrict to these statutes (short names, titles or aliases); empty = all.
    pub laws: Vec<String>,
    /// Add lay-to-legal expansions to free-text queries and search the
    /// articles' lay phrases; off, only the statutes' own words are searched.
    pub expand: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            all_versions: false,
            laws: Vec::new(),
            expand: true,
        }
    }
}

/// How the query was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// Nothing to search for (empty or only punctuation).
    Empty,
    /// An article reference such as 民法典1032; hits are the referenced articles.
    Reference,
    /// Full-text search.
    FreeText,
}

/// The answer to one query.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub kind: QueryKind,
    pub hits: Vec<Hit>,
    /// Extra query terms added by lay-to-legal expansion ("也搜索了：个人信息、隐私").
    pub expansions: Vec<String>,
    /// A message for the user, e.g. "民法典共1260条，没有第1300条".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// For a reference to a missing article: the nearest existing articles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Hit>,
    /// Set when the index turned out damaged during this search and was
    /// rebuilt before answering (索引已损坏，正在重建…); print it once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// For references written without a version whose number meant another
    /// rule before the version in force: one line each, naming the old rule
    /// and its current counterpart ([`crate::renumber`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// One ranked result: an article with its exact citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Statute version id: 民法典@2020.
    pub statute_id: String,
    /// Short name: 民法典, 治安管理处罚法, 催收自律公约.
    pub law: String,
    /// Full title: 中华人民共和国民法典.
    pub title: String,
    /// Version year: "2020", "2025", "2012", "2018".
    pub version: String,
    /// 法律, 司法解释 or 行业自律公约 (`law`, `judicial_interpretation`,
    /// `industry_convention` in the JSON contract).
    #[serde(serialize_with = "crate::contract::kind_code")]
    pub kind: DocKind,
    pub in_force: bool,
    /// Article number (1032).
    pub article: u32,
    /// N of 第X条之N; 0 when absent.
    #[serde(skip_serializing_if = "is_zero")]
    pub article_suffix: u32,
    /// 第一千零三十二条
    pub label: String,
    /// 《中华人民共和国民法典》第一千零三十二条 (down to 款/项 for a reference that names them).
    pub citation: String,
    /// Heading titles, outermost first.
    pub path: Vec<String>,
    pub score: f32,
    /// Text around the best match, counted in characters.
    pub snippet: String,
    /// Character ranges (start, end) in `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// The whole article text, paragraphs and items on their own lines.
    pub text: String,
    /// Words of the query that matched, for highlighting the full text.
    pub matched_terms: Vec<String>,
    /// Paragraph (款) named by a reference, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// Item (项) named by a reference, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// True for a partial document (the convention).
    pub partial: bool,
    /// The article's lay phrases ([`crate::corpus::phrases`]) that hold a
    /// query word its text lacks: why an article the question's words hardly
    /// touch was found. Search aids, not statute text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lay_phrases: Vec<String>,
    /// Found by a reference without a version whose number meant another
    /// rule in the superseded version: the short form of the notice
    /// (旧编号：2012年修正版第四十二条（“…”）现为第五十条); the whole one is in
    /// [`SearchResults::notices`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renumbered: Option<String>,
    /// With [`Engine::explain`]: the ranking signals and what each added to
    /// `score` (they sum to it); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Snippet length in characters (not bytes).
pub const SNIPPET_CHARS: usize = 80;
/// Score given to articles found by reference: they are exact answers.
const REFERENCE_SCORE: f32 = 1.0;
/// Most adjacent-pair clauses per query, to bound the cost of very long queries.
const MAX_PAIRS: usize = 32;

/// The longest query searched, in characters. Longer text is not a question
/// but a pasted document; `fatiao verify` is the command for documents.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The most hits one search returns.
pub const MAX_LIMIT: usize = 1_000;

/// Refuse queries and limits past the documented bounds, with what to do.
fn check_query(query: &str, options: &SearchOptions) -> Result<()> {
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(Error::BadQuery(format!(
            "查询过长（{length} 字），最多 {MAX_QUERY_CHARS} 字；核对整篇文书请用 `fatiao verify`"
        )));
    }
    if options.limit > MAX_LIMIT {
        return Err(Error::BadQuery(format!(
            "结果数 {} 过大，最多 {MAX_LIMIT}",
            options.limit
        )));
    }
    Ok(())
}

thread_local! {
    /// How many [`guarded`] calls this thread is inside.
    static GUARDS: Cell<u32> = const { Cell::new(0) };
}

/// True while a panic is being caught by the engine's guard on this thread:
/// a panic hook should then stay quiet (and leave the terminal alone), as the
/// panic becomes an [`Error::IndexDamaged`] and a rebuild.
pub fn panicking_in_guard() -> bool {
    GUARDS.with(|g| g.get() > 0)
}

/// Run a search step at the engine boundary: Tantivy errors and panics
/// become [`Error::IndexDamaged`]; other errors (an unknown law) pass.
fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    GUARDS.with(|g| g.set(g.get() + 1));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDS.with(|g| g.set(g.get() - 1));
    match outcome {
        Ok(Err(Error::Tantivy(err))) => Err(Error::IndexDamaged(err.to_string())),
        Ok(Err(Error::Io(err))) => Err(Error::IndexDamaged(err.to_string())),
        Ok(other) => other,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(Error::IndexDamaged(format!("检索时出错：{what}")))
        }
    }
}

/// The search engine: the corpus and its index, loaded once, queried many times.
pub struct Engine {
    corpus: Arc<Corpus>,
    index: SearchIndex,
    /// The index rebuilt after `index` failed during a search; once set, it
    /// is the one searched ([`Engine::current`]).
    repaired: OnceLock<SearchIndex>,
    /// Ranking and expansion knobs (see [`crate::rank`]).
    tuning: Tuning,
    /// The section of every article, for section-level ranking.
    sections: Arc<Sections>,
    /// Old ⇄ new article correspondences for old-numbering notices, worked
    /// out on first need.
    correspondences: Mutex<correspondence::Cache>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("statutes", &self.corpus.statutes.len())
            .field("index", &self.index)
            .finish()
    }
}

/// A free-text query taken apart: words to rank by, phrases that must occur,
/// words that must not, and statutes named with `law:`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Free text, quotes and operators removed.
    pub text: String,
    /// Quoted phrases, in order.
    pub phrases: Vec<String>,
    /// `-词` exclusions.
    pub excluded: Vec<String>,
    /// `law:民法典` filters.
    pub laws: Vec<String>,
}

/// Closing quote for an opening one.
fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '＂' => Some('＂'),
        _ => None,
    }
}

impl ParsedQuery {
    /// Take a query apart. Never fails: an unmatched quote is ignored as
    /// punctuation, an operator with nothing after it is plain text.
    pub fn parse(query: &str) -> ParsedQuery {
        let chars: Vec<char> = query.chars().collect();
        let mut unclosed = Unclosed::default();
        let mut parsed = ParsedQuery::default();
        let mut text = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let at_word_start = i == 0 || chars[i - 1].is_whitespace();
            // `-词` or `-"短语"` at the start of a word.
            if at_word_start && (c == '-' || c == '－') && i + 1 < chars.len() {
                if let Some((phrase, next)) = unclosed.quoted(&chars, i + 1) {
                    parsed.excluded.push(phrase);
                    i = next;
                    continue;
                }
                let end = word_end(&chars, i + 1);
                if end > i + 1 {
                    parsed.excluded.push(chars[i + 1..end].iter().collect());
                    i = end;
                    continue;
                }
            }
            // `law:名称` (ASCII or full-width colon) at the start of a word.
            if at_word_start && let Some(after) = law_prefix(&chars[i..]) {
                let start = i + after;
                let end = word_end(&chars, start);
                if end > start {
                    parsed.laws.push(chars[start..end].iter().collect());
                    i = end;
                    continue;
                }
            }
            if let Some((phrase, next)) = unclosed.quoted(&chars, i) {
                text.push(' ');
                text.push_str(&phrase);
                text.push(' ');
                parsed.phrases.push(phrase);
                i = next;
                continue;
            }
            text.push(c);
            i += 1;
        }
        parsed.text = text;
        parsed
    }
}

/// Closing quotes known to be absent from some index on: a query of many
/// unclosed quotes is then scanned once, not once per quote.
#[derive(Default)]
struct Unclosed(Vec<(char, usize)>);

impl Unclosed {
    /// A quoted phrase starting at `chars[i]`: its text and the index after
    /// the closing quote; `None` if `chars[i]` opens no quote or it is never
    /// closed.
    fn quoted(&mut self, chars: &[char], i: usize) -> Option<(String, usize)> {
        let close = closing_quote(*chars.get(i)?)?;
        if self.0.iter().any(|&(c, from)| c == close && from <= i + 1) {
            return None;
        }
        let Some(len) = chars[i + 1..].iter().position(|&c| c == close) else {
            self.0.push((close, i + 1));
            return None;
        };
        let phrase: String = chars[i + 1..i + 1 + len].iter().collect();
        Some((phrase, i + len + 2))
    }
}

fn word_end(chars: &[char], start: usize) -> usize {
    chars[start..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |n| start + n)
}

/// Length of a `law:` prefix at the start of `chars`, if there is one.
fn law_prefix(chars: &[char]) -> Option<usize> {
    let word: String = chars
        .iter()
        .take(3)
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = chars.get(3)?;
    (word == "law" && (*colon == ':' || *colon == '：')).then_some(4)
}

impl Engine {
    /// An engine over `corpus` with an index already opened for it.
    pub fn new(corpus: Arc<Corpus>, index: SearchIndex) -> Engine {
        Engine {
            sections: Arc::new(Sections::of(&corpus)),
            corpus,
            index,
            repaired: OnceLock::new(),
            tuning: Tuning::default(),
            correspondences: Mutex::new(correspondence::Cache::default()),
        }
    }

    /// Open (building if needed) the index of `corpus` at `location`.
    pub fn open(corpus: Arc<Corpus>, location: &IndexLocation) -> Result<Engine> {
        let index = open_or_build(&corpus, location, false)?;
        Ok(Engine::new(corpus, index))
    }

    /// Replace the ranking knobs (for `fatiao eval --set`).
    pub fn set_tuning(&mut self, tuning: Tuning) {
        self.tuning = tuning;
    }

    pub fn tuning(&self) -> &Tuning {
        &self.tuning
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The shared corpus, for front-ends that keep it beside the engine.
    pub fn corpus_arc(&self) -> Arc<Corpus> {
        Arc::clone(&self.corpus)
    }

    /// The index searched: the one opened, or its rebuilt replacement.
    pub fn index(&self) -> &SearchIndex {
        self.current()
    }

    fn current(&self) -> &SearchIndex {
        self.repaired.get().unwrap_or(&self.index)
    }

    /// Answer one query: an article reference jumps to the article, anything
    /// else is a ranked full-text search.
    ///
    /// A query longer than [`MAX_QUERY_CHARS`] or with more than
    /// [`MAX_LIMIT`] hits asked for is refused ([`Error::BadQuery`]). An error
    /// or a panic inside Tantivy means the index is damaged (files changed
    /// under a running process, or damage the open-time checks cannot see):
    /// the index is rebuilt once, the query answered from the new one, and
    /// [`SearchResults::notice`] says so. Failing again is
    /// [`Error::IndexDamaged`].
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.search_with(query, options, false)
    }

    /// [`Engine::search`], each free-text hit with the signals that ranked
    /// it and their contributions ([`Hit::signals`]). Slower: for `--explain`.
    pub fn explain(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.search_with(query, options, true)
    }

    fn search_with(
        &self,
        query: &str,
        options: &SearchOptions,
        explain: bool,
    ) -> Result<SearchResults> {
        check_query(query, options)?;
        let mut answer = guarded(|| self.search_unguarded(query, options, explain));
        // Damage can also look like nothing found: then the files are checked
        // against their hashes (about a millisecond) before "nothing" is said.
        if let Ok(results) = &answer
            && results.hits.is_empty()
            && results.kind == QueryKind::FreeText
            && self.repaired.get().is_none()
            && let Some(why) = crate::index::damage_since_open(&self.corpus, &self.index)
        {
            answer = Err(Error::IndexDamaged(why));
        }
        match answer {
            Err(Error::IndexDamaged(why)) if self.repaired.get().is_none() => {
                let rebuilt = open_or_build(&self.corpus, &self.index.location, true)?;
                let _ = self.repaired.set(rebuilt);
                let mut results = guarded(|| self.search_unguarded(query, options, explain))?;
                results.notice = Some(format!("索引已损坏（{why}），正在重建……已重建"));
                Ok(results)
            }
            other => other,
        }
    }

    fn search_unguarded(
        &self,
        query: &str,
        options: &SearchOptions,
        explain: bool,
    ) -> Result<SearchResults> {
        let answer = {
            // Old-numbering notices use the correspondences worked out before.
            let mut cache = self
                .correspondences
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            by_reference::answer_reference_with(&self.corpus, &mut cache, query, options)?
        };
        let unknown_statute = match answer {
            ReferenceAnswer::Answered(results) => return Ok(results),
            ReferenceAnswer::Words { unknown_statute } => unknown_statute,
        };
        let parsed = ParsedQuery::parse(query);
        let mut laws = options.laws.clone();
        laws.extend(parsed.laws.iter().cloned());
        let scope = self.scope(&laws, options.all_versions)?;

        let mut results = self.free_text(query, &parsed, scope.as_ref(), options, explain)?;
        if let Some(name) = unknown_statute {
            let near = crate::suggest::did_you_mean(&self.corpus, &name);
            let unknown = Error::UnknownStatute(name).to_string();
            // A likely typo is worth saying even above the word hits.
            results.message = match (near, results.hits.is_empty()) {
                (Some(near), true) => Some(format!("{unknown}；{near}")),
                (Some(near), false) => Some(format!("{unknown}；{near}（以下按普通词语检索）")),
                (None, true) => Some(unknown),
                (None, false) => results.message,
            };
        }
        Ok(results)
    }

    /// Hits for articles named by a reference; unknown ids are skipped.
    pub fn reference_hit(&self, r: &ResolvedRef) -> Option<Hit> {
        by_reference::reference_hit(&self.corpus, r)
    }

    /// Statute ids a search may return, `None` for all of them.
    fn scope(&self, laws: &[String], all_versions: bool) -> Result<Option<BTreeSet<String>>> {
        by_reference::scope(&self.corpus, laws, all_versions)
    }

    fn free_text(
        &self,
        query: &str,
        parsed: &ParsedQuery,
        scope: Option<&BTreeSet<String>>,
        options: &SearchOptions,
        explain: bool,
    ) -> Result<SearchResults> {
        let fields = &self.current().fields;
        // Fillers dropped, lay words expanded, each term weighted (crate::expand).
        let plan = expand::plan(
            &parsed.text,
            &self.current().words,
            Lexicon::builtin(),
            options.expand,
            &self.tuning,
        );
        // The articles' lay phrases are searched with the user's words, the
        // other way round from the expansions; `--no-expand` turns off both.
        let phrase_terms = if options.expand && self.tuning.phrases > 0.0 {
            expand::phrase_terms(
                &parsed.text,
                &plan,
                self.current().phrase_words(),
                &self.tuning,
            )
        } else {
            Vec::new()
        };
        let words = plan.texts();
        let phrases: Vec<Vec<String>> = parsed
            .phrases
            .iter()
            .map(|p| {
                CharTokenizer::chars(p)
                    .into_iter()
                    .map(|t| t.text)
                    .collect()
            })
            .filter(|tokens: &Vec<String>| !tokens.is_empty())
            .collect();
        if words.is_empty() && phrases.is_empty() {
            return Ok(results(query, QueryKind::Empty, Vec::new(), None));
        }

        let pairs = self.adjacent_pairs(&parsed.text);
        let searcher = self.current().reader.searcher();
        // Exclusions are collected first and filtered out of the ranking rather
        // than put in a MustNot clause: a PhraseQuery under MustNot is sought
        // backwards by tantivy 0.27's Exclude, which trips an assertion in
        // PhraseScorer (quickwit-oss/tantivy#2811).
        let mut excluded = HashSet::new();
        for phrase in &parsed.excluded {
            let tokens: Vec<String> = CharTokenizer::chars(phrase)
                .into_iter()
                .map(|t| t.text)
                .collect();
            if !tokens.is_empty() {
                excluded.extend(
                    searcher.search(&chars_query(fields.text_chars, &tokens), &DocSetCollector)?,
                );
            }
        }
        // The second stage re-ranks the best `depth` articles (crate::rank::coverage).
        let depth = if self.tuning.reranks() {
            options.limit.max(self.tuning.rerank_depth as usize)
        } else {
            options.limit
        };
        let mut labelled = Vec::new();
        let mut run = |phrases_required: bool| -> Result<Vec<(f32, DocAddress)>> {
            let quoted = Quoted {
                phrases: &phrases,
                required: phrases_required,
            };
            let (query, parts) =
                self.ranking_query(&plan, &phrase_terms, &pairs, quoted, scope, explain);
            labelled = parts;
            let top = searcher.search(
                &query,
                &TopDocs::with_limit(depth.max(1) + excluded.len()).order_by_score(),
            )?;
            Ok(top
                .into_iter()
                .filter(|(_, address)| !excluded.contains(address))
                .take(depth)
                .collect())
        };
        // In a sentence (说是“服务费”，让我还一万), quotes mark a so-called, not a
        // demand: the phrases rank but are not required. In a search-style
        // query ("散布他人隐私" 拘留) they are required.
        let mut top = run(!reads_as_sentence(&parsed.text))?;
        let mut message = None;
        // Quotes in a question are often emphasis, not a demand: when no article
        // holds every phrase, rank by them instead of returning nothing.
        if top.is_empty() && !phrases.is_empty() && !words.is_empty() {
            top = run(false)?;
            if !top.is_empty() {
                message =
                    Some("没有条文同时包含所有引号中的短语；以下结果按短语和词语排序".to_string());
            }
        }
        let mut highlight_terms: Vec<String> = parsed
            .phrases
            .iter()
            .map(|p| {
                CharTokenizer::chars(p)
                    .into_iter()
                    .map(|t| t.text)
                    .collect::<String>()
            })
            .filter(|p| !p.is_empty())
            .collect();
        highlight_terms.extend(words.iter().cloned());
        let mut found = Vec::new();
        for (score, address) in top {
            if let Some(at) = self.article_at(&searcher, address)? {
                let signals = if explain {
                    first_stage_signals(&searcher, address, &labelled)?
                } else {
                    Vec::new()
                };
                found.push(Candidate {
                    score,
                    found: at,
                    signals,
                });
            }
        }
        if self.tuning.reranks() && found.len() > 1 {
            self.rerank(&searcher, &plan, !phrase_terms.is_empty(), &mut found)?;
            let letters = parsed.text.chars().filter(|c| c.is_alphanumeric()).count();
            if letters as f32 >= self.tuning.diversity_min_chars {
                found = diversified(found, self.tuning.diversity);
            }
        }
        let hits = found
            .into_iter()
            .take(options.limit)
            .map(|candidate| {
                let Candidate {
                    score,
                    found,
                    signals,
                } = candidate;
                let mut hit = make_hit(found.statute, found.article, score, &highlight_terms);
                hit.signals = signals;
                if !phrase_terms.is_empty() {
                    hit.lay_phrases = matching_phrases(
                        self.corpus
                            .phrases_of(found.statute_index, found.article_index),
                        &phrase_terms,
                        &normalise(&hit.text),
                    );
                }
                hit
            })
            .collect();
        let mut results = results(query, QueryKind::FreeText, hits, message);
        results.expansions = plan.expansions;
        Ok(results)
    }

    /// Second stage: re-score the first stage's best articles by how well
    /// their best clause and the whole article cover the query's words and
    /// characters, each weighted by its idf (crate::rank::coverage), and sort
    /// again. Words the corpus never uses count for nothing.
    fn rerank(
        &self,
        searcher: &tantivy::Searcher,
        plan: &QueryPlan,
        phrases_searched: bool,
        found: &mut [Candidate<'_>],
    ) -> Result<()> {
        let fields = &self.current().fields;
        let docs = searcher.num_docs().max(1);
        let phrase_cover = self.tuning.phrase_cover && phrases_searched;
        let weighted = |field: Field, text: &str, weight: f32| -> Result<Option<CoverageTerm>> {
            let mut df = searcher.doc_freq(&Term::from_field_text(field, text))?;
            if df == 0 && phrase_cover && field == fields.text {
                df = searcher.doc_freq(&Term::from_field_text(fields.phrases, text))?;
            }
            if df == 0 {
                return Ok(None);
            }
            let idf = crate::rank::idf(df.min(docs), docs).powf(self.tuning.idf_power);
            Ok(Some(CoverageTerm {
                text: text.to_string(),
                weight: weight * idf,
            }))
        };
        let mut words = Vec::new();
        for t in &plan.terms {
            words.extend(weighted(fields.text, &t.text, t.weight)?);
        }
        let mut chars = Vec::new();
        for c in &plan.chars {
            chars.extend(weighted(fields.text_chars, c, 1.0)?);
        }
        // A pair weighs what its two characters weigh.
        let bigrams: Vec<CoverageTerm> = plan
            .bigrams
            .iter()
            .map(|b| CoverageTerm {
                weight: chars
                    .iter()
                    .filter(|c| b.contains(c.text.as_str()))
                    .map(|c| c.weight)
                    .sum(),
                text: b.clone(),
            })
            .filter(|b| b.weight > 0.0)
            .collect();
        let query = Coverage { words, bigrams };
        let best = found.iter().map(|f| f.score).fold(0.0, f32::max);
        for candidate in found.iter_mut() {
            let Candidate {
                score,
                found,
                signals,
            } = candidate;
            let first_stage = if best > 0.0 { *score / best } else { 0.0 };
            let explain = !signals.is_empty();
            if explain {
                // The first stage counts as its share of the best score.
                for s in signals.iter_mut() {
                    s.value = if best > 0.0 { s.value / best } else { 0.0 };
                }
            }
            let mut text = normalise(&found.article.text());
            if phrase_cover {
                for phrase in self
                    .corpus
                    .phrases_of(found.statute_index, found.article_index)
                {
                    text.push('\n');
                    text.push_str(&normalise(phrase));
                }
            }
            *score = query.rerank_score(&self.tuning, *score, best, &text);
            if explain {
                for (name, value) in query.rerank_parts(&self.tuning, &text) {
                    signals.push(Signal::new(name, value));
                }
            }
            // Codes put a part's general rule or definition first; among
            // neighbours that match alike, that is the one a question about
            // the part usually needs (最高额抵押 → 第四百二十条). The bonus
            // grows with the article's own match, so it never lifts an
            // article the question hardly touches.
            if found.statute.opens_part(found.article) {
                let weight = self.tuning.opener
                    + if plan.asks_what {
                        self.tuning.opener_what
                    } else {
                        0.0
                    };
                *score += weight * first_stage;
                if explain && weight > 0.0 {
                    signals.push(Signal::new("opener", weight * first_stage));
                }
            }
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(())
    }

    /// Character tokens of each pair of adjacent query words (私人生活 + 安宁),
    /// for a proximity bonus: an article that has the words next to each other
    /// as in the question ranks above one that has them scattered.
    fn adjacent_pairs(&self, text: &str) -> Vec<Vec<String>> {
        let segments = self.current().words.segments(text);
        let mut pairs: Vec<Vec<String>> = Vec::new();
        for window in segments.windows(2) {
            // Words separated by punctuation or space are not adjacent.
            if window[0].end != window[1].start {
                continue;
            }
            let joined = format!("{}{}", window[0].text, window[1].text);
            let tokens: Vec<String> = CharTokenizer::chars(&joined)
                .into_iter()
                .map(|t| t.text)
                .collect();
            if tokens.len() >= 2 && !pairs.contains(&tokens) {
                pairs.push(tokens);
            }
            if pairs.len() == MAX_PAIRS {
                break;
            }
        }
        pairs
    }

    /// BM25 over words in text and headings, a bonus for adjacent word pairs,
    /// quoted phrases (required or as a bonus), restricted to `scope`.
    fn ranking_query(
        &self,
        plan: &QueryPlan,
        phrase_terms: &[(String, f32)],
        pairs: &[Vec<String>],
        quoted: Quoted<'_>,
        scope: Option<&BTreeSet<String>>,
        explain: bool,
    ) -> (BooleanQuery, Vec<Labelled>) {
        let fields = &self.current().fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // With `explain`, every scoring clause again under its signal's name.
        let mut labelled: Vec<Labelled> = Vec::new();
        let push = |should: &mut Vec<(Occur, Box<dyn Query>)>,
                    labelled: &mut Vec<Labelled>,
                    name: &'static str,
                    query: Box<dyn Query>| {
            if explain {
                labelled.push(Labelled::Other(name, query.box_clone()));
            }
            should.push((Occur::Should, query));
        };
        if !plan.terms.is_empty() {
            // Weighted words in text and headings, fused with characters and
            // sections (crate::rank).
            let weighted = plan.terms.iter().map(|t| (t.text.clone(), t.weight));
            let in_fields = vec![(fields.text, 1.0), (fields.path, self.tuning.path_weight)];
            let rank = RankQuery::new(weighted.collect(), in_fields, self.tuning)
                .with_chars(fields.text_chars, plan.chars.clone())
                .with_sections(Arc::clone(&self.sections));
            if explain {
                labelled.push(Labelled::Rank(rank.clone()));
            }
            should.push((Occur::Should, Box::new(rank)));
            // The same words in the articles' lay phrases: 房东 finds the
            // article on 出租人 that a person asking about a landlord needs.
            if !phrase_terms.is_empty() {
                push(
                    &mut should,
                    &mut labelled,
                    "phrases",
                    Box::new(BoostQuery::new(
                        Box::new(RankQuery::new(
                            phrase_terms.to_vec(),
                            vec![(fields.phrases, 1.0)],
                            self.tuning,
                        )),
                        self.tuning.phrases,
                    )),
                );
            }
        }
        for pair in pairs {
            push(
                &mut should,
                &mut labelled,
                "pairs",
                Box::new(BoostQuery::new(
                    chars_query(fields.text_chars, pair),
                    self.tuning.pair,
                )),
            );
        }
        for phrase in &plan.expansion_phrases {
            push(
                &mut should,
                &mut labelled,
                "expansion_phrases",
                Box::new(BoostQuery::new(
                    chars_query(fields.text_chars, phrase),
                    self.tuning.expansion_weight,
                )),
            );
        }
        if self.tuning.exact > 0.0 {
            for run in &plan.runs {
                push(
                    &mut should,
                    &mut labelled,
                    "exact",
                    Box::new(BoostQuery::new(
                        chars_query(fields.text_chars, run),
                        self.tuning.exact,
                    )),
                );
            }
        }
        for phrase in quoted.phrases {
            let either = BooleanQuery::new(vec![
                (Occur::Should, chars_query(fields.text_chars, phrase)),
                (Occur::Should, chars_query(fields.path_chars, phrase)),
            ]);
            if quoted.required {
                if explain {
                    labelled.push(Labelled::Other("quoted", Box::new(either.clone())));
                }
                clauses.push((Occur::Must, Box::new(either)));
            } else {
                push(&mut should, &mut labelled, "quoted", Box::new(either));
            }
        }
        if !should.is_empty() {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
        if let Some(ids) = scope {
            let any_of: Vec<(Occur, Box<dyn Query>)> = ids
                .iter()
                .map(|id| (Occur::Should, string_query(fields.statute_id, id)))
                .collect();
            // Scope only filters: it must not add a per-statute score.
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(BooleanQuery::new(any_of)),
                    0.0,
                )),
            ));
        }
        (BooleanQuery::new(clauses), labelled)
    }

    /// The corpus article a search result points to.
    fn article_at(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
    ) -> Result<Option<FoundArticle<'_>>> {
        let keys = searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .u64("key")?;
        let Some(key) = keys.first(address.doc_id) else {
            return Ok(None);
        };
        let (s, a) = split_key(key);
        Ok(self.corpus.statutes.get(s).and_then(|statute| {
            statute.articles.get(a).map(|article| FoundArticle {
                statute,
                article,
                statute_index: s,
                article_index: a,
            })
        }))
    }
}

/// The quoted phrases of a query, as character tokens, and whether an
/// article must hold them (a search) or only ranks higher for them (a sentence).
#[derive(Clone, Copy)]
struct Quoted<'a> {
    phrases: &'a [Vec<String>],
    required: bool,
}

/// A scoring clause of the first stage under its signal's name, for `--explain`.
enum Labelled {
    /// The weighted BM25 over words, characters, openings and sections,
    /// explained part by part.
    Rank(RankQuery),
    Other(&'static str, Box<dyn Query>),
}

/// The first-stage signals of the article at `address`: what each scoring
/// clause gave it, clauses of one name added up, those that gave nothing left out.
fn first_stage_signals(
    searcher: &tantivy::Searcher,
    address: DocAddress,
    labelled: &[Labelled],
) -> Result<Vec<Signal>> {
    let mut out: Vec<Signal> = Vec::new();
    let mut add = |name: &'static str, value: f32| {
        if value == 0.0 {
            return;
        }
        match out.iter_mut().find(|s| s.name == name) {
            Some(s) => s.value += value,
            None => out.push(Signal::new(name, value)),
        }
    };
    for clause in labelled {
        match clause {
            Labelled::Rank(rank) => {
                for (name, value) in rank.parts(searcher, address)? {
                    add(name, value);
                }
            }
            Labelled::Other(name, query) => {
                add(name, clause_score(searcher, query.as_ref(), address)?)
            }
        }
    }
    Ok(out)
}

/// What `query` scores the article at `address`, 0 when it does not match.
/// Scored forwards only: tantivy's `explain` seeks a phrase scorer
/// backwards, which trips its assertion (as for exclusions above).
fn clause_score(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    address: DocAddress,
) -> Result<f32> {
    let weight = query.weight(tantivy::query::EnableScoring::enabled_from_searcher(
        searcher,
    ))?;
    let reader = searcher.segment_reader(address.segment_ord);
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.doc() < address.doc_id {
        scorer.seek(address.doc_id);
    }
    Ok(if scorer.doc() == address.doc_id {
        scorer.score()
    } else {
        0.0
    })
}

/// A first-stage result on its way through the re-rank.
struct Candidate<'a> {
    score: f32,
    found: FoundArticle<'a>,
    /// With `--explain`: the signals that make up `score`.
    signals: Vec<Signal>,
}

/// `found` in the order of [`signals::diversify`] with `penalty`, each
/// score lowered by its penalty (and the penalty named when explained).
fn diversified(found: Vec<Candidate<'_>>, penalty: f32) -> Vec<Candidate<'_>> {
    if penalty <= 0.0 {
        return found;
    }
    let scores: Vec<f32> = found.iter().map(|c| c.score).collect();
    let statutes: Vec<usize> = found.iter().map(|c| c.found.statute_index).collect();
    let order = signals::diversify(&scores, &statutes, penalty);
    let mut slots: Vec<Option<Candidate<'_>>> = found.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, value)| {
            let mut candidate = slots.get_mut(i)?.take()?;
            candidate.score += value;
            if value != 0.0 && !candidate.signals.is_empty() {
                candidate.signals.push(Signal::new("diversity", value));
            }
            Some(candidate)
        })
        .collect()
}

/// An article a free-text search found, with its place in the corpus (which
/// the lay phrases are looked up by).
#[derive(Clone, Copy)]
struct FoundArticle<'a> {
    statute: &'a Statute,
    article: &'a Article,
    statute_index: usize,
    article_index: usize,
}

/// Does the query read as a sentence rather than a search: does its text
/// (quotes and operators removed) hold sentence punctuation?
fn reads_as_sentence(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '，' | '。' | '？' | '！' | '；' | '：' | ',' | '?' | '!' | ';'
        )
    })
}

fn results(query: &str, kind: QueryKind, hits: Vec<Hit>, message: Option<String>) -> SearchResults {
    SearchResults {
        query: query.to_string(),
        kind,
        hits,
        expansions: Vec::new(),
        message,
        suggestions: Vec::new(),
        notice: None,
        notices: Vec::new(),
    }
}

fn term_query(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

fn string_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Consecutive character tokens: a phrase query, or a term query for one token.
fn chars_query(field: Field, tokens: &[String]) -> Box<dyn Query> {
    match tokens {
        [one] => term_query(field, one),
        _ => Box::new(PhraseQuery::new(
            tokens
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        )),
    }
}

/// 《中华人民共和国民法典》第一千零三十二条, down to 第N款第M项 when named.
pub fn citation(
    statute: &Statute,
    article: &Article,
    paragraph: Option<u32>,
    item: Option<u32>,
) -> String {
    cite::full_article(
        &statute.meta,
        &cite::location_label(article, paragraph, item),
    )
}

/// The text of the paragraph (and item) a reference names.
fn named_part(article: &Article, paragraph: Option<u32>, item: Option<u32>) -> Option<String> {
    let p = article
        .paragraphs
        .get(paragraph?.checked_sub(1)? as usize)?;
    match item {
        Some(n) => p
            .items
            .iter()
            .find(|i| i.number == n)
            .map(|i| format!("{}{}", i.marker, i.text)),
        None => Some(p.text.clone()),
    }
}

/// A hit for `article`, with a snippet around the best match of `terms`.
pub fn make_hit(statute: &Statute, article: &Article, score: f32, terms: &[String]) -> Hit {
    let text = article.text();
    let matched = matched_terms(&text, terms);
    let (snippet, highlights) = snippet(&text, &matched, SNIPPET_CHARS);
    Hit {
        statute_id: statute.id(),
        law: statute.meta.short_name.clone(),
        title: statute.meta.title.clone(),
        version: statute.meta.version.clone(),
        kind: statute.meta.kind,
        in_force: !statute.meta.status.is_superseded(),
        article: article.no.number,
        article_suffix: article.no.suffix,
        label: article.label.clone(),
        citation: citation(statute, article, None, None),
        path: statute
            .path_titles(article)
            .into_iter()
            .map(str::to_string)
            .collect(),
        score,
        snippet,
        highlights,
        text,
        matched_terms: matched,
        paragraph: None,
        item: None,
        partial: statute.meta.partial,
        lay_phrases: Vec::new(),
        renumbered: None,
        signals: Vec::new(),
    }
}

/// The lay phrases that helped find a hit, marked as no part of the statute.
pub fn lay_phrases_note(phrases: &[String]) -> String {
    format!("俗语：{}（检索用语，非条文原文）", phrases.join("、"))
}

/// Most lay phrases named in a hit.
const MAX_LAY_PHRASES: usize = 3;

/// The `phrases` that hold one of the query's `terms` of two or more
/// characters that the article's own (normalised) `text` lacks: the lay
/// words that found it. Those holding the most such characters first, at
/// most [`MAX_LAY_PHRASES`]. None when the statute's words explain the match.
pub fn matching_phrases(phrases: &[String], terms: &[(String, f32)], text: &str) -> Vec<String> {
    let terms: Vec<&(String, f32)> = terms
        .iter()
        .filter(|(t, _)| !text.contains(t.as_str()))
        .collect();
    let mut scored: Vec<(usize, usize, &String)> = phrases
        .iter()
        .enumerate()
        .filter_map(|(order, phrase)| {
            let normalised = normalise(phrase);
            let held: usize = terms
                .iter()
                .filter(|(t, _)| t.chars().count() >= 2 && normalised.contains(t.as_str()))
                .map(|(t, _)| t.chars().count())
                .sum();
            (held > 0).then_some((held, order, phrase))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(MAX_LAY_PHRASES)
        .map(|(_, _, p)| p.clone())
        .collect()
}

/// The query terms worth highlighting in `text`: those that occur in it,
/// longest first; single characters only when no longer term occurs (a lone
/// 的 or 我 lit up everywhere helps nobody).
pub fn matched_terms(text: &str, terms: &[String]) -> Vec<String> {
    let normalised = normalise(text);
    let mut found: Vec<String> = terms
        .iter()
        .filter(|t| !t.is_empty() && normalised.contains(t.as_str()))
        .cloned()
        .collect();
    found.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    found.dedup();
    if found.iter().any(|t| t.chars().count() > 1) {
        found.retain(|t| t.chars().count() > 1);
    }
    found
}

/// Character ranges where `terms` occur in `text` (compared normalised),
/// merged where they overlap, in order.
pub fn term_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let haystack: Vec<char> = normalise(text).chars().collect();
    let mut ranges = Vec::new();
    for term in terms {
        let needle: Vec<char> = term.chars().collect();
        if needle.is_empty() || needle.len() > haystack.len() {
            continue;
        }
        for start in 0..=haystack.len() - needle.len() {
            if haystack[start..start + needle.len()] == needle[..] {
                ranges.push((start, start + needle.len()));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Up to `max_chars` characters of `text` around the best cluster of
/// `terms`, on one line, with `…` where cut, and the highlighted character
/// ranges within the snippet.
pub fn snippet(text: &str, terms: &[String], max_chars: usize) -> (String, Vec<(usize, usize)>) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let max_chars = max_chars.max(1);
    let ranges = term_ranges(text, terms);
    // The window start that covers the most highlighted text, leaving a
    // little context before the first match. A match counts by the square of
    // its length: one quoted phrase (散布他人隐私) says more than several
    // scattered 他人.
    let lead = max_chars / 5;
    let mut start = 0;
    let mut best = 0;
    for &(s, _) in &ranges {
        let candidate = s.saturating_sub(lead);
        let covered: usize = ranges
            .iter()
            .filter(|&&(a, b)| a >= candidate && b <= candidate + max_chars)
            .map(|&(a, b)| (b - a) * (b - a))
            .sum();
        if covered > best {
            best = covered;
            start = candidate;
        }
    }
    // Do not waste the window on blank space past the end of the text.
    start = start.min(chars.len().saturating_sub(max_chars));
    let end = (start + max_chars).min(chars.len());
    let mut out = String::new();
    let mut offset = 0;
    if start > 0 {
        out.push('…');
        offset = 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let highlights = ranges
        .iter()
        .filter(|&&(a, b)| b > start && a < end)
        .map(|&(a, b)| (a.max(start) - start + offset, b.min(end) - start + offset))
        .collect();
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn engine() -> Engine {
        let corpus = Arc::new(testing::search_corpus());
        Engine::open(corpus, &IndexLocation::InMemory).expect("in-memory engine")
    }

    fn ids(results: &SearchResults) -> Vec<String> {
        results
            .hits
            .iter()
            .map(|h| format!("{}:{}", h.statute_id, h.article))
            .collect()
    }

    #[test]
    fn unclosed_quotes_are_scanned_once() {
        let query = "“甲「乙『丙-\"丁".repeat(50_000);
        let started = std::time::Instant::now();
        let parsed = ParsedQuery::parse(&query);
        assert!(parsed.phrases.is_empty() || !parsed.phrases.is_empty());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?} for 400,000 characters of unclosed quotes",
            started.elapsed()
        );
    }

    #[test]
    fn long_queries_are_refused_with_a_message() {
        let engine = engine();
        let long = "隐".repeat(MAX_QUERY_CHARS + 1);
        let err = engine
            .search(&long, &SearchOptions::default())
            .expect_err("too long");
        assert!(err.to_string().contains("查询过长"), "{err}");
        let options = SearchOptions {
            limit: MAX_LIMIT + 1,
            ..SearchOptions::default()
        };
        assert!(engine.search("隐私", &options).is_err());
        let just = "隐私".repeat(MAX_QUERY_CHARS / 2);
        engine
            .search(&just, &SearchOptions::default())
            .expect("a query at the bound is searched");
    }

    #[test]
    fn a_panic_inside_the_guard_is_a_damaged_index() {
        let caught = guarded::<()>(|| panic!("vint.rs:51 index out of bounds"));
        assert!(
            matches!(&caught, Err(Error::IndexDamaged(why)) if why.contains("vint.rs")),
            "{caught:?}"
        );
        assert!(!panicking_in_guard(), "the guard is left after the panic");
        let unknown = guarded::<()>(|| Err(Error::UnknownStatute("刑法".into())));
        assert!(
            matches!(unknown, Err(Error::UnknownStatute(_))),
            "{unknown:?}"
        );
    }

    #[test]
    fn an_index_damaged_under_a_running_engine_is_rebuilt_and_answers() {
        use std::io::{Seek, SeekFrom, Write};
        let corpus = Arc::new(testing::search_corpus());
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        let options = SearchOptions::default();
        let queries = ["隐私 安宁", "\"私人生活\"", "催收 骚扰 亲友", "罚款"];
        let pristine = Engine::open(Arc::clone(&corpus), &IndexLocation::InMemory).expect("engine");
        let expected: Vec<Vec<String>> = queries
            .iter()
            .map(|q| ids(&pristine.search(q, &options).expect("search")))
            .collect();
        let engine = Engine::open(Arc::clone(&corpus), &location).expect("engine on disk");
        // Warm the readers, then damage the mapped files in place.
        engine.search("隐私", &options).expect("first search");
        let current = dir.path().join("current");
        for entry in std::fs::read_dir(&current).expect("list").flatten() {
            let path = entry.path();
            let name = path.to_string_lossy().into_owned();
            if [".term", ".idx", ".pos"].iter().any(|e| name.ends_with(e)) {
                let len = entry.metadata().expect("meta").len() as usize;
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .expect("open for damage");
                file.seek(SeekFrom::Start(0)).expect("seek");
                file.write_all(&vec![0xff; len]).expect("damage");
            }
        }
        let mut notices = 0;
        for (query, want) in queries.iter().zip(&expected) {
            let results = engine
                .search(query, &options)
                .expect("answered after repair");
            notices += usize::from(results.notice.is_some());
            assert_eq!(&ids(&results), want, "answer to {query} after the damage");
        }
        assert_eq!(notices, 1, "the rebuild is announced once");
    }

    #[test]
    fn queries_are_taken_apart() {
        /// query, free text, phrases, exclusions, law filters
        type Case = (
            &'static str,
            &'static str,
            &'static [&'static str],
            &'static [&'static str],
            &'static [&'static str],
        );
        const CASES: &[Case] = &[
            ("隐私 安宁", "隐私 安宁", &[], &[], &[]),
            (
                "\"管理行为\" 罚款",
                "管理行为  罚款",
                &["管理行为"],
                &[],
                &[],
            ),
            ("“管理行为”", "管理行为", &["管理行为"], &[], &[]),
            ("隐私 -罚款", "隐私 ", &[], &["罚款"], &[]),
            ("隐私 -\"测试罚款\"", "隐私 ", &[], &["测试罚款"], &[]),
            ("law:测试法 隐私", " 隐私", &[], &[], &["测试法"]),
            ("LAW：测试法 隐私", " 隐私", &[], &[], &["测试法"]),
            ("1032-1034", "1032-1034", &[], &[], &[]),
            ("\"未闭合", "\"未闭合", &[], &[], &[]),
            ("-", "-", &[], &[], &[]),
            ("law:", "law:", &[], &[], &[]),
            ("问题:答案", "问题:答案", &[], &[], &[]),
        ];
        for &(query, text, phrases, excluded, laws) in CASES {
            let parsed = ParsedQuery::parse(query);
            assert_eq!(
                parsed.text.trim(),
                text.trim(),
                "free text of {query:?}: {parsed:?}"
            );
            assert_eq!(parsed.phrases, phrases, "phrases of {query:?}");
            assert_eq!(parsed.excluded, excluded, "exclusions of {query:?}");
            assert_eq!(parsed.laws, laws, "law filters of {query:?}");
        }
    }

    #[test]
    fn free_text_ranks_matching_articles_in_force_only() {
        let engine = engine();
        let results = engine
            .search("散布他人隐私", &SearchOptions::default())
            .expect("search");
        assert_eq!(results.kind, QueryKind::FreeText);
        assert_eq!(
            ids(&results).first().map(String::as_str),
            Some("测试法@2025:2"),
            "{results:#?}"
        );
        assert!(
            results.hits.iter().all(|h| h.in_force),
            "superseded versions must be excluded by default: {:?}",
            ids(&results)
        );
        let hit = &results.hits[0];
        assert_eq!(hit.citation, "《中华人民共和国测试法》第二条");
        assert!(hit.matched_terms.contains(&"隐私".to_string()), "{hit:#?}");
    }

    #[test]
    fn all_versions_adds_superseded_versions_that_name_themselves() {
        let engine = engine();
        let options = SearchOptions {
            all_versions: true,
            ..SearchOptions::default()
        };
        let results = engine.search("散布他人隐私", &options).expect("search");
        let old = results
            .hits
            .iter()
            .find(|h| h.statute_id == "测试法@2012")
            .unwrap_or_else(|| panic!("2012 version missing: {:?}", ids(&results)));
        assert!(!old.in_force, "2012 version must say it is not in force");
        assert_eq!(old.citation, "《中华人民共和国测试法》（2012年修正）第二条");
    }

    #[test]
    fn a_quoted_phrase_matches_across_word_boundaries() {
        let engine = engine();
        let results = engine
            .search("\"管理行为\"", &SearchOptions::default())
            .expect("search");
        assert_eq!(ids(&results), vec!["测试法@2025:2"], "{results:#?}");
        let hit = &results.hits[0];
        let highlighted: Vec<String> = hit
            .highlights
            .iter()
            .map(|&(a, b)| hit.snippet.chars().skip(a).take(b - a).collect())
            .collect();
        assert_eq!(
            highlighted.first().map(String::as_str),
            Some("管理行为"),
            "{hit:#?}"
        );
        // The phrase is required; when no article has it, the words still
        // rank, and the message says the phrase was not found.
        let apart = engine
            .search("\"行为管理\"", &SearchOptions::default())
            .expect("search");
        assert!(
            apart
                .message
                .as_deref()
                .is_some_and(|m| m.contains("没有条文同时包含")),
            "a phrase found nowhere must be reported: {apart:#?}"
        );
        // In a sentence the quotes mark a so-called: the phrase ranks but is
        // not required, so nothing needs reporting.
        let sentence = engine
            .search("这种“行为管理”，违法吗？", &SearchOptions::default())
            .expect("search");
        assert!(!sentence.hits.is_empty(), "{sentence:#?}");
        assert_eq!(sentence.message, None, "{sentence:#?}");
    }

    #[test]
    fn sentences_are_told_from_searches_by_their_punctuation() {
        for (text, sentence) in [
            ("说是 服务费 ，让我还一万", true),
            ("合理吗？", true),
            ("散布他人隐私 拘留", false),
            ("", false),
        ] {
            assert_eq!(reads_as_sentence(text), sentence, "{text:?}");
        }
    }

    #[test]
    fn exclusion_and_law_filter() {
        let engine = engine();
        let all = engine
            .search("测试", &SearchOptions::default())
            .expect("search");
        assert!(
            ids(&all).contains(&"测试法@2025:3".to_string()),
            "{:?}",
            ids(&all)
        );
        let without = engine
            .search("测试 -罚款", &SearchOptions::default())
            .expect("search");
        assert!(
            !ids(&without).contains(&"测试法@2025:3".to_string()),
            "-罚款 should drop article 3: {:?}",
            ids(&without)
        );
        let convention = engine
            .search("law:示例公约 测试", &SearchOptions::default())
            .expect("search");
        assert_eq!(ids(&convention), vec!["示例公约@2018:13"], "law: filter");
        assert!(convention.hits[0].partial, "the convention is partial");
        let options = SearchOptions {
            laws: vec!["示例公约".to_string()],
            ..SearchOptions::default()
        };
        let by_option = engine.search("测试", &options).expect("search");
        assert_eq!(
            ids(&by_option),
            ids(&convention),
            "--law and law: must agree"
        );
        let unknown = engine.search("law:没有这部法 测试", &SearchOptions::default());
        assert!(
            matches!(unknown, Err(Error::UnknownStatute(ref name)) if name == "没有这部法"),
            "unknown law filter: {unknown:?}"
        );
    }

    #[test]
    fn references_jump_to_the_article_or_say_it_is_missing() {
        let engine = engine();
        let found = engine
            .search("测试法 3", &SearchOptions::default())
            .expect("search");
        assert_eq!(found.kind, QueryKind::Reference);
        assert_eq!(ids(&found), vec!["测试法@2025:3"]);
        let missing = engine
            .search("测试法 30", &SearchOptions::default())
            .expect("search");
        assert_eq!(missing.kind, QueryKind::Reference);
        assert!(missing.hits.is_empty(), "missing article returned hits");
        assert_eq!(missing.message.as_deref(), Some("测试法共4条，没有第30条"));
        assert!(!missing.suggestions.is_empty(), "suggestions expected");
    }

    #[test]
    fn hostile_input_never_fails() {
        let engine = engine();
        let long = "隐私".repeat(MAX_QUERY_CHARS / 2);
        let cases = [
            "",
            "   ",
            "，。！？",
            "\"",
            "“未闭合",
            "（（（",
            "\u{0}\u{1b}[31m隐私\u{7}",
            "AND OR NOT : ^ ~ * ( ) [ ] { }",
            "title:隐私 +-&&||",
            "隐私 privacy プライバシー 사생활 🙂",
            long.as_str(),
        ];
        for query in cases {
            let results = engine.search(query, &SearchOptions::default());
            assert!(results.is_ok(), "query {query:.40?} failed: {results:?}");
        }
        let punctuation = engine
            .search("，。！？", &SearchOptions::default())
            .expect("search");
        assert_eq!(
            punctuation.kind,
            QueryKind::Empty,
            "only punctuation is an empty query"
        );
    }

    #[test]
    fn matching_phrases_hold_a_query_word_and_longest_matches_come_first() {
        let phrases: Vec<String> = ["房东卖房", "押金不退", "房东不退押金", "租客", "东西"]
            .map(String::from)
            .to_vec();
        let terms = |words: &[&str]| -> Vec<(String, f32)> {
            words.iter().map(|w| (w.to_string(), 1.0)).collect()
        };
        let text = "出租人应当返还租赁物";
        assert_eq!(
            matching_phrases(&phrases, &terms(&["房东", "押金", "退"]), text),
            ["房东不退押金", "房东卖房", "押金不退"],
            "two query words beat one; ties keep the file's order; a single character never matches"
        );
        assert_eq!(
            matching_phrases(&phrases, &terms(&["东", "退"]), text),
            Vec::<String>::new()
        );
        assert_eq!(
            matching_phrases(&phrases, &terms(&["房东", "押金"]), "房东应当退还押金"),
            Vec::<String>::new(),
            "words the article itself holds need no lay phrase to explain them"
        );
        let many: Vec<String> = (0..10).map(|i| format!("房东{i}")).collect();
        assert_eq!(
            matching_phrases(&many, &terms(&["房东"]), text).len(),
            MAX_LAY_PHRASES
        );
    }

    #[test]
    fn snippets_count_characters() {
        let text = "甲".repeat(100) + "隐私" + &"乙".repeat(100);
        let (snippet, highlights) = snippet(&text, &["隐私".to_string()], 20);
        assert_eq!(
            snippet.chars().count(),
            22,
            "20 characters plus two ellipses: {snippet}"
        );
        assert_eq!(highlights.len(), 1, "{highlights:?}");
        let (a, b) = highlights[0];
        let marked: String = snippet.chars().skip(a).take(b - a).collect();
        assert_eq!(
            marked, "隐私",
            "highlight range {highlights:?} in {snippet}"
        );
        let (short, _) = snippet_of("短文", 20);
        assert_eq!(short, "短文", "a short text is shown whole");
    }

    #[test]
    fn snippet_prefers_a_long_match_to_scattered_short_ones() {
        // Four scattered 甲乙 near the start, one 丙丁戊己庚辛 far away.
        let text = "甲乙子".repeat(4) + &"子".repeat(80) + "丙丁戊己庚辛" + &"子".repeat(20);
        let terms = ["丙丁戊己庚辛".to_string(), "甲乙".to_string()];
        let (snippet, highlights) = snippet(&text, &terms, 20);
        assert!(
            snippet.contains("丙丁戊己庚辛"),
            "the window should hold the long match: {snippet} {highlights:?}"
        );
    }

    fn snippet_of(text: &str, max: usize) -> (String, Vec<(usize, usize)>) {
        snippet(text, &[], max)
    }
}
