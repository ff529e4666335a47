//! `fatiao correspondence` (developer): the computed article correspondence
//! between a statute's two versions, as TSV.

use std::io::{self, Write};

use anyhow::bail;
use clap::Args;

use fatiao::correspondence;

use super::context::{Context, for_the_process};
use super::help::ARGUMENTS;
use super::options::CorpusArg;
use super::outcome::Outcome;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao correspondence > 对应表.tsv
  fatiao correspondence 网络安全法
  fatiao correspondence --corpus corpus/";

#[derive(Debug, Args)]
pub struct CorrespondenceArgs {
    /// 要对齐两个版本的法律（治安管理处罚法、网络安全法）· The statute whose two versions to align
    #[arg(default_value = "治安管理处罚法", help_heading = ARGUMENTS)]
    pub law: String,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context, args: &CorrespondenceArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(ctx.corpus()?);
    let Some(table) = correspondence::compute_between_versions(corpus, &args.law) else {
        bail!(
            "语料中没有{}的现行版本和已被取代的版本，无法计算对应关系；有两个版本的法律：{}",
            args.law,
            correspondence::BUILTIN_TABLES
                .iter()
                .map(|t| t.0)
                .collect::<Vec<_>>()
                .join("、")
        );
    };
    let mut out = io::stdout().lock();
    write!(out, "{}", table.to_tsv())?;
    Ok(Outcome::Success)
}
