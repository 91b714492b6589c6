//! Documented error names and their number placeholders: `FLOOD_WAIT_X`, `FILE_PART_%d_MISSING`,
//! `INTERDC_X_CALL_ERROR`. One scan of a name's words serves every rule about them: finding
//! the placeholders (for the error enums), writing `%d` as `X` (mtcute's names), and reading
//! an instance (`FILE_PART_0_MISSING`) as its pattern.
//!
//! The runtime matches messages against the same placeholders
//! (`tl_runtime::rpc_error::has_placeholder`); a test holds the two to the same answers over
//! every documented name of the corpus.

use std::ops::Range;

/// Whether the bytes `range` of `name` stand as a word of their own: no ASCII letter or digit
/// right before or right after them.
fn stands_alone(name: &[u8], range: &Range<usize>) -> bool {
    let before = range.start == 0 || !name[range.start - 1].is_ascii_alphanumeric();
    let after = name
        .get(range.end)
        .is_none_or(|b| !b.is_ascii_alphanumeric());
    before && after
}

/// The `%d`s of `name`, in order, wherever they stand.
fn percent_ds(name: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    name.match_indices("%d").map(|(i, _)| i..i + 2)
}

/// The words of `name`: maximal runs of ASCII letters and digits, in order.
fn words(name: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = name.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

/// The byte ranges of the number placeholders in a documented error name, in order: `%d`
/// anywhere, or an `X` that is a word of its own (`INTERDC_X_CALL_ERROR`, not `XML_ERROR`).
pub fn placeholders(name: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = percent_ds(name)
        .chain(words(name).filter(|w| &name[w.clone()] == "X"))
        .collect();
    out.sort_by_key(|r| r.start);
    out
}

/// Whether a documented error name holds a number placeholder (`FLOOD_WAIT_X`).
pub fn has_placeholder(name: &str) -> bool {
    percent_ds(name).next().is_some() || has_x_word(name)
}

/// Whether a name has an `X` that is a word of its own.
pub(crate) fn has_x_word(name: &str) -> bool {
    words(name).any(|w| &name[w] == "X")
}

/// `name` with each of `ranges` (in order, not overlapping) replaced by `X`.
fn with_x(name: &str, ranges: impl Iterator<Item = Range<usize>>) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last = 0;
    for r in ranges {
        out.push_str(&name[last..r.start]);
        out.push('X');
        last = r.end;
    }
    out.push_str(&name[last..]);
    out
}

/// `%d` as a word of its own (not next to an ASCII letter or digit) becomes `X`:
/// `FLOOD_WAIT_%d` → `FLOOD_WAIT_X`, `INTERDC_%d_CALL_ERROR` → `INTERDC_X_CALL_ERROR`;
/// `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN` is kept. Surrounding whitespace is trimmed.
pub fn normalize_error_name(name: &str) -> String {
    let name = name.trim();
    let alone = percent_ds(name).filter(|r| stands_alone(name.as_bytes(), r));
    with_x(name, alone)
}

/// The name with its words of digits as `X` (`FILE_PART_0_MISSING` → `FILE_PART_X_MISSING`),
/// or `None` if it has none.
pub(crate) fn digits_as_placeholder(name: &str) -> Option<String> {
    let digits = |w: &Range<usize>| name.as_bytes()[w.clone()].iter().all(u8::is_ascii_digit);
    words(name)
        .any(|w| digits(&w))
        .then(|| with_x(name, words(name).filter(digits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_percent_d_anywhere_and_x_alone() {
        let texts = |name: &str| -> Vec<String> {
            placeholders(name)
                .into_iter()
                .map(|r| name[r].to_owned())
                .collect()
        };
        assert_eq!(texts("FLOOD_WAIT_X"), ["X"]);
        assert_eq!(texts("FILE_PART_%d_MISSING"), ["%d"]);
        assert_eq!(texts("WAIT_%dMIN_X"), ["%d", "X"]);
        assert!(texts("XML_X1_MAX").is_empty());
        assert!(texts("X_").len() == 1 && texts("_X").len() == 1);
        assert!(has_placeholder("A = X") && !has_placeholder("MAX_ID_INVALID"));
    }

    #[test]
    fn names_normalise_and_instances_read_as_patterns() {
        assert_eq!(normalize_error_name(" FLOOD_WAIT_%d "), "FLOOD_WAIT_X");
        assert_eq!(
            normalize_error_name("INTERDC_%d_CALL_ERROR"),
            "INTERDC_X_CALL_ERROR"
        );
        assert_eq!(normalize_error_name("WAIT_%dMIN"), "WAIT_%dMIN");
        assert_eq!(
            digits_as_placeholder("FILE_PART_0_MISSING").as_deref(),
            Some("FILE_PART_X_MISSING")
        );
        assert_eq!(digits_as_placeholder("SHA256_X"), None);
        assert_eq!(digits_as_placeholder("2FA_1"), Some("2FA_X".to_owned()));
    }
}
