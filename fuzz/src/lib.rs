//! What the fuzz targets share: a scratch directory for WSDL/XSD files, a body element
//! that reads any message the ways generated code does, and the checks every target
//! makes on what comes out (errors have a place, answers are envelopes).

use std::path::PathBuf;
use std::sync::OnceLock;

use soapgen_codegen::error::ErrorKind;
use soap_runtime::envelope::decode_response;
use soap_runtime::{
    BodyElement, DecodeError, EncodeError, Envelope, Limits, Operation, StartTag, XmlReader,
    XmlWriter,
};

/// gas-client's checked-in generated code, compiled here on its own: it needs only
/// soap-runtime (not the client's HTTP and TLS stack), and the sandbox answers with it.
#[path = "../../gas-client/src/generated/mod.rs"]
#[allow(dead_code, unused_imports, clippy::all)]
pub mod generated;

/// Checks an answer of the sandbox to a request whose body element is `request` (`None`:
/// unreadable): a SOAP fault, or, for one of the 14 operations, its response, readable
/// with the generated type. Returns what is wrong.
pub fn check_answer(request: Option<&str>, answer: &[u8]) -> Result<(), String> {
    use generated::operations as op;
    fn read<O: Operation>(answer: &[u8]) -> Result<(), String> {
        match decode_response::<O::Output>(answer, &Limits::default()) {
            Ok(_) => Ok(()),
            Err(e) => Err(format!("not a readable {} answer ({e})", O::NAME)),
        }
    }
    macro_rules! by_request {
        ($($op:ident = $wire:literal),*) => {
            $(
                if request == Some(<<op::$op as Operation>::Input as BodyElement>::NAME) {
                    return read::<op::$op>(answer);
                }
            )*
        };
    }
    crate::gas_order_service_operations!(by_request);
    // Anything else must be answered with a fault.
    match decode_response::<Probe>(answer, &Limits::default()) {
        Ok(Envelope::Fault(_)) => Ok(()),
        Ok(Envelope::Body(_)) => Err("a body for a request that is no operation".to_owned()),
        Err(e) => Err(format!("not a readable fault ({e})")),
    }
}

/// A directory for this process's input files (one per process: libFuzzer may run
/// several workers).
pub fn scratch_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gas-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory can be created");
        dir
    })
    .clone()
}

/// Writes `files` into the scratch directory (the first is the entry), loads the entry
/// with `soapgen_codegen::load`, and generates code from whatever loads. Errors are fine; a
/// load error without a `file:line` is not (every construct has one).
pub fn load_and_generate(files: &[(&str, &[u8])]) {
    let dir = scratch_dir();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("scratch file can be written");
    }
    let entry = dir.join(files[0].0);
    match soapgen_codegen::load(&entry, &soapgen_codegen::LoadOptions::default()) {
        Ok(model) => {
            let options = soapgen_codegen::GenerateOptions {
                server: true,
                ..soapgen_codegen::GenerateOptions::default()
            };
            if let Err(e) = soapgen_codegen::generate(&model, None, &options) {
                let _ = e.to_string();
            }
        }
        Err(e) => {
            assert!(
                e.pos.is_some() || e.kind == ErrorKind::Io,
                "a load error without a place: {e:?}"
            );
            let _ = e.to_string();
        }
    }
}

/// The `targetNamespace="..."` of a schema text, if it is easy to see.
pub fn target_namespace(text: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(text).ok()?;
    let at = text.find("targetNamespace=")? + "targetNamespace=".len();
    let rest = &text[at..];
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    let end = value.find(quote)?;
    let ns = &value[..end];
    // Only what can go into an attribute as is.
    (!ns.contains(['<', '&', '"'])).then(|| ns.to_owned())
}

/// A WSDL whose only content is an import of `types.xsd` for `namespace`.
pub fn entry_importing(namespace: Option<&str>) -> String {
    let ns_attr = namespace
        .map(|ns| format!(" namespace=\"{ns}\""))
        .unwrap_or_default();
    format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:fuzz-entry">
<types><xs:schema targetNamespace="urn:fuzz-entry"><xs:import{ns_attr} schemaLocation="types.xsd"/></xs:schema></types>
</definitions>"#
    )
}

/// A body element that reads whatever it is given, the ways generated readers do:
/// children named like value types are read as those types (`Int`, `Long`, `Bool`,
/// `Decimal`, `DateTime`, `Date`, `Base64`, `Hex`, `Double`, `List`), `Raw` as
/// `xs:any`, `Secret` as a withheld value, `Skip` is skipped, anything else is read as
/// a complex value: its attributes, then its children the same way (recursion is
/// bounded by the reader's depth limit).
#[derive(Debug, Default)]
pub struct Probe {
    pub values: usize,
}

impl BodyElement for Probe {
    const NAME: &'static str = "Probe";
    const NAMESPACE: &'static str = "urn:p";

    fn write_element(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.start(Some("urn:p"), "Probe");
        w.end()
    }

    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Probe::default();
        let Some(wrapper) = r.next_child()? else {
            return r.missing("Probe");
        };
        read_complex(r, &wrapper, &mut out)?;
        Ok(out)
    }
}

fn read_complex<'a>(
    r: &mut XmlReader<'a>,
    start: &StartTag<'a>,
    out: &mut Probe,
) -> Result<(), DecodeError> {
    r.for_each_attribute(start, |_, local, value| {
        if local == "int" {
            XmlReader::parse_attribute::<i32>(value).map(|_| ())
        } else {
            Ok(())
        }
    })?;
    if r.is_nil(start) || start.is_empty() {
        if !start.is_empty() {
            r.skip(start)?;
        }
        return Ok(());
    }
    while let Some(child) = r.next_child()? {
        let _ = r.namespace_of(&child);
        let read = match child.local_name() {
            "Int" => r.read_value::<i32>(&child)?.is_some(),
            "Long" => r.read_value::<i64>(&child)?.is_some(),
            "Bool" => r.read_value::<bool>(&child)?.is_some(),
            "Double" => r.read_value::<f64>(&child)?.is_some(),
            "Decimal" => r.read_value::<soap_runtime::Decimal>(&child)?.is_some(),
            "DateTime" => r.read_value::<soap_runtime::DateTime>(&child)?.is_some(),
            "Date" => r.read_value::<soap_runtime::Date>(&child)?.is_some(),
            "Base64" => r
                .read_value::<soap_runtime::Base64Binary>(&child)?
                .is_some(),
            "Hex" => r.read_value::<soap_runtime::HexBinary>(&child)?.is_some(),
            "List" => r.read_value::<Vec<i32>>(&child)?.is_some(),
            "Text" => r.read_value::<String>(&child)?.is_some(),
            "Secret" => r
                .read_secret_value::<soap_runtime::Secret>(&child)?
                .is_some(),
            "Raw" => {
                r.read_raw(&child)?;
                true
            }
            "Skip" => {
                r.skip(&child)?;
                false
            }
            _ => {
                read_complex(r, &child, out)?;
                false
            }
        };
        out.values += usize::from(read);
    }
    Ok(())
}

/// Checks on any decode error: it displays, and its position is inside the input.
pub fn check_decode_error(e: &DecodeError, input: &[u8]) {
    let _ = e.to_string();
    assert!(
        e.position <= input.len() as u64,
        "error position {} beyond the input ({} bytes): {e}",
        e.position,
        input.len()
    );
}
