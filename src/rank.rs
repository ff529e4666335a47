//! Ranking of free-text queries: weighted BM25 over the word fields, with a
//! reward for covering more of the query.
//!
//! Tantivy's own BM25 fixes k1 and b and weighs every term of a boolean query
//! alike. fatiao's queries are not alike: a user's word counts more than a
//! word added by lay-to-legal expansion, a lone character left over from a
//! word the corpus does not know counts less, and an article that matches
//! most of the question should beat one that repeats a single rare word.
//! [`RankQuery`] is a Tantivy [`Query`] that scores exactly that way, so the
//! rest of the search (phrases, filters, exclusions, top-k) is unchanged.
//!
//! The knobs live in [`Tuning`]; their defaults are the values measured best
//! on the development questions (see `benches/RELEVANCE.md`), and
//! `fatiao eval --set name=value` tries others without recompiling.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use crate::error::{Error, Result};

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
    /// Weight of a single-character query token (usually the remains of a
    /// word the corpus does not contain).
    pub char_weight: f32,
    /// Exponent of the coverage factor: the score is multiplied by
    /// (share of the query's idf-weighted terms the article matches) ^ this.
    pub coverage: f32,
    /// Drop question words and particles from the query (see [`crate::expand`]).
    pub drop_fillers: bool,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            k1: 1.2,
            b: 0.75,
            path_weight: 0.5,
            expansion_weight: 0.5,
            char_weight: 1.0,
            coverage: 0.0,
            drop_fillers: true,
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
        "char_weight",
        "coverage",
        "drop_fillers",
    ];

    /// Set one knob from `name=value`.
    pub fn set(&mut self, assignment: &str) -> Result<()> {
        let bad = |why: &str| {
            Error::BadQuery(format!(
                "{why}: {assignment:?}; expected name=value with name one of {}",
                Tuning::NAMES.join(", ")
            ))
        };
        let (name, value) = assignment.split_once('=').ok_or_else(|| bad("no `=`"))?;
        if name.trim() == "drop_fillers" {
            self.drop_fillers = match value.trim() {
                "1" | "true" | "on" => true,
                "0" | "false" | "off" => false,
                _ => return Err(bad("expected 1 or 0")),
            };
            return Ok(());
        }
        let value: f32 = value.trim().parse().map_err(|_| bad("not a number"))?;
        if !value.is_finite() || value < 0.0 {
            return Err(bad("must be a finite number ≥ 0"));
        }
        let slot = match name.trim() {
            "k1" => &mut self.k1,
            "b" => &mut self.b,
            "path_weight" => &mut self.path_weight,
            "expansion_weight" => &mut self.expansion_weight,
            "char_weight" => &mut self.char_weight,
            "coverage" => &mut self.coverage,
            _ => return Err(bad("unknown knob")),
        };
        *slot = value;
        Ok(())
    }
}

/// A disjunction of weighted words, each sought in several weighted fields,
/// scored with BM25 (k1 and b from [`Tuning`]) times a coverage factor.
#[derive(Debug, Clone)]
pub struct RankQuery {
    /// (word, weight)
    words: Vec<(String, f32)>,
    /// (field, weight); coverage is measured with the first field's idf.
    fields: Vec<(Field, f32)>,
    tuning: Tuning,
}

impl RankQuery {
    pub fn new(words: Vec<(String, f32)>, fields: Vec<(Field, f32)>, tuning: Tuning) -> RankQuery {
        RankQuery {
            words,
            fields,
            tuning,
        }
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
}

impl Query for RankQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut words = Vec::with_capacity(self.words.len());
        for (word, word_weight) in &self.words {
            let mut terms = Vec::with_capacity(self.fields.len());
            for &(field, field_weight) in &self.fields {
                let term = Term::from_field_text(field, word);
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
                terms.push(FieldTerm {
                    term,
                    field,
                    weight: word_weight * field_weight,
                    idf,
                    average_length,
                });
            }
            let coverage_weight = terms.first().map_or(0.0, |t| word_weight * t.idf);
            words.push(WordTerms {
                terms,
                coverage_weight,
            });
        }
        Ok(Box::new(RankWeight {
            words,
            tuning: self.tuning,
        }))
    }

    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {}
}

/// BM25's idf, as Tantivy computes it.
fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

struct RankWeight {
    words: Vec<WordTerms>,
    tuning: Tuning,
}

impl RankWeight {
    /// Score of every document of the segment (0 for those matching nothing).
    fn scores(&self, reader: &SegmentReader) -> tantivy::Result<Vec<Score>> {
        let max_doc = reader.max_doc() as usize;
        let mut bm25 = vec![0.0; max_doc];
        let mut covered = vec![0.0; max_doc];
        // The last word that counted towards a document's coverage, so that a
        // word found in two fields counts once.
        let mut last_word = vec![usize::MAX; max_doc];
        let total: f32 = self.words.iter().map(|w| w.coverage_weight).sum();
        let Tuning { k1, b, .. } = self.tuning;
        for (w, word) in self.words.iter().enumerate() {
            for t in &word.terms {
                let inverted = reader.inverted_index(t.field)?;
                let Some(mut postings) =
                    inverted.read_postings(&t.term, IndexRecordOption::WithFreqs)?
                else {
                    continue;
                };
                let norms = reader.get_fieldnorms_reader(t.field)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let tf = tantivy::postings::Postings::term_freq(&postings) as f32;
                    let length = norms.fieldnorm(doc) as f32;
                    let saturation = tf + k1 * (1.0 - b + b * length / t.average_length);
                    let i = doc as usize;
                    bm25[i] += t.weight * t.idf * tf * (k1 + 1.0) / saturation;
                    if last_word[i] != w {
                        last_word[i] = w;
                        covered[i] += word.coverage_weight;
                    }
                    doc = postings.advance();
                }
            }
        }
        let exponent = self.tuning.coverage;
        if exponent > 0.0 && total > 0.0 {
            for (score, covered) in bm25.iter_mut().zip(&covered) {
                *score *= (covered / total).min(1.0).powf(exponent);
            }
        }
        Ok(bm25)
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
