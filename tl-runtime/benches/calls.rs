//! Benchmarks of the voice-call key exchange (`cargo bench -p tl-runtime --bench calls`).
//!
//! `python3 scripts/bench_calls.py` runs this and Python's built-in `pow` on the same numbers
//! (`modpow_2048/*`: the first vector of `tests/data/calls/vectors.txt`) in one go, and prints
//! the figures as ratios.

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use crypto_bigint::modular::{MontyForm, MontyParams};
use crypto_bigint::{Odd, U2048};
use num_bigint::BigUint;
use tl_runtime::calls::{
    CalleeAccept, CallerRequest, DhConfigCache, DhParams, TELEGRAM_G, TELEGRAM_PRIME,
};

const VECTORS: &str = include_str!("../tests/data/calls/vectors.txt");
const PRIMES: &str = include_str!("../tests/data/calls/primes.txt");

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// `key=value` of the first vector (or of the primes file).
fn field(text: &str, key: &str) -> Vec<u8> {
    text.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .map(hex)
        .expect("field")
}

fn exchange(c: &mut Criterion) {
    let server_random = field(VECTORS, "server_random");
    let params = DhParams::telegram(&server_random);
    let g_b = field(VECTORS, "g_b");

    c.bench_function("caller_total", |bench| {
        bench.iter(|| {
            let caller = CallerRequest::start(&params).expect("start");
            black_box(caller.g_a_hash());
            let caller = caller.on_accepted(black_box(&g_b)).expect("accepted");
            let fp = caller.key_fingerprint();
            black_box(caller.g_a());
            caller.on_confirmed(fp).expect("confirmed")
        });
    });
    // Only the callee's steps are timed; the caller's run in between, untimed, to give it a
    // g_a and fingerprint that match its fresh b. Both ends draw from the OS generator.
    c.bench_function("callee_total", |bench| {
        bench.iter_custom(|iterations| {
            let mut timed = Duration::ZERO;
            for _ in 0..iterations {
                let caller = CallerRequest::start(&params).expect("start");
                let g_a_hash = caller.g_a_hash();
                let start = Instant::now();
                let callee =
                    CalleeAccept::on_requested(&params, black_box(&g_a_hash)).expect("requested");
                let g_b = *black_box(callee.g_b());
                timed += start.elapsed();
                let caller = caller.on_accepted(&g_b).expect("accepted");
                let (g_a, fingerprint) = (*caller.g_a(), caller.key_fingerprint());
                let start = Instant::now();
                let call = callee.on_call(black_box(&g_a), fingerprint).expect("call");
                timed += start.elapsed();
                black_box(call);
            }
            timed
        });
    });
}

fn validation(c: &mut Criterion) {
    let unknown = field(PRIMES, "rfc3526_2048");
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.bench_function("unknown_safe_prime_2048", |bench| {
        bench.iter(|| {
            DhConfigCache::new()
                .validate(2, black_box(&unknown), 1, &[])
                .expect("safe prime")
        });
    });
    let warm = DhConfigCache::new();
    warm.validate(2, &unknown, 1, &[]).expect("safe prime");
    group.bench_function("cached_safe_prime_2048", |bench| {
        bench.iter(|| {
            warm.validate(2, black_box(&unknown), 1, &[])
                .expect("cached")
        });
    });
    group.bench_function("known_telegram_prime", |bench| {
        bench.iter(|| {
            DhConfigCache::new()
                .validate(TELEGRAM_G, black_box(&TELEGRAM_PRIME), 1, &[])
                .expect("known")
        });
    });
    group.finish();
}

fn modpow(c: &mut Criterion) {
    let p = BigUint::from_bytes_be(&TELEGRAM_PRIME);
    let a = BigUint::from_bytes_be(&field(VECTORS, "a"));
    let g = BigUint::from(3u32);
    let g_b = BigUint::from_bytes_be(&field(VECTORS, "g_b"));
    c.bench_function("modpow_2048/g3", |bench| {
        bench.iter(|| black_box(&g).modpow(black_box(&a), &p));
    });
    c.bench_function("modpow_2048/g_b", |bench| {
        bench.iter(|| black_box(&g_b).modpow(black_box(&a), &p));
    });
    // The same two powers as the exchange now computes them: crypto-bigint's constant-time
    // Montgomery exponentiation (the `_ct` pair against the two above is the old way against
    // the new, in one run).
    let monty = MontyParams::new(
        Option::from(Odd::new(U2048::from_be_slice(&TELEGRAM_PRIME))).expect("odd prime"),
    );
    let a_ct = U2048::from_be_slice(&field(VECTORS, "a"));
    let g_ct = MontyForm::new(&U2048::from_u32(3), monty);
    let g_b_ct = MontyForm::new(&U2048::from_be_slice(&field(VECTORS, "g_b")), monty);
    assert_eq!(
        g_b_ct.pow(&a_ct).retrieve().to_be_bytes().to_vec(),
        {
            let r = g_b.modpow(&a, &p).to_bytes_be();
            let mut padded = vec![0u8; 256 - r.len()];
            padded.extend(r);
            padded
        },
        "both compute the same key"
    );
    c.bench_function("modpow_2048/g3_ct", |bench| {
        bench.iter(|| black_box(&g_ct).pow(black_box(&a_ct)));
    });
    c.bench_function("modpow_2048/g_b_ct", |bench| {
        bench.iter(|| black_box(&g_b_ct).pow(black_box(&a_ct)));
    });
}

criterion_group!(benches, exchange, validation, modpow);
criterion_main!(benches);
