//! Key material shared by both ends: secret exponents, the shared key, its fingerprint, and
//! the established call.

use std::fmt;

use num_bigint::BigUint;
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

use super::dh_config::{DhGroup, DhParams};
use super::emoji::{emoji_indices, EMOJI_TABLE};
use super::error::{CallError, RangeBound};
use super::secret::{
    fill_random, modpow_public_result, modpow_secret_result, new_secret, to_fixed_bytes,
    wiping_stack, Secret,
};

/// How many secret exponents are drawn before giving up (about 1 draw in 199 is redrawn).
const MAX_DRAWS: u32 = 64;

/// The fingerprint of a 256-byte key: SHA-1 of the key, digest bytes 12..20 read as a
/// little-endian `i64` (so the TL `long` on the wire is those 8 digest bytes in order).
///
/// ```
/// let key = [0u8; 256];
/// let fp = tl_runtime::calls::key_fingerprint(&key);
/// assert_eq!(fp, tl_runtime::calls::key_fingerprint(&[0u8; 256]));
/// ```
#[must_use]
pub fn key_fingerprint(key: &[u8; 256]) -> i64 {
    wiping_stack(|| {
        let digest = Sha1::digest(key);
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&digest[12..20]);
        i64::from_le_bytes(bytes)
    })
}

/// Which public value a key pair produces, to report range errors on the right one.
#[derive(Clone, Copy)]
pub(crate) enum Side {
    /// The caller: `a`, `g_a`.
    Caller,
    /// The callee: `b`, `g_b`.
    Callee,
}

impl Side {
    /// The range error for this side's public value.
    pub(crate) fn out_of_range(self, bound: RangeBound) -> CallError {
        match self {
            Side::Caller => CallError::GaOutOfRange { bound },
            Side::Callee => CallError::GbOutOfRange { bound },
        }
    }

    /// The other side.
    fn peer(self) -> Side {
        match self {
            Side::Caller => Side::Callee,
            Side::Callee => Side::Caller,
        }
    }
}

/// A secret exponent and its public value `g^secret mod p` (256 bytes).
pub(crate) struct KeyPair {
    secret: Secret,
    pub(crate) public: [u8; 256],
}

impl KeyPair {
    /// Draws `OS random XOR server random` until the public value is in range and at least
    /// `2^2040` (so that its minimal encoding is 256 bytes).
    pub(crate) fn generate(params: &DhParams) -> Result<Self, CallError> {
        wiping_stack(|| {
            let group = &params.group;
            let mut os_random = new_secret();
            for _ in 0..MAX_DRAWS {
                fill_random(&mut os_random[..])?;
                let secret = mix(&os_random, params.mixing_random());
                let public = modpow_public_result(&group.g_big, &secret, &group.monty);
                if public.bits() > 2040 && group.check_range(&public).is_ok() {
                    return Ok(KeyPair {
                        secret,
                        public: to_fixed_bytes(&public),
                    });
                }
            }
            Err(CallError::NoSuitableSecret {
                attempts: MAX_DRAWS,
            })
        })
    }

    /// Uses the given 256 bytes in place of the OS random (the server random is still mixed
    /// in). Only the range check applies: a value below `2^2040` is left-padded.
    pub(crate) fn from_os_random(
        params: &DhParams,
        os_random: &[u8; 256],
        side: Side,
    ) -> Result<Self, CallError> {
        wiping_stack(|| {
            let group = &params.group;
            let secret = mix(os_random, params.mixing_random());
            let public = modpow_public_result(&group.g_big, &secret, &group.monty);
            group
                .check_range(&public)
                .map_err(|bound| side.out_of_range(bound))?;
            Ok(KeyPair {
                secret,
                public: to_fixed_bytes(&public),
            })
        })
    }

    /// Checks the peer's public value and computes the shared key `peer^secret mod p`.
    pub(crate) fn shared_key(
        &self,
        group: &DhGroup,
        peer_public: &[u8],
        side: Side,
    ) -> Result<Secret, CallError> {
        let peer = BigUint::from_bytes_be(peer_public);
        group
            .check_range(&peer)
            .map_err(|bound| side.peer().out_of_range(bound))?;
        Ok(wiping_stack(|| {
            modpow_secret_result(&peer, &self.secret, &group.monty)
        }))
    }
}

/// `os_random XOR server_random` (when the server sent 256 bytes).
fn mix(os_random: &[u8; 256], server: Option<&[u8]>) -> Secret {
    let mut secret = new_secret();
    secret.copy_from_slice(os_random);
    if let Some(server) = server {
        for (s, r) in secret.iter_mut().zip(server) {
            *s ^= r;
        }
    }
    secret
}

/// A call whose key exchange completed on this end: the shared key, its fingerprint and the
/// four emojis to show. The key is wiped from memory on drop.
pub struct EstablishedCall {
    key: Secret,
    fingerprint: i64,
    emoji_indices: [usize; 4],
    outgoing: bool,
}

impl EstablishedCall {
    /// Computes the fingerprint and the emojis from the key and the caller's `g_a` bytes.
    pub(crate) fn new(key: Secret, g_a: &[u8], outgoing: bool) -> Self {
        EstablishedCall {
            fingerprint: key_fingerprint(&key),
            emoji_indices: emoji_indices(&key, g_a),
            key,
            outgoing,
        }
    }

    /// The shared key `g^(ab) mod p`, 256 big-endian bytes, for the call library.
    #[must_use]
    pub fn key(&self) -> &[u8; 256] {
        &self.key
    }

    /// Takes the key out, still wiped on drop (and on the heap, so that moving it copies a
    /// pointer, not the key).
    #[must_use]
    pub fn into_key(self) -> Box<Zeroizing<[u8; 256]>> {
        self.key
    }

    /// The key's fingerprint ([`key_fingerprint`]), equal on both ends.
    #[must_use]
    pub fn key_fingerprint(&self) -> i64 {
        self.fingerprint
    }

    /// Indices of the four emojis in [`EMOJI_TABLE`](super::EMOJI_TABLE).
    #[must_use]
    pub fn emoji_indices(&self) -> [usize; 4] {
        self.emoji_indices
    }

    /// The four emojis both users compare on screen.
    #[must_use]
    pub fn emojis(&self) -> [&'static str; 4] {
        self.emoji_indices.map(|i| EMOJI_TABLE[i])
    }

    /// Whether this end is the caller.
    #[must_use]
    pub fn is_outgoing(&self) -> bool {
        self.outgoing
    }
}

impl fmt::Debug for EstablishedCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EstablishedCall")
            .field("key", &"<secret>")
            .field("key_fingerprint", &self.fingerprint)
            .field("emojis", &self.emojis())
            .field("outgoing", &self.outgoing)
            .finish()
    }
}
