//! The WSDL/XSD front end and the code generator on one fuzzed file: the input is the
//! entry WSDL (it may import itself or name files that do not exist).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gas_fuzz::load_and_generate(&[("entry.wsdl", data)]);
});
