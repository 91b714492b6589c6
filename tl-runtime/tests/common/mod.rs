//! What the secret scans share: the first known-answer vector and the byte windows to look for.

use std::collections::HashSet;

const VECTORS: &str = include_str!("../data/calls/vectors.txt");

/// `key=` of the first vector, as 256 bytes (left-padded).
fn field256(key: &str) -> [u8; 256] {
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

/// The inputs of the first vector's exchange, and its three secrets.
pub struct Vector {
    pub server_random: [u8; 256],
    /// The OS randomness standing in for each end's draw.
    pub a_os: [u8; 256],
    pub b_os: [u8; 256],
    /// `a`, `b` and the key.
    pub secrets: [[u8; 256]; 3],
}

impl Vector {
    pub fn first() -> Vector {
        Vector {
            server_random: field256("server_random"),
            a_os: field256("a_os_random"),
            b_os: field256("b_os_random"),
            secrets: [field256("a"), field256("b"), field256("key")],
        }
    }
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
