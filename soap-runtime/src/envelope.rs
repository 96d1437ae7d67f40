//! SOAP 1.1 and 1.2 envelopes: writing requests/responses/faults, reading them leniently.
//!
//! Writing: `<soap:Envelope xmlns:soap="..."><soap:Body>BODY</soap:Body></soap:Envelope>`,
//! no XML declaration, no Header unless a request carries [`HeaderBlock`]s (GlobalSign's
//! own client library sends none).
//! Reading: any prefixes, either SOAP version, the Header skipped (or kept block by
//! block, [`decode_response_with_headers`]), unknown envelope children skipped, the
//! body's first element dispatched by local name.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::raw::RawXml;
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

/// A header element sent with the SOAP attributes the caller asks for: `mustUnderstand`
/// (the receiver must process it or fail) and the actor (1.1) or role (1.2) it is for.
/// Generated header element types are [`HeaderBlock`]s themselves (sent without these
/// attributes); wrap one to add them: `Header::new(version).must_understand()`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Header<H> {
    /// The element.
    pub block: H,
    /// Written as `soap:mustUnderstand="1"` (1.1) or `"true"` (1.2).
    pub must_understand: bool,
    /// Written as `soap:actor` (1.1) or `soap:role` (1.2).
    pub actor: Option<String>,
}

impl<H> Header<H> {
    /// `block`, without `mustUnderstand` or an actor.
    pub fn new(block: H) -> Self {
        Header {
            block,
            must_understand: false,
            actor: None,
        }
    }
    /// Marks the block `mustUnderstand`.
    #[must_use]
    pub fn must_understand(mut self) -> Self {
        self.must_understand = true;
        self
    }
    /// Addresses the block to an actor (1.1) or role (1.2) URI.
    #[must_use]
    pub fn actor(mut self, uri: impl Into<String>) -> Self {
        self.actor = Some(uri.into());
        self
    }
}

impl<H> From<H> for Header<H> {
    fn from(block: H) -> Self {
        Header::new(block)
    }
}

impl<H: BodyElement + Send + Sync> HeaderBlock for Header<H> {
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        let ns = version.namespace();
        if self.must_understand {
            let value = match version {
                SoapVersion::Soap11 => "1",
                SoapVersion::Soap12 => "true",
            };
            w.attribute_on_next_start(ns, "mustUnderstand", value)?;
        }
        if let Some(actor) = &self.actor {
            let name = match version {
                SoapVersion::Soap11 => "actor",
                SoapVersion::Soap12 => "role",
            };
            w.attribute_on_next_start(ns, name, actor)?;
        }
        self.block.write_element(w)?;
        if w.discard_pending() {
            // An element written verbatim (`xs:any`) opens no tag through the writer.
            return Err(EncodeError::new(
                w.path(),
                format!(
                    "header block `{}` opened no element to carry mustUnderstand or its actor",
                    H::NAME
                ),
            ));
        }
        Ok(())
    }
}

/// The actor (1.1) and roles (1.2) that mean "whoever receives the message last", which
/// a client is: a block addressed otherwise is not for it.
const FOR_RECEIVER: &[&str] = &[
    "http://schemas.xmlsoap.org/soap/actor/next",
    "http://www.w3.org/2003/05/soap-envelope/role/next",
    "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
];

/// One block of a received `soap:Header`, kept as XML (read it as its generated type with
/// [`ReceivedHeaders::get`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderEntry {
    /// The element's namespace (`""`: none).
    pub namespace: String,
    /// The element's local name.
    pub name: String,
    /// `soap:mustUnderstand` was `1` or `true`.
    pub must_understand: bool,
    /// `soap:actor` (1.1) or `soap:role` (1.2).
    pub actor: Option<String>,
    /// The element, standing alone (with the namespace declarations it needs).
    pub xml: RawXml,
}

impl HeaderEntry {
    /// The block is addressed to the message's final receiver (no actor, or `next`, or
    /// 1.2's `ultimateReceiver`).
    pub fn is_for_receiver(&self) -> bool {
        self.actor
            .as_deref()
            .is_none_or(|a| FOR_RECEIVER.contains(&a.trim()))
    }

    /// `{namespace}name`, for messages.
    pub fn qualified(&self) -> String {
        format!("{{{}}}{}", self.namespace, self.name)
    }
}

/// The blocks of a received `soap:Header`, in order (empty when there was none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceivedHeaders {
    pub entries: Vec<HeaderEntry>,
}

impl ReceivedHeaders {
    /// The first block that is element `H`, read as `H`: `None` when there is none, an
    /// error (its path inside the block) when it does not read as `H`.
    pub fn get<H: BodyElement>(&self, limits: &Limits) -> Option<Result<H, DecodeError>> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.name == H::NAME && e.namespace == H::NAMESPACE)?;
        let read = || -> Result<H, DecodeError> {
            let mut r = XmlReader::new(entry.xml.as_str().as_bytes(), limits)?;
            let root = r.root()?;
            r.push_back(root);
            H::read_element(&mut r)
        };
        Some(read())
    }

    /// The first block marked `mustUnderstand`, addressed to the receiver, that is not
    /// among `understood` (`(namespace, local name)` pairs): SOAP requires the receiver
    /// to fail rather than process a message without it.
    pub fn not_understood(&self, understood: &[(&str, &str)]) -> Option<&HeaderEntry> {
        self.entries.iter().find(|e| {
            e.must_understand
                && e.is_for_receiver()
                && !understood
                    .iter()
                    .any(|(ns, name)| *ns == e.namespace && *name == e.name)
        })
    }
}

/// The header blocks a request of one operation declares (generated per operation:
/// `operations::request_headers::X`, one optional field per block).
pub trait RequestHeaders: Default {
    /// The blocks set, in the order the WSDL declares them.
    fn blocks(&self) -> Vec<&dyn HeaderBlock>;
}

/// The header blocks a response of one operation declares (generated per operation:
/// `operations::response_headers::X`).
pub trait ResponseHeaders: Sized + Default {
    /// The declared blocks found in `headers` (absent ones `None`); an error when one
    /// is there but does not read as its type.
    fn from_received(headers: &ReceivedHeaders, limits: &Limits) -> Result<Self, DecodeError>;
}

/// An operation whose binding declares `soap:header`s: their generated sets.
pub trait OperationHeaders: crate::Operation {
    type RequestHeaders: RequestHeaders;
    type ResponseHeaders: ResponseHeaders;
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

fn open<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    mut headers: Option<&mut Vec<HeaderEntry>>,
) -> Result<Opened<'a>, DecodeError> {
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
        if let Some(out) = headers.as_deref_mut()
            && child.local_name() == "Header"
            && r.namespace_of(&child) == Some(version.namespace())
        {
            read_header_entries(&mut r, &child, version, out)?;
            continue;
        }
        // Header (unless asked for) and anything unknown.
        r.skip(&child)?;
    }
}

/// The blocks of `soap:Header`, each kept as XML with its SOAP attributes read.
fn read_header_entries<'a>(
    r: &mut XmlReader<'a>,
    header: &StartTag<'a>,
    version: SoapVersion,
    out: &mut Vec<HeaderEntry>,
) -> Result<(), DecodeError> {
    if header.is_empty() {
        return Ok(());
    }
    let soap = version.namespace();
    let actor_name = match version {
        SoapVersion::Soap11 => "actor",
        SoapVersion::Soap12 => "role",
    };
    while let Some(block) = r.next_child()? {
        let namespace = r.namespace_of(&block).unwrap_or_default().to_owned();
        let mut must_understand = false;
        let mut actor = None;
        r.for_each_attribute(&block, |ns, local, value| {
            if ns == Some(soap) {
                if local == "mustUnderstand" {
                    must_understand = matches!(value.trim(), "1" | "true");
                } else if local == actor_name {
                    actor = Some(value.into_owned());
                }
            }
            Ok(())
        })?;
        let name = block.local_name().to_owned();
        let xml = r.read_raw(&block)?;
        out.push(HeaderEntry {
            namespace,
            name,
            must_understand,
            actor,
            xml,
        });
    }
    Ok(())
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
    decode_response_inner(bytes, limits, strict, None)
}

/// As [`decode_response_recorded`], also keeping the blocks of `soap:Header` (a client
/// reads its declared response headers from them, and refuses the answer when a block
/// marked `mustUnderstand` is one it does not know: [`ReceivedHeaders::not_understood`]).
pub fn decode_response_with_headers<B: BodyElement>(
    bytes: &[u8],
    limits: &Limits,
    strict: bool,
) -> Result<(Envelope<B>, ReceivedHeaders, Vec<Deviation>), DecodeError> {
    let mut entries = Vec::new();
    let (envelope, deviations) = decode_response_inner(bytes, limits, strict, Some(&mut entries))?;
    Ok((envelope, ReceivedHeaders { entries }, deviations))
}

fn decode_response_inner<B: BodyElement>(
    bytes: &[u8],
    limits: &Limits,
    strict: bool,
    headers: Option<&mut Vec<HeaderEntry>>,
) -> Result<(Envelope<B>, Vec<Deviation>), DecodeError> {
    let Opened {
        mut reader,
        version,
        child,
    } = open(bytes, limits, headers)?;
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
    } = open(bytes, limits, None)?;
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
    } = open(bytes, limits, None)?;
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
    fn a_wrapped_block_carries_must_understand_and_actor_on_its_own_element() {
        let body = crate::tests::Ping::default();
        let block = Header::new(crate::tests::Ping::default())
            .must_understand()
            .actor("urn:a");
        let plain = crate::tests::Ping::default();
        for (version, must, actor) in [
            (
                SoapVersion::Soap11,
                "soap:mustUnderstand=\"1\"",
                "soap:actor=\"urn:a\"",
            ),
            (
                SoapVersion::Soap12,
                "soap:mustUnderstand=\"true\"",
                "soap:role=\"urn:a\"",
            ),
        ] {
            let bytes =
                encode_request_with_headers(&body, &[&block, &Header::new(plain.clone())], version)
                    .unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let header =
                &text[text.find("<soap:Header>").unwrap()..text.find("</soap:Header>").unwrap()];
            // The attributes sit on the first block's own start tag, and only there.
            let first = &header[header.find("<ns1:Ping").unwrap()..];
            let first_tag = &first[..first.find('>').unwrap()];
            assert!(
                first_tag.contains(must) && first_tag.contains(actor),
                "{text}"
            );
            assert_eq!(header.matches("mustUnderstand").count(), 1, "{text}");
            // Read back as a response's headers.
            let (envelope, headers, _) = decode_response_with_headers::<crate::tests::Ping>(
                &bytes,
                &Limits::default(),
                false,
            )
            .unwrap();
            assert!(matches!(envelope, Envelope::Body(_)));
            assert_eq!(headers.entries.len(), 2);
            assert!(headers.entries[0].must_understand);
            assert_eq!(headers.entries[0].actor.as_deref(), Some("urn:a"));
            assert!(!headers.entries[1].must_understand);
            assert_eq!(headers.entries[1].namespace, "urn:p");
            assert!(
                headers
                    .get::<crate::tests::Ping>(&Limits::default())
                    .unwrap()
                    .is_ok()
            );
            // Addressed to another actor: not this receiver's to understand.
            assert!(headers.not_understood(&[]).is_none());
        }
    }

    #[test]
    fn must_understand_blocks_not_declared_are_reported() {
        let xml = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><h:Session xmlns:h="urn:h" s:mustUnderstand="1">x</h:Session><h:Trace xmlns:h="urn:h">y</h:Trace><h:Other xmlns:h="urn:h" s:mustUnderstand="1" s:actor="http://schemas.xmlsoap.org/soap/actor/next"/></s:Header><s:Body><p:Ping xmlns:p="urn:p"/></s:Body></s:Envelope>"#;
        let (_, headers, _) =
            decode_response_with_headers::<crate::tests::Ping>(xml, &Limits::default(), false)
                .unwrap();
        assert_eq!(headers.entries.len(), 3);
        let missing = headers.not_understood(&[]).expect("Session");
        assert_eq!(missing.qualified(), "{urn:h}Session");
        assert_eq!(
            headers
                .not_understood(&[("urn:h", "Session")])
                .map(HeaderEntry::qualified)
                .as_deref(),
            Some("{urn:h}Other")
        );
        assert!(
            headers
                .not_understood(&[("urn:h", "Session"), ("urn:h", "Other")])
                .is_none()
        );
        // The block stands alone: the prefixes it uses (the envelope's too) are declared.
        let alone = headers.entries[0].xml.as_str();
        assert!(RawXml::new(alone).is_ok(), "{alone}");
        assert!(
            alone.contains("xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""),
            "{alone}"
        );
        // Without asking, the Header is skipped as before.
        assert!(decode_response::<crate::tests::Ping>(xml, &Limits::default()).is_ok());
        // No block is a Ping.
        assert!(
            headers
                .get::<crate::tests::Ping>(&Limits::default())
                .is_none()
        );
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
