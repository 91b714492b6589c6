//! What the secret scans share: the first known-answer vector and the byte windows to look for.

use std::collections::HashSet;

const VECTORS: &str = include_str!("../data/calls/vectors.txt");

/// `key=` of the first vector, as 256 bytes (left-padded).
pub fn field256(key: &str) -> [u8; 256] {
    let hex = VECTORS
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .expect("field");
    let mut out = [0u8; 256];
    let n = hex.len() / 2;
    for i in 0..n {
        out[256 - n + i] = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
    }
    out
}

/// Every 16-byte window of `secrets`, in big-endian byte order and reversed (as big-integer
/// limbs hold them in memory).
pub fn windows_of(secrets: &[[u8; 256]]) -> HashSet<[u8; 16]> {
    let mut windows = HashSet::new();
    for secret in secrets {
        let mut reversed = *secret;
        reversed.reverse();
        for bytes in [secret, &reversed] {
            for w in bytes.windows(16) {
                windows.insert(<[u8; 16]>::try_from(w).expect("16 bytes"));
            }
        }
    }
    windows
}
