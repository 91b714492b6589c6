//! RPC errors (filled in by the docs/errors work).
