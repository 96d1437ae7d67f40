//! Namespace URIs the front end recognises.

pub const XSD: &str = "http://www.w3.org/2001/XMLSchema";
pub const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
pub const SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
pub const SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
pub const HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";
/// SOAP 1.1 encoding (`soapenc:`): only rpc/encoded services need it.
pub const SOAP_ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// SOAP 1.2 encoding.
pub const SOAP12_ENC: &str = "http://www.w3.org/2003/05/soap-encoding";
pub use super::xml::XML_NS as XML;
