//! What every printer of one run shares: the plan, the docs, the text made once from the
//! plan's source text (runtime path, derives), and the Rust types of TL types as code writes
//! them.

use super::DocProvider;
use crate::model::{FieldKind, Item, Model, Ty};
use crate::plan::{Member, Plan, StructPlan, USER_TYPE};

/// The printers of one run: the item printers are its methods (in `constructor`,
/// `enumeration`, `function`, `root` and `errors`).
pub struct Printer<'a> {
    /// The model printed.
    pub model: &'a Model,
    /// Every name, path and layout decision.
    pub plan: &'a Plan,
    /// Where the docs come from.
    pub docs: &'a dyn DocProvider,
    /// The runtime crate's path, as code writes it (`::tl_runtime`).
    pub rt: String,
    /// The same without a leading `::`, for rustdoc links.
    pub rt_doc: String,
    /// The derive and attribute lines of every generated struct and enum.
    pub derives: Vec<String>,
}

impl<'a> Printer<'a> {
    /// A printer of `plan`'s items, documented by `docs`.
    pub fn new(model: &'a Model, plan: &'a Plan, docs: &'a dyn DocProvider) -> Self {
        let mut derives = vec![if plan.partial_eq {
            "#[derive(Debug, Clone, PartialEq)]".to_owned()
        } else {
            "#[derive(Debug, Clone)]".to_owned()
        }];
        if plan.serde {
            derives.push(
                "#[cfg_attr(feature = \"serde\", derive(serde::Serialize, serde::Deserialize))]"
                    .to_owned(),
            );
        }
        if plan.arbitrary {
            derives.push(
                "#[cfg_attr(feature = \"arbitrary\", derive(arbitrary::Arbitrary))]".to_owned(),
            );
        }
        derives.extend(plan.type_attributes.iter().cloned());
        // A path has no spaces in rustfmt's layout, whatever the user wrote.
        let rt: String = plan.runtime.split_whitespace().collect();
        Self {
            model,
            plan,
            docs,
            rt_doc: rt.trim_start_matches("::").to_owned(),
            rt,
            derives,
        }
    }

    /// The Rust type of a TL type, as the generated code writes it (`Vec<enums::Peer>`).
    pub fn rust_ty(&self, ty: &Ty) -> String {
        match ty {
            Ty::Int => "i32".into(),
            Ty::Long | Ty::Int53 => "i64".into(),
            Ty::Double => "f64".into(),
            Ty::String => "TlString".into(),
            Ty::Bytes => "Bytes".into(),
            Ty::Int128 => "[u8; 16]".into(),
            Ty::Int256 => "[u8; 32]".into(),
            Ty::Bool | Ty::True => "bool".into(),
            Ty::Vector { elem, .. } => format!("Vec<{}>", self.rust_ty(elem)),
            Ty::Boxed(t) => self.plan.types[*t].path.doc_path(),
            Ty::Bare(c) => self.plan.constructors[*c].path.doc_path(),
            Ty::Generic(x) => x.clone(),
            Ty::Object | Ty::Function => format!("{}::wire::RawObject", self.rt),
            Ty::Nullable(inner) => format!("Option<{}>", self.rust_ty(inner)),
        }
    }

    /// The Rust type of parameter `p` as a field declares it (a field of the struct, or of its
    /// flag group's struct, unless it is optional): the value's type, `Box` included.
    pub fn param_ty(&self, item: &Item, plan: &StructPlan, p: usize) -> String {
        if !plan.boxed_params.contains(&p) {
            return self.param_value_ty(item, plan, p);
        }
        match (&item.params[p].kind, &plan.user_types[p]) {
            // The box goes inside the `Option`: `None` then allocates nothing.
            (
                FieldKind::Value {
                    ty: Ty::Nullable(inner),
                    ..
                },
                None,
            ) => {
                format!("Option<Box<{}>>", self.rust_ty(inner))
            }
            _ => format!("Box<{}>", self.param_value_ty(item, plan, p)),
        }
    }

    /// The Rust type of parameter `p`'s value, without the `Box` the layout may put it in
    /// (what `new` takes for it).
    pub fn param_value_ty(&self, item: &Item, plan: &StructPlan, p: usize) -> String {
        let FieldKind::Value { ty, .. } = &item.params[p].kind else {
            return "u32".into();
        };
        match &plan.user_types[p] {
            Some(user) => user.clone(),
            None => self.rust_ty(ty),
        }
    }

    /// The Rust type of member `m` of the struct, as its field declares it: `bool` for a
    /// flag, `Option<_>` for an optional parameter or a flag group (of the group's struct).
    pub fn member_ty(&self, item: &Item, plan: &StructPlan, m: usize) -> String {
        let member = &plan.members[m];
        match &member.member {
            Member::Plain { param } => self.param_ty(item, plan, *param),
            Member::Flag { .. } => "bool".into(),
            Member::Optional { param, .. } => {
                format!("Option<{}>", self.param_ty(item, plan, *param))
            }
            Member::Group { .. } => format!(
                "Option<{}>",
                member
                    .group
                    .as_ref()
                    .expect("the plan names every group")
                    .doc_path()
            ),
        }
    }

    /// The `RemoteCall::Return` of function `item`: its result's Rust type, or `X::Return`
    /// for a generic function returning its query's.
    pub fn return_ty(&self, item: &Item) -> String {
        match &item.result {
            Ty::Generic(x) => format!("{x}::Return"),
            other => self.rust_ty(other),
        }
    }

    /// A type as rustdoc text with links to generated items (`Vec<[enums::User]>`).
    pub(super) fn doc_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Boxed(t) => format!("[`{}`]", self.plan.types[*t].path.doc_path()),
            Ty::Bare(c) => format!("[`{}`]", self.plan.constructors[*c].path.doc_path()),
            Ty::Vector { elem, .. } => format!("`Vec` of {}", self.doc_type(elem)),
            Ty::Nullable(inner) => format!("`Option` of {}", self.doc_type(inner)),
            Ty::Generic(x) => format!("the return type of `{x}`"),
            Ty::Object | Ty::Function => format!(
                "[`RawObject`]({}::wire::RawObject), the bytes of a value for the caller to decode",
                self.rt_doc
            ),
            other => format!("`{}`", self.rust_ty(other)),
        }
    }

    /// The derives and the user's attributes of a struct or enum, one per line.
    pub(super) fn item_attributes<'s>(
        &'s self,
        attributes: &'s [String],
    ) -> impl Iterator<Item = &'s str> {
        self.derives.iter().chain(attributes).map(String::as_str)
    }
}

/// `item` with the TL type of every user-typed field replaced by an opaque type that is
/// written and read through its `Serialize`/`Deserialize` impls (as a generic parameter is),
/// or `None` when no field of `item` has a user type.
pub(super) fn with_user_types(item: &Item, plan: &StructPlan) -> Option<Item> {
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

/// On every function of the bindings that is not generic: rustc then compiles each where it
/// is used (in the application, and only those it uses) instead of compiling all of them in
/// the bindings crate (a clean `cargo build` of the full layer's bindings 17.3 s -> 13.5 s,
/// release 41.9 s -> 16.4 s; `BENCHMARKS.md`).
pub(super) const INLINE: &str = "#[inline]";

/// `0x42ff96ed`: an id as the schema's `#` suffix reads.
pub(super) fn hex(id: u32) -> String {
    format!("0x{id:08x}")
}
