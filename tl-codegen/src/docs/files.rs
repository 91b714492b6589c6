//! Reading one docs file as text, within its size bound; what goes wrong is a warning.

use std::path::Path;

use super::set::DocsWarning;
use crate::files::{read_bounded, ReadError};

/// Reads a docs file of at most `max_bytes` as text; invalid UTF-8 is replaced. A file too
/// large or unreadable is a warning and `None`.
pub(crate) fn read_text(
    path: &Path,
    max_bytes: u64,
    warnings: &mut Vec<DocsWarning>,
) -> Option<String> {
    let warn = |message: String| DocsWarning {
        file: path.to_path_buf(),
        line: None,
        message,
    };
    match read_bounded(path, max_bytes) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                warnings.push(warn(
                    "not valid UTF-8; invalid bytes replaced by U+FFFD".to_owned(),
                ));
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        },
        Err(ReadError::TooLarge { size }) => {
            warnings.push(warn(format!(
                "file of {size} bytes is larger than {max_bytes} bytes; skipped"
            )));
            None
        }
        Err(ReadError::Io(e)) => {
            warnings.push(warn(format!("cannot read: {e}")));
            None
        }
    }
}
