//! User code written against an older layer keeps compiling when the bindings are regenerated
//! from a newer one, in the construction style the README recommends (`new` with the
//! required parameters, struct update for the optional ones), while a plain struct literal
//! of a constructor that gained an optional parameter stops compiling.
//!
//! The older layer is layer 229's `api.tl`, as the crates.io package `ferogram-tl-types`
//! 0.6.6 ships it (fetched with `cargo metadata` into cargo's registry cache); the newer one
//! is the bundled layer 230. Between them `username` gained `deletable` and `expired`, and
//! `bots.checkUsername` gained `additional`, all optional. A scratch crate (path dependencies
//! on this workspace, its target folder in `CARGO_TARGET_TMPDIR`) is checked with each schema.
//!
//! Without the registry (offline), the test skips with a message, unless
//! `TL_REQUIRE_SHARED=1` is set, as in CI.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_workspace_lock, registry_packages, skip_or_fail, write_if_changed};

/// The user's code: only the recommended style, so it must compile against both layers.
const LIB_RS: &str = r#"//! Written against layer 229.

pub mod tl {
    tl_runtime::include_bindings!();
}

use tl::{functions, types};

pub fn active_username(name: &str) -> types::Username {
    types::Username {
        active: true,
        ..types::Username::new(name.into())
    }
}

pub fn check_username(name: &str) -> functions::bots::CheckUsername {
    functions::bots::CheckUsername::new(name.into())
}

/// The same value as a plain struct literal, which layer 230 breaks (`deletable` and
/// `expired` are missing).
#[cfg(feature = "literal")]
pub fn active_username_literal(name: &str) -> types::Username {
    types::Username {
        editable: false,
        active: true,
        username: name.into(),
    }
}
"#;

const BUILD_RS: &str = r#"fn main() {
    tl_codegen::Config::new()
        .schema("schema/api.tl")
        .only(["username", "bots.checkUsername"])
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

/// Layer 229's `api.tl` from the registry, or why cargo cannot get it.
fn layer_229(base: &Path) -> Result<String, String> {
    let dirs = registry_packages(
        &base.join("fetch"),
        "l229 = { package = \"ferogram-tl-types\", version = \"=0.6.6\", default-features = false }\n",
        &[("ferogram-tl-types", "0.6.6")],
    )?;
    let api = dirs[0].join("tl/api.tl");
    std::fs::read_to_string(&api).map_err(|e| format!("{}: {e}", api.display()))
}

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
    let old = match layer_229(&base) {
        Ok(text) => text,
        Err(why) => return skip_or_fail(&format!("layer 229 from crates.io: {why}")),
    };
    assert!(old.lines().any(|l| l.trim() == "// LAYER 229"));
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

    // Layer 229: both styles compile.
    write("schema/api.tl", &old);
    let out = check(&dir, &target, &["literal"]);
    assert!(out.status.success(), "layer 229:\n{}", text(&out));

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
        log.contains("E0063") && log.contains("deletable") && log.contains("expired"),
        "expected E0063 (missing fields `deletable` and `expired`):\n{log}"
    );
}
