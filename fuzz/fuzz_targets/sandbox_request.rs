//! The sandbox's SOAP handler (the generated dispatcher over an in-memory emulator, as
//! the HTTP server uses it) on any POST body: it must answer every request with a
//! readable SOAP envelope (a response or a fault), never panic. The emulator knows the
//! samples' account, so requests get past authentication into the operations. It is
//! made once per process (its test CA takes a while): orders accumulate across inputs.
#![no_main]

use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use gas_sandbox::accounts::Accounts;
use gas_sandbox::emulator::Emulator;
use gas_sandbox::service::GeneratedHandler;
use gas_sandbox::soap::SoapHandler;
use libfuzzer_sys::fuzz_target;
use soap_runtime::Limits;
use soap_runtime::envelope::request_info;

fn handler() -> &'static GeneratedHandler {
    static HANDLER: OnceLock<GeneratedHandler> = OnceLock::new();
    HANDLER.get_or_init(|| {
        let mut accounts = Accounts::new();
        // The account in wsdl/samples/*.request.xml.
        accounts.insert("PAR12345_gasapi", "Xq7!pL2#vR9s");
        let emulator = Emulator::in_memory(accounts).expect("in-memory emulator");
        GeneratedHandler::new(Arc::new(emulator), Limits::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let mut future = handler().handle(Bytes::copy_from_slice(data));
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
    let request = request_info(data, &Limits::default()).ok().map(|i| i.name);
    if let Err(e) = gas_fuzz::check_answer(request.as_deref(), &answer.body) {
        panic!("{e}: {}", String::from_utf8_lossy(&answer.body));
    }
});
