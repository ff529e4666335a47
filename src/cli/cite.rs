//! `fatiao cite`: citations to paste, one per reference, merged into one
//! line, or a 根据……的规定 paragraph with the cited text in full.

use std::io::{self, Write};

use clap::{Args, ValueEnum};

use fatiao::cite::{self, CiteStyle, LetterFormat};
use fatiao::contract;

use super::context::{Context, for_the_process};
use super::help::{ARGUMENTS, OPTIONS};
use super::options::CorpusArg;
use super::outcome::Outcome;
use super::refs;
use crate::params::{self, StyleArg};

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao cite 民法典1032 治安法第50条第1款第5项
  fatiao cite --style short 民法典1032                 《民法典》第一千零三十二条
  fatiao cite 民法典第1024条、第1033条                 列举的几条 · a list
  fatiao cite --merge 民法典1032 民法典1034            合并为一行 · one line
  fatiao cite --letter --format markdown 民法典1032    信函段落和所引条文 · paragraph and texts

写入文件请用 `fatiao letter`。To write a file, use `fatiao letter`.
退出码 Exit codes: 0 全部存在 all exist · 1 有不存在的 some do not · 2 出错 error";

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// 条文编号；只有合起来才成立的词（民法典 1032）会合并 · Article references; words that only make sense together (民法典 1032) are joined
    #[arg(value_name = "REF", required = true, help_heading = ARGUMENTS)]
    pub references: Vec<String>,

    /// full：《中华人民共和国民法典》…… short：《民法典》…… · Full or short statute names
    #[arg(long, value_enum, default_value_t = StyleArg::Full, value_name = "STYLE", help_heading = OPTIONS)]
    pub style: StyleArg,

    /// 合并为一行，按律师的写法 · One line, merged the way lawyers write them (第一千零三十二条、第一千零三十四条)
    #[arg(long, conflicts_with = "letter", help_heading = OPTIONS)]
    pub merge: bool,

    /// 信函用的段落“根据……的规定，” 后附所引条文全文 · A letter-ready 根据……的规定 paragraph, then the cited text in full
    #[arg(long, help_heading = OPTIONS)]
    pub letter: bool,

    /// 输出格式：text；markdown（引用列表，或带引文的信函）；json（见 docs/json.md）· Output format: text, markdown (a list, or the letter with quoted text) or json (see docs/json.md)
    #[arg(long, value_enum, default_value_t = LetterFormatArg::Text, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: LetterFormatArg,

    #[command(flatten)]
    pub corpus: CorpusArg,
}

/// `--format text|markdown|json`.
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

pub fn run(ctx: &Context, args: &CiteArgs) -> anyhow::Result<Outcome> {
    if args.merge && args.format == LetterFormatArg::Markdown {
        return Err(fatiao::Error::BadQuery(
            "--merge 输出一行引用，没有 Markdown 形式；请用 --format text 或 json，\
             或用 --letter --format markdown 得到带条文的 Markdown"
                .to_string(),
        )
        .into());
    }
    let corpus = for_the_process(ctx.corpus()?);
    let style = CiteStyle::from(args.style);
    let found = refs::resolve_words(corpus, &args.references, false)?;
    found.report();
    let outcome = Outcome::found(found.all_found());
    if args.format == LetterFormatArg::Json {
        let mode = params::cite_mode(args.letter, args.merge);
        let doc = contract::cite_doc(corpus, &found.refs, style, mode, found.unresolved())?;
        let mut out = io::stdout().lock();
        writeln!(out, "{}", doc.to_pretty()?)?;
        return Ok(outcome);
    }
    // Every reference must exist before anything is printed for a letter:
    // half a citation list pasted into a filing is worse than none.
    if !found.all_found() && (args.letter || args.merge) {
        return Ok(Outcome::NothingFound);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.letter {
        let letter = cite::letter(corpus, &found.refs, style)?;
        write!(out, "{}", letter.render(LetterFormat::from(args.format))?)?;
    } else if args.merge {
        writeln!(out, "{}", cite::merge(corpus, &found.refs, style)?)?;
    } else {
        let bullet = if args.format == LetterFormatArg::Markdown {
            "- "
        } else {
            ""
        };
        for r in &found.refs {
            writeln!(out, "{bullet}{}", cite::cite(corpus, r, style)?)?;
        }
    }
    out.flush()?;
    Ok(outcome)
}
