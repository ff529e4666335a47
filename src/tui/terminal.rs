//! The TUI on a real terminal: raw mode and the alternate screen, a
//! synchronous event loop, and a terminal restored on every way out
//! (quit, error, panic, and SIGTERM, SIGINT, SIGHUP or SIGQUIT).
//!
//! Ctrl-C is left to the kernel (ISIG stays on in raw mode): it arrives as
//! SIGINT even while crossterm waits inside an unterminated bracketed paste
//! (crossterm#1060), and the loop, which wakes every 100 ms, quits on it.
//! Events that are already waiting (a paste arriving as keys) are handled
//! as one burst with one search and one frame. A signal or a panic saves
//! the marked citation list to a file and says where.

use std::io::{IsTerminal, Stdout, stdout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
use super::citation_store::CitationStore;
use super::clipboard::{Platform, TerminalClipboard, detect, on_path};
use super::ui;
use crate::error::{Error, Result};

/// How the screen ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exit {
    /// The citation list if it holds citations the user never copied, for
    /// the caller to print.
    pub citations: Option<String>,
    /// The signal that ended the screen (SIGTERM 15, SIGINT 2, SIGHUP 1,
    /// SIGQUIT 3), if one did.
    pub signal: Option<i32>,
    /// Where the marked list was saved, when a signal ended the screen.
    pub saved: Option<PathBuf>,
}

/// How long the loop waits for an event before it looks at the signals.
const TICK: Duration = Duration::from_millis(100);
/// The longest burst of waiting events handled before a frame is drawn.
const BURST: Duration = Duration::from_millis(50);

/// Runs the TUI until the user quits or a signal ends it.
///
/// `open` loads the search engine; it runs after the screen shows a message,
/// so building the index on first start is visible rather than a frozen
/// terminal. `query` is searched at once. Fails with [`Error::NoTerminal`]
/// when standard input or output is not a terminal. Errors are returned as
/// `E`, the error type of `open` (the binary's `anyhow::Error`), after the
/// terminal has been restored. A signal or a panic saves the marked list in
/// `save_dir` (see [`save_citations`]).
///
/// `save_dir` is the data directory: the marked list is also kept there
/// between sessions ([`CitationStore`], saved whenever it changes), and a
/// copy no clipboard takes is written there.
pub fn run<B, E, F>(open: F, query: &str, save_dir: &Path) -> std::result::Result<Exit, E>
where
    B: Backend + 'static,
    E: From<Error>,
    F: FnOnce() -> std::result::Result<B, E>,
{
    if !(std::io::stdin().is_terminal() && stdout().is_terminal()) {
        return Err(Error::NoTerminal.into());
    }
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in QUIT_SIGNALS {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .map_err(Error::from)?;
    }
    let marked: Arc<Mutex<Option<String>>> = Arc::default();
    install_panic_hook(Arc::clone(&marked), save_dir.to_path_buf());
    let session = Session::enter().map_err(E::from)?;
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
    let store = CitationStore::in_dir(save_dir);
    restore_list(&mut app, &store);
    app.prepare();
    let size = terminal.size().map_err(Error::from)?;
    app.resize(size.width, size.height);
    event_loop(&mut terminal, &mut app, &signal, &marked, &store, save_dir).map_err(E::from)?;
    // Restore the terminal first, so the caller can print what is left.
    drop(terminal);
    drop(session);
    let mut exit = Exit {
        citations: app.uncopied_citations(),
        ..Exit::default()
    };
    let received = signal.load(Ordering::SeqCst);
    if received != 0 {
        exit.signal = Some(received as i32);
        if let Some(list) = app.marked_citations() {
            exit.saved = save_citations(save_dir, &list).ok();
            exit.citations = Some(list);
        }
    }
    Ok(exit)
}

/// The signals that end the screen the way quitting does.
const QUIT_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
];

/// Write the marked citation list to a new file in `dir` (created if
/// missing): `citations-<seconds since 1970>-<pid>.txt`.
pub fn save_citations(dir: &Path, list: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path = dir.join(format!("citations-{secs}-{}.txt", std::process::id()));
    std::fs::write(&path, format!("{list}\n"))?;
    Ok(path)
}

/// Puts the list saved by the last session back, saying what could not be.
fn restore_list(app: &mut App, store: &CitationStore) {
    match store.load(app.corpus()) {
        Ok(loaded) => {
            app.restore_marked(&loaded.refs);
            if loaded.dropped > 0 {
                app.warn(format!(
                    "上次的引用清单中有 {} 条在当前语料中不存在，已略去",
                    loaded.dropped
                ));
            }
        }
        Err(err) => app.warn(format!("{err}")),
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    signal: &AtomicUsize,
    marked: &Mutex<Option<String>>,
    store: &CitationStore,
    save_dir: &Path,
) -> Result<()> {
    let methods = detect(
        Platform::current(),
        &|name| std::env::var(name).ok(),
        &on_path,
    );
    // Exports go where the user started fatiao, else to the data directory.
    let mut export_dirs: Vec<_> = std::env::current_dir().into_iter().collect();
    export_dirs.push(save_dir.to_path_buf());
    let mut clipboard = TerminalClipboard::new(methods, stdout(), Some(save_dir.to_path_buf()))
        .with_export_dirs(export_dirs);
    let mut saved = app.marked_refs();
    let mut dirty = true;
    while app.running() && signal.load(Ordering::SeqCst) == 0 {
        if dirty {
            terminal.draw(|frame| ui::draw(frame, app))?;
            dirty = false;
        }
        if !event::poll(TICK)? {
            continue;
        }
        // Everything already waiting is one burst: one search, one frame.
        let started = Instant::now();
        app.begin_burst();
        loop {
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
            if !app.running()
                || signal.load(Ordering::SeqCst) != 0
                || started.elapsed() > BURST
                || !event::poll(Duration::ZERO)?
            {
                break;
            }
        }
        app.end_burst();
        dirty = true;
        // What a panic hook saves: the list as it stands.
        *marked.lock().unwrap_or_else(|e| e.into_inner()) = app.marked_citations();
        // Keep the list between sessions: saved whenever it changes.
        let refs = app.marked_refs();
        if refs != saved {
            match store.save(&refs) {
                Ok(()) => saved = refs,
                Err(err) => app.warn(format!(
                    "引用清单无法保存到 {}：{err}",
                    store.path().display()
                )),
            }
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
        keep_interrupt_key();
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
    block_again();
}

/// Raw mode turns ISIG off, so Ctrl-C is a byte that crossterm may never
/// deliver (inside an unterminated paste); turned back on, the kernel sends
/// SIGINT for it, and Ctrl-\\ SIGQUIT. Ctrl-Z stays off: a suspended screen
/// would leave the shell in the alternate screen. crossterm saved the
/// original modes before raw mode and restores them on leaving.
///
/// The terminal is also made non-blocking: crossterm reads it until the read
/// would block, and inside an unterminated paste a blocking read never
/// returns, not even for a signal (signal-hook restarts it).
#[cfg(unix)]
fn keep_interrupt_key() {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};
    let stdin = rustix::stdio::stdin();
    if let Ok(mut modes) = tcgetattr(stdin) {
        modes.local_modes |= LocalModes::ISIG;
        modes.special_codes[SpecialCodeIndex::VSUSP] = 0;
        let _ = tcsetattr(stdin, OptionalActions::Now, &modes);
    }
    if let Ok(flags) = fcntl_getfl(stdin) {
        let _ = fcntl_setfl(stdin, flags | OFlags::NONBLOCK);
    }
}

#[cfg(not(unix))]
fn keep_interrupt_key() {}

/// Blocking again, as the shell expects its terminal.
#[cfg(unix)]
fn block_again() {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let stdin = rustix::stdio::stdin();
    if let Ok(flags) = fcntl_getfl(stdin) {
        let _ = fcntl_setfl(stdin, flags - OFlags::NONBLOCK);
    }
}

#[cfg(not(unix))]
fn block_again() {}

/// Restores the terminal before the panic message is printed, so the message
/// is readable and the shell usable, and saves the marked list first.
fn install_panic_hook(marked: Arc<Mutex<Option<String>>>, save_dir: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Caught by the engine and turned into a rebuild: the screen stays.
        if crate::search::panicking_in_guard() {
            return;
        }
        restore();
        previous(info);
        let list = marked.try_lock().ok().and_then(|list| list.clone());
        if let Some(list) = list {
            match save_citations(&save_dir, &list) {
                Ok(path) => eprintln!("fatiao: 引用清单已保存到 {}", path.display()),
                Err(err) => eprintln!("fatiao: 引用清单无法保存（{err}）：\n{list}"),
            }
        }
    }));
}
