//! Local checks of a certificate signing request before it is sent.
//!
//! GlobalSign refuses a CSR it cannot read with a bare "not PEM", and an empty `<CSR/>`
//! is not refused at all where the CSR is optional: the order then goes through without
//! the key the operator meant. So `gas` looks at the text first and says what it is when
//! it is not one PEM certificate request: empty, a certificate, a private key, base64
//! without its PEM lines, damaged content. The key itself (size, exponent, weak keys) is
//! left to the client's rules and the server.

use base64::Engine as _;

/// The labels a PEM certificate request is written with (`openssl req` writes the first).
const CSR_LABELS: [&str; 2] = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

/// Checks `text` and returns the CSR as one PEM block (lines trimmed), or what the text is
/// instead ("the CSR is empty", "it is a certificate, not a certificate signing request").
pub fn check(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the CSR is empty".to_owned());
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let blocks = pem_blocks(&lines)?;
    let Some((label, body)) = blocks.first() else {
        let compact: String = lines.concat();
        let base64_only = compact.len() >= 16
            && compact
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
        return Err(if base64_only {
            "it is base64 without its PEM lines: a CSR starts with -----BEGIN CERTIFICATE REQUEST----- and ends with -----END CERTIFICATE REQUEST-----".to_owned()
        } else {
            "it is not PEM: a CSR starts with -----BEGIN CERTIFICATE REQUEST----- (make one with `openssl req -new -key KEY -out csr.pem`)".to_owned()
        });
    };
    if !CSR_LABELS.contains(&label.as_str()) {
        return Err(describe_label(label));
    }
    if blocks.len() > 1 {
        return Err(format!(
            "it holds {} PEM blocks; give exactly one certificate request",
            blocks.len()
        ));
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(body.as_bytes())
        .map_err(|e| format!("its base64 is damaged ({e})"))?;
    if !is_der_request(&der) {
        return Err(
            "its content is not a DER certificate request (damaged or truncated?)".to_owned(),
        );
    }
    let start = lines
        .iter()
        .position(|l| l.starts_with("-----BEGIN "))
        .unwrap_or(0);
    let end = lines
        .iter()
        .position(|l| l.starts_with("-----END "))
        .unwrap_or(lines.len() - 1);
    Ok(lines[start..=end].join("\n"))
}

/// What a PEM block that is not a CSR holds.
fn describe_label(label: &str) -> String {
    let what = match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => "a certificate".to_owned(),
        l if l.contains("PRIVATE KEY") => {
            return "it is a private key, which must never be sent: give the CSR made from it (`openssl req -new -key KEY -out csr.pem`)".to_owned();
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" => "a public key".to_owned(),
        "PKCS7" | "CMS" => "a PKCS#7 bundle of certificates".to_owned(),
        "X509 CRL" => "a certificate revocation list".to_owned(),
        other => format!("a PEM block of type {other:?}"),
    };
    format!("it is {what}, not a certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)")
}

/// The PEM blocks of `lines`: (label, base64 body). Text outside blocks is ignored, as
/// openssl does.
fn pem_blocks(lines: &[&str]) -> Result<Vec<(String, String)>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in lines {
        if let Some(label) = marker(line, "BEGIN") {
            if open.is_some() {
                return Err("it has a BEGIN line inside another PEM block".to_owned());
            }
            open = Some((label.to_owned(), String::new()));
        } else if let Some(label) = marker(line, "END") {
            match open.take() {
                Some((begin, body)) if begin == label => blocks.push((begin, body)),
                Some((begin, _)) => {
                    return Err(format!("its BEGIN {begin} line is closed by END {label}"));
                }
                None => return Err(format!("it has an END {label} line without BEGIN")),
            }
        } else if let Some((_, body)) = open.as_mut() {
            if !line.contains(':') {
                body.push_str(line);
            }
        }
    }
    match open {
        Some((label, _)) => Err(format!(
            "its BEGIN {label} line has no END line (truncated?)"
        )),
        None => Ok(blocks),
    }
}

/// `-----BEGIN X-----` → `X`.
fn marker<'a>(line: &'a str, kind: &str) -> Option<&'a str> {
    line.strip_prefix("-----")?
        .strip_prefix(kind)?
        .strip_prefix(' ')?
        .strip_suffix("-----")
}

/// Whether `der` is one DER SEQUENCE that fills it and starts with another SEQUENCE (the
/// CertificationRequestInfo).
fn is_der_request(der: &[u8]) -> bool {
    let Some((content, rest)) = der_sequence(der) else {
        return false;
    };
    rest.is_empty() && der_sequence(content).is_some()
}

/// A DER SEQUENCE at the start of `bytes`: (its content, what follows it).
fn der_sequence(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (digits, rest) = rest.split_at(count);
        let length = digits
            .iter()
            .fold(0usize, |n, &d| (n << 8) | usize::from(d));
        (length, rest)
    };
    (rest.len() >= length).then(|| rest.split_at(length))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal DER shape: SEQUENCE { SEQUENCE { INTEGER 0 } }.
    fn pem(label: &str, der: &[u8]) -> String {
        let body = base64::engine::general_purpose::STANDARD.encode(der);
        format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
    }
    const REQUEST: [u8; 7] = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00];

    #[test]
    fn a_request_passes_as_one_trimmed_block() {
        let text = format!("  \n{}\n", pem("CERTIFICATE REQUEST", &REQUEST));
        let checked = check(&text).unwrap();
        assert!(checked.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
        assert!(checked.ends_with("-----END CERTIFICATE REQUEST-----"));
        check(&pem("NEW CERTIFICATE REQUEST", &REQUEST)).unwrap();
    }

    #[test]
    fn what_is_not_a_request_is_named() {
        let cases = [
            ("", "the CSR is empty"),
            (" \n\t\n", "the CSR is empty"),
            (&pem("CERTIFICATE", &REQUEST), "it is a certificate"),
            (&pem("PRIVATE KEY", &REQUEST), "private key"),
            (&pem("RSA PRIVATE KEY", &REQUEST), "private key"),
            (&pem("PUBLIC KEY", &REQUEST), "a public key"),
            ("hello world, not a CSR", "it is not PEM"),
            (
                "MIIBszCCAVmgAwIBAgIUQ2F0YWxvZ3Vl",
                "base64 without its PEM lines",
            ),
            (
                "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n",
                "has no END line",
            ),
            (
                &pem("CERTIFICATE REQUEST", &[0x30, 0x09, 0x30]),
                "not a DER certificate request",
            ),
            (
                "-----BEGIN CERTIFICATE REQUEST-----\n%%%%\n-----END CERTIFICATE REQUEST-----",
                "base64 is damaged",
            ),
        ];
        for (text, expected) in cases {
            let err = check(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
        let two = format!(
            "{}{}",
            pem("CERTIFICATE REQUEST", &REQUEST),
            pem("CERTIFICATE REQUEST", &REQUEST)
        );
        assert!(check(&two).unwrap_err().contains("2 PEM blocks"));
    }
}
