//! Integration tests: one binary, modules listed here.

/// The TUI's screens on the real corpus (TestBackend snapshots).
mod tui;
