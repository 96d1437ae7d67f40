//! Realistic GasOrderService messages, generated in code (nothing large is checked in).
//!
//! [`get_orders_response`] writes a `GetOrdersResponse` the way GlobalSign's CXF endpoint
//! does: no indentation, `soap`/`ns2` prefixes, unqualified children, `xsi:nil` with its
//! own `xmlns:xsi` on each nil element, and certificates as PEM text whose lines end in
//! `&#xD;` + newline (the recorded `GetOrderByOrderIDResponse` with fulfillment in
//! `wsdl-corpus/globalsign/samples/edited/` shows exactly this). Every order has every
//! optional part: `OrderInfo`, `OrderSubInfo`, `OrderOption` with all contacts,
//! `CertificateInfo`, `Fulfillment` with two CA certificates and the leaf as X.509 and
//! PKCS#7, and `ModificationEvents`. Every fourth order is revoked (its cancel dates are
//! set); the others carry those dates as `xsi:nil`, as real answers do. Values vary per
//! order (IDs, names, dates, certificate serials) so no decoder can profit from repeats.
//!
//! Element names and order follow `wsdl/GasOrderService.wsdl` exactly; the tests decode
//! the output with the hand-written serde model and (once generated code exists) the
//! generated reader.

use std::fmt::Write as _;

use crate::pem;

/// The service namespace (body wrapper elements).
pub const SERVICE_NAMESPACE: &str = "https://system.globalsign.com/pc/ws/v2/";
/// SOAP 1.1 envelope namespace.
pub const SOAP11_NAMESPACE: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const NIL: &str = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>";

/// A small append-only XML builder: compact output, escaped text, no checks beyond that
/// (the fixtures are fixed shapes).
struct Out {
    buf: String,
}

impl Out {
    fn with_capacity(n: usize) -> Self {
        Out {
            buf: String::with_capacity(n),
        }
    }
    fn open(&mut self, name: &str) {
        self.buf.push('<');
        self.buf.push_str(name);
        self.buf.push('>');
    }
    fn close(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '<' => self.buf.push_str("&lt;"),
                '>' => self.buf.push_str("&gt;"),
                '&' => self.buf.push_str("&amp;"),
                '\r' => self.buf.push_str("&#xD;"),
                c => self.buf.push(c),
            }
        }
    }
    /// `<name>text</name>`.
    fn el(&mut self, name: &str, text: &str) {
        self.open(name);
        self.text(text);
        self.close(name);
    }
    /// `<name>text</name>`, or `<name xsi:nil="true"/>` for `None`.
    fn opt(&mut self, name: &str, text: Option<&str>) {
        match text {
            Some(t) => self.el(name, t),
            None => {
                self.buf.push('<');
                self.buf.push_str(name);
                self.buf.push_str(NIL);
            }
        }
    }
}

/// Deterministic per-order variety without a random number generator.
fn mix(i: usize, salt: u64) -> u64 {
    // SplitMix64 finaliser.
    let mut z = (i as u64)
        .wrapping_add(salt)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// PEM text of `body` (base64, 64-character lines), lines ending in `line_end`. With
/// `vary: Some((order, offset))`, 16 base64 characters from `offset` are replaced by
/// per-order ones (in effect a different serial number per certificate).
fn pem_text(kind: &str, body: &str, line_end: &str, vary: Option<(usize, usize)>) -> String {
    let mut chars: Vec<u8> = body.bytes().collect();
    let (order, offset) = vary.unwrap_or((0, chars.len()));
    let mut seed = mix(order, offset as u64);
    let mut pos = offset;
    let mut changed = 0;
    while changed < 16 && pos < chars.len() {
        if chars[pos] != b'\n' {
            chars[pos] = BASE64[(seed & 63) as usize];
            seed = seed.rotate_right(6) ^ 0x5DEE_CE66_D1CE_4E5B;
            changed += 1;
        }
        pos += 1;
    }
    // Only base64 characters and newlines are in `chars`.
    let body = String::from_utf8_lossy(&chars);
    let mut out = String::with_capacity(body.len() + 80);
    let _ = write!(out, "-----BEGIN {kind}-----{line_end}");
    for line in body.split('\n') {
        out.push_str(line);
        out.push_str(line_end);
    }
    let _ = write!(out, "-----END {kind}-----{line_end}");
    out
}

/// A response timestamp `2024-MM-DDTHH:MM:SS.mmm+09:00`, moving forward with `minutes`.
fn timestamp(minutes: u64) -> String {
    let day = minutes / (24 * 60);
    let month = 1 + (day / 28) % 12;
    let dom = 1 + day % 28;
    let hh = (minutes / 60) % 24;
    let mm = minutes % 60;
    let ms = (minutes * 37) % 1000;
    format!(
        "2024-{month:02}-{dom:02}T{hh:02}:{mm:02}:{:02}.{ms:03}+09:00",
        ms % 60
    )
}

fn timestamp_years_later(minutes: u64, years: u64) -> String {
    let t = timestamp(minutes);
    let year = 2024 + years;
    format!("{year}{}", &t[4..])
}

struct Person {
    first: &'static str,
    last: &'static str,
    first_native: &'static str,
    last_native: &'static str,
}

const PEOPLE: [Person; 6] = [
    Person {
        first: "Alice",
        last: "Example",
        first_native: "アリス",
        last_native: "エグザンプル",
    },
    Person {
        first: "Bob",
        last: "Requester",
        first_native: "ボブ",
        last_native: "リクエスター",
    },
    Person {
        first: "Carol",
        last: "Approver",
        first_native: "キャロル",
        last_native: "アプルーバー",
    },
    Person {
        first: "Dave",
        last: "Signer",
        first_native: "デイブ",
        last_native: "サイナー",
    },
    Person {
        first: "Erin",
        last: "Tanaka",
        first_native: "エリン",
        last_native: "田中",
    },
    Person {
        first: "Frank",
        last: "Suzuki",
        first_native: "フランク",
        last_native: "鈴木",
    },
];

struct Company {
    name: &'static str,
    native: &'static str,
    domain: &'static str,
    street: &'static str,
    city: &'static str,
    region: &'static str,
    postal: &'static str,
    country: &'static str,
}

const COMPANIES: [Company; 4] = [
    Company {
        name: "Example Corp",
        native: "エグザンプル株式会社",
        domain: "example.com",
        street: "100 Market Street",
        city: "Portsmouth",
        region: "New Hampshire",
        postal: "03801",
        country: "US",
    },
    Company {
        name: "Smith & Jones Holdings Ltd",
        native: "スミス&ジョーンズ",
        domain: "smith-jones.example",
        street: "221 Baker Street",
        city: "London",
        region: "Greater London",
        postal: "NW1 6XE",
        country: "GB",
    },
    Company {
        name: "Kaisha Example KK",
        native: "カイシャ・エグザンプル株式会社",
        domain: "kaisha.example.jp",
        street: "1-2-3 Shibuya",
        city: "Shibuya-ku",
        region: "Tokyo",
        postal: "150-0002",
        country: "JP",
    },
    Company {
        name: "Beispiel GmbH",
        native: "バイシュピール有限会社",
        domain: "beispiel.example.de",
        street: "Hauptstraße 5",
        city: "München",
        region: "Bayern",
        postal: "80331",
        country: "DE",
    },
];

const PRODUCTS: [&str; 4] = ["PS2Pro", "DSAATL", "PS2Dept", "OSMulti"];

fn contact(out: &mut Out, tag: &str, p: &Person, c: &Company, title: &str, department: &str) {
    out.open(tag);
    out.el("FirstName", p.first);
    out.el("LastName", p.last);
    out.el("JobTitle", title);
    out.el("OrganizationName", c.name);
    out.el("Department", department);
    out.el("Phone", "+1 603 555 0100");
    out.el(
        "Email",
        &format!(
            "{}.{}@{}",
            p.first.to_lowercase(),
            p.last.to_lowercase(),
            c.domain
        ),
    );
    out.el("FirstNameNative", p.first_native);
    out.el("LastNameNative", p.last_native);
    out.el("JobTitleNative", "部長");
    out.el("OrganizationNameNative", c.native);
    out.el("DepartmentNative", "情報システム部");
    out.close(tag);
}

/// One `OrderDetail` (index `i` decides every varying value).
fn order_detail(out: &mut Out, i: usize) {
    let company = &COMPANIES[i % COMPANIES.len()];
    let subscriber = &PEOPLE[i % PEOPLE.len()];
    let product = PRODUCTS[i % PRODUCTS.len()];
    let revoked = i % 4 == 3;
    let t0 = 60 * 24 * 3 + (mix(i, 1) % (60 * 24 * 300));
    let order_id = format!("PC{:02}{:04}{:07}", 24, 1000 + (i / 10_000) % 9000, i);
    let email = format!(
        "{}.{}{}@{}",
        subscriber.first.to_lowercase(),
        subscriber.last.to_lowercase(),
        i,
        company.domain
    );
    let common_name = format!("{} {} {i}", subscriber.first, subscriber.last);

    out.open("OrderDetail");

    out.open("OrderInfo");
    out.el("OrderID", &order_id);
    out.el("ProductCode", product);
    out.el("OrderKind", if i % 5 == 0 { "renewal" } else { "new" });
    out.el("OrderDate", &timestamp(t0));
    out.el("OrderCompleteDate", &timestamp(t0 + 13));
    let cancelled = timestamp(t0 + 60 * 24 * 40);
    out.opt("OrderCanceledDate", revoked.then_some(cancelled.as_str()));
    out.opt(
        "OrderDeactivatedDate",
        revoked.then_some(cancelled.as_str()),
    );
    out.el("OrderStatus", if revoked { "5" } else { "4" });
    out.el("Price", &format!("{}.00", 79 + (i % 4) * 77));
    out.el("Currency", "USD");
    out.opt(
        "OriginalOrderIDForReIssue",
        (i % 5 == 0).then_some(&order_id[..10]),
    );
    out.el("RequestDate", &timestamp(t0));
    out.el("RequestBeforeDate", &timestamp(t0 + 60 * 24 * 30));
    out.el("RequestAfterDate", &timestamp(t0));
    out.el("IssueDate", &timestamp(t0 + 13));
    out.opt("CancelRequestDate", revoked.then_some(cancelled.as_str()));
    out.opt("RevokeRequestDate", revoked.then_some(cancelled.as_str()));
    out.open("ValidityPeriod");
    out.el("NotBefore", &timestamp(t0 + 13));
    out.el(
        "NotAfter",
        &timestamp_years_later(t0 + 13, 1 + (i as u64 % 3)),
    );
    out.close("ValidityPeriod");
    out.close("OrderInfo");

    out.open("OrderSubInfo");
    out.el("P12DeleteDate", &timestamp(t0 + 60 * 24 * 30));
    out.el("SubID", &format!("sub-2024-{i:07}"));
    out.close("OrderSubInfo");

    out.open("OrderOption");
    out.open("OrganizationInfo");
    out.el("OrganizationName", company.name);
    out.el("CreditAgency", "1");
    out.el(
        "OrganizationCode",
        &format!("{:09}", mix(i, 2) % 1_000_000_000),
    );
    out.el(
        "BusinessAssumedName",
        company.name.split(' ').next().unwrap_or(""),
    );
    out.el("BusinessCategoryCode", "PO");
    out.open("OrganizationAddress");
    out.el("AddressLine1", company.street);
    out.el("AddressLine2", &format!("Suite {}", 100 + i % 900));
    out.el("AddressLine3", "Building B");
    out.el("City", company.city);
    out.el("Region", company.region);
    out.el("PostalCode", company.postal);
    out.el("Country", company.country);
    out.el("Phone", "+1 603 555 0100");
    out.el("Fax", "+1 603 555 0199");
    out.close("OrganizationAddress");
    out.close("OrganizationInfo");
    let at = |k: usize| &PEOPLE[(i + k) % PEOPLE.len()];
    contact(out, "RequestorInfo", at(1), company, "IT Manager", "IT");
    contact(
        out,
        "ApproverInfo",
        at(2),
        company,
        "Chief Financial Officer",
        "Finance",
    );
    contact(
        out,
        "AuthorizedSignerInfo",
        at(3),
        company,
        "Chief Executive Officer",
        "Management",
    );
    out.open("JurisdictionInfo");
    out.el("JurisdictionCountry", company.country);
    out.el("JurisdictionState", company.region);
    out.el("JurisdictionLocality", company.city);
    out.el(
        "IncorporationAgencyRegistrationNumber",
        &format!("REG-{:07}", mix(i, 3) % 10_000_000),
    );
    out.close("JurisdictionInfo");
    out.open("Subscriber");
    out.el("OrganizationName", company.name);
    out.el("OrganizationUnitName", "Engineering");
    out.el("PostalCode", company.postal);
    out.el("AddressLine1", company.street);
    out.el("AddressLine2", "Suite 200");
    out.el("Locality", company.city);
    out.el("StateOrProvince", company.region);
    out.el("CreditResearchKind", "1");
    out.el(
        "CreditResearchNumber",
        &format!("{:09}", mix(i, 4) % 1_000_000_000),
    );
    out.el("Country", company.country);
    out.el("FirstName", subscriber.first);
    out.el("LastName", subscriber.last);
    out.el("Phone", "+1 603 555 0100");
    out.el("Email", &email);
    out.el("FirstNameNative", subscriber.first_native);
    out.el("LastNameNative", subscriber.last_native);
    out.close("Subscriber");
    out.close("OrderOption");

    out.open("CertificateInfo");
    out.el("CertificateStatus", if revoked { "30" } else { "10" });
    out.el("StartDate", &timestamp(t0 + 13));
    out.el(
        "EndDate",
        &timestamp_years_later(t0 + 13, 1 + (i as u64 % 3)),
    );
    out.el("Email", &email);
    out.el("CommonName", &common_name);
    out.el("OrganizationUnit", "Engineering");
    out.el("Organization", company.name);
    out.el("Locality", company.city);
    out.el("StateOrProvince", company.region);
    out.el("Country", company.country);
    out.el("DNSerialNumber", &format!("EXAMPLE-{i:07}"));
    out.el(
        "SubjectName",
        &format!(
            "E={email},CN={common_name},OU=Engineering,O={},L={},ST={},C={}",
            company.name, company.city, company.region, company.country
        ),
    );
    out.close("CertificateInfo");

    let (leaf, leaf_pkcs7) = if product == "DSAATL" {
        (pem::DOCUMENT_SIGNING, pem::DOCUMENT_SIGNING_PKCS7)
    } else {
        (pem::SMIME, pem::SMIME_PKCS7)
    };
    out.open("Fulfillment");
    out.open("CACertificates");
    for (kind, body) in [("ROOT", pem::ROOT_CA), ("INTER", pem::ISSUING_CA)] {
        out.open("CACertificate");
        out.el("CACertType", kind);
        out.el("CACert", &pem_text("CERTIFICATE", body, "\r\n", None));
        out.close("CACertificate");
    }
    out.close("CACertificates");
    out.open("PcCertificate");
    out.el(
        "X509Cert",
        &pem_text("CERTIFICATE", leaf, "\r\n", Some((i, 20))),
    );
    out.el(
        "PKCS7Cert",
        &pem_text("PKCS7", leaf_pkcs7, "\n", Some((i, 80))),
    );
    out.close("PcCertificate");
    out.close("Fulfillment");

    out.open("ModificationEvents");
    let events: &[(&str, u64)] = if revoked {
        &[("3,0", 0), ("7,0", 13), ("9,0", 60 * 24 * 40)]
    } else {
        &[("3,0", 0), ("7,0", 13)]
    };
    for (name, dt) in events {
        out.open("ModificationEvent");
        out.el("ModificationEventName", name);
        out.el("ModificationEventTimestamp", &timestamp(t0 + dt));
        out.close("ModificationEvent");
    }
    out.close("ModificationEvents");

    out.close("OrderDetail");
}

/// Bytes of one `OrderDetail` as [`get_orders_response`] writes it, on average (used to
/// size responses).
pub fn bytes_per_order() -> usize {
    let mut out = Out::with_capacity(16 * 1024);
    for i in 0..8 {
        order_detail(&mut out, i);
    }
    out.buf.len() / 8
}

/// A SOAP 1.1 `GetOrdersResponse` envelope with `n` full `OrderDetail`s and a
/// `SuccessCode` 0 header.
pub fn get_orders_response(n: usize) -> Vec<u8> {
    let mut out = Out::with_capacity(n * 13_600 + 1024);
    out.buf.push_str(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <ns2:GetOrdersResponse xmlns:ns2=\"https://system.globalsign.com/pc/ws/v2/\">",
    );
    out.open("Response");
    out.open("OrderResponseHeader");
    out.el("SuccessCode", "0");
    out.buf.push_str("<Errors/>");
    out.el("Timestamp", "2024-11-20T10:15:30.123+09:00");
    out.close("OrderResponseHeader");
    for i in 0..n {
        order_detail(&mut out, i);
    }
    out.close("Response");
    out.buf
        .push_str("</ns2:GetOrdersResponse></soap:Body></soap:Envelope>");
    out.buf.into_bytes()
}

/// A `GetOrdersResponse` of at least `bytes` bytes (the order count is rounded up).
pub fn get_orders_response_of_size(bytes: usize) -> Vec<u8> {
    get_orders_response(bytes.div_ceil(bytes_per_order()).max(1))
}

/// A `GetOrderByOrderIDResponse` holding order `i` of [`get_orders_response`]'s
/// sequence (what the sandbox round trip decodes).
pub fn get_order_by_order_id_response(i: usize) -> Vec<u8> {
    let mut out = Out::with_capacity(12 * 1024);
    out.buf.push_str(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <ns2:GetOrderByOrderIDResponse xmlns:ns2=\"https://system.globalsign.com/pc/ws/v2/\">",
    );
    out.open("Response");
    out.open("OrderResponseHeader");
    out.el("SuccessCode", "0");
    out.buf.push_str("<Errors/>");
    out.el("Timestamp", "2024-11-20T10:15:30.123+09:00");
    out.close("OrderResponseHeader");
    order_detail(&mut out, i);
    out.close("Response");
    out.buf
        .push_str("</ns2:GetOrderByOrderIDResponse></soap:Body></soap:Envelope>");
    out.buf.into_bytes()
}

/// A full `OrderOSEV` request envelope: every optional element present (hence a renewal,
/// as in `wsdl/samples/OrderOSEV.request.xml`), in the compact form and with the
/// prefixes soap-runtime's writer uses (`soap`, `ns1`). The generated writer's output
/// for the decoded value is compared with this in the tests.
pub fn order_osev_request() -> Vec<u8> {
    let c = &COMPANIES[0];
    let mut out = Out::with_capacity(4096);
    out.buf.push_str(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
         <ns1:OrderOSEV xmlns:ns1=\"https://system.globalsign.com/pc/ws/v2/\">",
    );
    out.open("Request");
    out.open("OrderRequestHeader");
    out.open("AuthToken");
    out.el("UserName", "PAR12345_gasapi");
    out.el("Password", "Xq7!pL2#vR9s");
    out.close("AuthToken");
    out.close("OrderRequestHeader");
    out.el("ProductCode", "OSEV");
    out.el("Year", "1");
    out.el("OrderKind", "renewal");
    out.el("Coupon", "SPRING24-CPN-0042");
    out.el("Campaign", "PARTNER-CAMPAIGN-07");
    out.el("PickupPassword", "Pickup#2024pw");
    out.el("HasFortify", "false");
    out.el("RenewalTergetOrderID", "PC2311150000417");
    out.open("DnAttributes");
    out.el("CommonName", c.name);
    out.el("Country", c.country);
    out.el("OrganizationUnit", "Engineering");
    out.el("StateOrProvince", c.region);
    out.el("Locality", c.city);
    out.close("DnAttributes");
    out.open("Subscriber");
    out.el("OrganizationName", c.name);
    out.el("OrganizationUnitName", "Engineering");
    out.el("PostalCode", c.postal);
    out.el("AddressLine1", c.street);
    out.el("AddressLine2", "Suite 200");
    out.el("Locality", c.city);
    out.el("StateOrProvince", c.region);
    out.el("CreditResearchKind", "1");
    out.el("CreditResearchNumber", "123456789");
    out.el("Country", c.country);
    out.el("FirstName", "Alice");
    out.el("LastName", "Example");
    out.el("Phone", "+1 603 555 0100");
    out.el("Email", "alice@example.com");
    out.el("FirstNameNative", "アリス");
    out.el("LastNameNative", "エグザンプル");
    out.close("Subscriber");
    out.open("OrganizationInfoEV");
    out.el("BusinessCategoryCode", "PO");
    out.el("BusinessAssumedName", "Example");
    out.el("BusinessAssumedNameNative", "エグザンプル");
    out.el("CreditAgency", "1");
    out.el("OrganizationCode", "123456789");
    out.open("JurisdictionInfo");
    out.el("JurisdictionCountry", c.country);
    out.el("JurisdictionState", c.region);
    out.el("JurisdictionLocality", c.city);
    out.el("IncorporationAgencyRegistrationNumber", "NH-0012345");
    out.close("JurisdictionInfo");
    out.open("OrganizationAddress");
    out.el("AddressLine1", c.street);
    out.el("AddressLine2", "Suite 200");
    out.el("AddressLine3", "Building B");
    out.el("Locality", c.city);
    out.el("StateOrProvince", c.region);
    out.el("PostalCode", c.postal);
    out.el("Country", c.country);
    out.el("Phone", "+1 603 555 0100");
    out.el("Fax", "+1 603 555 0199");
    out.el("AddressLine1Native", "マーケット通り100");
    out.el("AddressLine2Native", "スイート200");
    out.el("LocalityNative", "ポーツマス");
    out.el("StateOrProvinceNative", "ニューハンプシャー");
    out.close("OrganizationAddress");
    for (tag, p, title, dept) in [
        ("RequestorInfo", &PEOPLE[1], "IT Manager", "IT"),
        (
            "ApproverInfo",
            &PEOPLE[2],
            "Chief Financial Officer",
            "Finance",
        ),
        (
            "AuthorizedSignerInfo",
            &PEOPLE[3],
            "Chief Executive Officer",
            "Management",
        ),
    ] {
        contact(&mut out, tag, p, c, title, dept);
    }
    out.close("OrganizationInfoEV");
    out.el("SubID", "sub-2024-0001");
    out.el(
        "SpecialInstructions",
        "Please notify security@example.com once the certificate is issued.",
    );
    out.close("Request");
    out.buf
        .push_str("</ns1:OrderOSEV></soap:Body></soap:Envelope>");
    out.buf.into_bytes()
}
