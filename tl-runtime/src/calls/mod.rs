//! Diffie-Hellman key exchange of end-to-end encrypted voice calls.
//!
//! The flow (`phone.requestCall` / `phone.acceptCall` / `phone.confirmCall`), with the types
//! of this module at each step:
//!
//! 1. Both ends get a validated configuration from `messages.getDhConfig(version, 256)`:
//!    [`DhParams::from_server`] for `messages.dhConfig` (checks `p`, `g`; the slow primality
//!    test is skipped for Telegram's prime and cached for others, see [`DhConfigCache`]),
//!    [`DhParams::not_modified`] or [`DhParams::refresh_random`] for
//!    `messages.dhConfigNotModified`.
//! 2. The caller starts with [`CallerRequest::start`] and sends
//!    [`g_a_hash`](CallerRequest::g_a_hash) in `phone.requestCall`.
//! 3. The callee, on `phoneCallRequested`, calls [`CalleeAccept::on_requested`] and sends
//!    [`g_b`](CalleeAccept::g_b) in `phone.acceptCall`.
//! 4. The caller, on `phoneCallAccepted`, calls [`CallerRequest::on_accepted`] and sends
//!    [`g_a`](CallerConfirm::g_a) and [`key_fingerprint`](CallerConfirm::key_fingerprint) in
//!    `phone.confirmCall`, then checks the answer's fingerprint with
//!    [`CallerConfirm::on_confirmed`].
//! 5. The callee, on `phoneCall`, calls [`CalleeAccept::on_call`].
//!
//! Each step consumes the previous state, so none can be skipped or repeated. Both ends end
//! with an [`EstablishedCall`]: the 256-byte key, its fingerprint and the four emojis the users
//! compare. Every failed check is a [`CallError`]; no input makes these functions panic.
//!
//! # With generated bindings
//!
//! This module cannot name the types `tl-codegen` generates, so the generator emits the glue
//! instead: when the schema has the voice-call items with layer 230's parameters, the
//! generated file gets a `calls` module of implementations (nothing to import; each piece is
//! left out when the items it touches are missing or have other parameters):
//!
//! - **Received values in.** `From<&T>` for the borrowed views [`ServerDhConfig`] (from
//!   `messages.DhConfig` and its constructors) and [`PhoneCallState`] (from `PhoneCall`, its
//!   `phoneCallRequested` / `phoneCallAccepted` / `phoneCall` constructors, `updatePhoneCall`
//!   and the `phone.PhoneCall` answer). [`DhConfigCache::receive`] and the states' `receive_*`
//!   methods take `impl Into` of those views, so a received value goes in as it is; an
//!   unexpected `PhoneCall` constructor is [`CallError::UnexpectedPhoneCall`]. Every view of
//!   an exchange's `PhoneCall` carries the call's [`CallIds`], which the states check.
//! - **Requests out.** `GetDhConfig::from_cache(&cache)`,
//!   `RequestCall::from_caller(&caller, user_id, random_id, video)`,
//!   `AcceptCall::from_callee(&callee, peer)`, `ConfirmCall::from_confirm(&confirm, peer)`,
//!   filling `g_a_hash`, `g_b`, `g_a`, `key_fingerprint` from the state and `protocol` with
//!   [`CallProtocol::official`]; `peer` takes a reference to the received `PhoneCall`
//!   constructor (`From<&types::PhoneCallRequested>` for `enums::InputPhoneCall`, ...).
//! - **Protocol.** `From` between [`CallProtocol`] and the generated `PhoneCallProtocol`.
//!
//! So every step is one expression (`tl` being the module holding the bindings; the
//! `examples` crate's `phone_call` module runs this through serialized messages):
//!
//! ```ignore
//! use tl::{enums, functions};
//! use tl_runtime::calls::{CalleeAccept, CallerRequest, DhConfigCache, PhoneCallState};
//!
//! let cache = DhConfigCache::new();
//! let request = functions::messages::GetDhConfig::from_cache(&cache);
//! let params = cache.receive(&dh_config)?; // dh_config: enums::messages::DhConfig
//!
//! // Caller.
//! let mut caller = CallerRequest::start(&params)?;
//! let request = functions::phone::RequestCall::from_caller(&caller, user, random_id, false);
//! caller.receive_waiting(&answer)?; // its answer, phoneCallWaiting, names the call
//! // ... updatePhoneCall(phoneCallAccepted), `accepted: &types::PhoneCallAccepted`:
//! let confirm = caller.receive_accepted(accepted)?;
//! let request = functions::phone::ConfirmCall::from_confirm(&confirm, accepted);
//! let call = confirm.receive_confirmed(&answer)?; // answer: enums::phone::PhoneCall
//!
//! // Callee, on updatePhoneCall(phoneCallRequested), `requested: &types::PhoneCallRequested`:
//! let callee = CalleeAccept::receive_requested(&params, requested)?;
//! let request = functions::phone::AcceptCall::from_callee(&callee, requested);
//! // ... updatePhoneCall(phoneCall):
//! let call = callee.receive_call(&update.phone_call)?;
//! ```
//!
//! Every `PhoneCall` must be about the state's call: its [`CallIds`] (id, access hash, caller
//! and callee) are those of the `phoneCallWaiting` (caller) or `phoneCallRequested` (callee)
//! that named it, as Telegram Desktop checks them; another call's is
//! [`CallError::OtherCall`], altered ids [`CallError::CallFieldMismatch`]. The `receive_*`
//! methods consume the state whatever arrives: to route updates of several calls, ask
//! `state.is_for(&update.phone_call)` first, and to let a `phoneCallWaiting` pass, match:
//! `match PhoneCallState::from(&update.phone_call) { ... }`.
//! Without generated bindings, build the views by hand or use the byte-level methods above.
//!
//! # Secrets in memory
//!
//! The exponents `a`, `b` and the key are kept in boxed [`zeroize::Zeroizing`] byte arrays:
//! wiped when the state or [`EstablishedCall`] holding them is dropped (a failed step drops
//! them too), and on the heap, so that moving a state copies a pointer, never a secret.
//! Powers with a secret exponent are computed by crypto-bigint's Montgomery exponentiation on
//! fixed-size 2048-bit integers: constant time in the exponent (fixed windows, every entry of
//! the table of powers read at each window, no data-dependent final subtraction), and without
//! the heap. The exponent and the result as integers are wiped right after use; the SHA-1 and
//! SHA-256 states that hash the key (fingerprint, emojis) are wiped on drop. What those
//! computations leave on the stack (crypto-bigint's table and accumulators, the hashes'
//! message schedules) is overwritten with zeros, 32 KiB below the frame of each operation on
//! a secret, before it returns. Two tests check the result over a whole exchange: no block
//! freed on the heap, and nothing in the 64 KiB of stack below the caller afterwards, holds
//! any 16-byte window of `a`, `b` or the key. Public numbers (`p`, `g`, the public values) go
//! through `num-bigint`, for the primality and range checks.

//! # Example
//!
//! ```
//! use tl_runtime::calls::{CalleeAccept, CallerRequest, DhConfigCache, TELEGRAM_G, TELEGRAM_PRIME};
//!
//! # fn main() -> Result<(), tl_runtime::calls::CallError> {
//! // What messages.getDhConfig returned (Telegram's prime is accepted without a primality test).
//! let cache = DhConfigCache::new();
//! let server_random = [7u8; 256];
//! let params = cache.validate(TELEGRAM_G, &TELEGRAM_PRIME, 1, &server_random)?;
//!
//! let caller = CallerRequest::start(&params)?; // phone.requestCall(g_a_hash)
//! let callee = CalleeAccept::on_requested(&params, &caller.g_a_hash())?; // phone.acceptCall(g_b)
//! let caller = caller.on_accepted(callee.g_b())?; // phone.confirmCall(g_a, key_fingerprint)
//! let (g_a, fingerprint) = (*caller.g_a(), caller.key_fingerprint());
//! let callee_call = callee.on_call(&g_a, fingerprint)?; // phoneCall(g_a_or_b, key_fingerprint)
//! let caller_call = caller.on_confirmed(callee_call.key_fingerprint())?;
//!
//! assert_eq!(caller_call.key(), callee_call.key());
//! assert_eq!(caller_call.emojis(), callee_call.emojis());
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod callee;
mod caller;
mod dh_config;
mod emoji;
mod error;
mod keys;
mod messages;
mod prime;
mod protocol;
mod secret;

pub use callee::CalleeAccept;
pub use caller::{CallerConfirm, CallerRequest};
pub use dh_config::{
    verify_safe_prime, DhConfigCache, DhParams, TELEGRAM_G, TELEGRAM_PRIME, TELEGRAM_PRIME_HEX,
};
pub use emoji::{emoji_indices, emojis, EMOJI_COUNT, EMOJI_TABLE};
pub use error::{CallError, RangeBound};
pub use keys::{key_fingerprint, EstablishedCall};
pub use messages::{CallIds, PhoneCallState, ServerDhConfig};
pub use protocol::{
    CallProtocol, OFFICIAL_LIBRARY_VERSIONS, OFFICIAL_MAX_LAYER, OFFICIAL_MIN_LAYER,
};

/// Length in bytes of `p`, `g_a`, `g_b` and the key (2048 bits).
pub const DH_LENGTH: usize = 256;
