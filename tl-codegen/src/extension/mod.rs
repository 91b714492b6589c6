//! Code that is not the bindings themselves, added to the generated file by extensions: the
//! voice-call glue ([`VoiceCalls`]) is one, on by default; users can add their own with
//! [`crate::Config::extension`].

mod calls;

use proc_macro2::TokenStream;

use crate::model::Model;
use crate::plan::Plan;

pub use calls::VoiceCalls;

/// Adds items to the generated file, from the model and the plan.
///
/// What it returns goes at the end of the file's root, after the `types`, `enums`,
/// `functions` and `errors` modules, and is laid out with the rest. It refers to generated
/// items by the plan's paths ([`crate::print::path_tokens`] makes tokens of them: `types::X`
/// from the root), and to the runtime crate by [`Plan::runtime`].
pub trait Extension {
    /// A short name, for messages.
    fn name(&self) -> &str;

    /// The items to add; empty when the schema lacks what the extension joins.
    fn generate(&self, model: &Model, plan: &Plan) -> TokenStream;
}
