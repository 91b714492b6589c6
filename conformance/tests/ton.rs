//! TON's `lite_api.tl` (`tl_conformance::lite_api`): `mode:#` bits that no parameter
//! carries are settable and survive a round trip, and a query wrapper returning `Object`
//! carries a request as its bytes. Vectors written out by hand.

use tl_conformance::lite_api::{functions, types};
use tl_runtime::wire::{Deserialize, Identifiable, RawObject, RemoteCall, Serialize};

/// `tonNode.blockId workchain:int shard:long seqno:int` of the masterchain block 1000.
fn block() -> types::ton_node::BlockId {
    types::ton_node::BlockId::new(-1, i64::MIN, 1000)
}

const BLOCK: [u8; 16] = [
    0xff, 0xff, 0xff, 0xff, // workchain = -1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, // shard = 0x8000000000000000
    0xe8, 0x03, 0x00, 0x00, // seqno = 1000
];

#[test]
fn lookup_block_by_seqno_sets_a_bit_no_parameter_carries() {
    // `liteServer.lookupBlock mode:# id:tonNode.blockId lt:mode.1?long utime:mode.2?int`:
    // mode bit 0 means "by seqno" and has no parameter.
    assert_eq!(
        functions::lite_server::LookupBlock::CONSTRUCTOR_ID,
        crc32fast::hash(
            b"liteServer.lookupBlock mode:# id:tonNode.blockId lt:mode.1?long utime:mode.2?int \
              = liteServer.BlockHeader"
        )
    );
    let by_seqno = functions::lite_server::LookupBlock::new(1, block());
    let mut expected = vec![0x1e, 0xf7, 0xc8, 0xfa]; // liteServer.lookupBlock#fac8f71e
    expected.extend([0x01, 0x00, 0x00, 0x00]); // mode = 1: by seqno
    expected.extend(BLOCK);
    assert_eq!(by_seqno.to_bytes(), expected);
    assert_eq!(
        functions::lite_server::LookupBlock::from_bytes(expected).unwrap(),
        by_seqno
    );

    // By logical time: bit 1 follows from `lt`; a stale bit 2 in `mode` is not written
    // without `utime`.
    let by_lt = functions::lite_server::LookupBlock {
        lt: Some(0x0102_0304_0506_0708),
        ..functions::lite_server::LookupBlock::new(0b100, block())
    };
    let mut expected = vec![0x1e, 0xf7, 0xc8, 0xfa];
    expected.extend([0x02, 0x00, 0x00, 0x00]); // mode = 2
    expected.extend(BLOCK);
    expected.extend([0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]); // lt
    assert_eq!(by_lt.to_bytes(), expected);
    let read = functions::lite_server::LookupBlock::from_bytes(expected).unwrap();
    assert_eq!(
        (read.mode, read.lt, read.utime),
        (0, Some(0x0102_0304_0506_0708), None)
    );

    // All three bits set: `mode` keeps bit 0, the values hold the others; written back, the
    // bytes are the same.
    let mut all = vec![0x1e, 0xf7, 0xc8, 0xfa];
    all.extend([0x07, 0x00, 0x00, 0x00]); // mode = 7
    all.extend(BLOCK);
    all.extend([0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]); // lt
    all.extend([0x10, 0x00, 0x00, 0x00]); // utime = 16
    let read = functions::lite_server::LookupBlock::from_bytes(all.clone()).unwrap();
    assert_eq!((read.mode, read.utime), (1, Some(16)));
    assert_eq!(read.to_bytes(), all);
    // Unknown bits (here 31) survive a round trip too.
    let mut high = all.clone();
    high[7] = 0x80;
    let read = functions::lite_server::LookupBlock::from_bytes(high.clone()).unwrap();
    assert_eq!(read.mode, 0x8000_0001);
    assert_eq!(read.to_bytes(), high);
}

#[test]
fn a_query_wrapper_carries_a_request_as_its_bytes() {
    // `liteServer.query data:bytes = Object` around `liteServer.getMasterchainInfo`.
    let inner = functions::lite_server::GetMasterchainInfo::new();
    let query = functions::lite_server::Query::new(inner.to_bytes().into());
    let mut expected = functions::lite_server::Query::CONSTRUCTOR_ID
        .to_le_bytes()
        .to_vec();
    expected.extend([0x04, 0x2e, 0xe6, 0xb5, 0x89, 0x00, 0x00, 0x00]); // 4 bytes, padded
    assert_eq!(query.to_bytes(), expected);
    // The answer is any value: the caller decodes it as the inner request's return type.
    let answer: <functions::lite_server::Query as RemoteCall>::Return =
        RawObject::from_bytes(vec![0x81, 0x28, 0x83, 0x85, 1, 2, 3, 4]).unwrap();
    assert!(answer.is::<types::lite_server::MasterchainInfo>());
    let wrong =
        answer.decode::<<functions::lite_server::GetMasterchainInfo as RemoteCall>::Return>();
    assert!(wrong.is_err(), "too short for a masterchainInfo");
}
