//! Quotations a letter can use: a cited item is quoted with the sentence that
//! gives it force.
//!
//! An item (项) on its own, 「（五）多次发送淫秽、侮辱、恐吓等信息……」, says neither
//! that it is forbidden nor what the penalty is; its paragraph's lead-in does
//! (「有下列行为之一的，处五日以下拘留或者一千元以下罚款……：」). So an item is quoted
//! as its lead-in, the cited item marked, with the items left out shown as
//! 「……」, followed by any later paragraph of the article that refers to that
//! item (「有前款第五项规定的……行为的，……可以责令其……禁止接触被侵害人」).
//! Every line's text is the corpus's; only the mark and the 「……」 are not.

use serde::Serialize;

use super::lookup;
use crate::corpus::Corpus;
use crate::error::Result;
use crate::reference::{ResolvedRef, cross_references, statute_names};

/// What a line of a quotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// What the reference names.
    Cited,
    /// Quoted for context: the paragraph's lead-in, or a later paragraph
    /// that refers to the cited item.
    Context,
    /// Lines left out (other items), shown as 「……」.
    Omitted,
}

/// One line of a quotation: a paragraph or an item, in the corpus's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotedLine {
    pub kind: LineKind,
    /// The corpus text; empty for [`LineKind::Omitted`].
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// The mark before a cited line when a quotation also holds context.
pub const CITED_MARK: &str = "▶";

/// How an omission is written.
pub const OMISSION: &str = "……";

/// The lines quoting what `r` names: the whole article or paragraph (all
/// cited), or an item with its lead-in and the paragraphs that refer to it.
pub fn quotation(corpus: &Corpus, r: &ResolvedRef) -> Result<Vec<QuotedLine>> {
    let (statute, article) = lookup(corpus, r)?;
    let line = |kind, text: String| QuotedLine { kind, text };
    let item_line = |item: &crate::corpus::Item| format!("{}{}", item.marker, item.text);
    let Some(p) = r.paragraph else {
        let mut lines = Vec::new();
        for paragraph in &article.paragraphs {
            lines.push(line(LineKind::Cited, paragraph.text.clone()));
            lines.extend(
                paragraph
                    .items
                    .iter()
                    .map(|it| line(LineKind::Cited, item_line(it))),
            );
        }
        return Ok(lines);
    };
    let index = p as usize - 1;
    let paragraph = &article.paragraphs[index];
    let Some(item_number) = r.item else {
        let mut lines = vec![line(LineKind::Cited, paragraph.text.clone())];
        lines.extend(
            paragraph
                .items
                .iter()
                .map(|it| line(LineKind::Cited, item_line(it))),
        );
        return Ok(lines);
    };
    let mut lines = vec![line(LineKind::Context, paragraph.text.clone())];
    let position = paragraph
        .items
        .iter()
        .position(|it| it.number == item_number)
        .unwrap_or(0);
    if position > 0 {
        lines.push(line(LineKind::Omitted, String::new()));
    }
    lines.push(line(LineKind::Cited, item_line(&paragraph.items[position])));
    let mut last_quoted = index;
    let mut items_left = position + 1 < paragraph.items.len();
    // Later paragraphs that name the cited item (有前款第五项规定的……).
    let names = statute_names(corpus);
    let mut referring: Vec<usize> = cross_references(&names, statute, article)
        .into_iter()
        .filter(|c| c.paragraph_index > index && c.targets.contains(r))
        .map(|c| c.paragraph_index)
        .collect();
    referring.dedup();
    for later in referring {
        if items_left || later > last_quoted + 1 {
            lines.push(line(LineKind::Omitted, String::new()));
        }
        let text = &article.paragraphs[later];
        lines.push(line(LineKind::Context, text.text.clone()));
        lines.extend(
            text.items
                .iter()
                .map(|it| line(LineKind::Context, item_line(it))),
        );
        last_quoted = later;
        items_left = false;
    }
    if items_left {
        lines.push(line(LineKind::Omitted, String::new()));
    }
    Ok(lines)
}

/// The lines as plain text, one a line: cited lines marked with
/// [`CITED_MARK`] when context surrounds them, omissions as [`OMISSION`].
pub fn render_lines(lines: &[QuotedLine]) -> Vec<String> {
    let mark = lines.iter().any(|l| l.kind != LineKind::Cited);
    lines
        .iter()
        .map(|l| match l.kind {
            LineKind::Omitted => OMISSION.to_string(),
            LineKind::Cited if mark => format!("{CITED_MARK}{}", l.text),
            _ => l.text.clone(),
        })
        .collect()
}

/// [`quotation`] rendered by [`render_lines`], joined with newlines: the text
/// to paste under a citation.
pub fn quotation_text(corpus: &Corpus, r: &ResolvedRef) -> Result<String> {
    Ok(render_lines(&quotation(corpus, r)?).join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ArticleNo;

    fn corpus() -> Corpus {
        Corpus::builtin().expect("built-in corpus parses")
    }

    fn psapl(article: u32, paragraph: Option<u32>, item: Option<u32>) -> ResolvedRef {
        ResolvedRef {
            statute_id: "治安管理处罚法@2025".to_string(),
            article: ArticleNo {
                number: article,
                suffix: 0,
            },
            paragraph,
            item,
        }
    }

    #[test]
    fn an_item_is_quoted_with_its_lead_in_and_the_paragraph_that_refers_to_it() {
        let corpus = corpus();
        let article = corpus
            .get("治安管理处罚法@2025")
            .and_then(|s| {
                s.article(ArticleNo {
                    number: 50,
                    suffix: 0,
                })
            })
            .expect("art. 50");
        let lines = quotation(&corpus, &psapl(50, Some(1), Some(5))).expect("quotes");
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Context,
                LineKind::Omitted,
                LineKind::Cited,
                LineKind::Omitted,
                LineKind::Context,
            ],
            "{lines:#?}"
        );
        let first = &article.paragraphs[0];
        assert_eq!(lines[0].text, first.text, "the lead-in, from the corpus");
        assert_eq!(
            lines[2].text,
            format!("{}{}", first.items[4].marker, first.items[4].text)
        );
        assert_eq!(
            lines[4].text, article.paragraphs[1].text,
            "第二款 refers to 前款第五项"
        );
        let text = quotation_text(&corpus, &psapl(50, Some(1), Some(5))).expect("text");
        assert!(
            text.contains(&format!("{CITED_MARK}（五）")),
            "the cited item is marked:\n{text}"
        );
    }

    #[test]
    fn an_item_no_later_paragraph_names_ends_with_the_omission() {
        let corpus = corpus();
        let lines = quotation(&corpus, &psapl(50, Some(1), Some(1))).expect("quotes");
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [LineKind::Context, LineKind::Cited, LineKind::Omitted],
            "{lines:#?}"
        );
        let last = quotation(&corpus, &psapl(50, Some(1), Some(6))).expect("quotes");
        let kinds: Vec<LineKind> = last.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [LineKind::Context, LineKind::Omitted, LineKind::Cited],
            "{last:#?}"
        );
    }

    #[test]
    fn whole_articles_and_paragraphs_are_cited_whole_without_marks() {
        let corpus = corpus();
        let whole = quotation_text(&corpus, &psapl(50, None, None)).expect("quotes");
        let article = corpus
            .get("治安管理处罚法@2025")
            .and_then(|s| {
                s.article(ArticleNo {
                    number: 50,
                    suffix: 0,
                })
            })
            .expect("art. 50");
        assert_eq!(whole, article.text(), "a whole article, as it stands");
        let second = quotation_text(&corpus, &psapl(50, Some(2), None)).expect("quotes");
        assert_eq!(second, article.paragraphs[1].text);
    }
}
