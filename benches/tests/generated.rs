//! The generated side of every comparison reads and writes the same messages as the
//! baselines: the decode benchmark compares like with like, and the encode benchmark's
//! two writers produce the same document.

use gas_benches::fixtures::{
    get_order_by_order_id_response, get_orders_response, order_osev_request,
};
use gas_benches::{generated, hand, raw};

#[test]
fn generated_reader_reads_what_serde_reads() {
    let bytes = get_orders_response(9);
    let ours = generated::decode_get_orders(&bytes).expect("the generated reader reads it");
    let theirs = hand::decode_get_orders(&bytes).expect("serde reads it");
    let ours = ours.response.expect("Response");
    let theirs = theirs.response.expect("Response");
    assert_eq!(ours.order_detail.len(), theirs.orders.len());
    for (a, b) in ours.order_detail.iter().zip(&theirs.orders) {
        let (ai, bi) = (
            a.order_info.as_ref().expect("OrderInfo"),
            b.order_info.as_ref().expect("OrderInfo"),
        );
        assert_eq!(ai.order_id, bi.order_id);
        assert_eq!(
            ai.order_canceled_date.is_some(),
            bi.order_canceled_date.is_some()
        );
        let (af, bf) = (
            a.fulfillment.as_ref().expect("Fulfillment"),
            b.fulfillment.as_ref().expect("Fulfillment"),
        );
        let bcas = &bf
            .ca_certificates
            .as_ref()
            .expect("CACertificates")
            .ca_certificate;
        assert_eq!(af.ca_certificates.len(), bcas.len());
        for (x, y) in af.ca_certificates.iter().zip(bcas) {
            assert_eq!(x.ca_cert, y.ca_cert);
        }
        let (ap, bp) = (
            af.pc_certificate.as_ref().expect("PcCertificate"),
            bf.pc_certificate.as_ref().expect("PcCertificate"),
        );
        assert_eq!(ap.x509_cert, bp.x509_cert);
        assert_eq!(ap.pkcs7_cert, bp.pkcs7_cert);
        let bevents = &b
            .modification_events
            .as_ref()
            .expect("ModificationEvents")
            .modification_event;
        assert_eq!(a.modification_events.len(), bevents.len());
        let (ao, bo) = (
            a.order_option.as_ref().expect("OrderOption"),
            b.order_option.as_ref().expect("OrderOption"),
        );
        assert_eq!(
            ao.organization_info.organization_name,
            bo.organization_info.organization_name
        );
    }
    assert_eq!(generated::order_count_of(&bytes).expect("reads"), 9);
}

#[test]
fn generated_reader_reads_the_single_order_answer() {
    let bytes = get_order_by_order_id_response(5);
    let ours = generated::decode_get_order_by_order_id(&bytes).expect("reads");
    let detail = ours
        .response
        .and_then(|r| r.order_detail)
        .expect("an OrderDetail");
    assert!(
        detail
            .order_info
            .expect("OrderInfo")
            .order_id
            .ends_with("0000005")
    );
}

#[test]
fn generated_writer_writes_what_the_raw_writer_writes() {
    let fixture = order_osev_request();
    let order = generated::order_osev(&fixture).expect("the generated reader reads the request");
    let ours = generated::encode_order_osev(&order).expect("the generated writer writes it");
    let theirs = raw::write_order_osev(&hand::decode_order_osev(&fixture).expect("serde reads it"))
        .expect("the raw writer writes it");
    assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs)
    );
    assert_eq!(ours, fixture);
}
