//! RPC errors: names, placeholders, the catalog and the generic error enum.

use std::time::Duration;

use tl_runtime::rpc_error::{
    fill_pattern, has_placeholder, match_pattern, ErrorCatalog, GenericError, KnownError,
    MethodError, RpcError,
};

#[test]
fn names_and_values() {
    let e = RpcError::from_tl_body(420, "FLOOD_WAIT_31");
    assert_eq!(e.code(), 420);
    assert_eq!(e.message(), "FLOOD_WAIT_31");
    assert_eq!(e.name(), "FLOOD_WAIT_X");
    assert_eq!(e.value(), Some(31));
    assert_eq!(e.wait_seconds(), Some(31));
    assert_eq!(e.wait_duration(), Some(Duration::from_secs(31)));
    assert_eq!(e.to_string(), "RPC error 420 FLOOD_WAIT_31");

    let e = RpcError::new(400, "SHA256_HASH_INVALID");
    assert_eq!(e.name(), "SHA256_HASH_INVALID");
    assert_eq!(e.value(), None);
    assert_eq!(e.wait_seconds(), None);

    let e = RpcError::new(420, "2FA_CONFIRM_WAIT_604800");
    assert_eq!(e.name(), "2FA_CONFIRM_WAIT_X");
    assert_eq!(e.wait_seconds(), Some(604800));

    let e = RpcError::new(406, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN");
    assert_eq!(e.name(), "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN");
    assert_eq!(e.wait_seconds(), None);

    let e = RpcError::new(500, "INTERDC_2_CALL_ERROR");
    assert_eq!(e.name(), "INTERDC_X_CALL_ERROR");
    assert_eq!(e.value(), Some(2));

    let e = RpcError::new(303, "PHONE_MIGRATE_4");
    assert_eq!(e.migrate_dc(), Some(4));
    assert_eq!(
        RpcError::new(400, "PHONE_NUMBER_INVALID").migrate_dc(),
        None
    );

    let e = RpcError::new(-3002, "All workers are busy. Active_queries = 17");
    assert_eq!(e.name(), "All workers are busy. Active_queries = X");
    assert_eq!(e.value(), Some(17));

    let huge = RpcError::new(420, "FLOOD_WAIT_99999999999999999999999");
    assert_eq!(huge.value(), None);
    assert_eq!(RpcError::new(0, "").name(), "");
}

#[test]
fn pattern_matching() {
    assert_eq!(
        match_pattern("FLOOD_WAIT_X", "FLOOD_WAIT_31"),
        Some(Some(31))
    );
    assert_eq!(match_pattern("FLOOD_WAIT_X", "FLOOD_WAIT_X"), Some(None));
    assert_eq!(match_pattern("FLOOD_WAIT_X", "FLOOD_WAIT_"), None);
    assert_eq!(match_pattern("FLOOD_WAIT_X", "FLOOD_WAIT_3a"), None);
    assert_eq!(match_pattern("FLOOD_WAIT_X", "SLOWMODE_WAIT_3"), None);
    assert_eq!(
        match_pattern("FLOOD_WAIT_%d", "FLOOD_WAIT_7"),
        Some(Some(7))
    );
    assert_eq!(
        match_pattern("FILE_PART_%d_MISSING", "FILE_PART_0_MISSING"),
        Some(Some(0))
    );
    assert_eq!(
        match_pattern("INTERDC_X_CALL_ERROR", "INTERDC_5_CALL_ERROR"),
        Some(Some(5))
    );
    assert_eq!(
        match_pattern("INTERDC_X_CALL_ERROR", "INTERDC_5_CALL_RICH_ERROR"),
        None
    );
    assert_eq!(
        match_pattern("2FA_CONFIRM_WAIT_X", "2FA_CONFIRM_WAIT_60"),
        Some(Some(60))
    );
    assert_eq!(
        match_pattern(
            "All workers are busy. Active_queries = X",
            "All workers are busy. Active_queries = 3"
        ),
        Some(Some(3))
    );
    // The X of MAX is a letter of the name.
    assert!(!has_placeholder("MAX_ID_INVALID"));
    assert_eq!(match_pattern("MAX_ID_INVALID", "MA1_ID_INVALID"), None);
    assert_eq!(
        match_pattern("SHA256_HASH_INVALID", "SHA256_HASH_INVALID"),
        Some(None)
    );
    assert_eq!(
        match_pattern("SHA256_HASH_INVALID", "SHA1_HASH_INVALID"),
        None
    );
    assert_eq!(match_pattern("A_X_B_X", "A_1_B_2"), Some(Some(1)));
    assert!(has_placeholder("FLOOD_WAIT_X"));
    assert!(has_placeholder("FILE_PART_%d_MISSING"));
    assert_eq!(fill_pattern("FLOOD_WAIT_X", Some(5)), "FLOOD_WAIT_5");
    assert_eq!(
        fill_pattern("FILE_PART_%d_MISSING", Some(0)),
        "FILE_PART_0_MISSING"
    );
    assert_eq!(fill_pattern("FLOOD_WAIT_X", None), "FLOOD_WAIT_X");
    assert_eq!(fill_pattern("USER_ID_INVALID", Some(3)), "USER_ID_INVALID");
}

static KNOWN: &[KnownError] = &[
    KnownError {
        code: 400,
        name: "FILE_PART_X_MISSING",
        description: "Part X of the file is missing from storage",
        methods: &["upload.saveFilePart"],
    },
    KnownError {
        code: 400,
        name: "FILE_PART_0_MISSING",
        description: "The first part is missing",
        methods: &["upload.saveBigFilePart"],
    },
    KnownError {
        code: 420,
        name: "FLOOD_WAIT_X",
        description: "Wait X seconds",
        methods: &[],
    },
    KnownError {
        code: 400,
        name: "USER_IS_BLOCKED",
        description: "You were blocked by this user",
        methods: &["messages.sendMessage"],
    },
    KnownError {
        code: 403,
        name: "USER_IS_BLOCKED",
        description: "You were blocked by this user",
        methods: &["messages.sendMessage", "phone.requestCall"],
    },
];

static CATALOG: ErrorCatalog = ErrorCatalog::new(KNOWN);

#[test]
fn catalog_lookup() {
    assert_eq!(CATALOG.len(), 5);
    let m = CATALOG
        .lookup(&RpcError::new(400, "FILE_PART_0_MISSING"))
        .unwrap();
    assert_eq!(m.known.name, "FILE_PART_0_MISSING", "exact names win");
    assert_eq!(m.value, None);
    let m = CATALOG
        .lookup(&RpcError::new(400, "FILE_PART_3_MISSING"))
        .unwrap();
    assert_eq!((m.known.name, m.value), ("FILE_PART_X_MISSING", Some(3)));
    let m = CATALOG
        .lookup(&RpcError::new(403, "USER_IS_BLOCKED"))
        .unwrap();
    assert_eq!((m.known.code, m.same_code), (403, true));
    let m = CATALOG
        .lookup(&RpcError::new(500, "USER_IS_BLOCKED"))
        .unwrap();
    assert!(!m.same_code);
    let m = CATALOG
        .lookup(&RpcError::new(420, "FLOOD_WAIT_10"))
        .unwrap();
    assert_eq!(m.value, Some(10));
    assert!(CATALOG.lookup(&RpcError::new(400, "NOPE")).is_none());
    assert_eq!(CATALOG.by_name("USER_IS_BLOCKED").count(), 2);
    let call: Vec<_> = CATALOG.for_method("phone.requestCall").collect();
    assert_eq!(call.len(), 1);
    assert_eq!(call[0].code, 403);
    assert_eq!(
        KNOWN[0].matches(&RpcError::new(400, "FILE_PART_1_MISSING")),
        Some(Some(1))
    );
    assert_eq!(
        KNOWN[0].matches(&RpcError::new(401, "FILE_PART_1_MISSING")),
        None
    );
}

#[test]
fn generic_error() {
    let e = GenericError::from(RpcError::new(420, "FLOOD_WAIT_3"));
    assert_eq!(
        e,
        GenericError::Flood {
            wait: Some(Duration::from_secs(3)),
            error: RpcError::new(420, "FLOOD_WAIT_3")
        }
    );
    assert_eq!(e.wait_duration(), Some(Duration::from_secs(3)));
    assert_eq!(MethodError::code(&e), 420);
    assert_eq!(MethodError::name(&e), "FLOOD_WAIT_3");
    assert!(!e.is_documented());
    let e = GenericError::from(RpcError::new(303, "FILE_MIGRATE_2"));
    assert!(matches!(e, GenericError::SeeOther { dc: Some(2), .. }));
    let e = GenericError::from(RpcError::new(-503, "Timeout"));
    assert!(matches!(e, GenericError::Internal(_)));
    assert_eq!(e.to_string(), "RPC error -503 Timeout");
    assert!(std::error::Error::source(&e).is_some());
    for (code, expected) in [
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (406, "NotAcceptable"),
        (500, "Internal"),
        (418, "Other"),
    ] {
        let e = GenericError::from(RpcError::new(code, "X"));
        assert!(format!("{e:?}").starts_with(expected), "{e:?}");
        assert_eq!(RpcError::from(e.clone()), RpcError::new(code, "X"));
        assert_eq!(e.to_rpc_error(), RpcError::new(code, "X"));
    }
    // RpcError is a MethodError too.
    fn takes<E: MethodError>(e: E) -> RpcError {
        e.to_rpc_error()
    }
    assert_eq!(takes(RpcError::new(400, "A")), RpcError::new(400, "A"));
}
