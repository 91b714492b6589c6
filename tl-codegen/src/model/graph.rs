//! The [`Model`]: the resolved schema as a whole, its tables of types, constructors and
//! functions, and lookups by name.

use super::boxing::BoxingRecord;
use super::compat::Compat;
use super::item::{CtorId, FieldKind, Item, Ty, TypeDef, TypeId};

/// All definitions of one or more schema files, resolved.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The `// LAYER N` of the first file that has one.
    pub layer: Option<i32>,
    /// Boxed types (`PhoneCall`, `messages.DhConfig`), sorted by name.
    pub types: Vec<TypeDef>,
    /// Constructors, sorted by name.
    pub constructors: Vec<Item>,
    /// Functions, sorted by name.
    pub functions: Vec<Item>,
    /// Constructors of `Bool`, mapped to Rust's `bool` rather than generated.
    pub bool_constructors: Vec<Item>,
    /// Constructors of older layers still read (empty without compatibility sources; see
    /// [`compat`](super::compat)). Those that are variants of their own are in [`Model::constructors`],
    /// after the current ones.
    pub compat: Compat,
    /// Boxing decisions kept from an earlier layer (empty without a record; see
    /// [`boxing`](super::boxing)).
    pub boxing: BoxingRecord,
}

impl Model {
    /// The constructors of the schema itself: without those of older layers kept as their
    /// own ([`Item::compat_layer`]).
    pub fn current_constructors(&self) -> impl Iterator<Item = &Item> {
        self.constructors
            .iter()
            .filter(|c| c.compat_layer.is_none())
    }

    /// What the model's boxing record does not decide, by TL name: constructors (of the schema
    /// itself) and functions with a field that could be boxed that it does not list, and
    /// parameters (`message.factcheck`) of those it lists that it does not mention.
    pub fn not_in_boxing_record(&self) -> Vec<String> {
        let record = &self.boxing;
        let mut missing = Vec::new();
        let items = self
            .current_constructors()
            .map(|c| (c, record.constructors.get(&c.name.to_string()), true))
            .chain(
                self.functions
                    .iter()
                    .map(|f| (f, record.functions.get(&f.name.to_string()), false)),
            );
        for (item, decision, is_ctor) in items {
            let mut inline = item.params.iter().filter(|p| p.holds_inline()).peekable();
            match decision {
                None if is_ctor || inline.peek().is_some() => missing.push(item.name.to_string()),
                None => {}
                Some(d) => missing.extend(
                    inline
                        .filter(|p| !d.boxed.contains(&p.name) && !d.inline.contains(&p.name))
                        .map(|p| format!("{}.{}", item.name, p.name)),
                ),
            }
        }
        missing
    }

    /// The boxed type named `name`.
    pub fn type_by_name(&self, name: &str) -> Option<TypeId> {
        self.types.iter().position(|t| t.name == *name).map(TypeId)
    }

    /// The constructor named `name`.
    pub fn constructor_by_name(&self, name: &str) -> Option<CtorId> {
        self.constructors
            .iter()
            .position(|c| c.name == *name)
            .map(CtorId)
    }

    /// The function named `name`.
    pub fn function_by_name(&self, name: &str) -> Option<usize> {
        self.functions.iter().position(|c| c.name == *name)
    }
}

/// Parameter `p` of `item`'s type as the schema writes it: `flags.1?string`, `#`, `long`.
pub fn param_text(model: &Model, item: &Item, p: usize) -> String {
    match &item.params[p].kind {
        FieldKind::Flags => "#".to_owned(),
        FieldKind::Value { ty, condition } => {
            let ty = type_text(model, ty);
            match condition {
                Some(c) => format!("{}.{}?{ty}", item.params[c.field].name, c.bit),
                None => ty,
            }
        }
    }
}

/// A resolved type as the schema writes it.
pub fn type_text(model: &Model, ty: &Ty) -> String {
    match ty {
        Ty::Int => "int".into(),
        Ty::Long => "long".into(),
        Ty::Int53 => "int53".into(),
        Ty::Double => "double".into(),
        Ty::String => "string".into(),
        Ty::Bytes => "bytes".into(),
        Ty::Int128 => "int128".into(),
        Ty::Int256 => "int256".into(),
        Ty::Bool => "Bool".into(),
        Ty::True => "true".into(),
        Ty::Vector { boxed, elem } => {
            let v = if *boxed { "Vector" } else { "vector" };
            format!("{v}<{}>", type_text(model, elem))
        }
        Ty::Boxed(t) => model.types[*t].name.to_string(),
        Ty::Bare(c) => model.constructors[*c].name.to_string(),
        Ty::Generic(x) => format!("!{x}"),
        Ty::Object => "Object".into(),
        Ty::Function => "Function".into(),
        Ty::Nullable(inner) => type_text(model, inner),
    }
}
