//! What changed between two schemas (two layers): constructors and methods added, removed
//! and changed (id, parameters, result type), as text for people or JSON for tools.
//!
//! Items are matched by name. A renamed item shows as one removed and one added: the wire
//! cannot tell a rename from a replacement either, as the id changes with the name.
//!
//! [`api`] says what the same differences do to the generated Rust API: breaking or
//! compatible, with the Rust paths involved.

pub mod api;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::json::{ConstructorJson, MethodJson, ParamJson, SchemaJson};

/// The differences between two schemas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaDiff {
    /// The old schema's layer.
    pub old_layer: Option<i32>,
    /// The new schema's layer.
    pub new_layer: Option<i32>,
    /// Constructors.
    pub constructors: Changes,
    /// Methods.
    pub methods: Changes,
}

/// The differences in one kind of item, each list sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Only in the new schema.
    pub added: Vec<Definition>,
    /// Only in the old schema.
    pub removed: Vec<Definition>,
    /// In both, defined differently.
    pub changed: Vec<Changed>,
}

/// An item as a definition line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Definition {
    /// Its name.
    pub name: String,
    /// The definition as a schema writes it (`name#id params = Type;`).
    pub definition: String,
}

/// An item present in both schemas with a different definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// Its name.
    pub name: String,
    /// The old definition.
    pub old: String,
    /// The new definition.
    pub new: String,
    /// The id, when it changed: `[old, new]`, as hexadecimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<[String; 2]>,
    /// The result type (for constructors, the boxed type), when it changed: `[old, new]`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub result: Option<[String; 2]>,
    /// Parameters only in the new definition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params_added: Vec<Param>,
    /// Parameters only in the old definition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params_removed: Vec<Param>,
    /// Parameters in both with another type (or flag condition).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params_retyped: Vec<Retyped>,
    /// Whether parameters kept in both appear in another order (which changes the wire form).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub params_reordered: bool,
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its type as written (`flags.1?string`).
    #[serde(rename = "type")]
    pub ty: String,
}

/// A parameter whose type changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retyped {
    /// Its name.
    pub name: String,
    /// The old type.
    pub old: String,
    /// The new type.
    pub new: String,
}

/// What both constructors and methods have.
struct Entry<'a> {
    name: &'a str,
    id: &'a str,
    params: &'a [ParamJson],
    ty: &'a str,
}

impl<'a> From<&'a ConstructorJson> for Entry<'a> {
    fn from(c: &'a ConstructorJson) -> Self {
        Entry {
            name: &c.predicate,
            id: &c.id,
            params: &c.params,
            ty: &c.ty,
        }
    }
}

impl<'a> From<&'a MethodJson> for Entry<'a> {
    fn from(m: &'a MethodJson) -> Self {
        Entry {
            name: &m.method,
            id: &m.id,
            params: &m.params,
            ty: &m.ty,
        }
    }
}

impl Entry<'_> {
    /// The id as 8 hexadecimal digits (as the schema writes it), or as given if unreadable.
    fn hex_id(&self) -> String {
        self.id
            .parse::<i32>()
            .map(|v| format!("{:08x}", v as u32))
            .or_else(|_| self.id.parse::<u32>().map(|v| format!("{v:08x}")))
            .unwrap_or_else(|_| self.id.to_owned())
    }

    fn definition(&self) -> String {
        let mut out = format!("{}#{}", self.name, self.hex_id());
        for p in self.params {
            out.push_str(&format!(" {}:{}", p.name, p.ty));
        }
        out.push_str(&format!(" = {};", self.ty));
        out
    }

    fn as_definition(&self) -> Definition {
        Definition {
            name: self.name.to_owned(),
            definition: self.definition(),
        }
    }
}

fn changed(old: &Entry<'_>, new: &Entry<'_>) -> Option<Changed> {
    let (old_id, new_id) = (old.hex_id(), new.hex_id());
    let id = (old_id != new_id).then_some([old_id, new_id]);
    let result = (old.ty != new.ty).then(|| [old.ty.to_owned(), new.ty.to_owned()]);
    let type_of = |params: &[ParamJson], name: &str| {
        params.iter().find(|p| p.name == name).map(|p| p.ty.clone())
    };
    let param = |p: &ParamJson| Param {
        name: p.name.clone(),
        ty: p.ty.clone(),
    };
    let params_added: Vec<Param> = new
        .params
        .iter()
        .filter(|p| type_of(old.params, &p.name).is_none())
        .map(param)
        .collect();
    let params_removed: Vec<Param> = old
        .params
        .iter()
        .filter(|p| type_of(new.params, &p.name).is_none())
        .map(param)
        .collect();
    let params_retyped: Vec<Retyped> = old
        .params
        .iter()
        .filter_map(|p| {
            let now = type_of(new.params, &p.name)?;
            (now != p.ty).then(|| Retyped {
                name: p.name.clone(),
                old: p.ty.clone(),
                new: now,
            })
        })
        .collect();
    let kept_order = |params: &[ParamJson], other: &[ParamJson]| -> Vec<String> {
        params
            .iter()
            .filter(|p| type_of(other, &p.name).is_some())
            .map(|p| p.name.clone())
            .collect()
    };
    let params_reordered = kept_order(old.params, new.params) != kept_order(new.params, old.params);
    let same = id.is_none()
        && result.is_none()
        && params_added.is_empty()
        && params_removed.is_empty()
        && params_retyped.is_empty()
        && !params_reordered;
    (!same).then(|| Changed {
        name: old.name.to_owned(),
        old: old.definition(),
        new: new.definition(),
        id,
        result,
        params_added,
        params_removed,
        params_retyped,
        params_reordered,
    })
}

fn compare<'a>(old: Vec<Entry<'a>>, new: Vec<Entry<'a>>) -> Changes {
    let old: BTreeMap<&str, Entry<'a>> = old.into_iter().map(|e| (e.name, e)).collect();
    let new: BTreeMap<&str, Entry<'a>> = new.into_iter().map(|e| (e.name, e)).collect();
    let mut out = Changes::default();
    for (name, o) in &old {
        match new.get(name) {
            None => out.removed.push(o.as_definition()),
            Some(n) => out.changed.extend(changed(o, n)),
        }
    }
    for (name, n) in &new {
        if !old.contains_key(name) {
            out.added.push(n.as_definition());
        }
    }
    out
}

/// Compares two schemas (in their JSON form, which [`crate::json::export`] makes from a
/// model, or as read from Telegram's JSON files).
pub fn diff(old: &SchemaJson, new: &SchemaJson) -> SchemaDiff {
    SchemaDiff {
        old_layer: old.layer,
        new_layer: new.layer,
        constructors: compare(
            old.constructors.iter().map(Entry::from).collect(),
            new.constructors.iter().map(Entry::from).collect(),
        ),
        methods: compare(
            old.methods.iter().map(Entry::from).collect(),
            new.methods.iter().map(Entry::from).collect(),
        ),
    }
}

impl SchemaDiff {
    /// Whether the schemas define the same constructors and methods (layers aside).
    pub fn is_empty(&self) -> bool {
        [&self.constructors, &self.methods]
            .iter()
            .all(|c| c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty())
    }

    /// The diff as pretty JSON.
    pub fn to_json(&self) -> String {
        // Only strings, booleans and lists: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The diff and, under the key `api`, its changes to the Rust API, as pretty JSON (what
    /// `tl-codegen diff --json` prints).
    pub fn to_json_with_api(&self, api: &api::ApiDiff) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            #[serde(flatten)]
            definitions: &'a SchemaDiff,
            api: &'a api::ApiDiff,
        }
        let report = Report {
            definitions: self,
            api,
        };
        // Only strings, numbers, booleans and lists: serializing cannot fail.
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

fn layer(l: Option<i32>) -> String {
    l.map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}"))
}

impl fmt::Display for SchemaDiff {
    /// A summary line per kind, then one line per added (`+`) or removed (`-`) item and a
    /// block per changed (`~`) one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.old_layer == self.new_layer {
            writeln!(f, "{}", layer(self.old_layer))?;
        } else {
            writeln!(f, "{} -> {}", layer(self.old_layer), layer(self.new_layer))?;
        }
        for (kind, c) in [
            ("constructors", &self.constructors),
            ("methods", &self.methods),
        ] {
            writeln!(
                f,
                "{kind}: {} added, {} removed, {} changed",
                c.added.len(),
                c.removed.len(),
                c.changed.len()
            )?;
        }
        for (kind, c) in [
            ("constructor", &self.constructors),
            ("method", &self.methods),
        ] {
            for a in &c.added {
                writeln!(f, "+ {kind} {}", a.definition)?;
            }
            for r in &c.removed {
                writeln!(f, "- {kind} {}", r.definition)?;
            }
            for ch in &c.changed {
                writeln!(f, "~ {kind} {}", ch.name)?;
                if let Some([old, new]) = &ch.id {
                    writeln!(f, "    id {old} -> {new}")?;
                }
                if let Some([old, new]) = &ch.result {
                    writeln!(f, "    type {old} -> {new}")?;
                }
                for p in &ch.params_added {
                    writeln!(f, "    + {}:{}", p.name, p.ty)?;
                }
                for p in &ch.params_removed {
                    writeln!(f, "    - {}:{}", p.name, p.ty)?;
                }
                for p in &ch.params_retyped {
                    writeln!(f, "    ~ {}: {} -> {}", p.name, p.old, p.new)?;
                }
                if ch.params_reordered {
                    writeln!(f, "    parameters reordered")?;
                }
                writeln!(f, "    old: {}", ch.old)?;
                writeln!(f, "    new: {}", ch.new)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str, ty: &str) -> ParamJson {
        ParamJson {
            name: name.into(),
            ty: ty.into(),
            description: None,
        }
    }

    fn ctor(name: &str, id: i32, params: &[(&str, &str)], ty: &str) -> ConstructorJson {
        ConstructorJson {
            id: id.to_string(),
            predicate: name.into(),
            params: params.iter().map(|(n, t)| param(n, t)).collect(),
            ty: ty.into(),
            description: None,
            layer: None,
        }
    }

    fn schema(layer: i32, constructors: Vec<ConstructorJson>) -> SchemaJson {
        SchemaJson {
            layer: Some(layer),
            constructors,
            methods: Vec::new(),
            types: Vec::new(),
            compat: Vec::new(),
        }
    }

    #[test]
    fn each_kind_of_change() {
        let old = schema(
            1,
            vec![
                ctor("gone", 1, &[], "T"),
                ctor("same", 2, &[("a", "int")], "T"),
                ctor("moved", 3, &[("a", "int"), ("b", "long")], "T"),
                ctor("edited", 4, &[("a", "int"), ("c", "string")], "T"),
            ],
        );
        let new = schema(
            2,
            vec![
                ctor("same", 2, &[("a", "int")], "T"),
                ctor("moved", 3, &[("b", "long"), ("a", "int")], "T"),
                ctor("edited", -5, &[("a", "long"), ("d", "flags.0?true")], "U"),
                ctor("fresh", 6, &[], "T"),
            ],
        );
        let d = diff(&old, &new);
        assert_eq!(d.constructors.added.len(), 1);
        assert_eq!(d.constructors.added[0].definition, "fresh#00000006 = T;");
        assert_eq!(d.constructors.removed[0].name, "gone");
        let names: Vec<&str> = d
            .constructors
            .changed
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["edited", "moved"]);
        let edited = &d.constructors.changed[0];
        assert_eq!(
            edited.id,
            Some(["00000004".to_owned(), "fffffffb".to_owned()])
        );
        assert_eq!(edited.result, Some(["T".to_owned(), "U".to_owned()]));
        assert_eq!(edited.params_added[0].name, "d");
        assert_eq!(edited.params_removed[0].name, "c");
        assert_eq!(
            edited.params_retyped,
            [Retyped {
                name: "a".into(),
                old: "int".into(),
                new: "long".into()
            }]
        );
        assert!(!edited.params_reordered);
        assert!(d.constructors.changed[1].params_reordered);
        assert!(diff(&old, &old).is_empty());
        let text = d.to_string();
        assert!(
            text.starts_with("layer 1 -> layer 2\nconstructors: 1 added, 1 removed, 2 changed\n")
        );
        assert!(text.contains("\n~ constructor edited\n    id 00000004 -> fffffffb\n    type T -> U\n    + d:flags.0?true\n    - c:string\n    ~ a: int -> long\n"));
    }
}
