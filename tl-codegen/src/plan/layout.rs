//! Decisions about the shape of the Rust types, made before any code is written:
//!
//! - **Members.** A struct's fields are the TL parameters, except that `#` fields disappear
//!   (computed when serializing) and parameters sharing one flag bit become one member, so
//!   that a state the wire cannot express (`views` without `forwards`) cannot be built.
//! - **Boxing.** Recursive types get a `Box` on the field that closes each cycle, so every type
//!   has a finite size; a struct above [`MAX_INLINE`] bytes has its largest fields boxed until
//!   it fits. Enum variants hold their structs inline: a `Vec` of messages or users is then
//!   one allocation rather than one per element, and the enum is at most a few bytes larger
//!   than its largest variant. (Only a variant that cannot be made to fit is boxed.)
//! - **Kept decisions.** With a boxing record ([`crate::model::boxing`]), every field and
//!   variant the record names is boxed or not as recorded, whatever the sizes now say; only
//!   what the record does not know is decided by size. A field that closes a cycle is boxed
//!   even if the record says otherwise (the type would have no size).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    BoxingDecision, BoxingRecord, CtorId, Field, FieldKind, FlagBit, Item, Model, Ty, TypeId,
};

/// No generated struct should be larger than this, so that no enum (a variant and an 8-byte
/// tag) is above 512 bytes; fields are boxed until a struct fits.
pub const MAX_INLINE: usize = 504;

/// One field of a generated struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// An unconditional parameter.
    Plain {
        /// Index into the item's params.
        param: usize,
    },
    /// `flags.N?true` alone on its bit: a `bool`.
    Flag {
        /// Index into the item's params.
        param: usize,
        /// The bit.
        bit: FlagBit,
    },
    /// `flags.N?T` alone on its bit (apart from `true` parameters): an `Option<T>`.
    Optional {
        /// Index into the item's params.
        param: usize,
        /// The bit.
        bit: FlagBit,
    },
    /// Several value parameters on one bit: `Option<Group>` with a field for each.
    Group {
        /// The member's name (the first `true` parameter on the bit, else the first value).
        name: String,
        /// The value parameters, in wire order.
        params: Vec<usize>,
        /// The bit.
        bit: FlagBit,
    },
}

/// A `flags.N?true` parameter whose bit also carries values: not a field, but a method
/// telling whether those values are present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpliedFlag {
    /// Index into the item's params.
    pub param: usize,
    /// Index into the struct's members of the value (or group) on the same bit.
    pub member: usize,
}

/// The Rust shape of one constructor or function.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Fields in wire order of their first parameter.
    pub members: Vec<Member>,
    /// `true` parameters represented by a method.
    pub implied: Vec<ImpliedFlag>,
    /// Params (by index) whose type is wrapped in a `Box`.
    pub boxed_params: BTreeSet<usize>,
    /// Params (by index) the boxing record keeps inline: never boxed to make the struct fit.
    pub kept_inline: BTreeSet<usize>,
}

/// Shapes of everything in a model.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Per constructor.
    pub constructors: Vec<Shape>,
    /// Per function.
    pub functions: Vec<Shape>,
    /// Constructors whose enum variant is `Box`ed.
    pub boxed_variants: BTreeSet<CtorId>,
    /// Estimated `size_of` per constructor struct.
    pub ctor_sizes: Vec<usize>,
    /// Estimated `size_of` per enum.
    pub type_sizes: Vec<usize>,
    /// Enums that a function's field holds in a `Box` (`messages.sendMedia.media`). They get
    /// `From<constructor> for Box<enum>`, so that `.into()` fills such a field of a request
    /// as it fills an unboxed one. (Only requests: they are what users build; the impls for
    /// every boxed field of the layer would be 540 more functions to compile.)
    pub boxed_in_requests: BTreeSet<TypeId>,
}

/// Members of an item: flags dropped, bits shared by several parameters grouped.
pub fn members(item: &Item) -> (Vec<Member>, Vec<ImpliedFlag>) {
    let mut by_bit: BTreeMap<FlagBit, Vec<usize>> = BTreeMap::new();
    for (i, f) in item.params.iter().enumerate() {
        if let FieldKind::Value {
            condition: Some(bit),
            ..
        } = &f.kind
        {
            by_bit.entry(*bit).or_default().push(i);
        }
    }
    let is_true = |i: usize| matches!(&item.params[i].kind, FieldKind::Value { ty: Ty::True, .. });
    let mut members = Vec::new();
    let mut implied_params = Vec::new();
    let mut placed: BTreeMap<FlagBit, usize> = BTreeMap::new();
    for (i, f) in item.params.iter().enumerate() {
        let FieldKind::Value { condition, .. } = &f.kind else {
            // A `#` word that no parameter is conditional on (TON's `count:#`, a `mode:#`
            // whose bits select behaviour) carries a value of its own: a `u32` field. So does
            // one that is not a `flags` word (TON's `mode:#`), for the bits no parameter
            // carries (`liteServer.lookupBlock`'s bit 0, "by seqno").
            if !by_bit.keys().any(|b| b.field == i) || f.keeps_own_bits() {
                members.push(Member::Plain { param: i });
            }
            continue;
        };
        let Some(bit) = condition else {
            if !item.is_length_prefixed(i + 1) {
                members.push(Member::Plain { param: i });
            }
            continue;
        };
        let on_bit = &by_bit[bit];
        let values: Vec<usize> = on_bit.iter().copied().filter(|&p| !is_true(p)).collect();
        if values.is_empty() {
            // Only `true` parameters on this bit: each is the same bool; keep the first as
            // the field and let the others read it.
            if on_bit[0] == i {
                placed.insert(*bit, members.len());
                members.push(Member::Flag {
                    param: i,
                    bit: *bit,
                });
            } else {
                implied_params.push((i, *bit));
            }
            continue;
        }
        if is_true(i) {
            implied_params.push((i, *bit));
            continue;
        }
        if placed.contains_key(bit) {
            continue;
        }
        placed.insert(*bit, members.len());
        if values.len() == 1 {
            members.push(Member::Optional {
                param: i,
                bit: *bit,
            });
        } else {
            let name_param = on_bit.iter().copied().find(|&p| is_true(p)).unwrap_or(i);
            members.push(Member::Group {
                name: item.params[name_param].name.clone(),
                params: values,
                bit: *bit,
            });
        }
    }
    let implied = implied_params
        .into_iter()
        .filter_map(|(param, bit)| {
            placed
                .get(&bit)
                .map(|&member| ImpliedFlag { param, member })
        })
        .collect();
    (members, implied)
}

/// Node of the containment graph: a struct (constructor) or an enum (boxed type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    Ctor(CtorId),
    Type(TypeId),
}

/// What a field holds inline (not behind a `Vec` or `Box`).
fn inline_target(ty: &Ty) -> Option<Node> {
    match ty {
        Ty::Boxed(t) => Some(Node::Type(*t)),
        Ty::Bare(c) => Some(Node::Ctor(*c)),
        // An `Option` holds its value inline too.
        Ty::Nullable(inner) => inline_target(inner),
        _ => None,
    }
}

/// Computes the layout of every item.
pub fn layout(model: &Model) -> Layout {
    let mut out = Layout {
        constructors: model.constructors.iter().map(shape).collect(),
        functions: model.functions.iter().map(shape).collect(),
        ..Layout::default()
    };

    // 1. What the boxing record decided stays decided.
    let n_ctor = model.constructors.len();
    let mut recorded_variants: Vec<Option<bool>> = vec![None; n_ctor];
    for (c, item) in model.constructors.iter().enumerate() {
        if item.compat_layer.is_none() {
            if let Some(decision) = model.boxing.constructors.get(&item.name.to_string()) {
                keep(item, &mut out.constructors[c], decision);
                recorded_variants[c] = Some(decision.boxed_variant);
            }
        }
    }
    for (item, shape) in model.functions.iter().zip(&mut out.functions) {
        if let Some(decision) = model.boxing.functions.get(&item.name.to_string()) {
            keep(item, shape, decision);
        }
    }

    // 2. Break cycles: box each field whose target is in its own strongly connected
    // component, except those the record keeps inline; if that leaves a cycle (one made only
    // of fields the record keeps inline), box its fields too.
    let index = |n: Node| match n {
        Node::Ctor(c) => c.0,
        Node::Type(t) => n_ctor + t.0,
    };
    let total = n_ctor + model.types.len();
    // Per node, its targets; for a constructor, with the param holding each.
    let mut edges: Vec<Vec<(usize, Option<usize>)>> = vec![Vec::new(); total];
    for (c, item) in model.constructors.iter().enumerate() {
        for (p, f) in item.params.iter().enumerate() {
            if let FieldKind::Value { ty, .. } = &f.kind {
                if let Some(target) = inline_target(ty) {
                    edges[c].push((index(target), Some(p)));
                }
            }
        }
    }
    for (t, ty) in model.types.iter().enumerate() {
        edges[n_ctor + t].extend(ty.constructors.iter().map(|c| (c.0, None)));
    }
    for respect_record in [true, false] {
        let inline_edges: Vec<Vec<usize>> = edges
            .iter()
            .enumerate()
            .map(|(node, targets)| {
                targets
                    .iter()
                    .filter(|(_, p)| {
                        p.is_none_or(|p| !out.constructors[node].boxed_params.contains(&p))
                    })
                    .map(|&(target, _)| target)
                    .collect()
            })
            .collect();
        let scc = strongly_connected(&inline_edges);
        for (c, targets) in edges.iter().enumerate().take(n_ctor) {
            let shape = &mut out.constructors[c];
            for &(target, p) in targets {
                let p = p.expect("a constructor's edges are its params");
                if scc[target] == scc[c] && !(respect_record && shape.kept_inline.contains(&p)) {
                    shape.boxed_params.insert(p);
                }
            }
        }
    }

    // 3. Sizes bottom-up (the remaining inline graph is acyclic), boxing as we go.
    let mut sizes: Vec<Option<usize>> = vec![None; total];
    for start in 0..total {
        // Iterative post-order so deep schemas cannot overflow the stack.
        let mut stack = vec![(start, false)];
        while let Some((node, children_done)) = stack.pop() {
            if sizes[node].is_some() {
                continue;
            }
            if !children_done {
                stack.push((node, true));
                for &(next, p) in &edges[node] {
                    let boxed = p.is_some_and(|p| out.constructors[node].boxed_params.contains(&p));
                    if sizes[next].is_none() && !boxed {
                        stack.push((next, false));
                    }
                }
                continue;
            }
            let size = if node < n_ctor {
                let item = &model.constructors[node];
                struct_size(item, &mut out.constructors[node], |n| sizes[index(n)])
            } else {
                let t = node - n_ctor;
                let variants = &model.types[t].constructors;
                let mut largest = 0;
                for &c in variants {
                    let s = sizes[c].unwrap_or(8);
                    if recorded_variants[c.0].unwrap_or(s > MAX_INLINE) {
                        out.boxed_variants.insert(c);
                        largest = largest.max(8);
                    } else {
                        largest = largest.max(s);
                    }
                }
                round8(largest + 8)
            };
            sizes[node] = Some(size);
        }
    }
    // 4. Function structs (nothing contains them) get the same limit.
    for (item, shape) in model.functions.iter().zip(&mut out.functions) {
        struct_size(item, shape, |n| sizes[index(n)]);
    }
    out.ctor_sizes = sizes[..n_ctor].iter().map(|s| s.unwrap_or(0)).collect();
    out.type_sizes = sizes[n_ctor..].iter().map(|s| s.unwrap_or(0)).collect();
    for (item, shape) in model.functions.iter().zip(&out.functions) {
        for &p in &shape.boxed_params {
            if let FieldKind::Value { ty, .. } = &item.params[p].kind {
                if let Ty::Boxed(t) = ty.non_null() {
                    out.boxed_in_requests.insert(*t);
                }
            }
        }
    }
    out
}

fn shape(item: &Item) -> Shape {
    let (members, implied) = members(item);
    Shape {
        members,
        implied,
        boxed_params: BTreeSet::new(),
        kept_inline: BTreeSet::new(),
    }
}

/// Applies a recorded decision to the params of `item` that hold a value inline.
fn keep(item: &Item, shape: &mut Shape, decision: &BoxingDecision) {
    for (p, f) in item.params.iter().enumerate() {
        if !f.holds_inline() {
            continue;
        }
        if decision.boxed.contains(&f.name) {
            shape.boxed_params.insert(p);
        } else if decision.inline.contains(&f.name) {
            shape.kept_inline.insert(p);
        }
    }
}

/// What `tl-codegen boxing` writes for `model`: the decisions of its layout (made with the
/// record it carries, so nothing recorded changes), over what that record holds of items and
/// parameters `model` no longer has.
pub fn updated_record(model: &Model) -> BoxingRecord {
    let mut record = layout(model).record(model);
    record.keep_older(&model.boxing);
    record
}

impl Layout {
    /// The decisions of this layout, as a boxing record: every constructor of the schema
    /// itself (not those of older layers) and every function with a param that could be
    /// boxed, each with its boxed and inline params.
    pub fn record(&self, model: &Model) -> BoxingRecord {
        let decision = |item: &Item, shape: &Shape| {
            let mut d = BoxingDecision::default();
            for (p, f) in item.params.iter().enumerate() {
                if f.holds_inline() {
                    let set = if shape.boxed_params.contains(&p) {
                        &mut d.boxed
                    } else {
                        &mut d.inline
                    };
                    set.insert(f.name.clone());
                }
            }
            d
        };
        let mut record = BoxingRecord::default();
        for (c, item) in model.constructors.iter().enumerate() {
            if item.compat_layer.is_none() {
                let mut d = decision(item, &self.constructors[c]);
                d.boxed_variant = self.boxed_variants.contains(&CtorId(c));
                record.constructors.insert(item.name.to_string(), d);
            }
        }
        for (item, shape) in model.functions.iter().zip(&self.functions) {
            if item.params.iter().any(Field::holds_inline) {
                record
                    .functions
                    .insert(item.name.to_string(), decision(item, shape));
            }
        }
        record
    }
}

/// Estimates a struct's size, boxing its largest inline fields while it is too big.
/// `sizes` gives the estimated size of the structs and enums fields hold (`None` for those
/// not known yet: the targets of fields that close a cycle, which are boxed).
fn struct_size(item: &Item, shape: &mut Shape, sizes: impl Fn(Node) -> Option<usize>) -> usize {
    let param_size = |p: usize, shape: &Shape| -> usize {
        let FieldKind::Value { ty, condition } = &item.params[p].kind else {
            return 4;
        };
        if shape.boxed_params.contains(&p) {
            return 8;
        }
        let base = ty_size(ty, |node| sizes(node).unwrap_or(8));
        match (ty, condition) {
            (Ty::Int | Ty::Long | Ty::Int53 | Ty::Double | Ty::Int128 | Ty::Int256, Some(_)) => {
                base + base.min(8)
            }
            _ => base,
        }
    };
    loop {
        let total: usize = shape
            .members
            .iter()
            .map(|m| match m {
                Member::Plain { param } | Member::Optional { param, .. } => {
                    param_size(*param, shape)
                }
                Member::Flag { .. } => 1,
                Member::Group { params, .. } => {
                    round8(params.iter().map(|&p| param_size(p, shape)).sum::<usize>()) + 8
                }
            })
            .sum();
        let total = round8(total);
        if total <= MAX_INLINE {
            return total;
        }
        // Box the largest field that is not boxed yet and would shrink.
        let candidate = item
            .params
            .iter()
            .enumerate()
            .filter(|(p, f)| {
                !shape.boxed_params.contains(p)
                    && !shape.kept_inline.contains(p)
                    && f.holds_inline()
            })
            .max_by_key(|(p, _)| param_size(*p, shape))
            .map(|(p, _)| p);
        match candidate {
            Some(p) if param_size(p, shape) > 8 => {
                shape.boxed_params.insert(p);
            }
            _ => return total,
        }
    }
}

fn ty_size(ty: &Ty, node_size: impl Fn(Node) -> usize) -> usize {
    match ty {
        Ty::Int => 4,
        Ty::Long | Ty::Int53 | Ty::Double | Ty::Generic(_) => 8,
        Ty::Bool | Ty::True => 1,
        Ty::Int128 => 16,
        // `Bytes`, and `ByteString` and `RawObject` over it.
        Ty::Int256 | Ty::Bytes | Ty::String | Ty::Object | Ty::Function => 32,
        Ty::Vector { .. } => 24,
        Ty::Boxed(t) => node_size(Node::Type(*t)),
        Ty::Bare(c) => node_size(Node::Ctor(*c)),
        // The value's niche holds `None` (every struct and enum here has one).
        Ty::Nullable(inner) => ty_size(inner, node_size),
    }
}

fn round8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// Tarjan's algorithm, iterative. Returns the component number of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == UNSEEN {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNSEEN {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    comp[member] = next_comp;
                    if member == node {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn scc_finds_cycles_and_self_loops() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let comp = strongly_connected(&[vec![1], vec![2], vec![0], vec![3], vec![]]);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[0], comp[3]);
        assert_ne!(comp[3], comp[4]);
    }
}
