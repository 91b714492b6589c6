//! Errors returned by the server for a call (`rpc_error`), and per-method error enums.
//!
//! - [`RpcError`]: the raw error, `rpc_error#2144ca19 error_code:int error_message:string`.
//! - [`match_pattern`]: matches a message such as `FLOOD_WAIT_31` against a documented name
//!   such as `FLOOD_WAIT_X` and yields the number.
//! - [`MethodError`]: implemented by the error enum generated for each method, and by
//!   [`GenericError`], the error type of methods without documented errors.
//! - [`KnownError`] and [`ErrorCatalog`]: the catalog of all documented errors that generated
//!   code emits as a static.
//!
//! # Names and placeholders
//!
//! Documented names may hold a placeholder for a number: `FLOOD_WAIT_X`, `2FA_CONFIRM_WAIT_X`,
//! `INTERDC_X_CALL_ERROR`, `FILE_PART_%d_MISSING`, `All workers are busy. Active_queries = X`.
//! A placeholder is `%d`, or an `X` that is a word of its own (not next to a letter or digit, so
//! the `X` of `MAX_ID_INVALID` is none). It matches a run of ASCII digits. Digits that are part
//! of a name, as in `SHA256_HASH_INVALID` or `PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN`, never are.
//! Exact documented names win over placeholder matches.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

/// An error returned by the server for a call.
///
/// On the wire: `rpc_error#2144ca19 error_code:int error_message:string = RpcError;`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RpcError {
    code: i32,
    message: String,
}

impl RpcError {
    /// The TL constructor id of `rpc_error`.
    pub const CONSTRUCTOR_ID: u32 = 0x2144_ca19;

    /// An error with the given code (`400`, `420`, `-503`) and message (`FLOOD_WAIT_31`).
    pub fn new(code: i32, message: impl Into<String>) -> RpcError {
        RpcError {
            code,
            message: message.into(),
        }
    }

    /// An error from the decoded fields of an `rpc_error` body.
    pub fn from_tl_body(error_code: i32, error_message: impl Into<String>) -> RpcError {
        RpcError::new(error_code, error_message)
    }

    /// The error code: 303 (see other data center), 400 (bad request), 401 (unauthorized),
    /// 403 (forbidden), 404 (not found), 406 (not acceptable), 420 (flood), 500 (internal),
    /// or a negative code for errors of Telegram's back end.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// The message as sent by the server (`FLOOD_WAIT_31`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message with every number that stands as a word of its own replaced by `X`:
    /// `FLOOD_WAIT_31` gives `FLOOD_WAIT_X`, `SHA256_HASH_INVALID` stays as it is.
    ///
    /// This is a guess made without the documentation: to recover documented names exactly
    /// (including ones like `FILE_PART_0_MISSING` if documented so) use
    /// [`ErrorCatalog::lookup`] or a generated per-method error enum.
    pub fn name(&self) -> Cow<'_, str> {
        let runs = number_runs(&self.message);
        if runs.is_empty() {
            return Cow::Borrowed(&self.message);
        }
        let mut out = String::with_capacity(self.message.len());
        let mut last = 0;
        for (start, end) in runs {
            out.push_str(&self.message[last..start]);
            out.push('X');
            last = end;
        }
        out.push_str(&self.message[last..]);
        Cow::Owned(out)
    }

    /// The first number that stands as a word of its own in the message (`31` in
    /// `FLOOD_WAIT_31`), if it fits in a `u64`.
    pub fn value(&self) -> Option<u64> {
        let (start, end) = *number_runs(&self.message).first()?;
        self.message[start..end].parse().ok()
    }

    /// For errors that ask to wait (`FLOOD_WAIT_X`, `FLOOD_PREMIUM_WAIT_X`,
    /// `SLOWMODE_WAIT_X`, `2FA_CONFIRM_WAIT_X`, `TAKEOUT_INIT_DELAY_X`, `..._TOO_FRESH_X`):
    /// the number of seconds.
    pub fn wait_seconds(&self) -> Option<u64> {
        let name = self.name();
        let waits = ["WAIT_X", "DELAY_X", "TOO_FRESH_X"]
            .iter()
            .any(|w| name.ends_with(w));
        if waits {
            self.value()
        } else {
            None
        }
    }

    /// [`RpcError::wait_seconds`] as a [`Duration`].
    pub fn wait_duration(&self) -> Option<Duration> {
        self.wait_seconds().map(Duration::from_secs)
    }

    /// For `303` errors (`PHONE_MIGRATE_X`, `FILE_MIGRATE_X`, `NETWORK_MIGRATE_X`,
    /// `USER_MIGRATE_X`, `STATS_MIGRATE_X`): the data center to repeat the call on.
    pub fn migrate_dc(&self) -> Option<u32> {
        if self.name().ends_with("_MIGRATE_X") {
            self.value().and_then(|v| u32::try_from(v).ok())
        } else {
            None
        }
    }

    /// Whether the message matches the documented `pattern` (see [`match_pattern`]).
    pub fn matches(&self, pattern: &str) -> bool {
        match_pattern(pattern, &self.message).is_some()
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RPC error {} {}", self.code, self.message)
    }
}

impl StdError for RpcError {}

/// Byte ranges of the digit runs in `s` that stand as words of their own.
fn number_runs(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let before_ok = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        let after_ok = i == b.len() || !b[i].is_ascii_alphanumeric();
        if before_ok && after_ok {
            runs.push((start, i));
        }
    }
    runs
}

/// Byte ranges of the placeholders (`%d`, or `X` as a word of its own) in `pattern`.
fn placeholders(pattern: &str) -> Vec<(usize, usize)> {
    let b = pattern.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && b.get(i + 1) == Some(&b'd') {
            out.push((i, i + 2));
            i += 2;
        } else if b[i] == b'X'
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && (i + 1 == b.len() || !b[i + 1].is_ascii_alphanumeric())
        {
            out.push((i, i + 1));
            i += 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a documented error name holds a number placeholder (`FLOOD_WAIT_X`,
/// `INTERDC_X_CALL_ERROR`, `FILE_PART_%d_MISSING`).
pub fn has_placeholder(pattern: &str) -> bool {
    !placeholders(pattern).is_empty()
}

/// Matches an error message against a documented error name.
///
/// - `None`: no match.
/// - `Some(None)`: the message is the name itself.
/// - `Some(Some(n))`: the name has placeholders and the message has numbers in their places;
///   `n` is the first number (`FLOOD_WAIT_X` and `FLOOD_WAIT_31` give `Some(Some(31))`).
///
/// A placeholder matches one or more ASCII digits whose value fits in a `u64`.
pub fn match_pattern(pattern: &str, message: &str) -> Option<Option<u64>> {
    if pattern == message {
        return Some(None);
    }
    let holes = placeholders(pattern);
    if holes.is_empty() {
        return None;
    }
    let mut rest = message;
    let mut literal_start = 0;
    let mut first = None;
    for (start, end) in holes {
        rest = rest.strip_prefix(&pattern[literal_start..start])?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n: u64 = rest[..digits].parse().ok()?;
        first.get_or_insert(n);
        rest = &rest[digits..];
        literal_start = end;
    }
    (rest == &pattern[literal_start..]).then_some(first)
}

/// Puts `value` in the place of the first placeholder of `pattern` (see [`match_pattern`]);
/// with `None`, or a pattern without placeholder, the pattern is returned unchanged.
pub fn fill_pattern(pattern: &str, value: Option<u64>) -> Cow<'_, str> {
    match (value, placeholders(pattern).first()) {
        (Some(value), Some(&(start, end))) => {
            Cow::Owned(format!("{}{}{}", &pattern[..start], value, &pattern[end..]))
        }
        _ => Cow::Borrowed(pattern),
    }
}

/// The error type of one method: implemented by the enum generated for each method from its
/// documented errors, by [`GenericError`] for methods without documented errors, and by
/// [`RpcError`] itself.
///
/// Every implementation converts from any [`RpcError`] without loss: errors that are not
/// documented for the method are kept as they are (the generated enums' `Other` variant).
pub trait MethodError: From<RpcError> + StdError + Send + Sync + 'static {
    /// The error code.
    fn code(&self) -> i32;

    /// The documented name (`FLOOD_WAIT_X`), or the message as sent for undocumented errors.
    fn name(&self) -> &str;

    /// The number in the place of the name's placeholder (`31` for `FLOOD_WAIT_31`).
    fn value(&self) -> Option<u64> {
        None
    }

    /// The documented description, if the error is documented. (Not named `description`,
    /// which would clash with the deprecated [`std::error::Error::description`].)
    fn documentation(&self) -> Option<&'static str> {
        None
    }

    /// Whether this is one of the method's documented errors.
    fn is_documented(&self) -> bool {
        false
    }

    /// The error as the server sent it.
    fn to_rpc_error(&self) -> RpcError {
        RpcError::new(self.code(), fill_pattern(self.name(), self.value()))
    }

    /// For errors that ask to wait (see [`RpcError::wait_duration`]), how long.
    fn wait_duration(&self) -> Option<Duration> {
        self.to_rpc_error().wait_duration()
    }
}

/// Formats a method error: the error as sent, then the description if documented. For use in
/// the `Display` implementations of generated error enums.
pub fn display_method_error<E: MethodError>(error: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    fmt::Display::fmt(&error.to_rpc_error(), f)?;
    match error.documentation() {
        Some(description) if !description.is_empty() => write!(f, ": {description}"),
        _ => Ok(()),
    }
}

impl MethodError for RpcError {
    fn code(&self) -> i32 {
        self.code
    }

    fn name(&self) -> &str {
        &self.message
    }

    fn to_rpc_error(&self) -> RpcError {
        self.clone()
    }
}

/// The error type of methods without documented errors: the error sorted by its code, with
/// the data that the common errors carry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GenericError {
    /// 303: the call must be repeated on data center `dc` (`*_MIGRATE_X`).
    SeeOther {
        /// The data center, when the message names one.
        dc: Option<u32>,
        /// The error as sent.
        error: RpcError,
    },
    /// 400: the request was invalid.
    BadRequest(RpcError),
    /// 401: the session is not authorized (for example `AUTH_KEY_UNREGISTERED`).
    Unauthorized(RpcError),
    /// 403: the action is not allowed.
    Forbidden(RpcError),
    /// 404: the object was not found.
    NotFound(RpcError),
    /// 406: the request cannot be handled now; the error should not be shown to the user.
    NotAcceptable(RpcError),
    /// 420: too many requests (`FLOOD_WAIT_X`, `SLOWMODE_WAIT_X`, ...).
    Flood {
        /// How long to wait, when the message says.
        wait: Option<Duration>,
        /// The error as sent.
        error: RpcError,
    },
    /// 500 and negative codes: an error of the server; the call may be repeated.
    Internal(RpcError),
    /// Any other code.
    Other(RpcError),
}

impl GenericError {
    /// The error as sent.
    pub fn rpc_error(&self) -> &RpcError {
        match self {
            GenericError::SeeOther { error, .. } | GenericError::Flood { error, .. } => error,
            GenericError::BadRequest(e)
            | GenericError::Unauthorized(e)
            | GenericError::Forbidden(e)
            | GenericError::NotFound(e)
            | GenericError::NotAcceptable(e)
            | GenericError::Internal(e)
            | GenericError::Other(e) => e,
        }
    }

    /// The error as sent.
    pub fn into_rpc_error(self) -> RpcError {
        match self {
            GenericError::SeeOther { error, .. } | GenericError::Flood { error, .. } => error,
            GenericError::BadRequest(e)
            | GenericError::Unauthorized(e)
            | GenericError::Forbidden(e)
            | GenericError::NotFound(e)
            | GenericError::NotAcceptable(e)
            | GenericError::Internal(e)
            | GenericError::Other(e) => e,
        }
    }
}

impl From<RpcError> for GenericError {
    fn from(error: RpcError) -> GenericError {
        match error.code() {
            303 => GenericError::SeeOther {
                dc: error.migrate_dc(),
                error,
            },
            400 => GenericError::BadRequest(error),
            401 => GenericError::Unauthorized(error),
            403 => GenericError::Forbidden(error),
            404 => GenericError::NotFound(error),
            406 => GenericError::NotAcceptable(error),
            420 => GenericError::Flood {
                wait: error.wait_duration(),
                error,
            },
            code if !(0..500).contains(&code) => GenericError::Internal(error),
            _ => GenericError::Other(error),
        }
    }
}

impl From<GenericError> for RpcError {
    fn from(error: GenericError) -> RpcError {
        error.into_rpc_error()
    }
}

impl fmt::Display for GenericError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.rpc_error(), f)
    }
}

impl StdError for GenericError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.rpc_error())
    }
}

impl MethodError for GenericError {
    fn code(&self) -> i32 {
        self.rpc_error().code()
    }

    fn name(&self) -> &str {
        self.rpc_error().message()
    }

    fn to_rpc_error(&self) -> RpcError {
        self.rpc_error().clone()
    }
}

/// One documented error: an entry of the catalog that generated code emits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KnownError {
    /// The error code.
    pub code: i32,
    /// The documented name, possibly with a placeholder (`FLOOD_WAIT_X`).
    pub name: &'static str,
    /// The documented description (may be empty).
    pub description: &'static str,
    /// The TL names of the methods documented to return it.
    pub methods: &'static [&'static str],
}

impl KnownError {
    /// Whether the name holds a placeholder.
    pub fn has_placeholder(&self) -> bool {
        has_placeholder(self.name)
    }

    /// Matches an error against this entry, code included; see [`match_pattern`].
    pub fn matches(&self, error: &RpcError) -> Option<Option<u64>> {
        if error.code() != self.code {
            return None;
        }
        match_pattern(self.name, error.message())
    }
}

/// What [`ErrorCatalog::lookup`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CatalogMatch {
    /// The entry.
    pub known: &'static KnownError,
    /// The number in the place of the placeholder, if any.
    pub value: Option<u64>,
    /// Whether the entry's code is the error's code (otherwise only the name matched).
    pub same_code: bool,
}

/// The catalog of all documented errors (generated code emits one as a static).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ErrorCatalog {
    errors: &'static [KnownError],
}

impl ErrorCatalog {
    /// A catalog of `errors`.
    pub const fn new(errors: &'static [KnownError]) -> ErrorCatalog {
        ErrorCatalog { errors }
    }

    /// All entries.
    pub fn errors(&self) -> &'static [KnownError] {
        self.errors
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The entry for an error, trying in turn: the exact name with the same code, the exact
    /// name with another code, a placeholder name with the same code, a placeholder name with
    /// another code.
    pub fn lookup(&self, error: &RpcError) -> Option<CatalogMatch> {
        let message = error.message();
        let exact = |same: bool| {
            self.errors
                .iter()
                .find(|k| k.name == message && (k.code == error.code()) == same)
                .map(|known| CatalogMatch {
                    known,
                    value: None,
                    same_code: same,
                })
        };
        let pattern = |same: bool| {
            self.errors
                .iter()
                .filter(|k| (k.code == error.code()) == same && k.name != message)
                .find_map(|known| {
                    match_pattern(known.name, message)
                        .flatten()
                        .map(|value| CatalogMatch {
                            known,
                            value: Some(value),
                            same_code: same,
                        })
                })
        };
        exact(true)
            .or_else(|| exact(false))
            .or_else(|| pattern(true))
            .or_else(|| pattern(false))
    }

    /// The entries with the given documented name (one per code).
    pub fn by_name<'a>(&self, name: &'a str) -> impl Iterator<Item = &'static KnownError> + 'a {
        self.errors.iter().filter(move |k| k.name == name)
    }

    /// The entries documented for the method with the given TL name.
    pub fn for_method<'a>(
        &self,
        method: &'a str,
    ) -> impl Iterator<Item = &'static KnownError> + 'a {
        self.errors
            .iter()
            .filter(move |k| k.methods.contains(&method))
    }
}
