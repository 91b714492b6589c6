//! The HTML-ish markup of mtcute's descriptions, read into rich text.

use std::collections::HashMap;

use crate::docs::names::resolve_link;
use crate::docs::rich_text::{LinkTarget, RichText, Span, Style};

/// Converts descriptions of `api-schema.json` into [`RichText`].
pub(super) struct Html<'a> {
    /// mtcute names (`RawUser`) → TL name and link target.
    links: &'a HashMap<String, (String, LinkTarget)>,
    pub(super) unresolved: usize,
    // State of the text being converted.
    spans: Vec<Span>,
    /// Styles open in the source, outermost first.
    styles: Vec<Style>,
    /// How many of `styles` are open in `spans` (they are opened at the next content and
    /// closed at every break, so that emphasis never spans a paragraph).
    emitted: usize,
    /// An open `<a>`: its target (`None` without a usable `href`) and text so far.
    link: Option<(Option<LinkTarget>, String)>,
    /// A break to put before the next content.
    pending: Option<Span>,
    line_start: bool,
    in_list: bool,
}

/// HTML elements understood; anything else that looks like a tag is text.
const KNOWN_TAGS: &[&str] = &[
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "i",
    "img",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "u",
    "ul",
];

impl<'a> Html<'a> {
    pub(super) fn new(links: &'a HashMap<String, (String, LinkTarget)>) -> Html<'a> {
        Html {
            links,
            unresolved: 0,
            spans: Vec::new(),
            styles: Vec::new(),
            emitted: 0,
            link: None,
            pending: None,
            line_start: true,
            in_list: false,
        }
    }

    pub(super) fn convert(&mut self, s: &str) -> RichText {
        self.spans.clear();
        self.styles.clear();
        self.emitted = 0;
        self.link = None;
        self.pending = None;
        self.line_start = true;
        self.in_list = false;

        let mut buf = String::new();
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let Some(c) = rest.chars().next() else { break };
            match c {
                '<' => {
                    if let Some(end) = rest
                        .strip_prefix("<!--")
                        .map(|r| r.find("-->").map_or(s.len() - i, |e| e + 4 + 3))
                    {
                        i += end;
                        continue;
                    }
                    if let Some((tag, len)) = parse_tag(rest) {
                        self.flush(&mut buf);
                        i += len;
                        i += self.tag(&tag, &s[i..]);
                        continue;
                    }
                    buf.push('<');
                    i += 1;
                }
                '&' => {
                    let (decoded, len) = entity(rest);
                    buf.push_str(&decoded);
                    i += len;
                }
                '{' if rest.starts_with("{@link") => match rest.find('}') {
                    Some(end) if end < 512 => {
                        self.flush(&mut buf);
                        self.jsdoc_link(rest[6..end].trim());
                        i += end + 1;
                    }
                    _ => {
                        buf.push('{');
                        i += 1;
                    }
                },
                '\r' | '\n' => {
                    // A run of line ends (with blanks between): one is a line break, more a
                    // paragraph break.
                    let mut newlines = 0;
                    let mut j = i;
                    for b in s[i..].bytes() {
                        match b {
                            b'\n' => newlines += 1,
                            b'\r' | b' ' | b'\t' => {}
                            _ => break,
                        }
                        j += 1;
                    }
                    self.flush(&mut buf);
                    self.brk(if newlines > 1 {
                        Span::ParagraphBreak
                    } else {
                        Span::LineBreak
                    });
                    i = j;
                }
                _ => {
                    buf.push(c);
                    i += c.len_utf8();
                }
            }
        }
        self.flush(&mut buf);
        if let Some((target, text)) = self.link.take() {
            self.finish_link(target, text);
        }
        self.close_emitted();
        let mut spans = std::mem::take(&mut self.spans);
        move_blanks_out_of_emphasis(&mut spans);
        RichText::from_spans(spans)
    }

    /// Handles a tag (lowercase name, `/` first for a closing tag); returns how many bytes
    /// after it were consumed (the contents of `<code>` and `<pre>`).
    fn tag(&mut self, tag: &Tag, after: &str) -> usize {
        let name = tag.name.as_str();
        if tag.closing {
            match name {
                "a" => {
                    if let Some((target, text)) = self.link.take() {
                        self.finish_link(target, text);
                    }
                }
                "strong" | "b" => self.close_style(Style::Strong),
                "em" | "i" => self.close_style(Style::Emphasis),
                "p" | "div" | "ul" | "ol" | "blockquote" => self.brk(Span::ParagraphBreak),
                "li" => self.brk(Span::LineBreak),
                _ => {}
            }
            return 0;
        }
        match name {
            "a" => {
                if let Some((target, text)) = self.link.take() {
                    self.finish_link(target, text);
                }
                let target = tag
                    .attr("href")
                    .filter(|h| !h.trim().is_empty())
                    .map(|h| link_target(&h));
                self.link = Some((target, String::new()));
            }
            "br" => self.brk(Span::LineBreak),
            "p" | "div" | "ul" | "ol" | "blockquote" => self.brk(Span::ParagraphBreak),
            "li" => {
                self.brk(Span::LineBreak);
                self.text("- ");
            }
            "strong" | "b" => self.open_style(Style::Strong),
            "em" | "i" => self.open_style(Style::Emphasis),
            "img" => {
                if let Some(alt) = tag.attr("alt") {
                    self.text(&alt);
                }
            }
            "code" | "pre" => {
                let close = format!("</{name}>");
                let (raw, used) = match find_ci(after, &close) {
                    Some(end) => (&after[..end], end + close.len()),
                    None => (after, after.len()),
                };
                self.code(&decode_entities(raw));
                return used;
            }
            _ => {}
        }
        0
    }

    fn flush(&mut self, buf: &mut String) {
        if !buf.is_empty() {
            let t = std::mem::take(buf);
            self.text(&t);
        }
    }

    /// Puts the pending break and the open styles before content; a line starting with
    /// `- ` is a list item.
    fn content(&mut self, text: &mut &str) {
        if self.line_start {
            self.line_start = false;
            let trimmed = text.trim_start();
            let item = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("\u{2022} "));
            if let Some(rest) = item {
                self.pending = None;
                self.spans.push(Span::Item {
                    depth: 0,
                    number: None,
                });
                self.in_list = true;
                *text = rest;
            } else if self.in_list {
                // Text after the list is a paragraph of its own.
                self.in_list = false;
                self.pending = Some(Span::ParagraphBreak);
            }
        }
        if let Some(b) = self.pending.take() {
            self.spans.push(b);
        }
        while self.emitted < self.styles.len() {
            self.spans.push(Span::Open(self.styles[self.emitted]));
            self.emitted += 1;
        }
    }

    fn text(&mut self, t: &str) {
        if let Some((_, text)) = &mut self.link {
            text.push_str(t);
            return;
        }
        if t.trim().is_empty() {
            if !self.line_start {
                self.spans.push(Span::Text(t.to_owned()));
            }
            return;
        }
        let mut t = t;
        self.content(&mut t);
        self.spans.push(Span::Text(t.to_owned()));
    }

    fn code(&mut self, c: &str) {
        if let Some((_, text)) = &mut self.link {
            text.push_str(c);
            return;
        }
        if c.trim().is_empty() {
            return;
        }
        let mut none = "";
        self.content(&mut none);
        self.spans.push(Span::Code(c.to_owned()));
    }

    fn jsdoc_link(&mut self, reference: &str) {
        // `{@link Target}`, `{@link Target text}` or `{@link Target|text}`.
        let (target, text) = match reference.find(|c: char| c == '|' || c.is_whitespace()) {
            Some(k) => (&reference[..k], reference[k + 1..].trim()),
            None => (reference, ""),
        };
        match self.links.get(target) {
            Some((tl_name, link)) => {
                let text = if text.is_empty() {
                    tl_name.as_str()
                } else {
                    text
                };
                if let Some((_, link_text)) = &mut self.link {
                    link_text.push_str(text);
                    return;
                }
                let mut none = "";
                self.content(&mut none);
                self.spans.push(Span::Link {
                    text: text.to_owned(),
                    target: link.clone(),
                });
            }
            None => {
                self.unresolved += 1;
                let shown = if text.is_empty() { target } else { text };
                self.code(shown);
            }
        }
    }

    fn finish_link(&mut self, target: Option<LinkTarget>, text: String) {
        if text.trim().is_empty() {
            return;
        }
        let Some(target) = target else {
            self.text(&text);
            return;
        };
        let mut none = "";
        self.content(&mut none);
        self.spans.push(Span::Link { text, target });
    }

    fn brk(&mut self, span: Span) {
        if let Some((_, text)) = &mut self.link {
            text.push(' ');
            return;
        }
        self.close_emitted();
        self.line_start = true;
        self.pending = match (self.pending.take(), span) {
            (Some(_), _) | (None, Span::ParagraphBreak) => Some(Span::ParagraphBreak),
            (None, other) => Some(other),
        };
        if self.spans.is_empty() {
            // Nothing to break from.
            self.pending = None;
        }
    }

    fn close_emitted(&mut self) {
        while self.emitted > 0 {
            self.emitted -= 1;
            self.spans.push(Span::Close(self.styles[self.emitted]));
        }
    }

    fn open_style(&mut self, style: Style) {
        if self.link.is_none() && self.styles.len() < 8 {
            self.styles.push(style);
        }
    }

    fn close_style(&mut self, style: Style) {
        if self.link.is_some() {
            return;
        }
        let Some(j) = self.styles.iter().rposition(|&s| s == style) else {
            return;
        };
        while self.emitted > j {
            self.emitted -= 1;
            self.spans.push(Span::Close(self.styles[self.emitted]));
        }
        self.styles.remove(j);
    }
}

/// Keeps emphasis tight (`**bold** text`, not `**bold **text`), as markdown needs, and drops
/// emphasis around nothing.
fn move_blanks_out_of_emphasis(spans: &mut Vec<Span>) {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in std::mem::take(spans) {
        match span {
            Span::Close(style) => {
                if out.last() == Some(&Span::Open(style)) {
                    out.pop();
                    continue;
                }
                let trailing = match out.last_mut() {
                    Some(Span::Text(t)) if t.ends_with(char::is_whitespace) => {
                        let kept = t.trim_end().len();
                        t.truncate(kept);
                        true
                    }
                    _ => false,
                };
                out.push(Span::Close(style));
                if trailing {
                    out.push(Span::Text(" ".to_owned()));
                }
            }
            Span::Text(t) if matches!(out.last(), Some(Span::Open(_))) => {
                let trimmed = t.trim_start();
                if trimmed.len() != t.len() {
                    let open = out.pop();
                    out.push(Span::Text(" ".to_owned()));
                    out.extend(open);
                }
                out.push(Span::Text(trimmed.to_owned()));
            }
            other => out.push(other),
        }
    }
    *spans = out;
}

/// Where an `href` points: Telegram's pages of methods, constructors and types (also on
/// `corefork.telegram.org`) become links to those; anything else stays a URL.
fn link_target(href: &str) -> LinkTarget {
    let href = href.trim();
    for prefix in [
        "https://corefork.telegram.org/",
        "http://corefork.telegram.org/",
    ] {
        if let Some(rest) = href.strip_prefix(prefix) {
            return match resolve_link(&format!("https://core.telegram.org/{rest}"), None) {
                LinkTarget::Url(_) => LinkTarget::Url(href.to_owned()),
                other => other,
            };
        }
    }
    resolve_link(href, None)
}

struct Tag {
    name: String,
    closing: bool,
    attrs: String,
}

impl Tag {
    /// The value of attribute `name` (quoted or not), entities decoded.
    fn attr(&self, name: &str) -> Option<String> {
        let a = &self.attrs;
        let lower = a.to_ascii_lowercase();
        let mut from = 0;
        while let Some(k) = lower[from..].find(name) {
            let start = from + k;
            from = start + name.len();
            let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
            let rest = a[from..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let rest = rest.trim_start();
            let raw = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &rest[1..];
                    &inner[..inner.find(q).unwrap_or(inner.len())]
                }
                _ => &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())],
            };
            return Some(decode_entities(raw));
        }
        None
    }
}

/// Parses `<name ...>` or `</name>` at the start of `s` (a known element only); returns the
/// tag and its length.
fn parse_tag(s: &str) -> Option<(Tag, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == start || !b[start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[start..i].to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    // After the name: the end, or blanks / `/` and then attributes.
    match b.get(i) {
        Some(b'>') => {}
        Some(c) if c.is_ascii_whitespace() || *c == b'/' => {}
        _ => return None,
    }
    let attrs_start = i;
    let mut quote: Option<u8> = None;
    while i < b.len() && i < 4096 {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (None, b'>') => {
                let attrs = s[attrs_start..i].trim().trim_end_matches('/').to_owned();
                return Some((
                    Tag {
                        name,
                        closing,
                        attrs,
                    },
                    i + 1,
                ));
            }
            (None, b'<') => return None,
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// Finds `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// Decodes the entity at the start of `s` (which starts with `&`): the text and the bytes
/// used. Unknown entities are a literal `&`.
fn entity(s: &str) -> (String, usize) {
    let literal = ("&".to_owned(), 1);
    let Some(end) = s.bytes().take(12).position(|b| b == b';') else {
        return literal;
    };
    let body = &s[1..end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        match value.and_then(char::from_u32) {
            Some(c) => c.to_string(),
            None => return literal,
        }
    } else {
        let c = match body {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" | "#39" => "'",
            "nbsp" => " ",
            "raquo" => "\u{00BB}",
            "laquo" => "\u{00AB}",
            "mdash" => "\u{2014}",
            "ndash" => "\u{2013}",
            "hellip" => "\u{2026}",
            "rarr" => "\u{2192}",
            "larr" => "\u{2190}",
            "times" => "\u{00D7}",
            "copy" => "\u{00A9}",
            _ => return literal,
        };
        c.to_owned()
    };
    (decoded, end + 1)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('&') {
            let (d, len) = entity(rest);
            out.push_str(&d);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
