//! Checks on a CSR given with an order, with the error codes of spec section 16.2:
//! unparsable or badly signed → −104 (format), key too short → −9936, unsupported RSA
//! modulus size → −6015, RSA public exponent out of range → −6016, RSA primes too close
//! (Fermat's method factors the modulus, `crate::fermat`) → −6037.
//!
//! Not checked: the Debian weak-key list of −9936 (a blocklist the sandbox does not carry).

use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;

use crate::api_error::{ApiError, ErrorCode};

/// The RSA modulus sizes GlobalSign accepts (−6015 text: "2048, 3072, 4096, or 8192 bits").
const RSA_MODULUS_BITS: [usize; 4] = [2048, 3072, 4096, 8192];

/// A CSR that passed the checks: its public key, ready to be certified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCsr {
    /// The DER `SubjectPublicKeyInfo` from the request.
    pub spki_der: Vec<u8>,
}

/// Parses a PEM (or bare base64) CSR and applies the key checks. `field` is the
/// `ErrorField` to report (`CSR`, `OrderParameter/CSR`).
pub fn check_csr(text: &str, field: &str) -> Result<CheckedCsr, ApiError> {
    let der = decode_csr_text(text)
        .ok_or_else(|| ApiError::at(ErrorCode::FORMAT, field).detail("the CSR is not PEM"))?;
    let (rest, csr) = X509CertificationRequest::from_der(&der).map_err(|_| {
        ApiError::at(ErrorCode::FORMAT, field).detail("the CSR is not a PKCS#10 request")
    })?;
    if !rest.is_empty() {
        return Err(ApiError::at(ErrorCode::FORMAT, field)
            .detail("the CSR has trailing bytes after the request"));
    }
    let spki = &csr.certification_request_info.subject_pki;
    let key = spki.parsed().map_err(|_| {
        ApiError::at(ErrorCode::FORMAT, field).detail("the CSR's public key cannot be read")
    })?;
    // The key rules first: their codes say more than "bad signature", and the verifier
    // refuses keys the rules reject anyway (RSA below 2048 bits).
    check_key(&key, field)?;
    csr.verify_signature().map_err(|_| {
        ApiError::at(ErrorCode::FORMAT, field).detail("the CSR's signature does not verify")
    })?;
    Ok(CheckedCsr {
        spki_der: spki.raw.to_vec(),
    })
}

fn check_key(key: &PublicKey<'_>, field: &str) -> Result<(), ApiError> {
    match key {
        PublicKey::RSA(rsa) => {
            let bits = bit_length(rsa.modulus);
            if bits < 2048 {
                return Err(ApiError::at(ErrorCode::CSR_KEY_TOO_SHORT, field)
                    .detail(format_args!("RSA key of {bits} bits")));
            }
            if !RSA_MODULUS_BITS.contains(&bits) {
                return Err(ApiError::at(ErrorCode::CSR_KEY_SIZE_UNSUPPORTED, field)
                    .detail(format_args!("RSA key of {bits} bits")));
            }
            if !exponent_in_range(rsa.exponent) {
                return Err(ApiError::at(ErrorCode::CSR_EXPONENT_OUT_OF_RANGE, field));
            }
            if crate::fermat::primes_too_close(rsa.modulus) {
                return Err(ApiError::at(ErrorCode::CSR_PRIMES_TOO_CLOSE, field));
            }
            Ok(())
        }
        PublicKey::EC(point) => {
            let bits = point.key_size();
            if bits < 256 {
                return Err(ApiError::at(ErrorCode::CSR_KEY_TOO_SHORT, field)
                    .detail(format_args!("EC key of {bits} bits")));
            }
            Ok(())
        }
        _ => Err(ApiError::at(ErrorCode::CSR_KEY_SIZE_UNSUPPORTED, field)
            .detail("only RSA and EC keys are supported")),
    }
}

/// Accepts `-----BEGIN CERTIFICATE REQUEST-----` (or `NEW CERTIFICATE REQUEST`) PEM, and
/// bare base64 as some clients send it.
fn decode_csr_text(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim();
    if trimmed.starts_with("-----BEGIN") {
        let parsed = pem::parse(trimmed).ok()?;
        match parsed.tag() {
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Some(parsed.into_contents()),
            _ => None,
        }
    } else {
        let wrapped = format!(
            "-----BEGIN CERTIFICATE REQUEST-----\n{trimmed}\n-----END CERTIFICATE REQUEST-----\n"
        );
        pem::parse(wrapped).ok().map(|p| p.into_contents())
    }
}

/// Bits in a big-endian unsigned integer, ignoring leading zero bytes.
fn bit_length(bytes: &[u8]) -> usize {
    let significant: &[u8] = match bytes.iter().position(|&b| b != 0) {
        Some(first) => &bytes[first..],
        None => return 0,
    };
    (significant.len() - 1) * 8 + (8 - significant[0].leading_zeros() as usize)
}

/// 2^16 + 1 ≤ e ≤ 2^256 − 1 (the −6016 rule).
fn exponent_in_range(bytes: &[u8]) -> bool {
    let bits = bit_length(bytes);
    if bits > 256 {
        return false;
    }
    if bits < 17 {
        return false;
    }
    if bits > 17 {
        return true;
    }
    // Exactly 17 bits: 2^16 ≤ e < 2^17; only 2^16 itself is too small.
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(0);
    let value = bytes[first..]
        .iter()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    value > 1 << 16
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{CertificateParams, KeyPair};

    fn ecdsa_csr(alg: &'static rcgen::SignatureAlgorithm) -> String {
        let key = KeyPair::generate_for(alg).expect("key generation");
        let params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .serialize_request(&key)
            .expect("csr")
            .pem()
            .expect("pem")
    }

    #[test]
    fn accepts_a_p256_csr() {
        let csr = ecdsa_csr(&rcgen::PKCS_ECDSA_P256_SHA256);
        let checked = check_csr(&csr, "CSR").expect("valid CSR");
        assert!(!checked.spki_der.is_empty());
    }

    #[test]
    fn accepts_bare_base64() {
        let csr = ecdsa_csr(&rcgen::PKCS_ECDSA_P384_SHA384);
        let body: String = csr.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(check_csr(&body, "CSR").is_ok());
    }

    #[test]
    fn garbage_is_a_format_error_at_the_field() {
        let err = check_csr("hello", "OrderParameter/CSR").expect_err("not a CSR");
        assert_eq!(err.code, ErrorCode::FORMAT);
        assert_eq!(err.field.as_deref(), Some("OrderParameter/CSR"));
        let cert_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(
            check_csr(cert_pem, "CSR").expect_err("wrong tag").code,
            ErrorCode::FORMAT
        );
    }

    #[test]
    fn tampered_csr_fails_the_signature_check() {
        let csr = ecdsa_csr(&rcgen::PKCS_ECDSA_P256_SHA256);
        let mut der = pem::parse(&csr).expect("pem").into_contents();
        // Flip a bit inside the subject public key (near the middle of the request info).
        let i = der.len() / 2;
        der[i] ^= 0x01;
        let tampered = pem::encode(&pem::Pem::new("CERTIFICATE REQUEST", der));
        let err = check_csr(&tampered, "CSR").expect_err("tampered");
        assert_eq!(err.code, ErrorCode::FORMAT);
    }

    #[test]
    fn rsa_modulus_rules() {
        let mut modulus = vec![0u8; 1 + 128];
        modulus[1] = 0x80; // 1024 bits
        let key = |m: &[u8], e: &[u8]| {
            check_key(
                &PublicKey::RSA(x509_parser::public_key::RSAPublicKey {
                    modulus: m,
                    exponent: e,
                }),
                "CSR",
            )
        };
        let e65537 = [0x01, 0x00, 0x01];
        assert_eq!(
            key(&modulus, &e65537).expect_err("short").code,
            ErrorCode::CSR_KEY_TOO_SHORT
        );
        let mut m2048 = vec![0u8; 257];
        m2048[1] = 0xC1;
        assert!(key(&m2048, &e65537).is_ok());
        let mut m2560 = vec![0u8; 321];
        m2560[1] = 0xC1;
        assert_eq!(
            key(&m2560, &e65537).expect_err("odd size").code,
            ErrorCode::CSR_KEY_SIZE_UNSUPPORTED
        );
        assert_eq!(
            key(&m2048, &[0x03]).expect_err("e = 3").code,
            ErrorCode::CSR_EXPONENT_OUT_OF_RANGE
        );
        assert_eq!(
            key(&m2048, &[0x01, 0x00, 0x00]).expect_err("e = 2^16").code,
            ErrorCode::CSR_EXPONENT_OUT_OF_RANGE
        );
        assert!(key(&m2048, &[0x01, 0x00, 0x03]).is_ok());
        assert_eq!(
            key(&m2048, &[0x01; 33]).expect_err("e >= 2^256").code,
            ErrorCode::CSR_EXPONENT_OUT_OF_RANGE
        );
        // N = a² − 9 = (a − 3)(a + 3) with a = 3 · 2^1022, so a² = 0x90 00 … 00 (2048
        // bits) and N = 0x8F FF … FF F7: factors 6 apart.
        let mut close = vec![0xFFu8; 256];
        close[0] = 0x8F;
        close[255] = 0xF7;
        assert_eq!(
            key(&close, &e65537).expect_err("close primes").code,
            ErrorCode::CSR_PRIMES_TOO_CLOSE
        );
    }

    #[test]
    fn bit_length_ignores_leading_zeros() {
        assert_eq!(bit_length(&[0, 0, 1]), 1);
        assert_eq!(bit_length(&[0x80, 0]), 16);
        assert_eq!(bit_length(&[]), 0);
    }
}
