//! The help around the commands: headings and examples (Chinese first, English
//! beside), `fatiao help [dev|COMMAND]`, `--version` with the statutes held,
//! shell completions and the man page.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, CommandFactory, FromArgMatches};

use fatiao::verify::Verdict;

use super::{Cli, Outcome, load_corpus};

pub const COMMANDS: &str = "命令 Commands";
pub const ARGUMENTS: &str = "参数 Arguments";
pub const OPTIONS: &str = "选项 Options";
pub const GLOBAL: &str = "全局选项 Global options";

/// clap's layout with the usage heading in Chinese and English.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\n用法 Usage: {usage}\n\n{all-args}{after-help}";

/// The developer commands: hidden from `fatiao --help`, listed by `fatiao help dev`.
pub const DEV_COMMANDS: &[&str] = &["index", "correspondence", "eval"];

pub const MAIN_EXAMPLES: &str = "\
示例 Examples:
  fatiao search 催收 骚扰 亲友                 大白话检索 · search in plain words
  fatiao show 民法典第1032条 --context 1       查看条文 · read an article
  fatiao cite 治安法第50条第1款第5项           规范引用 · a citation to paste
  fatiao letter -t police 治安法第50条第1款第5项 -o 报警材料.docx
                                               报警材料模板 · a police report template
  fatiao verify 投诉信.txt                     核对文书中的引用 · check a draft
  fatiao                                       交互界面 · the interactive screen

退出码 Exit codes:
  0 有结果 found
  1 没有结果，或引用不存在、不正确 nothing found, or a citation that is not ok
  2 出错 error

开发者命令 Developer commands: fatiao help dev";

pub const SEARCH_EXAMPLES: &str = "\
示例 Examples:
  fatiao search 催收 骚扰 亲友
  fatiao search 私人生活安宁
  fatiao search '\"散布他人隐私\"' --law 治安管理处罚法      带引号：必须出现 · quoted: must occur
  fatiao search 隐私 -拘留 --all-versions                   -词：排除 · -word: exclude
  fatiao search --format json 高利贷
  printf '借钱不还\\n被人肉了\\n' | fatiao search --stdin     每行一个查询 · one query per line

退出码 Exit codes: 0 有结果 hits · 1 没有结果 none · 2 出错 error";

pub const SHOW_EXAMPLES: &str = "\
示例 Examples:
  fatiao show 民法典 1032
  fatiao show 民法典第一千零三十二条 --context 1
  fatiao show 治安法第50条第1款第5项
  fatiao show 民法典1032-1034                      范围 · a range
  fatiao show 民法典1024、1033                       几条一起 · several at once
  fatiao show 2012年治安管理处罚法第四十二条        旧版本，并指出现行对应条文 · an old version and its counterpart
  fatiao show 治安法50 --refs                      本条引用的条文 · what the article refers to

退出码 Exit codes: 0 找到 found · 1 没有这一条 no such article · 2 出错 error";

pub const CITE_EXAMPLES: &str = "\
示例 Examples:
  fatiao cite 民法典1032 治安法第50条第1款第5项
  fatiao cite --style short 民法典1032                 《民法典》第一千零三十二条
  fatiao cite 民法典第1024条、第1033条                 列举的几条 · a list
  fatiao cite --merge 民法典1032 民法典1034            合并为一行 · one line
  fatiao cite --letter --format markdown 民法典1032    信函段落和所引条文 · paragraph and texts

写入文件请用 `fatiao letter`。To write a file, use `fatiao letter`.
退出码 Exit codes: 0 全部存在 all exist · 1 有不存在的 some do not · 2 出错 error";

pub const LETTER_EXAMPLES: &str = "\
文书 Documents (--template):
  letter     引用段落和所引条文（默认）· the citation paragraph and the cited texts (default)
  platform   向平台投诉 · a complaint to the lending platform
  regulator  向国家金融监督管理总局投诉（12378）· a complaint to the financial regulator
  police     报警材料 · a report to the police
  lawyer     律师函骨架 · a lawyer's letter skeleton
模板中【】处待填写：投诉人、被投诉人、事实与理由、诉求、证据清单；
所引条文取自语料原文。模板不是法律意见。
Templates have labelled blanks to fill in and quote the corpus; they are not legal advice.

示例 Examples:
  fatiao letter 民法典1032 治安法第50条第1款第5项       输出文本 · print text
  fatiao letter 民法典1032 -o 引用.md                   格式按扩展名 · format from the extension
  fatiao letter -t police 治安法第50条第1款第5项 -o 报警材料.docx
  fatiao letter -t regulator --marked -o 投诉.docx      界面里标记的清单 · the TUI's list

退出码 Exit codes: 0 已写出 written · 1 有不存在的条文 a reference names nothing · 2 出错 error";

pub const LAWS_EXAMPLES: &str = "\
示例 Examples:
  fatiao laws
  fatiao laws --format json";

pub const TUI_EXAMPLES: &str = "\
示例 Examples:
  fatiao                 打开界面 · open the screen
  fatiao tui 私人生活安宁 打开并检索 · open it with a query

界面里按 F1 查看全部按键。Press F1 on the screen for every key.
复制：tmux 中用 tmux 缓冲区，其次是系统剪贴板，再次是终端（OSC 52），
都不行时写入数据目录中的文件。FATIAO_CLIPBOARD=system|tmux|osc52|none 指定方式。
标记的引用清单保存在数据目录 $FATIAO_DATA 中，下次打开仍在。
Copying: tmux's buffer inside tmux, else the system clipboard, else the terminal
(OSC 52), else a file in the data directory; FATIAO_CLIPBOARD chooses.
The marked list is kept in the data directory for the next session.";

pub const COMPLETIONS_EXAMPLES: &str = "\
示例 Examples:
  fatiao completions bash > ~/.local/share/bash-completion/completions/fatiao
  fatiao completions zsh > ~/.zfunc/_fatiao
  fatiao completions fish > ~/.config/fish/completions/fatiao.fish
  fatiao completions powershell >> $PROFILE";

pub const MAN_EXAMPLES: &str = "\
示例 Examples:
  fatiao man | man -l -                  阅读 · read it
  fatiao man search | man -l -           一个命令的手册页 · one command's page
  fatiao man --out-dir ~/.local/share/man/man1   写出全部手册页 · write every page";

pub const CORRESPONDENCE_EXAMPLES: &str = "\
示例 Examples:
  fatiao correspondence > 对应表.tsv
  fatiao correspondence 网络安全法
  fatiao correspondence --corpus corpus/";

pub const HELP_EXAMPLES: &str = "\
示例 Examples:
  fatiao help             全部命令 · every command
  fatiao help search      一个命令 · one command
  fatiao help dev         开发者命令 · the developer commands";

pub const MCP_EXAMPLES: &str = "\
示例 Examples:
  fatiao mcp                           由 AI 助手启动 · started by an AI assistant
  fatiao mcp --index ~/.cache/fatiao   指定索引目录 · with an index directory";

pub const INDEX_EXAMPLES: &str = "\
示例 Examples:
  fatiao index
  fatiao index --rebuild --index /tmp/fatiao-index";

pub const EVAL_EXAMPLES: &str = "\
示例 Examples:
  fatiao eval benches/eval/*.jsonl
  fatiao eval --halves --set section=0 benches/eval/lay.jsonl";

/// What a verdict means, in Chinese and English; every verdict has a line,
/// so a new one cannot be left out of the help.
fn describe(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Ok => (
            "在所核对日期适用的版本中存在",
            "exists in the version in force on the date",
        ),
        Verdict::NotFound => (
            "收录的任何版本中都没有这一条、款、项",
            "no such article, paragraph or item in any version held",
        ),
        Verdict::Outdated => (
            "只存在于当日不适用的版本，或这个编号现在是另一条规定",
            "only in a version not in force then, or the number now holds another rule",
        ),
        Verdict::UnknownStatute => (
            "没有写明法律，或未收录该法律",
            "names no statute, or one fatiao does not hold",
        ),
        Verdict::PartialSource => (
            "该法律只部分收录，这一条不在其中（不等于引用有误）",
            "the statute is held in part and this article is not in it (not an error)",
        ),
        Verdict::Deleted => (
            "这一条已被修正删去（「（删去）」），不能再引用",
            "an amendment removed the article's text: it cannot be relied on",
        ),
        Verdict::Unreadable => (
            "条文编号无法识别（如 第0条、过大的数字、颠倒的项的范围）",
            "a number in it cannot be read (第0条, an overflow, a reversed item range)",
        ),
    }
}

/// `verify`'s verdicts (from the library's own labels) and exit codes.
fn verify_help() -> String {
    let mut out = String::from("结论 Verdicts:\n");
    for verdict in Verdict::ALL {
        let (chinese, english) = describe(verdict);
        let name = serde_json::to_value(verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} {name}\n      {chinese}\n      {english}\n",
            verdict.label()
        ));
    }
    out.push_str(
        "\n示例 Examples:
  fatiao verify 投诉信.txt
  fatiao verify 投诉信.docx --as-of 2026年1月1日       Word 文档 · a Word file
  fatiao verify - --as-of 2025-06-01 < letter.txt     按另一日期的法律 · the law of another date
  fatiao verify --format json 投诉信.txt

退出码 Exit codes:
  0 全部正确，或没有引用 all ok, or no citations
  1 有不正确的引用 some citation is not ok
  2 出错 error",
    );
    out
}

/// The command line as clap sees it, with the Chinese-and-English layout on
/// every command. Completions, the man page and the help snapshots use it too.
pub fn command() -> clap::Command {
    let command = Cli::command()
        .help_template(TEMPLATE)
        .mut_subcommand("verify", |c| c.after_help(verify_help()));
    with_template(command)
}

fn with_template(command: clap::Command) -> clap::Command {
    command.mut_subcommands(|sub| with_template(sub.help_template(TEMPLATE)))
}

/// Parses the process arguments with [`command`]; `--help` and usage
/// errors come back as clap errors for `main` to print.
pub fn try_parse_from(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// `fatiao help [TOPIC]`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// 命令名，或 dev（开发者命令）· A command, or dev for the developer commands
    #[arg(value_name = "TOPIC", help_heading = ARGUMENTS)]
    pub topic: Option<String>,
}

pub fn help(args: &HelpArgs) -> anyhow::Result<Outcome> {
    let mut command = command();
    command.build();
    let mut out = io::stdout().lock();
    match args.topic.as_deref() {
        None => write!(out, "{}", command.render_long_help())?,
        Some("dev") => write!(out, "{}", dev_help(&command))?,
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => write!(out, "{}", sub.render_long_help())?,
            None => {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .filter(|c| !c.is_hide_set())
                    .map(|c| c.get_name())
                    .collect();
                bail!(
                    "没有命令“{name}”；可用：{}，或 dev（开发者命令）",
                    names.join("、")
                );
            }
        },
    }
    Ok(Outcome::Success)
}

/// The developer commands with what they do.
fn dev_help(command: &clap::Command) -> String {
    let mut out = String::from(
        "开发者命令 Developer commands（不在 fatiao --help 中列出，照常可用 · not listed in fatiao --help, they work as usual）:\n\n",
    );
    for name in DEV_COMMANDS {
        if let Some(sub) = command.find_subcommand(name) {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let about = about.trim_start_matches("[开发 dev] ");
            out.push_str(&format!("  {name:<16}{about}\n"));
        }
    }
    out.push_str(
        "\n详细帮助 Details: fatiao help index · fatiao help correspondence · fatiao help eval\n",
    );
    out
}

/// `--version`: the program's version and the statutes it holds, from the corpus.
pub fn version(cli: &Cli) -> anyhow::Result<Outcome> {
    let corpus = load_corpus(cli)?;
    let source = match &cli.corpus {
        Some(dir) => format!("语料 corpus: {}", dir.display()),
        None => "内置语料 built-in corpus".to_string(),
    };
    let mut out = io::stdout().lock();
    writeln!(out, "fatiao {}", env!("CARGO_PKG_VERSION"))?;
    writeln!(
        out,
        "收录的法律 Statutes held（{source}，{} 个法律版本 {} 条 · {} versions, {} articles）:",
        corpus.statute_count(),
        corpus.article_count(),
        corpus.statute_count(),
        corpus.article_count()
    )?;
    for statute in &corpus.statutes {
        let meta = &statute.meta;
        let mut line = format!("  《{}》{}版", meta.title, meta.version);
        if !meta.version_label.is_empty() {
            line.push_str(&format!("（{}）", meta.version_label));
        }
        line.push_str(&format!("  {}", meta.status.label()));
        if !meta.effective.is_empty() {
            line.push_str(&format!("  {}起施行", meta.effective));
        }
        if let Some(date) = &meta.superseded {
            line.push_str(&format!("  {date}起失效"));
        }
        if meta.partial {
            line.push_str("  部分收录");
        }
        writeln!(out, "{line}")?;
    }
    Ok(Outcome::Success)
}

/// `fatiao completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash、zsh、fish、powershell 或 elvish · The shell
    #[arg(value_enum, value_name = "SHELL", help_heading = ARGUMENTS)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut command = command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "fatiao", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}

/// `fatiao man [COMMAND] [--out-dir DIR]`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// 只输出这个命令的手册页 · Only this command's page
    #[arg(value_name = "COMMAND", help_heading = ARGUMENTS)]
    pub command: Option<String>,

    /// 把全部手册页写入此目录（fatiao.1、fatiao-search.1 ……）· Write every page (fatiao.1, fatiao-search.1 …) into this directory
    #[arg(long, value_name = "DIR", conflicts_with = "command", help_heading = OPTIONS)]
    pub out_dir: Option<PathBuf>,
}

pub fn man(args: &ManArgs) -> anyhow::Result<Outcome> {
    let mut command = command();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every help text at a fixed width: `fatiao --help`, each command's.
    fn help_texts(width: usize) -> Vec<(String, String)> {
        let mut command = command().term_width(width);
        command.build();
        let mut texts = vec![("fatiao".to_string(), command.render_long_help().to_string())];
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for name in names {
            let sub = command.find_subcommand_mut(&name).expect("listed");
            texts.push((name, sub.render_long_help().to_string()));
        }
        texts
    }

    #[test]
    fn help_texts_match_their_snapshots() {
        for (name, text) in help_texts(100) {
            insta::assert_snapshot!(format!("help_{name}"), text);
        }
    }

    #[test]
    fn help_lines_fit_the_terminal_width_counting_wide_characters() {
        for width in [80, 100] {
            let mut too_wide = Vec::new();
            for (name, text) in help_texts(width) {
                for line in text.lines() {
                    let columns = unicode_width::UnicodeWidthStr::width(line);
                    if columns > width {
                        too_wide.push(format!("`{name}` at {width}, {columns} columns: {line}"));
                    }
                }
            }
            // clap breaks lines at ASCII spaces only: a long run of Chinese needs one.
            assert!(
                too_wide.is_empty(),
                "help lines too wide:\n{}",
                too_wide.join("\n")
            );
        }
    }

    #[test]
    fn help_is_chinese_first_with_english_beside() {
        let texts = help_texts(100);
        let (_, main) = &texts[0];
        assert!(main.starts_with("法条 fatiao：离线检索"), "{main}");
        assert!(
            main.contains("Offline search of Chinese statutes"),
            "{main}"
        );
        assert!(
            main.contains("命令 Commands:") && main.contains("用法 Usage:"),
            "{main}"
        );
        for (name, text) in &texts {
            assert!(
                text.contains("示例 Examples"),
                "`{name}` has examples:\n{text}"
            );
        }
    }

    #[test]
    fn developer_commands_are_hidden_but_listed_under_help_dev() {
        let mut command = command();
        command.build();
        let main = command.render_long_help().to_string();
        for name in DEV_COMMANDS {
            let sub = command.find_subcommand(name).expect("still a command");
            assert!(sub.is_hide_set(), "{name} is hidden");
            assert!(
                !main.contains(&format!("  {name} ")),
                "{name} is not in the main help:\n{main}"
            );
        }
        let dev = dev_help(&command);
        for name in DEV_COMMANDS {
            assert!(dev.contains(name), "{name} in `fatiao help dev`:\n{dev}");
        }
    }

    #[test]
    fn index_is_offered_only_by_commands_that_open_the_index() {
        let mut command = command();
        command.build();
        for sub in command.get_subcommands() {
            let has_index = sub.get_arguments().any(|a| a.get_id() == "index");
            let opens_index = matches!(sub.get_name(), "search" | "tui" | "index" | "eval" | "mcp");
            assert_eq!(
                has_index,
                opens_index,
                "`{}` should {}offer --index",
                sub.get_name(),
                if opens_index { "" } else { "not " }
            );
        }
    }

    #[test]
    fn verify_help_lists_every_verdict_and_the_exit_codes() {
        let text = verify_help();
        for verdict in Verdict::ALL {
            assert!(text.contains(verdict.label()), "{verdict:?} in:\n{text}");
        }
        assert!(text.contains("退出码 Exit codes:\n  0 "), "{text}");
    }
}
