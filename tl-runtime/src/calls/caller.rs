//! The caller's side: `phone.requestCall`, then `phone.confirmCall`.

use std::fmt;
use std::sync::Arc;

use super::secret::Secret;
use sha2::{Digest, Sha256};

use super::dh_config::{DhGroup, DhParams};
use super::error::CallError;
use super::keys::{key_fingerprint, EstablishedCall, KeyPair, Side};
use super::messages::{is_for, CallIds, PhoneCallState};

/// First state of an outgoing call: `a` is drawn and `g_a` committed to by its hash.
///
/// Send [`g_a_hash`](Self::g_a_hash) in `phone.requestCall`, then feed the `g_b` of
/// `phoneCallAccepted` to [`on_accepted`](Self::on_accepted).
pub struct CallerRequest {
    group: Arc<DhGroup>,
    keys: KeyPair,
    g_a_hash: [u8; 32],
    /// The call, once the server named it (`receive_waiting`).
    pub(super) call: Option<CallIds>,
}

impl CallerRequest {
    /// Draws the secret `a` (OS random XOR the server's random) and computes `g_a` and its
    /// hash. Redraws until `g_a` is in range and 256 bytes long.
    ///
    /// # Errors
    ///
    /// [`CallError::RandomUnavailable`], or [`CallError::NoSuitableSecret`] with a broken
    /// random generator.
    pub fn start(params: &DhParams) -> Result<Self, CallError> {
        Ok(Self::from_keys(params, KeyPair::generate(params)?))
    }

    /// Like [`start`](Self::start) but with `os_random` in place of the OS generator's output
    /// (the server's random is still XORed in). **Only for tests and known-answer vectors**:
    /// a real call must use [`start`](Self::start), which is why this is hidden from the
    /// documentation. There is no redraw: a `g_a` below `2^2040` is left-padded to 256 bytes.
    ///
    /// # Errors
    ///
    /// [`CallError::GaOutOfRange`] when `g_a` fails the range check.
    #[doc(hidden)]
    pub fn with_secret(params: &DhParams, os_random: &[u8; 256]) -> Result<Self, CallError> {
        let keys = KeyPair::from_os_random(params, os_random, Side::Caller)?;
        Ok(Self::from_keys(params, keys))
    }

    fn from_keys(params: &DhParams, keys: KeyPair) -> Self {
        CallerRequest {
            group: Arc::clone(&params.group),
            g_a_hash: Sha256::digest(keys.public).into(),
            keys,
            call: None,
        }
    }

    /// `SHA-256(g_a)`, for `phone.requestCall.g_a_hash`.
    #[must_use]
    pub fn g_a_hash(&self) -> [u8; 32] {
        self.g_a_hash
    }

    /// Handles `phoneCallAccepted`: checks `g_b` and computes the key.
    ///
    /// # Errors
    ///
    /// [`CallError::GbOutOfRange`] when `g_b` is not in `2^1984 ..= p - 2^1984`.
    pub fn on_accepted(self, g_b: &[u8]) -> Result<CallerConfirm, CallError> {
        let key = self.keys.shared_key(&self.group, g_b, Side::Caller)?;
        Ok(CallerConfirm {
            g_a: self.keys.public,
            fingerprint: key_fingerprint(&key),
            key,
            call: self.call,
        })
    }
}

impl fmt::Debug for CallerRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallerRequest")
            .field("g", &self.group.g)
            .field("g_a_hash", &self.g_a_hash)
            .field("call", &self.call)
            .finish_non_exhaustive()
    }
}

/// Second state of an outgoing call: the key is known.
///
/// Send [`g_a`](Self::g_a) and [`key_fingerprint`](Self::key_fingerprint) in
/// `phone.confirmCall`, then feed the `key_fingerprint` of the resulting `phoneCall` to
/// [`on_confirmed`](Self::on_confirmed).
pub struct CallerConfirm {
    g_a: [u8; 256],
    key: Secret,
    fingerprint: i64,
    /// The call, as `CallerRequest` knew it.
    pub(super) call: Option<CallIds>,
}

impl CallerConfirm {
    /// `g_a`, 256 big-endian bytes, for `phone.confirmCall.g_a`.
    #[must_use]
    pub fn g_a(&self) -> &[u8; 256] {
        &self.g_a
    }

    /// The key's fingerprint, for `phone.confirmCall.key_fingerprint`.
    #[must_use]
    pub fn key_fingerprint(&self) -> i64 {
        self.fingerprint
    }

    /// Handles the final `phoneCall`: its `key_fingerprint` must equal ours.
    ///
    /// # Errors
    ///
    /// [`CallError::FingerprintMismatch`].
    pub fn on_confirmed(self, key_fingerprint: i64) -> Result<EstablishedCall, CallError> {
        if key_fingerprint != self.fingerprint {
            return Err(CallError::FingerprintMismatch {
                expected: self.fingerprint,
                received: key_fingerprint,
            });
        }
        Ok(EstablishedCall::new(self.key, &self.g_a, true))
    }
}

impl fmt::Debug for CallerConfirm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallerConfirm")
            .field("key_fingerprint", &self.fingerprint)
            .field("call", &self.call)
            .finish_non_exhaustive()
    }
}

impl CallerRequest {
    /// Takes the `phoneCallWaiting` answering `phone.requestCall`: it names the call, which
    /// every later `PhoneCall` must then be about (see [`CallIds`]). The state is kept
    /// whatever is received.
    ///
    /// # Errors
    ///
    /// [`CallError::UnexpectedPhoneCall`] for any other `PhoneCall` constructor;
    /// [`CallError::OtherCall`] or [`CallError::CallFieldMismatch`] when the state already
    /// knows another call.
    pub fn receive_waiting<'a>(
        &mut self,
        call: impl Into<PhoneCallState<'a>>,
    ) -> Result<(), CallError> {
        match call.into() {
            PhoneCallState::Waiting { ids } => {
                if self.call.is_some() {
                    CallIds::check(self.call.as_ref(), &ids)?;
                }
                self.call = Some(ids);
                Ok(())
            }
            other => Err(other.unexpected("phoneCallWaiting")),
        }
    }

    /// Whether `call` is about this state's call (same `id`; false before
    /// [`receive_waiting`](Self::receive_waiting)).
    pub fn is_for<'a>(&self, call: impl Into<PhoneCallState<'a>>) -> bool {
        is_for(self.call.as_ref(), call)
    }

    /// [`on_accepted`](Self::on_accepted) with the received `phoneCallAccepted`.
    ///
    /// The state is consumed whatever is received: use [`is_for`](Self::is_for) and match
    /// on [`PhoneCallState`] first to let other calls' updates and a `phoneCallWaiting`
    /// pass.
    ///
    /// # Errors
    ///
    /// [`CallError::UnexpectedPhoneCall`] for any other `PhoneCall` constructor;
    /// [`CallError::OtherCall`], [`CallError::CallFieldMismatch`] or
    /// [`CallError::CallNotIdentified`] (no [`receive_waiting`](Self::receive_waiting)
    /// before) when it is not this state's call; then those of
    /// [`on_accepted`](Self::on_accepted).
    pub fn receive_accepted<'a>(
        self,
        call: impl Into<PhoneCallState<'a>>,
    ) -> Result<CallerConfirm, CallError> {
        match call.into() {
            PhoneCallState::Accepted { ids, g_b } => {
                CallIds::check(self.call.as_ref(), &ids)?;
                self.on_accepted(g_b)
            }
            other => Err(other.unexpected("phoneCallAccepted")),
        }
    }
}

impl CallerConfirm {
    /// Whether `call` is about this state's call (same `id`).
    pub fn is_for<'a>(&self, call: impl Into<PhoneCallState<'a>>) -> bool {
        is_for(self.call.as_ref(), call)
    }

    /// [`on_confirmed`](Self::on_confirmed) with the `phoneCall` answering
    /// `phone.confirmCall`.
    ///
    /// # Errors
    ///
    /// [`CallError::UnexpectedPhoneCall`] for any other `PhoneCall` constructor;
    /// [`CallError::OtherCall`], [`CallError::CallFieldMismatch`] or
    /// [`CallError::CallNotIdentified`] when it is not this state's call; then those of
    /// [`on_confirmed`](Self::on_confirmed).
    pub fn receive_confirmed<'a>(
        self,
        call: impl Into<PhoneCallState<'a>>,
    ) -> Result<EstablishedCall, CallError> {
        match call.into() {
            PhoneCallState::Ready {
                ids,
                key_fingerprint,
                ..
            } => {
                CallIds::check(self.call.as_ref(), &ids)?;
                self.on_confirmed(key_fingerprint)
            }
            other => Err(other.unexpected("phoneCall")),
        }
    }
}
