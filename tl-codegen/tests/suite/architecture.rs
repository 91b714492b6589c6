//! The module graph of the workspace's library code: every `use` and every path that names
//! another module, file by file. Two rules, both checked here so that they hold for whoever
//! carries the code on:
//!
//! - layers: a module names only modules of its own layer or of lower ones (the pipeline of
//!   ARCHITECTURE.md: schema -> model -> docs -> plan -> print -> extension -> config);
//! - no circles: no two files name each other, directly or around a longer circle.
//!
//! Test code (`#[cfg(test)]` items) is left out: a unit test may reach anywhere.
//! `cargo test -p tl-codegen --test suite architecture:: -- --nocapture` prints the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// One crate's source: where it is, and the rank of each top-level module (a module may name
/// modules of its own rank or lower). A module missing from the table fails the test, so a new
/// one gets its place deliberately.
struct CrateSpec {
    name: &'static str,
    src: &'static str,
    layers: &'static [(&'static str, u8)],
}

const CRATES: &[CrateSpec] = &[
    CrateSpec {
        name: "tl-codegen",
        src: "src",
        layers: &[
            // Shared by every stage: where a problem is and how it is reported, reading input
            // files within a bound, the thread pool, words of a text.
            ("diagnostic", 0),
            ("files", 0),
            ("parallel", 0),
            ("words", 0),
            ("schema", 1),
            ("model", 2),
            ("docs", 3),
            ("options", 4),
            ("plan", 5),
            ("print", 6),
            ("extension", 7),
            ("config", 8),
            // The command line's extras, on top of the pipeline.
            ("json", 9),
            ("diff", 9),
        ],
    },
    CrateSpec {
        name: "tl-runtime",
        src: "../tl-runtime/src",
        // `rpc_error` (the server's errors as data) names nothing of the crate; `wire`'s
        // `RemoteCall` names its `MethodError`; `tdjson` (TDLib's JSON form) uses `wire`'s
        // `Identifiable` and `TlString`, beside `calls`.
        layers: &[
            ("macros", 0),
            ("rpc_error", 1),
            ("wire", 2),
            ("calls", 3),
            ("tdjson", 3),
        ],
    },
    CrateSpec {
        name: "tl-codegen-cli",
        src: "../cli/src",
        layers: &[("commands", 0)],
    },
];

/// A source file and the module path it defines (`[]` for the crate root).
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
}

fn source_files(src: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap();
                let mut module: Vec<String> = relative
                    .with_extension("")
                    .iter()
                    .map(|c| c.to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    module.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    module.pop();
                }
                files.push(SourceFile { path, module });
            }
        }
    }
    files.sort_by(|a, b| a.module.cmp(&b.module));
    files
}

/// A path a file names, made absolute where it starts at `crate`, `self` or `super`.
#[derive(Clone)]
struct Named {
    path: Vec<String>,
    /// Named by a `pub use` of the file's own module tree: a module's index of what its
    /// files define, which is not a use of them (as `mod child;` is not).
    index_entry: bool,
    /// It started with a plain name (a local, an import, a child module, another crate):
    /// only an edge if that name is found in the module.
    bare: bool,
}

/// What one file declares and names, read by one pass over its syntax tree.
#[derive(Default)]
struct FileFacts {
    /// Items the file defines at its top level.
    defined: BTreeSet<String>,
    /// `use` imports at its top level: the name, and what it names.
    imports: BTreeMap<String, Named>,
    /// `use path::*` at its top level.
    globs: Vec<Vec<String>>,
    named: Vec<Named>,
}

/// Collects a file's facts, tracking inline modules.
struct Reader {
    /// The module the visitor is in (the file's, then any inline `mod` inside it).
    module: Vec<String>,
    depth: usize,
    facts: FileFacts,
}

impl Reader {
    fn absolute(&self, segments: &[String]) -> Option<Named> {
        let (first, rest) = segments.split_first()?;
        let mut path = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.clone(),
            "super" => {
                let mut parent = self.module.clone();
                parent.pop()?;
                parent
            }
            _ => {
                let mut path = self.module.clone();
                path.extend(segments.iter().cloned());
                return Some(Named {
                    path,
                    bare: true,
                    index_entry: false,
                });
            }
        };
        let mut rest = rest;
        while let Some((s, more)) = rest.split_first() {
            if s != "super" {
                break;
            }
            path.pop()?;
            rest = more;
        }
        path.extend(rest.iter().cloned());
        Some(Named {
            path,
            bare: false,
            index_entry: false,
        })
    }

    fn add(&mut self, segments: &[String]) {
        if let Some(named) = self.absolute(segments) {
            self.facts.named.push(named);
        }
    }

    fn add_use(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        let import = |reader: &mut Self, prefix: &[String], name: String| {
            reader.add(prefix);
            if reader.depth == 0 {
                if let Some(target) = reader.absolute(prefix) {
                    reader.facts.imports.insert(name, target);
                }
            }
        };
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add_use(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) if n.ident == "self" => {
                let name = prefix.last().cloned().unwrap_or_default();
                import(self, &prefix.clone(), name);
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                import(self, &prefix.clone(), n.ident.to_string());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                import(self, &prefix.clone(), r.rename.to_string());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => {
                self.add(&prefix.clone());
                if self.depth == 0 {
                    if let Some(n) = self.absolute(prefix).filter(|n| !n.bare) {
                        self.facts.globs.push(n.path);
                    }
                }
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.add_use(prefix, tree);
                }
            }
        }
    }

    fn define(&mut self, ident: &syn::Ident) {
        if self.depth == 0 {
            self.facts.defined.insert(ident.to_string());
        }
    }

    fn add_token_paths(&mut self, tokens: proc_macro2::TokenStream) {
        let mut segments: Vec<String> = Vec::new();
        let mut after_colons = false;
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Ident(ident) => {
                    if !after_colons {
                        self.add_run(&mut segments);
                    }
                    segments.push(ident.to_string());
                    after_colons = false;
                }
                proc_macro2::TokenTree::Punct(p) if p.as_char() == ':' => after_colons = true,
                proc_macro2::TokenTree::Group(g) => {
                    self.add_run(&mut segments);
                    self.add_token_paths(g.stream());
                    after_colons = false;
                }
                _ => {
                    self.add_run(&mut segments);
                    after_colons = false;
                }
            }
        }
        self.add_run(&mut segments);
    }

    fn add_run(&mut self, segments: &mut Vec<String>) {
        if segments.len() > 1 {
            self.add(segments);
        }
        segments.clear();
    }
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let (attrs, ident): (&[syn::Attribute], Option<&syn::Ident>) = match item {
            syn::Item::Mod(m) => (&m.attrs, Some(&m.ident)),
            syn::Item::Fn(f) => (&f.attrs, Some(&f.sig.ident)),
            syn::Item::Impl(i) => (&i.attrs, None),
            syn::Item::Use(u) => (&u.attrs, None),
            syn::Item::Struct(s) => (&s.attrs, Some(&s.ident)),
            syn::Item::Enum(e) => (&e.attrs, Some(&e.ident)),
            syn::Item::Union(u) => (&u.attrs, Some(&u.ident)),
            syn::Item::Const(c) => (&c.attrs, Some(&c.ident)),
            syn::Item::Static(s) => (&s.attrs, Some(&s.ident)),
            syn::Item::Trait(t) => (&t.attrs, Some(&t.ident)),
            syn::Item::Type(t) => (&t.attrs, Some(&t.ident)),
            syn::Item::Macro(m) => (&m.attrs, m.ident.as_ref()),
            _ => (&[], None),
        };
        if is_test_only(attrs) {
            return;
        }
        if let Some(ident) = ident {
            self.define(ident);
        }
        match item {
            syn::Item::Mod(m) if m.content.is_some() => {
                self.module.push(m.ident.to_string());
                self.depth += 1;
                syn::visit::visit_item_mod(self, m);
                self.depth -= 1;
                self.module.pop();
            }
            syn::Item::Use(u) => {
                let first = self.facts.named.len();
                self.add_use(&mut Vec::new(), &u.tree);
                if matches!(u.vis, syn::Visibility::Public(_)) {
                    for named in &mut self.facts.named[first..] {
                        named.index_entry = named.path.starts_with(&self.module);
                    }
                }
            }
            _ => syn::visit::visit_item(self, item),
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.add(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {
        // `pub(crate)`, `pub(super)`: who may see an item, not what it uses.
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Inside macro calls (`format!`, `matches!`, ...) paths are tokens to syn: read the
        // `a::b` runs among them.
        self.add_token_paths(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// The file graph of one crate: which file names which.
struct Graph {
    files: Vec<SourceFile>,
    edges: BTreeMap<usize, BTreeSet<usize>>,
}

/// Resolves named paths to the files that define what they name, through imports and
/// re-exports (`pub use`), so that `crate::wire::Reader` leads to `wire/reader.rs`.
struct Resolver<'a> {
    facts: &'a [FileFacts],
    index: BTreeMap<&'a [String], usize>,
}

impl Resolver<'_> {
    fn resolve(&self, named: &Named) -> Option<usize> {
        let mut path = named.path.clone();
        let mut bare = named.bare;
        // Imports can chain (a re-export of a re-export); they cannot loop in code that
        // compiles, but bound the walk all the same.
        for _ in 0..16 {
            let n = (0..=path.len())
                .rev()
                .find(|&n| self.index.contains_key(&path[..n]))?;
            let file = self.index[&path[..n]];
            let Some(name) = path.get(n) else {
                return Some(file);
            };
            let facts = &self.facts[file];
            if facts.defined.contains(name) {
                return Some(file);
            }
            if let Some(target) = facts.imports.get(name) {
                let mut next = target.path.clone();
                next.extend(path[n + 1..].iter().cloned());
                path = next;
                bare = target.bare;
                continue;
            }
            let glob = facts.globs.iter().find(|g| {
                self.index
                    .get(g.as_slice())
                    .is_some_and(|&f| self.facts[f].defined.contains(name))
            });
            if let Some(glob) = glob {
                let mut next = glob.clone();
                next.extend(path[n..].iter().cloned());
                path = next;
                continue;
            }
            // A name the module does not declare: a local or another crate's item when the
            // path was bare; otherwise something the module makes (a macro's item).
            return (!bare).then_some(file);
        }
        None
    }
}

fn graph(spec: &CrateSpec) -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec.src);
    let files = source_files(&src);
    let facts: Vec<FileFacts> = files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file.path).unwrap();
            let ast =
                syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
            let mut reader = Reader {
                module: file.module.clone(),
                depth: 0,
                facts: FileFacts::default(),
            };
            reader.visit_file(&ast);
            reader.facts
        })
        .collect();
    let resolver = Resolver {
        facts: &facts,
        index: files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.as_slice(), i))
            .collect(),
    };
    let mut edges = BTreeMap::new();
    for (from, facts) in facts.iter().enumerate() {
        let targets: &mut BTreeSet<usize> = edges.entry(from).or_default();
        for named in facts.named.iter().filter(|n| !n.index_entry) {
            match resolver.resolve(named) {
                Some(to) if to != from => {
                    if std::env::var_os("ARCH_DEBUG").is_some() {
                        println!(
                            "{:?} {:?} -> {:?}",
                            files[from].module, named.path, files[to].module
                        );
                    }
                    targets.insert(to);
                }
                _ => {}
            }
        }
    }
    Graph { files, edges }
}

impl Graph {
    fn name(&self, i: usize) -> String {
        match self.files[i].module.join("::") {
            m if m.is_empty() => "crate".to_string(),
            m => m,
        }
    }

    /// Tarjan's strongly connected components with more than one file: the circles.
    fn circles(&self) -> Vec<Vec<usize>> {
        struct State<'g> {
            graph: &'g Graph,
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            on_stack: Vec<bool>,
            stack: Vec<usize>,
            next: usize,
            out: Vec<Vec<usize>>,
        }
        fn connect(s: &mut State, v: usize) {
            s.index[v] = Some(s.next);
            s.low[v] = s.next;
            s.next += 1;
            s.stack.push(v);
            s.on_stack[v] = true;
            for &w in s.graph.edges.get(&v).into_iter().flatten() {
                match s.index[w] {
                    None => {
                        connect(s, w);
                        s.low[v] = s.low[v].min(s.low[w]);
                    }
                    Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(s.low[v]) == s.index[v] {
                let mut component = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    s.out.push(component);
                }
            }
        }
        let n = self.files.len();
        let mut s = State {
            graph: self,
            index: vec![None; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            next: 0,
            out: Vec::new(),
        };
        for v in 0..n {
            if s.index[v].is_none() {
                connect(&mut s, v);
            }
        }
        s.out
    }
}

#[test]
fn layers_run_one_way_and_files_form_no_circle() {
    let mut problems = String::new();
    for spec in CRATES {
        let graph = graph(spec);
        let rank = |i: usize| -> Option<u8> {
            let top = graph.files[i].module.first()?;
            match spec.layers.iter().find(|(m, _)| m == top) {
                Some(&(_, r)) => Some(r),
                None => panic!(
                    "{}: module `{top}` has no layer in tests/suite/architecture.rs",
                    spec.name
                ),
            }
        };
        println!("{}:", spec.name);
        for (&from, targets) in &graph.edges {
            let names: Vec<String> = targets.iter().map(|&t| graph.name(t)).collect();
            println!("  {} -> {}", graph.name(from), names.join(", "));
            for &to in targets {
                if let (Some(a), Some(b)) = (rank(from), rank(to)) {
                    if b > a {
                        let _ = writeln!(
                            problems,
                            "{}: {} (layer {a}) names {} (layer {b}), a higher layer",
                            spec.name,
                            graph.name(from),
                            graph.name(to)
                        );
                    }
                }
            }
        }
        for circle in graph.circles() {
            let names: Vec<String> = circle.iter().map(|&i| graph.name(i)).collect();
            let _ = writeln!(
                problems,
                "{}: these files name each other around a circle: {}",
                spec.name,
                names.join(", ")
            );
        }
    }
    assert!(problems.is_empty(), "\n{problems}");
}
