//! `tl-codegen boxing`: write or check the boxing record of a schema.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tl_codegen::model::BoxingRecord;
use tl_codegen::plan::layout::updated_record;

use super::{Inputs, BUNDLED_BOXING_RECORD};

/// Arguments of `boxing`.
#[derive(Args, Debug, Clone)]
pub struct BoxingArgs {
    /// Schema files (`api.tl`, `mtproto.tl`, ...); default: every `schema/*.tl` here.
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// The record to update (created if missing); default, with the bundled schema:
    /// `schema/boxing.lock` here.
    #[arg(long = "boxing-record", value_name = "FILE")]
    pub boxing_record: Option<PathBuf>,
    /// Write nothing; exit with status 1 if the record lacks what this schema needs.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: BoxingArgs) -> ExitCode {
    match record(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn record(args: &BoxingArgs) -> Result<ExitCode, String> {
    let bundled = args.schemas.is_empty();
    let inputs = Inputs {
        schemas: args.schemas.clone(),
        boxing_record: args.boxing_record.clone(),
        ..Inputs::default()
    }
    .resolve()?;
    let path = match &inputs.boxing_record {
        Some(path) => path.clone(),
        None if bundled => PathBuf::from(BUNDLED_BOXING_RECORD),
        None => {
            return Err("which record? pass --boxing-record FILE (it is created if missing)".into())
        }
    };
    let old = read(&path)?;
    let updated = updated(&inputs, &old)?;
    let added = updated.constructors.len() + updated.functions.len()
        - old.constructors.len()
        - old.functions.len();
    let changed = changed(&old, &updated);
    if args.check {
        if changed == 0 {
            println!("{}: up to date", path.display());
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{}: {changed} constructors and functions are not recorded as this schema has them; \
             run `tl-codegen boxing` without --check to record them",
            path.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    if updated != old || !path.exists() {
        std::fs::write(&path, updated.to_text()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "{}: {} constructors and {} functions recorded, {added} of them new",
        path.display(),
        updated.constructors.len(),
        updated.functions.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// How many items `updated` records differently from `old` (or `old` lacks).
fn changed(old: &BoxingRecord, updated: &BoxingRecord) -> usize {
    let differs = |old: &std::collections::BTreeMap<String, _>,
                   new: &std::collections::BTreeMap<String, _>| {
        new.iter()
            .filter(|(name, d)| old.get(*name) != Some(*d))
            .count()
    };
    differs(&old.constructors, &updated.constructors) + differs(&old.functions, &updated.functions)
}

/// The record at `path`; empty when there is none yet.
fn read(path: &Path) -> Result<BoxingRecord, String> {
    if !path.exists() {
        return Ok(BoxingRecord::default());
    }
    BoxingRecord::read(path).map_err(|d| d.to_string())
}

/// `old` with this schema's decisions (made with `old`) added. What `old` recorded and this
/// schema no longer has (an item, or a parameter of one) stays, so that a diff against an
/// older layer keeps its boxing too.
pub fn updated(inputs: &Inputs, old: &BoxingRecord) -> Result<BoxingRecord, String> {
    // The record is given to the model here, not read by the configuration, whose warnings
    // about what it lacks are what this command is for.
    let inputs = Inputs {
        docs: Vec::new(),
        boxing_record: None,
        ..inputs.clone()
    };
    let (mut model, _) = inputs
        .config(&Default::default())?
        .load()
        .map_err(|e| e.to_string())?;
    model.boxing = old.clone();
    Ok(updated_record(&model))
}
