//! `fatiao mcp`: the Model Context Protocol server (`crate::mcp`) on
//! stdin/stdout, over the engine every command opens (the index notice
//! goes to stderr, as everywhere).

use clap::Args;

use super::context::Context;
use super::options::{CorpusArg, IndexArg};
use super::outcome::Outcome;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao mcp                           由 AI 助手启动 · started by an AI assistant
  fatiao mcp --index ~/.cache/fatiao   指定索引目录 · with an index directory";

#[derive(Debug, Args)]
pub struct McpArgs {
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context) -> anyhow::Result<Outcome> {
    crate::mcp::run(ctx.load_engine()?)?;
    Ok(Outcome::Success)
}
