//! `fatiao laws`: the statutes held, with version, status, kind, dates,
//! article counts and the partial notice.

use std::io::{self, Write};

use clap::Args;

use fatiao::contract::{self, Document, StatuteInfo};

use super::context::{Context, for_the_process};
use super::help::OPTIONS;
use super::options::{ColorOpt, CorpusArg, OutputFormat};
use super::outcome::Outcome;
use super::style::Style;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao laws
  fatiao laws --format json";

#[derive(Debug, Args)]
pub struct LawsArgs {
    /// 输出格式 · Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub color: ColorOpt,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context, args: &LawsArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(ctx.corpus()?);
    let doc = contract::laws(corpus);
    let style = ctx.style();
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", doc.to_pretty()?)?,
        OutputFormat::Jsonl => {
            for statute in &doc.body.statutes {
                writeln!(out, "{}", Document::new(statute).to_line()?)?;
            }
        }
        OutputFormat::Text => {
            for line in &doc.body.statutes {
                print_statute_line(&mut out, line, &style)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// One statute version: title, kind, version, status, dates, counts, and
/// what it holds outside its articles.
fn print_statute_line(
    out: &mut impl Write,
    line: &StatuteInfo,
    style: &Style,
) -> anyhow::Result<()> {
    let mut status = line.status_label.to_string();
    if !line.version_label.is_empty() {
        status = format!("{status}（{}）", line.version_label);
    }
    let effective = if line.effective.is_empty() {
        String::new()
    } else {
        format!("  {}起施行", line.effective)
    };
    let deleted = if line.deleted_articles > 0 {
        format!("（其中{}条已删除）", line.deleted_articles)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}  {}  {}版  {status}{effective}  共{}条{deleted}",
        style.bold(&format!("《{}》", line.title)),
        line.kind_label,
        line.version,
        line.article_count
    )?;
    writeln!(out, "    简称：{}", line.law)?;
    if line.single_source {
        writeln!(out, "    单一来源：没有第二份副本可供核对文本")?;
    }
    let outside: Vec<String> = [
        (line.preamble, "序言"),
        (line.notes, "注释"),
        (line.appendices, "附件"),
    ]
    .into_iter()
    .filter(|&(n, _)| n > 0)
    .map(|(n, what)| {
        if what == "序言" {
            what.to_string()
        } else {
            format!("{n}{}{what}", if what == "附件" { "个" } else { "条" })
        }
    })
    .collect();
    if !outside.is_empty() {
        writeln!(
            out,
            "    另有{}（不属于任何条文）：fatiao show {}",
            outside.join("、"),
            line.law
        )?;
    }
    if line.partial {
        writeln!(out, "    部分收录：{}", line.notice)?;
    }
    Ok(())
}
