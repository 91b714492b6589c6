//! Errors and warnings that point into an input file.

use std::fmt;
use std::path::{Path, PathBuf};

/// Longest source line quoted under a diagnostic, in bytes.
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
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let line = source[..line_start].matches('\n').count() + 1;
        let column = source[line_start..offset].chars().count() + 1;
        Self {
            severity,
            message: message.into(),
            location: Some(Location {
                file: file.to_path_buf(),
                line,
                column,
            }),
            // A very long line (minified or hostile input) is not copied into every message.
            source_line: (line_end - line_start <= MAX_SHOWN_LINE).then(|| {
                source[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_owned()
            }),
        }
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
