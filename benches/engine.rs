//! Benchmarks on the real corpus: index build, article-reference lookup and
//! free-text search latency.
//!
//! Targets on the project's 2-core machine: full build under 1 s, search p50
//! under 0.5 ms. The one-shot process time (`fatiao search …` from start to
//! exit) is measured with hyperfine; see benches/README.md.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fatiao::Corpus;
use fatiao::index::{IndexLocation, open_or_build};
use fatiao::search::{Engine, QueryKind, SearchOptions};

/// Realistic questions, copied from ../shared/eval (scenarios_dev.jsonl and
/// stard_dev.jsonl) so the bench does not depend on files outside the repository.
const QUERIES: &[&str] = &[
    "催收打电话给我父母和朋友",
    "催收群发短信给我的通讯录好友",
    "被催收骚扰怎么报警处理",
    "网贷逾期利息怎么算",
    "高利贷受法律保护吗",
    "我的隐私被泄露了怎么办",
    "催收短信侮辱我",
    "出售公民个人信息要拘留吗",
    "夫妻一方经营个体工商户所欠债务，谁偿还？",
    "名为“个体工商户”实为“合伙”，内部发生纠纷时如何认定？",
    "土地承包经营权可否作为夫妻共同财产？",
    "因运输者、仓储者等第三人的过错使产品存在缺陷，造成他人损害，谁承担侵权责任？",
    "患者在医院自杀，医院是否要赔偿病人家属？",
    "冒用他人姓名，构成侵害姓名权吗？",
    "死者的名誉权受到损害，哪些人可以作为原告提起民事诉讼？",
    "散布他人隐私",
    "私人生活安宁",
    "\"管理行为\" 罚款",
];

/// References in the forms people type.
const REFERENCES: &[&str] = &[
    "民法典1032",
    "民法典第一千零三十二条",
    "《中华人民共和国民法典》第一千零三十二条",
    "治安管理处罚法第五十条第一款第五项",
    "2012年治安管理处罚法第四十二条",
    "民法典1032-1034",
];

fn corpus() -> Arc<Corpus> {
    Arc::new(Corpus::builtin().expect("built-in corpus parses"))
}

fn engine(corpus: &Arc<Corpus>) -> Engine {
    Engine::open(Arc::clone(corpus), &IndexLocation::InMemory).expect("index builds")
}

fn index_build(c: &mut Criterion) {
    let corpus = corpus();
    let articles = corpus.article_count();
    let dir = tempfile::tempdir().expect("temp dir");
    let on_disk = IndexLocation::Dir(dir.path().join("index"));
    let mut group = c.benchmark_group("index_build");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("in_memory", |b| {
        b.iter(|| {
            let index = open_or_build(&corpus, &IndexLocation::InMemory, true).expect("build");
            assert_eq!(index.reader.searcher().num_docs() as usize, articles);
            black_box(index)
        })
    });
    group.bench_function("on_disk", |b| {
        b.iter(|| {
            let index = open_or_build(&corpus, &on_disk, true).expect("build");
            assert!(index.built.is_some(), "rebuild=true must build");
            black_box(index)
        })
    });
    group.bench_function("open_existing", |b| {
        b.iter(|| {
            let index = open_or_build(&corpus, &on_disk, false).expect("open");
            assert!(
                index.built.is_none(),
                "an up-to-date index must only be opened"
            );
            black_box(index)
        })
    });
    group.finish();
}

fn reference_lookup(c: &mut Criterion) {
    let corpus = corpus();
    let engine = engine(&corpus);
    let options = SearchOptions::default();
    let mut group = c.benchmark_group("reference_lookup");
    for (i, reference) in REFERENCES.iter().enumerate() {
        group.bench_with_input(BenchmarkId::from_parameter(i), reference, |b, reference| {
            b.iter(|| {
                let results = engine
                    .search(black_box(reference), &options)
                    .expect("search");
                assert_eq!(results.kind, QueryKind::Reference);
                assert!(!results.hits.is_empty(), "{reference} found nothing");
                results
            })
        });
    }
    group.finish();
}

fn search_latency(c: &mut Criterion) {
    let corpus = corpus();
    let engine = engine(&corpus);
    let options = SearchOptions::default();
    let mut group = c.benchmark_group("search");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    // One benchmark per query: the median of the per-query medians is the p50.
    for (i, query) in QUERIES.iter().enumerate() {
        group.bench_with_input(BenchmarkId::from_parameter(i), query, |b, query| {
            b.iter(|| {
                let results = engine.search(black_box(query), &options).expect("search");
                assert!(!results.hits.is_empty(), "{query} found nothing");
                results
            })
        });
    }
    group.finish();
}

criterion_group!(benches, index_build, reference_lookup, search_latency);
criterion_main!(benches);
