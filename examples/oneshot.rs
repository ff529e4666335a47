//! One-shot process timings, interleaved: each round runs every command once,
//! in turn, so that a machine whose load changes during the run slows every
//! command alike and the ratios stay fair. Each fatiao binary is timed beside
//! `rg -c` over the same corpus, in the same run.
//!
//! ```sh
//! cargo run --release --example oneshot -- [--corpus DIR] [--rounds N] BIN [BIN...]
//! ```
//!
//! Every BIN gets an index of its own under `target/oneshot/` (built, and
//! timed, before the rounds). With `--corpus DIR` the binaries search DIR and
//! `rg` reads DIR; without it they search the built-in corpus and `rg` reads
//! `corpus/`. Prints a Markdown table: median and p90 in ms, and the median's
//! ratio to the median of `rg -c 催收`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const QUERIES: &[&[&str]] = &[
    &["search", "催收打电话给我父母和朋友"],
    &["search", "散布他人隐私"],
    &["search", "民法典1032"],
    &["show", "民法典1032"],
    &["cite", "民法典1032"],
    &["verify", "benches/data/letter.txt"],
];

struct Case {
    label: String,
    program: PathBuf,
    args: Vec<String>,
    times: Vec<Duration>,
}

fn main() {
    if let Err(message) = run() {
        eprintln!("oneshot: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut corpus: Option<PathBuf> = None;
    let mut rounds = 100usize;
    let mut bins = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => corpus = Some(args.next().ok_or("--corpus needs a folder")?.into()),
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--rounds needs a number")?
            }
            _ => bins.push(PathBuf::from(arg)),
        }
    }
    if bins.is_empty() {
        return Err("usage: oneshot [--corpus DIR] [--rounds N] BIN [BIN...]".to_string());
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).map_err(|e| e.to_string())?;
    let out = root.join("target/oneshot");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    let mut cases = Vec::new();
    for (i, bin) in bins.iter().enumerate() {
        let index = out.join(format!("index-{i}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&index);
        let mut common = vec!["--index".to_string(), index.display().to_string()];
        if let Some(dir) = &corpus {
            common.extend(["--corpus".to_string(), dir.display().to_string()]);
        }
        let started = Instant::now();
        let status = Command::new(bin)
            .args(&common)
            .arg("index")
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        if !status.success() {
            return Err(format!("{} index failed", bin.display()));
        }
        println!(
            "{} (#{i}): index built in {:.0} ms",
            bin.display(),
            started.elapsed().as_secs_f64() * 1000.0
        );
        for query in QUERIES {
            cases.push(Case {
                label: format!("#{i} fatiao {}", query.join(" ")),
                program: bin.clone(),
                args: common
                    .iter()
                    .cloned()
                    .chain(query.iter().map(|s| s.to_string()))
                    .collect(),
                times: Vec::new(),
            });
        }
    }
    let rg_dir = corpus
        .as_ref()
        .map_or("corpus".to_string(), |d| d.display().to_string());
    for word in ["催收", "散布他人隐私"] {
        cases.push(Case {
            label: format!("rg -c {word}"),
            program: "rg".into(),
            args: vec!["-c".to_string(), word.to_string(), rg_dir.clone()],
            times: Vec::new(),
        });
    }

    // Warm-up round, then the timed rounds.
    for round in 0..=rounds {
        for case in &mut cases {
            let started = Instant::now();
            let status = Command::new(&case.program)
                .args(&case.args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| format!("{}: {e}", case.label))?;
            let elapsed = started.elapsed();
            // verify exits 1 for a citation that is not ok; 2 is an error.
            if status.code() == Some(2) || status.code().is_none() {
                return Err(format!("{} failed: {status}", case.label));
            }
            if round > 0 {
                case.times.push(elapsed);
            }
        }
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let quantile = |times: &[Duration], q: f64| {
        let mut sorted = times.to_vec();
        sorted.sort();
        sorted[((sorted.len() - 1) as f64 * q).round() as usize]
    };
    let rg = cases
        .iter()
        .find(|c| c.label == "rg -c 催收")
        .map(|c| quantile(&c.times, 0.5))
        .ok_or("no rg case")?;
    println!("\n{rounds} interleaved rounds; corpus: {rg_dir}\n");
    println!("| command | median ms | p90 ms | × rg -c 催收 |");
    println!("|---|---|---|---|");
    for case in &cases {
        let median = quantile(&case.times, 0.5);
        println!(
            "| `{}` | {:.2} | {:.2} | {:.2} |",
            case.label,
            ms(median),
            ms(quantile(&case.times, 0.9)),
            ms(median) / ms(rg)
        );
    }
    Ok(())
}
