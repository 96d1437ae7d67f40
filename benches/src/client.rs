//! Client overhead: `GetOrderByOrderID` through gas-client against the in-process sandbox,
//! and the same request bytes POSTed with a bare reqwest client to the same sandbox.
//!
//! Setup places one PersonalSign 2 Pro order (the sandbox issues it at once), so the query
//! answers with a full order: order info, options, certificate info, the certificate
//! with its chain, and modification events. Both sides send identical bytes with the
//! same headers over kept-alive connections to a URL parsed once (gas-client parses its
//! endpoint once too); the raw side reads the answer's bytes and stops there, the client
//! also validates, encodes, checks the status and decodes. A second baseline,
//! [`ClientBench::one_raw_call_decoded`], also decodes the answer with the same generated
//! reader: against it the ratio shows the client's own layer (validation, encoding,
//! masking, status mapping, spans, timeout) without the decode every caller needs.

use std::hint::black_box;

use gas_client::types::{
    AuthToken, GetOrderByOrderID, OSSubscriber, OrderKind, OrderQueryOption, OrderRequestHeader,
    PS2ProDnAttributes, PcV2GetOrderByOrderIDRequest, PcV2OrderPS2ProRequest, Year,
};
use gas_client::{Credentials, Endpoint, GasClient};
use gas_sandbox::{Sandbox, SandboxHandle};
use soap_runtime::{Secret, SoapVersion, envelope};
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

const USER: &str = "PAR12345_bench";
const PASSWORD: &str = "bench-password-2024";

/// A running sandbox, a client for it, and the query both sides send.
pub struct ClientBench {
    rt: Runtime,
    sandbox: Option<SandboxHandle>,
    client: GasClient,
    http: reqwest::Client,
    url: reqwest::Url,
    user_agent: String,
    request: PcV2GetOrderByOrderIDRequest,
    /// The envelope gas-client sends for `request` (same credentials, same writer).
    body: bytes::Bytes,
    /// Size of the sandbox's answer (for the report).
    pub response_bytes: usize,
}

fn subscriber() -> OSSubscriber {
    OSSubscriber {
        organization_name: "Example Corp".into(),
        organization_unit_name: "Engineering".into(),
        postal_code: "03801".into(),
        address_line1: "100 Market Street".into(),
        address_line2: "Suite 200".into(),
        locality: "Portsmouth".into(),
        state_or_province: "New Hampshire".into(),
        country: "US".into(),
        first_name: "Alice".into(),
        last_name: "Example".into(),
        phone: "+1 603 555 0100".into(),
        email: "alice@example.com".into(),
        ..Default::default()
    }
}

fn order() -> PcV2OrderPS2ProRequest {
    let mut order = PcV2OrderPS2ProRequest::new(
        Year::OneYear,
        OrderKind::New,
        "pick-me-up-2024",
        PS2ProDnAttributes {
            given_name: Some("Alice".into()),
            sur_name: Some("Example".into()),
            country: "US".into(),
            organization: "Example Corp".into(),
            state_or_province: "New Hampshire".into(),
            locality: "Portsmouth".into(),
            email: "alice@example.com".into(),
            organizational_identifier: "ntrus+nh-1234".into(),
            ..Default::default()
        },
        subscriber(),
    );
    order.sub_id = Some("bench-0001".into());
    order
}

impl ClientBench {
    /// Starts the sandbox on a two-thread runtime, places the order, prepares the query.
    pub fn start() -> Result<Self, String> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("tokio runtime: {e}"))?;
        let sandbox = rt
            .block_on(Sandbox::builder().account(USER, PASSWORD).start())
            .map_err(|e| format!("sandbox: {e}"))?;
        let url = sandbox.url().to_owned();
        let client =
            GasClient::builder(Endpoint::Url(url.clone()), Credentials::new(USER, PASSWORD))
                .build()
                .map_err(|e| format!("client: {e}"))?;
        let placed = rt
            .block_on(client.order_ps2_pro(order()))
            .map_err(|e| format!("placing the order: {e}"))?;
        let order_id = placed
            .order_id
            .clone()
            .ok_or("the sandbox answered the order without an OrderID")?;
        let mut request = PcV2GetOrderByOrderIDRequest::new(&order_id);
        request.order_query_option = Some(OrderQueryOption {
            return_order_option: Some(true),
            return_certificate_info: Some(true),
            return_fulfillment: Some(true),
            return_ca_certs: Some(true),
        });
        // The bytes gas-client sends: credentials in the header, the generated writer.
        let mut with_credentials = request.clone();
        with_credentials.order_request_header = OrderRequestHeader {
            auth_token: AuthToken {
                user_name: USER.to_owned(),
                password: Secret::new(PASSWORD),
            },
        };
        let body = envelope::encode_request(
            &GetOrderByOrderID {
                request: Some(with_credentials),
            },
            SoapVersion::Soap11,
        )
        .map_err(|e| format!("encoding the query: {e}"))?;
        let http = gas_client::http_client_builder()
            .map_err(|e| format!("reqwest: {e}"))?
            .build()
            .map_err(|e| format!("reqwest: {e}"))?;
        let mut bench = ClientBench {
            rt,
            sandbox: Some(sandbox),
            client,
            http,
            url: reqwest::Url::parse(&url).map_err(|e| format!("sandbox URL {url}: {e}"))?,
            user_agent: gas_client::DEFAULT_USER_AGENT.to_owned(),
            request,
            body: bytes::Bytes::from(body),
            response_bytes: 0,
        };
        bench.response_bytes = bench.check()?;
        Ok(bench)
    }

    /// Both sides get the same, full answer: the raw answer decodes to the order the
    /// client returns, with its certificate. Returns the answer's size.
    fn check(&self) -> Result<usize, String> {
        let raw = self
            .rt
            .block_on(raw_call(
                &self.http,
                &self.url,
                &self.user_agent,
                &self.body,
            ))
            .map_err(|e| format!("raw POST: {e}"))?;
        let decoded = crate::generated::decode_get_order_by_order_id(&raw)
            .map_err(|e| format!("raw answer: {e}"))?;
        let raw_detail = decoded
            .response
            .and_then(|r| r.order_detail)
            .ok_or("the raw answer has no OrderDetail")?;
        let ours = self
            .rt
            .block_on(self.client.get_order_by_order_id(self.request.clone()))
            .map_err(|e| format!("client call: {e}"))?;
        let detail = ours
            .order_detail
            .as_ref()
            .ok_or("the client's answer has no OrderDetail")?;
        if detail.order_info != raw_detail.order_info {
            return Err("the client and the raw POST see different orders".to_owned());
        }
        let has_certificate = detail
            .fulfillment
            .as_ref()
            .and_then(|f| f.pc_certificate.as_ref())
            .is_some_and(|c| c.x509_cert.contains("BEGIN CERTIFICATE"));
        if !has_certificate {
            return Err("the sandbox's answer carries no certificate".to_owned());
        }
        Ok(raw.len())
    }

    /// One query through gas-client.
    pub fn one_client_call(&self) {
        match self
            .rt
            .block_on(self.client.get_order_by_order_id(self.request.clone()))
        {
            Ok(r) => {
                black_box(r);
            }
            Err(e) => panic!("gas-client call failed: {e}"),
        }
    }

    /// The same bytes POSTed with reqwest; the answer's bytes are read, nothing more.
    pub fn one_raw_call(&self) {
        match self.rt.block_on(raw_call(
            &self.http,
            &self.url,
            &self.user_agent,
            &self.body,
        )) {
            Ok(b) => {
                black_box(b);
            }
            Err(e) => panic!("raw POST failed: {e}"),
        }
    }

    /// The raw POST, then the answer decoded with the generated reader (what a caller of
    /// raw reqwest would at least do with it).
    pub fn one_raw_call_decoded(&self) {
        match self.rt.block_on(raw_call(
            &self.http,
            &self.url,
            &self.user_agent,
            &self.body,
        )) {
            Ok(b) => match crate::generated::decode_get_order_by_order_id(&b) {
                Ok(r) => {
                    black_box(r);
                }
                Err(e) => panic!("raw answer does not decode: {e}"),
            },
            Err(e) => panic!("raw POST failed: {e}"),
        }
    }

    /// `n` queries at once through one gas-client.
    pub fn concurrent_client_calls(&self, n: usize) {
        self.rt.block_on(async {
            let mut set = JoinSet::new();
            for _ in 0..n {
                let client = self.client.clone();
                let request = self.request.clone();
                set.spawn(async move { client.get_order_by_order_id(request).await.map(|_| ()) });
            }
            while let Some(done) = set.join_next().await {
                match done {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => panic!("gas-client call failed: {e}"),
                    Err(e) => panic!("task: {e}"),
                }
            }
        });
    }

    /// `n` raw POSTs at once through one reqwest client.
    pub fn concurrent_raw_calls(&self, n: usize) {
        self.rt.block_on(async {
            let mut set = JoinSet::new();
            for _ in 0..n {
                let http = self.http.clone();
                let url = self.url.clone();
                let ua = self.user_agent.clone();
                let body = self.body.clone();
                set.spawn(async move { raw_call(&http, &url, &ua, &body).await.map(|_| ()) });
            }
            while let Some(done) = set.join_next().await {
                match done {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => panic!("raw POST failed: {e}"),
                    Err(e) => panic!("task: {e}"),
                }
            }
        });
    }

    /// Stops the sandbox.
    pub fn shutdown(mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.rt.block_on(sandbox.shutdown());
        }
    }
}

async fn raw_call(
    http: &reqwest::Client,
    url: &reqwest::Url,
    user_agent: &str,
    body: &bytes::Bytes,
) -> Result<bytes::Bytes, reqwest::Error> {
    http.post(url.clone())
        .header(reqwest::header::USER_AGENT, user_agent)
        .header(
            reqwest::header::CONTENT_TYPE,
            SoapVersion::Soap11.content_type(),
        )
        .header("SOAPAction", "\"\"")
        .body(body.clone())
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await
}
