//! How well a [`DocsSet`] matches a schema: the schema is authoritative, so what the pages say
//! about parameters or items the schema does not have is reported, never used.
//!
//! Mismatches are counted per kind so that a run over thousands of pages reports a handful of
//! summary lines; the individual cases are kept for a verbose listing.

use std::collections::HashSet;
use std::fmt;

use super::{DocsSet, DocsWarning, ParamDoc};
use crate::model::{FieldKind, Item, Model};

/// One kind of disagreement between the docs pages and the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MismatchKind {
    /// A page documents a parameter the schema's definition does not have (e.g. MadelineProto's
    /// `parse_mode`).
    DocParamNotInSchema,
    /// A schema parameter that the item's page does not document.
    SchemaParamUndocumented,
    /// A page for a method, constructor or type the schema does not define.
    PageNotInSchema,
    /// A schema method or constructor without a page.
    ItemWithoutPage,
}

impl MismatchKind {
    /// All kinds, in report order.
    pub const ALL: [MismatchKind; 4] = [
        MismatchKind::DocParamNotInSchema,
        MismatchKind::SchemaParamUndocumented,
        MismatchKind::PageNotInSchema,
        MismatchKind::ItemWithoutPage,
    ];

    /// A short description of the kind, for summary lines.
    pub fn describe(self) -> &'static str {
        match self {
            MismatchKind::DocParamNotInSchema => {
                "docs parameters not in the schema (ignored; the schema is authoritative)"
            }
            MismatchKind::SchemaParamUndocumented => "schema parameters without docs",
            MismatchKind::PageNotInSchema => "docs pages for items not in the schema (ignored)",
            MismatchKind::ItemWithoutPage => "schema methods and constructors without a docs page",
        }
    }
}

/// One disagreement: its kind and what it concerns (`messages.sendMessage.parse_mode`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mismatch {
    /// The kind.
    pub kind: MismatchKind,
    /// The item, or `item.param`, by TL name.
    pub subject: String,
}

/// What reading docs for a schema found: counts of what was read and every mismatch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocsReport {
    /// Pages read (methods, constructors and types).
    pub pages: usize,
    /// Parameter rows read.
    pub params: usize,
    /// Pages with a description.
    pub descriptions: usize,
    /// Error rows (after merging the roots).
    pub error_rows: usize,
    /// Problems in the pages themselves (file and line).
    pub page_warnings: Vec<DocsWarning>,
    /// Every mismatch with the schema, sorted.
    pub mismatches: Vec<Mismatch>,
}

impl DocsReport {
    /// Compares `docs` with `model`.
    pub fn new(model: &Model, docs: &DocsSet) -> DocsReport {
        let mut mismatches = Vec::new();
        let mut push = |kind, subject: String| mismatches.push(Mismatch { kind, subject });

        let schema_methods: HashSet<String> =
            model.functions.iter().map(|f| f.name.to_string()).collect();
        let schema_ctors: HashSet<String> = model
            .constructors
            .iter()
            .chain(&model.bool_constructors)
            .map(|c| c.name.to_string())
            .collect();
        let schema_types: HashSet<String> = model
            .types
            .iter()
            .map(|t| t.name.to_string())
            .chain(["Bool".to_owned()])
            .collect();

        for name in docs.methods.keys() {
            if !schema_methods.contains(name) {
                push(MismatchKind::PageNotInSchema, name.clone());
            }
        }
        for name in docs.constructors.keys() {
            if !schema_ctors.contains(name) {
                push(MismatchKind::PageNotInSchema, name.clone());
            }
        }
        // `!X` is the page of a generic function's type parameter, not a type.
        for name in docs.types.keys().filter(|n| !n.starts_with('!')) {
            if !schema_types.contains(name) {
                push(MismatchKind::PageNotInSchema, name.clone());
            }
        }

        let pages = model
            .functions
            .iter()
            .map(|f| (f, docs.methods.get(&f.name.to_string()).map(|m| &m.params)))
            .chain(model.current_constructors().map(|c| {
                (
                    c,
                    docs.constructors
                        .get(&c.name.to_string())
                        .map(|c| &c.params),
                )
            }));
        for (item, params) in pages {
            let name = item.name.to_string();
            match params {
                None => push(MismatchKind::ItemWithoutPage, name),
                Some(params) => {
                    for (kind, param) in compare_params(item, params) {
                        push(kind, format!("{name}.{param}"));
                    }
                }
            }
        }
        mismatches.sort();

        let method_params: usize = docs.methods.values().map(|m| m.params.len()).sum();
        let ctor_params: usize = docs.constructors.values().map(|c| c.params.len()).sum();
        let descriptions = docs
            .methods
            .values()
            .filter(|m| m.description.is_some())
            .count()
            + docs
                .constructors
                .values()
                .filter(|c| c.description.is_some())
                .count()
            + docs
                .types
                .values()
                .filter(|t| t.description.is_some())
                .count();
        DocsReport {
            pages: docs.page_count(),
            params: method_params + ctor_params,
            descriptions,
            error_rows: docs.methods.values().map(|m| m.errors.len()).sum(),
            page_warnings: docs.warnings.clone(),
            mismatches,
        }
    }

    /// The number of mismatches of one kind.
    pub fn count(&self, kind: MismatchKind) -> usize {
        self.mismatches.iter().filter(|m| m.kind == kind).count()
    }

    /// Every line of [`problem_lines`](Self::problem_lines), then of
    /// [`coverage_lines`](Self::coverage_lines).
    pub fn summary_lines(&self) -> Vec<String> {
        let mut lines = self.problem_lines();
        lines.extend(self.coverage_lines());
        lines
    }

    /// Problems in the pages themselves (a page or a table that could not be read): at most
    /// one line, counting them and quoting the first.
    pub fn problem_lines(&self) -> Vec<String> {
        self.page_warnings
            .first()
            .map(|first| {
                format!(
                    "{} problem(s) in docs pages, the first: {first}",
                    self.page_warnings.len()
                )
            })
            .into_iter()
            .collect()
    }

    /// How pages and schema cover each other: one line per kind of mismatch that occurred
    /// (`12 docs parameters not in the schema ...: messages.sendMessage.parse_mode, ...`),
    /// naming the first few cases.
    pub fn coverage_lines(&self) -> Vec<String> {
        const EXAMPLES: usize = 3;
        let mut lines = Vec::new();
        for kind in MismatchKind::ALL {
            let cases: Vec<&str> = self
                .mismatches
                .iter()
                .filter(|m| m.kind == kind)
                .map(|m| m.subject.as_str())
                .collect();
            if cases.is_empty() {
                continue;
            }
            let mut examples = cases[..cases.len().min(EXAMPLES)].join(", ");
            if cases.len() > EXAMPLES {
                examples.push_str(", ...");
            }
            lines.push(format!("{} {}: {examples}", cases.len(), kind.describe()));
        }
        lines
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.describe(), self.subject)
    }
}

/// The parameters on which `item` and its page disagree. `#` fields are not documented by the
/// pages and are left out of the comparison.
fn compare_params(item: &Item, docs: &[ParamDoc]) -> Vec<(MismatchKind, String)> {
    let schema: Vec<&str> = item
        .params
        .iter()
        .filter(|p| !matches!(p.kind, FieldKind::Flags))
        .map(|p| p.name.as_str())
        .collect();
    let flags: HashSet<&str> = item
        .params
        .iter()
        .filter(|p| matches!(p.kind, FieldKind::Flags))
        .map(|p| p.name.as_str())
        .collect();
    let documented: HashSet<&str> = docs.iter().map(|p| p.name.as_str()).collect();
    let mut out = Vec::new();
    for p in docs {
        if !schema.contains(&p.name.as_str()) && !flags.contains(p.name.as_str()) {
            out.push((MismatchKind::DocParamNotInSchema, p.name.clone()));
        }
    }
    for p in schema {
        if !documented.contains(p) {
            out.push((MismatchKind::SchemaParamUndocumented, p.to_owned()));
        }
    }
    out
}
