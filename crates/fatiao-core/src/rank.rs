//! Ranking of free-text queries: weighted BM25 over words, fused with
//! characters, the article's section and the article's opening.
//!
//! Tantivy's own BM25 fixes k1 and b and weighs every term of a boolean query
//! alike. fatiao's queries are not alike: a user's word counts more than a
//! word added by lay-to-legal expansion, and a lone character left over from a
//! word the corpus does not know counts less. Lay questions also miss the
//! statute's words, so [`RankQuery`] adds evidence that does not depend on
//! word segmentation or on one article alone: a BM25 over single characters,
//! a score for the whole section the article sits in, and a score for the
//! article's opening characters, where the article names its subject.
//! [`RankQuery`] is a Tantivy [`Query`], so the rest of the search (phrases,
//! pairs, filters, exclusions, top-k) is unchanged.
//!
//! A second stage ([`Coverage`]) re-scores the first stage's best articles by
//! how much of the question each holds: the idf-weighted share of the query's
//! words and of the question's adjacent character pairs. BM25 favours an
//! article that repeats one rare query word; coverage favours the neighbour
//! that answers more of the question.
//!
//! The knobs live in [`Tuning`]; their defaults are the values measured best
//! on the development questions (see `benches/RELEVANCE.md`), and
//! `fatiao eval --set name=value` tries others without recompiling.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use tantivy::postings::Postings;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::split_key;

/// Ranking and expansion knobs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25 length normalisation (0 = none, 1 = full).
    pub b: f32,
    /// Weight of a match in the heading titles relative to one in the text.
    pub path_weight: f32,
    /// Weight of a term added by lay-to-legal expansion.
    pub expansion_weight: f32,
    /// How many characters a lay word of three or more may have inserted at
    /// one point and still match (see [`crate::expand::Lexicon::legal_terms_for`]).
    pub lay_gap: f32,
    /// Weight of a single-character query token (usually the remains of a
    /// word the corpus does not contain).
    pub char_weight: f32,
    /// Weight of a query word that is part of a longer query word (经营 of
    /// 土地承包经营权).
    pub subword_weight: f32,
    /// Exponent of the coverage factor: the score is multiplied by
    /// (share of the query's idf-weighted terms the article matches) ^ this.
    pub coverage: f32,
    /// Weight of the single-character BM25 (over the `text_chars` field)
    /// fused with the word BM25: it matches what word segmentation misses.
    pub char_fusion: f32,
    /// Weight of the section score: how well the query matches the whole
    /// section (节, else 章) the article is in, as a share of the best
    /// article score. Articles on a topic sit together, and a question's
    /// words are often spread over several of them.
    pub section: f32,
    /// Weight of the characters' BM25 over the opening of each article (its
    /// first [`Tuning::lead_chars`] characters), where the civil-law style
    /// names the article's subject (保证期间是…, 承租人…).
    pub lead: f32,
    /// How many characters count as an article's opening.
    pub lead_chars: f32,
    /// Weight of a pair of adjacent query words found adjacent in the text.
    pub pair: f32,
    /// Weight of an unbroken run of the question found verbatim in the text.
    pub exact: f32,
    /// Seek expansion terms of several words as phrases (see [`crate::expand`]).
    pub expansion_phrases: bool,
    /// Drop question words and particles from the query (see [`crate::expand`]).
    pub drop_fillers: bool,
    /// Exponent on every word's idf: above 1, rare topical words count more
    /// against words found in many articles (责任, 应当).
    pub idf_power: f32,
    /// How many of the best articles the second stage re-ranks.
    pub rerank_depth: f32,
    /// Re-rank weight of the best clause (split at 。；：and line ends): the
    /// idf-weighted share of the query's words it holds.
    pub clause: f32,
    /// Re-rank weight of the whole article's idf-weighted share of the query's words.
    pub cover: f32,
    /// Re-rank weight of the best clause's share of the question's adjacent
    /// character pairs (weighted by their characters' idf).
    pub clause_bigrams: f32,
    /// Re-rank weight of the whole article's share of those pairs.
    pub cover_bigrams: f32,
    /// Re-rank bonus of an article that opens its part (节, else 章; see
    /// [`crate::corpus::Statute::opens_part`]), in units of the best
    /// first-stage score.
    pub opener: f32,
    /// Extra opener bonus when the question asks what something is, which
    /// kinds there are or how two things differ.
    pub opener_what: f32,
    /// Weight of the BM25 over the articles' lay phrases
    /// ([`crate::corpus::phrases`]) relative to the statute's text.
    pub phrases: f32,
    /// Weight, in the lay-phrase BM25, of a term added by expansion relative
    /// to one the user typed (the phrases are lay words; the expansions legal ones).
    pub phrase_expansions: f32,
    /// Count the articles' lay phrases as part of their text in the
    /// re-rank's coverage: an article found by its phrases is not then
    /// pushed down for holding few of the question's words itself.
    pub phrase_cover: bool,
    /// Penalty, in units of the re-rank score, for each article of the same
    /// statute already ranked above (see [`crate::signals::diversify`]): the
    /// best article of each statute that answers a question comes before the
    /// third or fourth of one statute. 0 turns it off.
    pub diversity: f32,
    /// Diversity applies to lay questions only: those with at least this
    /// many characters of text (letters, digits, CJK). A keyword search
    /// (隐私, 催收 骚扰 亲友) keeps the plain ranking.
    pub diversity_min_chars: f32,
    /// How much of a scene entry's weight (the vocabulary's third column)
    /// also applies to the user's own words that make up its lay word: 1
    /// scales them as the entry's legal terms are scaled, 0 leaves them at
    /// full weight. 催收 in 催收泼油漆 says who acted, not what was done.
    pub scene: f32,
    /// Read amounts of money as 钱 when matching lay words (借了我三万 holds
    /// 借了钱; see [`crate::expand::amounts_as_money`]).
    pub amounts: bool,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            k1: 1.2,
            b: 0.75,
            path_weight: 0.5,
            expansion_weight: 0.6,
            lay_gap: 2.0,
            char_weight: 0.5,
            subword_weight: 1.0,
            coverage: 0.0,
            char_fusion: 0.2,
            section: 0.4,
            lead: 0.4,
            lead_chars: 15.0,
            pair: 0.4,
            exact: 1.0,
            expansion_phrases: true,
            drop_fillers: true,
            idf_power: 1.0,
            rerank_depth: 20.0,
            clause: 0.0,
            cover: 0.2,
            clause_bigrams: 0.0,
            cover_bigrams: 0.3,
            opener: 0.0,
            opener_what: 0.4,
            phrases: 1.2,
            phrase_expansions: 0.5,
            phrase_cover: true,
            diversity: 0.1,
            diversity_min_chars: 8.0,
            scene: 1.0,
            amounts: true,
        }
    }
}

impl Tuning {
    /// Names accepted by [`Tuning::set`].
    pub const NAMES: &'static [&'static str] = &[
        "k1",
        "b",
        "path_weight",
        "expansion_weight",
        "lay_gap",
        "char_weight",
        "subword_weight",
        "coverage",
        "char_fusion",
        "section",
        "lead",
        "lead_chars",
        "pair",
        "exact",
        "expansion_phrases",
        "drop_fillers",
        "idf_power",
        "rerank_depth",
        "clause",
        "cover",
        "clause_bigrams",
        "cover_bigrams",
        "opener",
        "opener_what",
        "phrases",
        "phrase_expansions",
        "phrase_cover",
        "diversity",
        "diversity_min_chars",
        "scene",
        "amounts",
    ];

    /// The largest value a knob takes: weights far past it only overflow
    /// scores, and `rerank_depth` is a number of articles.
    pub const MAX_KNOB: f32 = 1000.0;

    /// Set one knob from `name=value` (a number from 0 to [`Tuning::MAX_KNOB`]).
    pub fn set(&mut self, assignment: &str) -> Result<()> {
        let bad = |why: &str| {
            Error::BadQuery(format!(
                "{why}: {assignment:?}; expected name=value with name one of {}",
                Tuning::NAMES.join(", ")
            ))
        };
        let (name, value) = assignment.split_once('=').ok_or_else(|| bad("no `=`"))?;
        let flag = match name.trim() {
            "drop_fillers" => Some(&mut self.drop_fillers),
            "expansion_phrases" => Some(&mut self.expansion_phrases),
            "phrase_cover" => Some(&mut self.phrase_cover),
            "amounts" => Some(&mut self.amounts),
            _ => None,
        };
        if let Some(flag) = flag {
            *flag = match value.trim() {
                "1" | "true" | "on" => true,
                "0" | "false" | "off" => false,
                _ => return Err(bad("expected 1 or 0")),
            };
            return Ok(());
        }
        let value: f32 = value.trim().parse().map_err(|_| bad("not a number"))?;
        if !value.is_finite() || !(0.0..=Tuning::MAX_KNOB).contains(&value) {
            return Err(bad(&format!(
                "must be a number from 0 to {}",
                Tuning::MAX_KNOB
            )));
        }
        let slot = match name.trim() {
            "k1" => &mut self.k1,
            "b" => &mut self.b,
            "path_weight" => &mut self.path_weight,
            "expansion_weight" => &mut self.expansion_weight,
            "lay_gap" => &mut self.lay_gap,
            "char_weight" => &mut self.char_weight,
            "subword_weight" => &mut self.subword_weight,
            "coverage" => &mut self.coverage,
            "char_fusion" => &mut self.char_fusion,
            "section" => &mut self.section,
            "lead" => &mut self.lead,
            "lead_chars" => &mut self.lead_chars,
            "pair" => &mut self.pair,
            "exact" => &mut self.exact,
            "idf_power" => &mut self.idf_power,
            "rerank_depth" => &mut self.rerank_depth,
            "clause" => &mut self.clause,
            "cover" => &mut self.cover,
            "clause_bigrams" => &mut self.clause_bigrams,
            "cover_bigrams" => &mut self.cover_bigrams,
            "opener" => &mut self.opener,
            "opener_what" => &mut self.opener_what,
            "phrases" => &mut self.phrases,
            "phrase_expansions" => &mut self.phrase_expansions,
            "diversity" => &mut self.diversity,
            "diversity_min_chars" => &mut self.diversity_min_chars,
            "scene" => &mut self.scene,
            _ => return Err(bad("unknown knob")),
        };
        *slot = value;
        Ok(())
    }
}

/// Which section (节, else 章, else the statute) each article is in, for the
/// section score. Built once per corpus.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    /// Statute index → article index → section id.
    ids: Vec<Vec<u32>>,
    count: usize,
}

impl Sections {
    /// Group the articles of `corpus` by statute and full heading path.
    pub fn of(corpus: &Corpus) -> Sections {
        let mut seen: HashMap<(usize, &[usize]), u32> = HashMap::new();
        let mut ids = Vec::with_capacity(corpus.statutes.len());
        for (s, statute) in corpus.statutes.iter().enumerate() {
            let mut of_statute: Vec<u32> = Vec::with_capacity(statute.articles.len());
            for (a, article) in statute.articles.iter().enumerate() {
                // Neighbours mostly share their place: no hashing for them.
                if a > 0 && statute.articles[a - 1].path == article.path {
                    of_statute.push(of_statute[a - 1]);
                    continue;
                }
                let next = seen.len() as u32;
                of_statute.push(*seen.entry((s, article.path.as_slice())).or_insert(next));
            }
            ids.push(of_statute);
        }
        Sections {
            ids,
            count: seen.len(),
        }
    }

    /// The section of the article with this index `key` (see [`crate::index::article_key`]).
    fn of_key(&self, key: u64) -> Option<u32> {
        let (s, a) = split_key(key);
        self.ids.get(s)?.get(a).copied()
    }
}

/// A disjunction of weighted words, each sought in several weighted fields,
/// scored with BM25 (k1 and b from [`Tuning`]), optionally fused with a
/// single-character BM25 and a section score, times a coverage factor.
#[derive(Debug, Clone)]
pub struct RankQuery {
    /// (word, weight)
    words: Vec<(String, f32)>,
    /// (field, weight); coverage and sections use the first field.
    fields: Vec<(Field, f32)>,
    /// Characters of the query and the field they are sought in.
    chars: Option<(Field, Vec<String>)>,
    sections: Option<Arc<Sections>>,
    tuning: Tuning,
}

impl RankQuery {
    pub fn new(words: Vec<(String, f32)>, fields: Vec<(Field, f32)>, tuning: Tuning) -> RankQuery {
        RankQuery {
            words,
            fields,
            chars: None,
            sections: None,
            tuning,
        }
    }

    /// Fuse a BM25 over single characters in `field` (weight [`Tuning::char_fusion`]).
    pub fn with_chars(mut self, field: Field, chars: Vec<String>) -> RankQuery {
        self.chars = Some((field, chars));
        self
    }

    /// Add the section score (weight [`Tuning::section`]).
    pub fn with_sections(mut self, sections: Arc<Sections>) -> RankQuery {
        self.sections = Some(sections);
        self
    }
}

/// A word in one field, with its corpus statistics.
#[derive(Clone)]
struct FieldTerm {
    term: Term,
    field: Field,
    /// Word weight times field weight.
    weight: f32,
    idf: f32,
    average_length: f32,
}

/// A word with its terms in every field.
#[derive(Clone)]
struct WordTerms {
    terms: Vec<FieldTerm>,
    /// Word weight times idf in the first field: its share of the query.
    coverage_weight: f32,
    /// Word weight.
    weight: f32,
}

/// `text` as a term of `field`, with its idf and the field's average length.
fn field_term(
    scoring: &EnableScoring<'_>,
    field: Field,
    text: &str,
    weight: f32,
) -> tantivy::Result<FieldTerm> {
    let term = Term::from_field_text(field, text);
    let (idf, average_length) = match scoring {
        EnableScoring::Enabled {
            statistics_provider,
            ..
        } => {
            let docs = statistics_provider.total_num_docs()?.max(1);
            let tokens = statistics_provider.total_num_tokens(field)?;
            let df = statistics_provider.doc_freq(&term)?.min(docs);
            (idf(df, docs), (tokens as f32 / docs as f32).max(1.0))
        }
        EnableScoring::Disabled { .. } => (1.0, 1.0),
    };
    Ok(FieldTerm {
        term,
        field,
        weight,
        idf,
        average_length,
    })
}

impl RankQuery {
    fn rank_weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<RankWeight> {
        let mut words = Vec::with_capacity(self.words.len());
        let idf_power = self.tuning.idf_power;
        for (word, word_weight) in &self.words {
            let terms = self
                .fields
                .iter()
                .map(|&(field, field_weight)| {
                    let mut t = field_term(&scoring, field, word, word_weight * field_weight)?;
                    if idf_power != 1.0 {
                        t.idf = t.idf.powf(idf_power);
                    }
                    Ok(t)
                })
                .collect::<tantivy::Result<Vec<_>>>()?;
            let coverage_weight = terms.first().map_or(0.0, |t| word_weight * t.idf);
            words.push(WordTerms {
                terms,
                coverage_weight,
                weight: *word_weight,
            });
        }
        let mut chars = Vec::new();
        if let Some((field, texts)) = &self.chars
            && (self.tuning.char_fusion > 0.0 || self.tuning.lead > 0.0)
        {
            for text in texts {
                chars.push(field_term(&scoring, *field, text, self.tuning.char_fusion)?);
            }
        }
        Ok(RankWeight {
            words,
            chars,
            sections: self.sections.clone().filter(|_| self.tuning.section > 0.0),
            tuning: self.tuning,
        })
    }

    /// This query's score of the article at `address`, part by part: the
    /// words' BM25 (text and headings), the characters', the opening's and
    /// the section's, named as [`crate::signals::Signal`]s. They add up to
    /// the score the query gives. For `--explain`; it scores the whole
    /// segment four times.
    pub fn parts(
        &self,
        searcher: &tantivy::Searcher,
        address: tantivy::DocAddress,
    ) -> tantivy::Result<Vec<(&'static str, f32)>> {
        let full = self.rank_weight(EnableScoring::enabled_from_searcher(searcher))?;
        let reader = searcher.segment_reader(address.segment_ord);
        let at = |weight: &RankWeight| -> tantivy::Result<f32> {
            Ok(weight
                .scores(reader)?
                .get(address.doc_id as usize)
                .copied()
                .unwrap_or(0.0))
        };
        let total = at(&full)?;
        let mut no_section = full.clone();
        no_section.sections = None;
        let base = at(&no_section)?;
        let mut no_lead = no_section.clone();
        no_lead.tuning.lead = 0.0;
        let words_chars = at(&no_lead)?;
        let mut words_only = no_lead;
        for t in &mut words_only.chars {
            t.weight = 0.0;
        }
        let words = at(&words_only)?;
        Ok(vec![
            ("words", words),
            ("chars", words_chars - words),
            ("lead", base - words_chars),
            ("section", total - base),
        ])
    }
}

impl Query for RankQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.rank_weight(scoring)?))
    }

    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {}
}

/// A query word or character pair for the second-stage re-rank, weighted by
/// its query weight times its idf.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageTerm {
    /// The word or pair, normalised as article text is.
    pub text: String,
    /// Query weight times idf.
    pub weight: f32,
}

/// Share of `terms`' weight found in `text`, in 0..=1.
fn share(text: &str, terms: &[CoverageTerm]) -> f32 {
    let total: f32 = terms.iter().map(|t| t.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let found: f32 = terms
        .iter()
        .filter(|t| text.contains(t.text.as_str()))
        .map(|t| t.weight)
        .sum();
    (found / total).min(1.0)
}

/// Where a clause ends: sentence ends, semicolons, colons and line ends
/// (paragraphs and items).
const CLAUSE_ENDS: &[char] = &['。', '；', '：', '？', '！', '\n', ';', ':', '?', '!'];

/// Best share of `terms` in one clause of `text`.
fn best_clause_share(text: &str, terms: &[CoverageTerm]) -> f32 {
    text.split(CLAUSE_ENDS)
        .map(|clause| share(clause, terms))
        .fold(0.0, f32::max)
}

/// The query as the second stage sees it: its words (user's and expansions')
/// and the adjacent character pairs of the question, each weighted by idf.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// The query's words, the corpus never uses left out.
    pub words: Vec<CoverageTerm>,
    /// The question's adjacent character pairs.
    pub bigrams: Vec<CoverageTerm>,
}

impl Coverage {
    /// The re-rank score of an article with first-stage score `score` (the
    /// best candidate has `best`) and normalised text `text`: the first-stage
    /// score as a share of the best one, plus, weighted by [`Tuning`], the
    /// shares of the query's idf-weighted words and character pairs the
    /// article holds (whole, and in its best clause). BM25 rewards an article
    /// that repeats a few query words; these reward one that holds more of
    /// the question, which separates neighbouring articles of one topic.
    pub fn rerank_score(&self, tuning: &Tuning, score: f32, best: f32, text: &str) -> f32 {
        let first_stage = if best > 0.0 { score / best } else { 0.0 };
        first_stage
            + self
                .rerank_parts(tuning, text)
                .iter()
                .map(|(_, v)| v)
                .sum::<f32>()
    }

    /// What the re-rank adds to the first-stage share, signal by signal
    /// (named as [`Tuning`]'s knobs): only the signals whose weight is set.
    pub fn rerank_parts(&self, tuning: &Tuning, text: &str) -> Vec<(&'static str, f32)> {
        let mut parts = Vec::with_capacity(2);
        if tuning.cover > 0.0 {
            parts.push(("cover", tuning.cover * share(text, &self.words)));
        }
        if tuning.cover_bigrams > 0.0 {
            parts.push((
                "cover_bigrams",
                tuning.cover_bigrams * share(text, &self.bigrams),
            ));
        }
        if tuning.clause > 0.0 {
            parts.push((
                "clause",
                tuning.clause * best_clause_share(text, &self.words),
            ));
        }
        if tuning.clause_bigrams > 0.0 {
            parts.push((
                "clause_bigrams",
                tuning.clause_bigrams * best_clause_share(text, &self.bigrams),
            ));
        }
        parts
    }
}

impl Tuning {
    /// True when the second-stage re-rank changes anything.
    pub fn reranks(&self) -> bool {
        self.rerank_depth >= 2.0
            && (self.cover > 0.0
                || self.diversity > 0.0
                || self.cover_bigrams > 0.0
                || self.clause > 0.0
                || self.clause_bigrams > 0.0
                || self.opener > 0.0
                || self.opener_what > 0.0)
    }
}

/// BM25's idf, as Tantivy computes it.
pub fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

#[derive(Clone)]
struct RankWeight {
    words: Vec<WordTerms>,
    chars: Vec<FieldTerm>,
    sections: Option<Arc<Sections>>,
    tuning: Tuning,
}

/// Per-section sums for the section score.
struct SectionStats {
    /// Section of each document of the segment.
    of_doc: Vec<Option<u32>>,
    /// Total text length of each section.
    length: Vec<f32>,
    average_length: f32,
}

impl RankWeight {
    /// Call `f(doc, term frequency, field length)` for every document holding `t`.
    fn for_each_posting(
        reader: &SegmentReader,
        t: &FieldTerm,
        mut f: impl FnMut(usize, f32, f32),
    ) -> tantivy::Result<()> {
        let inverted = reader.inverted_index(t.field)?;
        let Some(mut postings) = inverted.read_postings(&t.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(());
        };
        let norms = reader.get_fieldnorms_reader(t.field)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let tf = postings.term_freq() as f32;
            f(doc as usize, tf, norms.fieldnorm(doc) as f32);
            doc = postings.advance();
        }
        Ok(())
    }

    fn bm25(&self, t: &FieldTerm, tf: f32, length: f32, average_length: f32) -> f32 {
        let Tuning { k1, b, .. } = self.tuning;
        t.weight * t.idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * length / average_length))
    }

    fn section_stats(
        &self,
        reader: &SegmentReader,
        sections: &Sections,
    ) -> tantivy::Result<Option<SectionStats>> {
        let Some(text_field) = self
            .words
            .first()
            .and_then(|w| w.terms.first())
            .map(|t| t.field)
        else {
            return Ok(None);
        };
        let keys = reader.fast_fields().u64("key")?;
        let norms = reader.get_fieldnorms_reader(text_field)?;
        let mut of_doc = Vec::with_capacity(reader.max_doc() as usize);
        let mut length = vec![0.0; sections.count];
        for doc in 0..reader.max_doc() {
            let section = keys.first(doc).and_then(|k| sections.of_key(k));
            if let Some(s) = section {
                length[s as usize] += norms.fieldnorm(doc) as f32;
            }
            of_doc.push(section);
        }
        let average_length = (length.iter().sum::<f32>() / sections.count.max(1) as f32).max(1.0);
        Ok(Some(SectionStats {
            of_doc,
            length,
            average_length,
        }))
    }

    /// The characters' BM25 over each article's opening: its first
    /// `lead_chars` characters taken as a short document of their own, with
    /// their own document frequencies.
    fn add_lead_scores(&self, reader: &SegmentReader, scores: &mut [Score]) -> tantivy::Result<()> {
        let lead = self.tuning.lead_chars.max(1.0);
        let Some(field) = self.chars.first().map(|t| t.field) else {
            return Ok(());
        };
        let norms = reader.get_fieldnorms_reader(field)?;
        let docs = reader.max_doc();
        let lengths: Vec<f32> = (0..docs)
            .map(|d| (norms.fieldnorm(d) as f32).min(lead))
            .collect();
        let average = (lengths.iter().sum::<f32>() / docs.max(1) as f32).max(1.0);
        let inverted = reader.inverted_index(field)?;
        let mut positions = Vec::new();
        let mut in_lead: Vec<(usize, f32)> = Vec::new();
        for t in &self.chars {
            let Some(mut postings) =
                inverted.read_postings(&t.term, IndexRecordOption::WithFreqsAndPositions)?
            else {
                continue;
            };
            in_lead.clear();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                postings.positions(&mut positions);
                let tf = positions.iter().filter(|&&p| (p as f32) < lead).count();
                if tf > 0 {
                    in_lead.push((doc as usize, tf as f32));
                }
                doc = postings.advance();
            }
            let lead_term = FieldTerm {
                idf: idf(in_lead.len() as u64, u64::from(docs)),
                weight: self.tuning.lead,
                ..t.clone()
            };
            for &(i, tf) in &in_lead {
                scores[i] += self.bm25(&lead_term, tf, lengths[i], average);
            }
        }
        Ok(())
    }

    /// Score of every document of the segment (0 for those matching nothing).
    fn scores(&self, reader: &SegmentReader) -> tantivy::Result<Vec<Score>> {
        let max_doc = reader.max_doc() as usize;
        let mut scores = vec![0.0; max_doc];
        let mut covered = vec![0.0; max_doc];
        // The last word that counted towards a document's coverage, so that a
        // word found in two fields counts once.
        let mut last_word = vec![usize::MAX; max_doc];
        let total: f32 = self.words.iter().map(|w| w.coverage_weight).sum();
        let stats = match &self.sections {
            Some(sections) => self.section_stats(reader, sections)?,
            None => None,
        };
        let section_count = self.sections.as_ref().map_or(0, |s| s.count);
        let mut section_scores = vec![0.0; section_count];
        let mut section_tf = vec![0.0; section_count];
        for (w, word) in self.words.iter().enumerate() {
            for (f, t) in word.terms.iter().enumerate() {
                let in_text = f == 0 && stats.is_some();
                Self::for_each_posting(reader, t, |i, tf, length| {
                    scores[i] += self.bm25(t, tf, length, t.average_length);
                    if last_word[i] != w {
                        last_word[i] = w;
                        covered[i] += word.coverage_weight;
                    }
                    if in_text && let Some(Some(s)) = stats.as_ref().map(|st| st.of_doc[i]) {
                        section_tf[s as usize] += tf;
                    }
                })?;
                if in_text && let Some(st) = &stats {
                    // The section is one document: its tf is the sum of its
                    // articles', its idf counts sections.
                    let holding = section_tf.iter().filter(|&&tf| tf > 0.0).count() as u64;
                    let section_term = FieldTerm {
                        idf: idf(holding.min(section_count as u64), section_count as u64),
                        weight: word.weight,
                        ..t.clone()
                    };
                    for (s, tf) in section_tf.iter_mut().enumerate() {
                        if *tf > 0.0 {
                            section_scores[s] +=
                                self.bm25(&section_term, *tf, st.length[s], st.average_length);
                            *tf = 0.0;
                        }
                    }
                }
            }
        }
        for t in self.chars.iter().filter(|t| t.weight > 0.0) {
            Self::for_each_posting(reader, t, |i, tf, length| {
                scores[i] += self.bm25(t, tf, length, t.average_length);
            })?;
        }
        if self.tuning.lead > 0.0 && !self.chars.is_empty() {
            self.add_lead_scores(reader, &mut scores)?;
        }
        let exponent = self.tuning.coverage;
        if exponent > 0.0 && total > 0.0 {
            for (score, covered) in scores.iter_mut().zip(&covered) {
                *score *= (covered / total).min(1.0).powf(exponent);
            }
        }
        if let Some(st) = &stats {
            let best_article = scores.iter().copied().fold(0.0, f32::max);
            let best_section = section_scores.iter().copied().fold(0.0, f32::max);
            if best_section > 0.0 {
                let scale = self.tuning.section * best_article / best_section;
                for (i, score) in scores.iter_mut().enumerate() {
                    if *score > 0.0
                        && let Some(s) = st.of_doc[i]
                    {
                        *score += scale * section_scores[s as usize];
                    }
                }
            }
        }
        Ok(scores)
    }
}

impl Weight for RankWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let alive = reader.alive_bitset();
        let docs = self
            .scores(reader)?
            .into_iter()
            .enumerate()
            .filter(|&(doc, score)| score > 0.0 && alive.is_none_or(|a| a.is_alive(doc as DocId)))
            .map(|(doc, score)| (doc as DocId, score * boost))
            .collect();
        Ok(Box::new(ScoredDocs { docs, cursor: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let score = self
            .scores(reader)?
            .get(doc as usize)
            .copied()
            .unwrap_or(0.0);
        if score <= 0.0 {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("fatiao weighted BM25 × coverage", score))
    }
}

/// Documents with precomputed scores, in doc id order.
struct ScoredDocs {
    docs: Vec<(DocId, Score)>,
    cursor: usize,
}

impl DocSet for ScoredDocs {
    fn advance(&mut self) -> DocId {
        if self.cursor < self.docs.len() {
            self.cursor += 1;
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.cursor).map_or(TERMINATED, |&(d, _)| d)
    }

    fn size_hint(&self) -> u32 {
        self.docs.len() as u32
    }
}

impl Scorer for ScoredDocs {
    fn score(&mut self) -> Score {
        self.docs.get(self.cursor).map_or(0.0, |&(_, s)| s)
    }
}

impl fmt::Debug for RankWeight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RankWeight")
            .field("words", &self.words.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexLocation;
    use crate::search::Engine;
    use crate::testing;
    use tantivy::DocAddress;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;

    #[test]
    fn knobs_are_set_by_name() {
        /// assignment, accepted
        const CASES: &[(&str, bool)] = &[
            ("k1=1.5", true),
            ("section = 0", true),
            ("drop_fillers=off", true),
            ("expansion_phrases=1", true),
            ("drop_fillers=maybe", false),
            ("k1", false),
            ("k1=abc", false),
            ("k1=-1", false),
            ("k1=inf", false),
            ("nonsense=1", false),
        ];
        for &(assignment, accepted) in CASES {
            let mut tuning = Tuning::default();
            let result = tuning.set(assignment);
            assert_eq!(result.is_ok(), accepted, "{assignment}: {result:?}");
        }
        let mut tuning = Tuning::default();
        tuning.set("k1=1.5").expect("k1");
        tuning.set("drop_fillers=0").expect("drop_fillers");
        assert_eq!(tuning.k1, 1.5, "k1 was not set");
        assert!(!tuning.drop_fillers, "drop_fillers was not cleared");
    }

    /// With every extra switched off, RankQuery is Tantivy's BM25: the
    /// baseline in benches/RELEVANCE.md depends on it.
    #[test]
    fn plain_settings_reproduce_tantivy_bm25() {
        let corpus = Arc::new(testing::search_corpus());
        let engine = Engine::open(corpus, &IndexLocation::InMemory).expect("engine");
        let index = engine.index();
        let searcher = index.reader.searcher();
        let plain = Tuning {
            char_fusion: 0.0,
            section: 0.0,
            lead: 0.0,
            ..Tuning::default()
        };
        for word in ["隐私", "测试", "罚款"] {
            let ours = RankQuery::new(
                vec![(word.to_string(), 1.0)],
                vec![(index.fields.text, 1.0)],
                plain,
            );
            let theirs = TermQuery::new(
                Term::from_field_text(index.fields.text, word),
                IndexRecordOption::WithFreqs,
            );
            let top = |q: &dyn Query| -> Vec<(f32, DocAddress)> {
                searcher
                    .search(q, &TopDocs::with_limit(10).order_by_score())
                    .expect("search")
            };
            let (a, b) = (top(&ours), top(&theirs));
            assert!(!a.is_empty(), "{word} should match the test corpus");
            assert_eq!(a.len(), b.len(), "{word}: same documents");
            for ((sa, da), (sb, db)) in a.iter().zip(&b) {
                assert_eq!(da, db, "{word}: same order");
                assert!((sa - sb).abs() < 1e-4, "{word}: score {sa} vs Tantivy {sb}");
            }
        }
    }

    #[test]
    fn sections_group_articles_by_statute_and_heading_path() {
        let corpus = testing::search_corpus();
        let sections = Sections::of(&corpus);
        let of = |s: usize, a: usize| sections.of_key(crate::index::article_key(s, a));
        // 测试法 2025: articles 1–2 under chapter 1, 3–4 under chapter 2.
        assert_eq!(of(0, 0), of(0, 1), "same chapter, same section");
        assert_ne!(of(0, 1), of(0, 2), "different chapters");
        assert_eq!(of(0, 2), of(0, 3), "same chapter, same section");
        // The 2012 version's chapter 1 is a section of its own.
        assert_ne!(of(0, 0), of(1, 0), "another statute version");
        assert_eq!(of(9, 0), None, "no such statute");
    }

    fn terms(list: &[(&str, f32)]) -> Vec<CoverageTerm> {
        list.iter()
            .map(|&(text, weight)| CoverageTerm {
                text: text.to_string(),
                weight,
            })
            .collect()
    }

    #[test]
    fn rerank_adds_weighted_shares_of_the_query_to_the_first_stage_share() {
        let query = Coverage {
            words: terms(&[("测试", 3.0), ("条文", 1.0)]),
            bigrams: terms(&[("甲乙", 1.0)]),
        };
        let only = |name: &str| {
            let mut tuning = Tuning {
                cover: 0.0,
                cover_bigrams: 0.0,
                clause: 0.0,
                clause_bigrams: 0.0,
                ..Tuning::default()
            };
            tuning.set(&format!("{name}=1")).expect("knob");
            tuning
        };
        /// knob, article text, expected score for first-stage 1 of best 2
        const CASES: &[(&str, &str, f32)] = &[
            ("cover", "测试条文。", 1.5),
            ("cover", "测试。条文。", 1.5),
            ("cover", "条文。", 0.75),
            ("cover", "无关。", 0.5),
            ("clause", "测试条文。", 1.5),
            ("clause", "测试。条文。", 1.25),
            ("clause", "条文\n测试", 1.25),
            ("cover_bigrams", "甲乙", 1.5),
            ("cover_bigrams", "甲，乙", 0.5),
            ("clause_bigrams", "甲乙", 1.5),
        ];
        for &(knob, text, expected) in CASES {
            let score = query.rerank_score(&only(knob), 1.0, 2.0, text);
            assert!(
                (score - expected).abs() < 1e-5,
                "{knob} on {text:?}: score {score}, expected {expected}"
            );
        }
        let off = Tuning {
            cover: 0.0,
            cover_bigrams: 0.0,
            opener: 0.0,
            opener_what: 0.0,
            diversity: 0.0,
            ..Tuning::default()
        };
        assert!(!off.reranks(), "no re-rank weight set, yet it re-ranks");
        assert!(Tuning::default().reranks(), "the defaults re-rank");
    }
}
