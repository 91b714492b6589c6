//! Writing TDLib's JSON form: [`ToJson`] and the [`JsonWriter`] generated code writes through.

use base64::Engine as _;
use bytes::Bytes;

use crate::wire::TlString;

/// A value with a JSON form in TDLib's JSON interface.
///
/// Generated types write `{"@type":"name",...}` with every field but the null ones; `int64`
/// is a JSON string, `int32`, `int53` and `double` are numbers, `bytes` is padded base64.
pub trait ToJson {
    /// Appends the value's JSON to `out`.
    fn write_json(&self, out: &mut JsonWriter);

    /// Whether the value is a null object, which an object leaves out of its fields.
    #[doc(hidden)]
    #[inline]
    fn is_null(&self) -> bool {
        false
    }

    /// The value's JSON text.
    fn to_json(&self) -> String {
        let mut out = JsonWriter::new();
        self.write_json(&mut out);
        out.into_string()
    }
}

/// A value written through a codec other than its type's own [`ToJson`]: `int53` fields are
/// `i64`s written as numbers (see [`Int53`](super::read::Int53)).
pub trait JsonCodec {
    /// The Rust type written.
    type Value;
    /// Appends `value`'s JSON to `out`.
    fn write(value: &Self::Value, out: &mut JsonWriter);
    /// Reads a value.
    #[doc(hidden)]
    fn read<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self::Value, D::Error>;
}

/// JSON text under construction. Object keys are written as given: generated code gives TL
/// names, which need no escaping.
#[derive(Debug, Default, Clone)]
pub struct JsonWriter {
    out: Vec<u8>,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        // Only `str`s and ASCII are ever appended.
        std::str::from_utf8(&self.out).unwrap_or_default()
    }

    /// The text written.
    pub fn into_string(self) -> String {
        String::from_utf8(self.out).unwrap_or_default()
    }

    /// Starts an object of the TL constructor or function `tl_name`: `{"@type":"tl_name"`.
    #[inline]
    pub fn begin(&mut self, tl_name: &str) {
        self.out.extend_from_slice(b"{\"@type\":\"");
        self.out.extend_from_slice(tl_name.as_bytes());
        self.out.push(b'"');
    }

    /// Writes field `name` of the object begun, unless `value` is a null object.
    #[inline]
    pub fn field<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) {
        if value.is_null() {
            return;
        }
        self.key(name);
        value.write_json(self);
    }

    /// Writes field `name` through codec `C` (an `int53` field).
    #[inline]
    pub fn field_with<C: JsonCodec>(&mut self, name: &str, value: &C::Value) {
        self.key(name);
        C::write(value, self);
    }

    /// Ends the object begun.
    #[inline]
    pub fn end(&mut self) {
        self.out.push(b'}');
    }

    /// `,"name":`, `name` written as it is.
    pub(crate) fn key(&mut self, name: &str) {
        self.out.extend_from_slice(b",\"");
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// A JSON string, escaped.
    pub(crate) fn string(&mut self, text: &str) {
        // Writing into a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut self.out, text);
    }

    /// Any JSON value, as serde_json writes it.
    pub(crate) fn value(&mut self, value: &serde_json::Value) {
        let _ = serde_json::to_writer(&mut self.out, value);
    }

    /// `[a,b,...]`, each item written by `write`.
    pub(crate) fn list<T>(&mut self, items: &[T], write: impl Fn(&T, &mut JsonWriter)) {
        self.out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            write(item, self);
        }
        self.out.push(b']');
    }

    pub(crate) fn raw(&mut self, text: &[u8]) {
        self.out.extend_from_slice(text);
    }

    /// `value` as a JSON number.
    pub(crate) fn integer(&mut self, value: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// Replaces the closing `}` of the object just written with `,"@extra":extra}` (what a
    /// client adds to match the answer to its request).
    pub(crate) fn append_extra(&mut self, extra: u64) {
        if self.out.last() == Some(&b'}') {
            self.out.pop();
            self.out.extend_from_slice(b",\"@extra\":");
            self.integer(extra);
            self.out.push(b'}');
        }
    }
}

impl ToJson for i32 {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.integer(*self);
    }
}

/// TDLib's `int64`: a JSON string, since JSON numbers lose precision past 2^53.
impl ToJson for i64 {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(b"\"");
        out.integer(*self);
        out.raw(b"\"");
    }
}

impl ToJson for f64 {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        // serde_json writes the shortest form that reads back the same (and null for NaN
        // and the infinities, which JSON has no number for).
        let _ = serde_json::to_writer(&mut out.out, self);
    }
}

impl ToJson for bool {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(if *self { b"true" } else { b"false" });
    }
}

impl ToJson for str {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
}

impl ToJson for TlString {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self.as_str());
    }
}

/// Standard base64 with padding, as TDLib writes and reads `bytes`.
impl ToJson for Bytes {
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(b"\"");
        let start = out.out.len();
        out.out.resize(
            start + base64::encoded_len(self.len(), true).unwrap_or(0),
            0,
        );
        let written = base64::engine::general_purpose::STANDARD
            .encode_slice(self, &mut out.out[start..])
            .unwrap_or(0);
        out.out.truncate(start + written);
        out.raw(b"\"");
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut JsonWriter) {
        out.list(self, T::write_json);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

/// `None` is a null object: left out of an object's fields, `null` in a list.
impl<T: ToJson> ToJson for Option<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(out),
            None => out.raw(b"null"),
        }
    }

    #[inline]
    fn is_null(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }

    #[inline]
    fn is_null(&self) -> bool {
        (**self).is_null()
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }

    #[inline]
    fn is_null(&self) -> bool {
        (**self).is_null()
    }
}
