//! soap-runtime's deviation paths: `path::element_paths`, a markup scan that checks
//! nothing (it runs only over input the reader has accepted), against
//! `path::element_path`, which walks the same input with the reader's own tokenizer.
//!
//! On any bytes: no panic, one path per position, whatever the order of the positions.
//! On a document the reader accepts whole (`root`, `skip`, `finish`): at every byte
//! position of the document element (of a small input; 64 spread over a large one;
//! positions given in reverse, sorted by the callee) the two agree, from depth 0 and from depth 1. Positions before the document
//! element (BOM, declaration, comments) are left out: no deviation is ever recorded there,
//! and the tokenizer's walk gives them the root's path where the scan gives none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soap_runtime::path::{element_path, element_paths};
use soap_runtime::{Limits, XmlReader};

/// The document element's span (its `<` to just after its end), when the reader accepts
/// the whole input.
fn accepted(data: &[u8]) -> Option<std::ops::Range<u64>> {
    let mut reader = XmlReader::new(data, &Limits::default()).ok()?;
    let root = reader.root().ok()?;
    reader.skip(&root).ok()?;
    let end = reader.position();
    reader.finish().ok()?;
    Some(root.position()..end)
}

/// Inputs up to this size are checked at every position; larger ones (the recorded
/// messages among the seeds) at 64 positions spread over them, since each tokenizer walk
/// reads the whole input.
const EVERY_POSITION_UP_TO: usize = 2048;

fuzz_target!(|data: &[u8]| {
    let positions: Vec<u64> = if data.len() <= EVERY_POSITION_UP_TO {
        (0..=data.len() as u64).rev().collect()
    } else {
        let step = data.len() / 64;
        (0..64).rev().map(|i| (i * step) as u64).collect()
    };
    for base in [0, 1] {
        let paths = element_paths(data, &positions, base);
        assert_eq!(paths.len(), positions.len());
        let Some(root) = accepted(data) else {
            return;
        };
        for (&position, path) in positions.iter().zip(&paths) {
            if !root.contains(&position) {
                continue;
            }
            assert_eq!(
                path,
                &element_path(data, position, base),
                "byte {position} of {:?}",
                String::from_utf8_lossy(data)
            );
        }
    }
});
