//! `api-schema.json`: descriptions of types, constructors, methods and their parameters,
//! and the errors methods declare (`throws`).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::html::Html;
use super::read::{clip, error_doc, id_u32, int, is_tl_name, kind, members, Warn};
use crate::docs::rich_text::{LinkTarget, RichText};
use crate::docs::set::{
    merge_errors, ConstructorDoc, DocsSet, ErrorDoc, MethodDoc, Page, ParamDoc, TypeDoc,
};

#[derive(Default)]
pub(super) struct SchemaRead {
    pub(super) docs: DocsSet,
    /// Entry ids: whether the entry is a method, and its name.
    pub(super) ids: HashMap<u32, (bool, String)>,
    pub(super) unresolved_links: usize,
}

/// mtcute's name for a TL entry in `{@link}`: `user` → `RawUser`, `messages.sendMessage` →
/// `messages.RawSendMessageRequest`.
pub(super) fn mtcute_name(tl_name: &str, method: bool) -> String {
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

pub(super) fn read_schema(json: &Value, path: &Path, warn: &mut Warn) -> SchemaRead {
    let mut read = SchemaRead::default();
    let Value::Object(_) = json else {
        warn.push(format!(
            "top level is {}, not an object; file skipped",
            kind(json)
        ));
        return read;
    };
    let entries = entries(json, warn);
    let links = link_names(entries, &mut read.ids);
    let mut html = Html::new(&links);
    let mut types = TypeMembers::default();
    read_entries(entries, path, &mut html, warn, &mut read.docs, &mut types);
    read_unions(json, path, &mut html, warn, &mut read.docs, types);
    read.unresolved_links = html.unresolved;
    read
}

/// The entries (`e`): constructors and methods.
fn entries<'j>(json: &'j Value, warn: &mut Warn) -> &'j [Value] {
    match json.get("e") {
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
    }
}

/// First pass: mtcute's name of each entry (`RawUser`) to its TL name and link target, for
/// `{@link}` references; and each id's entry into `ids`.
fn link_names(
    entries: &[Value],
    ids: &mut HashMap<u32, (bool, String)>,
) -> HashMap<String, (String, LinkTarget)> {
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
            ids.entry(id).or_insert((method, name.to_owned()));
        }
    }
    links
}

/// What the entries say each type has: its constructors, and the methods returning it.
#[derive(Default)]
struct TypeMembers {
    constructors_of: HashMap<String, Vec<String>>,
    methods_returning: HashMap<String, Vec<String>>,
}

/// Second pass: a page per entry.
fn read_entries(
    entries: &[Value],
    path: &Path,
    html: &mut Html<'_>,
    warn: &mut Warn,
    docs: &mut DocsSet,
    types: &mut TypeMembers,
) {
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
        let description = text_field(e, "comment", name, html, warn);
        let params = read_arguments(e, name, html, warn);
        let ty = tl_type(e);
        match e.get("kind").and_then(Value::as_str) {
            Some("method") => {
                let errors = read_schema_throws(e, name, html, warn);
                if let Some(ty) = &ty {
                    types
                        .methods_returning
                        .entry(ty.clone())
                        .or_default()
                        .push(name.to_owned());
                }
                docs.add_page(Page::Method(MethodDoc {
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
                    types
                        .constructors_of
                        .entry(ty.clone())
                        .or_default()
                        .push(name.to_owned());
                }
                docs.add_page(Page::Constructor(ConstructorDoc {
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
}

/// The types (`u`), with their descriptions and what the entries said they have.
fn read_unions(
    json: &Value,
    path: &Path,
    html: &mut Html<'_>,
    warn: &mut Warn,
    docs: &mut DocsSet,
    mut types: TypeMembers,
) {
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
                docs.add_page(Page::Type(TypeDoc {
                    name: name.to_owned(),
                    description,
                    constructors: types.constructors_of.remove(name).unwrap_or_default(),
                    methods: types.methods_returning.remove(name).unwrap_or_default(),
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
