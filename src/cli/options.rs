//! The options and values several commands share: `--corpus`, `--index`,
//! `--color`, the output formats, bounded numbers. (The citation style,
//! which the MCP server takes too, is `crate::params::StyleArg`.)
//!
//! Each value the user types is a clap [`ValueEnum`] whose doc comments are
//! its `--help`; one `From` turns it into the library's type, so it is parsed
//! in one place.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::help::GLOBAL;

/// `--corpus DIR` on the commands that read the corpus.
#[derive(Debug, Clone, Default, Args)]
pub struct CorpusArg {
    /// 从此文件夹读取语料（*.txt）代替内置语料 · Read the corpus from this folder of *.txt files instead of the built-in one
    #[arg(long, value_name = "DIR", help_heading = GLOBAL)]
    pub corpus: Option<PathBuf>,
}

/// `--index DIR` on the commands that open the search index.
#[derive(Debug, Clone, Default, Args)]
pub struct IndexArg {
    /// 索引目录 · Index directory [默认 default: $FATIAO_INDEX，从源码目录运行时为 ./index，否则为系统数据目录 else the platform data directory]
    #[arg(long, value_name = "DIR", help_heading = GLOBAL)]
    pub index: Option<PathBuf>,
}

/// `--color` on the commands that colour their output.
#[derive(Debug, Clone, Default, Args)]
pub struct ColorOpt {
    /// 何时使用颜色 · When to colour the output [auto: 终端且未设 NO_COLOR on a terminal without NO_COLOR]
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto, help_heading = GLOBAL)]
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

/// `--format` of the commands that print one document or a stream of them
/// (`search`, `laws`, `eval`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// 供人阅读 · For people
    Text,
    /// 一个 JSON 文档（docs/json.md）· One JSON document (docs/json.md)
    Json,
    /// 每行一个 JSON 文档 · One JSON document per line
    Jsonl,
}

impl OutputFormat {
    /// JSON of either kind: errors are then JSON documents too.
    pub fn is_json(self) -> bool {
        self != OutputFormat::Text
    }
}

/// `--format` of the commands that print text or one JSON document (`show`, `verify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    /// 供人阅读 · For people
    Text,
    /// 一个 JSON 文档（docs/json.md）· One JSON document (docs/json.md)
    Json,
}

/// A whole number from `MIN` to `MAX`, for sizes the user sets: anything
/// larger would only reach an allocation or wrap around.
pub fn bounded<const MIN: usize, const MAX: usize>(text: &str) -> Result<usize, String> {
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
