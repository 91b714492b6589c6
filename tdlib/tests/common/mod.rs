//! What the tests share: whether the whole td_api is there, and JSON trees.
#![allow(dead_code)]

use std::path::PathBuf;

/// Whether the bindings are of the whole td_api of 1.8.66; `false` (after printing why) when
/// the shared material is missing, unless `TL_REQUIRE_SHARED=1`, which fails the test instead.
pub fn full_td_api() -> bool {
    if tl_tdlib::is_full_td_api() {
        return true;
    }
    let why = format!(
        "the bindings are of {}, not of ../shared/tdlib-1.8.66/td_api.tl",
        tl_tdlib::SCHEMA
    );
    if std::env::var("TL_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("{why} and TL_REQUIRE_SHARED=1");
    }
    eprintln!("skipping: {why} (set TL_REQUIRE_SHARED=1 to fail instead)");
    false
}

/// The test each test file has in place of its own when the bindings are not of the whole
/// td_api (the shared material is missing: they are of the generator tests' excerpt, which
/// lacks what the tests use): a skip with a message, a failure with `TL_REQUIRE_SHARED=1`.
macro_rules! needs_the_whole_td_api {
    () => {
        #[cfg(not(td_api_full))]
        #[test]
        fn needs_the_whole_td_api() {
            assert!(!common::full_td_api());
        }
    };
}

/// The shared TDLib folder (present when [`full_td_api`] is true).
pub fn tdlib_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/tdlib-1.8.66"
    ))
}

/// JSON text as a tree, for comparing values rather than their spelling.
pub fn tree(json: &str) -> serde_json::Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}
