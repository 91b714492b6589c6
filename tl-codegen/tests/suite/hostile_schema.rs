//! Hostile schema and docs input: garbage, binary data, invalid UTF-8, a 10 MB line, 10^5
//! definitions, nesting 10^4 deep, self-referential types. Each gives a located error or a
//! correct result; never a panic or a stack overflow, and the work stays linear: a
//! quadratic path on these sizes would take hours, so each case runs under a watchdog.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tl_codegen::diagnostic::Diagnostic;
use tl_codegen::schema::{parse_schema, MAX_NESTING, MAX_TYPE_DEPTH};
use tl_codegen::{Config, Error};

/// Runs `f` on a thread with a 2 MiB stack (as test threads have), so that a recursion that is
/// not bounded shows up as a crash, and fails if it takes longer than `limit` (the watchdog
/// against super-linear work).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    let value = rx
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still running (or crashed) after {limit:?}"));
    println!("took {:?}", start.elapsed());
    value
}

const WATCHDOG: Duration = Duration::from_secs(120);

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tl-codegen-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = temp_path(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn load(path: &Path) -> Result<usize, Error> {
    Config::new()
        .schema(path)
        .cargo_output(false)
        .load()
        .map(|(model, _)| model.constructors.len() + model.functions.len())
}

fn schema_errors(result: Result<usize, Error>) -> Vec<Diagnostic> {
    match result {
        Err(Error::Schema(d)) => d.0.into_iter().filter(Diagnostic::is_error).collect(),
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(n) => panic!("accepted ({n} items)"),
    }
}

/// What an error report holds must not grow with the input: excerpts are cut, and at most
/// [`MAX_ERRORS`] errors (plus a summary) are kept per file.
fn assert_bounded(diags: &[Diagnostic]) {
    assert!(diags.len() <= 102, "{} diagnostics", diags.len());
    let kept: usize = diags
        .iter()
        .map(|d| d.message.len() + d.source_line.as_ref().map_or(0, String::len))
        .sum();
    assert!(kept < 200_000, "{kept} bytes of diagnostics");
}

#[test]
fn binary_and_invalid_utf8_files_are_io_errors_with_the_offset() {
    let mut bytes = b"a#1 = A;\n".to_vec();
    bytes.extend([0xff, 0xfe, 0x00, 0x80]);
    let path = write("binary.tl", &bytes);
    match load(&path) {
        Err(e @ Error::Io { .. }) => {
            let text = e.to_string();
            assert!(text.contains("not UTF-8"), "{text}");
            assert!(text.contains("offset 9"), "{text}");
        }
        other => panic!("{:?}", other.map_err(|e| e.to_string())),
    }
}

#[test]
fn garbage_text_is_located_errors_and_never_a_panic() {
    // Deterministic pseudo-random printable and control characters, with `;` among them so
    // that there are many bad statements.
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    let alphabet: Vec<char> = "ab#:;=<>(){}[]!%?.0123456789 \n\t\u{0}\u{7f}é/*-"
        .chars()
        .collect();
    for round in 0..50 {
        let text: String = (0..2_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize]
            })
            .collect();
        let (_, diags) = parse_schema(Path::new("garbage.tl"), &text);
        for d in &diags {
            let loc = d.location.as_ref().expect("located");
            assert!(loc.line >= 1 && loc.column >= 1, "round {round}: {d}");
        }
        // Whatever parsed must also resolve or fail cleanly.
        let path = write("garbage.tl", text.as_bytes());
        let _ = load(&path);
    }
}

#[test]
fn megabytes_on_one_line() {
    // One 10 MB statement that never ends: one error.
    let endless = "a".repeat(10 << 20) + " b c";
    let path = write("endless.tl", endless.as_bytes());
    let diags = within(WATCHDOG, move || schema_errors(load(&path)));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_bounded(&diags);

    // 28 000 valid definitions on one 2 MB line: a correct result (each definition's
    // comments are looked up without scanning the line back to its start).
    let mut line = String::with_capacity(3 << 20);
    let mut i = 0;
    while line.len() < 2 << 20 {
        line.push_str(&format!(
            "c{i} a:int b:long c:string d:Vector<int> e:bytes f:double = T{};",
            i % 1000
        ));
        i += 1;
    }
    let defs = i as usize;
    let path = write("one_line.tl", line.as_bytes());
    let items = within(WATCHDOG, move || load(&path).map_err(|e| e.to_string()));
    assert_eq!(items, Ok(defs));

    // 130 000 bad statements on one 1 MB line: a bounded report.
    let bad = "x y z ; ".repeat((1 << 20) / 8);
    let path = write("bad_line.tl", bad.as_bytes());
    let diags = within(WATCHDOG, move || schema_errors(load(&path)));
    assert_bounded(&diags);
    assert!(diags
        .last()
        .unwrap()
        .message
        .contains("more error(s) not shown"));
    let first = diags[0].location.as_ref().unwrap();
    assert_eq!((first.line, first.column), (1, 3));
}

#[test]
fn a_hundred_thousand_definitions() {
    let mut text = String::from("---types---\n");
    for i in 0..100_000u32 {
        text.push_str(&format!(
            "item{i} flags:# a:flags.0?int b:Vector<long> next:Item{} = Item{};\n",
            (i + 1) % 100_000,
            i
        ));
    }
    let path = write("many.tl", text.as_bytes());
    let items = within(WATCHDOG, move || load(&path).map_err(|e| e.to_string()));
    assert_eq!(items, Ok(100_000));

    // 20 000 errors: the first MAX_ERRORS are reported, then a count of the rest.
    let text: String = (0..20_000)
        .map(|i| format!("bad{i} x:Missing{i} = Bad;\n"))
        .collect();
    let path = write("many_errors.tl", text.as_bytes());
    let diags = within(WATCHDOG, move || schema_errors(load(&path)));
    assert_bounded(&diags);
    assert!(
        diags[0].message.contains("unknown type `Missing0`"),
        "{}",
        diags[0]
    );
    assert!(diags
        .last()
        .unwrap()
        .message
        .contains("19900 more error(s) not shown"));
}

#[test]
fn nesting_ten_thousand_deep() {
    let depth = 10_000;
    let cases = [
        format!(
            "a#1 x:{}int{} = A;\nb#2 = B;\n",
            "Vector<".repeat(depth),
            ">".repeat(depth)
        ),
        format!(
            "a#1 x:{}int{} = A;\nb#2 = B;\n",
            "(vector ".repeat(depth),
            ")".repeat(depth)
        ),
        format!("a#1 {} = A;\nb#2 = B;\n", "{".repeat(depth)),
        format!("a#1 x:int = A;\nb#2 x:{}", "Vector<".repeat(depth)),
    ];
    for (i, text) in cases.into_iter().enumerate() {
        let diags = within(WATCHDOG, move || {
            let path = write(&format!("deep{i}.tl"), text.as_bytes());
            schema_errors(load(&path))
        });
        assert!(
            diags[0].message.contains("nest deeper"),
            "case {i}: {}",
            diags[0]
        );
        let loc = diags[0].location.as_ref().unwrap();
        assert!(loc.line <= 2, "case {i}: {}", diags[0]);
        // The statement after the deep one still parses (case 3 has the deep one last).
        if i < 3 {
            assert_eq!(diags.len(), 1, "case {i}: {diags:?}");
        }
    }
    // Just within the limits: a correct result.
    let ok = format!(
        "a#1 x:{}int{} = A;\n",
        "Vector<".repeat(MAX_TYPE_DEPTH),
        ">".repeat(MAX_TYPE_DEPTH)
    );
    let path = write("deep_ok.tl", ok.as_bytes());
    assert_eq!(load(&path).map_err(|e| e.to_string()), Ok(1));
    // Past the type depth but within the bracket limit (`MAX_NESTING` is twice the type
    // depth): the type depth error.
    const _: () = assert!(MAX_TYPE_DEPTH + 2 < MAX_NESTING);
    let over = format!(
        "a#1 x:{}int{} = A;\n",
        "Vector<".repeat(MAX_TYPE_DEPTH + 2),
        ">".repeat(MAX_TYPE_DEPTH + 2)
    );
    let path = write("deep_over.tl", over.as_bytes());
    let diags = schema_errors(load(&path));
    assert!(
        diags[0].message.contains("generic arguments nest deeper"),
        "{}",
        diags[0]
    );
}

#[test]
fn self_referential_and_cyclic_types() {
    // Through boxed types: fine (boxed in Rust, depth-limited when read).
    let text = "a#1 x:A = A;\nb#2 c:C = B;\nc#3 b:B d:Vector<C> = C;\nleaf#4 = C;\n";
    let code = Config::new()
        .schema(write("cycle_ok.tl", text.as_bytes()))
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    assert!(code.contains("pub x: Box<enums::A>"), "the cycle is boxed");

    // Through bare types only: no depth bound when reading, so an error naming it.
    for (name, text, culprit, line) in [
        ("bare_self.tl", "a#1 x:%A = A;\n", "`a` contains itself", 1),
        (
            "bare_vec.tl",
            "node#1 children:vector<node> = Node;\n",
            "`node` contains itself",
            1,
        ),
        (
            "bare_pair.tl",
            "p#1 q:%Q = P;\nq#2 ps:Vector<%P> = Q;\n",
            "`p` contains itself",
            1,
        ),
    ] {
        let diags = schema_errors(load(&write(name, text.as_bytes())));
        assert_eq!(diags.len(), 1, "{name}: {diags:?}");
        assert!(diags[0].message.contains(culprit), "{name}: {}", diags[0]);
        assert_eq!(
            diags[0].location.as_ref().unwrap().line,
            line,
            "{name}: {}",
            diags[0]
        );
    }
}

#[test]
fn hostile_docs_pages_never_panic() {
    use tl_codegen::docs::{parse_page, DocsSet};
    let deep_list: String = (0..10_000)
        .map(|i| format!("{}- x\n", " ".repeat(2 * (i % 500))))
        .collect();
    let pages = [
        "---\ntitle: \0\0\0\n---\n".to_owned(),
        "\u{feff}---\n---\n---\n".to_owned(),
        ">".repeat(10_000) + " deep quote",
        "[".repeat(3_000) + &"]".repeat(3_000),
        "| a |\n|---|\n".to_owned() + &"| x |\n".repeat(10_000),
        deep_list,
        "#".repeat(1 << 20),
        "`".repeat(100_000),
        "<table>".repeat(10_000),
    ];
    for page in pages {
        within(WATCHDOG, move || {
            let _ = parse_page(&page, Path::new("hostile.md"));
        });
    }
    // A binary file, invalid UTF-8, and a file above the size limit: warnings, no panic.
    let mut set = DocsSet::new();
    set.add_file(&write("binary.md", &[0xff, 0x00, 0xfe, b'#', 0x80]));
    set.add_file(&write("big.md", &vec![b'a'; 5 << 20]));
    assert!(set.warnings.len() >= 2, "{:?}", set.warnings);
}
