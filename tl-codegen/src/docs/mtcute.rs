//! Reader for the documentation shipped in the npm package `@mtcute/tl`: `raw-errors.json`
//! (RPC errors with codes and descriptions, which method throws which, which methods only
//! users or only bots may call) and `api-schema.json` (the package's TL layer as JSON, with a
//! description on every method, constructor, type and parameter, and per-method errors).
//!
//! What is read goes into the same [`MethodDoc`], [`ConstructorDoc`], [`TypeDoc`] and
//! [`ParamDoc`] structures the markdown reader fills, so [`DocsSet::merge`] combines both
//! kinds of source: prose from the first root that has it, errors the union by code and name.
//!
//! - `raw-errors.json`: `errors` (`NAME: {code, name, description}`) becomes
//!   [`DocsSet::catalog`]; `throws` (`method: [NAME, ...]`) becomes [`MethodDoc::errors`],
//!   code and description taken from `errors`; a `throws` key that is a constructor id
//!   (`"1817183516"`, or negative as a signed 32-bit number) is mapped to the method of that
//!   id in `api-schema.json` when that file is read too, and otherwise left out with a warning
//!   ([`MtcuteDocs::unmapped_ids`]). `userOnly` and `botOnly` set
//!   [`MethodDoc::users_can_use`] and [`MethodDoc::bots_can_use`]. `base` (the generic
//!   `BAD_REQUEST: 400`, ... classes) names no error a method returns and is not read.
//! - `api-schema.json`: `e` entries of kind `method` and `class` (constructors) with their
//!   `comment`, `type` (`typeModifiers.isVector` makes it `Vector<T>`), `arguments` (flag
//!   fields `#` are left out; a `typeModifiers.predicate` makes a parameter optional) and, for
//!   methods, `throws` (`{code, name, comment}`); `u` (type name → description) becomes the
//!   type pages, listing the constructors of the type and the methods returning it. Entries
//!   in the `mtcute` namespace are the library's own additions and are left out.
//!
//! Error names are normalised: a `%d` placeholder that is a word of its own becomes `X`
//! (`FLOOD_WAIT_%d` → `FLOOD_WAIT_X`, the form the markdown pages use), and so does a word of
//! digits when the name with `X` in its place is documented too (`FILE_PART_0_MISSING` →
//! `FILE_PART_X_MISSING`). A `%d` inside a word stays (`..._WAIT_%dMIN`): the error enums
//! treat `%d` anywhere as a placeholder, but `X` only as a word of its own. In the
//! descriptions of errors whose name has a `%d`, `%d` becomes `X` ("A wait of X seconds").
//!
//! Descriptions: `api-schema.json` holds HTML as on core.telegram.org (`<a href>`, `<code>`,
//! `<strong>`, `<em>`, `<br>`, `<img alt>`, entities, HTML comments) plus mtcute's own
//! `{@link RawUser}` / `{@link messages.RawSendMessageRequest}` references, which are mapped
//! back to the TL names of the file's entries (`user`, `messages.sendMessage`); links to
//! `core.telegram.org` and `corefork.telegram.org` pages of methods, constructors and types
//! become links to those; lines starting with `- ` become list items; blank lines and
//! `<br><br>` are paragraph breaks. `raw-errors.json` descriptions are markdown and are read
//! as plain text, as the markdown reader's errors tables are.
//!
//! Reading never panics and fails only when a root folder cannot be listed: malformed JSON,
//! unexpected shapes and unknown names become [`DocsWarning`]s (at most
//! [`MAX_WARNINGS_PER_FILE`] per file, then one line counting the rest).
//!
//! The files are parsed with `serde_json` into a `serde_json::Value`. Files larger than
//! [`MAX_JSON_BYTES`] are skipped; a byte-order mark is skipped; a syntax error is a warning
//! with its line and column, and the file is skipped. Nesting is limited by serde_json's
//! recursion limit of 128 levels (the real files are 5 deep): deeper input is such a syntax
//! error, not a stack overflow. Object members are read in order of their keys, whatever
//! their order in the file (and whether or not serde_json's `preserve_order` feature is on
//! in the build), so [`DocsSet::catalog`] lists the errors by name; a key given twice in an
//! object counts once, with its last value.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error_names::{digits_as_placeholder, has_x_word, normalize_error_name};
use super::files::read_text;
use super::names::resolve_link;
use super::rich_text::{LinkTarget, RichText, Span, Style};
use super::set::{
    merge_errors, ConstructorDoc, DocsSet, DocsWarning, ErrorDoc, MethodDoc, Page, ParamDoc,
    TypeDoc,
};
use super::text::is_br;

/// The name of mtcute's error catalog file.
pub const MTCUTE_ERRORS_FILE: &str = "raw-errors.json";

/// The name of mtcute's schema file with descriptions.
pub const MTCUTE_SCHEMA_FILE: &str = "api-schema.json";

/// JSON files larger than this are skipped with a warning.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// Problems listed per file; more are counted in one last warning.
pub(crate) const MAX_WARNINGS_PER_FILE: usize = 50;

/// What was read from an mtcute package.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MtcuteDocs {
    /// The documentation, with problems in [`DocsSet::warnings`].
    pub docs: DocsSet,
    /// `throws` keys that are numeric ids but name no method of `api-schema.json` (or that
    /// file was not read); their errors are left out. In order of the id as an unsigned
    /// 32-bit number.
    pub unmapped_ids: Vec<String>,
    /// `throws` keys that are numeric ids, with the method of that id they were read as, in
    /// order of the id as an unsigned 32-bit number.
    pub mapped_ids: Vec<(String, String)>,
    /// `{@link ...}` references in descriptions that name no entry of `api-schema.json`;
    /// they are kept as code spans.
    pub unresolved_links: usize,
}

/// Whether `path` is named like one of mtcute's files (`raw-errors.json`, `api-schema.json`).
pub(crate) fn is_mtcute_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == MTCUTE_ERRORS_FILE || n == MTCUTE_SCHEMA_FILE)
}

/// Reads the mtcute files in `dir`: `None` if it holds neither `raw-errors.json` nor
/// `api-schema.json`. Fails only if `dir` cannot be listed; problems in the files are warnings.
pub fn read_mtcute_dir(dir: &Path) -> io::Result<Option<MtcuteDocs>> {
    fs::read_dir(dir)?;
    let errors = dir.join(MTCUTE_ERRORS_FILE);
    let schema = dir.join(MTCUTE_SCHEMA_FILE);
    let (has_errors, has_schema) = (errors.is_file(), schema.is_file());
    if !has_errors && !has_schema {
        return Ok(None);
    }
    Ok(Some(read_mtcute_files(
        has_errors.then_some(errors.as_path()),
        has_schema.then_some(schema.as_path()),
    )))
}

/// Reads one of mtcute's files on its own, telling which by its name (a file named neither
/// way is read as `raw-errors.json`). Numeric `throws` keys cannot be mapped without
/// `api-schema.json` and are counted in [`MtcuteDocs::unmapped_ids`].
pub fn read_mtcute_file(path: &Path) -> MtcuteDocs {
    if path.file_name().is_some_and(|n| n == MTCUTE_SCHEMA_FILE) {
        read_mtcute_files(None, Some(path))
    } else {
        read_mtcute_files(Some(path), None)
    }
}

/// Reads `raw-errors.json` and/or `api-schema.json` from the paths given.
pub(crate) fn read_mtcute_files(
    raw_errors: Option<&Path>,
    api_schema: Option<&Path>,
) -> MtcuteDocs {
    let mut warnings = Vec::new();
    let errors_text =
        raw_errors.and_then(|p| read_text(p, MAX_JSON_BYTES, &mut warnings).map(|t| (t, p)));
    let schema_text =
        api_schema.and_then(|p| read_text(p, MAX_JSON_BYTES, &mut warnings).map(|t| (t, p)));
    let mut read = parse_mtcute(
        errors_text.as_ref().map(|(t, p)| (t.as_str(), *p)),
        schema_text.as_ref().map(|(t, p)| (t.as_str(), *p)),
    );
    warnings.append(&mut read.docs.warnings);
    read.docs.warnings = warnings;
    read
}

/// Parses the texts of `raw-errors.json` and/or `api-schema.json` (each with the path to
/// name in warnings and in [`MethodDoc::source`]).
pub fn parse_mtcute(
    raw_errors: Option<(&str, &Path)>,
    api_schema: Option<(&str, &Path)>,
) -> MtcuteDocs {
    let mut out = MtcuteDocs::default();
    let mut schema = SchemaRead::default();
    if let Some((text, path)) = api_schema {
        let mut warn = Warn::new(path);
        if let Some(json) = parse_file(text, &mut warn) {
            schema = read_schema(&json, path, &mut warn);
        }
        out.unresolved_links = schema.unresolved_links;
        out.docs.warnings.extend(warn.finish());
    }
    let ids = api_schema.is_some().then_some(&schema.ids);
    let mut docs = std::mem::take(&mut schema.docs);
    if let Some((text, path)) = raw_errors {
        let mut warn = Warn::new(path);
        if let Some(json) = parse_file(text, &mut warn) {
            let errors = read_errors(&json, path, ids, &mut warn, &mut out);
            add_error_read(&mut docs, errors);
        }
        out.docs.warnings.extend(warn.finish());
    }
    collapse_instances(&mut docs);
    docs.warnings.append(&mut out.docs.warnings);
    out.docs = docs;
    out
}

// ---------------------------------------------------------------------------------------
// Warnings

/// Collects the warnings of one file, at most [`MAX_WARNINGS_PER_FILE`].
struct Warn {
    file: PathBuf,
    list: Vec<DocsWarning>,
    dropped: usize,
}

impl Warn {
    fn new(file: &Path) -> Warn {
        Warn {
            file: file.to_path_buf(),
            list: Vec::new(),
            dropped: 0,
        }
    }

    fn at(&mut self, line: Option<usize>, message: String) {
        if self.list.len() < MAX_WARNINGS_PER_FILE {
            self.list.push(DocsWarning {
                file: self.file.clone(),
                line,
                message,
            });
        } else {
            self.dropped += 1;
        }
    }

    fn push(&mut self, message: String) {
        self.at(None, message);
    }

    fn finish(mut self) -> Vec<DocsWarning> {
        if self.dropped > 0 {
            self.list.push(DocsWarning {
                file: self.file,
                line: None,
                message: format!("{} more problems in this file not listed", self.dropped),
            });
        }
        self.list
    }
}

/// Parses a file with `serde_json`; a syntax error (nesting deeper than its recursion limit
/// of 128 levels among them) is a warning with line and column, and the file is skipped.
fn parse_file(text: &str, warn: &mut Warn) -> Option<Value> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str(body) {
        Ok(json) => Some(json),
        Err(e) => {
            let line = e.line();
            // The column in the file, byte-order mark included (serde_json says 0 for the end
            // of the input right after a newline).
            let bom = if line == 1 {
                text.len() - body.len()
            } else {
                0
            };
            let column = e.column().max(1) + bom;
            // `Display` ends with the position, which is given on its own here.
            let message = e.to_string();
            let position = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&position).unwrap_or(&message);
            warn.at(
                (line > 0).then_some(line),
                format!("not valid JSON (column {column}): {message}; file skipped"),
            );
            None
        }
    }
}

/// What a JSON value is, for warnings.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An integer: a number written as one or as a float with no fraction, or a string of one.
fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
        }),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// The members of an object sorted by key, so that what is read does not depend on the
/// order `serde_json::Map` keeps (sorted, or file order with its `preserve_order` feature).
fn members(map: &Map<String, Value>) -> Vec<(&str, &Value)> {
    let mut members: Vec<(&str, &Value)> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    members.sort_unstable_by_key(|&(k, _)| k);
    members
}

// ---------------------------------------------------------------------------------------
// api-schema.json

#[derive(Default)]
struct SchemaRead {
    docs: DocsSet,
    /// Entry ids: whether the entry is a method, and its name.
    ids: HashMap<u32, (bool, String)>,
    unresolved_links: usize,
}

/// mtcute's name for a TL entry in `{@link}`: `user` → `RawUser`, `messages.sendMessage` →
/// `messages.RawSendMessageRequest`.
fn mtcute_name(tl_name: &str, method: bool) -> String {
    let (ns, base) = tl_name
        .rsplit_once('.')
        .map_or(("", tl_name), |(n, b)| (n, b));
    let mut out = String::with_capacity(tl_name.len() + 10);
    if !ns.is_empty() {
        out.push_str(ns);
        out.push('.');
    }
    out.push_str("Raw");
    let mut chars = base.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    if method {
        out.push_str("Request");
    }
    out
}

/// mtcute's own additions to the layer (`mtcute.dummyUpdate`, `mtcute.customMethod`), which
/// are not Telegram's and are left out.
fn is_own_entry(name: &str) -> bool {
    name.starts_with("mtcute.")
}

fn is_tl_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 256
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// A signed or unsigned 32-bit constructor id.
fn id_u32(v: i64) -> Option<u32> {
    if (-(1i64 << 31)..0).contains(&v) {
        Some((v + (1i64 << 32)) as u32)
    } else {
        u32::try_from(v).ok()
    }
}

/// The TL type of an entry or argument: `type`, as `Vector<type>` with `isVector`.
fn tl_type(obj: &Value) -> Option<String> {
    let ty = obj.get("type")?.as_str()?.trim();
    if ty.is_empty() {
        return None;
    }
    let vector = obj
        .get("typeModifiers")
        .and_then(|m| m.get("isVector"))
        .is_some_and(|v| matches!(v, Value::Bool(true)));
    Some(if vector {
        format!("Vector<{ty}>")
    } else {
        ty.to_owned()
    })
}

fn read_schema(json: &Value, path: &Path, warn: &mut Warn) -> SchemaRead {
    let mut read = SchemaRead::default();
    let Value::Object(_) = json else {
        warn.push(format!(
            "top level is {}, not an object; file skipped",
            kind(json)
        ));
        return read;
    };
    let entries: &[Value] = match json.get("e") {
        Some(Value::Array(entries)) => entries,
        Some(other) => {
            warn.push(format!(
                "`e` is {}, not an array; no entries read",
                kind(other)
            ));
            &[]
        }
        None => {
            warn.push("no `e` (entries) array; no entries read".to_owned());
            &[]
        }
    };
    // First pass: names, for `{@link}` references and ids.
    let mut links: HashMap<String, (String, LinkTarget)> = HashMap::new();
    for e in entries {
        let (Some(name), Some(kind)) = (
            e.get("name").and_then(Value::as_str),
            e.get("kind").and_then(Value::as_str),
        ) else {
            continue;
        };
        if !is_tl_name(name) || is_own_entry(name) {
            continue;
        }
        let method = match kind {
            "method" => true,
            "class" => false,
            _ => continue,
        };
        let target = if method {
            LinkTarget::Method(name.to_owned())
        } else {
            LinkTarget::Constructor(name.to_owned())
        };
        links
            .entry(mtcute_name(name, method))
            .or_insert((name.to_owned(), target));
        if let Some(id) = e.get("id").and_then(int).and_then(id_u32) {
            read.ids.entry(id).or_insert((method, name.to_owned()));
        }
    }
    let mut html = Html::new(&links);

    // Second pass: the pages.
    let mut constructors_of: HashMap<String, Vec<String>> = HashMap::new();
    let mut methods_returning: HashMap<String, Vec<String>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Value::Object(_) = e else {
            warn.push(format!("entry {i} is {}, not an object; skipped", kind(e)));
            continue;
        };
        let name = match e.get("name") {
            Some(Value::String(name)) if is_tl_name(name) => name.as_str(),
            Some(Value::String(name)) => {
                warn.push(format!(
                    "entry {i}: `{}` is not a TL name; skipped",
                    clip(name)
                ));
                continue;
            }
            Some(other) => {
                warn.push(format!("entry {i}: `name` is {}; skipped", kind(other)));
                continue;
            }
            None => {
                warn.push(format!("entry {i} has no `name`; skipped"));
                continue;
            }
        };
        if is_own_entry(name) {
            continue;
        }
        let description = text_field(e, "comment", name, &mut html, warn);
        let params = read_arguments(e, name, &mut html, warn);
        let ty = tl_type(e);
        match e.get("kind").and_then(Value::as_str) {
            Some("method") => {
                let errors = read_schema_throws(e, name, &mut html, warn);
                if let Some(ty) = &ty {
                    methods_returning
                        .entry(ty.clone())
                        .or_default()
                        .push(name.to_owned());
                }
                read.docs.add_page(Page::Method(MethodDoc {
                    name: name.to_owned(),
                    description,
                    params,
                    return_type: ty,
                    users_can_use: None,
                    bots_can_use: None,
                    bots_business_can_use: None,
                    errors,
                    notes: Vec::new(),
                    source: path.to_path_buf(),
                }));
            }
            Some("class") => {
                if let Some(ty) = &ty {
                    constructors_of
                        .entry(ty.clone())
                        .or_default()
                        .push(name.to_owned());
                }
                read.docs.add_page(Page::Constructor(ConstructorDoc {
                    name: name.to_owned(),
                    description,
                    params,
                    type_name: ty,
                    source: path.to_path_buf(),
                }));
            }
            Some(kind) => warn.push(format!(
                "entry `{name}`: unknown kind `{}`; skipped",
                clip(kind)
            )),
            None => warn.push(format!("entry `{name}` has no `kind`; skipped")),
        }
    }
    match json.get("u") {
        Some(Value::Object(unions)) => {
            for (name, comment) in members(unions) {
                if !is_tl_name(name) {
                    warn.push(format!(
                        "`u`: `{}` is not a TL type name; skipped",
                        clip(name)
                    ));
                    continue;
                }
                let description = match comment {
                    Value::String(c) => Some(html.convert(c)).filter(|t| !t.is_empty()),
                    other => {
                        warn.push(format!(
                            "`u.{name}` is {}, not a string; no description",
                            kind(other)
                        ));
                        None
                    }
                };
                read.docs.add_page(Page::Type(TypeDoc {
                    name: name.to_owned(),
                    description,
                    constructors: constructors_of.remove(name).unwrap_or_default(),
                    methods: methods_returning.remove(name).unwrap_or_default(),
                    source: path.to_path_buf(),
                }));
            }
        }
        Some(other) => warn.push(format!(
            "`u` is {}, not an object; no types read",
            kind(other)
        )),
        None => {}
    }
    read.unresolved_links = html.unresolved;
    read
}

/// A description field, converted; a field of the wrong kind is a warning.
fn text_field(
    obj: &Value,
    field: &str,
    owner: &str,
    html: &mut Html<'_>,
    warn: &mut Warn,
) -> Option<RichText> {
    match obj.get(field)? {
        Value::String(s) => Some(html.convert(s)).filter(|t| !t.is_empty()),
        Value::Null => None,
        other => {
            warn.push(format!(
                "`{owner}`: `{field}` is {}, not a string; ignored",
                kind(other)
            ));
            None
        }
    }
}

fn read_arguments(e: &Value, owner: &str, html: &mut Html<'_>, warn: &mut Warn) -> Vec<ParamDoc> {
    let args = match e.get("arguments") {
        Some(Value::Array(args)) => args,
        None | Some(Value::Null) => return Vec::new(),
        Some(other) => {
            warn.push(format!(
                "`{owner}`: `arguments` is {}, not an array; ignored",
                kind(other)
            ));
            return Vec::new();
        }
    };
    let mut params = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let Some(name) = a
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| is_tl_name(n))
        else {
            warn.push(format!(
                "`{owner}`: argument {i} has no usable `name`; skipped"
            ));
            continue;
        };
        let ty = tl_type(a);
        if ty.as_deref() == Some("#") {
            // The flags field: the pages do not list it and the bindings compute it.
            continue;
        }
        let optional = a
            .get("typeModifiers")
            .and_then(|m| m.get("predicate"))
            .is_some_and(|p| matches!(p, Value::String(s) if !s.is_empty()));
        let owner_param = format!("{owner}.{name}");
        params.push(ParamDoc {
            name: name.to_owned(),
            type_text: ty.clone().unwrap_or_default(),
            tl_type: ty.map(|t| t.trim_start_matches('!').to_owned()),
            description: text_field(a, "comment", &owner_param, html, warn),
            required: Some(!optional),
        });
    }
    params
}

fn read_schema_throws(
    e: &Value,
    owner: &str,
    html: &mut Html<'_>,
    warn: &mut Warn,
) -> Vec<ErrorDoc> {
    let throws = match e.get("throws") {
        Some(Value::Array(t)) => t,
        None | Some(Value::Null) => return Vec::new(),
        Some(other) => {
            warn.push(format!(
                "`{owner}`: `throws` is {}, not an array; ignored",
                kind(other)
            ));
            return Vec::new();
        }
    };
    let mut errors = Vec::new();
    for (i, t) in throws.iter().enumerate() {
        let name = t.get("name").and_then(Value::as_str).map(str::trim);
        let code = t
            .get("code")
            .and_then(int)
            .and_then(|c| i32::try_from(c).ok());
        let (Some(name), Some(code)) = (name.filter(|n| !n.is_empty()), code) else {
            warn.push(format!(
                "`{owner}`: error {i} of `throws` lacks a `name` or an integer `code`; ignored"
            ));
            continue;
        };
        let description = match t.get("comment") {
            Some(Value::String(c)) => html.convert(c).plain(),
            _ => String::new(),
        };
        errors.push(error_doc(code, name, description));
    }
    let mut unique = Vec::with_capacity(errors.len());
    merge_errors(&mut unique, errors);
    unique
}

/// An error with its name normalised (and `%d` in the description as `X` when the name has
/// a `%d`).
fn error_doc(code: i32, raw_name: &str, description: String) -> ErrorDoc {
    let name = normalize_error_name(raw_name);
    let description = if raw_name.contains("%d") && description.contains("%d") {
        description.replace("%d", "X")
    } else {
        description
    };
    ErrorDoc {
        code,
        name,
        description,
    }
}

// ---------------------------------------------------------------------------------------
// raw-errors.json

#[derive(Default)]
struct ErrorsRead {
    catalog: Vec<ErrorDoc>,
    /// Methods with their errors and users/bots flags, in file order.
    methods: Vec<MethodDoc>,
}

fn read_errors(
    json: &Value,
    path: &Path,
    ids: Option<&HashMap<u32, (bool, String)>>,
    warn: &mut Warn,
    out: &mut MtcuteDocs,
) -> ErrorsRead {
    let mut read = ErrorsRead::default();
    let Value::Object(_) = json else {
        warn.push(format!(
            "top level is {}, not an object; file skipped",
            kind(json)
        ));
        return read;
    };
    // The catalog.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    match json.get("errors") {
        Some(Value::Object(errors)) => {
            for (key, e) in members(errors) {
                let code = e
                    .get("code")
                    .and_then(int)
                    .and_then(|c| i32::try_from(c).ok());
                let Some(code) = code else {
                    warn.push(format!(
                        "`errors.{}` has no integer `code`; ignored",
                        clip(key)
                    ));
                    continue;
                };
                if key.trim().is_empty() {
                    warn.push("`errors` has an entry with an empty name; ignored".to_owned());
                    continue;
                }
                let description = match e.get("description") {
                    Some(Value::String(d)) => markdown_plain(d),
                    Some(Value::Null) | None => String::new(),
                    Some(other) => {
                        warn.push(format!(
                            "`errors.{}.description` is {}; ignored",
                            clip(key),
                            kind(other)
                        ));
                        String::new()
                    }
                };
                by_name.entry(key).or_insert(read.catalog.len());
                read.catalog.push(error_doc(code, key, description));
            }
        }
        Some(other) => warn.push(format!(
            "`errors` is {}, not an object; ignored",
            kind(other)
        )),
        None => warn.push("no `errors` object; no error codes known".to_owned()),
    }
    let mut methods: Vec<MethodDoc> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut method = |name: String, methods: &mut Vec<MethodDoc>| -> usize {
        *index.entry(name.clone()).or_insert_with(|| {
            methods.push(MethodDoc {
                name,
                description: None,
                params: Vec::new(),
                return_type: None,
                users_can_use: None,
                bots_can_use: None,
                bots_business_can_use: None,
                errors: Vec::new(),
                notes: Vec::new(),
                source: path.to_path_buf(),
            });
            methods.len() - 1
        })
    };
    // Which method a key names: numeric keys are ids.
    let resolve = |key: &str, field: &str, warn: &mut Warn, out: &mut MtcuteDocs| {
        let key = key.trim();
        let numeric = {
            let digits = key.strip_prefix('-').unwrap_or(key);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        };
        if !numeric {
            if is_tl_name(key) {
                return Some(key.to_owned());
            }
            warn.push(format!(
                "`{field}`: `{}` is not a method name; ignored",
                clip(key)
            ));
            return None;
        }
        let id = key.parse::<i64>().ok().and_then(id_u32);
        let found = id.and_then(|id| ids.and_then(|ids| ids.get(&id)));
        match found {
            Some((true, name)) => {
                if field == "throws" {
                    out.mapped_ids.push((key.to_owned(), name.clone()));
                }
                Some(name.clone())
            }
            Some((false, name)) => {
                warn.push(format!(
                    "`{field}`: key `{key}` is the id of constructor `{name}`, not of a method; ignored"
                ));
                if field == "throws" {
                    out.unmapped_ids.push(key.to_owned());
                }
                None
            }
            None => {
                let why = if ids.is_some() {
                    format!("no entry of {MTCUTE_SCHEMA_FILE} has that id")
                } else {
                    format!("{MTCUTE_SCHEMA_FILE} was not read")
                };
                warn.push(format!(
                    "`{field}`: key `{key}` is a numeric id and {why}; its entries are left out"
                ));
                if field == "throws" {
                    out.unmapped_ids.push(key.to_owned());
                }
                None
            }
        }
    };
    match json.get("throws") {
        Some(Value::Object(throws)) => {
            for (key, names) in members(throws) {
                let Value::Array(names) = names else {
                    warn.push(format!(
                        "`throws.{}` is {}, not an array; ignored",
                        clip(key),
                        kind(names)
                    ));
                    continue;
                };
                let Some(name) = resolve(key, "throws", warn, out) else {
                    continue;
                };
                let mut errors = Vec::with_capacity(names.len());
                for n in names {
                    let Value::String(n) = n else {
                        warn.push(format!(
                            "`throws.{}` holds {}, not an error name; ignored",
                            clip(key),
                            kind(n)
                        ));
                        continue;
                    };
                    match by_name.get(n.as_str()) {
                        Some(&i) => errors.push(read.catalog[i].clone()),
                        None => warn.push(format!(
                            "`throws.{}`: error `{}` is not in `errors`, its code is unknown; ignored",
                            clip(key),
                            clip(n)
                        )),
                    }
                }
                if errors.is_empty() {
                    continue;
                }
                let i = method(name, &mut methods);
                merge_errors(&mut methods[i].errors, errors);
            }
        }
        Some(other) => warn.push(format!(
            "`throws` is {}, not an object; ignored",
            kind(other)
        )),
        None => {}
    }
    // Numeric keys in order of the id as an unsigned 32-bit number, not as text.
    let id_order = |key: &str| key.parse::<i64>().ok().and_then(id_u32);
    out.unmapped_ids.sort_by_key(|k| id_order(k));
    out.mapped_ids.sort_by_key(|(k, _)| id_order(k));
    // Who may call what.
    let mut only: [HashSet<String>; 2] = Default::default();
    for (slot, field) in [(0, "userOnly"), (1, "botOnly")] {
        let keys: Vec<&str> = match json.get(field) {
            Some(Value::Object(m)) => members(m).into_iter().map(|(k, _)| k).collect(),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            Some(Value::Null) | None => Vec::new(),
            Some(other) => {
                warn.push(format!(
                    "`{field}` is {}, not an object; ignored",
                    kind(other)
                ));
                Vec::new()
            }
        };
        for key in keys {
            if let Some(name) = resolve(key, field, warn, out) {
                only[slot].insert(name);
            }
        }
    }
    let [users, bots] = only;
    for name in users.intersection(&bots) {
        warn.push(format!(
            "`{name}` is in both `userOnly` and `botOnly`; who may call it is left unsaid"
        ));
    }
    let mut flagged: Vec<(&String, bool)> = users
        .iter()
        .filter(|n| !bots.contains(*n))
        .map(|n| (n, true))
        .chain(
            bots.iter()
                .filter(|n| !users.contains(*n))
                .map(|n| (n, false)),
        )
        .collect();
    flagged.sort();
    for (name, user) in flagged {
        let i = method(name.clone(), &mut methods);
        methods[i].users_can_use = Some(user);
        methods[i].bots_can_use = Some(!user);
    }
    read.methods = methods;
    read
}

/// Adds what `raw-errors.json` says to what `api-schema.json` said: its errors come first
/// (`raw-errors.json` is the error catalog), then the schema's per-method errors.
fn add_error_read(docs: &mut DocsSet, read: ErrorsRead) {
    merge_errors(&mut docs.catalog, read.catalog);
    for m in read.methods {
        match docs.methods.get_mut(&m.name) {
            Some(existing) => {
                let later = std::mem::replace(&mut existing.errors, m.errors);
                merge_errors(&mut existing.errors, later);
                if existing.users_can_use.is_none() {
                    existing.users_can_use = m.users_can_use;
                }
                if existing.bots_can_use.is_none() {
                    existing.bots_can_use = m.bots_can_use;
                }
            }
            None => {
                docs.methods.insert(m.name.clone(), m);
            }
        }
    }
}

/// Renames instances of documented placeholder names (`FILE_PART_0_MISSING` when
/// `FILE_PART_X_MISSING` is documented) everywhere, keeping the description of the
/// placeholder form where both are listed.
fn collapse_instances(docs: &mut DocsSet) {
    let patterns: HashSet<String> = docs
        .catalog
        .iter()
        .chain(docs.methods.values().flat_map(|m| m.errors.iter()))
        .filter(|e| has_x_word(&e.name))
        .map(|e| e.name.clone())
        .collect();
    if patterns.is_empty() {
        return;
    }
    let fix = |errors: &mut Vec<ErrorDoc>| {
        let mut renamed_any = false;
        let mut renamed = vec![false; errors.len()];
        for (e, r) in errors.iter_mut().zip(&mut renamed) {
            if let Some(x) = digits_as_placeholder(&e.name).filter(|x| patterns.contains(x)) {
                e.name = x;
                *r = true;
                renamed_any = true;
            }
        }
        if !renamed_any {
            return;
        }
        let mut out: Vec<ErrorDoc> = Vec::with_capacity(errors.len());
        let mut out_renamed: Vec<bool> = Vec::with_capacity(errors.len());
        let mut at: HashMap<(i32, String), usize> = HashMap::new();
        for (e, r) in std::mem::take(errors).into_iter().zip(renamed) {
            match at.get(&(e.code, e.name.clone())) {
                Some(&i) => {
                    if out_renamed[i] && !r {
                        out[i].description = e.description;
                        out_renamed[i] = false;
                    }
                }
                None => {
                    at.insert((e.code, e.name.clone()), out.len());
                    out.push(e);
                    out_renamed.push(r);
                }
            }
        }
        *errors = out;
    };
    fix(&mut docs.catalog);
    for m in docs.methods.values_mut() {
        fix(&mut m.errors);
    }
}

/// Markdown (as in `raw-errors.json` descriptions) as plain text.
fn markdown_plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    // The text of the link being read: trimmed, without its `»`, as link texts are.
    let mut link: Option<String> = None;
    for event in Parser::new(markdown) {
        let piece: std::borrow::Cow<'_, str> = match event {
            Event::Text(t) | Event::Code(t) => t.into_string().into(),
            Event::InlineHtml(h) | Event::Html(h) if is_br(&h) => " ".into(),
            Event::InlineHtml(h) | Event::Html(h) => h.into_string().into(),
            Event::SoftBreak | Event::HardBreak => " ".into(),
            Event::Start(Tag::Link { .. }) if link.is_none() => {
                link = Some(String::new());
                continue;
            }
            Event::End(TagEnd::Link) => match link.take() {
                Some(text) => RichText::from_plain(&text).plain().into(),
                None => continue,
            },
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => " ".into(),
            _ => continue,
        };
        link.as_mut().unwrap_or(&mut out).push_str(&piece);
    }
    if let Some(text) = link {
        out.push_str(&text);
    }
    RichText::from_plain(&out).plain()
}

/// A name or key shortened for a warning.
fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

// ---------------------------------------------------------------------------------------
// HTML-ish descriptions

/// Converts descriptions of `api-schema.json` into [`RichText`].
struct Html<'a> {
    /// mtcute names (`RawUser`) → TL name and link target.
    links: &'a HashMap<String, (String, LinkTarget)>,
    unresolved: usize,
    // State of the text being converted.
    spans: Vec<Span>,
    /// Styles open in the source, outermost first.
    styles: Vec<Style>,
    /// How many of `styles` are open in `spans` (they are opened at the next content and
    /// closed at every break, so that emphasis never spans a paragraph).
    emitted: usize,
    /// An open `<a>`: its target (`None` without a usable `href`) and text so far.
    link: Option<(Option<LinkTarget>, String)>,
    /// A break to put before the next content.
    pending: Option<Span>,
    line_start: bool,
    in_list: bool,
}

/// HTML elements understood; anything else that looks like a tag is text.
const KNOWN_TAGS: &[&str] = &[
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "i",
    "img",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "u",
    "ul",
];

impl<'a> Html<'a> {
    fn new(links: &'a HashMap<String, (String, LinkTarget)>) -> Html<'a> {
        Html {
            links,
            unresolved: 0,
            spans: Vec::new(),
            styles: Vec::new(),
            emitted: 0,
            link: None,
            pending: None,
            line_start: true,
            in_list: false,
        }
    }

    fn convert(&mut self, s: &str) -> RichText {
        self.spans.clear();
        self.styles.clear();
        self.emitted = 0;
        self.link = None;
        self.pending = None;
        self.line_start = true;
        self.in_list = false;

        let mut buf = String::new();
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let Some(c) = rest.chars().next() else { break };
            match c {
                '<' => {
                    if let Some(end) = rest
                        .strip_prefix("<!--")
                        .map(|r| r.find("-->").map_or(s.len() - i, |e| e + 4 + 3))
                    {
                        i += end;
                        continue;
                    }
                    if let Some((tag, len)) = parse_tag(rest) {
                        self.flush(&mut buf);
                        i += len;
                        i += self.tag(&tag, &s[i..]);
                        continue;
                    }
                    buf.push('<');
                    i += 1;
                }
                '&' => {
                    let (decoded, len) = entity(rest);
                    buf.push_str(&decoded);
                    i += len;
                }
                '{' if rest.starts_with("{@link") => match rest.find('}') {
                    Some(end) if end < 512 => {
                        self.flush(&mut buf);
                        self.jsdoc_link(rest[6..end].trim());
                        i += end + 1;
                    }
                    _ => {
                        buf.push('{');
                        i += 1;
                    }
                },
                '\r' | '\n' => {
                    // A run of line ends (with blanks between): one is a line break, more a
                    // paragraph break.
                    let mut newlines = 0;
                    let mut j = i;
                    for b in s[i..].bytes() {
                        match b {
                            b'\n' => newlines += 1,
                            b'\r' | b' ' | b'\t' => {}
                            _ => break,
                        }
                        j += 1;
                    }
                    self.flush(&mut buf);
                    self.brk(if newlines > 1 {
                        Span::ParagraphBreak
                    } else {
                        Span::LineBreak
                    });
                    i = j;
                }
                _ => {
                    buf.push(c);
                    i += c.len_utf8();
                }
            }
        }
        self.flush(&mut buf);
        if let Some((target, text)) = self.link.take() {
            self.finish_link(target, text);
        }
        self.close_emitted();
        let mut spans = std::mem::take(&mut self.spans);
        move_blanks_out_of_emphasis(&mut spans);
        RichText::from_spans(spans)
    }

    /// Handles a tag (lowercase name, `/` first for a closing tag); returns how many bytes
    /// after it were consumed (the contents of `<code>` and `<pre>`).
    fn tag(&mut self, tag: &Tag, after: &str) -> usize {
        let name = tag.name.as_str();
        if tag.closing {
            match name {
                "a" => {
                    if let Some((target, text)) = self.link.take() {
                        self.finish_link(target, text);
                    }
                }
                "strong" | "b" => self.close_style(Style::Strong),
                "em" | "i" => self.close_style(Style::Emphasis),
                "p" | "div" | "ul" | "ol" | "blockquote" => self.brk(Span::ParagraphBreak),
                "li" => self.brk(Span::LineBreak),
                _ => {}
            }
            return 0;
        }
        match name {
            "a" => {
                if let Some((target, text)) = self.link.take() {
                    self.finish_link(target, text);
                }
                let target = tag
                    .attr("href")
                    .filter(|h| !h.trim().is_empty())
                    .map(|h| link_target(&h));
                self.link = Some((target, String::new()));
            }
            "br" => self.brk(Span::LineBreak),
            "p" | "div" | "ul" | "ol" | "blockquote" => self.brk(Span::ParagraphBreak),
            "li" => {
                self.brk(Span::LineBreak);
                self.text("- ");
            }
            "strong" | "b" => self.open_style(Style::Strong),
            "em" | "i" => self.open_style(Style::Emphasis),
            "img" => {
                if let Some(alt) = tag.attr("alt") {
                    self.text(&alt);
                }
            }
            "code" | "pre" => {
                let close = format!("</{name}>");
                let (raw, used) = match find_ci(after, &close) {
                    Some(end) => (&after[..end], end + close.len()),
                    None => (after, after.len()),
                };
                self.code(&decode_entities(raw));
                return used;
            }
            _ => {}
        }
        0
    }

    fn flush(&mut self, buf: &mut String) {
        if !buf.is_empty() {
            let t = std::mem::take(buf);
            self.text(&t);
        }
    }

    /// Puts the pending break and the open styles before content; a line starting with
    /// `- ` is a list item.
    fn content(&mut self, text: &mut &str) {
        if self.line_start {
            self.line_start = false;
            let trimmed = text.trim_start();
            let item = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("\u{2022} "));
            if let Some(rest) = item {
                self.pending = None;
                self.spans.push(Span::Item {
                    depth: 0,
                    number: None,
                });
                self.in_list = true;
                *text = rest;
            } else if self.in_list {
                // Text after the list is a paragraph of its own.
                self.in_list = false;
                self.pending = Some(Span::ParagraphBreak);
            }
        }
        if let Some(b) = self.pending.take() {
            self.spans.push(b);
        }
        while self.emitted < self.styles.len() {
            self.spans.push(Span::Open(self.styles[self.emitted]));
            self.emitted += 1;
        }
    }

    fn text(&mut self, t: &str) {
        if let Some((_, text)) = &mut self.link {
            text.push_str(t);
            return;
        }
        if t.trim().is_empty() {
            if !self.line_start {
                self.spans.push(Span::Text(t.to_owned()));
            }
            return;
        }
        let mut t = t;
        self.content(&mut t);
        self.spans.push(Span::Text(t.to_owned()));
    }

    fn code(&mut self, c: &str) {
        if let Some((_, text)) = &mut self.link {
            text.push_str(c);
            return;
        }
        if c.trim().is_empty() {
            return;
        }
        let mut none = "";
        self.content(&mut none);
        self.spans.push(Span::Code(c.to_owned()));
    }

    fn jsdoc_link(&mut self, reference: &str) {
        // `{@link Target}`, `{@link Target text}` or `{@link Target|text}`.
        let (target, text) = match reference.find(|c: char| c == '|' || c.is_whitespace()) {
            Some(k) => (&reference[..k], reference[k + 1..].trim()),
            None => (reference, ""),
        };
        match self.links.get(target) {
            Some((tl_name, link)) => {
                let text = if text.is_empty() {
                    tl_name.as_str()
                } else {
                    text
                };
                if let Some((_, link_text)) = &mut self.link {
                    link_text.push_str(text);
                    return;
                }
                let mut none = "";
                self.content(&mut none);
                self.spans.push(Span::Link {
                    text: text.to_owned(),
                    target: link.clone(),
                });
            }
            None => {
                self.unresolved += 1;
                let shown = if text.is_empty() { target } else { text };
                self.code(shown);
            }
        }
    }

    fn finish_link(&mut self, target: Option<LinkTarget>, text: String) {
        if text.trim().is_empty() {
            return;
        }
        let Some(target) = target else {
            self.text(&text);
            return;
        };
        let mut none = "";
        self.content(&mut none);
        self.spans.push(Span::Link { text, target });
    }

    fn brk(&mut self, span: Span) {
        if let Some((_, text)) = &mut self.link {
            text.push(' ');
            return;
        }
        self.close_emitted();
        self.line_start = true;
        self.pending = match (self.pending.take(), span) {
            (Some(_), _) | (None, Span::ParagraphBreak) => Some(Span::ParagraphBreak),
            (None, other) => Some(other),
        };
        if self.spans.is_empty() {
            // Nothing to break from.
            self.pending = None;
        }
    }

    fn close_emitted(&mut self) {
        while self.emitted > 0 {
            self.emitted -= 1;
            self.spans.push(Span::Close(self.styles[self.emitted]));
        }
    }

    fn open_style(&mut self, style: Style) {
        if self.link.is_none() && self.styles.len() < 8 {
            self.styles.push(style);
        }
    }

    fn close_style(&mut self, style: Style) {
        if self.link.is_some() {
            return;
        }
        let Some(j) = self.styles.iter().rposition(|&s| s == style) else {
            return;
        };
        while self.emitted > j {
            self.emitted -= 1;
            self.spans.push(Span::Close(self.styles[self.emitted]));
        }
        self.styles.remove(j);
    }
}

/// Keeps emphasis tight (`**bold** text`, not `**bold **text`), as markdown needs, and drops
/// emphasis around nothing.
fn move_blanks_out_of_emphasis(spans: &mut Vec<Span>) {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in std::mem::take(spans) {
        match span {
            Span::Close(style) => {
                if out.last() == Some(&Span::Open(style)) {
                    out.pop();
                    continue;
                }
                let trailing = match out.last_mut() {
                    Some(Span::Text(t)) if t.ends_with(char::is_whitespace) => {
                        let kept = t.trim_end().len();
                        t.truncate(kept);
                        true
                    }
                    _ => false,
                };
                out.push(Span::Close(style));
                if trailing {
                    out.push(Span::Text(" ".to_owned()));
                }
            }
            Span::Text(t) if matches!(out.last(), Some(Span::Open(_))) => {
                let trimmed = t.trim_start();
                if trimmed.len() != t.len() {
                    let open = out.pop();
                    out.push(Span::Text(" ".to_owned()));
                    out.extend(open);
                }
                out.push(Span::Text(trimmed.to_owned()));
            }
            other => out.push(other),
        }
    }
    *spans = out;
}

/// Where an `href` points: Telegram's pages of methods, constructors and types (also on
/// `corefork.telegram.org`) become links to those; anything else stays a URL.
fn link_target(href: &str) -> LinkTarget {
    let href = href.trim();
    for prefix in [
        "https://corefork.telegram.org/",
        "http://corefork.telegram.org/",
    ] {
        if let Some(rest) = href.strip_prefix(prefix) {
            return match resolve_link(&format!("https://core.telegram.org/{rest}"), None) {
                LinkTarget::Url(_) => LinkTarget::Url(href.to_owned()),
                other => other,
            };
        }
    }
    resolve_link(href, None)
}

struct Tag {
    name: String,
    closing: bool,
    attrs: String,
}

impl Tag {
    /// The value of attribute `name` (quoted or not), entities decoded.
    fn attr(&self, name: &str) -> Option<String> {
        let a = &self.attrs;
        let lower = a.to_ascii_lowercase();
        let mut from = 0;
        while let Some(k) = lower[from..].find(name) {
            let start = from + k;
            from = start + name.len();
            let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
            let rest = a[from..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let rest = rest.trim_start();
            let raw = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &rest[1..];
                    &inner[..inner.find(q).unwrap_or(inner.len())]
                }
                _ => &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())],
            };
            return Some(decode_entities(raw));
        }
        None
    }
}

/// Parses `<name ...>` or `</name>` at the start of `s` (a known element only); returns the
/// tag and its length.
fn parse_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == start || !b[start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[start..i].to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    // After the name: the end, or blanks / `/` and then attributes.
    match b.get(i) {
        Some(b'>') => {}
        Some(c) if c.is_ascii_whitespace() || *c == b'/' => {}
        _ => return None,
    }
    let attrs_start = i;
    let mut quote: Option<u8> = None;
    while i < b.len() && i < 4096 {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (None, b'>') => {
                let attrs = s[attrs_start..i].trim().trim_end_matches('/').to_owned();
                return Some((
                    Tag {
                        name,
                        closing,
                        attrs,
                    },
                    i + 1,
                ));
            }
            (None, b'<') => return None,
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// Finds `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// Decodes the entity at the start of `s` (which starts with `&`): the text and the bytes
/// used. Unknown entities are a literal `&`.
fn entity(s: &str) -> (String, usize) {
    let literal = ("&".to_owned(), 1);
    let Some(end) = s.bytes().take(12).position(|b| b == b';') else {
        return literal;
    };
    let body = &s[1..end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        match value.and_then(char::from_u32) {
            Some(c) => c.to_string(),
            None => return literal,
        }
    } else {
        let c = match body {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" | "#39" => "'",
            "nbsp" => " ",
            "raquo" => "\u{00BB}",
            "laquo" => "\u{00AB}",
            "mdash" => "\u{2014}",
            "ndash" => "\u{2013}",
            "hellip" => "\u{2026}",
            "rarr" => "\u{2192}",
            "larr" => "\u{2190}",
            "times" => "\u{00D7}",
            "copy" => "\u{00A9}",
            _ => return literal,
        };
        c.to_owned()
    };
    (decoded, end + 1)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('&') {
            let (d, len) = entity(rest);
            out.push_str(&d);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(normalize_error_name("FLOOD_WAIT_%d"), "FLOOD_WAIT_X");
        assert_eq!(normalize_error_name("FLOOD_WAIT_X"), "FLOOD_WAIT_X");
        assert_eq!(
            normalize_error_name("INTERDC_%d_CALL_ERROR"),
            "INTERDC_X_CALL_ERROR"
        );
        assert_eq!(normalize_error_name("%d_X"), "X_X");
        assert_eq!(
            normalize_error_name("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"),
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"
        );
        assert_eq!(normalize_error_name("é%d"), "é%d".replace("%d", "X"));
        assert_eq!(normalize_error_name("%"), "%");
        assert_eq!(
            digits_as_placeholder("FILE_PART_0_MISSING").as_deref(),
            Some("FILE_PART_X_MISSING")
        );
        assert_eq!(digits_as_placeholder("MD5_CHECKSUM_INVALID"), None);
        assert_eq!(mtcute_name("user", false), "RawUser");
        assert_eq!(
            mtcute_name("messages.sendMessage", true),
            "messages.RawSendMessageRequest"
        );
        assert_eq!(id_u32(-130635115), Some(4164332181));
        assert_eq!(id_u32(1817183516), Some(1817183516));
        assert_eq!(id_u32(1 << 40), None);
    }

    #[test]
    fn html_descriptions() {
        let mut links = HashMap::new();
        links.insert(
            "RawUser".to_owned(),
            ("user".to_owned(), LinkTarget::Constructor("user".into())),
        );
        let mut h = Html::new(&links);
        let t = h.convert(
            "See <a href=\"https://corefork.telegram.org/method/messages.sendMessage\">send \u{bb}</a>, \
             {@link RawUser} and {@link RawNope}: <strong>bold </strong>x &amp; <code>a < b &lt;</code>\
             <br><br>- one<br>- <em>two</em><br>after <bot_username> <img alt=\"🏀\" src=x>",
        );
        assert_eq!(
            t.spans(),
            &[
                Span::Text("See ".into()),
                Span::Link {
                    text: "send".into(),
                    target: LinkTarget::Method("messages.sendMessage".into())
                },
                Span::Text(", ".into()),
                Span::Link {
                    text: "user".into(),
                    target: LinkTarget::Constructor("user".into())
                },
                Span::Text(" and ".into()),
                Span::Code("RawNope".into()),
                Span::Text(": ".into()),
                Span::Open(Style::Strong),
                Span::Text("bold".into()),
                Span::Close(Style::Strong),
                Span::Text(" x & ".into()),
                Span::Code("a < b <".into()),
                Span::Item {
                    depth: 0,
                    number: None
                },
                Span::Text("one".into()),
                Span::Item {
                    depth: 0,
                    number: None
                },
                Span::Open(Style::Emphasis),
                Span::Text("two".into()),
                Span::Close(Style::Emphasis),
                Span::ParagraphBreak,
                Span::Text("after <bot_username> 🏀".into()),
            ]
        );
        assert_eq!(h.unresolved, 1);
        // Hostile markup: nothing panics, emphasis stays balanced.
        for s in [
            "<",
            "<a",
            "<a href=\"x",
            "</strong>",
            "<strong><em>x</strong>y</em>",
            "&#xFFFFFFFF;",
            "&",
            "{@link",
            "<code>",
            "<!--",
            "<a href=x>unclosed",
            "\u{e9}<b>\u{e9}",
            "\n\n\n",
            "<br><br>",
            "- ",
            "<strong>\n\nx</strong>",
        ] {
            let t = h.convert(s);
            let opens = t
                .spans()
                .iter()
                .filter(|s| matches!(s, Span::Open(_)))
                .count();
            let closes = t
                .spans()
                .iter()
                .filter(|s| matches!(s, Span::Close(_)))
                .count();
            assert_eq!(opens, closes, "{s:?}: {:?}", t.spans());
        }
        assert_eq!(
            markdown_plain("See [here &raquo;](/api/x), `a_b` **c**."),
            "See here, a_b c."
        );
    }
}
