//! `fatiao` and `fatiao tui [QUERY]`: the interactive screen, and what is
//! printed when it ends (citations the user marked and never copied).

use std::sync::Arc;

use clap::Args;

use fatiao::search::Engine;

use super::context::{Context, data_dir};
use super::help::ARGUMENTS;
use super::options::{CorpusArg, IndexArg};
use super::outcome::Outcome;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao                 打开界面 · open the screen
  fatiao tui 私人生活安宁 打开并检索 · open it with a query

界面里按 F1 查看全部按键。Press F1 on the screen for every key.
复制：tmux 中用 tmux 缓冲区，其次是系统剪贴板，再次是终端（OSC 52），
都不行时写入数据目录中的文件。FATIAO_CLIPBOARD=system|tmux|osc52|none 指定方式。
标记的引用清单保存在数据目录 $FATIAO_DATA 中，下次打开仍在。
Copying: tmux's buffer inside tmux, else the system clipboard, else the terminal
(OSC 52), else a file in the data directory; FATIAO_CLIPBOARD chooses.
The marked list is kept in the data directory for the next session.";

#[derive(Debug, Args)]
pub struct TuiArgs {
    /// 启动时的查询 · Start with this query
    #[arg(value_name = "QUERY", help_heading = ARGUMENTS)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub corpus: CorpusArg,
}

/// The screen, started with `query` (empty for none).
pub fn run(ctx: &Context, query: &[String]) -> anyhow::Result<Outcome> {
    let open = || -> anyhow::Result<Engine> {
        let corpus = Arc::new(ctx.corpus()?);
        // No eprintln of the index notice: the screen would hide it; the TUI shows it.
        let index = ctx.open_index(&corpus)?;
        Ok(Engine::new(corpus, index))
    };
    let exit = fatiao::tui::run(open, &query.join(" "), &data_dir())?;
    if let Some(citations) = &exit.citations {
        // Marked articles are the user's work: never lose them on quitting.
        println!("引用清单（退出时尚未复制）：\n{citations}");
    }
    if let Some(path) = &exit.saved {
        eprintln!("fatiao: 引用清单已保存到 {}", path.display());
    }
    Ok(match exit.signal {
        Some(signal) => Outcome::Signalled(signal),
        None => Outcome::Success,
    })
}
