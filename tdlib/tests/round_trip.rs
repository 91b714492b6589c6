//! Every constructor of td_api 1.8.66, as a JSON value this test makes from the schema alone
//! (with int64 extremes, every byte value, non-ASCII text, lists, null objects left out), read
//! into the generated types and written back: the same JSON tree, with nothing unknown.

#[macro_use]
mod common;

needs_the_whole_td_api!();

#[cfg(td_api_full)]
mod with_the_whole_td_api {
    use super::common;

    use serde_json::{json, Map, Value};
    use tl_codegen::model::{CtorId, FieldKind, Model, Ty};

    /// Makes sample values, varied by a counter so that the extremes all appear.
    struct Samples<'m> {
        model: &'m Model,
        n: usize,
        /// Per type: the constructor reached with the fewest nested required objects.
        simplest: Vec<CtorId>,
    }

    const MAX_DEPTH: usize = 12;

    impl<'m> Samples<'m> {
        fn new(model: &'m Model) -> Self {
            // Required object fields of a constructor, counted by type.
            let required = |c: CtorId| -> Vec<usize> {
                model.constructors[c.0]
                    .params
                    .iter()
                    .filter_map(|p| match &p.kind {
                        FieldKind::Value {
                            ty: Ty::Boxed(t), ..
                        } => Some(t.0),
                        _ => None,
                    })
                    .collect()
            };
            // Fixed point: a type is finished when one of its constructors needs only finished
            // types (bare constructors and vectors are left empty or filled at shallow depths).
            let mut simplest: Vec<Option<CtorId>> = vec![None; model.types.len()];
            loop {
                let mut changed = false;
                for (t, ty) in model.types.iter().enumerate() {
                    if simplest[t].is_some() {
                        continue;
                    }
                    if let Some(&c) = ty
                        .constructors
                        .iter()
                        .find(|&&c| required(c).iter().all(|&u| simplest[u].is_some()))
                    {
                        simplest[t] = Some(c);
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
            let simplest = simplest
                .into_iter()
                .enumerate()
                .map(|(t, c)| c.unwrap_or_else(|| model.types[t].constructors[0]))
                .collect();
            Self {
                model,
                n: 0,
                simplest,
            }
        }

        fn next(&mut self) -> usize {
            self.n += 1;
            self.n
        }

        fn object(&mut self, c: CtorId, depth: usize) -> Value {
            assert!(
                depth < MAX_DEPTH,
                "no finite value through {}",
                self.model.constructors[c.0].name
            );
            let item = &self.model.constructors[c.0];
            let mut map = Map::new();
            map.insert("@type".into(), Value::String(item.name.to_string()));
            for p in &item.params {
                let FieldKind::Value { ty, .. } = &p.kind else {
                    unreachable!("td_api has no `#` words")
                };
                if let Some(value) = self.value(ty, depth) {
                    map.insert(p.name.clone(), value);
                }
            }
            Value::Object(map)
        }

        /// A value of `ty`, or `None` for a null object (left out).
        fn value(&mut self, ty: &Ty, depth: usize) -> Option<Value> {
            let n = self.next();
            Some(match ty {
                Ty::Int => json!([i32::MIN, -1, 0, 7, i32::MAX][n % 5]),
                Ty::Int53 => json!([-(1i64 << 53) + 1, (1i64 << 53) - 1, 0, 42][n % 4]),
                Ty::Long => json!([i64::MIN, i64::MAX, -1, 123_456_789_012_345][n % 4].to_string()),
                Ty::Double => json!([1.5, -0.25, 1e300, 0.0][n % 4]),
                Ty::String => json!(["", "plain", "é ✓ \"q\" \\ \n\t 𝄞 \u{1} Ω"][n % 3]),
                Ty::Bytes => {
                    let every: String = match n % 3 {
                        0 => String::new(),
                        1 => base64_of(&(0..=255u8).collect::<Vec<u8>>()),
                        _ => base64_of(b"ab"),
                    };
                    json!(every)
                }
                Ty::Bool => json!(n.is_multiple_of(2)),
                Ty::Vector { elem, .. } => {
                    let len = if depth > 3 { 0 } else { 2 };
                    let items: Vec<Value> = (0..len)
                        .map(|_| self.value(elem, depth + 1).unwrap_or(Value::Null))
                        .collect();
                    Value::Array(items)
                }
                Ty::Nullable(inner) => {
                    if depth > 2 || n.is_multiple_of(3) {
                        return None;
                    }
                    return self.value(inner, depth);
                }
                Ty::Boxed(t) => {
                    let ctors = &self.model.types[t.0].constructors;
                    let c = if depth < 3 {
                        ctors[n % ctors.len()]
                    } else {
                        self.simplest[t.0]
                    };
                    self.object(c, depth + 1)
                }
                Ty::Bare(c) => self.object(*c, depth + 1),
                other => panic!("no JSON form for {other:?}"),
            })
        }
    }

    fn base64_of(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    fn model() -> Model {
        tl_codegen::Config::new()
            .schema(tl_tdlib::SCHEMA)
            .cargo_output(false)
            .load()
            .expect("the schema loads")
            .0
    }

    #[test]
    fn every_constructor_reads_and_writes_back_the_same_json() {
        let model = model();
        // 2,161 with `boolFalse` and `boolTrue`, which are Rust's `bool`.
        assert_eq!(
            model.constructors.len() + model.bool_constructors.len(),
            2_161
        );
        let mut samples = Samples::new(&model);
        let mut checked = 0;
        // Each constructor three times, with different values.
        for round in 0..3 {
            for (t, ty) in model.types.iter().enumerate() {
                for &c in &ty.constructors {
                    samples.n = c.0 * 7 + round;
                    let value = samples.object(c, 0);
                    let text = value.to_string();
                    let type_name = model.types[t].name.to_string();
                    let back = tl_tdlib::by_type::reencode(&type_name, &text)
                        .expect("every type is in the table")
                        .unwrap_or_else(|e| panic!("{e}\n{text}"));
                    assert!(!back.holds_unknown, "{text}");
                    assert_eq!(common::tree(&back.json), value, "{text}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 3 * 2_159);
    }

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64_of(b""), "");
        assert_eq!(base64_of(b"a"), "YQ==");
        assert_eq!(base64_of(b"ab"), "YWI=");
        assert_eq!(base64_of(b"abc"), "YWJj");
    }
}
