//! The resolved schema: every type reference looked up, every flag condition tied to its
//! `#` parameter, constructors grouped under their boxed types. Language-neutral; the Rust
//! emitter works from this.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::schema::ast::{Category, Definition, Name, ParamType, SchemaFile, TypeExpr};

/// Index into [`Model::types`].
pub type TypeId = usize;
/// Index into [`Model::constructors`].
pub type CtorId = usize;

/// A parsed file with what diagnostics need to point into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// Its syntax tree.
    pub schema: SchemaFile,
}

/// All definitions of one or more schema files, resolved.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The `// LAYER N` of the first file that has one.
    pub layer: Option<i32>,
    /// Boxed types (`PhoneCall`, `messages.DhConfig`), sorted by name.
    pub types: Vec<TypeDef>,
    /// Constructors, sorted by name.
    pub constructors: Vec<Item>,
    /// Functions, sorted by name.
    pub functions: Vec<Item>,
    /// Constructors of `Bool`, mapped to Rust's `bool` rather than generated.
    pub bool_constructors: Vec<Item>,
}

/// A boxed type and its constructors.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// `messages.DhConfig`.
    pub name: Name,
    /// Its constructors, in name order.
    pub constructors: Vec<CtorId>,
}

/// A constructor or a function.
#[derive(Debug, Clone)]
pub struct Item {
    /// `phone.requestCall`.
    pub name: Name,
    /// The id used on the wire.
    pub id: u32,
    /// The type parameters' names (`X` of `{X:Type}`).
    pub type_params: Vec<String>,
    /// Parameters in wire order, `#` fields included.
    pub params: Vec<Field>,
    /// For constructors, the boxed type they build; for functions, what they return.
    pub result: Ty,
    /// The definition as the schema writes it (normalized spacing), for docs.
    pub definition: String,
    /// Comment lines above the definition in the schema.
    pub comments: Vec<String>,
    /// Where it was defined.
    pub file: PathBuf,
    /// 1-based line of the definition.
    pub line: usize,
}

impl Item {
    /// Whether this is a generic function (`{X:Type}`).
    pub fn is_generic(&self) -> bool {
        !self.type_params.is_empty()
    }
}

/// One parameter.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name in the schema.
    pub name: String,
    /// What it holds.
    pub kind: FieldKind,
}

/// A parameter's role.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// A `#` bit field, computed from the conditional fields when serializing.
    Flags,
    /// A value.
    Value {
        /// Its type.
        ty: Ty,
        /// Present only when bit `bit` of the `#` parameter at index `field` is set.
        condition: Option<FlagBit>,
    },
}

/// `flags.N?`, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlagBit {
    /// Index in [`Item::params`] of the `#` parameter.
    pub field: usize,
    /// Bit number.
    pub bit: u32,
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `int`.
    Int,
    /// `long`.
    Long,
    /// `double`.
    Double,
    /// `string`.
    String,
    /// `bytes`.
    Bytes,
    /// `int128`.
    Int128,
    /// `int256`.
    Int256,
    /// `Bool`.
    Bool,
    /// `true`: only meaningful as `flags.N?true`.
    True,
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector {
        /// Whether the vector id is written.
        boxed: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A boxed type (`InputUser`).
    Boxed(TypeId),
    /// A constructor used bare (`%Message`, `future_salt`).
    Bare(CtorId),
    /// `!X` / `X`: the type parameter of a generic function.
    Generic(String),
}

impl Model {
    /// The boxed type named `name`.
    pub fn type_by_name(&self, name: &str) -> Option<TypeId> {
        self.types.iter().position(|t| t.name.to_string() == name)
    }

    /// The constructor named `name`.
    pub fn constructor_by_name(&self, name: &str) -> Option<CtorId> {
        self.constructors
            .iter()
            .position(|c| c.name.to_string() == name)
    }

    /// The function named `name`.
    pub fn function_by_name(&self, name: &str) -> Option<usize> {
        self.functions
            .iter()
            .position(|c| c.name.to_string() == name)
    }
}

/// Builds the model from parsed files. All problems are returned together; the model is
/// usable only when none of them is an error.
pub fn resolve(files: &[SourceFile]) -> (Model, Vec<Diagnostic>) {
    Resolver::default().run(files)
}

struct Pending<'a> {
    def: &'a Definition,
    file: &'a SourceFile,
}

#[derive(Default)]
struct Resolver {
    diags: Vec<Diagnostic>,
}

const PRIMITIVES: &[(&str, Ty)] = &[
    ("int", Ty::Int),
    ("long", Ty::Long),
    ("double", Ty::Double),
    ("string", Ty::String),
    ("bytes", Ty::Bytes),
    ("int128", Ty::Int128),
    ("int256", Ty::Int256),
    ("true", Ty::True),
];

impl Resolver {
    fn error(&mut self, file: &SourceFile, offset: usize, message: String) {
        self.diags.push(Diagnostic::error_at(
            &file.path, &file.text, offset, message,
        ));
    }

    fn run(mut self, files: &[SourceFile]) -> (Model, Vec<Diagnostic>) {
        let mut model = Model {
            layer: files.iter().find_map(|f| f.schema.layer),
            ..Model::default()
        };

        // Pass 1: collect names, reject duplicates.
        let mut ctors: BTreeMap<String, Pending<'_>> = BTreeMap::new();
        let mut funcs: BTreeMap<String, Pending<'_>> = BTreeMap::new();
        let mut ids: HashMap<u32, String> = HashMap::new();
        for file in files {
            for def in &file.schema.definitions {
                if def.builtin || is_vector_builtin(def) {
                    continue;
                }
                let full = def.name.to_string();
                let (map, kind) = match def.category {
                    Category::Type => (&mut ctors, "constructor"),
                    Category::Function => (&mut funcs, "function"),
                };
                if let Some(first) = map.get(&full) {
                    let message = format!(
                        "{kind} `{full}` is defined twice (first at {})",
                        location(first.file, first.def.offset)
                    );
                    self.error(file, def.offset, message);
                    continue;
                }
                if let Some(other) = ids.get(&def.id) {
                    let message = format!(
                        "constructor id {:#010x} of `{full}` is already used by `{other}`",
                        def.id
                    );
                    self.error(file, def.offset, message);
                    continue;
                }
                ids.insert(def.id, full.clone());
                map.insert(full, Pending { def, file });
            }
        }

        // Boxed types: every result type of a constructor.
        let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, p) in &ctors {
            if !p.def.result.args.is_empty() {
                let message = format!(
                    "constructor `{name}` has a generic result type `{}`, which only built-ins may have",
                    p.def.result
                );
                self.error(p.file, p.def.result.offset, message);
                continue;
            }
            types
                .entry(p.def.result.name.to_string())
                .or_default()
                .push(name.clone());
        }
        let bool_ctors = types.remove("Bool").unwrap_or_default();
        let ctor_names: Vec<String> = ctors
            .keys()
            .filter(|n| !bool_ctors.contains(n))
            .cloned()
            .collect();
        let ctor_index: HashMap<&str, CtorId> = ctor_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let type_index: HashMap<&str, TypeId> = types
            .keys()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let lookup = Lookup {
            ctor_index: &ctor_index,
            type_index: &type_index,
            types: &types,
        };

        model.types = types
            .iter()
            .map(|(name, members)| TypeDef {
                name: Name::parse(name),
                constructors: members
                    .iter()
                    .filter_map(|m| ctor_index.get(m.as_str()).copied())
                    .collect(),
            })
            .collect();

        for name in &ctor_names {
            let p = &ctors[name];
            if let Some(item) = self.item(p, &lookup) {
                model.constructors.push(item);
            }
        }
        for name in &bool_ctors {
            if let Some(item) = self.item(&ctors[name], &lookup) {
                model.bool_constructors.push(item);
            }
        }
        for p in funcs.values() {
            if let Some(item) = self.item(p, &lookup) {
                model.functions.push(item);
            }
        }
        (model, self.diags)
    }

    fn item(&mut self, p: &Pending<'_>, lookup: &Lookup<'_>) -> Option<Item> {
        let def = p.def;
        let type_params: Vec<String> = def.type_params.iter().map(|t| t.name.clone()).collect();
        let mut params: Vec<Field> = Vec::with_capacity(def.params.len());
        let mut ok = true;
        for param in &def.params {
            if params.iter().any(|f| f.name == param.name) {
                let message = format!("parameter `{}` appears twice in `{}`", param.name, def.name);
                self.error(p.file, param.offset, message);
                ok = false;
                continue;
            }
            let kind = match &param.ty {
                ParamType::Flags => FieldKind::Flags,
                ParamType::Value { ty, condition } => {
                    let condition = match condition {
                        None => None,
                        Some(c) => {
                            let field = params.iter().position(|f| {
                                f.name == c.field && matches!(f.kind, FieldKind::Flags)
                            });
                            match field {
                                Some(field) => Some(FlagBit { field, bit: c.bit }),
                                None => {
                                    let message = format!(
                                        "`{}.{}?` refers to no earlier `{}:#` parameter",
                                        c.field, c.bit, c.field
                                    );
                                    self.error(p.file, param.offset, message);
                                    ok = false;
                                    continue;
                                }
                            }
                        }
                    };
                    let Some(ty) = self.ty(p.file, ty, &type_params, lookup) else {
                        ok = false;
                        continue;
                    };
                    FieldKind::Value { ty, condition }
                }
            };
            params.push(Field {
                name: param.name.clone(),
                kind,
            });
        }
        let result = match def.category {
            Category::Type => {
                let name = def.result.name.to_string();
                if name == "Bool" {
                    Ty::Bool
                } else {
                    Ty::Boxed(*lookup.type_index.get(name.as_str())?)
                }
            }
            Category::Function => {
                if def.result.args.is_empty() && type_params.contains(&def.result.name.name) {
                    Ty::Generic(def.result.name.name.clone())
                } else {
                    self.ty(p.file, &def.result, &type_params, lookup)?
                }
            }
        };
        let (line, _) = line_col(&p.file.text, def.offset);
        ok.then(|| Item {
            name: def.name.clone(),
            id: def.id,
            type_params,
            params,
            result,
            definition: def.to_string(),
            comments: def.comments.clone(),
            file: p.file.path.clone(),
            line,
        })
    }

    fn ty(
        &mut self,
        file: &SourceFile,
        ty: &TypeExpr,
        type_params: &[String],
        lookup: &Lookup<'_>,
    ) -> Option<Ty> {
        let name = ty.name.to_string();
        if ty.generic_ref || (ty.name.namespace.is_none() && type_params.contains(&name)) {
            if !type_params.contains(&name) {
                let message = format!("`!{name}` refers to no type parameter `{{{name}:Type}}`");
                self.error(file, ty.offset, message);
                return None;
            }
            return Some(Ty::Generic(name));
        }
        if name == "Vector" || name == "vector" {
            let [elem] = ty.args.as_slice() else {
                let message = format!("`{name}` takes exactly one type argument");
                self.error(file, ty.offset, message);
                return None;
            };
            let elem = self.ty(file, elem, type_params, lookup)?;
            return Some(Ty::Vector {
                boxed: name == "Vector",
                elem: Box::new(elem),
            });
        }
        if !ty.args.is_empty() {
            let message = format!("`{name}` takes no type arguments");
            self.error(file, ty.offset, message);
            return None;
        }
        if let Some((_, prim)) = PRIMITIVES.iter().find(|(n, _)| *n == name) {
            return Some(prim.clone());
        }
        if name == "Bool" {
            return Some(Ty::Bool);
        }
        if ty.bare {
            // `%T`: the only constructor of boxed type T, written without its id.
            let members = lookup.types.get(&name);
            return match members.map(Vec::as_slice) {
                Some([only]) => lookup.ctor_index.get(only.as_str()).map(|&c| Ty::Bare(c)),
                Some(_) => {
                    let message = format!("`%{name}`: a bare type needs exactly one constructor");
                    self.error(file, ty.offset, message);
                    None
                }
                None => {
                    let message = format!("unknown type `{name}`");
                    self.error(file, ty.offset, message);
                    None
                }
            };
        }
        if let Some(&t) = lookup.type_index.get(name.as_str()) {
            return Some(Ty::Boxed(t));
        }
        if let Some(&c) = lookup.ctor_index.get(name.as_str()) {
            return Some(Ty::Bare(c));
        }
        let message = format!("unknown type `{name}`");
        self.error(file, ty.offset, message);
        None
    }
}

struct Lookup<'a> {
    ctor_index: &'a HashMap<&'a str, CtorId>,
    type_index: &'a HashMap<&'a str, TypeId>,
    types: &'a BTreeMap<String, Vec<String>>,
}

fn is_vector_builtin(def: &Definition) -> bool {
    def.name.namespace.is_none() && def.name.name == "vector"
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, col)
}

fn location(file: &SourceFile, offset: usize) -> String {
    let (line, col) = line_col(&file.text, offset);
    format!("{}:{line}:{col}", file.path.display())
}
