//! The API's own errors, as the sandbox answers them: `SuccessCode` −1 with one or more
//! `Error { ErrorCode, ErrorField?, ErrorMessage }` entries (spec section 16.2).
//!
//! This is the sandbox's own vocabulary, independent of the generated types, so the
//! emulator core can be written and tested before the generated server side exists. The
//! conversion to the generated `OrderResponseHeader` happens at the SOAP seam.

use std::fmt;

/// An error code from the spec's section 16.2 table (plus the codes GlobalSign documents
/// elsewhere). Kept as a plain integer newtype so that codes the table does not know can
/// still be carried; [`ErrorCode::system_message`] gives the table's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorCode(pub i32);

impl ErrorCode {
    /// −1: failure for unknown reasons.
    pub const FAILURE: Self = Self(-1);
    /// −101: the XML could not be parsed ("Invalid parameter").
    pub const INVALID_PARAMETER: Self = Self(-101);
    /// −102: a mandatory parameter is missing.
    pub const MANDATORY_MISSING: Self = Self(-102);
    /// −103: a parameter is too long or too short.
    pub const LENGTH: Self = Self(-103);
    /// −104: a parameter has the wrong format.
    pub const FORMAT: Self = Self(-104);
    /// −105: parameters that may not be combined.
    pub const COMBINATION: Self = Self(-105);
    /// −201: the RA database failed.
    pub const DATABASE: Self = Self(-201);
    /// −4001: login failure or invalid user ID.
    pub const LOGIN_FAILURE: Self = Self(-4001);
    /// −6015: the CSR's key size is not supported.
    pub const CSR_KEY_SIZE_UNSUPPORTED: Self = Self(-6015);
    /// −6016: the CSR's RSA public exponent is out of range.
    pub const CSR_EXPONENT_OUT_OF_RANGE: Self = Self(-6016);
    /// −6037: the primes of the CSR's RSA key are too close.
    pub const CSR_PRIMES_TOO_CLOSE: Self = Self(-6037);
    /// −9200: out of support (product not activated).
    pub const OUT_OF_SUPPORT: Self = Self(-9200);
    /// −9201: HasCSR and PKCS12Option both chosen.
    pub const CSR_AND_PKCS12: Self = Self(-9201);
    /// −9202: order request not permitted (e.g. a renewal that switches product).
    pub const NOT_PERMITTED: Self = Self(-9202);
    /// −9203: product (code) not supported by this API operation.
    pub const PRODUCT_NOT_SUPPORTED: Self = Self(-9203);
    /// −9901: product not found.
    pub const PRODUCT_NOT_FOUND: Self = Self(-9901);
    /// −9902: the user may not access this order.
    pub const CANNOT_ACCESS_ORDER: Self = Self(-9902);
    /// −9915: the order is already cancelled.
    pub const ALREADY_CANCELLED: Self = Self(-9915);
    /// −9916: no such order.
    pub const ORDER_NOT_FOUND: Self = Self(-9916);
    /// −9917: coupon and campaign both given.
    pub const COUPON_OR_CAMPAIGN: Self = Self(-9917);
    /// −9923: coupon/campaign code not found.
    pub const COUPON_NOT_FOUND: Self = Self(-9923);
    /// −9936: the CSR's key is too short (RSA < 2048, ECC < 256).
    pub const CSR_KEY_TOO_SHORT: Self = Self(-9936);
    /// −9970: a value outside the allowed set ("Out of support value").
    pub const OUT_OF_SUPPORT_VALUE: Self = Self(-9970);

    /// The "System Error Message" column of section 16.2, or a generic text for codes the
    /// table does not list.
    pub fn system_message(self) -> &'static str {
        match self.0 {
            -1 => "Failure",
            -101 => "Invalid parameter",
            -102 => "Mandatory parameter missing",
            -103 => "Parameter length check error",
            -104 => "Parameter format check error",
            -105 => "Invalid parameter combination",
            -201 => "Failed database operation",
            -4001 => "Login failure / invalid user ID",
            -6015 => "The CSR contains a key size that is not supported.",
            -6016 => {
                "Please use CSR that have public exponent inside the range 2^16 + 1 and 2^256 - 1"
            }
            -6037 => {
                "The primes in your RSA key are too close which is a security vulnerability. Please create a new CSR"
            }
            -9200 => "Out of support",
            -9201 => "Select either HasCSR option or PKCS#12 option",
            -9202 => "Order request not permitted.",
            -9203 => "Product (Product Code) not supported",
            -9900 => "IP Address Out of Range",
            -9901 => "Product Not found",
            -9902 => "Cannot Access Certificate Order",
            -9910 => "Credit Card Invalid",
            -9911 => "Credit line is over extended",
            -9912 => "Deposit line is over extended",
            -9915 => "Already canceled",
            -9916 => "Not found Certificate Order",
            -9917 => "Please input either coupon code or campaign code",
            -9918 => "Invalid Period",
            -9919 => "Already used",
            -9920 => "Not Permitted",
            -9922 => "Currency mismatch",
            -9923 => "Not found",
            -9936 => {
                "The key you used in your CSR is either too short (RSA minimum 2048, ECC minimum 256) or the key failed the Debian weak key check."
            }
            -9970 => "Out of support value",
            _ => "Error",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One `Error` entry of a failed response.
///
/// `field` is the `ErrorField` path as the spec describes it (section 15, `ErrorField`):
/// the element's name, preceded by its parents where the name alone is ambiguous, written
/// with `/` between steps (`DnAttributes/Email`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub message: String,
}

impl ApiError {
    /// An error with the table's system message.
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            field: None,
            message: code.system_message().to_owned(),
        }
    }

    /// An error about one element, with the table's system message.
    pub fn at(code: ErrorCode, field: impl Into<String>) -> Self {
        Self {
            code,
            field: Some(field.into()),
            message: code.system_message().to_owned(),
        }
    }

    /// Replaces the message with a more specific one (the table's text is kept in front,
    /// as GlobalSign does: `<system message>: <detail>`).
    pub fn detail(mut self, detail: impl fmt::Display) -> Self {
        // "Order request not permitted: cannot ...", not "permitted.: cannot".
        let message = self.code.system_message();
        self.message = format!("{}: {detail}", message.strip_suffix('.').unwrap_or(message));
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{} at {field}: {}", self.code, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for ApiError {}

/// The errors of one failed request (never empty when returned as `Err`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiErrors(pub Vec<ApiError>);

impl ApiErrors {
    pub fn one(error: ApiError) -> Self {
        Self(vec![error])
    }

    /// The codes, in order (handy in tests).
    pub fn codes(&self) -> Vec<i32> {
        self.0.iter().map(|e| e.code.0).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<ApiError> for ApiErrors {
    fn from(error: ApiError) -> Self {
        Self::one(error)
    }
}

impl fmt::Display for ApiErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_have_the_tables_message() {
        assert_eq!(
            ErrorCode::ALREADY_CANCELLED.system_message(),
            "Already canceled"
        );
        assert_eq!(
            ErrorCode::LOGIN_FAILURE.system_message(),
            "Login failure / invalid user ID"
        );
        assert_eq!(ErrorCode(-12345).system_message(), "Error");
    }

    #[test]
    fn detail_keeps_the_system_message_in_front() {
        let e = ApiError::at(ErrorCode::LENGTH, "DnAttributes/Email").detail("at most 128");
        assert_eq!(e.message, "Parameter length check error: at most 128");
        assert_eq!(
            e.to_string(),
            "-103 at DnAttributes/Email: Parameter length check error: at most 128"
        );
    }
}
