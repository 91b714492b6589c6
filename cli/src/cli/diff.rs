//! `tl-codegen diff OLD NEW`: what changed between two schemas.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tl_codegen::diff::diff;
use tl_codegen::json::{export, SchemaJson};
use tl_codegen::Config;

/// Arguments of `diff`.
#[derive(Args, Debug, Clone)]
pub struct DiffArgs {
    /// The old schema: a `.tl` file, or a `.json` file in Telegram's JSON form.
    pub old: PathBuf,
    /// The new schema, likewise.
    pub new: PathBuf,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 1 when the schemas differ (as `diff` does).
    #[arg(long)]
    pub exit_code: bool,
}

/// A schema file, in its JSON form.
fn load(path: &Path) -> Result<SchemaJson, String> {
    if path.extension().is_some_and(|e| e == "json") {
        return super::json::read_json(path);
    }
    let (model, _warnings) = Config::new()
        .cargo_output(false)
        .schema(path)
        .load()
        .map_err(|e| e.to_string())?;
    Ok(export(&model, None))
}

pub fn run(args: DiffArgs) -> ExitCode {
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let d = diff(&old, &new);
    if args.json {
        println!("{}", d.to_json());
    } else {
        print!("{d}");
    }
    if args.exit_code && !d.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
