//! The enum of a boxed type (in `enums`), with its impls and the conversions from its
//! constructors' structs.

use super::printer::{hex, Printer, INLINE};
use super::writer::{ident, Writer};
use crate::model::{Item, TypeId};
use crate::plan::names::compat_reader_fn;

impl Printer<'_> {
    /// The enum of boxed type `t`, with its impls.
    pub fn enumeration(&self, w: &mut Writer, t: TypeId) {
        let model = self.model;
        let ty = &model.types[t];
        let plan = &self.plan.types[t];
        let name = ident(&plan.path.name);
        let tl_name = ty.name.to_string();

        let members: Vec<&Item> = ty
            .constructors
            .iter()
            .map(|&c| &model.constructors[c])
            .collect();
        let mut doc = self.docs.enum_doc(&tl_name, &members);
        if let Some(layer) = ty.compat_layer {
            doc = format!(
                "The type `{tl_name}` of layer {layer}, which the current schema no longer has: \
                 kept for the older constructors that hold it, which servers may still send.\n\n{doc}"
            );
        }
        w.doc(&doc);
        for attr in self.item_attributes(&plan.attributes) {
            w.line(attr);
        }
        // Variants hold their structs inline by design (see `plan::layout`).
        // With `tdlib_json`, the small `Unknown` variant is beside every struct, whose size
        // the layout only estimates: allowed on every enum.
        if (plan.variants.len() > 1 && plan.largest_variant > 200) || self.plan.tdlib_json {
            w.line("#[allow(clippy::large_enum_variant)]");
        }
        if self.plan.non_exhaustive_enums {
            w.line("#[non_exhaustive]");
        }
        w.open(&format!("pub enum {name} {{"));
        for variant in &plan.variants {
            let c = variant.ctor;
            let ctor = &model.constructors[c];
            let ctor_path = self.plan.constructors[c].path.doc_path();
            let mut doc = format!("[`{}`]({ctor_path}): `{}`", ctor.name, ctor.definition);
            let older: Vec<String> = model
                .compat
                .readers_into(c)
                .map(|r| format!("`#{:08x}` (layer {})", r.item.id, r.layer()))
                .collect();
            if !older.is_empty() {
                doc.push_str(&format!("\n\nAlso read from {}.", older.join(", ")));
            }
            w.doc(&doc);
            let held = if variant.boxed {
                format!("Box<{ctor_path}>")
            } else {
                ctor_path
            };
            w.expr_line(&format!("{}({held})", ident(&variant.name)), ",");
        }
        if let Some(unknown) = &plan.unknown_variant {
            w.doc(
                "An object of a `@type` these bindings do not know (one a newer TDLib added), \
                 kept as it came.",
            );
            w.line_fmt(format_args!("{unknown}(tdjson::UnknownObject),"));
        }
        w.close("}");
        if self.plan.tdlib_json {
            self.json_enum(w, t, &name);
            self.conversions(w, t, &name);
            return;
        }

        w.blank();
        w.open(&format!("impl {name} {{"));
        w.line("/// The constructor id of the variant held.");
        w.line(INLINE);
        w.open("pub fn constructor_id(&self) -> u32 {");
        w.open("match self {");
        for variant in &plan.variants {
            let id = hex(model.constructors[variant.ctor].id);
            w.arm(&format!("Self::{}(_)", ident(&variant.name)), &id);
        }
        w.close("}");
        w.close("}");
        w.close("}");

        w.blank();
        w.open(&format!("impl Serialize for {name} {{"));
        w.open("fn serialize<B: BufMut>(&self, out: &mut B) {");
        w.open("match self {");
        for variant in &plan.variants {
            w.arm(
                &format!("Self::{}(x)", ident(&variant.name)),
                "x.serialize(out)",
            );
        }
        w.close("}");
        w.close("}");
        w.close("}");

        // No `TL_TYPE`: an associated const per type cost `cargo check` of the full layer
        // 13% (1,525 of them); errors name the Rust type, which says the same.
        w.blank();
        w.open(&format!("impl Deserialize for {name} {{"));
        // The smallest encoding of any constructor: what bounds the vector counts a given
        // input can claim (and so what a claim can make the decoder reserve).
        w.line_fmt(format_args!("const MIN_SIZE: usize = {};", plan.min_size));
        w.blank();
        w.line(INLINE);
        w.open("fn deserialize(reader: &mut Reader) -> Result<Self, DeserializeError> {");
        w.open("reader.nested(|reader| {");
        w.open("Ok(match reader.read_id()? {");
        for variant in &plan.variants {
            let c = variant.ctor;
            let v = ident(&variant.name);
            let ctor = self.plan.constructors[c].path.doc_path();
            let read = |function: &str| {
                if variant.boxed {
                    format!("Self::{v}(Box::new({ctor}::{function}(reader)?))")
                } else {
                    format!("Self::{v}({ctor}::{function}(reader)?)")
                }
            };
            w.arm(&hex(model.constructors[c].id), &read("deserialize_bare"));
            for r in model.compat.readers_into(c) {
                w.arm(&hex(r.item.id), &read(&compat_reader_fn(r.layer())));
            }
        }
        w.line("id => return Err(reader.unexpected_id::<Self>(id)),");
        w.close("})");
        w.close("})");
        w.close("}");
        w.close("}");
        self.conversions(w, t, &name);
    }

    /// `From` each constructor's struct (and into a `Box`, where requests box the type).
    fn conversions(&self, w: &mut Writer, t: TypeId, name: &str) {
        let plan = &self.plan.types[t];
        for variant in &plan.variants {
            let v = ident(&variant.name);
            let ctor = self.plan.constructors[variant.ctor].path.doc_path();
            w.blank();
            w.open_impl(&format!("impl From<{ctor}>"), name);
            w.line(INLINE);
            w.open_fn("fn from", &[format!("value: {ctor}")], " -> Self");
            if variant.boxed {
                w.line_fmt(format_args!("Self::{v}(Box::new(value))"));
            } else {
                w.line_fmt(format_args!("Self::{v}(value)"));
            }
            w.close("}");
            w.close("}");
            if plan.boxed_in_requests {
                w.blank();
                w.open_impl(&format!("impl From<{ctor}>"), &format!("Box<{name}>"));
                w.line(INLINE);
                w.open_fn("fn from", &[format!("value: {ctor}")], " -> Self");
                w.line_fmt(format_args!("Box::new({name}::from(value))"));
                w.close("}");
                w.close("}");
            }
        }
    }
}
