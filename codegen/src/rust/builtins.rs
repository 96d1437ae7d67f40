//! How XSD built-in types map to Rust.
//!
//! | XSD | Rust | why |
//! | --- | --- | --- |
//! | `string`, `normalizedString`, `token`, `language`, `Name`, `NCName`, `ID`, `IDREF`, `ENTITY`, `NMTOKEN`, `anyURI`, `QName`, `NOTATION`, `anySimpleType` | `String` | text; whitespace kept as sent |
//! | `duration`, `time`, `gYear`, `gYearMonth`, `gMonth`, `gMonthDay`, `gDay` | `String` | rarely used; no lossy parsing |
//! | `IDREFS`, `ENTITIES`, `NMTOKENS` | `Vec<String>` | whitespace-separated lists |
//! | `boolean` | `bool` | reads `true`/`false`/`1`/`0`, writes `true`/`false` |
//! | `decimal` | `soap_runtime::Decimal` | exact lexical form, no binary rounding |
//! | `integer`, `long`, `nonPositiveInteger`, `negativeInteger` | `i64` | `integer` is unbounded in XSD; values beyond `i64` are decode errors |
//! | `nonNegativeInteger`, `positiveInteger`, `unsignedLong` | `u64` | |
//! | `int` / `short` / `byte` | `i32` / `i16` / `i8` | |
//! | `unsignedInt` / `unsignedShort` / `unsignedByte` | `u32` / `u16` / `u8` | |
//! | `float` / `double` | `f32` / `f64` | `INF`, `-INF`, `NaN` as XSD spells them |
//! | `dateTime` | `soap_runtime::DateTime` | lenient: offset and fraction optional, empty = absent; written back as read |
//! | `date` | `soap_runtime::Date` | |
//! | `base64Binary` / `hexBinary` | `soap_runtime::Base64Binary` / `HexBinary` | decoded bytes |
//! | `anyType` (as an element's type) | `soap_runtime::RawXml` | the element kept verbatim |
//!
//! Every non-string type treats empty text as absent (`<OrderDate/>` → `None`), because
//! servers send that for "no value".

use crate::model::Builtin;

/// A Rust type for a built-in: `(path, in_runtime)`; `in_runtime` types are written
/// `<runtime>::<path>`. `None` for `anyType` (handled as raw XML).
pub fn rust_type(b: Builtin) -> Option<(&'static str, bool)> {
    use Builtin::*;
    Some(match b {
        AnyType => return None,
        AnySimpleType | String | NormalizedString | Token | Language | Name | NcName | Id
        | IdRef | Entity | NmToken | AnyUri | QName | Notation | Duration | Time | GYear
        | GYearMonth | GMonth | GMonthDay | GDay => ("String", false),
        IdRefs | Entities | NmTokens => ("Vec<String>", false),
        Boolean => ("bool", false),
        Decimal => ("Decimal", true),
        Integer | Long | NonPositiveInteger | NegativeInteger => ("i64", false),
        NonNegativeInteger | PositiveInteger | UnsignedLong => ("u64", false),
        Int => ("i32", false),
        Short => ("i16", false),
        Byte => ("i8", false),
        UnsignedInt => ("u32", false),
        UnsignedShort => ("u16", false),
        UnsignedByte => ("u8", false),
        Float => ("f32", false),
        Double => ("f64", false),
        DateTime => ("DateTime", true),
        Date => ("Date", true),
        Base64Binary => ("Base64Binary", true),
        HexBinary => ("HexBinary", true),
    })
}

/// Whether values of this built-in are compared as numbers (range facets).
pub fn is_numeric(b: Builtin) -> bool {
    use Builtin::*;
    matches!(
        b,
        Integer
            | Long
            | NonPositiveInteger
            | NegativeInteger
            | NonNegativeInteger
            | PositiveInteger
            | UnsignedLong
            | Int
            | Short
            | Byte
            | UnsignedInt
            | UnsignedShort
            | UnsignedByte
            | Float
            | Double
            | Decimal
    )
}
