//! Glue between a schema's voice-call items and `tl_runtime::calls`, in a `calls` module of
//! the generated file.
//!
//! The key exchange's state machine lives in the runtime crate, which cannot name generated
//! types; the generated types know nothing of the exchange. This module emits what joins
//! them, so that each step is one expression in user code:
//!
//! - `From` conversions from received generated values to the runtime's borrowed views:
//!   `&enums::messages::DhConfig` to `ServerDhConfig` (for `DhConfigCache::receive`), and
//!   `&enums::PhoneCall`, its data constructors, `&types::UpdatePhoneCall` and
//!   `&enums::phone::PhoneCall` to `PhoneCallState` (for the states' `receive_*` methods);
//! - `From` between `CallProtocol` and the generated `PhoneCallProtocol`;
//! - `From<&types::PhoneCallRequested>` (and the other constructors carrying `id` and
//!   `access_hash`) for `enums::InputPhoneCall`, the `peer` of the requests;
//! - request constructors: `GetDhConfig::from_cache(&cache)`,
//!   `RequestCall::from_caller(&caller, user_id, random_id, video)`,
//!   `AcceptCall::from_callee(&callee, peer)`, `ConfirmCall::from_confirm(&confirm, peer)`.
//!
//! Each piece is emitted only when every item it touches exists with layer 230's parameters
//! (names, types, and a plain Rust field for each); a schema without them, or with other
//! parameters, gets nothing for that piece and no error.

use std::fmt::Write as _;

mod pieces;
mod shapes;

use shapes::P;

use super::Extension;
use crate::model::{CtorId, FieldKind, Item, Model, Ty, TypeId};
use crate::plan::{Member, Plan, StructPlan};
use crate::print::{ident, Writer};

/// Which parameter of an item, and whether its Rust field is a `Box`.
struct Field {
    ident: String,
    boxed: bool,
}

impl Field {
    /// `&value.field`, through the `Box` when there is one.
    fn borrow(&self, value: &str) -> String {
        let f = &self.ident;
        if self.boxed {
            format!("&*{value}.{f}")
        } else {
            format!("&{value}.{f}")
        }
    }
}

/// The glue being written: the schema's items and what the pieces wrote so far.
struct Glue<'a> {
    model: &'a Model,
    plan: &'a Plan,
    /// The runtime crate's path, as code writes it.
    rt: String,
    /// The generated items (text, at the outermost indent), with their rustdoc lines for the
    /// module docs.
    items: Vec<String>,
    docs: Vec<String>,
}

/// The voice-call glue: a `calls` module joining the schema's call items to
/// `tl_runtime::calls` (see the module docs), wrapped in the runtime's `__calls_glue!` macro,
/// which drops it where tl-runtime's `calls` feature is off. Nothing for a schema without
/// those items.
#[derive(Debug, Clone, Copy, Default)]
pub struct VoiceCalls;

impl Extension for VoiceCalls {
    fn name(&self) -> &str {
        "voice-call glue"
    }

    fn generate(&self, model: &Model, plan: &Plan, out: &mut Writer) {
        let mut glue = Glue {
            model,
            plan,
            rt: plan.runtime.split_whitespace().collect(),
            items: Vec::new(),
            docs: Vec::new(),
        };
        let protocol = glue.protocol();
        glue.dh_config();
        glue.call_states();
        let peer = glue.input_phone_call();
        glue.requests(protocol, peer);
        glue.finish(out);
    }
}

impl Glue<'_> {
    fn ctor(&self, name: &str) -> Option<CtorId> {
        self.model.constructor_by_name(name)
    }

    fn ty(&self, name: &str) -> Option<TypeId> {
        self.model.type_by_name(name)
    }

    /// Whether `param` has the expected type (unconditional unless `P::True`).
    fn param_is(&self, param: &crate::model::Field, expected: P) -> bool {
        let (ty, condition) = match &param.kind {
            FieldKind::Flags => return matches!(expected, P::Flags),
            FieldKind::Value { ty, condition } => (ty, condition),
        };
        match (expected, ty, condition) {
            (P::True, Ty::True, Some(_)) => true,
            (_, _, Some(_)) => false,
            (P::Int, Ty::Int, None) | (P::Long, Ty::Long, None) | (P::Bytes, Ty::Bytes, None) => {
                true
            }
            (P::Strings, Ty::Vector { boxed: true, elem }, None) => **elem == Ty::String,
            (P::Boxed(name), Ty::Boxed(t), None) => self.model.types[*t].name == *name,
            _ => false,
        }
    }

    /// The Rust field of parameter `name` of `item` (with `shape`), when the parameter has the
    /// expected type and is a field of its own.
    fn field(&self, item: &Item, shape: &StructPlan, name: &str, expected: P) -> Option<Field> {
        let p = item.params.iter().position(|f| f.name == name)?;
        if !self.param_is(&item.params[p], expected) {
            return None;
        }
        let own_field = &shape.members[shape.param_members[p]?];
        if !matches!(own_field.member, Member::Plain { .. } | Member::Flag { .. }) {
            return None;
        }
        Some(Field {
            ident: ident(&own_field.name).into_owned(),
            boxed: shape.boxed_params.contains(&p),
        })
    }

    /// Whether `item` has exactly the parameters of `spec`, each a plain unboxed field (so a
    /// struct literal can build it).
    fn exactly(&self, item: &Item, shape: &StructPlan, spec: &[(&str, P)]) -> bool {
        item.params.len() == spec.len()
            && !item.is_generic()
            && item.params.iter().zip(spec).all(|(f, &(name, p))| {
                f.name == name
                    && self.param_is(f, p)
                    && (matches!(p, P::Flags)
                        || self
                            .field(item, shape, name, p)
                            .is_some_and(|field| !field.boxed))
            })
    }

    fn ctor_exactly(&self, name: &str, spec: &[(&str, P)]) -> Option<CtorId> {
        let c = self.ctor(name)?;
        let shape = &self.plan.constructors[c];
        self.exactly(&self.model.constructors[c], shape, spec)
            .then_some(c)
    }

    fn function_exactly(&self, name: &str, spec: &[(&str, P)]) -> Option<usize> {
        let f = self.model.function_by_name(name)?;
        let shape = &self.plan.functions[f].strukt;
        self.exactly(&self.model.functions[f], shape, spec)
            .then_some(f)
    }

    /// The variant of constructor `c` in its type's enum.
    fn enum_variant(&self, c: CtorId) -> Option<&crate::plan::VariantPlan> {
        let Ty::Boxed(t) = &self.model.constructors[c].result else {
            return None;
        };
        self.plan.types[*t].variants.iter().find(|v| v.ctor == c)
    }

    /// `&**value` (boxed) or `value` for the payload of enum variant `c`: a `&` to its struct.
    fn variant_payload(&self, c: CtorId, value: &str) -> String {
        if self.enum_variant(c).is_some_and(|v| v.boxed) {
            format!("&**{value}")
        } else {
            value.to_owned()
        }
    }

    /// `enums::X::Variant`, the variant of constructor `c`.
    fn variant(&self, c: CtorId) -> String {
        let t = match &self.model.constructors[c].result {
            Ty::Boxed(t) => *t,
            _ => return String::new(),
        };
        let Some(v) = self.enum_variant(c) else {
            return String::new();
        };
        format!("{}::{}", self.plan.types[t].path.doc_path(), ident(&v.name))
    }

    fn ctor_path(&self, c: CtorId) -> String {
        self.plan.constructors[c].path.doc_path()
    }

    fn type_path(&self, t: TypeId) -> String {
        self.plan.types[t].path.doc_path()
    }

    fn function_path(&self, f: usize) -> String {
        self.plan.functions[f].strukt.path.doc_path()
    }

    /// The runtime's path for rustdoc links (no leading `::`).
    fn rt_doc(&self) -> &str {
        self.rt.trim_start_matches("::")
    }

    /// The single constructor of boxed type `name`, if it has exactly one.
    fn only_ctor(&self, name: &str) -> Option<(TypeId, CtorId)> {
        let t = self.ty(name)?;
        match self.model.types[t].constructors.as_slice() {
            [c] => Some((t, *c)),
            _ => None,
        }
    }

    fn push(&mut self, doc: String, item: String) {
        self.docs.push(doc);
        self.items.push(item);
    }

    /// The module, inside the runtime's `__calls_glue!` (nothing when no piece applies).
    fn finish(self, w: &mut Writer) {
        if self.items.is_empty() {
            return;
        }
        let rt_doc = self.rt_doc();
        let mut doc = format!(
            "Glue between the voice-call items above and [`{rt_doc}::calls`], the key exchange\n\
             of end-to-end encrypted calls: conversions and request constructors, so that\n\
             each step is one expression.\n\n\
             Received values convert into the runtime's views, which its methods take through\n\
             `impl Into`: `cache.receive(&dh_config)`, `caller.receive_waiting(&answer)`,\n\
             `CalleeAccept::receive_requested(&params, &update.phone_call)`,\n\
             `caller.receive_accepted(&update.phone_call)`, `confirm.receive_confirmed(&answer)`,\n\
             `callee.receive_call(&update.phone_call)`. Requests are built from the states:\n\
             `RequestCall::from_caller(&caller, user, random_id, false)`,\n\
             `AcceptCall::from_callee(&callee, requested)`,\n\
             `ConfirmCall::from_confirm(&confirm, accepted)` (with\n\
             `requested: &types::PhoneCallRequested`, `accepted: &types::PhoneCallAccepted`).\n\n\
             This module only holds implementations; they are emitted for the items the\n\
             schema has with layer 230's parameters:\n"
        );
        for line in &self.docs {
            let _ = write!(doc, "\n- {line}");
        }
        w.open(&format!("{}::__calls_glue! {{", self.rt));
        w.doc(&doc);
        w.open("pub mod calls {");
        w.line("#[allow(unused_imports)]");
        w.line("use super::{enums, functions, types};");
        for item in &self.items {
            w.blank();
            for line in item.lines() {
                w.line(line);
            }
        }
        w.close("}");
        w.close("}");
    }
}

/// `///` lines for a doc string, one level in (the docs of a method in an `impl`).
fn doc_lines(doc: &str) -> String {
    let mut w = Writer::new(1);
    w.doc(doc);
    w.finish()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::model::resolved_for_test;
    use crate::options::Options;
    use crate::plan::{ErrorFacts, Plan};
    use crate::print::{generate, SchemaDocs};

    /// The layer-230 lines the glue reads, and enough around them to resolve.
    const CALLS_SCHEMA: &str = "
int ? = Int;
long ? = Long;
string ? = String;
bytes = Bytes;
true#3fedd339 = True;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
inputUserEmpty#b98886cf = InputUser;
inputUser#f21158c6 user_id:long access_hash:long = InputUser;
user#abcdef01 id:long = User;
phoneCallProtocol#fc878fc8 flags:# udp_p2p:flags.0?true udp_reflector:flags.1?true min_layer:int max_layer:int library_versions:Vector<string> = PhoneCallProtocol;
inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
phoneCallEmpty#5366c915 id:long = PhoneCall;
phoneCallWaiting#c5226f17 flags:# video:flags.6?true id:long access_hash:long date:int admin_id:long participant_id:long protocol:PhoneCallProtocol receive_date:flags.0?int = PhoneCall;
phoneCallRequested#14b0ed0c flags:# video:flags.6?true id:long access_hash:long date:int admin_id:long participant_id:long g_a_hash:bytes protocol:PhoneCallProtocol = PhoneCall;
phoneCallAccepted#3660c311 flags:# video:flags.6?true id:long access_hash:long date:int admin_id:long participant_id:long g_b:bytes protocol:PhoneCallProtocol = PhoneCall;
phoneCall#30535af5 flags:# p2p_allowed:flags.5?true video:flags.6?true id:long access_hash:long date:int admin_id:long participant_id:long g_a_or_b:bytes key_fingerprint:long protocol:PhoneCallProtocol start_date:int = PhoneCall;
phoneCallDiscarded#50ca4de1 flags:# need_rating:flags.2?true id:long duration:flags.1?int = PhoneCall;
updatePhoneCall#ab0f6b1e phone_call:PhoneCall = Update;
messages.dhConfigNotModified#c0e24635 random:bytes = messages.DhConfig;
messages.dhConfig#2c221edd g:int p:bytes version:int random:bytes = messages.DhConfig;
phone.phoneCall#ec82e140 phone_call:PhoneCall users:Vector<User> = phone.PhoneCall;
---functions---
messages.getDhConfig#26cf8950 version:int random_length:int = messages.DhConfig;
phone.requestCall#42ff96ed flags:# video:flags.0?true user_id:InputUser random_id:int g_a_hash:bytes protocol:PhoneCallProtocol = phone.PhoneCall;
phone.acceptCall#3bd2b4a0 peer:InputPhoneCall g_b:bytes protocol:PhoneCallProtocol = phone.PhoneCall;
phone.confirmCall#2efe1722 peer:InputPhoneCall g_a:bytes key_fingerprint:long protocol:PhoneCallProtocol = phone.PhoneCall;
";

    /// The `calls` module generated for `schema`, without whitespace ("" when there is none).
    /// The whole file must be valid Rust.
    fn glue(schema: &str) -> String {
        let model = resolved_for_test(&[(Path::new("calls.tl"), schema)]);
        let plan = Plan::new(&model, &Options::default(), &ErrorFacts::NONE).expect("plans");
        let mut text = generate(&model, &plan, &SchemaDocs);
        crate::extension::append(&mut text, &model, &plan, &[&super::VoiceCalls]);
        syn::parse_file(&text).expect("valid Rust");
        let code = squeeze(&text);
        match code.find("pubmodcalls{") {
            Some(start) => code[start..].to_owned(),
            None => String::new(),
        }
    }

    fn squeeze(text: &str) -> String {
        text.split_whitespace().collect()
    }

    /// `schema` with the line defining `name` replaced by `line` (or removed when empty).
    fn with(schema: &str, name: &str, line: &str) -> String {
        let prefix = format!("{name}#");
        assert!(
            schema.lines().any(|l| l.starts_with(&prefix)),
            "{name} is in the schema"
        );
        schema
            .lines()
            .map(|l| if l.starts_with(&prefix) { line } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    }

    const ALL_PIECES: &[&str] = &[
        "impl From<::tl_runtime::calls::CallProtocol> for types::PhoneCallProtocol",
        "impl From<&types::PhoneCallProtocol> for ::tl_runtime::calls::CallProtocol",
        "impl From<::tl_runtime::calls::CallProtocol> for enums::PhoneCallProtocol",
        "impl From<&enums::PhoneCallProtocol> for ::tl_runtime::calls::CallProtocol",
        "From<&'a types::messages::DhConfig> for ::tl_runtime::calls::ServerDhConfig<'a>",
        "From<&'a types::messages::DhConfigNotModified> for ::tl_runtime::calls::ServerDhConfig<'a>",
        "From<&'a enums::messages::DhConfig> for ::tl_runtime::calls::ServerDhConfig<'a>",
        "impl functions::messages::GetDhConfig",
        "From<&'a types::PhoneCallWaiting> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a types::PhoneCallRequested> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a types::PhoneCallAccepted> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a types::PhoneCall> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a enums::PhoneCall> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a types::UpdatePhoneCall> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a types::phone::PhoneCall> for ::tl_runtime::calls::PhoneCallState<'a>",
        "From<&'a enums::phone::PhoneCall> for ::tl_runtime::calls::PhoneCallState<'a>",
        "impl From<&types::PhoneCallWaiting> for enums::InputPhoneCall",
        "impl From<&types::PhoneCallRequested> for enums::InputPhoneCall",
        "impl From<&types::PhoneCallAccepted> for enums::InputPhoneCall",
        "impl From<&types::PhoneCall> for enums::InputPhoneCall",
        "impl functions::phone::RequestCall",
        "impl functions::phone::AcceptCall",
        "impl functions::phone::ConfirmCall",
    ];

    fn present(code: &str) -> Vec<&'static str> {
        ALL_PIECES
            .iter()
            .copied()
            .filter(|p| code.contains(&squeeze(p)))
            .collect()
    }

    fn all_but(missing: &[&str]) -> Vec<&'static str> {
        ALL_PIECES
            .iter()
            .copied()
            .filter(|p| !missing.iter().any(|m| p.contains(m)))
            .collect()
    }

    fn has(code: &str, piece: &str) -> bool {
        code.contains(&squeeze(piece))
    }

    #[test]
    fn full_schema_gets_every_piece() {
        let code = glue(CALLS_SCHEMA);
        assert_eq!(present(&code), ALL_PIECES);
        // Unit states map directly; the data ones go through their constructor's `From`.
        assert!(has(
            &code,
            "enums::PhoneCall::Waiting(call) => Self::from(call),"
        ));
        // Every state of an exchange carries the call's ids.
        assert!(has(
            &code,
            "Self::Accepted { ids: ::tl_runtime::calls::CallIds { id: call.id, access_hash: call.access_hash, admin_id: call.admin_id, participant_id: call.participant_id, }, g_b: &call.g_b, }"
        ), "{code}");
        assert!(has(&code, "enums::PhoneCall::Empty(_) => Self::Empty,"));
        assert!(has(
            &code,
            "enums::PhoneCall::Requested(call) => Self::from("
        ));
        assert!(has(
            &code,
            "g_a_hash: ::tl_runtime::bytes::Bytes::copy_from_slice(&caller.g_a_hash()),"
        ));
        assert!(has(
            &code,
            "Self { version: cache.version(), random_length: 256, }"
        ));
    }

    #[test]
    fn schema_without_call_items_gets_no_module() {
        let code = glue(
            "int ? = Int;\nlong ? = Long;\nfoo#12345678 a:int = Foo;\n---functions---\nbar#87654321 x:long = Foo;\n",
        );
        assert_eq!(code, "");
    }

    #[test]
    fn changed_parameters_drop_only_their_pieces() {
        // protocol without `library_versions`: no protocol conversion, so no request
        // constructors (they fill `protocol`); the rest stays.
        let code = glue(&with(
            CALLS_SCHEMA,
            "phoneCallProtocol",
            "phoneCallProtocol#fc878fc8 flags:# udp_p2p:flags.0?true udp_reflector:flags.1?true min_layer:int max_layer:int = PhoneCallProtocol;",
        ));
        assert_eq!(
            present(&code),
            all_but(&["CallProtocol", "RequestCall", "AcceptCall", "ConfirmCall"])
        );

        // `g_b` as a string: `phoneCallAccepted` becomes `Other`, and acceptCall is left out
        // when its own `g_b` changes.
        let code = glue(&with(
            CALLS_SCHEMA,
            "phoneCallAccepted",
            "phoneCallAccepted#3660c311 flags:# video:flags.6?true id:long access_hash:long date:int admin_id:long participant_id:long g_b:string protocol:PhoneCallProtocol = PhoneCall;",
        ));
        assert_eq!(
            present(&code),
            all_but(&["types::PhoneCallAccepted> for ::tl_runtime"])
        );
        assert!(has(&code, "Self::Other { tl_name: \"phoneCallAccepted\" }"));
        let code = glue(&with(
            CALLS_SCHEMA,
            "phone.acceptCall",
            "phone.acceptCall#3bd2b4a0 peer:InputPhoneCall g_b:bytes protocol:PhoneCallProtocol extra:int = phone.PhoneCall;",
        ));
        assert_eq!(present(&code), all_but(&["AcceptCall"]));

        // `g_a_hash` on video's bit: an `Option` (and `video` a method), not the plain fields
        // the constructor fills.
        let code = glue(&with(
            CALLS_SCHEMA,
            "phone.requestCall",
            "phone.requestCall#42ff96ed flags:# video:flags.0?true user_id:InputUser random_id:int g_a_hash:flags.0?bytes protocol:PhoneCallProtocol = phone.PhoneCall;",
        ));
        assert_eq!(present(&code), all_but(&["RequestCall"]));

        // No `messages.dhConfigNotModified`: the constructor's `From` stays, the enum's goes.
        let code = glue(&with(CALLS_SCHEMA, "messages.dhConfigNotModified", ""));
        assert_eq!(
            present(&code),
            all_but(&["DhConfigNotModified", "enums::messages::DhConfig"])
        );

        // A `PhoneCall` constructor the glue does not know maps to `Other`.
        let code = glue(&CALLS_SCHEMA.replace(
            "---functions---",
            "phoneCallRinging#11111111 id:long = PhoneCall;\n---functions---",
        ));
        assert_eq!(present(&code), ALL_PIECES);
        assert!(has(&code, "Self::Other { tl_name: \"phoneCallRinging\" }"));
    }

    #[test]
    fn missing_input_phone_call_drops_the_peer_pieces() {
        let code = glue(&with(
            CALLS_SCHEMA,
            "inputPhoneCall",
            "inputPhoneCall#1e36fded id:long = InputPhoneCall;",
        ));
        assert_eq!(
            present(&code),
            all_but(&["InputPhoneCall", "AcceptCall", "ConfirmCall"])
        );
    }
}
