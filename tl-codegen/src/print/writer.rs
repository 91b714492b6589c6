//! The text the printers write, laid out as rustfmt lays it out (edition 2021 defaults).
//!
//! Printers write lines through an indent-aware [`Writer`] instead of building token streams
//! for a general pretty printer: a full layer is ~180k lines, and a build script pays for every
//! pass over them in an unoptimized build. The generated code uses a few shapes of Rust, so
//! the writer has one method per shape that rustfmt would break when it is too wide (function
//! signatures, struct literals, `let` and match-arm right-hand sides, lists); everything else
//! is written one statement per line. A test runs rustfmt over generated files and expects no
//! change.

use std::fmt::Write as _;

/// rustfmt's `max_width`.
pub const MAX_WIDTH: usize = 100;
/// rustfmt's `struct_lit_width`: the widest field list a struct literal keeps on one line.
const STRUCT_LIT_WIDTH: usize = 18;
/// rustfmt's `fn_call_width`: the widest argument list (or tuple) kept on one line.
const FN_CALL_WIDTH: usize = 60;
/// rustfmt's `chain_width`.
const CHAIN_WIDTH: usize = 60;
/// rustfmt's `array_width`.
const ARRAY_WIDTH: usize = 60;
/// rustfmt's `short_array_element_width_threshold`: arguments and elements at most this wide
/// share lines when a list breaks.
const SHORT_ARRAY_ELEMENT: usize = 10;

/// Lines of Rust at an indent.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    indent: usize,
}

/// The width of `text` as rustfmt counts it (characters; generated code is ASCII but for
/// string literals from the docs). `chars().count()` is counted by the standard library's
/// own compiled code; an `is_ascii` test first would run unoptimized in a build script.
fn width(text: &str) -> usize {
    text.chars().count()
}

/// Whether `line` holds a control character other than a tab (`char::is_control`: C0, DEL
/// and C1), which a `///` comment cannot carry. Over bytes: every doc line is checked, in
/// unoptimized build scripts.
fn has_control(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // C1 controls, U+0080..=U+009F, are `C2 80`..=`C2 9F` in UTF-8.
        let c1 = b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n));
        if (b < 0x20 && b != b'\t') || b == 0x7F || c1 {
            return true;
        }
        i += 1;
    }
    false
}

impl Writer {
    /// A writer whose first line is `indent` levels deep.
    pub fn new(indent: usize) -> Self {
        Self {
            out: String::new(),
            indent,
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The current indent, in levels of four spaces.
    pub fn indent(&self) -> usize {
        self.indent
    }

    /// Appends text written elsewhere (whole lines at this writer's indent).
    pub fn push_lines(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn pad(&mut self) {
        const SPACES: &str = "                                                                ";
        let width = self.indent * 4;
        match SPACES.get(..width) {
            Some(spaces) => self.out.push_str(spaces),
            None => (0..self.indent).for_each(|_| self.out.push_str("    ")),
        }
    }

    /// Whether `text` fits on a line at the current indent, `extra` levels deeper.
    fn fits_at(&self, extra: usize, text: &str) -> bool {
        (self.indent + extra) * 4 + width(text) <= MAX_WIDTH
    }

    /// Whether `text` fits on a line at the current indent.
    pub fn fits(&self, text: &str) -> bool {
        self.fits_at(0, text)
    }

    /// One line.
    pub fn line(&mut self, text: &str) {
        if !text.is_empty() {
            self.pad();
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    /// One line, from format arguments.
    pub fn line_fmt(&mut self, args: std::fmt::Arguments<'_>) {
        self.pad();
        self.out
            .write_fmt(args)
            .expect("writing to a String does not fail");
        self.out.push('\n');
    }

    /// A blank line (between items).
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A line that opens a block (`impl X {`): what follows is one level deeper.
    pub fn open(&mut self, text: &str) {
        self.line(text);
        self.indent += 1;
    }

    /// A line that closes a block (`}`, `})`, `};`): it and what follows are one level out.
    pub fn close(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.line(text);
    }

    /// A line that closes a block and opens the next (`} else {`).
    pub fn reopen(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.open(text);
    }

    /// What follows is one level deeper (after a line that opened a block by other means,
    /// such as [`list`](Self::list)).
    pub fn indent_in(&mut self) {
        self.indent += 1;
    }

    /// What follows is one level out (the end of an [`indent_in`](Self::indent_in)).
    pub fn indent_out(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }

    /// `///` lines for a doc string (one per line of it).
    ///
    /// rustfmt trims trailing whitespace from comments, so lines are trimmed here. A line
    /// that a `///` comment cannot carry as it is (one holding a carriage return or another
    /// control character) is written as a `#[doc = "..."]` attribute instead.
    pub fn doc(&mut self, doc: &str) {
        for line in doc.split('\n') {
            let line = line.trim_end();
            if has_control(line) {
                self.line_fmt(format_args!("#[doc = {:?}]", format!(" {line}")));
            } else if line.is_empty() {
                self.line("///");
            } else {
                self.line_fmt(format_args!("/// {line}"));
            }
        }
    }

    /// Opens a function: `head(params) ret {` on one line when it fits, else one parameter
    /// per line (rustfmt's "tall" layout). `head` is `pub fn name` or `fn name<B: BufMut>`,
    /// `ret` is empty or ` -> Type`.
    pub fn open_fn(&mut self, head: &str, params: &[String], ret: &str) {
        let one = format!("{head}({}){ret} {{", params.join(", "));
        if self.fits(&one) || params.is_empty() {
            self.open(&one);
            return;
        }
        self.open(&format!("{head}("));
        for p in params {
            self.line_fmt(format_args!("{p},"));
        }
        self.indent -= 1;
        self.open(&format!("){ret} {{"));
    }

    /// Opens a trait impl, `head for ty {` (`head` is `impl Trait` or `impl<X: A> Trait`): on
    /// one line when it fits, else with `for ty` on a line of its own and the brace on the
    /// next.
    pub fn open_impl(&mut self, head: &str, ty: &str) {
        let one = format!("{head} for {ty}");
        // rustfmt measures an impl's header without its indent.
        if width(&one) + 2 <= MAX_WIDTH {
            self.open(&format!("{one} {{"));
            return;
        }
        self.line(head);
        self.indent += 1;
        self.line_fmt(format_args!("for {ty}"));
        self.indent -= 1;
        self.open("{");
    }

    /// An impl without items, `head for ty {}`, laid out as [`open_impl`](Self::open_impl).
    pub fn empty_impl(&mut self, head: &str, ty: &str) {
        let one = format!("{head} for {ty}");
        if width(&one) + 2 <= MAX_WIDTH {
            self.line_fmt(format_args!("{one} {{}}"));
        } else {
            self.open_impl(head, ty);
            self.close("}");
        }
    }

    /// A struct literal `prefix path { fields } suffix`: on one line when the fields take at
    /// most rustfmt's `struct_lit_width` and the whole fits, else one field per line.
    /// `prefix` is what comes before it on its line (`Ok(`, `let x = `), `suffix` what closes
    /// after the `}` (`)`, `;`, `,`).
    pub fn struct_lit(&mut self, prefix: &str, path: &str, fields: &[String], suffix: &str) {
        if fields.is_empty() {
            self.line_fmt(format_args!("{prefix}{path} {{}}{suffix}"));
            return;
        }
        let joined = fields.join(", ");
        self.one_line_or_tall(
            &format!("{prefix}{path} {{ {joined} }}{suffix}"),
            width(&joined) <= STRUCT_LIT_WIDTH,
            &format!("{prefix}{path} {{"),
            fields,
            &format!("}}{suffix}"),
        );
    }

    /// `one` on one line when `short` and it fits; else `open`, the items one per line (each
    /// with its comma) one level deeper, and `close`.
    fn one_line_or_tall(
        &mut self,
        one: &str,
        short: bool,
        open: &str,
        items: &[String],
        close: &str,
    ) {
        if short && self.fits(one) {
            self.line(one);
            return;
        }
        self.open(open);
        for item in items {
            self.line_fmt(format_args!("{item},"));
        }
        self.close(close);
    }

    /// `lead rhs end` where `rhs` is one line of code that rustfmt may move to the next line
    /// (`let x = rhs;`, `x |= rhs;`): on one line if it fits; else `rhs` alone on the next
    /// line if it fits there; else broken after the `(` of its call when that fits on the
    /// first line; else broken on the next line. `lead` ends with `=` or `|=`.
    pub fn assign(&mut self, lead: &str, rhs: &str, end: &str) {
        let one = format!("{lead} {rhs}{end}");
        if self.fits(&one) && single_line_ok(rhs) {
            self.line(&one);
            return;
        }
        let next = format!("{rhs}{end}");
        if self.fits_at(1, &next) && single_line_ok(rhs) {
            self.line(lead);
            self.indent += 1;
            self.line(&next);
            self.indent -= 1;
            return;
        }
        if let Some((head, _, _)) = split_call(rhs) {
            if self.fits(&format!("{lead} {head}")) {
                self.expr_line(&format!("{lead} {rhs}"), end);
                return;
            }
        }
        self.line(lead);
        self.indent += 1;
        self.expr_line(rhs, end);
        self.indent -= 1;
    }

    /// One match arm `pat => body,` whose body is one line of code: on one line if it fits,
    /// else the body in a block of its own if it fits there, else the body's call broken.
    pub fn arm(&mut self, pat: &str, body: &str) {
        let one = format!("{pat} => {body},");
        // A `return` body takes one column more than it shows (rustfmt measures it as the
        // statement it becomes in a block, with its `;`).
        let room = usize::from(body.starts_with("return "));
        if self.fits(&format!("{one}{}", " ".repeat(room))) && single_line_ok(body) {
            self.line(&one);
            return;
        }
        if self.fits_at(1, body) && single_line_ok(body) {
            self.open(&format!("{pat} => {{"));
            self.line(body);
            self.close("}");
            return;
        }
        // Broken after `pat => call(` when that fits (with a column for the arm's comma);
        // else in a block, broken there.
        if let Some((head, _, _)) = split_call(body) {
            if !self.fits(&format!("{pat} => {head},")) {
                self.open(&format!("{pat} => {{"));
                self.expr_line(body, "");
                self.close("}");
                return;
            }
        }
        self.expr_line(&format!("{pat} => {body}"), ",");
    }

    /// A match arm whose body is a struct literal in a call, `pat => wrap(path { fields }),`
    /// (a flag group built from its parameters: `(Some(a), Some(b)) => Some(X { a, b }),`).
    /// `pat` is a tuple of `items` (or the one item).
    pub fn arm_struct(&mut self, items: &[String], wrap: &str, path: &str, fields: &[String]) {
        let joined = fields.join(", ");
        let pat = match items {
            [one] => one.clone(),
            _ => format!("({})", items.join(", ")),
        };
        let short = width(&joined) <= STRUCT_LIT_WIDTH;
        let body = format!("{wrap}({path} {{ {joined} }})");
        // rustfmt overflows a struct literal into the call only when its first line
        // (`path {`) is at most `fn_call_width` wide.
        let overflows = width(path) + 2 <= FN_CALL_WIDTH;
        if short && self.fits(&format!("{pat} => {body},")) {
            self.line_fmt(format_args!("{pat} => {body},"));
            return;
        }
        if self.fits(&format!("{pat} => {{")) {
            if short && self.fits_at(1, &body) {
                self.open(&format!("{pat} => {{"));
                self.line(&body);
                self.close("}");
                return;
            }
            if overflows && self.fits(&format!("{pat} => {wrap}({path} {{")) {
                self.struct_lit(&format!("{pat} => {wrap}("), path, fields, "),");
                return;
            }
            if overflows && self.fits_at(1, &format!("{wrap}({path} {{")) {
                self.open(&format!("{pat} => {{"));
                self.struct_lit(&format!("{wrap}("), path, fields, ")");
                self.close("}");
                return;
            }
            self.open(&format!("{pat} => {wrap}("));
            self.struct_lit("", path, fields, ",");
            self.close("),");
            return;
        }
        self.open("(");
        for item in items {
            self.line_fmt(format_args!("{item},"));
        }
        self.indent -= 1;
        self.struct_lit(&format!(") => {wrap}("), path, fields, "),");
    }

    /// `text end` as one line, or, when too wide (or past rustfmt's width heuristics) and
    /// `text` ends in a call (`f(x)` or `f(x)?`), with its arguments broken as rustfmt
    /// breaks them: several one per line; one, by overflowing into it when it is itself a
    /// call (`Some(Box::new(` and `Some(X::read(` share the first line), else on a line of
    /// its own (broken the same way in turn).
    pub fn expr_line(&mut self, text: &str, end: &str) {
        let one = format!("{text}{end}");
        if self.fits(&one) && single_line_ok(text) {
            self.line(&one);
            return;
        }
        let Some((head, args, tail)) = split_call(text) else {
            self.line(&one);
            return;
        };
        let [arg] = args.as_slice() else {
            self.open(head);
            // Short arguments share lines (rustfmt's "mixed" layout, as for short array
            // elements); others take one line each.
            if args.iter().all(|a| width(a) <= SHORT_ARRAY_ELEMENT) {
                self.fill(args.iter().map(|a| a.to_string()));
            } else {
                for arg in &args {
                    self.line_fmt(format_args!("{arg},"));
                }
            }
            self.close(&format!("){tail}{end}"));
            return;
        };
        let close = format!("){tail}{end}");
        match split_call(arg) {
            // `f(g(x))`: into `g`, and on into `x` when it is a short call.
            Some((inner, inner_args, ""))
                if inner_args.len() == 1 && self.fits(&format!("{head}{inner}")) =>
            {
                let x = inner_args[0];
                let close = format!("){close}");
                match split_call(x) {
                    Some((h, xs, t))
                        if width(x) <= FN_CALL_WIDTH && self.fits(&format!("{head}{inner}{h}")) =>
                    {
                        self.open(&format!("{head}{inner}{h}"));
                        for x in &xs {
                            self.line_fmt(format_args!("{x},"));
                        }
                        self.close(&format!("){t}{close}"));
                    }
                    _ => {
                        self.open(&format!("{head}{inner}"));
                        self.expr_line(x, ",");
                        self.close(&close);
                    }
                }
            }
            // `f(g(x)?)`: into `g` when its head is short and the first line leaves two
            // columns (as rustfmt's overflow does).
            Some((inner, inner_args, "?"))
                if width(inner) < FN_CALL_WIDTH
                    && self.indent * 4 + width(head) + width(inner) + 2 <= MAX_WIDTH =>
            {
                self.open(&format!("{head}{inner}"));
                for x in &inner_args {
                    self.line_fmt(format_args!("{x},"));
                }
                self.close(&format!(")?{close}"));
            }
            _ => {
                self.open(head);
                self.expr_line(arg, ",");
                self.close(&close);
            }
        }
    }

    /// `receiver.method(args) end`, a method call statement: on one line when the chain takes
    /// at most rustfmt's `chain_width` and fits, else the call on the next line.
    pub fn method_call(&mut self, receiver: &str, call: &str, end: &str) {
        let one = format!("{receiver}{call}");
        if width(&one) <= CHAIN_WIDTH && self.fits(&format!("{one}{end}")) {
            self.line_fmt(format_args!("{one}{end}"));
            return;
        }
        self.line(receiver);
        self.indent += 1;
        self.line_fmt(format_args!("{call}{end}"));
        self.indent -= 1;
    }

    /// A field `pub name: Type,` (`head` is `pub name:`): on one line if it fits, else the type
    /// on the next line.
    pub fn field(&mut self, head: &str, ty: &str) {
        let one = format!("{head} {ty},");
        if self.fits(&one) {
            self.line(&one);
        } else {
            self.line(head);
            self.indent += 1;
            self.line_fmt(format_args!("{ty},"));
            self.indent -= 1;
        }
    }

    /// Opens `lead head(items) tail` where the list opens a block (`let x = match (a, b) {`):
    /// on one line if it fits; else on the next line if it fits there (the lines after it one
    /// level deeper: `close` with [`indent_out`](Self::indent_out) after); else with the items
    /// one per line. Returns whether it moved to the next line.
    pub fn open_rhs_list(&mut self, lead: &str, head: &str, items: &[String], tail: &str) -> bool {
        let joined = items.join(", ");
        let rest = format!("{head}({joined}){tail}");
        let fits_width = width(&joined) <= FN_CALL_WIDTH;
        if fits_width && self.fits(&format!("{lead} {rest}")) {
            self.open(&format!("{lead} {rest}"));
            return false;
        }
        if fits_width && self.fits_at(1, &rest) {
            self.line(lead);
            self.indent += 1;
            self.open(&rest);
            return true;
        }
        self.list(&format!("{lead} {head}"), items, tail);
        self.indent += 1;
        false
    }

    /// Opens `if let PAT = (items) {` (`lead` is `if let PAT =`): on one line if it fits; else
    /// the tuple on a line of its own if it fits there, the brace on the next; else the
    /// items one per line.
    pub fn open_if_let(&mut self, lead: &str, items: &[String]) {
        let tuple = format!("({})", items.join(", "));
        let short = width(&tuple) - 2 <= FN_CALL_WIDTH;
        if short && self.fits(&format!("{lead} {tuple} {{")) {
            self.open(&format!("{lead} {tuple} {{"));
        } else if short && self.fits_at(1, &tuple) {
            self.line(lead);
            self.indent += 1;
            self.line(&tuple);
            self.reopen("{");
        } else {
            self.list(&format!("{lead} "), items, " {");
            self.indent += 1;
        }
    }

    /// A parenthesized list (a tuple, a call's arguments) after `head` and before `tail`:
    /// on one line when its items take at most rustfmt's `fn_call_width` and it fits, else
    /// one item per line.
    pub fn list(&mut self, head: &str, items: &[String], tail: &str) {
        let joined = items.join(", ");
        self.one_line_or_tall(
            &format!("{head}({joined}){tail}"),
            width(&joined) <= FN_CALL_WIDTH,
            &format!("{head}("),
            items,
            &format!("){tail}"),
        );
    }
}

impl Writer {
    /// `prefix{a, b};`, a `use` list: on one line when it fits, else the names filling lines
    /// one level deeper (rustfmt's "mixed" layout of imports).
    pub fn use_list(&mut self, prefix: &str, names: &[&str]) {
        let one = format!("{prefix}{{{}}};", names.join(", "));
        if self.fits(&one) {
            self.line(&one);
            return;
        }
        self.open(&format!("{prefix}{{"));
        self.fill(names.iter().map(|n| n.to_string()));
        self.close("};");
    }

    /// An array literal `head[items]tail`: on one line when its items take at most rustfmt's
    /// `array_width` and it fits; else, when every item is short (rustfmt's
    /// `short_array_element_width_threshold`), as many per line as fit; else one per line.
    pub fn array(&mut self, head: &str, items: &[String], tail: &str) {
        let joined = items.join(", ");
        let one = format!("{head}[{joined}]{tail}");
        if items.is_empty() || (width(&joined) <= ARRAY_WIDTH && self.fits(&one)) {
            self.line(&one);
            return;
        }
        self.open(&format!("{head}["));
        if items.iter().all(|i| width(i) <= SHORT_ARRAY_ELEMENT) {
            self.fill(items.iter().cloned());
        } else {
            for item in items {
                self.line_fmt(format_args!("{item},"));
            }
        }
        self.close(&format!("]{tail}"));
    }

    /// Comma-separated items filling each line, a comma after the last.
    fn fill(&mut self, items: impl Iterator<Item = String>) {
        let room = MAX_WIDTH.saturating_sub(self.indent * 4);
        let mut line = String::new();
        for item in items {
            if !line.is_empty() && width(&line) + 1 + width(&item) + 1 > room {
                let done = std::mem::take(&mut line);
                self.line(done.trim_end());
            }
            line.push_str(&item);
            line.push_str(", ");
        }
        let last = line.trim_end();
        self.line(last);
    }
}

/// `text` as a call ending it, `head(` + arguments + `)tail` (`tail` is `?` or empty), its
/// arguments split at their top-level commas. Brackets and commas inside string literals
/// (error descriptions from the docs) are text, not structure.
fn split_call(text: &str) -> Option<(&str, Vec<&str>, &str)> {
    let (body, tail) = match text.strip_suffix('?') {
        Some(body) => (body, "?"),
        None => (text, ""),
    };
    if !body.ends_with(')') {
        return None;
    }
    // One pass: the bracket that the final `)` closes, and the commas directly inside it.
    let mut opens: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut closed = None;
    // Over bytes (every bracket, comma and quote is ASCII): the printers run in unoptimized
    // build scripts, and this runs for every call they lay out.
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // To the closing quote, over escapes.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => opens.push((i, Vec::new())),
            b')' | b']' | b'}' => closed = opens.pop().map(|open| (i, open)),
            b',' => {
                if let Some((_, commas)) = opens.last_mut() {
                    commas.push(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let (end, (open, commas)) = closed?;
    if end + 1 != body.len() || !opens.is_empty() || open + 1 == end {
        return None;
    }
    let mut args = Vec::new();
    let mut start = open + 1;
    for comma in commas {
        args.push(body[start..comma].trim());
        start = comma + 1;
    }
    args.push(body[start..end].trim());
    Some((&body[..=open], args, tail))
}

/// Whether rustfmt keeps `text` on one line as far as its width heuristics go: a call with
/// several arguments at its end keeps them on one line only if they take at most
/// `fn_call_width`.
fn single_line_ok(text: &str) -> bool {
    match split_call(text) {
        Some((_, args, _)) if args.len() > 1 => width(&args.join(", ")) <= FN_CALL_WIDTH,
        Some((_, args, _)) => match split_call(args[0]) {
            // `f(g(x))` with a wide `g(x)`: rustfmt overflows into `g` instead.
            Some((_, _, "")) => width(args[0]) <= FN_CALL_WIDTH && single_line_ok(args[0]),
            // `f(g(x)?)`: likewise, unless `g(` is too wide to start an overflow.
            Some((inner, _, _)) => width(args[0]) <= FN_CALL_WIDTH || width(inner) > FN_CALL_WIDTH,
            None => true,
        },
        None => true,
    }
}

/// An identifier as code writes it: raw (`r#type`) when it is a keyword.
pub fn ident(name: &str) -> std::borrow::Cow<'_, str> {
    if crate::plan::names::is_keyword(name) {
        format!("r#{name}").into()
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_as_char_is_control_finds_them() {
        let mut line = String::new();
        for c in ('\0'..='\u{3000}').chain(['\u{FEFF}', '\u{10FFFF}']) {
            line.clear();
            line.push('a');
            line.push(c);
            line.push('\u{00E9}');
            assert_eq!(has_control(&line), c.is_control() && c != '\t', "{c:?}");
        }
    }

    #[test]
    fn struct_literals_break_past_rustfmts_widths() {
        let mut w = Writer::new(1);
        w.struct_lit("Ok(", "Self", &["abcdefg".into(), "hijklmnop".into()], ")");
        w.struct_lit("Ok(", "Self", &["abcdefgh".into(), "hijklmnop".into()], ")");
        w.struct_lit("", "Self", &[], "");
        assert_eq!(
            w.finish(),
            "    Ok(Self { abcdefg, hijklmnop })\n    Ok(Self {\n        abcdefgh,\n        \
             hijklmnop,\n    })\n    Self {}\n"
        );
    }

    #[test]
    fn long_signatures_take_a_line_per_parameter() {
        let mut w = Writer::new(2);
        let params = ["reader: &mut Reader".to_owned()];
        w.open_fn(
            "pub(crate) fn deserialize_bare_layer223",
            &params,
            " -> Result<Self, DeserializeError>",
        );
        w.close("}");
        assert_eq!(
            w.finish(),
            "        pub(crate) fn deserialize_bare_layer223(\n            reader: &mut \
             Reader,\n        ) -> Result<Self, DeserializeError> {\n        }\n"
        );
    }

    #[test]
    fn docs_that_comments_cannot_carry_stay_attributes() {
        let mut w = Writer::new(0);
        w.doc("a  \n\n/ b\nc\rd");
        assert_eq!(w.finish(), "/// a\n///\n/// / b\n#[doc = \" c\\rd\"]\n");
    }

    #[test]
    fn calls_split_at_their_own_brackets_and_commas_only() {
        assert_eq!(
            split_call("f(a, g(b, c), \"x, (y\")?"),
            Some(("f(", vec!["a", "g(b, c)", "\"x, (y\""], "?"))
        );
        assert_eq!(
            split_call("Some(\"a \\\" ) b\")"),
            Some(("Some(", vec!["\"a \\\" ) b\""], ""))
        );
        // The call that ends the text, whatever comes before it.
        assert_eq!(
            split_call("f(a) + g(b)"),
            Some(("f(a) + g(", vec!["b"], ""))
        );
        assert_eq!(split_call("f()"), None);
        assert_eq!(split_call("x.len()"), None);
    }

    #[test]
    fn match_arms_take_a_block_then_overflow_as_rustfmt_does() {
        // Measured with rustfmt 1.9: an arm too wide for its line gets its body in a block when
        // the body fits there and its argument within `fn_call_width`; else the call breaks.
        let mut w = Writer::new(5);
        let ctor = format!("types::{}", "A".repeat(34)); // `ctor::d(reader)?` is 53 wide
        w.arm("0x12345678", &format!("Self::Vvvvvvvv({ctor}::d(reader)?)"));
        let ctor = format!("types::{}", "A".repeat(45)); // 64: on a line of its own
        w.arm("0x12345678", &format!("Self::Vvvvvvvv({ctor}::d(reader)?)"));
        let pad = "                    ";
        assert_eq!(
            w.finish(),
            format!(
                "{pad}0x12345678 => {{\n{pad}    Self::Vvvvvvvv(types::{a}::d(reader)?)\n{pad}}}\n\
                 {pad}0x12345678 => Self::Vvvvvvvv(\n{pad}    types::{b}::d(reader)?,\n{pad}),\n",
                a = "A".repeat(34),
                b = "A".repeat(45),
            )
        );
    }

    #[test]
    fn a_call_of_a_call_overflows_into_the_inner_one() {
        let mut w = Writer::new(4);
        // `Box::new(...)` is wider than `fn_call_width`, its argument is not.
        w.expr_line(
            "Some(Box::new(enums::BusinessGreetingMessage::deserialize(reader)?))",
            "",
        );
        assert_eq!(
            w.finish(),
            "                Some(Box::new(enums::BusinessGreetingMessage::deserialize(\n\
             \x20                   reader,\n                )?))\n"
        );
    }

    #[test]
    fn impl_headers_are_measured_without_their_indent() {
        let mut w = Writer::new(2);
        let head = format!("impl From<types::{}>", "A".repeat(66));
        w.open_impl(&head, "Name"); // 93 wide (and ` {`) without the indent: one line
        w.close("}");
        w.open_impl(&head, "LongerName"); // 99 and ` {`: past 100
        w.close("}");
        let a = "A".repeat(66);
        assert_eq!(
            w.finish(),
            format!(
                "        impl From<types::{a}> for Name {{\n        }}\n\
                 \x20       impl From<types::{a}>\n            for LongerName\n        {{\n        }}\n"
            )
        );
    }

    #[test]
    fn use_lists_fill_their_lines() {
        let mut w = Writer::new(1);
        let names = [
            "Bare",
            "Deserialize",
            "DeserializeError",
            "Identifiable",
            "Reader",
        ];
        w.use_list("use ::a_rather_long_runtime_crate_name::wire::", &names);
        w.use_list("use ::rt::", &names);
        assert_eq!(
            w.finish(),
            "    use ::a_rather_long_runtime_crate_name::wire::{\n        \
             Bare, Deserialize, DeserializeError, Identifiable, Reader,\n    };\n    \
             use ::rt::{Bare, Deserialize, DeserializeError, Identifiable, Reader};\n"
        );
    }

    #[test]
    fn wide_right_hand_sides_move_then_break() {
        let mut w = Writer::new(4);
        let path = format!("types::{}", "A".repeat(60));
        w.assign(
            "let a =",
            &format!("{path}::deserialize_bare(reader)?"),
            ";",
        );
        assert_eq!(
            w.finish(),
            format!(
                "                let a =\n                    {path}::deserialize_bare(\n      \
                 \x20                 reader,\n                    )?;\n"
            )
        );
    }
}
