//! The TUI through the real binary: without a terminal it says what to use
//! instead; in a real terminal (tmux) it is typed at, copied from (OSC 52
//! into tmux's buffer) and quit, with a temp index.
//!
//! The tmux test skips, saying so, only when tmux is not installed (CI installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server on its own socket, killed on drop.
pub struct Tmux {
    pub socket: std::path::PathBuf,
}

impl Tmux {
    pub fn command(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u") // UTF-8 whatever the locale, so Chinese is captured as is
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn run(&self, args: &[&str]) -> String {
        let output = self.command(args);
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn pane(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Polls `probe` until it returns true, or fails after `seconds` showing the pane.
    pub fn wait_for(&self, what: &str, seconds: u64, probe: impl Fn(&Tmux) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            if probe(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "timed out waiting for {what}; the pane shows:\n{}",
            self.pane()
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command(&["kill-server"]);
    }
}

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn type_read_copy_and_quit_in_tmux() {
    if !tmux_available() {
        eprintln!("SKIPPED type_read_copy_and_quit_in_tmux: tmux is not installed");
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux {
        socket: temp.path().join("tmux.sock"),
    };
    let data = format!("FATIAO_DATA={}", temp.path().join("data").display());
    tmux.run(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "100",
        "-y",
        "30",
        "-e",
        &data,
        "-e",
        "FATIAO_CLIPBOARD=osc52",
        "-e",
        "LANG=C.UTF-8",
        "sh",
    ]);
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    // The shell is ready when it runs a command (the output, not the echo of the line).
    tmux.run(&["send-keys", "-t", "e2e", "-l", "echo READY-$((20+22))"]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    tmux.wait_for("the shell", 10, |t| t.pane().contains("READY-42"));

    let binary = Path::new(env!("CARGO_BIN_EXE_fatiao"));
    let command = format!(
        "{} --index {} tui",
        quoted(binary),
        quoted(&temp.path().join("index"))
    );
    tmux.run(&["send-keys", "-t", "e2e", "-l", &command]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    // First start builds the index in the temp dir, then shows the start screen.
    tmux.wait_for("the start screen", 60, |t| t.pane().contains("收录的法律"));
    let alternate = tmux.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"]);
    assert_eq!(
        alternate.trim(),
        "1",
        "the TUI runs on the alternate screen"
    );

    // Free text: the PSAPL article on spreading someone's private life is among the hits.
    tmux.run(&["send-keys", "-t", "e2e", "-l", "散布他人隐私"]);
    // Typing arrives a few characters at a time: wait for the whole query.
    tmux.wait_for(
        "the whole query and 治安管理处罚法第五十条 among the hits",
        20,
        |t| {
            let pane = t.pane();
            pane.contains("│散布他人隐私") && pane.contains("治安管理处罚法 第50条")
        },
    );

    // A reference selects the article at once.
    tmux.run(&["send-keys", "-t", "e2e", "C-u"]);
    tmux.run(&["send-keys", "-t", "e2e", "-l", "治安法第50条"]);
    tmux.wait_for("第五十条 in the article pane", 20, |t| {
        let pane = t.pane();
        pane.contains("│治安法第50条") && pane.contains("《中华人民共和国治安管理处罚法》第五十条")
    });

    // Shrinking below 60×16 shows a message; growing back shows the article again.
    tmux.run(&["resize-window", "-t", "e2e", "-x", "50", "-y", "14"]);
    tmux.wait_for("the too-small message", 10, |t| {
        t.pane().contains("终端窗口太小")
    });
    tmux.run(&["resize-window", "-t", "e2e", "-x", "100", "-y", "30"]);
    tmux.wait_for("the article after resizing back", 10, |t| {
        t.pane()
            .contains("《中华人民共和国治安管理处罚法》第五十条")
    });

    // Copy the selected article's citation; OSC 52 lands in tmux's buffer.
    tmux.run(&["send-keys", "-t", "e2e", "C-y"]);
    tmux.wait_for("the copied citation in the tmux buffer", 10, |t| {
        let buffer = t.command(&["show-buffer"]);
        String::from_utf8_lossy(&buffer.stdout) == "《中华人民共和国治安管理处罚法》第五十条"
    });
    // OSC 52 is only sent: the status line says so, not 已复制.
    tmux.wait_for("the sent-to-terminal notice", 10, |t| {
        t.pane().contains("已发送到终端剪贴板")
    });

    tmux.run(&["send-keys", "-t", "e2e", "C-c"]);
    tmux.wait_for("the normal screen", 10, |t| {
        let alternate = t.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"]);
        alternate.trim() == "0"
    });
    // The terminal is back in cooked mode: the shell runs a command and echoes.
    tmux.run(&["send-keys", "-t", "e2e", "-l", "echo BACK-$((40+2))"]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    tmux.wait_for("the shell again", 10, |t| t.pane().contains("BACK-42"));
    let pane = tmux.pane();
    assert!(
        !pane.contains("收录的法律") && !pane.contains("╭"),
        "the TUI's screen is gone after quitting:\n{pane}"
    );
}

#[test]
fn without_a_terminal_the_tui_points_to_search_and_exits_2() {
    let temp = tempfile::tempdir().expect("temp dir");
    for args in [&[][..], &["tui", "隐私"][..]] {
        let output = crate::util::fatiao_with_index(&temp.path().join("index"))
            .args(args)
            .write_stdin("")
            .output()
            .expect("fatiao runs");
        assert_eq!(
            output.status.code(),
            Some(2),
            "fatiao {args:?} without a terminal exits 2"
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("终端") && stderr.contains("fatiao search"),
            "fatiao {args:?} says the TUI needs a terminal and names `fatiao search`: {stderr}"
        );
        assert!(
            output.stdout.is_empty(),
            "nothing on stdout, no escape sequences"
        );
    }
    assert!(
        !temp.path().join("index").exists(),
        "no index is built when the TUI cannot start"
    );
}

/// SIGTERM, SIGHUP, SIGQUIT and SIGINT to the TUI with a marked article: the
/// terminal comes back (no alternate screen, echo and canonical mode on),
/// the list is saved to the data directory, the path is printed, and the
/// exit code is 128 + the signal. Ctrl-C inside an unterminated bracketed
/// paste (crossterm#1060) is honoured too.
#[test]
fn signals_restore_the_terminal_and_save_the_marked_list() {
    if !tmux_available() {
        eprintln!(
            "SKIPPED signals_restore_the_terminal_and_save_the_marked_list: tmux is not installed"
        );
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    let tmux = Tmux {
        socket: temp.path().join("tmux.sock"),
    };
    tmux.run(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "100",
        "-y",
        "30",
        "-e",
        "LANG=C.UTF-8",
        "sh",
    ]);
    tmux.run(&["send-keys", "-t", "e2e", "-l", "echo READY-$((20+22))"]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    tmux.wait_for("the shell", 10, |t| t.pane().contains("READY-42"));
    let binary = Path::new(env!("CARGO_BIN_EXE_fatiao"));
    let pid_file = temp.path().join("pid");
    // (signal name, exit code, how it is sent)
    let cases = [
        ("TERM", 143, false),
        ("HUP", 129, false),
        ("QUIT", 131, false),
        ("INT", 130, false),
        ("INT", 130, true),
    ];
    for (round, (signal, code, by_key)) in cases.into_iter().enumerate() {
        // The list is also kept between sessions (citations.json): start each
        // round without it, so `m` marks rather than unmarks.
        let _ = std::fs::remove_file(data.join(fatiao::tui::citation_store::FILE));
        tmux.run(&["send-keys", "-t", "e2e", "-l", "clear"]);
        tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
        // exec keeps the pid the shell wrote, and the TUI in the foreground.
        let command = format!(
            "FATIAO_DATA={} sh -c 'echo $$ > {}; exec {} --index {} tui 民法典1032'; echo EXIT-$?-{round}; stty -a",
            quoted(&data),
            pid_file.display(),
            quoted(binary),
            quoted(&temp.path().join("index"))
        );
        tmux.run(&["send-keys", "-t", "e2e", "-l", &command]);
        tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
        tmux.wait_for("the article", 60, |t| {
            t.pane().contains("隐私权和个人信息保护")
        });
        tmux.run(&["send-keys", "-t", "e2e", "Tab"]);
        tmux.run(&["send-keys", "-t", "e2e", "m"]);
        tmux.wait_for("the mark", 10, |t| t.pane().contains("已标记"));
        if by_key {
            // A paste that never ends swallows every key crossterm reads.
            tmux.run(&["send-keys", "-t", "e2e", "-l", "\x1b[200~半截粘贴"]);
            std::thread::sleep(Duration::from_millis(300));
            tmux.run(&["send-keys", "-t", "e2e", "C-c"]);
        } else {
            let pid = std::fs::read_to_string(&pid_file).expect("pid file");
            let killed = Command::new("kill")
                .args([&format!("-{signal}"), pid.trim()])
                .status()
                .expect("kill runs");
            assert!(killed.success(), "kill -{signal} {pid}");
        }
        let done = format!("EXIT-{code}-{round}");
        tmux.wait_for(&done, 20, |t| t.pane().contains(&done));
        let alternate = tmux.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"]);
        assert_eq!(
            alternate.trim(),
            "0",
            "SIG{signal}: the alternate screen is left"
        );
        let pane = tmux.pane();
        assert!(
            pane.contains("引用清单已保存到"),
            "SIG{signal}: the path is printed:\n{pane}"
        );
        let flat: String = pane.split_whitespace().collect::<Vec<_>>().join(" ");
        for mode in ["icanon", "echo", "isig"] {
            assert!(
                flat.contains(&format!(" {mode} ")) && !flat.contains(&format!("-{mode} ")),
                "SIG{signal}: {mode} must be back on:\n{pane}"
            );
        }
        let saved: Vec<_> = std::fs::read_dir(&data)
            .expect("data dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("citations-"))
            .collect();
        assert_eq!(saved.len(), round + 1, "one saved list per signal");
        for entry in saved {
            let text = std::fs::read_to_string(entry.path()).expect("saved list");
            assert!(text.contains("第一千零三十二条"), "saved list: {text}");
        }
    }
}
