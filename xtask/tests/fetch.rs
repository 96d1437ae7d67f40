//! `regen --fetch` against a loopback server that serves a WSDL the way JAX-WS/CXF
//! endpoints do: `?wsdl`, schemas at `?xsd=N` imported by absolute URLs pointing back
//! at the server, one relative import, an import cycle. No network beyond loopback.

mod support;

use std::path::Path;

use support::jaxws::{WSDL, XSD1, XSD2};
use support::{Answer, Server};
use xtask::fetch::{self, FetchError, Http};
use xtask::input_hash::sha256_hex;
use xtask::manifest::Manifest;

fn jaxws_routes() -> Vec<(&'static str, Answer)> {
    vec![
        ("/ws/Svc?wsdl", Answer::xml(WSDL)),
        ("/ws/Svc?xsd=1", Answer::xml(XSD1)),
        ("/ws/Svc?xsd=2", Answer::xml(XSD2)),
    ]
}

fn fetch_into(dir: &Path, url: &str) -> Result<Manifest, FetchError> {
    fetch::run(dir, url)
}

fn error_text(r: Result<Manifest, FetchError>) -> String {
    match r {
        Ok(m) => panic!("expected a failure, fetched {m:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn fetches_wsdl_and_every_schema_once_verbatim() {
    let server = Server::start(jaxws_routes());
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("{}/ws/Svc", server.base);
    let manifest = fetch_into(dir.path(), &url).expect("fetch");

    // `?wsdl` added; every schema fetched exactly once despite the import cycle.
    assert_eq!(manifest.source.url, format!("{url}?wsdl"));
    for target in ["/ws/Svc?wsdl", "/ws/Svc?xsd=1", "/ws/Svc?xsd=2"] {
        assert_eq!(server.hits(target), 1, "{target}");
    }
    let names: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        names,
        ["GasOrderService.wsdl", "Svc.xsd-1.xsd", "Svc.xsd-2.xsd"]
    );
    // Stored exactly as served (absolute URLs left in place), hashes recorded.
    let served = |s: &str| s.replace("{base}", &server.base);
    for (file, expected) in [
        ("GasOrderService.wsdl", served(WSDL)),
        ("Svc.xsd-1.xsd", served(XSD1)),
        ("Svc.xsd-2.xsd", served(XSD2)),
    ] {
        let bytes = std::fs::read(dir.path().join(file)).expect(file);
        assert_eq!(String::from_utf8_lossy(&bytes), expected, "{file}");
        let entry = manifest.files.iter().find(|f| f.path == file).expect(file);
        assert_eq!(entry.sha256, sha256_hex(&bytes));
        assert!(!entry.fetched.is_empty());
    }
    // The relative location is recorded so the generator can map it.
    let xsd2 = &manifest.files[2];
    assert_eq!(xsd2.url, format!("{}/ws/Svc?xsd=2", server.base));
    assert_eq!(xsd2.referenced_as, ["Svc?xsd=2"]);
    // The manifest on disk reads back to the same thing.
    let on_disk = Manifest::read(&dir.path().join("MANIFEST.toml")).expect("read manifest");
    assert_eq!(on_disk.as_ref(), Some(&manifest));
    assert!(manifest.edited_files(dir.path()).is_empty());
}

#[test]
fn refetch_removes_files_no_longer_referenced() {
    let server = Server::start(jaxws_routes());
    let dir = tempfile::tempdir().expect("temp dir");
    fetch_into(dir.path(), &format!("{}/ws/Svc", server.base)).expect("first fetch");
    assert!(dir.path().join("Svc.xsd-2.xsd").exists());
    // The service changes: one schema, no imports.
    let single = XSD1
        .replace(
            r#"<xs:import namespace="urn:common" schemaLocation="Svc?xsd=2"/>"#,
            "",
        )
        .replace("c:Thing", "xs:string");
    let server2 = Server::start(vec![
        ("/ws/Svc?wsdl", Answer::xml(WSDL)),
        ("/ws/Svc?xsd=1", Answer::xml(&single)),
    ]);
    // An authored file that the manifest never listed is left alone.
    std::fs::write(dir.path().join("spec-overlay.toml"), "# mine\n").expect("write");
    let m = fetch_into(dir.path(), &format!("{}/ws/Svc", server2.base)).expect("refetch");
    assert_eq!(m.files.len(), 2);
    assert!(!dir.path().join("Svc.xsd-2.xsd").exists());
    assert!(dir.path().join("spec-overlay.toml").exists());
}

#[test]
fn http_error_on_an_import_names_the_importing_file_and_line() {
    let server = Server::start(vec![
        ("/ws/Svc?wsdl", Answer::xml(WSDL)),
        ("/ws/Svc?xsd=1", Answer::xml(XSD1)),
        // ?xsd=2 is missing: the server answers 404.
    ]);
    let dir = tempfile::tempdir().expect("temp dir");
    let text = error_text(fetch_into(dir.path(), &format!("{}/ws/Svc", server.base)));
    assert_eq!(
        text,
        format!(
            "{base}/ws/Svc?xsd=1:2: cannot fetch the import `Svc?xsd=2`: \
             GET {base}/ws/Svc?xsd=2: HTTP 404 Not Found",
            base = server.base
        )
    );
    // Nothing was stored.
    assert!(!dir.path().join("MANIFEST.toml").exists());
    assert!(!dir.path().join("GasOrderService.wsdl").exists());
}

#[test]
fn html_answer_is_refused() {
    let server = Server::start(vec![(
        "/ws/Svc?wsdl",
        Answer {
            status: 200,
            content_type: "text/html;charset=UTF-8",
            body: b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>".to_vec(),
        },
    )]);
    let dir = tempfile::tempdir().expect("temp dir");
    let text = error_text(fetch_into(dir.path(), &format!("{}/ws/Svc", server.base)));
    assert!(
        text.starts_with(&format!(
            "GET {}/ws/Svc?wsdl: the answer is not XML (an HTML page; Content-Type: text/html;charset=UTF-8); it starts: \"<!DOCTYPE html>",
            server.base
        )),
        "{text}"
    );
}

#[test]
fn server_error_status_is_reported_with_the_url() {
    let server = Server::start(vec![(
        "/ws/Svc?wsdl",
        Answer {
            status: 500,
            content_type: "text/xml",
            body: b"<fault/>".to_vec(),
        },
    )]);
    let dir = tempfile::tempdir().expect("temp dir");
    let text = error_text(fetch_into(dir.path(), &format!("{}/ws/Svc", server.base)));
    assert_eq!(
        text,
        format!(
            "GET {}/ws/Svc?wsdl: HTTP 500 Internal Server Error",
            server.base
        )
    );
}

#[test]
fn schema_where_a_wsdl_belongs_and_broken_xml() {
    let server = Server::start(vec![
        ("/ws/Svc?wsdl", Answer::xml(XSD2)),
        (
            "/ws/Broken?wsdl",
            Answer::xml("<definitions>\n<types>\n</definitions>"),
        ),
    ]);
    let dir = tempfile::tempdir().expect("temp dir");
    let text = error_text(fetch_into(dir.path(), &format!("{}/ws/Svc", server.base)));
    assert!(
        text.ends_with(
            "expected a WSDL (wsdl:definitions), got <{http://www.w3.org/2001/XMLSchema}schema>"
        ),
        "{text}"
    );
    let text = error_text(fetch_into(
        dir.path(),
        &format!("{}/ws/Broken", server.base),
    ));
    assert!(text.contains("the answer is not XML (line 3"), "{text}");
}

#[test]
fn namespace_import_that_nothing_defines_is_a_missing_import() {
    let lonely = XSD1.replace(
        r#"<xs:import namespace="urn:common" schemaLocation="Svc?xsd=2"/>"#,
        r#"<xs:import namespace="urn:common"/>"#,
    );
    let server = Server::start(vec![
        ("/ws/Svc?wsdl", Answer::xml(WSDL)),
        ("/ws/Svc?xsd=1", Answer::xml(&lonely)),
    ]);
    let dir = tempfile::tempdir().expect("temp dir");
    let text = error_text(fetch_into(dir.path(), &format!("{}/ws/Svc", server.base)));
    assert_eq!(
        text,
        format!(
            "{}/ws/Svc?xsd=1:2: missing import: namespace `urn:common` is imported without a \
             schemaLocation, and no fetched schema defines it",
            server.base
        )
    );
}

#[test]
fn connection_refused() {
    // Bind to learn a free port, then close it: nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("http://127.0.0.1:{port}/ws/Svc?wsdl");
    let text = error_text(fetch_into(dir.path(), &url));
    assert!(
        text.starts_with(&format!("GET {url}: no answer: ")),
        "{text}"
    );
    assert!(text.to_lowercase().contains("connect"), "{text}");
}

#[test]
fn http_client_is_reusable_across_fetches() {
    let server = Server::start(jaxws_routes());
    let http = Http::new().expect("client");
    let url = format!("{}/ws/Svc?wsdl", server.base);
    let a = fetch::fetch_all(&http, &url).expect("first");
    let b = fetch::fetch_all(&http, &url).expect("second");
    assert_eq!(a, b);
}

#[test]
fn fetched_files_load_through_the_manifest_without_network() {
    let server = Server::start(jaxws_routes());
    let root = tempfile::tempdir().expect("temp dir");
    let layout = xtask::layout::Layout::workspace(root.path());
    fetch_into(&layout.wsdl_dir, &format!("{}/ws/Svc", server.base)).expect("fetch");
    let base = server.base.clone();
    drop(server);
    let inputs = xtask::regen::load(&layout).unwrap_or_else(|e| panic!("load: {e}"));
    let (surface, _) =
        xtask::regen::surface_of(&inputs.model, None).unwrap_or_else(|e| panic!("{e}"));
    let text = surface.to_text(&[]);
    assert!(text.contains("operation GetThing\n"), "{text}");
    // `Thing` lives in ?xsd=2, reached by the relative location `Svc?xsd=2`.
    assert!(
        text.contains(
            "type GetThingResponse\n  element Thing: Thing [0..1] as thing\ntype Thing\n  element Name: xs:string as name\n"
        ),
        "{text}"
    );
    let mut loaded: Vec<&str> = inputs
        .model
        .inputs
        .iter()
        .map(|i| i.path.as_str())
        .collect();
    loaded.sort();
    assert_eq!(
        loaded,
        ["GasOrderService.wsdl", "Svc.xsd-1.xsd", "Svc.xsd-2.xsd"]
    );
    // Editing a fetched file by hand is noticed.
    let edited = format!("{}<!-- edited -->", XSD2.replace("{base}", &base));
    std::fs::write(layout.wsdl_dir.join("Svc.xsd-2.xsd"), edited).expect("write");
    let notes = match xtask::regen::load(&layout) {
        Ok(i) => i.notes,
        Err(e) => panic!("load after edit: {e}"),
    };
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Svc.xsd-2.xsd differs from what MANIFEST.toml recorded")),
        "{notes:?}"
    );
}
