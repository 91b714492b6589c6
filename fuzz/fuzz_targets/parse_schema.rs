//! Arbitrary text as a TL schema: parsing and resolving must report problems (each with a
//! location inside the input) rather than panic; a schema that resolves must generate Rust
//! that parses.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use tl_codegen::options::Options;
use tl_codegen::plan::{ErrorFacts, Plan};
use tl_codegen::print::{generate, SchemaDocs};
use tl_codegen::model::{resolve, SourceFile};
use tl_codegen::schema::parse_schema;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let path = Path::new("fuzz.tl");
    let (schema, mut diags) = parse_schema(path, &text);
    let files = [SourceFile {
        path: PathBuf::from(path),
        text,
        schema,
    }];
    let (model, more) = resolve(&files);
    diags.extend(more);
    let lines = files[0].text.split('\n').count();
    for d in &diags {
        let _ = d.to_string();
        if let Some(loc) = &d.location {
            assert!(loc.line >= 1 && loc.line <= lines, "{d}");
            assert!(loc.column >= 1, "{d}");
        }
    }
    if diags.iter().any(|d| d.is_error()) {
        return;
    }
    let plan = Plan::new(&model, &Options::default(), &ErrorFacts::NONE)
        .expect("default options suit every model");
    let code = generate(&model, &plan, &SchemaDocs, &[]);
    if let Err(e) = syn::parse_file(&code) {
        panic!("generated code does not parse: {e}");
    }
});
