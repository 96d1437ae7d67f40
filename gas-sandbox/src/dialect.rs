//! The dialect the sandbox answers in: our WSDL's (the default) or the spec's printed one.
//!
//! GlobalSign's real schema is not public; our WSDL is one reading of the spec's outlines,
//! which disagree with each other (ERRATA). [`Dialect::Spec`] makes the sandbox answer the
//! way the outlines print the responses, so that the client's reading policy can be tried
//! against the spec as written: the wrapper names (`OrderOSResponse` for OrderOSEV, E3;
//! `ModifyOrderResponse` for ResendEmail, E7; `GetModifiedOrders` and `GetOrders` without
//! "Response", E8–E9), the doubled elements (`OrderInfo/OrderDate`, E84;
//! `AuthorizedSignerInfo/FirstName` in GetOrderByOrderID, E87), the other spellings
//! (`PrCertificate` in GetOrders, E17; `SerialNumber` in GetModifiedOrders and GetOrders,
//! E18; `IncorporatingAgencyRegistrationNumber` in the three queries, E19) and the errors
//! without `Error` wrappers (E26), in the printed order.
//!
//! How: the generated writer's answer is rewritten, not written twice.
//! 1. The outlines, transcribed in `wsdl/samples/spec/<Op>.response.xml`, are embedded; from
//!    each, [`Outline`] keeps, for every element path, its children's names in printed order
//!    (a name printed twice is kept twice).
//! 2. [`SPELLINGS`] lists, per operation, where an outline names an element otherwise than
//!    our WSDL. A unit test checks it against the outlines: rewriting our own sample answers
//!    (`wsdl/samples/<Op>.response.xml`) must give exactly the outline's shape.
//! 3. [`DialectHandler`] wraps the SOAP handler: an answer whose body holds `<Op>Response` is
//!    parsed into a small tree; each element is renamed by the table, its children laid out
//!    in the outline's order (each printed name takes our children of that name: all of them
//!    for a repeated element, the same ones again where the name is printed twice), children
//!    the outline does not print kept after them, and the children of an element in
//!    [`UNWRAPPED`] put in its place. Faults and anything unreadable pass unchanged.
//!
//! Not rewritten: the API error the HTTP layer writes itself for an injected fault
//! ([`crate::faults`]); it keeps our dialect.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use quick_xml::Reader;
use quick_xml::events::Event;
use soap_runtime::Fault;
use soap_runtime::server::DispatchResult;

use crate::soap::{HandlerFuture, SoapHandler};

/// Which shape the sandbox's answers have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Our WSDL's (`wsdl/GasOrderService.wsdl`): what the generated writer writes.
    #[default]
    Wsdl,
    /// The spec's response outlines as printed (module docs).
    Spec,
}

impl Dialect {
    /// `handler` answering in this dialect.
    pub fn wrap(self, handler: Arc<dyn SoapHandler>) -> Arc<dyn SoapHandler> {
        match self {
            Dialect::Wsdl => handler,
            Dialect::Spec => Arc::new(DialectHandler { inner: handler }),
        }
    }
}

/// One place where an outline names an element otherwise than our WSDL.
#[derive(Clone, Copy, Debug)]
pub struct Spelling {
    /// The operation whose response outline prints it.
    pub operation: &'static str,
    /// Our WSDL's name.
    pub ours: &'static str,
    /// The outline's name.
    pub printed: &'static str,
    /// The ERRATA entry that records the difference.
    pub errata: &'static str,
}

const fn spelling(
    operation: &'static str,
    ours: &'static str,
    printed: &'static str,
    errata: &'static str,
) -> Spelling {
    Spelling {
        operation,
        ours,
        printed,
        errata,
    }
}

/// Every name an outline prints otherwise than our WSDL. Only these are renamed; where an
/// outline agrees with the WSDL (`PcCertificate` in GetOrderByOrderID, `DNSerialNumber` in
/// GetOrderByOrderID) nothing changes.
pub const SPELLINGS: &[Spelling] = &[
    spelling("OrderOSEV", "OrderOSEVResponse", "OrderOSResponse", "E3"),
    spelling(
        "ResendEmail",
        "ResendEmailResponse",
        "ModifyOrderResponse",
        "E7",
    ),
    spelling(
        "GetModifiedOrders",
        "GetModifiedOrdersResponse",
        "GetModifiedOrders",
        "E8",
    ),
    spelling("GetOrders", "GetOrdersResponse", "GetOrders", "E9"),
    spelling("GetOrders", "PcCertificate", "PrCertificate", "E17"),
    spelling("GetModifiedOrders", "DNSerialNumber", "SerialNumber", "E18"),
    spelling("GetOrders", "DNSerialNumber", "SerialNumber", "E18"),
    spelling("GetOrderByOrderID", INCORPORATION, INCORPORATING, "E19"),
    spelling("GetModifiedOrders", INCORPORATION, INCORPORATING, "E19"),
    spelling("GetOrders", INCORPORATION, INCORPORATING, "E19"),
];

const INCORPORATION: &str = "IncorporationAgencyRegistrationNumber";
const INCORPORATING: &str = "IncorporatingAgencyRegistrationNumber";

/// Elements the outlines do not print, whose children they print in the parent instead:
/// `(parent, element, ERRATA entry)`. Every header's `Errors` holds `ErrorCode`,
/// `ErrorField` and `ErrorMessage` directly (E26), one run of them per error.
pub const UNWRAPPED: &[(&str, &str, &str)] = &[("Errors", "Error", "E26")];

/// The response outlines as transcribed, one per operation (ERRATA names the wrappers):
/// `wsdl/samples/spec/<operation>.response.xml` for every operation of the generated list.
macro_rules! outline_files {
    ($($op:ident = $wire:literal),*) => {
        const OUTLINE_FILES: &[(&str, &str)] = &[$((
            $wire,
            include_str!(concat!("../../wsdl/samples/spec/", $wire, ".response.xml")),
        )),*];
    };
}
gas_client::gas_order_service_operations!(outline_files);

/// One operation's response outline: for each element path below the wrapper (`""` is the
/// wrapper, `Response/OrderDetail` …, printed names), its children's names in printed order.
#[derive(Debug, Default)]
pub struct Outline {
    children: HashMap<String, Vec<String>>,
}

impl Outline {
    /// The outline of `operation`'s response (`None` for a name that is not one of the 14).
    pub fn of(operation: &str) -> Option<&'static Outline> {
        static OUTLINES: OnceLock<HashMap<&'static str, Outline>> = OnceLock::new();
        OUTLINES
            .get_or_init(|| {
                OUTLINE_FILES
                    .iter()
                    .map(|(operation, text)| (*operation, Outline::read(text)))
                    .collect()
            })
            .get(operation)
    }

    /// Reads an outline file. The files are ours and checked by the tests; one that does
    /// not parse gives an empty outline (no reordering), never a panic.
    fn read(text: &str) -> Outline {
        let mut outline = Outline::default();
        if let Ok(root) = parse(text.as_bytes()) {
            outline.add(&root, "");
        }
        outline
    }

    fn add(&mut self, element: &Element, path: &str) {
        let mut names: Vec<String> = Vec::new();
        for child in element.elements() {
            let name = child.local_name();
            // A repeated element is printed once; a name printed again after others is a
            // doubled element (E84, E87) and is kept.
            if names.last().map(String::as_str) != Some(name) {
                names.push(name.to_owned());
            }
            let child_path = join(path, name);
            if !self.children.contains_key(&child_path) {
                self.add(child, &child_path);
            }
        }
        if !names.is_empty() {
            self.children.insert(path.to_owned(), names);
        }
    }

    /// The printed children of the element at `path`.
    pub fn children(&self, path: &str) -> Option<&[String]> {
        self.children.get(path).map(Vec::as_slice)
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}/{name}")
    }
}

/// A SOAP handler whose answers are rewritten into the spec's dialect.
pub struct DialectHandler {
    inner: Arc<dyn SoapHandler>,
}

impl SoapHandler for DialectHandler {
    fn handle(&self, body: Bytes) -> HandlerFuture<'_> {
        Box::pin(async move {
            let mut result = self.inner.handle(body).await;
            if result.status == 200 {
                match to_spec(&result.body) {
                    Ok(Some(rewritten)) => result.body = rewritten,
                    Ok(None) => {}
                    Err(e) => {
                        tracing::error!(error = %e, "cannot write the answer in the spec's dialect");
                        let version = soap_runtime::SoapVersion::Soap11;
                        result = DispatchResult::fault(
                            &Fault::server(format!("sandbox dialect spec: {e}")),
                            version,
                        );
                    }
                }
            }
            result
        })
    }
}

/// An answer could not be rewritten (a sandbox bug: the answers are the generated
/// writer's).
#[derive(Debug, thiserror::Error)]
#[error("byte {position}: {message}")]
pub struct DialectError {
    position: u64,
    message: String,
}

/// `envelope` rewritten into the spec's dialect; `None` when its body holds no
/// `<Op>Response` of the 14 operations (a fault, say).
pub fn to_spec(envelope: &[u8]) -> Result<Option<Vec<u8>>, DialectError> {
    let Some((start, end)) = body_wrapper(envelope)? else {
        return Ok(None);
    };
    let wrapper = parse(&envelope[start..end])?;
    let operation = wrapper.local_name().to_owned();
    let Some(operation) = operation.strip_suffix("Response").filter(|op| {
        gas_client::operations::OPERATIONS
            .iter()
            .any(|o| o.name == *op)
    }) else {
        return Ok(None);
    };
    let Some(outline) = Outline::of(operation) else {
        return Ok(None);
    };
    let rewrite = Rewrite { operation, outline };
    let mut wrapper = wrapper;
    let printed = rewrite.printed_name(wrapper.local_name()).to_owned();
    wrapper.rename(&printed);
    let rewritten = rewrite.element(wrapper, "");
    let mut out = Vec::with_capacity(envelope.len() + 256);
    out.extend_from_slice(&envelope[..start]);
    rewritten.write(&mut out);
    out.extend_from_slice(&envelope[end..]);
    Ok(Some(out))
}

/// The rewrite of one answer.
struct Rewrite<'a> {
    operation: &'a str,
    outline: &'a Outline,
}

impl Rewrite<'_> {
    /// `element`, already under its printed name at `path` (`""` for the wrapper), with its
    /// content in the outline's shape.
    fn element(&self, mut element: Element, path: &str) -> Element {
        let own_name = element.local_name().to_owned();
        let unwraps = |child: &Element| {
            UNWRAPPED
                .iter()
                .any(|(parent, name, _)| *parent == own_name && *name == child.local_name())
        };
        let mut children: Vec<Node> = Vec::with_capacity(element.content.len());
        for node in std::mem::take(&mut element.content) {
            match node {
                Node::Element(mut child) => {
                    let printed = self.printed_name(child.local_name()).to_owned();
                    child.rename(&printed);
                    let child = self.element(child, &join(path, &printed));
                    if unwraps(&child) {
                        children.extend(child.content);
                    } else {
                        children.push(Node::Element(child));
                    }
                }
                text => children.push(text),
            }
        }
        let keeps_order = UNWRAPPED.iter().any(|(parent, _, _)| *parent == own_name);
        element.content = match self.outline.children(path) {
            Some(order) if !keeps_order => in_order(children, order),
            _ => children,
        };
        element
    }

    fn printed_name<'n>(&self, ours: &'n str) -> &'n str {
        SPELLINGS
            .iter()
            .find(|s| s.operation == self.operation && s.ours == ours)
            .map_or(ours, |s| s.printed)
    }
}

/// `children` laid out as `order` prints them: each printed name takes the children of that
/// name (again where the name is printed twice); children not printed follow. Text between
/// elements (white space) is dropped; text in an element without child elements is kept.
fn in_order(children: Vec<Node>, order: &[String]) -> Vec<Node> {
    if !children.iter().any(|n| matches!(n, Node::Element(_))) {
        return children;
    }
    let elements: Vec<Element> = children
        .into_iter()
        .filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .collect();
    let mut out = Vec::with_capacity(elements.len() + 2);
    for name in order {
        out.extend(
            elements
                .iter()
                .filter(|e| e.local_name() == name)
                .cloned()
                .map(Node::Element),
        );
    }
    out.extend(
        elements
            .into_iter()
            .filter(|e| !order.iter().any(|name| name == e.local_name()))
            .map(Node::Element),
    );
    out
}

/// An element as written: its qualified name and raw attributes are kept byte for byte.
#[derive(Clone, Debug)]
struct Element {
    /// `prefix:local` or `local`.
    name: String,
    /// Everything between the name and `>` (attributes with their white space).
    attributes: String,
    content: Vec<Node>,
}

#[derive(Clone, Debug)]
enum Node {
    Element(Element),
    /// Text, references, CDATA or comments, as written.
    Text(String),
}

impl Element {
    fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    fn rename(&mut self, local: &str) {
        self.name = match self.name.split_once(':') {
            Some((prefix, _)) => format!("{prefix}:{local}"),
            None => local.to_owned(),
        };
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.content.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'<');
        out.extend_from_slice(self.name.as_bytes());
        out.extend_from_slice(self.attributes.as_bytes());
        if self.content.is_empty() {
            out.extend_from_slice(b"/>");
            return;
        }
        out.push(b'>');
        for node in &self.content {
            match node {
                Node::Element(e) => e.write(out),
                Node::Text(t) => out.extend_from_slice(t.as_bytes()),
            }
        }
        out.extend_from_slice(b"</");
        out.extend_from_slice(self.name.as_bytes());
        out.push(b'>');
    }
}

fn xml_error(reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> DialectError {
    DialectError {
        position: reader.error_position(),
        message: e.to_string(),
    }
}

/// The byte range of the SOAP body's first child element in `envelope`.
fn body_wrapper(envelope: &[u8]) -> Result<Option<(usize, usize)>, DialectError> {
    let mut reader = Reader::from_reader(envelope);
    let mut depth = 0usize;
    let mut in_body = false;
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        match event {
            Event::Start(tag) => {
                if in_body && depth == 2 {
                    let end_name = tag.name().as_ref().to_owned();
                    reader
                        .read_to_end(quick_xml::name::QName(&end_name))
                        .map_err(|e| xml_error(&reader, e))?;
                    return Ok(Some((to_usize(before), to_usize(reader.buffer_position()))));
                }
                depth += 1;
                in_body = depth == 2 && tag.local_name().as_ref() == "Body";
            }
            Event::Empty(_) if in_body && depth == 2 => {
                return Ok(Some((to_usize(before), to_usize(reader.buffer_position()))));
            }
            Event::End(_) => {
                if depth == 2 && in_body {
                    return Ok(None);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

fn to_usize(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// Parses a document (or a fragment with one root element) into its root element; what
/// comes before or after the root (declaration, comments) is dropped.
fn parse(input: &[u8]) -> Result<Element, DialectError> {
    let mut reader = Reader::from_reader(input);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = to_usize(reader.buffer_position());
        let event = reader.read_event().map_err(|e| xml_error(&reader, e))?;
        let raw = || String::from_utf8_lossy(&input[start..to_usize(reader.buffer_position())]);
        match event {
            Event::Start(tag) => stack.push(element(&tag)),
            Event::Empty(tag) => {
                let e = element(&tag);
                match stack.last_mut() {
                    Some(parent) => parent.content.push(Node::Element(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(xml_error(&reader, "end tag without a start tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.content.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Eof => break,
            _ => {
                if let Some(parent) = stack.last_mut() {
                    parent.content.push(Node::Text(raw().into_owned()));
                }
            }
        }
    }
    match root {
        Some(root) if stack.is_empty() => Ok(root),
        _ => Err(DialectError {
            position: input.len() as u64,
            message: "no complete root element".into(),
        }),
    }
}

fn element(tag: &quick_xml::events::BytesStart<'_>) -> Element {
    Element {
        name: tag.name().as_ref().to_owned(),
        attributes: tag.attributes_raw().to_owned(),
        content: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn our_sample(operation: &str) -> Vec<u8> {
        let path = format!(
            "{}/../wsdl/samples/{operation}.response.xml",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn wrapper_of(envelope: &[u8]) -> Element {
        let (start, end) = body_wrapper(envelope)
            .expect("readable")
            .expect("a body wrapper");
        parse(&envelope[start..end]).expect("well-formed")
    }

    /// Checks that every element of `element` (at `path`) has its children in the order the
    /// outline prints them (optional ones may be absent), and collects the names seen under
    /// each path.
    fn check_shape(
        operation: &str,
        outline: &Outline,
        element: &Element,
        path: &str,
        seen: &mut HashMap<String, Vec<String>>,
    ) {
        let names: Vec<&str> = element.elements().map(Element::local_name).collect();
        if let Some(printed) = outline.children(path) {
            let entry = seen.entry(path.to_owned()).or_default();
            entry.extend(names.iter().map(|n| (*n).to_owned()));
            let printed: Vec<&str> = printed.iter().map(String::as_str).collect();
            if UNWRAPPED
                .iter()
                .any(|(parent, _, _)| *parent == element.local_name())
            {
                // One run of the printed children per unwrapped element.
                assert!(
                    !names.is_empty() && names.chunks(printed.len()).all(|run| run == printed),
                    "{operation} {path}: {names:?}, printed {printed:?}"
                );
            } else {
                let mut collapsed = names.clone();
                collapsed.dedup();
                let mut rest = printed.iter();
                assert!(
                    collapsed.iter().all(|name| rest.any(|p| p == name)),
                    "{operation} {path}: {collapsed:?}, printed {printed:?}"
                );
            }
        } else {
            assert!(
                names.is_empty(),
                "{operation} {path}: not printed with children"
            );
        }
        for child in element.elements() {
            check_shape(
                operation,
                outline,
                child,
                &join(path, child.local_name()),
                seen,
            );
        }
    }

    fn leaves(element: &Element, out: &mut Vec<(String, String)>) {
        let mut has_elements = false;
        for child in element.elements() {
            has_elements = true;
            leaves(child, out);
        }
        if !has_elements {
            let text: String = element
                .content
                .iter()
                .filter_map(|n| match n {
                    Node::Text(t) => Some(t.as_str()),
                    Node::Element(_) => None,
                })
                .collect();
            out.push((element.local_name().to_owned(), text));
        }
    }

    #[test]
    fn every_outline_is_read() {
        for &(operation, _) in OUTLINE_FILES {
            let outline = Outline::of(operation).expect("an outline");
            assert!(
                outline.children("Response/OrderResponseHeader").is_some(),
                "{operation}"
            );
        }
        let info = Outline::of("GetOrders")
            .and_then(|o| o.children("Response/OrderDetail/OrderInfo"))
            .expect("OrderInfo");
        assert_eq!(info.iter().filter(|n| *n == "OrderDate").count(), 2, "E84");
    }

    /// Our own sample answers, rewritten, have exactly the outlines' shape: the table of
    /// spellings and the order and doubling read from the outlines are all there is to
    /// the dialect.
    #[test]
    fn our_samples_take_the_outlines_shape() {
        for &(operation, _) in OUTLINE_FILES {
            let ours = our_sample(operation);
            let spec = to_spec(&ours)
                .expect("rewritten")
                .expect("an answer of one of the 14 operations");
            let wrapper = wrapper_of(&spec);
            let printed_wrapper = SPELLINGS
                .iter()
                .find(|s| s.operation == operation && s.ours.ends_with("Response"))
                .map_or(format!("{operation}Response"), |s| s.printed.to_owned());
            assert_eq!(wrapper.local_name(), printed_wrapper);
            assert!(wrapper.name.starts_with("ns2:"), "{}", wrapper.name);

            let outline = Outline::of(operation).expect("outline");
            let mut seen = HashMap::new();
            check_shape(operation, outline, &wrapper, "", &mut seen);
            // Every printed element occurs somewhere in our sample (which has them all).
            let set = |names: &[String]| {
                let mut names = names.to_vec();
                names.sort();
                names.dedup();
                names
            };
            let mut paths: Vec<&String> = seen.keys().collect();
            paths.sort();
            let mut printed_paths: Vec<&String> = outline.children.keys().collect();
            printed_paths.sort();
            assert_eq!(paths, printed_paths, "{operation}");
            for (path, names) in &seen {
                let printed = outline.children(path).unwrap_or_default();
                assert_eq!(set(names), set(printed), "{operation} {path}");
            }
        }
    }

    /// Nothing is lost or made up: the rewritten answer holds our answer's leaf values, plus
    /// the doubled elements' values once more.
    #[test]
    fn values_are_kept_and_only_the_doubled_ones_repeat() {
        for &(operation, _) in OUTLINE_FILES {
            let ours = our_sample(operation);
            let spec = to_spec(&ours).expect("rewritten").expect("answer");
            let mut before = Vec::new();
            leaves(&wrapper_of(&ours), &mut before);
            let mut after = Vec::new();
            leaves(&wrapper_of(&spec), &mut after);
            let printed = |name: &str| {
                SPELLINGS
                    .iter()
                    .find(|s| s.operation == operation && s.ours == name)
                    .map_or(name.to_owned(), |s| s.printed.to_owned())
            };
            let mut expected: Vec<(String, String)> = before
                .iter()
                .map(|(name, value)| (printed(name), value.clone()))
                .collect();
            // E84: every OrderDate once more; E87: GetOrderByOrderID's signer's FirstName.
            let doubled: Vec<(String, String)> = {
                let wrapper = wrapper_of(&ours);
                let mut extra = Vec::new();
                collect_doubled(operation, &wrapper, &mut extra);
                extra
            };
            expected.extend(doubled);
            expected.sort();
            after.sort();
            assert_eq!(after, expected, "{operation}");
        }
    }

    fn collect_doubled(operation: &str, element: &Element, out: &mut Vec<(String, String)>) {
        for child in element.elements() {
            let doubled = match (element.local_name(), child.local_name()) {
                ("OrderInfo", "OrderDate") => true,
                ("AuthorizedSignerInfo", "FirstName") => operation == "GetOrderByOrderID",
                _ => false,
            };
            if doubled {
                leaves(child, out);
            }
            collect_doubled(operation, child, out);
        }
    }

    /// The first element holding a child called `name`.
    fn parent_of<'e>(element: &'e Element, name: &str) -> Option<&'e Element> {
        if element.elements().any(|c| c.local_name() == name) {
            return Some(element);
        }
        element.elements().find_map(|child| parent_of(child, name))
    }

    /// Through the hook: the generated dispatcher's answers, wrapped by the dialect.
    #[tokio::test]
    async fn the_handler_answers_in_the_dialect_it_was_given() {
        let mut accounts = crate::accounts::Accounts::new();
        accounts.insert("PAR12345_gasapi", "Xq7!pL2#vR9s");
        let emulator = Arc::new(crate::emulator::Emulator::in_memory(accounts).expect("emulator"));
        let generated: Arc<dyn SoapHandler> = Arc::new(crate::service::GeneratedHandler::new(
            emulator,
            soap_runtime::Limits::default(),
        ));
        let request = |operation: &str| {
            let path = format!(
                "{}/../wsdl/samples/{operation}.request.xml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            // A wrong password: every operation answers SuccessCode -1 with an error.
            Bytes::from(text.replace("Xq7!pL2#vR9s", "wrong"))
        };
        for (dialect, wrapper, error_parent) in [
            (Dialect::Wsdl, "OrderOSEVResponse", "Error"),
            (Dialect::Spec, "OrderOSResponse", "Errors"),
        ] {
            let handler = dialect.wrap(generated.clone());
            let answer = handler.handle(request("OrderOSEV")).await;
            assert_eq!(answer.status, 200);
            let root = wrapper_of(&answer.body);
            assert_eq!(root.local_name(), wrapper, "{dialect:?}");
            assert_eq!(
                parent_of(&root, "ErrorCode").map(Element::local_name),
                Some(error_parent),
                "{dialect:?}"
            );
        }
        let answer = Dialect::Spec
            .wrap(generated)
            .handle(request("GetModifiedOrders"))
            .await;
        assert_eq!(wrapper_of(&answer.body).local_name(), "GetModifiedOrders");
    }

    #[test]
    fn faults_and_the_wsdl_dialect_pass_unchanged() {
        let fault = soap_runtime::envelope::encode_fault(
            &Fault::server("no"),
            soap_runtime::SoapVersion::Soap11,
        );
        assert!(to_spec(&fault).expect("readable").is_none());
        assert!(to_spec(b"<a/>").expect("readable").is_none());
        assert!(to_spec(b"<a").is_err());
    }
}
