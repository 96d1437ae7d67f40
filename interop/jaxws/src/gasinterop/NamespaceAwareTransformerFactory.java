package gasinterop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.URIResolver;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TemplatesHandler;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.XMLFilter;

/**
 * The JDK's transformer factory, except that an identity transform into a DOM is done by
 * serializing and parsing again with a namespace-aware parser.
 *
 * Why: JAX-WS RI's schema validation copies the WSDL's xs:schema into a DOM with the JDK's
 * identity transformer, which turns the `xmlns:tns` that xs:schema re-declares (as CXF's
 * WSDLs do, and ours) into a plain attribute; Xerces then refuses the schema
 * (`s4s-att-not-allowed: Attribute 'xmlns:tns' cannot appear in element 'schema'`), and the
 * client cannot be created (JDK 17, JAX-WS RI 2.3). Installed by the mains with
 * {@link #install()}; the WSDL itself needs no change.
 */
public final class NamespaceAwareTransformerFactory extends SAXTransformerFactory {
    private final SAXTransformerFactory jdk = (SAXTransformerFactory) TransformerFactory.newDefaultInstance();

    /** Makes TransformerFactory.newInstance() (what JAX-WS RI calls) return this factory. */
    public static void install() {
        System.setProperty("javax.xml.transform.TransformerFactory",
                NamespaceAwareTransformerFactory.class.getName());
    }

    @Override
    public Transformer newTransformer() throws TransformerConfigurationException {
        return new Identity(jdk.newTransformer());
    }

    @Override
    public Transformer newTransformer(Source source) throws TransformerConfigurationException {
        return jdk.newTransformer(source);
    }

    @Override
    public Templates newTemplates(Source source) throws TransformerConfigurationException {
        return jdk.newTemplates(source);
    }

    @Override
    public Source getAssociatedStylesheet(Source source, String media, String title, String charset)
            throws TransformerConfigurationException {
        return jdk.getAssociatedStylesheet(source, media, title, charset);
    }

    @Override
    public void setURIResolver(URIResolver resolver) {
        jdk.setURIResolver(resolver);
    }

    @Override
    public URIResolver getURIResolver() {
        return jdk.getURIResolver();
    }

    @Override
    public void setFeature(String name, boolean value) throws TransformerConfigurationException {
        jdk.setFeature(name, value);
    }

    @Override
    public boolean getFeature(String name) {
        return jdk.getFeature(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        jdk.setAttribute(name, value);
    }

    @Override
    public Object getAttribute(String name) {
        return jdk.getAttribute(name);
    }

    @Override
    public void setErrorListener(ErrorListener listener) {
        jdk.setErrorListener(listener);
    }

    @Override
    public ErrorListener getErrorListener() {
        return jdk.getErrorListener();
    }

    @Override
    public TransformerHandler newTransformerHandler(Source source) throws TransformerConfigurationException {
        return jdk.newTransformerHandler(source);
    }

    @Override
    public TransformerHandler newTransformerHandler(Templates templates) throws TransformerConfigurationException {
        return jdk.newTransformerHandler(templates);
    }

    @Override
    public TransformerHandler newTransformerHandler() throws TransformerConfigurationException {
        return jdk.newTransformerHandler();
    }

    @Override
    public TemplatesHandler newTemplatesHandler() throws TransformerConfigurationException {
        return jdk.newTemplatesHandler();
    }

    @Override
    public XMLFilter newXMLFilter(Source source) throws TransformerConfigurationException {
        return jdk.newXMLFilter(source);
    }

    @Override
    public XMLFilter newXMLFilter(Templates templates) throws TransformerConfigurationException {
        return jdk.newXMLFilter(templates);
    }

    /** The JDK's identity transformer; into a DOM it goes through bytes and a namespace-aware parse. */
    private static final class Identity extends Transformer {
        private final Transformer jdk;

        Identity(Transformer jdk) {
            this.jdk = jdk;
        }

        @Override
        public void transform(Source source, Result result) throws TransformerException {
            if (!(result instanceof DOMResult)) {
                jdk.transform(source, result);
                return;
            }
            DOMResult dom = (DOMResult) result;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            jdk.transform(source, new StreamResult(bytes));
            Document parsed;
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                parsed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes.toByteArray()));
            } catch (Exception e) {
                throw new TransformerException("namespace-aware copy into a DOM failed", e);
            }
            Node target = dom.getNode();
            if (target == null) {
                dom.setNode(parsed);
                return;
            }
            Document owner = target instanceof Document ? (Document) target : target.getOwnerDocument();
            Node copy = owner.importNode(parsed.getDocumentElement(), true);
            Node before = dom.getNextSibling();
            if (before != null) {
                target.insertBefore(copy, before);
            } else {
                target.appendChild(copy);
            }
        }

        @Override
        public void setParameter(String name, Object value) {
            jdk.setParameter(name, value);
        }

        @Override
        public Object getParameter(String name) {
            return jdk.getParameter(name);
        }

        @Override
        public void clearParameters() {
            jdk.clearParameters();
        }

        @Override
        public void setURIResolver(URIResolver resolver) {
            jdk.setURIResolver(resolver);
        }

        @Override
        public URIResolver getURIResolver() {
            return jdk.getURIResolver();
        }

        @Override
        public void setOutputProperties(Properties properties) {
            jdk.setOutputProperties(properties);
        }

        @Override
        public Properties getOutputProperties() {
            return jdk.getOutputProperties();
        }

        @Override
        public void setOutputProperty(String name, String value) {
            jdk.setOutputProperty(name, value);
        }

        @Override
        public String getOutputProperty(String name) {
            return jdk.getOutputProperty(name);
        }

        @Override
        public void setErrorListener(ErrorListener listener) {
            jdk.setErrorListener(listener);
        }

        @Override
        public ErrorListener getErrorListener() {
            return jdk.getErrorListener();
        }
    }
}
