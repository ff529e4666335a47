//! `fatiao --version`: the program's version and the statutes it holds,
//! read from the corpus it would search.

use std::io::{self, Write};

use super::context::Context;
use super::outcome::Outcome;

pub fn run(ctx: &Context) -> anyhow::Result<Outcome> {
    let corpus = ctx.corpus()?;
    let source = match &ctx.corpus_dir {
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
