//! `tl-codegen generate`: schema (+ docs) -> a Rust file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{CodeFlags, Inputs, SelectionFlags};

/// Arguments of `generate`.
#[derive(Args, Debug, Clone)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub selection: SelectionFlags,
    #[command(flatten)]
    pub options: CodeFlags,
    /// List every docs problem and docs/schema mismatch, not only one summary line per kind.
    #[arg(long, short)]
    pub verbose: bool,
    /// Where to write: a `.rs` file, or a folder (ending in `/` or existing) to write `tl.rs`
    /// into.
    #[arg(
        long,
        value_name = "FILE|DIR",
        default_value = "target/tl-codegen/tl.rs"
    )]
    pub out: PathBuf,
}

impl Default for GenerateArgs {
    fn default() -> Self {
        Self {
            inputs: Inputs::default(),
            selection: SelectionFlags::default(),
            options: CodeFlags::default(),
            verbose: false,
            out: PathBuf::from("target/tl-codegen/tl.rs"),
        }
    }
}

/// The folder and file name `--out` stands for.
fn destination(out: &Path) -> Result<(PathBuf, String), String> {
    let is_dir = out.is_dir() || out.to_string_lossy().ends_with(['/', '\\']);
    if is_dir {
        return Ok((out.to_path_buf(), "tl.rs".to_owned()));
    }
    let (Some(dir), Some(file)) = (out.parent(), out.file_name()) else {
        return Err("--out must name a file or a folder".to_owned());
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    };
    Ok((dir, file.to_string_lossy().into_owned()))
}

pub fn run(args: GenerateArgs) -> ExitCode {
    let inputs = match args.inputs.resolve() {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (dir, file) = match destination(&args.out) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let config = match inputs
        .config(&args.selection)
        .and_then(|c| args.options.apply(c))
    {
        Ok(config) => config.out_dir(&dir).out_file(file),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match config.generate() {
        Ok((generated, path)) => {
            for w in &generated.warnings {
                eprintln!("{w}\n");
            }
            // Coverage is no build's warning (see `Config::docs_coverage`), but the command
            // line is where one looks at it.
            if let (false, Some(report)) = (args.verbose, &generated.docs) {
                for line in report.coverage_lines() {
                    eprintln!("note: docs coverage: {line}");
                }
            }
            if let (true, Some(report)) = (args.verbose, &generated.docs) {
                for w in &report.page_warnings {
                    eprintln!("warning: {w}");
                }
                for m in &report.mismatches {
                    eprintln!("note: {m}");
                }
            }
            println!("{}", inputs.describe());
            println!("{}", generated.summary());
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
