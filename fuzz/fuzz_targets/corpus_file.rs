//! The corpus-file parser on any bytes: an error or a statute, never a
//! panic; a statute's articles carry readable, increasing numbers.
#![no_main]
use fatiao_core::corpus::format::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(statute) = parse("fuzz.txt", bytes) {
        for article in &statute.articles {
            assert!(article.no.number > 0, "{:?}", article.no);
        }
    }
});
