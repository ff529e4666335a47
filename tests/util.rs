//! Running the real `fatiao` binary with a clean environment and a temp index.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Environment variables a user may have set that would change what fatiao does.
const USER_ENV: &[&str] = &[
    "FATIAO_INDEX",
    "FATIAO_CHECKOUT_INDEX",
    "FATIAO_DATA",
    "FATIAO_CLIPBOARD",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
];

/// An index shared by the tests that only read it. It lives in Cargo's
/// per-target temp dir, so it is built once and reused across runs; several
/// tests opening it at once also exercise the build lock.
pub fn shared_index() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-index")
}

/// The `fatiao` executable with the user's environment removed and `--index DIR`.
pub fn std_command(index: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("fatiao"));
    for var in USER_ENV {
        cmd.env_remove(var);
    }
    cmd.arg("--index").arg(index);
    cmd
}

/// [`std_command`] for assertions.
pub fn fatiao_with_index(index: &Path) -> Command {
    Command::from_std(std_command(index))
}

/// `fatiao` on the shared index.
pub fn fatiao() -> Command {
    fatiao_with_index(&shared_index())
}

/// Run `fatiao search --format json ARGS…` and parse the output.
pub fn search_json(args: &[&str]) -> serde_json::Value {
    let output = fatiao()
        .arg("search")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("run fatiao");
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "fatiao search {args:?} printed invalid JSON ({e}):\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// `law:article` of each hit (`law@version:article` for superseded versions).
pub fn hit_ids(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| {
                    // 刑法:293之1, as the eval sets write gold.
                    let article = match h["article_suffix"].as_u64() {
                        Some(suffix) if suffix > 0 => format!("{}之{suffix}", h["article"]),
                        _ => h["article"].to_string(),
                    };
                    if h["in_force"].as_bool() == Some(true) {
                        format!("{}:{article}", h["law"].as_str().unwrap_or("?"))
                    } else {
                        format!(
                            "{}@{}:{article}",
                            h["law"].as_str().unwrap_or("?"),
                            h["version"].as_str().unwrap_or("?"),
                        )
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The built-in corpus, to compare output with the parsed statute text.
pub fn corpus() -> fatiao::Corpus {
    fatiao::Corpus::builtin().expect("built-in corpus parses")
}

/// The JSON contract's schema, docs/fatiao.schema.json.
pub fn contract_schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fatiao.schema.json");
    let text = std::fs::read_to_string(&path).expect("docs/fatiao.schema.json is readable");
    serde_json::from_str(&text).expect("docs/fatiao.schema.json is JSON")
}

/// How `value` fails to be a valid `definition` (a name under `$defs`, e.g.
/// `search_document`) of the contract schema; empty when it is valid.
pub fn contract_errors(definition: &str, value: &serde_json::Value) -> Vec<String> {
    let mut schema = contract_schema();
    let root = schema.as_object_mut().expect("the schema is an object");
    assert!(
        root["$defs"].get(definition).is_some(),
        "docs/fatiao.schema.json has no $defs/{definition}"
    );
    root.remove("anyOf");
    root.insert(
        "$ref".to_string(),
        serde_json::Value::String(format!("#/$defs/{definition}")),
    );
    let validator = jsonschema::validator_for(&schema).expect("the contract schema compiles");
    validator
        .iter_errors(value)
        .map(|e| format!("  at {}: {e}", e.instance_path()))
        .collect()
}

/// Panics unless `value` is a valid `definition` of the contract schema;
/// `what` says where it came from.
pub fn assert_contract(definition: &str, value: &serde_json::Value, what: &str) {
    let errors = contract_errors(definition, value);
    assert!(
        errors.is_empty(),
        "{what} does not match $defs/{definition} of docs/fatiao.schema.json:\n{}\n{}",
        errors.join("\n"),
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}
