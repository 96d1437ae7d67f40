//! A local checkVatService: the generated `Handler` trait, served on loopback.
use check_vat_service::soap_client::stub::{self, StubServer};
use check_vat_service::soap_runtime::Fault;
use check_vat_service::{server, types::*};

struct Stub;

impl server::Handler for Stub {
    async fn check_vat(&self, input: CheckVat) -> Result<CheckVatResponse, Fault> {
        Ok(CheckVatResponse {
            valid: input.vat_number.starts_with('0'),
            name: Some("Stub Trading NV".into()),
            request_date: "2026-01-31".parse().map_err(|_| Fault::server("bad date"))?,
            country_code: input.country_code,
            vat_number: input.vat_number,
            ..Default::default()
        })
    }

    async fn check_vat_approx(&self, _: CheckVatApprox) -> Result<CheckVatApproxResponse, Fault> {
        Err(Fault::server("not in this stub"))
    }
}

pub async fn start() -> std::io::Result<StubServer> {
    stub::serve(|body| async move { server::dispatch(&Stub, &body, &Default::default()).await }).await
}
