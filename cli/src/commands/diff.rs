//! `tl-codegen diff OLD NEW`: what changed between two schemas, and what it does to the
//! generated Rust API.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use tl_codegen::diff::api::classify;
use tl_codegen::diff::diff;
use tl_codegen::json::{export, to_schema, SchemaJson};
use tl_codegen::model::{attach, resolve, BoxingRecord, CompatSource, Model, SourceFile};
use tl_codegen::schema::parse_schema;
use tl_codegen::Config;

use super::CodeFlags;

/// Arguments of `diff`.
#[derive(Args, Debug, Clone)]
pub struct DiffArgs {
    /// The old schema: a `.tl` file, or a `.json` file in Telegram's JSON form.
    pub old: PathBuf,
    /// The new schema, likewise.
    pub new: PathBuf,
    /// Print the differences as JSON: the definitions' differences, and under `api` each
    /// change to the Rust API with its classification.
    #[arg(long)]
    pub json: bool,
    /// Print the definitions' differences (constructors and methods added, removed,
    /// changed) instead of the changes to the Rust API.
    #[arg(long, conflicts_with = "json")]
    pub definitions: bool,
    /// Schemas of older layers (each complete, with its `// LAYER N`) that both sides' bindings
    /// read constructors of (`Config::compat_schema`): the changes are classified for those
    /// bindings, and what becomes of each older constructor in the new ones is listed.
    #[arg(long = "compat", value_name = "FILE")]
    pub compat: Vec<PathBuf>,
    /// The boxing record both sides' bindings are generated with (`Config::boxing_record`):
    /// what it records is boxed as recorded on both sides, so the boxing changes listed are
    /// those the record does not prevent.
    #[arg(long = "boxing-record", value_name = "FILE")]
    pub boxing_record: Option<PathBuf>,
    /// The options of the bindings the changes are classified for (with
    /// `--non-exhaustive-enums`, a new constructor of an existing type is a compatible
    /// change; `--field-type` changes what a field's type is).
    #[command(flatten)]
    pub options: CodeFlags,
    /// Exit with status 1 on a breaking change to the Rust API (`--exit-code=any`: on any
    /// difference, as `diff` does).
    #[arg(long, value_name = "ON", num_args = 0..=1, require_equals = true, default_missing_value = "breaking")]
    pub exit_code: Option<ExitOn>,
}

/// What `--exit-code` fails on.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitOn {
    /// A breaking change to the generated Rust API.
    Breaking,
    /// Any difference between the definitions.
    Any,
}

/// A schema file's model: a `.tl` file parsed, a `.json` one turned into TL first.
fn load(path: &Path) -> Result<Model, String> {
    if path.extension().is_some_and(|e| e == "json") {
        let json = SchemaJson::read(path)?;
        let text = to_schema(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        let (schema, diags) = parse_schema(path, &text);
        let source = SourceFile {
            path: path.to_owned(),
            text,
            schema,
        };
        let (model, more) = resolve(std::slice::from_ref(&source));
        let errors: Vec<String> = diags
            .iter()
            .chain(&more)
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        if !errors.is_empty() {
            return Err(format!(
                "{}: its TL form does not resolve:\n{}",
                path.display(),
                errors.join("\n")
            ));
        }
        return Ok(model);
    }
    let (model, _warnings) = Config::new()
        .cargo_output(false)
        .schema(path)
        .load()
        .map_err(|e| e.to_string())?;
    Ok(model)
}

/// The models of the `--compat` files, with their layers.
fn compat_sources(files: &[PathBuf]) -> Result<Vec<(i32, Model)>, String> {
    files
        .iter()
        .map(|path| {
            let model = load(path)?;
            let layer = model.layer.ok_or_else(|| {
                format!(
                    "{}: a compatibility schema needs a `// LAYER N` line",
                    path.display()
                )
            })?;
            Ok((layer, model))
        })
        .collect()
}

/// `model` with the older layers' constructors its bindings read.
fn with_compat(mut model: Model, sources: &[(i32, Model)]) -> Model {
    let sources: Vec<CompatSource<'_>> = sources
        .iter()
        .map(|(layer, model)| CompatSource {
            layer: *layer,
            model,
        })
        .collect();
    attach(&mut model, &sources);
    model
}

pub fn run(args: DiffArgs) -> ExitCode {
    let loaded = load(&args.old).and_then(|old| {
        let new = load(&args.new)?;
        Ok((old, new, compat_sources(&args.compat)?))
    });
    let loaded = loaded.and_then(|(mut old, mut new, sources)| {
        if let Some(path) = &args.boxing_record {
            let record = BoxingRecord::read(path).map_err(|d| d.to_string())?;
            old.boxing = record.clone();
            new.boxing = record;
        }
        Ok((old, new, sources))
    });
    let (old, new, sources) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // The definitions are the schemas'; the Rust API is that of bindings reading the older
    // layers too.
    let definitions = diff(&export(&old, None), &export(&new, None));
    let (old, new) = if sources.is_empty() {
        (old, new)
    } else {
        (with_compat(old, &sources), with_compat(new, &sources))
    };
    let config = match args.options.apply(Config::new()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let api = match classify(&old, &new, config.options()) {
        Ok(api) => api,
        Err(problems) => {
            eprintln!("{}", problems.join("\n"));
            return ExitCode::from(2);
        }
    };
    if args.json {
        println!("{}", definitions.to_json_with_api(&api));
    } else if args.definitions {
        print!("{definitions}");
    } else {
        print!("{api}");
        if !new.compat.outcomes.is_empty() {
            // What the older constructors become in the new bindings.
            println!("{}", new.compat.summary());
            for outcome in &new.compat.outcomes {
                println!("note: {outcome}");
            }
        }
    }
    let fail = match args.exit_code {
        None => false,
        Some(ExitOn::Breaking) => api.is_breaking(),
        Some(ExitOn::Any) => !definitions.is_empty(),
    };
    if fail {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
