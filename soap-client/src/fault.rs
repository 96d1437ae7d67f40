//! Reading a fault's declared detail as the type generated for it.

use soap_runtime::{BodyElement, DecodeError, Fault, Limits, XmlReader};

/// The fault detail element `D` (a `wsdl:fault` the operation declares, as generated),
/// when the fault's detail has one: `None` when it has none, an error when it is there
/// but does not read as `D`.
pub fn fault_detail<D: BodyElement>(
    fault: &Fault,
    limits: &Limits,
) -> Option<Result<D, DecodeError>> {
    let detail = fault.detail.as_deref()?;
    // Each child of the detail was kept standing alone (with the namespace declarations
    // it needs); a wrapper makes them one document to walk.
    let wrapped = format!("<detail>{detail}</detail>");
    let read = || -> Result<Option<D>, DecodeError> {
        let mut r = XmlReader::new(wrapped.as_bytes(), limits)?;
        let _root = r.root()?;
        while let Some(child) = r.next_child()? {
            let namespace = r.namespace_of(&child).unwrap_or("");
            if child.local_name() == D::NAME && namespace == D::NAMESPACE {
                r.push_back(child);
                return D::read_element(&mut r).map(Some);
            }
            r.skip(&child)?;
        }
        Ok(None)
    };
    read().transpose()
}
