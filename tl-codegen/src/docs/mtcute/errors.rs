//! `raw-errors.json`: the error catalog, errors per method, and instances of placeholder
//! names read as their patterns.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use super::read::{
    clip, error_doc, id_u32, int, is_tl_name, kind, members, MtcuteDocs, Warn, MTCUTE_SCHEMA_FILE,
};
use crate::docs::error_names::{digits_as_placeholder, has_x_word};
use crate::docs::rich_text::RichText;
use crate::docs::set::{merge_errors, DocsSet, ErrorDoc, MethodDoc};
use crate::docs::text::is_br;

#[derive(Default)]
pub(super) struct ErrorsRead {
    catalog: Vec<ErrorDoc>,
    /// Methods with their errors and users/bots flags, in file order.
    methods: Vec<MethodDoc>,
}

pub(super) fn read_errors(
    json: &Value,
    path: &Path,
    ids: Option<&HashMap<u32, (bool, String)>>,
    warn: &mut Warn,
    out: &mut MtcuteDocs,
) -> ErrorsRead {
    let Value::Object(_) = json else {
        warn.push(format!(
            "top level is {}, not an object; file skipped",
            kind(json)
        ));
        return ErrorsRead::default();
    };
    let (catalog, by_name) = read_catalog(json, warn);
    let mut methods = Methods {
        list: Vec::new(),
        index: HashMap::new(),
        source: path,
    };
    read_throws(json, (&catalog, &by_name), ids, warn, out, &mut methods);
    // Numeric keys in order of the id as an unsigned 32-bit number, not as text.
    let id_order = |key: &str| key.parse::<i64>().ok().and_then(id_u32);
    out.unmapped_ids.sort_by_key(|k| id_order(k));
    out.mapped_ids.sort_by_key(|(k, _)| id_order(k));
    read_callers(json, ids, warn, out, &mut methods);
    ErrorsRead {
        catalog,
        methods: methods.list,
    }
}

/// The catalog (`errors`): each error with its code and description, and where each name
/// is in it.
fn read_catalog<'j>(json: &'j Value, warn: &mut Warn) -> (Vec<ErrorDoc>, HashMap<&'j str, usize>) {
    let mut catalog = Vec::new();
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
                by_name.entry(key).or_insert(catalog.len());
                catalog.push(error_doc(code, key, description));
            }
        }
        Some(other) => warn.push(format!(
            "`errors` is {}, not an object; ignored",
            kind(other)
        )),
        None => warn.push("no `errors` object; no error codes known".to_owned()),
    }
    (catalog, by_name)
}

/// The method a key of `throws`, `userOnly` or `botOnly` names: a TL name, or a numeric id
/// of `api-schema.json` (ids given to `throws` are listed in `out` as mapped or not).
fn method_name(
    key: &str,
    field: &str,
    ids: Option<&HashMap<u32, (bool, String)>>,
    warn: &mut Warn,
    out: &mut MtcuteDocs,
) -> Option<String> {
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
}

/// The methods the file speaks of, in the order it first does.
struct Methods<'p> {
    list: Vec<MethodDoc>,
    index: HashMap<String, usize>,
    source: &'p Path,
}

impl Methods<'_> {
    /// The method named `name`, added if new.
    fn get(&mut self, name: String) -> &mut MethodDoc {
        let i = *self.index.entry(name.clone()).or_insert_with(|| {
            self.list.push(MethodDoc {
                name,
                description: None,
                params: Vec::new(),
                return_type: None,
                users_can_use: None,
                bots_can_use: None,
                bots_business_can_use: None,
                errors: Vec::new(),
                notes: Vec::new(),
                source: self.source.to_path_buf(),
            });
            self.list.len() - 1
        });
        &mut self.list[i]
    }
}

/// `throws`: each method's errors, by name from the catalog.
fn read_throws(
    json: &Value,
    (catalog, by_name): (&[ErrorDoc], &HashMap<&str, usize>),
    ids: Option<&HashMap<u32, (bool, String)>>,
    warn: &mut Warn,
    out: &mut MtcuteDocs,
    methods: &mut Methods<'_>,
) {
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
                let Some(name) = method_name(key, "throws", ids, warn, out) else {
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
                        Some(&i) => errors.push(catalog[i].clone()),
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
                merge_errors(&mut methods.get(name).errors, errors);
            }
        }
        Some(other) => warn.push(format!(
            "`throws` is {}, not an object; ignored",
            kind(other)
        )),
        None => {}
    }
}

/// `userOnly` and `botOnly`: who may call what (a method in both is warned about).
fn read_callers(
    json: &Value,
    ids: Option<&HashMap<u32, (bool, String)>>,
    warn: &mut Warn,
    out: &mut MtcuteDocs,
    methods: &mut Methods<'_>,
) {
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
            if let Some(name) = method_name(key, field, ids, warn, out) {
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
        let method = methods.get(name.clone());
        method.users_can_use = Some(user);
        method.bots_can_use = Some(!user);
    }
}

/// Adds what `raw-errors.json` says to what `api-schema.json` said: its errors come first
/// (`raw-errors.json` is the error catalog), then the schema's per-method errors.
pub(super) fn add_error_read(docs: &mut DocsSet, read: ErrorsRead) {
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
pub(super) fn collapse_instances(docs: &mut DocsSet) {
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
pub(super) fn markdown_plain(markdown: &str) -> String {
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
