//! Reader for MadelineProto-style API documentation pages (markdown).
//!
//! The pages document, one per file, a method (`# Method: phone.requestCall`), a constructor
//! (`# Constructor: botCommand`) or a type (`# Type: InputPeer`): description, parameters
//! table, return type, whether bots and users may call it, and (in pages up to 2022) an errors
//! table. [`load_roots`] reads whole folders into a [`DocsSet`]; [`parse_page`] reads one page.
//!
//! Reading is lenient: pages of every generator era are understood (relative `../types/X.md`
//! and absolute `/API_docs/types/X.html` links, plain and quoted front matter, both column
//! orders of the attributes table, short rows), as are CRLF line endings, a byte order mark,
//! HTML entities and `<br>` tags, escaped `\_` and `\|`, a `»` mis-decoded as `ยป`, and copies
//! flattened by a web "blame" view (date stamps and `|` gutter lines between the lines, blank
//! lines gone). Whatever cannot be understood becomes a [`DocsWarning`]; reading never fails
//! on page contents and never panics.

mod coverage;
mod front_matter;
mod mtcute;
mod names;
mod page;
mod text;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use coverage::{DocsReport, Mismatch, MismatchKind};
pub use front_matter::FrontMatter;
pub use mtcute::{
    is_mtcute_file, normalize_error_name, parse_mtcute, read_mtcute_dir, read_mtcute_file,
    read_mtcute_files, MtcuteDocs, MTCUTE_ERRORS_FILE, MTCUTE_SCHEMA_FILE,
};
pub use names::{legacy_name, resolve_link, PageKind};
pub use page::{parse_page, Page, ParsedPage};

/// Files larger than this are skipped with a warning.
pub const MAX_PAGE_BYTES: u64 = 4 * 1024 * 1024;

/// Folders deeper than this below a root are not entered.
const MAX_DEPTH: usize = 32;

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

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '\u{00BB}' {
            // The link arrow: dropped, as a space so that `a » b` becomes `a b`.
            space = true;
        } else if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
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

/// A parameter of a method, or an attribute (field) of a constructor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamDoc {
    /// The TL name (`user_id`).
    pub name: String,
    /// The type column as it reads (`Username, chat ID, Update, Message or InputUser`).
    pub type_text: String,
    /// The TL type recovered from the type column's link (`InputUser`, `Vector<int>`).
    pub tl_type: Option<String>,
    /// The description, if the page has one.
    pub description: Option<RichText>,
    /// `Some(true)` for `Yes`, `Some(false)` for `Optional`, `None` if the page does not say.
    pub required: Option<bool>,
}

/// One row of a method's errors table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ErrorDoc {
    /// The error code (`400`, `420`, `-503`).
    pub code: i32,
    /// The error name as documented (`USER_ID_INVALID`, `FLOOD_WAIT_X`, `Timeout`).
    pub name: String,
    /// The description (plain text, possibly empty).
    pub description: String,
}

/// A method page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodDoc {
    /// The TL name (`phone.requestCall`).
    pub name: String,
    /// What the method does.
    pub description: Option<RichText>,
    /// The parameters, in page order.
    pub params: Vec<ParamDoc>,
    /// The TL return type (`phone.PhoneCall`, `Vector<int>`).
    pub return_type: Option<String>,
    /// `Can users use this method`, when the page says.
    pub users_can_use: Option<bool>,
    /// `Can bots use this method`, when the page says.
    pub bots_can_use: Option<bool>,
    /// `Can bots use this method over a business connection`, when the page says.
    pub bots_business_can_use: Option<bool>,
    /// The errors table, in page order (merged over all roots by [`load_roots`]).
    pub errors: Vec<ErrorDoc>,
    /// MadelineProto's own warnings on the page (`# Warning: flood wait` and the paragraph
    /// under it), which are about using the method through MadelineProto.
    pub notes: Vec<RichText>,
    /// The file the prose was read from.
    pub source: PathBuf,
}

/// A constructor page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstructorDoc {
    /// The TL name (`botCommand`).
    pub name: String,
    /// What the constructor stands for.
    pub description: Option<RichText>,
    /// The attributes (fields), in page order.
    pub params: Vec<ParamDoc>,
    /// The TL type the constructor belongs to (`BotCommand`).
    pub type_name: Option<String>,
    /// The file it was read from.
    pub source: PathBuf,
}

/// A type page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDoc {
    /// The TL name (`InputPeer`).
    pub name: String,
    /// The page's prose, if any.
    pub description: Option<RichText>,
    /// The constructors listed as possible values.
    pub constructors: Vec<String>,
    /// The methods listed as returning this type.
    pub methods: Vec<String>,
    /// The file it was read from.
    pub source: PathBuf,
}

/// Something in the documentation that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocsWarning {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line in the file, when the problem is at one line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DocsWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// All documentation read from one or more roots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocsSet {
    /// Method pages by TL name.
    pub methods: BTreeMap<String, MethodDoc>,
    /// Constructor pages by TL name.
    pub constructors: BTreeMap<String, ConstructorDoc>,
    /// Type pages by TL name.
    pub types: BTreeMap<String, TypeDoc>,
    /// Problems met while reading.
    pub warnings: Vec<DocsWarning>,
    /// Files read that are not about one entity (index pages, READMEs).
    pub skipped: Vec<PathBuf>,
    /// Errors documented on their own, outside any method's table (mtcute's
    /// `raw-errors.json` catalog): every entry, whether or not a method lists it (those
    /// listed are in [`MethodDoc::errors`] as well). The union over all roots by code and
    /// name, in order of first appearance.
    pub catalog: Vec<ErrorDoc>,
}

impl DocsSet {
    /// An empty set.
    pub fn new() -> DocsSet {
        DocsSet::default()
    }

    /// Adds a page. If the entity is already known, its existing prose is kept and only
    /// what it lacks is taken from `page`; errors are merged (see [`merge_errors`]).
    pub fn add_page(&mut self, page: Page) {
        match page {
            Page::Method(m) => match self.methods.get_mut(&m.name) {
                Some(existing) => merge_method(existing, m),
                None => {
                    self.methods.insert(m.name.clone(), m);
                }
            },
            Page::Constructor(c) => match self.constructors.get_mut(&c.name) {
                Some(existing) => {
                    fill(&mut existing.description, c.description);
                    fill(&mut existing.type_name, c.type_name);
                    merge_params(&mut existing.params, c.params);
                }
                None => {
                    self.constructors.insert(c.name.clone(), c);
                }
            },
            Page::Type(t) => match self.types.get_mut(&t.name) {
                Some(existing) => {
                    fill(&mut existing.description, t.description);
                    union(&mut existing.constructors, t.constructors);
                    union(&mut existing.methods, t.methods);
                }
                None => {
                    self.types.insert(t.name.clone(), t);
                }
            },
        }
    }

    /// Merges `other` into `self`, `self` taking priority for prose (see [`DocsSet::add_page`]).
    pub fn merge(&mut self, other: DocsSet) {
        for (_, m) in other.methods {
            self.add_page(Page::Method(m));
        }
        for (_, c) in other.constructors {
            self.add_page(Page::Constructor(c));
        }
        for (_, t) in other.types {
            self.add_page(Page::Type(t));
        }
        self.warnings.extend(other.warnings);
        self.skipped.extend(other.skipped);
        merge_errors(&mut self.catalog, other.catalog);
    }

    /// Every documented error: `(method, errors)` for every method the set documents, then
    /// `(None, errors)` for the errors documented on their own ([`DocsSet::catalog`]).
    pub fn documented_errors(&self) -> impl Iterator<Item = (Option<&str>, &[ErrorDoc])> {
        self.methods
            .values()
            .map(|m| (Some(m.name.as_str()), m.errors.as_slice()))
            .chain([(None, self.catalog.as_slice())])
    }

    /// Reads one file into the set (mtcute's `raw-errors.json` and `api-schema.json` by
    /// name, see [`read_mtcute_file`]). Problems become warnings; nothing fails.
    pub fn add_file(&mut self, path: &Path) {
        if is_mtcute_file(path) {
            self.merge(read_mtcute_file(path).docs);
            return;
        }
        self.add_read(read_file(path));
    }

    /// Adds what [`read_file`] found in one file.
    fn add_read(&mut self, read: FileRead) {
        self.warnings.extend(read.warnings);
        match read.page {
            Some(page) => self.add_page(page),
            None if read.parsed => self.skipped.push(read.path),
            None => {}
        }
    }

    /// The number of pages read (methods, constructors and types).
    pub fn page_count(&self) -> usize {
        self.methods.len() + self.constructors.len() + self.types.len()
    }
}

fn fill<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn union(list: &mut Vec<String>, more: Vec<String>) {
    let seen: HashSet<String> = list.iter().cloned().collect();
    let mut seen = seen;
    for item in more {
        if seen.insert(item.clone()) {
            list.push(item);
        }
    }
}

fn merge_params(params: &mut Vec<ParamDoc>, more: Vec<ParamDoc>) {
    if params.is_empty() {
        *params = more;
        return;
    }
    for p in more {
        if let Some(existing) = params.iter_mut().find(|e| e.name == p.name) {
            fill(&mut existing.description, p.description);
            fill(&mut existing.tl_type, p.tl_type);
            fill(&mut existing.required, p.required);
        }
    }
}

fn merge_method(existing: &mut MethodDoc, m: MethodDoc) {
    fill(&mut existing.description, m.description);
    fill(&mut existing.return_type, m.return_type);
    fill(&mut existing.users_can_use, m.users_can_use);
    fill(&mut existing.bots_can_use, m.bots_can_use);
    fill(&mut existing.bots_business_can_use, m.bots_business_can_use);
    merge_params(&mut existing.params, m.params);
    merge_errors(&mut existing.errors, m.errors);
    if existing.notes.is_empty() {
        existing.notes = m.notes;
    }
}

/// Appends the errors of `more` that `errors` does not have yet, comparing by code and name;
/// the order is that of first appearance.
pub fn merge_errors(errors: &mut Vec<ErrorDoc>, more: Vec<ErrorDoc>) {
    let mut seen: HashSet<(i32, String)> =
        errors.iter().map(|e| (e.code, e.name.clone())).collect();
    for e in more {
        if seen.insert((e.code, e.name.clone())) {
            errors.push(e);
        }
    }
}

/// What one file holds, read and parsed without touching a [`DocsSet`] (so that files can be
/// parsed on several threads and then added in order).
struct FileRead {
    path: PathBuf,
    /// Whether the file could be read (and was parsed); a file that parses into no page is
    /// listed in [`DocsSet::skipped`].
    parsed: bool,
    page: Option<Page>,
    warnings: Vec<DocsWarning>,
}

/// Reads and parses one file. Problems become warnings; nothing fails.
fn read_file(path: &Path) -> FileRead {
    let mut read = FileRead {
        path: path.to_path_buf(),
        parsed: false,
        page: None,
        warnings: Vec::new(),
    };
    let Some(text) = read_text(path, MAX_PAGE_BYTES, &mut read.warnings) else {
        return read;
    };
    let parsed = parse_page(&text, path);
    read.parsed = true;
    read.warnings.extend(parsed.warnings);
    read.page = parsed.page;
    read
}

/// Reads a docs file of at most `max_bytes` as text; invalid UTF-8 is replaced. A file too
/// large or unreadable is a warning and `None`.
pub(crate) fn read_text(
    path: &Path,
    max_bytes: u64,
    warnings: &mut Vec<DocsWarning>,
) -> Option<String> {
    let warn = |message: String| DocsWarning {
        file: path.to_path_buf(),
        line: None,
        message,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.len() > max_bytes => {
            warnings.push(warn(format!(
                "file of {} bytes is larger than {max_bytes} bytes; skipped",
                meta.len()
            )));
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            warnings.push(warn(format!("cannot read: {e}")));
            return None;
        }
    }
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                warnings.push(warn(
                    "not valid UTF-8; invalid bytes replaced by U+FFFD".to_owned(),
                ));
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        },
        Err(e) => {
            warnings.push(warn(format!("cannot read: {e}")));
            None
        }
    }
}

/// Reads and parses `files` on up to as many threads as there are cores (a full docs corpus
/// is thousands of pages, most of a build script's docs time), returned in the order given.
fn read_files(files: &[PathBuf]) -> Vec<FileRead> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Below a few hundred pages, starting threads costs more than it saves.
    if threads < 2 || files.len() < 256 {
        return files.iter().map(|f| read_file(f)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|f| read_file(f)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Collects the `.md` files below `dir` (or `dir` itself if it is a file), sorted.
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, warnings: &mut Vec<DocsWarning>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(DocsWarning {
                file: dir.to_path_buf(),
                line: None,
                message: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => paths.push((path, true)),
            Ok(t) if t.is_file() || t.is_symlink() => paths.push((path, false)),
            _ => {}
        }
    }
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, files, warnings);
            }
        } else if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            files.push(path);
        }
    }
}

/// Reads one root: a folder (walked recursively: `methods/`, `constructors/`, `types/` and
/// loose `.md` files, in sorted order) or a single `.md` file. A folder holding mtcute's
/// `raw-errors.json` and/or `api-schema.json` (see [`read_mtcute_dir`]) has them read after
/// its pages, and either file can be a root of its own.
///
/// Fails only if the root itself does not exist or cannot be read.
pub fn load_root(root: &Path) -> io::Result<DocsSet> {
    let meta = fs::metadata(root)?;
    let mut set = DocsSet::new();
    if meta.is_file() {
        set.add_file(root);
        return Ok(set);
    }
    // Fail early if the root folder cannot be listed.
    fs::read_dir(root)?;
    let mut files = Vec::new();
    walk(root, 0, &mut files, &mut set.warnings);
    for read in read_files(&files) {
        set.add_read(read);
    }
    if let Some(mtcute) = read_mtcute_dir(root)? {
        set.merge(mtcute.docs);
    }
    Ok(set)
}

/// Reads several roots and merges them: prose (descriptions, parameters, return type, the
/// users/bots flags) comes from the first root that has it, errors are the union over all
/// roots (by code and name, in order of first appearance).
///
/// Fails only for a root that does not exist or cannot be listed.
pub fn load_roots<P: AsRef<Path>>(roots: &[P]) -> io::Result<DocsSet> {
    let mut set = DocsSet::new();
    for root in roots {
        let next = load_root(root.as_ref()).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("docs root {}: {e}", root.as_ref().display()),
            )
        })?;
        set.merge(next);
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn errors_merge() {
        let e = |code, name: &str| ErrorDoc {
            code,
            name: name.into(),
            description: String::new(),
        };
        let mut a = vec![e(400, "A"), e(403, "B")];
        merge_errors(
            &mut a,
            vec![e(400, "B"), e(403, "B"), e(400, "A"), e(500, "C")],
        );
        assert_eq!(a, vec![e(400, "A"), e(403, "B"), e(400, "B"), e(500, "C")]);
    }
}
