//! Validation and caching of the server's DH configuration (`messages.getDhConfig`).

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use num_bigint::BigUint;

use super::error::{CallError, RangeBound};
use super::messages::ServerDhConfig;
use super::prime::{check_safe_prime, mod_small};
use super::secret::{monty_params, Monty, DH_BYTES};

/// Telegram's 2048-bit safe prime as the official clients hard-code it, in hexadecimal.
///
/// It is published by Telegram and used with `g = 3` ([`TELEGRAM_G`]); a configuration with
/// this `p` is accepted without running the primality test.
pub const TELEGRAM_PRIME_HEX: &str = concat!(
    "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa",
    "336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477",
    "fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74",
    "d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15",
    "e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034",
    "b10403119cd8e3b92fcc5b",
);

/// [`TELEGRAM_PRIME_HEX`] as 256 big-endian bytes.
pub const TELEGRAM_PRIME: [u8; 256] = decode_hex(TELEGRAM_PRIME_HEX);

/// The generator the server uses with [`TELEGRAM_PRIME`].
pub const TELEGRAM_G: i32 = 3;

/// Decodes exactly 512 hex digits at compile time (a malformed constant fails the build).
const fn decode_hex(hex: &str) -> [u8; 256] {
    const fn digit(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("invalid hex digit in constant"),
        }
    }
    let h = hex.as_bytes();
    assert!(h.len() == 2 * DH_BYTES, "hex constant must have 512 digits");
    let mut out = [0u8; DH_BYTES];
    let mut i = 0;
    while i < DH_BYTES {
        out[i] = (digit(h[2 * i]) << 4) | digit(h[2 * i + 1]);
        i += 1;
    }
    out
}

/// A validated `(g, p)` pair with the numbers derived from it.
pub(crate) struct DhGroup {
    pub(crate) g: i32,
    pub(crate) g_big: BigUint,
    pub(crate) p: BigUint,
    pub(crate) p_bytes: [u8; 256],
    /// `p`'s Montgomery parameters, for the exponentiations with secret exponents.
    pub(crate) monty: Monty,
    /// `2^1984`.
    min: BigUint,
    /// `p - 2^1984`.
    max: BigUint,
    known_prime: bool,
}

impl DhGroup {
    /// Builds the group from an already checked `g` and 2048-bit `p` (not yet tested for
    /// primality: an even `p` is refused here as composite).
    fn new(g: i32, p_bytes: [u8; 256]) -> Result<Self, CallError> {
        let p = BigUint::from_bytes_be(&p_bytes);
        let min = BigUint::from(1u32) << 1984u32;
        let max = &p - &min;
        Ok(DhGroup {
            g,
            g_big: BigUint::from(g.unsigned_abs()),
            p,
            p_bytes,
            monty: monty_params(&p_bytes).ok_or(CallError::PrimeComposite)?,
            min,
            max,
            known_prime: p_bytes == TELEGRAM_PRIME,
        })
    }

    /// The check `2^1984 <= x <= p - 2^1984` on a public value.
    pub(crate) fn check_range(&self, x: &BigUint) -> Result<(), RangeBound> {
        if x < &self.min {
            Err(RangeBound::BelowMinimum)
        } else if x > &self.max {
            Err(RangeBound::AboveMaximum)
        } else {
            Ok(())
        }
    }
}

/// Strips leading zero bytes and requires exactly 2048 bits.
fn normalize_prime(p: &[u8]) -> Result<[u8; 256], CallError> {
    let start = p.iter().position(|&b| b != 0).unwrap_or(p.len());
    let digits = &p[start..];
    let bits = match digits.first() {
        None => 0,
        Some(&first) => (digits.len() as u64 - 1) * 8 + u64::from(8 - first.leading_zeros()),
    };
    if bits != 2048 {
        return Err(CallError::PrimeNot2048Bits { bits });
    }
    let mut out = [0u8; DH_BYTES];
    out.copy_from_slice(digits);
    Ok(out)
}

/// The checks on `g`: `2..=7` and its residue rule on `p`.
fn check_g(g: i32, p: &[u8; 256]) -> Result<(), CallError> {
    let (modulus, allowed): (u32, &[u32]) = match g {
        2 => (8, &[7]),
        3 => (3, &[2]),
        4 => return Ok(()),
        5 => (5, &[1, 4]),
        6 => (24, &[19, 23]),
        7 => (7, &[3, 5, 6]),
        _ => return Err(CallError::GOutOfRange { g }),
    };
    let residue = mod_small(p, modulus);
    if allowed.contains(&residue) {
        Ok(())
    } else {
        Err(CallError::GResidue {
            g,
            modulus,
            residue,
        })
    }
}

/// Runs the full safe-prime test on `p` (big-endian), without any cache or shortcut.
///
/// Checks that `p` has exactly 2048 bits, that `(p - 1) / 2` passes 64 Miller-Rabin rounds
/// with random bases, and that `p` is then prime by Pocklington's criterion (error
/// probability at most `2^-128`). [`DhConfigCache::validate`] calls this only for a prime it
/// has not verified before and that is not [`TELEGRAM_PRIME`]; call it directly to audit a
/// prime or to measure the test.
///
/// # Errors
///
/// [`CallError::PrimeNot2048Bits`], [`CallError::PrimeComposite`],
/// [`CallError::HalfPrimeComposite`], or [`CallError::RandomUnavailable`].
pub fn verify_safe_prime(p: &[u8]) -> Result<(), CallError> {
    let p = normalize_prime(p)?;
    check_safe_prime(&BigUint::from_bytes_be(&p))
}

/// A validated DH configuration plus the server's `random` of the latest `messages.getDhConfig`.
///
/// Obtained from [`DhConfigCache::validate`] / [`DhParams::from_server`] (for
/// `messages.dhConfig`) or [`DhConfigCache::not_modified`] / [`DhParams::not_modified`] /
/// [`DhParams::refresh_random`] (for `messages.dhConfigNotModified`). Cloning is cheap: the
/// group is shared.
///
/// The server's `random` is mixed (XOR) into the secret exponent when it is 256 bytes long,
/// as the official clients do; otherwise it is kept but not used.
#[derive(Clone)]
pub struct DhParams {
    pub(crate) group: Arc<DhGroup>,
    version: i32,
    random: Arc<[u8]>,
}

impl DhParams {
    /// Validates a `messages.dhConfig` with the process-wide cache [`DhConfigCache::global`].
    ///
    /// `p` is big-endian; `random` is the server's random bytes (request 256).
    ///
    /// # Errors
    ///
    /// See [`DhConfigCache::validate`].
    pub fn from_server(g: i32, p: &[u8], version: i32, random: &[u8]) -> Result<Self, CallError> {
        DhConfigCache::global().validate(g, p, version, random)
    }

    /// Handles a `messages.dhConfigNotModified` with the process-wide cache
    /// [`DhConfigCache::global`]: its latest configuration with the new `random`.
    ///
    /// # Errors
    ///
    /// [`CallError::NotModifiedWithoutConfig`] when nothing was validated before.
    pub fn not_modified(random: &[u8]) -> Result<Self, CallError> {
        DhConfigCache::global().not_modified(random)
    }

    /// The same configuration with a new server `random` (for `messages.dhConfigNotModified`
    /// when you keep the previous [`DhParams`] yourself).
    #[must_use]
    pub fn refresh_random(&self, random: &[u8]) -> Self {
        DhParams {
            group: Arc::clone(&self.group),
            version: self.version,
            random: Arc::from(random),
        }
    }

    /// Telegram's published configuration ([`TELEGRAM_G`], [`TELEGRAM_PRIME`]) with version 0
    /// and the given `random`, without asking the server.
    ///
    /// Meant for tests and benchmarks: a client should use what `messages.getDhConfig`
    /// returns, which also brings the server's random.
    #[must_use]
    pub fn telegram(random: &[u8]) -> Self {
        DhParams {
            group: Arc::new(
                DhGroup::new(TELEGRAM_G, TELEGRAM_PRIME).expect("Telegram's prime is odd"),
            ),
            version: 0,
            random: Arc::from(random),
        }
    }

    /// The generator `g`.
    #[must_use]
    pub fn g(&self) -> i32 {
        self.group.g
    }

    /// The prime `p`, 256 big-endian bytes.
    #[must_use]
    pub fn p(&self) -> &[u8; 256] {
        &self.group.p_bytes
    }

    /// The configuration's version, to pass to the next `messages.getDhConfig`.
    #[must_use]
    pub fn version(&self) -> i32 {
        self.version
    }

    /// The server's random bytes.
    #[must_use]
    pub fn random(&self) -> &[u8] {
        &self.random
    }

    /// Whether `p` is Telegram's published prime (accepted without a primality test).
    #[must_use]
    pub fn is_telegram_prime(&self) -> bool {
        self.group.known_prime
    }

    /// The server random to XOR into a secret exponent: only a 256-byte one is used.
    pub(crate) fn mixing_random(&self) -> Option<&[u8]> {
        (self.random.len() == DH_BYTES).then_some(&self.random[..])
    }
}

impl fmt::Debug for DhParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DhParams")
            .field("g", &self.group.g)
            .field("telegram_prime", &self.group.known_prime)
            .field("version", &self.version)
            .field("random_len", &self.random.len())
            .finish_non_exhaustive()
    }
}

/// How many verified primes a cache remembers (a server sends one; the bound keeps a
/// misbehaving one from growing the cache without limit).
const MAX_VERIFIED: usize = 16;

/// Remembers which primes passed the (slow) safe-prime test and the latest validated
/// configuration.
///
/// Thread-safe; use one per application or the process-wide [`DhConfigCache::global`]. The
/// primality of `p` does not depend on `g`, so the cache keys on `p`; the checks on `g` are a
/// few remainders and run on every [`validate`](DhConfigCache::validate).
pub struct DhConfigCache {
    verified: Mutex<Vec<[u8; 256]>>,
    latest: Mutex<Option<DhParams>>,
}

static GLOBAL: DhConfigCache = DhConfigCache::new();

/// Locks a mutex, recovering the data if another thread panicked while holding it (the data
/// is a plain list, always consistent).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl DhConfigCache {
    /// An empty cache.
    #[must_use]
    pub const fn new() -> Self {
        DhConfigCache {
            verified: Mutex::new(Vec::new()),
            latest: Mutex::new(None),
        }
    }

    /// The process-wide cache used by [`DhParams::from_server`] and [`DhParams::not_modified`].
    #[must_use]
    pub fn global() -> &'static DhConfigCache {
        &GLOBAL
    }

    /// Validates a `messages.dhConfig` (`g`, big-endian `p`, `version`, server `random`) and
    /// remembers it as the latest configuration.
    ///
    /// Checks, in this order: `p` has exactly 2048 bits; `g` is in `2..=7`; `p` satisfies
    /// `g`'s residue rule; `p` and `(p - 1) / 2` are prime (skipped when `p` is
    /// [`TELEGRAM_PRIME`] or was verified by this cache before; see [`verify_safe_prime`]).
    /// Leading zero bytes of `p` are ignored.
    ///
    /// # Errors
    ///
    /// [`CallError::PrimeNot2048Bits`], [`CallError::GOutOfRange`], [`CallError::GResidue`],
    /// [`CallError::PrimeComposite`], [`CallError::HalfPrimeComposite`],
    /// [`CallError::RandomUnavailable`].
    pub fn validate(
        &self,
        g: i32,
        p: &[u8],
        version: i32,
        random: &[u8],
    ) -> Result<DhParams, CallError> {
        let p_bytes = normalize_prime(p)?;
        check_g(g, &p_bytes)?;
        let reuse = lock(&self.latest)
            .as_ref()
            .filter(|l| l.group.g == g && l.group.p_bytes == p_bytes)
            .map(|l| Arc::clone(&l.group));
        let group = match reuse {
            Some(group) => group,
            None => {
                let group = DhGroup::new(g, p_bytes)?;
                if !group.known_prime && !self.is_verified(&p_bytes) {
                    // The lock is not held during the test: two threads may test the same
                    // prime at once, which is only wasted work.
                    check_safe_prime(&group.p)?;
                    let mut verified = lock(&self.verified);
                    if !verified.contains(&p_bytes) {
                        if verified.len() >= MAX_VERIFIED {
                            verified.remove(0);
                        }
                        verified.push(p_bytes);
                    }
                }
                Arc::new(group)
            }
        };
        let params = DhParams {
            group,
            version,
            random: Arc::from(random),
        };
        *lock(&self.latest) = Some(params.clone());
        Ok(params)
    }

    /// Handles a `messages.dhConfigNotModified`: the latest validated configuration with the
    /// new server `random`.
    ///
    /// # Errors
    ///
    /// [`CallError::NotModifiedWithoutConfig`] when nothing was validated before.
    pub fn not_modified(&self, random: &[u8]) -> Result<DhParams, CallError> {
        lock(&self.latest)
            .as_ref()
            .map(|l| l.refresh_random(random))
            .ok_or(CallError::NotModifiedWithoutConfig)
    }

    /// The version to send in `messages.getDhConfig`: the latest validated one, or 0.
    #[must_use]
    pub fn version(&self) -> i32 {
        lock(&self.latest).as_ref().map_or(0, |l| l.version)
    }

    /// The latest validated configuration, if any.
    #[must_use]
    pub fn latest(&self) -> Option<DhParams> {
        lock(&self.latest).clone()
    }

    /// Whether `p` (big-endian, 2048 bits) passed the safe-prime test in this cache.
    /// [`TELEGRAM_PRIME`] is known-good without being in the cache.
    #[must_use]
    pub fn is_verified(&self, p: &[u8]) -> bool {
        match normalize_prime(p) {
            Ok(p) => lock(&self.verified).contains(&p),
            Err(_) => false,
        }
    }

    /// Forgets the verified primes and the latest configuration.
    pub fn clear(&self) {
        lock(&self.verified).clear();
        *lock(&self.latest) = None;
    }
}

impl Default for DhConfigCache {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for DhConfigCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DhConfigCache")
            .field("verified_primes", &lock(&self.verified).len())
            .field("latest", &*lock(&self.latest))
            .finish()
    }
}

impl DhConfigCache {
    /// Handles a received `messages.DhConfig`: [`validate`](Self::validate) for
    /// `messages.dhConfig`, [`not_modified`](Self::not_modified) for
    /// `messages.dhConfigNotModified`.
    ///
    /// # Errors
    ///
    /// Those of [`validate`](Self::validate) and [`not_modified`](Self::not_modified).
    pub fn receive<'a>(
        &self,
        answer: impl Into<ServerDhConfig<'a>>,
    ) -> Result<DhParams, CallError> {
        match answer.into() {
            ServerDhConfig::Config {
                g,
                p,
                version,
                random,
            } => self.validate(g, p, version, random),
            ServerDhConfig::NotModified { random } => self.not_modified(random),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prime_constant() {
        assert_eq!(TELEGRAM_PRIME[0], 0xc7);
        assert_eq!(TELEGRAM_PRIME[255], 0x5b);
        assert_eq!(BigUint::from_bytes_be(&TELEGRAM_PRIME).bits(), 2048);
    }

    #[test]
    fn normalize() {
        let mut padded = vec![0u8, 0];
        padded.extend_from_slice(&TELEGRAM_PRIME);
        assert_eq!(normalize_prime(&padded), Ok(TELEGRAM_PRIME));
        assert_eq!(
            normalize_prime(&[]),
            Err(CallError::PrimeNot2048Bits { bits: 0 })
        );
        assert_eq!(
            normalize_prime(&TELEGRAM_PRIME[1..]),
            Err(CallError::PrimeNot2048Bits { bits: 2037 })
        );
    }
}
