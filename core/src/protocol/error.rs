//! What can go wrong talking to the download server, each with its own exit code and advice.
//!
//! Times are kept in UTC and shown in local time. No variant holds a PIN or a request body, and
//! every string that came from outside (the server, a library's error, the command line) is
//! already terminal-safe ([`super::text::terminal_safe`]) when it is stored here.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

#[derive(Debug)]
pub enum ProtocolError {
    /// No `--server`, no `GIDCERT_SERVER`, no `server` in the configuration file.
    NoServer,
    /// The server address is not a URL gidcert can use.
    BadUrl { url: String },
    /// `http://` to a host that is not loopback.
    InsecureUrl { url: String },
    /// The `--ca-cert` file could not be read or holds no certificate.
    CaCert {
        path: PathBuf,
        problem: CaCertProblem,
    },
    /// The TLS or HTTP client could not be set up.
    Setup { reason: String },
    /// `GIDCERT_DEADLINE` is not a number of seconds in the allowed range.
    BadDeadline { value: String },
    /// `403 wrong-credentials`.
    WrongCredentials { attempts_left: Option<u32> },
    /// `423 locked`.
    Locked { until: Option<DateTime<Utc>> },
    /// `403 blocked`.
    Blocked,
    /// `410 deleted`.
    Deleted { at: Option<DateTime<Utc>> },
    /// `410 revoked`.
    Revoked { at: Option<DateTime<Utc>> },
    /// `409 digest-mismatch` (receipt only).
    DigestMismatch,
    /// `429`, still refused after the retries, or with a `Retry-After` over the limit.
    RateLimited { retry_after_secs: Option<u64> },
    /// `5xx`, still failing after the retries.
    ServerFailure {
        status: u16,
        attempts: u32,
        retry_after_secs: Option<u64>,
    },
    /// Any other refusal (`400`, `404`, `405`, `413`, `415`, an unknown problem type). `problem`
    /// is the server's `type`, terminal-safe and cut.
    Refused { status: u16, problem: String },
    /// An answer that breaks the protocol; nothing from it is saved.
    BadAnswer(BadAnswer),
    /// TLS failed: the server could not be verified. `detail` (the library's words, terminal-safe)
    /// is for `-v` only, never part of the message.
    Tls { failure: TlsFailure, detail: String },
    /// No complete answer within the deadline of an attempt or of the command. `seconds`: how
    /// long the command waited in all. `may_have_counted`: the last attempt had sent the PIN and
    /// had no answer yet, so it was not sent again (the server may have counted it).
    Timeout {
        attempts: u32,
        seconds: u64,
        may_have_counted: bool,
    },
    /// The server could not be reached; nothing was sent. `detail` is for `-v` only.
    Connect { cause: ConnectCause, detail: String },
    /// The connection broke during the exchange (reset, closed early). `may_have_counted` as for
    /// [`ProtocolError::Timeout`]. `detail` is for `-v` only.
    Broken {
        attempts: u32,
        may_have_counted: bool,
        detail: String,
    },
}

/// Why a connection could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectCause {
    /// Nothing listens there (connection refused).
    Refused,
    /// The host name does not resolve.
    NoSuchHost,
    /// No route to the host or network.
    Unreachable,
    /// Anything else (a proxy refusing the tunnel, …).
    Other,
}

/// What is wrong with a `--ca-cert` file.
#[derive(Debug)]
pub enum CaCertProblem {
    /// It could not be read.
    Read(crate::fsutil::FsError),
    /// It is not PEM; the parser's words (for -v).
    NotPem { detail: String },
    /// It holds no certificate.
    Empty,
    /// A certificate in it cannot serve as a trust anchor; rustls' words (for -v).
    NotCa { detail: String },
}

/// Which part of an answer broke the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadAnswer {
    ContentType {
        got: String,
    },
    NoContentLength,
    LengthMismatch {
        announced: u64,
        got: u64,
    },
    TooLarge {
        len: u64,
    },
    NoDigest,
    DigestMismatch,
    NoDeleteAt,
    BadDeleteAt,
    MalformedProblem {
        status: u16,
    },
    UnexpectedStatus {
        status: u16,
    },
    /// A `Retry-After` that is not a number of seconds or a date, or is over a day.
    BadRetryAfter,
}

/// Why the server's certificate was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsFailure {
    /// Issued by a CA that is not trusted (and not given with `--ca-cert`).
    UnknownCa,
    /// Not issued for the server's host name.
    WrongHost,
    /// Expired.
    Expired,
    /// Not valid yet.
    NotYetValid,
    /// The server offers only a TLS version older than 1.2.
    ProtocolVersion,
    /// The handshake failed (no common cipher suite, a handshake alert, not a TLS server…).
    Handshake,
    /// The certificate was refused for another reason (bad signature, revoked, wrong usage…).
    Other,
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // For diagnostics (logs, -v): the member reads the ui's words, not these.
        write!(f, "{self:?}")
    }
}

impl std::error::Error for ProtocolError {}

impl BadAnswer {
    /// A stable machine-readable name for the broken rule.
    pub fn rule(&self) -> &'static str {
        use BadAnswer::*;
        match self {
            ContentType { .. } => "bad-content-type",
            NoContentLength => "no-content-length",
            LengthMismatch { .. } => "length-mismatch",
            TooLarge { .. } => "answer-too-large",
            NoDigest => "no-digest",
            DigestMismatch => "digest-mismatch",
            NoDeleteAt => "no-delete-at",
            BadDeleteAt => "bad-delete-at",
            MalformedProblem { .. } => "malformed-problem",
            UnexpectedStatus { .. } => "unexpected-status",
            BadRetryAfter => "bad-retry-after",
        }
    }
}
