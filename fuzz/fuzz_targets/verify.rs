//! `verify` of any draft against the built-in corpus: never panics; every
//! finding's position is inside the draft; an unreadable number is never ok.
#![no_main]
use std::sync::OnceLock;

use fatiao_core::Corpus;
use fatiao_core::verify::{Verdict, verify};
use libfuzzer_sys::fuzz_target;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::builtin().expect("built-in corpus"))
}

fuzz_target!(|draft: &str| {
    let report = verify(draft, corpus(), "2026-06-01");
    let chars = draft.chars().count();
    let lines = draft.split('\n').count();
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= chars, "{f:?}");
        assert!(f.line >= 1 && f.line <= lines && f.column >= 1, "{f:?}");
        if f.text.contains("第0条") || f.text.contains("第〇条") {
            assert_ne!(f.verdict, Verdict::Ok, "{f:?}");
        }
    }
    let _ = fatiao_core::verify::render_text(&report, "-");
});
