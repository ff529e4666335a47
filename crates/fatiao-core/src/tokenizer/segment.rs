//! jieba's segmentation without its start-up cost: the word list is a
//! character trie in flat arrays, written beside the index when it is built
//! and read back with one file read, so opening an index builds no
//! dictionary word by word (a jieba made from the vocabulary, word by word,
//! took 1–2 ms at every start).
//!
//! [`Dictionary::cut`] and [`Dictionary::cut_for_search`] are jieba-rs 0.11's
//! `cut` and `cut_for_search` without the HMM, step for step: the text is
//! split into runs of CJK, ASCII letters, digits and `+#&._%-`; in a run,
//! every dictionary word starting at each character is found (a walk down
//! the trie), the most probable route through them is chosen from the end
//! (ln freq − ln total, ties to the longer word), single ASCII letters and
//! digits left by the route are joined into one word; search mode adds the
//! dictionary words of two and three characters inside longer words and the
//! parts of `a-b`, `a.b`, `a_b` compounds. A test compares every text of the
//! corpus, its lay phrases and the question sets against jieba itself.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// First bytes of a dictionary file, with the format version.
const MAGIC: &[u8; 8] = b"fatiaoD1";

/// A segmentation dictionary: words with their frequencies, and the total
/// frequency the probabilities are taken against.
///
/// The words are a trie of characters. Node 0 is the root; the children of
/// node `i` are `children[first_child[i]..first_child[i + 1]]`, sorted by
/// character, and the child at position `j` is node `j + 1` (nodes are
/// numbered in the order their parents list them).
pub struct Dictionary {
    first_child: Vec<u32>,
    /// The character of each child, in child order.
    children: Vec<u32>,
    /// ln frequency of the word that ends at each node, as jieba computes it
    /// (`(freq as f64).ln()`), as bits; [`NO_WORD`] where none ends.
    word: Vec<u64>,
    /// The root's child for each character of the main CJK block (from
    /// U+4E00), 0 for none: the first step of every walk without a search.
    cjk_roots: Vec<u32>,
    words: usize,
    total: u64,
    log_total: f64,
}

/// `word` of a node where no word ends (a NaN that `ln` never returns).
const NO_WORD: u64 = u64::MAX;

/// The first and last character of the main CJK block.
const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("words", &self.words)
            .field("total", &self.total)
            .finish()
    }
}

/// A segmented word: a slice of the input and its character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub word: &'a str,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// A trie node while the dictionary is built.
#[derive(Default)]
struct Building {
    children: BTreeMap<char, Building>,
    word: Option<u64>,
}

impl Dictionary {
    /// A dictionary of `words` with their frequencies (a word given twice
    /// keeps the last). As in jieba, `total` counts only if it exceeds the sum
    /// of the words' own frequencies (it carries the frequency mass of the
    /// full dictionary's other words).
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a str, usize)>, total: usize) -> Dictionary {
        let mut root = Building::default();
        for (word, freq) in words {
            if word.is_empty() {
                continue;
            }
            let mut node = &mut root;
            for c in word.chars() {
                node = node.children.entry(c).or_default();
            }
            node.word = Some(freq as u64);
        }
        // Number the nodes breadth first, so that each node's children are
        // consecutive and the child at position j is node j + 1.
        let mut first_child = Vec::new();
        let mut children = Vec::new();
        let mut word = Vec::new();
        let mut queue = std::collections::VecDeque::from([&root]);
        let mut sum: u64 = 0;
        while let Some(node) = queue.pop_front() {
            first_child.push(children.len() as u32);
            sum += node.word.unwrap_or(0);
            word.push(node.word.map_or(NO_WORD, |f| (f as f64).ln().to_bits()));
            for (&c, child) in &node.children {
                children.push(c as u32);
                queue.push_back(child);
            }
        }
        first_child.push(children.len() as u32);
        let total = sum.max(total as u64);
        Dictionary::from_parts(first_child, children, word, total)
    }

    /// The dictionary of these arrays, with its root table and counts.
    fn from_parts(
        first_child: Vec<u32>,
        children: Vec<u32>,
        word: Vec<u64>,
        total: u64,
    ) -> Dictionary {
        let mut cjk_roots = vec![0u32; (CJK_LAST - CJK_FIRST + 1) as usize];
        let root_children = first_child[0] as usize..first_child[1] as usize;
        for j in root_children {
            if let Some(slot) = children[j]
                .checked_sub(CJK_FIRST)
                .and_then(|i| cjk_roots.get_mut(i as usize))
            {
                *slot = (j + 1) as u32;
            }
        }
        let words = word.iter().filter(|&&w| w != NO_WORD).count();
        Dictionary {
            first_child,
            children,
            word,
            cjk_roots,
            words,
            total,
            log_total: (total as f64).ln(),
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// Is `word` a word of the dictionary?
    pub fn contains(&self, word: &str) -> bool {
        let mut node = 0;
        for c in word.chars() {
            match self.child(node, c) {
                Some(child) => node = child,
                None => return false,
            }
        }
        self.word[node] != NO_WORD
    }

    /// The child of `node` for `c`.
    #[inline]
    fn child(&self, node: usize, c: char) -> Option<usize> {
        if node == 0
            && let Some(&child) = (c as u32)
                .checked_sub(CJK_FIRST)
                .and_then(|i| self.cjk_roots.get(i as usize))
        {
            return (child != 0).then_some(child as usize);
        }
        let from = self.first_child[node] as usize;
        let to = self.first_child[node + 1] as usize;
        let at = self.children[from..to].binary_search(&(c as u32)).ok()?;
        Some(from + at + 1)
    }

    /// Write the dictionary to `path`: magic, total, node count, the three
    /// arrays (little-endian), then a blake3 checksum of all that.
    pub fn save(&self, path: &Path) -> Result<()> {
        let nodes = self.word.len();
        let mut bytes = Vec::with_capacity(24 + nodes * 16 + 32);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&self.total.to_le_bytes());
        bytes.extend_from_slice(&(nodes as u64).to_le_bytes());
        for v in &self.first_child {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        for v in &self.children {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        for v in &self.word {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        let checksum = blake3::hash(&bytes);
        bytes.extend_from_slice(checksum.as_bytes());
        std::fs::write(path, bytes)?;
        Ok(())
    }

    /// Read a dictionary written by [`Dictionary::save`]. A damaged file is
    /// an error (its checksum and shape are checked), never a dictionary that
    /// panics.
    pub fn load(path: &Path) -> Result<Dictionary> {
        let bytes = std::fs::read(path)?;
        let bad = |message: &str| Error::Index {
            path: path.to_path_buf(),
            message: format!("{message} (the index is rebuilt)"),
        };
        if bytes.len() < 24 + 32 || &bytes[..8] != MAGIC {
            return Err(bad("not a fatiao dictionary"));
        }
        let (body, checksum) = bytes.split_at(bytes.len() - 32);
        if blake3::hash(body).as_bytes() != checksum {
            return Err(bad("dictionary checksum mismatch"));
        }
        let u64_at = |at: usize| u64::from_le_bytes(body[at..at + 8].try_into().expect("8 bytes"));
        let total = u64_at(8);
        let nodes = usize::try_from(u64_at(16)).map_err(|_| bad("dictionary too large"))?;
        // nodes + 1 offsets, nodes - 1 children, nodes words.
        let expected = nodes
            .checked_mul(16)
            .and_then(|n| n.checked_add(24))
            .ok_or_else(|| bad("dictionary too large"))?;
        if nodes == 0 || body.len() != expected {
            return Err(bad("dictionary has the wrong size"));
        }
        let u32s = |from: usize, count: usize| -> Vec<u32> {
            body[from..from + 4 * count]
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
                .collect()
        };
        let first_child = u32s(24, nodes + 1);
        let children = u32s(24 + 4 * (nodes + 1), nodes - 1);
        let word: Vec<u64> = body[24 + 8 * nodes..]
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        // Offsets that start at 0, never go down and end at the child count:
        // every look-up then stays inside the arrays.
        let shaped = first_child.first() == Some(&0)
            && first_child.last() == Some(&(children.len() as u32))
            && first_child.windows(2).all(|w| w[0] <= w[1]);
        if !shaped {
            return Err(bad("dictionary is malformed"));
        }
        Ok(Dictionary::from_parts(first_child, children, word, total))
    }

    /// jieba's default mode without the HMM: one segmentation of `text`,
    /// every character in exactly one segment.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Segment<'a>> {
        let mut out = Vec::new();
        self.cut_each(text, |segment, _| out.push(segment));
        out
    }

    /// jieba's search mode without the HMM: [`Dictionary::cut`], with each
    /// word preceded by the parts of a connector compound, then its
    /// dictionary words of two and of three characters.
    pub fn cut_for_search<'a>(&self, text: &'a str) -> Vec<Segment<'a>> {
        let mut out = Vec::new();
        self.cut_each(text, |segment, block| {
            push_connector_parts(&mut out, segment);
            let Some((run, x)) = block else {
                out.push(segment);
                return;
            };
            let count = segment.end - segment.start;
            let mut gram = |i: usize, len: usize| {
                if run.word_at(x + i, x + i + len) {
                    let from = run.byte(x + i) - run.byte(x);
                    let to = run.byte(x + i + len) - run.byte(x);
                    out.push(Segment {
                        word: &segment.word[from..to],
                        start: segment.start + i,
                        end: segment.start + i + len,
                    });
                }
            };
            if count > 2 {
                for i in 0..count - 1 {
                    gram(i, 2);
                }
            }
            if count > 3 {
                for i in 0..count - 2 {
                    gram(i, 3);
                }
            }
            out.push(segment);
        });
        out
    }

    /// Segment `text`, handing each segment to `emit` with, for a segment of
    /// a dictionary run, the run and the segment's first character in it.
    fn cut_each<'a>(
        &self,
        text: &'a str,
        mut emit: impl FnMut(Segment<'a>, Option<(&Run<'a>, usize)>),
    ) {
        let mut offset = 0; // characters before the current run
        let mut rest = text;
        // Reused by every run of the text.
        let mut run = Run::default();
        let mut route = Vec::new();
        while let Some(first) = rest.chars().next() {
            let matched = is_han_default(first);
            let len = rest
                .char_indices()
                .find(|&(_, c)| is_han_default(c) != matched)
                .map_or(rest.len(), |(i, _)| i);
            let (block, after) = rest.split_at(len);
            rest = after;
            if matched {
                self.fill(&mut run, block);
                run.route(&mut route);
                let mut start = offset;
                run.segment(&route, |x, y| {
                    let segment = Segment {
                        word: &block[run.byte(x)..run.byte(y)],
                        start,
                        end: start + (y - x),
                    };
                    start = segment.end;
                    emit(segment, Some((&run, x)));
                });
                offset = start;
            } else {
                let mut chars = block.char_indices().peekable();
                while let Some((i, c)) = chars.next() {
                    // \r\n is one segment, as in jieba.
                    let count = if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                        2
                    } else {
                        1
                    };
                    let bytes = if count == 2 { 2 } else { c.len_utf8() };
                    emit(
                        Segment {
                            word: &block[i..i + bytes],
                            start: offset,
                            end: offset + count,
                        },
                        None,
                    );
                    offset += count;
                }
            }
        }
    }

    /// Make `run` the run `block`, with the dictionary words in it: for each
    /// character, the end of every word that starts there and its ln
    /// frequency, in order of length.
    fn fill<'a>(&self, run: &mut Run<'a>, block: &'a str) {
        run.block = block;
        run.log_total = self.log_total;
        run.chars.clear();
        run.chars.extend(block.char_indices());
        run.edges.clear();
        run.starts.clear();
        for pos in 0..run.chars.len() {
            run.starts.push(run.edges.len());
            let mut node = 0;
            for (next, &(_, c)) in run.chars.iter().enumerate().skip(pos) {
                let Some(child) = self.child(node, c) else {
                    break;
                };
                node = child;
                if self.word[node] != NO_WORD {
                    run.edges.push((next + 1, f64::from_bits(self.word[node])));
                }
            }
        }
        run.starts.push(run.edges.len());
    }
}

/// One run of dictionary characters and the words found in it.
#[derive(Default)]
struct Run<'a> {
    block: &'a str,
    /// (byte offset, character)
    chars: Vec<(usize, char)>,
    /// (end character, ln frequency) of every word, grouped by start.
    edges: Vec<(usize, f64)>,
    /// Where the words starting at each character begin in `edges`.
    starts: Vec<usize>,
    log_total: f64,
}

impl Run<'_> {
    fn byte(&self, char_index: usize) -> usize {
        self.chars
            .get(char_index)
            .map_or(self.block.len(), |&(b, _)| b)
    }

    fn edges(&self, pos: usize) -> &[(usize, f64)] {
        &self.edges[self.starts[pos]..self.starts[pos + 1]]
    }

    /// Is characters `start..end` a dictionary word?
    fn word_at(&self, start: usize, end: usize) -> bool {
        start < self.chars.len() && self.edges(start).iter().any(|&(e, _)| e == end)
    }

    /// The best route (jieba's `calc`): for each character, the log
    /// probability of the rest of the run and the end of the word chosen.
    fn route(&self, route: &mut Vec<(f64, usize)>) {
        let n = self.chars.len();
        route.clear();
        route.resize(n + 1, (0.0, n));
        let log1 = 0.0f64 - self.log_total;
        for idx in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            for &(end, log_freq) in self.edges(idx) {
                let prob = log_freq - self.log_total + route[end].0;
                match best {
                    Some((p, e)) if !(prob > p || (prob == p && end > e)) => {}
                    _ => best = Some((prob, end)),
                }
            }
            route[idx] = best.unwrap_or((log1 + route[idx + 1].0, idx + 1));
        }
    }

    /// The words of `route`, with the single ASCII letters and digits it
    /// leaves joined (jieba's `cut_route` without the HMM); `emit` gets each
    /// word's character range.
    fn segment(&self, route: &[(f64, usize)], mut emit: impl FnMut(usize, usize)) {
        let n = self.chars.len();
        let mut x = 0;
        let mut left: Option<usize> = None;
        while x < n {
            let y = route[x].1;
            if y - x == 1 && self.chars[x].1.is_ascii_alphanumeric() {
                left.get_or_insert(x);
            } else {
                if let Some(start) = left.take() {
                    emit(start, x);
                }
                emit(x, y);
            }
            x = y;
        }
        if let Some(start) = left {
            emit(start, n);
        }
    }
}

/// jieba's RE_HAN_DEFAULT: CJK ideographs, ASCII letters and digits, `+#&._%-`.
fn is_han_default(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2B73F}'
            | '\u{2B740}'..='\u{2B81F}'
            | '\u{2B820}'..='\u{2CEAF}'
            | '\u{2CEB0}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}'
        )
    }
}

/// Search mode's parts of a compound joined by `.`, `_` or `-` (WES-5.4.5
/// gives WES): parts of two or more bytes with an ASCII letter.
fn push_connector_parts<'a>(out: &mut Vec<Segment<'a>>, segment: Segment<'a>) {
    let is_connector = |c: char| matches!(c, '.' | '_' | '-');
    if !segment.word.contains(is_connector) {
        return;
    }
    let mut offset = 0;
    for part in segment.word.split(is_connector) {
        if part.len() >= 2 && part.bytes().any(|b| b.is_ascii_alphabetic()) {
            let start = segment.start + segment.word[..offset].chars().count();
            out.push(Segment {
                word: part,
                start,
                end: start + part.chars().count(),
            });
        }
        offset += part.len() + 1;
    }
}

#[cfg(test)]
mod tests;
