//! gidcert: download, check and look after the SECOM Passport for G-ID file-type certificate of a
//! shiho-shoshi member. The binary (`src/main.rs`) only calls [`cli::main`].
//!
//! The work is done by the silent core, the `gidcert-core` crate (re-exported below under its
//! module names); this crate is the part that talks: [`cli`] (what was typed), [`ui`] (every
//! prompt and every line of output), [`explain`] (what each failure means, its words and its exit
//! code), [`i18n`] (the two languages) and [`commands`]. See docs/architecture.md.

// `deny`, not `forbid`: the one exception is the Windows console check in commands/guided.rs
// (GetConsoleProcessList), allowed there alone.
#![deny(unsafe_code)]

#[cfg(windows)]
pub use gidcert_core::winacl;
pub use gidcert_core::{
    certview, config, download, drives, fsutil, keystore, pin, profile, protocol, rekey, scan,
    strength,
};

pub mod app;
pub mod cli;
pub mod commands;
pub mod explain;
pub mod i18n;
pub mod settings;
pub mod ui;
