//! Terminal safety: text from users and drafts is shown, never obeyed.
//!
//! A draft holding `ESC ] 0 ; … BEL` would retitle the terminal when `fatiao
//! verify` prints the citation it was found in; an OSC 52 sequence would
//! replace the clipboard the user then pastes into a filing. Every text
//! fatiao echoes on a terminal or in text output goes through
//! [`escape_controls`]; JSON output escapes control characters itself.

use std::borrow::Cow;

/// Is `c` a character a terminal may act on: C0 controls (but tab and
/// newline), DEL, C1 controls, and the bidirectional overrides that reorder
/// what is shown?
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written out as `\x1b` (or `\u{202e}`
/// above U+00FF), so it can be seen and cannot act.
///
/// ```
/// use fatiao_core::sanitize::escape_controls;
/// assert_eq!(escape_controls("《\x1b]0;PWNED\x07民法典》"), "《\\x1b]0;PWNED\\x07民法典》");
/// assert_eq!(escape_controls("民法典第1032条"), "民法典第1032条");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) <= 0xff {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        const CASES: &[(&str, &str)] = &[
            ("plain 文字\t与\n换行", "plain 文字\t与\n换行"),
            ("\x1b]52;c;cHduZWQ=\x07", "\\x1b]52;c;cHduZWQ=\\x07"),
            ("\x1b[2J", "\\x1b[2J"),
            ("\u{9b}31m", "\\x9b31m"),
            ("\u{7f}", "\\x7f"),
            ("abc\u{202e}def", "abc\\u{202e}def"),
            ("\r", "\\x0d"),
        ];
        for (input, expected) in CASES {
            assert_eq!(escape_controls(input), *expected, "escaping {input:?}");
        }
    }
}
