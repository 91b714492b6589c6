//! JSON decode of the updates TDLib 1.8.66 emits after `setTdlibParameters` (test DC, a
//! temporary directory; collected first from the real `libtdjson` of `../shared`), side by
//! side: tl-tdlib's generated types (`enums::Update::from_json`), tdlib-rs 1.4.0's
//! (`serde_json::from_str::<tdlib_rs::enums::Update>`, serde derives, internally tagged), and
//! `serde_json::Value` (the floor: a tree without types). Each iteration reads every update
//! both typed readers accept; the updates tdlib-rs rejects (types of TDLib versions after its
//! 1.8.61) are counted and left out of all three.
//!
//!   cd bench/tdlib-decode && cargo bench

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tl_runtime::tdjson::client::Tdjson;
use tl_runtime::tdjson::{FromJson, ToJson};
use tl_tdlib::td_api::{enums, functions};

fn collect_updates() -> Vec<String> {
    let lib = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/tdlib-1.8.66/libtdjson.so.1.8.66"
    );
    let td = Tdjson::load(lib).expect("TDLib 1.8.66 from ../shared");
    td.execute(&functions::SetLogVerbosityLevel {
        new_verbosity_level: 0,
    })
    .unwrap();
    let id = td.create_client_id();
    let dir = std::env::temp_dir().join(format!("tdlib-decode-{}", std::process::id()));
    let parameters = functions::SetTdlibParameters {
        use_test_dc: true,
        database_directory: dir.to_string_lossy().as_ref().into(),
        files_directory: "".into(),
        database_encryption_key: Default::default(),
        use_file_database: false,
        use_chat_info_database: false,
        use_message_database: false,
        use_secret_chats: false,
        api_id: 94_575,
        api_hash: "a3406de8d171bb422bb6ddf3bbd800e2".into(),
        system_language_code: "en".into(),
        device_model: "bench".into(),
        system_version: "".into(),
        application_version: "0.1".into(),
    };
    td.send_json(id, &functions::TestCallEmpty {}.to_json())
        .unwrap();
    td.send_json(id, &parameters.to_json()).unwrap();
    let mut updates = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(6);
    while Instant::now() < deadline {
        if let Some(json) = td.receive_json(Duration::from_millis(200)) {
            if json.contains("\"@type\":\"update") {
                updates.push(json);
            }
        }
    }
    td.send_json(id, &functions::Close {}.to_json()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some(json) = td.receive_json(Duration::from_millis(200)) {
            if json.contains("authorizationStateClosed") {
                break;
            }
        }
    }
    let _ = std::fs::remove_dir_all(dir);
    updates
}

fn decode(c: &mut Criterion) {
    let all = collect_updates();
    let (both, rejected): (Vec<String>, Vec<String>) = all.into_iter().partition(|json| {
        enums::Update::from_json(json).is_ok()
            && serde_json::from_str::<tdlib_rs::enums::Update>(json).is_ok()
    });
    let bytes: usize = both.iter().map(String::len).sum();
    eprintln!(
        "{} updates ({bytes} bytes) read by both; {} rejected by tdlib-rs: {:?}",
        both.len(),
        rejected.len(),
        rejected
            .iter()
            .map(|j| j.chars().take(60).collect::<String>())
            .collect::<Vec<_>>()
    );
    let mut group = c.benchmark_group("decode TDLib's updates");
    group.bench_function("tl-tdlib", |b| {
        b.iter(|| {
            for json in &both {
                black_box(enums::Update::from_json(black_box(json)).unwrap());
            }
        })
    });
    group.bench_function("tdlib-rs 1.4.0", |b| {
        b.iter(|| {
            for json in &both {
                black_box(
                    serde_json::from_str::<tdlib_rs::enums::Update>(black_box(json)).unwrap(),
                );
            }
        })
    });
    group.bench_function("serde_json::Value", |b| {
        b.iter(|| {
            for json in &both {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(json)).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
