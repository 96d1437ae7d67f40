//! The CSR key rules on real CSRs (made with OpenSSL, see tests/data/csr/README.md).

use gas_client::ApiErrorCode;
use gas_client::rules::csr::{CsrKey, csr_key};
use gas_client::rules::csr_key_checks;

fn csr(name: &str) -> String {
    let path = format!(
        "{}/tests/data/csr/{name}.csr.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn codes(name: &str, reissue: bool) -> Vec<(String, String)> {
    csr_key_checks(&csr(name), reissue)
        .into_iter()
        .map(|v| (v.path, v.code.as_str().to_owned()))
        .collect()
}

fn pair(path: &str, code: &str) -> (String, String) {
    (path.to_owned(), code.to_owned())
}

#[test]
fn keys_are_read_from_pem_and_bare_base64() {
    assert_eq!(
        csr_key(&csr("rsa2048")),
        Some(CsrKey::Rsa {
            modulus_bits: 2048,
            exponent: vec![0x01, 0x00, 0x01]
        })
    );
    let pem = csr("rsa2560");
    let bare: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(matches!(
        csr_key(&bare),
        Some(CsrKey::Rsa {
            modulus_bits: 2560,
            ..
        })
    ));
    assert_eq!(
        csr_key(&csr("ec-p256")),
        Some(CsrKey::Ec {
            curve_bits: Some(256)
        })
    );
    assert_eq!(csr_key(&csr("ed25519")), Some(CsrKey::Other));
}

#[test]
fn good_keys_pass() {
    for name in ["rsa2048", "ec-p256", "ed25519"] {
        assert!(codes(name, false).is_empty(), "{name}");
    }
}

#[test]
fn short_keys_are_weak() {
    assert_eq!(codes("rsa1024", false), [pair("CSR", "-9936")]);
    assert_eq!(
        codes("ec-p192", true),
        [pair("OrderParameter/CSR", "-9936")]
    );
}

#[test]
fn odd_rsa_sizes_are_unsupported() {
    assert_eq!(codes("rsa2560", false), [pair("CSR", "-6015")]);
}

#[test]
fn small_exponents_are_refused() {
    assert_eq!(
        codes("rsa2048-e3", true),
        [pair("OrderParameter/CSR", "-6016")]
    );
    let v = csr_key_checks(&csr("rsa2048-e3"), false);
    assert_eq!(v[0].code, ApiErrorCode::PublicExponentOutOfRange);
}

#[test]
fn an_unreadable_csr_is_left_to_the_server() {
    assert!(
        csr_key_checks(
            "-----BEGIN CERTIFICATE REQUEST-----\nbroken\n-----END CERTIFICATE REQUEST-----",
            false
        )
        .is_empty()
    );
    let pem = csr("rsa2048");
    let truncated = &pem[..pem.len() / 2];
    assert!(csr_key_checks(truncated, false).is_empty());
}
