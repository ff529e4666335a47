//! `fatiao verify`: every citation in a draft (text in any of the encodings
//! Windows and Word write, or a `.docx`) checked against the law of a date.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use fatiao::contract;
use fatiao::verify::Verdict;

use super::context::{Context, for_the_process};
use super::help::{ARGUMENTS, OPTIONS};
use super::options::{CorpusArg, TextOrJson};
use super::outcome::Outcome;
use super::style;
use crate::params;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// 要核对的文书：文本（UTF-8、GBK/GB18030、UTF-16）或 Word .docx；`-` 表示标准输入 · The draft to check: text (UTF-8, GBK/GB18030, UTF-16) or a Word .docx; `-` reads standard input
    #[arg(value_name = "FILE", help_heading = ARGUMENTS)]
    pub file: PathBuf,

    /// 按哪一天的法律核对：2026-01-01、2026-1-1 或 2026年1月1日 · The date whose law applies: 2026-01-01, 2026-1-1 or 2026年1月1日 [默认 default: 北京时间今天 today in Beijing]
    #[arg(long, value_name = "DATE", help_heading = OPTIONS)]
    pub as_of: Option<String>,

    /// 输出格式 · Output format
    #[arg(long, value_enum, default_value_t = TextOrJson::Text, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: TextOrJson,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context, args: &VerifyArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(ctx.corpus()?);
    let as_of = params::law_date(args.as_of.as_deref())?;
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
        style::notice(&format!("{source} 按 {} 读取", read.format.label()));
    }
    let draft = read.text;
    let report = fatiao::verify::verify(&draft, corpus, &as_of);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        TextOrJson::Json => writeln!(out, "{}", contract::verify(&report).to_pretty()?)?,
        TextOrJson::Text => write!(out, "{}", fatiao::verify::render_text(&report, &source))?,
    }
    out.flush()?;
    Ok(Outcome::checked(report.all_ok()))
}

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
pub fn after_help() -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_help_lists_every_verdict_and_the_exit_codes() {
        let text = after_help();
        for verdict in Verdict::ALL {
            assert!(text.contains(verdict.label()), "{verdict:?} in:\n{text}");
        }
        assert!(text.contains("退出码 Exit codes:\n  0 "), "{text}");
    }
}
