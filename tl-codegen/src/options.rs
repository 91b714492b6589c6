//! The generator's option set, defined once.
//!
//! Each option is one entry of the table at the bottom of this file. From it come the field of
//! [`Options`] (what the plan reads), the documented [`Config`](crate::Config) method that
//! sets it (what build scripts call), and its entry in [`OPTIONS`] (what the `tl-codegen`
//! command turns into a command-line flag, with the same documentation). Adding an option is
//! adding an entry.

/// The group an option belongs to, which decides where the command line offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionGroup {
    /// Which part of the schema is generated (`only`, `exclude`).
    Selection,
    /// The shape of the generated code (attributes, derives, paths, extensions).
    Code,
}

/// How an option takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// On or off; `default` is the value when it is not given. On the command line, a
    /// switch that is on by default is turned off by `--no-<flag>`.
    Switch {
        /// The value when not given.
        default: bool,
    },
    /// One value; the last one given wins.
    Value,
    /// Any number of values, in order.
    List,
    /// Any number of `PATTERN=VALUE` pairs, in order.
    Pairs,
}

/// One option, described for front ends (the command line).
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    /// The option's name: the [`Config`](crate::Config) method, and with `-` for `_` the
    /// command-line flag.
    pub name: &'static str,
    /// Where it belongs.
    pub group: OptionGroup,
    /// How it takes its value.
    pub kind: OptionKind,
    /// What its value is called in usage text (`PATH`, `PATTERN=ATTR`); empty for switches.
    pub value_name: &'static str,
    /// The documentation of its [`Config`](crate::Config) method, as Markdown.
    pub doc: &'static str,
}

impl OptionSpec {
    /// The command-line flag without its dashes: `type-attribute-for`, and `no-calls-glue`
    /// for a switch that is on by default.
    pub fn flag(&self) -> String {
        let flag = self.name.replace('_', "-");
        match self.kind {
            OptionKind::Switch { default: true } => format!("no-{flag}"),
            _ => flag,
        }
    }

    /// The first paragraph of the documentation as plain text, for `-h`: intra-doc links
    /// become their text.
    pub fn summary(&self) -> String {
        self.paragraphs().into_iter().next().unwrap_or_default()
    }

    /// The whole documentation as plain text, a line per paragraph, for `--help`.
    pub fn help(&self) -> String {
        self.paragraphs().join("\n\n")
    }

    fn paragraphs(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        for line in self.doc.lines().map(str::trim).chain([""]) {
            if line.is_empty() {
                if !words.is_empty() {
                    out.push(strip_links(&words.join(" ")));
                    words.clear();
                }
            } else {
                words.push(line);
            }
        }
        out
    }
}

/// `[text](target)` and `[text]` -> `text`, outside code spans (`` `#[derive(Hash)]` ``
/// stays as it is).
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut in_link = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' if !in_code && !in_link => in_link = true,
            ']' if !in_code && in_link => {
                in_link = false;
                if chars.peek() == Some(&'(') {
                    for c in chars.by_ref() {
                        if c == ')' {
                            break;
                        }
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `PATTERN=VALUE`, split at the first `=` (patterns have none).
pub fn split_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((p, v)) if !p.is_empty() && !v.is_empty() => Ok((p.to_owned(), v.to_owned())),
        _ => Err(format!("`{text}`: expected PATTERN=VALUE")),
    }
}

/// Expands the option table into [`Options`] and [`OPTIONS`] (`crate::Config`'s setters
/// expand it too, in `config.rs`).
macro_rules! options {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $group:ident $kind:ident $(($($arg:ident),*))? $value_name:literal
            => $field:ident $(= $default:expr)?;
    )*) => {
        /// Every option's value, as the plan reads them. Built by [`Config`](crate::Config)'s
        /// setters.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct Options {
            $(
                $(#[doc = $doc])*
                pub $field: options!(@ty $kind),
            )*
        }

        impl Default for Options {
            fn default() -> Self {
                Self { $($field: options!(@default $kind $($default)?),)* }
            }
        }

        impl Options {
            pub(crate) fn set_switch(&mut self, name: &str, on: bool) {
                $(options!(@set_switch self name on $name $field $kind);)*
            }

            pub(crate) fn set_text(&mut self, name: &str, value: String) {
                $(options!(@set_text self name value $name $field $kind);)*
            }

            pub(crate) fn set_pair(&mut self, name: &str, value: (String, String)) {
                $(options!(@set_pair self name value $name $field $kind);)*
            }
        }

        /// Every option, in the order `--help` lists them.
        pub const OPTIONS: &[OptionSpec] = &[
            $(OptionSpec {
                name: stringify!($name),
                group: OptionGroup::$group,
                kind: options!(@kind $kind $($default)?),
                value_name: $value_name,
                doc: concat!($($doc, "\n"),*),
            },)*
        ];
    };

    (@ty Switch) => { bool };
    (@ty Value) => { String };
    (@ty List) => { Vec<String> };
    (@ty Patterns) => { Vec<String> };
    (@ty Pairs) => { Vec<(String, String)> };

    (@default Switch $default:expr) => { $default };
    (@default Value $default:expr) => { String::from($default) };
    (@default $kind:ident) => { Vec::new() };

    (@kind Switch $default:expr) => { OptionKind::Switch { default: $default } };
    (@kind Value $default:expr) => { OptionKind::Value };
    (@kind List) => { OptionKind::List };
    (@kind Patterns) => { OptionKind::List };
    (@kind Pairs) => { OptionKind::Pairs };

    (@set_switch $s:ident $n:ident $v:ident $name:ident $field:ident Switch) => {
        if $n == stringify!($name) { $s.$field = $v; }
    };
    (@set_switch $($t:tt)*) => {};
    (@set_text $s:ident $n:ident $v:ident $name:ident $field:ident Value) => {
        if $n == stringify!($name) { $s.$field = $v.clone(); }
    };
    (@set_text $s:ident $n:ident $v:ident $name:ident $field:ident List) => {
        if $n == stringify!($name) { $s.$field.push($v.clone()); }
    };
    (@set_text $s:ident $n:ident $v:ident $name:ident $field:ident Patterns) => {
        if $n == stringify!($name) { $s.$field.push($v.clone()); }
    };
    (@set_text $($t:tt)*) => {};
    (@set_pair $s:ident $n:ident $v:ident $name:ident $field:ident Pairs) => {
        if $n == stringify!($name) { $s.$field.push($v.clone()); }
    };
    (@set_pair $($t:tt)*) => {};
}

/// The option table: one entry per option, its docs, group, kind, value name and field.
/// `option_table!(callback)` expands to `callback! { entries }`, so that [`Options`] here and
/// `crate::Config`'s setters are both made from it.
macro_rules! option_table {
    ($then:ident) => {
        $then! {
            /// Generates only what these patterns pick, and what that needs (the types of their
            /// parameters and results, transitively; every constructor of a kept type). Patterns
            /// are TL names of functions, constructors or types, with `*` for any run of
            /// characters: `["phone.*", "messages.getDhConfig"]`. A pattern that matches nothing is
            /// an error. Without `only`, everything is generated.
            only: Selection Patterns "PATTERN" => only;

            /// Leaves out what these patterns pick (same patterns as
            /// [`Config::only`](crate::Config::only)), unless a kept item needs it: excluded
            /// functions always go, an excluded type stays if a kept constructor or function uses
            /// it (the bindings would not compile otherwise). A result type is the exception: an
            /// excluded type that kept functions only return goes, and they return the answer as a
            /// `wire::RawObject` (its bytes, to decode with bindings that have the type):
            /// `.only(["phone.*"]).exclude(["Updates"])`.
            exclude: Selection Patterns "PATTERN" => exclude;

            /// The path generated code uses for the runtime crate (default `::tl_runtime`), for
            /// crates that re-export or rename it.
            runtime_path: Code Value "PATH" => runtime = "::tl_runtime";

            /// Derives `PartialEq` on every generated struct and enum (on by default;
            /// `--no-partial-eq` turns it off on the command line). Without it rustc has about
            /// a tenth less to do for the full layer's bindings (in the README's set-up
            /// `cargo check` 10-17% faster, `cargo build` 6-11%, measured in BENCHMARKS.md): turn
            /// it off when your code never compares TL values with `==` or `assert_eq!`.
            partial_eq: Code Switch "" => partial_eq = true;

            /// Adds `#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]`
            /// to every generated type (the crate then needs `serde` and a `serde` feature that
            /// enables `tl-runtime/serde`, for the `Bytes` and `TlString` fields).
            serde: Code Switch "" => serde = false;

            /// Adds `#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]` to every
            /// generated type, for fuzzing (the crate then needs `arbitrary` with its `derive`
            /// feature, and an `arbitrary` feature). `bytes` and `string` fields get generators of
            /// their own.
            arbitrary: Code Switch "" => arbitrary = false;

            /// An attribute added to every generated struct and enum, e.g. `#[derive(Hash)]`.
            type_attribute: Code List "ATTR" => type_attributes;

            /// An attribute for the structs and enums whose TL name matches `pattern` (`phoneCall`,
            /// `PhoneCall`, `phone.*`), e.g. `#[derive(Hash)]`; a constructor's attributes also go
            /// on its flag-group structs.
            type_attribute_for: Code Pairs(pattern, attribute) "PATTERN=ATTR" => item_attributes;

            /// An attribute for the fields matching `pattern`, written `constructor.param` or
            /// `method.param` with `*` wildcards (`message.date`, `*.random_id`), e.g.
            /// `#[serde(rename = "when")]`.
            field_attribute: Code Pairs(pattern, attribute) "PATTERN=ATTR" => field_attributes;

            /// Uses the Rust type `ty` (a path such as `crate::UnixTime`) for the fields matching
            /// `pattern` (as in [`Config::field_attribute`](crate::Config::field_attribute))
            /// instead of the TL type's Rust form.
            ///
            /// The type must serialize exactly like the TL type: implement
            /// `tl_runtime::wire::Serialize` and `Deserialize` writing and reading the same bytes
            /// (a wrapper around `i32` for an `int`, for example, with a `MIN_SIZE` no larger than
            /// the TL type's smallest encoding), plus `Debug` and `Clone`, and `PartialEq`, the
            /// serde or the `arbitrary` traits when those derives are on. `true` flags, `#` words, bare
            /// values and vectors of bare values cannot be mapped (an error).
            field_type: Code Pairs(pattern, ty) "PATTERN=TYPE" => field_types;

            /// Marks every enum of a TL type `#[non_exhaustive]`, so that in crates using the
            /// bindings a `match` on one needs a `_` arm, and a constructor that a later layer adds
            /// to the type is not a breaking change there. Rust applies the attribute across crates
            /// only: it changes nothing for code in the crate that includes the bindings. Off by
            /// default, because exhaustive `match`es are how the compiler points at every place a
            /// new constructor must be handled.
            non_exhaustive_enums: Code Switch "" => non_exhaustive_enums = false;

            /// Generates TDLib's JSON form instead of TL's binary one, for `td_api.tl`: every
            /// struct and enum implements `tl_runtime::tdjson::ToJson` and `FromJson` (`@type`,
            /// `int64` as a string, `bytes` as base64, null objects left out), every enum has an
            /// `Unknown` variant keeping an object of a `@type` the bindings do not know, and
            /// functions implement `tdjson::Function` (their answer type), for the client in
            /// `tl_runtime::tdjson::client`. The crate then needs tl-runtime's `tdjson` feature.
            /// The binary codecs (`Serialize`, `Deserialize`, `RemoteCall`) are not generated:
            /// TDLib speaks JSON.
            tdlib_json: Code Switch "" => tdlib_json = false;

            /// Emits the voice-call glue: a `calls` module joining the schema's
            /// `phone.requestCall`, `acceptCall`, `confirmCall` and `PhoneCall` items to
            /// `tl_runtime::calls` (see [`crate::extension::VoiceCalls`]). On by default
            /// (`--no-calls-glue` turns it off on the command line); emitted only where the schema
            /// has those items, and compiled only where tl-runtime's `calls` feature is on.
            calls_glue: Code Switch "" => calls_glue = true;
        }
    };
}
pub(crate) use option_table;

option_table!(options);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn every_option_is_documented_and_has_a_flag() {
        for spec in OPTIONS {
            assert!(!spec.summary().is_empty(), "{}", spec.name);
            assert!(!spec.help().contains("]("), "{}", spec.help());
            assert!(!spec.help().contains("[`"), "{}", spec.help());
            assert!(spec
                .flag()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        let calls = OPTIONS.iter().find(|s| s.name == "calls_glue").unwrap();
        assert_eq!(calls.flag(), "no-calls-glue");
    }

    #[test]
    fn set_option_reaches_the_same_fields_as_the_methods() {
        let by_text = Config::new()
            .set_option("serde", "true")
            .and_then(|c| c.set_option("runtime_path", "::rt"))
            .and_then(|c| c.set_option("field_type", "message.date=crate::Time"))
            .and_then(|c| c.set_option("only", "phone.*"))
            .unwrap();
        let by_method = Config::new()
            .serde(true)
            .runtime_path("::rt")
            .field_type("message.date", "crate::Time")
            .only(["phone.*"]);
        assert_eq!(
            format!("{:?}", by_text.options()),
            format!("{:?}", by_method.options())
        );
        assert!(Config::new().set_option("field_type", "no-equals").is_err());
        assert!(Config::new().set_option("serde", "yes").is_err());
        assert!(Config::new().set_option("nope", "1").is_err());
    }

    #[test]
    fn links_become_text() {
        assert_eq!(
            strip_links("same as [`Config::only`], see [here](x) or [`a`], `#[derive(Hash)]`."),
            "same as `Config::only`, see here or `a`, `#[derive(Hash)]`."
        );
    }
}
