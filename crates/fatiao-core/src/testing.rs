//! A small made-up corpus for unit tests that must not depend on the real
//! statutes: every text is obviously synthetic (测试条文…).
//!
//! Public (but hidden from the docs) because the app's own unit tests (the
//! TUI's) build on the same corpus; nothing in it is used outside tests.

use crate::corpus::{
    Article, ArticleNo, Corpus, Heading, HeadingLevel, Item, Paragraph, Status, Statute,
    StatuteMeta, numerals,
};

/// The repository's root (this crate lives in crates/fatiao-core): where
/// corpus/, benches/eval/ and Cargo.toml are, for tests that read them.
pub const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A paragraph with `items` numbered items of made-up text.
fn paragraph(article: u32, index: usize, items: u32) -> Paragraph {
    Paragraph {
        text: format!("测试条文{article}第{index}款。"),
        items: (1..=items)
            .map(|n| Item {
                number: n,
                marker: numerals::item_marker(n),
                text: format!("测试项{article}-{index}-{n}；"),
            })
            .collect(),
    }
}

/// An article whose paragraphs have the given item counts (`&[0]` = one plain paragraph).
pub fn article(number: u32, suffix: u32, items_per_paragraph: &[u32]) -> Article {
    Article {
        no: ArticleNo { number, suffix },
        label: numerals::article_label(number, suffix),
        path: vec![0],
        paragraphs: items_per_paragraph
            .iter()
            .enumerate()
            .map(|(i, &items)| paragraph(number, i + 1, items))
            .collect(),
    }
}

fn meta(title: &str, short: &str, aliases: &[&str], version: &str, status: Status) -> StatuteMeta {
    StatuteMeta {
        title: title.to_string(),
        short_name: short.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        issuer: "测试机关".to_string(),
        version: version.to_string(),
        version_label: if status == Status::Superseded {
            format!("{version}年修正")
        } else {
            String::new()
        },
        promulgated: format!("{version}-06-01"),
        effective: format!("{}-01-01", version.parse::<u32>().unwrap_or(2000) + 1),
        superseded: None,
        status,
        partial: false,
        notice: String::new(),
        provenance: vec!["测试".to_string()],
        ..StatuteMeta::default()
    }
}

fn statute(meta: StatuteMeta, articles: Vec<Article>) -> Statute {
    Statute {
        meta,
        headings: vec![Heading {
            level: HeadingLevel::Chapter,
            title: "第一章 测试".to_string(),
        }],
        articles,
        ..Default::default()
    }
}

/// Three made-up statutes:
/// - 中华人民共和国测试法 (测试法, alias 测法) 2020, in force: articles 1–60 plus 10之1;
///   article 50 has paragraphs with 6 and 0 items, article 42 has one paragraph with 5 items,
///   article 32 has three plain paragraphs.
/// - the same statute's 2010 version, superseded: articles 1–45; 42 has 5 items.
/// - 样例公约（试行） (样例公约, alias 样约) 2018, partial: only article 13 (two paragraphs).
pub fn corpus() -> Corpus {
    let mut current: Vec<Article> = (1..=60)
        .map(|n| match n {
            50 => article(50, 0, &[6, 0]),
            42 => article(42, 0, &[5]),
            32 => article(32, 0, &[0, 0, 0]),
            _ => article(n, 0, &[0]),
        })
        .collect();
    current.insert(10, article(10, 1, &[0]));
    let old: Vec<Article> = (1..=45)
        .map(|n| match n {
            42 => article(42, 0, &[5]),
            _ => article(n, 0, &[0, 0]),
        })
        .collect();
    let mut convention_meta = meta(
        "样例公约（试行）",
        "样例公约",
        &["样约"],
        "2018",
        Status::InForce,
    );
    convention_meta.partial = true;
    convention_meta.notice = "部分收录：测试说明".to_string();
    let mut old_meta = meta(
        "中华人民共和国测试法",
        "测试法",
        &["测法"],
        "2010",
        Status::Superseded,
    );
    old_meta.superseded = Some("2021-01-01".to_string());
    Corpus {
        statutes: vec![
            statute(
                meta(
                    "中华人民共和国测试法",
                    "测试法",
                    &["测法"],
                    "2020",
                    Status::InForce,
                ),
                current,
            ),
            statute(old_meta, old),
            statute(convention_meta, vec![article(13, 0, &[0, 0])]),
        ],
        fingerprint: "test".to_string(),
        phrases: Default::default(),
    }
}

fn article_with_text(number: u32, path: Vec<usize>, paragraphs: &[(&str, &[&str])]) -> Article {
    Article {
        no: ArticleNo { number, suffix: 0 },
        label: numerals::article_label(number, 0),
        path,
        paragraphs: paragraphs
            .iter()
            .map(|(text, items)| Paragraph {
                text: text.to_string(),
                items: items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Item {
                        number: i as u32 + 1,
                        marker: numerals::item_marker(i as u32 + 1),
                        text: t.to_string(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// For index and search tests, with text to find: 测试法 2025 (in force),
/// 测试法 2012 (superseded), 示例公约 2018 (partial).
pub fn search_corpus() -> Corpus {
    let headings = vec![
        Heading {
            level: HeadingLevel::Chapter,
            title: "第一章 测试总则".to_string(),
        },
        Heading {
            level: HeadingLevel::Chapter,
            title: "第二章 样例隐私保护".to_string(),
        },
    ];
    let current = Statute {
        meta: meta(
            "中华人民共和国测试法",
            "测试法",
            &["测法"],
            "2025",
            Status::InForce,
        ),
        headings: headings.clone(),
        articles: vec![
            article_with_text(1, vec![0], &[("为了测试检索功能，制定本测试条文。", &[])]),
            article_with_text(
                2,
                vec![0],
                &[("治安管理行为人应当遵守样例规则，不得散布他人隐私。", &[])],
            ),
            article_with_text(
                3,
                vec![1],
                &[
                    ("样例主体享有私人生活安宁的测试权利。", &[]),
                    (
                        "有下列情形之一的，处以测试罚款：",
                        &["发送骚扰信息的测试行为；", "其他示例行为。"],
                    ),
                ],
            ),
            article_with_text(
                4,
                vec![1],
                &[("示例机构处理个人信息，应当取得测试同意。", &[])],
            ),
        ],
        ..Default::default()
    };
    let mut old_meta = meta(
        "中华人民共和国测试法",
        "测试法",
        &["测法"],
        "2012",
        Status::Superseded,
    );
    old_meta.superseded = Some("2026-01-01".to_string());
    let mut convention_meta = meta(
        "中华人民共和国示例公约",
        "示例公约",
        &["示法"],
        "2018",
        Status::InForce,
    );
    convention_meta.partial = true;
    convention_meta.notice = "测试用部分收录说明".to_string();
    let old = Statute {
        meta: old_meta,
        headings,
        articles: vec![
            article_with_text(1, vec![0], &[("旧版测试条文，为了测试检索功能。", &[])]),
            article_with_text(
                2,
                vec![0],
                &[("旧版样例规则规定散布他人隐私的测试处罚。", &[])],
            ),
        ],
        ..Default::default()
    };
    let convention = Statute {
        meta: convention_meta,
        headings: Vec::new(),
        articles: vec![article_with_text(
            13,
            vec![],
            &[("示例会员不得骚扰债务人的测试亲友。", &[])],
        )],
        ..Default::default()
    };
    Corpus {
        statutes: vec![current, old, convention],
        fingerprint: "synthetic-test-corpus-1".to_string(),
        phrases: Default::default(),
    }
}
