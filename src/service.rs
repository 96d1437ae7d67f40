//! The [`Service`] that speaks to GasOrderService through `gas-client`.
//!
//! Generic over the client's operation traits: a request document becomes the operation's
//! generated input type ([`lenient`]), the client fills in the credentials and runs the
//! generated validation, and the typed answer is serialized back into a document keyed
//! by element names ([`render::rekey`]). [`with_operation`] finds an operation's generated
//! type by its name, from gas-client's generated list of operations; the CLI names none.

use std::marker::PhantomData;
use std::sync::OnceLock;
use std::time::Duration;

use gas_client::{
    ApiError, Credentials, Endpoint as ClientEndpoint, Error as ClientError, GasClient,
    GasOperation, OrderOperation, Violations,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use soap_runtime::{ComplexValue, Secret};

use crate::advice::Origin;
use crate::commands::{Outcome, Service};
use crate::config::{Endpoint, Settings};
use crate::failure::{Exit, Failure, Item, advise, invalid_request};
use crate::lenient;
use crate::mask::{self, Secrets};
use crate::pretty;
use crate::render;
use crate::shape;

pub struct ClientService {
    settings: Settings,
    secrets: Secrets,
    runtime: OnceLock<Result<tokio::runtime::Runtime, String>>,
    client: OnceLock<GasClient>,
}

impl ClientService {
    pub fn new(settings: Settings, secrets: Secrets) -> ClientService {
        if let Some(password) = &settings.password {
            secrets.add(password.expose());
        }
        ClientService {
            settings,
            secrets,
            runtime: OnceLock::new(),
            client: OnceLock::new(),
        }
    }

    fn runtime(&self) -> Result<&tokio::runtime::Runtime, Failure> {
        self.runtime
            .get_or_init(|| {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("could not start the async runtime: {e}"))
            })
            .as_ref()
            .map_err(|e| Failure::new(Exit::Transport, "internal", e.clone()))
    }

    fn client(&self) -> Result<&GasClient, Failure> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let (user, password) = self.settings.credentials()?;
        let endpoint = match self.settings.endpoint()? {
            Endpoint::Live => ClientEndpoint::Live,
            Endpoint::Test => ClientEndpoint::Test,
            Endpoint::Url(url) => ClientEndpoint::Url(url.clone()),
        };
        let mut builder = GasClient::builder(endpoint, Credentials::new(user, password.clone()))
            .user_agent(concat!("gas-cli/", env!("CARGO_PKG_VERSION")))
            .allow_plain_http(self.settings.allow_plain_http)
            .strict_reading(self.settings.strict_reading);
        if let Some(timeout) = self.settings.timeout {
            builder = builder
                .timeout(timeout)
                .connect_timeout(timeout.min(Duration::from_secs(10)));
        }
        let client = builder.build().map_err(|e| {
            let failure = Failure::usage(format!("cannot use this endpoint: {e}"));
            if e.to_string().contains("plain http") {
                failure.with_hint("Use https, or add --allow-plain-http if sending the password unencrypted is what you mean (a sandbox on a trusted network).")
            } else {
                failure
            }
        })?;
        Ok(self.client.get_or_init(|| client))
    }

    /// Credentials for a dry run: the configured ones, or placeholders (masked anyway).
    fn dry_run_credentials(&self) -> Credentials {
        let user = self
            .settings
            .username
            .clone()
            .unwrap_or_else(|| "GAS_USERNAME".to_owned());
        let password = self
            .settings
            .password
            .clone()
            .unwrap_or_else(|| Secret::new("GAS_PASSWORD"));
        Credentials::new(user, password)
    }

    /// The typed input for a request document, credentials filled in, validated.
    fn prepare<O>(&self, document: &Value, credentials: &Credentials) -> Result<O::Input, Failure>
    where
        O: GasOperation,
        O::Input: DeserializeOwned,
    {
        let wrapped = json!({ "Request": document });
        let mut input: O::Input = lenient::from_document(&wrapped).map_err(|e| {
            let path = e
                .path
                .strip_prefix("Request/")
                .unwrap_or(&e.path)
                .to_owned();
            invalid_request(
                O::NAME,
                vec![Item::new(Some(path), Some("-104".into()), e.message)],
            )
        })?;
        O::set_credentials(&mut input, credentials);
        for secret in O::secrets(&input) {
            self.secrets.add(secret);
        }
        let violations = O::validate(&input);
        if !violations.is_empty() {
            return Err(invalid_request(O::NAME, violation_items(&violations)));
        }
        Ok(input)
    }

    fn dry_run_typed<O>(&self, document: &Value) -> Result<String, Failure>
    where
        O: GasOperation,
        O::Input: DeserializeOwned,
    {
        let input = self.prepare::<O>(document, &self.dry_run_credentials())?;
        self.envelope::<O>(&input)
    }

    /// The SOAP envelope of `input`, indented, every secret masked.
    fn envelope<O: GasOperation>(&self, input: &O::Input) -> Result<String, Failure> {
        let bytes =
            soap_runtime::envelope::encode_request(input, O::SOAP_VERSION).map_err(|e| {
                Failure::new(
                    Exit::Usage,
                    "encode",
                    format!("the request cannot be written as XML: {e}"),
                )
            })?;
        let xml = String::from_utf8_lossy(&bytes);
        let masked = mask::mask_password_elements(&pretty::indent_xml(&xml));
        Ok(self.secrets.mask(&masked))
    }

    fn answer<O>(&self, response: gas_client::Response<O::Output>) -> Result<Outcome, Failure>
    where
        O: GasOperation,
        O::Output: Serialize + ComplexValue,
    {
        let recovered = response.recovery().map(|r| {
            format!(
                "gas: the answer was lost; the order was found by its SubID {}: OrderID {}",
                r.sub_id, r.order_id
            )
        });
        let warnings = response.warnings().iter().map(api_item).collect();
        let deviations = response.deviations().to_vec();
        let value = serde_json::to_value(response.value()).map_err(|e| {
            Failure::new(
                Exit::Transport,
                "internal",
                format!("the answer cannot be shown: {e}"),
            )
        })?;
        let node =
            shape::output::<O>().map_err(|e| Failure::new(Exit::Transport, "internal", e))?;
        let rekeyed = render::rekey(value, &node);
        let response = rekeyed.get("Response").cloned().unwrap_or(Value::Null);
        tracing::debug!(
            "{} answer (secrets masked): {}",
            O::NAME,
            self.secrets.mask(&response.to_string())
        );
        Ok(Outcome {
            response,
            warnings,
            recovered,
            deviations,
        })
    }

    fn call_typed<O>(&self, document: &Value) -> Result<Outcome, Failure>
    where
        O: GasOperation,
        O::Input: DeserializeOwned,
        O::Output: Serialize + ComplexValue,
    {
        let client = self.client()?;
        let (user, password) = self.settings.credentials()?;
        let input = self.prepare::<O>(document, &Credentials::new(user, password.clone()))?;
        self.log_envelope::<O>(&input);
        let result = self.runtime()?.block_on(client.call::<O>(input));
        self.answer::<O>(result.map_err(|e| self.failure(e, O::NAME))?)
    }

    fn call_order_typed<O>(&self, document: &Value) -> Result<Outcome, Failure>
    where
        O: OrderOperation,
        O::Input: DeserializeOwned,
        O::Output: Serialize + ComplexValue,
    {
        let client = self.client()?;
        let (user, password) = self.settings.credentials()?;
        let input = self.prepare::<O>(document, &Credentials::new(user, password.clone()))?;
        self.log_envelope::<O>(&input);
        let result = self.runtime()?.block_on(client.call_order::<O>(input));
        self.answer::<O>(result.map_err(|e| self.failure(e, O::NAME))?)
    }

    /// The client's error as a failure; under strict reading an unreadable answer says
    /// that it may only differ from our WSDL.
    fn failure(&self, error: ClientError, operation: &str) -> Failure {
        let decode = matches!(error, ClientError::Decode { .. });
        let failure = client_failure(error, operation);
        if !(decode && self.settings.strict_reading) {
            return failure;
        }
        let strict = "Strict reading (--strict-reading or `strict_reading` in the config file) refuses any answer that differs from our WSDL; without it the answer is read and the differences listed (-v).";
        let hint = match &failure.hint {
            Some(hint) => format!("{strict}\n{hint}"),
            None => strict.to_owned(),
        };
        failure.with_hint(hint)
    }

    /// `-vv`: the request envelope as sent, secrets masked.
    fn log_envelope<O: GasOperation>(&self, input: &O::Input) {
        if tracing::enabled!(tracing::Level::DEBUG) {
            if let Ok(xml) = self.envelope::<O>(input) {
                tracing::debug!("{} request envelope (secrets masked):\n{xml}", O::NAME);
            }
        }
    }
}

fn violation_items(violations: &Violations) -> Vec<Item> {
    violations
        .iter()
        .map(|v| {
            Item::new(
                Some(v.path.clone()),
                Some(v.code.as_str().to_owned()),
                v.message.clone(),
            )
        })
        .collect()
}

fn api_item(error: &ApiError) -> Item {
    let mut item = Item::new(
        error.field.clone(),
        Some(error.code.as_str().to_owned()),
        error.message.clone(),
    );
    if item.advice.is_none() {
        item.advice = error.advice().map(str::to_owned);
    }
    if item.meaning.is_none() {
        item.meaning = error.code.meaning().map(str::to_owned);
    }
    item
}

/// Whether an operation changes something at GlobalSign (an order or a change to one):
/// every one but the queries the probe's relay lets through.
fn changes_something(operation: &str) -> bool {
    !crate::probe::READ_ONLY.contains(&operation)
}

/// The client's error as a failure: its exit code and what to do next. `operation` is
/// the WSDL name of the call that failed.
pub fn client_failure(error: ClientError, operation: &str) -> Failure {
    match error {
        ClientError::InvalidRequest(violations) => {
            invalid_request(operation, violation_items(&violations))
        }
        ClientError::Encode(e) => Failure::new(
            Exit::Usage,
            "encode",
            format!("the request cannot be written as XML, nothing was sent: {e}"),
        ),
        ClientError::Api(errors) => {
            let items: Vec<Item> = errors.iter().map(api_item).collect();
            Failure::new(
                Exit::Api,
                "api",
                "GlobalSign refused the request (SuccessCode -1); nothing was done",
            )
            .with_items(advise(items, operation, Origin::Server))
        }
        ClientError::SoapFault(fault) if fault.is_client() => Failure::new(
            Exit::Api,
            "fault",
            format!("GlobalSign rejected the message as unreadable: {fault}"),
        )
        .with_hint("A Client fault means the server could not read the request; nothing was done. Check the endpoint URL and the `--dry-run` output."),
        ClientError::SoapFault(fault) if changes_something(operation) => Failure::new(
            Exit::Transport,
            "outcome_unknown",
            format!("GlobalSign failed while handling {operation}: {fault} ({operation} may or may not have taken effect)"),
        )
        .with_hint("A Server fault can strike after the change was made. Check with `gas get ORDER-ID` or `gas orders --sub-id ID` before trying again."),
        ClientError::SoapFault(fault) => Failure::new(
            Exit::Transport,
            "fault",
            format!("GlobalSign failed while handling {operation}: {fault}"),
        )
        .with_hint("A Server fault is a failure inside the service; a query can simply be repeated later."),
        ClientError::OutcomeUnknown {
            operation,
            ref sub_id,
            ref order_id,
            ref source,
            ..
        } => {
            let hint = match (sub_id, order_id) {
                (Some(sub), _) => format!(
                    "Find out whether it was placed with `gas orders --sub-id {sub}` before ordering again."
                ),
                (None, Some(id)) => format!(
                    "Check the order with `gas get {id}` (its status and events) before trying again."
                ),
                (None, None) => "Check with `gas orders` before trying again; give orders a SubID (--sub-id) so that gas can find them itself.".to_owned(),
            };
            let hint = match answer_hint(source) {
                Some(more) => format!("{hint}\n{more}"),
                None => hint,
            };
            Failure::new(
                Exit::Transport,
                "outcome_unknown",
                format!("{error} ({operation} may or may not have taken effect)"),
            )
            .with_hint(hint)
        }
        other => {
            let reached = other.may_have_reached_server();
            let kind = match &other {
                ClientError::Transport { .. } => "transport",
                ClientError::HttpStatus { .. } => "http_status",
                ClientError::Decode { .. } | ClientError::ResponseTooLarge { .. } => "bad_answer",
                _ => "error",
            };
            let general = if reached {
                "The request may have reached GlobalSign. A query can simply be repeated; check an order or change with `gas get` / `gas orders` before repeating it."
            } else {
                "Nothing was sent. Check the endpoint (--endpoint), the network and --timeout, then try again."
            };
            let hint = match answer_hint(&other) {
                Some(specific) => format!("{specific}\n{general}"),
                None => general.to_owned(),
            };
            Failure::new(Exit::Transport, kind, other.to_string()).with_hint(hint)
        }
    }
}

/// One short hint for the answers that say the endpoint is not what it should be: a web
/// page instead of SOAP, or TLS spoken to a plain-HTTP port.
fn answer_hint(error: &ClientError) -> Option<&'static str> {
    let body = match error {
        ClientError::HttpStatus { body_start, .. } | ClientError::Decode { body_start, .. } => {
            Some(body_start.as_str())
        }
        _ => None,
    };
    if let Some(body) = body {
        let start = body.trim_start().to_ascii_lowercase();
        let html = start.starts_with("<!doctype html") || start.starts_with("<html");
        let soap = start.contains("envelope");
        if html || !soap {
            return Some(
                "Not a SOAP endpoint? The answer is not a SOAP envelope; GasOrderService's URL ends in /pc/ws/v2/GasOrderService.",
            );
        }
    }
    if let ClientError::Transport { source, .. } = error {
        let mut chain = source.to_string();
        let mut next = std::error::Error::source(source);
        while let Some(cause) = next {
            chain.push_str(&cause.to_string());
            next = cause.source();
        }
        let chain = chain.to_ascii_lowercase();
        if chain.contains("corrupt message")
            || chain.contains("invalidcontenttype")
            || chain.contains("wrong version number")
        {
            return Some(
                "The server does not speak TLS on this port: for a plain-HTTP server (such as `gas sandbox`) use an http:// URL.",
            );
        }
    }
    None
}

/// What to do with an operation's generated type: [`Visit::order`] for the eight orders
/// (`OrderOperation`: the client reconciles them by `SubID`), [`Visit::other`] for the rest.
/// [`with_operation`] picks one for an operation's name.
pub trait Visit {
    type Out;
    fn order<O>(self) -> Self::Out
    where
        O: OrderOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue;
    fn other<O>(self) -> Self::Out
    where
        O: GasOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue;
}

/// Chooses between [`Visit::order`] and [`Visit::other`] by the operation type's traits
/// (autoref specialisation: `(&&Pick::<O>(PhantomData)).pick(v)` finds [`PickOrder`]'s
/// impl first when `O` is an `OrderOperation`, else [`PickOther`]'s one level down). Works
/// for a concrete `O`, as in [`with_operation`]'s arms.
struct Pick<O>(PhantomData<O>);

trait PickOrder {
    fn pick<V: Visit>(self, visit: V) -> V::Out;
}

impl<O> PickOrder for &&Pick<O>
where
    O: OrderOperation,
    O::Input: DeserializeOwned + ComplexValue,
    O::Output: Serialize + ComplexValue,
{
    fn pick<V: Visit>(self, visit: V) -> V::Out {
        visit.order::<O>()
    }
}

trait PickOther {
    fn pick<V: Visit>(self, visit: V) -> V::Out;
}

impl<O> PickOther for &Pick<O>
where
    O: GasOperation,
    O::Input: DeserializeOwned + ComplexValue,
    O::Output: Serialize + ComplexValue,
{
    fn pick<V: Visit>(self, visit: V) -> V::Out {
        visit.other::<O>()
    }
}

macro_rules! by_wire_name {
    ($($op:ident = $wire:literal),* $(,)?) => {
        /// Runs `visit` with the generated type of the operation whose WSDL name is `name`;
        /// `None` when GasOrderService has no such operation. The operations are
        /// gas-client's generated list (`gas_order_service_operations!`): the CLI keeps no
        /// list of its own.
        pub fn with_operation<V: Visit>(name: &str, visit: V) -> Option<V::Out> {
            match name {
                $($wire => Some(
                    (&&Pick::<gas_client::generated::operations::$op>(PhantomData)).pick(visit),
                ),)*
                _ => None,
            }
        }
    };
}

gas_client::gas_order_service_operations!(by_wire_name);

/// The failure for an operation name GasOrderService does not have (the CLI only sends
/// names it knows, so this is an internal error).
pub fn unknown_operation(name: &str) -> Failure {
    Failure::new(
        Exit::Usage,
        "internal",
        format!("{name} is not an operation of GasOrderService"),
    )
}

/// `gas ... --dry-run`: the envelope each operation would send.
struct DryRun<'a>(&'a ClientService, &'a Value);

impl Visit for DryRun<'_> {
    type Out = Result<String, Failure>;
    fn order<O>(self) -> Self::Out
    where
        O: OrderOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue,
    {
        self.0.dry_run_typed::<O>(self.1)
    }
    fn other<O>(self) -> Self::Out
    where
        O: GasOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue,
    {
        self.0.dry_run_typed::<O>(self.1)
    }
}

/// A call, in the client's call path for the operation (orders reconcile by `SubID`).
struct Call<'a>(&'a ClientService, &'a Value);

impl Visit for Call<'_> {
    type Out = Result<Outcome, Failure>;
    fn order<O>(self) -> Self::Out
    where
        O: OrderOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue,
    {
        self.0.call_order_typed::<O>(self.1)
    }
    fn other<O>(self) -> Self::Out
    where
        O: GasOperation,
        O::Input: DeserializeOwned + ComplexValue,
        O::Output: Serialize + ComplexValue,
    {
        self.0.call_typed::<O>(self.1)
    }
}

impl Service for ClientService {
    fn dry_run(&self, operation: &'static str, document: &Value) -> Result<String, Failure> {
        with_operation(operation, DryRun(self, document))
            .unwrap_or_else(|| Err(unknown_operation(operation)))
    }

    fn call(&self, operation: &'static str, document: &Value) -> Result<Outcome, Failure> {
        // Configuration problems first: they are the operator's to fix, whatever the call.
        self.client()?;
        with_operation(operation, Call(self, document))
            .unwrap_or_else(|| Err(unknown_operation(operation)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{check, parse_document};
    use gas_client::generated::types;

    const PS2: &str = r#"
Year = 2
OrderKind = "new"
PickupPassword = "pickup-pw-123"
PKCS12Option = true
SubID = "s-1"
[DnAttributes]
CommonName = "Alice"
Country = "US"
Email = "alice@example.com"
[Subscriber]
PostalCode = "03801"
AddressLine1 = "1 Main St"
AddressLine2 = "-"
Locality = "Portsmouth"
StateOrProvince = "NH"
Country = "US"
FirstName = "Alice"
LastName = "Example"
Phone = "+1 603 555 0100"
Email = "alice@example.com"
"#;

    /// Which path each operation takes, and under which type.
    struct Path;

    impl Visit for Path {
        type Out = (&'static str, &'static str);
        fn order<O>(self) -> Self::Out
        where
            O: OrderOperation,
            O::Input: DeserializeOwned + ComplexValue,
            O::Output: Serialize + ComplexValue,
        {
            ("order", O::NAME)
        }
        fn other<O>(self) -> Self::Out
        where
            O: GasOperation,
            O::Input: DeserializeOwned + ComplexValue,
            O::Output: Serialize + ComplexValue,
        {
            ("other", O::NAME)
        }
    }

    #[test]
    fn orders_take_the_order_path_and_the_rest_the_plain_one() {
        let mut orders = 0;
        for info in gas_client::generated::operations::OPERATIONS {
            let (path, name) = with_operation(info.name, Path).unwrap();
            assert_eq!(name, info.name);
            let expected = if info.name.starts_with("Order") {
                orders += 1;
                "order"
            } else {
                "other"
            };
            assert_eq!(path, expected, "{name}");
        }
        assert_eq!(orders, 8);
        assert!(with_operation("OrderXX", Path).is_none());
        assert!(with_operation("orderos", Path).is_none());
    }

    #[test]
    fn an_order_file_becomes_the_generated_request() {
        let document = parse_document("o.toml", PS2).unwrap();
        let node = shape::request("OrderPS2").unwrap();
        let canonical = check(&document, &node).unwrap();
        let input: types::OrderPS2 =
            lenient::from_document(&json!({ "Request": canonical })).unwrap();
        let request = input.request.unwrap();
        assert_eq!(request.year.to_string(), "2");
        assert_eq!(request.order_kind.to_string(), "new");
        assert_eq!(request.pkcs12_option, Some(true));
        assert_eq!(request.sub_id.as_deref(), Some("s-1"));
        assert_eq!(request.dn_attributes.email, "alice@example.com");
        assert_eq!(request.subscriber.phone, "+1 603 555 0100");
    }

    #[test]
    fn list_wrappers_meet_the_collapsed_generated_lists() {
        let document = json!({"QCStatements": {"QCStatement": [
            {"Name": "QcType", "Value": "esign"}, {"Name": "QcCompliance", "Value": "true"}
        ]}});
        let input: types::OrderQC =
            lenient::from_document(&json!({ "Request": document })).unwrap();
        let statements = input.request.unwrap().qc_statements;
        assert_eq!(statements.len(), 2);
        assert_eq!(statements[1].name, "QcCompliance");
    }

    #[test]
    fn a_generated_response_is_shown_with_element_names() {
        let path = format!(
            "{}/wsdl/samples/GetOrderByOrderID.response.xml",
            env!("CARGO_MANIFEST_DIR")
        );
        let xml = std::fs::read(path).unwrap();
        let envelope = soap_runtime::envelope::decode_response::<types::GetOrderByOrderIDResponse>(
            &xml,
            &soap_runtime::Limits::default(),
        )
        .unwrap();
        let soap_runtime::Envelope::Body(body) = envelope else {
            panic!("a fault")
        };
        let node = shape::output::<gas_client::generated::operations::GetOrderByOrderID>().unwrap();
        let value = render::rekey(serde_json::to_value(&body).unwrap(), &node);
        let response = &value["Response"];
        let expected = crate::render::tests::sample_response(
            "GetOrderByOrderID",
            "GetOrderByOrderID.response.xml",
        );
        let detail = &response["OrderDetail"];
        assert_eq!(
            detail["OrderInfo"]["OrderID"],
            expected["OrderDetail"]["OrderInfo"]["OrderID"]
        );
        assert_eq!(detail["OrderInfo"]["OrderStatus"], "4");
        assert_eq!(detail["OrderSubInfo"]["SubID"], "sub-2024-0001");
        assert!(
            detail["OrderInfo"].get("OrderCanceledDate").is_none(),
            "{detail}"
        );
        assert_eq!(
            response["OrderResponseHeader"]["Errors"][0]["ErrorCode"],
            "-9970"
        );
        let events = detail["ModificationEvents"].as_array().unwrap();
        assert_eq!(
            events.len(),
            expected["OrderDetail"]["ModificationEvents"]
                .as_array()
                .unwrap()
                .len()
        );
        // The renderings read it as they read the hand-made samples.
        let text = render::order_detail(detail, crate::overlay::overlay().unwrap());
        assert!(text.contains("4 (Issue completed)"), "{text}");
    }

    #[test]
    fn client_errors_map_to_exit_codes() {
        let errors =
            gas_client::ApiErrors::new(vec![ApiError::new("-4001", None, "Login failure")]);
        let failure = client_failure(ClientError::Api(errors), "GetOrders");
        assert_eq!(failure.exit, Exit::Api);
        assert!(
            failure.items[0]
                .advice
                .as_deref()
                .unwrap()
                .contains("password")
        );
        let mut violations = Violations::new();
        violations.push(gas_client::Violation::new(
            "DnAttributes/Email",
            gas_client::ApiErrorCode::ParameterLength,
            "too long",
        ));
        let failure = client_failure(ClientError::InvalidRequest(violations), "OrderPS2");
        assert_eq!(failure.exit, Exit::Usage);
        assert_eq!(
            failure.items[0].field.as_deref(),
            Some("DnAttributes/Email")
        );
    }
}
