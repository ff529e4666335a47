//! A fake search backend over a small, obviously made-up corpus, so the app's
//! key handling is tested without an index. None of its text is statute wording.

use super::app::Backend;
use crate::corpus::numerals::{article_label, item_marker};
use crate::corpus::{
    Article, ArticleNo, Corpus, Heading, HeadingLevel, Item, Paragraph, Status, Statute,
    StatuteMeta,
};
use crate::error::Result;
use crate::search::{Hit, QueryKind, SearchOptions, SearchResults};

pub struct FakeBackend {
    corpus: Corpus,
    /// What [`Backend::notice`] reports.
    pub notice: Option<String>,
    /// How many searches were asked for (shared, so a test keeps a handle).
    pub searches: std::rc::Rc<std::cell::Cell<usize>>,
}

fn meta(short: &str, version: &str, status: Status, partial: bool) -> StatuteMeta {
    StatuteMeta {
        title: format!("样例{short}"),
        short_name: short.to_string(),
        aliases: Vec::new(),
        issuer: "测试机关".into(),
        version: version.into(),
        version_label: if status == Status::Superseded {
            format!("{version}年修正")
        } else {
            String::new()
        },
        promulgated: format!("{version}-01-01"),
        effective: format!("{version}-06-01"),
        superseded: (status == Status::Superseded).then(|| "2021-06-01".to_string()),
        status,
        partial,
        notice: if partial {
            "样例公约只收录第三条，其余条文未收录。".into()
        } else {
            String::new()
        },
        provenance: vec!["测试数据".into()],
        ..StatuteMeta::default()
    }
}

fn paragraph(text: String, items: usize) -> Paragraph {
    Paragraph {
        text,
        items: (1..=items as u32)
            .map(|n| Item {
                number: n,
                marker: item_marker(n),
                text: format!("测试项目{n}，样例隐私相关的虚构事项；"),
            })
            .collect(),
    }
}

fn article(number: u32, paragraphs: Vec<Paragraph>, path: Vec<usize>) -> Article {
    Article {
        no: ArticleNo { number, suffix: 0 },
        label: article_label(number, 0),
        path,
        paragraphs,
    }
}

/// 测试法 2021 (12 articles), 测试法 2010 (superseded, 6), 测试公约 (partial, only 第三条).
fn corpus() -> Corpus {
    let headings = vec![
        Heading {
            level: HeadingLevel::Chapter,
            title: "第一章 一般规定".into(),
        },
        Heading {
            level: HeadingLevel::Chapter,
            title: "第二章 样例隐私规则".into(),
        },
    ];
    let current = (1..=12)
        .map(|n| {
            let path = vec![if n <= 4 { 0 } else { 1 }];
            let paragraphs = match n {
                5 => vec![
                    paragraph(format!("测试条文第{n}条第一款，说明样例隐私的虚构范围。"), 0),
                    paragraph("测试条文第二款，有下列虚构情形之一的，适用本样例：".into(), 3),
                ],
                10 => (1..=8)
                    .map(|p| {
                        paragraph(
                            format!("测试条文第{n}条第{p}款，这是一段较长的虚构文字，用来检验条文窗格的换行和翻页。"),
                            0,
                        )
                    })
                    .collect(),
                7 | 8 => vec![paragraph(
                    format!("测试条文第{n}条，样例隐私受虚构规则保护，任何样例主体不得泄露样例隐私。"),
                    0,
                )],
                _ => vec![paragraph(format!("测试条文第{n}条，虚构内容用于界面测试。"), 0)],
            };
            article(n, paragraphs, path)
        })
        .collect();
    let old = (1..=6)
        .map(|n| {
            let text = if n == 6 {
                format!("旧测试条文第{n}条，旧版样例隐私规则。")
            } else {
                format!("旧测试条文第{n}条，虚构内容。")
            };
            article(n, vec![paragraph(text, 0)], vec![0])
        })
        .collect();
    let convention = vec![article(
        3,
        vec![paragraph(
            "测试公约条文，样例催收不得骚扰无关的虚构第三人。".into(),
            0,
        )],
        Vec::new(),
    )];
    Corpus {
        statutes: vec![
            Statute {
                meta: meta("测试法", "2021", Status::InForce, false),
                headings: headings.clone(),
                articles: current,
                ..Default::default()
            },
            Statute {
                meta: meta("测试法", "2010", Status::Superseded, false),
                headings: headings.clone(),
                articles: old,
                ..Default::default()
            },
            Statute {
                meta: meta("测试公约", "2018", Status::InForce, true),
                headings: Vec::new(),
                articles: convention,
                ..Default::default()
            },
        ],
        fingerprint: "fake".into(),
        phrases: Default::default(),
    }
}

impl FakeBackend {
    pub fn new() -> Self {
        FakeBackend {
            corpus: corpus(),
            notice: None,
            searches: Default::default(),
        }
    }

    fn hit(&self, statute: &Statute, article: &Article, terms: &[String]) -> Hit {
        // The real snippet and highlight code, so the fake shows what the engine would.
        crate::search::make_hit(statute, article, 1.0, terms)
    }

    /// `测试法5`, `测试法第5条`, `第5条`, then optionally `款N` and `项M`: a reference.
    fn reference(&self, query: &str, options: &SearchOptions) -> Option<SearchResults> {
        let (law, rest) = ["测试法", "测试公约"]
            .iter()
            .find_map(|name| query.strip_prefix(name).map(|rest| (Some(*name), rest)))
            .unwrap_or((None, query));
        let rest = rest.trim().trim_start_matches('第');
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let number: u32 = digits.parse().ok()?;
        let mut tail = rest[digits.len()..].trim_start_matches('条');
        let mut paragraph = None;
        let mut item = None;
        if let Some(after) = tail.strip_prefix('款') {
            let d: String = after.chars().take_while(char::is_ascii_digit).collect();
            paragraph = d.parse().ok();
            tail = &after[d.len()..];
        }
        if let Some(after) = tail.strip_prefix('项') {
            let d: String = after.chars().take_while(char::is_ascii_digit).collect();
            item = d.parse().ok();
            tail = &after[d.len()..];
        }
        if !tail.is_empty() {
            return None;
        }
        let mut hits = Vec::new();
        let mut message = None;
        let mut suggestions = Vec::new();
        for statute in &self.corpus.statutes {
            if law.is_some_and(|l| statute.meta.short_name != l)
                || (!options.all_versions && statute.meta.status.is_superseded())
            {
                continue;
            }
            match statute.article(ArticleNo { number, suffix: 0 }) {
                Some(article) => {
                    let mut hit = self.hit(statute, article, &[]);
                    hit.paragraph = paragraph;
                    hit.item = item;
                    hits.push(hit);
                }
                None if law.is_some() => {
                    // The nearest existing article: the last one.
                    suggestions.extend(statute.articles.last().map(|a| self.hit(statute, a, &[])));
                    message = Some(format!(
                        "{}共{}条，没有第{number}条",
                        statute.meta.short_name,
                        statute.articles.len()
                    ));
                }
                None => {}
            }
        }
        Some(SearchResults {
            query: query.to_string(),
            kind: QueryKind::Reference,
            hits,
            expansions: Vec::new(),
            message,
            suggestions,
            notice: None,
            notices: Vec::new(),
        })
    }
}

impl Backend for FakeBackend {
    fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    fn notice(&self) -> Option<String> {
        self.notice.clone()
    }

    fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.searches.set(self.searches.get() + 1);
        if let Some(results) = self.reference(query, options) {
            return Ok(results);
        }
        let terms: Vec<String> = query.split_whitespace().map(String::from).collect();
        let mut hits = Vec::new();
        for statute in &self.corpus.statutes {
            if !options.all_versions && statute.meta.status.is_superseded() {
                continue;
            }
            if !options.laws.is_empty() && !options.laws.iter().any(|l| statute.is_named(l)) {
                continue;
            }
            for article in &statute.articles {
                let text = article.text();
                if terms.iter().any(|t| text.contains(t.as_str())) {
                    hits.push(self.hit(statute, article, &terms));
                }
            }
        }
        hits.truncate(options.limit);
        Ok(SearchResults {
            query: query.to_string(),
            kind: QueryKind::FreeText,
            hits,
            expansions: Vec::new(),
            message: None,
            suggestions: Vec::new(),
            notice: None,
            notices: Vec::new(),
        })
    }
}
