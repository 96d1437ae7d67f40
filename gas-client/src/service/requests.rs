//! Constructors for the request bodies: every required field is a parameter, so none can
//! be forgotten; optional fields are public and start as `None`. Fields the spec allows
//! only one value for (`ProductCode` of OrderOS, `HashAlgorithm`, ...) are filled in.
//! The `OrderRequestHeader` is left empty: the client fills it.
//!
//! The nested structures (`DnAttributes`, `Subscriber`, `OrderParameter`, ...) have
//! generated constructors of the same kind (`OSSubscriber::new(...)`), and convert into one
//! another where no value is lost (`Subscriber::from(os_subscriber)`): the constructors
//! here take `impl Into<...>` for them.

use std::borrow::Cow;

use std::time::Duration;

use soap_runtime::{DateTime, Secret, SimpleValue};

use crate::generated::types::{
    AATLDnAttributes, EmailType, IssueType, IssueTypeQC, ModifyOrderOperation, OSDnAttributes,
    OSEVDnAttributes, OSSubscriber, OrderKind, OrderParameter, OrdersQueryOption,
    OrganizationInfoEV, OrganizationType, PS1DnAttributes, PS1Subscriber, PS2DeptDnAttributes,
    PS2DnAttributes, PS2ProDnAttributes, PS2Subscriber, PcV2GetModifiedOrdersRequest,
    PcV2GetOrderByOrderIDRequest, PcV2GetOrdersRequest, PcV2ModifyOrderRequest,
    PcV2OrderAATLRequest, PcV2OrderOSEVRequest, PcV2OrderOSRequest, PcV2OrderPS1Request,
    PcV2OrderPS2DeptRequest, PcV2OrderPS2ProRequest, PcV2OrderPS2Request, PcV2OrderQCRequest,
    PcV2ReIssueRequest, PcV2ResendEmailRequest, ProductCodeAATL, ProductCodeOS, ProductCodeOSEV,
    ProductCodeQC, QCDnAttributes, Subscriber, Year,
};

/// A value as the wire spells it (independent of how the generator names variants).
fn wire<T: SimpleValue + Default>(text: &str) -> T {
    T::parse_text(Cow::Borrowed(text)).unwrap_or_default()
}

/// The constructors of the orders that take `year`, `order_kind`, `pickup_password`,
/// `dn_attributes` and `subscriber` (in that order), one row each:
/// `Type(DnAttributes, Subscriber $(, extra: Type)*) { fixed fields }` under its doc.
/// The extra parameters follow `subscriber`; the fixed fields are those the spec allows
/// only one value for.
macro_rules! order_constructors {
    ($(
        $(#[$doc:meta])*
        $ty:ident($dn:ident, $subscriber:ident $(, $extra:ident: $extra_ty:ident)*)
            { $($fixed:ident: $value:expr),* $(,)? }
    )*) => {$(
        impl $ty {
            $(#[$doc])*
            pub fn new(
                year: Year,
                order_kind: OrderKind,
                pickup_password: impl Into<Secret>,
                dn_attributes: impl Into<$dn>,
                subscriber: impl Into<$subscriber>,
                $($extra: $extra_ty,)*
            ) -> Self {
                $ty {
                    $($fixed: $value,)*
                    year,
                    order_kind,
                    pickup_password: pickup_password.into(),
                    dn_attributes: dn_attributes.into(),
                    subscriber: subscriber.into(),
                    $($extra,)*
                    ..Default::default()
                }
            }
        }
    )*};
}

order_constructors! {
    /// A code-signing order (`ProductCode` OSMulti, `OrganizationType` 1: the only values
    /// the spec allows).
    PcV2OrderOSRequest(OSDnAttributes, OSSubscriber) {
        product_code: wire::<ProductCodeOS>("OSMulti"),
        organization_type: wire::<OrganizationType>("1"),
    }
    /// An EV code-signing order (`ProductCode` OSEV).
    PcV2OrderOSEVRequest(
        OSEVDnAttributes,
        Subscriber,
        organization_info_ev: OrganizationInfoEV
    ) {
        product_code: wire::<ProductCodeOSEV>("OSEV"),
    }
    /// A PersonalSign 1 order.
    PcV2OrderPS1Request(PS1DnAttributes, PS1Subscriber) {}
    /// A PersonalSign 2 order.
    PcV2OrderPS2Request(PS2DnAttributes, PS2Subscriber) {}
    /// A PersonalSign 2 Department order.
    PcV2OrderPS2DeptRequest(PS2DeptDnAttributes, OSSubscriber) {}
    /// A PersonalSign 2 Pro order.
    PcV2OrderPS2ProRequest(PS2ProDnAttributes, OSSubscriber) {}
}

impl PcV2OrderAATLRequest {
    /// An AATL document-signing order (`ProductCode` DSAATL). Give either a CSR
    /// (`csr`) or a `pickup_password`, as `issue_type` requires.
    pub fn new(
        year: Year,
        order_kind: OrderKind,
        issue_type: IssueType,
        dn_attributes: impl Into<AATLDnAttributes>,
        subscriber: impl Into<Subscriber>,
    ) -> Self {
        PcV2OrderAATLRequest {
            product_code: wire::<ProductCodeAATL>("DSAATL"),
            year,
            order_kind,
            issue_type,
            dn_attributes: dn_attributes.into(),
            subscriber: subscriber.into(),
            ..Default::default()
        }
    }
}

impl PcV2OrderQCRequest {
    /// A qualified certificate order: `product_code` DSQCSignature or DSQCSeal. The
    /// `PickupPassword` is mandatory for now (spec section 11.1).
    pub fn new(
        product_code: ProductCodeQC,
        year: Year,
        order_kind: OrderKind,
        issue_type: IssueTypeQC,
        pickup_password: impl Into<Secret>,
        dn_attributes: impl Into<QCDnAttributes>,
        subscriber: impl Into<Subscriber>,
    ) -> Self {
        PcV2OrderQCRequest {
            product_code,
            year,
            order_kind,
            issue_type,
            pickup_password: Some(pickup_password.into()),
            dn_attributes: dn_attributes.into(),
            subscriber: subscriber.into(),
            ..Default::default()
        }
    }
}

impl PcV2ReIssueRequest {
    /// Reissues the certificate of `target_order_id`.
    pub fn new(target_order_id: impl Into<String>, order_parameter: OrderParameter) -> Self {
        PcV2ReIssueRequest {
            order_parameter,
            target_order_id: target_order_id.into(),
            ..Default::default()
        }
    }
}

impl PcV2ModifyOrderRequest {
    /// Cancels or revokes `order_id`.
    pub fn new(order_id: impl Into<String>, operation: ModifyOrderOperation) -> Self {
        PcV2ModifyOrderRequest {
            order_id: order_id.into(),
            modify_order_operation: operation,
            ..Default::default()
        }
    }
}

impl PcV2ResendEmailRequest {
    /// Sends the enrolment e-mail of `order_id` again (`EmailType` ENROLLMENT, the only
    /// one).
    pub fn new(order_id: impl Into<String>) -> Self {
        PcV2ResendEmailRequest {
            order_id: order_id.into(),
            email_type: wire::<EmailType>("ENROLLMENT"),
            ..Default::default()
        }
    }
}

impl PcV2GetOrderByOrderIDRequest {
    /// Queries one order; set `order_query_option` for more details.
    pub fn new(order_id: impl Into<String>) -> Self {
        PcV2GetOrderByOrderIDRequest {
            order_id: order_id.into(),
            ..Default::default()
        }
    }
}

impl PcV2GetModifiedOrdersRequest {
    /// Queries the orders modified from `from_date` to `to_date`. Anything that converts
    /// into a [`DateTime`] will do: a `SystemTime` (and through it a `time::OffsetDateTime`
    /// or a `chrono::DateTime`) becomes UTC with milliseconds
    /// (`2024-05-01T12:00:00.125Z`), the form GlobalSign writes, which fits the spec's 29
    /// characters; a [`DateTime`] parsed from text is sent as it was written.
    pub fn new(from_date: impl Into<DateTime>, to_date: impl Into<DateTime>) -> Self {
        PcV2GetModifiedOrdersRequest {
            from_date: from_date.into(),
            to_date: to_date.into(),
            ..Default::default()
        }
    }

    /// The orders modified in the last `period`, up to now (both ends in UTC with
    /// milliseconds, so no event of the current second is cut off).
    pub fn since(period: Duration) -> Self {
        let to = DateTime::now();
        let millis = i64::try_from(period.as_millis()).unwrap_or(i64::MAX);
        PcV2GetModifiedOrdersRequest::new(to.add_millis(-millis), to)
    }

    /// The orders modified from `from` to `to` (as [`new`](Self::new)).
    pub fn between(from: impl Into<DateTime>, to: impl Into<DateTime>) -> Self {
        PcV2GetModifiedOrdersRequest::new(from, to)
    }
}

impl PcV2GetOrdersRequest {
    /// Queries orders with the given filter.
    pub fn new(filter: OrdersQueryOption) -> Self {
        PcV2GetOrdersRequest {
            order_query_option: Some(filter),
            ..Default::default()
        }
    }

    /// Queries the orders placed with this `SubID`.
    pub fn by_sub_id(sub_id: impl Into<String>) -> Self {
        PcV2GetOrdersRequest::new(OrdersQueryOption {
            sub_id: Some(sub_id.into()),
            ..Default::default()
        })
    }
}
