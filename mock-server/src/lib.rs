//! A strict HTTPS test double of the G-ID certificate download server, protocol v1
//! (docs/protocol.md).
//!
//! Hostile on purpose, in the spirit of Let's Encrypt's pebble: it enforces every rule of the
//! protocol, and tests can inject faults (delays, 5xx, resets mid-body, truncated bodies, wrong
//! digests, HTML pages, oversized bodies) or run it in chaos mode, so that a client has to prove
//! that it verifies, retries and gives up correctly.
//!
//! The server runs its own tokio runtime on background threads; the API is synchronous, for
//! clients built on blocking HTTP:
//!
//! ```no_run
//! use gidcert_mock_server::{Account, Config, MockServer};
//! let server = MockServer::start(Config { accounts: vec![Account::demo()], ..Config::default() })?;
//! let url = server.url(); // https://127.0.0.1:PORT
//! let root = server.ca_pem(); // trust only this for TLS
//! # Ok::<(), gidcert_mock_server::StartError>(())
//! ```
//!
//! It does not link the `gidcert` crate: it is the other side of the wire.

mod accounts;
mod pki;
mod rules;
mod server;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use time::{Date, OffsetDateTime};

pub use accounts::{AccountsError, parse_accounts};
pub use pki::{ISSUER_CN, ISSUER_O, MEMBER_O};
/// The failed-attempt record of an identification number (known or not).
pub use rules::Attempts as AttemptsState;
pub use rules::{History, LOCK_DURATION, MAX_FAILURES};

use crate::server::Shared;

/// How the PKCS#12 file of an account is protected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encryption {
    /// PBES1: key bag pbeWithSHAAnd3-KeyTripleDES-CBC, certificate bag
    /// pbeWithSHAAnd40BitRC2-CBC, HMAC-SHA1 MAC (what the real files use; OpenSSL 3 needs
    /// `-legacy` to read it).
    #[default]
    Legacy,
    /// PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC.
    Modern,
}

/// A member account. `pin` is test data, not a secret: it is the initial PIN of a test account.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    /// Identification number (識別番号): 1 to 32 ASCII letters or digits.
    pub id: String,
    /// Initial PIN (PINコード), also the PKCS#12 password.
    pub pin: String,
    /// Becomes the certificate's UID.
    pub user_id: String,
    /// Becomes the certificate's CN.
    pub name: String,
    /// The day the notice was mailed; `None`: the server clock's start day (Asia/Tokyo).
    pub notice_mailed: Option<Date>,
    pub encryption: Encryption,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("pin", &"<redacted>")
            .field("user_id", &self.user_id)
            .field("name", &self.name)
            .field("notice_mailed", &self.notice_mailed)
            .field("encryption", &self.encryption)
            .finish()
    }
}

impl Account {
    /// The demo account: 9876543210 / q7w8e9r0, UID 20261121, CN SATO HANAKO, legacy.
    pub fn demo() -> Account {
        Account {
            id: "9876543210".into(),
            pin: "q7w8e9r0".into(),
            user_id: "20261121".into(),
            name: "SATO HANAKO".into(),
            notice_mailed: None,
            encryption: Encryption::Legacy,
        }
    }
}

/// Chaos mode: a share of the requests to `/v1/certificate` and `/v1/certificate/receipt` fail
/// at random, half with `503`, half with a connection reset, before the rules see them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chaos {
    /// 0.0 to 1.0.
    pub share: f64,
    /// Same seed and same request order, same failures.
    pub seed: u64,
}

impl Default for Chaos {
    fn default() -> Chaos {
        Chaos {
            share: 0.2,
            seed: 0x6769_6463_6572_7421,
        }
    }
}

/// The server's settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub accounts: Vec<Account>,
    /// Default 127.0.0.1:0 (an ephemeral port).
    pub listen: SocketAddr,
    pub chaos: Option<Chaos>,
    /// Requests a minute from one client address (protocol: 30); `None` turns it off.
    pub rate_limit: Option<u32>,
    /// Enables `POST /v1/test/clock` (from loopback peers only).
    pub test_clock_endpoint: bool,
    /// The server clock's start; default: the system time. It then runs with real time, plus
    /// whatever [`MockServer::advance_clock`] adds.
    pub clock_start: Option<OffsetDateTime>,
    /// The clock stands still except for [`MockServer::advance_clock`]: every instant the server
    /// announces is then reproducible to the second.
    pub frozen_clock: bool,
    /// The server's own TLS certificate; the default is one a client can trust (with
    /// [`MockServer::ca_pem`]) at `127.0.0.1`, `::1` and `localhost`.
    pub tls: TlsOptions,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            accounts: vec![Account::demo()],
            chaos: None,
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            rate_limit: Some(30),
            test_clock_endpoint: false,
            clock_start: None,
            frozen_clock: false,
            tls: TlsOptions::default(),
        }
    }
}

/// What the server's TLS certificate says, so that tests can make a client meet a certificate it
/// must refuse. Whatever the options, the certificate is signed by the test TLS root of
/// [`MockServer::ca_pem`]: only the name or the dates are wrong, never the issuer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsOptions {
    /// The subject alternative names: each is an IP address if it parses as one, else a DNS
    /// name. A list without the address a client connects to makes a wrong-host certificate.
    pub names: Vec<String>,
    pub validity: TlsValidity,
}

impl Default for TlsOptions {
    fn default() -> TlsOptions {
        TlsOptions {
            names: vec!["localhost".into(), "127.0.0.1".into(), "::1".into()],
            validity: TlsValidity::Valid,
        }
    }
}

/// The validity period of the server's TLS certificate.
///
/// A client checks it against its own (real) clock, not the server's test clock: `Expired` and
/// `NotYetValid` are therefore placed against the real time as well as the server clock's start,
/// so that they hold whatever `clock_start` a test chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TlsValidity {
    /// From a day before the server clock's start, for ten years.
    #[default]
    Valid,
    /// Ended a day before both now and the server clock's start (valid for 90 days before that).
    Expired,
    /// Starts a day after both now and the server clock's start.
    NotYetValid,
}

/// A way to make the server misbehave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Waits this long (real time) before the request is handled; the answer is then normal.
    Delay(Duration),
    /// Answers `status` (500 or 503 make sense) `server-error` without handling the request, with
    /// `Retry-After` when given.
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// Handles the request, sends the headers and part of the body, then resets the TCP
    /// connection (RST, no TLS close_notify).
    ResetMidBody,
    /// Handles the request, declares the full `Content-Length`, sends fewer bytes, then closes.
    TruncateBody,
    /// Handles the request; a `200` carries a `Repr-Digest` that is not the body's.
    WrongDigest,
    /// Answers `200 text/html` with an error page without handling the request.
    HtmlPage,
    /// Answers `200 application/pkcs12` with a body over 1 MiB (declared and sent, with a
    /// correct digest) without handling the request.
    OversizedBody,
    /// Hostile: handles the request (a download, when the PIN is right), sends the headers of the
    /// file at once, then its body one byte per `every` (a slow-loris answer).
    SlowBody { every: Duration },
    /// Hostile: without handling the request, answers `403 application/problem+json` without a
    /// length and sends spaces forever, one byte per `every`.
    EndlessBody { every: Duration },
    /// Hostile: reads the request, does not handle it, and never answers; the connection stays
    /// open until the client gives up.
    NoAnswer,
    /// Hostile: handles the request (a wrong PIN is counted, a right one starts a download), then
    /// resets the connection before any byte of an answer.
    ResetAfterHandling,
    /// Hostile: without handling the request, answers `200` whose `Content-Type` is
    /// `application/x-` and `len` more letters.
    HugeContentType { len: usize },
    /// Hostile: without handling the request, answers `status` with this body as
    /// `application/problem+json` (any JSON: escapes, a missing `locked_until`…) and, when given,
    /// this `Retry-After` value verbatim (e.g. `9000000000000000`).
    Problem {
        status: u16,
        body: String,
        retry_after: Option<String>,
    },
}

impl Fault {
    /// [`Fault::Status`]: `status` without handling the request, with `Retry-After` when given.
    pub fn status(status: u16, retry_after: Option<u64>) -> Fault {
        Fault::Status {
            status,
            retry_after,
        }
    }
}

/// Which requests a fault applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every request to `/v1/certificate` and `/v1/certificate/receipt`.
    Global,
    /// Requests whose body names this identification number.
    Account(String),
    /// Every request to `/v1/certificate/receipt` (and none to `/v1/certificate`).
    Receipts,
}

/// How long a fault stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Times {
    /// The next N matching requests.
    Next(u32),
    /// Until [`MockServer::clear_faults`] or [`MockServer::clear_fault`].
    UntilCleared,
}

/// Names an injected fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaultId(pub(crate) u64);

/// What the server holds about one account, for assertions.
#[derive(Clone, Debug)]
pub struct AccountState {
    pub id: String,
    /// The PKCS#12 file as served (the same bytes on every download).
    pub pkcs12: Vec<u8>,
    pub sha256: [u8; 32],
    /// The member certificate (DER).
    pub cert_der: Vec<u8>,
    /// Its revocation time, downloads and receipts.
    pub history: History,
    pub attempts: AttemptsState,
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("invalid account: {0}")]
    Account(String),
    #[error(transparent)]
    Pki(#[from] pki::PkiError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the server runtime: {0}")]
    Runtime(std::io::Error),
}

/// A running mock server. Stops on [`MockServer::shutdown`] or drop.
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    ca_pem: String,
    issuer_ca_der: Vec<u8>,
    issuer_ca_pem: String,
}

impl MockServer {
    /// Makes the certificates and keys (a second or so: RSA key generation), binds, and serves
    /// on background threads.
    pub fn start(config: Config) -> Result<MockServer, StartError> {
        let started = server::start(config)?;
        Ok(MockServer {
            shared: started.shared,
            addr: started.addr,
            runtime: Some(started.runtime),
            stop: Some(started.stop),
            ca_pem: started.tls_root_pem,
            issuer_ca_der: started.issuer_ca_der,
            issuer_ca_pem: started.issuer_ca_pem,
        })
    }

    /// `https://127.0.0.1:PORT` (no trailing slash; `https://[::1]:PORT` for IPv6).
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// PEM of the test TLS root: the only anchor a client needs (and should have) to connect.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The test G-ID issuing CA certificate (DER), issuer of every member certificate.
    pub fn issuer_ca_der(&self) -> &[u8] {
        &self.issuer_ca_der
    }

    pub fn issuer_ca_pem(&self) -> &str {
        &self.issuer_ca_pem
    }

    /// What the server holds for a known identification number.
    pub fn account(&self, id: &str) -> Option<AccountState> {
        let rules = self.shared.rules();
        let record = rules.accounts.get(id)?;
        Some(AccountState {
            id: id.to_owned(),
            pkcs12: record.pkcs12.to_vec(),
            sha256: record.sha256,
            cert_der: record.cert_der.clone(),
            history: record.history.clone(),
            attempts: attempts_state(&rules, id),
        })
    }

    /// The failed-attempt record of any identification number string, known or not.
    pub fn attempts(&self, id: &str) -> AttemptsState {
        attempts_state(&self.shared.rules(), id)
    }

    /// The association unblocks `id` (all its counters start again). False if it was not blocked.
    pub fn unblock(&self, id: &str) -> bool {
        self.shared.rules().unblock(id)
    }

    /// Moves the server clock forward.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// The server clock.
    pub fn now(&self) -> OffsetDateTime {
        self.shared.clock.now()
    }

    /// Makes the server misbehave for the matching requests. The first fault injected that
    /// matches a request applies to it (one fault per request).
    pub fn inject(&self, fault: Fault, scope: Scope, times: Times) -> FaultId {
        self.shared.faults().inject(fault, scope, times)
    }

    pub fn clear_fault(&self, id: FaultId) {
        self.shared.faults().clear(id);
    }

    pub fn clear_faults(&self) {
        self.shared.faults().clear_all();
    }

    /// Chaos mode on (with these settings) or off.
    pub fn set_chaos(&self, chaos: Option<Chaos>) {
        self.shared.set_chaos(chaos);
    }

    /// How many requests chaos mode has failed so far.
    pub fn chaos_failures(&self) -> u64 {
        self.shared.chaos_failures()
    }

    /// How many requests to `/v1/certificate` and `/v1/certificate/receipt` arrived whole (their
    /// body read), whatever was then done with them.
    pub fn credentialed_requests(&self) -> u64 {
        self.shared.credentialed_requests()
    }

    /// Stops serving; open connections are dropped.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(runtime) = self.runtime.take() {
            // Not `shutdown_timeout`: that panics when the owner drops us inside an async
            // context, and nothing here needs a graceful close.
            runtime.shutdown_background();
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop_now();
    }
}

fn attempts_state(rules: &MutexGuard<'_, rules::Rules>, id: &str) -> AttemptsState {
    rules.attempts.get(id).cloned().unwrap_or_default()
}

/// The clock the rules read: a start instant, real time since, and what tests added.
pub(crate) struct Clock {
    start: OffsetDateTime,
    /// `None`: frozen.
    real_start: Option<std::time::Instant>,
    advanced: Mutex<Duration>,
}

impl Clock {
    pub(crate) fn new(start: OffsetDateTime, frozen: bool) -> Clock {
        let real_start = (!frozen).then(std::time::Instant::now);
        Clock {
            start,
            real_start,
            advanced: Mutex::new(Duration::ZERO),
        }
    }

    pub(crate) fn now(&self) -> OffsetDateTime {
        let advanced = *self.advanced.lock().unwrap_or_else(|e| e.into_inner());
        let real = self.real_start.map(|t| t.elapsed()).unwrap_or_default();
        self.start + real + advanced
    }

    pub(crate) fn start(&self) -> OffsetDateTime {
        self.start
    }

    pub(crate) fn advance(&self, by: Duration) {
        let mut advanced = self.advanced.lock().unwrap_or_else(|e| e.into_inner());
        *advanced = advanced.saturating_add(by);
    }
}
