//! Generates the bindings of TDLib's `td_api.tl` with its JSON form, as a user's build script
//! would: TDLib 1.8.66's whole schema from the shared test material when it is there, else
//! the excerpt the generator's tests use (the tests against the library then skip).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let full = manifest.join("../../shared/tdlib-1.8.66/td_api.tl");
    let schema = if full.is_file() {
        full.clone()
    } else {
        manifest.join("../tl-codegen/tests/fixtures/dialects/td_api.tl")
    };
    println!("cargo:rerun-if-changed={}", full.display());
    // The tests name items of the whole td_api: they compile only with it.
    println!("cargo::rustc-check-cfg=cfg(td_api_full)");
    if schema == full {
        println!("cargo::rustc-cfg=td_api_full");
    }
    println!("cargo:rustc-env=TD_API_SCHEMA={}", schema.display());
    let generated = match tl_codegen::Config::new()
        .schema(&schema)
        .tdlib_json(true)
        .generate()
    {
        Ok((generated, _)) => generated,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    // For the tests: every enum by its TL type name, to read a value of it and write it back.
    let mut table = String::from(
        "/// Reads `json` as a value of the boxed type `type_name` and writes it back (`None`: no\n\
         /// such type).\n\
         pub fn reencode(type_name: &str, json: &str) -> Option<Result<crate::Reencoded, crate::JsonError>> {\n    \
         Some(match type_name {\n",
    );
    for (t, ty) in generated.model.types.iter().enumerate() {
        let _ = writeln!(
            table,
            "        {:?} => crate::reencode_as::<crate::td_api::{}>(json),",
            ty.name.to_string(),
            generated.paths.types[t]
        );
    }
    table.push_str("        _ => return None,\n    })\n}\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("by_type.rs"), table).expect("write by_type.rs");
}
