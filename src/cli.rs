//! The command line: clap definitions and one function per subcommand.
//!
//! Output for people is Chinese text, coloured on a terminal only (and never
//! with `NO_COLOR`); output for programs is JSON or JSON lines. Exit codes:
//! 0 with results, 1 with none, 2 on error (set in `main` from each
//! command's [`Outcome`]).

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use fatiao::cite::{self, CiteStyle, LetterFormat};
use fatiao::contract::{self, CiteMode, Document, ErrorInfo, Unresolved};
use fatiao::corpus::{Article, Corpus, Statute};
use fatiao::correspondence;
use fatiao::eval::{self, Split};
use fatiao::index::{IndexLocation, open_or_build};
use fatiao::reference::{self, Resolution, ResolvedRef};
use fatiao::sanitize::escape_controls;
use fatiao::search::{Engine, QueryKind, ReferenceAnswer, SearchOptions, SearchResults};

mod help;
mod letter;
mod refs;

pub use help::try_parse_from as try_parse;

/// What a command that ran to its end found; `main` turns it into the exit
/// code (the one place the exit policy is written), errors into 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, with what was asked for: exit 0.
    Success,
    /// Looked and found nothing: a search without a hit, a reference that
    /// names no article (then a letter or merged line is not written): exit 1.
    NothingFound,
    /// Checked and found something wrong: a citation that is not ok, a
    /// damaged index: exit 1.
    ProblemsFound,
    /// The interactive screen was ended by this signal: exit 128 + signal,
    /// the shell's convention.
    Signalled(i32),
}

impl Outcome {
    /// [`Outcome::Success`] if something was found, else [`Outcome::NothingFound`].
    fn found(found: bool) -> Outcome {
        if found {
            Outcome::Success
        } else {
            Outcome::NothingFound
        }
    }
}

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

    /// Colour choice of the command that runs (set from its `--color`).
    #[arg(skip)]
    pub color: ColorArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检索：大白话、词语或条文编号，按相关度列出条文和引用 · Search: plain words or a reference, ranked articles with citations
    #[command(after_help = help::SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// 查看条文全文：引用、所在章节、各款各项 · Show articles in full: citation, headings, paragraphs and items
    #[command(after_help = help::SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// 输出规范引用，可直接粘贴 · Print citations, ready to paste
    #[command(after_help = help::CITE_EXAMPLES)]
    Cite(CiteArgs),
    /// 生成文书：引用条文，或投诉、报警、律师函模板 · Write a document (.docx, Markdown, text): the citations, or a complaint, police report or lawyer's letter template
    #[command(after_help = help::LETTER_EXAMPLES)]
    Letter(letter::LetterArgs),
    /// 核对文书中的每一处引用是否存在、是否过时 · Check every citation in a letter or filing against the law of a date
    // Its examples, verdicts and exit codes: help::verify_help.
    Verify(VerifyArgs),
    /// 列出收录的法律：版本、状态、条数 · List the statutes held: version, status, article count
    #[command(after_help = help::LAWS_EXAMPLES)]
    Laws(LawsArgs),
    /// 交互界面（默认）：边输入边检索，阅读、标记、复制、导出 · The interactive screen (the default): search as you type, read, mark, copy, export
    #[command(after_help = help::TUI_EXAMPLES)]
    Tui(TuiArgs),
    /// 生成 shell 补全脚本 · Print a shell completion script
    #[command(after_help = help::COMPLETIONS_EXAMPLES)]
    Completions(help::CompletionsArgs),
    /// 生成手册页（man page）· Print the man page
    #[command(after_help = help::MAN_EXAMPLES)]
    Man(help::ManArgs),
    /// 显示帮助；`fatiao help dev` 列出开发者命令 · Print help; `fatiao help dev` lists the developer commands
    #[command(after_help = help::HELP_EXAMPLES)]
    Help(help::HelpArgs),
    /// [开发 dev] 现在建立索引并报告 · Build the index now and say what was built
    #[command(hide = true, after_help = help::INDEX_EXAMPLES)]
    Index(IndexArgs),
    /// [开发 dev] 输出计算得出的两版条文对应表（TSV）· Print the computed article correspondence between a statute's two versions (TSV)
    #[command(hide = true, after_help = help::CORRESPONDENCE_EXAMPLES)]
    Correspondence(CorrespondenceArgs),
    /// [开发 dev] 用已知答案的问题集衡量排序：召回、命中、MRR · Measure ranking on question sets with known answers
    #[command(hide = true, after_help = help::EVAL_EXAMPLES)]
    Eval(EvalArgs),
    /// 为 AI 助手提供 MCP 服务（标准输入输出）· Serve the Model Context Protocol on stdin/stdout, for AI assistants (see README)
    #[command(after_help = help::MCP_EXAMPLES)]
    Mcp(McpArgs),
}

/// `--corpus DIR` on the commands that read the corpus.
#[derive(Debug, Clone, Default, Args)]
pub struct CorpusArg {
    /// 从此文件夹读取语料（*.txt）代替内置语料 · Read the corpus from this folder of *.txt files instead of the built-in one
    #[arg(long, value_name = "DIR", help_heading = help::GLOBAL)]
    pub corpus: Option<PathBuf>,
}

/// `--index DIR` on the commands that open the search index.
#[derive(Debug, Clone, Default, Args)]
pub struct IndexArg {
    /// 索引目录 · Index directory [默认 default: $FATIAO_INDEX，从源码目录运行时为 ./index，否则为系统数据目录 else the platform data directory]
    #[arg(long, value_name = "DIR", help_heading = help::GLOBAL)]
    pub index: Option<PathBuf>,
}

/// `--color` on the commands that colour their output.
#[derive(Debug, Clone, Default, Args)]
pub struct ColorOpt {
    /// 何时使用颜色 · When to colour the output [auto: 终端且未设 NO_COLOR on a terminal without NO_COLOR]
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto, help_heading = help::GLOBAL)]
    pub color: ColorArg,
}

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// 输出到终端且未设置 NO_COLOR 时 · On a terminal, unless NO_COLOR is set
    #[default]
    Auto,
    /// 总是（包括管道）· Always, also when piped
    Always,
    /// 从不 · Never
    Never,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// 词语、"带引号的短语"、-排除词 或 law:民法典；也可以是条文编号，如 民法典1032 · Words, "quoted phrases", -excluded words, law:民法典; or a reference such as 民法典1032
    #[arg(value_name = "QUERY", required_unless_present = "stdin", help_heading = help::ARGUMENTS)]
    pub query: Vec<String>,

    /// 最多返回几条（1–1000）· Maximum number of hits (1–1000)
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N", value_parser = bounded::<1, { fatiao::search::MAX_LIMIT }>, help_heading = help::OPTIONS)]
    pub limit: usize,

    /// 只检索这部法律（简称、全称或别名），可重复 · Only this statute (short name, title or alias); repeatable
    #[arg(long, value_name = "LAW", help_heading = help::OPTIONS)]
    pub law: Vec<String>,

    /// 包括已被修订的旧版本（如治安管理处罚法 2012）· Include superseded versions (治安管理处罚法 2012)
    #[arg(long, help_heading = help::OPTIONS)]
    pub all_versions: bool,

    /// 只按法条原文检索：不做大白话扩展，不用俗语 · The statutes' own words only: no lay-to-legal expansions, no lay phrases
    #[arg(long, help_heading = help::OPTIONS)]
    pub no_expand: bool,

    /// 输出格式 · Output format [默认 default: text；--stdin 时为 jsonl]
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = help::OPTIONS)]
    pub format: Option<Format>,

    /// 从标准输入每行读一个查询，每个查询输出一个结果 · Read one query per line from standard input; one result per query
    #[arg(long, conflicts_with = "query", help_heading = help::OPTIONS)]
    pub stdin: bool,

    /// 逐条显示排序信号及各自的得分贡献（JSON：signals） · Show per hit the ranking signals and what each added to its score (JSON: `signals`)
    #[arg(long, help_heading = help::OPTIONS)]
    pub explain: bool,

    #[command(flatten)]
    pub color: ColorOpt,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// 条文编号：民法典第1032条、治安法 50、民法典1032-1034 · Article reference: 民法典第1032条, 治安法 50, 民法典1032-1034
    #[arg(value_name = "REF", required = true, help_heading = help::ARGUMENTS)]
    pub reference: Vec<String>,

    /// 同时显示前后各 N 条（0–100）· Also show N articles before and after (0–100)
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = bounded::<0, MAX_CONTEXT>, help_heading = help::OPTIONS)]
    pub context: usize,

    /// 同时显示含有此条的旧版本 · Also show superseded versions that have the article
    #[arg(long, help_heading = help::OPTIONS)]
    pub all_versions: bool,

    /// 列出本条引用的条文（本法第N条、前款……）及其指向 · List the references the article makes (本法第N条, 前款 …) and what they point to
    #[arg(long, help_heading = help::OPTIONS)]
    pub refs: bool,

    /// 输出格式 · Output format
    #[arg(long, value_enum, default_value_t = VerifyFormat::Text, value_name = "FORMAT", help_heading = help::OPTIONS)]
    pub format: VerifyFormat,

    #[command(flatten)]
    pub color: ColorOpt,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// 条文编号；只有合起来才成立的词（民法典 1032）会合并 · Article references; words that only make sense together (民法典 1032) are joined
    #[arg(value_name = "REF", required = true, help_heading = help::ARGUMENTS)]
    pub references: Vec<String>,

    /// full：《中华人民共和国民法典》…… short：《民法典》…… · Full or short statute names
    #[arg(long, value_enum, default_value_t = StyleArg::Full, value_name = "STYLE", help_heading = help::OPTIONS)]
    pub style: StyleArg,

    /// 合并为一行，按律师的写法 · One line, merged the way lawyers write them (第一千零三十二条、第一千零三十四条)
    #[arg(long, conflicts_with = "letter", help_heading = help::OPTIONS)]
    pub merge: bool,

    /// 信函用的段落“根据……的规定，” 后附所引条文全文 · A letter-ready 根据……的规定 paragraph, then the cited text in full
    #[arg(long, help_heading = help::OPTIONS)]
    pub letter: bool,

    /// 输出格式：text；markdown（引用列表，或带引文的信函）；json（见 docs/json.md）· Output format: text, markdown (a list, or the letter with quoted text) or json (see docs/json.md)
    #[arg(long, value_enum, default_value_t = LetterFormatArg::Text, value_name = "FORMAT", help_heading = help::OPTIONS)]
    pub format: LetterFormatArg,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StyleArg {
    /// 全称 · Full title
    Full,
    /// 简称 · Short name
    Short,
}

impl From<StyleArg> for CiteStyle {
    fn from(style: StyleArg) -> CiteStyle {
        match style {
            StyleArg::Full => CiteStyle::Full,
            StyleArg::Short => CiteStyle::Short,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormatArg {
    /// 供人阅读 · For people
    Text,
    /// Markdown 引用列表，或带引文的信函 · A Markdown list of citations, or the letter with its quotations
    Markdown,
    /// 一个 JSON 文档（docs/json.md）· One JSON document (docs/json.md)
    Json,
}

impl From<LetterFormatArg> for LetterFormat {
    fn from(format: LetterFormatArg) -> LetterFormat {
        match format {
            LetterFormatArg::Text => LetterFormat::Text,
            LetterFormatArg::Markdown => LetterFormat::Markdown,
            LetterFormatArg::Json => LetterFormat::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// 要核对的文书：文本（UTF-8、GBK/GB18030、UTF-16）或 Word .docx；`-` 表示标准输入 · The draft to check: text (UTF-8, GBK/GB18030, UTF-16) or a Word .docx; `-` reads standard input
    #[arg(value_name = "FILE", help_heading = help::ARGUMENTS)]
    pub file: PathBuf,

    /// 按哪一天的法律核对：2026-01-01、2026-1-1 或 2026年1月1日 · The date whose law applies: 2026-01-01, 2026-1-1 or 2026年1月1日 [默认 default: 北京时间今天 today in Beijing]
    #[arg(long, value_name = "DATE", help_heading = help::OPTIONS)]
    pub as_of: Option<String>,

    /// 输出格式 · Output format
    #[arg(long, value_enum, default_value_t = VerifyFormat::Text, value_name = "FORMAT", help_heading = help::OPTIONS)]
    pub format: VerifyFormat,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    /// 供人阅读 · For people
    Text,
    /// 一个 JSON 文档（docs/json.md）· One JSON document (docs/json.md)
    Json,
}

#[derive(Debug, Args)]
pub struct LawsArgs {
    /// 输出格式 · Output format
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT", help_heading = help::OPTIONS)]
    pub format: Format,

    #[command(flatten)]
    pub color: ColorOpt,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// 即使索引已是最新也重建 · Rebuild even if the index is up to date
    #[arg(long, conflicts_with = "check", help_heading = help::OPTIONS)]
    pub rebuild: bool,

    /// 只检查索引、不做修改：指纹、每个文件的哈希、Tantivy 校验和、能否打开、是否含全部条文（损坏时退出码 1）· Check the index without changing it: fingerprint, every file's hash, Tantivy's checksums, that it opens and holds every article (exit 1 if damaged)
    #[arg(long, help_heading = help::OPTIONS)]
    pub check: bool,

    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct CorrespondenceArgs {
    /// 要对齐两个版本的法律（治安管理处罚法、网络安全法）· The statute whose two versions to align
    #[arg(default_value = "治安管理处罚法", help_heading = help::ARGUMENTS)]
    pub law: String,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct McpArgs {
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct TuiArgs {
    /// 启动时的查询 · Start with this query
    #[arg(value_name = "QUERY", help_heading = help::ARGUMENTS)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// 问题集（JSON lines）· Question sets, JSON lines: {"query": "…", "gold": ["民法典:1032", "治安管理处罚法@2012:42"]}
    #[arg(value_name = "FILE", required = true, help_heading = help::ARGUMENTS)]
    pub files: Vec<PathBuf>,

    /// 只按法条原文检索 · The statutes' own words only: no lay-to-legal expansions, no lay phrases
    #[arg(long, help_heading = help::OPTIONS)]
    pub no_expand: bool,

    /// 包括旧版本 · Include superseded versions in the search
    #[arg(long, help_heading = help::OPTIONS)]
    pub all_versions: bool,

    /// 分别报告奇数行和偶数行 · Also report each file's even and odd lines apart (tune on one half, check on the other)
    #[arg(long, help_heading = help::OPTIONS)]
    pub halves: bool,

    /// 临时设置排序参数，如 --set section=0（可重复）· Set a ranking knob for this run, e.g. --set section=0 (repeatable; see fatiao::rank::Tuning)
    #[arg(long = "set", value_name = "NAME=VALUE", help_heading = help::OPTIONS)]
    pub set: Vec<String>,

    /// 列出前 N 名中没有正确答案的查询（0：不列；至多 1000）· List the queries with no gold article in the top N, with what came instead (0: none; at most 1000)
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = bounded::<0, { fatiao::search::MAX_LIMIT }>, help_heading = help::OPTIONS)]
    pub misses: usize,

    /// 输出格式 · Output format (json: every query with its ranks and hits)
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT", help_heading = help::OPTIONS)]
    pub format: Format,

    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 供人阅读 · For people
    Text,
    /// 一个 JSON 文档（docs/json.md）· One JSON document (docs/json.md)
    Json,
    /// 每行一个 JSON 文档 · One JSON document per line
    Jsonl,
}

/// The most neighbours `show --context` prints on each side.
const MAX_CONTEXT: usize = 100;

/// A whole number from `MIN` to `MAX`, for sizes the user sets: anything
/// larger would only reach an allocation or wrap around.
fn bounded<const MIN: usize, const MAX: usize>(text: &str) -> Result<usize, String> {
    let too_big = || format!("必须是 {MIN} 到 {MAX} 之间的整数");
    let digits = text.trim();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(too_big());
    }
    match digits.parse::<usize>() {
        Ok(n) if (MIN..=MAX).contains(&n) => Ok(n),
        _ => Err(too_big()),
    }
}

/// The process arguments, with `-词` exclusions made safe for clap.
///
/// clap would take `-拘留` for an unknown short flag. No fatiao flag starts
/// with `-` followed by a non-ASCII character, so such arguments are
/// rewritten with the full-width hyphen `－`, which the query syntax treats
/// the same way.
pub fn args() -> Vec<std::ffi::OsString> {
    std::env::args_os().map(protect_exclusion).collect()
}

fn protect_exclusion(arg: std::ffi::OsString) -> std::ffi::OsString {
    match arg.to_str().and_then(|s| s.strip_prefix('-')) {
        Some(rest) if rest.chars().next().is_some_and(|c| !c.is_ascii()) => {
            format!("－{rest}").into()
        }
        _ => arg,
    }
}

/// Run the command line; the caller maps errors to exit code 2.
pub fn run(mut cli: Cli) -> anyhow::Result<Outcome> {
    cli.absorb_command_options();
    if cli.version {
        return help::version(&cli);
    }
    let Some(command) = &cli.command else {
        return tui(&cli, &[]);
    };
    match command {
        Command::Search(args) => search(&cli, args),
        Command::Show(args) => show(&cli, args),
        Command::Cite(args) => cite_refs(&cli, args),
        Command::Letter(args) => letter::run(&cli, args),
        Command::Laws(args) => laws(&cli, args),
        Command::Index(args) => index(&cli, args),
        Command::Verify(args) => verify(&cli, args),
        Command::Correspondence(args) => correspondence(&cli, args),
        Command::Tui(args) => tui(&cli, &args.query),
        Command::Eval(args) => eval(&cli, args),
        Command::Mcp(_) => {
            crate::mcp::run(load_corpus(&cli)?, index_location(&cli))?;
            Ok(Outcome::Success)
        }
        Command::Completions(args) => help::completions(args),
        Command::Man(args) => help::man(args),
        Command::Help(args) => help::help(args),
    }
}

impl Cli {
    /// Did the user ask for JSON? Then errors are JSON documents on stdout too.
    pub fn wants_json(&self) -> bool {
        match &self.command {
            Some(Command::Search(a)) => matches!(a.format, Some(Format::Json | Format::Jsonl)),
            Some(Command::Laws(a)) => a.format != Format::Text,
            Some(Command::Eval(a)) => a.format != Format::Text,
            Some(Command::Show(a)) => a.format == VerifyFormat::Json,
            Some(Command::Verify(a)) => a.format == VerifyFormat::Json,
            Some(Command::Cite(a)) => a.format == LetterFormatArg::Json,
            _ => false,
        }
    }

    /// The options a command takes itself (`fatiao search --index DIR`)
    /// override those given before it (`fatiao --index DIR search`), which
    /// are accepted everywhere for the interactive screen and old scripts.
    fn absorb_command_options(&mut self) {
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
        if let Some(dir) = index.and_then(|a| a.index.clone()) {
            self.index = Some(dir);
        }
        if let Some(dir) = corpus.and_then(|a| a.corpus.clone()) {
            self.corpus = Some(dir);
        }
        if let Some(color) = color {
            self.color = color.color;
        }
    }
}

/// Do raw arguments ask for JSON (`--format json`, `--format=jsonl`)? For
/// errors met before clap has parsed them.
pub fn args_want_json(args: &[std::ffi::OsString]) -> bool {
    args.iter().enumerate().any(|(i, arg)| {
        let arg = arg.to_string_lossy();
        let value = match arg.strip_prefix("--format=") {
            Some(value) => value.to_string(),
            None if arg == "--format" => args
                .get(i + 1)
                .map(|v| v.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => return false,
        };
        value == "json" || value == "jsonl"
    })
}

/// The kind of an error from anywhere in the program, for an error document.
pub fn error_kind(err: &anyhow::Error) -> &'static str {
    for cause in err.chain() {
        if let Some(err) = cause.downcast_ref::<fatiao::Error>() {
            return err.kind();
        }
        if cause.downcast_ref::<io::Error>().is_some() {
            return "io";
        }
    }
    "internal"
}

/// Where fatiao keeps what it saves for the user (the marked citation list
/// between sessions and after a signal, a copy no clipboard took): `$FATIAO_DATA`, else the platform data
/// directory (`~/.local/share/fatiao` on Linux), else the temp directory.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FATIAO_DATA").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "fatiao")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("fatiao"))
}

/// `fatiao` and `fatiao tui [QUERY]`: the interactive screen.
fn tui(cli: &Cli, query: &[String]) -> anyhow::Result<Outcome> {
    let open = || -> anyhow::Result<Engine> {
        let corpus = Arc::new(load_corpus(cli)?);
        // No eprintln of the index notice: the screen would hide it; the TUI shows it.
        let index =
            open_or_build(&corpus, &index_location(cli), false).context("无法建立或打开索引")?;
        Ok(Engine::new(corpus, index))
    };
    let exit = fatiao::tui::run(open, &query.join(" "), &data_dir())?;
    if let Some(citations) = &exit.citations {
        // Marked articles are the user's work: never lose them on quitting.
        println!("引用清单（退出时尚未复制）：\n{citations}");
    }
    if let Some(path) = &exit.saved {
        eprintln!("fatiao: 引用清单已保存到 {}", path.display());
    }
    Ok(match exit.signal {
        Some(signal) => Outcome::Signalled(signal),
        None => Outcome::Success,
    })
}

fn load_corpus(cli: &Cli) -> anyhow::Result<Corpus> {
    match &cli.corpus {
        Some(dir) => {
            Corpus::load_dir(dir).with_context(|| format!("无法读取语料文件夹 {}", dir.display()))
        }
        None => Ok(Corpus::builtin().context("内置语料无法解析")?),
    }
}

/// `--index DIR` > `FATIAO_INDEX` > `FATIAO_CHECKOUT_INDEX` (set by
/// .cargo/config.toml when run from the checkout) > the platform data directory.
pub fn index_location(cli: &Cli) -> IndexLocation {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = cli
        .index
        .clone()
        .or_else(|| from_env("FATIAO_INDEX"))
        .or_else(|| from_env("FATIAO_CHECKOUT_INDEX"))
    {
        return IndexLocation::Dir(dir);
    }
    match directories::ProjectDirs::from("", "", "fatiao") {
        Some(dirs) => IndexLocation::Dir(dirs.data_dir().join("index")),
        None => IndexLocation::InMemory,
    }
}

fn load_engine(cli: &Cli) -> anyhow::Result<Engine> {
    engine_of(cli, Arc::new(load_corpus(cli)?))
}

/// The engine of `corpus`, with its index opened (built first if needed).
fn engine_of(cli: &Cli, corpus: Arc<Corpus>) -> anyhow::Result<Engine> {
    let index =
        open_or_build(&corpus, &index_location(cli), false).context("无法建立或打开索引")?;
    if let Some(notice) = &index.notice {
        eprintln!("fatiao: {}", escape_controls(notice));
    }
    Ok(Engine::new(corpus, index))
}

/// Data a one-shot command keeps until the process exits: leaked, so that
/// exiting frees nothing (freeing the parsed corpus and the engine cost over
/// a millisecond, a tenth of a one-shot search). Nothing is lost: every
/// command flushes its output before it returns, and the index lock is held
/// only while an index is built, never by an opened one.
fn for_the_process<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// Colours for a terminal; all empty when piped or with NO_COLOR.
struct Style {
    on: bool,
}

impl Style {
    /// `--color always|never`, or with `auto` (the default): on a terminal
    /// unless `NO_COLOR` is set.
    fn detect(choice: ColorArg) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let on = match choice {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => io::stdout().is_terminal() && !no_color,
        };
        Style { on }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    fn highlight(&self, text: &str) -> String {
        self.paint("1;31", text)
    }
}

// ---------------------------------------------------------------------------
// search

/// The longest line `search --stdin` reads, in bytes; a longer line is
/// answered with an error document (queries stop at MAX_QUERY_CHARS anyway).
const MAX_LINE_BYTES: usize = 64 * 1024;

/// A search, with each hit's ranking signals when `explain` is set.
fn free_text(
    engine: &Engine,
    query: &str,
    options: &SearchOptions,
    explain: bool,
) -> fatiao::Result<SearchResults> {
    if explain {
        engine.explain(query, options)
    } else {
        engine.search(query, options)
    }
}

fn search(cli: &Cli, args: &SearchArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(Arc::new(load_corpus(cli)?));
    let options = SearchOptions {
        limit: args.limit,
        all_versions: args.all_versions,
        laws: args.law.clone(),
        expand: !args.no_expand,
    };
    let style = Style::detect(cli.color);
    let format = args.format.unwrap_or(if args.stdin {
        Format::Jsonl
    } else {
        Format::Text
    });

    if !args.stdin {
        let mut out = io::BufWriter::new(io::stdout().lock());
        let query = args.query.join(" ");
        // A reference is answered from the corpus: no index, no tokenizer.
        let answer = fatiao::search::answer_reference(corpus, &query, &options)
            .map_err(|err| with_suggestion(corpus, err))?;
        let results = match answer {
            ReferenceAnswer::Answered(results) => results,
            ReferenceAnswer::Words { .. } => free_text(
                for_the_process(engine_of(cli, Arc::clone(corpus))?),
                &query,
                &options,
                args.explain,
            )
            .map_err(|err| with_suggestion(corpus, err))?,
        };
        if let Some(notice) = &results.notice {
            eprintln!("fatiao: {}", escape_controls(notice));
        }
        print_notices(&results);
        print_results(&mut out, &results, format, &style)?;
        out.flush()?;
        return Ok(Outcome::found(!results.hits.is_empty()));
    }

    let engine = for_the_process(engine_of(cli, Arc::clone(corpus))?);
    // A signal (Ctrl-C, kill, a closed terminal) ends the batch after the
    // line being written, never inside it: each answer is written and
    // flushed whole while this lock is held, and the signal thread takes the
    // lock before it exits.
    let writing = Arc::new(std::sync::Mutex::new(()));
    stop_between_lines(Arc::clone(&writing))?;
    let mut any_hits = false;
    let mut input = io::stdin().lock();
    let mut bytes = Vec::new();
    let mut number = 0;
    loop {
        bytes.clear();
        let read = io::Read::take(&mut input, MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut bytes)
            .context("无法读取标准输入")?;
        if read == 0 {
            break;
        }
        number += 1;
        let too_long = bytes.len() > MAX_LINE_BYTES && bytes.last() != Some(&b'\n');
        if too_long {
            skip_line(&mut input).context("无法读取标准输入")?;
        }
        let mut out = Vec::new();
        let answer = match std::str::from_utf8(&bytes) {
            _ if too_long => Err(ErrorInfo::new(
                "bad_query",
                format!("第 {number} 行超过 {MAX_LINE_BYTES} 字节，未检索"),
            )),
            Err(err) => Err(ErrorInfo::new(
                "bad_query",
                format!(
                    "第 {number} 行不是有效的 UTF-8 文本（第 {} 字节起无法解码），未检索",
                    err.valid_up_to() + 1
                ),
            )),
            Ok(text) => Ok(text.trim_end_matches('\n').trim_end_matches('\r')),
        };
        let shown = String::from_utf8_lossy(&bytes);
        let shown = shown.trim_end_matches('\n').trim_end_matches('\r');
        let outcome = answer.and_then(|query| {
            free_text(engine, query, &options, args.explain)
                .map(|results| (query, results))
                .map_err(|err| ErrorInfo::from(&err))
        });
        match outcome {
            Ok((query, results)) => {
                if let Some(notice) = &results.notice {
                    eprintln!("fatiao: {}", escape_controls(notice));
                }
                any_hits |= !results.hits.is_empty();
                print_notices(&results);
                if format == Format::Text {
                    writeln!(
                        out,
                        "{}",
                        style.bold(&format!("查询：{}", escape_controls(query)))
                    )?;
                }
                print_results(&mut out, &results, format, &style)?;
            }
            // One bad query (an unknown law: filter, a broken line) must not end the batch.
            Err(error) => match format {
                Format::Text => writeln!(
                    out,
                    "{}\n  错误：{}\n",
                    escape_controls(shown),
                    escape_controls(&error.message)
                )?,
                Format::Json | Format::Jsonl => {
                    let line = Document::new(contract::ErrorDoc {
                        query: Some(shown.to_string()),
                        line: Some(number),
                        error,
                    });
                    writeln!(out, "{}", line.to_line()?)?;
                }
            },
        }
        let _whole = writing.lock().unwrap_or_else(|e| e.into_inner());
        let mut stdout = io::stdout().lock();
        stdout.write_all(&out)?;
        stdout.flush()?;
    }
    Ok(Outcome::found(any_hits))
}

/// Skip the rest of a line without holding it in memory.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(end) = buf.iter().position(|&b| b == b'\n') {
            input.consume(end + 1);
            return Ok(());
        }
        let n = buf.len();
        input.consume(n);
    }
}

/// On SIGINT, SIGTERM or SIGHUP, wait for the answer being written (the
/// `writing` lock), then exit 130: the output ends after a complete line.
fn stop_between_lines(writing: Arc<std::sync::Mutex<()>>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("无法安装信号处理")?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _whole = writing.lock().unwrap_or_else(|e| e.into_inner());
            std::process::exit(130);
        }
    });
    Ok(())
}

/// Old-numbering notices go to stderr, so stdout stays what was asked for
/// (JSON output carries them too, in `notices` and on each hit).
fn print_notices(results: &SearchResults) {
    for notice in &results.notices {
        eprintln!("fatiao: {}", escape_controls(notice));
    }
}

fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    format: Format,
    style: &Style,
) -> anyhow::Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", contract::search(results).to_pretty()?)?,
        Format::Jsonl => writeln!(out, "{}", contract::search(results).to_line()?)?,
        Format::Text => print_results_text(out, results, style)?,
    }
    Ok(())
}

fn print_results_text(
    out: &mut impl Write,
    results: &SearchResults,
    style: &Style,
) -> anyhow::Result<()> {
    if let Some(message) = &results.message {
        writeln!(out, "{}", escape_controls(message))?;
    }
    if !results.suggestions.is_empty() {
        writeln!(out, "相近的条文：")?;
        for hit in &results.suggestions {
            writeln!(out, "  {}", hit.citation)?;
        }
    }
    if !results.expansions.is_empty() {
        writeln!(
            out,
            "{}",
            style.dim(&escape_controls(&format!(
                "也搜索了：{}",
                results.expansions.join("、")
            )))
        )?;
    }
    if results.kind == QueryKind::Empty {
        writeln!(
            out,
            "查询里没有可检索的文字；请输入词语或条文编号，例如：fatiao search 催收 骚扰 亲友"
        )?;
    } else if results.hits.is_empty() && results.message.is_none() {
        writeln!(out, "没有找到相关条文。")?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let mut tags = Vec::new();
        if !hit.in_force {
            tags.push("已被修订".to_string());
        }
        if hit.partial {
            tags.push("部分收录".to_string());
        }
        let tags = if tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", tags.join("，"))
        };
        writeln!(out, "{}. {}{tags}", i + 1, style.bold(&hit.citation))?;
        if !hit.path.is_empty() {
            writeln!(out, "   {}", style.dim(&hit.path.join(" › ")))?;
        }
        writeln!(
            out,
            "   {}",
            highlighted(&hit.snippet, &hit.highlights, style)
        )?;
        if !hit.lay_phrases.is_empty() {
            writeln!(
                out,
                "   {}",
                style.dim(&fatiao::search::lay_phrases_note(&hit.lay_phrases))
            )?;
        }
        if !hit.signals.is_empty() {
            writeln!(
                out,
                "   {}",
                style.dim(&fatiao::signals::render(hit.score, &hit.signals))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `text` with the character ranges in `ranges` highlighted.
fn highlighted(text: &str, ranges: &[(usize, usize)], style: &Style) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in ranges {
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        out.extend(&chars[at..start]);
        out.push_str(&style.highlight(&chars[start..end].iter().collect::<String>()));
        at = end;
    }
    out.extend(&chars[at..]);
    out
}

// ---------------------------------------------------------------------------
// eval

fn eval(cli: &Cli, args: &EvalArgs) -> anyhow::Result<Outcome> {
    let mut engine = load_engine(cli)?;
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
        Format::Json => writeln!(
            out,
            "{}",
            Document::new(contract::EvalDoc { reports: &reports }).to_pretty()?
        )?,
        Format::Jsonl => {
            for report in &reports {
                writeln!(out, "{}", Document::new(report).to_line()?)?;
            }
        }
        Format::Text => {
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

// ---------------------------------------------------------------------------
// show and cite

/// Resolve one parsed reference; `Ok(Err(message))` when it names nothing
/// that exists (exit 1), `Err` when it names no statute fatiao holds (exit 2).
fn resolve_reference(
    corpus: &Corpus,
    parsed: &reference::Reference,
    all_versions: bool,
) -> anyhow::Result<Result<Vec<ResolvedRef>, String>> {
    Ok(match reference::resolve(parsed, corpus, all_versions) {
        Resolution::Found(refs) => Ok(refs),
        Resolution::NotFound {
            message,
            suggestions,
        } => {
            let mut message = message;
            let near: Vec<String> = suggestions
                .iter()
                .filter_map(|r| cite::cite(corpus, r, CiteStyle::Full).ok())
                .collect();
            if !near.is_empty() {
                message.push_str(&format!("；相近的条文：{}", near.join("、")));
            }
            Err(message)
        }
        Resolution::UnknownStatute(name) => {
            return Err(with_suggestion(corpus, fatiao::Error::UnknownStatute(name)));
        }
    })
}

/// A library error for the user, with 你是不是要找：民法典 added when it is
/// an unknown statute whose name is close to one the corpus holds.
fn with_suggestion(corpus: &Corpus, err: fatiao::Error) -> anyhow::Error {
    if let fatiao::Error::UnknownStatute(name) = &err
        && let Some(near) = fatiao::suggest::did_you_mean(corpus, name)
    {
        return anyhow::anyhow!("{err}；{near}");
    }
    err.into()
}

/// Group words into references: each word alone if it is one, else joined
/// with the next (so `民法典 1032` is one reference, `民法典1032 民法典1033` two).
fn group_references(words: &[String]) -> Vec<String> {
    let mut refs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if reference::parse_query(&words[i]).is_none() && i + 1 < words.len() {
            let joined = format!("{} {}", words[i], words[i + 1]);
            if reference::parse_query(&joined).is_some() {
                refs.push(joined);
                i += 2;
                continue;
            }
        }
        refs.push(words[i].clone());
        i += 1;
    }
    refs
}

fn show(cli: &Cli, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(load_corpus(cli)?);
    let text = args.reference.join(" ");
    // A statute named without an article: its overview, with the text that
    // belongs to no article (preamble, notes, appendices).
    if reference::parse_list(&text).is_none() {
        let versions = reference::statute_versions(corpus, text.trim());
        if !versions.is_empty() {
            let style = Style::detect(cli.color);
            let mut out = io::BufWriter::new(io::stdout().lock());
            let shown: Vec<&Statute> = if args.all_versions {
                versions
            } else {
                versions.into_iter().take(1).collect()
            };
            for statute in shown {
                print_statute(&mut out, statute, &style)?;
            }
            out.flush()?;
            return Ok(Outcome::Success);
        }
    }
    let resolved = refs::resolve_words(corpus, &args.reference, args.all_versions)?;
    resolved.report();
    let found = Outcome::found(resolved.missing.is_empty());
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.format == VerifyFormat::Json {
        let unresolved = resolved
            .missing
            .iter()
            .map(|(reference, message)| not_found(reference, message.clone()))
            .collect();
        let doc = contract::show_doc(corpus, &resolved.refs, args.context, args.refs, unresolved)?;
        writeln!(out, "{}", doc.to_pretty()?)?;
        out.flush()?;
        return Ok(found);
    }
    let refs = resolved.refs;
    let style = Style::detect(cli.color);
    let mut counterparts = correspondence::Cache::default();
    for (statute, article, named) in contract::shown(corpus, &refs, args.context)? {
        print_article(&mut out, statute, article, named, &style)?;
        print_see_also(&mut out, corpus, statute, &style)?;
        print_counterpart(
            &mut out,
            corpus,
            &mut counterparts,
            statute,
            article,
            &style,
        )?;
        if args.refs {
            print_cross_references(&mut out, corpus, statute, article, &style)?;
        }
    }
    out.flush()?;
    Ok(found)
}

/// A statute version as a whole: what it is, where it came from, and the
/// text outside its articles.
fn print_statute(out: &mut impl Write, statute: &Statute, style: &Style) -> anyhow::Result<()> {
    let m = &statute.meta;
    writeln!(out, "{}", style.bold(&format!("《{}》", m.title)))?;
    writeln!(out, "{}", style.dim(&statute_status_line(statute)))?;
    let deleted = statute.articles.iter().filter(|a| a.is_deleted()).count();
    let mut counts = format!("共{}条", statute.articles.len());
    if deleted > 0 {
        counts.push_str(&format!("（其中{deleted}条已删除）"));
    }
    writeln!(out, "{counts}")?;
    if m.partial {
        writeln!(out, "部分收录：{}", m.notice)?;
    }
    for line in &m.provenance {
        writeln!(out, "{}", style.dim(&format!("来源：{line}")))?;
    }
    for line in &m.cross_checks {
        writeln!(out, "{}", style.dim(&format!("核对：{line}")))?;
    }
    if !statute.preamble.is_empty() {
        writeln!(out, "\n{}", style.bold("序言"))?;
        for line in &statute.preamble {
            writeln!(out, "{line}")?;
        }
    }
    if !statute.notes.is_empty() {
        writeln!(out, "\n{}", style.bold("注"))?;
        for line in &statute.notes {
            writeln!(out, "{line}")?;
        }
    }
    for appendix in &statute.appendices {
        writeln!(out, "\n{}", style.bold(&appendix.title))?;
        for line in &appendix.lines {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)?;
    Ok(())
}

/// 刑法 · 法律 · 2023版 · 现行有效, with 单一来源 and the date a superseded version lapsed.
fn statute_status_line(statute: &Statute) -> String {
    let m = &statute.meta;
    let mut status = format!(
        "{} · {} · {}版 · {}",
        m.short_name,
        m.kind.label(),
        m.version,
        m.status.label()
    );
    if m.status.is_superseded()
        && let Some(date) = &m.superseded
    {
        status.push_str(&format!("（{date}起失效）"));
    }
    if m.single_source {
        status.push_str(" · 单一来源（无第二份副本可核对）");
    }
    status
}

/// The units of other documents a statute names to show beside it (the
/// 批复 that limits the 民间借贷规定's scope), quoted verbatim.
fn print_see_also(
    out: &mut impl Write,
    corpus: &Corpus,
    statute: &Statute,
    style: &Style,
) -> anyhow::Result<()> {
    for (other, article) in corpus.see_also(statute) {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "参见{}（{}）：",
                cite::full_article(&other.meta, &article.cited_label()),
                other.meta.kind.label()
            ))
        )?;
        writeln!(
            out,
            "{}{}\n",
            article.label_with_separator(),
            article.text()
        )?;
    }
    Ok(())
}

/// A reference that names nothing, for a JSON document.
fn not_found(reference: &str, message: String) -> Unresolved {
    Unresolved {
        reference: reference.to_string(),
        error: ErrorInfo::new("not_found", message),
    }
}

fn print_article(
    out: &mut impl Write,
    statute: &Statute,
    article: &Article,
    named: Option<&ResolvedRef>,
    style: &Style,
) -> anyhow::Result<()> {
    let citation = cite::full_article(&statute.meta, &article.cited_label());
    writeln!(out, "{}", style.bold(&citation))?;
    writeln!(out, "{}", style.dim(&statute_status_line(statute)))?;
    let path = statute.path_titles(article);
    if !path.is_empty() {
        writeln!(out, "{}", style.dim(&path.join(" › ")))?;
    }
    if statute.meta.partial {
        writeln!(
            out,
            "{}",
            style.dim(&format!("部分收录：{}", statute.meta.notice))
        )?;
    }
    if article.is_deleted() {
        writeln!(
            out,
            "{}",
            style.dim("本条已删除：条号保留，条文内容为“（删去）”，不能作为依据")
        )?;
    }
    writeln!(out)?;
    for (p, paragraph) in article.paragraphs.iter().enumerate() {
        let number = p as u32 + 1;
        let paragraph_named =
            named.is_some_and(|r| r.paragraph == Some(number) && r.item.is_none());
        let lead = if p == 0 {
            article.label_with_separator()
        } else {
            "　　".to_string()
        };
        let line = format!("{lead}{}", paragraph.text);
        writeln!(out, "{}", mark(&line, paragraph_named, style))?;
        for item in &paragraph.items {
            let item_named =
                named.is_some_and(|r| r.paragraph == Some(number) && r.item == Some(item.number));
            let line = format!("　　{}{}", item.marker, item.text);
            writeln!(out, "{}", mark(&line, item_named, style))?;
        }
    }
    writeln!(out)?;
    Ok(())
}

/// Mark the paragraph or item a reference names: highlighted on a terminal, `▶` when plain.
fn mark(line: &str, named: bool, style: &Style) -> String {
    match (named, style.on) {
        (false, _) => line.to_string(),
        (true, true) => style.highlight(line),
        (true, false) => format!("▶ {}", line.trim_start_matches('　')),
    }
}

/// For a statute held in two versions: which article of the other version corresponds.
fn print_counterpart(
    out: &mut impl Write,
    corpus: &Corpus,
    counterparts: &mut correspondence::Cache,
    statute: &Statute,
    article: &Article,
    style: &Style,
) -> anyhow::Result<()> {
    let Some((other_id, Some(found))) = counterparts
        .get(corpus, &statute.meta.short_name)
        .and_then(|table| table.across(&statute.id(), article.no.number))
    else {
        return Ok(());
    };
    let Some(other) = corpus.get(other_id) else {
        return Ok(());
    };
    let line = if found.articles.is_empty() {
        format!(
            "{}中没有对应条文（按文本比对）",
            reference::display_name(other)
        )
    } else {
        let refs: Vec<ResolvedRef> = found
            .articles
            .iter()
            .map(|&number| ResolvedRef {
                statute_id: other.id(),
                article: fatiao::ArticleNo { number, suffix: 0 },
                paragraph: None,
                item: None,
            })
            .collect();
        format!(
            "对应{}：{}（文本相似度 {:.2}）",
            if !other.meta.status.is_superseded() {
                "现行条文"
            } else {
                "旧版条文"
            },
            cite::merge(corpus, &refs, CiteStyle::Full)?,
            found.link.similarity
        )
    };
    writeln!(
        out,
        "{}\n",
        style.dim(&format!("{line}；对应关系由两版文本计算得出，非官方对照表"))
    )?;
    Ok(())
}

/// The references an article makes inside its statute, and what they resolve to.
fn print_cross_references(
    out: &mut impl Write,
    corpus: &Corpus,
    statute: &Statute,
    article: &Article,
    style: &Style,
) -> anyhow::Result<()> {
    let refs = reference::cross_references(&reference::statute_names(corpus), statute, article);
    if refs.is_empty() {
        writeln!(out, "{}\n", style.dim("本条没有引用其他条文。"))?;
        return Ok(());
    }
    writeln!(out, "本条引用：")?;
    for r in &refs {
        let place = match r.item_index {
            Some(i) => format!("第{}款第{}项", r.paragraph_index + 1, i + 1),
            None => format!("第{}款", r.paragraph_index + 1),
        };
        let target = if let Some(title) = &r.external {
            format!("《{title}》（未收录）")
        } else if r.targets.is_empty() {
            "（无法解析）".to_string()
        } else {
            cite::merge(corpus, &r.targets, CiteStyle::Full)?
        };
        writeln!(out, "  {place}  {} → {target}", r.text)?;
    }
    writeln!(out)?;
    Ok(())
}

fn cite_refs(cli: &Cli, args: &CiteArgs) -> anyhow::Result<Outcome> {
    if args.merge && args.format == LetterFormatArg::Markdown {
        return Err(fatiao::Error::BadQuery(
            "--merge 输出一行引用，没有 Markdown 形式；请用 --format text 或 json，\
             或用 --letter --format markdown 得到带条文的 Markdown"
                .to_string(),
        )
        .into());
    }
    let corpus = for_the_process(load_corpus(cli)?);
    let style = CiteStyle::from(args.style);
    let found = refs::resolve_words(corpus, &args.references, false)?;
    found.report();
    let all_found = found.missing.is_empty();
    let unresolved: Vec<Unresolved> = found
        .missing
        .iter()
        .map(|(reference, message)| not_found(reference, message.clone()))
        .collect();
    let resolved = found.refs;
    if args.format == LetterFormatArg::Json {
        let mode = if args.letter {
            CiteMode::Letter
        } else if args.merge {
            CiteMode::Merge
        } else {
            CiteMode::List
        };
        let doc = contract::cite_doc(corpus, &resolved, style, mode, unresolved)?;
        let mut out = io::stdout().lock();
        writeln!(out, "{}", doc.to_pretty()?)?;
        return Ok(Outcome::found(all_found));
    }
    // Every reference must exist before anything is printed for a letter:
    // half a citation list pasted into a filing is worse than none.
    if !all_found && (args.letter || args.merge) {
        return Ok(Outcome::NothingFound);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.letter {
        let letter = cite::letter(corpus, &resolved, style)?;
        write!(out, "{}", letter.render(LetterFormat::from(args.format))?)?;
    } else if args.merge {
        writeln!(out, "{}", cite::merge(corpus, &resolved, style)?)?;
    } else {
        let bullet = if args.format == LetterFormatArg::Markdown {
            "- "
        } else {
            ""
        };
        for r in &resolved {
            writeln!(out, "{bullet}{}", cite::cite(corpus, r, style)?)?;
        }
    }
    out.flush()?;
    Ok(Outcome::found(all_found))
}

// ---------------------------------------------------------------------------
// verify and correspondence

fn verify(cli: &Cli, args: &VerifyArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(load_corpus(cli)?);
    let as_of = match &args.as_of {
        Some(date) => fatiao::verify::parse_date(date)?,
        None => fatiao::verify::today(),
    };
    let (bytes, source) = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes).context("无法读取标准输入")?;
        (bytes, "-".to_string())
    } else {
        let bytes = std::fs::read(&args.file)
            .with_context(|| format!("无法读取 {}", args.file.display()))?;
        (bytes, args.file.display().to_string())
    };
    let read = fatiao::verify::read_draft(&bytes, &source)?;
    if read.format != fatiao::verify::DraftFormat::Utf8 {
        let notice = format!("{source} 按 {} 读取", read.format.label());
        eprintln!("fatiao: {}", escape_controls(&notice));
    }
    let draft = read.text;
    let report = fatiao::verify::verify(&draft, corpus, &as_of);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        VerifyFormat::Json => writeln!(out, "{}", contract::verify(&report).to_pretty()?)?,
        VerifyFormat::Text => write!(out, "{}", fatiao::verify::render_text(&report, &source))?,
    }
    out.flush()?;
    Ok(if report.all_ok() {
        Outcome::Success
    } else {
        Outcome::ProblemsFound
    })
}

fn correspondence(cli: &Cli, args: &CorrespondenceArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(load_corpus(cli)?);
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

// ---------------------------------------------------------------------------
// laws and index

fn laws(cli: &Cli, args: &LawsArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(load_corpus(cli)?);
    let doc = contract::laws(corpus);
    let style = Style::detect(cli.color);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => writeln!(out, "{}", doc.to_pretty()?)?,
        Format::Jsonl => {
            for statute in &doc.body.statutes {
                writeln!(out, "{}", Document::new(statute).to_line()?)?;
            }
        }
        Format::Text => {
            for line in &doc.body.statutes {
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
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn index(cli: &Cli, args: &IndexArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let corpus = for_the_process(load_corpus(cli)?);
    let location = index_location(cli);
    if args.check {
        return index_check(corpus, &location);
    }
    let opened =
        for_the_process(open_or_build(corpus, &location, args.rebuild).context("无法建立索引")?);
    if let Some(notice) = &opened.notice {
        eprintln!("fatiao: {}", escape_controls(notice));
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
fn index_check(corpus: &Corpus, location: &IndexLocation) -> anyhow::Result<Outcome> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn exclusions_are_not_taken_for_flags() {
        let cli = Cli::try_parse_from(
            ["fatiao", "search", "隐私", "-拘留", "-n", "2"]
                .map(std::ffi::OsString::from)
                .map(protect_exclusion),
        )
        .expect("-拘留 must parse as a query word");
        let Some(Command::Search(args)) = cli.command else {
            panic!("expected the search command");
        };
        assert_eq!(args.query, ["隐私", "－拘留"], "query words");
        assert_eq!(args.limit, 2, "-n after the exclusion is still a flag");
    }

    #[test]
    fn words_are_grouped_into_references() {
        const CASES: &[(&[&str], &[&str])] = &[
            (&["民法典", "1032"], &["民法典 1032"]),
            (&["民法典1032", "民法典1033"], &["民法典1032", "民法典1033"]),
            (&["民法典第1032条"], &["民法典第1032条"]),
            (
                &["治安法", "50", "民法典1032"],
                &["治安法 50", "民法典1032"],
            ),
        ];
        for (words, expected) in CASES {
            let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            assert_eq!(
                group_references(&words),
                *expected,
                "grouping of {words:?}: look at group_references"
            );
        }
    }

    #[test]
    fn highlights_are_character_ranges() {
        let style = Style { on: true };
        let got = highlighted("甲乙丙丁", &[(1, 3)], &style);
        assert_eq!(
            got, "甲\x1b[1;31m乙丙\x1b[0m丁",
            "highlight of characters 1..3"
        );
        let plain = highlighted("甲乙丙丁", &[(1, 3)], &Style { on: false });
        assert_eq!(plain, "甲乙丙丁", "no escape codes when colour is off");
    }
}
