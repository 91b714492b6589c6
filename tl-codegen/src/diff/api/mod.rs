//! What a schema change does to the generated Rust API: each difference between two schemas,
//! classified as breaking or compatible, with the Rust paths it touches.
//!
//! Both schemas are planned with the same [`Options`] as a build would plan them, and every
//! path, field name and Rust type is read from the two [`Plan`]s and the printer
//! ([`Printer::member_ty`] and friends), so they are the generated code's own.
//!
//! | change | impact |
//! | --- | --- |
//! | a type, constructor or function removed | breaking |
//! | a new type, a new function, a constructor of a new type | compatible |
//! | a new constructor of an existing type (a new enum variant) | breaking, unless enums are `#[non_exhaustive]` ([`Options::non_exhaustive_enums`]) |
//! | a constructor moved to another type | breaking |
//! | a function's result type changed | breaking (`RemoteCall::Return`) |
//! | a parameter removed, or its type changed | breaking |
//! | a new required parameter | breaking (`new` takes one more argument) |
//! | a new optional (`flags.N?`) parameter | compatible |
//! | a parameter made required, or optional | breaking |
//! | a field's Rust type changed otherwise (boxing, flag groups) | breaking |
//! | `new`'s arguments reordered | breaking |
//! | a Rust name changed (a variant's, after a clash) | breaking |
//! | a constructor id, a flag bit, the order of optional parameters | compatible (the wire form changes, the Rust API does not) |
//!
//! A new optional parameter is compatible for code written in the style the README
//! recommends, `Item { optional: value, ..Item::new(required...) }`: `new` leaves it absent.
//! A struct literal without `..` names every field and stops compiling (E0063), and so does a
//! pattern without `..`; this classification does not count those uses.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

mod structs;

use crate::model::{self, type_text, Item, Model, Ty};
use crate::options::Options;
use crate::plan::{ErrorFacts, Member, Plan, StructPlan};
use crate::print::{Printer, SchemaDocs};

/// What a change does to code using the generated bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Code that compiled against the old bindings may not compile against the new ones.
    Breaking,
    /// Code written in the recommended style keeps compiling.
    Compatible,
}

impl Impact {
    /// `breaking` or `compatible`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Compatible => "compatible",
        }
    }
}

/// The kind of a change, as the JSON form names it (`snake_case`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A boxed type (its enum) is gone.
    TypeRemoved,
    /// A new boxed type (a new enum).
    TypeAdded,
    /// A constructor (its struct and its variant) is gone.
    ConstructorRemoved,
    /// A new constructor: a new struct, and a new variant of its type's enum.
    ConstructorAdded,
    /// A constructor builds another type now: its variant moved to another enum.
    ConstructorMoved,
    /// A function (its struct) is gone.
    FunctionRemoved,
    /// A new function.
    FunctionAdded,
    /// A function returns another type.
    ResultChanged,
    /// A parameter (its field) is gone.
    ParamRemoved,
    /// A new parameter without a flag: a new field and a new argument of `new`.
    RequiredParamAdded,
    /// A new `flags.N?` parameter: a new field that `new` leaves absent.
    OptionalParamAdded,
    /// A parameter has another type.
    ParamRetyped,
    /// An optional parameter became required.
    ParamMadeRequired,
    /// A required parameter became optional.
    ParamMadeOptional,
    /// A field's Rust type changed, or a field appeared or went, without its parameter's
    /// type changing: boxing, or parameters joining or leaving a flag group.
    FieldChanged,
    /// The arguments of `new` changed otherwise (reordered).
    NewChanged,
    /// An item kept its TL name but got another Rust name or path.
    Renamed,
    /// A variant holds its struct in a `Box` now, or no longer.
    VariantChanged,
    /// The constructor id changed: the wire form, not the Rust API.
    IdChanged,
    /// Only the wire form changed otherwise: a flag bit, the order of optional parameters.
    WireChanged,
}

/// One change to the generated Rust API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiChange {
    /// Breaking or compatible.
    pub impact: Impact,
    /// What kind of change.
    pub kind: ChangeKind,
    /// The TL item it is about (`inputPeerUser`, `messages.sendMessage`, `InputPeer`), or
    /// parameter (`user.first_name`).
    pub item: String,
    /// The Rust paths involved, from the generated file's root (`types::InputPeerUser`,
    /// `enums::InputPeer::User`, `functions::messages::SendMessage`; a field as
    /// `types::User::first_name`), old ones before new ones where they differ.
    pub paths: Vec<String>,
    /// What changed, in words.
    pub detail: String,
}

/// The changes to the generated Rust API between two schemas, breaking ones first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiDiff {
    /// The old schema's layer.
    pub old_layer: Option<i32>,
    /// The new schema's layer.
    pub new_layer: Option<i32>,
    /// Whether enums were taken as `#[non_exhaustive]` (then a new variant is compatible).
    pub non_exhaustive_enums: bool,
    /// How many changes are breaking.
    pub breaking: usize,
    /// How many are compatible.
    pub compatible: usize,
    /// Every change: the breaking ones, then the compatible ones, each in the order types,
    /// constructors, functions, by TL name.
    pub changes: Vec<ApiChange>,
}

impl ApiDiff {
    /// Whether some change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.breaking > 0
    }
}

/// Classifies the differences between the bindings of `old` and of `new`, both planned with
/// `options` (of which [`Options::non_exhaustive_enums`] and the field types matter). Fails
/// with the options' problems, if one of the schemas refuses them (a pattern matching nothing).
pub fn classify(old: &Model, new: &Model, options: &Options) -> Result<ApiDiff, Vec<String>> {
    let old_plan = Plan::new(old, options, &ErrorFacts::NONE)?;
    let new_plan = Plan::new(new, options, &ErrorFacts::NONE)?;
    let old = Side::new(old, &old_plan);
    let new = Side::new(new, &new_plan);
    let mut out = Out {
        changes: Vec::new(),
        section: Section::Types,
        non_exhaustive: options.non_exhaustive_enums,
    };
    out.types(&old, &new);
    out.section = Section::Constructors;
    out.constructors(&old, &new);
    out.section = Section::Functions;
    out.functions(&old, &new);
    // Stable: the changes of one item stay in the order found.
    out.changes
        .sort_by(|(a, x), (b, y)| (x.impact, a, &x.item).cmp(&(y.impact, b, &y.item)));
    let changes: Vec<ApiChange> = out.changes.into_iter().map(|(_, c)| c).collect();
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    Ok(ApiDiff {
        old_layer: old.model.layer,
        new_layer: new.model.layer,
        non_exhaustive_enums: options.non_exhaustive_enums,
        breaking,
        compatible: changes.len() - breaking,
        changes,
    })
}

/// A field type without its `Box` (which wraps the value, inside any `Option`).
fn without_box(ty: &str) -> String {
    match ty.find("Box<") {
        Some(i) => {
            let mut out = format!("{}{}", &ty[..i], &ty[i + 4..]);
            out.pop();
            out
        }
        None => ty.to_owned(),
    }
}

/// One schema with its plan and a printer over both.
struct Side<'a> {
    model: &'a Model,
    plan: &'a Plan,
    printer: Printer<'a>,
    types: BTreeMap<String, usize>,
    ctors: BTreeMap<String, usize>,
    functions: BTreeMap<String, usize>,
}

fn by_name(names: impl Iterator<Item = String>) -> BTreeMap<String, usize> {
    names.enumerate().map(|(i, n)| (n, i)).collect()
}

/// How a type or constructor is named in the listing: its TL name, and for one of an older
/// layer kept beside the current one (a compatibility source's), that layer too, so that
/// both are compared with their own counterparts.
fn listed_name(name: impl fmt::Display, compat_layer: Option<i32>) -> String {
    match compat_layer {
        Some(layer) => format!("{name} (layer {layer})"),
        None => name.to_string(),
    }
}

impl<'a> Side<'a> {
    fn new(model: &'a Model, plan: &'a Plan) -> Self {
        Side {
            model,
            plan,
            printer: Printer::new(model, plan, &SchemaDocs),
            types: by_name(
                model
                    .types
                    .iter()
                    .map(|t| listed_name(&t.name, t.compat_layer)),
            ),
            ctors: by_name(
                model
                    .constructors
                    .iter()
                    .map(|c| listed_name(&c.name, c.compat_layer)),
            ),
            functions: by_name(model.functions.iter().map(|f| f.name.to_string())),
        }
    }

    /// The TL name of the type constructor `c` builds.
    fn type_of(&self, c: usize) -> String {
        match &self.model.constructors[c].result {
            Ty::Boxed(t) => {
                let ty = &self.model.types[*t];
                listed_name(&ty.name, ty.compat_layer)
            }
            other => type_text(self.model, other),
        }
    }

    /// The variant of constructor `c` (`enums::InputPeer::User`) and whether it is boxed.
    fn variant(&self, c: usize) -> Option<(String, bool)> {
        let Ty::Boxed(t) = &self.model.constructors[c].result else {
            return None;
        };
        let e = &self.plan.types[*t];
        let v = e.variants.iter().find(|v| v.ctor.0 == c)?;
        Some((format!("{}::{}", e.path.doc_path(), v.name), v.boxed))
    }

    /// The struct path and, if it has a variant, the variant path of constructor `c`.
    fn ctor_paths(&self, c: usize) -> Vec<String> {
        let mut paths = vec![self.plan.constructors[c].path.doc_path()];
        paths.extend(self.variant(c).map(|(v, _)| v));
        paths
    }

    /// A parameter as the schema writes it: `flags.1?string`.
    fn param_text(&self, item: &Item, p: usize) -> String {
        model::param_text(self.model, item, p)
    }

    /// Where parameter `p` lives in the Rust API: a field of the struct
    /// (`types::User::first_name`; for a flag group, the struct's field and the group
    /// struct's), or a method (`types::User::bot()` for a `true` flag implied by a value on
    /// its bit); nothing for a `#` word.
    fn places(&self, plan: &StructPlan, p: usize) -> Vec<String> {
        let owner = plan.path.doc_path();
        match plan.param_members[p] {
            Some(m) => {
                let member = &plan.members[m];
                let mut out = vec![format!("{owner}::{}", member.name)];
                if let (Member::Group { .. }, Some(group)) = (&member.member, &member.group) {
                    out.push(format!("{}::{}", group.doc_path(), plan.param_names[p]));
                }
                out
            }
            None => plan
                .implied
                .iter()
                .filter(|i| i.param == p)
                .map(|_| format!("{owner}::{}()", plan.param_names[p]))
                .collect(),
        }
    }

    /// The group struct holding parameter `p`, if it is in a flag group.
    fn group_of(&self, plan: &StructPlan, p: usize) -> Option<String> {
        let member = &plan.members[plan.param_members[p]?];
        matches!(member.member, Member::Group { .. })
            .then(|| member.group.as_ref().map(|g| g.doc_path()))
            .flatten()
    }

    /// Every field of the struct and of its group structs, and every method of an implied
    /// flag, by path, with its Rust type.
    fn fields(&self, item: &Item, plan: &StructPlan) -> BTreeMap<String, String> {
        let owner = plan.path.doc_path();
        let mut out = BTreeMap::new();
        for (m, member) in plan.members.iter().enumerate() {
            let ty = self.printer.member_ty(item, plan, m);
            out.insert(format!("{owner}::{}", member.name), ty);
            if let (Member::Group { params, .. }, Some(group)) = (&member.member, &member.group) {
                for &p in params {
                    let ty = self.printer.param_ty(item, plan, p);
                    out.insert(format!("{}::{}", group.doc_path(), plan.param_names[p]), ty);
                }
            }
        }
        for implied in &plan.implied {
            out.insert(
                format!("{owner}::{}()", plan.param_names[implied.param]),
                "bool".to_owned(),
            );
        }
        out
    }

    /// `new`'s arguments: `name: Type`, in order.
    fn new_args(&self, item: &Item, plan: &StructPlan) -> Vec<String> {
        plan.members
            .iter()
            .filter_map(|m| match m.member {
                Member::Plain { param } => Some(format!(
                    "{}: {}",
                    plan.param_names[param],
                    self.printer.param_value_ty(item, plan, param)
                )),
                _ => None,
            })
            .collect()
    }

    fn new_path(&self, plan: &StructPlan) -> String {
        format!("{}::{}", plan.path.doc_path(), plan.new_fn)
    }
}

/// The part of the schema a change is in, which orders the listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Types,
    Constructors,
    Functions,
}

/// The changes found so far, each with its section.
struct Out {
    changes: Vec<(Section, ApiChange)>,
    section: Section,
    non_exhaustive: bool,
}

impl Out {
    fn push(
        &mut self,
        impact: Impact,
        kind: ChangeKind,
        item: impl Into<String>,
        paths: Vec<String>,
        detail: String,
    ) {
        let change = ApiChange {
            impact,
            kind,
            item: item.into(),
            paths,
            detail,
        };
        self.changes.push((self.section, change));
    }

    fn types(&mut self, old: &Side<'_>, new: &Side<'_>) {
        use {ChangeKind::*, Impact::*};
        for (name, &t) in &old.types {
            let old_path = old.plan.types[t].path.doc_path();
            match new.types.get(name) {
                None => self.push(
                    Breaking,
                    TypeRemoved,
                    name,
                    vec![old_path],
                    format!("type `{name}` removed"),
                ),
                Some(&n) => {
                    let new_path = new.plan.types[n].path.doc_path();
                    if new_path != old_path {
                        self.push(
                            Breaking,
                            Renamed,
                            name,
                            vec![old_path, new_path],
                            format!("the enum of type `{name}` has another Rust name"),
                        );
                    }
                }
            }
        }
        for (name, &t) in &new.types {
            if !old.types.contains_key(name) {
                self.push(
                    Compatible,
                    TypeAdded,
                    name,
                    vec![new.plan.types[t].path.doc_path()],
                    format!("new type `{name}`"),
                );
            }
        }
    }

    fn constructors(&mut self, old: &Side<'_>, new: &Side<'_>) {
        use {ChangeKind::*, Impact::*};
        for (name, &c) in &old.ctors {
            match new.ctors.get(name) {
                None => self.push(
                    Breaking,
                    ConstructorRemoved,
                    name,
                    old.ctor_paths(c),
                    format!("constructor `{name}` of `{}` removed", old.type_of(c)),
                ),
                Some(&n) => {
                    let (oi, ni) = (&old.model.constructors[c], &new.model.constructors[n]);
                    let (op, np) = (&old.plan.constructors[c], &new.plan.constructors[n]);
                    let (ot, nt) = (old.type_of(c), new.type_of(n));
                    let (ov, nv) = (old.variant(c), new.variant(n));
                    if ot != nt {
                        let mut paths: Vec<String> = ov.iter().map(|(v, _)| v.clone()).collect();
                        paths.extend(nv.iter().map(|(v, _)| v.clone()));
                        self.push(
                            Breaking,
                            ConstructorMoved,
                            name,
                            paths,
                            format!("constructor `{name}` builds `{nt}` instead of `{ot}`"),
                        );
                    } else if let (Some((ov, ob)), Some((nv, nb))) = (ov, nv) {
                        if ov != nv {
                            self.push(
                                Breaking,
                                Renamed,
                                name,
                                vec![ov, nv],
                                format!("the variant of `{name}` has another name"),
                            );
                        } else if ob != nb {
                            let now = if nb { "in a `Box`" } else { "inline" };
                            self.push(
                                Breaking,
                                VariantChanged,
                                name,
                                vec![nv],
                                format!("the variant holds its struct {now}"),
                            );
                        }
                    }
                    self.structs(old, new, (oi, op), (ni, np));
                }
            }
        }
        for (name, &c) in &new.ctors {
            if old.ctors.contains_key(name) {
                continue;
            }
            let ty = new.type_of(c);
            let (impact, detail) = if !old.types.contains_key(&ty) {
                (
                    Compatible,
                    format!("new constructor `{name}` of the new type `{ty}`"),
                )
            } else if self.non_exhaustive {
                (
                    Compatible,
                    format!("new constructor `{name}` of `{ty}`: a new variant of a #[non_exhaustive] enum"),
                )
            } else {
                (
                    Breaking,
                    format!(
                        "new constructor `{name}` of `{ty}`: a new variant of an exhaustive enum"
                    ),
                )
            };
            self.push(impact, ConstructorAdded, name, new.ctor_paths(c), detail);
        }
    }

    fn functions(&mut self, old: &Side<'_>, new: &Side<'_>) {
        use {ChangeKind::*, Impact::*};
        for (name, &f) in &old.functions {
            let op = &old.plan.functions[f].strukt;
            match new.functions.get(name) {
                None => self.push(
                    Breaking,
                    FunctionRemoved,
                    name,
                    vec![op.path.doc_path()],
                    format!("function `{name}` removed"),
                ),
                Some(&n) => {
                    let (oi, ni) = (&old.model.functions[f], &new.model.functions[n]);
                    let np = &new.plan.functions[n].strukt;
                    let (ot, nt) = (
                        type_text(old.model, &oi.result),
                        type_text(new.model, &ni.result),
                    );
                    let (orust, nrust) = (old.printer.return_ty(oi), new.printer.return_ty(ni));
                    if ot != nt || orust != nrust {
                        self.push(
                            Breaking,
                            ResultChanged,
                            name,
                            vec![np.path.doc_path()],
                            format!("`{name}` returns `{nt}` instead of `{ot}` (`RemoteCall::Return`: `{nrust}`, was `{orust}`)"),
                        );
                    }
                    self.structs(old, new, (oi, op), (ni, np));
                }
            }
        }
        for (name, &f) in &new.functions {
            if !old.functions.contains_key(name) {
                self.push(
                    Compatible,
                    FunctionAdded,
                    name,
                    vec![new.plan.functions[f].strukt.path.doc_path()],
                    format!("new function `{name}`"),
                );
            }
        }
    }
}

fn layer(l: Option<i32>) -> String {
    l.map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}"))
}

impl fmt::Display for ApiDiff {
    /// A summary line, then one line per change (breaking ones first):
    /// `breaking   types::User::photo: parameter ...`. Ends with a note on struct literals
    /// when a change is compatible only for `..Item::new(...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let layers = if self.old_layer == self.new_layer {
            layer(self.old_layer)
        } else {
            format!("{} -> {}", layer(self.old_layer), layer(self.new_layer))
        };
        let enums = if self.non_exhaustive_enums {
            "#[non_exhaustive] enums"
        } else {
            "exhaustive enums"
        };
        writeln!(
            f,
            "{layers}: {} breaking, {} compatible changes to the Rust API ({enums})",
            self.breaking, self.compatible
        )?;
        for c in &self.changes {
            writeln!(
                f,
                "{:<10} {}: {}",
                c.impact.as_str(),
                c.paths.join(", "),
                c.detail
            )?;
        }
        if self
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::OptionalParamAdded)
        {
            writeln!(
                f,
                "note: a new optional parameter is compatible with `Item {{ field: value, \
                 ..Item::new(required) }}`; a struct literal without `..` stops compiling"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resolved_for_test;
    use std::path::Path;

    fn model(text: &str) -> Model {
        resolved_for_test(&[(Path::new("test.tl"), text)])
    }

    const OLD: &str = "// LAYER 1
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
user#1 flags:# id:long name:flags.0?string bot:flags.1?true = User;
chat#2 id:long title:string = Chat;
photo#3 id:long = Photo;
moving#4 id:long = Chat;
message#5 flags:# id:long views:flags.0?int forwards:flags.1?int = Message;
pair#6 a:int b:long = Pair;
---functions---
users.getUser#10 id:long = User;
photos.delete#11 id:long = Bool;
messages.send#12 flags:# peer:InputPeer text:string silent:flags.0?true = Bool;
";

    const NEW: &str = "// LAYER 2
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
inputPeerChat#35a95cb9 chat_id:long = InputPeer;
user#21 flags:# id:long name:string bot:flags.1?true premium:flags.2?true = User;
chat#2 id:long title:bytes = Chat;
moving#4 id:long = Moved;
message#5 flags:# id:long views:flags.0?int forwards:flags.0?int = Message;
pair#6 b:long a:int = Pair;
document#7 id:long = Document;
---functions---
users.getUser#10 id:long = Vector<User>;
messages.send#22 flags:# peer:InputPeer text:string random_id:long silent:flags.0?true \
    noforwards:flags.1?true = Bool;
documents.get#13 id:long = Document;
";

    const EXPECTED: &str = "\
layer 1 -> layer 2: 11 breaking, 8 compatible changes to the Rust API (exhaustive enums)
breaking   enums::Photo: type `Photo` removed
breaking   types::Chat::title, types::Chat::new: parameter `title`: `string` -> `bytes` (`TlString` -> `Bytes`)
breaking   types::InputPeerChat, enums::InputPeer::Chat: new constructor `inputPeerChat` of `InputPeer`: a new variant of an exhaustive enum
breaking   types::Message::forwards, types::Message::views, types::MessageViews::forwards: parameter `forwards` moved to another flag bit (`flags.1?int` -> `flags.0?int`), and its field from `types::Message::forwards` to `types::Message::views`, `types::MessageViews::forwards`
breaking   enums::Chat::Moving, enums::Moved::Moving: constructor `moving` builds `Moved` instead of `Chat`
breaking   types::Pair::new: `new` takes (b: i64, a: i32) instead of (a: i32, b: i64)
breaking   types::Photo, enums::Photo::Photo: constructor `photo` of `Photo` removed
breaking   types::User::name, types::User::new: parameter `name` is required now: `flags.0?string` -> `string`
breaking   functions::messages::Send::random_id, functions::messages::Send::new: new required parameter `random_id:long`: `new` takes one more argument
breaking   functions::photos::Delete: function `photos.delete` removed
breaking   functions::users::GetUser: `users.getUser` returns `Vector<User>` instead of `User` (`RemoteCall::Return`: `Vec<enums::User>`, was `enums::User`)
compatible enums::Document: new type `Document`
compatible enums::Moved: new type `Moved`
compatible types::Document, enums::Document::Document: new constructor `document` of the new type `Document`
compatible types::User: id 00000001 -> 00000021 (the wire form only)
compatible types::User::premium: new optional parameter `premium:flags.2?true`
compatible functions::documents::Get: new function `documents.get`
compatible functions::messages::Send: id 00000012 -> 00000022 (the wire form only)
compatible functions::messages::Send::noforwards: new optional parameter `noforwards:flags.1?true`
note: a new optional parameter is compatible with `Item { field: value, ..Item::new(required) }`; a struct literal without `..` stops compiling
";

    #[test]
    fn each_kind_of_change_classified_with_its_rust_paths() {
        let (old, new) = (model(OLD), model(NEW));
        let d = classify(&old, &new, &Options::default()).unwrap();
        assert_eq!(d.to_string(), EXPECTED, "{d}");
        assert_eq!((d.breaking, d.compatible), (11, 8));
        assert!(d.is_breaking());

        // With #[non_exhaustive] enums, the new variant of `InputPeer` is compatible.
        let options = Options {
            non_exhaustive_enums: true,
            ..Options::default()
        };
        let d = classify(&old, &new, &options).unwrap();
        assert_eq!((d.breaking, d.compatible), (10, 9));
        let chat = d
            .changes
            .iter()
            .find(|c| c.item == "inputPeerChat")
            .unwrap();
        assert_eq!(
            (chat.impact, chat.kind),
            (Impact::Compatible, ChangeKind::ConstructorAdded)
        );
        assert_eq!(
            chat.paths,
            ["types::InputPeerChat", "enums::InputPeer::Chat"]
        );

        // The same schema: nothing; a schema against itself with only ids changed: compatible.
        assert!(classify(&new, &new, &options).unwrap().changes.is_empty());
        let ids = classify(&old, &model(&OLD.replace("user#1 ", "user#99 ")), &options).unwrap();
        assert_eq!(ids.changes.len(), 1);
        assert_eq!(ids.changes[0].kind, ChangeKind::IdChanged);
        assert!(!ids.is_breaking());
    }

    #[test]
    fn an_optional_parameter_joining_a_flag_group_breaks_the_group_struct() {
        let old = model("a#1 flags:# x:flags.0?int y:flags.0?int = A;");
        let new = model("a#1 flags:# x:flags.0?int y:flags.0?int z:flags.0?long = A;");
        let d = classify(&old, &new, &Options::default()).unwrap();
        assert_eq!(d.changes.len(), 1, "{d}");
        let c = &d.changes[0];
        assert_eq!(
            (c.impact, c.kind),
            (Impact::Breaking, ChangeKind::OptionalParamAdded)
        );
        assert_eq!(c.paths, ["types::A::x", "types::AX::z"]);
        // A lone optional parameter on a bit of its own stays compatible.
        let new = model("a#1 flags:# x:flags.0?int y:flags.0?int z:flags.1?long = A;");
        let d = classify(&old, &new, &Options::default()).unwrap();
        assert_eq!((d.breaking, d.compatible), (0, 1), "{d}");
    }
}
