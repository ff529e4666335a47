//! The process arguments before clap reads them: `-词` exclusions made safe,
//! and whether JSON was asked for (so that even a usage error can be a JSON
//! error document).

use std::ffi::OsString;

/// The process arguments, with `-词` exclusions made safe for clap.
///
/// clap would take `-拘留` for an unknown short flag. No fatiao flag starts
/// with `-` followed by a non-ASCII character, so such arguments are
/// rewritten with the full-width hyphen `－`, which the query syntax treats
/// the same way.
pub fn args() -> Vec<OsString> {
    std::env::args_os().map(protect_exclusion).collect()
}

pub(super) fn protect_exclusion(arg: OsString) -> OsString {
    match arg.to_str().and_then(|s| s.strip_prefix('-')) {
        Some(rest) if rest.chars().next().is_some_and(|c| !c.is_ascii()) => {
            format!("－{rest}").into()
        }
        _ => arg,
    }
}

/// Do raw arguments ask for JSON (`--format json`, `--format=jsonl`)? For
/// errors met before clap has parsed them.
pub fn args_want_json(args: &[OsString]) -> bool {
    args.iter().enumerate().any(|(i, arg)| {
        let arg = arg.to_string_lossy();
        let value = match arg.strip_prefix("--format=") {
            Some(value) => value.to_string(),
            None if arg == "--format" => args
                .get(i + 1)
                .map(|v| v.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => return false,
        };
        value == "json" || value == "jsonl"
    })
}
