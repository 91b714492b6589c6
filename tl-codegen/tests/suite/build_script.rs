//! `Config` used from a real build script: a scratch crate (path dependencies on this
//! workspace) generates `phone.*` and `messages.getDhConfig` only, `Updates` excluded (so the
//! calls returning it return a `RawObject`), with `arbitrary` and serde derives, a user type
//! for `phoneCall.date` and a field attribute on it, and checks at run time that the bindings
//! round-trip. Its `tl-runtime` has no `calls` feature, so the
//! generated voice-call glue must compile away. Then:
//! 1. appending a constructor to its schema makes the next `cargo build` rerun the build
//!    script and the binary know the constructor;
//! 2. a build with nothing changed does not rerun the build script;
//! 3. a schema error fails the build with the file:line:column of the problem.
//!
//! The scratch crate's target folder stays in `CARGO_TARGET_TMPDIR`, so only the first run
//! compiles the dependencies (a minute or two); later runs take seconds.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use common::{copy_workspace_lock, write_if_changed};

const CARGO_TOML: &str = r#"[package]
name = "tl-scratch"
version = "0.0.0"
edition = "2021"
publish = false

# Not part of any enclosing workspace.
[workspace]

# The derives are checked once, on a schema that never changes: compiling them for every
# schema change would make the rebuild steps slow.
[features]
checks = ["arbitrary", "serde"]
arbitrary = ["dep:arbitrary"]
serde = ["dep:serde", "tl-runtime/serde"]

[dependencies]
# Without the voice-call runtime: the selection has the call items, and their glue must drop
# out cleanly.
tl-runtime = { path = "@ROOT@/tl-runtime", default-features = false }
bytes = "1"
arbitrary = { version = "1.3", features = ["derive"], optional = true }
serde = { version = "1", features = ["derive"], optional = true }

[build-dependencies]
tl-codegen = { path = "@ROOT@/tl-codegen" }

[profile.dev]
debug = 0
"#;

const BUILD_RS: &str = r##"use std::io::Write;

fn main() {
    // One line per run, so the test can tell whether the script ran.
    let runs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("build-runs.log");
    let mut log = std::fs::OpenOptions::new().create(true).append(true).open(runs).unwrap();
    writeln!(log, "run").unwrap();

    // The `checks` build reads a schema the test never touches; the others, one it edits.
    let schema = if std::env::var_os("CARGO_FEATURE_CHECKS").is_some() {
        "schema/fixed/api.tl"
    } else {
        "schema/live/api.tl"
    };
    tl_codegen::Config::new()
        .schema(schema)
        .only(["phone.*", "messages.getDhConfig"])
        // `Updates` reaches most of the schema; the calls returning it return its bytes.
        .exclude(["Updates"])
        .serde(true)
        .arbitrary(true)
        .field_type("phoneCall.date", "crate::UnixTime")
        .field_attribute(
            "phoneCall.date",
            r#"#[cfg_attr(feature = "arbitrary", arbitrary(value = crate::UnixTime(7)))]"#,
        )
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
"##;

const MAIN_RS: &str = r#"//! Checks the selected bindings; with an id as argument, prints its TL name.

pub mod tl {
    tl_runtime::include_bindings!();
}

use tl_runtime::wire::{Deserialize, DeserializeError, Reader, Serialize};

/// A user type for `phoneCall.date`: serializes exactly like the TL `int` it replaces.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UnixTime(pub i32);

impl Serialize for UnixTime {
    fn serialized_len(&self) -> usize {
        self.0.serialized_len()
    }
    fn serialize<B: bytes::BufMut>(&self, out: &mut B) {
        self.0.serialize(out)
    }
}

impl Deserialize for UnixTime {
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        i32::deserialize(reader).map(UnixTime)
    }
}

#[cfg(feature = "checks")]
fn serde_derived<T: serde::Serialize + serde::de::DeserializeOwned>() {}

/// Arbitrary values from pseudo-random bytes survive serializing and deserializing.
#[cfg(feature = "checks")]
fn round_trips<T>(seed: u64) -> T
where
    T: for<'a> arbitrary::Arbitrary<'a> + Serialize + Deserialize + PartialEq + std::fmt::Debug,
{
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let data: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let value = T::arbitrary(&mut arbitrary::Unstructured::new(&data)).unwrap();
    let bytes = value.to_bytes();
    assert_eq!(bytes.len(), value.serialized_len());
    assert_eq!(T::from_bytes(bytes).unwrap(), value);
    value
}

fn main() {
    if let Some(id) = std::env::args().nth(1) {
        let id = u32::from_str_radix(&id, 16).unwrap();
        println!("{}", tl::name_for_id(id).unwrap_or("unknown"));
        return;
    }
    #[cfg(feature = "checks")]
    checks();
    println!("ok");
}

/// The derives and the user type work on the selected bindings.
#[cfg(feature = "checks")]
fn checks() {
    use tl::{enums, functions, types};

    serde_derived::<enums::PhoneCall>();
    serde_derived::<functions::phone::RequestCall>();
    let mut with_bytes = 0;
    for seed in 0..300 {
        let call: types::PhoneCall = round_trips(seed);
        // The field attribute pins arbitrary dates; the user type writes a plain int.
        assert_eq!(call.date, UnixTime(7));
        assert_eq!(&call.to_bytes()[24..28], &7i32.to_le_bytes());
        with_bytes += usize::from(!call.g_a_or_b.is_empty());
        round_trips::<enums::PhoneCall>(seed);
        round_trips::<functions::phone::RequestCall>(seed);
        round_trips::<functions::messages::GetDhConfig>(seed);
        round_trips::<enums::messages::DhConfig>(seed);
    }
    assert!(with_bytes > 100, "bytes generator gave {with_bytes} non-empty values");

    // `phone.discardCall` returns `Updates`, which the selection excludes: its answer is the
    // bytes, kept exactly. `updatesTooLong#e317af7e` is the shortest `Updates`.
    let answer = <functions::phone::DiscardCall as tl_runtime::wire::RemoteCall>::Return::from_bytes(
        0xe317_af7e_u32.to_le_bytes().to_vec(),
    )
    .unwrap();
    let answer: tl_runtime::wire::RawObject = answer;
    assert_eq!(answer.constructor_id(), 0xe317_af7e);
    assert_eq!(answer.to_bytes(), 0xe317_af7e_u32.to_le_bytes());
    println!("checked");
}
"#;

/// The scratch crate's folder and its cargo target folder.
fn scratch() -> (PathBuf, PathBuf) {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build_script");
    (base.join("crate"), base.join("target"))
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Output {
    let started = Instant::now();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    eprintln!("cargo {} took {:.1?}", args.join(" "), started.elapsed());
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn runs(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("build-runs.log"))
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

fn build(dir: &Path, target: &Path, args: &[&str]) {
    let out = cargo(dir, target, &[&["build", "--quiet"], args].concat());
    assert!(out.status.success(), "build failed:\n{}", text(&out.stderr));
}

/// Runs the scratch binary with `args` and returns its output.
fn run(target: &Path, args: &[&str]) -> String {
    let out = Command::new(target.join("debug/tl-scratch"))
        .args(args)
        .output()
        .expect("run tl-scratch");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn build_script_regenerates_exactly_when_the_schema_changes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap();
    let (dir, target) = scratch();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("schema/fixed")).unwrap();
    std::fs::create_dir_all(dir.join("schema/live")).unwrap();
    let write = |path: &str, content: &str| write_if_changed(&dir.join(path), content);
    write(
        "Cargo.toml",
        &CARGO_TOML.replace("@ROOT@", &root.display().to_string()),
    );
    write("build.rs", BUILD_RS);
    write("src/main.rs", MAIN_RS);
    copy_workspace_lock(&dir);
    let api = std::fs::read_to_string(root.join("schema/api.tl")).unwrap();
    write("schema/fixed/api.tl", &api);
    write("schema/live/api.tl", &api);
    let _ = std::fs::remove_file(dir.join("build-runs.log"));

    // The options: arbitrary and serde derives, the user type and the field attribute.
    build(&dir, &target, &["--features", "checks"]);
    assert_eq!(run(&target, &[]), "checked\nok\n");

    // First build of the live schema (an earlier run may have left it edited: the script
    // runs or not, but the bindings must work).
    build(&dir, &target, &[]);
    assert_eq!(run(&target, &[]), "ok\n");
    // Only the selection is there: phone.requestCall yes, messages.sendMessage no.
    assert_eq!(run(&target, &["42ff96ed"]), "phone.requestCall\n");
    assert_eq!(run(&target, &["26cf8950"]), "messages.getDhConfig\n");
    assert_eq!(run(&target, &["fef48f62"]), "unknown\n"); // messages.sendMessage
    assert_eq!(run(&target, &["766ad486"]), "unknown\n");
    let before = runs(&dir);

    // 1. A new constructor of a kept type: the script reruns and the binary knows it. (The
    // file ends with functions: back to the types section first.)
    write(
        "schema/live/api.tl",
        &format!("{api}---types---\nphoneCallScratch#766ad486 id:long note:string = PhoneCall;\n"),
    );
    build(&dir, &target, &[]);
    assert_eq!(runs(&dir), before + 1, "the build script did not rerun");
    assert_eq!(run(&target, &["766ad486"]), "phoneCallScratch\n");
    assert_eq!(run(&target, &[]), "ok\n");

    // 2. Nothing changed: the script does not run, nothing is compiled.
    let out = cargo(&dir, &target, &["build", "-v"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(runs(&dir), before + 1, "the build script reran");
    let log = text(&out.stderr);
    assert!(log.contains("Fresh tl-scratch"), "{log}");
    assert!(!log.contains("build-script-build`"), "{log}");

    // 3. A schema error fails the build, pointing at the file, line and column.
    let broken = format!("{api}---types---\nphoneCallBroken#1 note:Strnig = PhoneCall;\n");
    let line = broken.lines().count();
    write("schema/live/api.tl", &broken);
    let out = cargo(&dir, &target, &["build", "--quiet"]);
    assert!(!out.status.success());
    let log = text(&out.stderr);
    assert!(log.contains("unknown type `Strnig`"), "{log}");
    assert!(
        log.contains(&format!("schema/live/api.tl:{line}:24")),
        "expected schema/live/api.tl:{line}:24 in:\n{log}"
    );
    // Leave the scratch schema valid for the next run.
    write("schema/live/api.tl", &api);
}
