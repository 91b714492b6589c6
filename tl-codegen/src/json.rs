//! Telegram's JSON form of a schema, both ways.
//!
//! Telegram publishes its API schema as JSON as well as TL: `constructors` (each with `id` as
//! a signed 32-bit decimal string, `predicate`, `params` as `{name, type}` and `type`) and
//! `methods` (the same with `method` in place of `predicate`). Parameter types are written as
//! in the schema (`#`, `flags.0?true`, `Vector<InputUser>`, `!X`). [`export`] writes that
//! form from a resolved model, with extra keys that Telegram's file does not have: `layer`,
//! and, when docs pages are given, `description` on entries and parameters, `errors`,
//! `bots_can_use`, `users_can_use`, `bots_business_can_use` on methods, and a `types` list of
//! type descriptions; with compatibility sources (older layers), a `layer` on each older
//! constructor kept as one of its own, and a `compat` list of what became of every older
//! constructor. [`to_schema`] turns the JSON back into TL schema text (the current schema's:
//! older constructors are left out), so the round trip schema -> JSON -> schema gives the
//! same model.
//!
//! Two things the JSON does not carry are rebuilt: a method's type parameters (`{X:Type}`)
//! are the names its parameters use as `!X`, and the built-in `vector` entry (present in
//! Telegram's file) becomes the usual `vector {t:Type} # [ t ] = Vector t` line. Types are
//! written from the resolved model, so a bare type written `%T` in the schema comes out as
//! the name of its constructor, which means the same on the wire.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::docs::{DocsSet, ParamDoc, RichText};
use crate::files::{read_bounded, ReadError, MAX_JSON_BYTES};
use crate::model::{param_text, type_text, Fate, Item, Model, Ty};

/// A schema in Telegram's JSON form (with the extra keys described in the
/// [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaJson {
    /// The layer (extra key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<i32>,
    /// Constructors, `Bool`'s included, sorted by name.
    pub constructors: Vec<ConstructorJson>,
    /// Functions, sorted by name.
    pub methods: Vec<MethodJson>,
    /// Descriptions of boxed types (extra key, only with docs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TypeJson>,
    /// What became of each constructor of the older layers given as compatibility sources
    /// (extra key, only with them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compat: Vec<CompatJson>,
}

/// What became of one constructor of an older layer (see [`crate::model::compat`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompatJson {
    /// Its id, as a signed 32-bit decimal number.
    pub id: String,
    /// Its name.
    pub predicate: String,
    /// The newest layer given that has it.
    pub layer: i32,
    /// `read into the current constructor`, `a constructor of its own` (then it is also in
    /// `constructors`, with its `layer`) or `not used`.
    pub becomes: String,
    /// Why it is not read into the current constructor (empty when it is).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// One constructor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstructorJson {
    /// The id as a signed 32-bit decimal number (`"-1132882121"`).
    pub id: String,
    /// The name (`boolFalse`, `phone.phoneCall`).
    pub predicate: String,
    /// The parameters in wire order, `#` ones included.
    pub params: Vec<ParamJson>,
    /// The boxed type it builds.
    #[serde(rename = "type")]
    pub ty: String,
    /// What it stands for (extra key, from the docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// For a constructor of an older layer kept as one of its own (a compatibility source's),
    /// that layer (extra key). [`to_schema`] leaves these out: they are not the schema's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<i32>,
}

/// One function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodJson {
    /// The id as a signed 32-bit decimal number.
    pub id: String,
    /// The name (`phone.requestCall`).
    pub method: String,
    /// The parameters in wire order.
    pub params: Vec<ParamJson>,
    /// What it returns (`phone.PhoneCall`, `Vector<long>`, `X`).
    #[serde(rename = "type")]
    pub ty: String,
    /// What it does (extra key, from the docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its documented errors (extra key, from the docs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorJson>,
    /// Whether bots may call it, when the docs say (extra key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bots_can_use: Option<bool>,
    /// Whether users may call it, when the docs say (extra key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_can_use: Option<bool>,
    /// Whether bots may call it over a business connection, when the docs say (extra key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bots_business_can_use: Option<bool>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ParamJson {
    /// Its name.
    pub name: String,
    /// Its type as the schema writes it (`#`, `flags.2?string`, `Vector<long>`, `!X`).
    #[serde(rename = "type")]
    pub ty: String,
    /// Its description (extra key, from the docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One documented error of a method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorJson {
    /// `400`, `420`, ...
    pub code: i32,
    /// `USER_ID_INVALID`, `FLOOD_WAIT_X`, ...
    pub name: String,
    /// What it means (possibly empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The description of a boxed type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeJson {
    /// The type's name (`InputPeer`).
    #[serde(rename = "type")]
    pub name: String,
    /// Its description.
    pub description: String,
}

/// The id as Telegram's JSON writes it.
fn signed_id(id: u32) -> String {
    (id as i32).to_string()
}

fn plain(text: &Option<RichText>) -> Option<String> {
    text.as_ref().map(RichText::plain).filter(|t| !t.is_empty())
}

fn params(model: &Model, item: &Item, docs: &[ParamDoc]) -> Vec<ParamJson> {
    item.params
        .iter()
        .enumerate()
        .map(|(p, f)| {
            let ty = param_text(model, item, p);
            let description = docs
                .iter()
                .find(|d| d.name == f.name)
                .and_then(|d| plain(&d.description));
            ParamJson {
                name: f.name.clone(),
                ty,
                description,
            }
        })
        .collect()
}

/// The JSON form of `model`, with the docs under extra keys when `docs` is given.
pub fn export(model: &Model, docs: Option<&DocsSet>) -> SchemaJson {
    let empty = DocsSet::default();
    let docs = docs.unwrap_or(&empty);
    let mut constructors: Vec<ConstructorJson> = model
        .constructors
        .iter()
        .chain(&model.bool_constructors)
        .map(|c| {
            let name = c.name.to_string();
            let doc = docs.constructors.get(&name);
            ConstructorJson {
                id: signed_id(c.id),
                params: params(model, c, doc.map_or(&[], |d| &d.params)),
                ty: match &c.result {
                    Ty::Bool => "Bool".to_owned(),
                    other => type_text(model, other),
                },
                description: doc.and_then(|d| plain(&d.description)),
                predicate: name,
                layer: c.compat_layer,
            }
        })
        .collect();
    // Stable: a name's older constructors after its current one.
    constructors.sort_by(|a, b| a.predicate.cmp(&b.predicate));
    let methods = model
        .functions
        .iter()
        .map(|f| {
            let name = f.name.to_string();
            let doc = docs.methods.get(&name);
            MethodJson {
                id: signed_id(f.id),
                params: params(model, f, doc.map_or(&[], |d| &d.params)),
                ty: match &f.result {
                    Ty::Generic(x) => x.clone(),
                    other => type_text(model, other),
                },
                description: doc.and_then(|d| plain(&d.description)),
                errors: doc.map_or_else(Vec::new, |d| {
                    d.errors
                        .iter()
                        .map(|e| ErrorJson {
                            code: e.code,
                            name: e.name.clone(),
                            description: e.description.clone(),
                        })
                        .collect()
                }),
                bots_can_use: doc.and_then(|d| d.bots_can_use),
                users_can_use: doc.and_then(|d| d.users_can_use),
                bots_business_can_use: doc.and_then(|d| d.bots_business_can_use),
                method: name,
            }
        })
        .collect();
    let types = model
        .types
        .iter()
        .filter_map(|t| {
            let name = t.name.to_string();
            let description = docs.types.get(&name).and_then(|d| plain(&d.description))?;
            Some(TypeJson { name, description })
        })
        .collect();
    let compat = model
        .compat
        .outcomes
        .iter()
        .map(|o| {
            let (becomes, reason) = match &o.fate {
                Fate::Mapped => ("read into the current constructor", String::new()),
                Fate::Variant { reason } => ("a constructor of its own", reason.clone()),
                Fate::Unusable { reason } => ("not used", reason.clone()),
            };
            CompatJson {
                id: signed_id(o.id),
                predicate: o.name.clone(),
                layer: o.layer,
                becomes: becomes.to_owned(),
                reason,
            }
        })
        .collect();
    SchemaJson {
        layer: model.layer,
        constructors,
        methods,
        types,
        compat,
    }
}

impl SchemaJson {
    /// Reads the JSON text (Telegram's file, or one [`export`] wrote). Errors name the line
    /// and column.
    pub fn from_json(text: &str) -> Result<SchemaJson, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Reads a JSON schema file of at most 64 MiB (Telegram's is about 1 MB). Errors name the
    /// file, and for the JSON text the line and column.
    pub fn read(path: &Path) -> Result<SchemaJson, String> {
        let bytes = read_bounded(path, MAX_JSON_BYTES).map_err(|e| match e {
            ReadError::Io(e) => format!("{}: {e}", path.display()),
            ReadError::TooLarge { .. } => format!(
                "{}: larger than {} MiB",
                path.display(),
                MAX_JSON_BYTES >> 20
            ),
        })?;
        let text =
            String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))?;
        Self::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The JSON text: one line (as Telegram publishes it) or indented.
    pub fn to_json(&self, pretty: bool) -> String {
        let text = if pretty {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        // Only strings, numbers and booleans: serializing cannot fail.
        text.unwrap_or_default()
    }
}

/// Where in the JSON a problem is, as a path (`methods[3].params[1].type`).
fn at(list: &str, i: usize, rest: &str) -> String {
    format!("{list}[{i}]{rest}")
}

/// Reads an id written as a signed (Telegram) or unsigned 32-bit decimal number.
fn parse_id(id: &str) -> Option<u32> {
    id.parse::<i32>()
        .map(|v| v as u32)
        .or_else(|_| id.parse::<u32>())
        .ok()
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Whether a type text is made of what TL types are made of (so that nothing in the JSON
/// can end a definition early or smuggle in another one).
fn is_type_text(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '<' | '>' | '!' | '%' | '#' | '?')
        })
}

/// One definition line. `kind` and `i` say where it came from, for errors.
fn definition(
    kind: &str,
    i: usize,
    name: &str,
    id: &str,
    params: &[ParamJson],
    ty: &str,
    generic: bool,
) -> Result<String, String> {
    if !is_name(name) {
        return Err(format!("{}: `{name}` is not a TL name", at(kind, i, "")));
    }
    let id = parse_id(id).ok_or_else(|| {
        format!(
            "{}: `{id}` is not a 32-bit decimal number",
            at(kind, i, ".id")
        )
    })?;
    let mut line = format!("{name}#{id:08x}");
    if generic {
        // `{X:Type}` for each `!X`, in order of first use.
        let mut seen = Vec::new();
        for p in params {
            if let Some(x) = p.ty.strip_prefix('!') {
                if !seen.contains(&x) {
                    seen.push(x);
                    let _ = write!(line, " {{{x}:Type}}");
                }
            }
        }
    }
    for (j, p) in params.iter().enumerate() {
        if !is_name(&p.name) || p.name.contains('.') {
            return Err(format!(
                "{}: `{}` is not a parameter name",
                at(kind, i, &format!(".params[{j}].name")),
                p.name
            ));
        }
        if !is_type_text(&p.ty) {
            return Err(format!(
                "{}: `{}` is not a TL type",
                at(kind, i, &format!(".params[{j}].type")),
                p.ty
            ));
        }
        let _ = write!(line, " {}:{}", p.name, p.ty);
    }
    if !is_type_text(ty) {
        return Err(format!("{}: `{ty}` is not a TL type", at(kind, i, ".type")));
    }
    let _ = write!(line, " = {ty};");
    Ok(line)
}

/// TL schema text for the JSON form, which the schema reader turns back into the same model.
/// Fails (naming the JSON path, like `methods[3].params[1].type`) on names, ids or types that
/// cannot be TL.
pub fn to_schema(json: &SchemaJson) -> Result<String, String> {
    let mut out = String::new();
    if let Some(layer) = json.layer {
        let _ = writeln!(out, "// LAYER {layer}\n");
    }
    // Duplicates would be reported by the schema reader, but against the generated text;
    // here they can be pinned to the JSON entry.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in json.constructors.iter().enumerate() {
        if c.layer.is_some() {
            // An older layer's, not the schema's.
            continue;
        }
        if let Some(first) = seen.insert(&c.predicate, i) {
            return Err(format!(
                "{}: `{}` is defined twice (first at constructors[{first}])",
                at("constructors", i, ""),
                c.predicate
            ));
        }
        if c.predicate == "vector" && c.ty == "Vector t" {
            out.push_str("vector#1cb5c415 {t:Type} # [ t ] = Vector t;\n");
            continue;
        }
        let line = definition(
            "constructors",
            i,
            &c.predicate,
            &c.id,
            &c.params,
            &c.ty,
            false,
        )?;
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("\n---functions---\n\n");
    seen.clear();
    for (i, m) in json.methods.iter().enumerate() {
        if let Some(first) = seen.insert(&m.method, i) {
            return Err(format!(
                "{}: `{}` is defined twice (first at methods[{first}])",
                at("methods", i, ""),
                m.method
            ));
        }
        let line = definition("methods", i, &m.method, &m.id, &m.params, &m.ty, true)?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resolved_for_test;
    use std::path::{Path, PathBuf};

    fn model_of(files: &[(PathBuf, String)]) -> Model {
        let files: Vec<(&Path, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_str()))
            .collect();
        resolved_for_test(&files)
    }

    fn bundled() -> Model {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
        let files: Vec<(PathBuf, String)> = ["api.tl", "mtproto.tl"]
            .iter()
            .map(|f| (root.join(f), std::fs::read_to_string(root.join(f)).unwrap()))
            .collect();
        model_of(&files)
    }

    /// With an older layer as a compatibility source: its constructors of their own carry
    /// their `layer`, `compat` says what became of each, and the TL form is the current
    /// schema's alone.
    #[test]
    fn compatibility_sources() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compat");
        let read = |name: &str| {
            let path = fixtures.join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            model_of(&[(path, text)])
        };
        let mut model = read("current.tl");
        let old = read("layer20.tl");
        crate::model::attach(
            &mut model,
            &[crate::model::CompatSource {
                layer: 20,
                model: &old,
            }],
        );
        let json = export(&model, None);
        let own: Vec<(&str, Option<i32>)> = json
            .constructors
            .iter()
            .filter(|c| c.layer.is_some())
            .map(|c| (c.predicate.as_str(), c.layer))
            .collect();
        assert_eq!(
            own,
            [
                ("photo", Some(20)),
                ("reasonOther", Some(20)),
                ("reasonSpam", Some(20)),
                ("userDeleted", Some(20)),
            ]
        );
        let fates: Vec<(&str, &str)> = json
            .compat
            .iter()
            .map(|c| (c.predicate.as_str(), c.becomes.as_str()))
            .collect();
        assert_eq!(
            fates,
            [
                ("photo", "a constructor of its own"),
                ("user", "read into the current constructor"),
                ("reasonOther", "a constructor of its own"),
                ("reasonSpam", "a constructor of its own"),
                ("userDeleted", "a constructor of its own"),
            ]
        );
        assert_eq!(json.compat[1].id, "268435457");
        assert!(
            json.compat[0].reason.contains("date"),
            "{}",
            json.compat[0].reason
        );
        // The text round trip: the keys survive, and the TL form is today's schema.
        let back = SchemaJson::from_json(&json.to_json(true)).unwrap();
        assert_eq!(back, json);
        let tl = to_schema(&back).unwrap();
        let current = read("current.tl");
        let again = model_of(&[(PathBuf::from("back.tl"), tl)]);
        assert_eq!(export(&again, None), export(&current, None));
    }

    #[test]
    fn telegram_shape() {
        let model = bundled();
        let json = export(&model, None);
        let text = json.to_json(false);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let bool_false = value["constructors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["predicate"] == "boolFalse")
            .unwrap();
        // 0xbc799737 as a signed 32-bit number.
        assert_eq!(
            bool_false,
            &serde_json::json!({"id": "-1132882121", "predicate": "boolFalse", "params": [], "type": "Bool"})
        );
        let request_call = value["methods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["method"] == "phone.requestCall")
            .unwrap();
        assert_eq!(request_call["id"], (0x42ff96edu32 as i32).to_string());
        assert_eq!(request_call["type"], "phone.PhoneCall");
        assert_eq!(
            request_call["params"][0],
            serde_json::json!({"name": "flags", "type": "#"})
        );
        assert_eq!(
            request_call["params"][1],
            serde_json::json!({"name": "video", "type": "flags.0?true"})
        );
        let layer = value["methods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["method"] == "invokeWithLayer")
            .unwrap();
        assert_eq!(
            layer["params"],
            serde_json::json!([{"name": "layer", "type": "int"}, {"name": "query", "type": "!X"}])
        );
        assert_eq!(layer["type"], "X");
        assert_eq!(value["layer"], 230);
        assert_eq!(
            value["constructors"].as_array().unwrap().len(),
            model.constructors.len() + model.bool_constructors.len()
        );
    }

    /// schema -> JSON -> schema text -> model gives the same definitions, and the same JSON.
    #[test]
    fn round_trip_of_the_bundled_schema() {
        let model = bundled();
        let json = export(&model, None);
        let text = to_schema(&SchemaJson::from_json(&json.to_json(true)).unwrap()).unwrap();
        let again = model_of(&[(PathBuf::from("roundtrip.tl"), text)]);
        let defs = |m: &Model| -> Vec<(String, u32, String)> {
            m.constructors
                .iter()
                .chain(&m.bool_constructors)
                .chain(&m.functions)
                // Telegram's JSON names a bare type by its constructor: the bundled
                // `msg_container`'s `vector<%mtproto.Message>` comes back as
                // `vector<mtproto.message>`, the same type.
                .map(|i| {
                    let definition = i.definition.replace("%mtproto.Message", "mtproto.message");
                    (i.name.to_string(), i.id, definition)
                })
                .collect()
        };
        assert_eq!(defs(&again), defs(&model));
        assert_eq!(again.layer, model.layer);
        assert_eq!(export(&again, None), json);
    }

    #[test]
    fn telegram_vector_entry_and_generic_methods() {
        let text = r##"{"constructors":[
            {"id":"481674261","predicate":"vector","params":[],"type":"Vector t"},
            {"id":"-1132882121","predicate":"boolFalse","params":[],"type":"Bool"},
            {"id":"-1720552011","predicate":"boolTrue","params":[],"type":"Bool"},
            {"id":"1","predicate":"a.b","params":[{"name":"flags","type":"#"},{"name":"x","type":"flags.3?Vector<long>"}],"type":"a.B"}],
          "methods":[{"id":"-627372787","method":"invokeWithLayer","params":[{"name":"layer","type":"int"},{"name":"query","type":"!X"}],"type":"X"}]}"##;
        let json = SchemaJson::from_json(text).unwrap();
        let schema = to_schema(&json).unwrap();
        assert!(schema.contains("vector#1cb5c415 {t:Type} # [ t ] = Vector t;\n"));
        assert!(schema.contains("a.b#00000001 flags:# x:flags.3?Vector<long> = a.B;\n"));
        assert!(schema.contains("invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n"));
        let model = model_of(&[(PathBuf::from("t.tl"), schema)]);
        assert_eq!(model.functions[0].id, 0xda9b0d0d);
        assert!(model.functions[0].is_generic());
    }

    #[test]
    fn bad_json_is_pinned_down() {
        let err = SchemaJson::from_json("{\"constructors\": [], \"methods\": [1]}").unwrap_err();
        assert!(err.contains("line 1 column"), "{err}");
        let entry = |name: &str, id: &str, ty: &str| {
            format!(
                r#"{{"constructors":[{{"id":"{id}","predicate":"{name}","params":[{{"name":"a","type":"{ty}"}}],"type":"T"}}],"methods":[]}}"#
            )
        };
        let check = |text: String, expected: &str| {
            let json = SchemaJson::from_json(&text).unwrap();
            assert_eq!(to_schema(&json).unwrap_err(), expected);
        };
        check(
            entry("t", "99999999999", "int"),
            "constructors[0].id: `99999999999` is not a 32-bit decimal number",
        );
        check(
            entry("t", "1", "int; evil#1 = T"),
            "constructors[0].params[0].type: `int; evil#1 = T` is not a TL type",
        );
        check(
            entry("t t", "1", "int"),
            "constructors[0]: `t t` is not a TL name",
        );
    }
}
