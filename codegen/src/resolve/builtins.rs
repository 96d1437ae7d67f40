//! The XML Schema built-in types by local name, and the SOAP-encoding aliases
//! (`soapenc:string` etc.) that some literal WSDLs use as if they were built-ins.

use crate::model::Builtin;

/// The built-in named `local` in the XML Schema namespace, if there is one.
pub fn xsd_builtin(local: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match local {
        "anyType" => AnyType,
        "anySimpleType" => AnySimpleType,
        "string" => String,
        "normalizedString" => NormalizedString,
        "token" => Token,
        "language" => Language,
        "Name" => Name,
        "NCName" => NcName,
        "ID" => Id,
        "IDREF" => IdRef,
        "IDREFS" => IdRefs,
        "ENTITY" => Entity,
        "ENTITIES" => Entities,
        "NMTOKEN" => NmToken,
        "NMTOKENS" => NmTokens,
        "anyURI" => AnyUri,
        "QName" => QName,
        "NOTATION" => Notation,
        "boolean" => Boolean,
        "decimal" => Decimal,
        "integer" => Integer,
        "nonPositiveInteger" => NonPositiveInteger,
        "negativeInteger" => NegativeInteger,
        "nonNegativeInteger" => NonNegativeInteger,
        "positiveInteger" => PositiveInteger,
        "long" => Long,
        "int" => Int,
        "short" => Short,
        "byte" => Byte,
        "unsignedLong" => UnsignedLong,
        "unsignedInt" => UnsignedInt,
        "unsignedShort" => UnsignedShort,
        "unsignedByte" => UnsignedByte,
        "float" => Float,
        "double" => Double,
        "duration" => Duration,
        "dateTime" => DateTime,
        "date" => Date,
        "time" => Time,
        "gYear" => GYear,
        "gYearMonth" => GYearMonth,
        "gMonth" => GMonth,
        "gMonthDay" => GMonthDay,
        "gDay" => GDay,
        "base64Binary" => Base64Binary,
        "hexBinary" => HexBinary,
        _ => return None,
    })
}

/// `soapenc:<local>` as a built-in: SOAP encoding re-declares every simple
/// built-in under its own namespace (plus `base64`). `Array` and `Struct` are not
/// built-ins; they only make sense in rpc/encoded services, which are refused.
pub fn soapenc_builtin(local: &str) -> Option<Builtin> {
    match local {
        "base64" => Some(Builtin::Base64Binary),
        "anyType" | "anySimpleType" => None,
        other => xsd_builtin(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(xsd_builtin("NCName"), Some(Builtin::NcName));
        assert_eq!(xsd_builtin("dateTime"), Some(Builtin::DateTime));
        assert_eq!(xsd_builtin("datetime"), None);
        assert_eq!(soapenc_builtin("string"), Some(Builtin::String));
        assert_eq!(soapenc_builtin("Array"), None);
    }
}
