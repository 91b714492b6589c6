//! Adding the constructors of older layers to a model (see [`compat`](super::compat) for
//! what becomes of each).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::compat::{CompatOutcome, CompatReader, Fate};
use super::graph::{type_text, Model};
use super::item::{CtorId, Field, FieldKind, FlagBit, Item, Ty, TypeDef, TypeId};

/// One older schema, resolved on its own.
#[derive(Debug, Clone, Copy)]
pub struct CompatSource<'a> {
    /// Its layer (its `// LAYER N`).
    pub layer: i32,
    /// Its definitions.
    pub model: &'a Model,
}

/// Adds what `sources` can contribute to `model` (see the module docs). Newer sources are
/// preferred for a constructor several of them have.
pub fn attach(model: &mut Model, sources: &[CompatSource<'_>]) {
    let mut sources = sources.to_vec();
    sources.sort_by_key(|s| std::cmp::Reverse(s.layer));
    let mut attacher = Attacher {
        types: model
            .types
            .iter()
            .enumerate()
            .map(|(t, ty)| (ty.name.to_string(), TypeId(t)))
            .collect(),
        ctors: model
            .constructors
            .iter()
            .enumerate()
            .map(|(c, item)| (item.name.to_string(), CtorId(c)))
            .collect(),
        seen: model
            .constructors
            .iter()
            .chain(&model.bool_constructors)
            .map(|c| c.id)
            .collect(),
        variant_names: HashSet::new(),
        unplaced: BTreeMap::new(),
        model,
    };
    // A second pass takes the constructors of types that a later one brought back (an
    // older layer's constructor needing a type the current schema dropped).
    loop {
        let before = attacher.model.compat.outcomes.len();
        for source in &sources {
            for item in &source.model.constructors {
                attacher.consider(source, item);
            }
        }
        if attacher.model.compat.outcomes.len() == before {
            break;
        }
    }
    let unplaced = std::mem::take(&mut attacher.unplaced);
    let seen = &attacher.seen;
    attacher
        .model
        .compat
        .outcomes
        .extend(unplaced.into_values().filter(|o| !seen.contains(&o.id)));
}

/// The state of one [`attach`].
struct Attacher<'m> {
    model: &'m mut Model,
    /// Boxed types by TL name: current, then those brought back from older layers.
    types: HashMap<String, TypeId>,
    /// Current constructors by TL name.
    ctors: HashMap<String, CtorId>,
    /// Ids read already: current, or taken from a newer source.
    seen: HashSet<u32>,
    /// `(name, layer)` of the variants of their own, which name their structs.
    variant_names: HashSet<(String, i32)>,
    /// Constructors whose type is gone while their name builds another: unusable unless a
    /// later one brings their type back.
    unplaced: BTreeMap<u32, CompatOutcome>,
}

impl Attacher<'_> {
    fn outcome(&mut self, source: &CompatSource<'_>, item: &Item, fate: Fate) {
        self.model.compat.outcomes.push(CompatOutcome {
            name: item.name.to_string(),
            id: item.id,
            layer: source.layer,
            file: item.file.clone(),
            line: item.line,
            fate,
        });
    }

    /// One older constructor: taken if its name or type is (still, or brought back) there.
    fn consider(&mut self, source: &CompatSource<'_>, item: &Item) {
        let old = source.model;
        if self.seen.contains(&item.id) {
            return;
        }
        let Ty::Boxed(old_type) = item.result else {
            return;
        };
        let name = item.name.to_string();
        let type_name = old.types[old_type].name.to_string();
        let current = self.ctors.get(&name).copied();
        let Some(&target_type) = self.types.get(&type_name) else {
            if let Some(c) = current {
                // Reported at the end, unless a constructor needing the type brings it back.
                let now = match self.model.constructors[c].result {
                    Ty::Boxed(t) => self.model.types[t].name.to_string(),
                    _ => "no boxed type".to_owned(),
                };
                let reason =
                    format!("its type `{type_name}` is gone (the current `{name}` builds `{now}`)");
                self.unplaced
                    .entry(item.id)
                    .or_insert_with(|| CompatOutcome {
                        name,
                        id: item.id,
                        layer: source.layer,
                        file: item.file.clone(),
                        line: item.line,
                        fate: Fate::Unusable { reason },
                    });
            }
            return;
        };
        self.seen.insert(item.id);
        let translated = match self.translate_item(source, item, target_type) {
            Ok(t) => t,
            Err(reason) => return self.outcome(source, item, Fate::Unusable { reason }),
        };
        let model = &*self.model;
        let in_type = current.filter(|&c| model.constructors[c].result == Ty::Boxed(target_type));
        let problem = match in_type {
            Some(c) => mapping_problem(&translated, &model.constructors[c], model),
            None if model.types[target_type].compat_layer.is_some() => Some(format!(
                "its type `{type_name}` is gone, and is kept from layer {}",
                model.types[target_type].compat_layer.unwrap_or_default()
            )),
            None if current.is_some() => {
                Some(format!("the current `{name}` is not a `{type_name}`"))
            }
            None => Some(format!("the current schema has no `{name}`")),
        };
        match (in_type, problem) {
            (Some(target), None) => {
                self.model.compat.readers.push(CompatReader {
                    item: translated,
                    target,
                });
                self.outcome(source, item, Fate::Mapped);
            }
            (_, Some(reason)) => {
                if !self.variant_names.insert((name.clone(), source.layer)) {
                    let reason = format!("layer {} already has a `{name}`", source.layer);
                    return self.outcome(source, item, Fate::Unusable { reason });
                }
                let c = CtorId(self.model.constructors.len());
                self.model.constructors.push(translated);
                self.model.types[target_type].constructors.push(c);
                self.outcome(source, item, Fate::Variant { reason });
            }
            (None, None) => unreachable!("no target without a problem"),
        }
    }

    /// `item` of an older source with its types looked up by name in the current model
    /// (bringing back those it dropped), as a constructor of `target_type`.
    fn translate_item(
        &mut self,
        source: &CompatSource<'_>,
        item: &Item,
        target_type: TypeId,
    ) -> Result<Item, String> {
        let params = item
            .params
            .iter()
            .map(|f| {
                let kind = match &f.kind {
                    FieldKind::Flags => FieldKind::Flags,
                    FieldKind::Value { ty, condition } => FieldKind::Value {
                        ty: self
                            .translate(source, ty)
                            .map_err(|why| format!("parameter `{}`: {why}", f.name))?,
                        condition: *condition,
                    },
                };
                Ok(Field {
                    name: f.name.clone(),
                    kind,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Item {
            params,
            result: Ty::Boxed(target_type),
            compat_layer: Some(source.layer),
            ..item.clone()
        })
    }

    fn translate(&mut self, source: &CompatSource<'_>, ty: &Ty) -> Result<Ty, String> {
        let old = source.model;
        Ok(match ty {
            Ty::Boxed(t) => {
                let name = old.types[*t].name.to_string();
                match self.types.get(&name) {
                    Some(&now) => Ty::Boxed(now),
                    None => Ty::Boxed(self.bring_back(source, *t)),
                }
            }
            Ty::Bare(c) => {
                let old_ctor = &old.constructors[*c];
                let name = old_ctor.name.to_string();
                match self.ctors.get(&name) {
                    // The same id: the same layout, so the current reader reads it.
                    Some(&now) if self.model.constructors[now].id == old_ctor.id => Ty::Bare(now),
                    Some(_) => return Err(format!("bare `{name}` changed")),
                    None => return Err(format!("bare `{name}` is gone")),
                }
            }
            Ty::Vector { boxed, elem } => Ty::Vector {
                boxed: *boxed,
                elem: Box::new(self.translate(source, elem)?),
            },
            Ty::Nullable(inner) => Ty::Nullable(Box::new(self.translate(source, inner)?)),
            Ty::Generic(x) => return Err(format!("type parameter `{x}`")),
            other => other.clone(),
        })
    }

    /// Type `t` of an older source, which the current schema dropped, as a type of its own
    /// (named after the layer). Its constructors follow in [`Attacher::consider`], which
    /// finds the type now there.
    fn bring_back(&mut self, source: &CompatSource<'_>, t: TypeId) -> TypeId {
        let name = source.model.types[t].name.clone();
        let now = TypeId(self.model.types.len());
        self.types.insert(name.to_string(), now);
        self.model.types.push(TypeDef {
            name,
            constructors: Vec::new(),
            compat_layer: Some(source.layer),
        });
        for &c in &source.model.types[t].constructors {
            self.consider(source, &source.model.constructors[c]);
        }
        now
    }
}

/// Why the older constructor `old` (translated) cannot be read into `current`, if it can't.
fn mapping_problem(old: &Item, current: &Item, model: &Model) -> Option<String> {
    let special = |item: &Item| {
        item.params.iter().any(|f| match &f.kind {
            FieldKind::Flags => f.keeps_own_bits(),
            FieldKind::Value { ty, .. } => ty.holds_object(),
        })
    };
    if special(old) || special(current) {
        return Some("it has an `Object` or a `#` word with bits of its own".to_owned());
    }
    let value = |item: &Item, p: usize| match &item.params[p].kind {
        FieldKind::Value { ty, condition } => Some((ty.clone(), *condition)),
        FieldKind::Flags => None,
    };
    let by_name: HashMap<&str, usize> = current
        .params
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind != FieldKind::Flags)
        .map(|(p, f)| (f.name.as_str(), p))
        .collect();
    // Each older parameter has its place.
    let mut from: BTreeMap<usize, Option<FlagBit>> = BTreeMap::new();
    for (p, f) in old.params.iter().enumerate() {
        let Some((ty, condition)) = value(old, p) else {
            continue;
        };
        let Some(&q) = by_name.get(f.name.as_str()) else {
            return Some(format!(
                "the current `{}` has no `{}`",
                current.name, f.name
            ));
        };
        let (now, now_condition) = value(current, q).expect("a value parameter");
        if now != ty {
            return Some(format!(
                "`{}` was `{}` and is `{}` now",
                f.name,
                type_text(model, &ty),
                type_text(model, &now)
            ));
        }
        match (condition, now_condition) {
            (Some(_), None) => {
                return Some(format!("`{}` was optional and is required now", f.name))
            }
            (None, Some(_)) if ty == Ty::True => {
                return Some(format!("`{}` was always set", f.name))
            }
            _ => {}
        }
        from.insert(q, condition);
    }
    // Each current parameter it lacks can be empty.
    let mut bits: BTreeMap<FlagBit, Vec<usize>> = BTreeMap::new();
    for (q, f) in current.params.iter().enumerate() {
        let Some((ty, condition)) = value(current, q) else {
            continue;
        };
        if let Some(bit) = condition {
            bits.entry(bit).or_default().push(q);
        } else if !from.contains_key(&q) && !matches!(ty, Ty::Vector { .. }) {
            return Some(format!("`{}` is required and new", f.name));
        }
    }
    // Parameters sharing a bit now (one `Option`, or a flag implied by a value) were all
    // there, on one bit or all unconditional, or all absent.
    for (bit, params) in bits {
        let sources: Vec<Option<&Option<FlagBit>>> = params.iter().map(|q| from.get(q)).collect();
        let all_absent = sources.iter().all(Option::is_none);
        let one_source = sources.windows(2).all(|w| w[0] == w[1]) && sources[0].is_some();
        if !all_absent && !one_source {
            let names: Vec<&str> = params
                .iter()
                .map(|&q| current.params[q].name.as_str())
                .collect();
            return Some(format!(
                "`{}` share bit {} of `{}` now, not then",
                names.join("`, `"),
                bit.bit,
                current.params[bit.field].name
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resolved_for_test;
    use std::path::Path;

    fn model(name: &str, text: &str) -> Model {
        resolved_for_test(&[(Path::new(name), text)])
    }

    const CURRENT: &str = "
        photo#10000001 flags:# id:long caption:flags.0?string sizes:Vector<int> = Photo;
        photoEmpty#10000002 id:long = Photo;
        group#10000003 flags:# a:flags.1?int b:flags.1?string = Group;
        // LAYER 30
    ";

    fn fates(old: &str) -> (Model, Vec<(String, Fate)>) {
        let mut current = model("current.tl", CURRENT);
        let old = model("old.tl", old);
        attach(
            &mut current,
            &[CompatSource {
                layer: 20,
                model: &old,
            }],
        );
        let fates = current
            .compat
            .outcomes
            .iter()
            .map(|o| (format!("{}#{:08x}", o.name, o.id), o.fate.clone()))
            .collect();
        (current, fates)
    }

    #[test]
    fn each_older_constructor_is_mapped_kept_or_refused_with_a_reason() {
        let (model, fates) = fates(
            "
            photo#20000001 id:long = Photo;
            photoEmpty#10000002 id:long = Photo;
            photoOld#20000002 id:long caption:string = Photo;
            photoSized#20000003 flags:# id:int = Photo;
            group#20000004 flags:# a:flags.1?int b:flags.2?string = Group;
            thumb#20000005 id:long = Thumb;
            photoThumb#20000006 t:Thumb = Photo;
            size#20000008 w:int = Size;
            photoSize#20000007 s:%Size = Photo;
            // LAYER 20
            ",
        );
        let variant = |reason: &str| Fate::Variant {
            reason: reason.to_owned(),
        };
        assert_eq!(
            fates,
            [
                (
                    "group#20000004".to_owned(),
                    variant("`a`, `b` share bit 1 of `flags` now, not then")
                ),
                // Missing `caption` (optional) and `sizes` (a vector): read into `photo`.
                ("photo#20000001".to_owned(), Fate::Mapped),
                (
                    "photoOld#20000002".to_owned(),
                    variant("the current schema has no `photoOld`")
                ),
                // A bare constructor cannot be brought back (it has no id to read it by).
                (
                    "photoSize#20000007".to_owned(),
                    Fate::Unusable {
                        reason: "parameter `s`: bare `size` is gone".to_owned()
                    }
                ),
                (
                    "photoSized#20000003".to_owned(),
                    variant("the current schema has no `photoSized`")
                ),
                // `Thumb` is gone, and is brought back for `photoThumb`, with its constructor.
                (
                    "thumb#20000005".to_owned(),
                    variant("its type `Thumb` is gone, and is kept from layer 20")
                ),
                (
                    "photoThumb#20000006".to_owned(),
                    variant("the current schema has no `photoThumb`")
                ),
            ]
            .to_vec(),
        );
        // `photoEmpty` is current (same id); `size` shares neither name nor type.
        assert_eq!(model.compat.readers.len(), 1);
        let reader = &model.compat.readers[0];
        assert_eq!(model.constructors[reader.target].name.to_string(), "photo");
        assert_eq!(reader.layer(), 20);
        // The variants are constructors of their types, after the current ones.
        let kept: Vec<String> = model
            .constructors
            .iter()
            .filter(|c| c.compat_layer == Some(20))
            .map(|c| c.name.to_string())
            .collect();
        assert_eq!(
            kept,
            ["group", "photoOld", "photoSized", "thumb", "photoThumb"]
        );
        let photo = model.type_by_name("Photo").unwrap();
        assert_eq!(model.types[photo].constructors.len(), 5);
        assert_eq!(model.current_constructors().count(), 3);
        let thumb = model.type_by_name("Thumb").unwrap();
        assert_eq!(model.types[thumb].compat_layer, Some(20));
        assert_eq!(model.types[thumb].constructors.len(), 1);
    }

    #[test]
    fn a_changed_type_or_a_new_required_parameter_keeps_the_old_one_as_its_own() {
        let (_, fates) = fates(
            "
            photo#20000001 id:int = Photo;
            photoEmpty#20000002 = Photo;
            group#20000004 flags:# a:flags.1?int = Group;
            // LAYER 20
            ",
        );
        let reasons: Vec<String> = fates
            .iter()
            .map(|(n, f)| match f {
                Fate::Variant { reason } => format!("{n}: {reason}"),
                other => format!("{n}: {other:?}"),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                // A value of `a` without `b`, which the current struct cannot hold.
                "group#20000004: `a`, `b` share bit 1 of `flags` now, not then",
                "photo#20000001: `id` was `int` and is `long` now",
                "photoEmpty#20000002: `id` is required and new",
            ]
        );
    }

    #[test]
    fn a_selection_keeps_the_readers_and_variants_of_the_types_it_keeps() {
        use crate::model::Filter;
        let (model, _) = fates(
            "
            photo#20000001 id:long = Photo;
            group#20000004 flags:# a:flags.1?int b:flags.2?string = Group;
            // LAYER 20
            ",
        );
        let only = |pattern: &str| {
            Filter {
                only: vec![pattern.to_owned()],
                exclude: Vec::new(),
            }
            .apply(&model)
            .unwrap()
            .model
        };
        let photos = only("Photo");
        assert_eq!(photos.compat.readers.len(), 1);
        let target = &photos.constructors[photos.compat.readers[0].target];
        assert_eq!(target.name.to_string(), "photo");
        assert!(photos.constructors.iter().all(|c| c.compat_layer.is_none()));
        let groups = only("Group");
        assert!(groups.compat.readers.is_empty());
        let kept: Vec<(String, Option<i32>)> = groups
            .constructors
            .iter()
            .map(|c| (c.name.to_string(), c.compat_layer))
            .collect();
        assert_eq!(
            kept,
            [("group".to_owned(), None), ("group".to_owned(), Some(20))]
        );
    }

    #[test]
    fn a_moved_constructor_is_unusable_unless_its_old_type_comes_back() {
        // `group` builds `Group` now; layer 20's built `Team`, which is gone.
        let (_, alone) = fates("group#20000004 a:int = Team;\n// LAYER 20");
        assert_eq!(
            alone,
            [(
                "group#20000004".to_owned(),
                Fate::Unusable {
                    reason: "its type `Team` is gone (the current `group` builds `Group`)"
                        .to_owned()
                }
            )]
        );
        // A constructor of a current type needing `Team` brings it back, `group` with it.
        let (model, needed) =
            fates("group#20000004 a:int = Team;\nphotoTeam#20000005 t:Team = Photo;\n// LAYER 20");
        let names: Vec<(&str, bool)> = needed
            .iter()
            .map(|(n, f)| (n.as_str(), matches!(f, Fate::Variant { .. })))
            .collect();
        assert_eq!(
            names,
            [("group#20000004", true), ("photoTeam#20000005", true)]
        );
        let team = model.type_by_name("Team").unwrap();
        assert_eq!(model.types[team].constructors.len(), 1);
    }

    #[test]
    fn the_newest_source_names_a_constructor_several_have() {
        let mut current = model("current.tl", CURRENT);
        let older = model("a.tl", "photoOld#20000002 id:long = Photo;\n// LAYER 10");
        let newer = model("b.tl", "photoOld#20000002 id:long = Photo;\n// LAYER 20");
        attach(
            &mut current,
            &[
                CompatSource {
                    layer: 10,
                    model: &older,
                },
                CompatSource {
                    layer: 20,
                    model: &newer,
                },
            ],
        );
        assert_eq!(current.compat.outcomes.len(), 1);
        assert_eq!(current.compat.outcomes[0].layer, 20);
        assert_eq!(current.constructors.last().unwrap().compat_layer, Some(20));
    }
}
