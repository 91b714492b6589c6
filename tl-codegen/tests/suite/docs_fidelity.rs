//! The rustdoc generated from docs pages says what the pages say, word for word.
//!
//! Over every page of both shared corpora: the full layer is generated with them, the
//! generated file is parsed, and the plain text of each doc comment (markdown read by
//! pulldown-cmark: links reduced to their text, code spans to their content) is compared with
//! the plain text the reader extracted for that item. Descriptions open the item's doc and
//! are followed by generated text; a field's doc is the parameter's description and nothing
//! else.

use crate::common;

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use tl_codegen::docs::{DocsSet, RichText, Span};
use tl_codegen::plan::names::field_name;
use tl_codegen::Config;

/// Doc comments of the generated file: item path (`types::phone::PhoneCall`) -> doc, and
/// `path.field` -> doc.
#[derive(Default)]
struct Docs {
    items: HashMap<String, String>,
    fields: HashMap<String, String>,
    /// `path.field` -> the struct in its `Option<...>`, for fields that hold a group of
    /// parameters sharing a flag bit (`types::MessageViewsFields`).
    groups: HashMap<String, String>,
}

/// The path of `S` in a field of type `Option<S>`, written from the root (`types::X`).
fn option_struct(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(inner))) = args.args.first() else {
        return None;
    };
    let segments: Vec<String> = inner
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    (segments.len() > 1).then(|| segments.join("::"))
}

fn doc_of(attrs: &[syn::Attribute]) -> String {
    let mut out = String::new();
    for attr in attrs {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if nv.path.is_ident("doc") {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                {
                    let line = s.value();
                    out.push_str(line.strip_prefix(' ').unwrap_or(&line));
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn collect(items: &[syn::Item], module: &str, docs: &mut Docs) {
    for item in items {
        match item {
            syn::Item::Mod(m) => {
                let path = if module.is_empty() {
                    m.ident.to_string()
                } else {
                    format!("{module}::{}", m.ident)
                };
                if let Some((_, inner)) = &m.content {
                    collect(inner, &path, docs);
                }
            }
            syn::Item::Struct(s) => {
                let path = format!("{module}::{}", s.ident);
                for f in &s.fields {
                    if let Some(name) = &f.ident {
                        let name = name.to_string();
                        let name = name.strip_prefix("r#").unwrap_or(&name);
                        let key = format!("{path}.{name}");
                        if let Some(group) = option_struct(&f.ty) {
                            docs.groups.insert(key.clone(), group);
                        }
                        docs.fields.insert(key, doc_of(&f.attrs));
                    }
                }
                docs.items.insert(path, doc_of(&s.attrs));
            }
            syn::Item::Enum(e) => {
                docs.items
                    .insert(format!("{module}::{}", e.ident), doc_of(&e.attrs));
            }
            _ => {}
        }
    }
}

/// The words of a rustdoc comment as a reader sees them: text and code, links as their text
/// (intra-doc links such as ``[`Update`]`` too, which rustdoc resolves), emphasis as the text
/// emphasized, list items after `-` or their number.
fn rendered_words(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let intra_doc = |_: pulldown_cmark::BrokenLink<'_>| Some(("intra-doc".into(), "".into()));
    let parser = Parser::new_with_broken_link_callback(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES,
        Some(intra_doc),
    );
    for event in parser {
        match event {
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => match lists.last_mut() {
                Some(Some(n)) => {
                    text.push_str(&format!(" {n}. "));
                    *n += 1;
                }
                _ => text.push_str(" - "),
            },
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Paragraph | Tag::TableCell | Tag::CodeBlock(_))
            | Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::TableCell) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().map(str::to_owned).collect()
}

fn page_words(text: &RichText) -> Vec<String> {
    text.plain().split_whitespace().map(str::to_owned).collect()
}

/// Where two word sequences first part, for the failure message.
fn first_difference(expected: &[String], found: &[String]) -> String {
    let i = expected
        .iter()
        .zip(found)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(found.len()));
    let around = |w: &[String]| w[i.saturating_sub(4)..(i + 4).min(w.len())].join(" ");
    format!(
        "at word {i}: page `{}` | rustdoc `{}`",
        around(expected),
        around(found)
    )
}

struct Tally {
    checked: usize,
    lines: usize,
    differing: Vec<String>,
}

impl Tally {
    /// `found` must start with `expected` (and, when `whole`, be nothing else).
    fn check(&mut self, what: &str, expected: &RichText, found: Option<&String>, whole: bool) {
        let expected_words = page_words(expected);
        if expected_words.is_empty() {
            return;
        }
        self.checked += 1;
        self.lines += expected
            .plain()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        let Some(found) = found else {
            self.differing.push(format!("{what}: no generated item"));
            return;
        };
        let found_words = rendered_words(found);
        let ok = if whole {
            found_words == expected_words
        } else {
            found_words.len() > expected_words.len()
                && found_words[..expected_words.len()] == expected_words[..]
        };
        if !ok {
            self.differing.push(format!(
                "{what}: {}",
                first_difference(&expected_words, &found_words)
            ));
        }
    }
}

#[test]
fn rustdoc_keeps_the_words_of_every_page() {
    let Some(shared) = common::shared() else {
        return;
    };
    let repo = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let config = Config::new()
        .schema(format!("{repo}/schema/api.tl"))
        .schema(format!("{repo}/schema/mtproto.tl"))
        .docs(shared.join("corpus/madelineproto-docs"))
        .docs(shared.join("corpus/madelineproto-docs-layer136-errors"))
        .cargo_output(false);
    let docs: DocsSet = config.load_docs().unwrap().expect("docs were given");
    let generated = config.generate_string().unwrap_or_else(|e| panic!("{e}"));
    let file = syn::parse_file(&generated.code).expect("the generated file parses");
    let mut rust = Docs::default();
    collect(&file.items, "", &mut rust);

    let model = &generated.model;
    let paths = &generated.paths;
    let mut tally = Tally {
        checked: 0,
        lines: 0,
        differing: Vec::new(),
    };
    let items = model
        .constructors
        .iter()
        .zip(&paths.constructors)
        .map(|(c, p)| {
            (
                c,
                p,
                docs.constructors
                    .get(&c.name.to_string())
                    .map(|d| (&d.description, &d.params)),
            )
        })
        .chain(model.functions.iter().zip(&paths.functions).map(|(f, p)| {
            (
                f,
                p,
                docs.methods
                    .get(&f.name.to_string())
                    .map(|d| (&d.description, &d.params)),
            )
        }));
    for (item, path, page) in items {
        let Some((description, params)) = page else {
            continue;
        };
        let name = item.name.to_string();
        if let Some(d) = description {
            tally.check(&name, d, rust.items.get(path), false);
        }
        for param in params {
            let (Some(d), Some(_)) = (
                &param.description,
                item.params.iter().find(|p| p.name == param.name),
            ) else {
                continue;
            };
            // Parameters sharing a flag bit are fields of a group struct, held by a field
            // of the item named after one of them; a `true` flag on such a bit is a method,
            // not a field (not looked up here).
            let field = field_name(&param.name);
            let direct = format!("{path}.{field}");
            let in_group = item.params.iter().find_map(|p| {
                let group = rust
                    .groups
                    .get(&format!("{path}.{}", field_name(&p.name)))?;
                let key = format!("{group}.{field}");
                rust.fields.contains_key(&key).then_some(key)
            });
            let key = match in_group {
                Some(key) => key,
                None if rust.groups.contains_key(&direct) => continue,
                None => direct,
            };
            if let Some(found) = rust.fields.get(&key) {
                tally.check(&format!("{name}.{}", param.name), d, Some(found), true);
            }
        }
    }
    for (t, path) in model.types.iter().zip(&paths.types) {
        if let Some(d) = docs
            .types
            .get(&t.name.to_string())
            .and_then(|d| d.description.as_ref())
        {
            tally.check(&t.name.to_string(), d, rust.items.get(path), false);
        }
    }
    // Pages without prose are left undescribed rather than described by the site's stock
    // line, and notes on MadelineProto's PHP API are not about these bindings. (Errors
    // tables are the server's errors, quoted as documented.)
    for doc in rust.items.values().chain(rust.fields.values()) {
        let doc = doc.split("\n# Errors\n").next().unwrap_or(doc);
        for stock in [
            "parameters, return type and example",
            "attributes, type and example",
            "constructors and methods of type",
            "MadelineProto",
            "madelineproto.xyz",
        ] {
            assert!(!doc.contains(stock), "{stock:?} in the doc comment {doc:?}");
        }
    }
    println!(
        "{} doc comments ({} lines of page text) checked against the pages; {} differ",
        tally.checked,
        tally.lines,
        tally.differing.len()
    );
    assert!(tally.checked > 4000, "only {} checked", tally.checked);
    assert!(
        tally.differing.is_empty(),
        "{} doc comments differ from their pages, e.g.:\n{}",
        tally.differing.len(),
        tally.differing[..tally.differing.len().min(20)].join("\n")
    );
}

/// The reader keeps lists and emphasis, so the comparison above sees them.
#[test]
fn lists_and_emphasis_of_a_page_are_read() {
    let Some(shared) = common::shared() else {
        return;
    };
    let docs = tl_codegen::docs::load_roots(&[shared.join("corpus/madelineproto-docs")]).unwrap();
    let channel = docs.constructors["channel"].description.as_ref().unwrap();
    let items = channel
        .spans()
        .iter()
        .filter(|s| matches!(s, Span::Item { .. }))
        .count();
    assert!(items >= 30, "{items} list items in channel's description");
    assert!(channel.plain().contains("`title`") || channel.plain().contains("title"));
    let mask = docs.constructors["maskCoords"]
        .description
        .as_ref()
        .unwrap();
    assert!(
        mask.plain().contains("Relative to the chin"),
        "{}",
        mask.plain()
    );
}
