//! The TL binary format.
//!
//! Generated types implement [`Serialize`] and [`Deserialize`]; constructor structs also
//! implement [`Bare`] (their fields without the leading constructor id), which is how a
//! constructor is written when the schema names it as a bare type (`%T`, `vector<future_salt>`).
//!
//! The rules, in short (see the TL "Serialization of binary data" notes):
//! - integers and floats are little-endian, `int128`/`int256` are raw bytes;
//! - `string` and `bytes` carry a 1-byte length (below 254) or `0xFE` plus a 3-byte length,
//!   then the data, then zero padding to a multiple of 4;
//! - a boxed value starts with its constructor id, a bare one does not;
//! - `Vector<T>` is `0x1cb5c415`, a `u32` count and the elements; `vector<T>` drops the id.
//!
//! Serializing writes into any [`bytes::BufMut`]; [`Serialize::serialized_len`] is exact
//! (generated types measure by serializing into a [`LengthCounter`], which keeps nothing), so
//! a buffer can be allocated once. Deserializing reads from a [`Reader`] over
//! [`bytes::Bytes`], and TL `bytes` fields come out as zero-copy slices of the input.

mod error;
mod length;
mod object;
mod primitives;
mod reader;
mod text;

pub use error::{DeserializeError, ExpectedType};
pub use length::LengthCounter;
pub use object::{RawObject, DEFAULT_INFLATE_LIMIT, GZIP_PACKED_ID};
pub use primitives::{bytes_len, write_bytes, BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
pub use reader::{Reader, Reservation, MAX_DEPTH};
pub use text::TlString;

use bytes::{BufMut, Bytes};

/// A value that can be written in the TL binary format.
///
/// For generated constructor structs and functions this is the boxed form (constructor id
/// first); for enums it is the chosen variant's boxed form; primitives are always bare.
pub trait Serialize {
    /// The exact number of bytes [`serialize`](Serialize::serialize) writes.
    ///
    /// By default the value is serialized into a [`LengthCounter`]: one walk over the value
    /// that stores nothing. (A length function per generated type would be thousands more
    /// functions for every user to compile, for a number few callers need.)
    #[inline]
    fn serialized_len(&self) -> usize {
        let mut counter = LengthCounter::new();
        self.serialize(&mut counter);
        counter.len()
    }

    /// Writes the value to `out`.
    fn serialize<B: BufMut>(&self, out: &mut B);

    /// Serializes into a new vector, in one pass.
    ///
    /// The vector grows as it is written: computing [`serialized_len`](Serialize::serialized_len)
    /// first walks the whole value once more, which costs more than the few reallocations
    /// (measured on a 500 KB message history: 70 µs for the length, about 0 for growing). To
    /// reuse one buffer, or allocate exactly once, call [`serialize`](Serialize::serialize)
    /// on a buffer of your own.
    fn to_bytes(&self) -> Vec<u8> {
        // Most requests fit in the first allocation.
        let mut out = Vec::with_capacity(256);
        self.serialize(&mut out);
        out
    }
}

/// A value that can be read from the TL binary format (the form [`Serialize`] writes).
pub trait Deserialize: Sized {
    /// What the schema calls this type: the boxed type of an enum (`phone.PhoneCall`), the
    /// name of a function or of a constructor read on its own, or a primitive's (`int`,
    /// `string`, `Vector`). Errors name it ([`ExpectedType`]). This crate's impls set it,
    /// constructors get their `TL_NAME`; generated enums and functions leave it empty (a
    /// const per type costs their build 13%), as a type of your own may, and errors then
    /// name the Rust type alone (`my_app::tl::enums::InputUser`).
    const TL_TYPE: &'static str = "";

    /// The fewest bytes any encoding of this type takes; used to reject vector counts that
    /// the remaining input cannot possibly hold before anything is allocated.
    const MIN_SIZE: usize = 4;

    /// Reads one value from `reader`.
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError>;

    /// Reads one value that must span all of `bytes`; trailing bytes are an error.
    fn from_bytes(bytes: impl Into<Bytes>) -> Result<Self, DeserializeError> {
        let mut reader = Reader::new(bytes.into());
        let value = Self::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// The bare form of a constructor: its fields without the leading constructor id.
///
/// A type that is [`Bare`] and [`Identifiable`] is [`Serialize`] and [`Deserialize`] through
/// one generic impl: the constructor id, then the bare form.
pub trait Bare: Sized {
    /// The fewest bytes the bare form takes.
    const MIN_BARE_SIZE: usize;

    /// The exact number of bytes [`serialize_bare`](Bare::serialize_bare) writes (by default,
    /// counted by serializing into a [`LengthCounter`]).
    #[inline]
    fn bare_len(&self) -> usize {
        let mut counter = LengthCounter::new();
        self.serialize_bare(&mut counter);
        counter.len()
    }

    /// Writes the fields without the constructor id.
    fn serialize_bare<B: BufMut>(&self, out: &mut B);

    /// Reads the fields of a constructor whose id was already consumed (or is implied).
    fn deserialize_bare(reader: &mut Reader) -> Result<Self, DeserializeError>;
}

/// A constructor or function with a known TL identity.
pub trait Identifiable {
    /// The constructor id, as written on the wire.
    const CONSTRUCTOR_ID: u32;
    /// The TL name, with its namespace (`phone.requestCall`).
    const TL_NAME: &'static str;
}

/// A TL function: a request that the other side answers with a value of type `Return`.
pub trait RemoteCall: Serialize {
    /// What the call returns.
    type Return: Deserialize;
    /// The errors the call is documented to fail with.
    type Error: crate::rpc_error::MethodError;
}

/// A function a bot may call: implemented by every generated function except those the docs
/// mark as callable by users only, so that a bot client can bound its `invoke` on it and a
/// user-only call does not compile there.
pub trait BotMethod: RemoteCall {}

/// A function a user account may call: implemented by every generated function except those
/// the docs mark as callable by bots only.
pub trait UserMethod: RemoteCall {}

/// Writes a vector's header: the `Vector` id when `boxed`, then the element count.
///
/// # Panics
/// If `len` does not fit the TL `u32` count (more than 4 Gi elements cannot be encoded).
#[inline]
pub fn write_vec_header<B: BufMut>(out: &mut B, len: usize, boxed: bool) {
    if boxed {
        out.put_u32_le(VECTOR_ID);
    }
    let len = u32::try_from(len).expect("a TL vector holds at most u32::MAX elements");
    out.put_u32_le(len);
}

/// Writes a vector whose elements are written by `write` (for bare vectors and bare elements).
#[inline]
pub fn write_vec<T, B: BufMut>(
    out: &mut B,
    items: &[T],
    boxed: bool,
    mut write: impl FnMut(&T, &mut B),
) {
    write_vec_header(out, items.len(), boxed);
    for item in items {
        write(item, out);
    }
}

/// What [`read_vec`] reserves before reading any element, once the decode's reservation
/// budget is spent.
///
/// A count is only a claim: reserving `count` elements up front lets a few bytes of input
/// ask for far more memory than they hold (a `Vector<Message>` element takes 12 bytes on the
/// wire and ~500 in memory), and nested vectors would multiply that level by level. So the
/// vectors being read at once share a budget of as many bytes as the input has
/// ([`Reader::reserve_for`]); a vector the budget cannot cover reserves at most this much
/// and grows as its elements are actually read.
pub const VEC_PREALLOC_BYTES: usize = 16 * 1024;

/// Reads a vector whose elements are read by `read`, each taking at least `min_size` bytes.
///
/// Memory is bounded by what was read: what vectors reserve ahead of their elements is at
/// most the input's length, plus [`VEC_PREALLOC_BYTES`] per vector open at once (one per
/// level of nesting); beyond that a vector grows (doubling) only as elements arrive. A real
/// vector (a page of messages) is one allocation.
#[inline]
pub fn read_vec<T>(
    reader: &mut Reader,
    boxed: bool,
    min_size: usize,
    mut read: impl FnMut(&mut Reader) -> Result<T, DeserializeError>,
) -> Result<Vec<T>, DeserializeError> {
    if boxed {
        reader.expect_id_as(VECTOR_ID, ExpectedType::vector_of::<T>())?;
    }
    let count = reader.read_vec_count(min_size)?;
    let size = std::mem::size_of::<T>();
    let reservation = reader.reserve_for(count, size);
    let mut items = Vec::with_capacity(reservation.count);
    for _ in 0..count {
        items.push(read(reader)?);
    }
    reader.release(reservation);
    Ok(items)
}

impl<T: Serialize> Serialize for Vec<T> {
    #[inline]
    fn serialize<B: BufMut>(&self, out: &mut B) {
        write_vec(out, self, true, |item, out| item.serialize(out));
    }
}

impl<T: Deserialize> Deserialize for Vec<T> {
    const TL_TYPE: &'static str = "Vector";
    const MIN_SIZE: usize = 8;

    #[inline]
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        read_vec(reader, true, T::MIN_SIZE, T::deserialize)
    }
}

// A constructor's boxed form is its id, then its bare form. One generic implementation for
// every constructor instead of two small impls each in the generated code: those cost
// rustc more to check and compile than their bodies suggest (thousands of them per layer),
// while this one is instantiated only for the constructors a program actually writes.
//
// It rules out `Serialize`/`Deserialize` impls for `Box<T>` (a downstream crate could make
// `Box<Local>` both `Bare` and `Identifiable`), so `Box` has no wire impls at all: method calls
// on a box reach the value inside through auto-deref, and generated code reads boxed fields
// with `Box::new`.
impl<T: Bare + Identifiable> Serialize for T {
    #[inline]
    fn serialized_len(&self) -> usize {
        4 + self.bare_len()
    }

    #[inline]
    fn serialize<B: BufMut>(&self, out: &mut B) {
        out.put_u32_le(T::CONSTRUCTOR_ID);
        self.serialize_bare(out);
    }
}

impl<T: Bare + Identifiable> Deserialize for T {
    const TL_TYPE: &'static str = T::TL_NAME;
    const MIN_SIZE: usize = 4 + T::MIN_BARE_SIZE;

    #[inline]
    fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {
        reader.expect_id::<T>(T::CONSTRUCTOR_ID)?;
        T::deserialize_bare(reader)
    }
}
