//! `tl-codegen new`, end to end: in a scratch workspace, the command makes the bindings crate,
//! the workspace takes the profile lines it printed, an application beside it depends on it,
//! and `cargo build` + run round-trips a value through the generated bindings. Then an edit
//! of the application alone rebuilds without running the bindings' build script again.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tl_codegen(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("tl-codegen runs")
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

const APP: &str = r#"use bindings::tl_runtime::wire::{Deserialize, Serialize};

fn main() {
    assert_eq!(bindings::name_for_id(0x42ff96ed), Some("phone.requestCall"));
    let protocol = bindings::types::PhoneCallProtocol {
        udp_p2p: true,
        udp_reflector: true,
        min_layer: 65,
        max_layer: 92,
        library_versions: vec!["2.4.4".into()],
    };
    let boxed = bindings::enums::PhoneCallProtocol::from(protocol);
    let bytes = boxed.to_bytes();
    let back = bindings::enums::PhoneCallProtocol::from_bytes(bytes).expect("decodes");
    assert_eq!(back, boxed);
    println!("round trip: ok");
}
"#;

#[test]
fn new_makes_a_bindings_crate_that_a_workspace_builds() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new_crate");
    let _ = std::fs::remove_dir_all(work.join("bindings"));
    let _ = std::fs::remove_dir_all(work.join("app"));
    std::fs::create_dir_all(&work).unwrap();

    let repo = repo();
    let schema = |f: &str| repo.join("schema").join(f).display().to_string();
    let out = tl_codegen(
        &[
            "new",
            "bindings",
            "--schema",
            &schema("api.tl"),
            "--schema",
            &schema("mtproto.tl"),
            "--only",
            "phone.requestCall",
            "--tl-path",
            &repo.display().to_string(),
        ],
        &work,
    );
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "Cargo.toml",
        "build.rs",
        "src/lib.rs",
        "schema/api.tl",
        "schema/mtproto.tl",
        "schema/boxing.lock",
    ] {
        assert!(work.join("bindings").join(file).is_file(), "{file}");
    }
    // The record is made from the full schema (the same as the bundled one), not the selection.
    assert_eq!(
        std::fs::read_to_string(work.join("bindings/schema/boxing.lock")).unwrap(),
        std::fs::read_to_string(repo.join("schema/boxing.lock")).unwrap()
    );
    // The printed profile lines, taken as they are.
    let profile = "[profile.dev.package.bindings]\nincremental = false\n";
    assert!(report.contains(profile), "{report}");
    assert!(
        report.contains("bindings = { path = \"bindings\" }"),
        "{report}"
    );

    // A second `new` into the same folder is refused.
    let again = tl_codegen(&["new", "bindings"], &work);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));

    std::fs::write(
        work.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [\"bindings\", \"app\"]\n\n{profile}"),
    )
    .unwrap();
    if !work.join("Cargo.lock").exists() {
        std::fs::copy(repo.join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    }
    std::fs::create_dir_all(work.join("app/src")).unwrap();
    std::fs::write(
        work.join("app/Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nbindings = { path = \"../bindings\" }\n",
    )
    .unwrap();
    std::fs::write(work.join("app/src/main.rs"), APP).unwrap();

    let run = cargo(&work, &["run", "-p", "app"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&run.stdout).contains("round trip: ok"));

    // The edit loop: a change to the application alone compiles the application only.
    std::fs::write(
        work.join("app/src/main.rs"),
        APP.replace("round trip: ok", "round trip: still ok"),
    )
    .unwrap();
    let run = cargo(&work, &["run", "-p", "app", "-v"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&run.stdout).contains("round trip: still ok"));
    // `-v` prints each command cargo runs: neither the bindings' build script nor their
    // rustc is among them.
    let reran: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.contains("Running `")
                && (l.contains("--crate-name bindings") || l.contains("build-script-build"))
        })
        .collect();
    assert!(reran.is_empty(), "the bindings were rebuilt: {reran:?}");
}
