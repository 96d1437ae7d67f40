//! The shape of each operation's request, read from the embedded WSDL.
//!
//! `gas` needs the element tree of a request for three things the generated types do not
//! offer as data: the order and nesting of fields in `gas order template`, listing every
//! unknown, missing or mistyped field of an order file at once (serde stops at the first),
//! and knowing which fields are lists. GlobalSign's WSDL is Apache CXF output: one inline
//! schema of named complex types, each an `xs:sequence` of elements, nearly all
//! `xs:string`. This reader understands exactly that and names anything else it meets.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The service description as in the repository when this binary was built.
pub const WSDL_XML: &str = include_str!("../wsdl/GasOrderService.wsdl");

static SCHEMA: LazyLock<Result<Schema, String>> = LazyLock::new(|| {
    Schema::parse(WSDL_XML).map_err(|e| format!("wsdl/GasOrderService.wsdl (embedded): {e}"))
});

/// The embedded WSDL's schema, parsed once.
pub fn schema() -> Result<&'static Schema, String> {
    SCHEMA.as_ref().map_err(Clone::clone)
}

/// The XSD built-in a leaf element carries (all the WSDL uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    String,
    Int,
    Boolean,
}

/// One element declaration inside a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementDecl {
    pub name: String,
    /// Local name of the type (`PcV2OrderPS2Request`, `string`).
    pub type_name: String,
    pub min_occurs: u32,
    /// `None`: unbounded.
    pub max_occurs: Option<u32>,
    pub nillable: bool,
    /// Line in the WSDL, for messages about the schema itself.
    pub line: usize,
}

impl ElementDecl {
    pub fn is_required(&self) -> bool {
        self.min_occurs > 0
    }
    pub fn is_list(&self) -> bool {
        self.max_occurs != Some(1)
    }
}

/// A resolved element: its declaration and either a simple type or its children.
#[derive(Debug, Clone)]
pub struct Node {
    pub decl: ElementDecl,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Simple(Simple),
    Complex(Vec<Node>),
}

impl Node {
    pub fn children(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Complex(children) => children,
            NodeKind::Simple(_) => &[],
        }
    }
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children().iter().find(|c| c.decl.name == name)
    }
}

/// Global elements and named complex types of the inline schema.
#[derive(Debug, Default)]
pub struct Schema {
    /// Global element name → type local name.
    elements: BTreeMap<String, String>,
    /// Complex type name → its sequence.
    types: BTreeMap<String, Vec<ElementDecl>>,
}

impl Schema {
    pub fn parse(xml: &str) -> Result<Schema, String> {
        let mut reader = Reader::from_str(xml);
        let mut schema = Schema::default();
        // Open elements inside xs:schema, by local name; the complex type being read.
        let mut stack: Vec<String> = Vec::new();
        let mut in_schema = false;
        let mut current_type: Option<(String, Vec<ElementDecl>)> = None;
        loop {
            let position = reader.buffer_position();
            let event = reader
                .read_event()
                .map_err(|e| format!("line {}: {e}", line_at(xml, reader.error_position())))?;
            let line = line_at(xml, position);
            match event {
                Event::Start(ref tag) | Event::Empty(ref tag) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = local_name(tag);
                    if !in_schema {
                        if name == "schema" && !empty {
                            in_schema = true;
                            stack.clear();
                        }
                        continue;
                    }
                    match (stack.len(), name.as_str()) {
                        (0, "element") => {
                            let element = attribute(tag, "name")?;
                            let type_name = attribute(tag, "type")?;
                            if let (Some(element), Some(type_name)) = (element, type_name) {
                                schema.elements.insert(element, local_part(&type_name));
                            } else {
                                return Err(format!(
                                    "line {line}: a global xs:element without name and type is not supported"
                                ));
                            }
                        }
                        (0, "complexType") => {
                            let Some(type_name) = attribute(tag, "name")? else {
                                return Err(format!("line {line}: xs:complexType without a name"));
                            };
                            current_type = Some((type_name, Vec::new()));
                        }
                        (1, "sequence") if current_type.is_some() => {}
                        (2, "element") if stack[1] == "sequence" => {
                            let decl = element_decl(tag, line)?;
                            if let Some((_, sequence)) = current_type.as_mut() {
                                sequence.push(decl);
                            }
                        }
                        (_, "annotation" | "documentation") => {}
                        (depth, other) if depth == 0 || stack.iter().all(|s| s != "annotation") => {
                            return Err(format!(
                                "line {line}: xs:{other} is not supported by gas's schema reader (only named complex types with xs:sequence of xs:element)"
                            ));
                        }
                        _ => {}
                    }
                    if !empty {
                        stack.push(name);
                    } else if stack.is_empty() {
                        if let Some((type_name, sequence)) = current_type.take() {
                            schema.types.insert(type_name, sequence);
                        }
                    }
                }
                Event::End(ref tag) => {
                    if !in_schema {
                        continue;
                    }
                    if stack.is_empty() {
                        // </xs:schema>: this reader takes the first inline schema only.
                        let name = tag.local_name().as_ref().to_owned();
                        if name == "schema" {
                            break;
                        }
                        continue;
                    }
                    stack.pop();
                    if stack.is_empty() {
                        if let Some((type_name, sequence)) = current_type.take() {
                            schema.types.insert(type_name, sequence);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if schema.elements.is_empty() {
            return Err("no global elements: is this GlobalSign's WSDL?".to_owned());
        }
        Ok(schema)
    }

    /// The tree of an operation's request content: the children of `<Op>/Request`.
    pub fn request(&self, operation: &str) -> Result<Node, String> {
        let wrapper = self.element(operation)?;
        match wrapper.child("Request") {
            Some(request) => Ok(request.clone()),
            None => Err(format!("{operation} has no Request element")),
        }
    }

    /// The tree of a response's content: the children of `<Op>Response/Response`.
    #[cfg(test)]
    pub fn response(&self, operation: &str) -> Result<Node, String> {
        let name = format!("{operation}Response");
        let wrapper = self.element(&name)?;
        match wrapper.child("Response") {
            Some(response) => Ok(response.clone()),
            None => Err(format!("{name} has no Response element")),
        }
    }

    /// A global element, resolved.
    pub fn element(&self, name: &str) -> Result<Node, String> {
        let type_name = self
            .elements
            .get(name)
            .ok_or_else(|| format!("the WSDL declares no element {name}"))?;
        let decl = ElementDecl {
            name: name.to_owned(),
            type_name: type_name.clone(),
            min_occurs: 1,
            max_occurs: Some(1),
            nillable: false,
            line: 0,
        };
        self.resolve(decl, &mut Vec::new())
    }

    fn resolve(&self, decl: ElementDecl, open: &mut Vec<String>) -> Result<Node, String> {
        if let Some(simple) = builtin(&decl.type_name) {
            return Ok(Node {
                decl,
                kind: NodeKind::Simple(simple),
            });
        }
        let sequence = self.types.get(&decl.type_name).ok_or_else(|| {
            format!(
                "line {}: element {} has type {}, which is neither declared nor a supported built-in",
                decl.line, decl.name, decl.type_name
            )
        })?;
        if open.contains(&decl.type_name) {
            return Err(format!(
                "line {}: type {} contains itself; recursive types are not supported",
                decl.line, decl.type_name
            ));
        }
        open.push(decl.type_name.clone());
        let children = sequence
            .iter()
            .map(|child| self.resolve(child.clone(), open))
            .collect::<Result<Vec<_>, _>>()?;
        open.pop();
        Ok(Node {
            decl,
            kind: NodeKind::Complex(children),
        })
    }
}

fn builtin(type_name: &str) -> Option<Simple> {
    match type_name {
        "string" => Some(Simple::String),
        "int" => Some(Simple::Int),
        "boolean" => Some(Simple::Boolean),
        _ => None,
    }
}

fn element_decl(tag: &BytesStart<'_>, line: usize) -> Result<ElementDecl, String> {
    let (Some(name), Some(type_name)) = (attribute(tag, "name")?, attribute(tag, "type")?) else {
        return Err(format!(
            "line {line}: an xs:element without name and type (ref or anonymous type) is not supported"
        ));
    };
    let min_occurs = match attribute(tag, "minOccurs")? {
        None => 1,
        Some(v) => v
            .parse()
            .map_err(|_| format!("line {line}: minOccurs={v:?} is not a number"))?,
    };
    let max_occurs = match attribute(tag, "maxOccurs")?.as_deref() {
        None => Some(1),
        Some("unbounded") => None,
        Some(v) => Some(
            v.parse()
                .map_err(|_| format!("line {line}: maxOccurs={v:?} is not a number"))?,
        ),
    };
    let nillable = attribute(tag, "nillable")?.as_deref() == Some("true");
    Ok(ElementDecl {
        name,
        type_name: local_part(&type_name),
        min_occurs,
        max_occurs,
        nillable,
        line,
    })
}

fn local_name(tag: &BytesStart<'_>) -> String {
    let local = tag.local_name();
    let name: &str = local.as_ref();
    name.to_owned()
}

fn attribute(tag: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute: {e}"))?;
        let key: &str = attribute.key.as_ref();
        if key == name {
            let value = quick_xml::escape::unescape(&attribute.value)
                .map_err(|e| format!("bad attribute value: {e}"))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

fn local_part(qname: &str) -> String {
    qname.rsplit(':').next().unwrap_or(qname).to_owned()
}

fn line_at(text: &str, position: u64) -> usize {
    let end = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// The eight order operations and the other six, by WSDL name.
    pub const ORDER_OPERATIONS: [&str; 8] = [
        "OrderOS",
        "OrderOSEV",
        "OrderPS1",
        "OrderPS2",
        "OrderPS2Dept",
        "OrderPS2Pro",
        "OrderAATL",
        "OrderQC",
    ];

    #[test]
    fn every_operation_request_resolves() {
        let schema = schema().unwrap();
        for op in ORDER_OPERATIONS.iter().chain(&[
            "ReIssue",
            "ModifyOrder",
            "ResendEmail",
            "GetOrderByOrderID",
            "GetModifiedOrders",
            "GetOrders",
        ]) {
            let request = schema.request(op).unwrap();
            assert_eq!(request.decl.name, "Request");
            assert_eq!(
                request.children()[0].decl.name,
                "OrderRequestHeader",
                "{op}"
            );
            schema.response(op).unwrap();
        }
    }

    #[test]
    fn occurrences_and_types_are_read() {
        let schema = schema().unwrap();
        let ps2 = schema.request("OrderPS2").unwrap();
        let year = ps2.child("Year").unwrap();
        assert!(matches!(year.kind, NodeKind::Simple(Simple::Int)));
        assert!(year.decl.is_required());
        let coupon = ps2.child("Coupon").unwrap();
        assert!(!coupon.decl.is_required());
        assert!(coupon.decl.nillable);
        let email = ps2.child("DnAttributes").unwrap().child("Email").unwrap();
        assert!(matches!(email.kind, NodeKind::Simple(Simple::String)));
        let orders = schema.response("GetOrders").unwrap();
        assert!(orders.child("OrderDetail").unwrap().decl.is_list());
    }

    #[test]
    fn unsupported_constructs_are_named_with_their_line() {
        let xml = "<definitions><types>\n<xs:schema xmlns:xs=\"x\">\n<xs:element name=\"A\" type=\"A\"/>\n<xs:complexType name=\"A\">\n<xs:choice/>\n</xs:complexType>\n</xs:schema></types></definitions>";
        let err = Schema::parse(xml).unwrap_err();
        assert!(err.contains("line 5") && err.contains("xs:choice"), "{err}");
        let xml = "<definitions><types><xs:schema xmlns:xs=\"x\"><xs:element name=\"A\" type=\"B\"/></xs:schema></types></definitions>";
        let schema = Schema::parse(xml).unwrap();
        assert!(
            schema
                .element("A")
                .unwrap_err()
                .contains("neither declared")
        );
    }
}
