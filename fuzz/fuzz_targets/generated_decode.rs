//! The generated decoders of all 14 operations (gas-client's checked-in code), through
//! the envelope entry points, as the client and the sandbox call them. The first byte
//! picks the operation (low 4 bits, in `OPERATIONS` order), whether the message is read
//! as the operation's response (the client) or its request (the sandbox), and whether
//! missing required elements are errors (strict). Whatever decodes must encode to bytes
//! that decode to the same value.
#![no_main]

use std::fmt::Debug;

use gas_fuzz::generated::operations as op;
use libfuzzer_sys::fuzz_target;
use soap_runtime::envelope::{
    decode_request, decode_response_with, encode_request, encode_response,
};
use soap_runtime::{BodyElement, Envelope, Limits, Operation, SoapVersion};

fn check<B: BodyElement + PartialEq + Debug>(
    message: &[u8],
    request: bool,
    strict: bool,
    limits: &Limits,
) {
    let decoded = if request {
        decode_request::<B>(message, limits)
    } else {
        match decode_response_with::<B>(message, limits, strict) {
            Ok(Envelope::Body(b)) => Ok(b),
            Ok(Envelope::Fault(f)) => {
                let _ = f.to_string();
                return;
            }
            Err(e) => Err(e),
        }
    };
    let value = match decoded {
        Ok(v) => v,
        Err(e) => {
            gas_fuzz::check_decode_error(&e, message);
            return;
        }
    };
    // Round trip: the writer's output is readable, and reads back the same value.
    let encoded = if request {
        encode_request(&value, SoapVersion::Soap11)
    } else {
        encode_response(&value, SoapVersion::Soap11)
    };
    let Ok(bytes) = encoded else {
        return;
    };
    let again = if request {
        decode_request::<B>(&bytes, &Limits::default())
    } else {
        match decode_response_with::<B>(&bytes, &Limits::default(), false) {
            Ok(Envelope::Body(b)) => Ok(b),
            Ok(Envelope::Fault(f)) => panic!("re-encoded value reads as a fault: {f:?}"),
            Err(e) => Err(e),
        }
    };
    match again {
        Ok(v) => assert_eq!(v, value, "value changed through encode/decode"),
        Err(e) => panic!(
            "the writer's output does not decode ({e}): {}",
            String::from_utf8_lossy(&bytes)
        ),
    }
}

fn run<O: Operation>(message: &[u8], request: bool, strict: bool, limits: &Limits)
where
    O::Input: PartialEq + Debug,
    O::Output: PartialEq + Debug,
{
    if request {
        check::<O::Input>(message, true, strict, limits);
    } else {
        check::<O::Output>(message, false, strict, limits);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, message)) = data.split_first() else {
        return;
    };
    let request = selector & 0x10 != 0;
    let strict = selector & 0x20 != 0;
    let limits = if selector & 0x40 == 0 {
        Limits::default()
    } else {
        Limits {
            max_size: 16 * 1024,
            max_depth: 16,
            max_text: 256,
        }
    };
    // The operation: its index in the generated `OPERATIONS` (the WSDL's order; the
    // seeds of `cargo xtask fuzz` are numbered the same way).
    let Some(operation) = op::OPERATIONS.get(usize::from(selector & 0x0F)) else {
        return;
    };
    match operation.name {
        "OrderOS" => run::<op::OrderOS>(message, request, strict, &limits),
        "OrderOSEV" => run::<op::OrderOSEV>(message, request, strict, &limits),
        "OrderPS1" => run::<op::OrderPS1>(message, request, strict, &limits),
        "OrderPS2" => run::<op::OrderPS2>(message, request, strict, &limits),
        "OrderPS2Dept" => run::<op::OrderPS2Dept>(message, request, strict, &limits),
        "OrderPS2Pro" => run::<op::OrderPS2Pro>(message, request, strict, &limits),
        "OrderAATL" => run::<op::OrderAATL>(message, request, strict, &limits),
        "OrderQC" => run::<op::OrderQC>(message, request, strict, &limits),
        "ModifyOrder" => run::<op::ModifyOrder>(message, request, strict, &limits),
        "ReIssue" => run::<op::ReIssue>(message, request, strict, &limits),
        "ResendEmail" => run::<op::ResendEmail>(message, request, strict, &limits),
        "GetOrderByOrderID" => run::<op::GetOrderByOrderID>(message, request, strict, &limits),
        "GetModifiedOrders" => run::<op::GetModifiedOrders>(message, request, strict, &limits),
        "GetOrders" => run::<op::GetOrders>(message, request, strict, &limits),
        other => panic!("operation {other} has no arm here"),
    }
});
