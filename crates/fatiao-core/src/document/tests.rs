use super::*;
use crate::cite::{self, CiteStyle};
use crate::corpus::ArticleNo;
use crate::reference::ResolvedRef;
use crate::testing;

fn r(id: &str, number: u32, paragraph: Option<u32>, item: Option<u32>) -> ResolvedRef {
    ResolvedRef {
        statute_id: id.to_string(),
        article: ArticleNo { number, suffix: 0 },
        paragraph,
        item,
    }
}

fn letter() -> Letter {
    let corpus = testing::corpus();
    let refs = [
        r("测试法@2020", 1, None, None),
        r("测试法@2020", 50, Some(1), Some(5)),
    ];
    cite::letter(&corpus, &refs, CiteStyle::Full).expect("the references exist")
}

/// The labelled blanks every template has.
const LABELS: &[&str] = &["投诉人", "被投诉人", "事实与理由", "诉求", "证据清单"];

#[test]
fn every_template_has_the_labelled_blanks_the_notice_and_the_cited_text() {
    let letter = letter();
    for kind in DocumentKind::ALL.into_iter().filter(|k| k.is_template()) {
        let doc = build(kind, &letter);
        let text = doc.to_text();
        for label in LABELS {
            assert!(
                text.contains(label),
                "{kind:?} lacks the blank {label}:\n{text}"
            );
        }
        assert!(
            text.contains("模板") && text.contains("不是法律意见"),
            "{kind:?} says it is a template and not advice:\n{text}"
        );
        assert!(
            text.contains(&letter.paragraph),
            "{kind:?} cites with the letter paragraph"
        );
        for q in &letter.appendix {
            assert!(text.contains(&q.citation), "{kind:?} names {}", q.citation);
            for line in cite::render_lines(&q.lines) {
                assert!(text.contains(&line), "{kind:?} quotes {line:?}");
            }
        }
        assert!(
            matches!(doc.blocks.first(), Some(Block::Title(_))),
            "{kind:?} starts with its title"
        );
        assert!(
            matches!(doc.blocks.get(1), Some(Block::Notice(_))),
            "{kind:?}: the notice comes right after the title"
        );
    }
}

#[test]
fn the_templates_say_whom_they_are_for() {
    let letter = letter();
    const CASES: &[(DocumentKind, &[&str])] = &[
        (DocumentKind::Platform, &["投诉书", "平台"]),
        (DocumentKind::Regulator, &["国家金融监督管理总局", "12378"]),
        (DocumentKind::Police, &["报警材料", "派出所", "110"]),
        (
            DocumentKind::LawyerLetter,
            &["律师函", "律师事务所", "盖章"],
        ),
    ];
    for (kind, words) in CASES {
        let text = build(*kind, &letter).to_text();
        for word in *words {
            assert!(text.contains(word), "{kind:?} mentions {word}:\n{text}");
        }
    }
}

#[test]
fn the_plain_letter_is_the_paragraph_and_the_appendix_without_blanks() {
    let letter = letter();
    let doc = build(DocumentKind::Letter, &letter);
    let text = doc.to_text();
    assert!(
        text.starts_with(&letter.paragraph),
        "starts with the paragraph:\n{text}"
    );
    assert!(text.contains(APPENDIX_HEADING));
    assert!(
        !text.contains('【'),
        "no blanks in the plain letter:\n{text}"
    );
    assert!(
        text.contains(&format!("2. {}", letter.appendix[1].citation)),
        "quotations are numbered:\n{text}"
    );
}

#[test]
fn markdown_quotes_the_provisions_and_marks_blanks() {
    let letter = letter();
    let md = build(DocumentKind::Police, &letter).to_markdown();
    assert!(md.starts_with("# 报警材料\n"), "title:\n{md}");
    assert!(md.contains("## 事实与理由"), "headings:\n{md}");
    assert!(md.contains("**投诉人（报警人）：**【"), "fields:\n{md}");
    for q in &letter.appendix {
        assert!(md.contains(&format!("### {}", q.citation)));
        for line in cite::render_lines(&q.lines) {
            assert!(md.contains(&format!("> {line}")), "quoted line {line:?}");
        }
    }
}

#[test]
fn an_item_is_quoted_with_its_lead_in_and_marked_in_every_format() {
    let letter = letter();
    let lead_in = "测试条文50第1款。";
    let cited = format!("{}（五）测试项50-1-5；", cite::CITED_MARK);
    for kind in DocumentKind::ALL {
        let doc = build(kind, &letter);
        let text = doc.to_text();
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{kind:?} text lacks {needle:?}:\n{text}"))
        };
        assert!(
            at(lead_in) < at(&cited),
            "{kind:?}: the lead-in comes before the cited item"
        );
        assert!(
            !text.contains("测试项50-1-4"),
            "{kind:?}: the other items are left out"
        );
        let md = doc.to_markdown();
        assert!(
            md.contains(&format!("> {lead_in}")),
            "{kind:?} markdown:\n{md}"
        );
        assert!(
            md.contains(&format!("> {cited}")),
            "{kind:?} markdown:\n{md}"
        );
        let docx =
            String::from_utf8_lossy(&doc.render(DocFormat::Docx).expect("docx")).into_owned();
        assert!(
            docx.contains(lead_in) && docx.contains(&cited),
            "{kind:?} .docx (stored entries are readable) quotes the lead-in and the item"
        );
    }
}

#[test]
fn formats_are_named_by_extension() {
    const FORMATS: &[(&str, Option<DocFormat>)] = &[
        ("投诉.docx", Some(DocFormat::Docx)),
        ("a.DOCX", Some(DocFormat::Docx)),
        ("a.md", Some(DocFormat::Markdown)),
        ("a.txt", Some(DocFormat::Text)),
        ("a.pdf", None),
        ("a", None),
    ];
    for (name, format) in FORMATS {
        assert_eq!(
            DocFormat::from_path(Path::new(name)),
            *format,
            "format of {name}"
        );
    }
}

#[test]
fn a_partial_statute_is_marked_in_every_format() {
    let corpus = testing::corpus();
    let partial = corpus
        .statutes
        .iter()
        .find(|s| s.meta.partial)
        .expect("the test corpus has a partial statute");
    let refs = [r(&partial.id(), partial.articles[0].no.number, None, None)];
    let letter = cite::letter(&corpus, &refs, CiteStyle::Full).expect("exists");
    let doc = build(DocumentKind::Letter, &letter);
    assert!(doc.to_text().contains("部分收录"), "text");
    assert!(doc.to_markdown().contains("部分收录"), "markdown");
    let docx = doc.render(DocFormat::Docx).expect("docx");
    assert!(
        String::from_utf8_lossy(&docx).contains("部分收录"),
        "docx (stored entries are readable)"
    );
}
