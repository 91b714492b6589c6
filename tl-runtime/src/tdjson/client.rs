//! A typed client over TDLib's JSON library (`libtdjson`), loaded at run time.
//!
//! [`Tdjson`] is the library: [`Tdjson::execute`] answers synchronous requests. [`Client`]
//! holds it and the state of one receive loop: [`Client::send`] sends a request to one of its
//! TDLib client ids and returns the typed answer (matched by `@extra`), keeping the updates
//! that arrive meanwhile for [`Client::receive`]. Close every client (TDLib's `close`, then
//! wait for `authorizationStateClosed`) before the process exits: TDLib's threads still
//! running then may crash it.
//!
//! ```no_run
//! # fn demo<U: tl_runtime::tdjson::FromJson, F: tl_runtime::tdjson::Function>(request: F)
//! # -> Result<(), tl_runtime::tdjson::client::Error> {
//! use std::time::Duration;
//! use tl_runtime::tdjson::client::{Client, Tdjson};
//!
//! let mut client: Client<U> = Client::new(Tdjson::from_env()?);
//! let id = client.create_client_id();
//! let answer = client.send(id, &request, Duration::from_secs(10))?;
//! while let Some(update) = client.receive(Duration::from_secs(1))? {
//!     // update.update: the generated `enums::Update`
//! }
//! # Ok(()) }
//! ```

use std::collections::VecDeque;
use std::ffi::{c_char, c_double, c_int, CStr, CString, OsStr};
use std::fmt;
use std::time::{Duration, Instant};

use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::error::JsonError;
use super::function::Function;
use super::read::{FromJson, Key};
use super::write::JsonWriter;

/// The environment variable [`Tdjson::from_env`] reads the library's path from.
pub const LIBRARY_PATH_VAR: &str = "TDJSON_LIBRARY";

type CreateClientId = unsafe extern "C" fn() -> c_int;
type Send = unsafe extern "C" fn(c_int, *const c_char);
type Receive = unsafe extern "C" fn(c_double) -> *const c_char;
type Execute = unsafe extern "C" fn(*const c_char) -> *const c_char;

/// TDLib's JSON library, loaded. It stays loaded until the process ends (TDLib's threads run
/// its code until then), so copies are cheap and never dangle.
#[derive(Clone, Copy)]
pub struct Tdjson {
    create_client_id: CreateClientId,
    send: Send,
    receive: Receive,
    execute: Execute,
}

impl fmt::Debug for Tdjson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tdjson")
    }
}

impl Tdjson {
    /// Loads `libtdjson` from `path` (a file, or a name the system's loader searches for).
    pub fn load(path: impl AsRef<OsStr>) -> Result<Self, Error> {
        let path = path.as_ref();
        let load_error = |e| Error::Load {
            path: path.to_string_lossy().into_owned(),
            error: e,
        };
        // SAFETY: loading runs the library's initializers; TDLib's are sound to run.
        let library = unsafe { libloading::Library::new(path) }.map_err(load_error)?;
        // SAFETY: the types are those of TDLib's `td_json_client.h`.
        let td = unsafe {
            Tdjson {
                create_client_id: *library
                    .get::<CreateClientId>(b"td_create_client_id\0")
                    .map_err(load_error)?,
                send: *library.get::<Send>(b"td_send\0").map_err(load_error)?,
                receive: *library
                    .get::<Receive>(b"td_receive\0")
                    .map_err(load_error)?,
                execute: *library
                    .get::<Execute>(b"td_execute\0")
                    .map_err(load_error)?,
            }
        };
        // Never unloaded: the function pointers above stay valid.
        std::mem::forget(library);
        Ok(td)
    }

    /// Loads the library named by the environment variable [`LIBRARY_PATH_VAR`]
    /// (`TDJSON_LIBRARY`), or else the system's `libtdjson` by its usual file name.
    pub fn from_env() -> Result<Self, Error> {
        match std::env::var_os(LIBRARY_PATH_VAR) {
            Some(path) => Self::load(path),
            None => Self::load(libloading::library_filename("tdjson")),
        }
    }

    /// Runs a synchronous request (TDLib's `td_execute`) and reads its answer.
    pub fn execute<F: Function>(&self, request: &F) -> Result<F::Return, Error> {
        let json = self
            .execute_json(&request.to_json())?
            .ok_or(Error::NotSynchronous)?;
        let envelope = Envelope::read(&json)?;
        answer::<F::Return>(envelope, json)
    }

    /// Runs a synchronous request given as JSON text; TDLib's answer as text, or `None` when
    /// TDLib gives none (a request that cannot run synchronously).
    pub fn execute_json(&self, request: &str) -> Result<Option<String>, Error> {
        let request = c_string(request)?;
        // SAFETY: a NUL-terminated string; the answer is valid until the next call, and is
        // copied before this returns.
        Ok(unsafe { copy_answer((self.execute)(request.as_ptr())) })
    }

    /// A new TDLib client id (`td_create_client_id`); TDLib starts the client when it
    /// receives the first request for it.
    pub fn create_client_id(&self) -> ClientId {
        // SAFETY: no arguments; any thread.
        ClientId(unsafe { (self.create_client_id)() })
    }

    /// Sends a request given as JSON text to `client` (`td_send`).
    pub fn send_json(&self, client: ClientId, request: &str) -> Result<(), Error> {
        let request = c_string(request)?;
        // SAFETY: a NUL-terminated string that TDLib copies.
        unsafe { (self.send)(client.0, request.as_ptr()) };
        Ok(())
    }

    /// The next answer or update of any client as JSON text (`td_receive`), waiting at most
    /// `timeout` (TDLib may also return `None` sooner). Not to be called from two threads at
    /// once (TDLib's rule).
    pub fn receive_json(&self, timeout: Duration) -> Option<String> {
        // SAFETY: the answer is valid until the next call, and copied before this returns.
        unsafe { copy_answer((self.receive)(timeout.as_secs_f64())) }
    }
}

/// A TDLib client id, from [`Tdjson::create_client_id`] or [`Client::create_client_id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientId(pub i32);

/// An update TDLib sent to one of the clients.
#[derive(Debug, Clone, PartialEq)]
pub struct Update<U> {
    /// The client it is for.
    pub client_id: ClientId,
    /// The update (the generated `enums::Update`).
    pub update: U,
}

/// The receive loop of one process: requests sent with [`send`](Self::send) wait for their
/// answers here, and the updates that come meanwhile wait for [`receive`](Self::receive).
/// `U` is the generated `enums::Update`.
pub struct Client<U> {
    td: Tdjson,
    next_extra: u64,
    updates: VecDeque<Update<U>>,
}

impl<U> fmt::Debug for Client<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("next_extra", &self.next_extra)
            .field("updates_waiting", &self.updates.len())
            .finish()
    }
}

impl<U: FromJson> Client<U> {
    /// A client over `td`. TDLib allows one receive loop per process: make one `Client`.
    pub fn new(td: Tdjson) -> Self {
        Self {
            td,
            next_extra: 1,
            updates: VecDeque::new(),
        }
    }

    /// The library.
    pub fn tdjson(&self) -> &Tdjson {
        &self.td
    }

    /// A new TDLib client id.
    pub fn create_client_id(&self) -> ClientId {
        self.td.create_client_id()
    }

    /// Sends `request` to `client` and waits at most `timeout` for its answer. Updates that
    /// arrive meanwhile are kept for [`receive`](Self::receive); answers to earlier requests
    /// that timed out are dropped.
    pub fn send<F: Function>(
        &mut self,
        client: ClientId,
        request: &F,
        timeout: Duration,
    ) -> Result<F::Return, Error> {
        let extra = self.next_extra;
        self.next_extra += 1;
        let mut out = JsonWriter::new();
        request.write_json(&mut out);
        out.append_extra(extra);
        self.td.send_json(client, out.as_str())?;
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(json) = self.td.receive_json(left) else {
                if left.is_zero() {
                    return Err(Error::Timeout);
                }
                continue;
            };
            let envelope = Envelope::read(&json)?;
            match envelope.extra {
                Some(e) if e == extra => return answer::<F::Return>(envelope, json),
                Some(_) => {}
                None => self.queue(envelope, &json)?,
            }
        }
    }

    /// The next update for any of the clients, waiting at most `timeout`; `None` if none came.
    pub fn receive(&mut self, timeout: Duration) -> Result<Option<Update<U>>, Error> {
        if let Some(update) = self.updates.pop_front() {
            return Ok(Some(update));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            // TDLib may return nothing before the timeout (it does while a client closes).
            let Some(json) = self.td.receive_json(left) else {
                if left.is_zero() {
                    return Ok(None);
                }
                continue;
            };
            let envelope = Envelope::read(&json)?;
            if envelope.extra.is_none() {
                self.queue(envelope, &json)?;
                return Ok(self.updates.pop_front());
            }
            if left.is_zero() {
                return Ok(None);
            }
        }
    }

    fn queue(&mut self, envelope: Envelope, json: &str) -> Result<(), Error> {
        let update = U::from_json(json).map_err(|error| Error::Decode {
            error,
            json: json.to_owned(),
        })?;
        self.updates.push_back(Update {
            client_id: ClientId(envelope.client_id.unwrap_or(0)),
            update,
        });
        Ok(())
    }
}

/// An error object TDLib answered with: `{"@type":"error","code":...,"message":...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TdError {
    /// The code (an HTTP-like status; 406 errors are not to be shown to users).
    pub code: i32,
    /// The message (`PHONE_NUMBER_INVALID`, or text).
    pub message: String,
}

impl fmt::Display for TdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TDLib error {}: {}", self.code, self.message)
    }
}

impl std::error::Error for TdError {}

/// What a request through the client can end in, besides its answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The library could not be loaded (or lacks a function of TDLib's JSON interface).
    Load {
        /// Where it was looked for.
        path: String,
        /// What the system's loader said.
        error: libloading::Error,
    },
    /// TDLib answered with an `error` object.
    Td(TdError),
    /// What TDLib sent does not read as the type expected.
    Decode {
        /// Why.
        error: JsonError,
        /// The text received.
        json: String,
    },
    /// No answer came in the time given.
    Timeout,
    /// TDLib gave no answer to a synchronous request: it cannot run synchronously.
    NotSynchronous,
    /// A request holding a NUL character, which TDLib's C interface cannot take.
    Nul,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load { path, error } => write!(f, "cannot load TDLib from `{path}`: {error}"),
            Error::Td(e) => e.fmt(f),
            Error::Decode { error, json } => {
                let shown: String = json.chars().take(200).collect();
                write!(f, "{error}, in {shown}")
            }
            Error::Timeout => f.write_str("no answer from TDLib in the time given"),
            Error::NotSynchronous => f.write_str("TDLib cannot run the request synchronously"),
            Error::Nul => f.write_str("a request to TDLib cannot hold a NUL character"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Load { error, .. } => Some(error),
            Error::Td(e) => Some(e),
            Error::Decode { error, .. } => Some(error),
            _ => None,
        }
    }
}

fn c_string(text: &str) -> Result<CString, Error> {
    CString::new(text).map_err(|_| Error::Nul)
}

/// # Safety
/// `ptr` is null or a NUL-terminated string valid for this call.
unsafe fn copy_answer(ptr: *const c_char) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: as the caller promises.
    let text = unsafe { CStr::from_ptr(ptr) };
    Some(text.to_string_lossy().into_owned())
}

/// An answer (`json`, whose envelope is read): the typed value, or the typed error when
/// TDLib answered `error`.
fn answer<T: FromJson>(envelope: Envelope, json: String) -> Result<T, Error> {
    if envelope.type_name.as_deref() == Some("error") {
        return Err(Error::Td(TdError {
            code: envelope.code.unwrap_or(0),
            message: envelope.message.unwrap_or_default(),
        }));
    }
    T::from_json(&json).map_err(|error| Error::Decode { error, json })
}

/// What the client reads of every object before its type is known: `@type`, `@extra`,
/// `@client_id`, and an error's `code` and `message`.
#[derive(Default)]
struct Envelope {
    type_name: Option<String>,
    extra: Option<u64>,
    client_id: Option<i32>,
    code: Option<i32>,
    message: Option<String>,
}

impl Envelope {
    fn read(json: &str) -> Result<Self, Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        de.deserialize_map(EnvelopeVisitor)
            .map_err(|e| Error::Decode {
                error: JsonError::from(e),
                json: json.to_owned(),
            })
    }
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TDLib object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut envelope = Envelope::default();
        while let Some(key) = map.next_key::<Key>()? {
            match &*key {
                "@type" => envelope.type_name = Some(map.next_value()?),
                // An `@extra` this client did not send (not a number) is no answer of its.
                "@extra" => envelope.extra = map.next_value::<serde_json::Value>()?.as_u64(),
                "@client_id" => envelope.client_id = Some(map.next_value()?),
                "code" => {
                    envelope.code = map
                        .next_value::<serde_json::Value>()?
                        .as_i64()
                        .and_then(|c| i32::try_from(c).ok())
                }
                "message" => {
                    envelope.message = map
                        .next_value::<serde_json::Value>()?
                        .as_str()
                        .map(str::to_owned)
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(envelope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_reads_extra_client_id_and_errors() {
        let e = Envelope::read(
            r#"{"@type":"error","code":400,"message":"Bad","@extra":7,"@client_id":2}"#,
        )
        .unwrap();
        assert_eq!(e.type_name.as_deref(), Some("error"));
        assert_eq!(
            (e.extra, e.client_id, e.code),
            (Some(7), Some(2), Some(400))
        );
        assert_eq!(e.message.as_deref(), Some("Bad"));
        let e = Envelope::read(r#"{"@type":"ok","@extra":"mine"}"#).unwrap();
        assert_eq!(e.extra, None);
        assert!(Envelope::read("[1]").is_err());
    }

    #[test]
    fn a_missing_library_is_a_load_error() {
        let e = Tdjson::load("/nonexistent/libtdjson.so").unwrap_err();
        assert!(matches!(e, Error::Load { .. }), "{e}");
        assert!(e.to_string().contains("/nonexistent/libtdjson.so"), "{e}");
    }
}
