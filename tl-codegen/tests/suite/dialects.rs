//! The other published TL dialects (fixtures and their sources: `tests/fixtures/dialects/`):
//! TDLib's `td_api.tl`, TON's `ton_api.tl` / `lite_api.tl` / `tonlib_api.tl` (with `object`,
//! `function` and `mode:#` bits), MTProto's service messages with `Object`, tycho-network's
//! `proto.tl`, the end-to-end schema's `===N===` layers, and an older tdesktop-style Telegram
//! layer. Each generates, its model says what the schema means, and all the generated code
//! compiles without warnings in one scratch crate. What a file does oddly is a located
//! warning; what cannot mean anything, a located error.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_workspace_lock, write_if_changed};

use tl_codegen::model::{FieldKind, Model, Ty};
use tl_codegen::schema::ast::IdRule;
use tl_codegen::schema::parse_schema;
use tl_codegen::{Config, Error, Generated};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dialects")
        .join(name)
}

fn generate(name: &str) -> Generated {
    Config::new()
        .schema(fixture(name))
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn errors_of(path: &Path) -> String {
    match Config::new()
        .schema(path)
        .cargo_output(false)
        .generate_string()
    {
        Err(e @ Error::Schema(_)) => e.to_string(),
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(_) => panic!("{} was accepted", path.display()),
    }
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    // In the target folder, not the system's temp folder: nothing is left behind per run.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dialects");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn id_of(model: &Model, name: &str) -> u32 {
    model
        .constructors
        .iter()
        .chain(&model.functions)
        .chain(&model.bool_constructors)
        .find(|i| i.name.to_string() == name)
        .unwrap_or_else(|| panic!("no `{name}`"))
        .id
}

fn param_ty<'a>(model: &'a Model, item: &str, param: &str) -> &'a FieldKind {
    let item = model
        .constructors
        .iter()
        .chain(&model.functions)
        .find(|i| i.name.to_string() == item)
        .unwrap_or_else(|| panic!("no `{item}`"));
    &item
        .params
        .iter()
        .find(|p| p.name == param)
        .unwrap_or_else(|| panic!("no `{param}`"))
        .kind
}

fn plain(ty: Ty) -> FieldKind {
    FieldKind::Value {
        ty,
        condition: None,
    }
}

#[test]
fn tdlib_sized_integers_computed_ids_and_doc_comments() {
    let g = generate("td_api.tl");
    let m = &g.model;
    // `int32 = Int32;` and friends declare primitives, not constructors.
    for builtin in ["int32", "int53", "int64", "bytes"] {
        assert!(m.constructor_by_name(builtin).is_none(), "{builtin}");
    }
    assert!(matches!(
        param_ty(m, "textEntity", "offset"),
        FieldKind::Value { ty: Ty::Int, .. }
    ));
    assert!(matches!(
        param_ty(m, "botCommands", "bot_user_id"),
        FieldKind::Value { ty: Ty::Int53, .. }
    ));
    assert!(matches!(
        param_ty(m, "optionValueInteger", "value"),
        FieldKind::Value { ty: Ty::Long, .. }
    ));
    // `vector<textEntity>`: a bare vector of the bare constructor.
    match param_ty(m, "formattedText", "entities") {
        FieldKind::Value {
            ty: Ty::Vector { boxed: false, elem },
            ..
        } => assert!(matches!(**elem, Ty::Bare(_))),
        other => panic!("{other:?}"),
    }
    // No ids in the file: the TL parser's rule. `boolTrue = Bool;` must come out as the id
    // every TL implementation uses.
    assert_eq!(id_of(m, "boolTrue"), 0x9972_75b5);
    assert_eq!(id_of(m, "boolFalse"), 0xbc79_9737);
    assert_eq!(
        id_of(m, "optionValueBoolean"),
        crc32fast::hash(b"optionValueBoolean value:Bool = OptionValue")
    );

    // `//@` comments: descriptions, parameters (with `@param_description` for a parameter
    // named `description`), `//-` continuations and `//@class` type descriptions.
    let bot = &m.constructors[m.constructor_by_name("botCommand").unwrap()];
    assert_eq!(
        bot.doc.description.as_deref(),
        Some("Represents a command supported by a bot")
    );
    assert_eq!(
        bot.doc.params,
        [
            Some("Text of the bot command".to_owned()),
            Some("Description of the bot command".to_owned())
        ]
    );
    let text = &m.constructors[m.constructor_by_name("formattedText").unwrap()];
    let entities = text.doc.params[1].as_deref().unwrap();
    assert!(
        entities.starts_with("Entities contained in the text."),
        "{entities}"
    );
    assert!(
        entities.ends_with("All other entities can't contain each other"),
        "{entities}"
    );
    let option = &m.constructors[m.constructor_by_name("optionValueEmpty").unwrap()];
    assert_eq!(
        option.doc.type_description.as_deref(),
        Some("Represents the value of an option")
    );
    let set = &m.functions[m.function_by_name("setOption").unwrap()];
    assert!(set.doc.params[1]
        .as_deref()
        .unwrap()
        .starts_with("The new value of the option"));

    // They become rustdoc, as text rather than Markdown.
    assert!(
        g.code
            .contains("/// Represents a command supported by a bot\n"),
        "docs"
    );
    assert!(g.code.contains("/// Description of the bot command\n"));
    assert!(g.code.contains("/// Represents the value of an option\n"));
    assert!(
        g.code.contains(r#"beginning with "\#" and"#),
        "escaped Markdown"
    );
    assert!(!g.code.contains("@description"), "tags are not shown raw");
}

#[test]
fn ton_namespaces_paren_types_multiline_definitions_and_ids() {
    let g = generate("ton_api.tl");
    let m = &g.model;
    let short = &m.constructors[m.constructor_by_name("adnl.id.short").unwrap()];
    assert_eq!(short.name.namespace.as_deref(), Some("adnl.id"));
    assert!(m.type_by_name("adnl.id.Short").is_some());
    match param_ty(m, "adnl.addressList", "addrs") {
        FieldKind::Value {
            ty: Ty::Vector { boxed: false, elem },
            condition: None,
        } => assert!(matches!(**elem, Ty::Boxed(_))),
        other => panic!("{other:?}"),
    }
    // The definition spread over 17 lines, with conditionals on `flags`.
    let packet = &m.constructors[m.constructor_by_name("adnl.packetContents").unwrap()];
    assert_eq!(packet.params.len(), 16);
    assert!(matches!(
        param_ty(m, "adnl.packetContents", "messages"),
        FieldKind::Value {
            ty: Ty::Vector { boxed: false, .. },
            condition: Some(_)
        }
    ));
    // `bytes data:string = Bytes;` declares the primitive.
    assert!(m.constructor_by_name("bytes").is_none());
    // Ids as TON computes them (`bytes` hashed as written), checked against the values
    // TON software puts on the wire.
    assert_eq!(id_of(m, "adnl.message.query"), 0xb48b_f97a);
    assert_eq!(id_of(m, "tcp.ping"), 0x4d08_2b9a);
    assert!(
        g.code.contains("pub mod adnl_id {"),
        "nested namespace module"
    );
}

#[test]
fn lite_api_mode_fields_plain_nat_values_and_explicit_ids() {
    let g = generate("lite_api.tl");
    let m = &g.model;
    assert_eq!(
        parse_schema(
            &fixture("lite_api.tl"),
            &std::fs::read_to_string(fixture("lite_api.tl")).unwrap()
        )
        .0
        .id_rule,
        IdRule::Plain
    );
    assert_eq!(id_of(m, "liteServer.getMasterchainInfo"), 0x89b5_e62e);
    assert_eq!(id_of(m, "liteServer.masterchainInfo"), 0x8583_2881);
    // An explicit id is kept even where the definition now hashes differently.
    assert_eq!(id_of(m, "liteServer.transactionId"), 0xb12f_65af);
    // `mode.N?T` conditionals hang off `mode:#`.
    assert!(matches!(
        param_ty(m, "liteServer.lookupBlock", "mode"),
        FieldKind::Flags
    ));
    assert!(matches!(
        param_ty(m, "liteServer.lookupBlock", "lt"),
        FieldKind::Value {
            ty: Ty::Long,
            condition: Some(_)
        }
    ));
    // A `#` that nothing is conditional on is a value (a count, a mode) of its own, not a
    // word computed as 0.
    assert_eq!(
        *param_ty(m, "liteServer.getTransactions", "count"),
        FieldKind::Flags
    );
    let item = &m.functions[m.function_by_name("liteServer.getTransactions").unwrap()];
    let (members, _) = tl_codegen::plan::layout::members(item);
    assert_eq!(members[0], tl_codegen::plan::Member::Plain { param: 0 });
    let get_transactions = g
        .code
        .split("pub struct GetTransactions {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .unwrap();
    assert!(
        get_transactions.contains("pub count: u32,"),
        "{get_transactions}"
    );
    assert!(g.code.contains("out.put_u32_le(self.count);"));
    assert!(g.code.contains("let count = reader.read_u32()?;"));
    // Explicit ids that differ from the hash are kept, with a warning each.
    assert_eq!(g.warnings.len(), 3, "{:?}", g.warnings);
}

#[test]
fn tonlib_secure_strings_and_sized_integers() {
    let g = generate("tonlib_api.tl");
    let m = &g.model;
    assert_eq!(*param_ty(m, "key", "secret"), plain(Ty::Bytes));
    assert_eq!(*param_ty(m, "exportedPemKey", "pem"), plain(Ty::String));
    assert_eq!(
        *param_ty(m, "options.configInfo", "default_wallet_id"),
        plain(Ty::Long)
    );
    match param_ty(m, "exportedKey", "word_list") {
        FieldKind::Value {
            ty: Ty::Vector { boxed: false, elem },
            ..
        } => assert_eq!(**elem, Ty::String),
        other => panic!("{other:?}"),
    }
    for builtin in ["secureString", "secureBytes", "int256"] {
        assert!(m.constructor_by_name(builtin).is_none(), "{builtin}");
    }
}

#[test]
fn secret_chat_layers_keep_every_version_decodable() {
    let g = generate("secret_layers.tl");
    let m = &g.model;
    assert_eq!(m.layer, Some(144), "the highest `===N===` marker");
    // The newest definition keeps the name; each older one is `name_layerN`.
    assert_eq!(id_of(m, "decryptedMessage"), 0x91cc_4674);
    assert_eq!(id_of(m, "decryptedMessage_layer45"), 0x36b0_91de);
    assert_eq!(id_of(m, "decryptedMessage_layer17"), 0x204d_3878);
    assert_eq!(id_of(m, "decryptedMessage_layer8"), 0x1f81_4f1f);
    assert_eq!(id_of(m, "decryptedMessageMediaAudio_layer8"), 0x6080_758f);
    let ty = m.type_by_name("DecryptedMessage").unwrap();
    assert_eq!(
        m.types[ty].constructors.len(),
        6,
        "all versions are variants"
    );
    assert!(g.code.contains("0x1f814f1f => \"decryptedMessage_layer8\""));

    // Within one layer, a second definition is still an error.
    let twice = temp_file(
        "twice.tl",
        "===8===\na#1 = A;\n===17===\na#2 x:int = A;\na#3 y:int = A;\n",
    );
    let report = errors_of(&twice);
    assert!(report.contains("`a` is defined twice"), "{report}");
    assert!(report.contains("twice.tl:5:1"), "{report}");
}

#[test]
fn tdesktop_built_ins_short_ids_and_an_older_layer() {
    let g = generate("tdesktop_layer109.tl");
    let m = &g.model;
    assert_eq!(m.layer, Some(109));
    assert_eq!(id_of(m, "storage.fileJpeg"), 0x007e_fe0e);
    assert_eq!(id_of(m, "userStatusEmpty"), 0x09d0_5049);
    // Every explicit id, short ones included, verifies under Telegram's rule.
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    assert!(m.constructor_by_name("int").is_none());
    assert!(m.function_by_name("invokeAfterMsgs").unwrap() < m.functions.len());
}

#[test]
fn ton_object_and_function_are_any_boxed_value() {
    let g = generate("ton_object.tl");
    let m = &g.model;
    assert_eq!(*param_ty(m, "testObject", "o"), plain(Ty::Object));
    assert_eq!(*param_ty(m, "testObject", "f"), plain(Ty::Function));
    assert!(g.code.contains("pub o: ::tl_runtime::wire::RawObject,"));
    // `o:object` is followed by `f`: nothing says where it ends, so reading it takes the
    // rest of the input; one located warning says so. (`f`, last, runs to the end.)
    let warnings: Vec<String> = g.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("`testObject.o` holds an `Object`"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("ton_object.tl:18:22"), "{warnings:?}");

    // lite_api.tl as published: its three query wrappers return `Object`.
    let g = generate("lite_api.tl");
    for name in [
        "liteServer.queryPrefix",
        "liteServer.query",
        "liteServer.waitMasterchainSeqno",
    ] {
        let f = &g.model.functions[g.model.function_by_name(name).unwrap()];
        assert_eq!(f.result, Ty::Object, "{name}");
    }
    assert!(g
        .code
        .contains("type Return = ::tl_runtime::wire::RawObject;"));
}

#[test]
fn constructors_of_object_build_any_value_and_lengths_come_before_bodies() {
    let g = generate("mtproto_objects.tl");
    let m = &g.model;
    // `gzip_packed ... = Object` is a constructor, of no enum of its own.
    let gzip = &m.constructors[m.constructor_by_name("gzip_packed").unwrap()];
    assert_eq!(gzip.result, Ty::Object);
    assert!(m.type_by_name("Object").is_none());
    assert!(!g.code.contains("pub enum Object"));
    // `message ... bytes:int body:Object`: `bytes` is the body's length, no field of its own.
    let message = &m.constructors[m.constructor_by_name("message").unwrap()];
    assert!(message.is_length_prefixed(3));
    assert!(!message.is_length_prefixed(2));
    let strukt = g
        .code
        .split("pub struct Message {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .unwrap();
    assert!(!strukt.contains("pub bytes"), "{strukt}");
    assert!(g.code.contains("self.body.write_with_len(out);"));
    assert!(g
        .code
        .contains("let body = ::tl_runtime::wire::RawObject::read_with_len(reader)?;"));
    // `rpc_result.result`, last, runs to the end of the input.
    assert!(g
        .code
        .contains("let result = ::tl_runtime::wire::RawObject::deserialize(reader)?;"));
    // Telegram's ids, `msg_container`'s (hashed as `vector message`) included: no warning.
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    assert_eq!(id_of(m, "message"), 0x5bb8_e511);
}

#[test]
fn true_used_without_a_declaration_is_implied() {
    let path = temp_file(
        "implied_true.tl",
        "int ? = Int;\n---functions---\ndht.store value:int = True;\nping x:int = Vector<True>;\n",
    );
    let g = Config::new()
        .schema(&path)
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
    let m = &g.model;
    assert_eq!(id_of(m, "true"), 0x3fed_d339);
    let t = m.type_by_name("True").unwrap();
    assert_eq!(m.types[t].constructors.len(), 1);
    let store = &m.functions[m.function_by_name("dht.store").unwrap()];
    assert_eq!(store.result, Ty::Boxed(t));
    // Declared, it is not added again (and ton_object.tl's `true = True;` keeps its id).
    let declared = generate("ton_object.tl");
    assert_eq!(
        id_of(&declared.model, "true"),
        crc32fast::hash(b"true = True")
    );
    let path = temp_file(
        "declared_true.tl",
        "yes#1 = True;\n---functions---\nf = True;\n",
    );
    let g = Config::new()
        .schema(&path)
        .cargo_output(false)
        .generate_string()
        .unwrap();
    assert!(g.model.constructor_by_name("true").is_none());
    // Not used: not added.
    assert!(generate("td_api.tl").model.type_by_name("True").is_none());
}

#[test]
fn tycho_network_true_results_and_a_result_type_nothing_builds() {
    let g = generate("tycho_proto.tl");
    let m = &g.model;
    // `overlay.prefix overlay_id:int256 = True;` with no `true = True;` in the file.
    let t = m.type_by_name("True").unwrap();
    let prefix = &m.functions[m.function_by_name("overlay.prefix").unwrap()];
    assert_eq!(prefix.result, Ty::Boxed(t));
    assert_eq!(id_of(m, "true"), 0x3fed_d339);
    // `... = overlay.PublicEntries;`, which no constructor builds (the file's own comment
    // says it means `overlay.PublicEntriesResponse`): read as any value, with a warning.
    let exchange = &m.functions[m
        .function_by_name("overlay.exchangeRandomPublicEntries")
        .unwrap()];
    assert_eq!(exchange.result, Ty::Object);
    let warnings: Vec<String> = g.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("returns `overlay.PublicEntries`, which no constructor builds"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("tycho_proto.tl:71:7"), "{warnings:?}");
    // A type that nothing names is still an error where a parameter uses it.
    let path = temp_file("unknown_param.tl", "a x:Nothing = A;\n");
    let report = errors_of(&path);
    assert!(report.contains("unknown type `Nothing`"), "{report}");
    assert!(report.contains("unknown_param.tl:1:5"), "{report}");
}

#[test]
fn a_definition_repeated_word_for_word_is_a_warning() {
    // pyrotgfork 2.2.24.1 has `ipPort` & co. in both main_api.tl and sys_msgs.tl.
    let main = temp_file(
        "repeat_main.tl",
        "ipPort#d433ad73 ipv4:int port:int = IpPort;\n",
    );
    let sys = temp_file(
        "repeat_sys.tl",
        "// sys\nipPort#d433ad73  ipv4:int port:int = IpPort;\n",
    );
    let g = Config::new()
        .schema(&main)
        .schema(&sys)
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(g.model.constructors.len(), 1);
    let warnings: Vec<String> = g.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("defined twice, identically"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("repeat_sys.tl:2:1"), "{warnings:?}");
    // Another definition under the same name is still an error.
    let other = temp_file(
        "repeat_other.tl",
        "ipPort#d433ad73 ipv4:long port:int = IpPort;\n",
    );
    let report = match Config::new()
        .schema(&main)
        .schema(&other)
        .cargo_output(false)
        .generate_string()
    {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted"),
    };
    assert!(
        report.contains("`ipPort` is defined twice (first at"),
        "{report}"
    );
}

#[test]
fn mode_bits_that_no_parameter_carries_are_settable() {
    let g = generate("lite_api.tl");
    // `liteServer.lookupBlock mode:# id:tonNode.blockId lt:mode.1?long utime:mode.2?int`:
    // bit 0 ("by seqno") has no parameter, so `mode` is a field holding the other bits.
    let item = &g.model.functions[g.model.function_by_name("liteServer.lookupBlock").unwrap()];
    let (members, _) = tl_codegen::plan::layout::members(item);
    assert_eq!(members[0], tl_codegen::plan::Member::Plain { param: 0 });
    let body = g
        .code
        .split("pub struct LookupBlock {")
        .nth(1)
        .and_then(|rest| rest.split("impl RemoteCall").next())
        .unwrap();
    assert!(body.contains("pub mode: u32,"), "{body}");
    assert!(
        body.contains(
            "let mut mode_bits = self.mode & !0x6;\n\
             \x20               mode_bits |= (self.lt.is_some() as u32) << 1;\n\
             \x20               mode_bits |= (self.utime.is_some() as u32) << 2;\n\
             \x20               out.put_u32_le(mode_bits);"
        ),
        "{body}"
    );
    assert!(body.contains("let mode = mode_bits & !0x6;"), "{body}");
    // Telegram's `flags` words stay computed.
    let word = |name: &str| tl_codegen::model::Field {
        name: name.to_owned(),
        kind: tl_codegen::model::FieldKind::Flags,
    };
    assert!(!word("flags").keeps_own_bits());
    assert!(!word("flags2").keeps_own_bits());
    assert!(word("mode").keeps_own_bits());
    let packet = generate("ton_api.tl");
    assert!(!packet.code.contains("pub flags: u32"));
}

/// Generates every fixture into one scratch crate and runs `cargo check` on it, with
/// warnings denied.
#[test]
fn generated_code_of_every_dialect_compiles_without_warnings() {
    let fixtures = [
        "td_api.tl",
        "ton_api.tl",
        "lite_api.tl",
        "tonlib_api.tl",
        "ton_object.tl",
        "mtproto_objects.tl",
        "tycho_proto.tl",
        "secret_layers.tl",
        "tdesktop_layer109.tl",
        "cycles.tl",
    ];
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dialects-crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tl-runtime");
    let manifest = format!(
        "[package]\nname = \"dialects-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ntl-runtime = {{ path = {:?}, features = [\"tdjson\"] }}\n\
         serde = {{ version = \"1\", features = [\"derive\"], optional = true }}\n\n\
         [features]\ndefault = [\"serde\"]\nserde = [\"dep:serde\", \"tl-runtime/serde\"]\n\n[workspace]\n",
        runtime.canonicalize().unwrap()
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    copy_workspace_lock(&dir);
    let mut lib = String::from("//! Bindings of each dialect fixture.\n#![deny(warnings)]\n");
    for name in fixtures {
        let module = name.trim_end_matches(".tl");
        let code = generate(name).code;
        write_if_changed(&dir.join(format!("src/{module}.rs")), &code);
        lib.push_str(&format!(
            "/// Bindings of `{name}`.\npub mod {module} {{\n    include!(\"{module}.rs\");\n}}\n"
        ));
    }
    // The td_api excerpt in TDLib's JSON form, with serde's derives beside it.
    let code = Config::new()
        .schema(fixture("td_api.tl"))
        .tdlib_json(true)
        .serde(true)
        .cargo_output(false)
        .generate_string()
        .expect("td_api.tl in TDLib's JSON form")
        .code;
    write_if_changed(&dir.join("src/td_api_json.rs"), &code);
    lib.push_str(
        "/// Bindings of `td_api.tl` in TDLib's JSON form, with serde.\npub mod td_api_json {\n    \
         include!(\"td_api_json.rs\");\n}\n",
    );
    // Without the `PartialEq` derive (`partial_eq(false)`), binary and JSON: nothing generated
    // relies on it.
    for (module, json) in [("ton_api_no_eq", false), ("td_api_json_no_eq", true)] {
        let schema = if json { "td_api.tl" } else { "ton_api.tl" };
        let code = Config::new()
            .schema(fixture(schema))
            .tdlib_json(json)
            .partial_eq(false)
            .cargo_output(false)
            .generate_string()
            .expect("generates without PartialEq")
            .code;
        assert!(
            code.contains("#[derive(Debug, Clone)]") && !code.contains("PartialEq"),
            "{module}: PartialEq derived"
        );
        write_if_changed(&dir.join(format!("src/{module}.rs")), &code);
        lib.push_str(&format!(
            "/// Bindings of `{schema}` without `PartialEq`.\npub mod {module} {{\n    \
             include!(\"{module}.rs\");\n}}\n"
        ));
    }
    // TDLib's whole td_api of 1.8.66 (737 types, 2,161 constructors, 1,010 functions).
    if let Some(shared) = common::shared() {
        let code = Config::new()
            .schema(shared.join("tdlib-1.8.66/td_api.tl"))
            .cargo_output(false)
            .generate_string()
            .expect("the whole td_api generates")
            .code;
        write_if_changed(&dir.join("src/td_api_full.rs"), &code);
        lib.push_str(
            "/// Bindings of TDLib 1.8.66's whole `td_api.tl`.\npub mod td_api_full {\n    \
             include!(\"td_api_full.rs\");\n}\n",
        );
    }
    write_if_changed(&dir.join("src/lib.rs"), &lib);
    // `cargo check`, then `cargo doc`: rustdoc's lints (links that resolve to nothing, bare
    // URLs) run only there.
    for (command, flags) in [("check", "RUSTFLAGS"), ("doc", "RUSTDOCFLAGS")] {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let run = |offline: bool| {
            let mut cmd = Command::new(&cargo);
            cmd.arg(command)
                .arg("--quiet")
                .arg("--message-format=short")
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", dir.join("target"))
                .env_remove("RUSTFLAGS")
                .env(flags, "-D warnings");
            if command == "doc" {
                cmd.arg("--no-deps");
            }
            if offline {
                cmd.arg("--offline");
            }
            cmd.output().expect("run cargo")
        };
        let mut out = run(true);
        if !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("offline") {
            out = run(false);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "cargo {command} failed:\n{stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
}
