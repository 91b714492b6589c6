//! The `tl-codegen` command line.
//!
//! Run with no arguments in a workspace that has `schema/*.tl` (this repository does), it
//! generates bindings for those files into `target/tl-codegen/tl.rs` and prints a summary.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tl-codegen",
    version,
    about = "Generate Rust bindings from TL schemas"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse, resolve and write the bindings to one Rust file.
    Generate(GenerateArgs),
}

#[derive(Args)]
struct GenerateArgs {
    /// Schema files (`api.tl`, `mtproto.tl`, ...); default: every `schema/*.tl` here.
    #[arg(long = "schema", value_name = "FILE")]
    schemas: Vec<PathBuf>,
    /// Where to write the Rust file.
    #[arg(long, value_name = "FILE", default_value = "target/tl-codegen/tl.rs")]
    out: PathBuf,
    /// Path of the runtime crate in generated code.
    #[arg(long, value_name = "PATH", default_value = "::tl_runtime")]
    runtime_path: String,
}

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

fn generate(args: GenerateArgs) -> ExitCode {
    let schemas = if args.schemas.is_empty() {
        bundled_schemas()
    } else {
        args.schemas
    };
    if schemas.is_empty() {
        eprintln!("error: no schema files: pass --schema FILE or run where schema/*.tl exists");
        return ExitCode::FAILURE;
    }
    let (Some(dir), Some(file)) = (args.out.parent(), args.out.file_name()) else {
        eprintln!("error: --out must name a file");
        return ExitCode::FAILURE;
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut config = tl_codegen::Config::new()
        .cargo_output(false)
        .out_dir(&dir)
        .out_file(file.to_string_lossy())
        .runtime_path(args.runtime_path);
    for s in &schemas {
        config = config.schema(s);
    }
    match config.generate() {
        Ok((generated, path)) => {
            for w in &generated.warnings {
                eprintln!("{w}\n");
            }
            let inputs: Vec<String> = schemas.iter().map(|p| p.display().to_string()).collect();
            println!("{}", inputs.join(", "));
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Generate(args)) => generate(args),
        None => generate(GenerateArgs {
            schemas: Vec::new(),
            out: PathBuf::from("target/tl-codegen/tl.rs"),
            runtime_path: "::tl_runtime".to_owned(),
        }),
    }
}
