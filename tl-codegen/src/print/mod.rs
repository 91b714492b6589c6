//! The printers: Rust code from the [`Plan`], one item at a time, written as formatted text.
//!
//! [`generate`] prints the modules of the file on as many threads as there are cores (each
//! item's code is a function of the plan and the item), then joins the pieces in order. The
//! docs of each item come from a [`DocProvider`]. Text goes through a [`Writer`], which lays
//! it out as rustfmt would.

mod body;
mod constructor;
mod doc_pages;
mod enumeration;
pub mod errors;
mod function;
mod markdown;
mod printer;
mod root;
mod writer;

pub use doc_pages::PageDocs;
pub use printer::Printer;
pub use writer::{ident, Writer, MAX_WIDTH};

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::extension::Extension;
use crate::plan::{Plan, Root};

use crate::docs::ErrorDoc;
use crate::model::{Item, Model};

/// Where generated items get their documentation from.
///
/// [`SchemaDocs`] documents from the schema alone (definition text, comments); [`PageDocs`]
/// adds what docs pages say: descriptions, parameter docs and the errors of each method.
pub trait DocProvider: Sync {
    /// Docs of a constructor struct. `type_path` is the rustdoc path of its enum.
    fn constructor_doc(&self, item: &Item, type_path: &str) -> String;
    /// Docs of a boxed type's enum.
    fn type_doc(&self, tl_name: &str) -> String;
    /// Docs of a boxed type's enum, given its constructors (TDLib's schema describes a type
    /// in a `//@class` comment next to them). By default [`type_doc`](Self::type_doc).
    fn enum_doc(&self, tl_name: &str, constructors: &[&Item]) -> String {
        let _ = constructors;
        self.type_doc(tl_name)
    }
    /// Docs of a function struct; `return_type` is the return type as rustdoc text and
    /// `error_type` the rustdoc path of its error type.
    fn function_doc(&self, item: &Item, return_type: &str, error_type: &str) -> String;
    /// Docs of parameter `param` of `item`.
    fn param_doc(&self, item: &Item, param: usize) -> Option<String>;
    /// The documented errors of a function; a method with any gets its own error enum.
    fn method_errors(&self, item: &Item) -> &[ErrorDoc];
    /// Every error the docs know, for `errors::CATALOG`: `(method, errors)` for every method
    /// documented (also methods the schema no longer has: the server still sends their
    /// errors), and `(None, errors)` for errors documented on their own. By default none.
    fn catalog_errors(&self) -> Vec<(Option<&str>, &[ErrorDoc])> {
        Vec::new()
    }
    /// Whether users, and whether bots, may call a function (`None`: not documented). By
    /// default unknown.
    fn audience(&self, item: &Item) -> (Option<bool>, Option<bool>) {
        let _ = item;
        (None, None)
    }
}

/// Documentation from the schema text only.
#[derive(Debug, Clone, Copy, Default)]
pub struct SchemaDocs;

/// `what`, between the schema's comments on `item` (or its `//@description`, for TDLib-style
/// comments) and its definition.
fn schema_doc(item: &Item, what: String) -> String {
    let mut out = String::new();
    if let Some(description) = &item.doc.description {
        out.push_str(&escape_schema_text(description));
        out.push_str("\n\n");
    } else if item.doc.is_empty() {
        for c in &item.comments {
            out.push_str(c);
            out.push('\n');
        }
        if !item.comments.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&what);
    out.push_str("\n\n```tl\n");
    out.push_str(&item.definition);
    out.push_str("\n```");
    out
}

impl DocProvider for SchemaDocs {
    fn constructor_doc(&self, item: &Item, type_path: &str) -> String {
        let ty = match type_path.rsplit("::").next() {
            Some(short) if !type_path.is_empty() => format!("[`{short}`]({type_path})"),
            _ => "its type".to_owned(),
        };
        schema_doc(item, format!("Constructor `{}` of {ty}.", item.name))
    }

    fn type_doc(&self, tl_name: &str) -> String {
        format!("The boxed type `{tl_name}`: one variant per constructor.")
    }

    fn enum_doc(&self, tl_name: &str, constructors: &[&Item]) -> String {
        let base = self.type_doc(tl_name);
        match constructors
            .iter()
            .find_map(|c| c.doc.type_description.as_deref())
        {
            Some(description) => format!("{}\n\n{base}", escape_schema_text(description)),
            None => base,
        }
    }

    fn function_doc(&self, item: &Item, return_type: &str, _error_type: &str) -> String {
        schema_doc(
            item,
            format!("Function `{}`, returning {return_type}.", item.name),
        )
    }

    fn param_doc(&self, item: &Item, param: usize) -> Option<String> {
        let text = item.doc.params.get(param)?.as_deref()?;
        Some(escape_schema_text(text))
    }

    fn method_errors(&self, _item: &Item) -> &[ErrorDoc] {
        &[]
    }
}

/// Schema comment text as Markdown that renders as written: the characters rustdoc would read
/// as emphasis, links, HTML or code are escaped.
fn escape_schema_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The first line of every generated file.
pub const HEADER: &str =
    "// @generated by tl-codegen. Do not edit: change the schema or the docs pages instead.\n\n";

/// One item of a module, to print.
#[derive(Debug, Clone, Copy)]
enum Job {
    Constructor(usize),
    Enum(usize),
    Function(usize),
    ErrorEnum(usize),
    Catalog,
    RpcErrorConversion,
}

/// Items per piece of work: small enough that the threads finish together, large enough
/// that a piece is worth a thread's setup.
const JOB_ITEMS: usize = 256;

/// The whole file for `model` as planned by `plan`, documented by `docs`, with what each
/// extension adds at the end.
pub fn generate<'a>(
    model: &Model,
    plan: &'a Plan,
    docs: &dyn DocProvider,
    extensions: &[&dyn Extension],
) -> String {
    // The module tree: root -> namespace -> items, in the order they are printed.
    let mut tree: BTreeMap<Root, BTreeMap<Option<&str>, Vec<Job>>> = BTreeMap::new();
    let mut push = |root: Root, module: Option<&'a str>, job: Job| {
        tree.entry(root)
            .or_default()
            .entry(module)
            .or_default()
            .push(job);
    };
    for (f, function) in plan.functions.iter().enumerate() {
        if let Some(path) = &function.error_enum {
            push(Root::Errors, path.module.as_deref(), Job::ErrorEnum(f));
        }
    }
    if plan.errors_module {
        push(Root::Errors, None, Job::Catalog);
    }
    for (c, s) in plan.constructors.iter().enumerate() {
        push(Root::Types, s.path.module.as_deref(), Job::Constructor(c));
    }
    for (t, e) in plan.types.iter().enumerate() {
        push(Root::Enums, e.path.module.as_deref(), Job::Enum(t));
    }
    for (f, function) in plan.functions.iter().enumerate() {
        push(
            Root::Functions,
            function.strukt.path.module.as_deref(),
            Job::Function(f),
        );
    }
    if let Some(rpc) = &plan.rpc_error {
        let module = plan.constructors[rpc.ctor].path.module.as_deref();
        push(Root::Types, module, Job::RpcErrorConversion);
    }

    // Pieces of work, in output order: (jobs, indent).
    let mut pieces: Vec<(&[Job], usize)> = Vec::new();
    for modules in tree.values() {
        for (module, jobs) in modules {
            let indent = if module.is_some() { 2 } else { 1 };
            pieces.extend(jobs.chunks(JOB_ITEMS).map(|chunk| (chunk, indent)));
        }
    }
    let texts = print_pieces(model, plan, docs, &pieces);

    // The frame, on this thread, with the pieces in their places.
    let printer = Printer::new(model, plan, docs);
    let mut w = Writer::new(0);
    printer.layer(&mut w);
    printer.name_for_id(&mut w);
    printer.arbitrary_support(&mut w);
    let mut out = String::with_capacity(texts.iter().map(String::len).sum::<usize>() + 4096);
    out.push_str(HEADER);
    out.push_str(&w.finish());
    let mut texts = texts.into_iter();
    let mut roots = vec![Root::Types, Root::Enums, Root::Functions];
    if plan.errors_module {
        roots.push(Root::Errors);
    }
    for root in roots {
        let mut w = Writer::new(0);
        w.blank();
        w.doc(&Printer::module_doc(root, None));
        let Some(modules) = tree.get(&root) else {
            w.line_fmt(format_args!("pub mod {} {{}}", root.as_str()));
            out.push_str(&w.finish());
            continue;
        };
        w.open(&format!("pub mod {} {{", root.as_str()));
        printer.prelude(&mut w, 1);
        out.push_str(&w.finish());
        let mut first = true;
        for (module, jobs) in modules {
            let n = jobs.len().div_ceil(JOB_ITEMS);
            if !first {
                out.push('\n');
            }
            first = false;
            let Some(module) = module else {
                join_pieces(&mut out, texts.by_ref().take(n));
                continue;
            };
            let mut w = Writer::new(1);
            w.doc(&Printer::module_doc(root, Some(module)));
            w.open(&format!("pub mod {} {{", ident(module)));
            printer.prelude(&mut w, 2);
            out.push_str(&w.finish());
            join_pieces(&mut out, texts.by_ref().take(n));
            out.push_str("    }\n");
        }
        out.push_str("}\n");
    }
    for extension in extensions {
        let mut w = Writer::new(0);
        extension.generate(model, plan, &mut w);
        let text = w.finish();
        if !text.is_empty() {
            out.push('\n');
            out.push_str(&text);
        }
    }
    out
}

/// Appends printed pieces, a blank line between them.
fn join_pieces(out: &mut String, pieces: impl Iterator<Item = String>) {
    for (i, piece) in pieces.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&piece);
    }
}

/// Prints every piece, on as many threads as there are cores; the texts, in order.
fn print_pieces(
    model: &Model,
    plan: &Plan,
    docs: &dyn DocProvider,
    pieces: &[(&[Job], usize)],
) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let work = || {
        let printer = Printer::new(model, plan, docs);
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(jobs, indent)) = pieces.get(k) else {
                return done;
            };
            let mut w = Writer::new(indent);
            for (i, job) in jobs.iter().enumerate() {
                if i > 0 {
                    w.blank();
                }
                match *job {
                    Job::Constructor(c) => printer.constructor(&mut w, c),
                    Job::Enum(t) => printer.enumeration(&mut w, t),
                    Job::Function(f) => printer.function(&mut w, f),
                    Job::ErrorEnum(f) => printer.error_enum(&mut w, f),
                    Job::Catalog => printer.catalog(&mut w),
                    Job::RpcErrorConversion => printer.rpc_error_conversion(&mut w),
                }
            }
            done.push((k, w.finish()));
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pieces.len())
        .max(1);
    let mut done: Vec<(usize, String)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("printer threads do not panic"))
                .collect()
        })
    };
    done.sort_unstable_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, text)| text).collect()
}
