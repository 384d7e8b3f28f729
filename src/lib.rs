//! gidcert: download, check and look after the SECOM Passport for G-ID file-type certificate of a
//! shiho-shoshi member. The binary (`src/main.rs`) only calls [`cli::main`].

pub mod certview;
pub mod cli;
pub mod commands;
pub mod config;
pub mod drives;
pub mod error;
pub mod fsutil;
pub mod i18n;
pub mod input;
pub mod keystore;
pub mod output;
pub mod pin;
pub mod profile;
pub mod protocol;
pub mod scan;
pub mod strength;
#[cfg(windows)]
pub mod winacl;
