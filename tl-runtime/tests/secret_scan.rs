//! No freed heap block holds a secret of the key exchange: a global allocator looks at every
//! block freed during a whole exchange (both ends, through the established calls and their
//! drop) for any 16-byte window of the exponents `a` and `b` or of the shared key, in the
//! byte order they have as big-endian bytes and the reverse order big-integer digits give
//! them in memory.
//!
//! Its own test binary: the allocator is global to the binary.

#![cfg(feature = "calls")]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

use tl_runtime::calls::{CalleeAccept, CallerRequest, DhParams};

/// Every 16-byte window of the secrets (filled before scanning starts; never freed).
static WINDOWS: OnceLock<HashSet<[u8; 16]>> = OnceLock::new();
static SCANNING: AtomicBool = AtomicBool::new(false);
static SCANNED: AtomicUsize = AtomicUsize::new(0);
static FOUND: AtomicUsize = AtomicUsize::new(0);

struct ScanFreed;

unsafe impl GlobalAlloc for ScanFreed {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if SCANNING.load(Ordering::SeqCst) {
            if let Some(windows) = WINDOWS.get() {
                // SAFETY: the block is still allocated, `layout.size()` bytes long.
                let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
                SCANNED.fetch_add(1, Ordering::SeqCst);
                // Looking up needs no allocation; the set is never changed while scanning.
                let hit = block.windows(16).any(|w| {
                    let w: &[u8; 16] = w.try_into().expect("16 bytes");
                    windows.contains(w)
                });
                if hit {
                    FOUND.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: ScanFreed = ScanFreed;

#[test]
fn no_freed_block_holds_a_secret_during_an_exchange() {
    let common::Vector {
        server_random,
        a_os,
        b_os,
        secrets,
    } = common::Vector::first();
    let windows = common::windows_of(&secrets);
    WINDOWS.set(windows).expect("set once");

    SCANNING.store(true, Ordering::SeqCst);
    let (caller_key, callee_key) = {
        let params = DhParams::telegram(&server_random);
        let caller = CallerRequest::with_secret(&params, &a_os).expect("caller");
        let callee = CalleeAccept::with_secret(&params, &caller.g_a_hash(), &b_os).expect("callee");
        let confirm = caller.on_accepted(callee.g_b()).expect("accepted");
        let g_a = *confirm.g_a();
        let fingerprint = confirm.key_fingerprint();
        let callee_call = callee.on_call(&g_a, fingerprint).expect("call");
        let caller_call = confirm.on_confirmed(fingerprint).expect("confirmed");
        let keys = (
            *caller_call.key() == secrets[2],
            *callee_call.key() == secrets[2],
        );
        let _ = (caller_call.emojis(), callee_call.emojis());
        keys
    };
    SCANNING.store(false, Ordering::SeqCst);

    assert!(
        caller_key && callee_key,
        "both ends computed the vector's key"
    );
    assert!(
        SCANNED.load(Ordering::SeqCst) > 0,
        "the exchange freed heap blocks, and they were scanned"
    );
    assert_eq!(
        FOUND.load(Ordering::SeqCst),
        0,
        "freed blocks holding a window of a, b or the key"
    );
}
