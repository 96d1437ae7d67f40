//! The sandbox's SOAP handler on any POST body: it must answer every request with a
//! readable SOAP envelope (a response or a fault), never panic.
#![no_main]

use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use gas_sandbox::soap::{PendingHandler, SoapHandler};
use libfuzzer_sys::fuzz_target;
use soap_runtime::envelope::decode_response;
use soap_runtime::{Envelope, Limits};

fuzz_target!(|data: &[u8]| {
    let handler = PendingHandler::default();
    let mut future = handler.handle(Bytes::copy_from_slice(data));
    let mut cx = Context::from_waker(Waker::noop());
    // The handler does no I/O: it is ready at once.
    let Poll::Ready(answer) = future.as_mut().poll(&mut cx) else {
        panic!("the SOAP handler did not answer at once");
    };
    assert!(
        answer.status == 200 || answer.status == 500,
        "status {}",
        answer.status
    );
    match decode_response::<gas_fuzz::Probe>(&answer.body, &Limits::default()) {
        Ok(Envelope::Fault(_)) | Ok(Envelope::Body(_)) => {}
        Err(e) => panic!(
            "the answer is not a readable envelope ({e}): {}",
            String::from_utf8_lossy(&answer.body)
        ),
    }
});
