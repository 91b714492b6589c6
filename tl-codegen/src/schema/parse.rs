//! From text to [`SchemaFile`]: the pest grammar in `tl.pest`, and the one place where its
//! pairs become the typed syntax tree.

use std::path::Path;

use pest::error::InputLocation;
use pest::iterators::Pair;
use pest::Parser;

use super::ast::{
    Category, Condition, Definition, Name, Param, ParamType, SchemaFile, TypeExpr, TypeParam,
};
use super::id::{compute_builtin_id, compute_id};
use crate::diagnostic::Diagnostic;

#[derive(pest_derive::Parser)]
#[grammar = "schema/tl.pest"]
struct TlParser;

/// Generic arguments nest at most this deep (`Vector<Vector<...>>`); deeper is an error
/// rather than a stack overflow. Real schemas use 2.
pub const MAX_TYPE_DEPTH: usize = 32;

/// Parses one schema file. Every statement that does not parse is reported (with its file,
/// line and column) and skipped, so one run shows all the problems.
pub fn parse_schema(path: &Path, source: &str) -> (SchemaFile, Vec<Diagnostic>) {
    let mut file = SchemaFile {
        layer: None,
        definitions: Vec::new(),
    };
    let mut diags = Vec::new();
    let pairs = match TlParser::parse(Rule::file, source) {
        Ok(mut pairs) => pairs.next().map(Pair::into_inner),
        Err(e) => {
            diags.push(pest_error(path, source, 0, &e));
            None
        }
    };
    let mut category = Category::Type;
    for pair in pairs.into_iter().flatten() {
        match pair.as_rule() {
            Rule::layer_comment => {
                let number = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
                match number.parse() {
                    Ok(layer) => file.layer = Some(layer),
                    Err(_) => diags.push(Diagnostic::warning_at(
                        path,
                        source,
                        0,
                        format!("layer number `{number}` does not fit an i32"),
                    )),
                }
            }
            Rule::section => {
                category = if pair.as_str().contains("functions") {
                    Category::Function
                } else {
                    Category::Type
                };
            }
            Rule::definition => {
                let builder = Builder { path, source };
                match builder.definition(pair, category) {
                    Ok(def) => file.definitions.push(def),
                    Err(d) => diags.push(d),
                }
            }
            Rule::bad_statement => diags.push(explain_bad_statement(path, source, &pair)),
            _ => {}
        }
    }
    (file, diags)
}

/// Re-parses a statement that matched no definition, to say what is wrong where.
fn explain_bad_statement(path: &Path, source: &str, pair: &Pair<'_, Rule>) -> Diagnostic {
    let start = pair.as_span().start();
    let text = pair.as_str();
    match TlParser::parse(Rule::definition, text) {
        Err(e) => pest_error(path, source, start, &e),
        Ok(_) => Diagnostic::error_at(path, source, start, "malformed definition"),
    }
}

fn pest_error(path: &Path, source: &str, base: usize, e: &pest::error::Error<Rule>) -> Diagnostic {
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
    let message = if source[offset.min(source.len())..].is_empty() {
        format!("{message}, found the end of the file")
    } else {
        message
    };
    Diagnostic::error_at(path, source, offset, message)
}

fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::full_name | Rule::ident | Rule::namespace => "a name",
        Rule::constructor_id | Rule::hex_id => "a constructor id (`#` and hex digits)",
        Rule::type_param => "a type parameter (`{X:Type}`)",
        Rule::param | Rule::param_name => "a parameter (`name:type`)",
        Rule::param_type | Rule::type_expr | Rule::type_name | Rule::flags_decl => "a type",
        Rule::conditional | Rule::flag_bit => "a flag condition (`flags.N?Type`)",
        Rule::result_type => "a result type after `=`",
        Rule::builtin_body | Rule::repeat_count => "a built-in body",
        Rule::definition => "a definition",
        Rule::section | Rule::section_name => "a section marker",
        Rule::EOI => "the end of the file",
        _ => "something else",
    }
}

struct Builder<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Builder<'_> {
    fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error_at(self.path, self.source, offset, message)
    }

    fn definition(
        &self,
        pair: Pair<'_, Rule>,
        category: Category,
    ) -> Result<Definition, Diagnostic> {
        let offset = pair.as_span().start();
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
                            part.as_span().start(),
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
            comments: comments_above(self.source, offset),
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
        let offset = pair.as_span().start();
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
                            bit_pair.as_span().start(),
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
        let offset = pair.as_span().start();
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
                _ => {}
            }
        }
        Ok(ty)
    }

    fn result_type(&self, pair: Pair<'_, Rule>) -> Result<TypeExpr, Diagnostic> {
        let offset = pair.as_span().start();
        let mut parts = pair.into_inner();
        let name = parts
            .next()
            .map(|p| Name::parse(p.as_str()))
            .ok_or_else(|| self.error(offset, "missing result type"))?;
        let mut args = Vec::new();
        for part in parts {
            let arg_offset = part.as_span().start();
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

/// The `//` comment lines directly above `offset` (no blank line between), oldest first.
fn comments_above(source: &str, offset: usize) -> Vec<String> {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
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
