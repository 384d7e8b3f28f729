//! One module per command. Each `run` returns the exit code of a non-error outcome.
pub mod backup;
pub mod change_pin;
#[cfg(feature = "demo")]
pub mod demo;
pub mod download;
pub mod guided;
pub mod meta;
pub mod scan;
pub mod show;
