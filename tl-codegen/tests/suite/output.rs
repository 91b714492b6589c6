//! Properties of the generated file as a whole: the same input gives byte-identical output,
//! and the text is formatted exactly as rustfmt formats it (the full layer with docs, every
//! dialect fixture, TDLib's whole td_api, compat readers).

use crate::common;

use std::path::{Path, PathBuf};

use tl_codegen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The bundled schema, with the repository's docs pages and, when present, the shared docs
/// corpus (many more descriptions and error tables: more kinds of text to lay out).
fn config() -> Config {
    let mut config = Config::new()
        .cargo_output(false)
        .schema(root().join("schema/api.tl"))
        .schema(root().join("schema/mtproto.tl"))
        .docs(root().join("schema/docs"));
    let corpus = root().join("../shared/corpus/madelineproto-docs");
    if corpus.is_dir() {
        config = config.docs(corpus);
    } else {
        println!(
            "{} is missing: testing with the repository's docs only",
            corpus.display()
        );
    }
    config
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    let config = config();
    let first = config
        .generate_string()
        .expect("the bundled schema generates");
    let second = config
        .generate_string()
        .expect("the bundled schema generates");
    assert!(first.code.len() > 1_000_000, "the full layer was generated");
    if first.code != second.code {
        let line = first
            .code
            .lines()
            .zip(second.code.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!("two runs differ, first at line {}", line + 1);
    }
}

/// `code` as rustfmt (edition 2021, default options) formats it, or `None` (after
/// printing why, or failing with `TL_REQUIRE_SHARED=1`) when no rustfmt runs here.
fn rustfmt(code: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_owned());
    let child = Command::new(&program)
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            common::skip_or_fail(&format!("`{program}` does not run here: {e}"));
            return None;
        }
    };
    let mut stdin = child.stdin.take().expect("piped");
    let input = code.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("rustfmt runs");
    writer
        .join()
        .expect("writes")
        .expect("rustfmt reads its input");
    assert!(
        out.status.success(),
        "rustfmt failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8"))
}

/// Fails, showing the first lines that differ, unless rustfmt leaves `code` as it is.
fn assert_rustfmt_keeps(what: &str, code: &str) {
    let Some(formatted) = rustfmt(code) else {
        return;
    };
    if formatted == code {
        return;
    }
    let at = code
        .lines()
        .zip(formatted.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| code.lines().count().min(formatted.lines().count()));
    let around = |text: &str| {
        text.lines()
            .skip(at.saturating_sub(3))
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{what}: rustfmt changes line {}:\n--- generated\n{}\n--- rustfmt\n{}",
        at + 1,
        around(code),
        around(&formatted)
    );
}

#[test]
fn the_full_layer_with_docs_is_formatted_as_rustfmt_formats_it() {
    // Both docs corpora (descriptions and error tables: long text in docs and in string
    // literals), serde and arbitrary (their attributes), the voice-call glue.
    let mut config = config().serde(true).arbitrary(true);
    let errors = root().join("../shared/corpus/madelineproto-docs-layer136-errors");
    if errors.is_dir() {
        config = config.docs(errors);
    }
    let code = config.generate_string().expect("generates").code;
    assert!(code.len() > 1_000_000, "the full layer was generated");
    assert_rustfmt_keeps("the full layer", &code);
}

#[test]
fn every_dialect_fixture_and_the_full_td_api_are_formatted_as_rustfmt_formats_them() {
    let mut schemas: Vec<PathBuf> =
        std::fs::read_dir(root().join("tl-codegen/tests/fixtures/dialects"))
            .expect("the fixtures")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "tl"))
            .collect();
    schemas.sort();
    assert!(schemas.len() >= 5, "the dialect fixtures are there");
    // TDLib's whole td_api (long names: the widest lines of any published dialect).
    if let Some(shared) = common::shared() {
        schemas.push(shared.join("tdlib-1.8.66/td_api.tl"));
    }
    for schema in &schemas {
        let code = Config::new()
            .cargo_output(false)
            .schema(schema)
            .generate_string()
            .unwrap_or_else(|e| panic!("{}: {e}", schema.display()))
            .code;
        assert_rustfmt_keeps(&schema.display().to_string(), &code);
    }
    // And in TDLib's JSON form (`tdlib_json`: other impls, other lines).
    for schema in schemas.iter().filter(|s| s.ends_with("td_api.tl")) {
        let code = Config::new()
            .cargo_output(false)
            .schema(schema)
            .tdlib_json(true)
            .generate_string()
            .unwrap_or_else(|e| panic!("{}: {e}", schema.display()))
            .code;
        assert!(code.contains("impl JsonObject for"), "{}", schema.display());
        assert_rustfmt_keeps(&format!("{} (tdlib_json)", schema.display()), &code);
    }
}

#[test]
fn compat_readers_are_formatted_as_rustfmt_formats_them() {
    let dir = root().join("tl-codegen/tests/fixtures/compat");
    let code = Config::new()
        .cargo_output(false)
        .schema(dir.join("current.tl"))
        .compat_schema(dir.join("layer20.tl"))
        .generate_string()
        .expect("generates")
        .code;
    assert!(
        code.contains("deserialize_bare_layer20"),
        "compat readers were generated"
    );
    assert_rustfmt_keeps("the compat fixture", &code);
}

#[test]
fn options_that_change_the_text_are_formatted_as_rustfmt_formats_it() {
    // A long runtime path (in signatures, impl headers and calls), a selection with
    // `RawObject` answers, user attributes and types, non-exhaustive enums.
    let code = Config::new()
        .cargo_output(false)
        .schema(root().join("schema/api.tl"))
        .schema(root().join("schema/mtproto.tl"))
        .only(["phone.*"])
        .exclude(["Updates"])
        .runtime_path("crate::my_runtime_reexport_with_a_long_name")
        .non_exhaustive_enums(true)
        .type_attribute("#[derive(Hash)]")
        .field_type("phoneCall.date", "crate::UnixTime")
        .serde(true)
        .arbitrary(true)
        .generate_string()
        .expect("generates")
        .code;
    assert!(code.contains("crate::my_runtime_reexport_with_a_long_name::wire::RawObject"));
    assert_rustfmt_keeps("phone.* with options", &code);
}

#[test]
fn lines_stay_within_100_columns() {
    let code = config().generate_string().expect("generates").code;
    // Lines that cannot break: a long name or string with nothing to break around it. (An
    // impl header is as rustfmt keeps it: it measures one without its indent.)
    let long: Vec<&str> = code
        .lines()
        .filter(|l| {
            let text = l.trim_start();
            l.chars().count() > 100
                && !text.starts_with("///")
                && !(text.starts_with("impl") && text.chars().count() <= 100)
        })
        .collect();
    assert!(
        long.len() < 20,
        "{} lines over 100 columns, for example:\n{}",
        long.len(),
        long.iter().take(10).copied().collect::<Vec<_>>().join("\n")
    );
    assert!(
        !code.lines().any(|l| l.ends_with(' ')),
        "no trailing spaces"
    );
}
