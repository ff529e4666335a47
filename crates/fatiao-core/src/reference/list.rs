//! Several references typed at once: 民法典1024、1033, 民法典第1024条、第1033条,
//! 治安法50 51, 民法典1024 民法典1033, and fatiao's own merged citations
//! (《中华人民共和国民法典》第一千零二十四条、第一千零三十三条和《…》第五十条第一款第五项、第六项).
//!
//! Nothing here parses a reference itself. The query is cut at list
//! separators (、 和 及 ， or a space between two numbers) into pieces, and
//! each piece is read by the parsers that already exist:
//!
//! - a whole reference, by [`parse_query`] (民法典1033, 《…》第五十条第一款第五项,
//!   or a bare 第1033条, which takes the statute named before it);
//! - a bare number (1033), by the tail parser `parse_tail`, taking the statute
//!   (and version) named before it;
//! - a paragraph or item alone (第六项, 第二款第一项, 第一项至第三项), by the
//!   citation extractor's list element, taking the article (and paragraph)
//!   before it, exactly as in running text.
//!
//! A separator inside a name (the 和 of 中华人民共和国) is only a place where
//! the query *may* be cut: the shortest piece that parses wins, and a longer
//! one is tried when the rest would not parse.

use super::extract::{LIST_SEPARATORS, Scanner, Shape};
use super::{Reference, parse_query, parse_tail};
use crate::corpus::numerals;

/// Lists longer than this (in characters) are free text.
const MAX_LIST_CHARS: usize = 1000;

/// The most references one list yields (an item range counts each item).
pub const MAX_LIST_REFERENCES: usize = 100;

/// Pieces tried before giving up on a pathological query.
const BUDGET: usize = 4000;

/// Parses a query holding one reference or a list of them; `None` when it is
/// anything else (free text).
///
/// A single reference gives the same [`Reference`] as [`parse_query`]. In a
/// list, a bare number or 第N条 takes the statute (and version) before it, and
/// 第N款 / 第N项 the article (and paragraph) before it; spaces separate two
/// references only where a new one starts (治安法50 51), so 民法典 第1032条 第二款
/// stays one reference.
///
/// ```
/// use fatiao_core::reference::parse_list;
/// let refs = parse_list("民法典1024、1033").unwrap();
/// let articles: Vec<u32> = refs.iter().map(|r| r.article.number).collect();
/// assert_eq!(articles, [1024, 1033]);
/// assert!(refs.iter().all(|r| r.statute.as_deref() == Some("民法典")));
/// assert_eq!(parse_list("治安法50 51").unwrap().len(), 2);
/// assert!(parse_list("借钱不还怎么办").is_none());
/// ```
pub fn parse_list(query: &str) -> Option<Vec<Reference>> {
    Some(
        parse_list_written(query)?
            .into_iter()
            .map(|(r, _)| r)
            .collect(),
    )
}

/// [`parse_list`], each reference with how it was written, completed with
/// what it inherits (民法典1024、1300 → 民法典1024, 民法典1300), for messages
/// that name the reference that failed.
pub fn parse_list_written(query: &str) -> Option<Vec<(Reference, String)>> {
    let chars = prepare(query);
    if chars.is_empty() || chars.len() > MAX_LIST_CHARS {
        return None;
    }
    let cuts = cut_points(&chars);
    let mut budget = BUDGET;
    let pieces = split(&chars, 0, &cuts, &mut budget)
        .or_else(|| parse_query(query).map(|r| vec![(Piece::Full(r), query.trim().to_string())]))?;
    let refs = combine(pieces)?;
    (!refs.is_empty() && refs.len() <= MAX_LIST_REFERENCES).then_some(refs)
}

/// One piece of a list, before it inherits from the pieces before it.
#[derive(Debug, Clone)]
enum Piece {
    /// A whole reference (its statute may be `None`: a bare 第1033条).
    Full(Reference),
    /// A bare number: 1033, 1033之一, 1033-1035.
    Tail(Reference),
    /// 第二款 [第一项], 第六项, 第一项至第三项.
    Part {
        paragraph: Option<u32>,
        items: Vec<u32>,
    },
}

/// The query as characters: full-width digits made ASCII, each run of
/// whitespace either dropped (it only spaces out one reference: 民法典 第1032条)
/// or kept as one ASCII space where it separates two (治安法50 51), and
/// trailing separators dropped (a list being typed: 民法典1024、).
fn prepare(query: &str) -> Vec<char> {
    let chars: Vec<char> = query
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    // What the reference being read names already: a second 第N项 after a
    // space is another reference (第5项 第6项), the first one refines it.
    let (mut has_paragraph, mut has_item) = (false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_whitespace() {
            match c {
                '款' => has_paragraph = true,
                '项' => has_item = true,
                _ if LIST_SEPARATORS.iter().any(|s| s.starts_with(c)) => {
                    (has_paragraph, has_item) = (false, false);
                }
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        let continues = match continues_reference(&chars[j..]) {
            Continues::No => false,
            Continues::Yes => true,
            Continues::Paragraph => !has_paragraph && !has_item,
            Continues::Item => !has_item,
        };
        if out.last().is_some_and(|&c| ends_reference(c)) && !continues {
            out.push(' ');
            (has_paragraph, has_item) = (false, false);
        }
        i = j;
    }
    loop {
        let trimmed = LIST_SEPARATORS
            .iter()
            .chain([" "].iter())
            .chain(["；", ";", "。"].iter())
            .find(|s| ends_with(&out, s));
        match trimmed {
            Some(s) => out.truncate(out.len() - s.chars().count()),
            None => break,
        }
    }
    out
}

fn ends_with(chars: &[char], s: &str) -> bool {
    let s: Vec<char> = s.chars().collect();
    chars.ends_with(&s)
}

/// Can a reference end with `c` (a number, 条, 款, 项)?
fn ends_reference(c: char) -> bool {
    c.is_ascii_digit() || numerals::is_numeral_char(c) || matches!(c, '条' | '款' | '项')
}

/// How the text after a space may belong to the reference before it.
enum Continues {
    No,
    /// 条, 之一, a range (- 至): always.
    Yes,
    /// 第一款: unless that reference already names a paragraph or an item.
    Paragraph,
    /// 第五项, 第（五）项: unless it already names an item.
    Item,
}

/// Does the text after a space continue the reference before it?
fn continues_reference(rest: &[char]) -> Continues {
    let Some(&first) = rest.first() else {
        return Continues::No;
    };
    if matches!(
        first,
        '条' | '之' | '款' | '项' | '-' | '~' | '～' | '—' | '–' | '至' | '到' | '－' | '〜'
    ) {
        return Continues::Yes;
    }
    // 第一款 / 第五项 / 第（五）项: a number followed by 款 or 项, not 条.
    let mut i = usize::from(first == '第');
    if rest.get(i) == Some(&'（') {
        i += 1;
    }
    let start = i;
    while rest
        .get(i)
        .is_some_and(|&c| c.is_ascii_digit() || numerals::is_numeral_char(c))
    {
        i += 1;
    }
    if i == start {
        return Continues::No;
    }
    if rest.get(i) == Some(&'）') {
        i += 1;
    }
    match rest.get(i) {
        Some('款') => Continues::Paragraph,
        Some('项') => Continues::Item,
        _ => Continues::No,
    }
}

/// Where the query may be cut: (start of a separator, where the next piece starts).
fn cut_points(chars: &[char]) -> Vec<(usize, usize)> {
    let separators: Vec<Vec<char>> = LIST_SEPARATORS
        .iter()
        .chain(["；", ";", " "].iter())
        .map(|s| s.chars().collect())
        .collect();
    let mut cuts = Vec::new();
    let mut in_title = false;
    for p in 0..chars.len() {
        match chars[p] {
            '《' => in_title = true,
            '》' => in_title = false,
            _ => {}
        }
        if in_title {
            continue;
        }
        // The longest separator here (以及 before 及).
        if let Some(sep) = separators
            .iter()
            .filter(|s| chars[p..].starts_with(s))
            .max_by_key(|s| s.len())
        {
            cuts.push((p, p + sep.len()));
        }
    }
    cuts
}

/// Splits `chars[from..]` into pieces that each parse, shortest first.
fn split(
    chars: &[char],
    from: usize,
    cuts: &[(usize, usize)],
    budget: &mut usize,
) -> Option<Vec<(Piece, String)>> {
    let ends = cuts
        .iter()
        .filter(|&&(at, _)| at > from)
        .copied()
        .chain(std::iter::once((chars.len(), chars.len())));
    for (end, next) in ends {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let Some(piece) = piece(&chars[from..end]) else {
            continue;
        };
        let piece = (piece, chars[from..end].iter().collect::<String>());
        if end == chars.len() {
            return Some(vec![piece]);
        }
        if next >= chars.len() {
            continue;
        }
        if let Some(mut rest) = split(chars, next, cuts, budget) {
            rest.insert(0, piece);
            return Some(rest);
        }
    }
    None
}

/// Reads one piece with the existing parsers.
fn piece(chars: &[char]) -> Option<Piece> {
    if chars.is_empty() {
        return None;
    }
    let text: String = chars.iter().collect();
    if let Some(r) = parse_query(&text) {
        return Some(Piece::Full(r));
    }
    if let Some(tail) = parse_tail(chars)
        && tail.version.is_none()
    {
        return Some(Piece::Tail(Reference {
            statute: None,
            version: None,
            article: tail.article,
            article_end: tail.article_end,
            paragraph: tail.paragraph,
            item: tail.item,
        }));
    }
    let scanner = Scanner::new(&text);
    let element = scanner.element(0, false)?;
    if element.end != scanner.len() || element.shape == Shape::Article {
        return None;
    }
    let items = match (element.item, element.item_end) {
        (Some(a), Some(b)) if b >= a => (a..=b).collect(),
        (Some(a), _) => vec![a],
        (None, _) => Vec::new(),
    };
    Some(Piece::Part {
        paragraph: element.paragraph,
        items,
    })
}

/// Gives each piece what it inherits from the one before it; `None` when a
/// piece has nothing to inherit from (a bare 1033 first, a 第六项 first).
fn combine(pieces: Vec<(Piece, String)>) -> Option<Vec<(Reference, String)>> {
    let mut refs: Vec<(Reference, String)> = Vec::new();
    // The statute and version named last.
    let mut statute: Option<(String, Option<String>)> = None;
    for (piece, text) in pieces {
        match piece {
            Piece::Full(mut r) => {
                match (&r.statute, &statute) {
                    (Some(name), _) => statute = Some((name.clone(), r.version.clone())),
                    // 民法典第1024条、第1033条: the bare one takes the statute before it.
                    (None, Some((name, version))) => {
                        r.statute = Some(name.clone());
                        if r.version.is_none() {
                            r.version = version.clone();
                        }
                    }
                    (None, None) => {}
                }
                let text = match (&statute, text.starts_with('第')) {
                    (Some((name, _)), true) => format!("{name}{text}"),
                    _ => text,
                };
                refs.push((r, text));
            }
            Piece::Tail(mut r) => {
                let (name, version) = statute.clone()?;
                r.statute = Some(name.clone());
                r.version = version;
                refs.push((r, format!("{name}{text}")));
            }
            Piece::Part { paragraph, items } => {
                let previous = refs.last()?.0.clone();
                if previous.article_end.is_some() {
                    return None;
                }
                let paragraph = paragraph.or(if items.is_empty() {
                    None
                } else {
                    previous.paragraph
                });
                let base = Reference {
                    paragraph,
                    item: None,
                    ..previous
                };
                let written = |r: &Reference| {
                    format!(
                        "{}{}",
                        r.statute.as_deref().unwrap_or_default(),
                        super::typed_reference(r)
                    )
                };
                if items.is_empty() {
                    let text = written(&base);
                    refs.push((base, text));
                } else {
                    for item in items {
                        let r = Reference {
                            item: Some(item),
                            ..base.clone()
                        };
                        let text = written(&r);
                        refs.push((r, text));
                    }
                }
            }
        }
    }
    Some(refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (query, expected references as 名@版本:条/款/项 or 名:条-条)
    const CASES: &[(&str, &[&str])] = &[
        ("民法典1032", &["民法典:1032"]),
        ("民法典 第1032条", &["民法典:1032"]),
        ("治安法 第五十条 第一款 第五项", &["治安法:50/1/5"]),
        (
            "治安法第50条第1款第5项 第6项",
            &["治安法:50/1/5", "治安法:50/1/6"],
        ),
        (
            "民法典1024 1033 治安法第50条第1款第5项 第6项",
            &[
                "民法典:1024",
                "民法典:1033",
                "治安法:50/1/5",
                "治安法:50/1/6",
            ],
        ),
        ("民法典1024、1033", &["民法典:1024", "民法典:1033"]),
        ("民法典1024，1033", &["民法典:1024", "民法典:1033"]),
        ("民法典1024和1033", &["民法典:1024", "民法典:1033"]),
        ("民法典1024及1033", &["民法典:1024", "民法典:1033"]),
        ("民法典第1024条、第1033条", &["民法典:1024", "民法典:1033"]),
        ("民法典1024 1033", &["民法典:1024", "民法典:1033"]),
        ("民法典1024 民法典1033", &["民法典:1024", "民法典:1033"]),
        ("治安法50 51", &["治安法:50", "治安法:51"]),
        ("治安法 50 51", &["治安法:50", "治安法:51"]),
        ("民法典1024、1033、", &["民法典:1024", "民法典:1033"]),
        (
            "民法典1032-1034、1036",
            &["民法典:1032-1034", "民法典:1036"],
        ),
        ("民法典1032 治安法50", &["民法典:1032", "治安法:50"]),
        ("民法典1032和治安法第50条", &["民法典:1032", "治安法:50"]),
        (
            "治安法第50条第1款第5项、第6项",
            &["治安法:50/1/5", "治安法:50/1/6"],
        ),
        (
            "治安法第50条第1款第5项、第二款",
            &["治安法:50/1/5", "治安法:50/2"],
        ),
        (
            "治安法第50条第1款、第一项至第三项",
            &[
                "治安法:50/1",
                "治安法:50/1/1",
                "治安法:50/1/2",
                "治安法:50/1/3",
            ],
        ),
        (
            "《中华人民共和国民法典》第一千零二十四条、第一千零三十三条",
            &["中华人民共和国民法典:1024", "中华人民共和国民法典:1033"],
        ),
        (
            "《中华人民共和国民法典》第一千零三十二条、第一千零三十四条和《中华人民共和国治安管理处罚法》第五十条第一款第五项、第六项",
            &[
                "中华人民共和国民法典:1032",
                "中华人民共和国民法典:1034",
                "中华人民共和国治安管理处罚法:50/1/5",
                "中华人民共和国治安管理处罚法:50/1/6",
            ],
        ),
        (
            "中华人民共和国民法典第1032条和第1033条",
            &["中华人民共和国民法典:1032", "中华人民共和国民法典:1033"],
        ),
        (
            "《中华人民共和国治安管理处罚法》（2012年修正）第四十二条、第四十三条",
            &[
                "中华人民共和国治安管理处罚法@2012:42",
                "中华人民共和国治安管理处罚法@2012:43",
            ],
        ),
        (
            "2012年治安管理处罚法第42条、43",
            &["治安管理处罚法@2012:42", "治安管理处罚法@2012:43"],
        ),
        ("第50条、第51条", &["-:50", "-:51"]),
        ("刑法293之一、294", &["刑法:293之1", "刑法:294"]),
    ];

    fn show(r: &Reference) -> String {
        let mut out = r.statute.clone().unwrap_or_else(|| "-".to_string());
        if let Some(v) = &r.version {
            out.push_str(&format!("@{v}"));
        }
        out.push_str(&format!(":{}", r.article.number));
        if r.article.suffix > 0 {
            out.push_str(&format!("之{}", r.article.suffix));
        }
        if let Some(end) = r.article_end {
            out.push_str(&format!("-{}", end.number));
        }
        match (r.paragraph, r.item) {
            (Some(p), Some(i)) => out.push_str(&format!("/{p}/{i}")),
            (Some(p), None) => out.push_str(&format!("/{p}")),
            (None, Some(i)) => out.push_str(&format!("//{i}")),
            (None, None) => {}
        }
        out
    }

    #[test]
    fn lists_in_every_form() {
        for (query, expected) in CASES {
            let got: Vec<String> = parse_list(query)
                .unwrap_or_else(|| panic!("{query:?} should parse as a list"))
                .iter()
                .map(show)
                .collect();
            assert_eq!(
                got, *expected,
                "references of {query:?}: look at parse_list"
            );
        }
    }

    #[test]
    fn each_reference_is_written_back_with_what_it_inherits() {
        let written: Vec<String> =
            parse_list_written("民法典1024、1300、第1301条 治安法第50条第1款第5项、第9项")
                .expect("a list")
                .into_iter()
                .map(|(_, text)| text)
                .collect();
        assert_eq!(
            written,
            [
                "民法典1024",
                "民法典1300",
                "民法典第1301条",
                "治安法第50条第1款第5项",
                "治安法第50条第1款第9项"
            ]
        );
    }

    #[test]
    fn a_single_reference_parses_as_parse_query_does() {
        for query in [
            "民法典1032",
            "民法典 第1032条",
            "治安管理处罚法（2012）第42条",
            "2012年治安管理处罚法第四十二条",
            "第50条",
            "刑法 293-1",
            "《互联网金融逾期债务催收自律公约（试行）》第十三条",
            "治安法第42条第（五）项",
        ] {
            assert_eq!(
                parse_list(query),
                parse_query(query).map(|r| vec![r]),
                "{query:?}"
            );
        }
    }

    #[test]
    fn free_text_is_not_a_list() {
        const NOT_LISTS: &[(&str, &str)] = &[
            ("借钱不还怎么办", "a question"),
            ("催收 骚扰 亲友", "words"),
            ("1032、1033", "numbers with no statute to inherit"),
            ("第六项", "an item with no article to inherit"),
            ("民法典1032和解", "和解 is a word, not 和 + a reference"),
            ("", "empty"),
            ("、、、", "separators only"),
        ];
        for (query, why) in NOT_LISTS {
            let parsed = parse_list(query);
            assert!(parsed.is_none(), "{query:?} ({why}) gave {parsed:?}");
        }
    }

    #[test]
    fn long_and_hostile_input_is_bounded() {
        let long = "民法典1032、".repeat(200);
        assert!(parse_list(&long).is_none(), "over the length limit");
        let many = format!("民法典{}", "1、".repeat(150));
        assert!(
            parse_list(&many).is_none(),
            "more than {MAX_LIST_REFERENCES} references"
        );
        // Every cut parses until the last piece, which never does: the
        // search for another split must stop within its budget.
        let hostile = format!("民法典{}x", "1和".repeat(300));
        assert!(parse_list(&hostile).is_none());
    }
}
