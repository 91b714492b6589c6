//! Decode and encode speed on one `messages.messagesSlice` payload, ours against
//! grammers-tl-types 0.11, in one binary on the very same bytes:
//!
//! ```text
//! cargo bench -p tl-conformance --bench messages_slice
//! ```
//!
//! The payload (see `common/mod.rs`) is built with our types, encoded once and checked to
//! round-trip through both libraries before anything is timed.

mod common;

use std::hint::black_box;

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use grammers_tl_types::{self as grammers, Deserializable, Serializable};
use tl_conformance::bindings::enums;
use tl_runtime::wire::{Deserialize, Serialize};

fn decode(c: &mut Criterion) {
    let bytes = common::payload();
    println!("{}", common::describe(&bytes));
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("tl-codegen", |b| {
        b.iter(|| enums::messages::Messages::from_bytes(black_box(&bytes).clone()).unwrap())
    });
    group.bench_function("grammers-tl-types", |b| {
        b.iter(|| grammers::enums::messages::Messages::from_bytes(black_box(&bytes[..])).unwrap())
    });
    group.finish();
}

fn encode(c: &mut Criterion) {
    let bytes: Bytes = common::payload();
    let ours = enums::messages::Messages::from_bytes(bytes.clone()).unwrap();
    let theirs = grammers::enums::messages::Messages::from_bytes(&bytes[..]).unwrap();
    let mut group = c.benchmark_group("encode");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("tl-codegen", |b| b.iter(|| black_box(&ours).to_bytes()));
    group.bench_function("grammers-tl-types", |b| {
        b.iter(|| black_box(&theirs).to_bytes())
    });
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
