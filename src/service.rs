//! The [`Service`] that speaks to GasOrderService through `gas-client`.
//!
//! Generic over the client's operation traits: a request document becomes the operation's
//! generated input type ([`lenient`]), the client fills in the credentials and runs the
//! generated validation, and the typed answer is serialized back into a document keyed
//! by element names ([`render::rekey`]). The table in [`dispatch!`] names the generated
//! type of each of the 14 operations; nothing else here knows them.

use std::sync::OnceLock;
use std::time::Duration;

use gas_client::{
    ApiError, Credentials, Endpoint as ClientEndpoint, Error as ClientError, GasClient,
    GasOperation, OrderOperation, Violations,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use soap_runtime::Secret;

use crate::commands::{Outcome, Service};
use crate::config::{Endpoint, Settings};
use crate::failure::{Exit, Failure, Item, invalid_request};
use crate::lenient;
use crate::mask::{self, Secrets};
use crate::pretty;
use crate::render;
use crate::schema::Schema;

pub struct ClientService {
    settings: Settings,
    secrets: Secrets,
    schema: &'static Schema,
    runtime: OnceLock<Result<tokio::runtime::Runtime, String>>,
    client: OnceLock<GasClient>,
}

impl ClientService {
    pub fn new(settings: Settings, secrets: Secrets, schema: &'static Schema) -> ClientService {
        if let Some(password) = &settings.password {
            secrets.add(password.expose());
        }
        ClientService {
            settings,
            secrets,
            schema,
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
            .user_agent(concat!("gas-cli/", env!("CARGO_PKG_VERSION")));
        if let Some(timeout) = self.settings.timeout {
            builder = builder
                .timeout(timeout)
                .connect_timeout(timeout.min(Duration::from_secs(10)));
        }
        let client = builder
            .build()
            .map_err(|e| Failure::usage(format!("cannot use this endpoint: {e}")))?;
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
        let bytes =
            soap_runtime::envelope::encode_request(&input, O::SOAP_VERSION).map_err(|e| {
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
        O::Output: Serialize,
    {
        let recovered = response.recovery().map(|r| {
            format!(
                "gas: the answer was lost; the order was found by its SubID {}: OrderID {}",
                r.sub_id, r.order_id
            )
        });
        let warnings = response.warnings().iter().map(api_item).collect();
        let value = serde_json::to_value(response.value()).map_err(|e| {
            Failure::new(
                Exit::Transport,
                "internal",
                format!("the answer cannot be shown: {e}"),
            )
        })?;
        let node = self
            .schema
            .element(&format!("{}Response", O::NAME))
            .map_err(|e| Failure::new(Exit::Transport, "internal", e))?;
        let rekeyed = render::rekey(value, &node);
        let response = rekeyed.get("Response").cloned().unwrap_or(Value::Null);
        Ok(Outcome {
            response,
            warnings,
            recovered,
        })
    }

    fn call_typed<O>(&self, document: &Value) -> Result<Outcome, Failure>
    where
        O: GasOperation,
        O::Input: DeserializeOwned,
        O::Output: Serialize,
    {
        let client = self.client()?;
        let (user, password) = self.settings.credentials()?;
        let input = self.prepare::<O>(document, &Credentials::new(user, password.clone()))?;
        let result = self.runtime()?.block_on(client.call::<O>(input));
        self.answer::<O>(result.map_err(client_failure)?)
    }

    fn call_order_typed<O>(&self, document: &Value) -> Result<Outcome, Failure>
    where
        O: OrderOperation,
        O::Input: DeserializeOwned,
        O::Output: Serialize,
    {
        let client = self.client()?;
        let (user, password) = self.settings.credentials()?;
        let input = self.prepare::<O>(document, &Credentials::new(user, password.clone()))?;
        let result = self.runtime()?.block_on(client.call_order::<O>(input));
        self.answer::<O>(result.map_err(client_failure)?)
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

/// The client's error as a failure: its exit code and what to do next.
pub fn client_failure(error: ClientError) -> Failure {
    match error {
        ClientError::InvalidRequest(violations) => {
            invalid_request("the", violation_items(&violations))
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
            .with_items(items)
        }
        ClientError::SoapFault(fault) => Failure::new(
            Exit::Api,
            "fault",
            format!("GlobalSign rejected the message: {fault}"),
        )
        .with_hint("A SOAP fault means the server could not read the request; nothing was done. Check the endpoint URL and `--dry-run` output."),
        ClientError::OutcomeUnknown {
            operation,
            ref sub_id,
            ref order_id,
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
            let hint = if reached {
                "The request may have reached GlobalSign. A query can simply be repeated; check an order or change with `gas get` / `gas orders` before repeating it."
            } else {
                "Nothing was sent. Check the endpoint (--endpoint), the network and --timeout, then try again."
            };
            Failure::new(Exit::Transport, kind, other.to_string()).with_hint(hint)
        }
    }
}

/// Runs `$then::<Type>` for the generated type of `$operation`, in the client's call
/// path for it (orders reconcile by SubID).
macro_rules! dispatch {
    ($self:ident, $operation:expr, $document:expr, order: $order:ident, other: $other:ident) => {{
        match $operation {
            // The generated operation types land with gas-client/src/generated; until
            // then no operation is available in this build.
            other => Err(Failure::new(
                Exit::Usage,
                "unavailable",
                format!("{other} is not available: this build of gas has no generated client code"),
            )),
        }
    }};
}

impl Service for ClientService {
    fn dry_run(&self, operation: &'static str, document: &Value) -> Result<String, Failure> {
        dispatch!(self, operation, document, order: dry_run_typed, other: dry_run_typed)
    }

    fn call(&self, operation: &'static str, document: &Value) -> Result<Outcome, Failure> {
        // Configuration problems first: they are the operator's to fix, whatever the call.
        self.client()?;
        dispatch!(self, operation, document, order: call_order_typed, other: call_typed)
    }
}
