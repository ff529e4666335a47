//! Checking a draft's citations (`fatiao verify`): finds every citation in a
//! letter, police report or filing and says whether it points at the law that
//! applies on a given date.
//!
//! The check that matters most is the one people get wrong: a letter written
//! from a pre-2026 template cites 治安管理处罚法第四十二条 for harassing messages,
//! but since 2026-01-01 that number is a railway rule and the harassment rule
//! is 第五十条. Such a citation exists, so a plain existence check passes it;
//! here it is reported as outdated, with what each version's article says and
//! which current article corresponds (from [`crate::correspondence`]).

use crate::cite::{self, CiteStyle};
use crate::corpus::{ArticleNo, Corpus, Status, Statute, numerals};
use crate::correspondence::{self, Correspondence};
use crate::reference::{self, Extracted, MarkKind, ResolvedRef, display_name, statute_versions};
use crate::renumber;
use crate::sanitize::escape_controls;
use serde::Serialize;

mod date;
mod input;
pub use date::{date_in_china, parse_date, today};
pub use input::{Draft, DraftFormat, read_draft};

/// How many characters of an article an `ok` finding quotes.
const EXCERPT_CHARS: usize = 24;

/// The message of an ok finding with nothing more to say.
const OK_MESSAGE: &str = "引用正确";

/// Distinct character bigrams the words around a citation must share with
/// the old text of a renumbered article before the citation is taken to mean
/// the old rule; one shared bigram is too easily chance.
const MIN_CONTEXT_OVERLAP: usize = 2;

/// What fatiao concluded about one citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Exists in the version that applies on the date.
    Ok,
    /// No such article, paragraph or item in any version fatiao holds.
    NotFound,
    /// Resolves only in a version that does not apply on the date, or the
    /// number now holds a different rule.
    Outdated,
    /// Names no statute, or one fatiao does not hold.
    UnknownStatute,
    /// The statute is held only in part and this article is not among the
    /// verified ones: it cannot be checked, which does not make it wrong.
    PartialSource,
    /// The article exists but an amendment removed its text (「（删去）」, as
    /// 刑法第一百九十九条): it cannot be relied on.
    Deleted,
    /// A number in it cannot be read: 第0条, 之0, 第4294967296条, 第〇项, or
    /// an item range that is reversed or too long.
    Unreadable,
}

impl Verdict {
    /// Every verdict, in the order reports count them.
    pub const ALL: [Verdict; 7] = [
        Verdict::Ok,
        Verdict::NotFound,
        Verdict::Outdated,
        Verdict::UnknownStatute,
        Verdict::PartialSource,
        Verdict::Deleted,
        Verdict::Unreadable,
    ];

    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ok => "正确",
            Verdict::NotFound => "不存在",
            Verdict::Outdated => "已过时",
            Verdict::UnknownStatute => "未收录的法律",
            Verdict::PartialSource => "无法核对",
            Verdict::Deleted => "已删除",
            Verdict::Unreadable => "无法识别的条文编号",
        }
    }
}

/// One citation found in the draft and the verdict on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The citation as written (the first of a list includes its title).
    pub text: String,
    /// 1-based line of the draft.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Character range in the whole draft.
    pub start: usize,
    pub end: usize,
    pub verdict: Verdict,
    /// The exact citation of what was checked, when it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// The first words of the cited text, for an `ok` finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    /// What to do or what is wrong, in Chinese.
    pub message: String,
    /// For an outdated finding: the corresponding citation in the applicable version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// The whole report on one draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The date whose law applies, `YYYY-MM-DD`.
    pub as_of: String,
    pub findings: Vec<Finding>,
}

impl Report {
    /// True when every citation is ok (also when there are none).
    pub fn all_ok(&self) -> bool {
        self.findings.iter().all(|f| f.verdict == Verdict::Ok)
    }

    /// How many findings have each verdict, in a fixed order.
    pub fn counts(&self) -> Vec<(Verdict, usize)> {
        Verdict::ALL
            .into_iter()
            .map(|v| (v, self.findings.iter().filter(|f| f.verdict == v).count()))
            .collect()
    }
}

/// Finds and checks every citation in `draft` against the law of `as_of`.
pub fn verify(draft: &str, corpus: &Corpus, as_of: &str) -> Report {
    let names = reference::statute_names(corpus);
    let mut checker = Checker {
        corpus,
        as_of,
        correspondences: correspondence::Cache::default(),
    };
    // Line starts in bytes and in characters, and sentence ends, computed
    // once: per citation they are binary searches, so a draft with 100,000
    // citations on one line takes linear time.
    let mut line_starts = vec![0];
    let mut line_start_chars = vec![0];
    let mut sentence_ends = Vec::new();
    for (chars, (i, c)) in draft.char_indices().enumerate() {
        if is_sentence_end(c) {
            sentence_ends.push(i);
        }
        if c == '\n' {
            line_starts.push(i + 1);
            line_start_chars.push(chars + 1);
        }
    }
    let mut findings = Vec::new();
    for e in reference::extract_with_names(draft, &names) {
        // 前款 / 本条第一款 only mean something inside a statute's own text.
        if matches!(e.kind, MarkKind::PreviousParagraph | MarkKind::ThisArticle) {
            continue;
        }
        let line = line_starts.partition_point(|&s| s <= e.bytes.start);
        let column = e.chars.start - line_start_chars[line - 1] + 1;
        let context = sentence_around(draft, &sentence_ends, &e);
        let outcome = checker.check(&e, &context);
        findings.push(Finding {
            text: e.text.clone(),
            line,
            column,
            start: e.chars.start,
            end: e.chars.end,
            verdict: outcome.verdict,
            citation: outcome.citation,
            excerpt: outcome.excerpt,
            message: outcome.message,
            suggestion: outcome.suggestion,
        });
    }
    Report {
        as_of: as_of.to_string(),
        findings,
    }
}

struct Outcome {
    verdict: Verdict,
    citation: Option<String>,
    excerpt: Option<String>,
    message: String,
    suggestion: Option<String>,
}

impl Outcome {
    fn plain(verdict: Verdict, message: String) -> Outcome {
        Outcome {
            verdict,
            citation: None,
            excerpt: None,
            message,
            suggestion: None,
        }
    }
}

struct Checker<'a> {
    corpus: &'a Corpus,
    as_of: &'a str,
    /// Old → current version alignments, by short name, computed on first use.
    correspondences: correspondence::Cache,
}

impl<'a> Checker<'a> {
    fn check(&mut self, e: &Extracted, context: &str) -> Outcome {
        if e.unreadable() {
            return Outcome::plain(
                Verdict::Unreadable,
                format!(
                    "“{}”中有无法识别的编号：条、款、项的编号须为 1 至 {} 的整数，项的范围最多 {} 项；请核对原文",
                    e.text,
                    reference::MAX_NUMBER,
                    reference::MAX_RANGE
                ),
            );
        }
        let (Some(name), Some(article)) = (e.statute.as_deref(), e.article) else {
            return Outcome::plain(
                Verdict::UnknownStatute,
                "没有写明法律名称，无法核对；请写成《中华人民共和国民法典》第一千零三十二条这样的形式".to_string(),
            );
        };
        if e.kind != MarkKind::Titled {
            return Outcome::plain(
                Verdict::UnknownStatute,
                format!("“{}”没有写明是哪部法律，无法核对", e.text),
            );
        }
        let versions = statute_versions(self.corpus, name);
        if versions.is_empty() {
            return Outcome::plain(
                Verdict::UnknownStatute,
                format!(
                    "fatiao 没有收录《{name}》，无法核对这一引用；用 `fatiao laws` 查看收录的法律"
                ),
            );
        }
        let applicable = self.applicable(&versions);
        // A range is checked at both ends; an item range at every item.
        let mut targets = vec![(article, e.item)];
        if let Some(end) = e.article_end {
            targets.push((end, e.item));
        }
        if let (Some(first), Some(last)) = (e.item, e.item_end) {
            targets = (first..=last).map(|i| (article, Some(i))).collect();
        }
        let mut outcomes: Vec<Outcome> = targets
            .into_iter()
            .map(|(no, item)| {
                self.check_one(e, &versions, applicable, (no, e.paragraph, item), context)
            })
            .collect();
        // Report the worst; all agree in the common case of a single target.
        outcomes.sort_by_key(|o| o.verdict != Verdict::Ok);
        outcomes
            .pop()
            .unwrap_or_else(|| Outcome::plain(Verdict::NotFound, format!("“{}”无法解析", e.text)))
    }

    /// The version whose period covers the date; the oldest when the date is
    /// before all of them.
    fn applicable(&self, versions: &[&'a Statute]) -> &'a Statute {
        versions
            .iter()
            .copied()
            .find(|v| {
                v.meta.effective.as_str() <= self.as_of
                    && v.meta.superseded.as_deref().is_none_or(|s| self.as_of < s)
            })
            .unwrap_or_else(|| versions[versions.len() - 1])
    }

    fn correspondence(&mut self, short_name: &str) -> Option<&Correspondence> {
        self.correspondences.get(self.corpus, short_name)
    }

    fn check_one(
        &mut self,
        e: &Extracted,
        versions: &[&'a Statute],
        applicable: &'a Statute,
        (no, paragraph, item): (ArticleNo, Option<u32>, Option<u32>),
        context: &str,
    ) -> Outcome {
        let cited = match &e.version {
            Some(v) => match reference::pick_versions(versions, Some(v), true) {
                Ok(picked) => picked.first().copied().unwrap_or(applicable),
                Err(message) => return Outcome::plain(Verdict::NotFound, message),
            },
            None => applicable,
        };
        if let Some(article) = cited.article(no)
            && article.is_deleted()
        {
            return Outcome::plain(
                Verdict::Deleted,
                format!(
                    "{}{}已被删除（该版本中本条只有“（删去）”），不能作为依据；请核对应引用的条文",
                    display_name(cited),
                    article.label
                ),
            );
        }
        match reference::check_article(cited, no, paragraph, item) {
            Ok(found) if std::ptr::eq(cited, applicable) => {
                if e.version.is_none()
                    && let Some(outcome) = self.renumbered(applicable, &found, context)
                {
                    return outcome;
                }
                self.ok(&found)
            }
            Ok(found) => self.outdated(cited, applicable, &found),
            Err((message, _)) => {
                if cited.meta.partial && cited.article(no).is_none() {
                    return Outcome::plain(Verdict::PartialSource, message);
                }
                // Written without a version: does another version have it?
                if e.version.is_none() {
                    for other in versions
                        .iter()
                        .copied()
                        .filter(|v| !std::ptr::eq(*v, cited))
                    {
                        if let Ok(found) = reference::check_article(other, no, paragraph, item) {
                            return self.outdated(other, applicable, &found);
                        }
                    }
                }
                Outcome::plain(Verdict::NotFound, message)
            }
        }
    }

    fn ok(&self, found: &ResolvedRef) -> Outcome {
        let citation = cite::cite(self.corpus, found, CiteStyle::Full).ok();
        let excerpt = cite::quote(self.corpus, found)
            .ok()
            .map(|text| excerpt(&text));
        let mut message = OK_MESSAGE.to_string();
        if let Some(s) = self.corpus.get(&found.statute_id)
            && s.meta.partial
        {
            message = format!("引用正确（该文件为部分收录：{}）", s.meta.notice);
        }
        Outcome {
            verdict: Verdict::Ok,
            citation,
            excerpt,
            message,
            suggestion: None,
        }
    }

    /// The citation exists in `cited`, which is not the version of the date.
    fn outdated(&mut self, cited: &Statute, applicable: &Statute, found: &ResolvedRef) -> Outcome {
        let cited_name = display_name(cited);
        let applicable_name = display_name(applicable);
        let citation = cite::cite(self.corpus, found, CiteStyle::Full).ok();
        let what = cite::quote(self.corpus, found)
            .map(|t| excerpt(&t))
            .unwrap_or_default();
        let when = if cited.meta.effective.as_str() > self.as_of {
            format!("{}时尚未施行", self.as_of)
        } else {
            format!("{}时已不适用", self.as_of)
        };
        let mut message = format!(
            "只在{cited_name}中有此条（“{what}”），该版本在{when}；应适用{applicable_name}"
        );
        let counterpart = self.counterpart(applicable, found);
        match &counterpart {
            Some((c, dropped)) => {
                message.push_str(&format!("，对应条文是{c}"));
                if *dropped {
                    message.push_str(PARTS_DROPPED);
                }
            }
            None => message.push_str("，按文本比对没有找到对应条文"),
        }
        Outcome {
            verdict: Verdict::Outdated,
            citation,
            excerpt: None,
            message,
            suggestion: counterpart.map(|(c, _)| c),
        }
    }

    /// A citation with no version that exists in the applicable version, but
    /// whose number held a different rule in the version before it: the
    /// classic mistake of a letter from an old template.
    ///
    /// The number alone cannot say which rule the writer meant, so the words
    /// around the citation decide: when they share more with the old
    /// article's text than with the current one's (侮辱短信 … 第四十二条), the
    /// citation is outdated. Otherwise it stands, with a note naming the old
    /// meaning of the number.
    fn renumbered(
        &mut self,
        applicable: &Statute,
        found: &ResolvedRef,
        context: &str,
    ) -> Option<Outcome> {
        if applicable.meta.status != Status::InForce {
            return None;
        }
        let number = found.article.number;
        let table = self.correspondence(&applicable.meta.short_name)?;
        let old_id = table.old_id.clone();
        let kept_its_number = table.forward(number)?.link.new == [number];
        let old = self.corpus.get(&old_id)?;
        if kept_its_number {
            return None; // the same rule kept its number
        }
        let old_ref = ResolvedRef {
            statute_id: old_id,
            article: found.article,
            paragraph: found.paragraph,
            item: found.item,
        };
        // The old text must have what was cited for the old reading to be possible.
        cite::lookup(self.corpus, &old_ref).ok()?;
        let current_text = cite::quote(self.corpus, found).ok()?;
        let old_text = cite::quote(self.corpus, &old_ref).ok()?;
        let (current_what, old_what) = (excerpt(&current_text), excerpt(&old_text));
        let label = numerals::article_label(number, found.article.suffix);
        let moved = self.counterpart(applicable, &old_ref);
        let old_reading = format!("{}{label}规定的是“{old_what}”", display_name(old));
        let replacement = match &moved {
            Some((c, false)) => format!("现行对应条文是{c}"),
            Some((c, true)) => format!("现行对应条文是{c}{PARTS_DROPPED}"),
            None => "现行文本中没有对应条文".to_string(),
        };
        let counterparts = moved.map(|(c, _)| c);
        let citation = cite::cite(self.corpus, found, CiteStyle::Full).ok();

        let (old_overlap, current_overlap) = (
            shared_bigrams(context, &old_text),
            shared_bigrams(context, &current_text),
        );
        if old_overlap >= MIN_CONTEXT_OVERLAP && old_overlap > current_overlap {
            let mut message = format!(
                "上下文说的是旧版第{number}条的内容：现行{}{label}规定的是“{current_what}”；{old_reading}，{replacement}",
                display_name(applicable)
            );
            if let Some(c) = &counterparts {
                message.push_str(&format!("。请改为{c}"));
            }
            return Some(Outcome {
                verdict: Verdict::Outdated,
                citation,
                excerpt: Some(current_what),
                message,
                suggestion: counterparts,
            });
        }
        Some(Outcome {
            verdict: Verdict::Ok,
            citation,
            excerpt: Some(current_what),
            message: format!(
                "引用正确。注意：{old_reading}，{replacement}；如果引用的是2026年以前的编号，请改用现行编号"
            ),
            suggestion: None,
        })
    }

    /// The citation, in `to`, of what corresponds to `found` (in another
    /// version), with its paragraph and item when the counterpart keeps them;
    /// `true` beside it when `found` named a paragraph or item that could not
    /// be carried across.
    fn counterpart(&mut self, to: &Statute, found: &ResolvedRef) -> Option<(String, bool)> {
        let moved = renumber::counterpart(self.corpus, &mut self.correspondences, found, to)?;
        if moved.refs.is_empty() {
            return None;
        }
        let citation = cite::merge(self.corpus, &moved.refs, CiteStyle::Full).ok()?;
        Some((citation, moved.parts_dropped))
    }
}

/// Said when a cited paragraph or item has no clear match in the counterpart.
const PARTS_DROPPED: &str = "（原引用的款、项在对应条文中找不到明确对应，请核对后补上）";

/// The sentence a citation stands in (up to 。！？ or a line break on either
/// side), without the citation itself: the words that say what it is cited for.
fn sentence_around(draft: &str, sentence_ends: &[usize], e: &Extracted) -> String {
    // The sentence ends before and after the citation, by binary search.
    let before = sentence_ends.partition_point(|&i| i < e.bytes.start);
    let start = before
        .checked_sub(1)
        .map_or(0, |i| next_boundary(draft, sentence_ends[i]));
    let after = sentence_ends.partition_point(|&i| i < e.bytes.end);
    let end = sentence_ends.get(after).copied().unwrap_or(draft.len());
    // The words that decide a renumbered citation are near it: a sentence
    // of a hundred thousand citations is read only around this one.
    let start = floor_boundary(
        draft,
        start.max(e.bytes.start.saturating_sub(CONTEXT_BYTES)),
    );
    let end = floor_boundary(draft, end.min(e.bytes.end + CONTEXT_BYTES));
    format!(
        "{}{}",
        &draft[start..e.bytes.start],
        &draft[e.bytes.end..end.max(e.bytes.end)]
    )
}

/// Bytes of context read on each side of a citation.
const CONTEXT_BYTES: usize = 600;

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// The byte after the character at `i`.
fn next_boundary(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// `i`, or the start of the character it falls inside.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many distinct bigrams of CJK characters `a` and `b` share. Citations
/// (《…》第…条) in the context share only numerals and 法 with a statute's
/// text, which this ignores by looking at CJK letters only.
fn shared_bigrams(a: &str, b: &str) -> usize {
    let grams = |text: &str| -> std::collections::HashSet<(char, char)> {
        let chars: Vec<char> = text
            .chars()
            .filter(|&c| reference::is_cjk(c) && !numerals::is_numeral_char(c))
            .collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    grams(a).intersection(&grams(b)).count()
}

/// The first words of a provision, for a finding.
fn excerpt(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let count = first_line.chars().count();
    if count <= EXCERPT_CHARS && !text.contains('\n') {
        first_line.to_string()
    } else {
        let head: String = first_line.chars().take(EXCERPT_CHARS).collect();
        format!("{head}…")
    }
}

/// The human-readable report: one block per citation, then a summary line.
pub fn render_text(report: &Report, source: &str) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let mark = if f.verdict == Verdict::Ok {
            '✓'
        } else {
            '✗'
        };
        out.push_str(&format!(
            "{}:{}:{}: {mark} {} {}\n",
            escape_controls(source),
            f.line,
            f.column,
            f.verdict.label(),
            escape_controls(&f.text)
        ));
        if let Some(c) = &f.citation {
            match &f.excerpt {
                Some(x) if f.verdict == Verdict::Ok => out.push_str(&format!("    {c}：{x}\n")),
                _ => out.push_str(&format!("    {c}\n")),
            }
        }
        // An ok finding's plain "引用正确" adds nothing; a note on it does.
        if f.verdict != Verdict::Ok || f.citation.is_none() || f.message != OK_MESSAGE {
            out.push_str(&format!("    {}\n", escape_controls(&f.message)));
        }
        if let Some(s) = &f.suggestion {
            out.push_str(&format!("    建议改为：{s}\n"));
        }
    }
    let counts: Vec<String> = report
        .counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{}{n}处", v.label()))
        .collect();
    if report.findings.is_empty() {
        out.push_str("没有找到条文引用。\n");
    } else {
        out.push_str(&format!(
            "共{}处引用（按{}施行的法律核对）：{}\n",
            report.findings.len(),
            report.as_of,
            counts.join("，")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::builtin().expect("built-in corpus parses")
    }

    #[test]
    fn every_unreadable_number_is_reported() {
        const CASES: &[&str] = &[
            "《民法典》第〇条",
            "《民法典》第0条",
            "《民法典》第4294967296条",
            "《民法典》第99999999999条",
            "《民法典》第1032条第0款",
            "《民法典》第1032条之0",
            "《治安管理处罚法》第五十条第一款第〇项",
            "《民法典》第一千零三十二条第1项至第4000000000项",
            "《民法典》第一千零三十二条第5项至第1项",
            "《民法典》第1032条、第0条",
            "《民法典》第1032至0条",
        ];
        let corpus = corpus();
        for text in CASES {
            let report = verify(text, &corpus, "2026-11-28");
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.verdict == Verdict::Unreadable),
                "{text}: {:?}",
                report.findings
            );
            assert!(!report.all_ok(), "{text} must not pass");
            let rendered = render_text(&report, "-");
            assert!(rendered.contains("无法识别的条文编号"), "{rendered}");
        }
    }

    #[test]
    fn positions_stay_right_and_fast_on_one_long_line() {
        let corpus = corpus();
        let mut draft = String::from("前言。\n依据");
        for _ in 0..20_000 {
            draft.push_str("《民法典》第1032条、");
        }
        draft.push_str("《民法典》第1033条。");
        let started = std::time::Instant::now();
        let report = verify(&draft, &corpus, "2026-11-28");
        assert_eq!(report.findings.len(), 20_001);
        let last = report.findings.last().expect("findings");
        assert_eq!((last.line, last.column), (2, 3 + 20_000 * 12));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "20,000 citations on one line took {:?}",
            started.elapsed()
        );
    }

    /// (citation text in a letter, date, expected verdict, words the message or suggestion must contain)
    const CASES: &[(&str, &str, Verdict, &str)] = &[
        ("依据《民法典》第1032条", "2026-11-28", Verdict::Ok, ""),
        (
            "依据《中华人民共和国民法典》第一千零三十四条",
            "2026-11-28",
            Verdict::Ok,
            "",
        ),
        (
            "违反《民法典》第1300条",
            "2026-11-28",
            Verdict::NotFound,
            "1260",
        ),
        (
            "违反《治安管理处罚法》第五十条第一款第五项",
            "2026-11-28",
            Verdict::Ok,
            "",
        ),
        (
            "违反《治安管理处罚法》第四十二条",
            "2026-11-28",
            Verdict::Ok,
            "第五十条",
        ),
        (
            "对方多次发送侮辱、恐吓信息，违反《治安管理处罚法》第四十二条",
            "2026-11-28",
            Verdict::Outdated,
            "第五十条",
        ),
        (
            "擅自进入铁路防护网，违反《治安管理处罚法》第四十二条",
            "2026-11-28",
            Verdict::Ok,
            "",
        ),
        (
            "违反《治安管理处罚法》第四十二条",
            "2025-06-01",
            Verdict::Ok,
            "",
        ),
        (
            "违反《治安管理处罚法》（2012年修正）第四十二条",
            "2026-11-28",
            Verdict::Outdated,
            "第五十条",
        ),
        (
            "违反《治安管理处罚法》（2012年修正）第四十二条",
            "2025-06-01",
            Verdict::Ok,
            "",
        ),
        (
            "违反《治安管理处罚法》第一百四十四条",
            "2025-06-01",
            Verdict::Outdated,
            "尚未施行",
        ),
        (
            "违反《治安管理处罚法》第九条",
            "2026-11-28",
            Verdict::Ok,
            "",
        ),
        (
            "违反《互联网金融逾期债务催收自律公约（试行）》第十三条",
            "2026-11-28",
            Verdict::Ok,
            "部分",
        ),
        (
            "违反《催收公约》第十六条",
            "2026-11-28",
            Verdict::PartialSource,
            "第十三条",
        ),
        (
            "依据《中华人民共和国刑事诉讼法》第十条",
            "2026-11-28",
            Verdict::UnknownStatute,
            "刑事诉讼法",
        ),
    ];

    #[test]
    fn verdicts_on_letter_sentences() {
        let corpus = corpus();
        for &(text, date, verdict, words) in CASES {
            let report = verify(text, &corpus, date);
            assert_eq!(
                report.findings.len(),
                1,
                "{text}: one citation expected, got {:#?}",
                report.findings
            );
            let f = &report.findings[0];
            assert_eq!(f.verdict, verdict, "{text} as of {date}: {f:#?}");
            let said = format!("{} {}", f.message, f.suggestion.clone().unwrap_or_default());
            assert!(
                said.contains(words),
                "{text} as of {date}: message should mention {words:?}: {said}"
            );
        }
    }

    #[test]
    fn outdated_psapl_citation_names_both_rules_and_the_current_article() {
        let corpus = corpus();
        let report = verify(
            "对方多次发送侮辱、恐吓信息，干扰我的正常生活，违反了《治安管理处罚法》第四十二条。",
            &corpus,
            "2026-11-28",
        );
        let f = &report.findings[0];
        assert_eq!(
            f.suggestion.as_deref(),
            Some("《中华人民共和国治安管理处罚法》第五十条")
        );
        assert!(
            f.message.contains("2012年修正"),
            "should name the old version: {}",
            f.message
        );
        // What the two versions' articles 42 say is quoted from the corpus, not typed here.
        let psapl_2025 = corpus.get("治安管理处罚法@2025").unwrap();
        let current_42 = psapl_2025
            .article(ArticleNo {
                number: 42,
                suffix: 0,
            })
            .unwrap();
        let head: String = current_42.paragraphs[0].text.chars().take(10).collect();
        assert!(
            f.message.contains(&head),
            "should quote the current art. 42: {}",
            f.message
        );
    }

    #[test]
    fn a_letter_mixing_every_case() {
        let corpus = corpus();
        let letter = "尊敬的派出所：\n\
            催收人员多次给我的亲友打电话，泄露我的欠款信息，侵犯了我的隐私权和个人信息，\
            违反《民法典》第1032条、第1034条和第1300条的规定；\n\
            其行为也违反《治安管理处罚法》第四十二条第五项，以及《催收公约》第十三条、第十九条。\n\
            另依据《刑事诉讼法》第十条。\n";
        let report = verify(letter, &corpus, "2026-11-28");
        let verdicts: Vec<(usize, Verdict)> = report
            .findings
            .iter()
            .map(|f| (f.line, f.verdict))
            .collect();
        assert_eq!(
            verdicts,
            vec![
                (2, Verdict::Ok),
                (2, Verdict::Ok),
                (2, Verdict::NotFound),
                (3, Verdict::Outdated),
                (3, Verdict::Ok),
                (3, Verdict::PartialSource),
                (4, Verdict::UnknownStatute),
            ],
            "{report:#?}"
        );
        assert!(!report.all_ok());
        // Columns count characters, not bytes.
        let first = &report.findings[0];
        assert_eq!(
            letter.lines().nth(1).unwrap().chars().nth(first.column - 1),
            Some('《')
        );
        let text = render_text(&report, "letter.txt");
        assert!(text.contains("letter.txt:3:"), "{text}");
        assert!(text.contains("共7处引用"), "{text}");
    }

    /// Short letters in both numeral styles: (letter, date, verdicts in order).
    const LETTERS: &[(&str, &str, &[Verdict])] = &[
        (
            "投诉信：该公司委托的催收人员向我的同事和父母透露我的借款情况，\
             违反了《中华人民共和国民法典》第一千零三十二条、第一千零三十四条第二款\
             和《互联网金融逾期债务催收自律公约（试行）》第十三条。",
            "2026-11-28",
            &[Verdict::Ok, Verdict::Ok, Verdict::Ok],
        ),
        (
            "报警材料：对方每天发送侮辱短信，依据《治安管理处罚法》第42条第5项，应予处罚；\
             同时违反《民法典》第1033条第1项。",
            "2026-11-28",
            &[Verdict::Outdated, Verdict::Ok],
        ),
        (
            "报警材料：对方每天发送侮辱短信，依据《治安管理处罚法》第四十二条第（五）项，应予处罚。",
            "2024-03-01",
            &[Verdict::Ok],
        ),
        (
            "起诉状：依照《民法典》第一千三百零五条及《治安管理处罚法》第五十条第三款，\
             以及《催收公约》第二十六条，请求判令被告停止侵害。",
            "2026-11-28",
            &[Verdict::NotFound, Verdict::NotFound, Verdict::PartialSource],
        ),
        (
            "依据《中华人民共和国治安管理处罚法》第五十六条，出售个人信息的应予拘留；\
             《治安管理处罚法》（2012年修正）第一百一十九条。",
            "2026-11-28",
            &[Verdict::Ok, Verdict::Outdated],
        ),
    ];

    #[test]
    fn short_letters_in_both_numeral_styles() {
        let corpus = corpus();
        for (letter, date, expected) in LETTERS {
            let report = verify(letter, &corpus, date);
            let got: Vec<Verdict> = report.findings.iter().map(|f| f.verdict).collect();
            assert_eq!(
                &got, expected,
                "letter as of {date}:\n{letter}\n{report:#?}"
            );
        }
    }

    #[test]
    fn no_citations_is_ok_and_says_so() {
        let report = verify("没有任何引用的一段话。", &corpus(), "2026-11-28");
        assert!(report.all_ok());
        assert!(render_text(&report, "-").contains("没有找到条文引用"));
    }
}
