//! The floors: what plain quick-xml costs with nothing built on top.
//!
//! - [`scan`]: reads every event of a document and touches it (names, attribute values,
//!   text with line ends normalised, entity and character references resolved) without
//!   keeping anything. No decoder that looks at every element can be faster.
//! - [`write_order_osev`]: writes an OrderOSEV request envelope from the hand-written
//!   model with `quick_xml::Writer` events (escaped text, no checks): the same events the
//!   generated writer produces, at the cost of quick-xml's writer alone.

use std::hint::black_box;
use std::io;

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use crate::fixtures::{SERVICE_NAMESPACE, SOAP11_NAMESPACE};
use crate::hand::{ContactInfoEv, OrderOsev, Subscriber};

/// What [`scan`] saw (returned so the work cannot be optimised away, and checked by tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Start and empty-element tags.
    pub elements: usize,
    /// Attributes, namespace declarations included.
    pub attributes: usize,
    /// Bytes of text after normalisation, references resolved.
    pub text_bytes: usize,
    /// Events of every kind.
    pub events: usize,
}

/// Reads every event of `bytes` with quick-xml's plain reader and touches it.
pub fn scan(bytes: &[u8]) -> Result<ScanStats, quick_xml::Error> {
    let mut reader = Reader::from_reader(bytes);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
    let mut stats = ScanStats::default();
    loop {
        let event = reader.read_event()?;
        stats.events += 1;
        match &event {
            Event::Start(tag) | Event::Empty(tag) => {
                stats.elements += 1;
                black_box(tag.local_name());
                if !tag.attributes_raw().is_empty() {
                    for attr in tag.attributes() {
                        let attr = attr?;
                        stats.attributes += 1;
                        black_box(attr.value.len());
                    }
                }
            }
            Event::End(tag) => {
                black_box(tag.name());
            }
            Event::Text(text) => {
                stats.text_bytes += black_box(text.xml10_content()).len();
            }
            Event::CData(text) => {
                stats.text_bytes += black_box(text.xml10_content()).len();
            }
            Event::GeneralRef(r) => {
                stats.text_bytes += match r.resolve_char_ref()? {
                    Some(c) => c.len_utf8(),
                    None => 1, // one of the five predefined entities
                };
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(stats)
}

struct Raw {
    w: Writer<Vec<u8>>,
}

impl Raw {
    fn start(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::Start(BytesStart::new(name)))
    }
    fn end(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }
    fn el(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.start(name)?;
        self.w.write_event(Event::Text(BytesText::new(text)))?;
        self.end(name)
    }
    fn opt(&mut self, name: &str, text: &Option<String>) -> io::Result<()> {
        match text {
            Some(t) => self.el(name, t),
            None => Ok(()),
        }
    }
    fn contact(&mut self, name: &str, c: &ContactInfoEv) -> io::Result<()> {
        self.start(name)?;
        self.el("FirstName", &c.first_name)?;
        self.el("LastName", &c.last_name)?;
        self.opt("JobTitle", &c.job_title)?;
        self.el("OrganizationName", &c.organization_name)?;
        self.opt("Department", &c.department)?;
        self.el("Phone", &c.phone)?;
        self.el("Email", &c.email)?;
        self.opt("FirstNameNative", &c.first_name_native)?;
        self.opt("LastNameNative", &c.last_name_native)?;
        self.opt("JobTitleNative", &c.job_title_native)?;
        self.opt("OrganizationNameNative", &c.organization_name_native)?;
        self.opt("DepartmentNative", &c.department_native)?;
        self.end(name)
    }
    fn subscriber(&mut self, s: &Subscriber) -> io::Result<()> {
        self.start("Subscriber")?;
        self.el("OrganizationName", &s.organization_name)?;
        self.opt("OrganizationUnitName", &s.organization_unit_name)?;
        self.el("PostalCode", &s.postal_code)?;
        self.el("AddressLine1", &s.address_line1)?;
        self.opt("AddressLine2", &s.address_line2)?;
        self.el("Locality", &s.locality)?;
        self.el("StateOrProvince", &s.state_or_province)?;
        if let Some(kind) = s.credit_research_kind {
            self.el("CreditResearchKind", itoa(kind).as_str())?;
        }
        self.opt("CreditResearchNumber", &s.credit_research_number)?;
        self.el("Country", &s.country)?;
        self.el("FirstName", &s.first_name)?;
        self.el("LastName", &s.last_name)?;
        self.el("Phone", &s.phone)?;
        self.el("Email", &s.email)?;
        self.opt("FirstNameNative", &s.first_name_native)?;
        self.opt("LastNameNative", &s.last_name_native)?;
        self.end("Subscriber")
    }
}

fn itoa(n: i32) -> String {
    n.to_string()
}

/// Writes the OrderOSEV request envelope for `order` (the same shape as
/// [`crate::fixtures::order_osev_request`]) with quick-xml's writer.
pub fn write_order_osev(order: &OrderOsev) -> io::Result<Vec<u8>> {
    let mut raw = Raw {
        w: Writer::new(Vec::with_capacity(4096)),
    };
    raw.w.write_event(Event::Start(
        BytesStart::new("soap:Envelope").with_attributes([("xmlns:soap", SOAP11_NAMESPACE)]),
    ))?;
    raw.start("soap:Body")?;
    raw.w.write_event(Event::Start(
        BytesStart::new("ns1:OrderOSEV").with_attributes([("xmlns:ns1", SERVICE_NAMESPACE)]),
    ))?;
    if let Some(r) = &order.request {
        raw.start("Request")?;
        raw.start("OrderRequestHeader")?;
        raw.start("AuthToken")?;
        raw.el("UserName", &r.order_request_header.auth_token.user_name)?;
        raw.el("Password", &r.order_request_header.auth_token.password)?;
        raw.end("AuthToken")?;
        raw.end("OrderRequestHeader")?;
        raw.el("ProductCode", &r.product_code)?;
        raw.el("Year", &itoa(r.year))?;
        raw.el("OrderKind", &r.order_kind)?;
        raw.opt("Coupon", &r.coupon)?;
        raw.opt("Campaign", &r.campaign)?;
        raw.el("PickupPassword", &r.pickup_password)?;
        if let Some(f) = r.has_fortify {
            raw.el("HasFortify", if f { "true" } else { "false" })?;
        }
        raw.opt("RenewalTergetOrderID", &r.renewal_target_order_id)?;
        let dn = &r.dn_attributes;
        raw.start("DnAttributes")?;
        raw.el("CommonName", &dn.common_name)?;
        raw.el("Country", &dn.country)?;
        raw.opt("OrganizationUnit", &dn.organization_unit)?;
        raw.el("StateOrProvince", &dn.state_or_province)?;
        raw.el("Locality", &dn.locality)?;
        raw.end("DnAttributes")?;
        raw.subscriber(&r.subscriber)?;
        let ev = &r.organization_info_ev;
        raw.start("OrganizationInfoEV")?;
        raw.el("BusinessCategoryCode", &ev.business_category_code)?;
        raw.opt("BusinessAssumedName", &ev.business_assumed_name)?;
        raw.opt(
            "BusinessAssumedNameNative",
            &ev.business_assumed_name_native,
        )?;
        if let Some(agency) = ev.credit_agency {
            raw.el("CreditAgency", &itoa(agency))?;
        }
        raw.opt("OrganizationCode", &ev.organization_code)?;
        let j = &ev.jurisdiction_info;
        raw.start("JurisdictionInfo")?;
        raw.el("JurisdictionCountry", &j.jurisdiction_country)?;
        raw.opt("JurisdictionState", &j.jurisdiction_state)?;
        raw.opt("JurisdictionLocality", &j.jurisdiction_locality)?;
        raw.opt(
            "IncorporationAgencyRegistrationNumber",
            &j.incorporation_agency_registration_number,
        )?;
        raw.end("JurisdictionInfo")?;
        let a = &ev.organization_address;
        raw.start("OrganizationAddress")?;
        raw.el("AddressLine1", &a.address_line1)?;
        raw.opt("AddressLine2", &a.address_line2)?;
        raw.opt("AddressLine3", &a.address_line3)?;
        raw.el("Locality", &a.locality)?;
        raw.el("StateOrProvince", &a.state_or_province)?;
        raw.opt("PostalCode", &a.postal_code)?;
        raw.el("Country", &a.country)?;
        raw.el("Phone", &a.phone)?;
        raw.opt("Fax", &a.fax)?;
        raw.opt("AddressLine1Native", &a.address_line1_native)?;
        raw.opt("AddressLine2Native", &a.address_line2_native)?;
        raw.opt("LocalityNative", &a.locality_native)?;
        raw.opt("StateOrProvinceNative", &a.state_or_province_native)?;
        raw.end("OrganizationAddress")?;
        raw.contact("RequestorInfo", &ev.requestor_info)?;
        raw.contact("ApproverInfo", &ev.approver_info)?;
        raw.contact("AuthorizedSignerInfo", &ev.authorized_signer_info)?;
        raw.end("OrganizationInfoEV")?;
        raw.opt("SubID", &r.sub_id)?;
        raw.opt("SpecialInstructions", &r.special_instructions)?;
        raw.end("Request")?;
    }
    raw.end("ns1:OrderOSEV")?;
    raw.end("soap:Body")?;
    raw.end("soap:Envelope")?;
    Ok(raw.w.into_inner())
}
