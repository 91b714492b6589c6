//! Reads every page of the three shared corpora, prints what was read and checks the counts,
//! so that a change that drops pages, parameters, descriptions or error rows fails.

use crate::common;

use std::path::Path;

use tl_codegen::docs::{load_roots, DocsSet, LinkTarget, Span};

/// What was read from one corpus.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    files: usize,
    methods: usize,
    constructors: usize,
    types: usize,
    skipped: usize,
    warnings: usize,
    params: usize,
    params_with_description: usize,
    params_with_tl_type: usize,
    params_with_required: usize,
    descriptions: usize,
    method_descriptions: usize,
    return_types: usize,
    bots_flags: usize,
    users_flags: usize,
    methods_with_errors: usize,
    error_rows: usize,
    entity_links: usize,
}

fn count_md_files(root: &Path) -> usize {
    if root.is_file() {
        return 1;
    }
    let mut n = 0;
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            n += count_md_files(&path);
        } else if path.extension().is_some_and(|e| e == "md") {
            n += 1;
        }
    }
    n
}

fn counts(root: &Path, set: &DocsSet) -> Counts {
    let mut c = Counts {
        files: count_md_files(root),
        methods: set.methods.len(),
        constructors: set.constructors.len(),
        types: set.types.len(),
        skipped: set.skipped.len(),
        warnings: set.warnings.len(),
        ..Counts::default()
    };
    let mut texts = Vec::new();
    let params = set
        .methods
        .values()
        .flat_map(|m| &m.params)
        .chain(set.constructors.values().flat_map(|c| &c.params));
    for p in params {
        c.params += 1;
        c.params_with_description += usize::from(p.description.is_some());
        c.params_with_tl_type += usize::from(p.tl_type.is_some());
        c.params_with_required += usize::from(p.required.is_some());
        texts.extend(p.description.iter());
    }
    for m in set.methods.values() {
        c.method_descriptions += usize::from(m.description.is_some());
        c.return_types += usize::from(m.return_type.is_some());
        c.bots_flags += usize::from(m.bots_can_use.is_some());
        c.users_flags += usize::from(m.users_can_use.is_some());
        c.methods_with_errors += usize::from(!m.errors.is_empty());
        c.error_rows += m.errors.len();
    }
    let descriptions = set
        .methods
        .values()
        .filter_map(|m| m.description.as_ref())
        .chain(
            set.constructors
                .values()
                .filter_map(|c| c.description.as_ref()),
        )
        .chain(set.types.values().filter_map(|t| t.description.as_ref()));
    for d in descriptions {
        c.descriptions += 1;
        texts.push(d);
    }
    c.entity_links = texts
        .iter()
        .flat_map(|t| t.spans())
        .filter(|s| {
            matches!(
                s,
                Span::Link {
                    target: LinkTarget::Method(_)
                        | LinkTarget::Constructor(_)
                        | LinkTarget::Type(_),
                    ..
                }
            )
        })
        .count();
    c
}

fn load(shared: &Path, rel: &str) -> (DocsSet, Counts) {
    let root = shared.join(rel);
    let set = load_roots(&[&root]).expect("corpus root exists");
    let c = counts(&root, &set);
    println!("{rel}: {c:#?}");
    for w in &set.warnings {
        println!("  warning: {w}");
    }
    (set, c)
}

#[test]
fn layer223_every_page_reads() {
    let Some(shared) = common::shared() else {
        return;
    };
    let (set, c) = load(&shared, "corpus/madelineproto-docs");
    // README.md and the five index pages are not entity pages; every other file is one.
    // 6794 = the table rows of methods/ and constructors/ (`grep '^|'`) less the 35
    // `||spoiler||` lines of markdown examples.
    assert_eq!(
        c,
        Counts {
            files: 2964,
            methods: 757,
            constructors: 1598,
            types: 603,
            skipped: 6,
            warnings: 0,
            params: 6794,
            params_with_description: 6250,
            params_with_tl_type: 6794,
            params_with_required: 6793,
            // Pages whose only prose is the site's stock line (`X parameters, return type and
            // example`: 107 pages) or a note on MadelineProto's PHP API ("You cannot use this
            // method directly, use the upload ... methods instead") are undescribed.
            descriptions: 2235,
            method_descriptions: 684,
            return_types: 757,
            bots_flags: 757,
            users_flags: 757,
            methods_with_errors: 0,
            error_rows: 0,
            // The links of the MadelineProto notes (the objects it converts) went with them.
            entity_links: 724,
        }
    );

    // Quoted front matter, absolute links, `Can users use this method`.
    let m = &set.methods["phone.requestCall"];
    assert_eq!(m.return_type.as_deref(), Some("phone.PhoneCall"));
    assert_eq!((m.users_can_use, m.bots_can_use), (Some(true), Some(false)));
    assert_eq!(m.bots_business_can_use, Some(false));
    let names: Vec<_> = m.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["video", "user_id", "g_a_hash", "protocol"]);
    assert_eq!(
        m.params[2]
            .description
            .as_ref()
            .map(|d| d.plain())
            .as_deref(),
        Some("Parameter for E2E encryption key exchange")
    );

    // `Array of [X]` parameters and `Vector_of_X` return types.
    let m = &set.methods["messages.sendMessage"];
    let entities = m.params.iter().find(|p| p.name == "entities").unwrap();
    assert_eq!(entities.tl_type.as_deref(), Some("Vector<MessageEntity>"));
    assert_eq!(entities.required, Some(false));
    // `<br>` is a line break.
    let reply_to = m.params.iter().find(|p| p.name == "reply_to").unwrap();
    assert!(reply_to
        .description
        .as_ref()
        .unwrap()
        .spans()
        .contains(&Span::LineBreak));
    let vector_returns = set
        .methods
        .values()
        .filter(|m| {
            m.return_type
                .as_deref()
                .is_some_and(|t| t.starts_with("Vector<"))
        })
        .count();
    assert!(vector_returns > 20, "{vector_returns}");

    // Constructor tables put `Required` before `Description`.
    let c = &set.constructors["botCommand"];
    assert_eq!(c.type_name.as_deref(), Some("BotCommand"));
    assert_eq!(c.params.len(), 2);
    assert_eq!(c.params[0].required, Some(true));
    assert_eq!(
        c.params[1].description.as_ref().unwrap().plain(),
        "Description of the command"
    );
    assert_eq!(
        c.params[0].description.as_ref().unwrap().plain(),
        "/command name"
    );

    // Tables without a description column.
    let c = &set.constructors["account.passkeyRegistrationOptions"];
    assert_eq!(c.params[0].required, Some(true));
    assert_eq!(c.params[0].description, None);

    // Unusual type names and the type pages' lists.
    for name in ["long|string", "Vector t", "!X", "Bool", "int"] {
        assert!(set.types.contains_key(name), "{name}");
    }
    let t = &set.types["InputPeer"];
    assert_eq!(t.constructors.len(), 7);
    assert_eq!(t.constructors[0], "inputPeerEmpty");
    let t = &set.types["Updates"];
    assert!(t.methods.iter().any(|m| m == "messages.sendMessage"));

    // Links to API entities in descriptions are resolved to TL names.
    let m = &set.methods["account.disablePeerConnectedBot"];
    let links: Vec<_> = m.description.as_ref().unwrap().links().collect();
    assert!(links.contains(&(
        "account.updateConnectedBot",
        &LinkTarget::Method("account.updateConnectedBot".into())
    )));

    // MadelineProto's own warnings are notes, not the description.
    let m = &set.methods["messages.getHistory"];
    assert_eq!(m.notes.len(), 3);
    assert_eq!(
        m.description.as_ref().unwrap().plain(),
        "Returns the conversation history with one interlocutor / within a chat"
    );
}

#[test]
fn layer136_every_page_and_error_row_reads() {
    let Some(shared) = common::shared() else {
        return;
    };
    let (set, c) = load(&shared, "corpus/madelineproto-docs-layer136-errors");
    // The folder's README: 412 method pages, 280 with an errors table, 1388 error rows.
    assert_eq!(
        c,
        Counts {
            files: 416,
            methods: 412,
            constructors: 0,
            types: 0,
            skipped: 4,
            warnings: 0,
            params: 978,
            params_with_description: 760,
            params_with_tl_type: 978,
            params_with_required: 978,
            // 61 pages have only the stock front-matter line, 33 only a MadelineProto note.
            descriptions: 318,
            method_descriptions: 318,
            return_types: 412,
            bots_flags: 412,
            users_flags: 0,
            methods_with_errors: 280,
            error_rows: 1388,
            entity_links: 52,
        }
    );
    let errors = &set.methods["messages.sendMessage"].errors;
    let find = |code: i32, name: &str| errors.iter().find(|e| e.code == code && e.name == name);
    assert_eq!(
        find(420, "SLOWMODE_WAIT_X").unwrap().description,
        "Slowmode is enabled in this chat: wait X seconds before sending another message to this chat."
    );
    // The same name under two codes is two rows.
    assert!(find(400, "USER_IS_BLOCKED").is_some());
    assert!(find(403, "USER_IS_BLOCKED").is_some());
    // Negative codes and names that are not identifiers.
    assert_eq!(
        find(-503, "Timeout").unwrap().description,
        "Timeout while fetching data"
    );
    assert!(find(-3002, "All workers are busy. Active_queries = X").is_some());
    assert!(find(-500, "No workers running").is_some());
    let all: Vec<_> = set.methods.values().flat_map(|m| &m.errors).collect();
    assert!(all
        .iter()
        .any(|e| e.name == "2FA_CONFIRM_WAIT_X" && e.code == 420));
    assert!(all.iter().any(|e| e.name == "SHA256_HASH_INVALID"));
}

#[test]
fn phone_request_call_of_every_era() {
    let Some(shared) = common::shared() else {
        return;
    };
    let expected_errors = [
        (400, "CALL_PROTOCOL_FLAGS_INVALID"),
        (400, "PARTICIPANT_VERSION_OUTDATED"),
        (400, "USER_ID_INVALID"),
        (403, "USER_IS_BLOCKED"),
        (403, "USER_PRIVACY_RESTRICTED"),
    ];
    let (set, _) = load(&shared, "corpus/phone_requestCall.2019.md");
    let m = &set.methods["phone.requestCall"];
    assert_eq!(m.params.len(), 4);
    assert_eq!(m.return_type.as_deref(), Some("phone.PhoneCall"));
    let errors: Vec<_> = m.errors.iter().map(|e| (e.code, e.name.as_str())).collect();
    assert_eq!(errors, expected_errors);

    let (set, _) = load(&shared, "corpus/phone_requestCall.newest.md");
    let newest = &set.methods["phone.requestCall"];
    assert!(newest.errors.is_empty());
    assert_eq!(newest.users_can_use, Some(true));
    assert_eq!(
        newest.params[0].description.as_ref().unwrap().plain(),
        "Whether to start a video call"
    );
}

#[test]
fn roots_merge_prose_from_first_and_errors_from_all() {
    let Some(shared) = common::shared() else {
        return;
    };
    let newest = shared.join("corpus/madelineproto-docs");
    let old = shared.join("corpus/madelineproto-docs-layer136-errors");
    let set = load_roots(&[&newest, &old]).unwrap();
    assert_eq!(set.warnings, []);
    let m = &set.methods["phone.requestCall"];
    // Prose from layer 223 ...
    assert_eq!(m.params.len(), 4);
    assert_eq!(m.users_can_use, Some(true));
    assert!(m.source.starts_with(&newest));
    // ... errors from layer 136 (which also lists USER_IS_BLOCKED under 400).
    assert_eq!(m.errors.len(), 6);
    let error_rows: usize = set.methods.values().map(|m| m.errors.len()).sum();
    assert_eq!(error_rows, 1388);
    // Methods only in layer 136 are kept.
    let only_old = set
        .methods
        .values()
        .filter(|m| m.source.starts_with(&old))
        .count();
    assert!(only_old > 0);
    assert_eq!(set.methods.len(), 757 + only_old);

    // The other way round, prose comes from layer 136.
    let set = load_roots(&[&old, &newest]).unwrap();
    let m = &set.methods["phone.requestCall"];
    assert!(m.source.starts_with(&old));
    assert_eq!(
        m.users_can_use,
        Some(true),
        "filled in from the second root"
    );
    // Same twice: errors are not duplicated.
    let set = load_roots(&[&old, &old]).unwrap();
    let error_rows: usize = set.methods.values().map(|m| m.errors.len()).sum();
    assert_eq!(error_rows, 1388);
}

#[test]
fn missing_root_is_an_error() {
    let err = load_roots(&["/nonexistent/docs/root"]).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
}
