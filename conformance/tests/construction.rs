//! `new` on every generated struct: the required parameters in wire order, every optional one
//! absent, boxing done inside. With struct update syntax it is the construction style that
//! keeps compiling when a layer adds optional parameters (README, "Building values").

use tl_conformance::bindings::{enums, functions, types};
use tl_runtime::wire::Serialize;

#[test]
fn new_takes_the_required_parameters() {
    assert_eq!(
        types::InputUser::new(1, 2),
        types::InputUser {
            user_id: 1,
            access_hash: 2
        }
    );
    assert_eq!(types::InputPeerSelf::new(), types::InputPeerSelf {});
}

#[test]
fn new_boxes_what_the_layout_boxes() {
    // `updateShort.update` is held in a `Box` (it closes the cycle Updates -> Update ->
    // ... -> Updates); `new` takes the value.
    let update = enums::Update::from(types::UpdateConfig::new());
    let short = types::UpdateShort::new(update.clone(), 7);
    assert_eq!(*short.update, update);
    assert_eq!(short.date, 7);
}

#[test]
fn optional_parameters_are_absent_and_set_by_struct_update() {
    let peer = enums::InputPeer::from(types::InputPeerSelf::new());
    let plain = functions::messages::SendMessage::new(peer.clone(), "hi".into(), 42);
    assert!(!plain.silent && !plain.no_webpage && !plain.invert_media);
    assert!(plain.reply_to.is_none() && plain.entities.is_none() && plain.effect.is_none());
    // Flags word 0: exactly the bytes of the three required parameters after the ids.
    let bytes = plain.to_bytes();
    assert_eq!(bytes[4..8], [0, 0, 0, 0]);

    let silent = functions::messages::SendMessage {
        silent: true,
        schedule_date: Some(1_700_000_000),
        ..functions::messages::SendMessage::new(peer, "hi".into(), 42)
    };
    assert_eq!(silent.message, plain.message);
    assert_eq!(silent.random_id, 42);
    let flags = u32::from_le_bytes(silent.to_bytes()[4..8].try_into().expect("4 bytes"));
    assert_eq!(
        flags,
        1 << 5 | 1 << 10,
        "silent (bit 5) and schedule_date (bit 10)"
    );
}
