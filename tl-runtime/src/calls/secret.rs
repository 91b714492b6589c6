//! OS randomness and the handling of secret numbers.
//!
//! Secrets (`a`, `b`, the shared key) live in [`Zeroizing`] byte arrays, wiped on drop.
//! Exponentiation with a secret exponent is crypto-bigint's Montgomery exponentiation on
//! fixed-size 2048-bit integers ([`U2048`]): constant time in the exponent (fixed 4-bit
//! windows, every table entry read for each window, no data-dependent final subtraction) and
//! no heap allocation, so no freed block ever holds a secret. The exponent and the result, as
//! integers, are wiped as soon as they are turned into bytes.
//!
//! The secrets themselves are [`Secret`]s: boxed, so that moving the states that hold them
//! copies a pointer and never the secret, and wiped on drop. What the computations leave on
//! the stack (the exponentiation's window table and accumulators, the hash functions' message
//! schedules) is cleared by [`wiping_stack`], around every public operation that touches a
//! secret; the hash states themselves are wiped on drop (`sha1`/`sha2` with `zeroize`).
//!
//! `num-bigint` is still used for what is public: the checks of `p` and `g`, and the range
//! checks of the public values.

use crypto_bigint::modular::{MontyForm, MontyParams};
use crypto_bigint::{Odd, Word, U2048};
use num_bigint::BigUint;
use zeroize::{Zeroize, Zeroizing};

use super::error::CallError;

/// The Montgomery parameters of a 2048-bit modulus.
pub(crate) type Monty = MontyParams<{ U2048::LIMBS }>;

/// The Montgomery parameters of `p`, or `None` when `p` is even (never for a validated
/// prime).
pub(crate) fn monty_params(p: &[u8; 256]) -> Option<Monty> {
    let odd: Option<Odd<U2048>> = Odd::new(U2048::from_be_slice(p)).into();
    odd.map(MontyParams::new)
}

/// Length in bytes of every DH number of the exchange (2048 bits).
pub(crate) const DH_BYTES: usize = 256;

/// A secret number of the exchange (`a`, `b` or the shared key): 256 big-endian bytes on the
/// heap, wiped on drop.
pub(crate) type Secret = Box<Zeroizing<[u8; DH_BYTES]>>;

/// A zeroed [`Secret`], to be written in place.
pub(crate) fn new_secret() -> Secret {
    Box::new(Zeroizing::new([0; DH_BYTES]))
}

/// How much of the stack below its caller's frame [`wiping_stack`] clears: several times
/// what the deepest operation of the exchange uses (the exponentiation's table of sixteen
/// 256-byte numbers and its accumulators, about 8 KiB); `tests/stack_scan.rs` checks that
/// nothing of a secret is left within twice this depth.
const STACK_WIPE: usize = 32 * 1024;

/// Runs `f` and then clears the stack it ran on, so that no temporary copy of a secret that
/// `f` made outlives it there. `f`'s result is returned as is: it must hold its secrets as
/// [`Secret`]s, which copies of the stack do not reveal.
#[inline(never)]
pub(crate) fn wiping_stack<T>(f: impl FnOnce() -> T) -> T {
    let out = run_below(f);
    clear_stack_below();
    out
}

/// Calls `f` in a frame of its own, below the caller's (never inlined, so that `f`'s locals
/// cannot live in the caller's frame, which `clear_stack_below` does not reach).
#[inline(never)]
fn run_below<T>(f: impl FnOnce() -> T) -> T {
    f()
}

/// Overwrites [`STACK_WIPE`] bytes of the stack below the caller's frame (volatile writes, so
/// they are not elided).
#[inline(never)]
fn clear_stack_below() {
    let mut area = [0u8; STACK_WIPE];
    area.zeroize();
    std::hint::black_box(&mut area);
}

/// Fills `buf` from the operating system's random generator.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), CallError> {
    getrandom::fill(buf).map_err(|e| CallError::RandomUnavailable {
        reason: e.to_string(),
    })
}

/// `x < 2^2048` as 256 big-endian bytes, left-padded with zeros.
pub(crate) fn to_fixed_bytes(x: &BigUint) -> [u8; 256] {
    let mut out = [0u8; DH_BYTES];
    let bytes = Zeroizing::new(x.to_bytes_be());
    let len = bytes.len().min(DH_BYTES);
    out[DH_BYTES - len..].copy_from_slice(&bytes[bytes.len() - len..]);
    out
}

/// `base^exponent mod p` in constant time in `exponent`, where both the exponent and the
/// result are secret (`base < p`: `g`, or a peer's value that passed the range check).
pub(crate) fn modpow_secret_result(base: &BigUint, exponent: &[u8; 256], monty: &Monty) -> Secret {
    let base = U2048::from_be_slice(&to_fixed_bytes(base));
    let mut exponent = U2048::from_be_slice(exponent);
    let mut power = MontyForm::new(&base, *monty).pow(&exponent);
    let mut value = power.retrieve();
    let mut out = new_secret();
    write_be_bytes(&value, &mut out);
    exponent.zeroize();
    power.zeroize();
    value.zeroize();
    out
}

/// Writes `x` into `out` as big-endian bytes, a word at a time: `Uint::to_be_bytes` would
/// return the number as a 256-byte array on the stack first.
fn write_be_bytes(x: &U2048, out: &mut [u8; 256]) {
    const WORD: usize = std::mem::size_of::<Word>();
    for (chunk, word) in out.chunks_exact_mut(WORD).zip(x.as_words().iter().rev()) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

/// [`modpow_secret_result`] where the result is public (`g^a`, `g^b`).
pub(crate) fn modpow_public_result(base: &BigUint, exponent: &[u8; 256], monty: &Monty) -> BigUint {
    BigUint::from_bytes_be(&modpow_secret_result(base, exponent, monty)[..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_bytes_pad_left() {
        let x = BigUint::from(0x0102u32);
        let b = to_fixed_bytes(&x);
        assert_eq!(&b[254..], &[1, 2]);
        assert!(b[..254].iter().all(|&v| v == 0));
    }

    #[test]
    fn constant_time_power_agrees_with_num_bigint() {
        let p_bytes = super::super::TELEGRAM_PRIME;
        let p = BigUint::from_bytes_be(&p_bytes);
        let monty = monty_params(&p_bytes).expect("odd");
        let mut exponent = [0u8; 256];
        for (i, b) in exponent.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(151).wrapping_add(7);
        }
        let e = BigUint::from_bytes_be(&exponent);
        for base in [
            BigUint::from(3u32),
            &p - 12345u32,
            BigUint::from(1u32) << 2000u32,
        ] {
            assert_eq!(
                modpow_public_result(&base, &exponent, &monty),
                base.modpow(&e, &p)
            );
            assert_eq!(
                **modpow_secret_result(&base, &exponent, &monty),
                to_fixed_bytes(&base.modpow(&e, &p))
            );
        }
        assert!(monty_params(&[2u8; 256]).is_none(), "an even modulus");
    }

    #[test]
    fn hash_states_are_wiped_on_drop() {
        // The key is hashed for its fingerprint (SHA-1) and its emojis (SHA-256).
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wiped_on_drop::<sha1::Sha1>();
        wiped_on_drop::<sha2::Sha256>();
    }
}
