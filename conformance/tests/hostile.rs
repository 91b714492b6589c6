//! Hostile bytes against the bindings of the bundled layer: truncation at every offset,
//! wrong constructor ids, length prefixes and vector counts far beyond the input, invalid
//! UTF-8, nesting through recursive types, trailing garbage. Always an `Err` of the right
//! kind (or, for invalid UTF-8, the documented lossy string), and the memory a decode
//! allocates stays within a small multiple of the input's size: a counting allocator
//! measures every decode here.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use bytes::Bytes;
use tl_conformance::bindings::{enums, functions, types};
use tl_runtime::wire::{
    Deserialize, DeserializeError, Serialize, MAX_DEPTH, VECTOR_ID, VEC_PREALLOC_BYTES,
};

/// The system allocator, counting the bytes each thread holds and the most it held.
struct Counting;

thread_local! {
    static HELD: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to `System`; the thread-local cells are const-initialized and never
// allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = HELD.try_with(|h| {
            h.set(h.get() + layout.size());
            let _ = PEAK.try_with(|p| p.set(p.get().max(h.get())));
        });
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = HELD.try_with(|h| h.set(h.get().saturating_sub(layout.size())));
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes `input` as `T`, returning the result and the most memory the decode held at once
/// beyond what was held before it (the input itself is allocated before).
fn decode<T: Deserialize>(input: &[u8]) -> (Result<T, DeserializeError>, usize) {
    let input = Bytes::from(input.to_vec());
    let before = HELD.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let result = T::from_bytes(input);
    let peak = PEAK.with(Cell::get) - before;
    (result, peak)
}

/// Memory a decode may use per input byte (generated structs are larger than their wire
/// form: a 4-byte `int` field can sit in a 100-byte struct) plus a constant.
fn allowed(input: usize) -> usize {
    64 * input + 4096
}

fn le32(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

fn rich_text_bold(depth: usize) -> Vec<u8> {
    // textBold#6724abc4 text:RichText, nested `depth` times around textEmpty#dc3d824f.
    let mut out = Vec::new();
    for _ in 0..depth {
        out.extend(le32(0x6724_abc4));
    }
    out.extend(le32(0xdc3d_824f));
    out
}

#[test]
fn nesting_through_recursive_types_stops_at_the_depth_limit() {
    let depth = MAX_DEPTH as usize;
    // The outer enum counts as a level too: `depth - 1` bold levels plus textEmpty fit.
    let (ok, _) = decode::<enums::RichText>(&rich_text_bold(depth - 1));
    assert!(ok.is_ok(), "{ok:?}");
    let (deep, _) = decode::<enums::RichText>(&rich_text_bold(depth));
    assert!(
        matches!(deep, Err(DeserializeError::TooDeep { .. })),
        "{deep:?}"
    );
    // Far deeper than any stack would allow: the same typed error, at once.
    let bytes = rich_text_bold(1_000_000);
    let (deep, peak) = decode::<enums::RichText>(&bytes);
    assert!(
        matches!(deep, Err(DeserializeError::TooDeep { offset }) if offset == 4 * depth),
        "{deep:?}"
    );
    assert!(peak <= allowed(bytes.len()), "{peak} bytes");

    // Through vectors: jsonArray#f7444763 value:Vector<JSONValue>, each holding one more.
    let mut json = Vec::new();
    for _ in 0..100_000 {
        json.extend(le32(0xf744_4763));
        json.extend(le32(VECTOR_ID));
        json.extend(le32(1));
    }
    let (deep, _) = decode::<enums::JsonValue>(&json);
    assert!(
        matches!(deep, Err(DeserializeError::TooDeep { .. })),
        "{deep:?}"
    );
}

#[test]
fn vector_counts_up_to_two_to_the_31_allocate_nothing() {
    for count in [1u32 << 16, 1 << 24, 1 << 31, u32::MAX] {
        // msgs_ack#62d6b459 msg_ids:Vector<long>
        let mut ack = le32(0x62d6_b459).to_vec();
        ack.extend(le32(VECTOR_ID));
        ack.extend(le32(count));
        ack.extend([0; 16]);
        let (r, peak) = decode::<types::MsgsAck>(&ack);
        assert!(
            matches!(r, Err(DeserializeError::VectorTooLong { count: c, .. }) if c == count),
            "{r:?}"
        );
        assert!(peak <= allowed(ack.len()), "count {count}: {peak} bytes");

        // A vector of boxed values: messages.messages#1d73e7ea messages:Vector<Message> ...
        let mut msgs = le32(0x1d73_e7ea).to_vec();
        msgs.extend(le32(VECTOR_ID));
        msgs.extend(le32(count));
        msgs.extend([0; 64]);
        let (r, peak) = decode::<enums::messages::Messages>(&msgs);
        assert!(
            matches!(r, Err(DeserializeError::VectorTooLong { .. })),
            "{r:?}"
        );
        assert!(peak <= allowed(msgs.len()), "count {count}: {peak} bytes");

        // A bare Vector<int> as a function result type (`Vector<int>` of stories.readStories).
        let mut ints = le32(VECTOR_ID).to_vec();
        ints.extend(le32(count));
        let (r, peak) = decode::<Vec<i32>>(&ints);
        assert!(
            matches!(r, Err(DeserializeError::VectorTooLong { .. })),
            "{r:?}"
        );
        assert!(peak <= allowed(ints.len()));
    }
    // Vector<Vector<long>> whose inner counts each claim the whole input: every level is
    // checked against what is left.
    let mut nested = le32(VECTOR_ID).to_vec();
    nested.extend(le32(2));
    nested.extend(le32(VECTOR_ID));
    nested.extend(le32(1 << 30));
    let (r, peak) = decode::<Vec<Vec<i64>>>(&nested);
    assert!(
        matches!(r, Err(DeserializeError::VectorTooLong { .. })),
        "{r:?}"
    );
    assert!(peak <= allowed(nested.len()));
}

/// What a decode may reserve for the vectors open at once beyond its budget (the input's
/// length), before their elements arrive: `VEC_PREALLOC_BYTES` per level of nesting.
const RESERVED: usize = MAX_DEPTH as usize * VEC_PREALLOC_BYTES;

/// `levels` recursive values, each a vector claiming as many elements as the rest of the
/// input could hold (`min_size` bytes each), with `head` before every count, then zeros up to
/// `total` bytes: the claims pass the count check at every level, and no element is real.
fn nested_claims(head: &[u8], levels: usize, min_size: usize, total: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(total);
    for level in 0..levels {
        out.extend(head);
        let remaining = total - (level + 1) * (head.len() + 4);
        out.extend(le32((remaining / min_size) as u32));
    }
    out.resize(total, 0);
    out
}

#[test]
fn vector_claims_reserve_memory_for_elements_read_not_claimed() {
    const MB: usize = 1 << 20;
    let message_min = <enums::Message as Deserialize>::MIN_SIZE;
    // messageEmpty (flags, id) is the smallest message: the count check uses it.
    assert_eq!(message_min, 12);

    // messages.messages claiming 250,000 messages over 1 MB of zeros: more than 1 MB of
    // 12-byte messages, rejected before anything is reserved.
    let mut claim = le32(0x1d73_e7ea).to_vec();
    claim.extend(le32(VECTOR_ID));
    claim.extend(le32(250_000));
    claim.resize(MB, 0);
    let (r, peak) = decode::<enums::messages::Messages>(&claim);
    assert!(
        matches!(
            r,
            Err(DeserializeError::VectorTooLong { count: 250_000, .. })
        ),
        "{r:?}"
    );
    assert!(peak <= 4096, "{peak} bytes");
    // The largest claim the input allows: 87,000 messages of ~500 bytes each were reserved
    // before this bound (43 MB for 1 MB of input); now 16 KiB at most.
    let mut claim = le32(0x1d73_e7ea).to_vec();
    claim.extend(le32(VECTOR_ID));
    claim.extend(le32(((MB - 12) / message_min) as u32));
    claim.resize(MB, 0);
    let (r, peak) = decode::<enums::messages::Messages>(&claim);
    assert!(
        matches!(
            r,
            Err(DeserializeError::UnexpectedConstructor {
                offset: 12,
                id: 0,
                ..
            })
        ),
        "{r:?}"
    );
    assert!(peak <= VEC_PREALLOC_BYTES + 4096, "{peak} bytes");

    // 60 nested pageBlockDetails (flags, blocks:Vector<PageBlock>, title) over 1 MB, each
    // level claiming 4-byte blocks (pageBlockUnsupported) for all the input left: 6.2 GB
    // were reserved before this bound.
    let mut head = le32(0x7676_8bed).to_vec();
    head.extend(le32(0));
    head.extend(le32(VECTOR_ID));
    fails_within_reservations::<enums::PageBlock>(&nested_claims(&head, 60, 4, MB));

    // 60 nested jsonArray (value:Vector<JSONValue>), each claiming 4-byte jsonNull values.
    let mut head = le32(0xf744_4763).to_vec();
    head.extend(le32(VECTOR_ID));
    fails_within_reservations::<enums::JsonValue>(&nested_claims(&head, 60, 4, MB));
}

/// `input` fails at the first element that is not there (an id of 0), having held no more
/// than the reservations of the vectors open at once.
fn fails_within_reservations<T: Deserialize + std::fmt::Debug>(input: &[u8]) {
    let (r, peak) = decode::<T>(input);
    assert!(
        matches!(
            r,
            Err(DeserializeError::UnexpectedConstructor { id: 0, .. })
        ),
        "{r:?}"
    );
    assert!(
        peak <= RESERVED,
        "{peak} bytes for {} input bytes",
        input.len()
    );
}

#[test]
fn claims_the_budget_covers_are_reserved_once() {
    // 60 nested jsonArray, each claiming as many values as the input's length holds in
    // memory: the first claim takes the whole budget, the others reserve 16 KiB each.
    const MB: usize = 1 << 20;
    let elements = MB / std::mem::size_of::<enums::JsonValue>();
    let mut bytes = Vec::new();
    for _ in 0..60 {
        bytes.extend(le32(0xf744_4763));
        bytes.extend(le32(VECTOR_ID));
        bytes.extend(le32(elements as u32));
    }
    bytes.resize(MB, 0);
    let (r, peak) = decode::<enums::JsonValue>(&bytes);
    assert!(
        matches!(
            r,
            Err(DeserializeError::UnexpectedConstructor { id: 0, .. })
        ),
        "{r:?}"
    );
    assert!(
        peak > MB / 2,
        "the first claim was not reserved: {peak} bytes"
    );
    assert!(peak <= MB + RESERVED, "{peak} bytes for {MB} input bytes");
}

#[test]
fn real_elements_cost_what_they_take_in_memory() {
    // The worst that real elements do: the smallest message (12 bytes on the wire) is a
    // whole `Message` in memory. The vector grows by doubling as they are read, so it holds
    // at most twice what was decoded, and three times while it grows.
    let count = 80_000;
    let mut bytes = le32(VECTOR_ID).to_vec();
    bytes.extend(le32(count));
    for id in 0..count {
        bytes.extend(le32(0x90a6_ca84)); // messageEmpty
        bytes.extend(le32(0)); // flags
        bytes.extend(le32(id));
    }
    let (r, peak) = decode::<Vec<enums::Message>>(&bytes);
    assert_eq!(r.unwrap().len(), count as usize);
    let decoded = count as usize * std::mem::size_of::<enums::Message>();
    assert!(peak <= 3 * decoded, "{peak} bytes for {decoded} decoded");
}

#[test]
fn length_prefixes_beyond_the_input() {
    // textPlain#744694e0 text:string with a 3-byte length of 16 MiB - 1 and 8 bytes of data.
    for header in [[254u8, 255, 255, 255], [254, 0, 0, 1], [253, 0, 0, 0]] {
        let mut bytes = le32(0x7446_94e0).to_vec();
        bytes.extend(header);
        bytes.extend([b'x'; 8]);
        let (r, peak) = decode::<enums::RichText>(&bytes);
        assert!(
            matches!(r, Err(DeserializeError::UnexpectedEof { .. })),
            "{r:?}"
        );
        assert!(peak <= allowed(bytes.len()), "{peak} bytes");
        let (r, _) = decode::<Bytes>(&bytes[4..]);
        assert!(
            matches!(r, Err(DeserializeError::UnexpectedEof { .. })),
            "{r:?}"
        );
    }
    // A length that fits but whose padding is missing.
    let (r, _) = decode::<String>(&[2, b'a', b'b']);
    assert!(
        matches!(
            r,
            Err(DeserializeError::UnexpectedEof {
                offset: 3,
                needed: 1
            })
        ),
        "{r:?}"
    );
}

#[test]
fn invalid_utf8_in_strings_reads_as_text_and_re_encodes_to_its_bytes() {
    // A `string` that is not UTF-8 reads as text with U+FFFD, says it was invalid, and keeps
    // its bytes: re-encoding gives the input back. `bytes` fields are raw anyway.
    let raw = [0x66, 0xff, 0xc3, 0x28, 0x80, 0x6f];
    let mut bytes = le32(0x7446_94e0).to_vec();
    bytes.push(raw.len() as u8);
    bytes.extend(raw);
    bytes.push(0);
    let (r, _) = decode::<enums::RichText>(&bytes);
    let value = r.unwrap();
    match &value {
        enums::RichText::TextPlain(t) => {
            assert_eq!(&*t.text, String::from_utf8_lossy(&raw));
            assert!(t.text.contains('\u{fffd}'));
            assert!(!t.text.is_valid_utf8());
            assert_eq!(t.text.invalid_bytes().expect("kept"), &raw);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(value.to_bytes()[..], bytes[..], "re-encodes to the input");
    let (b, _) = decode::<Bytes>(&bytes[4..]);
    assert_eq!(&b.unwrap()[..], &raw);

    // Credentials too: phoneConnectionWebrtc's username and password.
    let string = |out: &mut Vec<u8>, text: &[u8]| {
        out.push(text.len() as u8);
        out.extend(text);
        out.extend(std::iter::repeat_n(0, (4 - (text.len() + 1) % 4) % 4));
    };
    let mut call = le32(0x635f_e375).to_vec(); // phoneConnectionWebrtc
    call.extend(le32(0)); // flags
    call.extend(7i64.to_le_bytes()); // id
    string(&mut call, b"1.2.3.4"); // ip
    string(&mut call, b""); // ipv6
    call.extend(le32(443)); // port
    string(&mut call, &[0xc0, 0xaf]); // username
    string(&mut call, &[b'p', 0xfe]); // password
    let (r, _) = decode::<enums::PhoneConnection>(&call);
    let value = r.unwrap_or_else(|e| panic!("{e}"));
    let enums::PhoneConnection::Webrtc(webrtc) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(webrtc.port, 443);
    assert_eq!(
        webrtc.username.invalid_bytes().expect("kept"),
        &[0xc0, 0xaf]
    );
    assert_eq!(
        webrtc.password.invalid_bytes().expect("kept"),
        &[b'p', 0xfe]
    );
    assert_eq!(value.to_bytes()[..], call[..], "re-encodes to the input");
}

#[test]
fn wrong_ids_everywhere() {
    // An id of another type, of a function, of Vector, and one no item has.
    for id in [
        0x997275b5u32,
        0x42ff_96ed,
        VECTOR_ID,
        0xdead_beef,
        0,
        u32::MAX,
    ] {
        let mut bytes = le32(id).to_vec();
        bytes.extend([0; 32]);
        let (r, _) = decode::<enums::RichText>(&bytes);
        assert!(
            matches!(r, Err(DeserializeError::UnexpectedConstructor { offset: 0, id: found, expected }) if found == id
                && expected.rust_name() == "tl_conformance::bindings::enums::RichText"),
            "{id:#x}: {r:?}"
        );
        let (r, _) = decode::<functions::phone::RequestCall>(&bytes);
        // Its own id is right; the zeros after it are not a valid `InputUser` id.
        let offset = if id == 0x42ff_96ed { 8 } else { 0 };
        assert!(
            matches!(r, Err(DeserializeError::UnexpectedConstructor { offset: o, .. }) if o == offset),
            "{r:?}"
        );
        let (r, _) = decode::<bool>(&bytes[..4]);
        assert_eq!(r.is_ok(), id == 0x997275b5, "{id:#x}: {r:?}");
    }
    // A wrong id deep inside: textConcat of [textPlain "a", <bad>].
    let mut bytes = le32(0x7e62_60d7).to_vec();
    bytes.extend(le32(VECTOR_ID));
    bytes.extend(le32(2));
    bytes.extend(le32(0x7446_94e0));
    bytes.extend([1, b'a', 0, 0]);
    bytes.extend(le32(0x1234_5678));
    let (r, _) = decode::<enums::RichText>(&bytes);
    assert!(
        matches!(
            r,
            Err(DeserializeError::UnexpectedConstructor {
                offset: 20,
                id: 0x1234_5678,
                ..
            })
        ),
        "{r:?}"
    );
}

/// A nested value with strings, vectors, optional fields and several enums.
fn sample_text() -> enums::RichText {
    let plain = |s: &str| enums::RichText::TextPlain(types::TextPlain { text: s.into() });
    enums::RichText::TextConcat(types::TextConcat {
        texts: vec![
            plain("héllo"),
            enums::RichText::TextBold(types::TextBold {
                text: Box::new(plain(&"x".repeat(300))),
            }),
            enums::RichText::TextUrl(types::TextUrl {
                text: Box::new(plain("link")),
                url: "https://t.me".into(),
                webpage_id: -5,
            }),
            enums::RichText::TextEmpty(types::TextEmpty {}),
        ],
    })
}

#[test]
fn truncated_at_every_offset_and_trailing_garbage() {
    let value = sample_text();
    let bytes = value.to_bytes();
    assert_eq!(enums::RichText::from_bytes(bytes.clone()).unwrap(), value);
    for cut in 0..bytes.len() {
        let (r, peak) = decode::<enums::RichText>(&bytes[..cut]);
        assert!(
            matches!(
                r,
                Err(DeserializeError::UnexpectedEof { .. } | DeserializeError::VectorTooLong { .. })
            ),
            "cut at {cut}: {r:?}"
        );
        assert!(peak <= allowed(bytes.len()), "cut at {cut}: {peak} bytes");
    }
    for extra in [&[0u8][..], &[0, 0, 0, 0], &le32(0x7446_94e0)] {
        let mut longer = bytes.clone();
        longer.extend_from_slice(extra);
        let (r, _) = decode::<enums::RichText>(&longer);
        assert_eq!(
            r,
            Err(DeserializeError::TrailingBytes {
                offset: bytes.len(),
                remaining: extra.len()
            })
        );
    }
}

#[test]
fn random_bytes_after_a_valid_prefix_never_panic() {
    // xorshift; every decode must end in Ok or Err within the memory bound.
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    let prefix = sample_text().to_bytes();
    for round in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let keep = (x as usize) % prefix.len();
        let mut bytes = prefix[..keep].to_vec();
        let mut y = x;
        for _ in 0..(x >> 40) % 64 {
            y ^= y << 13;
            y ^= y >> 7;
            y ^= y << 17;
            bytes.push(y as u8);
        }
        let (r, peak) = decode::<enums::RichText>(&bytes);
        assert!(peak <= allowed(bytes.len()), "round {round}: {peak} bytes");
        if let Ok(v) = r {
            assert_eq!(v.to_bytes().len(), v.serialized_len());
        }
    }
}
