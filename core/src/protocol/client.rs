//! The HTTPS client: one blocking request per call, retried by [`RetryPolicy`], every answer
//! checked against docs/protocol.md before anything is handed back.
//!
//! TLS is rustls with the ring provider only ([`super::tls`]). The server is verified against the
//! operating system's trust store, or against exactly the CA certificates of `--ca-cert` when
//! given; there is no way to skip verification. Plain `http://` is allowed only to a loopback
//! address (tests, the demo).
//! Request bodies carry the PIN, so nothing here logs a body, and the identification number and PIN
//! never appear in a URL, a header or an error.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use reqwest::Url;
use reqwest::blocking::Response;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::MAX_BODY;
use super::error::{BadAnswer, CaCertProblem, ProtocolError, TlsFailure};
use super::retry::{RetryHint, RetryPolicy, Sleeper, ThreadSleeper, parse_retry_after};
use crate::pin::Pin;

/// Connect timeout and whole-request timeout (docs/protocol.md, "Client behaviour").
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// A problem document is a few hundred bytes; more is not a problem document.
const MAX_PROBLEM: u64 = 64 * 1024;

const PROBLEM_PREFIX: &str = "urn:gidcert:problem:";

/// A server base URL gidcert may talk to: `https://…`, or `http://` to a loopback host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerUrl(Url);

impl ServerUrl {
    pub fn parse(s: &str) -> Result<ServerUrl, ProtocolError> {
        let bad = || ProtocolError::BadUrl { url: s.to_owned() };
        let url = Url::parse(s.trim()).map_err(|_| bad())?;
        // Credentials in the URL would end up in logs and error messages.
        if !url.username().is_empty() || url.password().is_some() || url.host().is_none() {
            return Err(bad());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad());
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(ProtocolError::InsecureUrl { url: s.to_owned() }),
            _ => return Err(bad()),
        }
        Ok(ServerUrl(url))
    }

    /// `--server`, else `GIDCERT_SERVER`, else the configuration file's `server`. No built-in
    /// address: a member must know which server they talk to.
    pub fn resolve(
        flag: Option<&str>,
        env: Option<&str>,
        config: Option<&str>,
    ) -> Result<ServerUrl, ProtocolError> {
        [flag, env, config]
            .into_iter()
            .flatten()
            .find(|s| !s.trim().is_empty())
            .map(ServerUrl::parse)
            .unwrap_or(Err(ProtocolError::NoServer))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// `path` below the base, which may itself have a path (`https://host/gid/` + `v1/…`).
    fn endpoint(&self, path: &str) -> Url {
        let mut base = self.0.clone();
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        // Invariant: `path` is one of this module's relative constants, which always join.
        base.join(path).expect("relative endpoint path joins")
    }
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    // IPv6 hosts come bracketed; the URL parser has already normalised IPv4 forms.
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// An identification number (識別番号): 1 to 32 ASCII letters or digits. Its `Debug` is redacted:
/// it is half of a login.
#[derive(Clone, PartialEq, Eq)]
pub struct IdNumber(String);

impl IdNumber {
    /// Surrounding spaces (a paste from the notice) are dropped; anything else must be right.
    pub fn parse(s: &str) -> Result<IdNumber, InvalidIdNumber> {
        let s = s.trim();
        if s.is_empty() || s.len() > 32 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(InvalidIdNumber);
        }
        Ok(IdNumber(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdNumber(<redacted>)")
    }
}

/// The identification number breaks the syntax rule.
#[derive(Debug)]
pub struct InvalidIdNumber;

/// A PKCS#12 file as the server delivered it, after every protocol check passed.
pub struct Delivery {
    /// The file, exactly as received; wiped on drop.
    pub body: Zeroizing<Vec<u8>>,
    pub sha256: [u8; 32],
    /// When the server deletes its copy (`Gid-Delete-At`).
    pub delete_at: DateTime<Utc>,
    /// How many attempts it took.
    pub attempts: u32,
}

impl fmt::Debug for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("len", &self.body.len())
            .field("sha256", &hex::encode(self.sha256))
            .field("delete_at", &self.delete_at)
            .field("attempts", &self.attempts)
            .finish()
    }
}

#[derive(Serialize)]
struct Credentials<'a> {
    identification_number: &'a str,
    pin: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
}

/// The members of a problem document gidcert reads; others are ignored.
#[derive(Deserialize)]
struct Problem {
    #[serde(rename = "type")]
    kind: String,
    attempts_left: Option<u32>,
    locked_until: Option<String>,
    deleted_at: Option<String>,
    revoked_at: Option<String>,
}

/// The download-server client.
pub struct Client {
    http: reqwest::blocking::Client,
    base: ServerUrl,
    policy: RetryPolicy,
    sleeper: Box<dyn Sleeper>,
    rng: RefCell<fastrand::Rng>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("policy", &self.policy)
            .finish()
    }
}

/// Makes ring the process-wide rustls provider, once; nothing else may pick one.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An error means a provider is already installed: then that one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Reads the CA certificates of a PEM file (`--ca-cert`).
pub fn load_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, ProtocolError> {
    let err = |problem| ProtocolError::CaCert {
        path: path.to_owned(),
        problem,
    };
    let bytes = crate::fsutil::read_cert_file(path).map_err(|e| err(CaCertProblem::Read(e)))?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            err(CaCertProblem::NotPem {
                detail: e.to_string(),
            })
        })?;
    if certs.is_empty() {
        return Err(err(CaCertProblem::Empty));
    }
    // Every certificate must serve as a trust anchor, or the file is unusable as a whole.
    super::tls::root_store(&certs).map_err(|e| {
        err(CaCertProblem::NotCa {
            detail: e.to_string(),
        })
    })?;
    Ok(certs)
}

impl Client {
    /// A client for `base` that trusts the operating system's store when `ca_certs` is empty, and
    /// exactly `ca_certs` otherwise ([`super::tls`]).
    pub fn new(
        base: ServerUrl,
        ca_certs: Vec<CertificateDer<'static>>,
    ) -> Result<Client, ProtocolError> {
        install_crypto_provider();
        let setup = |e: &dyn fmt::Display| ProtocolError::Setup {
            reason: e.to_string(),
        };
        let tls = super::tls::client_config(&ca_certs)?;
        let http = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            // The protocol has no redirects; following one could leave HTTPS or the server.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("gidcert/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| setup(&e))?;
        Ok(Client {
            http,
            base,
            policy: RetryPolicy::default(),
            sleeper: Box::new(ThreadSleeper),
            rng: RefCell::new(fastrand::Rng::new()),
        })
    }

    /// Replaces the retry rules and the sleeper (tests).
    pub fn with_retry(mut self, policy: RetryPolicy, sleeper: Box<dyn Sleeper>) -> Client {
        self.policy = policy;
        self.sleeper = sleeper;
        self
    }

    pub fn server(&self) -> &ServerUrl {
        &self.base
    }

    /// `POST /v1/certificate`: the PKCS#12 file, checked (status, content type, length, digest,
    /// deletion time) but not yet opened.
    pub fn download(&self, id: &IdNumber, pin: &Pin) -> Result<Delivery, ProtocolError> {
        let url = self.base.endpoint("v1/certificate");
        let body = json_body(&Credentials {
            identification_number: id.as_str(),
            pin: pin.expose(),
            sha256: None,
        })?;
        self.with_retries(|attempt| {
            let resp = self.post(
                &url,
                &body,
                "application/pkcs12, application/problem+json",
                attempt,
            )?;
            if resp.status().as_u16() == 200 {
                read_delivery(resp, attempt)
            } else {
                Err(refusal(resp, attempt))
            }
        })
    }

    /// `POST /v1/certificate/receipt`: tells the server the member holds a verified copy.
    pub fn confirm_receipt(
        &self,
        id: &IdNumber,
        pin: &Pin,
        sha256: &[u8; 32],
    ) -> Result<(), ProtocolError> {
        let url = self.base.endpoint("v1/certificate/receipt");
        let digest = hex::encode(sha256);
        let body = json_body(&Credentials {
            identification_number: id.as_str(),
            pin: pin.expose(),
            sha256: Some(&digest),
        })?;
        self.with_retries(|attempt| {
            let resp = self.post(&url, &body, "application/problem+json", attempt)?;
            match resp.status().as_u16() {
                200 | 204 => Ok(()),
                _ => Err(refusal(resp, attempt)),
            }
        })
    }

    fn with_retries<T>(
        &self,
        op: impl FnMut(u32) -> Result<T, (ProtocolError, RetryHint)>,
    ) -> Result<T, ProtocolError> {
        self.policy
            .run(self.sleeper.as_ref(), || self.rng.borrow_mut().f64(), op)
    }

    fn post(
        &self,
        url: &Url,
        body: &Zeroizing<Vec<u8>>,
        accept: &str,
        attempt: u32,
    ) -> Result<Response, (ProtocolError, RetryHint)> {
        tracing::debug!(url = %url, "POST");
        // reqwest needs an owned body; this copy lives until the request is sent. Neither reqwest,
        // hyper nor h2 logs body bytes, at any level.
        self.http
            .post(url.clone())
            .header(CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, accept)
            .body(body.to_vec())
            .send()
            .inspect(|r| tracing::debug!(status = r.status().as_u16(), "answer"))
            .map_err(|e| transport_error(&e, attempt))
    }
}

fn json_body(c: &Credentials<'_>) -> Result<Zeroizing<Vec<u8>>, ProtocolError> {
    serde_json::to_vec(c)
        .map(Zeroizing::new)
        .map_err(|e| ProtocolError::Setup {
            reason: e.to_string(),
        })
}

/// Checks a `200` answer and reads its body (docs/protocol.md, `POST /v1/certificate`).
fn read_delivery(resp: Response, attempt: u32) -> Result<Delivery, (ProtocolError, RetryHint)> {
    let never = |b: BadAnswer| (ProtocolError::BadAnswer(b), RetryHint::Never);
    let headers = resp.headers().clone();
    let ctype = header_str(&headers, CONTENT_TYPE.as_str()).unwrap_or_default();
    if media_type(&ctype) != "application/pkcs12" {
        return Err(never(BadAnswer::ContentType { got: ctype }));
    }
    let announced = header_str(&headers, CONTENT_LENGTH.as_str())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .ok_or_else(|| never(BadAnswer::NoContentLength))?;
    if announced > MAX_BODY {
        return Err(never(BadAnswer::TooLarge { len: announced }));
    }
    let body = read_capped(resp, MAX_BODY).map_err(|e| transport_error(&e, attempt))?;
    let got = body.len() as u64;
    if got > MAX_BODY {
        return Err(never(BadAnswer::TooLarge { len: got }));
    }
    if got != announced {
        return Err(never(BadAnswer::LengthMismatch { announced, got }));
    }
    let expected = header_str(&headers, "repr-digest")
        .and_then(|v| sha256_from_repr_digest(&v))
        .ok_or_else(|| never(BadAnswer::NoDigest))?;
    let sha256 = crate::fsutil::sha256(&body);
    if sha256 != expected {
        return Err(never(BadAnswer::DigestMismatch));
    }
    let delete_at =
        header_str(&headers, "gid-delete-at").ok_or_else(|| never(BadAnswer::NoDeleteAt))?;
    let delete_at = parse_time(&delete_at).ok_or_else(|| never(BadAnswer::BadDeleteAt))?;
    tracing::debug!(len = got, attempt, "certificate file received");
    Ok(Delivery {
        body,
        sha256,
        delete_at,
        attempts: attempt,
    })
}

/// Reads at most `cap + 1` bytes, so an oversized body is noticed without reading all of it.
fn read_capped(resp: Response, cap: u64) -> Result<Zeroizing<Vec<u8>>, std::io::Error> {
    let mut buf = Zeroizing::new(Vec::new());
    resp.take(cap + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Any answer but the expected success: a problem document, dispatched on its `type`.
fn refusal(resp: Response, attempt: u32) -> (ProtocolError, RetryHint) {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let retry_after =
        header_str(&headers, RETRY_AFTER.as_str()).and_then(|v| parse_retry_after(&v, Utc::now()));
    let retry_after_secs = retry_after.map(|d| d.as_secs());
    let hint = retry_after.map_or(RetryHint::Backoff, RetryHint::After);
    match status {
        429 => return (ProtocolError::RateLimited { retry_after_secs }, hint),
        500 | 502 | 503 | 504 => {
            return (
                ProtocolError::ServerFailure {
                    status,
                    attempts: attempt,
                    retry_after_secs,
                },
                hint,
            );
        }
        _ => {}
    }
    let never = |e| (e, RetryHint::Never);
    if status < 400 {
        return never(ProtocolError::BadAnswer(BadAnswer::UnexpectedStatus {
            status,
        }));
    }
    let ctype = header_str(&headers, CONTENT_TYPE.as_str()).unwrap_or_default();
    let problem = (media_type(&ctype) == "application/problem+json")
        .then(|| read_capped(resp, MAX_PROBLEM).ok())
        .flatten()
        .and_then(|b| serde_json::from_slice::<Problem>(&b).ok());
    let Some(p) = problem else {
        return never(ProtocolError::BadAnswer(BadAnswer::MalformedProblem {
            status,
        }));
    };
    let time = |t: &Option<String>| t.as_deref().and_then(parse_time);
    let e = match p.kind.strip_prefix(PROBLEM_PREFIX).unwrap_or("") {
        "wrong-credentials" => ProtocolError::WrongCredentials {
            attempts_left: p.attempts_left,
        },
        "locked" => ProtocolError::Locked {
            until: time(&p.locked_until).or_else(|| {
                retry_after.and_then(|d| chrono::Duration::from_std(d).ok().map(|d| Utc::now() + d))
            }),
        },
        "blocked" => ProtocolError::Blocked,
        "deleted" => ProtocolError::Deleted {
            at: time(&p.deleted_at),
        },
        "revoked" => ProtocolError::Revoked {
            at: time(&p.revoked_at),
        },
        "digest-mismatch" => ProtocolError::DigestMismatch,
        _ => ProtocolError::Refused {
            status,
            problem: p.kind.chars().take(100).collect(),
        },
    };
    never(e)
}

/// Classifies a failure below HTTP: TLS (never retried), timeouts and broken connections
/// (retried), anything else (a refused connection, a bad name: not retried). `e` is a reqwest
/// error, or the `io::Error` a body read wraps one in.
fn transport_error(
    e: &(dyn std::error::Error + 'static),
    attempt: u32,
) -> (ProtocolError, RetryHint) {
    let detail = error_chain(e);
    if let Some(failure) = tls_failure(e) {
        return (ProtocolError::Tls { failure, detail }, RetryHint::Never);
    }
    let links = chain(e);
    let req = links
        .iter()
        .find_map(|l| l.downcast_ref::<reqwest::Error>());
    if req.is_some_and(|r| r.is_timeout())
        || links.iter().any(|l| {
            l.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        })
    {
        return (
            ProtocolError::Timeout { attempts: attempt },
            RetryHint::Backoff,
        );
    }
    if req.is_some_and(|r| r.is_connect()) && !io_kind_is_broken(e) {
        return (ProtocolError::Connect { detail }, RetryHint::Never);
    }
    // A reset, a connection closed before the answer was complete, a body cut short: the
    // exchange is idempotent within the deletion window, so it is tried again.
    (
        ProtocolError::Broken {
            attempts: attempt,
            detail,
        },
        RetryHint::Backoff,
    )
}

/// Each error in the chain, including those wrapped inside an `io::Error` (whose `source()` skips
/// the wrapped error itself).
fn chain<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Vec<&'a (dyn std::error::Error + 'static)> {
    let mut out = Vec::new();
    let mut cur = Some(e);
    while let Some(err) = cur {
        out.push(err);
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
        {
            out.push(inner);
            cur = inner.source();
            continue;
        }
        cur = err.source();
    }
    out
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    for err in chain(e) {
        let s = err.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

fn tls_failure(e: &(dyn std::error::Error + 'static)) -> Option<TlsFailure> {
    use rustls::CertificateError as C;
    let links = chain(e);
    let typed = links.iter().find_map(|err| {
        let r = err.downcast_ref::<rustls::Error>()?;
        Some(match r {
            rustls::Error::InvalidCertificate(c) => match c {
                C::UnknownIssuer => TlsFailure::UnknownCa,
                C::NotValidForName | C::NotValidForNameContext { .. } => TlsFailure::WrongHost,
                C::Expired
                | C::ExpiredContext { .. }
                | C::NotValidYet
                | C::NotValidYetContext { .. } => TlsFailure::Expired,
                _ => TlsFailure::Other,
            },
            _ => TlsFailure::Other,
        })
    });
    // The connector may hand the rustls error over boxed in a type of its own; its text is
    // rustls' `Display` of the same error, which is stable within rustls 0.23.
    typed.or_else(|| {
        links.iter().find_map(|err| {
            let s = err.to_string();
            let rest = s.split("invalid peer certificate: ").nth(1)?;
            Some(if rest.starts_with("UnknownIssuer") {
                TlsFailure::UnknownCa
            } else if rest.starts_with("NotValidForName") || rest.contains("not valid for name") {
                TlsFailure::WrongHost
            } else if rest.starts_with("Expired")
                || rest.starts_with("NotValidYet")
                || rest.contains("expired")
                || rest.contains("not valid yet")
            {
                TlsFailure::Expired
            } else {
                TlsFailure::Other
            })
        })
    })
}

fn io_kind_is_broken(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind as K;
    chain(e).into_iter().any(|err| {
        err.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof
            )
        })
    })
}

fn header_str(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.to_owned())
}

/// `application/pkcs12; foo=bar` → `application/pkcs12`, lower case.
fn media_type(ctype: &str) -> String {
    ctype
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The SHA-256 of an RFC 9530 `Repr-Digest` dictionary (`sha-256=:<base64>:`, maybe among others).
fn sha256_from_repr_digest(v: &str) -> Option<[u8; 32]> {
    v.split(',').find_map(|member| {
        let (k, val) = member.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("sha-256") {
            return None;
        }
        let b64 = val.trim().strip_prefix(':')?.strip_suffix(':')?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
        bytes.try_into().ok()
    })
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http() {
        assert!(ServerUrl::parse("https://dl.example.jp").is_ok());
        assert!(ServerUrl::parse("http://127.0.0.1:8080").is_ok());
        assert!(ServerUrl::parse("http://127.9.9.9").is_ok());
        assert!(ServerUrl::parse("http://[::1]:1/").is_ok());
        assert!(ServerUrl::parse("http://localhost:1").is_ok());
        assert!(matches!(
            ServerUrl::parse("http://dl.example.jp"),
            Err(ProtocolError::InsecureUrl { .. })
        ));
        assert!(matches!(
            ServerUrl::parse("http://10.0.0.1"),
            Err(ProtocolError::InsecureUrl { .. })
        ));
        // A loopback-looking name that is not "localhost" is not trusted to be loopback.
        assert!(matches!(
            ServerUrl::parse("http://localhost.example.jp"),
            Err(ProtocolError::InsecureUrl { .. })
        ));
        for bad in [
            "ftp://x",
            "dl.example.jp",
            "https://user:pw@x",
            "https://x/?q=1",
            "",
        ] {
            assert!(
                matches!(ServerUrl::parse(bad), Err(ProtocolError::BadUrl { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn server_resolution_order() {
        let s = |f, e, c| ServerUrl::resolve(f, e, c).map(|u| u.as_str().to_owned());
        assert_eq!(
            s(Some("https://a"), Some("https://b"), Some("https://c")).unwrap(),
            "https://a/"
        );
        assert_eq!(
            s(None, Some("https://b"), Some("https://c")).unwrap(),
            "https://b/"
        );
        assert_eq!(s(None, Some(""), Some("https://c")).unwrap(), "https://c/");
        assert!(matches!(
            ServerUrl::resolve(None, None, None),
            Err(ProtocolError::NoServer)
        ));
    }

    #[test]
    fn endpoints_keep_a_base_path() {
        let u = ServerUrl::parse("https://h/gid").unwrap();
        assert_eq!(
            u.endpoint("v1/certificate").as_str(),
            "https://h/gid/v1/certificate"
        );
        let u = ServerUrl::parse("https://h").unwrap();
        assert_eq!(
            u.endpoint("v1/certificate/receipt").as_str(),
            "https://h/v1/certificate/receipt"
        );
    }

    #[test]
    fn identification_numbers() {
        assert_eq!(
            IdNumber::parse(" 9876543210 ").unwrap().as_str(),
            "9876543210"
        );
        assert!(IdNumber::parse(&"a".repeat(32)).is_ok());
        for bad in ["", "a".repeat(33).as_str(), "98-76", "９８７６", "98 76"] {
            assert!(IdNumber::parse(bad).is_err(), "{bad}");
        }
        assert!(!format!("{:?}", IdNumber::parse("9876543210").unwrap()).contains("9876"));
    }

    #[test]
    fn repr_digest_parsing() {
        let d = crate::fsutil::sha256(b"abc");
        let b64 = base64::engine::general_purpose::STANDARD.encode(d);
        assert_eq!(
            sha256_from_repr_digest(&format!("sha-256=:{b64}:")),
            Some(d)
        );
        assert_eq!(
            sha256_from_repr_digest(&format!("sha-512=:AAAA:, sha-256=:{b64}:")),
            Some(d)
        );
        assert_eq!(sha256_from_repr_digest(&format!("sha-256={b64}")), None);
        assert_eq!(sha256_from_repr_digest("sha-256=:AAAA:"), None);
        assert_eq!(sha256_from_repr_digest("md5=:AAAA:"), None);
    }

    #[test]
    fn media_types() {
        assert_eq!(media_type("Application/PKCS12; q=1"), "application/pkcs12");
        assert_eq!(media_type(""), "");
    }

    #[test]
    fn credentials_body_is_the_documented_json() {
        let b = json_body(&Credentials {
            identification_number: "1",
            pin: "p",
            sha256: None,
        })
        .unwrap();
        assert_eq!(&b[..], br#"{"identification_number":"1","pin":"p"}"#);
    }
}
