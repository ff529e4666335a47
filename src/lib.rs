//! fatiao (法条): offline search of Chinese statutes with exact citations.
//!
//! The library holds everything but the terminal front-ends: the statute
//! corpus and its file format, the Tantivy index with a jieba tokenizer,
//! query understanding and ranking, article references and citations.

pub mod corpus;
pub mod error;

pub use corpus::{Article, ArticleNo, Corpus, Statute};
pub use error::{Error, Result};
pub use search::{Hit, SearchOptions, SearchResults};
pub mod cite;
pub mod correspondence;
pub mod reference;
pub mod search;
#[cfg(test)]
mod test_support;
pub mod verify;
