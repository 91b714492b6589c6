//! The variants of a method's error enum, named from its documented errors
//! ([`crate::print::errors`] prints the enums).
//!
//! # Variant names
//!
//! - The name is converted to UpperCamelCase (`USER_ID_INVALID` → `UserIdInvalid`), with its
//!   number placeholder removed (`FLOOD_WAIT_X` → `FloodWait`, `INTERDC_X_CALL_ERROR` →
//!   `InterdcCallError`, `FILE_PART_%d_MISSING` → `FilePartMissing`).
//! - Names that are not identifiers keep their words (`No workers running` →
//!   `NoWorkersRunning`, `All workers are busy. Active_queries = X` →
//!   `AllWorkersAreBusyActiveQueries`); only ASCII letters and digits are kept, and a name
//!   left empty becomes `Unnamed`.
//! - Leading digits are spelled out (`2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`).
//! - `Other` is reserved for the fallthrough; a documented error that would take it, or a name
//!   already taken by another error, gets a numeric suffix (`Other2`, `FloodWait2`).
//!
//! # Variant fields
//!
//! - A name documented under several codes is one variant that carries the `code: i32`.
//! - A name with a placeholder carries the number: `seconds: u64` for names that ask to wait
//!   (`..._WAIT_X`, `..._DELAY_X`, `..._TOO_FRESH_X`), `dc: u64` for `..._MIGRATE_X` and
//!   `INTERDC_X_...`, `value: u64` otherwise.

use heck::ToUpperCamelCase;

use crate::docs::error_names::{has_placeholder, placeholders};
use crate::docs::ErrorDoc;

const DIGITS: [&str; 10] = [
    "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
];

/// The UpperCamelCase variant name for a documented error name (without uniqueness
/// suffixes; see the module documentation).
pub(crate) fn error_variant_name(error_name: &str) -> String {
    // Drop placeholders.
    let mut stripped = String::with_capacity(error_name.len());
    let mut last = 0;
    for hole in placeholders(error_name) {
        stripped.push_str(&error_name[last..hole.start]);
        stripped.push('_');
        last = hole.end;
    }
    stripped.push_str(&error_name[last..]);
    // Keep ASCII letters and digits; everything else separates words.
    let words: String = stripped
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let trimmed = words.trim_start_matches('_');
    // Spell out leading digits.
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let mut spelled = String::new();
    for d in trimmed[..digits].bytes() {
        spelled.push_str(DIGITS[usize::from(d - b'0')]);
        spelled.push('_');
    }
    spelled.push_str(&trimmed[digits..]);
    let camel = spelled.to_upper_camel_case();
    if camel.is_empty() {
        "Unnamed".to_owned()
    } else {
        camel
    }
}

/// The field that carries a placeholder's number.
fn value_field(error_name: &str) -> &'static str {
    let upper = error_name.to_ascii_uppercase();
    if upper.contains("WAIT") || upper.contains("DELAY") || upper.contains("TOO_FRESH") {
        "seconds"
    } else if upper.contains("MIGRATE") || upper.contains("INTERDC") {
        "dc"
    } else {
        "value"
    }
}

/// One variant of a method's error enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The variant name.
    pub ident: String,
    /// The documented error name.
    pub name: String,
    /// The codes it is documented under, with the description for each, in page order.
    pub codes: Vec<(i32, String)>,
    /// The field that carries the placeholder's number, for names with a placeholder.
    pub value_field: Option<&'static str>,
}

impl ErrorVariant {
    /// Whether the variant carries the code (the name is documented under several codes).
    pub fn carries_code(&self) -> bool {
        self.codes.len() > 1
    }
}

/// Groups a method's documented errors into enum variants: one per distinct name (in order
/// of first appearance), with unique identifiers. Duplicate rows are ignored.
pub(crate) fn plan_variants(errors: &[ErrorDoc]) -> Vec<ErrorVariant> {
    let mut variants: Vec<ErrorVariant> = Vec::new();
    for e in errors {
        match variants.iter_mut().find(|v| v.name == e.name) {
            Some(v) => {
                if !v.codes.iter().any(|(code, _)| *code == e.code) {
                    v.codes.push((e.code, e.description.clone()));
                }
            }
            None => variants.push(ErrorVariant {
                ident: String::new(),
                name: e.name.clone(),
                codes: vec![(e.code, e.description.clone())],
                value_field: has_placeholder(&e.name).then(|| value_field(&e.name)),
            }),
        }
    }
    let mut taken = vec!["Other".to_owned()];
    for v in &mut variants {
        let base = error_variant_name(&v.name);
        let mut ident = base.clone();
        let mut n = 2;
        while taken.contains(&ident) {
            ident = format!("{base}{n}");
            n += 1;
        }
        taken.push(ident.clone());
        v.ident = ident;
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_variant_names() {
        let cases = [
            ("USER_ID_INVALID", "UserIdInvalid"),
            ("FLOOD_WAIT_X", "FloodWait"),
            ("FLOOD_WAIT_%d", "FloodWait"),
            ("2FA_CONFIRM_WAIT_X", "TwoFaConfirmWait"),
            ("INTERDC_X_CALL_ERROR", "InterdcCallError"),
            ("FILE_PART_%d_MISSING", "FilePartMissing"),
            ("SHA256_HASH_INVALID", "Sha256HashInvalid"),
            ("MAX_ID_INVALID", "MaxIdInvalid"),
            ("Timeout", "Timeout"),
            ("No workers running", "NoWorkersRunning"),
            ("memory limit(?)", "MemoryLimit"),
            (
                "All workers are busy. Active_queries = X",
                "AllWorkersAreBusyActiveQueries",
            ),
            ("", "Unnamed"),
            ("ÄÖ", "Unnamed"),
            ("X", "Unnamed"),
        ];
        for (name, ident) in cases {
            assert_eq!(error_variant_name(name), ident, "{name}");
        }
    }

    #[test]
    fn plan() {
        let e = |code, name: &str| ErrorDoc {
            code,
            name: name.into(),
            description: format!("d{code}"),
        };
        let variants = plan_variants(&[
            e(400, "USER_IS_BLOCKED"),
            e(403, "USER_IS_BLOCKED"),
            e(403, "USER_IS_BLOCKED"),
            e(420, "FLOOD_WAIT_X"),
            e(420, "FLOOD_WAIT_%d"),
            e(400, "OTHER"),
            e(400, "EMAIL_UNCONFIRMED_X"),
        ]);
        let summary: Vec<_> = variants
            .iter()
            .map(|v| (v.ident.as_str(), v.codes.len(), v.value_field))
            .collect();
        assert_eq!(
            summary,
            [
                ("UserIsBlocked", 2, None),
                ("FloodWait", 1, Some("seconds")),
                ("FloodWait2", 1, Some("seconds")),
                ("Other2", 1, None),
                ("EmailUnconfirmed", 1, Some("value")),
            ]
        );
    }
}
