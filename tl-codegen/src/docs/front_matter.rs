//! The `---`-delimited front matter at the top of a page.
//!
//! Only flat `key: value` lines are understood, with plain, `"double"` or `'single'` quoted
//! values; this is all the documentation generator ever wrote. Other lines are ignored.

/// The front matter of a page: `key: value` pairs in the order they appear.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    entries: Vec<(String, String)>,
}

impl FrontMatter {
    /// The value of `key` (the first one if it appears several times).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// All pairs, in page order.
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Splits a normalised page into its front matter and the line index where the body starts.
///
/// The front matter must start on the first line with `---` and end with a `---` or `...` line.
/// Without a closing line the page is taken to have no front matter.
pub(crate) fn split(text: &str) -> (FrontMatter, usize) {
    let mut lines = text.split('\n');
    if lines.next().map(str::trim) != Some("---") {
        return (FrontMatter::default(), 0);
    }
    let mut entries = Vec::new();
    for (index, line) in lines.enumerate() {
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return (FrontMatter { entries }, index + 2);
        }
        if let Some(entry) = parse_line(line) {
            entries.push(entry);
        }
    }
    (FrontMatter::default(), 0)
}

fn parse_line(line: &str) -> Option<(String, String)> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((key.to_owned(), unquote(value.trim())))
}

fn unquote(value: &str) -> String {
    if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        let inner = &value[1..value.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    } else if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
        value[1..value.len() - 1].replace("''", "'")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_quoted() {
        let text = "---\ntitle: \"phone.requestCall\"\ndescription: Start a \"call\": now\n\
                    other: 'it''s'\nimage: https://x/y.png\n---\n# Method: x\n";
        let (fm, body) = split(text);
        assert_eq!(fm.get("title"), Some("phone.requestCall"));
        assert_eq!(fm.get("description"), Some("Start a \"call\": now"));
        assert_eq!(fm.get("other"), Some("it's"));
        assert_eq!(fm.get("image"), Some("https://x/y.png"));
        assert_eq!(body, 6);
    }

    #[test]
    fn unterminated_is_ignored() {
        let (fm, body) = split("---\ntitle: x\n# Method: x\n");
        assert!(fm.is_empty());
        assert_eq!(body, 0);
    }
}
