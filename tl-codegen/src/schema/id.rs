//! Constructor ids: the CRC32 of a definition's normalized text.
//!
//! The TL spec defines the id as the CRC32 of the definition with the id removed. To
//! reproduce the ids Telegram publishes, the text is normalized: white space collapsed,
//! `name:flags.N?true` parameters dropped, a parameter typed exactly `bytes` written as
//! `string` (`Vector<bytes>` stays), `<` turned into a space and `>`, `{`, `}` removed.
//! With this rule every explicit id of `api.tl` (layer 230) verifies.

use std::fmt::Write;

use super::ast::{Definition, ParamType, TypeExpr};

/// The text whose CRC32 is the definition's id.
pub fn normalized_text(def: &Definition) -> String {
    let mut out = def.name.to_string();
    for p in &def.type_params {
        let _ = write!(out, " {}:{}", p.name, p.kind);
    }
    for p in &def.params {
        match &p.ty {
            ParamType::Flags => {
                let _ = write!(out, " {}:#", p.name);
            }
            ParamType::Value { ty, condition } => {
                let is_true = ty.name.namespace.is_none() && ty.name.name == "true";
                if condition.is_some() && is_true {
                    continue;
                }
                let _ = write!(out, " {}:", p.name);
                if let Some(c) = condition {
                    let _ = write!(out, "{}.{}?", c.field, c.bit);
                }
                if is_plain_bytes(ty) {
                    out.push_str("string");
                } else {
                    write_type(&mut out, ty);
                }
            }
        }
    }
    out.push_str(" = ");
    let _ = write!(out, "{}", def.result.name);
    for arg in &def.result.args {
        out.push(' ');
        write_type(&mut out, arg);
    }
    out
}

/// The id the normalization rule gives for `def`.
pub fn compute_id(def: &Definition) -> u32 {
    crc32fast::hash(normalized_text(def).as_bytes())
}

fn is_plain_bytes(ty: &TypeExpr) -> bool {
    ty.name.namespace.is_none()
        && ty.name.name == "bytes"
        && ty.args.is_empty()
        && !ty.bare
        && !ty.generic_ref
}

fn write_type(out: &mut String, ty: &TypeExpr) {
    if ty.generic_ref {
        out.push('!');
    }
    if ty.bare {
        out.push('%');
    }
    let _ = write!(out, "{}", ty.name);
    for arg in &ty.args {
        out.push(' ');
        write_type(out, arg);
    }
}

/// The id of a built-in definition (`vector {t:Type} # [ t ] = Vector t;`), whose body has no
/// parameters to normalize: the raw text with the id and `;` removed and the same character
/// rules applied.
pub fn compute_builtin_id(text: &str) -> u32 {
    let text = text.trim().trim_end_matches(';');
    // Drop `#id` right after the name.
    let name_end = text
        .find(|c: char| c.is_whitespace() || c == '#')
        .unwrap_or(text.len());
    let mut rest = &text[name_end..];
    if let Some(after) = rest.strip_prefix('#') {
        rest = after.trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    let joined = format!("{}{}", &text[..name_end], rest);
    let replaced: String = joined
        .chars()
        .filter(|c| !matches!(c, '>' | '{' | '}'))
        .map(|c| if c == '<' { ' ' } else { c })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    crc32fast::hash(collapsed.as_bytes())
}
