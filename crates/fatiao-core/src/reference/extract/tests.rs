use super::*;
use crate::testing;

/// One citation summarised as "kind statute@version article[-end] paragraph item[-end] «text»"
/// (`~` marks an inherited title, `-` an absent part).
fn summary(e: &Extracted) -> String {
    let kind = match e.kind {
        MarkKind::Titled => "T",
        MarkKind::ThisLaw => "本法",
        MarkKind::Bare => "B",
        MarkKind::PreviousParagraph => "前",
        MarkKind::ThisArticle => "本条",
    };
    let statute = match (&e.statute, &e.version) {
        (Some(s), Some(v)) => format!("{s}@{v}"),
        (Some(s), None) => s.clone(),
        _ => "-".to_string(),
    };
    let inherited = if e.inherited { "~" } else { "" };
    let article = match (e.article, e.article_end) {
        (Some(a), Some(b)) => format!("{}-{}", a.number, b.number),
        (Some(a), None) if a.suffix > 0 => format!("{}.{}", a.number, a.suffix),
        (Some(a), None) => a.number.to_string(),
        (None, _) if e.kind == MarkKind::PreviousParagraph => format!("前{}", e.previous),
        (None, _) => "-".to_string(),
    };
    let opt = |o: Option<u32>| o.map_or("-".to_string(), |n| n.to_string());
    let item = match e.item_end {
        Some(end) => format!("{}-{end}", opt(e.item)),
        None => opt(e.item),
    };
    format!(
        "{kind} {inherited}{statute} {article} {} {item} «{}»",
        opt(e.paragraph),
        e.text
    )
}

/// (letter text, citations found)
const LETTERS: &[(&str, &[&str])] = &[
    (
        "本人依据《中华人民共和国民法典》第一千零三十二条、第一千零三十四条的规定，要求贵公司立即停止骚扰。",
        &[
            "T 中华人民共和国民法典 1032 - - «《中华人民共和国民法典》第一千零三十二条»",
            "T 中华人民共和国民法典 1034 - - «第一千零三十四条»",
        ],
    ),
    (
        "催收员的行为违反了《治安管理处罚法》第42条，也违反了《民法典》第1032条、第1034条和第1038条。",
        &[
            "T 治安管理处罚法 42 - - «《治安管理处罚法》第42条»",
            "T 民法典 1032 - - «《民法典》第1032条»",
            "T 民法典 1034 - - «第1034条»",
            "T 民法典 1038 - - «第1038条»",
        ],
    ),
    (
        "贵公司违反《治安管理处罚法》（2012年修正）第四十二条第五项及《民法典》1033条第二款。",
        &[
            "T 治安管理处罚法@2012 42 - 5 «《治安管理处罚法》（2012年修正）第四十二条第五项»",
            "T 民法典 1033 2 - «《民法典》1033条第二款»",
        ],
    ),
    (
        "《民法典》第1032条规定了隐私权。另外，第1034条保护个人信息，请贵方自查。",
        &[
            "T 民法典 1032 - - «《民法典》第1032条»",
            "T ~民法典 1034 - - «第1034条»",
        ],
    ),
    (
        "对方每天打电话十几次，违反第50条的规定，第三人也受到了影响，这是第一次投诉。",
        &["B - 50 - - «第50条»"],
    ),
    (
        "请依照《中华人民共和国治安管理处罚法》第五十条第一款第五项、第六项处理。",
        &[
            "T 中华人民共和国治安管理处罚法 50 1 5 «《中华人民共和国治安管理处罚法》第五十条第一款第五项»",
            "T 中华人民共和国治安管理处罚法 50 1 6 «第六项»",
        ],
    ),
    (
        "参见《民法典》第1032条至第1034条，以及《民法典》第1035-1037条。",
        &[
            "T 民法典 1032-1034 - - «《民法典》第1032条至第1034条»",
            "T 民法典 1035-1037 - - «《民法典》第1035-1037条»",
        ],
    ),
    (
        "他们的做法符合《互联网金融逾期债务催收自律公约(试行)》第十三条吗？还违反了《催收公约》第５条。",
        &[
            "T 互联网金融逾期债务催收自律公约（试行） 13 - - «《互联网金融逾期债务催收自律公约(试行)》第十三条»",
            "T 催收公约 5 - - «《催收公约》第５条»",
        ],
    ),
    (
        "《治安管理处罚法（2012年修正）》第42条早已不适用，应引用《治安管理处罚法》第 50 条。",
        &[
            "T 治安管理处罚法@2012 42 - - «《治安管理处罚法（2012年修正）》第42条»",
            "T 治安管理处罚法 50 - - «《治安管理处罚法》第 50 条»",
        ],
    ),
    (
        "短信轰炸属于《治安管理处罚法》第四十二条第（五）项、第(六)项所列行为。",
        &[
            "T 治安管理处罚法 42 - 5 «《治安管理处罚法》第四十二条第（五）项»",
            "T 治安管理处罚法 42 - 6 «第(六)项»",
        ],
    ),
    (
        "我于三月签订《借款合同》，合同第八条约定了还款方式。",
        &["T ~借款合同 8 - - «第八条»"],
    ),
    ("第三人、第一次、第二天、第一编都不是条文。", &[]),
    (
        "依照本法第五十一条的规定处罚；有前款第五项行为的，从重；前两款规定的情形除外；本条第一款不适用。",
        &[
            "本法 - 51 - - «本法第五十一条»",
            "前 - 前1 - 5 «前款第五项»",
            "前 - 前2 - - «前两款»",
            "本条 - - 1 - «本条第一款»",
        ],
    ),
    (
        "适用本法第三十二条、第三十四条的规定，第十条之一另有规定的除外。",
        &[
            "本法 - 32 - - «本法第三十二条»",
            "本法 - 34 - - «第三十四条»",
            "B - 10.1 - - «第十条之一»",
        ],
    ),
    (
        "依照本法第五百八十二条至第五百八十四条处理；第二款第一项至第三项另行规定。",
        &[
            "本法 - 582-584 - - «本法第五百八十二条至第五百八十四条»",
            "本条 - - 2 1-3 «第二款第一项至第三项»",
        ],
    ),
    (
        "依照本法第十条第一款第一项至第三项规定的财产或者第五项规定的事项。",
        &[
            "本法 - 10 1 1-3 «本法第十条第一款第一项至第三项»",
            "本法 - 10 1 5 «第五项»",
        ],
    ),
    ("贵司提前款项已到账，目前款式不限。", &[]),
];

#[test]
fn finds_citations_in_letters() {
    for &(text, expected) in LETTERS {
        let found: Vec<String> = extract(text).iter().map(summary).collect();
        assert_eq!(found, expected, "citations in {text:?}");
    }
}

#[test]
fn positions_point_at_the_citation() {
    for &(text, _) in LETTERS {
        for e in extract(text) {
            assert_eq!(
                &text[e.bytes.clone()],
                e.text,
                "byte range of {:?} in {text:?}",
                e.text
            );
            let by_chars: String = text
                .chars()
                .skip(e.chars.start)
                .take(e.chars.len())
                .collect();
            assert_eq!(by_chars, e.text, "char range of {:?} in {text:?}", e.text);
        }
    }
}

#[test]
fn names_without_book_marks() {
    let names = statute_names(&testing::corpus());
    let cases: &[(&str, &[&str])] = &[
        (
            "依据测试法第四十二条和样例公约第13条，以及中华人民共和国测试法（2010年修正）第5条。",
            &[
                "T 测试法 42 - - «测试法第四十二条»",
                "T 样例公约 13 - - «样例公约第13条»",
                "T 中华人民共和国测试法@2010 5 - - «中华人民共和国测试法（2010年修正）第5条»",
            ],
        ),
        // A name not followed by a citation is just a word.
        ("测试法规定得很清楚，第5条也写了。", &["B - 5 - - «第5条»"]),
    ];
    for &(text, expected) in cases {
        let found: Vec<String> = extract_with_names(text, &names)
            .iter()
            .map(summary)
            .collect();
        assert_eq!(found, expected, "citations with known names in {text:?}");
    }
}

#[test]
fn references_of_extracted_citations_resolve() {
    let corpus = testing::corpus();
    let found =
        extract("根据《测试法》第五十条第一款第五项、第六项和《样例公约（试行）》第十三条。");
    let resolved: Vec<String> = found
        .iter()
        .filter_map(Extracted::reference)
        .map(|r| match crate::reference::resolve(&r, &corpus, false) {
            crate::reference::Resolution::Found(refs) => format!("{refs:?}"),
            other => format!("not found: {other:?}"),
        })
        .collect();
    assert_eq!(resolved.len(), 3, "three references: {resolved:?}");
    assert!(
        resolved.iter().all(|r| !r.starts_with("not found")),
        "every extracted reference resolves: {resolved:?}"
    );
    assert!(
        extract("前款规定").iter().all(|e| e.reference().is_none()),
        "前款 has no reference outside a statute"
    );
}

fn builtin() -> Corpus {
    match Corpus::builtin() {
        Ok(corpus) => corpus,
        Err(e) => panic!("the built-in corpus must load: {e}"),
    }
}

fn target_summary(targets: &[ResolvedRef]) -> Vec<String> {
    targets
        .iter()
        .map(|t| {
            let opt = |o: Option<u32>| o.map_or("-".to_string(), |n| n.to_string());
            format!(
                "{} {} {} {}",
                t.statute_id,
                t.article.number,
                opt(t.paragraph),
                opt(t.item)
            )
        })
        .collect()
}

/// (statute id, article, paragraph index, reference text, targets)
const CROSS_REFERENCES: &[(&str, u32, usize, &str, &[&str])] = &[
    (
        "治安管理处罚法@2025",
        50,
        1,
        "前款第五项",
        &["治安管理处罚法@2025 50 1 5"],
    ),
    (
        "治安管理处罚法@2025",
        89,
        3,
        "本法第五十一条",
        &["治安管理处罚法@2025 51 - -"],
    ),
    (
        "治安管理处罚法@2025",
        117,
        2,
        "前两款",
        &["治安管理处罚法@2025 117 1 -", "治安管理处罚法@2025 117 2 -"],
    ),
    (
        "治安管理处罚法@2025",
        141,
        2,
        "第五十六条",
        &["治安管理处罚法@2025 56 - -"],
    ),
    (
        "治安管理处罚法@2012",
        75,
        1,
        "本法第四十三条第一款",
        &["治安管理处罚法@2012 43 1 -"],
    ),
    (
        "民法典@2020",
        617,
        0,
        "本法第五百八十二条至第五百八十四条",
        &[
            "民法典@2020 582 - -",
            "民法典@2020 583 - -",
            "民法典@2020 584 - -",
        ],
    ),
    ("民法典@2020", 402, 0, "第五项", &["民法典@2020 395 1 5"]),
    (
        "民法典@2020",
        1099,
        0,
        "第一千零九十四条第三项",
        &["民法典@2020 1094 1 3"],
    ),
    ("民法典@2020", 31, 2, "本条第一款", &["民法典@2020 31 1 -"]),
];

#[test]
fn cross_references_in_the_builtin_corpus() {
    let corpus = builtin();
    for &(id, number, paragraph_index, text, targets) in CROSS_REFERENCES {
        let statute = corpus.get(id).unwrap_or_else(|| panic!("{id} in corpus"));
        let article = statute
            .article(ArticleNo { number, suffix: 0 })
            .unwrap_or_else(|| panic!("{id} article {number}"));
        let refs = cross_references(&statute_names(&corpus), statute, article);
        let found = refs
            .iter()
            .find(|r| r.paragraph_index == paragraph_index && r.text == text)
            .unwrap_or_else(|| {
                panic!(
                    "{id} art {number} paragraph {paragraph_index}: {text:?} not found among {:?}",
                    refs.iter().map(|r| &r.text).collect::<Vec<_>>()
                )
            });
        assert_eq!(
            target_summary(&found.targets),
            targets,
            "targets of {text:?} in {id} art {number}"
        );
        let holder = match found.item_index {
            Some(i) => &article.paragraphs[paragraph_index].items[i].text,
            None => &article.paragraphs[paragraph_index].text,
        };
        let at: String = holder
            .chars()
            .skip(found.chars.start)
            .take(found.chars.len())
            .collect();
        assert_eq!(at, text, "char range of {text:?} in {id} art {number}");
    }
}

#[test]
fn every_cross_reference_in_the_builtin_corpus_resolves() {
    let corpus = builtin();
    let mut total = 0;
    for statute in &corpus.statutes {
        for article in &statute.articles {
            for r in cross_references(&statute_names(&corpus), statute, article) {
                total += 1;
                assert!(
                    !r.targets.is_empty() || r.external.is_some(),
                    "{} {} paragraph {}: {:?} ({:?}) resolves to nothing",
                    statute.id(),
                    article.label,
                    r.paragraph_index,
                    r.text,
                    r.kind
                );
                for t in &r.targets {
                    assert_eq!(
                        t.statute_id,
                        statute.id(),
                        "cross-references stay in their version"
                    );
                }
            }
        }
    }
    assert!(
        total > 150,
        "the corpus has many cross-references; found only {total}"
    );
}

#[test]
fn external_titles_are_not_resolved_inside_the_statute() {
    let corpus = testing::corpus();
    let statute = corpus.get("测试法@2020").expect("test statute");
    let mut article = statute.articles[0].clone();
    article.paragraphs[0].text =
        "依照《中华人民共和国其他法》第三条、本法第五条和《测试法》第六条处理。".to_string();
    let refs = cross_references(&statute_names(&corpus), statute, &article);
    let summary: Vec<(String, Option<String>, Vec<String>)> = refs
        .iter()
        .map(|r| {
            (
                r.text.clone(),
                r.external.clone(),
                target_summary(&r.targets),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "《中华人民共和国其他法》第三条".to_string(),
                Some("中华人民共和国其他法".to_string()),
                vec![]
            ),
            (
                "本法第五条".to_string(),
                None,
                vec!["测试法@2020 5 - -".to_string()]
            ),
            (
                "《测试法》第六条".to_string(),
                None,
                vec!["测试法@2020 6 - -".to_string()]
            ),
        ],
        "another statute's title is external; this statute's own title resolves"
    );
}

#[test]
fn fragments_and_garbage_do_not_break_the_scanner() {
    let fragments = [
        "第",
        "《",
        "》",
        "前款",
        "本法第",
        "（2012",
        "１",
        "至",
        "、",
        "条",
        "之",
        "款",
        "项",
        "\n",
        "é",
        "😀",
        "一千",
    ];
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(fragments[(i * 7 + i / 5) % fragments.len()]);
    }
    for e in extract(&text) {
        assert!(
            text.is_char_boundary(e.bytes.start) && text.is_char_boundary(e.bytes.end),
            "byte range {:?} must fall on char boundaries",
            e.bytes
        );
        assert_eq!(
            &text[e.bytes.clone()],
            e.text,
            "text of a citation in garbage"
        );
    }
}

/// A letter mixing correct, missing, outdated and partial-source citations,
/// checked the way `fatiao verify` will: extract with the corpus's names, then resolve.
#[test]
fn letter_citations_checked_against_the_builtin_corpus() {
    let corpus = builtin();
    let names = statute_names(&corpus);
    let letter = "尊敬的调解员：\n\
        催收人员反复给我的亲友打电话，违反《中华人民共和国民法典》第一千零三十二条、第1033条第（二）项。\n\
        其发送侮辱短信的行为违反《治安管理处罚法》第四十二条第五项，应依照治安管理处罚法第五十条第一款第五项处理。\n\
        此外还违反《民法典》第1300条，也不符合《催收公约》第十三条和第十五条。";
    let expected: &[(&str, &str)] = &[
        ("《中华人民共和国民法典》第一千零三十二条", "ok"),
        ("第1033条第（二）项", "ok"),
        ("《治安管理处罚法》第四十二条第五项", "outdated"),
        ("治安管理处罚法第五十条第一款第五项", "ok"),
        ("《民法典》第1300条", "missing"),
        ("《催收公约》第十三条", "ok"),
        ("第十五条", "partial"),
    ];
    let got: Vec<(String, &str)> = extract_with_names(letter, &names)
        .iter()
        .map(|e| {
            let reference = e
                .reference()
                .unwrap_or_else(|| panic!("{:?} names an article", e.text));
            let status = match crate::reference::resolve(&reference, &corpus, false) {
                crate::reference::Resolution::Found(_) => "ok",
                crate::reference::Resolution::NotFound { message, .. }
                    if message.contains("已被修订") =>
                {
                    "outdated"
                }
                crate::reference::Resolution::NotFound { message, .. }
                    if message.contains("未收录") =>
                {
                    "partial"
                }
                crate::reference::Resolution::NotFound { .. } => "missing",
                crate::reference::Resolution::UnknownStatute(_) => "unknown",
            };
            (e.text.clone(), status)
        })
        .collect();
    let got: Vec<(&str, &str)> = got.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    assert_eq!(got, expected, "citations and their status in the letter");
}
