//! Constructor ids of the bundled layer-230 schema: every explicit id in `api.tl` matches the
//! normalization rule, and exactly six in `mtproto.tl` do not (three of Telegram's, and the
//! three naming MTProto's `message`, kept at their published ids in the namespace `mtproto`).

use std::path::Path;

use tl_codegen::schema::parse_schema;

fn parse(name: &str) -> tl_codegen::schema::ast::SchemaFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema")
        .join(name);
    let source = std::fs::read_to_string(&path).expect("bundled schema");
    let (file, diags) = parse_schema(&path, &source);
    assert!(diags.is_empty(), "{diags:#?}");
    file
}

fn mismatches(file: &tl_codegen::schema::ast::SchemaFile) -> (usize, Vec<String>) {
    let explicit: Vec<_> = file
        .definitions
        .iter()
        .filter(|d| d.explicit_id.is_some())
        .collect();
    let bad = explicit
        .iter()
        .filter(|d| d.explicit_id != Some(d.computed_id))
        .map(|d| d.name.to_string())
        .collect();
    (explicit.len(), bad)
}

#[test]
fn every_explicit_id_of_api_tl_verifies() {
    let file = parse("api.tl");
    assert_eq!(file.layer, Some(230));
    let (explicit, bad) = mismatches(&file);
    println!("api.tl: {explicit} explicit ids, {} mismatches", bad.len());
    assert_eq!(explicit, 2554);
    assert_eq!(bad, Vec::<String>::new());
}

/// Three of Telegram's published definitions, and the three that name MTProto's `message`,
/// which the bundled file puts in the namespace `mtproto` while keeping the published ids.
#[test]
fn exactly_six_mtproto_ids_do_not_follow_the_rule() {
    let file = parse("mtproto.tl");
    let (_, mut bad) = mismatches(&file);
    bad.sort();
    assert_eq!(
        bad,
        [
            "accessPointRule",
            "help.configSimple",
            "ipPortSecret",
            "msg_container",
            "msg_copy",
            "mtproto.message"
        ]
    );
}
