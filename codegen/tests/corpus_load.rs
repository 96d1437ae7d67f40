//! Every service of the WSDL corpus loads into a model with the facts the corpus
//! README (and the files themselves) state.

use std::path::{Path, PathBuf};

use codegen::model::{Model, SoapVersion, Style};
use codegen::{LoadOptions, load};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl-corpus")
}

fn load_ok(rel: &str) -> Model {
    load_with(rel, &LoadOptions::default())
}

fn load_with(rel: &str, options: &LoadOptions) -> Model {
    let path = corpus().join(rel);
    match load(&path, options) {
        Ok(m) => m,
        Err(e) => panic!("{rel} failed to load: {e}"),
    }
}

#[test]
fn globalsign_all_four() {
    for (file, ops) in [
        ("globalsign/GasOrderService-cr-v1.wsdl", 10),
        ("globalsign/ServerSSLService-kb-v1.wsdl", 21),
        ("globalsign/GASService-kb-v1.wsdl", 11),
        ("globalsign/ManagedSSLService-kb-v2.wsdl", 15),
    ] {
        let m = load_ok(file);
        assert_eq!(m.operations.len(), ops, "{file}");
        for op in &m.operations {
            assert_eq!(op.style, Style::Document, "{file} {}", op.name);
            assert_eq!(op.soap_version, SoapVersion::Soap11);
            assert_eq!(op.soap_action.as_deref(), Some(""));
        }
        eprintln!(
            "{file}: {} ops, {} types, {} elements",
            m.operations.len(),
            m.types.len(),
            m.elements.len()
        );
    }
}
