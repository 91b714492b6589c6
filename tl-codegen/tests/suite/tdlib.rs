//! TDLib's whole `td_api.tl` (1.8.66, from the shared material): which parameters become
//! `Option`, checked against a scan of the file that shares no code with the generator's
//! doc-tag parser. (That the whole td_api compiles without warnings and documents link-clean
//! is in `dialects.rs`, with the other dialects.)

use crate::common;

use std::collections::BTreeSet;

use tl_codegen::model::{nullable, FieldKind, Ty};
use tl_codegen::Config;

/// The parameters whose docs mention null without saying the parameter itself may be: the
/// sticker's expected size "if the sticker is null", and a location that "must be valid and
/// not null".
const NULL_ELSEWHERE: &[&str] = &[
    "animatedEmoji.sticker_width",
    "animatedEmoji.sticker_height",
    "setChatLocation.location",
];

/// Every `name.param` of the file whose documentation mentions "null", by a plain reading:
/// the `//` lines above a definition, joined, cut at each `@tag`.
fn params_mentioning_null(text: &str) -> (BTreeSet<String>, usize) {
    let mut out = BTreeSet::new();
    let mut params_seen = 0;
    let mut doc = String::new();
    for line in text.lines().map(str::trim) {
        if let Some(comment) = line.strip_prefix("//") {
            doc.push(' ');
            doc.push_str(comment.strip_prefix('-').unwrap_or(comment));
            continue;
        }
        if line.is_empty() || line.starts_with("---") {
            continue;
        }
        let doc_text = std::mem::take(&mut doc);
        let Some((lhs, _)) = line.split_once('=') else {
            continue;
        };
        let mut words = lhs.split_whitespace();
        let Some(name) = words.next() else { continue };
        let name = name.split('#').next().unwrap_or(name);
        // `@name text` pieces.
        let mut tags: Vec<(&str, String)> = Vec::new();
        for piece in doc_text.split('@').skip(1) {
            let (tag, rest) = piece.split_once(char::is_whitespace).unwrap_or((piece, ""));
            tags.push((tag, rest.to_owned()));
        }
        for word in words {
            let Some((param, _ty)) = word.split_once(':') else {
                continue;
            };
            params_seen += 1;
            let tagged = format!("param_{param}");
            let text: String = tags
                .iter()
                .filter(|(t, _)| *t == param || *t == tagged)
                .map(|(_, text)| text.as_str())
                .collect();
            if text.to_ascii_lowercase().contains("null") {
                out.insert(format!("{name}.{param}"));
            }
        }
    }
    (out, params_seen)
}

#[test]
fn the_parameters_documented_as_nullable_are_options() {
    let Some(shared) = common::shared() else {
        return;
    };
    let path = shared.join("tdlib-1.8.66/td_api.tl");
    let text = std::fs::read_to_string(&path).expect("td_api.tl");
    let (mentioning, params_seen) = params_mentioning_null(&text);
    assert!(
        params_seen > 6_500,
        "the scan read the parameters ({params_seen})"
    );

    let generated = Config::new()
        .cargo_output(false)
        .schema(&path)
        .generate_string()
        .expect("td_api generates");
    let model = &generated.model;
    let mut nullable_params = BTreeSet::new();
    let mut elements = BTreeSet::new();
    for item in model.constructors.iter().chain(&model.functions) {
        for field in &item.params {
            let FieldKind::Value { ty, .. } = &field.kind else {
                continue;
            };
            let key = format!("{}.{}", item.name, field.name);
            match ty {
                Ty::Nullable(inner) => {
                    assert!(matches!(**inner, Ty::Boxed(_) | Ty::Bare(_)), "{key}");
                    nullable_params.insert(key);
                }
                Ty::Vector { elem, .. } if matches!(**elem, Ty::Nullable(_)) => {
                    elements.insert(key.clone());
                    nullable_params.insert(key);
                }
                _ => {}
            }
        }
    }

    let expected: BTreeSet<String> = mentioning
        .iter()
        .filter(|k| !NULL_ELSEWHERE.contains(&k.as_str()))
        .cloned()
        .collect();
    let missed: Vec<_> = expected.difference(&nullable_params).collect();
    let extra: Vec<_> = nullable_params.difference(&expected).collect();
    assert!(
        missed.is_empty(),
        "documented as nullable, not an Option: {missed:?}"
    );
    assert!(
        extra.is_empty(),
        "an Option without docs saying null: {extra:?}"
    );
    for k in NULL_ELSEWHERE {
        assert!(mentioning.contains(*k), "{k} still mentions null");
    }
    assert_eq!(
        nullable_params.len(),
        584,
        "TDLib 1.8.66's nullable parameters"
    );
    // Lists whose entries may be null (a message that is gone), not the list itself.
    assert_eq!(
        elements,
        BTreeSet::from([
            "messages.messages".into(),
            "quickReplyMessages.messages".into()
        ])
    );
    // Each phrasing is used.
    for phrase in nullable::PHRASINGS {
        assert!(text.contains(phrase), "{phrase}");
    }
}

/// Writes `text` as a schema file of its own.
fn schema_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tdlib-json");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const SMALL_TD_API: &str = "\
double ? = Double;
string ? = String;
int32 = Int32;
int53 = Int53;
int64 = Int64;
bytes = Bytes;
boolFalse = Bool;
boolTrue = Bool;
vector {t:Type} # [ t ] = Vector t;

//@class FileType @description Represents the type of a file
//@description The file type is not yet known
fileTypeUnknown = FileType;
//@description The file is a photo
fileTypePhoto = FileType;

//@description A file @id Identifier @size Size @ids Other identifiers @hash Hash @type Its type; may be null
file id:int64 size:int53 ids:vector<int53> hash:bytes type:FileType = File;

---functions---

//@description Returns a file @file_id Identifier
getFile file_id:int53 = File;
";

#[test]
fn the_json_form_names_its_unknown_variant_and_writes_int53_as_numbers() {
    let generated = Config::new()
        .schema(schema_file("small_td_api.tl", SMALL_TD_API))
        .tdlib_json(true)
        .cargo_output(false)
        .generate_string()
        .expect("generates");
    let code = &generated.code;
    // `fileTypeUnknown` has the variant `Unknown`: the unknown `@type` gets another name.
    assert!(
        code.contains("        Unknown(types::FileTypeUnknown),\n"),
        "{code}"
    );
    assert!(
        code.contains("        UnknownObject(tdjson::UnknownObject),\n"),
        "{code}"
    );
    assert!(
        code.contains("        Unknown(tdjson::UnknownObject),\n"),
        "{code}"
    );
    // int53 through its codec, int64 as the `i64` it is (a JSON string).
    assert!(
        code.contains(r#"out.field_with::<Int53>("size", &self.size);"#),
        "{code}"
    );
    assert!(
        code.contains(r#"out.field_with::<VecOf<Int53>>("ids", &self.ids);"#),
        "{code}"
    );
    assert!(code.contains(r#"out.field("id", &self.id);"#), "{code}");
    // The nullable object defaults to `None`; no binary codecs.
    assert!(
        code.contains("let r#type = r#type.unwrap_or_default();"),
        "{code}"
    );
    assert!(
        code.contains("impl tdjson::Function for GetFile {"),
        "{code}"
    );
    assert!(!code.contains("impl Serialize for"), "{code}");
    assert!(!code.contains("fn name_for_id"), "{code}");
}

#[test]
fn the_json_form_refuses_what_tdlib_json_cannot_express() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let err = Config::new()
        .schema(root.join("schema/mtproto.tl"))
        .tdlib_json(true)
        .cargo_output(false)
        .generate_string()
        .expect_err("MTProto's flags and int128 have no JSON form");
    let text = err.to_string();
    assert!(text.contains("have no form in TDLib's JSON"), "{text}");
    assert!(text.contains("`client_DH_inner_data.nonce`"), "{text}");
    let err = Config::new()
        .schema(schema_file("small_td_api_arbitrary.tl", SMALL_TD_API))
        .tdlib_json(true)
        .arbitrary(true)
        .cargo_output(false)
        .generate_string()
        .expect_err("arbitrary needs the binary form");
    assert!(
        err.to_string()
            .contains("`arbitrary` does not combine with `tdlib_json`"),
        "{err}"
    );
}
