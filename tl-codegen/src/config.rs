//! The builder users call from `build.rs` (and the CLI calls for them).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Severity};
use crate::docs::{self, DocsReport, DocsSet};
use crate::extension::{self, Extension, VoiceCalls};
use crate::files::{read_bounded, ReadError};
use crate::model::{self, Filter, Model, SourceFile};
use crate::options::{split_pair, OptionKind, Options, OPTIONS};
use crate::plan::{has_error_enum, ErrorFacts, ItemPaths, Plan};
use crate::print::{self, DocProvider, PageDocs, SchemaDocs};
use crate::schema::id::is_known_id_quirk;
use crate::schema::parse_schema;

/// Largest schema file read (Telegram's api.tl is about 300 KB).
const MAX_SCHEMA_BYTES: u64 = 64 << 20;

/// Configures and runs code generation.
///
/// In `build.rs`:
/// ```no_run
/// tl_codegen::Config::new()
///     .schema("schema/api.tl")
///     .schema("schema/mtproto.tl")
///     .generate()
///     .unwrap_or_else(|e| panic!("{e}"));
/// ```
/// and in the crate: `tl_runtime::include_bindings!();` (which is
/// `include!(concat!(env!("OUT_DIR"), "/tl.rs"));`).
///
/// The options of the generated code (derives, attributes, field types, selection, the
/// voice-call glue) are listed in [`crate::options`]; each has its method here.
#[derive(Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    compat_schemas: Vec<PathBuf>,
    boxing_record: Option<PathBuf>,
    docs: Vec<PathBuf>,
    out_file: String,
    out_dir: Option<PathBuf>,
    options: Options,
    extensions: Vec<Arc<dyn Extension + Send + Sync>>,
    cargo_output: bool,
    docs_coverage: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let extensions: Vec<&str> = self.extensions.iter().map(|e| e.name()).collect();
        f.debug_struct("Config")
            .field("schemas", &self.schemas)
            .field("compat_schemas", &self.compat_schemas)
            .field("boxing_record", &self.boxing_record)
            .field("docs", &self.docs)
            .field("out_file", &self.out_file)
            .field("out_dir", &self.out_dir)
            .field("options", &self.options)
            .field("extensions", &extensions)
            .field("cargo_output", &self.cargo_output)
            .field("docs_coverage", &self.docs_coverage)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

/// What a generation run produced.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// The resolved schema.
    pub model: Model,
    /// Warnings (errors stop generation and are returned as [`Error`]).
    pub warnings: Vec<Diagnostic>,
    /// What was read from the docs folders and how it matched the schema, if any were given.
    pub docs: Option<DocsReport>,
    /// How many methods got an error enum from the docs' errors tables.
    pub error_enums: usize,
    /// The Rust path of every item of [`Generated::model`], as the plan chose them (for build
    /// scripts that write code naming the generated items).
    pub paths: ItemPaths,
    /// For each docs root, in order: how many of the schema's methods it documents errors
    /// for (the sources of the error enums; a method can have several).
    pub error_sources: Vec<(PathBuf, usize)>,
}

impl Generated {
    /// A one-paragraph summary: layer, counts, warnings.
    pub fn summary(&self) -> String {
        let layer = self
            .model
            .layer
            .map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}"));
        let mut out = format!(
            "{layer}: {} types, {} constructors, {} functions; {} lines generated; {} warning(s)",
            self.model.types.len(),
            self.model.current_constructors().count() + self.model.bool_constructors.len(),
            self.model.functions.len(),
            line_count(&self.code),
            self.warnings.len(),
        );
        if !self.model.compat.outcomes.is_empty() {
            out.push('\n');
            out.push_str(&self.model.compat.summary());
        }
        if let Some(docs) = &self.docs {
            let sources: Vec<String> = self
                .error_sources
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(root, n)| {
                    let name = root.file_name().unwrap_or(root.as_os_str());
                    format!("{n} from {}", name.to_string_lossy())
                })
                .collect();
            let sources = if sources.is_empty() {
                String::new()
            } else {
                format!(" ({})", sources.join(", "))
            };
            out.push_str(&format!(
                "\ndocs: {} pages, {} parameter rows, {} descriptions, {} error rows; \
                 {} methods with an error enum{sources}; {} mismatches with the schema",
                docs.pages,
                docs.params,
                docs.descriptions,
                docs.error_rows,
                self.error_enums,
                docs.mismatches.len(),
            ));
        }
        out
    }
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// An input could not be read.
    Io {
        /// Which file.
        path: PathBuf,
        /// What happened.
        source: std::io::Error,
    },
    /// The schema (or the boxing record read with it) has errors; all of them (and the
    /// warnings) are listed.
    Schema(Diagnostics),
    /// No output folder: `OUT_DIR` is unset and none was configured.
    NoOutDir,
    /// The selection patterns or generator options are wrong (a pattern matching nothing,
    /// an attribute that does not parse, a field that cannot take a user type); all of
    /// them are listed.
    Options(Vec<String>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Schema(diags) => {
                let n = diags.errors().count();
                write!(f, "{diags}{n} error(s) in the schema")
            }
            Self::NoOutDir => f.write_str(
                "no output folder: OUT_DIR is not set (call from build.rs) and out_dir() was not used",
            ),
            Self::Options(problems) => {
                for p in problems {
                    writeln!(f, "error: {p}")?;
                }
                write!(f, "{} error(s) in the tl-codegen options", problems.len())
            }
        }
    }
}

impl std::error::Error for Error {}

impl Config {
    /// A configuration with no inputs, writing `tl.rs` into `OUT_DIR`.
    pub fn new() -> Self {
        Self {
            schemas: Vec::new(),
            compat_schemas: Vec::new(),
            boxing_record: None,
            docs: Vec::new(),
            out_file: "tl.rs".to_owned(),
            out_dir: None,
            options: Options::default(),
            extensions: Vec::new(),
            cargo_output: true,
            docs_coverage: false,
        }
    }

    /// Adds a schema file (`api.tl`, `mtproto.tl`, ...). Definitions of all files are merged.
    pub fn schema(mut self, path: impl AsRef<Path>) -> Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds a schema of an older layer as a compatibility source: the generated decoders also
    /// accept its constructors that the current schema replaced, because servers sometimes
    /// still send them. The file must be complete on its own (an `api.tl` of that layer) and
    /// say its layer in a `// LAYER N` line.
    ///
    /// Each older constructor whose id is gone but whose name or type is still there is read
    /// into the current constructor's struct when every current field can be filled from it
    /// (missing fields are then absent flags or empty vectors, and writing the value back
    /// writes the current constructor); otherwise it becomes a constructor and enum variant
    /// of its own, named after the layer (`types::ChannelLayer166`, `Chat::ChannelLayer166`),
    /// so that nothing it carries is lost. A type such a constructor needs that the current
    /// schema dropped is brought back with it (`enums::PremiumGiftOptionLayer186`). Only
    /// reading through the boxed type (the enum) accepts them. With several sources, the
    /// newest layer that has a constructor names it.
    /// The summary counts what became of them; `tl-codegen check --compat FILE` lists each.
    pub fn compat_schema(mut self, path: impl AsRef<Path>) -> Self {
        self.compat_schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Keeps boxing stable across layers: reads the boxing record at `path` (written by
    /// `tl-codegen boxing --boxing-record PATH`, committed beside the schema).
    ///
    /// Which fields hold their value in a `Box` otherwise follows this layer's sizes, so a
    /// new layer that grows one struct can box or unbox fields elsewhere, and each is a
    /// breaking change for code that builds or matches them. Every field and enum variant the
    /// record names keeps its recorded decision; only what it does not know yet is decided by
    /// size, and the build warns until `tl-codegen boxing` has recorded it. A
    /// field that closes a cycle of types is boxed whatever the record says. A record that
    /// does not exist yet is a warning, not an error.
    pub fn boxing_record(mut self, path: impl AsRef<Path>) -> Self {
        self.boxing_record = Some(path.as_ref().to_path_buf());
        self
    }

    /// Adds a folder (or a single `.md` file) of MadelineProto-style docs pages: descriptions
    /// become rustdoc and each method's errors table becomes its error enum.
    ///
    /// With several folders, prose (descriptions, parameters, who may call a method) comes
    /// from the first that has it, and errors are the union of all of them, so the newest
    /// pages can be combined with older ones that still have errors tables. Problems in pages,
    /// and disagreements with the schema (which is authoritative), are reported as warnings:
    /// one summary line per kind.
    pub fn docs(mut self, path: impl AsRef<Path>) -> Self {
        self.docs.push(path.as_ref().to_path_buf());
        self
    }

    /// The output file name inside the output folder (default `tl.rs`).
    pub fn out_file(mut self, name: impl Into<String>) -> Self {
        self.out_file = name.into();
        self
    }

    /// The output folder (default: `OUT_DIR`, as Cargo sets it for build scripts).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Adds an extension: code it generates from the model and the plan goes at the end of
    /// the file (see [`Extension`]). Extensions run in the order added, after the built-in
    /// voice-call glue.
    pub fn extension(mut self, extension: impl Extension + Send + Sync + 'static) -> Self {
        self.extensions.push(Arc::new(extension));
        self
    }

    /// The options set so far.
    pub fn options(&self) -> &Options {
        &self.options
    }

    pub(crate) fn options_mut(&mut self) -> &mut Options {
        &mut self.options
    }

    /// Sets option `name` (an [`OPTIONS`] name) from its text, as a front end reads it: a
    /// switch from `true`/`false`, a pair from `PATTERN=VALUE`. Repeated calls add to lists.
    pub fn set_option(self, name: &str, value: &str) -> Result<Self, String> {
        let spec = OPTIONS
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| format!("no option `{name}`"))?;
        let mut config = self;
        let options = config.options_mut();
        match spec.kind {
            OptionKind::Switch { .. } => {
                let on = value
                    .parse::<bool>()
                    .map_err(|_| format!("`{name}`: expected true or false, not `{value}`"))?;
                options.set_switch(name, on);
            }
            OptionKind::Value | OptionKind::List => options.set_text(name, value.to_owned()),
            OptionKind::Pairs => options.set_pair(name, split_pair(value)?),
        }
        Ok(config)
    }

    /// Whether to print `cargo:` lines (`rerun-if-changed`, warnings); on by default, as
    /// build scripts want. The CLI turns it off.
    pub fn cargo_output(mut self, enabled: bool) -> Self {
        self.cargo_output = enabled;
        self
    }

    /// Whether to warn about how the docs pages cover the schema: items without a page,
    /// parameters the pages do not document, pages for items the schema lacks (one line per
    /// kind). Off by default: pages lag behind the schema as a matter of course, so these are
    /// facts to look at with `tl-codegen check`, not problems of every build. Pages that
    /// cannot be read are warned about either way.
    pub fn docs_coverage(mut self, enabled: bool) -> Self {
        self.docs_coverage = enabled;
        self
    }

    /// Parses and resolves the schema files, returning the model and every warning.
    pub fn load(&self) -> Result<(Model, Vec<Diagnostic>), Error> {
        let mut files = Vec::new();
        let mut diags = Vec::new();
        for path in &self.schemas {
            let (file, d) = self.read_schema(path)?;
            diags.extend(d);
            files.push(file);
        }
        if self.schemas.is_empty() {
            diags.push(Diagnostic::general(
                Severity::Error,
                "no schema files given (use Config::schema)",
            ));
        }
        let (mut model, d) = model::resolve(&files);
        diags.extend(d);
        if !diags.iter().any(Diagnostic::is_error) {
            self.attach_compat(&mut model, &mut diags)?;
            self.attach_boxing(&mut model, &mut diags)?;
        }
        // Each located warning copies its source line: keep their number bounded (a hostile
        // file can have thousands of mismatching ids on one long line).
        const MAX_ID_WARNINGS: usize = 100;
        let mut id_warnings = 0;
        for file in &files {
            // One line index per file, made when its first warning is.
            let mut lines: Option<LineIndex> = None;
            for def in &file.schema.definitions {
                if let Some(explicit) = def.explicit_id {
                    if explicit != def.computed_id
                        && !def.builtin
                        && !is_known_id_quirk(&def.name.to_string(), explicit, def.computed_id)
                    {
                        id_warnings += 1;
                        if id_warnings > MAX_ID_WARNINGS {
                            continue;
                        }
                        let lines = lines.get_or_insert_with(|| LineIndex::new(&file.text));
                        diags.push(lines.short_line_diagnostic(
                            Severity::Warning,
                            &file.path,
                            &file.text,
                            def.offset,
                            format!(
                                "`{}` has id {explicit:08x} but its definition hashes to {:08x}; \
                                 keeping the id written",
                                def.name, def.computed_id
                            ),
                        ));
                    }
                }
            }
        }
        if id_warnings > MAX_ID_WARNINGS {
            diags.push(Diagnostic::general(
                Severity::Warning,
                format!(
                    "{} more definitions whose id differs from their hash",
                    id_warnings - MAX_ID_WARNINGS
                ),
            ));
        }
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Schema(Diagnostics(diags)));
        }
        Ok((model, diags))
    }

    /// Reads and parses one schema file (telling cargo to rerun when it changes).
    fn read_schema(&self, path: &Path) -> Result<(SourceFile, Vec<Diagnostic>), Error> {
        if self.cargo_output {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let text = read_limited(path)?;
        let (schema, diags) = parse_schema(path, &text);
        let file = SourceFile {
            path: path.to_path_buf(),
            text,
            schema,
        };
        Ok((file, diags))
    }

    /// Reads the compatibility sources and adds what they contribute to `model`. Their errors
    /// are errors; their warnings are not shown (an old file is not the user's to fix).
    fn attach_compat(&self, model: &mut Model, diags: &mut Vec<Diagnostic>) -> Result<(), Error> {
        let mut old = Vec::new();
        for path in &self.compat_schemas {
            let (file, d) = self.read_schema(path)?;
            let (resolved, r) = model::resolve(std::slice::from_ref(&file));
            let errors: Vec<Diagnostic> = d
                .into_iter()
                .chain(r)
                .filter(Diagnostic::is_error)
                .collect();
            if !errors.is_empty() {
                diags.extend(errors);
                continue;
            }
            match resolved.layer {
                Some(layer) => old.push((layer, resolved)),
                None => diags.push(Diagnostic::general(
                    Severity::Error,
                    format!(
                        "{}: a compatibility schema needs a `// LAYER N` line, which names its \
                         constructors' variants",
                        path.display()
                    ),
                )),
            }
        }
        let sources: Vec<model::CompatSource<'_>> = old
            .iter()
            .map(|(layer, model)| model::CompatSource {
                layer: *layer,
                model,
            })
            .collect();
        model::attach(model, &sources);
        Ok(())
    }

    /// Reads the boxing record, if one is configured, into `model`, warning about what it
    /// does not decide yet.
    fn attach_boxing(&self, model: &mut Model, diags: &mut Vec<Diagnostic>) -> Result<(), Error> {
        let Some(path) = &self.boxing_record else {
            return Ok(());
        };
        if self.cargo_output {
            // Cargo reruns a build script on every build while a path it watches does not
            // exist; until the record is written, watch the folder it will be written to.
            let watched = match path.parent() {
                Some(dir) if !path.exists() && dir.as_os_str().is_empty() => Path::new("."),
                Some(dir) if !path.exists() => dir,
                _ => path.as_path(),
            };
            println!("cargo:rerun-if-changed={}", watched.display());
        }
        let record_it = format!(
            "`tl-codegen boxing --boxing-record {}` with the same `--schema` files",
            path.display()
        );
        if !path.exists() {
            diags.push(Diagnostic::general(
                Severity::Warning,
                format!(
                    "boxing record {} does not exist yet: fields are boxed by this layer's sizes, \
                     and a later layer may box some differently; write it with {record_it}",
                    path.display()
                ),
            ));
            return Ok(());
        }
        match model::BoxingRecord::read(path) {
            Ok(record) => model.boxing = record,
            Err(error) => {
                diags.push(error);
                return Ok(());
            }
        }
        let missing = model.not_in_boxing_record();
        if !missing.is_empty() {
            const SHOWN: usize = 5;
            let mut names: Vec<String> = missing
                .iter()
                .take(SHOWN)
                .map(|n| format!("`{n}`"))
                .collect();
            if missing.len() > SHOWN {
                names.push(format!("{} more", missing.len() - SHOWN));
            }
            diags.push(Diagnostic::general(
                Severity::Warning,
                format!(
                    "{}: {} constructors, functions and parameters are not in the boxing record \
                     ({}): they are boxed by size, and a later layer may box them differently; \
                     record them with {record_it}",
                    path.display(),
                    missing.len(),
                    names.join(", ")
                ),
            ));
        }
        Ok(())
    }

    /// Reads the docs folders (none given: `None`). A folder that cannot be listed is an
    /// error; problems inside pages are not (see [`DocsReport`]).
    pub fn load_docs(&self) -> Result<Option<DocsSet>, Error> {
        Ok(DocsSet::merged(
            self.load_roots()?.into_iter().map(|(_, set)| set),
        ))
    }

    /// Each docs root read on its own (so that an error names its root), in order, after
    /// telling Cargo to rerun when they change.
    fn load_roots(&self) -> Result<Vec<(PathBuf, DocsSet)>, Error> {
        self.announce_docs();
        self.read_roots()
    }

    /// `cargo:rerun-if-changed` for each docs root (with `cargo_output`).
    fn announce_docs(&self) {
        for root in &self.docs {
            if self.cargo_output {
                // A folder: Cargo reruns when anything below it changes.
                println!("cargo:rerun-if-changed={}", root.display());
            }
        }
    }

    /// Each docs root read on its own (so that an error names its root), in order.
    fn read_roots(&self) -> Result<Vec<(PathBuf, DocsSet)>, Error> {
        self.docs
            .iter()
            .map(|root| {
                docs::load_root(root)
                    .map(|set| (root.clone(), set))
                    .map_err(|source| Error::Io {
                        path: root.clone(),
                        source,
                    })
            })
            .collect()
    }

    /// Applies [`Config::only`] and [`Config::exclude`] to a loaded model. (The other options
    /// are checked against what is kept by [`plan`](Self::plan).)
    pub fn select(&self, model: &Model) -> Result<Model, Error> {
        let filter = Filter {
            only: self.options.only.clone(),
            exclude: self.options.exclude.clone(),
        };
        if filter.is_all() {
            return Ok(model.clone());
        }
        filter
            .apply(model)
            .map(|selection| selection.model)
            .map_err(|errors| Error::Options(errors.iter().map(ToString::to_string).collect()))
    }

    /// Plans the code for a selected model, with the docs' errors (see [`Plan`]). Fails with
    /// every problem of the options at once (see [`Plan::new`]).
    pub fn plan(&self, model: &Model, docs: Option<&DocsSet>) -> Result<Plan, Error> {
        let documented = |item: &model::Item| -> &[crate::docs::ErrorDoc] {
            docs.and_then(|d| d.methods.get(&item.name.to_string()))
                .map_or(&[], |m| m.errors.as_slice())
        };
        let catalog: Vec<(Option<&str>, &[crate::docs::ErrorDoc])> =
            docs.map_or_else(Vec::new, |d| d.documented_errors().collect());
        let facts = ErrorFacts {
            documented: &documented,
            catalog: &catalog,
        };
        Plan::new(model, &self.options, &facts).map_err(Error::Options)
    }

    /// Runs the whole pipeline and returns the code without writing it.
    pub fn generate_string(&self) -> Result<Generated, Error> {
        // The docs pages are read while the schema is parsed: on two cores that hides most
        // of the parse (a layer's pages take longer to read than its schema).
        self.announce_docs();
        let (loaded, roots) = std::thread::scope(|scope| {
            let roots = scope.spawn(|| self.read_roots());
            let loaded = self
                .load()
                .and_then(|(full, warnings)| Ok((self.select(&full)?, full, warnings)));
            (
                loaded,
                roots.join().expect("reading docs pages does not panic"),
            )
        });
        let (model, full, mut warnings) = loaded?;
        let roots = roots?;
        let error_sources = roots
            .iter()
            .map(|(root, set)| {
                let documented = model
                    .functions
                    .iter()
                    .filter(|f| {
                        let errors = set.methods.get(&f.name.to_string());
                        has_error_enum(f, errors.is_some_and(|m| !m.errors.is_empty()))
                    })
                    .count();
                (root.clone(), documented)
            })
            .collect();
        let docs = DocsSet::merged(roots.into_iter().map(|(_, set)| set));
        // Docs are compared with the whole schema, so a selection does not make every page
        // of what was left out a mismatch.
        let report = docs.as_ref().map(|d| DocsReport::new(&full, d));
        let plan = self.plan(&model, docs.as_ref())?;
        let pages;
        let provider: &dyn DocProvider = match &docs {
            Some(d) => {
                pages = PageDocs::new(d, &model, &plan);
                &pages
            }
            None => &SchemaDocs,
        };
        let mut extensions: Vec<&dyn Extension> = Vec::new();
        if self.options.calls_glue {
            extensions.push(&VoiceCalls);
        }
        extensions.extend(self.extensions.iter().map(|e| &**e as &dyn Extension));
        let mut code = print::generate(&model, &plan, provider);
        extension::append(&mut code, &model, &plan, &extensions);
        if let Some(report) = &report {
            let mut lines = report.problem_lines();
            if self.docs_coverage {
                lines.extend(report.coverage_lines());
            }
            warnings.extend(
                lines
                    .into_iter()
                    .map(|line| Diagnostic::general(Severity::Warning, line)),
            );
        }
        Ok(Generated {
            code,
            model,
            warnings,
            docs: report,
            error_enums: plan.error_enums(),
            paths: plan.item_paths(),
            error_sources,
        })
    }

    /// Generates and writes the output file; returns what was generated and where.
    pub fn generate(&self) -> Result<(Generated, PathBuf), Error> {
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let generated = self.generate_string()?;
        let path = dir.join(&self.out_file);
        // Leave an identical file alone so its timestamp does not trigger rebuilds.
        let same = std::fs::read(&path).is_ok_and(|old| old == generated.code.as_bytes());
        if !same {
            std::fs::write(&path, &generated.code).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        }
        if self.cargo_output {
            for w in &generated.warnings {
                let first = w.to_string();
                let first = first.lines().next().unwrap_or_default().to_owned();
                let at = w
                    .location
                    .as_ref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                println!("cargo:warning={first}{at}");
            }
        }
        Ok((generated, path))
    }
}

fn read_limited(path: &Path) -> Result<String, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let invalid = |message: String| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            message,
        ))
    };
    let bytes = read_bounded(path, MAX_SCHEMA_BYTES).map_err(|e| match e {
        ReadError::Io(e) => io(e),
        ReadError::TooLarge { .. } => {
            invalid(format!("larger than {} MiB", MAX_SCHEMA_BYTES >> 20))
        }
    })?;
    String::from_utf8(bytes).map_err(|e| {
        invalid(format!(
            "not UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A documented setter on [`Config`] for each entry of the option table.
macro_rules! config_setters {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $group:ident $kind:ident $(($($arg:ident),*))? $value_name:literal
            => $field:ident $(= $default:expr)?;
    )*) => {
        impl Config {
            $(config_setters!(@method [$(#[doc = $doc])*] $name $field $kind $(($($arg),*))?);)*
        }
    };

    (@method [$($doc:tt)*] $name:ident $field:ident Switch) => {
        $($doc)*
        pub fn $name(mut self, enabled: bool) -> Self {
            self.options_mut().$field = enabled;
            self
        }
    };
    (@method [$($doc:tt)*] $name:ident $field:ident Value) => {
        $($doc)*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.options_mut().$field = value.into();
            self
        }
    };
    (@method [$($doc:tt)*] $name:ident $field:ident List) => {
        $($doc)*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.options_mut().$field.push(value.into());
            self
        }
    };
    (@method [$($doc:tt)*] $name:ident $field:ident Patterns) => {
        $($doc)*
        pub fn $name<S: Into<String>>(mut self, patterns: impl IntoIterator<Item = S>) -> Self {
            self.options_mut().$field.extend(patterns.into_iter().map(Into::into));
            self
        }
    };
    (@method [$($doc:tt)*] $name:ident $field:ident Pairs ($first:ident, $second:ident)) => {
        $($doc)*
        pub fn $name(mut self, $first: impl Into<String>, $second: impl Into<String>) -> Self {
            self.options_mut().$field.push(($first.into(), $second.into()));
            self
        }
    };
}

crate::options::option_table!(config_setters);

/// The number of lines of `text`, as `str::lines` counts them (a `char` search per line
/// instead of a line iterator: the CLI's debug build counts 250k lines).
fn line_count(text: &str) -> usize {
    let newlines = text.matches('\n').count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_count_counts_as_lines_does() {
        for text in ["", "a", "a\n", "a\nb", "a\n\nb\n", "\n", "\n\n", "a\r\nb"] {
            assert_eq!(super::line_count(text), text.lines().count(), "{text:?}");
        }
    }
}
