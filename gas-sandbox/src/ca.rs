//! The sandbox's test CA: a self-signed root and an issuing intermediate (rcgen), which
//! issue real X.509 certificates for orders, so clients can exercise certificate handling.
//!
//! Certificates are for testing only: the root is generated per sandbox (or kept in the
//! state file) and trusted by nobody.

use std::fmt;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::FromDer;

use crate::csr::CheckedCsr;
use crate::model::{CaCertificate, IssuedCertificate, ProductCode, Subject};

/// OIDs the subject uses beyond rcgen's built-in names.
const OID_EMAIL_ADDRESS: &[u64] = &[1, 2, 840, 113549, 1, 9, 1];
const OID_GIVEN_NAME: &[u64] = &[2, 5, 4, 42];
const OID_SURNAME: &[u64] = &[2, 5, 4, 4];
const OID_SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];
const OID_ORGANIZATION_IDENTIFIER: &[u64] = &[2, 5, 4, 97];
/// Adobe Authentic Documents Trust (AATL) document signing EKU.
const OID_ADOBE_DOCUMENT_SIGNING: &[u64] = &[1, 2, 840, 113583, 1, 1, 5];

/// Why the CA could not do something (these are sandbox faults, answered as −1).
#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error("certificate generation failed: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("stored CA material is unreadable: {0}")]
    Material(String),
}

/// The CA's certificates and keys, PEM; what the state file keeps. Debug hides the keys.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaMaterial {
    pub root_cert_pem: String,
    pub root_key_pem: String,
    pub intermediate_cert_pem: String,
    pub intermediate_key_pem: String,
}

impl fmt::Debug for CaMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaMaterial")
            .field("root_cert_pem", &self.root_cert_pem)
            .field("intermediate_cert_pem", &self.intermediate_cert_pem)
            .finish_non_exhaustive()
    }
}

/// What to certify.
#[derive(Clone, Debug)]
pub struct CertificateRequest<'a> {
    pub subject: &'a Subject,
    pub product: ProductCode,
    /// The subscriber's key; `None` makes the CA generate one (the PKCS#12 path: the key
    /// is kept for the subscriber's pick-up, [`TestCa::issue_keeping_key`]).
    pub csr: Option<&'a CheckedCsr>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// A positive serial, unique per CA.
    pub serial: u64,
}

/// The root + intermediate pair, ready to sign.
pub struct TestCa {
    material: CaMaterial,
    issuer: Issuer<'static, KeyPair>,
    chain_der: Vec<Vec<u8>>,
}

impl fmt::Debug for TestCa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestCa")
            .field("material", &self.material)
            .finish_non_exhaustive()
    }
}

impl TestCa {
    /// Generates a fresh root (20 years) and intermediate (10 years), valid from a day
    /// before `now` so clocks that are slightly off still accept them.
    pub fn generate(now: OffsetDateTime) -> Result<Self, CaError> {
        let start = now - Duration::days(1);

        let root_key = KeyPair::generate()?;
        let mut root = CertificateParams::default();
        root.distinguished_name = ca_name("gas-sandbox Test Root CA");
        root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        root.not_before = start;
        root.not_after = start + Duration::days(20 * 365);
        root.serial_number = Some(SerialNumber::from(1u64));
        let root_cert = root.self_signed(&root_key)?;
        let root_issuer = Issuer::new(root, root_key);

        let inter_key = KeyPair::generate()?;
        let mut inter = CertificateParams::default();
        inter.distinguished_name = ca_name("gas-sandbox Test Issuing CA");
        inter.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        inter.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        inter.use_authority_key_identifier_extension = true;
        inter.not_before = start;
        inter.not_after = start + Duration::days(10 * 365);
        inter.serial_number = Some(SerialNumber::from(2u64));
        let inter_cert = inter.signed_by(&inter_key, &root_issuer)?;

        let material = CaMaterial {
            root_cert_pem: root_cert.pem(),
            root_key_pem: root_issuer.key().serialize_pem(),
            intermediate_cert_pem: inter_cert.pem(),
            intermediate_key_pem: inter_key.serialize_pem(),
        };
        Self::from_material(material)
    }

    /// Rebuilds the CA from stored material.
    pub fn from_material(material: CaMaterial) -> Result<Self, CaError> {
        let key = KeyPair::from_pem(&material.intermediate_key_pem)
            .map_err(|e| CaError::Material(format!("intermediate key: {e}")))?;
        let issuer = Issuer::from_ca_cert_pem(&material.intermediate_cert_pem, key)
            .map_err(|e| CaError::Material(format!("intermediate certificate: {e}")))?;
        let mut chain_der = Vec::new();
        for (name, pem_text) in [
            ("intermediate", &material.intermediate_cert_pem),
            ("root", &material.root_cert_pem),
        ] {
            let parsed = pem::parse(pem_text)
                .map_err(|e| CaError::Material(format!("{name} certificate: {e}")))?;
            chain_der.push(parsed.into_contents());
        }
        Ok(Self {
            material,
            issuer,
            chain_der,
        })
    }

    pub fn material(&self) -> &CaMaterial {
        &self.material
    }

    /// `Fulfillment/CACertificates`: root first, then intermediate, in the order (and with
    /// the `CACertType` names) of GlobalSign's recorded `Fulfillment` (ERRATA E89).
    pub fn chain(&self) -> Vec<CaCertificate> {
        vec![
            CaCertificate {
                cert_type: "ROOT".to_owned(),
                pem: self.material.root_cert_pem.clone(),
            },
            CaCertificate {
                cert_type: "INTER".to_owned(),
                pem: self.material.intermediate_cert_pem.clone(),
            },
        ]
    }

    /// Issues an end-entity certificate for the order's subject.
    pub fn issue(&self, request: &CertificateRequest<'_>) -> Result<IssuedCertificate, CaError> {
        self.issue_keeping_key(request)
            .map(|(certificate, _)| certificate)
    }

    /// [`Self::issue`], and the private key the CA generated when the request has no CSR
    /// (what the subscriber picks up in a PKCS#12 file).
    pub fn issue_keeping_key(
        &self,
        request: &CertificateRequest<'_>,
    ) -> Result<(IssuedCertificate, Option<GeneratedKey>), CaError> {
        let mut params = CertificateParams::default();
        params.distinguished_name = subject_name(request.subject);
        params.not_before = request.not_before;
        params.not_after = request.not_after;
        params.serial_number = Some(SerialNumber::from(request.serial));
        params.use_authority_key_identifier_extension = true;
        let (key_usages, ekus) = usages_for(request.product);
        params.key_usages = key_usages;
        params.extended_key_usages = ekus;
        if let Some(email) = &request.subject.email
            && let Ok(ia5) = email.as_str().try_into()
        {
            params.subject_alt_names.push(SanType::Rfc822Name(ia5));
        }

        let (cert, generated_key) = match request.csr {
            Some(csr) => {
                let spki = rcgen::SubjectPublicKeyInfo::from_der(&csr.spki_der)?;
                (params.signed_by(&spki, &self.issuer)?, None)
            }
            None => {
                let key = KeyPair::generate()?;
                let cert = params.signed_by(&key, &self.issuer)?;
                (cert, Some(GeneratedKey(key.serialize_pem())))
            }
        };

        let der = cert.der().to_vec();
        let (_, parsed) = x509_parser::certificate::X509Certificate::from_der(&der)
            .map_err(|e| CaError::Material(format!("issued certificate does not parse: {e}")))?;
        let subject_name = parsed.subject().to_string();
        let serial_hex = parsed
            .raw_serial_as_string()
            .replace(':', "")
            .to_uppercase();

        let mut bundle = vec![der.clone()];
        bundle.extend(self.chain_der.iter().cloned());
        let certificate = IssuedCertificate {
            x509_pem: cert.pem(),
            pkcs7_pem: pem::encode(&pem::Pem::new("PKCS7", pkcs7_certs_only(&bundle))),
            serial_hex,
            subject_name,
            not_before: request.not_before,
            not_after: request.not_after,
        };
        Ok((certificate, generated_key))
    }

    /// The chain above an end-entity certificate, DER: intermediate, then root.
    pub fn chain_der(&self) -> &[Vec<u8>] {
        &self.chain_der
    }
}

/// A private key the CA generated for a subscriber (PKCS#8 PEM). Debug hides it.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GeneratedKey(pub String);

impl fmt::Debug for GeneratedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GeneratedKey(***)")
    }
}

fn ca_name(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, printable_or_utf8("XX"));
    dn.push(DnType::OrganizationName, "gas sandbox (not trusted)");
    dn.push(DnType::CommonName, common_name);
    dn
}

fn subject_name(subject: &Subject) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    if let Some(c) = &subject.country {
        dn.push(DnType::CountryName, printable_or_utf8(c));
    }
    if let Some(st) = &subject.state_or_province {
        dn.push(DnType::StateOrProvinceName, st.as_str());
    }
    if let Some(l) = &subject.locality {
        dn.push(DnType::LocalityName, l.as_str());
    }
    if let Some(o) = &subject.organization {
        dn.push(DnType::OrganizationName, o.as_str());
    }
    if let Some(ou) = &subject.organization_unit {
        dn.push(DnType::OrganizationalUnitName, ou.as_str());
    }
    if let Some(oi) = &subject.organizational_identifier {
        dn.push(
            DnType::CustomDnType(OID_ORGANIZATION_IDENTIFIER.to_vec()),
            oi.as_str(),
        );
    }
    if let Some(g) = &subject.given_name {
        dn.push(DnType::CustomDnType(OID_GIVEN_NAME.to_vec()), g.as_str());
    }
    if let Some(s) = &subject.surname {
        dn.push(DnType::CustomDnType(OID_SURNAME.to_vec()), s.as_str());
    }
    if let Some(cn) = &subject.common_name {
        dn.push(DnType::CommonName, cn.as_str());
    }
    if let Some(serial) = &subject.serial_number {
        dn.push(
            DnType::CustomDnType(OID_SERIAL_NUMBER.to_vec()),
            printable_or_utf8(serial),
        );
    }
    if let Some(email) = &subject.email {
        let value = match email.as_str().try_into() {
            Ok(ia5) => DnValue::Ia5String(ia5),
            Err(_) => DnValue::Utf8String(email.clone()),
        };
        dn.push(DnType::CustomDnType(OID_EMAIL_ADDRESS.to_vec()), value);
    }
    dn
}

fn printable_or_utf8(s: &str) -> DnValue {
    match s.try_into() {
        Ok(p) => DnValue::PrintableString(p),
        Err(_) => DnValue::Utf8String(s.to_owned()),
    }
}

/// Key usage and extended key usage by product family.
fn usages_for(product: ProductCode) -> (Vec<KeyUsagePurpose>, Vec<ExtendedKeyUsagePurpose>) {
    match product {
        ProductCode::Ps1 | ProductCode::Ps2 | ProductCode::Ps2Pro | ProductCode::Ps2Dept => (
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyEncipherment,
            ],
            vec![
                ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsagePurpose::EmailProtection,
            ],
        ),
        ProductCode::OsMulti | ProductCode::OsEv => (
            vec![KeyUsagePurpose::DigitalSignature],
            vec![ExtendedKeyUsagePurpose::CodeSigning],
        ),
        ProductCode::DsAatl => (
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ],
            vec![ExtendedKeyUsagePurpose::Other(
                OID_ADOBE_DOCUMENT_SIGNING.to_vec(),
            )],
        ),
        ProductCode::DsQcSignature | ProductCode::DsQcSeal => (
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ],
            Vec::new(),
        ),
    }
}

/// A certs-only PKCS#7 `SignedData` (RFC 2315 degenerate form, as `openssl crl2pkcs7`
/// writes): the certificates, no content, no signers.
fn pkcs7_certs_only(certs_der: &[Vec<u8>]) -> Vec<u8> {
    const OID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
    const OID_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    let certificates = der(0xA0, &certs_der.concat());
    let signed_data = der(
        0x30,
        &[
            der(0x02, &[1]),                 // version 1
            der(0x31, &[]),                  // digestAlgorithms: none
            der(0x30, &der(0x06, OID_DATA)), // contentInfo: data, no content
            certificates,                    // [0] IMPLICIT certificates
            der(0x31, &[]),                  // signerInfos: none
        ]
        .concat(),
    );
    der(
        0x30,
        &[der(0x06, OID_SIGNED_DATA), der(0xA0, &signed_data)].concat(),
    )
}

/// One DER TLV with definite length.
fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::check_csr;
    use x509_parser::prelude::*;

    fn now() -> OffsetDateTime {
        // A fixed instant: 2026-01-02T03:04:05Z.
        OffsetDateTime::from_unix_timestamp(1_767_323_045).expect("valid timestamp")
    }

    fn subject() -> Subject {
        Subject {
            common_name: Some("Alice Example".into()),
            organization: Some("Example Ltd".into()),
            organization_unit: Some("Engineering".into()),
            locality: Some("London".into()),
            state_or_province: Some("London".into()),
            country: Some("GB".into()),
            email: Some("alice@example.com".into()),
            ..Subject::default()
        }
    }

    fn attr<'a>(name: &'a X509Name<'a>, oid: &x509_parser::oid_registry::Oid<'a>) -> Vec<&'a str> {
        name.iter_by_oid(oid)
            .filter_map(|a| a.as_str().ok())
            .collect()
    }

    #[test]
    fn issued_certificate_has_subject_issuer_and_validity() {
        let ca = TestCa::generate(now()).expect("CA");
        let subject = subject();
        let not_after = now() + Duration::days(366);
        let issued = ca
            .issue(&CertificateRequest {
                subject: &subject,
                product: ProductCode::Ps2,
                csr: None,
                not_before: now(),
                not_after,
                serial: 7,
            })
            .expect("issue");

        let der = ::pem::parse(&issued.x509_pem).expect("pem").into_contents();
        let (_, cert) = X509Certificate::from_der(&der).expect("parse");
        let s = cert.subject();
        assert_eq!(
            attr(s, &x509_parser::oid_registry::OID_X509_COMMON_NAME),
            ["Alice Example"]
        );
        assert_eq!(
            attr(s, &x509_parser::oid_registry::OID_X509_ORGANIZATION_NAME),
            ["Example Ltd"]
        );
        assert_eq!(
            attr(s, &x509_parser::oid_registry::OID_X509_COUNTRY_NAME),
            ["GB"]
        );
        assert_eq!(
            attr(s, &x509_parser::oid_registry::OID_PKCS9_EMAIL_ADDRESS),
            ["alice@example.com"]
        );
        assert_eq!(
            attr(
                cert.issuer(),
                &x509_parser::oid_registry::OID_X509_COMMON_NAME
            ),
            ["gas-sandbox Test Issuing CA"]
        );
        assert_eq!(cert.validity().not_before.to_datetime(), now());
        assert_eq!(cert.validity().not_after.to_datetime(), not_after);
        assert_eq!(issued.serial_hex, "07");
        assert!(issued.subject_name.contains("CN=Alice Example"));

        // Signed by the intermediate, which the root signed.
        let inter_der = ::pem::parse(&ca.material().intermediate_cert_pem)
            .expect("pem")
            .into_contents();
        let (_, inter) = X509Certificate::from_der(&inter_der).expect("parse");
        cert.verify_signature(Some(inter.public_key()))
            .expect("leaf signed by intermediate");
        let root_der = ::pem::parse(&ca.material().root_cert_pem)
            .expect("pem")
            .into_contents();
        let (_, root) = X509Certificate::from_der(&root_der).expect("parse");
        inter
            .verify_signature(Some(root.public_key()))
            .expect("intermediate signed by root");
        assert!(inter.is_ca());

        let eku = cert
            .extended_key_usage()
            .expect("eku parses")
            .expect("eku present");
        assert!(eku.value.email_protection && eku.value.client_auth);
    }

    #[test]
    fn csr_key_is_certified() {
        let ca = TestCa::generate(now()).expect("CA");
        let key = KeyPair::generate().expect("key");
        let csr_pem = CertificateParams::default()
            .serialize_request(&key)
            .expect("csr")
            .pem()
            .expect("pem");
        let csr = check_csr(&csr_pem, "CSR").expect("valid");
        let subject = subject();
        let issued = ca
            .issue(&CertificateRequest {
                subject: &subject,
                product: ProductCode::OsMulti,
                csr: Some(&csr),
                not_before: now(),
                not_after: now() + Duration::days(731),
                serial: 8,
            })
            .expect("issue");
        let der = ::pem::parse(&issued.x509_pem).expect("pem").into_contents();
        let (_, cert) = X509Certificate::from_der(&der).expect("parse");
        assert_eq!(
            cert.public_key().raw,
            rcgen::PublicKeyData::subject_public_key_info(&key).as_slice()
        );
        let eku = cert.extended_key_usage().expect("eku").expect("present");
        assert!(eku.value.code_signing);
    }

    #[test]
    fn pkcs7_bundle_parses_and_holds_the_chain() {
        let ca = TestCa::generate(now()).expect("CA");
        let subject = subject();
        let issued = ca
            .issue(&CertificateRequest {
                subject: &subject,
                product: ProductCode::DsAatl,
                csr: None,
                not_before: now(),
                not_after: now() + Duration::days(1096),
                serial: 9,
            })
            .expect("issue");
        let p7 = ::pem::parse(&issued.pkcs7_pem).expect("pem");
        assert_eq!(p7.tag(), "PKCS7");
        // Walk the structure: ContentInfo → [0] → SignedData → 4th element [0] certificates.
        let (_, content_info) = x509_parser::der_parser::parse_der(p7.contents()).expect("DER");
        let seq = content_info.as_sequence().expect("sequence");
        assert_eq!(seq.len(), 2);
        let leaf = ::pem::parse(&issued.x509_pem).expect("pem").into_contents();
        let contents = p7.contents();
        let pos = contents
            .windows(leaf.len())
            .position(|w| w == leaf.as_slice());
        assert!(pos.is_some(), "leaf certificate inside the PKCS#7");
        let root = ::pem::parse(&ca.material().root_cert_pem)
            .expect("pem")
            .into_contents();
        assert!(contents.windows(root.len()).any(|w| w == root.as_slice()));
    }

    #[test]
    fn material_round_trips_and_debug_hides_keys() {
        let ca = TestCa::generate(now()).expect("CA");
        let again = TestCa::from_material(ca.material().clone()).expect("reload");
        assert_eq!(again.chain(), ca.chain());
        let debug = format!("{:?}", ca.material());
        assert!(!debug.contains("PRIVATE KEY"));
        assert!(
            TestCa::from_material(CaMaterial {
                intermediate_key_pem: "nope".into(),
                ..ca.material().clone()
            })
            .is_err()
        );
    }

    #[test]
    fn der_lengths() {
        assert_eq!(der(0x04, &[1, 2]), [0x04, 2, 1, 2]);
        let long = der(0x04, &[0; 300]);
        assert_eq!(&long[..4], &[0x04, 0x82, 0x01, 0x2C]);
    }
}
