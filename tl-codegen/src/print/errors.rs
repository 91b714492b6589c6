//! The per-method error enums and the catalog of all documented errors, printed.
//!
//! For a method with documented errors, [`error_enum`] emits:
//!
//! ```text
//! #[non_exhaustive]
//! pub enum RequestCallError {
//!     /// `400 CALL_PROTOCOL_FLAGS_INVALID`: Call protocol flags invalid
//!     CallProtocolFlagsInvalid,
//!     /// `420 SLOWMODE_WAIT_X`: ...
//!     SlowmodeWait { seconds: u64 },
//!     /// `400 USER_IS_BLOCKED`: ... / `403 USER_IS_BLOCKED`: ...
//!     UserIsBlocked { code: i32 },
//!     /// Any error not documented for the method.
//!     Other(RpcError),
//! }
//! ```
//!
//! with `From<RpcError>`, `MethodError`, `Display` and `std::error::Error` implementations
//! (and `From<RequestCallError> for RpcError`), all referring to the run-time crate through
//! the `runtime` path given (e.g. `::tl_runtime`).
//!
//! The variants' names and fields are the plan's ([`crate::plan::errors`]).
//!
//! # Matching
//!
//! `From<RpcError>` matches exact names first, then names with placeholders (a placeholder
//! matches a run of digits, see `tl_runtime::rpc_error::match_pattern`); the code must be one
//! the name is documented under. Anything else becomes `Other`, so no error is lost.

use std::collections::BTreeMap;

use super::markdown;
use super::printer::Printer;
use super::writer::{ident, Writer};
use crate::docs::{DocsSet, ErrorDoc};
use crate::plan::errors::{plan_variants, ErrorVariant};

/// Emits the error enum of one method and its trait implementations, as text at the
/// outermost indent.
///
/// - `enum_name`: the enum's name (e.g. `RequestCallError`).
/// - `method_tl_name`: the method's TL name, for documentation (`phone.requestCall`).
/// - `errors`: the documented errors (may be empty: the enum then has only `Other`).
/// - `runtime`: the path of the run-time crate (e.g. `::tl_runtime`).
pub fn error_enum(
    enum_name: &str,
    method_tl_name: &str,
    errors: &[ErrorDoc],
    runtime: &str,
) -> String {
    let mut w = Writer::new(0);
    error_enum_of_variants(
        &mut w,
        enum_name,
        method_tl_name,
        &plan_variants(errors),
        runtime,
    );
    w.finish()
}

/// [`error_enum`] for variants already planned (see [`plan_variants`]), into `w`.
pub(crate) fn error_enum_of_variants(
    w: &mut Writer,
    enum_name: &str,
    method_tl_name: &str,
    variants: &[ErrorVariant],
    runtime: &str,
) {
    let rpc = format!("{runtime}::rpc_error");
    // Names with a placeholder (matched by pattern, carrying a number), and the others.
    let (patterns, exact): (Vec<&ErrorVariant>, Vec<&ErrorVariant>) =
        variants.iter().partition(|v| v.value_field.is_some());
    enum_definition(w, enum_name, method_tl_name, variants, &rpc);
    w.blank();
    from_rpc_error(w, enum_name, (&exact, &patterns), &rpc);
    w.blank();
    into_rpc_error(w, enum_name, &rpc);
    w.blank();
    method_error(w, enum_name, variants, &patterns, &rpc);
    w.blank();
    display_and_error(w, enum_name, &rpc);
}

/// The enum, a documented variant per documented error, then `Other`.
fn enum_definition(
    w: &mut Writer,
    enum_name: &str,
    method_tl_name: &str,
    variants: &[ErrorVariant],
    rpc: &str,
) {
    let method_doc = markdown::text(method_tl_name);
    w.doc(&format!(
        "Errors of `{method_doc}`: the documented ones, then [`Self::Other`].\n\nConverted from \
         any RPC error by `From`: errors not documented for the method, or\ndocumented under \
         another code, are kept unchanged in [`Self::Other`]."
    ));
    w.line("#[derive(Clone, Debug, PartialEq, Eq, Hash)]");
    w.line("#[non_exhaustive]");
    w.open(&format!("pub enum {enum_name} {{"));
    for v in variants {
        let name = v.name.as_str();
        let mut doc_lines: Vec<String> = v
            .codes
            .iter()
            .map(|(code, description)| {
                let description = markdown::text(description);
                if description.is_empty() {
                    format!("`{code} {}`", name.replace('`', "'"))
                } else {
                    format!("`{code} {}`: {description}", name.replace('`', "'"))
                }
            })
            .collect();
        if v.codes.len() > 1 {
            doc_lines = doc_lines
                .into_iter()
                .flat_map(|l| [l, String::new()])
                .collect();
            doc_lines.pop();
        }
        if let Some(field) = v.value_field {
            doc_lines.push(String::new());
            doc_lines.push(format!(
                "`{field}` is the number in the place of the name's placeholder."
            ));
        }
        w.doc(&doc_lines.join("\n"));
        if v.value_field.is_none() && !v.carries_code() {
            w.line_fmt(format_args!("{},", v.ident));
            continue;
        }
        w.open(&format!("{} {{", v.ident));
        if v.carries_code() {
            w.line("/// The error code.");
            w.line("code: i32,");
        }
        if let Some(f) = v.value_field {
            w.line("/// The number in the error message.");
            w.line_fmt(format_args!("{f}: u64,"));
        }
        w.close("},");
    }
    w.line("/// Any error not documented for this method, as the server sent it.");
    w.line_fmt(format_args!("Other({rpc}::RpcError),"));
    w.close("}");
}

/// `From<RpcError>`: exact names first, then names with placeholders, else `Other`.
fn from_rpc_error(
    w: &mut Writer,
    enum_name: &str,
    (exact, patterns): (&[&ErrorVariant], &[&ErrorVariant]),
    rpc: &str,
) {
    w.open_impl(&format!("impl From<{rpc}::RpcError>"), enum_name);
    w.open_fn("fn from", &[format!("error: {rpc}::RpcError")], " -> Self");
    if !patterns.is_empty() {
        w.line_fmt(format_args!("use {rpc}::match_pattern;"));
        w.blank();
    }
    if !exact.is_empty() || !patterns.is_empty() {
        w.line("let code = error.code();");
        w.line("let message = error.message();");
    }
    if !exact.is_empty() {
        w.open("match (code, message) {");
        for v in exact {
            let name = format!("{:?}", v.name);
            let codes = code_pattern(v);
            if v.carries_code() {
                w.arm(
                    &format!("(code @ ({codes}), {name})"),
                    &format!("return Self::{} {{ code }}", v.ident),
                );
            } else {
                w.arm(
                    &format!("({codes}, {name})"),
                    &format!("return Self::{}", v.ident),
                );
            }
        }
        w.line("_ => {}");
        w.close("}");
    }
    for v in patterns {
        let f = v.value_field.expect("a pattern's value");
        let construct = if v.carries_code() {
            format!("Self::{} {{ code, {f} }}", v.ident)
        } else {
            format!("Self::{} {{ {f} }}", v.ident)
        };
        let pat = format!("if let ({}, Some(Some({f}))) =", code_pattern(v));
        let items = [
            "code".to_owned(),
            format!("match_pattern({:?}, message)", v.name),
        ];
        w.open_if_let(&pat, &items);
        w.line_fmt(format_args!("return {construct};"));
        w.close("}");
    }
    w.line("Self::Other(error)");
    w.close("}");
    w.close("}");
}

/// `From<Enum> for RpcError`: the error as the server sent it.
fn into_rpc_error(w: &mut Writer, enum_name: &str, rpc: &str) {
    w.open_impl(
        &format!("impl From<{enum_name}>"),
        &format!("{rpc}::RpcError"),
    );
    w.open_fn("fn from", &[format!("error: {enum_name}")], " -> Self");
    w.open("match error {");
    w.arm(&format!("{enum_name}::Other(error)"), "error");
    w.arm(
        "other",
        &format!("{rpc}::MethodError::to_rpc_error(&other)"),
    );
    w.close("}");
    w.close("}");
    w.close("}");
}

/// `MethodError`: code, name, value, documentation of each variant.
fn method_error(
    w: &mut Writer,
    enum_name: &str,
    variants: &[ErrorVariant],
    patterns: &[&ErrorVariant],
    rpc: &str,
) {
    w.open_impl(&format!("impl {rpc}::MethodError"), enum_name);
    w.open("fn code(&self) -> i32 {");
    w.open("match self {");
    for v in variants {
        if v.carries_code() {
            w.arm(&format!("Self::{} {{ code, .. }}", v.ident), "*code");
        } else {
            w.arm(&any(v), &v.codes[0].0.to_string());
        }
    }
    w.arm("Self::Other(error)", "error.code()");
    w.close("}");
    w.close("}");
    w.blank();
    w.open("fn name(&self) -> &str {");
    w.open("match self {");
    for v in variants {
        w.arm(&any(v), &format!("{:?}", v.name));
    }
    w.arm("Self::Other(error)", "error.message()");
    w.close("}");
    w.close("}");
    if !patterns.is_empty() {
        w.blank();
        w.open("fn value(&self) -> Option<u64> {");
        w.open("match self {");
        for v in patterns {
            let f = v.value_field.expect("a pattern's value");
            w.arm(
                &format!("Self::{} {{ {f}, .. }}", v.ident),
                &format!("Some(*{f})"),
            );
        }
        w.arm("_", "None");
        w.close("}");
        w.close("}");
    }
    w.blank();
    w.open("fn documentation(&self) -> Option<&'static str> {");
    w.open("match self {");
    for v in variants {
        let first = v.codes[0].1.as_str();
        if !v.codes.iter().all(|(_, d)| d == first) {
            for (code, description) in &v.codes {
                w.arm(
                    &format!("Self::{} {{ code: {code}, .. }}", v.ident),
                    &format!("Some({description:?})"),
                );
            }
        }
        w.arm(&any(v), &format!("Some({first:?})"));
    }
    w.arm("Self::Other(_)", "None");
    w.close("}");
    w.close("}");
    w.blank();
    w.open("fn is_documented(&self) -> bool {");
    w.line(if variants.is_empty() {
        "false"
    } else {
        "!matches!(self, Self::Other(_))"
    });
    w.close("}");
    w.close("}");
}

/// `Display` (through the runtime) and `std::error::Error` (`Other`'s source).
fn display_and_error(w: &mut Writer, enum_name: &str, rpc: &str) {
    w.open_impl("impl ::core::fmt::Display", enum_name);
    w.open("fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {");
    w.expr_line(&format!("{rpc}::display_method_error(self, f)"), "");
    w.close("}");
    w.close("}");

    w.blank();
    w.open_impl("impl ::std::error::Error", enum_name);
    w.open("fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {");
    w.open("match self {");
    w.arm("Self::Other(error)", "Some(error)");
    w.arm("_", "None");
    w.close("}");
    w.close("}");
    w.close("}");
}

/// The codes of a variant as a pattern: `400`, or `400 | 403`.
fn code_pattern(v: &ErrorVariant) -> String {
    let codes: Vec<String> = v.codes.iter().map(|(c, _)| c.to_string()).collect();
    codes.join(" | ")
}

/// The pattern matching every value of a variant.
fn any(v: &ErrorVariant) -> String {
    if v.value_field.is_some() || v.carries_code() {
        format!("Self::{} {{ .. }}", v.ident)
    } else {
        format!("Self::{}", v.ident)
    }
}

/// One entry of the error catalog: a documented `(code, name)` with its description and the
/// methods documented to return it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The error code.
    pub code: i32,
    /// The documented name.
    pub name: String,
    /// The first non-empty description met.
    pub description: String,
    /// The TL names of the methods, sorted.
    pub methods: Vec<String>,
}

/// Collects the catalog entries from `(method TL name, errors)` pairs (`None`: errors
/// documented without a method): one entry per `(code, name)`, sorted by name then code.
pub fn catalog_entries<'a>(
    methods: impl IntoIterator<Item = (Option<&'a str>, &'a [ErrorDoc])>,
) -> Vec<CatalogEntry> {
    let mut map: BTreeMap<(String, i32), CatalogEntry> = BTreeMap::new();
    for (method, errors) in methods {
        for e in errors {
            let entry = map
                .entry((e.name.clone(), e.code))
                .or_insert_with(|| CatalogEntry {
                    code: e.code,
                    name: e.name.clone(),
                    description: String::new(),
                    methods: Vec::new(),
                });
            if entry.description.is_empty() {
                entry.description = e.description.clone();
            }
            if let Some(method) = method {
                if !entry.methods.iter().any(|m| m == method) {
                    entry.methods.push(method.to_owned());
                }
            }
        }
    }
    map.into_values()
        .map(|mut e| {
            e.methods.sort();
            e
        })
        .collect()
}

/// Emits `pub static {static_name}: ErrorCatalog` holding every documented error of the
/// methods in `docs` (see [`catalog_entries`]), as text at the outermost indent.
pub fn error_catalog(static_name: &str, docs: &DocsSet, runtime: &str) -> String {
    let entries = catalog_entries(docs.documented_errors());
    let mut w = Writer::new(0);
    error_catalog_from_entries(&mut w, static_name, &entries, runtime);
    w.finish()
}

/// Writes `pub static {static_name}: ErrorCatalog` holding `entries`.
pub(crate) fn error_catalog_from_entries(
    w: &mut Writer,
    static_name: &str,
    entries: &[CatalogEntry],
    runtime: &str,
) {
    let rpc = format!("{runtime}::rpc_error");
    w.line_fmt(format_args!(
        "/// All {} documented RPC errors, by name and code.",
        entries.len()
    ));
    let lead = format!("pub static {static_name}: {rpc}::ErrorCatalog =");
    let call = format!("{rpc}::ErrorCatalog::new(&[");
    if entries.is_empty() {
        w.assign(&lead, &format!("{call}])"), ";");
        return;
    }
    let one = format!("{lead} {call}");
    let nested = !w.fits(&one);
    if nested {
        w.line(&lead);
        w.indent_in();
        w.open(&call);
    } else {
        w.open(&one);
    }
    for e in entries {
        w.open(&format!("{rpc}::KnownError {{"));
        w.line_fmt(format_args!("code: {},", e.code));
        w.line_fmt(format_args!("name: {:?},", e.name));
        w.line_fmt(format_args!("description: {:?},", e.description));
        let methods: Vec<String> = e.methods.iter().map(|m| format!("{m:?}")).collect();
        w.array("methods: &", &methods, ",");
        w.close("},");
    }
    w.close("]);");
    if nested {
        w.indent_out();
    }
}

impl Printer<'_> {
    /// The error enum of function `f` (which the plan gave one).
    pub fn error_enum(&self, w: &mut Writer, f: usize) {
        let item = &self.model.functions[f];
        let path = self.plan.functions[f]
            .error_enum
            .as_ref()
            .expect("called for functions with an error enum");
        error_enum_of_variants(
            w,
            &ident(&path.name),
            &item.name.to_string(),
            &self.plan.functions[f].error_variants,
            &self.rt,
        );
    }

    /// `errors::CATALOG`: every documented error, of the methods with error enums and of
    /// everything else the docs know.
    pub fn catalog(&self, w: &mut Writer) {
        let with_enums: Vec<(String, &[ErrorDoc])> = self
            .plan
            .functions
            .iter()
            .zip(&self.model.functions)
            .filter(|(f, _)| f.error_enum.is_some())
            .map(|(f, item)| (item.name.to_string(), f.documented_errors.as_slice()))
            .collect();
        let entries = catalog_entries(
            with_enums
                .iter()
                .map(|(name, errors)| (Some(name.as_str()), *errors))
                .chain(
                    self.plan
                        .catalog
                        .iter()
                        .map(|(method, errors)| (method.as_deref(), errors.as_slice())),
                ),
        );
        error_catalog_from_entries(w, "CATALOG", &entries, &self.rt);
    }
}
