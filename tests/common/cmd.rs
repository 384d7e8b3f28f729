//! The gidcert binary with a clean environment, and what the tests read from a run.
//!
//! Reuse from any integration test with `#[path = "common/cmd.rs"] mod cmd;`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_gidcert");

/// The variables that name a proxy, in both spellings.
pub const PROXY_VARS: [&str; 6] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The variables that exempt hosts from the proxy.
pub const NO_PROXY_VARS: [&str; 2] = ["NO_PROXY", "no_proxy"];

/// Makes `c`'s environment the clean one every test starts from: the configuration file
/// `config` (usually absent), English (`LANG=C`, no `LC_*` override), and none of gidcert's own
/// variables, logging or proxies from the developer's shell.
pub fn clean_env<'c>(c: &'c mut Command, config: &Path) -> &'c mut Command {
    c.env("GIDCERT_CONFIG", config).env("LANG", "C");
    for v in [
        "LC_ALL",
        "LC_MESSAGES",
        "GIDCERT_SERVER",
        "GIDCERT_DEADLINE",
        "GIDCERT_REMOVABLE",
        "GIDCERT_FAULT",
        "RUST_LOG",
    ]
    .into_iter()
    .chain(PROXY_VARS)
    .chain(NO_PROXY_VARS)
    {
        c.env_remove(v);
    }
    c
}

/// The binary with the clean environment and the configuration file `config`.
pub fn gidcert_with_config(config: &Path) -> Command {
    let mut c = Command::new(BIN);
    clean_env(&mut c, config);
    c
}

/// The binary with the clean environment and no configuration file (`dir/no-config.toml`).
pub fn gidcert(dir: &Path) -> Command {
    gidcert_with_config(&dir.join("no-config.toml"))
}

/// As [`gidcert`], as an `assert_cmd` command (stdin), killed after 300 s: far beyond any
/// deadline under test, so a hang fails the test instead of holding CI.
pub fn gidcert_assert(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::from_std(gidcert(dir));
    c.timeout(std::time::Duration::from_secs(300));
    c
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code; panics when the process was killed (by a signal or a test's timeout).
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

/// The entries of `dir`, sorted (none when it does not exist).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// On Unix, `path` can be read and written by its owner only (mode 600), as every file gidcert
/// saves.
pub fn assert_owner_only(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
    }
    #[cfg(not(unix))]
    let _ = path;
}
