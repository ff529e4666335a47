//! fatiao (法条): offline search of Chinese statutes with exact citations.
//!
//! The library holds everything but the command line: the statute corpus
//! and its file format, the Tantivy index with a jieba tokenizer, query
//! understanding and ranking, article references and citations, and the
//! TUI's state and drawing ([`tui`]; the binary only adds clap).

pub mod cite;
pub mod contract;
pub mod corpus;
pub mod correspondence;
pub mod document;
pub mod error;
pub mod eval;
pub mod expand;
pub mod index;
pub mod rank;
pub mod reference;
pub mod renumber;
pub mod sanitize;
pub mod search;
pub mod signals;
pub mod suggest;
pub mod tokenizer;
pub mod tui;
pub mod verify;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod test_support;

pub use corpus::{Article, ArticleNo, Corpus, Statute};
pub use error::{Error, Result};
pub use index::{IndexLocation, SearchIndex, open_or_build};
pub use search::{Engine, Hit, SearchOptions, SearchResults};
