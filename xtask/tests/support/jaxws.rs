//! A JAX-WS style service: `?wsdl` importing `?xsd=1` by an absolute URL back to the
//! server, `?xsd=1` importing `?xsd=2` by a relative location, `?xsd=2` importing
//! `?xsd=1` back (a cycle). `{base}` is replaced by the server's base URL.

pub const WSDL: &str = r#"<?xml version='1.0' encoding='UTF-8'?><definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:svc" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:svc" name="SvcService">
<types>
<xsd:schema>
<xsd:import namespace="urn:svc" schemaLocation="{base}/ws/Svc?xsd=1"/>
</xsd:schema>
</types>
<message name="GetThing"><part name="parameters" element="tns:GetThing"/></message>
<message name="GetThingResponse"><part name="parameters" element="tns:GetThingResponse"/></message>
<portType name="Svc">
<operation name="GetThing"><input message="tns:GetThing"/><output message="tns:GetThingResponse"/></operation>
</portType>
<binding name="SvcPortBinding" type="tns:Svc">
<soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
<operation name="GetThing"><soap:operation soapAction=""/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
</binding>
<service name="SvcService">
<port name="SvcPort" binding="tns:SvcPortBinding"><soap:address location="{base}/ws/Svc"/></port>
</service>
</definitions>"#;

pub const XSD1: &str = r#"<?xml version='1.0' encoding='UTF-8'?><xs:schema xmlns:tns="urn:svc" xmlns:c="urn:common" xmlns:xs="http://www.w3.org/2001/XMLSchema" version="1.0" targetNamespace="urn:svc">
<xs:import namespace="urn:common" schemaLocation="Svc?xsd=2"/>
<xs:element name="GetThing" type="tns:GetThing"/>
<xs:element name="GetThingResponse" type="tns:GetThingResponse"/>
<xs:complexType name="GetThing"><xs:sequence><xs:element name="Id" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:complexType name="GetThingResponse"><xs:sequence><xs:element name="Thing" type="c:Thing" minOccurs="0"/></xs:sequence></xs:complexType>
</xs:schema>"#;

pub const XSD2: &str = r#"<?xml version='1.0' encoding='UTF-8'?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:svc" version="1.0" targetNamespace="urn:common">
<xs:import namespace="urn:svc" schemaLocation="{base}/ws/Svc?xsd=1"/>
<xs:complexType name="Thing"><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>"#;
