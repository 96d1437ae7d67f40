//! The WSDLs the generation benchmark runs: GasOrderService and every entry file of the
//! shared corpus (`../shared/wsdl-corpus/README.md`), with the load options each needs.

use std::path::{Path, PathBuf};

use soapgen_codegen::LoadOptions;

/// One entry WSDL.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Short name for reports (`folder/file`).
    pub name: String,
    pub path: PathBuf,
    pub options: LoadOptions,
    /// The generator refuses it by design (rpc/encoded): benchmarked only as far as the
    /// refusal.
    pub refused: bool,
}

/// The repository root (the workspace that holds this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `wsdl/GasOrderService.wsdl`.
pub fn gas_order_service() -> Entry {
    Entry {
        name: "GasOrderService".to_owned(),
        path: repo_root().join("wsdl/GasOrderService.wsdl"),
        options: LoadOptions::default(),
        refused: false,
    }
}

/// The shared corpus directory (`../shared/wsdl-corpus`, beside the repository).
pub fn corpus_dir() -> PathBuf {
    repo_root().join("../shared/wsdl-corpus")
}

/// Entry files of the corpus, as its README lists them, plus the four GlobalSign WSDLs.
const ENTRIES: &[&str] = &[
    "globalsign/GasOrderService-cr-v1.wsdl",
    "globalsign/GASService-kb-v1.wsdl",
    "globalsign/ServerSSLService-kb-v1.wsdl",
    "globalsign/ManagedSSLService-kb-v2.wsdl",
    "eu-vies-checkvat/checkVatService.wsdl",
    "ms-exchange-ews/services.wsdl",
    "salesforce-partner/partner.wsdl",
    "onvif-device-media/devicemgmt.wsdl",
    "onvif-device-media/media.wsdl",
    "aws-ec2/ec2.wsdl",
    "usda-awdb/usda-awdb.wsdl",
    "wsdot-ferries/ferry.wsdl",
    "chrome-automotive-description/chromedata.wsdl",
    "gs1-epcis-query/EPCglobal-epcis-query-1_2.wsdl",
    "paypal-api/PayPalSvc.wsdl",
    "lnp-number-management/NumberManagement.wsdl",
    "estes-image-view/ImageViewService.local.wsdl",
    "euroconsumers-partner-wcf/PartnerService.local.wsdl",
    "fedex-rate-v28/RateService_v28.wsdl",
    "tradetracker-affiliate/tradetracker.wsdl",
    "wasmuth-onlinesync/wasmuth.wsdl",
    "virtualbox-vboxweb/vboxweb.wsdl",
    "telefonkatalogen-sendsms/sendsms.wsdl",
    "cics-partner-rpc-literal/symbolic_endpoint.wsdl",
];

/// Every corpus entry that exists on this machine (the corpus lives outside the
/// repository; a clone without it benchmarks GasOrderService only).
pub fn corpus_entries() -> Vec<Entry> {
    let dir = corpus_dir();
    ENTRIES
        .iter()
        .map(|rel| {
            let path = dir.join(rel);
            let mut options = LoadOptions::default();
            if rel.starts_with("wasmuth-onlinesync/") {
                options
                    .catalogs
                    .push(dir.join("wasmuth-onlinesync/catalog.xml"));
            }
            Entry {
                name: (*rel).to_owned(),
                path,
                options,
                refused: rel.starts_with("tradetracker-affiliate/"),
            }
        })
        .filter(|e| e.path.is_file())
        .collect()
}

/// Total bytes of the files in the entry's folder (for the report: size in, time out).
pub fn folder_bytes(entry: &Entry) -> u64 {
    let Some(dir) = entry.path.parent() else {
        return 0;
    };
    if entry.name == "GasOrderService" || entry.name.starts_with("globalsign/") {
        return std::fs::metadata(&entry.path).map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// What generating one entry produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Files and their total size in bytes.
    Generated { files: usize, bytes: usize },
    /// Refused (with the generator's message).
    Refused(String),
}

/// `wsdl/spec-overlay.toml`, when generating GasOrderService.
fn overlay_for(
    entry: &Entry,
) -> Result<Option<soapgen_codegen::overlay::Overlay>, soapgen_codegen::Error> {
    if entry.name != "GasOrderService" {
        return Ok(None);
    }
    let path = repo_root().join("wsdl/spec-overlay.toml");
    if !path.is_file() {
        return Ok(None);
    }
    soapgen_codegen::overlay::Overlay::load(&path).map(Some)
}

/// Everything `cargo xtask regen` does in memory for one WSDL: load (parse + resolve),
/// read the overlay (GasOrderService only), generate (plan + emit + format).
pub fn generate(entry: &Entry) -> Outcome {
    let run = || -> Result<soapgen_codegen::GeneratedFiles, soapgen_codegen::Error> {
        let model = soapgen_codegen::load(&entry.path, &entry.options)?;
        let overlay = overlay_for(entry)?;
        let options = soapgen_codegen::GenerateOptions {
            source_name: Some(entry.name.clone()),
            ..soapgen_codegen::GenerateOptions::default()
        };
        soapgen_codegen::generate(&model, overlay.as_ref(), &options)
    };
    match run() {
        Ok(files) => Outcome::Generated {
            files: files.files.len(),
            bytes: files.files.values().map(String::len).sum(),
        },
        Err(e) => Outcome::Refused(e.to_string()),
    }
}
