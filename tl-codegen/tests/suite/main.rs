//! The tests of `tl-codegen`, one module per subject, in one test binary (so the crate and
//! its dependencies are linked once, not once per file). `cargo test -p tl-codegen --test
//! suite <module>::` runs one subject; shared helpers are in [`common`].

mod common;

mod architecture;
mod boxing;
mod build_script;
mod compat_golden;
mod compat_history;
mod dialects;
mod docs_corpus;
mod docs_fidelity;
mod docs_generate;
mod docs_mtcute;
mod docs_seed;
mod errors_emit;
mod errors_golden_compile;
mod grammar;
mod hostile_schema;
mod layer_upgrade;
mod output;
mod plan;
mod schema_errors;
mod schema_ids;
mod tdlib;
