//! soap-runtime's envelope entry points on any bytes: a response (lenient and strict),
//! a request, and the dispatch peek. The first byte picks the entry point and a limit
//! profile; the rest is the message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soap_runtime::envelope::{decode_request, decode_response_with, request_info};
use soap_runtime::{Envelope, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, message)) = data.split_first() else {
        return;
    };
    let limits = if selector & 0x80 == 0 {
        Limits::default()
    } else {
        // Small limits, so that the limit paths are exercised too.
        Limits {
            max_size: 4096,
            max_depth: 12,
            max_text: 64,
        }
    };
    match selector & 0x03 {
        0 | 1 => match decode_response_with::<gas_fuzz::Probe>(message, &limits, selector & 1 == 1)
        {
            Ok(Envelope::Body(_)) => {}
            Ok(Envelope::Fault(fault)) => {
                let _ = fault.to_string();
            }
            Err(e) => gas_fuzz::check_decode_error(&e, message),
        },
        2 => {
            if let Err(e) = decode_request::<gas_fuzz::Probe>(message, &limits) {
                gas_fuzz::check_decode_error(&e, message);
            }
        }
        _ => {
            if let Err(e) = request_info(message, &limits) {
                gas_fuzz::check_decode_error(&e, message);
            }
        }
    }
});
