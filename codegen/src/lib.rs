//! gas-codegen: WSDL 1.1 + XML Schema → Rust.
//!
//! The pipeline runs one way: **parse** (xmltree; every construct keeps its
//! `file:line`) → **model** ([`model`]: resolved, language-neutral) → **rust**
//! (names, types, ownership) → **emit** (quote → syn → prettyplease), producing a
//! deterministic file tree.

pub mod model;
