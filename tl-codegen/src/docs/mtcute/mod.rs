//! Reader for the documentation shipped in the npm package `@mtcute/tl`: `raw-errors.json`
//! (RPC errors with codes and descriptions, which method throws which, which methods only
//! users or only bots may call) and `api-schema.json` (the package's TL layer as JSON, with a
//! description on every method, constructor, type and parameter, and per-method errors).
//!
//! What is read goes into the same [`MethodDoc`], [`ConstructorDoc`], [`TypeDoc`] and
//! [`ParamDoc`] structures the markdown reader fills, so [`DocsSet::merge`] combines both
//! kinds of source: prose from the first root that has it, errors the union by code and name.
//!
//! - `raw-errors.json`: `errors` (`NAME: {code, name, description}`) becomes
//!   [`DocsSet::catalog`]; `throws` (`method: [NAME, ...]`) becomes [`MethodDoc::errors`],
//!   code and description taken from `errors`; a `throws` key that is a constructor id
//!   (`"1817183516"`, or negative as a signed 32-bit number) is mapped to the method of that
//!   id in `api-schema.json` when that file is read too, and otherwise left out with a warning
//!   ([`MtcuteDocs::unmapped_ids`]). `userOnly` and `botOnly` set
//!   [`MethodDoc::users_can_use`] and [`MethodDoc::bots_can_use`]. `base` (the generic
//!   `BAD_REQUEST: 400`, ... classes) names no error a method returns and is not read.
//! - `api-schema.json`: `e` entries of kind `method` and `class` (constructors) with their
//!   `comment`, `type` (`typeModifiers.isVector` makes it `Vector<T>`), `arguments` (flag
//!   fields `#` are left out; a `typeModifiers.predicate` makes a parameter optional) and, for
//!   methods, `throws` (`{code, name, comment}`); `u` (type name → description) becomes the
//!   type pages, listing the constructors of the type and the methods returning it. Entries
//!   in the `mtcute` namespace are the library's own additions and are left out.
//!
//! Error names are normalised: a `%d` placeholder that is a word of its own becomes `X`
//! (`FLOOD_WAIT_%d` → `FLOOD_WAIT_X`, the form the markdown pages use), and so does a word of
//! digits when the name with `X` in its place is documented too (`FILE_PART_0_MISSING` →
//! `FILE_PART_X_MISSING`). A `%d` inside a word stays (`..._WAIT_%dMIN`): the error enums
//! treat `%d` anywhere as a placeholder, but `X` only as a word of its own. In the
//! descriptions of errors whose name has a `%d`, `%d` becomes `X` ("A wait of X seconds").
//!
//! Descriptions: `api-schema.json` holds HTML as on core.telegram.org (`<a href>`, `<code>`,
//! `<strong>`, `<em>`, `<br>`, `<img alt>`, entities, HTML comments) plus mtcute's own
//! `{@link RawUser}` / `{@link messages.RawSendMessageRequest}` references, which are mapped
//! back to the TL names of the file's entries (`user`, `messages.sendMessage`); links to
//! `core.telegram.org` and `corefork.telegram.org` pages of methods, constructors and types
//! become links to those; lines starting with `- ` become list items; blank lines and
//! `<br><br>` are paragraph breaks. `raw-errors.json` descriptions are markdown and are read
//! as plain text, as the markdown reader's errors tables are.
//!
//! Reading never panics and fails only when a root folder cannot be listed: malformed JSON,
//! unexpected shapes and unknown names become [`DocsWarning`]s (at most
//! [`MAX_WARNINGS_PER_FILE`] per file, then one line counting the rest).
//!
//! The files are parsed with `serde_json` into a `serde_json::Value`. Files larger than
//! 64 MiB are skipped; a byte-order mark is skipped; a syntax error is a warning
//! with its line and column, and the file is skipped. Nesting is limited by serde_json's
//! recursion limit of 128 levels (the real files are 5 deep): deeper input is such a syntax
//! error, not a stack overflow. Object members are read in order of their keys, whatever
//! their order in the file (and whether or not serde_json's `preserve_order` feature is on
//! in the build), so [`DocsSet::catalog`] lists the errors by name; a key given twice in an
//! object counts once, with its last value.

mod errors;
mod html;
mod read;
mod schema;

use std::fs;
use std::io;
use std::path::Path;

use super::files::read_text;
use crate::files::MAX_JSON_BYTES;
use errors::{add_error_read, collapse_instances, read_errors};
pub(crate) use read::is_mtcute_file;
use read::{parse_file, Warn};
pub use read::{MtcuteDocs, MTCUTE_ERRORS_FILE, MTCUTE_SCHEMA_FILE};
use schema::{read_schema, SchemaRead};

/// Reads the mtcute files in `dir`: `None` if it holds neither `raw-errors.json` nor
/// `api-schema.json`. Fails only if `dir` cannot be listed; problems in the files are warnings.
pub fn read_mtcute_dir(dir: &Path) -> io::Result<Option<MtcuteDocs>> {
    fs::read_dir(dir)?;
    let errors = dir.join(MTCUTE_ERRORS_FILE);
    let schema = dir.join(MTCUTE_SCHEMA_FILE);
    let (has_errors, has_schema) = (errors.is_file(), schema.is_file());
    if !has_errors && !has_schema {
        return Ok(None);
    }
    Ok(Some(read_mtcute_files(
        has_errors.then_some(errors.as_path()),
        has_schema.then_some(schema.as_path()),
    )))
}

/// Reads one of mtcute's files on its own, telling which by its name (a file named neither
/// way is read as `raw-errors.json`). Numeric `throws` keys cannot be mapped without
/// `api-schema.json` and are counted in [`MtcuteDocs::unmapped_ids`].
pub fn read_mtcute_file(path: &Path) -> MtcuteDocs {
    if path.file_name().is_some_and(|n| n == MTCUTE_SCHEMA_FILE) {
        read_mtcute_files(None, Some(path))
    } else {
        read_mtcute_files(Some(path), None)
    }
}

/// Reads `raw-errors.json` and/or `api-schema.json` from the paths given.
pub(crate) fn read_mtcute_files(
    raw_errors: Option<&Path>,
    api_schema: Option<&Path>,
) -> MtcuteDocs {
    let mut warnings = Vec::new();
    let errors_text =
        raw_errors.and_then(|p| read_text(p, MAX_JSON_BYTES, &mut warnings).map(|t| (t, p)));
    let schema_text =
        api_schema.and_then(|p| read_text(p, MAX_JSON_BYTES, &mut warnings).map(|t| (t, p)));
    let mut read = parse_mtcute(
        errors_text.as_ref().map(|(t, p)| (t.as_str(), *p)),
        schema_text.as_ref().map(|(t, p)| (t.as_str(), *p)),
    );
    warnings.append(&mut read.docs.warnings);
    read.docs.warnings = warnings;
    read
}

/// Parses the texts of `raw-errors.json` and/or `api-schema.json` (each with the path to
/// name in warnings and in [`MethodDoc::source`](crate::docs::MethodDoc::source)).
pub fn parse_mtcute(
    raw_errors: Option<(&str, &Path)>,
    api_schema: Option<(&str, &Path)>,
) -> MtcuteDocs {
    let mut out = MtcuteDocs::default();
    let mut schema = SchemaRead::default();
    if let Some((text, path)) = api_schema {
        let mut warn = Warn::new(path);
        if let Some(json) = parse_file(text, &mut warn) {
            schema = read_schema(&json, path, &mut warn);
        }
        out.unresolved_links = schema.unresolved_links;
        out.docs.warnings.extend(warn.finish());
    }
    let ids = api_schema.is_some().then_some(&schema.ids);
    let mut docs = std::mem::take(&mut schema.docs);
    if let Some((text, path)) = raw_errors {
        let mut warn = Warn::new(path);
        if let Some(json) = parse_file(text, &mut warn) {
            let errors = read_errors(&json, path, ids, &mut warn, &mut out);
            add_error_read(&mut docs, errors);
        }
        out.docs.warnings.extend(warn.finish());
    }
    collapse_instances(&mut docs);
    docs.warnings.append(&mut out.docs.warnings);
    out.docs = docs;
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::errors::markdown_plain;
    use super::html::Html;
    use super::read::id_u32;
    use super::schema::mtcute_name;
    use crate::docs::error_names::{digits_as_placeholder, normalize_error_name};
    use crate::docs::rich_text::{LinkTarget, Span, Style};

    #[test]
    fn names() {
        assert_eq!(normalize_error_name("FLOOD_WAIT_%d"), "FLOOD_WAIT_X");
        assert_eq!(normalize_error_name("FLOOD_WAIT_X"), "FLOOD_WAIT_X");
        assert_eq!(
            normalize_error_name("INTERDC_%d_CALL_ERROR"),
            "INTERDC_X_CALL_ERROR"
        );
        assert_eq!(normalize_error_name("%d_X"), "X_X");
        assert_eq!(
            normalize_error_name("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"),
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"
        );
        assert_eq!(normalize_error_name("é%d"), "é%d".replace("%d", "X"));
        assert_eq!(normalize_error_name("%"), "%");
        assert_eq!(
            digits_as_placeholder("FILE_PART_0_MISSING").as_deref(),
            Some("FILE_PART_X_MISSING")
        );
        assert_eq!(digits_as_placeholder("MD5_CHECKSUM_INVALID"), None);
        assert_eq!(mtcute_name("user", false), "RawUser");
        assert_eq!(
            mtcute_name("messages.sendMessage", true),
            "messages.RawSendMessageRequest"
        );
        assert_eq!(id_u32(-130635115), Some(4164332181));
        assert_eq!(id_u32(1817183516), Some(1817183516));
        assert_eq!(id_u32(1 << 40), None);
    }

    #[test]
    fn html_descriptions() {
        let mut links = HashMap::new();
        links.insert(
            "RawUser".to_owned(),
            ("user".to_owned(), LinkTarget::Constructor("user".into())),
        );
        let mut h = Html::new(&links);
        let t = h.convert(
            "See <a href=\"https://corefork.telegram.org/method/messages.sendMessage\">send \u{bb}</a>, \
             {@link RawUser} and {@link RawNope}: <strong>bold </strong>x &amp; <code>a < b &lt;</code>\
             <br><br>- one<br>- <em>two</em><br>after <bot_username> <img alt=\"🏀\" src=x>",
        );
        assert_eq!(
            t.spans(),
            &[
                Span::Text("See ".into()),
                Span::Link {
                    text: "send".into(),
                    target: LinkTarget::Method("messages.sendMessage".into())
                },
                Span::Text(", ".into()),
                Span::Link {
                    text: "user".into(),
                    target: LinkTarget::Constructor("user".into())
                },
                Span::Text(" and ".into()),
                Span::Code("RawNope".into()),
                Span::Text(": ".into()),
                Span::Open(Style::Strong),
                Span::Text("bold".into()),
                Span::Close(Style::Strong),
                Span::Text(" x & ".into()),
                Span::Code("a < b <".into()),
                Span::Item {
                    depth: 0,
                    number: None
                },
                Span::Text("one".into()),
                Span::Item {
                    depth: 0,
                    number: None
                },
                Span::Open(Style::Emphasis),
                Span::Text("two".into()),
                Span::Close(Style::Emphasis),
                Span::ParagraphBreak,
                Span::Text("after <bot_username> 🏀".into()),
            ]
        );
        assert_eq!(h.unresolved, 1);
        // Hostile markup: nothing panics, emphasis stays balanced.
        for s in [
            "<",
            "<a",
            "<a href=\"x",
            "</strong>",
            "<strong><em>x</strong>y</em>",
            "&#xFFFFFFFF;",
            "&",
            "{@link",
            "<code>",
            "<!--",
            "<a href=x>unclosed",
            "\u{e9}<b>\u{e9}",
            "\n\n\n",
            "<br><br>",
            "- ",
            "<strong>\n\nx</strong>",
        ] {
            let t = h.convert(s);
            let opens = t
                .spans()
                .iter()
                .filter(|s| matches!(s, Span::Open(_)))
                .count();
            let closes = t
                .spans()
                .iter()
                .filter(|s| matches!(s, Span::Close(_)))
                .count();
            assert_eq!(opens, closes, "{s:?}: {:?}", t.spans());
        }
        assert_eq!(
            markdown_plain("See [here &raquo;](/api/x), `a_b` **c**."),
            "See here, a_b c."
        );
    }
}
