//! A cursor over received bytes.

use bytes::Bytes;
use bytestring::ByteString;

use super::error::{DeserializeError, ExpectedType};
use super::text::TlString;

/// TL's `null#56730bcc = Null;`: what generated code writes for a nullable value that is
/// absent (see [`read_nullable`]).
pub const NULL_ID: u32 = 0x5673_0bcc;

/// What [`read_vec`](super::read_vec) reserves before reading any element, once the decode's reservation
/// budget is spent.
///
/// A count is only a claim: reserving `count` elements up front lets a few bytes of input
/// ask for far more memory than they hold (a `Vector<Message>` element takes 12 bytes on the
/// wire and ~500 in memory), and nested vectors would multiply that level by level. So the
/// vectors being read at once share a budget of as many bytes as the input has
/// ([`Reader::reserve_for`]); a vector the budget cannot cover reserves at most this much
/// and grows as its elements are actually read.
pub const VEC_PREALLOC_BYTES: usize = 16 * 1024;

/// How deeply values of recursive types may nest before reading fails with
/// [`DeserializeError::TooDeep`]. Telegram's deepest real values (rich-text trees,
/// JSON values) stay far below this; hostile input cannot exhaust the stack.
pub const MAX_DEPTH: u32 = 64;

/// Reads TL values from [`Bytes`], keeping track of the position and nesting depth.
///
/// `bytes` and `string` fields are returned as [`Bytes::slice`]s of the input (the latter
/// as a [`TlString`]), so they share its buffer instead of copying.
#[derive(Debug, Clone)]
pub struct Reader {
    data: Bytes,
    pos: usize,
    depth: u32,
    /// Bytes that vectors may still reserve ahead of the elements they have read (see
    /// [`reserve_for`](Self::reserve_for)); starts at the input's length.
    reserve_budget: usize,
}

impl Reader {
    /// A reader positioned at the start of `data`.
    pub fn new(data: impl Into<Bytes>) -> Self {
        let data = data.into();
        Self {
            reserve_budget: data.len(),
            data,
            pos: 0,
            depth: 0,
        }
    }

    /// The current offset from the start of the input.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// How many bytes are left.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// The bytes not read yet, without consuming them.
    #[inline]
    pub fn rest(&self) -> Bytes {
        self.data.slice(self.pos..)
    }

    /// Consumes the next `n` bytes and returns them as a zero-copy slice of the input.
    #[inline]
    pub fn read_raw(&mut self, n: usize) -> Result<Bytes, DeserializeError> {
        let range = self.advance(n)?;
        Ok(self.data.slice(range))
    }

    /// Fails with [`DeserializeError::TrailingBytes`] unless all input was read.
    pub fn finish(&self) -> Result<(), DeserializeError> {
        match self.remaining() {
            0 => Ok(()),
            remaining => Err(DeserializeError::TrailingBytes {
                offset: self.pos,
                remaining,
            }),
        }
    }

    /// Consumes `n` bytes and returns them as a slice of the input.
    #[inline]
    fn take(&mut self, n: usize) -> Result<&[u8], DeserializeError> {
        let range = self.advance(n)?;
        Ok(&self.data[range])
    }

    /// Consumes `n` bytes and returns where they are in the input.
    #[inline]
    fn advance(&mut self, n: usize) -> Result<std::ops::Range<usize>, DeserializeError> {
        if self.remaining() < n {
            return Err(DeserializeError::UnexpectedEof {
                offset: self.pos,
                needed: n,
            });
        }
        let start = self.pos;
        self.pos += n;
        Ok(start..start + n)
    }

    /// Reads `N` raw bytes (`int128`, `int256`).
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DeserializeError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// Reads a little-endian `u32` (constructor ids, flags, vector counts).
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DeserializeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Reads a TL `int`.
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32, DeserializeError> {
        self.read_array().map(i32::from_le_bytes)
    }

    /// Reads a TL `long`.
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64, DeserializeError> {
        self.read_array().map(i64::from_le_bytes)
    }

    /// Reads a TL `double`.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64, DeserializeError> {
        self.read_array().map(f64::from_le_bytes)
    }

    /// Reads a constructor id, for a type whose constructors the caller dispatches on.
    #[inline]
    pub fn read_id(&mut self) -> Result<u32, DeserializeError> {
        self.read_u32()
    }

    /// [`expect_id`](Self::expect_id) for a type that is not itself [`Deserialize`](super::Deserialize) (a
    /// vector of bare elements).
    #[inline]
    pub fn expect_id_as(
        &mut self,
        id: u32,
        expected: ExpectedType,
    ) -> Result<(), DeserializeError> {
        let offset = self.pos;
        let found = self.read_u32()?;
        if found == id {
            Ok(())
        } else {
            Err(DeserializeError::UnexpectedConstructor {
                offset,
                id: found,
                expected,
            })
        }
    }

    /// [`unexpected_id`](Self::unexpected_id) for what `expected` names.
    #[cold]
    pub fn unexpected_id_as(&self, id: u32, expected: ExpectedType) -> DeserializeError {
        DeserializeError::UnexpectedConstructor {
            offset: self.pos.saturating_sub(4),
            id,
            expected,
        }
    }

    /// Reads the header of a `string` or `bytes` and steps over its payload and padding;
    /// returns where the payload is in the input.
    ///
    /// Only the canonical encoding is accepted, so that one value has one encoding (and this
    /// reader agrees with every other about what bytes mean): `0xFF` is no length byte, the
    /// `0xFE` long form is for lengths of 254 and more, and padding is zeros.
    #[inline]
    fn read_blob(&mut self) -> Result<std::ops::Range<usize>, DeserializeError> {
        let offset = self.pos;
        let first = self.take(1)?[0];
        let (len, header) = match first {
            0..=253 => (usize::from(first), 1),
            254 => {
                let b = self.take(3)?;
                let len = usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16;
                if len < 254 {
                    return Err(DeserializeError::OverlongLength { offset, len });
                }
                (len, 4)
            }
            255 => return Err(DeserializeError::InvalidLengthByte { offset }),
        };
        let start = self.pos;
        let padding = (4 - (header + len) % 4) % 4;
        // One check for payload and padding together; the error says which was cut short.
        if self.remaining() < len + padding {
            let (offset, needed) = if self.remaining() < len {
                (start, len)
            } else {
                (start + len, padding)
            };
            return Err(DeserializeError::UnexpectedEof { offset, needed });
        }
        let end = start + len;
        if self.data[end..end + padding].iter().any(|&b| b != 0) {
            return Err(DeserializeError::NonZeroPadding { offset: end });
        }
        self.pos = end + padding;
        Ok(start..end)
    }

    /// Reads the payload of a `string` or `bytes` as a zero-copy slice.
    #[inline]
    pub fn read_bytes(&mut self) -> Result<Bytes, DeserializeError> {
        let range = self.read_blob()?;
        Ok(self.data.slice(range))
    }

    /// Reads a `string`: a zero-copy slice of the input when it is UTF-8 (see [`TlString`]
    /// for one that is not, which keeps its bytes and re-encodes to them).
    ///
    /// Like `bytes` fields, the string shares the input's buffer, which stays allocated while
    /// any of them lives; to keep a small text without the whole input, copy it
    /// (`String::from(&*text)`).
    #[inline]
    pub fn read_string(&mut self) -> Result<TlString, DeserializeError> {
        let range = self.read_blob()?;
        Ok(TlString::from_wire(self.data.slice(range)))
    }

    /// Reads a `string` as a [`ByteString`] (for fields given that type), replacing invalid
    /// UTF-8 with U+FFFD (in a copy): unlike [`read_string`](Self::read_string), the
    /// original bytes of an invalid string are lost.
    #[inline]
    pub fn read_byte_string(&mut self) -> Result<ByteString, DeserializeError> {
        let range = self.read_blob()?;
        if simdutf8::basic::from_utf8(&self.data[range.clone()]).is_ok() {
            let bytes = self.data.slice(range);
            // SAFETY: the bytes were just validated as UTF-8.
            Ok(unsafe { ByteString::from_bytes_unchecked(bytes) })
        } else {
            Ok(ByteString::from(
                String::from_utf8_lossy(&self.data[range]).into_owned(),
            ))
        }
    }

    /// Reads a `string` into an owned `String` (a copy), with the same replacement of invalid
    /// UTF-8 as [`read_byte_string`](Self::read_byte_string).
    #[inline]
    pub fn read_string_owned(&mut self) -> Result<String, DeserializeError> {
        let range = self.read_blob()?;
        let raw = &self.data[range];
        Ok(match simdutf8::basic::from_utf8(raw) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(raw).into_owned(),
        })
    }

    /// Reads a vector's element count and checks that the remaining input can hold that many
    /// elements of at least `min_size` bytes each (elements of size 0 are bounded by the
    /// remaining length too, so the count never exceeds what the input could justify).
    #[inline]
    pub fn read_vec_count(&mut self, min_size: usize) -> Result<usize, DeserializeError> {
        let offset = self.pos;
        let count = self.read_u32()?;
        let remaining = self.remaining();
        let needed = (count as usize).saturating_mul(min_size.max(1));
        if needed > remaining {
            return Err(DeserializeError::VectorTooLong {
                offset,
                count,
                remaining,
            });
        }
        Ok(count as usize)
    }

    /// How many of `count` elements of `size` bytes a vector may reserve before reading
    /// them: all of them while the bytes fit in what is left of the decode's budget (the
    /// input's length, shared by the vectors being read at once), else as many as
    /// [`VEC_PREALLOC_BYTES`] hold. Give the grant back with
    /// [`release`](Self::release) once the vector is read.
    #[inline]
    pub fn reserve_for(&mut self, count: usize, size: usize) -> Reservation {
        let size = size.max(1);
        let wanted = count.saturating_mul(size);
        if wanted <= self.reserve_budget {
            self.reserve_budget -= wanted;
            Reservation {
                count,
                from_budget: wanted,
            }
        } else {
            Reservation {
                count: count.min(VEC_PREALLOC_BYTES / size),
                from_budget: 0,
            }
        }
    }

    /// Gives back what [`reserve_for`](Self::reserve_for) took from the budget: the vector
    /// it was for is read.
    #[inline]
    pub fn release(&mut self, reservation: Reservation) {
        self.reserve_budget += reservation.from_budget;
    }

    /// Reads one level of a recursive value with `read`; fails past [`MAX_DEPTH`].
    ///
    /// The level is left when `read` returns, `Ok` or `Err`, so an error cannot leave the
    /// depth counted too high. (A guard whose `Drop` leaves the level does the same, but
    /// its drop glue in every enum's reader cost a third of the decoding speed.)
    #[inline]
    pub fn nested<T>(
        &mut self,
        read: impl FnOnce(&mut Reader) -> Result<T, DeserializeError>,
    ) -> Result<T, DeserializeError> {
        if self.depth >= MAX_DEPTH {
            return Err(DeserializeError::TooDeep { offset: self.pos });
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// How many levels of recursive values enclose the current position.
    #[inline]
    pub fn depth(&self) -> u32 {
        self.depth
    }
}

/// What a vector may reserve: see [`Reader::reserve_for`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "give it back with `Reader::release`"]
pub struct Reservation {
    /// How many elements to reserve.
    pub count: usize,
    /// The bytes of the decode's budget this holds.
    from_budget: usize,
}

/// Reads a value the schema's docs say may be null: TL's `null#56730bcc` ([`NULL_ID`]) is
/// `None`, anything else is read by `read` (generated code writes nullable values boxed,
/// whatever the schema writes for them, and reads them with `T::deserialize`).
#[inline]
pub fn read_nullable<T>(
    reader: &mut Reader,
    read: impl FnOnce(&mut Reader) -> Result<T, DeserializeError>,
) -> Result<Option<T>, DeserializeError> {
    if reader.data.get(reader.pos..reader.pos + 4) == Some(&NULL_ID.to_le_bytes()[..]) {
        reader.pos += 4;
        return Ok(None);
    }
    read(reader).map(Some)
}

/// [`read_nullable`] for a field the layout boxes: `None` allocates nothing.
#[inline]
pub fn read_nullable_boxed<T>(
    reader: &mut Reader,
    read: impl FnOnce(&mut Reader) -> Result<T, DeserializeError>,
) -> Result<Option<Box<T>>, DeserializeError> {
    Ok(read_nullable(reader, read)?.map(Box::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `string` payloads of both length forms, then one with invalid UTF-8.
    fn input() -> Bytes {
        let mut data = vec![5];
        data.extend_from_slice(b"hello\0\0");
        data.extend_from_slice(&[254, 44, 1, 0]); // 300 bytes
        data.extend(std::iter::repeat_n(b'a', 300));
        data.extend_from_slice(&[3, b'a', 0xff, b'b']);
        Bytes::from(data)
    }

    #[test]
    fn strings_are_slices_of_the_input() {
        let data = input();
        let range = data.as_ptr_range();
        let mut reader = Reader::new(data.clone());
        let short = reader.read_string().unwrap();
        let long = reader.read_string().unwrap();
        assert_eq!(short, "hello");
        assert_eq!(long.len(), 300);
        for text in [&short, &long] {
            assert!(range.contains(&text.as_ptr()), "{text:?} was copied");
        }
        // Invalid UTF-8 reads as text with U+FFFD and keeps its bytes (both in a copy).
        let damaged = reader.read_string().unwrap();
        assert_eq!(&*damaged, "a\u{fffd}b");
        assert!(!range.contains(&damaged.as_ptr()));
        assert_eq!(damaged.invalid_bytes(), Some(&b"a\xffb"[..]));
        reader.finish().unwrap();
        // Read as a ByteString, only the replaced text is left.
        let mut reader = Reader::new(data.slice(data.len() - 4..));
        assert_eq!(&*reader.read_byte_string().unwrap(), "a\u{fffd}b");
    }

    fn read(bytes: &[u8]) -> Result<Bytes, DeserializeError> {
        Reader::new(bytes.to_vec()).read_bytes()
    }

    #[test]
    fn only_canonical_blobs_are_read() {
        // The long form for a length that fits the short one.
        assert_eq!(
            read(&[0xFE, 3, 0, 0, b'a', b'b', b'c', 0]),
            Err(DeserializeError::OverlongLength { offset: 0, len: 3 })
        );
        // Non-zero padding.
        assert_eq!(
            read(&[1, b'a', 0xAA, 0xBB]),
            Err(DeserializeError::NonZeroPadding { offset: 2 })
        );
        // 0xFF is not a length byte (TDLib reads it differently from 0xFE).
        assert_eq!(
            read(&[0xFF, 1, 0, 0, b'x', 0, 0, 0]),
            Err(DeserializeError::InvalidLengthByte { offset: 0 })
        );
        // The canonical forms of the same kind of values still read.
        assert_eq!(&read(&[3, b'a', b'b', b'c']).unwrap()[..], b"abc");
        let mut long = vec![0xFE, 254, 0, 0];
        long.extend(std::iter::repeat_n(b'z', 254));
        long.extend([0, 0]);
        assert_eq!(read(&long).unwrap().len(), 254);
        assert_eq!(&read(&[1, b'a', 0, 0]).unwrap()[..], b"a");
    }

    #[test]
    fn the_depth_is_restored_when_a_nested_read_fails() {
        let mut reader = Reader::new(vec![1, 2]);
        for _ in 0..3 * MAX_DEPTH {
            let read = reader.nested(|nested| {
                assert_eq!(nested.depth(), 1);
                nested.read_u32()
            });
            assert!(read.is_err());
        }
        assert_eq!(reader.depth(), 0);
        // Nesting itself still stops at the limit.
        fn dive(reader: &mut Reader) -> Result<(), DeserializeError> {
            reader.nested(dive)
        }
        assert_eq!(
            dive(&mut reader),
            Err(DeserializeError::TooDeep { offset: 0 })
        );
        assert_eq!(reader.depth(), 0);
    }

    #[test]
    fn owned_strings_read_the_same_text() {
        let mut shared = Reader::new(input());
        let mut owned = Reader::new(input());
        for _ in 0..3 {
            assert_eq!(
                &*shared.read_string().unwrap(),
                owned.read_string_owned().unwrap()
            );
        }
        assert_eq!(shared.position(), owned.position());
    }

    #[test]
    fn nullable_values_are_null_or_boxed() {
        let read = |bytes: &[u8]| {
            let mut r = Reader::new(bytes.to_vec());
            let v = read_nullable(&mut r, |r| r.read_i32());
            (v, r.position())
        };
        assert_eq!(read(&NULL_ID.to_le_bytes()), (Ok(None), 4));
        assert_eq!(read(&7i32.to_le_bytes()), (Ok(Some(7)), 4));
        // Fewer than 4 bytes: read by `read`, which reports the end of input.
        assert!(read(&[0xcc, 0x0b]).0.is_err());
        let mut r = Reader::new(NULL_ID.to_le_bytes().to_vec());
        assert_eq!(read_nullable_boxed(&mut r, |r| r.read_i32()), Ok(None));
    }
}
