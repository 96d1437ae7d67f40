//! From a request document (element names, as the spec writes them) to the generated
//! request types (Rust names, Rust types), driven by the types themselves.
//!
//! The generated structs name their fields in snake_case (`DnAttributes` →
//! `dn_attributes`), collapse list wrappers into a `Vec` of the items (`QCStatements` →
//! `Vec<QCStatement>`), hold allowed-value sets as enums read from text (`Year` "1") and
//! plain `xs:int`/`xs:boolean` as numbers and booleans. Rather than copying those naming
//! and typing rules (and breaking when the generator changes them), this deserializer
//! answers what each type asks for: a struct's fields are matched to the document's keys
//! ignoring case and underscores; text is given where text is wanted and numbers or
//! booleans parsed from text where those are wanted; a list wrapper's single key is
//! stepped over when a list is wanted. Errors name the element path.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A deserialization error at an element path.
#[derive(Debug)]
pub struct Error {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            path: String::new(),
            message: message.to_string(),
        }
    }
}

/// Deserializes `T` from a document keyed by element names.
pub fn from_document<T: de::DeserializeOwned>(value: &Value) -> Result<T, Error> {
    T::deserialize(Lenient {
        value,
        path: String::new(),
    })
}

/// The key a name is compared by: ASCII letters and digits, lower case.
pub fn normalized(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

struct Lenient<'a> {
    value: &'a Value,
    path: String,
}

impl Lenient<'_> {
    fn at(&self, error: Error) -> Error {
        if error.path.is_empty() && !self.path.is_empty() {
            Error {
                path: self.path.clone(),
                message: error.message,
            }
        } else {
            error
        }
    }

    fn wrong(&self, expected: &str) -> Error {
        let found = match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "a group of fields",
        };
        self.at(de::Error::custom(format!(
            "expected {expected}, found {found}"
        )))
    }

    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => visitor.visit_i64(i),
                (None, Some(u)) => visitor.visit_u64(u),
                _ => return Err(self.wrong("a whole number")),
            },
            Value::String(s) => match s.trim().parse::<i64>() {
                Ok(i) => visitor.visit_i64(i),
                Err(_) => return Err(self.wrong("a whole number")),
            },
            _ => return Err(self.wrong("a whole number")),
        };
        result.map_err(|e| self.at(e))
    }

    fn list_items(&self) -> Vec<&Value> {
        match self.value {
            Value::Null => Vec::new(),
            Value::Array(items) => items.iter().collect(),
            // A list wrapper written out (`QCStatements = { QCStatement = [...] }`): the
            // generated type holds the items directly.
            Value::Object(map) if map.len() == 1 => match map.values().next() {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(one @ Value::Object(_)) => vec![one],
                _ => vec![self.value],
            },
            single => vec![single],
        }
    }
}

macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.integer(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Lenient<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_str(s),
            Value::Array(_) => return self.deserialize_seq(visitor),
            Value::Object(_) => return self.deserialize_map(visitor),
        };
        result.map_err(|e| self.at(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let b = match self.value {
            Value::Bool(b) => *b,
            Value::String(s) => match s.trim() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return Err(self.wrong("true or false")),
            },
            _ => return Err(self.wrong("true or false")),
        };
        visitor.visit_bool(b).map_err(|e| self.at(e))
    }

    integers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
              deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let f = match self.value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        match f {
            Some(f) => visitor.visit_f64(f).map_err(|e| self.at(e)),
            None => Err(self.wrong("a number")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::String(s) => visitor.visit_str(s),
            Value::Number(n) => visitor.visit_string(n.to_string()),
            Value::Bool(b) => visitor.visit_str(if *b { "true" } else { "false" }),
            _ => return Err(self.wrong("text")),
        };
        result.map_err(|e| self.at(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_null() {
            visitor.visit_none().map_err(|e| self.at(e))
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit().map_err(|e| self.at(e))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items = self.list_items();
        let many = items.len() > 1;
        let access = Items {
            items: items.into_iter().enumerate(),
            path: &self.path,
            many,
        };
        visitor.visit_seq(access).map_err(|e| self.at(e))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Value::Object(map) = self.value else {
            return Err(self.wrong("a group of fields"));
        };
        let access = Fields {
            entries: map.iter(),
            fields: &[],
            path: &self.path,
            pending: None,
        };
        visitor.visit_map(access).map_err(|e| self.at(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let Value::Object(map) = self.value else {
            return Err(self.wrong("a group of fields"));
        };
        let access = Fields {
            entries: map.iter(),
            fields,
            path: &self.path,
            pending: None,
        };
        visitor.visit_map(access).map_err(|e| self.at(e))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => {
                let d: de::value::StrDeserializer<'_, Error> = s.as_str().into_deserializer();
                visitor.visit_enum(d).map_err(|e| self.at(e))
            }
            _ => Err(self.wrong("one of the allowed values")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Items<'a, I> {
    items: I,
    path: &'a str,
    many: bool,
}

impl<'de, 'a, I: Iterator<Item = (usize, &'a Value)>> SeqAccess<'de> for Items<'_, I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            None => Ok(None),
            Some((index, value)) => {
                let path = if self.many {
                    format!("{}[{}]", self.path, index + 1)
                } else {
                    self.path.to_owned()
                };
                seed.deserialize(Lenient {
                    value,
                    path: path.clone(),
                })
                .map(Some)
                .map_err(|e| with_path(e, &path))
            }
        }
    }
}

struct Fields<'a> {
    entries: serde_json::map::Iter<'a>,
    /// The struct's Rust field names (empty for a map: keys are passed as written).
    fields: &'static [&'static str],
    path: &'a str,
    pending: Option<(&'a str, &'a Value)>,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some((key.as_str(), value));
        let wanted = normalized(key);
        let name = self
            .fields
            .iter()
            .find(|f| normalized(f) == wanted)
            .copied()
            .unwrap_or(key.as_str());
        let d: de::value::StrDeserializer<'_, Error> = name.into_deserializer();
        seed.deserialize(d).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        let path = if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}/{key}", self.path)
        };
        seed.deserialize(Lenient {
            value,
            path: path.clone(),
        })
        .map_err(|e| with_path(e, &path))
    }
}

/// Errors raised by a type's own `Deserialize` (after the value was read) carry no path
/// yet: they get the path of the value they were about.
fn with_path(error: Error, path: &str) -> Error {
    if error.path.is_empty() {
        Error {
            path: path.to_owned(),
            message: error.message,
        }
    } else {
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    /// Stands in for a generated allowed-value enum: read from its wire text.
    #[derive(Debug, PartialEq, Default)]
    struct Year(String);

    impl<'de> Deserialize<'de> for Year {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            if ["1", "2", "3"].contains(&s.as_str()) {
                Ok(Year(s))
            } else {
                Err(de::Error::custom("expected one of 1, 2, 3"))
            }
        }
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Statement {
        name: String,
        value: String,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Dn {
        common_name: String,
        email: Option<String>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Request {
        year: Year,
        has_csr: Option<bool>,
        organization_type: i32,
        postal_code: String,
        pkcs12_option: Option<bool>,
        dn_attributes: Dn,
        qc_statements: Vec<Statement>,
        tags: Vec<String>,
    }

    #[test]
    fn element_names_and_wire_values_meet_the_generated_shapes() {
        let doc = json!({
            "Year": 2,
            "HasCSR": "true",
            "OrganizationType": "1",
            "PostalCode": 12345,
            "PKCS12Option": false,
            "DnAttributes": {"CommonName": "Alice", "Email": "a@example.com"},
            "QCStatements": {"QCStatement": [{"Name": "a", "Value": "b"}, {"Name": "c", "Value": "d"}]},
            "Tags": "single"
        });
        let request: Request = from_document(&doc).unwrap();
        assert_eq!(request.year, Year("2".into()));
        assert_eq!(request.has_csr, Some(true));
        assert_eq!(request.organization_type, 1);
        assert_eq!(request.postal_code, "12345");
        assert_eq!(request.pkcs12_option, Some(false));
        assert_eq!(request.dn_attributes.common_name, "Alice");
        assert_eq!(
            request.dn_attributes.email.as_deref(),
            Some("a@example.com")
        );
        assert_eq!(request.qc_statements.len(), 2);
        assert_eq!(request.qc_statements[1].value, "d");
        assert_eq!(request.tags, ["single"]);

        // One wrapped item, and the collapsed form, both work.
        let one: Request =
            from_document(&json!({"QCStatements": {"QCStatement": {"Name": "x", "Value": "y"}}}))
                .unwrap();
        assert_eq!(
            one.qc_statements,
            [Statement {
                name: "x".into(),
                value: "y".into()
            }]
        );
        let flat: Request =
            from_document(&json!({"QCStatements": [{"Name": "x", "Value": "y"}]})).unwrap();
        assert_eq!(flat.qc_statements, one.qc_statements);
    }

    #[test]
    fn errors_name_the_element_path() {
        let err = from_document::<Request>(&json!({"Year": 7})).unwrap_err();
        assert_eq!(err.to_string(), "Year: expected one of 1, 2, 3");
        let err =
            from_document::<Request>(&json!({"DnAttributes": {"Email": ["a", "b"]}})).unwrap_err();
        assert_eq!(err.path, "DnAttributes/Email");
        let err = from_document::<Request>(&json!({"HasCSR": "maybe"})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "HasCSR: expected true or false, found text"
        );
        let err = from_document::<Request>(
            &json!({"QCStatements": [{"Name": "a"}, {"Name": 1, "Value": []}]}),
        )
        .unwrap_err();
        assert_eq!(err.path, "QCStatements[2]/Value");
        let err = from_document::<Request>(&json!({"OrganizationType": "x"})).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("OrganizationType: expected a whole number")
        );
    }

    #[test]
    fn names_compare_without_case_and_underscores() {
        assert_eq!(normalized("DnAttributes"), normalized("dn_attributes"));
        assert_eq!(normalized("PKCS12Option"), normalized("pkcs12_option"));
        assert_eq!(normalized("type_"), "type");
    }
}
