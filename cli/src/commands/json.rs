//! `tl-codegen json`: the schema in Telegram's JSON form (plus docs), and back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tl_codegen::json::{self, SchemaJson};

use super::{Inputs, SelectionFlags};

/// Arguments of `json`.
#[derive(Args, Debug, Clone)]
pub struct JsonArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub selection: SelectionFlags,
    /// Indent the JSON (default: one line, as Telegram publishes it).
    #[arg(long)]
    pub pretty: bool,
    /// The other way: read this JSON file and write TL schema text.
    #[arg(long, value_name = "FILE.json", conflicts_with_all = ["schemas", "docs", "only", "exclude", "pretty"])]
    pub to_tl: Option<PathBuf>,
    /// Write here instead of to standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn write(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn to_tl(json_path: &Path, out: Option<&Path>) -> Result<(), String> {
    let json = SchemaJson::read(json_path)?;
    let text = json::to_schema(&json).map_err(|e| format!("{}: {e}", json_path.display()))?;
    write(out, &text)
}

fn to_json(args: &JsonArgs) -> Result<(), String> {
    let inputs = args.inputs.clone().resolve()?;
    let config = inputs.config(&args.selection)?;
    let (full, _warnings) = config.load().map_err(|e| e.to_string())?;
    let model = config.select(&full).map_err(|e| e.to_string())?;
    let docs = config.load_docs().map_err(|e| e.to_string())?;
    let mut text = json::export(&model, docs.as_ref()).to_json(args.pretty);
    text.push('\n');
    write(args.out.as_deref(), &text)
}

pub fn run(args: JsonArgs) -> ExitCode {
    let result = match &args.to_tl {
        Some(path) => to_tl(path, args.out.as_deref()),
        None => to_json(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
