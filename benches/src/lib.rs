//! Benchmarks for gas, always as ratios against a baseline run on the same input in the
//! same process: the generated reader against a raw quick-xml scan and against quick-xml's
//! serde deserializer, the generated writer against quick-xml's writer, code generation
//! per WSDL, the client against raw reqwest on the same sandbox, and peak memory against
//! the response size.
//!
//! The library holds what the benchmarks share: [`fixtures`] (realistic messages made in
//! code), [`hand`] (the serde model a user would write by hand), [`raw`] (the quick-xml
//! floors), [`corpus`] (the WSDLs to generate), [`memory`] (resident-set measurement)
//! and [`settings`] (full or quick mode).
//!
//! `cargo bench -p gas-benches` runs everything; `GAS_BENCH_QUICK=1` makes every
//! benchmark small; `cargo test -p gas-benches --benches` (CI) runs every benchmark
//! once on the quick inputs, so none can rot. See `BENCHMARKS.md`.

pub mod client;
pub mod corpus;
pub mod fixtures;
pub mod generated;
pub mod hand;
pub mod memory;
pub mod paired;
pub mod pem;
pub mod raw;
pub mod report;
pub mod settings;

/// The generated types the benchmarks measure: gas-client's checked-in code.
use gas_client::generated::types as gen_types;
