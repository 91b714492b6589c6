//! TL vectors: `Vector<T>` (boxed, with its id) and `vector<T>` (bare), written and read.

use bytes::BufMut;

use super::error::{DeserializeError, ExpectedType};
use super::primitives::VECTOR_ID;
use super::reader::Reader;
use super::traits::{Deserialize, Serialize};

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

/// Reads a vector whose elements are read by `read`, each taking at least `min_size` bytes.
///
/// Memory is bounded by what was read: what vectors reserve ahead of their elements is at
/// most the input's length, plus [`VEC_PREALLOC_BYTES`](super::VEC_PREALLOC_BYTES) per vector open at once (one per
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
