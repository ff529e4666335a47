//! `fatiao show`: articles in full (headings, paragraphs, items, the named
//! one marked), with the other version's counterpart and, on request, what
//! the article's own references point to; or a statute as a whole.

use std::io::{self, Write};

use clap::Args;

use fatiao::cite::{self, CiteStyle};
use fatiao::contract;
use fatiao::corpus::{Article, Corpus, Statute};
use fatiao::correspondence;
use fatiao::reference::{self, ResolvedRef};

use super::context::{Context, for_the_process};
use super::help::{ARGUMENTS, OPTIONS};
use super::options::{ColorOpt, CorpusArg, TextOrJson, bounded};
use super::outcome::Outcome;
use super::refs;
use super::style::Style;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao show 民法典 1032
  fatiao show 民法典第一千零三十二条 --context 1
  fatiao show 治安法第50条第1款第5项
  fatiao show 民法典1032-1034                      范围 · a range
  fatiao show 民法典1024、1033                       几条一起 · several at once
  fatiao show 2012年治安管理处罚法第四十二条        旧版本，并指出现行对应条文 · an old version and its counterpart
  fatiao show 治安法50 --refs                      本条引用的条文 · what the article refers to

退出码 Exit codes: 0 找到 found · 1 没有这一条 no such article · 2 出错 error";

/// The most neighbours `show --context` prints on each side.
const MAX_CONTEXT: usize = 100;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// 条文编号：民法典第1032条、治安法 50、民法典1032-1034 · Article reference: 民法典第1032条, 治安法 50, 民法典1032-1034
    #[arg(value_name = "REF", required = true, help_heading = ARGUMENTS)]
    pub reference: Vec<String>,

    /// 同时显示前后各 N 条（0–100）· Also show N articles before and after (0–100)
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = bounded::<0, MAX_CONTEXT>, help_heading = OPTIONS)]
    pub context: usize,

    /// 同时显示含有此条的旧版本 · Also show superseded versions that have the article
    #[arg(long, help_heading = OPTIONS)]
    pub all_versions: bool,

    /// 列出本条引用的条文（本法第N条、前款……）及其指向 · List the references the article makes (本法第N条, 前款 …) and what they point to
    #[arg(long, help_heading = OPTIONS)]
    pub refs: bool,

    /// 输出格式 · Output format
    #[arg(long, value_enum, default_value_t = TextOrJson::Text, value_name = "FORMAT", help_heading = OPTIONS)]
    pub format: TextOrJson,

    #[command(flatten)]
    pub color: ColorOpt,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

pub fn run(ctx: &Context, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let corpus = for_the_process(ctx.corpus()?);
    let text = args.reference.join(" ");
    // A statute named without an article: its overview, with the text that
    // belongs to no article (preamble, notes, appendices).
    if reference::parse_list(&text).is_none() {
        let versions = reference::statute_versions(corpus, text.trim());
        if !versions.is_empty() {
            let style = ctx.style();
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
    let outcome = Outcome::found(resolved.all_found());
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.format == TextOrJson::Json {
        let doc = contract::show_doc(
            corpus,
            &resolved.refs,
            args.context,
            args.refs,
            resolved.unresolved(),
        )?;
        writeln!(out, "{}", doc.to_pretty()?)?;
        out.flush()?;
        return Ok(outcome);
    }
    let style = ctx.style();
    let mut counterparts = correspondence::Cache::default();
    for (statute, article, named) in contract::shown(corpus, &resolved.refs, args.context)? {
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
    Ok(outcome)
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
        print_block(out, "序言", &statute.preamble, style)?;
    }
    if !statute.notes.is_empty() {
        print_block(out, "注", &statute.notes, style)?;
    }
    for appendix in &statute.appendices {
        print_block(out, &appendix.title, &appendix.lines, style)?;
    }
    writeln!(out)?;
    Ok(())
}

/// Text outside the articles (a preamble, notes, an appendix) under its heading.
fn print_block(
    out: &mut impl Write,
    heading: &str,
    lines: &[String],
    style: &Style,
) -> anyhow::Result<()> {
    writeln!(out, "\n{}", style.bold(heading))?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
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
        writeln!(out, "{}", style.mark(&line, paragraph_named))?;
        for item in &paragraph.items {
            let item_named =
                named.is_some_and(|r| r.paragraph == Some(number) && r.item == Some(item.number));
            let line = format!("　　{}{}", item.marker, item.text);
            writeln!(out, "{}", style.mark(&line, item_named))?;
        }
    }
    writeln!(out)?;
    Ok(())
}

/// For a statute held in two versions: which article of the other version
/// corresponds (the same answer as `counterpart` in `show --format json`).
fn print_counterpart(
    out: &mut impl Write,
    corpus: &Corpus,
    counterparts: &mut correspondence::Cache,
    statute: &Statute,
    article: &Article,
    style: &Style,
) -> anyhow::Result<()> {
    let Some(found) = contract::counterpart(corpus, counterparts, statute, article)? else {
        return Ok(());
    };
    let Some(other) = corpus.get(&found.statute_id) else {
        return Ok(());
    };
    let line = match &found.citation {
        None => format!(
            "{}中没有对应条文（按文本比对）",
            reference::display_name(other)
        ),
        Some(citation) => format!(
            "对应{}：{citation}（文本相似度 {:.2}）",
            if found.in_force {
                "现行条文"
            } else {
                "旧版条文"
            },
            found.similarity
        ),
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
