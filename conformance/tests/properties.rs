//! Round-trip properties over generated types, with proptest: recursive trees
//! (`RichText`, `JSONValue`), optional fields on several flag bits
//! (`InputPeerNotifySettings`), `true` flags and string vectors (`PhoneCallProtocol`).
//!
//! For every generated value: `serialized_len` is exact, decoding the encoding gives the value
//! back, every proper prefix fails to decode, and any mutation of the encoding decodes to an
//! `Err` or to a value whose own encoding round-trips.

use proptest::prelude::*;
use tl_conformance::bindings::{enums, types};
use tl_runtime::wire::TlString;
use tl_runtime::wire::{Deserialize, Serialize};

fn text() -> impl Strategy<Value = TlString> {
    // Both string length encodings (below 254 and from 254 on) and any Unicode.
    prop_oneof![".{0,12}", "[a-z]{250,260}"].prop_map(TlString::from)
}

fn rich_text() -> impl Strategy<Value = enums::RichText> {
    let leaf = prop_oneof![
        text().prop_map(|text| types::TextPlain { text }.into()),
        Just(types::TextEmpty {}.into()),
    ];
    leaf.prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|t| types::TextBold { text: Box::new(t) }.into()),
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|texts| types::TextConcat { texts }.into()),
            (inner, text(), any::<i64>()).prop_map(|(t, url, webpage_id)| {
                types::TextUrl {
                    text: Box::new(t),
                    url,
                    webpage_id,
                }
                .into()
            }),
        ]
    })
}

fn json_value() -> impl Strategy<Value = enums::JsonValue> {
    let leaf = prop_oneof![
        Just(types::JsonNull {}.into()),
        any::<bool>().prop_map(|value| types::JsonBool { value }.into()),
        // Finite numbers: NaN is not equal to itself.
        (-1e300f64..1e300).prop_map(|value| types::JsonNumber { value }.into()),
        text().prop_map(|value| types::JsonString { value }.into()),
    ];
    leaf.prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|value| types::JsonArray { value }.into()),
            prop::collection::vec((text(), inner), 0..4).prop_map(|pairs| {
                types::JsonObject {
                    value: pairs
                        .into_iter()
                        .map(|(key, value)| types::JsonObjectValue { key, value }.into())
                        .collect(),
                }
                .into()
            }),
        ]
    })
}

fn sound() -> impl Strategy<Value = enums::NotificationSound> {
    prop_oneof![
        Just(types::NotificationSoundDefault {}.into()),
        Just(types::NotificationSoundNone {}.into()),
        any::<i64>().prop_map(|id| types::NotificationSoundRingtone { id }.into()),
        (text(), text())
            .prop_map(|(title, data)| types::NotificationSoundLocal { title, data }.into()),
    ]
}

fn notify_settings() -> impl Strategy<Value = types::InputPeerNotifySettings> {
    (
        any::<Option<bool>>(),
        any::<Option<bool>>(),
        any::<Option<i32>>(),
        prop::option::of(sound()),
        any::<Option<bool>>(),
        any::<Option<bool>>(),
        prop::option::of(sound()),
    )
        .prop_map(
            |(
                show_previews,
                silent,
                mute_until,
                sound,
                stories_muted,
                stories_hide_sender,
                stories_sound,
            )| {
                types::InputPeerNotifySettings {
                    show_previews,
                    silent,
                    mute_until,
                    sound,
                    stories_muted,
                    stories_hide_sender,
                    stories_sound,
                }
            },
        )
}

fn protocol() -> impl Strategy<Value = types::PhoneCallProtocol> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<i32>(),
        any::<i32>(),
        prop::collection::vec(text(), 0..4),
    )
        .prop_map(
            |(udp_p2p, udp_reflector, min_layer, max_layer, library_versions)| {
                types::PhoneCallProtocol {
                    udp_p2p,
                    udp_reflector,
                    min_layer,
                    max_layer,
                    library_versions,
                }
            },
        )
}

/// A change to an encoding: (kind, position, byte).
fn mutation() -> impl Strategy<Value = (u8, usize, u8)> {
    (0u8..4, any::<usize>(), any::<u8>())
}

fn mutate(bytes: &[u8], (kind, at, byte): (u8, usize, u8)) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return vec![byte];
    }
    let at = at % out.len();
    match kind {
        0 => out[at] ^= byte | 1,
        1 => out.insert(at, byte),
        2 => {
            out.remove(at);
        }
        _ => out.truncate(at),
    }
    out
}

/// The properties every value must have.
fn check<T: Serialize + Deserialize + PartialEq + std::fmt::Debug>(
    value: &T,
    mutations: &[(u8, usize, u8)],
) -> Result<(), TestCaseError> {
    let bytes = value.to_bytes();
    prop_assert_eq!(bytes.len(), value.serialized_len());
    prop_assert_eq!(
        &T::from_bytes(bytes.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?,
        value
    );
    for cut in 0..bytes.len() {
        prop_assert!(
            T::from_bytes(bytes[..cut].to_vec()).is_err(),
            "prefix of {cut}"
        );
    }
    for &m in mutations {
        let changed = mutate(&bytes, m);
        if let Ok(other) = T::from_bytes(changed) {
            let again = other.to_bytes();
            prop_assert_eq!(again.len(), other.serialized_len());
            let back =
                T::from_bytes(again.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.to_bytes(), again);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rich_text_round_trips(value in rich_text(), m in prop::collection::vec(mutation(), 8)) {
        check(&value, &m)?;
    }

    #[test]
    fn json_values_round_trip(value in json_value(), m in prop::collection::vec(mutation(), 8)) {
        check(&value, &m)?;
    }

    #[test]
    fn optional_fields_round_trip(value in notify_settings(), m in prop::collection::vec(mutation(), 8)) {
        check(&value, &m)?;
        check(&enums::InputPeerNotifySettings::from(value), &m)?;
    }

    #[test]
    fn flags_and_string_vectors_round_trip(value in protocol(), m in prop::collection::vec(mutation(), 8)) {
        check(&value, &m)?;
    }
}
