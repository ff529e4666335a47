//! The `fatiao` app's library: the TUI, and the core re-exported.
//!
//! The law lives in `fatiao-core` (crates/fatiao-core); this package adds the
//! front-ends: the command line and the MCP server (in the binary, src/main.rs)
//! and the interactive screen ([`tui`], here so that its benches and the
//! integration tests can drive it). The core's modules are re-exported under
//! their own names, so `fatiao::corpus`, `fatiao::search`… name the same
//! items as `fatiao_core::corpus`, `fatiao_core::search`…

#![doc(hidden)]

pub use fatiao_core::{
    Article, ArticleNo, Corpus, Engine, Error, Hit, IndexLocation, Result, SearchIndex,
    SearchOptions, SearchResults, Statute, cite, contract, corpus, correspondence, document, error,
    eval, expand, index, open_or_build, rank, reference, renumber, sanitize, search, signals,
    suggest, tokenizer, verify,
};

pub mod tui;

#[cfg(test)]
use fatiao_core::testing;
