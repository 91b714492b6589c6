//! TL code generator.
