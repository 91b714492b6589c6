//! [`TlString`], the Rust form of a TL `string`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use bytes::{BufMut, Bytes, BytesMut};
use bytestring::ByteString;

/// Ends the buffer of a string received as invalid UTF-8. `0xFF` never occurs in UTF-8, so a
/// buffer ending in it cannot be the text of a valid string.
const INVALID_MARK: u8 = 0xFF;

/// The trailer after the replaced text and the bytes received: their length, then the mark.
const TRAILER: usize = 8 + 1;

/// A TL `string`: text, as Telegram sends it, that never loses the bytes it was received as.
///
/// TL strings are UTF-8. One that is (nearly all of them) is held as a zero-copy slice of the
/// received buffer, `&str` through `Deref`. One that is not keeps the bytes received beside a
/// copy of its text with each invalid sequence replaced by U+FFFD: it still reads as text
/// (`Deref`, `Display`), says that it was invalid ([`is_valid_utf8`](Self::is_valid_utf8),
/// [`invalid_bytes`](Self::invalid_bytes)), and is written back as exactly the bytes
/// received, so a decoded value re-encodes to its input.
///
/// Only invalid strings pay for that (one allocation holding both forms): a `TlString` and an
/// `Option<TlString>` are as large as a [`ByteString`] and an `Option<ByteString>`.
///
/// Equality, ordering and hashing are those of the bytes on the wire: an invalid string never
/// equals the text it reads as. With the `serde` feature, a `TlString` is serialized as its
/// text (the replaced text, for an invalid one) and deserialized from text.
#[derive(Clone, Default)]
pub struct TlString {
    /// Either valid UTF-8 (the text itself), or, for a string received as invalid UTF-8,
    /// `text ++ raw ++ (raw.len() as u64, little-endian) ++ [INVALID_MARK]`.
    buf: Bytes,
}

impl TlString {
    /// The empty string.
    pub const fn new() -> Self {
        TlString { buf: Bytes::new() }
    }

    /// A string of static text, without copying it.
    pub const fn from_static(text: &'static str) -> Self {
        TlString {
            buf: Bytes::from_static(text.as_bytes()),
        }
    }

    /// The string received as `bytes`: the text itself when it is UTF-8 (no copy), else the
    /// bytes kept beside their text with U+FFFD for each invalid sequence (one copy of each).
    pub fn from_wire(bytes: Bytes) -> Self {
        if simdutf8::basic::from_utf8(&bytes).is_ok() {
            return TlString { buf: bytes };
        }
        let text = String::from_utf8_lossy(&bytes);
        let mut buf = BytesMut::with_capacity(text.len() + bytes.len() + TRAILER);
        buf.put_slice(text.as_bytes());
        buf.put_slice(&bytes);
        buf.put_u64_le(bytes.len() as u64);
        buf.put_u8(INVALID_MARK);
        TlString { buf: buf.freeze() }
    }

    /// For a string received as invalid UTF-8, where its text ends and its raw bytes begin.
    #[inline]
    fn split(&self) -> Option<(usize, usize)> {
        let buf = &self.buf[..];
        if buf.last() != Some(&INVALID_MARK) {
            return None;
        }
        // Only `from_wire` ends a buffer with the mark, after the raw length.
        let end = buf.len() - TRAILER;
        let mut len = [0; 8];
        len.copy_from_slice(&buf[end..end + 8]);
        let raw = u64::from_le_bytes(len) as usize;
        Some((end - raw, end))
    }

    /// The text (for an invalid string, with U+FFFD for each invalid sequence).
    #[inline]
    pub fn as_str(&self) -> &str {
        let text = match self.split() {
            None => &self.buf[..],
            Some((text_end, _)) => &self.buf[..text_end],
        };
        // SAFETY: `buf` is valid UTF-8 unless it ends with the mark (see `buf`); then its
        // first `text_end` bytes are the replaced text `from_wire` wrote.
        unsafe { std::str::from_utf8_unchecked(text) }
    }

    /// Whether the bytes received were valid UTF-8 (always, for a string made from text).
    #[inline]
    pub fn is_valid_utf8(&self) -> bool {
        self.split().is_none()
    }

    /// The bytes received, when they were not valid UTF-8.
    pub fn invalid_bytes(&self) -> Option<&[u8]> {
        self.split().map(|(start, end)| &self.buf[start..end])
    }

    /// The bytes written on the wire: the text's, or for an invalid string the bytes received.
    #[inline]
    pub fn wire_bytes(&self) -> &[u8] {
        match self.split() {
            None => &self.buf,
            Some((start, end)) => &self.buf[start..end],
        }
    }
}

impl Deref for TlString {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for TlString {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for TlString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for TlString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.invalid_bytes() {
            None => fmt::Debug::fmt(self.as_str(), f),
            Some(raw) => f
                .debug_struct("TlString")
                .field("text", &self.as_str())
                .field("invalid_utf8", &Bytes::copy_from_slice(raw))
                .finish(),
        }
    }
}

impl PartialEq for TlString {
    fn eq(&self, other: &Self) -> bool {
        self.wire_bytes() == other.wire_bytes()
    }
}

impl Eq for TlString {}

impl PartialOrd for TlString {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TlString {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.wire_bytes().cmp(other.wire_bytes())
    }
}

impl Hash for TlString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.wire_bytes().hash(state);
    }
}

impl PartialEq<str> for TlString {
    fn eq(&self, other: &str) -> bool {
        self.wire_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for TlString {
    fn eq(&self, other: &&str) -> bool {
        self.wire_bytes() == other.as_bytes()
    }
}

impl From<&str> for TlString {
    fn from(text: &str) -> Self {
        TlString {
            buf: Bytes::copy_from_slice(text.as_bytes()),
        }
    }
}

impl From<String> for TlString {
    fn from(text: String) -> Self {
        TlString {
            buf: Bytes::from(text.into_bytes()),
        }
    }
}

impl From<ByteString> for TlString {
    fn from(text: ByteString) -> Self {
        TlString {
            buf: text.into_bytes(),
        }
    }
}

impl From<TlString> for String {
    /// The text (with U+FFFD for the invalid sequences of an invalid string).
    fn from(text: TlString) -> Self {
        text.as_str().to_owned()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for TlString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for TlString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(TlString::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_large_as_a_byte_string() {
        use std::mem::size_of;
        assert_eq!(size_of::<TlString>(), size_of::<ByteString>());
        // tl-codegen's layout counts on the niche being kept.
        assert_eq!(
            size_of::<Option<TlString>>(),
            size_of::<Option<ByteString>>()
        );
    }

    #[test]
    fn invalid_text_keeps_its_bytes() {
        let raw = Bytes::from_static(b"a\xff\xfeb");
        let s = TlString::from_wire(raw.clone());
        assert!(!s.is_valid_utf8());
        assert_eq!(&*s, "a\u{FFFD}\u{FFFD}b");
        assert_eq!(s.invalid_bytes(), Some(&raw[..]));
        assert_eq!(s.wire_bytes(), &raw[..]);
        assert_ne!(s, TlString::from("a\u{FFFD}\u{FFFD}b"));
        assert!(s != *"a\u{FFFD}\u{FFFD}b");
        assert_eq!(String::from(s.clone()), "a\u{FFFD}\u{FFFD}b");
        assert!(format!("{s:?}").contains("invalid_utf8"));

        let valid = TlString::from_wire(Bytes::from_static("héllo".as_bytes()));
        assert!(valid.is_valid_utf8());
        assert_eq!(valid.invalid_bytes(), None);
        assert_eq!(valid, "héllo");
        assert_eq!(format!("{valid:?}"), "\"héllo\"");
    }

    #[test]
    fn every_byte_string_comes_back() {
        // Edge cases of the trailer (raw bytes ending in the mark, or only the mark), then
        // pseudo-random bytes, a third of them valid.
        let mut cases: Vec<Vec<u8>> = vec![
            vec![],
            vec![0xFF],
            vec![0xFF; 9],
            b"ok\xff".to_vec(),
            "\u{FFFD} is valid".as_bytes().to_vec(),
            vec![0xE2, 0x82],
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let bytes = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    match state % 3 {
                        0 => (state >> 8) as u8,
                        _ => b'a' + (state >> 8) as u8 % 26,
                    }
                })
                .collect();
            cases.push(bytes);
        }
        for raw in cases {
            let s = TlString::from_wire(Bytes::from(raw.clone()));
            let lossy = String::from_utf8_lossy(&raw);
            assert_eq!(s.as_str(), lossy, "{raw:?}");
            assert_eq!(s.wire_bytes(), &raw[..], "{raw:?}");
            let valid = std::str::from_utf8(&raw).is_ok();
            assert_eq!(s.is_valid_utf8(), valid, "{raw:?}");
            assert_eq!(s.invalid_bytes().is_none(), valid, "{raw:?}");
        }
    }

    #[test]
    fn valid_text_is_not_copied() {
        let input = Bytes::from_static("zero copy".as_bytes());
        let s = TlString::from_wire(input.slice(5..));
        assert_eq!(&*s, "copy");
        assert_eq!(s.as_ptr(), input[5..].as_ptr());
    }
}
