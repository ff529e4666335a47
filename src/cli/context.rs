//! What every command needs before it does its own work: the corpus (built
//! in, or `--corpus DIR`), the search index (`--index DIR` and where it is
//! looked for otherwise), the colours (`--color`), the data directory.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;

use fatiao::corpus::Corpus;
use fatiao::index::{IndexLocation, SearchIndex, open_or_build};
use fatiao::search::Engine;

use super::options::{ColorArg, ColorOpt, CorpusArg, IndexArg};
use super::style::{self, Style};

/// The options that say where the data is and how to print, merged from
/// those given before the command (`fatiao --index DIR search`, accepted
/// everywhere for the interactive screen and old scripts) and those the
/// command takes itself (`fatiao search --index DIR`), which win.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `--corpus DIR`: `None` for the built-in corpus.
    pub corpus_dir: Option<PathBuf>,
    index_dir: Option<PathBuf>,
    color: ColorArg,
}

impl Context {
    /// The options given before the command.
    pub fn new(index_dir: Option<PathBuf>, corpus_dir: Option<PathBuf>) -> Context {
        Context {
            corpus_dir,
            index_dir,
            color: ColorArg::default(),
        }
    }

    /// The same, with the options the command takes itself.
    pub fn with_command_options(
        mut self,
        index: Option<&IndexArg>,
        corpus: Option<&CorpusArg>,
        color: Option<&ColorOpt>,
    ) -> Context {
        if let Some(dir) = index.and_then(|a| a.index.clone()) {
            self.index_dir = Some(dir);
        }
        if let Some(dir) = corpus.and_then(|a| a.corpus.clone()) {
            self.corpus_dir = Some(dir);
        }
        if let Some(color) = color {
            self.color = color.color;
        }
        self
    }

    /// The corpus: the folder given, else the one built into the binary.
    pub fn corpus(&self) -> anyhow::Result<Corpus> {
        match &self.corpus_dir {
            Some(dir) => Corpus::load_dir(dir)
                .with_context(|| format!("无法读取语料文件夹 {}", dir.display())),
            None => Ok(Corpus::builtin().context("内置语料无法解析")?),
        }
    }

    /// `--index DIR` > `FATIAO_INDEX` > `FATIAO_CHECKOUT_INDEX` (set by
    /// .cargo/config.toml when run from the checkout) > the platform data directory.
    pub fn index_location(&self) -> IndexLocation {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if let Some(dir) = self
            .index_dir
            .clone()
            .or_else(|| from_env("FATIAO_INDEX"))
            .or_else(|| from_env("FATIAO_CHECKOUT_INDEX"))
        {
            return IndexLocation::Dir(dir);
        }
        match directories::ProjectDirs::from("", "", "fatiao") {
            Some(dirs) => IndexLocation::Dir(dirs.data_dir().join("index")),
            None => IndexLocation::InMemory,
        }
    }

    /// The index of `corpus`, opened (built first if needed); its notice
    /// (rebuilt, damaged, in memory) is the caller's to show.
    pub fn open_index(&self, corpus: &Corpus) -> anyhow::Result<SearchIndex> {
        open_or_build(corpus, &self.index_location(), false).context("无法建立或打开索引")
    }

    /// The engine of `corpus`, with its index opened and the index's notice
    /// printed on stderr.
    pub fn engine(&self, corpus: Arc<Corpus>) -> anyhow::Result<Engine> {
        let index = self.open_index(&corpus)?;
        if let Some(message) = &index.notice {
            style::notice(message);
        }
        Ok(Engine::new(corpus, index))
    }

    /// The engine of the corpus, for commands that need nothing else.
    pub fn load_engine(&self) -> anyhow::Result<Engine> {
        self.engine(Arc::new(self.corpus()?))
    }

    /// The colours of this run's output.
    pub fn style(&self) -> Style {
        Style::detect(self.color)
    }
}

/// Where fatiao keeps what it saves for the user (the marked citation list
/// between sessions and after a signal, a copy no clipboard took): `$FATIAO_DATA`, else the platform data
/// directory (`~/.local/share/fatiao` on Linux), else the temp directory.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FATIAO_DATA").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "fatiao")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("fatiao"))
}

/// Data a one-shot command keeps until the process exits: leaked, so that
/// exiting frees nothing (freeing the parsed corpus and the engine cost over
/// a millisecond, a tenth of a one-shot search). Nothing is lost: every
/// command flushes its output before it returns, and the index lock is held
/// only while an index is built, never by an opened one.
pub fn for_the_process<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}
