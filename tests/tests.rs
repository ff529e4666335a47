//! Integration tests: one binary, modules listed here.

/// The TUI's screens on the real corpus (TestBackend snapshots).
mod tui;
/// The TUI through the real binary: no terminal; in tmux, type, read, copy (OSC 52), quit.
mod tui_binary;
