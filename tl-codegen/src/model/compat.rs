//! Constructors of older layers that the current bindings still read: compatibility sources
//! ([`crate::Config::compat_schema`]).
//!
//! Servers sometimes answer with a constructor of a layer older than the one the client
//! announced. Each constructor of an older schema whose id the current one lacks, but whose
//! name or whose type it still has, becomes one of three things:
//!
//! - **Read into the current constructor's struct** ([`CompatReader`]), when every current
//!   field can be filled from it: each old parameter is a current one of the same name and
//!   type (a required one may have become optional), each current parameter it lacks is
//!   optional (then absent) or a vector (then empty), and parameters that share a flag bit
//!   now shared one then. Written back, it is the current constructor.
//! - **A constructor of its own** in its type's enum (an [`Item`] with
//!   [`Item::compat_layer`] set, after the current ones), so that nothing it carries is lost.
//!   It is named after the newest given layer that has it and written back as it was read.
//! - **Unusable**, when a bare constructor one of its parameters holds is gone (a bare
//!   value carries no id to read it by), or when its type is gone, its name now builds
//!   another type, and no older constructor needs its type.
//!
//! A boxed type that an older constructor needs and the current schema dropped is brought
//! back from the newest layer that needs it, with its constructors, as a type of its own
//! ([`TypeDef::compat_layer`](super::TypeDef::compat_layer): `enums::PremiumGiftOptionLayer186`).
//!
//! What became of each one is kept in [`Compat::outcomes`] for the summary and `check`.

use std::fmt;
use std::path::PathBuf;

use super::item::{CtorId, FieldKind, Item};

/// The compatibility part of a model.
#[derive(Debug, Clone, Default)]
pub struct Compat {
    /// Older constructors read into a current constructor's struct.
    pub readers: Vec<CompatReader>,
    /// What became of every older constructor considered, in the order considered (newest
    /// layer first).
    pub outcomes: Vec<CompatOutcome>,
}

impl Compat {
    /// How many were read into current structs, became variants of their own, and could not
    /// be used.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for o in &self.outcomes {
            match o.fate {
                Fate::Mapped => counts.0 += 1,
                Fate::Variant { .. } => counts.1 += 1,
                Fate::Unusable { .. } => counts.2 += 1,
            }
        }
        counts
    }

    /// One line for summaries: `compat: 287 older constructor(s): 158 read into current
    /// structs, 122 variants of their own, 7 not used`.
    pub fn summary(&self) -> String {
        let (mapped, variants, unusable) = self.counts();
        format!(
            "compat: {} older constructor(s): {mapped} read into current structs, {variants} \
             variants of their own, {unusable} not used",
            self.outcomes.len()
        )
    }

    /// The readers into constructor `c`.
    pub fn readers_into(&self, c: CtorId) -> impl Iterator<Item = &CompatReader> {
        self.readers.iter().filter(move |r| r.target == c)
    }
}

/// An older constructor read into a current one's struct.
#[derive(Debug, Clone)]
pub struct CompatReader {
    /// The older constructor, its types resolved in the current model (its
    /// [`Item::compat_layer`] set).
    pub item: Item,
    /// The current constructor it is read into.
    pub target: CtorId,
}

impl CompatReader {
    /// The layer it comes from.
    pub fn layer(&self) -> i32 {
        self.item.compat_layer.unwrap_or_default()
    }

    /// For each parameter of the target: the older parameter it is read from, if any.
    pub fn sources(&self, target: &Item) -> Vec<Option<usize>> {
        target
            .params
            .iter()
            .map(|f| match f.kind {
                FieldKind::Flags => None,
                FieldKind::Value { .. } => self
                    .item
                    .params
                    .iter()
                    .position(|o| o.name == f.name && o.kind != FieldKind::Flags),
            })
            .collect()
    }
}

/// What became of one older constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompatOutcome {
    /// Its TL name.
    pub name: String,
    /// Its id.
    pub id: u32,
    /// The newest layer given that has it.
    pub layer: i32,
    /// The file it was read from, and the line.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What became of it.
    pub fate: Fate,
}

/// What became of an older constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Read into the current constructor of the same name.
    Mapped,
    /// A constructor and variant of its own.
    Variant {
        /// Why it is not read into the current constructor.
        reason: String,
    },
    /// Not generated.
    Unusable {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for CompatOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}#{:08x}` (layer {}) ",
            self.file.display(),
            self.line,
            self.name,
            self.id,
            self.layer
        )?;
        match &self.fate {
            Fate::Mapped => write!(f, "is read into the current `{}`", self.name),
            Fate::Variant { reason } => write!(f, "is a variant of its own: {reason}"),
            Fate::Unusable { reason } => write!(f, "is not used: {reason}"),
        }
    }
}
