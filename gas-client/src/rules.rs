//! Cross-field rules of the spec, from the `[[rule]]` list of `wsdl/spec-overlay.toml`.
//!
//! The generated validation checks each field on its own (lengths, allowed values,
//! formats). The rules here relate fields to each other ("Coupon or Campaign, not both";
//! "CommonName must be GivenName SurName"). Each rule is a small function over plain
//! values, so that the client (before sending) and the sandbox (on receipt) apply the very
//! same logic to their own types. A rule returns the [`Violation`] GlobalSign would answer
//! with: the overlay's `error_field` as path and its `error_code`.
//!
//! Which rules apply to which operation is decided once, in [`RequestRules`]: one entry
//! point per operation, implemented on the generated request types and called by both.
//!
//! Rules that need stored orders (a renewal's original order, who owns an order) are
//! "server-side": they are listed in [`SERVER_SIDE`] and only the sandbox checks them.

use crate::api_error::ApiErrorCode;
use crate::validation::Violation;

pub mod csr;
mod requests;

pub use requests::RequestRules;

/// A rule's identity as the overlay states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSpec {
    /// The overlay's `id`.
    pub id: &'static str,
    /// The overlay's `error_code`: what GlobalSign answers when the rule is broken.
    pub code: &'static str,
    /// The overlay's `error_field`: the path the error names.
    pub field: &'static str,
}

impl RuleSpec {
    fn violation(&self, message: impl Into<String>) -> Violation {
        Violation::new(self.field, ApiErrorCode::from_code(self.code), message)
    }
}

/// `coupon-or-campaign`: Coupon or Campaign, not both (−9917).
pub const COUPON_OR_CAMPAIGN: RuleSpec = RuleSpec {
    id: "coupon-or-campaign",
    code: "-9917",
    field: "Coupon",
};
/// `has-csr-or-pkcs12`: HasCSR and PKCS12Option not both true (−9201).
pub const HAS_CSR_OR_PKCS12: RuleSpec = RuleSpec {
    id: "has-csr-or-pkcs12",
    code: "-9201",
    field: "PKCS12Option",
};
/// `os-pkcs12-not-applicable`: OrderOS takes no PKCS12Option (−105, ERRATA E61).
pub const OS_PKCS12_NOT_APPLICABLE: RuleSpec = RuleSpec {
    id: "os-pkcs12-not-applicable",
    code: "-105",
    field: "PKCS12Option",
};
/// `ps2dept-common-name`: CommonName equals Email or Organization (−105).
pub const PS2DEPT_COMMON_NAME: RuleSpec = RuleSpec {
    id: "ps2dept-common-name",
    code: "-105",
    field: "DnAttributes/CommonName",
};
/// `ps2pro-surname-required`: SurName must be given (−105).
pub const PS2PRO_SURNAME_REQUIRED: RuleSpec = RuleSpec {
    id: "ps2pro-surname-required",
    code: "-105",
    field: "DnAttributes/SurName",
};
/// `ps2pro-common-name-matches`: CommonName is "GivenName SurName", "SurName GivenName",
/// or SurName alone without GivenName (−105).
pub const PS2PRO_COMMON_NAME_MATCHES: RuleSpec = RuleSpec {
    id: "ps2pro-common-name-matches",
    code: "-105",
    field: "DnAttributes/CommonName",
};
/// `qc-signature-common-name`: CommonName is mandatory for DSQCSignature (−102).
pub const QC_SIGNATURE_COMMON_NAME: RuleSpec = RuleSpec {
    id: "qc-signature-common-name",
    code: "-102",
    field: "DnAttributes/CommonName",
};
/// `qc-seal-no-common-name`: no CommonName for DSQCSeal (−105).
pub const QC_SEAL_NO_COMMON_NAME: RuleSpec = RuleSpec {
    id: "qc-seal-no-common-name",
    code: "-105",
    field: "DnAttributes/CommonName",
};
/// `qc-seal-organization`: Organization is mandatory for DSQCSeal (−102).
pub const QC_SEAL_ORGANIZATION: RuleSpec = RuleSpec {
    id: "qc-seal-organization",
    code: "-102",
    field: "DnAttributes/Organization",
};
/// `qc-pickup-password-required`: OrderQC needs a PickupPassword "for now" (−102).
pub const QC_PICKUP_PASSWORD_REQUIRED: RuleSpec = RuleSpec {
    id: "qc-pickup-password-required",
    code: "-102",
    field: "PickupPassword",
};
/// `qc-csr-not-supported`: OrderQC takes no CSR yet (−105).
pub const QC_CSR_NOT_SUPPORTED: RuleSpec = RuleSpec {
    id: "qc-csr-not-supported",
    code: "-105",
    field: "CSR",
};
/// `qc-dn-extensions-unused`: OrderQC's DnExtensions is for future use (−105).
pub const QC_DN_EXTENSIONS_UNUSED: RuleSpec = RuleSpec {
    id: "qc-dn-extensions-unused",
    code: "-105",
    field: "DnAttributes/DnExtensions",
};
/// `qc-statements-unused`: OrderQC's QCStatements is for future use (−105).
pub const QC_STATEMENTS_UNUSED: RuleSpec = RuleSpec {
    id: "qc-statements-unused",
    code: "-105",
    field: "QCStatements",
};
/// `product-code-for-operation`: the ProductCode must be one section 14.1 lists for the
/// operation (−9203, "not supported for this API").
pub const PRODUCT_CODE_FOR_OPERATION: RuleSpec = RuleSpec {
    id: "product-code-for-operation",
    code: "-9203",
    field: "ProductCode",
};

/// `csr-rsa-key-size`: an RSA modulus of 2048, 3072, 4096 or 8192 bits (OrderAATL).
pub const CSR_RSA_KEY_SIZE: RuleSpec = RuleSpec {
    id: "csr-rsa-key-size",
    code: "-6015",
    field: "CSR",
};
/// `csr-rsa-exponent`: an RSA exponent in 2^16 + 1 ..= 2^256 − 1 (OrderAATL).
pub const CSR_RSA_EXPONENT: RuleSpec = RuleSpec {
    id: "csr-rsa-exponent",
    code: "-6016",
    field: "CSR",
};
/// `csr-weak-key`: RSA at least 2048 bits, ECC at least 256 (OrderAATL).
pub const CSR_WEAK_KEY: RuleSpec = RuleSpec {
    id: "csr-weak-key",
    code: "-9936",
    field: "CSR",
};
/// `reissue-csr-rsa-key-size`: as [`CSR_RSA_KEY_SIZE`], for ReIssue's `OrderParameter/CSR`.
pub const REISSUE_CSR_RSA_KEY_SIZE: RuleSpec = RuleSpec {
    id: "reissue-csr-rsa-key-size",
    code: "-6015",
    field: "OrderParameter/CSR",
};
/// `reissue-csr-rsa-exponent`: as [`CSR_RSA_EXPONENT`], for ReIssue.
pub const REISSUE_CSR_RSA_EXPONENT: RuleSpec = RuleSpec {
    id: "reissue-csr-rsa-exponent",
    code: "-6016",
    field: "OrderParameter/CSR",
};
/// `reissue-csr-weak-key`: as [`CSR_WEAK_KEY`], for ReIssue.
pub const REISSUE_CSR_WEAK_KEY: RuleSpec = RuleSpec {
    id: "reissue-csr-weak-key",
    code: "-9936",
    field: "OrderParameter/CSR",
};

/// Every rule the client checks before sending.
pub const CLIENT_SIDE: &[RuleSpec] = &[
    COUPON_OR_CAMPAIGN,
    HAS_CSR_OR_PKCS12,
    OS_PKCS12_NOT_APPLICABLE,
    PS2DEPT_COMMON_NAME,
    PS2PRO_SURNAME_REQUIRED,
    PS2PRO_COMMON_NAME_MATCHES,
    QC_SIGNATURE_COMMON_NAME,
    QC_SEAL_NO_COMMON_NAME,
    QC_SEAL_ORGANIZATION,
    QC_PICKUP_PASSWORD_REQUIRED,
    QC_CSR_NOT_SUPPORTED,
    QC_DN_EXTENSIONS_UNUSED,
    QC_STATEMENTS_UNUSED,
    PRODUCT_CODE_FOR_OPERATION,
    CSR_RSA_KEY_SIZE,
    CSR_RSA_EXPONENT,
    CSR_WEAK_KEY,
    REISSUE_CSR_RSA_KEY_SIZE,
    REISSUE_CSR_RSA_EXPONENT,
    REISSUE_CSR_WEAK_KEY,
];

/// The overlay's rules that need stored orders: only GlobalSign (and the sandbox) can
/// check them.
pub const SERVER_SIDE: &[&str] = &[
    "renewal-same-product",
    "renewal-target-exists",
    "renewal-same-product-aatl-qc",
    "renewal-target-exists-aatl-qc",
    "aatl-renewal-signature-validity",
    "order-exists",
    "reissue-target-exists",
    "order-belongs-to-caller",
    "reissue-target-belongs-to-caller",
    "cancel-once",
    // Fermat factorisation of the modulus: left to the server (and the sandbox).
    "csr-rsa-close-primes",
    "reissue-csr-rsa-close-primes",
];

/// A value counts as given when it has a non-blank character.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// `coupon-or-campaign`.
pub fn coupon_or_campaign(coupon: Option<&str>, campaign: Option<&str>) -> Option<Violation> {
    (given(coupon).is_some() && given(campaign).is_some())
        .then(|| COUPON_OR_CAMPAIGN.violation("give either Coupon or Campaign, not both"))
}

/// `has-csr-or-pkcs12`.
pub fn has_csr_or_pkcs12(has_csr: Option<bool>, pkcs12_option: Option<bool>) -> Option<Violation> {
    (has_csr == Some(true) && pkcs12_option == Some(true)).then(|| {
        HAS_CSR_OR_PKCS12.violation(
            "HasCSR and PKCS12Option cannot both be true: choose one way to deliver the key",
        )
    })
}

/// `os-pkcs12-not-applicable`: the spec says of OrderOS's PKCS12Option "This is not
/// applicable" (ERRATA E61), so sending it (with any value) is refused rather than ignored:
/// a caller who sets it expects a PKCS#12 they will not get.
pub fn os_pkcs12_not_applicable(pkcs12_option: Option<bool>) -> Option<Violation> {
    pkcs12_option.is_some().then(|| {
        OS_PKCS12_NOT_APPLICABLE
            .violation("PKCS12Option is not applicable to OrderOS; leave it out")
    })
}

/// `ps2dept-common-name`: CommonName must equal Email or Organization.
pub fn ps2dept_common_name(
    common_name: Option<&str>,
    email: Option<&str>,
    organization: Option<&str>,
) -> Option<Violation> {
    let common_name = given(common_name)?;
    let matches = [email, organization]
        .into_iter()
        .filter_map(given)
        .any(|other| other == common_name);
    (!matches).then(|| {
        PS2DEPT_COMMON_NAME.violation("CommonName must be the same value as Email or Organization")
    })
}

/// `ps2pro-surname-required`.
pub fn ps2pro_surname_required(surname: Option<&str>) -> Option<Violation> {
    given(surname)
        .is_none()
        .then(|| PS2PRO_SURNAME_REQUIRED.violation("SurName must be given"))
}

/// `ps2pro-common-name-matches`. Not checked without a SurName (that is
/// `ps2pro-surname-required`'s violation) or without a CommonName (GlobalSign fills it in).
pub fn ps2pro_common_name_matches(
    common_name: Option<&str>,
    given_name: Option<&str>,
    surname: Option<&str>,
) -> Option<Violation> {
    let common_name = given(common_name)?;
    let surname = given(surname)?;
    let ok = match given(given_name) {
        Some(given_name) => {
            common_name == format!("{given_name} {surname}")
                || common_name == format!("{surname} {given_name}")
        }
        None => common_name == surname,
    };
    (!ok).then(|| {
        PS2PRO_COMMON_NAME_MATCHES.violation(
            "CommonName must be \"GivenName SurName\" or \"SurName GivenName\" (one space), \
             or SurName when there is no GivenName; leave it empty to have it filled in",
        )
    })
}

/// The product codes of OrderQC (section 14.1).
const DSQC_SIGNATURE: &str = "DSQCSignature";
const DSQC_SEAL: &str = "DSQCSeal";

/// `qc-signature-common-name`, `qc-seal-no-common-name` and `qc-seal-organization`:
/// what OrderQC's DN needs for each product.
pub fn qc_dn_for_product(
    product_code: &str,
    common_name: Option<&str>,
    organization: Option<&str>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    match product_code.trim() {
        DSQC_SIGNATURE if given(common_name).is_none() => out
            .push(QC_SIGNATURE_COMMON_NAME.violation("CommonName is mandatory for DSQCSignature")),
        DSQC_SEAL => {
            if given(common_name).is_some() {
                out.push(
                    QC_SEAL_NO_COMMON_NAME.violation("CommonName must not be set for DSQCSeal"),
                );
            }
            if given(organization).is_none() {
                out.push(QC_SEAL_ORGANIZATION.violation("Organization is mandatory for DSQCSeal"));
            }
        }
        _ => {}
    }
    out
}

/// `qc-pickup-password-required`. Takes only whether a password was given, never its value.
pub fn qc_pickup_password_required(pickup_password_given: bool) -> Option<Violation> {
    (!pickup_password_given).then(|| {
        QC_PICKUP_PASSWORD_REQUIRED.violation("PickupPassword is mandatory for OrderQC for now")
    })
}

/// `qc-csr-not-supported`, `qc-dn-extensions-unused` and `qc-statements-unused`: elements
/// OrderQC reserves for future use must not be sent.
pub fn qc_future_use(csr: bool, dn_extensions: bool, qc_statements: bool) -> Vec<Violation> {
    let mut out = Vec::new();
    if csr {
        out.push(QC_CSR_NOT_SUPPORTED.violation("CSR is for future use and not supported yet"));
    }
    if dn_extensions {
        out.push(
            QC_DN_EXTENSIONS_UNUSED.violation("DnExtensions is for future use; do not send it"),
        );
    }
    if qc_statements {
        out.push(QC_STATEMENTS_UNUSED.violation("QCStatements is for future use; do not send it"));
    }
    out
}

/// The product codes section 14.1 lists for an order operation (`None`: the operation
/// takes no `ProductCode`, or any).
pub fn product_codes_for(operation: &str) -> Option<&'static [&'static str]> {
    match operation {
        "OrderOS" => Some(&["OSMulti"]),
        "OrderOSEV" => Some(&["OSEV"]),
        "OrderAATL" => Some(&["DSAATL"]),
        "OrderQC" => Some(&[DSQC_SIGNATURE, DSQC_SEAL]),
        _ => None,
    }
}

/// `product-code-for-operation`.
pub fn product_code_for_operation(operation: &str, product_code: &str) -> Option<Violation> {
    let allowed = product_codes_for(operation)?;
    (!allowed.contains(&product_code.trim())).then(|| {
        PRODUCT_CODE_FOR_OPERATION.violation(format!(
            "{operation} accepts ProductCode {}",
            allowed.join(" or ")
        ))
    })
}

/// `csr-rsa-key-size`, `csr-rsa-exponent` and `csr-weak-key` (or their `reissue-` twins
/// when `reissue` is set) for the CSR text of a request.
///
/// A key that is too short gets `-9936` only (not also `-6015`); an RSA size of 2048 bits
/// or more that is not one of [`csr::RSA_MODULUS_BITS`] gets `-6015`. The Debian weak-key
/// list is not checked here (it needs the blocklist): GlobalSign checks it. A CSR that
/// cannot be read gets no violation here.
pub fn csr_key_checks(csr_text: &str, reissue: bool) -> Vec<Violation> {
    let (size, exponent, weak) = if reissue {
        (
            REISSUE_CSR_RSA_KEY_SIZE,
            REISSUE_CSR_RSA_EXPONENT,
            REISSUE_CSR_WEAK_KEY,
        )
    } else {
        (CSR_RSA_KEY_SIZE, CSR_RSA_EXPONENT, CSR_WEAK_KEY)
    };
    let mut out = Vec::new();
    match csr::csr_key(csr_text) {
        Some(csr::CsrKey::Rsa {
            modulus_bits,
            exponent: e,
        }) => {
            if modulus_bits < 2048 {
                out.push(weak.violation(format!(
                    "the CSR's RSA key has {modulus_bits} bits; at least 2048 are needed"
                )));
            } else if !csr::RSA_MODULUS_BITS.contains(&modulus_bits) {
                out.push(size.violation(format!(
                    "the CSR's RSA key has {modulus_bits} bits; use 2048, 3072, 4096 or 8192"
                )));
            }
            if !csr::rsa_exponent_in_range(&e) {
                out.push(exponent.violation(
                    "the CSR's RSA public exponent must be in the range 2^16 + 1 to 2^256 - 1",
                ));
            }
        }
        Some(csr::CsrKey::Ec {
            curve_bits: Some(bits),
        }) if bits < 256 => out.push(weak.violation(format!(
            "the CSR's EC key has {bits} bits; at least 256 are needed"
        ))),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(v: &Option<Violation>) -> Option<&str> {
        v.as_ref().map(|v| v.code.as_str())
    }

    #[test]
    fn coupon_and_campaign_exclude_each_other() {
        assert_eq!(
            code(&coupon_or_campaign(Some("C1"), Some("K1"))),
            Some("-9917")
        );
        assert!(coupon_or_campaign(Some("C1"), None).is_none());
        assert!(coupon_or_campaign(Some("C1"), Some("  ")).is_none());
        assert!(coupon_or_campaign(None, None).is_none());
    }

    #[test]
    fn csr_and_pkcs12_exclude_each_other() {
        assert_eq!(
            code(&has_csr_or_pkcs12(Some(true), Some(true))),
            Some("-9201")
        );
        assert!(has_csr_or_pkcs12(Some(true), Some(false)).is_none());
        assert!(has_csr_or_pkcs12(None, Some(true)).is_none());
    }

    #[test]
    fn os_pkcs12_is_refused_with_any_value() {
        assert_eq!(code(&os_pkcs12_not_applicable(Some(false))), Some("-105"));
        assert_eq!(code(&os_pkcs12_not_applicable(Some(true))), Some("-105"));
        assert!(os_pkcs12_not_applicable(None).is_none());
    }

    #[test]
    fn ps2dept_common_name_is_email_or_organization() {
        assert!(
            ps2dept_common_name(Some("a@b.example"), Some("a@b.example"), Some("Org")).is_none()
        );
        assert!(ps2dept_common_name(Some("Org"), Some("a@b.example"), Some("Org")).is_none());
        assert_eq!(
            code(&ps2dept_common_name(
                Some("Sales"),
                Some("a@b.example"),
                Some("Org")
            )),
            Some("-105")
        );
        assert!(ps2dept_common_name(None, Some("a@b.example"), None).is_none());
    }

    #[test]
    fn ps2pro_names_follow_the_section_9_table() {
        assert_eq!(code(&ps2pro_surname_required(None)), Some("-105"));
        assert!(ps2pro_surname_required(Some("Doe")).is_none());
        // CommonName "GivenName SurName" or "SurName GivenName".
        assert!(ps2pro_common_name_matches(Some("John Doe"), Some("John"), Some("Doe")).is_none());
        assert!(ps2pro_common_name_matches(Some("Doe John"), Some("John"), Some("Doe")).is_none());
        // John/Doe/ABC fails ("Not match CommonName"); two spaces fail.
        assert!(ps2pro_common_name_matches(Some("ABC"), Some("John"), Some("Doe")).is_some());
        assert!(ps2pro_common_name_matches(Some("John  Doe"), Some("John"), Some("Doe")).is_some());
        // SurName alone.
        assert!(ps2pro_common_name_matches(Some("Doe"), None, Some("Doe")).is_none());
        assert!(ps2pro_common_name_matches(Some("John Doe"), None, Some("Doe")).is_some());
        // Empty CommonName is filled in by GlobalSign.
        assert!(ps2pro_common_name_matches(None, Some("John"), Some("Doe")).is_none());
    }

    #[test]
    fn qc_dn_depends_on_the_product() {
        let v = qc_dn_for_product("DSQCSignature", None, None);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].path, "DnAttributes/CommonName");
        assert_eq!(v[0].code, ApiErrorCode::MandatoryParameterMissing);
        assert!(qc_dn_for_product("DSQCSignature", Some("Jane Roe"), None).is_empty());
        let v = qc_dn_for_product("DSQCSeal", Some("X"), None);
        let paths: Vec<_> = v
            .iter()
            .map(|v| (v.path.as_str(), v.code.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("DnAttributes/CommonName", "-105"),
                ("DnAttributes/Organization", "-102")
            ]
        );
        assert!(qc_dn_for_product("DSQCSeal", None, Some("ACME")).is_empty());
    }

    #[test]
    fn qc_future_elements_and_pickup_password() {
        assert_eq!(code(&qc_pickup_password_required(false)), Some("-102"));
        assert!(qc_pickup_password_required(true).is_none());
        let v = qc_future_use(true, true, true);
        let paths: Vec<_> = v.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["CSR", "DnAttributes/DnExtensions", "QCStatements"]);
        assert!(qc_future_use(false, false, false).is_empty());
    }

    #[test]
    fn product_codes_per_operation() {
        assert!(product_code_for_operation("OrderOS", "OSMulti").is_none());
        assert_eq!(
            code(&product_code_for_operation("OrderOS", "OSEV")),
            Some("-9203")
        );
        assert!(product_code_for_operation("OrderQC", "DSQCSeal").is_none());
        assert!(product_code_for_operation("OrderQC", "DSAATL").is_some());
        assert!(product_code_for_operation("OrderPS2", "anything").is_none());
    }
}
