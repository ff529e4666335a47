//! Article references: "民法典第1032条第2款" → [`Reference`] → the articles it
//! names in the corpus.
//!
//! Parsing knows no statute names: a reference is any run of Chinese
//! characters (the name, book marks optional) followed by a number, so a new
//! statute or alias in the corpus works without code changes. Whether the
//! name really names a statute is decided by [`resolve`], which also checks
//! that the article, paragraph and item exist in the version asked for, and
//! says plainly what is missing when they do not.
//!
//! The submodule `extract` finds citations inside running text (a letter for
//! `fatiao verify`: [`extract`], [`extract_with_names`]) and a statute's own
//! cross-references ([`cross_references`]: 本法第N条, 前款, 第N条第M款).

use crate::corpus::{ArticleNo, Corpus, Status, Statute, numerals};
use crate::error::{Error, Result};
use serde::Serialize;

mod extract;
mod list;
pub use extract::{
    CrossRef, Extracted, MarkKind, cross_references, extract, extract_with_names, statute_names,
};
pub use list::{MAX_LIST_REFERENCES, parse_list, parse_list_written};

/// An article reference as the user typed it, not yet checked against the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The statute's name as typed (full title, short name or alias), book marks
    /// stripped; `None` for a bare 第50条.
    pub statute: Option<String>,
    /// The version year when the user named one: "2012" for 治安管理处罚法（2012）,
    /// 2012年治安管理处罚法 or 治安管理处罚法(2012年修正).
    pub version: Option<String>,
    pub article: ArticleNo,
    /// Last article of a range such as 民法典1032-1034.
    pub article_end: Option<ArticleNo>,
    /// Paragraph (款), 1-based.
    pub paragraph: Option<u32>,
    /// Item (项), 1-based.
    pub item: Option<u32>,
}

/// What a reference points to in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Resolution {
    /// The articles (paragraphs, items) it names, in force first, then superseded versions.
    Found(Vec<ResolvedRef>),
    /// The statute exists but not the article, paragraph, item or version; the
    /// message says what is missing, the suggestions are the nearest that exist.
    /// A range longer than [`MAX_RANGE`] also lands here, with the first
    /// [`MAX_RANGE`] articles as suggestions.
    NotFound {
        message: String,
        suggestions: Vec<ResolvedRef>,
    },
    /// No statute in the corpus goes by this name (the name as typed).
    UnknownStatute(String),
}

/// One existing article, paragraph or item of one statute version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ResolvedRef {
    /// Statute version id: 民法典@2020.
    pub statute_id: String,
    pub article: ArticleNo,
    /// Paragraph (款), 1-based.
    pub paragraph: Option<u32>,
    /// Item (项), 1-based.
    pub item: Option<u32>,
}

/// The largest article, paragraph or item number read in a reference; a
/// larger one (or zero, or a malformed numeral) is unreadable, and `fatiao
/// verify` reports it as 无法识别的条文编号 rather than reading around it.
pub const MAX_NUMBER: u32 = 99_999;

/// Stands for a number that was written but cannot be read: never a real
/// article, paragraph or item, as it is past [`MAX_NUMBER`].
pub const UNREADABLE: u32 = u32::MAX;

/// The most articles a range reference lists.
pub const MAX_RANGE: usize = 50;

impl Resolution {
    /// The resolved references, or the library error that says why there are none:
    /// [`Error::NotFound`] with the message, or [`Error::UnknownStatute`].
    pub fn into_result(self) -> Result<Vec<ResolvedRef>> {
        match self {
            Resolution::Found(refs) => Ok(refs),
            Resolution::NotFound { message, .. } => Err(Error::NotFound(message)),
            Resolution::UnknownStatute(name) => Err(Error::UnknownStatute(name)),
        }
    }
}

// ---------------------------------------------------------------------------
// Parsing

/// Characters that separate the two ends of a range: 1032-1034, 第1032条至第1034条.
const RANGE_SEPARATORS: &[char] = &['-', '~', '～', '—', '–', '至', '到', '－', '〜'];

/// Canonical form of a query for parsing: full-width digits and letters made
/// ASCII, all whitespace removed, trailing sentence punctuation dropped.
fn normalize(query: &str) -> Vec<char> {
    let mut chars: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    while chars
        .last()
        .is_some_and(|c| matches!(c, '。' | '？' | '?' | '！' | '!' | '，' | ',' | '；' | ';'))
    {
        chars.pop();
    }
    chars
}

/// Is `c` a Chinese character (CJK unified ideograph, incl. extension A)?
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Characters a statute name is made of: Chinese characters and the brackets
/// of a title such as 互联网金融逾期债务催收自律公约（试行）.
fn is_name_char(c: char) -> bool {
    is_cjk(c) || matches!(c, '（' | '）' | '·')
}

/// A cursor over the characters of a normalized query.
struct Cursor<'a> {
    chars: &'a [char],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(chars: &'a [char]) -> Self {
        Cursor { chars, pos: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let want: Vec<char> = s.chars().collect();
        if self.chars[self.pos..].starts_with(&want) {
            self.pos += want.len();
            true
        } else {
            false
        }
    }

    /// A number in ASCII digits or Chinese numerals (the longest run of
    /// either); `None` without one, or when it is unreadable.
    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        match self.number_run() {
            Some(n) if n != UNREADABLE => Some(n),
            _ => {
                self.pos = start;
                None
            }
        }
    }

    /// The run of digits or numerals at the cursor, consumed: its value, or
    /// [`UNREADABLE`] when it is zero, past [`MAX_NUMBER`] or malformed
    /// (一〇三二). `None`, consuming nothing, when no number starts here.
    fn number_run(&mut self) -> Option<u32> {
        let start = self.pos;
        let first = self.peek()?;
        let arabic = first.is_ascii_digit();
        if !arabic && !numerals::is_numeral_char(first) {
            return None;
        }
        while self.peek().is_some_and(|c| {
            if arabic {
                c.is_ascii_digit()
            } else {
                numerals::is_numeral_char(c)
            }
        }) {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        Some(match numerals::parse_number(&text) {
            Some(n) if (1..=MAX_NUMBER).contains(&n) => n,
            _ => UNREADABLE,
        })
    }

    /// A version mark: （2012）, （2012年修正）, （2012年）, or unbracketed 2012年 / 2012年修正 / 2012版.
    fn version(&mut self) -> Option<String> {
        let start = self.pos;
        let bracketed = self.eat('（');
        let year_start = self.pos;
        for _ in 0..4 {
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos = start;
                return None;
            }
            self.pos += 1;
        }
        let year: String = self.chars[year_start..self.pos].iter().collect();
        let has_year_mark = self.eat('年');
        let has_kind = [
            "修正版",
            "修订版",
            "修正",
            "修订",
            "修改",
            "版本",
            "版",
            "文本",
        ]
        .iter()
        .any(|k| self.eat_str(k));
        if bracketed {
            if !self.eat('）') {
                self.pos = start;
                return None;
            }
        } else if !(has_year_mark || has_kind) {
            // A bare 2012 after a name is an article number, not a version.
            self.pos = start;
            return None;
        } else {
            self.eat('的');
        }
        Some(year)
    }

    /// `[第] N (款|项)` (N also in brackets: 第（五）项) with the given unit;
    /// restores the position when absent.
    fn numbered(&mut self, unit: char) -> Option<u32> {
        let start = self.pos;
        self.eat('第');
        // 第（五）项: people copy the item marker into the reference.
        let bracketed = self.eat('（');
        if let Some(n) = self.number()
            && (!bracketed || self.eat('）'))
            && self.eat(unit)
        {
            return Some(n);
        }
        self.pos = start;
        None
    }
}

/// Everything after the statute name: version, article, paragraph, item, range.
#[derive(Debug)]
struct Tail {
    version: Option<String>,
    article: ArticleNo,
    article_end: Option<ArticleNo>,
    paragraph: Option<u32>,
    item: Option<u32>,
    /// The user wrote 第 or 条, so the number is certainly an article.
    marked: bool,
}

/// Parses the tail of a reference; `None` unless it runs to the end of the query.
fn parse_tail(chars: &[char]) -> Option<Tail> {
    let mut cur = Cursor::new(chars);
    let version = cur.version();
    let mut marked = cur.eat('第');
    let number = cur.number()?;
    marked |= cur.eat('条');
    let mut suffix = 0;
    if cur.eat('之') {
        suffix = cur.number()?;
    }
    let mut article = ArticleNo { number, suffix };
    let paragraph = cur.numbered('款');
    let item = cur.numbered('项');
    let mut article_end = None;
    if paragraph.is_none()
        && item.is_none()
        && let Some(c) = cur.peek()
        && RANGE_SEPARATORS.contains(&c)
    {
        cur.pos += 1;
        // 1032——1034 and 1032--1034 are typed too.
        cur.eat(c);
        cur.eat('第');
        let end = cur.number()?;
        cur.eat('条');
        let mut end_suffix = 0;
        if cur.eat('之') {
            end_suffix = cur.number()?;
        }
        // 293-1: a range cannot run backwards, so a hyphen before a smaller
        // number is how people type 第二百九十三条之一.
        if matches!(c, '-' | '－')
            && suffix == 0
            && end_suffix == 0
            && (1..10).contains(&end)
            && end < number
        {
            article.suffix = end;
        } else {
            article_end = Some(ArticleNo {
                number: end,
                suffix: end_suffix,
            });
        }
    }
    cur.at_end().then_some(Tail {
        version,
        article,
        article_end,
        paragraph,
        item,
        marked,
    })
}

/// A statute name as typed, cleaned: book marks gone, a trailing version mark
/// split off.
fn split_name_version(name: &[char]) -> (String, Option<String>) {
    // 治安管理处罚法（2012年修正） inside book marks: the last bracket is a version.
    if let Some(open) = name.iter().rposition(|&c| c == '（') {
        let mut cur = Cursor::new(&name[open..]);
        if let Some(v) = cur.version()
            && cur.at_end()
        {
            return (name[..open].iter().collect(), Some(v));
        }
    }
    (name.iter().collect(), None)
}

/// Queries longer than this (in characters, spaces removed) are never references.
const MAX_REFERENCE_CHARS: usize = 120;

/// Parses a whole query as an article reference; `None` when it is anything else.
///
/// Accepts Arabic, full-width or Chinese numerals, with or without 第/条, book
/// marks, spaces, a version (治安管理处罚法（2012）第42条, 2012年治安管理处罚法第四十二条),
/// paragraph and item (第五十条第一款第五项, 第42条第5项), 之一 articles and ranges
/// (民法典1032-1034, ～ ~ — 至 到). A bare 第50条 has no statute.
///
/// ```
/// use fatiao_core::reference::parse_query;
/// let r = parse_query("治安管理处罚法第五十条第一款第五项").unwrap();
/// assert_eq!(r.statute.as_deref(), Some("治安管理处罚法"));
/// assert_eq!((r.article.number, r.paragraph, r.item), (50, Some(1), Some(5)));
/// assert!(parse_query("借钱不还怎么办").is_none());
/// ```
pub fn parse_query(query: &str) -> Option<Reference> {
    let chars = normalize(query);
    // The longest real reference (a full title, version, article, paragraph,
    // item) is well under this; longer input is free text, and the split
    // search below need not be fast on it.
    if chars.len() > MAX_REFERENCE_CHARS {
        return None;
    }
    let mut cur = Cursor::new(&chars);
    // 2012年治安管理处罚法…: a version before the name.
    let prefix_version = match cur.version() {
        Some(v) if !cur.at_end() => Some(v),
        _ => {
            cur.pos = 0;
            None
        }
    };
    let rest = &chars[cur.pos..];

    let (name, name_version, tail) = if rest.first() == Some(&'《') {
        let close = rest.iter().position(|&c| c == '》')?;
        let (name, version) = split_name_version(&rest[1..close]);
        if name.is_empty() || !name.chars().all(is_name_char) {
            return None;
        }
        (Some(name), version, parse_tail(&rest[close + 1..])?)
    } else {
        // The name is the leftmost split after which the rest parses as a tail;
        // an empty name is a bare reference.
        let split = (0..rest.len()).find(|&i| {
            rest[..i].iter().all(|&c| is_name_char(c)) && parse_tail(&rest[i..]).is_some()
        })?;
        let tail = parse_tail(&rest[split..])?;
        if split == 0 {
            (None, None, tail)
        } else {
            let (name, version) = split_name_version(&rest[..split]);
            if !name.chars().any(is_cjk) {
                return None;
            }
            (Some(name), version, tail)
        }
    };
    // Without a name, only 第50条 / 50条 is a reference; a lone 50 is not.
    if name.is_none() && (!tail.marked || prefix_version.is_some()) {
        return None;
    }
    Some(Reference {
        statute: name,
        version: prefix_version.or(name_version).or(tail.version),
        article: tail.article,
        article_end: tail.article_end,
        paragraph: tail.paragraph,
        item: tail.item,
    })
}

// ---------------------------------------------------------------------------
// Resolution

/// Parses and resolves one reference typed by a user (`fatiao cite 民法典1032`):
/// an error when it is not a reference ([`Error::BadQuery`]), names no statute
/// ([`Error::UnknownStatute`]) or nothing that exists ([`Error::NotFound`]).
pub fn resolve_query(query: &str, corpus: &Corpus, all_versions: bool) -> Result<Vec<ResolvedRef>> {
    let reference = parse_query(query).ok_or_else(|| {
        Error::BadQuery(format!(
            "“{}”不是条文引用；请写成 民法典第1032条、治安法50 这样的形式",
            query.trim()
        ))
    })?;
    resolve(&reference, corpus, all_versions).into_result()
}

const PRC: &str = "中华人民共和国";

/// A name with book marks and spaces removed and half-width brackets made full-width.
fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

/// A name reduced for comparison: [`clean_name`] without a leading 中华人民共和国.
fn name_key(name: &str) -> String {
    let cleaned = clean_name(name);
    match cleaned.strip_prefix(PRC) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => cleaned,
    }
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut hay = haystack.chars();
    needle.chars().all(|c| hay.any(|h| h == c))
}

/// Every version of the statute `name` names, newest first; empty when the
/// name matches no statute or is ambiguous.
///
/// Tries, in order, stopping at the first that names exactly one statute:
/// the corpus's own names ([`Statute::is_named`], also without 中华人民共和国 and
/// with either kind of brackets); a part of the title at least four characters
/// long (互联网金融逾期债务催收自律公约 for the title with （试行）); the typed name's
/// characters in order within the title, ending alike (治安处罚法). Shorter
/// partial names (处罚法, 管理法) are too likely to mean a statute fatiao does not
/// hold (行政处罚法), so they are not guessed.
pub fn statute_versions<'a>(corpus: &'a Corpus, name: &str) -> Vec<&'a Statute> {
    let key = name_key(name);
    if key.is_empty() {
        return Vec::new();
    }
    let names_of = |s: &Statute| -> Vec<String> {
        let mut names = vec![name_key(&s.meta.title), name_key(&s.meta.short_name)];
        names.extend(s.meta.aliases.iter().map(|a| name_key(a)));
        names
    };
    let long_enough = key.chars().count() >= 4;
    let tiers: [&dyn Fn(&Statute) -> bool; 3] = [
        &|s| s.is_named(name) || names_of(s).contains(&key),
        &|s| long_enough && clean_name(&s.meta.title).contains(&clean_name(name)),
        &|s| {
            let title = clean_name(&s.meta.title);
            long_enough
                && title.chars().last() == key.chars().last()
                && is_subsequence(&key, &title)
        },
    ];
    for matches in tiers {
        let mut short_names: Vec<&str> = corpus
            .statutes
            .iter()
            .filter(|s| matches(s))
            .map(|s| s.meta.short_name.as_str())
            .collect();
        short_names.sort_unstable();
        short_names.dedup();
        match short_names.as_slice() {
            [] => continue,
            [short] => {
                let mut versions: Vec<&Statute> = corpus
                    .statutes
                    .iter()
                    .filter(|s| s.meta.short_name == *short)
                    .collect();
                versions.sort_by(|a, b| b.meta.effective.cmp(&a.meta.effective));
                return versions;
            }
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// How messages name a statute version: 民法典, or 治安管理处罚法（2012年修正）.
pub fn display_name(statute: &Statute) -> String {
    if statute.meta.status.is_superseded() {
        let label = if statute.meta.version_label.is_empty() {
            format!("{}年版", statute.meta.version)
        } else {
            statute.meta.version_label.clone()
        };
        format!("{}（{}）", statute.meta.short_name, label)
    } else {
        statute.meta.short_name.clone()
    }
}

/// 第1300条 / 第10条之一: how messages write an article the user asked for.
fn typed_label(no: ArticleNo) -> String {
    if no.suffix == 0 {
        format!("第{}条", no.number)
    } else {
        format!("第{}条之{}", no.number, numerals::to_chinese(no.suffix))
    }
}

/// 第42条第5项: the whole reference as the user asked for it, for messages.
fn typed_reference(r: &Reference) -> String {
    let mut out = typed_label(r.article);
    if let Some(p) = r.paragraph {
        out.push_str(&format!("第{p}款"));
    }
    if let Some(i) = r.item {
        out.push_str(&format!("第{i}项"));
    }
    out
}

fn whole_article(statute: &Statute, no: ArticleNo) -> ResolvedRef {
    ResolvedRef {
        statute_id: statute.id(),
        article: no,
        paragraph: None,
        item: None,
    }
}

/// The (up to three) existing articles closest in number to `no`, in order.
fn nearest_articles(statute: &Statute, no: ArticleNo, count: usize) -> Vec<ResolvedRef> {
    let mut by_distance: Vec<ArticleNo> = statute.articles.iter().map(|a| a.no).collect();
    by_distance.sort_by_key(|a| (a.number.abs_diff(no.number), a.number, a.suffix));
    let mut nearest: Vec<ArticleNo> = by_distance.into_iter().take(count).collect();
    nearest.sort();
    nearest
        .into_iter()
        .map(|a| whole_article(statute, a))
        .collect()
}

/// Checks one article (and paragraph/item) in one version; `Err(message, suggestions)`
/// when something is missing.
pub(crate) fn check_article(
    statute: &Statute,
    no: ArticleNo,
    paragraph: Option<u32>,
    item: Option<u32>,
) -> Result<ResolvedRef, (String, Vec<ResolvedRef>)> {
    let name = display_name(statute);
    let Some(article) = statute.article(no) else {
        if statute.meta.partial {
            let held: Vec<String> = statute.articles.iter().map(|a| a.label.clone()).collect();
            return Err((
                format!(
                    "{name}只收录了部分条文（{}），{}未收录，无法显示；这不表示该条不存在",
                    held.join("、"),
                    typed_label(no)
                ),
                statute
                    .articles
                    .iter()
                    .map(|a| whole_article(statute, a.no))
                    .collect(),
            ));
        }
        return Err((
            format!(
                "{name}共{}条，没有{}",
                statute.articles.len(),
                typed_label(no)
            ),
            nearest_articles(statute, no, 3),
        ));
    };
    let label = format!("{name}{}", article.label);
    let mut resolved = whole_article(statute, no);
    let paragraph_count = article.paragraphs.len();
    if let Some(p) = paragraph {
        if p == 0 || p as usize > paragraph_count {
            return Err((
                format!("{label}只有{paragraph_count}款，没有第{p}款"),
                vec![resolved],
            ));
        }
        resolved.paragraph = Some(p);
    }
    if let Some(i) = item {
        // 治安法第42条第5项: without a paragraph, the item is in the first
        // paragraph that has one with that number.
        let para_index = match paragraph {
            Some(p) => p as usize - 1,
            None => article
                .paragraphs
                .iter()
                .position(|para| para.items.iter().any(|it| it.number == i))
                .or_else(|| article.paragraphs.iter().position(|p| !p.items.is_empty()))
                .unwrap_or(0),
        };
        let para = &article.paragraphs[para_index];
        let where_ = if paragraph.is_some() {
            format!("{label}第{}款", numerals::to_chinese(para_index as u32 + 1))
        } else {
            label.clone()
        };
        if para.items.is_empty() {
            return Err((format!("{where_}没有分项，没有第{i}项"), vec![resolved]));
        }
        if !para.items.iter().any(|it| it.number == i) {
            return Err((
                format!("{where_}只有{}项，没有第{i}项", para.items.len()),
                vec![resolved],
            ));
        }
        resolved.paragraph = Some(para_index as u32 + 1);
        resolved.item = Some(i);
    }
    Ok(resolved)
}

/// The versions a reference with this version (or none) should look in.
pub(crate) fn pick_versions<'a>(
    versions: &[&'a Statute],
    version: Option<&str>,
    all_versions: bool,
) -> std::result::Result<Vec<&'a Statute>, String> {
    if let Some(v) = version {
        let exact: Vec<&Statute> = versions
            .iter()
            .copied()
            .filter(|s| s.meta.version == v)
            .collect();
        if !exact.is_empty() {
            return Ok(exact);
        }
        // 2013年治安管理处罚法 for the 2012 amendment that took effect in 2013.
        let by_date: Vec<&Statute> = versions
            .iter()
            .copied()
            .filter(|s| s.meta.promulgated.starts_with(v) || s.meta.effective.starts_with(v))
            .take(1)
            .collect();
        if !by_date.is_empty() {
            return Ok(by_date);
        }
        let held: Vec<String> = versions
            .iter()
            .map(|s| format!("{}年版（{}）", s.meta.version, s.meta.status.label()))
            .collect();
        let short = versions
            .first()
            .map(|s| s.meta.short_name.as_str())
            .unwrap_or_default();
        return Err(format!(
            "没有收录{short}的{v}年版本；收录的版本：{}",
            held.join("、")
        ));
    }
    let in_force: Vec<&Statute> = versions
        .iter()
        .copied()
        .filter(|s| !s.meta.status.is_superseded())
        .collect();
    if all_versions {
        // In force first, then superseded versions newest first.
        let mut ordered = in_force;
        ordered.extend(
            versions
                .iter()
                .copied()
                .filter(|s| s.meta.status != Status::InForce),
        );
        Ok(ordered)
    } else if in_force.is_empty() {
        Ok(versions.iter().copied().take(1).collect())
    } else {
        Ok(in_force)
    }
}

/// The articles of `statute` in `start..=end` (including 之一 articles), capped.
fn articles_in_range(statute: &Statute, start: ArticleNo, end: ArticleNo) -> Vec<ResolvedRef> {
    statute
        .articles
        .iter()
        .filter(|a| a.no >= start && a.no <= end)
        .map(|a| whole_article(statute, a.no))
        .collect()
}

/// Finds what `r` names in `corpus`.
///
/// No version named: the version in force (with `all_versions`, also the
/// superseded versions that have the article). A bare 第50条 looks in every
/// statute. Missing articles, paragraphs, items and versions give
/// [`Resolution::NotFound`] with a message such as "民法典共1260条，没有第1300条"
/// and the nearest existing articles; a range over [`MAX_RANGE`] articles too.
pub fn resolve(r: &Reference, corpus: &Corpus, all_versions: bool) -> Resolution {
    let candidates: Vec<&Statute> = match &r.statute {
        Some(name) => {
            let versions = statute_versions(corpus, name);
            if versions.is_empty() {
                return Resolution::UnknownStatute(name.clone());
            }
            match pick_versions(&versions, r.version.as_deref(), all_versions) {
                Ok(picked) => picked,
                Err(message) => {
                    let suggestions = versions
                        .iter()
                        .filter(|s| !s.meta.status.is_superseded())
                        .filter_map(|s| check_article(s, r.article, r.paragraph, r.item).ok())
                        .collect();
                    return Resolution::NotFound {
                        message,
                        suggestions,
                    };
                }
            }
        }
        None => {
            let mut all: Vec<&Statute> = corpus
                .statutes
                .iter()
                .filter(|s| all_versions || !s.meta.status.is_superseded())
                .collect();
            all.sort_by_key(|s| s.meta.status != Status::InForce);
            all
        }
    };

    if let Some(end) = r.article_end {
        return resolve_range(r, end, &candidates);
    }

    let mut found = Vec::new();
    let mut first_failure: Option<(String, Vec<ResolvedRef>)> = None;
    for statute in &candidates {
        match check_article(statute, r.article, r.paragraph, r.item) {
            Ok(resolved) => found.push(resolved),
            Err(failure) => {
                if first_failure.is_none() {
                    first_failure = Some(failure);
                } else if r.statute.is_none()
                    && let Some((_, suggestions)) = first_failure.as_mut()
                {
                    suggestions.extend(failure.1);
                }
            }
        }
    }
    if !found.is_empty() {
        return Resolution::Found(found);
    }
    let (mut message, mut suggestions) = first_failure.unwrap_or_default();
    if r.statute.is_none() {
        // A bare reference suggests the one closest article of each statute.
        let partial_ids: Vec<String> = candidates
            .iter()
            .filter(|s| s.meta.partial)
            .map(|s| s.id())
            .collect();
        suggestions.retain(|s| !partial_ids.contains(&s.statute_id));
        suggestions = closest_per_statute(suggestions, r.article);
        if none_has_article(&candidates, r.article) {
            message = format!("收录的法律都没有{}", typed_label(r.article));
            // A partial document may have the article without fatiao holding it.
            let partial: Vec<String> = candidates
                .iter()
                .filter(|s| s.meta.partial)
                .map(|s| s.meta.short_name.clone())
                .collect();
            if !partial.is_empty() {
                message.push_str(&format!(
                    "（{}只收录了部分条文，无法核对）",
                    partial.join("、")
                ));
            }
        }
    }
    // The article exists only in a version the user did not ask for: say so.
    if let Some(name) = &r.statute
        && r.version.is_none()
        && !all_versions
    {
        let others: Vec<&Statute> = statute_versions(corpus, name)
            .into_iter()
            .filter(|s| s.meta.status != Status::InForce)
            .filter(|s| check_article(s, r.article, r.paragraph, r.item).is_ok())
            .collect();
        for other in others {
            message.push_str(&format!(
                "；已被修订的{}有{}",
                display_name(other),
                typed_reference(r)
            ));
            suggestions.extend(check_article(other, r.article, r.paragraph, r.item).ok());
        }
    }
    Resolution::NotFound {
        message,
        suggestions,
    }
}

fn closest_per_statute(suggestions: Vec<ResolvedRef>, no: ArticleNo) -> Vec<ResolvedRef> {
    let mut closest: Vec<ResolvedRef> = Vec::new();
    for s in suggestions {
        match closest.iter_mut().find(|c| c.statute_id == s.statute_id) {
            Some(c)
                if s.article.number.abs_diff(no.number) < c.article.number.abs_diff(no.number) =>
            {
                *c = s
            }
            Some(_) => {}
            None => closest.push(s),
        }
    }
    closest
}

fn none_has_article(candidates: &[&Statute], no: ArticleNo) -> bool {
    candidates.iter().all(|s| s.article(no).is_none())
}

fn resolve_range(r: &Reference, end: ArticleNo, candidates: &[&Statute]) -> Resolution {
    let start = r.article;
    if end <= start {
        return Resolution::NotFound {
            message: format!(
                "范围的终点{}应在起点{}之后",
                typed_label(end),
                typed_label(start)
            ),
            suggestions: Vec::new(),
        };
    }
    let mut found = Vec::new();
    for statute in candidates {
        found.extend(articles_in_range(statute, start, end));
    }
    if found.is_empty() {
        let (message, suggestions) = candidates
            .first()
            .map(|s| {
                (
                    format!(
                        "{}共{}条，{}至{}都不存在",
                        display_name(s),
                        s.articles.len(),
                        typed_label(start),
                        typed_label(end)
                    ),
                    nearest_articles(s, start, 3),
                )
            })
            .unwrap_or_else(|| {
                (
                    format!("收录的法律都没有{}", typed_label(start)),
                    Vec::new(),
                )
            });
        return Resolution::NotFound {
            message,
            suggestions,
        };
    }
    if found.len() > MAX_RANGE {
        let total = found.len();
        found.truncate(MAX_RANGE);
        return Resolution::NotFound {
            message: format!(
                "范围太大：{}至{}共{total}条，最多列出{MAX_RANGE}条，请缩小范围",
                typed_label(start),
                typed_label(end)
            ),
            suggestions: found,
        };
    }
    Resolution::Found(found)
}

#[cfg(test)]
mod tests;
