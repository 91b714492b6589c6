//! The few items of the file's root (`LAYER`, `name_for_id`, the `arbitrary` support), the
//! modules' docs and `use` lines, and the conversion of the schema's `rpc_error` into the
//! runtime's.

use super::printer::{hex, Printer, INLINE};
use super::writer::{ident, Writer};
use crate::model::FieldKind;
use crate::plan::Root;

impl Printer<'_> {
    /// `LAYER`, when the schema has one (then a blank line).
    pub fn layer(&self, w: &mut Writer) {
        if let Some(layer) = self.plan.layer {
            w.line("/// The schema layer these bindings were generated from (`// LAYER` comment).");
            w.line_fmt(format_args!("pub const LAYER: i32 = {layer};"));
            w.blank();
        }
    }

    /// `name_for_id`: every constructor's and function's TL name by id.
    pub fn name_for_id(&self, w: &mut Writer) {
        let mut all: Vec<(u32, String)> = self
            .model
            .constructors
            .iter()
            .chain(&self.model.functions)
            .chain(&self.model.bool_constructors)
            // Older layers' constructors read into current structs: their ids arrive too.
            .chain(self.model.compat.readers.iter().map(|r| &r.item))
            .map(|i| (i.id, i.name.to_string()))
            .collect();
        all.sort();
        w.line(
            "/// The TL name of a constructor or function id (`0x42ff96ed` -> `phone.requestCall`),",
        );
        w.line("/// also of the older layers' constructors the bindings read.");
        w.open("pub fn name_for_id(id: u32) -> Option<&'static str> {");
        w.open("Some(match id {");
        for (id, name) in &all {
            w.arm(&hex(*id), &format!("{name:?}"));
        }
        w.line("_ => return None,");
        w.close("})");
        w.close("}");
    }

    /// With `arbitrary`, the generator used for fields holding `Bytes` or `TlString` (which
    /// do not implement `Arbitrary`, and cannot be made to here): a local trait over the
    /// shapes such fields have (`Bytes`, `TlString`, `Option<_>`, `Vec<_>`, `Box<_>`). A
    /// blank line first.
    pub fn arbitrary_support(&self, w: &mut Writer) {
        if !self.plan.arbitrary {
            return;
        }
        let rt = &self.rt;
        let uses_object = self
            .model
            .constructors
            .iter()
            .chain(&self.model.functions)
            .flat_map(|item| &item.params)
            .any(|f| matches!(&f.kind, FieldKind::Value { ty, .. } if ty.holds_object()));
        w.blank();
        w.line("/// Arbitrary values of field types holding `Bytes` or `TlString`, for the");
        w.line("/// `arbitrary` derives.");
        w.line("#[cfg(feature = \"arbitrary\")]");
        w.line("#[allow(dead_code)] // when no kept field holds `Bytes`");
        w.open("mod arb {");
        w.line_fmt(format_args!("use {rt}::bytes::Bytes;"));
        w.line_fmt(format_args!("use {rt}::wire::TlString;"));
        w.line("use arbitrary::{Arbitrary, Result, Unstructured};");
        w.blank();
        w.line("/// A field type that holds `Bytes` or `TlString`.");
        w.open("pub trait ArbitraryBytes: Sized {");
        w.line("/// An arbitrary value.");
        w.line("fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self>;");
        w.close("}");
        let arbitrary_impl = |w: &mut Writer, head: &str, body: &[&str]| {
            w.blank();
            w.open(&format!("{head} {{"));
            w.open("fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {");
            for line in body {
                w.line(line);
            }
            w.close("}");
            w.close("}");
        };
        arbitrary_impl(
            w,
            "impl ArbitraryBytes for Bytes",
            &["Vec::<u8>::arbitrary(u).map(Bytes::from)"],
        );
        arbitrary_impl(
            w,
            "impl ArbitraryBytes for TlString",
            &["String::arbitrary(u).map(TlString::from)"],
        );
        if uses_object {
            w.blank();
            w.open_impl("impl ArbitraryBytes", &format!("{rt}::wire::RawObject"));
            w.open("fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {");
            w.line("// An id, then whole words: what every boxed value looks like.");
            w.line("let mut bytes = u32::arbitrary(u)?.to_le_bytes().to_vec();");
            w.open("for _ in 0..u.arbitrary_len::<u32>()? {");
            w.line("bytes.extend(u32::arbitrary(u)?.to_le_bytes());");
            w.close("}");
            w.line("Ok(Self::new(bytes).expect(\"at least the id\"))");
            w.close("}");
            w.close("}");
        }
        arbitrary_impl(
            w,
            "impl<T: ArbitraryBytes> ArbitraryBytes for Option<T>",
            &[
                "Ok(if bool::arbitrary(u)? {",
                "    Some(T::arbitrary_bytes(u)?)",
                "} else {",
                "    None",
                "})",
            ],
        );
        arbitrary_impl(
            w,
            "impl<T: ArbitraryBytes> ArbitraryBytes for Box<T>",
            &["T::arbitrary_bytes(u).map(Box::new)"],
        );
        arbitrary_impl(
            w,
            "impl<T: ArbitraryBytes> ArbitraryBytes for Vec<T>",
            &[
                "let n = u.arbitrary_len::<Vec<u8>>()?;",
                "(0..n).map(|_| T::arbitrary_bytes(u)).collect()",
            ],
        );
        w.blank();
        w.line("/// The generator named in `#[arbitrary(with = ...)]`.");
        w.open("pub fn bytes<T: ArbitraryBytes>(u: &mut Unstructured<'_>) -> Result<T> {");
        w.line("T::arbitrary_bytes(u)");
        w.close("}");
        w.close("}");
    }

    /// The `use` lines at the top of each generated module, `depth` levels below the root
    /// (then a blank line).
    pub fn prelude(&self, w: &mut Writer, depth: usize) {
        let rt = &self.rt;
        let supers = "super::".repeat(depth);
        let roots: &[&str] = if self.plan.errors_module {
            &["enums", "errors", "functions", "types"]
        } else {
            &["enums", "functions", "types"]
        };
        w.line("#[allow(unused_imports)]");
        w.use_list(&format!("use {supers}"), roots);
        if self.plan.tdlib_json {
            w.line("#[allow(unused_imports)]");
            w.line_fmt(format_args!("use {rt}::bytes::Bytes;"));
            w.line("#[allow(unused_imports)]");
            w.use_list(
                &format!("use {rt}::tdjson::"),
                &[
                    "self",
                    "FromJson",
                    "Int53",
                    "JsonEnum",
                    "JsonObject",
                    "JsonWriter",
                    "ToJson",
                    "VecOf",
                ],
            );
            w.line("#[allow(unused_imports)]");
            w.use_list(&format!("use {rt}::wire::"), &["Identifiable", "TlString"]);
            w.blank();
            return;
        }
        w.line("#[allow(unused_imports)]");
        w.use_list(&format!("use {rt}::bytes::"), &["BufMut", "Bytes"]);
        w.line("#[allow(unused_imports)]");
        w.use_list(
            &format!("use {rt}::wire::"),
            &[
                "Bare",
                "Deserialize",
                "DeserializeError",
                "Identifiable",
                "Reader",
                "RemoteCall",
                "Serialize",
                "TlString",
            ],
        );
        w.blank();
    }

    /// The docs of a root module, or of the namespace module `module` in it.
    pub fn module_doc(&self, root: Root, module: Option<&str>) -> String {
        match module {
            // TDLib's JSON form: objects carry their `@type`, and no TL ids.
            None if self.plan.tdlib_json => match root {
                Root::Types => "One struct per constructor, its JSON object (`ToJson`, `FromJson`).".to_owned(),
                Root::Enums => "One enum per type, with a variant per constructor and one for an object of a `@type` these bindings do not know.".to_owned(),
                Root::Functions => "One struct per function: the request, with the type of its answer through `tdjson::Function`.".to_owned(),
                Root::Errors => "The error enum of each method with documented errors, and [`CATALOG`](errors::CATALOG), every documented error.".to_owned(),
            },
            None => match root {
                Root::Types => "One struct per constructor, in the bare form (without its id).".to_owned(),
                Root::Enums => "One enum per boxed type, with a variant per constructor.".to_owned(),
                Root::Errors => "The error enum of each method with documented errors (its `RemoteCall::Error`), and [`CATALOG`](errors::CATALOG), every documented error.".to_owned(),
                Root::Functions => "One struct per function: the request, with its return type through `RemoteCall`.".to_owned(),
            },
            Some(m) => {
                let what = match root {
                    Root::Types => "constructors",
                    Root::Enums => "boxed types",
                    Root::Errors => "error enums of the methods",
                    Root::Functions => "functions",
                };
                format!("The {what} of the `{m}` namespace.")
            }
        }
    }

    /// `From<types::RpcError> for RpcError` (and from the boxed enum): an error reply decoded
    /// with the bindings becomes a method's error type with one more `.into()`.
    pub fn rpc_error_conversion(&self, w: &mut Writer) {
        let Some(rpc) = &self.plan.rpc_error else {
            return;
        };
        let rt = &self.rt;
        let name = ident(&self.plan.constructors[rpc.ctor].path.name);
        w.open_impl(
            &format!("impl From<{name}>"),
            &format!("{rt}::rpc_error::RpcError"),
        );
        w.line(INLINE);
        w.open_fn("fn from", &[format!("error: {name}")], " -> Self");
        w.line("Self::from_tl_body(error.error_code, &*error.error_message)");
        w.close("}");
        w.close("}");
        if let Some(t) = rpc.only_variant_of {
            let ty = self.plan.types[t].path.doc_path();
            let variant = self.plan.types[t]
                .variants
                .iter()
                .find(|v| v.ctor == rpc.ctor)
                .map(|v| ident(&v.name))
                .expect("its only variant");
            w.blank();
            w.open_impl(
                &format!("impl From<{ty}>"),
                &format!("{rt}::rpc_error::RpcError"),
            );
            w.line(INLINE);
            w.open_fn("fn from", &[format!("error: {ty}")], " -> Self");
            w.line_fmt(format_args!("let {ty}::{variant}(error) = error;"));
            w.line("error.into()");
            w.close("}");
            w.close("}");
        }
    }
}
