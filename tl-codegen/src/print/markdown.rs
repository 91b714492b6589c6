//! Text from schemas and docs pages, made safe for rustdoc: markdown reads it literally, so
//! page prose never becomes a link, an HTML tag, emphasis or a heading by accident, and URLs
//! become links rather than `rustdoc::bare_urls` warnings.

use crate::words::words;

/// Appends `text` as literal markdown; line breaks become spaces, and a run of whitespace at
/// either end is kept as one space (it separates the text from a link or code span beside it).
pub(crate) fn push_text(out: &mut String, text: &str) {
    if text.starts_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
    let mut count = 0;
    for (i, (_, word)) in words(text, false).enumerate() {
        count += 1;
        if i > 0 {
            out.push(' ');
        }
        let url = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        if (url.starts_with("https://") || url.starts_with("http://"))
            && !url.contains(['<', '>', '`', '\\'])
        {
            out.push('<');
            out.push_str(url);
            out.push('>');
            push_word(out, &word[url.len()..]);
        } else {
            push_word(out, word);
        }
    }
    if count > 0 && text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// `text` as literal markdown (see [`push_text`]).
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

/// Whether rustdoc's markdown would read `c` as markup (a link, HTML, emphasis, code, a
/// table cell or a heading) unless it is escaped. `_` is left to the callers: it emphasizes
/// only at the edges of a word.
fn is_markup(c: char) -> bool {
    matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '`' | '|' | '#')
}

fn push_word(out: &mut String, word: &str) {
    // Over bytes, copying the runs between escapes (every markup character is ASCII, so a
    // run ends on a character boundary): the printers run in unoptimized build scripts.
    let bytes = word.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // `snake_case` stays readable.
        let edge_underscore = bytes[i] == b'_' && (i == 0 || i + 1 == bytes.len());
        if edge_underscore || is_markup(char::from(bytes[i])) {
            out.push_str(&word[copied..i]);
            out.push('\\');
            copied = i;
        }
        i += 1;
    }
    out.push_str(&word[copied..]);
}

/// `text` as literal markdown with its white space and lines as they are, every markup
/// character (`_` too) escaped: a schema's comments, which are not prose to reflow. URLs
/// become links, as in [`push_text`].
pub(crate) fn escape_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, len)) = next_url(rest) {
        push_escaped(&mut out, &rest[..start]);
        out.push('<');
        out.push_str(&rest[start..start + len]);
        out.push('>');
        rest = &rest[start + len..];
    }
    push_escaped(&mut out, rest);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if c == '_' || is_markup(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The next URL of `text` that can be written as an autolink, as its start and length: it
/// starts a word (or follows an opening parenthesis or quote), runs to white space, and ends
/// before trailing punctuation. A bare scheme (`"https://"`) is not one.
fn next_url(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        from = start + 4;
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '"' | '\''));
        let tail = &text[start..];
        let Some(scheme) = ["https://", "http://"]
            .into_iter()
            .find(|s| tail.starts_with(s))
        else {
            continue;
        };
        if !starts_word {
            continue;
        }
        let word = &tail[..tail.find(char::is_whitespace).unwrap_or(tail.len())];
        let url = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\'']);
        if url.len() > scheme.len() && !url.contains(['<', '>', '`', '\\']) {
            return Some((start, url.len()));
        }
    }
    None
}

/// Appends `code` as an inline code span, with as many backticks as it needs.
pub(crate) fn push_code(out: &mut String, code: &str) {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let ticks = if code.contains('`') { "``" } else { "`" };
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(ticks);
    out.push_str(pad);
    out.push_str(&code);
    out.push_str(pad);
    out.push_str(ticks);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_escape_markup_and_edge_underscores() {
        for (word, want) in [
            ("", ""),
            ("_", "\\_"),
            ("__", "\\_\\_"),
            ("_x_", "\\_x\\_"),
            ("user_id", "user_id"),
            ("a*b", "a\\*b"),
            ("[x]", "\\[x\\]"),
            ("\u{00E9}_", "\u{00E9}\\_"),
            ("\u{00E9}<\u{00E0}>", "\u{00E9}\\<\u{00E0}\\>"),
            ("#1|2`3\\", "\\#1\\|2\\`3\\\\"),
        ] {
            let mut out = String::new();
            push_word(&mut out, word);
            assert_eq!(out, want, "{word:?}");
        }
    }

    #[test]
    fn markup_is_escaped_and_urls_are_links() {
        assert_eq!(
            text("Use [x] or <b> *now* _here_ for user_id,\nsee https://core.telegram.org/api/x."),
            r"Use \[x\] or \<b\> \*now\* \_here\_ for user_id, see <https://core.telegram.org/api/x>."
        );
        assert_eq!(
            text("# not a heading | nor a cell"),
            r"\# not a heading \| nor a cell"
        );
    }

    #[test]
    fn space_beside_links_and_code_is_kept() {
        let mut out = String::new();
        push_text(&mut out, "Whether to preload ");
        out.push_str("[stories](https://core.telegram.org/api/stories)");
        push_text(&mut out, "; the first ");
        push_code(&mut out, "x");
        push_text(&mut out, " ");
        push_code(&mut out, "y");
        push_text(&mut out, ".");
        assert_eq!(
            out,
            "Whether to preload [stories](https://core.telegram.org/api/stories); the first `x` `y`."
        );
    }

    #[test]
    fn schema_comments_keep_their_lines_and_link_their_urls() {
        assert_eq!(
            escape_all("See https://core.telegram.org/animated_stickers#technical-requirements.\n(https://a.org/x_y) or \"https://\", user_id"),
            "See <https://core.telegram.org/animated_stickers#technical-requirements>.\n(<https://a.org/x_y>) or \"https://\", user\\_id"
        );
        assert_eq!(escape_all("xhttps://a.org [b]"), r"xhttps://a.org \[b\]");
    }

    #[test]
    fn code_spans() {
        let mut out = String::new();
        push_code(&mut out, "a`b");
        push_code(&mut out, " flags.0?true ");
        push_code(&mut out, "`x");
        assert_eq!(out, "``a`b```flags.0?true``` `x ``");
    }
}
