use super::*;
use crate::testing;

/// (query, statute, version, article, suffix, article_end, paragraph, item)
type ParseCase = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    u32,
    u32,
    Option<u32>,
    Option<u32>,
    Option<u32>,
);

const PARSE_CASES: &[ParseCase] = &[
    (
        "民法典1032",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "民法典 1032",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "民法典 第1032条",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "民法典第一千零三十二条",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "《中华人民共和国民法典》第一千零三十二条",
        Some("中华人民共和国民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    ("治安法 50", Some("治安法"), None, 50, 0, None, None, None),
    (
        "治安管理处罚法第五十条第一款第五项",
        Some("治安管理处罚法"),
        None,
        50,
        0,
        None,
        Some(1),
        Some(5),
    ),
    (
        "治安法第42条第5项",
        Some("治安法"),
        None,
        42,
        0,
        None,
        None,
        Some(5),
    ),
    (
        "催收公约第十三条",
        Some("催收公约"),
        None,
        13,
        0,
        None,
        None,
        None,
    ),
    (
        "民法典1032-1034",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "民法典1032～1034",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "民法典1032~1034",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "民法典1032—1034",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "民法典1032——1034",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "民法典第1032条至第1034条",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "民法典1032到1034",
        Some("民法典"),
        None,
        1032,
        0,
        Some(1034),
        None,
        None,
    ),
    (
        "治安管理处罚法（2012）第42条",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    (
        "治安管理处罚法(2012年修正)第42条",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    (
        "《治安管理处罚法（2012年修正）》第四十二条",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    (
        "《治安管理处罚法》（2012年修正）第四十二条",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    (
        "2012年治安管理处罚法第四十二条",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    (
        "2012版治安管理处罚法42",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    (
        "治安管理处罚法2012年版第42条",
        Some("治安管理处罚法"),
        Some("2012"),
        42,
        0,
        None,
        None,
        None,
    ),
    ("第50条", None, None, 50, 0, None, None, None),
    ("50条", None, None, 50, 0, None, None, None),
    ("第十条之一", None, None, 10, 1, None, None, None),
    (
        "测试法第10条之1",
        Some("测试法"),
        None,
        10,
        1,
        None,
        None,
        None,
    ),
    (
        "民法典１０３２",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "  民法典　　第 １０３２ 条  ",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "民法典第1032条第2款",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        Some(2),
        None,
    ),
    (
        "民法典1032条2款",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        Some(2),
        None,
    ),
    (
        "民法典第一千零三十二条？",
        Some("民法典"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
    (
        "《互联网金融逾期债务催收自律公约（试行）》第十三条",
        Some("互联网金融逾期债务催收自律公约（试行）"),
        None,
        13,
        0,
        None,
        None,
        None,
    ),
    (
        "互联网金融逾期债务催收自律公约（试行）第十三条",
        Some("互联网金融逾期债务催收自律公约（试行）"),
        None,
        13,
        0,
        None,
        None,
        None,
    ),
    (
        "民法一千零三十二",
        Some("民法"),
        None,
        1032,
        0,
        None,
        None,
        None,
    ),
];

const NOT_REFERENCES: &[&str] = &[
    "散布他人隐私",
    "借钱不还怎么办",
    "民法典",
    "《民法典》",
    "",
    "   ",
    "50",
    "1032",
    "第三人",
    "第一次催收",
    "借了2000块",
    "2012年治安管理处罚法",
    "民法典第",
    "民法典第条",
    "民法典 1032 隐私",
    "催收 骚扰 亲友",
    "第0条",
    "民法典1032-",
    "abc123",
    "《》第1条",
    "\u{0}\u{7}第",
];

#[test]
fn parses_every_reference_form() {
    for &(query, statute, version, number, suffix, end, paragraph, item) in PARSE_CASES {
        let parsed = parse_query(query);
        let expected = Reference {
            statute: statute.map(str::to_string),
            version: version.map(str::to_string),
            article: ArticleNo { number, suffix },
            article_end: end.map(|number| ArticleNo { number, suffix: 0 }),
            paragraph,
            item,
        };
        assert_eq!(
            parsed.as_ref(),
            Some(&expected),
            "parse_query({query:?}): look at the name split, version mark and tail grammar"
        );
    }
}

#[test]
fn hostile_input_is_not_a_reference() {
    let long_name = format!("{}第1条", "测".repeat(200));
    let numerals = format!("民法典第{}条", "一".repeat(5000));
    let digits = format!("民法典第{}条", "9".repeat(40));
    for query in [
        long_name.as_str(),
        numerals.as_str(),
        digits.as_str(),
        "第\u{0}1条",
        "《《《》》》第1条",
    ] {
        assert_eq!(
            parse_query(query),
            None,
            "{:?}… must not parse",
            query.chars().take(20).collect::<String>()
        );
    }
}

#[test]
fn free_text_is_not_a_reference() {
    for &query in NOT_REFERENCES {
        assert_eq!(
            parse_query(query),
            None,
            "{query:?} must not parse as a reference (it is free text or incomplete)"
        );
    }
}

/// (query, all_versions, expected refs as "id article paragraph item")
const FOUND_CASES: &[(&str, bool, &[&str])] = &[
    ("测试法第5条", false, &["测试法@2020 5 - -"]),
    ("测法5", false, &["测试法@2020 5 - -"]),
    (
        "《中华人民共和国测试法》第五条",
        false,
        &["测试法@2020 5 - -"],
    ),
    ("中华人民共和国测试法5", false, &["测试法@2020 5 - -"]),
    (
        "测试法第5条",
        true,
        &["测试法@2020 5 - -", "测试法@2010 5 - -"],
    ),
    ("测试法第50条", true, &["测试法@2020 50 - -"]),
    ("测试法（2010）第5条", false, &["测试法@2010 5 - -"]),
    ("2011年测试法第5条", false, &["测试法@2010 5 - -"]),
    ("测试法第50条第一款第五项", false, &["测试法@2020 50 1 5"]),
    ("测试法第42条第5项", false, &["测试法@2020 42 1 5"]),
    ("测试法第50条第2款", false, &["测试法@2020 50 2 -"]),
    ("测试法第10条之一", false, &["测试法@2020 10.1 - -"]),
    (
        "测试法9-11",
        false,
        &[
            "测试法@2020 9 - -",
            "测试法@2020 10 - -",
            "测试法@2020 10.1 - -",
            "测试法@2020 11 - -",
        ],
    ),
    ("第50条", false, &["测试法@2020 50 - -"]),
    (
        "第13条",
        false,
        &["测试法@2020 13 - -", "样例公约@2018 13 - -"],
    ),
    (
        "第13条",
        true,
        &[
            "测试法@2020 13 - -",
            "样例公约@2018 13 - -",
            "测试法@2010 13 - -",
        ],
    ),
    ("样例公约第十三条", false, &["样例公约@2018 13 - -"]),
    ("样例公约（试行）第十三条", false, &["样例公约@2018 13 - -"]),
    ("《样例公约(试行)》第13条", false, &["样例公约@2018 13 - -"]),
    ("样约13", false, &["样例公约@2018 13 - -"]),
];

fn show(r: &ResolvedRef) -> String {
    let article = if r.article.suffix == 0 {
        r.article.number.to_string()
    } else {
        format!("{}.{}", r.article.number, r.article.suffix)
    };
    let opt = |o: Option<u32>| o.map_or("-".to_string(), |n| n.to_string());
    format!(
        "{} {article} {} {}",
        r.statute_id,
        opt(r.paragraph),
        opt(r.item)
    )
}

#[test]
fn resolves_existing_references() {
    let corpus = testing::corpus();
    for &(query, all_versions, expected) in FOUND_CASES {
        let reference = parse_query(query).unwrap_or_else(|| panic!("{query:?} should parse"));
        match resolve(&reference, &corpus, all_versions) {
            Resolution::Found(refs) => {
                let got: Vec<String> = refs.iter().map(show).collect();
                assert_eq!(
                    got, expected,
                    "resolve({query:?}, all_versions={all_versions})"
                );
            }
            other => panic!("resolve({query:?}) should be Found, got {other:?}"),
        }
    }
}

/// (query, all_versions, message, suggestions)
const NOT_FOUND_CASES: &[(&str, bool, &str, &[&str])] = &[
    (
        "测试法第70条",
        false,
        "测试法共61条，没有第70条",
        &[
            "测试法@2020 58 - -",
            "测试法@2020 59 - -",
            "测试法@2020 60 - -",
        ],
    ),
    (
        "测试法第50条第3款",
        false,
        "测试法第五十条只有2款，没有第3款",
        &["测试法@2020 50 - -"],
    ),
    (
        "测试法第50条第一款第九项",
        false,
        "测试法第五十条第一款只有6项，没有第9项",
        &["测试法@2020 50 1 -"],
    ),
    (
        "测试法第50条第2款第1项",
        false,
        "测试法第五十条第二款没有分项，没有第1项",
        &["测试法@2020 50 2 -"],
    ),
    (
        "测试法第5条第1项",
        false,
        "测试法第五条没有分项，没有第1项",
        &["测试法@2020 5 - -"],
    ),
    (
        "测试法（2010）第50条",
        false,
        "测试法（2010年修正）共45条，没有第50条",
        &[
            "测试法@2010 43 - -",
            "测试法@2010 44 - -",
            "测试法@2010 45 - -",
        ],
    ),
    (
        "测试法（2015）第5条",
        false,
        "没有收录测试法的2015年版本；收录的版本：2020年版（现行有效）、2010年版（已被修订）",
        &["测试法@2020 5 - -"],
    ),
    (
        "测试法第32条第4款",
        false,
        "测试法第三十二条只有3款，没有第4款",
        &["测试法@2020 32 - -"],
    ),
    (
        "样例公约第5条",
        false,
        "样例公约只收录了部分条文（第十三条），第5条未收录，无法显示；这不表示该条不存在",
        &["样例公约@2018 13 - -"],
    ),
    (
        "测试法1-60",
        false,
        "范围太大：第1条至第60条共61条，最多列出50条，请缩小范围",
        &[],
    ),
    (
        "测试法20-10",
        false,
        "范围的终点第10条应在起点第20条之后",
        &[],
    ),
    (
        "第99条",
        false,
        "收录的法律都没有第99条（样例公约只收录了部分条文，无法核对）",
        &["测试法@2020 60 - -"],
    ),
];

#[test]
fn explains_what_is_missing() {
    let corpus = testing::corpus();
    for &(query, all_versions, message, suggestions) in NOT_FOUND_CASES {
        let reference = parse_query(query).unwrap_or_else(|| panic!("{query:?} should parse"));
        match resolve(&reference, &corpus, all_versions) {
            Resolution::NotFound {
                message: got,
                suggestions: got_suggestions,
            } => {
                assert_eq!(got, message, "message for {query:?}");
                if !suggestions.is_empty() {
                    let shown: Vec<String> = got_suggestions.iter().map(show).collect();
                    assert_eq!(shown, suggestions, "suggestions for {query:?}");
                }
            }
            other => panic!("resolve({query:?}) should be NotFound, got {other:?}"),
        }
    }
}

#[test]
fn big_range_is_capped_with_the_first_articles() {
    let corpus = testing::corpus();
    let reference = parse_query("测试法1-60").expect("range parses");
    let Resolution::NotFound { suggestions, .. } = resolve(&reference, &corpus, false) else {
        panic!("a 61-article range should be NotFound with a message");
    };
    assert_eq!(
        suggestions.len(),
        MAX_RANGE,
        "capped range lists MAX_RANGE articles"
    );
    assert_eq!(
        suggestions[0].article.number, 1,
        "capped range starts at its start"
    );
}

#[test]
fn article_only_in_a_superseded_version_is_pointed_out() {
    let corpus = testing::corpus();
    // Article 45 has two paragraphs only in the 2010 version.
    let reference = parse_query("测试法第45条第2款").expect("parses");
    let Resolution::NotFound {
        message,
        suggestions,
    } = resolve(&reference, &corpus, false)
    else {
        panic!("paragraph 2 of article 45 does not exist in force");
    };
    assert!(
        message.contains("已被修订的测试法（2010年修正）有第45条第2款"),
        "message should point at the superseded version: {message}"
    );
    assert!(
        suggestions.iter().any(|s| s.statute_id == "测试法@2010"),
        "suggestions should include the superseded paragraph: {suggestions:?}"
    );
    assert!(
        matches!(resolve(&reference, &corpus, true), Resolution::Found(ref r) if r.len() == 1 && r[0].statute_id == "测试法@2010"),
        "with all_versions the superseded paragraph is found"
    );
}

#[test]
fn unknown_statutes_are_named() {
    let corpus = testing::corpus();
    for query in ["欠款1000", "刑法第5条", "《借款合同》第3条", "法第1条"] {
        let reference = parse_query(query).unwrap_or_else(|| panic!("{query:?} should parse"));
        assert!(
            matches!(
                resolve(&reference, &corpus, false),
                Resolution::UnknownStatute(_)
            ),
            "{query:?} names no statute in the test corpus"
        );
    }
}

#[test]
fn tolerant_names() {
    let corpus = testing::corpus();
    for (name, short) in [
        ("测试法", "测试法"),
        ("中华人民共和国测试法", "测试法"),
        ("《测试法》", "测试法"),
        ("样例公约(试行)", "样例公约"),
        ("样例公约（试行）", "样例公约"),
        ("华人民共和国测试法", "测试法"),
    ] {
        let versions = statute_versions(&corpus, name);
        assert!(
            versions.first().is_some_and(|s| s.meta.short_name == short),
            "{name:?} should name {short}, got {:?}",
            versions.iter().map(|s| s.id()).collect::<Vec<_>>()
        );
    }
    for short in ["公约", "测试法律", "华人民"] {
        assert!(
            statute_versions(&corpus, short).is_empty(),
            "{short:?} is too short or does not end like a title: no partial match"
        );
    }
}

#[test]
fn into_result_gives_typed_errors() {
    let corpus = testing::corpus();
    let missing = parse_query("测试法第99条").expect("parses");
    assert!(matches!(
        resolve(&missing, &corpus, false).into_result(),
        Err(Error::NotFound(m)) if m.contains("没有第99条")
    ));
    let unknown = parse_query("无此法第1条").expect("parses");
    assert!(matches!(
        resolve(&unknown, &corpus, false).into_result(),
        Err(Error::UnknownStatute(n)) if n == "无此法"
    ));
}

// ---------------------------------------------------------------------------
// On the built-in corpus.

fn builtin() -> Corpus {
    match Corpus::builtin() {
        Ok(corpus) => corpus,
        Err(e) => panic!("the built-in corpus must load: {e}"),
    }
}

/// (query, all_versions, expected refs as "id article paragraph item")
const BUILTIN_FOUND: &[(&str, bool, &[&str])] = &[
    ("民法典1032", false, &["民法典@2020 1032 - -"]),
    ("民法典 1032", false, &["民法典@2020 1032 - -"]),
    ("民法典 第1032条", false, &["民法典@2020 1032 - -"]),
    ("民法典第一千零三十二条", false, &["民法典@2020 1032 - -"]),
    (
        "《中华人民共和国民法典》第一千零三十二条",
        false,
        &["民法典@2020 1032 - -"],
    ),
    ("民法第1032条", false, &["民法典@2020 1032 - -"]),
    ("治安法 50", false, &["治安管理处罚法@2025 50 - -"]),
    ("治安处罚法第50条", false, &["治安管理处罚法@2025 50 - -"]),
    (
        "中华人民共和国治安管理处罚法第50条",
        false,
        &["治安管理处罚法@2025 50 - -"],
    ),
    (
        "治安管理处罚法第五十条第一款第五项",
        false,
        &["治安管理处罚法@2025 50 1 5"],
    ),
    ("治安法第50条第5项", false, &["治安管理处罚法@2025 50 1 5"]),
    ("治安法第42条第5项", true, &["治安管理处罚法@2012 42 1 5"]),
    ("催收公约第十三条", false, &["催收自律公约@2018 13 - -"]),
    (
        "《互联网金融逾期债务催收自律公约（试行）》第十三条",
        false,
        &["催收自律公约@2018 13 - -"],
    ),
    (
        "互联网金融逾期债务催收自律公约第13条",
        false,
        &["催收自律公约@2018 13 - -"],
    ),
    (
        "民法典1032-1034",
        false,
        &[
            "民法典@2020 1032 - -",
            "民法典@2020 1033 - -",
            "民法典@2020 1034 - -",
        ],
    ),
    (
        "治安管理处罚法（2012）第42条",
        false,
        &["治安管理处罚法@2012 42 - -"],
    ),
    (
        "2012年治安管理处罚法第四十二条",
        false,
        &["治安管理处罚法@2012 42 - -"],
    ),
    (
        "《治安管理处罚法》（2012年修正）第四十二条",
        false,
        &["治安管理处罚法@2012 42 - -"],
    ),
    (
        "治安管理处罚法（2025）第42条",
        false,
        &["治安管理处罚法@2025 42 - -"],
    ),
    (
        "治安法第42条",
        true,
        &["治安管理处罚法@2025 42 - -", "治安管理处罚法@2012 42 - -"],
    ),
    ("治安法第140条", true, &["治安管理处罚法@2025 140 - -"]),
    (
        "第50条",
        false,
        &[
            "民法典@2020 50 - -",
            "治安管理处罚法@2025 50 - -",
            "个人信息保护法@2021 50 - -",
            "刑法@2023 50 - -",
            "民事诉讼法@2023 50 - -",
            "消费者权益保护法@2013 50 - -",
            "网络安全法@2025 50 - -",
        ],
    ),
    (
        "第50条",
        true,
        &[
            "民法典@2020 50 - -",
            "治安管理处罚法@2025 50 - -",
            "个人信息保护法@2021 50 - -",
            "刑法@2023 50 - -",
            "民事诉讼法@2023 50 - -",
            "消费者权益保护法@2013 50 - -",
            "网络安全法@2025 50 - -",
            "治安管理处罚法@2012 50 - -",
            "网络安全法@2016 50 - -",
        ],
    ),
    (
        "第18条",
        false,
        &[
            "民法典@2020 18 - -",
            "治安管理处罚法@2025 18 - -",
            "催收自律公约@2018 18 - -",
            "个人信息保护法@2021 18 - -",
            "刑法@2023 18 - -",
            "民间借贷规定@2020 18 - -",
            "民事诉讼法@2023 18 - -",
            "消费者权益保护法@2013 18 - -",
            "网络安全法@2025 18 - -",
        ],
    ),
    ("刑法293之一", false, &["刑法@2023 293.1 - -"]),
    ("刑法第二百九十三条之一", false, &["刑法@2023 293.1 - -"]),
    ("刑法第293条之1", false, &["刑法@2023 293.1 - -"]),
    ("刑法 293-1", false, &["刑法@2023 293.1 - -"]),
    (
        "刑法第二百九十三条之一第一款第三项",
        false,
        &["刑法@2023 293.1 1 3"],
    ),
    ("个保法第13条", false, &["个人信息保护法@2021 13 - -"]),
    (
        "民间借贷司法解释第25条",
        false,
        &["民间借贷规定@2020 25 - -"],
    ),
    ("民诉法122", false, &["民事诉讼法@2023 122 - -"]),
    ("消法第55条", false, &["消费者权益保护法@2013 55 - -"]),
    ("网安法第一条", false, &["网络安全法@2025 1 - -"]),
    ("第1032条", false, &["民法典@2020 1032 - -"]),
];

#[test]
fn builtin_references_resolve() {
    let corpus = builtin();
    for &(query, all_versions, expected) in BUILTIN_FOUND {
        let reference = parse_query(query).unwrap_or_else(|| panic!("{query:?} should parse"));
        match resolve(&reference, &corpus, all_versions) {
            Resolution::Found(refs) => {
                let got: Vec<String> = refs.iter().map(show).collect();
                assert_eq!(
                    got, expected,
                    "resolve({query:?}, all_versions={all_versions})"
                );
            }
            other => panic!("resolve({query:?}) should be Found, got {other:?}"),
        }
    }
}

/// (query, message, suggestions)
#[test]
fn builtin_short_partial_names_are_not_guessed() {
    let corpus = builtin();
    for name in [
        "处罚法",
        "管理法",
        "行政处罚法",
        "刑事诉讼法",
        "数据安全法",
        "食品安全法",
        "安全法",
    ] {
        assert!(
            statute_versions(&corpus, name).is_empty(),
            "{name:?} must not be taken for a statute in the corpus"
        );
    }
    assert_eq!(
        statute_versions(&corpus, "管理处罚法")
            .first()
            .map(|s| s.id()),
        Some("治安管理处罚法@2025".to_string()),
        "a four-character part of the title names the statute"
    );
}

const BUILTIN_NOT_FOUND: &[(&str, &str, &[&str])] = &[
    (
        "民法典第1300条",
        "民法典共1260条，没有第1300条",
        &[
            "民法典@2020 1258 - -",
            "民法典@2020 1259 - -",
            "民法典@2020 1260 - -",
        ],
    ),
    (
        "治安管理处罚法第150条",
        "治安管理处罚法共144条，没有第150条",
        &[
            "治安管理处罚法@2025 142 - -",
            "治安管理处罚法@2025 143 - -",
            "治安管理处罚法@2025 144 - -",
        ],
    ),
    (
        "治安管理处罚法（2012）第140条",
        "治安管理处罚法（2012年修正）共119条，没有第140条",
        &[
            "治安管理处罚法@2012 117 - -",
            "治安管理处罚法@2012 118 - -",
            "治安管理处罚法@2012 119 - -",
        ],
    ),
    (
        "治安法第42条第5项",
        "治安管理处罚法第四十二条没有分项，没有第5项；已被修订的治安管理处罚法（2012年修正）有第42条第5项",
        &["治安管理处罚法@2025 42 - -", "治安管理处罚法@2012 42 1 5"],
    ),
    (
        "治安法第50条第3款",
        "治安管理处罚法第五十条只有2款，没有第3款",
        &["治安管理处罚法@2025 50 - -"],
    ),
    (
        "催收公约第5条",
        "催收自律公约只收录了部分条文（第十三条、第十八条），第5条未收录，无法显示；这不表示该条不存在",
        &["催收自律公约@2018 13 - -", "催收自律公约@2018 18 - -"],
    ),
    (
        "治安管理处罚法（2005）第42条",
        "没有收录治安管理处罚法的2005年版本；收录的版本：2025年版（现行有效）、2012年版（已被修订）",
        &["治安管理处罚法@2025 42 - -"],
    ),
];

#[test]
fn builtin_missing_references_explain_themselves() {
    let corpus = builtin();
    for &(query, message, suggestions) in BUILTIN_NOT_FOUND {
        let reference = parse_query(query).unwrap_or_else(|| panic!("{query:?} should parse"));
        match resolve(&reference, &corpus, false) {
            Resolution::NotFound {
                message: got,
                suggestions: got_suggestions,
            } => {
                assert_eq!(got, message, "message for {query:?}");
                let shown: Vec<String> = got_suggestions.iter().map(show).collect();
                assert_eq!(shown, suggestions, "suggestions for {query:?}");
            }
            other => panic!("resolve({query:?}) should be NotFound, got {other:?}"),
        }
    }
}

#[test]
fn builtin_unknown_statute() {
    let corpus = builtin();
    let reference = parse_query("刑事诉讼法第293条").expect("parses");
    assert_eq!(
        resolve(&reference, &corpus, false),
        Resolution::UnknownStatute("刑事诉讼法".to_string()),
        "刑事诉讼法 is not in the corpus"
    );
}
