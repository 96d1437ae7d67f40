//! The checked-in generated code is exactly what wsdl/ generates (prost's bootstrap
//! test, in memory): `cargo xtask regen --check` without the command line.

use std::path::Path;

use xtask::layout::Layout;
use xtask::regen;

#[test]
fn checked_in_generated_code_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    let layout = Layout::workspace(root);
    let generation = regen::generate(&layout).unwrap_or_else(|e| panic!("{e}"));
    let plan = regen::plan(&generation, &layout).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        plan.is_current(),
        "gas-client/src/generated is stale; run `cargo xtask regen`:\n{}{}",
        regen::render_files(&plan, &layout),
        regen::render_summary(&plan)
    );
    // The recorded surface reads back to the surface of the current WSDL.
    assert!(plan.summary.is_empty(), "{}", regen::render_summary(&plan));
}
