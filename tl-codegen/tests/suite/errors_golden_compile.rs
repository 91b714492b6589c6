//! The golden error enums compile against the run-time crate and convert errors as
//! documented (see `errors_emit.rs` for how they are produced).

#[allow(dead_code, clippy::all)]
mod phone_request_call {
    include!("../golden/phone_request_call_errors.rs");
}

#[allow(dead_code, clippy::all)]
mod tricky {
    include!("../golden/tricky_errors.rs");
}

#[test]
fn golden_code_compiles_and_converts() {
    use phone_request_call::RequestCallError;
    use tl_runtime::rpc_error::{MethodError, RpcError};
    use tricky::TrickyError;

    let err = RequestCallError::from(RpcError::new(403, "USER_IS_BLOCKED"));
    assert_eq!(err, RequestCallError::UserIsBlocked);
    assert_eq!(err.code(), 403);
    assert_eq!(err.name(), "USER_IS_BLOCKED");
    assert!(err.is_documented());
    assert_eq!(err.documentation(), Some("You were blocked by this user"));
    assert_eq!(
        err.to_string(),
        "RPC error 403 USER_IS_BLOCKED: You were blocked by this user"
    );
    // Documented under another code: kept as it is.
    let err = RequestCallError::from(RpcError::new(400, "USER_IS_BLOCKED"));
    assert_eq!(
        err,
        RequestCallError::Other(RpcError::new(400, "USER_IS_BLOCKED"))
    );
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(RpcError::from(err), RpcError::new(400, "USER_IS_BLOCKED"));
    let err = RequestCallError::from(RpcError::new(420, "FLOOD_WAIT_7"));
    assert_eq!(err.wait_duration(), Some(std::time::Duration::from_secs(7)));
    assert!(!err.is_documented());

    let cases: Vec<(RpcError, TrickyError)> = vec![
        (
            RpcError::new(420, "SLOWMODE_WAIT_30"),
            TrickyError::SlowmodeWait { seconds: 30 },
        ),
        (
            RpcError::new(420, "2FA_CONFIRM_WAIT_604800"),
            TrickyError::TwoFaConfirmWait { seconds: 604800 },
        ),
        (
            RpcError::new(500, "INTERDC_4_CALL_ERROR"),
            TrickyError::InterdcCallError { dc: 4 },
        ),
        (
            RpcError::new(400, "FILE_PART_3_MISSING"),
            TrickyError::FilePartMissing { value: 3 },
        ),
        (
            RpcError::new(400, "FILE_PART_0_MISSING"),
            TrickyError::FilePart0Missing,
        ),
        (
            RpcError::new(400, "SHA256_HASH_INVALID"),
            TrickyError::Sha256HashInvalid,
        ),
        (
            RpcError::new(400, "USER_IS_BLOCKED"),
            TrickyError::UserIsBlocked { code: 400 },
        ),
        (
            RpcError::new(403, "USER_IS_BLOCKED"),
            TrickyError::UserIsBlocked { code: 403 },
        ),
        (RpcError::new(-503, "Timeout"), TrickyError::Timeout),
        (
            RpcError::new(-500, "No workers running"),
            TrickyError::NoWorkersRunning,
        ),
        (
            RpcError::new(-3002, "All workers are busy. Active_queries = 12"),
            TrickyError::AllWorkersAreBusyActiveQueries { value: 12 },
        ),
        (RpcError::new(406, "OTHER"), TrickyError::Other2),
        (
            RpcError::new(420, "SLOWMODE_WAIT_X"),
            TrickyError::Other(RpcError::new(420, "SLOWMODE_WAIT_X")),
        ),
        (
            RpcError::new(400, "SLOWMODE_WAIT_5"),
            TrickyError::Other(RpcError::new(400, "SLOWMODE_WAIT_5")),
        ),
    ];
    for (rpc, expected) in cases {
        let converted = TrickyError::from(rpc.clone());
        assert_eq!(converted, expected, "{rpc}");
        // Lossless both ways.
        assert_eq!(converted.to_rpc_error(), rpc);
        assert_eq!(RpcError::from(converted), rpc);
    }
    assert_eq!(
        TrickyError::SlowmodeWait { seconds: 3 }.wait_duration(),
        Some(std::time::Duration::from_secs(3))
    );
    assert_eq!(TrickyError::Timeout.code(), -503);
    assert_eq!(TrickyError::Other2.documentation(), Some(""));
    assert_eq!(TrickyError::Other2.to_string(), "RPC error 406 OTHER");
}
