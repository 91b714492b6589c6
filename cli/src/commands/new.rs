//! `tl-codegen new DIR`: a crate of its own for the bindings, the set-up that builds fastest.
//!
//! The crate holds the schema (copied into its `schema/` folder), a `build.rs` that generates
//! the bindings from it with `tl_codegen::Config`, and a `src/lib.rs` that includes them. The
//! application beside it depends on it, so editing the application never recompiles the
//! bindings; and the bindings crate is built without incremental compilation (the profile
//! lines printed at the end), which a clean build of ~180k generated lines pays for without
//! getting anything back: they change only when the schema does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{bundled_docs, bundled_schemas, Inputs};
use tl_codegen::model::BoxingRecord;

/// Arguments of `tl-codegen new`.
#[derive(Args, Debug, Clone)]
pub struct NewArgs {
    /// The folder to create (it must not exist, or be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The crate's name; default: the folder's name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Schema files to copy into the crate; default: every `schema/*.tl` here (this
    /// repository's bundled layer, run from its root).
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Folders of docs pages (`.md`, in subfolders too) to copy into the crate's
    /// `schema/docs`, in this order (prose from the first that has it, errors from all);
    /// default, with the bundled schema: `schema/docs` here, if it exists.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
    /// Generate only these (TL name patterns, as `generate --only`).
    #[arg(long = "only", value_name = "PATTERN")]
    pub only: Vec<String>,
    /// Depend on `tl-codegen` and `tl-runtime` in this checkout of their repository (path
    /// dependencies) instead of crates.io.
    #[arg(long = "tl-path", value_name = "DIR")]
    pub tl_path: Option<PathBuf>,
}

/// Runs `tl-codegen new`.
pub fn run(args: NewArgs) -> ExitCode {
    match create(&args) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Folders of docs pages are at most this deep (MadelineProto's are two levels).
const MAX_DOCS_DEPTH: usize = 8;

/// Copies the `.md` files under `from` into `to`, keeping their relative paths; how many.
fn copy_pages(from: &Path, to: &Path, depth: usize) -> Result<usize, String> {
    if depth > MAX_DOCS_DEPTH {
        return Err(format!("{}: docs folders nest too deep", from.display()));
    }
    let mut copied = 0;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copied += copy_pages(&path, &target, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            copy(&path, &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Whether `name` is a name Cargo accepts for a package.
fn valid_crate_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Creates the crate; what to tell the user, or why it could not be made.
fn create(args: &NewArgs) -> Result<String, String> {
    let dir = &args.dir;
    let name = crate_name(args)?;
    check_empty(dir)?;
    let (schemas, docs) = inputs(args)?;
    let names = file_names(&schemas)?;
    for (schema, file) in schemas.iter().zip(&names) {
        copy(schema, &dir.join("schema").join(file))?;
    }
    // The boxing record starts from this schema's sizes; later layers keep its decisions.
    let copied = Inputs {
        schemas: names.iter().map(|f| dir.join("schema").join(f)).collect(),
        ..Inputs::default()
    };
    let record = super::boxing::updated(&copied, &BoxingRecord::default())?;
    write(&dir.join(BOXING_RECORD), &record.to_text())?;
    let (pages, docs_dirs) = copy_docs(dir, &docs)?;
    write(&dir.join("Cargo.toml"), &cargo_toml(args, &name, &names)?)?;
    write(&dir.join("build.rs"), &build_rs(args, &names, &docs_dirs))?;
    write(&dir.join("src/lib.rs"), LIB_RS)?;
    Ok(next_steps(dir, &name, &names, pages))
}

/// `--name`, or the folder's name; a valid crate name.
fn crate_name(args: &NewArgs) -> Result<String, String> {
    let dir = &args.dir;
    let name = match &args.name {
        Some(name) => name.clone(),
        None => dir
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{}: give the crate a --name", dir.display()))?
            .to_owned(),
    };
    if !valid_crate_name(&name) {
        return Err(format!(
            "`{name}` is not a crate name (letters, digits, `-` and `_`, not starting with a \
             digit): pass --name"
        ));
    }
    Ok(name)
}

/// The crate's folder must be new or empty.
fn check_empty(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{} exists and is not empty: give a new folder",
                dir.display()
            ));
        }
    }
    Ok(())
}

/// The schema files and docs folders: those given, or the bundled ones.
fn inputs(args: &NewArgs) -> Result<(Vec<PathBuf>, Vec<PathBuf>), String> {
    let (schemas, docs) = if args.schemas.is_empty() {
        let docs = if args.docs.is_empty() {
            bundled_docs()
        } else {
            args.docs.clone()
        };
        (bundled_schemas(), docs)
    } else {
        (args.schemas.clone(), args.docs.clone())
    };
    if schemas.is_empty() {
        return Err(
            "no schema files: pass --schema FILE or run where schema/*.tl exists".to_owned(),
        );
    }
    Ok((schemas, docs))
}

/// The schema files' names, which must differ (they are copied into one folder).
fn file_names(schemas: &[PathBuf]) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    for schema in schemas {
        let file = schema
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{}: not a file name", schema.display()))?;
        if names.contains(&file) {
            return Err(format!("two schema files are called {file}"));
        }
        names.push(file);
    }
    Ok(names)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("{}: {e}", from.display()))
}

/// Copies the docs folders into the crate; the number of pages, and where each went.
fn copy_docs(dir: &Path, docs: &[PathBuf]) -> Result<(usize, Vec<String>), String> {
    // Each docs folder keeps its own tree (the order of folders matters: prose comes from
    // the first that has it, errors from all), under schema/docs, or schema/docs/<name> when
    // there are several.
    let mut pages = 0;
    let mut docs_dirs = Vec::new();
    for (i, folder) in docs.iter().enumerate() {
        let into = if docs.len() == 1 {
            "schema/docs".to_owned()
        } else {
            let name = folder
                .file_name()
                .and_then(|n| n.to_str())
                .filter(|n| valid_crate_name(n))
                .unwrap_or("docs");
            format!("schema/docs/{}-{name}", i + 1)
        };
        pages += copy_pages(folder, &dir.join(&into), 0)?;
        docs_dirs.push(into);
    }
    Ok((pages, docs_dirs))
}

/// The crate's manifest: tl-runtime, and tl-codegen for the build script (from crates.io,
/// or from a checkout with `--tl-path`).
fn cargo_toml(args: &NewArgs, name: &str, names: &[&str]) -> Result<String, String> {
    let (runtime, codegen) = match &args.tl_path {
        Some(root) => {
            let root =
                std::fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
            let path = |krate: &str| {
                format!(
                    "{{ path = {:?}, version = \"0.1\" }}",
                    root.join(krate).display().to_string()
                )
            };
            (path("tl-runtime"), path("tl-codegen"))
        }
        None => ("\"0.1\"".to_owned(), "\"0.1\"".to_owned()),
    };
    Ok(format!(
        "[package]\n\
         name = \"{name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         description = \"Rust bindings for {schemas}, generated by tl-codegen.\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         tl-runtime = {runtime}\n\
         \n\
         [build-dependencies]\n\
         tl-codegen = {codegen}\n",
        schemas = names.join(" and "),
    ))
}

/// The build script: the schema files, docs folders and `--only` patterns.
fn build_rs(args: &NewArgs, names: &[&str], docs_dirs: &[String]) -> String {
    let mut build = String::from(
        "//! Generates the bindings from `schema/` into `$OUT_DIR/tl.rs` (included by\n\
         //! src/lib.rs). Cargo runs it again when a file it reads changes.\n\
         \n\
         fn main() {\n    tl_codegen::Config::new()\n",
    );
    for file in names {
        build.push_str(&format!("        .schema(\"schema/{file}\")\n"));
    }
    for docs in docs_dirs {
        build.push_str(&format!("        .docs({docs:?})\n"));
    }
    build.push_str(&format!("        .boxing_record({BOXING_RECORD:?})\n"));
    if !args.only.is_empty() {
        let patterns: Vec<String> = args.only.iter().map(|p| format!("{p:?}")).collect();
        build.push_str(&format!("        .only([{}])\n", patterns.join(", ")));
    }
    build.push_str("        .generate()\n        .unwrap_or_else(|e| panic!(\"{e}\"));\n}\n");
    build
}

/// Where the crate keeps its boxing record.
const BOXING_RECORD: &str = "schema/boxing.lock";

/// The crate's library: the generated code.
const LIB_RS: &str =
    "//! Rust bindings for the TL schema in `schema/`, generated at build time by tl-codegen.\n\
     //!\n\
     //! The crate holds only the generated code, so that the application beside it\n\
     //! rebuilds without compiling the bindings again.\n\
     \n\
     pub use tl_runtime;\n\
     \n\
     tl_runtime::include_bindings!();\n";

/// What `new` prints: what was made, and the lines to add to the workspace.
fn next_steps(dir: &Path, name: &str, schema_files: &[&str], pages: usize) -> String {
    let shown = dir.display();
    let schemas: String = schema_files
        .iter()
        .map(|f| format!(" --schema {shown}/schema/{f}"))
        .collect();
    format!(
        "created the bindings crate `{name}` in {shown}: Cargo.toml, build.rs, src/lib.rs, \
         schema/ ({} schema file(s), {pages} docs page(s), boxing.lock)\n\
         \n\
         Add it to your workspace's Cargo.toml, without incremental compilation (the bindings\n\
         change only when the schema does; a clean build of them is faster without it):\n\
         \n\
         [workspace]\n\
         members = [\"{shown}\", ...]\n\
         \n\
         [profile.dev.package.{name}]\n\
         incremental = false\n\
         \n\
         and depend on it from your application:\n\
         \n\
         [dependencies]\n\
         {name} = {{ path = \"{shown}\" }}\n\
         \n\
         schema/boxing.lock keeps which fields are boxed the same from layer to layer. After\n\
         putting a new layer into schema/, record its new constructors in it:\n\
         \n\
         tl-codegen boxing{schemas} --boxing-record {shown}/schema/boxing.lock\n",
        schema_files.len()
    )
}

#[cfg(test)]
mod tests {
    use super::valid_crate_name;

    #[test]
    fn crate_names() {
        for ok in ["tl", "my-tl", "tl_2", "A"] {
            assert!(valid_crate_name(ok), "{ok}");
        }
        for bad in ["", "2tl", "my tl", "tl.rs", "ü"] {
            assert!(!valid_crate_name(bad), "{bad}");
        }
    }
}
