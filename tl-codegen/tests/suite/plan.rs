//! The plan as a user of the library meets it: the names and layout it decides are the ones
//! the generated file has, option problems are reported at once, and extensions see it.

use std::path::{Path, PathBuf};

use tl_codegen::extension::Extension;
use tl_codegen::model::Model;
use tl_codegen::plan::{Member, Plan, Root};
use tl_codegen::print::Writer;
use tl_codegen::{Config, Error};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The seed's fixture: `phone.requestCall` and what it needs, with the seed page's errors.
fn config() -> Config {
    Config::new()
        .cargo_output(false)
        .schema(repo().join("tl-codegen/tests/fixtures/docs/phone_call.tl"))
        .docs(repo().join("schema/docs/phone_requestCall.md"))
}

fn plan_of(config: &Config) -> (Model, Plan) {
    let (model, _) = config.load().expect("the fixture loads");
    let docs = config.load_docs().expect("docs load");
    let plan = config.plan(&model, docs.as_ref()).expect("plans");
    (model, plan)
}

#[test]
fn the_plan_names_what_the_file_defines() {
    let config = config();
    let (model, plan) = plan_of(&config);
    let code = config.generate_string().expect("generates").code;

    let f = model.function_by_name("phone.requestCall").unwrap();
    let request = &plan.functions[f];
    assert_eq!(
        request.strukt.path.doc_path(),
        "functions::phone::RequestCall"
    );
    let error = request.error_enum.as_ref().expect("documented errors");
    assert_eq!(error.root, Root::Errors);
    assert_eq!(error.doc_path(), "errors::phone::RequestCallError");
    // One variant per distinct documented name.
    let docs = config.load_docs().unwrap().unwrap();
    let mut names: Vec<&str> = docs.methods["phone.requestCall"]
        .errors
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert!(names.len() > 1);
    assert_eq!(request.error_variants.len(), names.len());
    for v in &request.error_variants {
        assert!(
            code.contains(&format!("    {}", v.ident)),
            "variant {} is in the file",
            v.ident
        );
    }
    // `video` is a `true` flag, a `bool` field named by the plan.
    let video = request
        .strukt
        .members
        .iter()
        .find(|m| m.name == "video")
        .unwrap();
    assert!(matches!(video.member, Member::Flag { .. }));

    let t = model.type_by_name("PhoneCall").unwrap();
    let mut names: Vec<&str> = plan.types[t]
        .variants
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    names.sort_unstable();
    let expected = [
        "Accepted",
        "Discarded",
        "Empty",
        "PhoneCall",
        "Requested",
        "Waiting",
    ];
    assert_eq!(names, expected);
    for (c, s) in plan.constructors.iter().enumerate() {
        let name = &s.path.name;
        assert!(
            code.contains(&format!("pub struct {name} {{"))
                || code.contains(&format!("pub struct {name};")),
            "{} ({name}) is defined",
            model.constructors[c].name
        );
    }
    // The paths a build script gets are the plan's.
    let generated = config.generate_string().unwrap();
    assert_eq!(
        generated.paths.functions,
        plan.item_paths().functions,
        "Generated::paths come from the plan"
    );
}

#[test]
fn every_option_problem_is_reported_at_once() {
    let err = config()
        .runtime_path("not a path")
        .type_attribute("derive(Hash)")
        .field_type("phone.requestCall.video", "crate::Flag")
        .field_attribute("nothing.matches", "#[doc(hidden)]")
        .generate_string()
        .unwrap_err();
    let Error::Options(problems) = &err else {
        panic!("an options error, not {err}");
    };
    assert_eq!(problems.len(), 4, "{problems:#?}");
    let text = err.to_string();
    for needle in [
        "runtime path `not a path` is not a Rust path",
        "type attribute `derive(Hash)` is not an attribute",
        "`phone.requestCall.video` is a `true` flag",
        "field attribute pattern `nothing.matches` matches no field",
    ] {
        assert!(text.contains(needle), "{needle:?} in:\n{text}");
    }
}

/// Adds a constant listing the functions, named by the plan's paths.
struct FunctionNames;

impl Extension for FunctionNames {
    fn name(&self) -> &str {
        "function names"
    }

    fn generate(&self, model: &Model, plan: &Plan, out: &mut Writer) {
        out.line("/// Every function: TL name and constructor id.");
        out.open("pub fn function_ids() -> Vec<(&'static str, u32)> {");
        out.line("use ::tl_runtime::wire::Identifiable;");
        out.open("vec![");
        for (item, function) in model.functions.iter().zip(&plan.functions) {
            out.line_fmt(format_args!(
                "({:?}, {}::CONSTRUCTOR_ID),",
                item.name.to_string(),
                function.strukt.path.doc_path()
            ));
        }
        out.close("]");
        out.close("}");
    }
}

#[test]
fn extensions_add_code_at_the_end_and_the_glue_can_be_turned_off() {
    let code = config()
        .extension(FunctionNames)
        .generate_string()
        .unwrap()
        .code;
    let list = code
        .find("pub fn function_ids")
        .expect("the extension's item");
    let glue = code.find("__calls_glue!").expect("the voice-call glue");
    assert!(glue < list, "extensions run after the built-in glue");
    assert!(
        code[list..].contains("functions::phone::RequestCall::CONSTRUCTOR_ID"),
        "{}",
        &code[list..]
    );
    syn::parse_file(&code).expect("the file with the extension parses");

    let without = config().calls_glue(false).generate_string().unwrap().code;
    assert!(!without.contains("__calls_glue!"));
    assert!(without.len() < code.len());
}

#[test]
fn a_config_with_extensions_can_cross_threads() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let config = config().extension(FunctionNames);
    send_sync(&config);
    let code = std::thread::spawn(move || config.generate_string().unwrap().code)
        .join()
        .unwrap();
    assert!(code.contains("pub fn function_ids"));
}

#[test]
fn enums_are_non_exhaustive_only_when_asked() {
    // Every enum of a TL type, and only those: structs and error enums keep their own form.
    let count = |code: &str| {
        let file = syn::parse_file(code).expect("parses");
        let mut enums = (0, 0);
        let mut stack: Vec<&syn::Item> = file.items.iter().collect();
        while let Some(item) = stack.pop() {
            match item {
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        stack.extend(items.iter());
                    }
                }
                syn::Item::Enum(e) if !e.ident.to_string().ends_with("Error") => {
                    enums.0 += 1;
                    if e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
                        enums.1 += 1;
                    }
                }
                _ => {}
            }
        }
        enums
    };
    let (all, marked) = count(&config().generate_string().unwrap().code);
    assert!(all >= 9, "the fixture's type enums: {all}");
    assert_eq!(marked, 0, "off by default");
    let code = config()
        .non_exhaustive_enums(true)
        .generate_string()
        .unwrap()
        .code;
    assert_eq!(count(&code), (all, all));
}
