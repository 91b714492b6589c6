//! Byte vectors written out by hand from the TL encoding rules, for the primitives and for
//! generated types: flags, shared flag bits, boxed and bare vectors, nesting, generics.

use bytes::Bytes;
use tl_conformance::bindings::{enums, functions, types, LAYER};
use tl_runtime::wire::{Bare, Deserialize, DeserializeError, Identifiable, Serialize};

/// Encodes `value`, compares with `expected`, decodes `expected` back to `value`.
fn roundtrip<T: Serialize + Deserialize + PartialEq + std::fmt::Debug>(value: T, expected: &[u8]) {
    assert_eq!(value.serialized_len(), expected.len(), "serialized_len");
    assert_eq!(value.to_bytes(), expected, "encoding of {value:?}");
    assert_eq!(T::from_bytes(expected.to_vec()).unwrap(), value);
}

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

#[test]
fn primitives() {
    roundtrip(0x0102_0304_i32, &[4, 3, 2, 1]);
    roundtrip(-2_i32, &[0xfe, 0xff, 0xff, 0xff]);
    roundtrip(0x0102_0304_0506_0708_i64, &[8, 7, 6, 5, 4, 3, 2, 1]);
    roundtrip(1.5_f64, &[0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    let int128: [u8; 16] = std::array::from_fn(|i| i as u8);
    roundtrip(int128, &int128);
    let int256: [u8; 32] = std::array::from_fn(|i| 100 + i as u8);
    roundtrip(int256, &int256);
    roundtrip(true, &[0xb5, 0x75, 0x72, 0x99]);
    roundtrip(false, &[0x37, 0x97, 0x79, 0xbc]);
}

#[test]
fn strings_and_bytes_at_every_length_boundary() {
    // (length, header, padding)
    let cases: &[(usize, &[u8], usize)] = &[
        (0, &[0], 3),
        (1, &[1], 2),
        (3, &[3], 0),
        (253, &[253], 2),
        (254, &[254, 254, 0, 0], 2),
        (255, &[254, 255, 0, 0], 1),
        (1 << 16, &[254, 0, 0, 1], 0),
    ];
    for &(len, header, padding) in cases {
        let data: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
        let mut expected = header.to_vec();
        expected.extend_from_slice(&data);
        expected.extend(std::iter::repeat_n(0, padding));
        assert_eq!(expected.len() % 4, 0);
        roundtrip(String::from_utf8(data.clone()).unwrap(), &expected);
        roundtrip(Bytes::from(data), &expected);
    }
}

#[test]
fn bytes_fields_are_slices_of_the_input() {
    let input = Bytes::from(vec![3, b'a', b'b', b'c']);
    let mut reader = tl_runtime::wire::Reader::new(input.clone());
    let out = Bytes::deserialize(&mut reader).unwrap();
    assert_eq!(&out[..], b"abc");
    assert_eq!(out.as_ptr(), input[1..].as_ptr(), "no copy");
}

#[test]
fn boxed_vector_of_bare_longs() {
    // msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck;
    let value = types::MsgsAck {
        msg_ids: vec![1, 0x0102_0304_0506_0708],
    };
    let mut expected = le32(0x62d6_b459).to_vec();
    expected.extend(le32(0x1cb5_c415));
    expected.extend(le32(2));
    expected.extend(1i64.to_le_bytes());
    expected.extend(0x0102_0304_0506_0708i64.to_le_bytes());
    roundtrip(value.clone(), &expected);
    roundtrip(enums::MsgsAck::from(value), &expected);
}

#[test]
fn bare_vector_of_bare_constructors() {
    // future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;
    // future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;
    let value = types::FutureSalts {
        req_msg_id: 7,
        now: 8,
        salts: vec![types::FutureSalt {
            valid_since: 1,
            valid_until: 2,
            salt: 3,
        }],
    };
    let mut expected = le32(0xae50_0895).to_vec();
    expected.extend(7i64.to_le_bytes());
    expected.extend(8i32.to_le_bytes());
    expected.extend(le32(1)); // count, no vector id
    expected.extend(1i32.to_le_bytes()); // no constructor id either
    expected.extend(2i32.to_le_bytes());
    expected.extend(3i64.to_le_bytes());
    roundtrip(value.clone(), &expected);
    assert_eq!(value.bare_len(), expected.len() - 4);
}

fn protocol() -> enums::PhoneCallProtocol {
    types::PhoneCallProtocol {
        udp_p2p: true,
        udp_reflector: false,
        min_layer: 65,
        max_layer: 92,
        library_versions: vec!["2.4.4".into()],
    }
    .into()
}

fn protocol_bytes() -> Vec<u8> {
    // phoneCallProtocol#fc878fc8 flags:# udp_p2p:flags.0?true udp_reflector:flags.1?true
    //   min_layer:int max_layer:int library_versions:Vector<string>
    let mut b = le32(0xfc87_8fc8).to_vec();
    b.extend(le32(0b01));
    b.extend(65i32.to_le_bytes());
    b.extend(92i32.to_le_bytes());
    b.extend(le32(0x1cb5_c415));
    b.extend(le32(1));
    b.extend([5, b'2', b'.', b'4', b'.', b'4', 0, 0]);
    b
}

#[test]
fn nested_function_with_flags() {
    // phone.requestCall#42ff96ed flags:# video:flags.0?true user_id:InputUser random_id:int
    //   g_a_hash:bytes protocol:PhoneCallProtocol = phone.PhoneCall;
    let value = functions::phone::RequestCall {
        video: true,
        user_id: types::InputUser {
            user_id: 10,
            access_hash: -1,
        }
        .into(),
        random_id: 5,
        g_a_hash: Bytes::from_static(&[0xaa; 32]),
        protocol: protocol(),
    };
    let mut expected = le32(0x42ff_96ed).to_vec();
    expected.extend(le32(1)); // video
    expected.extend(le32(0xf211_58c6));
    expected.extend(10i64.to_le_bytes());
    expected.extend((-1i64).to_le_bytes());
    expected.extend(5i32.to_le_bytes());
    expected.push(32);
    expected.extend([0xaa; 32]);
    expected.extend([0, 0, 0]);
    expected.extend(protocol_bytes());
    roundtrip(value, &expected);
}

#[test]
fn boxed_request_fields_are_filled_with_into() {
    // messages.uploadMedia#14967978 flags:# business_connection_id:flags.0?string
    //   peer:InputPeer media:InputMedia = MessageMedia;
    // `media` is boxed (InputMedia's largest variant would take the request past 512 bytes);
    // `.into()` still builds it from a constructor.
    let value = functions::messages::UploadMedia {
        business_connection_id: None,
        peer: types::InputPeerSelf {}.into(),
        media: types::InputMediaGeoPoint {
            geo_point: types::InputGeoPoint {
                lat: 1.5,
                long: -2.0,
                accuracy_radius: None,
            }
            .into(),
        }
        .into(),
    };
    let mut expected = le32(0x1496_7978).to_vec();
    expected.extend(le32(0)); // flags
    expected.extend(le32(0x7da0_7ec9)); // inputPeerSelf
    expected.extend(le32(0xf9c4_4144)); // inputMediaGeoPoint
    expected.extend(le32(0x4822_2faf)); // inputGeoPoint
    expected.extend(le32(0)); // its flags
    expected.extend(1.5f64.to_le_bytes());
    expected.extend((-2.0f64).to_le_bytes());
    roundtrip(value, &expected);
}

#[test]
fn generic_function_embeds_the_query() {
    // invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X; with help.getConfig#c4f9186b
    let value = functions::InvokeWithLayer {
        layer: LAYER,
        query: functions::help::GetConfig {},
    };
    let mut expected = le32(0xda9b_0d0d).to_vec();
    expected.extend(230i32.to_le_bytes());
    expected.extend(le32(0xc4f9_186b));
    roundtrip(value, &expected);
    // The return type is the inner query's.
    fn returns<C: tl_runtime::wire::RemoteCall<Return = enums::Config>>(_: &C) {}
    returns(&functions::InvokeWithLayer {
        layer: LAYER,
        query: functions::help::GetConfig {},
    });
}

/// `message` with `flags` and `flags2`, and the two values that share bit 10 (`views`,
/// `forwards`): they are one `Option`, so one cannot be sent without the other.
fn message_bytes(views: Option<(i32, i32)>) -> Vec<u8> {
    let mut flags = 1 << 1; // out
    if views.is_some() {
        flags |= 1 << 10;
    }
    let mut b = le32(0x7600_b9d3).to_vec();
    b.extend(le32(flags));
    b.extend(le32((1 << 1) | (1 << 0))); // flags2: offline, via_business_bot_id
    b.extend(42i32.to_le_bytes()); // id
    b.extend(le32(0x5951_1722)); // peer_id: peerUser
    b.extend(77i64.to_le_bytes());
    b.extend(99i64.to_le_bytes()); // via_business_bot_id (flags2.0)
    b.extend(1_700_000_000i32.to_le_bytes()); // date
    b.extend([2, b'h', b'i', 0]); // message
    if let Some((views, forwards)) = views {
        b.extend(views.to_le_bytes());
        b.extend(forwards.to_le_bytes());
    }
    b
}

#[test]
fn flags_absent_and_present_and_shared_bits() {
    for views in [None, Some((1000, 5))] {
        let bytes = message_bytes(views);
        let decoded = enums::Message::from_bytes(bytes.clone()).unwrap();
        let enums::Message::Message(m) = &decoded else {
            panic!("expected message, got {decoded:?}");
        };
        assert!(m.out && !m.pinned && m.offline && !m.video_processing_pending);
        assert_eq!(m.id, 42);
        assert_eq!(m.via_business_bot_id, Some(99));
        assert_eq!(m.via_bot_id, None);
        assert_eq!(m.message, "hi");
        assert_eq!(
            m.views.as_ref().map(|v| (v.views, v.forwards)),
            views,
            "views and forwards travel together"
        );
        assert_eq!(decoded.to_bytes(), bytes);
    }
}

#[test]
fn implied_flags_follow_their_values() {
    // user#... bot:flags.14?true ... bot_info_version:flags.14?int: `bot` is a method.
    let bytes = {
        let mut v =
            types::User::deserialize_bare(&mut tl_runtime::wire::Reader::new(minimal_user_bare()))
                .unwrap();
        assert!(!v.bot());
        v.bot_info_version = Some(3);
        assert!(v.bot());
        v.to_bytes()
    };
    let flags = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
    assert_ne!(
        flags & (1 << 14),
        0,
        "setting the value sets the shared bit"
    );
}

/// A `user` with no flags set in either word: flags, flags2, id.
fn minimal_user_bare() -> Vec<u8> {
    let mut b = le32(0).to_vec();
    b.extend(le32(0));
    b.extend(5i64.to_le_bytes());
    b
}

#[test]
fn errors_are_typed() {
    let err = types::MsgsAck::from_bytes(vec![1, 2, 3, 4]).unwrap_err();
    assert!(matches!(
        err,
        DeserializeError::UnexpectedConstructor {
            offset: 0,
            id: 0x0403_0201,
            expected,
        } if expected.tl_name() == "msgs_ack" && expected.rust_name() == "tl_conformance::bindings::types::MsgsAck"
    ));
    let err = enums::Message::from_bytes(le32(0xdead_beef).to_vec()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected constructor id 0xdeadbeef at byte 0: expected \
         tl_conformance::bindings::enums::Message"
    );
    // A wrong id inside a value names the innermost type, where reading stopped.
    let mut bytes = le32(0x42ff_96ed).to_vec(); // phone.requestCall
    bytes.extend(le32(0)); // flags
    bytes.extend(le32(0xdead_beef)); // user_id:InputUser
    let err = functions::phone::RequestCall::from_bytes(bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected constructor id 0xdeadbeef at byte 8: expected \
         tl_conformance::bindings::enums::InputUser"
    );
    // A vector count of 2^31 in 12 bytes is rejected before anything is allocated.
    let mut huge = le32(0x62d6_b459).to_vec();
    huge.extend(le32(0x1cb5_c415));
    huge.extend(le32(1 << 31));
    assert!(matches!(
        types::MsgsAck::from_bytes(huge).unwrap_err(),
        DeserializeError::VectorTooLong { .. }
    ));
    // Trailing garbage after a complete value.
    let mut trailing = protocol_bytes();
    trailing.push(0);
    assert!(matches!(
        enums::PhoneCallProtocol::from_bytes(trailing).unwrap_err(),
        DeserializeError::TrailingBytes { .. }
    ));
}

#[test]
fn ids_and_names() {
    assert_eq!(functions::phone::RequestCall::CONSTRUCTOR_ID, 0x42ff_96ed);
    assert_eq!(
        tl_conformance::bindings::name_for_id(0x42ff_96ed),
        Some("phone.requestCall")
    );
    assert_eq!(
        tl_conformance::bindings::name_for_id(0x9972_75b5),
        Some("boolTrue")
    );
    assert_eq!(tl_conformance::bindings::name_for_id(0), None);
    assert_eq!(LAYER, 230);
}

#[test]
fn large_types_stay_small() {
    use std::mem::size_of;
    let sizes = [
        ("enums::Message", size_of::<enums::Message>()),
        ("enums::Update", size_of::<enums::Update>()),
        ("enums::MessageMedia", size_of::<enums::MessageMedia>()),
        ("enums::User", size_of::<enums::User>()),
        ("enums::Chat", size_of::<enums::Chat>()),
        ("enums::ChatFull", size_of::<enums::ChatFull>()),
        ("enums::PageBlock", size_of::<enums::PageBlock>()),
        ("types::Message", size_of::<types::Message>()),
        ("types::Channel", size_of::<types::Channel>()),
        ("types::ChannelFull", size_of::<types::ChannelFull>()),
        ("types::UserFull", size_of::<types::UserFull>()),
    ];
    println!("{sizes:?}");
    for (name, size) in sizes {
        assert!(size <= 512, "{name} is {size} bytes");
    }
}

/// An `rpc_error` reply, decoded with the bindings, becomes the runtime's `RpcError` and then
/// the method's error type (here `GenericError`: the conformance bindings have no docs).
#[test]
fn rpc_error_reply_converts_to_method_error() {
    use tl_runtime::rpc_error::{GenericError, RpcError};
    use tl_runtime::wire::RemoteCall;

    let mut bytes = 0x2144_ca19_u32.to_le_bytes().to_vec();
    bytes.extend_from_slice(&420_i32.to_le_bytes());
    bytes.push(14);
    bytes.extend_from_slice(b"FLOOD_WAIT_123");
    bytes.push(0);
    let reply = enums::RpcError::from_bytes(bytes).unwrap();
    let error: RpcError = reply.into();
    assert_eq!(error, RpcError::new(420, "FLOOD_WAIT_123"));
    assert_eq!(error.wait_seconds(), Some(123));
    type Error = <tl_conformance::bindings::functions::phone::RequestCall as RemoteCall>::Error;
    let error: Error = error.into();
    assert!(matches!(
        error,
        GenericError::Flood { wait: Some(w), .. } if w.as_secs() == 123
    ));
}
