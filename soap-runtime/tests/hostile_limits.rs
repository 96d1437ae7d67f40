//! Hostile input against the reader's limits: size, depth, text length, DTDs and
//! entities, encodings. Each case ends in a typed [`DecodeErrorKind`], never a panic,
//! a stack overflow or unbounded memory.
//!
//! The body element [`Probe`] reads its children the ways generated code does:
//! `Text` as a string value, `Int` as an `xs:int`, `Raw` as `xs:any`, `Walk` by walking
//! every descendant (attributes included, iteratively), anything else is skipped.

use soap_runtime::envelope::{decode_request, decode_response, request_info};
use soap_runtime::{
    BodyElement, DecodeError, DecodeErrorKind, EncodeError, Envelope, Limits, XmlReader, XmlWriter,
};

const ENV_OPEN: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><p:Probe xmlns:p="urn:p">"#;
const ENV_CLOSE: &str = "</p:Probe></soap:Body></soap:Envelope>";

#[derive(Debug, Default, PartialEq)]
struct Probe {
    texts: Vec<String>,
    ints: Vec<i32>,
    raws: Vec<String>,
    walked: usize,
}

impl BodyElement for Probe {
    const NAME: &'static str = "Probe";
    const NAMESPACE: &'static str = "urn:p";

    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.start(Some("urn:p"), "Probe");
        w.end()
    }

    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Probe::default();
        let Some(wrapper) = r.next_child()? else {
            return r.missing("Probe");
        };
        if wrapper.is_empty() {
            return Ok(out);
        }
        while let Some(child) = r.next_child()? {
            match child.local_name() {
                "Text" => {
                    if let Some(v) = r.read_value::<String>(&child)? {
                        out.texts.push(v);
                    }
                }
                "Int" => {
                    if let Some(v) = r.read_value::<i32>(&child)? {
                        out.ints.push(v);
                    }
                }
                "Raw" => out.raws.push(r.read_raw(&child)?.as_str().to_owned()),
                "Walk" => out.walked += walk(r, child)?,
                _ => r.skip(&child)?,
            }
        }
        Ok(out)
    }
}

/// Visits every element below (and including) `start` without recursion, reading each
/// one's attributes; returns how many elements it saw.
fn walk<'a>(
    r: &mut XmlReader<'a>,
    start: soap_runtime::StartTag<'a>,
) -> Result<usize, DecodeError> {
    let mut seen = 1;
    r.for_each_attribute(&start, |_, _, _| Ok(()))?;
    if start.is_empty() {
        return Ok(seen);
    }
    let mut open = 1usize;
    while open > 0 {
        match r.next_child()? {
            Some(tag) => {
                seen += 1;
                r.for_each_attribute(&tag, |_, _, _| Ok(()))?;
                if !tag.is_empty() {
                    open += 1;
                }
            }
            None => open -= 1,
        }
    }
    Ok(seen)
}

fn envelope(body: &str) -> Vec<u8> {
    format!("{ENV_OPEN}{body}{ENV_CLOSE}").into_bytes()
}

fn decode_with(bytes: &[u8], limits: &Limits) -> Result<Probe, DecodeError> {
    match decode_response::<Probe>(bytes, limits)? {
        Envelope::Body(b) => Ok(b),
        Envelope::Fault(f) => panic!("unexpected fault {f:?}"),
    }
}

fn decode(bytes: &[u8]) -> Result<Probe, DecodeError> {
    decode_with(bytes, &Limits::default())
}

fn expect_limit(result: Result<Probe, DecodeError>, what: &str) -> DecodeError {
    match result {
        Err(e) => {
            assert!(
                matches!(&e.kind, DecodeErrorKind::Limit { what: w, .. } if *w == what),
                "expected a {what} limit, got {e}"
            );
            e
        }
        Ok(p) => panic!("expected a {what} limit, decoded {p:?}"),
    }
}

fn expect_kind(
    result: Result<Probe, DecodeError>,
    check: fn(&DecodeErrorKind) -> bool,
) -> DecodeError {
    match result {
        Err(e) => {
            assert!(check(&e.kind), "unexpected error kind: {e} ({:?})", e.kind);
            e
        }
        Ok(p) => panic!("expected an error, decoded {p:?}"),
    }
}

// ------------------------------------------------------------------ the baseline

#[test]
fn a_normal_message_decodes() {
    let bytes = envelope(
        "<Text>a &amp; b</Text><Int> 42 </Int><Raw><x:y xmlns:x=\"urn:x\">1</x:y></Raw><Walk a=\"1\"><b/><c><d/></c></Walk><Other/>",
    );
    let probe = decode(&bytes).unwrap();
    assert_eq!(probe.texts, ["a & b"]);
    assert_eq!(probe.ints, [42]);
    assert_eq!(probe.raws.len(), 1);
    assert_eq!(probe.walked, 4);
}

// ------------------------------------------------------------------ size

#[test]
fn oversized_message_is_refused_before_reading() {
    let bytes = envelope("<Text>hello</Text>");
    let exact = Limits {
        max_size: bytes.len(),
        ..Limits::default()
    };
    assert_eq!(decode_with(&bytes, &exact).unwrap().texts, ["hello"]);
    let one_less = Limits {
        max_size: bytes.len() - 1,
        ..Limits::default()
    };
    let err = expect_limit(decode_with(&bytes, &one_less), "message size");
    assert_eq!(err.position, 0);
    assert!(err.to_string().contains("limit"), "{err}");
}

#[test]
fn size_limit_applies_to_requests_and_dispatch_too() {
    let bytes = envelope("<Text>hello</Text>");
    let small = Limits {
        max_size: 10,
        ..Limits::default()
    };
    let err = decode_request::<Probe>(&bytes, &small).unwrap_err();
    assert!(
        matches!(
            err.kind,
            DecodeErrorKind::Limit {
                what: "message size",
                ..
            }
        ),
        "{err}"
    );
    let err = request_info(&bytes, &small).unwrap_err();
    assert!(
        matches!(
            err.kind,
            DecodeErrorKind::Limit {
                what: "message size",
                ..
            }
        ),
        "{err}"
    );
}

// ------------------------------------------------------------------ depth

/// A million open elements: refused at the depth limit, no stack overflow, whether the
/// deep part is skipped, walked or captured as `xs:any`.
#[test]
fn very_deep_nesting_stops_at_the_depth_limit() {
    const N: usize = 1_000_000;
    for wrapper in ["Unknown", "Walk", "Raw", "Text"] {
        let body = format!("<{wrapper}>{}", "<a>".repeat(N));
        let err = expect_limit(decode(&envelope(&body)), "nesting depth");
        // The error names the path down to where the limit struck (bounded, not a
        // million levels).
        assert!(
            err.path.starts_with(&format!("Probe/{wrapper}/a/a")),
            "{}",
            err.path
        );
        assert!(
            err.path.len() < 256 * 3 + 64,
            "{} bytes of path",
            err.path.len()
        );
    }
}

#[test]
fn depth_limit_is_exact_and_counts_the_envelope() {
    // Envelope, Body, Probe, Walk = 4 levels; then `extra` more.
    let nested = |extra: usize| {
        envelope(&format!(
            "<Walk>{}{}</Walk>",
            "<a>".repeat(extra),
            "</a>".repeat(extra)
        ))
    };
    let limits = Limits {
        max_depth: 10,
        ..Limits::default()
    };
    assert_eq!(decode_with(&nested(6), &limits).unwrap().walked, 7);
    expect_limit(decode_with(&nested(7), &limits), "nesting depth");
}

#[test]
fn depth_limit_applies_to_the_envelope_and_headers() {
    let limits = Limits {
        max_depth: 8,
        ..Limits::default()
    };
    let deep_header = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>{}</soap:Header><soap:Body><p:Probe xmlns:p="urn:p"/></soap:Body></soap:Envelope>"#,
        "<h>".repeat(100)
    );
    expect_limit(
        decode_with(deep_header.as_bytes(), &limits),
        "nesting depth",
    );
    // A fault's detail is read as raw XML: bounded the same way.
    let deep_fault = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring><detail>{}</detail></soap:Fault></soap:Body></soap:Envelope>"#,
        "<d>".repeat(100_000)
    );
    let err = decode_response::<Probe>(deep_fault.as_bytes(), &Limits::default()).unwrap_err();
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
}

/// Even with the depth limit switched off the reader does not recurse: a million levels
/// only cost memory proportional to the input, and no stack overflow.
#[test]
fn unlimited_depth_still_does_not_overflow_the_stack() {
    const N: usize = 1_000_000;
    let body = format!("<Walk>{}{}</Walk>", "<a>".repeat(N), "</a>".repeat(N));
    let limits = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    match decode_with(&envelope(&body), &limits) {
        Ok(p) => assert_eq!(p.walked, N + 1),
        Err(e) => panic!("a million levels with the depth limit off: {e}"),
    }
}

// ------------------------------------------------------------------ text length

#[test]
fn long_text_is_refused() {
    let limits = Limits {
        max_text: 1000,
        ..Limits::default()
    };
    let ok = envelope(&format!("<Text>{}</Text>", "x".repeat(1000)));
    assert_eq!(decode_with(&ok, &limits).unwrap().texts[0].len(), 1000);
    let long = envelope(&format!("<Text>{}</Text>", "x".repeat(1001)));
    let err = expect_limit(decode_with(&long, &limits), "text length");
    assert_eq!(err.path, "Probe/Text");
}

#[test]
fn text_limit_counts_pieces_joined_from_entities_and_cdata() {
    let limits = Limits {
        max_text: 1000,
        ..Limits::default()
    };
    // 600 `&amp;` resolve to 600 bytes: fine; 1001 of them are not.
    let ok = envelope(&format!("<Text>{}</Text>", "&amp;".repeat(600)));
    assert_eq!(decode_with(&ok, &limits).unwrap().texts[0], "&".repeat(600));
    let many_refs = envelope(&format!("<Text>{}</Text>", "&#65;".repeat(1001)));
    expect_limit(decode_with(&many_refs, &limits), "text length");
    let cdata = envelope(&format!(
        "<Text>{}</Text>",
        "<![CDATA[0123456789]]>".repeat(101)
    ));
    expect_limit(decode_with(&cdata, &limits), "text length");
    // Pieces separated by comments and skipped child elements still add up.
    let mixed = envelope(&format!(
        "<Text>{}</Text>",
        "0123456789<!--c--><i/>".repeat(101)
    ));
    expect_limit(decode_with(&mixed, &limits), "text length");
}

#[test]
fn raw_fragment_is_bounded_by_the_text_limit() {
    let limits = Limits {
        max_text: 1000,
        ..Limits::default()
    };
    let big = envelope(&format!("<Raw>{}</Raw>", "<e>x</e>".repeat(200)));
    expect_limit(decode_with(&big, &limits), "raw XML fragment length");
    let small = envelope(&format!("<Raw>{}</Raw>", "<e>x</e>".repeat(100)));
    assert_eq!(decode_with(&small, &limits).unwrap().raws.len(), 1);
}

#[test]
fn fault_texts_are_bounded_by_the_text_limit() {
    let limits = Limits {
        max_text: 100,
        ..Limits::default()
    };
    let fault = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>{}</faultstring></soap:Fault></soap:Body></soap:Envelope>"#,
        "x".repeat(101)
    );
    let err = decode_response::<Probe>(fault.as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(
            err.kind,
            DecodeErrorKind::Limit {
                what: "text length",
                ..
            }
        ),
        "{err}"
    );
}

// ------------------------------------------------------------------ DTDs and entities

fn is_dtd(k: &DecodeErrorKind) -> bool {
    matches!(k, DecodeErrorKind::Dtd)
}

fn is_malformed(k: &DecodeErrorKind) -> bool {
    matches!(k, DecodeErrorKind::Malformed(_))
}

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    let mut dtd =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    let mut prev = "lol".to_owned();
    for i in 1..10 {
        let name = format!("lol{i}");
        dtd.push_str(&format!(
            "<!ENTITY {name} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    dtd.push_str("]>\n");
    let bytes = [dtd.as_bytes(), &envelope(&format!("<Text>&{prev};</Text>"))].concat();
    let err = expect_kind(decode(&bytes), is_dtd);
    assert!(err.to_string().contains("document type"), "{err}");
}

#[test]
fn external_entities_are_refused() {
    for doctype in [
        r#"<!DOCTYPE e [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        r#"<!DOCTYPE e [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>"#,
        r#"<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:1/x.dtd">"#,
        r#"<!DOCTYPE soap:Envelope PUBLIC "-//X//Y" "x.dtd">"#,
        "<!DOCTYPE soap:Envelope>",
    ] {
        let bytes = [doctype.as_bytes(), &envelope("<Text>&xxe;</Text>")].concat();
        expect_kind(decode(&bytes), is_dtd);
        let err = request_info(&bytes, &Limits::default()).unwrap_err();
        assert_eq!(err.kind, DecodeErrorKind::Dtd, "{doctype}");
    }
}

#[test]
fn undefined_entities_are_errors_wherever_they_appear() {
    // In text read as a value, in skipped content, in walked content, in raw content.
    for body in [
        "<Text>&xxe;</Text>",
        "<Unknown><x>&xxe;</x></Unknown>",
        "<Walk>&xxe;</Walk>",
        "<Raw><x>&xxe;</x></Raw>",
        "<Text>&#0;</Text>",
        "<Text>&#xD800;</Text>",
        "<Text>&#99999999999;</Text>",
    ] {
        let err = expect_kind(decode(&envelope(body)), is_malformed);
        assert!(!err.to_string().is_empty());
    }
    // In an attribute value.
    let err = expect_kind(decode(&envelope("<Walk a=\"&xxe;\"/>")), is_malformed);
    assert!(err.path.starts_with("Probe/Walk"), "{}", err.path);
}

// ------------------------------------------------------------------ encodings

fn is_encoding(k: &DecodeErrorKind) -> bool {
    matches!(k, DecodeErrorKind::Encoding(_))
}

#[test]
fn invalid_utf8_is_refused_with_an_encoding_error() {
    let good = envelope("<Text>caf\u{e9}</Text>");
    assert_eq!(decode(&good).unwrap().texts, ["caf\u{e9}"]);
    // Latin-1 é in a value, an overlong sequence, a lone continuation byte, a surrogate
    // encoded in UTF-8, a truncated sequence at the very end of a text.
    for bad in [
        &b"caf\xE9"[..],
        b"\xC0\xAF",
        b"\x80",
        b"\xED\xA0\x80",
        b"ok\xE2\x82",
    ] {
        let mut bytes = ENV_OPEN.as_bytes().to_vec();
        bytes.extend_from_slice(b"<Text>");
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(b"</Text>");
        bytes.extend_from_slice(ENV_CLOSE.as_bytes());
        let err = expect_kind(decode(&bytes), is_encoding);
        assert!(err.to_string().contains("encoding"), "{err}");
    }
}

#[test]
fn invalid_utf8_in_names_attributes_and_skipped_content_is_refused() {
    for body in [
        &b"<T\xFFxt>x</T\xFFxt>"[..],
        b"<Walk a=\"\xFF\"/>",
        b"<Unknown>\xFF</Unknown>",
        b"<Walk><x>\xFF</x></Walk>",
        b"<Raw><x>\xFF</x></Raw>",
    ] {
        let mut bytes = ENV_OPEN.as_bytes().to_vec();
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(ENV_CLOSE.as_bytes());
        match decode(&bytes) {
            Err(e) => assert!(
                matches!(
                    e.kind,
                    DecodeErrorKind::Encoding(_) | DecodeErrorKind::Malformed(_)
                ),
                "{}: {e}",
                String::from_utf8_lossy(body)
            ),
            Ok(p) => panic!("{} decoded: {p:?}", String::from_utf8_lossy(body)),
        }
    }
}

#[test]
fn foreign_encodings_are_refused() {
    for declared in [
        "ISO-8859-1",
        "windows-1252",
        "UTF-16",
        "Shift_JIS",
        "EBCDIC-CP-US",
    ] {
        let decl = format!("<?xml version=\"1.0\" encoding=\"{declared}\"?>");
        let bytes = [decl.as_bytes(), &envelope("<Text>x</Text>")].concat();
        let err = expect_kind(decode(&bytes), is_encoding);
        assert!(err.to_string().contains(declared), "{err}");
    }
    // UTF-16 with a byte order mark, both byte orders.
    let text = String::from_utf8(envelope("<Text>x</Text>")).unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    for bytes in [le, be] {
        assert!(decode(&bytes).is_err());
    }
}

#[test]
fn utf8_declarations_and_bom_are_accepted() {
    for decl in [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version='1.0' encoding='utf-8'?>",
        "<?xml version=\"1.0\"?>",
        "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    ] {
        let bytes = [decl.as_bytes(), &envelope("<Text>x</Text>")].concat();
        assert_eq!(decode(&bytes).unwrap().texts, ["x"], "{decl:?}");
    }
}

// ------------------------------------------------------------------ other floods

/// Many namespace declarations on one element: refused past 1,024 in scope (resolution
/// searches them, so its cost stays bounded), never slow.
#[test]
fn namespace_declaration_flood_is_refused() {
    let mut decls = String::new();
    for i in 0..100_000 {
        decls.push_str(&format!(" xmlns:n{i}=\"urn:n{i}\""));
    }
    let body = format!("<Walk{decls}><n99999:x/></Walk>");
    let err = expect_kind(decode(&envelope(&body)), is_malformed);
    assert!(err.path.starts_with("Probe"), "{}", err.path);
}

/// Many attributes on one element (duplicates checked without a quadratic scan), and
/// a duplicate at the very end is found.
#[test]
fn attribute_flood_is_read_or_refused_quickly() {
    let mut attrs = String::new();
    for i in 0..200_000 {
        attrs.push_str(&format!(" a{i}=\"\""));
    }
    let body = format!("<Walk{attrs}/>");
    assert_eq!(decode(&envelope(&body)).unwrap().walked, 1);
    let body = format!("<Walk{attrs} a7=\"dup\"/>");
    expect_kind(decode(&envelope(&body)), is_malformed);
}

/// An error after a great many distinct sibling names: the error path is rebuilt by a
/// re-scan, which must stay linear in the input.
#[test]
fn error_path_after_many_distinct_siblings() {
    let mut body = String::from("<Unknown>");
    for i in 0..200_000 {
        body.push_str(&format!("<e{i}/>"));
    }
    body.push_str("<Int>x</Int></Unknown><Int>not a number</Int>");
    let err = expect_kind(decode(&envelope(&body)), |k| {
        matches!(k, DecodeErrorKind::InvalidValue { .. })
    });
    assert_eq!(err.path, "Probe/Int");
}

/// Many repeated siblings with the same name get indexed paths, and the index is right.
#[test]
fn error_path_index_after_many_repeats() {
    let mut body = "<Int>1</Int>".repeat(100_000);
    body.push_str("<Int>x</Int>");
    let err = expect_kind(decode(&envelope(&body)), |k| {
        matches!(k, DecodeErrorKind::InvalidValue { .. })
    });
    assert_eq!(err.path, "Probe/Int[100001]");
}

#[test]
fn truncation_at_every_byte_is_an_error_not_a_panic() {
    let bytes = envelope(
        "<Text>a &amp; b</Text><Int>4</Int><Raw><x:y xmlns:x=\"urn:x\" x:a=\"1\">1<![CDATA[2]]></x:y></Raw><Walk a=\"1\"><b/><!--c--><?pi x?></Walk>",
    );
    assert!(decode(&bytes).is_ok());
    for cut in 0..bytes.len() {
        assert!(
            decode(&bytes[..cut]).is_err(),
            "prefix of {cut} bytes decoded"
        );
    }
}
