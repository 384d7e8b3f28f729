//! What can go wrong talking to the download server, each with its own exit code and advice.
//!
//! Times are kept in UTC and shown in local time. No variant holds a PIN or a request body, and
//! every string that came from outside (the server, a library's error, the command line) is
//! already terminal-safe ([`super::text::terminal_safe`]) when it is stored here.

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};

use crate::error::{Exit, Explain};
use crate::t;

#[derive(Debug)]
#[non_exhaustive]
pub enum ProtocolError {
    /// No `--server`, no `GIDCERT_SERVER`, no `server` in the configuration file.
    NoServer,
    /// The server address is not a URL gidcert can use.
    BadUrl { url: String },
    /// `http://` to a host that is not loopback.
    InsecureUrl { url: String },
    /// The `--ca-cert` file could not be read or holds no certificate.
    CaCert { path: PathBuf, reason: String },
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

/// Which part of an answer broke the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadAnswer {
    ContentType { got: String },
    NoContentLength,
    LengthMismatch { announced: u64, got: u64 },
    TooLarge { len: u64 },
    NoDigest,
    DigestMismatch,
    NoDeleteAt,
    BadDeleteAt,
    MalformedProblem { status: u16 },
    UnexpectedStatus { status: u16 },
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

impl ProtocolError {
    /// A time of the server's, in local time.
    fn local(t: &DateTime<Utc>) -> String {
        t.with_timezone(&Local)
            .format("%Y-%m-%d %H:%M:%S %Z")
            .to_string()
    }
}

impl Explain for ProtocolError {
    fn exit(&self) -> Exit {
        use ProtocolError::*;
        match self {
            NoServer
            | BadUrl { .. }
            | InsecureUrl { .. }
            | CaCert { .. }
            | Setup { .. }
            | BadDeadline { .. } => Exit::Config,
            WrongCredentials { .. } => Exit::LoginFailed,
            Locked { .. } => Exit::Locked,
            Blocked => Exit::Blocked,
            Deleted { .. } => Exit::Deleted,
            Revoked { .. } => Exit::Revoked,
            DigestMismatch
            | RateLimited { .. }
            | ServerFailure { .. }
            | Refused { .. }
            | BadAnswer(_) => Exit::Server,
            Tls { .. } | Timeout { .. } | Connect { .. } | Broken { .. } => Exit::Network,
        }
    }

    fn message(&self) -> String {
        use ProtocolError::*;
        match self {
            NoServer => t!("err-dl-no-server"),
            BadUrl { url } => t!("err-dl-bad-url", url = url.as_str()),
            InsecureUrl { url } => t!("err-dl-insecure-url", url = url.as_str()),
            CaCert { path, reason } => t!(
                "err-dl-ca-cert",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
            Setup { reason } => t!("err-dl-setup", reason = reason.as_str()),
            BadDeadline { value } => t!("err-dl-bad-deadline", value = value.as_str()),
            WrongCredentials {
                attempts_left: Some(n),
            } => t!("err-dl-wrong-credentials", attempts = n),
            WrongCredentials {
                attempts_left: None,
            } => t!("err-dl-wrong-credentials-unknown"),
            Locked { until: Some(t) } => t!("err-dl-locked", until = Self::local(t)),
            Locked { until: None } => t!("err-dl-locked-unknown"),
            Blocked => t!("err-dl-blocked"),
            Deleted { at: Some(t) } => t!("err-dl-deleted", at = Self::local(t)),
            Deleted { at: None } => t!("err-dl-deleted-unknown"),
            Revoked { at: Some(t) } => t!("err-dl-revoked", at = Self::local(t)),
            Revoked { at: None } => t!("err-dl-revoked-unknown"),
            DigestMismatch => t!("err-dl-receipt-mismatch"),
            RateLimited {
                retry_after_secs: Some(s),
            } => t!("err-dl-rate-limited", seconds = s),
            RateLimited {
                retry_after_secs: None,
            } => t!("err-dl-rate-limited-unknown"),
            ServerFailure {
                status,
                attempts,
                retry_after_secs,
            } => match retry_after_secs {
                Some(s) if *s > 0 => t!(
                    "err-dl-server-failure-later",
                    status = status,
                    attempts = attempts,
                    seconds = s
                ),
                _ => t!(
                    "err-dl-server-failure",
                    status = status,
                    attempts = attempts
                ),
            },
            Refused { status, problem } => {
                t!(
                    "err-dl-refused",
                    status = status,
                    problem = problem.as_str()
                )
            }
            BadAnswer(b) => b.message(),
            Tls { failure, .. } => match failure {
                TlsFailure::UnknownCa => t!("err-dl-tls-unknown-ca"),
                TlsFailure::WrongHost => t!("err-dl-tls-wrong-host"),
                TlsFailure::Expired => t!("err-dl-tls-expired"),
                TlsFailure::NotYetValid => t!("err-dl-tls-not-yet-valid"),
                TlsFailure::ProtocolVersion => t!("err-dl-tls-version"),
                TlsFailure::Handshake => t!("err-dl-tls-handshake"),
                TlsFailure::Other => t!("err-dl-tls-other"),
            },
            Timeout {
                attempts,
                seconds,
                may_have_counted,
            } => {
                let m = t!("err-dl-timeout", attempts = attempts, seconds = seconds);
                if *may_have_counted {
                    format!("{m} {}", t!("err-dl-not-resent"))
                } else {
                    m
                }
            }
            Connect { cause, .. } => match cause {
                ConnectCause::Refused => t!("err-dl-connect-refused"),
                ConnectCause::NoSuchHost => t!("err-dl-connect-no-host"),
                ConnectCause::Unreachable => t!("err-dl-connect-unreachable"),
                ConnectCause::Other => t!("err-dl-connect"),
            },
            Broken {
                attempts,
                may_have_counted,
                ..
            } => {
                let m = t!("err-dl-broken", attempts = attempts);
                if *may_have_counted {
                    format!("{m} {}", t!("err-dl-not-resent"))
                } else {
                    m
                }
            }
        }
    }

    fn recommendation(&self) -> Option<String> {
        use ProtocolError::*;
        Some(match self {
            NoServer | BadUrl { .. } => t!("rec-dl-server"),
            InsecureUrl { .. } => t!("rec-dl-insecure-url"),
            CaCert { .. } => t!("rec-dl-ca-cert"),
            Setup { .. } => return None,
            BadDeadline { .. } => t!("rec-dl-bad-deadline"),
            WrongCredentials { .. } => t!("rec-dl-wrong-credentials"),
            Locked { .. } => t!("rec-dl-locked"),
            Blocked | Revoked { .. } => t!("rec-dl-contact-association"),
            Deleted { .. } => t!("rec-dl-deleted"),
            DigestMismatch => t!("rec-dl-receipt-mismatch"),
            RateLimited { .. } | ServerFailure { .. } => t!("rec-dl-try-later"),
            Refused { .. } | BadAnswer(_) => t!("rec-dl-bad-answer"),
            Tls { failure, .. } => match failure {
                TlsFailure::UnknownCa => t!("rec-dl-tls-unknown-ca"),
                TlsFailure::ProtocolVersion => t!("rec-dl-tls-version"),
                TlsFailure::Handshake => t!("rec-dl-tls-handshake"),
                _ => t!("rec-dl-tls"),
            },
            Timeout {
                may_have_counted: true,
                ..
            }
            | Broken {
                may_have_counted: true,
                ..
            } => t!("rec-dl-not-resent"),
            Timeout { .. } | Connect { .. } | Broken { .. } => t!("rec-dl-network"),
        })
    }

    fn kind(&self) -> &'static str {
        use ProtocolError::*;
        match self {
            NoServer => "no-server",
            BadUrl { .. } => "bad-server-url",
            InsecureUrl { .. } => "insecure-server-url",
            CaCert { .. } => "ca-cert-unusable",
            Setup { .. } => "client-setup-failed",
            BadDeadline { .. } => "bad-deadline",
            WrongCredentials { .. } => "wrong-credentials",
            Locked { .. } => "locked",
            Blocked => "blocked",
            Deleted { .. } => "deleted",
            Revoked { .. } => "revoked",
            DigestMismatch => "receipt-digest-mismatch",
            RateLimited { .. } => "rate-limited",
            ServerFailure { .. } => "server-error",
            Refused { .. } => "refused",
            BadAnswer(b) => b.kind(),
            Tls { failure, .. } => match failure {
                TlsFailure::UnknownCa => "tls-unknown-ca",
                TlsFailure::WrongHost => "tls-wrong-host",
                TlsFailure::Expired => "tls-expired",
                TlsFailure::NotYetValid => "tls-not-yet-valid",
                TlsFailure::ProtocolVersion => "tls-version-too-old",
                TlsFailure::Handshake => "tls-handshake-failed",
                TlsFailure::Other => "tls-failed",
            },
            Timeout { .. } => "timeout",
            Connect { .. } => "connect-failed",
            Broken { .. } => "connection-broken",
        }
    }
}

impl BadAnswer {
    fn message(&self) -> String {
        use BadAnswer::*;
        match self {
            ContentType { got } => t!("err-dl-content-type", got = got.as_str()),
            NoContentLength => t!("err-dl-no-length"),
            LengthMismatch { announced, got } => {
                t!("err-dl-length-mismatch", announced = announced, got = got)
            }
            TooLarge { len } => t!("err-dl-too-large", len = len),
            NoDigest => t!("err-dl-no-digest"),
            DigestMismatch => t!("err-dl-digest-mismatch"),
            NoDeleteAt => t!("err-dl-no-delete-at"),
            BadDeleteAt => t!("err-dl-bad-delete-at"),
            MalformedProblem { status } => t!("err-dl-malformed-problem", status = status),
            UnexpectedStatus { status } => t!("err-dl-unexpected-status", status = status),
            BadRetryAfter => t!("err-dl-bad-retry-after"),
        }
    }

    fn kind(&self) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_server_answer_has_its_own_exit_code() {
        let cases = [
            (
                ProtocolError::WrongCredentials {
                    attempts_left: Some(2),
                },
                Exit::LoginFailed,
            ),
            (ProtocolError::Locked { until: None }, Exit::Locked),
            (ProtocolError::Blocked, Exit::Blocked),
            (ProtocolError::Deleted { at: None }, Exit::Deleted),
            (ProtocolError::Revoked { at: None }, Exit::Revoked),
            (
                ProtocolError::BadAnswer(BadAnswer::DigestMismatch),
                Exit::Server,
            ),
            (
                ProtocolError::Tls {
                    failure: TlsFailure::UnknownCa,
                    detail: String::new(),
                },
                Exit::Network,
            ),
            (ProtocolError::NoServer, Exit::Config),
        ];
        for (e, exit) in cases {
            assert_eq!(e.exit(), exit, "{e:?}");
            assert!(!e.message().is_empty());
        }
    }

    #[test]
    fn attempts_left_is_in_the_message() {
        let m = ProtocolError::WrongCredentials {
            attempts_left: Some(4),
        }
        .message();
        assert!(m.contains('4'), "{m}");
    }
}
