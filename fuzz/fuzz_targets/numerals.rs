//! Numerals: parsing any text never panics; a number read formats back to a
//! numeral that reads as the same number.
#![no_main]
use fatiao_core::corpus::numerals::{parse_chinese, parse_number, to_chinese};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for n in [parse_number(text), parse_chinese(text)].into_iter().flatten() {
        let written = to_chinese(n);
        assert_eq!(parse_chinese(&written), Some(n), "{text:?} -> {n} -> {written}");
    }
});
