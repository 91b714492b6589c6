//! Documentation text as the pages write it: spans of text, code, links and emphasis
//! ([`RichText`]), normalised once when built.

use std::fmt;

use crate::words::words;

/// Where a link in the documentation points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkTarget {
    /// A method, by TL name (`messages.sendMessage`).
    Method(String),
    /// A constructor, by TL name (`inputPeerSelf`).
    Constructor(String),
    /// A type, by TL name (`phone.PhoneCall`, or `Vector<int>`).
    Type(String),
    /// Anything else, as written on the page.
    Url(String),
}

/// One piece of [`RichText`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    /// Plain text. Whitespace runs are collapsed to one space.
    Text(String),
    /// Inline code (`` `like this` ``).
    Code(String),
    /// A link; `text` is plain, without the `»` arrows the pages put after link texts.
    Link {
        /// The link text.
        text: String,
        /// Where it points.
        target: LinkTarget,
    },
    /// A line break (`<br>` or a hard break).
    LineBreak,
    /// The break between two paragraphs.
    ParagraphBreak,
    /// Where emphasized text starts (`*like this*`, `**this**`).
    Open(Style),
    /// Where emphasized text opened by [`Span::Open`] ends.
    Close(Style),
    /// The start of a list item: a line of its own, `depth` lists deep (0 at the top level),
    /// with its number in an ordered list.
    Item {
        /// How many lists enclose the one this item is in.
        depth: u8,
        /// The item's number, in an ordered list.
        number: Option<u64>,
    },
}

/// How text between [`Span::Open`] and [`Span::Close`] is emphasized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// `*emphasis*`, usually italic.
    Emphasis,
    /// `**strong**`, usually bold.
    Strong,
}

/// Documentation text with its links kept structured, so that links to methods, constructors
/// and types can become links to the generated items.
///
/// Normalised on construction: adjacent text merged, whitespace collapsed, `»` arrows dropped,
/// no leading or trailing whitespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RichText {
    spans: Vec<Span>,
}

/// `s` with every run of white space (and the link arrow `»`, dropped as a space so that
/// `a » b` becomes `a b`) turned into one space.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut end = 0;
    for (at, word) in words(s, true) {
        if at > 0 {
            out.push(' ');
        }
        out.push_str(word);
        end = at + word.len();
    }
    if end < s.len() {
        out.push(' ');
    }
    out
}

impl RichText {
    /// Builds normalised text from spans.
    pub fn from_spans(spans: impl IntoIterator<Item = Span>) -> RichText {
        let mut out: Vec<Span> = Vec::new();
        for span in spans {
            match span {
                Span::Text(t) => {
                    let t = collapse_whitespace(&t);
                    if t.is_empty() {
                        continue;
                    }
                    if let Some(Span::Text(prev)) = out.last_mut() {
                        // Both sides are collapsed already: only the join can hold two
                        // spaces. (Collapsing all of `prev` again would be quadratic.)
                        let t = match (prev.ends_with(' '), t.strip_prefix(' ')) {
                            (true, Some(rest)) => rest,
                            _ => t.as_str(),
                        };
                        prev.push_str(t);
                    } else {
                        out.push(Span::Text(t));
                    }
                }
                Span::Code(c) => {
                    let c = c.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !c.is_empty() {
                        out.push(Span::Code(c));
                    }
                }
                Span::Link { text, target } => {
                    let text = collapse_whitespace(&text).trim().to_owned();
                    if !text.is_empty() {
                        out.push(Span::Link { text, target });
                    }
                }
                Span::Open(_) | Span::Close(_) => out.push(span),
                Span::Item { .. } => {
                    trim_end(&mut out);
                    out.push(span);
                }
                Span::LineBreak | Span::ParagraphBreak => {
                    trim_end(&mut out);
                    if !out.is_empty() {
                        match out.last_mut() {
                            Some(last @ Span::LineBreak) if span == Span::ParagraphBreak => {
                                *last = Span::ParagraphBreak;
                            }
                            Some(Span::LineBreak | Span::ParagraphBreak) => {}
                            _ => out.push(span),
                        }
                    }
                }
            }
        }
        // Trim whitespace at the start, at the end and around breaks.
        trim_end(&mut out);
        for i in 0..out.len() {
            let after_break = i == 0
                || matches!(
                    out[i - 1],
                    Span::LineBreak | Span::ParagraphBreak | Span::Item { .. }
                );
            if let (true, Span::Text(t)) = (after_break, &mut out[i]) {
                *t = t.trim_start().to_owned();
            }
        }
        out.retain(|s| !matches!(s, Span::Text(t) if t.is_empty()));
        trim_end(&mut out);
        RichText { spans: out }
    }

    /// Text without links or markup.
    pub fn from_plain(text: &str) -> RichText {
        RichText::from_spans([Span::Text(text.to_owned())])
    }

    /// Joins paragraphs with [`Span::ParagraphBreak`].
    pub fn join_paragraphs(paragraphs: impl IntoIterator<Item = RichText>) -> RichText {
        let mut spans = Vec::new();
        for p in paragraphs {
            if !spans.is_empty() {
                spans.push(Span::ParagraphBreak);
            }
            spans.extend(p.spans);
        }
        RichText::from_spans(spans)
    }

    /// The spans.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The text without markup: link texts and code as they read, line breaks as `\n`,
    /// paragraph breaks as `\n\n`, each list item on a line of its own after `- ` (or its
    /// number), emphasis as the text emphasized.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for span in &self.spans {
            match span {
                Span::Text(t) | Span::Code(t) | Span::Link { text: t, .. } => out.push_str(t),
                Span::LineBreak => out.push('\n'),
                Span::ParagraphBreak => out.push_str("\n\n"),
                Span::Item { number, .. } => {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    match number {
                        Some(n) => out.push_str(&format!("{n}. ")),
                        None => out.push_str("- "),
                    }
                }
                Span::Open(_) | Span::Close(_) => {}
            }
        }
        out
    }

    /// The links, in order.
    pub fn links(&self) -> impl Iterator<Item = (&str, &LinkTarget)> {
        self.spans.iter().filter_map(|s| match s {
            Span::Link { text, target } => Some((text.as_str(), target)),
            _ => None,
        })
    }
}

fn trim_end(spans: &mut Vec<Span>) {
    while let Some(last) = spans.last_mut() {
        match last {
            Span::Text(t) => {
                let trimmed = t.trim_end();
                if trimmed.is_empty() {
                    spans.pop();
                } else {
                    let len = trimmed.len();
                    t.truncate(len);
                    return;
                }
            }
            Span::LineBreak | Span::ParagraphBreak => {
                spans.pop();
            }
            _ => return,
        }
    }
}

impl fmt::Display for RichText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_and_arrows_become_one_space() {
        for (input, want) in [
            ("", ""),
            ("a", "a"),
            ("a b", "a b"),
            ("a \t\n b", "a b"),
            ("  a", " a"),
            ("a  ", "a "),
            ("   ", " "),
            ("\u{00BB}", " "),
            ("see here \u{00BB}", "see here "),
            ("a\u{00BB}b", "a b"),
            ("a \u{00BB} b", "a b"),
            ("x\u{00A0}\u{2003}y", "x y"),
            ("a\u{000B}\u{000C}\rb\u{0085}c\u{2028}", "a b c "),
            ("\u{00E9}t\u{00E9}  \u{00E0}", "\u{00E9}t\u{00E9} \u{00E0}"),
        ] {
            assert_eq!(collapse_whitespace(input), want, "{input:?}");
        }
    }

    #[test]
    fn rich_text_normalisation() {
        let t = RichText::from_spans([
            Span::Text("  Start  a ".into()),
            Span::Link {
                text: " call \u{00BB}".into(),
                target: LinkTarget::Url("u".into()),
            },
            Span::Text(" \u{00BB} now ".into()),
            Span::LineBreak,
            Span::Text(" next".into()),
            Span::LineBreak,
        ]);
        assert_eq!(t.plain(), "Start a call now\nnext");
        assert_eq!(
            t.spans()[1],
            Span::Link {
                text: "call".into(),
                target: LinkTarget::Url("u".into())
            }
        );
        assert!(RichText::from_plain(" \u{00BB} ").is_empty());
    }
}
