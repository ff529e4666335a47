//! Key handling on the app state alone (no terminal), with the fake backend
//! and a clipboard that records what it was given.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Focus, Overlay};
use super::clipboard::{Clipboard, CopyOutcome};
use super::fake::FakeBackend;
use super::{ui, wrap};

/// Records copies; answers as a system clipboard, as none at all, or with
/// the outcome it is given.
#[derive(Default)]
struct TestClipboard {
    copies: Vec<String>,
    unavailable: bool,
    outcome: Option<CopyOutcome>,
    /// Exported documents: file name and bytes.
    saved: Vec<(String, Vec<u8>)>,
}

impl Clipboard for TestClipboard {
    fn save_document(
        &mut self,
        file_name: &str,
        bytes: &[u8],
    ) -> std::io::Result<std::path::PathBuf> {
        self.saved.push((file_name.to_string(), bytes.to_vec()));
        Ok(std::path::Path::new("/导出").join(file_name))
    }

    fn copy(&mut self, text: &str) -> CopyOutcome {
        self.copies.push(text.to_string());
        if let Some(outcome) = &self.outcome {
            outcome.clone()
        } else if self.unavailable {
            CopyOutcome::Unavailable("测试：没有剪贴板".into())
        } else {
            CopyOutcome::Copied(vec!["测试剪贴板".into()])
        }
    }
}

fn app(query: &str) -> App {
    let mut app = App::new(Box::new(FakeBackend::new()), query);
    app.resize(100, 30);
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(ch: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL)
}

fn press(app: &mut App, clipboard: &mut TestClipboard, keys: &[KeyEvent]) {
    for &k in keys {
        app.handle_key_with(k, clipboard);
    }
}

fn type_text(app: &mut App, text: &str) {
    let mut clipboard = TestClipboard::default();
    for ch in text.chars() {
        app.handle_key_with(key(KeyCode::Char(ch)), &mut clipboard);
    }
}

/// The screen as text. Checks the frame as drawn, before ratatui's diff,
/// which silently drops a cell drawn under a wide character (the terminal
/// would show the wide character and lose, say, a border).
fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let frame = terminal
        .draw(|frame| ui::draw(frame, app))
        .expect("drawing never fails on a test backend");
    ui::screen_text(frame.buffer).unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn typing_latin_and_chinese_edits_the_query_and_searches() {
    let mut app = app("");
    type_text(&mut app, "ab ");
    assert_eq!(
        app.query().text(),
        "ab ",
        "Latin letters and space go to the query"
    );
    assert!(app.hits().is_empty(), "nothing matches ab");
    type_text(&mut app, "样例隐私");
    assert_eq!(
        app.query().text(),
        "ab 样例隐私",
        "CJK characters go to the query"
    );
    assert!(!app.hits().is_empty(), "样例隐私 is in the fake corpus");
    assert_eq!(app.selected(), 0, "the first hit is selected");
    assert!(
        app.view().is_some(),
        "the first hit's article is shown at once"
    );
}

#[test]
fn letters_that_are_commands_elsewhere_are_typed_in_the_query() {
    let mut app = app("");
    let mut clipboard = TestClipboard::default();
    type_text(&mut app, "ymcfv?/ []q");
    assert_eq!(
        app.query().text(),
        "ymcfv?/ []q",
        "no command steals a query character"
    );
    assert!(clipboard.copies.is_empty());
    assert!(app.overlay().is_none(), "? in the query does not open help");
    assert!(
        app.marked().is_empty(),
        "m and space in the query do not mark"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::F(1))]);
    assert_eq!(
        app.overlay(),
        Some(&Overlay::Help { scroll: 0 }),
        "F1 opens help from the query"
    );
}

#[test]
fn backspace_and_cursor_work_per_character() {
    let mut app = app("");
    let mut clipboard = TestClipboard::default();
    type_text(&mut app, "样例隐私");
    press(&mut app, &mut clipboard, &[key(KeyCode::Backspace)]);
    assert_eq!(
        app.query().text(),
        "样例隐",
        "backspace removes one whole character"
    );
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Left), key(KeyCode::Left)],
    );
    type_text(&mut app, "x");
    assert_eq!(
        app.query().text(),
        "样x例隐",
        "typing inserts at the cursor"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Delete)]);
    assert_eq!(
        app.query().text(),
        "样x隐",
        "delete removes the character after the cursor"
    );
    press(&mut app, &mut clipboard, &[ctrl('u')]);
    assert!(app.query().is_empty(), "Ctrl-U clears the line");
}

#[test]
fn arrows_and_ctrl_n_p_move_the_selection_within_bounds() {
    let mut app = app("样例隐私");
    let mut clipboard = TestClipboard::default();
    let count = app.hits().len();
    assert!(
        count >= 3,
        "fake corpus has at least three 样例隐私 hits, got {count}"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Down), ctrl('n')]);
    assert_eq!(app.selected(), 2, "Down and Ctrl-N each move one down");
    press(&mut app, &mut clipboard, &[ctrl('p')]);
    assert_eq!(app.selected(), 1, "Ctrl-P moves up");
    for _ in 0..count + 3 {
        press(&mut app, &mut clipboard, &[key(KeyCode::Down)]);
    }
    assert_eq!(app.selected(), count - 1, "selection stops at the last hit");
    for _ in 0..count + 3 {
        press(&mut app, &mut clipboard, &[key(KeyCode::Up)]);
    }
    assert_eq!(app.selected(), 0, "selection stops at the first hit");
    let hit = app.selected_hit().expect("a hit is selected").clone();
    let view = app.view().expect("an article is shown");
    assert_eq!(
        app.corpus().statutes[view.at.statute].articles[view.at.article]
            .no
            .number,
        hit.article,
        "the article pane follows the selection"
    );
}

#[test]
fn tab_cycles_focus_and_single_letters_are_commands_outside_the_query() {
    let mut app = app("样例隐私");
    let mut clipboard = TestClipboard::default();
    assert_eq!(app.focus(), Focus::Query);
    press(&mut app, &mut clipboard, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus(), Focus::Results);
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('y'))]);
    assert_eq!(clipboard.copies.len(), 1, "y copies in the results pane");
    assert_eq!(
        app.query().text(),
        "样例隐私",
        "and is not typed into the query"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus(), Focus::Article);
    press(&mut app, &mut clipboard, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus(), Focus::Query, "Tab wraps around to the query");
    press(&mut app, &mut clipboard, &[key(KeyCode::BackTab)]);
    assert_eq!(app.focus(), Focus::Article, "Shift-Tab goes backwards");
    type_text(&mut app, "甲");
    assert_eq!(
        app.focus(),
        Focus::Query,
        "typing an unbound character returns to the query"
    );
    assert_eq!(
        app.query().text(),
        "样例隐私甲",
        "and the character is kept"
    );
}

#[test]
fn copying_the_citation_and_the_full_text_goes_through_the_clipboard() {
    let mut app = app("测试法7");
    let mut clipboard = TestClipboard::default();
    press(&mut app, &mut clipboard, &[ctrl('y')]);
    assert_eq!(
        clipboard.copies,
        ["《样例测试法》第七条"],
        "Ctrl-Y copies the citation"
    );
    let flash = app.flash().expect("the status line confirms the copy");
    assert!(
        flash.text.contains("《样例测试法》第七条") && flash.text.contains("测试剪贴板"),
        "confirmation names what was copied and how: {}",
        flash.text
    );
    press(&mut app, &mut clipboard, &[ctrl('t')]);
    let with_text = &clipboard.copies[1];
    assert!(
        with_text.starts_with("《样例测试法》第七条\n测试条文第7条"),
        "Ctrl-T copies the citation, then the article text: {with_text:?}"
    );
}

#[test]
fn a_reference_to_a_paragraph_and_item_is_cited_that_precisely() {
    let app = app("测试法5款2项3");
    let view = app.view().expect("the reference opens the article");
    assert_eq!((view.paragraph, view.item), (Some(2), Some(3)));
    assert_eq!(app.citation(view), "《样例测试法》第五条第二款第三项");
}

#[test]
fn a_missing_article_shows_the_engine_message() {
    let app = app("测试法99");
    assert!(app.suggested(), "the nearest articles are offered instead");
    assert_eq!(app.hits().len(), 1, "the fake suggests the last article");
    assert_eq!(
        app.results().and_then(|r| r.message.as_deref()),
        Some("测试法共12条，没有第99条")
    );
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("测试法共12条，没有第99条"),
        "the message is on screen:\n{screen}"
    );
}

#[test]
fn the_status_line_says_what_is_known_about_a_copy() {
    const CASES: &[(&str, &str)] = &[
        ("copied", "已复制到tmux 缓冲区：引用《样例测试法》第七条"),
        (
            "sent",
            "已发送到终端剪贴板：引用《样例测试法》第七条（终端可能不支持",
        ),
        ("file", "剪贴板不可用，已写入文件：/数据/clipboard.txt"),
    ];
    for &(case, expected) in CASES {
        let outcome = match case {
            "copied" => CopyOutcome::Copied(vec!["tmux 缓冲区".into()]),
            "sent" => CopyOutcome::SentToTerminal,
            _ => CopyOutcome::SavedToFile("/数据/clipboard.txt".into()),
        };
        let mut app = app("测试法7");
        let mut clipboard = TestClipboard {
            outcome: Some(outcome),
            ..TestClipboard::default()
        };
        press(&mut app, &mut clipboard, &[ctrl('y')]);
        let flash = app.flash().map(|f| f.text.clone()).unwrap_or_default();
        assert!(
            flash.starts_with(expected),
            "{case}: the status line should start with {expected:?}, is {flash:?}"
        );
        assert!(
            case == "copied" || !flash.contains("已复制"),
            "{case}: never 已复制 for a copy that cannot be known: {flash:?}"
        );
        assert!(app.overlay().is_none(), "{case}: no popup");
    }
}

#[test]
fn when_no_clipboard_is_reachable_the_text_is_shown_in_a_popup() {
    let mut app = app("测试法7");
    let mut clipboard = TestClipboard {
        unavailable: true,
        ..TestClipboard::default()
    };
    press(&mut app, &mut clipboard, &[ctrl('y')]);
    match app.overlay() {
        Some(Overlay::CopyText { text, .. }) => assert_eq!(text, "《样例测试法》第七条"),
        other => panic!("expected the copy-text popup, got {other:?}"),
    }
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("《样例测试法》第七条"),
        "popup shows the text:\n{screen}"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Esc)]);
    assert!(app.overlay().is_none(), "Esc closes the popup");
    assert!(app.running(), "and does not quit");
}

#[test]
fn marking_reviewing_reordering_and_copying_the_citation_list() {
    let mut app = app("样例隐私");
    let mut clipboard = TestClipboard::default();
    // Include the superseded version, so the list spans two statute versions.
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Tab), key(KeyCode::Char('v'))],
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('m'))]);
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Down), key(KeyCode::Char(' '))],
    );
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Char('G')), ctrl('s')],
    );
    assert_eq!(app.marked().len(), 3, "m, space and Ctrl-S each mark");
    let labels: Vec<String> = app.marked().iter().map(|v| app.short_label(v.at)).collect();
    assert_eq!(
        labels,
        ["测试法 第5条", "测试法 第7条", "测试法（2010）第6条"]
    );

    press(&mut app, &mut clipboard, &[key(KeyCode::Char('c'))]);
    assert!(
        matches!(app.overlay(), Some(Overlay::Citations { .. })),
        "c opens the list"
    );
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("《样例测试法》第五条、第七条和《样例测试法》（2010年修正）第六条"),
        "the list previews the merged citation:\n{screen}"
    );
    // Move the old version's entry to the top: Down twice, then K twice.
    press(
        &mut app,
        &mut clipboard,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Char('K')),
            key(KeyCode::Char('K')),
        ],
    );
    let labels: Vec<String> = app.marked().iter().map(|v| app.short_label(v.at)).collect();
    assert_eq!(labels[0], "测试法（2010）第6条", "K moves an entry up");
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('y'))]);
    assert_eq!(
        clipboard.copies.last().map(String::as_str),
        Some("《样例测试法》（2010年修正）第六条和《样例测试法》第五条、第七条"),
        "y copies the merged citations, statutes in the reviewed order"
    );
    assert!(
        app.flash().is_some_and(|f| f.text.contains("3 条合并引用")),
        "the status line says what was copied"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('d'))]);
    assert_eq!(app.marked().len(), 2, "d removes the selected entry");
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('Y'))]);
    let letter = clipboard.copies.last().cloned().unwrap_or_default();
    assert!(
        letter.starts_with("根据《样例测试法》第五条、第七条的规定，")
            && letter.contains("测试条文第7条"),
        "Y copies a letter paragraph with the articles quoted: {letter:?}"
    );

    press(&mut app, &mut clipboard, &[key(KeyCode::Esc)]);
    assert!(app.overlay().is_none(), "Esc closes the list");
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Char('g')), key(KeyCode::Char('m'))],
    );
    assert_eq!(app.marked().len(), 1, "m on a marked article unmarks it");
}

#[test]
fn neighbours_of_the_same_statute_from_the_article_pane() {
    let mut app = app("测试法12");
    let mut clipboard = TestClipboard::default();
    press(&mut app, &mut clipboard, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus(), Focus::Article, "Enter reads the article");
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('['))]);
    let view = app.view().expect("an article is shown");
    assert_eq!(view.at.article, 10, "[ shows 第十一条 (index 10)");
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Right), key(KeyCode::Right)],
    );
    assert_eq!(
        app.view().map(|v| v.at.article),
        Some(11),
        "→ stops at the last article"
    );
    assert!(
        app.flash().is_some_and(|f| f.text.contains("最后一条")),
        "and says so"
    );
}

#[test]
fn page_keys_scroll_the_article_within_its_length() {
    let mut app = app("测试法10");
    app.resize(60, 16);
    let mut clipboard = TestClipboard::default();
    press(&mut app, &mut clipboard, &[key(KeyCode::PageDown)]);
    let after_one = app.article_scroll();
    assert!(after_one > 0, "PgDn scrolls a long article");
    for _ in 0..50 {
        press(&mut app, &mut clipboard, &[key(KeyCode::PageDown)]);
    }
    let bottom = app.article_scroll();
    let screen = render(&app, 60, 16);
    assert!(
        screen.contains("第8款"),
        "the last paragraph is visible at the bottom:\n{screen}"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::PageUp)]);
    assert!(app.article_scroll() < bottom, "PgUp scrolls back");
}

#[test]
fn scope_filter_and_superseded_versions_toggle_from_the_screen() {
    let mut app = app("样例隐私");
    let mut clipboard = TestClipboard::default();
    let in_force_only = app.hits().len();
    assert!(
        app.hits().iter().all(|h| h.in_force),
        "superseded versions hidden by default"
    );
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Tab), key(KeyCode::Char('v'))],
    );
    assert!(app.all_versions());
    assert!(
        app.hits().len() > in_force_only && app.hits().iter().any(|h| !h.in_force),
        "v adds the superseded version's hits"
    );
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Char('f')), key(KeyCode::Char('f'))],
    );
    assert_eq!(
        app.law_filter(),
        Some("测试公约"),
        "f cycles through the statutes"
    );
    assert!(
        app.hits().iter().all(|h| h.law == "测试公约"),
        "the filter applies"
    );
    press(&mut app, &mut clipboard, &[ctrl('f')]);
    assert_eq!(app.law_filter(), None, "and back to all statutes");
}

#[test]
fn esc_clears_the_query_then_quits_and_ctrl_c_quits_anywhere() {
    let mut app = app("样例");
    let mut clipboard = TestClipboard::default();
    press(&mut app, &mut clipboard, &[key(KeyCode::Esc)]);
    assert!(
        app.query().is_empty() && app.running(),
        "first Esc clears the query"
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Esc)]);
    assert!(!app.running(), "second Esc quits");

    let mut app = self::app("样例");
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('?'))]);
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Tab), key(KeyCode::Char('?'))],
    );
    assert!(
        matches!(app.overlay(), Some(Overlay::Help { .. })),
        "? opens help outside the query"
    );
    press(&mut app, &mut clipboard, &[ctrl('c')]);
    assert!(!app.running(), "Ctrl-C quits even with an overlay open");
}

#[test]
fn mouse_wheel_scrolls_and_a_click_selects() {
    let mut app = app("样例隐私");
    let areas = ui::areas(app.size()).expect("100×30 is large enough");
    let at = |x: u16, y: u16, kind| MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(at(
        areas.results.x + 2,
        areas.results.y + 2,
        MouseEventKind::ScrollDown,
    ));
    assert_eq!(
        app.selected(),
        1,
        "wheel over the results moves the selection"
    );
    let per_hit = ui::hit_height(areas.results) as u16;
    let click = MouseEventKind::Down(MouseButton::Left);
    app.handle_mouse(at(
        areas.results.x + 3,
        areas.results.y + 1 + 2 * per_hit,
        click,
    ));
    assert_eq!(app.selected(), 2, "clicking the third hit selects it");
    assert_eq!(app.focus(), Focus::Results);
    app.handle_mouse(at(areas.article.x + 3, areas.article.y + 3, click));
    assert_eq!(
        app.focus(),
        Focus::Article,
        "clicking the article focuses it"
    );
    app.handle_mouse(at(areas.query.x + 3, areas.query.y + 1, click));
    assert_eq!(app.focus(), Focus::Query, "clicking the query focuses it");
    assert_eq!(
        app.query().cursor(),
        1,
        "and puts the cursor where clicked (column 2 = after 样)"
    );
}

#[test]
fn paste_goes_into_the_query() {
    let mut app = app("");
    app.paste("样例\n隐私");
    assert_eq!(
        app.query().text(),
        "样例 隐私",
        "a pasted line break becomes a space"
    );
    assert!(!app.hits().is_empty());
}

#[test]
fn drawing_at_any_size_never_panics_or_overflows() {
    let mut app = app("样例隐私");
    let mut clipboard = TestClipboard::default();
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Tab), key(KeyCode::Char('m'))],
    );
    for (width, height) in [
        (1, 1),
        (2, 1),
        (10, 3),
        (59, 16),
        (60, 15),
        (60, 16),
        (61, 17),
        (83, 21),
        (240, 70),
    ] {
        // No overlay, help, the citation list, and the copy-by-hand popup.
        for overlay_key in [None, Some('?'), Some('c'), Some('y')] {
            let mut app = self::app("样例隐私");
            app.resize(width, height);
            let mut no_clipboard = TestClipboard {
                unavailable: true,
                ..TestClipboard::default()
            };
            press(
                &mut app,
                &mut no_clipboard,
                &[key(KeyCode::Tab), key(KeyCode::Char('m'))],
            );
            if let Some(ch) = overlay_key {
                press(&mut app, &mut no_clipboard, &[key(KeyCode::Char(ch))]);
            }
            let screen = render(&app, width, height);
            for line in screen.lines() {
                assert!(
                    wrap::width(line) == usize::from(width),
                    "row {line:?} is not {width} columns at {width}×{height}:\n{screen}"
                );
            }
        }
    }
    let small = render(&app, 59, 16);
    assert!(
        small.contains("终端窗口太小"),
        "a clear message below 60×16:\n{small}"
    );
}

#[test]
fn the_backend_notice_is_shown_at_start_until_the_first_key() {
    let mut backend = FakeBackend::new();
    backend.notice = Some("索引在内存中建立".into());
    let mut app = App::new(Box::new(backend), "");
    assert_eq!(
        app.flash().map(|f| f.text.as_str()),
        Some("索引在内存中建立")
    );
    assert!(
        render(&app, 100, 30).contains("索引在内存中建立"),
        "notice in the status line"
    );
    type_text(&mut app, "样");
    assert!(app.flash().is_none(), "the notice goes with the first key");
}

#[test]
fn altgr_characters_are_text_and_alt_letters_are_not() {
    let mut app = app("");
    let mut clipboard = TestClipboard::default();
    let altgr = KeyEvent::new(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    let alt = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
    press(&mut app, &mut clipboard, &[altgr, alt]);
    assert_eq!(
        app.query().text(),
        "@",
        "AltGr+q types @; Alt+x types nothing"
    );
}

#[test]
fn a_long_query_scrolls_to_keep_the_cursor_in_the_box() {
    let mut app = app("");
    app.resize(60, 16);
    let long: String = "样例隐私测试".repeat(8);
    type_text(&mut app, &long);
    let areas = ui::areas(app.size()).expect("60×16 is laid out");
    let cursor = app
        .cursor_position(app.size())
        .expect("the cursor is in the query line");
    assert!(
        cursor.x > areas.query.x && cursor.x < areas.query.right() - 1,
        "cursor column {} inside the query box",
        cursor.x
    );
    let screen = render(&app, 60, 16);
    let query_row = screen.lines().nth(1).expect("row 1 is the query");
    assert!(
        query_row.contains("测试 "),
        "the end of the query is visible: {query_row:?}"
    );
    let mut clipboard = TestClipboard::default();
    press(&mut app, &mut clipboard, &[key(KeyCode::Home)]);
    let screen = render(&app, 60, 16);
    assert!(
        screen
            .lines()
            .nth(1)
            .is_some_and(|row| row.starts_with("│样例隐私")),
        "Home scrolls back to the start"
    );
}

#[test]
fn an_uncopied_citation_list_is_handed_back_on_quitting() {
    let mut app = app("样例隐私");
    let mut clipboard = TestClipboard::default();
    assert_eq!(
        app.uncopied_citations(),
        None,
        "nothing marked, nothing to keep"
    );
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Tab), key(KeyCode::Char('m'))],
    );
    let kept = app.uncopied_citations().expect("a marked article is kept");
    assert!(
        kept.starts_with("《样例测试法》"),
        "merged citation: {kept}"
    );
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Char('c')), key(KeyCode::Char('y'))],
    );
    assert_eq!(app.uncopied_citations(), None, "copied, so nothing is lost");
    press(
        &mut app,
        &mut clipboard,
        &[
            key(KeyCode::Esc),
            key(KeyCode::Down),
            key(KeyCode::Char('m')),
        ],
    );
    assert!(
        app.uncopied_citations().is_some(),
        "marking again after the copy makes the list worth keeping"
    );
}

/// Thousands of keys chosen by a fixed pseudo-random sequence, with draws at
/// changing sizes in between: whatever a user mashes, the app never panics.
#[test]
fn mashing_keys_never_panics() {
    const KEYS: &[KeyCode] = &[
        KeyCode::Char('样'),
        KeyCode::Char('例'),
        KeyCode::Char('测'),
        KeyCode::Char('试'),
        KeyCode::Char('法'),
        KeyCode::Char('5'),
        KeyCode::Char('第'),
        KeyCode::Char('条'),
        KeyCode::Char('m'),
        KeyCode::Char('y'),
        KeyCode::Char('Y'),
        KeyCode::Char('c'),
        KeyCode::Char('K'),
        KeyCode::Char('d'),
        KeyCode::Char('r'),
        KeyCode::Char('o'),
        KeyCode::Char('['),
        KeyCode::Char(']'),
        KeyCode::Char('?'),
        KeyCode::Char(' '),
        KeyCode::Char('"'),
        KeyCode::Char('-'),
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::F(1),
    ];
    let mut app = app("");
    let mut clipboard = TestClipboard::default();
    // What the run reached, so it is known to have exercised the app.
    let (mut searches_with_hits, mut most_marked, mut overlays) = (0, 0, 0);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        // xorshift64: deterministic, so a failure reproduces.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for step in 0..3000 {
        let r = next();
        let code = KEYS[(r % KEYS.len() as u64) as usize];
        let event = if r % 7 == 0 {
            KeyEvent::new(code, KeyModifiers::CONTROL)
        } else {
            key(code)
        };
        // Esc would quit; keep going with a cleared query instead, now and then.
        if r % 97 == 0 {
            press(&mut app, &mut clipboard, &[key(KeyCode::Esc)]);
            if !app.running() {
                app = self::app("");
            }
        }
        press(&mut app, &mut clipboard, &[event]);
        if !app.running() {
            app = self::app("");
        }
        if app.results().is_some_and(|r| !r.hits.is_empty()) {
            searches_with_hits += 1;
        }
        most_marked = most_marked.max(app.marked().len());
        overlays += usize::from(app.overlay().is_some());
        if step % 50 == 0 {
            let width = 20 + (next() % 140) as u16;
            let height = 5 + (next() % 50) as u16;
            app.resize(width, height);
            let screen = render(&app, width, height);
            assert_eq!(
                screen.lines().count(),
                usize::from(height),
                "a full frame at step {step}"
            );
        }
    }
    assert!(
        searches_with_hits > 100,
        "searches with hits: {searches_with_hits}"
    );
    assert!(most_marked > 0, "the run should mark articles");
    assert!(overlays > 0, "the run should open overlays");
}

#[test]
fn a_burst_of_keys_is_searched_once_and_ctrl_c_still_quits() {
    let backend = FakeBackend::new();
    let searches = std::rc::Rc::clone(&backend.searches);
    let mut app = App::new(Box::new(backend), "");
    app.resize(100, 30);
    let before = searches.get();
    app.begin_burst();
    type_text(&mut app, &"测试".repeat(500));
    app.end_burst();
    assert_eq!(
        searches.get() - before,
        1,
        "one search for a 1000-key burst"
    );
    assert_eq!(app.query().text(), "测试".repeat(500));
    // A key other than typing inside a burst sees the typed query's results.
    app.begin_burst();
    type_text(&mut app, "x");
    let mut clipboard = TestClipboard::default();
    app.handle_key_with(key(KeyCode::Down), &mut clipboard);
    assert_eq!(
        searches.get() - before,
        2,
        "the query is searched before ↓ acts"
    );
    type_text(&mut app, &"y".repeat(1000));
    app.handle_key_with(ctrl('c'), &mut clipboard);
    assert!(!app.running(), "Ctrl-C quits in the middle of a burst");
    app.end_burst();
}

#[test]
fn the_citation_list_exports_a_template_with_the_marked_provisions() {
    let mut app = app("测试法7");
    let mut clipboard = TestClipboard::default();
    press(
        &mut app,
        &mut clipboard,
        &[ctrl('l'), key(KeyCode::Char('e'))],
    );
    assert!(
        app.flash().is_some_and(|f| f.text.contains("清单是空的")),
        "an empty list has nothing to export"
    );
    assert_eq!(app.overlay(), Some(&Overlay::Citations { selected: 0 }));
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Esc), ctrl('s'), ctrl('l')],
    );
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('e'))]);
    assert_eq!(app.overlay(), Some(&Overlay::Export { selected: 0 }));
    let screen = render(&app, 100, 30);
    for kind in crate::document::DocumentKind::ALL {
        assert!(screen.contains(kind.label()), "{kind:?} offered:\n{screen}");
    }
    // Down to 报警材料, then m for Markdown.
    press(
        &mut app,
        &mut clipboard,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Char('m')),
        ],
    );
    let [(name, bytes)] = clipboard.saved.as_slice() else {
        panic!("one document exported, got {:?}", clipboard.saved.len());
    };
    assert_eq!(name, "报警材料.md");
    let text = String::from_utf8(bytes.clone()).expect("Markdown is UTF-8");
    for word in [
        "# 报警材料",
        "事实与理由",
        "证据清单",
        "《样例测试法》第七条",
        "测试条文第7条，样例隐私受虚构规则保护",
    ] {
        assert!(text.contains(word), "the export has {word}:\n{text}");
    }
    let flash = app.flash().map(|f| f.text.clone()).unwrap_or_default();
    assert_eq!(flash, "已导出报警材料（模板）：/导出/报警材料.md");
    assert_eq!(
        app.overlay(),
        Some(&Overlay::Citations { selected: 0 }),
        "back in the list after exporting"
    );
    // Enter writes .docx; D clears the list.
    press(
        &mut app,
        &mut clipboard,
        &[key(KeyCode::Char('e')), key(KeyCode::Enter)],
    );
    assert_eq!(clipboard.saved[1].0, "引用条文.docx");
    assert_eq!(&clipboard.saved[1].1[..2], b"PK", "a zip archive");
    press(&mut app, &mut clipboard, &[key(KeyCode::Char('D'))]);
    assert!(app.marked().is_empty(), "D clears the list");
}

#[test]
fn a_saved_list_is_restored_and_counts_as_copied() {
    let mut app = app("测试法7");
    let mut clipboard = TestClipboard::default();
    press(&mut app, &mut clipboard, &[ctrl('s')]);
    let refs = app.marked_refs();
    let mut next = self::app("");
    next.restore_marked(&refs);
    assert_eq!(next.marked_refs(), refs, "the same list");
    assert_eq!(
        next.uncopied_citations(),
        None,
        "an unchanged restored list is not printed on quitting"
    );
}
