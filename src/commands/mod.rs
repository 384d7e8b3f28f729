//! One module per command. Each `run` takes the typed options [`crate::cli`] made of what was
//! typed and returns the exit code of a non-error outcome.
pub mod backup;
pub mod change_pin;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo;
pub mod download;
pub mod guided;
pub mod scan;
pub mod show;
