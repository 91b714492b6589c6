//! Reading TDLib's JSON form: [`FromJson`], over serde_json's streaming deserializer.
//!
//! A generated struct reads its fields in any order, ignores fields it does not know (those a
//! newer TDLib added), and takes a missing or `null` number, string, `bytes`, `Bool` or list as
//! TDLib's own reader does: as zero, empty, `false`. A missing object is `None` where the
//! schema says it may be null, an error elsewhere. A generated enum reads `@type` first
//! (where TDLib writes it); an object with `@type` elsewhere is read too, through a buffer.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use bytes::Bytes;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::error::JsonError;
use super::unknown::UnknownObject;
use super::write::{JsonCodec, JsonWriter};
use crate::wire::{Identifiable, TlString};

/// A value readable from TDLib's JSON form.
pub trait FromJson: Sized {
    /// Reads a value from JSON text (the whole text: anything after the value is an error).
    /// Generated types implement it with this same body: a non-generic function of theirs,
    /// so that their reader is compiled once, in the bindings crate.
    fn from_json(json: &str) -> Result<Self, JsonError> {
        from_str(json)
    }

    /// Reads a value from a serde deserializer.
    #[doc(hidden)]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// A generated struct: the fields of its object, `@type` aside.
#[doc(hidden)]
pub trait JsonObject: Sized + Identifiable {
    /// Reads the entries left in `map` into the struct.
    fn read_fields<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
}

/// A generated enum: its variant by `@type`.
#[doc(hidden)]
pub trait JsonEnum: Sized {
    /// Reads the rest of an object whose `@type` is `name` (already read), or `None` when no
    /// variant has that name (the rest is then read as an [`UnknownObject`]).
    fn read_variant<'de, A: MapAccess<'de>>(
        name: &str,
        map: &mut A,
    ) -> Result<Option<Self>, A::Error>;

    /// The value of a `@type` this build does not know.
    fn unknown(object: UnknownObject) -> Self;
}

/// Reads `T` from all of `json`: what generated `from_json` methods call.
pub fn from_str<T: FromJson>(json: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = T::read_json(&mut de)?;
    de.end()?;
    Ok(value)
}

/// An object key, borrowed from the input where it has no escapes.
#[doc(hidden)]
pub struct Key<'de>(Cow<'de, str>);

impl std::ops::Deref for Key<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// `T` read through its [`FromJson`].
struct Json<T>(T);

impl<'de, T: FromJson> de::Deserialize<'de> for Json<T> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read_json(d).map(Json)
    }
}

/// A value read through codec `C`.
struct With<C: JsonCodec>(C::Value);

impl<'de, C: JsonCodec> de::Deserialize<'de> for With<C> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        C::read(d).map(With)
    }
}

/// What a list's elements are read as: [`Json`] or [`With`], and the value each holds.
trait Element<'de>: de::Deserialize<'de> {
    type Value;
    fn into_value(self) -> Self::Value;
}

impl<'de, T: FromJson> Element<'de> for Json<T> {
    type Value = T;
    fn into_value(self) -> T {
        self.0
    }
}

impl<'de, C: JsonCodec> Element<'de> for With<C> {
    type Value = C::Value;
    fn into_value(self) -> C::Value {
        self.0
    }
}

/// A JSON list, each element read as an `E`.
fn read_list<'de, D: Deserializer<'de>, E: Element<'de>>(d: D) -> Result<Vec<E::Value>, D::Error> {
    struct SeqVisitor<E>(PhantomData<E>);
    impl<'de, E: Element<'de>> Visitor<'de> for SeqVisitor<E> {
        type Value = Vec<E::Value>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
            // Grown as elements come: a claimed length is not trusted.
            let mut out = Vec::new();
            while let Some(element) = seq.next_element::<E>()? {
                out.push(element.into_value());
            }
            Ok(out)
        }
    }
    d.deserialize_seq(SeqVisitor::<E>(PhantomData))
}

/// The next field's value: `None` for `null` (then read as if absent).
#[doc(hidden)]
#[inline]
pub fn value<'de, A: MapAccess<'de>, T: FromJson>(map: &mut A) -> Result<Option<T>, A::Error> {
    Ok(map.next_value::<Option<Json<T>>>()?.map(|v| v.0))
}

/// The next field's value, read through codec `C`.
#[doc(hidden)]
#[inline]
pub fn value_with<'de, A: MapAccess<'de>, C: JsonCodec>(
    map: &mut A,
) -> Result<Option<C::Value>, A::Error> {
    Ok(map.next_value::<Option<With<C>>>()?.map(|v| v.0))
}

/// A field no parameter has: `@type` must name `T` (if it is there at all), anything else
/// is skipped (a field of a newer TDLib, `@extra`, `@client_id`).
#[doc(hidden)]
pub fn other_key<'de, A: MapAccess<'de>, T: Identifiable>(
    map: &mut A,
    key: &str,
) -> Result<(), A::Error> {
    if key == "@type" {
        let name: Key = map.next_value()?;
        if &*name != T::TL_NAME {
            return Err(de::Error::custom(format_args!(
                "expected an object of type `{}`, found `{}`",
                T::TL_NAME,
                &*name
            )));
        }
    } else {
        map.next_value::<de::IgnoredAny>()?;
    }
    Ok(())
}

/// A field that has no default (an object not documented as nullable), present.
#[doc(hidden)]
#[inline]
pub fn required<O: Identifiable, T, E: de::Error>(value: Option<T>, field: &str) -> Result<T, E> {
    value.ok_or_else(|| E::custom(format_args!("missing field `{field}` of `{}`", O::TL_NAME)))
}

/// Reads a generated struct's object.
#[doc(hidden)]
#[inline]
pub fn read_object<'de, D: Deserializer<'de>, T: JsonObject>(d: D) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<T>);
    impl<'de, T: JsonObject> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an object of type `{}`", T::TL_NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            T::read_fields(&mut map)
        }
    }
    d.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads a generated enum's object: its variant by `@type`.
#[doc(hidden)]
pub fn read_enum<'de, D: Deserializer<'de>, T: JsonEnum>(d: D) -> Result<T, D::Error> {
    struct EnumVisitor<T>(PhantomData<T>);
    impl<'de, T: JsonEnum> Visitor<'de> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object with `@type`")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let Some(first) = map.next_key::<Key>()? else {
                return Err(de::Error::custom("an object without `@type`"));
            };
            if &*first == "@type" {
                let name: Key = map.next_value()?;
                return variant(&name, &mut map);
            }
            // `@type` later on: buffer the object, then read it again with its type known.
            let mut fields = serde_json::Map::new();
            let value: serde_json::Value = map.next_value()?;
            fields.insert(first.0.into_owned(), value);
            while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
                fields.insert(key, value);
            }
            let Some(serde_json::Value::String(name)) = fields.remove("@type") else {
                return Err(de::Error::custom("an object without `@type` as a string"));
            };
            let text = serde_json::Value::Object(fields).to_string();
            let mut again = serde_json::Deserializer::from_str(&text);
            again
                .deserialize_map(Rest::<T>(&name, PhantomData))
                .map_err(de::Error::custom)
        }
    }

    /// The object without its `@type`, read as variant `.0`.
    struct Rest<'n, T>(&'n str, PhantomData<T>);
    impl<'de, T: JsonEnum> Visitor<'de> for Rest<'_, T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            variant(self.0, &mut map)
        }
    }

    fn variant<'de, A: MapAccess<'de>, T: JsonEnum>(
        name: &str,
        map: &mut A,
    ) -> Result<T, A::Error> {
        if let Some(value) = T::read_variant(name, map)? {
            return Ok(value);
        }
        let mut fields = serde_json::Map::new();
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            fields.insert(key, value);
        }
        Ok(T::unknown(UnknownObject::new(name.to_owned(), fields)))
    }

    d.deserialize_map(EnumVisitor(PhantomData))
}

/// An integer in `min..=max`, from a JSON number or a string holding one (TDLib accepts both;
/// it writes `int64` as a string).
struct Integer {
    min: i64,
    max: i64,
    what: &'static str,
}

impl Integer {
    fn check<E: de::Error>(&self, v: i64) -> Result<i64, E> {
        if (self.min..=self.max).contains(&v) {
            Ok(v)
        } else {
            Err(E::custom(format_args!(
                "{v} is out of range for {}",
                self.what
            )))
        }
    }
}

impl Visitor<'_> for Integer {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (a number or a string of one)", self.what)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        self.check(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        match i64::try_from(v) {
            Ok(v) => self.check(v),
            Err(_) => Err(E::custom(format_args!(
                "{v} is out of range for {}",
                self.what
            ))),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        match v.parse::<i64>() {
            Ok(n) => self.check(n),
            Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

impl FromJson for i32 {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = d.deserialize_any(Integer {
            min: i32::MIN.into(),
            max: i32::MAX.into(),
            what: "an int32",
        })?;
        // In range: checked above.
        Ok(v as i32)
    }
}

/// TDLib's `int64`: a JSON string (as TDLib writes it) or a number.
impl FromJson for i64 {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Integer {
            min: i64::MIN,
            max: i64::MAX,
            what: "an int64",
        })
    }
}

/// TDLib's `int53`: an `i64` that TDLib writes as a JSON number (and reads from a number or a
/// string).
#[derive(Debug, Clone, Copy)]
pub struct Int53;

impl JsonCodec for Int53 {
    type Value = i64;

    #[inline]
    fn write(value: &i64, out: &mut JsonWriter) {
        out.integer(*value);
    }

    #[inline]
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(Integer {
            min: i64::MIN,
            max: i64::MAX,
            what: "an int53",
        })
    }
}

/// A list of values written and read through codec `C` (`vector<int53>`).
#[derive(Debug, Clone, Copy)]
pub struct VecOf<C>(PhantomData<C>);

impl<C: JsonCodec> JsonCodec for VecOf<C> {
    type Value = Vec<C::Value>;

    fn write(value: &Vec<C::Value>, out: &mut JsonWriter) {
        out.list(value, C::write);
    }

    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<C::Value>, D::Error> {
        read_list::<D, With<C>>(d)
    }
}

impl FromJson for f64 {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <f64 as de::Deserialize>::deserialize(d)
    }
}

impl FromJson for bool {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <bool as de::Deserialize>::deserialize(d)
    }
}

impl FromJson for TlString {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StringVisitor;
        impl Visitor<'_> for StringVisitor {
            type Value = TlString;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<TlString, E> {
                Ok(TlString::from(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<TlString, E> {
                Ok(TlString::from(v))
            }
        }
        d.deserialize_str(StringVisitor)
    }
}

/// `bytes`: standard base64 with padding.
impl FromJson for Bytes {
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Base64Visitor;
        impl Visitor<'_> for Base64Visitor {
            type Value = Bytes;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("bytes as a base64 string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                base64::engine::general_purpose::STANDARD
                    .decode(v)
                    .map(Bytes::from)
                    .map_err(|e| E::custom(format_args!("bytes that are not base64: {e}")))
            }
        }
        d.deserialize_str(Base64Visitor)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_list::<D, Json<T>>(d)
    }
}

/// A nullable object: `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(<Option<Json<T>> as de::Deserialize>::deserialize(d)?.map(|v| v.0))
    }
}

impl<T: FromJson> FromJson for Box<T> {
    #[inline]
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read_json(d).map(Box::new)
    }
}
