//! Arbitrary text as a docs page (Markdown with front matter): read without panicking.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for name in [
        "methods/phone.requestCall.md",
        "constructors/phoneCall.md",
        "types/PhoneCall.md",
    ] {
        let parsed = tl_codegen::docs::parse_page(&text, Path::new(name));
        if let Some(page) = parsed.page {
            let _ = page.name();
        }
        for w in &parsed.warnings {
            let _ = w.to_string();
        }
    }
});
