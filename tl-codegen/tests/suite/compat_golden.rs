//! Compatibility sources in the generated code, on a schema small enough to read: the file for
//! `tests/fixtures/compat/current.tl` with `layer20.tl` as a source is fixed by a golden copy
//! (`UPDATE_GOLDEN=1` rewrites it), and that copy, compiled here, reads hand-written bytes of
//! layer 20: `user` into today's struct, `photo` and `userDeleted` as variants of their own,
//! the latter holding a `Reason`, a type the current schema dropped.

use crate::common;

use std::path::{Path, PathBuf};

use tl_codegen::model::Fate;
use tl_codegen::Config;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compat")
        .join(name)
}

#[test]
fn compat_golden() {
    let generated = Config::new()
        .schema(fixture("current.tl"))
        .compat_schema(fixture("layer20.tl"))
        .cargo_output(false)
        .generate_string()
        .unwrap_or_else(|e| panic!("{e}"));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/compat_layer20.rs");
    common::assert_golden(&golden, &generated.code);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert!(
        generated.summary().ends_with(
            "compat: 5 older constructor(s): 1 read into current structs, 4 variants of their \
             own, 0 not used"
        ),
        "{}",
        generated.summary()
    );
    let fates: Vec<(String, bool)> = generated
        .model
        .compat
        .outcomes
        .iter()
        .map(|o| (o.name.clone(), o.fate == Fate::Mapped))
        .collect();
    assert_eq!(
        fates,
        [
            ("photo".to_owned(), false),
            ("user".to_owned(), true),
            ("reasonOther".to_owned(), false),
            ("reasonSpam".to_owned(), false),
            ("userDeleted".to_owned(), false),
        ]
    );
    // What users read in the docs.
    for needle in [
        "Read as a variant of [`User`](enums::User) also from the older form `user#10000001` \
         (layer 20), which servers may still send: what they lack is absent (`None`, `false`, \
         empty), and the value is written back as this constructor.",
        "/// Constructor `photo#10000002` of layer 20, replaced by [`Photo`](types::Photo): an \
         older form that servers may still send, read as a variant of [`Photo`](enums::Photo) \
         and written back as it was read.",
        "/// The type `Reason` of layer 20, which the current schema no longer has: kept for the \
         older constructors that hold it, which servers may still send.",
        "/// Also read from `#10000001` (layer 20).",
        // And what changed since, which is why it is a variant of its own.
        "and written back as it was read. Kept as its own: `date` is required and new.",
        "Kept as its own: the current schema has no `userDeleted`.",
    ] {
        assert!(generated.code.contains(needle), "no {needle:?}");
    }
}

#[allow(dead_code, clippy::all)]
mod golden {
    include!("../golden/compat_layer20.rs");
}

use golden::{enums, types};

/// Every id the bindings read has its name, the older ones too (`user#10000001` is read into
/// today's `user`, `photo#10000002` is a variant of its own).
#[test]
fn older_ids_have_their_names() {
    assert_eq!(golden::name_for_id(0x10000001), Some("user"));
    assert_eq!(golden::name_for_id(0x10000002), Some("photo"));
    assert_eq!(golden::name_for_id(0x9a4eac3d), Some("user"));
    assert_eq!(golden::name_for_id(0x12345678), None);
}
use tl_runtime::wire::{Deserialize, DeserializeError, Serialize};

/// A TL `string` of fewer than 254 bytes, padded.
fn tl_string(out: &mut Vec<u8>, s: &str) {
    out.push(s.len() as u8);
    out.extend_from_slice(s.as_bytes());
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

fn id(out: &mut Vec<u8>, id: u32) {
    out.extend_from_slice(&id.to_le_bytes());
}

#[test]
fn an_older_user_is_read_into_todays_struct_and_written_back_as_today() {
    // user#10000001 id:long name:string = User; (layer 20)
    let mut old = Vec::new();
    id(&mut old, 0x1000_0001);
    old.extend_from_slice(&7i64.to_le_bytes());
    tl_string(&mut old, "ada");
    let enums::User::User(user) = enums::User::from_bytes(old).unwrap() else {
        panic!("not read into `types::User`")
    };
    assert_eq!(user, types::User::new(7, "ada".into(), Vec::new()));
    // Written back as today's `user`: its id, no flags, the same fields, an empty vector.
    let mut today = Vec::new();
    id(&mut today, 0x9a4e_ac3d);
    id(&mut today, 0);
    today.extend_from_slice(&7i64.to_le_bytes());
    tl_string(&mut today, "ada");
    id(&mut today, 0x1cb5_c415);
    id(&mut today, 0);
    assert_eq!(enums::User::User(user).to_bytes(), today);
}

#[test]
fn older_constructors_of_their_own_keep_what_they_carry_and_their_bytes() {
    // photo#10000002 id:long = Photo; (layer 20; today's has a required `date`)
    let mut photo = Vec::new();
    id(&mut photo, 0x1000_0002);
    photo.extend_from_slice(&9i64.to_le_bytes());
    let value = enums::Photo::from_bytes(photo.clone()).unwrap();
    assert_eq!(
        value,
        enums::Photo::PhotoLayer20(types::PhotoLayer20 { id: 9 })
    );
    assert_eq!(value.constructor_id(), 0x1000_0002);
    assert_eq!(value.to_bytes(), photo);

    // userDeleted#10000005 id:long reason:Reason = User; with reasonOther#10000007 text:string
    // = Reason; (`Reason` is not in today's schema)
    let mut deleted = Vec::new();
    id(&mut deleted, 0x1000_0005);
    deleted.extend_from_slice(&5i64.to_le_bytes());
    id(&mut deleted, 0x1000_0007);
    tl_string(&mut deleted, "spam");
    let value = enums::User::from_bytes(deleted.clone()).unwrap();
    let enums::User::DeletedLayer20(ref d) = value else {
        panic!("{value:?}")
    };
    assert_eq!(d.id, 5);
    assert_eq!(
        d.reason,
        enums::ReasonLayer20::Other(types::ReasonOtherLayer20 {
            text: "spam".into()
        })
    );
    assert_eq!(value.to_bytes(), deleted);
}

#[test]
fn damaged_older_values_are_errors() {
    // The older user with its name cut short.
    let mut old = Vec::new();
    id(&mut old, 0x1000_0001);
    old.extend_from_slice(&7i64.to_le_bytes());
    old.extend_from_slice(&[3, b'a']);
    assert!(matches!(
        enums::User::from_bytes(old),
        Err(DeserializeError::UnexpectedEof { .. })
    ));
    // An id no layer had.
    let err = enums::Photo::from_bytes(0x1000_0099u32.to_le_bytes().to_vec()).unwrap_err();
    assert!(
        matches!(
            err,
            DeserializeError::UnexpectedConstructor {
                id: 0x1000_0099,
                ..
            }
        ),
        "{err:?}"
    );
}
