//! `fatiao search`: one query from the arguments, or one per line of stdin
//! (`--stdin`, a batch that goes on past a bad line), printed as text with
//! highlights, one JSON document, or JSON lines.

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;

use fatiao::contract::{self, Document, ErrorInfo};
use fatiao::sanitize::escape_controls;
use fatiao::search::{Engine, QueryKind, ReferenceAnswer, SearchOptions, SearchResults};

use super::context::{Context, for_the_process};
use super::help::{ARGUMENTS, OPTIONS};
use super::options::{ColorOpt, CorpusArg, IndexArg, OutputFormat, bounded};
use super::outcome::Outcome;
use super::refs::with_suggestion;
use super::style::{self, Style};

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao search 催收 骚扰 亲友
  fatiao search 私人生活安宁
  fatiao search '\"散布他人隐私\"' --law 治安管理处罚法      带引号：必须出现 · quoted: must occur
  fatiao search 隐私 -拘留 --all-versions                   -词：排除 · -word: exclude
  fatiao search --format json 高利贷
  printf '借钱不还\\n被人肉了\\n' | fatiao search --stdin     每行一个查询 · one query per line

退出码 Exit codes: 0 有结果 hits · 1 没有结果 none · 2 出错 error";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// 词语、"带引号的短语"、-排除词 或 law:民法典；也可以是条文编号，如 民法典1032 · Words, "quoted phrases", -excluded words, law:民法典; or a reference such as 民法典1032
    #[arg(value_name = "QUERY", required_unless_present = "stdin", help_heading = ARGUMENTS)]
    pub query: Vec<String>,

    /// 最多返回几条（1–1000）· Maximum number of hits (1–1000)
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N", value_parser = bounded::<1, { fatiao::search::MAX_LIMIT }>, help_heading = OPTIONS)]
    pub limit: usize,

    /// 只检索这部法律（简称、全称或别名），可重复 · Only this statute (short name, title or alias); repeatable
    #[arg(long, value_name = "LAW", help_heading = OPTIONS)]
    pub law: Vec<String>,

    /// 包括已被修订的旧版本（如治安管理处罚法 2012）· Include superseded versions (治安管理处罚法 2012)
    #[arg(long, help_heading = OPTIONS)]
    pub all_versions: bool,

    /// 只按法条原文检索：不做大白话扩展，不用俗语 · The statutes' own words only: no lay-to-legal expansions, no lay phrases
    #[arg(long, help_heading = OPTIONS)]
    pub no_expand: bool,

    /// 输出格式 · Output format [默认 default: text；--stdin 时为 jsonl]
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: Option<OutputFormat>,

    /// 从标准输入每行读一个查询，每个查询输出一个结果 · Read one query per line from standard input; one result per query
    #[arg(long, conflicts_with = "query", help_heading = OPTIONS)]
    pub stdin: bool,

    /// 逐条显示排序信号及各自的得分贡献（JSON：signals） · Show per hit the ranking signals and what each added to its score (JSON: `signals`)
    #[arg(long, help_heading = OPTIONS)]
    pub explain: bool,

    #[command(flatten)]
    pub color: ColorOpt,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

impl SearchArgs {
    /// `--format`, else text for a query given, JSON lines for `--stdin`.
    fn output_format(&self) -> OutputFormat {
        self.format.unwrap_or(if self.stdin {
            OutputFormat::Jsonl
        } else {
            OutputFormat::Text
        })
    }
}

/// The longest line `search --stdin` reads, in bytes; a longer line is
/// answered with an error document (queries stop at MAX_QUERY_CHARS anyway).
const MAX_LINE_BYTES: usize = 64 * 1024;

/// What `search --stdin` exits with when a signal ends the batch: 128 +
/// SIGINT, the shell's code for an interrupted process.
const INTERRUPTED: i32 = 130;

pub fn run(ctx: &Context, args: &SearchArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(Arc::new(ctx.corpus()?));
    let options = SearchOptions {
        limit: args.limit,
        all_versions: args.all_versions,
        laws: args.law.clone(),
        expand: !args.no_expand,
    };
    let style = ctx.style();
    let format = args.output_format();

    if !args.stdin {
        let mut out = io::BufWriter::new(io::stdout().lock());
        let query = args.query.join(" ");
        // A reference is answered from the corpus: no index, no tokenizer.
        let answer = fatiao::search::answer_reference(corpus, &query, &options)
            .map_err(|err| with_suggestion(corpus, err))?;
        let results = match answer {
            ReferenceAnswer::Answered(results) => results,
            ReferenceAnswer::Words { .. } => free_text(
                for_the_process(ctx.engine(Arc::clone(corpus))?),
                &query,
                &options,
                args.explain,
            )
            .map_err(|err| with_suggestion(corpus, err))?,
        };
        print_notices(&results);
        print_results(&mut out, &results, format, &style)?;
        out.flush()?;
        return Ok(Outcome::found(!results.hits.is_empty()));
    }

    let engine = for_the_process(ctx.engine(Arc::clone(corpus))?);
    search_lines(engine, &options, args.explain, format, &style)
}

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

/// `search --stdin`: one answer per line of stdin, each written whole.
fn search_lines(
    engine: &Engine,
    options: &SearchOptions,
    explain: bool,
    format: OutputFormat,
    style: &Style,
) -> anyhow::Result<Outcome> {
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
            free_text(engine, query, options, explain)
                .map(|results| (query, results))
                .map_err(|err| ErrorInfo::from(&err))
        });
        match outcome {
            Ok((query, results)) => {
                any_hits |= !results.hits.is_empty();
                print_notices(&results);
                if format == OutputFormat::Text {
                    writeln!(
                        out,
                        "{}",
                        style.bold(&format!("查询：{}", escape_controls(query)))
                    )?;
                }
                print_results(&mut out, &results, format, style)?;
            }
            // One bad query (an unknown law: filter, a broken line) must not end the batch.
            Err(error) => match format {
                OutputFormat::Text => writeln!(
                    out,
                    "{}\n  错误：{}\n",
                    escape_controls(shown),
                    escape_controls(&error.message)
                )?,
                OutputFormat::Json | OutputFormat::Jsonl => {
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
            std::process::exit(INTERRUPTED);
        }
    });
    Ok(())
}

/// The index notice, and the old-numbering notices, go to stderr, so stdout
/// stays what was asked for (JSON output carries the old-numbering notices
/// too, in `notices` and on each hit).
fn print_notices(results: &SearchResults) {
    if let Some(notice) = &results.notice {
        style::notice(notice);
    }
    for notice in &results.notices {
        style::notice(notice);
    }
}

fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    format: OutputFormat,
    style: &Style,
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => writeln!(out, "{}", contract::search(results).to_pretty()?)?,
        OutputFormat::Jsonl => writeln!(out, "{}", contract::search(results).to_line()?)?,
        OutputFormat::Text => print_results_text(out, results, style)?,
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
            style.highlighted(&hit.snippet, &hit.highlights)
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
