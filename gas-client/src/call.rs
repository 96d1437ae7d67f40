//! The call engine: prepare → send → interpret, with the reconciliation policy.
//!
//! Every operation method ends up in [`GasClient::call`] (queries and the other
//! operations) or [`GasClient::call_order`] (the eight orders). See the crate docs
//! ("Retries") for the policy this implements: the exchange and its retries (queries as
//! idempotent, any request whose connection failed) are soap-client's; what is
//! GlobalSign's (credentials, validation, `SuccessCode`, SubID reconciliation) is here.

use std::time::Instant;

use bytes::Bytes;
use soap_runtime::envelope::{decode_response_recorded, encode_request};
use soap_runtime::{BodyElement, DecodeError, DecodeErrorKind, Deviation, Envelope};
use tracing::{Instrument, field};

use crate::api_error::{ApiError, ApiErrorCode, ApiErrors};
use crate::client::GasClient;
use crate::error::{BODY_START_CHARS, Error, Reconciliation, TransportError, TransportErrorKind};
use crate::mask::Masker;
use crate::operation::{GasOperation, OrderOperation, ResponseStatus, SubIdLookup};
use crate::response::{Recovered, Response};

/// A request ready to go: encoded once, sent as many times as the policy allows.
struct Prepared {
    body: Bytes,
    masker: Masker,
    target_order_id: Option<String>,
}

/// What came of looking an order up by its `SubID`.
enum Lookup {
    Found(String),
    Outcome(Reconciliation),
}

impl GasClient {
    /// Sends one operation's request and returns its decoded response.
    ///
    /// The client fills `OrderRequestHeader/AuthToken` with its credentials, validates the
    /// request (nothing is sent if it has violations), sends it, and maps the answer:
    /// `SuccessCode` 0 → `Ok`, 1 → `Ok` with [`Response::warnings`], −1 →
    /// [`Error::Api`]. Queries (`O::IDEMPOTENT`) are retried on transport errors and
    /// transient HTTP statuses; other operations only when the connection failed before
    /// anything was sent, and otherwise end in [`Error::OutcomeUnknown`] when the answer
    /// was lost.
    ///
    /// Prefer the named methods (`get_order_by_order_id`, ...); this is the generic path
    /// they share.
    pub async fn call<O: GasOperation>(
        &self,
        input: O::Input,
    ) -> Result<Response<O::Output>, Error> {
        let span = call_span(O::NAME, &self.inner.host);
        self.call_inner::<O>(input, None).instrument(span).await
    }

    /// Sends an order and returns its decoded response, reconciling through the order's
    /// `SubID` when the answer is lost.
    ///
    /// When the request may have reached GlobalSign but no usable answer came back
    /// (timeout, broken connection, 5xx, undecodable body), the order is never simply sent
    /// again. If it carries a `SubID`, the client waits
    /// [`RetryPolicy::order_settle_delay`](crate::RetryPolicy::order_settle_delay), looks
    /// the `SubID` up with `GetOrders` and
    /// - returns the order found, as `Ok` with [`Response::recovery`] set, or
    /// - sends the order again if none was found (at most
    ///   [`RetryPolicy::max_order_resends`](crate::RetryPolicy::max_order_resends) times), or
    /// - returns [`Error::OutcomeUnknown`] with the `SubID` and what the lookup found.
    ///
    /// Without a `SubID` the result is [`Error::OutcomeUnknown`] at once.
    pub async fn call_order<O: OrderOperation>(
        &self,
        input: O::Input,
    ) -> Result<Response<O::Output>, Error> {
        let span = call_span(O::NAME, &self.inner.host);
        self.call_order_inner::<O>(input).instrument(span).await
    }

    /// [`call`](Self::call) without its span. `inherited` masks the secrets of the request
    /// this call serves (an order's `PickupPassword` in its `SubID` lookup).
    async fn call_inner<O: GasOperation>(
        &self,
        input: O::Input,
        inherited: Option<&Masker>,
    ) -> Result<Response<O::Output>, Error> {
        let started = Instant::now();
        let result = async {
            let prepared = self.prepare::<O>(input, inherited)?;
            match self.attempt::<O>(&prepared, 0).await {
                Err(error) if !O::IDEMPOTENT && error.is_ambiguous() => {
                    Err(Error::OutcomeUnknown {
                        operation: O::NAME,
                        sub_id: None,
                        order_id: prepared.target_order_id.clone(),
                        reconciliation: Reconciliation::NotPossible,
                        source: Box::new(error),
                    })
                }
                result => result,
            }
        }
        .await;
        finish_span(&result, started);
        result
    }

    async fn call_order_inner<O: OrderOperation>(
        &self,
        input: O::Input,
    ) -> Result<Response<O::Output>, Error> {
        let started = Instant::now();
        let sub_id = O::sub_id(&input)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if let Some(sub_id) = &sub_id {
            tracing::Span::current().record("sub_id", sub_id.as_str());
        }
        let result = async {
            let prepared = self.prepare::<O>(input, None)?;
            let policy = &self.inner.retry;
            // Requests sent before this one (an order sent again after its lookup).
            let mut sent_before = 0;
            let mut resends = 0;
            loop {
                let error = match self.attempt::<O>(&prepared, sent_before).await {
                    Ok(response) => return Ok(response),
                    Err(error) => error,
                };
                if !error.is_ambiguous() {
                    return Err(error);
                }
                tracing::warn!(error = %error, "order may have reached the server without an answer, reconciling");
                let reconciliation = match self
                    .reconcile::<O>(sub_id.as_deref(), &prepared.masker)
                    .await
                {
                    Lookup::Found(order_id) => {
                        tracing::info!(order_id = %order_id, "order found by SubID");
                        tracing::Span::current().record("order_id", order_id.as_str());
                        let recovered = Recovered {
                            sub_id: sub_id.clone().unwrap_or_default(),
                            order_id: order_id.clone(),
                        };
                        return Ok(Response::recovered(
                            O::recovered_output(&order_id),
                            recovered,
                        )
                        .with_attempts(sent_before + 1));
                    }
                    Lookup::Outcome(Reconciliation::NotFound) if resends < policy.max_order_resends => {
                        resends += 1;
                        sent_before += 1;
                        tracing::warn!(resends, "no order with this SubID, sending the order again");
                        continue;
                    }
                    Lookup::Outcome(outcome) => outcome,
                };
                return Err(Error::OutcomeUnknown {
                    operation: O::NAME,
                    sub_id: sub_id.clone(),
                    order_id: None,
                    reconciliation,
                    source: Box::new(error),
                });
            }
        }
        .await;
        finish_span(&result, started);
        result
    }

    /// Looks up the orders carrying `sub_id`, after the settle delay. `masker` knows the
    /// order's secrets, which the lookup's own request does not carry.
    async fn reconcile<O: OrderOperation>(&self, sub_id: Option<&str>, masker: &Masker) -> Lookup {
        let policy = &self.inner.retry;
        if !policy.reconcile_orders {
            return Lookup::Outcome(Reconciliation::Disabled);
        }
        let Some(sub_id) = sub_id else {
            return Lookup::Outcome(Reconciliation::NotPossible);
        };
        tokio::time::sleep(policy.order_settle_delay).await;
        let query = <O::Lookup as SubIdLookup>::by_sub_id(sub_id);
        let span = call_span(
            <O::Lookup as soap_runtime::Operation>::NAME,
            &self.inner.host,
        );
        let lookup = self
            .call_inner::<O::Lookup>(query, Some(masker))
            .instrument(span)
            .await;
        match lookup {
            Ok(response) => {
                let mut ids = <O::Lookup as SubIdLookup>::order_ids(response.value(), sub_id);
                ids.sort();
                ids.dedup();
                match ids.len() {
                    0 => Lookup::Outcome(Reconciliation::NotFound),
                    1 => Lookup::Found(ids.remove(0)),
                    _ => Lookup::Outcome(Reconciliation::Several(ids)),
                }
            }
            // GlobalSign may answer "not found" (-9916) instead of an empty list.
            Err(Error::Api(errors))
                if errors.iter().all(|e| e.code == ApiErrorCode::OrderNotFound) =>
            {
                Lookup::Outcome(Reconciliation::NotFound)
            }
            Err(error) => Lookup::Outcome(Reconciliation::Failed(Box::new(error))),
        }
    }

    /// Fills the credentials, validates and encodes.
    fn prepare<O: GasOperation>(
        &self,
        mut input: O::Input,
        inherited: Option<&Masker>,
    ) -> Result<Prepared, Error> {
        let credentials = &self.inner.credentials;
        O::set_credentials(&mut input, credentials);
        let mut secrets = vec![credentials.password().expose()];
        secrets.extend(O::secrets(&input));
        let mut masker = Masker::new(secrets);
        if let Some(inherited) = inherited {
            masker.absorb(inherited);
        }
        let target_order_id = O::target_order_id(&input).map(str::to_owned);
        if let Some(order_id) = &target_order_id {
            tracing::Span::current().record("order_id", order_id.as_str());
        }
        let violations = O::validate(&input);
        if !violations.is_empty() {
            // One problem found by two checks (a generated one and a rule) is reported once.
            // Messages come from the rules, but mask anyway: a rule could quote a value.
            let mut seen = std::collections::HashSet::new();
            let violations = violations
                .into_iter()
                .filter(|v| seen.insert((v.path.clone(), v.code.clone())))
                .map(|mut v| {
                    v.message = masker.mask(&v.message);
                    v
                })
                .collect();
            return Err(Error::InvalidRequest(violations));
        }
        let body = encode_request(&input, O::SOAP_VERSION).map_err(|mut e| {
            e.message = masker.mask(&e.message);
            Error::Encode(e)
        })?;
        Ok(Prepared {
            body: Bytes::from(body),
            masker,
            target_order_id,
        })
    }

    /// One exchange through soap-client (with its retries: a query as idempotent, any
    /// request whose connection failed) and the interpretation of its answer.
    /// `sent_before`: requests this call sent before (the span counts them all).
    async fn attempt<O: GasOperation>(
        &self,
        prepared: &Prepared,
        sent_before: u32,
    ) -> Result<Response<O::Output>, Error> {
        let soap = &self.inner.soap;
        let body = prepared.body.clone();
        let started = Instant::now();
        // soap-client records `attempts` and `http_status` in the call's span.
        let sent = if O::IDEMPOTENT {
            soap.send_idempotent(O::NAME, O::SOAP_ACTION, O::SOAP_VERSION, body)
                .await
        } else {
            soap.send(O::NAME, O::SOAP_ACTION, O::SOAP_VERSION, body)
                .await
        };
        let reply = sent.map_err(|e| Error::from_transport(e, O::NAME, started, sent_before))?;
        let attempts = sent_before + reply.attempts;
        if sent_before > 0 {
            tracing::Span::current().record("attempts", attempts);
        }
        let masker = &prepared.masker;
        let success = (200..300).contains(&reply.status);
        let decoded = decode_response_recorded::<O::Output>(
            &reply.body,
            &self.inner.limits,
            self.inner.strict_reading,
        );
        let (envelope, deviations) = match decoded {
            Ok(decoded) => decoded,
            Err(source) if success => {
                return Err(Error::Decode {
                    source: mask_decode_error(source, masker),
                    body_start: masker.body_start(&reply.body, BODY_START_CHARS),
                });
            }
            Err(_) => {
                return Err(Error::HttpStatus {
                    status: reply.status,
                    body_start: masker.body_start(&reply.body, BODY_START_CHARS),
                    operation: O::NAME,
                    attempts,
                    elapsed: started.elapsed(),
                });
            }
        };
        let output = match envelope {
            Envelope::Fault(mut fault) => {
                fault.code = masker.mask(&fault.code);
                fault.string = masker.mask(&fault.string);
                for text in [&mut fault.subcode, &mut fault.actor, &mut fault.detail]
                    .into_iter()
                    .flatten()
                {
                    *text = masker.mask(text);
                }
                return Err(Error::SoapFault(Box::new(fault)));
            }
            Envelope::Body(output) if success => output,
            Envelope::Body(_) => {
                return Err(Error::HttpStatus {
                    status: reply.status,
                    body_start: masker.body_start(&reply.body, BODY_START_CHARS),
                    operation: O::NAME,
                    attempts,
                    elapsed: started.elapsed(),
                });
            }
        };
        let deviations = report_deviations(deviations, masker);
        let status = O::status(&output);
        interpret_status::<O>(output, status, deviations, masker, &reply.body)
            .map(|r| r.with_attempts(attempts))
    }
}

/// Maps `SuccessCode`: 0 → `Ok`, positive → `Ok` with warnings, negative → `Err(Api)`.
fn interpret_status<O: GasOperation>(
    output: O::Output,
    status: ResponseStatus,
    deviations: Vec<Deviation>,
    masker: &Masker,
    body: &[u8],
) -> Result<Response<O::Output>, Error> {
    let span = tracing::Span::current();
    if let Some(order_id) = &status.order_id {
        span.record("order_id", order_id.as_str());
    }
    let mut errors = status.errors;
    if errors.is_empty() {
        errors = crate::api_error::errors_printed_flat(&deviations);
    }
    let errors: Vec<ApiError> = errors
        .into_iter()
        .map(|mut e| {
            e.message = masker.mask(&e.message);
            e.field = e.field.map(|f| masker.mask(&f));
            e
        })
        .collect();
    match status.success_code {
        Some(code) => {
            span.record("success_code", code);
            if code < 0 {
                Err(Error::Api(ApiErrors::new(errors)))
            } else {
                Ok(Response::with_warnings(output, errors, deviations))
            }
        }
        // No usable SuccessCode but errors: the server clearly refused.
        None if !errors.is_empty() => Err(Error::Api(ApiErrors::new(errors))),
        None => Err(Error::Decode {
            source: DecodeError::new(
                format!(
                    "{}/Response/OrderResponseHeader",
                    <O::Output as BodyElement>::NAME
                ),
                0,
                DecodeErrorKind::Missing {
                    element: "SuccessCode".to_owned(),
                },
            ),
            body_start: masker.body_start(body, BODY_START_CHARS),
        }),
    }
}

/// Masks the raw XML of the answer's deviations (a server could echo a credential in an
/// element we do not know) and logs each kind once at `warn`, with how many there are
/// and the first one's path.
fn report_deviations(mut deviations: Vec<Deviation>, masker: &Masker) -> Vec<Deviation> {
    if deviations.is_empty() {
        return deviations;
    }
    let mut logged: Vec<&'static str> = Vec::new();
    for d in &mut deviations {
        d.raw = masker.mask(&d.raw);
    }
    for d in &deviations {
        let kind = d.kind.name();
        if logged.contains(&kind) {
            continue;
        }
        logged.push(kind);
        let count = deviations.iter().filter(|e| e.kind.name() == kind).count();
        tracing::warn!(
            kind,
            count,
            first_path = %d.path,
            "the answer differs from the WSDL: {}",
            d.kind
        );
    }
    deviations
}

/// A decode error whose echoed values are masked (the runtime withholds values of secret
/// fields already; this also covers secrets echoed in the wrong place).
fn mask_decode_error(mut error: DecodeError, masker: &Masker) -> DecodeError {
    error.kind = match error.kind {
        DecodeErrorKind::InvalidValue { value, expected } => DecodeErrorKind::InvalidValue {
            value: value.map(|v| masker.mask(&v)),
            expected,
        },
        DecodeErrorKind::Unexpected { expected, found } => DecodeErrorKind::Unexpected {
            expected,
            found: masker.mask(&found),
        },
        DecodeErrorKind::Malformed(m) => DecodeErrorKind::Malformed(masker.mask(&m)),
        other => other,
    };
    error
}

/// The span every call runs in. Fields filled as they become known; never a secret.
fn call_span(operation: &'static str, host: &str) -> tracing::Span {
    tracing::info_span!(
        "gas_call",
        operation,
        host,
        attempts = field::Empty,
        http_status = field::Empty,
        success_code = field::Empty,
        order_id = field::Empty,
        sub_id = field::Empty,
        duration_ms = field::Empty,
        outcome = field::Empty,
    )
}

/// Records duration and outcome on the current span, and logs the end of the call.
fn finish_span<T>(result: &Result<Response<T>, Error>, started: Instant) {
    let span = tracing::Span::current();
    let duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.record("duration_ms", duration_ms);
    match result {
        Ok(response) if response.recovery().is_some() => {
            span.record("outcome", "recovered");
            tracing::info!(duration_ms, "call recovered by SubID lookup");
        }
        Ok(response) if response.has_warnings() => {
            span.record("outcome", "ok_with_warnings");
            tracing::info!(
                duration_ms,
                warnings = response.warnings().len(),
                "call succeeded with warnings"
            );
        }
        Ok(_) => {
            span.record("outcome", "ok");
            tracing::info!(duration_ms, "call succeeded");
        }
        Err(error) => {
            span.record("outcome", error_kind(error));
            tracing::warn!(duration_ms, error = %error, "call failed");
        }
    }
}

/// A short name for the error variant, for the span's `outcome` field.
fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::InvalidRequest(_) => "invalid_request",
        Error::Encode(_) => "encode",
        Error::Transport { .. } => "transport",
        Error::HttpStatus { .. } => "http_status",
        Error::SoapFault(_) => "soap_fault",
        Error::Decode { .. } => "decode",
        Error::ResponseTooLarge { .. } => "response_too_large",
        Error::Api(_) => "api_error",
        Error::OutcomeUnknown { .. } => "outcome_unknown",
    }
}

impl Error {
    /// soap-client's failure of an exchange (it sends and receives; the answer is read
    /// here), as this crate's error. `sent_before`: requests this call sent before the
    /// exchange (an order sent again after its lookup).
    fn from_transport(
        error: soap_client::Error,
        operation: &'static str,
        started: Instant,
        sent_before: u32,
    ) -> Error {
        let attempts = sent_before + error.attempts().unwrap_or(1);
        let context = |e: TransportError| e.with_context(operation, attempts, started.elapsed());
        use soap_client::TransportErrorKind as Kind;
        match error {
            soap_client::Error::Transport {
                kind,
                source,
                may_have_reached_server,
                ..
            } => {
                let kind = match kind {
                    Kind::Connect => TransportErrorKind::Connect,
                    Kind::Timeout => TransportErrorKind::Timeout,
                    Kind::Body => TransportErrorKind::Body,
                    _ => TransportErrorKind::Request,
                };
                Error::Transport {
                    source: context(TransportError::new(kind, source)),
                    may_have_reached_server,
                }
            }
            soap_client::Error::ResponseTooLarge { limit, status } => {
                Error::ResponseTooLarge { limit, status }
            }
            // `send` reads no answer, so nothing else comes from it; were it to, the
            // request may have been acted on.
            _ => Error::Transport {
                source: context(TransportError::new(TransportErrorKind::Request, None)),
                may_have_reached_server: true,
            },
        }
    }
}
