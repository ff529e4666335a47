//! `reference::parse_query` on any text: never panics; whatever it reads
//! carries only readable numbers (1..=MAX_NUMBER).
#![no_main]
use fatiao_core::reference::{MAX_NUMBER, parse_query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(r) = parse_query(text) {
        let readable = |n: u32| (1..=MAX_NUMBER).contains(&n);
        assert!(readable(r.article.number), "{text:?} -> {r:?}");
        assert!(r.article.suffix == 0 || readable(r.article.suffix), "{text:?} -> {r:?}");
        assert!(r.paragraph.is_none_or(readable), "{text:?} -> {r:?}");
        assert!(r.item.is_none_or(readable), "{text:?} -> {r:?}");
    }
});
