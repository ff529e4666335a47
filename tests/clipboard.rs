//! Copying inside tmux as users run it: tmux's default `set-clipboard
//! external`, no override. The citation must reach tmux's paste buffer (where
//! `tmux show-buffer` finds it) and the status line must say where it went.
//! Also: with no clipboard at all the text goes to a file whose path is
//! shown, and the marked list survives quitting and starting again.
//!
//! Skips, saying so, only when tmux is not installed (CI installs it).

use std::path::Path;

use crate::tui_binary::{Tmux, quoted, tmux_available};

const CITATION: &str = "《中华人民共和国治安管理处罚法》第五十条";

/// A tmux server with one 100×30 session running `sh`, with the default
/// options (`-f /dev/null`), no display and the data directory in `temp`.
fn session(temp: &Path) -> Tmux {
    let tmux = Tmux {
        socket: temp.join("tmux.sock"),
    };
    let data = format!("FATIAO_DATA={}", temp.join("data").display());
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
        "LANG=C.UTF-8",
        // A developer's desktop must not decide the test: no display.
        "-e",
        "DISPLAY=",
        "-e",
        "WAYLAND_DISPLAY=",
        "-e",
        "FATIAO_CLIPBOARD=",
        "sh",
    ]);
    tmux.run(&["send-keys", "-t", "e2e", "-l", "echo READY-$((20+22))"]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    tmux.wait_for("the shell", 10, |t| t.pane().contains("READY-42"));
    tmux
}

/// Starts the TUI on `index` with `env` before the command, and waits for it.
fn start(tmux: &Tmux, index: &Path, env: &str) {
    let binary = Path::new(env!("CARGO_BIN_EXE_fatiao"));
    let command = format!("{env} {} --index {} tui", quoted(binary), quoted(index));
    tmux.run(&["send-keys", "-t", "e2e", "-l", command.trim()]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    tmux.wait_for("the start screen", 60, |t| t.pane().contains("收录的法律"));
}

fn open_article_50(tmux: &Tmux) {
    tmux.run(&["send-keys", "-t", "e2e", "-l", "治安法第50条"]);
    tmux.wait_for("第五十条 in the article pane", 20, |t| {
        let pane = t.pane();
        pane.contains("│治安法第50条") && pane.contains(CITATION)
    });
}

fn quit(tmux: &Tmux) {
    tmux.run(&["send-keys", "-t", "e2e", "C-c"]);
    tmux.wait_for("the shell again", 10, |t| {
        t.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"])
            .trim()
            == "0"
    });
}

#[test]
fn under_tmux_defaults_a_copy_lands_in_the_tmux_buffer_and_says_so() {
    if !tmux_available() {
        eprintln!(
            "SKIPPED under_tmux_defaults_a_copy_lands_in_the_tmux_buffer: tmux is not installed"
        );
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let tmux = session(temp.path());
    let setting = tmux.run(&["show-options", "-g", "-s", "set-clipboard"]);
    assert_eq!(
        setting.trim(),
        "set-clipboard external",
        "the test runs under tmux's default"
    );
    let index = temp.path().join("index");
    start(&tmux, &index, "");
    open_article_50(&tmux);

    tmux.run(&["send-keys", "-t", "e2e", "C-y"]);
    tmux.wait_for("the citation in tmux's buffer", 10, |t| {
        String::from_utf8_lossy(&t.command(&["show-buffer"]).stdout) == CITATION
    });
    tmux.wait_for("the status naming the tmux buffer", 10, |t| {
        t.pane().contains("已复制到tmux 缓冲区")
    });

    // Mark it: the list is saved in the data directory and back next time.
    tmux.run(&["send-keys", "-t", "e2e", "C-s"]);
    tmux.wait_for("the mark", 10, |t| t.pane().contains("已标记 1"));
    quit(&tmux);
    let saved = std::fs::read_to_string(temp.path().join("data").join("citations.json"))
        .expect("the list is saved in the data directory");
    assert!(saved.contains("治安管理处罚法@2025"), "{saved}");
    tmux.run(&["send-keys", "-t", "e2e", "-l", "clear"]);
    tmux.run(&["send-keys", "-t", "e2e", "Enter"]);
    start(&tmux, &index, "");
    tmux.wait_for("the list from the last session", 10, |t| {
        t.pane().contains("已标记 1")
    });
    // Clear it in the list: D, then nothing is saved any more.
    tmux.run(&["send-keys", "-t", "e2e", "C-l"]);
    tmux.wait_for("the citation list", 10, |t| {
        t.pane().contains("引用清单（1 条）")
    });
    tmux.run(&["send-keys", "-t", "e2e", "D"]);
    tmux.wait_for("the cleared list", 10, |t| {
        t.pane().contains("已清空引用清单")
    });
    quit(&tmux);
    assert!(
        !temp.path().join("data").join("citations.json").exists(),
        "a cleared list leaves no file"
    );
}

#[test]
fn with_no_clipboard_the_text_goes_to_a_file_whose_path_is_shown() {
    if !tmux_available() {
        eprintln!("SKIPPED with_no_clipboard_the_text_goes_to_a_file: tmux is not installed");
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let tmux = session(temp.path());
    start(&tmux, &temp.path().join("index"), "FATIAO_CLIPBOARD=none");
    open_article_50(&tmux);
    tmux.run(&["send-keys", "-t", "e2e", "C-y"]);
    let file = temp.path().join("data").join("clipboard.txt");
    tmux.wait_for("the file's path in the status line", 10, |t| {
        t.pane().contains("已写入文件")
    });
    assert_eq!(
        std::fs::read_to_string(&file).expect("the file is written"),
        format!("{CITATION}\n")
    );
    let pane = tmux.pane();
    assert!(
        !pane.contains("║") && !pane.contains("手动复制"),
        "no popup when the file could be written:\n{pane}"
    );
    quit(&tmux);
}
