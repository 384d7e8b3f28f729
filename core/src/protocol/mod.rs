//! The client side of the download protocol (docs/protocol.md, version 1).
//!
//! [`ServerUrl`] and [`IdNumber`] are parsed once, so the client never holds an address it may
//! not use or an identification number the server would reject. [`Client`] speaks HTTPS with
//! rustls (ring) and verifies the server with the operating system's trust store, or with exactly
//! the CA the member names with `--ca-cert` ([`tls`]); it checks every answer against the protocol
//! before it hands back a file. The retry rules live in [`retry`] as a small unit with an
//! injectable sleeper; [`text`] makes outside text terminal-safe.

pub mod client;
pub mod error;
pub mod retry;
pub mod text;
pub mod tls;

pub use client::{Client, Deadlines, Delivery, IdNumber, ServerUrl};
pub use error::{BadAnswer, CaCertProblem, ConnectCause, ProtocolError, TlsFailure};
pub use retry::{RetryPolicy, Sleeper};

/// The largest response body the client reads: a certificate file is a few KB.
pub const MAX_BODY: u64 = 1024 * 1024;
