//! See `benches/decode.rs`.
