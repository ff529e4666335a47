//! Where the time of a one-shot `fatiao search` goes, phase by phase, in one
//! process (medians of N fresh runs of each phase, in ms).
//!
//! ```sh
//! cargo run --release --example phases -- [INDEX_DIR] [N]
//! ```
//!
//! The index at INDEX_DIR (default `target/phases-index`) is built first if
//! needed. `FATIAO_BENCH_CORPUS=DIR` measures that corpus instead of the
//! built-in one.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fatiao::corpus::Corpus;
use fatiao::index::{IndexLocation, open_or_build};
use fatiao::search::{Engine, SearchOptions};

fn corpus() -> Corpus {
    match std::env::var_os("FATIAO_BENCH_CORPUS") {
        Some(dir) => Corpus::load_dir(Path::new(&dir)).expect("FATIAO_BENCH_CORPUS loads"),
        None => Corpus::builtin().expect("built-in corpus"),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/phases-index"),
        PathBuf::from,
    );
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let location = IndexLocation::Dir(dir);
    open_or_build(&corpus(), &location, false).expect("index");

    let mut phases: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut record = |name: &'static str, d: Duration| match phases.iter_mut().find(|p| p.0 == name)
    {
        Some(p) => p.1.push(d),
        None => phases.push((name, vec![d])),
    };
    let options = SearchOptions::default();
    for _ in 0..runs {
        let t = Instant::now();
        let corpus = corpus();
        record("corpus parse", t.elapsed());
        let t = Instant::now();
        let count = corpus.phrases.article_count(&corpus.statutes);
        record("lay phrases parse", t.elapsed());
        assert!(count > 0 || std::env::var_os("FATIAO_BENCH_CORPUS").is_some());
        let t = Instant::now();
        let index = open_or_build(&corpus, &location, false).expect("open");
        record("index open (vocabulary, word tokenizer)", t.elapsed());
        let t = Instant::now();
        let phrase_words = index.phrase_words().words("房东");
        record("phrase tokenizer", t.elapsed());
        std::hint::black_box(phrase_words);
        let t = Instant::now();
        let engine = Engine::new(Arc::new(corpus), index);
        record("engine (sections)", t.elapsed());
        let t = Instant::now();
        let results = engine
            .search("催收打电话给我父母和朋友", &options)
            .expect("search");
        record("first free-text search (lexicon)", t.elapsed());
        assert!(!results.hits.is_empty());
        let t = Instant::now();
        let results = engine
            .search("催收打电话给我父母和朋友", &options)
            .expect("search");
        record("same search again", t.elapsed());
        assert!(!results.hits.is_empty());
        let t = Instant::now();
        let results = engine.search("民法典1032", &options).expect("search");
        record("reference search", t.elapsed());
        assert!(!results.hits.is_empty());
        let t = Instant::now();
        drop(results);
        drop(engine);
        record("drop engine and corpus", t.elapsed());
    }
    println!("| phase | median ms |\n|---|---|");
    for (name, mut times) in phases {
        times.sort();
        println!(
            "| {name} | {:.3} |",
            times[times.len() / 2].as_secs_f64() * 1000.0
        );
    }
}
