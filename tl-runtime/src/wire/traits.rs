//! The traits of the TL binary format: what generated types implement, and the one generic
//! impl that makes every constructor [`Serialize`] and [`Deserialize`] from its bare form.

use bytes::{BufMut, Bytes};

use super::error::{DeserializeError, ExpectedType};
use super::length::LengthCounter;
use super::reader::Reader;
use crate::rpc_error::MethodError;

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
    type Error: MethodError;
}

/// A function a bot may call: implemented by every generated function except those the docs
/// mark as callable by users only, so that a bot client can bound its `invoke` on it and a
/// user-only call does not compile there.
pub trait BotMethod: RemoteCall {}

/// A function a user account may call: implemented by every generated function except those
/// the docs mark as callable by bots only.
pub trait UserMethod: RemoteCall {}

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

// The reader and the error name the type being read by its `Deserialize` impl; these are
// here, with the trait, so that `reader.rs` and `error.rs` do not depend on this file.
impl Reader {
    /// Reads a constructor id and fails unless it is `id`, naming `T` as what was read.
    #[inline]
    pub fn expect_id<T: Deserialize>(&mut self, id: u32) -> Result<(), DeserializeError> {
        self.expect_id_as(id, ExpectedType::of::<T>())
    }

    /// The error for an id, just read by [`read_id`](Self::read_id), that `T` has no
    /// constructor for.
    #[cold]
    pub fn unexpected_id<T: Deserialize>(&self, id: u32) -> DeserializeError {
        self.unexpected_id_as(id, ExpectedType::of::<T>())
    }
}

impl ExpectedType {
    /// The type `T`: [`Deserialize::TL_TYPE`] and [`std::any::type_name`].
    pub fn of<T: Deserialize>() -> Self {
        fn names<T: Deserialize>() -> (&'static str, &'static str) {
            (T::TL_TYPE, std::any::type_name::<T>())
        }
        Self::from_names(names::<T>)
    }
}
