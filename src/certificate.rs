//! `gas certificate`: the issued certificate and its CA chain as PEM files.
//!
//! GlobalSign returns certificates in `Fulfillment` as text: the spec's samples show
//! base64 DER (sometimes broken into lines), some answers carry full PEM. Both are
//! written as PEM. Nothing is written unless every certificate reads.
//!
//! The files are in the order TLS and `openssl verify` expect: the certificate, then the
//! intermediates from the one that issued it upwards; the root, which a verifier must
//! already trust rather than take from the chain, in a file of its own. GlobalSign lists
//! `CACertificates` root first; `CACertType` (`ROOT`, `INTER`) tells them apart.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::overlay::Overlay;
use crate::render::{at, items, text, with_meaning};

/// A certificate as PEM text (with its trailing newline).
pub fn to_pem(content: &str) -> Result<String, String> {
    let trimmed = content.trim();
    if trimmed.is_empty() {
        return Err("it is empty".to_owned());
    }
    if trimmed.contains("-----BEGIN") {
        let normalized: String = trimmed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !normalized.contains("-----END") {
            return Err("it has a BEGIN line but no END line".to_owned());
        }
        return Ok(format!("{normalized}\n"));
    }
    let base64: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let valid = base64
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
        && base64.len() % 4 == 0;
    if !valid {
        return Err("it is neither PEM nor base64".to_owned());
    }
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for chunk in base64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(chunk));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    Ok(pem)
}

/// The files to write for an order detail: `(file name, content)`.
pub fn files(order_id: &str, detail: &Value) -> Result<Vec<(String, String)>, String> {
    if order_id.is_empty()
        || order_id.starts_with('.')
        || !order_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(format!(
            "the OrderID {order_id:?} cannot be used as a file name"
        ));
    }
    let fulfillment = detail.get("Fulfillment");
    let cert = text(fulfillment.and_then(|f| at(f, "PcCertificate/X509Cert")));
    if cert.trim().is_empty() {
        return Err("no certificate has been issued for this order yet".to_owned());
    }
    let cert = to_pem(&cert).map_err(|e| format!("the certificate cannot be read: {e}"))?;
    // Intermediates as listed are root-most first: the chain wants them the other way.
    let mut intermediates = Vec::new();
    let mut roots = String::new();
    for (i, ca) in items(
        fulfillment.and_then(|f| f.get("CACertificates")),
        "CACertificate",
    )
    .into_iter()
    .enumerate()
    {
        let kind = text(ca.get("CACertType"));
        let pem = to_pem(&text(ca.get("CACert")))
            .map_err(|e| format!("CA certificate {} ({kind}) cannot be read: {e}", i + 1))?;
        if kind.trim().eq_ignore_ascii_case("ROOT") {
            roots.push_str(&pem);
        } else {
            intermediates.push(pem);
        }
    }
    let chain: String = intermediates.into_iter().rev().collect();
    let mut out = vec![(format!("{order_id}.pem"), cert.clone())];
    if !chain.is_empty() {
        out.push((format!("{order_id}.chain.pem"), chain.clone()));
    }
    if !chain.is_empty() || !roots.is_empty() {
        out.push((
            format!("{order_id}.fullchain.pem"),
            format!("{cert}{chain}"),
        ));
    }
    if !roots.is_empty() {
        out.push((format!("{order_id}.root.pem"), roots));
    }
    Ok(out)
}

/// Why an order's certificate must not be used although it was issued: revoked, waiting
/// for revocation, or its order cancelled. `None` when nothing says so.
pub fn unusable(detail: &Value, overlay: &Overlay) -> Option<String> {
    let order_status = text(at(detail, "OrderInfo/OrderStatus"));
    let certificate_status = text(at(detail, "CertificateInfo/CertificateStatus"));
    let meaning = |set: &str, value: &str| with_meaning(overlay, set, value);
    match (order_status.trim(), certificate_status.trim()) {
        (_, "30" | "50") => Some(format!(
            "the certificate is revoked (certificate status {})",
            meaning("CertificateStatus", &certificate_status)
        )),
        ("3" | "5", _) => Some(format!(
            "the order is cancelled (order status {})",
            meaning("OrderStatus", &order_status)
        )),
        _ => None,
    }
}

/// Writes the files into `dir` (created if missing). Existing files are kept unless
/// `force`; the check happens before anything is written.
pub fn write(dir: &Path, files: &[(String, String)], force: bool) -> Result<Vec<PathBuf>, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    if !force {
        if let Some(existing) = paths.iter().find(|p| p.exists()) {
            return Err(format!(
                "{} exists; use --force to replace it",
                existing.display()
            ));
        }
    }
    for (path, (_, content)) in paths.iter().zip(files) {
        let mut file = fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        file.write_all(content.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DER_B64: &str = "MIIBszCCAVmgAwIBAgIUQ2F0YWxvZ3VlIGNlcnRpZmljYXRlIHRlc3Qw";

    #[test]
    fn base64_and_pem_both_become_pem() {
        let b64 = format!("{DER_B64}\n{DER_B64}");
        let pem = to_pem(&b64).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(pem.ends_with("-----END CERTIFICATE-----\n"));
        assert!(pem.lines().all(|l| l.len() <= 64));
        let again = to_pem(&format!("  {pem}\r\n")).unwrap();
        assert_eq!(again, pem);
        assert!(to_pem("").is_err());
        assert!(to_pem("not base64 !").is_err());
        assert!(to_pem("-----BEGIN CERTIFICATE-----\nabc").is_err());
    }

    #[test]
    fn the_certificate_chain_and_fullchain_are_written() {
        let detail = json!({"Fulfillment": {
            "PcCertificate": {"X509Cert": DER_B64, "PKCS7Cert": ""},
            "CACertificates": [{"CACertType": "ROOT", "CACert": DER_B64}, {"CACertType": "INTER", "CACert": DER_B64}]
        }});
        let files = files("CE2024000001", &detail).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "CE2024000001.pem",
                "CE2024000001.chain.pem",
                "CE2024000001.fullchain.pem",
                "CE2024000001.root.pem"
            ]
        );
        assert_eq!(files[1].1.matches("BEGIN CERTIFICATE").count(), 1);
        assert_eq!(files[2].1.matches("BEGIN CERTIFICATE").count(), 2);
        assert_eq!(files[3].1.matches("BEGIN CERTIFICATE").count(), 1);

        let dir = std::env::temp_dir().join(format!("gas-cert-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let written = write(&dir, &files, false).unwrap();
        assert_eq!(written.len(), 4);
        let err = write(&dir, &files, false).unwrap_err();
        assert!(err.contains("--force"));
        write(&dir, &files, true).unwrap();
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn intermediates_go_from_the_issuer_up() {
        let a = "QUFBQQ==";
        let b = "QkJCQg==";
        let detail = json!({"Fulfillment": {
            "PcCertificate": {"X509Cert": DER_B64},
            "CACertificates": [
                {"CACertType": "ROOT", "CACert": DER_B64},
                {"CACertType": "INTER", "CACert": a},
                {"CACertType": "INTER", "CACert": b}
            ]
        }});
        let files = files("CE1", &detail).unwrap();
        let chain = &files[1].1;
        assert!(chain.find(b).unwrap() < chain.find(a).unwrap(), "{chain}");
        assert!(!chain.contains(DER_B64));
    }

    #[test]
    fn revoked_and_cancelled_certificates_are_unusable() {
        let overlay = crate::overlay::overlay().unwrap();
        let revoked = json!({"OrderInfo": {"OrderStatus": "4"}, "CertificateInfo": {"CertificateStatus": "30"}});
        assert!(unusable(&revoked, overlay).unwrap().contains("revoked"));
        let cancelled = json!({"OrderInfo": {"OrderStatus": "5"}, "CertificateInfo": {"CertificateStatus": "10"}});
        assert!(unusable(&cancelled, overlay).unwrap().contains("cancelled"));
        let fine = json!({"OrderInfo": {"OrderStatus": "4"}, "CertificateInfo": {"CertificateStatus": "10"}});
        assert!(unusable(&fine, overlay).is_none());
    }

    #[test]
    fn orders_without_a_certificate_or_with_odd_ids_are_refused() {
        assert!(
            files("CE1", &json!({}))
                .unwrap_err()
                .contains("no certificate")
        );
        assert!(
            files("../etc/passwd", &json!({}))
                .unwrap_err()
                .contains("file name")
        );
        assert!(files("", &json!({})).is_err());
        let bad_ca = json!({"Fulfillment": {"PcCertificate": {"X509Cert": DER_B64}, "CACertificates": [{"CACertType": "ROOT", "CACert": "%%%"}]}});
        assert!(
            files("CE1", &bad_ca)
                .unwrap_err()
                .contains("CA certificate 1 (ROOT)")
        );
    }
}
