//! In-process search latency over every development question set: p50, p90,
//! p99 and max of single queries, on the built-in corpus (or the corpus in
//! `FATIAO_BENCH_CORPUS`, e.g. the large one of `examples/large_corpus.rs`).
//!
//! The question sets are read from `FATIAO_EVAL_DIR`, else `../shared/eval`
//! or `../../shared/eval` (a helper worktree), every `*.jsonl` there; without
//! them the bench says so and measures nothing. Criterion times whole passes
//! over all questions; each question is also timed on its own in every pass,
//! and the percentiles of those times are printed at the end.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use fatiao::corpus::Corpus;
use fatiao::index::IndexLocation;
use fatiao::search::{Engine, SearchOptions};

fn eval_dir() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        std::env::var_os("FATIAO_EVAL_DIR").map(PathBuf::from),
        Some(repo.join("../shared/eval")),
        Some(repo.join("../../shared/eval")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_dir())
}

/// Every question of every `*.jsonl` in `dir`, in file order.
fn questions(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list the question sets")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a question set");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let query = value["query"].as_str().expect("a query field");
            out.push(query.to_string());
        }
    }
    out
}

fn corpus() -> Corpus {
    match std::env::var_os("FATIAO_BENCH_CORPUS") {
        Some(dir) => Corpus::load_dir(Path::new(&dir)).expect("FATIAO_BENCH_CORPUS loads"),
        None => Corpus::builtin().expect("the built-in corpus parses"),
    }
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn dev_sets(c: &mut Criterion) {
    let Some(dir) = eval_dir() else {
        eprintln!("latency: no question sets (set FATIAO_EVAL_DIR); nothing measured");
        return;
    };
    let questions = questions(&dir);
    assert!(!questions.is_empty(), "no questions in {}", dir.display());
    let corpus = Arc::new(corpus());
    let articles = corpus.article_count();
    let engine = Engine::open(corpus, &IndexLocation::InMemory).expect("in-memory index");
    let options = SearchOptions::default();
    let mut each: Vec<Duration> = Vec::new();
    let mut group = c.benchmark_group("latency");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function(format!("dev_sets/{}q", questions.len()), |b| {
        b.iter_custom(|passes| {
            let mut total = Duration::ZERO;
            for _ in 0..passes {
                for question in &questions {
                    let started = Instant::now();
                    let results = engine.search(question, &options).expect("search");
                    let elapsed = started.elapsed();
                    assert!(!results.hits.is_empty(), "{question} found nothing");
                    std::hint::black_box(&results);
                    total += elapsed;
                    each.push(elapsed);
                }
            }
            total
        })
    });
    group.finish();
    each.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "latency/dev_sets: {} questions from {}, {articles} articles, {} timed searches: \
         p50 {:.0} µs, p90 {:.0} µs, p99 {:.0} µs, max {:.0} µs",
        questions.len(),
        dir.display(),
        each.len(),
        us(percentile(&each, 0.5)),
        us(percentile(&each, 0.9)),
        us(percentile(&each, 0.99)),
        us(*each.last().expect("timed searches")),
    );
}

criterion_group!(benches, dev_sets);
criterion_main!(benches);
