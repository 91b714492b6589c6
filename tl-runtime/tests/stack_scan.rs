//! No copy of a secret of the key exchange is left on the stack once the exchange is over:
//! after a whole exchange (both ends), the 64 KiB of stack below the test's frame, where every
//! call of the exchange ran, hold no 16-byte window of the exponents `a` and `b` or of the
//! shared key (in big-endian byte order, or reversed as big-integer limbs hold them).
//!
//! Reading the stack below the stack pointer is outside what Rust code may do, so the copy is
//! made with inline assembly, on x86-64 only. A control leaves a copy of the key on the stack
//! on purpose and checks that the scan finds it.

#![cfg(all(feature = "calls", target_arch = "x86_64"))]

mod common;

use std::collections::HashSet;

use tl_runtime::calls::{CalleeAccept, CallerRequest, DhParams, EstablishedCall};

/// How far below the stack pointer the scan reads: twice what the runtime clears.
const DEPTH: usize = 64 * 1024;

/// Copies the `DEPTH` bytes just below the stack pointer into `out` (on the heap).
#[inline(never)]
fn copy_stack_below(out: &mut [u8]) {
    assert_eq!(out.len(), DEPTH);
    // SAFETY: the test thread's stack (2 MiB) is mapped at least `DEPTH` bytes below the
    // current stack pointer; `out` is `DEPTH` writable bytes; the direction flag is clear
    // (as the ABI requires) and `rep movsb` touches nothing else.
    unsafe {
        std::arch::asm!(
            "mov rsi, rsp",
            "sub rsi, {depth}",
            "rep movsb",
            depth = const DEPTH,
            inout("rdi") out.as_mut_ptr() => _,
            inout("rcx") DEPTH => _,
            out("rsi") _,
        );
    }
}

/// Zeroes the stack below the caller, so that the scan only sees what comes after.
#[inline(never)]
fn clear_stack_below() {
    let mut area = [0u8; DEPTH];
    std::hint::black_box(&mut area);
}

/// A whole exchange, both ends, in frames below the caller's.
#[inline(never)]
fn exchange(
    server_random: &[u8; 256],
    a_os: &[u8; 256],
    b_os: &[u8; 256],
) -> (EstablishedCall, EstablishedCall) {
    let params = DhParams::telegram(server_random);
    let caller = CallerRequest::with_secret(&params, a_os).expect("caller");
    let callee = CalleeAccept::with_secret(&params, &caller.g_a_hash(), b_os).expect("callee");
    let confirm = caller.on_accepted(callee.g_b()).expect("accepted");
    let g_a = *confirm.g_a();
    let fingerprint = confirm.key_fingerprint();
    let callee_call = callee.on_call(&g_a, fingerprint).expect("call");
    let caller_call = confirm.on_confirmed(fingerprint).expect("confirmed");
    std::hint::black_box((caller_call.emojis(), callee_call.emojis()));
    (caller_call, callee_call)
}

/// Leaves a copy of `key` in a frame below the caller's (the control).
#[inline(never)]
fn leave_a_copy(key: &[u8; 256]) {
    let copy = *key;
    std::hint::black_box(&copy);
}

fn hits(stack: &[u8], windows: &HashSet<[u8; 16]>) -> usize {
    stack
        .windows(16)
        .filter(|w| windows.contains(<&[u8; 16]>::try_from(*w).expect("16 bytes")))
        .count()
}

#[test]
fn no_secret_is_left_on_the_stack_after_an_exchange() {
    let common::Vector {
        server_random,
        a_os,
        b_os,
        secrets,
    } = common::Vector::first();
    let windows = common::windows_of(&secrets);
    let mut stack = vec![0u8; DEPTH];

    // Building the windows copied the secrets below this frame: clear that first.
    clear_stack_below();
    let (caller_call, callee_call) = exchange(&server_random, &a_os, &b_os);
    copy_stack_below(&mut stack);

    assert!(
        *caller_call.key() == secrets[2] && *callee_call.key() == secrets[2],
        "both ends computed the vector's key"
    );
    assert_eq!(
        hits(&stack, &windows),
        0,
        "windows of a, b or the key left on the stack by the exchange"
    );

    // The control: a copy made on purpose is found.
    clear_stack_below();
    leave_a_copy(&secrets[2]);
    copy_stack_below(&mut stack);
    assert!(hits(&stack, &windows) > 0, "the scan sees the stack");
}
