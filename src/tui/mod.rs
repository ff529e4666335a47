//! The terminal app: search as you type, read the article, copy the citation.
//!
//! State, update and drawing are kept apart, in the ratatui style:
//! - [`app`]: [`App`] holds the state; `handle_key` and `handle_mouse`
//!   update it without touching the terminal, returning an [`Effect`] when the
//!   outside world is needed (copying). Searching goes through the
//!   [`Backend`] trait.
//! - [`ui`]: `impl Widget for &App`, one helper per panel, and [`ui::areas`],
//!   the layout shared by drawing and mouse handling.
//! - [`article`], [`wrap`], [`input`]: the article pane's layout,
//!   display-width wrapping of Chinese text, the query line editor.
//! - [`clipboard`]: tmux, the system clipboard, OSC 52, or a file; also
//!   where exported documents are written.
//! - [`citation_store`]: the marked list kept between sessions.
//! - [`terminal`]: the synchronous event loop on a real terminal, restoring
//!   it on exit, error and panic.

pub mod app;
pub mod article;
pub mod citation_store;
pub mod clipboard;
pub mod input;
pub mod terminal;
pub mod ui;
pub mod wrap;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;

pub use app::{App, Backend, Effect, Focus, Overlay};
pub use terminal::{Exit, run, save_citations};
