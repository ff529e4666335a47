//! Display-width text layout for the terminal: wrapping and truncating styled
//! text measured in terminal columns, so Chinese (two columns a character)
//! never overflows a pane and is never cut in half.
//!
//! ratatui's own `Wrap` breaks at spaces, which Chinese does not have, and
//! cannot tell us how many lines it produced; the article pane needs that
//! count to clamp its scrolling, so the panes lay out their text here.
//! Line breaks follow the basic Chinese rule (禁则): closing punctuation does
//! not start a line and opening brackets do not end one; runs of digits and
//! Latin letters stay together when they fit.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Columns one character takes; control characters take none (they are dropped when drawn).
pub fn char_width(c: char) -> usize {
    if c == '\t' {
        return 1;
    }
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Characters that may not begin a line.
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』〕】〉…—”’,.;:!?)]%".contains(c)
}

/// Characters that may not end a line.
fn no_line_end(c: char) -> bool {
    "（《「『〔【〈“‘([".contains(c)
}

/// Characters that stay together with their neighbours: digits, Latin letters.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '@')
}

/// One laid-out character.
#[derive(Clone)]
struct Cell {
    ch: char,
    width: usize,
    style: Style,
}

/// Wraps styled segments into lines of at most `width` columns.
///
/// `indent_first` blank columns start the first line, `indent_rest` the
/// others (both are dropped when the pane is too narrow for them). A `\n` in
/// the text starts a new line. Control characters are dropped.
pub fn wrap(
    segments: &[(&str, Style)],
    width: usize,
    indent_first: usize,
    indent_rest: usize,
) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    // Indents may take at most half the width: text must still have room.
    let indent_first = if indent_first * 2 <= width {
        indent_first
    } else {
        0
    };
    let indent_rest = if indent_rest * 2 <= width {
        indent_rest
    } else {
        0
    };
    let mut lines: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut line: Vec<Cell> = Vec::new();
    let mut used = 0usize;
    let mut indent = indent_first;

    for &(text, style) in segments {
        for ch in text.chars() {
            if ch == '\n' {
                lines.push((indent, std::mem::take(&mut line)));
                used = 0;
                indent = indent_rest;
                continue;
            }
            let ch = if ch == '\t' { ' ' } else { ch };
            if ch.is_control() {
                continue;
            }
            let w = char_width(ch);
            let capacity = width - indent;
            if used + w > capacity {
                let split = split_point(&line, ch, width - indent_rest, w);
                let carry = line.split_off(split);
                lines.push((indent, std::mem::take(&mut line)));
                indent = indent_rest;
                used = carry.iter().map(|c| c.width).sum();
                line = carry;
                // A space that caused the break is not carried to the next line.
                if ch == ' ' {
                    continue;
                }
                // A character wider than a whole line cannot be shown at all.
                if w > width - indent {
                    continue;
                }
            }
            line.push(Cell {
                ch,
                width: w,
                style,
            });
            used += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push((indent, line));
    }
    lines
        .into_iter()
        .map(|(indent, cells)| to_line(indent, &cells))
        .collect()
}

/// Where to break `line` when `next` does not fit: the number of cells that
/// stay on this line. The rest is carried to the next line, which holds
/// `next_capacity` columns.
fn split_point(line: &[Cell], next: char, next_capacity: usize, next_width: usize) -> usize {
    let n = line.len();
    let mut split = n;
    if is_word_char(next) {
        let mut s = n;
        while s > 0 && is_word_char(line[s - 1].ch) {
            s -= 1;
        }
        if s > 0 {
            split = s;
        }
    } else if no_line_start(next) && n >= 2 {
        split = n - 1;
    }
    while split > 1 && no_line_end(line[split - 1].ch) {
        split -= 1;
    }
    // Zero-width marks stay with the character they follow.
    while split > 0 && split < n && line[split].width == 0 {
        split -= 1;
    }
    if split == 0 {
        return n;
    }
    let carried: usize = line[split..].iter().map(|c| c.width).sum();
    if carried + next_width > next_capacity {
        return n;
    }
    split
}

/// Builds a ratatui line from cells, merging runs of one style into one span.
fn to_line(indent: usize, cells: &[Cell]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    if indent > 0 {
        spans.push(Span::raw(" ".repeat(indent)));
    }
    let mut run = String::new();
    let mut run_style = Style::default();
    for cell in cells {
        if cell.style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = cell.style;
        run.push(cell.ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}

/// Cuts styled segments to at most `width` columns, ending with … when cut.
pub fn truncate(segments: &[(&str, Style)], width: usize) -> Line<'static> {
    let total: usize = segments.iter().map(|(t, _)| width_of_visible(t)).sum();
    let mut cells = Vec::new();
    if total <= width {
        for &(text, style) in segments {
            push_cells(&mut cells, text, style, usize::MAX);
        }
        return to_line(0, &cells);
    }
    if width == 0 {
        return Line::default();
    }
    let mut room = width - 1;
    let mut last_style = Style::default();
    for &(text, style) in segments {
        room -= push_cells(&mut cells, text, style, room);
        last_style = style;
        if room == 0 {
            break;
        }
    }
    if let Some(cell) = cells.last() {
        last_style = cell.style;
    }
    cells.push(Cell {
        ch: '…',
        width: 1,
        style: last_style,
    });
    to_line(0, &cells)
}

/// Pushes the visible characters of `text` that fit in `room` columns; returns the columns used.
fn push_cells(cells: &mut Vec<Cell>, text: &str, style: Style, room: usize) -> usize {
    let mut used = 0;
    for ch in text.chars() {
        let ch = if ch == '\t' || ch == '\n' { ' ' } else { ch };
        if ch.is_control() {
            continue;
        }
        let w = char_width(ch);
        if used + w > room {
            break;
        }
        used += w;
        cells.push(Cell {
            ch,
            width: w,
            style,
        });
    }
    used
}

fn width_of_visible(text: &str) -> usize {
    text.chars()
        .map(|c| if c == '\n' { 1 } else { char_width(c) })
        .sum()
}

/// Keeps the end of `text` within `width` columns, starting with … when cut:
/// for heading paths, whose innermost heading says the most.
pub fn truncate_start(text: &str, width: usize) -> String {
    if UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the leading …
    for ch in text.chars().rev() {
        let w = char_width(ch);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(ch);
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn every_wrapped_line_fits_its_width() {
        const CASES: &[(&str, usize)] = &[
            ("测试条文甲乙丙丁戊己庚辛壬癸，样例内容。", 7),
            ("测试条文甲乙丙丁戊己庚辛壬癸，样例内容。", 8),
            ("mixed 测试 text 2026年1月1日 起施行样例", 9),
            ("一", 1),
            ("（一）测试项目，样例文字；", 5),
        ];
        for &(text, width) in CASES {
            let lines = wrap(&[(text, Style::default())], width, 0, 0);
            for line in plain(&lines) {
                assert!(
                    width_of_visible(&line) <= width,
                    "line {line:?} of {text:?} is wider than {width} columns"
                );
            }
            let joined: String = plain(&lines).concat();
            let expected: String = text.chars().filter(|c| *c != ' ').collect();
            let got: String = joined.chars().filter(|c| *c != ' ').collect();
            if width >= 2 {
                assert_eq!(
                    got, expected,
                    "wrapping {text:?} at {width} lost characters"
                );
            }
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // 甲乙丙 fills 6 columns; the comma would start line 2 without the rule.
        let lines = plain(&wrap(&[("甲乙丙，丁戊", Style::default())], 6, 0, 0));
        assert_eq!(
            lines,
            ["甲乙", "丙，丁", "戊"],
            "the comma must travel with 丙"
        );
    }

    #[test]
    fn opening_bracket_never_ends_a_line() {
        let lines = plain(&wrap(&[("甲乙（丙）", Style::default())], 6, 0, 0));
        assert_eq!(lines, ["甲乙", "（丙）"], "（ must move down with 丙");
    }

    #[test]
    fn digits_stay_together_when_they_fit() {
        let lines = plain(&wrap(&[("甲乙2026年", Style::default())], 6, 0, 0));
        assert_eq!(lines, ["甲乙", "2026年"], "2026 must not be split");
    }

    #[test]
    fn indents_apply_to_first_and_following_lines() {
        let lines = plain(&wrap(&[("甲乙丙丁戊己", Style::default())], 8, 2, 4));
        assert_eq!(
            lines,
            ["  甲乙丙", "    丁戊", "    己"],
            "indents of 2 then 4"
        );
    }

    #[test]
    fn newline_starts_a_new_line_and_control_characters_are_dropped() {
        let lines = plain(&wrap(&[("甲\u{7}乙\n丙", Style::default())], 20, 0, 0));
        assert_eq!(lines, ["甲乙", "丙"], "bell dropped, newline honoured");
    }

    #[test]
    fn styles_survive_wrapping() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(&[("甲乙", Style::default()), ("丙丁", bold)], 4, 0, 0);
        assert_eq!(lines.len(), 2, "two lines of two characters");
        assert_eq!(lines[1].spans[0].style, bold, "丙丁 keeps its bold style");
    }

    #[test]
    fn truncation_ends_with_an_ellipsis_and_never_cuts_a_character() {
        const CASES: &[(&str, usize, &str)] = &[
            ("甲乙丙丁", 8, "甲乙丙丁"),
            ("甲乙丙丁", 7, "甲乙丙…"),
            ("甲乙丙丁", 6, "甲乙…"),
            ("abc甲", 4, "abc…"),
            ("甲", 0, ""),
        ];
        for &(text, width, expected) in CASES {
            let line = truncate(&[(text, Style::default())], width);
            assert_eq!(line.to_string(), expected, "truncate({text:?}, {width})");
        }
    }

    #[test]
    fn truncate_start_keeps_the_tail() {
        assert_eq!(
            truncate_start("第一编 甲乙 › 第二章 丙丁", 12),
            "…第二章 丙丁"
        );
        assert_eq!(
            truncate_start("第一编 甲乙 › 第二章 丙丁", 11),
            "…二章 丙丁",
            "第 no longer fits"
        );
        assert_eq!(truncate_start("甲乙", 4), "甲乙", "fits: unchanged");
    }
}
