//! Constructors of older layers still decode with the current bindings and compatibility
//! sources (`Config::compat_schema`), checked against Telegram's real history.
//!
//! The older schemas are the `api.tl` files of eleven layers (146 to 229) as crates.io
//! packages ship them (grammers-tl-types 0.4-0.10, layer-tl-types, ferogram-tl-types),
//! fetched with `cargo metadata` into cargo's registry cache. The bundled layer 230 is
//! generated with all eleven as compatibility sources. For every older constructor the
//! generator took (read into the current struct, or a variant of its own), this test builds
//! a value with its own encoder, written here from the old schema (not the generated code):
//! once with every optional parameter present and once with none, each field a distinct
//! value. A scratch program over the generated bindings decodes each through its boxed type
//! and writes it back; the test reads what came back with its own decoder, from the model of
//! what was generated, and checks that every field the old value carried arrived intact, that
//! what it lacked is empty, and that a value read into the current struct is written back as
//! the current constructor (one of its own as itself, byte for byte).
//!
//! Without the registry (offline) the test skips with a message, unless `TL_REQUIRE_SHARED=1`
//! is set, as in CI.

use crate::common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_workspace_lock, registry_packages, skip_or_fail, write_if_changed};
use tl_codegen::model::{resolve, CtorId, Fate, FieldKind, Item, Model, SourceFile, Ty, TypeId};
use tl_codegen::schema::parse_schema;

/// `(package, version, layer)` of each older `api.tl`.
pub(crate) const LAYERS: &[(&str, &str, i32)] = &[
    ("grammers-tl-types", "0.4.0", 146),
    ("grammers-tl-types", "0.5.1", 166),
    ("grammers-tl-types", "0.6.0", 179),
    ("grammers-tl-types", "0.7.0", 186),
    ("grammers-tl-types", "0.8.0", 216),
    ("grammers-tl-types", "0.9.0", 222),
    ("layer-tl-types", "0.2.2", 223),
    ("layer-tl-types", "0.5.0", 224),
    ("ferogram-tl-types", "0.3.9", 225),
    ("grammers-tl-types", "0.10.0", 227),
    ("ferogram-tl-types", "0.6.6", 229),
];

const VECTOR_ID: u32 = 0x1cb5c415;
const BOOL_TRUE: u32 = 0x997275b5;
const BOOL_FALSE: u32 = 0xbc799737;

const CARGO_TOML: &str = r#"[package]
name = "tl-compat-history"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
tl-runtime = { path = "@ROOT@/tl-runtime", default-features = false }

[profile.dev]
debug = 0
"#;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub(crate) fn load(path: &Path) -> Model {
    let text = std::fs::read_to_string(path).unwrap();
    let (schema, mut diags) = parse_schema(path, &text);
    let file = SourceFile {
        path: path.to_path_buf(),
        text,
        schema,
    };
    let (model, d) = resolve(std::slice::from_ref(&file));
    diags.extend(d);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "{}: {diags:?}",
        path.display()
    );
    model
}

/// A value as this test's encoder and decoder see it.
#[derive(Debug, Clone, PartialEq)]
enum V {
    Int(i32),
    Long(i64),
    Double(u64),
    Str(Vec<u8>),
    Arr(Vec<u8>),
    Bool(bool),
    True,
    Vector(Vec<V>),
    Obj {
        name: String,
        id: u32,
        fields: Vec<(String, Option<V>)>,
    },
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    if b.len() < 254 {
        out.push(b.len() as u8);
    } else {
        out.push(254);
        out.extend_from_slice(&(b.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(b);
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

/// Builds and encodes values of an older schema, choosing for each nested boxed value the
/// cheapest constructor the current bindings know.
struct Encoder<'a> {
    old: &'a Model,
    /// Per old constructor: the nesting it needs at least (`None`: unknown to the bindings,
    /// or needs such a one).
    cost: Vec<Option<u32>>,
    /// Ids the bindings read as themselves (current, or a variant of their own).
    exact: &'a HashSet<u32>,
    counter: u32,
    /// Whether a nested value was one read into a current struct (so the bytes written back
    /// differ).
    nested_mapped: bool,
}

impl<'a> Encoder<'a> {
    fn new(old: &'a Model, known: &HashSet<u32>, exact: &'a HashSet<u32>) -> Self {
        let n = old.constructors.len();
        let mut cost: Vec<Option<u32>> = vec![None; n];
        let mut type_cost: Vec<Option<u32>> = vec![None; old.types.len()];
        // Fixed point: a constructor costs one more than the unconditional values it needs
        // (vectors can be empty).
        loop {
            let mut changed = false;
            for c in 0..n {
                let item = &old.constructors[c];
                if !known.contains(&item.id) {
                    continue;
                }
                let mut total = Some(1u32);
                for f in &item.params {
                    if let FieldKind::Value {
                        ty,
                        condition: None,
                    } = &f.kind
                    {
                        let need = match ty {
                            Ty::Boxed(t) => type_cost[*t],
                            Ty::Bare(b) => cost[*b],
                            _ => Some(0),
                        };
                        total = total.zip(need).map(|(a, b)| a + b);
                    }
                }
                if total.is_some() && (cost[c].is_none() || total < cost[c]) {
                    cost[c] = total;
                    changed = true;
                }
                if let (Some(cc), Ty::Boxed(t)) = (cost[c], &item.result) {
                    if type_cost[*t].is_none_or(|tc| cc < tc) {
                        type_cost[*t] = Some(cc);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        Self {
            old,
            cost,
            exact,
            counter: 0,
            nested_mapped: false,
        }
    }

    fn next(&mut self) -> u32 {
        self.counter += 1;
        self.counter
    }

    /// The cheapest known constructor of old type `t`, preferring those read as themselves.
    fn pick(&self, t: TypeId) -> Option<CtorId> {
        self.old.types[t]
            .constructors
            .iter()
            .copied()
            .filter(|&c| self.cost[c].is_some())
            .min_by_key(|&c| {
                let item = &self.old.constructors[c];
                (
                    self.cost[c],
                    !self.exact.contains(&item.id),
                    item.params.len(),
                )
            })
    }

    fn value(&mut self, ty: &Ty, depth: usize, out: &mut Vec<u8>) -> Result<V, String> {
        Ok(match ty {
            Ty::Int => {
                let v = self.next() as i32;
                out.extend(v.to_le_bytes());
                V::Int(v)
            }
            Ty::Long | Ty::Int53 => {
                let v = 1_000_000_007_i64 * i64::from(self.next());
                out.extend(v.to_le_bytes());
                V::Long(v)
            }
            Ty::Double => {
                let v = (f64::from(self.next()) + 0.5).to_bits();
                out.extend(v.to_le_bytes());
                V::Double(v)
            }
            Ty::String | Ty::Bytes => {
                let v = format!("value {}", self.next()).into_bytes();
                put_bytes(out, &v);
                V::Str(v)
            }
            Ty::Int128 | Ty::Int256 => {
                let len = if *ty == Ty::Int128 { 16 } else { 32 };
                let n = self.next();
                let v: Vec<u8> = (0..len).map(|i| (n as u8).wrapping_add(i)).collect();
                out.extend(&v);
                V::Arr(v)
            }
            Ty::Bool => {
                let v = self.next().is_multiple_of(2);
                out.extend(if v { BOOL_TRUE } else { BOOL_FALSE }.to_le_bytes());
                V::Bool(v)
            }
            Ty::True => V::True,
            Ty::Vector { boxed, elem } => {
                if *boxed {
                    out.extend(VECTOR_ID.to_le_bytes());
                }
                let count = if depth < 2 { 2 } else { 0 };
                out.extend((count as u32).to_le_bytes());
                let mut items = Vec::new();
                for _ in 0..count {
                    items.push(self.value(elem, depth + 1, out)?);
                }
                V::Vector(items)
            }
            Ty::Boxed(t) => {
                let c = self.pick(*t).ok_or_else(|| {
                    format!("no known constructor of `{}`", self.old.types[*t].name)
                })?;
                let id = self.old.constructors[c].id;
                if !self.exact.contains(&id) {
                    self.nested_mapped = true;
                }
                out.extend(id.to_le_bytes());
                self.object(c, depth + 1, false, out)?
            }
            Ty::Bare(c) => self.object(*c, depth + 1, false, out)?,
            other => return Err(format!("cannot build a `{other:?}`")),
        })
    }

    /// Constructor `c`'s fields (no id), every optional one present when `fill`.
    fn object(
        &mut self,
        c: CtorId,
        depth: usize,
        fill: bool,
        out: &mut Vec<u8>,
    ) -> Result<V, String> {
        let item: &Item = &self.old.constructors[c];
        let mut fields = Vec::new();
        for (p, f) in item.params.iter().enumerate() {
            match &f.kind {
                FieldKind::Flags => {
                    let bits = item
                        .params
                        .iter()
                        .filter_map(|g| match &g.kind {
                            FieldKind::Value {
                                condition: Some(b), ..
                            } if b.field == p && fill => Some(1u32 << b.bit),
                            _ => None,
                        })
                        .fold(0, |a, b| a | b);
                    out.extend(bits.to_le_bytes());
                }
                FieldKind::Value { ty, condition } => {
                    let v = if condition.is_none() || fill {
                        Some(self.value(ty, depth, out)?)
                    } else {
                        None
                    };
                    fields.push((f.name.clone(), v));
                }
            }
        }
        Ok(V::Obj {
            name: item.name.to_string(),
            id: item.id,
            fields,
        })
    }
}

/// Reads what the bindings wrote, from the model they were generated from.
struct Decoder<'a> {
    model: &'a Model,
    by_id: HashMap<u32, CtorId>,
}

impl Decoder<'_> {
    fn u32(input: &mut &[u8]) -> Result<u32, String> {
        let (head, rest) = input.split_first_chunk::<4>().ok_or("short input")?;
        *input = rest;
        Ok(u32::from_le_bytes(*head))
    }

    fn take(input: &mut &[u8], n: usize) -> Result<Vec<u8>, String> {
        if input.len() < n {
            return Err("short input".into());
        }
        let (head, rest) = input.split_at(n);
        *input = rest;
        Ok(head.to_vec())
    }

    fn value(&self, ty: &Ty, input: &mut &[u8]) -> Result<V, String> {
        Ok(match ty {
            Ty::Int => V::Int(Self::u32(input)? as i32),
            Ty::Long | Ty::Int53 => V::Long(i64::from_le_bytes(
                Self::take(input, 8)?.try_into().unwrap(),
            )),
            Ty::Double => V::Double(u64::from_le_bytes(
                Self::take(input, 8)?.try_into().unwrap(),
            )),
            Ty::String | Ty::Bytes => {
                let first = Self::take(input, 1)?[0] as usize;
                let (len, head) = if first < 254 {
                    (first, 1)
                } else {
                    let l = Self::take(input, 3)?;
                    (
                        l[0] as usize | (l[1] as usize) << 8 | (l[2] as usize) << 16,
                        4,
                    )
                };
                let v = Self::take(input, len)?;
                Self::take(input, (4 - (head + len) % 4) % 4)?;
                V::Str(v)
            }
            Ty::Int128 => V::Arr(Self::take(input, 16)?),
            Ty::Int256 => V::Arr(Self::take(input, 32)?),
            Ty::Bool => match Self::u32(input)? {
                BOOL_TRUE => V::Bool(true),
                BOOL_FALSE => V::Bool(false),
                id => return Err(format!("Bool id {id:08x}")),
            },
            Ty::True => V::True,
            Ty::Vector { boxed, elem } => {
                if *boxed && Self::u32(input)? != VECTOR_ID {
                    return Err("vector id".into());
                }
                let n = Self::u32(input)?;
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(self.value(elem, input)?);
                }
                V::Vector(items)
            }
            Ty::Boxed(t) => {
                let id = Self::u32(input)?;
                let c = *self.by_id.get(&id).ok_or(format!("unknown id {id:08x}"))?;
                if self.model.constructors[c].result != Ty::Boxed(*t) {
                    return Err(format!("{id:08x} is not a `{}`", self.model.types[*t].name));
                }
                self.object(c, input)?
            }
            Ty::Bare(c) => self.object(*c, input)?,
            other => return Err(format!("cannot read a `{other:?}`")),
        })
    }

    fn object(&self, c: CtorId, input: &mut &[u8]) -> Result<V, String> {
        let item = &self.model.constructors[c];
        let mut words = HashMap::new();
        let mut fields = Vec::new();
        for (p, f) in item.params.iter().enumerate() {
            match &f.kind {
                FieldKind::Flags => {
                    words.insert(p, Self::u32(input)?);
                }
                FieldKind::Value { ty, condition } => {
                    let present = condition.is_none_or(|b| words[&b.field] & (1 << b.bit) != 0);
                    let v = if present {
                        Some(self.value(ty, input)?)
                    } else {
                        None
                    };
                    fields.push((f.name.clone(), v));
                }
            }
        }
        Ok(V::Obj {
            name: item.name.to_string(),
            id: item.id,
            fields,
        })
    }
}

/// Whether `new` (what came back) carries everything `old` (what was sent) did, and nothing
/// else: fields it lacked are absent, `false` or empty.
fn same(old: &V, new: &V, at: &str) -> Result<(), String> {
    match (old, new) {
        (
            V::Obj {
                name: a,
                fields: fa,
                ..
            },
            V::Obj {
                name: b,
                fields: fb,
                ..
            },
        ) => {
            if a != b {
                return Err(format!("{at}: `{a}` came back as `{b}`"));
            }
            for (name, value) in fa {
                let at = format!("{at}.{name}");
                let back = fb.iter().find(|(n, _)| n == name).map(|(_, v)| v);
                match (value, back) {
                    (None, None | Some(None)) => {}
                    (Some(v), Some(Some(w))) => same(v, w, &at)?,
                    (v, w) => return Err(format!("{at}: sent {v:?}, came back {w:?}")),
                }
            }
            for (name, value) in fb {
                if fa.iter().any(|(n, _)| n == name) {
                    continue;
                }
                match value {
                    None => {}
                    Some(V::Vector(items)) if items.is_empty() => {}
                    Some(v) => return Err(format!("{at}.{name}: not sent, came back {v:?}")),
                }
            }
            Ok(())
        }
        (V::Vector(a), V::Vector(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "{at}: {} elements came back as {}",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{at}: sent {a:?}, came back {b:?}")),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

const MAIN_RS: &str = r#"//! Reads `TYPE HEX` lines, decodes each value as its boxed type and prints it written back.

#[allow(dead_code, clippy::all)]
mod tl {
    include!("tl.rs");
}

use tl_runtime::wire::{Deserialize, Serialize};

fn round<T: Deserialize + Serialize>(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    T::from_bytes(bytes).map(|v| v.to_bytes()).map_err(|e| e.to_string())
}

fn main() {
    let input = std::fs::read_to_string(std::env::args().nth(1).expect("input file")).unwrap();
    for line in input.lines() {
        let (ty, hex) = line.split_once(' ').unwrap();
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        let out = dispatch(ty, bytes);
        match out {
            Ok(b) => println!("ok {}", b.iter().map(|b| format!("{b:02x}")).collect::<String>()),
            Err(e) => println!("err {e}"),
        }
    }
}
"#;

/// One value to decode.
struct Case {
    layer: i32,
    name: String,
    id: u32,
    mapped: bool,
    /// The current constructor's id, for one read into it.
    current_id: Option<u32>,
    rust_type: String,
    value: V,
    bytes: Vec<u8>,
    nested_mapped: bool,
}

/// The `api.tl` of each of [`LAYERS`], in cargo's registry cache (fetched into `base`).
pub(crate) fn older_layer_files(base: &Path) -> Result<Vec<PathBuf>, String> {
    let deps: String = LAYERS
        .iter()
        .map(|(name, version, layer)| {
            format!("l{layer} = {{ package = \"{name}\", version = \"={version}\", default-features = false }}\n")
        })
        .collect();
    let wanted: Vec<(&str, &str)> = LAYERS.iter().map(|&(n, v, _)| (n, v)).collect();
    let dirs = registry_packages(&base.join("fetch"), &deps, &wanted)?;
    Ok(dirs.iter().map(|d| d.join("tl/api.tl")).collect())
}

#[test]
fn older_layers_constructors_decode_into_the_current_bindings() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compat-history");
    let files = match older_layer_files(&base) {
        Ok(files) => files,
        Err(why) => return skip_or_fail(&format!("the older layers are not available: {why}")),
    };
    let old: BTreeMap<i32, Model> = LAYERS
        .iter()
        .zip(&files)
        .map(|(&(_, _, layer), path)| {
            let model = load(path);
            assert_eq!(model.layer, Some(layer), "{}", path.display());
            (layer, model)
        })
        .collect();

    let mut config = tl_codegen::Config::new()
        .cargo_output(false)
        .schema(root().join("schema/api.tl"));
    for f in &files {
        config = config.compat_schema(f);
    }
    let generated = config.generate_string().unwrap_or_else(|e| panic!("{e}"));
    let model = &generated.model;
    let compat = &model.compat;
    assert!(
        generated.summary().contains("compat: "),
        "{}",
        generated.summary()
    );

    // Ids the bindings read: as themselves, and (mapped) into a current struct.
    let exact: HashSet<u32> = model.constructors.iter().map(|c| c.id).collect();
    let mut known = exact.clone();
    known.extend(compat.readers.iter().map(|r| r.item.id));

    let mut cases = Vec::new();
    let mut unbuildable = Vec::new();
    for outcome in &compat.outcomes {
        let mapped = match outcome.fate {
            Fate::Mapped => true,
            Fate::Variant { .. } => false,
            Fate::Unusable { .. } => continue,
        };
        let old_model = &old[&outcome.layer];
        let c = old_model
            .constructors
            .iter()
            .position(|c| c.id == outcome.id)
            .map(CtorId)
            .expect("the outcome's constructor");
        let Ty::Boxed(t) = old_model.constructors[c].result else {
            panic!("{} builds no boxed type", outcome.name)
        };
        let type_name = old_model.types[t].name.to_string();
        let current_type = model
            .type_by_name(&type_name)
            .expect("its type is generated");
        let current_id = mapped
            .then(|| model.constructors[model.constructor_by_name(&outcome.name).unwrap()].id);
        for fill in [true, false] {
            let mut encoder = Encoder::new(old_model, &known, &exact);
            let mut bytes = outcome.id.to_le_bytes().to_vec();
            match encoder.object(c, 0, fill, &mut bytes) {
                Ok(value) => cases.push(Case {
                    layer: outcome.layer,
                    name: outcome.name.clone(),
                    id: outcome.id,
                    mapped,
                    current_id,
                    rust_type: generated.paths.types[current_type].clone(),
                    value,
                    bytes,
                    nested_mapped: encoder.nested_mapped,
                }),
                Err(why) => {
                    unbuildable.push(format!("{} (layer {}): {why}", outcome.name, outcome.layer))
                }
            }
        }
    }
    assert!(
        unbuildable.is_empty(),
        "values that could not be built:\n{}",
        unbuildable.join("\n")
    );

    // The scratch program.
    let dir = base.join("crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let root = root().canonicalize().unwrap();
    write_if_changed(
        &dir.join("Cargo.toml"),
        &CARGO_TOML.replace("@ROOT@", &root.display().to_string()),
    );
    copy_workspace_lock(&dir);
    write_if_changed(&dir.join("src/tl.rs"), &generated.code);
    let types: std::collections::BTreeSet<&str> =
        cases.iter().map(|c| c.rust_type.as_str()).collect();
    let mut main = MAIN_RS.to_owned();
    main.push_str(
        "\nfn dispatch(ty: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {\n    match ty {\n",
    );
    for ty in &types {
        let _ = writeln!(main, "        {ty:?} => round::<tl::{ty}>(bytes),");
    }
    main.push_str("        other => Err(format!(\"unknown type {other}\")),\n    }\n}\n");
    write_if_changed(&dir.join("src/main.rs"), &main);
    let input: String = cases
        .iter()
        .map(|c| format!("{} {}\n", c.rust_type, hex(&c.bytes)))
        .collect();
    std::fs::write(dir.join("input.txt"), input).unwrap();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "--quiet", "--", "input.txt"])
        .env("CARGO_TARGET_DIR", base.join("target"))
        .current_dir(&dir)
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let answers: Vec<&str> = stdout.lines().collect();
    assert_eq!(answers.len(), cases.len());

    // What came back.
    let decoder = Decoder {
        model,
        by_id: model
            .constructors
            .iter()
            .enumerate()
            .map(|(c, item)| (item.id, CtorId(c)))
            .collect(),
    };
    let mut failures = Vec::new();
    let mut per_layer: BTreeMap<i32, [usize; 2]> = BTreeMap::new();
    for (case, answer) in cases.iter().zip(answers) {
        let what = format!("{}#{:08x} (layer {})", case.name, case.id, case.layer);
        let Some(back) = answer.strip_prefix("ok ") else {
            failures.push(format!("{what}: {answer}"));
            continue;
        };
        let back = unhex(back);
        let id = u32::from_le_bytes(back[..4].try_into().unwrap());
        let expected_id = case.current_id.unwrap_or(case.id);
        if id != expected_id {
            failures.push(format!(
                "{what}: written back as {id:08x}, not {expected_id:08x}"
            ));
            continue;
        }
        if !case.mapped && !case.nested_mapped && back != case.bytes {
            failures.push(format!("{what}: written back differently"));
            continue;
        }
        let mut input = &back[..];
        let c = decoder.by_id[&id];
        let result = Decoder::u32(&mut input)
            .and_then(|_| decoder.object(c, &mut input))
            .and_then(|v| {
                if input.is_empty() {
                    same(&case.value, &v, &case.name)
                } else {
                    Err(format!("{} bytes left over", input.len()))
                }
            });
        match result {
            Ok(()) => per_layer.entry(case.layer).or_default()[usize::from(!case.mapped)] += 1,
            Err(e) => failures.push(format!("{what}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );

    // Counts per layer (each constructor was sent twice: all optional fields, none).
    println!("layer | read into current structs | variants of their own | not used");
    for &layer in old.keys() {
        let of = |f: fn(&Fate) -> bool| {
            compat
                .outcomes
                .iter()
                .filter(|o| o.layer == layer && f(&o.fate))
                .count()
        };
        let mapped = of(|f| matches!(f, Fate::Mapped));
        let variants = of(|f| matches!(f, Fate::Variant { .. }));
        let unusable = of(|f| matches!(f, Fate::Unusable { .. }));
        let decoded = per_layer.get(&layer).copied().unwrap_or_default();
        assert_eq!(decoded, [2 * mapped, 2 * variants], "layer {layer}");
        println!("{layer} | {mapped} | {variants} | {unusable}");
    }
    let (mapped, variants, unusable) = compat.counts();
    println!("all | {mapped} | {variants} | {unusable}");
    for o in compat
        .outcomes
        .iter()
        .filter(|o| matches!(o.fate, Fate::Unusable { .. }))
    {
        println!("not used: {o}");
    }
    // The history has both kinds in numbers (a generator that took none would pass the loop
    // above vacuously), and every older constructor considered is read one way or the other.
    assert!(
        mapped > 100 && variants > 50,
        "{mapped} mapped, {variants} variants"
    );
    assert_eq!(unusable, 0, "older constructors that cannot be read");
}
