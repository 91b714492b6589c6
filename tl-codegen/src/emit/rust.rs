//! The Rust code for a resolved model: a struct per constructor (`types`), an enum per boxed
//! type (`enums`), a struct per function (`functions`), with their TL serialization.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::layout::{layout, Layout, Member, Shape};
use super::names::{field_name, ident, module_name, type_name, variant_name};
use super::DocProvider;
use crate::docs::ErrorDoc;
use crate::model::select::matches;
use crate::model::{CtorId, FieldKind, Item, Model, Ty, TypeId};

/// Where an item lives: `types::phone::PhoneCall` is (`types`, `Some("phone")`, `PhoneCall`).
#[derive(Debug, Clone)]
struct RustPath {
    root: &'static str,
    module: Option<String>,
    name: String,
}

impl RustPath {
    /// The path as written from any generated module (which imports the three roots).
    fn tokens(&self) -> TokenStream {
        let root = format_ident!("{}", self.root);
        let name = ident(&self.name);
        match &self.module {
            Some(m) => {
                let m = ident(m);
                quote!(#root::#m::#name)
            }
            None => quote!(#root::#name),
        }
    }

    /// The `[`...`]` link target for rustdoc, relative to the generated root's modules.
    fn doc_path(&self) -> String {
        match &self.module {
            Some(m) => format!("{}::{m}::{}", self.root, self.name),
            None => format!("{}::{}", self.root, self.name),
        }
    }
}

/// Options for [`generate`].
#[derive(Debug, Clone)]
pub struct RustOptions {
    /// Path of the runtime crate in generated code (`::tl_runtime`).
    pub runtime: String,
    /// Extra attributes on every generated type (`#[derive(Hash)]` ...), as source text.
    pub type_attributes: Vec<String>,
    /// Whether to add `serde` derives behind `#[cfg_attr(feature = "serde", ...)]`.
    pub serde: bool,
    /// Extra attributes on the structs and enums whose TL name matches the pattern
    /// (`(pattern, attribute)`; see [`crate::model::select::matches`] for patterns). A
    /// constructor's or function's attributes also go on its flag-group structs.
    pub item_attributes: Vec<(String, String)>,
    /// Extra attributes on the fields whose `tl_name.param` matches the pattern
    /// (`message.date`, `*.random_id`), as source text.
    pub field_attributes: Vec<(String, String)>,
    /// Whether to add `arbitrary::Arbitrary` derives (for fuzzing) behind
    /// `#[cfg_attr(feature = "arbitrary", ...)]`. `bytes` and `string` fields get a generator
    /// of their own, as `Bytes` and `ByteString` do not implement `Arbitrary`.
    pub arbitrary: bool,
    /// User types for fields: `(pattern, type path)`, the pattern matching `tl_name.param`.
    ///
    /// The type replaces the TL type's Rust form (inside the `Option` of a conditional
    /// field). It must encode exactly like the TL type: implement the runtime's
    /// `wire::Serialize` and `wire::Deserialize` (with a `MIN_SIZE` no larger than the TL
    /// type's smallest encoding, which the default of 4 is for every mappable type), plus
    /// `Debug`, `Clone` and `PartialEq`, and the serde or `arbitrary` traits when those
    /// derives are on. Only fields whose TL type is written with its own traits can be mapped:
    /// not `true` flags, bare constructors or vectors of bare values
    /// (see [`RustOptions::check`]).
    pub field_types: Vec<(String, String)>,
}

impl Default for RustOptions {
    fn default() -> Self {
        Self {
            runtime: "::tl_runtime".to_owned(),
            type_attributes: Vec::new(),
            serde: false,
            item_attributes: Vec::new(),
            field_attributes: Vec::new(),
            arbitrary: false,
            field_types: Vec::new(),
        }
    }
}

/// `tl_name.param`, what field patterns match.
fn field_key(item: &Item, p: usize) -> String {
    format!("{}.{}", item.name, item.params[p].name)
}

/// Whether attribute source text parses as outer attributes (`#[...]`, possibly several).
fn parse_attributes(text: &str) -> Result<TokenStream, String> {
    let tokens: TokenStream = text.parse().map_err(|e| format!("{e}"))?;
    syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens.clone())
        .map_err(|e| e.to_string())?;
    Ok(tokens)
}

impl RustOptions {
    /// Problems with the options for `model`, one sentence each: attributes or types that do
    /// not parse, patterns that match nothing, fields whose type cannot be mapped.
    pub fn check(&self, model: &Model) -> Vec<String> {
        let mut problems = Vec::new();
        for attr in &self.type_attributes {
            if let Err(e) = parse_attributes(attr) {
                problems.push(format!("type attribute `{attr}` is not an attribute: {e}"));
            }
        }
        let items = || model.constructors.iter().chain(&model.functions);
        let fields = || {
            items()
                .flat_map(|item| (0..item.params.len()).map(move |p| (item, p, field_key(item, p))))
        };
        for (pattern, attr) in &self.item_attributes {
            if let Err(e) = parse_attributes(attr) {
                problems.push(format!(
                    "attribute `{attr}` for `{pattern}` is not an attribute: {e}"
                ));
            }
            let found = items().any(|i| matches(pattern, &i.name.to_string()))
                || model
                    .types
                    .iter()
                    .any(|t| matches(pattern, &t.name.to_string()));
            if !found {
                problems.push(format!(
                    "type attribute pattern `{pattern}` matches no constructor, function or type"
                ));
            }
        }
        for (pattern, attr) in &self.field_attributes {
            if let Err(e) = parse_attributes(attr) {
                problems.push(format!(
                    "attribute `{attr}` for `{pattern}` is not an attribute: {e}"
                ));
            }
            if !fields().any(|(_, _, key)| matches(pattern, &key)) {
                problems.push(format!("field attribute pattern `{pattern}` matches no field (write `constructor.field`)"));
            }
        }
        for (pattern, ty) in &self.field_types {
            if let Err(e) = syn::parse_str::<syn::Type>(ty) {
                problems.push(format!(
                    "field type `{ty}` for `{pattern}` is not a Rust type: {e}"
                ));
            }
            let mut found = false;
            for (item, p, key) in fields() {
                if !matches(pattern, &key) {
                    continue;
                }
                found = true;
                match &item.params[p].kind {
                    FieldKind::Value { ty, .. } if mappable(ty) => {}
                    FieldKind::Flags => problems.push(format!(
                        "`{key}` is a `#` flags word, computed when serializing: it cannot have a user type"
                    )),
                    FieldKind::Value { .. } => problems.push(format!(
                        "`{key}` is a `true` flag or a bare value, which is not written with its own \
                         `Serialize` impl: it cannot have a user type"
                    )),
                }
            }
            if !found {
                problems.push(format!(
                    "field type pattern `{pattern}` matches no field (write `constructor.field`)"
                ));
            }
        }
        problems
    }
}

/// The stand-in type parameter name of user-typed fields while their code is generated.
const USER_TYPE: &str = "__UserType";

fn is_user_type(ty: &Ty) -> bool {
    matches!(ty, Ty::Generic(x) if x == USER_TYPE)
}

/// Whether a field of this type may get a user type (which serializes through its traits).
fn mappable(ty: &Ty) -> bool {
    is_standard(ty) && !matches!(ty, Ty::Generic(_))
}

/// Whether the Rust form of the type holds a `bytes::Bytes` (or a `ByteString`, built on it).
fn holds_bytes(ty: &Ty) -> bool {
    match ty {
        Ty::Bytes | Ty::String => true,
        Ty::Vector { elem, .. } => holds_bytes(elem),
        _ => false,
    }
}

/// The names chosen for everything in the model.
struct Names {
    ctors: Vec<RustPath>,
    types: Vec<RustPath>,
    functions: Vec<RustPath>,
    /// Variant name per constructor (in its type's enum).
    variants: Vec<String>,
    /// Group struct names per constructor, keyed by member index.
    groups: Vec<BTreeMap<usize, RustPath>>,
    groups_fn: Vec<BTreeMap<usize, RustPath>>,
}

fn item_path(root: &'static str, item: &Item) -> RustPath {
    RustPath {
        root,
        module: item.name.namespace.as_deref().map(module_name),
        name: type_name(&item.name.name),
    }
}

impl Names {
    fn new(model: &Model, layout: &Layout) -> Self {
        let mut taken = Taken::default();
        let mut claim = |path: RustPath| taken.claim(path);
        let ctors: Vec<RustPath> = model
            .constructors
            .iter()
            .map(|c| claim(item_path("types", c)))
            .collect();
        let types: Vec<RustPath> = model
            .types
            .iter()
            .map(|t| {
                claim(RustPath {
                    root: "enums",
                    module: t.name.namespace.as_deref().map(module_name),
                    name: type_name(&t.name.name),
                })
            })
            .collect();
        let functions: Vec<RustPath> = model
            .functions
            .iter()
            .map(|f| claim(item_path("functions", f)))
            .collect();
        let mut group_names = |root: &'static str, paths: &[RustPath], shapes: &[Shape]| {
            paths
                .iter()
                .zip(shapes)
                .map(|(owner, shape)| {
                    shape
                        .members
                        .iter()
                        .enumerate()
                        .filter_map(|(i, m)| match m {
                            Member::Group { name, .. } => {
                                let mut path = RustPath {
                                    root,
                                    module: owner.module.clone(),
                                    name: format!("{}{}", owner.name, type_name(name)),
                                };
                                if taken.contains(&path) {
                                    path.name.push_str("Fields");
                                }
                                Some((i, taken.claim(path)))
                            }
                            _ => None,
                        })
                        .collect()
                })
                .collect::<Vec<_>>()
        };
        let groups = group_names("types", &ctors, &layout.constructors);
        let groups_fn = group_names("functions", &functions, &layout.functions);

        let mut variants = vec![String::new(); model.constructors.len()];
        for ty in &model.types {
            let mut chosen: Vec<(CtorId, String)> = ty
                .constructors
                .iter()
                .map(|&c| {
                    (
                        c,
                        variant_name(&model.constructors[c].name.name, &ty.name.name),
                    )
                })
                .collect();
            // Two constructors stripped to the same name keep their full names.
            let mut counts: HashMap<String, usize> = HashMap::new();
            for (_, v) in &chosen {
                *counts.entry(v.clone()).or_default() += 1;
            }
            for (c, v) in &mut chosen {
                if counts[v.as_str()] > 1 {
                    *v = type_name(&model.constructors[*c].name.name);
                }
            }
            let mut seen = BTreeSet::new();
            for (c, mut v) in chosen {
                while !seen.insert(v.clone()) {
                    v.push('_');
                }
                variants[c] = v;
            }
        }
        Self {
            ctors,
            types,
            functions,
            variants,
            groups,
            groups_fn,
        }
    }
}

/// Names already given, per module.
#[derive(Default)]
struct Taken(BTreeSet<(&'static str, Option<String>, String)>);

impl Taken {
    fn key(path: &RustPath) -> (&'static str, Option<String>, String) {
        (path.root, path.module.clone(), path.name.clone())
    }

    fn contains(&self, path: &RustPath) -> bool {
        self.0.contains(&Self::key(path))
    }

    /// Takes the name, or the name with `_` appended until it is free.
    fn claim(&mut self, mut path: RustPath) -> RustPath {
        while !self.0.insert(Self::key(&path)) {
            path.name.push('_');
        }
        path
    }
}

/// Whether a type's Rust form implements `Serialize`/`Deserialize` in exactly the TL way it
/// is written (so the field can use the trait instead of inline code).
fn is_standard(ty: &Ty) -> bool {
    match ty {
        Ty::Vector { boxed, elem } => *boxed && is_standard(elem),
        Ty::Bare(_) | Ty::True => false,
        _ => true,
    }
}

/// Fixed encoded size, if the type has one.
fn fixed_size(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Int | Ty::Bool => Some(4),
        Ty::Long | Ty::Double => Some(8),
        Ty::Int128 => Some(16),
        Ty::Int256 => Some(32),
        Ty::True => Some(0),
        _ => None,
    }
}

struct Gen<'a> {
    model: &'a Model,
    layout: Layout,
    names: Names,
    opts: &'a RustOptions,
    docs: &'a dyn DocProvider,
    min_bare: Vec<Option<usize>>,
    /// The runtime crate's path, parsed.
    rt: TokenStream,
    /// Per function, its error enum (`errors::phone::RequestCallError`) if it has one.
    error_enums: Vec<Option<RustPath>>,
}

/// Emits the whole file for `model` as a token stream (not yet formatted).
pub fn generate(model: &Model, opts: &RustOptions, docs: &dyn DocProvider) -> TokenStream {
    let layout = layout(model);
    let names = Names::new(model, &layout);
    let mut gen = Gen {
        model,
        layout,
        names,
        opts,
        docs,
        min_bare: vec![None; model.constructors.len()],
        error_enums: Vec::new(),
        rt: opts
            .runtime
            .parse()
            .unwrap_or_else(|_| quote!(::tl_runtime)),
    };
    gen.file()
}

/// Whether function `item`, documented with `errors`, gets its own error enum: it has
/// documented errors and is not generic (a generic function returns its query's errors).
pub fn has_error_enum(item: &Item, errors: &[ErrorDoc]) -> bool {
    !item.is_generic() && !errors.is_empty()
}

/// The Rust path (from the generated file's root) of every item, in model order.
#[derive(Debug, Clone, Default)]
pub struct ItemPaths {
    /// `types::phone::PhoneCall`, per constructor.
    pub constructors: Vec<String>,
    /// `enums::phone::PhoneCall`, per boxed type.
    pub types: Vec<String>,
    /// `functions::phone::RequestCall`, per function.
    pub functions: Vec<String>,
}

/// Where [`generate`] puts each item of `model`.
pub fn item_paths(model: &Model) -> ItemPaths {
    let names = Names::new(model, &layout(model));
    let paths = |v: &[RustPath]| v.iter().map(RustPath::doc_path).collect();
    ItemPaths {
        constructors: paths(&names.ctors),
        types: paths(&names.types),
        functions: paths(&names.functions),
    }
}

/// The estimated sizes used for boxing decisions, for inspection and tests.
pub fn type_sizes(model: &Model) -> (Vec<usize>, Vec<usize>) {
    let l = layout(model);
    (l.ctor_sizes, l.type_sizes)
}

/// Items grouped into the module tree `root::namespace`.
#[derive(Default)]
struct Modules {
    roots: BTreeMap<&'static str, BTreeMap<Option<String>, Vec<TokenStream>>>,
}

impl Modules {
    fn push(&mut self, path: &RustPath, item: TokenStream) {
        self.roots
            .entry(path.root)
            .or_default()
            .entry(path.module.clone())
            .or_default()
            .push(item);
    }
}

impl Gen<'_> {
    fn rt(&self) -> TokenStream {
        self.rt.clone()
    }

    fn file(&mut self) -> TokenStream {
        let mut modules = Modules::default();
        self.error_enums(&mut modules);
        let with_errors = modules.roots.contains_key("errors");
        for c in 0..self.model.constructors.len() {
            let (path, tokens) = self.constructor(c);
            modules.push(&path, tokens);
        }
        for t in 0..self.model.types.len() {
            let path = self.names.types[t].clone();
            let tokens = self.enumeration(t);
            modules.push(&path, tokens);
        }
        for f in 0..self.model.functions.len() {
            let path = self.names.functions[f].clone();
            let tokens = self.function(f);
            modules.push(&path, tokens);
        }
        if let Some((path, tokens)) = self.rpc_error_conversion() {
            modules.push(&path, tokens);
        }
        let rt = self.rt();
        let mut out = TokenStream::new();
        let layer = match self.model.layer {
            Some(layer) => {
                let layer = Literal::i32_unsuffixed(layer);
                quote! {
                    /// The schema layer these bindings were generated from (`// LAYER` comment).
                    pub const LAYER: i32 = #layer;
                }
            }
            None => quote!(),
        };
        out.extend(layer);
        out.extend(self.name_for_id());
        out.extend(self.arbitrary_support());
        let roots: &[&'static str] = if with_errors {
            &["types", "enums", "functions", "errors"]
        } else {
            &["types", "enums", "functions"]
        };
        for &root in roots {
            let root_ident = format_ident!("{root}");
            let doc = match root {
                "types" => "One struct per constructor, in the bare form (without its id).",
                "enums" => "One enum per boxed type, with a variant per constructor.",
                "errors" => "The error enum of each method with documented errors (its `RemoteCall::Error`), and [`CATALOG`](errors::CATALOG), every documented error.",
                _ => "One struct per function: the request, with its return type through `RemoteCall`.",
            };
            let doc = doc_attrs(doc);
            let Some(mods) = modules.roots.remove(root) else {
                out.extend(quote! {
                    #doc
                    pub mod #root_ident {}
                });
                continue;
            };
            let mut body = TokenStream::new();
            body.extend(prelude(&rt, 1, with_errors));
            for (module, items) in mods {
                match module {
                    None => body.extend(items),
                    Some(m) => {
                        let what = match root {
                            "types" => "constructors",
                            "enums" => "boxed types",
                            "errors" => "error enums of the methods",
                            _ => "functions",
                        };
                        let doc = doc_attrs(&format!("The {what} of the `{m}` namespace."));
                        let m = ident(&m);
                        let prelude = prelude(&rt, 2, with_errors);
                        body.extend(quote! {
                            #doc
                            pub mod #m {
                                #prelude
                                #(#items)*
                            }
                        });
                    }
                }
            }
            out.extend(quote! {
                #doc
                pub mod #root_ident {
                    #body
                }
            });
        }
        // Voice-call glue (`calls` module), when the schema has the items it joins; through
        // the runtime's macro, which drops it where the runtime has no `calls` feature.
        let paths = |v: &[RustPath]| v.iter().map(RustPath::tokens).collect();
        let glue = super::calls_glue::emit(
            self.model,
            &rt,
            &super::calls_glue::Paths {
                ctors: paths(&self.names.ctors),
                types: paths(&self.names.types),
                functions: paths(&self.names.functions),
                variants: &self.names.variants,
                layout: &self.layout,
            },
        );
        if !glue.is_empty() {
            out.extend(quote!(#rt::__calls_glue! { #glue }));
        }
        out
    }

    /// The error enum of each non-generic function with documented errors, into `errors`,
    /// and the catalog of all of them.
    fn error_enums(&mut self, modules: &mut Modules) {
        let model = self.model;
        let runtime: syn::Path =
            syn::parse_str(&self.opts.runtime).unwrap_or_else(|_| syn::parse_quote!(::tl_runtime));
        let mut taken = Taken::default();
        let mut catalog = Vec::new();
        self.error_enums = model
            .functions
            .iter()
            .enumerate()
            .map(|(f, item)| {
                let errors = self.docs.method_errors(item);
                if !has_error_enum(item, errors) {
                    return None;
                }
                catalog.push((item, errors));
                let path = taken.claim(RustPath {
                    root: "errors",
                    module: self.names.functions[f].module.clone(),
                    name: format!("{}Error", self.names.functions[f].name),
                });
                let name = ident(&path.name);
                modules.push(
                    &path,
                    super::errors::error_enum(&name, &item.name.to_string(), errors, &runtime),
                );
                Some(path)
            })
            .collect();
        let documented = self.docs.catalog_errors();
        if catalog.is_empty() && documented.iter().all(|(_, e)| e.is_empty()) {
            return;
        }
        let names: Vec<String> = catalog.iter().map(|(i, _)| i.name.to_string()).collect();
        let entries = super::errors::catalog_entries(
            names
                .iter()
                .map(|n| Some(n.as_str()))
                .zip(catalog.iter().map(|(_, e)| *e))
                .chain(documented),
        );
        let catalog = super::errors::error_catalog_from_entries(
            &format_ident!("CATALOG"),
            &entries,
            &runtime,
        );
        modules.push(
            &RustPath {
                root: "errors",
                module: None,
                name: String::new(),
            },
            catalog,
        );
    }

    /// `From<types::RpcError> for RpcError` (and from the boxed enum), when the schema has
    /// MTProto's `rpc_error error_code:int error_message:string = RpcError`: an error reply
    /// decoded with the bindings becomes a method's error type with one more `.into()`.
    fn rpc_error_conversion(&self) -> Option<(RustPath, TokenStream)> {
        let c = self.model.constructor_by_name("rpc_error")?;
        let item = &self.model.constructors[c];
        let shape: Vec<(&str, &Ty)> = item
            .params
            .iter()
            .filter_map(|p| match &p.kind {
                FieldKind::Value {
                    ty,
                    condition: None,
                } => Some((p.name.as_str(), ty)),
                _ => None,
            })
            .collect();
        if shape != [("error_code", &Ty::Int), ("error_message", &Ty::String)]
            || item.params.len() != 2
        {
            return None;
        }
        let rt = self.rt();
        let name = ident(&self.names.ctors[c].name);
        let boxed = match &item.result {
            Ty::Boxed(t) if self.model.types[*t].constructors == [c] => {
                let ty = self.names.types[*t].tokens();
                let variant = ident(&self.names.variants[c]);
                quote! {
                    impl From<#ty> for #rt::rpc_error::RpcError {
                        fn from(error: #ty) -> Self {
                            let #ty::#variant(error) = error;
                            error.into()
                        }
                    }
                }
            }
            _ => quote!(),
        };
        let tokens = quote! {
            impl From<#name> for #rt::rpc_error::RpcError {
                fn from(error: #name) -> Self {
                    Self::from_tl_body(error.error_code, &*error.error_message)
                }
            }
            #boxed
        };
        Some((self.names.ctors[c].clone(), tokens))
    }

    fn name_for_id(&self) -> TokenStream {
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

    // ---------------------------------------------------------------- types

    fn rust_ty(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::String => quote!(ByteString),
            Ty::Bytes => quote!(Bytes),
            Ty::Int128 => quote!([u8; 16]),
            Ty::Int256 => quote!([u8; 32]),
            Ty::Bool | Ty::True => quote!(bool),
            Ty::Vector { elem, .. } => {
                let elem = self.rust_ty(elem);
                quote!(Vec<#elem>)
            }
            Ty::Boxed(t) => self.names.types[*t].tokens(),
            Ty::Bare(c) => self.names.ctors[*c].tokens(),
            Ty::Generic(x) => {
                let x = format_ident!("{x}");
                quote!(#x)
            }
        }
    }

    fn param_ty(&self, item: &Item, shape: &Shape, p: usize) -> TokenStream {
        let FieldKind::Value { ty, .. } = &item.params[p].kind else {
            return quote!(u32);
        };
        let t = match self.user_type(item, p) {
            Some(user) => user,
            None => self.rust_ty(ty),
        };
        if shape.boxed_params.contains(&p) {
            quote!(Box<#t>)
        } else {
            t
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
            _ => format!("TL parameter `{tl}`."),
        }
    }

    /// The fewest bytes the bare form of `c` takes: a lower bound, which is what the decoder
    /// relies on (a constructor met again inside its own computation counts 0).
    fn min_bare_size(&mut self, c: CtorId, depth: usize) -> usize {
        if let Some(n) = self.min_bare[c] {
            return n;
        }
        if depth > 64 {
            return 0;
        }
        self.min_bare[c] = Some(0);
        let item = &self.model.constructors[c];
        let mut total = 0;
        for f in &item.params {
            total += match &f.kind {
                FieldKind::Flags => 4,
                FieldKind::Value {
                    condition: Some(_), ..
                } => 0,
                FieldKind::Value { ty, .. } => self.min_size(ty, depth + 1),
            };
        }
        self.min_bare[c] = Some(total);
        total
    }

    fn min_size(&mut self, ty: &Ty, depth: usize) -> usize {
        match ty {
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Bare(c) => self.min_bare_size(*c, depth),
            Ty::Boxed(t) => self.min_boxed_size(*t, depth),
            other => fixed_size(other).unwrap_or(4),
        }
    }

    /// The fewest bytes a value of boxed type `t` takes: its smallest constructor, with id.
    fn min_boxed_size(&mut self, t: TypeId, depth: usize) -> usize {
        let model = self.model;
        model.types[t]
            .constructors
            .iter()
            .map(|&c| 4 + self.min_bare_size(c, depth + 1))
            .min()
            .unwrap_or(4)
    }

    /// A type as rustdoc text with links to generated items (`Vec<[enums::User]>`).
    fn doc_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Boxed(t) => format!("[`{}`]", self.names.types[*t].doc_path()),
            Ty::Bare(c) => format!("[`{}`]", self.names.ctors[*c].doc_path()),
            Ty::Vector { elem, .. } => format!("`Vec` of {}", self.doc_type(elem)),
            Ty::Generic(x) => format!("the return type of `{x}`"),
            other => format!("`{}`", self.rust_ty(other)),
        }
    }

    /// `expr.serialize(out)` or the inline equivalent.
    fn write_expr(&self, expr: TokenStream, ty: &Ty) -> TokenStream {
        let rt = self.rt();
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
    fn read_expr(&mut self, ty: &Ty, boxed: bool) -> TokenStream {
        let read = match ty {
            Ty::True => quote!(true),
            Ty::Int => quote!(reader.read_i32()?),
            Ty::Long => quote!(reader.read_i64()?),
            Ty::Double => quote!(reader.read_f64()?),
            Ty::String => quote!(reader.read_string()?),
            Ty::Bytes => quote!(reader.read_bytes()?),
            Ty::Int128 | Ty::Int256 => quote!(reader.read_array()?),
            Ty::Bare(c) => {
                let path = self.names.ctors[*c].tokens();
                quote!(#path::deserialize_bare(reader)?)
            }
            Ty::Vector { boxed, elem } if !is_standard(ty) => {
                let rt = self.rt();
                let min = size_lit(self.min_size(elem, 0));
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
    fn read_fn(&mut self, ty: &Ty) -> TokenStream {
        let rt = self.rt();
        match ty {
            Ty::Bare(c) => {
                let path = self.names.ctors[*c].tokens();
                quote!(#path::deserialize_bare)
            }
            Ty::Vector { boxed, elem } if !is_standard(ty) => {
                let min = size_lit(self.min_size(elem, 0));
                let inner = self.read_fn(elem);
                quote!(|reader: &mut #rt::wire::Reader| #rt::wire::read_vec(reader, #boxed, #min, #inner))
            }
            _ => quote!(Deserialize::deserialize),
        }
    }

    // ------------------------------------------------------- struct bodies

    /// Field declarations, `serialize_bare` and `deserialize_bare` bodies shared
    /// by constructors and functions.
    fn body(&mut self, item: &Item, shape: &Shape, groups: &BTreeMap<usize, RustPath>) -> Body {
        // User-typed fields are serialized through their traits, like a generic parameter.
        let user_typed = self.with_user_types(item);
        let item = user_typed.as_ref().unwrap_or(item);
        let item_attrs = self.item_attrs(&item.name.to_string());
        let mut fields = Vec::new();
        let mut group_structs = Vec::new();
        let member_names: Vec<Ident> = shape
            .members
            .iter()
            .map(|m| match m {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => ident(&field_name(&item.params[*param].name)),
                Member::Group { name, .. } => ident(&field_name(name)),
            })
            .collect();
        // Which member carries each param (for writing in wire order).
        let mut member_of: HashMap<usize, usize> = HashMap::new();
        for (i, m) in shape.members.iter().enumerate() {
            match m {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => {
                    member_of.insert(*param, i);
                }
                Member::Group { params, .. } => {
                    for p in params {
                        member_of.insert(*p, i);
                    }
                }
            }
        }

        for (i, m) in shape.members.iter().enumerate() {
            let name = &member_names[i];
            let (doc, ty) = match m {
                Member::Plain { param } => (
                    self.param_doc(item, *param),
                    self.param_ty(item, shape, *param),
                ),
                Member::Flag { param, .. } => (self.param_doc(item, *param), quote!(bool)),
                Member::Optional { param, .. } => {
                    let t = self.param_ty(item, shape, *param);
                    (self.param_doc(item, *param), quote!(Option<#t>))
                }
                Member::Group { params, bit, .. } => {
                    let path = &groups[&i];
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
                        let fname = ident(&field_name(&item.params[p].name));
                        let fty = self.param_ty(item, shape, p);
                        let fdoc = self.param_doc(item, p);
                        let fdoc = doc_attrs(&fdoc);
                        let fattrs = self.field_attrs(item, p);
                        quote! {
                            #fdoc
                            #fattrs
                            pub #fname: #fty,
                        }
                    });
                    let derives = self.derives();
                    let gdoc = doc_attrs(&gdoc);
                    group_structs.push(quote! {
                        #gdoc
                        #derives
                        #item_attrs
                        pub struct #group_ident {
                            #(#gfields)*
                        }
                    });
                    let t = path.tokens();
                    let doc = format!("{}, present together or not at all.", names.join(" and "));
                    (doc, quote!(Option<#t>))
                }
            };
            let doc = doc_attrs(&doc);
            let attrs = match m {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => self.field_attrs(item, *param),
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
                    if let Some(&m) = member_of.get(&p) {
                        // A `#` word with a value of its own (no conditional parameters).
                        let name = &member_names[m];
                        writes.push(quote!(out.put_u32_le(self.#name);));
                        continue;
                    }
                    let mut bits = Vec::new();
                    for (i, m) in shape.members.iter().enumerate() {
                        let name = &member_names[i];
                        match m {
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
                    let value = if bits.is_empty() {
                        quote!(0)
                    } else {
                        quote!(#(#bits)|*)
                    };
                    writes.push(quote!(out.put_u32_le(#value);));
                }
                FieldKind::Value { ty, .. } => {
                    let Some(&m) = member_of.get(&p) else {
                        continue; // `true` parameters: only their bit.
                    };
                    let name = &member_names[m];
                    match &shape.members[m] {
                        Member::Plain { .. } => {
                            writes.push(self.write_expr(quote!(self.#name), ty));
                        }
                        Member::Flag { .. } => {}
                        Member::Optional { .. } => {
                            let write = self.write_expr(quote!(v), ty);
                            writes.push(quote!(if let Some(v) = &self.#name { #write }));
                        }
                        Member::Group { .. } => {
                            let fname = ident(&field_name(&f.name));
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
            let local = ident(&field_name(&f.name));
            match &f.kind {
                FieldKind::Flags if member_of.contains_key(&p) => {
                    reads.push(quote!(let #local = reader.read_u32()?;));
                }
                FieldKind::Flags => {
                    let used = shape.members.iter().any(|m| match m {
                        Member::Flag { bit, .. }
                        | Member::Optional { bit, .. }
                        | Member::Group { bit, .. } => bit.field == p,
                        Member::Plain { .. } => false,
                    });
                    if used {
                        let local = format_ident!("{}", flags_local(&f.name));
                        reads.push(quote!(let #local = reader.read_u32()?;));
                    } else {
                        reads.push(quote!(reader.read_u32()?;));
                    }
                }
                FieldKind::Value { ty, condition } => {
                    let Some(&m) = member_of.get(&p) else {
                        continue;
                    };
                    let boxed = shape.boxed_params.contains(&p);
                    match (&shape.members[m], condition) {
                        (Member::Flag { bit, .. }, _) => {
                            let flags =
                                format_ident!("{}", flags_local(&item.params[bit.field].name));
                            let b = bit_mask(bit.bit);
                            reads.push(quote!(let #local = #flags & (#b) != 0;));
                        }
                        (_, Some(bit)) => {
                            let flags =
                                format_ident!("{}", flags_local(&item.params[bit.field].name));
                            let b = bit_mask(bit.bit);
                            let read = self.read_expr(ty, boxed);
                            reads.push(quote! {
                                let #local = if #flags & (#b) != 0 { Some(#read) } else { None };
                            });
                        }
                        (_, None) => {
                            let read = self.read_expr(ty, boxed);
                            reads.push(quote!(let #local = #read;));
                        }
                    }
                }
            }
        }
        let inits = shape.members.iter().enumerate().map(|(i, m)| {
            let name = &member_names[i];
            match m {
                Member::Group { params, .. } => {
                    let path = groups[&i].tokens();
                    let locals: Vec<Ident> = params
                        .iter()
                        .map(|&p| ident(&field_name(&item.params[p].name)))
                        .collect();
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

        // Methods for `true` parameters implied by values on their bit.
        let implied = shape.implied.iter().map(|imp| {
            let name = ident(&field_name(&item.params[imp.param].name));
            let member = &member_names[imp.member];
            let check = match &shape.members[imp.member] {
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
        });
        let implied: Vec<TokenStream> = implied.collect();

        Body {
            fields,
            group_structs,
            writes,
            reads,
            construct,
            implied,
        }
    }

    fn derives(&self) -> TokenStream {
        let mut out = quote!(#[derive(Debug, Clone, PartialEq)]);
        if self.opts.serde {
            out.extend(quote!(#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]));
        }
        if self.opts.arbitrary {
            out.extend(quote!(#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]));
        }
        for attr in &self.opts.type_attributes {
            if let Ok(tokens) = attr.parse::<TokenStream>() {
                out.extend(tokens);
            }
        }
        out
    }

    /// With `arbitrary`, the generator used for fields holding `Bytes` or `ByteString` (which
    /// do not implement `Arbitrary`, and cannot be made to here): a local trait over the
    /// shapes such fields have (`Bytes`, `ByteString`, `Option<_>`, `Vec<_>`, `Box<_>`).
    fn arbitrary_support(&self) -> TokenStream {
        if !self.opts.arbitrary {
            return TokenStream::new();
        }
        let rt = self.rt();
        quote! {
            /// Arbitrary values of field types holding `Bytes` or `ByteString`, for the
            /// `arbitrary` derives.
            #[cfg(feature = "arbitrary")]
            #[allow(dead_code)] // when no kept field holds `Bytes`
            mod arb {
                use #rt::bytes::Bytes;
                use #rt::bytestring::ByteString;
                use arbitrary::{Arbitrary, Result, Unstructured};

                /// A field type that holds `Bytes` or `ByteString`.
                pub trait ArbitraryBytes: Sized {
                    /// An arbitrary value.
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self>;
                }

                impl ArbitraryBytes for Bytes {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        Vec::<u8>::arbitrary(u).map(Bytes::from)
                    }
                }

                impl ArbitraryBytes for ByteString {
                    fn arbitrary_bytes(u: &mut Unstructured<'_>) -> Result<Self> {
                        String::arbitrary(u).map(ByteString::from)
                    }
                }

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

    /// The user's attributes for the item named `tl_name` (see [`RustOptions::item_attributes`]).
    fn item_attrs(&self, tl_name: &str) -> TokenStream {
        let mut out = TokenStream::new();
        for (pattern, attr) in &self.opts.item_attributes {
            if matches(pattern, tl_name) {
                out.extend(parse_attributes(attr).unwrap_or_default());
            }
        }
        out
    }

    /// The user type of parameter `p` of `item`, if one is configured (the first match).
    fn user_type(&self, item: &Item, p: usize) -> Option<TokenStream> {
        if self.opts.field_types.is_empty() {
            return None;
        }
        match &item.params[p].kind {
            FieldKind::Value { ty, .. } if mappable(ty) || is_user_type(ty) => {}
            _ => return None,
        }
        let key = field_key(item, p);
        self.opts
            .field_types
            .iter()
            .find(|(pattern, _)| matches(pattern, &key))
            .and_then(|(_, ty)| syn::parse_str::<syn::Type>(ty).ok())
            .map(|ty| quote!(#ty))
    }

    /// `item` with the TL type of every user-typed field replaced by an opaque type that is
    /// written, measured and read through its `Serialize`/`Deserialize` impls (as a generic
    /// parameter is), or `None` when no field of `item` has a user type.
    fn with_user_types(&self, item: &Item) -> Option<Item> {
        let mapped: Vec<usize> = (0..item.params.len())
            .filter(|&p| self.user_type(item, p).is_some())
            .collect();
        if mapped.is_empty() {
            return None;
        }
        let mut item = item.clone();
        for p in mapped {
            if let FieldKind::Value { ty, .. } = &mut item.params[p].kind {
                if mappable(ty) {
                    *ty = Ty::Generic(USER_TYPE.to_owned());
                }
            }
        }
        Some(item)
    }

    /// The user's attributes for a field, then (with `arbitrary`) the generator of a field
    /// holding `Bytes`.
    fn field_attrs(&self, item: &Item, p: usize) -> TokenStream {
        let mut out = TokenStream::new();
        if !self.opts.field_attributes.is_empty() {
            let key = field_key(item, p);
            for (pattern, attr) in &self.opts.field_attributes {
                if matches(pattern, &key) {
                    out.extend(parse_attributes(attr).unwrap_or_default());
                }
            }
        }
        if let FieldKind::Value { ty, .. } = &item.params[p].kind {
            if self.opts.arbitrary && holds_bytes(ty) {
                // The generated items live in `root::module` or `root::namespace::module`.
                let supers =
                    (0..1 + usize::from(item.name.namespace.is_some())).map(|_| quote!(super::));
                // Short, so that the formatter keeps it on one line (prettyplease breaks long
                // attributes into invalid syntax).
                out.extend(quote! {
                    #[cfg_attr(feature = "arbitrary", arbitrary(with = #(#supers)* arb::bytes))]
                });
            }
        }
        out
    }

    // --------------------------------------------------------- constructors

    fn constructor(&mut self, c: CtorId) -> (RustPath, TokenStream) {
        let model = self.model;
        let item = &model.constructors[c];
        let shape = self.layout.constructors[c].clone();
        let groups = self.names.groups[c].clone();
        let path = self.names.ctors[c].clone();
        let name = ident(&path.name);
        let Body {
            fields,
            group_structs,
            writes,
            reads,
            construct,
            implied,
        } = self.body(item, &shape, &groups);
        let min = size_lit(self.min_bare_size(c, 0));
        let id = hex(item.id);
        let tl_name = item.name.to_string();
        let rt = self.rt();
        let derives = self.derives();
        let ty_name = match &item.result {
            Ty::Boxed(t) => self.names.types[*t].doc_path(),
            _ => String::new(),
        };
        let doc = self.docs.constructor_doc(item, &ty_name);
        let doc = doc_attrs(&doc);
        let reader_unused = reads.is_empty();
        let reader_arg = if reader_unused {
            quote!(_reader)
        } else {
            quote!(reader)
        };
        let out_arg = if writes.is_empty() {
            quote!(_out)
        } else {
            quote!(out)
        };
        let implied = if implied.is_empty() {
            quote!()
        } else {
            quote! {
                impl #name {
                    #(#implied)*
                }
            }
        };
        let item_attrs = self.item_attrs(&tl_name);
        let tokens = quote! {
            #doc
            #derives
            #item_attrs
            pub struct #name {
                #(#fields)*
            }

            #(#group_structs)*

            #implied

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

        };
        (path, tokens)
    }

    // ---------------------------------------------------------------- enums

    fn enumeration(&mut self, t: TypeId) -> TokenStream {
        let model = self.model;
        let ty = &model.types[t];
        let path = &self.names.types[t];
        let name = ident(&path.name);
        let tl_name = ty.name.to_string();
        let rt = self.rt();
        let mut variants = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        let mut ids = Vec::new();
        let mut froms = Vec::new();
        for &c in &ty.constructors {
            let v = ident(&self.names.variants[c]);
            let ctor = self.names.ctors[c].tokens();
            let boxed = self.layout.boxed_variants.contains(&c);
            let id = hex(model.constructors[c].id);
            let doc = format!(
                "[`{}`]({}): `{}`",
                model.constructors[c].name,
                self.names.ctors[c].doc_path(),
                model.constructors[c].definition
            );
            let doc = doc_attrs(&doc);
            if boxed {
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
            if self.layout.boxed_in_requests.contains(&t) {
                froms.push(quote! {
                    impl From<#ctor> for Box<#name> {
                        fn from(value: #ctor) -> Self {
                            Box::new(#name::from(value))
                        }
                    }
                });
            }
            writes.push(quote!(Self::#v(x) => x.serialize(out),));
            ids.push(quote!(Self::#v(_) => #id,));
        }
        let derives = self.derives();
        let members: Vec<&Item> = ty
            .constructors
            .iter()
            .map(|&c| &model.constructors[c])
            .collect();
        let doc = self.docs.enum_doc(&ty.name.to_string(), &members);
        let doc = doc_attrs(&doc);
        let item_attrs = self.item_attrs(&tl_name);
        // Variants hold their structs inline by design (see `layout`): one allocation per
        // vector of messages instead of one per message, every type still <= 512 bytes.
        let largest = ty
            .constructors
            .iter()
            .map(|&c| self.layout.ctor_sizes[c])
            .max()
            .unwrap_or(0);
        // The smallest encoding of any constructor: what bounds the vector counts a given
        // input can claim (and so what a claim can make the decoder reserve).
        let min_size = size_lit(self.min_boxed_size(t, 0));
        let size_lint = (ty.constructors.len() > 1 && largest > 200)
            .then(|| quote!(#[allow(clippy::large_enum_variant)]));
        quote! {
            #doc
            #derives
            #item_attrs
            #size_lint
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

            impl Deserialize for #name {
                const MIN_SIZE: usize = #min_size;

                fn deserialize(reader: &mut #rt::wire::Reader) -> Result<Self, DeserializeError> {
                    reader.nested(|reader| {
                        Ok(match reader.read_id()? {
                            #(#reads)*
                            id => return Err(reader.unexpected_id(id, #tl_name)),
                        })
                    })
                }
            }

            #(#froms)*
        }
    }

    // ------------------------------------------------------------ functions

    fn function(&mut self, f: usize) -> TokenStream {
        let model = self.model;
        let item = &model.functions[f];
        let shape = self.layout.functions[f].clone();
        let groups = self.names.groups_fn[f].clone();
        let path = self.names.functions[f].clone();
        let name = ident(&path.name);
        let Body {
            fields,
            group_structs,
            writes,
            reads,
            construct,
            implied,
        } = self.body(item, &shape, &groups);
        let id = hex(item.id);
        let tl_name = item.name.to_string();
        let rt = self.rt();
        let derives = self.derives();
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
        let ret = match &item.result {
            Ty::Generic(x) => {
                let x = format_ident!("{x}");
                quote!(#x::Return)
            }
            other => self.rust_ty(other),
        };
        let error = match &item.result {
            Ty::Generic(x) => {
                let x = format_ident!("{x}");
                quote!(#x::Error)
            }
            _ => match &self.error_enums[f] {
                Some(path) => path.tokens(),
                None => quote!(#rt::rpc_error::GenericError),
            },
        };
        let error_doc = match (&item.result, &self.error_enums[f]) {
            (Ty::Generic(x), _) => format!("{x}::Error"),
            (_, Some(path)) => path.doc_path(),
            (_, None) => format!(
                "{}::rpc_error::GenericError",
                self.opts.runtime.trim_start_matches("::")
            ),
        };
        let doc = self
            .docs
            .function_doc(item, &self.doc_type(&item.result), &error_doc);
        let doc = doc_attrs(&doc);
        let implied = if implied.is_empty() {
            quote!()
        } else {
            quote! {
                impl #decl #name #plain {
                    #(#implied)*
                }
            }
        };
        let item_attrs = self.item_attrs(&tl_name);
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

            #implied

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
                    reader.expect_id(#id, #tl_name)?;
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
}

struct Body {
    fields: Vec<TokenStream>,
    group_structs: Vec<TokenStream>,
    writes: Vec<TokenStream>,
    reads: Vec<TokenStream>,
    construct: TokenStream,
    implied: Vec<TokenStream>,
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

fn flags_local(name: &str) -> String {
    format!("{}_bits", field_name(name))
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

/// The `use` lines at the top of each generated module, `depth` levels below the root.
fn prelude(rt: &TokenStream, depth: usize, with_errors: bool) -> TokenStream {
    let supers = (0..depth).map(|_| quote!(super::));
    let errors = if with_errors {
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
        use #rt::bytestring::ByteString;
        #[allow(unused_imports)]
        use #rt::wire::{Bare, Deserialize, DeserializeError, Identifiable, RemoteCall, Serialize};
    }
}
