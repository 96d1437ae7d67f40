package gasinterop;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.xml.ws.developer.SchemaValidationFeature;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.ws.Endpoint;

/**
 * Serves GasOrderServiceImpl on loopback with JAX-WS RI and the JDK's HTTP server, with
 * schema validation of every request and every answer against wsdl/GasOrderService.wsdl.
 *
 * Usage: JaxwsServer WSDL USER PASSWORD. Binds an ephemeral port, prints one line
 * "listening http://127.0.0.1:PORT/pc/ws/v2/GasOrderService", and serves until its standard
 * input closes (so it ends with the test process that started it).
 */
public final class JaxwsServer {
    public static final String PATH = "/pc/ws/v2/GasOrderService";

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: JaxwsServer WSDL USER PASSWORD");
            System.exit(2);
        }
        // Schema validation reads the WSDL's xs:schema through the JDK's transformer, which
        // mangles its xmlns:tns (see the class); SandboxCheck needs this, the server gets it
        // too so that both read the WSDL the same way.
        NamespaceAwareTransformerFactory.install();
        File wsdl = new File(args[0]).getAbsoluteFile();

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4));
        HttpContext context = http.createContext(PATH);

        Endpoint endpoint = Endpoint.create(
                new GasOrderServiceImpl(args[1], args[2]),
                // Requests and answers are validated against the WSDL's schema (inbound and
                // outbound), so an answer JAXB writes that the WSDL does not allow is a fault
                // here and a request gas-client writes that it does not allow is refused.
                new SchemaValidationFeature());
        // The WSDL itself, not one JAX-WS would derive from the classes: its schema is what
        // the validation uses.
        List<Source> metadata = List.of(new StreamSource(wsdl.toURI().toString()));
        endpoint.setMetadata(metadata);
        endpoint.publish(context);
        http.start();

        System.out.println("listening http://127.0.0.1:" + http.getAddress().getPort() + PATH);
        System.out.flush();
        // Serve until the parent closes our stdin (or dies).
        while (System.in.read() != -1) {
            // Input is ignored.
        }
        endpoint.stop();
        http.stop(0);
        System.exit(0);
    }

    private JaxwsServer() {}
}
