//! The TUI on the real corpus: snapshots of the screens drawn to ratatui's
//! `TestBackend`, with an engine whose index is built in memory (never ./index).

use std::sync::{Arc, OnceLock};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fatiao::tui::clipboard::{Clipboard, CopyOutcome};
use fatiao::tui::{App, Focus, ui};
use fatiao::{Corpus, Engine, IndexLocation};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// One engine for all tests in this file: building the index takes a moment.
fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let corpus = Corpus::builtin().expect("the built-in corpus parses");
            let engine = Engine::open(Arc::new(corpus), &IndexLocation::InMemory)
                .expect("an in-memory index builds");
            Arc::new(engine)
        })
        .clone()
}

fn app(query: &str, width: u16, height: u16) -> App {
    let mut app = App::new(Box::new(engine()), query);
    app.resize(width, height);
    app
}

/// Accepts every copy, as a system clipboard would.
#[derive(Default)]
struct Recorder(Vec<String>);

impl Clipboard for Recorder {
    fn copy(&mut self, text: &str) -> CopyOutcome {
        self.0.push(text.to_string());
        CopyOutcome::Copied(vec!["测试剪贴板".into()])
    }
}

fn press(app: &mut App, clipboard: &mut Recorder, keys: &[KeyCode]) {
    for &code in keys {
        app.handle_key_with(KeyEvent::new(code, KeyModifiers::NONE), clipboard);
    }
}

/// The app drawn on a test terminal of its size: the frame as drawn, before
/// ratatui's diff drops cells hidden under wide characters (so they show up).
fn draw(app: &App) -> Buffer {
    let size = app.size();
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test terminal");
    let frame = terminal
        .draw(|frame| ui::draw(frame, app))
        .expect("drawing to a test backend cannot fail");
    frame.buffer.clone()
}

/// The screen as text; fails if anything was drawn over a wide character.
fn screen(app: &App) -> String {
    let size = app.size();
    let text = ui::screen_text(&draw(app)).unwrap_or_else(|err| panic!("{err}"));
    for line in text.lines() {
        assert_eq!(
            fatiao::tui::wrap::width(line),
            usize::from(size.width),
            "every row is exactly the terminal's width: {line:?}"
        );
    }
    text
}

/// The article's text as the corpus holds it, for checks that do not retype it.
fn article_text(law: &str, number: u32) -> String {
    let engine = engine();
    let statute = engine
        .corpus()
        .in_force_named(law)
        .unwrap_or_else(|| panic!("{law} is in the corpus"));
    statute
        .article(fatiao::ArticleNo { number, suffix: 0 })
        .unwrap_or_else(|| panic!("{law} has article {number}"))
        .text()
}

#[test]
fn start_screen() {
    let app = app("", 80, 24);
    let text = screen(&app);
    assert!(
        text.contains("部分收录"),
        "the convention is labelled partial on the start screen"
    );
    insta::assert_snapshot!("start", text);
}

#[test]
fn results_for_privacy() {
    let app = app("隐私", 100, 30);
    assert!(app.hits().len() > 3, "隐私 finds several articles");
    let text = screen(&app);
    assert!(
        text.contains("民法典 第"),
        "hits carry short citations:\n{text}"
    );
    insta::assert_snapshot!("results_privacy", text);

    // The matched word is highlighted in the snippets and in the article.
    let buffer = draw(&app);
    let areas = ui::areas(app.size()).expect("100×30 is laid out");
    let highlighted = |area: ratatui::layout::Rect| {
        area.positions()
            .filter(|&p| {
                let cell = &buffer[p];
                cell.symbol() == "隐" && cell.fg == Color::Yellow
            })
            .count()
    };
    assert!(
        highlighted(areas.results) > 0,
        "隐私 is highlighted in the results"
    );
    assert!(
        highlighted(areas.article) > 0,
        "隐私 is highlighted in the article"
    );
}

/// A result found through the article's lay phrases says which, apart from
/// the statute's text and marked as no part of it.
#[test]
fn lay_phrases_that_found_an_article_are_named_apart_from_its_text() {
    let app = app("被邻居家的狗咬了谁赔", 100, 30);
    let hit = app.selected_hit().expect("the question finds articles");
    assert_eq!((hit.law.as_str(), hit.article), ("民法典", 1245));
    assert!(!hit.lay_phrases.is_empty(), "{hit:?}");
    let text = screen(&app);
    assert!(
        text.contains("俗语：") && text.contains("非条文原文"),
        "the article pane names the lay phrases:\n{text}"
    );
    insta::assert_snapshot!("lay_phrases_1245", text);
}

#[test]
fn article_view_of_civil_code_1032() {
    let app = app("民法典第一千零三十二条", 100, 30);
    let hit = app.selected_hit().expect("the reference finds the article");
    assert_eq!((hit.law.as_str(), hit.article), ("民法典", 1032));
    let text = screen(&app);
    assert!(
        text.contains("民法典 › 第四编 人格权 › 第六章 隐私权和个人信息保护"),
        "breadcrumb:\n{text}"
    );
    assert!(
        text.contains("《中华人民共和国民法典》第一千零三十二条"),
        "citation:\n{text}"
    );
    assert!(text.contains("现行有效"), "badge:\n{text}");
    // The article's last words, from the corpus, are on screen (wrapped lines joined).
    let joined: String = text.chars().filter(|c| !"│ \n".contains(*c)).collect();
    let tail: String = article_text("民法典", 1032)
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        joined.contains(&tail),
        "the article text ends with {tail:?}:\n{text}"
    );
    insta::assert_snapshot!("article_civil_code_1032", text);
}

#[test]
fn psapl_article_50_with_its_items() {
    let app = app("治安管理处罚法第五十条", 100, 40);
    let text = screen(&app);
    let items = article_text("治安管理处罚法", 50)
        .lines()
        .filter(|l| l.starts_with('（'))
        .count();
    assert!(items >= 5, "the corpus holds 第五十条's items");
    for n in 1..=items as u32 {
        let marker = fatiao::corpus::numerals::item_marker(n);
        assert!(text.contains(&marker), "item {marker} is laid out:\n{text}");
    }
    insta::assert_snapshot!("psapl_50_items", text);
}

#[test]
fn psapl_reference_to_an_item_marks_it() {
    let app = app("治安法第50条第一款第五项", 100, 40);
    let view = app.view().expect("the reference opens the article");
    assert_eq!((view.paragraph, view.item), (Some(1), Some(5)));
    assert_eq!(
        app.citation(view),
        "《中华人民共和国治安管理处罚法》第五十条第一款第五项"
    );
    let text = screen(&app);
    assert!(
        text.contains("▌ "),
        "the named item is marked in the gutter:\n{text}"
    );
}

#[test]
fn help_overlay() {
    let mut app = app("", 100, 30);
    press(&mut app, &mut Recorder::default(), &[KeyCode::F(1)]);
    insta::assert_snapshot!("help", screen(&app));
}

#[test]
fn citation_list() {
    let mut app = app("民法典1032", 100, 30);
    let mut clipboard = Recorder::default();
    press(
        &mut app,
        &mut clipboard,
        &[KeyCode::Tab, KeyCode::Char('m')],
    );
    for query in ["民法典1034", "治安法第50条第一款第五项"] {
        press(&mut app, &mut clipboard, &[KeyCode::Esc]);
        for ch in query.chars() {
            press(&mut app, &mut clipboard, &[KeyCode::Char(ch)]);
        }
        press(
            &mut app,
            &mut clipboard,
            &[KeyCode::Tab, KeyCode::Char('m')],
        );
    }
    assert_eq!(app.marked().len(), 3, "three articles marked");
    press(&mut app, &mut clipboard, &[KeyCode::Char('c')]);
    let text = screen(&app);
    insta::assert_snapshot!("citation_list", text);
    press(&mut app, &mut clipboard, &[KeyCode::Char('y')]);
    assert_eq!(
        clipboard.0.last().map(String::as_str),
        Some(
            "《中华人民共和国民法典》第一千零三十二条、第一千零三十四条和《中华人民共和国治安管理处罚法》第五十条第一款第五项"
        ),
        "the list is copied merged, the way lawyers write it"
    );
}

#[test]
fn convention_partial_notice() {
    let app = app("催收公约第十三条", 100, 30);
    let hit = app
        .selected_hit()
        .expect("the convention's 第十三条 is held");
    assert!(hit.partial, "the convention is partial");
    let text = screen(&app);
    assert!(text.contains("部分收录"), "badge:\n{text}");
    let engine = engine();
    let notice = &engine.corpus().statutes[app.view().expect("shown").at.statute]
        .meta
        .notice;
    let first_words: String = notice.chars().take(10).collect();
    assert!(
        text.contains(&first_words),
        "the statute's notice is shown:\n{text}"
    );
    insta::assert_snapshot!("convention_partial", text);
}

#[test]
fn small_terminal_60_by_16() {
    let mut app = app("私人生活安宁", 60, 16);
    let text = screen(&app);
    insta::assert_snapshot!("small_60x16", text);
    press(
        &mut app,
        &mut Recorder::default(),
        &[KeyCode::Tab, KeyCode::Tab],
    );
    assert_eq!(app.focus(), Focus::Article);
    press(&mut app, &mut Recorder::default(), &[KeyCode::PageDown]);
    screen(&app);
    // The longest pane titles: a superseded version, the partial convention, overlays.
    for query in ["治安管理处罚法（2012）第42条", "催收公约第13条"] {
        let mut app = self::app(query, 60, 16);
        let text = screen(&app);
        let number = if query.contains("42") {
            "第42条"
        } else {
            "第13条"
        };
        let rows_with_number = text.lines().filter(|l| l.contains(number)).count();
        assert!(
            rows_with_number >= 3,
            "the article number survives in the query, the result and the title at 60×16:\n{text}"
        );
        for key in [
            KeyCode::F(1),
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::Char('m'),
            KeyCode::Char('c'),
        ] {
            press(&mut app, &mut Recorder::default(), &[key]);
            screen(&app);
        }
    }
}

#[test]
fn following_a_cross_reference_and_going_back() {
    // Find an article with a followable cross-reference to another article.
    let engine = engine();
    let statute = engine
        .corpus()
        .in_force_named("治安管理处罚法")
        .expect("PSAPL in force");
    let names = fatiao::reference::statute_names(engine.corpus());
    let (article, target) = statute
        .articles
        .iter()
        .find_map(|a| {
            fatiao::reference::cross_references(&names, statute, a)
                .into_iter()
                .filter(|r| !r.targets.is_empty())
                .find(|r| r.targets[0].article != a.no)
                .map(|r| (a.no.number, r.targets[0].article.number))
        })
        .expect("some PSAPL article refers to another one");
    let mut app = app(&format!("治安管理处罚法第{article}条"), 100, 30);
    let mut clipboard = Recorder::default();
    press(&mut app, &mut clipboard, &[KeyCode::Enter]);
    assert_eq!(app.focus(), Focus::Article);
    // Select references until one leads to another article, then follow it.
    let mut followed = false;
    for _ in 0..20 {
        press(
            &mut app,
            &mut clipboard,
            &[KeyCode::Char('r'), KeyCode::Enter],
        );
        let view = app.view().expect("an article is shown");
        let number = engine.corpus().statutes[view.at.statute].articles[view.at.article]
            .no
            .number;
        if number != article {
            assert!(app.can_go_back(), "following remembers where it came from");
            followed = true;
            break;
        }
        press(&mut app, &mut clipboard, &[KeyCode::Char('b')]);
    }
    assert!(
        followed,
        "第{article}条 leads to 第{target}条 or another article"
    );
    press(&mut app, &mut clipboard, &[KeyCode::Char('b')]);
    let view = app.view().expect("an article is shown");
    assert_eq!(
        engine.corpus().statutes[view.at.statute].articles[view.at.article]
            .no
            .number,
        article,
        "b goes back"
    );
}

#[test]
fn psapl_counterpart_in_the_other_version() {
    let mut app = app("治安管理处罚法（2012）第42条", 100, 30);
    let text = screen(&app);
    assert!(
        text.contains("已被修订"),
        "the 2012 text is labelled superseded:\n{text}"
    );
    assert!(
        text.contains("对应现行2025年版第五十条"),
        "the 2025 counterpart is named:\n{text}"
    );
    insta::assert_snapshot!("psapl_2012_42_counterpart", text);

    let mut clipboard = Recorder::default();
    press(
        &mut app,
        &mut clipboard,
        &[KeyCode::Enter, KeyCode::Char('o')],
    );
    let view = app.view().expect("an article is shown");
    assert_eq!(
        app.short_label(view.at),
        "治安管理处罚法 第50条",
        "o jumps to the counterpart"
    );
    assert!(
        screen(&app).contains("对应2012年版第四十二条"),
        "and names the way back"
    );
    press(&mut app, &mut clipboard, &[KeyCode::Char('b')]);
    let view = app.view().expect("an article is shown");
    assert_eq!(
        app.short_label(view.at),
        "治安管理处罚法（2012）第42条",
        "b comes back"
    );

    let app = self::app("治安管理处罚法第56条", 100, 30);
    assert!(
        screen(&app).contains("本条为新增条文"),
        "a 2025 article without a 2012 counterpart is reported as new"
    );
}

#[test]
fn lay_expansions_are_named_under_the_query() {
    let app = app("借钱不还", 100, 30);
    let expansions = app
        .results()
        .map(|r| r.expansions.clone())
        .unwrap_or_default();
    assert!(!expansions.is_empty(), "借钱不还 should be expanded");
    let screen = screen(&app);
    let query_box_bottom = screen.lines().nth(2).unwrap_or_default();
    assert!(
        query_box_bottom.contains("也搜索了") && query_box_bottom.contains(&expansions[0]),
        "the query box's bottom border names the expansions {expansions:?}:\n{screen}"
    );
}

/// 第二百九十三条之一 sits between 293 and 294: [ and ] step through it.
#[test]
fn suffixed_articles_are_neighbours_in_order() {
    let mut app = app("刑法第二百九十三条", 100, 30);
    let mut clipboard = Recorder::default();
    press(&mut app, &mut clipboard, &[KeyCode::Enter]);
    let mut seen = Vec::new();
    for _ in 0..2 {
        press(&mut app, &mut clipboard, &[KeyCode::Char(']')]);
        let view = app.view().expect("an article is shown");
        seen.push(app.short_label(view.at));
    }
    press(&mut app, &mut clipboard, &[KeyCode::Char('[')]);
    let view = app.view().expect("an article is shown");
    seen.push(app.short_label(view.at));
    assert_eq!(
        seen,
        ["刑法 第293条之1", "刑法 第294条", "刑法 第293条之1"],
        "] and [ step through 之一 between its neighbours"
    );
    assert!(
        screen(&app).contains("第二百九十三条之一"),
        "the article pane shows 第二百九十三条之一:\n{}",
        screen(&app)
    );
}

#[test]
fn a_list_typed_in_the_query_line_lists_its_articles() {
    let app = app("民法典1024、1033", 100, 30);
    let citations: Vec<&str> = app.hits().iter().map(|h| h.citation.as_str()).collect();
    assert_eq!(
        citations,
        [
            "《中华人民共和国民法典》第一千零二十四条",
            "《中华人民共和国民法典》第一千零三十三条"
        ],
        "the two articles named, in order"
    );
    // Typing on: a trailing 、 does not lose the list.
    let app = self::app("民法典1024、", 100, 30);
    assert_eq!(app.hits().len(), 1, "民法典1024、 is still 民法典1024");
}

#[test]
fn an_old_number_is_said_in_the_article_pane() {
    let app = app("治安管理处罚法第四十二条", 100, 30);
    let text = screen(&app);
    assert!(
        text.contains("旧编号：2012年修正版第四十二条"),
        "the notice is shown with the article:\n{text}"
    );
    let notice = app.hits()[0].renumbered.clone().unwrap_or_default();
    assert!(notice.ends_with("现为第五十条"), "{notice}");
    // A version named: no notice.
    let app = self::app("2025年治安管理处罚法第四十二条", 100, 30);
    assert!(!screen(&app).contains("旧编号"));
}

#[test]
fn copying_an_item_with_its_text_quotes_its_lead_in() {
    let mut app = app("治安法第50条第一款第五项", 100, 40);
    let mut clipboard = Recorder::default();
    app.handle_key_with(
        KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL),
        &mut clipboard,
    );
    let copied = clipboard.0.first().expect("Ctrl-T copies");
    let engine = engine();
    let article = engine
        .corpus()
        .in_force_named("治安管理处罚法")
        .and_then(|s| {
            s.article(fatiao::ArticleNo {
                number: 50,
                suffix: 0,
            })
        })
        .expect("art. 50");
    let first = &article.paragraphs[0];
    assert_eq!(
        copied.lines().take(2).collect::<Vec<_>>(),
        [
            "《中华人民共和国治安管理处罚法》第五十条第一款第五项",
            first.text.as_str()
        ],
        "citation, then the lead-in:\n{copied}"
    );
    assert!(
        copied.contains(&format!(
            "▶{}{}",
            first.items[4].marker, first.items[4].text
        )),
        "the cited item, marked:\n{copied}"
    );
}
