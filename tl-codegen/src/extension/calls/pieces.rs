//! The pieces of the glue, each written only when the schema has what it joins: the protocol
//! conversions, the Diffie-Hellman configuration's view, the call states' views, the
//! requests' `peer`, and the request constructors.

use super::shapes::*;
use super::{doc_lines, Field, Glue};
use crate::model::{CtorId, Ty};

impl Glue<'_> {
    /// `CallProtocol` <-> `PhoneCallProtocol`. Returns whether requests can take the
    /// protocol as `enums::PhoneCallProtocol`.
    pub(super) fn protocol(&mut self) -> bool {
        let Some(c) = self.ctor_exactly("phoneCallProtocol", PROTOCOL) else {
            return false;
        };
        let rt = self.rt.clone();
        let ctor = self.ctor_path(c);
        // The struct's fields, named as the plan named them; the runtime's `CallProtocol`
        // has fields of the same names.
        let (item, shape) = (&self.model.constructors[c], &self.plan.constructors[c]);
        let fields: Vec<String> = PROTOCOL[1..]
            .iter()
            .filter_map(|&(n, p)| self.field(item, shape, n, p).map(|f| f.ident))
            .collect();
        let plain: String = fields[..4]
            .iter()
            .map(|f| format!("            {f}: protocol.{f},\n"))
            .collect();
        let versions = &fields[4];
        self.push(
            format!("`CallProtocol` into [`{ctor}`], and `&`[`{ctor}`] into `CallProtocol`."),
            format!(
                "impl From<{rt}::calls::CallProtocol> for {ctor} {{
    fn from(protocol: {rt}::calls::CallProtocol) -> Self {{
        Self {{
{plain}            {versions}: protocol.{versions}.into_iter().map(Into::into).collect(),
        }}
    }}
}}

impl From<&{ctor}> for {rt}::calls::CallProtocol {{
    fn from(protocol: &{ctor}) -> Self {{
        Self {{
{plain}            {versions}: protocol.{versions}.iter().map(|v| v.to_string()).collect(),
        }}
    }}
}}"
            ),
        );
        let Some((t, only)) = self.only_ctor("PhoneCallProtocol") else {
            return false;
        };
        if only != c {
            return false;
        }
        let ty = self.type_path(t);
        let variant = self.variant(c);
        let payload = self.variant_payload(c, "protocol");
        self.push(
            format!("The same for [`{ty}`], the type the requests take."),
            format!(
                "impl From<{rt}::calls::CallProtocol> for {ty} {{
    fn from(protocol: {rt}::calls::CallProtocol) -> Self {{
        Self::from({ctor}::from(protocol))
    }}
}}

impl From<&{ty}> for {rt}::calls::CallProtocol {{
    fn from(protocol: &{ty}) -> Self {{
        let {variant}(protocol) = protocol;
        Self::from({payload})
    }}
}}"
            ),
        );
        true
    }

    /// `messages.DhConfig` -> `ServerDhConfig`, and `GetDhConfig::from_cache(&cache)`.
    pub(super) fn dh_config(&mut self) {
        let rt = self.rt.clone();
        let config = self.ctor_exactly("messages.dhConfig", DH_CONFIG);
        let not_modified = self.ctor_exactly("messages.dhConfigNotModified", DH_NOT_MODIFIED);
        let view = format!("{rt}::calls::ServerDhConfig");
        if let Some(c) = config {
            let ctor = self.ctor_path(c);
            self.push(
                format!("`&`[`{ctor}`] into `ServerDhConfig`, for `DhConfigCache::receive`."),
                format!(
                    "impl<'a> From<&'a {ctor}> for {view}<'a> {{
    fn from(config: &'a {ctor}) -> Self {{
        Self::Config {{
            g: config.g,
            p: &config.p,
            version: config.version,
            random: &config.random,
        }}
    }}
}}"
                ),
            );
        }
        if let Some(c) = not_modified {
            let ctor = self.ctor_path(c);
            self.push(
                format!("`&`[`{ctor}`] into `ServerDhConfig`."),
                format!(
                    "impl<'a> From<&'a {ctor}> for {view}<'a> {{
    fn from(config: &'a {ctor}) -> Self {{
        Self::NotModified {{
            random: &config.random,
        }}
    }}
}}"
                ),
            );
        }
        if let (Some(a), Some(b), Some(t)) = (config, not_modified, self.ty("messages.DhConfig")) {
            let mut ctors = self.model.types[t].constructors.clone();
            ctors.sort_unstable();
            let mut expected = vec![a, b];
            expected.sort_unstable();
            if ctors == expected {
                let ty = self.type_path(t);
                let arms: String = [a, b]
                    .map(|c| {
                        format!(
                            "            {}(config) => Self::from({}),\n",
                            self.variant(c),
                            self.variant_payload(c, "config")
                        )
                    })
                    .concat();
                self.push(
                    format!("`&`[`{ty}`] into `ServerDhConfig`: `cache.receive(&answer)`."),
                    format!(
                        "impl<'a> From<&'a {ty}> for {view}<'a> {{
    fn from(config: &'a {ty}) -> Self {{
        match config {{
{arms}        }}
    }}
}}"
                    ),
                );
            }
        }
        if let Some(f) = self.function_exactly("messages.getDhConfig", GET_DH_CONFIG) {
            let function = self.function_path(f);
            self.push(
                format!("[`{function}::from_cache`]: the request that fills a `DhConfigCache`."),
                format!(
                    "impl {function} {{
    /// The request for the configuration of the voice-call key exchange:
    /// `version` is the one `cache` holds (0 when it holds none, so the
    /// server sends the full configuration) and `random_length` is 256,
    /// the random bytes the exchange mixes into its secrets.
    pub fn from_cache(cache: &{rt}::calls::DhConfigCache) -> Self {{
        Self {{
            version: cache.version(),
            random_length: 256,
        }}
    }}
}}"
                ),
            );
        }
    }

    /// `PhoneCall` (and the messages wrapping it) -> `PhoneCallState`.
    pub(super) fn call_states(&mut self) {
        let rt = self.rt.clone();
        let view = format!("{rt}::calls::PhoneCallState");
        let Some(t) = self.ty("PhoneCall") else {
            return;
        };
        // The data constructors this schema has as expected, with a `From` each.
        let mut data: Vec<CtorId> = Vec::new();
        for &(name, fields) in CALL_DATA {
            let Some(c) = self.ctor(name) else { continue };
            let item = &self.model.constructors[c];
            if item.result != Ty::Boxed(t) {
                continue;
            }
            let shape = &self.plan.constructors[c];
            let found: Option<Vec<Field>> = CALL_IDS
                .iter()
                .chain(fields.iter())
                .map(|&(f, p)| self.field(item, shape, f, p))
                .collect();
            let Some(found) = found else { continue };
            let (id_fields, found) = found.split_at(CALL_IDS.len());
            let [id, access_hash, admin_id, participant_id] =
                [0, 1, 2, 3].map(|i| &id_fields[i].ident);
            let ctor = self.ctor_path(c);
            let ids = format!(
                "ids: {rt}::calls::CallIds {{
                id: call.{id},
                access_hash: call.{access_hash},
                admin_id: call.{admin_id},
                participant_id: call.{participant_id},
            }},"
            );
            let (state, rest) = match name {
                "phoneCallWaiting" => ("Waiting", String::new()),
                "phoneCallRequested" => (
                    "Requested",
                    format!("            g_a_hash: {},\n", found[0].borrow("call")),
                ),
                "phoneCallAccepted" => (
                    "Accepted",
                    format!("            g_b: {},\n", found[0].borrow("call")),
                ),
                _ => (
                    "Ready",
                    format!(
                        "            g_a_or_b: {},\n            key_fingerprint: call.{},\n",
                        found[0].borrow("call"),
                        found[1].ident
                    ),
                ),
            };
            self.push(
                format!("`&`[`{ctor}`] into `PhoneCallState`."),
                format!(
                    "impl<'a> From<&'a {ctor}> for {view}<'a> {{
    fn from(call: &'a {ctor}) -> Self {{
        Self::{state} {{
            {ids}
{rest}        }}
    }}
}}"
                ),
            );
            data.push(c);
        }
        // The enum: every constructor maps to a state, unknown ones to `Other`.
        let arms: Vec<String> = self.model.types[t]
            .constructors
            .iter()
            .map(|&c| {
                let variant = self.variant(c);
                let tl_name = self.model.constructors[c].name.to_string();
                if data.contains(&c) {
                    let payload = self.variant_payload(c, "call");
                    return format!("{variant}(call) => Self::from({payload}),");
                }
                match CALL_UNIT.iter().find(|(n, _)| *n == tl_name) {
                    Some((_, state)) => format!("{variant}(_) => Self::{state},"),
                    None => format!("{variant}(_) => Self::Other {{ tl_name: {tl_name:?} }},"),
                }
            })
            .collect();
        let ty = self.type_path(t);
        let call_param = if arms.is_empty() { "_call" } else { "call" };
        let arms: String = arms.iter().map(|a| format!("            {a}\n")).collect();
        self.push(
            format!(
                "`&`[`{ty}`] into `PhoneCallState`: `caller.receive_accepted(&update.phone_call)`."
            ),
            format!(
                "impl<'a> From<&'a {ty}> for {view}<'a> {{
    fn from({call_param}: &'a {ty}) -> Self {{
        match {call_param} {{
{arms}        }}
    }}
}}"
            ),
        );
        // Messages holding a `PhoneCall`: the update and the methods' answer.
        for name in ["updatePhoneCall", "phone.phoneCall"] {
            let Some(c) = self.ctor(name) else { continue };
            let item = &self.model.constructors[c];
            let shape = &self.plan.constructors[c];
            let Some(field) = self.field(item, shape, "phone_call", P::Boxed("PhoneCall")) else {
                continue;
            };
            let ctor = self.ctor_path(c);
            let inner = field.borrow("message");
            self.push(
                format!("`&`[`{ctor}`] into `PhoneCallState`."),
                format!(
                    "impl<'a> From<&'a {ctor}> for {view}<'a> {{
    fn from(message: &'a {ctor}) -> Self {{
        Self::from({inner})
    }}
}}"
                ),
            );
            // `phone.PhoneCall`, the answer type, when this is its only constructor.
            if name == "phone.phoneCall" {
                if let Some((t, only)) = self.only_ctor("phone.PhoneCall") {
                    if only == c {
                        let ty = self.type_path(t);
                        let variant = self.variant(c);
                        let payload = self.variant_payload(c, "message");
                        self.push(
                            format!(
                                "`&`[`{ty}`] into `PhoneCallState`: \
                                 `confirm.receive_confirmed(&answer)`."
                            ),
                            format!(
                                "impl<'a> From<&'a {ty}> for {view}<'a> {{
    fn from(message: &'a {ty}) -> Self {{
        let {variant}(message) = message;
        Self::from({payload})
    }}
}}"
                            ),
                        );
                    }
                }
            }
        }
    }

    /// `From<&types::PhoneCallX>` for `enums::InputPhoneCall`. Returns whether the requests
    /// can take their `peer` as `impl Into<enums::InputPhoneCall>`.
    pub(super) fn input_phone_call(&mut self) -> bool {
        let Some(c) = self.ctor_exactly("inputPhoneCall", INPUT_PHONE_CALL) else {
            return false;
        };
        let Some((t, only)) = self.only_ctor("InputPhoneCall") else {
            return false;
        };
        if only != c {
            return false;
        }
        let input_ctor = self.ctor_path(c);
        let input_ty = self.type_path(t);
        let mut sources = Vec::new();
        for name in CALL_PEERS {
            let Some(call) = self.ctor(name) else {
                continue;
            };
            let item = &self.model.constructors[call];
            let shape = &self.plan.constructors[call];
            let (Some(id), Some(hash)) = (
                self.field(item, shape, "id", P::Long),
                self.field(item, shape, "access_hash", P::Long),
            ) else {
                continue;
            };
            let (id, hash) = (id.ident, hash.ident);
            let ctor = self.ctor_path(call);
            sources.push(format!("[`{ctor}`]"));
            self.items.push(format!(
                "impl From<&{ctor}> for {input_ty} {{
    fn from(call: &{ctor}) -> Self {{
        Self::from({input_ctor} {{
            id: call.{id},
            access_hash: call.{hash},
        }})
    }}
}}"
            ));
        }
        if !sources.is_empty() {
            self.docs.push(format!(
                "`&`T into [`{input_ty}`] (the `peer` of the requests), for `T` each of {}.",
                sources.join(", ")
            ));
        }
        true
    }

    /// The constructors of `phone.requestCall`, `phone.acceptCall`, `phone.confirmCall`.
    pub(super) fn requests(&mut self, protocol: bool, peer: bool) {
        if !protocol {
            return;
        }
        let rt = self.rt.clone();
        let rt_doc = self.rt_doc().to_owned();
        let (Some(input_user), Some(input_call)) =
            (self.ty("InputUser"), self.ty("InputPhoneCall"))
        else {
            return;
        };
        let input_user = self.type_path(input_user);
        let input_call = self.type_path(input_call);
        let official = format!("{rt}::calls::CallProtocol::official().into()");
        let bytes = format!("{rt}::bytes::Bytes::copy_from_slice");
        let protocol_doc = format!(
            "`protocol` is what the official apps send\n\
             ([`CallProtocol::official`]({rt_doc}::calls::CallProtocol::official));\n\
             set the field to offer another."
        );
        if let Some(f) = self.function_exactly("phone.requestCall", REQUEST_CALL) {
            let function = self.function_path(f);
            let doc = doc_lines(&format!(
                "`phone.requestCall` for the call `caller` started: its\n\
                 [`g_a_hash`]({rt_doc}::calls::CallerRequest::g_a_hash).\n\n{protocol_doc}"
            ));
            self.push(
                format!("[`{function}::from_caller`] from a `CallerRequest`."),
                format!(
                    "impl {function} {{
{doc}    pub fn from_caller(
        caller: &{rt}::calls::CallerRequest,
        user_id: impl Into<{input_user}>,
        random_id: i32,
        video: bool,
    ) -> Self {{
        Self {{
            video,
            user_id: user_id.into(),
            random_id,
            g_a_hash: {bytes}(&caller.g_a_hash()),
            protocol: {official},
        }}
    }}
}}"
                ),
            );
        }
        if !peer {
            return;
        }
        let peer_doc = "`peer` is the call: a reference to the received `phoneCallRequested`\n\
                        (or to any `PhoneCall` constructor with `id` and `access_hash`) will do.";
        if let Some(f) = self.function_exactly("phone.acceptCall", ACCEPT_CALL) {
            let function = self.function_path(f);
            let doc = doc_lines(&format!(
                "`phone.acceptCall` for the call `callee` accepts: its\n\
                 [`g_b`]({rt_doc}::calls::CalleeAccept::g_b).\n\n{peer_doc}\n\n{protocol_doc}"
            ));
            self.push(
                format!("[`{function}::from_callee`] from a `CalleeAccept`."),
                format!(
                    "impl {function} {{
{doc}    pub fn from_callee(
        callee: &{rt}::calls::CalleeAccept,
        peer: impl Into<{input_call}>,
    ) -> Self {{
        Self {{
            peer: peer.into(),
            g_b: {bytes}(callee.g_b()),
            protocol: {official},
        }}
    }}
}}"
                ),
            );
        }
        if let Some(f) = self.function_exactly("phone.confirmCall", CONFIRM_CALL) {
            let function = self.function_path(f);
            let peer_doc = peer_doc.replace("phoneCallRequested", "phoneCallAccepted");
            let doc = doc_lines(&format!(
                "`phone.confirmCall` for the call `caller` confirms: its\n\
                 [`g_a`]({rt_doc}::calls::CallerConfirm::g_a) and\n\
                 [`key_fingerprint`]({rt_doc}::calls::CallerConfirm::key_fingerprint).\n\n\
                 {peer_doc}\n\n{protocol_doc}"
            ));
            self.push(
                format!("[`{function}::from_confirm`] from a `CallerConfirm`."),
                format!(
                    "impl {function} {{
{doc}    pub fn from_confirm(
        caller: &{rt}::calls::CallerConfirm,
        peer: impl Into<{input_call}>,
    ) -> Self {{
        Self {{
            peer: peer.into(),
            g_a: {bytes}(caller.g_a()),
            key_fingerprint: caller.key_fingerprint(),
            protocol: {official},
        }}
    }}
}}"
                ),
            );
        }
    }
}
