//! `fatiao index` (developer): build the index now and say what was built,
//! or `--check` it without changing anything.

use std::io::{self, Write};
use std::time::Instant;

use anyhow::{Context as _, bail};
use clap::Args;

use fatiao::corpus::Corpus;
use fatiao::index::{IndexLocation, open_or_build};
use fatiao::sanitize::escape_controls;

use super::context::{Context, for_the_process};
use super::help::OPTIONS;
use super::options::{CorpusArg, IndexArg};
use super::outcome::Outcome;
use super::style;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao index
  fatiao index --rebuild --index /tmp/fatiao-index";

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// 即使索引已是最新也重建 · Rebuild even if the index is up to date
    #[arg(long, conflicts_with = "check", help_heading = OPTIONS)]
    pub rebuild: bool,

    /// 只检查索引、不做修改：指纹、每个文件的哈希、Tantivy 校验和、能否打开、是否含全部条文（损坏时退出码 1）· Check the index without changing it: fingerprint, every file's hash, Tantivy's checksums, that it opens and holds every article (exit 1 if damaged)
    #[arg(long, help_heading = OPTIONS)]
    pub check: bool,

    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context, args: &IndexArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let corpus = for_the_process(ctx.corpus()?);
    let location = ctx.index_location();
    if args.check {
        return check(corpus, &location);
    }
    let opened =
        for_the_process(open_or_build(corpus, &location, args.rebuild).context("无法建立索引")?);
    if let Some(notice) = &opened.notice {
        style::notice(notice);
    }
    // Asked to build where it cannot be written: an in-memory index is no answer.
    if location != IndexLocation::InMemory && opened.location == IndexLocation::InMemory {
        bail!("索引没有写入磁盘（见上）；请用 --index DIR 指定可写的位置");
    }
    let place = match &opened.location {
        IndexLocation::Dir(dir) => dir.display().to_string(),
        IndexLocation::InMemory => "内存（未保存）".to_string(),
    };
    let mut out = io::stdout().lock();
    match &opened.built {
        Some(report) => writeln!(
            out,
            "已建立索引：{} 部法律版本，{} 条（{} 条附俗语），词表 {} 词，用时 {:.2} 秒\n位置：{place}",
            report.statutes,
            report.articles,
            report.with_phrases,
            report.vocabulary,
            report.elapsed.as_secs_f64()
        )?,
        None => writeln!(
            out,
            "索引已是最新：{} 部法律版本，{} 条（{:.2} 秒）；用 --rebuild 重建\n位置：{place}",
            corpus.statute_count(),
            corpus.indexed_article_count(),
            started.elapsed().as_secs_f64()
        )?,
    }
    Ok(Outcome::Success)
}

/// `fatiao index --check`: what is wrong with the index, changing nothing.
fn check(corpus: &Corpus, location: &IndexLocation) -> anyhow::Result<Outcome> {
    let IndexLocation::Dir(dir) = location else {
        bail!("没有磁盘上的索引可检查（索引在内存中）");
    };
    let report = fatiao::index::check(corpus, dir);
    let mut out = io::stdout().lock();
    if report.is_sound() {
        writeln!(
            out,
            "索引完好：{} 个文件与建立时一致，Tantivy 校验和通过，{} 条全部可读\n位置：{}",
            report.files,
            corpus.article_count(),
            report.path.display()
        )?;
        return Ok(Outcome::Success);
    }
    writeln!(out, "索引已损坏：{}", report.path.display())?;
    for problem in &report.problems {
        writeln!(out, "  {}", escape_controls(problem))?;
    }
    writeln!(
        out,
        "下次检索时会自动重建；也可以现在运行 `fatiao index --rebuild`"
    )?;
    Ok(Outcome::ProblemsFound)
}
