//! The TUI on a real terminal: raw mode and the alternate screen, a
//! synchronous event loop, and a terminal restored on every way out
//! (quit, error, panic).

use std::io::{IsTerminal, Stdout, stdout};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{App, Backend};
use super::clipboard::{TerminalClipboard, detect, on_path};
use super::ui;
use crate::error::{Error, Result};

/// Runs the TUI until the user quits.
///
/// `open` loads the search engine; it runs after the screen shows a message,
/// so building the index on first start is visible rather than a frozen
/// terminal. `query` is searched at once. Fails with [`Error::NoTerminal`]
/// when standard input or output is not a terminal. Errors are returned as
/// `E`, the error type of `open` (the binary's `anyhow::Error`), after the
/// terminal has been restored. Returns the citation list if it holds
/// citations the user never copied, for the caller to print.
pub fn run<B, E, F>(open: F, query: &str) -> std::result::Result<Option<String>, E>
where
    B: Backend + 'static,
    E: From<Error>,
    F: FnOnce() -> std::result::Result<B, E>,
{
    if !(std::io::stdin().is_terminal() && stdout().is_terminal()) {
        return Err(Error::NoTerminal.into());
    }
    install_panic_hook();
    let _session = Session::enter().map_err(E::from)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout())).map_err(Error::from)?;
    terminal
        .draw(|frame| {
            let area = frame.area();
            ui::render_message(
                "fatiao 法条",
                "正在打开索引……首次启动需要先建立索引，请稍候。",
                area,
                frame.buffer_mut(),
            );
        })
        .map_err(Error::from)?;
    let backend = open()?;
    let mut app = App::new(Box::new(backend), query);
    app.prepare();
    let size = terminal.size().map_err(Error::from)?;
    app.resize(size.width, size.height);
    event_loop(&mut terminal, &mut app).map_err(E::from)?;
    // Restore the terminal first, so the caller can print what is left.
    drop(terminal);
    drop(_session);
    Ok(app.uncopied_citations())
}

fn event_loop(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> Result<()> {
    let method = detect(&|name| std::env::var(name).ok(), &on_path);
    let mut clipboard = TerminalClipboard::new(method, stdout());
    while app.running() {
        terminal.draw(|frame| ui::draw(frame, app))?;
        match event::read()? {
            // Windows reports releases too; a key acts once, on press (and repeat).
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                app.handle_key_with(key, &mut clipboard);
            }
            Event::Mouse(mouse) => app.handle_mouse(mouse),
            Event::Paste(text) => app.paste(&text),
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
    }
    Ok(())
}

/// The terminal modes the TUI turns on; dropping it turns them off again.
struct Session;

impl Session {
    fn enter() -> Result<Session> {
        enable_raw_mode()?;
        // From here on, a failure must still restore the terminal: Drop does.
        let session = Session;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )?;
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen; safe to call more than once.
fn restore() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, so the message
/// is readable and the shell usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Caught by the engine and turned into a rebuild: the screen stays.
        if crate::search::panicking_in_guard() {
            return;
        }
        restore();
        previous(info);
    }));
}
