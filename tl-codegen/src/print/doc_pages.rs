//! Rustdoc from docs pages: descriptions, parameter docs, who may call a method and its
//! errors, with the pages' links turned into intra-doc links to the generated items.
//!
//! Everything the pages say is rendered as markdown that rustdoc reads literally: brackets,
//! angle brackets and the like are escaped so that page text never becomes a link or an HTML
//! tag by accident, and links to items the schema lacks become plain text rather than
//! broken links.

use std::collections::HashMap;

use super::doc_provider::{schema_doc, DocProvider, SchemaDocs};
use super::markdown::{push_code, push_text};
use crate::docs::{DocsSet, ErrorDoc, LinkTarget, ParamDoc, RichText, Span, Style};
use crate::model::{Item, Model};
use crate::plan::{Plan, RustPath};

/// Documentation from [`DocsSet`] pages, falling back to [`SchemaDocs`] for items without a
/// page.
pub struct PageDocs<'a> {
    docs: &'a DocsSet,
    /// TL name of a method, constructor or type -> its generated item.
    methods: HashMap<String, Target<'a>>,
    constructors: HashMap<String, Target<'a>>,
    types: HashMap<String, Target<'a>>,
}

/// A generated item, with the module its docs are written in (`enums::phone`), made once:
/// every doc and parameter doc of the item asks for it.
struct Target<'a> {
    path: &'a RustPath,
    module: String,
}

impl<'a> Target<'a> {
    fn new(path: &'a RustPath) -> Self {
        Target {
            path,
            module: path.module_path(),
        }
    }
}

impl<'a> PageDocs<'a> {
    /// Documentation for `model`, generated as `plan` says, from `docs`.
    pub fn new(docs: &'a DocsSet, model: &Model, plan: &'a Plan) -> PageDocs<'a> {
        let named = |items: &[Item], paths: Vec<&'a RustPath>| {
            items
                .iter()
                .map(|i| i.name.to_string())
                .zip(paths.into_iter().map(Target::new))
                .collect()
        };
        PageDocs {
            docs,
            methods: named(
                &model.functions,
                plan.functions.iter().map(|f| &f.strukt.path).collect(),
            ),
            constructors: named(
                &model.constructors,
                plan.constructors.iter().map(|s| &s.path).collect(),
            ),
            types: model
                .types
                .iter()
                .map(|t| t.name.to_string())
                .zip(plan.types.iter().map(|e| Target::new(&e.path)))
                .collect(),
        }
    }

    /// The generated item a link names, if the schema has it.
    fn item(&self, target: &LinkTarget) -> Option<&Target<'a>> {
        match target {
            LinkTarget::Method(name) => self.methods.get(name),
            LinkTarget::Constructor(name) => self.constructors.get(name),
            LinkTarget::Type(name) => self.types.get(name),
            LinkTarget::Url(_) => None,
        }
    }

    /// Where a link goes: a generated item's path, or a web address.
    fn link_path(&self, target: &LinkTarget) -> Option<String> {
        match target {
            LinkTarget::Url(url) => {
                let lower = url.to_ascii_lowercase();
                (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.clone())
            }
            item => self.item(item).map(|t| t.path.doc_path()),
        }
    }

    /// The module an item's docs are written in (`enums::phone`), from which rustdoc
    /// resolves their links.
    fn module_of(&self, tl_name: &str) -> &str {
        let target = self
            .methods
            .get(tl_name)
            .or_else(|| self.constructors.get(tl_name))
            .or_else(|| self.types.get(tl_name));
        target.map_or("", |t| t.module.as_str())
    }

    /// Markdown for page text written in `module`.
    fn render(&self, text: &RichText, module: &str) -> String {
        let mut out = String::new();
        // Inside a list: how far an item's continuation lines are indented.
        let mut item_indent: Option<usize> = None;
        for span in text.spans() {
            match span {
                Span::Open(style) | Span::Close(style) => out.push_str(match style {
                    Style::Emphasis => "*",
                    Style::Strong => "**",
                }),
                Span::Item { depth, number } => {
                    if !out.is_empty() {
                        out.push('\n');
                        if item_indent.is_none() {
                            // A list after a paragraph's text starts a block of its own.
                            out.push('\n');
                        }
                    }
                    let marker = match number {
                        Some(n) => format!("{n}. "),
                        None => "- ".to_owned(),
                    };
                    let indent = usize::from(*depth) * 4;
                    out.push_str(&" ".repeat(indent));
                    out.push_str(&marker);
                    item_indent = Some(indent + marker.len());
                }
                // A line break inside an item keeps the item going.
                Span::LineBreak if item_indent.is_some() => {
                    out.push_str("\\\n");
                    out.push_str(&" ".repeat(item_indent.unwrap_or(0)));
                }
                Span::Text(t) => push_text(&mut out, t),
                Span::Code(c) => push_code(&mut out, c),
                Span::Link { text, target } => match self.link_path(target) {
                    // The text alone already names the item from here; an explicit target
                    // would be `rustdoc::redundant_explicit_links`.
                    Some(_)
                        if self
                            .item(target)
                            .is_some_and(|t| t.path.name == *text && t.module == module) =>
                    {
                        out.push('[');
                        push_code(&mut out, text);
                        out.push(']');
                    }
                    Some(path) => {
                        out.push('[');
                        if matches!(target, LinkTarget::Url(_)) {
                            push_text(&mut out, text);
                        } else {
                            push_code(&mut out, text);
                        }
                        out.push_str("](");
                        out.push_str(&path.replace(['(', ')', ' '], ""));
                        out.push(')');
                    }
                    None if matches!(target, LinkTarget::Url(_)) => push_text(&mut out, text),
                    None => push_code(&mut out, text),
                },
                // A page's line breaks separate list-like lines; a paragraph keeps them apart.
                Span::LineBreak | Span::ParagraphBreak => {
                    item_indent = None;
                    out.push_str("\n\n");
                }
            }
        }
        out
    }

    fn params_doc(&self, params: &[ParamDoc], item: &Item, param: usize) -> Option<String> {
        let name = &item.params.get(param)?.name;
        let doc = params.iter().find(|p| &p.name == name)?;
        let module = self.module_of(&item.name.to_string());
        doc.description.as_ref().map(|d| self.render(d, module))
    }
}

/// The errors table of a method's docs.
/// The errors table of a method's docs; `error_type` is the path of its error enum, if it has
/// one (generic methods such as `invokeWithLayer` return their query's errors).
fn errors_section(out: &mut String, errors: &[ErrorDoc], error_type: Option<&str>) {
    out.push_str("\n\n# Errors\n\n");
    match error_type {
        Some(path) => out.push_str(&format!(
            "Returned as [`{}`]({path}), one variant each:\n\n",
            path.rsplit("::").next().unwrap_or(path)
        )),
        None => out.push_str("Documented for this method:\n\n"),
    }
    out.push_str("| Code | Error | Description |\n| --- | --- | --- |\n");
    for e in errors {
        out.push_str(&format!("| {} | ", e.code));
        push_code(out, &e.name);
        out.push_str(" | ");
        push_text(out, &e.description);
        out.push_str(" |\n");
    }
    out.pop();
}

fn who_may_call(users: Option<bool>, bots: Option<bool>) -> Option<String> {
    let can = |yes: bool| if yes { "can" } else { "cannot" };
    match (users, bots) {
        (Some(u), Some(b)) => Some(format!(
            "Users {} call this method; bots {}.",
            can(u),
            can(b)
        )),
        (Some(u), None) => Some(format!("Users {} call this method.", can(u))),
        (None, Some(b)) => Some(format!("Bots {} call this method.", can(b))),
        (None, None) => None,
    }
}

impl DocProvider for PageDocs<'_> {
    fn constructor_doc(&self, item: &Item, type_path: &str) -> String {
        let base = SchemaDocs.constructor_doc(item, type_path);
        let module = self.module_of(&item.name.to_string());
        match self
            .docs
            .constructors
            .get(&item.name.to_string())
            .and_then(|c| c.description.as_ref())
        {
            Some(d) if !d.is_empty() => format!("{}\n\n{base}", self.render(d, module)),
            _ => base,
        }
    }

    fn type_doc(&self, tl_name: &str) -> String {
        let base = SchemaDocs.type_doc(tl_name);
        let module = self.module_of(tl_name);
        match self
            .docs
            .types
            .get(tl_name)
            .and_then(|t| t.description.as_ref())
        {
            Some(d) if !d.is_empty() => format!("{}\n\n{base}", self.render(d, module)),
            _ => base,
        }
    }

    fn function_doc(
        &self,
        item: &Item,
        return_type: &str,
        error_type: &str,
        errors: &[ErrorDoc],
    ) -> String {
        let Some(page) = self.docs.methods.get(&item.name.to_string()) else {
            return SchemaDocs.function_doc(item, return_type, error_type, errors);
        };
        let mut text = String::new();
        if let Some(d) = page.description.as_ref().filter(|d| !d.is_empty()) {
            text.push_str(&self.render(d, self.module_of(&item.name.to_string())));
            text.push_str("\n\n");
        }
        text.push_str(&format!(
            "Function `{}`, returning {return_type}.",
            item.name
        ));
        if let Some(who) = who_may_call(page.users_can_use, page.bots_can_use) {
            text.push(' ');
            text.push_str(&who);
        }
        if !errors.is_empty() {
            let enum_path = (!item.is_generic()).then_some(error_type);
            errors_section(&mut text, errors, enum_path);
        }
        schema_doc(item, text)
    }

    fn param_doc(&self, item: &Item, param: usize) -> Option<String> {
        let name = item.name.to_string();
        if let Some(m) = self.docs.methods.get(&name) {
            return self.params_doc(&m.params, item, param);
        }
        let c = self.docs.constructors.get(&name)?;
        self.params_doc(&c.params, item, param)
    }

    fn audience(&self, item: &Item) -> (Option<bool>, Option<bool>) {
        self.docs
            .methods
            .get(&item.name.to_string())
            .map_or((None, None), |m| (m.users_can_use, m.bots_can_use))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_call_phrases() {
        assert_eq!(
            who_may_call(Some(true), Some(false)).as_deref(),
            Some("Users can call this method; bots cannot.")
        );
        assert_eq!(who_may_call(None, None), None);
    }
}
