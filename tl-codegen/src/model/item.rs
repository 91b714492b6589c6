//! The resolved definitions: boxed types, constructors and functions ([`Item`]), their
//! parameters and types, referring to each other by index into the [`Model`](super::Model).

use std::path::PathBuf;

use crate::schema::ast::Name;

/// The name of a definition of an older layer kept beside the current one: `channel_layer166`
/// (a compatibility constructor, or one a later `===N===` section of the same file redefines).
pub fn layer_name(name: &str, layer: i32) -> String {
    format!("{name}_layer{layer}")
}

/// A boxed type of the model: its index into [`Model::types`](super::Model::types) (and
/// into the plan's enums, which follow the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A constructor of the model: its index into
/// [`Model::constructors`](super::Model::constructors) (and into the plan's structs, which
/// follow the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CtorId(pub usize);

/// Ids index the vectors laid out in model order, and only as what they are: a `TypeId` does
/// not index the constructors.
macro_rules! index_by {
    ($id:ident) => {
        impl<T> std::ops::Index<$id> for Vec<T> {
            type Output = T;

            fn index(&self, id: $id) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$id> for Vec<T> {
            fn index_mut(&mut self, id: $id) -> &mut T {
                &mut self[id.0]
            }
        }

        impl std::fmt::Display for $id {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}
index_by!(TypeId);
index_by!(CtorId);

/// A boxed type and its constructors.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// `messages.DhConfig`.
    pub name: Name,
    /// Its constructors, in name order (then those of older layers, see [`compat`](super::compat)).
    pub constructors: Vec<CtorId>,
    /// For a type the current schema dropped, brought back for older layers' constructors
    /// that need it (see [`compat`](super::compat)): the layer it is taken from.
    pub compat_layer: Option<i32>,
}

/// A constructor or a function.
#[derive(Debug, Clone)]
pub struct Item {
    /// `phone.requestCall`.
    pub name: Name,
    /// The id used on the wire.
    pub id: u32,
    /// The type parameters' names (`X` of `{X:Type}`).
    pub type_params: Vec<String>,
    /// Parameters in wire order, `#` fields included.
    pub params: Vec<Field>,
    /// For constructors, the boxed type they build; for functions, what they return.
    pub result: Ty,
    /// The definition as the schema writes it (normalized spacing), for docs.
    pub definition: String,
    /// Comment lines above the definition in the schema.
    pub comments: Vec<String>,
    /// Documentation the schema gives in TDLib's `//@` style (empty otherwise).
    pub doc: ItemDoc,
    /// Where it was defined.
    pub file: PathBuf,
    /// 1-based line of the definition.
    pub line: usize,
    /// For a constructor of an older layer kept as a variant of its own (see [`compat`](super::compat)):
    /// that layer.
    pub compat_layer: Option<i32>,
}

/// Documentation written in the schema itself, TDLib style: `//@description`, `//@param`
/// and `//@class` comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDoc {
    /// `//@description` of the item.
    pub description: Option<String>,
    /// Per parameter (same indices as [`Item::params`]): its `//@name` text.
    pub params: Vec<Option<String>>,
    /// For constructors: the `//@class` description of the boxed type they build.
    pub type_description: Option<String>,
}

impl ItemDoc {
    /// Whether the schema documents nothing here.
    pub fn is_empty(&self) -> bool {
        self.description.is_none()
            && self.type_description.is_none()
            && self.params.iter().all(Option::is_none)
    }
}

impl Item {
    /// Whether this is a generic function (`{X:Type}`).
    pub fn is_generic(&self) -> bool {
        !self.type_params.is_empty()
    }

    /// Whether parameter `p` is an `Object` (or `Function`) preceded by its length, as
    /// MTProto's `message msg_id:long seqno:int bytes:int body:Object` is: an unconditional
    /// `bytes:int` right before an unconditional `Object`. The length is then no field of its
    /// own: it is written from the value and read with it (`wire::RawObject::read_with_len`).
    pub fn is_length_prefixed(&self, p: usize) -> bool {
        let plain = |i: usize| match &self.params[i].kind {
            FieldKind::Value {
                ty,
                condition: None,
            } => Some(ty),
            _ => None,
        };
        p > 0
            && p < self.params.len()
            && matches!(plain(p), Some(Ty::Object | Ty::Function))
            && plain(p - 1) == Some(&Ty::Int)
            && self.params[p - 1].name == "bytes"
    }

    /// The parameters holding an `Object` whose extent the wire does not give: neither
    /// length-prefixed nor the item's last parameter (or inside a vector). Reading one takes
    /// the rest of the input, so what follows it cannot be read.
    pub fn undelimited_objects(&self) -> Vec<usize> {
        let last = self.params.len().saturating_sub(1);
        (0..self.params.len())
            .filter(|&p| match &self.params[p].kind {
                FieldKind::Value { ty, .. } if ty.holds_object() => {
                    let delimited = self.is_length_prefixed(p)
                        || (p == last && matches!(ty, Ty::Object | Ty::Function));
                    !delimited
                }
                _ => false,
            })
            .collect()
    }
}

/// One parameter.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name in the schema.
    pub name: String,
    /// What it holds.
    pub kind: FieldKind,
}

impl Field {
    /// Whether this `#` word, when parameters are conditional on it, also has bits of its
    /// own, which must be settable: every word but Telegram's presence words `flags`,
    /// `flags2`, ... (TON's `mode:#` selects behaviour with bits no parameter carries).
    /// Such a word is a `u32` field holding those bits; the bits of its parameters follow
    /// from them when serializing.
    pub fn keeps_own_bits(&self) -> bool {
        let digits = self.name.strip_prefix("flags");
        !digits.is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Whether the parameter holds a value of another TL type inline (a boxed type or a
    /// bare constructor, not behind a vector): what boxing decides about.
    pub fn holds_inline(&self) -> bool {
        match &self.kind {
            FieldKind::Value { ty, .. } => matches!(ty.non_null(), Ty::Boxed(_) | Ty::Bare(_)),
            FieldKind::Flags => false,
        }
    }
}

/// A parameter's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// A `#` bit field, computed from the conditional fields when serializing.
    Flags,
    /// A value.
    Value {
        /// Its type.
        ty: Ty,
        /// Present only when bit `bit` of the `#` parameter at index `field` is set.
        condition: Option<FlagBit>,
    },
}

/// `flags.N?`, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlagBit {
    /// Index in [`Item::params`] of the `#` parameter.
    pub field: usize,
    /// Bit number.
    pub bit: u32,
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `int`.
    Int,
    /// `long` (TDLib's `int64`).
    Long,
    /// TDLib's `int53`: a `long` in binary TL, but a JSON number where `int64` is a JSON
    /// string (TDLib's JSON form, [`Config::tdlib_json`](crate::Config::tdlib_json)).
    Int53,
    /// `double`.
    Double,
    /// `string`.
    String,
    /// `bytes`.
    Bytes,
    /// `int128`.
    Int128,
    /// `int256`.
    Int256,
    /// `Bool`.
    Bool,
    /// `true`: only meaningful as `flags.N?true`.
    True,
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector {
        /// Whether the vector id is written.
        boxed: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A boxed type (`InputUser`).
    Boxed(TypeId),
    /// A constructor used bare (`%Message`, `future_salt`).
    Bare(CtorId),
    /// `!X` / `X`: the type parameter of a generic function.
    Generic(String),
    /// `Object` (TON also writes `object`): any boxed value of the schema, kept as its bytes
    /// (`wire::RawObject`) for the caller, who knows what it asked for, to decode.
    Object,
    /// TON's `Function` / `function`: any function call (a request), kept as its bytes.
    Function,
    /// A value of a boxed type or constructor that the schema's docs say may be null
    /// (TDLib's "may be null", "pass null"; see [`nullable`](super::nullable)): an `Option`.
    /// TL has no null for it, so it is written boxed, with TL's `null#56730bcc` for `None`.
    Nullable(Box<Ty>),
}

impl Ty {
    /// Whether the type is or holds an `Object` or `Function` (a `wire::RawObject`).
    pub fn holds_object(&self) -> bool {
        match self {
            Ty::Object | Ty::Function => true,
            Ty::Vector { elem, .. } | Ty::Nullable(elem) => elem.holds_object(),
            _ => false,
        }
    }

    /// The type without its [`Ty::Nullable`] wrapper.
    pub fn non_null(&self) -> &Ty {
        match self {
            Ty::Nullable(inner) => inner,
            other => other,
        }
    }
}
