//! The three queries' selection logic (spec section 13) over the domain model:
//! GetOrderByOrderID's `OrderQueryOption` flags, GetModifiedOrders' date window and status,
//! GetOrders' filters. Parsing helpers turn the wire's strings into filter values with the
//! error codes of ERRATA E92 (format −104, value outside a set −9970).

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::api_error::{ApiError, ErrorCode};
use crate::model::{CertificateStatus, Order, OrderId, OrderStatus, ProductCode};

/// `OrderQueryOption`'s `Return*` flags: which optional blocks of `OrderDetail` to return.
/// `OrderInfo` and `ModificationEvents` are always returned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DetailOptions {
    /// `ReturnOrderOption` → `OrderOption` (organisation, contacts, subscriber).
    pub order_option: bool,
    /// `ReturnCertificateInfo` → `CertificateInfo`.
    pub certificate_info: bool,
    /// `ReturnFulfillment` → `Fulfillment/PcCertificate`.
    pub fulfillment: bool,
    /// `ReturnCACerts` → `Fulfillment/CACertificates`.
    pub ca_certs: bool,
}

/// An inclusive range of calendar days (UTC); either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether `at` falls in the range; an absent `at` matches only an open range.
    pub fn contains(&self, at: Option<OffsetDateTime>) -> bool {
        if self.is_open() {
            return true;
        }
        let Some(at) = at else {
            return false;
        };
        let day = at.to_offset(UtcOffset::UTC).date();
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }
}

/// GetOrders' filters (section 13.3 `OrderQueryOption`); every one given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub product: Option<ProductCode>,
    pub order_status: Option<OrderStatus>,
    pub certificate_status: Option<CertificateStatus>,
    pub request_date: DateRange,
    pub issue_date: DateRange,
    pub expiration_date: DateRange,
    /// Exact match on the subject's CommonName.
    pub common_name: Option<String>,
    pub order_id: Option<OrderId>,
    pub sub_id: Option<String>,
}

impl OrderFilter {
    pub fn matches(&self, order: &Order) -> bool {
        self.product.is_none_or(|p| order.product == p)
            && self.order_status.is_none_or(|s| order.status == s)
            && self
                .certificate_status
                .is_none_or(|s| order.certificate_status == s)
            && self.request_date.contains(order.dates.request_date)
            && self.issue_date.contains(order.dates.issue_date)
            && self.expiration_date.contains(order.not_after())
            && self
                .common_name
                .as_ref()
                .is_none_or(|cn| order.subject.common_name.as_ref() == Some(cn))
            && self.order_id.as_ref().is_none_or(|id| &order.id == id)
            && self
                .sub_id
                .as_ref()
                .is_none_or(|sub| order.sub_id.as_ref() == Some(sub))
    }
}

/// GetModifiedOrders (section 13.2): an order with a modification event between `from`
/// and `to`, both inclusive (ERRATA E90), and the status when one is asked for.
pub fn modified_between(
    order: &Order,
    from: OffsetDateTime,
    to: OffsetDateTime,
    status: Option<OrderStatus>,
) -> bool {
    status.is_none_or(|s| order.status == s)
        && order
            .events
            .iter()
            .any(|e| e.timestamp >= from && e.timestamp <= to)
}

/// Parses GetOrders' `YYYY-MM-DD` dates; a full `xs:dateTime` is accepted too (its UTC
/// day). Anything else is −104 at `field`.
pub fn parse_query_date(text: &str, field: &str) -> Result<Date, ApiError> {
    let text = text.trim();
    if let Ok(date) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
        return Ok(date);
    }
    parse_date_time(text, field)
        .map(|t| t.date())
        .map_err(|_| ApiError::at(ErrorCode::FORMAT, field).detail("expected YYYY-MM-DD"))
}

/// Parses an `xs:dateTime` (`2017-12-11T12:13:12.025-05:00`, `...Z`, or without an offset,
/// read as UTC) into UTC. Anything else is −104 at `field`.
pub fn parse_date_time(text: &str, field: &str) -> Result<OffsetDateTime, ApiError> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(t.to_offset(UtcOffset::UTC));
    }
    let local = format_description!(
        version = 2,
        "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
    );
    PrimitiveDateTime::parse(text, local)
        .map(PrimitiveDateTime::assume_utc)
        .map_err(|_| {
            ApiError::at(ErrorCode::FORMAT, field)
                .detail("expected a date and time like 2017-12-11T12:13:12.025-05:00")
        })
}

/// Parses an order status code (section 14.3): not a number −104, an unknown number −9970.
pub fn parse_order_status(text: &str, field: &str) -> Result<OrderStatus, ApiError> {
    let code: u8 = text
        .trim()
        .parse()
        .map_err(|_| ApiError::at(ErrorCode::FORMAT, field).detail("expected a status code"))?;
    OrderStatus::from_code(code).ok_or_else(|| {
        ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, field)
            .detail(format_args!("{code} is not an order status"))
    })
}

/// Parses a certificate status code (section 14.4), like [`parse_order_status`].
pub fn parse_certificate_status(text: &str, field: &str) -> Result<CertificateStatus, ApiError> {
    let code: u8 = text
        .trim()
        .parse()
        .map_err(|_| ApiError::at(ErrorCode::FORMAT, field).detail("expected a status code"))?;
    CertificateStatus::from_code(code).ok_or_else(|| {
        ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, field)
            .detail(format_args!("{code} is not a certificate status"))
    })
}

/// Parses a product code filter: an unknown code is −9970 (ERRATA E92).
pub fn parse_product_code(text: &str, field: &str) -> Result<ProductCode, ApiError> {
    ProductCode::parse(text.trim()).ok_or_else(|| {
        ApiError::at(ErrorCode::OUT_OF_SUPPORT_VALUE, field)
            .detail(format_args!("{text:?} is not a product code"))
    })
}

/// Parses a `Return*` flag: `true`/`false`/`1`/`0` in any case (ERRATA E62), else −104.
pub fn parse_flag(text: &str, field: &str) -> Result<bool, ApiError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::at(ErrorCode::FORMAT, field).detail("expected true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{NewOrder, create_order, issue};
    use crate::model::{IssuedCertificate, OrderOperation};
    use time::Duration;
    use time::macros::{date, datetime};

    fn order(n: u64, at: OffsetDateTime) -> Order {
        let mut request = NewOrder::minimal(OrderOperation::OrderPs1);
        request.subject.common_name = Some(format!("user{n}"));
        request.sub_id = Some(format!("sub-{n}"));
        create_order(OrderId::from_sequence(n), "alice", request, None, at)
    }

    fn issued(n: u64, at: OffsetDateTime) -> Order {
        let mut o = order(n, at);
        let cert = IssuedCertificate {
            x509_pem: String::new(),
            pkcs7_pem: String::new(),
            serial_hex: "01".into(),
            subject_name: String::new(),
            not_before: at,
            not_after: at + Duration::days(366),
        };
        issue(&mut o, cert, at).expect("issue");
        o
    }

    #[test]
    fn empty_filter_matches_everything() {
        assert!(OrderFilter::default().matches(&order(1, datetime!(2026-01-01 0:00 UTC))));
    }

    #[test]
    fn filters_combine() {
        let a = issued(1, datetime!(2026-01-10 12:00 UTC));
        let b = order(2, datetime!(2026-02-10 12:00 UTC));

        let by_status = OrderFilter {
            order_status: Some(OrderStatus::IssueCompleted),
            ..OrderFilter::default()
        };
        assert!(by_status.matches(&a) && !by_status.matches(&b));

        let by_cert = OrderFilter {
            certificate_status: Some(CertificateStatus::Initial),
            ..OrderFilter::default()
        };
        assert!(!by_cert.matches(&a) && by_cert.matches(&b));

        let by_request = OrderFilter {
            request_date: DateRange {
                from: Some(date!(2026 - 02 - 01)),
                to: Some(date!(2026 - 02 - 10)),
            },
            ..OrderFilter::default()
        };
        assert!(
            !by_request.matches(&a) && by_request.matches(&b),
            "inclusive end day"
        );

        let by_issue = OrderFilter {
            issue_date: DateRange {
                from: Some(date!(2026 - 01 - 10)),
                to: None,
            },
            ..OrderFilter::default()
        };
        assert!(
            by_issue.matches(&a) && !by_issue.matches(&b),
            "unissued never matches"
        );

        let by_expiry = OrderFilter {
            expiration_date: DateRange {
                from: Some(date!(2027 - 01 - 11)),
                to: Some(date!(2027 - 01 - 11)),
            },
            ..OrderFilter::default()
        };
        assert!(by_expiry.matches(&a), "366 days after 2026-01-10");

        let by_names = OrderFilter {
            common_name: Some("user2".into()),
            sub_id: Some("sub-2".into()),
            order_id: Some(OrderId::from_sequence(2)),
            product: Some(ProductCode::Ps1),
            ..OrderFilter::default()
        };
        assert!(!by_names.matches(&a) && by_names.matches(&b));
        let wrong_product = OrderFilter {
            product: Some(ProductCode::Ps2),
            ..OrderFilter::default()
        };
        assert!(!wrong_product.matches(&b));
    }

    #[test]
    fn modified_window_is_inclusive() {
        let at = datetime!(2026-03-01 10:00 UTC);
        let o = order(3, at);
        assert!(modified_between(&o, at, at, None));
        assert!(!modified_between(
            &o,
            at + Duration::milliseconds(1),
            at + Duration::days(1),
            None
        ));
        assert!(!modified_between(&o, at, at, Some(OrderStatus::Validated)));
        assert!(modified_between(&o, at, at, Some(OrderStatus::Initial)));
    }

    #[test]
    fn date_parsing() {
        assert_eq!(
            parse_query_date("2026-01-02", "F").expect("date"),
            date!(2026 - 01 - 02)
        );
        assert_eq!(
            parse_query_date("2026-01-02T23:30:00-05:00", "F").expect("datetime"),
            date!(2026 - 01 - 03)
        );
        let err =
            parse_query_date("02/01/2026", "OrderQueryOption/RequestDateFrom").expect_err("bad");
        assert_eq!(err.code, ErrorCode::FORMAT);
        assert_eq!(
            err.field.as_deref(),
            Some("OrderQueryOption/RequestDateFrom")
        );

        assert_eq!(
            parse_date_time("2017-12-11T12:13:12.025-05:00", "FromDate").expect("offset"),
            datetime!(2017-12-11 17:13:12.025 UTC)
        );
        assert_eq!(
            parse_date_time("2017-12-11T12:13:12", "FromDate").expect("no offset"),
            datetime!(2017-12-11 12:13:12 UTC)
        );
        assert_eq!(
            parse_date_time("yesterday", "FromDate")
                .expect_err("bad")
                .code,
            ErrorCode::FORMAT
        );
    }

    #[test]
    fn code_parsing() {
        assert_eq!(
            parse_order_status("4", "S"),
            Ok(OrderStatus::IssueCompleted)
        );
        assert_eq!(
            parse_order_status("2", "S").expect_err("no 2").code,
            ErrorCode::OUT_OF_SUPPORT_VALUE
        );
        assert_eq!(
            parse_order_status("x", "S").expect_err("nan").code,
            ErrorCode::FORMAT
        );
        assert_eq!(
            parse_certificate_status("50", "S"),
            Ok(CertificateStatus::WaitingForRevocation)
        );
        assert_eq!(
            parse_product_code("DSQCSeal", "P"),
            Ok(ProductCode::DsQcSeal)
        );
        assert_eq!(
            parse_product_code("SSL", "P").expect_err("unknown").code,
            ErrorCode::OUT_OF_SUPPORT_VALUE
        );
        assert_eq!(parse_flag("TRUE", "F"), Ok(true));
        assert_eq!(parse_flag("0", "F"), Ok(false));
        assert_eq!(
            parse_flag("yes", "F").expect_err("bad").code,
            ErrorCode::FORMAT
        );
    }
}
