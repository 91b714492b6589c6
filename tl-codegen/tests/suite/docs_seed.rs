//! The seed page, flattened copies of pages, and text-level robustness.

use crate::common;

use std::path::{Path, PathBuf};

use tl_codegen::docs::{load_roots, parse_page, LinkTarget, MethodDoc, Page, Span};

fn method_of(page: Option<Page>) -> MethodDoc {
    match page {
        Some(Page::Method(m)) => m,
        other => panic!("expected a method page, got {other:?}"),
    }
}

fn check_readme_values(m: &MethodDoc) {
    assert_eq!(m.name, "phone.requestCall");
    assert_eq!(
        m.description.as_ref().unwrap().plain(),
        "Start a telegram phone call"
    );
    let params: Vec<_> = m
        .params
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.tl_type.as_deref().unwrap(),
                p.required.unwrap(),
                p.description.as_ref().unwrap().plain(),
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            (
                "user_id",
                "InputUser",
                false,
                "Destination of the phone call".to_owned()
            ),
            (
                "g_a_hash",
                "bytes",
                true,
                "Parameter for E2E encryption key exchange".to_owned()
            ),
            (
                "protocol",
                "PhoneCallProtocol",
                true,
                "Phone call settings".to_owned()
            ),
        ]
    );
    // The link of g_a_hash's description is kept, without its arrow.
    assert_eq!(
        m.params[1].description.as_ref().unwrap().spans(),
        [Span::Link {
            text: "Parameter for E2E encryption key exchange".into(),
            target: LinkTarget::Url("https://core.telegram.org/api/end-to-end/voice-calls".into()),
        }]
    );
    assert_eq!(m.return_type.as_deref(), Some("phone.PhoneCall"));
    assert_eq!(m.bots_can_use, Some(false));
    assert_eq!(m.users_can_use, None);
    let errors: Vec<_> = m
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str(), e.description.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (400, "CALL_PROTOCOL_FLAGS_INVALID", "Call protocol flags invalid"),
            (
                400,
                "PARTICIPANT_VERSION_OUTDATED",
                "The other participant does not use an up to date telegram client with support for calls"
            ),
            (400, "USER_ID_INVALID", "The provided user ID is invalid"),
            (403, "USER_IS_BLOCKED", "You were blocked by this user"),
            (
                403,
                "USER_PRIVACY_RESTRICTED",
                "The user's privacy settings do not allow you to do this"
            ),
        ]
    );
}

#[test]
fn seed_blame_view_reads_as_the_clean_page() {
    let Some(shared) = common::shared() else {
        return;
    };
    let clean_path = shared.join("seeds/phone_requestCall.clean.md");
    let blame_path = shared.join("seeds/phone_requestCall.blame-view.md");
    let clean = parse_page(&std::fs::read_to_string(&clean_path).unwrap(), &clean_path);
    let blame = parse_page(&std::fs::read_to_string(&blame_path).unwrap(), &blame_path);
    assert!(!clean.was_blame_view);
    assert!(blame.was_blame_view);
    assert_eq!(clean.warnings, []);
    assert_eq!(blame.warnings, []);
    assert_eq!(clean.front_matter, blame.front_matter);
    assert_eq!(blame.front_matter.get("title"), Some("phone.requestCall"));
    let clean = method_of(clean.page);
    let mut blame = method_of(blame.page);
    println!("{clean:#?}");
    check_readme_values(&clean);
    check_readme_values(&blame);
    blame.source = clean.source.clone();
    assert_eq!(clean, blame);

    // Through the loader too.
    let set = load_roots(&[&blame_path]).unwrap();
    check_readme_values(&set.methods["phone.requestCall"]);
}

fn md_files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            md_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn flattened_pages_read_as_the_originals() {
    let Some(shared) = common::shared() else {
        return;
    };
    let mut files = Vec::new();
    for root in [
        "corpus/madelineproto-docs",
        "corpus/madelineproto-docs-layer136-errors",
        "corpus/phone_requestCall.2019.md",
        "corpus/phone_requestCall.newest.md",
        "seeds/phone_requestCall.clean.md",
    ] {
        md_files(&shared.join(root), &mut files);
    }
    let (mut pages, mut params, mut errors) = (0, 0, 0);
    for (i, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let original = parse_page(&text, file);
        let flat = common::flatten_blame(&text, 3 + i % 7);
        let flattened = parse_page(&flat, file);
        assert!(flattened.was_blame_view, "{}", file.display());
        assert_eq!(original.page, flattened.page, "{}", file.display());
        assert_eq!(
            original.warnings.len(),
            flattened.warnings.len(),
            "{}",
            file.display()
        );
        if let Some(page) = &original.page {
            pages += 1;
            if let Page::Method(m) = page {
                params += m.params.len();
                errors += m.errors.len();
            }
            if let Page::Constructor(c) = page {
                params += c.params.len();
            }
        }
    }
    println!(
        "{} files, {pages} pages, {params} parameters, {errors} error rows read the same flattened",
        files.len()
    );
    assert_eq!(pages, 757 + 1598 + 603 + 412 + 3);
    assert_eq!(params, 6794 + 978 + 4 + 4 + 3);
    assert_eq!(errors, 1388 + 5 + 5);
}

const PAGE: &str = "---\ntitle: \"messages.test\"\ndescription: \"A test\"\n---\n\
# Method: messages.test  \n[Back to methods index](index.md)\n\n\
Tests &amp; checks, see [here &raquo;](https://core.telegram.org/api/x) and \
[inputPeerSelf](../constructors/inputPeerSelf.md).\n\n\
### Parameters:\n\n\
| Name | Type | Description | Required |\n|---|---|---|---|\n\
|peer\\_id|[InputPeer](../types/InputPeer.md) | The peer<br>Second line, `code`  | Yes|\n\
|flags|Array of [long\\|string](/API_docs/types/long\\|string.html) | Pipes \\| inside | Optional|\n\
|short|[int](../types/int.md)|\n\n\
### Return type: [Vector\\_of\\_int](../types/int.md)\n\n\
### Can users use this method: **YES**\n\n\
### Can bots use this method: **NO**\n\n\
### Errors\n\n| Code | Type | Description |\n|---|---|---|\n\
|420|FLOOD\\_WAIT\\_X|Wait X seconds &raquo;|\n|abc|BAD|ignored row|\n|-503|Timeout|Timeout|\n";

#[test]
fn entities_tags_escapes_and_short_rows() {
    let parsed = parse_page(PAGE, Path::new("methods/messages.test.md"));
    println!("{parsed:#?}");
    assert_eq!(parsed.warnings.len(), 1, "the row with code `abc`");
    assert_eq!(parsed.warnings[0].line, Some(29));
    let m = method_of(parsed.page);
    let d = m.description.unwrap();
    assert_eq!(d.plain(), "Tests & checks, see here and inputPeerSelf.");
    assert_eq!(
        d.links().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        [
            LinkTarget::Url("https://core.telegram.org/api/x".into()),
            LinkTarget::Constructor("inputPeerSelf".into())
        ]
    );
    assert_eq!(m.params.len(), 3);
    assert_eq!(m.params[0].name, "peer_id");
    assert_eq!(
        m.params[0].description.as_ref().unwrap().spans(),
        [
            Span::Text("The peer".into()),
            Span::LineBreak,
            Span::Text("Second line, ".into()),
            Span::Code("code".into()),
        ]
    );
    assert_eq!(m.params[1].tl_type.as_deref(), Some("Vector<long|string>"));
    assert_eq!(m.params[1].type_text, "Array of long|string");
    assert_eq!(
        m.params[1].description.as_ref().unwrap().plain(),
        "Pipes | inside"
    );
    assert_eq!(m.params[2].tl_type.as_deref(), Some("int"));
    assert_eq!(m.params[2].description, None);
    assert_eq!(m.params[2].required, None);
    assert_eq!(m.return_type.as_deref(), Some("Vector<int>"));
    assert_eq!((m.users_can_use, m.bots_can_use), (Some(true), Some(false)));
    let errors: Vec<_> = m
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str(), e.description.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (420, "FLOOD_WAIT_X", "Wait X seconds"),
            (-503, "Timeout", "Timeout")
        ]
    );
}

#[test]
fn crlf_bom_trailing_spaces_and_mojibake_read_the_same() {
    let plain = parse_page(PAGE, Path::new("methods/messages.test.md"));
    let crlf = format!(
        "\u{FEFF}{}",
        PAGE.replace('\n', "  \r\n")
            .replace("&raquo;", "\u{0E22}\u{0E1B}")
    );
    let other = parse_page(&crlf, Path::new("methods/messages.test.md"));
    assert_eq!(plain.page, other.page);
    assert_eq!(plain.front_matter, other.front_matter);
    let latin1 = PAGE
        .replace("&raquo;", "\u{00C2}\u{00BB}")
        .replace('\n', "\r");
    let other = parse_page(&latin1, Path::new("methods/messages.test.md"));
    assert_eq!(plain.page, other.page);
}

#[test]
fn pages_that_are_not_understood_warn_and_do_not_panic() {
    let path = Path::new("methods/broken.md");
    let inputs = [
        "",
        "---",
        "---\n---",
        "---\ntitle: x\n",
        "# Method:",
        "# Method: a.b\n### Parameters:\n| Name | Type |\n|---|---|\n||\n|x|\n",
        "# Method: a.b\n### Errors\n| Code | Type | Description |\n|---|---|---|\n|99999999999|X|y|\n",
        "# Method: a.b\n### Return type:\n### Can bots use this method: maybe",
        "just text",
        "| a |\n|---|\n| b |",
        ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> # Method: x",
        "2019-12-27 17:48:04 +01:00\n|\n|\n",
        "2019-12-27 17:48:04 +01:00\n|\n|\n|\n# Method: a.b\n|",
        "\u{FEFF}\r\n\r\n\r",
        "# Type: [x](y.md) [z](",
        "[Back to methods index](index.md)",
    ];
    for input in inputs {
        let parsed = parse_page(input, path);
        println!(
            "{input:?} -> {:?} / {:?}",
            parsed.page.map(|p| p.name().to_owned()),
            parsed.warnings
        );
    }
    assert!(!parse_page("# Method:", path).warnings.is_empty());
    assert!(!parse_page("just text", path).warnings.is_empty());
    assert!(parse_page("just text", Path::new("index.md"))
        .warnings
        .is_empty());

    // Pseudo-random bytes of markdown-ish characters.
    let alphabet: Vec<char> = "#|-:*_[]()<>!`\\\n \r\tMethod: aZ0»ยป&;".chars().collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..200 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let _ = parse_page(&s, path);
        let _ = parse_page(&format!("# Method: a.b\n{s}"), path);
    }
}

#[test]
fn big_and_non_utf8_files_are_warned_about() {
    let dir = std::env::temp_dir().join(format!("tl-docs-test-{}", std::process::id()));
    let methods = dir.join("methods");
    std::fs::create_dir_all(&methods).unwrap();
    std::fs::write(
        methods.join("a.b.md"),
        b"# Method: a.b\n\nBad \xff byte\n".as_slice(),
    )
    .unwrap();
    let big = vec![b'a'; 5 * 1024 * 1024];
    std::fs::write(methods.join("big.md"), big).unwrap();
    std::fs::write(methods.join("notes.txt"), "not markdown").unwrap();
    let set = load_roots(&[&dir]).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(set.methods.len(), 1);
    assert_eq!(
        set.methods["a.b"].description.as_ref().unwrap().plain(),
        "Bad \u{FFFD} byte"
    );
    assert_eq!(set.warnings.len(), 2, "{:?}", set.warnings);
    assert!(set.warnings.iter().any(|w| w.message.contains("UTF-8")));
    assert!(set.warnings.iter().any(|w| w.message.contains("larger")));
}
