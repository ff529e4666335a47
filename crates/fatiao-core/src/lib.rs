//! fatiao-core: the law, and nothing of the front-ends.
//!
//! The statute corpus and its file format ([`corpus`]), the Tantivy index
//! with a vocabulary-restricted jieba tokenizer ([`index`], [`tokenizer`]),
//! query understanding and ranking ([`search`], [`expand`], [`rank`],
//! [`signals`]), article references and citations ([`reference`], [`cite`]),
//! checking a draft's citations ([`verify`]), the correspondence between a
//! statute's versions ([`correspondence`], [`renumber`]), documents
//! ([`document`]) and the JSON contract ([`contract`]).
//!
//! Errors are typed ([`Error`]). This crate cannot name clap, ratatui,
//! crossterm or anyhow: they are not in its manifest. The command line, the
//! TUI and the MCP server are the `fatiao` package at the repository's top.

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
#[doc(hidden)]
pub mod testing;
pub mod tokenizer;
pub mod verify;

#[cfg(test)]
mod properties;

pub use corpus::{Article, ArticleNo, Corpus, Statute};
pub use error::{Error, Result};
pub use index::{IndexLocation, SearchIndex, open_or_build};
pub use search::{Engine, Hit, SearchOptions, SearchResults};
