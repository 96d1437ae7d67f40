//! Build script of the `gas` command line (see issue #5 for its real job).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
}
