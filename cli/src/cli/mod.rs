//! The subcommands of the `tl-codegen` binary, and the arguments they share.

pub mod check;
pub mod diff;
pub mod generate;
pub mod json;

use std::path::PathBuf;

use clap::Args;
use tl_codegen::Config;

/// Where the schema and the docs come from.
#[derive(Args, Debug, Clone, Default)]
pub struct Inputs {
    /// Schema files (`api.tl`, `mtproto.tl`, ...); default: every `schema/*.tl` here.
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Folders (or `.md` files) of docs pages; prose from the first that has it, errors
    /// from all. Default, with the bundled schema: `schema/docs` here, if it exists.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
}

/// Which part of the schema to keep.
#[derive(Args, Debug, Clone, Default)]
pub struct Selection {
    /// Keep only what matches (and what that needs): TL names of functions, constructors or
    /// types, `*` matching any run of characters (`phone.*`, `messages.getDhConfig`).
    /// Repeatable.
    #[arg(long, value_name = "PATTERN")]
    pub only: Vec<String>,
    /// Leave out what matches, unless something kept needs it. Repeatable.
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
}

/// Options of the generated code (the same as the `Config` builder's).
#[derive(Args, Debug, Clone)]
pub struct CodeOptions {
    /// Path of the runtime crate in generated code.
    #[arg(long, value_name = "PATH", default_value = "::tl_runtime")]
    pub runtime_path: String,
    /// Add serde derives behind `cfg_attr(feature = "serde", ...)`.
    #[arg(long)]
    pub serde: bool,
    /// Add `arbitrary::Arbitrary` derives behind `cfg_attr(feature = "arbitrary", ...)`.
    #[arg(long)]
    pub arbitrary: bool,
    /// An attribute for every generated type (`#[derive(Hash)]`). Repeatable.
    #[arg(long, value_name = "ATTR")]
    pub type_attribute: Vec<String>,
    /// `PATTERN=ATTR`: an attribute for the types whose TL name matches. Repeatable.
    #[arg(long, value_name = "PATTERN=ATTR", value_parser = pattern_pair)]
    pub type_attribute_for: Vec<(String, String)>,
    /// `CTOR.FIELD=ATTR`: an attribute for the matching fields (`message.date=#[...]`).
    /// Repeatable.
    #[arg(long, value_name = "PATTERN=ATTR", value_parser = pattern_pair)]
    pub field_attribute: Vec<(String, String)>,
    /// `CTOR.FIELD=TYPE`: a user type for the matching fields, serializing like the TL type.
    /// Repeatable.
    #[arg(long, value_name = "PATTERN=TYPE", value_parser = pattern_pair)]
    pub field_type: Vec<(String, String)>,
}

impl Default for CodeOptions {
    fn default() -> Self {
        Self {
            runtime_path: "::tl_runtime".to_owned(),
            serde: false,
            arbitrary: false,
            type_attribute: Vec::new(),
            type_attribute_for: Vec::new(),
            field_attribute: Vec::new(),
            field_type: Vec::new(),
        }
    }
}

/// `PATTERN=VALUE`, split at the first `=` (patterns have none).
fn pattern_pair(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((p, v)) if !p.is_empty() && !v.is_empty() => Ok((p.to_owned(), v.to_owned())),
        _ => Err(format!("`{arg}`: expected PATTERN=VALUE")),
    }
}

/// Every `schema/*.tl` of the current folder, sorted.
fn bundled_schemas() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("schema")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    found.sort();
    found
}

/// The bundled docs pages, when run in this repository.
fn bundled_docs() -> Vec<PathBuf> {
    let dir = PathBuf::from("schema/docs");
    if dir.is_dir() {
        vec![dir]
    } else {
        Vec::new()
    }
}

impl Inputs {
    /// The inputs with the defaults filled in: the bundled schema (and its docs) when no
    /// schema is given. Fails when there is no schema at all.
    pub fn resolve(self) -> Result<Inputs, String> {
        if !self.schemas.is_empty() {
            return Ok(self);
        }
        let schemas = bundled_schemas();
        if schemas.is_empty() {
            return Err(
                "no schema files: pass --schema FILE or run where schema/*.tl exists".to_owned(),
            );
        }
        let docs = if self.docs.is_empty() {
            bundled_docs()
        } else {
            self.docs
        };
        Ok(Inputs { schemas, docs })
    }

    /// Schema and docs paths, comma-separated, for the summary.
    pub fn describe(&self) -> String {
        let inputs: Vec<String> = self
            .schemas
            .iter()
            .chain(&self.docs)
            .map(|p| p.display().to_string())
            .collect();
        inputs.join(", ")
    }

    /// A CLI configuration (no `cargo:` lines) reading these inputs.
    pub fn config(&self, selection: &Selection) -> Config {
        let mut config = Config::new()
            .cargo_output(false)
            .only(selection.only.iter().cloned())
            .exclude(selection.exclude.iter().cloned());
        for s in &self.schemas {
            config = config.schema(s);
        }
        for d in &self.docs {
            config = config.docs(d);
        }
        config
    }
}

impl CodeOptions {
    /// Applies the options to `config`.
    pub fn apply(&self, mut config: Config) -> Config {
        config = config
            .runtime_path(self.runtime_path.clone())
            .serde(self.serde)
            .arbitrary(self.arbitrary);
        for a in &self.type_attribute {
            config = config.type_attribute(a);
        }
        for (p, a) in &self.type_attribute_for {
            config = config.type_attribute_for(p, a);
        }
        for (p, a) in &self.field_attribute {
            config = config.field_attribute(p, a);
        }
        for (p, t) in &self.field_type {
            config = config.field_type(p, t);
        }
        config
    }
}
