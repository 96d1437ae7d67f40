//! A successful answer: the typed response plus what came beside it.

use std::ops::Deref;

use soap_runtime::Deviation;

use crate::api_error::ApiError;

/// A successful call's result: the decoded response, the warnings of a `SuccessCode` 1
/// answer, where the answer differed from the WSDL (its deviations), and whether the
/// value was recovered by reconciliation after a lost answer.
///
/// `Response<T>` dereferences to `T`, so fields read directly: `response.order_id`.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// Boxed: decoded answers are large structs (an order with its certificates), and a
    /// response travels through several futures on its way to the caller; moving a
    /// pointer beats copying the struct at each step.
    value: Box<T>,
    warnings: Vec<ApiError>,
    deviations: Vec<Deviation>,
    recovered: Option<Recovered>,
    attempts: u32,
}

/// How an order's result was found after its own answer was lost (see the crate docs on
/// retries): the order was looked up by its `SubID` and found placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// The `SubID` the order was found by.
    pub sub_id: String,
    /// The `OrderID` GlobalSign gave the order.
    pub order_id: String,
}

impl<T> Response<T> {
    /// A response without warnings.
    pub fn new(value: T) -> Self {
        Response {
            value: Box::new(value),
            warnings: Vec::new(),
            deviations: Vec::new(),
            recovered: None,
            attempts: 1,
        }
    }

    pub(crate) fn with_warnings(
        value: T,
        warnings: Vec<ApiError>,
        deviations: Vec<Deviation>,
    ) -> Self {
        Response {
            value: Box::new(value),
            warnings,
            deviations,
            recovered: None,
            attempts: 1,
        }
    }

    pub(crate) fn recovered(value: T, recovered: Recovered) -> Self {
        Response {
            value: Box::new(value),
            warnings: Vec::new(),
            deviations: Vec::new(),
            recovered: Some(recovered),
            attempts: 1,
        }
    }

    /// Sets the number of requests sent.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// How many times the request was sent to get this answer: 1 when the first one was
    /// answered. More when a connection could not be made and the client tried again, when
    /// a query was retried (a lost answer, a 5xx), or when an order whose answer was lost
    /// was found by nobody under its `SubID` and sent again
    /// ([`RetryPolicy::max_order_resends`](crate::RetryPolicy::max_order_resends)). For a
    /// [`recovery`](Self::recovery) it counts the orders sent, not the lookup.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the request was sent more than once ([`attempts`](Self::attempts) > 1): the
    /// marker that the client resent, which `Ok` alone does not show.
    pub fn was_resent(&self) -> bool {
        self.attempts > 1
    }

    /// The decoded response.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded response, by value.
    pub fn into_value(self) -> T {
        *self.value
    }

    /// The warnings of a `SuccessCode` 1 answer (empty for `SuccessCode` 0).
    pub fn warnings(&self) -> &[ApiError] {
        &self.warnings
    }

    /// Where the answer differed from the WSDL and was read anyway, in message order
    /// (empty for an answer exactly as the WSDL describes it): repeated elements beyond the
    /// first, elements and attributes the WSDL does not have (with their raw XML), another
    /// wrapper name, alternative spellings, missing required elements. See the crate docs,
    /// "Reading policy"; [`GasClientBuilder::strict_reading`](crate::GasClientBuilder::strict_reading)
    /// makes each of them an error instead.
    pub fn deviations(&self) -> &[Deviation] {
        &self.deviations
    }

    /// Whether the server answered with warnings (`SuccessCode` 1).
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }

    /// `Some` when the answer to the order itself was lost and the client found the order
    /// by its `SubID` instead. The value then holds only what the lookup could tell (the
    /// `OrderID`); fields only the order's own answer carries (such as a registration URL)
    /// are absent. Query the order with `get_order_by_order_id` for its details.
    pub fn recovery(&self) -> Option<&Recovered> {
        self.recovered.as_ref()
    }

    /// The parts: value, warnings, recovery.
    pub fn into_parts(self) -> (T, Vec<ApiError>, Option<Recovered>) {
        (*self.value, self.warnings, self.recovered)
    }

    /// Applies `f` to the value, keeping warnings and recovery.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            value: Box::new(f(*self.value)),
            warnings: self.warnings,
            deviations: self.deviations,
            recovered: self.recovered,
            attempts: self.attempts,
        }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> AsRef<T> for Response<T> {
    fn as_ref(&self) -> &T {
        &self.value
    }
}

/// The response value alone (`serde_json::to_string(&response)` gives the decoded body's
/// JSON); warnings, deviations, recovery and attempts are not part of it. With the crate's
/// `serde` feature.
#[cfg(feature = "serde")]
impl<T: soap_runtime::serde::Serialize> soap_runtime::serde::Serialize for Response<T> {
    fn serialize<S: soap_runtime::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}
