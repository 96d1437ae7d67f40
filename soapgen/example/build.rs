//! Generates checkVatService's module (types, operations, server trait, client) into
//! OUT_DIR; src/lib.rs includes it.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The repository's copy of the EU's checkVatService WSDL (codegen/tests/corpus).
    soapgen::Builder::new("../../codegen/tests/corpus/eu-vies-checkvat/checkVatService.wsdl")
        .client(true)
        .generate()?;
    Ok(())
}
