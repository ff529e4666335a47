//! `fatiao completions SHELL`: a completion script, from the same clap
//! definition as `--help`.

use std::io::{self, Write};

use clap::Args;

use super::help::ARGUMENTS;
use super::outcome::Outcome;

pub const EXAMPLES: &str = "\
示例 Examples:
  fatiao completions bash > ~/.local/share/bash-completion/completions/fatiao
  fatiao completions zsh > ~/.zfunc/_fatiao
  fatiao completions fish > ~/.config/fish/completions/fatiao.fish
  fatiao completions powershell >> $PROFILE";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash、zsh、fish、powershell 或 elvish · The shell
    #[arg(value_enum, value_name = "SHELL", help_heading = ARGUMENTS)]
    pub shell: clap_complete::Shell,
}

/// Prints the script completing `command` for the shell asked for.
pub fn run(args: &CompletionsArgs, mut command: clap::Command) -> anyhow::Result<Outcome> {
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "fatiao", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}
