//! The TLS settings of the HTTPS client: which certificates the server may present.
//!
//! - Without `--ca-cert`, the operating system's trust store decides (rustls-platform-verifier:
//!   the Windows certificate store through CryptoAPI, the Keychain on macOS, the system's CA
//!   bundle on Linux), with the revocation checks the platform does.
//! - With `--ca-cert FILE`, exactly the CA certificates in that file are trusted for this server,
//!   and nothing else (as curl's `--cacert`): rustls' own WebPKI verifier with a root store that
//!   holds only them. The operating system's store is not consulted, so a CA someone added to it
//!   (a company proxy, malware) cannot stand in for the association's CA. This also keeps
//!   `--ca-cert` independent of the platform's chain engine (Wine's crypt32, for one, refuses the
//!   extra-roots engine the platform verifier builds on Windows).
//!
//! Either way the chain, the host name and the validity dates are checked in full; there is no
//! switch to skip verification. TLS 1.2 and 1.3 only (rustls' safe defaults), ring as the only
//! crypto provider, ALPN http/1.1 only.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;

use super::error::ProtocolError;

/// The root store for `--ca-cert`: the given CA certificates and nothing else. Fails when a
/// certificate cannot serve as a trust anchor (its DER does not parse as X.509), or when there is
/// none.
pub fn root_store(ca_certs: &[CertificateDer<'static>]) -> Result<RootCertStore, rustls::Error> {
    let mut roots = RootCertStore::empty();
    for c in ca_certs {
        roots.add(c.clone())?;
    }
    if roots.is_empty() {
        return Err(rustls::Error::General("no CA certificate".into()));
    }
    Ok(roots)
}

/// The rustls configuration of the download client. `ca_certs` empty: the operating system's
/// trust store; otherwise exactly these CA certificates (see the module documentation).
pub fn client_config(ca_certs: &[CertificateDer<'static>]) -> Result<ClientConfig, ProtocolError> {
    let setup = |e: &dyn std::fmt::Display| ProtocolError::Setup {
        reason: super::text::terminal_safe(&e.to_string(), super::text::SHORT),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = verifier(ca_certs, provider.clone()).map_err(|e| setup(&*e))?;
    // `dangerous()` is only rustls' name for "custom verifier": both verifiers do full chain,
    // name and validity checks.
    let mut tls = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| setup(&e))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // HTTP/1.1 only: the protocol needs nothing more, and h2 would add its CONTINUATION,
    // SETTINGS and PING floods to what a hostile server can try.
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tls)
}

type BoxError = Box<dyn std::fmt::Display>;

fn verifier(
    ca_certs: &[CertificateDer<'static>],
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, BoxError> {
    if ca_certs.is_empty() {
        let v = rustls_platform_verifier::Verifier::new(provider).map_err(boxed)?;
        return Ok(Arc::new(v));
    }
    let roots = root_store(ca_certs).map_err(boxed)?;
    let v = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(boxed)?;
    Ok(v)
}

fn boxed(e: impl std::fmt::Display + 'static) -> BoxError {
    Box::new(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ca() -> CertificateDer<'static> {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).unwrap().der().clone()
    }

    #[test]
    fn the_root_store_holds_exactly_the_given_cas() {
        let store = root_store(&[ca(), ca()]).unwrap();
        assert_eq!(store.len(), 2);
        assert!(root_store(&[]).is_err());
        assert!(root_store(&[CertificateDer::from(b"not DER".to_vec())]).is_err());
    }

    #[test]
    fn both_kinds_of_configuration_build() {
        let with_ca = client_config(&[ca()]).unwrap();
        // HTTP/1.1 only: no h2 floods from a hostile server.
        assert_eq!(with_ca.alpn_protocols, [b"http/1.1".to_vec()]);
        // The platform verifier needs the system store only when it verifies, not to be built.
        client_config(&[]).unwrap();
    }
}
