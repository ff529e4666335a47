//! Writes a large synthetic corpus for the scaling benches: the built-in
//! corpus copied N times, each copy under other titles (标题, 简称 and 别名
//! changed; the article text untouched), with its lay phrases renamed to
//! match. Bench data only: it is written under `target/`, never committed.
//!
//! ```sh
//! cargo run --release --example large_corpus -- [COPIES] [DIR]
//! ```
//!
//! Defaults: 10 copies (26,670 articles) into `target/large-corpus`.

use std::fmt::Write as _;
use std::path::PathBuf;

use fatiao::corpus::{BUILTIN_FILES, phrases};

fn main() {
    let mut args = std::env::args().skip(1);
    let copies: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let dir = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/large-corpus"),
        PathBuf::from,
    );
    if let Err(e) = write(copies, &dir) {
        eprintln!("large_corpus: {e}");
        std::process::exit(2);
    }
}

fn write(copies: usize, dir: &std::path::Path) -> std::io::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let mut phrase_lines = String::new();
    let mut articles = 0usize;
    for copy in 0..copies {
        // Copy 0 is the built-in corpus itself; the others are renamed.
        let suffix = if copy == 0 {
            String::new()
        } else {
            format!("副本{copy}")
        };
        for (name, text) in BUILTIN_FILES {
            let mut out = String::with_capacity(text.len() + 64);
            let mut in_header = true;
            for line in text.lines() {
                if in_header && line.trim().is_empty() {
                    in_header = false;
                }
                let renamed = in_header
                    .then(|| rename_header_line(line, &suffix))
                    .flatten();
                out.push_str(renamed.as_deref().unwrap_or(line));
                out.push('\n');
                if !in_header && line.starts_with('第') && line.contains("条 ") {
                    articles += 1;
                }
            }
            std::fs::write(dir.join(format!("{copy:03}-{name}")), out)?;
        }
        for line in phrases::BUILTIN_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some((law, rest)) = line.split_once('\t') {
                let _ = writeln!(phrase_lines, "{law}{suffix}\t{rest}");
            }
        }
    }
    std::fs::write(dir.join(phrases::FILE_NAME), phrase_lines)?;
    println!(
        "{} statute versions, about {articles} articles, in {}",
        copies * BUILTIN_FILES.len(),
        dir.display()
    );
    Ok(())
}

/// The header line with the copy's names: 标题 and 简称 get the suffix, 别名
/// is emptied (an alias names one statute only).
fn rename_header_line(line: &str, suffix: &str) -> Option<String> {
    if suffix.is_empty() {
        return None;
    }
    let (key, value) = line.split_once('：')?;
    match key {
        "标题" | "简称" => Some(format!("{key}：{value}{suffix}")),
        "别名" => Some(format!("{key}：")),
        _ => None,
    }
}
