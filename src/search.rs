//! Query understanding, ranking and snippets: a query string in, ranked hits
//! with exact citations out.

use serde::Serialize;

/// What a search should cover and return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Maximum number of hits.
    pub limit: usize,
    /// Include superseded versions (治安管理处罚法 2012).
    pub all_versions: bool,
    /// Restrict to these statutes (short names, titles or aliases); empty = all.
    pub laws: Vec<String>,
    /// Add lay-to-legal expansions to free-text queries.
    pub expand: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            all_versions: false,
            laws: Vec::new(),
            expand: true,
        }
    }
}

/// How the query was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// Nothing to search for (empty or only punctuation).
    Empty,
    /// An article reference such as 民法典1032; hits are the referenced articles.
    Reference,
    /// Full-text search.
    FreeText,
}

/// The answer to one query.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub kind: QueryKind,
    pub hits: Vec<Hit>,
    /// Extra query terms added by lay-to-legal expansion ("也搜索了：个人信息、隐私").
    pub expansions: Vec<String>,
    /// A message for the user, e.g. "民法典共1260条，没有第1300条".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// One ranked result: an article with its exact citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Statute version id: 民法典@2020.
    pub statute_id: String,
    /// Short name: 民法典, 治安管理处罚法, 催收自律公约.
    pub law: String,
    /// Full title: 中华人民共和国民法典.
    pub title: String,
    /// Version year: "2020", "2025", "2012", "2018".
    pub version: String,
    pub in_force: bool,
    /// Article number (1032).
    pub article: u32,
    /// N of 第X条之N; 0 when absent.
    #[serde(skip_serializing_if = "is_zero")]
    pub article_suffix: u32,
    /// 第一千零三十二条
    pub label: String,
    /// 《中华人民共和国民法典》第一千零三十二条 (down to 款/项 for a reference that names them).
    pub citation: String,
    /// Heading titles, outermost first.
    pub path: Vec<String>,
    pub score: f32,
    /// Text around the best match, counted in characters.
    pub snippet: String,
    /// Character ranges (start, end) in `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// The whole article text, paragraphs and items on their own lines.
    pub text: String,
    /// Words of the query that matched, for highlighting the full text.
    pub matched_terms: Vec<String>,
    /// Paragraph (款) named by a reference, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// Item (项) named by a reference, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// True for a partial document (the convention).
    pub partial: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
