//! The on-disk index: built on first use, rebuilt when corrupt, never shared
//! half-built, and in memory when the location cannot be written.

use std::fs;

use predicates::prelude::*;

use crate::util::{fatiao_with_index, std_command};

#[test]
fn index_command_reports_what_it_built() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    fatiao_with_index(&index)
        .arg("index")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("已建立索引")
                .and(predicate::str::contains("12 部法律版本，2666 条"))
                // Every article but the one deleted (刑法第一百九十九条).
                .and(predicate::str::contains("2666 条附俗语")),
        );
    fatiao_with_index(&index)
        .arg("index")
        .assert()
        .success()
        .stdout(predicate::str::contains("索引已是最新"));
    fatiao_with_index(&index)
        .args(["index", "--rebuild"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已建立索引"));
}

#[test]
fn a_corrupt_index_is_rebuilt_on_first_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    fatiao_with_index(&index).arg("index").assert().success();
    let current = index.join("current");
    let mut damaged = 0;
    for entry in fs::read_dir(&current).expect("index files").flatten() {
        let path = entry.path();
        if path.is_file() {
            fs::write(&path, b"\x00garbage").expect("damage index file");
            damaged += 1;
        }
    }
    assert!(damaged > 2, "expected several index files in {current:?}");
    fatiao_with_index(&index)
        .args(["search", "私人生活安宁"])
        .assert()
        .success()
        .stdout(predicate::str::contains("第一千零三十二条"));
    fatiao_with_index(&index)
        .arg("index")
        .assert()
        .success()
        .stdout(predicate::str::contains("索引已是最新"));
}

#[test]
fn an_unwritable_location_builds_in_memory_and_says_so_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("file.txt");
    fs::write(&file, "a regular file").expect("write file");
    // Nobody, not even root, can create a directory under a regular file.
    let output = fatiao_with_index(&file.join("index"))
        .args(["search", "私人生活安宁"])
        .output()
        .expect("run fatiao");
    assert!(
        output.status.success(),
        "search must still work: {output:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("内存").count(),
        1,
        "say it once on stderr:\n{stderr}"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("第一千零三十二条"),
        "results expected from the in-memory index"
    );
}

#[test]
fn processes_started_together_share_one_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    let children: Vec<_> = (0..3)
        .map(|_| {
            let mut cmd = std_command(&index);
            cmd.args(["search", "--format", "json", "隐私"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn fatiao")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait for fatiao");
        assert!(
            output.status.success(),
            "concurrent search failed: {output:?}"
        );
        let results: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("valid JSON from a concurrent search");
        assert!(
            !results["hits"].as_array().is_some_and(Vec::is_empty),
            "{results}"
        );
    }
    let leftovers: Vec<String> = fs::read_dir(&index)
        .expect("index dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "current" && name != "lock")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary build directories left: {leftovers:?}"
    );
}
