//! The comparison of one struct's two versions (a constructor's or a function's): its name
//! and id, its parameters removed, added and kept, and the fields those do not explain.

use std::collections::BTreeSet;

use super::{without_box, ChangeKind, Impact, Out, Side};
use crate::model::{type_text, FieldKind, Item, Ty};
use crate::plan::StructPlan;

/// The two versions of one struct being compared.
#[derive(Clone, Copy)]
struct StructPair<'p> {
    old: &'p Side<'p>,
    new: &'p Side<'p>,
    oi: &'p Item,
    op: &'p StructPlan,
    ni: &'p Item,
    np: &'p StructPlan,
    name: &'p str,
}

impl<'p> StructPair<'p> {
    /// The two sides, the two versions of the item and its plan, and the TL name.
    #[allow(clippy::type_complexity)]
    fn parts(
        &self,
    ) -> (
        &'p Side<'p>,
        &'p Side<'p>,
        (&'p Item, &'p StructPlan),
        (&'p Item, &'p StructPlan),
        &'p str,
    ) {
        (
            self.old,
            self.new,
            (self.oi, self.op),
            (self.ni, self.np),
            self.name,
        )
    }
}

/// What the parameter changes already account for: the places the field comparison leaves
/// alone, and whether a change already says that `new`'s arguments changed.
#[derive(Default)]
struct Explained {
    places: BTreeSet<String>,
    new_args: bool,
}

/// The parameter named `name` among `params`.
fn find(params: &[(&str, usize)], name: &str) -> Option<usize> {
    params.iter().find(|(m, _)| *m == name).map(|&(_, p)| p)
}

/// Parameters that are fields or methods (not `#` words), by TL name, in wire order.
fn value_params(item: &Item) -> Vec<(&str, usize)> {
    item.params
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, FieldKind::Value { .. }))
        .map(|(p, f)| (f.name.as_str(), p))
        .collect()
}

fn condition(item: &Item, p: usize) -> Option<(String, u32)> {
    match &item.params[p].kind {
        FieldKind::Value {
            condition: Some(c), ..
        } => Some((item.params[c.field].name.clone(), c.bit)),
        _ => None,
    }
}

fn value_ty(item: &Item, p: usize) -> Option<&Ty> {
    match &item.params[p].kind {
        FieldKind::Value { ty, .. } => Some(ty),
        FieldKind::Flags => None,
    }
}

impl Out {
    /// The changes to the struct of a constructor or function present in both schemas.
    pub(super) fn structs(
        &mut self,
        old: &Side<'_>,
        new: &Side<'_>,
        (oi, op): (&Item, &StructPlan),
        (ni, np): (&Item, &StructPlan),
    ) {
        use {ChangeKind::*, Impact::*};
        let name = oi.name.to_string();
        let pair = StructPair {
            old,
            new,
            oi,
            op,
            ni,
            np,
            name: &name,
        };
        let name = name.as_str();
        let (old_path, new_path) = (op.path.doc_path(), np.path.doc_path());
        if old_path != new_path {
            self.push(
                Breaking,
                Renamed,
                name,
                vec![old_path, new_path.clone()],
                format!("the struct of `{name}` has another Rust name"),
            );
        }
        if oi.id != ni.id {
            self.push(
                Compatible,
                IdChanged,
                name,
                vec![new_path.clone()],
                format!("id {:08x} -> {:08x} (the wire form only)", oi.id, ni.id),
            );
        }
        let mut ex = Explained::default();
        let old_params = value_params(oi);
        let new_params = value_params(ni);
        self.removed_params(&pair, &old_params, &new_params, &mut ex);
        self.added_params(&pair, &old_params, &new_params, &mut ex);
        self.kept_params(&pair, &old_params, &new_params, &mut ex);
        // The order of the parameters: `new`'s is compared below; the rest is the wire's.
        let kept_old: Vec<&str> = old_params
            .iter()
            .map(|&(n, _)| n)
            .filter(|n| find(&new_params, n).is_some())
            .collect();
        let kept_new: Vec<&str> = new_params
            .iter()
            .map(|&(n, _)| n)
            .filter(|n| find(&old_params, n).is_some())
            .collect();
        let (old_new, new_new) = (old.new_args(oi, op), new.new_args(ni, np));
        if kept_old != kept_new && old_new == new_new {
            self.push(
                Compatible,
                WireChanged,
                name,
                vec![new_path.clone()],
                "optional parameters reordered (the wire form only)".to_owned(),
            );
        }
        self.unexplained_fields(&pair, &new_path, &ex);
        if old_new != new_new && !ex.new_args {
            self.push(
                Breaking,
                NewChanged,
                name,
                vec![new.new_path(np)],
                format!(
                    "`{}` takes ({}) instead of ({})",
                    np.new_fn,
                    new_new.join(", "),
                    old_new.join(", ")
                ),
            );
        }
    }

    /// Parameters `old` has and `new` does not.
    fn removed_params(
        &mut self,
        pair: &StructPair<'_>,
        old_params: &[(&str, usize)],
        new_params: &[(&str, usize)],
        ex: &mut Explained,
    ) {
        use {ChangeKind::*, Impact::*};
        let (old, _, (oi, op), _, name) = pair.parts();
        for &(pname, p) in old_params {
            if find(new_params, pname).is_some() {
                continue;
            }
            let mut paths: Vec<String> = old.places(op, p);
            ex.places.extend(paths.iter().cloned());
            if condition(oi, p).is_none() {
                paths.push(old.new_path(op));
                ex.new_args = true;
            }
            self.push(
                Breaking,
                ParamRemoved,
                format!("{name}.{pname}"),
                paths,
                format!("parameter `{pname}:{}` removed", old.param_text(oi, p)),
            );
        }
    }

    /// Parameters `new` has and `old` does not: required ones change `new`'s arguments.
    fn added_params(
        &mut self,
        pair: &StructPair<'_>,
        old_params: &[(&str, usize)],
        new_params: &[(&str, usize)],
        ex: &mut Explained,
    ) {
        use {ChangeKind::*, Impact::*};
        let (old, new, (oi, op), (ni, np), name) = pair.parts();
        for &(pname, p) in new_params {
            if find(old_params, pname).is_some() {
                continue;
            }
            let mut paths: Vec<String> = new.places(np, p);
            ex.places.extend(paths.iter().cloned());
            let text = new.param_text(ni, p);
            if condition(ni, p).is_none() {
                paths.push(new.new_path(np));
                ex.new_args = true;
                self.push(
                    Breaking,
                    RequiredParamAdded,
                    format!("{name}.{pname}"),
                    paths,
                    format!(
                        "new required parameter `{pname}:{text}`: `{}` takes one more argument",
                        np.new_fn
                    ),
                );
            } else {
                // On a bit that already carried a value: the value's field becomes (or is) a
                // flag group, whose struct has no `new`.
                let grouped = new
                    .group_of(np, p)
                    .filter(|_| old.fields(oi, op).contains_key(&paths[0]));
                let (impact, detail) = match grouped {
                    Some(group) => (
                        Breaking,
                        format!(
                            "new optional parameter `{pname}:{text}` on the flag bit of another: \
                             a new field of the group struct `{group}`, which has no `new`"
                        ),
                    ),
                    None => (
                        Compatible,
                        format!("new optional parameter `{pname}:{text}`"),
                    ),
                };
                self.push(
                    impact,
                    OptionalParamAdded,
                    format!("{name}.{pname}"),
                    paths,
                    detail,
                );
            }
        }
    }

    /// Parameters both have: made required or optional, retyped, moved to another bit.
    fn kept_params(
        &mut self,
        pair: &StructPair<'_>,
        old_params: &[(&str, usize)],
        new_params: &[(&str, usize)],
        ex: &mut Explained,
    ) {
        use {ChangeKind::*, Impact::*};
        let (old, new, (oi, op), (ni, np), name) = pair.parts();
        for &(pname, p) in old_params {
            let Some(q) = find(new_params, pname) else {
                continue;
            };
            let (ot, nt) = (old.param_text(oi, p), new.param_text(ni, q));
            let mut paths: Vec<String> = old.places(op, p);
            for place in new.places(np, q) {
                if !paths.contains(&place) {
                    paths.push(place);
                }
            }
            let (oc, nc) = (condition(oi, p), condition(ni, q));
            let (oty, nty) = (
                value_ty(oi, p).map(|t| type_text(old.model, t)),
                value_ty(ni, q).map(|t| type_text(new.model, t)),
            );
            let item = format!("{name}.{pname}");
            if oc.is_some() != nc.is_some() {
                ex.places.extend(paths.iter().cloned());
                paths.push(new.new_path(np));
                ex.new_args = true;
                let (kind, now) = if nc.is_none() {
                    (ParamMadeRequired, "required")
                } else {
                    (ParamMadeOptional, "optional")
                };
                self.push(
                    Breaking,
                    kind,
                    item,
                    paths,
                    format!("parameter `{pname}` is {now} now: `{ot}` -> `{nt}`"),
                );
            } else if oty != nty {
                ex.places.extend(paths.iter().cloned());
                if nc.is_none() {
                    paths.push(new.new_path(np));
                    ex.new_args = true;
                }
                let rust = |side: &Side<'_>, item: &Item, plan: &StructPlan, p: usize| {
                    side.printer.param_value_ty(item, plan, p)
                };
                self.push(
                    Breaking,
                    ParamRetyped,
                    item,
                    paths,
                    format!(
                        "parameter `{pname}`: `{ot}` -> `{nt}` (`{}` -> `{}`)",
                        rust(old, oi, op, p),
                        rust(new, ni, np, q)
                    ),
                );
            } else if oc != nc {
                let (from, to) = (old.places(op, p), new.places(np, q));
                if from == to {
                    self.push(
                        Compatible,
                        WireChanged,
                        item,
                        paths,
                        format!("parameter `{pname}` moved to another flag bit: `{ot}` -> `{nt}` (the wire form only)"),
                    );
                } else {
                    // Into or out of a flag group: its field moved.
                    ex.places.extend(paths.iter().cloned());
                    self.push(
                        Breaking,
                        FieldChanged,
                        item,
                        paths,
                        format!(
                            "parameter `{pname}` moved to another flag bit (`{ot}` -> `{nt}`), and \
                             its field from `{}` to `{}`",
                            from.join("`, `"),
                            to.join("`, `")
                        ),
                    );
                }
            }
        }
    }

    /// What the parameters do not explain: boxing, flag groups, user types.
    fn unexplained_fields(&mut self, pair: &StructPair<'_>, new_path: &str, ex: &Explained) {
        use {ChangeKind::*, Impact::*};
        let (old, new, (oi, op), (ni, np), name) = pair.parts();
        let (old_fields, new_fields) = (old.fields(oi, op), new.fields(ni, np));
        for (place, ot) in &old_fields {
            if ex.places.contains(place) {
                continue;
            }
            match new_fields.get(place) {
                Some(nt) if nt == ot => {}
                Some(nt) => {
                    let boxing = if without_box(nt) == without_box(ot) {
                        " (boxing; `new` is unaffected)"
                    } else {
                        ""
                    };
                    self.push(
                        Breaking,
                        FieldChanged,
                        name,
                        vec![place.clone()],
                        format!("field type `{ot}` -> `{nt}`{boxing}"),
                    )
                }
                None => self.push(
                    Breaking,
                    FieldChanged,
                    name,
                    vec![place.clone()],
                    format!("field `{ot}` gone (its parameter is elsewhere now)"),
                ),
            }
        }
        // New fields of a struct (a group struct's come with the field holding it).
        let owner = format!("{new_path}::");
        for (place, nt) in &new_fields {
            let direct = place
                .strip_prefix(&owner)
                .is_some_and(|field| !field.contains("::"));
            if direct && !ex.places.contains(place) && !old_fields.contains_key(place) {
                self.push(
                    Compatible,
                    FieldChanged,
                    name,
                    vec![place.clone()],
                    format!("new field of type `{nt}` (for a parameter that was elsewhere)"),
                );
            }
        }
    }
}
