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

mod answer;
mod error;
mod length;
mod object;
mod primitives;
mod reader;
mod text;
mod traits;
mod vector;

pub use answer::{AnswerError, RPC_ERROR_ID};
pub use error::{DeserializeError, ExpectedType};
pub use length::LengthCounter;
pub use object::{RawObject, DEFAULT_INFLATE_LIMIT, GZIP_PACKED_ID};
pub use primitives::{bytes_len, write_bytes, BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
pub use reader::{
    read_nullable, read_nullable_boxed, Reader, Reservation, MAX_DEPTH, NULL_ID, VEC_PREALLOC_BYTES,
};
pub use text::TlString;
pub use traits::{Bare, BotMethod, Deserialize, Identifiable, RemoteCall, Serialize, UserMethod};
pub use vector::{read_vec, write_vec, write_vec_header};
