//! TDLib's documentation comments: `//@description ...`, `//@class Name @description ...`,
//! `//@param_name ...`, continued on `//-` lines.
//!
//! ```text
//! //@description Contains information about a user @id User identifier
//! //@first_name First name of the user
//! //-(may be empty)
//! user id:int53 first_name:string = User;
//! ```

use std::collections::BTreeMap;

/// The `@tag text` pairs of one comment block, in order. Text continued on `//-` lines is
/// joined with a space.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTags(pub Vec<(String, String)>);

impl DocTags {
    /// The text of the first `tag`.
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, text)| text.as_str())
    }
}

/// Reads the tags of comment lines given without their `//` (as
/// [`Definition::comments`](super::ast::Definition::comments) holds them). `None` unless the
/// block is in TDLib's style (some line starts with `@`).
///
/// A `@word` starts a new tag only at the start of a line or after white space, and only
/// when `is_tag(word)` says so: descriptions mention `@username`s and e-mail addresses.
pub(crate) fn parse_doc_tags(lines: &[String], is_tag: impl Fn(&str) -> bool) -> Option<DocTags> {
    if !lines.iter().any(|l| l.starts_with('@')) {
        return None;
    }
    let mut tags: Vec<(String, String)> = Vec::new();
    for line in lines {
        let (text, continued) = match line.strip_prefix('-') {
            Some(rest) => (rest, true),
            None => (line.as_str(), false),
        };
        let mut rest = text;
        if continued || !rest.starts_with('@') {
            // Continuation of the previous tag (or stray text before any tag).
            let end = next_tag(rest, &is_tag).unwrap_or(rest.len());
            if let Some((_, last)) = tags.last_mut() {
                append(last, &rest[..end]);
            }
            rest = &rest[end..];
        }
        while let Some(after_at) = rest.strip_prefix('@') {
            let name_len = after_at
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after_at.len());
            let name = &after_at[..name_len];
            let body = &after_at[name_len..];
            let end = next_tag(body, &is_tag).unwrap_or(body.len());
            let mut text = String::new();
            append(&mut text, &body[..end]);
            tags.push((name.to_owned(), text));
            rest = &body[end..];
        }
    }
    Some(DocTags(tags))
}

/// Where the next recognized `@tag` starts in `text` (after white space).
fn next_tag(text: &str, is_tag: &impl Fn(&str) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('@').map(|i| from + i) {
        let after_space = i == 0 || bytes[i - 1].is_ascii_whitespace();
        let name: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if after_space && !name.is_empty() && is_tag(&name) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

fn append(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(text);
}

/// The `//@class Name @description ...` blocks of a whole file: boxed type name ->
/// description. Each block is a run of `//@` and `//-` lines.
pub(crate) fn class_docs(source: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut block: Vec<String> = Vec::new();
    let mut flush = |block: &mut Vec<String>| {
        if block.first().is_some_and(|l| l.starts_with("@class")) {
            let tags = parse_doc_tags(block, |t| t == "class" || t == "description");
            if let Some(tags) = tags {
                if let (Some(class), Some(description)) =
                    (tags.get("class"), tags.get("description"))
                {
                    out.insert(class.to_owned(), description.to_owned());
                }
            }
        }
        block.clear();
    };
    for line in source.lines() {
        let line = line.trim();
        match line.strip_prefix("//") {
            Some(text) if text.starts_with('@') || (text.starts_with('-') && !block.is_empty()) => {
                block.push(text.trim_end().to_owned())
            }
            _ => flush(&mut block),
        }
    }
    flush(&mut block);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn tags_on_one_line_and_continued() {
        let tags = parse_doc_tags(
            &lines("@description A user @id Identifier\n@first_name First name\n-(may be empty)"),
            |t| ["description", "id", "first_name"].contains(&t),
        )
        .unwrap();
        assert_eq!(tags.get("description"), Some("A user"));
        assert_eq!(tags.get("id"), Some("Identifier"));
        assert_eq!(tags.get("first_name"), Some("First name (may be empty)"));
    }

    #[test]
    fn unknown_at_words_stay_text() {
        let tags = parse_doc_tags(
            &lines("@description Mention of @username or a@b.c @name The name"),
            |t| ["description", "name"].contains(&t),
        )
        .unwrap();
        assert_eq!(
            tags.get("description"),
            Some("Mention of @username or a@b.c")
        );
        assert_eq!(tags.get("name"), Some("The name"));
    }

    #[test]
    fn plain_comments_are_not_tags() {
        assert_eq!(parse_doc_tags(&lines("just a comment"), |_| true), None);
    }

    #[test]
    fn class_blocks() {
        let docs = class_docs(
            "//@class AuthState @description Represents\n//-the state\n\n//@description x\nok = Ok;\n",
        );
        assert_eq!(
            docs.get("AuthState").map(String::as_str),
            Some("Represents the state")
        );
        assert_eq!(docs.len(), 1);
    }
}
