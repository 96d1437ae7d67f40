package gasinterop;

import gasws.*;

/**
 * The fixed values the JAX-WS test server answers with. tests/jaxws.rs holds the same
 * values on the Rust side; change both together.
 *
 * Optional elements come in three kinds on purpose: with a value, absent (the field left
 * null), and nil (a JAXBElement without a value, written `xsi:nil="true"`).
 */
final class Fixtures {
    private static final ObjectFactory OF = new ObjectFactory();

    static final String TIMESTAMP = "2026-01-15T10:20:30.123+01:00";

    private Fixtures() {}

    /** Which optional sections of an OrderDetail the query asked for. */
    record Sections(boolean orderOption, boolean certificateInfo, boolean fulfillment, boolean caCerts) {
        static final Sections NONE = new Sections(false, false, false, false);
    }

    /** The OrderID each operation's success answers with. */
    static String orderId(String operation) {
        switch (operation) {
            case "OrderOS": return "CEJX0000000101";
            case "OrderOSEV": return "CEJX0000000102";
            case "OrderPS1": return "CEJX0000000103";
            case "OrderPS2": return "CEJX0000000104";
            case "OrderPS2Dept": return "CEJX0000000105";
            case "OrderPS2Pro": return "CEJX0000000106";
            case "OrderAATL": return "CEJX0000000107";
            case "OrderQC": return "CEJX0000000108";
            case "ReIssue": return "CEJX0000000109";
            case "found-by-SubID": return "CEJX0000000110";
            default: throw new IllegalArgumentException(operation);
        }
    }

    static String registrationUrl(String operation) {
        return "https://jaxws.invalid/register/" + orderId(operation);
    }

    static OrderResponseHeader success() {
        OrderResponseHeader h = new OrderResponseHeader();
        h.setSuccessCode(0);
        h.setTimestamp(TIMESTAMP);
        return h;
    }

    /** SuccessCode 1: done, with a warning. */
    static OrderResponseHeader warning() {
        OrderResponseHeader h = new OrderResponseHeader();
        h.setSuccessCode(1);
        h.setErrors(errors(error("-6102", "ProductCode", "PS2 is discontinued for new orders.")));
        h.setTimestamp(TIMESTAMP);
        return h;
    }

    static OrderResponseHeader failure(String code, String field, String message) {
        OrderResponseHeader h = new OrderResponseHeader();
        h.setSuccessCode(-1);
        h.setErrors(errors(error(code, field, message)));
        h.setTimestamp(TIMESTAMP);
        return h;
    }

    private static gasws.Error error(String code, String field, String message) {
        gasws.Error e = new gasws.Error();
        e.setErrorCode(code);
        e.setErrorField(field);
        e.setErrorMessage(message);
        return e;
    }

    private static Errors errors(gasws.Error e) {
        Errors errors = new Errors();
        errors.getError().add(e);
        return errors;
    }

    /** An order with every section the query asked for. `subId` null: SubID absent. */
    static OrderDetail detail(String orderId, String subId, Sections sections) {
        OrderDetail d = new OrderDetail();
        d.setOrderInfo(OF.createOrderDetailOrderInfo(orderInfo(orderId)));
        OrderSubInfo sub = new OrderSubInfo();
        sub.setP12DeleteDate(OF.createOrderSubInfoP12DeleteDate(null));
        if (subId != null) {
            sub.setSubID(OF.createOrderSubInfoSubID(subId));
        }
        d.setOrderSubInfo(OF.createOrderDetailOrderSubInfo(sub));
        if (sections.orderOption()) {
            d.setOrderOption(OF.createOrderDetailOrderOption(orderOption()));
        }
        if (sections.certificateInfo()) {
            d.setCertificateInfo(OF.createOrderDetailCertificateInfo(certificateInfo(orderId)));
        } else {
            d.setCertificateInfo(OF.createOrderDetailCertificateInfo(null));
        }
        if (sections.fulfillment() || sections.caCerts()) {
            d.setFulfillment(OF.createOrderDetailFulfillment(fulfillment(orderId, sections)));
        }
        ModificationEvents events = new ModificationEvents();
        events.getModificationEvent().add(event("1,0", "2026-01-15T10:20:30.000+01:00"));
        events.getModificationEvent().add(event("4,0", "2026-01-15T10:25:00.500+01:00"));
        d.setModificationEvents(OF.createOrderDetailModificationEvents(events));
        return d;
    }

    /** An order with OrderInfo only and every other section nil. */
    static OrderDetail bareDetail(String orderId) {
        OrderDetail d = new OrderDetail();
        d.setOrderInfo(OF.createOrderDetailOrderInfo(orderInfo(orderId)));
        d.setOrderSubInfo(OF.createOrderDetailOrderSubInfo(null));
        d.setOrderOption(OF.createOrderDetailOrderOption(null));
        d.setCertificateInfo(OF.createOrderDetailCertificateInfo(null));
        d.setFulfillment(OF.createOrderDetailFulfillment(null));
        d.setModificationEvents(OF.createOrderDetailModificationEvents(null));
        return d;
    }

    private static OrderInfo orderInfo(String orderId) {
        OrderInfo i = new OrderInfo();
        i.setOrderID(orderId);
        i.setProductCode("PS1");
        i.setOrderKind("new");
        i.setOrderDate(OF.createOrderInfoOrderDate("2026-01-15T10:20:30.000+01:00"));
        i.setOrderCompleteDate(OF.createOrderInfoOrderCompleteDate("2026-01-15T10:25:00.500+01:00"));
        i.setOrderCanceledDate(OF.createOrderInfoOrderCanceledDate(null));
        // OrderDeactivatedDate: absent.
        i.setOrderStatus(OF.createOrderInfoOrderStatus("4"));
        i.setPrice("120.00");
        i.setCurrency("EUR");
        i.setOriginalOrderIDForReIssue(OF.createOrderInfoOriginalOrderIDForReIssue(null));
        i.setRequestDate("2026-01-15T10:20:30.000+01:00");
        // RequestBeforeDate: absent.
        i.setRequestAfterDate(OF.createOrderInfoRequestAfterDate(null));
        i.setIssueDate(OF.createOrderInfoIssueDate("2026-01-15T10:25:00.500+01:00"));
        // CancelRequestDate: absent.
        i.setRevokeRequestDate(OF.createOrderInfoRevokeRequestDate(null));
        ValidityPeriod v = new ValidityPeriod();
        v.setNotBefore(OF.createValidityPeriodNotBefore("2026-01-15T10:25:00.000+01:00"));
        v.setNotAfter(OF.createValidityPeriodNotAfter(null));
        i.setValidityPeriod(v);
        return i;
    }

    private static OrderOption orderOption() {
        OrderOption o = new OrderOption();
        OrganizationInfo org = new OrganizationInfo();
        org.setOrganizationName("Example Widgets GmbH");
        org.setCreditAgency(OF.createOrganizationInfoCreditAgency(null));
        // OrganizationCode, BusinessAssumedName: absent.
        org.setBusinessCategoryCode(OF.createOrganizationInfoBusinessCategoryCode("PO"));
        OrganizationAddress a = new OrganizationAddress();
        a.setAddressLine1("Hauptstrasse 1");
        a.setAddressLine2(OF.createOrganizationAddressAddressLine2(null));
        // AddressLine3: absent.
        a.setCity("Berlin");
        a.setRegion("Berlin");
        a.setPostalCode("10115");
        a.setCountry("DE");
        a.setPhone("+49 30 1234567");
        a.setFax(OF.createOrganizationAddressFax("+49 30 1234568"));
        org.setOrganizationAddress(a);
        o.setOrganizationInfo(org);
        ContactInfo c = new ContactInfo();
        c.setFirstName("Alice");
        c.setLastName("Example");
        c.setJobTitle("PKI lead");
        c.setOrganizationName("Example Widgets GmbH");
        c.setDepartment("IT");
        c.setPhone("+49 30 1234569");
        c.setEmail("alice@example.com");
        c.setFirstNameNative("Alice");
        c.setLastNameNative("Beispiel");
        c.setJobTitleNative("PKI-Leitung");
        c.setOrganizationNameNative("Beispiel Widgets GmbH");
        c.setDepartmentNative("IT");
        o.setRequestorInfo(OF.createOrderOptionRequestorInfo(c));
        o.setApproverInfo(OF.createOrderOptionApproverInfo(null));
        // AuthorizedSignerInfo, JurisdictionInfo: absent.
        Subscriber s = new Subscriber();
        s.setOrganizationName("Example Widgets GmbH");
        s.setOrganizationUnitName(OF.createSubscriberOrganizationUnitName(null));
        s.setPostalCode("10115");
        s.setAddressLine1("Hauptstrasse 1");
        // AddressLine2: absent.
        s.setLocality("Berlin");
        s.setStateOrProvince("Berlin");
        s.setCreditResearchKind(OF.createSubscriberCreditResearchKind(1));
        s.setCreditResearchNumber(OF.createSubscriberCreditResearchNumber(null));
        s.setCountry("DE");
        s.setFirstName("Bob");
        s.setLastName("Example");
        s.setPhone("+49 30 1234570");
        s.setEmail("bob@example.com");
        s.setFirstNameNative(OF.createSubscriberFirstNameNative("Bob"));
        // LastNameNative: absent.
        o.setSubscriber(s);
        return o;
    }

    private static CertificateInfo certificateInfo(String orderId) {
        CertificateInfo c = new CertificateInfo();
        c.setCertificateStatus("10");
        c.setStartDate("2026-01-15T10:25:00.000+01:00");
        c.setEndDate("2027-01-16T10:25:00.000+01:00");
        c.setEmail("bob@example.com");
        c.setCommonName("Bob Example");
        c.setOrganizationUnit("IT");
        c.setOrganization("Example Widgets GmbH");
        c.setLocality("Berlin");
        c.setStateOrProvince("Berlin");
        c.setCountry("DE");
        c.setDNSerialNumber(OF.createCertificateInfoDNSerialNumber(null));
        c.setSubjectName("CN=Bob Example,OU=IT,O=Example Widgets GmbH,L=Berlin,ST=Berlin,C=DE,E=bob@example.com");
        return c;
    }

    private static Fulfillment fulfillment(String orderId, Sections sections) {
        Fulfillment f = new Fulfillment();
        if (sections.caCerts()) {
            CACertificates cas = new CACertificates();
            cas.getCACertificate().add(caCertificate("ROOT", "root"));
            cas.getCACertificate().add(caCertificate("INTER", "intermediate"));
            f.setCACertificates(OF.createFulfillmentCACertificates(cas));
        }
        if (sections.fulfillment()) {
            PcCertificate p = new PcCertificate();
            p.setX509Cert(pem("CERTIFICATE", "certificate of " + orderId));
            p.setPKCS7Cert(pem("PKCS7", "chain of " + orderId));
            f.setPcCertificate(OF.createFulfillmentPcCertificate(p));
        } else {
            f.setPcCertificate(OF.createFulfillmentPcCertificate(null));
        }
        return f;
    }

    private static CACertificate caCertificate(String type, String what) {
        CACertificate c = new CACertificate();
        c.setCACertType(type);
        c.setCACert(pem("CERTIFICATE", what));
        return c;
    }

    /** Not a real certificate: a PEM frame around a readable body, which is all the wire sees. */
    static String pem(String label, String body) {
        String base64 = java.util.Base64.getEncoder()
                .encodeToString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static ModificationEvent event(String name, String timestamp) {
        ModificationEvent e = new ModificationEvent();
        e.setModificationEventName(name);
        e.setModificationEventTimestamp(timestamp);
        return e;
    }
}
