//! Tests of `tl_runtime::calls`: known-answer vectors from an independent implementation
//! (`scripts/call_vectors.py`), every rejection path, and full exchanges in plain bytes.
//!
//! Files of the shared specification folder (`../shared/spec/` beside the repository) are read
//! when present; without them those tests print why and return, unless `TL_REQUIRE_SHARED=1`.

use std::collections::HashMap;

use num_bigint::BigUint;
use sha2::{Digest, Sha256};
use tl_runtime::calls::{
    emoji_indices, emojis, key_fingerprint, verify_safe_prime, CallError, CallIds, CallProtocol,
    CalleeAccept, CallerRequest, DhConfigCache, DhParams, PhoneCallState, RangeBound,
    ServerDhConfig, EMOJI_COUNT, EMOJI_TABLE, TELEGRAM_G, TELEGRAM_PRIME, TELEGRAM_PRIME_HEX,
};

// ---------------------------------------------------------------------------------------------
// helpers

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex digit"))
        .collect()
}

fn arr256(bytes: &[u8]) -> [u8; 256] {
    bytes.try_into().expect("256 bytes")
}

fn be256(x: &BigUint) -> [u8; 256] {
    let b = x.to_bytes_be();
    let mut out = [0u8; 256];
    out[256 - b.len()..].copy_from_slice(&b);
    out
}

/// Reads a file of the shared specification folder, or skips (None) when it is missing,
/// unless `TL_REQUIRE_SHARED=1`.
fn shared(path: &str, name: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            if std::env::var("TL_REQUIRE_SHARED").as_deref() == Ok("1") {
                panic!("{name}: cannot read {path} ({e}) and TL_REQUIRE_SHARED=1");
            }
            eprintln!("skipping {name}: cannot read {path} ({e})");
            None
        }
    }
}

/// Sections `[name]` of `key=value` lines.
fn parse_sections(text: &str) -> Vec<(String, HashMap<String, String>)> {
    let mut out: Vec<(String, HashMap<String, String>)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name.to_owned(), HashMap::new()));
        } else {
            let (k, v) = line.split_once('=').expect("key=value");
            out.last_mut()
                .expect("a section")
                .1
                .insert(k.to_owned(), v.to_owned());
        }
    }
    out
}

const VECTORS: &str = include_str!("data/calls/vectors.txt");
const PRIMES: &str = include_str!("data/calls/primes.txt");

fn test_prime(name: &str) -> Vec<u8> {
    PRIMES
        .lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
        .map(hex)
        .expect("prime in primes.txt")
}

fn telegram_p() -> BigUint {
    BigUint::from_bytes_be(&TELEGRAM_PRIME)
}

fn pow2(e: u32) -> BigUint {
    BigUint::from(1u32) << e
}

/// Fixed test inputs: the first vector (g = 3, Telegram's prime, 256-byte server random).
struct Fixture {
    params: DhParams,
    a_os: [u8; 256],
    b_os: [u8; 256],
    b: BigUint,
}

fn fixture() -> Fixture {
    let (_, v) = parse_sections(VECTORS)
        .into_iter()
        .next()
        .expect("a vector");
    Fixture {
        params: DhParams::telegram(&hex(&v["server_random"])),
        a_os: arr256(&hex(&v["a_os_random"])),
        b_os: arr256(&hex(&v["b_os_random"])),
        b: BigUint::from_bytes_be(&hex(&v["b"])),
    }
}

/// Runs a full exchange and returns the two established calls.
fn exchange(
    params: &DhParams,
) -> (
    tl_runtime::calls::EstablishedCall,
    tl_runtime::calls::EstablishedCall,
) {
    let caller = CallerRequest::start(params).expect("start");
    let callee = CalleeAccept::on_requested(params, &caller.g_a_hash()).expect("requested");
    let caller = caller.on_accepted(callee.g_b()).expect("accepted");
    let g_a = *caller.g_a();
    let callee_call = callee
        .on_call(&g_a, caller.key_fingerprint())
        .expect("call");
    let caller_call = caller
        .on_confirmed(callee_call.key_fingerprint())
        .expect("confirmed");
    (caller_call, callee_call)
}

// ---------------------------------------------------------------------------------------------
// known-answer vectors

#[test]
fn python_vectors_match_byte_for_byte() {
    let vectors = parse_sections(VECTORS);
    assert_eq!(vectors.len(), 5);
    for (name, v) in &vectors {
        let g: i32 = v["g"].parse().expect("g");
        let server_random = hex(&v["server_random"]);
        let params = DhConfigCache::new()
            .validate(g, &TELEGRAM_PRIME, 1, &server_random)
            .expect("valid config");
        let a_os = arr256(&hex(&v["a_os_random"]));
        let b_os = arr256(&hex(&v["b_os_random"]));
        let fingerprint: i64 = v["key_fingerprint"].parse().expect("fingerprint");
        let indices: Vec<usize> = v["emoji_indices"]
            .split(',')
            .map(|i| i.parse().expect("index"))
            .collect();

        let caller = CallerRequest::with_secret(&params, &a_os).expect("caller");
        assert_eq!(
            caller.g_a_hash().to_vec(),
            hex(&v["g_a_hash"]),
            "{name}: g_a_hash"
        );
        let callee = CalleeAccept::with_secret(&params, &caller.g_a_hash(), &b_os).expect("callee");
        assert_eq!(callee.g_b().to_vec(), hex(&v["g_b"]), "{name}: g_b");
        let caller = caller.on_accepted(callee.g_b()).expect("accepted");
        assert_eq!(caller.g_a().to_vec(), hex(&v["g_a"]), "{name}: g_a");
        assert_eq!(caller.key_fingerprint(), fingerprint, "{name}: fingerprint");
        let g_a = *caller.g_a();
        let callee_call = callee.on_call(&g_a, fingerprint).expect("callee call");
        let caller_call = caller.on_confirmed(fingerprint).expect("caller call");
        for call in [&caller_call, &callee_call] {
            assert_eq!(call.key().to_vec(), hex(&v["key"]), "{name}: key");
            assert_eq!(call.key_fingerprint(), fingerprint);
            assert_eq!(call.emoji_indices().to_vec(), indices, "{name}: emojis");
            let expected: Vec<&str> = indices.iter().map(|&i| EMOJI_TABLE[i]).collect();
            assert_eq!(call.emojis().to_vec(), expected);
        }
        assert!(caller_call.is_outgoing() && !callee_call.is_outgoing());
        assert_eq!(key_fingerprint(caller_call.key()), fingerprint);
        assert_eq!(emoji_indices(caller_call.key(), &g_a).to_vec(), indices);
    }
}

#[test]
fn tdlib_fingerprint_vector() {
    let Some(text) = shared(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/spec/fingerprint-vector.txt"
        ),
        "fingerprint-vector.txt",
    ) else {
        return;
    };
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix('=')))
            .expect("field")
            .trim()
            .to_owned()
    };
    let key = arr256(&hex(&field("key_hex")));
    let expected: i64 = field("key_fingerprint").parse().expect("i64");
    assert_eq!(Sha1Hex::of(&key), field("sha1_hex"));
    assert_eq!(key_fingerprint(&key), expected);
    assert_eq!(key_fingerprint(&key), 2_886_285_856_283_441_188);
}

/// SHA-1 through the fingerprint's own dependency, only to cross-check the vector file.
struct Sha1Hex;
impl Sha1Hex {
    fn of(data: &[u8]) -> String {
        use sha1::Sha1;
        Sha1::digest(data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[test]
fn emoji_table_matches_shared_file() {
    assert_eq!(EMOJI_TABLE.len(), EMOJI_COUNT);
    let Some(text) = shared(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/spec/call-emoji-table.txt"
        ),
        "call-emoji-table.txt",
    ) else {
        return;
    };
    let entries: Vec<String> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split_whitespace()
                .map(|cp| {
                    let v =
                        u32::from_str_radix(cp.trim_start_matches("U+"), 16).expect("code point");
                    char::from_u32(v).expect("scalar value")
                })
                .collect()
        })
        .collect();
    assert_eq!(entries.len(), EMOJI_COUNT);
    for (i, (mine, theirs)) in EMOJI_TABLE.iter().zip(&entries).enumerate() {
        assert_eq!(mine, theirs, "entry {i}");
    }
}

#[test]
fn telegram_prime_matches_shared_file() {
    let Some(text) = shared(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/spec/telegram-prime.hex"
        ),
        "telegram-prime.hex",
    ) else {
        return;
    };
    let from_file: String = text.split_whitespace().collect();
    assert_eq!(from_file.to_lowercase(), TELEGRAM_PRIME_HEX);
    assert_eq!(hex(&from_file), TELEGRAM_PRIME.to_vec());
}

// ---------------------------------------------------------------------------------------------
// DH configuration

#[test]
fn telegram_prime_is_known_and_is_a_safe_prime() {
    let cache = DhConfigCache::new();
    for g in [3, 4, 7] {
        let params = cache
            .validate(g, &TELEGRAM_PRIME, 5, &[1; 256])
            .expect("valid");
        assert!(params.is_telegram_prime());
        assert_eq!(params.g(), g);
        assert_eq!(params.p(), &TELEGRAM_PRIME);
    }
    // Accepted without a test, so not in the cache of tested primes...
    assert!(!cache.is_verified(&TELEGRAM_PRIME));
    // ...but the full test agrees that the embedded constant is a safe prime.
    assert_eq!(verify_safe_prime(&TELEGRAM_PRIME), Ok(()));
}

#[test]
fn telegram_prime_rejects_g_2_5_6() {
    let p = telegram_p();
    let cache = DhConfigCache::new();
    for (g, modulus) in [(2, 8u32), (5, 5), (6, 24)] {
        let residue = u32::try_from(&p % modulus).expect("small");
        assert_eq!(
            cache.validate(g, &TELEGRAM_PRIME, 1, &[]).unwrap_err(),
            CallError::GResidue {
                g,
                modulus,
                residue
            }
        );
    }
}

#[test]
fn every_g_residue_rule_rejects() {
    // For each g with a rule, a 2048-bit p that breaks it (the rule is checked before the
    // primality test, whatever p is), and one that satisfies it to show the rule passes.
    let rules: [(i32, u32, &[u32]); 5] = [
        (2, 8, &[7]),
        (3, 3, &[2]),
        (5, 5, &[1, 4]),
        (6, 24, &[19, 23]),
        (7, 7, &[3, 5, 6]),
    ];
    let cache = DhConfigCache::new();
    for (g, modulus, allowed) in rules {
        for residue in 0..modulus {
            // p = 2^2047 + k with p mod modulus == residue.
            let base = pow2(2047);
            let base_res = u32::try_from(&base % modulus).expect("small");
            let k = (residue + modulus - base_res) % modulus;
            let p = base + k;
            let result = cache.validate(g, &be256(&p), 1, &[]);
            if allowed.contains(&residue) {
                // Passes the rule; fails later on primality (2^2047 + k is not prime for k < 24).
                assert!(
                    matches!(
                        result,
                        Err(CallError::PrimeComposite | CallError::HalfPrimeComposite)
                    ),
                    "g={g} residue={residue}: {result:?}"
                );
            } else {
                assert_eq!(
                    result.unwrap_err(),
                    CallError::GResidue {
                        g,
                        modulus,
                        residue
                    },
                    "g={g} residue={residue}"
                );
            }
        }
    }
}

#[test]
fn g_4_has_no_residue_rule() {
    // Whatever p mod 24 is, g = 4 gets past the rules to the primality test.
    let cache = DhConfigCache::new();
    for k in 0..24u32 {
        let p = pow2(2047) + k;
        let result = cache.validate(4, &be256(&p), 1, &[]);
        assert!(
            matches!(
                result,
                Err(CallError::PrimeComposite | CallError::HalfPrimeComposite)
            ),
            "k={k}: {result:?}"
        );
    }
}

#[test]
fn g_outside_2_to_7_is_rejected() {
    let cache = DhConfigCache::new();
    for g in [i32::MIN, -3, 0, 1, 8, 9, 256, i32::MAX] {
        assert_eq!(
            cache.validate(g, &TELEGRAM_PRIME, 1, &[]).unwrap_err(),
            CallError::GOutOfRange { g }
        );
    }
}

#[test]
fn p_must_have_exactly_2048_bits() {
    let cache = DhConfigCache::new();
    let p = telegram_p();
    let cases: Vec<(Vec<u8>, u64)> = vec![
        (vec![], 0),
        (vec![0; 256], 0),
        (vec![1], 1),
        (TELEGRAM_PRIME[1..].to_vec(), 2037),
        ((&p >> 1u32).to_bytes_be(), 2047),
        ((&p << 1u32).to_bytes_be(), 2049),
        ([&[1u8][..], &TELEGRAM_PRIME[..]].concat(), 2049),
        (vec![0xff; 1000], 8000),
    ];
    for (bytes, bits) in cases {
        assert_eq!(
            cache.validate(3, &bytes, 1, &[]).unwrap_err(),
            CallError::PrimeNot2048Bits { bits }
        );
        assert_eq!(
            verify_safe_prime(&bytes).unwrap_err(),
            CallError::PrimeNot2048Bits { bits }
        );
    }
    // Leading zero bytes do not count.
    let padded = [&[0u8, 0][..], &TELEGRAM_PRIME[..]].concat();
    let params = cache.validate(3, &padded, 1, &[]).expect("valid");
    assert!(params.is_telegram_prime());
}

#[test]
fn composite_p_or_half_is_rejected() {
    let cache = DhConfigCache::new();
    let p = telegram_p();
    // g = 4 has no residue rule, so these reach the primality test.
    let cases = [
        (be256(&(&p + 1u32)).to_vec(), CallError::PrimeComposite), // even
        (be256(&(&p + 2u32)).to_vec(), CallError::PrimeComposite),
        (test_prime("both_composite"), CallError::PrimeComposite),
        (
            test_prime("composite_half_prime"),
            CallError::PrimeComposite,
        ),
        (
            test_prime("prime_half_composite"),
            CallError::HalfPrimeComposite,
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(cache.validate(4, &bytes, 1, &[]).unwrap_err(), expected);
        assert_eq!(verify_safe_prime(&bytes).unwrap_err(), expected);
        assert!(!cache.is_verified(&bytes));
    }
    assert!(
        cache.latest().is_none(),
        "failed configs are not remembered"
    );
}

#[test]
fn unknown_safe_prime_is_tested_once_then_cached() {
    let cache = DhConfigCache::new();
    let p = test_prime("rfc3526_2048");
    assert!(!cache.is_verified(&p));
    let params = cache
        .validate(2, &p, 7, &[9; 256])
        .expect("RFC 3526 prime is safe");
    assert!(!params.is_telegram_prime());
    assert!(cache.is_verified(&p));
    // Cached: other g values and versions skip the test (g's rules still apply; this p
    // satisfies all of them).
    for g in [3, 4, 5, 6, 7] {
        let params = cache.validate(g, &p, 8, &[]).expect("cached");
        assert_eq!((params.g(), params.version()), (g, 8));
    }
    let params = cache.validate(2, &p, 8, &[]).expect("cached");
    // Another safe prime, ffdhe2048 (p mod 7 = 4), breaks g = 7's rule: rejected before any
    // primality test.
    let ffdhe = test_prime("ffdhe2048");
    assert_eq!(
        cache.validate(7, &ffdhe, 9, &[]).unwrap_err(),
        CallError::GResidue {
            g: 7,
            modulus: 7,
            residue: 4
        }
    );
    assert!(!cache.is_verified(&ffdhe));
    // A full exchange works with the unknown group too.
    let (a, b) = exchange(&params);
    assert_eq!(a.key(), b.key());
}

#[test]
fn not_modified_reuses_the_latest_config() {
    let cache = DhConfigCache::new();
    assert_eq!(cache.version(), 0);
    assert_eq!(
        cache.not_modified(&[1; 256]).unwrap_err(),
        CallError::NotModifiedWithoutConfig
    );
    let first = cache
        .validate(TELEGRAM_G, &TELEGRAM_PRIME, 42, &[1; 256])
        .expect("valid");
    assert_eq!(cache.version(), 42);
    let second = cache.not_modified(&[2; 256]).expect("cached config");
    assert_eq!((second.g(), second.version()), (3, 42));
    assert_eq!(second.p(), first.p());
    assert_eq!(second.random(), &[2; 256][..]);
    assert_eq!(first.random(), &[1; 256][..]);
    let third = first.refresh_random(&[3; 10]);
    assert_eq!((third.version(), third.random()), (42, &[3; 10][..]));
    // A failed validation leaves the latest config in place.
    assert!(cache.validate(9, &TELEGRAM_PRIME, 43, &[]).is_err());
    assert_eq!(cache.version(), 42);
    cache.clear();
    assert!(cache.latest().is_none());
}

#[test]
fn global_cache_entry_points() {
    let params = DhParams::from_server(3, &TELEGRAM_PRIME, 11, &[5; 256]).expect("valid");
    assert!(params.is_telegram_prime());
    // Other tests may use the global cache concurrently, so only check what cannot race.
    let refreshed = DhParams::not_modified(&[6; 256]).expect("something cached");
    assert_eq!(refreshed.random(), &[6; 256][..]);
    assert!(format!("{params:?}").contains("DhParams"));
}

#[test]
fn cache_is_shareable_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<DhConfigCache>();
    assert_send_sync::<DhParams>();
    let cache = std::sync::Arc::new(DhConfigCache::new());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let cache = std::sync::Arc::clone(&cache);
            std::thread::spawn(move || {
                cache
                    .validate(TELEGRAM_G, &TELEGRAM_PRIME, i, &[])
                    .map(|p| p.g())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("no panic"), Ok(3));
    }
}

// ---------------------------------------------------------------------------------------------
// the exchange

#[test]
fn full_exchange_with_random_secrets() {
    for random in [&[0x5a; 256][..], &[][..], &[1, 2, 3][..]] {
        let params = DhParams::telegram(random);
        let (caller, callee) = exchange(&params);
        assert_eq!(caller.key(), callee.key());
        assert_eq!(caller.key_fingerprint(), callee.key_fingerprint());
        assert_eq!(caller.emojis(), callee.emojis());
        assert!(caller.emojis().iter().all(|e| !e.is_empty()));
        // Debug output never shows the key.
        let shown = format!("{caller:?}");
        assert!(shown.contains("<secret>") && !shown.contains(&format!("{:?}", caller.key())));
        let key = caller.into_key();
        assert_eq!(&**key, callee.key());
    }
}

#[test]
fn two_calls_give_different_keys() {
    let params = DhParams::telegram(&[0; 256]);
    let (a, _) = exchange(&params);
    let (b, _) = exchange(&params);
    assert_ne!(a.key(), b.key());
}

#[test]
fn own_public_value_out_of_range_is_an_error() {
    // With no server random, os_random is the exponent itself: 0 and 1 give g_a = 1 and 3.
    let params = DhParams::telegram(&[]);
    let mut one = [0u8; 256];
    one[255] = 1;
    for secret in [[0u8; 256], one] {
        assert_eq!(
            CallerRequest::with_secret(&params, &secret).unwrap_err(),
            CallError::GaOutOfRange {
                bound: RangeBound::BelowMinimum
            }
        );
        assert_eq!(
            CalleeAccept::with_secret(&params, &[0; 32], &secret).unwrap_err(),
            CallError::GbOutOfRange {
                bound: RangeBound::BelowMinimum
            }
        );
    }
    // With a 256-byte server random, os_random == random gives the exponent 0.
    let params = DhParams::telegram(&[0xa5; 256]);
    assert!(CallerRequest::with_secret(&params, &[0xa5; 256]).is_err());
}

/// The range boundaries: `2^1984 - 1` and `p - 2^1984 + 1` rejected, `2^1984` and
/// `p - 2^1984` accepted, plus far-off values.
fn boundary_cases() -> Vec<(Vec<u8>, Option<RangeBound>)> {
    let p = telegram_p();
    let min = pow2(1984);
    let max = &p - &min;
    vec![
        (
            be256(&(&min - 1u32)).to_vec(),
            Some(RangeBound::BelowMinimum),
        ),
        (be256(&min).to_vec(), None),
        (be256(&max).to_vec(), None),
        (
            be256(&(&max + 1u32)).to_vec(),
            Some(RangeBound::AboveMaximum),
        ),
        (vec![], Some(RangeBound::BelowMinimum)),
        (vec![0; 256], Some(RangeBound::BelowMinimum)),
        (vec![1], Some(RangeBound::BelowMinimum)),
        (be256(&(&p - 1u32)).to_vec(), Some(RangeBound::AboveMaximum)),
        (TELEGRAM_PRIME.to_vec(), Some(RangeBound::AboveMaximum)),
        (vec![0xff; 256], Some(RangeBound::AboveMaximum)),
        (vec![0xff; 300], Some(RangeBound::AboveMaximum)),
    ]
}

#[test]
fn caller_checks_g_b_range() {
    let f = fixture();
    for (g_b, expected) in boundary_cases() {
        let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
        match expected {
            Some(bound) => assert_eq!(
                caller.on_accepted(&g_b).unwrap_err(),
                CallError::GbOutOfRange { bound }
            ),
            None => {
                assert!(caller.on_accepted(&g_b).is_ok());
            }
        }
    }
}

#[test]
fn callee_checks_g_a_range() {
    let f = fixture();
    let p = telegram_p();
    for (g_a, expected) in boundary_cases() {
        if g_a.len() > 256 {
            continue; // covered by g_a_longer_than_256_bytes
        }
        let hash: [u8; 32] = Sha256::digest(&g_a).into();
        let callee = CalleeAccept::with_secret(&f.params, &hash, &f.b_os).expect("callee");
        let key = be256(&BigUint::from_bytes_be(&g_a).modpow(&f.b, &p));
        let fingerprint = key_fingerprint(&key);
        match expected {
            Some(bound) => assert_eq!(
                callee.on_call(&g_a, fingerprint).unwrap_err(),
                CallError::GaOutOfRange { bound }
            ),
            None => {
                let call = callee.on_call(&g_a, fingerprint).expect("in range");
                assert_eq!(call.key(), &key);
            }
        }
    }
}

#[test]
fn g_a_hash_must_be_32_bytes() {
    let f = fixture();
    for len in [0usize, 1, 31, 33, 64, 256] {
        let hash = vec![7u8; len];
        assert_eq!(
            CalleeAccept::on_requested(&f.params, &hash).unwrap_err(),
            CallError::HashLength { len }
        );
        assert_eq!(
            CalleeAccept::with_secret(&f.params, &hash, &f.b_os).unwrap_err(),
            CallError::HashLength { len }
        );
    }
}

#[test]
fn g_a_must_match_its_hash() {
    let f = fixture();
    let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
    let hash = caller.g_a_hash();
    let g_b = *CalleeAccept::with_secret(&f.params, &hash, &f.b_os)
        .expect("callee")
        .g_b();
    let caller = caller.on_accepted(&g_b).expect("accepted");
    let g_a = *caller.g_a();
    let fp = caller.key_fingerprint();

    let mut flipped = g_a;
    flipped[100] ^= 1;
    let padded = [&[0u8][..], &g_a[..]].concat();
    let other = CallerRequest::with_secret(&f.params, &f.b_os).expect("other");
    let other_g_a = *other.on_accepted(&g_b).expect("accepted").g_a();
    for wrong in [&flipped[..], &g_a[1..], &other_g_a[..], &[][..]] {
        let callee = CalleeAccept::with_secret(&f.params, &hash, &f.b_os).expect("callee");
        assert_eq!(
            callee.on_call(wrong, fp).unwrap_err(),
            CallError::HashMismatch
        );
    }
    // Longer than 256 bytes (even if only by a leading zero): rejected by length first.
    let callee = CalleeAccept::with_secret(&f.params, &hash, &f.b_os).expect("callee");
    assert_eq!(
        callee.on_call(&padded, fp).unwrap_err(),
        CallError::GaLength { len: 257 }
    );
    // The hash covers the bytes exactly as received: a short (minimal) encoding is accepted
    // when that is what was hashed, and its padded form then is not.
    let p = telegram_p();
    let short = pow2(2000).to_bytes_be();
    assert_eq!(short.len(), 251);
    let short_hash: [u8; 32] = Sha256::digest(&short).into();
    let key = be256(&pow2(2000).modpow(&f.b, &p));
    let callee = CalleeAccept::with_secret(&f.params, &short_hash, &f.b_os).expect("callee");
    let call = callee
        .on_call(&short, key_fingerprint(&key))
        .expect("minimal encoding");
    assert_eq!(call.emoji_indices(), emoji_indices(&key, &short));
    let callee = CalleeAccept::with_secret(&f.params, &short_hash, &f.b_os).expect("callee");
    assert_eq!(
        callee
            .on_call(&be256(&pow2(2000)), key_fingerprint(&key))
            .unwrap_err(),
        CallError::HashMismatch
    );
}

#[test]
fn fingerprint_mismatch_is_rejected_on_both_ends() {
    let f = fixture();
    let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
    let callee = CalleeAccept::with_secret(&f.params, &caller.g_a_hash(), &f.b_os).expect("callee");
    let caller = caller.on_accepted(callee.g_b()).expect("accepted");
    let fp = caller.key_fingerprint();
    let g_a = *caller.g_a();
    assert_eq!(
        callee.on_call(&g_a, fp.wrapping_add(1)).unwrap_err(),
        CallError::FingerprintMismatch {
            expected: fp,
            received: fp.wrapping_add(1)
        }
    );
    assert_eq!(
        caller.on_confirmed(!fp).unwrap_err(),
        CallError::FingerprintMismatch {
            expected: fp,
            received: !fp
        }
    );
}

#[test]
fn swapped_g_b_is_detected() {
    let params = DhParams::telegram(&[3; 256]);
    // Naive attacker: replaces g_b on its way to the caller. The fingerprints then differ.
    let caller = CallerRequest::start(&params).expect("caller");
    let callee = CalleeAccept::on_requested(&params, &caller.g_a_hash()).expect("callee");
    let mallory = CalleeAccept::on_requested(&params, &caller.g_a_hash()).expect("mallory");
    let caller = caller.on_accepted(mallory.g_b()).expect("accepted");
    let g_a = *caller.g_a();
    assert!(matches!(
        callee.on_call(&g_a, caller.key_fingerprint()),
        Err(CallError::FingerprintMismatch { .. })
    ));

    // Full man in the middle: Mallory runs a call with each side and rewrites every message.
    // Both ends complete, but their keys and emojis differ, which the users see.
    let alice = CallerRequest::start(&params).expect("alice");
    let mallory_as_callee = CalleeAccept::on_requested(&params, &alice.g_a_hash()).expect("m1");
    let mallory_as_caller = CallerRequest::start(&params).expect("m2");
    let bob = CalleeAccept::on_requested(&params, &mallory_as_caller.g_a_hash()).expect("bob");
    let alice = alice
        .on_accepted(mallory_as_callee.g_b())
        .expect("alice accepted");
    let mallory_as_caller = mallory_as_caller
        .on_accepted(bob.g_b())
        .expect("m2 accepted");
    let alice_g_a = *alice.g_a();
    let m_g_a = *mallory_as_caller.g_a();
    let m1 = mallory_as_callee
        .on_call(&alice_g_a, alice.key_fingerprint())
        .expect("m1 call");
    let alice = alice
        .on_confirmed(m1.key_fingerprint())
        .expect("alice call");
    let bob = bob
        .on_call(&m_g_a, mallory_as_caller.key_fingerprint())
        .expect("bob call");
    assert_ne!(alice.key(), bob.key());
    assert_ne!(alice.key_fingerprint(), bob.key_fingerprint());
    assert_ne!(alice.emojis(), bob.emojis());
}

#[test]
fn arbitrary_inputs_never_panic() {
    // xorshift64*: deterministic garbage of many lengths.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let f = fixture();
    let cache = DhConfigCache::new();
    for round in 0..27 {
        let len = [0, 1, 31, 32, 33, 255, 256, 257, 512][round % 9];
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let g = (next() % 12) as i32 - 2;
        let _ = cache.validate(g, &bytes, round as i32, &bytes);
        let _ = CalleeAccept::on_requested(&f.params, &bytes).map(|c| c.on_call(&bytes, 0));
        let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
        let _ = caller
            .on_accepted(&bytes)
            .map(|c| c.on_confirmed(next() as i64));
        let _ = emojis(&[0; 256], &bytes);
    }
}

#[test]
fn errors_display_and_are_std_errors() {
    let all = [
        CallError::PrimeNot2048Bits { bits: 2047 },
        CallError::PrimeComposite,
        CallError::HalfPrimeComposite,
        CallError::GOutOfRange { g: 9 },
        CallError::GResidue {
            g: 2,
            modulus: 8,
            residue: 3,
        },
        CallError::GaOutOfRange {
            bound: RangeBound::BelowMinimum,
        },
        CallError::GbOutOfRange {
            bound: RangeBound::AboveMaximum,
        },
        CallError::GaLength { len: 257 },
        CallError::HashLength { len: 31 },
        CallError::HashMismatch,
        CallError::FingerprintMismatch {
            expected: 1,
            received: 2,
        },
        CallError::NotModifiedWithoutConfig,
        CallError::UnexpectedPhoneCall {
            expected: "phoneCall",
            received: "phoneCallEmpty",
        },
        CallError::RandomUnavailable {
            reason: "test".into(),
        },
        CallError::NoSuitableSecret { attempts: 64 },
    ];
    for e in all {
        let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
        assert!(!boxed.to_string().is_empty(), "{e:?}");
    }
    assert_eq!(
        CallError::GResidue {
            g: 2,
            modulus: 8,
            residue: 3
        }
        .to_string(),
        "DH generator g = 2 is not usable with this p: p mod 8 = 3"
    );
}

#[test]
fn official_protocol() {
    let p = CallProtocol::official();
    assert_eq!(p, CallProtocol::default());
    assert!(p.udp_p2p && p.udp_reflector);
    assert_eq!((p.min_layer, p.max_layer), (65, 92));
    assert_eq!(
        p.library_versions,
        ["2.4.4", "2.7.7", "5.0.0", "6.0.0", "7.0.0", "8.0.0", "9.0.0", "10.0.0", "11.0.0"]
    );
}

// ---------------------------------------------------------------------------------------------
// received messages (`ServerDhConfig`, `PhoneCallState`), as generated bindings feed them

#[test]
fn dh_config_messages_go_through_the_cache() {
    let cache = DhConfigCache::new();
    assert_eq!(
        cache
            .receive(ServerDhConfig::NotModified { random: &[1; 256] })
            .unwrap_err(),
        CallError::NotModifiedWithoutConfig
    );
    let params = cache
        .receive(ServerDhConfig::Config {
            g: 3,
            p: &TELEGRAM_PRIME,
            version: 4,
            random: &[2; 256],
        })
        .expect("valid");
    assert_eq!(
        (params.g(), params.version(), params.random()),
        (3, 4, &[2; 256][..])
    );
    let again = cache
        .receive(ServerDhConfig::NotModified { random: &[3; 256] })
        .expect("cached");
    assert_eq!((again.version(), again.random()), (4, &[3; 256][..]));
    // Rejections are the same as validate's.
    assert_eq!(
        cache
            .receive(ServerDhConfig::Config {
                g: 2,
                p: &TELEGRAM_PRIME,
                version: 5,
                random: &[],
            })
            .unwrap_err(),
        CallError::GResidue {
            g: 2,
            modulus: 8,
            residue: u32::try_from(&telegram_p() % 8u32).expect("small"),
        }
    );
}

/// The call of the exchanges below, as the server names it in every `PhoneCall`.
const CALL: CallIds = CallIds {
    id: 1_000_001,
    access_hash: -42,
    admin_id: 10,
    participant_id: 20,
};

#[test]
fn exchange_through_phone_call_states() {
    let f = fixture();
    let mut caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
    caller
        .receive_waiting(PhoneCallState::Waiting { ids: CALL })
        .expect("requestCall's answer names the call");
    let g_a_hash = caller.g_a_hash();
    let callee = CalleeAccept::receive_requested(
        &f.params,
        PhoneCallState::Requested {
            ids: CALL,
            g_a_hash: &g_a_hash,
        },
    )
    .expect("requested");
    let g_b = *callee.g_b();
    let confirm = caller
        .receive_accepted(PhoneCallState::Accepted {
            ids: CALL,
            g_b: &g_b,
        })
        .expect("accepted");
    let (g_a, fp) = (*confirm.g_a(), confirm.key_fingerprint());
    let callee_call = callee
        .receive_call(PhoneCallState::Ready {
            ids: CALL,
            g_a_or_b: &g_a,
            key_fingerprint: fp,
        })
        .expect("call");
    let caller_call = confirm
        .receive_confirmed(PhoneCallState::Ready {
            ids: CALL,
            g_a_or_b: &g_b,
            key_fingerprint: fp,
        })
        .expect("confirmed");
    assert_eq!(caller_call.key(), callee_call.key());
    // The key is g_b^a mod p, with the caller's a of the first known-answer vector (the
    // callee's b came from the OS here).
    let (_, v) = parse_sections(VECTORS)
        .into_iter()
        .next()
        .expect("a vector");
    let a = BigUint::from_bytes_be(&hex(&v["a"]));
    let expected = be256(&BigUint::from_bytes_be(&g_b).modpow(&a, &telegram_p()));
    assert_eq!(caller_call.key(), &expected);
    assert_eq!(g_a.to_vec(), hex(&v["g_a"]));

    // The checks of the byte-level methods still apply.
    let callee = CalleeAccept::receive_requested(
        &f.params,
        PhoneCallState::Requested {
            ids: CALL,
            g_a_hash: &[0; 31],
        },
    );
    assert_eq!(callee.unwrap_err(), CallError::HashLength { len: 31 });
    let callee = CalleeAccept::with_secret(&f.params, &g_a_hash, &f.b_os).expect("callee");
    let own = key_fingerprint(&be256(
        &BigUint::from_bytes_be(&g_a).modpow(&f.b, &telegram_p()),
    ));
    assert_eq!(
        callee.on_call(&g_a, !own).unwrap_err(),
        CallError::FingerprintMismatch {
            expected: own,
            received: !own
        }
    );
}

#[test]
fn updates_of_other_calls_are_refused() {
    let f = fixture();
    let other = CallIds { id: 7, ..CALL };
    let accepted = |ids| PhoneCallState::Accepted {
        ids,
        g_b: &[2; 256],
    };

    // A caller that has not seen requestCall's answer cannot tell its call from another.
    let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
    assert!(!caller.is_for(accepted(CALL)));
    assert_eq!(
        caller.receive_accepted(accepted(CALL)).unwrap_err(),
        CallError::CallNotIdentified
    );

    let bound = || {
        let mut caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
        caller
            .receive_waiting(PhoneCallState::Waiting { ids: CALL })
            .expect("waiting");
        caller
    };
    // Another call's update: told apart without consuming the state, refused if given.
    let caller = bound();
    assert!(caller.is_for(accepted(CALL)));
    assert!(!caller.is_for(accepted(other)));
    assert!(!caller.is_for(PhoneCallState::Discarded));
    assert_eq!(
        caller.receive_accepted(accepted(other)).unwrap_err(),
        CallError::OtherCall {
            expected: CALL.id,
            received: 7
        }
    );
    // This call's id with other fields: refused, naming the field.
    for (ids, field) in [
        (
            CallIds {
                access_hash: 0,
                ..CALL
            },
            "access_hash",
        ),
        (
            CallIds {
                admin_id: 20,
                ..CALL
            },
            "admin_id",
        ),
        (
            CallIds {
                participant_id: 10,
                ..CALL
            },
            "participant_id",
        ),
    ] {
        assert_eq!(
            bound().receive_accepted(accepted(ids)).unwrap_err(),
            CallError::CallFieldMismatch { field }
        );
    }
    // A second phoneCallWaiting: the same call is fine, another is refused.
    let mut caller = bound();
    caller
        .receive_waiting(PhoneCallState::Waiting { ids: CALL })
        .expect("same call");
    assert_eq!(
        caller
            .receive_waiting(PhoneCallState::Waiting { ids: other })
            .unwrap_err(),
        CallError::OtherCall {
            expected: CALL.id,
            received: 7
        }
    );

    // The later states carry the call on.
    let callee = CalleeAccept::receive_requested(
        &f.params,
        PhoneCallState::Requested {
            ids: CALL,
            g_a_hash: &caller.g_a_hash(),
        },
    )
    .expect("requested");
    let confirm = caller
        .receive_accepted(PhoneCallState::Accepted {
            ids: CALL,
            g_b: callee.g_b(),
        })
        .expect("accepted");
    let ready = |ids| PhoneCallState::Ready {
        ids,
        g_a_or_b: &[3; 256],
        key_fingerprint: 4,
    };
    assert!(confirm.is_for(ready(CALL)) && !confirm.is_for(ready(other)));
    assert!(callee.is_for(ready(CALL)) && !callee.is_for(ready(other)));
    assert_eq!(
        confirm.receive_confirmed(ready(other)).unwrap_err(),
        CallError::OtherCall {
            expected: CALL.id,
            received: 7
        }
    );
    assert_eq!(
        callee.receive_call(ready(other)).unwrap_err(),
        CallError::OtherCall {
            expected: CALL.id,
            received: 7
        }
    );
    // A callee made from bytes alone never knows its call.
    let callee = CalleeAccept::with_secret(&f.params, &[1; 32], &f.b_os).expect("callee");
    assert_eq!(
        callee.receive_call(ready(CALL)).unwrap_err(),
        CallError::CallNotIdentified
    );
    assert_eq!(
        CallError::OtherCall {
            expected: 1,
            received: 7
        }
        .to_string(),
        "received a PhoneCall of call 7 while handling call 1"
    );
    assert_eq!(
        CallError::CallFieldMismatch { field: "admin_id" }.to_string(),
        "the PhoneCall's admin_id differs from the one this call had"
    );
}

#[test]
fn unexpected_phone_call_states_are_typed_errors() {
    let f = fixture();
    let others = [
        PhoneCallState::Empty,
        PhoneCallState::Waiting { ids: CALL },
        PhoneCallState::Requested {
            ids: CALL,
            g_a_hash: &[1; 32],
        },
        PhoneCallState::Accepted {
            ids: CALL,
            g_b: &[2; 256],
        },
        PhoneCallState::Ready {
            ids: CALL,
            g_a_or_b: &[3; 256],
            key_fingerprint: 4,
        },
        PhoneCallState::Discarded,
        PhoneCallState::Other {
            tl_name: "phoneCallRinging",
        },
    ];
    let names: Vec<&str> = others.iter().map(PhoneCallState::tl_name).collect();
    assert_eq!(
        names,
        [
            "phoneCallEmpty",
            "phoneCallWaiting",
            "phoneCallRequested",
            "phoneCallAccepted",
            "phoneCall",
            "phoneCallDiscarded",
            "phoneCallRinging"
        ]
    );
    let unexpected =
        |expected: &'static str, state: PhoneCallState<'_>| CallError::UnexpectedPhoneCall {
            expected,
            received: state.tl_name(),
        };
    for state in others {
        if !matches!(state, PhoneCallState::Waiting { .. }) {
            let mut caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
            assert_eq!(
                caller.receive_waiting(state).unwrap_err(),
                unexpected("phoneCallWaiting", state)
            );
        }
        if !matches!(state, PhoneCallState::Requested { .. }) {
            assert_eq!(
                CalleeAccept::receive_requested(&f.params, state).unwrap_err(),
                unexpected("phoneCallRequested", state)
            );
        }
        if !matches!(state, PhoneCallState::Accepted { .. }) {
            let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
            assert_eq!(
                caller.receive_accepted(state).unwrap_err(),
                unexpected("phoneCallAccepted", state)
            );
        }
        if !matches!(state, PhoneCallState::Ready { .. }) {
            let caller = CallerRequest::with_secret(&f.params, &f.a_os).expect("caller");
            let callee =
                CalleeAccept::with_secret(&f.params, &caller.g_a_hash(), &f.b_os).expect("callee");
            let confirm = caller.on_accepted(callee.g_b()).expect("accepted");
            assert_eq!(
                confirm.receive_confirmed(state).unwrap_err(),
                unexpected("phoneCall", state)
            );
            assert_eq!(
                callee.receive_call(state).unwrap_err(),
                unexpected("phoneCall", state)
            );
        }
    }
    assert_eq!(
        CallError::UnexpectedPhoneCall {
            expected: "phoneCallAccepted",
            received: "phoneCallDiscarded"
        }
        .to_string(),
        "received phoneCallDiscarded while waiting for phoneCallAccepted"
    );
}
