//! The boxing record: which fields hold their value in a `Box`, as decided for an earlier
//! layer and kept for the next.
//!
//! Without a record, boxing follows the sizes of the layer at hand (see `plan::layout`), so a
//! layer that grows one struct can box or unbox fields elsewhere: a breaking change for code
//! that builds or matches those fields. With one, every field the record names keeps its
//! decision, and only what is new is decided by size. `tl-codegen boxing --boxing-record
//! FILE` writes it; `Config::boxing_record` reads it.
//!
//! The file is text, one line per constructor (and, after `---functions---`, per function
//! with a field that could be boxed), in the order of the names:
//!
//! ```text
//! message boxed=fwd_from,media,reply_to inline=from_id,peer_id,saved_peer_id
//! channelFull variant=boxed inline=notify_settings
//! peerUser
//! ---functions---
//! messages.sendMedia boxed=media inline=peer,reply_to
//! ```
//!
//! `boxed` and `inline` name the parameters whose type is another TL type held inline (a
//! boxed type or a bare constructor); `variant=boxed` says the constructor's enum variant
//! holds it in a `Box`. A line with only the name records that the constructor was seen:
//! its variant is inline.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::files::{read_bounded, ReadError};

/// The header written at the top of every record.
const HEADER: &str = "\
# tl-codegen boxing record: which fields hold their value in a `Box`. Kept so that a new
# layer boxes what it shares with this one as this one did. Written by `tl-codegen boxing`;
# commit it beside the schema, and do not edit it by hand.
";

/// The line between constructors and functions, as in a TL schema.
const FUNCTIONS: &str = "---functions---";

/// What was decided for one constructor or function.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoxingDecision {
    /// Parameters (by name) held in a `Box`.
    pub boxed: BTreeSet<String>,
    /// Parameters (by name) that could have been boxed and were not.
    pub inline: BTreeSet<String>,
    /// Whether the constructor's enum variant holds it in a `Box`.
    pub boxed_variant: bool,
}

/// Boxing decisions by TL name; empty when there is no record (everything is decided by size).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoxingRecord {
    /// Per constructor.
    pub constructors: BTreeMap<String, BoxingDecision>,
    /// Per function.
    pub functions: BTreeMap<String, BoxingDecision>,
}

impl BoxingRecord {
    /// Whether the record decides nothing.
    pub fn is_empty(&self) -> bool {
        self.constructors.is_empty() && self.functions.is_empty()
    }

    /// Reads the record in the file at `path` (at most 64 MiB; a record of Telegram's layer
    /// is about 80 KB): an error names the file, and its line and column if it is malformed.
    pub fn read(path: &Path) -> Result<BoxingRecord, Diagnostic> {
        const MAX_BYTES: u64 = 64 << 20;
        let failed = |why: String| {
            Diagnostic::general(Severity::Error, format!("{}: {why}", path.display()))
        };
        let bytes = read_bounded(path, MAX_BYTES).map_err(|e| match e {
            ReadError::Io(e) => failed(e.to_string()),
            ReadError::TooLarge { size } => failed(format!(
                "{size} bytes, larger than a boxing record may be (64 MiB)"
            )),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| failed("not UTF-8".to_owned()))?;
        BoxingRecord::parse(path, &text)
    }

    /// Reads a record from `text` (read from `path`, named in errors).
    pub fn parse(path: &Path, text: &str) -> Result<BoxingRecord, Diagnostic> {
        let lines = LineIndex::new(text);
        let error = |offset: usize, message: String| {
            lines.diagnostic(Severity::Error, path, text, offset, message)
        };
        let mut record = BoxingRecord::default();
        let mut in_functions = false;
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let line_start = start;
            start += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if trimmed == FUNCTIONS {
                if in_functions {
                    return Err(error(line_start, format!("a second `{FUNCTIONS}` line")));
                }
                in_functions = true;
                continue;
            }
            let mut words = words(content, line_start);
            let (name_at, name) = words.next().expect("a line that is not blank has a word");
            if !is_tl_name(name) {
                return Err(error(
                    name_at,
                    format!(
                        "`{}` is not a TL constructor or function name",
                        quoted(name)
                    ),
                ));
            }
            let mut decision = BoxingDecision::default();
            for (at, word) in words {
                let Some((key, value)) = word.split_once('=') else {
                    return Err(error(
                        at,
                        format!(
                            "expected `boxed=...`, `inline=...` or `variant=boxed`, found `{}`",
                            quoted(word)
                        ),
                    ));
                };
                match key {
                    "boxed" | "inline" => {
                        let set = if key == "boxed" {
                            &mut decision.boxed
                        } else {
                            &mut decision.inline
                        };
                        let mut param_at = at + key.len() + 1;
                        for param in value.split(',') {
                            if !is_param_name(param) {
                                return Err(error(
                                    param_at,
                                    format!(
                                        "`{}` is not a parameter name (a list is `name,name,...`)",
                                        quoted(param)
                                    ),
                                ));
                            }
                            set.insert(param.to_owned());
                            param_at += param.len() + 1;
                        }
                    }
                    "variant" if value == "boxed" && !in_functions => decision.boxed_variant = true,
                    "variant" if in_functions => {
                        return Err(error(at, "a function has no enum variant".to_owned()))
                    }
                    "variant" => {
                        return Err(error(
                            at + key.len() + 1,
                            format!("expected `variant=boxed`, found `{}`", quoted(word)),
                        ))
                    }
                    _ => {
                        return Err(error(
                            at,
                            format!(
                                "unknown key `{}`: expected `boxed`, `inline` or `variant`",
                                quoted(key)
                            ),
                        ))
                    }
                }
            }
            if let Some(both) = decision.boxed.intersection(&decision.inline).next() {
                return Err(error(
                    name_at,
                    format!("`{name}`: parameter `{both}` is both boxed and inline"),
                ));
            }
            let section = if in_functions {
                &mut record.functions
            } else {
                &mut record.constructors
            };
            if section.insert(name.to_owned(), decision).is_some() {
                return Err(error(name_at, format!("`{name}` is recorded twice")));
            }
        }
        Ok(record)
    }

    /// Adds what `older` records and `self` does not: items, and parameters of items both
    /// have. `self` decides where both decide.
    pub fn keep_older(&mut self, older: &BoxingRecord) {
        for (mine, theirs) in [
            (&mut self.constructors, &older.constructors),
            (&mut self.functions, &older.functions),
        ] {
            for (name, old) in theirs {
                let Some(new) = mine.get_mut(name) else {
                    mine.insert(name.clone(), old.clone());
                    continue;
                };
                for p in &old.boxed {
                    if !new.inline.contains(p) {
                        new.boxed.insert(p.clone());
                    }
                }
                for p in &old.inline {
                    if !new.boxed.contains(p) {
                        new.inline.insert(p.clone());
                    }
                }
            }
        }
    }

    /// The record as text, as [`BoxingRecord::parse`] reads it.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        write_section(&mut out, &self.constructors);
        if !self.functions.is_empty() {
            out.push_str(FUNCTIONS);
            out.push('\n');
            write_section(&mut out, &self.functions);
        }
        out
    }
}

fn write_section(out: &mut String, items: &BTreeMap<String, BoxingDecision>) {
    for (name, decision) in items {
        out.push_str(name);
        if decision.boxed_variant {
            out.push_str(" variant=boxed");
        }
        for (key, params) in [("boxed", &decision.boxed), ("inline", &decision.inline)] {
            if !params.is_empty() {
                let list: Vec<&str> = params.iter().map(String::as_str).collect();
                let _ = write!(out, " {key}={}", list.join(","));
            }
        }
        out.push('\n');
    }
}

/// The words of a line, each with its byte offset in the file.
fn words(line: &str, line_start: usize) -> impl Iterator<Item = (usize, &str)> {
    line.split(' ')
        .scan(0, |at, word| {
            let here = *at;
            *at += word.len() + 1;
            Some((here, word))
        })
        .filter(|(_, word)| !word.is_empty())
        .map(move |(at, word)| (line_start + at, word))
}

/// At most the first 64 characters of `text`, for an error message (a hostile file can have
/// a line of many megabytes).
fn quoted(text: &str) -> String {
    const SHOWN: usize = 64;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

fn is_tl_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn is_param_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<BoxingRecord, String> {
        BoxingRecord::parse(Path::new("boxing.lock"), text).map_err(|d| d.to_string())
    }

    #[test]
    fn reads_what_it_writes() {
        let text = "# comment\n\
                    message boxed=fwd_from,media inline=peer_id\n\
                    channelFull variant=boxed\n\
                    peerUser\n\
                    ---functions---\n\
                    messages.sendMedia boxed=media inline=peer\n";
        let record = parse(text).unwrap();
        assert_eq!(record.constructors.len(), 3);
        let message = &record.constructors["message"];
        assert!(message.boxed.contains("media") && message.inline.contains("peer_id"));
        assert!(record.constructors["channelFull"].boxed_variant);
        assert!(!record.constructors["peerUser"].boxed_variant);
        assert!(record.functions["messages.sendMedia"]
            .boxed
            .contains("media"));
        let again = parse(&record.to_text()).unwrap();
        assert_eq!(again, record);
        assert!(record
            .to_text()
            .contains("message boxed=fwd_from,media inline=peer_id\n"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases = [
            (
                "peerUser\nmessage media\n",
                "boxing.lock:2:9",
                "found `media`",
            ),
            (
                "message colour=x\n",
                "boxing.lock:1:9",
                "unknown key `colour`",
            ),
            (
                "message boxed=a,,b\n",
                "boxing.lock:1:17",
                "not a parameter name",
            ),
            (
                "message inline=ok,b-c\n",
                "boxing.lock:1:19",
                "`b-c` is not a parameter name",
            ),
            ("peerUser\npeerUser\n", "boxing.lock:2:1", "recorded twice"),
            (
                "a boxed=x inline=x\n",
                "boxing.lock:1:1",
                "both boxed and inline",
            ),
            (
                "---functions---\nf variant=boxed\n",
                "boxing.lock:2:3",
                "no enum variant",
            ),
            ("x.\n", "boxing.lock:1:1", "not a TL"),
            (
                "---functions---\n---functions---\n",
                "boxing.lock:2:1",
                "second",
            ),
        ];
        for (text, place, message) in cases {
            let err = parse(text).unwrap_err();
            assert!(
                err.contains(place) && err.contains(message),
                "{text:?}: {err}"
            );
        }
    }

    #[test]
    fn hostile_lines_give_short_errors() {
        let long = format!("message {}\n", "x".repeat(1 << 20));
        let err = parse(&long).unwrap_err();
        assert!(err.len() < 1024, "{} bytes", err.len());
        assert!(err.contains("found `xxx"), "{err}");
        let name = format!("{}\n", "é".repeat(1 << 16));
        let err = parse(&name).unwrap_err();
        assert!(
            err.len() < 1024 && err.contains("not a TL"),
            "{} bytes",
            err.len()
        );
        for text in [
            "\u{0}",
            "é=é",
            "a b=é,",
            "---functions---\n\u{feff}x",
            "a\tb",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
    }
}
