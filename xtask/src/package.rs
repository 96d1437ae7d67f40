//! `cargo xtask package`: `cargo package` (with verification) for every workspace member
//! that can be published, so that a crate which builds here but not from its own
//! `.crate` file (a file included from outside its directory, a dependency without a
//! version, a missing README) is found before anyone publishes it.
//!
//! Which members those are is read from the manifests (a member without
//! `publish = false`), not listed here. They are packaged in one `cargo package` run:
//! cargo verifies each against the others' freshly packaged `.crate` files (its local
//! registry overlay), so soap-client can be checked before soap-runtime is on crates.io.
//! Verification builds in the workspace's target directory, reusing what the tests built.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
struct RootManifest {
    workspace: Workspace,
    package: Option<Package>,
    /// `[profile.*]`: the workspace's build profiles.
    #[serde(default)]
    profile: Option<toml::Table>,
}

#[derive(Deserialize)]
struct Workspace {
    members: Vec<String>,
}

#[derive(Deserialize)]
struct MemberManifest {
    package: Package,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    /// `false`, or the registries it may go to (absent: crates.io).
    #[serde(default)]
    publish: Option<toml::Value>,
}

impl Package {
    fn is_publishable(&self) -> bool {
        match &self.publish {
            None => true,
            Some(toml::Value::Boolean(allowed)) => *allowed,
            Some(toml::Value::Array(registries)) => !registries.is_empty(),
            Some(_) => true,
        }
    }
}

/// The names of the workspace's publishable packages (root package first, then the
/// members in the order `[workspace] members` lists them).
pub fn publishable(root: &Path) -> Result<Vec<String>, String> {
    let manifest_path = root.join("Cargo.toml");
    let root_manifest: RootManifest = read_toml(&manifest_path)?;
    let mut packages = Vec::new();
    if let Some(package) = root_manifest.package {
        packages.push(package);
    }
    for member in &root_manifest.workspace.members {
        let path: PathBuf = root.join(member).join("Cargo.toml");
        let manifest: MemberManifest = read_toml(&path)?;
        packages.push(manifest.package);
    }
    Ok(packages
        .into_iter()
        .filter(Package::is_publishable)
        .map(|p| p.name)
        .collect())
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes cargo's extracted copies of earlier packagings of `packages`.
///
/// cargo verifies a crate against its siblings' `.crate` files through a local registry
/// (`target/package/tmp-registry`) and extracts them under
/// `$CARGO_HOME/registry/src/-<hash of that path>/<name>-<version>/`, but only once: a
/// later run finds the directory and builds against the old sources (gas-client was
/// verified against a soap-runtime from hours before and failed to compile). Only those
/// local-registry directories (their names start with `-`; crates.io's do not) and only
/// our packages' entries are removed.
pub fn forget_extracted(cargo_home: &Path, packages: &[String]) -> Result<usize, String> {
    let sources = cargo_home.join("registry/src");
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(0);
    };
    let mut removed = 0;
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = named_after(&name, packages, |version| {
                version.starts_with(|c: char| c.is_ascii_digit())
            });
            if ours {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|e| format!("{}: {e}", entry.path().display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Whether `name` is one of `packages`, a dash and a rest that `rest_is` accepts (a version
/// in `soap-runtime-0.1.0`, a hash in `soap-runtime-0123456789abcdef`). Every package is
/// tried: `soapgen-codegen-0.1.0` also starts with `soapgen-`.
fn named_after(name: &str, packages: &[String], rest_is: impl Fn(&str) -> bool) -> bool {
    packages.iter().any(|package| {
        name.strip_prefix(package.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(&rest_is)
    })
}

/// Removes the fingerprints of earlier verification builds of `packages` from the target
/// directory, so that cargo builds them again from the sources just packaged.
///
/// A crate from a registry is taken to never change, so cargo records no source files for
/// it (its dep-info lists none) and keeps using what it built; and `.crate` files carry a
/// fixed mtime. A crate verified against a sibling packaged earlier would compile against
/// the old build. Those fingerprints, `.fingerprint/<name>-<hash>/` whose `dep-lib-*`
/// names no `.rs` file, are removed; the workspace's own builds of the same packages
/// (which list their sources) are left alone.
pub fn forget_built(target_dir: &Path, packages: &[String]) -> Result<usize, String> {
    let mut removed = 0;
    for profile in ["debug", "release"] {
        let fingerprints = target_dir.join(profile).join(".fingerprint");
        let Ok(entries) = std::fs::read_dir(&fingerprints) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = named_after(&name, packages, |hash| {
                hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit())
            });
            if !ours {
                continue;
            }
            let Ok(files) = std::fs::read_dir(entry.path()) else {
                continue;
            };
            let registry_build = files.flatten().any(|file| {
                file.file_name().to_string_lossy().starts_with("dep-lib-")
                    && std::fs::read(file.path())
                        .is_ok_and(|bytes| !bytes.windows(3).any(|w| w == b".rs"))
            });
            if registry_build {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|e| format!("{}: {e}", entry.path().display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// The workspace's `[profile.*]` settings as `--config` arguments. A packaged crate is
/// verified as a workspace of its own, which has none of the root manifest's profiles;
/// passed as configuration they apply there too, so verification builds the dependencies
/// exactly as the tests did and reuses them (without: every dependency built again, about
/// four minutes here when aws-lc-sys was among them).
pub fn profile_config(root: &Path) -> Result<Vec<String>, String> {
    let manifest: RootManifest = read_toml(&root.join("Cargo.toml"))?;
    let mut out = Vec::new();
    if let Some(profiles) = &manifest.profile {
        flatten("profile", profiles, &mut out);
    }
    Ok(out)
}

/// `key.path=value` for every leaf of `table` (keys quoted where TOML needs it: `"*"`).
fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
    for (key, value) in table {
        let bare = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let key = if bare {
            format!("{prefix}.{key}")
        } else {
            format!("{prefix}.{}", toml::Value::String(key.clone()))
        };
        match value {
            toml::Value::Table(inner) => flatten(&key, inner, out),
            leaf => out.push(format!("{key}={leaf}")),
        }
    }
}

/// The `cargo package` arguments for `packages` (`--allow-dirty` so that a local run
/// with uncommitted changes checks them too; CI runs on a clean clone), with `config`
/// from [`profile_config`].
pub fn cargo_args(packages: &[String], config: &[String]) -> Vec<String> {
    let mut args = vec!["package".to_owned(), "--allow-dirty".to_owned()];
    for setting in config {
        args.push("--config".to_owned());
        args.push(setting.clone());
    }
    for package in packages {
        args.push("-p".to_owned());
        args.push(package.clone());
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, path: &str, text: &str) {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(path, text).expect("write");
    }

    #[test]
    fn members_with_publish_false_or_no_registry_are_left_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(
            root,
            "Cargo.toml",
            "[workspace]\nmembers = [\"a\", \"b\", \"c\", \"d\"]\n[package]\nname = \"top\"\npublish = false\n",
        );
        write(root, "a/Cargo.toml", "[package]\nname = \"a\"\n");
        write(
            root,
            "b/Cargo.toml",
            "[package]\nname = \"b\"\npublish = false\n",
        );
        write(
            root,
            "c/Cargo.toml",
            "[package]\nname = \"c\"\npublish = []\n",
        );
        write(
            root,
            "d/Cargo.toml",
            "[package]\nname = \"d\"\npublish = [\"mine\"]\n",
        );
        assert_eq!(publishable(root), Ok(vec!["a".to_owned(), "d".to_owned()]));
    }

    #[test]
    fn profiles_become_config_settings_with_quoted_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "Cargo.toml",
            "[workspace]\nmembers = []\n[profile.dev]\ndebug = \"line-tables-only\"\n\
             [profile.dev.package.\"*\"]\nopt-level = 1\ndebug = false\n",
        );
        assert_eq!(
            profile_config(dir.path()),
            Ok(vec![
                "profile.dev.debug=\"line-tables-only\"".to_owned(),
                "profile.dev.package.\"*\".debug=false".to_owned(),
                "profile.dev.package.\"*\".opt-level=1".to_owned(),
            ])
        );
    }

    #[test]
    fn only_our_packages_in_local_registries_are_forgotten() {
        let home = tempfile::tempdir().expect("tempdir");
        let home = home.path();
        for dir in [
            "registry/src/-abc/soap-runtime-0.1.0",
            "registry/src/-abc/soap-runtime-extra-0.1.0",
            "registry/src/-abc/serde-1.0.0",
            "registry/src/index.crates.io-123/soap-runtime-0.1.0",
        ] {
            std::fs::create_dir_all(home.join(dir)).expect("dir");
        }
        let removed = forget_extracted(home, &["soap-runtime".to_owned()]).expect("removes");
        assert_eq!(removed, 1);
        assert!(!home.join("registry/src/-abc/soap-runtime-0.1.0").exists());
        assert!(
            home.join("registry/src/-abc/soap-runtime-extra-0.1.0")
                .exists()
        );
        assert!(home.join("registry/src/-abc/serde-1.0.0").exists());
        assert!(
            home.join("registry/src/index.crates.io-123/soap-runtime-0.1.0")
                .exists()
        );
        assert_eq!(forget_extracted(&home.join("nowhere"), &[]), Ok(0));
    }

    #[test]
    fn only_registry_builds_of_our_packages_are_forgotten() {
        let target = tempfile::tempdir().expect("tempdir");
        let target = target.path();
        let fingerprint = |dir: &str, dep_info: &[u8]| {
            let dir = target.join("debug/.fingerprint").join(dir);
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(dir.join("dep-lib-soap_runtime"), dep_info).expect("write");
            dir
        };
        let registry = fingerprint("soap-runtime-0123456789abcdef", &[1, 0, 0, 0, 0xff]);
        let workspace = fingerprint("soap-runtime-fedcba9876543210", b"\x01src/lib.rs");
        let other = fingerprint("serde-0123456789abcdef", &[1, 0, 0, 0, 0xff]);
        assert_eq!(forget_built(target, &["soap-runtime".to_owned()]), Ok(1));
        assert!(!registry.exists());
        assert!(workspace.exists() && other.exists());
    }

    #[test]
    fn an_unreadable_member_manifest_names_its_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "Cargo.toml",
            "[workspace]\nmembers = [\"gone\"]\n",
        );
        let error = publishable(dir.path()).expect_err("no member manifest");
        assert!(error.contains("gone/Cargo.toml"), "{error}");
    }

    #[test]
    fn this_workspace_publishes_the_libraries_and_the_generator() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let names = publishable(&root).expect("reads the workspace");
        for name in [
            "soap-runtime",
            "soap-client",
            "soapgen-codegen",
            "soapgen",
            "gas-client",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        for name in ["xtask", "gas-benches", "gas-examples", "gas-sandbox", "gas"] {
            assert!(!names.iter().any(|n| n == name), "{name} in {names:?}");
        }
    }
}
