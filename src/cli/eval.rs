//! `fatiao eval` (developer): ranking measured on question sets with known
//! answers (recall, hits, MRR), with ranking knobs set for one run.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use fatiao::contract::{self, Document};
use fatiao::eval::{self, Split};
use fatiao::search::SearchOptions;

use super::context::{Context, for_the_process};
use super::help::{ARGUMENTS, OPTIONS};
use super::options::{CorpusArg, IndexArg, OutputFormat, bounded};
use super::outcome::Outcome;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao eval benches/eval/*.jsonl
  fatiao eval --halves --set section=0 benches/eval/lay.jsonl";

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// 问题集（JSON lines）· Question sets, JSON lines: {"query": "…", "gold": ["民法典:1032", "治安管理处罚法@2012:42"]}
    #[arg(value_name = "FILE", required = true, help_heading = ARGUMENTS)]
    pub files: Vec<PathBuf>,

    /// 只按法条原文检索 · The statutes' own words only: no lay-to-legal expansions, no lay phrases
    #[arg(long, help_heading = OPTIONS)]
    pub no_expand: bool,

    /// 包括旧版本 · Include superseded versions in the search
    #[arg(long, help_heading = OPTIONS)]
    pub all_versions: bool,

    /// 分别报告奇数行和偶数行 · Also report each file's even and odd lines apart (tune on one half, check on the other)
    #[arg(long, help_heading = OPTIONS)]
    pub halves: bool,

    /// 临时设置排序参数，如 --set section=0（可重复）· Set a ranking knob for this run, e.g. --set section=0 (repeatable; see fatiao::rank::Tuning)
    #[arg(long = "set", value_name = "NAME=VALUE", help_heading = OPTIONS)]
    pub set: Vec<String>,

    /// 列出前 N 名中没有正确答案的查询（0：不列；至多 1000）· List the queries with no gold article in the top N, with what came instead (0: none; at most 1000)
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = bounded::<0, { fatiao::search::MAX_LIMIT }>, help_heading = OPTIONS)]
    pub misses: usize,

    /// 输出格式 · Output format (json: every query with its ranks and hits)
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context, args: &EvalArgs) -> anyhow::Result<Outcome> {
    let mut engine = ctx.load_engine()?;
    let mut tuning = *engine.tuning();
    for assignment in &args.set {
        tuning.set(assignment)?;
    }
    engine.set_tuning(tuning);
    let engine = for_the_process(engine);
    let options = SearchOptions {
        expand: !args.no_expand,
        all_versions: args.all_versions,
        ..SearchOptions::default()
    };
    let splits: &[Split] = if args.halves {
        &[Split::All, Split::Even, Split::Odd]
    } else {
        &[Split::All]
    };
    let mut reports = Vec::new();
    for file in &args.files {
        let cases = eval::load_cases(file, engine.corpus())
            .with_context(|| format!("无法读取问题集 {}", file.display()))?;
        for &split in splits {
            let name = file.display().to_string();
            reports.push(eval::evaluate(engine, &name, &cases, split, &options)?);
        }
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        OutputFormat::Json => writeln!(
            out,
            "{}",
            Document::new(contract::EvalDoc { reports: &reports }).to_pretty()?
        )?,
        OutputFormat::Jsonl => {
            for report in &reports {
                writeln!(out, "{}", Document::new(report).to_line()?)?;
            }
        }
        OutputFormat::Text => {
            for report in &reports {
                // Misses once per file, not again for each half.
                let misses = if report.split == Split::All {
                    args.misses
                } else {
                    0
                };
                writeln!(out, "{}", report.render(misses))?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
