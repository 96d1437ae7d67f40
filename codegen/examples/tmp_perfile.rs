fn main() {
    for f in [
        "mod.rs",
        "types.rs",
        "xml.rs",
        "operations.rs",
        "server.rs",
        "validate.rs",
    ] {
        let text = std::fs::read_to_string(format!("gas-client/src/generated/{f}")).unwrap();
        let ts: proc_macro2::TokenStream = text.parse().unwrap();
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..5 {
            let file: syn::File = syn::parse2(ts.clone()).unwrap();
            let t1 = std::time::Instant::now();
            let s = prettyplease::unparse(&file);
            n += s.len();
            let _ = t1;
        }
        let el = t0.elapsed() / 5;
        let t2 = std::time::Instant::now();
        let file: syn::File = syn::parse2(ts.clone()).unwrap();
        let p = t2.elapsed();
        let t3 = std::time::Instant::now();
        let _s = prettyplease::unparse(&file);
        let u = t3.elapsed();
        let t4 = std::time::Instant::now();
        drop(file);
        println!(
            "{f}: total {:?} parse {:?} unparse {:?} drop {:?} {}",
            el,
            p,
            u,
            t4.elapsed(),
            n
        );
    }
}
