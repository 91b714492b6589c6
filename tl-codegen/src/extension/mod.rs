//! Code that is not the bindings themselves, added to the generated file by extensions: the
//! voice-call glue ([`VoiceCalls`]) is one, on by default; users can add their own with
//! [`crate::Config::extension`].

mod calls;

use crate::model::Model;
use crate::plan::Plan;
use crate::print::Writer;

pub use calls::VoiceCalls;

/// Adds items to the generated file, from the model and the plan.
///
/// What it writes goes at the end of the file's root, after the `types`, `enums`,
/// `functions` and `errors` modules, as text through the [`Writer`] (which keeps lines at
/// their indent and lays out the shapes rustfmt breaks: see its methods). It refers to
/// generated items by the plan's paths ([`RustPath::doc_path`](crate::plan::RustPath::doc_path):
/// `types::X` from the root), and to the runtime crate by [`Plan::runtime`].
///
/// An extension that builds `proc_macro2` token streams can print them with a pretty printer
/// of its choice (such as `prettyplease`) and write the text: only it pays for that.
pub trait Extension {
    /// A short name, for messages.
    fn name(&self) -> &str;

    /// Writes the items to add; nothing when the schema lacks what the extension joins.
    fn generate(&self, model: &Model, plan: &Plan, out: &mut Writer);
}

/// Appends to the generated file `out` what each extension writes, in order, a blank line
/// before each one that writes anything.
pub fn append(out: &mut String, model: &Model, plan: &Plan, extensions: &[&dyn Extension]) {
    for extension in extensions {
        let mut w = Writer::new(0);
        extension.generate(model, plan, &mut w);
        let text = w.finish();
        if !text.is_empty() {
            out.push('\n');
            out.push_str(&text);
        }
    }
}
