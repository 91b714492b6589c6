//! `tl-codegen diff` on real consecutive layers: Telegram's `api.tl` as crates.io packages
//! ship it, fetched with `cargo metadata` into cargo's registry cache (as
//! `tl-codegen/tests/suite/layer_upgrade.rs` does), plus the bundled layer 230.
//!
//! | layer | package |
//! | --- | --- |
//! | 222 | `layer-tl-types` 0.1.2 |
//! | 223 | `layer-tl-types` 0.2.2 |
//! | 224 | `layer-tl-types` 0.5.0 |
//! | 225 | `ferogram-tl-types` 0.3.9 |
//! | 229 | `ferogram-tl-types` 0.6.6 |
//! | 230 | `schema/api.tl` |
//!
//! Four consecutive pairs: 222 -> 223 (whose whole output is fixed by
//! `tests/golden/diff_222_223.txt`; `UPDATE_GOLDEN=1` rewrites it), 223 -> 224, 224 -> 225 and
//! 229 -> 230. (grammers-tl-types ships layers 146 to 230 with gaps; no package found has 226
//! or 228.) Without the registry (offline), the test skips with a message, unless
//! `TL_REQUIRE_SHARED=1` is set, as in CI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The packages, each with the layer its `tl/api.tl` has.
const PACKAGES: &[(&str, &str, i32)] = &[
    ("layer-tl-types", "0.1.2", 222),
    ("layer-tl-types", "0.2.2", 223),
    ("layer-tl-types", "0.5.0", 224),
    ("ferogram-tl-types", "0.3.9", 225),
    ("ferogram-tl-types", "0.6.6", 229),
];

/// The registry and scratch-crate helpers of tl-codegen's tests, shared rather than copied.
#[path = "../../tl-codegen/tests/suite/common/mod.rs"]
mod common;

use common::{registry_packages, skip_or_fail};

/// The `// LAYER n` line, wherever the file has it (some packages put it last).
fn layer_of(text: &str) -> Option<i32> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("// LAYER ")?.trim().parse().ok())
}

/// Each layer's `api.tl` path, or why cargo could not get them (each `0.x` is its own semver
/// line, so one manifest can depend on all of them under other names).
fn fetch(base: &Path) -> Result<BTreeMap<i32, PathBuf>, String> {
    let deps: String = PACKAGES
        .iter()
        .map(|(name, version, layer)| {
            format!(
                "l{layer} = {{ package = \"{name}\", version = \"={version}\", \
                 default-features = false }}\n"
            )
        })
        .collect();
    let wanted: Vec<(&str, &str)> = PACKAGES.iter().map(|&(n, v, _)| (n, v)).collect();
    let dirs = registry_packages(&base.join("fetch"), &deps, &wanted)?;
    let mut layers = BTreeMap::new();
    for (&(_, _, layer), dir) in PACKAGES.iter().zip(dirs) {
        let api = dir.join("tl/api.tl");
        let text = std::fs::read_to_string(&api).map_err(|e| format!("{}: {e}", api.display()))?;
        assert_eq!(layer_of(&text), Some(layer), "{}", api.display());
        layers.insert(layer, api);
    }
    Ok(layers)
}

fn diff(old: &Path, new: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .arg("diff")
        .args([old, new])
        .args(extra)
        .output()
        .expect("run tl-codegen diff");
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().expect("exit status"),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The classification of `old -> new` (from `--json`).
fn api(old: &Path, new: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["--json"];
    args.extend(extra);
    let (_, out) = diff(old, new, &args);
    let mut v: Value = serde_json::from_str(&out).unwrap();
    v["api"].take()
}

fn counts(api: &Value) -> (u64, u64) {
    (
        api["breaking"].as_u64().unwrap(),
        api["compatible"].as_u64().unwrap(),
    )
}

/// The change about TL item `item`, of kind `kind`.
fn change<'a>(api: &'a Value, item: &str, kind: &str) -> &'a Value {
    api["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == item && c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} change of {item}"))
}

#[test]
fn diff_classifies_real_consecutive_layers() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff_layers");
    let layers = match fetch(&base) {
        Ok(layers) => layers,
        Err(why) => return skip_or_fail(&format!("the layers from crates.io: {why}")),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bundled = root.join("schema/api.tl");
    let l = |n: i32| layers[&n].as_path();

    // 222 -> 223, exactly.
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diff_222_223.txt");
    let (status, text) = diff(l(222), l(223), &[]);
    assert_eq!(status, 0, "no --exit-code: status 0");
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&golden, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap();
    assert!(
        text == expected,
        "the diff of layers 222 and 223 differs from {} (UPDATE_GOLDEN=1 rewrites it):\n{text}",
        golden.display()
    );
    let a = api(l(222), l(223), &[]);
    assert_eq!(counts(&a), (25, 35));
    let c = change(&a, "channels.editCreator", "function_removed");
    assert_eq!(c["impact"], "breaking");
    assert_eq!(c["paths"][0], "functions::channels::EditCreator");
    let c = change(&a, "channels.editAdmin.rank", "param_made_optional");
    assert_eq!(c["impact"], "breaking");
    let c = change(&a, "message.from_rank", "optional_param_added");
    assert_eq!(c["impact"], "compatible");
    assert_eq!(c["paths"][0], "types::Message::from_rank");

    // 223 -> 224.
    let a = api(l(223), l(224), &[]);
    assert_eq!(counts(&a), (24, 82));
    let c = change(&a, "dialog.unread_poll_votes_count", "required_param_added");
    assert_eq!(c["impact"], "breaking");
    assert_eq!(
        c["paths"],
        serde_json::json!([
            "types::Dialog::unread_poll_votes_count",
            "types::Dialog::new"
        ])
    );
    let c = change(&a, "inputMediaPoll.correct_answers", "param_retyped");
    assert_eq!(c["impact"], "breaking");

    // 224 -> 225, and with #[non_exhaustive] enums: its four new variants are compatible.
    let a = api(l(224), l(225), &[]);
    assert_eq!(counts(&a), (24, 43));
    let c = change(&a, "topPeerCategoryBotsGuestChat", "constructor_added");
    assert_eq!(c["impact"], "breaking");
    assert_eq!(
        c["paths"],
        serde_json::json!([
            "types::TopPeerCategoryBotsGuestChat",
            "enums::TopPeerCategory::BotsGuestChat"
        ])
    );
    let c = change(
        &a,
        "messages.composeMessageWithAI.change_tone",
        "param_removed",
    );
    assert_eq!(c["impact"], "breaking");
    let a = api(l(224), l(225), &["--non-exhaustive-enums"]);
    assert_eq!(counts(&a), (20, 47));
    let c = change(&a, "topPeerCategoryBotsGuestChat", "constructor_added");
    assert_eq!(c["impact"], "compatible");

    // 229 -> 230 (the bundled layer).
    let a = api(l(229), &bundled, &[]);
    assert_eq!(counts(&a), (13, 117));
    let c = change(&a, "botVerification.description", "param_retyped");
    assert_eq!(c["impact"], "breaking");
    assert!(c["detail"]
        .as_str()
        .unwrap()
        .contains("`TlString` -> `enums::TextWithEntities`"));

    // --exit-code: every pair has breaking changes; a layer against itself has none.
    assert_eq!(diff(l(224), l(225), &["--exit-code"]).0, 1);
    assert_eq!(diff(l(225), l(225), &["--exit-code=any"]).0, 0);
}
