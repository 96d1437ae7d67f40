//! Generates the client from a WSDL (and its spec overlay) once, in memory, and prints
//! the file count and size: a fixed workload for profilers, e.g.
//! `valgrind --tool=callgrind target/release/examples/generate_once wsdl/GasOrderService.wsdl wsdl/spec-overlay.toml`.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(wsdl) = args.first() else {
        eprintln!("usage: generate_once <entry.wsdl> [<spec-overlay.toml>]");
        return ExitCode::FAILURE;
    };
    let run = || -> Result<soapgen_codegen::GeneratedFiles, String> {
        let model =
            soapgen_codegen::load(Path::new(wsdl), &soapgen_codegen::LoadOptions::default())
                .map_err(|e| e.to_string())?;
        let overlay = args
            .get(1)
            .map(|p| {
                soapgen_codegen::overlay::Overlay::load(Path::new(p)).map_err(|e| e.to_string())
            })
            .transpose()?;
        soapgen_codegen::generate(
            &model,
            overlay.as_ref(),
            &soapgen_codegen::GenerateOptions::default(),
        )
        .map_err(|e| e.to_string())
    };
    match run() {
        Ok(g) => {
            let bytes: usize = g.files.values().map(String::len).sum();
            println!("{} files, {bytes} bytes", g.files.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
