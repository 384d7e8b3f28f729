//! The words for the core's errors: each core error type says what happened as data; here it
//! becomes a message, a recommendation and a [`Kind`] (which fixes the exit code).

use std::path::Path;

use chrono::{DateTime, Local, Utc};

use super::{Explain, Kind};
use crate::certview::CertViewError;
use crate::config::ConfigError;
use crate::fsutil::FsError;
use crate::keystore::write::{Iterations, WriteError};
use crate::keystore::{KeystoreError, LooksLike};
use crate::profile::ProfileError;
use crate::protocol::client::InvalidIdNumber;
use crate::protocol::{BadAnswer, CaCertProblem, ConnectCause, ProtocolError, TlsFailure};
use crate::rekey::RekeyError;
use crate::t;
use crate::ui::words::io_error;

fn show(p: &Path) -> String {
    p.display().to_string()
}

/// A time from the server, in local time for people.
fn local(t: &DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S %Z")
        .to_string()
}

fn ca_cert_problem(p: &CaCertProblem) -> String {
    match p {
        CaCertProblem::Read(e) => e.message(),
        CaCertProblem::NotPem { detail } => detail.clone(),
        CaCertProblem::Empty => t!("err-dl-ca-cert-empty"),
        CaCertProblem::NotCa { detail } => t!("err-dl-ca-cert-not-ca", detail = detail.as_str()),
    }
}

fn bad_answer_message(b: &BadAnswer) -> String {
    use BadAnswer::*;
    match b {
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

fn bad_answer_kind(b: &BadAnswer) -> Kind {
    use BadAnswer::*;
    match b {
        ContentType { .. } => Kind::BadContentType,
        NoContentLength => Kind::NoContentLength,
        LengthMismatch { .. } => Kind::LengthMismatch,
        TooLarge { .. } => Kind::AnswerTooLarge,
        NoDigest => Kind::NoDigest,
        DigestMismatch => Kind::DigestMismatch,
        NoDeleteAt => Kind::NoDeleteAt,
        BadDeleteAt => Kind::BadDeleteAt,
        MalformedProblem { .. } => Kind::MalformedProblem,
        UnexpectedStatus { .. } => Kind::UnexpectedStatus,
        BadRetryAfter => Kind::BadRetryAfter,
    }
}

impl Explain for CertViewError {
    fn message(&self) -> String {
        t!("err-cert-unreadable", detail = self.detail.as_str())
    }
    fn kind(&self) -> Kind {
        Kind::CertificateUnreadable
    }
}

impl Explain for RekeyError {
    fn message(&self) -> String {
        match self {
            RekeyError::Mismatch { what } => t!("err-changepin-mismatch", what = what.to_string()),
            RekeyError::OldPinStillOpens => t!("err-changepin-old-pin-opens"),
            RekeyError::Fs(e) => e.message(),
            RekeyError::Write(e) => e.message(),
            RekeyError::Keystore(e) => e.message(),
        }
    }
    fn recommendation(&self) -> Option<String> {
        match self {
            RekeyError::Mismatch { .. } | RekeyError::OldPinStillOpens => {
                self.kind().recommendation()
            }
            RekeyError::Fs(e) => e.recommendation(),
            RekeyError::Write(e) => e.recommendation(),
            RekeyError::Keystore(e) => e.recommendation(),
        }
    }
    fn kind(&self) -> Kind {
        match self {
            RekeyError::Mismatch { .. } => Kind::RewriteMismatch,
            RekeyError::OldPinStillOpens => Kind::OldPinStillOpens,
            RekeyError::Fs(e) => e.kind(),
            RekeyError::Write(e) => e.kind(),
            RekeyError::Keystore(e) => e.kind(),
        }
    }
}

impl Explain for ConfigError {
    fn message(&self) -> String {
        match self {
            ConfigError::Read { path, error } => t!(
                "err-config-read",
                path = path.display().to_string(),
                error = io_error(error)
            ),
            ConfigError::Parse { path, error } => t!(
                "err-config-parse",
                path = path.display().to_string(),
                error = error.as_str()
            ),
        }
    }
    fn kind(&self) -> Kind {
        Kind::ConfigInvalid
    }
}

impl Explain for FsError {
    fn message(&self) -> String {
        match self {
            FsError::NoFolder { path } => t!("err-fs-no-folder", path = show(path)),
            FsError::NotAFolder { path } => t!("err-fs-not-a-folder", path = show(path)),
            FsError::ReadOnly { path } => t!("err-fs-read-only", path = show(path)),
            FsError::DiskFull { path } => t!("err-fs-disk-full", path = show(path)),
            FsError::Exists { path } => t!("err-fs-exists", path = show(path)),
            FsError::NotFound { path } => t!("err-fs-not-found", path = show(path)),
            FsError::TooLarge { path, len } => t!("err-fs-too-large", path = show(path), len = len),
            FsError::VerifyFailed { path } => t!("err-fs-verify", path = show(path)),
            FsError::Write { path, error } => {
                t!("err-fs-write", path = show(path), error = io_error(error))
            }
            FsError::Read { path, error } if error.kind() == std::io::ErrorKind::IsADirectory => {
                t!("err-fs-is-a-folder", path = show(path))
            }
            FsError::Read { path, error } => {
                t!("err-fs-read", path = show(path), error = io_error(error))
            }
        }
    }

    /// The kind's advice; for a folder given where a file goes, to give the file.
    fn recommendation(&self) -> Option<String> {
        match self {
            FsError::Read { error, .. } if error.kind() == std::io::ErrorKind::IsADirectory => {
                Some(t!("rec-fs-is-a-folder"))
            }
            _ => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            FsError::NoFolder { .. } => Kind::FolderMissing,
            FsError::NotAFolder { .. } => Kind::NotAFolder,
            FsError::ReadOnly { .. } => Kind::ReadOnly,
            FsError::DiskFull { .. } => Kind::DiskFull,
            FsError::Exists { .. } => Kind::FileExists,
            FsError::NotFound { .. } => Kind::FileNotFound,
            FsError::TooLarge { .. } => Kind::FileTooLarge,
            FsError::VerifyFailed { .. } => Kind::VerifyFailed,
            FsError::Write { .. } => Kind::WriteFailed,
            FsError::Read { .. } => Kind::ReadFailed,
        }
    }
}

impl Explain for KeystoreError {
    fn message(&self) -> String {
        match self {
            KeystoreError::TooLarge { len } => t!("err-ks-too-large", len = len.to_string()),
            KeystoreError::Empty => t!("err-ks-empty"),
            KeystoreError::NotPkcs12 { looks_like } => match looks_like {
                LooksLike::Pem { label } if label.contains("CERTIFICATE") => {
                    t!("err-ks-pem-certificate", label = label.clone())
                }
                LooksLike::Pem { label } if label.contains("KEY") => {
                    t!("err-ks-pem-key", label = label.clone())
                }
                LooksLike::Pem { label } => t!("err-ks-pem-other", label = label.clone()),
                LooksLike::Base64 => t!("err-ks-base64"),
                LooksLike::Certificate => t!("err-ks-der-certificate"),
                LooksLike::Other => t!("err-ks-not-pkcs12"),
            },
            KeystoreError::Corrupt { .. } => t!("err-ks-corrupt"),
            KeystoreError::Damaged => t!("err-ks-damaged"),
            KeystoreError::WrongPin => t!("err-ks-wrong-pin"),
            KeystoreError::Unsupported { algorithm } => {
                t!("err-ks-unsupported", algorithm = algorithm.clone())
            }
            KeystoreError::NoPrivateKey => t!("err-ks-no-private-key"),
            KeystoreError::NoCertificate => t!("err-ks-no-certificate"),
            KeystoreError::KeyMismatch => t!("err-ks-key-mismatch"),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            KeystoreError::TooLarge { .. } => Kind::TooLarge,
            KeystoreError::Empty => Kind::EmptyFile,
            KeystoreError::NotPkcs12 { looks_like } => match looks_like {
                LooksLike::Pem { .. } => Kind::NotPkcs12Pem,
                LooksLike::Base64 => Kind::NotPkcs12Base64,
                LooksLike::Certificate => Kind::NotPkcs12Certificate,
                LooksLike::Other => Kind::NotPkcs12,
            },
            KeystoreError::Corrupt { .. } => Kind::Corrupt,
            KeystoreError::Damaged => Kind::MacMismatch,
            KeystoreError::WrongPin => Kind::WrongPin,
            KeystoreError::Unsupported { .. } => Kind::Unsupported,
            KeystoreError::NoPrivateKey => Kind::NoPrivateKey,
            KeystoreError::NoCertificate => Kind::NoCertificate,
            KeystoreError::KeyMismatch => Kind::KeyMismatch,
        }
    }
}

impl Explain for WriteError {
    fn message(&self) -> String {
        match self {
            WriteError::Iterations { requested } => t!(
                "err-write-iterations",
                requested = requested,
                min = Iterations::MIN,
                max = Iterations::MAX
            ),
            WriteError::Empty => t!("err-write-empty"),
            WriteError::PinNotEncodable => t!("err-write-pin-encoding"),
            WriteError::BadDer { what } => t!("err-write-bad-der", what = what.as_str()),
            WriteError::Crypto { what } => t!("err-write-crypto", what = what.as_str()),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            WriteError::Iterations { .. } => Kind::IterationsOutOfRange,
            WriteError::Empty => Kind::NothingToWrite,
            WriteError::PinNotEncodable => Kind::PinNotEncodable,
            WriteError::BadDer { .. } => Kind::BadDerInModel,
            WriteError::Crypto { .. } => Kind::CryptoFailed,
        }
    }
}

impl Explain for ProfileError {
    fn message(&self) -> String {
        match self {
            ProfileError::Unknown { name, known } => t!(
                "err-profile-unknown",
                name = name.as_str(),
                known = known.join(", ")
            ),
            ProfileError::File(ConfigError::Read { path, error }) => t!(
                "err-profile-read",
                path = path.display().to_string(),
                error = io_error(error)
            ),
            ProfileError::File(ConfigError::Parse { path, error }) => t!(
                "err-profile-parse",
                path = path.display().to_string(),
                error = error.as_str()
            ),
        }
    }
    fn kind(&self) -> Kind {
        match self {
            ProfileError::Unknown { .. } => Kind::ProfileUnknown,
            ProfileError::File(_) => Kind::ProfilesInvalid,
        }
    }
}

impl Explain for InvalidIdNumber {
    fn message(&self) -> String {
        t!("err-dl-bad-id")
    }
    fn kind(&self) -> Kind {
        Kind::BadIdentificationNumber
    }
}

crate::labels! {
    /// Why the secure connection failed, in the member's words (the library's own went to the
    /// -v log); each says the PIN was not sent.
    fn tls_failure_message(TlsFailure) {
        UnknownCa => "err-dl-tls-unknown-ca",
        WrongHost => "err-dl-tls-wrong-host",
        Expired => "err-dl-tls-expired",
        NotYetValid => "err-dl-tls-not-yet-valid",
        ProtocolVersion => "err-dl-tls-version",
        Handshake => "err-dl-tls-handshake",
        Other => "err-dl-tls-other",
    }
}

/// A timeout or a broken connection, and when the PIN had been sent unanswered, that it was not
/// sent again.
fn not_resent(message: String, may_have_counted: bool) -> String {
    if may_have_counted {
        format!("{message} {}", t!("err-dl-not-resent"))
    } else {
        message
    }
}

impl Explain for ProtocolError {
    fn message(&self) -> String {
        use ProtocolError::*;
        match self {
            NoServer => t!("err-dl-no-server"),
            BadUrl { url } => t!("err-dl-bad-url", url = url.as_str()),
            InsecureUrl { url } => t!("err-dl-insecure-url", url = url.as_str()),
            CaCert { path, problem } => t!(
                "err-dl-ca-cert",
                path = path.display().to_string(),
                reason = ca_cert_problem(problem)
            ),
            Setup { reason } => t!("err-dl-setup", reason = reason.as_str()),
            BadDeadline { value } => t!("err-dl-bad-deadline", value = value.as_str()),
            // Each of these has a second message for when the server did not say the number or
            // the time.
            WrongCredentials { attempts_left } => attempts_left.map_or_else(
                || t!("err-dl-wrong-credentials-unknown"),
                |n| t!("err-dl-wrong-credentials", attempts = n),
            ),
            Locked { until } => until.as_ref().map_or_else(
                || t!("err-dl-locked-unknown"),
                |t| t!("err-dl-locked", until = local(t)),
            ),
            Blocked => t!("err-dl-blocked"),
            Deleted { at } => at.as_ref().map_or_else(
                || t!("err-dl-deleted-unknown"),
                |t| t!("err-dl-deleted", at = local(t)),
            ),
            Revoked { at } => at.as_ref().map_or_else(
                || t!("err-dl-revoked-unknown"),
                |t| t!("err-dl-revoked", at = local(t)),
            ),
            DigestMismatch => t!("err-dl-receipt-mismatch"),
            RateLimited { retry_after_secs } => retry_after_secs.map_or_else(
                || t!("err-dl-rate-limited-unknown"),
                |s| t!("err-dl-rate-limited", seconds = s),
            ),
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
            BadAnswer(b) => bad_answer_message(b),
            // The library's words (terminal-safe already) were logged for -v by the client;
            // the member reads only these.
            Tls { failure, .. } => tls_failure_message(*failure),
            Timeout {
                attempts,
                seconds,
                may_have_counted,
            } => not_resent(
                t!("err-dl-timeout", attempts = attempts, seconds = seconds),
                *may_have_counted,
            ),
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
            } => not_resent(t!("err-dl-broken", attempts = attempts), *may_have_counted),
        }
    }

    /// The kind's advice, except after a PIN sent unanswered: then that it must not be sent
    /// blindly again (rec-dl-not-resent).
    fn recommendation(&self) -> Option<String> {
        use ProtocolError::*;
        match self {
            Timeout {
                may_have_counted: true,
                ..
            }
            | Broken {
                may_have_counted: true,
                ..
            } => Some(t!("rec-dl-not-resent")),
            _ => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        use ProtocolError::*;
        match self {
            NoServer => Kind::NoServer,
            BadUrl { .. } => Kind::BadServerUrl,
            InsecureUrl { .. } => Kind::InsecureServerUrl,
            CaCert { .. } => Kind::CaCertUnusable,
            Setup { .. } => Kind::ClientSetupFailed,
            BadDeadline { .. } => Kind::BadDeadline,
            WrongCredentials { .. } => Kind::WrongCredentials,
            Locked { .. } => Kind::Locked,
            Blocked => Kind::Blocked,
            Deleted { .. } => Kind::Deleted,
            Revoked { .. } => Kind::Revoked,
            DigestMismatch => Kind::ReceiptDigestMismatch,
            RateLimited { .. } => Kind::RateLimited,
            ServerFailure { .. } => Kind::ServerError,
            Refused { .. } => Kind::Refused,
            BadAnswer(b) => bad_answer_kind(b),
            Tls { failure, .. } => match failure {
                TlsFailure::UnknownCa => Kind::TlsUnknownCa,
                TlsFailure::WrongHost => Kind::TlsWrongHost,
                TlsFailure::Expired => Kind::TlsExpired,
                TlsFailure::NotYetValid => Kind::TlsNotYetValid,
                TlsFailure::ProtocolVersion => Kind::TlsVersionTooOld,
                TlsFailure::Handshake => Kind::TlsHandshakeFailed,
                TlsFailure::Other => Kind::TlsFailed,
            },
            Timeout { .. } => Kind::Timeout,
            Connect { .. } => Kind::ConnectFailed,
            Broken { .. } => Kind::ConnectionBroken,
        }
    }
}
