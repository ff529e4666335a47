//! Regenerates the corpus files from the raw sources:
//!
//! ```sh
//! cargo run --example import -- ../shared/sources corpus
//! ```
//!
//! All the work is in `fatiao_import` (crates/fatiao-import); this prints what it normalised.

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [sources, out] = args.as_slice() else {
        bail!("usage: cargo run --example import -- <sources dir> <output dir>");
    };
    let (sources, out) = (PathBuf::from(sources), PathBuf::from(out));
    let import = fatiao_import::import_sources(&sources)
        .with_context(|| format!("importing {}", sources.display()))?;
    import
        .write_to(&out)
        .with_context(|| format!("writing {}", out.display()))?;
    for f in &import.files {
        println!(
            "{}: {} articles, {} headings",
            out.join(f.name).display(),
            f.statute.articles.len(),
            f.statute.headings.len()
        );
    }
    for note in &import.notes {
        println!("- {note}");
    }
    Ok(())
}
