//! Loads a WSDL and prints a summary of the model (and optionally one type in
//! full): `cargo run -p soapgen-codegen --example dump_model -- <entry.wsdl> [catalog.xml] [TypeLocalName]`.

use std::path::PathBuf;
use std::time::Instant;

use soapgen_codegen::model::TypeName;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(entry) = args.next() else {
        eprintln!("usage: dump_model <entry.wsdl> [catalog.xml] [TypeLocalName]");
        std::process::exit(2);
    };
    let mut options = soapgen_codegen::LoadOptions::default();
    let mut show = None;
    for a in args {
        if a.ends_with(".xml") {
            options.catalogs.push(PathBuf::from(a));
        } else {
            show = Some(a);
        }
    }
    let start = Instant::now();
    match soapgen_codegen::load(&PathBuf::from(&entry), &options) {
        Ok(m) => {
            println!(
                "{entry}: {} operations, {} types, {} elements, {} services, {} notes, {} files, {:?}",
                m.operations.len(),
                m.types.len(),
                m.elements.len(),
                m.services.len(),
                m.notes.len(),
                m.inputs.len(),
                start.elapsed()
            );
            for n in &m.notes {
                println!("note: {}: {}", n.pos, n.message);
            }
            if let Some(name) = show {
                for t in &m.types {
                    let matches = match &t.name {
                        TypeName::Named(q) => q.local == name,
                        TypeName::Anonymous { context, .. } => context.join("/") == name,
                    };
                    if matches {
                        println!("{t:#?}");
                    }
                }
                for op in m.operations.iter().filter(|o| o.name == name) {
                    println!("{op:#?}");
                }
                for (q, e) in m.elements.iter().filter(|(q, _)| q.local == name) {
                    println!("{q}: {e:#?}");
                }
            }
        }
        Err(e) => {
            println!("{entry}: error: {e}");
            std::process::exit(1);
        }
    }
}
