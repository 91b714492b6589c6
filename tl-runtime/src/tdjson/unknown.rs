//! [`UnknownObject`]: an object of a `@type` the bindings do not know, kept as it came.

use serde_json::{Map, Value};

use super::write::{JsonWriter, ToJson};

/// An object whose `@type` the bindings do not know (one a newer TDLib added): its type name
/// and its other fields, as JSON values. Written back, it is the object read (as a JSON
/// tree: `@type` first, then the fields in key order).
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownObject {
    type_name: String,
    fields: Map<String, Value>,
}

impl UnknownObject {
    /// An object of `type_name` with `fields` (`@type` among them is ignored).
    pub fn new(type_name: String, mut fields: Map<String, Value>) -> Self {
        fields.remove("@type");
        Self { type_name, fields }
    }

    /// Its `@type`.
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// Its fields but `@type`.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// The object as a JSON value, `@type` included.
    pub fn to_value(&self) -> Value {
        let mut map = self.fields.clone();
        map.insert("@type".to_owned(), Value::String(self.type_name.clone()));
        Value::Object(map)
    }
}

impl ToJson for UnknownObject {
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(b"{\"@type\":");
        out.string(&self.type_name);
        for (key, value) in &self.fields {
            out.raw(b",");
            out.string(key);
            out.raw(b":");
            out.value(value);
        }
        out.raw(b"}");
    }
}

/// As a JSON object, `@type` included (for the serde derives of `Config::serde`).
impl serde::Serialize for UnknownObject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for UnknownObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut fields = Map::deserialize(d)?;
        match fields.remove("@type") {
            Some(Value::String(name)) => Ok(Self::new(name, fields)),
            _ => Err(serde::de::Error::custom("an object without `@type`")),
        }
    }
}
