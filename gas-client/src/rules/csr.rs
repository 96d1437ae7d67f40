//! The key checks GlobalSign applies to a CSR (`-6015`, `-6016`, `-9936`), done before
//! sending: a PKCS#10 request is read just far enough to find its public key.
//!
//! A small DER walker instead of an X.509 library: the client needs four fields of one
//! structure, and its users should not compile an ASN.1 stack for that. A CSR the walker
//! cannot read is left to the server (no violation): the rules here must never refuse a
//! request GlobalSign would accept.

use std::borrow::Cow;

use soap_runtime::{Base64Binary, SimpleValue};

/// The public key of a CSR, as far as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrKey {
    /// An RSA key.
    Rsa {
        /// Bit length of the modulus.
        modulus_bits: usize,
        /// The public exponent, big-endian, without leading zero bytes.
        exponent: Vec<u8>,
    },
    /// An elliptic-curve key on a named curve (`None`: a curve this reader does not know).
    Ec {
        /// Size of the curve in bits (P-256: 256).
        curve_bits: Option<usize>,
    },
    /// Any other algorithm (Ed25519, ...): the rules say nothing about it.
    Other,
}

/// Reads the public key of a CSR given as PEM (`-----BEGIN CERTIFICATE REQUEST-----`) or
/// as bare base64 DER. `None` when it is not a readable PKCS#10 request.
pub fn csr_key(csr: &str) -> Option<CsrKey> {
    let der = csr_der(csr)?;
    // CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature }
    let (request, _) = read_tlv(&der, TAG_SEQUENCE)?;
    // CertificationRequestInfo ::= SEQUENCE { version, subject, subjectPKInfo, attributes }
    let (info, _) = read_tlv(request, TAG_SEQUENCE)?;
    let (_version, rest) = read_tlv(info, TAG_INTEGER)?;
    let (_subject, rest) = read_tlv(rest, TAG_SEQUENCE)?;
    let (spki, _) = read_tlv(rest, TAG_SEQUENCE)?;
    // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
    let (algorithm, rest) = read_tlv(spki, TAG_SEQUENCE)?;
    let (key_bits, _) = read_tlv(rest, TAG_BIT_STRING)?;
    let (oid, params) = read_tlv(algorithm, TAG_OID)?;
    match oid {
        OID_RSA_ENCRYPTION => {
            // BIT STRING: one byte of unused bits (0), then RSAPublicKey ::= SEQUENCE { n, e }.
            let (&unused, key) = key_bits.split_first()?;
            if unused != 0 {
                return None;
            }
            let (rsa, _) = read_tlv(key, TAG_SEQUENCE)?;
            let (modulus, rest) = read_tlv(rsa, TAG_INTEGER)?;
            let (exponent, _) = read_tlv(rest, TAG_INTEGER)?;
            let modulus = strip_leading_zeros(modulus);
            let modulus_bits = match modulus.first() {
                Some(&top) => modulus.len() * 8 - top.leading_zeros() as usize,
                None => 0,
            };
            Some(CsrKey::Rsa {
                modulus_bits,
                exponent: strip_leading_zeros(exponent).to_vec(),
            })
        }
        OID_EC_PUBLIC_KEY => {
            let curve = read_tlv(params, TAG_OID).map(|(curve, _)| curve);
            let curve_bits = match curve {
                Some(OID_P192) => Some(192),
                Some(OID_P224) => Some(224),
                Some(OID_P256) => Some(256),
                Some(OID_P384) => Some(384),
                Some(OID_P521) => Some(521),
                _ => None,
            };
            Some(CsrKey::Ec { curve_bits })
        }
        _ => Some(CsrKey::Other),
    }
}

/// The RSA modulus sizes GlobalSign accepts (`-6015`).
pub const RSA_MODULUS_BITS: [usize; 4] = [2048, 3072, 4096, 8192];

/// Whether an RSA public exponent (big-endian, no leading zeros) lies in
/// 2^16 + 1 ..= 2^256 − 1 (`-6016`).
pub fn rsa_exponent_in_range(exponent: &[u8]) -> bool {
    match exponent.len() {
        0..=2 => false,
        3 => u32::from_be_bytes([0, exponent[0], exponent[1], exponent[2]]) >= 65_537,
        4..=32 => true,
        _ => false,
    }
}

/// Decodes PEM or bare base64 into DER.
fn csr_der(csr: &str) -> Option<Vec<u8>> {
    let text = csr.trim();
    let body = if let Some(begin) = text.find("-----BEGIN") {
        let after_header = text[begin..].find('\n').map(|i| begin + i + 1)?;
        let end = text[after_header..]
            .find("-----END")
            .map(|i| after_header + i)?;
        &text[after_header..end]
    } else {
        text
    };
    Base64Binary::parse_text(Cow::Borrowed(body))
        .ok()
        .map(|b| b.0)
        .filter(|der| !der.is_empty())
}

const TAG_INTEGER: u8 = 0x02;
const TAG_BIT_STRING: u8 = 0x03;
const TAG_OID: u8 = 0x06;
const TAG_SEQUENCE: u8 = 0x30;

/// 1.2.840.113549.1.1.1
const OID_RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// 1.2.840.10045.2.1
const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// 1.2.840.10045.3.1.1 (P-192)
const OID_P192: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01];
/// 1.3.132.0.33 (P-224)
const OID_P224: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x21];
/// 1.2.840.10045.3.1.7 (P-256)
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// 1.3.132.0.34 (P-384)
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
/// 1.3.132.0.35 (P-521)
const OID_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

/// Reads one DER element with the expected tag: its content and what follows it.
fn read_tlv(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&first, rest) = input.split_first()?;
    if first != tag {
        return None;
    }
    let (&len0, rest) = rest.split_first()?;
    let (length, rest) = if len0 < 0x80 {
        (usize::from(len0), rest)
    } else {
        let count = usize::from(len0 & 0x7f);
        if count == 0 || count > std::mem::size_of::<usize>() || rest.len() < count {
            return None;
        }
        let length = rest[..count]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (length, &rest[count..])
    };
    if rest.len() < length {
        return None;
    }
    Some(rest.split_at(length))
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponent_range() {
        assert!(!rsa_exponent_in_range(&[0x03]));
        assert!(!rsa_exponent_in_range(&[0x01, 0x00, 0x00])); // 65536
        assert!(rsa_exponent_in_range(&[0x01, 0x00, 0x01])); // 65537
        assert!(rsa_exponent_in_range(&[0xff; 32]));
        assert!(!rsa_exponent_in_range(&[0x01; 33]));
    }

    #[test]
    fn garbage_is_not_a_csr() {
        assert_eq!(csr_key(""), None);
        assert_eq!(csr_key("not base64 !!"), None);
        assert_eq!(csr_key("AAAA"), None);
        assert_eq!(
            csr_key("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----"),
            None
        );
    }

    #[test]
    fn lengths_beyond_the_input_are_refused() {
        assert_eq!(read_tlv(&[0x30, 0x05, 0x00], 0x30), None);
        assert_eq!(read_tlv(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff], 0x30), None);
        assert_eq!(read_tlv(&[0x30, 0x80], 0x30), None);
        assert_eq!(
            read_tlv(&[0x30, 0x01, 0xaa, 0xbb], 0x30),
            Some((&[0xaa][..], &[0xbb][..]))
        );
    }
}
