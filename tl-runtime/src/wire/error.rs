//! What can go wrong while reading TL bytes.

use std::fmt;

/// Why bytes could not be read as the expected TL value.
///
/// Every variant carries the offset (from the start of the input) where reading failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeserializeError {
    /// The input ended before the value did.
    UnexpectedEof {
        /// Where the missing bytes should have started.
        offset: usize,
        /// How many bytes were needed there.
        needed: usize,
    },
    /// A constructor id that is not one of the expected type's constructors.
    UnexpectedConstructor {
        /// Where the id was read.
        offset: usize,
        /// The id found.
        id: u32,
        /// The TL type that was expected (`Vector`, `Bool`, `phone.PhoneCall`, ...).
        expected: &'static str,
    },
    /// A vector count larger than the rest of the input could hold.
    VectorTooLong {
        /// Where the count was read.
        offset: usize,
        /// The count found.
        count: u32,
        /// Bytes left after the count.
        remaining: usize,
    },
    /// Values nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH) (only recursive types can).
    TooDeep {
        /// Where the value that went too deep started.
        offset: usize,
    },
    /// A `string` or `bytes` starting with `0xFF`, which is not a length byte.
    InvalidLengthByte {
        /// Where the length byte was read.
        offset: usize,
    },
    /// A `string` or `bytes` whose length below 254 was written in the 4-byte long form:
    /// a second encoding of a value that has a one-byte form.
    OverlongLength {
        /// Where the length was read.
        offset: usize,
        /// The length found.
        len: usize,
    },
    /// Padding after a `string` or `bytes` that is not all zeros.
    NonZeroPadding {
        /// Where the padding starts.
        offset: usize,
    },
    /// A complete value was read but bytes were left over.
    TrailingBytes {
        /// Where the value ended.
        offset: usize,
        /// How many bytes follow it.
        remaining: usize,
    },
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnexpectedEof { offset, needed } => {
                write!(
                    f,
                    "unexpected end of input at byte {offset}: {needed} more bytes needed"
                )
            }
            Self::UnexpectedConstructor {
                offset,
                id,
                expected,
            } => write!(
                f,
                "unexpected constructor id {id:#010x} at byte {offset}: expected {expected}"
            ),
            Self::VectorTooLong {
                offset,
                count,
                remaining,
            } => write!(
                f,
                "vector count {count} at byte {offset} cannot fit in the {remaining} bytes left"
            ),
            Self::TooDeep { offset } => {
                write!(f, "values nested too deeply at byte {offset}")
            }
            Self::InvalidLengthByte { offset } => {
                write!(f, "invalid length byte 0xff at byte {offset}")
            }
            Self::OverlongLength { offset, len } => write!(
                f,
                "length {len} at byte {offset} written in the long form, which is for 254 and more"
            ),
            Self::NonZeroPadding { offset } => {
                write!(f, "non-zero padding at byte {offset}")
            }
            Self::TrailingBytes { offset, remaining } => {
                write!(
                    f,
                    "{remaining} unexpected bytes after the value ending at byte {offset}"
                )
            }
        }
    }
}

impl std::error::Error for DeserializeError {}
