//! `fatiao letter`: the citation paragraph and the cited provisions, or a
//! template for a complaint, a police report or a lawyer's letter, written
//! to a Markdown, text or `.docx` file (or printed).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Args, ValueEnum};

use fatiao::cite::{self, CiteStyle};
use fatiao::document::{self, DocFormat, DocumentKind};
use fatiao::tui::citation_store::CitationStore;

use super::context::{Context, data_dir};
use super::help::{ARGUMENTS, OPTIONS};
use super::options::CorpusArg;
use super::outcome::Outcome;
use super::refs;
use crate::params::StyleArg;

pub const EXAMPLES: &str = "\
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

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// 条文编号，如 民法典1032 治安法第50条第1款第5项 · Article references
    #[arg(value_name = "REF", required_unless_present = "marked", help_heading = ARGUMENTS)]
    pub references: Vec<String>,

    /// 哪一种文书 · Which document
    #[arg(long, short = 't', value_enum, default_value_t = DocumentKindArg::Letter, value_name = "KIND", help_heading = OPTIONS)]
    pub template: DocumentKindArg,

    /// 写入此文件，格式按扩展名 .docx .md .txt · Write to FILE, in the format its extension names
    #[arg(long, short = 'o', value_name = "FILE", help_heading = OPTIONS)]
    pub output: Option<PathBuf>,

    /// 输出格式 · Output format [默认 default: 按 --output 的扩展名，否则 text · from --output's extension, else text]
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: Option<DocFormatArg>,

    /// 加上交互界面里标记的引用清单（保存在数据目录中）· Add the citation list marked in the TUI (kept in the data directory)
    #[arg(long, help_heading = OPTIONS)]
    pub marked: bool,

    /// full：《中华人民共和国民法典》…… short：《民法典》…… · Full or short statute names
    #[arg(long, value_enum, default_value_t = StyleArg::Full, value_name = "STYLE", help_heading = OPTIONS)]
    pub style: StyleArg,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

/// `--template KIND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentKindArg {
    /// 引用段落和所引条文 · The citation paragraph and the cited texts
    Letter,
    /// 向平台投诉（模板）· A complaint to the platform (template)
    Platform,
    /// 向国家金融监督管理总局投诉，12378（模板）· A complaint to the financial regulator (template)
    Regulator,
    /// 报警材料（模板）· A report to the police (template)
    Police,
    /// 律师函骨架（模板）· A lawyer's letter skeleton (template)
    Lawyer,
}

impl From<DocumentKindArg> for DocumentKind {
    fn from(kind: DocumentKindArg) -> DocumentKind {
        match kind {
            DocumentKindArg::Letter => DocumentKind::Letter,
            DocumentKindArg::Platform => DocumentKind::Platform,
            DocumentKindArg::Regulator => DocumentKind::Regulator,
            DocumentKindArg::Police => DocumentKind::Police,
            DocumentKindArg::Lawyer => DocumentKind::LawyerLetter,
        }
    }
}

/// `--format FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormatArg {
    /// 纯文本 · Plain text
    Text,
    /// Markdown
    Markdown,
    /// Word 文档 · A Word document
    Docx,
}

impl From<DocFormatArg> for DocFormat {
    fn from(format: DocFormatArg) -> DocFormat {
        match format {
            DocFormatArg::Text => DocFormat::Text,
            DocFormatArg::Markdown => DocFormat::Markdown,
            DocFormatArg::Docx => DocFormat::Docx,
        }
    }
}

pub fn run(ctx: &Context, args: &LetterArgs) -> anyhow::Result<Outcome> {
    let corpus = ctx.corpus()?;
    let format = match (args.format, &args.output) {
        (Some(format), _) => DocFormat::from(format),
        (None, Some(path)) => DocFormat::from_path(path).with_context(|| {
            format!(
                "无法从文件名 {} 判断格式；请用 .docx、.md 或 .txt 结尾，或加 --format",
                path.display()
            )
        })?,
        (None, None) => DocFormat::Text,
    };
    if format == DocFormat::Docx && args.output.is_none() && io::stdout().is_terminal() {
        bail!(".docx 是二进制文件，不能显示在终端里；请加 --output 文件名.docx");
    }

    let mut refs = Vec::new();
    if args.marked {
        let store = CitationStore::in_dir(&data_dir());
        let loaded = store.load(&corpus)?;
        if loaded.dropped > 0 {
            eprintln!(
                "fatiao: 标记的清单中有 {} 条在当前语料中不存在，已略去",
                loaded.dropped
            );
        }
        if loaded.refs.is_empty() {
            bail!(
                "交互界面里没有标记的引用清单（{}）；先在界面中按 m 标记条文",
                store.path().display()
            );
        }
        refs.extend(loaded.refs);
    }
    // One reference or a list (民法典1024、1033, 治安法50 51), with the
    // old-numbering notices, on stderr like every message here.
    let found = refs::resolve_words(&corpus, &args.references, false)?;
    found.report();
    // A document citing something that does not exist is worse than none.
    if !found.all_found() {
        return Ok(Outcome::NothingFound);
    }
    for r in found.refs {
        if !refs.contains(&r) {
            refs.push(r);
        }
    }

    let letter = cite::letter(&corpus, &refs, CiteStyle::from(args.style))?;
    let kind = DocumentKind::from(args.template);
    let bytes = document::build(kind, &letter).render(format)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("无法写入 {}", path.display()))?;
            let reminder = if kind.is_template() {
                "；请填写【】中的内容，模板不是法律意见"
            } else {
                ""
            };
            eprintln!(
                "fatiao: 已写入 {}（{}，{} 条引用{reminder}）",
                path.display(),
                kind.label(),
                letter.appendix.len()
            );
        }
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(Outcome::Success)
}
