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
pub(crate) mod error_names;
mod files;
mod front_matter;
mod load;
mod mtcute;
mod names;
mod page;
mod rich_text;
mod set;
mod text;

pub use coverage::{DocsReport, Mismatch, MismatchKind};
pub use error_names::{has_placeholder, normalize_error_name, placeholders};
pub use front_matter::FrontMatter;
pub use load::{load_root, load_roots, MAX_PAGE_BYTES};
pub use mtcute::{
    parse_mtcute, read_mtcute_dir, read_mtcute_file, MtcuteDocs, MTCUTE_ERRORS_FILE,
    MTCUTE_SCHEMA_FILE,
};
pub use names::PageKind;
pub use page::{parse_page, ParsedPage};
pub use rich_text::{LinkTarget, RichText, Span, Style};
pub use set::{
    merge_errors, ConstructorDoc, DocsSet, DocsWarning, ErrorDoc, MethodDoc, Page, ParamDoc,
    TypeDoc,
};
