//! What each failure means to the member: the exit codes ([`Exit`]), the one table from error kind
//! to stable `kind` name and exit code ([`Kind`]), and the words (`err-…` says what happened,
//! `rec-…` what to do next) for every error type of the core and of the commands
//! ([`core_errors`], and the commands' own). [`Error`] wraps any of them. No message may contain
//! a PIN.

use std::fmt;

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

/// Declares [`Kind`]: every stable error name with its one exit code. The table is the only place
/// an error's exit code is decided: an error type says which kind it is, never which code.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $name:literal => $exit:ident,)*) => {
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
        }
    };
}

kinds! {
    // The certificate file (3–9).
    WrongPin = "wrong-pin" => WrongPin,
    EmptyFile = "empty-file" => NotPkcs12,
    NotPkcs12 = "not-pkcs12" => NotPkcs12,
    NotPkcs12Pem = "not-pkcs12-pem" => NotPkcs12,
    NotPkcs12Base64 = "not-pkcs12-base64" => NotPkcs12,
    NotPkcs12Certificate = "not-pkcs12-certificate" => NotPkcs12,
    Corrupt = "corrupt" => Corrupt,
    MacMismatch = "mac-mismatch" => Corrupt,
    CertificateUnreadable = "certificate-unreadable" => Corrupt,
    NothingToWrite = "nothing-to-write" => Corrupt,
    BadDerInModel = "bad-der-in-model" => Corrupt,
    Unsupported = "unsupported" => Unsupported,
    NoPrivateKey = "no-private-key" => NoPrivateKey,
    NoCertificate = "no-certificate" => KeyMismatch,
    KeyMismatch = "key-mismatch" => KeyMismatch,
    TooLarge = "too-large" => TooLarge,
    FileTooLarge = "file-too-large" => TooLarge,
    // Checks (10–12).
    CheckFailed = "check-failed" => CheckFailed,
    Expired = "expired" => Expired,
    ExpiresSoon = "expires-soon" => ExpiresSoon,
    // The download server (20–27).
    WrongCredentials = "wrong-credentials" => LoginFailed,
    Locked = "locked" => Locked,
    Blocked = "blocked" => Blocked,
    Deleted = "deleted" => Deleted,
    Revoked = "revoked" => Revoked,
    ReceiptDigestMismatch = "receipt-digest-mismatch" => Server,
    RateLimited = "rate-limited" => Server,
    ServerError = "server-error" => Server,
    Refused = "refused" => Server,
    BadContentType = "bad-content-type" => Server,
    NoContentLength = "no-content-length" => Server,
    LengthMismatch = "length-mismatch" => Server,
    AnswerTooLarge = "answer-too-large" => Server,
    NoDigest = "no-digest" => Server,
    DigestMismatch = "digest-mismatch" => Server,
    NoDeleteAt = "no-delete-at" => Server,
    BadDeleteAt = "bad-delete-at" => Server,
    MalformedProblem = "malformed-problem" => Server,
    UnexpectedStatus = "unexpected-status" => Server,
    BadRetryAfter = "bad-retry-after" => Server,
    FileDoesNotOpen = "file-does-not-open" => Server,
    ServerCertificateUnreadable = "server-certificate-unreadable" => Server,
    TlsUnknownCa = "tls-unknown-ca" => Network,
    TlsWrongHost = "tls-wrong-host" => Network,
    TlsExpired = "tls-expired" => Network,
    TlsNotYetValid = "tls-not-yet-valid" => Network,
    TlsVersionTooOld = "tls-version-too-old" => Network,
    TlsHandshakeFailed = "tls-handshake-failed" => Network,
    TlsFailed = "tls-failed" => Network,
    Timeout = "timeout" => Network,
    ConnectFailed = "connect-failed" => Network,
    ConnectionBroken = "connection-broken" => Network,
    NoServer = "no-server" => Config,
    BadServerUrl = "bad-server-url" => Config,
    InsecureServerUrl = "insecure-server-url" => Config,
    CaCertUnusable = "ca-cert-unusable" => Config,
    ClientSetupFailed = "client-setup-failed" => Config,
    BadDeadline = "bad-deadline" => Config,
    ConfigInvalid = "config-invalid" => Config,
    NoConfigDir = "no-config-dir" => Config,
    ProfileUnknown = "profile-unknown" => Config,
    ProfilesInvalid = "profiles-invalid" => Config,
    // Files (30–33).
    FolderMissing = "folder-missing" => SaveFailed,
    NotAFolder = "not-a-folder" => SaveFailed,
    ReadOnly = "read-only" => SaveFailed,
    DiskFull = "disk-full" => SaveFailed,
    WriteFailed = "write-failed" => SaveFailed,
    FileExists = "file-exists" => Exists,
    SameFile = "same-file" => Exists,
    DemoFolderNotEmpty = "demo-folder-not-empty" => Exists,
    FileNotFound = "file-not-found" => ReadFailed,
    FolderNotFound = "folder-not-found" => ReadFailed,
    ReadFailed = "read-failed" => ReadFailed,
    PinInputUnreadable = "pin-input-unreadable" => ReadFailed,
    VerifyFailed = "verify-failed" => VerifyFailed,
    SourceChanged = "source-changed" => VerifyFailed,
    RewriteMismatch = "rewrite-mismatch" => VerifyFailed,
    OldPinStillOpens = "old-pin-still-opens" => VerifyFailed,
    // The person at the keyboard (40–41).
    Cancelled = "cancelled" => Cancelled,
    NeedsConfirmation = "needs-confirmation" => Cancelled,
    NoTerminal = "no-terminal" => BadInput,
    MissingInput = "missing-input" => BadInput,
    MissingPinLine = "missing-pin-line" => BadInput,
    PinInputTooLarge = "pin-input-too-large" => BadInput,
    PinRule = "pin-rule" => BadInput,
    PinMismatch = "pin-mismatch" => BadInput,
    PinNotEncodable = "pin-not-encodable" => BadInput,
    EmptyPin = "empty-pin" => BadInput,
    SamePin = "same-pin" => BadInput,
    BadFileName = "bad-file-name" => BadInput,
    BadName = "bad-name" => BadInput,
    BadIdentificationNumber = "bad-identification-number" => BadInput,
    IterationsOutOfRange = "iterations-out-of-range" => BadInput,
    NoRemovableDrive = "no-removable-drive" => BadInput,
    NoHome = "no-home" => BadInput,
    Interrupted = "interrupted" => Interrupted,
    // gidcert itself (1).
    CryptoFailed = "crypto-failed" => Internal,
    DemoFailed = "demo-failed" => Internal,
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
    /// What to do next, in the user's language, when there is something to say.
    fn recommendation(&self) -> Option<String> {
        None
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

/// A generic error for the few cases that have no module of their own.
#[derive(Debug)]
pub struct Simple {
    pub kind: Kind,
    pub message: String,
    pub recommendation: Option<String>,
}

impl Explain for Simple {
    fn message(&self) -> String {
        self.message.clone()
    }
    fn recommendation(&self) -> Option<String> {
        self.recommendation.clone()
    }
    fn kind(&self) -> Kind {
        self.kind
    }
}
