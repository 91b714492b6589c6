//! Selective generation: keep the functions, constructors and types that some name patterns
//! pick, plus everything they need, so that users who call a handful of methods compile a
//! handful of types instead of the whole layer.
//!
//! Patterns are TL names with `*` standing for any run of characters (dots included):
//! `phone.*`, `messages.getDhConfig`, `phoneCallProtocol`, `PhoneCall`, `*`. A pattern is
//! matched against function, constructor and type names alike, case-sensitively (TL names
//! differ by case only: `phone.PhoneCall` is a type, `phone.phoneCall` its constructor).
//!
//! The rules:
//! - the roots are what `only` matches (everything when `only` is empty), minus what
//!   `exclude` matches;
//! - the closure is then taken, and it wins over `exclude`: a function needs the types of its
//!   parameters and its result, a constructor needs its parameters' types and its boxed type,
//!   a boxed type needs all its constructors (its enum has a variant for each). So excluding
//!   functions always removes them (nothing needs a function), while an excluded type stays
//!   when a kept item uses it — otherwise the output would not compile;
//! - except for results: a function's answer is the whole of what the server sends back, so
//!   its extent is known without its type. A function whose result type is excluded, and
//!   which nothing else kept needs, returns the answer as a `RawObject` (TL's `Object`: the
//!   bytes, which re-encode exactly and which bindings that have the type can decode). This
//!   is what keeps `only(["phone.*"]).exclude(["Updates"])` small: `Updates` reaches most of
//!   the schema;
//! - a pattern that matches nothing in the schema is an error: a typo would otherwise
//!   silently generate less than asked for.

use std::collections::BTreeSet;
use std::fmt;

use super::{Compat, CompatReader, CtorId, Field, FieldKind, Item, Model, Ty, TypeDef, TypeId};

/// Which part of a model to keep (see the [module docs](self)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Patterns of what to keep; empty keeps everything.
    pub only: Vec<String>,
    /// Patterns of what to leave out of the roots.
    pub exclude: Vec<String>,
}

/// A pattern that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The pattern as given.
    pub pattern: String,
    /// `only` or `exclude`.
    pub list: &'static str,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} pattern `{}`: {}",
            self.list, self.pattern, self.reason
        )
    }
}

impl std::error::Error for FilterError {}

/// What [`Filter::apply`] kept.
#[derive(Debug, Clone)]
pub struct Selected {
    /// The smaller model, with indices renumbered; every reference in it resolves.
    pub model: Model,
    /// Per kept function, its index in the original model.
    pub functions: Vec<usize>,
    /// Per kept constructor, its index in the original model.
    pub constructors: Vec<CtorId>,
    /// Per kept type, its index in the original model.
    pub types: Vec<TypeId>,
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters.
pub fn matches(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty(); // no `*` at all
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn check_pattern(pattern: &str, list: &'static str) -> Result<(), FilterError> {
    let error = |reason: &str| FilterError {
        pattern: pattern.to_owned(),
        list,
        reason: reason.to_owned(),
    };
    if pattern.is_empty() {
        return Err(error("empty pattern"));
    }
    if let Some(c) = pattern
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '*')))
    {
        return Err(error(&format!(
            "`{c}` cannot appear in a TL name (patterns are names with `*` wildcards)"
        )));
    }
    Ok(())
}

/// An item in the dependency walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    Type(TypeId),
    Ctor(CtorId),
    Function(usize),
}

impl Filter {
    /// Whether the filter keeps everything (no patterns at all).
    pub fn is_all(&self) -> bool {
        self.only.is_empty() && self.exclude.is_empty()
    }

    /// The nodes a pattern matches.
    fn matching(model: &Model, pattern: &str) -> Vec<Node> {
        let name_matches = |item: &Item| matches(pattern, &item.name.to_string());
        let mut out = Vec::new();
        out.extend(
            (0..model.functions.len())
                .filter(|&f| name_matches(&model.functions[f]))
                .map(Node::Function),
        );
        out.extend(
            (0..model.constructors.len())
                .filter(|&c| name_matches(&model.constructors[c]))
                .map(|c| Node::Ctor(CtorId(c))),
        );
        out.extend(
            (0..model.types.len())
                .filter(|&t| matches(pattern, &model.types[t].name.to_string()))
                .map(|t| Node::Type(TypeId(t))),
        );
        out
    }

    /// Whether the pattern names one of the constructors of `Bool`, which are always kept
    /// (they are Rust's `bool`), so matching only them is not an error.
    fn matches_bool(model: &Model, pattern: &str) -> bool {
        pattern == "Bool"
            || model
                .bool_constructors
                .iter()
                .any(|c| matches(pattern, &c.name.to_string()))
    }

    /// Keeps what the patterns select and what that needs. Every pattern is checked; all the
    /// bad ones are returned together.
    pub fn apply(&self, model: &Model) -> Result<Selected, Vec<FilterError>> {
        let mut errors = Vec::new();
        let mut roots: BTreeSet<Node> = BTreeSet::new();
        let mut excluded: BTreeSet<Node> = BTreeSet::new();
        for (list, patterns, into) in [
            ("only", &self.only, &mut roots),
            ("exclude", &self.exclude, &mut excluded),
        ] {
            for pattern in patterns {
                if let Err(e) = check_pattern(pattern, list) {
                    errors.push(e);
                    continue;
                }
                let found = Self::matching(model, pattern);
                if found.is_empty() && !Self::matches_bool(model, pattern) {
                    errors.push(FilterError {
                        pattern: pattern.clone(),
                        list,
                        reason: "matches no function, constructor or type of the schema".into(),
                    });
                }
                into.extend(found);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if self.only.is_empty() {
            roots.extend((0..model.functions.len()).map(Node::Function));
            roots.extend((0..model.constructors.len()).map(|c| Node::Ctor(CtorId(c))));
            roots.extend((0..model.types.len()).map(|t| Node::Type(TypeId(t))));
        }
        let roots: Vec<Node> = roots.difference(&excluded).copied().collect();
        let excluded_types: BTreeSet<TypeId> = excluded
            .iter()
            .filter_map(|n| match n {
                Node::Type(t) => Some(*t),
                _ => None,
            })
            .collect();
        Ok(closure(model, roots, &excluded_types))
    }
}

/// Walks from `roots` to everything they need and builds the smaller model. A function whose
/// result type is in `raw_results` does not need that type: unless something else does, the
/// function returns its answer as an `Object` (a `RawObject`).
fn closure(model: &Model, roots: Vec<Node>, raw_results: &BTreeSet<TypeId>) -> Selected {
    let mut keep_type = vec![false; model.types.len()];
    let mut keep_ctor = vec![false; model.constructors.len()];
    let mut keep_fn = vec![false; model.functions.len()];
    let mut stack = roots;
    while let Some(node) = stack.pop() {
        let seen = match node {
            Node::Type(t) => &mut keep_type[t],
            Node::Ctor(c) => &mut keep_ctor[c],
            Node::Function(f) => &mut keep_fn[f],
        };
        if std::mem::replace(seen, true) {
            continue;
        }
        match node {
            Node::Type(t) => {
                stack.extend(model.types[t].constructors.iter().map(|&c| Node::Ctor(c)))
            }
            Node::Ctor(c) => needs(&model.constructors[c], &mut stack),
            Node::Function(f) => {
                let function = &model.functions[f];
                match function.result {
                    Ty::Boxed(t) if raw_results.contains(&t) => params_need(function, &mut stack),
                    _ => needs(function, &mut stack),
                }
            }
        }
    }

    let kept = |keep: &[bool]| -> Vec<usize> { (0..keep.len()).filter(|&i| keep[i]).collect() };
    let types: Vec<TypeId> = kept(&keep_type).into_iter().map(TypeId).collect();
    let constructors: Vec<CtorId> = kept(&keep_ctor).into_iter().map(CtorId).collect();
    let functions = kept(&keep_fn);
    // Old id -> new id, for the kept ones.
    let mut type_map = vec![TypeId(usize::MAX); model.types.len()];
    for (new, &old) in types.iter().enumerate() {
        type_map[old] = TypeId(new);
    }
    let mut ctor_map = vec![CtorId(usize::MAX); model.constructors.len()];
    for (new, &old) in constructors.iter().enumerate() {
        ctor_map[old] = CtorId(new);
    }
    let remap_item = |item: &Item| Item {
        params: item
            .params
            .iter()
            .map(|f| Field {
                name: f.name.clone(),
                kind: match &f.kind {
                    FieldKind::Flags => FieldKind::Flags,
                    FieldKind::Value { ty, condition } => FieldKind::Value {
                        ty: remap(ty, &type_map, &ctor_map),
                        condition: *condition,
                    },
                },
            })
            .collect(),
        result: remap(&item.result, &type_map, &ctor_map),
        ..item.clone()
    };
    let new = Model {
        layer: model.layer,
        types: types
            .iter()
            .map(|&t| TypeDef {
                name: model.types[t].name.clone(),
                constructors: model.types[t]
                    .constructors
                    .iter()
                    .map(|&c| ctor_map[c])
                    .collect(),
                compat_layer: model.types[t].compat_layer,
            })
            .collect(),
        constructors: constructors
            .iter()
            .map(|&c| remap_item(&model.constructors[c]))
            .collect(),
        functions: functions
            .iter()
            .map(|&f| {
                let function = &model.functions[f];
                match function.result {
                    // Excluded, and needed by nothing else: the answer's bytes.
                    Ty::Boxed(t) if !keep_type[t] => Item {
                        result: Ty::Object,
                        ..remap_item(function)
                    },
                    _ => remap_item(function),
                }
            })
            .collect(),
        bool_constructors: model.bool_constructors.clone(),
        compat: Compat {
            readers: model
                .compat
                .readers
                .iter()
                .filter(|r| keep_ctor[r.target])
                .map(|r| CompatReader {
                    item: remap_item(&r.item),
                    target: ctor_map[r.target],
                })
                .collect(),
            outcomes: model.compat.outcomes.clone(),
        },
        boxing: model.boxing.clone(),
    };
    Selected {
        model: new,
        functions,
        constructors,
        types,
    }
}

/// Pushes what an item's parameters and result refer to.
fn needs(item: &Item, stack: &mut Vec<Node>) {
    params_need(item, stack);
    refs(&item.result, stack);
}

/// Pushes what an item's parameters refer to.
fn params_need(item: &Item, stack: &mut Vec<Node>) {
    for f in &item.params {
        if let FieldKind::Value { ty, .. } = &f.kind {
            refs(ty, stack);
        }
    }
}

fn refs(ty: &Ty, stack: &mut Vec<Node>) {
    match ty {
        Ty::Boxed(t) => stack.push(Node::Type(*t)),
        Ty::Bare(c) => stack.push(Node::Ctor(*c)),
        Ty::Vector { elem, .. } | Ty::Nullable(elem) => refs(elem, stack),
        _ => {}
    }
}

fn remap(ty: &Ty, types: &[TypeId], ctors: &[CtorId]) -> Ty {
    match ty {
        Ty::Boxed(t) => Ty::Boxed(types[t.0]),
        Ty::Bare(c) => Ty::Bare(ctors[c.0]),
        Ty::Vector { boxed, elem } => Ty::Vector {
            boxed: *boxed,
            elem: Box::new(remap(elem, types, ctors)),
        },
        Ty::Nullable(inner) => Ty::Nullable(Box::new(remap(inner, types, ctors))),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resolved_for_test;
    use std::path::{Path, PathBuf};

    fn bundled() -> Model {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
        let files: Vec<(PathBuf, String)> = ["api.tl", "mtproto.tl"]
            .iter()
            .map(|f| (root.join(f), std::fs::read_to_string(root.join(f)).unwrap()))
            .collect();
        let files: Vec<(&Path, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_str()))
            .collect();
        resolved_for_test(&files)
    }

    fn filter(only: &[&str], exclude: &[&str]) -> Filter {
        Filter {
            only: only.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn names(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| i.name.to_string()).collect()
    }

    /// Every index inside the model points at an item of the model, every constructor is a
    /// member of its boxed type, and every type lists exactly its constructors.
    fn assert_closed(m: &Model) {
        fn check(ty: &Ty, m: &Model, at: &str) {
            match ty {
                Ty::Boxed(t) => assert!(t.0 < m.types.len(), "{at}: type {t}"),
                Ty::Bare(c) => assert!(c.0 < m.constructors.len(), "{at}: ctor {c}"),
                Ty::Vector { elem, .. } => check(elem, m, at),
                _ => {}
            }
        }
        for item in m.constructors.iter().chain(&m.functions) {
            for f in &item.params {
                if let FieldKind::Value { ty, .. } = &f.kind {
                    check(ty, m, &format!("{}.{}", item.name, f.name));
                }
            }
            check(&item.result, m, &item.name.to_string());
        }
        for (c, item) in m.constructors.iter().enumerate() {
            let Ty::Boxed(t) = item.result else {
                // `gzip_packed ... = Object` stands for any value: no enum holds it.
                assert_eq!(item.result, Ty::Object, "{} has no boxed type", item.name);
                continue;
            };
            assert!(
                m.types[t].constructors.contains(&CtorId(c)),
                "{}",
                item.name
            );
        }
        for (t, ty) in m.types.iter().enumerate() {
            for &c in &ty.constructors {
                assert_eq!(
                    m.constructors[c].result,
                    Ty::Boxed(TypeId(t)),
                    "{}",
                    ty.name
                );
            }
        }
    }

    #[test]
    fn wildcards() {
        assert!(matches("phone.*", "phone.requestCall"));
        assert!(matches("phone.*", "phone.PhoneCall"));
        assert!(!matches("phone.*", "phoneCall"));
        assert!(!matches("phone.*", "phone"));
        assert!(matches("*", "anything.at.all"));
        assert!(matches("messages.getDhConfig", "messages.getDhConfig"));
        assert!(!matches("messages.getDhConfig", "messages.getDhConfigX"));
        assert!(matches("*.get*Config", "help.getAppConfig"));
        assert!(!matches("*.get*Config", "help.getAppConfigs"));
        assert!(matches("a*a", "aa"));
        assert!(!matches("a*a", "a"));
        assert!(matches("input*", "inputPeerSelf"));
    }

    #[test]
    fn dh_config_alone_is_exactly_its_result_type() {
        let m = bundled();
        let s = filter(&["messages.getDhConfig"], &[]).apply(&m).unwrap();
        assert_eq!(names(&s.model.functions), ["messages.getDhConfig"]);
        let types: Vec<String> = s.model.types.iter().map(|t| t.name.to_string()).collect();
        assert_eq!(types, ["messages.DhConfig"]);
        assert_eq!(
            names(&s.model.constructors),
            ["messages.dhConfig", "messages.dhConfigNotModified"]
        );
        assert_eq!(s.model.layer, m.layer);
        assert_closed(&s.model);
    }

    #[test]
    fn phone_and_dh_config_keep_what_they_need() {
        let m = bundled();
        let s = filter(&["phone.*", "messages.getDhConfig"], &[])
            .apply(&m)
            .unwrap();
        assert_closed(&s.model);
        let sel = &s.model;
        // All phone functions, and no other function but getDhConfig.
        let phone_fns = m
            .functions
            .iter()
            .filter(|f| f.name.namespace.as_deref() == Some("phone"))
            .count();
        assert_eq!(sel.functions.len(), phone_fns + 1);
        assert!(sel
            .functions
            .iter()
            .all(|f| f.name.namespace.as_deref() == Some("phone")
                || f.name == *"messages.getDhConfig"));
        // What a call needs is there: the protocol constructor, the input user, the call.
        for needed in [
            "phoneCallProtocol",
            "inputUser",
            "phoneCallWaiting",
            "phone.phoneCall",
        ] {
            assert!(sel.constructor_by_name(needed).is_some(), "{needed}");
        }
        // A boxed type comes with all its constructors.
        let input_user = sel.type_by_name("InputUser").unwrap();
        let all = m.type_by_name("InputUser").unwrap();
        assert_eq!(
            sel.types[input_user].constructors.len(),
            m.types[all].constructors.len()
        );
        // Much less than everything, yet more than a handful (phone calls reach Updates).
        assert!(sel.functions.len() < m.functions.len() / 5);
        // The kept items are the original ones, by index.
        for (new, &old) in s.constructors.iter().enumerate() {
            assert_eq!(sel.constructors[new].name, m.constructors[old].name);
            assert_eq!(sel.constructors[new].id, m.constructors[old].id);
        }
    }

    /// The closure computed by hand: nothing kept that no root reaches.
    #[test]
    fn nothing_unreachable_is_kept() {
        let m = bundled();
        let s = filter(&["phone.*", "messages.getDhConfig"], &[])
            .apply(&m)
            .unwrap();
        let sel = &s.model;
        let mut reached: BTreeSet<String> = BTreeSet::new();
        let mut queue: Vec<String> = sel
            .functions
            .iter()
            .map(|f| format!("fn {}", f.name))
            .collect();
        while let Some(n) = queue.pop() {
            if !reached.insert(n.clone()) {
                continue;
            }
            let (kind, name) = n.split_once(' ').unwrap();
            let push_ty = |ty: &Ty, queue: &mut Vec<String>| {
                let mut t = ty;
                while let Ty::Vector { elem, .. } = t {
                    t = elem;
                }
                match t {
                    Ty::Boxed(i) => queue.push(format!("type {}", sel.types[*i].name)),
                    Ty::Bare(i) => queue.push(format!("ctor {}", sel.constructors[*i].name)),
                    _ => {}
                }
            };
            let item = match kind {
                "fn" => &sel.functions[sel.function_by_name(name).unwrap()],
                "ctor" => &sel.constructors[sel.constructor_by_name(name).unwrap()],
                _ => {
                    let t = sel.type_by_name(name).unwrap();
                    for &c in &sel.types[t].constructors {
                        queue.push(format!("ctor {}", sel.constructors[c].name));
                    }
                    continue;
                }
            };
            for f in &item.params {
                if let FieldKind::Value { ty, .. } = &f.kind {
                    push_ty(ty, &mut queue);
                }
            }
            push_ty(&item.result, &mut queue);
        }
        let kept = sel.functions.len() + sel.constructors.len() + sel.types.len();
        assert_eq!(reached.len(), kept);
    }

    #[test]
    fn constructor_and_type_patterns() {
        let m = bundled();
        let s = filter(&["phoneCallProtocol"], &[]).apply(&m).unwrap();
        assert!(s.model.functions.is_empty());
        assert_eq!(names(&s.model.constructors), ["phoneCallProtocol"]);
        let s = filter(&["InputPeer"], &[]).apply(&m).unwrap();
        let input_peer = m.type_by_name("InputPeer").unwrap();
        assert_eq!(
            s.model.constructors.len(),
            m.types[input_peer].constructors.len()
        );
        assert_closed(&s.model);
    }

    #[test]
    fn exclude_removes_roots_but_not_needed_types() {
        let m = bundled();
        let s = filter(&["phone.*"], &["phone.requestCall", "PhoneCallProtocol"])
            .apply(&m)
            .unwrap();
        assert!(s.model.function_by_name("phone.requestCall").is_none());
        assert!(s.model.function_by_name("phone.acceptCall").is_some());
        // phone.acceptCall takes a PhoneCallProtocol: it stays, or nothing would compile.
        assert!(s.model.type_by_name("PhoneCallProtocol").is_some());
        assert_closed(&s.model);

        let everything = filter(&[], &[]).apply(&m).unwrap();
        assert_eq!(everything.model.functions.len(), m.functions.len());
        assert_eq!(everything.model.constructors.len(), m.constructors.len());
        let no_channels = filter(&[], &["channels.*"]).apply(&m).unwrap();
        assert!(no_channels
            .model
            .functions
            .iter()
            .all(|f| f.name.namespace.as_deref() != Some("channels")));
        assert_closed(&no_channels.model);
    }

    #[test]
    fn an_excluded_result_type_makes_its_functions_return_raw_objects() {
        let m = bundled();
        let all = filter(&["phone.*"], &[]).apply(&m).unwrap();
        let s = filter(&["phone.*"], &["Updates"]).apply(&m).unwrap();
        assert_closed(&s.model);
        let sel = &s.model;
        assert!(sel.type_by_name("Updates").is_none());
        assert!(sel.type_by_name("Update").is_none());
        assert_eq!(sel.functions.len(), all.model.functions.len());
        // The functions returning `Updates` return its bytes; the others are as they were.
        let discard = &sel.functions[sel.function_by_name("phone.discardCall").unwrap()];
        assert_eq!(discard.result, Ty::Object);
        let request = &sel.functions[sel.function_by_name("phone.requestCall").unwrap()];
        assert_eq!(
            request.result,
            Ty::Boxed(sel.type_by_name("phone.PhoneCall").unwrap())
        );
        let raw = |s: &Selected| {
            s.model
                .functions
                .iter()
                .filter(|f| f.result == Ty::Object)
                .count()
        };
        let returning_updates = m
            .functions
            .iter()
            .filter(|f| {
                f.name.namespace.as_deref() == Some("phone")
                    && f.result == Ty::Boxed(m.type_by_name("Updates").unwrap())
            })
            .count();
        assert!(returning_updates > 10, "{returning_updates}");
        assert_eq!(raw(&s), returning_updates);
        assert_eq!(raw(&all), 0);
        // What is left is what phone calls take and what the phone namespace defines.
        assert_eq!(
            (sel.types.len(), sel.constructors.len()),
            (41, 114),
            "against {} types and {} constructors with `Updates`",
            all.model.types.len(),
            all.model.constructors.len()
        );

        // A kept constructor with an `Updates` field needs the type: it stays, and so do the
        // functions' typed results.
        let s = filter(&["phone.*", "messages.invitedUsers"], &["Updates"])
            .apply(&m)
            .unwrap();
        assert_closed(&s.model);
        let updates = s.model.type_by_name("Updates").unwrap();
        let discard = &s.model.functions[s.model.function_by_name("phone.discardCall").unwrap()];
        assert_eq!(discard.result, Ty::Boxed(updates));
        assert_eq!(raw(&s), 0);
    }

    #[test]
    fn generic_functions_are_kept_alone() {
        let m = bundled();
        let s = filter(&["invokeWithLayer"], &[]).apply(&m).unwrap();
        assert_eq!(names(&s.model.functions), ["invokeWithLayer"]);
        assert!(s.model.types.is_empty());
        assert!(s.model.functions[0].is_generic());
    }

    #[test]
    fn bad_patterns_are_all_reported() {
        let m = bundled();
        let errors = filter(&["phone.*", "phone.requstCall", ""], &["x-y"])
            .apply(&m)
            .unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "only pattern `phone.requstCall`: matches no function, constructor or type of the schema",
                "only pattern ``: empty pattern",
                "exclude pattern `x-y`: `-` cannot appear in a TL name (patterns are names with `*` wildcards)",
            ]
        );
        // Bool's constructors are always there (as `bool`): naming them is no error.
        assert!(filter(&["boolTrue"], &[]).apply(&m).is_ok());
    }
}
