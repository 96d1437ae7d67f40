//! The API's own errors: `OrderResponseHeader/Errors/Error` entries, typed by the table in
//! section 16.2 of the spec ("Error Codes").
//!
//! Every entry keeps what the server said (code, `ErrorField`, `ErrorMessage`) and adds what
//! the spec says the code means and what to do about it. The texts are the spec overlay's
//! `[[error_code]]` entries (`wsdl/spec-overlay.toml`); a test keeps the two identical. Codes the table does not list are
//! kept verbatim as [`ApiErrorCode::Unknown`], so a new server code never breaks a caller.

use std::fmt;

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $meaning:literal, $advice:literal; )*) => {
        /// An `ErrorCode` from section 16.2 of the spec, or an unknown one kept verbatim.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ApiErrorCode {
            $( $(#[$doc])* $variant, )*
            /// A code the spec's table does not list, exactly as the server sent it.
            Unknown(String),
        }

        impl ApiErrorCode {
            /// Every code the spec's table lists, in the table's order.
            pub const KNOWN: &'static [ApiErrorCode] = &[$(ApiErrorCode::$variant,)*];

            /// Reads an `ErrorCode` as the server sent it (surrounding whitespace ignored).
            pub fn from_code(code: &str) -> ApiErrorCode {
                match code.trim() {
                    $( $code => ApiErrorCode::$variant, )*
                    _ => ApiErrorCode::Unknown(code.to_owned()),
                }
            }

            /// The code as GlobalSign writes it (`"-103"`); an unknown code verbatim.
            pub fn as_str(&self) -> &str {
                match self {
                    $( ApiErrorCode::$variant => $code, )*
                    ApiErrorCode::Unknown(code) => code,
                }
            }

            /// The spec's "System Error Message" for this code (`None` for unknown codes).
            pub fn meaning(&self) -> Option<&'static str> {
                match self {
                    $( ApiErrorCode::$variant => Some($meaning), )*
                    ApiErrorCode::Unknown(_) => None,
                }
            }

            /// The spec's "Description": what the code means for the caller and what to do.
            pub fn advice(&self) -> Option<&'static str> {
                match self {
                    $( ApiErrorCode::$variant => Some($advice), )*
                    ApiErrorCode::Unknown(_) => None,
                }
            }
        }
    };
}

error_codes! {
    /// `-1`: failure for unknown reasons.
    Failure = "-1",
        "Failure (unknown reasons).",
        "Please report this error to your GlobalSign Representative.";
    /// `-101`: the XML could not be read by GlobalSign's RA.
    InvalidParameter = "-101",
        "Invalid parameter.",
        "XML format was broken in RA. Internal issue: report it to GlobalSign; check the request is well-formed SOAP first.";
    /// `-102`: a mandatory parameter is missing.
    MandatoryParameterMissing = "-102",
        "Mandatory parameter missing.",
        "Mandatory parameter missing. Please check the specific error message returned with the API response (ErrorField names the element).";
    /// `-103`: a parameter is too long or too short.
    ParameterLength = "-103",
        "Parameter length check error.",
        "Invalid parameter length; please review your API request (ErrorField names the element).";
    /// `-104`: a parameter has the wrong format.
    ParameterFormat = "-104",
        "Parameter format check error.",
        "Invalid parameter format; please review your API request (ErrorField names the element).";
    /// `-105`: parameters that cannot be combined.
    InvalidParameterCombination = "-105",
        "Invalid parameter combination.",
        "Please check parameter combinations (see the cross-field rules).";
    /// `-201`: GlobalSign's database failed.
    DatabaseFailure = "-201",
        "Failed database operation.",
        "RA DB error, connection to RA failed. Please report this error to your GlobalSign Representative; retrying a query later is safe, retrying an order is not unless its SubID shows it did not land.";
    /// `-4001`: wrong user name or password.
    LoginFailure = "-4001",
        "Login failure / invalid user ID.",
        "Please review your ID and password.";
    /// `-6015`: the CSR's key size is not supported.
    UnsupportedKeySize = "-6015",
        "The CSR contains a key size that is not supported.",
        "Please generate keys for the CSR with a modulus of 2048, 3072, 4096, or 8192 bits, and try again.";
    /// `-6016`: the CSR's RSA public exponent is out of range.
    PublicExponentOutOfRange = "-6016",
        "The CSR's public exponent is out of range.",
        "Please use a CSR that has a public exponent inside the range 2^16 + 1 and 2^256 - 1.";
    /// `-6037`: the RSA key's primes are too close together.
    RsaPrimesTooClose = "-6037",
        "The primes in your RSA key are too close, which is a security vulnerability.",
        "Please create a new key pair and CSR.";
    /// `-9200`: out of support (product not activated for the account).
    OutOfSupport = "-9200",
        "Out of support.",
        "Ensure the Product Code syntax is correct. If the issue continues, ask your GlobalSign representative to review your price table for the product to confirm that it is activated.";
    /// `-9201`: both a CSR and the PKCS#12 option were given.
    CsrAndPkcs12 = "-9201",
        "Select either HasCSR option or PKCS#12 option.",
        "Both CSR and PKCS#12 cannot be used in the same order: set only one of HasCSR and PKCS12Option to true.";
    /// `-9202`: the order request is not permitted (e.g. switching product on renewal).
    OrderNotPermitted = "-9202",
        "Order request not permitted.",
        "This order request is not permitted, e.g. switching to another product when renewing. Renew with the original order's product.";
    /// `-9203`: the product is not supported by this API.
    ProductNotSupported = "-9203",
        "Product (Product Code) not supported.",
        "The ordered product or Product Code is not supported for this API (operation); use a product code section 14.1 lists for it.";
    /// `-9900`: the caller's IP address is not registered for API access.
    IpAddressOutOfRange = "-9900",
        "IP Address Out of Range.",
        "Please check the global IP address you are using and ensure it was provided to GlobalSign for API access. For assistance, contact your GlobalSign Representative.";
    /// `-9901`: the product was not found.
    ProductNotFound = "-9901",
        "Product Not found.",
        "Ensure the Product Code syntax is correct. If the issue continues, ask your GlobalSign representative to review your price table for the product to confirm that it is activated.";
    /// `-9902`: the user may not access this order.
    CannotAccessOrder = "-9902",
        "Cannot Access Certificate Order.",
        "The UserID being used does not have permission to access the specified order; use the account that placed it.";
    /// `-9910`: credit card invalid (not used by the API).
    CreditCardInvalid = "-9910",
        "Credit Card Invalid.",
        "Credit card error. Not used in the API.";
    /// `-9911`: not enough credit for the order.
    CreditLineExceeded = "-9911",
        "Credit line is over extended.",
        "Insufficient credit for the requested order; ask GlobalSign to raise the credit line.";
    /// `-9912`: not enough deposit for the order.
    DepositLineExceeded = "-9912",
        "Deposit line is over extended.",
        "Insufficient deposit amount remaining for the requested order; top up the deposit.";
    /// `-9915`: the order was already canceled.
    AlreadyCanceled = "-9915",
        "Already canceled.",
        "The order specified has already been canceled; nothing to do.";
    /// `-9916`: no such order.
    OrderNotFound = "-9916",
        "Not found Certificate Order.",
        "The order specified cannot be found in the system; check the OrderID.";
    /// `-9917`: give either a coupon or a campaign code, not both.
    CouponOrCampaign = "-9917",
        "Please input either coupon code or campaign code.",
        "Please input either coupon code or campaign code, not both.";
    /// `-9918`: the coupon or campaign is outside its validity period.
    InvalidPeriod = "-9918",
        "Invalid Period.",
        "Please check the validity period of your coupon or campaign code.";
    /// `-9919`: the coupon was already used.
    CouponAlreadyUsed = "-9919",
        "Already used.",
        "The Coupon specified has already been used.";
    /// `-9920`: a coupon is not permitted for this action.
    CouponNotPermitted = "-9920",
        "Not Permitted.",
        "A Coupon is not permitted for this action; order without it.";
    /// `-9922`: the discount's currency does not match.
    CurrencyMismatch = "-9922",
        "Currency mismatch.",
        "Discount target currency is not correct. Internal issue: contact your GlobalSign Representative.";
    /// `-9923`: coupon or campaign code not found.
    CouponNotFound = "-9923",
        "Not found.",
        "Coupon/campaign code is not found. Please review the supplied coupon or campaign code.";
    /// `-9936`: the CSR's key is too short or a Debian weak key.
    WeakKey = "-9936",
        "The key you used in your CSR is either too short (RSA minimum 2048, ECC minimum 256) or the key failed the Debian weak key check.",
        "Please generate a new key pair with a larger key and try again.";
    /// `-9970`: a value outside what is supported.
    OutOfSupportValue = "-9970",
        "Out of support value.",
        "Please state the appropriate value (a value outside the allowed set).";
}

impl ApiErrorCode {
    /// Whether the spec says the problem is on GlobalSign's side (`-1`, `-101`, `-201`),
    /// so that the same request may succeed later. The client never retries these by itself.
    pub fn is_server_side(&self) -> bool {
        matches!(
            self,
            ApiErrorCode::Failure | ApiErrorCode::InvalidParameter | ApiErrorCode::DatabaseFailure
        )
    }
}

impl fmt::Display for ApiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `Error` entry of a response's `OrderResponseHeader/Errors`: an error when the
/// `SuccessCode` is −1, a warning when it is 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// `ErrorCode`, typed by the spec's table.
    pub code: ApiErrorCode,
    /// `ErrorField`: which request field the error is about, as GlobalSign names it
    /// (`OrderRequestParameter.OrderKind`, `DnAttributes/Email`), when given.
    pub field: Option<String>,
    /// `ErrorMessage` as the server sent it (secrets masked).
    pub message: String,
}

impl ApiError {
    /// An entry from the raw strings of a response.
    pub fn new(code: &str, field: Option<String>, message: impl Into<String>) -> ApiError {
        ApiError {
            code: ApiErrorCode::from_code(code),
            field: field.filter(|f| !f.trim().is_empty()),
            message: message.into(),
        }
    }

    /// What the spec says to do about this error, when the code is in its table.
    pub fn advice(&self) -> Option<&'static str> {
        self.code.advice()
    }

    /// `ErrorField` in one normal form, the path below the request joined by `/`
    /// (`DnAttributes/Email`), whichever of the forms GlobalSign uses it came in
    /// (ERRATA E93): the spec's tags (`<DnAttributes><Email>`), the recorded answers'
    /// dots (`OrderRequestParameter.OrderKind`), slashes, or a bare name.
    pub fn field_path(&self) -> Option<String> {
        self.field.as_deref().map(normalize_error_field)
    }
}

/// The errors of an answer that writes `ErrorCode`, `ErrorField` and `ErrorMessage`
/// directly in `Errors`, as the spec's outlines print it (ERRATA E26). The reader records
/// them as unknown elements there (they are not our WSDL's shape); they are read back from
/// those deviations so that no code is lost: each `ErrorCode` starts an entry, the
/// `ErrorField` and `ErrorMessage` after it belong to it.
#[cfg(feature = "client")] // read by the call path only
pub(crate) fn errors_printed_flat(deviations: &[soap_runtime::Deviation]) -> Vec<ApiError> {
    let mut errors: Vec<ApiError> = Vec::new();
    for d in deviations {
        if d.kind != soap_runtime::DeviationKind::UnknownElement {
            continue;
        }
        let mut segments = d.path.rsplit('/').map(without_index);
        let (Some(name), Some("Errors")) = (segments.next(), segments.next()) else {
            continue;
        };
        let Some(text) = leaf_text(&d.raw) else {
            continue;
        };
        match name {
            "ErrorCode" => errors.push(ApiError::new(text.trim(), None, "")),
            "ErrorField" | "ErrorMessage" => {
                if errors.is_empty() {
                    errors.push(ApiError::new("", None, ""));
                }
                if let Some(last) = errors.last_mut() {
                    if name == "ErrorField" {
                        last.field = Some(text).filter(|f| !f.trim().is_empty());
                    } else {
                        last.message = text;
                    }
                }
            }
            _ => {}
        }
    }
    errors
}

/// `ErrorCode[2]` → `ErrorCode`.
#[cfg(feature = "client")] // read by the call path only
fn without_index(segment: &str) -> &str {
    segment.split('[').next().unwrap_or(segment)
}

/// The text of an element without children, as recorded raw (`<ErrorCode>-4001</ErrorCode>`),
/// with the predefined entities, character references and CDATA resolved; `None` when it has
/// child elements.
#[cfg(feature = "client")] // read by the call path only
fn leaf_text(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.ends_with("/>") && raw.matches('<').count() == 1 {
        return Some(String::new());
    }
    let start = raw.find('>')? + 1;
    let end = raw.rfind("</")?;
    let content = raw.get(start..end)?;
    if let Some(cdata) = content
        .strip_prefix("<![CDATA[")
        .and_then(|c| c.strip_suffix("]]>"))
    {
        return Some(cdata.to_owned());
    }
    if content.contains('<') {
        return None;
    }
    soap_runtime::unescape_text(content)
}

/// See [`ApiError::field_path`]. In the tag form only opening tags name the path.
fn normalize_error_field(field: &str) -> String {
    let parts: Vec<&str> = if field.contains('<') {
        field
            .split('<')
            .filter_map(|tag| tag.trim().strip_suffix('>'))
            .filter(|tag| !tag.starts_with('/'))
            .map(|tag| tag.trim_end_matches('/'))
            .collect()
    } else {
        field.split(['/', '.']).collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(field) = &self.field {
            write!(f, " at {field}")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        } else if let Some(meaning) = self.code.meaning() {
            write!(f, ": {meaning}")?;
        }
        Ok(())
    }
}

/// The errors of a response whose `SuccessCode` was −1 (at least one, in the server's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiErrors {
    errors: Vec<ApiError>,
}

impl ApiErrors {
    /// Wraps the entries of one response. An empty list (the server said −1 and gave no
    /// reason) becomes one [`ApiErrorCode::Failure`] entry, so there is always a first error.
    pub fn new(errors: Vec<ApiError>) -> ApiErrors {
        if errors.is_empty() {
            return ApiErrors {
                errors: vec![ApiError {
                    code: ApiErrorCode::Failure,
                    field: None,
                    message: "SuccessCode -1 without any Error entry".to_owned(),
                }],
            };
        }
        ApiErrors { errors }
    }

    /// The first error (GlobalSign usually sends one).
    pub fn first(&self) -> &ApiError {
        // `new` guarantees at least one entry.
        &self.errors[0]
    }

    /// All errors, in the server's order.
    pub fn iter(&self) -> std::slice::Iter<'_, ApiError> {
        self.errors.iter()
    }

    /// All errors as a slice.
    pub fn as_slice(&self) -> &[ApiError] {
        &self.errors
    }

    /// Whether any error has this code.
    pub fn contains(&self, code: &ApiErrorCode) -> bool {
        self.errors.iter().any(|e| &e.code == code)
    }

    /// How many errors there are (at least one).
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always `false`: there is at least one error. Present for clippy's sake.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

impl<'a> IntoIterator for &'a ApiErrors {
    type Item = &'a ApiError;
    type IntoIter = std::slice::Iter<'a, ApiError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for ApiErrors {
    type Item = ApiError;
    type IntoIter = std::vec::IntoIter<ApiError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl fmt::Display for ApiErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_round_trip() {
        for code in ApiErrorCode::KNOWN {
            assert_eq!(&ApiErrorCode::from_code(code.as_str()), code);
            assert!(code.meaning().is_some());
            assert!(code.advice().is_some());
        }
        assert_eq!(ApiErrorCode::KNOWN.len(), 31);
    }

    #[test]
    fn unknown_codes_are_kept_verbatim() {
        let code = ApiErrorCode::from_code("-12345");
        assert_eq!(code, ApiErrorCode::Unknown("-12345".to_owned()));
        assert_eq!(code.as_str(), "-12345");
        assert_eq!(code.meaning(), None);
    }

    #[test]
    fn whitespace_around_codes_is_ignored() {
        assert_eq!(
            ApiErrorCode::from_code(" -103\n"),
            ApiErrorCode::ParameterLength
        );
    }

    #[test]
    fn empty_error_list_still_has_a_first_error() {
        let errors = ApiErrors::new(Vec::new());
        assert_eq!(errors.first().code, ApiErrorCode::Failure);
        assert_eq!(errors.len(), 1);
    }

    #[cfg(feature = "client")]
    #[test]
    fn errors_printed_flat_are_read_from_the_deviations() {
        use soap_runtime::{Deviation, DeviationKind};
        let base = "GetOrderByOrderIDResponse/Response/OrderResponseHeader/Errors";
        let d = |name: &str, raw: &str, kind: DeviationKind| Deviation {
            path: format!("{base}/{name}"),
            kind,
            raw: raw.to_owned(),
            position: 0,
        };
        let deviations = [
            d(
                "ErrorCode",
                "<ErrorCode>-102</ErrorCode>",
                DeviationKind::UnknownElement,
            ),
            d(
                "ErrorField",
                "<ErrorField>DnAttributes/Email</ErrorField>",
                DeviationKind::UnknownElement,
            ),
            d(
                "ErrorMessage",
                "<ErrorMessage>a &amp; b &#x3C;c&#62;</ErrorMessage>",
                DeviationKind::UnknownElement,
            ),
            d(
                "ErrorCode[2]",
                "<ns:ErrorCode>-4001</ns:ErrorCode>",
                DeviationKind::UnknownElement,
            ),
            d(
                "ErrorMessage[2]",
                "<ErrorMessage><![CDATA[x<y]]></ErrorMessage>",
                DeviationKind::UnknownElement,
            ),
            d(
                "ErrorCode[3]",
                "<ErrorCode>-1</ErrorCode>",
                DeviationKind::Repeated,
            ),
            Deviation {
                path: "X/Response/Other/ErrorCode".into(),
                kind: DeviationKind::UnknownElement,
                raw: "<ErrorCode>-9</ErrorCode>".into(),
                position: 0,
            },
        ];
        let errors = errors_printed_flat(&deviations);
        assert_eq!(
            errors,
            [
                ApiError::new("-102", Some("DnAttributes/Email".into()), "a & b <c>"),
                ApiError::new("-4001", None, "x<y"),
            ]
        );
        assert_eq!(leaf_text("<E/>").as_deref(), Some(""));
        assert_eq!(leaf_text("<E><F>1</F></E>"), None);
        assert_eq!(leaf_text("<E>&bogus</E>"), None);
    }

    #[test]
    fn error_fields_in_every_form_normalise_to_one_path() {
        for (given, path) in [
            ("<DnAttributes><Email>", "DnAttributes/Email"),
            (
                "<DnAttributes><Email></Email></DnAttributes>",
                "DnAttributes/Email",
            ),
            (
                "OrderRequestParameter.OrderKind",
                "OrderRequestParameter/OrderKind",
            ),
            ("DnAttributes/Email", "DnAttributes/Email"),
            (" FQDN ", "FQDN"),
        ] {
            let e = ApiError::new("-102", Some(given.to_owned()), "");
            assert_eq!(e.field_path().as_deref(), Some(path), "{given}");
        }
        assert_eq!(ApiError::new("-102", None, "").field_path(), None);
    }

    #[test]
    fn display_names_code_field_and_message() {
        let e = ApiError::new(
            "-103",
            Some("OrderRequestParameter.OrderKind".into()),
            "too long",
        );
        assert_eq!(
            e.to_string(),
            "-103 at OrderRequestParameter.OrderKind: too long"
        );
        let e = ApiError::new("-4001", Some(String::new()), "");
        assert_eq!(e.to_string(), "-4001: Login failure / invalid user ID.");
    }
}
