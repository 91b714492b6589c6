//! The `PhoneCallProtocol` values the official apps send.

/// `PhoneCallProtocol.min_layer` of the official apps.
pub const OFFICIAL_MIN_LAYER: i32 = 65;

/// `PhoneCallProtocol.max_layer` of the official apps.
pub const OFFICIAL_MAX_LAYER: i32 = 92;

/// `PhoneCallProtocol.library_versions` of the official Android app.
pub const OFFICIAL_LIBRARY_VERSIONS: [&str; 9] = [
    "2.4.4", "2.7.7", "5.0.0", "6.0.0", "7.0.0", "8.0.0", "9.0.0", "10.0.0", "11.0.0",
];

/// The fields of a `PhoneCallProtocol`, as plain data.
///
/// Sent in `phone.requestCall`, `phone.acceptCall` and `phone.confirmCall`.
/// [`CallProtocol::official`] (also the [`Default`]) gives what the official apps send:
///
/// ```
/// use tl_runtime::calls::CallProtocol;
///
/// let protocol = CallProtocol::default();
/// assert!(protocol.udp_p2p && protocol.udp_reflector);
/// assert_eq!((protocol.min_layer, protocol.max_layer), (65, 92));
/// assert_eq!(protocol.library_versions.last().map(String::as_str), Some("11.0.0"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallProtocol {
    /// Peer-to-peer UDP is supported (`flags.0`).
    pub udp_p2p: bool,
    /// UDP through Telegram's reflectors is supported (`flags.1`).
    pub udp_reflector: bool,
    /// Lowest call-library layer supported.
    pub min_layer: i32,
    /// Highest call-library layer supported.
    pub max_layer: i32,
    /// Versions of the call library supported.
    pub library_versions: Vec<String>,
}

impl CallProtocol {
    /// What the official apps send: `udp_p2p`, `udp_reflector`, layers
    /// [`OFFICIAL_MIN_LAYER`]..=[`OFFICIAL_MAX_LAYER`], [`OFFICIAL_LIBRARY_VERSIONS`].
    #[must_use]
    pub fn official() -> Self {
        CallProtocol {
            udp_p2p: true,
            udp_reflector: true,
            min_layer: OFFICIAL_MIN_LAYER,
            max_layer: OFFICIAL_MAX_LAYER,
            library_versions: OFFICIAL_LIBRARY_VERSIONS
                .iter()
                .map(|v| (*v).to_owned())
                .collect(),
        }
    }
}

impl Default for CallProtocol {
    fn default() -> Self {
        Self::official()
    }
}
