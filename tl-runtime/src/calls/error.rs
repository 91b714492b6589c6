//! The error type of the key exchange: one variant per failed check.

use std::fmt;

/// Which end of the allowed interval `2^1984 <= x <= p - 2^1984` a value fell outside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RangeBound {
    /// The value is smaller than `2^1984`.
    BelowMinimum,
    /// The value is larger than `p - 2^1984`.
    AboveMaximum,
}

impl fmt::Display for RangeBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RangeBound::BelowMinimum => "below 2^1984",
            RangeBound::AboveMaximum => "above p - 2^1984",
        })
    }
}

/// A check of the voice-call key exchange that failed.
///
/// Every check of the contract maps to one variant, carrying the offending value where it is
/// small enough to be useful. Any of them means the call must be discarded
/// (`phone.discardCall`): none is retryable with the same inputs, except
/// [`CallError::RandomUnavailable`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallError {
    /// `p` is not exactly 2048 bits long (`bits` is its actual length, leading zero bytes ignored).
    PrimeNot2048Bits {
        /// Length of `p` in bits.
        bits: u64,
    },
    /// `p` is composite.
    PrimeComposite,
    /// `(p - 1) / 2` is composite, so `p` is not a safe prime.
    HalfPrimeComposite,
    /// `g` is not in `2..=7`.
    GOutOfRange {
        /// The generator the server sent.
        g: i32,
    },
    /// `p` does not satisfy the residue rule that makes `g` generate the subgroup of order
    /// `(p - 1) / 2`: `p mod modulus` is `residue`, which that rule does not allow.
    GResidue {
        /// The generator (2, 3, 5, 6 or 7; 4 has no rule).
        g: i32,
        /// The modulus of the rule (8, 3, 5, 24 or 7).
        modulus: u32,
        /// `p mod modulus`.
        residue: u32,
    },
    /// A `g_a` (the caller's public value) is outside `2^1984 ..= p - 2^1984`.
    GaOutOfRange {
        /// Which bound it crossed.
        bound: RangeBound,
    },
    /// A `g_b` (the callee's public value) is outside `2^1984 ..= p - 2^1984`.
    GbOutOfRange {
        /// Which bound it crossed.
        bound: RangeBound,
    },
    /// The `g_a` received in `phoneCall.g_a_or_b` is longer than 256 bytes.
    GaLength {
        /// Its length in bytes.
        len: usize,
    },
    /// The `g_a_hash` received in `phoneCallRequested` is not 32 bytes long.
    HashLength {
        /// Its length in bytes.
        len: usize,
    },
    /// SHA-256 of the `g_a` received in `phoneCall` differs from the `g_a_hash` received
    /// in `phoneCallRequested`.
    HashMismatch,
    /// The `key_fingerprint` received differs from the one computed from the shared key.
    FingerprintMismatch {
        /// The fingerprint computed locally.
        expected: i64,
        /// The fingerprint received from the peer.
        received: i64,
    },
    /// `messages.dhConfigNotModified` arrived but no configuration was validated before.
    NotModifiedWithoutConfig,
    /// A `PhoneCall` constructor other than the one the exchange waits for (a
    /// `phoneCallDiscarded` instead of `phoneCallAccepted`, ...).
    UnexpectedPhoneCall {
        /// The TL name of the constructor waited for.
        expected: &'static str,
        /// The TL name of the constructor received.
        received: &'static str,
    },
    /// A `PhoneCall` of another call than this state's (its `id` differs). Ask the state
    /// with `is_for` first to route updates of several calls without losing a state.
    OtherCall {
        /// The id of this state's call.
        expected: i64,
        /// The id of the call received.
        received: i64,
    },
    /// A `PhoneCall` with this call's `id` whose `access_hash`, `admin_id` or
    /// `participant_id` differs from what the server said before (Telegram Desktop's
    /// `checkCallCommonFields` drops the call on it).
    CallFieldMismatch {
        /// Which field: `access_hash`, `admin_id` or `participant_id`.
        field: &'static str,
    },
    /// The state does not know its call yet, so it cannot tell whether a `PhoneCall` is
    /// about it: the caller must first give the answer to `phone.requestCall` (a
    /// `phoneCallWaiting`) to `CallerRequest::receive_waiting`; a callee made by
    /// `on_requested` rather than `receive_requested` never knows it.
    CallNotIdentified,
    /// The operating system's random generator failed.
    RandomUnavailable {
        /// The generator's description of the failure.
        reason: String,
    },
    /// No secret exponent drawn gave a public value in range (only with a broken generator).
    NoSuitableSecret {
        /// How many exponents were drawn.
        attempts: u32,
    },
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::PrimeNot2048Bits { bits } => {
                write!(f, "DH prime p has {bits} bits instead of 2048")
            }
            CallError::PrimeComposite => f.write_str("DH prime p is composite"),
            CallError::HalfPrimeComposite => {
                f.write_str("(p - 1) / 2 is composite: p is not a safe prime")
            }
            CallError::GOutOfRange { g } => write!(f, "DH generator g = {g} is not in 2..=7"),
            CallError::GResidue {
                g,
                modulus,
                residue,
            } => write!(
                f,
                "DH generator g = {g} is not usable with this p: p mod {modulus} = {residue}"
            ),
            CallError::GaOutOfRange { bound } => write!(f, "g_a is {bound}"),
            CallError::GbOutOfRange { bound } => write!(f, "g_b is {bound}"),
            CallError::GaLength { len } => {
                write!(f, "g_a is {len} bytes long, more than 256")
            }
            CallError::HashLength { len } => {
                write!(f, "g_a_hash is {len} bytes long instead of 32")
            }
            CallError::HashMismatch => f.write_str("SHA-256 of g_a does not match g_a_hash"),
            CallError::FingerprintMismatch { expected, received } => write!(
                f,
                "key fingerprint mismatch: computed {expected}, received {received}"
            ),
            CallError::NotModifiedWithoutConfig => f.write_str(
                "messages.dhConfigNotModified received but no DH configuration is cached",
            ),
            CallError::UnexpectedPhoneCall { expected, received } => {
                write!(f, "received {received} while waiting for {expected}")
            }
            CallError::OtherCall { expected, received } => write!(
                f,
                "received a PhoneCall of call {received} while handling call {expected}"
            ),
            CallError::CallFieldMismatch { field } => write!(
                f,
                "the PhoneCall's {field} differs from the one this call had"
            ),
            CallError::CallNotIdentified => f.write_str(
                "the call's id is not known yet (give phone.requestCall's answer to receive_waiting)",
            ),
            CallError::RandomUnavailable { reason } => {
                write!(f, "the OS random generator failed: {reason}")
            }
            CallError::NoSuitableSecret { attempts } => write!(
                f,
                "no usable secret exponent found in {attempts} draws from the random generator"
            ),
        }
    }
}

impl std::error::Error for CallError {}
