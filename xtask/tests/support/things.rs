//! A small GlobalSign-style service (CXF output: document/literal wrapped,
//! unqualified locals, `minOccurs="0" nillable="true"`) and scripted edits of it.

pub const BASE: &str = r#"<?xml version='1.0' encoding='UTF-8'?><wsdl:definitions name="ThingService" targetNamespace="urn:things" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:things" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
<xs:schema elementFormDefault="unqualified" targetNamespace="urn:things" version="1.0" xmlns:tns="urn:things" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:element name="GetThing" type="tns:GetThing" />
<xs:element name="GetThingResponse" type="tns:GetThingResponse" />
<xs:complexType name="GetThing">
<xs:sequence>
<xs:element minOccurs="0" name="Request" type="tns:GetThingRequest" />
</xs:sequence>
</xs:complexType>
<xs:complexType name="GetThingRequest">
<xs:sequence>
<xs:element name="ThingID" type="xs:string" />
<xs:element minOccurs="0" name="Kind" nillable="true" type="tns:Kind" />
<xs:element minOccurs="0" name="Legacy" type="tns:Legacy" />
</xs:sequence>
</xs:complexType>
<xs:simpleType name="Kind">
<xs:restriction base="xs:string">
<xs:enumeration value="new" />
<xs:enumeration value="renewal" />
</xs:restriction>
</xs:simpleType>
<xs:complexType name="Legacy">
<xs:sequence>
<xs:element name="Code" type="xs:string" />
</xs:sequence>
</xs:complexType>
<xs:complexType name="GetThingResponse">
<xs:sequence>
<xs:element minOccurs="0" name="Response" type="tns:Thing" />
</xs:sequence>
</xs:complexType>
<xs:complexType name="Thing">
<xs:sequence>
<xs:element name="ThingID" type="xs:string" />
<xs:element maxOccurs="unbounded" minOccurs="0" name="Tag" type="xs:string" />
</xs:sequence>
</xs:complexType>
<!--more types-->
</xs:schema>
  </wsdl:types>
  <wsdl:message name="GetThing">
    <wsdl:part element="tns:GetThing" name="parameters">
    </wsdl:part>
  </wsdl:message>
  <wsdl:message name="GetThingResponse">
    <wsdl:part element="tns:GetThingResponse" name="parameters">
    </wsdl:part>
  </wsdl:message>
  <!--more messages-->
  <wsdl:portType name="ThingService">
    <wsdl:operation name="GetThing">
      <wsdl:input message="tns:GetThing" name="GetThing">
    </wsdl:input>
      <wsdl:output message="tns:GetThingResponse" name="GetThingResponse">
    </wsdl:output>
    </wsdl:operation>
    <!--more operations-->
  </wsdl:portType>
  <wsdl:binding name="ThingServiceSoapBinding" type="tns:ThingService">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http" />
    <wsdl:operation name="GetThing">
      <soap:operation soapAction="" style="document" />
      <wsdl:input name="GetThing">
        <soap:body use="literal" />
      </wsdl:input>
      <wsdl:output name="GetThingResponse">
        <soap:body use="literal" />
      </wsdl:output>
    </wsdl:operation>
    <!--more bindings-->
  </wsdl:binding>
  <wsdl:service name="ThingService">
    <wsdl:port binding="tns:ThingServiceSoapBinding" name="ThingServicePort">
      <soap:address location="https://example.invalid/ws/ThingService" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;

/// Adds the operation `DropThing` (element, types, messages, portType and binding).
pub fn add_operation(wsdl: &str) -> String {
    wsdl.replace(
        "<!--more types-->",
        r#"<xs:element name="DropThing" type="tns:DropThing" />
<xs:element name="DropThingResponse" type="tns:DropThingResponse" />
<xs:complexType name="DropThing">
<xs:sequence>
<xs:element minOccurs="0" name="ThingID" type="xs:string" />
</xs:sequence>
</xs:complexType>
<xs:complexType name="DropThingResponse">
<xs:sequence>
<xs:element name="Dropped" type="xs:boolean" />
</xs:sequence>
</xs:complexType>"#,
    )
    .replace(
        "<!--more messages-->",
        r#"<wsdl:message name="DropThing"><wsdl:part element="tns:DropThing" name="parameters"/></wsdl:message>
  <wsdl:message name="DropThingResponse"><wsdl:part element="tns:DropThingResponse" name="parameters"/></wsdl:message>"#,
    )
    .replace(
        "<!--more operations-->",
        r#"<wsdl:operation name="DropThing"><wsdl:input message="tns:DropThing" name="DropThing"/><wsdl:output message="tns:DropThingResponse" name="DropThingResponse"/></wsdl:operation>"#,
    )
    .replace(
        "<!--more bindings-->",
        r#"<wsdl:operation name="DropThing"><soap:operation soapAction="" style="document"/><wsdl:input name="DropThing"><soap:body use="literal"/></wsdl:input><wsdl:output name="DropThingResponse"><soap:body use="literal"/></wsdl:output></wsdl:operation>"#,
    )
}

pub fn make_thing_id_optional(wsdl: &str) -> String {
    wsdl.replacen(
        r#"<xs:element name="ThingID" type="xs:string" />"#,
        r#"<xs:element minOccurs="0" name="ThingID" type="xs:string" />"#,
        1,
    )
}

pub fn add_kind_value(wsdl: &str) -> String {
    wsdl.replace(
        r#"<xs:enumeration value="renewal" />"#,
        r#"<xs:enumeration value="renewal" />
<xs:enumeration value="transfer" />"#,
    )
}

pub fn drop_legacy_type(wsdl: &str) -> String {
    wsdl.replace(
        r#"<xs:element minOccurs="0" name="Legacy" type="tns:Legacy" />
"#,
        "",
    )
    .replace(
        r#"<xs:complexType name="Legacy">
<xs:sequence>
<xs:element name="Code" type="xs:string" />
</xs:sequence>
</xs:complexType>
"#,
        "",
    )
}
