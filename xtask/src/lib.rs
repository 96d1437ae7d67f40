//! The library side of `cargo xtask`: everything the subcommands do, as functions
//! that tests can call on temporary directories (the binary in `main.rs` is only
//! the command line around them).
//!
//! - [`regen`]: `cargo xtask regen [--check] [--summary-only]`: wsdl/ → generated code,
//!   with an API-level summary of what changed ([`soapgen_codegen::surface`]) and a line diff.
//! - [`fetch`]: `cargo xtask regen --fetch <live|test|URL>`: download a WSDL and every
//!   schema it references into wsdl/, recorded in [`manifest`].
//! - [`corpus_check`]: `cargo xtask corpus-check [--all]`: every service of the WSDL
//!   corpus generates into one crate that compiles.
//! - [`package`]: `cargo xtask package`: `cargo package` for every publishable member.
//! - [`fuzz`]: `cargo xtask fuzz <smoke|build|run|seed>`: the libFuzzer targets in
//!   `fuzz/`, built and run without cargo-fuzz.

pub mod corpus_check;
pub mod fetch;
pub mod fuzz;
pub mod input_hash;
pub mod layout;
pub mod line_diff;
pub mod manifest;
pub mod package;
pub mod regen;
