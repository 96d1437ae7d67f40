//! What `gas probe --record` writes: the exchanges with the secrets masked and the
//! personal data replaced by placeholders of the same length and shape, so that a
//! recording can be attached to a bug report and dropped into `wsdl/samples/recorded/`.
//!
//! The XML is rewritten event by event (its structure, names, order and attributes stay
//! as received); only the text of the elements below changes. A placeholder keeps each
//! character's class: `Alice Example` → `Xxxxx Xxxxxxx`, `+49 30 1234567` →
//! `+99 99 9999999`, `bob@example.com` → `xxx@xxxxxxx.xxx`; PEM frame lines stay.

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesText, Event};

/// Elements whose content is a secret: replaced by `***`.
const SECRET: &[&str] = &["Password", "PickupPassword"];

/// Elements whose content is personal data or identifies a person or an account: names,
/// e-mails, addresses, phone numbers, the certificate's subject, the certificate and CSR
/// themselves (they carry the subject), and references an account chose.
const PERSONAL: &[&str] = &[
    "UserName",
    "FirstName",
    "LastName",
    "FirstNameNative",
    "LastNameNative",
    "GivenName",
    "SurName",
    "CommonName",
    "Email",
    "Phone",
    "Fax",
    "JobTitle",
    "JobTitleNative",
    "Department",
    "DepartmentNative",
    "OrganizationName",
    "OrganizationNameNative",
    "Organization",
    "OrganizationUnit",
    "OrganizationUnitName",
    "BusinessAssumedName",
    "BusinessAssumedNameNative",
    "AddressLine1",
    "AddressLine2",
    "AddressLine3",
    "AddressLine1Native",
    "AddressLine2Native",
    "City",
    "Region",
    "Locality",
    "LocalityNative",
    "StateOrProvince",
    "StateOrProvinceNative",
    "PostalCode",
    "SubjectName",
    "DNSerialNumber",
    "CreditResearchNumber",
    "IncorporationAgencyRegistrationNumber",
    // The spellings of the spec's outlines (ERRATA E18, E19) that an answer may use.
    "IncorporatingAgencyRegistrationNumber",
    "SerialNumber",
    "JurisdictionLocality",
    "X509Cert",
    "PKCS7Cert",
    "CSR",
    "SubID",
    "SpecialInstructions",
];

/// The same text with every letter, digit and other character replaced by one of its
/// class (`X`, `x`, `9`, `x`), spaces and ASCII punctuation kept; PEM frame lines kept.
pub fn placeholder(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("-----") {
            out.push_str(line);
            continue;
        }
        out.extend(line.chars().map(|c| {
            if c.is_ascii_whitespace() || c.is_ascii_punctuation() {
                c
            } else if c.is_numeric() {
                '9'
            } else if c.is_uppercase() {
                'X'
            } else {
                'x'
            }
        }));
    }
    out
}

/// `xml` with the secrets masked, the personal data replaced, and every `secrets` string
/// masked wherever else it occurs (a server could echo one in a message). Text that is not
/// well-formed XML comes back with the secrets masked only, and says so.
pub fn redact(xml: &[u8], secrets: &[&str]) -> String {
    let text = String::from_utf8_lossy(xml);
    let rewritten = rewrite(&text).unwrap_or_else(|e| {
        format!(
            "<!-- gas probe: not well-formed XML ({e}); only the secrets were masked -->\n{text}"
        )
    });
    secrets
        .iter()
        .filter(|s| !s.is_empty())
        .fold(rewritten, |acc, secret| acc.replace(secret, "***"))
}

fn rewrite(text: &str) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(text);
    let mut writer = Writer::new(Vec::with_capacity(text.len()));
    // Inside a secret or personal element: its kind and its text so far (text, CDATA and
    // references gathered, so that no piece of the value is written as received).
    let mut pending: Option<(Kind, String)> = None;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Eof => break,
            Event::Text(t) if pending.is_some() => {
                if let Some((_, value)) = &mut pending {
                    value.push_str(&t.xml10_content());
                }
                continue;
            }
            Event::CData(c) if pending.is_some() => {
                if let Some((_, value)) = &mut pending {
                    value.push_str(c.as_ref());
                }
                continue;
            }
            Event::GeneralRef(r) if pending.is_some() => {
                if let Some((_, value)) = &mut pending {
                    match r.resolve_char_ref()? {
                        Some(c) => value.push(c),
                        None => value.push_str(
                            quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                                .unwrap_or("x"),
                        ),
                    }
                }
                continue;
            }
            Event::Start(start) => {
                flush(&mut writer, pending.take())?;
                let name: String = start.local_name().as_ref().to_owned();
                pending = kind_of(&name).map(|kind| (kind, String::new()));
            }
            Event::End(_) | Event::Empty(_) => flush(&mut writer, pending.take())?,
            _ => {}
        }
        writer.write_event(event)?;
    }
    Ok(String::from_utf8_lossy(&writer.into_inner()).into_owned())
}

/// Writes the replacement of a secret or personal element's text.
fn flush(writer: &mut Writer<Vec<u8>>, pending: Option<(Kind, String)>) -> std::io::Result<()> {
    let Some((kind, value)) = pending else {
        return Ok(());
    };
    if value.is_empty() {
        return Ok(());
    }
    let replaced = match kind {
        Kind::Secret => "***".to_owned(),
        Kind::Personal => placeholder(&value),
    };
    writer.write_event(Event::Text(BytesText::new(&replaced)))
}

#[derive(Clone, Copy)]
enum Kind {
    Secret,
    Personal,
}

fn kind_of(local_name: &str) -> Option<Kind> {
    if SECRET.contains(&local_name) {
        Some(Kind::Secret)
    } else if PERSONAL.contains(&local_name) {
        Some(Kind::Personal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_keep_length_and_shape() {
        assert_eq!(placeholder("Alice Example"), "Xxxxx Xxxxxxx");
        assert_eq!(placeholder("+49 30 1234567"), "+99 99 9999999");
        assert_eq!(placeholder("bob@example.com"), "xxx@xxxxxxx.xxx");
        assert_eq!(placeholder("山田"), "xx");
        assert_eq!(
            placeholder("-----BEGIN CERTIFICATE-----\nMIIBa9==\n-----END CERTIFICATE-----\n"),
            "-----BEGIN CERTIFICATE-----\nXXXXx9==\n-----END CERTIFICATE-----\n"
        );
    }

    #[test]
    fn secrets_masked_personal_data_replaced_the_rest_kept() {
        let xml = r#"<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ns2:GetOrdersResponse xmlns:ns2="urn:x"><Response><AuthToken><UserName>PAR1_api</UserName><Password>p&amp;w</Password></AuthToken><OrderID>CE0001</OrderID><SubjectName>CN=Bob,E=bob@example.com</SubjectName><Email xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><ErrorMessage>bad p&amp;w</ErrorMessage></Response></ns2:GetOrdersResponse></s:Body></s:Envelope>"#;
        let out = redact(xml.as_bytes(), &["p&w", "p&amp;w"]);
        assert!(out.contains("<UserName>XXX9_xxx</UserName>"), "{out}");
        assert!(out.contains("<Password>***</Password>"), "{out}");
        assert!(out.contains("<OrderID>CE0001</OrderID>"), "{out}");
        assert!(
            out.contains("<SubjectName>XX=Xxx,X=xxx@xxxxxxx.xxx</SubjectName>"),
            "{out}"
        );
        assert!(out.contains(r#"<Email xsi:nil="true""#), "{out}");
        assert!(
            out.contains("<ErrorMessage>bad ***</ErrorMessage>"),
            "{out}"
        );
        for personal in ["PAR1_api", "Bob", "bob@example.com"] {
            assert!(!out.contains(personal), "{personal}: {out}");
        }
    }

    #[test]
    fn not_xml_still_masks_secrets() {
        let out = redact(b"<a><b>s3cret</a>", &["s3cret"]);
        assert!(!out.contains("s3cret"), "{out}");
    }
}
