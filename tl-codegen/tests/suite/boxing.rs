//! The boxing record (`Config::boxing_record`): which fields hold their value in a `Box`
//! stays the same from layer to layer.
//!
//! Telegram's history is the test: the eleven older layers of `compat_history` (146 to 229,
//! from crates.io packages) and the bundled 230, upgraded one after the other as a user
//! would, recording after each. Without a record, `tl-codegen diff` finds boxing changes
//! between most consecutive pairs; with one, none. The bundled record must be up to date,
//! and a record made from a schema must not change that schema's bindings.

use crate::common::skip_or_fail;
use crate::compat_history::{load, older_layer_files, LAYERS};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tl_codegen::model::{type_text, BoxingRecord, Field, FieldKind, Item, Model};
use tl_codegen::plan::layout::{layout, updated_record, Layout, Shape};
use tl_codegen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn bundled() -> Model {
    Config::new()
        .cargo_output(false)
        .schema(root().join("schema/api.tl"))
        .schema(root().join("schema/mtproto.tl"))
        .load()
        .unwrap()
        .0
}

fn with_record(model: &Model, record: &BoxingRecord) -> Model {
    Model {
        boxing: record.clone(),
        ..model.clone()
    }
}

/// Boxing changes between the bindings of two models: a parameter of the same name and type
/// in a constructor or function of both, boxed in one and not in the other, and a variant
/// boxed in one and not in the other. (Counted here from the layouts, independently of
/// `tl-codegen diff`, which reports the same changes as "(boxing; ...)".)
fn boxing_changes(old: &Model, new: &Model) -> Vec<String> {
    let (old_layout, new_layout) = (layout(old), layout(new));
    let mut changes = Vec::new();
    let mut compare = |kind: &str,
                       old_items: &[Item],
                       old_shapes: &[Shape],
                       new_items: &[Item],
                       new_shapes: &[Shape]| {
        let by_name: HashMap<String, usize> = old_items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.compat_layer.is_none())
            .map(|(n, i)| (i.name.to_string(), n))
            .collect();
        for (n, item) in new_items.iter().enumerate() {
            let Some(&o) = by_name.get(&item.name.to_string()) else {
                continue;
            };
            let old_item = &old_items[o];
            for (p, param) in item.params.iter().enumerate() {
                let Some(q) = old_item.params.iter().position(|x| x.name == param.name) else {
                    continue;
                };
                let same_type = value_type(old, &old_item.params[q]) == value_type(new, param);
                let (was, is) = (
                    old_shapes[o].boxed_params.contains(&q),
                    new_shapes[n].boxed_params.contains(&p),
                );
                if same_type && was != is {
                    changes.push(format!(
                        "{kind} {}.{}: boxed {was} -> {is}",
                        item.name, param.name
                    ));
                }
            }
        }
    };
    compare(
        "constructor",
        &old.constructors,
        &old_layout.constructors,
        &new.constructors,
        &new_layout.constructors,
    );
    compare(
        "function",
        &old.functions,
        &old_layout.functions,
        &new.functions,
        &new_layout.functions,
    );
    let boxed_variants = |model: &Model, layout: &Layout| -> HashSet<String> {
        layout
            .boxed_variants
            .iter()
            .map(|&c| model.constructors[c].name.to_string())
            .collect()
    };
    let (was, is) = (
        boxed_variants(old, &old_layout),
        boxed_variants(new, &new_layout),
    );
    for name in was.symmetric_difference(&is) {
        if old.constructors.iter().any(|c| c.name.to_string() == *name)
            && new.constructors.iter().any(|c| c.name.to_string() == *name)
        {
            changes.push(format!(
                "variant {name}: boxed {} -> {}",
                was.contains(name),
                is.contains(name)
            ));
        }
    }
    changes
}

/// A parameter's type, and whether it is optional (not its flag bit, which boxing ignores).
fn value_type(model: &Model, field: &Field) -> Option<(String, bool)> {
    match &field.kind {
        FieldKind::Value { ty, condition } => Some((type_text(model, ty), condition.is_some())),
        FieldKind::Flags => None,
    }
}

fn same_boxing(a: &Layout, b: &Layout) -> bool {
    a.boxed_variants == b.boxed_variants
        && a.constructors
            .iter()
            .zip(&b.constructors)
            .all(|(x, y)| x.boxed_params == y.boxed_params)
        && a.functions
            .iter()
            .zip(&b.functions)
            .all(|(x, y)| x.boxed_params == y.boxed_params)
}

#[test]
fn upgrading_through_telegrams_history_boxes_nothing_differently() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compat-history");
    let mut files = match older_layer_files(&base) {
        Ok(files) => files,
        Err(why) => return skip_or_fail(&format!("the older layers are not available: {why}")),
    };
    files.push(root().join("schema/api.tl"));
    let models: Vec<Model> = files.iter().map(|f| load(f)).collect();
    let layers: Vec<String> = LAYERS
        .iter()
        .map(|l| l.2.to_string())
        .chain(["230 (bundled)".to_owned()])
        .collect();
    // The user starts with the oldest layer and no record.
    let mut record = updated_record(&models[0]);
    let (mut before_total, mut after_total) = (0, 0);
    for i in 1..models.len() {
        let before = boxing_changes(&models[i - 1], &models[i]).len();
        let old = with_record(&models[i - 1], &record);
        let new = with_record(&models[i], &record);
        let after = boxing_changes(&old, &new);
        println!(
            "{} -> {}: {before} boxing changes without a record, {} with",
            layers[i - 1],
            layers[i],
            after.len()
        );
        assert!(
            after.is_empty(),
            "{} -> {}: {after:#?}",
            layers[i - 1],
            layers[i]
        );
        before_total += before;
        after_total += after.len();
        // Recording after the upgrade changes nothing in the new bindings.
        assert!(same_boxing(
            &layout(&new),
            &layout(&with_record(&new, &updated_record(&new)))
        ));
        record = updated_record(&new);
    }
    println!("in all: {before_total} without a record, {after_total} with");
    // The counting finds what the record prevents (133 field and 1 variant changes when
    // this was written).
    assert!(before_total > 100, "{before_total}");
}

#[test]
fn the_bundled_record_is_up_to_date() {
    let path = root().join("schema/boxing.lock");
    let text = std::fs::read_to_string(&path).unwrap();
    let record = BoxingRecord::parse(&path, &text).unwrap_or_else(|d| panic!("{d}"));
    let model = with_record(&bundled(), &record);
    assert_eq!(model.not_in_boxing_record(), Vec::<String>::new());
    assert!(
        updated_record(&model) == record,
        "schema/boxing.lock is not what `tl-codegen boxing` writes: run it in the workspace root"
    );
    assert_eq!(
        record.to_text(),
        text,
        "written as `tl-codegen boxing` writes it"
    );
}

#[test]
fn a_schemas_own_record_changes_none_of_its_bindings() {
    let mut models = vec![bundled()];
    let fixtures = root().join("tl-codegen/tests/fixtures/dialects");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tl") {
            models.push(load(&path));
        }
    }
    for model in &models {
        let own = updated_record(model);
        assert!(same_boxing(
            &layout(model),
            &layout(&with_record(model, &own))
        ));
    }
}

#[test]
fn a_record_keeps_a_field_inline_that_sizes_would_box_and_the_reverse() {
    let model = bundled();
    let plain = layout(&model);
    let message = model
        .constructors
        .iter()
        .position(|c| c.name.to_string() == "message")
        .unwrap();
    let param = |name: &str| {
        model.constructors[message]
            .params
            .iter()
            .position(|p| p.name == name)
            .unwrap()
    };
    let (media, peer) = (param("media"), param("peer_id"));
    assert!(plain.constructors[message].boxed_params.contains(&media));
    assert!(!plain.constructors[message].boxed_params.contains(&peer));
    let mut record = plain.record(&model);
    let decision = record.constructors.get_mut("message").unwrap();
    decision.boxed.remove("media");
    decision.inline.insert("media".into());
    decision.inline.remove("peer_id");
    decision.boxed.insert("peer_id".into());
    let kept = layout(&with_record(&model, &record));
    assert!(!kept.constructors[message].boxed_params.contains(&media));
    assert!(kept.constructors[message].boxed_params.contains(&peer));
}

#[test]
fn a_field_closing_a_cycle_is_boxed_whatever_the_record_says() {
    let path = Path::new("cycle.tl");
    let text = "node#1 next:Node value:int = Node;\nleaf#2 = Node;\n";
    let model = Config::new().cargo_output(false);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("boxing-cycle");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(path), text).unwrap();
    let model = model.schema(dir.join(path)).load().unwrap().0;
    let mut record = BoxingRecord::default();
    record.constructors.insert(
        "node".into(),
        tl_codegen::model::BoxingDecision {
            inline: ["next".to_owned()].into(),
            ..Default::default()
        },
    );
    let kept = layout(&with_record(&model, &record));
    let node = model
        .constructors
        .iter()
        .position(|c| c.name.to_string() == "node")
        .unwrap();
    assert!(kept.constructors[node].boxed_params.contains(&0));
}

/// A scratch folder with `api.tl` (the schema) in it.
fn scratch(name: &str, schema: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("api.tl"), schema).unwrap();
    dir
}

const SMALL: &str = "peer id:long = Peer;\nmsg peer:Peer text:string = Msg;\n";

#[test]
fn the_build_warns_about_a_missing_or_stale_record_and_rejects_a_malformed_one() {
    let dir = scratch("boxing-config", SMALL);
    let config = |record: &str| {
        Config::new()
            .cargo_output(false)
            .schema(dir.join("api.tl"))
            .boxing_record(dir.join(record))
    };
    let warnings = |record: &str| -> Vec<String> {
        config(record)
            .load()
            .unwrap()
            .1
            .iter()
            .map(|d| d.to_string())
            .collect()
    };
    // Missing: one warning, which says how to write it.
    let missing = warnings("none.lock");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("does not exist yet"), "{}", missing[0]);
    assert!(
        missing[0].contains("tl-codegen boxing --boxing-record"),
        "{}",
        missing[0]
    );
    // Complete: silent.
    std::fs::write(dir.join("full.lock"), "msg inline=peer\npeer\n").unwrap();
    assert_eq!(warnings("full.lock"), Vec::<String>::new());
    // A new parameter of a recorded constructor: named with its constructor.
    std::fs::write(dir.join("param.lock"), "msg\npeer\n").unwrap();
    let param = warnings("param.lock");
    assert_eq!(param.len(), 1, "{param:?}");
    assert!(param[0].contains("(`msg.peer`)"), "{}", param[0]);
    // Stale: names what it lacks.
    std::fs::write(dir.join("stale.lock"), "peer\n").unwrap();
    let stale = warnings("stale.lock");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(
        stale[0].contains(
            "1 constructors, functions and parameters are not in the boxing record (`msg`):"
        ),
        "{}",
        stale[0]
    );
    // Malformed: an error at its line and column.
    std::fs::write(dir.join("bad.lock"), "peer\nmsg boxed=peer colour=red\n").unwrap();
    let error = config("bad.lock").load().unwrap_err().to_string();
    assert!(error.contains("bad.lock:2:16"), "{error}");
    assert!(error.contains("unknown key `colour`"), "{error}");
}
