//! `gas`: the command line for GlobalSign's client-certificate API.
fn main() {
    println!("gas {}", env!("CARGO_PKG_VERSION"));
}
