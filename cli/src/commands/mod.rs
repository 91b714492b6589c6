//! The subcommands of the `tl-codegen` binary, and the arguments they share.

pub mod boxing;
pub mod check;
pub mod diff;
pub mod generate;
pub mod json;
pub mod new;

use std::marker::PhantomData;
use std::path::PathBuf;

use clap::{Arg, ArgAction, Args};
use tl_codegen::options::{split_pair, OptionGroup, OptionKind, OptionSpec, OPTIONS};
use tl_codegen::Config;

/// Where the schema and the docs come from.
#[derive(Args, Debug, Clone, Default)]
pub struct Inputs {
    /// Schema files (`api.tl`, `mtproto.tl`, ...); default: every `schema/*.tl` here.
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Folders (or `.md` files) of docs pages; prose from the first that has it, errors
    /// from all. Default, with the bundled schema: `schema/docs` here, if it exists.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
    /// Schemas of older layers (each complete, with its `// LAYER N`) whose replaced
    /// constructors the bindings still read (see `Config::compat_schema`).
    #[arg(long = "compat", value_name = "FILE")]
    pub compat: Vec<PathBuf>,
    /// The boxing record that keeps which fields are boxed across layers (see
    /// `Config::boxing_record`; `tl-codegen boxing` writes it). Default, with the bundled
    /// schema: `schema/boxing.lock` here, if it exists.
    #[arg(long = "boxing-record", value_name = "FILE")]
    pub boxing_record: Option<PathBuf>,
}

/// A group of the option table, as a type: which flags a [`TableFlags`] offers.
pub trait Group: Clone + Default + std::fmt::Debug + Send + Sync + 'static {
    /// The group.
    const GROUP: OptionGroup;
}

/// [`OptionGroup::Selection`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SelectionGroup;

impl Group for SelectionGroup {
    const GROUP: OptionGroup = OptionGroup::Selection;
}

/// [`OptionGroup::Code`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CodeGroup;

impl Group for CodeGroup {
    const GROUP: OptionGroup = OptionGroup::Code;
}

/// Values of table options ([`tl_codegen::options::OPTIONS`]) of one group, as given on the
/// command line: the flags come from the table, with its docs as their help.
#[derive(Debug, Clone, Default)]
pub struct TableFlags<G: Group> {
    /// `(option name, value as text)`, each option's values in the order given.
    pub values: Vec<(&'static str, String)>,
    group: PhantomData<G>,
}

/// Which part of the schema to keep (`--only`, `--exclude`).
pub type SelectionFlags = TableFlags<SelectionGroup>;
/// Options of the generated code (the same as the `Config` builder's).
pub type CodeFlags = TableFlags<CodeGroup>;

impl<G: Group> TableFlags<G> {
    fn specs() -> impl Iterator<Item = &'static OptionSpec> {
        OPTIONS.iter().filter(|s| s.group == G::GROUP)
    }

    /// Applies the values to `config`, as the `Config` methods of the same names would.
    pub fn apply(&self, config: Config) -> Result<Config, String> {
        self.values
            .iter()
            .try_fold(config, |config, (name, value)| {
                config.set_option(name, value)
            })
    }
}

impl<G: Group> clap::FromArgMatches for TableFlags<G> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut values = Vec::new();
        for spec in Self::specs() {
            match spec.kind {
                OptionKind::Switch { default } => {
                    if matches.get_flag(spec.name) {
                        values.push((spec.name, (!default).to_string()));
                    }
                }
                _ => {
                    let given = matches.get_many::<String>(spec.name).into_iter().flatten();
                    values.extend(given.map(|v| (spec.name, v.clone())));
                }
            }
        }
        Ok(Self {
            values,
            group: PhantomData,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl<G: Group> clap::Args for TableFlags<G> {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for spec in Self::specs() {
            // clap keeps `&'static str` names; the flags are made once per run, so leaking
            // them costs a few bytes.
            let flag: &'static str = Box::leak(spec.flag().into_boxed_str());
            let arg = Arg::new(spec.name)
                .long(flag)
                .help(spec.summary())
                .long_help(spec.help());
            let arg = match spec.kind {
                OptionKind::Switch { .. } => arg.action(ArgAction::SetTrue),
                OptionKind::Value => arg.value_name(spec.value_name).action(ArgAction::Set),
                OptionKind::List => arg.value_name(spec.value_name).action(ArgAction::Append),
                OptionKind::Pairs => arg
                    .value_name(spec.value_name)
                    .action(ArgAction::Append)
                    .value_parser(|text: &str| split_pair(text).map(|_| text.to_owned())),
            };
            cmd = cmd.arg(arg);
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Every `schema/*.tl` of the current folder, sorted.
fn bundled_schemas() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("schema")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    found.sort();
    found
}

/// The bundled schema's boxing record, when run in this repository.
pub const BUNDLED_BOXING_RECORD: &str = "schema/boxing.lock";

/// The bundled docs pages, when run in this repository.
fn bundled_docs() -> Vec<PathBuf> {
    let dir = PathBuf::from("schema/docs");
    if dir.is_dir() {
        vec![dir]
    } else {
        Vec::new()
    }
}

impl Inputs {
    /// The inputs with the defaults filled in: the bundled schema (and its docs) when no
    /// schema is given. Fails when there is no schema at all.
    pub fn resolve(self) -> Result<Inputs, String> {
        if !self.schemas.is_empty() {
            return Ok(self);
        }
        let schemas = bundled_schemas();
        if schemas.is_empty() {
            return Err(
                "no schema files: pass --schema FILE or run where schema/*.tl exists".to_owned(),
            );
        }
        let docs = if self.docs.is_empty() {
            bundled_docs()
        } else {
            self.docs
        };
        let boxing_record = self.boxing_record.or_else(|| {
            let bundled = PathBuf::from(BUNDLED_BOXING_RECORD);
            bundled.is_file().then_some(bundled)
        });
        Ok(Inputs {
            schemas,
            docs,
            compat: self.compat,
            boxing_record,
        })
    }

    /// Schema and docs paths, comma-separated, for the summary.
    pub fn describe(&self) -> String {
        let inputs: Vec<String> = self
            .schemas
            .iter()
            .chain(&self.docs)
            .map(|p| p.display().to_string())
            .collect();
        inputs.join(", ")
    }

    /// A CLI configuration (no `cargo:` lines) reading these inputs, keeping `selection`.
    pub fn config(&self, selection: &SelectionFlags) -> Result<Config, String> {
        let mut config = Config::new().cargo_output(false);
        for s in &self.schemas {
            config = config.schema(s);
        }
        for d in &self.docs {
            config = config.docs(d);
        }
        for c in &self.compat {
            config = config.compat_schema(c);
        }
        if let Some(record) = &self.boxing_record {
            config = config.boxing_record(record);
        }
        selection.apply(config)
    }
}
