//! What can go wrong reading a PKCS#12 file, told apart so that "wrong PIN" is only ever said
//! when the PIN is the cause.

/// What a file that is not PKCS#12 looks like, to tell the member what they picked instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LooksLike {
    /// PEM text; `label` is the word after `BEGIN` (`CERTIFICATE`, `PRIVATE KEY`…).
    Pem { label: String },
    /// Base64 text (for example a .p12 pasted from an e-mail or a web page).
    Base64,
    /// A bare X.509 certificate (DER): it holds no private key.
    Certificate,
    /// Anything else.
    Other,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeystoreError {
    /// Larger than any certificate file; refused before parsing.
    TooLarge { len: usize },
    /// The file has no bytes at all.
    Empty,
    /// Not a PKCS#12 file.
    NotPkcs12 { looks_like: LooksLike },
    /// A PKCS#12 file that is truncated or damaged. `at` names the structure, for diagnostics.
    Corrupt { at: &'static str },
    /// The integrity check (MAC) failed although the PIN decrypts the contents: the file was
    /// changed or damaged after it was written.
    Damaged,
    /// The PIN does not open the file.
    WrongPin,
    /// An algorithm (or parameter, such as an iteration count) gidcert does not support.
    Unsupported { algorithm: String },
    /// The file holds no private key.
    NoPrivateKey,
    /// The file holds a private key but no certificate at all.
    NoCertificate,
    /// No certificate in the file belongs to the private key.
    KeyMismatch,
}

/// For diagnostics (logs, -v): the member reads the ui's words, not these.
impl std::fmt::Display for KeystoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for KeystoreError {}
