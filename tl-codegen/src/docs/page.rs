//! Reading one page: markdown events (pulldown-cmark) to blocks, blocks to a typed page.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::front_matter::{self, FrontMatter};
use super::names::{legacy_name, resolve_link, PageKind};
use super::rich_text::{LinkTarget, RichText, Span, Style};
use super::set::{ConstructorDoc, DocsWarning, ErrorDoc, MethodDoc, Page, ParamDoc, TypeDoc};
use super::text::{self, is_br, Normalized};
use crate::diagnostic::LineIndex;

/// What reading one file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedPage {
    /// The page, or `None` for pages that are not about one entity (index pages, READMEs) or
    /// could not be understood (then `warnings` says why).
    pub page: Option<Page>,
    /// The page's front matter.
    pub front_matter: FrontMatter,
    /// Problems found; the page may still have been read in part.
    pub warnings: Vec<DocsWarning>,
    /// Whether the text was a flattened blame view that was rebuilt before reading.
    pub was_blame_view: bool,
}

/// A block-level element of the page body, in order.
#[derive(Debug)]
enum Block {
    Heading {
        level: u8,
        text: RichText,
        line: usize,
    },
    /// A paragraph at the top level (not in a quote or table), or a whole list, its items
    /// marked with [`Span::Item`].
    Paragraph { text: RichText },
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
        line: usize,
    },
}

/// A table row's cells and its original line.
type Row = (Vec<RichText>, usize);

/// Collects inline content (text, code, links, breaks) into spans.
#[derive(Default)]
struct Inline {
    spans: Vec<Span>,
    link: Option<(String, String)>,
}

impl Inline {
    fn text(&mut self, s: &str) {
        match &mut self.link {
            Some((_, text)) => text.push_str(s),
            None => self.spans.push(Span::Text(s.to_owned())),
        }
    }

    fn code(&mut self, s: &str) {
        match &mut self.link {
            Some((_, text)) => text.push_str(s),
            None => self.spans.push(Span::Code(s.to_owned())),
        }
    }

    /// Emphasis starts or ends (inside a link text it is dropped: the text stays).
    fn style(&mut self, span: Span) {
        if self.link.is_none() {
            self.spans.push(span);
        }
    }

    fn line_break(&mut self) {
        match &mut self.link {
            Some((_, text)) => text.push(' '),
            None => self.spans.push(Span::LineBreak),
        }
    }

    fn finish(mut self, context: Option<PageKind>) -> RichText {
        if let Some((dest, text)) = self.link.take() {
            self.spans.push(Span::Link {
                text,
                target: resolve_link(&dest, context),
            });
        }
        RichText::from_spans(self.spans)
    }
}

/// Maps byte offsets of the body to original line numbers.
struct Lines<'a> {
    index: LineIndex,
    first_line: usize,
    normalized: &'a Normalized,
}

impl Lines<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.normalized
            .original_line(self.first_line + self.index.line(offset) - 1)
    }
}

fn collect_blocks(body: &str, lines: &Lines<'_>, context: Option<PageKind>) -> Vec<Block> {
    let mut blocks = Blocks {
        lines,
        context,
        blocks: Vec::new(),
        container_depth: 0,
        lists: Vec::new(),
        inline: None,
        block_line: 0,
        table: None,
        in_head: false,
        row: Vec::new(),
        row_line: 0,
    };
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => blocks.start(tag, range.start),
            Event::End(end) => blocks.end(end),
            other => blocks.inline_event(other),
        }
    }
    blocks.blocks
}

/// Markdown events gathered into [`Block`]s.
struct Blocks<'l, 'n> {
    lines: &'l Lines<'n>,
    /// The kind of page, for links without a folder.
    context: Option<PageKind>,
    blocks: Vec<Block>,
    /// Quotes and footnotes, whose text is not the page's prose.
    container_depth: usize,
    /// Lists: how deep, and the next number of each ordered one. A whole top-level list is
    /// one block, read as one inline run with an `Item` mark where each item starts.
    lists: Vec<Option<u64>>,
    inline: Option<Inline>,
    block_line: usize,
    /// Table state: header cells, rows with their lines, line of the table.
    table: Option<(Vec<String>, Vec<Row>, usize)>,
    in_head: bool,
    row: Vec<RichText>,
    row_line: usize,
}

impl Blocks<'_, '_> {
    /// A tag opens at byte `at` of the body.
    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::Heading { .. } => {
                self.inline = Some(Inline::default());
                self.block_line = self.lines.line_of(at);
            }
            Tag::Paragraph if self.container_depth == 0 && self.lists.is_empty() => {
                self.inline = Some(Inline::default());
                self.block_line = self.lines.line_of(at);
            }
            // A second paragraph of a list item goes on its own line.
            Tag::Paragraph if self.container_depth == 0 => {
                if let Some(inline) = &mut self.inline {
                    if !matches!(inline.spans.last(), Some(Span::Item { .. }) | None) {
                        inline.line_break();
                    }
                }
            }
            Tag::List(start) if self.container_depth == 0 => {
                if self.lists.is_empty() {
                    self.inline = Some(Inline::default());
                    self.block_line = self.lines.line_of(at);
                }
                self.lists.push(start);
            }
            Tag::Item if self.container_depth == 0 && !self.lists.is_empty() => {
                let depth = u8::try_from(self.lists.len() - 1).unwrap_or(u8::MAX);
                let number = self.lists.last_mut().and_then(|n| {
                    let current = *n;
                    *n = n.map(|v| v.saturating_add(1));
                    current
                });
                if let Some(inline) = &mut self.inline {
                    inline.link = None;
                    inline.spans.push(Span::Item { depth, number });
                }
            }
            Tag::Emphasis => {
                if let Some(inline) = &mut self.inline {
                    inline.style(Span::Open(Style::Emphasis));
                }
            }
            Tag::Strong => {
                if let Some(inline) = &mut self.inline {
                    inline.style(Span::Open(Style::Strong));
                }
            }
            Tag::List(_)
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList => self.container_depth += 1,
            Tag::Table(_) => {
                self.table = Some((Vec::new(), Vec::new(), self.lines.line_of(at)));
            }
            Tag::TableHead => self.in_head = true,
            Tag::TableRow => {
                self.row.clear();
                self.row_line = self.lines.line_of(at);
            }
            Tag::TableCell => self.inline = Some(Inline::default()),
            Tag::Link { dest_url, .. } => {
                if let Some(inline) = &mut self.inline {
                    inline.link = Some((dest_url.to_string(), String::new()));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(level) => {
                if let Some(done) = self.inline.take() {
                    self.blocks.push(Block::Heading {
                        level: level as u8,
                        text: done.finish(self.context),
                        line: self.block_line,
                    });
                }
            }
            TagEnd::Paragraph if self.container_depth == 0 && self.lists.is_empty() => {
                if let Some(done) = self.inline.take() {
                    self.blocks.push(Block::Paragraph {
                        text: done.finish(self.context),
                    });
                }
            }
            TagEnd::List(_) if self.container_depth == 0 && !self.lists.is_empty() => {
                self.lists.pop();
                if self.lists.is_empty() {
                    if let Some(done) = self.inline.take() {
                        self.blocks.push(Block::Paragraph {
                            text: done.finish(self.context),
                        });
                    }
                }
            }
            TagEnd::Item if self.container_depth == 0 && !self.lists.is_empty() => {}
            TagEnd::Emphasis => {
                if let Some(inline) = &mut self.inline {
                    inline.style(Span::Close(Style::Emphasis));
                }
            }
            TagEnd::Strong => {
                if let Some(inline) = &mut self.inline {
                    inline.style(Span::Close(Style::Strong));
                }
            }
            TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList => {
                self.container_depth = self.container_depth.saturating_sub(1)
            }
            TagEnd::Link => {
                if let Some(inline) = &mut self.inline {
                    if let Some((dest, text)) = inline.link.take() {
                        inline.spans.push(Span::Link {
                            text,
                            target: resolve_link(&dest, self.context),
                        });
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(done) = self.inline.take() {
                    let cell = done.finish(self.context);
                    match (&mut self.table, self.in_head) {
                        (Some((header, _, _)), true) => header.push(cell.plain()),
                        _ => self.row.push(cell),
                    }
                }
            }
            TagEnd::TableHead => self.in_head = false,
            TagEnd::TableRow => {
                if let Some((_, rows, _)) = &mut self.table {
                    rows.push((std::mem::take(&mut self.row), self.row_line));
                }
            }
            TagEnd::Table => {
                if let Some((header, rows, line)) = self.table.take() {
                    self.blocks.push(Block::Table { header, rows, line });
                }
            }
            _ => {}
        }
    }

    /// Text, code and breaks, into the inline run being read (if any).
    fn inline_event(&mut self, event: Event<'_>) {
        match event {
            Event::Text(t) => {
                if let Some(inline) = &mut self.inline {
                    inline.text(&t);
                }
            }
            Event::Code(t) => {
                if let Some(inline) = &mut self.inline {
                    inline.code(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(inline) = &mut self.inline {
                    inline.text(" ");
                }
            }
            Event::HardBreak => {
                if let Some(inline) = &mut self.inline {
                    inline.line_break();
                }
            }
            Event::InlineHtml(html) => {
                if let Some(inline) = &mut self.inline {
                    if is_br(&html) {
                        inline.line_break();
                    }
                }
            }
            _ => {}
        }
    }
}

/// The role of a table column, from its header.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Type,
    Description,
    Required,
    Code,
    Other,
}

fn column(header: &str) -> Column {
    match header.trim().trim_end_matches(':').to_lowercase().as_str() {
        "name" | "parameter" | "field" => Column::Name,
        "type" | "error" => Column::Type,
        "description" => Column::Description,
        "required" | "optional" => Column::Required,
        "code" | "error code" => Column::Code,
        _ => Column::Other,
    }
}

struct Columns(Vec<Column>);

impl Columns {
    fn index(&self, col: Column) -> Option<usize> {
        self.0.iter().position(|c| *c == col)
    }

    fn cell<'a>(&self, row: &'a [RichText], col: Column) -> Option<&'a RichText> {
        self.index(col).and_then(|i| row.get(i))
    }

    fn is_errors(&self) -> bool {
        self.index(Column::Code).is_some()
            && (self.index(Column::Type).is_some() || self.index(Column::Name).is_some())
    }

    fn is_params(&self) -> bool {
        self.index(Column::Name).is_some() && self.index(Column::Type).is_some()
    }
}

/// What a section (the part under a `###` heading) holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Description,
    /// A `# Warning: ...` note of MadelineProto's.
    Note,
    Params,
    Constructors,
    Methods,
    Other,
}

/// Reads `YES`/`NO` after the last colon of a heading like `Can bots use this method: **NO**`.
fn yes_no(heading: &str) -> Option<bool> {
    let value = heading.rsplit(':').next()?.trim().to_lowercase();
    match value.as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

fn required(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "yes" | "required" | "true" => Some(true),
        "optional" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// Whether a paragraph is site navigation (`[Back to methods index](index.md)`).
fn is_navigation(text: &RichText) -> bool {
    let mut links = 0;
    for span in text.spans() {
        match span {
            Span::Link { text, .. } => {
                let lower = text.to_lowercase();
                if !(lower.starts_with("back to")
                    || lower.starts_with("go back")
                    || lower.starts_with("go to"))
                {
                    return false;
                }
                links += 1;
            }
            Span::LineBreak | Span::ParagraphBreak => {}
            Span::Text(t) if t.trim().is_empty() => {}
            _ => return false,
        }
    }
    links > 0
}

/// Whether a name is a plausible TL identifier (as written on a page).
fn is_type_word(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(char::is_whitespace)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '!' | '<' | '>' | '%' | '#'))
}

/// The TL type of a parameter from its type cell: `[X](../types/X.md)` gives `X`,
/// `Array of [X](...)` gives `Vector<X>`, a plain `int` gives `int`.
fn param_tl_type(cell: &RichText) -> Option<String> {
    let mut prefix = String::new();
    let mut base = None;
    for span in cell.spans() {
        if base.is_some() {
            break;
        }
        match span {
            Span::Text(t) | Span::Code(t) => prefix.push_str(t),
            Span::Link {
                target: LinkTarget::Type(name),
                ..
            } => base = Some(name.clone()),
            Span::Link { text, .. } if is_type_word(text) => base = Some(legacy_name(text)),
            _ => {}
        }
    }
    let mut depth = 0;
    let mut rest = prefix.trim();
    while let Some(r) = rest.strip_prefix("Array of") {
        depth += 1;
        rest = r.trim_start();
    }
    let mut ty = match base {
        Some(base) => base,
        None if is_type_word(rest) => legacy_name(rest),
        None => return None,
    };
    for _ in 0..depth {
        ty = format!("Vector<{ty}>");
    }
    Some(ty)
}

/// The TL type of a `Return type: [X](...)` / `Type: [X](...)` heading.
fn heading_type(heading: &RichText) -> Option<String> {
    for span in heading.spans() {
        if let Span::Link { text, target } = span {
            let vector = text.starts_with("Vector_of_") || text.starts_with("Vector<");
            return Some(match target {
                LinkTarget::Type(name) | LinkTarget::Constructor(name) if vector => {
                    format!("Vector<{name}>")
                }
                LinkTarget::Type(name) | LinkTarget::Constructor(name) => name.clone(),
                _ => legacy_name(text),
            });
        }
    }
    let plain = heading.plain();
    let value = plain.split_once(':')?.1.trim();
    is_type_word(value).then(|| legacy_name(value))
}

/// Reads a short markdown text (a front matter value) into rich text.
fn inline_markdown(markdown: &str, context: Option<PageKind>) -> RichText {
    let normalized = text::normalize(markdown);
    let lines = Lines {
        // A one-line text: every offset is on its first line.
        index: LineIndex::new(""),
        first_line: 0,
        normalized: &normalized,
    };
    let paragraphs = collect_blocks(&normalized.text, &lines, context)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text),
            _ => None,
        });
    RichText::join_paragraphs(paragraphs)
}

fn folder_kind(source: &Path) -> Option<PageKind> {
    source
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .and_then(PageKind::from_folder)
}

fn is_index_file(source: &Path) -> bool {
    matches!(
        source.file_stem().and_then(|s| s.to_str()),
        Some("index" | "api_index" | "README" | "readme")
    )
}

/// Reads one page. `source` is used for the folder it lies in (`methods/`, `constructors/`,
/// `types/`, which decides the kind of pages without a `Method:`/`Constructor:`/`Type:`
/// heading and of links without a folder) and for warnings.
///
/// Never panics; anything not understood is reported in [`ParsedPage::warnings`].
pub fn parse_page(raw: &str, source: &Path) -> ParsedPage {
    let normalized = text::normalize(raw);
    let (front_matter, body_line) = front_matter::split(&normalized.text);
    let mut out = ParsedPage {
        page: None,
        front_matter,
        warnings: Vec::new(),
        was_blame_view: normalized.was_blame_view,
    };
    let body_start = normalized
        .text
        .split_inclusive('\n')
        .take(body_line)
        .map(str::len)
        .sum::<usize>();
    let body = &normalized.text[body_start..];
    let lines = Lines {
        index: LineIndex::new(body),
        first_line: body_line,
        normalized: &normalized,
    };
    let folder = folder_kind(source);
    let preliminary = collect_blocks(body, &lines, folder);
    let (title_index, kind, name) = match title(&preliminary, folder, source) {
        Ok(title) => title,
        Err(warning) => {
            out.warnings.extend(warning);
            return out;
        }
    };
    // Links without a folder are relative to the folder of the page's kind.
    let blocks = if folder == Some(kind) {
        preliminary
    } else {
        collect_blocks(body, &lines, Some(kind))
    };
    let mut sections = Sections::new(kind, source);
    for block in blocks.into_iter().skip(title_index + 1) {
        sections.read(block);
    }
    out.warnings.append(&mut sections.warnings);
    let page = sections.into_page(name, &out.front_matter);
    out.page = Some(page);
    out
}

/// The title heading, which decides what the page is about: its block index, the kind and
/// the TL name. `Err` for a page about no one entity, with the warning to give (none for an
/// index page, or a page outside the kinds' folders).
fn title(
    blocks: &[Block],
    folder: Option<PageKind>,
    source: &Path,
) -> Result<(usize, PageKind, String), Option<DocsWarning>> {
    let warn = |line: Option<usize>, message: String| DocsWarning {
        file: source.to_path_buf(),
        line,
        message,
    };
    let title = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading { text, line, .. } => Some((i, text.plain(), *line)),
        _ => None,
    });
    let Some((title_index, title, title_line)) = title else {
        let warning = (!is_index_file(source) && folder.is_some())
            .then(|| warn(None, "no title heading; page skipped".to_owned()));
        return Err(warning);
    };
    let (kind, name) = if let Some(rest) = title.strip_prefix("Method:") {
        (PageKind::Method, rest.trim())
    } else if let Some(rest) = title.strip_prefix("Constructor:") {
        (PageKind::Constructor, rest.trim())
    } else if let Some(rest) = title.strip_prefix("Type:") {
        (PageKind::Type, rest.trim())
    } else if let (Some(kind), false, false) = (
        folder,
        is_index_file(source),
        title.trim().contains(char::is_whitespace),
    ) {
        (kind, title.trim())
    } else {
        let warning = (folder.is_some() && !is_index_file(source)).then(|| {
            warn(
                Some(title_line),
                format!(
                    "title heading `{title}` names no method, constructor or type; page skipped"
                ),
            )
        });
        return Err(warning);
    };
    if name.is_empty() {
        return Err(Some(warn(
            Some(title_line),
            "empty name in title heading; page skipped".to_owned(),
        )));
    }
    Ok((title_index, kind, name.to_owned()))
}

/// What the blocks after the title say, gathered section by section.
struct Sections<'a> {
    kind: PageKind,
    source: &'a Path,
    section: Section,
    /// Whether the last paragraph was about MadelineProto's own API, so that a list after
    /// it (the objects it converts) goes with it.
    after_site_note: bool,
    description: Vec<RichText>,
    params: Vec<ParamDoc>,
    errors: Vec<ErrorDoc>,
    return_type: Option<String>,
    constructor_type: Option<String>,
    users_can_use: Option<bool>,
    bots_can_use: Option<bool>,
    bots_business_can_use: Option<bool>,
    constructors: Vec<String>,
    methods: Vec<String>,
    notes: Vec<RichText>,
    warnings: Vec<DocsWarning>,
}

impl<'a> Sections<'a> {
    fn new(kind: PageKind, source: &'a Path) -> Self {
        Sections {
            kind,
            source,
            section: Section::Description,
            after_site_note: false,
            description: Vec::new(),
            params: Vec::new(),
            errors: Vec::new(),
            return_type: None,
            constructor_type: None,
            users_can_use: None,
            bots_can_use: None,
            bots_business_can_use: None,
            constructors: Vec::new(),
            methods: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(DocsWarning {
            file: self.source.to_path_buf(),
            line: Some(line),
            message,
        });
    }

    fn read(&mut self, block: Block) {
        match block {
            Block::Heading { text, line, level } => self.heading(text, line, level),
            Block::Paragraph { text } => self.paragraph(text),
            Block::Table { header, rows, line } => self.table(&header, rows, line),
        }
    }

    /// A heading starts a section, or is itself a fact (`Return type: X`, `Can bots use this
    /// method: YES`).
    fn heading(&mut self, text: RichText, line: usize, level: u8) {
        let plain = text.plain();
        let lower = plain.to_lowercase();
        self.section = Section::Other;
        if lower.starts_with("parameters") || lower.starts_with("attributes") {
            self.section = Section::Params;
        } else if lower.starts_with("return type") {
            self.return_type = heading_type(&text);
            if self.return_type.is_none() {
                self.warn(
                    line,
                    format!("could not read the return type from `{plain}`"),
                );
            }
        } else if lower.starts_with("type:") && self.kind == PageKind::Constructor {
            self.constructor_type = heading_type(&text);
        } else if lower.starts_with("can bots use this method") {
            if lower.contains("business") {
                self.bots_business_can_use = yes_no(&plain);
            } else {
                self.bots_can_use = yes_no(&plain);
            }
        } else if lower.starts_with("can users use this method") {
            self.users_can_use = yes_no(&plain);
        } else if lower.starts_with("possible values") {
            self.section = Section::Constructors;
        } else if lower.starts_with("methods that return") {
            self.section = Section::Methods;
        } else if lower.starts_with("warning") {
            self.section = Section::Note;
            self.notes.push(text);
        } else if level <= 1 {
            self.warn(line, format!("second title heading `{plain}` ignored"));
        }
    }

    fn paragraph(&mut self, text: RichText) {
        match self.section {
            Section::Note => {
                // A note is its heading and one paragraph; prose after it is description.
                if let Some(note) = self.notes.last_mut() {
                    *note = RichText::join_paragraphs([std::mem::take(note), text]);
                }
                self.section = Section::Description;
            }
            Section::Description if is_site_note(&text) => self.after_site_note = true,
            Section::Description
                if self.after_site_note
                    && matches!(text.spans().first(), Some(Span::Item { .. })) =>
            {
                self.after_site_note = false;
            }
            Section::Description if !is_navigation(&text) && !text.is_empty() => {
                self.after_site_note = false;
                self.description.push(text);
            }
            Section::Constructors | Section::Methods => {
                for span in text.spans() {
                    match (self.section, span) {
                        (
                            Section::Constructors,
                            Span::Link {
                                target: LinkTarget::Constructor(n),
                                ..
                            },
                        ) => self.constructors.push(n.clone()),
                        (
                            Section::Methods,
                            Span::Link {
                                target: LinkTarget::Method(n),
                                ..
                            },
                        ) => self.methods.push(n.clone()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, header: &[String], rows: Vec<Row>, line: usize) {
        let columns = Columns(header.iter().map(|h| column(h)).collect());
        if columns.is_errors() {
            read_errors(
                &columns,
                rows,
                &mut self.errors,
                &mut self.warnings,
                self.source,
            );
        } else if columns.is_params() && self.section == Section::Params {
            read_params(
                &columns,
                rows,
                &mut self.params,
                &mut self.warnings,
                self.source,
            );
        } else if self.section == Section::Params {
            self.warn(
                line,
                format!("parameters table with unknown columns {header:?} ignored"),
            );
        }
    }

    /// The page, its description from the body or else from the front matter.
    fn into_page(self, name: String, front_matter: &FrontMatter) -> Page {
        let kind = self.kind;
        let description = if self.description.is_empty() {
            front_matter
                .get("description")
                .filter(|d| !is_boilerplate(d, &name) && !names_site(d))
                .map(|d| inline_markdown(d, Some(kind)))
                .filter(|d| !d.is_empty())
        } else {
            Some(RichText::join_paragraphs(self.description))
        };
        let source = self.source.to_path_buf();
        match kind {
            PageKind::Method => Page::Method(MethodDoc {
                name,
                description,
                params: self.params,
                return_type: self.return_type,
                users_can_use: self.users_can_use,
                bots_can_use: self.bots_can_use,
                bots_business_can_use: self.bots_business_can_use,
                errors: self.errors,
                notes: self.notes,
                source,
            }),
            PageKind::Constructor => Page::Constructor(ConstructorDoc {
                name,
                description,
                params: self.params,
                type_name: self.constructor_type,
                source,
            }),
            PageKind::Type => Page::Type(TypeDoc {
                name,
                description,
                constructors: self.constructors,
                methods: self.methods,
                source,
            }),
        }
    }
}

/// Whether a paragraph is about MadelineProto's PHP API rather than the TL item ("MadelineProto
/// will automatically extract the destination chat id", the PHP syntaxes it accepts, "See
/// here" linking its PHP docs): not true of these bindings, so not part of their docs.
fn is_site_note(text: &RichText) -> bool {
    let plain = text.plain();
    names_site(&plain)
        || plain.trim() == "The following syntaxes can also be used:"
        || text
            .links()
            .any(|(_, target)| matches!(target, LinkTarget::Url(url) if names_site(url)))
}

/// Whether text names MadelineProto or its site.
fn names_site(text: &str) -> bool {
    text.contains("MadelineProto") || text.contains("madelineproto.xyz")
}

/// Whether a front matter description is the site's stock line for pages without prose
/// (`messages.getDialogs parameters, return type and example`) rather than a description.
fn is_boilerplate(description: &str, name: &str) -> bool {
    let d = description.trim();
    let about_name = |rest: &str| {
        d.strip_prefix(name)
            .is_some_and(|r| r.trim_start().eq_ignore_ascii_case(rest))
    };
    d.is_empty()
        || d == name
        || d.starts_with("constructors and methods of type")
        || about_name("parameters, return type and example")
        || about_name("attributes, type and example")
}

fn read_params(
    columns: &Columns,
    rows: Vec<Row>,
    params: &mut Vec<ParamDoc>,
    warnings: &mut Vec<DocsWarning>,
    source: &Path,
) {
    for (row, line) in rows {
        let name = columns
            .cell(&row, Column::Name)
            .map(RichText::plain)
            .unwrap_or_default();
        if name.is_empty() {
            warnings.push(DocsWarning {
                file: source.to_path_buf(),
                line: Some(line),
                message: "parameter row without a name ignored".to_owned(),
            });
            continue;
        }
        let type_cell = columns.cell(&row, Column::Type);
        let mut description = columns
            .cell(&row, Column::Description)
            .filter(|d| !d.is_empty())
            .cloned();
        let required_cell = columns.cell(&row, Column::Required);
        let mut required_flag = required_cell.and_then(|c| required(&c.plain()));
        // Some rows were written in the other column order than their table's header
        // (description, then required); rows longer than the header lose their last cells.
        if let (None, Some(cell)) = (required_flag, required_cell) {
            let swapped = description.as_ref().and_then(|d| required(&d.plain()));
            if swapped.is_some() || description.is_none() {
                required_flag = swapped;
                description = Some(cell.clone()).filter(|d| !d.is_empty());
            }
        }
        params.push(ParamDoc {
            name,
            type_text: type_cell.map(RichText::plain).unwrap_or_default(),
            tl_type: type_cell.and_then(param_tl_type),
            description,
            required: required_flag,
        });
    }
}

fn read_errors(
    columns: &Columns,
    rows: Vec<Row>,
    errors: &mut Vec<ErrorDoc>,
    warnings: &mut Vec<DocsWarning>,
    source: &Path,
) {
    let name_column = if columns.index(Column::Type).is_some() {
        Column::Type
    } else {
        Column::Name
    };
    for (row, line) in rows {
        let warn = |message: String| DocsWarning {
            file: source.to_path_buf(),
            line: Some(line),
            message,
        };
        let code_text = columns
            .cell(&row, Column::Code)
            .map(RichText::plain)
            .unwrap_or_default();
        let Ok(code) = code_text.trim().parse::<i32>() else {
            warnings.push(warn(format!(
                "error row with invalid code `{code_text}` ignored"
            )));
            continue;
        };
        let name = columns
            .cell(&row, name_column)
            .map(RichText::plain)
            .unwrap_or_default();
        if name.is_empty() {
            warnings.push(warn("error row without a name ignored".to_owned()));
            continue;
        }
        let description = columns
            .cell(&row, Column::Description)
            .map(RichText::plain)
            .unwrap_or_default();
        errors.push(ErrorDoc {
            code,
            name,
            description,
        });
    }
}
