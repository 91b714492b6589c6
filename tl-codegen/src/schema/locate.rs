//! Diagnostics for possibly huge or hostile inputs: line numbers from an index built once per
//! file (not a scan from the start for every message), a bounded excerpt of the offending
//! line, and a cap on how many errors one file reports.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Location, Severity};

/// At most this many errors are reported per file and stage; a summary stands for the rest.
pub const MAX_ERRORS: usize = 100;

/// Bytes of the offending line kept after the reported column (the message shows 60
/// characters either side).
const KEPT_AFTER: usize = 256;
/// A column further than this into its line is reported without the line's text.
const MAX_KEPT_BEFORE: usize = 64 << 10;

/// Byte offsets of line starts, for locating many diagnostics in one file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// A diagnostic at byte `offset` of `source` (the text this index was built from).
    pub fn diagnostic(
        &self,
        severity: Severity,
        path: &Path,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let column = source[line_start..offset].chars().count() + 1;
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let source_line = if offset - line_start > MAX_KEPT_BEFORE {
            None
        } else {
            let mut end = line_end.min(offset + KEPT_AFTER);
            while !source.is_char_boundary(end) {
                end -= 1;
            }
            Some(source[line_start..end].trim_end_matches('\r').to_owned())
        };
        Diagnostic {
            severity,
            message: message.into(),
            location: Some(Location {
                file: path.to_path_buf(),
                line,
                column,
            }),
            source_line,
        }
    }
}

/// The closing note when more than [`MAX_ERRORS`] errors were found in `path`.
pub(crate) fn too_many(path: &Path, left_out: usize) -> Diagnostic {
    Diagnostic::general(
        Severity::Error,
        format!(
            "{}: {left_out} more error(s) not shown (at most {MAX_ERRORS} are reported per file)",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_columns_and_excerpts() {
        let source = "ab\ncdé\n\nx";
        let index = LineIndex::new(source);
        let d = index.diagnostic(Severity::Error, Path::new("f.tl"), source, 7, "m");
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 4));
        assert_eq!(d.source_line.as_deref(), Some("cdé"));
        let d = index.diagnostic(Severity::Error, Path::new("f.tl"), source, 99, "m");
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (4, 2));
    }

    #[test]
    fn long_lines_are_cut() {
        let source = "x".repeat(200_000);
        let index = LineIndex::new(&source);
        let near = index.diagnostic(Severity::Error, Path::new("f"), &source, 10, "m");
        assert_eq!(near.source_line.unwrap().len(), 10 + KEPT_AFTER);
        let far = index.diagnostic(Severity::Error, Path::new("f"), &source, 150_000, "m");
        assert_eq!(far.source_line, None);
        assert_eq!(far.location.unwrap().column, 150_001);
    }
}
