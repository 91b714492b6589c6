//! The answer to a call: `rpc_result.result` read as the call's return type, or as the
//! server's `rpc_error` typed as the call's errors.
//!
//! MTProto answers a request with `rpc_result#f35c6d01 req_msg_id:long result:Object`, whose
//! `result` is the value the function returns, an `rpc_error#2144ca19 error_code:int
//! error_message:string`, or either of them `gzip_packed`. Only the caller knows which function
//! `req_msg_id` was, so the caller names it: [`RawObject::answer`]`::<functions::Ping>()`.

use std::error::Error as StdError;
use std::fmt;

use super::{DeserializeError, RawObject, Reader, RemoteCall};
use crate::rpc_error::RpcError;

/// The constructor id of MTProto's `rpc_error#2144ca19 error_code:int error_message:string`.
pub const RPC_ERROR_ID: u32 = 0x2144_ca19;

/// Why a call has no answer: the server's error, or an answer that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError<E> {
    /// The server answered with an `rpc_error`: the call's error type (its documented
    /// errors, or [`crate::rpc_error::GenericError`]).
    Rpc(E),
    /// The answer is not a value of the call's return type (nor an `rpc_error`), or its
    /// `gzip_packed` form does not inflate.
    Decode(DeserializeError),
}

impl<E> From<DeserializeError> for AnswerError<E> {
    fn from(error: DeserializeError) -> Self {
        Self::Decode(error)
    }
}

impl<E: fmt::Display> fmt::Display for AnswerError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rpc(error) => write!(f, "the server answered with an error: {error}"),
            Self::Decode(error) => write!(f, "the answer does not decode: {error}"),
        }
    }
}

impl<E: StdError + 'static> StdError for AnswerError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::Rpc(error) => Some(error),
            Self::Decode(error) => Some(error),
        }
    }
}

impl RawObject {
    /// Reads the value as the answer to a call of `R` (`rpc_result.result`): `R`'s return
    /// value, or, when the server sent an `rpc_error`, `R`'s error type. A `gzip_packed`
    /// answer is inflated first, within [`super::DEFAULT_INFLATE_LIMIT`] (without the `gzip`
    /// feature it is [`DeserializeError::Compressed`]).
    pub fn answer<R: RemoteCall>(&self) -> Result<R::Return, AnswerError<R::Error>> {
        let value = self.unpacked()?;
        if value.constructor_id() == RPC_ERROR_ID {
            return Err(AnswerError::Rpc(R::Error::from(value.rpc_error()?)));
        }
        Ok(value.decode_as_is()?)
    }

    /// The value a `gzip_packed` stands for; any other value as it is.
    fn unpacked(&self) -> Result<RawObject, DeserializeError> {
        if !self.is_gzip_packed() {
            return Ok(self.clone());
        }
        #[cfg(feature = "gzip")]
        return self.unpack();
        #[cfg(not(feature = "gzip"))]
        return Err(DeserializeError::Compressed { offset: 0 });
    }

    /// Reads an `rpc_error` (whose id the caller has checked).
    fn rpc_error(&self) -> Result<RpcError, DeserializeError> {
        let mut reader = Reader::new(self.as_bytes().clone());
        reader.read_id()?;
        let code = reader.read_i32()?;
        let message = reader.read_string_owned()?;
        reader.finish()?;
        Ok(RpcError::from_tl_body(code, message))
    }
}
