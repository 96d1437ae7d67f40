//! What the tests that build generated crates share.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

/// A file's text; a panic naming the file when it cannot be read.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The workspace's target directory (cargo released its lock when it finished building
/// the tests).
pub fn workspace_target() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_owned()
}

/// Makes a generated crate build like a workspace member: the workspace's Cargo.lock
/// (its versions; cargo drops what the crate does not use, and needs no registry) and its
/// `[profile]` tables, so that in [`workspace_target`] the dependencies the workspace has
/// built with the same features (aws-lc-sys, the slowest, among them) are reused.
pub fn share_the_workspace_build(crate_dir: &Path) {
    std::fs::copy(root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock");
    let workspace: toml::Table = toml::from_str(&read(&root().join("Cargo.toml"))).expect("toml");
    let mut profile = toml::Table::new();
    if let Some(p) = workspace.get("profile") {
        profile.insert("profile".to_owned(), p.clone());
    }
    let manifest = crate_dir.join("Cargo.toml");
    let text = format!(
        "{}\n{}",
        read(&manifest),
        toml::to_string(&profile).expect("profile as toml")
    );
    std::fs::write(&manifest, text).expect("write manifest");
}
