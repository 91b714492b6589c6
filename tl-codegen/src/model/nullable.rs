//! Values the schema's docs say may be null. TL itself has no null: TDLib's `td_api.tl`
//! says so in the text of a parameter's `//@` tag ("may be null if unknown", "pass null if
//! none"), and its JSON interface then sends `null` or leaves the key out. Such parameters
//! become [`Ty::Nullable`], an `Option` in Rust.

use super::item::{Field, FieldKind, ItemDoc, Ty};

/// The phrasings that mark a parameter as nullable, as TDLib writes them (lower case).
/// Every mention of null in TDLib 1.8.66's `td_api.tl` is one of these, or sits beside one
/// on the same parameter ("If null, ...", "Must always be null for replies"), or speaks of
/// another value ("the sticker is null", "next_code_type was not null").
pub const PHRASINGS: &[&str] = &["may be null", "pass null"];

/// Whether a parameter's documentation says it may be null.
pub fn documented_null(doc: &str) -> bool {
    let doc = doc.to_ascii_lowercase();
    PHRASINGS.iter().any(|p| doc.contains(p))
}

/// Wraps the types of the parameters that `doc` says may be null: a boxed type or a
/// constructor becomes [`Ty::Nullable`]; a vector of them gets nullable elements (TDLib's
/// `messages:vector<message>` "messages may be null": the list holds `null` for a message
/// that is gone, and a list itself is never null). Other types are left as they are: TDLib
/// sends no null for a number, a string or `Bool`.
pub(super) fn mark(params: &mut [Field], doc: &ItemDoc) {
    for (field, text) in params.iter_mut().zip(&doc.params) {
        let (FieldKind::Value { ty, .. }, Some(text)) = (&mut field.kind, text) else {
            continue;
        };
        if !documented_null(text) {
            continue;
        }
        let target = match ty {
            Ty::Vector { elem, .. } => &mut **elem,
            other => other,
        };
        if matches!(target, Ty::Boxed(_) | Ty::Bare(_)) {
            let inner = std::mem::replace(target, Ty::True);
            *target = Ty::Nullable(Box::new(inner));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tdlib_phrasings() {
        assert!(documented_null(
            "Chat photo; may be null if empty or unknown"
        ));
        assert!(documented_null(
            "The message reply markup; pass null if none"
        ));
        assert!(documented_null("Pass null to use the default"));
        assert!(!documented_null(
            "Expected width, which can be used if the sticker is null"
        ));
        assert!(!documented_null(
            "New location for the chat; must be valid and not null"
        ));
        assert!(!documented_null("Text of the message; may be empty"));
    }
}
