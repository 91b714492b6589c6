//! The callee's side: `phone.acceptCall`, then the final `phoneCall`.

use std::fmt;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::dh_config::{DhGroup, DhParams};
use super::error::CallError;
use super::keys::{key_fingerprint as fingerprint_of, EstablishedCall, KeyPair, Side};
use super::messages::{is_for, CallIds, PhoneCallState};
use super::secret::DH_BYTES;

/// First state of an incoming call: the caller's `g_a_hash` is kept and `b` is drawn.
///
/// Send [`g_b`](Self::g_b) in `phone.acceptCall`, then feed the `g_a_or_b` and
/// `key_fingerprint` of the `phoneCall` update to [`on_call`](Self::on_call).
pub struct CalleeAccept {
    group: Arc<DhGroup>,
    keys: KeyPair,
    g_a_hash: [u8; 32],
    /// The call, as its `phoneCallRequested` named it (`receive_requested`).
    pub(super) call: Option<CallIds>,
}

/// Checks the length of the received `g_a_hash`.
fn parse_hash(g_a_hash: &[u8]) -> Result<[u8; 32], CallError> {
    g_a_hash.try_into().map_err(|_| CallError::HashLength {
        len: g_a_hash.len(),
    })
}

impl CalleeAccept {
    /// Handles `phoneCallRequested`: keeps its `g_a_hash` (must be 32 bytes), draws the
    /// secret `b` (OS random XOR the server's random) and computes `g_b`. Redraws until `g_b`
    /// is in range and 256 bytes long.
    ///
    /// # Errors
    ///
    /// [`CallError::HashLength`], [`CallError::RandomUnavailable`], or
    /// [`CallError::NoSuitableSecret`] with a broken random generator.
    pub fn on_requested(params: &DhParams, g_a_hash: &[u8]) -> Result<Self, CallError> {
        let g_a_hash = parse_hash(g_a_hash)?;
        Ok(CalleeAccept {
            group: Arc::clone(&params.group),
            keys: KeyPair::generate(params)?,
            g_a_hash,
            call: None,
        })
    }

    /// Like [`on_requested`](Self::on_requested) but with `os_random` in place of the OS
    /// generator's output (the server's random is still XORed in). **Only for tests and
    /// known-answer vectors**: a real call must use [`on_requested`](Self::on_requested).
    /// There is no redraw: a `g_b` below `2^2040` is left-padded to 256 bytes. Hidden from the
    /// documentation for that reason.
    ///
    /// # Errors
    ///
    /// [`CallError::HashLength`], [`CallError::GbOutOfRange`].
    #[doc(hidden)]
    pub fn with_secret(
        params: &DhParams,
        g_a_hash: &[u8],
        os_random: &[u8; 256],
    ) -> Result<Self, CallError> {
        let g_a_hash = parse_hash(g_a_hash)?;
        Ok(CalleeAccept {
            group: Arc::clone(&params.group),
            keys: KeyPair::from_os_random(params, os_random, Side::Callee)?,
            g_a_hash,
            call: None,
        })
    }

    /// `g_b`, 256 big-endian bytes, for `phone.acceptCall.g_b`.
    #[must_use]
    pub fn g_b(&self) -> &[u8; 256] {
        &self.keys.public
    }

    /// Handles the final `phoneCall`: `g_a_or_b` is the caller's `g_a`, `key_fingerprint` the
    /// caller's fingerprint of the key.
    ///
    /// Checks, in order: `g_a` is at most 256 bytes; `SHA-256(g_a)` equals the `g_a_hash` of
    /// the request (constant-time, over the bytes exactly as received); `g_a` is in
    /// `2^1984 ..= p - 2^1984`; the fingerprint of `g_a^b mod p` equals `key_fingerprint`.
    ///
    /// # Errors
    ///
    /// [`CallError::GaLength`], [`CallError::HashMismatch`], [`CallError::GaOutOfRange`],
    /// [`CallError::FingerprintMismatch`].
    pub fn on_call(self, g_a: &[u8], key_fingerprint: i64) -> Result<EstablishedCall, CallError> {
        if g_a.len() > DH_BYTES {
            return Err(CallError::GaLength { len: g_a.len() });
        }
        let hash: [u8; 32] = Sha256::digest(g_a).into();
        if !bool::from(hash.ct_eq(&self.g_a_hash)) {
            return Err(CallError::HashMismatch);
        }
        let key = self.keys.shared_key(&self.group, g_a, Side::Callee)?;
        let expected = fingerprint_of(&key);
        if expected != key_fingerprint {
            return Err(CallError::FingerprintMismatch {
                expected,
                received: key_fingerprint,
            });
        }
        Ok(EstablishedCall::new(key, g_a, false))
    }
}

impl fmt::Debug for CalleeAccept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CalleeAccept")
            .field("g", &self.group.g)
            .field("g_a_hash", &self.g_a_hash)
            .field("call", &self.call)
            .finish_non_exhaustive()
    }
}

impl CalleeAccept {
    /// [`on_requested`](Self::on_requested) with a received `phoneCallRequested`.
    ///
    /// # Errors
    ///
    /// [`CallError::UnexpectedPhoneCall`] for any other `PhoneCall` constructor, then those
    /// of [`on_requested`](Self::on_requested).
    pub fn receive_requested<'a>(
        params: &DhParams,
        call: impl Into<PhoneCallState<'a>>,
    ) -> Result<Self, CallError> {
        match call.into() {
            PhoneCallState::Requested { ids, g_a_hash } => {
                let mut state = Self::on_requested(params, g_a_hash)?;
                state.call = Some(ids);
                Ok(state)
            }
            other => Err(other.unexpected("phoneCallRequested")),
        }
    }

    /// Whether `call` is about this state's call (same `id`): how to route updates of
    /// several calls without handing one to the wrong state (which would consume it).
    pub fn is_for<'a>(&self, call: impl Into<PhoneCallState<'a>>) -> bool {
        is_for(self.call.as_ref(), call)
    }

    /// [`on_call`](Self::on_call) with the received `phoneCall`.
    ///
    /// The state is consumed whatever is received: match on [`PhoneCallState`] first to
    /// let a `phoneCallWaiting` pass.
    ///
    /// # Errors
    ///
    /// [`CallError::UnexpectedPhoneCall`] for any other `PhoneCall` constructor;
    /// [`CallError::OtherCall`], [`CallError::CallFieldMismatch`] or
    /// [`CallError::CallNotIdentified`] when it is not this state's call (see [`CallIds`]);
    /// then those of [`on_call`](Self::on_call).
    pub fn receive_call<'a>(
        self,
        call: impl Into<PhoneCallState<'a>>,
    ) -> Result<EstablishedCall, CallError> {
        match call.into() {
            PhoneCallState::Ready {
                ids,
                g_a_or_b,
                key_fingerprint,
            } => {
                CallIds::check(self.call.as_ref(), &ids)?;
                self.on_call(g_a_or_b, key_fingerprint)
            }
            other => Err(other.unexpected("phoneCall")),
        }
    }
}
