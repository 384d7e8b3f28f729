//! What can go wrong reading a PKCS#12 file, told apart so that "wrong PIN" is only ever said
//! when the PIN is the cause.

use crate::error::{Exit, Explain};
use crate::t;

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
#[non_exhaustive]
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

impl From<super::der::DerError> for KeystoreError {
    fn from(e: super::der::DerError) -> Self {
        KeystoreError::Corrupt { at: e.0 }
    }
}

impl std::fmt::Display for KeystoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for KeystoreError {}

impl Explain for KeystoreError {
    fn exit(&self) -> Exit {
        match self {
            KeystoreError::TooLarge { .. } => Exit::TooLarge,
            KeystoreError::Empty | KeystoreError::NotPkcs12 { .. } => Exit::NotPkcs12,
            KeystoreError::Corrupt { .. } | KeystoreError::Damaged => Exit::Corrupt,
            KeystoreError::WrongPin => Exit::WrongPin,
            KeystoreError::Unsupported { .. } => Exit::Unsupported,
            KeystoreError::NoPrivateKey => Exit::NoPrivateKey,
            KeystoreError::NoCertificate | KeystoreError::KeyMismatch => Exit::KeyMismatch,
        }
    }

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

    fn recommendation(&self) -> Option<String> {
        Some(match self {
            KeystoreError::TooLarge { .. } | KeystoreError::Empty => t!("rec-ks-pick-p12"),
            KeystoreError::NotPkcs12 { looks_like } => match looks_like {
                LooksLike::Base64 => t!("rec-ks-base64"),
                LooksLike::Pem { .. } | LooksLike::Certificate => t!("rec-ks-not-the-p12"),
                LooksLike::Other => t!("rec-ks-pick-p12"),
            },
            KeystoreError::Corrupt { .. } | KeystoreError::Damaged => t!("rec-ks-corrupt"),
            KeystoreError::WrongPin => t!("rec-ks-wrong-pin"),
            KeystoreError::Unsupported { .. } => t!("rec-ks-unsupported"),
            KeystoreError::NoPrivateKey => t!("rec-ks-no-private-key"),
            KeystoreError::NoCertificate | KeystoreError::KeyMismatch => {
                t!("rec-ks-key-mismatch")
            }
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            KeystoreError::TooLarge { .. } => "too-large",
            KeystoreError::Empty => "empty-file",
            KeystoreError::NotPkcs12 { looks_like } => match looks_like {
                LooksLike::Pem { .. } => "not-pkcs12-pem",
                LooksLike::Base64 => "not-pkcs12-base64",
                LooksLike::Certificate => "not-pkcs12-certificate",
                LooksLike::Other => "not-pkcs12",
            },
            KeystoreError::Corrupt { .. } => "corrupt",
            KeystoreError::Damaged => "mac-mismatch",
            KeystoreError::WrongPin => "wrong-pin",
            KeystoreError::Unsupported { .. } => "unsupported",
            KeystoreError::NoPrivateKey => "no-private-key",
            KeystoreError::NoCertificate => "no-certificate",
            KeystoreError::KeyMismatch => "key-mismatch",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_its_exit_code_and_a_message() {
        let all = [
            (KeystoreError::TooLarge { len: 2 << 20 }, Exit::TooLarge),
            (KeystoreError::Empty, Exit::NotPkcs12),
            (
                KeystoreError::NotPkcs12 {
                    looks_like: LooksLike::Pem {
                        label: "CERTIFICATE".into(),
                    },
                },
                Exit::NotPkcs12,
            ),
            (KeystoreError::Corrupt { at: "PFX" }, Exit::Corrupt),
            (KeystoreError::Damaged, Exit::Corrupt),
            (KeystoreError::WrongPin, Exit::WrongPin),
            (
                KeystoreError::Unsupported {
                    algorithm: "rc4".into(),
                },
                Exit::Unsupported,
            ),
            (KeystoreError::NoPrivateKey, Exit::NoPrivateKey),
            (KeystoreError::NoCertificate, Exit::KeyMismatch),
            (KeystoreError::KeyMismatch, Exit::KeyMismatch),
        ];
        let mut kinds = std::collections::BTreeSet::new();
        for (e, exit) in all {
            assert_eq!(e.exit(), exit, "{e:?}");
            // A missing Fluent key renders as the key itself.
            assert!(!e.message().starts_with("err-"), "{e:?}: {}", e.message());
            let rec = e.recommendation().unwrap_or_default();
            assert!(!rec.is_empty() && !rec.starts_with("rec-"), "{e:?}");
            assert!(kinds.insert(e.kind()), "duplicate kind {}", e.kind());
        }
        let pem = KeystoreError::NotPkcs12 {
            looks_like: LooksLike::Pem {
                label: "CERTIFICATE".into(),
            },
        };
        assert!(pem.message().contains("PEM"), "{}", pem.message());
    }
}
