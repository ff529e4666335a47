//! The query line editor: a string with a cursor counted in characters, so
//! Chinese input-method text moves and deletes one character at a time.

use super::wrap::char_width;

/// An editable single line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in characters (0 = before the first character).
    cursor: usize,
}

impl LineInput {
    /// A line holding `text`, cursor at the end.
    pub fn new(text: &str) -> Self {
        let text = clean(text);
        LineInput {
            cursor: text.chars().count(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts one character at the cursor. Control characters are ignored.
    pub fn insert(&mut self, ch: char) {
        if ch.is_control() {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, ch);
        self.cursor += 1;
    }

    /// Inserts pasted text at the cursor; line breaks become spaces.
    pub fn insert_str(&mut self, s: &str) {
        for ch in clean(s).chars() {
            self.insert(ch);
        }
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let start = self.byte_at(self.cursor - 1);
        let end = self.byte_at(self.cursor);
        self.text.replace_range(start..end, "");
        self.cursor -= 1;
        true
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) -> bool {
        if self.cursor >= self.text.chars().count() {
            return false;
        }
        let start = self.byte_at(self.cursor);
        let end = self.byte_at(self.cursor + 1);
        self.text.replace_range(start..end, "");
        true
    }

    /// Deletes back to the start of the previous word (spaces separate words).
    pub fn delete_word(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        if start == self.cursor {
            return false;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
        true
    }

    /// Deletes from the cursor to the end.
    pub fn delete_to_end(&mut self) -> bool {
        let at = self.byte_at(self.cursor);
        let changed = at < self.text.len();
        self.text.truncate(at);
        changed
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Columns from the start of the text to the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text.chars().take(self.cursor).map(char_width).sum()
    }

    /// Puts the cursor at display column `column` (a mouse click), on a character boundary.
    pub fn set_cursor_column(&mut self, column: usize) {
        let mut col = 0;
        let mut index = 0;
        for ch in self.text.chars() {
            let w = char_width(ch);
            if col + w > column {
                break;
            }
            col += w;
            index += 1;
        }
        self.cursor = index;
    }
}

/// Replaces line breaks and tabs with spaces and drops other control characters.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_moves_and_deletes_per_character() {
        let mut input = LineInput::default();
        for ch in "ab隐私c".chars() {
            input.insert(ch);
        }
        assert_eq!(input.text(), "ab隐私c");
        assert_eq!(input.cursor(), 5, "five characters typed");
        assert_eq!(
            input.cursor_column(),
            7,
            "two CJK characters take two columns each"
        );
        input.left();
        input.backspace();
        assert_eq!(input.text(), "ab隐c", "backspace removes the whole 私");
        input.home();
        input.delete();
        assert_eq!(input.text(), "b隐c", "delete at home removes a");
        input.end();
        input.insert('！');
        assert_eq!(input.text(), "b隐c！");
    }

    #[test]
    fn click_column_lands_on_a_character_boundary() {
        let mut input = LineInput::new("甲乙丙");
        input.set_cursor_column(3);
        assert_eq!(input.cursor(), 1, "column 3 is inside 乙: cursor before it");
        input.set_cursor_column(100);
        assert_eq!(input.cursor(), 3, "past the end: cursor at the end");
    }

    #[test]
    fn delete_word_and_paste() {
        let mut input = LineInput::new("民法典 第1032条");
        assert!(input.delete_word());
        assert_eq!(input.text(), "民法典 ");
        input.insert_str("甲\n乙\u{1b}");
        assert_eq!(
            input.text(),
            "民法典 甲 乙",
            "newline becomes a space, escape is dropped"
        );
    }

    #[test]
    fn editing_at_the_edges_does_nothing() {
        let mut input = LineInput::default();
        assert!(!input.backspace(), "backspace on an empty line");
        assert!(!input.delete(), "delete on an empty line");
        input.left();
        assert_eq!(input.cursor(), 0);
    }
}
