//! `fatiao mcp`: a Model Context Protocol server on stdin/stdout.
//!
//! The tools call the library and answer with the documents of the JSON
//! contract (docs/json.md) as structured content, the same objects
//! `--format json` prints. A question fatiao cannot answer (an unknown law,
//! a reference to nothing) is a tool result with `isError` and an error or
//! `unresolved` entry the model can read; arguments of the wrong shape are
//! JSON-RPC `-32602` errors from the SDK. Nothing but protocol reaches stdout:
//! the index notice goes to stderr. The parameters it shares with the
//! command line (the citation style, the cite mode, the date of the law)
//! are read as there, by `crate::params`.

mod transport;

use std::sync::Arc;

use anyhow::Context;
use rmcp::handler::server::router::prompt::PromptRouter;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolResult, GetPromptResult, Implementation, ListResourcesResult, PaginatedRequestParams,
    PromptMessage, ReadResourceRequestParams, ReadResourceResult, Resource, ResourceContents, Role,
    ServerCapabilities, ServerConfig,
};
use rmcp::model::{ErrorData, ReadResourceResponse};
use rmcp::service::RequestContext;
use rmcp::{
    RoleServer, ServerHandler, ServiceExt, prompt, prompt_handler, prompt_router, tool,
    tool_handler, tool_router,
};
use schemars::JsonSchema;
use serde::Deserialize;

use fatiao::cite::CiteStyle;
use fatiao::contract::{self, Document, ErrorInfo, Unresolved};
use fatiao::corpus::Corpus;
use fatiao::reference::{self, ResolvedRef};
use fatiao::search::{Engine, SearchOptions};

use crate::params::{self, StyleArg};

/// The most hits a search returns.
const MAX_LIMIT: usize = 50;
/// The most neighbouring articles `show` adds on each side.
const MAX_CONTEXT: usize = 5;
/// The most references one `show` or `cite` call takes.
const MAX_REFERENCES: usize = 100;

/// The JSON Schema of the contract, served as a resource.
const SCHEMA_JSON: &str = include_str!("../docs/fatiao.schema.json");
/// The contract's prose, served as a resource.
const CONTRACT_MD: &str = include_str!("../docs/json.md");

/// Run the server over `engine` until the client closes stdin.
pub fn run(engine: Engine) -> anyhow::Result<()> {
    let engine = Arc::new(engine);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("无法启动 MCP 服务")?;
    runtime.block_on(async move {
        let service = Fatiao::new(engine)
            .serve(transport::Stdio::new())
            .await
            .context("MCP 握手失败")?;
        service.waiting().await.context("MCP 服务异常结束")?;
        anyhow::Ok(())
    })?;
    // The stdin reader may still block on a read; nothing is left to do.
    runtime.shutdown_background();
    Ok(())
}

#[derive(Clone)]
pub struct Fatiao {
    engine: Arc<Engine>,
    tool_router: ToolRouter<Fatiao>,
    prompt_router: PromptRouter<Fatiao>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchArgs {
    /// 检索词：大白话、词语、"引号短语"、-排除词，或条文编号（民法典1032）。Plain-language
    /// question, words, "quoted phrases", -excluded words, or an article reference.
    pub query: String,
    /// 只检索这些法律（简称、全称或别名，如 民法典、治安法）。Only these statutes.
    #[serde(default)]
    pub laws: Vec<String>,
    /// 同时检索已被修订的旧版本（如 2012 年治安管理处罚法）。Include superseded versions.
    #[serde(default)]
    pub all_versions: bool,
    /// 最多返回几条（1–50，默认 10）。Maximum hits (1–50, default 10).
    #[serde(default)]
    pub limit: Option<usize>,
    /// 是否把大白话扩展为法律用语（默认是）。Expand lay words to legal terms (default true).
    #[serde(default)]
    pub expand: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ShowArgs {
    /// 条文引用，每项一个或一串：民法典第1032条、治安法50条第1款第5项、民法典1032-1034、
    /// 《民法典》第一千零三十二条、第一千零三十四条。References, each one or a list.
    pub references: Vec<String>,
    /// 前后各加几条（0–5）。Neighbouring articles on each side (0–5).
    #[serde(default)]
    pub context: usize,
    /// 同时给出旧版本中的同号条文。Also the superseded versions' articles.
    #[serde(default)]
    pub all_versions: bool,
    /// 列出条文中的援引（本法第N条、前款）及其指向。List the article's cross-references.
    #[serde(default)]
    pub refs: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct CiteArgs {
    /// 条文引用，同 show。References, as for show.
    pub references: Vec<String>,
    /// full（全称，默认）或 short（简称）。Citation style.
    #[serde(default)]
    pub style: StyleArg,
    /// 合并为一行：《…》第一千零三十二条、第一千零三十四条。Also one merged line.
    #[serde(default)]
    pub merge: bool,
    /// 生成“根据……的规定，”段落并附所引条文全文。Also a letter paragraph with the quoted text.
    #[serde(default)]
    pub letter: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct VerifyArgs {
    /// 要核对的文书全文（投诉信、报警材料、起诉状）。The draft's full text.
    pub text: String,
    /// 按哪一天的法律核对：2026-01-01、2026-1-1 或 2026年1月1日（默认北京时间今天）。The date whose law applies (default today in Beijing).
    #[serde(default)]
    pub as_of: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ComplaintArgs {
    /// 发生了什么：时间、对方、行为、损失。What happened.
    pub facts: String,
    /// 写给谁（如 派出所、市场监管局、法院、对方公司）。To whom the letter goes.
    #[serde(default)]
    pub recipient: Option<String>,
}

/// What each verdict means, for tool descriptions, the instructions and the prompt.
macro_rules! verdicts {
    () => {
        "核对结论 verdict：ok（正确）；not_found（不存在：所有收录版本都没有这一条、款、项）；\
outdated（已过时：条文存在，但只在不适用于该日期的版本里，或该条号现在是另一条规则——这不等于不存在，\
suggestion 给出现行对应条文，应改用它）；unknown_statute（未收录的法律：fatiao 没有这部法，无法判断对错）；\
partial_source（无法核对：这部文件只部分收录，该条不在其中——这不表示引用错误，只是无法核对）；\
deleted（已删除：条号还在，但条文已被修正案删去，只剩“（删去）”，不能作为依据）。\
Verdicts: ok; not_found (no version held has it); outdated (it exists, but only in a version that does \
not apply on the date, or the number now holds another rule — outdated is NOT the same as nonexistent; \
`suggestion` names the current counterpart to cite instead); unknown_statute (a law fatiao does not hold: \
cannot tell); partial_source (部分收录: the document is held only in part and this article is not among \
those held — it cannot be checked, which never means it is wrong); deleted (已删除: the number exists \
but an amendment removed its text, 「（删去）」; it cannot be relied on)."
    };
}
const VERDICTS: &str = verdicts!();

/// A tool's answer: the document as structured content (and as text).
fn answer<T: serde::Serialize>(
    doc: &Document<T>,
    is_error: bool,
) -> Result<CallToolResult, ErrorData> {
    let value = doc
        .to_value()
        .map_err(|e| ErrorData::internal_error(e.to_string(), None))?;
    Ok(if is_error {
        CallToolResult::structured_error(value)
    } else {
        CallToolResult::structured(value)
    })
}

/// A question fatiao cannot answer, as a tool error the model can read.
fn refuse(err: &fatiao::Error) -> Result<CallToolResult, ErrorData> {
    let info = ErrorInfo::from(err);
    answer(&contract::error(&info.kind, info.message), true)
}

/// Resolve references the way a person writes them: one per string, a list
/// (民法典1024、1033, 治安法50 51), or a list in running text
/// (依据《民法典》第一千零三十二条、第一千零三十四条).
fn resolve_all(
    corpus: &Corpus,
    texts: &[String],
    all_versions: bool,
) -> (Vec<ResolvedRef>, Vec<Unresolved>) {
    let names = reference::statute_names(corpus);
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    for text in texts {
        let mut fail = |err: fatiao::Error| {
            unresolved.push(Unresolved {
                reference: text.clone(),
                error: ErrorInfo::from(&err),
            })
        };
        if let Some(list) = reference::parse_list(text) {
            for r in &list {
                match reference::resolve(r, corpus, all_versions).into_result() {
                    Ok(refs) => found.extend(refs),
                    Err(err) => fail(err),
                }
            }
            continue;
        }
        let listed: Vec<_> = reference::extract_with_names(text, &names)
            .into_iter()
            .filter_map(|e| e.reference())
            .collect();
        if listed.is_empty() || listed.iter().any(|r| r.statute.is_none()) {
            fail(fatiao::Error::BadQuery(format!(
                "“{}”不是条文引用；请写成 民法典第1032条、治安法50 这样的形式",
                text.trim()
            )));
            continue;
        }
        for r in &listed {
            match reference::resolve(r, corpus, all_versions).into_result() {
                Ok(refs) => found.extend(refs),
                Err(err) => fail(err),
            }
        }
    }
    (found, unresolved)
}

fn too_many(what: &str) -> fatiao::Error {
    fatiao::Error::BadQuery(format!("{what}：一次最多 {MAX_REFERENCES} 个引用"))
}

#[tool_router]
impl Fatiao {
    pub fn new(engine: Arc<Engine>) -> Fatiao {
        Fatiao {
            engine,
            tool_router: Self::tool_router(),
            prompt_router: Self::prompt_router(),
        }
    }

    #[tool(
        description = "检索中国法律条文（离线，收录范围见 laws）：输入大白话或法律用语，返回按相关度排序的条文，\
每条带可直接粘贴的规范引用（citation）、原文（text）和所在章节（path）。expansions 是自动补充的法律用语；\
lay_phrases 是检索用的俗语，不是条文原文。partial: true 表示该文件只部分收录。\
Search Chinese statutes offline: a plain-language question or legal words in, ranked articles out, each \
with a ready-to-paste citation, the exact text and its headings. `expansions` are legal terms added to \
the query; `lay_phrases` are search aids, never statute text. Quote only `text`."
    )]
    fn search(
        &self,
        Parameters(args): Parameters<SearchArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let limit = args.limit.unwrap_or(10);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return refuse(&fatiao::Error::BadQuery(format!(
                "limit 应在 1 到 {MAX_LIMIT} 之间，收到 {limit}"
            )));
        }
        let options = SearchOptions {
            limit,
            all_versions: args.all_versions,
            laws: args.laws,
            expand: args.expand.unwrap_or(true),
        };
        match self.engine.search(&args.query, &options) {
            Ok(results) => answer(&contract::search(&results), false),
            Err(err) => refuse(&err),
        }
    }

    #[tool(
        description = "按编号取条文全文：段落（款）、项、所在章节、规范引用；两版并存的法律（如治安管理处罚法 2012/2025）\
给出另一版本的对应条文（counterpart，按文本计算，非官方对照表）。找不到的引用列在 unresolved 中。\
Show articles in full by reference (民法典第1032条, 治安法50条第1款第5项, ranges, lists): paragraphs, items, \
headings, citation, and for a statute held in two versions the other version's corresponding article \
(computed from the texts, not an official table). References that name nothing are listed in `unresolved`."
    )]
    fn show(&self, Parameters(args): Parameters<ShowArgs>) -> Result<CallToolResult, ErrorData> {
        if args.references.len() > MAX_REFERENCES {
            return refuse(&too_many("show"));
        }
        let corpus = self.engine.corpus();
        let (refs, unresolved) = resolve_all(corpus, &args.references, args.all_versions);
        let nothing = refs.is_empty();
        let context = args.context.min(MAX_CONTEXT);
        match contract::show_doc(corpus, &refs, context, args.refs, unresolved) {
            Ok(doc) => answer(&doc, nothing),
            Err(err) => refuse(&err),
        }
    }

    #[tool(
        description = "生成规范引用：每个引用一条；merge 合并为律师的写法（第一千零三十二条、第一千零三十四条）；\
letter 生成“根据……的规定，”段落并附所引条文原文。只有全部引用都存在时才生成合并行和段落。\
Citations for letters and filings: one per reference; `merge` adds the merged line lawyers write; `letter` \
adds a 根据……的规定， paragraph with every cited provision quoted from the corpus. The merged line and the \
letter are only made when every reference exists (see `unresolved`)."
    )]
    fn cite(&self, Parameters(args): Parameters<CiteArgs>) -> Result<CallToolResult, ErrorData> {
        if args.references.len() > MAX_REFERENCES {
            return refuse(&too_many("cite"));
        }
        let corpus = self.engine.corpus();
        let (refs, unresolved) = resolve_all(corpus, &args.references, false);
        let style = CiteStyle::from(args.style);
        let mode = params::cite_mode(args.letter, args.merge);
        let nothing = refs.is_empty();
        match contract::cite_doc(corpus, &refs, style, mode, unresolved) {
            Ok(doc) => answer(&doc, nothing),
            Err(err) => refuse(&err),
        }
    }

    #[tool(
        description = concat!(
            "核对文书中的每一处法条引用，按某一日期适用的法律（默认今天）。每条结果有 verdict、",
            "原文位置（line、column、start、end，按 Unicode 字符计）、message 和 suggestion。",
            "Check every citation in a draft against the law of a date (default today); each finding has its ",
            "verdict, where it is (line, column, start, end in Unicode scalar values), a message and, for an ",
            "outdated one, the current counterpart in `suggestion`. ",
            verdicts!()
        )
    )]
    fn verify(
        &self,
        Parameters(args): Parameters<VerifyArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        let as_of = match params::law_date(args.as_of.as_deref()) {
            Ok(date) => date,
            Err(err) => return refuse(&err),
        };
        let report = fatiao::verify::verify(&args.text, self.engine.corpus(), &as_of);
        answer(&contract::verify(&report), false)
    }

    #[tool(
        description = "列出收录的法律及版本、类别 kind（法律 / 司法解释 / 行业自律公约——后两者不是法律）、效力状态（现行有效 / 已被修订 / 已被修正）、施行日期、条文数；partial 为部分收录\
（notice 说明收录了哪些）。未列出的法律 fatiao 无法检索或核对。\
List the statutes held, with version, kind (law, judicial interpretation, industry convention — the last two are not law), status (in force / superseded / amended), dates and article count; `partial` \
marks a document held only in part (its `notice` says what is held). Laws not listed cannot be searched or checked."
    )]
    fn laws(&self) -> Result<CallToolResult, ErrorData> {
        answer(&contract::laws(self.engine.corpus()), false)
    }
}

#[prompt_router]
impl Fatiao {
    /// 起草投诉信：只引用经 verify 核对为 ok 的条文。Draft a complaint citing verified articles only.
    #[prompt(name = "draft_complaint")]
    fn draft_complaint(
        &self,
        Parameters(args): Parameters<ComplaintArgs>,
    ) -> Result<GetPromptResult, ErrorData> {
        let recipient = args
            .recipient
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .unwrap_or("有关部门");
        let text = format!(
            "请根据下列事实，起草一封写给{recipient}的中文投诉信。\n\n事实：\n{facts}\n\n\
步骤：\n\
1. 用 fatiao 的 search 工具检索与事实相关的条文（可多次检索，用事实中的大白话）；用 show 阅读候选条文全文。\n\
2. 只引用条文原文（text）确实支持的主张；lay_phrases 是检索用语，不是条文，不得引用。\n\
3. 用 cite 工具（letter: true）生成“根据……的规定，”段落，不要自己拼写法条名称或条号。\n\
4. 起草完成后，把全文交给 verify 工具核对。只保留 verdict 为 ok 的引用：\n\
   - outdated（已过时）：改用 suggestion 给出的现行条文，再核对一次；\n\
   - not_found（不存在）：删除；\n\
   - unknown_statute、partial_source（无法核对）：不算错误，但也未经核对，不要写进信里，可在信后另行说明。\n\
5. 最后给出信的全文，并列出每处引用及其核对结论。\n\n\
{VERDICTS}",
            facts = args.facts.trim()
        );
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)]).with_description(
                "起草投诉信，只引用经核对的条文 / a complaint with verified citations only",
            ),
        )
    }
}

/// The resources: the statutes held, and the contract itself.
fn resources() -> Vec<Resource> {
    let resource = |uri: &str, name: &str, description: &str, mime: &str| {
        Resource::new(uri, name)
            .with_description(description)
            .with_mime_type(mime)
    };
    vec![
        resource(
            "fatiao://laws",
            "laws",
            "收录的法律及其版本、效力（同 laws 工具）。The statutes held (as the laws tool).",
            "application/json",
        ),
        resource(
            "fatiao://schema",
            "schema",
            "JSON Schema of every document the tools return. 工具返回内容的 JSON Schema。",
            "application/schema+json",
        ),
        resource(
            "fatiao://contract",
            "contract",
            "The JSON contract in prose (docs/json.md). JSON 约定说明。",
            "text/markdown",
        ),
    ]
}

#[tool_handler(router = self.tool_router)]
#[prompt_handler(router = self.prompt_router)]
impl ServerHandler for Fatiao {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_prompts()
                .enable_resources()
                .build(),
        )
        .with_server_info(
            Implementation::new("fatiao", env!("CARGO_PKG_VERSION")).with_title("fatiao 法条"),
        )
        .with_instructions(format!(
            "fatiao：离线检索中国法律条文并核对引用，只含 laws 列出的法律。引用条文时只用工具返回的 citation 与 text，\
不要凭记忆写条号；写进文书前先用 verify 核对。\
Offline Chinese statutes: search, show, cite, verify, laws. Cite only what the tools return, and verify \
a draft before relying on it. {VERDICTS}"
        ))
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(resources()))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let (text, mime) = match request.uri.as_str() {
            "fatiao://laws" => (
                contract::laws(self.engine.corpus())
                    .to_pretty()
                    .map_err(|e| ErrorData::internal_error(e.to_string(), None))?,
                "application/json",
            ),
            "fatiao://schema" => (SCHEMA_JSON.to_string(), "application/schema+json"),
            "fatiao://contract" => (CONTRACT_MD.to_string(), "text/markdown"),
            _ => {
                return Err(ErrorData::resource_not_found(
                    format!("no resource {}", request.uri),
                    Some(serde_json::json!({"uri": request.uri})),
                ));
            }
        };
        Ok(ReadResourceResult::new(vec![
            ResourceContents::text(text, request.uri.clone()).with_mime_type(mime),
        ])
        .into())
    }
}
