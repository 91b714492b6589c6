//! Where the generated items' documentation comes from: the [`DocProvider`] trait, and
//! [`SchemaDocs`], which documents from the schema text alone.

use super::markdown::escape_all;
use crate::docs::ErrorDoc;
use crate::model::Item;

/// Where generated items get their documentation from.
///
/// [`SchemaDocs`] documents from the schema alone (definition text, comments); [`PageDocs`](super::PageDocs)
/// adds what docs pages say: descriptions, parameter docs and the errors of each method.
pub trait DocProvider: Sync {
    /// Docs of a constructor struct. `type_path` is the rustdoc path of its enum.
    fn constructor_doc(&self, item: &Item, type_path: &str) -> String;
    /// Docs of a boxed type's enum.
    fn type_doc(&self, tl_name: &str) -> String;
    /// Docs of a boxed type's enum, given its constructors (TDLib's schema describes a type
    /// in a `//@class` comment next to them). By default [`type_doc`](Self::type_doc).
    fn enum_doc(&self, tl_name: &str, constructors: &[&Item]) -> String {
        let _ = constructors;
        self.type_doc(tl_name)
    }
    /// Docs of a function struct; `return_type` is the return type as rustdoc text,
    /// `error_type` the rustdoc path of its error type and `errors` its documented errors
    /// (the plan's, [`FunctionPlan::documented_errors`](crate::plan::FunctionPlan)).
    fn function_doc(
        &self,
        item: &Item,
        return_type: &str,
        error_type: &str,
        errors: &[ErrorDoc],
    ) -> String;
    /// Docs of parameter `param` of `item`.
    fn param_doc(&self, item: &Item, param: usize) -> Option<String>;
    /// Whether users, and whether bots, may call a function (`None`: not documented). By
    /// default unknown.
    fn audience(&self, item: &Item) -> (Option<bool>, Option<bool>) {
        let _ = item;
        (None, None)
    }
}

/// Documentation from the schema text only.
#[derive(Debug, Clone, Copy, Default)]
pub struct SchemaDocs;

/// `what`, between the schema's comments on `item` (or its `//@description`, for TDLib-style
/// comments) and its definition.
pub(super) fn schema_doc(item: &Item, what: String) -> String {
    let mut out = String::new();
    if let Some(description) = &item.doc.description {
        out.push_str(&escape_all(description));
        out.push_str("\n\n");
    } else if item.doc.is_empty() {
        for c in &item.comments {
            out.push_str(c);
            out.push('\n');
        }
        if !item.comments.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&what);
    out.push_str("\n\n```tl\n");
    out.push_str(&item.definition);
    out.push_str("\n```");
    out
}

impl DocProvider for SchemaDocs {
    fn constructor_doc(&self, item: &Item, type_path: &str) -> String {
        let ty = match type_path.rsplit("::").next() {
            Some(short) if !type_path.is_empty() => format!("[`{short}`]({type_path})"),
            _ => "its type".to_owned(),
        };
        schema_doc(item, format!("Constructor `{}` of {ty}.", item.name))
    }

    fn type_doc(&self, tl_name: &str) -> String {
        format!("The boxed type `{tl_name}`: one variant per constructor.")
    }

    fn enum_doc(&self, tl_name: &str, constructors: &[&Item]) -> String {
        let base = self.type_doc(tl_name);
        match constructors
            .iter()
            .find_map(|c| c.doc.type_description.as_deref())
        {
            Some(description) => format!("{}\n\n{base}", escape_all(description)),
            None => base,
        }
    }

    fn function_doc(
        &self,
        item: &Item,
        return_type: &str,
        _error_type: &str,
        _errors: &[ErrorDoc],
    ) -> String {
        schema_doc(
            item,
            format!("Function `{}`, returning {return_type}.", item.name),
        )
    }

    fn param_doc(&self, item: &Item, param: usize) -> Option<String> {
        let text = item.doc.params.get(param)?.as_deref()?;
        Some(escape_all(text))
    }
}
