//! One fuzzed schema file imported by a fixed WSDL (for the namespace the schema
//! declares), then the code generator on the model.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let namespace = gas_fuzz::target_namespace(data);
    let entry = gas_fuzz::entry_importing(namespace.as_deref());
    gas_fuzz::load_and_generate(&[("entry.wsdl", entry.as_bytes()), ("types.xsd", data)]);
});
