//! The command line's conventions (ripgrep, fd, bat): Chinese help with
//! English beside it, developer commands out of the way, `--color`,
//! completions, the man page, `--version` with the statutes held, options
//! only where they apply, and suggestions for mistyped statute names.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{corpus, fatiao};

#[test]
fn version_lists_every_statute_held_with_its_dates() {
    let output = fatiao().arg("--version").output().expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with(&format!("fatiao {}\n", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    let corpus = corpus();
    for statute in &corpus.statutes {
        let line = text
            .lines()
            .find(|l| {
                l.contains(&format!(
                    "《{}》{}版",
                    statute.meta.title, statute.meta.version
                ))
            })
            .unwrap_or_else(|| {
                panic!(
                    "{} {} listed:\n{text}",
                    statute.meta.title, statute.meta.version
                )
            });
        if !statute.meta.effective.is_empty() {
            assert!(line.contains(&statute.meta.effective), "{line}");
        }
        assert!(line.contains(statute.meta.status.label()), "{line}");
    }
}

#[test]
fn help_is_chinese_first_and_keeps_developer_commands_apart() {
    let output = fatiao().arg("--help").output().expect("runs");
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        help.starts_with("法条 fatiao：离线检索中国法律条文"),
        "{help}"
    );
    for visible in [
        "search",
        "show",
        "cite",
        "letter",
        "verify",
        "completions",
        "man",
    ] {
        assert!(
            help.contains(&format!("  {visible} ")),
            "{visible} listed:\n{help}"
        );
    }
    for hidden in ["index", "correspondence", "eval"] {
        assert!(
            !help.contains(&format!("  {hidden} ")),
            "{hidden} not listed:\n{help}"
        );
    }
    fatiao().args(["help", "dev"]).assert().success().stdout(
        contains("index")
            .and(contains("correspondence"))
            .and(contains("eval")),
    );
    // Hidden, not gone.
    fatiao()
        .args(["eval", "--help"])
        .assert()
        .success()
        .stdout(contains("示例 Examples"));
    fatiao()
        .args(["help", "verify"])
        .assert()
        .success()
        .stdout(contains("结论 Verdicts").and(contains("退出码 Exit codes")));
    fatiao().args(["help", "nosuch"]).assert().code(2);
}

#[test]
fn index_is_an_option_only_of_commands_that_open_the_index() {
    fatiao()
        .args(["show", "--index", "/tmp/x", "民法典1032"])
        .assert()
        .code(2)
        .stderr(contains("--index"));
    fatiao()
        .args(["show", "--help"])
        .assert()
        .success()
        .stdout(contains("--index").not());
    fatiao()
        .args(["search", "--help"])
        .assert()
        .success()
        .stdout(contains("--index").and(contains("全局选项 Global options")));
    // Before the command it is still accepted (util passes it that way).
    fatiao().args(["show", "民法典1032"]).assert().success();
}

#[test]
fn color_is_chosen_with_color_and_off_when_piped_or_no_color() {
    let colored = |args: &[&str], no_color: bool| -> bool {
        let mut cmd = fatiao();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let output = cmd.args(args).output().expect("runs");
        assert!(output.status.success(), "{args:?}");
        output.stdout.contains(&0x1b)
    };
    assert!(colored(&["show", "--color", "always", "民法典1032"], false));
    assert!(
        colored(&["show", "--color", "always", "民法典1032"], true),
        "always wins over NO_COLOR"
    );
    assert!(
        !colored(&["show", "民法典1032"], false),
        "auto is off when piped"
    );
    assert!(!colored(&["show", "--color", "never", "民法典1032"], false));
    assert!(colored(&["search", "--color", "always", "隐私"], false));
    assert!(colored(&["laws", "--color=always"], false));
    fatiao()
        .args(["show", "--color", "sometimes", "民法典1032"])
        .assert()
        .code(2);
}

#[test]
fn completions_and_man_pages_are_generated() {
    for (shell, marker) in [
        ("bash", "_fatiao()"),
        ("zsh", "#compdef fatiao"),
        ("fish", "complete -c fatiao"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        fatiao()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains(marker).and(contains("letter")));
    }
    fatiao()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH fatiao 1").and(contains("离线检索")));
    fatiao()
        .args(["man", "letter"])
        .assert()
        .success()
        .stdout(contains(".TH fatiao-letter 1"));
    let temp = tempfile::tempdir().expect("temp dir");
    fatiao()
        .args(["man", "--out-dir"])
        .arg(temp.path())
        .assert()
        .success();
    for page in ["fatiao.1", "fatiao-search.1", "fatiao-letter.1"] {
        assert!(temp.path().join(page).is_file(), "{page} written");
    }
    assert!(
        !temp.path().join("fatiao-eval.1").exists(),
        "developer commands get no page"
    );
}

#[test]
fn a_mistyped_statute_name_gets_a_suggestion_from_the_corpus() {
    for args in [
        &["show", "民发典1032"][..],
        &["cite", "治按法第50条"][..],
        &["search", "--law", "刑发", "侮辱"][..],
    ] {
        fatiao()
            .args(args)
            .assert()
            .code(2)
            .stderr(contains("你是不是要找："));
    }
    fatiao()
        .args(["show", "民发典1032"])
        .assert()
        .stderr(contains("你是不是要找：民法典"));
    // search goes on with the words, and says so.
    fatiao()
        .args(["search", "民发典1032"])
        .assert()
        .stdout(contains("你是不是要找：民法典"));
}
