//! Rust names for TL names: `phone.requestCall` -> `functions::phone::RequestCall`,
//! `srp_B` -> `srp_b`, `type` -> `r#type`, `self` -> `is_self`.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers even as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names the generated modules import or rely on from the prelude; a generated type with one
/// of these names would shadow it, so it gets a `Tl` prefix instead.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Bytes",
    "TlString",
    "BufMut",
    "Reader",
    "Serialize",
    "Deserialize",
    "Bare",
    "Identifiable",
    "RemoteCall",
    "DeserializeError",
    "Self",
];

/// Module names the generated file uses at its root.
pub(crate) const ROOT_MODULES: &[&str] = &["types", "enums", "functions", "errors"];

/// Whether `name` is a Rust keyword (written as a raw identifier, `r#type`).
pub(crate) fn is_keyword(name: &str) -> bool {
    // The keywords of `name`'s first letter, compared: not one `match` over all of them,
    // which an unoptimized build script runs as fifty comparisons, and the printers ask for
    // every identifier they write. Every keyword is 2 to 8 lowercase letters.
    if !(2..=8).contains(&name.len()) {
        return false;
    }
    let keywords: &[&str] = match name.as_bytes()[0] {
        b'a' => &["abstract", "as", "async", "await"],
        b'b' => &["become", "box", "break"],
        b'c' => &["const", "continue"],
        b'd' => &["do", "dyn"],
        b'e' => &["else", "enum", "extern"],
        b'f' => &["false", "final", "fn", "for"],
        b'g' => &["gen"],
        b'i' => &["if", "impl", "in"],
        b'l' => &["let", "loop"],
        b'm' => &["macro", "match", "mod", "move", "mut"],
        b'o' => &["override"],
        b'p' => &["priv", "pub"],
        b'r' => &["ref", "return"],
        b's' => &["static", "struct"],
        b't' => &["trait", "true", "try", "type", "typeof"],
        b'u' => &["unsafe", "unsized", "use"],
        b'v' => &["virtual"],
        b'w' => &["where", "while"],
        b'y' => &["yield"],
        _ => return false,
    };
    keywords.contains(&name)
}

/// A field or function-parameter name: snake case, keywords made raw, `self` -> `is_self`.
pub fn field_name(tl: &str) -> String {
    let snake = tl.to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_owned()
    } else {
        snake
    };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    if NOT_RAW.contains(&snake.as_str()) {
        format!("is_{}", snake.trim_start_matches('_'))
    } else {
        snake
    }
}

/// A module name for a namespace: snake case, kept clear of keywords and the root modules.
pub(crate) fn module_name(namespace: &str) -> String {
    let snake = namespace.to_snake_case();
    if is_keyword(&snake)
        || NOT_RAW.contains(&snake.as_str())
        || ROOT_MODULES.contains(&snake.as_str())
        || snake.starts_with(|c: char| c.is_ascii_digit())
        || snake.is_empty()
    {
        format!("ns_{snake}")
    } else {
        snake
    }
}

/// A type name (struct, enum, group struct): upper camel case, kept clear of the prelude.
pub fn type_name(tl: &str) -> String {
    type_name_of_camel(tl.to_upper_camel_case())
}

/// [`type_name`] of a name already in upper camel case.
fn type_name_of_camel(camel: String) -> String {
    let clashes = camel.is_empty()
        || camel.starts_with(|c: char| c.is_ascii_digit())
        || RESERVED_TYPE_NAMES.contains(&camel.as_str())
        || is_keyword(&camel);
    if clashes {
        format!("Tl{camel}")
    } else {
        camel
    }
}

/// The variant name of constructor `ctor` in the enum of boxed type `ty`: the constructor's
/// name without the type's name in front (`phoneCallWaiting` in `PhoneCall` -> `Waiting`),
/// or the whole name when that leaves nothing usable.
#[cfg(test)]
fn variant_name(ctor: &str, ty: &str) -> String {
    let ctor = ctor.to_upper_camel_case();
    stripped_variant_name(&ctor, &ty.to_upper_camel_case()).unwrap_or_else(|| type_name(&ctor))
}

/// The variant name of a constructor, `ctor` in upper camel case, in the enum of boxed type
/// `ty` (upper camel case too): the constructor's name without the type's name in front
/// (`PhoneCallWaiting` in `PhoneCall` -> `Waiting`), if that leaves a usable name. (Otherwise
/// the variant is named with [`type_name`] of `ctor`, camel case converted again: `PQInnerData`
/// -> `PqInnerData`, as it always has been.)
fn stripped_variant_name(ctor: &str, ty: &str) -> Option<String> {
    let rest = ctor.strip_prefix(ty)?;
    let usable = !rest.is_empty()
        && rest.starts_with(|c: char| c.is_ascii_uppercase())
        && !is_keyword(rest)
        && rest != "Self";
    usable.then(|| rest.to_owned())
}

/// The names of one model, each TL name converted by heck once. A layer spells ~8k
/// parameters with ~2k distinct names, and every constructor's name twice (its struct,
/// its variant); heck writes a name out a character at a time through `fmt`, which an
/// unoptimized build script pays for in full: its conversions were most of the plan's time.
#[derive(Default)]
pub(crate) struct Spellings {
    fields: HashMap<String, String>,
    modules: HashMap<String, String>,
    camel: HashMap<String, String>,
}

impl Spellings {
    /// [`field_name`], once per distinct name.
    pub(crate) fn field_name(&mut self, tl: &str) -> String {
        once(&mut self.fields, tl, field_name)
    }

    /// [`module_name`], once per distinct namespace.
    pub(crate) fn module_name(&mut self, namespace: &str) -> String {
        once(&mut self.modules, namespace, module_name)
    }

    /// [`type_name`], converting each distinct name once.
    pub(crate) fn type_name(&mut self, tl: &str) -> String {
        type_name_of_camel(self.camel(tl))
    }

    /// The variant name of constructor `ctor` in the enum of boxed type `ty` (see
    /// [`stripped_variant_name`]), converting each distinct name once.
    pub(crate) fn variant_name(&mut self, ctor: &str, ty: &str) -> String {
        let ctor = self.camel(ctor);
        let ty = self.camel(ty);
        stripped_variant_name(&ctor, &ty).unwrap_or_else(|| self.type_name(&ctor))
    }

    fn camel(&mut self, tl: &str) -> String {
        once(&mut self.camel, tl, |tl| tl.to_upper_camel_case())
    }
}

/// `convert(key)`, computed the first time `key` is asked for.
fn once(
    done: &mut HashMap<String, String>,
    key: &str,
    convert: impl FnOnce(&str) -> String,
) -> String {
    if let Some(known) = done.get(key) {
        return known.clone();
    }
    let value = convert(key);
    done.insert(key.to_owned(), value.clone());
    value
}

/// The name of the function reading an older layer's form of a constructor into its current
/// struct (see [`crate::model::compat`]): `deserialize_bare_layer166`.
pub(crate) fn compat_reader_fn(layer: i32) -> String {
    format!("deserialize_bare_layer{layer}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_strict_reserved_and_of_editions_are_keywords() {
        // The Rust reference's strict, reserved and edition keywords that a raw identifier
        // can spell (`self`, `Self`, `super`, `crate` and `_` cannot; see `NOT_RAW`).
        let keywords = "as async await break const continue dyn else enum extern false fn for \
                        gen if impl in let loop match mod move mut pub ref return static struct \
                        trait true type unsafe use where while abstract become box do final \
                        macro override priv try typeof unsized virtual yield";
        for word in keywords.split_whitespace() {
            assert!(is_keyword(word), "{word}");
        }
        for word in [
            "", "a", "As", "AS", "type_", "r#type", "types", "asy", "asyncs", "user_id", "date",
            "message", "peer", "unsizedx", "Self", "self", "super", "crate", "_",
        ] {
            assert!(!is_keyword(word), "{word}");
        }
    }

    #[test]
    fn spellings_give_what_the_conversions_give_every_name_of_the_bundled_schema() {
        let api = include_str!("../../../schema/api.tl");
        let (file, _) = crate::schema::parse_schema(std::path::Path::new("api.tl"), api);
        let mut spellings = Spellings::default();
        // Twice: converted, then from what was kept.
        for _ in 0..2 {
            for def in &file.definitions {
                let (name, ty) = (&def.name.name, &def.result.name.name);
                assert_eq!(spellings.type_name(name), type_name(name));
                assert_eq!(spellings.variant_name(name, ty), variant_name(name, ty));
                if let Some(ns) = &def.name.namespace {
                    assert_eq!(spellings.module_name(ns), module_name(ns));
                }
                for p in &def.params {
                    assert_eq!(spellings.field_name(&p.name), field_name(&p.name));
                }
            }
        }
        // The variant named with the whole constructor name is converted twice, as always.
        assert_eq!(
            spellings.variant_name("p_q_inner_data", "P_Q_inner_data"),
            "PqInnerData"
        );
    }

    #[test]
    fn names() {
        assert_eq!(field_name("srp_B"), "srp_b");
        assert_eq!(field_name("self"), "is_self");
        assert_eq!(crate::print::ident(&field_name("type")), "r#type");
        assert_eq!(type_name("p_q_inner_data_dc"), "PQInnerDataDc");
        assert_eq!(type_name("vector"), "Vector");
        assert_eq!(type_name("string"), "TlString");
        assert_eq!(variant_name("phoneCallWaiting", "PhoneCall"), "Waiting");
        assert_eq!(variant_name("phoneCall", "PhoneCall"), "PhoneCall");
        assert_eq!(variant_name("inputPeerSelf", "InputPeer"), "InputPeerSelf");
        assert_eq!(
            variant_name("dhConfigNotModified", "DhConfig"),
            "NotModified"
        );
        assert_eq!(module_name("types"), "ns_types");
    }
}
