//! Properties of the generated file as a whole, on the bundled full layer: the same input
//! gives byte-identical output, and the layout keeps every token as emitted.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use tl_codegen::docs::{load_roots, DocsSet};
use tl_codegen::options::Options;
use tl_codegen::plan::{ErrorFacts, Plan};
use tl_codegen::print::format::print_items;
use tl_codegen::print::{DocProvider, PageDocs, Printer};
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

/// Pairs of punctuation that lex as one operator when written together. (`>>` is left out:
/// closing generics are written `Vec<Vec<u8>>`, and the parser splits it there.)
const MULTI_CHAR_OPS: &[[char; 2]] = &[
    [':', ':'],
    ['-', '>'],
    ['=', '>'],
    ['=', '='],
    ['!', '='],
    ['<', '='],
    ['>', '='],
    ['&', '&'],
    ['|', '|'],
    ['+', '='],
    ['-', '='],
    ['*', '='],
    ['/', '='],
    ['%', '='],
    ['^', '='],
    ['&', '='],
    ['|', '='],
    ['<', '<'],
    ['.', '.'],
    ['<', '-'],
    ['/', '/'],
    ['/', '*'],
    ['*', '/'],
];

/// One token as the compiler sees it: string literals by value (a `#[doc]` attribute and a
/// `///` comment hold the same string, minus trailing spaces that rustdoc ignores), and a
/// punctuation's spacing only where it changes how the text lexes (`<` `<` or `<<`).
fn normalize(stream: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push(open.to_owned());
                normalize(g.stream(), out);
                out.push(close.to_owned());
            }
            TokenTree::Punct(p) => {
                let joint = p.spacing() == Spacing::Joint
                    && match trees.get(i + 1) {
                        Some(TokenTree::Punct(next)) => {
                            MULTI_CHAR_OPS.contains(&[p.as_char(), next.as_char()])
                        }
                        _ => false,
                    };
                out.push(format!("{}{}", p.as_char(), if joint { "+" } else { "" }));
            }
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                match syn::parse_str::<syn::LitStr>(&text) {
                    Ok(s) => out.push(format!("str:{}", s.value().trim_end())),
                    Err(_) => out.push(text),
                }
            }
        }
    }
}

#[test]
fn layout_keeps_every_token() {
    let config = config();
    let (model, _) = config.load().expect("the bundled schema loads");
    let mut roots = vec![root().join("schema/docs")];
    let corpus = root().join("../shared/corpus/madelineproto-docs");
    if corpus.is_dir() {
        roots.push(corpus);
    }
    let docs: DocsSet = load_roots(&roots).expect("docs load");
    let plan = Plan::new(&model, &Options::default(), &ErrorFacts::NONE).expect("plans");
    let provider = PageDocs::new(&docs, &model, &plan);
    let provider: &dyn DocProvider = &provider;
    // Every item's tokens as the printers make them, and the same laid out as text.
    let printer = Printer::new(&model, &plan, provider);
    let mut tokens = TokenStream::new();
    for c in 0..model.constructors.len() {
        tokens.extend(printer.constructor(c));
    }
    for t in 0..model.types.len() {
        tokens.extend(printer.enumeration(t));
    }
    for f in 0..model.functions.len() {
        tokens.extend(printer.function(f));
    }
    let text = print_items(tokens.clone(), 1);

    let parsed: TokenStream = text.parse().expect("the formatted file lexes");
    let (mut before, mut after) = (Vec::new(), Vec::new());
    normalize(tokens, &mut before);
    normalize(parsed, &mut after);
    // The printer adds rustfmt's trailing comma to lists it breaks over lines.
    let drop_trailing_commas = |v: &mut Vec<String>| {
        let mut out = Vec::with_capacity(v.len());
        for (i, t) in v.iter().enumerate() {
            let closes = matches!(v.get(i + 1).map(String::as_str), Some(")" | "]" | "}"));
            if !(t == "," && closes) {
                out.push(std::mem::take(&mut v[i].clone()));
            }
        }
        *v = out;
    };
    drop_trailing_commas(&mut before);
    drop_trailing_commas(&mut after);
    assert!(before.len() > 1_000_000, "the full layer was generated");
    if let Some(at) = before.iter().zip(&after).position(|(a, b)| a != b) {
        let from = at.saturating_sub(8);
        panic!(
            "token {at} differs:\n  emitted:   {:?}\n  formatted: {:?}",
            &before[from..(at + 8).min(before.len())],
            &after[from..(at + 8).min(after.len())]
        );
    }
    assert_eq!(before.len(), after.len(), "as many tokens");
    // And it is Rust: the whole file parses as items.
    syn::parse_file(&text).expect("the formatted file parses");
}

#[test]
fn lines_stay_within_100_columns() {
    let code = config().generate_string().expect("generates").code;
    // Lines that cannot break: a long name or string with nothing to break around it.
    let long: Vec<&str> = code
        .lines()
        .filter(|l| l.chars().count() > 100 && !l.trim_start().starts_with("///"))
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
