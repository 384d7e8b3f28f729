//! PKCS#12 files: read every file members really have, write new ones, and tell a wrong PIN apart
//! from every other failure.
//!
//! Works at the bag level ([`model`]) so that nothing in a file is lost when it is re-encrypted.
//! Reading: [`open`] (decrypt and parse), [`sniff`] (what a file is, without a PIN),
//! [`Pkcs12::end_entity`] (the certificate whose key is in the file, matched by public key).

mod ber;
mod crypto;
mod error;
mod kdf;
mod keys;
pub mod model;
#[cfg(test)]
mod mutation_tests;
mod oid;
mod read;
mod sniff;
pub mod write;

pub use crypto::MAX_ITERATIONS;
pub use error::{KeystoreError, LooksLike};
pub use kdf::KnownKeys;
pub use keys::{EndEntity, certificate_spki, key_matches_certificate, public_key_of};
pub use model::{BagAttribute, BagContent, Pkcs12, Protection, SafeBag};
pub use read::{open, open_with_known_keys, pin_opens, unencrypted_certificates};
pub use sniff::{FileKind, PfxHead, looks_like_pfx, pfx_head, sniff};
