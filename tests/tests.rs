//! Integration tests: one binary driving the real `fatiao` executable.
//!
//! Every command runs with the user's environment removed and an index in a
//! temp directory (never ./index).

/// Index build, rebuild of a corrupt index, unwritable locations, concurrency.
mod index;
/// JSON and JSONL shape, exit codes, colour, laws.
mod output;
/// Article references in every form, missing articles, show and cite.
mod references;
/// Lay questions, expansions shown and turned off, `fatiao eval`.
mod relevance;
/// Free-text ranking, phrases, exclusion, law filter, versions, hostile input.
mod search;
mod util;
