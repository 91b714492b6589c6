//! Arbitrary bytes decoded as any boxed type or function of the bundled layer (the first two
//! bytes pick which). Decoding must return `Ok` or `Err`, never panic, overflow the stack or
//! allocate beyond what the input justifies; whatever decodes must encode to
//! `serialized_len` bytes that decode and encode again to the same bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_runtime::wire::{Deserialize, Serialize};

#[allow(clippy::all, dead_code)]
mod bindings {
    tl_runtime::include_bindings!();
}

include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));

fn check<T: Serialize + Deserialize>(data: &[u8]) {
    let Ok(value) = T::from_bytes(data.to_vec()) else {
        return;
    };
    let bytes = value.to_bytes();
    assert_eq!(
        bytes.len(),
        value.serialized_len(),
        "serialized_len is exact"
    );
    let again = T::from_bytes(bytes.clone()).expect("an encoding we wrote decodes");
    assert_eq!(again.to_bytes(), bytes, "decode-encode is stable");
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let index = usize::from(u16::from_le_bytes([data[0], data[1]])) % ITEMS;
    let _name = decode(index, &data[2..]);
});
