//! Safe-prime test for the 2048-bit DH modulus.
//!
//! `p` is accepted when `q = (p - 1) / 2` passes [`MILLER_RABIN_ROUNDS`] Miller-Rabin rounds with
//! bases drawn from the OS generator (error probability at most `4^-64 = 2^-128`, whatever `q`
//! is), and `p` itself passes Pocklington's criterion with base 2:
//! `2^(p-1) = 1 (mod p)` and `gcd(2^2 - 1, p) = 1`. Since `p - 1 = 2q` with `q` prime and
//! `q > sqrt(p)`, that criterion *proves* `p` prime once `q` is, so the overall error
//! probability is that of the test on `q`, at most `2^-128` (the contract asks for `2^-100`).
//! Trial division by the primes below 2000 and the base-2 Fermat test on `p` run first so
//! that most bad moduli are rejected after one exponentiation instead of 64.

use num_bigint::BigUint;

use super::error::CallError;
use super::secret::fill_random;

/// Number of Miller-Rabin rounds with random bases applied to `(p - 1) / 2`.
pub(crate) const MILLER_RABIN_ROUNDS: u32 = 64;

/// Bound of the trial division.
const TRIAL_LIMIT: usize = 2000;
/// Number of primes below [`TRIAL_LIMIT`].
const TRIAL_COUNT: usize = 303;

/// The primes below 2000, computed at compile time with a sieve.
const SMALL_PRIMES: [u16; TRIAL_COUNT] = small_primes();

const fn small_primes() -> [u16; TRIAL_COUNT] {
    let mut composite = [false; TRIAL_LIMIT];
    let mut primes = [0u16; TRIAL_COUNT];
    let mut count = 0;
    let mut i = 2;
    while i < TRIAL_LIMIT {
        if !composite[i] {
            primes[count] = i as u16;
            count += 1;
            let mut j = i * i;
            while j < TRIAL_LIMIT {
                composite[j] = true;
                j += i;
            }
        }
        i += 1;
    }
    // Compile-time check of TRIAL_COUNT (a const-evaluation failure, never a run-time panic).
    assert!(count == TRIAL_COUNT);
    primes
}

/// `value mod m` for a big-endian unsigned number, `m > 0`.
pub(crate) fn mod_small(be_bytes: &[u8], m: u32) -> u32 {
    let m = u64::from(m.max(1));
    let mut r = 0u64;
    for &b in be_bytes {
        r = ((r << 8) | u64::from(b)) % m;
    }
    r as u32
}

/// Whether a number larger than 2000 has a prime factor below 2000.
fn has_small_factor(be_bytes: &[u8]) -> bool {
    SMALL_PRIMES
        .iter()
        .any(|&s| mod_small(be_bytes, u32::from(s)) == 0)
}

/// Checks that `p` (already known to be 2048 bits long) is a safe prime.
pub(crate) fn check_safe_prime(p: &BigUint) -> Result<(), CallError> {
    let one = BigUint::from(1u32);
    let two = BigUint::from(2u32);
    let p_bytes = p.to_bytes_be();
    if !p.bit(0) || has_small_factor(&p_bytes) {
        return Err(CallError::PrimeComposite);
    }
    let q: BigUint = p >> 1u32;
    if has_small_factor(&q.to_bytes_be()) {
        return Err(CallError::HalfPrimeComposite);
    }
    let p_minus_1 = p - &one;
    // Fermat base 2: a failure proves p composite; a pass is half of Pocklington's criterion.
    if two.modpow(&p_minus_1, p) != one {
        return Err(CallError::PrimeComposite);
    }
    if !miller_rabin(&q, MILLER_RABIN_ROUNDS)? {
        return Err(CallError::HalfPrimeComposite);
    }
    // Pocklington: p - 1 = 2q, q prime, q > sqrt(p), 2^(p-1) = 1 (mod p) and
    // gcd(2^((p-1)/q) - 1, p) = gcd(3, p) = 1 (3 does not divide p: trial division above).
    Ok(())
}

/// Miller-Rabin test of an odd `n > 2000` with `rounds` uniformly random bases in `2..=n-2`.
/// `Ok(false)` means `n` is certainly composite.
pub(crate) fn miller_rabin(n: &BigUint, rounds: u32) -> Result<bool, CallError> {
    let one = BigUint::from(1u32);
    let three = BigUint::from(3u32);
    if n <= &three || !n.bit(0) {
        return Ok(n == &BigUint::from(2u32) || n == &three);
    }
    let n_minus_1 = n - &one;
    let s = n_minus_1.trailing_zeros().unwrap_or(0);
    let d: BigUint = &n_minus_1 >> s;
    // Bases are reduced from 64 extra bits, so their distribution is uniform within 2^-64.
    let mut buf = vec![0u8; n_minus_1.to_bytes_be().len() + 8];
    let span = n - &three; // bases are 2 + (r mod (n - 3)), i.e. in 2..=n-2
    'rounds: for _ in 0..rounds {
        fill_random(&mut buf)?;
        let base = BigUint::from_bytes_be(&buf) % &span + 2u32;
        let mut x = base.modpow(&d, n);
        if x == one || x == n_minus_1 {
            continue;
        }
        for _ in 1..s {
            x = &x * &x % n;
            if x == n_minus_1 {
                continue 'rounds;
            }
            if x == one {
                return Ok(false);
            }
        }
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mr(n: u64) -> bool {
        miller_rabin(&BigUint::from(n), 16).expect("OS random")
    }

    #[test]
    fn sieve() {
        assert_eq!(&SMALL_PRIMES[..6], &[2, 3, 5, 7, 11, 13]);
        assert_eq!(SMALL_PRIMES[TRIAL_COUNT - 1], 1999);
    }

    #[test]
    fn mod_small_matches() {
        let x: u64 = 0x0123_4567_89ab_cdef;
        for m in [2u32, 3, 7, 8, 24, 1999, 65521] {
            assert_eq!(u64::from(mod_small(&x.to_be_bytes(), m)), x % u64::from(m));
        }
    }

    #[test]
    fn miller_rabin_small() {
        for p in [5u64, 7, 2003, 104_729, 2_147_483_647, 0xffff_ffff_ffff_ffc5] {
            assert!(mr(p), "{p} is prime");
        }
        // 2047 and 3215031751 are strong pseudoprimes to base 2 (the latter also to 3, 5, 7);
        // 561 and 41041 are Carmichael numbers. Random bases must catch all of them.
        for c in [
            2047u64,
            3_215_031_751,
            561,
            41_041,
            25_326_001,
            2_152_302_898_747,
        ] {
            assert!(!mr(c), "{c} is composite");
        }
    }
}
