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
        }
    }

    pub(crate) fn recovered(value: T, recovered: Recovered) -> Self {
        Response {
            value: Box::new(value),
            warnings: Vec::new(),
            deviations: Vec::new(),
            recovered: Some(recovered),
        }
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
