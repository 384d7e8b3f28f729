//! The one error type every command returns, and the exit-code table shared by all commands.
//!
//! Each module keeps its own error enum and implements [`Explain`] for it: what happened
//! (`err-…` message), what to do next (`rec-…` message) and the exit code. [`Error`] wraps any of
//! them, so adding an error in one module never touches another. No message may contain a PIN.

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
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// What a module's error must tell the user.
pub trait Explain: fmt::Debug + Send + Sync + 'static {
    /// The exit code for this error.
    fn exit(&self) -> Exit;
    /// What happened, in the user's language. Must never contain a PIN.
    fn message(&self) -> String;
    /// What to do next, in the user's language, when there is something to say.
    fn recommendation(&self) -> Option<String> {
        None
    }
    /// A stable machine-readable name for `--json` error output (e.g. `wrong-pin`).
    fn kind(&self) -> &'static str;
}

/// The error every command returns.
pub struct Error(Box<dyn Explain>);

impl Error {
    pub fn exit(&self) -> Exit {
        self.0.exit()
    }
    pub fn message(&self) -> String {
        self.0.message()
    }
    pub fn recommendation(&self) -> Option<String> {
        self.0.recommendation()
    }
    pub fn kind(&self) -> &'static str {
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
    pub exit: Exit,
    pub kind: &'static str,
    pub message: String,
    pub recommendation: Option<String>,
}

impl Explain for Simple {
    fn exit(&self) -> Exit {
        self.exit
    }
    fn message(&self) -> String {
        self.message.clone()
    }
    fn recommendation(&self) -> Option<String> {
        self.recommendation.clone()
    }
    fn kind(&self) -> &'static str {
        self.kind
    }
}
