//! Errors and warnings that point into an input file, made for possibly huge or hostile
//! inputs: line numbers from an index built once per file ([`LineIndex`], not a scan from the
//! start for every message), a bounded excerpt of the offending line, and a cap on how many
//! errors one file reports ([`MAX_ERRORS`]).

use std::fmt;
use std::path::{Path, PathBuf};

/// Longest source line a single [`Diagnostic`] quotes, in bytes.
const MAX_SHOWN_LINE: usize = 1024;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation goes on; the output may not be what the author meant.
    Warning,
    /// The input cannot be turned into bindings.
    Error,
}

/// A place in an input file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as it was given to the generator.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One problem found in the input, with where it is and the offending line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where; `None` for problems that concern a whole input.
    pub location: Option<Location>,
    /// The source line at `location`, shown with a caret under the column.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error at `offset` (a byte offset) in `source`, read from `file`.
    pub fn error_at(file: &Path, source: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, file, source, offset, message)
    }

    /// A warning at `offset` (a byte offset) in `source`, read from `file`.
    pub fn warning_at(
        file: &Path,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::at(Severity::Warning, file, source, offset, message)
    }

    /// A problem with no position (a missing file, a summary).
    pub fn general(severity: Severity, message: impl Into<String>) -> Self {
        Self {
            severity,
            message: message.into(),
            location: None,
            source_line: None,
        }
    }

    fn at(
        severity: Severity,
        file: &Path,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        LineIndex::new(source).short_line_diagnostic(severity, file, source, offset, message)
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Lines longer than this are shown cut around the column, so a 10 MB one-line file does not
/// produce a 10 MB message.
const MAX_SHOWN: usize = 120;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        writeln!(f, "{kind}: {}", self.message)?;
        let Some(location) = &self.location else {
            return Ok(());
        };
        writeln!(f, "  --> {location}")?;
        if let Some(text) = &self.source_line {
            let number = location.line.to_string();
            let pad = " ".repeat(number.len());
            let chars: Vec<char> = text.chars().collect();
            let col = location.column.saturating_sub(1).min(chars.len());
            let start = col.saturating_sub(MAX_SHOWN / 2);
            let end = (start + MAX_SHOWN).min(chars.len());
            let shown: String = chars[start..end]
                .iter()
                .map(|&c| if c == '\t' { ' ' } else { c })
                .collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            write!(f, "{pad} | {}^", " ".repeat(col - start))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Several diagnostics, for reporting all problems of a run at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any of them is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

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
        // `find` of a `char` is a `memchr`, fast even in the unoptimized build scripts that
        // index every docs page; a byte-by-byte iterator is not.
        let mut at = 0;
        while let Some(i) = source[at..].find('\n') {
            at += i + 1;
            starts.push(at);
        }
        Self { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The 1-based line and column (in characters) of byte `offset` of `source`.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset);
        let line = self.line(offset);
        let column = source[self.starts[line - 1]..offset].chars().count() + 1;
        (line, column)
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
        self.located(
            severity,
            path,
            source,
            offset,
            message,
            |line, column_byte| {
                if column_byte > MAX_KEPT_BEFORE {
                    return None;
                }
                let mut end = line.len().min(column_byte + KEPT_AFTER);
                while !line.is_char_boundary(end) {
                    end -= 1;
                }
                Some(&line[..end])
            },
        )
    }

    /// A diagnostic at byte `offset` of `source` that quotes its line only when the line is
    /// short (at most 1024 bytes), unlike [`diagnostic`](Self::diagnostic)'s bounded excerpt:
    /// a long line (minified or hostile input) is then not copied at all.
    pub fn short_line_diagnostic(
        &self,
        severity: Severity,
        path: &Path,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.located(severity, path, source, offset, message, |line, _| {
            (line.len() <= MAX_SHOWN_LINE).then_some(line)
        })
    }

    /// A diagnostic at byte `offset` of `source`, quoting what `quote` keeps of its line
    /// (given the line without its `\n` and the offset's byte within it).
    fn located<'s>(
        &self,
        severity: Severity,
        path: &Path,
        source: &'s str,
        offset: usize,
        message: impl Into<String>,
        quote: impl FnOnce(&'s str, usize) -> Option<&'s str>,
    ) -> Diagnostic {
        let offset = floor_char_boundary(source, offset);
        let (line, column) = self.line_col(source, offset);
        let line_start = self.starts[line - 1];
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let source_line = quote(&source[line_start..line_end], offset - line_start)
            .map(|quoted| quoted.trim_end_matches('\r').to_owned());
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

/// The nearest char boundary of `source` at or before `offset` (clamped to its length).
fn floor_char_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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
