//! The real mock server over real HTTPS, its test CA written where `--ca-cert` can read it, and
//! the `download` command pointed at it.
//!
//! Reuse with `#[path = "common/cmd.rs"] mod cmd;` and `#[path = "common/mock.rs"] mod mock;`
//! (this module uses `cmd`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use gidcert_mock_server::{Config, MockServer};

use crate::cmd;

/// The mock server's demo account (`Account::demo()`).
pub const ID: &str = "9876543210";
pub const PIN: &str = "q7w8e9r0";
pub const UID: &str = "20261121";

/// A running mock server and a temporary folder holding its CA (`ca.pem`) and an empty `out/`.
pub struct Env {
    pub server: MockServer,
    pub dir: tempfile::TempDir,
}

impl Env {
    /// The server with its default configuration (the demo account).
    pub fn start() -> Env {
        Env::with(Config::default())
    }

    pub fn with(config: Config) -> Env {
        let server = MockServer::start(config).expect("mock server starts");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), server.ca_pem()).unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        Env { server, dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The server's CA certificate (PEM), for `--ca-cert`.
    pub fn ca(&self) -> PathBuf {
        self.path("ca.pem")
    }

    /// The folder downloads are saved in.
    pub fn out(&self) -> PathBuf {
        self.path("out")
    }

    /// The arguments of the spec's non-interactive download from `url` into `out`, trusting the
    /// server's CA; the PIN comes on stdin.
    pub fn download_args(&self, url: &str, out: &Path) -> Vec<String> {
        [
            "download",
            "--server",
            url,
            "--ca-cert",
            &self.ca().display().to_string(),
            "--id",
            ID,
            "--pin-stdin",
            "--out",
            &out.display().to_string(),
        ]
        .map(str::to_owned)
        .to_vec()
    }

    /// That download as a command with the clean environment, `pin` and a newline on stdin.
    pub fn download_from(&self, url: &str, pin: &str, out: &Path) -> assert_cmd::Command {
        let mut c = cmd::gidcert_assert(self.dir.path());
        c.args(self.download_args(url, out))
            .write_stdin(format!("{pin}\n"));
        c
    }

    /// The download from this server into [`Env::out`].
    pub fn download(&self, pin: &str) -> assert_cmd::Command {
        self.download_from(&self.server.url(), pin, &self.out())
    }
}
