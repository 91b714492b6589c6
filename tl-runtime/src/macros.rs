//! Macros for crates that use generated bindings.

/// The generated bindings' voice-call glue (their `calls` module) goes through this macro, so
/// that it is compiled only where the runtime has its `calls` feature: a bindings crate
/// cannot see the features of `tl-runtime` otherwise.
#[cfg(feature = "calls")]
#[doc(hidden)]
#[macro_export]
macro_rules! __calls_glue {
    ($($glue:tt)*) => {
        $($glue)*
    };
}

/// Without the `calls` feature there is no glue to compile (see the other definition).
#[cfg(not(feature = "calls"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __calls_glue {
    ($($glue:tt)*) => {};
}

/// Includes bindings that `tl_codegen::Config::generate` wrote into `OUT_DIR`.
///
/// `include_bindings!()` includes `tl.rs` (the default output name);
/// `include_bindings!("name.rs")` includes another file name.
///
/// ```ignore
/// pub mod tl {
///     tl_runtime::include_bindings!();
/// }
/// ```
#[macro_export]
macro_rules! include_bindings {
    () => {
        include!(concat!(env!("OUT_DIR"), "/tl.rs"));
    };
    ($file:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $file));
    };
}
