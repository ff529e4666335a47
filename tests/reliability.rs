//! Reliability (issue 17) through the real binary: a damaged index is found,
//! said and rebuilt with the right answer; `index --check`; a valid index is
//! used without writing; every user-set size is bounded; one bad line of a
//! `--stdin` batch is answered alone; a signal ends a batch after a whole
//! line; text from users and drafts cannot drive the terminal.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::util::{fatiao, fatiao_with_index, std_command};

/// Build an index in a new temp dir; returns the dir guard and `--index` path.
fn built_index() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    fatiao_with_index(&index).arg("index").assert().success();
    (dir, index)
}

fn segment_file(index: &Path, ending: &str) -> PathBuf {
    fs::read_dir(index.join("current"))
        .expect("current/")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(ending))
        .unwrap_or_else(|| panic!("no {ending} file"))
}

/// `search --format json QUERY` on `index`: (hit ids, stderr).
fn search_ids(index: &Path, query: &str) -> (Vec<String>, String) {
    let output = std_command(index)
        .args(["search", "--format", "json", "-n", "10", query])
        .output()
        .expect("run fatiao");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}): {stdout}"));
    (
        crate::util::hit_ids(&value),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Byte flips in every kind of segment file (and the repro): each
/// is said (索引已损坏，正在重建), rebuilt, and answered as before.
#[test]
fn damaged_segment_files_are_said_rebuilt_and_answered_right() {
    let (_dir, index) = built_index();
    let queries = ["散布他人隐私", "\"私人生活安宁\""];
    let expected: Vec<Vec<String>> = queries.iter().map(|q| search_ids(&index, q).0).collect();
    let mut faults = 0;
    // A few kinds here (each costs a rebuild of the real corpus); the
    // library's tests flip 40 places in every kind of file of a small corpus.
    for (ending, at, len) in [(".idx", 10, 1), (".store", 0, 512), ("meta.json", 40, 3)] {
        {
            let file = segment_file(&index, ending);
            let mut bytes = fs::read(&file).expect("read");
            let n = bytes.len();
            for i in 0..len {
                bytes[(at + i) % n] ^= 0xff;
            }
            fs::write(&file, bytes).expect("damage");
            faults += 1;
            fatiao_with_index(&index)
                .args(["index", "--check"])
                .assert()
                .code(1)
                .stdout(predicate::str::contains("索引已损坏"));
            for (query, want) in queries.iter().zip(&expected) {
                let (got, stderr) = search_ids(&index, query);
                assert_eq!(&got, want, "{query} after a flip in {ending} at {at}");
                if query == &queries[0] {
                    assert!(
                        stderr.contains("索引已损坏") && stderr.contains("正在重建"),
                        "the damage in {ending} is said: {stderr}"
                    );
                }
            }
            fatiao_with_index(&index)
                .args(["index", "--check"])
                .assert()
                .success()
                .stdout(predicate::str::contains("索引完好"));
        }
    }
    assert_eq!(faults, 3);
}

#[test]
fn a_deleted_positions_file_no_longer_breaks_phrase_search() {
    let (_dir, index) = built_index();
    let (want, _) = search_ids(&index, "\"散布他人隐私\"");
    assert!(!want.is_empty(), "the phrase is found");
    fs::remove_file(segment_file(&index, ".pos")).expect("delete .pos");
    let (got, stderr) = search_ids(&index, "\"散布他人隐私\"");
    assert_eq!(got, want, "phrase search after the .pos was deleted");
    assert!(stderr.contains("索引已损坏"), "{stderr}");
    let (again, stderr) = search_ids(&index, "\"散布他人隐私\"");
    assert_eq!(again, want);
    assert!(stderr.is_empty(), "repaired for good: {stderr}");
}

#[test]
fn an_edited_vocabulary_is_not_trusted() {
    let (_dir, index) = built_index();
    let (want, _) = search_ids(&index, "隐私权");
    let vocab = index.join("current").join("vocab.fst");
    // Still loads: a valid dictionary, but not the one that was built.
    fatiao::tokenizer::segment::Dictionary::new([("隐私", 1)], 1)
        .save(&vocab)
        .expect("write another dictionary");
    let (got, stderr) = search_ids(&index, "隐私权");
    assert_eq!(got, want);
    assert!(stderr.contains("索引已损坏"), "{stderr}");
}

/// A valid index is used as it is: no lock file, no rebuild, nothing written.
#[test]
fn a_valid_index_is_read_without_writing() {
    let (_dir, index) = built_index();
    let current = index.join("current");
    for entry in fs::read_dir(&current).expect("current").flatten() {
        if entry.file_name().to_string_lossy().ends_with(".lock") {
            fs::remove_file(entry.path()).expect("remove lock");
        }
    }
    let listing = |dir: &Path| -> Vec<(String, u64)> {
        let mut names: Vec<(String, u64)> = fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().map(|m| m.len()).unwrap_or(0),
                )
            })
            .collect();
        names.sort();
        names
    };
    let before = (listing(&index), listing(&current));
    let (hits, stderr) = search_ids(&index, "散布他人隐私");
    assert!(!hits.is_empty());
    assert!(stderr.is_empty(), "no notice, no rebuild: {stderr}");
    assert_eq!(
        (listing(&index), listing(&current)),
        before,
        "nothing written"
    );
}

#[test]
fn a_rebuild_that_cannot_be_written_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("file");
    fs::write(&file, "x").expect("file");
    fatiao_with_index(&file.join("index"))
        .args(["index", "--rebuild"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--index"));
}

/// Every user-set size has a bound and a clear error past it.
#[test]
fn numeric_bounds_are_errors_not_allocations() {
    const CASES: &[&[&str]] = &[
        &["search", "隐私", "-n", "18446744073709551615"],
        &["search", "隐私", "-n", "4294967296"],
        &["search", "隐私", "-n", "0"],
        &["search", "隐私", "-n", "1001"],
        &["show", "民法典1032", "--context", "18446744073709551615"],
        &["show", "民法典1032", "--context", "101"],
        &["eval", "x.jsonl", "--misses", "99999999999"],
    ];
    for args in CASES {
        fatiao()
            .args(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("之间的整数"));
    }
    let long = "隐私".repeat(600);
    fatiao()
        .args(["search", &long])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("查询过长"));
    fatiao()
        .args(["show", "民法典1032", "--context", "100"])
        .assert()
        .success()
        .stdout(predicate::str::contains("第一千零三十二条"));
    let dir = tempfile::tempdir().expect("temp dir");
    let set = dir.path().join("set.jsonl");
    fs::write(&set, "{\"query\": \"隐私\", \"gold\": [\"民法典:1032\"]}\n").expect("set");
    for knob in [
        "rerank_depth=1e30",
        "k1=inf",
        "lay_gap=-1",
        "rerank_depth=1001",
    ] {
        fatiao()
            .arg("eval")
            .arg(&set)
            .args(["--set", knob])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("from 0 to 1000"));
    }
}

#[test]
fn verify_reports_numbers_it_cannot_read() {
    let draft = "依据《民法典》第〇条。\n依据《民法典》第0条。\n依据《民法典》第4294967296条。\n\
                 依据《民法典》第1032条第0款。\n依据《民法典》第1032条之0。\n\
                 依据《治安管理处罚法》第五十条第一款第〇项。\n\
                 依据《民法典》第一千零三十二条第1项至第4000000000项。\n";
    let output = fatiao()
        .args(["verify", "-", "--format", "json"])
        .write_stdin(draft)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1), "none of these passes");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let verdicts: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["verdict"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(verdicts, ["unreadable"; 7], "{report:#}");
    fatiao()
        .args(["verify", "-"])
        .write_stdin(draft)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("无法识别的条文编号7处"));
}

#[test]
fn verify_is_linear_on_long_lines() {
    let mut draft = String::from("依据");
    for _ in 0..20_000 {
        draft.push_str("《民法典》第1032条、");
    }
    draft.push('。');
    let started = Instant::now();
    fatiao()
        .args(["verify", "-", "--format", "json"])
        .write_stdin(draft)
        .assert()
        .success();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "20,000 citations on one line took {:?}",
        started.elapsed()
    );
}

/// An invalid UTF-8 line gets its own error object; the batch goes on.
#[test]
fn an_invalid_line_in_a_batch_is_answered_alone() {
    let mut input = b"\xe5\x80\x9f\xe9\x92\xb1\xe4\xb8\x8d\xe8\xbf\x98\n".to_vec(); // 借钱不还
    input.extend_from_slice(b"\xff\xfe bad\n");
    input.extend_from_slice("散布他人隐私\n".as_bytes());
    input.extend_from_slice(&vec![b'a'; 70 * 1024]);
    input.extend_from_slice("\n民法典1032\n".as_bytes());
    let output = fatiao()
        .args(["search", "--stdin"])
        .write_stdin(input)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 5, "one answer per line");
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("第 2 行")
    );
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[3]["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("第 4 行")
    );
    for i in [0, 2, 4] {
        assert!(
            !lines[i]["hits"].as_array().expect("hits").is_empty(),
            "line {} answered: {}",
            i + 1,
            lines[i]
        );
    }
}

/// SIGINT, SIGTERM or SIGHUP end a batch after a complete line.
#[test]
fn a_signal_ends_a_batch_after_a_whole_line() {
    for signal in ["INT", "TERM", "HUP"] {
        let mut child = std_command(&crate::util::shared_index())
            .args(["search", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        for query in ["借钱不还", "散布他人隐私"] {
            writeln!(stdin, "{query}").expect("write query");
        }
        stdin.flush().expect("flush");
        let mut first = String::new();
        stdout.read_line(&mut first).expect("first answer");
        assert!(first.ends_with('\n'));
        let killed = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut rest).expect("rest");
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(130), "SIG{signal}: exit code");
        assert!(
            rest.is_empty() || rest.ends_with('\n'),
            "SIG{signal}: cut-off line {rest:?}"
        );
        for line in first.lines().chain(rest.lines()) {
            serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines");
        }
        drop(stdin);
    }
}

/// Control characters in a draft or a query are shown escaped, never sent.
#[test]
fn control_characters_never_reach_the_terminal() {
    let output = fatiao()
        .args(["verify", "-"])
        .write_stdin("依据《\x1b]0;PWNED\x07民法典》第1032条。\x1b]52;c;cHduZWQ=\x07")
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stdout.contains('\x1b') && !stdout.contains('\x07'),
        "{stdout:?}"
    );
    assert!(stdout.contains("\\x1b]0;PWNED"), "{stdout}");
    for args in [
        &["search", "隐私\x1b]0;PWNED\x07", "law:\x1b[31mx"][..],
        &["show", "民法典\x1b]52;c;eA==\x071032"][..],
    ] {
        let output = fatiao().args(args).output().expect("run");
        for stream in [&output.stdout, &output.stderr] {
            assert!(
                !stream.contains(&0x1b),
                "{args:?}: {}",
                String::from_utf8_lossy(stream)
            );
        }
    }
    // JSON keeps them, escaped as JSON does.
    let output = fatiao()
        .args(["search", "--format", "json", "隐私\x1b"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&output.stdout).contains("\\u001b"));
}
