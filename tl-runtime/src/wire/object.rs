//! TL's `Object`: any boxed value of the schema, kept as its bytes.
//!
//! MTProto wraps answers and messages in values whose type the wire does not say
//! (`rpc_result req_msg_id:long result:Object`, `message ... bytes:int body:Object`); only
//! the caller knows what it asked for. So an `Object` is read as a [`RawObject`]: the
//! constructor id and a zero-copy slice of the whole boxed value, which re-encodes to exactly
//! the bytes received, and which the caller decodes with the type it expects
//! ([`RawObject::decode`], e.g. with a request's `RemoteCall::Return`).
//!
//! Its extent comes from around it, never from a registry of every constructor (which the
//! bindings would pay for in build time): a length before it (`message.bytes`), else the end
//! of what is being read (`rpc_result.result`, a function's answer).
//!
//! `gzip_packed#3072cfa1 packed_data:bytes = Object` may stand for any value; with the
//! `gzip` feature, [`RawObject::decode`] inflates it first, with the size of what it inflates
//! to capped ([`DEFAULT_INFLATE_LIMIT`], or [`RawObject::unpack_with_limit`]).

use std::fmt;

use bytes::{BufMut, Bytes};

use super::{Deserialize, DeserializeError, Identifiable, Reader, Serialize};

/// The constructor id of MTProto's `gzip_packed#3072cfa1 packed_data:bytes = Object`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// The most a `gzip_packed` value may inflate to in [`RawObject::decode`] and
/// `RawObject::unpack` (feature `gzip`): 16 MiB, above any answer Telegram sends. Inflating
/// is the one place where decoding holds more than its input's size, so it is bounded here.
pub const DEFAULT_INFLATE_LIMIT: usize = 16 * 1024 * 1024;

/// A boxed value of any type (TL's `Object`, TON's `object` and `function`): its bytes, from
/// the constructor id on, shared with the input they were read from.
///
/// Build one from a value with [`RawObject::encode`]; read one as the type you expect with
/// [`RawObject::decode`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawObject {
    /// The whole boxed value; at least the 4 bytes of its id.
    bytes: Bytes,
}

impl RawObject {
    /// The boxed value in `bytes` (which must hold at least its constructor id).
    pub fn new(bytes: impl Into<Bytes>) -> Result<Self, DeserializeError> {
        let bytes = bytes.into();
        if bytes.len() < 4 {
            return Err(DeserializeError::UnexpectedEof {
                offset: bytes.len(),
                needed: 4 - bytes.len(),
            });
        }
        Ok(Self { bytes })
    }

    /// The encoding of `value` (a constructor, an enum value or a function: anything boxed).
    ///
    /// # Panics
    /// If `value` writes fewer than 4 bytes, which no boxed value does.
    pub fn encode<T: Serialize + ?Sized>(value: &T) -> Self {
        let mut out = Vec::with_capacity(value.serialized_len());
        value.serialize(&mut out);
        Self::new(out).expect("a boxed value starts with its 4-byte constructor id")
    }

    /// The constructor id the value starts with.
    pub fn constructor_id(&self) -> u32 {
        u32::from_le_bytes(self.bytes[..4].try_into().expect("at least 4 bytes"))
    }

    /// Whether the value is a `T` (by its constructor id).
    pub fn is<T: Identifiable>(&self) -> bool {
        self.constructor_id() == T::CONSTRUCTOR_ID
    }

    /// Whether the value is a `gzip_packed`, which stands for the value it inflates to.
    pub fn is_gzip_packed(&self) -> bool {
        self.constructor_id() == GZIP_PACKED_ID
    }

    /// The value's bytes, from the constructor id on.
    pub fn as_bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The value's bytes, from the constructor id on.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// Reads the value as a `T`, which must span all of it; a `gzip_packed` value is
    /// inflated first (at most [`DEFAULT_INFLATE_LIMIT`] bytes), as MTProto allows any value
    /// to be sent packed. Without the `gzip` feature, a packed value is
    /// [`DeserializeError::Compressed`].
    pub fn decode<T: Deserialize>(&self) -> Result<T, DeserializeError> {
        if self.is_gzip_packed() {
            #[cfg(feature = "gzip")]
            return self.unpack()?.decode_as_is();
            #[cfg(not(feature = "gzip"))]
            return Err(DeserializeError::Compressed { offset: 0 });
        }
        self.decode_as_is()
    }

    /// Reads the value as a `T` without inflating a `gzip_packed` one (to read the
    /// `gzip_packed` itself).
    pub fn decode_as_is<T: Deserialize>(&self) -> Result<T, DeserializeError> {
        T::from_bytes(self.bytes.clone())
    }

    /// The value a `gzip_packed` stands for (at most [`DEFAULT_INFLATE_LIMIT`] bytes); any
    /// other value as it is.
    #[cfg(feature = "gzip")]
    pub fn unpack(&self) -> Result<RawObject, DeserializeError> {
        self.unpack_with_limit(DEFAULT_INFLATE_LIMIT)
    }

    /// [`unpack`](Self::unpack), failing with [`DeserializeError::InflatedTooLarge`] once the
    /// inflated value would exceed `limit` bytes (without holding more than that).
    #[cfg(feature = "gzip")]
    pub fn unpack_with_limit(&self, limit: usize) -> Result<RawObject, DeserializeError> {
        use std::io::Read;

        if !self.is_gzip_packed() {
            return Ok(self.clone());
        }
        let mut reader = Reader::new(self.bytes.clone());
        // Checked just above; this steps over it.
        reader.expect_id::<RawObject>(GZIP_PACKED_ID)?;
        let packed = reader.read_bytes()?;
        reader.finish()?;
        let decoder = flate2::read::GzDecoder::new(&packed[..]);
        // One byte past the limit tells "exactly the limit" from "more"; what is held grows
        // only as data is actually inflated.
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        let mut out = Vec::with_capacity(packed.len().saturating_mul(4).min(limit));
        decoder
            .take(cap)
            .read_to_end(&mut out)
            .map_err(|e| DeserializeError::InvalidGzip {
                reason: e.to_string().into(),
            })?;
        if out.len() > limit {
            return Err(DeserializeError::InflatedTooLarge { limit });
        }
        RawObject::new(out)
    }

    /// Reads a value that runs to the end of `reader`'s input (`rpc_result.result`, a
    /// function's answer).
    pub fn read_rest(reader: &mut Reader) -> Result<Self, DeserializeError> {
        let remaining = reader.remaining();
        if remaining < 4 {
            return Err(DeserializeError::UnexpectedEof {
                offset: reader.position(),
                needed: 4 - remaining,
            });
        }
        reader.read_raw(remaining).map(|bytes| Self { bytes })
    }

    /// Reads a value preceded by its length in bytes as an `int` (`message bytes:int
    /// body:Object`); the length must be a positive multiple of 4 (every boxed value is).
    pub fn read_with_len(reader: &mut Reader) -> Result<Self, DeserializeError> {
        let offset = reader.position();
        let len = reader.read_i32()?;
        let Some(n) = usize::try_from(len).ok().filter(|&n| n >= 4 && n % 4 == 0) else {
            return Err(DeserializeError::InvalidObjectLength { offset, len });
        };
        reader.read_raw(n).map(|bytes| Self { bytes })
    }

    /// Writes the value's length as an `int`, then the value (what
    /// [`read_with_len`](Self::read_with_len) reads).
    ///
    /// # Panics
    /// If the value is 2 GiB or more, which an `int` length cannot say.
    pub fn write_with_len<B: BufMut>(&self, out: &mut B) {
        let len = i32::try_from(self.bytes.len()).expect("an object's length fits an `int`");
        out.put_i32_le(len);
        out.put_slice(&self.bytes);
    }
}

impl Serialize for RawObject {
    #[inline]
    fn serialized_len(&self) -> usize {
        self.bytes.len()
    }

    #[inline]
    fn serialize<B: BufMut>(&self, out: &mut B) {
        out.put_slice(&self.bytes);
    }
}

/// Reads the rest of the input (see [`RawObject::read_rest`]).
impl Deserialize for RawObject {
    const TL_TYPE: &'static str = "Object";
    const MIN_SIZE: usize = 4;

    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        Self::read_rest(reader)
    }
}

impl fmt::Debug for RawObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RawObject({:#010x}, {} bytes)",
            self.constructor_id(),
            self.bytes.len()
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RawObject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.bytes, serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for RawObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bytes = <Bytes as serde::Deserialize>::deserialize(deserializer)?;
        Self::new(bytes).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_length_that_cannot_hold_a_value_is_refused() {
        for len in [-4i32, 0, 2, 6, i32::MIN] {
            let mut data = len.to_le_bytes().to_vec();
            data.extend([0; 8]);
            assert_eq!(
                RawObject::read_with_len(&mut Reader::new(data)),
                Err(DeserializeError::InvalidObjectLength { offset: 0, len }),
                "{len}"
            );
        }
        // A length past the end is an end of input, not an allocation.
        let mut data = 0x7fff_fffci32.to_le_bytes().to_vec();
        data.extend([1, 2, 3, 4]);
        assert!(matches!(
            RawObject::read_with_len(&mut Reader::new(data)),
            Err(DeserializeError::UnexpectedEof { offset: 4, .. })
        ));
        assert!(RawObject::new(vec![1, 2, 3]).is_err());
        assert!(RawObject::read_rest(&mut Reader::new(vec![1, 2])).is_err());
    }

    /// `gzip_packed` around `data` (already compressed).
    fn gzip_packed(packed: &[u8]) -> RawObject {
        let mut out = GZIP_PACKED_ID.to_le_bytes().to_vec();
        super::super::write_bytes(&mut out, packed);
        RawObject::new(out).unwrap()
    }

    #[cfg(not(feature = "gzip"))]
    #[test]
    fn without_the_gzip_feature_a_packed_value_is_an_error() {
        let packed = gzip_packed(&[0x1f, 0x8b]);
        assert_eq!(
            packed.decode::<i32>(),
            Err(DeserializeError::Compressed { offset: 0 })
        );
        // As itself it still reads.
        assert_eq!(packed.decode_as_is::<RawObject>(), Ok(packed.clone()));
    }

    #[cfg(feature = "gzip")]
    #[test]
    fn inflating_stops_at_the_limit() {
        use std::io::Write;

        // 4 MiB of zeros compress to about 4 KiB: a small input claiming much memory.
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&vec![0; 4 << 20]).unwrap();
        let bomb = gzip_packed(&encoder.finish().unwrap());
        assert!(bomb.as_bytes().len() < 64 << 10);
        assert_eq!(
            bomb.unpack_with_limit(1 << 20),
            Err(DeserializeError::InflatedTooLarge { limit: 1 << 20 })
        );
        assert_eq!(
            bomb.unpack_with_limit(4 << 20).unwrap().as_bytes().len(),
            4 << 20
        );
        // A value that is not `gzip_packed` is itself.
        let plain = RawObject::new(vec![1, 2, 3, 4]).unwrap();
        assert_eq!(plain.unpack().unwrap(), plain);
        // Trailing bytes after `packed_data` are refused like in any value.
        let mut trailing = bomb.as_bytes().to_vec();
        trailing.extend([0; 4]);
        assert!(matches!(
            RawObject::new(trailing).unwrap().unpack(),
            Err(DeserializeError::TrailingBytes { .. })
        ));
    }
}
