//! What constructors' and functions' structs share: their fields, flag-group structs, `new`,
//! the methods of implied flags, and the statements that write and read their parameters.

use super::printer::{with_user_types, Printer, INLINE};
use super::writer::{ident, Writer};
use crate::model::{FieldKind, Item, Ty};
use crate::plan::{is_standard, Member, StructPlan};

/// The item's parameters as the body printers see them: user-typed fields replaced by an
/// opaque type written through its traits (as a generic parameter is).
pub(super) struct Params<'i> {
    user_typed: Option<Item>,
    item: &'i Item,
}

impl<'i> Params<'i> {
    pub(super) fn new(item: &'i Item, plan: &StructPlan) -> Self {
        Self {
            user_typed: with_user_types(item, plan),
            item,
        }
    }

    pub(super) fn item(&self) -> &Item {
        self.user_typed.as_ref().unwrap_or(self.item)
    }
}

impl Printer<'_> {
    /// The struct of a constructor or function: its docs, derives and attributes, `head {
    /// fields }` (`{}` when it has none), then its flag groups' structs.
    pub(super) fn struct_decl(
        &self,
        w: &mut Writer,
        item: &Item,
        plan: &StructPlan,
        doc: &str,
        head: &str,
    ) {
        w.doc(doc);
        for attr in self.item_attributes(&plan.attributes) {
            w.line(attr);
        }
        if plan.members.is_empty() {
            w.line_fmt(format_args!("{head} {{}}"));
        } else {
            w.open(&format!("{head} {{"));
            self.fields(w, item, plan);
            w.close("}");
        }
        self.group_structs(w, item, plan);
    }

    /// Opens the inherent impl (`head` is `impl X`) with `new` and the methods of implied
    /// flags in it, after a blank line; the caller adds the rest and closes it.
    pub(super) fn open_inherent_impl(
        &self,
        w: &mut Writer,
        item: &Item,
        plan: &StructPlan,
        head: &str,
    ) {
        w.blank();
        w.open(&format!("{head} {{"));
        self.required_new(w, item, plan);
        self.implied_methods(w, item, plan);
    }

    /// The fields of the struct, one per member.
    fn fields(&self, w: &mut Writer, item: &Item, plan: &StructPlan) {
        for (i, m) in plan.members.iter().enumerate() {
            let name = ident(&m.name);
            let ty = self.member_ty(item, plan, i);
            match &m.member {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => {
                    w.doc(&self.param_doc(item, *param));
                    self.field_attrs(w, item, plan, *param);
                }
                Member::Group { params, .. } => {
                    let names: Vec<String> = params
                        .iter()
                        .map(|&p| format!("`{}`", item.params[p].name))
                        .collect();
                    w.doc(&format!(
                        "{}, present together or not at all.",
                        names.join(" and ")
                    ));
                }
            }
            w.field(&format!("pub {name}:"), &ty);
        }
    }

    /// The struct of each flag group of the item (blank line first).
    fn group_structs(&self, w: &mut Writer, item: &Item, plan: &StructPlan) {
        for m in &plan.members {
            let Member::Group { params, bit, .. } = &m.member else {
                continue;
            };
            let path = m.group.as_ref().expect("the plan names every group");
            let names: Vec<String> = params
                .iter()
                .map(|&p| format!("`{}`", item.params[p].name))
                .collect();
            w.blank();
            w.doc(&format!(
                "The parameters of `{}` on bit {} of `{}`: {}. They are sent together or not at \
                 all, so they are one `Option` in the parent.",
                item.name,
                bit.bit,
                item.params[bit.field].name,
                names.join(", ")
            ));
            for attr in self.item_attributes(&plan.attributes) {
                w.line(attr);
            }
            w.open(&format!("pub struct {} {{", ident(&path.name)));
            for &p in params {
                w.doc(&self.param_doc(item, p));
                self.field_attrs(w, item, plan, p);
                w.field(
                    &format!("pub {}:", ident(&plan.param_names[p])),
                    &self.param_ty(item, plan, p),
                );
            }
            w.close("}");
        }
    }

    /// The user's attributes for a field, then (with `arbitrary`) the generator of a field
    /// holding `Bytes`.
    fn field_attrs(&self, w: &mut Writer, item: &Item, plan: &StructPlan, p: usize) {
        for attr in &plan.field_attributes[p] {
            w.line(attr);
        }
        if let FieldKind::Value { ty, .. } = &item.params[p].kind {
            if self.plan.arbitrary && holds_bytes(ty) {
                // The generated items live in `root::module` or `root::namespace::module`.
                let supers = "super::".repeat(1 + usize::from(item.name.namespace.is_some()));
                w.line_fmt(format_args!(
                    "#[cfg_attr(feature = \"arbitrary\", arbitrary(with = {supers}arb::bytes))]"
                ));
            }
        }
    }

    /// The doc of parameter `p`: what the docs describe it as, or else its TL definition and
    /// the flag that carries it, so that every field is documented.
    pub(super) fn param_doc(&self, item: &Item, p: usize) -> String {
        if let Some(doc) = self
            .docs
            .param_doc(item, p)
            .filter(|d| !d.trim().is_empty())
        {
            return doc;
        }
        let param = &item.params[p];
        let prefix = format!("{}:", param.name);
        // The definition is written with single spaces (`Definition`'s `Display`): a split
        // at `' '` (a `memchr`) finds the words, where `split_whitespace` would step through
        // every character, for every parameter, in unoptimized build scripts.
        let tl = item
            .definition
            .split(' ')
            .find(|w| w.starts_with(&prefix))
            .unwrap_or(&param.name);
        match &param.kind {
            FieldKind::Value {
                ty: Ty::True,
                condition: Some(bit),
            } => format!(
                "TL parameter `{tl}`: whether bit {} of `{}` is set.",
                bit.bit, item.params[bit.field].name
            ),
            FieldKind::Value {
                condition: Some(bit),
                ..
            } => format!(
                "TL parameter `{tl}`, present when bit {} of `{}` is set.",
                bit.bit, item.params[bit.field].name
            ),
            FieldKind::Value {
                ty: Ty::Object | Ty::Function,
                ..
            } if item.is_length_prefixed(p) => format!(
                "TL parameter `{tl}`: any boxed value (decode it with `RawObject::decode`), \
                 written after its length `{}`, which is computed from it.",
                item.params[p - 1].name
            ),
            FieldKind::Value {
                ty: Ty::Object | Ty::Function,
                ..
            } => format!(
                "TL parameter `{tl}`: any boxed value, to the end of the input (decode it with \
                 `RawObject::decode`)."
            ),
            FieldKind::Flags if conditional_on(item, p).next().is_some() => {
                let carried: Vec<String> = conditional_on(item, p)
                    .map(|(q, _)| format!("`{}`", item.params[q].name))
                    .collect();
                format!(
                    "TL parameter `{tl}`: its bits that no parameter carries (those of {} are \
                     set from them when serializing, and left out here when reading).",
                    carried.join(", ")
                )
            }
            _ => format!("TL parameter `{tl}`."),
        }
    }

    /// `new`: the item from its required parameters, every optional one absent. Boxing is the
    /// layout's business, so a boxed parameter is taken by value and boxed here: calls to
    /// `new` keep compiling when a layer changes what is boxed, and struct update syntax
    /// (`Item { flag: true, ..Item::new(a, b) }`) when it adds optional parameters.
    fn required_new(&self, w: &mut Writer, item: &Item, plan: &StructPlan) {
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let mut absent = Vec::new();
        for m in &plan.members {
            let name = ident(&m.name);
            match &m.member {
                Member::Plain { param } => {
                    let local = ident(&plan.param_names[*param]);
                    args.push(format!(
                        "{local}: {}",
                        self.param_value_ty(item, plan, *param)
                    ));
                    let nullable = matches!(
                        &item.params[*param].kind,
                        FieldKind::Value {
                            ty: Ty::Nullable(_),
                            ..
                        }
                    ) && plan.user_types[*param].is_none();
                    inits.push(if plan.boxed_params.contains(param) && nullable {
                        format!("{name}: {local}.map(Box::new)")
                    } else if plan.boxed_params.contains(param) {
                        format!("{name}: Box::new({local})")
                    } else if name == local {
                        name.into_owned()
                    } else {
                        format!("{name}: {local}")
                    });
                }
                Member::Flag { .. } => {
                    inits.push(format!("{name}: false"));
                    absent.push(format!("`{name}` absent (`false`)"));
                }
                Member::Optional { .. } | Member::Group { .. } => {
                    inits.push(format!("{name}: None"));
                    absent.push(format!("`{name}` absent (`None`)"));
                }
            }
        }
        w.doc(&match absent.as_slice() {
            [] => format!("`{}` from its parameters.", item.name),
            [one] => format!("`{}` from its required parameters, with {one}.", item.name),
            many => format!(
                "`{}` from its required parameters, with the {} optional ones absent (`false`, \
                 `None`).",
                item.name,
                many.len()
            ),
        });
        // Clippy's limit is 7; and a `new()` without arguments is `Default`'s business to
        // clippy, which the generated types leave to the user (`type_attribute`).
        match args.len() {
            0 => w.line("#[allow(clippy::new_without_default)]"),
            1..=7 => {}
            _ => w.line("#[allow(clippy::too_many_arguments)]"),
        }
        w.line(INLINE);
        w.open_fn(
            &format!("pub fn {}", ident(&plan.new_fn)),
            &args,
            " -> Self",
        );
        w.struct_lit("", "Self", &inits, "");
        w.close("}");
    }

    /// The methods of `true` parameters implied by values on their bit (blank line before
    /// each).
    fn implied_methods(&self, w: &mut Writer, item: &Item, plan: &StructPlan) {
        for imp in &plan.implied {
            let member = &plan.members[imp.member];
            let check = match &member.member {
                Member::Flag { .. } => format!("self.{}", ident(&member.name)),
                _ => format!("self.{}.is_some()", ident(&member.name)),
            };
            w.blank();
            w.doc(&format!(
                "The flag `{}`: it shares its bit with `{}`, so it is set exactly when that is.",
                item.params[imp.param].name,
                ident(&member.name)
            ));
            w.line(INLINE);
            w.open(&format!(
                "pub fn {}(&self) -> bool {{",
                ident(&plan.param_names[imp.param])
            ));
            w.line(&check);
            w.close("}");
        }
    }

    /// The statements writing the parameters after the id, in wire order. (Lengths are
    /// counted by serializing: see `wire::LengthCounter`.)
    pub(super) fn writes(&self, w: &mut Writer, params: &Params<'_>, plan: &StructPlan) {
        let item = params.item();
        for (p, f) in item.params.iter().enumerate() {
            match &f.kind {
                FieldKind::Flags => self.write_flags(w, item, plan, p),
                FieldKind::Value { ty, .. } => {
                    let Some(m) = plan.param_members[p] else {
                        continue; // `true` parameters: only their bit.
                    };
                    let member = &plan.members[m];
                    let name = ident(&member.name);
                    match &member.member {
                        Member::Plain { .. } if item.is_length_prefixed(p) => {
                            w.method_call(&format!("self.{name}"), ".write_with_len(out)", ";");
                        }
                        Member::Plain { .. } => {
                            self.write_value(w, &format!("self.{name}"), ty, false)
                        }
                        Member::Flag { .. } => {}
                        Member::Optional { .. } => {
                            w.open(&format!("if let Some(v) = &self.{name} {{"));
                            self.write_value(w, "v", ty, true);
                            w.close("}");
                        }
                        Member::Group { .. } => {
                            w.open(&format!("if let Some(g) = &self.{name} {{"));
                            let field = ident(&plan.param_names[p]);
                            self.write_value(w, &format!("g.{field}"), ty, false);
                            w.close("}");
                        }
                    }
                }
            }
        }
    }

    /// The `#` word `p`: its own bits (when a field keeps them), and the bits of the
    /// parameters on it, from those.
    fn write_flags(&self, w: &mut Writer, item: &Item, plan: &StructPlan, p: usize) {
        let own = plan.param_members[p].map(|m| ident(&plan.members[m].name));
        let mut bits = Vec::new();
        for m in &plan.members {
            let name = ident(&m.name);
            match &m.member {
                Member::Flag { bit, .. } if bit.field == p => {
                    bits.push((format!("self.{name}"), bit.bit));
                }
                Member::Optional { bit, .. } | Member::Group { bit, .. } if bit.field == p => {
                    bits.push((format!("self.{name}.is_some()"), bit.bit));
                }
                _ => {}
            }
        }
        let local = flags_local(plan, p);
        let start = match own {
            // A `#` word with a value of its own (no conditional parameters).
            Some(own) if bits.is_empty() => {
                w.line_fmt(format_args!("out.put_u32_le(self.{own});"));
                return;
            }
            Some(own) => format!("self.{own} & !{:#x}", param_bits_mask(item, p)),
            None if bits.is_empty() => {
                w.line("out.put_u32_le(0);");
                return;
            }
            None => "0".to_owned(),
        };
        w.assign(&format!("let mut {local} ="), &start, ";");
        for (value, bit) in bits {
            let rhs = match bit {
                0 => format!("{value} as u32"),
                n => format!("({value} as u32) << {n}"),
            };
            w.assign(&format!("{local} |="), &rhs, ";");
        }
        w.line_fmt(format_args!("out.put_u32_le({local});"));
    }

    /// The statements writing `expr`, a value of `ty` (`is_ref`: `expr` is a reference to
    /// it, not a place).
    fn write_value(&self, w: &mut Writer, expr: &str, ty: &Ty, is_ref: bool) {
        match ty {
            Ty::True => {}
            Ty::Bare(_) => w.method_call(expr, ".serialize_bare(out)", ";"),
            Ty::Nullable(_) => {
                let by_ref = if is_ref { "" } else { "&" };
                w.open(&format!("match {by_ref}{expr} {{"));
                w.line("Some(v) => v.serialize(out),");
                w.line_fmt(format_args!(
                    "None => out.put_u32_le({}::wire::NULL_ID),",
                    self.rt
                ));
                w.close("}");
            }
            Ty::Vector { boxed, elem } if !is_standard(ty) => {
                // Nested loops (vectors of vectors) get `item`, `item_`, ...
                let item = if expr.starts_with("item") {
                    format!("{expr}_")
                } else {
                    "item".to_owned()
                };
                w.list(
                    &format!("{}::wire::write_vec_header", self.rt),
                    &["out".into(), format!("{expr}.len()"), boxed.to_string()],
                    ";",
                );
                let by_ref = if is_ref { "" } else { "&" };
                w.open(&format!("for {item} in {by_ref}{expr} {{"));
                self.write_value(w, &item, elem, true);
                w.close("}");
            }
            _ => w.method_call(expr, ".serialize(out)", ";"),
        }
    }

    /// The statements reading the parameters, in wire order, into locals.
    pub(super) fn reads(&self, w: &mut Writer, params: &Params<'_>, plan: &StructPlan) {
        let item = params.item();
        for (p, f) in item.params.iter().enumerate() {
            let local = ident(&plan.param_names[p]);
            match &f.kind {
                FieldKind::Flags => {
                    let used = plan.members.iter().any(|m| match &m.member {
                        Member::Flag { bit, .. }
                        | Member::Optional { bit, .. }
                        | Member::Group { bit, .. } => bit.field == p,
                        Member::Plain { .. } => false,
                    });
                    let own = plan.param_members[p].is_some();
                    let bits = flags_local(plan, p);
                    match (own, used) {
                        (true, false) => {
                            w.line_fmt(format_args!("let {local} = reader.read_u32()?;"))
                        }
                        (true, true) => {
                            w.line_fmt(format_args!("let {bits} = reader.read_u32()?;"));
                            w.assign(
                                &format!("let {local} ="),
                                &format!("{bits} & !{:#x}", param_bits_mask(item, p)),
                                ";",
                            );
                        }
                        (false, true) => {
                            w.line_fmt(format_args!("let {bits} = reader.read_u32()?;"))
                        }
                        (false, false) => w.line("reader.read_u32()?;"),
                    }
                }
                FieldKind::Value { ty, condition } => {
                    let Some(m) = plan.param_members[p] else {
                        continue;
                    };
                    let boxed = plan.boxed_params.contains(&p);
                    match (&plan.members[m].member, condition) {
                        (Member::Flag { bit, .. }, _) => {
                            let flags = flags_local(plan, bit.field);
                            w.assign(
                                &format!("let {local} ="),
                                &format!("{flags} & {} != 0", bit_mask(bit.bit)),
                                ";",
                            );
                        }
                        (_, Some(bit)) => {
                            let flags = flags_local(plan, bit.field);
                            let present = format!("{flags} & {} != 0", bit_mask(bit.bit));
                            self.read_if(w, &local, &present, &self.read_expr(ty, boxed));
                        }
                        (_, None) if item.is_length_prefixed(p) => w.assign(
                            &format!("let {local} ="),
                            &format!("{}::wire::RawObject::read_with_len(reader)?", self.rt),
                            ";",
                        ),
                        (_, None) => {
                            let read = self.read_expr(ty, boxed);
                            match read.find(CLOSURE) {
                                Some(at) if !w.fits(&format!("let {local} = {read};")) => {
                                    // rustfmt puts a closure that ends a broken call in a block
                                    // of its own.
                                    let (head, body) = read.split_at(at);
                                    let body = &body[CLOSURE.len()..];
                                    let body = body.strip_suffix(")?").expect("a call's end");
                                    let opening = format!("{head}{CLOSURE}{{");
                                    // rustfmt keeps room on the line for the `})?;` that
                                    // ends the call.
                                    let moved = !w.fits(&format!("let {local} = {opening}}})?;"));
                                    if moved {
                                        // The call then starts a line of its own.
                                        w.line(&format!("let {local} ="));
                                        w.indent_in();
                                        w.open(&opening);
                                    } else {
                                        w.open(&format!("let {local} = {opening}"));
                                    }
                                    w.expr_line(body, "");
                                    w.close("})?;");
                                    if moved {
                                        w.indent_out();
                                    }
                                }
                                _ => w.assign(&format!("let {local} ="), &read, ";"),
                            }
                        }
                    }
                }
            }
        }
    }

    /// `let local = if present { Some(read) } else { None };`, as rustfmt lays it out (always
    /// over five lines: it is wider than `single_line_if_else_max_width`).
    pub(super) fn read_if(&self, w: &mut Writer, local: &str, present: &str, read: &str) {
        w.open(&format!("let {local} = if {present} {{"));
        w.expr_line(&format!("Some({read})"), "");
        w.reopen("} else {");
        w.line("None");
        w.close("};");
    }

    /// An expression reading a value of `ty` from `reader` (with `?`).
    pub(super) fn read_expr(&self, ty: &Ty, boxed: bool) -> String {
        let read = match ty {
            Ty::True => "true".to_owned(),
            Ty::Int => "reader.read_i32()?".to_owned(),
            Ty::Long | Ty::Int53 => "reader.read_i64()?".to_owned(),
            Ty::Double => "reader.read_f64()?".to_owned(),
            Ty::String => "reader.read_string()?".to_owned(),
            Ty::Bytes => "reader.read_bytes()?".to_owned(),
            Ty::Int128 | Ty::Int256 => "reader.read_array()?".to_owned(),
            Ty::Bare(c) => format!(
                "{}::deserialize_bare(reader)?",
                self.plan.constructors[*c].path.doc_path()
            ),
            Ty::Nullable(inner) => {
                let read = if boxed {
                    "read_nullable_boxed"
                } else {
                    "read_nullable"
                };
                // Boxed inside the `Option`, by that function.
                return format!(
                    "{}::wire::{read}(reader, {}::deserialize)?",
                    self.rt,
                    self.rust_ty(inner)
                );
            }
            Ty::Vector { .. } if !is_standard(ty) => format!("{}?", self.read_vec(ty)),
            // Named, not inferred from the struct built at the end: the inference variables
            // of every field would otherwise stay open across the whole function.
            Ty::Generic(_) => "Deserialize::deserialize(reader)?".to_owned(),
            Ty::Vector { elem, .. } => {
                format!("Vec::<{}>::deserialize(reader)?", self.rust_ty(elem))
            }
            other => format!("{}::deserialize(reader)?", self.rust_ty(other)),
        };
        if boxed {
            format!("Box::new({read})")
        } else {
            read
        }
    }

    /// `read_vec(reader, boxed, min, read)` for a vector that is bare or holds bare values.
    fn read_vec(&self, ty: &Ty) -> String {
        let Ty::Vector { boxed, elem } = ty else {
            unreachable!("called for vectors")
        };
        let min = self.plan.min_sizes.of(elem);
        let read = match &**elem {
            Ty::Bare(c) => format!(
                "{}::deserialize_bare",
                self.plan.constructors[*c].path.doc_path()
            ),
            Ty::Vector { .. } if !is_standard(elem) => {
                format!("{CLOSURE}{}", self.read_vec(elem))
            }
            Ty::Nullable(inner) => {
                format!(
                    "{CLOSURE}{}::wire::read_nullable(reader, {}::deserialize)",
                    self.rt,
                    self.rust_ty(inner)
                )
            }
            _ => "Deserialize::deserialize".to_owned(),
        };
        format!(
            "{}::wire::read_vec(reader, {boxed}, {min}, {read})",
            self.rt
        )
    }

    /// The statements before `Ok(Self { .. })` at the end of a reader (the flag groups, from
    /// their parameters' locals), then that line.
    pub(super) fn construct(&self, w: &mut Writer, plan: &StructPlan) {
        let mut fields = Vec::new();
        for m in &plan.members {
            let name = ident(&m.name);
            if let Member::Group { params, .. } = &m.member {
                let path = m.group.as_ref().expect("the plan names every group");
                let locals: Vec<String> = params
                    .iter()
                    .map(|&p| ident(&plan.param_names[p]).into_owned())
                    .collect();
                let somes: Vec<String> = locals.iter().map(|l| format!("Some({l})")).collect();
                let moved = w.open_rhs_list(&format!("let {name} ="), "match ", &locals, " {");
                w.arm_struct(&somes, "Some", &path.doc_path(), &locals);
                w.line("_ => None,");
                w.close("};");
                if moved {
                    w.indent_out();
                }
            }
            fields.push(name.into_owned());
        }
        w.struct_lit("Ok(", "Self", &fields, ")");
    }
}

/// The head of the closure reading the elements of a bare vector of bare vectors.
const CLOSURE: &str = "|reader: &mut Reader| ";

/// Whether the Rust form of the type holds a `bytes::Bytes` (or a `TlString`, built on it).
fn holds_bytes(ty: &Ty) -> bool {
    match ty {
        Ty::Bytes | Ty::String | Ty::Object | Ty::Function => true,
        Ty::Vector { elem, .. } => holds_bytes(elem),
        _ => false,
    }
}

/// The bits of `#` parameter `p` that its conditional parameters stand for.
fn param_bits_mask(item: &Item, p: usize) -> u32 {
    conditional_on(item, p).fold(0u32, |mask, (_, bit)| mask | 1 << bit)
}

/// The parameters conditional on `#` parameter `p`, with their bit numbers.
fn conditional_on(item: &Item, p: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
    item.params
        .iter()
        .enumerate()
        .filter_map(move |(q, f)| match &f.kind {
            FieldKind::Value {
                condition: Some(bit),
                ..
            } if bit.field == p => Some((q, bit.bit)),
            _ => None,
        })
}

/// `(1 << n)`, as the schema's bit numbers read best.
pub(super) fn bit_mask(bit: u32) -> String {
    format!("(1 << {bit})")
}

/// The local holding the bits of `#` parameter `p` while reading or writing.
fn flags_local(plan: &StructPlan, p: usize) -> String {
    format!("{}_bits", plan.param_names[p])
}
