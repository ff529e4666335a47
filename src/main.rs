//! The `fatiao` binary: a thin shell around the library (see `cli`, and
//! `mcp` for the Model Context Protocol server).
//!
//! The exit policy, in one place: 0 when a command did what was asked and
//! found something; 1 when it found nothing or found something wrong
//! ([`cli::Outcome`]); 128 + N when signal N ended the interactive screen
//! (a `search --stdin` batch ends with 130 from its signal thread); 2 on any
//! error or usage error; 0 when the reader of stdout went away.

mod cli;
mod mcp;
mod params;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic the engine catches (a damaged index, rebuilt) is not news.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !fatiao::search::panicking_in_guard() {
            report(info);
        }
    }));
    let args = cli::args();
    let json = cli::args_want_json(&args);
    let parsed = match cli::try_parse(&args) {
        Ok(parsed) => parsed,
        // --help and --version are not errors; usage errors are JSON when JSON was asked for.
        Err(err) if json && err.use_stderr() => {
            print_error_document("usage", &first_line(&err));
            let _ = err.print();
            return ExitCode::from(2);
        }
        Err(err) => err.exit(),
    };
    let json = parsed.wants_json();
    match cli::run(parsed) {
        Ok(outcome) => exit_code(outcome),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            if json {
                print_error_document(error_kind(&err), &format!("{err:#}"));
            }
            // Errors quote what the user typed: shown, never obeyed.
            let message = format!("{err:#}");
            eprintln!("fatiao: {}", fatiao::sanitize::escape_controls(&message));
            ExitCode::from(2)
        }
    }
}

/// The exit code of a command that ran to its end.
fn exit_code(outcome: cli::Outcome) -> ExitCode {
    match outcome {
        cli::Outcome::Success => ExitCode::SUCCESS,
        cli::Outcome::NothingFound | cli::Outcome::ProblemsFound => ExitCode::from(1),
        // The shell's convention for a process ended by a signal.
        cli::Outcome::Signalled(signal) => ExitCode::from(128 + signal as u8),
    }
}

/// The JSON contract's error document, on stdout where the result would have been.
fn print_error_document(kind: &str, message: &str) {
    if let Ok(line) = fatiao::contract::error(kind, message).to_pretty() {
        let _ = writeln!(std::io::stdout(), "{line}");
    }
}

/// The kind of an error from anywhere in the program, for an error document.
fn error_kind(err: &anyhow::Error) -> &'static str {
    for cause in err.chain() {
        if let Some(err) = cause.downcast_ref::<fatiao::Error>() {
            return err.kind();
        }
        if cause.downcast_ref::<std::io::Error>().is_some() {
            return "io";
        }
    }
    "internal"
}

/// clap's message without its `error: ` prefix and usage lines.
fn first_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    line.trim_start_matches("error: ").to_string()
}

/// A reader that stopped reading (`fatiao search … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
