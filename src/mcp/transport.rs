//! Newline-delimited JSON-RPC on stdin/stdout, with the JSON-RPC errors the
//! SDK's own stdio transport leaves out.
//!
//! rmcp's stdio transport drops a line that is not JSON without a word (its
//! issue #938: replying could start an error storm with a peer that echoes).
//! A client that sent a broken request then waits forever, so this transport
//! answers `-32700 Parse error` (id null) for such a line, and `-32600
//! Invalid Request` (with the request's id when it has one) for JSON that is
//! not a JSON-RPC message, and goes on reading. Only this module writes to
//! stdout while the server runs.

use std::sync::Arc;

use rmcp::RoleServer;
use rmcp::service::{RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{Mutex, mpsc};

/// The longest line read (a verify request can carry a whole letter).
const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Messages read by a background task; replies written whole, one per line.
pub struct Stdio {
    incoming: mpsc::Receiver<RxJsonRpcMessage<RoleServer>>,
    out: Arc<Mutex<Box<dyn AsyncWrite + Send + Unpin>>>,
}

impl Stdio {
    /// The process's stdin and stdout. Must be called inside the runtime.
    pub fn new() -> Stdio {
        Stdio::over(tokio::io::stdin(), tokio::io::stdout())
    }

    /// Any reader and writer (the unit tests use in-memory pipes).
    pub fn over(
        input: impl tokio::io::AsyncRead + Send + Unpin + 'static,
        output: impl AsyncWrite + Send + Unpin + 'static,
    ) -> Stdio {
        let out: Arc<Mutex<Box<dyn AsyncWrite + Send + Unpin>>> =
            Arc::new(Mutex::new(Box::new(output)));
        let (tx, incoming) = mpsc::channel(64);
        tokio::spawn(read_lines(input, tx, out.clone()));
        Stdio { incoming, out }
    }
}

/// What a line holds.
#[derive(Debug)]
enum Line {
    Message(Box<RxJsonRpcMessage<RoleServer>>),
    /// Blank, or a reply that needs none.
    Nothing,
    /// A JSON-RPC error response to send back.
    Reply(Value),
}

fn classify(line: &[u8]) -> Line {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Line::Nothing;
    }
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(err) => return Line::Reply(error_reply(Value::Null, -32700, "Parse error", &err)),
    };
    match serde_json::from_value::<RxJsonRpcMessage<RoleServer>>(value.clone()) {
        Ok(message) => Line::Message(Box::new(message)),
        Err(err) => {
            let id = value
                .get("id")
                .filter(|id| id.is_string() || id.is_number())
                .cloned();
            match id {
                Some(id) => Line::Reply(error_reply(id, -32600, "Invalid Request", &err)),
                // A notification (no id) gets no reply, by JSON-RPC; neither does a bad response.
                None if value.get("method").is_some() || value.get("result").is_some() => {
                    Line::Nothing
                }
                None => Line::Reply(error_reply(Value::Null, -32600, "Invalid Request", &err)),
            }
        }
    }
}

fn error_reply(id: Value, code: i32, what: &str, err: &serde_json::Error) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": format!("{what}: {err}")},
    })
}

async fn write_line(
    out: &Mutex<Box<dyn AsyncWrite + Send + Unpin>>,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(value)?;
    line.push(b'\n');
    let mut out = out.lock().await;
    out.write_all(&line).await?;
    out.flush().await
}

async fn read_lines(
    input: impl tokio::io::AsyncRead + Send + Unpin,
    tx: mpsc::Sender<RxJsonRpcMessage<RoleServer>>,
    out: Arc<Mutex<Box<dyn AsyncWrite + Send + Unpin>>>,
) {
    let mut reader = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        line.clear();
        match AsyncReadExt::take(&mut reader, MAX_LINE_BYTES as u64)
            .read_until(b'\n', &mut line)
            .await
        {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if line.len() >= MAX_LINE_BYTES && !line.ends_with(b"\n") {
            // Skip the rest of an oversized line, then say so.
            let mut rest = Vec::new();
            if reader.read_until(b'\n', &mut rest).await.is_err() {
                return;
            }
            let reply = json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": {"code": -32600, "message": format!("Invalid Request: a message longer than {MAX_LINE_BYTES} bytes")},
            });
            if write_line(&out, &reply).await.is_err() {
                return;
            }
            continue;
        }
        let line = line.strip_suffix(b"\n").unwrap_or(&line);
        match classify(line) {
            Line::Message(message) => {
                if tx.send(*message).await.is_err() {
                    return;
                }
            }
            Line::Nothing => {}
            Line::Reply(reply) => {
                if write_line(&out, &reply).await.is_err() {
                    return;
                }
            }
        }
    }
}

impl Transport<RoleServer> for Stdio {
    type Error = std::io::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleServer>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        let out = self.out.clone();
        async move { write_line(&out, &item).await }
    }

    async fn receive(&mut self) -> Option<RxJsonRpcMessage<RoleServer>> {
        self.incoming.recv().await
    }

    async fn close(&mut self) -> Result<(), Self::Error> {
        self.incoming.close();
        self.out.lock().await.flush().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified_as_json_rpc_says() {
        const CASES: &[(&str, Option<i64>)] = &[
            (r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#, None),
            ("", None),
            ("   ", None),
            ("{not json", Some(-32700)),
            (r#"{"foo":"bar"}"#, Some(-32600)),
            (r#"{"jsonrpc":"2.0","id":7,"params":3}"#, Some(-32600)),
            (r#"[1,2]"#, Some(-32600)),
        ];
        for (line, code) in CASES {
            let got = match classify(line.as_bytes()) {
                Line::Reply(reply) => reply["error"]["code"].as_i64(),
                Line::Message(_) | Line::Nothing => None,
            };
            assert_eq!(got, *code, "reply code to {line:?}: look at classify");
        }
        let Line::Reply(reply) = classify(br#"{"jsonrpc":"2.0","id":7,"params":3}"#) else {
            panic!("expected a reply");
        };
        assert_eq!(reply["id"], 7, "the reply carries the request's id");
    }
}
