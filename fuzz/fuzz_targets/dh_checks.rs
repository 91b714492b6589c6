//! The voice-call key exchange's checks on what the other side and the server send, through
//! the public API: `messages.dhConfig` (`g`, `p`), `g_a_hash`, `g_a`, `g_b` and the key
//! fingerprint. Every malformed input must be a `CallError`, never a panic; an honest
//! exchange with one value altered must fail.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_runtime::calls::{verify_safe_prime, CalleeAccept, CallerRequest, DhConfigCache, DhParams};

/// Splits the fuzzer's input into fields.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.0.len());
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        head
    }

    fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    fn i32(&mut self) -> i32 {
        let mut b = [0; 4];
        let t = self.take(4);
        b[..t.len()].copy_from_slice(t);
        i32::from_le_bytes(b)
    }

    fn i64(&mut self) -> i64 {
        let mut b = [0; 8];
        let t = self.take(8);
        b[..t.len()].copy_from_slice(t);
        i64::from_le_bytes(b)
    }

    /// A length-prefixed slice (up to 511 bytes, around the 256 the protocol uses).
    fn slice(&mut self) -> &'a [u8] {
        let len = usize::from(self.byte()) + usize::from(self.byte() & 1) * 256;
        self.take(len)
    }

    /// 256 bytes of secret material, stretched from what is left if the input is short.
    fn secret(&mut self) -> [u8; 256] {
        let t = self.take(256);
        let mut out = [0x5a; 256];
        for (i, b) in out.iter_mut().enumerate() {
            *b ^= t
                .get(i % t.len().max(1))
                .copied()
                .unwrap_or(0)
                .wrapping_add(i as u8);
        }
        out
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let params = DhParams::telegram(&[]);
    // Modes 1 and 3 compute 2048-bit powers (hundreds of milliseconds each), so the cheap
    // checks of modes 0 and 2 get most of the inputs.
    let mode = match input.byte() % 10 {
        0..=3 => 0,
        4..=6 => 2,
        7 | 8 => 1,
        _ => 3,
    };
    match mode {
        // A server's `messages.dhConfig`.
        0 => {
            let g = input.i32();
            let version = input.i32();
            let p = input.slice();
            let random = input.slice();
            let cache = DhConfigCache::default();
            if let Ok(params) = cache.validate(g, p, version, random) {
                assert!((2..=7).contains(&params.g()));
                assert!(cache.not_modified(random).is_ok());
            }
            let _ = verify_safe_prime(p);
        }
        // The caller receives a `g_b` and a fingerprint.
        1 => {
            let secret = input.secret();
            let g_b = input.slice();
            let fingerprint = input.i64();
            if let Ok(request) = CallerRequest::with_secret(&params, &secret) {
                if let Ok(confirm) = request.on_accepted(g_b) {
                    let _ = confirm.on_confirmed(fingerprint);
                }
            }
        }
        // The callee receives a `g_a_hash`, then `g_a` and a fingerprint.
        2 => {
            let secret = input.secret();
            let g_a_hash = input.slice();
            let g_a = input.slice();
            let fingerprint = input.i64();
            if let Ok(accept) = CalleeAccept::with_secret(&params, g_a_hash, &secret) {
                let _ = accept.on_call(g_a, fingerprint);
            }
        }
        // An honest exchange in which one value is altered in transit.
        _ => {
            let caller_secret = input.secret();
            let callee_secret = input.secret();
            let what = input.byte() % 4;
            let at = usize::from(input.byte());
            let flip = input.byte() | 1;
            let Ok(request) = CallerRequest::with_secret(&params, &caller_secret) else {
                return;
            };
            let mut g_a_hash = request.g_a_hash().to_vec();
            if what == 0 {
                g_a_hash[at % 32] ^= flip;
            }
            let Ok(accept) = CalleeAccept::with_secret(&params, &g_a_hash, &callee_secret) else {
                return;
            };
            let mut g_b = accept.g_b().to_vec();
            if what == 1 {
                g_b[at] ^= flip;
            }
            let Ok(confirm) = request.on_accepted(&g_b) else {
                assert_eq!(what, 1, "only an altered g_b can be refused here");
                return;
            };
            let mut g_a = confirm.g_a().to_vec();
            let mut fingerprint = confirm.key_fingerprint();
            if what == 2 {
                g_a[at] ^= flip;
            }
            if what == 3 {
                fingerprint ^= i64::from(flip);
            }
            let callee = accept.on_call(&g_a, fingerprint);
            match what {
                // The hash, g_a or the fingerprint no longer match: the callee refuses.
                0 | 2 | 3 => assert!(callee.is_err(), "altered value {what} accepted"),
                // An altered g_b still in range gives the two sides different keys: their
                // fingerprints differ, so the callee refuses the caller's.
                _ => assert!(callee.is_err(), "altered g_b gave matching keys"),
            }
        }
    }
});
