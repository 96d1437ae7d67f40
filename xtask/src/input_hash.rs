//! The identity of the generator's input: one sha256 that changes whenever any file
//! the generated code was made from changes.
//!
//! Definition (the root `build.rs` compiles this file in as well, so there is one): for
//! every input file — the WSDL and every file it imports, plus the spec overlay —
//! sorted by its path relative to the wsdl directory (`/`-separated), the line
//! `<path> <sha256 hex of the file's bytes>\n`; the identity is the sha256 (hex) of
//! those lines concatenated. Per-file hashes make the result independent of load
//! order, and build.rs can reproduce it from the file list alone (the entry WSDL,
//! the overlay, and the files `MANIFEST.toml` lists) without parsing any XML.

use sha2::{Digest, Sha256};

/// The identity of a set of `(relative path, bytes)` inputs; order does not matter.
pub fn identity<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let hashed: Vec<(String, String)> = files
        .into_iter()
        .map(|(path, bytes)| (path.to_owned(), sha256_hex(bytes)))
        .collect();
    identity_of_hashes(hashed.iter().map(|(p, h)| (p.as_str(), h.as_str())))
}

/// The identity from `(relative path, sha256 hex)` pairs (as `Model::inputs` has them).
pub fn identity_of_hashes<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut lines: Vec<String> = files
        .into_iter()
        .map(|(path, hash)| format!("{path} {hash}\n"))
        .collect();
    lines.sort();
    lines.dedup();
    sha256_hex(lines.concat().as_bytes())
}

/// sha256 hex of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_ignores_order_and_sees_every_byte() {
        let a = identity([("a.wsdl", &b"x"[..]), ("spec-overlay.toml", &b"y"[..])]);
        let b = identity([("spec-overlay.toml", &b"y"[..]), ("a.wsdl", &b"x"[..])]);
        assert_eq!(a, b);
        let c = identity([("a.wsdl", &b"x "[..]), ("spec-overlay.toml", &b"y"[..])]);
        assert_ne!(a, c);
        let d = identity([("b.wsdl", &b"x"[..]), ("spec-overlay.toml", &b"y"[..])]);
        assert_ne!(a, d);
        // The documented definition, spelled out.
        let lines = format!(
            "a.wsdl {}\nspec-overlay.toml {}\n",
            sha256_hex(b"x"),
            sha256_hex(b"y")
        );
        assert_eq!(a, sha256_hex(lines.as_bytes()));
    }
}
