//! [`JsonError`]: JSON that does not read as the type asked for.

use std::fmt;

/// JSON that does not read as the type asked for, with where (line and column) and why.
#[derive(Debug)]
pub struct JsonError(serde_json::Error);

impl JsonError {
    /// The line of the input where reading stopped (1-based).
    pub fn line(&self) -> usize {
        self.0.line()
    }

    /// The column of the input where reading stopped (1-based).
    pub fn column(&self) -> usize {
        self.0.column()
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TDLib JSON: {}", self.0)
    }
}

impl std::error::Error for JsonError {}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> Self {
        JsonError(e)
    }
}
