//! The builder users call from `build.rs` (and the CLI calls for them).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::emit::{self, DocProvider, RustOptions, SchemaDocs};
use crate::model::{self, Model, SourceFile};
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
/// and in the crate: `include!(concat!(env!("OUT_DIR"), "/tl.rs"));`.
#[derive(Debug, Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    out_file: String,
    out_dir: Option<PathBuf>,
    options: RustOptions,
    cargo_output: bool,
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
}

impl Generated {
    /// A one-paragraph summary: layer, counts, warnings.
    pub fn summary(&self) -> String {
        let layer = self
            .model
            .layer
            .map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}"));
        format!(
            "{layer}: {} types, {} constructors, {} functions; {} lines generated; {} warning(s)",
            self.model.types.len(),
            self.model.constructors.len() + self.model.bool_constructors.len(),
            self.model.functions.len(),
            self.code.lines().count(),
            self.warnings.len(),
        )
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
    /// The schema has errors; all of them (and the warnings) are listed.
    Schema(Diagnostics),
    /// No output folder: `OUT_DIR` is unset and none was configured.
    NoOutDir,
    /// The generated code did not parse as Rust (a bug in tl-codegen).
    Internal(String),
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
            Self::Internal(e) => write!(f, "tl-codegen produced invalid Rust (please report): {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl Config {
    /// A configuration with no inputs, writing `tl.rs` into `OUT_DIR`.
    pub fn new() -> Self {
        Self {
            schemas: Vec::new(),
            out_file: "tl.rs".to_owned(),
            out_dir: None,
            options: RustOptions::default(),
            cargo_output: true,
        }
    }

    /// Adds a schema file (`api.tl`, `mtproto.tl`, ...). Definitions of all files are merged.
    pub fn schema(mut self, path: impl AsRef<Path>) -> Self {
        self.schemas.push(path.as_ref().to_path_buf());
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

    /// The path generated code uses for the runtime crate (default `::tl_runtime`), for crates
    /// that re-export or rename it.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.options.runtime = path.into();
        self
    }

    /// An attribute added to every generated struct and enum, e.g. `#[derive(Hash)]`.
    pub fn type_attribute(mut self, attribute: impl Into<String>) -> Self {
        self.options.type_attributes.push(attribute.into());
        self
    }

    /// Adds `#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]`
    /// to every generated type (the crate then needs `serde` and a `serde` feature).
    pub fn serde(mut self, enabled: bool) -> Self {
        self.options.serde = enabled;
        self
    }

    /// Whether to print `cargo:` lines (`rerun-if-changed`, warnings); on by default, as
    /// build scripts want. The CLI turns it off.
    pub fn cargo_output(mut self, enabled: bool) -> Self {
        self.cargo_output = enabled;
        self
    }

    /// Parses and resolves the schema files, returning the model and every warning.
    pub fn load(&self) -> Result<(Model, Vec<Diagnostic>), Error> {
        let mut files = Vec::new();
        let mut diags = Vec::new();
        for path in &self.schemas {
            if self.cargo_output {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            let text = read_limited(path)?;
            let (schema, d) = parse_schema(path, &text);
            diags.extend(d);
            files.push(SourceFile {
                path: path.clone(),
                text,
                schema,
            });
        }
        if self.schemas.is_empty() {
            diags.push(Diagnostic::general(
                Severity::Error,
                "no schema files given (use Config::schema)",
            ));
        }
        let (model, d) = model::resolve(&files);
        diags.extend(d);
        for file in &files {
            for def in &file.schema.definitions {
                if let Some(explicit) = def.explicit_id {
                    if explicit != def.computed_id && !def.builtin {
                        diags.push(Diagnostic::warning_at(
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
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Schema(Diagnostics(diags)));
        }
        Ok((model, diags))
    }

    /// Runs the whole pipeline and returns the code without writing it.
    pub fn generate_string(&self) -> Result<Generated, Error> {
        let (model, warnings) = self.load()?;
        let docs: &dyn DocProvider = &SchemaDocs;
        let tokens = emit::generate(&model, &self.options, docs);
        let code = emit::format_file(tokens).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Generated {
            code,
            model,
            warnings,
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
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_SCHEMA_BYTES {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} MiB", MAX_SCHEMA_BYTES >> 20),
        )));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}
