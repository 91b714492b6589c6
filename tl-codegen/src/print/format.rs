//! Lays out generated tokens as Rust source text.
//!
//! prettyplease re-parses the whole file with syn and runs a general line-breaking algorithm:
//! on a full layer (8 MB of code) that takes seconds in an unoptimized build script, which is
//! how Cargo runs build scripts by default. Generated code uses a small part of Rust, so this
//! printer lays it out straight from the tokens, in rustfmt's style: one item, field, match
//! arm or statement per line, 4-space indents, `#[doc]` attributes as `///` comments, and
//! lines kept within 100 columns by breaking argument lists, struct literals, blocks and
//! operator chains.
//!
//! Only the whitespace between tokens is chosen here, and rustfmt's trailing commas (one after
//! the last element of a list broken over lines, none in braces kept on one line); the tokens
//! themselves are printed as they are, so the output parses back to the same tokens (a test
//! checks this on the full layer). Where the rules below guess wrong about the code's
//! structure, the result is spaced oddly but still means the same.

use std::fmt::Write;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// rustfmt's default `max_width`.
const MAX_WIDTH: usize = 100;
/// The widest `if ... else ...` kept on one line (rustfmt's default is 50, which breaks
/// `if self.x.is_some() { 4 } else { 0 }` for long field names over five lines).
const MAX_INLINE_IF: usize = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delim {
    Paren,
    Bracket,
    Brace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An identifier, keyword or lifetime.
    Ident,
    Literal,
    /// One punctuation token or several joined (`::`, `=>`, `&&`).
    Op,
    /// An opening delimiter; `pair` is the index of its closing one.
    Open(Delim),
    /// A closing delimiter; `pair` is the index of its opening one.
    Close(Delim),
    /// A `#[doc = "..."]` (or `#![doc = ...]`) attribute whose text can be a `///` comment.
    Doc {
        inner: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    class: Class,
    start: u32,
    end: u32,
    pair: u32,
}

/// What an identifier or operator is to the layout rules, worked out once per token (the
/// rules ask about each token several times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// An identifier that is not a keyword.
    Word,
    Literal,
    /// `if`.
    KwIf,
    /// `else`.
    KwElse,
    /// `match`.
    KwMatch,
    /// `while`, `for`, `loop`, `unsafe`: a block follows.
    KwBlock,
    /// `pub`: `pub(crate)` without a space.
    KwPub,
    /// `fn`: `fn(u8)` without a space; starts an item.
    KwFn,
    /// `impl`: `impl<T>` without a space; starts an item.
    KwImpl,
    /// `struct`, `enum`, `union`, `trait`, `mod`, `extern`: start an item with a body.
    KwItem,
    /// `use`, `const`, `static`, `type`: start an item without one.
    KwDecl,
    /// `let`.
    KwLet,
    /// Any other keyword.
    Keyword,
    Comma,
    Semi,
    Colon,
    Dot,
    PathSep,
    /// `..`, `..=`.
    Range,
    Question,
    Bang,
    /// `#`, `#!`, `$`.
    Hash,
    /// `&`, `*`, `-`, `&&`: prefix or binary, by what comes before.
    Prefix,
    Pipe,
    OrOr,
    Lt,
    Gt,
    Shr,
    FatArrow,
    Eq,
    /// Operators always written with spaces around (`+`, `==`, `->`, `<<`, `|=`, ...).
    Binary,
    /// Delimiters and docs.
    Other,
}

fn word_class(word: &str) -> Class {
    match word {
        "if" => Class::KwIf,
        "else" => Class::KwElse,
        "match" => Class::KwMatch,
        "while" | "for" | "loop" | "unsafe" => Class::KwBlock,
        "pub" => Class::KwPub,
        "fn" => Class::KwFn,
        "impl" => Class::KwImpl,
        "struct" | "enum" | "union" | "trait" | "mod" | "extern" => Class::KwItem,
        "use" | "const" | "static" | "type" => Class::KwDecl,
        "let" => Class::KwLet,
        "as" | "async" | "break" | "continue" | "dyn" | "in" | "move" | "mut" | "ref"
        | "return" | "where" => Class::Keyword,
        _ => Class::Word,
    }
}

fn op_class(op: &str) -> Class {
    match op {
        "," => Class::Comma,
        ";" => Class::Semi,
        ":" => Class::Colon,
        "." => Class::Dot,
        "::" => Class::PathSep,
        ".." | "..=" => Class::Range,
        "?" => Class::Question,
        "!" => Class::Bang,
        "#" | "#!" | "$" => Class::Hash,
        "&" | "*" | "-" | "&&" => Class::Prefix,
        "|" => Class::Pipe,
        "||" => Class::OrOr,
        "<" => Class::Lt,
        ">" => Class::Gt,
        ">>" => Class::Shr,
        "=>" => Class::FatArrow,
        "=" => Class::Eq,
        _ => Class::Binary,
    }
}

/// The token stream flattened into one vector, with all token text in one string.
#[derive(Default)]
struct Tokens {
    toks: Vec<Tok>,
    text: String,
}

impl Tokens {
    fn push(&mut self, kind: Kind, start: usize) -> usize {
        let text = &self.text[start..];
        let class = match kind {
            Kind::Ident => word_class(text),
            Kind::Literal => Class::Literal,
            Kind::Op => op_class(text),
            _ => Class::Other,
        };
        self.toks.push(Tok {
            kind,
            class,
            start: start as u32,
            end: self.text.len() as u32,
            pair: 0,
        });
        self.toks.len() - 1
    }

    fn add(&mut self, stream: TokenStream) {
        let mut iter = stream.into_iter().peekable();
        while let Some(tree) = iter.next() {
            match tree {
                TokenTree::Group(group) => {
                    let delim = match group.delimiter() {
                        Delimiter::Parenthesis => Delim::Paren,
                        Delimiter::Bracket => Delim::Bracket,
                        Delimiter::Brace => Delim::Brace,
                        Delimiter::None => {
                            self.add(group.stream());
                            continue;
                        }
                    };
                    let inner = group.stream();
                    // Dropping the group first leaves `inner` the only owner of its tokens,
                    // so iterating it moves them instead of cloning.
                    drop(group);
                    let start = self.text.len();
                    let open = self.push(Kind::Open(delim), start);
                    self.add(inner);
                    let close = self.push(Kind::Close(delim), self.text.len());
                    self.toks[open].pair = close as u32;
                    self.toks[close].pair = open as u32;
                }
                TokenTree::Ident(ident) => {
                    let start = self.text.len();
                    let _ = write!(self.text, "{ident}");
                    self.push(Kind::Ident, start);
                }
                TokenTree::Literal(lit) => {
                    let start = self.text.len();
                    let _ = write!(self.text, "{lit}");
                    self.push(Kind::Literal, start);
                }
                TokenTree::Punct(punct) => {
                    let start = self.text.len();
                    let c = punct.as_char();
                    self.text.push(c);
                    let mut spacing = punct.spacing();
                    if c == '\'' && spacing == Spacing::Joint {
                        // A lifetime: `'` joined to the identifier after it.
                        if let Some(TokenTree::Ident(ident)) = iter.peek() {
                            let _ = write!(self.text, "{ident}");
                            iter.next();
                            self.push(Kind::Ident, start);
                            continue;
                        }
                    }
                    while spacing == Spacing::Joint {
                        match iter.peek() {
                            Some(TokenTree::Punct(next)) => {
                                self.text.push(next.as_char());
                                spacing = next.spacing();
                                iter.next();
                            }
                            _ => break,
                        }
                    }
                    let op = &self.text[start..];
                    if op == "#" || op == "#!" {
                        let inner = op == "#!";
                        if let Some(TokenTree::Group(group)) = iter.peek() {
                            if let Some(doc) = doc_text(group, inner) {
                                self.text.truncate(start);
                                self.text.push_str(doc.trim_end());
                                iter.next();
                                self.push(Kind::Doc { inner }, start);
                                continue;
                            }
                        }
                    }
                    self.push(Kind::Op, start);
                }
            }
        }
    }
}

/// The text of `[doc = "..."]`, if it can be written as a `///` (or `//!`) comment.
fn doc_text(group: &proc_macro2::Group, inner: bool) -> Option<String> {
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let mut tokens = group.stream().into_iter();
    let (Some(TokenTree::Ident(name)), Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit))) =
        (tokens.next(), tokens.next(), tokens.next())
    else {
        return None;
    };
    if tokens.next().is_some() || name != "doc" || eq.as_char() != '=' {
        return None;
    }
    let text = unescape(&lit.to_string())?;
    // `////` is an ordinary comment, and comments cannot hold line breaks.
    let first_ok = !text.starts_with(if inner { '!' } else { '/' });
    (first_ok && !text.contains(['\n', '\r'])).then_some(text)
}

/// The value of a plain string literal (`"..."` with the escapes `Literal::string` writes).
fn unescape(repr: &str) -> Option<String> {
    if let Some(raw) = repr.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        return Some(
            body.strip_suffix(&raw[..hashes])?
                .strip_suffix('"')?
                .to_owned(),
        );
    }
    let body = repr.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        return Some(body.to_owned());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                char::from(u8::from_str_radix(&hex, 16).ok().filter(|b| b.is_ascii())?)
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            _ => return None,
        });
    }
    Some(out)
}

/// What the previous token means for the space before the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of a line or group, or a token that binds to what follows (`::`, `.`, unary ops).
    Tight,
    /// A token followed by a space (`,`, `:`, binary operators).
    Spaced,
    /// The end of an operand: an identifier, literal, closing delimiter, `?`.
    Operand,
    /// A keyword; `pub` and `fn` take a `(` without a space.
    Keyword { paren_tight: bool },
    /// The `!` of a macro call: `name!(..)` and `name![..]` are tight, `name! {..}` is not.
    MacroBang,
}

/// What a `{` that comes next opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brace {
    /// A block of statements (after `if`, `else`, `=>`, a closure's parameters, ...).
    Block,
    /// A `match` body: arms.
    Match,
    /// A struct literal or anything else: comma-separated.
    List,
}

/// Spacing state along one level of tokens.
#[derive(Debug, Clone, Copy)]
struct Spacer {
    prev: Prev,
    /// The previous token was an identifier (not a keyword) or `::`: a `<` opens generics.
    generic_ok: bool,
    /// Open generic `<`s.
    angles: u32,
    /// Inside a closure's `|...|`.
    closure_params: bool,
    /// What the next `{` at this level opens, when a keyword has decided it.
    pending: Option<Brace>,
    /// The previous token was `else`.
    after_else: bool,
}

impl Spacer {
    fn new() -> Self {
        Self {
            prev: Prev::Tight,
            generic_ok: false,
            angles: 0,
            closure_params: false,
            pending: None,
            after_else: false,
        }
    }

    fn spaced_after_prev(&self) -> bool {
        !matches!(self.prev, Prev::Tight)
    }

    /// Steps over a non-delimiter token; returns whether a space goes before it.
    fn token(&mut self, class: Class) -> bool {
        self.after_else = false;
        let operand = self.prev == Prev::Operand;
        let generic_ok = std::mem::replace(&mut self.generic_ok, false);
        let before = self.spaced_after_prev();
        let keyword = |paren_tight| Prev::Keyword { paren_tight };
        let (space, prev) = match class {
            Class::Word => {
                self.generic_ok = true;
                (before, Prev::Operand)
            }
            Class::Literal => (before, Prev::Operand),
            Class::KwIf | Class::KwBlock => {
                self.pending = Some(Brace::Block);
                (before, keyword(false))
            }
            Class::KwElse => {
                self.pending = Some(Brace::Block);
                self.after_else = true;
                (before, keyword(false))
            }
            Class::KwMatch => {
                self.pending = Some(Brace::Match);
                (before, keyword(false))
            }
            Class::KwPub | Class::KwFn => (before, keyword(true)),
            Class::KwImpl => {
                self.generic_ok = true;
                (before, keyword(false))
            }
            Class::KwItem | Class::KwDecl | Class::KwLet | Class::Keyword => {
                (before, keyword(false))
            }
            Class::Comma | Class::Semi => {
                if class == Class::Semi {
                    self.angles = 0;
                }
                self.pending = None;
                (false, Prev::Spaced)
            }
            Class::Colon => (false, Prev::Spaced),
            Class::Dot => (false, Prev::Tight),
            Class::PathSep => {
                self.generic_ok = true;
                (
                    matches!(self.prev, Prev::Spaced | Prev::Keyword { .. }),
                    Prev::Tight,
                )
            }
            Class::Range => (!operand && before, Prev::Tight),
            Class::Question => (false, Prev::Operand),
            Class::Bang if operand => (false, Prev::MacroBang),
            Class::Bang | Class::Hash => (before, Prev::Tight),
            Class::Prefix if !operand => (before, Prev::Tight),
            Class::Pipe if self.closure_params => {
                self.closure_params = false;
                self.pending = Some(Brace::Block);
                (false, Prev::Spaced)
            }
            Class::Pipe if !operand => {
                self.closure_params = true;
                (before, Prev::Tight)
            }
            Class::OrOr if !operand => {
                self.pending = Some(Brace::Block);
                (before, Prev::Spaced)
            }
            Class::Lt if generic_ok => {
                self.angles += 1;
                (false, Prev::Tight)
            }
            Class::Gt if self.angles > 0 => {
                self.angles -= 1;
                (false, Prev::Operand)
            }
            Class::Shr if self.angles > 0 => {
                self.angles = self.angles.saturating_sub(2);
                (false, Prev::Operand)
            }
            Class::FatArrow => {
                self.pending = Some(Brace::Block);
                (true, Prev::Spaced)
            }
            Class::Eq | Class::Binary => (true, Prev::Spaced),
            _ if operand => (true, Prev::Spaced),
            _ => (before, Prev::Spaced),
        };
        self.prev = prev;
        space
    }

    /// Steps over an opening delimiter; returns whether a space goes before it and, for a
    /// brace, what it opens.
    fn open(&mut self, delim: Delim) -> (bool, Brace) {
        self.after_else = false;
        self.generic_ok = false;
        let space = match delim {
            Delim::Paren => match self.prev {
                Prev::Keyword { paren_tight } => !paren_tight,
                Prev::Spaced => true,
                Prev::Tight | Prev::Operand | Prev::MacroBang => false,
            },
            Delim::Bracket => matches!(self.prev, Prev::Keyword { .. } | Prev::Spaced),
            Delim::Brace => !matches!(self.prev, Prev::Tight),
        };
        let brace = match delim {
            Delim::Brace => match self.pending.take() {
                Some(kind) => kind,
                None if self.prev == Prev::Operand => Brace::List,
                None => Brace::Block,
            },
            _ => Brace::List,
        };
        (space, brace)
    }

    /// Steps over a closed group.
    fn close(&mut self) {
        self.prev = Prev::Operand;
    }
}

/// Formats the items in `tokens` as they appear `indent` levels deep, on this thread. Pieces
/// printed this way and put one after the other read as if printed together (items are not
/// separated by blank lines).
pub fn print_items(tokens: TokenStream, indent: usize) -> String {
    let mut flat = Tokens::default();
    flat.add(tokens);
    let n = flat.toks.len();
    let mut printer = Printer::new(&flat, indent);
    printer.items(0, n);
    printer.finish()
}

struct Printer<'a> {
    t: &'a Tokens,
    out: String,
    indent: usize,
    /// Where the current line starts in `out`.
    line_start: usize,
    /// Where its text starts, after the indentation.
    text_start: usize,
}

impl<'a> Printer<'a> {
    /// A printer starting a line at `indent`.
    fn new(t: &'a Tokens, indent: usize) -> Self {
        Self {
            t,
            out: String::new(),
            indent,
            line_start: 0,
            text_start: 0,
        }
    }

    /// The text printed, without the indentation of the line not started yet.
    fn finish(mut self) -> String {
        self.out.truncate(self.line_start);
        self.out
    }

    // ------------------------------------------------------------- tokens

    fn kind(&self, i: usize) -> Kind {
        self.t.toks[i].kind
    }

    fn text(&self, i: usize) -> &'a str {
        let t: &'a Tokens = self.t;
        let tok = &t.toks[i];
        &t.text[tok.start as usize..tok.end as usize]
    }

    fn pair(&self, i: usize) -> usize {
        self.t.toks[i].pair as usize
    }

    fn class(&self, i: usize) -> Class {
        self.t.toks[i].class
    }

    fn is(&self, i: usize, class: Class) -> bool {
        self.t.toks[i].class == class
    }

    /// The index after token `i` at its level (past its group, for an opening delimiter).
    fn skip(&self, i: usize) -> usize {
        match self.kind(i) {
            Kind::Open(_) => self.pair(i) + 1,
            _ => i + 1,
        }
    }

    /// The first top-level token in `s..e` satisfying `pred`.
    fn find(&self, s: usize, e: usize, pred: impl Fn(&Self, usize) -> bool) -> Option<usize> {
        let mut i = s;
        while i < e {
            if pred(self, i) {
                return Some(i);
            }
            i = self.skip(i);
        }
        None
    }

    /// Splits `s..e` at top-level commas: the ranges between them (an empty last one, after
    /// a trailing comma, is dropped).
    fn split_commas(&self, s: usize, e: usize) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut start = s;
        let mut sp = Spacer::new();
        let mut i = s;
        while i < e {
            match self.kind(i) {
                Kind::Op if self.is(i, Class::Comma) && !sp.closure_params => {
                    parts.push((start, i));
                    start = i + 1;
                    sp = Spacer::new();
                }
                Kind::Open(_) => sp.close(),
                Kind::Close(_) | Kind::Doc { .. } => {}
                _ => {
                    sp.token(self.class(i));
                }
            }
            i = self.skip(i);
        }
        if start < e {
            parts.push((start, e));
        }
        parts
    }

    /// Leading `///` docs and `#[...]` attributes of the item at `s`: where they end.
    fn attrs_end(&self, s: usize, e: usize) -> usize {
        let mut i = s;
        while i < e {
            match self.kind(i) {
                Kind::Doc { .. } => i += 1,
                Kind::Op
                    if self.is(i, Class::Hash)
                        && i + 1 < e
                        && self.kind(i + 1) == Kind::Open(Delim::Bracket) =>
                {
                    i = self.pair(i + 1) + 1;
                }
                _ => break,
            }
        }
        i
    }

    // ------------------------------------------------------------- output

    fn col(&self) -> usize {
        self.out.len() - self.line_start
    }

    fn room(&self) -> usize {
        MAX_WIDTH.saturating_sub(self.col())
    }

    /// Starts a new line at the current indent.
    fn newline(&mut self) {
        // No trailing spaces on the line just ended.
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed.max(self.line_start));
        self.out.push('\n');
        self.line_start = self.out.len();
        self.indent_line();
    }

    fn indent_line(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.text_start = self.out.len();
    }

    fn line_has_text(&self) -> bool {
        // Lines start with their indentation only; anything after it is text.
        self.out.len() > self.text_start
    }

    /// Ensures output is at the start of an indented, empty line.
    fn fresh_line(&mut self) {
        if self.line_has_text() {
            self.newline();
        } else {
            self.out.truncate(self.line_start);
            self.indent_line();
        }
    }

    fn push_space(&mut self, space: bool) {
        if space && !self.out.ends_with(' ') && self.line_has_text() {
            self.out.push(' ');
        }
    }

    fn doc_line(&mut self, i: usize) {
        let Kind::Doc { inner } = self.kind(i) else {
            return;
        };
        self.fresh_line();
        self.out.push_str(if inner { "//!" } else { "///" });
        let text = self.text(i);
        self.out.push_str(text);
        self.newline();
    }

    /// Attributes and docs in `s..e`, one per line.
    fn attrs(&mut self, s: usize, e: usize) {
        let mut i = s;
        while i < e {
            if let Kind::Doc { .. } = self.kind(i) {
                self.doc_line(i);
                i += 1;
            } else {
                let end = self.pair(i + 1) + 1;
                self.fresh_line();
                self.expr(i, end, 0);
                self.newline();
                i = end;
            }
        }
    }

    // ------------------------------------------------------------- flat layout

    /// `s..e` on one line, if it fits in `room` columns and needs no line break (no docs,
    /// `match` bodies, blocks with statements, or long `if`/`else`).
    fn flat(&self, s: usize, e: usize, room: usize) -> Option<String> {
        let mut buf = String::new();
        self.flat_into(s, e, &mut buf, room, (Prev::Tight, None))
            .then_some(buf)
    }

    /// [`flat`](Self::flat) for a group that follows a token of kind `prev` and, if it is a
    /// brace, opens a `brace`.
    fn flat_after(&self, before: (Prev, Brace), s: usize, e: usize, room: usize) -> Option<String> {
        let mut buf = String::new();
        let (prev, brace) = before;
        self.flat_into(s, e, &mut buf, room, (prev, Some(brace)))
            .then_some(buf)
    }

    fn flat_into(
        &self,
        s: usize,
        e: usize,
        buf: &mut String,
        limit: usize,
        before: (Prev, Option<Brace>),
    ) -> bool {
        let mut sp = Spacer::new();
        (sp.prev, sp.pending) = before;
        // Where this level starts in `buf`: no space before its first token.
        let base = buf.len();
        // Start offsets of `if` chains whose width is still being measured.
        let mut ifs: Vec<usize> = Vec::new();
        let mut i = s;
        while i < e {
            match self.kind(i) {
                Kind::Doc { .. } => return false,
                Kind::Open(delim) => {
                    // `use a::{b, c}`: no spaces inside.
                    let pad = sp.prev != Prev::Tight;
                    let (space, brace) = sp.open(delim);
                    let close = self.pair(i);
                    if space && buf.len() > base {
                        buf.push(' ');
                    }
                    match delim {
                        Delim::Paren => buf.push('('),
                        Delim::Bracket => buf.push('['),
                        Delim::Brace => {
                            if brace == Brace::Match {
                                return false;
                            }
                            if brace == Brace::Block
                                && self
                                    .find(i + 1, close, |p, j| p.is(j, Class::Semi))
                                    .is_some()
                            {
                                return false;
                            }
                            buf.push('{');
                            if close > i + 1 && pad {
                                buf.push(' ');
                            }
                        }
                    }
                    if buf.len() > limit {
                        return false;
                    }
                    // A trailing comma in braces on one line goes, as in rustfmt (in
                    // parentheses it may be a one-element tuple's, which must stay).
                    let inner_end = if delim == Delim::Brace
                        && close > i + 2
                        && self.is(close - 1, Class::Comma)
                    {
                        close - 1
                    } else {
                        close
                    };
                    if !self.flat_into(i + 1, inner_end, buf, limit, (Prev::Tight, None)) {
                        return false;
                    }
                    match delim {
                        Delim::Paren => buf.push(')'),
                        Delim::Bracket => buf.push(']'),
                        Delim::Brace => {
                            if close > i + 1 && pad {
                                buf.push(' ');
                            }
                            buf.push('}');
                        }
                    }
                    sp.close();
                    i = close + 1;
                    if brace == Brace::Block
                        && !ifs.is_empty()
                        && !(i < e && self.is(i, Class::KwElse))
                    {
                        let start = ifs.pop().unwrap_or(0);
                        if buf.len() - start > MAX_INLINE_IF {
                            return false;
                        }
                    }
                }
                Kind::Close(_) => i += 1,
                _ => {
                    let text = self.text(i);
                    if self.is(i, Class::KwIf) && !sp.after_else {
                        ifs.push(
                            buf.len() + usize::from(sp.spaced_after_prev() && buf.len() > base),
                        );
                    }
                    let space = sp.token(self.class(i));
                    if space && buf.len() > base {
                        buf.push(' ');
                    }
                    buf.push_str(text);
                    i += 1;
                }
            }
            if buf.len() > limit {
                return false;
            }
        }
        true
    }

    // ------------------------------------------------------------- items

    /// Items (at the file's top level or in a module, impl or trait body).
    fn items(&mut self, s: usize, e: usize) {
        let mut i = s;
        while i < e {
            let end = self.item_end(i, e);
            self.item(i, end);
            i = end;
        }
    }

    /// Where the item starting at `s` ends: after its `;`, or after its body for items that
    /// have one.
    fn item_end(&self, s: usize, e: usize) -> usize {
        let mut i = self.attrs_end(s, e);
        let mut braced = false;
        while i < e {
            match self.kind(i) {
                _ if self.is(i, Class::Semi) => return i + 1,
                _ if self.is(i, Class::Eq) => braced = false,
                // `name! { ... }` too.
                _ if matches!(
                    self.class(i),
                    Class::KwItem | Class::KwImpl | Class::KwFn | Class::Bang
                ) =>
                {
                    braced = true
                }
                Kind::Open(Delim::Brace) if braced => {
                    let end = self.pair(i) + 1;
                    return if end < e && self.is(end, Class::Semi) {
                        end + 1
                    } else {
                        end
                    };
                }
                _ => {}
            }
            i = self.skip(i);
        }
        e
    }

    fn item(&mut self, s: usize, e: usize) {
        let body = self.attrs_end(s, e);
        self.attrs(s, body);
        if body >= e {
            return;
        }
        self.fresh_line();
        let last = e - 1;
        let last = if self.is(last, Class::Semi) && last > body {
            last - 1
        } else {
            last
        };
        let open = self.pair(last);
        let keyword = self.find(body, open, |p, j| {
            matches!(p.class(j), Class::KwItem | Class::KwImpl | Class::KwFn)
        });
        let keyword = keyword.map(|k| self.text(k));
        let braced_body = self.kind(last) == Kind::Close(Delim::Brace)
            && keyword.is_some()
            && self.find(body, open, |p, j| p.is(j, Class::Eq)).is_none();
        if !braced_body {
            self.statement(body, e);
            return;
        }
        let for_at = self.find(body, open, |p, j| {
            p.is(j, Class::KwBlock) && p.text(j) == "for"
        });
        match for_at {
            // `impl Trait<A>` / `for Type` / `{` on three lines, as rustfmt does.
            Some(f)
                if keyword == Some("impl")
                    && self
                        .flat(body, open, self.room().saturating_sub(2))
                        .is_none() =>
            {
                self.expr(body, f, 0);
                self.indent += 1;
                self.newline();
                self.expr(f, open, 0);
                self.indent -= 1;
                self.newline();
            }
            _ => {
                self.expr(body, open, 2);
                self.push_space(true);
            }
        }
        if open + 1 == last {
            self.out.push_str("{}");
        } else {
            self.out.push('{');
            self.indent += 1;
            match keyword {
                Some("struct" | "enum" | "union") => self.fields(open + 1, last),
                Some("fn") => self.block_body(open + 1, last),
                Some(_) => self.items(open + 1, last),
                None => {
                    self.newline();
                    self.expr(open + 1, last, 0);
                }
            }
            self.indent -= 1;
            self.fresh_line();
            self.out.push('}');
        }
        if last + 1 < e {
            self.out.push(';');
        }
        self.newline();
    }

    /// Struct fields or enum variants: one per line, docs above.
    fn fields(&mut self, s: usize, e: usize) {
        for (fs, fe) in self.split_commas(s, e) {
            let body = self.attrs_end(fs, fe);
            self.attrs(fs, body);
            if body < fe {
                self.fresh_line();
                self.expr(body, fe, 1);
                self.out.push(',');
                self.newline();
            }
        }
    }

    // ------------------------------------------------------------- statements

    /// The statements of a block.
    fn block_body(&mut self, s: usize, e: usize) {
        let mut i = s;
        while i < e {
            let end = self.statement_end(i, e);
            let body = self.attrs_end(i, end);
            self.attrs(i, body);
            if body < end {
                if self.is_item(body, end) {
                    self.item(body, end);
                } else {
                    self.fresh_line();
                    self.statement(body, end);
                }
            }
            i = end;
        }
    }

    fn is_item(&self, s: usize, e: usize) -> bool {
        let mut i = s;
        if i < e && self.is(i, Class::KwPub) {
            i = self.skip(i);
            if i < e && self.kind(i) == Kind::Open(Delim::Paren) {
                i = self.skip(i);
            }
        }
        i < e
            && matches!(
                self.class(i),
                Class::KwFn | Class::KwItem | Class::KwImpl | Class::KwDecl
            )
    }

    /// Whether `i` starts a statement that ends with a block (`if`, `match`, `for`, ...).
    fn starts_block(&self, i: usize) -> bool {
        matches!(self.class(i), Class::KwIf | Class::KwMatch | Class::KwBlock)
    }

    /// Where the statement starting at `s` ends.
    fn statement_end(&self, s: usize, e: usize) -> usize {
        let body = self.attrs_end(s, e);
        if body < e && self.is_item(body, e) {
            return self.item_end(body, e);
        }
        let block_like =
            body < e && (self.kind(body) == Kind::Open(Delim::Brace) || self.starts_block(body));
        let mut i = body;
        while i < e {
            if self.is(i, Class::Semi) {
                return i + 1;
            }
            if block_like && self.kind(i) == Kind::Open(Delim::Brace) {
                let after = self.pair(i) + 1;
                if after >= e {
                    return e;
                }
                if self.is(after, Class::KwElse) {
                    i = after;
                    continue;
                }
                if self.is(after, Class::Semi) {
                    return after + 1;
                }
                let continues = self.kind(after) == Kind::Op && !self.is(after, Class::Hash)
                    || self.kind(after) == Kind::Open(Delim::Paren);
                if !continues {
                    return after;
                }
            }
            i = self.skip(i);
        }
        e
    }

    /// One statement (or a `;`-terminated item), starting at the current position.
    fn statement(&mut self, s: usize, e: usize) {
        let (end, semi) = if e > s && self.is(e - 1, Class::Semi) {
            (e - 1, true)
        } else {
            (e, false)
        };
        let reserve = usize::from(semi);
        let assign = if self.is(s, Class::KwLet) || self.is_item(s, end) {
            self.find(s, end, |p, j| p.is(j, Class::Eq))
        } else {
            None
        };
        match assign {
            Some(eq) => {
                let lhs = self.flat(s, eq, usize::MAX).unwrap_or_default();
                self.out.push_str(&lhs);
                if self.col() + 3 + self.head_width(eq + 1, end) > MAX_WIDTH {
                    self.out.push_str(" =");
                    self.indent += 1;
                    self.newline();
                    self.expr(eq + 1, end, reserve);
                    self.indent -= 1;
                } else {
                    self.out.push_str(" = ");
                    self.expr(eq + 1, end, reserve);
                }
            }
            None => {
                if self.starts_block(s) {
                    self.walk(s, end, reserve, true);
                } else {
                    self.expr(s, end, reserve);
                }
            }
        }
        if semi {
            self.out.push(';');
        }
        self.newline();
    }

    // ------------------------------------------------------------- expressions

    /// Prints `s..e` from the current position, breaking it over lines if it does not fit
    /// with `reserve` more columns after it.
    fn expr(&mut self, s: usize, e: usize, reserve: usize) {
        if s >= e {
            return;
        }
        let room = self.room().saturating_sub(reserve);
        if let Some(text) = self.flat(s, e, room) {
            self.out.push_str(&text);
            return;
        }
        let ops = self.chain_ops(s, e);
        if ops.is_empty() {
            self.walk(s, e, reserve, false);
            return;
        }
        // Operands are packed onto lines greedily; a line that breaks starts with the operator.
        self.expr(s, ops[0], 0);
        self.indent += 1;
        for (k, &op) in ops.iter().enumerate() {
            let next = ops.get(k + 1).copied().unwrap_or(e);
            let reserve_here = if next == e { reserve } else { 0 };
            let text = self.text(op);
            let room = self.room().saturating_sub(reserve_here + text.len() + 2);
            if let Some(operand) = self.flat(op + 1, next, room) {
                self.out.push(' ');
                self.out.push_str(text);
                self.out.push(' ');
                self.out.push_str(&operand);
                continue;
            }
            self.newline();
            self.out.push_str(text);
            self.out.push(' ');
            self.expr(op + 1, next, reserve_here);
        }
        self.indent -= 1;
    }

    /// Top-level binary `+`, `|`, `&&`, `||` in `s..e`, where a long expression breaks
    /// (not inside conditions, or in a closure's body).
    fn chain_ops(&self, s: usize, e: usize) -> Vec<usize> {
        let mut sp = Spacer::new();
        let mut ops = Vec::new();
        let mut in_condition = false;
        let mut continue_closure = false;
        let mut i = s;
        while i < e {
            match self.kind(i) {
                Kind::Open(delim) => {
                    let (_, brace) = sp.open(delim);
                    if delim == Delim::Brace && brace != Brace::List {
                        in_condition = false;
                    }
                    sp.close();
                    i = self.pair(i) + 1;
                    continue;
                }
                Kind::Close(_) | Kind::Doc { .. } => {}
                _ => {
                    let class = self.class(i);
                    let operand = sp.prev == Prev::Operand && !sp.closure_params;
                    if matches!(class, Class::KwIf | Class::KwMatch | Class::KwBlock) {
                        in_condition = true;
                    }
                    let chain_op = match class {
                        Class::Pipe | Class::OrOr => true,
                        Class::Binary | Class::Prefix => matches!(self.text(i), "+" | "&&"),
                        _ => false,
                    };
                    if chain_op && operand && !in_condition && sp.angles == 0 {
                        ops.push(i);
                    }
                    sp.token(class);
                    let closure_starts = sp.closure_params || class == Class::OrOr && !operand;
                    if closure_starts && i == s {
                        // `|g| a + b`: the chain is the closure's body.
                        continue_closure = true;
                    } else if closure_starts && !continue_closure
                        || class == Class::Eq && !in_condition
                    {
                        // A closure inside, or the right side of an assignment (not the `=`
                        // of an `if let`): leave it whole.
                        return Vec::new();
                    }
                }
            }
            i += 1;
        }
        ops
    }

    /// Prints `s..e` token by token, laying out each group that does not fit on the line.
    /// With `statement`, blocks are always broken over lines.
    fn walk(&mut self, s: usize, e: usize, reserve: usize, statement: bool) {
        let mut sp = Spacer::new();
        // Blocks before this index belong to an `if` chain too long for one line: all break.
        let mut forced_until = 0;
        let mut i = s;
        let last_group = (s..e)
            .rev()
            .find(|&j| matches!(self.kind(j), Kind::Close(_)))
            .map(|j| self.pair(j));
        while i < e {
            match self.kind(i) {
                Kind::Doc { .. } => {
                    self.doc_line(i);
                    i += 1;
                }
                Kind::Open(delim) => {
                    let prev = sp.prev;
                    let (space, brace) = sp.open(delim);
                    self.push_space(space);
                    let close = self.pair(i);
                    let is_last = last_group.is_none_or(|g| g <= i);
                    let forced = statement || i < forced_until;
                    self.group(i, close, (delim, brace, prev), e, reserve, is_last, forced);
                    sp.close();
                    i = close + 1;
                }
                Kind::Close(_) => i += 1,
                _ => {
                    let text = self.text(i);
                    if self.is(i, Class::KwIf) && !sp.after_else && !statement {
                        // A whole `if`/`else` that fits stays on one line.
                        let end = self.if_chain_end(i, e);
                        let space = sp.spaced_after_prev();
                        let room = self.room().saturating_sub(usize::from(space));
                        let room = if end == e {
                            room.saturating_sub(reserve)
                        } else {
                            room
                        };
                        if let Some(text) = self.flat(i, end, room.min(MAX_INLINE_IF)) {
                            self.push_space(space);
                            self.out.push_str(&text);
                            sp = Spacer::new();
                            sp.prev = Prev::Operand;
                            i = end;
                            continue;
                        }
                        forced_until = end;
                    }
                    let space = sp.token(self.class(i));
                    self.push_space(space);
                    self.out.push_str(text);
                    i += 1;
                }
            }
        }
    }

    /// The end of the `if ... {} else if ... {} else {}` starting at `s`.
    fn if_chain_end(&self, s: usize, e: usize) -> usize {
        let mut i = s;
        while i < e {
            if self.kind(i) == Kind::Open(Delim::Brace) {
                let after = self.pair(i) + 1;
                if after < e && self.is(after, Class::KwElse) {
                    i = after;
                    continue;
                }
                return after;
            }
            i = self.skip(i);
        }
        e
    }

    /// One group met by [`walk`](Self::walk): on the line if it fits, else broken.
    /// `what` is the delimiter, what a brace opens, and the kind of token before it.
    #[allow(clippy::too_many_arguments)]
    fn group(
        &mut self,
        open: usize,
        close: usize,
        what: (Delim, Brace, Prev),
        e: usize,
        reserve: usize,
        is_last: bool,
        forced_block: bool,
    ) {
        let (delim, brace, prev) = what;
        let (open_text, close_text) = match delim {
            Delim::Paren => ("(", ")"),
            Delim::Bracket => ("[", "]"),
            Delim::Brace => ("{", "}"),
        };
        if open + 1 == close {
            self.out.push_str(open_text);
            self.out.push_str(close_text);
            return;
        }
        let forced = delim == Delim::Brace
            && (brace == Brace::Match || forced_block && brace == Brace::Block);
        if !forced {
            // On this line if the rest of the expression fits after it, or if it fits and a
            // later group can break instead.
            let rest = self.room().saturating_sub(reserve);
            let fits_alone = self.flat_after((prev, brace), open, close + 1, self.room());
            let room = rest.saturating_sub(self.flat_width(close + 1, e));
            if let Some(text) = self.flat_after((prev, brace), open, close + 1, room) {
                self.out.push_str(&text);
                return;
            }
            if !is_last {
                if let Some(text) = fits_alone {
                    self.out.push_str(&text);
                    return;
                }
            }
        }
        match (delim, brace) {
            (Delim::Brace, Brace::Match) => {
                self.out.push('{');
                self.indent += 1;
                self.arms(open + 1, close);
                self.indent -= 1;
                self.fresh_line();
                self.out.push('}');
            }
            (Delim::Brace, Brace::Block) => {
                self.out.push('{');
                self.indent += 1;
                self.block_body(open + 1, close);
                self.indent -= 1;
                self.fresh_line();
                self.out.push('}');
            }
            _ => {
                let parts = self.split_commas(open + 1, close);
                // rustfmt's trailing comma after the last element, where it changes nothing:
                // not after `..base`, and not in `(x)` that groups an expression (`(x,)` is a
                // tuple).
                let had_trailing = self.is(close - 1, Class::Comma);
                let trailing_ok = had_trailing
                    || parts.len() > 1
                    || delim != Delim::Paren
                    || prev == Prev::Operand;
                // A single argument that ends in a block (`Some(match x { ... })`,
                // `Ok(Self { ... })`) opens on this line and closes on the last.
                let single_block = parts.len() == 1
                    && delim != Delim::Brace
                    && !self.is(close - 1, Class::Comma)
                    && matches!(self.kind(close - 1), Kind::Close(Delim::Brace))
                    && self.chain_ops(open + 1, close).is_empty();
                let after = if is_last {
                    reserve + self.flat_width(close + 1, e)
                } else {
                    0
                };
                // A single argument too long for a line of its own, with groups to break
                // inside it, opens on this line too: `X(Box::new(` ... `))`.
                let overflow = parts.len() == 1
                    && delim != Delim::Brace
                    && !single_block
                    && self.chain_ops(open + 1, close).is_empty()
                    && self
                        .find(open + 1, close, |p, j| matches!(p.kind(j), Kind::Open(_)))
                        .is_some()
                    && self
                        .flat(
                            open + 1,
                            close,
                            MAX_WIDTH.saturating_sub((self.indent + 1) * 4 + 1),
                        )
                        .is_none()
                    && self.col() + 1 + self.head_width(open + 1, close) <= MAX_WIDTH;
                if single_block || overflow {
                    self.out.push_str(open_text);
                    self.expr(open + 1, close, close_text.len() + after);
                    self.out.push_str(close_text);
                    return;
                }
                if let Some(&(ls, le)) = parts.last() {
                    if self.overflow_last(open, close, ls, le, reserve) {
                        return;
                    }
                }
                self.out.push_str(open_text);
                self.indent += 1;
                for (k, &(ps, pe)) in parts.iter().enumerate() {
                    self.newline();
                    let body = self.attrs_end(ps, pe);
                    self.attrs(ps, body);
                    if body < pe {
                        self.fresh_line();
                        self.expr(body, pe, 1);
                        let last = k + 1 == parts.len();
                        let base = self.is(body, Class::Range);
                        if !last || had_trailing || trailing_ok && !base {
                            self.out.push(',');
                        }
                    }
                }
                self.indent -= 1;
                self.newline();
                self.out.push_str(close_text);
            }
        }
    }

    /// Arguments whose last one is a closure with a block body, laid out as
    /// `f(a, b, |x| {` ... `})` when everything up to that block fits on the line.
    fn overflow_last(
        &mut self,
        open: usize,
        close: usize,
        ls: usize,
        le: usize,
        reserve: usize,
    ) -> bool {
        let closure = self.is(ls, Class::Pipe)
            || self.is(ls, Class::OrOr)
            || self.is(ls, Class::Keyword) && self.text(ls) == "move";
        if !closure
            || self.kind(le - 1) != Kind::Close(Delim::Brace)
            || self.is(close - 1, Class::Comma)
        {
            return false;
        }
        let block = self.pair(le - 1);
        let room = self.room().saturating_sub(reserve);
        let Some(head) = self.flat(open + 1, ls, room) else {
            return false;
        };
        let Some(params) = self.flat(ls, block, room.saturating_sub(head.len() + 4)) else {
            return false;
        };
        self.out.push('(');
        self.out.push_str(&head);
        if ls > open + 1 {
            self.out.push(' ');
        }
        self.out.push_str(&params);
        self.out.push_str(" {");
        self.indent += 1;
        self.block_body(block + 1, le - 1);
        self.indent -= 1;
        self.fresh_line();
        self.out.push_str("})");
        true
    }

    /// The width of `s..e` on one line (capped: only compared against line lengths).
    fn flat_width(&self, s: usize, e: usize) -> usize {
        self.flat(s, e, MAX_WIDTH + 1)
            .map_or(MAX_WIDTH + 1, |t| t.len())
    }

    /// About how wide `s..e` is up to where it can break (all of it if it cannot): what
    /// must fit on the line where it starts. That is its first group, or its first brace
    /// when it ends with one (`Some(X {` ... `})` breaks only inside the braces).
    fn head_width(&self, s: usize, e: usize) -> usize {
        let ends_in_brace = (s..e)
            .rev()
            .find(|&j| !matches!(self.kind(j), Kind::Close(Delim::Paren)))
            .is_some_and(|j| self.kind(j) == Kind::Close(Delim::Brace));
        let mut width = 0;
        for i in s..e {
            match self.kind(i) {
                Kind::Open(Delim::Brace) => return width + 2,
                Kind::Open(_) if !ends_in_brace => return width + 2,
                Kind::Open(_) | Kind::Close(_) => width += 1,
                _ => width += self.text(i).len() + 1,
            }
            if width > MAX_WIDTH {
                break;
            }
        }
        self.flat_width(s, e)
    }

    /// `match` arms, one per line.
    fn arms(&mut self, s: usize, e: usize) {
        let mut i = s;
        while i < e {
            let body_start = self.attrs_end(i, e);
            self.attrs(i, body_start);
            let Some(arrow) = self.find(body_start, e, |p, j| p.is(j, Class::FatArrow)) else {
                // Not an arm: print what is left as it comes.
                self.fresh_line();
                self.expr(body_start, e, 0);
                return;
            };
            self.fresh_line();
            self.expr(body_start, arrow, 4);
            self.out.push_str(" =>");
            let value = arrow + 1;
            let (end, next) = if value < e && self.kind(value) == Kind::Open(Delim::Brace) {
                let end = self.pair(value) + 1;
                let next = if end < e && self.is(end, Class::Comma) {
                    end + 1
                } else {
                    end
                };
                (end, next)
            } else {
                let end = self
                    .find(value, e, |p, j| p.is(j, Class::Comma))
                    .unwrap_or(e);
                (end, (end + 1).min(e))
            };
            let block = self.kind(value) == Kind::Open(Delim::Brace);
            let nested = !block && self.col() + 1 + self.head_width(value, end) > MAX_WIDTH;
            if nested {
                self.indent += 1;
                self.newline();
            } else {
                self.out.push(' ');
            }
            if block {
                let close = end - 1;
                if value + 1 == close {
                    self.out.push_str("{}");
                } else {
                    self.out.push('{');
                    self.indent += 1;
                    self.block_body(value + 1, close);
                    self.indent -= 1;
                    self.fresh_line();
                    self.out.push('}');
                }
                if next > end {
                    self.out.push(',');
                }
            } else {
                self.expr(value, end, 1);
                self.out.push(',');
            }
            if nested {
                self.indent -= 1;
            }
            self.newline();
            i = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn print(tokens: TokenStream) -> String {
        print_items(tokens, 0)
    }

    #[test]
    fn items_fields_and_docs() {
        let out = print(quote! {
            #[doc = " A point."]
            #[doc = " "]
            #[derive(Debug, Clone)]
            pub struct Point {
                #[doc = " Across."]
                pub x: i32,
                pub y: Option<Vec<Box<u8>>>,
            }
        });
        assert_eq!(
            out,
            "/// A point.\n///\n#[derive(Debug, Clone)]\npub struct Point {\n    /// Across.\n    \
             pub x: i32,\n    pub y: Option<Vec<Box<u8>>>,\n}\n"
        );
    }

    #[test]
    fn statements_blocks_and_matches() {
        let out = print(quote! {
            impl Serialize for X {
                fn serialize<B: BufMut>(&self, out: &mut B) {
                    if let Some(v) = &self.a { v.serialize(out); }
                    let n = if self.b { 1 << 2 } else { 0 };
                    match self { Self::A(x) => x.serialize(out), Self::B => {} }
                }
            }
        });
        assert_eq!(
            out,
            "impl Serialize for X {\n    fn serialize<B: BufMut>(&self, out: &mut B) {\n        \
             if let Some(v) = &self.a {\n            v.serialize(out);\n        }\n        \
             let n = if self.b { 1 << 2 } else { 0 };\n        match self {\n            \
             Self::A(x) => x.serialize(out),\n            Self::B => {}\n        }\n    }\n}\n"
        );
    }

    #[test]
    fn macro_calls() {
        let out = print(quote! {
            ::rt::glue! { pub mod calls { pub struct A; } }
            fn f() { let v = vec![1, 2]; println!("{}", !v.is_empty()); }
        });
        assert_eq!(
            out,
            "::rt::glue! { pub mod calls { pub struct A; } }\n\
             fn f() {\n    let v = vec![1, 2];\n    println!(\"{}\", !v.is_empty());\n}\n"
        );
    }

    #[test]
    fn long_lines_break() {
        let out = print(quote! {
            fn f() -> usize {
                8 + self.first_long_field_name.serialized_len() + self.second_long_field_name.serialized_len() + self.third.len()
            }
        });
        assert_eq!(
            out,
            "fn f() -> usize {\n    8 + self.first_long_field_name.serialized_len() \
             + self.second_long_field_name.serialized_len()\n        + self.third.len()\n}\n"
        );
    }

    #[test]
    fn items_printed_in_pieces_read_as_printed_together() {
        // What `print::generate` relies on to print a module's items on several threads.
        let structs: Vec<TokenStream> = (0..40)
            .map(|i| {
                let name = quote::format_ident!("S{i}");
                quote! {
                    #[doc = " A struct."]
                    pub struct #name { pub a: i32 }
                    impl #name { pub fn get(&self) -> i32 { if self.a > 0 { self.a } else { 0 } } }
                }
            })
            .collect();
        let whole = print_items(quote!(#(#structs)*), 2);
        for size in [1, 3, 7, 40] {
            let pieces: String = structs
                .chunks(size)
                .map(|chunk| print_items(quote!(#(#chunk)*), 2))
                .collect();
            let differ = whole.lines().zip(pieces.lines()).position(|(a, b)| a != b);
            if let Some(at) = differ {
                let a: Vec<&str> = whole.lines().skip(at.saturating_sub(2)).take(5).collect();
                let b: Vec<&str> = pieces.lines().skip(at.saturating_sub(2)).take(5).collect();
                panic!("pieces of {size}, line {at}:\n{a:#?}\n{b:#?}");
            }
            assert_eq!(pieces.len(), whole.len(), "pieces of {size}");
        }
        assert!(whole.starts_with("        /// A struct.\n        pub struct S0 {\n"));
        let module = print(quote! {
            pub mod types {
                use super::x;
                pub mod inner { #(#structs)* }
            }
        });
        assert!(module.contains("pub mod types {\n    use super::x;\n    pub mod inner {\n"));
        assert!(module.ends_with("    }\n}\n"));
    }

    #[test]
    fn a_struct_literal_of_one_long_field_breaks_like_others() {
        // Calls hug their one argument (`Ok(Self {`); struct literals do not.
        let out = print(quote! {
            fn f() -> S {
                Self::Waiting { ids: CallIds { id: call.id, access_hash: call.access_hash, admin_id: call.admin_id } }
            }
        });
        assert_eq!(
            out,
            "fn f() -> S {\n    Self::Waiting {\n        \
             ids: CallIds { id: call.id, access_hash: call.access_hash, admin_id: call.admin_id },\n    \
             }\n}\n"
        );
    }

    #[test]
    fn docs_that_cannot_be_comments_stay_attributes() {
        let out = print(quote! {
            #[doc = "/ slash"]
            #[doc = "two\nlines"]
            #[doc = " quote \" and \\ and \u{301}"]
            pub struct X;
        });
        assert_eq!(
            out,
            "#[doc = \"/ slash\"]\n#[doc = \"two\\nlines\"]\n/// quote \" and \\ and \u{301}\npub struct X;\n"
        );
    }
}
