//! `cargo xtask corpus-check`: every service of a WSDL corpus generates, and the
//! generated code compiles.
//!
//! All services go into ONE crate, a module per service, checked with one
//! `cargo check`: the runtime and its dependencies are checked once, not once per
//! service, and rustc sees one crate instead of twenty. The crate is written under
//! the target directory (`<target>/corpus-check/crate`), so nothing in the source
//! tree changes, and it is checked into `<target>/corpus-check/target`.
//!
//! Two corpora:
//! - the full one, `../shared/wsdl-corpus` beside the repository (all 23 services
//!   plus the rpc/encoded one that must be refused): `cargo xtask corpus-check --all`;
//! - the copy in the repository, `codegen/tests/corpus/` (a representative subset
//!   of the same files, byte for byte, see its README): what CI checks
//!   (`cargo xtask corpus-check`, also a step of `cargo xtask test`).
//!
//! A service whose files are missing is an error, never a skip: a check that passes
//! because its data is absent could not fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use soapgen_codegen::{GenerateOptions, LoadOptions};

/// One service of the corpus.
#[derive(Clone, Copy, Debug)]
pub struct Service {
    /// The module name in the combined crate.
    pub module: &'static str,
    /// The entry WSDL, relative to the corpus root.
    pub entry: &'static str,
    /// An OASIS catalog beside the entry (absolute schema URLs to local files).
    pub catalog: Option<&'static str>,
    /// The generator must refuse it (rpc/encoded) with an error containing this text.
    pub refused: Option<&'static str>,
}

const fn svc(module: &'static str, entry: &'static str) -> Service {
    Service {
        module,
        entry,
        catalog: None,
        refused: None,
    }
}

/// Every service of `../shared/wsdl-corpus` (its README lists them).
pub const ALL: &[Service] = &[
    svc("aws_ec2", "aws-ec2/ec2.wsdl"),
    svc(
        "chrome_automotive",
        "chrome-automotive-description/chromedata.wsdl",
    ),
    svc(
        "cics_partner",
        "cics-partner-rpc-literal/symbolic_endpoint.wsdl",
    ),
    svc(
        "estes_image_view",
        "estes-image-view/ImageViewService.local.wsdl",
    ),
    svc("eu_vies", "eu-vies-checkvat/checkVatService.wsdl"),
    svc(
        "euroconsumers_partner",
        "euroconsumers-partner-wcf/PartnerService.local.wsdl",
    ),
    svc("fedex_rate", "fedex-rate-v28/RateService_v28.wsdl"),
    svc(
        "gs1_epcis",
        "gs1-epcis-query/EPCglobal-epcis-query-1_2.wsdl",
    ),
    svc("lnp_number", "lnp-number-management/NumberManagement.wsdl"),
    svc("ms_exchange_ews", "ms-exchange-ews/services.wsdl"),
    svc("onvif_devicemgmt", "onvif-device-media/devicemgmt.wsdl"),
    svc("onvif_media", "onvif-device-media/media.wsdl"),
    svc("paypal", "paypal-api/PayPalSvc.wsdl"),
    svc("salesforce_partner", "salesforce-partner/partner.wsdl"),
    svc(
        "telefonkatalogen_sendsms",
        "telefonkatalogen-sendsms/sendsms.wsdl",
    ),
    Service {
        refused: Some("rpc/encoded"),
        ..svc("tradetracker", "tradetracker-affiliate/tradetracker.wsdl")
    },
    svc("usda_awdb", "usda-awdb/usda-awdb.wsdl"),
    svc("virtualbox", "virtualbox-vboxweb/vboxweb.wsdl"),
    Service {
        catalog: Some("wasmuth-onlinesync/catalog.xml"),
        ..svc("wasmuth_onlinesync", "wasmuth-onlinesync/wasmuth.wsdl")
    },
    svc("wsdot_ferries", "wsdot-ferries/ferry.wsdl"),
    svc("globalsign_gasservice", "globalsign/GASService-kb-v1.wsdl"),
    svc(
        "globalsign_gasorderservice",
        "globalsign/GasOrderService-cr-v1.wsdl",
    ),
    svc(
        "globalsign_managedssl",
        "globalsign/ManagedSSLService-kb-v2.wsdl",
    ),
    svc(
        "globalsign_serverssl",
        "globalsign/ServerSSLService-kb-v1.wsdl",
    ),
];

/// The services copied into `codegen/tests/corpus/` and checked in CI: every WSDL
/// style (document/literal wrapped and bare, rpc/literal with element and type
/// parts, the rpc/encoded refusal), SOAP 1.1 and 1.2, multi-file imports and
/// includes (a diamond, WCF's split schemas, a catalog for absolute URLs), a
/// non-UTF-8 file, the CXF style closest to GlobalSign's, and one large service
/// (PayPal, 57 operations and 576 types) for scale. See that folder's README.
pub const IN_REPO: &[&str] = &[
    "cics_partner",
    "estes_image_view",
    "eu_vies",
    "euroconsumers_partner",
    "lnp_number",
    "paypal",
    "telefonkatalogen_sendsms",
    "tradetracker",
    "usda_awdb",
    "wasmuth_onlinesync",
    "wsdot_ferries",
];

/// What to check.
#[derive(Clone, Debug)]
pub struct Options {
    /// The corpus root (the folder holding the service folders).
    pub corpus: PathBuf,
    pub services: Vec<Service>,
    /// The combined crate is written to `<work>/crate` and checked into `<work>/target`.
    pub work: PathBuf,
    /// The `soap-runtime` crate directory the generated code depends on.
    pub runtime: PathBuf,
    /// Also check with the generated serde derives (the `serde` feature).
    pub serde: bool,
    /// A Cargo.lock to start from (the workspace's, so versions are the tested ones).
    pub lockfile: Option<PathBuf>,
    /// The `soap-client` crate directory: also generate and check every service's
    /// `client` module (feature `client`).
    pub client: Option<PathBuf>,
    /// Check into this target directory instead of `<work>/target`, with these
    /// `[profile]` tables (TOML): the workspace's, so that the dependencies it has
    /// checked already (clippy) are reused.
    pub shared_target: Option<(PathBuf, String)>,
}

/// One service's row of the report.
#[derive(Clone, Debug)]
pub struct Row {
    pub service: Service,
    pub operations: usize,
    pub types: usize,
    pub lines: usize,
    pub generation: Duration,
    /// `Some(message)`: the expected refusal.
    pub refusal: Option<String>,
}

/// What the check found: a row per service and how long `cargo check` took.
#[derive(Clone, Debug)]
pub struct Report {
    pub rows: Vec<Row>,
    pub check: Duration,
}

impl Report {
    /// A Markdown table: service, operations, types, lines, generation time, result.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| service | entry | operations | types | generated lines | generation | result |\n\
             |---|---|---|---|---|---|---|\n",
        );
        for r in &self.rows {
            let result = match &r.refusal {
                Some(m) => format!("refused: {m}"),
                None => "compiles".to_owned(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.0} ms | {} |",
                r.service.module,
                r.service.entry,
                r.operations,
                r.types,
                r.lines,
                r.generation.as_secs_f64() * 1000.0,
                result
            );
        }
        let lines: usize = self.rows.iter().map(|r| r.lines).sum();
        let _ = writeln!(
            out,
            "\n{} services, {lines} generated lines, one `cargo check`: {:.1} s wall",
            self.rows.len(),
            self.check.as_secs_f64()
        );
        out
    }
}

/// The services named (by module), in the order given; unknown names are an error.
pub fn select(names: &[&str]) -> Result<Vec<Service>, String> {
    names
        .iter()
        .map(|n| {
            ALL.iter()
                .find(|s| s.module == *n)
                .copied()
                .ok_or_else(|| format!("no corpus service named `{n}`"))
        })
        .collect()
}

/// Generates every service into one crate (in memory): paths relative to the crate
/// directory, and a report row per service. Refused services must be refused.
pub fn generate(options: &Options) -> Result<(BTreeMap<PathBuf, String>, Vec<Row>), String> {
    let mut files = BTreeMap::new();
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let mut lib = String::from(
        "//! @generated by `cargo xtask corpus-check`: one module per corpus service.\n",
    );
    for service in &options.services {
        let entry = options.corpus.join(service.entry);
        if !entry.is_file() {
            failures.push(format!(
                "{}: {} is missing (the corpus must be complete; a missing service is a failure, not a skip)",
                service.module,
                entry.display()
            ));
            continue;
        }
        let mut load = LoadOptions::default();
        if let Some(c) = service.catalog {
            load.catalogs.push(options.corpus.join(c));
        }
        let start = Instant::now();
        let loaded = soapgen_codegen::load(&entry, &load);
        let model = match (loaded, service.refused) {
            (Ok(m), None) => m,
            (Err(e), Some(expected)) => {
                let message = e.to_string();
                if message.contains(expected) {
                    rows.push(Row {
                        service: *service,
                        operations: 0,
                        types: 0,
                        lines: 0,
                        generation: start.elapsed(),
                        refusal: Some(message),
                    });
                } else {
                    failures.push(format!(
                        "{}: refused, but not with `{expected}`: {message}",
                        service.module
                    ));
                }
                continue;
            }
            (Ok(_), Some(expected)) => {
                failures.push(format!(
                    "{}: loaded, but must be refused with `{expected}`",
                    service.module
                ));
                continue;
            }
            (Err(e), None) => {
                failures.push(format!("{}: load: {e}", service.module));
                continue;
            }
        };
        let generate = GenerateOptions {
            source_name: Some(service.entry.to_owned()),
            client_path: options.client.as_ref().map(|_| "soap_client".to_owned()),
            client_feature: Some("client".to_owned()),
            ..GenerateOptions::default()
        };
        let generated = match soapgen_codegen::generate(&model, None, &generate) {
            Ok(g) => g.files,
            Err(e) => {
                failures.push(format!("{}: generate: {e}", service.module));
                continue;
            }
        };
        let generation = start.elapsed();
        let mut lines = 0;
        for (path, text) in generated {
            lines += text.lines().count();
            files.insert(Path::new("src").join(service.module).join(path), text);
        }
        let _ = writeln!(lib, "pub mod {};", service.module);
        rows.push(Row {
            service: *service,
            operations: model.operations.len(),
            types: model.types.len(),
            lines,
            generation,
            refusal: None,
        });
    }
    if !failures.is_empty() {
        return Err(failures.join("\n"));
    }
    files.insert(PathBuf::from("src/lib.rs"), lib);
    let profile = options.shared_target.as_ref().map(|(_, p)| p.as_str());
    files.insert(
        PathBuf::from("Cargo.toml"),
        cargo_toml(&options.runtime, options.client.as_deref(), profile),
    );
    Ok((files, rows))
}

/// The combined crate's manifest: its own workspace, the runtime (and the client) by
/// path, the `serde` (and `client`) features the generated code sits behind.
fn cargo_toml(runtime: &Path, client: Option<&Path>, profile: Option<&str>) -> String {
    let runtime = runtime.display().to_string().replace('\\', "/");
    let (client_dependency, client_feature) = match client {
        Some(path) => (
            format!(
                "soap-client = {{ path = {:?}, optional = true }}\n",
                path.display().to_string().replace('\\', "/")
            ),
            "client = [\"dep:soap-client\"]\n",
        ),
        None => (String::new(), ""),
    };
    let profile = profile.unwrap_or("");
    format!(
        "# @generated by `cargo xtask corpus-check`.\n\
         [package]\n\
         name = \"gas-corpus-check\"\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [lib]\n\
         path = \"src/lib.rs\"\n\
         \n\
         [dependencies]\n\
         soap-runtime = {{ path = {runtime:?} }}\n\
         {client_dependency}\
         \n\
         [features]\n\
         serde = []\n\
         {client_feature}\
         \n\
         [lints.rust]\n\
         # Generated APIs are used by their users, not by this crate.\n\
         dead_code = \"allow\"\n\
         \n\
         [workspace]\n\
         {profile}"
    )
}

/// Writes the crate (replacing an earlier one) and runs `cargo check` on it; fails
/// when a service does not generate or the crate does not compile.
pub fn run(options: &Options) -> Result<Report, String> {
    let (files, rows) = generate(options)?;
    let dir = options.work.join("crate");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    for (path, text) in &files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&full, text).map_err(|e| format!("cannot write {}: {e}", full.display()))?;
    }
    if let Some(lock) = &options.lockfile {
        std::fs::copy(lock, dir.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy {}: {e}", lock.display()))?;
    }
    let mut args = vec!["check", "--quiet", "--lib"];
    let features = match (options.serde, options.client.is_some()) {
        (true, true) => Some("serde client"),
        (true, false) => Some("serde"),
        (false, true) => Some("client"),
        (false, false) => None,
    };
    if let Some(features) = features {
        args.extend(["--features", features]);
    }
    let target = match &options.shared_target {
        Some((dir, _)) => dir.clone(),
        None => options.work.join("target"),
    };
    eprintln!(
        "--- corpus check: cargo {} ({} services, crate in {})",
        args.join(" "),
        rows.len(),
        dir.display()
    );
    let start = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(&args)
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target)
        // One crate, built once: incremental state would only cost time and disk.
        .env("CARGO_INCREMENTAL", "0")
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    let check = start.elapsed();
    if !status.success() {
        return Err(format!(
            "the generated corpus crate does not compile ({status}); it is in {}",
            dir.display()
        ));
    }
    Ok(Report { rows, check })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_corpus() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/corpus")
    }

    fn options(corpus: PathBuf, names: &[&str]) -> Options {
        Options {
            corpus,
            services: select(names).expect("known services"),
            work: PathBuf::from("unused"),
            runtime: PathBuf::from("../soap-runtime"),
            serde: false,
            lockfile: None,
            client: Some(PathBuf::from("../soap-client")),
            shared_target: None,
        }
    }

    #[test]
    fn every_in_repo_service_is_in_the_list_and_present() {
        for name in IN_REPO {
            let service = select(&[name]).expect("in ALL")[0];
            assert!(
                repo_corpus().join(service.entry).is_file(),
                "{}",
                service.entry
            );
        }
        assert!(select(&["no_such_service"]).is_err());
    }

    #[test]
    fn a_missing_service_fails_instead_of_being_skipped() {
        let empty = tempfile::tempdir().expect("temp dir");
        let err = generate(&options(empty.path().to_owned(), &["eu_vies"]))
            .expect_err("nothing to generate from");
        assert!(err.contains("eu_vies") && err.contains("missing"), "{err}");
    }

    #[test]
    fn generates_one_module_per_service_and_requires_the_refusal() {
        let (files, rows) =
            generate(&options(repo_corpus(), &["eu_vies", "tradetracker"])).expect("generates");
        let lib = &files[Path::new("src/lib.rs")];
        assert!(lib.contains("pub mod eu_vies;"), "{lib}");
        assert!(!lib.contains("tradetracker"), "{lib}");
        assert!(files.contains_key(Path::new("src/eu_vies/mod.rs")));
        assert!(files[Path::new("Cargo.toml")].contains("serde = []"));
        assert!(files[Path::new("Cargo.toml")].contains("client = [\"dep:soap-client\"]"));
        assert!(files.contains_key(Path::new("src/eu_vies/client.rs")));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].operations, 2);
        assert!(
            rows[1]
                .refusal
                .as_deref()
                .unwrap_or("")
                .contains("rpc/encoded")
        );

        // A service marked as refused that loads is a failure.
        let mut not_refused = options(repo_corpus(), &["eu_vies"]);
        not_refused.services[0].refused = Some("rpc/encoded");
        let err = generate(&not_refused).expect_err("must be refused");
        assert!(err.contains("must be refused"), "{err}");
    }
}
