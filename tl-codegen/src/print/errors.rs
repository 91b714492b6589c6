//! Emission of per-method error enums and of the catalog of all documented errors.
//!
//! For a method with documented errors, [`error_enum`] emits:
//!
//! ```text
//! #[non_exhaustive]
//! pub enum RequestCallError {
//!     /// `400 CALL_PROTOCOL_FLAGS_INVALID`: Call protocol flags invalid
//!     CallProtocolFlagsInvalid,
//!     /// `420 SLOWMODE_WAIT_X`: ...
//!     SlowmodeWait { seconds: u64 },
//!     /// `400 USER_IS_BLOCKED`: ... / `403 USER_IS_BLOCKED`: ...
//!     UserIsBlocked { code: i32 },
//!     /// Any error not documented for the method.
//!     Other(RpcError),
//! }
//! ```
//!
//! with `From<RpcError>`, `MethodError`, `Display` and `std::error::Error` implementations
//! (and `From<RequestCallError> for RpcError`), all referring to the run-time crate through
//! the `runtime` path given (e.g. `::tl_runtime`).
//!
//! # Variant names
//!
//! - The name is converted to UpperCamelCase (`USER_ID_INVALID` → `UserIdInvalid`), with its
//!   number placeholder removed (`FLOOD_WAIT_X` → `FloodWait`, `INTERDC_X_CALL_ERROR` →
//!   `InterdcCallError`, `FILE_PART_%d_MISSING` → `FilePartMissing`).
//! - Names that are not identifiers keep their words (`No workers running` →
//!   `NoWorkersRunning`, `All workers are busy. Active_queries = X` →
//!   `AllWorkersAreBusyActiveQueries`); only ASCII letters and digits are kept, and a name
//!   left empty becomes `Unnamed`.
//! - Leading digits are spelled out (`2FA_CONFIRM_WAIT_X` → `TwoFaConfirmWait`).
//! - `Other` is reserved for the fallthrough; a documented error that would take it, or a name
//!   already taken by another error, gets a numeric suffix (`Other2`, `FloodWait2`).
//!
//! # Variant fields
//!
//! - A name documented under several codes is one variant that carries the `code: i32`.
//! - A name with a placeholder carries the number: `seconds: u64` for names that ask to wait
//!   (`..._WAIT_X`, `..._DELAY_X`, `..._TOO_FRESH_X`), `dc: u64` for `..._MIGRATE_X` and
//!   `INTERDC_X_...`, `value: u64` otherwise.
//!
//! # Matching
//!
//! `From<RpcError>` matches exact names first, then names with placeholders (a placeholder
//! matches a run of digits, see `tl_runtime::rpc_error::match_pattern`); the code must be one
//! the name is documented under. Anything else becomes `Other`, so no error is lost.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use super::markdown;
use crate::docs::{DocsSet, ErrorDoc};
pub use crate::plan::errors::{has_placeholder, plan_variants, variant_name, ErrorVariant};

/// Tokens for an `i32` literal, negative numbers as `- n` so that they parse as patterns and
/// expressions alike.
fn int(value: i32) -> TokenStream {
    let lit = Literal::u32_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = format!(" {line}");
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// Emits the error enum of one method and its trait implementations.
///
/// - `enum_ident`: the enum's name (e.g. `RequestCallError`).
/// - `method_tl_name`: the method's TL name, for documentation (`phone.requestCall`).
/// - `errors`: the documented errors (may be empty: the enum then has only `Other`).
/// - `runtime`: the path of the run-time crate (e.g. `::tl_runtime`).
pub fn error_enum(
    enum_ident: &Ident,
    method_tl_name: &str,
    errors: &[ErrorDoc],
    runtime: &syn::Path,
) -> TokenStream {
    error_enum_of_variants(enum_ident, method_tl_name, &plan_variants(errors), runtime)
}

/// [`error_enum`] for variants already planned (see [`plan_variants`]).
pub fn error_enum_of_variants(
    enum_ident: &Ident,
    method_tl_name: &str,
    variants: &[ErrorVariant],
    runtime: &syn::Path,
) -> TokenStream {
    let rpc = quote!(#runtime::rpc_error);
    let method_doc = markdown::text(method_tl_name);

    let enum_doc = doc_attrs(&[
        format!("Errors of `{method_doc}`: the documented ones, then [`Self::Other`]."),
        String::new(),
        "Converted from any RPC error by `From`: errors not documented for the method, or"
            .to_owned(),
        "documented under another code, are kept unchanged in [`Self::Other`].".to_owned(),
    ]);

    let mut defs = Vec::new();
    let mut exact_arms = Vec::new();
    let mut pattern_checks = Vec::new();
    let mut code_arms = Vec::new();
    let mut name_arms = Vec::new();
    let mut value_arms = Vec::new();
    let mut doc_arms = Vec::new();

    for v in variants {
        let ident = Ident::new(&v.ident, Span::call_site());
        let name = v.name.as_str();
        let codes: Vec<TokenStream> = v.codes.iter().map(|(c, _)| int(*c)).collect();
        let code_pat = if codes.len() == 1 {
            codes[0].clone()
        } else {
            quote!(#(#codes)|*)
        };

        // Definition.
        let mut doc_lines: Vec<String> = v
            .codes
            .iter()
            .map(|(code, description)| {
                let description = markdown::text(description);
                if description.is_empty() {
                    format!("`{code} {}`", name.replace('`', "'"))
                } else {
                    format!("`{code} {}`: {description}", name.replace('`', "'"))
                }
            })
            .collect();
        if v.codes.len() > 1 {
            doc_lines = doc_lines
                .into_iter()
                .flat_map(|l| [l, String::new()])
                .collect();
            doc_lines.pop();
        }
        if let Some(field) = v.value_field {
            doc_lines.push(String::new());
            doc_lines.push(format!(
                "`{field}` is the number in the place of the name's placeholder."
            ));
        }
        let doc = doc_attrs(&doc_lines);
        let value_ident = v.value_field.map(|f| format_ident!("{}", f));
        let fields = match (&value_ident, v.carries_code()) {
            (None, false) => quote!(),
            (None, true) => quote!({
                #[doc = " The error code."]
                code: i32
            }),
            (Some(f), false) => quote!({
                #[doc = " The number in the error message."]
                #f: u64
            }),
            (Some(f), true) => quote!({
                #[doc = " The error code."]
                code: i32,
                #[doc = " The number in the error message."]
                #f: u64
            }),
        };
        defs.push(quote!(#doc #ident #fields));

        // From<RpcError>.
        match (&value_ident, v.carries_code()) {
            (None, false) => exact_arms.push(quote!((#code_pat, #name) => return Self::#ident,)),
            (None, true) => exact_arms
                .push(quote!((code @ (#code_pat), #name) => return Self::#ident { code },)),
            (Some(f), carries) => {
                let construct = if carries {
                    quote!(Self::#ident { code, #f })
                } else {
                    quote!(Self::#ident { #f })
                };
                pattern_checks.push(quote! {
                    if let (#code_pat, ::core::option::Option::Some(::core::option::Option::Some(#f))) =
                        (code, #rpc::match_pattern(#name, message))
                    {
                        return #construct;
                    }
                });
            }
        }

        // MethodError.
        let any = if v.value_field.is_some() || v.carries_code() {
            quote!(Self::#ident { .. })
        } else {
            quote!(Self::#ident)
        };
        code_arms.push(if v.carries_code() {
            quote!(Self::#ident { code, .. } => *code,)
        } else {
            let code = &codes[0];
            quote!(#any => #code,)
        });
        name_arms.push(quote!(#any => #name,));
        if let Some(f) = &value_ident {
            value_arms.push(quote!(Self::#ident { #f, .. } => ::core::option::Option::Some(*#f),));
        }
        let first = v.codes[0].1.as_str();
        if v.codes.iter().all(|(_, d)| d == first) {
            doc_arms.push(quote!(#any => ::core::option::Option::Some(#first),));
        } else {
            for (code, description) in &v.codes {
                let code = int(*code);
                doc_arms.push(quote!(
                    Self::#ident { code: #code, .. } => ::core::option::Option::Some(#description),
                ));
            }
            doc_arms.push(quote!(#any => ::core::option::Option::Some(#first),));
        }
    }

    let exact = if exact_arms.is_empty() {
        quote!()
    } else {
        quote! {
            match (code, message) {
                #(#exact_arms)*
                _ => {}
            }
        }
    };
    let value_fn = if value_arms.is_empty() {
        quote!()
    } else {
        quote! {
            fn value(&self) -> ::core::option::Option<u64> {
                match self {
                    #(#value_arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
    let is_documented = if variants.is_empty() {
        quote!(false)
    } else {
        quote!(!::core::matches!(self, Self::Other(_)))
    };
    let uses_bindings = !exact_arms.is_empty() || !pattern_checks.is_empty();
    let bindings = if uses_bindings {
        quote! {
            let code = error.code();
            let message = error.message();
        }
    } else {
        quote!()
    };

    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #enum_ident {
            #(#defs,)*
            #[doc = " Any error not documented for this method, as the server sent it."]
            Other(#rpc::RpcError),
        }

        impl ::core::convert::From<#rpc::RpcError> for #enum_ident {
            fn from(error: #rpc::RpcError) -> Self {
                #bindings
                #exact
                #(#pattern_checks)*
                Self::Other(error)
            }
        }

        impl ::core::convert::From<#enum_ident> for #rpc::RpcError {
            fn from(error: #enum_ident) -> Self {
                match error {
                    #enum_ident::Other(error) => error,
                    other => #rpc::MethodError::to_rpc_error(&other),
                }
            }
        }

        impl #rpc::MethodError for #enum_ident {
            fn code(&self) -> i32 {
                match self {
                    #(#code_arms)*
                    Self::Other(error) => error.code(),
                }
            }

            fn name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Self::Other(error) => error.message(),
                }
            }

            #value_fn

            fn documentation(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#doc_arms)*
                    Self::Other(_) => ::core::option::Option::None,
                }
            }

            fn is_documented(&self) -> bool {
                #is_documented
            }
        }

        impl ::core::fmt::Display for #enum_ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #rpc::display_method_error(self, f)
            }
        }

        impl ::std::error::Error for #enum_ident {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::Other(error) => ::core::option::Option::Some(error),
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

/// One entry of the error catalog: a documented `(code, name)` with its description and the
/// methods documented to return it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The error code.
    pub code: i32,
    /// The documented name.
    pub name: String,
    /// The first non-empty description met.
    pub description: String,
    /// The TL names of the methods, sorted.
    pub methods: Vec<String>,
}

/// Collects the catalog entries from `(method TL name, errors)` pairs (`None`: errors
/// documented without a method): one entry per `(code, name)`, sorted by name then code.
pub fn catalog_entries<'a>(
    methods: impl IntoIterator<Item = (Option<&'a str>, &'a [ErrorDoc])>,
) -> Vec<CatalogEntry> {
    let mut map: BTreeMap<(String, i32), CatalogEntry> = BTreeMap::new();
    for (method, errors) in methods {
        for e in errors {
            let entry = map
                .entry((e.name.clone(), e.code))
                .or_insert_with(|| CatalogEntry {
                    code: e.code,
                    name: e.name.clone(),
                    description: String::new(),
                    methods: Vec::new(),
                });
            if entry.description.is_empty() {
                entry.description = e.description.clone();
            }
            if let Some(method) = method {
                if !entry.methods.iter().any(|m| m == method) {
                    entry.methods.push(method.to_owned());
                }
            }
        }
    }
    map.into_values()
        .map(|mut e| {
            e.methods.sort();
            e
        })
        .collect()
}

/// Emits `pub static #static_ident: ErrorCatalog` holding every documented error of the
/// methods in `docs` (see [`catalog_entries`]).
pub fn error_catalog(static_ident: &Ident, docs: &DocsSet, runtime: &syn::Path) -> TokenStream {
    let entries = catalog_entries(docs.documented_errors());
    error_catalog_from_entries(static_ident, &entries, runtime)
}

/// Emits `pub static #static_ident: ErrorCatalog` holding `entries`.
pub fn error_catalog_from_entries(
    static_ident: &Ident,
    entries: &[CatalogEntry],
    runtime: &syn::Path,
) -> TokenStream {
    let rpc = quote!(#runtime::rpc_error);
    let items = entries.iter().map(|e| {
        let code = int(e.code);
        let name = &e.name;
        let description = &e.description;
        let methods = &e.methods;
        quote! {
            #rpc::KnownError {
                code: #code,
                name: #name,
                description: #description,
                methods: &[#(#methods),*],
            }
        }
    });
    let count = entries.len();
    let doc = format!(" All {count} documented RPC errors, by name and code.");
    quote! {
        #[doc = #doc]
        pub static #static_ident: #rpc::ErrorCatalog = #rpc::ErrorCatalog::new(&[
            #(#items),*
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names() {
        let cases = [
            ("USER_ID_INVALID", "UserIdInvalid"),
            ("FLOOD_WAIT_X", "FloodWait"),
            ("FLOOD_WAIT_%d", "FloodWait"),
            ("2FA_CONFIRM_WAIT_X", "TwoFaConfirmWait"),
            ("INTERDC_X_CALL_ERROR", "InterdcCallError"),
            ("FILE_PART_%d_MISSING", "FilePartMissing"),
            ("SHA256_HASH_INVALID", "Sha256HashInvalid"),
            ("MAX_ID_INVALID", "MaxIdInvalid"),
            ("Timeout", "Timeout"),
            ("No workers running", "NoWorkersRunning"),
            ("memory limit(?)", "MemoryLimit"),
            (
                "All workers are busy. Active_queries = X",
                "AllWorkersAreBusyActiveQueries",
            ),
            ("", "Unnamed"),
            ("ÄÖ", "Unnamed"),
            ("X", "Unnamed"),
        ];
        for (name, ident) in cases {
            assert_eq!(variant_name(name), ident, "{name}");
        }
    }

    #[test]
    fn plan() {
        let e = |code, name: &str| ErrorDoc {
            code,
            name: name.into(),
            description: format!("d{code}"),
        };
        let variants = plan_variants(&[
            e(400, "USER_IS_BLOCKED"),
            e(403, "USER_IS_BLOCKED"),
            e(403, "USER_IS_BLOCKED"),
            e(420, "FLOOD_WAIT_X"),
            e(420, "FLOOD_WAIT_%d"),
            e(400, "OTHER"),
            e(400, "EMAIL_UNCONFIRMED_X"),
        ]);
        let summary: Vec<_> = variants
            .iter()
            .map(|v| (v.ident.as_str(), v.codes.len(), v.value_field))
            .collect();
        assert_eq!(
            summary,
            [
                ("UserIsBlocked", 2, None),
                ("FloodWait", 1, Some("seconds")),
                ("FloodWait2", 1, Some("seconds")),
                ("Other2", 1, None),
                ("EmailUnconfirmed", 1, Some("value")),
            ]
        );
    }
}
