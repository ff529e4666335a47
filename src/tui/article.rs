//! The article pane's content: breadcrumb, citation, status badge and notice,
//! then the paragraphs (款) and items (项) laid out, with matches highlighted.
//!
//! Laid out as plain lines for a given width, so the app can clamp scrolling
//! and jump to a paragraph with the same layout that is drawn.

use std::ops::Range;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::app::{App, ArticleAt, VersionCounterpart, View, short_label};
use super::wrap::wrap;
use crate::corpus::numerals::to_chinese;
use crate::corpus::{Corpus, Status, Statute};
use crate::reference::{CrossRef, ResolvedRef, cross_references, statute_names};

/// Style of highlighted query matches, here and in the results list.
pub const MATCH: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
const DIM: Style = Style::new().fg(Color::DarkGray);
const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const NOTICE: Style = Style::new().fg(Color::Yellow);
const COUNTERPART: Style = Style::new().fg(Color::Cyan);
/// The warning that a number typed without a version meant another rule.
const RENUMBERED: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// A cross-reference that can be followed, and the one Enter follows.
const REFERENCE: Style = Style::new().add_modifier(Modifier::UNDERLINED);
const SELECTED_REFERENCE: Style = Style::new()
    .add_modifier(Modifier::UNDERLINED)
    .add_modifier(Modifier::REVERSED);
/// Background of the paragraph or item a reference names.
const CITED: Style = Style::new().bg(Color::Indexed(236));

/// The article pane's lines at one width.
pub struct ArticleLayout {
    pub lines: Vec<Line<'static>>,
    /// Index in `lines` where each paragraph starts.
    pub paragraph_starts: Vec<usize>,
}

/// The badge of a statute version: 现行有效, 已被修订 or 部分收录, and its colours.
pub fn badge(statute: &Statute) -> (&'static str, Style) {
    if statute.meta.partial {
        ("部分收录", Style::new().fg(Color::Black).bg(Color::Yellow))
    } else if statute.meta.status.is_superseded() {
        (
            statute.meta.status.label(),
            Style::new().fg(Color::White).bg(Color::Red),
        )
    } else {
        (
            Status::InForce.label(),
            Style::new().fg(Color::Black).bg(Color::Green),
        )
    }
}

/// Splits `text` into runs, marking every occurrence of any of `terms`.
pub fn highlight<'a>(text: &'a str, terms: &[String], base: Style) -> Vec<(&'a str, Style)> {
    styled_runs(text, terms, &[], base)
}

/// Splits `text` into runs of one style: `base`, patched with [`MATCH`] where
/// any of `terms` occurs, then with each mark's style over its character range.
fn styled_runs<'a>(
    text: &'a str,
    terms: &[String],
    marks: &[(Range<usize>, Style)],
    base: Style,
) -> Vec<(&'a str, Style)> {
    let mut matched = vec![false; text.len()];
    for term in terms.iter().filter(|t| !t.is_empty()) {
        for (start, found) in text.match_indices(term.as_str()) {
            matched[start..start + found.len()].fill(true);
        }
    }
    let styles: Vec<(usize, Style)> = text
        .char_indices()
        .enumerate()
        .map(|(char_index, (byte, _))| {
            let mut style = if matched[byte] {
                base.patch(MATCH)
            } else {
                base
            };
            for (range, mark) in marks {
                if range.contains(&char_index) {
                    style = style.patch(*mark);
                }
            }
            (byte, style)
        })
        .collect();
    let mut runs = Vec::new();
    let mut start = 0;
    for window in styles.windows(2) {
        let ((_, a), (next_byte, b)) = (window[0], window[1]);
        if a != b {
            runs.push((&text[start..next_byte], a));
            start = next_byte;
        }
    }
    if let Some(&(_, last)) = styles.last() {
        runs.push((&text[start..], last));
    }
    runs
}

/// The cross-references of a view's article that lead somewhere in the corpus
/// (本法第五十一条, 前款): those the article pane can follow.
pub fn followable_references(corpus: &Corpus, view: View) -> Vec<CrossRef> {
    let statute = &corpus.statutes[view.at.statute];
    let article = &statute.articles[view.at.article];
    cross_references(&statute_names(corpus), statute, article)
        .into_iter()
        .filter(|r| !r.targets.is_empty())
        .collect()
}

/// Marks for the cross-references inside one paragraph's (or item's) text:
/// underlined, and reversed for the selected one.
fn reference_marks(
    references: &[CrossRef],
    selected: Option<usize>,
    paragraph_index: usize,
    item_index: Option<usize>,
) -> Vec<(Range<usize>, Style)> {
    references
        .iter()
        .enumerate()
        .filter(|(_, r)| r.paragraph_index == paragraph_index && r.item_index == item_index)
        .map(|(i, r)| {
            let style = if Some(i) == selected {
                SELECTED_REFERENCE
            } else {
                REFERENCE
            };
            (r.chars.clone(), style)
        })
        .collect()
}

/// Lays out the article of `view` for a pane `width` columns wide.
pub fn layout(app: &App, view: View, width: usize) -> ArticleLayout {
    let corpus = app.corpus();
    let statute = &corpus.statutes[view.at.statute];
    let article = &statute.articles[view.at.article];
    let terms = app.highlight_terms();
    let references = followable_references(corpus, view);
    let selected_reference = app.selected_reference();
    let mut lines: Vec<Line<'static>> = Vec::new();

    // A superseded version names itself from the first word on.
    let name = if statute.meta.status.is_superseded() {
        format!("{}（{}）", statute.meta.short_name, statute.meta.version)
    } else {
        statute.meta.short_name.clone()
    };
    let mut crumbs = vec![name.as_str()];
    crumbs.extend(statute.path_titles(article));
    lines.extend(wrap(&[(&crumbs.join(" › "), DIM)], width, 0, 2));
    lines.extend(wrap(&[(&app.citation(view), BOLD)], width, 0, 0));

    let (badge_text, badge_style) = badge(statute);
    // What kind of document it is: a 司法解释 or a convention is not a law.
    let mut status = format!(" {}", statute.meta.kind.label());
    if statute.meta.single_source {
        status.push_str(" · 单一来源");
    }
    if !statute.meta.effective.is_empty() {
        status.push_str(&format!(" · {}施行", statute.meta.effective));
    }
    if let Some(until) = &statute.meta.superseded {
        status.push_str(&format!("，{until}起被新版本取代"));
    }
    lines.extend(wrap(
        &[(badge_text, badge_style), (&status, DIM)],
        width,
        0,
        0,
    ));
    if !statute.meta.notice.is_empty() {
        lines.extend(wrap(&[(&statute.meta.notice, NOTICE)], width, 0, 0));
    }
    if article.is_deleted() {
        lines.extend(wrap(
            &[(
                "本条已删除：条号保留，条文内容为“（删去）”，不能作为依据",
                NOTICE,
            )],
            width,
            0,
            0,
        ));
    }
    if let Some(counterpart) = app.counterpart(view) {
        let text = counterpart_text(corpus, statute, &counterpart);
        lines.extend(wrap(&[(&text, COUNTERPART)], width, 0, 2));
    }
    // The lay phrases that found this article, apart from its text.
    if let Some(hit) = app.selected_hit()
        && !hit.lay_phrases.is_empty()
        && hit.statute_id == statute.id()
        && hit.article == article.no.number
        && hit.article_suffix == article.no.suffix
    {
        let note = crate::search::lay_phrases_note(&hit.lay_phrases);
        lines.extend(wrap(&[(&note, DIM)], width, 0, 2));
    }
    // The number was typed without a version and meant another rule before.
    if let Some(hit) = app.selected_hit()
        && let Some(notice) = &hit.renumbered
        && hit.statute_id == statute.id()
        && hit.article == article.no.number
        && hit.article_suffix == article.no.suffix
    {
        lines.extend(wrap(&[(notice, RENUMBERED)], width, 0, 2));
    }
    lines.push(Line::default());

    // A reference to a paragraph or item gets a gutter marking what it names.
    let gutter = if view.paragraph.is_some() || view.item.is_some() {
        2
    } else {
        0
    };
    let text_width = width.saturating_sub(gutter);
    let mut paragraph_starts = Vec::new();
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        let number = index as u32 + 1;
        paragraph_starts.push(lines.len());
        let paragraph_named = view.paragraph.is_none_or(|p| p == number);
        let whole_paragraph = paragraph_named && view.paragraph.is_some() && view.item.is_none();
        let mut runs: Vec<(&str, Style)> = Vec::new();
        if index == 0 {
            runs.push((article.label.as_str(), BOLD));
            // 第十条 text, but 一、text for a point of a 批复.
            if !article.label.ends_with('、') {
                runs.push((" ", Style::default()));
            }
        }
        let marks = reference_marks(&references, selected_reference, index, None);
        runs.extend(styled_runs(
            &paragraph.text,
            terms,
            &marks,
            Style::default(),
        ));
        let indent = if index == 0 { 0 } else { 2 };
        push_with_gutter(
            &mut lines,
            wrap(&runs, text_width, indent, 0),
            gutter,
            whole_paragraph,
        );
        for (item_index, item) in paragraph.items.iter().enumerate() {
            let item_named = paragraph_named && view.item == Some(item.number);
            let mut runs = vec![(item.marker.as_str(), Style::default())];
            let marks = reference_marks(&references, selected_reference, index, Some(item_index));
            runs.extend(styled_runs(&item.text, terms, &marks, Style::default()));
            push_with_gutter(
                &mut lines,
                wrap(&runs, text_width, 2, 2),
                gutter,
                whole_paragraph || item_named,
            );
        }
    }
    // Documents the statute names to read beside it (the 批复 that limits
    // the 民间借贷规定's scope), quoted verbatim.
    for (other, unit) in corpus.see_also(statute) {
        lines.push(Line::default());
        let heading = format!(
            "参见{}（{}）：",
            crate::cite::full_article(&other.meta, &unit.cited_label()),
            other.meta.kind.label()
        );
        lines.extend(wrap(&[(&heading, DIM)], width, 0, 0));
        let text = format!("{}{}", unit.label_with_separator(), unit.text());
        lines.extend(wrap(&[(&text, Style::default())], width, 0, 0));
    }
    if !references.is_empty() {
        lines.push(Line::default());
        lines.extend(wrap(
            &[("本条引用（r 选择，Enter 跟随）：", DIM)],
            width,
            0,
            0,
        ));
        for (i, reference) in references.iter().enumerate() {
            let targets: Vec<String> = reference
                .targets
                .iter()
                .filter_map(|t| target_label(corpus, t))
                .collect();
            let text = format!("{} → {}", reference.text, targets.join("、"));
            let style = if Some(i) == selected_reference {
                SELECTED_REFERENCE
            } else {
                Style::default()
            };
            lines.extend(wrap(&[(&text, style)], width, 2, 4));
        }
    }
    ArticleLayout {
        lines,
        paragraph_starts,
    }
}

/// 对应2025年版第五十条（文本相似度 0.82；按条文比对计算，非官方对照；o 跳转）.
fn counterpart_text(
    corpus: &Corpus,
    statute: &Statute,
    counterpart: &VersionCounterpart,
) -> String {
    let other = &corpus.statutes[counterpart.statute].meta;
    let side = if other.status == Status::InForce {
        format!("现行{}年版", other.version)
    } else {
        format!("{}年版", other.version)
    };
    if counterpart.articles.is_empty() {
        let change = if !statute.meta.status.is_superseded() {
            "本条为新增条文"
        } else {
            "本条在修订后没有对应条文"
        };
        return format!("{change}，{side}无对应（按条文比对计算，非官方对照）");
    }
    let labels: Vec<&str> = counterpart
        .articles
        .iter()
        .map(|at| {
            corpus.statutes[at.statute].articles[at.article]
                .label
                .as_str()
        })
        .collect();
    format!(
        "对应{side}{}（文本相似度 {:.2}；按条文比对计算，非官方对照；o 跳转）",
        labels.join("、"),
        counterpart.similarity
    )
}

/// 民法典 第1032条第二款第五项: where a cross-reference leads.
fn target_label(corpus: &Corpus, target: &ResolvedRef) -> Option<String> {
    let mut label = short_label(corpus, ArticleAt::of(corpus, target)?);
    if let Some(p) = target.paragraph {
        label.push_str(&format!("第{}款", to_chinese(p)));
    }
    if let Some(i) = target.item {
        label.push_str(&format!("第{}项", to_chinese(i)));
    }
    Some(label)
}

/// Appends `wrapped`, prefixed with a gutter of `gutter` columns that is
/// marked when the lines are the part a reference named.
fn push_with_gutter(
    lines: &mut Vec<Line<'static>>,
    wrapped: Vec<Line<'static>>,
    gutter: usize,
    named: bool,
) {
    for line in wrapped {
        if gutter == 0 {
            lines.push(line);
            continue;
        }
        let mut spans = vec![if named {
            Span::styled("▌ ", Style::new().fg(Color::Cyan))
        } else {
            Span::raw("  ")
        }];
        spans.extend(line.spans);
        let mut line = Line::from(spans);
        if named {
            line = line.style(CITED);
        }
        lines.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_every_occurrence_of_every_term() {
        let terms = vec!["样例".to_string(), "测试".to_string()];
        let runs = highlight("甲样例乙测试样例", &terms, Style::default());
        let marked: Vec<&str> = runs
            .iter()
            .filter(|(_, s)| *s == MATCH)
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(
            marked,
            ["样例", "测试样例"],
            "adjacent matches merge into one run"
        );
        let joined: String = runs.iter().map(|(t, _)| *t).collect();
        assert_eq!(joined, "甲样例乙测试样例", "no text lost or duplicated");
    }

    #[test]
    fn highlight_without_terms_is_one_plain_run() {
        let runs = highlight("甲乙", &[], Style::default());
        assert_eq!(runs, [("甲乙", Style::default())]);
        assert!(
            highlight("", &[], Style::default()).is_empty(),
            "empty text, no runs"
        );
    }
}
