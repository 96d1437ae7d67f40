//! HTTPS: certificate verification is always on; a test server's own CA can be trusted
//! explicitly with `add_root_certificate_pem`.

mod support;

use std::sync::Arc;

use gas_client::TransportErrorKind;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use support::op::{TestQuery, TestRequest, response_xml};
use support::server::read_request;
use support::{bounded, builder, transport_error};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// A CA (its PEM) and a `localhost` certificate it issued, with the certificate's key.
fn test_pki() -> (String, CertificateDer<'static>, PrivateKeyDer<'static>) {
    test_pki_for("localhost")
}

/// As [`test_pki`], with a certificate for `host` instead.
fn test_pki_for(host: &str) -> (String, CertificateDer<'static>, PrivateKeyDer<'static>) {
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "gas-client test CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().expect("leaf key");
    let leaf_params = CertificateParams::new(vec![host.to_owned()]).expect("leaf params");
    let leaf = leaf_params
        .signed_by(&leaf_key, &issuer)
        .expect("leaf certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    (ca_cert.pem(), leaf.der().clone(), key)
}

/// An HTTPS server on loopback answering every request with `body`; returns its URL.
async fn https_server(
    certificate: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
    body: String,
) -> String {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![certificate], key)
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let body = body.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake: nothing to do.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                if read_request(&mut tls).await.is_err() {
                    return;
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(head.as_bytes()).await;
                let _ = tls.write_all(body.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    format!("https://localhost:{port}/pc/ws/v2/GasOrderService")
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_before_anything_is_sent() {
    let (_ca, certificate, key) = test_pki();
    let url = https_server(certificate, key, response_xml(0, &[], Some("CO-TLS"))).await;
    let client = builder(&url).build().expect("client");
    let err = bounded(client.call::<TestQuery>(TestRequest::default()))
        .await
        .unwrap_err();
    let (kind, reached) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Connect);
    assert!(!reached);
}

#[tokio::test]
async fn a_test_server_ca_can_be_trusted_explicitly() {
    let (ca, certificate, key) = test_pki();
    let url = https_server(certificate, key, response_xml(0, &[], Some("CO-TLS"))).await;
    let client = builder(&url)
        .add_root_certificate_pem(ca)
        .build()
        .expect("client");
    let response = bounded(client.call::<TestQuery>(TestRequest::default()))
        .await
        .unwrap();
    assert_eq!(response.order_id.as_deref(), Some("CO-TLS"));
}

/// Verification checks the name as well as the chain: a certificate from a trusted CA,
/// but for another host, is refused.
#[tokio::test]
async fn a_trusted_certificate_for_another_host_is_refused() {
    let (ca, certificate, key) = test_pki_for("gas.example");
    let url = https_server(certificate, key, response_xml(0, &[], Some("CO-TLS"))).await;
    let client = builder(&url)
        .add_root_certificate_pem(ca)
        .build()
        .expect("client");
    let err = bounded(client.call::<TestQuery>(TestRequest::default()))
        .await
        .unwrap_err();
    let (kind, reached) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Connect);
    assert!(!reached);
}

/// A caller's own HTTP client built from `http_client_builder` (as the docs advise, so that
/// no process-wide rustls provider is needed) verifies certificates as the client's own
/// does: the platform's roots only, so the test CA is not trusted.
#[tokio::test]
async fn a_callers_client_from_http_client_builder_verifies_certificates() {
    let (_ca, certificate, key) = test_pki();
    let url = https_server(certificate, key, response_xml(0, &[], Some("CO-TLS"))).await;
    let own = gas_client::http_client_builder()
        .expect("TLS configuration")
        .build()
        .expect("reqwest client");
    let client = builder(&url).http_client(own).build().expect("client");
    let err = bounded(client.call::<TestQuery>(TestRequest::default()))
        .await
        .unwrap_err();
    let (kind, reached) = transport_error(&err);
    assert_eq!(kind, TransportErrorKind::Connect);
    assert!(!reached);
}
