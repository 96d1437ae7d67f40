//! WS-Security UsernameToken (OASIS Web Services Security UsernameToken Profile 1.0), the
//! `wsse:Security` header block ONVIF devices and many enterprise services require.
//!
//! Two forms:
//! - [`UsernameToken::password_text`]: the password as written (`#PasswordText`). Only
//!   over TLS: anyone who sees the request sees the password.
//! - [`UsernameToken::password_digest`]: `Base64(SHA-1(nonce + created + password))`
//!   (`#PasswordDigest`) with the nonce (`wsse:Nonce`, Base64) and the creation time
//!   (`wsu:Created`, UTC to the second) it was made from. A fresh 16-byte nonce and the
//!   current time are taken for every request, so a captured header cannot be replayed
//!   past the server's nonce cache and time window.
//!
//! The header is written byte for byte as zeep (`zeep.wsse.username.UsernameToken` with
//! `zulu_timestamp=True`) writes it for the same inputs; `soap-client/tests/wsse_zeep.rs`
//! checks that against zeep itself.
//!
//! The token is a [`HeaderBlock`]: pass it to
//! [`envelope::encode_request_with_headers`](soap_runtime::envelope::encode_request_with_headers),
//! or to the client as a header every request carries. The password is a [`Secret`]:
//! never in `Debug`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha1::{Digest as _, Sha1};
use soap_runtime::envelope::HeaderBlock;
use soap_runtime::{EncodeError, Secret, SoapVersion, XmlWriter};

/// `wsse:`: WS-Security 1.0's secext namespace.
pub const WSSE_NAMESPACE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// `wsu:`: WS-Security 1.0's utility namespace (`Created`).
pub const WSU_NAMESPACE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const PASSWORD_TEXT: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
const PASSWORD_DIGEST: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
const BASE64_BINARY: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// How long a nonce is.
const NONCE_LEN: usize = 16;

/// A WS-Security UsernameToken header block (see the [module docs](self)).
#[derive(Clone, Debug)]
pub struct UsernameToken {
    username: String,
    password: Secret,
    digest: bool,
    must_understand: bool,
}

/// What a digest is made from: the nonce's bytes and the creation time as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestInputs {
    /// The nonce (sent Base64-encoded in `wsse:Nonce`).
    pub nonce: Vec<u8>,
    /// `wsu:Created` as written: `2026-12-07T11:45:30Z`.
    pub created: String,
}

impl UsernameToken {
    /// The password sent as written (`#PasswordText`).
    pub fn password_text(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        UsernameToken {
            username: username.into(),
            password: password.into(),
            digest: false,
            must_understand: false,
        }
    }

    /// The password sent as a digest with a fresh nonce and creation time per request
    /// (`#PasswordDigest`).
    pub fn password_digest(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        UsernameToken {
            digest: true,
            ..UsernameToken::password_text(username, password)
        }
    }

    /// Marks `wsse:Security` `mustUnderstand` (`1` in SOAP 1.1, `true` in 1.2), for
    /// services that require it; off by default, as zeep and most clients send it.
    #[must_use]
    pub fn must_understand(mut self, yes: bool) -> Self {
        self.must_understand = yes;
        self
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// Fresh digest inputs: 16 random bytes from the operating system and the current
    /// time in UTC, to the second.
    pub fn fresh_inputs() -> Result<DigestInputs, EncodeError> {
        let mut nonce = vec![0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| {
            EncodeError::new(
                "Security/UsernameToken/Nonce",
                format!("no random bytes for the nonce: {e}"),
            )
        })?;
        Ok(DigestInputs {
            nonce,
            created: created_now(),
        })
    }

    /// `Base64(SHA-1(nonce + created + password))`, the profile's password digest.
    pub fn digest_of(&self, inputs: &DigestInputs) -> String {
        let mut sha = Sha1::new();
        sha.update(&inputs.nonce);
        sha.update(inputs.created.as_bytes());
        sha.update(self.password.expose().as_bytes());
        BASE64.encode(sha.finalize())
    }

    /// Writes the `wsse:Security` block with the given digest inputs (ignored for
    /// `#PasswordText`). [`HeaderBlock::write_header`] calls it with
    /// [`fresh_inputs`](Self::fresh_inputs); fixed inputs are for test vectors.
    pub fn write_with(
        &self,
        w: &mut XmlWriter,
        version: SoapVersion,
        inputs: &DigestInputs,
    ) -> Result<(), EncodeError> {
        w.start_prefixed(Some(WSSE_NAMESPACE), Some("wsse"), "Security");
        if self.must_understand {
            let value = match version {
                SoapVersion::Soap11 => "1",
                SoapVersion::Soap12 => "true",
            };
            w.attribute(Some(version.namespace()), "mustUnderstand", value)?;
        }
        w.start(Some(WSSE_NAMESPACE), "UsernameToken");
        w.start(Some(WSSE_NAMESPACE), "Username");
        w.text(&self.username)?;
        w.end()?;
        w.start(Some(WSSE_NAMESPACE), "Password");
        if self.digest {
            w.attribute(None, "Type", PASSWORD_DIGEST)?;
            w.text(&self.digest_of(inputs))?;
            w.end()?;
            w.start(Some(WSSE_NAMESPACE), "Nonce");
            w.attribute(None, "EncodingType", BASE64_BINARY)?;
            w.text(&BASE64.encode(&inputs.nonce))?;
            w.end()?;
            w.start_prefixed(Some(WSU_NAMESPACE), Some("wsu"), "Created");
            w.text(&inputs.created)?;
        } else {
            w.attribute(None, "Type", PASSWORD_TEXT)?;
            w.text(self.password.expose())?;
        }
        w.end()?;
        w.end()?;
        w.end()
    }
}

impl HeaderBlock for UsernameToken {
    fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        let inputs = if self.digest {
            UsernameToken::fresh_inputs()?
        } else {
            DigestInputs {
                nonce: Vec::new(),
                created: String::new(),
            }
        };
        self.write_with(w, version, &inputs)
    }
}

/// Now, in UTC to the second: `2026-12-07T11:45:30Z`.
fn created_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    // Whole seconds in RFC 3339 with `Z`, as zeep's `zulu_timestamp` writes them.
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(token: &UsernameToken, inputs: &DigestInputs) -> String {
        let mut w = XmlWriter::new();
        token
            .write_with(&mut w, SoapVersion::Soap11, inputs)
            .expect("writes");
        String::from_utf8(w.into_bytes().expect("complete")).expect("UTF-8")
    }

    fn vector() -> DigestInputs {
        DigestInputs {
            nonce: b"0123456789abcdef".to_vec(),
            created: "2026-12-07T11:45:30Z".to_owned(),
        }
    }

    /// The digest zeep 4.3 computes for the same inputs (see tests/wsse_zeep.rs, which
    /// runs zeep itself).
    #[test]
    fn digest_matches_the_recorded_zeep_vector() {
        let token = UsernameToken::password_digest("admin", "pässword");
        assert_eq!(token.digest_of(&vector()), "rJG1Sr5BVnfEZLBeE1qKR34Ysg0=");
    }

    #[test]
    fn digest_header_has_password_nonce_and_created_in_the_profile_order() {
        let token = UsernameToken::password_digest("admin", "pässword");
        assert_eq!(
            header(&token, &vector()),
            format!(
                "<wsse:Security xmlns:wsse=\"{WSSE_NAMESPACE}\"><wsse:UsernameToken>\
                 <wsse:Username>admin</wsse:Username>\
                 <wsse:Password Type=\"{PASSWORD_DIGEST}\">rJG1Sr5BVnfEZLBeE1qKR34Ysg0=</wsse:Password>\
                 <wsse:Nonce EncodingType=\"{BASE64_BINARY}\">MDEyMzQ1Njc4OWFiY2RlZg==</wsse:Nonce>\
                 <wsu:Created xmlns:wsu=\"{WSU_NAMESPACE}\">2026-12-07T11:45:30Z</wsu:Created>\
                 </wsse:UsernameToken></wsse:Security>"
            )
        );
    }

    #[test]
    fn text_header_carries_the_password_escaped() {
        let token = UsernameToken::password_text("a&b", "p<w>");
        let xml = header(&token, &vector());
        assert!(
            xml.contains("<wsse:Username>a&amp;b</wsse:Username>"),
            "{xml}"
        );
        assert!(
            xml.contains(&format!(
                "Type=\"{PASSWORD_TEXT}\">p&lt;w&gt;</wsse:Password>"
            )),
            "{xml}"
        );
        assert!(!xml.contains("Nonce") && !xml.contains("Created"), "{xml}");
    }

    #[test]
    fn fresh_inputs_differ_per_request_and_created_is_utc_to_the_second() {
        let a = UsernameToken::fresh_inputs().expect("random bytes");
        let b = UsernameToken::fresh_inputs().expect("random bytes");
        assert_eq!(a.nonce.len(), NONCE_LEN);
        assert_ne!(a.nonce, b.nonce);
        assert_eq!(
            a.created.len(),
            "2026-12-07T11:45:30Z".len(),
            "{}",
            a.created
        );
        assert!(a.created.ends_with('Z'));
        let parsed: soap_runtime::DateTime = a.created.parse().expect("an xs:dateTime");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        assert!((parsed.unix_timestamp() - now).abs() <= 2);
    }

    #[test]
    fn must_understand_follows_the_soap_version() {
        let token = UsernameToken::password_text("u", "p").must_understand(true);
        for (version, value) in [(SoapVersion::Soap11, "1"), (SoapVersion::Soap12, "true")] {
            let mut w = XmlWriter::new();
            w.start_prefixed(Some(version.namespace()), Some("soap"), "Header");
            token
                .write_with(&mut w, version, &vector())
                .expect("writes");
            w.end().expect("closes");
            let xml = String::from_utf8(w.into_bytes().expect("complete")).expect("UTF-8");
            assert!(
                xml.contains(&format!("soap:mustUnderstand=\"{value}\"")),
                "{xml}"
            );
        }
    }

    #[test]
    fn the_password_is_not_in_debug() {
        let token = UsernameToken::password_digest("admin", "hunter2-secret");
        assert!(!format!("{token:?}").contains("hunter2"));
    }
}
