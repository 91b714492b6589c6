//! `tl-codegen check`: parse and resolve the schema and the docs, and report every problem.

use std::process::ExitCode;

use clap::Args;
use tl_codegen::docs::DocsReport;
use tl_codegen::Error;

use super::{CodeFlags, Inputs, SelectionFlags};

/// Arguments of `check`.
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub selection: SelectionFlags,
    #[command(flatten)]
    pub options: CodeFlags,
    /// Exit with status 1 when there are warnings, not only when there are errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// List every docs problem and docs/schema mismatch, not only one summary line per kind.
    #[arg(long, short)]
    pub verbose: bool,
}

/// What `check` found; the exit status follows from it.
struct Outcome {
    errors: usize,
    warnings: usize,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let inputs = match args.inputs.clone().resolve() {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", inputs.describe());
    let outcome = check(&args, &inputs);
    println!(
        "{} error(s), {} warning(s)",
        outcome.errors, outcome.warnings
    );
    let failed = outcome.errors > 0 || (args.deny_warnings && outcome.warnings > 0);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn check(args: &CheckArgs, inputs: &Inputs) -> Outcome {
    let config = match inputs
        .config(&args.selection)
        .and_then(|c| args.options.apply(c))
    {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome {
                errors: 1,
                warnings: 0,
            };
        }
    };
    let (full, warnings) = match config.load() {
        Ok(loaded) => loaded,
        Err(Error::Schema(diags)) => {
            // Every problem of every file, errors and warnings, in one go.
            eprint!("{diags}");
            return Outcome {
                errors: diags.errors().count(),
                warnings: diags.warnings().count(),
            };
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome {
                errors: 1,
                warnings: 0,
            };
        }
    };
    let mut outcome = Outcome {
        errors: 0,
        warnings: warnings.len(),
    };
    for w in &warnings {
        eprintln!("{w}\n");
    }
    match config
        .select(&full)
        .and_then(|model| config.plan(&model, None).map(|_| model))
    {
        Ok(model) => println!(
            "{}: {} types, {} constructors, {} functions",
            model
                .layer
                .map_or_else(|| "no layer".to_owned(), |l| format!("layer {l}")),
            model.types.len(),
            model.current_constructors().count() + model.bool_constructors.len(),
            model.functions.len(),
        ),
        Err(Error::Options(problems)) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            outcome.errors += problems.len();
        }
        Err(e) => {
            eprintln!("error: {e}");
            outcome.errors += 1;
        }
    }
    if !full.compat.outcomes.is_empty() {
        println!("{}", full.compat.summary());
        for outcome in &full.compat.outcomes {
            println!("note: {outcome}");
        }
    }
    match config.load_docs() {
        Ok(None) => {}
        Ok(Some(docs)) => {
            let report = DocsReport::new(&full, &docs);
            let lines = report.summary_lines();
            for line in &lines {
                eprintln!("warning: {line}");
            }
            outcome.warnings += lines.len();
            if args.verbose {
                for w in &report.page_warnings {
                    eprintln!("warning: {w}");
                }
                for m in &report.mismatches {
                    eprintln!("note: {m}");
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            outcome.errors += 1;
        }
    }
    outcome
}
