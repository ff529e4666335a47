//! The help around the commands: the headings and layout every help page
//! uses (Chinese first, English beside), the main page's examples and exit
//! codes, and `fatiao help [dev|COMMAND]`. Each command's own examples are
//! in its file; the help snapshots of every page are tested here.

use std::io::{self, Write};

use anyhow::bail;
use clap::Args;

use super::outcome::Outcome;

pub const COMMANDS: &str = "命令 Commands";
pub const ARGUMENTS: &str = "参数 Arguments";
pub const OPTIONS: &str = "选项 Options";
pub const GLOBAL: &str = "全局选项 Global options";

/// clap's layout with the usage heading in Chinese and English.
pub const TEMPLATE: &str =
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

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao help             全部命令 · every command
  fatiao help search      一个命令 · one command
  fatiao help dev         开发者命令 · the developer commands";

/// `fatiao help [TOPIC]`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// 命令名，或 dev（开发者命令）· A command, or dev for the developer commands
    #[arg(value_name = "TOPIC", help_heading = ARGUMENTS)]
    pub topic: Option<String>,
}

/// Prints the long help of `command`, of one of its subcommands, or of the
/// developer commands.
pub fn run(args: &HelpArgs, mut command: clap::Command) -> anyhow::Result<Outcome> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::command;

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
}
