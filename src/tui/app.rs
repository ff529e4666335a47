//! The app state and its update: keys and mouse events in, new state out.
//!
//! Nothing here touches the terminal. A key that needs the outside world
//! (copying) returns an [`Effect`] for the event loop to carry out; the loop
//! reports back with [`App::copied`]. Searching goes through the [`Backend`]
//! trait, so tests drive the app with a small synthetic corpus.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::article;
use super::clipboard::{Clipboard, CopyOutcome};
use super::input::LineInput;
use super::ui;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::cite::{self, CiteStyle, LetterFormat};
use crate::corpus::Corpus;
use crate::correspondence::{self, Correspondence};
use crate::document::{self, DocFormat, DocumentKind};
use crate::error::Result;
use crate::reference::ResolvedRef;
use crate::search::{Hit, QueryKind, SearchOptions, SearchResults};

/// How many hits the results list holds.
pub const RESULT_LIMIT: usize = 50;

/// What the app searches and reads: the engine, or a fake in tests.
pub trait Backend {
    /// The statutes, for reading whole articles and their neighbours.
    fn corpus(&self) -> &Corpus;
    /// Ranked hits for `query`; article references come back as
    /// [`QueryKind::Reference`] with the referenced articles as hits.
    fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults>;
    /// Something the user should know from the start, e.g. that the index
    /// could not be written and lives in memory.
    fn notice(&self) -> Option<String> {
        None
    }
}

impl Backend for crate::search::Engine {
    fn corpus(&self) -> &Corpus {
        crate::search::Engine::corpus(self)
    }

    fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        crate::search::Engine::search(self, query, options)
    }

    fn notice(&self) -> Option<String> {
        self.index().notice.clone()
    }
}

/// A shared backend, e.g. one engine used by several apps in tests and benches.
impl<B: Backend + ?Sized> Backend for std::sync::Arc<B> {
    fn corpus(&self) -> &Corpus {
        (**self).corpus()
    }

    fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        (**self).search(query, options)
    }

    fn notice(&self) -> Option<String> {
        (**self).notice()
    }
}

/// Which pane takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Query,
    Results,
    Article,
}

/// A panel drawn over the screen, taking the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// All keys, scrolled by `scroll` lines on a short screen.
    Help { scroll: usize },
    /// The marked articles, `selected` being the one reordered or removed.
    Citations { selected: usize },
    /// The export menu of the citation list: which document, `selected`
    /// being an index into [`DocumentKind::ALL`].
    Export { selected: usize },
    /// Text that could not reach a clipboard, shown to copy by hand.
    CopyText {
        title: String,
        text: String,
        scroll: usize,
    },
}

/// An article of the corpus by position: `corpus.statutes[statute].articles[article]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleAt {
    pub statute: usize,
    pub article: usize,
}

impl ArticleAt {
    /// Where the article a reference names sits in `corpus`, if it is there.
    pub fn of(corpus: &Corpus, target: &ResolvedRef) -> Option<ArticleAt> {
        let statute = corpus
            .statutes
            .iter()
            .position(|s| s.id() == target.statute_id)?;
        let article = corpus.statutes[statute]
            .articles
            .iter()
            .position(|a| a.no == target.article)?;
        Some(ArticleAt { statute, article })
    }
}

/// The article shown in the article pane, with the paragraph (款) and item (项)
/// a reference named, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub at: ArticleAt,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
}

/// Where an article went in the statute's other version.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionCounterpart {
    /// The other version (index into the corpus).
    pub statute: usize,
    /// Its corresponding articles: none (new or removed), one, or two (split, merged).
    pub articles: Vec<ArticleAt>,
    /// Similarity of the texts, 0.0–1.0.
    pub similarity: f64,
}

/// Something the event loop must do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Copy(CopyRequest),
    /// Write a document file (the event loop decides where).
    Export(ExportRequest),
}

/// A document to write: what it is, a file name to start from, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub kind: DocumentKind,
    pub format: DocFormat,
    /// 报警材料.docx; the event loop picks a free name like it.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Text to put on the clipboard and how to describe it in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    pub text: String,
    /// 引用《中华人民共和国民法典》第一千零三十二条, 3 条引用 …
    pub what: String,
}

/// Tone of a status-line message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
}

/// A one-keystroke message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub tone: Tone,
}

/// The whole state of the TUI.
pub struct App {
    backend: Box<dyn Backend>,
    query: LineInput,
    focus: Focus,
    overlay: Option<Overlay>,
    results: Option<SearchResults>,
    /// The hits shown are the engine's suggestions for a missing article.
    suggested: bool,
    /// The engine had more hits than [`RESULT_LIMIT`]: the list shows the first ones.
    capped: bool,
    selected: usize,
    results_offset: usize,
    view: Option<View>,
    article_scroll: usize,
    /// The cross-reference of the shown article that Enter follows.
    selected_reference: Option<usize>,
    /// Views left by following cross-references, for going back.
    history: Vec<View>,
    marked: Vec<View>,
    /// The citation list as it was last copied, to tell on quitting whether
    /// the user would lose an uncopied list.
    marked_copied: Option<Vec<View>>,
    /// Short name of the statute searches are limited to.
    law_filter: Option<String>,
    all_versions: bool,
    flash: Option<Flash>,
    /// Old ⇄ new article correspondences by statute short name, computed on
    /// first need (aligning two versions takes a moment).
    correspondences: RefCell<HashMap<String, Option<Rc<Correspondence>>>>,
    /// Terminal size, for page sizes and mouse hit-testing.
    size: Rect,
    running: bool,
    /// Inside a burst of waiting events ([`App::begin_burst`]).
    burst: bool,
    /// A query edit in the burst still needs its search.
    search_pending: bool,
}

impl App {
    /// A new app on `backend`, searching `query` at once if it is not empty.
    pub fn new(backend: Box<dyn Backend>, query: &str) -> Self {
        let mut app = App {
            backend,
            query: LineInput::new(query),
            focus: Focus::Query,
            overlay: None,
            results: None,
            suggested: false,
            capped: false,
            selected: 0,
            results_offset: 0,
            view: None,
            article_scroll: 0,
            selected_reference: None,
            history: Vec::new(),
            marked: Vec::new(),
            marked_copied: None,
            law_filter: None,
            all_versions: false,
            flash: None,
            correspondences: RefCell::new(HashMap::new()),
            size: Rect::new(0, 0, 80, 24),
            running: true,
            burst: false,
            search_pending: false,
        };
        app.refresh();
        if let Some(notice) = app.backend.notice() {
            app.set_flash(Tone::Warning, notice);
        }
        app
    }

    // ----- read access for drawing and tests -----

    pub fn corpus(&self) -> &Corpus {
        self.backend.corpus()
    }

    pub fn query(&self) -> &LineInput {
        &self.query
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn results(&self) -> Option<&SearchResults> {
        self.results.as_ref()
    }

    pub fn hits(&self) -> &[Hit] {
        self.results.as_ref().map_or(&[], |r| r.hits.as_slice())
    }

    /// Whether the hits are suggestions for a reference to a missing article.
    pub fn suggested(&self) -> bool {
        self.suggested
    }

    /// Whether there were more hits than the list holds ([`RESULT_LIMIT`]).
    pub fn capped(&self) -> bool {
        self.capped
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits().get(self.selected)
    }

    pub fn results_offset(&self) -> usize {
        self.results_offset
    }

    pub fn view(&self) -> Option<View> {
        self.view
    }

    pub fn article_scroll(&self) -> usize {
        self.article_scroll
    }

    /// Index of the selected cross-reference among the shown article's followable ones.
    pub fn selected_reference(&self) -> Option<usize> {
        self.selected_reference
    }

    /// Whether `b` can go back to an article left by following a reference.
    pub fn can_go_back(&self) -> bool {
        !self.history.is_empty()
    }

    pub fn marked(&self) -> &[View] {
        &self.marked
    }

    pub fn is_marked(&self, at: ArticleAt) -> bool {
        self.marked.iter().any(|m| m.at == at)
    }

    pub fn law_filter(&self) -> Option<&str> {
        self.law_filter.as_deref()
    }

    pub fn all_versions(&self) -> bool {
        self.all_versions
    }

    pub fn flash(&self) -> Option<&Flash> {
        self.flash.as_ref()
    }

    /// False once the user asked to quit.
    pub fn running(&self) -> bool {
        self.running
    }

    /// Words to highlight in the article: those the selected hit matched.
    pub fn highlight_terms(&self) -> &[String] {
        self.selected_hit()
            .map_or(&[], |h| h.matched_terms.as_slice())
    }

    /// Where the terminal cursor goes: in the query line when it has focus.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        if self.focus != Focus::Query || self.overlay.is_some() {
            return None;
        }
        ui::query_cursor(self, area)
    }

    /// The terminal's size changed (also called once at start).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.ensure_selection_visible();
        self.clamp_article_scroll();
    }

    pub fn size(&self) -> Rect {
        self.size
    }

    // ----- searching -----

    fn options(&self) -> SearchOptions {
        SearchOptions {
            // One more than shown, to know whether the list is all there is.
            limit: RESULT_LIMIT + 1,
            all_versions: self.all_versions,
            laws: self.law_filter.iter().cloned().collect(),
            expand: true,
        }
    }

    /// Runs the query again and shows the first hit.
    fn refresh(&mut self) {
        if self.burst {
            self.search_pending = true;
            return;
        }
        self.selected = 0;
        self.results_offset = 0;
        self.suggested = false;
        self.capped = false;
        let query = self.query.text().trim();
        if query.is_empty() {
            self.results = None;
        } else {
            match self.backend.search(query, &self.options()) {
                Ok(mut results) => {
                    if results.hits.len() > RESULT_LIMIT {
                        results.hits.truncate(RESULT_LIMIT);
                        self.capped = true;
                    }
                    // A missing article: offer the nearest ones in its place.
                    if results.hits.is_empty() && !results.suggestions.is_empty() {
                        results.hits = std::mem::take(&mut results.suggestions);
                        self.suggested = true;
                    }
                    // The index was found damaged and rebuilt: say so once.
                    if let Some(notice) = results.notice.take() {
                        self.set_flash(Tone::Warning, notice);
                    }
                    self.results = Some(results);
                }
                Err(err) => {
                    self.results = None;
                    self.set_flash(Tone::Warning, err.to_string());
                }
            }
        }
        self.show_selected();
    }

    /// Puts the selected hit in the article pane.
    fn show_selected(&mut self) {
        self.view = self.selected_hit().and_then(|hit| {
            let at = self.locate(hit)?;
            Some(View {
                at,
                paragraph: hit.paragraph,
                item: hit.item,
            })
        });
        self.history.clear();
        self.scroll_to_view_start();
        self.ensure_selection_visible();
    }

    /// The corpus position of a hit's article.
    fn locate(&self, hit: &Hit) -> Option<ArticleAt> {
        let corpus = self.corpus();
        let statute = corpus
            .statutes
            .iter()
            .position(|s| s.id() == hit.statute_id)?;
        let article = corpus.statutes[statute]
            .articles
            .iter()
            .position(|a| a.no.number == hit.article && a.no.suffix == hit.article_suffix)?;
        Some(ArticleAt { statute, article })
    }

    /// A warning from outside the app (the event loop) for the status line.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.set_flash(Tone::Warning, text);
    }

    fn set_flash(&mut self, tone: Tone, text: impl Into<String>) {
        self.flash = Some(Flash {
            text: text.into(),
            tone,
        });
    }

    // ----- keys -----

    /// Handles one key press and returns what the event loop must do, if anything.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        self.flash = None;
        // In a burst, anything but typing acts on the results of what was typed.
        let typing = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if self.search_pending && !typing {
            self.search_pending = false;
            let burst = std::mem::replace(&mut self.burst, false);
            self.refresh();
            self.burst = burst;
        }
        // AltGr arrives as Ctrl+Alt on Windows: that is text, not a command.
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL)
            && !key.modifiers.contains(KeyModifiers::ALT);
        if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
            self.running = false;
            return None;
        }
        if self.overlay.is_some() {
            return self.overlay_key(key);
        }
        if ctrl {
            return self.control_key(key.code);
        }
        match key.code {
            KeyCode::Esc => {
                if self.query.is_empty() {
                    self.running = false;
                } else {
                    self.query.clear();
                    self.focus = Focus::Query;
                    self.refresh();
                }
                None
            }
            KeyCode::Tab => {
                self.focus = match self.focus {
                    Focus::Query => Focus::Results,
                    Focus::Results => Focus::Article,
                    Focus::Article => Focus::Query,
                };
                None
            }
            KeyCode::BackTab => {
                self.focus = match self.focus {
                    Focus::Query => Focus::Article,
                    Focus::Results => Focus::Query,
                    Focus::Article => Focus::Results,
                };
                None
            }
            KeyCode::F(1) => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                None
            }
            KeyCode::PageDown => {
                self.scroll_article_page(1);
                None
            }
            KeyCode::PageUp => {
                self.scroll_article_page(-1);
                None
            }
            _ => match self.focus {
                Focus::Query => self.query_key(key),
                Focus::Results => self.results_key(key),
                Focus::Article => self.article_key(key),
            },
        }
    }

    /// Handles a key and carries out its effect on `clipboard` (which also
    /// writes exported documents) at once.
    pub fn handle_key_with(&mut self, key: KeyEvent, clipboard: &mut dyn Clipboard) {
        match self.handle_key(key) {
            Some(Effect::Copy(request)) => {
                let outcome = clipboard.copy(&request.text);
                self.copied(request, outcome);
            }
            Some(Effect::Export(request)) => {
                let written = clipboard.save_document(&request.file_name, &request.bytes);
                self.exported(&request, written);
            }
            None => {}
        }
    }

    /// Control-key commands: the same in every pane, so they work while typing.
    fn control_key(&mut self, code: KeyCode) -> Option<Effect> {
        match code {
            KeyCode::Char('n') => self.move_selection(1),
            KeyCode::Char('p') => self.move_selection(-1),
            KeyCode::Char('y') => return self.copy_citation(),
            KeyCode::Char('t') => return self.copy_with_text(),
            KeyCode::Char('s') => self.toggle_mark(),
            KeyCode::Char('l') => self.open_citations(),
            KeyCode::Char('f') => self.cycle_law_filter(),
            KeyCode::Char('o') => self.toggle_versions(),
            KeyCode::Char('a') if self.focus == Focus::Query => self.query.home(),
            KeyCode::Char('e') if self.focus == Focus::Query => self.query.end(),
            KeyCode::Char('u') if self.focus == Focus::Query => {
                self.query.clear();
                self.refresh();
            }
            KeyCode::Char('w') if self.focus == Focus::Query && self.query.delete_word() => {
                self.refresh();
            }
            KeyCode::Char('k') if self.focus == Focus::Query && self.query.delete_to_end() => {
                self.refresh();
            }
            KeyCode::Char('h') if self.focus == Focus::Query && self.query.backspace() => {
                self.refresh();
            }
            KeyCode::Home => self.select(0),
            KeyCode::End => self.select(self.hits().len().saturating_sub(1)),
            _ => {}
        }
        None
    }

    fn query_key(&mut self, key: KeyEvent) -> Option<Effect> {
        match key.code {
            KeyCode::Char(ch) if is_text(key.modifiers) => {
                self.query.insert(ch);
                self.refresh();
            }
            KeyCode::Backspace if self.query.backspace() => {
                self.refresh();
            }
            KeyCode::Delete if self.query.delete() => {
                self.refresh();
            }
            KeyCode::Left => self.query.left(),
            KeyCode::Right => self.query.right(),
            KeyCode::Home => self.query.home(),
            KeyCode::End => self.query.end(),
            KeyCode::Up => self.move_selection(-1),
            KeyCode::Down => self.move_selection(1),
            KeyCode::Enter if self.view.is_some() => {
                self.focus = Focus::Article;
            }
            _ => {}
        }
        None
    }

    /// Keys shared by the results and article panes (single letters are commands there).
    fn pane_command(&mut self, key: KeyEvent) -> Option<Option<Effect>> {
        let effect = match key.code {
            KeyCode::Char('y') => self.copy_citation(),
            KeyCode::Char('Y') => self.copy_with_text(),
            KeyCode::Char('m') | KeyCode::Char(' ') => {
                self.toggle_mark();
                None
            }
            KeyCode::Char('c') => {
                self.open_citations();
                None
            }
            KeyCode::Char('f') => {
                self.cycle_law_filter();
                None
            }
            KeyCode::Char('v') => {
                self.toggle_versions();
                None
            }
            KeyCode::Char('?') => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                None
            }
            KeyCode::Char('/') => {
                self.focus = Focus::Query;
                None
            }
            _ => return None,
        };
        Some(effect)
    }

    /// A key no pane uses: a character goes to the query, so typing never gets lost.
    fn fall_through_to_query(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Char(ch) if is_text(key.modifiers) => {
                self.focus = Focus::Query;
                self.query.end();
                self.query.insert(ch);
                self.refresh();
            }
            KeyCode::Backspace => {
                self.focus = Focus::Query;
                self.query.end();
                if self.query.backspace() {
                    self.refresh();
                }
            }
            _ => {}
        }
    }

    fn results_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(effect) = self.pane_command(key) {
            return effect;
        }
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.move_selection(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_selection(1),
            KeyCode::Home | KeyCode::Char('g') => self.select(0),
            KeyCode::End | KeyCode::Char('G') => self.select(self.hits().len().saturating_sub(1)),
            KeyCode::Enter | KeyCode::Right => {
                if self.view.is_some() {
                    self.focus = Focus::Article;
                }
            }
            _ => self.fall_through_to_query(key),
        }
        None
    }

    fn article_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if let Some(effect) = self.pane_command(key) {
            return effect;
        }
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.scroll_article(-1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll_article(1),
            KeyCode::Home | KeyCode::Char('g') => self.article_scroll = 0,
            KeyCode::End | KeyCode::Char('G') => self.scroll_article(isize::MAX / 2),
            KeyCode::Left | KeyCode::Char('[') => self.neighbour(-1),
            KeyCode::Right | KeyCode::Char(']') => self.neighbour(1),
            KeyCode::Char('r') => self.select_reference(1),
            KeyCode::Char('R') => self.select_reference(-1),
            KeyCode::Enter => self.follow_reference(),
            KeyCode::Char('b') | KeyCode::Backspace => self.back(),
            KeyCode::Char('o') => self.open_counterpart(),
            _ => self.fall_through_to_query(key),
        }
        None
    }

    fn overlay_key(&mut self, key: KeyEvent) -> Option<Effect> {
        let overlay = self.overlay.clone()?;
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match overlay {
            Overlay::Help { .. } | Overlay::CopyText { .. } => match scroll_step(key.code) {
                Some(step) => self.scroll_overlay(step),
                // Any other key closes the overlay and does nothing else.
                None => self.overlay = None,
            },
            Overlay::Export { selected } => return self.export_key(key, selected),
            Overlay::Citations { selected } => {
                let last = self.marked.len().saturating_sub(1);
                let selected = selected.min(last);
                let mut next = selected;
                match key.code {
                    KeyCode::Esc | KeyCode::Char('c') | KeyCode::Char('q') => {
                        self.overlay = None;
                        return None;
                    }
                    KeyCode::Char('l') if ctrl => {
                        self.overlay = None;
                        return None;
                    }
                    KeyCode::Up if shift => next = self.move_marked(selected, -1),
                    KeyCode::Down if shift => next = self.move_marked(selected, 1),
                    KeyCode::Char('K') | KeyCode::Char('-') => {
                        next = self.move_marked(selected, -1)
                    }
                    KeyCode::Char('J') | KeyCode::Char('+') => next = self.move_marked(selected, 1),
                    KeyCode::Up | KeyCode::Char('k') => next = selected.saturating_sub(1),
                    KeyCode::Down | KeyCode::Char('j') => next = (selected + 1).min(last),
                    KeyCode::Char('d')
                    | KeyCode::Char('x')
                    | KeyCode::Delete
                    | KeyCode::Backspace => {
                        if selected < self.marked.len() {
                            self.marked.remove(selected);
                        }
                        next = selected.min(self.marked.len().saturating_sub(1));
                    }
                    KeyCode::Char('D') => {
                        let count = self.marked.len();
                        self.marked.clear();
                        next = 0;
                        if count > 0 {
                            self.set_flash(Tone::Info, format!("已清空引用清单（{count} 条）"));
                        }
                    }
                    KeyCode::Char('e') => {
                        if self.marked.is_empty() {
                            self.set_flash(Tone::Warning, "清单是空的：先用 m 或 空格 标记条文");
                        } else {
                            self.overlay = Some(Overlay::Export { selected: 0 });
                            return None;
                        }
                    }
                    KeyCode::Char('y') => return self.copy_marked(false),
                    KeyCode::Char('t') if ctrl => return self.copy_marked(true),
                    KeyCode::Char('Y') => return self.copy_marked(true),
                    KeyCode::Enter => {
                        if let Some(&view) = self.marked.get(selected) {
                            self.open_view(view);
                            self.focus = Focus::Article;
                            self.overlay = None;
                            return None;
                        }
                    }
                    _ => {}
                }
                self.overlay = Some(Overlay::Citations { selected: next });
            }
        }
        None
    }

    // ----- mouse -----

    /// Wheel scrolls the pane under the pointer; a click focuses and selects.
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        let Some(areas) = ui::areas(self.size) else {
            return;
        };
        let at = Position::new(event.column, event.row);
        if self.overlay.is_some() {
            let step = match event.kind {
                MouseEventKind::ScrollDown => 1,
                MouseEventKind::ScrollUp => -1,
                _ => return,
            };
            self.scroll_overlay(step);
            return;
        }
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let step = if event.kind == MouseEventKind::ScrollDown {
                    1
                } else {
                    -1
                };
                if areas.results.contains(at) {
                    self.move_selection(step);
                } else if areas.article.contains(at) {
                    self.scroll_article(step * 3);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if areas.query.contains(at) {
                    self.focus = Focus::Query;
                    let inner_x = event.column.saturating_sub(areas.query.x + 1);
                    let start = ui::query_scroll_start(self, areas.query);
                    self.query.set_cursor_column(start + usize::from(inner_x));
                } else if areas.results.contains(at) {
                    self.focus = Focus::Results;
                    let row = usize::from(event.row.saturating_sub(areas.results.y + 1));
                    let per_hit = ui::hit_height(areas.results);
                    let index = self.results_offset + row / per_hit;
                    if index < self.hits().len() {
                        self.select(index);
                    }
                } else if areas.article.contains(at) {
                    self.focus = Focus::Article;
                }
            }
            _ => {}
        }
    }

    /// Scrolls the help or copy-text overlay, within its text.
    fn scroll_overlay(&mut self, step: isize) {
        let max = self
            .overlay
            .as_ref()
            .map_or(0, |overlay| ui::overlay_max_scroll(overlay, self.size));
        if let Some(Overlay::Help { scroll } | Overlay::CopyText { scroll, .. }) =
            self.overlay.as_mut()
        {
            *scroll = scroll.saturating_add_signed(step).min(max);
        }
    }

    /// Pasted text (bracketed paste) goes into the query, whatever has focus.
    pub fn paste(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        self.focus = Focus::Query;
        self.query.insert_str(text);
        self.refresh();
    }

    // ----- selection and scrolling -----

    fn move_selection(&mut self, step: isize) {
        let len = self.hits().len();
        if len == 0 {
            return;
        }
        let next = self
            .selected
            .saturating_add_signed(step)
            .min(len.saturating_sub(1));
        self.select(next);
    }

    fn select(&mut self, index: usize) {
        if index >= self.hits().len() {
            return;
        }
        let changed = index != self.selected;
        self.selected = index;
        // Reselecting the same hit also brings back its article after browsing neighbours.
        if changed || self.view.map(|v| v.at) != self.selected_hit().and_then(|h| self.locate(h)) {
            self.show_selected();
        }
        self.ensure_selection_visible();
    }

    /// Scrolls the results list so the selected hit is on screen.
    fn ensure_selection_visible(&mut self) {
        let Some(areas) = ui::areas(self.size) else {
            return;
        };
        let visible = ui::visible_hits(areas.results).max(1);
        if self.selected < self.results_offset {
            self.results_offset = self.selected;
        } else if self.selected >= self.results_offset + visible {
            self.results_offset = self.selected + 1 - visible;
        }
    }

    /// Lines in the article pane and how many fit on screen.
    fn article_metrics(&self) -> (usize, usize) {
        let Some(areas) = ui::areas(self.size) else {
            return (0, 0);
        };
        let inner = ui::article_inner(areas.article);
        let lines = self.view.map_or(0, |view| {
            article::layout(self, view, usize::from(inner.width))
                .lines
                .len()
        });
        (lines, usize::from(inner.height))
    }

    fn clamp_article_scroll(&mut self) {
        let (lines, height) = self.article_metrics();
        self.article_scroll = self.article_scroll.min(lines.saturating_sub(height));
    }

    fn scroll_article(&mut self, step: isize) {
        self.article_scroll = self.article_scroll.saturating_add_signed(step);
        self.clamp_article_scroll();
    }

    fn scroll_article_page(&mut self, direction: isize) {
        let (_, height) = self.article_metrics();
        let page = height.saturating_sub(1).max(1) as isize;
        self.scroll_article(direction * page);
    }

    /// Scrolls to the top, or to the paragraph a reference named.
    fn scroll_to_view_start(&mut self) {
        self.article_scroll = 0;
        self.selected_reference = None;
        let Some(view) = self.view else {
            return;
        };
        let Some(paragraph) = view.paragraph else {
            return;
        };
        let Some(areas) = ui::areas(self.size) else {
            return;
        };
        let inner = ui::article_inner(areas.article);
        let layout = article::layout(self, view, usize::from(inner.width));
        let index = (paragraph as usize).checked_sub(1);
        if let Some(&line) = index.and_then(|i| layout.paragraph_starts.get(i))
            && line >= usize::from(inner.height)
        {
            // Keep two lines of context above the named paragraph.
            self.article_scroll = line.saturating_sub(2);
        }
        self.clamp_article_scroll();
    }

    fn open_view(&mut self, view: View) {
        self.view = Some(view);
        self.scroll_to_view_start();
    }

    /// Shows the previous (`-1`) or next (`1`) article of the same statute.
    fn neighbour(&mut self, step: isize) {
        let Some(view) = self.view else {
            return;
        };
        let count = self.corpus().statutes[view.at.statute].articles.len();
        let target = view.at.article.checked_add_signed(step);
        match target {
            Some(article) if article < count => {
                let at = ArticleAt {
                    statute: view.at.statute,
                    article,
                };
                self.view = Some(View {
                    at,
                    paragraph: None,
                    item: None,
                });
                self.scroll_to_view_start();
            }
            _ => {
                let edge = if step < 0 {
                    "第一条"
                } else {
                    "最后一条"
                };
                self.set_flash(Tone::Info, format!("已经是本法的{edge}"));
            }
        }
    }

    /// Selects the next (`1`) or previous (`-1`) cross-reference, wrapping around.
    fn select_reference(&mut self, step: isize) {
        let Some(view) = self.view else {
            return;
        };
        let count = article::followable_references(self.corpus(), view).len();
        if count == 0 {
            self.set_flash(Tone::Info, "本条没有可跟随的引用");
            return;
        }
        let next = match self.selected_reference {
            None if step < 0 => count - 1,
            None => 0,
            Some(i) => (i as isize + step).rem_euclid(count as isize) as usize,
        };
        self.selected_reference = Some(next);
        self.scroll_to_reference(view, next);
    }

    /// Scrolls so the line holding cross-reference `index` is visible.
    fn scroll_to_reference(&mut self, view: View, index: usize) {
        let Some(areas) = ui::areas(self.size) else {
            return;
        };
        let inner = ui::article_inner(areas.article);
        let height = usize::from(inner.height);
        let layout = article::layout(self, view, usize::from(inner.width));
        let references = article::followable_references(self.corpus(), view);
        let Some(reference) = references.get(index) else {
            return;
        };
        // The paragraph holding it: close enough to bring it on screen.
        let Some(&line) = layout.paragraph_starts.get(reference.paragraph_index) else {
            return;
        };
        if line < self.article_scroll || line >= self.article_scroll + height {
            self.article_scroll = line.saturating_sub(1);
            self.clamp_article_scroll();
        }
    }

    /// Follows the selected cross-reference (the first if none is selected).
    fn follow_reference(&mut self) {
        let Some(view) = self.view else {
            return;
        };
        let references = article::followable_references(self.corpus(), view);
        let index = self.selected_reference.unwrap_or(0);
        let target = references
            .get(index)
            .and_then(|r| r.targets.first())
            .and_then(|t| self.view_of(t));
        let Some(target) = target else {
            self.set_flash(Tone::Info, "本条没有可跟随的引用（r 选择引用）");
            return;
        };
        self.history.push(view);
        self.view = Some(target);
        self.scroll_to_view_start();
        let label = self.short_label(target.at);
        self.set_flash(Tone::Info, format!("已跳到 {label}（b 返回）"));
    }

    /// The view of a resolved reference, if its article is in the corpus.
    fn view_of(&self, target: &ResolvedRef) -> Option<View> {
        Some(View {
            at: ArticleAt::of(self.corpus(), target)?,
            paragraph: target.paragraph,
            item: target.item,
        })
    }

    /// Does now the work that would otherwise delay the first keystroke that
    /// needs it: the versions of each statute that has several (the stored
    /// table for the built-in corpus; aligning another corpus's texts takes
    /// about 25 ms). The event loop calls it while the loading screen shows.
    pub fn prepare(&self) {
        let mut names = self.law_names();
        names.retain(|n| self.corpus().versions_named(n).len() > 1);
        let mut cache = self.correspondences.borrow_mut();
        for name in names {
            cache.entry(name.clone()).or_insert_with(|| {
                correspondence::between_versions(self.corpus(), &name).map(Rc::new)
            });
        }
    }

    /// The article(s) of the statute's other version that correspond to the
    /// shown one: old → in force, in force → old. `None` when the statute has
    /// one version only.
    pub fn counterpart(&self, view: View) -> Option<VersionCounterpart> {
        let statute = &self.corpus().statutes[view.at.statute];
        let name = statute.meta.short_name.clone();
        let table = self
            .correspondences
            .borrow_mut()
            .entry(name.clone())
            .or_insert_with(|| correspondence::between_versions(self.corpus(), &name).map(Rc::new))
            .clone()?;
        let number = statute.articles[view.at.article].no.number;
        let (other_id, found) = table.across(&statute.id(), number)?;
        let other = self
            .corpus()
            .statutes
            .iter()
            .position(|s| s.id() == other_id)?;
        let articles = found
            .as_ref()
            .map(|c| {
                c.articles
                    .iter()
                    .filter_map(|&n| {
                        self.corpus().statutes[other]
                            .articles
                            .iter()
                            .position(|a| a.no.number == n && a.no.suffix == 0)
                            .map(|article| ArticleAt {
                                statute: other,
                                article,
                            })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(VersionCounterpart {
            statute: other,
            articles,
            similarity: found.map_or(0.0, |c| c.link.similarity),
        })
    }

    /// Opens the corresponding article of the other version (`b` comes back).
    fn open_counterpart(&mut self) {
        let Some(view) = self.view else {
            return;
        };
        let Some(counterpart) = self.counterpart(view) else {
            self.set_flash(Tone::Info, "本法只收录了一个版本");
            return;
        };
        let Some(&at) = counterpart.articles.first() else {
            let version = &self.corpus().statutes[counterpart.statute].meta.version;
            self.set_flash(Tone::Info, format!("{version}年版没有对应的条文"));
            return;
        };
        self.history.push(view);
        self.view = Some(View {
            at,
            paragraph: None,
            item: None,
        });
        self.scroll_to_view_start();
        let label = self.short_label(at);
        self.set_flash(Tone::Info, format!("已跳到对应条文 {label}（b 返回）"));
    }

    /// Returns to the article left by the last followed reference.
    fn back(&mut self) {
        match self.history.pop() {
            Some(view) => {
                self.view = Some(view);
                self.scroll_to_view_start();
            }
            None => self.set_flash(Tone::Info, "没有可返回的条文"),
        }
    }

    // ----- marking and copying -----

    /// 民法典 第1032条, or 治安管理处罚法（2012）第42条 for a superseded version.
    pub fn short_label(&self, at: ArticleAt) -> String {
        short_label(self.corpus(), at)
    }

    /// The reference a view stands for, in the citation module's terms.
    pub fn resolved(&self, view: View) -> ResolvedRef {
        let statute = &self.corpus().statutes[view.at.statute];
        ResolvedRef {
            statute_id: statute.id(),
            article: statute.articles[view.at.article].no,
            paragraph: view.paragraph,
            item: view.item,
        }
    }

    /// The full citation of a view, down to the paragraph and item it names:
    /// 《中华人民共和国治安管理处罚法》第五十条第一款第五项.
    pub fn citation(&self, view: View) -> String {
        let statute = &self.corpus().statutes[view.at.statute];
        let article = &statute.articles[view.at.article];
        cite::cite(self.corpus(), &self.resolved(view), CiteStyle::Full)
            // A view always points into the corpus; should a named paragraph or
            // item be missing, the article's own citation is still exact.
            .unwrap_or_else(|_| cite::full_article(&statute.meta, &article.label))
    }

    /// The text a view names, quoted as a letter uses it: the article, the
    /// paragraph, or the item a reference named with its paragraph's lead-in
    /// and the cited item marked ([`cite::quotation`]).
    fn quoted_text(&self, view: View) -> String {
        cite::quotation_text(self.corpus(), &self.resolved(view)).unwrap_or_else(|_| {
            self.corpus().statutes[view.at.statute].articles[view.at.article].text()
        })
    }

    fn toggle_mark(&mut self) {
        let Some(view) = self.view else {
            self.set_flash(Tone::Warning, "没有可标记的条文");
            return;
        };
        let label = self.short_label(view.at);
        if let Some(i) = self.marked.iter().position(|m| m.at == view.at) {
            self.marked.remove(i);
            self.set_flash(
                Tone::Info,
                format!("已取消标记 {label}（清单共 {} 条）", self.marked.len()),
            );
        } else {
            self.marked.push(view);
            self.set_flash(
                Tone::Success,
                format!("已标记 {label}（清单共 {} 条，c 查看）", self.marked.len()),
            );
        }
    }

    fn open_citations(&mut self) {
        self.overlay = Some(Overlay::Citations { selected: 0 });
    }

    /// Moves marked entry `index` up or down; returns its new index.
    fn move_marked(&mut self, index: usize, step: isize) -> usize {
        let Some(target) = index.checked_add_signed(step) else {
            return index;
        };
        if target >= self.marked.len() {
            return index;
        }
        self.marked.swap(index, target);
        target
    }

    fn copy_citation(&mut self) -> Option<Effect> {
        let Some(view) = self.view else {
            self.set_flash(Tone::Warning, "没有选中的条文");
            return None;
        };
        let citation = self.citation(view);
        Some(Effect::Copy(CopyRequest {
            what: format!("引用{citation}"),
            text: citation,
        }))
    }

    fn copy_with_text(&mut self) -> Option<Effect> {
        let Some(view) = self.view else {
            self.set_flash(Tone::Warning, "没有选中的条文");
            return None;
        };
        let citation = self.citation(view);
        let text = self.quoted_text(view);
        Some(Effect::Copy(CopyRequest {
            what: format!("{citation}及全文"),
            text: format!("{citation}\n{text}"),
        }))
    }

    /// The citation list as one block ready to paste: the citations merged the
    /// way lawyers write them, or (`letter`) a letter paragraph 根据……的规定，
    /// followed by an appendix quoting each article.
    pub fn citation_block(&self, letter: bool) -> Result<String> {
        let refs: Vec<ResolvedRef> = self.marked.iter().map(|v| self.resolved(*v)).collect();
        if letter {
            cite::letter(self.corpus(), &refs, CiteStyle::Full)?.render(LetterFormat::Text)
        } else {
            cite::merge(self.corpus(), &refs, CiteStyle::Full)
        }
    }

    /// The citation list, merged, whenever it holds articles: what is saved
    /// when the screen is ended by a signal or a panic.
    pub fn marked_citations(&self) -> Option<String> {
        if self.marked.is_empty() {
            return None;
        }
        self.citation_block(false).ok()
    }

    /// Start a burst of events that were already waiting (a paste arriving
    /// as keys): query edits are searched once, at [`App::end_burst`], not
    /// once per character.
    pub fn begin_burst(&mut self) {
        self.burst = true;
    }

    /// End a burst: search the query if an edit in it asked for that.
    pub fn end_burst(&mut self) {
        self.burst = false;
        if std::mem::take(&mut self.search_pending) {
            self.refresh();
        }
    }

    /// The citation list, merged, when it holds articles that were marked or
    /// reordered since it was last copied: printed on quitting so that marking
    /// articles is never work lost to an early Esc or Ctrl-C.
    pub fn uncopied_citations(&self) -> Option<String> {
        if self.marked.is_empty() || self.marked_copied.as_ref() == Some(&self.marked) {
            return None;
        }
        self.citation_block(false).ok()
    }

    fn copy_marked(&mut self, letter: bool) -> Option<Effect> {
        if self.marked.is_empty() {
            self.set_flash(Tone::Warning, "清单是空的：先用 m 或 空格 标记条文");
            return None;
        }
        let text = match self.citation_block(letter) {
            Ok(text) => text,
            Err(err) => {
                self.set_flash(Tone::Warning, err.to_string());
                return None;
            }
        };
        self.marked_copied = Some(self.marked.clone());
        let count = self.marked.len();
        let what = if letter {
            format!("{count} 条引用的信函段落和附录")
        } else {
            format!("{count} 条合并引用")
        };
        Some(Effect::Copy(CopyRequest { text, what }))
    }

    /// Keys of the export menu: ↑↓ choose the document, Enter or d writes
    /// .docx, m Markdown, t plain text; Esc goes back to the list.
    fn export_key(&mut self, key: KeyEvent, selected: usize) -> Option<Effect> {
        let last = DocumentKind::ALL.len() - 1;
        let format = match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.overlay = Some(Overlay::Export {
                    selected: selected.saturating_sub(1),
                });
                return None;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.overlay = Some(Overlay::Export {
                    selected: (selected + 1).min(last),
                });
                return None;
            }
            KeyCode::Enter | KeyCode::Char('d') => DocFormat::Docx,
            KeyCode::Char('m') => DocFormat::Markdown,
            KeyCode::Char('t') => DocFormat::Text,
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('e') => {
                self.overlay = Some(Overlay::Citations { selected: 0 });
                return None;
            }
            _ => return None,
        };
        let kind = DocumentKind::ALL[selected.min(last)];
        self.overlay = Some(Overlay::Citations { selected: 0 });
        match self.export_request(kind, format) {
            Ok(request) => Some(Effect::Export(request)),
            Err(err) => {
                self.set_flash(Tone::Warning, err.to_string());
                None
            }
        }
    }

    /// The citation list as a document of `kind` in `format`.
    pub fn export_request(&self, kind: DocumentKind, format: DocFormat) -> Result<ExportRequest> {
        let refs = self.marked_refs();
        let letter = cite::letter(self.corpus(), &refs, CiteStyle::Full)?;
        let bytes = document::build(kind, &letter).render(format)?;
        Ok(ExportRequest {
            kind,
            format,
            file_name: format!("{}.{}", kind.file_stem(), format.extension()),
            bytes,
        })
    }

    /// The event loop reports where an exported document went.
    pub fn exported(
        &mut self,
        request: &ExportRequest,
        written: std::io::Result<std::path::PathBuf>,
    ) {
        match written {
            Ok(path) => {
                self.marked_copied = Some(self.marked.clone());
                self.set_flash(
                    Tone::Success,
                    format!("已导出{}：{}", request.kind.label(), path.display()),
                );
            }
            Err(err) => self.set_flash(Tone::Warning, format!("无法导出文件：{err}")),
        }
    }

    /// The marked list as references, in order: what is saved between sessions.
    pub fn marked_refs(&self) -> Vec<ResolvedRef> {
        self.marked.iter().map(|v| self.resolved(*v)).collect()
    }

    /// Puts back a list saved by an earlier session (references that are not
    /// in this corpus are skipped). It counts as copied: quitting without
    /// changing it prints nothing.
    pub fn restore_marked(&mut self, refs: &[ResolvedRef]) {
        self.marked = refs.iter().filter_map(|r| self.view_of(r)).collect();
        self.marked.dedup_by_key(|v| v.at);
        self.marked_copied = Some(self.marked.clone());
    }

    /// The event loop reports how a copy went. The status line says exactly
    /// what is known: copied to a clipboard that took it, only sent to the
    /// terminal (which may ignore OSC 52), or written to a file instead.
    pub fn copied(&mut self, request: CopyRequest, outcome: CopyOutcome) {
        match outcome {
            CopyOutcome::Copied(places) => {
                let tmux = places.iter().any(|p| p.starts_with("tmux"));
                let hint = if tmux {
                    "；tmux 中按 前缀键 ] 粘贴"
                } else {
                    ""
                };
                self.set_flash(
                    Tone::Success,
                    format!("已复制到{}：{}{hint}", places.join("、"), request.what),
                );
            }
            CopyOutcome::SentToTerminal => {
                self.set_flash(
                    Tone::Info,
                    format!(
                        "已发送到终端剪贴板：{}（终端可能不支持 OSC 52，粘贴前请确认）",
                        request.what
                    ),
                );
            }
            CopyOutcome::SavedToFile(path) => {
                // The path first: it is what the user needs, and must not be cut off.
                self.set_flash(
                    Tone::Warning,
                    format!("剪贴板不可用，已写入文件：{}", path.display()),
                );
            }
            CopyOutcome::Unavailable(reason) => {
                self.overlay = Some(Overlay::CopyText {
                    title: format!("无法访问剪贴板（{reason}），请手动复制：{}", request.what),
                    text: request.text,
                    scroll: 0,
                });
            }
        }
    }

    // ----- scope -----

    /// Short names of the statutes, in corpus order, each once.
    pub fn law_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for statute in &self.corpus().statutes {
            if !names.contains(&statute.meta.short_name) {
                names.push(statute.meta.short_name.clone());
            }
        }
        names
    }

    fn cycle_law_filter(&mut self) {
        let names = self.law_names();
        let next = match &self.law_filter {
            None => names.first().cloned(),
            Some(current) => names
                .iter()
                .position(|n| n == current)
                .and_then(|i| names.get(i + 1).cloned()),
        };
        self.law_filter = next;
        let scope = self.law_filter.clone().unwrap_or_else(|| "全部法律".into());
        self.refresh();
        self.set_flash(Tone::Info, format!("搜索范围：{scope}（f 切换）"));
    }

    fn toggle_versions(&mut self) {
        self.all_versions = !self.all_versions;
        self.refresh();
        let text = if self.all_versions {
            "已包含已被修订的旧版本（v 切换）"
        } else {
            "只搜索现行有效的版本（v 切换）"
        };
        self.set_flash(Tone::Info, text);
    }

    /// The count line of the status bar: results, marks, scope.
    pub fn counts(&self) -> String {
        let mut parts = Vec::new();
        if let Some(results) = &self.results {
            match results.kind {
                _ if self.suggested => parts.push(format!("相近 {} 条", results.hits.len())),
                QueryKind::Reference => parts.push(format!("定位 {} 条", results.hits.len())),
                _ if self.capped => parts.push(format!("前{}条", results.hits.len())),
                _ => parts.push(format!("{} 条结果", results.hits.len())),
            }
        }
        if !self.marked.is_empty() {
            parts.push(format!("已标记 {}", self.marked.len()));
        }
        parts.join(" · ")
    }

    /// Whether the shown article belongs to a version no longer in force.
    pub fn view_superseded(&self) -> bool {
        self.view.is_some_and(|v| {
            self.corpus().statutes[v.at.statute]
                .meta
                .status
                .is_superseded()
        })
    }
}

/// Whether a character key with these modifiers is text: plain, shifted, or
/// AltGr (Ctrl+Alt); a bare Alt is a command chord and is not typed.
fn is_text(modifiers: KeyModifiers) -> bool {
    let alt = modifiers.contains(KeyModifiers::ALT);
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    !alt || ctrl
}

/// How far a key scrolls a text overlay, if it scrolls.
fn scroll_step(code: KeyCode) -> Option<isize> {
    match code {
        KeyCode::Up | KeyCode::Char('k') => Some(-1),
        KeyCode::Down | KeyCode::Char('j') => Some(1),
        KeyCode::PageUp => Some(-10),
        KeyCode::PageDown => Some(10),
        _ => None,
    }
}

/// The shortest form for narrow panes: 治安法 第50条, 治安法2012 第42条.
pub fn compact_label(corpus: &Corpus, at: ArticleAt) -> String {
    let statute = &corpus.statutes[at.statute];
    let article = &statute.articles[at.article];
    let name = std::iter::once(&statute.meta.short_name)
        .chain(&statute.meta.aliases)
        .min_by_key(|n| super::wrap::width(n))
        .map_or("", String::as_str);
    let number = if article.no.suffix > 0 {
        format!("第{}条之{}", article.no.number, article.no.suffix)
    } else {
        format!("第{}条", article.no.number)
    };
    if statute.meta.status.is_superseded() {
        format!("{name}{} {number}", statute.meta.version)
    } else {
        format!("{name} {number}")
    }
}

/// 民法典 第1032条, or 治安管理处罚法（2012）第42条 for a superseded version.
pub fn short_label(corpus: &Corpus, at: ArticleAt) -> String {
    let statute = &corpus.statutes[at.statute];
    let article = &statute.articles[at.article];
    let number = if article.no.suffix > 0 {
        format!("第{}条之{}", article.no.number, article.no.suffix)
    } else {
        format!("第{}条", article.no.number)
    };
    if statute.meta.status.is_superseded() {
        format!(
            "{}（{}）{number}",
            statute.meta.short_name, statute.meta.version
        )
    } else {
        format!("{} {number}", statute.meta.short_name)
    }
}
