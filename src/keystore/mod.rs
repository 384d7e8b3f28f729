//! PKCS#12 files: read every file members really have, write new ones, and tell a wrong PIN apart
//! from every other failure.
//!
//! Works at the bag level ([`model`]) so that nothing in a file is lost when it is re-encrypted.

pub mod model;
pub mod write;

pub use model::{BagAttribute, BagContent, Pkcs12, SafeBag};
