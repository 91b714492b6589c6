//! What an mtcute file read gives, and the JSON reading every part shares: parsing with
//! bounded warnings, and typed access to values.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::docs::error_names::normalize_error_name;
use crate::docs::set::{DocsSet, DocsWarning, ErrorDoc};

/// Problems listed per file; more are counted in one last warning.
pub(super) const MAX_WARNINGS_PER_FILE: usize = 50;

/// What was read from an mtcute package.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MtcuteDocs {
    /// The documentation, with problems in [`DocsSet::warnings`].
    pub docs: DocsSet,
    /// `throws` keys that are numeric ids but name no method of `api-schema.json` (or that
    /// file was not read); their errors are left out. In order of the id as an unsigned
    /// 32-bit number.
    pub unmapped_ids: Vec<String>,
    /// `throws` keys that are numeric ids, with the method of that id they were read as, in
    /// order of the id as an unsigned 32-bit number.
    pub mapped_ids: Vec<(String, String)>,
    /// `{@link ...}` references in descriptions that name no entry of `api-schema.json`;
    /// they are kept as code spans.
    pub unresolved_links: usize,
}

/// Whether `path` is named like one of mtcute's files (`raw-errors.json`, `api-schema.json`).
pub(crate) fn is_mtcute_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == MTCUTE_ERRORS_FILE || n == MTCUTE_SCHEMA_FILE)
}

/// Collects the warnings of one file, at most [`MAX_WARNINGS_PER_FILE`].
pub(super) struct Warn {
    file: PathBuf,
    list: Vec<DocsWarning>,
    dropped: usize,
}

impl Warn {
    pub(super) fn new(file: &Path) -> Warn {
        Warn {
            file: file.to_path_buf(),
            list: Vec::new(),
            dropped: 0,
        }
    }

    pub(super) fn at(&mut self, line: Option<usize>, message: String) {
        if self.list.len() < MAX_WARNINGS_PER_FILE {
            self.list.push(DocsWarning {
                file: self.file.clone(),
                line,
                message,
            });
        } else {
            self.dropped += 1;
        }
    }

    pub(super) fn push(&mut self, message: String) {
        self.at(None, message);
    }

    pub(super) fn finish(mut self) -> Vec<DocsWarning> {
        if self.dropped > 0 {
            self.list.push(DocsWarning {
                file: self.file,
                line: None,
                message: format!("{} more problems in this file not listed", self.dropped),
            });
        }
        self.list
    }
}

/// Parses a file with `serde_json`; a syntax error (nesting deeper than its recursion limit
/// of 128 levels among them) is a warning with line and column, and the file is skipped.
pub(super) fn parse_file(text: &str, warn: &mut Warn) -> Option<Value> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str(body) {
        Ok(json) => Some(json),
        Err(e) => {
            let line = e.line();
            // The column in the file, byte-order mark included (serde_json says 0 for the end
            // of the input right after a newline).
            let bom = if line == 1 {
                text.len() - body.len()
            } else {
                0
            };
            let column = e.column().max(1) + bom;
            // `Display` ends with the position, which is given on its own here.
            let message = e.to_string();
            let position = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&position).unwrap_or(&message);
            warn.at(
                (line > 0).then_some(line),
                format!("not valid JSON (column {column}): {message}; file skipped"),
            );
            None
        }
    }
}

/// What a JSON value is, for warnings.
pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An integer: a number written as one or as a float with no fraction, or a string of one.
pub(super) fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
        }),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// The members of an object sorted by key, so that what is read does not depend on the
/// order `serde_json::Map` keeps (sorted, or file order with its `preserve_order` feature).
pub(super) fn members(map: &Map<String, Value>) -> Vec<(&str, &Value)> {
    let mut members: Vec<(&str, &Value)> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    members.sort_unstable_by_key(|&(k, _)| k);
    members
}

/// The name of mtcute's error catalog file.
pub const MTCUTE_ERRORS_FILE: &str = "raw-errors.json";

/// The name of mtcute's schema file with descriptions.
pub const MTCUTE_SCHEMA_FILE: &str = "api-schema.json";

/// A signed or unsigned 32-bit constructor id.
pub(super) fn id_u32(v: i64) -> Option<u32> {
    if (-(1i64 << 31)..0).contains(&v) {
        Some((v + (1i64 << 32)) as u32)
    } else {
        u32::try_from(v).ok()
    }
}

pub(super) fn is_tl_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 256
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// An error with its name normalised (and `%d` in the description as `X` when the name has
/// a `%d`).
pub(super) fn error_doc(code: i32, raw_name: &str, description: String) -> ErrorDoc {
    let name = normalize_error_name(raw_name);
    let description = if raw_name.contains("%d") && description.contains("%d") {
        description.replace("%d", "X")
    } else {
        description
    };
    ErrorDoc {
        code,
        name,
        description,
    }
}

/// A name or key shortened for a warning.
pub(super) fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}
