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
        /// What was being read: its TL name (`phone.PhoneCall`, `Vector`, `Bool`) and its Rust
        /// type (`my_app::tl::enums::phone::PhoneCall`).
        expected: ExpectedType,
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
    /// The length before a length-delimited `Object` (`message.bytes`) that is negative,
    /// below 4 (no room for a constructor id) or not a multiple of 4.
    InvalidObjectLength {
        /// Where the length was read.
        offset: usize,
        /// The length found.
        len: i32,
    },
    /// A `gzip_packed` value decoded as something else, by a build of `tl-runtime` without
    /// its `gzip` feature.
    Compressed {
        /// Where the `gzip_packed` value starts (within the object being decoded).
        offset: usize,
    },
    /// The `packed_data` of a `gzip_packed` value is not valid gzip.
    InvalidGzip {
        /// Why the inflater refused it. (Boxed, not a `String`: every reader returns this
        /// error type, and a larger one slows all decoding down.)
        reason: Box<str>,
    },
    /// The `packed_data` of a `gzip_packed` value inflates to more than the limit.
    InflatedTooLarge {
        /// The limit, in bytes.
        limit: usize,
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
            } => {
                write!(
                    f,
                    "unexpected constructor id {id:#010x} at byte {offset}: expected "
                )?;
                match expected.tl_name() {
                    "" => write!(f, "{}", expected.rust_name()),
                    tl => write!(f, "{tl} ({})", expected.rust_name()),
                }
            }
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
            Self::InvalidObjectLength { offset, len } => write!(
                f,
                "object length {len} at byte {offset} is not a positive multiple of 4"
            ),
            Self::Compressed { offset } => write!(
                f,
                "gzip_packed value at byte {offset}: tl-runtime was built without its `gzip` feature"
            ),
            Self::InvalidGzip { reason } => write!(f, "gzip_packed data is not valid gzip: {reason}"),
            Self::InflatedTooLarge { limit } => {
                write!(f, "gzip_packed data inflates to more than {limit} bytes")
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

/// The type a decoder was reading when it met a constructor id that type does not have,
/// named as the schema names it and as Rust does ([`DeserializeError::UnexpectedConstructor`]).
///
/// A client that logs the error can tell which of its types met a constructor of a newer
/// layer, and from the error's offset how far the value had been read.
///
/// It is one function pointer, so that the error, which every reader returns, stays as small
/// as a string slice alone would make it (a larger error slows every decode down).
#[derive(Clone, Copy)]
pub struct ExpectedType(fn() -> (&'static str, &'static str));

impl ExpectedType {
    /// The names `names` gives: `(TL name, Rust type name)`.
    pub(super) fn from_names(names: fn() -> (&'static str, &'static str)) -> Self {
        Self(names)
    }

    /// A boxed `Vector` of `T` (`T` itself need not be [`Deserialize`](super::Deserialize): bare elements are not).
    pub fn vector_of<T>() -> Self {
        fn names<T>() -> (&'static str, &'static str) {
            ("Vector", std::any::type_name::<Vec<T>>())
        }
        Self(names::<T>)
    }

    /// The TL name: `phone.PhoneCall`, `Vector`, `Bool`, or for a function or a single
    /// constructor, its own name.
    pub fn tl_name(self) -> &'static str {
        (self.0)().0
    }

    /// The Rust type's full path, as [`std::any::type_name`] gives it
    /// (`my_app::tl::enums::phone::PhoneCall`).
    pub fn rust_name(self) -> &'static str {
        (self.0)().1
    }
}

// By name: two pointers to one function may differ (and two functions may share one).
impl PartialEq for ExpectedType {
    fn eq(&self, other: &Self) -> bool {
        (self.0)() == (other.0)()
    }
}

impl Eq for ExpectedType {}

impl fmt::Debug for ExpectedType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpectedType")
            .field("tl_name", &self.tl_name())
            .field("rust_name", &self.rust_name())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Deserialize;

    #[test]
    fn the_error_is_no_larger_than_before_the_rust_type_was_added() {
        // With `expected: &'static str` the error was 32 bytes; a second `&str` made it 48
        // and decoding 20% slower.
        assert!(std::mem::size_of::<DeserializeError>() <= 24);
        assert_eq!(
            std::mem::size_of::<Result<u64, DeserializeError>>(),
            std::mem::size_of::<DeserializeError>()
        );
    }

    #[test]
    fn names_both_ways() {
        let bool_type = ExpectedType::of::<bool>();
        assert_eq!(bool_type.tl_name(), "Bool");
        assert_eq!(bool_type.rust_name(), "bool");
        let vector = ExpectedType::vector_of::<i64>();
        assert_eq!(vector.tl_name(), "Vector");
        assert_eq!(vector.rust_name(), "alloc::vec::Vec<i64>");
        assert_eq!(bool_type, ExpectedType::of::<bool>());
        assert_ne!(bool_type, vector);
        let error = DeserializeError::UnexpectedConstructor {
            offset: 8,
            id: 0x1234_5678,
            expected: bool_type,
        };
        assert_eq!(
            error.to_string(),
            "unexpected constructor id 0x12345678 at byte 8: expected Bool (bool)"
        );

        // A type of the user's own that does not say its TL name.
        struct Own;
        impl Deserialize for Own {
            fn deserialize(_: &mut crate::wire::Reader) -> Result<Self, DeserializeError> {
                Ok(Own)
            }
        }
        let error = DeserializeError::UnexpectedConstructor {
            offset: 0,
            id: 1,
            expected: ExpectedType::of::<Own>(),
        };
        assert_eq!(
            error.to_string(),
            "unexpected constructor id 0x00000001 at byte 0: expected \
             tl_runtime::wire::error::tests::names_both_ways::Own"
        );
    }
}
