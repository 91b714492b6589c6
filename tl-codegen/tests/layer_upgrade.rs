//! User code written against an older layer keeps compiling when the bindings are regenerated
//! from a newer one, in the construction style the README recommends (`new` with the
//! required parameters, struct update for the optional ones), while a plain struct literal
//! of a constructor that gained an optional parameter stops compiling.
//!
//! The older layer is layer 227's `api.tl`, as the crates.io package `grammers-tl-types`
//! 0.10.0 ships it (fetched with `cargo metadata` into cargo's registry cache); the newer one
//! is the bundled layer 230. Between them `user` gained `linked_community_id` and
//! `botCommand` gained `ephemeral`, both optional. A scratch crate (path dependencies on this
//! workspace, its target folder in `CARGO_TARGET_TMPDIR`) is checked with each schema.
//!
//! Without the registry (offline), the test skips with a message, unless
//! `TL_REQUIRE_SHARED=1` is set, as in CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_workspace_lock, write_if_changed};

/// The user's code: only the recommended style, so it must compile against both layers.
const LIB_RS: &str = r#"//! Written against layer 227.

pub mod tl {
    tl_runtime::include_bindings!();
}

use tl::types;

pub fn contact(id: i64) -> types::User {
    types::User {
        contact: true,
        first_name: Some("Ada".into()),
        ..types::User::new(id)
    }
}

pub fn start_command() -> types::BotCommand {
    types::BotCommand::new("start".into(), "Start the bot".into())
}

/// The same value as a plain struct literal, which layer 230 breaks (`ephemeral` is missing).
#[cfg(feature = "literal")]
pub fn start_command_literal() -> types::BotCommand {
    types::BotCommand {
        command: "start".into(),
        description: "Start the bot".into(),
    }
}
"#;

const BUILD_RS: &str = r#"fn main() {
    tl_codegen::Config::new()
        .schema("schema/api.tl")
        .only(["user", "botCommand"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
"#;

const CARGO_TOML: &str = r#"[package]
name = "tl-layer-upgrade"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[features]
literal = []

[dependencies]
tl-runtime = { path = "@ROOT@/tl-runtime", default-features = false }

[build-dependencies]
tl-codegen = { path = "@ROOT@/tl-codegen" }

[profile.dev]
debug = 0
"#;

/// A manifest whose only purpose is to make cargo fetch grammers-tl-types 0.10.0 (layer 227).
const FETCH_TOML: &str = r#"[package]
name = "tl-fetch-layer-227"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[lib]
path = "lib.rs"

[dependencies]
grammers-tl-types = { version = "=0.10.0", default-features = false }
"#;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Layer 227's `api.tl` from the registry, or `None` (with the reason) if cargo cannot get it.
fn layer_227(base: &Path) -> Result<String, String> {
    let dir = base.join("fetch");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Cargo.toml"), FETCH_TOML).unwrap();
    std::fs::write(dir.join("lib.rs"), "").unwrap();
    let out = cargo()
        .args(["metadata", "--format-version", "1"])
        .current_dir(&dir)
        .output()
        .expect("run cargo metadata");
    if !out.status.success() {
        return Err(format!("cargo metadata failed:\n{}", text(&out)));
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let manifest = json["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "grammers-tl-types" && p["version"] == "0.10.0")
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("grammers-tl-types 0.10.0 is not in the metadata")?;
    let api = Path::new(manifest).with_file_name("tl").join("api.tl");
    std::fs::read_to_string(&api).map_err(|e| format!("{}: {e}", api.display()))
}

fn check(dir: &Path, target: &Path, features: &[&str]) -> Output {
    let mut command = cargo();
    command
        .args(["check", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS");
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    command.output().expect("run cargo check")
}

#[test]
fn recommended_construction_survives_a_layer_upgrade() {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("layer_upgrade");
    let old = match layer_227(&base) {
        Ok(text) => text,
        Err(why) if std::env::var("TL_REQUIRE_SHARED").as_deref() != Ok("1") => {
            eprintln!("skipped: layer 227 from crates.io is not available: {why}");
            return;
        }
        Err(why) => panic!("layer 227 from crates.io: {why}"),
    };
    assert!(old.starts_with("// LAYER 227"), "{}", &old[..40]);
    let new = std::fs::read_to_string(root.join("schema/api.tl")).unwrap();
    assert!(new.starts_with("// LAYER 230"));

    let (dir, target) = (base.join("crate"), base.join("target"));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("schema")).unwrap();
    let write = |path: &str, content: &str| write_if_changed(&dir.join(path), content);
    write(
        "Cargo.toml",
        &CARGO_TOML.replace("@ROOT@", &root.display().to_string()),
    );
    write("build.rs", BUILD_RS);
    write("src/lib.rs", LIB_RS);
    copy_workspace_lock(&dir);

    // Layer 227: both styles compile.
    write("schema/api.tl", &old);
    let out = check(&dir, &target, &["literal"]);
    assert!(out.status.success(), "layer 227:\n{}", text(&out));

    // Layer 230, the same code: the recommended style still compiles ...
    write("schema/api.tl", &new);
    let out = check(&dir, &target, &[]);
    assert!(out.status.success(), "layer 230:\n{}", text(&out));
    // ... and the plain literal does not, for the reason the README gives.
    let out = check(&dir, &target, &["literal"]);
    let log = text(&out);
    assert!(
        !out.status.success(),
        "the literal compiled against layer 230"
    );
    assert!(
        log.contains("E0063") && log.contains("ephemeral"),
        "expected E0063 (missing field `ephemeral`):\n{log}"
    );
}
