//! WSDL 1.1 messages, portTypes, bindings and services → the model's operations
//! and services.
//!
//! Only SOAP 1.1/1.2 bindings become operations; HTTP GET/POST bindings (and
//! their ports) are skipped with a [`Note`]. Any `use="encoded"` is refused with
//! one error naming the binding, before anything else is resolved.

use std::collections::BTreeMap;

use crate::error::{Error, ErrorKind};
use crate::model::{
    FaultMessage, Message, Note, Operation, Part, PartContent, Port, QName, Service, SoapVersion,
    Style,
};
use crate::parse::loader::Loaded;
use crate::parse::ns;
use crate::parse::xml::{Element, normalize_doc};
use crate::resolve::schema::SchemaSet;

fn err(kind: ErrorKind, e: &Element, message: String) -> Error {
    Error::new(kind, Some(e.pos.clone()), message)
}

fn wsdl_doc(e: &Element) -> Option<String> {
    let parts: Vec<String> = e
        .children_named(ns::WSDL, "documentation")
        .filter_map(|d| normalize_doc(&d.deep_text()))
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

/// What kind of binding a `wsdl:binding` is, from its extension element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BindingKind {
    Soap(SoapVersion),
    Http,
    Other,
}

fn soap_ns(v: SoapVersion) -> &'static str {
    match v {
        SoapVersion::Soap11 => ns::SOAP11,
        SoapVersion::Soap12 => ns::SOAP12,
    }
}

fn binding_kind(b: &Element) -> (BindingKind, Option<&Element>) {
    for c in b.elements() {
        if c.local != "binding" {
            continue;
        }
        match c.namespace.as_deref() {
            Some(ns::SOAP11) => return (BindingKind::Soap(SoapVersion::Soap11), Some(c)),
            Some(ns::SOAP12) => return (BindingKind::Soap(SoapVersion::Soap12), Some(c)),
            Some(ns::HTTP) => return (BindingKind::Http, Some(c)),
            _ => {}
        }
    }
    (BindingKind::Other, None)
}

/// The WSDL definitions of every loaded WSDL file, by QName.
struct Tables<'a> {
    messages: BTreeMap<QName, &'a Element>,
    port_types: BTreeMap<QName, &'a Element>,
    bindings: BTreeMap<QName, &'a Element>,
    /// Bindings and services in load/document order.
    binding_order: Vec<(QName, &'a Element)>,
    services: Vec<&'a Element>,
}

fn tables(loaded: &Loaded) -> Result<Tables<'_>, Error> {
    let mut t = Tables {
        messages: BTreeMap::new(),
        port_types: BTreeMap::new(),
        bindings: BTreeMap::new(),
        binding_order: Vec::new(),
        services: Vec::new(),
    };
    let mut services_seen: BTreeMap<QName, &Element> = BTreeMap::new();
    for &doc in &loaded.wsdl_docs {
        let root = &loaded.docs[doc].root;
        let tns = root.attr("targetNamespace").filter(|s| !s.is_empty());
        for e in root.elements() {
            if e.namespace.as_deref() != Some(ns::WSDL) {
                continue;
            }
            let table = match e.local.as_str() {
                "message" => &mut t.messages,
                "portType" => &mut t.port_types,
                "binding" => &mut t.bindings,
                "service" => {
                    let q = QName::new(tns, e.required_attr("name")?);
                    if let Some(prev) = services_seen.insert(q.clone(), e) {
                        return Err(err(
                            ErrorKind::Duplicate,
                            e,
                            format!(
                                "wsdl:service `{q}` is defined twice (first at {})",
                                prev.pos
                            ),
                        ));
                    }
                    t.services.push(e);
                    continue;
                }
                _ => continue,
            };
            let q = QName::new(tns, e.required_attr("name")?);
            if let Some(prev) = table.get(&q) {
                return Err(err(
                    ErrorKind::Duplicate,
                    e,
                    format!(
                        "wsdl:{} `{q}` is defined twice (first at {})",
                        e.local, prev.pos
                    ),
                ));
            }
            if e.local == "binding" {
                t.binding_order.push((q.clone(), e));
            }
            table.insert(q, e);
        }
    }
    Ok(t)
}

/// Refuses SOAP encoding anywhere in a SOAP binding: one error, naming the binding.
pub fn refuse_encoded(loaded: &Loaded) -> Result<(), Error> {
    let t = tables(loaded)?;
    for (q, b) in &t.binding_order {
        let (BindingKind::Soap(v), Some(sb)) = binding_kind(b) else {
            continue;
        };
        let soap = soap_ns(v);
        let binding_style = sb.attr("style").unwrap_or("document");
        for op in b.children_named(ns::WSDL, "operation") {
            let style = op
                .child(soap, "operation")
                .and_then(|o| o.attr("style"))
                .unwrap_or(binding_style);
            for dir in op
                .elements()
                .filter(|d| d.namespace.as_deref() == Some(ns::WSDL))
            {
                for ext in dir
                    .elements()
                    .filter(|x| x.namespace.as_deref() == Some(soap))
                {
                    if ext.attr("use").map(str::trim) == Some("encoded") {
                        return Err(Error::unsupported(
                            Some(b.pos.clone()),
                            format!(
                                "binding `{}` uses {style}/encoded (SOAP encoding, e.g. operation `{}` at {}); \
                                 only literal bindings (document/literal, rpc/literal) are supported",
                                q.local,
                                op.attr("name").unwrap_or(""),
                                ext.pos
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

pub struct WsdlModel {
    pub services: Vec<Service>,
    pub operations: Vec<Operation>,
    pub notes: Vec<Note>,
}

pub fn build(loaded: &Loaded, schemas: &SchemaSet<'_>) -> Result<WsdlModel, Error> {
    let t = tables(loaded)?;
    let mut out = WsdlModel {
        services: Vec::new(),
        operations: Vec::new(),
        notes: Vec::new(),
    };
    for (q, b) in &t.binding_order {
        let (kind, sb) = binding_kind(b);
        let (version, sb) = match (kind, sb) {
            (BindingKind::Soap(v), Some(sb)) => (v, sb),
            (BindingKind::Http, _) => {
                out.notes.push(Note {
                    pos: b.pos.clone(),
                    message: format!(
                        "HTTP binding `{}` skipped: only SOAP bindings are generated",
                        q.local
                    ),
                });
                continue;
            }
            _ => {
                out.notes.push(Note {
                    pos: b.pos.clone(),
                    message: format!(
                        "binding `{}` is neither SOAP 1.1 nor SOAP 1.2; skipped",
                        q.local
                    ),
                });
                continue;
            }
        };
        let pt_name = b.required_attr("type")?;
        let pt_q = b.resolve_qname(pt_name)?;
        let pt = *t.port_types.get(&pt_q).ok_or_else(|| {
            err(
                ErrorKind::Unresolved,
                b,
                format!(
                    "portType `{pt_q}` (type= of binding `{}`) is not defined",
                    q.local
                ),
            )
        })?;
        let binding_style = sb.attr("style").map(str::trim).unwrap_or("document");
        let mut pt_ops: BTreeMap<&str, Vec<&Element>> = BTreeMap::new();
        for o in pt.children_named(ns::WSDL, "operation") {
            pt_ops
                .entry(o.attr("name").unwrap_or(""))
                .or_default()
                .push(o);
        }
        let mut seen: BTreeMap<(&str, Option<&str>, Option<&str>), usize> = BTreeMap::new();
        for op in b.children_named(ns::WSDL, "operation") {
            let key = (
                op.attr("name").unwrap_or(""),
                op.child(ns::WSDL, "input").and_then(|i| i.attr("name")),
                op.child(ns::WSDL, "output").and_then(|o| o.attr("name")),
            );
            match operation(
                &t,
                schemas,
                q,
                version,
                binding_style,
                &pt_q,
                &pt_ops,
                op,
                &mut out.notes,
            )? {
                Ok(o) => {
                    if let Some(&first) = seen.get(&key) {
                        let prev: &Operation = &out.operations[first];
                        let same = Operation {
                            pos: prev.pos.clone(),
                            ..o.clone()
                        } == *prev;
                        if !same {
                            return Err(err(
                                ErrorKind::Duplicate,
                                op,
                                format!(
                                    "operation `{}` is bound twice in binding `{}`, differently (first at {})",
                                    o.name, q.local, prev.pos
                                ),
                            ));
                        }
                        out.notes.push(Note {
                            pos: o.pos.clone(),
                            message: format!(
                                "operation `{}` is bound twice in binding `{}` (identically; first at {}); the repeat is ignored",
                                o.name, q.local, prev.pos
                            ),
                        });
                        continue;
                    }
                    seen.insert(key, out.operations.len());
                    out.operations.push(o);
                }
                Err(note) => out.notes.push(note),
            }
        }
    }

    for s in &t.services {
        let mut ports = Vec::new();
        for p in s.children_named(ns::WSDL, "port") {
            let name = p.required_attr("name")?.to_owned();
            let bq = p.resolve_qname(p.required_attr("binding")?)?;
            let b = *t.bindings.get(&bq).ok_or_else(|| {
                err(
                    ErrorKind::Unresolved,
                    p,
                    format!("binding `{bq}` (binding= of port `{name}`) is not defined"),
                )
            })?;
            match binding_kind(b).0 {
                BindingKind::Soap(v) => {
                    let address = p
                        .child(soap_ns(v), "address")
                        .and_then(|a| a.attr("location"))
                        .map(str::to_owned);
                    ports.push(Port {
                        name,
                        binding: bq.local,
                        address,
                        soap_version: v,
                    });
                }
                _ => out.notes.push(Note {
                    pos: p.pos.clone(),
                    message: format!(
                        "port `{name}` skipped: its binding `{}` is not a SOAP binding",
                        bq.local
                    ),
                }),
            }
        }
        out.services.push(Service {
            name: s.required_attr("name")?.to_owned(),
            doc: wsdl_doc(s),
            ports,
            pos: s.pos.clone(),
        });
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn operation(
    t: &Tables<'_>,
    schemas: &SchemaSet<'_>,
    binding_q: &QName,
    version: SoapVersion,
    binding_style: &str,
    pt_q: &QName,
    pt_ops: &BTreeMap<&str, Vec<&Element>>,
    op: &Element,
    notes: &mut Vec<Note>,
) -> Result<Result<Operation, Note>, Error> {
    let soap = soap_ns(version);
    let name = op.required_attr("name")?;
    let bin_input = op.child(ns::WSDL, "input");
    let bin_output = op.child(ns::WSDL, "output");
    // Overloaded operations are told apart by their input/output names.
    let candidates: &[&Element] = pt_ops.get(name).map_or(&[], Vec::as_slice);
    let pt_op = match candidates {
        [] => {
            return Err(err(
                ErrorKind::Unresolved,
                op,
                format!(
                    "operation `{name}` of binding `{}` is not in portType `{pt_q}`",
                    binding_q.local
                ),
            ));
        }
        [one] => *one,
        many => {
            let wanted_in = bin_input.and_then(|i| i.attr("name"));
            let wanted_out = bin_output.and_then(|o| o.attr("name"));
            let matching: Vec<&&Element> = many
                .iter()
                .filter(|o| {
                    o.child(ns::WSDL, "input").and_then(|i| i.attr("name")) == wanted_in
                        && o.child(ns::WSDL, "output").and_then(|i| i.attr("name")) == wanted_out
                })
                .collect();
            match matching[..] {
                [one] => *one,
                [] => {
                    return Err(err(
                        ErrorKind::Unresolved,
                        op,
                        format!(
                            "overloaded operation `{name}`: no portType operation has the same input/output names"
                        ),
                    ));
                }
                [first, second, ..] => {
                    // Picking one would silently drop the other.
                    return Err(err(
                        ErrorKind::Duplicate,
                        second,
                        format!(
                            "operation `{name}` is in portType `{pt_q}` twice with the same input/output names (first at {})",
                            first.pos
                        ),
                    ));
                }
            }
        }
    };
    let soap_op = op.child(soap, "operation");
    let style = match soap_op
        .and_then(|o| o.attr("style"))
        .map(str::trim)
        .unwrap_or(binding_style)
    {
        "document" => Style::Document,
        "rpc" => Style::Rpc,
        other => {
            return Err(err(
                ErrorKind::Malformed,
                op,
                format!("unknown SOAP style `{other}` on operation `{name}`"),
            ));
        }
    };
    let soap_action = soap_op
        .and_then(|o| o.attr("soapAction"))
        .map(str::to_owned);
    let pt_input = pt_op.child(ns::WSDL, "input");
    let pt_output = pt_op.child(ns::WSDL, "output");
    // Notification/solicit-response operations (output first) are not request/response.
    let first = pt_op.elements().find(|e| {
        e.namespace.as_deref() == Some(ns::WSDL) && (e.local == "input" || e.local == "output")
    });
    if first.is_some_and(|e| e.local == "output") {
        let what = if pt_input.is_some() {
            "solicit-response"
        } else {
            "notification"
        };
        return Ok(Err(Note {
            pos: pt_op.pos.clone(),
            message: format!(
                "operation `{name}` of binding `{}` skipped: it is a {what} operation (the server sends first), which a SOAP client cannot call",
                binding_q.local
            ),
        }));
    }
    let mut rpc_namespace = None;
    let input = match pt_input {
        Some(pi) => Some(message(
            t,
            schemas,
            soap,
            pi,
            bin_input,
            name,
            &mut rpc_namespace,
            notes,
        )?),
        None => None,
    };
    let mut out_ns = None;
    let output = match pt_output {
        Some(po) => Some(message(
            t,
            schemas,
            soap,
            po,
            bin_output,
            name,
            &mut out_ns,
            notes,
        )?),
        None => None,
    };
    if rpc_namespace.is_none() {
        rpc_namespace = out_ns;
    }
    let mut faults = Vec::new();
    for f in pt_op.children_named(ns::WSDL, "fault") {
        let fname = f.required_attr("name")?;
        let mq = f.resolve_qname(f.required_attr("message")?)?;
        let m = *t.messages.get(&mq).ok_or_else(|| {
            err(
                ErrorKind::Unresolved,
                f,
                format!("message `{mq}` (fault `{fname}` of operation `{name}`) is not defined"),
            )
        })?;
        let detail = match m.children_named(ns::WSDL, "part").next() {
            Some(part) => match part.attr("element") {
                Some(el) => {
                    let eq = part.resolve_qname(el)?;
                    if !schemas.has_element(&eq) {
                        return Err(err(
                            ErrorKind::Unresolved,
                            part,
                            format!("element `{eq}` (part of fault message `{mq}`) is not defined"),
                        ));
                    }
                    Some(eq)
                }
                None => None,
            },
            None => None,
        };
        faults.push(FaultMessage {
            name: fname.to_owned(),
            message: mq,
            detail,
        });
    }
    Ok(Ok(Operation {
        name: name.to_owned(),
        binding: binding_q.local.clone(),
        port_type: pt_q.local.clone(),
        soap_version: version,
        soap_action,
        style,
        rpc_namespace: if style == Style::Rpc {
            rpc_namespace
        } else {
            None
        },
        doc: wsdl_doc(pt_op).or_else(|| wsdl_doc(op)),
        input,
        output,
        faults,
        pos: op.pos.clone(),
    }))
}

fn part_of(schemas: &SchemaSet<'_>, part: &Element, message: &QName) -> Result<Part, Error> {
    let name = part.required_attr("name")?.to_owned();
    let content = if let Some(el) = part.attr("element") {
        let q = part.resolve_qname(el)?;
        if !schemas.has_element(&q) {
            return Err(err(
                ErrorKind::Unresolved,
                part,
                format!(
                    "element `{q}` (part `{name}` of message `{message}`) is not defined in any loaded schema"
                ),
            ));
        }
        PartContent::Element(q)
    } else if let Some(ty) = part.attr("type") {
        let q = part.resolve_qname(ty)?;
        let what = format!("part `{name}` of message `{message}`");
        PartContent::Type(schemas.type_ref(&q, &part.pos, &what)?)
    } else {
        return Err(err(
            ErrorKind::Malformed,
            part,
            format!("part `{name}` of message `{message}` has neither element= nor type="),
        ));
    };
    Ok(Part { name, content })
}

/// One direction of an operation: the portType's message, placed by the binding.
#[allow(clippy::too_many_arguments)]
fn message(
    t: &Tables<'_>,
    schemas: &SchemaSet<'_>,
    soap: &str,
    pt_dir: &Element,
    bin_dir: Option<&Element>,
    op_name: &str,
    rpc_namespace: &mut Option<String>,
    notes: &mut Vec<Note>,
) -> Result<Message, Error> {
    let mq = pt_dir.resolve_qname(pt_dir.required_attr("message")?)?;
    let m = *t.messages.get(&mq).ok_or_else(|| {
        err(
            ErrorKind::Unresolved,
            pt_dir,
            format!(
                "message `{mq}` ({} of operation `{op_name}`) is not defined",
                pt_dir.local
            ),
        )
    })?;
    let parts: Vec<&Element> = m.children_named(ns::WSDL, "part").collect();
    let mut headers = Vec::new();
    let mut header_parts_here = Vec::new();
    let mut body_sel: Option<Vec<String>> = None;
    if let Some(bd) = bin_dir {
        for h in bd.children_named(soap, "header") {
            let hq = h.resolve_qname(h.required_attr("message")?)?;
            let pname = h.required_attr("part")?;
            let hm = *t.messages.get(&hq).ok_or_else(|| {
                err(
                    ErrorKind::Unresolved,
                    h,
                    format!("message `{hq}` (soap:header of operation `{op_name}`) is not defined"),
                )
            })?;
            let hp = hm
                .children_named(ns::WSDL, "part")
                .find(|p| p.attr("name") == Some(pname))
                .ok_or_else(|| err(ErrorKind::Unresolved, h, format!("message `{hq}` has no part `{pname}` (soap:header of operation `{op_name}`)")))?;
            headers.push(part_of(schemas, hp, &hq)?);
            if hq == mq {
                header_parts_here.push(pname.to_owned());
            }
        }
        let body_el = bd.child(soap, "body");
        if body_el.is_none() {
            notes.push(Note {
                pos: bd.pos.clone(),
                message: format!(
                    "the {} of operation `{op_name}` has no soap:body (MIME or other binding); every part of message `{mq}` that is not a header is placed in the body",
                    bd.local
                ),
            });
        }
        if let Some(body) = body_el {
            if let Some(list) = body.attr("parts") {
                body_sel = Some(list.split_whitespace().map(str::to_owned).collect());
            }
            if let Some(n) = body.attr("namespace")
                && rpc_namespace.is_none()
            {
                *rpc_namespace = Some(n.to_owned());
            }
        }
    }
    let mut body = Vec::new();
    match body_sel {
        Some(names) => {
            for n in names {
                let p = parts
                    .iter()
                    .find(|p| p.attr("name") == Some(n.as_str()))
                    .ok_or_else(|| {
                        err(
                            ErrorKind::Unresolved,
                            bin_dir.unwrap_or(pt_dir),
                            format!(
                                "soap:body parts= names `{n}`, which message `{mq}` does not have"
                            ),
                        )
                    })?;
                body.push(part_of(schemas, p, &mq)?);
            }
        }
        None => {
            for p in &parts {
                if !p
                    .attr("name")
                    .is_some_and(|n| header_parts_here.iter().any(|h| h == n))
                {
                    body.push(part_of(schemas, p, &mq)?);
                }
            }
        }
    }
    Ok(Message {
        name: mq,
        body,
        headers,
    })
}
