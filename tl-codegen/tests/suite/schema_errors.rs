//! Malformed and inconsistent schemas: every problem reported with file, line, column and a
//! caret, several at once, never a panic; and generation is deterministic.

use std::io::Write;
use std::path::PathBuf;

use tl_codegen::{Config, Error};

fn schema_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tl-codegen-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    path
}

fn errors_of(name: &str, text: &str) -> String {
    let path = schema_file(name, text);
    match Config::new()
        .schema(&path)
        .cargo_output(false)
        .generate_string()
    {
        Err(e @ Error::Schema(_)) => e.to_string(),
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(_) => panic!("schema {name} was accepted"),
    }
}

#[test]
fn syntax_errors_are_located_and_all_reported() {
    let text = "ok#00000001 = Ok;\nbad#00000002 x = Bad;\nfine#3 a:int = Fine;\nworse#4 a:int b: = Worse;\n";
    let report = errors_of("syntax.tl", text);
    assert!(report.contains("syntax.tl:2:"), "{report}");
    assert!(report.contains("syntax.tl:4:"), "{report}");
    assert!(report.contains("2 | bad#00000002 x = Bad;"), "{report}");
    assert!(report.contains('^'), "{report}");
    assert!(report.contains("2 error(s)"), "{report}");
}

#[test]
fn resolution_errors() {
    let report = errors_of(
        "resolve.tl",
        "a#1 x:Nope = A;\na#2 = A;\nb#1 = B;\nc#3 flags:# y:other.0?int = C;\nd#5 {X:Type} q:!Y = D;\n",
    );
    assert!(report.contains("unknown type `Nope`"), "{report}");
    assert!(report.contains("resolve.tl:1:7"), "{report}");
    assert!(report.contains("`a` is defined twice"), "{report}");
    assert!(report.contains("already used by `a`"), "{report}");
    assert!(
        report.contains("refers to no earlier `other:#`"),
        "{report}"
    );
    assert!(report.contains("refers to no type parameter"), "{report}");
}

#[test]
fn bad_ids_and_bits() {
    let report = errors_of(
        "ids.tl",
        "a#123456789 = A;\nb#2 flags:# x:flags.32?int = B;\n",
    );
    assert!(report.contains("more than 8 hex digits"), "{report}");
    assert!(
        report.contains("flag bit `32` is not in 0..=31"),
        "{report}"
    );
}

#[test]
fn hostile_text_does_not_panic() {
    let deep = format!(
        "a#1 x:{}int{} = A;",
        "Vector<".repeat(10_000),
        ">".repeat(10_000)
    );
    let report = errors_of("deep.tl", &deep);
    // Either pest's own stack guard or our depth limit stops it, with a location.
    assert!(
        report.contains("nest deeper") || report.contains("stack limit"),
        "{report}"
    );
    assert!(report.contains("deep.tl:1:"), "{report}");
    for text in [
        "\u{0}\u{1}garbage;;;",
        "=;",
        "a#",
        "{X:Type}",
        "---functions---\n=",
        "a b c",
    ] {
        let _ = errors_of("garbage.tl", text);
    }
}

#[test]
fn output_is_deterministic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let run = || {
        Config::new()
            .schema(root.join("mtproto.tl"))
            .cargo_output(false)
            .generate_string()
            .unwrap()
            .code
    };
    assert_eq!(run(), run());
}

/// Thousands of mismatching ids on one long line give a bounded list of warnings, without
/// the line copied into each.
#[test]
fn id_mismatch_warnings_are_capped() {
    let line: String = (0..3000)
        .map(|i| format!("c{i}#{:08x} x:int = T{i}; ", i + 1))
        .collect();
    let path = schema_file("id_cap.tl", &line);
    let (_, warnings) = Config::new()
        .schema(&path)
        .cargo_output(false)
        .load()
        .unwrap();
    assert_eq!(warnings.len(), 101);
    assert_eq!(
        warnings[100].message,
        "2900 more definitions whose id differs from their hash"
    );
    assert!(warnings[0].location.is_some());
    assert!(
        warnings[0].source_line.is_none(),
        "a 60 KB line is not quoted"
    );
}
