//! Reading input files within a size bound. Schemas and docs pages are input the generator
//! does not control: however large a file is (or grows while it is read), reading it
//! allocates at most the bound.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest JSON file read (a schema in Telegram's JSON form, mtcute's files): Telegram's
/// is about 1 MB, mtcute's error catalog and schema a few.
pub(crate) const MAX_JSON_BYTES: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// It could not be opened or read.
    Io(io::Error),
    /// It holds more than the bound: `size` bytes, or more (when it grew while being read).
    TooLarge {
        /// Its size, as far as it was seen.
        size: u64,
    },
}

/// The bytes of the file at `path`, if it holds at most `max_bytes`.
pub(crate) fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > max_bytes {
        return Err(ReadError::TooLarge { size });
    }
    // `size` is at most `max_bytes`: a capacity the bound allows.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > max_bytes {
        return Err(ReadError::TooLarge { size: read });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_bound_and_no_further() {
        let dir = std::env::temp_dir().join(format!("tl-codegen-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(ReadError::TooLarge { size: 5 })
        ));
        assert!(matches!(
            read_bounded(&dir.join("missing"), 4),
            Err(ReadError::Io(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
