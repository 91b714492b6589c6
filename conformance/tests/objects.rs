//! MTProto's service messages that carry `Object`, as the bundled `schema/mtproto.tl` has them
//! (`tl_conformance::bindings`): a `msg_container` of two
//! messages, one an `rpc_result` whose answer is `gzip_packed`, written out byte by byte;
//! decoded, unwrapped to the typed answer, rebuilt from values, and refused when damaged.

use tl_conformance::bindings::{enums, functions, types};
use tl_runtime::rpc_error::GenericError;
use tl_runtime::wire::{
    AnswerError, Deserialize, DeserializeError, RawObject, RemoteCall, Serialize,
    DEFAULT_INFLATE_LIMIT, GZIP_PACKED_ID,
};

const PING_MSG_ID: i64 = 0x5e0b_6ff0_0000_0004;
const PING_ID: i64 = 0x1122_3344_5566_7788;

/// `pong#347773c5 msg_id:long ping_id:long`: the answer to `ping`, 20 bytes.
const PONG: [u8; 20] = [
    0xc5, 0x73, 0x77, 0x34, // pong#347773c5
    0x04, 0x00, 0x00, 0x00, 0xf0, 0x6f, 0x0b, 0x5e, // msg_id = PING_MSG_ID
    0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // ping_id = PING_ID
];

/// CRC32 of `PONG`, for the gzip trailer (checked against crc32fast below).
const PONG_CRC32: u32 = 0xaa84_116a;

/// `PONG` as a gzip member of one stored (uncompressed) deflate block: 43 bytes.
fn pong_gzip() -> Vec<u8> {
    let mut gz = vec![
        0x1f, 0x8b, // gzip magic
        0x08, // CM = deflate
        0x00, // FLG: no name, comment, extra or header CRC
        0x00, 0x00, 0x00, 0x00, // MTIME = 0
        0x00, // XFL
        0xff, // OS = unknown
        0x01, // deflate block header: BFINAL = 1, BTYPE = 00 (stored)
        0x14, 0x00, // LEN = 20
        0xeb, 0xff, // NLEN = !20
    ];
    gz.extend(PONG);
    gz.extend(PONG_CRC32.to_le_bytes()); // CRC32 of the data
    gz.extend(20u32.to_le_bytes()); // ISIZE = 20
    gz
}

/// The container, 120 bytes:
/// `msg_container [message(rpc_result(gzip_packed(pong))), message(msgs_ack)]`.
fn container_bytes() -> Vec<u8> {
    let gz = pong_gzip();
    assert_eq!(gz.len(), 43);
    let mut out = vec![
        0xdc, 0xf8, 0xf1, 0x73, // msg_container#73f1f8dc
        0x02, 0x00, 0x00, 0x00, // vector<%Message>: 2 bare `message`s
        // message 1
        0x01, 0x00, 0x00, 0x00, 0x00, 0x70, 0x0b, 0x5e, // msg_id = 0x5e0b700000000001
        0x01, 0x00, 0x00, 0x00, // seqno = 1
        0x3c, 0x00, 0x00, 0x00, // bytes = 60: the body below
        0x01, 0x6d, 0x5c, 0xf3, // body: rpc_result#f35c6d01
        0x04, 0x00, 0x00, 0x00, 0xf0, 0x6f, 0x0b, 0x5e, // req_msg_id = PING_MSG_ID
        0xa1, 0xcf, 0x72, 0x30, // result: gzip_packed#3072cfa1
        0x2b, // packed_data: 43 bytes (1 + 43 = 44, no padding)
    ];
    out.extend(&gz);
    out.extend([
        // message 2
        0x02, 0x00, 0x00, 0x00, 0x00, 0x70, 0x0b, 0x5e, // msg_id = 0x5e0b700000000002
        0x02, 0x00, 0x00, 0x00, // seqno = 2
        0x14, 0x00, 0x00, 0x00, // bytes = 20
        0x59, 0xb4, 0xd6, 0x62, // body: msgs_ack#62d6b459
        0x15, 0xc4, 0xb5, 0x1c, // msg_ids: Vector#1cb5c415
        0x01, 0x00, 0x00, 0x00, // 1 element
        0x04, 0x00, 0x00, 0x00, 0xf0, 0x6f, 0x0b, 0x5e, // PING_MSG_ID
    ]);
    assert_eq!(out.len(), 120);
    out
}

/// The answer to request `req_msg_id` in a container, decoded as the request's return type:
/// the unwrap a client does (`README.md`, "MTProto's `Object`").
fn answer_to<R: RemoteCall>(
    container: &[u8],
    req_msg_id: i64,
) -> Result<Option<R::Return>, DeserializeError> {
    let container = types::MsgContainer::from_bytes(container.to_vec())?;
    for message in &container.messages {
        if message.body.is::<types::RpcResult>() {
            let result: types::RpcResult = message.body.decode()?;
            if result.req_msg_id == req_msg_id {
                return match result.result.answer::<R>() {
                    Ok(answer) => Ok(Some(answer)),
                    Err(AnswerError::Decode(e)) => Err(e),
                    Err(AnswerError::Rpc(e)) => panic!("an error answer: {e}"),
                };
            }
        }
    }
    Ok(None)
}

#[test]
fn the_hand_derived_gzip_member_is_what_a_gzip_reader_reads() {
    assert_eq!(crc32fast::hash(&PONG), PONG_CRC32);
    let packed = RawObject::encode(&types::GzipPacked::new(pong_gzip().into()));
    assert_eq!(packed.constructor_id(), GZIP_PACKED_ID);
    assert_eq!(&packed.unpack().unwrap().as_bytes()[..], &PONG);
}

#[test]
fn a_container_unwraps_to_the_typed_answer() {
    let bytes = container_bytes();
    let pong = answer_to::<functions::Ping>(&bytes, PING_MSG_ID)
        .unwrap()
        .expect("an answer to the ping");
    let enums::Pong::Pong(pong) = pong;
    assert_eq!((pong.msg_id, pong.ping_id), (PING_MSG_ID, PING_ID));
    // No answer to another request.
    assert_eq!(answer_to::<functions::Ping>(&bytes, 7).unwrap(), None);

    // Step by step: every level is what the bytes say.
    let container = types::MsgContainer::from_bytes(bytes.clone()).unwrap();
    let [first, second] = container.messages.as_slice() else {
        panic!("{container:?}")
    };
    assert_eq!((first.msg_id, first.seqno), (0x5e0b_7000_0000_0001, 1));
    assert_eq!((second.msg_id, second.seqno), (0x5e0b_7000_0000_0002, 2));
    // Bodies are zero-copy slices of the input, exactly as long as `bytes` said.
    assert_eq!(first.body.as_bytes().len(), 60);
    assert_eq!(&first.body.as_bytes()[..], &bytes[24..84]);
    let result: types::RpcResult = first.body.decode().unwrap();
    assert!(result.result.is_gzip_packed());
    assert_eq!(result.result.as_bytes().len(), 48);
    // Without inflating, the answer is the `gzip_packed` constructor itself.
    let packed: types::GzipPacked = result.result.decode_as_is().unwrap();
    assert_eq!(&packed.packed_data[..], &pong_gzip()[..]);
    let ack: enums::MsgsAck = second.body.decode().unwrap();
    let enums::MsgsAck::MsgsAck(ack) = ack;
    assert_eq!(ack.msg_ids, [PING_MSG_ID]);
    // Decoded as the wrong type, a body is an error naming the type expected.
    assert!(matches!(
        second.body.decode::<types::RpcResult>(),
        Err(DeserializeError::UnexpectedConstructor {
            id: 0x62d6_b459,
            ..
        })
    ));

    // Re-encoding gives back the input, byte for byte.
    assert_eq!(container.to_bytes(), bytes);
    assert_eq!(container.serialized_len(), bytes.len());
}

#[test]
fn the_same_container_built_from_values() {
    let answer = types::RpcResult::new(
        PING_MSG_ID,
        RawObject::encode(&types::GzipPacked::new(pong_gzip().into())),
    );
    let ack = types::MsgsAck::new(vec![PING_MSG_ID]);
    let container = types::MsgContainer::new(vec![
        types::mtproto::Message::new(0x5e0b_7000_0000_0001, 1, RawObject::encode(&answer)),
        types::mtproto::Message::new(0x5e0b_7000_0000_0002, 2, RawObject::encode(&ack)),
    ]);
    assert_eq!(container.to_bytes(), container_bytes());
    // An unpacked answer decodes the same.
    let plain = types::RpcResult::new(PING_MSG_ID, RawObject::new(PONG.to_vec()).unwrap());
    let pong: <functions::Ping as RemoteCall>::Return = plain.result.decode().unwrap();
    assert_eq!(RawObject::encode(&pong).as_bytes()[..], PONG);
}

#[test]
fn an_error_answer_is_an_rpc_error() {
    // rpc_result#f35c6d01 req_msg_id:long result:(rpc_error#2144ca19 420 "FLOOD_WAIT_3")
    let mut body = vec![0x01, 0x6d, 0x5c, 0xf3];
    body.extend(PING_MSG_ID.to_le_bytes());
    body.extend([0x19, 0xca, 0x44, 0x21]); // rpc_error#2144ca19
    body.extend(420i32.to_le_bytes()); // error_code
    body.extend(b"\x0cFLOOD_WAIT_3\0\0\0"); // 1 + 12 = 13 bytes, 3 of padding
    let result = types::RpcResult::from_bytes(body.clone()).unwrap();
    assert!(result.result.is::<types::RpcError>());
    let error: types::RpcError = result.result.decode().unwrap();
    assert_eq!(
        (error.error_code, &*error.error_message),
        (420, "FLOOD_WAIT_3")
    );
    assert_eq!(result.to_bytes(), body);
}

#[test]
fn damaged_containers_are_errors() {
    let bytes = container_bytes();
    // Every truncation.
    for end in 0..bytes.len() {
        assert!(
            types::MsgContainer::from_bytes(bytes[..end].to_vec()).is_err(),
            "{end}"
        );
    }
    // A body length that is negative, too short for an id, unaligned, or past the end.
    for (len, expect_eof) in [
        (-60i32, false),
        (0, false),
        (2, false),
        (61, false),
        (1 << 30, true),
    ] {
        let mut damaged = bytes.clone();
        damaged[20..24].copy_from_slice(&len.to_le_bytes());
        let err = types::MsgContainer::from_bytes(damaged).unwrap_err();
        if expect_eof {
            assert!(
                matches!(err, DeserializeError::UnexpectedEof { .. }),
                "{err}"
            );
        } else {
            assert_eq!(
                err,
                DeserializeError::InvalidObjectLength { offset: 20, len },
                "{len}"
            );
        }
    }
    // A body length that ends inside the next message: that message is cut, and its rest
    // does not read as a message.
    let mut shifted = bytes.clone();
    shifted[20..24].copy_from_slice(&64i32.to_le_bytes());
    assert!(types::MsgContainer::from_bytes(shifted).is_err());
    // An `rpc_result` whose answer is shorter than a constructor id.
    let mut short = vec![0x01, 0x6d, 0x5c, 0xf3];
    short.extend(PING_MSG_ID.to_le_bytes());
    short.extend([0xc5, 0x73]);
    assert!(matches!(
        types::RpcResult::from_bytes(short),
        Err(DeserializeError::UnexpectedEof { offset: 12, .. })
    ));
}

#[test]
fn damaged_gzip_answers_are_errors() {
    let answer = |gz: Vec<u8>| {
        let packed = RawObject::encode(&types::GzipPacked::new(gz.into()));
        types::RpcResult::new(PING_MSG_ID, packed)
    };
    // A flipped data byte: the CRC32 no longer matches.
    let mut gz = pong_gzip();
    gz[20] ^= 1;
    assert!(matches!(
        answer(gz).result.decode::<enums::Pong>(),
        Err(DeserializeError::InvalidGzip { .. })
    ));
    // Not gzip at all, and a gzip member cut short.
    for gz in [b"not gzip".to_vec(), pong_gzip()[..30].to_vec()] {
        assert!(matches!(
            answer(gz).result.decode::<enums::Pong>(),
            Err(DeserializeError::InvalidGzip { .. })
        ));
    }
    // What inflates past the limit stops there.
    let result = answer(pong_gzip()).result;
    assert_eq!(
        result.unpack_with_limit(19),
        Err(DeserializeError::InflatedTooLarge { limit: 19 })
    );
    assert_eq!(&result.unpack_with_limit(20).unwrap().as_bytes()[..], &PONG);
    // Inflating to less than a constructor id.
    let mut tiny = pong_gzip();
    tiny.splice(11..15, [0x02, 0x00, 0xfd, 0xff]); // LEN = 2
    tiny.truncate(17);
    tiny.extend(crc32fast::hash(&PONG[..2]).to_le_bytes());
    tiny.extend(2u32.to_le_bytes());
    assert!(matches!(
        answer(tiny).result.unpack(),
        Err(DeserializeError::UnexpectedEof { .. })
    ));
}

/// TL written by hand, from the MTProto spec and the schema text, not the generated code.
#[derive(Default)]
struct Tl(Vec<u8>);

impl Tl {
    fn id(&mut self, id: u32) -> &mut Self {
        self.0.extend(id.to_le_bytes());
        self
    }
    fn int(&mut self, v: i32) -> &mut Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    fn long(&mut self, v: i64) -> &mut Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    /// `string`/`bytes`: a length byte (or 0xfe and three bytes from 254 on), the data,
    /// zeros to a multiple of 4.
    fn bytes(&mut self, data: &[u8]) -> &mut Self {
        let start = self.0.len();
        if data.len() < 254 {
            self.0.push(data.len() as u8);
        } else {
            self.0.push(0xfe);
            self.0.extend(&(data.len() as u32).to_le_bytes()[..3]);
        }
        self.0.extend(data);
        while !(self.0.len() - start).is_multiple_of(4) {
            self.0.push(0);
        }
        self
    }
    fn vector(&mut self, count: i32) -> &mut Self {
        self.id(0x1cb5_c415).int(count)
    }
    fn raw(&mut self, data: &[u8]) -> &mut Self {
        self.0.extend(data);
        self
    }
    /// A bare `message` of a container: msg_id, seqno, the body's length, the body.
    fn message(&mut self, msg_id: i64, seqno: i32, body: &[u8]) -> &mut Self {
        self.long(msg_id)
            .int(seqno)
            .int(body.len() as i32)
            .raw(body)
    }
}

const HISTORY_MSG_ID: i64 = 0x5e0b_6ff0_0000_0008;
const RESOLVE_MSG_ID: i64 = 0x5e0b_6ff0_0000_000c;
/// Non-ASCII text past 253 bytes, so that its length takes the four-byte form of a TL string.
fn text() -> String {
    "Grüße aus Zürich, ünïcödé ✓ — ".repeat(10)
}

/// `messages.messages` with a message (non-ASCII text, `out` and `from_id` set), an empty
/// message, no topics, an empty chat and an empty user.
fn history() -> Vec<u8> {
    let mut tl = Tl::default();
    tl.id(0x1d73_e7ea).vector(2); // messages.messages, messages:
    tl.id(0x7600_b9d3) // message
        .int((1 << 1) | (1 << 8)) // flags: out, from_id
        .int(0) // flags2
        .int(77) // id
        .id(0x5951_1722)
        .long(1001) // from_id: peerUser
        .id(0x5951_1722)
        .long(1002) // peer_id: peerUser
        .int(1_700_000_000) // date
        .bytes(text().as_bytes()); // message
    tl.id(0x90a6_ca84).int(1).int(78).id(0x5951_1722).long(1002); // messageEmpty, peer_id
    tl.vector(0); // topics
    tl.vector(1).id(0x2956_2865).long(5); // chats: chatEmpty
    tl.vector(1).id(0xd3bc_4b7a).long(1001); // users: userEmpty
    tl.0
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// A container as a server sends it: the answer to `messages.getHistory` gzip-packed in an
/// `rpc_result`, an `rpc_error` answering `contacts.resolveUsername`, and a `pong`.
fn frame() -> Vec<u8> {
    let packed = gzip(&history());
    let mut answer = Tl::default();
    answer.id(0xf35c_6d01).long(HISTORY_MSG_ID); // rpc_result
    answer.id(GZIP_PACKED_ID).bytes(&packed);
    let mut error = Tl::default();
    error.id(0xf35c_6d01).long(RESOLVE_MSG_ID); // rpc_result
    error.id(0x2144_ca19).int(420).bytes(b"FLOOD_WAIT_3"); // rpc_error
    let mut frame = Tl::default();
    frame.id(0x73f1_f8dc).int(3); // msg_container, 3 bare messages
    frame.message(0x5e0b_7000_0000_0001, 1, &answer.0);
    frame.message(0x5e0b_7000_0000_0005, 3, &error.0);
    frame.message(0x5e0b_7000_0000_0009, 5, &PONG);
    frame.0
}

#[test]
fn a_servers_frame_reads_back_typed_answers_errors_and_pongs() {
    use functions::{contacts::ResolveUsername, messages::GetHistory};

    let bytes = frame();
    let container = types::MsgContainer::from_bytes(bytes.clone()).unwrap();
    let ids: Vec<(i64, i32)> = container
        .messages
        .iter()
        .map(|m| (m.msg_id, m.seqno))
        .collect();
    assert_eq!(
        ids,
        [
            (0x5e0b_7000_0000_0001, 1),
            (0x5e0b_7000_0000_0005, 3),
            (0x5e0b_7000_0000_0009, 5)
        ]
    );
    let (mut page, mut resolve, mut pongs) = (None, None, Vec::new());
    for message in &container.messages {
        if message.body.is::<types::RpcResult>() {
            let result: types::RpcResult = message.body.decode().unwrap();
            // The pending call decides the type of the answer.
            match result.req_msg_id {
                HISTORY_MSG_ID => page = Some(result.result.answer::<GetHistory>()),
                RESOLVE_MSG_ID => resolve = Some(result.result.answer::<ResolveUsername>()),
                other => panic!("no call {other:#x} is pending"),
            }
        } else if message.body.is::<types::Pong>() {
            pongs.push(message.body.decode::<enums::Pong>().unwrap());
        } else {
            panic!("unexpected body {:#x}", message.body.constructor_id());
        }
    }

    // The gzip-packed history, inflated and typed.
    let enums::messages::Messages::Messages(page) = page.unwrap().unwrap() else {
        panic!("messages.messages expected")
    };
    let [enums::Message::Message(first), enums::Message::Empty(second)] = page.messages.as_slice()
    else {
        panic!("{:?}", page.messages)
    };
    assert!(first.out && !first.mentioned);
    assert_eq!((first.id, first.date), (77, 1_700_000_000));
    assert_eq!(&*first.message, text());
    assert!(text().len() > 253);
    assert_eq!(
        first.from_id,
        Some(enums::Peer::User(types::PeerUser::new(1001)))
    );
    assert_eq!(first.peer_id, enums::Peer::User(types::PeerUser::new(1002)));
    assert_eq!(second.id, 78);
    assert!(page.topics.is_empty());
    assert!(matches!(page.chats.as_slice(), [enums::Chat::Empty(c)] if c.id == 5));
    assert!(matches!(page.users.as_slice(), [enums::User::Empty(u)] if u.id == 1001));
    // What our encoder writes for it is what was packed.
    assert_eq!(
        enums::messages::Messages::Messages(page).to_bytes(),
        history()
    );

    // The error, typed as the call's errors.
    match resolve.unwrap() {
        Err(AnswerError::Rpc(GenericError::Flood { wait, error })) => {
            assert_eq!(wait, Some(std::time::Duration::from_secs(3)));
            assert_eq!((error.code(), error.message()), (420, "FLOOD_WAIT_3"));
        }
        other => panic!("{other:?}"),
    }

    let [enums::Pong::Pong(pong)] = pongs.as_slice() else {
        panic!("{pongs:?}")
    };
    assert_eq!((pong.msg_id, pong.ping_id), (PING_MSG_ID, PING_ID));

    // The container re-encodes to the frame, byte for byte.
    assert_eq!(container.to_bytes(), bytes);
}

#[test]
fn an_answer_that_inflates_past_the_limit_is_an_error() {
    // 16 MiB and one byte of zeros packs into about 16 KiB.
    let bomb = gzip(&vec![0; DEFAULT_INFLATE_LIMIT + 1]);
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let mut answer = Tl::default();
    answer.id(0xf35c_6d01).long(HISTORY_MSG_ID);
    answer.id(GZIP_PACKED_ID).bytes(&bomb);
    let result = types::RpcResult::from_bytes(answer.0).unwrap();
    assert_eq!(
        result.result.answer::<functions::messages::GetHistory>(),
        Err(AnswerError::Decode(DeserializeError::InflatedTooLarge {
            limit: DEFAULT_INFLATE_LIMIT
        }))
    );
    // A packed `rpc_error` is an error answer too, and a damaged one a decode error.
    let mut packed_error = Tl::default();
    packed_error
        .id(0x2144_ca19)
        .int(400)
        .bytes(b"USERNAME_INVALID");
    let mut answer = Tl::default();
    answer.id(0xf35c_6d01).long(RESOLVE_MSG_ID);
    answer.id(GZIP_PACKED_ID).bytes(&gzip(&packed_error.0));
    let result = types::RpcResult::from_bytes(answer.0).unwrap();
    assert!(matches!(
        result.result.answer::<functions::contacts::ResolveUsername>(),
        Err(AnswerError::Rpc(GenericError::BadRequest(e))) if e.message() == "USERNAME_INVALID"
    ));
    let cut = RawObject::new(packed_error.0[..10].to_vec()).unwrap();
    assert!(matches!(
        cut.answer::<functions::contacts::ResolveUsername>(),
        Err(AnswerError::Decode(DeserializeError::UnexpectedEof { .. }))
    ));
}

#[test]
fn msg_copy_holds_a_boxed_message_with_its_published_id() {
    // msg_copy#e06046b2 orig_message:(mtproto.message#5bb8e511 msg_id seqno bytes body:pong)
    let mut bytes = Tl::default();
    bytes.id(0xe060_46b2).id(0x5bb8_e511);
    bytes.message(0x5e0b_7000_0000_0011, 7, &PONG);
    let copy = types::MsgCopy::from_bytes(bytes.0.clone()).unwrap();
    let enums::mtproto::Message::Message(original) = &copy.orig_message;
    assert_eq!(
        (original.msg_id, original.seqno),
        (0x5e0b_7000_0000_0011, 7)
    );
    assert_eq!(&original.body.as_bytes()[..], &PONG);
    assert_eq!(copy.to_bytes(), bytes.0);
    // The message's id is that of Telegram's definition, not of the namespaced one.
    assert_eq!(
        crc32fast::hash(b"message msg_id:long seqno:int bytes:int body:Object = Message"),
        0x5bb8_e511
    );
}
