//! Citations inside running text: a letter being checked by `fatiao verify`,
//! or a statute's own cross-references (依照本法第五十一条的规定, 前款第五项).
//!
//! The scanner walks the text once. A citation list starts at a title
//! (《民法典》, or a known name without book marks), at 本法 / 本条 / 前款, or at a
//! bare 第; it continues over 、 和 及 或者 ， and ranges (至, -), and a later
//! element names only what changes (第五十条第一款第五项、第六项). A title also
//! applies to citations further on, until another title (`inherited`).
//! Positions are given in bytes and in characters of the original text.

use std::ops::Range;

use serde::Serialize;

use super::{
    Cursor, MAX_RANGE, Reference, ResolvedRef, UNREADABLE, check_article, name_key,
    split_name_version,
};
use crate::corpus::{Article, ArticleNo, Corpus, Statute, numerals};

/// What a citation in running text is anchored to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// After a statute's title: 《民法典》第1032条, or a title further back.
    Titled,
    /// 本法第五十一条: the statute the text belongs to.
    ThisLaw,
    /// 第一千零三十二条 with no title before it.
    Bare,
    /// 前款, 前两款, 前款第五项: paragraphs just before the one containing it.
    PreviousParagraph,
    /// 本条第一款, or a 第一款 / 第二项 with no article: the article containing it.
    ThisArticle,
}

/// One citation found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extracted {
    pub kind: MarkKind,
    /// The statute's name as written (book marks stripped), for [`MarkKind::Titled`].
    pub statute: Option<String>,
    /// Version year written after or inside the title: （2012年修正） → "2012".
    pub version: Option<String>,
    /// True when the title is an earlier one, not attached to this citation's list.
    pub inherited: bool,
    /// The article; `None` for 前款 and 本条第一款.
    pub article: Option<ArticleNo>,
    /// Last article of a range: 第五百八十二条至第五百八十四条.
    pub article_end: Option<ArticleNo>,
    /// Paragraph (款), 1-based.
    pub paragraph: Option<u32>,
    /// Item (项), 1-based.
    pub item: Option<u32>,
    /// Last item of a range: 第一项至第三项.
    pub item_end: Option<u32>,
    /// For [`MarkKind::PreviousParagraph`]: how many paragraphs back (前款 1, 前两款 2).
    pub previous: u32,
    /// The citation as written; the first of a list includes its title or 本法 / 前款.
    pub text: String,
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Character range in the text.
    pub chars: Range<usize>,
}

impl Extracted {
    /// True when a number in it could not be read (第0条, 之0, 第4294967296条,
    /// 第〇项) or an item range is reversed or longer than [`MAX_RANGE`]:
    /// such a citation is reported as unreadable, never checked in part.
    pub fn unreadable(&self) -> bool {
        let numbers = [
            self.article.map(|a| a.number),
            self.article.map(|a| a.suffix),
            self.article_end.map(|a| a.number),
            self.article_end.map(|a| a.suffix),
            self.paragraph,
            self.item,
            self.item_end,
        ];
        if numbers.contains(&Some(UNREADABLE)) {
            return true;
        }
        match (self.item, self.item_end) {
            (Some(first), Some(last)) => last < first || (last - first) as usize >= MAX_RANGE,
            _ => false,
        }
    }

    /// The citation as a [`Reference`] to resolve, when it names an article
    /// (titled, 本法 or bare); a range gives its start and end. 本法 and bare
    /// citations have no statute: the caller knows which statute, if any, they mean.
    pub fn reference(&self) -> Option<Reference> {
        let article = self.article?;
        let statute = match self.kind {
            MarkKind::Titled => self.statute.clone(),
            MarkKind::ThisLaw | MarkKind::Bare => None,
            MarkKind::PreviousParagraph | MarkKind::ThisArticle => return None,
        };
        Some(Reference {
            statute,
            version: self.version.clone(),
            article,
            article_end: self.article_end,
            paragraph: self.paragraph,
            item: self.item,
        })
    }
}

/// How a document names itself (本法第五十条, 本规定第十三条) or the article
/// the text is in (本条第一款).
const THIS_DOCUMENT: &[&str] = &["本法", "本规定", "本解释", "本条"];

/// List separators between citations.
pub(super) const LIST_SEPARATORS: &[&str] =
    &["以及", "或者", "、", "和", "及", "或", "与", "，", ","];
/// Range separators inside a list: 第一项至第三项, 第1032-1034条.
const RANGE_SEPARATORS: &[&str] = &["至", "到", "-", "~", "～", "—", "－"];

/// The shape of one element of a citation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// 第N条 [第M款] [第K项]
    Article,
    /// 第M款 [第K项], continuing the article before it.
    Paragraph,
    /// 第K项, continuing the paragraph before it.
    Item,
}

#[derive(Debug, Clone)]
pub(super) struct Element {
    pub(super) shape: Shape,
    article: Option<ArticleNo>,
    article_end: Option<ArticleNo>,
    pub(super) paragraph: Option<u32>,
    pub(super) item: Option<u32>,
    pub(super) item_end: Option<u32>,
    start: usize,
    pub(super) end: usize,
}

/// The text as characters (full-width digits and brackets normalized one for
/// one, so indexes stay aligned) with each character's byte offset.
pub(super) struct Scanner<'t> {
    text: &'t str,
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl<'t> Scanner<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let mut chars = Vec::new();
        let mut offsets = Vec::new();
        for (offset, c) in text.char_indices() {
            offsets.push(offset);
            chars.push(match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '(' => '（',
                ')' => '）',
                _ => c,
            });
        }
        offsets.push(text.len());
        Scanner {
            text,
            chars,
            offsets,
        }
    }

    /// Number of characters scanned.
    pub(super) fn len(&self) -> usize {
        self.chars.len()
    }

    fn at(&self, p: usize) -> Option<char> {
        self.chars.get(p).copied()
    }

    fn starts_with(&self, p: usize, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.at(p + i) == Some(c))
    }

    fn skip_spaces(&self, mut p: usize) -> usize {
        while self
            .at(p)
            .is_some_and(|c| c == ' ' || c == '\u{3000}' || c == '\t')
        {
            p += 1;
        }
        p
    }

    /// A number (Arabic or Chinese) at `p`, spaces around it allowed;
    /// [`UNREADABLE`] when written but zero, too large or malformed, so that
    /// the citation is reported rather than cut short.
    fn number(&self, p: usize) -> Option<(u32, usize)> {
        let p = self.skip_spaces(p);
        let mut cur = Cursor::new(&self.chars);
        cur.pos = p;
        let n = cur.number_run()?;
        Some((n, self.skip_spaces(cur.pos)))
    }

    /// `[第] N unit` at `p` (第 required unless `optional_di`).
    fn numbered(&self, p: usize, unit: char, optional_di: bool) -> Option<(u32, usize)> {
        let q = if self.at(p) == Some('第') {
            p + 1
        } else if optional_di {
            p
        } else {
            return None;
        };
        // 第（五）项: the item marker copied into the reference.
        if self.at(q) == Some('（') {
            let (n, r) = self.number(q + 1)?;
            return (self.at(r) == Some('）') && self.at(r + 1) == Some(unit))
                .then_some((n, r + 2));
        }
        let (n, q) = self.number(q)?;
        (self.at(q) == Some(unit)).then_some((n, q + 1))
    }

    /// One list element at `p`. `optional_di` lets the first element of a
    /// titled list omit 第 (《民法典》1032条).
    pub(super) fn element(&self, p: usize, optional_di: bool) -> Option<Element> {
        if let Some(e) = self.article_element(p, optional_di) {
            return Some(e);
        }
        if let Some((paragraph, q)) = self.numbered(p, '款', false) {
            let (item, item_end, end) = self.item_part(q);
            return Some(Element {
                shape: Shape::Paragraph,
                article: None,
                article_end: None,
                paragraph: Some(paragraph),
                item,
                item_end,
                start: p,
                end,
            });
        }
        let (item, item_end, end) = self.item_part(p);
        item.map(|item| Element {
            shape: Shape::Item,
            article: None,
            article_end: None,
            paragraph: None,
            item: Some(item),
            item_end,
            start: p,
            end,
        })
    }

    /// `第N条[之M] [第M款] [第K项[至第L项]]`, or a range `第N至M条` / `第N条至第M条`.
    fn article_element(&self, p: usize, optional_di: bool) -> Option<Element> {
        let q = if self.at(p) == Some('第') {
            p + 1
        } else if optional_di {
            p
        } else {
            return None;
        };
        let (number, mut q) = self.number(q)?;
        let mut article_end = None;
        // 第1032至1034条 / 第1032-1034条
        if self.at(q) != Some('条')
            && let Some(sep) = RANGE_SEPARATORS.iter().find(|s| self.starts_with(q, s))
            && let Some((end, r)) = self.number(q + sep.chars().count())
            && self.at(r) == Some('条')
        {
            article_end = Some(ArticleNo {
                number: end,
                suffix: 0,
            });
            q = r;
        }
        if self.at(q) != Some('条') {
            return None;
        }
        q += 1;
        let mut suffix = 0;
        if self.at(q) == Some('之')
            && let Some((n, r)) = self.number(q + 1)
        {
            suffix = n;
            q = r;
        }
        let mut paragraph = None;
        if article_end.is_none()
            && let Some((n, r)) = self.numbered(q, '款', true)
        {
            paragraph = Some(n);
            q = r;
        }
        let (item, item_end, end) = if article_end.is_none() {
            self.item_part(q)
        } else {
            (None, None, q)
        };
        Some(Element {
            shape: Shape::Article,
            article: Some(ArticleNo { number, suffix }),
            article_end,
            paragraph,
            item,
            item_end,
            start: p,
            end,
        })
    }

    /// `[第K项[至第L项]]` at `p`: (item, item_end, end position).
    fn item_part(&self, p: usize) -> (Option<u32>, Option<u32>, usize) {
        let Some((item, q)) = self.numbered(p, '项', p > 0 && self.at(p - 1) == Some('款'))
        else {
            return (None, None, p);
        };
        for sep in RANGE_SEPARATORS {
            if self.starts_with(q, sep)
                && let Some((end, r)) = self.numbered(q + sep.chars().count(), '项', true)
            {
                return (Some(item), Some(end), r);
            }
        }
        (Some(item), None, q)
    }

    /// The elements of a list starting with `first` at `p`; later elements
    /// follow a separator.
    fn list(&self, first: Element) -> Vec<Element> {
        let mut elements = vec![first];
        while let Some(last) = elements.last_mut() {
            let p = self.skip_spaces(last.end);
            // 第五百八十二条至第五百八十四条
            if last.shape == Shape::Article
                && last.article_end.is_none()
                && last.paragraph.is_none()
                && last.item.is_none()
                && let Some(sep) = RANGE_SEPARATORS.iter().find(|s| self.starts_with(p, s))
                && let Some(next) =
                    self.article_element(self.skip_spaces(p + sep.chars().count()), false)
                && next.paragraph.is_none()
                && next.item.is_none()
            {
                last.article_end = next.article;
                last.end = next.end;
                continue;
            }
            let Some(sep) = LIST_SEPARATORS.iter().find(|s| self.starts_with(p, s)) else {
                break;
            };
            let q = self.skip_spaces(p + sep.chars().count());
            match self.element(q, false) {
                Some(next) => elements.push(next),
                None => break,
            }
        }
        elements
    }

    fn slice(&self, range: &Range<usize>) -> &'t str {
        &self.text[self.offsets[range.start]..self.offsets[range.end]]
    }
}

/// The list's anchor: what the first element hangs on.
struct Anchor {
    kind: MarkKind,
    statute: Option<String>,
    version: Option<String>,
    inherited: bool,
    previous: u32,
    /// Where the anchor (title, 本法, 前款) starts.
    start: usize,
}

/// Where the last list left off, so that a later 第五项 in the same sentence
/// (…第一项至第三项规定的财产或者第五项…) continues it.
#[derive(Clone)]
struct Context {
    kind: MarkKind,
    statute: Option<String>,
    version: Option<String>,
    inherited: bool,
    previous: u32,
    article: Option<ArticleNo>,
    paragraph: Option<u32>,
    end: usize,
}

/// Turns a list into citations: continuation elements take the article
/// (and paragraph) of the element before them, the first one those of
/// `context` when it continues an earlier list.
fn emit(
    scanner: &Scanner,
    anchor: &Anchor,
    elements: Vec<Element>,
    context: Option<&Context>,
    out: &mut Vec<Extracted>,
) -> Context {
    let mut article: Option<ArticleNo> = context.and_then(|c| c.article);
    let mut paragraph: Option<u32> = context.and_then(|c| c.paragraph);
    let mut end = anchor.start;
    for (i, e) in elements.into_iter().enumerate() {
        match e.shape {
            Shape::Article => {
                article = e.article;
                paragraph = e.paragraph;
            }
            Shape::Paragraph => paragraph = e.paragraph,
            Shape::Item => {}
        }
        let mut kind = anchor.kind;
        // A 第一款 / 第二项 with no article before it is about the article it is in.
        if article.is_none() && matches!(kind, MarkKind::Bare | MarkKind::Titled) {
            kind = MarkKind::ThisArticle;
        }
        let start = if i == 0 { anchor.start } else { e.start };
        let chars = start..e.end;
        end = e.end;
        out.push(Extracted {
            kind,
            statute: if kind == MarkKind::Titled {
                anchor.statute.clone()
            } else {
                None
            },
            version: if kind == MarkKind::Titled {
                anchor.version.clone()
            } else {
                None
            },
            inherited: kind == MarkKind::Titled && anchor.inherited,
            article,
            article_end: e.article_end,
            paragraph,
            item: e.item,
            item_end: e.item_end,
            previous: anchor.previous,
            text: scanner.slice(&chars).to_string(),
            bytes: scanner.offsets[chars.start]..scanner.offsets[chars.end],
            chars,
        });
    }
    Context {
        kind: anchor.kind,
        statute: anchor.statute.clone(),
        version: anchor.version.clone(),
        inherited: anchor.inherited,
        previous: anchor.previous,
        article,
        paragraph,
        end,
    }
}

/// Does a sentence end between `from` and `to`?
fn sentence_break(scanner: &Scanner, from: usize, to: usize) -> bool {
    scanner.chars[from.min(to)..to]
        .iter()
        .any(|c| matches!(c, '。' | '；' | ';' | '\n' | '！' | '？' | '!' | '?'))
}

/// 前款 / 前两款 / 前三款 at `p`: (how many paragraphs back, end).
fn previous_paragraphs(scanner: &Scanner, p: usize) -> Option<(u32, usize)> {
    if scanner.at(p) != Some('前') {
        return None;
    }
    // 提前款项, 目前款式: words that merely contain 前款.
    if p > 0 && matches!(scanner.at(p - 1), Some('提' | '目' | '向' | '此')) {
        return None;
    }
    if scanner.at(p + 1) == Some('款') {
        return Some((1, p + 2));
    }
    let c = scanner.at(p + 1)?;
    let n = numerals::parse_chinese(&c.to_string()).filter(|&n| (2..=9).contains(&n))?;
    (scanner.at(p + 2) == Some('款')).then_some((n, p + 3))
}

/// Finds every citation in `text`: titled (《X》第N条, full or short titles,
/// Chinese or Arabic numerals, 款 and 项), lists and ranges, 本法 / 本条 / 前款,
/// and bare 第N条. Titles are recognised by their book marks only; see
/// [`extract_with_names`] for names written without them.
pub fn extract(text: &str) -> Vec<Extracted> {
    extract_with_names(text, &[])
}

/// Like [`extract`], and also recognises the statute names in `names` written
/// without book marks (依据治安管理处罚法第四十二条). [`statute_names`] gives the
/// corpus's names.
pub fn extract_with_names(text: &str, names: &[String]) -> Vec<Extracted> {
    let scanner = Scanner::new(text);
    let mut names: Vec<Vec<char>> = names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().collect())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = Vec::new();
    // The last title seen: (name, version).
    let mut current_title: Option<(String, Option<String>)> = None;
    let mut context: Option<Context> = None;
    let mut p = 0;
    while p < scanner.chars.len() {
        let c = scanner.chars[p];
        // 《title》[（version）] list
        if c == '《'
            && let Some(len) = scanner.chars[p + 1..]
                .iter()
                .take(80)
                .take_while(|&&c| c != '\n' && c != '《')
                .position(|&c| c == '》')
        {
            let close = p + 1 + len;
            let (name, inner_version) = split_name_version(&scanner.chars[p + 1..close]);
            let (version, after) = version_after(&scanner, close + 1);
            let version = inner_version.or(version);
            current_title = Some((name.clone(), version.clone()));
            let anchor = Anchor {
                kind: MarkKind::Titled,
                statute: Some(name),
                version,
                inherited: false,
                previous: 0,
                start: p,
            };
            let q = scanner.skip_spaces(after);
            if let Some(first) = scanner.article_element(q, true) {
                let elements = scanner.list(first);
                p = elements.last().map_or(q, |e| e.end);
                context = Some(emit(&scanner, &anchor, elements, None, &mut out));
            } else {
                p = close + 1;
            }
            continue;
        }
        // A known name without book marks, directly followed by a citation.
        if let Some(name) = names.iter().find(|n| scanner.chars[p..].starts_with(n)) {
            let end = p + name.len();
            let (version, after) = version_after(&scanner, end);
            let q = scanner.skip_spaces(after);
            if let Some(first) = scanner.article_element(q, false) {
                let name: String = name.iter().collect();
                current_title = Some((name.clone(), version.clone()));
                let anchor = Anchor {
                    kind: MarkKind::Titled,
                    statute: Some(name),
                    version,
                    inherited: false,
                    previous: 0,
                    start: p,
                };
                let elements = scanner.list(first);
                p = elements.last().map_or(q, |e| e.end);
                context = Some(emit(&scanner, &anchor, elements, None, &mut out));
                continue;
            }
        }
        // 本法第N条 (本规定 / 本解释 in a judicial interpretation) / 本条第M款
        if let Some(own) = THIS_DOCUMENT.iter().find(|w| scanner.starts_with(p, w)) {
            let kind = if *own == "本条" {
                MarkKind::ThisArticle
            } else {
                MarkKind::ThisLaw
            };
            let q = scanner.skip_spaces(p + own.chars().count());
            let first = match kind {
                MarkKind::ThisLaw => scanner.article_element(q, false),
                _ => scanner
                    .element(q, false)
                    .filter(|e| e.shape != Shape::Article),
            };
            if let Some(first) = first {
                let anchor = Anchor {
                    kind,
                    statute: None,
                    version: None,
                    inherited: false,
                    previous: 0,
                    start: p,
                };
                let elements = scanner.list(first);
                p = elements.last().map_or(q, |e| e.end);
                context = Some(emit(&scanner, &anchor, elements, None, &mut out));
                continue;
            }
        }
        // 前款 / 前两款 [第K项、…]
        if let Some((previous, end)) = previous_paragraphs(&scanner, p) {
            let anchor = Anchor {
                kind: MarkKind::PreviousParagraph,
                statute: None,
                version: None,
                inherited: false,
                previous,
                start: p,
            };
            let items = scanner
                .element(end, false)
                .filter(|e| e.shape == Shape::Item)
                .map(|first| scanner.list(first))
                .unwrap_or_default();
            if items.is_empty() {
                let chars = p..end;
                out.push(Extracted {
                    kind: MarkKind::PreviousParagraph,
                    statute: None,
                    version: None,
                    inherited: false,
                    article: None,
                    article_end: None,
                    paragraph: None,
                    item: None,
                    item_end: None,
                    previous,
                    text: scanner.slice(&chars).to_string(),
                    bytes: scanner.offsets[p]..scanner.offsets[end],
                    chars,
                });
                context = Some(Context {
                    kind: MarkKind::PreviousParagraph,
                    statute: None,
                    version: None,
                    inherited: false,
                    previous,
                    article: None,
                    paragraph: None,
                    end,
                });
                p = end;
            } else {
                p = items.last().map_or(end, |e| e.end);
                context = Some(emit(&scanner, &anchor, items, None, &mut out));
            }
            continue;
        }
        // Bare 第N条 (titled by an earlier title, if any), or 第M款 / 第K项,
        // which continue a list earlier in the same sentence.
        if c == '第'
            && let Some(first) = scanner.element(p, false)
        {
            let continued = context
                .as_ref()
                .filter(|ctx| {
                    first.shape != Shape::Article && !sentence_break(&scanner, ctx.end, p)
                })
                .filter(|ctx| ctx.article.is_some() || ctx.kind == MarkKind::PreviousParagraph)
                .cloned();
            let anchor = match (&continued, &current_title) {
                (Some(ctx), _) => Anchor {
                    kind: ctx.kind,
                    statute: ctx.statute.clone(),
                    version: ctx.version.clone(),
                    inherited: ctx.inherited,
                    previous: ctx.previous,
                    start: p,
                },
                (None, Some((name, version))) if first.shape == Shape::Article => Anchor {
                    kind: MarkKind::Titled,
                    statute: Some(name.clone()),
                    version: version.clone(),
                    inherited: true,
                    previous: 0,
                    start: p,
                },
                _ => Anchor {
                    kind: MarkKind::Bare,
                    statute: None,
                    version: None,
                    inherited: false,
                    previous: 0,
                    start: p,
                },
            };
            let elements = scanner.list(first);
            p = elements.last().map_or(p + 1, |e| e.end);
            context = Some(emit(
                &scanner,
                &anchor,
                elements,
                continued.as_ref(),
                &mut out,
            ));
            continue;
        }
        p += 1;
    }
    out
}

/// A version mark right after a title: （2012年修正）, （2012）.
fn version_after(scanner: &Scanner, p: usize) -> (Option<String>, usize) {
    let q = scanner.skip_spaces(p);
    if scanner.at(q) != Some('（') {
        return (None, p);
    }
    let mut cur = Cursor::new(&scanner.chars);
    cur.pos = q;
    match cur.version() {
        Some(v) => (Some(v), cur.pos),
        None => (None, p),
    }
}

/// Every name the corpus knows its statutes by (titles with and without
/// 中华人民共和国, short names, aliases), for [`extract_with_names`].
pub fn statute_names(corpus: &Corpus) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in &corpus.statutes {
        names.push(s.meta.title.clone());
        names.push(name_key(&s.meta.title));
        names.push(s.meta.short_name.clone());
        names.extend(s.meta.aliases.iter().cloned());
    }
    names.sort();
    names.dedup();
    names
}

/// A cross-reference inside a statute's text, resolved within that statute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrossRef {
    /// 0-based index of the paragraph holding the reference.
    pub paragraph_index: usize,
    /// 0-based index into that paragraph's items when the reference is in an item's text.
    pub item_index: Option<usize>,
    /// Character range within that paragraph's (or item's) `text`.
    pub chars: Range<usize>,
    /// The reference as written: 本法第五十一条, 前款第五项.
    pub text: String,
    pub kind: MarkKind,
    /// What it points to in the same statute version; empty when it names
    /// another statute or something this version does not have.
    pub targets: Vec<ResolvedRef>,
    /// The title of another statute it points to (《中华人民共和国行政处罚法》 → 中华人民共和国行政处罚法).
    pub external: Option<String>,
}

/// The cross-references in one article of `statute`: 本法第N条 and bare 第N条
/// (this statute and version), 前款 / 前两款 (the paragraphs before the one it
/// is in), 本条第M款 and 第M款 (this article), 第N条第M款第K项, ranges. A title
/// of another statute is reported as `external`, without targets.
///
/// `names` are the statute names to recognise without book marks (a judicial
/// interpretation writes 依据民法典第一百四十四条); [`statute_names`] gives the
/// corpus's.
pub fn cross_references(names: &[String], statute: &Statute, article: &Article) -> Vec<CrossRef> {
    let mut out = Vec::new();
    for (pi, paragraph) in article.paragraphs.iter().enumerate() {
        let texts = std::iter::once((None, paragraph.text.as_str())).chain(
            paragraph
                .items
                .iter()
                .enumerate()
                .map(|(ii, item)| (Some(ii), item.text.as_str())),
        );
        for (item_index, text) in texts {
            for e in extract_with_names(text, names) {
                let (targets, external) = cross_targets(statute, article, pi, &e);
                out.push(CrossRef {
                    paragraph_index: pi,
                    item_index,
                    chars: e.chars.clone(),
                    text: e.text.clone(),
                    kind: e.kind,
                    targets,
                    external,
                });
            }
        }
    }
    out
}

/// Items `item..=item_end` (or just `item`, or none).
fn item_numbers(e: &Extracted) -> Vec<Option<u32>> {
    match (e.item, e.item_end) {
        (Some(a), Some(b)) if b >= a => (a..=b).map(Some).collect(),
        (item, _) => vec![item],
    }
}

fn cross_targets(
    statute: &Statute,
    article: &Article,
    paragraph_index: usize,
    e: &Extracted,
) -> (Vec<ResolvedRef>, Option<String>) {
    let existing = |no: ArticleNo, paragraph: Option<u32>, item: Option<u32>| {
        check_article(statute, no, paragraph, item).ok()
    };
    let mut targets = Vec::new();
    match e.kind {
        MarkKind::Titled if !e.inherited => {
            let name = e.statute.clone().unwrap_or_default();
            if !statute.is_named(&name) && name_key(&name) != name_key(&statute.meta.title) {
                return (targets, Some(name));
            }
            targets.extend(article_targets(statute, e));
        }
        MarkKind::Titled | MarkKind::ThisLaw | MarkKind::Bare => {
            targets.extend(article_targets(statute, e));
        }
        MarkKind::PreviousParagraph => {
            let back = e.previous as usize;
            if paragraph_index >= back {
                for p in paragraph_index - back..paragraph_index {
                    for item in item_numbers(e) {
                        targets.extend(existing(article.no, Some(p as u32 + 1), item));
                    }
                }
            }
        }
        MarkKind::ThisArticle => {
            let paragraph = e.paragraph.or_else(|| {
                // 第二项 alone: the paragraph it is in, else the first with such an item.
                let wanted = e.item?;
                let has = |p: usize| {
                    article.paragraphs[p]
                        .items
                        .iter()
                        .any(|it| it.number == wanted)
                };
                if has(paragraph_index) {
                    Some(paragraph_index as u32 + 1)
                } else {
                    (0..article.paragraphs.len())
                        .find(|&p| has(p))
                        .map(|p| p as u32 + 1)
                }
            });
            for item in item_numbers(e) {
                targets.extend(existing(article.no, paragraph, item));
            }
        }
    }
    (targets, None)
}

/// The existing articles (paragraphs, items) an article citation names in `statute`.
fn article_targets(statute: &Statute, e: &Extracted) -> Vec<ResolvedRef> {
    let Some(start) = e.article else {
        return Vec::new();
    };
    if let Some(end) = e.article_end {
        return super::articles_in_range(statute, start, end);
    }
    item_numbers(e)
        .into_iter()
        .filter_map(|item| check_article(statute, start, e.paragraph, item).ok())
        .collect()
}

#[cfg(test)]
mod tests;
