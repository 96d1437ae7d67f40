//! Reading the input: XML with positions ([`xml`]), finding and loading every
//! imported file ([`loader`], [`catalog`]). Nothing here resolves names; that is
//! [`crate::resolve`]'s job.

pub mod catalog;
pub mod loader;
pub mod ns;
pub mod xml;
