//! The fewest bytes each constructor's bare form and each boxed type's value take on the wire:
//! what the decoder checks vector counts against (`MIN_BARE_SIZE`, `MIN_SIZE`).

use crate::model::{CtorId, FieldKind, Model, Ty, TypeId};

/// Minimum encoded sizes, per constructor (bare) and per boxed type (with the id).
#[derive(Debug, Clone, Default)]
pub struct MinSizes {
    /// Per constructor, its bare form.
    pub bare: Vec<usize>,
    /// Per boxed type: its smallest constructor, with the id.
    pub boxed: Vec<usize>,
}

impl MinSizes {
    /// The fewest bytes a value of `ty` takes (as written where `ty` appears).
    pub fn of(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Bare(c) => self.bare[*c],
            Ty::Boxed(t) => self.boxed[*t],
            // `null#56730bcc`.
            Ty::Nullable(_) => 4,
            other => fixed_size(other).unwrap_or(4),
        }
    }
}

/// Fixed encoded size, if the type has one.
pub(crate) fn fixed_size(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Int | Ty::Bool => Some(4),
        Ty::Long | Ty::Int53 | Ty::Double => Some(8),
        Ty::Int128 => Some(16),
        Ty::Int256 => Some(32),
        Ty::True => Some(0),
        _ => None,
    }
}

/// Computes the sizes of everything in `model`. `first` lists types to compute before the
/// constructors themselves, in order (the elements of each constructor's vectors of bare
/// values): the values of constructors inside cycles depend on where the walk enters the
/// cycle, and this keeps the order the generated code has always used.
pub(crate) fn min_sizes(model: &Model, first: &[(CtorId, Vec<Ty>)]) -> MinSizes {
    let mut walk = Walk {
        model,
        bare: vec![None; model.constructors.len()],
    };
    for (c, elems) in first {
        for elem in elems {
            walk.min_size(elem, 0);
        }
        walk.min_bare_size(*c, 0);
    }
    for c in 0..model.constructors.len() {
        walk.min_bare_size(CtorId(c), 0);
    }
    let boxed = (0..model.types.len())
        .map(|t| walk.min_boxed_size(TypeId(t), 0))
        .collect();
    MinSizes {
        bare: walk.bare.into_iter().map(|n| n.unwrap_or(0)).collect(),
        boxed,
    }
}

struct Walk<'a> {
    model: &'a Model,
    bare: Vec<Option<usize>>,
}

impl Walk<'_> {
    /// A lower bound of the bare size of `c` (a constructor met again inside its own
    /// computation counts 0; so does anything more than 64 levels down).
    fn min_bare_size(&mut self, c: CtorId, depth: usize) -> usize {
        if let Some(n) = self.bare[c] {
            return n;
        }
        if depth > 64 {
            return 0;
        }
        self.bare[c] = Some(0);
        let item = &self.model.constructors[c];
        let mut total = 0;
        for f in &item.params {
            total += match &f.kind {
                FieldKind::Flags => 4,
                FieldKind::Value {
                    condition: Some(_), ..
                } => 0,
                FieldKind::Value { ty, .. } => self.min_size(ty, depth + 1),
            };
        }
        self.bare[c] = Some(total);
        total
    }

    fn min_size(&mut self, ty: &Ty, depth: usize) -> usize {
        match ty {
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Bare(c) => self.min_bare_size(*c, depth),
            Ty::Boxed(t) => self.min_boxed_size(*t, depth),
            Ty::Nullable(_) => 4,
            other => fixed_size(other).unwrap_or(4),
        }
    }

    fn min_boxed_size(&mut self, t: TypeId, depth: usize) -> usize {
        let model = self.model;
        model.types[t]
            .constructors
            .iter()
            .map(|&c| 4 + self.min_bare_size(c, depth + 1))
            .min()
            .unwrap_or(4)
    }
}
