//! TDLib's JSON form of the structs and enums ([`Config::tdlib_json`](crate::Config::tdlib_json)):
//! `ToJson` and `FromJson` impls in place of the TL binary ones, and `tdjson::Function` in
//! place of `RemoteCall`. The runtime's `tdjson` module does the JSON itself; the impls say
//! which fields there are, under which keys, and which are `int53` (numbers, where an `i64`
//! is otherwise a string).

use super::printer::Printer;
use super::writer::{ident, Writer};
use crate::model::{CtorId, FieldKind, Item, Ty, TypeId};
use crate::plan::{Member, StructPlan};

/// The head of generated `read_fields`; `MAP` stands for the map's local name.
const READ_FIELDS: &str =
    "fn read_fields<'de, A: tdjson::MapAccess<'de>>(MAP: &mut A) -> Result<Self, A::Error> {";

impl Printer<'_> {
    /// `ToJson`, `FromJson` and `JsonObject` for constructor `c`'s struct `name`.
    pub(super) fn json_constructor(&self, w: &mut Writer, c: CtorId, name: &str) {
        let item = &self.model.constructors[c];
        let plan = &self.plan.constructors[c];
        w.blank();
        self.to_json(w, item, plan, name);
        w.blank();
        from_json(w, name, "tdjson::read_object(d)");
        w.blank();
        w.open(&format!("impl JsonObject for {name} {{"));
        self.read_fields(w, item, plan);
        w.close("}");
    }

    /// `ToJson` and `tdjson::Function` for function `f`'s struct `name`.
    pub(super) fn json_function(&self, w: &mut Writer, f: usize, name: &str) {
        let item = &self.model.functions[f];
        let plan = &self.plan.functions[f].strukt;
        w.blank();
        self.to_json(w, item, plan, name);
        w.blank();
        w.open(&format!("impl tdjson::Function for {name} {{"));
        w.assign("type Return =", &self.return_ty(item), ";");
        w.close("}");
    }

    /// The impls of enum `name` of type `t`, after its declaration: `tl_name`, `ToJson`,
    /// `FromJson`, `JsonEnum`.
    pub(super) fn json_enum(&self, w: &mut Writer, t: TypeId, name: &str) {
        let plan = &self.plan.types[t];
        let unknown = plan
            .unknown_variant
            .as_deref()
            .expect("the plan names the unknown variant with tdlib_json");
        let variants: Vec<(String, String)> = plan
            .variants
            .iter()
            .map(|v| {
                let tl = self.model.constructors[v.ctor].name.to_string();
                (ident(&v.name).into_owned(), tl)
            })
            .collect();

        w.blank();
        w.open(&format!("impl {name} {{"));
        w.line("/// The TL name of the variant held: its `@type`.");
        w.open("pub fn tl_name(&self) -> &str {");
        w.open("match self {");
        for (v, tl) in &variants {
            w.arm(&format!("Self::{v}(_)"), &format!("{tl:?}"));
        }
        w.arm(&format!("Self::{unknown}(x)"), "x.type_name()");
        w.close("}");
        w.close("}");
        w.close("}");

        w.blank();
        w.open(&format!("impl ToJson for {name} {{"));
        w.open("fn write_json(&self, out: &mut JsonWriter) {");
        w.open("match self {");
        for (v, _) in &variants {
            w.arm(&format!("Self::{v}(x)"), "x.write_json(out)");
        }
        w.arm(&format!("Self::{unknown}(x)"), "x.write_json(out)");
        w.close("}");
        w.close("}");
        w.close("}");

        w.blank();
        from_json(w, name, "tdjson::read_enum(d)");

        w.blank();
        w.open(&format!("impl JsonEnum for {name} {{"));
        w.open_fn(
            "fn read_variant<'de, A: tdjson::MapAccess<'de>>",
            &["name: &str".to_owned(), "map: &mut A".to_owned()],
            " -> Result<Option<Self>, A::Error>",
        );
        w.open("Ok(Some(match name {");
        for (variant, (v, tl)) in plan.variants.iter().zip(&variants) {
            let ctor = self.plan.constructors[variant.ctor].path.doc_path();
            let read = format!("{ctor}::read_fields(map)?");
            let read = if variant.boxed {
                format!("Self::{v}(Box::new({read}))")
            } else {
                format!("Self::{v}({read})")
            };
            w.arm(&format!("{tl:?}"), &read);
        }
        w.arm("_", "return Ok(None)");
        w.close("}))");
        w.close("}");
        w.blank();
        w.open("fn unknown(object: tdjson::UnknownObject) -> Self {");
        w.line_fmt(format_args!("Self::{unknown}(object)"));
        w.close("}");
        w.close("}");
    }

    /// `impl ToJson`: `@type`, then every field but the null ones.
    fn to_json(&self, w: &mut Writer, item: &Item, plan: &StructPlan, name: &str) {
        w.open(&format!("impl ToJson for {name} {{"));
        w.open("fn write_json(&self, out: &mut JsonWriter) {");
        w.line_fmt(format_args!("out.begin({:?});", item.name.to_string()));
        for (p, key, ty) in json_fields(item, plan) {
            let field = ident(&plan.param_names[p]);
            let call = match codec(ty) {
                Some(codec) => format!("field_with::<{codec}>"),
                None => "field".to_owned(),
            };
            w.expr_line(&format!("out.{call}({key:?}, &self.{field})"), ";");
        }
        w.line("out.end();");
        w.close("}");
        w.close("}");
    }

    /// `fn read_fields`: the fields in any order, unknown ones skipped, then the defaults of
    /// those absent (or an error for an absent object that may not be null).
    fn read_fields(&self, w: &mut Writer, item: &Item, plan: &StructPlan) {
        let fields = json_fields(item, plan);
        let taken = |n: &str| plan.param_names.iter().any(|p| p == n);
        let map = free_name("map", &taken);
        let key = free_name("field", &taken);
        w.open(&READ_FIELDS.replace("MAP", &map));
        for &(p, _, _) in &fields {
            w.line_fmt(format_args!(
                "let mut {} = None;",
                ident(&plan.param_names[p])
            ));
        }
        w.open(&format!(
            "while let Some({key}) = {map}.next_key::<tdjson::Key>()? {{"
        ));
        let skip = format!("tdjson::other_key::<_, Self>({map}, &{key})?");
        if fields.is_empty() {
            w.line_fmt(format_args!("{skip};"));
        } else {
            w.open(&format!("match &*{key} {{"));
            for &(p, tl_key, ty) in &fields {
                let local = ident(&plan.param_names[p]);
                let read = match codec(ty) {
                    Some(codec) => format!("tdjson::value_with::<_, {codec}>({map})?"),
                    None => format!("tdjson::value({map})?"),
                };
                w.arm(&format!("{tl_key:?}"), &format!("{local} = {read}"));
            }
            w.arm("_", &skip);
            w.close("}");
        }
        w.close("}");
        for &(p, tl_key, ty) in &fields {
            let local = ident(&plan.param_names[p]);
            let value = if has_default(ty) {
                format!("{local}.unwrap_or_default()")
            } else {
                format!("tdjson::required::<Self, _, _>({local}, {tl_key:?})?")
            };
            w.assign(&format!("let {local} ="), &value, ";");
        }
        self.construct(w, plan);
        w.close("}");
    }
}

/// `impl FromJson for name`, reading through `read` (the runtime's reader of a struct's or
/// an enum's object). Its `from_json` is the trait's provided one, written out: a
/// non-generic function makes the bindings crate compile each type's reader (so that crates
/// using the bindings reuse it).
fn from_json(w: &mut Writer, name: &str, read: &str) {
    w.open(&format!("impl FromJson for {name} {{"));
    w.open("fn from_json(json: &str) -> Result<Self, tdjson::JsonError> {");
    w.line("tdjson::from_str(json)");
    w.close("}");
    w.blank();
    w.open("fn read_json<'de, D: tdjson::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {");
    w.line(read);
    w.close("}");
    w.close("}");
}

/// The JSON fields of a struct: `(parameter, key, type)` of every plain member. (The plan's
/// check of `tdlib_json` rejects `#` words and conditional parameters, which TDLib's JSON
/// form does not have.)
fn json_fields<'i>(item: &'i Item, plan: &StructPlan) -> Vec<(usize, &'i str, &'i Ty)> {
    plan.members
        .iter()
        .filter_map(|m| match m.member {
            Member::Plain { param } => match &item.params[param].kind {
                FieldKind::Value { ty, .. } => Some((param, item.params[param].name.as_str(), ty)),
                FieldKind::Flags => None,
            },
            _ => None,
        })
        .collect()
}

/// The codec of a type holding an `int53` (written as a number, where `i64` is a string).
fn codec(ty: &Ty) -> Option<String> {
    match ty {
        Ty::Int53 => Some("Int53".to_owned()),
        Ty::Vector { elem, .. } => codec(elem).map(|c| format!("VecOf<{c}>")),
        _ => None,
    }
}

/// Whether an absent field reads as its type's default, as TDLib reads it: numbers, strings,
/// `bytes`, `Bool`, lists, and null objects; an object that may not be null has none.
fn has_default(ty: &Ty) -> bool {
    !matches!(ty, Ty::Boxed(_) | Ty::Bare(_))
}

/// `base`, or `base_`, ... : a local name no parameter has.
fn free_name(base: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let mut name = base.to_owned();
    while taken(&name) {
        name.push('_');
    }
    name
}
