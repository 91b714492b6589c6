//! [`Function`]: a request and the type of its answer.

use super::read::FromJson;
use super::write::ToJson;

/// A TDLib function: a request whose answer is a `Return` (or an `error` object).
pub trait Function: ToJson {
    /// What TDLib answers.
    type Return: FromJson;
}
