//! Helpers shared by the tests: the shared material, and scratch crates.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Writes `text` to `path` unless the file already holds it: an unchanged file keeps its
/// timestamp, so cargo does not rebuild a scratch crate for it and repeated runs stay fast.
pub fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// Gives the scratch crate in `dir` this workspace's lock file, unless it has one already:
/// the same dependency versions, already downloaded.
pub fn copy_workspace_lock(dir: &Path) {
    if !dir.join("Cargo.lock").exists() {
        let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
        std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
    }
}

/// The shared test material folder, or `None` (after printing why) when it is missing and
/// `TL_REQUIRE_SHARED=1` is not set. With `TL_REQUIRE_SHARED=1` a missing folder fails the test.
pub fn shared() -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared"));
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("TL_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "shared test material not found at {} and TL_REQUIRE_SHARED=1",
            path.display()
        );
    }
    eprintln!(
        "skipping: shared test material not found at {} (set TL_REQUIRE_SHARED=1 to fail instead)",
        path.display()
    );
    None
}

/// Flattens a page the way the web blame view did: every line is followed by a lone `|`
/// gutter line and preceded by three more (the first line only by three), a date stamp opens
/// every hunk (here: every `hunk`-th line), leading and repeated whitespace is collapsed, and
/// blank lines are dropped (their gutter lines stay).
pub fn flatten_blame(text: &str, hunk: usize) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("|\n");
        }
        if i % hunk.max(1) == 0 {
            out.push_str(&format!(
                "20{:02}-0{}-1{} 1{}:48:04 +01:00\n",
                10 + i % 80,
                1 + i % 9,
                i % 10,
                i % 10
            ));
        }
        out.push_str("|\n|\n|\n");
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            out.push_str(&collapsed);
            out.push('\n');
        }
    }
    out.push_str("|\n");
    out
}

/// The folders of registry packages, fetched by cargo into its cache with `cargo metadata`
/// on a scratch manifest in `dir` that depends on all of them (`deps` is its
/// `[dependencies]` table, one `alias = { package = ..., version = "=x.y.z" }` line each).
/// Returns each package's folder by `(name, version)`, or why cargo could not get them.
pub fn registry_packages(
    dir: &Path,
    deps: &str,
    wanted: &[(&str, &str)],
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).unwrap();
    let manifest = format!(
        "[package]\nname = \"tl-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n{deps}"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("lib.rs"), "").unwrap();
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1"])
        .current_dir(dir)
        .output()
        .expect("run cargo metadata");
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    wanted
        .iter()
        .map(|&(name, version)| {
            let manifest = json["packages"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == name && p["version"] == version)
                .and_then(|p| p["manifest_path"].as_str())
                .ok_or_else(|| format!("{name} {version} is not in the metadata"))?;
            Ok(Path::new(manifest).parent().unwrap().to_path_buf())
        })
        .collect()
}

/// Skips (printing why) unless `TL_REQUIRE_SHARED=1`, when it fails instead: for tests that
/// need what the machine may not have (the registry, the shared material).
pub fn skip_or_fail(why: &str) {
    if std::env::var("TL_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("{why} (and TL_REQUIRE_SHARED=1)");
    }
    eprintln!("skipping: {why}");
}

/// Fails unless `code` is the golden file at `golden` (a path under `tests/golden/`);
/// `UPDATE_GOLDEN=1` rewrites the file first, for review in the diff.
pub fn assert_golden(golden: &Path, code: &str) {
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(golden, code).unwrap();
    }
    let expected = std::fs::read_to_string(golden).unwrap();
    assert!(
        code == expected,
        "generated code differs from {}; rerun with UPDATE_GOLDEN=1 and review the diff",
        golden.display()
    );
}
