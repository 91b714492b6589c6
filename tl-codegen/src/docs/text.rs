//! Text normalisation applied to a page before it is handed to the markdown parser.
//!
//! This is about bytes and lines, not markdown structure: byte order mark, line endings,
//! trailing spaces, mis-decoded characters, and the "blame view" flattening that some copies
//! of the pages went through (see [`unflatten_blame_view`]).

use std::borrow::Cow;

/// A page's text after normalisation, with a map back to the original line numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Normalized {
    /// The normalised text. Lines end with `\n`.
    pub(crate) text: String,
    /// `line_map[i]` is the 1-based line number, in the original input, of line `i` of `text`
    /// (for blank lines rebuilt by the un-flattening: the line of the next real line).
    pub(crate) line_map: Vec<usize>,
    /// Whether the input was recognised as a flattened blame view and rebuilt.
    pub(crate) was_blame_view: bool,
}

impl Normalized {
    /// The original 1-based line number of the 0-based normalised line `index`.
    pub(crate) fn original_line(&self, index: usize) -> usize {
        self.line_map
            .get(index)
            .or_else(|| self.line_map.last())
            .copied()
            .unwrap_or(1)
    }
}

/// Character sequences produced by decoding UTF-8 `»` (`C2 BB`) with a wrong single-byte code
/// page, and the character they stand for.
const MOJIBAKE: &[(&str, &str)] = &[
    // Thai (TIS-620 / Windows-874): C2 -> U+0E22, BB -> U+0E1B.
    ("\u{0E22}\u{0E1B}", "\u{00BB}"),
    // Latin-1 / Windows-1252: C2 -> U+00C2, BB -> U+00BB.
    ("\u{00C2}\u{00BB}", "\u{00BB}"),
    // Same for `«` (`C2 AB`).
    ("\u{0E22}\u{0E2B}", "\u{00AB}"),
    ("\u{00C2}\u{00AB}", "\u{00AB}"),
];

/// Normalises a page: strips a UTF-8 byte order mark, turns CRLF and lone CR into LF, strips
/// trailing whitespace from every line, repairs the mis-decoded `»`, and rebuilds the line
/// structure of a flattened blame view.
pub(crate) fn normalize(input: &str) -> Normalized {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    // Most pages need neither repair, and the docs are read by build scripts, unoptimized:
    // a `char` or byte search (a `memchr` of the optimized standard library) decides, before
    // any of the much slower substring searches and copies.
    let mut repaired = Cow::Borrowed(input);
    if input.contains('\r') {
        repaired = Cow::Owned(input.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if may_hold_mojibake(&repaired) {
        for (bad, good) in MOJIBAKE {
            if repaired.contains(bad) {
                repaired = Cow::Owned(repaired.replace(bad, good));
            }
        }
    }
    let lines: Vec<&str> = repaired.split('\n').map(str::trim_end).collect();
    if is_blame_view(&lines) {
        let (lines, line_map) = unflatten_blame_view(&lines);
        return Normalized {
            text: join_lines(&lines),
            line_map,
            was_blame_view: true,
        };
    }
    let line_map = (1..=lines.len()).collect();
    Normalized {
        text: join_lines(&lines),
        line_map,
        was_blame_view: false,
    }
}

/// Whether `text` may hold one of the [`MOJIBAKE`] sequences: they all start with U+0E22
/// (UTF-8 `E0 B8 A2`) or U+00C2 (`C3 82`).
fn may_hold_mojibake(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.contains(&0xE0) || bytes.contains(&0xC3)
}

fn join_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.as_ref().len() + 1).sum());
    for line in lines {
        text.push_str(line.as_ref());
        text.push('\n');
    }
    text
}

/// Whether `line` is a blame view's commit date stamp, e.g. `2019-12-27 17:48:04 +01:00`.
pub(crate) fn is_date_stamp(line: &str) -> bool {
    let line = line.trim();
    let b = line.as_bytes();
    // Most lines are turned away by their first byte, before the pattern is looked at.
    if b.len() < 19 || !b[0].is_ascii_digit() {
        return false;
    }
    // YYYY-MM-DD HH:MM:SS +HH:MM (the zone may also be written +HHMM or be absent).
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let date_time = digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b' '
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !date_time {
        return false;
    }
    let zone = line[19..].trim();
    if zone.is_empty() || zone == "Z" || zone == "UTC" {
        return true;
    }
    let zb = zone.as_bytes();
    (zb[0] == b'+' || zb[0] == b'-')
        && zb[1..].iter().all(|c| c.is_ascii_digit() || *c == b':')
        && (4..=6).contains(&zb.len())
}

/// What a line of a page is to reading it as a flattened blame view.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BlameLine {
    /// A lone `|`.
    Gutter,
    /// A commit's date stamp.
    Stamp,
    Blank,
    Content,
}

/// The kind of `line`, trimmed once (every line of every page is looked at, in unoptimized
/// build scripts).
fn blame_line(line: &str) -> BlameLine {
    let line = line.trim();
    if line == "|" {
        BlameLine::Gutter
    } else if is_date_stamp(line) {
        BlameLine::Stamp
    } else if line.is_empty() {
        BlameLine::Blank
    } else {
        BlameLine::Content
    }
}

/// Whether the lines look like a flattened blame view: at least one date stamp, and at least
/// as many lone `|` gutter lines as content lines.
fn is_blame_view(lines: &[&str]) -> bool {
    let mut stamps = 0usize;
    let mut gutters = 0usize;
    let mut content = 0usize;
    for (i, line) in lines.iter().enumerate() {
        match blame_line(line) {
            BlameLine::Gutter => gutters += 1,
            BlameLine::Stamp => stamps += 1,
            BlameLine::Blank => {}
            BlameLine::Content => {
                content += 1;
                // An ordinary page is known after its first lines: the gutters left cannot
                // catch up.
                if content > gutters + (lines.len() - i - 1) {
                    return false;
                }
            }
        }
    }
    stamps >= 1 && gutters >= 2 && gutters >= content
}

/// Rebuilds the lines of a flattened blame view.
///
/// In the flattened view each source line is surrounded by a run of lone `|` gutter lines,
/// hunks start with a date stamp, and blank source lines are gone, leaving only their gutter
/// lines behind. Between two consecutive non-blank source lines the run has a base length
/// (the shortest run seen); every further base-length worth of gutter lines stands for one
/// blank line. Date stamps are dropped; gutter lines are counted across them.
fn unflatten_blame_view(lines: &[&str]) -> (Vec<String>, Vec<usize>) {
    // Collect (run of gutter lines before it, original line number, text) per content line.
    let mut items: Vec<(usize, usize, &str)> = Vec::new();
    let mut run = 0usize;
    for (i, line) in lines.iter().enumerate() {
        match blame_line(line) {
            BlameLine::Gutter => run += 1,
            BlameLine::Stamp | BlameLine::Blank => {}
            BlameLine::Content => {
                items.push((run, i + 1, line));
                run = 0;
            }
        }
    }
    let base = items
        .iter()
        .skip(1)
        .map(|(run, _, _)| *run)
        .filter(|run| *run > 0)
        .min()
        .unwrap_or(1);
    let mut out = Vec::with_capacity(items.len() * 2);
    let mut map = Vec::with_capacity(items.len() * 2);
    for (index, (run, line_no, text)) in items.into_iter().enumerate() {
        if index > 0 {
            // Round to the nearest multiple of the base run.
            let units = (run + base / 2) / base;
            for _ in 1..units {
                out.push(String::new());
                map.push(line_no);
            }
        }
        out.push(text.to_owned());
        map.push(line_no);
    }
    (out, map)
}

/// Whether an HTML tag is a line break: `<br>`, `<br/>`, `<br />` or `</br>`, in any case,
/// with any white space inside.
pub(crate) fn is_br(html: &str) -> bool {
    // Without allocating: pages hold a lot of inline HTML.
    let mut tag = [0u8; 5];
    let mut len = 0;
    for c in html.chars().filter(|c| !c.is_whitespace()) {
        if len == tag.len() || !c.is_ascii() {
            return false;
        }
        tag[len] = c.to_ascii_lowercase() as u8;
        len += 1;
    }
    matches!(&tag[..len], b"<br>" | b"<br/>" | b"</br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_break_tags() {
        for tag in ["<br>", "<BR/>", "< br / >", "</br>", "<br />"] {
            assert!(is_br(tag), "{tag}");
        }
        for tag in ["<b>", "<brr>", "<br/>x", "<p>", "", "<ｂr>"] {
            assert!(!is_br(tag), "{tag}");
        }
    }

    #[test]
    fn date_stamps() {
        assert!(is_date_stamp("2019-12-27 17:48:04 +01:00"));
        assert!(is_date_stamp("2018-04-01 13:19:25 +0200"));
        assert!(is_date_stamp("2018-04-01 13:19:25"));
        assert!(!is_date_stamp("2018-04-01"));
        assert!(!is_date_stamp("|400|FOO|bar|"));
        assert!(!is_date_stamp("2018-04-01 13:19:25 hello"));
        assert!(!is_date_stamp("２０１８-04-01 13:19:25"));
    }

    #[test]
    fn bom_crlf_trailing_spaces_mojibake() {
        let n = normalize("\u{FEFF}a  \r\nb \u{0E22}\u{0E1B}\rc");
        assert_eq!(n.text, "a\nb \u{00BB}\nc\n");
        assert!(!n.was_blame_view);
        assert_eq!(n.line_map, vec![1, 2, 3]);
    }

    #[test]
    fn unflatten_restores_blank_lines() {
        let flat = "2020-01-01 00:00:00 +00:00\n|\n|\n|\nfirst\n|\n|\n|\n|\nsecond\n|\n\
                    2020-01-02 00:00:00 +00:00\n|\n|\n|\n|\n|\n|\n|\nthird\n|\n";
        let n = normalize(flat);
        assert!(n.was_blame_view);
        assert_eq!(n.text, "first\nsecond\n\nthird\n");
        assert_eq!(n.line_map, vec![5, 10, 20, 20]);
    }

    #[test]
    fn plain_tables_are_not_blame_views() {
        let n = normalize("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(!n.was_blame_view);
    }
}
