//! The command line: the clap definition of `fatiao` and its commands, and
//! the dispatch to them.
//!
//! Each command is one file holding its arguments (whose doc comments are
//! its `--help`), its examples, its `run` and its printers. What they share
//! is beside them: [`context`] (the corpus, the index, the colours),
//! [`options`] (option groups and values), [`style`] (colours and stderr
//! notices), [`refs`] (the references of `show`, `cite` and `letter`),
//! [`help`] (headings, layout, `fatiao help`). Output for people is Chinese
//! text, coloured on a terminal only (and never with `NO_COLOR`); output for
//! programs is JSON or JSON lines. A command returns an [`Outcome`], which
//! `main` turns into the exit code.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

mod argv;
mod cite;
mod completions;
mod context;
mod correspondence;
mod eval;
mod help;
mod index;
mod laws;
mod letter;
mod man;
mod mcp;
mod options;
mod outcome;
mod refs;
mod search;
mod show;
mod style;
mod tui;
mod verify;
mod version;

pub use argv::{args, args_want_json};
pub use outcome::Outcome;

use context::Context;
use options::{OutputFormat, TextOrJson};

/// 法条 fatiao：离线检索中国法律条文，每条结果都附规范引用。
/// Offline search of Chinese statutes, every result with its exact citation.
///
/// 不带命令运行 `fatiao` 打开交互界面。Run `fatiao` alone for the interactive screen.
#[derive(Debug, Parser)]
#[command(
    name = "fatiao",
    verbatim_doc_comment,
    disable_version_flag = true,
    disable_help_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = help::COMMANDS,
    after_help = help::MAIN_EXAMPLES,
)]
pub struct Cli {
    /// 索引目录 · Index directory [默认 default: $FATIAO_INDEX，从源码目录运行时为 ./index，否则为系统数据目录 else the platform data directory]
    #[arg(long, value_name = "DIR", help_heading = help::GLOBAL)]
    pub index: Option<PathBuf>,

    /// 从此文件夹读取语料（*.txt）代替内置语料 · Read the corpus from this folder of *.txt files instead of the built-in one
    #[arg(long, value_name = "DIR", help_heading = help::GLOBAL)]
    pub corpus: Option<PathBuf>,

    /// 显示版本和收录的法律 · Print the version and the statutes held
    #[arg(short = 'V', long, help_heading = help::GLOBAL)]
    pub version: bool,

    /// 显示帮助（-h 简要，--help 详细）· Print help (-h short, --help long)
    #[arg(short = 'h', long, action = ArgAction::Help, global = true, help_heading = help::GLOBAL)]
    pub help: Option<bool>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检索：大白话、词语或条文编号，按相关度列出条文和引用 · Search: plain words or a reference, ranked articles with citations
    #[command(after_help = search::EXAMPLES)]
    Search(search::SearchArgs),
    /// 查看条文全文：引用、所在章节、各款各项 · Show articles in full: citation, headings, paragraphs and items
    #[command(after_help = show::EXAMPLES)]
    Show(show::ShowArgs),
    /// 输出规范引用，可直接粘贴 · Print citations, ready to paste
    #[command(after_help = cite::EXAMPLES)]
    Cite(cite::CiteArgs),
    /// 生成文书：引用条文，或投诉、报警、律师函模板 · Write a document (.docx, Markdown, text): the citations, or a complaint, police report or lawyer's letter template
    #[command(after_help = letter::EXAMPLES)]
    Letter(letter::LetterArgs),
    /// 核对文书中的每一处引用是否存在、是否过时 · Check every citation in a letter or filing against the law of a date
    // Its examples, verdicts and exit codes: verify::after_help, set in `command`.
    Verify(verify::VerifyArgs),
    /// 列出收录的法律：版本、状态、条数 · List the statutes held: version, status, article count
    #[command(after_help = laws::EXAMPLES)]
    Laws(laws::LawsArgs),
    /// 交互界面（默认）：边输入边检索，阅读、标记、复制、导出 · The interactive screen (the default): search as you type, read, mark, copy, export
    #[command(after_help = tui::EXAMPLES)]
    Tui(tui::TuiArgs),
    /// 生成 shell 补全脚本 · Print a shell completion script
    #[command(after_help = completions::EXAMPLES)]
    Completions(completions::CompletionsArgs),
    /// 生成手册页（man page）· Print the man page
    #[command(after_help = man::EXAMPLES)]
    Man(man::ManArgs),
    /// 显示帮助；`fatiao help dev` 列出开发者命令 · Print help; `fatiao help dev` lists the developer commands
    #[command(after_help = help::EXAMPLES)]
    Help(help::HelpArgs),
    /// [开发 dev] 现在建立索引并报告 · Build the index now and say what was built
    #[command(hide = true, after_help = index::EXAMPLES)]
    Index(index::IndexArgs),
    /// [开发 dev] 输出计算得出的两版条文对应表（TSV）· Print the computed article correspondence between a statute's two versions (TSV)
    #[command(hide = true, after_help = correspondence::EXAMPLES)]
    Correspondence(correspondence::CorrespondenceArgs),
    /// [开发 dev] 用已知答案的问题集衡量排序：召回、命中、MRR · Measure ranking on question sets with known answers
    #[command(hide = true, after_help = eval::EXAMPLES)]
    Eval(eval::EvalArgs),
    /// 为 AI 助手提供 MCP 服务（标准输入输出）· Serve the Model Context Protocol on stdin/stdout, for AI assistants (see README)
    #[command(after_help = mcp::EXAMPLES)]
    Mcp(mcp::McpArgs),
}

/// The command line as clap sees it, with the Chinese-and-English layout on
/// every command. Completions, the man page and the help snapshots use it too.
pub fn command() -> clap::Command {
    let command = Cli::command()
        .help_template(help::TEMPLATE)
        .mut_subcommand("verify", |c| c.after_help(verify::after_help()));
    with_template(command)
}

fn with_template(command: clap::Command) -> clap::Command {
    command.mut_subcommands(|sub| with_template(sub.help_template(help::TEMPLATE)))
}

/// Parses the process arguments with [`command`]; `--help` and usage
/// errors come back as clap errors for `main` to print.
pub fn try_parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// Run the command line; the caller maps the outcome to the exit code and
/// errors to exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let ctx = cli.context();
    if cli.version {
        return version::run(&ctx);
    }
    let Some(subcommand) = &cli.command else {
        return tui::run(&ctx, &[]);
    };
    match subcommand {
        Command::Search(args) => search::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Cite(args) => cite::run(&ctx, args),
        Command::Letter(args) => letter::run(&ctx, args),
        Command::Laws(args) => laws::run(&ctx, args),
        Command::Index(args) => index::run(&ctx, args),
        Command::Verify(args) => verify::run(&ctx, args),
        Command::Correspondence(args) => correspondence::run(&ctx, args),
        Command::Tui(args) => tui::run(&ctx, &args.query),
        Command::Eval(args) => eval::run(&ctx, args),
        Command::Mcp(_) => mcp::run(&ctx),
        Command::Completions(args) => completions::run(args, command()),
        Command::Man(args) => man::run(args, command()),
        Command::Help(args) => help::run(args, command()),
    }
}

impl Cli {
    /// Did the user ask for JSON? Then errors are JSON documents on stdout too.
    pub fn wants_json(&self) -> bool {
        match &self.command {
            Some(Command::Search(a)) => a.format.is_some_and(OutputFormat::is_json),
            Some(Command::Laws(a)) => a.format.is_json(),
            Some(Command::Eval(a)) => a.format.is_json(),
            Some(Command::Show(a)) => a.format == TextOrJson::Json,
            Some(Command::Verify(a)) => a.format == TextOrJson::Json,
            Some(Command::Cite(a)) => a.format == cite::LetterFormatArg::Json,
            _ => false,
        }
    }

    /// The options before the command, overridden by those the command takes
    /// itself (`fatiao --index A search --index B` searches B).
    fn context(&self) -> Context {
        let (index, corpus, color) = match &self.command {
            Some(Command::Search(a)) => (Some(&a.index), Some(&a.corpus), Some(&a.color)),
            Some(Command::Show(a)) => (None, Some(&a.corpus), Some(&a.color)),
            Some(Command::Cite(a)) => (None, Some(&a.corpus), None),
            Some(Command::Letter(a)) => (None, Some(&a.corpus), None),
            Some(Command::Laws(a)) => (None, Some(&a.corpus), Some(&a.color)),
            Some(Command::Index(a)) => (Some(&a.index), Some(&a.corpus), None),
            Some(Command::Verify(a)) => (None, Some(&a.corpus), None),
            Some(Command::Correspondence(a)) => (None, Some(&a.corpus), None),
            Some(Command::Tui(a)) => (Some(&a.index), Some(&a.corpus), None),
            Some(Command::Eval(a)) => (Some(&a.index), Some(&a.corpus), None),
            Some(Command::Mcp(a)) => (Some(&a.index), Some(&a.corpus), None),
            Some(Command::Completions(_) | Command::Man(_) | Command::Help(_)) | None => {
                (None, None, None)
            }
        };
        Context::new(self.index.clone(), self.corpus.clone())
            .with_command_options(index, corpus, color)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn exclusions_are_not_taken_for_flags() {
        let cli = Cli::try_parse_from(
            ["fatiao", "search", "隐私", "-拘留", "-n", "2"]
                .map(OsString::from)
                .map(argv::protect_exclusion),
        )
        .expect("-拘留 must parse as a query word");
        let Some(Command::Search(args)) = cli.command else {
            panic!("expected the search command");
        };
        assert_eq!(args.query, ["隐私", "－拘留"], "query words");
        assert_eq!(args.limit, 2, "-n after the exclusion is still a flag");
    }
}
