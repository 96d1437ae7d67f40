//! Round trips through hand-written types shaped like soapgen-codegen's output for a
//! GlobalSign-style (CXF, document/literal wrapped, unqualified locals) operation.

use super::*;

pub(crate) const NS: &str = "urn:p";

/// Body element `{urn:p}Ping` with one optional `Request` (as CXF writes wrappers).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ping {
    pub request: Option<PingRequest>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PingRequest {
    pub user_name: String,
    pub password: Secret,
    pub count: i32,
    pub when: Option<DateTime>,
    /// minOccurs=0 nillable=true
    pub note: Option<String>,
    /// minOccurs=1 nillable=true: written as xsi:nil when None.
    pub must: Option<String>,
    /// `Errors/Error*` list wrapper collapsed.
    pub errors: Vec<ErrorItem>,
    pub tag: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorItem {
    pub error_code: i32,
    pub error_field: Option<String>,
}

impl BodyElement for Ping {
    const NAME: &'static str = "Ping";
    const NAMESPACE: &'static str = NS;
    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_complex(w, Some(NS), "Ping", self)
    }
    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        match r.next_child()? {
            Some(start) => Self::read_content(r, &start),
            None => r.missing("Ping"),
        }
    }
}

impl ComplexValue for Ping {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if let Some(v) = &self.request {
            write_complex(w, None, "Request", v)?;
        }
        Ok(())
    }
    fn read_content<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<Self, DecodeError> {
        let mut request = None;
        if !start.is_empty() {
            while let Some(child) = r.next_child()? {
                match child.local_name() {
                    "Request" => {
                        if r.is_nil(&child) {
                            r.skip(&child)?;
                        } else {
                            request = Some(PingRequest::read_content(r, &child)?);
                        }
                    }
                    _ => r.skip(&child)?,
                }
            }
        }
        Ok(Ping { request })
    }
}

impl ComplexValue for PingRequest {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_simple(w, None, "UserName", &self.user_name)?;
        write_simple(w, None, "Password", &self.password)?;
        write_simple(w, None, "Count", &self.count)?;
        if let Some(v) = &self.when {
            write_simple(w, None, "When", v)?;
        }
        if let Some(v) = &self.note {
            write_simple(w, None, "Note", v)?;
        }
        match &self.must {
            Some(v) => write_simple(w, None, "Must", v)?,
            None => w.nil_element(None, "Must")?,
        }
        if !self.errors.is_empty() {
            w.start(None, "Errors");
            for v in &self.errors {
                write_complex(w, None, "Error", v)?;
            }
            w.end()?;
        }
        for v in &self.tag {
            write_simple(w, None, "Tag", v)?;
        }
        Ok(())
    }
    fn read_content<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<Self, DecodeError> {
        let mut user_name = None;
        let mut password = None;
        let mut count = None;
        let mut when = None;
        let mut note = None;
        let mut must = None;
        let mut errors = Vec::new();
        let mut tag = Vec::new();
        if !start.is_empty() {
            while let Some(child) = r.next_child()? {
                match child.local_name() {
                    "UserName" => user_name = r.read_value(&child)?,
                    "Password" => password = r.read_secret_value(&child)?,
                    "Count" => count = r.read_value(&child)?,
                    "When" => when = r.read_value(&child)?,
                    "Note" => note = r.read_value(&child)?,
                    "Must" => must = r.read_value(&child)?,
                    "Errors" => {
                        if !child.is_empty() {
                            while let Some(item) = r.next_child()? {
                                match item.local_name() {
                                    "Error" => errors.push(ErrorItem::read_content(r, &item)?),
                                    _ => r.skip(&item)?,
                                }
                            }
                        }
                    }
                    "Tag" => {
                        if let Some(v) = r.read_value(&child)? {
                            tag.push(v)
                        }
                    }
                    _ => r.skip(&child)?,
                }
            }
        }
        Ok(PingRequest {
            user_name: match user_name {
                Some(v) => v,
                None => r.missing("UserName")?,
            },
            password: match password {
                Some(v) => v,
                None => r.missing("Password")?,
            },
            count: match count {
                Some(v) => v,
                None => r.missing("Count")?,
            },
            when,
            note,
            must,
            errors,
            tag,
        })
    }
}

impl ComplexValue for ErrorItem {
    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        write_simple(w, None, "ErrorCode", &self.error_code)?;
        if let Some(v) = &self.error_field {
            write_simple(w, None, "ErrorField", v)?;
        }
        Ok(())
    }
    fn read_content<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<Self, DecodeError> {
        let mut error_code = None;
        let mut error_field = None;
        if !start.is_empty() {
            while let Some(child) = r.next_child()? {
                match child.local_name() {
                    "ErrorCode" => error_code = r.read_value(&child)?,
                    "ErrorField" => error_field = r.read_value(&child)?,
                    _ => r.skip(&child)?,
                }
            }
        }
        Ok(ErrorItem {
            error_code: match error_code {
                Some(v) => v,
                None => r.missing("ErrorCode")?,
            },
            error_field,
        })
    }
}

fn sample() -> Ping {
    Ping {
        request: Some(PingRequest {
            user_name: "user & <co>".to_owned(),
            password: Secret::new("p4ss"),
            count: 3,
            when: "2016-10-19T12:51:15.596+09:00".parse().ok(),
            note: None,
            must: None,
            errors: vec![
                ErrorItem {
                    error_code: -102,
                    error_field: Some("FQDN".to_owned()),
                },
                ErrorItem {
                    error_code: -103,
                    error_field: None,
                },
            ],
            tag: vec!["a".to_owned(), "b".to_owned()],
        }),
    }
}

fn decode(xml: &[u8]) -> Result<Ping, DecodeError> {
    match envelope::decode_response::<Ping>(xml, &Limits::default())? {
        Envelope::Body(b) => Ok(b),
        Envelope::Fault(f) => panic!("fault {f:?}"),
    }
}

#[test]
fn request_round_trip_exact_bytes() {
    let bytes = envelope::encode_request(&sample(), SoapVersion::Soap11).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(
        text,
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <ns1:Ping xmlns:ns1=\"urn:p\"><Request><UserName>user &amp; &lt;co&gt;</UserName>\
         <Password>p4ss</Password><Count>3</Count><When>2016-10-19T12:51:15.596+09:00</When>\
         <Must xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>\
         <Errors><Error><ErrorCode>-102</ErrorCode><ErrorField>FQDN</ErrorField></Error>\
         <Error><ErrorCode>-103</ErrorCode></Error></Errors><Tag>a</Tag><Tag>b</Tag>\
         </Request></ns1:Ping></soap:Body></soap:Envelope>"
    );
    assert_eq!(decode(&bytes).unwrap(), sample());
    let req: Ping = envelope::decode_request(&bytes, &Limits::default()).unwrap();
    assert_eq!(req, sample());
}

#[test]
fn lenient_reading() {
    // Other prefixes, SOAP 1.2, a Header, default namespace on the wrapper, unknown
    // elements, order changed, comments, CDATA, entity references, nil and empty values,
    // whitespace around numbers, required Count missing.
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope">
  <S:Header><x:Trace xmlns:x="urn:x">1</x:Trace></S:Header>
  <S:Body>
    <Ping xmlns="urn:p">
      <Request xmlns="">
        <!-- comment -->
        <Unknown><Deep>x</Deep></Unknown>
        <Tag>a</Tag>
        <Password><![CDATA[p<4]]>ss</Password>
        <UserName>user &amp; &#x3C;co&#62;</UserName>
        <When></When>
        <Note xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>
        <Errors/>
        <Tag> b </Tag>
      </Request>
    </Ping>
  </S:Body>
</S:Envelope>"#;
    let ping = decode(xml).unwrap();
    let req = ping.request.unwrap();
    assert_eq!(req.user_name, "user & <co>");
    assert_eq!(req.password.expose(), "p<4ss");
    assert_eq!(req.count, 0, "missing required element gets its default");
    assert_eq!(req.when, None, "empty dateTime is absent");
    assert_eq!(req.note, None);
    assert!(req.errors.is_empty());
    assert_eq!(req.tag, vec!["a".to_owned(), " b ".to_owned()]);
}

#[test]
fn character_references_inside_and_around_text() {
    // CXF writes Java's CR LF line ends as `&#xD;` + LF (PEM text); a reference may also
    // start, end or be the whole value.
    let xml = b"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><p:Ping xmlns:p=\"urn:p\"><Request>\
        <UserName>-----BEGIN&#xD;\nAAAA&#xD;\n-----END&#xD;\n</UserName><Password>&#xD;</Password>\
        <Tag>&amp;x</Tag><Tag>x&#65;</Tag><Tag>&#65;&#x42;</Tag></Request></p:Ping></soap:Body></soap:Envelope>";
    let req = decode(xml).unwrap().request.unwrap();
    assert_eq!(req.user_name, "-----BEGIN\r\nAAAA\r\n-----END\r\n");
    assert_eq!(req.password.expose(), "\r");
    assert_eq!(
        req.tag,
        vec!["&x".to_owned(), "xA".to_owned(), "AB".to_owned()]
    );
}

#[test]
fn strict_reading_reports_missing_with_path() {
    let xml = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Ping xmlns:p="urn:p"><Request><UserName>u</UserName><Password>x</Password></Request></p:Ping></soap:Body></soap:Envelope>"#;
    let err = envelope::decode_response_with::<Ping>(xml, &Limits::default(), true).unwrap_err();
    assert_eq!(err.path, "Ping/Request");
    assert_eq!(
        err.kind,
        DecodeErrorKind::Missing {
            element: "Count".to_owned()
        }
    );
    assert!(
        err.to_string().starts_with("at Ping/Request (byte "),
        "{err}"
    );
}

#[test]
fn invalid_value_names_path_with_index_and_hides_secrets() {
    let xml = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Ping xmlns:p="urn:p"><Request><Errors><Error><ErrorCode>1</ErrorCode></Error><Error><ErrorCode>x1</ErrorCode></Error></Errors></Request></p:Ping></soap:Body></soap:Envelope>"#;
    let err = decode(xml).unwrap_err();
    assert_eq!(err.path, "Ping/Request/Errors/Error[2]/ErrorCode");
    let at = xml.windows(13).position(|w| w == b"<ErrorCode>x1").unwrap() as u64;
    assert_eq!(err.position, at);
    assert_eq!(
        err.kind,
        DecodeErrorKind::InvalidValue {
            value: Some("x1".to_owned()),
            expected: "xs:int".to_owned()
        }
    );
    let long = "9".repeat(100);
    let xml = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Ping xmlns:p="urn:p"><Request><Count>{long}</Count></Request></p:Ping></soap:Body></soap:Envelope>"#
    );
    let err = decode(xml.as_bytes()).unwrap_err();
    assert!(!err.to_string().contains(&long), "{err}");
}

#[test]
fn hostile_inputs_are_refused() {
    let dtd = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Ping xmlns:p="urn:p"><Request><UserName>&lol2;</UserName></Request></p:Ping></soap:Body></soap:Envelope>"#;
    assert_eq!(decode(dtd).unwrap_err().kind, DecodeErrorKind::Dtd);

    let undefined = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Ping xmlns:p="urn:p"><Request><UserName>&xxe;</UserName></Request></p:Ping></soap:Body></soap:Envelope>"#;
    assert!(matches!(
        decode(undefined).unwrap_err().kind,
        DecodeErrorKind::Malformed(_)
    ));

    let mut deep = String::from(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Ping xmlns:p="urn:p"><Request><Unknown>"#,
    );
    deep.push_str(&"<a>".repeat(300));
    let err = decode(deep.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err.kind,
            DecodeErrorKind::Limit {
                what: "nesting depth",
                ..
            }
        ),
        "{err}"
    );

    let small = Limits {
        max_size: 100,
        ..Limits::default()
    };
    let bytes = envelope::encode_request(&sample(), SoapVersion::Soap11).unwrap();
    let err = envelope::decode_response::<Ping>(&bytes, &small).unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::Limit { .. }));

    let text_limit = Limits {
        max_text: 3,
        ..Limits::default()
    };
    let err = envelope::decode_response::<Ping>(&bytes, &text_limit).unwrap_err();
    assert!(matches!(
        err.kind,
        DecodeErrorKind::Limit {
            what: "text length",
            ..
        }
    ));

    let mut bad_utf8 = bytes.clone();
    let i = bad_utf8.windows(4).position(|w| w == b"p4ss").unwrap();
    bad_utf8[i] = 0xFF;
    assert!(matches!(
        decode(&bad_utf8).unwrap_err().kind,
        DecodeErrorKind::Encoding(_)
    ));

    let latin1 = br#"<?xml version="1.0" encoding="ISO-8859-1"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>"#;
    assert!(matches!(
        decode(latin1).unwrap_err().kind,
        DecodeErrorKind::Encoding(_)
    ));
}

#[test]
fn truncated_and_wrong_bodies() {
    let bytes = envelope::encode_request(&sample(), SoapVersion::Soap11).unwrap();
    for cut in [10, bytes.len() / 2, bytes.len() - 5] {
        let err = decode(&bytes[..cut]).unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::Malformed(_)),
            "cut {cut}: {err}"
        );
    }
    let other = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Pong xmlns:p="urn:p"/></soap:Body></soap:Envelope>"#;
    let err = decode(other).unwrap_err();
    assert!(
        matches!(err.kind, DecodeErrorKind::Unexpected { .. }),
        "{err}"
    );
    assert_eq!(err.path, "Pong");
}

#[test]
fn secret_not_echoed_in_errors() {
    // A password that fails to parse would never be echoed; here: Debug of the value.
    let dbg = format!("{:?}", sample());
    assert!(!dbg.contains("p4ss"), "{dbg}");
}

#[test]
fn raw_xml_capture_declares_outer_prefixes() {
    let xml =
        br#"<a xmlns:x="urn:x" xmlns="urn:d"><x:b y:z="1" xmlns:y="urn:y"><c/><x:d/></x:b></a>"#;
    let mut r = XmlReader::new(xml, &Limits::default()).unwrap();
    let root = r.root().unwrap();
    let b = r.next_child().unwrap().unwrap();
    let raw = r.read_raw(&b).unwrap();
    assert_eq!(
        raw.as_str(),
        r#"<x:b xmlns:x="urn:x" xmlns="urn:d" y:z="1" xmlns:y="urn:y"><c/><x:d/></x:b>"#
    );
    assert!(r.next_child().unwrap().is_none());
    let _ = root;
    assert!(RawXml::new(raw.as_str()).is_ok());
    assert!(RawXml::new("<a><b></a>").is_err());
}

#[test]
fn raw_xml_capture_escapes_the_namespaces_it_declares() {
    let xml = br#"<a xmlns:x="urn:a&amp;b&lt;&quot;"><x:b/></a>"#;
    let mut r = XmlReader::new(xml, &Limits::default()).unwrap();
    let _root = r.root().unwrap();
    let b = r.next_child().unwrap().unwrap();
    let raw = r.read_raw(&b).unwrap();
    assert_eq!(raw.as_str(), r#"<x:b xmlns:x="urn:a&amp;b&lt;&quot;"/>"#);
    assert!(RawXml::new(raw.as_str()).is_ok());
}

#[test]
fn attributes_are_resolved() {
    let xml = br#"<a xmlns:q="urn:q" q:x="maybe" y="a&amp;b" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t"/>"#;
    let mut r = XmlReader::new(xml, &Limits::default()).unwrap();
    let root = r.root().unwrap();
    let mut seen = Vec::new();
    r.for_each_attribute(&root, |ns, local, v| {
        seen.push((ns.map(str::to_owned), local.to_owned(), v.into_owned()));
        Ok(())
    })
    .unwrap();
    assert_eq!(
        seen,
        vec![
            (Some("urn:q".to_owned()), "x".to_owned(), "maybe".to_owned()),
            (None, "y".to_owned(), "a&b".to_owned())
        ]
    );
    let err = r
        .for_each_attribute(&root, |_, local, v| {
            if local == "x" {
                XmlReader::parse_attribute::<bool>(v).map(|_| ())
            } else {
                Ok(())
            }
        })
        .unwrap_err();
    assert_eq!(err.path, "a/@x");
}

#[test]
fn fault_codes_blaming_the_caller_include_soap11_dotted_refinements() {
    let fault = |code: &str| Fault {
        code: code.to_owned(),
        ..Fault::default()
    };
    for code in [
        "soap:Client",
        "Client",
        "soap:Client.Authentication",
        "Client.Something",
        "env:Sender",
        "s:Client.Quota.Exceeded",
    ] {
        assert!(fault(code).is_client(), "{code}");
    }
    for code in [
        "soap:Server",
        "soap:Server.Client",
        "Receiver",
        "soap:ClientError",
        "",
    ] {
        assert!(!fault(code).is_client(), "{code}");
    }
}
