//! Getting a citation onto the user's clipboard from a terminal program, and
//! saying honestly where it went.
//!
//! The ways, decided once at start ([`detect`]) and tried in order:
//! - **tmux** (`$TMUX` set): `tmux load-buffer -w -`. The text lands in
//!   tmux's paste buffer for certain, and `-w` asks tmux to pass it on to the
//!   outer terminal's clipboard, which works under tmux's default
//!   `set-clipboard external` (an application's own OSC 52 does not).
//! - **the system clipboard**: on Linux a clipboard program when one is
//!   installed (`wl-copy`, `xclip`, `xsel`: they keep serving the text after
//!   fatiao exits), else the `arboard` crate, which is also what Windows and
//!   macOS use. Only tried where there is a display (Linux needs
//!   `WAYLAND_DISPLAY` or `DISPLAY`), so a headless machine never waits on one.
//! - **OSC 52**, written to the terminal: reported as *sent*, not copied,
//!   because no terminal says whether it obeyed.
//! - **a file** in the data directory when nothing else can work; the status
//!   line shows its path. Only if even that fails is the text shown on screen.
//!
//! `FATIAO_CLIPBOARD=system|tmux|osc52|none` chooses one way explicitly
//! (`none`: write the file).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;

/// How a copy reached (or failed to reach) a clipboard; the status line says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyOutcome {
    /// Known to be on these clipboards: "tmux 缓冲区", "系统剪贴板（xclip）".
    Copied(Vec<String>),
    /// Written to the terminal as OSC 52; whether the terminal acted on it
    /// cannot be known.
    SentToTerminal,
    /// No clipboard could take it: written to this file instead.
    SavedToFile(PathBuf),
    /// Nothing worked, not even the file (why): the text must be shown.
    Unavailable(String),
}

/// Something that can take text for the clipboard, and files the user asked
/// for. The app never copies or writes itself: it asks the event loop, which
/// owns the clipboard (tests use a fake).
pub trait Clipboard {
    fn copy(&mut self, text: &str) -> CopyOutcome;

    /// Writes an exported document named like `file_name` and returns where
    /// it went. The default has nowhere to write.
    fn save_document(&mut self, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let _ = bytes;
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            format!("没有可写入 {file_name} 的位置"),
        ))
    }
}

/// One way of copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// `tmux load-buffer -w -`.
    Tmux,
    /// Pipe the text into a clipboard program.
    Command { program: String, args: Vec<String> },
    /// The operating system's clipboard through `arboard`.
    Native,
    /// Write OSC 52 to the terminal.
    Osc52,
    /// Write the text to a file in the data directory.
    File,
}

impl Method {
    /// The short name the override variable and messages use.
    pub fn name(&self) -> String {
        match self {
            Method::Tmux => "tmux".into(),
            Method::Command { program, .. } => program.clone(),
            Method::Native => "system".into(),
            Method::Osc52 => "osc52".into(),
            Method::File => "file".into(),
        }
    }
}

/// Largest payload sent by OSC 52; terminals drop longer sequences silently
/// (xterm's default limit is about 100 kB).
const OSC52_MAX_BYTES: usize = 74_000;

/// The file the text goes to when no clipboard can take it.
pub const FALLBACK_FILE: &str = "clipboard.txt";

/// How long `tmux load-buffer` may take before it is given up on.
const TMUX_TIMEOUT: Duration = Duration::from_secs(3);

/// What kind of system this is, for [`detect`]; a parameter so that the
/// tests cover every platform on any one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Windows,
    MacOs,
    /// Linux and the BSDs: X11 or Wayland, or no display at all.
    Unix,
}

impl Platform {
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::MacOs
        } else {
            Platform::Unix
        }
    }
}

/// The ways to try, in order, from the environment (`env` reads a variable,
/// `on_path` says whether a program can be run). The last is always the
/// file, which needs nothing.
pub fn detect(
    platform: Platform,
    env: &dyn Fn(&str) -> Option<String>,
    on_path: &dyn Fn(&str) -> bool,
) -> Vec<Method> {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let system = || -> Option<Method> {
        match platform {
            Platform::Windows | Platform::MacOs => Some(Method::Native),
            Platform::Unix => {
                let mut tools: Vec<(&str, &[&str])> = Vec::new();
                if set("WAYLAND_DISPLAY") {
                    tools.push(("wl-copy", &[]));
                }
                if set("DISPLAY") {
                    tools.push(("xclip", &["-selection", "clipboard"]));
                    tools.push(("xsel", &["--clipboard", "--input"]));
                }
                let tool = tools.into_iter().find(|(program, _)| on_path(program));
                match tool {
                    Some((program, args)) => Some(Method::Command {
                        program: program.to_string(),
                        args: args.iter().map(|a| a.to_string()).collect(),
                    }),
                    None if set("WAYLAND_DISPLAY") || set("DISPLAY") => Some(Method::Native),
                    None => None,
                }
            }
        }
    };
    let tmux = set("TMUX") && on_path(tmux_program(platform));
    let terminal_can_osc52 = {
        let term = env("TERM").unwrap_or_default();
        !(term.is_empty() || term == "dumb" || term == "linux")
    };
    let mut methods = match env("FATIAO_CLIPBOARD").as_deref().map(str::trim) {
        Some("tmux") => vec![Method::Tmux],
        Some("osc52") => vec![Method::Osc52],
        Some("system") => system().into_iter().collect(),
        Some("none") | Some("file") => Vec::new(),
        _ => {
            let mut methods = Vec::new();
            if tmux {
                methods.push(Method::Tmux);
            }
            methods.extend(system());
            // Inside tmux a bare OSC 52 is dropped under the default
            // set-clipboard external; load-buffer -w already forwards it.
            if terminal_can_osc52 && !tmux {
                methods.push(Method::Osc52);
            }
            methods
        }
    };
    methods.push(Method::File);
    methods
}

fn tmux_program(platform: Platform) -> &'static str {
    match platform {
        Platform::Windows => "tmux.exe",
        _ => "tmux",
    }
}

/// Whether `program` is an executable file in one of the `PATH` directories.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52_sequence(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// The clipboard of a real terminal session: the detected ways, writing
/// OSC 52 to `out` and the fallback file into `data_dir`.
pub struct TerminalClipboard<W: Write> {
    methods: Vec<Method>,
    out: W,
    data_dir: Option<PathBuf>,
    /// Where exported documents go, the first that can be written.
    export_dirs: Vec<PathBuf>,
    /// Kept for the whole session: on X11 and Wayland the process that set
    /// the clipboard serves it, so dropping it early would empty it.
    native: Option<arboard::Clipboard>,
}

impl<W: Write> TerminalClipboard<W> {
    /// `data_dir` is where the fallback file goes (`None`: no file).
    pub fn new(methods: Vec<Method>, out: W, data_dir: Option<PathBuf>) -> Self {
        TerminalClipboard {
            methods,
            out,
            export_dirs: data_dir.iter().cloned().collect(),
            data_dir,
            native: None,
        }
    }

    /// Exported documents go to the first of `dirs` that can be written
    /// (by default the data directory).
    pub fn with_export_dirs(mut self, dirs: Vec<PathBuf>) -> Self {
        self.export_dirs = dirs;
        self
    }

    /// The ways this session tries, in order.
    pub fn methods(&self) -> &[Method] {
        &self.methods
    }

    fn osc52(&mut self, text: &str) -> bool {
        let sequence = osc52_sequence(text);
        if sequence.len() > OSC52_MAX_BYTES {
            return false;
        }
        self.out
            .write_all(sequence.as_bytes())
            .and_then(|()| self.out.flush())
            .is_ok()
    }

    fn native(&mut self, text: &str) -> bool {
        if self.native.is_none() {
            self.native = arboard::Clipboard::new().ok();
        }
        match self.native.as_mut() {
            Some(clipboard) => clipboard.set_text(text).is_ok(),
            None => false,
        }
    }
}

impl<W: Write> Clipboard for TerminalClipboard<W> {
    fn save_document(&mut self, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "没有可写的目录");
        for dir in &self.export_dirs {
            match write_new_file(dir, file_name, bytes) {
                Ok(path) => return Ok(path),
                Err(err) => last = err,
            }
        }
        Err(last)
    }

    fn copy(&mut self, text: &str) -> CopyOutcome {
        let mut copied = Vec::new();
        let mut file_error = "没有可写的数据目录".to_string();
        for method in self.methods.clone() {
            match method {
                Method::Tmux => {
                    if tmux_load_buffer(text) {
                        copied.push("tmux 缓冲区".to_string());
                    }
                }
                Method::Command { program, args } => {
                    if pipe_to(&program, &args, text) {
                        copied.push(format!("系统剪贴板（{program}）"));
                    }
                }
                Method::Native => {
                    if self.native(text) {
                        copied.push("系统剪贴板".to_string());
                    }
                }
                // The uncertain ways only when no certain one worked.
                Method::Osc52 if copied.is_empty() => {
                    if self.osc52(text) {
                        return CopyOutcome::SentToTerminal;
                    }
                }
                Method::File if copied.is_empty() => {
                    if let Some(dir) = &self.data_dir {
                        match save_to_file(dir, text) {
                            Ok(path) => return CopyOutcome::SavedToFile(path),
                            Err(err) => file_error = format!("无法写入 {}：{err}", dir.display()),
                        }
                    }
                }
                Method::Osc52 | Method::File => {}
            }
        }
        if copied.is_empty() {
            CopyOutcome::Unavailable(file_error)
        } else {
            CopyOutcome::Copied(copied)
        }
    }
}

/// Writes `text` to [`FALLBACK_FILE`] in `dir` (created if missing), replacing
/// what an earlier copy left there, as a clipboard would.
pub fn save_to_file(dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(FALLBACK_FILE);
    let mut contents = text.to_string();
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    std::fs::write(&path, contents)?;
    Ok(path)
}

/// Writes `bytes` to a new file in `dir` named `file_name`, or `stem-2.ext`,
/// `stem-3.ext`… if that exists: an export never overwrites a document the
/// user may already have edited.
pub fn write_new_file(dir: &Path, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let name = Path::new(file_name);
    let stem = name
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("fatiao");
    let ext = name.extension().and_then(|s| s.to_str());
    for n in 1..1000 {
        let candidate = match (n, ext) {
            (1, _) => file_name.to_string(),
            (_, Some(ext)) => format!("{stem}-{n}.{ext}"),
            (_, None) => format!("{stem}-{n}"),
        };
        let path = dir.join(candidate);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(bytes)?;
                return Ok(path);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{} 中已有太多同名文件", dir.display()),
    ))
}

/// `tmux load-buffer -w -` with `text` on standard input; without `-w` on a
/// tmux older than 3.2, which does not know it. True once tmux holds the text.
fn tmux_load_buffer(text: &str) -> bool {
    let program = tmux_program(Platform::current());
    run_with_input(program, &["load-buffer", "-w", "-"], text)
        || run_with_input(program, &["load-buffer", "-"], text)
}

/// Runs a short-lived program with `text` on standard input and waits for it
/// (at most [`TMUX_TIMEOUT`]); true if it exited successfully.
fn run_with_input(program: &str, args: &[&str], text: &str) -> bool {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let wrote = match child.stdin.take() {
        // Dropping stdin closes it, so the program sees the end of the text.
        Some(mut stdin) => stdin.write_all(text.as_bytes()).is_ok(),
        None => false,
    };
    let deadline = Instant::now() + TMUX_TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return wrote && status.success(),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Runs `program args` with `text` on its standard input. The clipboard tools
/// stay alive to serve the selection, so the child is reaped on a thread
/// instead of blocking the screen.
fn pipe_to(program: &str, args: &[String], text: &str) -> bool {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let wrote = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(text.as_bytes()).is_ok(),
        None => false,
    };
    std::thread::spawn(move || child.wait());
    wrote
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn detection_orders_certain_ways_first_and_ends_with_the_file() {
        type Case = (
            Platform,
            &'static [(&'static str, &'static str)],
            &'static [&'static str],
            &'static str,
        );
        const CASES: &[Case] = &[
            (
                Platform::Unix,
                &[("DISPLAY", ":0"), ("TERM", "xterm")],
                &["xclip", "xsel"],
                "xclip osc52 file",
            ),
            (
                Platform::Unix,
                &[("DISPLAY", ":0"), ("TERM", "xterm")],
                &["xsel"],
                "xsel osc52 file",
            ),
            (
                Platform::Unix,
                &[("WAYLAND_DISPLAY", "wayland-0"), ("TERM", "foot")],
                &["wl-copy"],
                "wl-copy osc52 file",
            ),
            // A display but no clipboard program: the crate talks to it directly.
            (
                Platform::Unix,
                &[("DISPLAY", ":0"), ("TERM", "xterm")],
                &[],
                "system osc52 file",
            ),
            // Headless (ssh, CI): the terminal, then the file.
            (
                Platform::Unix,
                &[("TERM", "xterm-256color")],
                &["xclip"],
                "osc52 file",
            ),
            // tmux under its default set-clipboard external: load-buffer, no bare OSC 52.
            (
                Platform::Unix,
                &[
                    ("TMUX", "/tmp/tmux-0/default,1,0"),
                    ("TERM", "tmux-256color"),
                ],
                &["tmux"],
                "tmux file",
            ),
            (
                Platform::Unix,
                &[
                    ("TMUX", "/tmp/tmux-0/default,1,0"),
                    ("DISPLAY", ":0"),
                    ("TERM", "tmux-256color"),
                ],
                &["tmux", "xclip"],
                "tmux xclip file",
            ),
            // $TMUX left over but no tmux to run: as if outside it.
            (
                Platform::Unix,
                &[("TMUX", "/tmp/tmux-0/default,1,0"), ("TERM", "xterm")],
                &[],
                "osc52 file",
            ),
            (Platform::Unix, &[("TERM", "linux")], &[], "file"),
            (Platform::Unix, &[], &[], "file"),
            (Platform::Windows, &[], &[], "system file"),
            (
                Platform::MacOs,
                &[("TERM", "xterm-256color")],
                &[],
                "system osc52 file",
            ),
            (
                Platform::Unix,
                &[("FATIAO_CLIPBOARD", "osc52"), ("DISPLAY", ":0")],
                &["xclip"],
                "osc52 file",
            ),
            (
                Platform::Unix,
                &[("FATIAO_CLIPBOARD", "tmux"), ("TERM", "xterm")],
                &[],
                "tmux file",
            ),
            (
                Platform::Unix,
                &[("FATIAO_CLIPBOARD", "system"), ("TERM", "xterm")],
                &[],
                "file",
            ),
            (
                Platform::Unix,
                &[("FATIAO_CLIPBOARD", "none"), ("TERM", "xterm")],
                &["xclip"],
                "file",
            ),
        ];
        for &(platform, vars, programs, expected) in CASES {
            let on_path = |p: &str| programs.contains(&p);
            let methods = detect(platform, &env_of(vars), &on_path);
            let got: Vec<String> = methods.iter().map(Method::name).collect();
            assert_eq!(
                got.join(" "),
                expected,
                "{platform:?} with env {vars:?} and programs {programs:?}: look at detect"
            );
        }
    }

    #[test]
    fn osc52_is_reported_as_sent_not_copied() {
        let mut out = Vec::new();
        let outcome = TerminalClipboard::new(vec![Method::Osc52, Method::File], &mut out, None)
            .copy("第五十条 ok");
        assert_eq!(outcome, CopyOutcome::SentToTerminal);
        let written = String::from_utf8(out).expect("OSC 52 is ASCII");
        let payload = written
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .expect("ESC ] 52 ; c ; … BEL framing");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("valid base64");
        assert_eq!(
            decoded,
            "第五十条 ok".as_bytes(),
            "the payload decodes to the copied text"
        );
    }

    #[test]
    fn too_long_for_osc52_goes_to_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let mut out = Vec::new();
        let long = "甲".repeat(OSC52_MAX_BYTES);
        let outcome = TerminalClipboard::new(
            vec![Method::Osc52, Method::File],
            &mut out,
            Some(data.clone()),
        )
        .copy(&long);
        assert_eq!(
            outcome,
            CopyOutcome::SavedToFile(data.join(FALLBACK_FILE)),
            "a payload terminals would drop is written to the file instead"
        );
        assert!(out.is_empty(), "nothing written to the terminal");
        let saved = std::fs::read_to_string(data.join(FALLBACK_FILE)).expect("file written");
        assert_eq!(saved, format!("{long}\n"), "the file holds the text");
    }

    #[test]
    fn with_no_way_at_all_the_text_is_unavailable_with_the_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A file where the data directory should be: it cannot be created.
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "x").expect("write");
        let outcome =
            TerminalClipboard::new(vec![Method::File], Vec::new(), Some(blocker.join("data")))
                .copy("x");
        let CopyOutcome::Unavailable(reason) = outcome else {
            panic!("expected Unavailable, got {outcome:?}");
        };
        assert!(
            reason.contains("无法写入"),
            "the reason names the failure: {reason}"
        );
        assert_eq!(
            TerminalClipboard::new(vec![Method::File], Vec::new(), None).copy("x"),
            CopyOutcome::Unavailable("没有可写的数据目录".into())
        );
    }

    #[test]
    fn exports_never_overwrite_and_fall_back_to_the_next_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").expect("write");
        let data = dir.path().join("data");
        let mut clipboard = TerminalClipboard::new(vec![Method::File], Vec::new(), None)
            .with_export_dirs(vec![blocker.join("sub"), data.clone()]);
        let first = clipboard
            .save_document("报警材料.docx", b"1")
            .expect("written");
        let second = clipboard
            .save_document("报警材料.docx", b"2")
            .expect("written");
        assert_eq!(
            first,
            data.join("报警材料.docx"),
            "the unwritable directory is skipped"
        );
        assert_eq!(second, data.join("报警材料-2.docx"), "the first is kept");
        assert_eq!(std::fs::read(&first).expect("read"), b"1");
        assert_eq!(std::fs::read(&second).expect("read"), b"2");
    }

    #[test]
    fn a_failing_program_falls_through_to_the_next_way() {
        let mut out = Vec::new();
        let methods = vec![
            Method::Command {
                program: "fatiao-no-such-clipboard-program".into(),
                args: Vec::new(),
            },
            Method::Osc52,
            Method::File,
        ];
        let outcome = TerminalClipboard::new(methods, &mut out, None).copy("x");
        assert_eq!(outcome, CopyOutcome::SentToTerminal);
    }
}
