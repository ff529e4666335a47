//! Integration tests: one binary driving the real `fatiao` executable.
//!
//! Every command runs with the user's environment removed and an index in a
//! temp directory (never ./index).

/// Copying under tmux's defaults (show-buffer), the file fallback, the list kept between sessions.
mod clipboard;
/// The JSON contract: every command's JSON validated against docs/fatiao.schema.json.
mod contract;
/// Chinese help, hidden developer commands, --color, completions, man, --version, suggestions.
mod conventions;
/// `fatiao letter`: text, Markdown, .docx read back with pandoc, templates, --marked.
mod documents;
/// Index build, rebuild of a corrupt index, unwritable locations, concurrency.
mod index;
/// Citation styles and letters, `verify`, the PSAPL correspondence, cross-references.
mod letters;
/// Several references at once, old-numbering notices, item quotations (issue 15).
mod lists;
/// `fatiao mcp` as a child process: the protocol, every tool, malformed input.
mod mcp;
/// JSON and JSONL shape, exit codes, colour, laws.
mod output;
/// Article references in every form, missing articles, show and cite.
mod references;
/// Lay questions, expansions shown and turned off, `fatiao eval`.
mod relevance;
/// Issue 17: damaged indexes, bounds, bad batch lines, signals in batches, terminal safety.
mod reliability;
/// Free-text ranking, phrases, exclusion, law filter, versions, hostile input.
mod search;
/// The sixth round's statutes: kinds, 之X and deleted articles, the 批复, notes and appendices.
mod statutes;
/// The TUI's screens on the real corpus (TestBackend snapshots).
mod tui;
/// The TUI through the real binary: no terminal; in tmux, type, read, copy (OSC 52), quit.
mod tui_binary;
mod util;
/// `verify` input: GBK, `.docx`, dates in every form, 款/项 carried across (issue 15).
mod verify_input;
