//! The subscriber's journey in a real browser (issue 23): an order through gas-client, the
//! outbox page, the pick-up link, a wrong PickupPassword refused, the right one typed, the
//! download — and the file opens with that password and holds the certificate the API
//! returns. Then the operator page: a REGISTER order vetted with its button.
//!
//! Debian's `chromium` driven by its `chromedriver` over WebDriver (plain HTTP, JSON;
//! `.ci/run` installs both). Screenshots of each page go to
//! `target/tmp/browser-pages/` (CI artefacts). Loopback only: the browser is started with
//! everything that would reach the network turned off.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use gas_client::generated::types as t;
use gas_client::{Credentials, Endpoint, GasClient};
use gas_sandbox::emulator::IssuePolicy;
use gas_sandbox::model::OrderStatus;
use gas_sandbox::{Sandbox, SandboxHandle};
use serde_json::{Value, json};
use soap_runtime::{BodyElement, Limits, SimpleValue};

const USER: &str = "PAR12345_gasapi";
const PASSWORD: &str = "Xq7!pL2#vR9s";
/// The PickupPassword of the spec's OrderPS1 sample.
const PICKUP_PASSWORD: &str = "Pickup#2024pw";

/// The longest the test waits for the browser; only a broken setup reaches it.
const PATIENCE: Duration = Duration::from_secs(60);

/// WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn wire<T: SimpleValue + Default>(text: &str) -> T {
    T::parse_text(std::borrow::Cow::Borrowed(text)).unwrap_or_default()
}

fn sample<B: BodyElement>(operation: &str) -> B {
    let path = format!(
        "{}/../wsdl/samples/{operation}.request.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    soap_runtime::envelope::decode_request::<B>(&bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A program on PATH, or a failure that says how to get it.
fn program(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} is not installed: apt-get install chromium chromium-driver (.ci/run does)"
            )
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A running chromedriver; killed when dropped.
struct Driver {
    child: Child,
    base: String,
    http: reqwest::Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    async fn start(log: &Path) -> Self {
        let port = free_port();
        let child = Command::new(program("chromedriver"))
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            http: gas_client::http_client_builder()
                .expect("TLS configuration")
                .timeout(PATIENCE)
                .no_proxy()
                .build()
                .expect("HTTP client"),
        };
        let started = Instant::now();
        loop {
            let ready = driver
                .http
                .get(format!("{}/status", driver.base))
                .send()
                .await
                .ok()
                .map(|r| r.status().is_success());
            if ready == Some(true) {
                return driver;
            }
            assert!(started.elapsed() < PATIENCE, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// One WebDriver command; its `value`.
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let text = response.text().await.expect("answer");
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"));
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        value["value"].clone()
    }
}

/// A browser session.
struct Browser<'a> {
    driver: &'a Driver,
    session: String,
    shots: PathBuf,
}

impl<'a> Browser<'a> {
    async fn open(driver: &'a Driver, profile: &Path, downloads: &Path, shots: PathBuf) -> Self {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1200,860",
            &format!("--user-data-dir={}", profile.display()),
        ];
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": program("chromium"),
                "args": args,
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                },
            },
        }}});
        let value = driver
            .call(reqwest::Method::POST, "/session", Some(capabilities))
            .await;
        let session = value["sessionId"]
            .as_str()
            .expect("a session ID")
            .to_owned();
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        Self {
            driver,
            session,
            shots,
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.driver
            .call(method, &format!("/session/{}{path}", self.session), body)
            .await
    }

    async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    async fn url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn source(&self) -> String {
        self.call(reqwest::Method::GET, "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn find(&self, css: &str) -> String {
        let value = self
            .call(
                reqwest::Method::POST,
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            )
            .await;
        value[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_owned()
    }

    async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/clear"),
            Some(json!({})),
        )
        .await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Saves a screenshot of the page as `<name>.png`.
    async fn screenshot(&self, name: &str) {
        let value = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(value.as_str().expect("base64 PNG"))
            .expect("base64");
        assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
        std::fs::write(self.shots.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Waits until the page's source contains `text`.
    async fn wait_for_text(&self, text: &str) {
        let started = Instant::now();
        loop {
            let source = self.source().await;
            if source.contains(text) {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{text:?} never appeared on {}: {source}",
                self.url().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn close(self) {
        self.call(reqwest::Method::DELETE, "", None).await;
    }
}

/// Waits for a finished download named `name` in `dir` (Chromium writes `.crdownload`
/// until it is complete).
async fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let started = Instant::now();
    loop {
        let partial = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"))
            })
            .unwrap_or(false);
        if !partial && let Ok(bytes) = std::fs::read(&path) {
            return bytes;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{name} was never downloaded into {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sandbox() -> SandboxHandle {
    Sandbox::builder()
        .account(USER, PASSWORD)
        .admin_api(true)
        .issue_policy(IssuePolicy::OnOrder)
        .start()
        .await
        .expect("sandbox")
}

fn client(s: &SandboxHandle) -> GasClient {
    GasClient::builder(
        Endpoint::Url(s.url().to_owned()),
        Credentials::new(USER, PASSWORD),
    )
    .build()
    .expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_outbox_pick_up_download_and_the_operator_page_in_chromium() {
    let work = tempfile::tempdir().expect("tempdir");
    let (profile, downloads) = (work.path().join("profile"), work.path().join("downloads"));
    std::fs::create_dir_all(&downloads).expect("downloads folder");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-pages");
    let s = sandbox().await;
    let c = client(&s);

    // The order, through gas-client: the spec's OrderPS1 sample (a key the CA makes,
    // PickupPassword "Pickup#2024pw").
    let mut ps1 = sample::<t::OrderPS1>("OrderPS1").request.expect("Request");
    ps1.order_kind = wire("new");
    ps1.renewal_target_order_id = None;
    ps1.campaign = None;
    ps1.sub_id = None;
    let id = c
        .order_ps1(ps1)
        .await
        .expect("OrderPS1")
        .into_value()
        .order_id
        .expect("OrderID");
    let mut query = sample::<t::GetOrderByOrderID>("GetOrderByOrderID")
        .request
        .expect("Request");
    query.order_id = id.clone();
    let api_pem = c
        .get_order_by_order_id(query)
        .await
        .expect("GetOrderByOrderID")
        .into_value()
        .order_detail
        .and_then(|d| d.fulfillment)
        .and_then(|f| f.pc_certificate)
        .expect("the certificate")
        .x509_cert;
    let api_der = pem::parse(&api_pem).expect("PEM").into_contents();

    let driver = Driver::start(&work.path().join("chromedriver.log")).await;
    let browser = Browser::open(&driver, &profile, &downloads, shots.clone()).await;

    // The outbox shows the e-mails; follow the pick-up link.
    let outbox_url = &s.page_urls()[0].1;
    browser.go(outbox_url).await;
    browser
        .wait_for_text(&format!("Your PS1 certificate is ready ({id})"))
        .await;
    browser.screenshot("1-outbox").await;
    browser.click("a.pickup-link").await;
    browser.wait_for_text("Download the certificate").await;
    assert!(
        browser
            .url()
            .await
            .ends_with(&format!("/sandbox/pickup/{id}"))
    );
    browser.screenshot("2-pickup").await;

    // A wrong password: refused, counted, not written back.
    browser.type_into("#password", "Not-the-password-1").await;
    browser.click("#download").await;
    browser.wait_for_text("Wrong PickupPassword").await;
    assert!(!browser.source().await.contains("Not-the-password-1"));
    browser.screenshot("3-pickup-refused").await;

    // The right one: the file downloads.
    browser.type_into("#password", PICKUP_PASSWORD).await;
    browser.click("#download").await;
    let p12 = downloaded(&downloads, &format!("{id}.p12")).await;
    let keystore = p12_keystore::KeyStore::from_pkcs12(
        &p12,
        PICKUP_PASSWORD,
        p12_keystore::Pkcs12ImportPolicy::Strict,
    )
    .expect("the downloaded PKCS#12 opens with the PickupPassword");
    let (_, chain) = keystore.private_key_chain().expect("a key and its chain");
    assert_eq!(
        chain.certs()[0].as_der(),
        api_der.as_slice(),
        "the certificate the API returns"
    );
    assert!(
        p12_keystore::KeyStore::from_pkcs12(
            &p12,
            "Not-the-password-1",
            p12_keystore::Pkcs12ImportPolicy::Strict
        )
        .is_err()
    );

    // The operator page: the pick-up is recorded; a REGISTER order is vetted by its button.
    let mut aatl = sample::<t::OrderAATL>("OrderAATL")
        .request
        .expect("Request");
    aatl.campaign = None;
    aatl.sub_id = None;
    aatl.order_kind = wire("new");
    aatl.renewal_target_order_id = None;
    aatl.issue_type = wire("0");
    aatl.csr = None;
    let register = c
        .order_aatl(aatl)
        .await
        .expect("OrderAATL")
        .into_value()
        .order_id
        .expect("OrderID");
    let operator_url = &s.page_urls()[1].1;
    browser.go(operator_url).await;
    browser.wait_for_text("picked up (PKCS#12)").await;
    assert!(
        browser
            .source()
            .await
            .contains("wrong PickupPassword: refused")
    );
    browser.click(&format!("#vet-{register}")).await;
    browser
        .wait_for_text(&format!("{register}: vet done."))
        .await;
    assert_eq!(
        s.emulator().admin_order(&register).map(|o| o.status),
        Some(OrderStatus::Validated)
    );
    browser.screenshot("4-operator-vetted").await;
    browser.go(operator_url).await;
    browser
        .wait_for_text(&format!("id=\"issue-{register}\""))
        .await;
    browser.screenshot("5-operator").await;

    browser.close().await;
    drop(driver);
    s.shutdown().await;
    for name in [
        "1-outbox",
        "2-pickup",
        "3-pickup-refused",
        "4-operator-vetted",
        "5-operator",
    ] {
        assert!(shots.join(format!("{name}.png")).is_file(), "{name}.png");
    }
}
