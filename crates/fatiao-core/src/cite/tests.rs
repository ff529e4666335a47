use super::*;
use crate::corpus::ArticleNo;
use crate::testing;

fn r(id: &str, number: u32, paragraph: Option<u32>, item: Option<u32>) -> ResolvedRef {
    ResolvedRef {
        statute_id: id.to_string(),
        article: ArticleNo { number, suffix: 0 },
        paragraph,
        item,
    }
}

const NOW: &str = "测试法@2020";
const OLD: &str = "测试法@2010";
const CONVENTION: &str = "样例公约@2018";

/// (statute id, article, paragraph, item, style, expected citation)
type CiteCase = (
    &'static str,
    u32,
    Option<u32>,
    Option<u32>,
    CiteStyle,
    &'static str,
);

const CITE_CASES: &[CiteCase] = &[
    (
        NOW,
        32,
        None,
        None,
        CiteStyle::Full,
        "《中华人民共和国测试法》第三十二条",
    ),
    (
        NOW,
        32,
        None,
        None,
        CiteStyle::Short,
        "《测试法》第三十二条",
    ),
    (
        NOW,
        32,
        Some(2),
        None,
        CiteStyle::Full,
        "《中华人民共和国测试法》第三十二条第二款",
    ),
    (
        NOW,
        50,
        Some(1),
        Some(5),
        CiteStyle::Full,
        "《中华人民共和国测试法》第五十条第一款第五项",
    ),
    (
        NOW,
        50,
        Some(1),
        Some(5),
        CiteStyle::Short,
        "《测试法》第五十条第一款第五项",
    ),
    // One paragraph: no 第一款 to name.
    (
        NOW,
        42,
        Some(1),
        Some(5),
        CiteStyle::Full,
        "《中华人民共和国测试法》第四十二条第五项",
    ),
    (
        NOW,
        42,
        Some(1),
        None,
        CiteStyle::Full,
        "《中华人民共和国测试法》第四十二条",
    ),
    (
        OLD,
        42,
        None,
        None,
        CiteStyle::Full,
        "《中华人民共和国测试法》（2010年修正）第四十二条",
    ),
    (
        OLD,
        42,
        None,
        None,
        CiteStyle::Short,
        "《测试法》（2010年修正）第四十二条",
    ),
    (
        OLD,
        42,
        Some(1),
        Some(3),
        CiteStyle::Full,
        "《中华人民共和国测试法》（2010年修正）第四十二条第三项",
    ),
    (
        CONVENTION,
        13,
        None,
        None,
        CiteStyle::Full,
        "《样例公约（试行）》第十三条",
    ),
    (
        CONVENTION,
        13,
        None,
        None,
        CiteStyle::Short,
        "《样例公约》第十三条",
    ),
];

#[test]
fn every_style() {
    let corpus = testing::corpus();
    for &(id, article, paragraph, item, style, expected) in CITE_CASES {
        let got = cite(&corpus, &r(id, article, paragraph, item), style);
        assert_eq!(
            got.as_deref().ok(),
            Some(expected),
            "cite({id} {article} {paragraph:?} {item:?}, {style:?}); error: {:?}",
            got.as_ref().err()
        );
    }
}

#[test]
fn suffix_articles_cite_their_label() {
    let corpus = testing::corpus();
    let reference = ResolvedRef {
        statute_id: NOW.to_string(),
        article: ArticleNo {
            number: 10,
            suffix: 1,
        },
        paragraph: None,
        item: None,
    };
    assert_eq!(
        cite(&corpus, &reference, CiteStyle::Short).ok().as_deref(),
        Some("《测试法》第十条之一"),
        "a 之一 article keeps its suffix"
    );
}

/// References that do not exist: no citation, an error.
const MISSING: &[(&str, u32, Option<u32>, Option<u32>)] = &[
    (NOW, 99, None, None),
    (NOW, 50, Some(3), None),
    (NOW, 50, Some(1), Some(9)),
    (NOW, 50, Some(2), Some(1)),
    (NOW, 50, None, Some(1)),
    (NOW, 50, Some(0), None),
    (OLD, 50, None, None),
    (CONVENTION, 5, None, None),
    ("无此法@2020", 1, None, None),
];

#[test]
fn no_citation_for_what_does_not_exist() {
    let corpus = testing::corpus();
    for &(id, article, paragraph, item) in MISSING {
        let reference = r(id, article, paragraph, item);
        assert!(
            matches!(
                cite(&corpus, &reference, CiteStyle::Full),
                Err(Error::NotFound(_))
            ),
            "cite must refuse {reference:?}"
        );
        assert!(
            merge(
                &corpus,
                &[r(NOW, 1, None, None), reference.clone()],
                CiteStyle::Full
            )
            .is_err(),
            "merge must refuse a list containing {reference:?}"
        );
        assert!(
            letter(&corpus, std::slice::from_ref(&reference), CiteStyle::Full).is_err(),
            "letter must refuse {reference:?}"
        );
    }
}

type Refs = &'static [(&'static str, u32, Option<u32>, Option<u32>)];

/// (references in the order given, style, merged citation)
const MERGE_CASES: &[(Refs, CiteStyle, &str)] = &[
    (
        &[(NOW, 32, None, None)],
        CiteStyle::Full,
        "《中华人民共和国测试法》第三十二条",
    ),
    (
        &[(NOW, 32, None, None), (NOW, 34, None, None)],
        CiteStyle::Full,
        "《中华人民共和国测试法》第三十二条、第三十四条",
    ),
    // Sorted within a statute, duplicates dropped.
    (
        &[
            (NOW, 34, None, None),
            (NOW, 32, None, None),
            (NOW, 34, None, None),
        ],
        CiteStyle::Short,
        "《测试法》第三十二条、第三十四条",
    ),
    // Consecutive items of one paragraph.
    (
        &[(NOW, 50, Some(1), Some(5)), (NOW, 50, Some(1), Some(6))],
        CiteStyle::Full,
        "《中华人民共和国测试法》第五十条第一款第五项、第六项",
    ),
    // An item, then another paragraph of the same article.
    (
        &[(NOW, 50, Some(2), None), (NOW, 50, Some(1), Some(5))],
        CiteStyle::Short,
        "《测试法》第五十条第一款第五项、第二款",
    ),
    // Paragraphs of one article.
    (
        &[(NOW, 32, Some(1), None), (NOW, 32, Some(3), None)],
        CiteStyle::Short,
        "《测试法》第三十二条第一款、第三款",
    ),
    // Items of a one-paragraph article.
    (
        &[(NOW, 42, Some(1), Some(2)), (NOW, 42, Some(1), Some(4))],
        CiteStyle::Short,
        "《测试法》第四十二条第二项、第四项",
    ),
    // A whole article covers its paragraphs and items; a paragraph covers its items.
    (
        &[(NOW, 50, Some(1), Some(5)), (NOW, 50, None, None)],
        CiteStyle::Short,
        "《测试法》第五十条",
    ),
    (
        &[
            (NOW, 50, Some(1), Some(5)),
            (NOW, 50, Some(1), None),
            (NOW, 51, None, None),
        ],
        CiteStyle::Short,
        "《测试法》第五十条第一款、第五十一条",
    ),
    // Different statutes keep the order given, joined with 和 / 、…和.
    (
        &[
            (NOW, 32, None, None),
            (NOW, 34, None, None),
            (CONVENTION, 13, None, None),
        ],
        CiteStyle::Full,
        "《中华人民共和国测试法》第三十二条、第三十四条和《样例公约（试行）》第十三条",
    ),
    (
        &[
            (CONVENTION, 13, None, None),
            (NOW, 50, Some(1), Some(5)),
            (NOW, 50, Some(1), Some(6)),
        ],
        CiteStyle::Full,
        "《样例公约（试行）》第十三条和《中华人民共和国测试法》第五十条第一款第五项、第六项",
    ),
    (
        &[
            (NOW, 5, None, None),
            (OLD, 42, None, None),
            (CONVENTION, 13, None, None),
            (NOW, 6, None, None),
        ],
        CiteStyle::Short,
        "《测试法》第五条、第六条、《测试法》（2010年修正）第四十二条和《样例公约》第十三条",
    ),
];

#[test]
fn merge_rules() {
    let corpus = testing::corpus();
    for &(refs, style, expected) in MERGE_CASES {
        let refs: Vec<ResolvedRef> = refs.iter().map(|&(id, a, p, i)| r(id, a, p, i)).collect();
        let got = merge(&corpus, &refs, style);
        assert_eq!(
            got.as_deref().ok(),
            Some(expected),
            "merge({refs:?}, {style:?}); error: {:?}",
            got.as_ref().err()
        );
    }
}

#[test]
fn merge_of_nothing_is_an_error() {
    let corpus = testing::corpus();
    assert!(
        matches!(
            merge(&corpus, &[], CiteStyle::Full),
            Err(Error::BadQuery(_))
        ),
        "merging no references should be a BadQuery error"
    );
}

fn sample_letter() -> Letter {
    let corpus = testing::corpus();
    let refs = [
        r(NOW, 32, None, None),
        r(NOW, 34, None, None),
        r(NOW, 50, Some(1), Some(5)),
        r(NOW, 50, Some(1), Some(6)),
        r(CONVENTION, 13, Some(2), None),
    ];
    letter(&corpus, &refs, CiteStyle::Full).expect("all references exist")
}

#[test]
fn letter_paragraph_and_appendix_come_from_the_corpus() {
    let corpus = testing::corpus();
    let letter = sample_letter();
    assert_eq!(
        letter.paragraph,
        "根据《中华人民共和国测试法》第三十二条、第三十四条、第五十条第一款第五项、第六项和《样例公约（试行）》第十三条第二款的规定，",
        "letter paragraph"
    );
    let citations: Vec<&str> = letter
        .appendix
        .iter()
        .map(|q| q.citation.as_str())
        .collect();
    assert_eq!(
        citations,
        [
            "《中华人民共和国测试法》第三十二条",
            "《中华人民共和国测试法》第三十四条",
            "《中华人民共和国测试法》第五十条第一款第五项",
            "《中华人民共和国测试法》第五十条第一款第六项",
            "《样例公约（试行）》第十三条第二款",
        ],
        "one quotation per cited provision, in the paragraph's order"
    );
    let statute = corpus.get(NOW).expect("test statute");
    let article_32 = statute
        .article(ArticleNo {
            number: 32,
            suffix: 0,
        })
        .expect("article 32");
    assert_eq!(
        letter.appendix[0].text,
        article_32.text(),
        "a whole article is quoted whole"
    );
    let item = &statute
        .article(ArticleNo {
            number: 50,
            suffix: 0,
        })
        .expect("article 50")
        .paragraphs[0]
        .items[4];
    assert_eq!(
        letter.appendix[2].text,
        format!("{}{}", item.marker, item.text),
        "an item is quoted with its marker"
    );
    let convention = corpus.get(CONVENTION).expect("test convention");
    assert_eq!(
        letter.appendix[4].text, convention.articles[0].paragraphs[1].text,
        "a paragraph is quoted on its own"
    );
    assert!(letter.appendix[4].partial, "the partial source is flagged");
}

#[test]
fn letter_formats() {
    let letter = sample_letter();
    let text = letter.render(LetterFormat::Text).expect("text renders");
    assert!(
        text.starts_with(&letter.paragraph),
        "text starts with the paragraph:\n{text}"
    );
    assert!(
        text.contains("附：所引条文"),
        "text has the appendix heading:\n{text}"
    );
    assert!(
        text.contains("5. 《样例公约（试行）》第十三条第二款"),
        "text numbers the quotations:\n{text}"
    );
    assert!(
        text.contains("部分收录：测试说明"),
        "text labels the partial source:\n{text}"
    );

    let markdown = letter
        .render(LetterFormat::Markdown)
        .expect("markdown renders");
    assert!(
        markdown.contains(
            "### 《中华人民共和国测试法》第五十条第一款第五项\n\n> 测试条文50第1款。\n>\n> ……\n>\n> ▶（五）"
        ),
        "markdown quotes under a heading per citation, an item after its lead-in:\n{markdown}"
    );
    assert!(
        markdown.contains("> 测试条文32第1款。\n>\n> 测试条文32第2款。"),
        "markdown separates quoted paragraphs:\n{markdown}"
    );

    let json = letter.render(LetterFormat::Json).expect("json renders");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid json");
    assert_eq!(
        value["paragraph"],
        letter.paragraph.as_str(),
        "json paragraph"
    );
    assert_eq!(value["appendix"][2]["item"], 5, "json item number");
    assert_eq!(
        value["appendix"][2]["paragraph"], 1,
        "json paragraph number"
    );
    assert_eq!(value["appendix"][0]["in_force"], true, "json in_force");
    assert_eq!(value["appendix"][4]["partial"], true, "json partial flag");
    assert!(
        value["appendix"][0].get("item").is_none(),
        "absent item is omitted"
    );
}

#[test]
fn full_title_keeps_its_contract() {
    let corpus = testing::corpus();
    let old = corpus.get(OLD).expect("old version");
    assert_eq!(
        full_title(&old.meta),
        "《中华人民共和国测试法》（2010年修正）"
    );
    assert_eq!(
        full_article(&old.meta, "第四十二条"),
        "《中华人民共和国测试法》（2010年修正）第四十二条"
    );
}

// ---------------------------------------------------------------------------
// On the built-in corpus, references typed the way users type them.

fn builtin() -> Corpus {
    match Corpus::builtin() {
        Ok(corpus) => corpus,
        Err(e) => panic!("the built-in corpus must load: {e}"),
    }
}

fn resolved(corpus: &Corpus, queries: &[&str]) -> Vec<ResolvedRef> {
    queries
        .iter()
        .flat_map(|q| {
            let reference =
                crate::reference::parse_query(q).unwrap_or_else(|| panic!("{q:?} should parse"));
            crate::reference::resolve(&reference, corpus, false)
                .into_result()
                .unwrap_or_else(|e| panic!("{q:?} should resolve: {e}"))
        })
        .collect()
}

/// (references typed by a user, style, citation)
const BUILTIN_CASES: &[(&[&str], CiteStyle, &str)] = &[
    (
        &["民法典1032"],
        CiteStyle::Full,
        "《中华人民共和国民法典》第一千零三十二条",
    ),
    (
        &["民法典1032"],
        CiteStyle::Short,
        "《民法典》第一千零三十二条",
    ),
    (
        &["治安法第50条第1款第5项"],
        CiteStyle::Full,
        "《中华人民共和国治安管理处罚法》第五十条第一款第五项",
    ),
    (
        &["治安管理处罚法（2012）第42条"],
        CiteStyle::Full,
        "《中华人民共和国治安管理处罚法》（2012年修正）第四十二条",
    ),
    (
        &["催收公约第十三条"],
        CiteStyle::Full,
        "《互联网金融逾期债务催收自律公约（试行）》第十三条",
    ),
    (
        &[
            "民法典1032",
            "民法典1034",
            "治安法第50条第1款第5项",
            "治安法第50条第1款第6项",
        ],
        CiteStyle::Full,
        "《中华人民共和国民法典》第一千零三十二条、第一千零三十四条和《中华人民共和国治安管理处罚法》第五十条第一款第五项、第六项",
    ),
    (
        &["民法典1032-1034"],
        CiteStyle::Short,
        "《民法典》第一千零三十二条、第一千零三十三条、第一千零三十四条",
    ),
];

#[test]
fn builtin_citations() {
    let corpus = builtin();
    for &(queries, style, expected) in BUILTIN_CASES {
        let refs = resolved(&corpus, queries);
        let got = merge(&corpus, &refs, style);
        assert_eq!(
            got.as_deref().ok(),
            Some(expected),
            "citation of {queries:?} in {style:?}; error: {:?}",
            got.as_ref().err()
        );
    }
}

#[test]
fn builtin_letter_quotes_the_corpus() {
    let corpus = builtin();
    let refs = resolved(
        &corpus,
        &[
            "民法典1032",
            "民法典1034",
            "治安法第50条第1款第5项",
            "治安法第50条第1款第6项",
        ],
    );
    let letter = letter(&corpus, &refs, CiteStyle::Full).expect("all four exist");
    assert_eq!(
        letter.paragraph,
        "根据《中华人民共和国民法典》第一千零三十二条、第一千零三十四条和《中华人民共和国治安管理处罚法》第五十条第一款第五项、第六项的规定，",
        "the letter paragraph of the issue's example"
    );
    let civil = corpus.get("民法典@2020").expect("民法典 in corpus");
    let psapl = corpus
        .get("治安管理处罚法@2025")
        .expect("治安管理处罚法 2025 in corpus");
    let no = |number| ArticleNo { number, suffix: 0 };
    let art_1032 = civil.article(no(1032)).expect("art 1032");
    assert_eq!(
        letter.appendix[0].text,
        art_1032.text(),
        "art 1032 quoted whole"
    );
    let item_5 = &psapl.article(no(50)).expect("art 50").paragraphs[0].items[4];
    assert_eq!(
        letter.appendix[2].text,
        format!("{}{}", item_5.marker, item_5.text),
        "item 5 of art 50 quoted with its marker"
    );
    for format in [
        LetterFormat::Text,
        LetterFormat::Markdown,
        LetterFormat::Json,
    ] {
        let rendered = letter.render(format).expect("renders");
        assert!(
            rendered.contains(&item_5.text),
            "{format:?} output quotes the item text"
        );
    }
}

#[test]
fn resolve_query_errors_are_typed() {
    let corpus = testing::corpus();
    let cases: &[(&str, &str)] = &[
        ("散布他人隐私", "BadQuery"),
        ("无此法第1条", "UnknownStatute"),
        ("测试法第99条", "NotFound"),
    ];
    for &(query, kind) in cases {
        let got = match crate::reference::resolve_query(query, &corpus, false) {
            Err(Error::BadQuery(_)) => "BadQuery",
            Err(Error::UnknownStatute(_)) => "UnknownStatute",
            Err(Error::NotFound(_)) => "NotFound",
            other => panic!("{query:?}: unexpected {other:?}"),
        };
        assert_eq!(got, kind, "error kind for {query:?}");
    }
    let refs = crate::reference::resolve_query("测试法第50条第1款第5项", &corpus, false)
        .expect("an existing item resolves");
    assert_eq!(
        cite(&corpus, &refs[0], CiteStyle::Short).ok().as_deref(),
        Some("《测试法》第五十条第一款第五项"),
        "resolve_query feeds cite"
    );
}
