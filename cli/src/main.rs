//! The `tl-codegen` command line.
//!
//! Run with no arguments in a workspace that has `schema/*.tl` (this repository does), it
//! generates bindings for those files (and the docs pages in `schema/docs`, if there are
//! any) into `target/tl-codegen/tl.rs` and prints a summary. The subcommands are in [`commands`].

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tl-codegen",
    version,
    about = "Generate Rust bindings from TL schemas",
    long_about = "Generate Rust bindings from TL schemas.\n\nWith no subcommand, runs \
                  `generate` on the bundled schema/*.tl (and schema/docs) of the current \
                  folder, writing target/tl-codegen/tl.rs."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and resolve the schema (and docs) and write the bindings to a Rust file.
    Generate(commands::generate::GenerateArgs),
    /// Parse and resolve the schema and docs and report every problem: exit status 1 on
    /// errors (and, with --deny-warnings, on warnings), 0 otherwise.
    Check(commands::check::CheckArgs),
    /// Write the schema in Telegram's JSON form (with the docs under extra keys), or with
    /// --to-tl turn such a JSON file back into a TL schema.
    Json(commands::json::JsonArgs),
    /// Show what changed between two schemas (.tl or Telegram .json files) and what it does
    /// to the generated Rust API: each change breaking or compatible, with its Rust paths
    /// (--definitions: the constructors and methods added, removed and changed). With
    /// --exit-code, exit status 1 on a breaking change; 2 when a schema cannot be read.
    Diff(commands::diff::DiffArgs),
    /// Record which fields of the schema are boxed, in the boxing record given with
    /// --boxing-record (created if missing): the next layer's bindings box what the two
    /// layers share as this one does. Decisions already recorded are kept. With --check,
    /// write nothing and exit with status 1 if the record is not up to date.
    Boxing(commands::boxing::BoxingArgs),
    /// Create a crate of its own for the bindings (Cargo.toml, build.rs, src/lib.rs and the
    /// schema), the set-up that builds fastest, and print the lines that add it to a
    /// workspace with incremental compilation off.
    New(commands::new::NewArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Some(Command::Generate(args)) => commands::generate::run(args),
        Some(Command::Check(args)) => commands::check::run(args),
        Some(Command::Json(args)) => commands::json::run(args),
        Some(Command::Diff(args)) => commands::diff::run(args),
        Some(Command::New(args)) => commands::new::run(args),
        Some(Command::Boxing(args)) => commands::boxing::run(args),
        None => commands::generate::run(commands::generate::GenerateArgs::default()),
    }
}
