//! Link targets and TL names: recovering `phone.PhoneCall` from `../types/phone_PhoneCall.md`,
//! `/API_docs/types/phone.PhoneCall.html` or `https://core.telegram.org/type/phone.PhoneCall`.

use super::LinkTarget;

/// The kind of entity a docs folder (`methods/`, `constructors/`, `types/`) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// `methods/`: RPC functions.
    Method,
    /// `constructors/`: constructors of boxed types.
    Constructor,
    /// `types/`: boxed types.
    Type,
}

impl PageKind {
    /// The kind whose folder is named `folder` (`methods`, `constructors`, `types`).
    pub fn from_folder(folder: &str) -> Option<PageKind> {
        match folder {
            "methods" | "method" => Some(PageKind::Method),
            "constructors" | "constructor" => Some(PageKind::Constructor),
            "types" | "type" => Some(PageKind::Type),
            _ => None,
        }
    }

    fn target(self, name: String) -> LinkTarget {
        match self {
            PageKind::Method => LinkTarget::Method(name),
            PageKind::Constructor => LinkTarget::Constructor(name),
            PageKind::Type => LinkTarget::Type(name),
        }
    }
}

/// Namespaces of the Telegram API. Old pages wrote `phone.PhoneCall` as `phone_PhoneCall` in
/// file names and link texts; a leading `namespace_` from this list is turned back into
/// `namespace.`.
const NAMESPACES: &[&str] = &[
    "account",
    "auth",
    "bots",
    "channels",
    "chatlists",
    "contacts",
    "folders",
    "fragment",
    "help",
    "langpack",
    "messages",
    "payments",
    "phone",
    "photos",
    "premium",
    "smsjobs",
    "stats",
    "stickers",
    "storage",
    "stories",
    "test",
    "updates",
    "upload",
    "users",
];

/// Turns an old-style `namespace_name` (as in `phone_PhoneCall`) into `namespace.name`.
/// Names that already contain a dot, or whose prefix is not a known namespace, are returned
/// unchanged. `Vector_of_X` becomes `Vector<X>`.
pub(crate) fn legacy_name(name: &str) -> String {
    if let Some(inner) = name.strip_prefix("Vector_of_") {
        return format!("Vector<{}>", legacy_name(inner));
    }
    if name.contains('.') {
        return name.to_owned();
    }
    if let Some((ns, rest)) = name.split_once('_') {
        if NAMESPACES.contains(&ns) && rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return format!("{ns}.{rest}");
        }
    }
    name.to_owned()
}

/// Decodes `%XX` escapes; invalid escapes are kept as they are.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves a link destination found on a page in folder `context` to a TL entity, or keeps
/// it as a URL.
///
/// Understood forms: relative (`../types/X.md`, `X.html`, `./methods/a.b.md`), absolute
/// (`/API_docs/constructors/x.html`), MadelineProto's site (`https://docs.madelineproto.xyz/
/// API_docs/...`) and Telegram's (`https://core.telegram.org/method/a.b`, `/constructor/x`,
/// `/type/X`).
pub(crate) fn resolve_link(dest: &str, context: Option<PageKind>) -> LinkTarget {
    let url = || LinkTarget::Url(dest.to_owned());
    let trimmed = dest.trim();
    let without_fragment = trimmed
        .split_once('#')
        .map_or(trimmed, |(before, _)| before);
    let path = without_fragment
        .split_once('?')
        .map_or(without_fragment, |(before, _)| before);
    if path.is_empty() {
        return url();
    }

    let local_path = if let Some((scheme, rest)) = path.split_once("://") {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return url();
        }
        let (host, host_path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.to_ascii_lowercase();
        if host == "core.telegram.org" {
            let mut parts = host_path.split('/').filter(|p| !p.is_empty());
            let (Some(folder), Some(name), None) = (parts.next(), parts.next(), parts.next())
            else {
                return url();
            };
            return match PageKind::from_folder(folder) {
                Some(kind) => kind.target(percent_decode(name)),
                None => url(),
            };
        }
        if host.ends_with("madelineproto.xyz") && host_path.contains("API_docs/") {
            host_path
        } else {
            return url();
        }
    } else if path.contains(':') && !path.contains('/') {
        // `mailto:x`, `tg://` handled above, `mention:@user`, ...
        return url();
    } else {
        path
    };

    let decoded = percent_decode(local_path);
    let mut segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    let Some(file) = segments.pop() else {
        return url();
    };
    let stem = if let Some(stem) = file.strip_suffix(".md") {
        stem
    } else if let Some(stem) = file.strip_suffix(".html") {
        stem
    } else {
        return url();
    };
    if stem.is_empty() || stem == "index" || stem == "api_index" {
        return url();
    }
    let kind = match segments.last() {
        Some(&".") | None => context,
        Some(folder) => PageKind::from_folder(folder),
    };
    match kind {
        Some(kind) => kind.target(legacy_name(stem)),
        None => url(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_names() {
        assert_eq!(legacy_name("phone_PhoneCall"), "phone.PhoneCall");
        assert_eq!(legacy_name("messages_sendMessage"), "messages.sendMessage");
        assert_eq!(legacy_name("phone.PhoneCall"), "phone.PhoneCall");
        assert_eq!(legacy_name("req_pq"), "req_pq");
        assert_eq!(legacy_name("Server_DH_Params"), "Server_DH_Params");
        assert_eq!(legacy_name("Vector_of_int"), "Vector<int>");
        assert_eq!(
            legacy_name("Vector_of_messages_Messages"),
            "Vector<messages.Messages>"
        );
    }

    #[test]
    fn links() {
        use LinkTarget::*;
        let m = Some(PageKind::Method);
        assert_eq!(
            resolve_link("../types/phone_PhoneCall.md", m),
            Type("phone.PhoneCall".into())
        );
        assert_eq!(
            resolve_link("/API_docs/constructors/inputPeerSelf.html", m),
            Constructor("inputPeerSelf".into())
        );
        assert_eq!(
            resolve_link("/API_docs/types/long|string.html", m),
            Type("long|string".into())
        );
        assert_eq!(
            resolve_link("/API_docs/types/Vector%20t.html", m),
            Type("Vector t".into())
        );
        assert_eq!(
            resolve_link("payments.updateStarGiftPrice.html", m),
            Method("payments.updateStarGiftPrice".into())
        );
        assert_eq!(
            resolve_link(
                "https://core.telegram.org/method/messages.sendMessage#x",
                None
            ),
            Method("messages.sendMessage".into())
        );
        assert_eq!(
            resolve_link(
                "https://docs.madelineproto.xyz/API_docs/types/InputPeer.html",
                None
            ),
            Type("InputPeer".into())
        );
        assert_eq!(
            resolve_link("https://core.telegram.org/api/end-to-end/voice-calls", m),
            Url("https://core.telegram.org/api/end-to-end/voice-calls".into())
        );
        assert_eq!(resolve_link("index.md", m), Url("index.md".into()));
        assert_eq!(resolve_link("..", m), Url("..".into()));
        assert_eq!(
            resolve_link("mention:@user", m),
            Url("mention:@user".into())
        );
        assert_eq!(resolve_link("%zz%4", m), Url("%zz%4".into()));
    }
}
