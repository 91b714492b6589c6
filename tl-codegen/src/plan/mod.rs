//! Every decision about the generated code, made once, before any code is written: where each
//! item lives and what it and its fields are called, the layout of every struct (flag groups,
//! boxing, sizes), the user's field types and attributes, the derives, the error enums and the
//! runtime path.
//!
//! The printers ([`crate::print`]) and extensions ([`crate::extension`]) read the [`Plan`];
//! none of them names or lays out anything on its own. It is plain data, which the printers
//! share across threads. The docs' errors reach the printers only through it
//! ([`ErrorFacts`] in, [`FunctionPlan::documented_errors`] and [`Plan::catalog`] out).

pub mod errors;
pub mod layout;
pub mod names;
mod sizes;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use layout::{ImpliedFlag, Member};
pub use sizes::MinSizes;

use crate::docs::ErrorDoc;
use crate::model::select::matches;
use crate::model::{layer_name, CtorId, FieldKind, Item, Model, Ty, TypeDef, TypeId};
use crate::options::Options;
use crate::schema::ast::Name;
use layout::{layout, Layout, Shape};
use names::Spellings;

/// One of the generated file's root modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Root {
    /// `types`: a struct per constructor.
    Types,
    /// `enums`: an enum per boxed type.
    Enums,
    /// `functions`: a struct per function.
    Functions,
    /// `errors`: the error enums of methods, and the catalog.
    Errors,
}

impl Root {
    /// The module's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Root::Types => "types",
            Root::Enums => "enums",
            Root::Functions => "functions",
            Root::Errors => "errors",
        }
    }
}

/// Where an item lives: `types::phone::PhoneCall` is (`Types`, `Some("phone")`, `PhoneCall`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustPath {
    /// The root module.
    pub root: Root,
    /// The namespace module, if any (already a valid module name).
    pub module: Option<String>,
    /// The item's name (a valid identifier, unless it is a keyword: then raw).
    pub name: String,
}

impl RustPath {
    /// The path from the generated file's root, as rustdoc links and `include!`ing code write
    /// it: `types::phone::PhoneCall`.
    pub fn doc_path(&self) -> String {
        match &self.module {
            Some(m) => format!("{}::{m}::{}", self.root.as_str(), self.name),
            None => format!("{}::{}", self.root.as_str(), self.name),
        }
    }

    /// The module the item is in, from the generated file's root: `types::phone`, `enums`.
    pub fn module_path(&self) -> String {
        match &self.module {
            Some(m) => format!("{}::{m}", self.root.as_str()),
            None => self.root.as_str().to_owned(),
        }
    }
}

/// One field of a generated struct: the layout's [`Member`] and the names chosen for it.
#[derive(Debug, Clone)]
pub struct MemberPlan {
    /// Which parameters it holds and how.
    pub member: Member,
    /// The field's name (snake case; a keyword is written as a raw identifier).
    pub name: String,
    /// For a flag group: its struct.
    pub group: Option<RustPath>,
}

/// A generated struct: a constructor's (in `types`) or a function's (in `functions`).
#[derive(Debug, Clone)]
pub struct StructPlan {
    /// Where it lives.
    pub path: RustPath,
    /// Its fields, in wire order of their first parameter.
    pub members: Vec<MemberPlan>,
    /// `true` parameters that share their bit with a value: methods, not fields.
    pub implied: Vec<ImpliedFlag>,
    /// Per parameter: its name as a field or local (snake case).
    pub param_names: Vec<String>,
    /// Per parameter: the member holding it (`None` for `#` words computed when serializing
    /// and for `true` parameters implied by a value on their bit).
    pub param_members: Vec<Option<usize>>,
    /// Parameters (by index) held in a `Box`.
    pub boxed_params: BTreeSet<usize>,
    /// Per parameter: the user's type for it (Rust source, checked to parse), if any.
    pub user_types: Vec<Option<String>>,
    /// Per parameter: the user's attributes for it (checked to parse).
    pub field_attributes: Vec<Vec<String>>,
    /// The user's attributes for the item and its group structs (checked to parse).
    pub attributes: Vec<String>,
    /// The fewest bytes its bare form takes (constructors; 0 for function structs).
    pub min_bare_size: usize,
    /// Its estimated `size_of`, the boxing decisions' measure (constructors; 0 for function
    /// structs).
    pub size: usize,
    /// The name of its constructor from the required parameters: `new`, or `new_required`
    /// where a method for an implied flag is already called `new`.
    pub new_fn: String,
}

/// One variant of a generated enum.
#[derive(Debug, Clone)]
pub struct VariantPlan {
    /// The constructor it holds.
    pub ctor: CtorId,
    /// The variant's name.
    pub name: String,
    /// Whether it holds its struct in a `Box` (only a struct too large to be inline).
    pub boxed: bool,
}

/// A generated enum, for a boxed type.
#[derive(Debug, Clone)]
pub struct EnumPlan {
    /// Where it lives.
    pub path: RustPath,
    /// One per constructor, in schema order.
    pub variants: Vec<VariantPlan>,
    /// The fewest bytes a value takes (its smallest constructor, with the id).
    pub min_size: usize,
    /// Its estimated `size_of`.
    pub size: usize,
    /// The estimated `size_of` of its largest variant's struct.
    pub largest_variant: usize,
    /// Whether a request holds it in a `Box`, so that it gets `From<constructor> for Box<_>`.
    pub boxed_in_requests: bool,
    /// The user's attributes for it.
    pub attributes: Vec<String>,
    /// With `tdlib_json`, the name of the variant holding an object of a `@type` the
    /// bindings do not know: `Unknown`, or `UnknownObject` where a constructor's variant is
    /// called `Unknown` (TDLib's `fileTypeUnknown`, `userTypeUnknown`).
    pub unknown_variant: Option<String>,
}

/// A generated function struct.
#[derive(Debug, Clone)]
pub struct FunctionPlan {
    /// The struct.
    pub strukt: StructPlan,
    /// Its error enum, when the docs give it errors (else the runtime's generic error, or
    /// for a generic function its query's).
    pub error_enum: Option<RustPath>,
    /// The variants of that enum, named (empty without one).
    pub error_variants: Vec<errors::ErrorVariant>,
    /// The errors the docs give it, as they give them (for its docs and the catalog).
    pub documented_errors: Vec<ErrorDoc>,
}

/// MTProto's `rpc_error error_code:int error_message:string = RpcError`, when the schema has
/// it in that form: it converts into the runtime's `RpcError`.
#[derive(Debug, Clone)]
pub struct RpcErrorPlan {
    /// The constructor.
    pub ctor: CtorId,
    /// Its boxed type, when that has no other constructor.
    pub only_variant_of: Option<TypeId>,
}

/// Every naming and layout decision of one generation run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The runtime crate's path in generated code (checked to parse as a path).
    pub runtime: String,
    /// The schema's `// LAYER`.
    pub layer: Option<i32>,
    /// Per constructor, in model order.
    pub constructors: Vec<StructPlan>,
    /// Per boxed type, in model order.
    pub types: Vec<EnumPlan>,
    /// Per function, in model order.
    pub functions: Vec<FunctionPlan>,
    /// Whether the file has an `errors` module (error enums, or documented errors for the
    /// catalog).
    pub errors_module: bool,
    /// The docs' errors for `errors::CATALOG` besides those of the error enums (see
    /// [`ErrorFacts::catalog`]).
    pub catalog: Vec<(Option<String>, Vec<ErrorDoc>)>,
    /// The `rpc_error` conversion, if the schema has the constructor.
    pub rpc_error: Option<RpcErrorPlan>,
    /// Whether types derive `PartialEq`.
    pub partial_eq: bool,
    /// Whether types derive serde's traits (behind `cfg_attr(feature = "serde")`).
    pub serde: bool,
    /// Whether types derive `arbitrary::Arbitrary` (behind `cfg_attr(feature = "arbitrary")`).
    pub arbitrary: bool,
    /// Whether the enums of TL types are `#[non_exhaustive]`.
    pub non_exhaustive_enums: bool,
    /// Whether the code is TDLib's JSON form instead of TL's binary one.
    pub tdlib_json: bool,
    /// The user's attributes for every type (checked to parse).
    pub type_attributes: Vec<String>,
    /// Minimum encoded sizes.
    pub min_sizes: MinSizes,
}

/// What the docs say about errors, which the plan needs before docs are rendered.
pub struct ErrorFacts<'a> {
    /// The documented errors of a function.
    pub documented: &'a dyn Fn(&Item) -> &'a [ErrorDoc],
    /// Every error the docs know, for `errors::CATALOG`: `(method, errors)` for every method
    /// documented (also methods the schema no longer has: the server still sends their
    /// errors), and `(None, errors)` for errors documented on their own.
    pub catalog: &'a [(Option<&'a str>, &'a [ErrorDoc])],
}

impl ErrorFacts<'_> {
    /// No docs: no error enums, no catalog.
    pub const NONE: ErrorFacts<'static> = ErrorFacts {
        documented: &|_| &[],
        catalog: &[],
    };
}

/// Whether function `item`, with documented errors or not, gets its own error enum: it is
/// not generic (a generic function returns its query's errors).
pub(crate) fn has_error_enum(item: &Item, documented: bool) -> bool {
    !item.is_generic() && documented
}

/// The stand-in type parameter name of user-typed fields while their code is generated.
pub(crate) const USER_TYPE: &str = "__UserType";

/// Whether a type's Rust form implements `Serialize`/`Deserialize` in exactly the TL way it
/// is written (so a field of it can use the trait instead of inline code).
pub(crate) fn is_standard(ty: &Ty) -> bool {
    match ty {
        Ty::Vector { boxed, elem } => *boxed && is_standard(elem),
        // `Option` has no wire impls: TL's null is a convention of the docs, not of TL.
        Ty::Bare(_) | Ty::True | Ty::Nullable(_) => false,
        _ => true,
    }
}

/// Whether a field of this type may get a user type (which serializes through its traits).
fn mappable(ty: &Ty) -> bool {
    is_standard(ty) && !matches!(ty, Ty::Generic(_))
}

/// `tl_name.param`, what field patterns match.
fn field_key(item: &Item, p: usize) -> String {
    format!("{}.{}", item.name, item.params[p].name)
}

/// What TDLib's JSON form cannot express: `#` words and conditional parameters, types with
/// no JSON form in TDLib (`int128`, `int256`, `Object`, generic functions), older layers'
/// constructors (read from binary TL only), and options that need the binary traits.
fn tdlib_json_problems(model: &Model, options: &Options) -> Vec<String> {
    fn has_json_form(ty: &Ty) -> bool {
        match ty {
            Ty::Int128 | Ty::Int256 | Ty::Object | Ty::Function | Ty::Generic(_) | Ty::True => {
                false
            }
            Ty::Vector { elem, .. } | Ty::Nullable(elem) => has_json_form(elem),
            _ => true,
        }
    }
    let mut problems = Vec::new();
    if options.arbitrary {
        problems.push("`arbitrary` does not combine with `tdlib_json`".to_owned());
    }
    if !options.field_types.is_empty() {
        problems.push(
            "`field_type` does not combine with `tdlib_json`: user types have no JSON form"
                .to_owned(),
        );
    }
    let items = model.constructors.iter().chain(&model.functions);
    let mut lacking = Vec::new();
    for item in items {
        if item.compat_layer.is_some() {
            lacking.push(format!("`{}` (an older layer's constructor)", item.name));
            continue;
        }
        for param in &item.params {
            let fits = match &param.kind {
                FieldKind::Value {
                    ty,
                    condition: None,
                } => has_json_form(ty),
                _ => false,
            };
            if !fits {
                lacking.push(format!("`{}.{}`", item.name, param.name));
            }
        }
    }
    if !lacking.is_empty() {
        let shown: Vec<&str> = lacking.iter().take(5).map(String::as_str).collect();
        problems.push(format!(
            "`tdlib_json`: {} parameter(s) have no form in TDLib's JSON (`#` words, `flags.N?` \
             conditions, int128/int256, Object, generics, older layers): {}{}",
            lacking.len(),
            shown.join(", "),
            if lacking.len() > 5 { ", ..." } else { "" }
        ));
    }
    problems
}

/// Whether attribute source text parses as outer attributes (`#[...]`, possibly several).
fn check_attributes(text: &str) -> Result<(), String> {
    let tokens: proc_macro2::TokenStream = text.parse().map_err(|e| format!("{e}"))?;
    syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens).map_err(|e| e.to_string())?;
    Ok(())
}

impl Plan {
    /// Plans the code for `model` with `options`. Fails with every problem of the options
    /// at once: attributes, types or the runtime path that do not parse, patterns matching
    /// nothing, fields whose type cannot be mapped.
    pub fn new(
        model: &Model,
        options: &Options,
        errors: &ErrorFacts<'_>,
    ) -> Result<Plan, Vec<String>> {
        let problems = check_options(model, options);
        if !problems.is_empty() {
            return Err(problems);
        }
        let layout = layout(model);
        let mut spellings = Spellings::default();
        let names = Names::new(model, &layout, &mut spellings);
        let min_sizes = sizes::min_sizes(model, &bare_vector_elements(model, options));
        let constructors = model
            .constructors
            .iter()
            .enumerate()
            .map(|(c, item)| {
                struct_plan(
                    options,
                    &mut spellings,
                    item,
                    &names.ctors[c],
                    &layout.constructors[c],
                    &names.groups[c],
                    (min_sizes.bare[c], layout.ctor_sizes[c]),
                )
            })
            .collect();
        let types = model
            .types
            .iter()
            .enumerate()
            .map(|(t, ty)| enum_plan(options, &layout, &names, &min_sizes, TypeId(t), ty))
            .collect();
        let functions = function_plans(model, options, &mut spellings, &layout, &names, errors);
        let catalog: Vec<(Option<String>, Vec<ErrorDoc>)> = errors
            .catalog
            .iter()
            .map(|(method, errors)| (method.map(str::to_owned), errors.to_vec()))
            .collect();
        let errors_module = catalog.iter().any(|(_, e)| !e.is_empty())
            || functions.iter().any(|f| f.error_enum.is_some());
        Ok(Plan {
            runtime: options.runtime.clone(),
            layer: model.layer,
            constructors,
            types,
            functions,
            errors_module,
            catalog,
            rpc_error: rpc_error(model),
            partial_eq: options.partial_eq,
            serde: options.serde,
            arbitrary: options.arbitrary,
            non_exhaustive_enums: options.non_exhaustive_enums,
            tdlib_json: options.tdlib_json,
            type_attributes: options.type_attributes.clone(),
            min_sizes,
        })
    }

    /// The Rust path of every item, as rustdoc links and other build-script code write them.
    pub fn item_paths(&self) -> ItemPaths {
        ItemPaths {
            constructors: self
                .constructors
                .iter()
                .map(|s| s.path.doc_path())
                .collect(),
            types: self.types.iter().map(|e| e.path.doc_path()).collect(),
            functions: self
                .functions
                .iter()
                .map(|f| f.strukt.path.doc_path())
                .collect(),
        }
    }

    /// How many functions have an error enum.
    pub fn error_enums(&self) -> usize {
        self.functions
            .iter()
            .filter(|f| f.error_enum.is_some())
            .count()
    }
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

/// The element types of vectors of bare values inside `ty`, outermost first.
fn bare_vector_elems(ty: &Ty, out: &mut Vec<Ty>) {
    if let Ty::Vector { elem, .. } = ty {
        if !is_standard(ty) {
            out.push((**elem).clone());
            bare_vector_elems(elem, out);
        }
    }
}

fn rpc_error(model: &Model) -> Option<RpcErrorPlan> {
    let c = model.constructor_by_name("rpc_error")?;
    let item = &model.constructors[c];
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
    if shape != [("error_code", &Ty::Int), ("error_message", &Ty::String)] || item.params.len() != 2
    {
        return None;
    }
    let only_variant_of = match &item.result {
        Ty::Boxed(t) if model.types[*t].constructors == [c] => Some(*t),
        _ => None,
    };
    Some(RpcErrorPlan {
        ctor: c,
        only_variant_of,
    })
}

/// The elements of each constructor's vectors of bare values, as the printers meet them:
/// what `sizes::min_sizes` starts from.
fn bare_vector_elements(model: &Model, options: &Options) -> Vec<(CtorId, Vec<Ty>)> {
    model
        .constructors
        .iter()
        .enumerate()
        .map(|(c, item)| {
            let mut elems = Vec::new();
            for (p, f) in item.params.iter().enumerate() {
                if let FieldKind::Value { ty, .. } = &f.kind {
                    if user_type(options, item, p).is_none() {
                        bare_vector_elems(ty, &mut elems);
                    }
                }
            }
            (CtorId(c), elems)
        })
        .collect()
}

/// The plan of a constructor's or function's struct: its members and their names, `new`'s
/// name, user types and attributes, and its `(minimum bare size, size)` in bytes.
fn struct_plan(
    options: &Options,
    spellings: &mut Spellings,
    item: &Item,
    path: &RustPath,
    shape: &Shape,
    groups: &BTreeMap<usize, RustPath>,
    (min_bare_size, size): (usize, usize),
) -> StructPlan {
    let param_names: Vec<String> = item
        .params
        .iter()
        .map(|f| spellings.field_name(&f.name))
        .collect();
    let mut param_members = vec![None; item.params.len()];
    for (i, m) in shape.members.iter().enumerate() {
        match m {
            Member::Plain { param }
            | Member::Flag { param, .. }
            | Member::Optional { param, .. } => param_members[*param] = Some(i),
            Member::Group { params, .. } => {
                for &p in params {
                    param_members[p] = Some(i);
                }
            }
        }
    }
    let members = shape
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| MemberPlan {
            name: match m {
                Member::Plain { param }
                | Member::Flag { param, .. }
                | Member::Optional { param, .. } => param_names[*param].clone(),
                Member::Group { name, .. } => spellings.field_name(name),
            },
            member: m.clone(),
            group: groups.get(&i).cloned(),
        })
        .collect();
    // `new` unless an implied flag's method has the name.
    let new_fn = if shape
        .implied
        .iter()
        .any(|imp| param_names[imp.param] == "new")
    {
        "new_required"
    } else {
        "new"
    }
    .to_owned();
    StructPlan {
        path: path.clone(),
        members,
        implied: shape.implied.clone(),
        param_names,
        param_members,
        boxed_params: shape.boxed_params.clone(),
        user_types: (0..item.params.len())
            .map(|p| user_type(options, item, p))
            .collect(),
        field_attributes: (0..item.params.len())
            .map(|p| field_attributes(options, item, p))
            .collect(),
        attributes: item_attributes(options, &item.name.to_string()),
        min_bare_size,
        size,
        new_fn,
    }
}

/// The plan of a boxed type's enum: its variants, sizes and attributes.
fn enum_plan(
    options: &Options,
    layout: &Layout,
    names: &Names,
    min_sizes: &MinSizes,
    t: TypeId,
    ty: &TypeDef,
) -> EnumPlan {
    let unknown_variant = options.tdlib_json.then(|| {
        let taken = |name: &str| ty.constructors.iter().any(|&c| names.variants[c] == name);
        let mut name = "Unknown".to_owned();
        let mut n = 1;
        while taken(&name) {
            name = if n == 1 {
                "UnknownObject".to_owned()
            } else {
                format!("UnknownObject{n}")
            };
            n += 1;
        }
        name
    });
    EnumPlan {
        unknown_variant,
        path: names.types[t].clone(),
        variants: ty
            .constructors
            .iter()
            .map(|&c| VariantPlan {
                ctor: c,
                name: names.variants[c].clone(),
                boxed: layout.boxed_variants.contains(&c),
            })
            .collect(),
        min_size: min_sizes.boxed[t],
        size: layout.type_sizes[t],
        largest_variant: ty
            .constructors
            .iter()
            .map(|&c| layout.ctor_sizes[c])
            .max()
            .unwrap_or(0),
        boxed_in_requests: layout.boxed_in_requests.contains(&t),
        attributes: item_attributes(options, &ty.name.to_string()),
    }
}

/// The plans of the functions: each one's struct, and its error enum when it has one (named
/// after the struct, unique among the error enums).
fn function_plans(
    model: &Model,
    options: &Options,
    spellings: &mut Spellings,
    layout: &Layout,
    names: &Names,
    errors: &ErrorFacts<'_>,
) -> Vec<FunctionPlan> {
    let mut taken = Taken::default();
    model
        .functions
        .iter()
        .enumerate()
        .map(|(f, item)| {
            let path = &names.functions[f];
            let documented = (errors.documented)(item);
            let error_enum = has_error_enum(item, !documented.is_empty()).then(|| {
                taken.claim(RustPath {
                    root: Root::Errors,
                    module: path.module.clone(),
                    name: format!("{}Error", path.name),
                })
            });
            let error_variants = if error_enum.is_some() {
                errors::plan_variants(documented)
            } else {
                Vec::new()
            };
            FunctionPlan {
                strukt: struct_plan(
                    options,
                    spellings,
                    item,
                    path,
                    &layout.functions[f],
                    &names.groups_fn[f],
                    (0, 0),
                ),
                error_enum,
                error_variants,
                documented_errors: documented.to_vec(),
            }
        })
        .collect()
}

/// The user's type for parameter `p` of `item` (the first matching pattern), if it can have
/// one.
fn user_type(options: &Options, item: &Item, p: usize) -> Option<String> {
    if options.field_types.is_empty() {
        return None;
    }
    match &item.params[p].kind {
        FieldKind::Value { ty, .. } if mappable(ty) => {}
        _ => return None,
    }
    let key = field_key(item, p);
    options
        .field_types
        .iter()
        .find(|(pattern, _)| matches(pattern, &key))
        .map(|(_, ty)| ty.clone())
}

fn field_attributes(options: &Options, item: &Item, p: usize) -> Vec<String> {
    if options.field_attributes.is_empty() {
        return Vec::new();
    }
    let key = field_key(item, p);
    options
        .field_attributes
        .iter()
        .filter(|(pattern, _)| matches(pattern, &key))
        .map(|(_, attr)| attr.clone())
        .collect()
}

fn item_attributes(options: &Options, tl_name: &str) -> Vec<String> {
    options
        .item_attributes
        .iter()
        .filter(|(pattern, _)| matches(pattern, tl_name))
        .map(|(_, attr)| attr.clone())
        .collect()
}

/// Problems with the options for `model`, one sentence each (what [`Plan::new`] refuses):
/// attributes, types or the runtime path that do not parse, patterns matching nothing,
/// fields whose type cannot be mapped.
pub(crate) fn check_options(model: &Model, options: &Options) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = syn::parse_str::<syn::Path>(&options.runtime) {
        problems.push(format!(
            "runtime path `{}` is not a Rust path: {e}",
            options.runtime
        ));
    }
    for attr in &options.type_attributes {
        if let Err(e) = check_attributes(attr) {
            problems.push(format!("type attribute `{attr}` is not an attribute: {e}"));
        }
    }
    if options.tdlib_json {
        problems.extend(tdlib_json_problems(model, options));
    }
    let items = || model.constructors.iter().chain(&model.functions);
    let fields = || {
        items().flat_map(|item| (0..item.params.len()).map(move |p| (item, p, field_key(item, p))))
    };
    for (pattern, attr) in &options.item_attributes {
        if let Err(e) = check_attributes(attr) {
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
    for (pattern, attr) in &options.field_attributes {
        if let Err(e) = check_attributes(attr) {
            problems.push(format!(
                "attribute `{attr}` for `{pattern}` is not an attribute: {e}"
            ));
        }
        if !fields().any(|(_, _, key)| matches(pattern, &key)) {
            problems.push(format!(
                "field attribute pattern `{pattern}` matches no field (write `constructor.field`)"
            ));
        }
    }
    for (pattern, ty) in &options.field_types {
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

/// The names chosen for every item of a model.
struct Names {
    ctors: Vec<RustPath>,
    types: Vec<RustPath>,
    functions: Vec<RustPath>,
    /// Variant name per constructor (in its type's enum).
    variants: Vec<String>,
    /// Group struct paths per constructor, keyed by member index.
    groups: Vec<BTreeMap<usize, RustPath>>,
    /// The same per function.
    groups_fn: Vec<BTreeMap<usize, RustPath>>,
}

fn item_path(
    spellings: &mut Spellings,
    root: Root,
    namespace: Option<&str>,
    name: &str,
) -> RustPath {
    RustPath {
        root,
        module: namespace.map(|ns| spellings.module_name(ns)),
        name: spellings.type_name(name),
    }
}

/// The name a struct or enum is made from: its TL name, and for a constructor or type of an
/// older layer (see [`crate::model::compat`]) that layer: `channel_layer166`.
fn base_name(name: &str, compat_layer: Option<i32>) -> String {
    match compat_layer {
        Some(layer) => layer_name(name, layer),
        None => name.to_owned(),
    }
}

impl Names {
    fn new(model: &Model, layout: &Layout, spellings: &mut Spellings) -> Self {
        let mut taken = Taken::default();
        let mut claim = |root, name: &Name, compat_layer| {
            let path = item_path(
                spellings,
                root,
                name.namespace.as_deref(),
                &base_name(&name.name, compat_layer),
            );
            taken.claim(path)
        };
        let ctors: Vec<RustPath> = model
            .constructors
            .iter()
            .map(|c| claim(Root::Types, &c.name, c.compat_layer))
            .collect();
        let types: Vec<RustPath> = model
            .types
            .iter()
            .map(|t| claim(Root::Enums, &t.name, t.compat_layer))
            .collect();
        let functions: Vec<RustPath> = model
            .functions
            .iter()
            .map(|f| claim(Root::Functions, &f.name, None))
            .collect();
        let mut group_names = |root: Root, paths: &[RustPath], shapes: &[Shape]| {
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
                                    name: format!("{}{}", owner.name, spellings.type_name(name)),
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
        let groups = group_names(Root::Types, &ctors, &layout.constructors);
        let groups_fn = group_names(Root::Functions, &functions, &layout.functions);

        let mut variants = vec![String::new(); model.constructors.len()];
        for ty in &model.types {
            let mut chosen: Vec<(CtorId, String)> = ty
                .constructors
                .iter()
                .map(|&c| {
                    let item = &model.constructors[c];
                    let variant = spellings.variant_name(&item.name.name, &ty.name.name);
                    // An older layer's own variant is the current one's name and its layer
                    // (`Photo::PhotoLayer20`, `User::DeletedLayer20`), except in a type brought
                    // back from that layer, which is named after it already.
                    match (item.compat_layer, ty.compat_layer) {
                        (Some(layer), None) => (c, format!("{variant}Layer{layer}")),
                        _ => (c, variant),
                    }
                })
                .collect();
            // Two constructors stripped to the same name keep their full names.
            let mut counts: HashMap<String, usize> = HashMap::new();
            for (_, v) in &chosen {
                *counts.entry(v.clone()).or_default() += 1;
            }
            for (c, v) in &mut chosen {
                if counts[v.as_str()] > 1 {
                    let item = &model.constructors[*c];
                    *v = spellings.type_name(&base_name(&item.name.name, item.compat_layer));
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
struct Taken(BTreeSet<RustPath>);

impl Taken {
    fn contains(&self, path: &RustPath) -> bool {
        self.0.contains(path)
    }

    /// Takes the name, or the name with `_` appended until it is free.
    fn claim(&mut self, mut path: RustPath) -> RustPath {
        while !self.0.insert(path.clone()) {
            path.name.push('_');
        }
        path
    }
}
