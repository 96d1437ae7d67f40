//! What the loader tests share: WSDL and XSD files written to a temporary directory and
//! loaded from there, the place an error points at, and a one-operation WSDL to wrap
//! inline schemas in.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use soapgen_codegen::error::Error;
use soapgen_codegen::model::Model;
use soapgen_codegen::{LoadOptions, load};

/// Writes `files` (name, content; a name may have parent directories) into a fresh
/// directory; returns it (the files live as long as the guard) and the path of the first
/// file, the entry.
pub fn write(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }
    let entry = dir.path().join(files[0].0);
    (dir, entry)
}

/// Text files as the byte files [`write`] takes.
pub fn as_bytes<'a>(files: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a [u8])> {
    files
        .iter()
        .map(|(name, text)| (*name, text.as_bytes()))
        .collect()
}

/// Writes `files` and loads the first with the default options.
pub fn load_files(files: &[(&str, &[u8])]) -> Result<Model, Error> {
    let (_dir, entry) = write(files);
    load(&entry, &LoadOptions::default())
}

/// [`load_files`], which must give a model.
pub fn load_ok(files: &[(&str, &[u8])]) -> Model {
    load_files(files).unwrap_or_else(|e| panic!("expected a model, got {e}"))
}

/// [`load_files`], which must fail.
pub fn load_err(files: &[(&str, &[u8])]) -> Error {
    match load_files(files) {
        Ok(m) => panic!(
            "expected an error, got a model with {} types",
            m.types.len()
        ),
        Err(e) => e,
    }
}

/// The error's file name and line; every error checked with it must have a place.
pub fn at(e: &Error) -> (String, u32) {
    let pos = e.pos.as_ref().unwrap_or_else(|| panic!("no position: {e}"));
    let file = Path::new(&*pos.file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    (file, pos.line)
}

/// A one-operation document/literal WSDL (CXF style) around `types` (the content of
/// `wsdl:types`, e.g. an inline `xs:schema` for urn:t), whose messages use elements
/// `tns:In` and `tns:Out` of `urn:t`. `types` starts on line 5: tests check the lines
/// errors point at.
pub fn wsdl(types: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
<types>
{types}
</types>
<message name="InMsg"><part name="p" element="tns:In"/></message>
<message name="OutMsg"><part name="p" element="tns:Out"/></message>
<portType name="PT"><operation name="Op"><input message="tns:InMsg"/><output message="tns:OutMsg"/></operation></portType>
<binding name="B" type="tns:PT">
  <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="Op"><soap:operation soapAction=""/>
    <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
  </operation>
</binding>
<service name="S"><port name="P" binding="tns:B"><soap:address location="http://localhost/"/></port></service>
</definitions>
"#
    )
}

/// The `In` and `Out` elements [`wsdl`]'s messages use, for an inline schema of urn:t.
pub const IN_OUT: &str =
    r#"<xs:element name="In" type="xs:string"/><xs:element name="Out" type="xs:string"/>"#;
