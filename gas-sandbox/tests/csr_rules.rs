//! The sandbox's CSR checks answer what the client's rules predict, for real CSRs made
//! with OpenSSL (`tests/data/*.csr`: RSA 1024/2048/2560 bits, RSA with e = 3, EC P-256 and
//! P-224).

use gas_sandbox::csr::check_csr;

fn csr(name: &str) -> String {
    let path = format!("{}/tests/data/{name}.csr", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn sandbox_and_client_rules_agree() {
    let cases = [
        ("rsa1024", Some(-9936)),
        ("rsa2048", None),
        ("rsa2560", Some(-6015)),
        ("rsa2048-e3", Some(-6016)),
        ("ec-p256", None),
        ("ec-p224", Some(-9936)),
    ];
    for (name, expected) in cases {
        let text = csr(name);
        let sandbox = check_csr(&text, "CSR").err().map(|e| e.code.0);
        assert_eq!(sandbox, expected, "{name}: sandbox");
        let client: Vec<i32> = gas_client::rules::csr_key_checks(&text, false)
            .iter()
            .filter_map(|v| v.code.as_str().parse().ok())
            .collect();
        assert_eq!(
            client,
            expected.into_iter().collect::<Vec<_>>(),
            "{name}: client rules"
        );
    }
}

#[test]
fn a_valid_rsa_csr_is_certified() {
    let checked = check_csr(&csr("rsa2048"), "CSR").expect("valid");
    let now = time::OffsetDateTime::now_utc();
    let ca = gas_sandbox::ca::TestCa::generate(now).expect("CA");
    let subject = gas_sandbox::model::Subject {
        common_name: Some("RSA Subscriber".into()),
        ..Default::default()
    };
    let issued = ca
        .issue(&gas_sandbox::ca::CertificateRequest {
            subject: &subject,
            product: gas_sandbox::model::ProductCode::DsAatl,
            csr: Some(&checked),
            not_before: now,
            not_after: now + time::Duration::days(366),
            serial: 42,
        })
        .expect("issue");
    let der = pem::parse(&issued.x509_pem).expect("pem").into_contents();
    let (_, cert) = x509_parser::parse_x509_certificate(&der).expect("parse");
    assert_eq!(cert.public_key().raw, checked.spki_der.as_slice());
}
