//! Allocations per decode of the `messages.messagesSlice` payload, ours against
//! grammers-tl-types 0.11, counted by a global allocator wrapper:
//!
//! ```text
//! cargo bench -p tl-conformance --bench allocations
//! ```
//!
//! Prints, per library, the allocations (and reallocations) and the bytes requested by one
//! decode, the bytes still held by the decoded value, and the ratios ours / grammers.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use grammers_tl_types::{self as grammers, Deserializable};
use tl_conformance::bindings::enums;
use tl_runtime::wire::Deserialize;

/// Counts every allocation and reallocation and the bytes they ask for, and tracks the bytes
/// currently held.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REQUESTED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Allocations by requested size (the last slot: larger than the others).
const SIZES: usize = 1025;
static BY_SIZE: [AtomicUsize; SIZES] = [const { AtomicUsize::new(0) }; SIZES];

fn record(size: usize) {
    ALLOCS.fetch_add(1, Relaxed);
    REQUESTED.fetch_add(size, Relaxed);
    LIVE.fetch_add(size, Relaxed);
    BY_SIZE[size.min(SIZES - 1)].fetch_add(1, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[derive(Debug, Clone)]
struct Count {
    allocs: usize,
    requested: usize,
    retained: usize,
    /// The most frequent requested sizes, with their counts.
    top_sizes: Vec<(usize, usize)>,
}

/// Counts what `decode` allocates, and what its result still holds once it returns.
fn count<T>(decode: impl FnOnce() -> T) -> Count {
    let sizes_before: Vec<usize> = BY_SIZE.iter().map(|c| c.load(Relaxed)).collect();
    let (a, r, l) = (
        ALLOCS.load(Relaxed),
        REQUESTED.load(Relaxed),
        LIVE.load(Relaxed),
    );
    let value = black_box(decode());
    let (a2, r2, l2) = (
        ALLOCS.load(Relaxed),
        REQUESTED.load(Relaxed),
        LIVE.load(Relaxed),
    );
    let mut top_sizes: Vec<(usize, usize)> = BY_SIZE
        .iter()
        .zip(&sizes_before)
        .enumerate()
        .map(|(size, (now, before))| (size, now.load(Relaxed) - before))
        .filter(|&(_, n)| n > 0)
        .collect();
    top_sizes.sort_by_key(|&(size, n)| (std::cmp::Reverse(n), size));
    top_sizes.truncate(8);
    let out = Count {
        allocs: a2 - a,
        requested: r2 - r,
        retained: l2.wrapping_sub(l),
        top_sizes,
    };
    drop(value);
    out
}

fn main() {
    // `cargo test --benches` runs bench targets too; only counting matters, so run anyway.
    let bytes = common::payload();
    println!("{}", common::describe(&bytes));
    // Warm up once each (lazy statics, the one-time promotion of the input to a shared
    // buffer), then count a steady-state decode.
    let _ = enums::messages::Messages::from_bytes(bytes.clone()).unwrap();
    let _ = grammers::enums::messages::Messages::from_bytes(&bytes[..]).unwrap();
    let ours = count(|| enums::messages::Messages::from_bytes(bytes.clone()).unwrap());
    let theirs = count(|| grammers::enums::messages::Messages::from_bytes(&bytes[..]).unwrap());
    for (name, c) in [("tl-codegen", &ours), ("grammers-tl-types", &theirs)] {
        println!(
            "{name:<18} {:>7} allocations, {:>9} bytes requested, {:>9} bytes held by the value",
            c.allocs, c.requested, c.retained
        );
        let top: Vec<String> = c
            .top_sizes
            .iter()
            .map(|(size, n)| {
                let size = if *size == SIZES - 1 {
                    format!(">{}", SIZES - 2)
                } else {
                    size.to_string()
                };
                format!("{n}x{size}B")
            })
            .collect();
        println!("{:<18} most frequent sizes: {}", "", top.join(", "));
    }
    // What some of our sizes are, to read the list above: the boxed fields of a message, and
    // the elements of its vectors (messages and users are held inline in theirs).
    use std::mem::size_of;
    println!(
        "our sizes: Box<MessageMedia> {} B, Box<MessageReplyHeader> {} B, \
         Box<MessageFwdHeader> {} B; vector elements PhotoSize {} B, MessageEntity {} B, \
         Message {} B, User {} B",
        size_of::<enums::MessageMedia>(),
        size_of::<enums::MessageReplyHeader>(),
        size_of::<enums::MessageFwdHeader>(),
        size_of::<enums::PhotoSize>(),
        size_of::<enums::MessageEntity>(),
        size_of::<enums::Message>(),
        size_of::<enums::User>(),
    );
    println!(
        "ratio ours / grammers: allocations {:.3}, bytes requested {:.3}, bytes held {:.3}",
        ours.allocs as f64 / theirs.allocs as f64,
        ours.requested as f64 / theirs.requested as f64,
        ours.retained as f64 / theirs.retained as f64,
    );
}
