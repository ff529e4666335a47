//! The TUI through the real binary: without a terminal it says what to use
//! instead; in a real terminal (tmux) it is typed at, copied from (OSC 52
//! into tmux's buffer) and quit, with a temp index.
//!
//! The tmux test skips, saying so, only when tmux is not installed (CI installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private tmux server on its own socket, killed on drop.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    fn command(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u") // UTF-8 whatever the locale, so Chinese is captured as is
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn run(&self, args: &[&str]) -> String {
        let output = self.command(args);
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn pane(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Polls `probe` until it returns true, or fails after `seconds` showing the pane.
    fn wait_for(&self, what: &str, seconds: u64, probe: impl Fn(&Tmux) -> bool) {
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

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn quoted(path: &Path) -> String {
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
    tmux.wait_for("the copy confirmation", 10, |t| t.pane().contains("已复制"));

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
