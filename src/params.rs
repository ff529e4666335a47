//! What the command line and the MCP server both take from the user, read
//! in one place for both: the citation style, what `cite` makes of its
//! references, the date whose law `verify` applies.

use clap::ValueEnum;
use schemars::JsonSchema;
use serde::Deserialize;

use fatiao::cite::CiteStyle;
use fatiao::contract::CiteMode;

// The citation style: `--style` of `cite` and `letter`, `style` of the MCP
// `cite` tool. Its names (full, short) are the variants'. Each front-end
// describes a variant its own way: `--help` from `value(help)`, the tool's
// JSON Schema from the doc comment (and so the enum itself has none, which
// the schema would show).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StyleArg {
    /// 《中华人民共和国民法典》第一千零三十二条
    #[default]
    #[value(help = "全称 · Full title")]
    Full,
    /// 《民法典》第一千零三十二条
    #[value(help = "简称 · Short name")]
    Short,
}

impl From<StyleArg> for CiteStyle {
    fn from(style: StyleArg) -> CiteStyle {
        match style {
            StyleArg::Full => CiteStyle::Full,
            StyleArg::Short => CiteStyle::Short,
        }
    }
}

/// What `cite` makes: with `letter`, the 根据……的规定 paragraph and the cited
/// text (it holds the merged line too); else with `merge` the merged line;
/// else one citation per reference.
pub fn cite_mode(letter: bool, merge: bool) -> CiteMode {
    if letter {
        CiteMode::Letter
    } else if merge {
        CiteMode::Merge
    } else {
        CiteMode::List
    }
}

/// The date whose law `verify` applies: the one given (2026-01-01, 2026-1-1,
/// 2026年1月1日), checked, else today in Beijing.
pub fn law_date(as_of: Option<&str>) -> fatiao::Result<String> {
    match as_of {
        Some(date) => fatiao::verify::parse_date(date),
        None => Ok(fatiao::verify::today()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_and_the_mcp_server_take_the_same_style_names() {
        for style in StyleArg::value_variants() {
            let name = style.to_possible_value().expect("not skipped");
            let name = name.get_name();
            let from_json: StyleArg = serde_json::from_value(serde_json::json!(name))
                .unwrap_or_else(|e| panic!("the MCP server refuses `{name}`: {e}"));
            assert_eq!(from_json, *style, "`{name}` means one style on both sides");
        }
        assert!(
            serde_json::from_value::<StyleArg>(serde_json::json!("long")).is_err(),
            "no other name"
        );
    }

    #[test]
    fn a_letter_holds_the_merged_line_so_it_wins_over_merge() {
        const CASES: &[(bool, bool, CiteMode)] = &[
            (false, false, CiteMode::List),
            (false, true, CiteMode::Merge),
            (true, false, CiteMode::Letter),
            (true, true, CiteMode::Letter),
        ];
        for &(letter, merge, mode) in CASES {
            assert_eq!(
                cite_mode(letter, merge),
                mode,
                "letter {letter}, merge {merge}"
            );
        }
    }
}
