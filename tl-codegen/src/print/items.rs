//! The code of one item: a constructor's struct (`types`), a boxed type's enum (`enums`), a
//! function's struct (`functions`), with their TL serialization; and the few items of the
//! file's root. Each is a function of the plan and the item.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::DocProvider;
use crate::model::{CompatReader, CtorId, FieldKind, Item, Model, Ty, TypeId};
use crate::plan::names::{compat_reader_fn, field_name, ident};
use crate::plan::{is_standard, Member, Plan, Root, RustPath, StructPlan, USER_TYPE};

/// The tokens of a path, as written from any generated module (which imports the roots).
pub fn path_tokens(path: &RustPath) -> TokenStream {
    let root = format_ident!("{}", path.root.as_str());
    let name = ident(&path.name);
    match &path.module {
        Some(m) => {
            let m = ident(m);
            quote!(#root::#m::#name)
        }
        None => quote!(#root::#name),
    }
}

/// What every printer of one run shares: the plan, the docs, and the tokens made once from
/// the plan's source text (runtime path, derives). Not `Send` (token streams are not): each
/// thread makes its own.
pub struct Printer<'a> {
    pub model: &'a Model,
    pub plan: &'a Plan,
    pub docs: &'a dyn DocProvider,
    /// The runtime crate's path.
    pub rt: TokenStream,
    /// The same, parsed (what the error-enum printers take).
    rt_path: syn::Path,
    /// The derives and attributes of every type.
    derives: TokenStream,
}

/// Source text the plan has checked (attributes, types, the runtime path), as tokens.
pub(crate) fn checked_tokens(text: &str) -> TokenStream {
    text.parse()
        .expect("the plan checks that attributes, types and paths parse")
}

impl<'a> Printer<'a> {
    /// A printer for one thread.
    pub fn new(model: &'a Model, plan: &'a Plan, docs: &'a dyn DocProvider) -> Self {
        let mut derives = quote!(#[derive(Debug, Clone, PartialEq)]);
        if plan.serde {
            derives.extend(quote!(#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]));
        }
        if plan.arbitrary {
            derives
                .extend(quote!(#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]));
        }
        for attr in &plan.type_attributes {
            derives.extend(checked_tokens(attr));
        }
        Self {
            model,
            plan,
            docs,
            rt: checked_tokens(&plan.runtime),
            rt_path: syn::parse_str(&plan.runtime).expect("the plan checks the runtime path"),
            derives,
        }
    }

    fn attributes(attrs: &[String]) -> TokenStream {
        attrs.iter().map(|a| checked_tokens(a)).collect()
    }

    // ---------------------------------------------------------------- types

    /// The Rust type of a TL type, as the generated code writes it (`Vec<enums::Peer>`).
    pub fn rust_ty(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::String => quote!(TlString),
            Ty::Bytes => quote!(Bytes),
            Ty::Int128 => quote!([u8; 16]),
            Ty::Int256 => quote!([u8; 32]),
            Ty::Bool | Ty::True => quote!(bool),
            Ty::Vector { elem, .. } => {
                let elem = self.rust_ty(elem);
                quote!(Vec<#elem>)
            }
            Ty::Boxed(t) => path_tokens(&self.plan.types[*t].path),
            Ty::Bare(c) => path_tokens(&self.plan.constructors[*c].path),
            Ty::Generic(x) => {
                let x = format_ident!("{x}");
                quote!(#x)
            }
            Ty::Object | Ty::Function => {
                let rt = &self.rt;
                quote!(#rt::wire::RawObject)
            }
        }
    }

    /// The Rust type of parameter `p` as a field declares it (a field of the struct, or of its
    /// flag group's struct, unless it is optional): the value's type, `Box` included.
    pub fn param_ty(&self, item: &Item, plan: &StructPlan, p: usize) -> TokenStream {
        let t = self.param_value_ty(item, plan, p);
        if plan.boxed_params.contains(&p) {
            quote!(Box<#t>)
        } else {
            t
        }
    }

    /// The Rust type of parameter `p`'s value, without the `Box` the layout may put it in
    /// (what `new` takes for it).
    pub fn param_value_ty(&self, item: &Item, plan: &StructPlan, p: usize) -> TokenStream {
        let FieldKind::Value { ty, .. } = &item.params[p].kind else {
            return quote!(u32);
        };
        match &plan.user_types[p] {
            Some(user) => checked_tokens(user),
            None => self.rust_ty(ty),
        }
    }

    /// The Rust type of member `m` of the struct, as its field declares it: `bool` for a
    /// flag, `Option<_>` for an optional parameter or a flag group (of the group's struct).
    pub fn member_ty(&self, item: &Item, plan: &StructPlan, m: usize) -> TokenStream {
        let member = &plan.members[m];
        match &member.member {
            Member::Plain { param } => self.param_ty(item, plan, *param),
            Member::Flag { .. } => quote!(bool),
            Member::Optional { param, .. } => {
                let t = self.param_ty(item, plan, *param);
                quote!(Option<#t>)
            }
            Member::Group { .. } => {
                let t = path_tokens(member.group.as_ref().expect("the plan names every group"));
                quote!(Option<#t>)
            }
        }
    }

    /// `new`: the item from its required parameters, every optional one absent. Boxing is the
    /// layout's business, so a boxed parameter is taken by value and boxed here: calls to
    /// `new` keep compiling when a layer changes what is boxed, and struct update syntax
    /// (`Item { flag: true, ..Item::new(a, b) }`) when it adds optional parameters.
    fn required_new(&self, item: &Item, plan: &StructPlan, member_names: &[Ident]) -> TokenStream {
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let mut absent = Vec::new();
        for (m, name) in plan.members.iter().zip(member_names) {
            match &m.member {
                Member::Plain { param } => {
                    let local = ident(&plan.param_names[*param]);
                    let ty = self.param_value_ty(item, plan, *param);
                    args.push(quote!(#local: #ty));
                    inits.push(if plan.boxed_params.contains(param) {
                        quote!(#name: Box::new(#local),)
                    } else if *name == local {
                        quote!(#name,)
                    } else {
                        quote!(#name: #local,)
                    });
                }
                Member::Flag { .. } => {
                    inits.push(quote!(#name: false,));
                    absent.push(format!("`{name}` absent (`false`)"));
                }
                Member::Optional { .. } | Member::Group { .. } => {
                    inits.push(quote!(#name: None,));
                    absent.push(format!("`{name}` absent (`None`)"));
                }
            }
        }
        let fn_name = ident(&plan.new_fn);
        let doc = match absent.as_slice() {
            [] => format!("`{}` from its parameters.", item.name),
            [one] => format!("`{}` from its required parameters, with {one}.", item.name),
            many => format!(
                "`{}` from its required parameters, with the {} optional ones absent (`false`, \
                 `None`).",
                item.name,
                many.len()
            ),
        };
        let doc = doc_attrs(&doc);
        // Clippy's limit is 7; and a `new()` without arguments is `Default`'s business to
        // clippy, which the generated types leave to the user (`type_attribute`).
        let allow = match args.len() {
            0 => quote!(#[allow(clippy::new_without_default)]),
            1..=7 => quote!(),
            _ => quote!(#[allow(clippy::too_many_arguments)]),
        };
        quote! {
            #doc
            #allow
            #[inline]
            pub fn #fn_name(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }
    }

    /// The doc of parameter `p`: what the docs describe it as, or else its TL definition and
    /// the flag that carries it, so that every field is documented.
    fn param_doc(&self, item: &Item, p: usize) -> String {
        if let Some(doc) = self
            .docs
            .param_doc(item, p)
            .filter(|d| !d.trim().is_empty())
        {
            return doc;
        }
        let param = &item.params[p];
        let prefix = format!("{}:", param.name);
        let tl = item
            .definition
            .split_whitespace()
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

    /// A type as rustdoc text with links to generated items (`Vec<[enums::User]>`).
    fn doc_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Boxed(t) => format!("[`{}`]", self.plan.types[*t].path.doc_path()),
            Ty::Bare(c) => format!("[`{}`]", self.plan.constructors[*c].path.doc_path()),
            Ty::Vector { elem, .. } => format!("`Vec` of {}", self.doc_type(elem)),
            Ty::Generic(x) => format!("the return type of `{x}`"),
            Ty::Object | Ty::Function => format!(
                "[`RawObject`]({}::wire::RawObject), the bytes of a value for the caller to decode",
                self.plan.runtime.trim_start_matches("::")
            ),
            other => format!("`{}`", self.rust_ty(other)),
        }
    }

    /// `expr.serialize(out)` or the inline equivalent.
    fn write_expr(&self, expr: TokenStream, ty: &Ty) -> TokenStream {
        let rt = &self.rt;
        match ty {
            Ty::True => quote!(),
            Ty::Bare(_) => quote!(#expr.serialize_bare(out);),
            Ty::Vector { boxed, elem } if !is_standard(ty) => {
                let inner = self.write_expr(quote!(item), elem);
                quote!(#rt::wire::write_vec(out, &#expr, #boxed, |item, out| { #inner });)
            }
            _ => quote!(#expr.serialize(out);),
        }
    }

    /// An expression reading a value of `ty` from `reader` (with `?`).
    fn read_expr(&self, ty: &Ty, boxed: bool) -> TokenStream {
        let read = match ty {
            Ty::True => quote!(true),
            Ty::Int => quote!(reader.read_i32()?),
            Ty::Long => quote!(reader.read_i64()?),
            Ty::Double => quote!(reader.read_f64()?),
            Ty::String => quote!(reader.read_string()?),
            Ty::Bytes => quote!(reader.read_bytes()?),
            Ty::Int128 | Ty::Int256 => quote!(reader.read_array()?),
            Ty::Bare(c) => {
                let path = path_tokens(&self.plan.constructors[*c].path);
                quote!(#path::deserialize_bare(reader)?)
            }
            Ty::Vector { boxed, elem } if !is_standard(ty) => {
                let rt = &self.rt;
                let min = size_lit(self.plan.min_sizes.of(elem));
                let inner = self.read_fn(elem);
                quote!(#rt::wire::read_vec(reader, #boxed, #min, #inner)?)
            }
            // Named, not inferred from the struct built at the end: the inference variables
            // of every field would otherwise stay open across the whole function.
            Ty::Generic(_) => quote!(Deserialize::deserialize(reader)?),
            Ty::Vector { elem, .. } => {
                let elem = self.rust_ty(elem);
                quote!(Vec::<#elem>::deserialize(reader)?)
            }
            other => {
                let t = self.rust_ty(other);
                quote!(#t::deserialize(reader)?)
            }
        };
        if boxed {
            quote!(Box::new(#read))
        } else {
            read
        }
    }

    /// A function `fn(&mut Reader) -> Result<T, DeserializeError>` reading a `ty`, for the
    /// elements of vectors that are bare or hold bare values.
    fn read_fn(&self, ty: &Ty) -> TokenStream {
        let rt = &self.rt;
        match ty {
            Ty::Bare(c) => {
                let path = path_tokens(&self.plan.constructors[*c].path);
                quote!(#path::deserialize_bare)
            }
            Ty::Vector { boxed, elem } if !is_standard(ty) => {
                let min = size_lit(self.plan.min_sizes.of(elem));
                let inner = self.read_fn(elem);
                quote!(|reader: &mut #rt::wire::Reader| #rt::wire::read_vec(reader, #boxed, #min, #inner))
            }
            _ => quote!(Deserialize::deserialize),
        }
    }

    // ------------------------------------------------------- struct bodies

    /// Field declarations, group structs, `serialize_bare` and `deserialize_bare` bodies
    /// shared by constructors and functions.
    fn body(&self, item: &Item, plan: &StructPlan) -> Body {
        // User-typed fields are serialized through their traits, like a generic parameter.
        let user_typed = with_user_types(item, plan);
        let item = user_typed.as_ref().unwrap_or(item);
        let item_attrs = Self::attributes(&plan.attributes);
        let mut fields = Vec::new();
        let mut group_structs = Vec::new();
        let member_names: Vec<Ident> = plan.members.iter().map(|m| ident(&m.name)).collect();
        let locals: Vec<Ident> = plan.param_names.iter().map(|n| ident(n)).collect();
        for (i, m) in plan.members.iter().enumerate() {
            let name = &member_names[i];
            let (doc, ty) = match &m.member {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => {
                    (self.param_doc(item, *param), self.member_ty(item, plan, i))
                }
                Member::Group { params, bit, .. } => {
                    let path = m.group.as_ref().expect("the plan names every group");
                    let group_ident = ident(&path.name);
                    let flag_name = &item.params[bit.field].name;
                    let names: Vec<String> = params
                        .iter()
                        .map(|&p| format!("`{}`", item.params[p].name))
                        .collect();
                    let gdoc = format!(
                        "The parameters of `{}` on bit {} of `{flag_name}`: {}. They are sent \
                         together or not at all, so they are one `Option` in the parent.",
                        item.name,
                        bit.bit,
                        names.join(", ")
                    );
                    let gfields = params.iter().map(|&p| {
                        let fname = &locals[p];
                        let fty = self.param_ty(item, plan, p);
                        let fdoc = doc_attrs(&self.param_doc(item, p));
                        let fattrs = self.field_attrs(item, plan, p);
                        quote! {
                            #fdoc
                            #fattrs
                            pub #fname: #fty,
                        }
                    });
                    let derives = &self.derives;
                    let gdoc = doc_attrs(&gdoc);
                    group_structs.push(quote! {
                        #gdoc
                        #derives
                        #item_attrs
                        pub struct #group_ident {
                            #(#gfields)*
                        }
                    });
                    let doc = format!("{}, present together or not at all.", names.join(" and "));
                    (doc, self.member_ty(item, plan, i))
                }
            };
            let doc = doc_attrs(&doc);
            let attrs = match &m.member {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => self.field_attrs(item, plan, *param),
                Member::Group { .. } => TokenStream::new(),
            };
            fields.push(quote! {
                #doc
                #attrs
                pub #name: #ty,
            });
        }

        // Writes, in wire order. (Lengths are counted by serializing: see
        // `wire::LengthCounter`.)
        let mut writes = Vec::new();
        for (p, f) in item.params.iter().enumerate() {
            match &f.kind {
                FieldKind::Flags => {
                    let own = plan.param_members[p].map(|m| &member_names[m]);
                    let mut bits = Vec::new();
                    for (i, m) in plan.members.iter().enumerate() {
                        let name = &member_names[i];
                        match &m.member {
                            Member::Flag { bit, .. } if bit.field == p => {
                                let b = bit_mask(bit.bit);
                                bits.push(quote!(if self.#name { #b } else { 0 }));
                            }
                            Member::Optional { bit, .. } | Member::Group { bit, .. }
                                if bit.field == p =>
                            {
                                let b = bit_mask(bit.bit);
                                bits.push(quote!(if self.#name.is_some() { #b } else { 0 }));
                            }
                            _ => {}
                        }
                    }
                    let value = match (own, bits.is_empty()) {
                        // A `#` word with a value of its own (no conditional parameters).
                        (Some(own), true) => quote!(self.#own),
                        // Its own bits, and those of its parameters from them.
                        (Some(own), false) => {
                            let mask = param_bits_mask(item, p);
                            quote!((self.#own & !(#mask)) | #(#bits)|*)
                        }
                        (None, true) => quote!(0),
                        (None, false) => quote!(#(#bits)|*),
                    };
                    writes.push(quote!(out.put_u32_le(#value);));
                }
                FieldKind::Value { ty, .. } => {
                    let Some(m) = plan.param_members[p] else {
                        continue; // `true` parameters: only their bit.
                    };
                    let name = &member_names[m];
                    match &plan.members[m].member {
                        Member::Plain { .. } if item.is_length_prefixed(p) => {
                            writes.push(quote!(self.#name.write_with_len(out);));
                        }
                        Member::Plain { .. } => {
                            writes.push(self.write_expr(quote!(self.#name), ty));
                        }
                        Member::Flag { .. } => {}
                        Member::Optional { .. } => {
                            let write = self.write_expr(quote!(v), ty);
                            writes.push(quote!(if let Some(v) = &self.#name { #write }));
                        }
                        Member::Group { .. } => {
                            let fname = &locals[p];
                            let write = self.write_expr(quote!(g.#fname), ty);
                            writes.push(quote!(if let Some(g) = &self.#name { #write }));
                        }
                    }
                }
            }
        }
        // Reads, in wire order, into locals; then the struct from the locals.
        let mut reads = Vec::new();
        for (p, f) in item.params.iter().enumerate() {
            let local = &locals[p];
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
                        (true, false) => reads.push(quote!(let #local = reader.read_u32()?;)),
                        (true, true) => {
                            let mask = param_bits_mask(item, p);
                            reads.push(quote! {
                                let #bits = reader.read_u32()?;
                                let #local = #bits & !(#mask);
                            });
                        }
                        (false, true) => reads.push(quote!(let #bits = reader.read_u32()?;)),
                        (false, false) => reads.push(quote!(reader.read_u32()?;)),
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
                            let b = bit_mask(bit.bit);
                            reads.push(quote!(let #local = #flags & (#b) != 0;));
                        }
                        (_, Some(bit)) => {
                            let flags = flags_local(plan, bit.field);
                            let b = bit_mask(bit.bit);
                            let read = self.read_expr(ty, boxed);
                            reads.push(quote! {
                                let #local = if #flags & (#b) != 0 { Some(#read) } else { None };
                            });
                        }
                        (_, None) if item.is_length_prefixed(p) => {
                            let rt = &self.rt;
                            reads.push(
                                quote!(let #local = #rt::wire::RawObject::read_with_len(reader)?;),
                            );
                        }
                        (_, None) => {
                            let read = self.read_expr(ty, boxed);
                            reads.push(quote!(let #local = #read;));
                        }
                    }
                }
            }
        }
        let inits = plan.members.iter().enumerate().map(|(i, m)| {
            let name = &member_names[i];
            match &m.member {
                Member::Group { params, .. } => {
                    let path = path_tokens(m.group.as_ref().expect("the plan names every group"));
                    let locals: Vec<&Ident> = params.iter().map(|&p| &locals[p]).collect();
                    quote! {
                        #name: match (#(#locals),*) {
                            (#(Some(#locals)),*) => Some(#path { #(#locals),* }),
                            _ => None,
                        },
                    }
                }
                _ => quote!(#name,),
            }
        });
        let construct = quote!(Self { #(#inits)* });

        // `new`, then methods for `true` parameters implied by values on their bit.
        let required_new = self.required_new(item, plan, &member_names);
        let methods = std::iter::once(required_new)
            .chain(plan.implied.iter().map(|imp| {
                let name = &locals[imp.param];
                let member = &member_names[imp.member];
                let check = match &plan.members[imp.member].member {
                    Member::Flag { .. } => quote!(self.#member),
                    _ => quote!(self.#member.is_some()),
                };
                let doc = format!(
                    "The flag `{}`: it shares its bit with `{}`, so it is set exactly when that is.",
                    item.params[imp.param].name, member
                );
                let doc = doc_attrs(&doc);
                quote! {
                    #doc
                    pub fn #name(&self) -> bool {
                        #check
                    }
                }
            }))
            .collect();

        Body {
            fields,
            group_structs,
            writes,
            reads,
            construct,
            methods,
        }
    }

    /// The user's attributes for a field, then (with `arbitrary`) the generator of a field
    /// holding `Bytes`.
    fn field_attrs(&self, item: &Item, plan: &StructPlan, p: usize) -> TokenStream {
        let mut out = Self::attributes(&plan.field_attributes[p]);
        if let FieldKind::Value { ty, .. } = &item.params[p].kind {
            if self.plan.arbitrary && holds_bytes(ty) {
                // The generated items live in `root::module` or `root::namespace::module`.
                let supers =
                    (0..1 + usize::from(item.name.namespace.is_some())).map(|_| quote!(super::));
                // Short, so that the formatter keeps it on one line.
                out.extend(quote! {
                    #[cfg_attr(feature = "arbitrary", arbitrary(with = #(#supers)* arb::bytes))]
                });
            }
        }
        out
    }

    // --------------------------------------------------------- constructors

    /// The struct of constructor `c`, with its impls.
    pub fn constructor(&self, c: CtorId) -> TokenStream {
        let item = &self.model.constructors[c];
        let plan = &self.plan.constructors[c];
        let name = ident(&plan.path.name);
        let Body {
            fields,
            group_structs,
            writes,
            reads,
            construct,
            methods,
        } = self.body(item, plan);
        let min = size_lit(plan.min_bare_size);
        let id = hex(item.id);
        let tl_name = item.name.to_string();
        let rt = &self.rt;
        let derives = &self.derives;
        let ty_name = match &item.result {
            Ty::Boxed(t) => self.plan.types[*t].path.doc_path(),
            // `gzip_packed ... = Object`: a value read wherever an `Object` is.
            Ty::Object | Ty::Function => format!(
                "{}::wire::RawObject",
                self.plan.runtime.trim_start_matches("::")
            ),
            _ => String::new(),
        };
        let mut doc = self.docs.constructor_doc(item, &ty_name);
        let compat_reads: Vec<TokenStream> = self
            .model
            .compat
            .readers_into(c)
            .map(|r| self.compat_reader(r, item, plan, &construct))
            .collect();
        // What it is comes first for an older form; that older forms are read into it is a
        // note after the current one's own docs.
        match (item.compat_layer, self.compat_note(c, &ty_name)) {
            (Some(_), Some(note)) => doc = format!("{note}\n\n{doc}"),
            (None, Some(note)) => doc = format!("{doc}\n\n{note}"),
            (_, None) => {}
        }
        let doc = doc_attrs(&doc);
        let reader_arg = if reads.is_empty() {
            quote!(_reader)
        } else {
            quote!(reader)
        };
        let out_arg = if writes.is_empty() {
            quote!(_out)
        } else {
            quote!(out)
        };
        let item_attrs = Self::attributes(&plan.attributes);
        quote! {
            #doc
            #derives
            #item_attrs
            pub struct #name {
                #(#fields)*
            }

            #(#group_structs)*

            impl #name {
                #(#methods)*
                #(#compat_reads)*
            }

            impl Identifiable for #name {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
            }

            impl Bare for #name {
                const MIN_BARE_SIZE: usize = #min;

                fn serialize_bare<B: BufMut>(&self, #out_arg: &mut B) {
                    #(#writes)*
                }

                fn deserialize_bare(#reader_arg: &mut #rt::wire::Reader) -> Result<Self, DeserializeError> {
                    #(#reads)*
                    Ok(#construct)
                }
            }
        }
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
            return Some(format!(
                "Constructor `{}#{:08x}` of layer {layer}{current}: an older form that servers \
                 may still send, read as a variant of {ty} and written back as it was read.",
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
        reader: &CompatReader,
        target: &Item,
        plan: &StructPlan,
        construct: &TokenStream,
    ) -> TokenStream {
        let user_typed = with_user_types(target, plan);
        let target = user_typed.as_ref().unwrap_or(target);
        let old = &reader.item;
        let sources = reader.sources(target);
        let flag_local = |p: usize| format_ident!("{}_bits", field_name(&old.params[p].name));
        let mut reads = Vec::new();
        for (p, f) in old.params.iter().enumerate() {
            let FieldKind::Value { condition, .. } = &f.kind else {
                let used = old.params.iter().any(|g| {
                    matches!(&g.kind, FieldKind::Value { condition: Some(b), .. } if b.field == p)
                });
                let bits = flag_local(p);
                reads.push(if used {
                    quote!(let #bits = reader.read_u32()?;)
                } else {
                    quote!(reader.read_u32()?;)
                });
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
            let present = condition.map(|bit| {
                let bits = flag_local(bit.field);
                let b = bit_mask(bit.bit);
                quote!(#bits & (#b) != 0)
            });
            reads.push(match (&plan.members[m].member, present) {
                (Member::Flag { .. }, Some(present)) => quote!(let #local = #present;),
                (Member::Plain { .. }, _) => quote!(let #local = #read;),
                (_, Some(present)) => {
                    quote!(let #local = if #present { Some(#read) } else { None };)
                }
                (_, None) => quote!(let #local = Some(#read);),
            });
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
            reads.push(match &plan.members[m].member {
                Member::Flag { .. } => quote!(let #local = false;),
                Member::Plain { .. } => quote!(let #local = Default::default();),
                Member::Optional { .. } | Member::Group { .. } => quote!(let #local = None;),
            });
        }
        let rt = &self.rt;
        let name = ident(&compat_reader_fn(reader.layer()));
        let reader_arg = if old.params.is_empty() {
            quote!(_reader)
        } else {
            quote!(reader)
        };
        let doc = doc_attrs(&format!(
            "Reads the older `{}#{:08x}` of layer {} (its id already read) into this struct.",
            old.name,
            old.id,
            reader.layer()
        ));
        quote! {
            #doc
            pub(crate) fn #name(#reader_arg: &mut #rt::wire::Reader) -> Result<Self, DeserializeError> {
                #(#reads)*
                Ok(#construct)
            }
        }
    }

    // ---------------------------------------------------------------- enums

    /// The enum of boxed type `t`, with its impls.
    pub fn enumeration(&self, t: TypeId) -> TokenStream {
        let model = self.model;
        let ty = &model.types[t];
        let plan = &self.plan.types[t];
        let name = ident(&plan.path.name);
        let tl_name = ty.name.to_string();
        let rt = &self.rt;
        let mut variants = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        let mut ids = Vec::new();
        let mut froms = Vec::new();
        for variant in &plan.variants {
            let c = variant.ctor;
            let v = ident(&variant.name);
            let ctor_path = &self.plan.constructors[c].path;
            let ctor = path_tokens(ctor_path);
            let id = hex(model.constructors[c].id);
            let mut doc = format!(
                "[`{}`]({}): `{}`",
                model.constructors[c].name,
                ctor_path.doc_path(),
                model.constructors[c].definition
            );
            let older: Vec<String> = model
                .compat
                .readers_into(c)
                .map(|r| format!("`#{:08x}` (layer {})", r.item.id, r.layer()))
                .collect();
            if !older.is_empty() {
                doc.push_str(&format!("\n\nAlso read from {}.", older.join(", ")));
            }
            let doc = doc_attrs(&doc);
            if variant.boxed {
                variants.push(quote!(#doc #v(Box<#ctor>),));
                reads.push(quote!(#id => Self::#v(Box::new(#ctor::deserialize_bare(reader)?)),));
                froms.push(quote! {
                    impl From<#ctor> for #name {
                        fn from(value: #ctor) -> Self {
                            Self::#v(Box::new(value))
                        }
                    }
                });
            } else {
                variants.push(quote!(#doc #v(#ctor),));
                reads.push(quote!(#id => Self::#v(#ctor::deserialize_bare(reader)?),));
                froms.push(quote! {
                    impl From<#ctor> for #name {
                        fn from(value: #ctor) -> Self {
                            Self::#v(value)
                        }
                    }
                });
            }
            if plan.boxed_in_requests {
                froms.push(quote! {
                    impl From<#ctor> for Box<#name> {
                        fn from(value: #ctor) -> Self {
                            Box::new(#name::from(value))
                        }
                    }
                });
            }
            for r in model.compat.readers_into(c) {
                let old = hex(r.item.id);
                let read = ident(&compat_reader_fn(r.layer()));
                reads.push(if variant.boxed {
                    quote!(#old => Self::#v(Box::new(#ctor::#read(reader)?)),)
                } else {
                    quote!(#old => Self::#v(#ctor::#read(reader)?),)
                });
            }
            writes.push(quote!(Self::#v(x) => x.serialize(out),));
            ids.push(quote!(Self::#v(_) => #id,));
        }
        let derives = &self.derives;
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
        let doc = doc_attrs(&doc);
        let item_attrs = Self::attributes(&plan.attributes);
        // The smallest encoding of any constructor: what bounds the vector counts a given
        // input can claim (and so what a claim can make the decoder reserve).
        let min_size = size_lit(plan.min_size);
        // Variants hold their structs inline by design (see `plan::layout`).
        let size_lint = (plan.variants.len() > 1 && plan.largest_variant > 200)
            .then(|| quote!(#[allow(clippy::large_enum_variant)]));
        let non_exhaustive = self
            .plan
            .non_exhaustive_enums
            .then(|| quote!(#[non_exhaustive]));
        quote! {
            #doc
            #derives
            #item_attrs
            #size_lint
            #non_exhaustive
            pub enum #name {
                #(#variants)*
            }

            impl #name {
                /// The constructor id of the variant held.
                pub fn constructor_id(&self) -> u32 {
                    match self {
                        #(#ids)*
                    }
                }
            }

            impl Serialize for #name {
                fn serialize<B: BufMut>(&self, out: &mut B) {
                    match self {
                        #(#writes)*
                    }
                }
            }

            // No `TL_TYPE`: an associated const per type cost `cargo check` of the full layer
            // 13% (1,525 of them); errors name the Rust type, which says the same.
            impl Deserialize for #name {
                const MIN_SIZE: usize = #min_size;

                fn deserialize(reader: &mut #rt::wire::Reader) -> Result<Self, DeserializeError> {
                    reader.nested(|reader| {
                        Ok(match reader.read_id()? {
                            #(#reads)*
                            id => return Err(reader.unexpected_id::<Self>(id)),
                        })
                    })
                }
            }

            #(#froms)*
        }
    }

    // ------------------------------------------------------------ functions

    /// The `RemoteCall::Return` of function `item`: its result's Rust type, or `X::Return`
    /// for a generic function returning its query's.
    pub fn return_ty(&self, item: &Item) -> TokenStream {
        match &item.result {
            Ty::Generic(x) => {
                let x = format_ident!("{x}");
                quote!(#x::Return)
            }
            other => self.rust_ty(other),
        }
    }

    /// The struct of function `f`, with its impls.
    pub fn function(&self, f: usize) -> TokenStream {
        let item = &self.model.functions[f];
        let fplan = &self.plan.functions[f];
        let plan = &fplan.strukt;
        let name = ident(&plan.path.name);
        let Body {
            fields,
            group_structs,
            writes,
            reads,
            construct,
            methods,
        } = self.body(item, plan);
        let id = hex(item.id);
        let tl_name = item.name.to_string();
        let rt = &self.rt;
        let derives = &self.derives;
        let generics: Vec<Ident> = item
            .type_params
            .iter()
            .map(|x| format_ident!("{x}"))
            .collect();
        let (decl, ser_impl, de_impl, call_impl, plain) = if generics.is_empty() {
            (quote!(), quote!(), quote!(), quote!(), quote!())
        } else {
            (
                quote!(<#(#generics),*>),
                quote!(<#(#generics: Serialize),*>),
                quote!(<#(#generics: Deserialize),*>),
                quote!(<#(#generics: RemoteCall),*>),
                quote!(<#(#generics),*>),
            )
        };
        let ret = self.return_ty(item);
        let error = match &item.result {
            Ty::Generic(x) => {
                let x = format_ident!("{x}");
                quote!(#x::Error)
            }
            _ => match &fplan.error_enum {
                Some(path) => path_tokens(path),
                None => quote!(#rt::rpc_error::GenericError),
            },
        };
        let error_doc = match (&item.result, &fplan.error_enum) {
            (Ty::Generic(x), _) => format!("{x}::Error"),
            (_, Some(path)) => path.doc_path(),
            (_, None) => format!(
                "{}::rpc_error::GenericError",
                self.plan.runtime.trim_start_matches("::")
            ),
        };
        let doc = self
            .docs
            .function_doc(item, &self.doc_type(&item.result), &error_doc);
        let doc = doc_attrs(&doc);
        let item_attrs = Self::attributes(&plan.attributes);
        // Who may call it: every function but those the docs say the audience cannot call.
        let (users, bots) = self.docs.audience(item);
        let mut audience = TokenStream::new();
        for (allowed, marker) in [(users, quote!(UserMethod)), (bots, quote!(BotMethod))] {
            if allowed == Some(false) {
                continue;
            }
            let bound = if generics.is_empty() {
                quote!()
            } else {
                quote!(<#(#generics: #rt::wire::#marker),*>)
            };
            audience.extend(quote!(impl #bound #rt::wire::#marker for #name #plain {}));
        }
        quote! {
            #doc
            #derives
            #item_attrs
            pub struct #name #decl {
                #(#fields)*
            }

            #(#group_structs)*

            impl #decl #name #plain {
                #(#methods)*
            }

            impl #decl Identifiable for #name #plain {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
            }

            impl #ser_impl Serialize for #name #plain {
                fn serialize<B: BufMut>(&self, out: &mut B) {
                    out.put_u32_le(#id);
                    #(#writes)*
                }
            }

            impl #de_impl Deserialize for #name #plain {
                fn deserialize(reader: &mut #rt::wire::Reader) -> Result<Self, DeserializeError> {
                    reader.expect_id::<Self>(#id)?;
                    #(#reads)*
                    Ok(#construct)
                }
            }

            impl #call_impl RemoteCall for #name #plain {
                type Return = #ret;
                type Error = #error;
            }

            #audience
        }
    }

    // ----------------------------------------------------------------- errors

    /// The error enum of function `f` (which the plan gave one).
    pub fn error_enum(&self, f: usize) -> TokenStream {
        let item = &self.model.functions[f];
        let path = self.plan.functions[f]
            .error_enum
            .as_ref()
            .expect("called for functions with an error enum");
        super::errors::error_enum_of_variants(
            &ident(&path.name),
            &item.name.to_string(),
            &self.plan.functions[f].error_variants,
            &self.rt_path,
        )
    }

    /// `errors::CATALOG`: every documented error, of the methods with error enums and of
    /// everything else the docs know.
    pub fn catalog(&self) -> TokenStream {
        let with_enums: Vec<(&Item, String)> = self
            .plan
            .functions
            .iter()
            .zip(&self.model.functions)
            .filter(|(f, _)| f.error_enum.is_some())
            .map(|(_, item)| (item, item.name.to_string()))
            .collect();
        let entries = super::errors::catalog_entries(
            with_enums
                .iter()
                .map(|(item, name)| (Some(name.as_str()), self.docs.method_errors(item)))
                .chain(self.docs.catalog_errors()),
        );
        super::errors::error_catalog_from_entries(
            &format_ident!("CATALOG"),
            &entries,
            &self.rt_path,
        )
    }

    /// `From<types::RpcError> for RpcError` (and from the boxed enum): an error reply decoded
    /// with the bindings becomes a method's error type with one more `.into()`.
    pub fn rpc_error_conversion(&self) -> TokenStream {
        let Some(rpc) = &self.plan.rpc_error else {
            return TokenStream::new();
        };
        let rt = &self.rt;
        let name = ident(&self.plan.constructors[rpc.ctor].path.name);
        let boxed = match rpc.only_variant_of {
            Some(t) => {
                let ty = path_tokens(&self.plan.types[t].path);
                let variant = self.plan.types[t]
                    .variants
                    .iter()
                    .find(|v| v.ctor == rpc.ctor)
                    .map(|v| ident(&v.name))
                    .expect("its only variant");
                quote! {
                    impl From<#ty> for #rt::rpc_error::RpcError {
                        fn from(error: #ty) -> Self {
                            let #ty::#variant(error) = error;
                            error.into()
                        }
                    }
                }
            }
            None => quote!(),
        };
        quote! {
            impl From<#name> for #rt::rpc_error::RpcError {
                fn from(error: #name) -> Self {
                    Self::from_tl_body(error.error_code, &*error.error_message)
                }
            }
            #boxed
        }
    }

    // ------------------------------------------------------------ the root

    /// `LAYER`, when the schema has one.
    pub fn layer(&self) -> TokenStream {
        match self.plan.layer {
            Some(layer) => {
                let layer = Literal::i32_unsuffixed(layer);
                quote! {
                    /// The schema layer these bindings were generated from (`// LAYER` comment).
                    pub const LAYER: i32 = #layer;
                }
            }
            None => quote!(),
        }
    }

    /// `name_for_id`: every constructor's and function's TL name by id.
    pub fn name_for_id(&self) -> TokenStream {
        let mut all: Vec<(u32, String)> = self
            .model
            .constructors
            .iter()
            .chain(&self.model.functions)
            .chain(&self.model.bool_constructors)
            .map(|i| (i.id, i.name.to_string()))
            .collect();
        all.sort();
        let arms = all.iter().map(|(id, name)| {
            let id = hex(*id);
            quote!(#id => #name,)
        });
        quote! {
            /// The TL name of a constructor or function id (`0x42ff96ed` -> `phone.requestCall`).
            pub fn name_for_id(id: u32) -> Option<&'static str> {
                Some(match id {
                    #(#arms)*
                    _ => return None,
                })
            }
        }
    }

    /// With `arbitrary`, the generator used for fields holding `Bytes` or `TlString` (which
    /// do not implement `Arbitrary`, and cannot be made to here): a local trait over the
    /// shapes such fields have (`Bytes`, `TlString`, `Option<_>`, `Vec<_>`, `Box<_>`).
    pub fn arbitrary_support(&self) -> TokenStream {
        if !self.plan.arbitrary {
            return TokenStream::new();
        }
        let rt = &self.rt;
        let uses_object = self
            .model
            .constructors
            .iter()
            .chain(&self.model.functions)
            .flat_map(|item| &item.params)
            .any(|f| matches!(&f.kind, FieldKind::Value { ty, .. } if ty.holds_object()));
        let raw_object = uses_object.then(|| {
            quote! {
                impl ArbitraryBytes for #rt::wire::RawObject {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        // An id, then whole words: what every boxed value looks like.
                        let mut bytes = u32::arbitrary(u)?.to_le_bytes().to_vec();
                        for _ in 0..u.arbitrary_len::<u32>()? {
                            bytes.extend(u32::arbitrary(u)?.to_le_bytes());
                        }
                        Ok(Self::new(bytes).expect("at least the id"))
                    }
                }
            }
        });
        quote! {
            /// Arbitrary values of field types holding `Bytes` or `TlString`, for the
            /// `arbitrary` derives.
            #[cfg(feature = "arbitrary")]
            #[allow(dead_code)] // when no kept field holds `Bytes`
            mod arb {
                use #rt::bytes::Bytes;
                use #rt::wire::TlString;
                use arbitrary::{Arbitrary, Result, Unstructured};

                /// A field type that holds `Bytes` or `TlString`.
                pub trait ArbitraryBytes: Sized {
                    /// An arbitrary value.
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self>;
                }

                impl ArbitraryBytes for Bytes {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        Vec::<u8>::arbitrary(u).map(Bytes::from)
                    }
                }

                impl ArbitraryBytes for TlString {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        String::arbitrary(u).map(TlString::from)
                    }
                }

                #raw_object

                impl<T: ArbitraryBytes> ArbitraryBytes for Option<T> {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        Ok(if bool::arbitrary(u)? { Some(T::arbitrary_bytes(u)?) } else { None })
                    }
                }

                impl<T: ArbitraryBytes> ArbitraryBytes for Box<T> {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        T::arbitrary_bytes(u).map(Box::new)
                    }
                }

                impl<T: ArbitraryBytes> ArbitraryBytes for Vec<T> {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        let n = u.arbitrary_len::<Vec<u8>>()?;
                        (0..n).map(|_| T::arbitrary_bytes(u)).collect()
                    }
                }

                /// The generator named in `#[arbitrary(with = ...)]`.
                pub fn bytes<T: ArbitraryBytes>(u: &mut Unstructured<'_>) -> Result<T> {
                    T::arbitrary_bytes(u)
                }
            }
        }
    }

    /// The `use` lines at the top of each generated module, `depth` levels below the root.
    pub fn prelude(&self, depth: usize) -> TokenStream {
        let rt = &self.rt;
        let supers = (0..depth).map(|_| quote!(super::));
        let errors = if self.plan.errors_module {
            quote!(errors,)
        } else {
            quote!()
        };
        quote! {
            #[allow(unused_imports)]
            use #(#supers)* {enums, #errors functions, types};
            #[allow(unused_imports)]
            use #rt::bytes::{BufMut, Bytes};
            #[allow(unused_imports)]
            use #rt::wire::{Bare, Deserialize, DeserializeError, Identifiable, RemoteCall, Serialize, TlString};
        }
    }

    /// The docs of a root module, or of the namespace module `module` in it.
    pub fn module_doc(root: Root, module: Option<&str>) -> TokenStream {
        let text = match module {
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
        };
        doc_attrs(&text)
    }
}

struct Body {
    fields: Vec<TokenStream>,
    group_structs: Vec<TokenStream>,
    writes: Vec<TokenStream>,
    reads: Vec<TokenStream>,
    construct: TokenStream,
    /// Inherent methods: `new`, then one per implied flag.
    methods: Vec<TokenStream>,
}

/// `item` with the TL type of every user-typed field replaced by an opaque type that is
/// written and read through its `Serialize`/`Deserialize` impls (as a generic parameter is),
/// or `None` when no field of `item` has a user type.
fn with_user_types(item: &Item, plan: &StructPlan) -> Option<Item> {
    if plan.user_types.iter().all(Option::is_none) {
        return None;
    }
    let mut item = item.clone();
    for (p, user) in plan.user_types.iter().enumerate() {
        if user.is_some() {
            if let FieldKind::Value { ty, .. } = &mut item.params[p].kind {
                *ty = Ty::Generic(USER_TYPE.to_owned());
            }
        }
    }
    Some(item)
}

/// Whether the Rust form of the type holds a `bytes::Bytes` (or a `TlString`, built on it).
fn holds_bytes(ty: &Ty) -> bool {
    match ty {
        Ty::Bytes | Ty::String | Ty::Object | Ty::Function => true,
        Ty::Vector { elem, .. } => holds_bytes(elem),
        _ => false,
    }
}

/// The bits of `#` parameter `p` that its conditional parameters stand for, as a literal
/// (`0b110`).
fn param_bits_mask(item: &Item, p: usize) -> TokenStream {
    let mask = conditional_on(item, p).fold(0u32, |mask, (_, bit)| mask | 1 << bit);
    let text = format!("{mask:#x}");
    text.parse().expect("a hex literal")
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

/// `1 << n`, as the schema's bit numbers read best.
fn bit_mask(bit: u32) -> TokenStream {
    let bit = Literal::u32_unsuffixed(bit);
    quote!(1 << #bit)
}

/// An unsuffixed `usize` literal (`8`, not `8usize`).
fn size_lit(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

/// The local holding the bits of `#` parameter `p` while reading.
fn flags_local(plan: &StructPlan, p: usize) -> Ident {
    format_ident!("{}_bits", plan.param_names[p])
}

fn hex(id: u32) -> syn::LitInt {
    syn::LitInt::new(&format!("0x{id:08x}"), proc_macro2::Span::call_site())
}

/// `#[doc = "..."]` lines for a (possibly multi-line) doc string.
pub fn doc_attrs(doc: &str) -> TokenStream {
    let lines = doc.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}
