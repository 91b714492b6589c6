//! What the docs say, entity by entity: the [`DocsSet`] that pages and mtcute's files are
//! read into, and how several sources merge.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use super::names::PageKind;
use super::rich_text::RichText;

/// One understood page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// A `# Method: ...` page.
    Method(MethodDoc),
    /// A `# Constructor: ...` page.
    Constructor(ConstructorDoc),
    /// A `# Type: ...` page.
    Type(TypeDoc),
}

impl Page {
    /// The TL name of the page's entity.
    pub fn name(&self) -> &str {
        match self {
            Page::Method(m) => &m.name,
            Page::Constructor(c) => &c.name,
            Page::Type(t) => &t.name,
        }
    }

    /// The kind of the page's entity.
    pub fn kind(&self) -> PageKind {
        match self {
            Page::Method(_) => PageKind::Method,
            Page::Constructor(_) => PageKind::Constructor,
            Page::Type(_) => PageKind::Type,
        }
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
    /// The errors table, in page order (merged over all roots by [`load_roots`](super::load_roots)).
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

    /// Several sets merged in order, as [`merge`](Self::merge) does (prose from the first that
    /// has it, errors from all); `None` without any.
    pub fn merged(sets: impl IntoIterator<Item = DocsSet>) -> Option<DocsSet> {
        let mut sets = sets.into_iter();
        let mut set = sets.next()?;
        for next in sets {
            set.merge(next);
        }
        Some(set)
    }

    /// Every documented error: `(method, errors)` for every method the set documents, then
    /// `(None, errors)` for the errors documented on their own ([`DocsSet::catalog`]).
    pub fn documented_errors(&self) -> impl Iterator<Item = (Option<&str>, &[ErrorDoc])> {
        self.methods
            .values()
            .map(|m| (Some(m.name.as_str()), m.errors.as_slice()))
            .chain([(None, self.catalog.as_slice())])
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

#[cfg(test)]
mod tests {
    use super::*;

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
