//! The `tl-codegen` binary, run as users run it: exit statuses, diagnostics with their
//! locations, the JSON round trip and the schema diff, on the small schemas in
//! `tests/fixtures/cli/` (and the bundled schema for the round trip).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
}

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(fixture(""))
        .output()
        .expect("run tl-codegen")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn status(out: &Output) -> i32 {
    out.status.code().expect("exit status")
}

#[test]
fn check_reports_every_error_with_its_location_and_exits_1() {
    let out = run(&["check", "--schema", "malformed.tl"]);
    let stderr = text(&out.stderr);
    assert_eq!(status(&out), 1, "{stderr}");
    assert!(
        stderr.contains("error: expected a parameter (`name:type`)\n  --> malformed.tl:4:25\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: unknown type `Usr`\n  --> malformed.tl:5:20\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("5 | chat id:long owner:Usr = Chat;\n  |                    ^"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("2 error(s), 0 warning(s)"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_exit_status_follows_errors_and_deny_warnings() {
    // Clean schema: 0 with or without --deny-warnings.
    let out = run(&["check", "--schema", "old.tl", "--deny-warnings"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("layer 1: 3 types, 6 constructors, 3 functions"));
    // The docs cover one method only: warnings, which fail only with --deny-warnings.
    let out = run(&["check", "--schema", "old.tl", "--docs", "docs"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("without a docs page"));
    let out = run(&[
        "check",
        "--schema",
        "old.tl",
        "--docs",
        "docs",
        "--deny-warnings",
    ]);
    assert_eq!(status(&out), 1);
    // A selection pattern that matches nothing is an error.
    let out = run(&["check", "--schema", "old.tl", "--only", "users.getUsr"]);
    assert_eq!(status(&out), 1);
    assert!(text(&out.stderr).contains(
        "error: only pattern `users.getUsr`: matches no function, constructor or type of the schema"
    ));
    // A missing file is an error too.
    let out = run(&["check", "--schema", "absent.tl"]);
    assert_eq!(status(&out), 1);
    assert!(text(&out.stderr).contains("absent.tl"));
}

#[test]
fn json_has_telegrams_shape_and_the_docs() {
    let out = run(&["json", "--schema", "old.tl", "--docs", "docs"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["layer"], 1);
    assert_eq!(
        v["constructors"][4],
        json!({"id": "864920723", "predicate": "user",
               "params": [{"name": "id", "type": "long"}, {"name": "name", "type": "string"}],
               "type": "User"})
    );
    assert_eq!(
        v["methods"][2],
        json!({"id": "-1585566107", "method": "users.getUser",
               "params": [{"name": "id", "type": "long", "description": "Which user to fetch"}],
               "type": "User",
               "description": "Fetch one user by id",
               "errors": [
                   {"code": 400, "name": "USER_ID_INVALID", "description": "No user has this id"},
                   {"code": 420, "name": "FLOOD_WAIT_X", "description": "Wait X seconds before asking again"}
               ],
               "bots_can_use": true})
    );
    // Without docs, no extra keys but the layer.
    let out = run(&["json", "--schema", "old.tl"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["methods"][2],
        json!({"id": "-1585566107", "method": "users.getUser",
               "params": [{"name": "id", "type": "long"}], "type": "User"})
    );
}

/// schema -> JSON -> schema -> JSON gives the same JSON, and the rebuilt schema checks clean
/// and gives the same bindings.
fn round_trip(schemas: &[PathBuf], test: &str) {
    let dir = scratch(test);
    let json1 = dir.join("schema.json");
    let tl = dir.join("rebuilt.tl");
    let json2 = dir.join("again.json");
    let mut args: Vec<String> = vec!["json".into()];
    for s in schemas {
        args.push("--schema".into());
        args.push(s.display().to_string());
    }
    args.extend(["--out".into(), json1.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let out = run(&[
        "json",
        "--to-tl",
        json1.to_str().unwrap(),
        "--out",
        tl.to_str().unwrap(),
    ]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let out = run(&[
        "json",
        "--schema",
        tl.to_str().unwrap(),
        "--out",
        json2.to_str().unwrap(),
    ]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let first = std::fs::read_to_string(&json1).unwrap();
    assert_eq!(first, std::fs::read_to_string(&json2).unwrap());
    // And `diff` sees no difference between the schema and its JSON form.
    if let [schema] = schemas {
        let out = run(&[
            "diff",
            "--exit-code",
            schema.to_str().unwrap(),
            json1.to_str().unwrap(),
        ]);
        assert_eq!(status(&out), 0, "{}", text(&out.stdout));
    }
}

#[test]
fn json_round_trips_a_small_schema() {
    round_trip(&[fixture("old.tl")], "round_trip_small");
    round_trip(&[fixture("new.tl")], "round_trip_small_new");
}

#[test]
fn json_round_trips_the_bundled_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    round_trip(
        &[root.join("api.tl"), root.join("mtproto.tl")],
        "round_trip_bundled",
    );
}

#[test]
fn json_import_errors_name_the_place() {
    let dir = scratch("json_import_errors");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"constructors": [{"id": "12", "predicate": "a", "params": [{"name": "x", "type": "int;"}], "type": "A"}], "methods": []}"#,
    )
    .unwrap();
    let out = run(&["json", "--to-tl", bad.to_str().unwrap()]);
    assert_eq!(status(&out), 1);
    assert!(text(&out.stderr).contains("constructors[0].params[0].type: `int;` is not a TL type"));
    std::fs::write(&bad, "{\"constructors\": [}").unwrap();
    let out = run(&["json", "--to-tl", bad.to_str().unwrap()]);
    assert_eq!(status(&out), 1);
    assert!(
        text(&out.stderr).contains("line 1 column 19"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn diff_reports_exactly_the_known_differences() {
    let out = run(&["diff", "old.tl", "new.tl", "--json"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The classification (see `diff_classifies_each_change_for_the_rust_api`), beside the
    // definitions' differences.
    let api = v
        .as_object_mut()
        .unwrap()
        .remove("api")
        .expect("an `api` key");
    assert_eq!(api["breaking"], 5);
    assert_eq!(
        api["changes"][0],
        json!({
            "impact": "breaking",
            "kind": "type_removed",
            "item": "Photo",
            "paths": ["enums::Photo"],
            "detail": "type `Photo` removed"
        })
    );
    assert_eq!(
        v,
        json!({
            "old_layer": 1,
            "new_layer": 2,
            "constructors": {
                "added": [{"name": "document", "definition": "document#e21ab7eb id:long = Document;"}],
                "removed": [{"name": "photo", "definition": "photo#32e47466 id:long = Photo;"}],
                "changed": [
                    {
                        "name": "chat",
                        "old": "chat#d6775f11 id:long title:string = Chat;",
                        "new": "chat#d6775f11 id:long title:bytes = Chat;",
                        "params_retyped": [{"name": "title", "old": "string", "new": "bytes"}]
                    },
                    {
                        "name": "user",
                        "old": "user#338da493 id:long name:string = User;",
                        "new": "user#5e829124 flags:# id:long name:string bot:flags.0?true = User;",
                        "id": ["338da493", "5e829124"],
                        "params_added": [{"name": "flags", "type": "#"}, {"name": "bot", "type": "flags.0?true"}]
                    }
                ]
            },
            "methods": {
                "added": [{"name": "documents.get", "definition": "documents.get#da16d8b5 id:long = Document;"}],
                "removed": [{"name": "photos.delete", "definition": "photos.delete#1fb7010e id:long = Bool;"}],
                "changed": [{
                    "name": "chats.getChat",
                    "old": "chats.getChat#44cd2e38 id:long = Chat;",
                    "new": "chats.getChat#242245f8 id:long = Vector<Chat>;",
                    "id": ["44cd2e38", "242245f8"],
                    "type": ["Chat", "Vector<Chat>"]
                }]
            }
        })
    );
    let out = run(&["diff", "old.tl", "new.tl", "--definitions"]);
    assert_eq!(
        text(&out.stdout),
        "layer 1 -> layer 2
constructors: 1 added, 1 removed, 2 changed
methods: 1 added, 1 removed, 1 changed
+ constructor document#e21ab7eb id:long = Document;
- constructor photo#32e47466 id:long = Photo;
~ constructor chat
    ~ title: string -> bytes
    old: chat#d6775f11 id:long title:string = Chat;
    new: chat#d6775f11 id:long title:bytes = Chat;
~ constructor user
    id 338da493 -> 5e829124
    + flags:#
    + bot:flags.0?true
    old: user#338da493 id:long name:string = User;
    new: user#5e829124 flags:# id:long name:string bot:flags.0?true = User;
+ method documents.get#da16d8b5 id:long = Document;
- method photos.delete#1fb7010e id:long = Bool;
~ method chats.getChat
    id 44cd2e38 -> 242245f8
    type Chat -> Vector<Chat>
    old: chats.getChat#44cd2e38 id:long = Chat;
    new: chats.getChat#242245f8 id:long = Vector<Chat>;
"
    );
    // --exit-code: 1 when they differ (here with breaking changes), 0 when not; 2 when a
    // schema cannot be read.
    assert_eq!(
        status(&run(&["diff", "--exit-code", "old.tl", "new.tl"])),
        1
    );
    assert_eq!(
        status(&run(&["diff", "--exit-code", "new.tl", "new.tl"])),
        0
    );
    assert_eq!(status(&run(&["diff", "malformed.tl", "new.tl"])), 2);
}

#[test]
fn diff_classifies_each_change_for_the_rust_api() {
    let out = run(&["diff", "old.tl", "new.tl"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "layer 1 -> layer 2: 5 breaking, 6 compatible changes to the Rust API (exhaustive enums)
breaking   enums::Photo: type `Photo` removed
breaking   types::Chat::title, types::Chat::new: parameter `title`: `string` -> `bytes` (`TlString` -> `Bytes`)
breaking   types::Photo, enums::Photo::Photo: constructor `photo` of `Photo` removed
breaking   functions::chats::GetChat: `chats.getChat` returns `Vector<Chat>` instead of `Chat` (`RemoteCall::Return`: `Vec<enums::Chat>`, was `enums::Chat`)
breaking   functions::photos::Delete: function `photos.delete` removed
compatible enums::Document: new type `Document`
compatible types::Document, enums::Document::Document: new constructor `document` of the new type `Document`
compatible types::User: id 338da493 -> 5e829124 (the wire form only)
compatible types::User::bot: new optional parameter `bot:flags.0?true`
compatible functions::chats::GetChat: id 44cd2e38 -> 242245f8 (the wire form only)
compatible functions::documents::Get: new function `documents.get`
note: a new optional parameter is compatible with `Item { field: value, ..Item::new(required) }`; a struct literal without `..` stops compiling
"
    );

    // Only compatible changes: `--exit-code` passes, `--exit-code=any` fails.
    let dir = scratch("diff_compatible");
    let newer = dir.join("newer.tl");
    let new = std::fs::read_to_string(fixture("new.tl")).unwrap();
    let added = new.replace(
        "document#e21ab7eb id:long = Document;",
        "document#e21ab7eb flags:# id:long name:flags.0?string = Document;\n\
         photo#32e47466 id:long = Photo;",
    );
    std::fs::write(&newer, added).unwrap();
    let newer = newer.to_str().unwrap();
    let out = run(&["diff", "new.tl", newer, "--exit-code"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stdout),
        "layer 2: 0 breaking, 3 compatible changes to the Rust API (exhaustive enums)
compatible enums::Photo: new type `Photo`
compatible types::Document::name: new optional parameter `name:flags.0?string`
compatible types::Photo, enums::Photo::Photo: new constructor `photo` of the new type `Photo`
note: a new optional parameter is compatible with `Item { field: value, ..Item::new(required) }`; a struct literal without `..` stops compiling
"
    );
    assert_eq!(
        status(&run(&["diff", "new.tl", newer, "--exit-code=any"])),
        1
    );

    // A new constructor of an existing type breaks exhaustive enums only.
    let variant = new.replace(
        "userEmpty#d3bc4b7a id:long = User;",
        "userEmpty#d3bc4b7a id:long = User;\nuserDeleted#1c0ffee1 id:long = User;",
    );
    let more = dir.join("variant.tl");
    std::fs::write(&more, variant).unwrap();
    let more = more.to_str().unwrap();
    let out = run(&["diff", "new.tl", more, "--exit-code"]);
    assert_eq!(status(&out), 1);
    assert!(text(&out.stdout).contains(
        "breaking   types::UserDeleted, enums::User::Deleted: new constructor `userDeleted` of \
         `User`: a new variant of an exhaustive enum\n"
    ));
    let out = run(&[
        "diff",
        "new.tl",
        more,
        "--exit-code",
        "--non-exhaustive-enums",
    ]);
    assert_eq!(status(&out), 0, "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("(#[non_exhaustive] enums)"));
}

#[test]
fn generate_writes_the_selected_bindings() {
    let dir = scratch("generate_selected");
    let out_dir = format!("{}/", dir.display());
    let out = run(&[
        "generate",
        "--schema",
        "old.tl",
        "--only",
        "users.getUser",
        "--serde",
        "--out",
        &out_dir,
    ]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("layer 1: 1 types, 4 constructors, 1 functions"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("wrote {}", dir.join("tl.rs").display())));
    let code = std::fs::read_to_string(dir.join("tl.rs")).unwrap();
    assert!(code.contains("pub struct GetUser"));
    assert!(code.contains("pub struct UserEmpty"));
    assert!(!code.contains("pub struct Chat"));
    assert!(code.contains("derive(serde::Serialize, serde::Deserialize)"));
    assert!(code.contains("#[derive(Debug, Clone, PartialEq)]"));
    // A switch that is on by default, turned off.
    let out = run(&[
        "generate",
        "--schema",
        "old.tl",
        "--no-partial-eq",
        "--out",
        &out_dir,
    ]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let code = std::fs::read_to_string(dir.join("tl.rs")).unwrap();
    assert!(code.contains("#[derive(Debug, Clone)]") && !code.contains("PartialEq"));
    // Bad options are errors, all of them listed.
    let out = run(&[
        "generate",
        "--schema",
        "old.tl",
        "--field-type",
        "user.nobody=crate::X",
        "--field-attribute",
        "user.id=not an attribute",
        "--out",
        &out_dir,
    ]);
    assert_eq!(status(&out), 1);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("field type pattern `user.nobody` matches no field"));
    assert!(stderr.contains("attribute `not an attribute` for `user.id` is not an attribute"));
    assert!(stderr.contains("2 error(s) in the tl-codegen options"));
}

#[test]
fn compat_sources_are_reported_by_check_and_read_by_the_generated_code() {
    // `old.tl`'s `user` (layer 1) lacks the optional `bot` of `new.tl`'s (layer 2); its
    // `chat` has the current id, and its `photo` neither a current name nor type.
    let out = run(&["check", "--schema", "new.tl", "--compat", "old.tl"]);
    let stdout = text(&out.stdout);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "compat: 1 older constructor(s): 1 read into current structs, 0 variants of their \
             own, 0 not used\nnote: old.tl:5: `user#338da493` (layer 1) is read into the \
             current `user`\n"
        ),
        "{stdout}"
    );
    let dir = scratch("generate_compat");
    let out = run(&[
        "generate",
        "--schema",
        "new.tl",
        "--compat",
        "old.tl",
        "--out",
        &format!("{}/", dir.display()),
    ]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("compat: 1 older constructor(s)"));
    let code = std::fs::read_to_string(dir.join("tl.rs")).unwrap();
    assert!(
        code.contains("0x338da493 => Self::User(types::User::deserialize_bare_layer1(reader)?)"),
        "{code}"
    );
    // `diff` and `json` say what the older constructors become.
    let out = run(&["diff", "old.tl", "new.tl", "--compat", "old.tl"]);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).ends_with(
            "compat: 1 older constructor(s): 1 read into current structs, 0 variants of their \
             own, 0 not used\nnote: old.tl:5: `user#338da493` (layer 1) is read into the \
             current `user`\n"
        ),
        "{}",
        text(&out.stdout)
    );
    let out = run(&["json", "--schema", "new.tl", "--compat", "old.tl"]);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["compat"],
        json!([{
            "id": "864920723",
            "predicate": "user",
            "layer": 1,
            "becomes": "read into the current constructor",
        }])
    );
    // A compatibility schema must say its layer.
    let dir = scratch("compat_no_layer");
    let unlayered = dir.join("unlayered.tl");
    std::fs::write(&unlayered, "user#338da493 id:long name:string = User;\n").unwrap();
    let out = run(&[
        "check",
        "--schema",
        "new.tl",
        "--compat",
        unlayered.to_str().unwrap(),
    ]);
    assert_eq!(status(&out), 1);
    assert!(
        text(&out.stderr).contains("a compatibility schema needs a `// LAYER N` line"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["generate", "check", "json", "diff", "boxing", "new"] {
        let out = run(&[sub, "--help"]);
        assert_eq!(status(&out), 0);
        let help = text(&out.stdout);
        assert!(help.contains(&format!("Usage: tl-codegen {sub}")), "{help}");
    }
    let out = run(&["--help"]);
    let help = text(&out.stdout);
    for sub in ["generate", "check", "json", "diff", "boxing", "new"] {
        assert!(help.contains(sub), "{help}");
    }
}

#[test]
fn boxing_records_checks_and_keeps_what_it_recorded() {
    let dir = scratch("boxing");
    // `big` (12 strings) and five more strings would make `holder` larger than 504 bytes,
    // so `holder.big` is boxed by size.
    let strings =
        |n: usize, name: &str| -> String { (0..n).map(|i| format!(" {name}{i}:string")).collect() };
    let old = format!(
        "big{} = Big;\nholder big:Big small:Small{} = Holder;\nsmall x:int = Small;\n",
        strings(12, "s"),
        strings(5, "t")
    );
    // The next layer makes `big` small: by size alone, `holder.big` would be inline.
    let new = format!(
        "big s0:string = Big;\nholder big:Big small:Small extra:Small{} = Holder;\nsmall x:int = Small;\n",
        strings(5, "t")
    );
    std::fs::write(dir.join("old.tl"), &old).unwrap();
    std::fs::write(dir.join("new.tl"), &new).unwrap();
    let record = dir.join("boxing.lock");
    let (old_tl, new_tl, lock) = (
        dir.join("old.tl").display().to_string(),
        dir.join("new.tl").display().to_string(),
        record.display().to_string(),
    );

    let boxing = |schema: &str, check: bool| {
        let mut args = vec![
            "boxing",
            "--schema",
            schema,
            "--boxing-record",
            lock.as_str(),
        ];
        if check {
            args.push("--check");
        }
        run(&args)
    };
    let out_rs = dir.join("out.rs").display().to_string();
    let generate = |schema: &str| {
        let args = [
            "generate",
            "--schema",
            schema,
            "--boxing-record",
            &lock,
            "--out",
            &out_rs,
        ];
        run(&args)
    };
    let says = |out: &Output, what: &str| {
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(all.contains(what), "`{what}` not in:\n{all}");
    };
    let recorded = |line: &str| {
        let written = std::fs::read_to_string(&record).unwrap();
        assert!(written.contains(&format!("\n{line}\n")), "{written}");
    };

    let out = boxing(&old_tl, false);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    says(
        &out,
        "3 constructors and 0 functions recorded, 3 of them new",
    );
    recorded("holder boxed=big inline=small");
    assert_eq!(status(&boxing(&old_tl, true)), 0);

    // The new layer: `--check` fails until it is recorded; the recorded field stays boxed.
    let out = boxing(&new_tl, true);
    assert_eq!(status(&out), 1);
    says(&out, "1 constructors and functions are not recorded");
    let diff = |with_record: bool| {
        let mut args = vec!["diff", old_tl.as_str(), new_tl.as_str()];
        if with_record {
            args.extend(["--boxing-record", lock.as_str()]);
        }
        text(&run(&args).stdout)
    };
    assert!(
        diff(false)
            .contains("types::Holder::big: field type `Box<enums::Big>` -> `enums::Big` (boxing;"),
        "{}",
        diff(false)
    );
    assert!(!diff(true).contains("(boxing;"), "{}", diff(true));
    // Generating the new layer before recording it keeps `big` boxed and warns about `extra`.
    let out = generate(&new_tl);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    says(&out, "not in the boxing record (`holder.extra`)");
    let out = boxing(&new_tl, false);
    assert_eq!(status(&out), 0);
    says(&out, "0 of them new");
    recorded("holder boxed=big inline=extra,small");

    // `generate` reads it, and a record that does not parse is an error with its place.
    let out = generate(&new_tl);
    assert_eq!(status(&out), 0, "{}", text(&out.stderr));
    let code = std::fs::read_to_string(dir.join("out.rs")).unwrap();
    assert!(code.contains("pub big: Box<enums::Big>,"), "{code}");
    std::fs::write(&record, "holder boxed=big,\n").unwrap();
    let out = generate(&new_tl);
    assert_eq!(status(&out), 1);
    says(&out, "boxing.lock:1:18");
}
