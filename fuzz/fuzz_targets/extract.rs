//! The citation extractor on any text: never panics, and every citation's
//! byte and character ranges lie in the text and agree with its `text`.
#![no_main]
use fatiao_core::reference::extract_with_names;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let names = ["民法典".to_string(), "治安管理处罚法".to_string()];
    let chars = text.chars().count();
    for e in extract_with_names(text, &names) {
        assert!(e.bytes.start <= e.bytes.end && e.bytes.end <= text.len(), "{e:?}");
        assert!(e.chars.start <= e.chars.end && e.chars.end <= chars, "{e:?}");
        assert_eq!(&text[e.bytes.clone()], e.text, "{e:?}");
        let _ = e.reference();
        let _ = e.unreadable();
    }
});
