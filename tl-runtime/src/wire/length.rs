//! Measuring an encoding without storing it.

use std::mem::MaybeUninit;

use bytes::buf::UninitSlice;
use bytes::BufMut;

/// A [`BufMut`] that keeps nothing and counts the bytes written to it.
///
/// [`Serialize::serialized_len`](super::Serialize::serialized_len) serializes into one, so
/// that the length is exact by construction: it is whatever `serialize` writes.
///
/// ```
/// use bytes::BufMut;
/// use tl_runtime::wire::LengthCounter;
///
/// let mut counter = LengthCounter::new();
/// counter.put_u32_le(7);
/// counter.put_slice(&[0; 100]);
/// assert_eq!(counter.len(), 104);
/// ```
#[derive(Debug)]
pub struct LengthCounter {
    len: usize,
    // Where the few writes that go through `chunk_mut` land; never read.
    scratch: [MaybeUninit<u8>; 16],
}

impl LengthCounter {
    /// A counter at 0.
    #[inline]
    pub fn new() -> Self {
        Self {
            len: 0,
            scratch: [MaybeUninit::uninit(); 16],
        }
    }

    /// How many bytes were written.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was written.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Default for LengthCounter {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: `chunk_mut` returns writable memory owned by the counter (the scratch array, which
// is never read), and `advance_mut` only adds to the count, so any `cnt` up to the chunk's
// length is sound.
unsafe impl BufMut for LengthCounter {
    #[inline]
    fn remaining_mut(&self) -> usize {
        usize::MAX - self.len
    }

    #[inline]
    unsafe fn advance_mut(&mut self, cnt: usize) {
        self.len += cnt;
    }

    #[inline]
    fn chunk_mut(&mut self) -> &mut UninitSlice {
        UninitSlice::uninit(&mut self.scratch)
    }

    #[inline]
    fn put_slice(&mut self, src: &[u8]) {
        self.len += src.len();
    }

    #[inline]
    fn put_bytes(&mut self, _val: u8, cnt: usize) {
        self.len += cnt;
    }

    #[inline]
    fn put_u8(&mut self, _n: u8) {
        self.len += 1;
    }

    #[inline]
    fn put_u32_le(&mut self, _n: u32) {
        self.len += 4;
    }

    #[inline]
    fn put_i32_le(&mut self, _n: i32) {
        self.len += 4;
    }

    #[inline]
    fn put_i64_le(&mut self, _n: i64) {
        self.len += 8;
    }

    #[inline]
    fn put_f64_le(&mut self, _n: f64) {
        self.len += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Serialize;

    #[test]
    fn counts_every_kind_of_write() {
        let mut counter = LengthCounter::new();
        counter.put_u8(1);
        counter.put_i64_le(2);
        counter.put_bytes(0, 3);
        // Through `chunk_mut`, as `BufMut::put` does for other buffers.
        counter.put(&b"abcdefghijklmnopqrstuvwxyz"[..]);
        counter.put_u16_le(5);
        assert_eq!(counter.len(), 1 + 8 + 3 + 26 + 2);
    }

    #[test]
    fn agrees_with_the_bytes_written() {
        let value: Vec<Vec<super::super::TlString>> = vec![
            vec!["a".into(), "x".repeat(300).into()],
            vec![],
            vec!["hello".into()],
        ];
        let mut counter = LengthCounter::new();
        value.serialize(&mut counter);
        assert_eq!(counter.len(), value.to_bytes().len());
        assert_eq!(counter.len(), value.serialized_len());
    }
}
