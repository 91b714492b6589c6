//! From parsed files to the [`Model`]: every name looked up, every flag condition tied to its
//! `#` parameter, constructors grouped under their boxed types, and every problem reported
//! with its place.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::graph::Model;
use super::item::{
    layer_name, CtorId, Field, FieldKind, FlagBit, Item, ItemDoc, Ty, TypeDef, TypeId,
};
use super::nullable;
use crate::diagnostic::{too_many, Diagnostic, LineIndex, Severity, MAX_ERRORS};
use crate::schema::ast::{Category, Definition, Name, ParamType, SchemaFile, TypeExpr};
use crate::schema::doc_tags::parse_doc_tags;

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

/// Parses and resolves `(path, text)` schema files, failing the test on any error: the model
/// unit tests start from.
#[cfg(test)]
pub(crate) fn resolved_for_test(files: &[(&std::path::Path, &str)]) -> Model {
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|&(path, text)| {
            let (schema, diags) = crate::schema::parse_schema(path, text);
            assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
            SourceFile {
                path: path.to_path_buf(),
                text: text.to_owned(),
                schema,
            }
        })
        .collect();
    let (model, diags) = resolve(&sources);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    model
}

/// Builds the model from parsed files. All problems are returned together; the model is
/// usable only when none of them is an error.
pub fn resolve(files: &[SourceFile]) -> (Model, Vec<Diagnostic>) {
    Resolver::default().run(files)
}

struct Pending<'a> {
    def: &'a Definition,
    /// The definition's name, or for one superseded in a later `===N===` layer,
    /// `name_layerN`.
    name: Name,
    file: &'a SourceFile,
    /// The definition's 1-based line, from the file's line index (counting from the
    /// start of the file for each item was quadratic: seconds on the full layer).
    line: usize,
}

#[derive(Default)]
struct Resolver {
    diags: Vec<Diagnostic>,
    /// Errors found, including those beyond [`MAX_ERRORS`] that are not kept.
    errors: usize,
    lines: HashMap<PathBuf, LineIndex>,
    /// Names declared by built-in definitions (`object ? = Object;`) that have no Rust
    /// type, with where they were declared, for a clear error where they are used.
    unsupported_builtins: HashMap<String, String>,
}

/// Primitive type names and what they are on the wire: Telegram's, TDLib's sized integers
/// (`int53` and `int64` are both 8 bytes in binary TL, but differ in TDLib's JSON), and tonlib's `secureString` /
/// `secureBytes` (encoded as `string` / `bytes`; the generated fields are not zeroized).
const PRIMITIVES: &[(&str, Ty)] = &[
    ("int", Ty::Int),
    ("long", Ty::Long),
    ("double", Ty::Double),
    ("string", Ty::String),
    ("bytes", Ty::Bytes),
    ("int128", Ty::Int128),
    ("int256", Ty::Int256),
    ("true", Ty::True),
    ("int32", Ty::Int),
    ("int53", Ty::Int53),
    ("int64", Ty::Long),
    ("secureString", Ty::String),
    ("secureBytes", Ty::Bytes),
];

impl Resolver {
    /// The line index of `file`, made once per file (for lines in pass 1 and for messages).
    fn line_index(&mut self, file: &SourceFile) -> &LineIndex {
        if !self.lines.contains_key(&file.path) {
            self.lines
                .insert(file.path.clone(), LineIndex::new(&file.text));
        }
        &self.lines[&file.path]
    }

    fn error(&mut self, file: &SourceFile, offset: usize, message: String) {
        self.errors += 1;
        if self.errors > MAX_ERRORS {
            return;
        }
        let d = self.line_index(file).diagnostic(
            Severity::Error,
            &file.path,
            &file.text,
            offset,
            message,
        );
        self.diags.push(d);
    }

    fn warning(&mut self, file: &SourceFile, offset: usize, message: String) {
        let d = self.line_index(file).diagnostic(
            Severity::Warning,
            &file.path,
            &file.text,
            offset,
            message,
        );
        self.diags.push(d);
    }

    /// Whether `ty` names nothing: no type, constructor, primitive or built-in.
    fn is_unknown(&self, ty: &TypeExpr, lookup: &Lookup<'_>) -> bool {
        let name = ty.name.to_string();
        ty.args.is_empty()
            && !ty.bare
            && !ty.generic_ref
            && name != "Bool"
            && any_value(ty).is_none()
            && !PRIMITIVES.iter().any(|(p, _)| *p == name)
            && !lookup.type_index.contains_key(name.as_str())
            && !lookup.ctor_index.contains_key(name.as_str())
            && !lookup.types.contains_key(&name)
            && !self.unsupported_builtins.contains_key(&name)
    }

    fn run(mut self, files: &[SourceFile]) -> (Model, Vec<Diagnostic>) {
        let mut model = Model {
            layer: files.iter().find_map(|f| f.schema.layer),
            ..Model::default()
        };
        self.note_unsupported_builtins(files);
        // `True` used without `true#3fedd339 = True;` (TON-style schemas, tycho's proto.tl):
        // the constructor every TL schema means by it.
        let implied_true = implied_true(files);
        let (ctors, funcs) = self.collect_definitions(files, implied_true.as_ref());
        let mut types = self.boxed_types(&ctors);
        let bool_ctors = types.remove("Bool").unwrap_or_default();
        let ctor_names: Vec<String> = ctors
            .keys()
            .filter(|n| !bool_ctors.contains(n))
            .cloned()
            .collect();
        let ctor_index: HashMap<&str, CtorId> = ctor_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), CtorId(i)))
            .collect();
        let type_index: HashMap<&str, TypeId> = types
            .keys()
            .enumerate()
            .map(|(i, n)| (n.as_str(), TypeId(i)))
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
                compat_layer: None,
            })
            .collect();

        let mut origins = Vec::with_capacity(ctor_names.len());
        for name in &ctor_names {
            let p = &ctors[name];
            if let Some(mut item) = self.item(p, &lookup) {
                item.doc.type_description = p
                    .file
                    .schema
                    .type_docs
                    .get(&p.def.result.name.to_string())
                    .cloned();
                model.constructors.push(item);
                origins.push((p.file, p.def.offset));
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
        if self.errors == 0 {
            self.check_bare_cycles(&model, &origins);
        }
        if self.errors > MAX_ERRORS {
            let path = files.first().map(|f| f.path.clone()).unwrap_or_default();
            self.diags.push(too_many(&path, self.errors - MAX_ERRORS));
        }
        (model, self.diags)
    }

    /// Remembers where built-ins without a Rust type are declared (`object ? = Object;`), for
    /// a clear error where they are used.
    fn note_unsupported_builtins(&mut self, files: &[SourceFile]) {
        for file in files {
            for def in file.schema.definitions.iter().filter(|d| d.builtin) {
                for name in [&def.name, &def.result.name] {
                    let name = name.to_string();
                    if name != "vector"
                        && name != "Vector"
                        && !ANY_VALUE.contains(&name.as_str())
                        && !PRIMITIVES.iter().any(|(p, _)| *p == name)
                    {
                        self.unsupported_builtins
                            .entry(name)
                            .or_insert_with(|| location(file, def.offset));
                    }
                }
            }
        }
    }

    /// Pass 1: every constructor and function by name, duplicates rejected (or, redefined in
    /// a later `===N===` layer, the older one renamed `name_layerN`), ids unique.
    fn collect_definitions<'a>(
        &mut self,
        files: &'a [SourceFile],
        implied_true: Option<&'a (Definition, &'a SourceFile)>,
    ) -> (BTreeMap<String, Pending<'a>>, BTreeMap<String, Pending<'a>>) {
        let mut ctors: BTreeMap<String, Pending<'a>> = BTreeMap::new();
        let mut funcs: BTreeMap<String, Pending<'a>> = BTreeMap::new();
        let mut ids: HashMap<u32, String> = HashMap::new();
        if let Some((def, file)) = implied_true {
            ids.insert(def.id, "true".to_owned());
            ctors.insert(
                "true".to_owned(),
                Pending {
                    def,
                    name: def.name.clone(),
                    file,
                    line: self.line_index(file).line(def.offset),
                },
            );
        }
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
                    // pyrotgfork's main_api.tl repeats sys_msgs.tl's `ipPort` & co. word for
                    // word: harmless, so a warning rather than an error.
                    if first.def.id == def.id && first.def.to_string() == def.to_string() {
                        let message = format!(
                            "{kind} `{full}` is defined twice, identically (first at {}): the \
                             repetition is ignored",
                            location(first.file, first.def.offset)
                        );
                        self.warning(file, def.offset, message);
                        continue;
                    }
                    // The end-to-end schema redefines a constructor in a later `===N===`
                    // layer with a new id; the older one stays decodable as `name_layerN`.
                    let superseded = match (first.def.layer, def.layer) {
                        (Some(old), Some(new)) if old < new => Some(old),
                        _ => None,
                    };
                    let renamed = superseded.map(|old| Name {
                        namespace: def.name.namespace.clone(),
                        name: layer_name(&def.name.name, old),
                    });
                    match renamed {
                        Some(renamed) if !map.contains_key(&renamed.to_string()) => {
                            let mut older = map.remove(&full).expect("found above");
                            ids.insert(older.def.id, renamed.to_string());
                            older.name = renamed;
                            map.insert(older.name.to_string(), older);
                        }
                        _ => {
                            let message = format!(
                                "{kind} `{full}` is defined twice (first at {})",
                                location(first.file, first.def.offset)
                            );
                            self.error(file, def.offset, message);
                            continue;
                        }
                    }
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
                let line = self.line_index(file).line(def.offset);
                let name = def.name.clone();
                map.insert(
                    full,
                    Pending {
                        def,
                        name,
                        file,
                        line,
                    },
                );
            }
        }
        (ctors, funcs)
    }

    /// The boxed types: every result type of a constructor, with its constructors' names.
    fn boxed_types(
        &mut self,
        ctors: &BTreeMap<String, Pending<'_>>,
    ) -> BTreeMap<String, Vec<String>> {
        let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, p) in ctors {
            if !p.def.result.args.is_empty() {
                let message = format!(
                    "constructor `{name}` has a generic result type `{}`, which only built-ins may have",
                    p.def.result
                );
                self.error(p.file, p.def.result.offset, message);
                continue;
            }
            if any_value(&p.def.result).is_some() {
                // `gzip_packed#3072cfa1 packed_data:bytes = Object;`: a constructor of "any
                // value", not of a type of its own (no enum).
                continue;
            }
            types
                .entry(p.def.result.name.to_string())
                .or_default()
                .push(name.clone());
        }
        types
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
                } else if let Some(any) = any_value(&def.result) {
                    any
                } else {
                    Ty::Boxed(*lookup.type_index.get(name.as_str())?)
                }
            }
            Category::Function => {
                if def.result.args.is_empty() && type_params.contains(&def.result.name.name) {
                    Ty::Generic(def.result.name.name.clone())
                } else if self.is_unknown(&def.result, lookup) {
                    // A function returning a type that nothing builds (tycho-network's
                    // `overlay.exchangeRandomPublicEntries ... = overlay.PublicEntries;`): the
                    // answer is still a boxed value, so it is read as any value.
                    let message = format!(
                        "`{}` returns `{}`, which no constructor builds: its answer is read as \
                         any value (`Object`)",
                        def.name, def.result
                    );
                    self.warning(p.file, def.result.offset, message);
                    Ty::Object
                } else {
                    self.ty(p.file, &def.result, &type_params, lookup)?
                }
            }
        };
        if !ok {
            return None;
        }
        let doc = item_doc(def, &params);
        nullable::mark(&mut params, &doc);
        let item = Item {
            name: p.name.clone(),
            id: def.id,
            type_params,
            params,
            result,
            definition: def.to_string(),
            comments: def.comments.clone(),
            doc,
            file: p.file.path.clone(),
            line: p.line,
            compat_layer: None,
        };
        for i in item.undelimited_objects() {
            let message = format!(
                "`{}.{}` holds an `Object` that is neither the last parameter nor preceded by \
                 its length (`bytes:int`): nothing says where it ends, so it is read to the end \
                 of the input and what follows it cannot be read",
                item.name, item.params[i].name
            );
            self.warning(p.file, def.params[i].offset, message);
        }
        Some(item)
    }

    /// Rejects constructors that contain themselves through bare types only (`a x:%A = A;`,
    /// `node children:vector<node> = Node;`): reading such a value never passes through a
    /// boxed type, where nesting depth is counted, so hostile input could nest it without
    /// limit (or, with no way to end, any input would).
    fn check_bare_cycles(&mut self, model: &Model, origins: &[(&SourceFile, usize)]) {
        fn bare_refs(ty: &Ty, out: &mut Vec<CtorId>) {
            match ty {
                Ty::Bare(c) => out.push(*c),
                Ty::Vector { elem, .. } | Ty::Nullable(elem) => bare_refs(elem, out),
                _ => {}
            }
        }
        let edges: Vec<Vec<CtorId>> = model
            .constructors
            .iter()
            .map(|c| {
                let mut out = Vec::new();
                for f in &c.params {
                    if let FieldKind::Value { ty, .. } = &f.kind {
                        bare_refs(ty, &mut out);
                    }
                }
                out
            })
            .collect();
        // Iterative depth-first search with colours: 0 new, 1 on the stack, 2 done.
        let mut colour = vec![0u8; edges.len()];
        for start in 0..edges.len() {
            if colour[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            colour[start] = 1;
            while let Some((node, next)) = stack.last_mut() {
                let node = *node;
                if let Some(&CtorId(to)) = edges[node].get(*next) {
                    *next += 1;
                    match colour[to] {
                        0 => {
                            colour[to] = 1;
                            stack.push((to, 0));
                        }
                        1 => {
                            let item = &model.constructors[to];
                            let (file, offset) = origins[to];
                            let message = format!(
                                "`{}` contains itself through bare types only (`%T` or a \
                                 constructor name used as a type); such values would nest \
                                 without any boxed type to bound the depth: use the boxed type",
                                item.name
                            );
                            self.error(file, offset, message);
                        }
                        _ => {}
                    }
                } else {
                    colour[node] = 2;
                    stack.pop();
                }
            }
        }
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
        if let Some(any) = any_value(ty) {
            return Some(any);
        }
        if let Some(&c) = lookup.ctor_index.get(name.as_str()) {
            return Some(Ty::Bare(c));
        }
        let message = match self.unsupported_builtins.get(&name) {
            Some(declared) => format!(
                "`{name}` (a built-in declared at {declared}) is not supported: it stands for \
                 a value of any TL type, and tl-codegen generates only concrete types"
            ),
            None => format!("unknown type `{name}`"),
        };
        self.error(file, ty.offset, message);
        None
    }
}

/// The `//@` documentation of a definition, matched to its parameters.
/// TDLib documents a parameter named `description` as `@param_description`, so both forms
/// are tags.
fn item_doc(def: &Definition, params: &[Field]) -> ItemDoc {
    let is_tag = |t: &str| {
        t == "description"
            || params
                .iter()
                .any(|p| p.name == t || t.strip_prefix("param_") == Some(p.name.as_str()))
    };
    let Some(tags) = parse_doc_tags(&def.comments, is_tag) else {
        return ItemDoc::default();
    };
    ItemDoc {
        description: tags.get("description").map(str::to_owned),
        params: params
            .iter()
            .map(|p| {
                let param_tag = format!("param_{}", p.name);
                tags.get(&param_tag)
                    .or_else(|| {
                        (p.name != "description")
                            .then(|| tags.get(&p.name))
                            .flatten()
                    })
                    .map(str::to_owned)
            })
            .collect(),
        type_description: None,
    }
}

struct Lookup<'a> {
    ctor_index: &'a HashMap<&'a str, CtorId>,
    type_index: &'a HashMap<&'a str, TypeId>,
    types: &'a BTreeMap<String, Vec<String>>,
}

/// The names of "any value" (`Object`, and TON's `object ? = Object;` and
/// `function ? = Function;`).
const ANY_VALUE: &[&str] = &["Object", "object", "Function", "function"];

/// `Ty::Object` or `Ty::Function` when `ty` names any value or any function.
fn any_value(ty: &TypeExpr) -> Option<Ty> {
    if ty.name.namespace.is_some() || !ty.args.is_empty() || ty.generic_ref {
        return None;
    }
    match ty.name.name.as_str() {
        "Object" | "object" => Some(Ty::Object),
        "Function" | "function" => Some(Ty::Function),
        _ => None,
    }
}

/// The id of `true = True;`, which Telegram's schema writes as `true#3fedd339 = True;`.
pub const TRUE_ID: u32 = 0x3fed_d339;

/// When some definition uses the type `True` (a parameter, or a function's result) and no
/// constructor builds it: the definition `true#3fedd339 = True;`, placed at the first use
/// (for locations), with that use's file.
fn implied_true(files: &[SourceFile]) -> Option<(Definition, &SourceFile)> {
    fn is_true(ty: &TypeExpr) -> bool {
        ty.name.namespace.is_none() && ty.name.name == "True"
    }
    fn uses_true(ty: &TypeExpr) -> Option<usize> {
        if is_true(ty) {
            return Some(ty.offset);
        }
        ty.args.iter().find_map(uses_true)
    }
    let defs = || {
        files
            .iter()
            .flat_map(|f| f.schema.definitions.iter().map(move |d| (d, f)))
    };
    // A constructor of `True`, or one named `true` (which the implied one would collide with).
    let declared = defs().any(|(d, _)| {
        d.category == Category::Type && !d.builtin && (is_true(&d.result) || d.name == *"true")
    });
    if declared {
        return None;
    }
    let (offset, file) = defs().find_map(|(d, f)| {
        let result = match d.category {
            Category::Function => uses_true(&d.result),
            Category::Type => None,
        };
        let param = d.params.iter().find_map(|p| match &p.ty {
            ParamType::Value { ty, .. } => uses_true(ty),
            ParamType::Flags => None,
        });
        param.or(result).map(|offset| (offset, f))
    })?;
    let result = TypeExpr {
        name: Name::parse("True"),
        bare: false,
        generic_ref: false,
        args: Vec::new(),
        offset,
    };
    let def = Definition {
        name: Name::parse("true"),
        explicit_id: Some(TRUE_ID),
        id: TRUE_ID,
        computed_id: TRUE_ID,
        type_params: Vec::new(),
        params: Vec::new(),
        result,
        category: Category::Type,
        builtin: false,
        offset,
        comments: vec!["Implied: the schema uses `True` without declaring it.".to_owned()],
        layer: None,
    };
    Some((def, file))
}

fn is_vector_builtin(def: &Definition) -> bool {
    def.name.namespace.is_none() && def.name.name == "vector"
}

/// `path:line:column` of `offset` in `file`, for messages that name a second place (the
/// first definition of a name defined twice).
fn location(file: &SourceFile, offset: usize) -> String {
    let (line, col) = LineIndex::new(&file.text).line_col(&file.text, offset);
    format!("{}:{line}:{col}", file.path.display())
}
