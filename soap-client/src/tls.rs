//! The TLS setup of the client's own HTTP client: rustls with a crypto provider chosen
//! here, never taken from reqwest's build features, so that the crate can leave reqwest's
//! default provider (aws-lc-rs, whose C build is most of a clean build's time) out.
//!
//! Which provider ([`provider`]):
//! 1. the process-wide default, when the program installed one
//!    (`rustls::crypto::CryptoProvider::install_default`): the program's choice is kept,
//!    as reqwest keeps it;
//! 2. otherwise aws-lc-rs, when this crate's feature `aws-lc-rs` is on;
//! 3. otherwise ring, when the feature `ring` is on (the default);
//! 4. otherwise none: building a client is a [`BuildError::Tls`], never a panic.
//!
//! This crate never installs a process-wide default itself: that choice belongs to the
//! program.

use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;

use crate::client::BuildError;

/// The crypto provider for the client's TLS (see the module docs for the order).
pub(crate) fn provider() -> Result<Arc<CryptoProvider>, BuildError> {
    if let Some(installed) = CryptoProvider::get_default() {
        return Ok(Arc::clone(installed));
    }
    feature_provider().ok_or_else(|| {
        BuildError::Tls(
            "no rustls crypto provider: turn on soap-client's feature `ring` or `aws-lc-rs`, \
             or install one with rustls::crypto::CryptoProvider::install_default before \
             building the client"
                .to_owned(),
        )
    })
}

/// The provider this crate's features select: aws-lc-rs when its feature is on.
#[cfg(feature = "aws-lc-rs")]
fn feature_provider() -> Option<Arc<CryptoProvider>> {
    Some(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
}

/// The provider this crate's features select: ring (the default feature).
#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
fn feature_provider() -> Option<Arc<CryptoProvider>> {
    Some(Arc::new(rustls::crypto::ring::default_provider()))
}

/// Neither provider feature: only a process-wide provider can serve.
#[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
fn feature_provider() -> Option<Arc<CryptoProvider>> {
    None
}

/// The rustls configuration of the client's own HTTP client: TLS 1.3 and 1.2 with the
/// provider's cipher suites, server certificates verified by the platform's verifier
/// against the platform's roots plus `extra_roots`, no client certificate, ALPN
/// `http/1.1` (the only protocol the client speaks).
pub(crate) fn client_config(
    extra_roots: Vec<CertificateDer<'static>>,
) -> Result<rustls::ClientConfig, BuildError> {
    let provider = provider()?;
    let verifier = platform_verifier(extra_roots, Arc::clone(&provider))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::Tls(format!("the crypto provider offers no TLS version: {e}")))?
        // `dangerous` is rustls's name for "a verifier of your own"; this one is the
        // platform's full verification (chain, name, validity), never switched off.
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// The platform's certificate verifier, trusting `extra_roots` besides the platform's.
fn platform_verifier(
    extra_roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, BuildError> {
    let verifier = if extra_roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        #[cfg(any(all(unix, not(target_os = "android")), windows))]
        {
            rustls_platform_verifier::Verifier::new_with_extra_roots(extra_roots, provider)
        }
        #[cfg(not(any(all(unix, not(target_os = "android")), windows)))]
        {
            let _ = provider;
            return Err(BuildError::Tls(
                "extra root certificates are not supported by this platform's verifier".to_owned(),
            ));
        }
    };
    verifier.map_err(|e| BuildError::Tls(format!("cannot set up certificate verification: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With no provider installed, the features' provider serves: ring by default (told
    /// from aws-lc-rs by its key-exchange groups, which lack the post-quantum hybrid),
    /// even when rustls is also built with aws-lc-rs for another crate.
    #[test]
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    fn ring_serves_when_no_provider_is_installed() {
        assert!(CryptoProvider::get_default().is_none());
        let config = client_config(Vec::new()).expect("TLS configuration");
        let groups = |p: &CryptoProvider| -> Vec<String> {
            p.kx_groups
                .iter()
                .map(|g| format!("{:?}", g.name()))
                .collect()
        };
        let ring = rustls::crypto::ring::default_provider();
        assert_eq!(groups(config.crypto_provider()), groups(&ring));
        let suites = |p: &CryptoProvider| -> Vec<String> {
            p.cipher_suites
                .iter()
                .map(|s| format!("{:?}", s.suite()))
                .collect()
        };
        assert_eq!(suites(config.crypto_provider()), suites(&ring));
        assert_eq!(config.alpn_protocols, [b"http/1.1".to_vec()]);
    }
}
