//! What each failure means to the member: the exit codes ([`Exit`]), the one table from error kind
//! to stable `kind` name and exit code ([`Kind`]), and the words (`err-…` says what happened,
//! `rec-…` what to do next) for every error type of the core and of the commands
//! ([`core_errors`], and the commands' own). [`Error`] wraps any of them. No message may contain
//! a PIN.

use std::fmt;

use crate::keystore::write::Iterations;

/// Exit codes, shared by every command. Documented in `docs/exit-codes.md` and in `--help`;
/// scripts depend on them, so a code never changes meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[repr(u8)]
pub enum Exit {
    /// Everything worked; every check passed.
    Ok = 0,
    /// An unexpected internal error (a bug: please report it).
    Internal = 1,
    /// The command line was wrong (clap's own code).
    Usage = 2,
    /// The PIN does not open the file.
    WrongPin = 3,
    /// The file is not a PKCS#12 file (PEM, base64, a bare certificate, something else).
    NotPkcs12 = 4,
    /// The file is a damaged or truncated PKCS#12 file.
    Corrupt = 5,
    /// The file uses an algorithm gidcert does not support.
    Unsupported = 6,
    /// The file holds no private key.
    NoPrivateKey = 7,
    /// The private key does not match the certificate.
    KeyMismatch = 8,
    /// The file is larger than any certificate file (over 1 MiB).
    TooLarge = 9,
    /// A check of the certificate failed (issuer, O, C, UID).
    CheckFailed = 10,
    /// The certificate has expired (or is not yet valid).
    Expired = 11,
    /// The certificate expires within the warning period.
    ExpiresSoon = 12,
    /// `scan` found copies on fixed disks.
    StrayCopies = 13,
    /// Login refused: wrong identification number or PIN.
    LoginFailed = 20,
    /// Locked after too many wrong PINs; try again later.
    Locked = 21,
    /// Blocked after repeated lockouts; only the association can unblock.
    Blocked = 22,
    /// The server has deleted the file (one hour after the first download).
    Deleted = 23,
    /// The certificate was revoked (not received within 30 days).
    Revoked = 24,
    /// The server answered with an error or something the protocol does not allow.
    Server = 25,
    /// The server could not be reached, or TLS failed.
    Network = 26,
    /// No server URL configured, or the configuration is invalid.
    Config = 27,
    /// A file could not be written (folder missing, read-only, disk full, drive removed).
    SaveFailed = 30,
    /// The destination exists and would be overwritten (use `--force`).
    Exists = 31,
    /// An input file could not be read.
    ReadFailed = 32,
    /// The written file did not read back identical.
    VerifyFailed = 33,
    /// The user cancelled, or declined a confirmation.
    Cancelled = 40,
    /// A PIN or other input was missing or broke a rule (non-interactive use).
    BadInput = 41,
    /// Interrupted with Ctrl-C (128 + SIGINT, as shells report it); the terminal was restored.
    Interrupted = 130,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

mod core_errors;

/// Declares [`Kind`]: every stable error name with its one exit code and, where there is one,
/// the advice that goes with it. The table is the only place an error's exit code is decided (an
/// error type says which kind it is, never which code) and the one place a kind's advice is
/// written: an error type gives its own only where the advice depends on the case
/// ([`Explain::recommendation`]). Each entry: `Variant = "stable-name" => Exit, "rec-key";`, the
/// advice's arguments after its key, or `None` where there is nothing to advise. The keys are
/// checked at compile time, as by [`t!`](crate::t).
macro_rules! kinds {
    (@advice None) => {
        None
    };
    (@advice $key:tt $(, $arg:ident = $value:expr)*) => {
        Some($crate::t!($key $(, $arg = $value)*))
    };
    ($($(#[$doc:meta])* $variant:ident = $name:literal => $exit:ident
        , $key:tt $(, $arg:ident = $value:expr)*;)*) => {
        /// Every kind of failure gidcert reports, by its stable `--json` name and its exit code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in table order (docs/exit-codes.md lists them all).
            pub const ALL: &[Kind] = &[$(Kind::$variant,)*];

            /// The stable machine-readable name (`--json` errors' `kind`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }

            /// The exit code.
            pub fn exit(self) -> Exit {
                match self {
                    $(Kind::$variant => Exit::$exit,)*
                }
            }

            /// What to do next, in the user's language: the advice for every error of this kind
            /// unless the error gives its own.
            pub fn recommendation(self) -> Option<String> {
                match self {
                    $(Kind::$variant => kinds!(@advice $key $(, $arg = $value)*),)*
                }
            }
        }
    };
}

kinds! {
    // The certificate file (3–9).
    WrongPin = "wrong-pin" => WrongPin, "rec-ks-wrong-pin";
    EmptyFile = "empty-file" => NotPkcs12, "rec-ks-pick-p12";
    NotPkcs12 = "not-pkcs12" => NotPkcs12, "rec-ks-pick-p12";
    NotPkcs12Pem = "not-pkcs12-pem" => NotPkcs12, "rec-ks-not-the-p12";
    NotPkcs12Base64 = "not-pkcs12-base64" => NotPkcs12, "rec-ks-base64";
    NotPkcs12Certificate = "not-pkcs12-certificate" => NotPkcs12, "rec-ks-not-the-p12";
    Corrupt = "corrupt" => Corrupt, "rec-ks-corrupt";
    MacMismatch = "mac-mismatch" => Corrupt, "rec-ks-corrupt";
    CertificateUnreadable = "certificate-unreadable" => Corrupt, "rec-cert-unreadable";
    NothingToWrite = "nothing-to-write" => Corrupt, "rec-write-bug";
    BadDerInModel = "bad-der-in-model" => Corrupt, "rec-write-bug";
    Unsupported = "unsupported" => Unsupported, "rec-ks-unsupported";
    NoPrivateKey = "no-private-key" => NoPrivateKey, "rec-ks-no-private-key";
    NoCertificate = "no-certificate" => KeyMismatch, "rec-ks-key-mismatch";
    KeyMismatch = "key-mismatch" => KeyMismatch, "rec-ks-key-mismatch";
    TooLarge = "too-large" => TooLarge, "rec-ks-pick-p12";
    FileTooLarge = "file-too-large" => TooLarge, "rec-fs-too-large";
    // Checks (10–12).
    CheckFailed = "check-failed" => CheckFailed, "rec-check-not-the-members";
    Expired = "expired" => Expired, "rec-check-expired";
    ExpiresSoon = "expires-soon" => ExpiresSoon, "rec-check-expires-soon";
    // The download server (20–27).
    WrongCredentials = "wrong-credentials" => LoginFailed, "rec-dl-wrong-credentials";
    Locked = "locked" => Locked, "rec-dl-locked";
    Blocked = "blocked" => Blocked, "rec-dl-contact-association";
    Deleted = "deleted" => Deleted, "rec-dl-deleted";
    Revoked = "revoked" => Revoked, "rec-dl-revoked";
    ReceiptDigestMismatch = "receipt-digest-mismatch" => Server, "rec-dl-receipt-mismatch";
    RateLimited = "rate-limited" => Server, "rec-dl-try-later";
    ServerError = "server-error" => Server, "rec-dl-try-later";
    Refused = "refused" => Server, "rec-dl-bad-answer";
    BadContentType = "bad-content-type" => Server, "rec-dl-bad-answer";
    NoContentLength = "no-content-length" => Server, "rec-dl-bad-answer";
    LengthMismatch = "length-mismatch" => Server, "rec-dl-bad-answer";
    AnswerTooLarge = "answer-too-large" => Server, "rec-dl-bad-answer";
    NoDigest = "no-digest" => Server, "rec-dl-bad-answer";
    DigestMismatch = "digest-mismatch" => Server, "rec-dl-bad-answer";
    NoDeleteAt = "no-delete-at" => Server, "rec-dl-bad-answer";
    BadDeleteAt = "bad-delete-at" => Server, "rec-dl-bad-answer";
    MalformedProblem = "malformed-problem" => Server, "rec-dl-bad-answer";
    UnexpectedStatus = "unexpected-status" => Server, "rec-dl-bad-answer";
    BadRetryAfter = "bad-retry-after" => Server, "rec-dl-bad-answer";
    FileDoesNotOpen = "file-does-not-open" => Server, "rec-dl-bad-answer";
    ServerCertificateUnreadable = "server-certificate-unreadable" => Server, "rec-dl-bad-answer";
    TlsUnknownCa = "tls-unknown-ca" => Network, "rec-dl-tls-unknown-ca";
    TlsWrongHost = "tls-wrong-host" => Network, "rec-dl-tls";
    TlsExpired = "tls-expired" => Network, "rec-dl-tls";
    TlsNotYetValid = "tls-not-yet-valid" => Network, "rec-dl-tls";
    TlsVersionTooOld = "tls-version-too-old" => Network, "rec-dl-tls-version";
    TlsHandshakeFailed = "tls-handshake-failed" => Network, "rec-dl-tls-handshake";
    TlsFailed = "tls-failed" => Network, "rec-dl-tls";
    Timeout = "timeout" => Network, "rec-dl-network";
    ConnectFailed = "connect-failed" => Network, "rec-dl-network";
    ConnectionBroken = "connection-broken" => Network, "rec-dl-network";
    NoServer = "no-server" => Config, "rec-dl-server";
    BadServerUrl = "bad-server-url" => Config, "rec-dl-server";
    InsecureServerUrl = "insecure-server-url" => Config, "rec-dl-insecure-url";
    CaCertUnusable = "ca-cert-unusable" => Config, "rec-dl-ca-cert";
    ClientSetupFailed = "client-setup-failed" => Config, "rec-dl-setup";
    BadDeadline = "bad-deadline" => Config, "rec-dl-bad-deadline";
    ConfigInvalid = "config-invalid" => Config, "rec-config";
    NoConfigDir = "no-config-dir" => Config, "rec-config";
    ProfileUnknown = "profile-unknown" => Config, "rec-profile-unknown";
    ProfilesInvalid = "profiles-invalid" => Config, "rec-profile-file";
    // Files (30–33).
    FolderMissing = "folder-missing" => SaveFailed, "rec-fs-no-folder";
    NotAFolder = "not-a-folder" => SaveFailed, "rec-fs-no-folder";
    ReadOnly = "read-only" => SaveFailed, "rec-fs-read-only";
    DiskFull = "disk-full" => SaveFailed, "rec-fs-disk-full";
    WriteFailed = "write-failed" => SaveFailed, "rec-fs-write";
    FileExists = "file-exists" => Exists, "rec-fs-exists";
    SameFile = "same-file" => Exists, "rec-backup-same-file";
    DemoFolderNotEmpty = "demo-folder-not-empty" => Exists, "rec-demo-folder-not-empty";
    FileNotFound = "file-not-found" => ReadFailed, "rec-fs-not-found";
    FolderNotFound = "folder-not-found" => ReadFailed, "rec-scan-folder";
    ReadFailed = "read-failed" => ReadFailed, "rec-fs-read";
    PinInputUnreadable = "pin-input-unreadable" => ReadFailed, "rec-read-pin";
    VerifyFailed = "verify-failed" => VerifyFailed, "rec-fs-write";
    SourceChanged = "source-changed" => VerifyFailed, "rec-backup-source-changed";
    RewriteMismatch = "rewrite-mismatch" => VerifyFailed, "rec-write-bug";
    OldPinStillOpens = "old-pin-still-opens" => VerifyFailed, "rec-write-bug";
    // The person at the keyboard (40–41).
    Cancelled = "cancelled" => Cancelled, None;
    NeedsConfirmation = "needs-confirmation" => Cancelled, "rec-changepin-needs-confirmation";
    NoTerminal = "no-terminal" => BadInput, "rec-no-terminal";
    MissingInput = "missing-input" => BadInput, "rec-dl-missing";
    MissingPinLine = "missing-pin-line" => BadInput, "rec-missing-pin-line";
    PinInputTooLarge = "pin-input-too-large" => BadInput, "rec-read-pin";
    PinRule = "pin-rule" => BadInput, "rec-pin-rule";
    PinMismatch = "pin-mismatch" => BadInput, "rec-pin-mismatch";
    PinNotEncodable = "pin-not-encodable" => BadInput, "rec-pin-rule";
    EmptyPin = "empty-pin" => BadInput, "rec-pin-empty";
    SamePin = "same-pin" => BadInput, "rec-changepin-same-pin";
    BadFileName = "bad-file-name" => BadInput, "rec-dl-bad-file-name";
    BadName = "bad-name" => BadInput, "rec-backup-bad-name";
    BadIdentificationNumber = "bad-identification-number" => BadInput, "rec-dl-bad-id";
    IterationsOutOfRange = "iterations-out-of-range" => BadInput,
        "rec-write-iterations", default = Iterations::DEFAULT.get();
    NoRemovableDrive = "no-removable-drive" => BadInput, "rec-backup-pass-folder";
    NoHome = "no-home" => BadInput, "rec-scan-folder";
    Interrupted = "interrupted" => Interrupted, None;
    // gidcert itself (1).
    CryptoFailed = "crypto-failed" => Internal, "rec-write-bug";
    DemoFailed = "demo-failed" => Internal, "rec-demo-failed";
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// What an error must tell the user.
pub trait Explain: fmt::Debug + Send + Sync + 'static {
    /// Which kind of failure this is: its stable name and its exit code ([`Kind`]).
    fn kind(&self) -> Kind;
    /// What happened, in the user's language. Must never contain a PIN.
    fn message(&self) -> String;
    /// What to do next, in the user's language, when there is something to say: the kind's
    /// advice from the `kinds!` table, unless the case needs other words (an error that wraps
    /// another gives the inner one's).
    fn recommendation(&self) -> Option<String> {
        self.kind().recommendation()
    }
    /// The exit code: always the kind's ([`Kind::exit`]); never overridden.
    fn exit(&self) -> Exit {
        self.kind().exit()
    }
}

/// The error every command returns.
pub struct Error(Box<dyn Explain>);

impl Error {
    pub fn exit(&self) -> Exit {
        self.0.kind().exit()
    }
    pub fn message(&self) -> String {
        self.0.message()
    }
    pub fn recommendation(&self) -> Option<String> {
        self.0.recommendation()
    }
    pub fn kind(&self) -> Kind {
        self.0.kind()
    }
    /// The inner error, for tests and for commands that react to a specific case.
    pub fn inner(&self) -> &dyn Explain {
        self.0.as_ref()
    }
}

impl<E: Explain> From<E> for Error {
    fn from(e: E) -> Self {
        Error(Box::new(e))
    }
}

/// Prints the friendly text (as rage does), never a Rust struct: `main` may return this type.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message())?;
        if let Some(rec) = self.recommendation() {
            write!(f, "\n{rec}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A generic error for the few cases that have no module of their own: its words, and its kind's
/// advice.
#[derive(Debug)]
pub struct Simple {
    pub kind: Kind,
    pub message: String,
}

impl Explain for Simple {
    fn message(&self) -> String {
        self.message.clone()
    }
    fn kind(&self) -> Kind {
        self.kind
    }
}
