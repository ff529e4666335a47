//! A small synthetic corpus for unit tests. All wording is made up (测试条文…);
//! tests about real statutes run on the real corpus.

use crate::corpus::{
    Article, ArticleNo, Corpus, Heading, HeadingLevel, Item, Paragraph, Status, Statute,
    StatuteMeta, numerals,
};

fn meta(short: &str, version: &str, status: Status, partial: bool) -> StatuteMeta {
    StatuteMeta {
        title: format!("中华人民共和国{short}"),
        short_name: short.to_string(),
        aliases: vec![format!("{}法", short.chars().next().unwrap_or('测'))],
        issuer: "测试机关".to_string(),
        version: version.to_string(),
        version_label: if status == Status::Superseded {
            format!("{version}年修正")
        } else {
            String::new()
        },
        promulgated: format!("{version}-01-01"),
        effective: format!("{version}-06-01"),
        superseded: (status == Status::Superseded).then(|| "2026-01-01".to_string()),
        status,
        partial,
        notice: if partial {
            "测试用部分收录说明".to_string()
        } else {
            String::new()
        },
        provenance: vec!["单元测试".to_string()],
    }
}

fn article(number: u32, path: Vec<usize>, paragraphs: &[(&str, &[&str])]) -> Article {
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

/// 测试法 2025 (in force), 测试法 2012 (superseded), 示例公约 2018 (partial).
pub fn corpus() -> Corpus {
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
        meta: meta("测试法", "2025", Status::InForce, false),
        headings: headings.clone(),
        articles: vec![
            article(1, vec![0], &[("为了测试检索功能，制定本测试条文。", &[])]),
            article(
                2,
                vec![0],
                &[("治安管理行为人应当遵守样例规则，不得散布他人隐私。", &[])],
            ),
            article(
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
            article(
                4,
                vec![1],
                &[("示例机构处理个人信息，应当取得测试同意。", &[])],
            ),
        ],
    };
    let old = Statute {
        meta: meta("测试法", "2012", Status::Superseded, false),
        headings,
        articles: vec![
            article(1, vec![0], &[("旧版测试条文，为了测试检索功能。", &[])]),
            article(
                2,
                vec![0],
                &[("旧版样例规则规定散布他人隐私的测试处罚。", &[])],
            ),
        ],
    };
    let convention = Statute {
        meta: meta("示例公约", "2018", Status::InForce, true),
        headings: Vec::new(),
        articles: vec![article(
            13,
            vec![],
            &[("示例会员不得骚扰债务人的测试亲友。", &[])],
        )],
    };
    Corpus {
        statutes: vec![current, old, convention],
        fingerprint: "synthetic-test-corpus-1".to_string(),
    }
}
