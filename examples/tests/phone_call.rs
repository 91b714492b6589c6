//! The voice-call key exchange through the generated bindings: every message serialized and
//! parsed back (`tl_examples::phone_call`), both directions, a relay swapping `g_b`, the
//! typed error of a refused `phone.requestCall`, and the generated glue on its own.

use tl_examples::phone_call::{
    run_call, CallReport, Network, Relay, RequestCallError, SimError, WireMessage, DH_VERSION,
};
use tl_examples::tl::{enums, functions, name_for_id, types};
use tl_runtime::bytes::Bytes;
use tl_runtime::calls::{
    emoji_indices, CallError, CallIds, CallProtocol, CalleeAccept, CallerRequest, DhConfigCache,
    DhParams, PhoneCallState, ServerDhConfig, TELEGRAM_PRIME,
};
use tl_runtime::rpc_error::{MethodError, RpcError};
use tl_runtime::wire::{Deserialize, RemoteCall, Serialize};

/// Parses a message as `T` and serializes it again: the bytes must come back identical.
fn round_trips<T: Deserialize + Serialize>(bytes: &Bytes) -> bool {
    T::from_bytes(bytes.clone()).is_ok_and(|value| value.to_bytes() == bytes[..])
}

/// Every logged message parses as what its id says and re-serializes to the same bytes.
fn assert_round_trips(log: &[WireMessage]) {
    for m in log {
        let ok = match m.tl_name() {
            "messages.getDhConfig" => round_trips::<functions::messages::GetDhConfig>(&m.bytes),
            "messages.dhConfig" | "messages.dhConfigNotModified" => {
                round_trips::<enums::messages::DhConfig>(&m.bytes)
            }
            "phone.requestCall" => round_trips::<functions::phone::RequestCall>(&m.bytes),
            "phone.acceptCall" => round_trips::<functions::phone::AcceptCall>(&m.bytes),
            "phone.confirmCall" => round_trips::<functions::phone::ConfirmCall>(&m.bytes),
            "phone.phoneCall" => round_trips::<enums::phone::PhoneCall>(&m.bytes),
            "updateShort" => round_trips::<enums::Updates>(&m.bytes),
            "rpc_error" => round_trips::<types::RpcError>(&m.bytes),
            other => panic!("unexpected message {other}"),
        };
        assert!(ok, "{m} does not round-trip");
    }
}

/// `(from, to, description)` of each message.
fn flow(log: &[WireMessage]) -> Vec<(String, String, String)> {
    log.iter()
        .map(|m| (m.from.clone(), m.to.clone(), m.describe()))
        .collect()
}

/// The messages of one call from `a` to `b`; `config` is how the server answers
/// `messages.getDhConfig`.
fn expected_flow(a: &str, b: &str, config: &str) -> Vec<(String, String, String)> {
    [
        (a, "server", "messages.getDhConfig"),
        ("server", a, config),
        (a, "server", "phone.requestCall"),
        ("server", a, "phone.phoneCall(phoneCallWaiting)"),
        (
            "server",
            b,
            "updateShort(updatePhoneCall(phoneCallRequested))",
        ),
        (b, "server", "messages.getDhConfig"),
        ("server", b, config),
        (b, "server", "phone.acceptCall"),
        ("server", b, "phone.phoneCall(phoneCallWaiting)"),
        (
            "server",
            a,
            "updateShort(updatePhoneCall(phoneCallWaiting))",
        ),
        (
            "server",
            a,
            "updateShort(updatePhoneCall(phoneCallAccepted))",
        ),
        (a, "server", "phone.confirmCall"),
        ("server", a, "phone.phoneCall(phoneCall)"),
        ("server", b, "updateShort(updatePhoneCall(phoneCall))"),
    ]
    .iter()
    .map(|(f, t, d)| ((*f).to_owned(), (*t).to_owned(), (*d).to_owned()))
    .collect()
}

/// The one message of `log` named `name` sent by `from`, parsed as `T`.
fn find<T: Deserialize>(log: &[WireMessage], from: &str, name: &str) -> T {
    let m = log
        .iter()
        .find(|m| m.from == from && m.tl_name() == name)
        .unwrap_or_else(|| panic!("{from} sent no {name}"));
    T::from_bytes(m.bytes.clone()).expect("parses")
}

/// The `PhoneCall` of the update in `state` delivered to `to`.
fn update_to(log: &[WireMessage], to: &str, state: &str) -> enums::PhoneCall {
    log.iter()
        .filter(|m| m.to == to && m.tl_name() == "updateShort")
        .filter_map(
            |m| match enums::Updates::from_bytes(m.bytes.clone()).ok()? {
                enums::Updates::UpdateShort(short) => match *short.update {
                    enums::Update::PhoneCall(u) => Some(u.phone_call),
                    _ => None,
                },
                _ => None,
            },
        )
        .find(|call| PhoneCallState::from(call).tl_name() == state)
        .unwrap_or_else(|| panic!("no {state} for {to}"))
}

/// Checks an honest call: both ends hold the same key, fingerprint and emojis, and the
/// values on the wire are the ones the states computed.
fn assert_agree(report: &CallReport, log: &[WireMessage], caller: &str, callee: &str) {
    let a = report.caller.as_ref().expect("caller end");
    let b = report.callee.as_ref().expect("callee end");
    assert_eq!(a.key(), b.key());
    assert_eq!(a.key_fingerprint(), b.key_fingerprint());
    assert_eq!(a.emojis(), b.emojis());
    assert!(a.is_outgoing() && !b.is_outgoing());
    assert!(report.relay.is_none());
    // The emojis hash the g_a both saw: the one confirmCall carried.
    let confirm: functions::phone::ConfirmCall = find(log, caller, "phone.confirmCall");
    assert_eq!(confirm.g_a, report.g_a);
    assert_eq!(confirm.g_a.len(), 256);
    assert_eq!(confirm.key_fingerprint, a.key_fingerprint());
    assert_eq!(emoji_indices(a.key(), &report.g_a), a.emoji_indices());
    // g_a_hash went from requestCall to the callee's phoneCallRequested unchanged.
    let request: functions::phone::RequestCall = find(log, caller, "phone.requestCall");
    assert_eq!(request.g_a_hash, report.g_a_hash);
    assert_eq!(request.g_a_hash.len(), 32);
    let enums::PhoneCall::Requested(requested) = update_to(log, callee, "phoneCallRequested")
    else {
        unreachable!()
    };
    assert_eq!(requested.g_a_hash, report.g_a_hash);
    // The callee's g_b reached the caller unchanged.
    let accept: functions::phone::AcceptCall = find(log, callee, "phone.acceptCall");
    let enums::PhoneCall::Accepted(accepted) = update_to(log, caller, "phoneCallAccepted") else {
        unreachable!()
    };
    assert_eq!(accepted.g_b, accept.g_b);
    assert!(log.iter().all(|m| !m.rewritten));
}

#[test]
fn calls_in_both_directions_through_serialized_messages() {
    let mut net = Network::new(11);
    let alice = net.register("alice");
    let bob = net.register("bob");

    let report = run_call(&mut net, &alice, &bob, Relay::Honest).expect("alice calls bob");
    let first = net.log().to_vec();
    assert_eq!(
        flow(&first),
        expected_flow("alice", "bob", "messages.dhConfig")
    );
    assert_round_trips(&first);
    assert_agree(&report, &first, "alice", "bob");
    let first_key = *report.caller.as_ref().expect("caller").key();

    // The other way: both caches hold the server's version, so it answers NotModified.
    assert_eq!(alice.cache.version(), DH_VERSION);
    let report = run_call(&mut net, &bob, &alice, Relay::Honest).expect("bob calls alice");
    let second = net.log()[first.len()..].to_vec();
    assert_eq!(
        flow(&second),
        expected_flow("bob", "alice", "messages.dhConfigNotModified")
    );
    assert_round_trips(&second);
    assert_agree(&report, &second, "bob", "alice");
    // Fresh secrets for every call.
    assert_ne!(report.caller.as_ref().expect("caller").key(), &first_key);
}

#[test]
fn relay_swapping_g_b_is_detected() {
    let mut net = Network::new(12);
    let alice = net.register("alice");
    let bob = net.register("bob");
    let report = run_call(&mut net, &alice, &bob, Relay::SwapGb).expect("runs to the end");
    let log = net.log();
    assert_round_trips(log);

    // What the relay did: alice got another g_b than bob sent, in both messages carrying it.
    let accept: functions::phone::AcceptCall = find(log, "bob", "phone.acceptCall");
    let enums::PhoneCall::Accepted(accepted) = update_to(log, "alice", "phoneCallAccepted") else {
        unreachable!()
    };
    assert_ne!(accepted.g_b, accept.g_b);
    let answer = log
        .iter()
        .find(|m| m.to == "alice" && m.describe() == "phone.phoneCall(phoneCall)")
        .expect("confirmCall's answer");
    assert!(answer.rewritten);
    let rewritten: Vec<String> = log
        .iter()
        .filter(|m| m.rewritten)
        .map(WireMessage::describe)
        .collect();
    assert_eq!(
        rewritten,
        [
            "updateShort(updatePhoneCall(phoneCallAccepted))",
            "phone.phoneCall(phoneCall)"
        ]
    );

    // The caller cannot tell: its key is the relay's...
    let a = report.caller.as_ref().expect("the caller completes");
    let m = report
        .relay
        .as_ref()
        .expect("relay call")
        .as_ref()
        .expect("relay completes");
    assert_eq!(a.key(), m.key());
    // ...but the callee's fingerprint check fails (its g_a_hash check passed: g_a is real),
    // and the fingerprint it computed is not the caller's, so the users' emojis differ.
    match &report.callee {
        Err(CallError::FingerprintMismatch { expected, received }) => {
            assert_eq!(*received, a.key_fingerprint());
            assert_ne!(*expected, a.key_fingerprint());
        }
        other => panic!("callee should reject the call: {other:?}"),
    }
}

#[test]
fn refused_request_call_is_the_typed_error() {
    let mut net = Network::new(13);
    let alice = net.register("alice");
    let bob = net.register("bob");
    net.refuse_calls_to(&bob);
    let error = match run_call(&mut net, &alice, &bob, Relay::Honest) {
        Err(SimError::RequestCall(e)) => e,
        other => panic!("expected a refusal: {other:?}"),
    };
    assert_eq!(error, RequestCallError::UserPrivacyRestricted);
    assert_eq!(
        (error.code(), error.name()),
        (403, "USER_PRIVACY_RESTRICTED")
    );
    assert!(error.is_documented());
    assert_eq!(
        error.documentation(),
        Some("The user's privacy settings do not allow you to do this")
    );

    // The same by hand: rpc_error#2144ca19 serialized, parsed back, converted.
    let sent = types::RpcError {
        error_code: 403,
        error_message: "USER_PRIVACY_RESTRICTED".into(),
    }
    .to_bytes();
    let mut expected = 0x2144_ca19_u32.to_le_bytes().to_vec();
    expected.extend_from_slice(&403_i32.to_le_bytes());
    expected.push(23);
    expected.extend_from_slice(b"USER_PRIVACY_RESTRICTED");
    assert_eq!(sent, expected); // 4 + 4 + 1 + 23 bytes: already a multiple of 4
    let logged = net.log().last().expect("the refusal");
    assert_eq!(logged.describe(), "rpc_error(403 USER_PRIVACY_RESTRICTED)");
    assert_eq!(logged.bytes[..], sent[..]);
    let parsed = types::RpcError::from_bytes(sent).expect("parses");
    let rpc = RpcError::from_tl_body(parsed.error_code, parsed.error_message);
    let typed = <functions::phone::RequestCall as RemoteCall>::Error::from(rpc.clone());
    assert!(matches!(typed, RequestCallError::UserPrivacyRestricted));
    assert_eq!(RpcError::from(typed), rpc);
    // Undocumented for this method (or under another code): kept as sent.
    let other = RpcError::new(400, "USER_PRIVACY_RESTRICTED");
    assert_eq!(
        RequestCallError::from(other.clone()),
        RequestCallError::Other(other)
    );
}

#[test]
fn bad_dh_config_from_the_server_stops_the_call() {
    // g = 2 is unusable with Telegram's prime (p mod 8 = 3); a 2047-bit p is not a 2048-bit
    // one. Both are rejected by the caller before anything is drawn.
    let short = TELEGRAM_PRIME.map(|b| b >> 1);
    for (g, p, expected) in [
        (
            2,
            &TELEGRAM_PRIME,
            CallError::GResidue {
                g: 2,
                modulus: 8,
                residue: 3,
            },
        ),
        (3, &short, CallError::PrimeNot2048Bits { bits: 2047 }),
    ] {
        let mut net = Network::with_dh_config(14, g, p);
        let alice = net.register("alice");
        let bob = net.register("bob");
        match run_call(&mut net, &alice, &bob, Relay::Honest) {
            Err(SimError::Call { side, error }) => {
                assert_eq!((side.as_str(), error), ("alice", expected));
            }
            other => panic!("expected a rejected config: {other:?}"),
        }
        assert_eq!(alice.cache.version(), 0, "nothing cached");
    }
}

/// A `Client`-free check of each piece of generated glue.
#[test]
fn generated_glue_pieces() {
    let cache = DhConfigCache::new();
    let request = functions::messages::GetDhConfig::from_cache(&cache);
    assert_eq!((request.version, request.random_length), (0, 256));
    let config: enums::messages::DhConfig = types::messages::DhConfig {
        g: 3,
        p: Bytes::from_static(&TELEGRAM_PRIME),
        version: 9,
        random: Bytes::from(vec![5; 256]),
    }
    .into();
    assert_eq!(
        ServerDhConfig::from(&config),
        ServerDhConfig::Config {
            g: 3,
            p: &TELEGRAM_PRIME,
            version: 9,
            random: &[5; 256]
        }
    );
    let params = cache.receive(&config).expect("valid");
    assert_eq!(
        functions::messages::GetDhConfig::from_cache(&cache).version,
        9
    );
    let not_modified: enums::messages::DhConfig = types::messages::DhConfigNotModified {
        random: Bytes::from_static(&[6; 256]),
    }
    .into();
    assert_eq!(
        cache.receive(&not_modified).expect("cached").random(),
        &[6; 256]
    );
    assert_eq!(
        DhConfigCache::new().receive(&not_modified).unwrap_err(),
        CallError::NotModifiedWithoutConfig
    );

    // Protocol, both ways.
    let official = CallProtocol::official();
    let protocol = enums::PhoneCallProtocol::from(official.clone());
    let enums::PhoneCallProtocol::PhoneCallProtocol(fields) = &protocol;
    assert!(fields.udp_p2p && fields.udp_reflector);
    assert_eq!((fields.min_layer, fields.max_layer), (65, 92));
    assert_eq!(CallProtocol::from(&protocol), official);
    let custom = CallProtocol {
        udp_p2p: false,
        udp_reflector: true,
        min_layer: 1,
        max_layer: 2,
        library_versions: vec!["x".to_owned()],
    };
    assert_eq!(
        CallProtocol::from(&types::PhoneCallProtocol::from(custom.clone())),
        custom
    );

    // Requests from the states.
    let mut caller = CallerRequest::start(&params).expect("caller");
    let user = types::InputUser {
        user_id: 42,
        access_hash: 43,
    };
    let request = functions::phone::RequestCall::from_caller(&caller, user.clone(), 7, true);
    assert_eq!(request.g_a_hash[..], caller.g_a_hash());
    assert_eq!(request.user_id, enums::InputUser::from(user));
    assert_eq!((request.random_id, request.video), (7, true));
    assert_eq!(request.protocol, protocol);
    let bytes = request.to_bytes();
    assert_eq!(bytes[..4], 0x42ff_96ed_u32.to_le_bytes());
    assert_eq!(bytes[4..8], 1_u32.to_le_bytes(), "video is flags.0");

    // requestCall's answer names the call, from the generated `phone.PhoneCall`.
    let waiting: enums::phone::PhoneCall = types::phone::PhoneCall {
        phone_call: types::PhoneCallWaiting {
            video: false,
            id: 100,
            access_hash: 101,
            date: 1,
            admin_id: 42,
            participant_id: 44,
            protocol: protocol.clone(),
            receive_date: None,
        }
        .into(),
        users: Vec::new(),
    }
    .into();
    caller.receive_waiting(&waiting).expect("waiting");
    let requested = types::PhoneCallRequested {
        video: false,
        id: 100,
        access_hash: 101,
        date: 1,
        admin_id: 42,
        participant_id: 44,
        g_a_hash: request.g_a_hash.clone(),
        protocol: protocol.clone(),
    };
    let callee = CalleeAccept::receive_requested(&params, &requested).expect("callee");
    let accept = functions::phone::AcceptCall::from_callee(&callee, &requested);
    let peer: enums::InputPhoneCall = types::InputPhoneCall {
        id: 100,
        access_hash: 101,
    }
    .into();
    assert_eq!(accept.peer, peer);
    assert_eq!(accept.g_b[..], callee.g_b()[..]);
    let accepted = types::PhoneCallAccepted {
        video: false,
        id: 100,
        access_hash: 101,
        date: 2,
        admin_id: 42,
        participant_id: 44,
        g_b: accept.g_b.clone(),
        protocol: protocol.clone(),
    };
    let confirm = caller.receive_accepted(&accepted).expect("accepted");
    let request = functions::phone::ConfirmCall::from_confirm(&confirm, &accepted);
    assert_eq!(request.peer, peer);
    assert_eq!(request.g_a[..], confirm.g_a()[..]);
    assert_eq!(request.key_fingerprint, confirm.key_fingerprint());
    assert_eq!(request.protocol, protocol);
    let call = types::PhoneCall {
        p2p_allowed: false,
        video: false,
        conference_supported: false,
        id: 100,
        access_hash: 101,
        date: 3,
        admin_id: 42,
        participant_id: 44,
        g_a_or_b: request.g_a.clone(),
        key_fingerprint: request.key_fingerprint,
        protocol,
        connections: Vec::new(),
        start_date: 3,
        custom_parameters: None,
    };
    assert_eq!(enums::InputPhoneCall::from(&call), peer);
    let call: enums::PhoneCall = call.into();
    let update = types::UpdatePhoneCall {
        phone_call: call.clone(),
    };
    assert_eq!(PhoneCallState::from(&update), PhoneCallState::from(&call));
    let callee_end = callee.receive_call(&update).expect("callee end");
    let answer: enums::phone::PhoneCall = types::phone::PhoneCall {
        phone_call: call,
        users: Vec::new(),
    }
    .into();
    let caller_end = confirm.receive_confirmed(&answer).expect("caller end");
    assert_eq!(caller_end.key(), callee_end.key());
}

#[test]
fn every_phone_call_constructor_maps_to_its_state() {
    let protocol = enums::PhoneCallProtocol::from(CallProtocol::official());
    let calls: Vec<enums::PhoneCall> = vec![
        types::PhoneCallEmpty { id: 1 }.into(),
        types::PhoneCallWaiting {
            video: false,
            id: 1,
            access_hash: 2,
            date: 3,
            admin_id: 4,
            participant_id: 5,
            protocol: protocol.clone(),
            receive_date: None,
        }
        .into(),
        types::PhoneCallDiscarded {
            need_rating: false,
            need_debug: false,
            video: false,
            id: 1,
            reason: None,
            duration: None,
        }
        .into(),
    ];
    for call in &calls {
        let state = PhoneCallState::from(call);
        assert_eq!(Some(state.tl_name()), name_for_id(call.constructor_id()));
        // Each goes through the wire and keeps its state.
        let back = enums::PhoneCall::from_bytes(call.to_bytes()).expect("round trip");
        assert_eq!(PhoneCallState::from(&back), state);
    }
    assert_eq!(
        calls.iter().map(PhoneCallState::from).collect::<Vec<_>>(),
        [
            PhoneCallState::Empty,
            PhoneCallState::Waiting {
                ids: CallIds {
                    id: 1,
                    access_hash: 2,
                    admin_id: 4,
                    participant_id: 5
                }
            },
            PhoneCallState::Discarded
        ]
    );
    // A waiting call names its peer too, and is an unexpected state for every step.
    let enums::PhoneCall::Waiting(waiting) = &calls[1] else {
        unreachable!()
    };
    let enums::InputPhoneCall::InputPhoneCall(peer) = enums::InputPhoneCall::from(waiting);
    assert_eq!((peer.id, peer.access_hash), (1, 2));
    let params = DhParams::telegram(&[]);
    assert_eq!(
        CalleeAccept::receive_requested(&params, &calls[1]).unwrap_err(),
        CallError::UnexpectedPhoneCall {
            expected: "phoneCallRequested",
            received: "phoneCallWaiting"
        }
    );
    let caller = CallerRequest::start(&params).expect("caller");
    assert_eq!(
        caller.receive_accepted(&calls[2]).unwrap_err(),
        CallError::UnexpectedPhoneCall {
            expected: "phoneCallAccepted",
            received: "phoneCallDiscarded"
        }
    );
}
