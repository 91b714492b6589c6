//! mtcute's `@mtcute/tl` 223.0.0 files (`raw-errors.json`, `api-schema.json`) as a docs source:
//! exact counts and values from the shared copy, placeholder names, merging with the markdown
//! corpus, the bundled schema's error enums, and hostile input.

use crate::common;

use std::path::{Path, PathBuf};

use tl_codegen::docs::{
    self, merge_errors, DocsSet, ErrorDoc, LinkTarget, MtcuteDocs, Span, MTCUTE_ERRORS_FILE,
};
use tl_codegen::Config;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn mtcute_dir(shared: &Path) -> PathBuf {
    shared.join("corpus/mtcute-tl-223.0.0")
}

fn read(shared: &Path) -> MtcuteDocs {
    docs::read_mtcute_dir(&mtcute_dir(shared))
        .expect("folder can be listed")
        .expect("folder has mtcute files")
}

fn e(code: i32, name: &str, description: &str) -> ErrorDoc {
    ErrorDoc {
        code,
        name: name.into(),
        description: description.into(),
    }
}

/// Counts checked against the JSON files (with python: 371 `throws` keys, two of them numeric
/// ids, 369 methods after mapping; 582 methods of `api-schema.json` with `throws`, 607 in
/// all; 552 `errors` entries; 379 `userOnly`, 13 `botOnly`; 728 of 767 methods, 1474 of 1548
/// constructors and all 554 types described, 6269 of 6682 non-flags arguments). The four
/// entries of mtcute's own `mtcute` namespace are left out (one described method, six
/// undescribed arguments).
#[test]
fn real_files_counts() {
    let Some(shared) = common::shared() else {
        return;
    };
    let m = read(&shared);
    let d = &m.docs;
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    // 766 methods of api-schema.json (767 less `mtcute.customMethod`), plus 29 named only
    // in raw-errors.json (older methods, and MTProto names such as `msgs_ack`).
    assert_eq!(d.methods.len(), 795);
    assert_eq!(d.constructors.len(), 1548 - 3);
    assert_eq!(d.types.len(), 554);
    assert_eq!(
        d.methods.values().filter(|m| !m.errors.is_empty()).count(),
        607
    );
    // 552 entries; FILE_PART_0_MISSING is an instance of FILE_PART_%d_MISSING.
    assert_eq!(d.catalog.len(), 551);
    let users_only = d
        .methods
        .values()
        .filter(|m| m.users_can_use == Some(true) && m.bots_can_use == Some(false))
        .count();
    let bots_only = d
        .methods
        .values()
        .filter(|m| m.users_can_use == Some(false) && m.bots_can_use == Some(true))
        .count();
    assert_eq!((users_only, bots_only), (379, 13));
    assert_eq!(
        m.mapped_ids,
        [
            (
                "1817183516".to_owned(),
                "messages.importChatInvite".to_owned()
            ),
            ("-130635115".to_owned(), "channels.leaveChannel".to_owned()),
        ]
    );
    assert!(m.unmapped_ids.is_empty());
    assert_eq!(m.unresolved_links, 0);
    assert_eq!(
        d.methods
            .values()
            .filter(|m| m.description.is_some())
            .count(),
        727
    );
    assert_eq!(
        d.constructors
            .values()
            .filter(|c| c.description.is_some())
            .count(),
        1474
    );
    assert_eq!(
        d.types.values().filter(|t| t.description.is_some()).count(),
        554
    );
    let params: Vec<_> = d
        .methods
        .values()
        .flat_map(|m| &m.params)
        .chain(d.constructors.values().flat_map(|c| &c.params))
        .collect();
    assert_eq!(params.len(), 6676);
    assert_eq!(
        params.iter().filter(|p| p.description.is_some()).count(),
        6269
    );
    let errors: usize = d.methods.values().map(|m| m.errors.len()).sum();
    println!(
        "mtcute: {} methods ({} with errors, {} error rows), {} constructors, {} types, catalog {}",
        d.methods.len(),
        d.methods.values().filter(|m| !m.errors.is_empty()).count(),
        errors,
        d.constructors.len(),
        d.types.len(),
        d.catalog.len()
    );

    // `load_root` reads the folder the same way (its README.md is skipped as a page).
    let root = docs::load_root(&mtcute_dir(&shared)).unwrap();
    assert_eq!(root.methods, d.methods);
    assert_eq!(root.catalog, d.catalog);
    assert_eq!(root.page_count(), d.page_count());
}

#[test]
fn spot_checks() {
    let Some(shared) = common::shared() else {
        return;
    };
    let d = read(&shared).docs;
    let m = &d.methods["account.updateProfile"];
    assert_eq!(
        m.errors,
        [
            // raw-errors.json's `throws`, codes and descriptions from its `errors` ...
            e(400, "ABOUT_TOO_LONG", "About string too long."),
            e(400, "FIRSTNAME_INVALID", "The first name is invalid."),
            e(403, "CHAT_WRITE_FORBIDDEN", "You can't write in this chat."),
            // ... then api-schema.json's `throws` of the method.
            e(
                400,
                "BUSINESS_CONNECTION_INVALID",
                "The connection_id passed to the wrapping invokeWithBusinessConnection call is invalid."
            ),
        ]
    );
    assert_eq!((m.users_can_use, m.bots_can_use), (Some(true), Some(false)));
    assert_eq!(
        m.description.as_ref().map(|t| t.plain()).as_deref(),
        Some("Updates user profile.")
    );
    assert_eq!(m.return_type.as_deref(), Some("User"));
    let about = m.params.iter().find(|p| p.name == "about").unwrap();
    assert_eq!(about.required, Some(false));
    assert_eq!(about.description.as_ref().unwrap().plain(), "New bio");
    assert!(m.source.ends_with("api-schema.json"));

    let bot = &d.methods["bots.answerWebhookJSONQuery"];
    assert_eq!(
        (bot.users_can_use, bot.bots_can_use),
        (Some(false), Some(true))
    );

    // A numeric `throws` key: `-130635115` is channels.leaveChannel's id as a signed number.
    let leave = &d.methods["channels.leaveChannel"];
    assert!(leave.errors.contains(&e(
        400,
        "USER_NOT_PARTICIPANT",
        "You're not a member of this supergroup/channel."
    )));
    // The schema's per-method codes are kept next to the catalog's.
    assert!(leave
        .errors
        .iter()
        .any(|e| e.code == 406 && e.name == "CHANNEL_PRIVATE"));
    assert!(leave
        .errors
        .iter()
        .any(|e| e.code == 400 && e.name == "CHANNEL_PRIVATE"));

    // Markdown links in raw-errors.json descriptions are read as their text.
    let catalog = |name: &str| d.catalog.iter().find(|e| e.name == name).unwrap();
    assert_eq!(
        catalog("FILE_REFERENCE_EXPIRED").description,
        "File reference expired, it must be refetched as described in the documentation."
    );

    // HTML in api-schema.json: links to Telegram's pages, `{@link}`, code, lists.
    let poll = &d.constructors["inputMediaPoll"];
    let entities = poll
        .params
        .iter()
        .find(|p| p.name == "solution_entities")
        .unwrap();
    assert_eq!(entities.tl_type.as_deref(), Some("Vector<MessageEntity>"));
    assert_eq!(
        entities.description.as_ref().unwrap().spans(),
        [Span::Link {
            text: "Message entities for styled text".into(),
            target: LinkTarget::Url("https://corefork.telegram.org/api/entities".into())
        }]
    );
    assert!(poll.params.iter().all(|p| p.name != "flags"));
    let diff = &d.methods["updates.getDifference"];
    let limit = diff
        .params
        .iter()
        .find(|p| p.name == "pts_total_limit")
        .unwrap()
        .description
        .clone()
        .unwrap();
    assert_eq!(
        &limit.spans()[..4],
        [
            Span::Text("For fast updating: if provided and ".into()),
            Span::Code("pts + pts_total_limit < remote pts".into()),
            Span::Text(", ".into()),
            Span::Link {
                text: "updates.differenceTooLong".into(),
                target: LinkTarget::Constructor("updates.differenceTooLong".into())
            },
        ]
    );
    assert_eq!(limit.spans()[5], Span::LineBreak);
    let page_type = d.constructors["webPage"]
        .params
        .iter()
        .find(|p| p.name == "type")
        .unwrap()
        .description
        .clone()
        .unwrap();
    assert_eq!(
        page_type.plain().lines().take(3).collect::<Vec<_>>(),
        [
            "Type of the web page. One of the following:",
            "- app",
            "- article"
        ]
    );
    let input_peer = &d.types["InputPeer"];
    assert_eq!(input_peer.description.as_ref().unwrap().plain(), "Peer");
    assert_eq!(input_peer.constructors.len(), 7);
    assert_eq!(input_peer.constructors[0], "inputPeerEmpty");
    let strike = &d.constructors["messageEntityStrike"];
    assert_eq!(
        strike.description.as_ref().unwrap().plain(),
        "Message entity representing strikethrough text."
    );
}

#[test]
fn placeholder_names() {
    let Some(shared) = common::shared() else {
        return;
    };
    let d = read(&shared).docs;
    let catalog = |name: &str| d.catalog.iter().find(|e| e.name == name);
    assert_eq!(
        catalog("FLOOD_WAIT_X"),
        Some(&e(420, "FLOOD_WAIT_X", "A wait of X seconds is required"))
    );
    assert_eq!(
        catalog("FILE_PART_X_MISSING"),
        Some(&e(
            400,
            "FILE_PART_X_MISSING",
            "Part X of the file is missing from storage"
        ))
    );
    assert!(catalog("INTERDC_X_CALL_ERROR").is_some());
    assert!(catalog("FILE_PART_0_MISSING").is_none());
    // `%d` inside a word stays (`X` would not be read as a placeholder there).
    let percent: Vec<&str> = d
        .catalog
        .iter()
        .chain(d.methods.values().flat_map(|m| &m.errors))
        .filter(|e| e.name.contains('%'))
        .map(|e| e.name.as_str())
        .collect();
    assert!(!percent.is_empty());
    assert!(percent
        .iter()
        .all(|n| *n == "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"));
    assert_eq!(
        catalog("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN").map(|e| e.description.as_str()),
        Some("Similar to a flood wait, must wait X minutes")
    );

    assert_eq!(docs::normalize_error_name("FLOOD_WAIT_%d"), "FLOOD_WAIT_X");
    assert_eq!(docs::normalize_error_name(" FLOOD_WAIT_X "), "FLOOD_WAIT_X");
    assert_eq!(
        docs::normalize_error_name("2FA_CONFIRM_WAIT_%d"),
        "2FA_CONFIRM_WAIT_X"
    );

    // `%d`, `X` and a number spelling of the same error are one name ...
    let raw = r#"{"errors": {
        "SLOWMODE_WAIT_%d": {"code": 420, "name": "SLOWMODE_WAIT_%d", "description": "Wait %d seconds"},
        "SLOWMODE_WAIT_0": {"code": 420, "name": "SLOWMODE_WAIT_0", "description": "zero"},
        "SLOWMODE_WAIT_X": {"code": 420, "name": "SLOWMODE_WAIT_X"}
      },
      "throws": {"messages.sendMedia": ["SLOWMODE_WAIT_0", "SLOWMODE_WAIT_%d", "SLOWMODE_WAIT_X"]}}"#;
    let m = docs::parse_mtcute(Some((raw, Path::new("raw-errors.json"))), None);
    assert!(m.docs.warnings.is_empty(), "{:?}", m.docs.warnings);
    let only = [e(420, "SLOWMODE_WAIT_X", "Wait X seconds")];
    assert_eq!(m.docs.catalog, only);
    assert_eq!(m.docs.methods["messages.sendMedia"].errors, only);
    // ... also with a markdown page that says `SLOWMODE_WAIT_X` (its row comes first).
    let page =
        shared.join("corpus/madelineproto-docs-layer136-errors/methods/messages.sendMedia.md");
    let mut set = docs::load_root(&page).unwrap();
    let page_errors = set.methods["messages.sendMedia"].errors.clone();
    assert_eq!(
        page_errors
            .iter()
            .filter(|e| e.name == "SLOWMODE_WAIT_X")
            .count(),
        1
    );
    set.merge(m.docs);
    assert_eq!(set.methods["messages.sendMedia"].errors, page_errors);
    let mut set = docs::load_root(&page).unwrap();
    set.merge(d);
    let slowmode: Vec<_> = set.methods["messages.sendMedia"]
        .errors
        .iter()
        .filter(|e| e.name.starts_with("SLOWMODE_WAIT"))
        .collect();
    assert_eq!(slowmode.len(), 1, "{slowmode:?}");
    assert_eq!(slowmode[0].code, 420);
}

/// With the markdown corpus first: its prose wins, errors are the union by code and name.
/// The generator (which names error variants and gives them a number field) and the runtime
/// (which matches the server's messages) find a placeholder in the same documented names: every
/// name of both corpora.
#[test]
fn generator_and_runtime_agree_on_placeholders() {
    let Some(shared) = common::shared() else {
        return;
    };
    let layer136 = shared.join("corpus/madelineproto-docs-layer136-errors");
    let merged = docs::load_roots(&[layer136, mtcute_dir(&shared)]).unwrap();
    let names: std::collections::BTreeSet<&str> = merged
        .methods
        .values()
        .flat_map(|m| &m.errors)
        .chain(&merged.catalog)
        .map(|e| e.name.as_str())
        .collect();
    let with = names.iter().filter(|n| docs::has_placeholder(n)).count();
    println!(
        "{} documented names, {with} with a placeholder",
        names.len()
    );
    assert_eq!((names.len(), with), (791, 29));
    for name in names {
        assert_eq!(
            docs::has_placeholder(name),
            tl_runtime::rpc_error::has_placeholder(name),
            "{name}"
        );
    }
}

#[test]
fn merge_with_markdown_corpus() {
    let Some(shared) = common::shared() else {
        return;
    };
    let layer136 = shared.join("corpus/madelineproto-docs-layer136-errors");
    let md = docs::load_root(&layer136).unwrap();
    let mt = read(&shared).docs;
    let merged = docs::load_roots(&[layer136.clone(), mtcute_dir(&shared)]).unwrap();
    let with_errors = |s: &DocsSet| s.methods.values().filter(|m| !m.errors.is_empty()).count();
    let names = |s: &DocsSet| -> std::collections::BTreeSet<(i32, String)> {
        s.methods
            .values()
            .flat_map(|m| &m.errors)
            .map(|e| (e.code, e.name.clone()))
            .collect()
    };
    println!(
        "methods with errors: layer136 {}, mtcute {}, merged {}; distinct (code, name): {} / {} / {}",
        with_errors(&md),
        with_errors(&mt),
        with_errors(&merged),
        names(&md).len(),
        names(&mt).len(),
        names(&merged).len()
    );
    let mut expected_rows = 0;
    for (name, m) in &merged.methods {
        let mut expected = md
            .methods
            .get(name)
            .map_or(Vec::new(), |m| m.errors.clone());
        let from_mtcute = mt
            .methods
            .get(name)
            .map_or(Vec::new(), |m| m.errors.clone());
        merge_errors(&mut expected, from_mtcute);
        assert_eq!(m.errors, expected, "{name}");
        expected_rows += expected.len();
        if let Some(page) = md.methods.get(name).filter(|p| p.description.is_some()) {
            assert_eq!(m.description, page.description, "{name}");
        } else if let Some(other) = mt.methods.get(name) {
            assert_eq!(m.description, other.description, "{name}");
        }
    }
    assert_eq!(
        merged
            .methods
            .values()
            .map(|m| m.errors.len())
            .sum::<usize>(),
        expected_rows
    );
    assert!(with_errors(&merged) > with_errors(&md));
    assert!(with_errors(&merged) >= with_errors(&mt));
    assert!(names(&merged).is_superset(&names(&md)));
    assert!(names(&merged).is_superset(&names(&mt)));
    assert_eq!(merged.catalog, mt.catalog);
}

#[test]
fn bundled_schema_error_enums() {
    let Some(shared) = common::shared() else {
        return;
    };
    let corpus = shared.join("corpus");
    let generate = |extra: Option<PathBuf>| {
        let mut config = Config::new()
            .schema(repo().join("schema/api.tl"))
            .schema(repo().join("schema/mtproto.tl"))
            .docs(corpus.join("madelineproto-docs"))
            .docs(corpus.join("madelineproto-docs-layer136-errors"));
        if let Some(extra) = extra {
            config = config.docs(extra);
        }
        config
            .cargo_output(false)
            .generate_string()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let before = generate(None).error_enums;
    let errors_only = generate(Some(mtcute_dir(&shared).join(MTCUTE_ERRORS_FILE))).error_enums;
    let after = generate(Some(mtcute_dir(&shared)));
    println!(
        "methods with an error enum: {before} without mtcute, {errors_only} with raw-errors.json \
         alone, {} with both mtcute files",
        after.error_enums
    );
    for line in after.docs.as_ref().unwrap().coverage_lines() {
        println!("  {line}");
    }
    assert_eq!(before, 273);
    assert_eq!(errors_only, 355);
    assert_eq!(after.error_enums, 587);

    // The catalog keeps errors of methods the schema no longer has (`account.getPassword`'s
    // `PASSWORD_TOO_FRESH_X` is documented for the removed `channels.editCreator` too) and
    // those documented on their own.
    let code = &after.code;
    for name in [
        "\"PASSWORD_TOO_FRESH_X\"",
        "\"SESSION_TOO_FRESH_X\"",
        "\"PASSWORD_MISSING\"",
    ] {
        assert!(code.contains(name), "{name} not in errors::CATALOG");
    }
    // Who may call: `account.acceptAuthorization` is user-only in mtcute's list, so it is a
    // `UserMethod` and not a `BotMethod`; `bots.getBotCommands` the other way round.
    for (name, users, bots) in [
        ("AcceptAuthorization", true, false),
        ("GetBotCommands", false, true),
        ("SendMessage", true, true),
    ] {
        let user = format!("impl ::tl_runtime::wire::UserMethod for {name} {{}}");
        let bot = format!("impl ::tl_runtime::wire::BotMethod for {name} {{}}");
        assert_eq!(code.contains(&user), users, "{user}");
        assert_eq!(code.contains(&bot), bots, "{bot}");
    }
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("docs_mtcute")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn malformed_json() {
    // Broken JSON: a warning with file and line, the folder still reads.
    let dir = tmp("broken");
    std::fs::write(
        dir.join("raw-errors.json"),
        "{\n  \"errors\": {\n    \"A\": {\"code\": 400,}\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("api-schema.json"), [0xff, b'[', b']']).unwrap();
    let set = docs::load_root(&dir).unwrap();
    assert!(set.methods.is_empty() && set.catalog.is_empty());
    let broken = set
        .warnings
        .iter()
        .find(|w| w.file.ends_with("raw-errors.json"))
        .unwrap();
    assert_eq!(broken.line, Some(3));
    assert!(broken.message.contains("not valid JSON"), "{broken}");
    let messages: Vec<String> = set.warnings.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.contains("not valid UTF-8")),
        "{messages:?}"
    );

    // Unexpected shapes: each a warning, what is usable is read.
    let dir = tmp("shapes");
    std::fs::write(
        dir.join("raw-errors.json"),
        r#"{"base": 3, "errors": {"A": {"code": "x"}, "B": {"code": 99999999999}, "C": {"code": 400, "description": 7},
            "D": {"code": 403, "description": "Fine"}, "": {"code": 1}},
           "throws": {"m.one": ["D", 5, "NOPE"], "m.two": "D", "12345": ["D"], "-1": ["D"], "bad name!": ["D"]},
           "userOnly": {"m.one": 1, "m.both": 1}, "botOnly": ["m.both", "m.bot", 4]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("api-schema.json"),
        r#"{"l": "x", "e": [1, {"kind": "method"}, {"kind": "weird", "name": "w"},
             {"kind": "method", "name": "m.one", "comment": 5, "arguments": {"a": 1},
              "throws": [{"code": 400}, {"code": 420, "name": "FLOOD_WAIT_%d", "comment": "<b>wait</b> %d"}]},
             {"kind": "class", "name": "c", "type": "T", "arguments": [{"name": "x", "type": "int", "comment": "<a href=\"https://corefork.telegram.org/type/Peer\">peer"}, 3]}],
           "u": {"T": "<strong>unclosed", "U": []}}"#,
    )
    .unwrap();
    let m = docs::read_mtcute_dir(&dir).unwrap().unwrap();
    let d = &m.docs;
    for w in &d.warnings {
        println!("  {w}");
    }
    assert!(d.warnings.len() >= 15, "{}", d.warnings.len());
    assert_eq!(d.catalog, [e(400, "C", ""), e(403, "D", "Fine")]);
    assert_eq!(
        d.methods["m.one"].errors,
        [e(403, "D", "Fine"), e(420, "FLOOD_WAIT_X", "wait X"),]
    );
    assert_eq!(d.methods["m.one"].users_can_use, Some(true));
    assert_eq!(d.methods["m.bot"].bots_can_use, Some(true));
    assert!(!d.methods.contains_key("m.both") || d.methods["m.both"].users_can_use.is_none());
    assert_eq!(m.unmapped_ids, ["12345", "-1"]);
    let c = &d.constructors["c"];
    assert_eq!(
        c.params[0].description.as_ref().unwrap().spans(),
        [Span::Link {
            text: "peer".into(),
            target: LinkTarget::Type("Peer".into())
        }]
    );
    assert_eq!(d.types["T"].constructors, ["c"]);
    assert_eq!(
        d.types["T"].description.as_ref().unwrap().plain(),
        "unclosed"
    );

    // A file as a root of its own: numeric ids cannot be mapped and are counted.
    let alone = docs::read_mtcute_file(&dir.join("raw-errors.json"));
    assert_eq!(alone.unmapped_ids, ["12345", "-1"]);
    let root = docs::load_root(&dir.join("raw-errors.json")).unwrap();
    assert_eq!(root.catalog.len(), 2);

    // Deep nesting and a top level of the wrong kind.
    let dir = tmp("deep");
    std::fs::write(dir.join("api-schema.json"), "[".repeat(1_000_000)).unwrap();
    std::fs::write(dir.join("raw-errors.json"), "[1, 2]").unwrap();
    let set = docs::load_root(&dir).unwrap();
    assert_eq!(set.page_count(), 0);
    assert_eq!(set.warnings.len(), 2, "{:?}", set.warnings);

    // Many problems: listed up to a limit, then counted.
    let dir = tmp("many");
    let entries: Vec<String> = (0..500).map(|i| format!("{{\"n\": {i}}}")).collect();
    std::fs::write(
        dir.join("api-schema.json"),
        format!("{{\"e\": [{}]}}", entries.join(",")),
    )
    .unwrap();
    let set = docs::load_root(&dir).unwrap();
    assert_eq!(
        set.warnings.len(),
        docs::read_mtcute_dir(&dir)
            .unwrap()
            .unwrap()
            .docs
            .warnings
            .len()
    );
    assert!(set.warnings.len() <= 51);
    assert!(set
        .warnings
        .last()
        .unwrap()
        .message
        .contains("more problems"));
}
