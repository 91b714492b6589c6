//! TDLib's JSON interface (feature `tdjson`): the JSON form of bindings generated with
//! `Config::tdlib_json`, and a [`client`] over `libtdjson` loaded at run time.
//!
//! The form is TDLib's own: every object carries `@type` with its TL name; `int64` is a JSON
//! string (and is read from a string or a number), `int32`, `int53` and `double` are numbers,
//! `bytes` is standard padded base64, `Bool` is `true`/`false`, a null object is left out (and
//! read as `None` when absent or `null`). An object whose `@type` the bindings do not know is
//! not an error: it is kept as an [`UnknownObject`] (each enum's `Unknown` variant) and
//! written back as it came.

pub mod client;
mod error;
mod function;
mod read;
mod unknown;
mod write;

pub use error::JsonError;
pub use function::Function;
pub use read::{from_str, FromJson, Int53, VecOf};
#[doc(hidden)]
pub use read::{
    other_key, read_enum, read_object, required, value, value_with, JsonEnum, JsonObject, Key,
};
#[doc(hidden)]
pub use serde::de::{Deserializer, MapAccess};
pub use unknown::UnknownObject;
pub use write::{JsonCodec, JsonWriter, ToJson};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::TlString;
    use bytes::Bytes;

    #[test]
    fn numbers_as_tdlib_writes_and_reads_them() {
        assert_eq!(i64::MIN.to_json(), "\"-9223372036854775808\"");
        assert_eq!(
            from_str::<i64>("\"9223372036854775807\"").unwrap(),
            i64::MAX
        );
        assert_eq!(from_str::<i64>("-5").unwrap(), -5);
        assert_eq!((-7i32).to_json(), "-7");
        assert_eq!(from_str::<i32>("\"12\"").unwrap(), 12);
        assert!(from_str::<i32>("2147483648").is_err());
        assert!(from_str::<i64>("\"12x\"").is_err());
        let mut out = JsonWriter::new();
        Int53::write(&9_007_199_254_740_991, &mut out);
        assert_eq!(out.as_str(), "9007199254740991");
        assert_eq!(1.5f64.to_json(), "1.5");
        assert_eq!(from_str::<f64>("3").unwrap(), 3.0);
        assert_eq!(true.to_json(), "true");
    }

    #[test]
    fn bytes_are_padded_base64_and_strings_escaped() {
        let every: Bytes = (0..=255u8).collect::<Vec<u8>>().into();
        let json = every.to_json();
        assert!(
            json.starts_with("\"AAECAwQF") && json.ends_with("=\""),
            "{json}"
        );
        assert_eq!(from_str::<Bytes>(&json).unwrap(), every);
        assert_eq!(Bytes::from_static(b"a").to_json(), "\"YQ==\"");
        assert!(from_str::<Bytes>("\"YQ\"").is_err(), "padding is required");
        let text = TlString::from("é \"q\" \\ \n 𝄞 \u{0}");
        let json = text.to_json();
        assert_eq!(json, r#""é \"q\" \\ \n 𝄞 \u0000""#);
        assert_eq!(from_str::<TlString>(&json).unwrap(), text);
    }

    #[test]
    fn null_objects_are_left_out_and_listed_as_null() {
        let mut out = JsonWriter::new();
        out.begin("x");
        out.field("a", &None::<i32>);
        out.field("b", &Some(3));
        out.field("c", &vec![None, Some(1)]);
        out.end();
        assert_eq!(out.as_str(), r#"{"@type":"x","b":3,"c":[null,1]}"#);
        assert_eq!(from_str::<Option<i32>>("null").unwrap(), None);
        assert_eq!(
            from_str::<Vec<Option<i32>>>("[null,2]").unwrap(),
            [None, Some(2)]
        );
        out.append_extra(9);
        assert!(
            out.as_str().ends_with(r#","@extra":9}"#),
            "{}",
            out.as_str()
        );
    }

    #[test]
    fn an_unknown_object_writes_back_what_it_read() {
        let fields = serde_json::json!({"a": [1, "2"], "b": {"@type": "y"}});
        let serde_json::Value::Object(fields) = fields else {
            unreachable!()
        };
        let object = UnknownObject::new("newThing".to_owned(), fields);
        let json = object.to_json();
        assert!(json.starts_with(r#"{"@type":"newThing","#), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, object.to_value());
        let via_serde: UnknownObject = serde_json::from_str(&json).unwrap();
        assert_eq!(via_serde, object);
    }
}
