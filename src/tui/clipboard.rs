//! Getting a citation onto the user's clipboard from a terminal program.
//!
//! In order: a system clipboard tool when one exists and a display is set
//! (`wl-copy`, `xclip`, `xsel`, `pbcopy`); else the OSC 52 escape sequence,
//! which the terminal (also over ssh, and tmux with `set-clipboard on`) turns
//! into a clipboard write; else nothing, and the app shows the text in a
//! popup to copy by hand. `FATIAO_CLIPBOARD=system|osc52|none` forces a way.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine as _;

/// How a copy reached (or failed to reach) a clipboard; the status line says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyOutcome {
    /// Handed to a system clipboard tool (its name).
    System(String),
    /// Sent to the terminal as OSC 52.
    Terminal,
    /// Nothing can reach a clipboard; the text must be shown.
    Unavailable,
}

/// Something that can take text for the clipboard. The app never copies
/// itself: it asks the event loop, which owns the clipboard (tests use a fake).
pub trait Clipboard {
    fn copy(&mut self, text: &str) -> CopyOutcome;
}

/// The way this session copies, decided once at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// Pipe the text into this program.
    Command { program: String, args: Vec<String> },
    /// Write OSC 52 to the terminal.
    Osc52,
    /// No clipboard: show the text instead.
    None,
}

/// Largest payload sent by OSC 52; terminals drop longer sequences silently
/// (xterm's default limit is about 100 kB), and a silent failure is worse than a popup.
const OSC52_MAX_BYTES: usize = 74_000;

/// Decides how to copy from the environment (`env` reads a variable, `on_path`
/// says whether a program can be run).
pub fn detect(env: &dyn Fn(&str) -> Option<String>, on_path: &dyn Fn(&str) -> bool) -> Method {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let system = || {
        let mut candidates: Vec<(&str, &[&str])> = Vec::new();
        if cfg!(target_os = "macos") {
            candidates.push(("pbcopy", &[]));
        }
        if set("WAYLAND_DISPLAY") {
            candidates.push(("wl-copy", &[]));
        }
        if set("DISPLAY") {
            candidates.push(("xclip", &["-selection", "clipboard"]));
            candidates.push(("xsel", &["--clipboard", "--input"]));
        }
        candidates
            .into_iter()
            .find(|(program, _)| on_path(program))
            .map(|(program, args)| Method::Command {
                program: program.to_string(),
                args: args.iter().map(|a| a.to_string()).collect(),
            })
    };
    let terminal_can_osc52 = || {
        let term = env("TERM").unwrap_or_default();
        !(term.is_empty() || term == "dumb" || term == "linux")
    };
    match env("FATIAO_CLIPBOARD").as_deref() {
        Some("osc52") => return Method::Osc52,
        Some("none") => return Method::None,
        Some("system") => return system().unwrap_or(Method::None),
        _ => {}
    }
    if let Some(method) = system() {
        return method;
    }
    if terminal_can_osc52() {
        Method::Osc52
    } else {
        Method::None
    }
}

/// Whether `program` is an executable file in one of the `PATH` directories.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        let candidate = dir.join(program);
        candidate.is_file()
    })
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52_sequence(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// The clipboard of a real terminal session: `method`, writing OSC 52 to `out`.
pub struct TerminalClipboard<W: Write> {
    method: Method,
    out: W,
}

impl<W: Write> TerminalClipboard<W> {
    pub fn new(method: Method, out: W) -> Self {
        TerminalClipboard { method, out }
    }

    fn osc52(&mut self, text: &str) -> CopyOutcome {
        let sequence = osc52_sequence(text);
        if sequence.len() > OSC52_MAX_BYTES {
            return CopyOutcome::Unavailable;
        }
        let written = self
            .out
            .write_all(sequence.as_bytes())
            .and_then(|()| self.out.flush());
        match written {
            Ok(()) => CopyOutcome::Terminal,
            Err(_) => CopyOutcome::Unavailable,
        }
    }
}

impl<W: Write> Clipboard for TerminalClipboard<W> {
    fn copy(&mut self, text: &str) -> CopyOutcome {
        match self.method.clone() {
            Method::Command { program, args } => {
                if pipe_to(&program, &args, text) {
                    CopyOutcome::System(program)
                } else {
                    // The tool failed (display gone?): the terminal may still help.
                    self.osc52(text)
                }
            }
            Method::Osc52 => self.osc52(text),
            Method::None => CopyOutcome::Unavailable,
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
    fn detection_prefers_a_system_tool_then_osc52_then_nothing() {
        type Case = (
            &'static [(&'static str, &'static str)],
            &'static [&'static str],
            &'static str,
        );
        const CASES: &[Case] = &[
            (
                &[("DISPLAY", ":0"), ("TERM", "xterm")],
                &["xclip", "xsel"],
                "xclip",
            ),
            (&[("DISPLAY", ":0"), ("TERM", "xterm")], &["xsel"], "xsel"),
            (
                &[("WAYLAND_DISPLAY", "wayland-0"), ("TERM", "foot")],
                &["wl-copy"],
                "wl-copy",
            ),
            (&[("TERM", "xterm-256color")], &["xclip"], "osc52"),
            (
                &[("DISPLAY", ":0"), ("TERM", "tmux-256color")],
                &[],
                "osc52",
            ),
            (&[("TERM", "linux")], &[], "none"),
            (&[], &[], "none"),
            (
                &[("FATIAO_CLIPBOARD", "osc52"), ("DISPLAY", ":0")],
                &["xclip"],
                "osc52",
            ),
            (
                &[("FATIAO_CLIPBOARD", "none"), ("TERM", "xterm")],
                &[],
                "none",
            ),
        ];
        for &(vars, programs, expected) in CASES {
            let on_path = |p: &str| programs.contains(&p);
            let method = detect(&env_of(vars), &on_path);
            let got = match &method {
                Method::Command { program, .. } => program.as_str(),
                Method::Osc52 => "osc52",
                Method::None => "none",
            };
            if cfg!(target_os = "macos") {
                continue; // pbcopy is preferred there; the table is for Linux.
            }
            assert_eq!(got, expected, "env {vars:?} with programs {programs:?}");
        }
    }

    #[test]
    fn osc52_writes_the_base64_text_to_the_terminal() {
        let mut out = Vec::new();
        let outcome = TerminalClipboard::new(Method::Osc52, &mut out).copy("第五十条 ok");
        assert_eq!(outcome, CopyOutcome::Terminal);
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
    fn too_long_for_osc52_or_no_method_means_unavailable() {
        let mut out = Vec::new();
        let long = "甲".repeat(OSC52_MAX_BYTES);
        assert_eq!(
            TerminalClipboard::new(Method::Osc52, &mut out).copy(&long),
            CopyOutcome::Unavailable,
            "a payload terminals would drop is not sent"
        );
        assert!(out.is_empty(), "nothing written for an oversized payload");
        assert_eq!(
            TerminalClipboard::new(Method::None, Vec::new()).copy("x"),
            CopyOutcome::Unavailable
        );
    }
}
