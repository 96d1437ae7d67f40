//! The subscriber's pick-up (issue 23): what GlobalSign does outside the API once an order
//! is placed — the subscriber follows the pick-up e-mail's link, types the PickupPassword,
//! and downloads the certificate: a PKCS#12 protected by that password when the CA made
//! the key, the certificate and its chain as PEM when the order came with a CSR.
//!
//! The sandbox never keeps the PickupPassword: an order keeps a PBKDF2 verifier of it, and
//! the PKCS#12 is built from the typed password at download time. A wrong password is
//! refused and counted; every pick-up and refusal is logged with the order
//! ([`PickupState::log`]), which the operator page and the admin API show.

use std::fmt;
use std::num::NonZeroU32;

use ring::rand::SecureRandom;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::ca::GeneratedKey;
use crate::model::{IssuedCertificate, OrderStatus};

/// PBKDF2-HMAC-SHA256 rounds of the verifier. Few: the verifier keeps a test password out
/// of the state file, it does not guard a real secret, and every order pays for it (10,000
/// rounds took 21 ms an order in a debug build; 1,000 take 0.8 ms).
const PBKDF2_ROUNDS: NonZeroU32 = NonZeroU32::new(1_000).expect("non-zero");
const SALT_LEN: usize = 16;
const HASH_LEN: usize = 32;

/// What the sandbox keeps to check a PickupPassword: salt and PBKDF2 hash, hex. Debug
/// hides both.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordVerifier {
    salt: String,
    hash: String,
}

impl fmt::Debug for PasswordVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordVerifier(***)")
    }
}

impl PasswordVerifier {
    /// A verifier for `password` with a fresh random salt; `None` if the system has no
    /// randomness to give.
    pub fn new(password: &str) -> Option<Self> {
        let mut salt = [0u8; SALT_LEN];
        ring::rand::SystemRandom::new().fill(&mut salt).ok()?;
        let mut hash = [0u8; HASH_LEN];
        ring::pbkdf2::derive(
            ring::pbkdf2::PBKDF2_HMAC_SHA256,
            PBKDF2_ROUNDS,
            &salt,
            password.as_bytes(),
            &mut hash,
        );
        Some(Self {
            salt: hex(&salt),
            hash: hex(&hash),
        })
    }

    /// Whether `password` is the one this verifier was made from (constant time).
    pub fn matches(&self, password: &str) -> bool {
        let (Some(salt), Some(hash)) = (unhex(&self.salt), unhex(&self.hash)) else {
            return false;
        };
        ring::pbkdf2::verify(
            ring::pbkdf2::PBKDF2_HMAC_SHA256,
            PBKDF2_ROUNDS,
            &salt,
            password.as_bytes(),
            &hash,
        )
        .is_ok()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (text.len() % 2 == 0).then_some(())?;
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// An order's pick-up side: how the password is checked, the key the CA made (until it
/// is picked up it exists nowhere else), and what happened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupState {
    /// `None`: the order was placed without a PickupPassword (OrderAATL, OrderQC and
    /// ReIssue make it optional); it cannot be picked up on the page.
    pub verifier: Option<PasswordVerifier>,
    /// The private key the CA generated when it issued without a CSR.
    pub key: Option<GeneratedKey>,
    /// Pick-ups and refused attempts, oldest first.
    pub log: Vec<PickupEvent>,
}

impl PickupState {
    /// How many pick-up attempts gave a wrong password.
    pub fn wrong_passwords(&self) -> usize {
        self.log
            .iter()
            .filter(|e| e.outcome == PickupOutcome::WrongPassword)
            .count()
    }

    /// A copy fit to show (admin API, pages): without the verifier and the key.
    pub fn redacted(&self) -> Self {
        Self {
            verifier: None,
            key: None,
            log: self.log.clone(),
        }
    }
}

/// One pick-up attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupEvent {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub outcome: PickupOutcome,
}

/// What a pick-up attempt came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickupOutcome {
    /// The PKCS#12 file was delivered.
    DeliveredPkcs12,
    /// The certificate and chain were delivered as PEM.
    DeliveredPem,
    /// The password was wrong; nothing was delivered.
    WrongPassword,
}

impl PickupOutcome {
    pub fn describe(self) -> &'static str {
        match self {
            Self::DeliveredPkcs12 => "picked up (PKCS#12)",
            Self::DeliveredPem => "picked up (PEM)",
            Self::WrongPassword => "wrong PickupPassword: refused",
        }
    }
}

/// The file a pick-up delivers.
#[derive(Clone, PartialEq, Eq)]
pub struct PickupFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl fmt::Debug for PickupFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PickupFile")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Why a pick-up gave nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PickupError {
    #[error("no order {0}")]
    NoSuchOrder(String),
    #[error(
        "order {0} was placed without a PickupPassword: its certificate is delivered by the API only"
    )]
    NoPickupPassword(String),
    #[error("wrong PickupPassword ({0} wrong so far)")]
    WrongPassword(usize),
    #[error("order {order} cannot be picked up: {why}")]
    NotAvailable { order: String, why: String },
    #[error("the pick-up file could not be made: {0}")]
    Internal(String),
}

/// Why an order in `status` cannot be picked up (issued at pick-up when it may be), or
/// `None` when it can.
pub fn unavailable_because(status: OrderStatus) -> Option<&'static str> {
    match status {
        OrderStatus::Initial | OrderStatus::Validated | OrderStatus::IssueCompleted => None,
        OrderStatus::WaitingForValidating => Some("GlobalSign has not finished vetting it"),
        OrderStatus::CancelledNotIssued | OrderStatus::CancelledIssued => Some("it was cancelled"),
        OrderStatus::InitialExpired => Some("it expired before it was picked up"),
    }
}

/// The certificate with its chain as PEM (a CSR order's pick-up).
pub fn pem_bundle(certificate: &IssuedCertificate, chain_der: &[Vec<u8>]) -> Vec<u8> {
    let mut text = certificate.x509_pem.clone();
    for der in chain_der {
        text.push_str(&pem::encode(&pem::Pem::new("CERTIFICATE", der.clone())));
    }
    text.into_bytes()
}

/// The key, certificate and chain as PKCS#12, encrypted and MACed with `password`
/// (PBES2: PBKDF2-HMAC-SHA256 with AES-256-CBC, HMAC-SHA256 MAC: OpenSSL 3's default).
pub fn pkcs12(
    key: &GeneratedKey,
    certificate: &IssuedCertificate,
    chain_der: &[Vec<u8>],
    friendly_name: &str,
    password: &str,
) -> Result<Vec<u8>, PickupError> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let internal = |what: &str, e: &dyn fmt::Display| PickupError::Internal(format!("{what}: {e}"));
    let key_der = pem::parse(&key.0)
        .map_err(|e| internal("the kept key", &e))?
        .into_contents();
    let cert_der = pem::parse(&certificate.x509_pem)
        .map_err(|e| internal("the certificate", &e))?
        .into_contents();
    let mut certs =
        vec![Certificate::from_der(&cert_der).map_err(|e| internal("the certificate", &e))?];
    for der in chain_der {
        certs.push(Certificate::from_der(der).map_err(|e| internal("the chain", &e))?);
    }
    let key = PrivateKey::from_der(&key_der).map_err(|e| internal("the kept key", &e))?;
    let chain = PrivateKeyChain::new(certificate.serial_hex.as_bytes(), key, certs);
    let mut store = KeyStore::new();
    store.add_entry(friendly_name, KeyStoreEntry::PrivateKeyChain(chain));
    store
        .writer(password)
        .write()
        .map_err(|e| internal("PKCS#12", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_accepts_the_password_only_and_hides_it() {
        let v = PasswordVerifier::new("Pickup#2024pw").expect("randomness");
        assert!(v.matches("Pickup#2024pw"));
        assert!(!v.matches("Pickup#2024pW"));
        assert!(!v.matches(""));
        assert_eq!(format!("{v:?}"), "PasswordVerifier(***)");
        let json = serde_json::to_string(&v).expect("json");
        assert!(!json.contains("Pickup"), "{json}");
        let other = PasswordVerifier::new("Pickup#2024pw").expect("randomness");
        assert_ne!(v, other, "salted");
        let broken = PasswordVerifier {
            salt: "zz".into(),
            hash: "0".into(),
        };
        assert!(!broken.matches("Pickup#2024pw"));
    }

    #[test]
    fn only_orders_that_may_be_issued_or_are_can_be_picked_up() {
        assert_eq!(unavailable_because(OrderStatus::IssueCompleted), None);
        assert_eq!(unavailable_because(OrderStatus::Initial), None);
        assert!(unavailable_because(OrderStatus::WaitingForValidating).is_some());
        assert!(unavailable_because(OrderStatus::CancelledIssued).is_some());
    }
}
