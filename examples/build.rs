//! Generates the bindings for the whole bundled schema and its docs pages, as a user's build
//! script would.

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let result = tl_codegen::Config::new()
        .schema(root.join("schema/api.tl"))
        .schema(root.join("schema/mtproto.tl"))
        // The bundled docs pages: rustdoc, and the error enum of `phone.requestCall`.
        .docs(root.join("schema/docs"))
        // Which fields are boxed, kept from layer to layer (`tl-codegen boxing` updates it).
        .boxing_record(root.join("schema/boxing.lock"))
        .generate();
    if let Err(e) = result {
        // The diagnostics name file, line and column; show them as Cargo's error.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
