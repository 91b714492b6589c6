//! A voice call's key exchange between two clients in one process, through a simulated
//! server, with every message serialized by the generated bindings and parsed back on the
//! other side.
//!
//! The clients only use the generated glue (the bindings' `calls` module) and
//! [`tl_runtime::calls`]: each step is one expression, as in a real client. The server
//! answers `messages.getDhConfig`, `phone.requestCall`, `phone.acceptCall` and
//! `phone.confirmCall`, and delivers `updatePhoneCall` in `updateShort`. A [`Relay`] sits
//! between the server and the caller: honest, or a man in the middle that puts its own
//! `g_b` in place of the callee's.
//!
//! ```
//! use tl_examples::phone_call::{run_call, Network, Relay};
//!
//! let mut net = Network::new(1);
//! let (alice, bob) = (net.register("alice"), net.register("bob"));
//! let report = run_call(&mut net, &alice, &bob, Relay::Honest).expect("no refusal");
//! let (a, b) = (report.caller.unwrap(), report.callee.unwrap());
//! assert_eq!(a.emojis(), b.emojis());
//! ```

use std::collections::{HashMap, VecDeque};
use std::fmt;

use tl_runtime::bytes::Bytes;
use tl_runtime::calls::{
    CallError, CalleeAccept, CallerRequest, DhConfigCache, DhParams, EstablishedCall,
    PhoneCallState, TELEGRAM_G, TELEGRAM_PRIME,
};
use tl_runtime::rpc_error::{MethodError, RpcError};
use tl_runtime::wire::{Deserialize, DeserializeError, Identifiable, RemoteCall, Serialize};

use crate::tl::{enums, functions, name_for_id, types};

/// The version of the DH configuration the simulated server hands out.
pub const DH_VERSION: i32 = 7;

/// The error type of `phone.requestCall` (its `RemoteCall::Error`), generated from its docs
/// page; [`SimError::RequestCall`] holds it.
pub use crate::tl::errors::phone::RequestCallError;

/// What sits between the server and the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relay {
    /// Forwards every message unchanged.
    Honest,
    /// A man in the middle: answers the caller's `g_a_hash` with its own `g_b`, put in place
    /// of the callee's in `phoneCallAccepted` and in the final `phoneCall`, so that it shares
    /// a key with the caller.
    SwapGb,
}

/// One message as it crossed the simulated network.
#[derive(Debug, Clone)]
pub struct WireMessage {
    /// Who sent it (`alice`, `server`).
    pub from: String,
    /// Who received it.
    pub to: String,
    /// Its bytes, exactly as received (after the relay).
    pub bytes: Bytes,
    /// Whether the relay rewrote it on the way.
    pub rewritten: bool,
}

impl WireMessage {
    /// The TL name of the outer constructor or function (from its id).
    pub fn tl_name(&self) -> &'static str {
        leading_id(&self.bytes).and_then(name_for_id).unwrap_or("?")
    }

    /// The TL name, with the `PhoneCall` state or error inside when there is one:
    /// `updateShort(updatePhoneCall(phoneCallAccepted))`, `rpc_error(403 USER_PRIVACY_RESTRICTED)`.
    pub fn describe(&self) -> String {
        let name = self.tl_name();
        let inner = match leading_id(&self.bytes) {
            Some(types::UpdateShort::CONSTRUCTOR_ID) => {
                enums::Updates::from_bytes(self.bytes.clone())
                    .ok()
                    .and_then(|u| phone_call_update(&u).map(|c| PhoneCallState::from(c).tl_name()))
                    .map(|state| format!("updatePhoneCall({state})"))
            }
            Some(types::phone::PhoneCall::CONSTRUCTOR_ID) => {
                enums::phone::PhoneCall::from_bytes(self.bytes.clone())
                    .ok()
                    .map(|answer| PhoneCallState::from(&answer).tl_name().to_owned())
            }
            Some(types::RpcError::CONSTRUCTOR_ID) => {
                types::RpcError::from_bytes(self.bytes.clone())
                    .ok()
                    .map(|e| format!("{} {}", e.error_code, e.error_message))
            }
            _ => None,
        };
        match inner {
            Some(inner) => format!("{name}({inner})"),
            None => name.to_owned(),
        }
    }
}

impl fmt::Display for WireMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>7} -> {:<7} {} ({} bytes){}",
            self.from,
            self.to,
            self.describe(),
            self.bytes.len(),
            if self.rewritten {
                ", rewritten by the relay"
            } else {
                ""
            }
        )
    }
}

/// The constructor id at the start of a message.
fn leading_id(bytes: &[u8]) -> Option<u32> {
    let id: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
    Some(u32::from_le_bytes(id))
}

/// The `PhoneCall` of an `updateShort(updatePhoneCall)`.
fn phone_call_update(updates: &enums::Updates) -> Option<&enums::PhoneCall> {
    match updates {
        enums::Updates::UpdateShort(short) => match &*short.update {
            enums::Update::PhoneCall(update) => Some(&update.phone_call),
            _ => None,
        },
        _ => None,
    }
}

/// A user of the simulated server, with its own cache of the DH configuration.
#[derive(Debug)]
pub struct Client {
    /// The name shown in the message log.
    pub name: String,
    /// The user id.
    pub user_id: i64,
    access_hash: i64,
    /// The validated DH configuration, kept between calls.
    pub cache: DhConfigCache,
}

impl Client {
    /// How another user refers to this one in `phone.requestCall`.
    pub fn input_user(&self) -> types::InputUser {
        types::InputUser {
            user_id: self.user_id,
            access_hash: self.access_hash,
        }
    }
}

/// SplitMix64: the simulated server's ids, access hashes and `random` bytes. (The secrets of
/// the exchange come from the OS generator inside `tl_runtime`; the server's random is only
/// mixed into them.)
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, n: usize) -> Bytes {
        (0..n)
            .map(|i| (self.next() >> (8 * (i % 8))) as u8)
            .collect::<Vec<u8>>()
            .into()
    }

    /// A positive id (ids and access hashes are never 0).
    fn id(&mut self) -> i64 {
        (self.next() >> 1) as i64 | 1
    }
}

/// A call as the server keeps it.
struct ServerCall {
    access_hash: i64,
    admin_id: i64,
    participant_id: i64,
    date: i32,
    protocol: enums::PhoneCallProtocol,
    g_b: Option<Bytes>,
}

/// The simulated server: answers the four methods and queues the updates it sends.
struct Server {
    rng: SplitMix,
    g: i32,
    p: Bytes,
    users: HashMap<i64, i64>,
    no_calls: Vec<i64>,
    calls: HashMap<i64, ServerCall>,
    updates: HashMap<i64, VecDeque<Bytes>>,
    date: i32,
}

fn rpc_error(code: i32, message: &str) -> Bytes {
    types::RpcError {
        error_code: code,
        error_message: message.into(),
    }
    .to_bytes()
    .into()
}

impl Server {
    /// Handles one request from `user`; the answer is the method's result or an `rpc_error`.
    fn invoke(&mut self, user: i64, request: Bytes) -> Bytes {
        self.date += 1;
        let result = match leading_id(&request) {
            Some(functions::messages::GetDhConfig::CONSTRUCTOR_ID) => {
                functions::messages::GetDhConfig::from_bytes(request).map(|r| self.dh_config(&r))
            }
            Some(functions::phone::RequestCall::CONSTRUCTOR_ID) => {
                functions::phone::RequestCall::from_bytes(request)
                    .map(|r| self.request_call(user, r))
            }
            Some(functions::phone::AcceptCall::CONSTRUCTOR_ID) => {
                functions::phone::AcceptCall::from_bytes(request).map(|r| self.accept_call(user, r))
            }
            Some(functions::phone::ConfirmCall::CONSTRUCTOR_ID) => {
                functions::phone::ConfirmCall::from_bytes(request)
                    .map(|r| self.confirm_call(user, r))
            }
            _ => return rpc_error(400, "INPUT_METHOD_INVALID"),
        };
        result.unwrap_or_else(|_| rpc_error(400, "INPUT_FETCH_FAIL"))
    }

    fn dh_config(&mut self, request: &functions::messages::GetDhConfig) -> Bytes {
        let random = self.rng.bytes(request.random_length.clamp(0, 256) as usize);
        let answer: enums::messages::DhConfig = if request.version == DH_VERSION {
            types::messages::DhConfigNotModified { random }.into()
        } else {
            types::messages::DhConfig {
                g: self.g,
                p: self.p.clone(),
                version: DH_VERSION,
                random,
            }
            .into()
        };
        answer.to_bytes().into()
    }

    fn push_update(&mut self, user: i64, call: enums::PhoneCall) {
        let update = types::UpdateShort {
            update: Box::new(types::UpdatePhoneCall { phone_call: call }.into()),
            date: self.date,
        };
        let bytes = enums::Updates::from(update).to_bytes().into();
        self.updates.entry(user).or_default().push_back(bytes);
    }

    fn answer(call: enums::PhoneCall) -> Bytes {
        let answer = enums::phone::PhoneCall::from(types::phone::PhoneCall {
            phone_call: call,
            users: Vec::new(),
        });
        answer.to_bytes().into()
    }

    fn waiting(&self, id: i64, call: &ServerCall, receive_date: Option<i32>) -> enums::PhoneCall {
        types::PhoneCallWaiting {
            video: false,
            id,
            access_hash: call.access_hash,
            date: call.date,
            admin_id: call.admin_id,
            participant_id: call.participant_id,
            protocol: call.protocol.clone(),
            receive_date,
        }
        .into()
    }

    fn request_call(&mut self, user: i64, request: functions::phone::RequestCall) -> Bytes {
        let callee = match request.user_id {
            enums::InputUser::InputUser(u)
                if self.users.get(&u.user_id) == Some(&u.access_hash) =>
            {
                u.user_id
            }
            _ => return rpc_error(400, "USER_ID_INVALID"),
        };
        if self.no_calls.contains(&callee) {
            return rpc_error(403, "USER_PRIVACY_RESTRICTED");
        }
        let id = self.rng.id();
        let call = ServerCall {
            access_hash: self.rng.id(),
            admin_id: user,
            participant_id: callee,
            date: self.date,
            protocol: request.protocol,
            g_b: None,
        };
        let requested = types::PhoneCallRequested {
            video: request.video,
            id,
            access_hash: call.access_hash,
            date: call.date,
            admin_id: user,
            participant_id: callee,
            g_a_hash: request.g_a_hash,
            protocol: call.protocol.clone(),
        };
        self.push_update(callee, requested.into());
        // The callee's device got it: the caller hears so before the callee accepts.
        let rang = self.waiting(id, &call, Some(self.date));
        self.push_update(user, rang);
        let answer = Self::answer(self.waiting(id, &call, None));
        self.calls.insert(id, call);
        answer
    }

    /// The call `peer` names, if `user` takes part in it.
    fn find(&mut self, user: i64, peer: &enums::InputPhoneCall) -> Option<(i64, &mut ServerCall)> {
        let enums::InputPhoneCall::InputPhoneCall(peer) = peer;
        let call = self.calls.get_mut(&peer.id)?;
        let known = call.access_hash == peer.access_hash
            && (call.admin_id == user || call.participant_id == user);
        known.then_some((peer.id, call))
    }

    fn accept_call(&mut self, user: i64, request: functions::phone::AcceptCall) -> Bytes {
        let Some((id, call)) = self.find(user, &request.peer) else {
            return rpc_error(400, "CALL_PEER_INVALID");
        };
        call.g_b = Some(request.g_b.clone());
        let (caller, access_hash, date) = (call.admin_id, call.access_hash, call.date);
        let accepted = types::PhoneCallAccepted {
            video: false,
            id,
            access_hash,
            date,
            admin_id: caller,
            participant_id: user,
            g_b: request.g_b,
            protocol: request.protocol,
        };
        self.push_update(caller, accepted.into());
        let call = &self.calls[&id];
        Self::answer(self.waiting(id, call, Some(date)))
    }

    fn confirm_call(&mut self, user: i64, request: functions::phone::ConfirmCall) -> Bytes {
        let date = self.date;
        let Some((id, call)) = self.find(user, &request.peer) else {
            return rpc_error(400, "CALL_PEER_INVALID");
        };
        let Some(g_b) = call.g_b.clone() else {
            return rpc_error(400, "CALL_ALREADY_DECLINED");
        };
        let phone_call = |g_a_or_b: Bytes| -> enums::PhoneCall {
            types::PhoneCall {
                p2p_allowed: true,
                video: false,
                conference_supported: false,
                id,
                access_hash: call.access_hash,
                date: call.date,
                admin_id: call.admin_id,
                participant_id: call.participant_id,
                g_a_or_b,
                key_fingerprint: request.key_fingerprint,
                protocol: request.protocol.clone(),
                connections: Vec::new(),
                start_date: date,
                custom_parameters: None,
            }
            .into()
        };
        // The callee gets g_a; the caller, g_b.
        let for_callee = phone_call(request.g_a.clone());
        let for_caller = phone_call(g_b);
        let callee = call.participant_id;
        self.push_update(callee, for_callee);
        Self::answer(for_caller)
    }
}

/// The man in the middle of [`Relay::SwapGb`]: a callee towards the caller.
struct Mallory {
    params: DhParams,
    accept: Option<CalleeAccept>,
    /// Its public value, sent to the caller as if it were the callee's.
    g_b: Option<Bytes>,
    /// The key it ends up sharing with the caller.
    call: Option<Result<EstablishedCall, CallError>>,
}

impl Mallory {
    /// Watches the caller's requests: `g_a_hash` to answer, then `g_a` to compute the key.
    fn watch_request(&mut self, bytes: &Bytes) {
        match leading_id(bytes) {
            Some(functions::phone::RequestCall::CONSTRUCTOR_ID) => {
                if let Ok(request) = functions::phone::RequestCall::from_bytes(bytes.clone()) {
                    self.accept = CalleeAccept::on_requested(&self.params, &request.g_a_hash).ok();
                    self.g_b = self
                        .accept
                        .as_ref()
                        .map(|a| Bytes::copy_from_slice(a.g_b()));
                }
            }
            Some(functions::phone::ConfirmCall::CONSTRUCTOR_ID) => {
                let request = functions::phone::ConfirmCall::from_bytes(bytes.clone());
                if let (Ok(request), Some(accept)) = (request, self.accept.take()) {
                    self.call = Some(accept.on_call(&request.g_a, request.key_fingerprint));
                }
            }
            _ => {}
        }
    }

    /// Rewrites what goes to the caller: its own `g_b` instead of the callee's.
    fn rewrite_update(&self, bytes: Bytes) -> Bytes {
        let Some(g_b) = self.g_b.clone() else {
            return bytes;
        };
        if let Ok(mut updates) = enums::Updates::from_bytes(bytes.clone()) {
            if let enums::Updates::UpdateShort(short) = &mut updates {
                if let enums::Update::PhoneCall(update) = &mut *short.update {
                    if let enums::PhoneCall::Accepted(accepted) = &mut update.phone_call {
                        accepted.g_b = g_b;
                        return updates.to_bytes().into();
                    }
                }
            }
        }
        bytes
    }

    /// Rewrites the answer to `phone.confirmCall` (whose `g_a_or_b` is `g_b` for the caller).
    fn rewrite_answer(&self, bytes: Bytes) -> Bytes {
        let Some(g_b) = self.g_b.clone() else {
            return bytes;
        };
        if let Ok(mut answer) = enums::phone::PhoneCall::from_bytes(bytes.clone()) {
            let enums::phone::PhoneCall::PhoneCall(answer_call) = &mut answer;
            if let enums::PhoneCall::PhoneCall(call) = &mut answer_call.phone_call {
                call.g_a_or_b = g_b;
                return answer.to_bytes().into();
            }
        }
        bytes
    }
}

/// The server, its users' update queues, the relay, and the log of every message.
pub struct Network {
    server: Server,
    mallory: Option<Mallory>,
    caller: Option<i64>,
    log: Vec<WireMessage>,
}

/// What the server answered with instead of the result of a method.
#[derive(Debug)]
pub enum InvokeError<E> {
    /// An `rpc_error`, as the method's error type.
    Rpc(E),
    /// The answer did not parse as the method's return type.
    Wire(DeserializeError),
}

impl Network {
    /// A server handing out Telegram's DH configuration; `seed` drives its ids and random.
    pub fn new(seed: u64) -> Self {
        Self::with_dh_config(seed, TELEGRAM_G, &TELEGRAM_PRIME)
    }

    /// A server handing out `(g, p)` as its DH configuration, whatever they are.
    pub fn with_dh_config(seed: u64, g: i32, p: &[u8]) -> Self {
        Network {
            server: Server {
                rng: SplitMix(seed),
                g,
                p: Bytes::copy_from_slice(p),
                users: HashMap::new(),
                no_calls: Vec::new(),
                calls: HashMap::new(),
                updates: HashMap::new(),
                date: 1_700_000_000,
            },
            mallory: None,
            caller: None,
            log: Vec::new(),
        }
    }

    /// A new user.
    pub fn register(&mut self, name: &str) -> Client {
        let (user_id, access_hash) = (self.server.rng.id(), self.server.rng.id());
        self.server.users.insert(user_id, access_hash);
        Client {
            name: name.to_owned(),
            user_id,
            access_hash,
            cache: DhConfigCache::new(),
        }
    }

    /// From now on the server refuses calls to `user` (`403 USER_PRIVACY_RESTRICTED`).
    pub fn refuse_calls_to(&mut self, user: &Client) {
        self.server.no_calls.push(user.user_id);
    }

    /// Every message so far.
    pub fn log(&self) -> &[WireMessage] {
        &self.log
    }

    fn record(&mut self, from: &str, to: &str, bytes: &Bytes, rewritten: bool) {
        self.log.push(WireMessage {
            from: from.to_owned(),
            to: to.to_owned(),
            bytes: bytes.clone(),
            rewritten,
        });
    }

    fn relayed(&self, user: i64) -> bool {
        self.mallory.is_some() && self.caller == Some(user)
    }

    /// Sends `request` from `client` and parses the answer: the method's return value, or the
    /// `rpc_error` converted into the method's error type.
    pub fn invoke<R>(
        &mut self,
        client: &Client,
        request: &R,
    ) -> Result<R::Return, InvokeError<R::Error>>
    where
        R: RemoteCall,
    {
        let bytes: Bytes = request.to_bytes().into();
        self.record(&client.name, "server", &bytes, false);
        let relayed = self.relayed(client.user_id);
        if let (true, Some(mallory)) = (relayed, &mut self.mallory) {
            mallory.watch_request(&bytes);
        }
        let sent = self.server.invoke(client.user_id, bytes);
        let answer = match (relayed, &self.mallory) {
            (true, Some(mallory)) => mallory.rewrite_answer(sent.clone()),
            _ => sent.clone(),
        };
        self.record("server", &client.name, &answer, answer != sent);
        parse_answer::<R>(answer)
    }

    /// The next `PhoneCall` update for `client`, `None` when there is none.
    fn next_update(&mut self, client: &Client) -> Result<Option<enums::PhoneCall>, SimError> {
        let queue = self.server.updates.entry(client.user_id).or_default();
        let Some(sent) = queue.pop_front() else {
            return Ok(None);
        };
        let bytes = match (self.relayed(client.user_id), &self.mallory) {
            (true, Some(mallory)) => mallory.rewrite_update(sent.clone()),
            _ => sent.clone(),
        };
        self.record("server", &client.name, &bytes, bytes != sent);
        let updates = enums::Updates::from_bytes(bytes).map_err(SimError::Wire)?;
        match phone_call_update(&updates) {
            Some(call) => Ok(Some(call.clone())),
            None => Err(SimError::Unexpected(format!(
                "{}: an update other than updatePhoneCall",
                client.name
            ))),
        }
    }

    /// The next `PhoneCall` update for `client` that moves the exchange on: a
    /// `phoneCallWaiting` (the callee's device rang) is passed over.
    fn next_step(&mut self, client: &Client) -> Result<enums::PhoneCall, SimError> {
        loop {
            match self.next_update(client)? {
                Some(call)
                    if matches!(PhoneCallState::from(&call), PhoneCallState::Waiting { .. }) =>
                {
                    continue
                }
                Some(call) => return Ok(call),
                None => {
                    return Err(SimError::Unexpected(format!(
                        "{}: no update where one was due",
                        client.name
                    )))
                }
            }
        }
    }
}

/// Parses the answer to `R`: its return value, or an `rpc_error` as `R::Error`.
fn parse_answer<R: RemoteCall>(answer: Bytes) -> Result<R::Return, InvokeError<R::Error>> {
    if leading_id(&answer) == Some(types::RpcError::CONSTRUCTOR_ID) {
        let error = types::RpcError::from_bytes(answer).map_err(InvokeError::Wire)?;
        let error = RpcError::from_tl_body(error.error_code, error.error_message);
        return Err(InvokeError::Rpc(R::Error::from(error)));
    }
    R::Return::from_bytes(answer).map_err(InvokeError::Wire)
}

/// Why a simulated call stopped before its last step.
#[derive(Debug)]
pub enum SimError {
    /// The server refused `phone.requestCall`, with the method's typed error (the field is
    /// filled from `<functions::phone::RequestCall as RemoteCall>::Error`, so this only
    /// compiles while that is `RequestCallError`).
    RequestCall(RequestCallError),
    /// The server refused another request.
    Rpc(RpcError),
    /// A step of the key exchange failed on one side.
    Call {
        /// Who failed.
        side: String,
        /// The check that failed.
        error: CallError,
    },
    /// A message did not parse.
    Wire(DeserializeError),
    /// A message other than the one the flow expects.
    Unexpected(String),
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::RequestCall(e) => write!(f, "phone.requestCall refused: {e}"),
            SimError::Rpc(e) => write!(f, "request refused: {e}"),
            SimError::Call { side, error } => write!(f, "{side}: {error}"),
            SimError::Wire(e) => write!(f, "unparsable message: {e}"),
            SimError::Unexpected(what) => f.write_str(what),
        }
    }
}

impl std::error::Error for SimError {}

impl<E: MethodError> From<InvokeError<E>> for SimError {
    fn from(e: InvokeError<E>) -> Self {
        match e {
            InvokeError::Rpc(e) => SimError::Rpc(e.to_rpc_error()),
            InvokeError::Wire(e) => SimError::Wire(e),
        }
    }
}

fn failed(side: &Client) -> impl FnOnce(CallError) -> SimError + '_ {
    move |error| SimError::Call {
        side: side.name.clone(),
        error,
    }
}

/// How a call's key exchange ended on each side.
#[derive(Debug)]
pub struct CallReport {
    /// The `g_a_hash` as the callee received it.
    pub g_a_hash: Bytes,
    /// The `g_a` as the callee received it (in the final `phoneCall`).
    pub g_a: Bytes,
    /// The caller's end.
    pub caller: Result<EstablishedCall, CallError>,
    /// The callee's end.
    pub callee: Result<EstablishedCall, CallError>,
    /// With [`Relay::SwapGb`], the call the relay completed with the caller.
    pub relay: Option<Result<EstablishedCall, CallError>>,
}

/// Fetches and validates the DH configuration for `client` (a `messages.dhConfigNotModified`
/// once its cache holds the server's version).
pub fn fetch_dh_config(net: &mut Network, client: &Client) -> Result<DhParams, SimError> {
    let request = functions::messages::GetDhConfig::from_cache(&client.cache);
    let answer = net.invoke(client, &request)?;
    client.cache.receive(&answer).map_err(failed(client))
}

/// Runs one call from `caller` to `callee` through `net`.
///
/// Errors before the last step (a refused request, a rejected DH configuration, a message
/// out of place) stop the call; the last step's outcome on each side is in the report.
pub fn run_call(
    net: &mut Network,
    caller: &Client,
    callee: &Client,
    relay: Relay,
) -> Result<CallReport, SimError> {
    net.caller = Some(caller.user_id);
    net.mallory = None;
    if relay == Relay::SwapGb {
        let mallory = net.register("mallory");
        let params = fetch_dh_config(net, &mallory)?;
        net.mallory = Some(Mallory {
            params,
            accept: None,
            g_b: None,
            call: None,
        });
    }

    // Caller: configuration, then phone.requestCall; the answer is phoneCallWaiting, which
    // names the call: later updates must be about it.
    let params = fetch_dh_config(net, caller)?;
    let mut request = CallerRequest::start(&params).map_err(failed(caller))?;
    let random_id = net.server.rng.next() as i32;
    let call =
        functions::phone::RequestCall::from_caller(&request, callee.input_user(), random_id, false);
    let answer = net.invoke(caller, &call).map_err(|e| match e {
        InvokeError::Rpc(e) => SimError::RequestCall(e),
        InvokeError::Wire(e) => SimError::Wire(e),
    })?;
    request.receive_waiting(&answer).map_err(failed(caller))?;

    // Callee: updatePhoneCall(phoneCallRequested), configuration, phone.acceptCall.
    let enums::PhoneCall::Requested(requested) = net.next_step(callee)? else {
        return Err(SimError::Unexpected(
            "callee: not phoneCallRequested".into(),
        ));
    };
    let g_a_hash = requested.g_a_hash.clone();
    let params = fetch_dh_config(net, callee)?;
    let accept = CalleeAccept::receive_requested(&params, &requested).map_err(failed(callee))?;
    let answer = net.invoke(
        callee,
        &functions::phone::AcceptCall::from_callee(&accept, &requested),
    )?;
    if !matches!(
        PhoneCallState::from(&answer),
        PhoneCallState::Waiting { .. }
    ) {
        return Err(SimError::Unexpected(
            "acceptCall: not phoneCallWaiting".into(),
        ));
    }

    // Caller: updatePhoneCall(phoneCallAccepted), phone.confirmCall, its answer phoneCall.
    let enums::PhoneCall::Accepted(accepted) = net.next_step(caller)? else {
        return Err(SimError::Unexpected("caller: not phoneCallAccepted".into()));
    };
    let confirm = request
        .receive_accepted(&accepted)
        .map_err(failed(caller))?;
    let answer = net.invoke(
        caller,
        &functions::phone::ConfirmCall::from_confirm(&confirm, &accepted),
    )?;
    let caller_end = confirm.receive_confirmed(&answer);

    // Callee: updatePhoneCall(phoneCall).
    let last = net.next_step(callee)?;
    let g_a = match &last {
        enums::PhoneCall::PhoneCall(call) => call.g_a_or_b.clone(),
        _ => Bytes::new(),
    };
    let callee_end = accept.receive_call(&last);

    Ok(CallReport {
        g_a_hash,
        g_a,
        caller: caller_end,
        callee: callee_end,
        relay: net.mallory.take().and_then(|m| m.call),
    })
}

/// Lower-case hex, for printing hashes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
