//! The library's error type. Messages are lower-case Chinese or English
//! sentences that say what went wrong and, where possible, what to do.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A corpus file is malformed; names the file, the 1-based line and the problem.
    #[error("{file}:{line}: {message}")]
    CorpusParse {
        file: String,
        line: usize,
        message: String,
    },
    /// The corpus folder or a file in it cannot be used at all.
    #[error("corpus {path}: {message}")]
    Corpus { path: PathBuf, message: String },
    /// A relevance question set (JSON lines) is malformed or names a missing article.
    #[error("{file}:{line}: {message}")]
    QuestionSet {
        file: String,
        line: usize,
        message: String,
    },
    /// The on-disk index cannot be opened or built.
    #[error("index {path}: {message}")]
    Index { path: PathBuf, message: String },
    /// The index failed while searching (a Tantivy error or panic) and
    /// could not be repaired by a rebuild.
    #[error("索引已损坏（{0}）；请运行 `fatiao index --rebuild`，或用 --index DIR 指定其他位置")]
    IndexDamaged(String),
    /// A file fatiao keeps for the user (the citation list) cannot be read.
    #[error("{path}: {message}")]
    SavedFile { path: PathBuf, message: String },
    /// A reference names a statute fatiao does not have.
    #[error("没有找到法律“{0}”；用 `fatiao laws` 查看收录的法律")]
    UnknownStatute(String),
    /// A reference names an article, paragraph or item that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A query or reference that cannot be understood.
    #[error("{0}")]
    BadQuery(String),
    /// A file given to read (a draft for `fatiao verify`) cannot be read as
    /// text; the message names the file and says what to do.
    #[error("{0}")]
    Input(String),
    /// The TUI was started without a terminal (piped, in CI).
    #[error(
        "界面需要在终端里运行（标准输入和输出都必须是终端）；在脚本或管道中请用 `fatiao search 查询词`"
    )]
    NoTerminal,
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable, machine-readable name for the kind of error: the `kind` of
    /// an error document in the JSON contract (docs/json.md).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::CorpusParse { .. } | Error::Corpus { .. } => "corpus",
            Error::QuestionSet { .. } => "question_set",
            Error::Index { .. } | Error::Tantivy(_) | Error::IndexDamaged(_) => "index",
            Error::UnknownStatute(_) => "unknown_statute",
            Error::NotFound(_) => "not_found",
            Error::BadQuery(_) => "bad_query",
            Error::NoTerminal => "no_terminal",
            // The saved citation list, or a draft given to `verify`: a file
            // of the user's that cannot be read.
            Error::Io(_) | Error::SavedFile { .. } | Error::Input(_) => "io",
            Error::Json(_) => "internal",
        }
    }
}
