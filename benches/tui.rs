//! Keystroke to redrawn frame on the full corpus: the app handles one key
//! (which runs the search) and draws the whole screen to ratatui's
//! `TestBackend`. The target is under 16 ms, one frame at 60 Hz.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fatiao::tui::{App, ui};
use fatiao::{Corpus, Engine, IndexLocation};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Types `last` when the query does not end with it, else deletes it: every
/// iteration is one keystroke and one search, and the state stays bounded.
fn toggle_last(app: &mut App, last: char) {
    let code = if app.query().text().ends_with(last) {
        KeyCode::Backspace
    } else {
        KeyCode::Char(last)
    };
    let effect = app.handle_key(key(code));
    assert!(effect.is_none(), "typing never asks for a copy");
}

fn keystroke_to_frame(c: &mut Criterion) {
    let corpus = Corpus::builtin().expect("the built-in corpus parses");
    let engine = Arc::new(
        Engine::open(Arc::new(corpus), &IndexLocation::InMemory).expect("in-memory index"),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");

    let cases: [(&str, &str, char); 3] = [
        ("free_text", "私人生活安", '宁'),
        ("phrase_words", "催收 骚扰 亲", '友'),
        ("reference", "民法典103", '2'),
    ];
    for (name, prefix, last) in cases {
        let mut app = App::new(Box::new(Arc::clone(&engine)), prefix);
        app.prepare();
        app.resize(120, 40);
        c.bench_function(&format!("keystroke_to_frame/{name}"), |b| {
            b.iter(|| {
                toggle_last(&mut app, last);
                terminal
                    .draw(|frame| ui::draw(frame, &app))
                    .expect("drawing to a test backend cannot fail");
                assert!(
                    !app.hits().is_empty(),
                    "{:?} finds articles",
                    app.query().text()
                );
                black_box(terminal.backend().buffer().area);
            })
        });
    }

    // Moving the selection redraws the article pane without searching.
    let mut app = App::new(Box::new(Arc::clone(&engine)), "隐私");
    app.prepare();
    app.resize(120, 40);
    c.bench_function("keystroke_to_frame/move_selection", |b| {
        b.iter(|| {
            let code = if app.selected() == 0 {
                KeyCode::Down
            } else {
                KeyCode::Up
            };
            app.handle_key(key(code));
            terminal
                .draw(|frame| ui::draw(frame, &app))
                .expect("drawing to a test backend cannot fail");
            assert!(app.view().is_some(), "an article is shown");
        })
    });
}

criterion_group!(benches, keystroke_to_frame);
criterion_main!(benches);
