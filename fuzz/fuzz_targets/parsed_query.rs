//! `ParsedQuery::parse` on any text: never panics; phrases, exclusions and
//! law filters are pieces of the query.
#![no_main]
use fatiao_core::search::ParsedQuery;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let parsed = ParsedQuery::parse(text);
    for part in parsed.phrases.iter().chain(&parsed.excluded).chain(&parsed.laws) {
        assert!(text.contains(part.as_str()), "{part:?} is not in {text:?}");
    }
});
