//! From text to [`SchemaFile`]: the pest grammar in `tl.pest` (its parser generated ahead of
//! time into `grammar.rs`), and the one place where its pairs become the typed syntax tree.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::path::Path;

use pest::error::InputLocation;
use pest::iterators::Pair;
use pest::Parser;

use super::ast::{
    Category, Condition, Definition, IdRule, Name, Param, ParamType, SchemaFile, TypeExpr,
    TypeParam,
};
use super::doc_tags::class_docs;
use super::grammar::{Rule, TlParser};
use super::id::{compute_builtin_id, compute_id, compute_id_with};
use crate::diagnostic::{too_many, Diagnostic, LineIndex, Severity, MAX_ERRORS};

/// Generic arguments nest at most this deep (`Vector<Vector<...>>`); deeper is an error
/// rather than a stack overflow. Real schemas use 2.
pub const MAX_TYPE_DEPTH: usize = 32;

/// Brackets (`<`, `(`, `{`, `[`) may nest this deep inside one statement before the statement
/// is rejected unparsed: the grammar is recursive, so this bounds the parser's stack.
pub const MAX_NESTING: usize = 2 * MAX_TYPE_DEPTH;

/// Names that schemas declare as primitives without a `?` body: TDLib's `int32 = Int32;`,
/// TON's `bytes data:string = Bytes;`, tdesktop's `bytes = Bytes;`. Such a declaration is a
/// built-in, not a constructor.
const PRIMITIVE_NAMES: &[&str] = &[
    "int",
    "long",
    "double",
    "string",
    "bytes",
    "int32",
    "int53",
    "int64",
    "int128",
    "int256",
    "secureString",
    "secureBytes",
    "object",
    "function",
];

/// Parses one schema file. Every statement that does not parse is reported (with its file,
/// line and column) and skipped, so one run shows all the problems (up to `MAX_ERRORS`, 100).
pub fn parse_schema(path: &Path, source: &str) -> (SchemaFile, Vec<Diagnostic>) {
    parse_schema_with(path, source, PARALLEL_MIN_BYTES)
}

/// [`parse_schema`], reading a file of at least `parallel_min` bytes on two threads.
fn parse_schema_with(
    path: &Path,
    source: &str,
    parallel_min: usize,
) -> (SchemaFile, Vec<Diagnostic>) {
    let lines = OnceCell::new();
    let at = Locator {
        path,
        source,
        lines: &lines,
    };
    let mut file = SchemaFile {
        layer: None,
        definitions: Vec::new(),
        type_docs: class_docs(source),
        id_rule: IdRule::Telegram,
    };
    let mut report = Report::default();
    let mut layer_comment = None;
    let (text, too_deep) = limit_nesting(source);
    for offset in too_deep {
        report.push(at.error(
            offset,
            format!("brackets nest deeper than {MAX_NESTING} levels; the statement is skipped"),
        ));
    }
    let stretches = read_stretches(&at, &text, parallel_min);
    let mut context = Context::default();
    for mut stretch in stretches {
        // What a stretch read before its first marker is under the markers before it.
        for def in &mut stretch.definitions[..stretch.before_section] {
            def.category = context.category;
        }
        for def in &mut stretch.definitions[..stretch.before_marker] {
            def.layer = context.marker;
        }
        context = Context {
            category: stretch.category.unwrap_or(context.category),
            marker: stretch.marker.or(context.marker),
        };
        file.layer = file.layer.max(stretch.marker_max);
        layer_comment = stretch.layer_comment.or(layer_comment);
        file.definitions.append(&mut stretch.definitions);
        report.append(stretch.report);
    }
    let mut diags = report.diags;
    if report.errors > MAX_ERRORS {
        diags.push(too_many(path, report.errors - MAX_ERRORS));
    }
    if layer_comment.is_some() {
        file.layer = layer_comment;
    }
    file.id_rule = IdRule::for_file(&file.definitions);
    if file.id_rule != IdRule::Telegram {
        for def in file.definitions.iter_mut().filter(|d| !d.builtin) {
            def.computed_id = compute_id_with(def, file.id_rule);
            def.id = def.explicit_id.unwrap_or(def.computed_id);
        }
    }
    (file, diags)
}

/// The diagnostics of one file: every warning, the first [`MAX_ERRORS`] errors, and a count.
#[derive(Default)]
struct Report {
    diags: Vec<Diagnostic>,
    errors: usize,
}

impl Report {
    fn is_full(&self) -> bool {
        self.errors >= MAX_ERRORS
    }

    fn push(&mut self, d: Diagnostic) {
        if d.is_error() {
            self.errors += 1;
            if self.errors > MAX_ERRORS {
                return;
            }
        }
        self.diags.push(d);
    }

    /// Adds the report of the statements after these: the same diagnostics as one report
    /// of them all would hold.
    fn append(&mut self, later: Report) {
        let kept_errors = later.diags.iter().filter(|d| d.is_error()).count();
        for d in later.diags {
            self.push(d);
        }
        self.errors += later.errors - kept_errors;
    }
}

/// The section (`---functions---`) and layer marker (`===17===`) a statement is under.
#[derive(Clone, Copy)]
struct Context {
    category: Category,
    marker: Option<i32>,
}

impl Default for Context {
    /// What a file starts under: constructors (types), no layer marker.
    fn default() -> Self {
        Self {
            category: Category::Type,
            marker: None,
        }
    }
}

/// What the statements of one stretch of a file hold, read without knowing the markers
/// above the stretch (so that stretches can be read on threads of their own).
#[derive(Default)]
struct Stretch {
    definitions: Vec<Definition>,
    report: Report,
    /// Whether pest could read the stretch at all.
    parsed: bool,
    /// How many of the first definitions come before the stretch's first section marker,
    /// and before its first layer marker: they are under the markers above the stretch.
    before_section: usize,
    before_marker: usize,
    /// The last section and layer marker of the stretch, if it has them.
    category: Option<Category>,
    marker: Option<i32>,
    /// The highest layer marker, and the last `// LAYER N` comment.
    marker_max: Option<i32>,
    layer_comment: Option<i32>,
}

/// Below this size a schema is read on one thread (a thread costs more than it saves).
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// Reads the statements of `text` (the whole file; offsets are into it), in two stretches
/// on two threads when the file is large and can be cut at a line that surely ends a
/// statement (see [`split_point`]): pest's parser is most of what an unoptimized build
/// script spends on a schema. Falls back to one stretch when either half does not parse as
/// a whole, so the result is always that of reading the file in one go.
fn read_stretches(at: &Locator<'_>, text: &str, parallel_min: usize) -> Vec<Stretch> {
    let split = if text.len() >= parallel_min {
        split_point(text)
    } else {
        None
    };
    let Some(split) = split else {
        return vec![read_stretch(at, text, 0)];
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            // The line index is built on first use, per thread.
            let lines = OnceCell::new();
            let at = Locator {
                path: at.path,
                source: at.source,
                lines: &lines,
            };
            read_stretch(&at, &text[split..], split)
        });
        let first = read_stretch(at, &text[..split], 0);
        (
            first,
            second.join().expect("reading a schema does not panic"),
        )
    });
    if first.parsed && second.parsed {
        vec![first, second]
    } else {
        vec![read_stretch(at, text, 0)]
    }
}

/// Where `text` can be cut in two with every statement whole on one side: after a line near
/// the middle that ends with `;` and holds no `//`, when no `/*` comes before it. That `;`
/// is then in no comment, and no rule of the grammar reads a `;` but as the end of a
/// statement, so the statement it is in ends there.
fn split_point(text: &str) -> Option<usize> {
    // At most this many lines past the middle are tried.
    const TRIES: usize = 200;
    let middle = text.len() / 2;
    let mut line_start = middle + text.get(middle..)?.find('\n')? + 1;
    for _ in 0..TRIES {
        let line_end = line_start + text.get(line_start..)?.find('\n')?;
        let line = &text[line_start..line_end];
        if line.trim_end().ends_with(';') && !line.contains("//") {
            let split = line_end + 1;
            return (!text[..split].contains("/*")).then_some(split);
        }
        line_start = line_end + 1;
    }
    None
}

/// Reads the statements of `text`, which starts at byte `base` of the file.
fn read_stretch(at: &Locator<'_>, text: &str, base: usize) -> Stretch {
    let mut out = Stretch::default();
    let pairs = match TlParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            out.parsed = true;
            pairs.next().map(Pair::into_inner)
        }
        Err(e) => {
            out.report.push(pest_error(at, base, &e));
            None
        }
    };
    let builder = Builder { at, base };
    // Until the stretch's own markers, its statements are read under the file's defaults
    // and given the markers above the stretch afterwards (see `before_section`).
    let start = Context::default();
    for pair in pairs.into_iter().flatten() {
        match pair.as_rule() {
            Rule::layer_comment | Rule::layer_marker => {
                let offset = builder.start(&pair);
                let is_marker = pair.as_rule() == Rule::layer_marker;
                let number = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
                match number.parse::<i32>() {
                    Ok(layer) if is_marker => {
                        out.marker = Some(layer);
                        out.marker_max = out.marker_max.max(Some(layer));
                    }
                    Ok(layer) => out.layer_comment = Some(layer),
                    Err(_) => out.report.push(at.warning(
                        offset,
                        format!("layer number `{number}` does not fit an i32"),
                    )),
                }
            }
            Rule::section => {
                out.category = Some(if pair.as_str().contains("functions") {
                    Category::Function
                } else {
                    Category::Type
                });
            }
            Rule::definition => match builder.definition(
                pair,
                out.category.unwrap_or(start.category),
                out.marker.or(start.marker),
            ) {
                Ok(def) => {
                    out.definitions.push(def);
                    out.before_section += usize::from(out.category.is_none());
                    out.before_marker += usize::from(out.marker.is_none());
                }
                Err(d) => out.report.push(d),
            },
            // Past the cap, only count: explaining re-parses the statement.
            Rule::bad_statement if out.report.is_full() => out.report.errors += 1,
            Rule::bad_statement => {
                let offset = builder.start(&pair);
                out.report.push(explain_bad_statement(at, offset, &pair));
            }
            _ => {}
        }
    }
    out
}

/// Where diagnostics of one file point, with its line index built on first use.
struct Locator<'a> {
    path: &'a Path,
    source: &'a str,
    lines: &'a OnceCell<LineIndex>,
}

impl Locator<'_> {
    fn at(&self, severity: Severity, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.lines
            .get_or_init(|| LineIndex::new(self.source))
            .diagnostic(severity, self.path, self.source, offset, message)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(Severity::Error, offset, message)
    }

    fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at(Severity::Warning, offset, message)
    }
}

/// Blanks out (with spaces, keeping every offset) each statement whose brackets nest deeper
/// than [`MAX_NESTING`], and returns where each of them went too deep. Comments are skipped.
fn limit_nesting(source: &str) -> (Cow<'_, str>, Vec<usize>) {
    let bytes = source.as_bytes();
    let mut blank: Vec<(usize, usize)> = Vec::new();
    let mut too_deep = Vec::new();
    let mut depth = 0usize;
    let mut statement = 0;
    let mut deep_at = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = source[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'<' | b'(' | b'{' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING && deep_at.is_none() {
                    deep_at = Some(i);
                }
            }
            b'>' | b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            b';' => {
                if let Some(at) = deep_at.take() {
                    too_deep.push(at);
                    blank.push((statement, i + 1));
                }
                depth = 0;
                statement = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(at) = deep_at {
        too_deep.push(at);
        blank.push((statement, bytes.len()));
    }
    if blank.is_empty() {
        return (Cow::Borrowed(source), too_deep);
    }
    let mut out = bytes.to_vec();
    for (start, end) in blank {
        for b in &mut out[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole statements were blanked, so every multi-byte character went entirely or not at all.
    let out = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (Cow::Owned(out), too_deep)
}

/// Re-parses a statement that matched no definition (starting at byte `start` of the file),
/// to say what is wrong where.
fn explain_bad_statement(at: &Locator<'_>, start: usize, pair: &Pair<'_, Rule>) -> Diagnostic {
    let text = pair.as_str();
    match TlParser::parse(Rule::definition, text) {
        Err(e) => pest_error(at, start, &e),
        Ok(_) => at.error(start, "malformed definition"),
    }
}

fn pest_error(at: &Locator<'_>, base: usize, e: &pest::error::Error<Rule>) -> Diagnostic {
    let offset = base
        + match e.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
    let message = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut wanted: Vec<&str> = positives.iter().map(|r| describe(*r)).collect();
            wanted.sort_unstable();
            wanted.dedup();
            if wanted.is_empty() {
                "unexpected input".to_owned()
            } else {
                format!("expected {}", wanted.join(" or "))
            }
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    let message = if offset >= at.source.len() {
        format!("{message}, found the end of the file")
    } else {
        message
    };
    at.error(offset, message)
}

fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::full_name | Rule::ident => "a name",
        Rule::constructor_id | Rule::hex_id => "a constructor id (`#` and hex digits)",
        Rule::type_param => "a type parameter (`{X:Type}`)",
        Rule::param | Rule::param_name => "a parameter (`name:type`)",
        Rule::param_type | Rule::type_expr | Rule::type_name | Rule::flags_decl => "a type",
        Rule::conditional | Rule::flag_bit => "a flag condition (`flags.N?Type`)",
        Rule::result_type => "a result type after `=`",
        Rule::builtin_body | Rule::repeat_count => "a built-in body",
        Rule::definition => "a definition",
        Rule::section | Rule::section_name => "a section marker",
        Rule::layer_marker => "a layer marker (`===N===`)",
        Rule::paren_type => "a type application (`(vector T)`)",
        Rule::EOI => "the end of the file",
        _ => "something else",
    }
}

struct Builder<'a> {
    at: &'a Locator<'a>,
    /// Where the text the pairs are of starts in the file.
    base: usize,
}

impl Builder<'_> {
    /// The offset in the file of where `pair` starts.
    fn start(&self, pair: &Pair<'_, Rule>) -> usize {
        self.base + pair.as_span().start()
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.at.error(offset, message)
    }

    fn definition(
        &self,
        pair: Pair<'_, Rule>,
        category: Category,
        layer: Option<i32>,
    ) -> Result<Definition, Diagnostic> {
        let offset = self.start(&pair);
        let text = pair.as_str();
        let mut name = None;
        let mut explicit_id = None;
        let mut type_params = Vec::new();
        let mut params = Vec::new();
        let mut builtin = false;
        let mut result = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::full_name => name = Some(Name::parse(part.as_str())),
                Rule::constructor_id => {
                    let hex = part.as_str().trim_start_matches('#');
                    if hex.len() > 8 {
                        return Err(self.error(
                            self.start(&part),
                            format!("constructor id `#{hex}` has more than 8 hex digits"),
                        ));
                    }
                    // At most 8 hex digits always fit a u32.
                    explicit_id = u32::from_str_radix(hex, 16).ok();
                }
                Rule::type_param => {
                    let mut inner = part.into_inner();
                    let name = inner
                        .next()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_default();
                    let kind = inner
                        .next()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_default();
                    type_params.push(TypeParam { name, kind });
                }
                Rule::builtin_body => builtin = true,
                Rule::param => params.push(self.param(part)?),
                Rule::result_type => result = Some(self.result_type(part)?),
                _ => {}
            }
        }
        let (Some(name), Some(result)) = (name, result) else {
            return Err(self.error(offset, "incomplete definition"));
        };
        let builtin = builtin || (explicit_id.is_none() && declares_primitive(&name, &result));
        let mut def = Definition {
            name,
            explicit_id,
            id: 0,
            computed_id: 0,
            type_params,
            params,
            result,
            category,
            builtin,
            offset,
            comments: comments_above(self.at.source, offset),
            layer,
        };
        def.computed_id = if builtin {
            compute_builtin_id(text)
        } else {
            compute_id(&def)
        };
        def.id = explicit_id.unwrap_or(def.computed_id);
        Ok(def)
    }

    fn param(&self, pair: Pair<'_, Rule>) -> Result<Param, Diagnostic> {
        let offset = self.start(&pair);
        let mut inner = pair.into_inner();
        let name = inner
            .next()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let ty_pair = inner
            .next()
            .and_then(|p| p.into_inner().next())
            .ok_or_else(|| self.error(offset, "parameter without a type"))?;
        let ty = match ty_pair.as_rule() {
            Rule::flags_decl => ParamType::Flags,
            Rule::conditional => {
                let mut parts = ty_pair.into_inner();
                let field = parts
                    .next()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                let bit_pair = parts
                    .next()
                    .ok_or_else(|| self.error(offset, "flag condition without a bit"))?;
                let bit = bit_pair
                    .as_str()
                    .parse::<u32>()
                    .ok()
                    .filter(|b| *b < 32)
                    .ok_or_else(|| {
                        self.error(
                            self.start(&bit_pair),
                            format!("flag bit `{}` is not in 0..=31", bit_pair.as_str()),
                        )
                    })?;
                let ty = parts
                    .next()
                    .ok_or_else(|| self.error(offset, "flag condition without a type"))?;
                ParamType::Value {
                    ty: self.type_expr(ty, 0)?,
                    condition: Some(Condition { field, bit }),
                }
            }
            _ => ParamType::Value {
                ty: self.type_expr(ty_pair, 0)?,
                condition: None,
            },
        };
        Ok(Param { name, ty, offset })
    }

    fn type_expr(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<TypeExpr, Diagnostic> {
        let offset = self.start(&pair);
        if depth > MAX_TYPE_DEPTH {
            return Err(self.error(
                offset,
                format!("generic arguments nest deeper than {MAX_TYPE_DEPTH} levels"),
            ));
        }
        let mut ty = TypeExpr {
            name: Name::parse(""),
            bare: false,
            generic_ref: false,
            args: Vec::new(),
            offset,
        };
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::type_mod => match part.as_str() {
                    "!" => ty.generic_ref = true,
                    _ => ty.bare = true,
                },
                Rule::type_name => ty.name = Name::parse(part.as_str()),
                Rule::type_expr => ty.args.push(self.type_expr(part, depth + 1)?),
                // `(vector T)`: the name, then its arguments.
                Rule::paren_type => {
                    let mut inner = part.into_inner();
                    if let Some(name) = inner.next() {
                        ty.name = Name::parse(name.as_str());
                    }
                    for arg in inner {
                        ty.args.push(self.type_expr(arg, depth + 1)?);
                    }
                }
                _ => {}
            }
        }
        Ok(ty)
    }

    fn result_type(&self, pair: Pair<'_, Rule>) -> Result<TypeExpr, Diagnostic> {
        let offset = self.start(&pair);
        let mut parts = pair.into_inner();
        let name = parts
            .next()
            .map(|p| Name::parse(p.as_str()))
            .ok_or_else(|| self.error(offset, "missing result type"))?;
        let mut args = Vec::new();
        for part in parts {
            let arg_offset = self.start(&part);
            match part.as_rule() {
                Rule::type_expr => args.push(self.type_expr(part, 1)?),
                _ => args.push(TypeExpr {
                    name: Name::parse(part.as_str()),
                    bare: false,
                    generic_ref: false,
                    args: Vec::new(),
                    offset: arg_offset,
                }),
            }
        }
        Ok(TypeExpr {
            name,
            bare: false,
            generic_ref: false,
            args,
            offset,
        })
    }
}

/// Whether `name = Result;` declares a primitive (`int32 = Int32;`, `bytes data:string = Bytes;`).
fn declares_primitive(name: &Name, result: &TypeExpr) -> bool {
    let mut upper = name.name.clone();
    if let Some(first) = upper.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name.namespace.is_none()
        && PRIMITIVE_NAMES.contains(&name.name.as_str())
        && result.args.is_empty()
        && result.name.namespace.is_none()
        && result.name.name == upper
}

/// The `//` comment lines directly above `offset` (no blank line between), oldest first.
/// Only for a definition that starts its line (found by walking back over blanks, so that
/// many definitions on one long line stay linear).
fn comments_above(source: &str, offset: usize) -> Vec<String> {
    let before = source[..offset].trim_end_matches([' ', '\t', '\r']);
    if !(before.is_empty() || before.ends_with('\n')) {
        return Vec::new();
    }
    let line_start = before.len();
    let mut out = Vec::new();
    for line in source[..line_start].lines().rev() {
        let line = line.trim();
        match line.strip_prefix("//") {
            // A whole line of slashes is a banner, not documentation.
            Some(text) if !text.trim_start_matches('/').trim().is_empty() => {
                out.push(text.trim().to_owned())
            }
            _ => break,
        }
        if out.len() >= 64 {
            break;
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsed in two stretches and in one: the same file and diagnostics.
    fn assert_split_reads_the_same(name: &str, source: &str) {
        let path = Path::new(name);
        let whole = parse_schema_with(path, source, usize::MAX);
        let split = parse_schema_with(path, source, 0);
        assert!(
            whole == split,
            "{name}: reading in two stretches differs from reading in one"
        );
    }

    /// Whether `source` is read in two stretches (not falling back to one).
    fn is_read_split(source: &str) -> bool {
        let lines = OnceCell::new();
        let at = Locator {
            path: Path::new("x.tl"),
            source,
            lines: &lines,
        };
        read_stretches(&at, &limit_nesting(source).0, 0).len() == 2
    }

    fn bundled_api() -> &'static str {
        include_str!("../../../schema/api.tl")
    }

    #[test]
    fn the_bundled_schema_reads_the_same_split_and_whole() {
        let api = bundled_api();
        assert!(split_point(api).is_some(), "api.tl is cut in two");
        assert!(is_read_split(api));
        assert_split_reads_the_same("api.tl", api);
        let (file, diags) = parse_schema(Path::new("api.tl"), api);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            file,
            parse_schema_with(Path::new("api.tl"), api, usize::MAX).0
        );
    }

    #[test]
    fn comments_anywhere_are_white_space_but_layer_comments_are_kept() {
        // The grammar reads comments as white space, told apart from a `// LAYER N` line
        // after the `//`; the layer comment is read wherever a statement could start, also
        // after a definition on its line, and not inside a block comment.
        let source = "/* a block // LAYER 99\n   comment */ a#1 /* in */ x:int // after\n  \
                      y:flags.0?string = A; //LAYER 6\nb = B; // LAYER 7x\n\
                      ns.#12345678 = T;\nns.c = /**/ ns.C;\n";
        let (file, diags) = parse_schema(Path::new("c.tl"), source);
        assert_eq!(file.layer, Some(6));
        let names: Vec<String> = file
            .definitions
            .iter()
            .map(|d| d.name.to_string())
            .collect();
        assert_eq!(names, ["a", "b", "ns.c"]);
        let params: Vec<&str> = file.definitions[0]
            .params
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(params, ["x", "y"]);
        // The error of a name ending in `.` points past the dot, where a name part is missing.
        let [error] = &diags[..] else {
            panic!("one error expected: {diags:?}")
        };
        let at = error.location.as_ref().unwrap();
        assert_eq!(
            (error.message.as_str(), at.line, at.column),
            ("expected a name", 5, 4)
        );
    }

    #[test]
    fn markers_above_the_cut_reach_the_statements_below_it() {
        // A section and a layer marker above the whole schema, which the second stretch
        // inherits; a `// LAYER` comment above and markers below.
        let source = format!(
            "===5===\n---functions---\n// LAYER 7\n{}---types---\n===3===\nx = X;\n// LAYER 8\n",
            bundled_api()
        );
        assert!(is_read_split(&source));
        assert_split_reads_the_same("markers.tl", &source);
        let cut = split_point(&source).unwrap();
        let (file, _) = parse_schema_with(Path::new("markers.tl"), &source, 0);
        let first_below = file.definitions.iter().find(|d| d.offset >= cut).unwrap();
        assert_eq!(first_below.layer, Some(5));
        assert_eq!(first_below.category, Category::Function);
        let last = file.definitions.last().unwrap();
        assert_eq!((last.layer, last.category), (Some(3), Category::Type));
        assert_eq!(file.layer, Some(8));
    }

    #[test]
    fn errors_on_both_sides_of_the_cut_are_reported_as_in_one_read() {
        let api = bundled_api();
        // Every 7th line broken: far more than `MAX_ERRORS` errors, on both sides.
        let broken: String = api
            .lines()
            .enumerate()
            .map(|(i, line)| {
                if i % 7 == 3 && line.ends_with(';') {
                    format!("{}:% = ;\n", &line[..line.len() / 2])
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        assert!(is_read_split(&broken));
        assert_split_reads_the_same("broken.tl", &broken);
        let (_, diags) = parse_schema(Path::new("broken.tl"), &broken);
        assert!(
            diags.last().is_some_and(|d| d.message.contains("more")),
            "{:?}",
            diags.last()
        );
        // Few errors, one on each side, with a too-deep statement before them.
        let quarter = api[..api.len() / 4].rfind('\n').unwrap() + 1;
        let few = format!(
            "a{} = A;\n{}b#zz = B;\n{}c:int = ;\n",
            "<".repeat(100),
            &api[..quarter],
            &api[quarter..]
        );
        assert!(is_read_split(&few));
        assert_split_reads_the_same("few.tl", &few);
        let (_, diags) = parse_schema_with(Path::new("few.tl"), &few, 0);
        assert_eq!(
            diags.iter().filter(|d| d.is_error()).count(),
            3,
            "{diags:?}"
        );
    }

    #[test]
    fn no_cut_inside_comments_or_statements() {
        // A `;` in a line comment, a definition over two lines, a block comment.
        assert_eq!(split_point("/* a;\n b; */\nc = C;\nd = D;\n"), None);
        assert_eq!(split_point("a = A;\nb = B;\nc = C; // c;\n"), None);
        assert_eq!(split_point("a = A;\nb = B; // c;\nd = D;\n"), Some(27));
        for source in [
            "a = A;\n// x;\nb = B;\n",
            "a:int // c;\n b:int = A;\nc = C;\n",
            "/* a;\n b; */\nc = C;\n",
            "a#1 b:int = A;\n---functions---\nf = A;\n===2===\ng = A;\n",
        ] {
            assert_split_reads_the_same("small.tl", source);
        }
    }

    #[test]
    fn every_dialect_fixture_reads_the_same_split_and_whole() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dialects");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "tl") {
                let source = std::fs::read_to_string(&path).unwrap();
                assert_split_reads_the_same(&path.display().to_string(), &source);
                seen += 1;
            }
        }
        assert!(seen >= 10, "{seen} fixtures");
    }
}
