//! gidcert's core: everything gidcert does, and nothing it says.
//!
//! PKCS#12 files ([`keystore`]), the certificate view and the manual's checks ([`certview`]), the
//! download protocol client ([`protocol`]) and the download's steps ([`download`]), PIN rules
//! ([`pin`]), safe file writes ([`fsutil`]), the re-encryption under a new PIN ([`rekey`]), the
//! stray-copy walker ([`scan`]), removable drives ([`drives`]), the configuration and profile
//! files ([`config`], [`profile`]) and the PIN strength estimate ([`strength`]).
//!
//! The core never prints, never prompts, never reads argv or environment variables, knows no
//! language and no exit code: it takes typed values and returns typed reports or typed errors that
//! carry data. The `gidcert` crate puts them into words (docs/architecture.md). Being its own crate,
//! the compiler holds it to that: none of clap, dialoguer, console, indicatif or i18n-embed is a
//! dependency.

#![forbid(unsafe_code)]

pub mod certview;
pub mod config;
pub mod download;
pub mod drives;
pub mod fsutil;
pub mod keystore;
pub mod pin;
pub mod profile;
pub mod protocol;
pub mod rekey;
pub mod scan;
pub mod strength;
/// Windows access lists (the `gidcert-winacl` crate, the one place with `unsafe` code).
#[cfg(windows)]
pub use gidcert_winacl as winacl;
