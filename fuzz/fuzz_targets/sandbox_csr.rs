//! The sandbox's CSR checks (a CSR is an opaque blob inside an order request). The first
//! byte picks whether the rest is the text as sent (PEM or bare base64) or DER bytes
//! wrapped into PEM here, so that the PKCS#10 parser sees arbitrary DER.
#![no_main]

use gas_sandbox::csr::check_csr;
use libfuzzer_sys::fuzz_target;
use soap_runtime::Base64Binary;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = if selector & 1 == 0 {
        match std::str::from_utf8(rest) {
            Ok(t) => t.to_owned(),
            Err(_) => return,
        }
    } else {
        format!(
            "-----BEGIN CERTIFICATE REQUEST-----\n{}\n-----END CERTIFICATE REQUEST-----\n",
            Base64Binary(rest.to_vec())
        )
    };
    if let Err(e) = check_csr(&text, "CSR") {
        let _ = format!("{e:?}");
    }
});
