//! Text from schemas and docs pages, made safe for rustdoc: markdown reads it literally, so
//! page prose never becomes a link, an HTML tag, emphasis or a heading by accident, and URLs
//! become links rather than `rustdoc::bare_urls` warnings.

/// Appends `text` as literal markdown; line breaks become spaces.
pub fn push_text(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
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
}

/// `text` as literal markdown (see [`push_text`]).
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

fn push_word(out: &mut String, word: &str) {
    let last = word.chars().count().saturating_sub(1);
    for (i, c) in word.chars().enumerate() {
        // `_` only emphasizes at the edges of a word; `snake_case` stays readable.
        let edge_underscore = c == '_' && (i == 0 || i == last);
        if edge_underscore || matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '`' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Appends `code` as an inline code span, with as many backticks as it needs.
pub fn push_code(out: &mut String, code: &str) {
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
    fn code_spans() {
        let mut out = String::new();
        push_code(&mut out, "a`b");
        push_code(&mut out, " flags.0?true ");
        push_code(&mut out, "`x");
        assert_eq!(out, "``a`b```flags.0?true``` `x ``");
    }
}
