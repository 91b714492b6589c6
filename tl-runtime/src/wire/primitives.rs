//! [`Serialize`] and [`Deserialize`] for the TL built-in types.
//!
//! | TL | Rust |
//! | --- | --- |
//! | `int` / `long` / `double` | `i32` / `i64` / `f64` |
//! | `int128` / `int256` | `[u8; 16]` / `[u8; 32]` |
//! | `string` / `bytes` | [`TlString`] (or `ByteString` / `String`, losing invalid UTF-8) / [`Bytes`] |
//! | `Bool` | `bool` (boxed: `boolTrue` / `boolFalse`) |

use bytes::{BufMut, Bytes};
use bytestring::ByteString;

use super::{Deserialize, DeserializeError, Reader, Serialize, TlString};

/// Constructor id of `Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// Constructor id of `boolTrue`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;

/// The longest `string`/`bytes` the 3-byte length can describe.
const MAX_BYTES_LEN: usize = 0xff_ffff;

/// The encoded length of a `string`/`bytes` of `len` bytes (prefix and padding included).
#[inline]
pub const fn bytes_len(len: usize) -> usize {
    let header = if len < 254 { 1 } else { 4 };
    (header + len + 3) & !3
}

/// Writes `data` as a TL `string`/`bytes`.
///
/// # Panics
/// If `data` is longer than 2^24 - 1 bytes, which TL cannot encode.
#[inline]
pub fn write_bytes<B: BufMut>(out: &mut B, data: &[u8]) {
    let len = data.len();
    assert!(
        len <= MAX_BYTES_LEN,
        "TL strings and bytes hold at most 16 MiB - 1 (got {len} bytes)"
    );
    let header = if len < 254 {
        out.put_u8(len as u8);
        1
    } else {
        // 254, then the length in 3 little-endian bytes.
        out.put_u32_le(((len as u32) << 8) | 254);
        4
    };
    out.put_slice(data);
    // From a constant rather than `put_bytes`, which costs a `memset` call for 0-3 bytes.
    let padding = (4 - (header + len) % 4) % 4;
    out.put_slice(&[0; 3][..padding]);
}

macro_rules! fixed_size {
    ($ty:ty, $tl:literal, $size:expr, $put:ident, $read:ident) => {
        impl Serialize for $ty {
            #[inline]
            fn serialized_len(&self) -> usize {
                $size
            }

            #[inline]
            fn serialize<B: BufMut>(&self, out: &mut B) {
                out.$put(*self);
            }
        }

        impl Deserialize for $ty {
            const TL_TYPE: &'static str = $tl;
            const MIN_SIZE: usize = $size;

            #[inline]
            fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
                reader.$read()
            }
        }
    };
}

fixed_size!(i32, "int", 4, put_i32_le, read_i32);
fixed_size!(i64, "long", 8, put_i64_le, read_i64);
fixed_size!(f64, "double", 8, put_f64_le, read_f64);

impl<const N: usize> Serialize for [u8; N] {
    #[inline]
    fn serialized_len(&self) -> usize {
        N
    }

    #[inline]
    fn serialize<B: BufMut>(&self, out: &mut B) {
        out.put_slice(self);
    }
}

impl<const N: usize> Deserialize for [u8; N] {
    const TL_TYPE: &'static str = match N {
        16 => "int128",
        32 => "int256",
        _ => "bytes (fixed length)",
    };
    const MIN_SIZE: usize = N;

    #[inline]
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        reader.read_array()
    }
}

impl Serialize for bool {
    #[inline]
    fn serialized_len(&self) -> usize {
        4
    }

    #[inline]
    fn serialize<B: BufMut>(&self, out: &mut B) {
        out.put_u32_le(if *self { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
    }
}

impl Deserialize for bool {
    const TL_TYPE: &'static str = "Bool";

    #[inline]
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        match reader.read_id()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(reader.unexpected_id::<Self>(id)),
        }
    }
}

/// `string` and `bytes`: a length prefix, the data and padding, read by `$read`.
macro_rules! blob {
    ($ty:ty, $tl:literal, $read:ident) => {
        impl Serialize for $ty {
            #[inline]
            fn serialized_len(&self) -> usize {
                bytes_len(self.len())
            }

            #[inline]
            fn serialize<B: BufMut>(&self, out: &mut B) {
                write_bytes(out, AsRef::<[u8]>::as_ref(self));
            }
        }

        impl Deserialize for $ty {
            const TL_TYPE: &'static str = $tl;

            #[inline]
            fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
                reader.$read()
            }
        }
    };
}

// Zero-copy slices of the input; `ByteString` and `String` (a copy) are alternatives for
// user-typed fields that replace invalid UTF-8.
blob!(ByteString, "string", read_byte_string);
blob!(String, "string", read_string_owned);
blob!(Bytes, "bytes", read_bytes);

impl Serialize for TlString {
    #[inline]
    fn serialized_len(&self) -> usize {
        bytes_len(self.wire_bytes().len())
    }

    #[inline]
    fn serialize<B: BufMut>(&self, out: &mut B) {
        write_bytes(out, self.wire_bytes());
    }
}

impl Deserialize for TlString {
    const TL_TYPE: &'static str = "string";

    #[inline]
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        reader.read_string()
    }
}
