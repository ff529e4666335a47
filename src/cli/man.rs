//! `fatiao man [COMMAND] [--out-dir DIR]`: man pages, from the same clap
//! definition as `--help`.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use super::help::{ARGUMENTS, OPTIONS};
use super::outcome::Outcome;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao man | man -l -                  阅读 · read it
  fatiao man search | man -l -           一个命令的手册页 · one command's page
  fatiao man --out-dir ~/.local/share/man/man1   写出全部手册页 · write every page";

#[derive(Debug, Args)]
pub struct ManArgs {
    /// 只输出这个命令的手册页 · Only this command's page
    #[arg(value_name = "COMMAND", help_heading = ARGUMENTS)]
    pub command: Option<String>,

    /// 把全部手册页写入此目录（fatiao.1、fatiao-search.1 ……）· Write every page (fatiao.1, fatiao-search.1 …) into this directory
    #[arg(long, value_name = "DIR", conflicts_with = "command", help_heading = OPTIONS)]
    pub out_dir: Option<PathBuf>,
}

/// Prints the page of `command` or of one of its subcommands, or writes them all.
pub fn run(args: &ManArgs, mut command: clap::Command) -> anyhow::Result<Outcome> {
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建 {}", dir.display()))?;
        clap_mangen::generate_to(command, dir)
            .with_context(|| format!("无法写入 {}", dir.display()))?;
        println!("手册页已写入 {}", dir.display());
        return Ok(Outcome::Success);
    }
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            // Built: its display name is fatiao-NAME, the page's title.
            Some(sub) => sub.clone(),
            None => bail!("没有命令“{name}”；用 `fatiao help` 查看命令"),
        },
    };
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(page)
        .source(format!("fatiao {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out)?;
    out.flush()?;
    Ok(Outcome::Success)
}
