//! SOAP 1.1 and 1.2 envelopes: writing requests/responses/faults, reading them leniently.
//!
//! Writing: `<soap:Envelope xmlns:soap="..."><soap:Body>BODY</soap:Body></soap:Envelope>`,
//! no XML declaration, no Header unless a request carries [`HeaderBlock`]s (GlobalSign's
//! own client library sends none).
//! Reading: any prefixes, either SOAP version, the Header skipped, unknown envelope
//! children skipped, the body's first element dispatched by local name.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::reader::{StartTag, XmlReader};
use crate::writer::XmlWriter;
use crate::{BodyElement, Deviation, DeviationKind, Envelope, Fault, Limits, SoapVersion};

pub const SOAP11_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const SOAP12_NAMESPACE: &str = "http://www.w3.org/2003/05/soap-envelope";

/// A block a request carries in `soap:Header` (a generated header element, WS-Security's
/// `Security`). It is written each time a request is encoded, so a block can be fresh per
/// request (a nonce, a timestamp).
pub trait HeaderBlock: Send + Sync {
    /// Writes the block's element (one or more) at the writer's position inside
    /// `soap:Header`; `version` is the envelope's, for blocks whose attributes differ
    /// between SOAP versions (`mustUnderstand` is `1` in 1.1, `true` in 1.2).
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError>;
}

fn write_envelope(
    version: SoapVersion,
    headers: &[&dyn HeaderBlock],
    body: impl FnOnce(&mut XmlWriter) -> Result<(), EncodeError>,
) -> Result<Vec<u8>, EncodeError> {
    let ns = Some(version.namespace());
    let mut w = XmlWriter::with_capacity(2048);
    w.start_prefixed(ns, Some("soap"), "Envelope");
    if !headers.is_empty() {
        w.start(ns, "Header");
        for header in headers {
            header.write_header(&mut w, version)?;
        }
        w.end()?;
    }
    w.start(ns, "Body");
    body(&mut w)?;
    w.end()?;
    w.end()?;
    w.into_bytes()
}

/// A request envelope around `body`.
pub fn encode_request<B: BodyElement>(
    body: &B,
    version: SoapVersion,
) -> Result<Vec<u8>, EncodeError> {
    write_envelope(version, &[], |w| body.write_element(w))
}

/// A request envelope around `body` with `headers` in `soap:Header`, in order (no
/// `soap:Header` at all when there are none).
pub fn encode_request_with_headers<B: BodyElement>(
    body: &B,
    headers: &[&dyn HeaderBlock],
    version: SoapVersion,
) -> Result<Vec<u8>, EncodeError> {
    write_envelope(version, headers, |w| body.write_element(w))
}

/// A response envelope around `body`.
pub fn encode_response<B: BodyElement>(
    body: &B,
    version: SoapVersion,
) -> Result<Vec<u8>, EncodeError> {
    write_envelope(version, &[], |w| body.write_element(w))
}

/// A fault envelope. Characters XML cannot carry are dropped from the texts, so this
/// cannot fail. A code without a prefix (`Client`) gets the envelope's; SOAP 1.1 and
/// 1.2 spellings are translated (`Client` ↔ `Sender`, `Server` ↔ `Receiver`).
/// `detail` is written verbatim inside the `detail`/`Detail` element.
pub fn encode_fault(fault: &Fault, version: SoapVersion) -> Vec<u8> {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|&c| {
                matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
            })
            .collect()
    };
    let local = fault.code.rsplit(':').next().unwrap_or(&fault.code);
    let local = match (version, local) {
        (SoapVersion::Soap11, "Sender") => "Client",
        (SoapVersion::Soap11, "Receiver") => "Server",
        (SoapVersion::Soap12, "Client") => "Sender",
        (SoapVersion::Soap12, "Server") => "Receiver",
        (_, other) => other,
    };
    let standard = [
        "Client",
        "Server",
        "Sender",
        "Receiver",
        "VersionMismatch",
        "MustUnderstand",
        "DataEncodingUnknown",
    ];
    let code = if standard.contains(&local) {
        format!("soap:{local}")
    } else {
        clean(&fault.code)
    };
    let ns = Some(version.namespace());
    let result = write_envelope(version, &[], |w| {
        w.start(ns, "Fault");
        match version {
            SoapVersion::Soap11 => {
                w.text_element(None, "faultcode", &code)?;
                w.text_element(None, "faultstring", &clean(&fault.string))?;
                if let Some(actor) = &fault.actor {
                    w.text_element(None, "faultactor", &clean(actor))?;
                }
                if let Some(detail) = &fault.detail {
                    w.start(None, "detail");
                    w.raw(detail);
                    w.end()?;
                }
            }
            SoapVersion::Soap12 => {
                w.start(ns, "Code");
                w.text_element(ns, "Value", &code)?;
                if let Some(sub) = &fault.subcode {
                    w.start(ns, "Subcode");
                    w.text_element(ns, "Value", &clean(sub))?;
                    w.end()?;
                }
                w.end()?;
                w.start(ns, "Reason");
                w.start(ns, "Text");
                w.attribute(Some("http://www.w3.org/XML/1998/namespace"), "lang", "en")?;
                w.text(&clean(&fault.string))?;
                w.end()?;
                w.end()?;
                if let Some(actor) = &fault.actor {
                    w.text_element(ns, "Role", &clean(actor))?;
                }
                if let Some(detail) = &fault.detail {
                    w.start(ns, "Detail");
                    w.raw(detail);
                    w.end()?;
                }
            }
        }
        w.end()
    });
    // Only control characters can make the writer fail, and they were removed.
    result.unwrap_or_default()
}

/// An envelope opened up to the body's first child.
struct Opened<'a> {
    reader: XmlReader<'a>,
    version: SoapVersion,
    /// The body's first child; `None` for an empty body.
    child: Option<StartTag<'a>>,
}

fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Opened<'a>, DecodeError> {
    let mut r = XmlReader::new(bytes, limits)?;
    let root = r.root()?;
    let version = match (root.local_name(), r.namespace_of(&root)) {
        ("Envelope", Some(SOAP11_NAMESPACE)) => SoapVersion::Soap11,
        ("Envelope", Some(SOAP12_NAMESPACE)) => SoapVersion::Soap12,
        _ => {
            return Err(r.unexpected(&root, "a SOAP 1.1 or 1.2 Envelope"));
        }
    };
    if root.is_empty() {
        return Err(r.error_at(
            root.position(),
            DecodeErrorKind::Missing {
                element: "Body".to_owned(),
            },
        ));
    }
    loop {
        let Some(child) = r.next_child()? else {
            return Err(r.error_at(
                r.position().saturating_sub(1),
                DecodeErrorKind::Missing {
                    element: "Body".to_owned(),
                },
            ));
        };
        if child.local_name() == "Body" {
            r.set_path_base(2);
            if child.is_empty() {
                return Ok(Opened {
                    reader: r,
                    version,
                    child: None,
                });
            }
            let first = r.next_child()?;
            return Ok(Opened {
                reader: r,
                version,
                child: first,
            });
        }
        // Header and anything unknown.
        r.skip(&child)?;
    }
}

/// After the body element was read: the rest of Body (more elements are deviations) and
/// Envelope, then the end.
fn close(r: &mut XmlReader<'_>, body_was_empty: bool) -> Result<(), DecodeError> {
    if !body_was_empty {
        while let Some(extra) = r.next_child()? {
            r.unknown_element(&extra)?;
        }
    }
    // Rest of Envelope.
    while let Some(extra) = r.next_child()? {
        r.skip(&extra)?;
    }
    r.finish()
}

fn check_name<B: BodyElement>(r: &XmlReader<'_>, child: &StartTag<'_>) -> Result<(), DecodeError> {
    if child.local_name() == B::NAME {
        Ok(())
    } else {
        Err(r.unexpected(child, &format!("element `{}`", B::NAME)))
    }
}

fn is_fault(r: &XmlReader<'_>, child: &StartTag<'_>, version: SoapVersion) -> bool {
    child.local_name() == "Fault" && r.namespace_of(child) == Some(version.namespace())
}

/// Reads a response: the body element `B`, or a SOAP fault. Lenient: differences from
/// the schema are read past (see [`crate::policy`]) and dropped; use
/// [`decode_response_recorded`] to have them.
pub fn decode_response<B: BodyElement>(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Envelope<B>, DecodeError> {
    decode_response_recorded(bytes, limits, false).map(|(envelope, _)| envelope)
}

/// As [`decode_response`]; `strict` makes every deviation from the schema an error.
pub fn decode_response_with<B: BodyElement>(
    bytes: &[u8],
    limits: &Limits,
    strict: bool,
) -> Result<Envelope<B>, DecodeError> {
    decode_response_recorded(bytes, limits, strict).map(|(envelope, _)| envelope)
}

/// Reads a response under the reading policy ([`crate::policy`]): the body element `B`
/// or a fault, and where the message differed from the schema. `strict`: the first
/// difference is an error instead.
///
/// A body element with another name than `B`'s, in `B`'s namespace, is read as `B`
/// when it has `B`'s children (none missing, none unknown at its own level) and
/// recorded as [`DeviationKind::WrapperName`]: the spec prints some answers under
/// another operation's name (ERRATA E3, E7–E9).
pub fn decode_response_recorded<B: BodyElement>(
    bytes: &[u8],
    limits: &Limits,
    strict: bool,
) -> Result<(Envelope<B>, Vec<Deviation>), DecodeError> {
    let Opened {
        mut reader,
        version,
        child,
    } = open(bytes, limits)?;
    reader.set_strict(strict);
    let Some(child) = child else {
        return Err(reader.error_at(
            reader.position().saturating_sub(1),
            DecodeErrorKind::Missing {
                element: B::NAME.to_owned(),
            },
        ));
    };
    if is_fault(&reader, &child, version) {
        let fault = read_fault(&mut reader, &child, version)?;
        close(&mut reader, false)?;
        return Ok((Envelope::Fault(fault), reader.take_deviations()));
    }
    let renamed = child.local_name() != B::NAME;
    if renamed {
        wrapper_name::<B>(&mut reader, &child)?;
    }
    let wrapper = child.qualified_name().to_owned();
    reader.push_back(child);
    let body = B::read_element(&mut reader)?;
    close(&mut reader, false)?;
    let deviations = reader.take_deviations();
    if renamed {
        check_renamed::<B>(&reader, &deviations, &wrapper)?;
    }
    Ok((Envelope::Body(body), deviations))
}

/// A body element named otherwise than `B`: recorded when it is in `B`'s namespace and
/// has content (an error when strict), refused otherwise.
#[cold]
fn wrapper_name<B: BodyElement>(
    reader: &mut XmlReader<'_>,
    child: &StartTag<'_>,
) -> Result<(), DecodeError> {
    let namespace = reader.namespace_of(child).unwrap_or_default();
    // Without children it cannot be told to be `B`.
    if namespace != B::NAMESPACE || child.is_empty() {
        return Err(reader.unexpected(child, &format!("element `{}`", B::NAME)));
    }
    reader.deviate(
        child.position(),
        None,
        DeviationKind::WrapperName {
            expected: B::NAME.to_owned(),
        },
        child.qualified_name().to_owned(),
    )
}

/// A renamed body element must have `B`'s children: none of them missing, no unknown
/// one directly inside it. Otherwise it is some other element, and refused.
#[cold]
fn check_renamed<B: BodyElement>(
    reader: &XmlReader<'_>,
    deviations: &[Deviation],
    wrapper: &str,
) -> Result<(), DecodeError> {
    let first = deviations
        .iter()
        .find(|d| matches!(d.kind, DeviationKind::WrapperName { .. }));
    let Some(first) = first else {
        return Ok(());
    };
    let own_level = |d: &&Deviation| {
        let depth = d.path.matches('/').count();
        depth == 1
            && matches!(
                d.kind,
                DeviationKind::Missing | DeviationKind::UnknownElement
            )
    };
    if deviations.iter().any(|d| own_level(&d)) {
        return Err(reader.error_at(
            first.position,
            DecodeErrorKind::Unexpected {
                expected: format!("element `{}`", B::NAME),
                found: format!("element `{wrapper}` with other children"),
            },
        ));
    }
    Ok(())
}

/// Reads a request body element `B` (server side).
pub fn decode_request<B: BodyElement>(bytes: &[u8], limits: &Limits) -> Result<B, DecodeError> {
    let Opened {
        mut reader, child, ..
    } = open(bytes, limits)?;
    let Some(child) = child else {
        return Err(reader.error_at(
            reader.position().saturating_sub(1),
            DecodeErrorKind::Missing {
                element: B::NAME.to_owned(),
            },
        ));
    };
    check_name::<B>(&reader, &child)?;
    reader.push_back(child);
    let body = B::read_element(&mut reader)?;
    close(&mut reader, false)?;
    Ok(body)
}

/// What a server needs to dispatch a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestInfo {
    pub version: SoapVersion,
    /// Namespace of the body's first element.
    pub namespace: Option<String>,
    /// Local name of the body's first element.
    pub name: String,
}

/// Version and body element name of a request (reads no further than that element's tag).
pub fn request_info(bytes: &[u8], limits: &Limits) -> Result<RequestInfo, DecodeError> {
    let Opened {
        reader,
        version,
        child,
    } = open(bytes, limits)?;
    let Some(child) = child else {
        return Err(reader.error_at(
            reader.position().saturating_sub(1),
            DecodeErrorKind::Missing {
                element: "a body element".to_owned(),
            },
        ));
    };
    Ok(RequestInfo {
        version,
        namespace: reader.namespace_of(&child).map(str::to_owned),
        name: child.local_name().to_owned(),
    })
}

/// Namespace and local name of the body's first element (server dispatch).
pub fn body_element_name(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Option<String>, String), DecodeError> {
    let info = request_info(bytes, limits)?;
    Ok((info.namespace, info.name))
}

fn read_fault<'a>(
    r: &mut XmlReader<'a>,
    fault: &StartTag<'a>,
    version: SoapVersion,
) -> Result<Fault, DecodeError> {
    let mut out = Fault {
        code: String::new(),
        subcode: None,
        string: String::new(),
        actor: None,
        detail: None,
    };
    if fault.is_empty() {
        return Ok(out);
    }
    while let Some(child) = r.next_child()? {
        match (version, child.local_name()) {
            (SoapVersion::Soap11, "faultcode") => out.code = r.read_text(&child)?.trim().to_owned(),
            (SoapVersion::Soap11, "faultstring") => out.string = r.read_text(&child)?.into_owned(),
            (SoapVersion::Soap11, "faultactor") => {
                out.actor = Some(r.read_text(&child)?.into_owned())
            }
            (SoapVersion::Soap11, "detail") | (SoapVersion::Soap12, "Detail") => {
                out.detail = Some(read_detail(r, &child)?)
            }
            (SoapVersion::Soap12, "Code") => {
                while let Some(c) = r.next_child()? {
                    match c.local_name() {
                        "Value" => out.code = r.read_text(&c)?.trim().to_owned(),
                        "Subcode" => {
                            while let Some(s) = r.next_child()? {
                                if s.local_name() == "Value" && out.subcode.is_none() {
                                    out.subcode = Some(r.read_text(&s)?.trim().to_owned());
                                } else {
                                    r.skip(&s)?;
                                }
                            }
                        }
                        _ => r.skip(&c)?,
                    }
                }
            }
            (SoapVersion::Soap12, "Reason") => {
                while let Some(c) = r.next_child()? {
                    if c.local_name() == "Text" && out.string.is_empty() {
                        out.string = r.read_text(&c)?.into_owned();
                    } else {
                        r.skip(&c)?;
                    }
                }
            }
            (SoapVersion::Soap12, "Role") => out.actor = Some(r.read_text(&child)?.into_owned()),
            _ => r.skip(&child)?,
        }
    }
    Ok(out)
}

/// The content of a fault's detail: its child elements as raw XML, each standing alone
/// with the namespace declarations it needs. Text directly inside `detail` (outside any
/// child element) is not kept.
fn read_detail<'a>(r: &mut XmlReader<'a>, detail: &StartTag<'a>) -> Result<String, DecodeError> {
    if detail.is_empty() {
        return Ok(String::new());
    }
    let mut out = String::new();
    while let Some(child) = r.next_child()? {
        out.push_str(r.read_raw(&child)?.as_str());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_round_trip_both_versions() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let fault = Fault {
                code: "soap:Client".to_owned(),
                subcode: None,
                string: "Unmarshalling Error: bad".to_owned(),
                actor: None,
                detail: Some("<x:Info xmlns:x=\"urn:x\">1</x:Info>".to_owned()),
            };
            let bytes = encode_fault(&fault, version);
            let back = decode_response::<crate::tests::Ping>(&bytes, &Limits::default());
            match back {
                Ok(Envelope::Fault(f)) => {
                    let expected_code = match version {
                        SoapVersion::Soap11 => "soap:Client",
                        SoapVersion::Soap12 => "soap:Sender",
                    };
                    assert_eq!(f.code, expected_code);
                    assert_eq!(f.string, fault.string);
                    assert_eq!(f.detail, fault.detail);
                    assert!(f.is_client());
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn cxf_fault_decodes() {
        let xml = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Fault occurred while processing.</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
        match decode_response::<crate::tests::Ping>(xml, &Limits::default()) {
            Ok(Envelope::Fault(f)) => {
                assert_eq!(f.code, "soap:Server");
                assert_eq!(f.string, "Fault occurred while processing.");
                assert!(!f.is_client());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_an_envelope() {
        let err = decode_response::<crate::tests::Ping>(
            b"<html><body>502</body></html>",
            &Limits::default(),
        )
        .unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::Unexpected { .. }),
            "{err}"
        );
    }

    struct Token(&'static str);

    impl HeaderBlock for Token {
        fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
            w.start(Some("urn:h"), "Token");
            let must = match version {
                SoapVersion::Soap11 => "1",
                SoapVersion::Soap12 => "true",
            };
            w.attribute(Some(version.namespace()), "mustUnderstand", must)?;
            w.text(self.0)?;
            w.end()
        }
    }

    #[test]
    fn headers_are_written_in_order_before_the_body_and_skipped_when_read() {
        let body = crate::tests::Ping::default();
        let plain = encode_request(&body, SoapVersion::Soap11).unwrap();
        assert!(!String::from_utf8_lossy(&plain).contains("Header"));
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let (a, b) = (Token("a"), Token("b"));
            let bytes = encode_request_with_headers(&body, &[&a, &b], version).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let header = text.find("<soap:Header>").expect("a header");
            let first = text.find(">a</").expect("first block");
            let second = text.find(">b</").expect("second block");
            let body_at = text.find("<soap:Body>").expect("a body");
            assert!(
                header < first && first < second && second < body_at,
                "{text}"
            );
            assert!(text.contains("soap:mustUnderstand="), "{text}");
            let back: crate::tests::Ping = decode_request(&bytes, &Limits::default()).unwrap();
            assert_eq!(back, body);
        }
    }

    #[test]
    fn request_info_of_soap12() {
        let xml = br#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Header><a/></e:Header><e:Body><p:Ping xmlns:p="urn:p"/></e:Body></e:Envelope>"#;
        let info = request_info(xml, &Limits::default()).unwrap();
        assert_eq!(info.version, SoapVersion::Soap12);
        assert_eq!(info.namespace.as_deref(), Some("urn:p"));
        assert_eq!(info.name, "Ping");
    }
}
