//! OS randomness and the handling of secret numbers.
//!
//! Secrets (`a`, `b`, the shared key) live in [`Zeroizing`] byte arrays, wiped on drop.
//! `num-bigint` does not wipe its own memory, so an exponentiation with a secret works like
//! this: the exponent is turned into a transient [`BigUint`], which is overwritten with zeros
//! (in its own allocation) right after use, and so is the transient result when it is secret.
//! What stays unwiped are the temporaries *inside* `num-bigint`'s `modpow` (Montgomery
//! accumulators and its table of powers of the base): they hold powers of `g` or of the peer's
//! public value, the last of them being the result. That is a limitation of the arithmetic
//! library, which has no zeroizing mode.

use num_bigint::BigUint;
use zeroize::Zeroizing;

use super::error::CallError;

/// Length in bytes of every DH number of the exchange (2048 bits).
pub(crate) const DH_BYTES: usize = 256;

/// Fills `buf` from the operating system's random generator.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), CallError> {
    getrandom::fill(buf).map_err(|e| CallError::RandomUnavailable {
        reason: e.to_string(),
    })
}

/// Overwrites the digits of `x` with zeros inside its current allocation, then sets it to 0.
fn wipe_biguint(x: &mut BigUint) {
    // `assign_from_slice` clears the digit vector and refills it with as many zero u32 halves
    // as it had digits: that fits the existing capacity, so no reallocation leaves the old
    // digits behind, and the zeros overwrite them in place.
    let halves = x.bits().div_ceil(64) as usize * 2;
    let zeros = vec![0u32; halves];
    x.assign_from_slice(&zeros);
    std::hint::black_box(&*x);
}

/// Writes `x < 2^2048` into `out` as 256 big-endian bytes, left-padded with zeros.
fn write_fixed_bytes(x: &BigUint, out: &mut [u8; 256]) {
    out.fill(0);
    let bytes = Zeroizing::new(x.to_bytes_be());
    let len = bytes.len().min(DH_BYTES);
    out[DH_BYTES - len..].copy_from_slice(&bytes[bytes.len() - len..]);
}

/// `x < 2^2048` as 256 big-endian bytes, left-padded with zeros.
pub(crate) fn to_fixed_bytes(x: &BigUint) -> [u8; 256] {
    let mut out = [0u8; DH_BYTES];
    write_fixed_bytes(x, &mut out);
    out
}

/// `base^exponent mod p` where `exponent` is secret; the result is public.
pub(crate) fn modpow_public_result(base: &BigUint, exponent: &[u8; 256], p: &BigUint) -> BigUint {
    let mut e = BigUint::from_bytes_be(exponent);
    let r = base.modpow(&e, p);
    wipe_biguint(&mut e);
    r
}

/// `base^exponent mod p` where both the exponent and the result are secret: the result is
/// returned as 256 wiped-on-drop bytes.
pub(crate) fn modpow_secret_result(
    base: &BigUint,
    exponent: &[u8; 256],
    p: &BigUint,
) -> Zeroizing<[u8; 256]> {
    let mut r = modpow_public_result(base, exponent, p);
    let mut out = Zeroizing::new([0u8; DH_BYTES]);
    write_fixed_bytes(&r, &mut out);
    wipe_biguint(&mut r);
    out
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
    fn wipe_sets_zero() {
        let mut x = BigUint::from_bytes_be(&[0xAB; 256]);
        wipe_biguint(&mut x);
        assert_eq!(x, BigUint::from(0u32));
    }
}
