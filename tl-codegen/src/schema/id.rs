//! Constructor ids: the CRC32 of a definition's normalized text.
//!
//! The TL spec defines the id as the CRC32 of the definition with the id removed. To
//! reproduce the ids Telegram publishes, the text is normalized: white space collapsed,
//! `name:flags.N?true` parameters dropped, a parameter typed exactly `bytes` written as
//! `string` (`Vector<bytes>` stays), `<` turned into a space and `>`, `{`, `}` removed.
//! With this rule every explicit id of `api.tl` (layer 230) verifies.
//!
//! Schemas that leave ids to be computed (TDLib's `td_api.tl`, TON's) are hashed by the
//! original TL parser, which neither drops `?true` parameters nor rewrites `bytes`
//! ([`IdRule::Plain`]): `adnl.message.query query_id:int256 query:bytes = adnl.Message` is
//! `0xb48bf97a` there. [`IdRule::for_file`] tells the two kinds of file apart.

use std::fmt::Write;

use super::ast::{Definition, IdRule, ParamType, TypeExpr};

/// Definitions of Telegram's published `mtproto.tl` (and of the bundled one, which renames
/// one of its types) whose written id is not the hash of the definition as written: `(name,
/// written id, hash)`. The servers use the written ids (how the first four were derived is not
/// known), so they are kept; being facts about those files, not mistakes of the user's, they
/// are recognised without a warning, as long as the definition is exactly the one listed
/// (another definition has another hash and is warned about as usual).
const KNOWN_ID_QUIRKS: &[(&str, u32, u32)] = &[
    ("ipPortSecret", 0x3798_2646, 0x402d_9b47),
    ("accessPointRule", 0x4679_b65f, 0x0206_34ce),
    ("help.configSimple", 0x5a59_2a6c, 0x066d_2808),
    // Hashed as `vector message` (the constructor's name) where the file writes `%Message`.
    ("msg_container", 0x73f1_f8dc, 0x29c1_636d),
    // The bundled `schema/mtproto.tl` puts MTProto's `message` in the namespace `mtproto`
    // (api.tl has a `message` of its own); these three keep the ids of the definitions as
    // published, which hash differently with the namespace.
    ("mtproto.message", 0x5bb8_e511, 0x6b18_1ff3),
    ("msg_container", 0x73f1_f8dc, 0xc310_0e15),
    ("msg_copy", 0xe060_46b2, 0xc1f4_7b59),
];

/// Whether a definition's written id differs from its hash as one of Telegram's published
/// definitions does (see `KNOWN_ID_QUIRKS` in this module).
pub(crate) fn is_known_id_quirk(name: &str, written: u32, computed: u32) -> bool {
    KNOWN_ID_QUIRKS.contains(&(name, written, computed))
}

/// The text whose CRC32 is the definition's id under `rule`.
pub(crate) fn normalized_text_with(def: &Definition, rule: IdRule) -> String {
    let telegram = rule == IdRule::Telegram;
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
                if telegram && condition.is_some() && is_true {
                    continue;
                }
                let _ = write!(out, " {}:", p.name);
                if let Some(c) = condition {
                    let _ = write!(out, "{}.{}?", c.field, c.bit);
                }
                if telegram && is_plain_bytes(ty) {
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

/// The id Telegram's normalization rule gives for `def`.
pub(crate) fn compute_id(def: &Definition) -> u32 {
    compute_id_with(def, IdRule::Telegram)
}

/// The id `rule` gives for `def`.
pub(crate) fn compute_id_with(def: &Definition, rule: IdRule) -> u32 {
    crc32fast::hash(normalized_text_with(def, rule).as_bytes())
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
pub(crate) fn compute_builtin_id(text: &str) -> u32 {
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
