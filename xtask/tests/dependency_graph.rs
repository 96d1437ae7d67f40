//! The workspace's dependency graph keeps its shape (issue 20): gas-sandbox is built on
//! gas-client's wire code alone (no HTTP client, no TLS stack), and gas-client does not
//! depend on gas-sandbox in any way (its examples live in the `gas-examples` crate), so
//! there is no dependency loop. gas-client's and soap-client's TLS is rustls with ring by
//! default: aws-lc-rs (whose C build dominates a clean build) only when asked for (issue 21).

use std::path::Path;
use std::process::Command;

/// The packages `cargo tree` lists for `package` along the `edges` kinds, one per line.
fn tree(package: &str, edges: &str) -> String {
    cargo_tree(package, edges, "{p}", &[])
}

/// `cargo tree -p package -e edges --format format` with `extra` arguments (feature flags).
fn cargo_tree(package: &str, edges: &str, format: &str, extra: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["tree", "--offline", "--locked", "--prefix", "none"])
        .args(["--format", format, "-p", package, "-e", edges])
        .args(extra)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree -p {package} -e {edges} {extra:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn packages(tree: &str) -> Vec<&str> {
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect()
}

#[test]
fn the_sandbox_has_no_http_client_or_tls_stack() {
    let tree = tree("gas-sandbox", "normal");
    let packages = packages(&tree);
    assert!(packages.contains(&"gas-client"), "{tree}");
    for client_side in ["reqwest", "rustls", "hyper-rustls", "aws-lc-rs"] {
        assert!(
            !packages.contains(&client_side),
            "gas-sandbox pulls in {client_side}:\n{tree}"
        );
    }
}

#[test]
fn gas_client_does_not_depend_on_the_sandbox() {
    let tree = tree("gas-client", "normal,build,dev");
    let packages = packages(&tree);
    assert!(packages.contains(&"reqwest"), "{tree}");
    assert!(!packages.contains(&"gas-sandbox"), "{tree}");
}

/// The packages `cargo tree` lists for `package` with the given feature flags.
fn tree_with(package: &str, features: &[&str]) -> String {
    cargo_tree(package, "normal", "{p}", features)
}

#[test]
fn the_client_uses_ring_and_not_aws_lc_by_default() {
    for package in ["gas-client", "soap-client"] {
        let tree = tree(package, "normal");
        let packages = packages(&tree);
        assert!(packages.contains(&"ring"), "{package}:\n{tree}");
        for heavy in ["aws-lc-rs", "aws-lc-sys"] {
            assert!(
                !packages.contains(&heavy),
                "{package} pulls in {heavy} by default:\n{tree}"
            );
        }
    }
}

#[test]
fn the_tls_provider_features_choose_what_is_built() {
    let aws = tree_with(
        "gas-client",
        &["--no-default-features", "--features", "client,aws-lc-rs"],
    );
    let packages_aws = packages(&aws);
    assert!(packages_aws.contains(&"aws-lc-rs"), "{aws}");
    assert!(!packages_aws.contains(&"ring"), "{aws}");
    let neither = tree_with(
        "gas-client",
        &["--no-default-features", "--features", "client"],
    );
    let packages_neither = packages(&neither);
    assert!(packages_neither.contains(&"rustls"), "{neither}");
    for provider in ["ring", "aws-lc-rs"] {
        assert!(!packages_neither.contains(&provider), "{neither}");
    }
}

/// Every workspace member that builds gas-client's transport also builds its TLS provider
/// when built on its own (`cargo run -p gas-examples --example quickstart`, the README's
/// first command): the workspace dependency turns gas-client's defaults off, and `client`
/// alone leaves the provider to the program (BuildError::Tls at run time).
#[test]
fn members_with_the_client_build_a_tls_provider() {
    for member in ["gas-examples", "gas", "gas-benches"] {
        let tree = cargo_tree(member, "normal", "{p} [{f}]", &[]);
        let soap_client = tree
            .lines()
            .find(|line| line.starts_with("soap-client "))
            .unwrap_or_else(|| panic!("{member} does not build soap-client:\n{tree}"));
        assert!(
            soap_client.contains("ring") || soap_client.contains("aws-lc-rs"),
            "{member} builds soap-client without a TLS provider (gas-client's `ring` feature): {soap_client}"
        );
    }
}
