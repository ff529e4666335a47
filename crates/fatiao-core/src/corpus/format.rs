//! The corpus file format: one plain UTF-8 file per statute version.
//!
//! ```text
//! 标题：中华人民共和国民法典
//! 简称：民法典
//! 状态：现行有效
//! 版本：2020
//!
//! # 第一编 总则
//! ### 第一章 基本规定
//! 第一条 为了……
//! （一）……
//! ```
//!
//! A `键：值` header runs until the first blank line; the body has headings
//! (`#` 编, `##` 分编, `###` 章, `####` 节) and articles (`第X条` then a space).
//! Every other non-blank line is a paragraph (款) of the article above it, or
//! an item (项) of the paragraph above it when it starts with （N）.
//!
//! [`parse`] checks what a person editing such a file by hand gets wrong
//! (numbering gaps and duplicates, headings out of order, unknown keys) and
//! reports the file and line; [`write`] produces the canonical text the
//! importer commits, and `parse(write(s)) == s`.

use std::collections::HashSet;

use crate::corpus::model::{
    Appendix, Article, ArticleNo, DocKind, Heading, HeadingLevel, Item, Numbering, Paragraph,
    Status, Statute, StatuteMeta,
};
use crate::corpus::numerals::{article_label, is_numeral_char, parse_chinese, to_chinese};
use crate::error::{Error, Result};

/// Header keys, in the order [`write`] emits them. 来源 may repeat.
pub const HEADER_KEYS: &[&str] = &[
    "标题",
    "简称",
    "别名",
    "制定机关",
    "版本",
    "版本名称",
    "公布日期",
    "施行日期",
    "失效日期",
    "状态",
    "部分收录",
    "说明",
    "类别",
    "编号",
    "单一来源",
    "来源",
    "核对",
    "参见",
];

/// Keys that may repeat, one value a line.
const REPEATABLE_KEYS: &[&str] = &["来源", "核对", "参见"];

/// Opens the preamble block: lines before the first article that belong to none.
pub const PREAMBLE_MARK: &str = "【序言】";
/// Opens the notes block after the last article.
pub const NOTES_MARK: &str = "【注】";

/// Keys a file must have with a non-empty value.
const REQUIRED_KEYS: &[&str] = &["标题", "简称", "版本", "状态"];

/// Parses a corpus file. `file` names it in error messages.
///
/// Reads bytes rather than `&str` so invalid UTF-8 is reported with its line
/// instead of failing somewhere in `std::fs::read_to_string`.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Statute> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::CorpusParse {
            file: file.to_string(),
            line,
            message: format!(
                "不是有效的 UTF-8 文本（第 {} 字节）/ invalid UTF-8 at byte {}",
                e.valid_up_to(),
                e.valid_up_to()
            ),
        }
    })?;
    parse_str(file, text)
}

/// Parses a corpus file that is already text (the files built into the
/// binary, which need no UTF-8 check at every start).
pub fn parse_str(file: &str, text: &str) -> Result<Statute> {
    Parser::new(file).parse(text)
}

/// Writes a statute in the canonical corpus file format (what the importer commits).
pub fn write(statute: &Statute) -> String {
    let m = &statute.meta;
    let mut out = String::new();
    let mut kv = |k: &str, v: &str| {
        out.push_str(k);
        out.push('：');
        out.push_str(v);
        out.push('\n');
    };
    kv("标题", &m.title);
    kv("简称", &m.short_name);
    kv("别名", &m.aliases.join("、"));
    kv("制定机关", &m.issuer);
    kv("版本", &m.version);
    kv("版本名称", &m.version_label);
    kv("公布日期", &m.promulgated);
    kv("施行日期", &m.effective);
    kv("失效日期", m.superseded.as_deref().unwrap_or(""));
    kv("状态", m.status.label());
    kv("部分收录", if m.partial { "是" } else { "否" });
    kv("说明", &m.notice);
    kv("类别", m.kind.label());
    kv(
        "编号",
        match m.numbering {
            Numbering::Articles => "条",
            Numbering::Points => "序号",
        },
    );
    kv("单一来源", if m.single_source { "是" } else { "否" });
    for p in &m.provenance {
        kv("来源", p);
    }
    for c in &m.cross_checks {
        kv("核对", c);
    }
    for r in &m.see_also {
        kv("参见", r);
    }
    if !statute.preamble.is_empty() {
        out.push('\n');
        out.push_str(PREAMBLE_MARK);
        out.push('\n');
        for line in &statute.preamble {
            out.push_str(line);
            out.push('\n');
        }
    }

    // Headings are written just before the first article inside them; any
    // heading with no article under it comes out in file order all the same.
    let mut next_heading = 0;
    let mut emit_headings_to = |upto: usize, out: &mut String| {
        while next_heading < upto {
            let h = &statute.headings[next_heading];
            out.push('\n');
            out.push_str(heading_marks(h.level));
            out.push(' ');
            out.push_str(&h.title);
            out.push('\n');
            next_heading += 1;
        }
    };
    for a in &statute.articles {
        let upto = a.path.iter().max().map_or(0, |&i| i + 1);
        emit_headings_to(upto, &mut out);
        out.push('\n');
        out.push_str(&a.label);
        let first_separator = match m.numbering {
            Numbering::Articles => " ",
            Numbering::Points => "",
        };
        for (i, p) in a.paragraphs.iter().enumerate() {
            out.push_str(if i == 0 { first_separator } else { "\n" });
            out.push_str(&p.text);
            for item in &p.items {
                out.push('\n');
                out.push_str(&item.marker);
                out.push_str(&item.text);
            }
        }
        out.push('\n');
    }
    emit_headings_to(statute.headings.len(), &mut out);
    if !statute.notes.is_empty() {
        out.push('\n');
        out.push_str(NOTES_MARK);
        out.push('\n');
        for line in &statute.notes {
            out.push_str(line);
            out.push('\n');
        }
    }
    for appendix in &statute.appendices {
        out.push_str("\n【");
        out.push_str(&appendix.title);
        out.push_str("】\n");
        for line in &appendix.lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// If `line` is a block mark 【…】, its title: 序言, 注, 附件一.
fn block_mark(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('【')?.strip_suffix('】')?;
    (!inner.is_empty() && !inner.contains(['【', '】'])).then_some(inner)
}

/// If `line` starts with a point label (一、 二、 … of a 批复), its number and the rest.
pub fn split_point_label(line: &str) -> Option<(ArticleNo, &str)> {
    let end = line.find(|c: char| !is_numeral_char(c))?;
    let rest = line[end..].strip_prefix('、')?;
    let number = parse_chinese(&line[..end]).filter(|&n| n > 0)?;
    Some((ArticleNo { number, suffix: 0 }, rest.trim()))
}

/// Splits the label of an article (第X条) or a point (一、), by the document's numbering.
pub fn split_unit_label(numbering: Numbering, line: &str) -> Option<(ArticleNo, &str)> {
    match numbering {
        Numbering::Articles => split_article_label(line),
        Numbering::Points => split_point_label(line),
    }
}

/// The label an article carries in the text: 第十条之一, or 一、 for a point.
pub fn unit_label(numbering: Numbering, no: ArticleNo) -> String {
    match numbering {
        Numbering::Articles => article_label(no.number, no.suffix),
        Numbering::Points => format!("{}、", to_chinese(no.number)),
    }
}

fn heading_marks(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::Book => "#",
        HeadingLevel::Part => "##",
        HeadingLevel::Chapter => "###",
        HeadingLevel::Section => "####",
    }
}

fn level_index(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::Book => 0,
        HeadingLevel::Part => 1,
        HeadingLevel::Chapter => 2,
        HeadingLevel::Section => 3,
    }
}

fn level_name(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::Book => "编",
        HeadingLevel::Part => "分编",
        HeadingLevel::Chapter => "章",
        HeadingLevel::Section => "节",
    }
}

/// If `line` starts with an article label (第X条 or 第X条之N) followed by
/// whitespace or the end of the line, returns the number and the rest.
///
/// A line such as 「第五条规定的……」 (no space after 条) is not a label: that is
/// how a paragraph may begin.
pub fn split_article_label(line: &str) -> Option<(ArticleNo, &str)> {
    let rest = line.strip_prefix('第')?;
    let digits_end = rest.find(|c: char| !is_numeral_char(c))?;
    let number = parse_chinese(&rest[..digits_end])?;
    let mut rest = rest[digits_end..].strip_prefix('条')?;
    let mut suffix = 0;
    if let Some(after) = rest.strip_prefix('之') {
        let end = after
            .find(|c: char| !is_numeral_char(c))
            .unwrap_or(after.len());
        suffix = parse_chinese(&after[..end]).filter(|&s| s > 0)?;
        rest = &after[end..];
    }
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    (number > 0).then_some((ArticleNo { number, suffix }, rest.trim()))
}

/// If `line` starts with an item marker （N）, returns the number, the marker and the rest.
pub fn split_item_marker(line: &str) -> Option<(u32, &str, &str)> {
    let rest = line.strip_prefix('（')?;
    let end = rest.find('）')?;
    let number = parse_chinese(&rest[..end]).filter(|&n| n > 0)?;
    let marker_len = '（'.len_utf8() + end + '）'.len_utf8();
    Some((number, &line[..marker_len], &line[marker_len..]))
}

/// Splits a heading title such as 第三分编 准合同 into its level keyword and
/// number. `None` for an unnumbered heading such as 附则.
pub fn heading_number(title: &str) -> Option<(HeadingLevel, u32, &str)> {
    let rest = title.strip_prefix('第')?;
    let end = rest.find(|c: char| !is_numeral_char(c))?;
    let number = parse_chinese(&rest[..end])?;
    let after = &rest[end..];
    let (level, name) = [
        (HeadingLevel::Part, "分编"),
        (HeadingLevel::Book, "编"),
        (HeadingLevel::Chapter, "章"),
        (HeadingLevel::Section, "节"),
    ]
    .into_iter()
    .find_map(|(level, kw)| after.strip_prefix(kw).map(|r| (level, r)))?;
    if !name.is_empty() && !name.starts_with(char::is_whitespace) {
        return None; // 第一章程…: not a numbered heading
    }
    Some((level, number, name.trim()))
}

struct Parser<'a> {
    file: &'a str,
    headings: Vec<Heading>,
    articles: Vec<Article>,
    /// Open headings, outermost first (indexes into `headings`).
    stack: Vec<usize>,
    /// Last number seen at each level within the current parent.
    last_number: [Option<u32>; 4],
    seen: HashSet<ArticleNo>,
    /// A 编 heading was just read: its first chapter may be 第一章 again.
    chapters_may_restart: bool,
}

impl<'a> Parser<'a> {
    fn new(file: &'a str) -> Self {
        Parser {
            file,
            headings: Vec::new(),
            articles: Vec::new(),
            stack: Vec::new(),
            last_number: [None; 4],
            seen: HashSet::new(),
            chapters_may_restart: false,
        }
    }

    fn err(&self, line: usize, message: impl Into<String>) -> Error {
        Error::CorpusParse {
            file: self.file.to_string(),
            line,
            message: message.into(),
        }
    }

    fn parse(mut self, text: &str) -> Result<Statute> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        let header_start = i + 1;
        let mut fields: Vec<(usize, &str, &str)> = Vec::new();
        while i < lines.len() {
            let line = lines[i].trim();
            if line.is_empty() {
                break;
            }
            if line.starts_with('#') || split_article_label(line).is_some() {
                if fields.is_empty() {
                    return Err(self.err(
                        i + 1,
                        "文件开头缺少元数据头（标题：… 等）/ heading or article before the metadata header",
                    ));
                }
                break; // a header not followed by a blank line still ends here
            }
            let colon = line.find(['：', ':']).ok_or_else(|| {
                self.err(
                    i + 1,
                    format!("元数据行应为“键：值” / header line is not `key：value`: {line}"),
                )
            })?;
            let key = line[..colon].trim();
            let colon_len = line[colon..].chars().next().map_or(1, char::len_utf8);
            let value = line[colon + colon_len..].trim();
            if !HEADER_KEYS.contains(&key) {
                return Err(self.err(
                    i + 1,
                    format!(
                        "未知的元数据键“{key}” / unknown header key; known keys: {}",
                        HEADER_KEYS.join(" ")
                    ),
                ));
            }
            if !REPEATABLE_KEYS.contains(&key) && fields.iter().any(|&(_, k, _)| k == key) {
                return Err(self.err(i + 1, format!("元数据键“{key}”重复 / duplicate header key")));
            }
            fields.push((i + 1, key, value));
            i += 1;
        }
        if fields.is_empty() {
            return Err(self.err(
                header_start.min(lines.len().max(1)),
                "文件没有元数据头和条文 / empty corpus file",
            ));
        }
        let meta = self.meta(header_start, &fields)?;
        let numbering = meta.numbering;

        // Where a plain line goes: the article above, the preamble, the notes
        // or an appendix. Blocks other than the preamble come after the last article.
        #[derive(PartialEq)]
        enum Block {
            None,
            Article,
            Preamble,
            Notes,
            Appendix,
        }
        let mut block = Block::None;
        let mut preamble: Vec<String> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut appendices: Vec<Appendix> = Vec::new();
        let mut seen_notes = false;
        for (n, raw) in lines.iter().enumerate().skip(i) {
            let line_no = n + 1;
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            let after_articles = seen_notes || !appendices.is_empty();
            if let Some(mark) = block_mark(line) {
                match mark {
                    "序言" => {
                        if !self.articles.is_empty()
                            || !self.headings.is_empty()
                            || !preamble.is_empty()
                        {
                            return Err(self.err(
                                line_no,
                                "【序言】只能出现一次，且在第一个标题和条文之前 / the preamble must come first, once",
                            ));
                        }
                        block = Block::Preamble;
                    }
                    "注" => {
                        if self.articles.is_empty() || after_articles {
                            return Err(self.err(
                                line_no,
                                "【注】只能出现一次，在最后一条之后、附件之前 / notes come once, after the last article and before any appendix",
                            ));
                        }
                        seen_notes = true;
                        block = Block::Notes;
                    }
                    title if title.starts_with("附件") => {
                        if self.articles.is_empty() {
                            return Err(self.err(
                                line_no,
                                "附件应在条文之后 / an appendix comes after the articles",
                            ));
                        }
                        if appendices.iter().any(|a| a.title == title) {
                            return Err(
                                self.err(line_no, format!("【{title}】重复 / duplicate appendix"))
                            );
                        }
                        appendices.push(Appendix {
                            title: title.to_string(),
                            lines: Vec::new(),
                        });
                        block = Block::Appendix;
                    }
                    other => {
                        return Err(self.err(
                            line_no,
                            format!("未知的区块“【{other}】”：只能是【序言】【注】【附件…】 / unknown block mark"),
                        ));
                    }
                }
                continue;
            }
            if numbering == Numbering::Articles
                && looks_like_article_label(line)
                && split_article_label(line).is_none()
            {
                return Err(self.err(
                    line_no,
                    format!("无法识别的条文编号 / unreadable article number: {line}"),
                ));
            }
            if line.starts_with('#') || split_unit_label(numbering, line).is_some() {
                if after_articles {
                    return Err(self.err(
                        line_no,
                        "【注】和附件之后不能再有标题或条文 / no heading or article after the notes or appendices",
                    ));
                }
                if line.starts_with('#') {
                    block = Block::None;
                    self.heading(line_no, line, meta.partial)?;
                } else if let Some((no, rest)) = split_unit_label(numbering, line) {
                    block = Block::Article;
                    self.article(line_no, no, rest, &meta)?;
                }
                continue;
            }
            match block {
                Block::Article => self.body_line(line_no, line)?,
                Block::Preamble => preamble.push(line.to_string()),
                Block::Notes => notes.push(line.to_string()),
                Block::Appendix => {
                    if let Some(a) = appendices.last_mut() {
                        a.lines.push(line.to_string());
                    }
                }
                Block::None => {
                    return Err(self.err(
                        line_no,
                        format!(
                            "条文之外的文字（应以“第X条 ”开头）/ text outside any article: {line}"
                        ),
                    ));
                }
            }
        }
        if self.articles.is_empty() {
            return Err(self.err(lines.len().max(1), "文件没有条文 / no articles in file"));
        }
        if let Some(empty) = appendices.iter().find(|a| a.lines.is_empty()) {
            return Err(self.err(
                lines.len().max(1),
                format!("【{}】没有内容 / empty appendix", empty.title),
            ));
        }
        Ok(Statute {
            meta,
            headings: self.headings,
            articles: self.articles,
            preamble,
            notes,
            appendices,
        })
    }

    fn meta(&self, header_line: usize, fields: &[(usize, &str, &str)]) -> Result<StatuteMeta> {
        let get = |key: &str| fields.iter().find(|&&(_, k, _)| k == key);
        for key in REQUIRED_KEYS {
            if get(key).is_none_or(|&(_, _, v)| v.is_empty()) {
                return Err(self.err(
                    header_line,
                    format!("元数据缺少“{key}” / missing required header key {key}"),
                ));
            }
        }
        let value = |key: &str| get(key).map_or("", |&(_, _, v)| v).to_string();
        let line_of = |key: &str| get(key).map_or(header_line, |&(l, _, _)| l);
        for key in ["公布日期", "施行日期", "失效日期"] {
            let v = value(key);
            if !v.is_empty() && !is_iso_date(&v) {
                return Err(self.err(
                    line_of(key),
                    format!("“{key}”应为 YYYY-MM-DD 格式 / {key} is not a YYYY-MM-DD date: {v}"),
                ));
            }
        }
        let status = match value("状态").as_str() {
            "现行有效" => Status::InForce,
            "已被修订" => Status::Superseded,
            "已被修正" => Status::Amended,
            other => {
                return Err(self.err(
                    line_of("状态"),
                    format!("“状态”应为“现行有效”“已被修订”或“已被修正” / unknown status: {other}"),
                ));
            }
        };
        let partial = match value("部分收录").as_str() {
            "是" => true,
            "否" | "" => false,
            other => {
                return Err(self.err(
                    line_of("部分收录"),
                    format!("“部分收录”应为“是”或“否” / 部分收录 must be 是 or 否: {other}"),
                ));
            }
        };
        let notice = value("说明");
        if partial && notice.is_empty() {
            return Err(self.err(
                line_of("部分收录"),
                "部分收录的文件须在“说明”中写明收录了哪些条文 / a partial statute needs a 说明 notice",
            ));
        }
        let superseded = Some(value("失效日期")).filter(|v| !v.is_empty());
        if status.is_superseded() && superseded.is_none() {
            return Err(self.err(
                line_of("状态"),
                "“已被修订”或“已被修正”的版本须有“失效日期” / a superseded version needs 失效日期",
            ));
        }
        let aliases = value("别名")
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        let repeated = |key: &str| -> Vec<String> {
            fields
                .iter()
                .filter(|&&(_, k, v)| k == key && !v.is_empty())
                .map(|&(_, _, v)| v.to_string())
                .collect()
        };
        let kind = match value("类别").as_str() {
            "" => DocKind::Law,
            label => DocKind::from_label(label).ok_or_else(|| {
                self.err(
                    line_of("类别"),
                    format!("“类别”应为“法律”“司法解释”或“行业自律公约” / unknown document kind: {label}"),
                )
            })?,
        };
        let numbering = match value("编号").as_str() {
            "" | "条" => Numbering::Articles,
            "序号" => Numbering::Points,
            other => {
                return Err(self.err(
                    line_of("编号"),
                    format!(
                        "“编号”应为“条”（第X条）或“序号”（一、二、）/ unknown numbering: {other}"
                    ),
                ));
            }
        };
        let single_source = match value("单一来源").as_str() {
            "是" => true,
            "否" | "" => false,
            other => {
                return Err(self.err(
                    line_of("单一来源"),
                    format!("“单一来源”应为“是”或“否” / 单一来源 must be 是 or 否: {other}"),
                ));
            }
        };
        let see_also = repeated("参见");
        if let Some(bad) = see_also.iter().find(|r| parse_see_also(r).is_none()) {
            return Err(self.err(
                line_of("参见"),
                format!("“参见”应写作 简称@版本:条号（如 民间借贷批复@2020:1）/ bad 参见 reference: {bad}"),
            ));
        }
        Ok(StatuteMeta {
            title: value("标题"),
            short_name: value("简称"),
            aliases,
            issuer: value("制定机关"),
            version: value("版本"),
            version_label: value("版本名称"),
            promulgated: value("公布日期"),
            effective: value("施行日期"),
            superseded,
            status,
            partial,
            notice,
            provenance: repeated("来源"),
            kind,
            cross_checks: repeated("核对"),
            single_source,
            see_also,
            numbering,
        })
    }

    fn heading(&mut self, line_no: usize, line: &str, partial: bool) -> Result<()> {
        let marks = line.chars().take_while(|&c| c == '#').count();
        let level = match marks {
            1 => HeadingLevel::Book,
            2 => HeadingLevel::Part,
            3 => HeadingLevel::Chapter,
            4 => HeadingLevel::Section,
            _ => {
                return Err(self.err(
                    line_no,
                    "标题最多四级：# 编、## 分编、### 章、#### 节 / at most four heading levels",
                ));
            }
        };
        let text = line[marks..].trim();
        if text.is_empty() {
            return Err(self.err(line_no, "空标题 / empty heading"));
        }
        let mut title = text.to_string();
        if let Some((kw_level, number, name)) = heading_number(text) {
            if kw_level != level {
                return Err(self.err(
                    line_no,
                    format!(
                        "“{text}”应写作 {} {text}（{} 级标题）/ heading level does not match its keyword",
                        heading_marks(kw_level),
                        level_name(kw_level)
                    ),
                ));
            }
            let li = level_index(level);
            let prev = self.last_number[li].unwrap_or(0);
            // In a new 编, chapters either start again (刑法) or run on (民事诉讼法).
            let restart = level == HeadingLevel::Chapter
                && std::mem::take(&mut self.chapters_may_restart)
                && number == 1;
            let in_order = if restart {
                true
            } else if partial {
                number > prev
            } else {
                number == prev + 1
            };
            if !in_order {
                let kw = level_name(level);
                let found = format!("第{}{kw}", to_chinese(number));
                let message = if prev == 0 {
                    format!("标题顺序错误：应从第一{kw}开始，却是{found} / heading out of order")
                } else {
                    format!(
                        "标题顺序错误：第{}{kw}之后是{found}{} / heading out of order",
                        to_chinese(prev),
                        if partial { "" } else { "，编号不连续" }
                    )
                };
                return Err(self.err(line_no, message));
            }
            self.last_number[li] = Some(number);
            title = if name.is_empty() {
                text.to_string()
            } else {
                format!("{} {name}", &text[..text.len() - name.len()].trim_end())
            };
        }
        // Numbers restart inside a new parent; chapters run on across 分编 (民法典 物权编).
        match level {
            HeadingLevel::Book => {
                self.last_number[1] = None;
                self.last_number[3] = None;
                self.chapters_may_restart = true;
            }
            HeadingLevel::Part => self.last_number[3] = None,
            HeadingLevel::Chapter => self.last_number[3] = None,
            HeadingLevel::Section => {}
        }
        while let Some(&top) = self.stack.last() {
            if self.headings[top].level >= level {
                self.stack.pop();
            } else {
                break;
            }
        }
        let needs = match level {
            HeadingLevel::Part => Some(HeadingLevel::Book),
            HeadingLevel::Section => Some(HeadingLevel::Chapter),
            _ => None,
        };
        if let Some(needed) = needs
            && !self.stack.iter().any(|&i| self.headings[i].level == needed)
        {
            return Err(self.err(
                line_no,
                format!(
                    "“{title}”上面没有{}级标题（{}）/ {} heading outside any {}",
                    level_name(needed),
                    heading_marks(needed),
                    level_name(level),
                    level_name(needed)
                ),
            ));
        }
        self.headings.push(Heading { level, title });
        self.stack.push(self.headings.len() - 1);
        Ok(())
    }

    fn article(
        &mut self,
        line_no: usize,
        no: ArticleNo,
        text: &str,
        meta: &StatuteMeta,
    ) -> Result<()> {
        let partial = meta.partial;
        let label = unit_label(meta.numbering, no);
        if self.seen.contains(&no) {
            return Err(self.err(line_no, format!("{label}重复 / duplicate article number")));
        }
        if let Some(prev) = self.articles.last().map(|a| a.no) {
            let prev_label = article_label(prev.number, prev.suffix);
            if no < prev {
                return Err(self.err(
                    line_no,
                    format!("条文顺序错误：{prev_label}之后是{label} / article out of order"),
                ));
            }
            let next_suffix = ArticleNo {
                number: prev.number,
                suffix: prev.suffix + 1,
            };
            let next_number = ArticleNo {
                number: prev.number + 1,
                suffix: 0,
            };
            if !partial && no != next_suffix && no != next_number {
                let missing = if no.number == prev.number {
                    next_suffix
                } else {
                    next_number
                };
                return Err(self.err(
                    line_no,
                    format!(
                        "缺少{}（{prev_label}之后是{label}）；只收录部分条文的文件请标明“部分收录：是” / missing article",
                        article_label(missing.number, missing.suffix)
                    ),
                ));
            }
        } else if !partial
            && no
                != (ArticleNo {
                    number: 1,
                    suffix: 0,
                })
        {
            return Err(self.err(
                line_no,
                format!(
                    "缺少第一条（第一个条文是{label}）；只收录部分条文的文件请标明“部分收录：是” / missing article"
                ),
            ));
        }
        if text.is_empty() {
            return Err(self.err(line_no, format!("{label}没有条文内容 / empty article")));
        }
        self.seen.insert(no);
        self.articles.push(Article {
            no,
            label,
            path: self.stack.clone(),
            paragraphs: vec![Paragraph {
                text: text.to_string(),
                items: Vec::new(),
            }],
        });
        Ok(())
    }

    /// A line inside an article: a new paragraph, or an item of the last paragraph.
    fn body_line(&mut self, line_no: usize, line: &str) -> Result<()> {
        let Some(article) = self.articles.last_mut() else {
            return Ok(());
        };
        let Some((number, marker, text)) = split_item_marker(line) else {
            article.paragraphs.push(Paragraph {
                text: line.to_string(),
                items: Vec::new(),
            });
            return Ok(());
        };
        // An article always starts with a paragraph, so the item has one to belong to.
        let Some(paragraph) = article.paragraphs.last_mut() else {
            return Ok(());
        };
        let expected = paragraph.items.len() as u32 + 1;
        if number != expected {
            let message = format!(
                "{}的项号不连续：应为{}，却是{marker} / items out of order",
                article.label,
                crate::corpus::numerals::item_marker(expected)
            );
            return Err(self.err(line_no, message));
        }
        paragraph.items.push(Item {
            number,
            marker: marker.to_string(),
            text: text.trim().to_string(),
        });
        Ok(())
    }
}

/// Splits a 参见 value `民间借贷批复@2020:1` into the statute id and the number.
pub fn parse_see_also(value: &str) -> Option<(&str, ArticleNo)> {
    let (id, number) = value.rsplit_once(':')?;
    let (base, suffix) = match number.split_once('之') {
        Some((b, s)) => (b, s.parse::<u32>().ok().filter(|&s| s > 0)?),
        None => (number, 0),
    };
    let number = base.parse::<u32>().ok().filter(|&n| n > 0)?;
    id.contains('@')
        .then_some((id, ArticleNo { number, suffix }))
}

/// `YYYY-MM-DD` naming a day of the calendar: 2021-13-01 and 2026-02-31
/// have the shape but are no date.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let number = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Does `line` begin like an article label (第…条, 第…条之…, then a space or
/// the end) whatever its number? Such a line whose number cannot be read
/// (第〇条, 第99999999999条) is an error, not a paragraph of the article above.
fn looks_like_article_label(line: &str) -> bool {
    let number_char =
        |c: char| is_numeral_char(c) || c.is_ascii_digit() || ('０'..='９').contains(&c);
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    let end = rest.find(|c: char| !number_char(c)).unwrap_or(rest.len());
    if end == 0 {
        return false;
    }
    let Some(mut rest) = rest[end..].strip_prefix('条') else {
        return false;
    };
    if let Some(after) = rest.strip_prefix('之') {
        rest = after.trim_start_matches(number_char);
    }
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal valid header (lines 1–4) and the blank line ending it (line 5).
    const HEAD: &str = "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n";
    /// The same, marked partial (lines 1–6, blank line 7).
    const PARTIAL_HEAD: &str = "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n部分收录：是\n说明：仅收录部分测试条文。\n\n";

    /// (what is wrong, file text, expected error line, a fragment of the message)
    const BAD_FILES: &[(&str, &str, usize, &str)] = &[
        (
            "missing 标题",
            "简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文。\n",
            1,
            "缺少“标题”",
        ),
        (
            "missing 版本",
            "标题：测试法\n简称：测试法\n状态：现行有效\n\n第一条 测试条文。\n",
            1,
            "缺少“版本”",
        ),
        (
            "empty 简称",
            "标题：测试法\n简称：\n版本：2024\n状态：现行有效\n\n第一条 测试条文。\n",
            1,
            "缺少“简称”",
        ),
        (
            "article before the metadata header",
            "第一条 测试条文。\n标题：测试法\n",
            1,
            "元数据头",
        ),
        (
            "heading before the metadata header, after blank lines",
            "\n\n### 第一章 测试章\n",
            3,
            "元数据头",
        ),
        (
            "unknown header key",
            "标题：测试法\n简称：测试法\n作者：某人\n版本：2024\n状态：现行有效\n\n第一条 测试条文。\n",
            3,
            "未知的元数据键",
        ),
        (
            "header line without a colon",
            "标题：测试法\n简称 测试法\n",
            2,
            "键：值",
        ),
        (
            "duplicate header key",
            "标题：测试法\n标题：测试法二\n",
            2,
            "重复",
        ),
        (
            "bad date",
            "标题：测试法\n简称：测试法\n版本：2024\n公布日期：2024/01/01\n状态：现行有效\n\n第一条 测试条文。\n",
            4,
            "YYYY-MM-DD",
        ),
        (
            "a date with the shape but no such day",
            "标题：测试法\n简称：测试法\n版本：2024\n施行日期：2021-13-01\n状态：现行有效\n\n第一条 测试条文。\n",
            4,
            "YYYY-MM-DD",
        ),
        (
            "February 31st",
            "标题：测试法\n简称：测试法\n版本：2024\n施行日期：2026-02-31\n状态：现行有效\n\n第一条 测试条文。\n",
            4,
            "YYYY-MM-DD",
        ),
        (
            "an article number too large to read",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 甲。\n第99999999999条 乙。\n",
            7,
            "无法识别的条文编号",
        ),
        (
            "article zero",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 甲。\n第〇条 乙。\n",
            7,
            "无法识别的条文编号",
        ),
        (
            "unknown status",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：有效\n\n第一条 测试条文。\n",
            4,
            "状态",
        ),
        (
            "superseded without 失效日期",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：已被修订\n\n第一条 测试条文。\n",
            4,
            "失效日期",
        ),
        (
            "partial without a notice",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n部分收录：是\n\n第三条 测试条文。\n",
            5,
            "说明",
        ),
        (
            "bad 部分收录 value",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n部分收录：部分\n\n第一条 测试条文。\n",
            5,
            "部分收录",
        ),
        (
            "duplicate article number",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文一。\n第二条 测试条文二。\n第二条 测试条文三。\n",
            8,
            "第二条重复",
        ),
        (
            "missing article (gap)",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文一。\n\n第三条 测试条文三。\n",
            8,
            "缺少第二条",
        ),
        (
            "missing first article",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第二条 测试条文二。\n",
            6,
            "缺少第一条",
        ),
        (
            "missing base article before 之一",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文一。\n第二条之一 测试条文。\n",
            7,
            "缺少第二条",
        ),
        (
            "article out of order",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文一。\n第二条 测试条文二。\n第一条之一 测试条文。\n",
            8,
            "条文顺序错误",
        ),
        (
            "partial file: article out of order",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n部分收录：是\n说明：仅收录部分测试条文。\n\n第五条 测试条文五。\n第三条 测试条文三。\n",
            9,
            "条文顺序错误",
        ),
        (
            "empty article",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文一。\n第二条 \n第三条 测试条文三。\n",
            7,
            "没有条文内容",
        ),
        (
            "chapter numbers out of order",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n### 第一章 测试章\n第一条 测试条文一。\n### 第三章 测试章\n第二条 测试条文二。\n",
            8,
            "标题顺序错误",
        ),
        (
            "first chapter is not 第一章",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n### 第二章 测试章\n第一条 测试条文一。\n",
            6,
            "应从第一章开始",
        ),
        (
            "duplicate section in a chapter",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n### 第一章 测试章\n#### 第一节 测试节\n第一条 测试条文一。\n#### 第一节 测试节\n第二条 测试条文二。\n",
            9,
            "标题顺序错误",
        ),
        (
            "section with no chapter above it",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n#### 第一节 测试节\n第一条 测试条文一。\n",
            6,
            "上面没有章级标题",
        ),
        (
            "分编 with no 编 above it",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n## 第一分编 测试分编\n第一条 测试条文一。\n",
            6,
            "上面没有编级标题",
        ),
        (
            "heading level does not match its keyword",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n## 第一章 测试章\n第一条 测试条文一。\n",
            6,
            "### 第一章",
        ),
        (
            "five heading marks",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n##### 测试\n第一条 测试条文一。\n",
            6,
            "四级",
        ),
        (
            "empty heading",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n##\n第一条 测试条文一。\n",
            6,
            "空标题",
        ),
        (
            "text outside any article",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n### 第一章 测试章\n测试文字。\n第一条 测试条文一。\n",
            7,
            "条文之外",
        ),
        (
            "items out of order",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n第一条 测试条文：\n（一）测试项一；\n（三）测试项三。\n",
            8,
            "项号不连续",
        ),
        (
            "no articles",
            "标题：测试法\n简称：测试法\n版本：2024\n状态：现行有效\n\n### 第一章 测试章\n",
            6,
            "没有条文",
        ),
        ("empty file", "", 1, "empty corpus file"),
    ];

    #[test]
    fn bad_files_give_the_right_line_and_message() {
        for &(what, text, line, fragment) in BAD_FILES {
            match parse("测试.txt", text.as_bytes()) {
                Ok(s) => panic!(
                    "{what}: parsed without error into {} articles",
                    s.articles.len()
                ),
                Err(Error::CorpusParse {
                    file,
                    line: got,
                    message,
                }) => {
                    assert_eq!(file, "测试.txt", "{what}: file name in the error");
                    assert_eq!(got, line, "{what}: error line (message: {message})");
                    assert!(
                        message.contains(fragment),
                        "{what}: message {message:?} should contain {fragment:?}"
                    );
                }
                Err(other) => panic!("{what}: expected CorpusParse, got {other:?}"),
            }
        }
    }

    #[test]
    fn invalid_utf8_reports_the_line_of_the_first_bad_byte() {
        let mut bytes = HEAD.as_bytes().to_vec();
        bytes.extend_from_slice("第一条 测试条文一。\n第二条 测试".as_bytes());
        bytes.extend_from_slice(&[0xE6, 0xB5]); // a truncated three-byte character
        bytes.extend_from_slice("。\n".as_bytes());
        match parse("坏.txt", &bytes) {
            Err(Error::CorpusParse { line, message, .. }) => {
                assert_eq!(line, 7, "line of the bad byte ({message})");
                assert!(message.contains("UTF-8"), "message names UTF-8: {message}");
            }
            other => panic!("invalid UTF-8 should be a CorpusParse error, got {other:?}"),
        }
    }

    /// A small statute using every feature of the format.
    const GOOD: &str = "\u{feff}标题:测试法（试行）\r
简称：测试法\r
别名：测法, 试法，测、 试\r
制定机关：测试机关\r
版本：2024\r
版本名称：2024年修正\r
公布日期：2024-01-02\r
施行日期：2024-03-04\r
失效日期：2025-05-06\r
状态：已被修订\r
部分收录：否\r
说明：\r
来源：测试来源一\r
来源：测试来源二\r
\r
# 第一编　测试编\r
### 第一章 测试章\r
第一条 测试条文一：\r
（一）测试项一；\r
（二）测试项二。\r
测试第二款。\r
  第二条　测试条文二。  \r
## 第一分编 测试分编\r
### 第二章 测试章二\r
#### 第一节 测试节\r
第二条之一 测试条文。\r
## 第二分编 测试分编二\r
### 第三章 测试章三\r
第三条 测试条文三。\r
# 第二编 测试编二\r
### 第一章 测试章\r
第四条 测试条文四。\r
# 附则\r
第五条 测试条文五。\r
";

    fn parse_ok(text: &str) -> Statute {
        match parse("测试.txt", text.as_bytes()) {
            Ok(s) => s,
            Err(e) => panic!("should parse: {e}"),
        }
    }

    #[test]
    fn parses_header_headings_articles_paragraphs_and_items() {
        let s = parse_ok(GOOD);
        let m = &s.meta;
        assert_eq!(m.title, "测试法（试行）", "ASCII colon and BOM accepted");
        assert_eq!(
            m.aliases,
            ["测法", "试法", "测", "试"],
            "alias separators , ， 、"
        );
        assert_eq!(m.status, Status::Superseded);
        assert_eq!(m.superseded.as_deref(), Some("2025-05-06"));
        assert_eq!(m.version_label, "2024年修正");
        assert_eq!(m.provenance, ["测试来源一", "测试来源二"], "repeated 来源");
        assert!(!m.partial && m.notice.is_empty());

        let titles: Vec<&str> = s.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "第一编 测试编",
                "第一章 测试章",
                "第一分编 测试分编",
                "第二章 测试章二",
                "第一节 测试节",
                "第二分编 测试分编二",
                "第三章 测试章三",
                "第二编 测试编二",
                "第一章 测试章",
                "附则",
            ],
            "heading titles, with the full-width space after 第一编 normalised"
        );

        let labels: Vec<&str> = s.articles.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "第一条",
                "第二条",
                "第二条之一",
                "第三条",
                "第四条",
                "第五条"
            ]
        );
        let paths: Vec<Vec<usize>> = s.articles.iter().map(|a| a.path.clone()).collect();
        assert_eq!(
            paths,
            [
                vec![0, 1],
                vec![0, 1],
                vec![0, 2, 3, 4],
                vec![0, 5, 6],
                vec![7, 8],
                vec![9]
            ],
            "article paths: chapters run on across 分编, restart in a new 编; 附则 is book level"
        );

        let first = &s.articles[0];
        assert_eq!(first.paragraphs.len(), 2, "paragraphs of 第一条");
        assert_eq!(first.paragraphs[0].text, "测试条文一：");
        let items: Vec<(u32, &str, &str)> = first.paragraphs[0]
            .items
            .iter()
            .map(|i| (i.number, i.marker.as_str(), i.text.as_str()))
            .collect();
        assert_eq!(
            items,
            [(1, "（一）", "测试项一；"), (2, "（二）", "测试项二。")]
        );
        assert_eq!(first.paragraphs[1].text, "测试第二款。");
        assert_eq!(
            first.text(),
            "测试条文一：\n（一）测试项一；\n（二）测试项二。\n测试第二款。"
        );
        assert_eq!(
            s.articles[1].paragraphs[0].text, "测试条文二。",
            "U+3000 after the label and surrounding spaces"
        );
        assert_eq!(
            s.articles[2].no,
            ArticleNo {
                number: 2,
                suffix: 1
            }
        );
    }

    #[test]
    fn write_then_parse_gives_the_same_statute() {
        let s = parse_ok(GOOD);
        let text = write(&s);
        assert_eq!(parse_ok(&text), s, "round trip through write:\n{text}");
        assert_eq!(write(&parse_ok(&text)), text, "write is canonical");
    }

    #[test]
    fn partial_files_may_skip_numbers() {
        let text = format!(
            "{PARTIAL_HEAD}### 第三章 测试章\n第十三条 测试条文。\n### 第五章 测试章\n第二十条 测试条文。\n"
        );
        let s = parse_ok(&text);
        assert!(s.meta.partial, "部分收录：是");
        assert_eq!(s.meta.notice, "仅收录部分测试条文。");
        let numbers: Vec<u32> = s.articles.iter().map(|a| a.no.number).collect();
        assert_eq!(numbers, [13, 20]);
    }

    #[test]
    fn a_paragraph_may_start_with_an_article_reference() {
        let text =
            format!("{HEAD}第一条 测试条文一。\n第二条 测试条文二。\n第一条规定的测试情形除外。\n");
        let s = parse_ok(&text);
        assert_eq!(
            s.articles.len(),
            2,
            "第一条规定… is a paragraph, not an article"
        );
        assert_eq!(
            s.articles[1].paragraphs[1].text,
            "第一条规定的测试情形除外。"
        );
    }

    #[test]
    fn label_and_marker_splitting() {
        /// (line, expected (number, suffix, rest))
        type LabelCase = (&'static str, Option<(u32, u32, &'static str)>);
        let labels: &[LabelCase] = &[
            ("第一千零三十二条 测试", Some((1032, 0, "测试"))),
            ("第十条之一 测试", Some((10, 1, "测试"))),
            ("第十条之二", Some((10, 2, ""))),
            ("第十条　测试", Some((10, 0, "测试"))),
            ("第十条规定", None),
            ("第十条之规定", None),
            ("第零条 测试", None),
            ("第条 测试", None),
            ("十条 测试", None),
        ];
        for &(line, expected) in labels {
            let got = split_article_label(line).map(|(no, rest)| (no.number, no.suffix, rest));
            assert_eq!(got, expected, "split_article_label({line:?})");
        }
        assert_eq!(
            split_item_marker("（十二）测试"),
            Some((12, "（十二）", "测试"))
        );
        assert_eq!(split_item_marker("（注）测试"), None);
        assert_eq!(
            split_item_marker("(一)测试"),
            None,
            "only full-width parentheses"
        );
    }

    #[test]
    fn truncated_and_corrupted_files_never_panic() {
        let text = write(&parse_ok(GOOD));
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            let _ = parse("截断.txt", &bytes[..cut]);
        }
        for pos in 0..bytes.len() {
            let mut corrupted = bytes.to_vec();
            corrupted[pos] = corrupted[pos].wrapping_add(1);
            let _ = parse("损坏.txt", &corrupted);
        }
    }
}
