//! The typed syntax tree of a TL schema file, as written (nothing resolved yet).

use std::collections::BTreeMap;
use std::fmt;

/// One parsed schema file.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFile {
    /// The `// LAYER N` comment, if the file has one; else the highest `===N===` marker.
    pub layer: Option<i32>,
    /// Definitions in file order, built-ins included.
    pub definitions: Vec<Definition>,
    /// TDLib's `//@class Name @description ...` comments: the description of each boxed type.
    pub type_docs: BTreeMap<String, String>,
    /// How the ids of definitions without one were computed.
    pub id_rule: IdRule,
}

/// How a schema file's missing ids are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdRule {
    /// Telegram's: `?true` parameters dropped, plain `bytes` hashed as `string`.
    Telegram,
    /// The TL parser's (TDLib, TON): every parameter as written.
    Plain,
}

impl IdRule {
    /// Telegram's files write an id on (nearly) every definition; the dialects whose ids are
    /// computed write few or none. A file with an id on at least half of its non-built-in
    /// definitions follows Telegram's rule.
    pub fn for_file(definitions: &[Definition]) -> Self {
        let own: Vec<&Definition> = definitions.iter().filter(|d| !d.builtin).collect();
        let explicit = own.iter().filter(|d| d.explicit_id.is_some()).count();
        if explicit * 2 >= own.len() && explicit > 0 {
            Self::Telegram
        } else {
            Self::Plain
        }
    }
}

/// Which section a definition stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A constructor of a type (`---types---`, the default).
    Type,
    /// A function (`---functions---`).
    Function,
}

/// A name with an optional namespace: `phone.requestCall`, `inputPeerSelf`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// `phone` in `phone.requestCall`.
    pub namespace: Option<String>,
    /// `requestCall` in `phone.requestCall`.
    pub name: String,
}

impl Name {
    /// Splits `ns.name` at its last dot.
    pub fn parse(full: &str) -> Self {
        match full.rsplit_once('.') {
            Some((ns, name)) => Self {
                namespace: Some(ns.to_owned()),
                name: name.to_owned(),
            },
            None => Self {
                namespace: None,
                name: full.to_owned(),
            },
        }
    }
}

impl PartialEq<str> for Name {
    /// Whether the name is `ns.name` (or `name` without a namespace), compared without
    /// writing it out.
    fn eq(&self, full: &str) -> bool {
        match &self.namespace {
            Some(ns) => full
                .strip_prefix(ns.as_str())
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| rest == self.name),
            None => full == self.name,
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            // In pieces, not `write!`: names are written out often, in unoptimized builds.
            Some(ns) => {
                f.write_str(ns)?;
                f.write_str(".")?;
                f.write_str(&self.name)
            }
            None => f.write_str(&self.name),
        }
    }
}

/// Where something starts: a byte offset into the file's text.
pub type Offset = usize;

/// One definition: `name#id {X:Type} params = Result;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The constructor or function name.
    pub name: Name,
    /// The `#id` as written, if any.
    pub explicit_id: Option<u32>,
    /// The id to use: the explicit one, or the CRC32 of the normalized definition.
    pub id: u32,
    /// The id the normalization rule gives (equal to `id` when no id was written).
    pub computed_id: u32,
    /// Type parameters (`{X:Type}`).
    pub type_params: Vec<TypeParam>,
    /// Parameters, in wire order.
    pub params: Vec<Param>,
    /// The result type.
    pub result: TypeExpr,
    /// Types or functions section.
    pub category: Category,
    /// A built-in (`int ? = Int;`, `vector # [ t ] = Vector t;`): describes a primitive,
    /// generates nothing.
    pub builtin: bool,
    /// Where the definition starts.
    pub offset: Offset,
    /// Comment lines right above the definition (without `//`), for docs.
    pub comments: Vec<String>,
    /// The `===N===` layer marker the definition stands under (end-to-end schema), if any.
    pub layer: Option<i32>,
}

/// `{X:Type}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeParam {
    /// `X`.
    pub name: String,
    /// `Type`.
    pub kind: String,
}

/// `name:type`.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The parameter name.
    pub name: String,
    /// Its type.
    pub ty: ParamType,
    /// Where the parameter starts.
    pub offset: Offset,
}

/// The type of a parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamType {
    /// `flags:#`: a bit field that later parameters are conditional on.
    Flags,
    /// A value, possibly present only when a flag bit is set.
    Value {
        /// The value's type.
        ty: TypeExpr,
        /// `flags.N?`: present only when bit `bit` of the `#` parameter `field` is set.
        condition: Option<Condition>,
    },
}

/// `field.bit?`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The `#` parameter (`flags`, `flags2`, `mode`, ...).
    pub field: String,
    /// The bit number (0..=31).
    pub bit: u32,
}

/// A type as written: `int`, `Vector<long>`, `%Message`, `!X`, `ns.Type`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// The type's name (`Vector`, `messages.DhConfig`, `X`).
    pub name: Name,
    /// `%T`: the bare form of a boxed type.
    pub bare: bool,
    /// `!X`: "any value of the type parameter X", serialized as-is.
    pub generic_ref: bool,
    /// `<T>` or, in result types, `Vector t`.
    pub args: Vec<TypeExpr>,
    /// Where the type starts.
    pub offset: Offset,
}

impl TypeExpr {
    /// Whether the name starts with a lower-case letter (a bare constructor or primitive).
    pub fn is_lowercase(&self) -> bool {
        self.name.name.starts_with(|c: char| c.is_ascii_lowercase())
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.generic_ref {
            f.write_str("!")?;
        }
        if self.bare {
            f.write_str("%")?;
        }
        write!(f, "{}", self.name)?;
        for arg in &self.args {
            write!(f, "<{arg}>")?;
        }
        Ok(())
    }
}

impl fmt::Display for Definition {
    /// The definition as a schema would write it (with its id).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{:08x}", self.name, self.id)?;
        for p in &self.type_params {
            write!(f, " {{{}:{}}}", p.name, p.kind)?;
        }
        for p in &self.params {
            write!(f, " {}:", p.name)?;
            match &p.ty {
                ParamType::Flags => f.write_str("#")?,
                ParamType::Value { ty, condition } => {
                    if let Some(c) = condition {
                        write!(f, "{}.{}?", c.field, c.bit)?;
                    }
                    write!(f, "{ty}")?;
                }
            }
        }
        write!(f, " = {}", self.result.name)?;
        for arg in &self.result.args {
            write!(f, "<{arg}>")?;
        }
        f.write_str(";")
    }
}

#[cfg(test)]
mod tests {
    use super::Name;

    #[test]
    fn a_name_equals_the_text_it_displays_as() {
        for full in [
            "phone.requestCall",
            "inputPeerSelf",
            "adnl.id.short",
            "true",
        ] {
            let name = Name::parse(full);
            assert!(name == *full, "{full}");
            assert_eq!(name.to_string(), full);
        }
        let name = Name::parse("phone.requestCall");
        for other in [
            "requestCall",
            "phone",
            "phone.",
            "phonerequestCall",
            "phone.requestCal",
            "",
        ] {
            assert!(name != *other, "{other}");
        }
        assert!(Name::parse("requestCall") != *"phone.requestCall");
    }
}
