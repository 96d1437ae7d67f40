//! Where regen reads and writes, relative to a root (the workspace, or a
//! temporary directory in tests).

use std::path::{Path, PathBuf};

/// The entry WSDL's file name inside the wsdl directory.
pub const ENTRY_FILE: &str = "GasOrderService.wsdl";
/// The spec overlay's file name inside the wsdl directory.
pub const OVERLAY_FILE: &str = "spec-overlay.toml";
/// The fetch manifest's file name inside the wsdl directory.
pub const MANIFEST_FILE: &str = "MANIFEST.toml";
/// The API surface file, inside the client's generated directory.
pub const SURFACE_FILE: &str = "API.txt";

/// The directories one regeneration works on.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Paths in messages are shown relative to this (the workspace root).
    pub root: PathBuf,
    /// `wsdl/`: the entry WSDL, imported schemas, the overlay, the manifest.
    pub wsdl_dir: PathBuf,
    /// `gas-client/src/generated/`: wholly owned by the generator.
    pub client_generated: PathBuf,
}

impl Layout {
    /// The layout of a workspace checkout at `root`.
    pub fn workspace(root: &Path) -> Layout {
        Layout {
            root: root.to_owned(),
            wsdl_dir: root.join("wsdl"),
            client_generated: root.join("gas-client").join("src").join("generated"),
        }
    }

    pub fn entry(&self) -> PathBuf {
        self.wsdl_dir.join(ENTRY_FILE)
    }

    pub fn overlay(&self) -> PathBuf {
        self.wsdl_dir.join(OVERLAY_FILE)
    }

    pub fn manifest(&self) -> PathBuf {
        self.wsdl_dir.join(MANIFEST_FILE)
    }

    pub fn surface(&self) -> PathBuf {
        self.client_generated.join(SURFACE_FILE)
    }

    /// `path` relative to the root, `/`-separated, for messages.
    pub fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
            .replace('\\', "/")
    }
}
