//! Docs pages in the generated code: rustdoc, intra-doc links and per-method error enums.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use tl_codegen::Config;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture_schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs/phone_call.tl")
}

fn generate_phone_call(docs: &Path) -> tl_codegen::Generated {
    Config::new()
        .schema(fixture_schema())
        .docs(docs)
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The bundled seed page documents `phone.requestCall`: the generated file (docs, error enum,
/// catalog) is fixed by a golden copy. `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn phone_request_call_golden() {
    let generated = generate_phone_call(&repo().join("schema/docs/phone_requestCall.md"));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/phone_call_docs.rs");
    common::assert_golden(&golden, &generated.code);

    let report = generated.docs.as_ref().expect("docs were given");
    assert_eq!(report.pages, 1);
    assert_eq!(report.params, 3);
    assert_eq!(report.error_rows, 5);
    assert_eq!(generated.error_enums, 1);
    // The 2019 page predates `video` and `random_id`; the schema wins and they are reported.
    let undocumented: Vec<&str> = report
        .mismatches
        .iter()
        .filter(|m| m.kind == tl_codegen::docs::MismatchKind::SchemaParamUndocumented)
        .map(|m| m.subject.as_str())
        .collect();
    assert_eq!(
        undocumented,
        ["phone.requestCall.random_id", "phone.requestCall.video"]
    );
    assert!(report
        .coverage_lines()
        .iter()
        .any(|line| line.starts_with("2 schema parameters without docs")));
    // Coverage is not a build warning unless asked for.
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);

    for needle in [
        "/// Start a telegram phone call\n",
        "returning [`enums::phone::PhoneCall`]. Bots cannot call this method.\n",
        "/// Returned as [`RequestCallError`](errors::phone::RequestCallError), one variant each:",
        "/// | 403 | `USER_PRIVACY_RESTRICTED` | The user's privacy settings do not allow you to do this |",
        "/// [Parameter for E2E encryption key exchange](https://core.telegram.org/api/end-to-end/voice-calls)",
        "/// Phone call settings\n",
        "type Error = errors::phone::RequestCallError;",
        "pub static CATALOG:",
    ] {
        assert!(
            generated.code.contains(needle),
            "generated code lacks {needle:?}"
        );
    }
}

#[allow(dead_code, clippy::all)]
mod golden {
    include!("../golden/phone_call_docs.rs");
}

#[test]
fn golden_code_types_errors_through_remote_call() {
    use tl_runtime::rpc_error::{MethodError, RpcError};
    use tl_runtime::wire::RemoteCall;

    type Error = <golden::functions::phone::RequestCall as RemoteCall>::Error;
    let err = Error::from(RpcError::new(403, "USER_PRIVACY_RESTRICTED"));
    assert_eq!(
        err,
        golden::errors::phone::RequestCallError::UserPrivacyRestricted
    );
    assert_eq!(err.code(), 403);
    assert_eq!(
        err.to_string(),
        "RPC error 403 USER_PRIVACY_RESTRICTED: The user's privacy settings do not allow you to do this"
    );
    let other = Error::from(RpcError::new(420, "FLOOD_WAIT_31"));
    assert!(!other.is_documented());
    assert_eq!(
        other.wait_duration(),
        Some(std::time::Duration::from_secs(31))
    );

    // The page says bots cannot call it: a user's `invoke` takes it, a bot's does not.
    fn user_invoke<F: tl_runtime::wire::UserMethod>(_: &F) {}
    let request = golden::functions::phone::RequestCall {
        video: false,
        user_id: golden::types::InputUser {
            user_id: 1,
            access_hash: 2,
        }
        .into(),
        random_id: 3,
        g_a_hash: vec![0; 32].into(),
        protocol: golden::types::PhoneCallProtocol {
            udp_p2p: true,
            udp_reflector: true,
            min_layer: 65,
            max_layer: 92,
            library_versions: vec![],
        }
        .into(),
    };
    user_invoke(&request);
    struct Probe<T>(std::marker::PhantomData<T>);
    trait NotForBots {
        const FOR_BOTS: bool = false;
    }
    impl<T> NotForBots for Probe<T> {}
    impl<T: tl_runtime::wire::BotMethod> Probe<T> {
        #[allow(dead_code)]
        const FOR_BOTS: bool = true;
    }
    const { assert!(!Probe::<golden::functions::phone::RequestCall>::FOR_BOTS) };

    let catalog = &golden::errors::CATALOG;
    assert_eq!(catalog.len(), 5);
    let hit = catalog
        .lookup(&RpcError::new(400, "USER_ID_INVALID"))
        .unwrap();
    assert_eq!(hit.known.methods, ["phone.requestCall"]);
}

/// The seed as the blame view flattened it, and its clean form, generate the same bytes.
#[test]
fn seed_blame_view_generates_the_same_code() {
    let Some(shared) = common::shared() else {
        return;
    };
    let clean = generate_phone_call(&shared.join("seeds/phone_requestCall.clean.md"));
    let blame = generate_phone_call(&shared.join("seeds/phone_requestCall.blame-view.md"));
    assert!(clean.code == blame.code, "blame view and clean page differ");
    assert_eq!(clean.error_enums, 1);
    // And the bundled copy of the seed is the clean page.
    let bundled = generate_phone_call(&repo().join("schema/docs"));
    assert!(bundled.code == clean.code);
}

/// The README's `build.rs` on the bundled files prints no `cargo:warning` (what `generate`
/// prints is `Generated::warnings`): the known id quirks of Telegram's `mtproto.tl` are
/// recognised, and docs coverage is only reported on request. A real problem still warns.
#[test]
fn bundled_schema_and_docs_build_quietly() {
    let root = repo();
    let config = Config::new()
        .schema(root.join("schema/api.tl"))
        .schema(root.join("schema/mtproto.tl"))
        .docs(root.join("schema/docs"))
        .cargo_output(false);
    let generated = config.generate_string().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        generated.warnings.is_empty(),
        "{:?}",
        generated
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    // On request: one line per kind of mismatch (one page for 2,600 items).
    let coverage = config
        .clone()
        .docs_coverage(true)
        .generate_string()
        .unwrap();
    let lines: Vec<String> = coverage.warnings.iter().map(ToString::to_string).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("schema methods and constructors without a docs page")),
        "{lines:?}"
    );
    // The same quirk on a definition of the user's own is warned about.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("quiet-build");
    std::fs::create_dir_all(&dir).unwrap();
    let schema = dir.join("own.tl");
    std::fs::write(
        &schema,
        "ipPortSecret#37982646 ipv4:int port:int secret:bytes secret2:bytes = IpPort;\n",
    )
    .unwrap();
    let own = Config::new()
        .schema(&schema)
        .cargo_output(false)
        .generate_string()
        .unwrap();
    assert_eq!(own.warnings.len(), 1, "{:?}", own.warnings);
    assert!(own.warnings[0]
        .to_string()
        .contains("keeping the id written"));
}

/// The whole layer with the newest pages (prose) and the layer-136 pages (errors): counts,
/// and a crate holding the output compiles with warnings denied, rustdoc's included (broken
/// intra-doc links, HTML tags, bare URLs).
#[test]
fn full_layer_with_corpus_docs_compiles_and_documents_cleanly() {
    let Some(shared) = common::shared() else {
        return;
    };
    let root = repo();
    let generated = Config::new()
        .schema(root.join("schema/api.tl"))
        .schema(root.join("schema/mtproto.tl"))
        .docs(shared.join("corpus/madelineproto-docs"))
        .docs(shared.join("corpus/madelineproto-docs-layer136-errors"))
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
    let report = generated.docs.as_ref().unwrap();
    println!("{}", generated.summary());
    for line in report.summary_lines() {
        println!("  {line}");
    }
    // Layer 223 pages plus the layer-136 method pages (methods merged by name).
    assert_eq!(report.page_warnings.len(), 0);
    assert!(report.pages >= 757 + 1598 + 603, "{}", report.pages);
    assert_eq!(report.error_rows, 1388);
    // Methods of layer 136 with errors that still exist in layer 230 get an enum.
    assert!(generated.error_enums > 250, "{}", generated.error_enums);
    assert!(generated
        .code
        .contains("type Error = errors::phone::RequestCallError;"));

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("full-layer-docs");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/tl.rs"), &generated.code).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! The full layer with docs.\n#![deny(warnings)]\n#![deny(missing_docs)]\n\
         #![deny(rustdoc::all)]\ninclude!(\"tl.rs\");\n",
    )
    .unwrap();
    let runtime = root.join("tl-runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"full-layer-docs\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\ntl-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file, so that the scratch crate resolves the same versions.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for args in [
        &["check", "--quiet"][..],
        &["doc", "--no-deps", "--quiet"][..],
    ] {
        let out = Command::new(&cargo)
            .args(args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env_remove("RUSTFLAGS")
            .env_remove("RUSTDOCFLAGS")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cargo {args:?} failed on the generated crate:\n{}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(60)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
