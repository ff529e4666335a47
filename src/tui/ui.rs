//! Drawing: the query line, the results list, the article pane, the status
//! line and the overlays, as `impl Widget for &App` plus one helper per panel.
//!
//! Every size and position comes from [`areas`], a pure function of the
//! terminal size that the app also uses for paging and mouse clicks, so what
//! is drawn and what is clicked always agree.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::app::{App, ArticleAt, Flash, Focus, Overlay, Tone, compact_label, short_label};
use super::article::{self, MATCH, badge};
use super::wrap::{self, char_width, truncate, truncate_start, wrap};
use crate::corpus::DocKind;
use crate::document::DocumentKind;
use crate::search::{Hit, QueryKind};

/// The smallest terminal the screen is laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

const DIM: Style = Style::new().fg(Color::DarkGray);
const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const FOCUSED_BORDER: Style = Style::new().fg(Color::Cyan);
const BORDER: Style = Style::new().fg(Color::DarkGray);
const SELECTED_FOCUSED: Style = Style::new().bg(Color::Blue);
const SELECTED: Style = Style::new().bg(Color::Indexed(238));
const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);

/// Where each panel goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub query: Rect,
    pub results: Rect,
    pub article: Rect,
    pub status: Rect,
}

/// Lays the screen out, or `None` when the terminal is smaller than 60×16.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [query, body, status] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    // Results get two fifths, between 24 and 64 columns; the article the rest.
    let results_width = (area.width * 2 / 5).clamp(24, 64);
    let [results, article] =
        Layout::horizontal([Constraint::Length(results_width), Constraint::Min(0)]).areas(body);
    Some(Areas {
        query,
        results,
        article,
        status,
    })
}

/// Rows one hit takes: citation, path and snippet, or without the path on a short screen.
pub fn hit_height(results: Rect) -> usize {
    if results.height.saturating_sub(2) >= 15 {
        3
    } else {
        2
    }
}

/// How many hits fit in the results pane.
pub fn visible_hits(results: Rect) -> usize {
    usize::from(results.height.saturating_sub(2)) / hit_height(results)
}

/// The article pane without its border.
pub fn article_inner(article: Rect) -> Rect {
    Block::bordered().inner(article)
}

/// First display column of the query shown: the line scrolls to keep the cursor visible.
pub fn query_scroll_start(app: &App, query: Rect) -> usize {
    let inner = usize::from(query.width.saturating_sub(2));
    let cursor = app.query().cursor_column();
    if inner == 0 || cursor < inner {
        return 0;
    }
    // Start on a character boundary at or after cursor - inner + 1.
    let wanted = cursor + 1 - inner;
    let mut col = 0;
    for ch in app.query().text().chars() {
        if col >= wanted {
            break;
        }
        col += char_width(ch);
    }
    col
}

/// The terminal cursor in the query line.
pub fn query_cursor(app: &App, area: Rect) -> Option<Position> {
    let areas = areas(area)?;
    let start = query_scroll_start(app, areas.query);
    let column = app.query().cursor_column().saturating_sub(start);
    let x = areas.query.x + 1 + u16::try_from(column).ok()?;
    (x < areas.query.right().saturating_sub(1)).then_some(Position::new(x, areas.query.y + 1))
}

/// Draws the app and places the terminal cursor (for input methods) in the query line.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    frame.render_widget(app, area);
    if let Some(position) = app.cursor_position(area) {
        frame.set_cursor_position(position);
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = areas(area) else {
            render_too_small(area, buf);
            return;
        };
        render_query(self, areas.query, buf);
        render_results(self, areas.results, buf);
        render_article(self, areas.article, buf);
        render_status(self, areas.status, buf);
        match self.overlay() {
            Some(Overlay::Help { scroll }) => render_help(*scroll, area, buf),
            Some(Overlay::Citations { selected }) => render_citations(self, *selected, area, buf),
            Some(Overlay::Export { selected }) => {
                render_citations(self, 0, area, buf);
                render_export(*selected, area, buf);
            }
            Some(Overlay::CopyText {
                title,
                text,
                scroll,
            }) => render_copy_text(title, text, *scroll, area, buf),
            None => {}
        }
    }
}

/// Draws pre-laid-out lines into `area`, one per row, from line `skip`.
fn put_lines(lines: &[Line<'_>], skip: usize, area: Rect, buf: &mut Buffer) {
    for (row, line) in lines
        .iter()
        .skip(skip)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        if line.style != Style::default() {
            buf.set_style(Rect::new(area.x, y, area.width, 1), line.style);
        }
        buf.set_line(area.x, y, line, area.width);
    }
}

fn panel<'a>(title: &'a str, focused: bool) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { FOCUSED_BORDER } else { BORDER })
        .title(Line::from(Span::styled(
            format!(" {title} "),
            if focused { BOLD.fg(Color::Cyan) } else { BOLD },
        )))
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "终端窗口太小\n至少需要 {MIN_WIDTH}×{MIN_HEIGHT}，现在是 {}×{}\n请放大窗口，或按 Ctrl-C 退出",
        area.width, area.height
    );
    let lines = wrap(&[(&text, Style::default())], usize::from(area.width), 0, 0);
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let body = Rect::new(area.x, area.y + top, area.width, area.height - top);
    let centered: Vec<Line> = lines.into_iter().map(Line::centered).collect();
    for (row, line) in centered.iter().take(usize::from(body.height)).enumerate() {
        let y = body.y + row as u16;
        let width = line.width().min(usize::from(body.width)) as u16;
        let x = body.x + (body.width - width) / 2;
        buf.set_line(x, y, line, width);
    }
}

fn render_query(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Query && app.overlay().is_none();
    let scope = format!(
        " 范围：{} · {} ",
        app.law_filter().unwrap_or("全部法律"),
        if app.all_versions() {
            "含旧版本"
        } else {
            "现行有效"
        }
    );
    let mut block =
        panel("搜索", focused).title(Line::from(Span::styled(scope, DIM)).right_aligned());
    // Say which lay-to-legal expansions the results include, so a ranking is
    // never a mystery; on the bottom border, out of the way of typing.
    if let Some(results) = app.results()
        && !results.expansions.is_empty()
    {
        let text = format!(" 也搜索了：{} ", results.expansions.join("、"));
        let room = usize::from(area.width).saturating_sub(4);
        block = block.title_bottom(truncate(&[(&text, DIM)], room));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let line = if app.query().is_empty() {
        truncate(
            &[(
                "输入关键词或条文，如 私人生活安宁、民法典1032、治安法第50条",
                DIM,
            )],
            width,
        )
    } else {
        // Skip whole characters up to the scroll start, then fill the line.
        let start = query_scroll_start(app, area);
        let mut col = 0;
        let visible: String = app
            .query()
            .text()
            .chars()
            .skip_while(|&ch| {
                let skip = col < start;
                col += char_width(ch);
                skip
            })
            .collect();
        truncate(&[(&visible, Style::default())], width)
    };
    buf.set_line(inner.x, inner.y, &line, inner.width);
}

fn render_results(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Results && app.overlay().is_none();
    let title = match app.results() {
        Some(results) if app.suggested() => format!("相近条文 {}", results.hits.len()),
        Some(results) if app.capped() => format!("结果 前{}条", results.hits.len()),
        Some(results) => format!("结果 {}", results.hits.len()),
        None => "结果".to_string(),
    };
    let block = panel(&title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);

    let Some(results) = app.results() else {
        put_lines(&start_tips(width), 0, inner, buf);
        return;
    };
    if results.hits.is_empty() {
        let mut text = String::from("没有找到匹配的条文。");
        if let Some(message) = &results.message {
            text = message.clone();
        }
        if results.kind == QueryKind::FreeText {
            text.push_str("\n\n试试更短的词，或按 v 包含旧版本、按 f 切换法律范围。");
        }
        let lines = wrap(&[(&text, Style::default())], width, 0, 0);
        put_lines(&lines, 0, inner, buf);
        return;
    }
    let per_hit = hit_height(area);
    let visible = visible_hits(area).max(1);
    // The app keeps the selection in view; re-check in case the area differs.
    let mut offset = app.results_offset();
    if app.selected() < offset {
        offset = app.selected();
    } else if app.selected() >= offset + visible {
        offset = app.selected() + 1 - visible;
    }
    for (slot, (index, hit)) in results
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + (slot * per_hit) as u16;
        let rows = Rect::new(inner.x, y, inner.width, per_hit as u16);
        if index == app.selected() {
            buf.set_style(rows, if focused { SELECTED_FOCUSED } else { SELECTED });
        }
        let lines = hit_lines(app, index, hit, width, per_hit);
        put_lines(&lines, 0, rows, buf);
    }
}

/// Example queries on the empty start screen.
fn start_tips(width: usize) -> Vec<Line<'static>> {
    let mut lines = wrap(&[("输入关键词或条文即可搜索：", BOLD)], width, 0, 0);
    for example in [
        "私人生活安宁",
        "散布他人隐私",
        "催收 骚扰 亲友",
        "民法典1032",
        "治安法第50条第一款第五项",
    ] {
        lines.extend(wrap(
            &[(example, Style::new().fg(Color::Cyan))],
            width,
            2,
            4,
        ));
    }
    lines.push(Line::default());
    lines.extend(wrap(
        &[(
            "每输入一个字结果就会更新。Tab 切换窗格，F1 查看全部按键。",
            DIM,
        )],
        width,
        0,
        0,
    ));
    lines
}

/// The rows of one hit: rank and short citation; path; snippet.
fn hit_lines(app: &App, index: usize, hit: &Hit, width: usize, rows: usize) -> Vec<Line<'static>> {
    let at = app
        .corpus()
        .statutes
        .iter()
        .position(|s| s.id() == hit.statute_id)
        .and_then(|statute| {
            let article = app.corpus().statutes[statute]
                .articles
                .iter()
                .position(|a| a.no.number == hit.article && a.no.suffix == hit.article_suffix)?;
            Some(ArticleAt { statute, article })
        });
    let full = match at {
        Some(at) => short_label(app.corpus(), at),
        None => format!("{} {}", hit.law, hit.label),
    };
    let compact = at.map_or_else(|| full.clone(), |at| compact_label(app.corpus(), at));
    let mark = if at.is_some_and(|at| app.is_marked(at)) {
        "✓"
    } else {
        " "
    };
    let rank = format!("{mark}{:>2} ", index + 1);
    // Not every document is a law, and not every version is in force.
    let tag = match (hit.kind, hit.partial) {
        (_, true) => " 部分收录",
        (DocKind::IndustryConvention, false) => " 自律公约",
        (DocKind::JudicialInterpretation, _) if hit.in_force => " 司法解释",
        _ if !hit.in_force => match at.map(|at| app.corpus().statutes[at.statute].meta.status) {
            Some(status) => match status.label() {
                "已被修正" => " 已被修正",
                _ => " 已被修订",
            },
            None => " 已被修订",
        },
        _ => "",
    };
    let tag_style = if hit.partial || hit.kind != DocKind::Law {
        Style::new().fg(Color::Yellow)
    } else {
        Style::new().fg(Color::Red)
    };
    // The article number matters most: shorten the name and drop the tag before cutting it.
    let room = width.saturating_sub(wrap::width(&rank));
    let (label, tag) = [(&full, tag), (&full, ""), (&compact, tag), (&compact, "")]
        .into_iter()
        .find(|(label, tag)| wrap::width(label) + wrap::width(tag) <= room)
        .unwrap_or((&compact, ""));
    let mut lines = vec![truncate(
        &[
            (&rank, Style::new().fg(Color::Green)),
            (label, BOLD),
            (tag, tag_style),
        ],
        width,
    )];
    let indent = "   ";
    let text_width = width.saturating_sub(indent.len());
    if rows >= 3 {
        let path = fit_path(&hit.path, text_width);
        lines.push(Line::from(vec![Span::raw(indent), Span::styled(path, DIM)]));
    }
    let mut snippet = vec![Span::raw(indent)];
    snippet.extend(snippet_line(hit, text_width).spans);
    lines.push(Line::from(snippet));
    lines
}

/// A heading path within `width` columns: outer headings are dropped first
/// (…› 第六章 隐私权和个人信息保护), as the innermost says the most.
fn fit_path(path: &[String], width: usize) -> String {
    for skip in 0..path.len() {
        let joined = path[skip..].join(" › ");
        let candidate = if skip == 0 {
            joined
        } else {
            format!("…› {joined}")
        };
        if wrap::width(&candidate) <= width {
            return candidate;
        }
    }
    truncate_start(path.last().map_or("", String::as_str), width)
}

/// The snippet on one line, shifted so the first highlighted match is visible.
fn snippet_line(hit: &Hit, width: usize) -> Line<'static> {
    let chars: Vec<char> = hit
        .snippet
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let mut styles = vec![Style::default(); chars.len()];
    for &(start, end) in &hit.highlights {
        for style in styles.iter_mut().take(end.min(chars.len())).skip(start) {
            *style = MATCH;
        }
    }
    // Columns needed to show up to the end of the first match.
    let first_end = hit
        .highlights
        .iter()
        .map(|&(_, end)| end.min(chars.len()))
        .min()
        .unwrap_or(0);
    let mut start = 0;
    let col_to = |from: usize, to: usize| {
        chars[from..to]
            .iter()
            .map(|&c| char_width(c))
            .sum::<usize>()
    };
    if col_to(0, first_end) + 1 > width {
        // Drop leading characters (keeping room for the … that replaces them).
        while start < first_end && 1 + col_to(start, first_end) + 1 > width {
            start += 1;
        }
    }
    let mut runs: Vec<(String, Style)> = Vec::new();
    if start > 0 {
        runs.push(("…".to_string(), Style::default()));
    }
    for (&ch, &style) in chars[start..].iter().zip(&styles[start..]) {
        match runs.last_mut() {
            Some((text, s)) if *s == style => text.push(ch),
            _ => runs.push((ch.to_string(), style)),
        }
    }
    let borrowed: Vec<(&str, Style)> = runs.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    truncate(&borrowed, width)
}

fn render_article(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus() == Focus::Article && app.overlay().is_none();
    let Some(view) = app.view() else {
        let block = panel("收录的法律", focused);
        let inner = block.inner(area);
        block.render(area, buf);
        put_lines(
            &corpus_summary(app, usize::from(inner.width)),
            0,
            inner,
            buf,
        );
        return;
    };
    let statute = &app.corpus().statutes[view.at.statute];
    let (badge_text, badge_style) = badge(statute);
    // Title and badge on the border; in a narrow pane the badge goes (it is
    // also in the text) and the name shortens, never the article number.
    let room = usize::from(area.width.saturating_sub(4));
    let full = short_label(app.corpus(), view.at);
    let badge_width = wrap::width(badge_text) + 3;
    let (title, show_badge) = if wrap::width(&full) + 2 + badge_width <= room {
        (full, true)
    } else if wrap::width(&full) + 2 <= room {
        (full, false)
    } else {
        (compact_label(app.corpus(), view.at), false)
    };
    let mut block = panel(&title, focused);
    if show_badge {
        block = block.title(
            Line::from(vec![
                Span::styled(format!(" {badge_text} "), badge_style),
                Span::raw(" "),
            ])
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    let layout = article::layout(app, view, usize::from(inner.width));
    let height = usize::from(inner.height);
    let scroll = app
        .article_scroll()
        .min(layout.lines.len().saturating_sub(height));
    if layout.lines.len() > height {
        let last = (scroll + height).min(layout.lines.len());
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {}–{}/{} 行 ", scroll + 1, last, layout.lines.len()),
                DIM,
            ))
            .right_aligned(),
        );
    }
    block.render(area, buf);
    put_lines(&layout.lines, scroll, inner, buf);
}

/// The start screen's article pane: what fatiao holds, one statute version a
/// line (short name, badge, kind, version, articles); a partial document
/// says which articles it holds (its full notice is on its articles).
fn corpus_summary(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for statute in &app.corpus().statutes {
        let meta = &statute.meta;
        let (badge_text, badge_style) = badge(statute);
        let facts = format!(
            " {} {}版 {}条",
            meta.kind.label(),
            meta.version,
            statute.articles.len()
        );
        lines.extend(wrap(
            &[
                (&meta.short_name, BOLD),
                (" ", Style::default()),
                (badge_text, badge_style),
                (&facts, DIM),
            ],
            width,
            0,
            2,
        ));
        if meta.partial {
            let held: Vec<&str> = statute.articles.iter().map(|a| a.label.as_str()).collect();
            let note = format!("不是法律；仅收录经核实原文的{}", held.join("、"));
            lines.extend(wrap(
                &[(&note, Style::new().fg(Color::Yellow))],
                width,
                2,
                2,
            ));
        }
    }
    lines
}

/// Key hints for the focused pane.
fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    let esc = if app.query().is_empty() {
        ("Esc", "退出")
    } else {
        ("Esc", "清空")
    };
    match app.focus() {
        Focus::Query => vec![
            ("↑↓", "选择"),
            ("Enter", "阅读"),
            ("Tab", "切换"),
            ("^Y", "复制引用"),
            ("^S", "标记"),
            ("F1", "帮助"),
            esc,
        ],
        Focus::Results => vec![
            ("↑↓", "选择"),
            ("Enter", "阅读"),
            ("y", "复制"),
            ("m", "标记"),
            ("c", "清单"),
            ("f", "范围"),
            ("?", "帮助"),
            esc,
        ],
        Focus::Article => vec![
            ("PgUp/PgDn", "翻页"),
            ("[ ]", "上/下条"),
            ("r", "引用"),
            if app.can_go_back() {
                ("b", "返回")
            } else {
                ("Enter", "跟随")
            },
            ("y", "复制"),
            ("Y", "连全文"),
            ("m", "标记"),
            ("?", "帮助"),
            esc,
        ],
    }
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let counts = app.counts();
    let counts_width = wrap::width(&counts);
    let width = usize::from(area.width);
    let left_width = width.saturating_sub(counts_width + 1);
    let engine_message = app.results().and_then(|r| r.message.as_deref());
    let left = match (app.flash(), engine_message) {
        (Some(Flash { text, tone }), _) => {
            let style = match tone {
                Tone::Info => Style::new().fg(Color::Cyan),
                Tone::Success => Style::new().fg(Color::Green),
                Tone::Warning => Style::new().fg(Color::Yellow),
            };
            truncate(&[(text, style)], left_width)
        }
        (None, Some(message)) => truncate(&[(message, Style::new().fg(Color::Yellow))], left_width),
        (None, None) => {
            let mut runs: Vec<(String, Style)> = Vec::new();
            for (key, action) in hints(app) {
                runs.push((key.to_string(), KEY));
                runs.push((format!(" {action}  "), Style::default()));
            }
            // Drop whole hints that do not fit rather than cutting one in half.
            let mut used = 0;
            let mut kept: Vec<(&str, Style)> = Vec::new();
            for pair in runs.chunks(2) {
                let w: usize = pair.iter().map(|(t, _)| wrap::width(t)).sum();
                if used + w > left_width {
                    break;
                }
                used += w;
                kept.extend(pair.iter().map(|(t, s)| (t.as_str(), *s)));
            }
            truncate(&kept, left_width)
        }
    };
    buf.set_line(area.x, area.y, &left, area.width);
    if counts_width < width {
        let x = area.x + (width - counts_width) as u16;
        buf.set_line(x, area.y, &Line::styled(counts, DIM), counts_width as u16);
    }
}

/// A centred box of at most `width`×`height` inside `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Clears `rect`, draws a titled double border and returns the inside.
fn popup(rect: Rect, title: &str, buf: &mut Buffer) -> Rect {
    Clear.render(rect, buf);
    // A wide character just left of the box would cover its left border: blank it.
    if rect.x > buf.area.x {
        for y in rect.top()..rect.bottom() {
            let cell = &mut buf[(rect.x - 1, y)];
            if wrap::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(FOCUSED_BORDER)
        .title(Line::from(Span::styled(format!(" {title} "), BOLD)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The help text: (section, [(keys, what)]).
const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "任何时候",
        &[
            (
                "输入文字",
                "编辑搜索词（中文、英文、条文号），结果随输入更新",
            ),
            ("↑ ↓  Ctrl-N Ctrl-P", "上下选择结果"),
            ("Tab  Shift-Tab", "切换窗格：搜索 → 结果 → 条文"),
            ("PgUp PgDn", "翻动条文"),
            (
                "Ctrl-Y",
                "复制引用，如《中华人民共和国民法典》第一千零三十二条",
            ),
            ("Ctrl-T", "复制引用和条文全文"),
            ("Ctrl-S", "标记 / 取消标记，加入引用清单"),
            ("Ctrl-L", "打开引用清单"),
            ("Ctrl-F", "切换法律范围：全部 / 单部法律"),
            ("Ctrl-O", "包含 / 不含已被修订的旧版本"),
            ("F1", "本帮助"),
            ("Esc", "清空搜索；搜索为空时退出"),
            ("Ctrl-C", "退出"),
        ],
    ),
    (
        "结果和条文窗格（单个字母是命令，其他文字回到搜索）",
        &[
            ("y  Y", "复制引用 / 引用和全文"),
            ("m  空格", "标记 / 取消标记"),
            ("c", "引用清单"),
            ("f  v", "法律范围 / 旧版本"),
            ("/", "回到搜索"),
            ("?", "本帮助"),
        ],
    ),
    (
        "条文窗格",
        &[
            ("← →  [ ]", "本法上一条 / 下一条"),
            ("r  R", "选择本条引用的条文（依照本法第……条、前款）"),
            ("Enter", "跟随选中的引用"),
            ("o", "治安管理处罚法：跳到另一版本的对应条文（2012 ⇄ 2025）"),
            ("b  Backspace", "返回跟随或跳转之前的条文"),
            ("↑ ↓  j k", "滚动"),
            ("Home End", "开头 / 结尾"),
        ],
    ),
    (
        "引用清单",
        &[
            ("↑ ↓", "选择"),
            ("Shift-↑↓  K J", "调整顺序"),
            ("d  Delete", "移除"),
            ("D", "清空清单（清单在两次使用之间会保存在数据目录中）"),
            (
                "e",
                "导出文书：信函段落、投诉或报警材料模板，存为 .docx / Markdown / 文本",
            ),
            ("y", "复制合并后的引用：《…》第一条、第二条和《…》第三条"),
            ("Y", "复制信函段落（根据……的规定，）及所引条文全文"),
            ("Enter", "阅读该条"),
            ("Esc", "关闭"),
        ],
    ),
    (
        "鼠标",
        &[
            ("滚轮", "滚动结果或条文"),
            ("点击", "选择结果、切换窗格"),
            ("Shift+拖动", "在终端里选择文字"),
        ],
    ),
];

/// The help overlay's lines at one width.
pub fn help_lines(width: usize) -> Vec<Line<'static>> {
    let key_width = HELP
        .iter()
        .flat_map(|(_, keys)| keys.iter())
        .map(|(k, _)| wrap::width(k))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let mut lines = Vec::new();
    for (section, keys) in HELP {
        lines.extend(wrap(&[(section, BOLD)], width, 0, 0));
        for (key, what) in *keys {
            let key_text = truncate(&[(key, KEY)], key_width).to_string();
            let padded = format!(
                "{key_text}{}",
                " ".repeat(key_width + 2 - wrap::width(&key_text))
            );
            lines.extend(wrap(
                &[(&padded, KEY), (what, Style::default())],
                width,
                2,
                4 + key_width,
            ));
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}

/// Where the help box goes on a screen of size `area`.
fn help_box(area: Rect) -> Rect {
    centered(area, 86, 40)
}

/// Where the copy-text box goes, and its body without the hint line(s).
const COPY_TEXT_HINT: &str = "按住 Shift 用鼠标选择文字后复制 · ↑↓ 滚动 · 任意键关闭";

/// The copy-by-hand screen, laid out: no border, so that a mouse selection
/// picks up the text and nothing else. Title rows, a blank row, the text,
/// the hint; returns the wrapped title, text and hint and the text's rows.
fn copy_text_layout(
    title: &str,
    text: &str,
    area: Rect,
) -> (
    Vec<Line<'static>>,
    Vec<Line<'static>>,
    Vec<Line<'static>>,
    Rect,
) {
    let width = usize::from(area.width);
    let title = wrap(&[(title, BOLD.fg(Color::Yellow))], width, 0, 0);
    let hint = wrap(&[(COPY_TEXT_HINT, DIM)], width, 0, 0);
    let lines = wrap(&[(text, Style::default())], width, 0, 0);
    let top = (title.len() as u16 + 1).min(area.height);
    let bottom = (hint.len() as u16).min(area.height - top);
    let body = Rect::new(area.x, area.y + top, area.width, area.height - top - bottom);
    (title, lines, hint, body)
}

/// How far the help or copy-text overlay can scroll on a screen of `size`.
pub fn overlay_max_scroll(overlay: &Overlay, size: Rect) -> usize {
    match overlay {
        Overlay::Help { .. } => {
            let inner = Block::bordered().inner(help_box(size));
            help_lines(usize::from(inner.width))
                .len()
                .saturating_sub(usize::from(inner.height))
        }
        Overlay::CopyText { title, text, .. } => {
            let (_, lines, _, body) = copy_text_layout(title, text, size);
            lines.len().saturating_sub(usize::from(body.height))
        }
        Overlay::Citations { .. } | Overlay::Export { .. } => 0,
    }
}

fn render_help(scroll: usize, area: Rect, buf: &mut Buffer) {
    let inner = popup(help_box(area), "按键（↑↓ 滚动，其他键关闭）", buf);
    let lines = help_lines(usize::from(inner.width));
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    put_lines(&lines, scroll, inner, buf);
}

fn render_citations(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(8).max(MIN_WIDTH - 4);
    let lines = citation_list_lines(app, selected, usize::from(width.saturating_sub(2)));
    let hint_lines = wrap(
        &[(CITATIONS_HINT, DIM)],
        usize::from(width.saturating_sub(2)),
        0,
        0,
    );
    // As tall as the list needs, within the screen.
    let height =
        (lines.len() + hint_lines.len() + 3).min(usize::from(area.height.saturating_sub(2)));
    let inner = popup(
        centered(area, width, height as u16),
        &format!("引用清单（{} 条）", app.marked().len()),
        buf,
    );
    let body_height = usize::from(inner.height).saturating_sub(hint_lines.len());
    // Keep the selected entry on screen when the list is long.
    let skip = selected.saturating_sub(body_height.saturating_sub(1));
    let body = Rect::new(inner.x, inner.y, inner.width, body_height as u16);
    put_lines(&lines, skip, body, buf);
    let foot = Rect::new(
        inner.x,
        inner.y + body_height as u16,
        inner.width,
        inner.height - body_height as u16,
    );
    put_lines(&hint_lines, 0, foot, buf);
}

const CITATIONS_HINT: &str = "↑↓ 选择 · Shift-↑↓/K J 调整顺序 · d 移除 · D 清空 · y 复制引用 · Y 复制信函段落 · e 导出文书 · Enter 阅读 · Esc 关闭";

const EXPORT_HINT: &str = "↑↓ 选择 · Enter/d 存为 .docx · m 存为 Markdown · t 存为文本 · Esc 返回";

/// The export menu over the citation list: one row per document kind.
fn render_export(selected: usize, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(12).clamp(MIN_WIDTH - 8, 72);
    let inner_width = usize::from(width.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (index, kind) in DocumentKind::ALL.iter().enumerate() {
        let mut line = truncate(
            &[
                (
                    &format!("{:>2}. ", index + 1),
                    Style::new().fg(Color::Green),
                ),
                (kind.label(), Style::default()),
            ],
            inner_width,
        );
        if index == selected {
            line = line.style(SELECTED_FOCUSED);
        }
        lines.push(line);
    }
    lines.push(Line::default());
    lines.extend(wrap(
        &[(
            "模板含待填写的空白（投诉人、被投诉人、事实与理由、诉求、证据清单）和所引条文原文；不是法律意见。文件存到启动 fatiao 的文件夹。",
            DIM,
        )],
        inner_width,
        0,
        0,
    ));
    let hint = wrap(&[(EXPORT_HINT, DIM)], inner_width, 0, 0);
    let height = (lines.len() + hint.len() + 2).min(usize::from(area.height));
    let inner = popup(centered(area, width, height as u16), "导出文书", buf);
    let body_height = inner.height.saturating_sub(hint.len() as u16);
    put_lines(
        &lines,
        0,
        Rect::new(inner.x, inner.y, inner.width, body_height),
        buf,
    );
    put_lines(
        &hint,
        0,
        Rect::new(
            inner.x,
            inner.y + body_height,
            inner.width,
            inner.height - body_height,
        ),
        buf,
    );
}

/// The citation list: numbered entries, then the block as it will be copied.
fn citation_list_lines(app: &App, selected: usize, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    if app.marked().is_empty() {
        lines.extend(wrap(
            &[(
                "清单是空的。在结果或条文窗格按 m 或 空格 标记条文，或在任何位置按 Ctrl-S。",
                Style::default(),
            )],
            width,
            0,
            0,
        ));
    } else {
        for (index, view) in app.marked().iter().enumerate() {
            let number = format!("{:>2}. ", index + 1);
            let citation = app.citation(*view);
            let mut line = truncate(
                &[
                    (&number, Style::new().fg(Color::Green)),
                    (&citation, Style::default()),
                ],
                width,
            );
            if index == selected {
                line = line.style(SELECTED_FOCUSED);
            }
            lines.push(line);
        }
        lines.push(Line::default());
        match app.citation_block(false) {
            Ok(block) => {
                lines.extend(wrap(&[("y 复制为：", DIM)], width, 0, 0));
                lines.extend(wrap(&[(&block, Style::default())], width, 2, 2));
                lines.extend(wrap(
                    &[("Y 复制为信函段落（根据……的规定，）并附所引条文全文。", DIM)],
                    width,
                    0,
                    0,
                ));
            }
            Err(err) => lines.extend(wrap(
                &[(&err.to_string(), Style::new().fg(Color::Yellow))],
                width,
                0,
                0,
            )),
        }
    }
    lines
}

fn render_copy_text(title: &str, text: &str, scroll: usize, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let (title, lines, hint, body) = copy_text_layout(title, text, area);
    put_lines(&title, 0, area, buf);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(body.height)));
    put_lines(&lines, scroll, body, buf);
    let foot = Rect::new(
        area.x,
        body.bottom(),
        area.width,
        area.bottom() - body.bottom(),
    );
    put_lines(&hint, 0, foot, buf);
}

/// The text of a drawn screen, one line per row, wide characters once.
///
/// ratatui's `TestBackend` display lists the blank cell behind every wide
/// character as "hidden"; this skips those cells, and returns an error naming
/// any such cell that is not blank, which means two things were drawn over
/// each other. Give it the frame's buffer (`CompletedFrame::buffer`): the
/// backend's copy has such cells already dropped by ratatui's diff.
pub fn screen_text(buffer: &Buffer) -> std::result::Result<String, String> {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if skip > 0 {
                skip -= 1;
                if cell.symbol() != " " && !cell.symbol().is_empty() {
                    return Err(format!(
                        "cell ({x}, {y}) holds {:?} under a wide character",
                        cell.symbol()
                    ));
                }
                continue;
            }
            out.push_str(cell.symbol());
            skip = wrap::width(cell.symbol()).saturating_sub(1);
        }
        out.push('\n');
    }
    Ok(out)
}

/// A full-screen message (the index being built at start), centred.
pub fn render_message(title: &str, text: &str, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(70);
    let lines = wrap(
        &[(text, Style::default())],
        usize::from(width.saturating_sub(2)),
        0,
        0,
    );
    let inner = popup(centered(area, width, lines.len() as u16 + 2), title, buf);
    put_lines(&lines, 0, inner, buf);
}
