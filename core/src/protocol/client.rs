//! The HTTPS client: one blocking request per call, retried by [`RetryPolicy`] within the
//! command's [`Deadlines`], every answer checked against docs/protocol.md before anything is
//! handed back.
//!
//! TLS is rustls with the ring provider only ([`super::tls`]), HTTP/1.1 only (ALPN `http/1.1`).
//! The server is verified against the operating system's trust store, or against exactly the CA
//! certificates of `--ca-cert` when given; there is no way to skip verification. Plain `http://`
//! is allowed only to a loopback address (tests, the demo), and then never through a proxy.
//! Request bodies carry the PIN, so nothing here logs a body, and the identification number and
//! PIN never appear in a URL, a header or an error. Every string from the server or from a
//! library's error is made terminal-safe ([`super::text`]) before it is stored in an error or
//! logged.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::sync::Once;
use std::time::{Duration, Instant};

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
use super::error::{BadAnswer, CaCertProblem, ConnectCause, ProtocolError, TlsFailure};
use super::retry::{RetryHint, RetryPolicy, Sleeper, ThreadSleeper, parse_retry_after};
use super::text::{self, terminal_safe};
use crate::pin::Pin;

/// Every time limit of one command's exchange with the server (docs/protocol.md, "Timing and
/// retries"). An attempt's deadline covers connect, TLS, the request, the headers and the whole
/// body, read against that deadline (not per read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    /// The whole download, every attempt and wait included.
    pub download: Duration,
    /// One attempt.
    pub attempt: Duration,
    /// The TCP connect and TLS handshake of an attempt (within `attempt`).
    pub connect: Duration,
    /// The receipt, after the file is saved: both of its attempts.
    pub receipt: Duration,
}

impl Default for Deadlines {
    fn default() -> Deadlines {
        Deadlines::scaled(Deadlines::DEFAULT_DOWNLOAD)
    }
}

impl Deadlines {
    /// The download deadline when nothing else is set: 2 minutes.
    pub const DEFAULT_DOWNLOAD: Duration = Duration::from_secs(120);
    /// The range `GIDCERT_DEADLINE` may set, in seconds.
    pub const SECONDS_RANGE: std::ops::RangeInclusive<u64> = 4..=600;

    /// All limits from the download deadline `d`: an attempt d/4, connect min(10 s, d/4), the
    /// receipt d/8 (120 s: 30 s, 10 s, 15 s).
    pub fn scaled(d: Duration) -> Deadlines {
        let attempt = d / 4;
        Deadlines {
            download: d,
            attempt,
            connect: attempt.min(Duration::from_secs(10)),
            receipt: d / 8,
        }
    }

    /// `GIDCERT_DEADLINE`'s value: whole seconds in [`Deadlines::SECONDS_RANGE`].
    pub fn parse_seconds(s: &str) -> Result<Deadlines, ProtocolError> {
        match s.trim().parse::<u64>() {
            Ok(n) if Self::SECONDS_RANGE.contains(&n) => {
                Ok(Deadlines::scaled(Duration::from_secs(n)))
            }
            _ => Err(ProtocolError::BadDeadline {
                value: terminal_safe(s, text::SHORT),
            }),
        }
    }

    /// The retry rules that fit these limits: a `Retry-After` up to a quarter of the download
    /// deadline is waited, and a wait must leave time for a connect.
    fn download_policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_retry_after: self.download / 4,
            min_attempt: self.connect,
            ..RetryPolicy::default()
        }
    }

    /// The receipt: at most one retry.
    fn receipt_policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: 2,
            max_retry_after: self.receipt / 4,
            min_attempt: self.receipt / 4,
            ..RetryPolicy::default()
        }
    }
}

/// A problem document is a few hundred bytes; more is not a problem document.
const MAX_PROBLEM: u64 = 64 * 1024;

const PROBLEM_PREFIX: &str = "urn:gidcert:problem:";

/// A server base URL gidcert may talk to: `https://…`, or `http://` to a loopback host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerUrl(Url);

impl ServerUrl {
    pub fn parse(s: &str) -> Result<ServerUrl, ProtocolError> {
        let bad = || ProtocolError::BadUrl {
            url: terminal_safe(s, text::SHORT),
        };
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
            "http" => {
                return Err(ProtocolError::InsecureUrl {
                    url: terminal_safe(s, text::SHORT),
                });
            }
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

    /// Plain `http://` (to loopback, as [`ServerUrl::parse`] allows).
    fn is_plain_http(&self) -> bool {
        self.0.scheme() == "http"
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
    deadlines: Deadlines,
    sleeper: Box<dyn Sleeper>,
    rng: RefCell<fastrand::Rng>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("deadlines", &self.deadlines)
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
                detail: terminal_safe(&e.to_string(), text::LONG),
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

/// Where in an attempt a transport failure happened, which decides whether the PIN may have been
/// counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Sending the request and waiting for the status line: once the connection is up, the
    /// server may have checked (and counted) the PIN.
    Request,
    /// Reading the body of a `200`: the status proves the PIN was right, nothing was counted.
    BodyOfSuccess,
    /// Reading the body of a refusal: the refusal may itself be the counted attempt.
    BodyOfRefusal,
}

/// One attempt's clock: its own deadline, and the command's.
#[derive(Clone, Copy, Debug)]
struct Clock {
    started: Instant,
    attempt_end: Instant,
}

impl Clock {
    fn expired(&self) -> bool {
        Instant::now() >= self.attempt_end
    }

    fn elapsed_secs(&self) -> u64 {
        // Rounded up: "within 30 s" must not read "29 s" when it was 29.6.
        let e = self.started.elapsed();
        e.as_secs() + u64::from(e.subsec_nanos() > 0)
    }
}

impl Client {
    /// A client for `base` that trusts the operating system's store when `ca_certs` is empty, and
    /// exactly `ca_certs` otherwise ([`super::tls`]), with the default [`Deadlines`].
    pub fn new(
        base: ServerUrl,
        ca_certs: Vec<CertificateDer<'static>>,
    ) -> Result<Client, ProtocolError> {
        Client::with_deadlines(base, ca_certs, Deadlines::default())
    }

    /// A client with these time limits.
    pub fn with_deadlines(
        base: ServerUrl,
        ca_certs: Vec<CertificateDer<'static>>,
        deadlines: Deadlines,
    ) -> Result<Client, ProtocolError> {
        install_crypto_provider();
        let setup = |e: &dyn fmt::Display| ProtocolError::Setup {
            reason: terminal_safe(&e.to_string(), text::SHORT),
        };
        let tls = super::tls::client_config(&ca_certs)?;
        let mut builder = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            .http1_only()
            .connect_timeout(deadlines.connect)
            // Each request sets its own timeout (what is left of its attempt); this is the cap.
            .timeout(deadlines.attempt)
            // The protocol has no redirects; following one could leave HTTPS or the server.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("gidcert/", env!("CARGO_PKG_VERSION")));
        if base.is_plain_http() {
            // Plain http carries the PIN in clear: only to this computer, never via a proxy
            // (HTTP_PROXY, ALL_PROXY are ignored), and `localhost` never through the hosts file.
            builder = builder.no_proxy();
            if base.0.host_str() == Some("localhost") {
                let port = base.0.port_or_known_default().unwrap_or(80);
                builder = builder.resolve_to_addrs(
                    "localhost",
                    &[
                        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
                        SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), port),
                    ],
                );
            }
        }
        let http = builder.build().map_err(|e| setup(&e))?;
        Ok(Client {
            http,
            base,
            deadlines,
            sleeper: Box::new(ThreadSleeper),
            rng: RefCell::new(fastrand::Rng::new()),
        })
    }

    /// Replaces the sleeper (tests).
    pub fn with_sleeper(mut self, sleeper: Box<dyn Sleeper>) -> Client {
        self.sleeper = sleeper;
        self
    }

    pub fn server(&self) -> &ServerUrl {
        &self.base
    }

    pub fn deadlines(&self) -> Deadlines {
        self.deadlines
    }

    /// `POST /v1/certificate`: the PKCS#12 file, checked (status, content type, length, digest,
    /// deletion time) but not yet opened. Ends within [`Deadlines::download`].
    pub fn download(&self, id: &IdNumber, pin: &Pin) -> Result<Delivery, ProtocolError> {
        let url = self.base.endpoint("v1/certificate");
        let body = json_body(&Credentials {
            identification_number: id.as_str(),
            pin: pin.expose(),
            sha256: None,
        })?;
        let policy = self.deadlines.download_policy();
        self.with_retries(&policy, self.deadlines.download, |clock, attempt| {
            let resp = self.post(
                &url,
                &body,
                "application/pkcs12, application/problem+json",
                clock,
                attempt,
            )?;
            if resp.status().as_u16() == 200 {
                read_delivery(resp, clock, attempt)
            } else {
                Err(refusal(resp, clock, attempt))
            }
        })
    }

    /// `POST /v1/certificate/receipt`: tells the server the member holds a verified copy. Ends
    /// within [`Deadlines::receipt`], with at most one retry.
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
        let policy = self.deadlines.receipt_policy();
        self.with_retries(&policy, self.deadlines.receipt, |clock, attempt| {
            let resp = self.post(&url, &body, "application/problem+json", clock, attempt)?;
            match resp.status().as_u16() {
                200 | 204 => Ok(()),
                _ => Err(refusal(resp, clock, attempt)),
            }
        })
    }

    /// Runs `op` under `policy`, every attempt within the attempt deadline and all of them
    /// within `total`.
    fn with_retries<T>(
        &self,
        policy: &RetryPolicy,
        total: Duration,
        mut op: impl FnMut(Clock, u32) -> Result<T, (ProtocolError, RetryHint)>,
    ) -> Result<T, ProtocolError> {
        let started = Instant::now();
        let end = started + total;
        let time_left = || end.saturating_duration_since(Instant::now());
        policy.run(
            self.sleeper.as_ref(),
            || self.rng.borrow_mut().f64(),
            time_left,
            |attempt| {
                let attempt_end = (Instant::now() + self.deadlines.attempt).min(end);
                op(
                    Clock {
                        started,
                        attempt_end,
                    },
                    attempt,
                )
            },
        )
    }

    fn post(
        &self,
        url: &Url,
        body: &Zeroizing<Vec<u8>>,
        accept: &str,
        clock: Clock,
        attempt: u32,
    ) -> Result<Response, (ProtocolError, RetryHint)> {
        let left = clock.attempt_end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err((
                ProtocolError::Timeout {
                    attempts: attempt.saturating_sub(1).max(1),
                    seconds: clock.elapsed_secs(),
                    may_have_counted: false,
                },
                RetryHint::Never,
            ));
        }
        tracing::debug!(url = %url, timeout_ms = left.as_millis() as u64, "POST");
        // reqwest needs an owned body: this copy, and those hyper and rustls make, are freed
        // (and wiped by the binary's allocator) when the request is done. Neither reqwest, hyper
        // nor rustls logs body bytes, at any level.
        self.http
            .post(url.clone())
            .timeout(left)
            .header(CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, accept)
            .body(body.to_vec())
            .send()
            .inspect(|r| tracing::debug!(status = r.status().as_u16(), "answer"))
            .map_err(|e| transport_error(&e, clock, attempt, Phase::Request))
    }
}

fn json_body(c: &Credentials<'_>) -> Result<Zeroizing<Vec<u8>>, ProtocolError> {
    // Sized up front: a growing Vec would leave copies of the PIN in the blocks it outgrew.
    let mut buf = Zeroizing::new(Vec::with_capacity(256));
    serde_json::to_writer(&mut *buf, c).map_err(|e| ProtocolError::Setup {
        reason: terminal_safe(&e.to_string(), text::SHORT),
    })?;
    Ok(buf)
}

/// Checks a `200` answer and reads its body (docs/protocol.md, `POST /v1/certificate`).
fn read_delivery(
    resp: Response,
    clock: Clock,
    attempt: u32,
) -> Result<Delivery, (ProtocolError, RetryHint)> {
    let never = |b: BadAnswer| (ProtocolError::BadAnswer(b), RetryHint::Never);
    let headers = resp.headers().clone();
    let ctype = header_str(&headers, CONTENT_TYPE.as_str()).unwrap_or_default();
    if media_type(&ctype) != "application/pkcs12" {
        return Err(never(BadAnswer::ContentType {
            got: terminal_safe(&ctype, text::SHORT),
        }));
    }
    let announced = header_str(&headers, CONTENT_LENGTH.as_str())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .ok_or_else(|| never(BadAnswer::NoContentLength))?;
    if announced > MAX_BODY {
        return Err(never(BadAnswer::TooLarge { len: announced }));
    }
    let body = read_capped(resp, MAX_BODY, clock)
        .map_err(|e| transport_error(&e, clock, attempt, Phase::BodyOfSuccess))?;
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

/// Reads at most `cap + 1` bytes, so an oversized body is noticed without reading all of it, and
/// stops at the attempt's deadline however slowly the bytes come.
fn read_capped(
    mut resp: Response,
    cap: u64,
    clock: Clock,
) -> Result<Zeroizing<Vec<u8>>, std::io::Error> {
    let mut buf = Zeroizing::new(Vec::new());
    let mut chunk = Zeroizing::new([0u8; 8192]);
    loop {
        // The request's timeout (what was left of the attempt when it was sent) also bounds
        // each read inside reqwest; this check ends the loop when reads keep trickling in.
        if clock.expired() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "attempt deadline reached while reading the body",
            ));
        }
        let room = (cap + 1).saturating_sub(buf.len() as u64);
        if room == 0 {
            return Ok(buf);
        }
        let want = chunk.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = resp.read(&mut chunk[..want])?;
        if n == 0 {
            return Ok(buf);
        }
        if buf.capacity() - buf.len() < n {
            // Grow by hand into a new zeroizing buffer: `Vec`'s own growth would free the old
            // block unwiped (a certificate file holds the encrypted key).
            let mut bigger = Zeroizing::new(Vec::with_capacity((buf.len() + n).max(2 * buf.len())));
            bigger.extend_from_slice(&buf);
            buf = bigger;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Any answer but the expected success: a problem document, dispatched on its `type`.
fn refusal(resp: Response, clock: Clock, attempt: u32) -> (ProtocolError, RetryHint) {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let never = |e| (e, RetryHint::Never);
    let retry_after = match header_str(&headers, RETRY_AFTER.as_str()) {
        None => None,
        Some(v) => match parse_retry_after(&v, Utc::now()) {
            Some(d) => Some(d),
            None => {
                tracing::debug!(
                    value = %terminal_safe(&v, text::SHORT),
                    "Retry-After is not valid"
                );
                // A lock is still a lock; anything else with an absurd wait is not an answer.
                if status == 423 {
                    None
                } else {
                    return never(ProtocolError::BadAnswer(BadAnswer::BadRetryAfter));
                }
            }
        },
    };
    let retry_after_secs = retry_after.map(|d| d.as_secs());
    let hint = retry_after.map_or(RetryHint::Backoff, RetryHint::After);
    match status {
        // Answered before the credentials are looked at (docs/protocol.md): nothing counted.
        429 => return (ProtocolError::RateLimited { retry_after_secs }, hint),
        500 | 503 => {
            return (
                ProtocolError::ServerFailure {
                    status,
                    attempts: attempt,
                    retry_after_secs,
                },
                hint,
            );
        }
        // A gateway's answer: the server behind it may have counted the PIN.
        502 | 504 => {
            return never(ProtocolError::ServerFailure {
                status,
                attempts: attempt,
                retry_after_secs,
            });
        }
        _ => {}
    }
    if status < 400 {
        return never(ProtocolError::BadAnswer(BadAnswer::UnexpectedStatus {
            status,
        }));
    }
    let ctype = header_str(&headers, CONTENT_TYPE.as_str()).unwrap_or_default();
    if media_type(&ctype) != "application/problem+json" {
        return never(ProtocolError::BadAnswer(BadAnswer::MalformedProblem {
            status,
        }));
    }
    let problem = match read_capped(resp, MAX_PROBLEM, clock) {
        Ok(b) => serde_json::from_slice::<Problem>(&b).ok(),
        Err(e) => return transport_error(&e, clock, attempt, Phase::BodyOfRefusal),
    };
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
                let d = chrono::Duration::from_std(retry_after?).ok()?;
                Utc::now().checked_add_signed(d)
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
            problem: terminal_safe(&p.kind, text::SHORT),
        },
    };
    never(e)
}

/// Classifies a failure below HTTP. TLS: never retried (the server is not the one it should be).
/// A failure to connect (nothing was sent): retried if it timed out, else not (a refused
/// connection or an unknown name does not change in a second). After the connection was made and
/// the PIN sent: retried only while reading the body of a `200`, whose status proved the PIN was
/// right; otherwise the server may have counted it, and it is not sent again. `e` is a reqwest
/// error, or the `io::Error` a body read wraps one in.
fn transport_error(
    e: &(dyn std::error::Error + 'static),
    clock: Clock,
    attempt: u32,
    phase: Phase,
) -> (ProtocolError, RetryHint) {
    let detail = terminal_safe(&error_chain(e), text::LONG);
    if let Some(failure) = tls_failure(e) {
        tracing::debug!(%detail, ?failure, "TLS failed");
        return (ProtocolError::Tls { failure, detail }, RetryHint::Never);
    }
    tracing::debug!(%detail, ?phase, attempt, "transport failure");
    let links = chain(e);
    let req = links
        .iter()
        .find_map(|l| l.downcast_ref::<reqwest::Error>());
    let connect = phase == Phase::Request && req.is_some_and(|r| r.is_connect());
    let timed_out = req.is_some_and(|r| r.is_timeout())
        || clock.expired()
        || links.iter().any(|l| {
            l.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        });
    let may_have_counted = !connect && phase != Phase::BodyOfSuccess;
    let hint = if may_have_counted {
        RetryHint::Never
    } else {
        RetryHint::Backoff
    };
    if timed_out {
        return (
            ProtocolError::Timeout {
                attempts: attempt,
                seconds: clock.elapsed_secs(),
                may_have_counted,
            },
            hint,
        );
    }
    if connect && !io_kind_is_broken(e) {
        return (
            ProtocolError::Connect {
                cause: connect_cause(e),
                detail,
            },
            RetryHint::Never,
        );
    }
    // A reset, a connection closed before the answer was complete, a body cut short.
    (
        ProtocolError::Broken {
            attempts: attempt,
            may_have_counted,
            detail,
        },
        hint,
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

/// The chain's texts joined, for `-v` (made terminal-safe by the caller).
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

fn connect_cause(e: &(dyn std::error::Error + 'static)) -> ConnectCause {
    use std::io::ErrorKind as K;
    let links = chain(e);
    let kind = links
        .iter()
        .find_map(|l| l.downcast_ref::<std::io::Error>().map(|io| io.kind()));
    match kind {
        Some(K::ConnectionRefused) => return ConnectCause::Refused,
        Some(K::HostUnreachable | K::NetworkUnreachable | K::AddrNotAvailable) => {
            return ConnectCause::Unreachable;
        }
        _ => {}
    }
    // hyper-util's resolver error has no type of its own to test; its text is stable.
    if links.iter().any(|l| l.to_string().starts_with("dns error")) {
        return ConnectCause::NoSuchHost;
    }
    ConnectCause::Other
}

fn tls_failure(e: &(dyn std::error::Error + 'static)) -> Option<TlsFailure> {
    use rustls::AlertDescription as A;
    use rustls::CertificateError as C;
    use rustls::PeerIncompatible as P;
    let links = chain(e);
    let typed = links.iter().find_map(|err| {
        let r = err.downcast_ref::<rustls::Error>()?;
        Some(match r {
            rustls::Error::InvalidCertificate(c) => match c {
                C::UnknownIssuer => TlsFailure::UnknownCa,
                C::NotValidForName | C::NotValidForNameContext { .. } => TlsFailure::WrongHost,
                C::Expired | C::ExpiredContext { .. } => TlsFailure::Expired,
                C::NotValidYet | C::NotValidYetContext { .. } => TlsFailure::NotYetValid,
                _ => TlsFailure::Other,
            },
            rustls::Error::AlertReceived(A::ProtocolVersion)
            | rustls::Error::PeerIncompatible(
                P::ServerDoesNotSupportTls12Or13
                | P::ServerTlsVersionIsDisabledByOurConfig
                | P::SupportedVersionsExtensionRequired,
            ) => TlsFailure::ProtocolVersion,
            rustls::Error::AlertReceived(_)
            | rustls::Error::PeerIncompatible(_)
            | rustls::Error::PeerMisbehaved(_)
            | rustls::Error::InvalidMessage(_)
            | rustls::Error::NoApplicationProtocol => TlsFailure::Handshake,
            _ => TlsFailure::Other,
        })
    });
    // The connector may hand the rustls error over boxed in a type of its own; its text is
    // rustls' `Display` of the same error, which is stable within rustls 0.23.
    typed.or_else(|| {
        links.iter().find_map(|err| {
            let s = err.to_string();
            if let Some(rest) = s.split("invalid peer certificate: ").nth(1) {
                return Some(if rest.starts_with("UnknownIssuer") {
                    TlsFailure::UnknownCa
                } else if rest.starts_with("NotValidForName") || rest.contains("not valid for name")
                {
                    TlsFailure::WrongHost
                } else if rest.starts_with("NotValidYet") || rest.contains("not valid yet") {
                    TlsFailure::NotYetValid
                } else if rest.starts_with("Expired") || rest.contains("expired") {
                    TlsFailure::Expired
                } else {
                    TlsFailure::Other
                });
            }
            if s.contains("received fatal alert: ProtocolVersion") {
                return Some(TlsFailure::ProtocolVersion);
            }
            (s.contains("received fatal alert") || s.contains("peer is incompatible"))
                .then_some(TlsFailure::Handshake)
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
