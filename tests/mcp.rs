//! `fatiao mcp` as an MCP client sees it: the real binary as a child process,
//! JSON-RPC lines on its stdin and stdout.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::util::{assert_contract, contract_schema, shared_index, std_command};

/// How long one answer may take (the first start may build the index).
const TIMEOUT: Duration = Duration::from_secs(60);

/// A running `fatiao mcp` and the lines it has printed.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// Every line read from stdout, to check that nothing but protocol was written.
    seen: Vec<String>,
}

impl Server {
    fn start() -> Server {
        let mut child = std_command(&shared_index())
            .arg("mcp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start fatiao mcp");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            lines,
            seen: Vec::new(),
        }
    }

    fn send_raw(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin still open");
        writeln!(stdin, "{line}").expect("write to fatiao mcp");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&message.to_string());
    }

    /// The next line of stdout, as JSON.
    fn next(&mut self) -> Value {
        match self.lines.recv_timeout(TIMEOUT) {
            Ok(line) => {
                self.seen.push(line.clone());
                serde_json::from_str(&line).unwrap_or_else(|e| {
                    panic!("fatiao mcp wrote a line that is not JSON ({e}): {line}")
                })
            }
            Err(RecvTimeoutError::Timeout) => panic!("fatiao mcp did not answer in {TIMEOUT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("fatiao mcp closed its stdout"),
        }
    }

    /// The response to request `id`, skipping notifications.
    fn response(&mut self, id: &Value) -> Value {
        loop {
            let message = self.next();
            if message.get("id") == Some(id) {
                return message;
            }
            assert!(
                message.get("method").is_some(),
                "unexpected message while waiting for id {id}: {message}"
            );
        }
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    /// `tools/call`: the result object (a JSON-RPC error fails the test).
    fn call(&mut self, id: u64, tool: &str, arguments: Value) -> Value {
        let response = self.request(
            id,
            "tools/call",
            json!({"name": tool, "arguments": arguments}),
        );
        match response.get("result") {
            Some(result) => result.clone(),
            None => panic!("tools/call {tool} {arguments}: no result: {response}"),
        }
    }

    fn initialize(&mut self) -> Value {
        let response = self.request(
            1,
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "fatiao-tests", "version": "1"}
            }),
        );
        self.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        response
    }

    /// Close stdin and wait: the server must exit 0 without a panic.
    fn finish(mut self) {
        drop(self.stdin.take());
        let output = self.child.wait_with_output().expect("wait for fatiao mcp");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "fatiao mcp exit status {:?} after stdin closed; stderr:\n{stderr}",
            output.status
        );
        assert!(
            !stderr.contains("panicked"),
            "fatiao mcp panicked:\n{stderr}"
        );
        for line in self.lines.try_iter().chain(self.seen.iter().cloned()) {
            let message: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
            assert_eq!(
                message["jsonrpc"], "2.0",
                "only JSON-RPC on stdout, got: {line}"
            );
        }
    }
}

/// A tool result that succeeded: its structured content, checked against
/// `definition` and against the text content that carries the same JSON.
fn ok_content(result: &Value, definition: &str, what: &str) -> Value {
    assert_eq!(result["isError"], false, "{what}: {result}");
    contract_content(result, definition, what)
}

/// A tool result that reports a problem the model can read.
fn error_content(result: &Value, definition: &str, what: &str) -> Value {
    assert_eq!(
        result["isError"], true,
        "{what} should be a tool error: {result}"
    );
    contract_content(result, definition, what)
}

fn contract_content(result: &Value, definition: &str, what: &str) -> Value {
    let structured = result["structuredContent"].clone();
    assert_contract(definition, &structured, what);
    let text: Value = serde_json::from_str(result["content"][0]["text"].as_str().unwrap_or(""))
        .unwrap_or_else(|e| panic!("{what}: the text content is not the JSON document ({e})"));
    assert_eq!(
        text, structured,
        "{what}: text and structured content differ"
    );
    structured
}

#[test]
fn mcp_initializes_lists_and_answers_every_tool_by_the_contract() {
    let mut server = Server::start();
    let init = server.initialize();
    let result = &init["result"];
    assert_eq!(result["serverInfo"]["name"], "fatiao", "{init}");
    for capability in ["tools", "prompts", "resources"] {
        assert!(
            result["capabilities"].get(capability).is_some(),
            "{capability}: {init}"
        );
    }
    let instructions = result["instructions"].as_str().unwrap_or_default();
    assert!(
        instructions.contains("已过时") && instructions.contains("partial_source"),
        "{instructions}"
    );

    let tools = server.request(2, "tools/list", json!({}));
    let tools = tools["result"]["tools"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut names: Vec<&str> = tools.iter().filter_map(|t| t["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["cite", "laws", "search", "show", "verify"], "tools");
    for tool in &tools {
        let description = tool["description"].as_str().unwrap_or_default();
        assert!(
            description
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && description.contains(" the "),
            "{} should be described in Chinese and English: {description}",
            tool["name"]
        );
        assert_eq!(tool["inputSchema"]["type"], "object", "{tool}");
    }
    let verify = tools
        .iter()
        .find(|t| t["name"] == "verify")
        .expect("verify tool");
    let description = verify["description"].as_str().unwrap_or_default();
    for must in [
        "已过时",
        "不存在",
        "部分收录",
        "NOT the same as nonexistent",
        "never means it is wrong",
    ] {
        assert!(
            description.contains(must),
            "verify's description should say {must:?}"
        );
    }

    // search
    let found = ok_content(
        &server.call(10, "search", json!({"query": "催收 骚扰 亲友", "limit": 3})),
        "search_document",
        "search",
    );
    assert!(
        !found["hits"].as_array().is_none_or(Vec::is_empty),
        "{found}"
    );
    ok_content(
        &server.call(11, "search", json!({"query": "民法典第1032条", "laws": ["民法典"], "all_versions": true, "expand": false})),
        "search_document",
        "search a reference",
    );
    let bad = error_content(
        &server.call(12, "search", json!({"query": "隐私", "limit": 0})),
        "error_document",
        "search limit 0",
    );
    assert_eq!(bad["error"]["kind"], "bad_query");
    let bad = error_content(
        &server.call(
            13,
            "search",
            json!({"query": "隐私", "laws": ["没有这部法"]}),
        ),
        "error_document",
        "search an unknown law",
    );
    assert_eq!(bad["error"]["kind"], "unknown_statute");
    // Arguments of the wrong type: an error result, never a crash.
    let wrong = server.call(14, "search", json!({"query": 5}));
    assert_eq!(wrong["isError"], true, "{wrong}");
    let wrong = server.call(15, "search", json!({}));
    assert_eq!(wrong["isError"], true, "a missing query: {wrong}");

    // show
    let shown = ok_content(
        &server.call(20, "show", json!({"references": ["治安法第50条第1款第5项", "《民法典》第一千零三十二条、第一千零三十四条"], "refs": true})),
        "show_document",
        "show",
    );
    let labels: Vec<&str> = shown["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["label"].as_str())
        .collect();
    assert_eq!(
        labels,
        ["第五十条", "第一千零三十二条", "第一千零三十四条"],
        "a list of references"
    );
    assert_eq!(shown["articles"][0]["named"]["item"], 5, "{shown}");
    let old = ok_content(
        &server.call(
            21,
            "show",
            json!({"references": ["2012年治安管理处罚法第四十二条"], "context": 99}),
        ),
        "show_document",
        "show a superseded article",
    );
    let articles = old["articles"].as_array().cloned().unwrap_or_default();
    assert_eq!(articles.len(), 11, "context is capped at 5 on each side");
    let named = articles
        .iter()
        .find(|a| a.get("named").is_some())
        .expect("the named article");
    assert_eq!(named["counterpart"]["articles"], json!([50]), "{named}");
    let missing = error_content(
        &server.call(
            22,
            "show",
            json!({"references": ["民法典第1300条", "随便写写", "没有这部法第1条"]}),
        ),
        "show_document",
        "show what does not exist",
    );
    let kinds: Vec<&str> = missing["unresolved"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["error"]["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["not_found", "bad_query", "unknown_statute"],
        "{missing}"
    );
    let wrong = server.call(23, "show", json!({"references": "民法典1032"}));
    assert_eq!(wrong["isError"], true, "references must be a list: {wrong}");

    // cite, every style and mode
    let refs = json!(["民法典1032", "民法典1034", "治安法第50条第1款第5项"]);
    let mut id = 30;
    for style in ["full", "short"] {
        for (merge, letter) in [(false, false), (true, false), (false, true)] {
            id += 1;
            let doc = ok_content(
                &server.call(
                    id,
                    "cite",
                    json!({"references": refs, "style": style, "merge": merge, "letter": letter}),
                ),
                "cite_document",
                &format!("cite {style} merge={merge} letter={letter}"),
            );
            assert_eq!(doc["citations"].as_array().map(Vec::len), Some(3), "{doc}");
            assert_eq!(doc["letter"].is_object(), letter, "{doc}");
        }
    }
    let partly = ok_content(
        &server.call(
            40,
            "cite",
            json!({"references": ["民法典1032", "民法典1300"], "letter": true}),
        ),
        "cite_document",
        "cite with a missing reference",
    );
    assert!(partly.get("letter").is_none(), "no half letter: {partly}");
    error_content(
        &server.call(41, "cite", json!({"references": []})),
        "cite_document",
        "cite nothing",
    );
    let wrong = server.call(
        42,
        "cite",
        json!({"references": ["民法典1032"], "style": "fancy"}),
    );
    assert_eq!(wrong["isError"], true, "an unknown style: {wrong}");

    // verify
    let report = ok_content(
        &server.call(50, "verify", json!({
            "text": "催收人员多次发短信骚扰，违反《治安管理处罚法》第四十二条第五项和《催收公约》第十六条。",
            "as_of": "2026-11-28"
        })),
        "verify_document",
        "verify",
    );
    let outdated = &report["findings"][0];
    assert_eq!(outdated["verdict"], "outdated", "{report}");
    assert_eq!(
        outdated["suggestion"], "《中华人民共和国治安管理处罚法》第五十条第一款第五项",
        "the item carried across: {report}"
    );
    assert_eq!(
        report["findings"][1]["verdict"], "partial_source",
        "{report}"
    );
    ok_content(
        &server.call(51, "verify", json!({"text": ""})),
        "verify_document",
        "verify an empty text",
    );
    let bad = error_content(
        &server.call(52, "verify", json!({"text": "x", "as_of": "2026-13-01"})),
        "error_document",
        "verify a bad date",
    );
    assert_eq!(bad["error"]["kind"], "bad_query");

    // laws
    let laws = ok_content(&server.call(60, "laws", json!({})), "laws_document", "laws");
    assert!(
        laws["statutes"].as_array().is_some_and(|s| s.len() >= 4),
        "{laws}"
    );

    // the prompt
    let prompts = server.request(70, "prompts/list", json!({}));
    assert!(
        prompts["result"]["prompts"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["name"] == "draft_complaint")),
        "{prompts}"
    );
    let prompt = server.request(
        71,
        "prompts/get",
        json!({"name": "draft_complaint", "arguments": {"facts": "网贷催收打电话骚扰我的亲友", "recipient": "派出所"}}),
    );
    let text = prompt["result"]["messages"][0]["content"]["text"]
        .as_str()
        .unwrap_or_default();
    for must in [
        "网贷催收打电话骚扰我的亲友",
        "派出所",
        "verify",
        "只保留 verdict 为 ok",
    ] {
        assert!(
            text.contains(must),
            "the prompt should contain {must:?}: {prompt}"
        );
    }
    let no_facts = server.request(
        72,
        "prompts/get",
        json!({"name": "draft_complaint", "arguments": {}}),
    );
    assert!(
        no_facts.get("error").is_some(),
        "facts are required: {no_facts}"
    );

    // resources
    let resources = server.request(80, "resources/list", json!({}));
    let uris: Vec<&str> = resources["result"]["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["uri"].as_str())
        .collect();
    assert_eq!(
        uris,
        ["fatiao://laws", "fatiao://schema", "fatiao://contract"]
    );
    let schema = server.request(81, "resources/read", json!({"uri": "fatiao://schema"}));
    let served: Value = serde_json::from_str(
        schema["result"]["contents"][0]["text"]
            .as_str()
            .unwrap_or(""),
    )
    .expect("the schema resource is JSON");
    assert_eq!(
        served,
        contract_schema(),
        "fatiao://schema is docs/fatiao.schema.json"
    );
    let laws = server.request(82, "resources/read", json!({"uri": "fatiao://laws"}));
    let laws: Value =
        serde_json::from_str(laws["result"]["contents"][0]["text"].as_str().unwrap_or(""))
            .expect("the laws resource is JSON");
    assert_contract("laws_document", &laws, "fatiao://laws");
    let unknown = server.request(83, "resources/read", json!({"uri": "fatiao://nothing"}));
    assert!(unknown.get("error").is_some(), "{unknown}");

    server.finish();
}

#[test]
fn mcp_answers_malformed_requests_with_errors_and_keeps_serving() {
    let mut server = Server::start();
    server.initialize();

    server.send_raw("{this is not json");
    let reply = server.next();
    assert_eq!(reply["error"]["code"], -32700, "parse error: {reply}");
    assert_eq!(reply["id"], Value::Null, "{reply}");

    server.send_raw(r#"{"jsonrpc":"2.0","id":5,"params":"no method"}"#);
    let reply = server.response(&json!(5));
    assert_eq!(reply["error"]["code"], -32600, "invalid request: {reply}");

    server.send_raw(r#"["a","batch"]"#);
    let reply = server.next();
    assert_eq!(reply["error"]["code"], -32600, "invalid request: {reply}");

    let reply = server.request(6, "no/such/method", json!({}));
    assert_eq!(reply["error"]["code"], -32601, "method not found: {reply}");

    let reply = server.request(
        7,
        "tools/call",
        json!({"name": "no_such_tool", "arguments": {}}),
    );
    assert!(
        reply.get("error").is_some(),
        "an unknown tool is an error: {reply}"
    );

    let reply = server.request(
        8,
        "tools/call",
        json!({"name": "search", "arguments": "隐私"}),
    );
    assert!(
        reply.get("error").is_some() || reply["result"]["isError"] == true,
        "arguments that are not an object: {reply}"
    );

    // A request cancelled at once: answered or not, the server goes on.
    server.send(json!({"jsonrpc": "2.0", "id": 9, "method": "tools/call",
        "params": {"name": "search", "arguments": {"query": "隐私"}}}));
    server.send(
        json!({"jsonrpc": "2.0", "method": "notifications/cancelled",
        "params": {"requestId": 9, "reason": "the user moved on"}}),
    );
    server.send(
        json!({"jsonrpc": "2.0", "method": "notifications/cancelled",
        "params": {"requestId": 12345}}),
    );
    server.send(json!({"jsonrpc": "2.0", "id": 10, "method": "ping"}));
    loop {
        let message = server.next();
        if message["id"] == 10 {
            assert_eq!(
                message["result"],
                json!({}),
                "ping after cancellation: {message}"
            );
            break;
        }
        assert_eq!(
            message["id"], 9,
            "only the cancelled request may answer first: {message}"
        );
    }

    let result = server.call(11, "laws", json!({}));
    ok_content(&result, "laws_document", "laws after malformed input");
    server.finish();
}
