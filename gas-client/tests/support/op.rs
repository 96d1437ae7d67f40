//! Hand-written operations in GlobalSign's shape, standing in for generated ones: a
//! request with `OrderRequestHeader/AuthToken`, `OrderID`, `SubID`, `PickupPassword`,
//! `Email`; a response with `OrderResponseHeader`, `OrderID` and an order list.
//! Written with soap-runtime's reader and writer the way generated code is.

#![allow(dead_code)]

use gas_client::{
    ApiError, ApiErrorCode, Credentials, GasOperation, OrderOperation, ResponseStatus, Secret,
    SubIdLookup, Violation, Violations,
};
use soap_runtime::{
    BodyElement, DecodeError, DecodeErrorKind, EncodeError, Operation, SoapVersion, StartTag,
    XmlReader, XmlWriter,
};

pub const NS: &str = "https://system.globalsign.com/pc/ws/v2/";

/// The request body element (`<ws:TestOp><Request>…</Request></ws:TestOp>`).
#[derive(Debug, Clone, Default)]
pub struct TestRequest {
    pub user_name: String,
    pub password: Secret,
    pub order_id: Option<String>,
    pub sub_id: Option<String>,
    pub pickup_password: Option<Secret>,
    pub email: Option<String>,
}

/// The response body element (`<ns2:TestOpResponse><Response>…</Response>…`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TestResponse {
    pub success_code: Option<i32>,
    pub errors: Vec<(String, Option<String>, String)>,
    pub order_id: Option<String>,
    /// `Orders/Order/OrderID` (the SubID lookup's answer).
    pub orders: Vec<String>,
}

impl BodyElement for TestRequest {
    const NAME: &'static str = "TestOp";
    const NAMESPACE: &'static str = NS;

    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.start_prefixed(Some(NS), Some("ws"), "TestOp");
        w.start(None, "Request");
        w.start(None, "OrderRequestHeader");
        w.start(None, "AuthToken");
        w.text_element(None, "UserName", &self.user_name)?;
        w.text_element(None, "Password", self.password.expose())?;
        w.end()?;
        w.end()?;
        if let Some(v) = &self.order_id {
            w.text_element(None, "OrderID", v)?;
        }
        if let Some(v) = &self.sub_id {
            w.text_element(None, "SubID", v)?;
        }
        if let Some(v) = &self.pickup_password {
            w.text_element(None, "PickupPassword", v.expose())?;
        }
        if let Some(v) = &self.email {
            w.text_element(None, "Email", v)?;
        }
        w.end()?;
        w.end()
    }

    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        // The client never reads requests; the scripted server does not decode them.
        let tag = expect_start(r)?;
        r.skip(&tag)?;
        Ok(TestRequest::default())
    }
}

fn expect_start<'a>(r: &mut XmlReader<'a>) -> Result<StartTag<'a>, DecodeError> {
    match r.next_child()? {
        Some(tag) => Ok(tag),
        None => Err(r.error_at(
            r.position(),
            DecodeErrorKind::Missing {
                element: "element".to_owned(),
            },
        )),
    }
}

impl BodyElement for TestResponse {
    const NAME: &'static str = "TestOpResponse";
    const NAMESPACE: &'static str = NS;

    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.start_prefixed(Some(NS), Some("ns2"), "TestOpResponse");
        w.end()
    }

    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut out = TestResponse::default();
        let wrapper = expect_start(r)?;
        if wrapper.is_empty() {
            return Ok(out);
        }
        while let Some(response) = r.next_child()? {
            if response.local_name() != "Response" || response.is_empty() {
                r.skip(&response)?;
                continue;
            }
            while let Some(child) = r.next_child()? {
                match child.local_name() {
                    "OrderResponseHeader" if !child.is_empty() => read_header(r, &mut out)?,
                    "OrderID" => out.order_id = r.read_value::<String>(&child)?,
                    "Orders" if !child.is_empty() => {
                        while let Some(order) = r.next_child()? {
                            if order.is_empty() {
                                continue;
                            }
                            while let Some(field) = r.next_child()? {
                                if field.local_name() == "OrderID" {
                                    if let Some(id) = r.read_value::<String>(&field)? {
                                        out.orders.push(id);
                                    }
                                } else {
                                    r.skip(&field)?;
                                }
                            }
                        }
                    }
                    _ => r.skip(&child)?,
                }
            }
        }
        Ok(out)
    }
}

fn read_header(r: &mut XmlReader<'_>, out: &mut TestResponse) -> Result<(), DecodeError> {
    while let Some(child) = r.next_child()? {
        match child.local_name() {
            "SuccessCode" => out.success_code = r.read_value::<i32>(&child)?,
            "Errors" if !child.is_empty() => {
                while let Some(error) = r.next_child()? {
                    if error.is_empty() {
                        continue;
                    }
                    let (mut code, mut field, mut message) = (String::new(), None, String::new());
                    while let Some(part) = r.next_child()? {
                        match part.local_name() {
                            "ErrorCode" => code = r.read_value(&part)?.unwrap_or_default(),
                            "ErrorField" => field = r.read_value(&part)?,
                            "ErrorMessage" => message = r.read_value(&part)?.unwrap_or_default(),
                            _ => r.skip(&part)?,
                        }
                    }
                    out.errors.push((code, field, message));
                }
            }
            _ => r.skip(&child)?,
        }
    }
    Ok(())
}

fn fill_credentials(input: &mut TestRequest, credentials: &Credentials) {
    input.user_name = credentials.user_name().to_owned();
    input.password = credentials.password().clone();
}

fn status(output: &TestResponse) -> ResponseStatus {
    ResponseStatus {
        success_code: output.success_code,
        errors: output
            .errors
            .iter()
            .map(|(code, field, message)| ApiError::new(code, field.clone(), message.clone()))
            .collect(),
        order_id: output.order_id.clone().filter(|s| !s.is_empty()),
    }
}

/// Client-side checks in the generated style: `Email` at most 20 characters,
/// `PickupPassword` at least 8; messages never quote the value.
fn validate(input: &TestRequest) -> Violations {
    let mut v = Violations::new();
    if input.email.as_ref().is_some_and(|e| e.chars().count() > 20) {
        v.push(Violation::new(
            "Email",
            ApiErrorCode::ParameterLength,
            "is longer than 20 characters",
        ));
    }
    if input
        .pickup_password
        .as_ref()
        .is_some_and(|p| p.expose().chars().count() < 8)
    {
        v.push(Violation::new(
            "PickupPassword",
            ApiErrorCode::ParameterLength,
            "is shorter than 8 characters",
        ));
    }
    v
}

fn secrets(input: &TestRequest) -> Vec<&str> {
    input.pickup_password.iter().map(|p| p.expose()).collect()
}

/// Declares a test operation on [`TestRequest`] / [`TestResponse`] under its doc:
/// `Name, idempotent = <bool>`, and `, target = field` where the request acts on an
/// existing order.
macro_rules! test_operation {
    (
        $(#[$doc:meta])*
        $name:ident, idempotent = $idempotent:literal $(, target = $target:ident)?
    ) => {
        $(#[$doc])*
        pub struct $name;

        impl Operation for $name {
            const NAME: &'static str = stringify!($name);
            const SOAP_ACTION: &'static str = "";
            const SOAP_VERSION: SoapVersion = SoapVersion::Soap11;
            type Input = TestRequest;
            type Output = TestResponse;
        }

        impl GasOperation for $name {
            const IDEMPOTENT: bool = $idempotent;
            fn set_credentials(input: &mut TestRequest, credentials: &Credentials) {
                fill_credentials(input, credentials)
            }
            fn validate(input: &TestRequest) -> Violations {
                validate(input)
            }
            fn secrets(input: &TestRequest) -> Vec<&str> {
                secrets(input)
            }
            $(
                fn target_order_id(input: &TestRequest) -> Option<&str> {
                    input.$target.as_deref()
                }
            )?
            fn status(output: &TestResponse) -> ResponseStatus {
                status(output)
            }
        }
    };
}

test_operation! {
    /// A query: may be resent freely.
    TestQuery, idempotent = true
}

impl SubIdLookup for TestQuery {
    fn by_sub_id(sub_id: &str) -> TestRequest {
        TestRequest {
            sub_id: Some(sub_id.to_owned()),
            ..TestRequest::default()
        }
    }
    fn order_ids(output: &TestResponse, _sub_id: &str) -> Vec<String> {
        output.orders.clone()
    }
}

test_operation! {
    /// A change without a SubID (like ModifyOrder): never resent once it may have arrived.
    TestModify, idempotent = false, target = order_id
}

test_operation! {
    /// An order, reconciled through its SubID.
    TestOrder, idempotent = false
}

impl OrderOperation for TestOrder {
    type Lookup = TestQuery;
    fn sub_id(input: &TestRequest) -> Option<&str> {
        input.sub_id.as_deref()
    }
    fn recovered_output(order_id: &str) -> TestResponse {
        TestResponse {
            success_code: Some(0),
            order_id: Some(order_id.to_owned()),
            ..TestResponse::default()
        }
    }
}

/// A response body in GlobalSign's style (CXF prefixes, `xsi:nil`, empty `<Errors/>`).
pub fn response_xml(
    success_code: i32,
    errors: &[(&str, Option<&str>, &str)],
    order_id: Option<&str>,
) -> String {
    response_xml_with_orders(success_code, errors, order_id, &[])
}

/// As [`response_xml`], with an `Orders` list (the SubID lookup's answer).
pub fn response_xml_with_orders(
    success_code: i32,
    errors: &[(&str, Option<&str>, &str)],
    order_id: Option<&str>,
    orders: &[&str],
) -> String {
    let mut errors_xml = String::new();
    if errors.is_empty() {
        errors_xml.push_str("<Errors/>");
    } else {
        errors_xml.push_str("<Errors>");
        for (code, field, message) in errors {
            errors_xml.push_str(&format!("<Error><ErrorCode>{code}</ErrorCode>"));
            if let Some(field) = field {
                errors_xml.push_str(&format!("<ErrorField>{field}</ErrorField>"));
            }
            errors_xml.push_str(&format!("<ErrorMessage>{message}</ErrorMessage></Error>"));
        }
        errors_xml.push_str("</Errors>");
    }
    let order = match order_id {
        Some(id) => format!("<OrderID>{id}</OrderID>"),
        None => {
            "<OrderID xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
                .to_owned()
        }
    };
    let orders_xml = if orders.is_empty() {
        String::new()
    } else {
        let mut s = String::from("<Orders>");
        for id in orders {
            s.push_str(&format!("<Order><OrderID>{id}</OrderID></Order>"));
        }
        s.push_str("</Orders>");
        s
    };
    format!(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <ns2:TestOpResponse xmlns:ns2=\"{NS}\"><Response><OrderResponseHeader>\
         <SuccessCode>{success_code}</SuccessCode>{errors_xml}\
         <Timestamp>2016-10-19T12:57:51.873+09:00</Timestamp></OrderResponseHeader>\
         {order}{orders_xml}</Response></ns2:TestOpResponse></soap:Body></soap:Envelope>"
    )
}

/// A SOAP 1.1 fault as Apache CXF writes it.
pub fn fault_xml(code: &str, string: &str) -> String {
    format!(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <soap:Fault><faultcode>{code}</faultcode><faultstring>{string}</faultstring></soap:Fault>\
         </soap:Body></soap:Envelope>"
    )
}
