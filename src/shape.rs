//! The shape of each operation's request and answer, from the generated tables.
//!
//! `gas` needs the element tree of a request for three things the generated types do not
//! offer as values: the order and nesting of fields in `gas order template`, listing every
//! unknown, missing or mistyped field of an order file at once (serde stops at the first),
//! and knowing which fields are lists. The generator emits that tree as data: every
//! generated type's table (`soap_runtime::ComplexValue::FIELDS`: wire name, occurrence,
//! XSD type or child table, list items), which its XML reader matches against. This
//! module turns the tables of an operation's input and output types into [`Node`]s; the
//! operation's types come from gas-client's generated list of operations, through
//! [`crate::service::with_operation`]. No WSDL is read at run time.

use gas_client::{GasOperation, OrderOperation};
use serde::Serialize;
use serde::de::DeserializeOwned;
use soap_runtime::{ComplexValue, Field, Fields, Kind, Occurs, Operation};

use crate::service::{Visit, with_operation};

/// The XSD built-ins a leaf element carries, as `gas` treats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    String,
    Int,
    Boolean,
}

impl Simple {
    /// From the XSD built-in a table names (`int`, `boolean`, ...): whole numbers and
    /// booleans as such, every other text as text.
    fn of(xsd: &str) -> Simple {
        match xsd {
            "int" | "integer" | "long" | "short" | "byte" | "unsignedLong" | "unsignedInt"
            | "unsignedShort" | "unsignedByte" | "nonNegativeInteger" | "positiveInteger"
            | "nonPositiveInteger" | "negativeInteger" => Simple::Int,
            "boolean" => Simple::Boolean,
            _ => Simple::String,
        }
    }
}

/// One element: its name and occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementDecl {
    pub name: String,
    pub required: bool,
    /// Repeated (`maxOccurs` above one; the tables say "many", not how many).
    pub list: bool,
}

impl ElementDecl {
    pub fn is_required(&self) -> bool {
        self.required
    }
    pub fn is_list(&self) -> bool {
        self.list
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

/// The tree of an operation's request content: the `Request` element of its input.
pub fn request(operation: &str) -> Result<Node, String> {
    let (input, _) = trees(operation)?;
    input
        .child("Request")
        .cloned()
        .ok_or_else(|| format!("{operation} has no Request element"))
}

/// The tree of an answer's content: the `Response` element of the operation's output.
#[cfg(test)]
pub fn response(operation: &str) -> Result<Node, String> {
    let (_, output) = trees(operation)?;
    output
        .child("Response")
        .cloned()
        .ok_or_else(|| format!("{operation}Response has no Response element"))
}

/// The tree of operation `O`'s output body element.
pub fn output<O>() -> Result<Node, String>
where
    O: Operation,
    O::Output: ComplexValue,
{
    let name = <O::Output as soap_runtime::BodyElement>::NAME;
    root(name, &O::Output::FIELDS)
}

/// The trees of the input and output body elements of the operation named `operation`.
fn trees(operation: &str) -> Result<(Node, Node), String> {
    with_operation(operation, Tables).unwrap_or_else(|| {
        Err(format!(
            "{operation} is not an operation of GasOrderService"
        ))
    })
}

/// The [`Visit`] that reads an operation's tables.
struct Tables;

impl Tables {
    fn of<O: Operation>() -> Result<(Node, Node), String>
    where
        O::Input: ComplexValue,
        O::Output: ComplexValue,
    {
        let input = root(
            <O::Input as soap_runtime::BodyElement>::NAME,
            &O::Input::FIELDS,
        )?;
        Ok((input, output::<O>()?))
    }
}

impl Visit for Tables {
    type Out = Result<(Node, Node), String>;
    fn order<O>(self) -> Self::Out
    where
        O: OrderOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue,
    {
        Tables::of::<O>()
    }
    fn other<O>(self) -> Self::Out
    where
        O: GasOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue,
    {
        Tables::of::<O>()
    }
}

fn root(name: &str, table: &'static Fields) -> Result<Node, String> {
    let children = children(name, table, &mut Vec::new())?;
    Ok(Node {
        decl: ElementDecl {
            name: name.to_owned(),
            required: true,
            list: false,
        },
        kind: NodeKind::Complex(children),
    })
}

/// The nodes of a table's fields; `open` holds the tables being expanded (a type that
/// contains itself is refused: a template cannot be infinite).
fn children(
    path: &str,
    table: &'static Fields,
    open: &mut Vec<*const Fields>,
) -> Result<Vec<Node>, String> {
    if !table.described {
        return Err(format!(
            "{path}: its type describes no fields (a choice or a hand-written type), which gas does not support"
        ));
    }
    if open.contains(&(table as *const Fields)) {
        return Err(format!(
            "{path}: its type contains itself; recursive types are not supported"
        ));
    }
    open.push(table);
    let nodes = table
        .fields
        .iter()
        .map(|f| field(path, f, open))
        .collect::<Result<Vec<_>, _>>();
    open.pop();
    nodes
}

fn field(parent: &str, f: &Field, open: &mut Vec<*const Fields>) -> Result<Node, String> {
    let path = format!("{parent}/{}", f.name);
    let kind = |path: &str, open: &mut Vec<*const Fields>| match f.kind {
        Kind::Simple(xsd) => Ok(NodeKind::Simple(Simple::of(xsd))),
        Kind::Complex(table) => Ok(NodeKind::Complex(children(path, table(), open)?)),
        Kind::None => Err(format!(
            "{path}: a nested group or xs:any, which gas does not support"
        )),
    };
    let required = matches!(f.occurs, Occurs::One);
    if f.item.is_empty() {
        return Ok(Node {
            decl: ElementDecl {
                name: f.name.to_owned(),
                required,
                list: matches!(f.occurs, Occurs::Many),
            },
            kind: kind(&path, open)?,
        });
    }
    // A list wrapper: the generated type holds the items, the document the wrapper.
    let item_path = format!("{path}/{}", f.item);
    let item = Node {
        decl: ElementDecl {
            name: f.item.to_owned(),
            required: f.item_required,
            list: true,
        },
        kind: kind(&item_path, open)?,
    };
    Ok(Node {
        decl: ElementDecl {
            name: f.name.to_owned(),
            required,
            list: matches!(f.occurs, Occurs::Many),
        },
        kind: NodeKind::Complex(vec![item]),
    })
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
        for info in gas_client::generated::operations::OPERATIONS {
            let op = info.name;
            let request = request(op).unwrap();
            assert_eq!(request.decl.name, "Request");
            assert_eq!(
                request.children()[0].decl.name,
                "OrderRequestHeader",
                "{op}"
            );
            assert_eq!(response(op).unwrap().decl.name, "Response");
        }
        assert_eq!(gas_client::generated::operations::OPERATIONS.len(), 14);
        let err = request("OrderXX").unwrap_err();
        assert!(err.contains("OrderXX"), "{err}");
    }

    #[test]
    fn occurrences_and_types_are_read() {
        let ps2 = request("OrderPS2").unwrap();
        let year = ps2.child("Year").unwrap();
        assert!(matches!(year.kind, NodeKind::Simple(Simple::Int)));
        assert!(year.decl.is_required());
        let has_csr = ps2.child("HasCSR").unwrap();
        assert!(matches!(has_csr.kind, NodeKind::Simple(Simple::Boolean)));
        let coupon = ps2.child("Coupon").unwrap();
        assert!(!coupon.decl.is_required());
        let email = ps2.child("DnAttributes").unwrap().child("Email").unwrap();
        assert!(matches!(email.kind, NodeKind::Simple(Simple::String)));
        let orders = response("GetOrders").unwrap();
        let detail = orders.child("OrderDetail").unwrap();
        assert!(detail.decl.is_list());
        // A list wrapper keeps its element, with the items under it.
        let qc = request("OrderQC").unwrap();
        let statements = qc.child("QCStatements").unwrap();
        assert!(!statements.decl.is_list() && !statements.decl.is_required());
        let statement = statements.child("QCStatement").unwrap();
        assert!(statement.decl.is_list() && !statement.decl.is_required());
        assert!(statement.child("Name").is_some());
    }

    #[test]
    fn undescribed_and_recursive_types_are_named() {
        static UNDESCRIBED: Fields = Fields::UNDESCRIBED;
        let err = children("A/B", &UNDESCRIBED, &mut Vec::new()).unwrap_err();
        assert!(
            err.starts_with("A/B:") && err.contains("describes no fields"),
            "{err}"
        );
        static SELF: Fields = Fields::new(&[Field::one("Again").kind(Kind::Complex(again))]);
        fn again() -> &'static Fields {
            &SELF
        }
        let err = children("A", &SELF, &mut Vec::new()).unwrap_err();
        assert!(
            err.starts_with("A/Again:") && err.contains("itself"),
            "{err}"
        );
    }
}
