//! The items the glue joins, as layer 230 has them: each one's parameters, by name and by
//! the TL type the glue expects. A schema whose item differs gets no glue for it.

/// The TL type of a parameter as the glue expects it.
#[derive(Clone, Copy)]
pub(super) enum P {
    /// `#`.
    Flags,
    /// `flags.N?true`, a `bool` field.
    True,
    Int,
    Long,
    Bytes,
    /// `Vector<string>`.
    Strings,
    /// A boxed type, by TL name.
    Boxed(&'static str),
}

pub(super) const PROTOCOL: &[(&str, P)] = &[
    ("flags", P::Flags),
    ("udp_p2p", P::True),
    ("udp_reflector", P::True),
    ("min_layer", P::Int),
    ("max_layer", P::Int),
    ("library_versions", P::Strings),
];
pub(super) const DH_CONFIG: &[(&str, P)] = &[
    ("g", P::Int),
    ("p", P::Bytes),
    ("version", P::Int),
    ("random", P::Bytes),
];
pub(super) const DH_NOT_MODIFIED: &[(&str, P)] = &[("random", P::Bytes)];
pub(super) const GET_DH_CONFIG: &[(&str, P)] = &[("version", P::Int), ("random_length", P::Int)];
pub(super) const INPUT_PHONE_CALL: &[(&str, P)] = &[("id", P::Long), ("access_hash", P::Long)];
pub(super) const REQUEST_CALL: &[(&str, P)] = &[
    ("flags", P::Flags),
    ("video", P::True),
    ("user_id", P::Boxed("InputUser")),
    ("random_id", P::Int),
    ("g_a_hash", P::Bytes),
    ("protocol", P::Boxed("PhoneCallProtocol")),
];
pub(super) const ACCEPT_CALL: &[(&str, P)] = &[
    ("peer", P::Boxed("InputPhoneCall")),
    ("g_b", P::Bytes),
    ("protocol", P::Boxed("PhoneCallProtocol")),
];
pub(super) const CONFIRM_CALL: &[(&str, P)] = &[
    ("peer", P::Boxed("InputPhoneCall")),
    ("g_a", P::Bytes),
    ("key_fingerprint", P::Long),
    ("protocol", P::Boxed("PhoneCallProtocol")),
];

/// The fields that name the call, read from every `PhoneCall` constructor of an exchange
/// (into `CallIds`).
pub(super) const CALL_IDS: &[(&str, P)] = &[
    ("id", P::Long),
    ("access_hash", P::Long),
    ("admin_id", P::Long),
    ("participant_id", P::Long),
];
/// The `PhoneCall` constructors of an exchange, and the key-exchange fields read besides
/// the call's ids.
pub(super) const CALL_DATA: &[(&str, &[(&str, P)])] = &[
    ("phoneCallWaiting", &[]),
    ("phoneCallRequested", &[("g_a_hash", P::Bytes)]),
    ("phoneCallAccepted", &[("g_b", P::Bytes)]),
    (
        "phoneCall",
        &[("g_a_or_b", P::Bytes), ("key_fingerprint", P::Long)],
    ),
];
/// The `PhoneCall` constructors whose state carries nothing, and that state.
pub(super) const CALL_UNIT: &[(&str, &str)] = &[
    ("phoneCallEmpty", "Empty"),
    ("phoneCallDiscarded", "Discarded"),
];
/// The `PhoneCall` constructors that identify a call by `id` and `access_hash`.
pub(super) const CALL_PEERS: &[&str] = &[
    "phoneCallWaiting",
    "phoneCallRequested",
    "phoneCallAccepted",
    "phoneCall",
];
