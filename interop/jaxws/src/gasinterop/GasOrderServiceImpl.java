package gasinterop;

import gasws.*;
import java.util.List;
import javax.jws.WebService;
import javax.xml.bind.JAXBElement;
import javax.xml.namespace.QName;
import javax.xml.soap.SOAPConstants;
import javax.xml.soap.SOAPFactory;
import javax.xml.soap.SOAPFault;
import javax.xml.ws.soap.SOAPFaultException;

/**
 * The 14 operations of GasOrderService, answered by JAX-WS RI from the classes wsimport
 * generated out of wsdl/GasOrderService.wsdl. Every answer is fixed (no clock, no state), so
 * the Rust test (tests/jaxws.rs) can check every value; Fixtures.java holds the values.
 *
 * What a request can ask for:
 * - wrong UserName or Password: SuccessCode -1 with error -4001 (no ErrorField);
 * - SubID (orders) or OrderID (the others) "FAULT-SERVER" / "FAULT-CLIENT": a SOAP fault
 *   with faultcode Server / Client, as CXF answers a failure on its side / a bad message;
 * - GetOrderByOrderID of an OrderID that does not start with "CEJX": -9916 on "OrderID";
 * - GetOrders with a SubID: the one order with that SubID (how gas-client reconciles an
 *   order whose answer was lost).
 * Schema validation of requests and answers is switched on by JaxwsServer (the
 * SchemaValidationFeature), so a request that does not match the WSDL is a Client fault.
 */
@WebService(
        endpointInterface = "gasws.GasOrderService",
        serviceName = "GasOrderService",
        portName = "GasOrderServicePort",
        targetNamespace = "https://system.globalsign.com/pc/ws/v2/")
public class GasOrderServiceImpl implements GasOrderService {
    private static final ObjectFactory OF = new ObjectFactory();
    private final String user;
    private final String password;

    public GasOrderServiceImpl(String user, String password) {
        this.user = user;
        this.password = password;
    }

    // ---- orders -------------------------------------------------------------------------

    @Override
    public PcV2OrderOSResponse orderOS(PcV2OrderOSRequest request) {
        PcV2OrderOSResponse r = new PcV2OrderOSResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderOS"));
            // Code signing needs no registration: the URL is there and nil.
            r.setRegistrationURL(OF.createPcV2OrderOSResponseRegistrationURL(null));
        }
        return r;
    }

    @Override
    public PcV2OrderOSEVResponse orderOSEV(PcV2OrderOSEVRequest request) {
        PcV2OrderOSEVResponse r = new PcV2OrderOSEVResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderOSEV"));
            // No RegistrationURL element at all.
        }
        return r;
    }

    @Override
    public PcV2OrderPS1Response orderPS1(PcV2OrderPS1Request request) {
        PcV2OrderPS1Response r = new PcV2OrderPS1Response();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderPS1"));
            r.setRegistrationURL(OF.createPcV2OrderPS1ResponseRegistrationURL(
                    Fixtures.registrationUrl("OrderPS1")));
        }
        return r;
    }

    @Override
    public PcV2OrderPS2Response orderPS2(PcV2OrderPS2Request request) {
        PcV2OrderPS2Response r = new PcV2OrderPS2Response();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        if (succeeded(header)) {
            // PS2 is discontinued for new orders (2.4.5): success with a warning.
            header = Fixtures.warning();
            r.setOrderID(Fixtures.orderId("OrderPS2"));
            r.setRegistrationURL(OF.createPcV2OrderPS2ResponseRegistrationURL(
                    Fixtures.registrationUrl("OrderPS2")));
        }
        r.setOrderResponseHeader(header);
        return r;
    }

    @Override
    public PcV2OrderPS2DeptResponse orderPS2Dept(PcV2OrderPS2DeptRequest request) {
        PcV2OrderPS2DeptResponse r = new PcV2OrderPS2DeptResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderPS2Dept"));
            r.setRegistrationURL(OF.createPcV2OrderPS2DeptResponseRegistrationURL(
                    Fixtures.registrationUrl("OrderPS2Dept")));
        }
        return r;
    }

    @Override
    public PcV2OrderPS2ProResponse orderPS2Pro(PcV2OrderPS2ProRequest request) {
        PcV2OrderPS2ProResponse r = new PcV2OrderPS2ProResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderPS2Pro"));
            r.setRegistrationURL(OF.createPcV2OrderPS2ProResponseRegistrationURL(null));
        }
        return r;
    }

    @Override
    public PcV2OrderAATLResponse orderAATL(PcV2OrderAATLRequest request) {
        PcV2OrderAATLResponse r = new PcV2OrderAATLResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderAATL"));
        }
        return r;
    }

    @Override
    public PcV2OrderQCResponse orderQC(PcV2OrderQCRequest request) {
        PcV2OrderQCResponse r = new PcV2OrderQCResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), value(request.getSubID()));
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("OrderQC"));
            r.setRegistrationURL(OF.createPcV2OrderQCResponseRegistrationURL(
                    Fixtures.registrationUrl("OrderQC")));
        }
        return r;
    }

    // ---- changes to an order ------------------------------------------------------------

    @Override
    public PcV2ReIssueResponse reIssue(PcV2ReIssueRequest request) {
        PcV2ReIssueResponse r = new PcV2ReIssueResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), request.getTargetOrderID());
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            r.setOrderID(Fixtures.orderId("ReIssue"));
        }
        return r;
    }

    @Override
    public PcV2ModifyOrderResponse modifyOrder(PcV2ModifyOrderRequest request) {
        PcV2ModifyOrderResponse r = new PcV2ModifyOrderResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), request.getOrderID());
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            // The order it acted on, as GlobalSign answers.
            r.setOrderID(request.getOrderID());
        }
        return r;
    }

    @Override
    public PcV2ResendEmailResponse resendEmail(PcV2ResendEmailRequest request) {
        PcV2ResendEmailResponse r = new PcV2ResendEmailResponse();
        r.setOrderResponseHeader(check(request.getOrderRequestHeader(), request.getOrderID()));
        return r;
    }

    // ---- queries ------------------------------------------------------------------------

    @Override
    public PcV2GetOrderByOrderIDResponse getOrderByOrderID(PcV2GetOrderByOrderIDRequest request) {
        PcV2GetOrderByOrderIDResponse r = new PcV2GetOrderByOrderIDResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), request.getOrderID());
        if (succeeded(header) && !request.getOrderID().startsWith("CEJX")) {
            header = Fixtures.failure("-9916", "OrderID", "The order does not exist.");
        }
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            OrderQueryOption o = value(request.getOrderQueryOption());
            Fixtures.Sections sections = o == null
                    ? Fixtures.Sections.NONE
                    : new Fixtures.Sections(
                            flag(o.getReturnOrderOption()),
                            flag(o.getReturnCertificateInfo()),
                            flag(o.getReturnFulfillment()),
                            flag(o.getReturnCACerts()));
            r.setOrderDetail(OF.createPcV2GetOrderByOrderIDResponseOrderDetail(
                    Fixtures.detail(request.getOrderID(), "sub-" + request.getOrderID(), sections)));
        }
        return r;
    }

    @Override
    public PcV2GetModifiedOrdersResponse getModifiedOrders(PcV2GetModifiedOrdersRequest request) {
        PcV2GetModifiedOrdersResponse r = new PcV2GetModifiedOrdersResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), null);
        r.setOrderResponseHeader(header);
        if (succeeded(header)) {
            // The window asked for, echoed as GlobalSign does.
            r.setFromDate(OF.createPcV2GetModifiedOrdersResponseFromDate(request.getFromDate()));
            r.setToDate(OF.createPcV2GetModifiedOrdersResponseToDate(request.getToDate()));
            ModifiedOrdersQueryOption o = value(request.getOrderQueryOption());
            Fixtures.Sections sections = o == null
                    ? Fixtures.Sections.NONE
                    : new Fixtures.Sections(
                            flag(o.getReturnOrderOption()),
                            flag(o.getReturnCertificateInfo()),
                            flag(o.getReturnFulfillment()),
                            flag(o.getReturnCACerts()));
            r.getOrderDetail().add(Fixtures.detail("CEJX0000000201", "modified-1", sections));
            r.getOrderDetail().add(Fixtures.bareDetail("CEJX0000000202"));
        }
        return r;
    }

    @Override
    public PcV2GetOrdersResponse getOrders(PcV2GetOrdersRequest request) {
        PcV2GetOrdersResponse r = new PcV2GetOrdersResponse();
        OrderResponseHeader header = check(request.getOrderRequestHeader(), null);
        r.setOrderResponseHeader(header);
        if (!succeeded(header)) {
            return r;
        }
        OrdersQueryOption o = value(request.getOrderQueryOption());
        String subId = o == null ? null : value(o.getSubID());
        Fixtures.Sections sections = o == null
                ? Fixtures.Sections.NONE
                : new Fixtures.Sections(
                        flag(o.getReturnOrderOption()),
                        flag(o.getReturnCertificateInfo()),
                        flag(o.getReturnFulfillment()),
                        flag(o.getReturnCACerts()));
        if (subId != null) {
            // The order a lost answer left open: found by its SubID.
            r.getOrderDetail().add(Fixtures.detail(Fixtures.orderId("found-by-SubID"), subId, sections));
        } else {
            r.getOrderDetail().add(Fixtures.detail("CEJX0000000301", "listed-1", sections));
            r.getOrderDetail().add(Fixtures.bareDetail("CEJX0000000302"));
            r.getOrderDetail().add(Fixtures.detail("CEJX0000000303", null, sections));
        }
        return r;
    }

    // ---- shared -------------------------------------------------------------------------

    /**
     * The answer's header: -4001 for wrong credentials, a SOAP fault when `key` (SubID or
     * OrderID) asks for one, success otherwise.
     */
    private OrderResponseHeader check(OrderRequestHeader request, String key) {
        AuthToken token = request.getAuthToken();
        if ("FAULT-SERVER".equals(key)) {
            // JAX-WS RI answers an unchecked exception with faultcode soap:Server.
            throw new IllegalStateException("JAX-WS test server: the database is unavailable");
        }
        if ("FAULT-CLIENT".equals(key)) {
            throw clientFault("JAX-WS test server: the message was refused");
        }
        if (!user.equals(token.getUserName()) || !password.equals(token.getPassword())) {
            return Fixtures.failure("-4001", null, "Login failed.");
        }
        return Fixtures.success();
    }

    private static boolean succeeded(OrderResponseHeader header) {
        return header.getSuccessCode() >= 0;
    }

    private static SOAPFaultException clientFault(String message) {
        try {
            SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL)
                    .createFault(message, new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, "Client"));
            return new SOAPFaultException(fault);
        } catch (javax.xml.soap.SOAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JAXBElement's value, or null when it is absent or nil. */
    private static <T> T value(JAXBElement<T> element) {
        return element == null ? null : element.getValue();
    }

    /** The query options' "true"/"false" flags (xs:string in the WSDL). */
    private static boolean flag(JAXBElement<String> element) {
        return "true".equalsIgnoreCase(value(element));
    }
}
