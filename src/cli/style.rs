//! How the commands print for people: colours on a terminal only (never
//! with `NO_COLOR`, never into a pipe), and notices on stderr, where they do
//! not mix with the text a user pastes from stdout.

use std::io::{self, IsTerminal};

use fatiao::sanitize::escape_controls;

use super::options::ColorArg;

/// Colours for a terminal; all empty when piped or with NO_COLOR.
pub struct Style {
    pub on: bool,
}

impl Style {
    /// `--color always|never`, or with `auto` (the default): on a terminal
    /// unless `NO_COLOR` is set.
    pub fn detect(choice: ColorArg) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let on = match choice {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => io::stdout().is_terminal() && !no_color,
        };
        Style { on }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn highlight(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// `text` with the character ranges in `ranges` highlighted.
    pub fn highlighted(&self, text: &str, ranges: &[(usize, usize)]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for &(start, end) in ranges {
            let (start, end) = (start.min(chars.len()), end.min(chars.len()));
            if start < at || start >= end {
                continue;
            }
            out.extend(&chars[at..start]);
            out.push_str(&self.highlight(&chars[start..end].iter().collect::<String>()));
            at = end;
        }
        out.extend(&chars[at..]);
        out
    }

    /// Mark the paragraph or item a reference names: highlighted on a terminal, `▶` when plain.
    pub fn mark(&self, line: &str, named: bool) -> String {
        match (named, self.on) {
            (false, _) => line.to_string(),
            (true, true) => self.highlight(line),
            (true, false) => format!("▶ {}", line.trim_start_matches('　')),
        }
    }
}

/// A notice on stderr (`fatiao: …`), its control characters shown escaped:
/// notices quote what the user typed or a file held, shown, never obeyed.
pub fn notice(message: &str) {
    eprintln!("fatiao: {}", escape_controls(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_character_ranges() {
        let style = Style { on: true };
        let got = style.highlighted("甲乙丙丁", &[(1, 3)]);
        assert_eq!(
            got, "甲\x1b[1;31m乙丙\x1b[0m丁",
            "highlight of characters 1..3"
        );
        let plain = Style { on: false }.highlighted("甲乙丙丁", &[(1, 3)]);
        assert_eq!(plain, "甲乙丙丁", "no escape codes when colour is off");
    }
}
