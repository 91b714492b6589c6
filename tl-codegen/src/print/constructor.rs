//! The struct of a constructor (in `types`), with its impls and the readers of the older
//! constructors read into it.

use super::body::{bit_mask, Params};
use super::printer::{hex, Printer, INLINE};
use super::writer::{ident, Writer};
use crate::model::{CompatReader, CtorId, Fate, FieldKind, Item, Ty};
use crate::plan::names::{compat_reader_fn, field_name};
use crate::plan::{Member, StructPlan};

/// The parameter list of every reader.
const READER: &str = "reader: &mut Reader";
/// The same, for a reader that reads nothing.
const UNUSED_READER: &str = "_reader: &mut Reader";
/// What every reader returns.
const READ_RESULT: &str = " -> Result<Self, DeserializeError>";

impl Printer<'_> {
    /// The struct of constructor `c`, with its impls.
    pub fn constructor(&self, w: &mut Writer, c: CtorId) {
        let item = &self.model.constructors[c];
        let plan = &self.plan.constructors[c];
        let name = ident(&plan.path.name);
        let ty_name = match &item.result {
            Ty::Boxed(t) => self.plan.types[*t].path.doc_path(),
            // `gzip_packed ... = Object`: a value read wherever an `Object` is.
            Ty::Object | Ty::Function => format!("{}::wire::RawObject", self.rt_doc),
            _ => String::new(),
        };
        let mut doc = self.docs.constructor_doc(item, &ty_name);
        // What it is comes first for an older form; that older forms are read into it is a
        // note after the current one's own docs.
        match (item.compat_layer, self.compat_note(c, &ty_name)) {
            (Some(_), Some(note)) => doc = format!("{note}\n\n{doc}"),
            (None, Some(note)) => doc = format!("{doc}\n\n{note}"),
            (_, None) => {}
        }
        self.struct_decl(w, item, plan, &doc, &format!("pub struct {name}"));
        self.open_inherent_impl(w, item, plan, &format!("impl {name}"));
        for reader in self.model.compat.readers_into(c) {
            w.blank();
            self.compat_reader(w, reader, item, plan);
        }
        w.close("}");

        w.blank();
        identifiable(w, "", &name, item);

        if self.plan.tdlib_json {
            self.json_constructor(w, c, &name);
            return;
        }
        let params = Params::new(item, plan);
        w.blank();
        w.open(&format!("impl Bare for {name} {{"));
        w.line_fmt(format_args!(
            "const MIN_BARE_SIZE: usize = {};",
            plan.min_bare_size
        ));
        w.blank();
        let mut writes = Writer::new(w.indent() + 1);
        self.writes(&mut writes, &params, plan);
        let writes = writes.finish();
        if writes.is_empty() {
            w.line("fn serialize_bare<B: BufMut>(&self, _out: &mut B) {}");
        } else {
            w.open("fn serialize_bare<B: BufMut>(&self, out: &mut B) {");
            w.push_lines(&writes);
            w.close("}");
        }
        w.blank();
        let mut reads = Writer::new(w.indent() + 1);
        self.reads(&mut reads, &params, plan);
        let reads = reads.finish();
        let arg = if reads.is_empty() {
            UNUSED_READER
        } else {
            READER
        };
        w.line(INLINE);
        w.open_fn("fn deserialize_bare", &[arg.to_owned()], READ_RESULT);
        w.push_lines(&reads);
        self.construct(w, plan);
        w.close("}");
        w.close("}");
    }

    /// What the docs of constructor `c` say about older layers: for one kept as its own,
    /// what it is (its first paragraph); for a current one that older constructors are read
    /// into, which (a note after its own docs).
    fn compat_note(&self, c: CtorId, ty_name: &str) -> Option<String> {
        let item = &self.model.constructors[c];
        let ty = match ty_name.rsplit("::").next() {
            Some(short) if !ty_name.is_empty() => format!("[`{short}`]({ty_name})"),
            _ => "its type".to_owned(),
        };
        if let Some(layer) = item.compat_layer {
            let current = self
                .model
                .constructors
                .iter()
                .position(|o| o.compat_layer.is_none() && o.name == item.name)
                .map(|o| {
                    let path = &self.plan.constructors[o].path;
                    format!(", replaced by [`{}`]({})", path.name, path.doc_path())
                })
                .unwrap_or_default();
            // What changed since, which is why it is not read into the current constructor.
            let why = self
                .model
                .compat
                .outcomes
                .iter()
                .find(|o| o.id == item.id && o.layer == layer)
                .and_then(|o| match &o.fate {
                    Fate::Variant { reason } => Some(format!(" Kept as its own: {reason}.")),
                    _ => None,
                })
                .unwrap_or_default();
            return Some(format!(
                "Constructor `{}#{:08x}` of layer {layer}{current}: an older form that servers \
                 may still send, read as a variant of {ty} and written back as it was read.{why}",
                item.name, item.id
            ));
        }
        let older: Vec<String> = self
            .model
            .compat
            .readers_into(c)
            .map(|r| format!("`{}#{:08x}` (layer {})", r.item.name, r.item.id, r.layer()))
            .collect();
        if older.is_empty() {
            return None;
        }
        Some(format!(
            "Read as a variant of {ty} also from the older {} {}, which servers may still send: \
             what they lack is absent (`None`, `false`, empty), and the value is written back \
             as this constructor.",
            if older.len() == 1 { "form" } else { "forms" },
            older.join(", ")
        ))
    }

    /// `deserialize_bare_layerN`: the older constructor of `reader` (its id already read),
    /// read in its own wire order into the locals of the current one's `deserialize_bare`,
    /// and the struct built from them as that builds it.
    fn compat_reader(
        &self,
        w: &mut Writer,
        reader: &CompatReader,
        target: &Item,
        plan: &StructPlan,
    ) {
        let params = Params::new(target, plan);
        let target = params.item();
        let old = &reader.item;
        let sources = reader.sources(target);
        let flag_local = |p: usize| format!("{}_bits", field_name(&old.params[p].name));
        let mut reads = Writer::new(w.indent() + 1);
        for (p, f) in old.params.iter().enumerate() {
            let FieldKind::Value { condition, .. } = &f.kind else {
                let used = old.params.iter().any(|g| {
                    matches!(&g.kind, FieldKind::Value { condition: Some(b), .. } if b.field == p)
                });
                if used {
                    reads.line_fmt(format_args!("let {} = reader.read_u32()?;", flag_local(p)));
                } else {
                    reads.line("reader.read_u32()?;");
                }
                continue;
            };
            let Some(q) = sources.iter().position(|&s| s == Some(p)) else {
                continue; // the mapping checks that each value has its place
            };
            let Some(m) = plan.param_members[q] else {
                continue; // a `true` implied by a value on its bit
            };
            let local = ident(&plan.param_names[q]);
            let FieldKind::Value { ty, .. } = &target.params[q].kind else {
                continue;
            };
            let read = self.read_expr(ty, plan.boxed_params.contains(&q));
            let present = condition
                .map(|bit| format!("{} & {} != 0", flag_local(bit.field), bit_mask(bit.bit)));
            let lead = format!("let {local} =");
            match (&plan.members[m].member, present) {
                (Member::Flag { .. }, Some(present)) => reads.assign(&lead, &present, ";"),
                (Member::Plain { .. }, _) => reads.assign(&lead, &read, ";"),
                (_, Some(present)) => self.read_if(&mut reads, &local, &present, &read),
                (_, None) => reads.assign(&lead, &format!("Some({read})"), ";"),
            }
        }
        // What it lacks.
        for (q, source) in sources.iter().enumerate() {
            let (None, Some(m)) = (source, plan.param_members[q]) else {
                continue;
            };
            if matches!(target.params[q].kind, FieldKind::Flags) {
                continue;
            }
            let local = ident(&plan.param_names[q]);
            reads.line_fmt(format_args!(
                "let {local} = {};",
                match &plan.members[m].member {
                    Member::Flag { .. } => "false",
                    Member::Plain { .. } => "Default::default()",
                    Member::Optional { .. } | Member::Group { .. } => "None",
                }
            ));
        }
        let arg = if old.params.is_empty() {
            UNUSED_READER
        } else {
            READER
        };
        w.doc(&format!(
            "Reads the older `{}#{:08x}` of layer {} (its id already read) into this struct.",
            old.name,
            old.id,
            reader.layer()
        ));
        w.line(INLINE);
        w.open_fn(
            &format!("pub(crate) fn {}", compat_reader_fn(reader.layer())),
            &[arg.to_owned()],
            READ_RESULT,
        );
        w.push_lines(&reads.finish());
        self.construct(w, plan);
        w.close("}");
    }
}

/// `impl Identifiable for ty`; `generics` are the impl's (empty, or `<X>`).
pub(super) fn identifiable(w: &mut Writer, generics: &str, ty: &str, item: &Item) {
    w.open(&format!("impl{generics} Identifiable for {ty} {{"));
    w.line_fmt(format_args!(
        "const CONSTRUCTOR_ID: u32 = {};",
        hex(item.id)
    ));
    w.assign(
        "const TL_NAME: &'static str =",
        &format!("{:?}", item.name.to_string()),
        ";",
    );
    w.close("}");
}
