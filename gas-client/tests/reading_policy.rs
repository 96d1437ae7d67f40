//! The reading policy on GasOrderService's own types (soap_runtime::policy): what a
//! response that differs from our WSDL decodes to, what it records in deviations, and
//! what stays an error. The answers are written by the generated writer, then changed
//! the way the spec's outlines (or a real server) differ.

mod support;

use gas_client::operations::GetOrders;
use gas_client::types::{
    CertificateInfo, Fulfillment, GetOrdersResponse, JurisdictionInfo, OrderDetail, OrderInfo,
    OrderOSEVResponse, OrderOption, OrderResponseHeader, PcCertificate, PcV2GetOrdersResponse,
    PcV2OrderOSEVResponse, PcV2ResendEmailResponse, ResendEmailResponse, SuccessCode,
};
use gas_client::{DeviationKind, Error, RetryPolicy};
use soap_runtime::envelope::{decode_response_recorded, encode_response};
use soap_runtime::{BodyElement, DecodeErrorKind, Deviation, Envelope, Limits, SoapVersion};
use support::server::{Action, ScriptedServer};
use support::{bounded, builder};

const SECOND_DATE: &str = "2099-12-31T23:59:59.000+09:00";

/// A GetOrders answer with `n` orders, as our WSDL has it.
fn get_orders(n: usize) -> String {
    let orders = (0..n)
        .map(|i| OrderDetail {
            order_info: Some(OrderInfo {
                order_id: format!("CO{i:013}"),
                order_date: Some("2024-11-20T10:15:30.123+09:00".to_owned()),
                issue_date: Some("2024-11-21T10:15:30.123+09:00".to_owned()),
                ..OrderInfo::default()
            }),
            ..OrderDetail::default()
        })
        .collect();
    let response = GetOrdersResponse {
        response: Some(PcV2GetOrdersResponse {
            order_response_header: OrderResponseHeader {
                success_code: SuccessCode::Success,
                timestamp: "2024-11-20T10:15:30.123+09:00".to_owned(),
                ..OrderResponseHeader::default()
            },
            order_detail: orders,
        }),
    };
    encoded(&response)
}

fn encoded<B: BodyElement>(body: &B) -> String {
    String::from_utf8(encode_response(body, SoapVersion::Soap11).unwrap()).unwrap()
}

fn decode<B: BodyElement>(xml: &str) -> (B, Vec<Deviation>) {
    match decode_response_recorded::<B>(xml.as_bytes(), &Limits::default(), false) {
        Ok((Envelope::Body(b), deviations)) => (b, deviations),
        Ok((Envelope::Fault(f), _)) => panic!("fault: {f}"),
        Err(e) => panic!("decode error: {e}"),
    }
}

fn decode_error<B: BodyElement + std::fmt::Debug>(
    xml: &str,
    strict: bool,
) -> soap_runtime::DecodeError {
    match decode_response_recorded::<B>(xml.as_bytes(), &Limits::default(), strict) {
        Ok((envelope, deviations)) => {
            panic!("expected an error, got {envelope:?} with {deviations:?}")
        }
        Err(e) => e,
    }
}

fn orders(response: &GetOrdersResponse) -> &[OrderDetail] {
    &response.response.as_ref().unwrap().order_detail
}

#[test]
fn an_answer_as_the_wsdl_has_it_has_no_deviations() {
    let (response, deviations) = decode::<GetOrdersResponse>(&get_orders(3));
    assert_eq!(orders(&response).len(), 3);
    assert_eq!(deviations, []);
}

/// ERRATA E84: the spec's GetOrders outline lists `OrderDate` twice in `OrderInfo`.
#[test]
fn a_thousand_orders_with_the_specs_doubled_order_date_all_decode() {
    let xml = get_orders(1000).replace(
        "<IssueDate>",
        &format!("<OrderDate>{SECOND_DATE}</OrderDate><IssueDate>"),
    );
    let (response, deviations) = decode::<GetOrdersResponse>(&xml);
    let orders = orders(&response);
    assert_eq!(orders.len(), 1000);
    for (i, order) in orders.iter().enumerate() {
        let info = order.order_info.as_ref().unwrap();
        assert_eq!(info.order_id, format!("CO{i:013}"));
        // The first value is kept.
        assert_eq!(
            info.order_date.as_deref(),
            Some("2024-11-20T10:15:30.123+09:00")
        );
    }
    assert_eq!(deviations.len(), 1000);
    for (i, d) in deviations.iter().enumerate() {
        assert_eq!(d.kind, DeviationKind::Repeated);
        assert_eq!(d.raw, format!("<OrderDate>{SECOND_DATE}</OrderDate>"));
        let detail = if i == 0 {
            "OrderDetail".to_owned()
        } else {
            format!("OrderDetail[{}]", i + 1)
        };
        assert_eq!(
            d.path,
            format!("GetOrdersResponse/Response/{detail}/OrderInfo/OrderDate[2]")
        );
    }
}

#[test]
fn a_second_success_code_is_a_decode_error_even_when_lenient() {
    let xml = get_orders(1000).replace(
        "<SuccessCode>0</SuccessCode>",
        "<SuccessCode>-1</SuccessCode><SuccessCode>0</SuccessCode>",
    );
    let err = decode_error::<GetOrdersResponse>(&xml, false);
    assert_eq!(
        err.path,
        "GetOrdersResponse/Response/OrderResponseHeader/SuccessCode[2]"
    );
    assert!(
        matches!(err.kind, DecodeErrorKind::Repeated { .. }),
        "{err}"
    );
}

#[test]
fn unknown_elements_and_attributes_are_kept_raw() {
    let xml = get_orders(2)
        .replacen(
            "<OrderInfo>",
            "<OrderInfo flavour=\"spec\" xmlns:x=\"urn:x\"><x:Note a=\"1\">kept <b>whole</b></x:Note>",
            1,
        )
        .replace("</Response>", "<Extra/></Response>");
    let (response, deviations) = decode::<GetOrdersResponse>(&xml);
    assert_eq!(orders(&response).len(), 2);
    let found: Vec<(&str, &DeviationKind, &str)> = deviations
        .iter()
        .map(|d| (d.path.as_str(), &d.kind, d.raw.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "GetOrdersResponse/Response/OrderDetail/OrderInfo/@flavour",
                &DeviationKind::UnknownAttribute,
                "flavour=\"spec\""
            ),
            (
                "GetOrdersResponse/Response/OrderDetail/OrderInfo/Note",
                &DeviationKind::UnknownElement,
                // The prefix it uses is declared on it: the fragment stands alone.
                "<x:Note xmlns:x=\"urn:x\" a=\"1\">kept <b>whole</b></x:Note>"
            ),
            (
                "GetOrdersResponse/Response/Extra",
                &DeviationKind::UnknownElement,
                "<Extra/>"
            ),
        ]
    );
}

#[test]
fn a_missing_required_element_is_recorded() {
    let xml = get_orders(1).replace("<Timestamp>2024-11-20T10:15:30.123+09:00</Timestamp>", "");
    let (response, deviations) = decode::<GetOrdersResponse>(&xml);
    let header = &response.response.as_ref().unwrap().order_response_header;
    assert_eq!(header.timestamp, "");
    assert_eq!(deviations.len(), 1, "{deviations:?}");
    assert_eq!(deviations[0].kind, DeviationKind::Missing);
    assert_eq!(
        deviations[0].path,
        "GetOrdersResponse/Response/OrderResponseHeader/Timestamp"
    );
}

/// ERRATA E17–E19: spellings the outlines use for three query elements.
#[test]
fn alternative_spellings_are_read_into_their_fields() {
    let mut response: GetOrdersResponse = decode(&get_orders(1)).0;
    let order = &mut response.response.as_mut().unwrap().order_detail[0];
    order.certificate_info = Some(CertificateInfo {
        dn_serial_number: Some("DN-42".to_owned()),
        ..CertificateInfo::default()
    });
    order.fulfillment = Some(Fulfillment {
        pc_certificate: Some(PcCertificate {
            x509_cert: "MIIB".to_owned(),
            pkcs7_cert: "MIIC".to_owned(),
        }),
        ..Fulfillment::default()
    });
    order.order_option = Some(OrderOption {
        jurisdiction_info: Some(JurisdictionInfo {
            incorporation_agency_registration_number: "HRB 1".to_owned(),
            ..JurisdictionInfo::default()
        }),
        ..OrderOption::default()
    });
    let expected = response.clone();
    let xml = encoded(&response)
        .replace("PcCertificate>", "PrCertificate>")
        .replace("DNSerialNumber>", "SerialNumber>")
        .replace("IncorporationAgency", "IncorporatingAgency");
    let (decoded, deviations) = decode::<GetOrdersResponse>(&xml);
    assert_eq!(decoded, expected, "nothing lost");
    let found: Vec<(&str, &DeviationKind, &str)> = deviations
        .iter()
        .map(|d| (d.path.as_str(), &d.kind, d.raw.as_str()))
        .collect();
    let alias = |reads_as: &str| DeviationKind::Alias {
        reads_as: reads_as.to_owned(),
    };
    let (a, b, c) = (
        alias("IncorporationAgencyRegistrationNumber"),
        alias("DNSerialNumber"),
        alias("PcCertificate"),
    );
    assert_eq!(
        found,
        [
            (
                "GetOrdersResponse/Response/OrderDetail/OrderOption/JurisdictionInfo/IncorporatingAgencyRegistrationNumber",
                &a,
                "IncorporatingAgencyRegistrationNumber"
            ),
            (
                "GetOrdersResponse/Response/OrderDetail/CertificateInfo/SerialNumber",
                &b,
                "SerialNumber"
            ),
            (
                "GetOrdersResponse/Response/OrderDetail/Fulfillment/PrCertificate",
                &c,
                "PrCertificate"
            ),
        ]
    );
}

/// ERRATA E3, E7, E8, E9: response wrappers as the spec prints them.
#[test]
fn wrappers_named_as_the_spec_prints_them_are_read() {
    // OrderOSEV answered as `OrderOSResponse`.
    let answer = OrderOSEVResponse {
        response: Some(PcV2OrderOSEVResponse::default()),
    };
    let xml = encoded(&answer).replace("OrderOSEVResponse", "OrderOSResponse");
    let (_, deviations) = decode::<OrderOSEVResponse>(&xml);
    assert_eq!(
        deviations
            .iter()
            .map(|d| (d.path.as_str(), &d.kind, d.raw.as_str()))
            .collect::<Vec<_>>(),
        [(
            "OrderOSResponse",
            &DeviationKind::WrapperName {
                expected: "OrderOSEVResponse".to_owned()
            },
            "ns1:OrderOSResponse"
        )]
    );
    // GetOrders answered as `GetOrders`, without "Response".
    let xml = get_orders(2).replace("GetOrdersResponse", "GetOrders");
    let (response, deviations) = decode::<GetOrdersResponse>(&xml);
    assert_eq!(orders(&response).len(), 2);
    assert_eq!(deviations.len(), 1);
    assert_eq!(deviations[0].path, "GetOrders");
    // ResendEmail answered as `ModifyOrderResponse`, whose OrderID is kept raw.
    let answer = ResendEmailResponse {
        response: Some(PcV2ResendEmailResponse::default()),
    };
    let xml = encoded(&answer)
        .replace("ResendEmailResponse", "ModifyOrderResponse")
        .replace(
            "</OrderResponseHeader>",
            "</OrderResponseHeader><OrderID>CO1</OrderID>",
        );
    let (_, deviations) = decode::<ResendEmailResponse>(&xml);
    let kinds: Vec<(&str, &str)> = deviations
        .iter()
        .map(|d| (d.path.as_str(), d.raw.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("ModifyOrderResponse", "ns1:ModifyOrderResponse"),
            (
                "ModifyOrderResponse/Response/OrderID",
                "<OrderID>CO1</OrderID>"
            )
        ]
    );
}

#[test]
fn a_wrapper_that_is_not_ours_stays_an_error() {
    // Another name in another namespace.
    let xml = get_orders(1)
        .replace(
            "https://system.globalsign.com/pc/ws/v2/",
            "urn:somebody-else",
        )
        .replace("GetOrdersResponse", "GetOrders");
    let err = decode_error::<GetOrdersResponse>(&xml, false);
    assert!(
        matches!(err.kind, DecodeErrorKind::Unexpected { .. }),
        "{err}"
    );
    // Same namespace, other children.
    let xml = get_orders(1)
        .replace("GetOrdersResponse", "SomethingElse")
        .replace("<Response>", "<Other>")
        .replace("</Response>", "</Other>");
    let err = decode_error::<GetOrdersResponse>(&xml, false);
    assert!(
        matches!(err.kind, DecodeErrorKind::Unexpected { .. }),
        "{err}"
    );
}

#[test]
fn strict_reading_turns_each_deviation_into_an_error_with_its_path() {
    let cases = [
        (
            get_orders(1).replace(
                "<IssueDate>",
                &format!("<OrderDate>{SECOND_DATE}</OrderDate><IssueDate>"),
            ),
            "GetOrdersResponse/Response/OrderDetail/OrderInfo/OrderDate[2]",
        ),
        (
            get_orders(1).replace("</Timestamp>", "</Timestamp><Unknown/>"),
            "GetOrdersResponse/Response/OrderResponseHeader/Unknown",
        ),
        (
            get_orders(1).replace("<OrderInfo>", "<OrderInfo odd=\"1\">"),
            "GetOrdersResponse/Response/OrderDetail/OrderInfo/@odd",
        ),
        (
            get_orders(1).replace("GetOrdersResponse", "GetOrders"),
            "GetOrders",
        ),
        (
            get_orders(1).replace("<Timestamp>2024-11-20T10:15:30.123+09:00</Timestamp>", ""),
            "GetOrdersResponse/Response/OrderResponseHeader",
        ),
    ];
    for (xml, path) in cases {
        // Lenient: read, one deviation.
        let (_, deviations) = decode::<GetOrdersResponse>(&xml);
        assert_eq!(deviations.len(), 1, "{path}: {deviations:?}");
        let err = decode_error::<GetOrdersResponse>(&xml, true);
        assert_eq!(err.path, path, "{err}");
    }
}

// ---------------------------------------------------------------- through the client

fn query() -> gas_client::types::GetOrders {
    gas_client::types::GetOrders::default()
}

#[tokio::test]
async fn the_client_returns_deviations_beside_the_response() {
    let xml = get_orders(2).replace(
        "<IssueDate>",
        &format!("<OrderDate>{SECOND_DATE}</OrderDate><IssueDate>"),
    );
    let server = ScriptedServer::start(vec![Action::xml(xml)]).await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let response = bounded(client.call::<GetOrders>(query())).await.unwrap();
    assert_eq!(orders(response.value()).len(), 2);
    let paths: Vec<&str> = response
        .deviations()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "GetOrdersResponse/Response/OrderDetail/OrderInfo/OrderDate[2]",
            "GetOrdersResponse/Response/OrderDetail[2]/OrderInfo/OrderDate[2]"
        ]
    );
}

#[tokio::test]
async fn strict_reading_on_the_client_makes_a_deviation_a_decode_error() {
    let xml = get_orders(2).replace("GetOrdersResponse", "GetOrders");
    let server = ScriptedServer::start(vec![Action::xml(xml)]).await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .strict_reading(true)
        .build()
        .unwrap();
    assert!(client.strict_reading());
    match bounded(client.call::<GetOrders>(query())).await {
        Err(Error::Decode { source, .. }) => {
            assert_eq!(source.path, "GetOrders");
            assert!(
                matches!(
                    source.kind,
                    DecodeErrorKind::Deviation(DeviationKind::WrapperName { .. })
                ),
                "{source}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_deviation_never_shows_the_password() {
    let xml = get_orders(1).replace(
        "</Timestamp>",
        &format!("</Timestamp><Echo>{}</Echo>", support::PASSWORD_MARKER),
    );
    let server = ScriptedServer::start(vec![Action::xml(xml)]).await;
    let client = builder(&server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let response = bounded(client.call::<GetOrders>(query())).await.unwrap();
    assert_eq!(response.deviations().len(), 1);
    let shown = format!("{:?}", response.deviations());
    assert!(!shown.contains(support::PASSWORD_MARKER), "{shown}");
}
