//! `gidcert download` end to end: the real binary against the mock server over real HTTPS (its own
//! CA given with --ca-cert), and against wiremock over loopback http for answers the mock server
//! cannot give.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use gidcert_mock_server::{
    Account, AttemptsState, Config, Encryption, Fault, MockServer, Scope, Times, TlsOptions,
    TlsValidity,
};

const ID: &str = "9876543210";
const PIN: &str = "q7w8e9r0";
const UID: &str = "20261121";

struct Env {
    server: MockServer,
    dir: tempfile::TempDir,
}

impl Env {
    fn start() -> Env {
        Env::with(Config::default())
    }

    fn with(config: Config) -> Env {
        let server = MockServer::start(config).expect("mock server starts");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), server.ca_pem()).unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        Env { server, dir }
    }

    fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// The exact non-interactive command of the spec, ready for more arguments.
    fn download(&self, pin: &str) -> Command {
        self.download_to(pin, &self.out())
    }

    fn download_to(&self, pin: &str, out: &Path) -> Command {
        self.download_from(&self.server.url(), pin, out)
    }

    /// The same command against another URL of the server (e.g. a host name it was not issued for).
    fn download_from(&self, url: &str, pin: &str, out: &Path) -> Command {
        let mut c = base_cmd(self.dir.path());
        c.args(["download", "--server", url, "--ca-cert"])
            .arg(self.ca())
            .args(["--id", ID, "--pin-stdin", "--out"])
            .arg(out)
            .write_stdin(format!("{pin}\n"));
        c
    }

    fn served_sha256(&self) -> [u8; 32] {
        self.server.account(ID).unwrap().sha256
    }
}

/// The binary with a clean environment: English, no config file, no proxy, no server variable.
fn base_cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("gidcert").unwrap();
    c.env("GIDCERT_CONFIG", dir.join("no-config.toml"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("GIDCERT_SERVER")
        .env_remove("RUST_LOG")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .timeout(Duration::from_secs(120));
    c
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn sha256(b: &[u8]) -> [u8; 32] {
    gidcert::fsutil::sha256(b)
}

/// Runs and asserts success; returns the one saved file.
fn download_ok(env: &Env, extra: &[&str]) -> (Output, PathBuf) {
    let before = files(&env.out());
    let o = env.download(PIN).args(extra).output().unwrap();
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let after = files(&env.out());
    let new: Vec<_> = after.into_iter().filter(|p| !before.contains(p)).collect();
    assert_eq!(new.len(), 1, "one new file: {new:?}");
    (o, new[0].clone())
}

fn assert_nothing_saved(env: &Env) {
    assert!(files(&env.out()).is_empty(), "{:?}", files(&env.out()));
}

// ---- the main path -----------------------------------------------------------------------------

#[test]
fn legacy_file_downloads_checks_saves_and_confirms() {
    let env = Env::start();
    let (o, file) = download_ok(&env, &["--expect-uid", UID]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(
        sha256(&bytes),
        env.served_sha256(),
        "saved exactly what was served"
    );
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&format!("{UID}_"))
            && name.ends_with(".p12")
            && name.len() == 8 + 1 + 14 + 4,
        "{name}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let out = stdout(&o);
    let err = stderr(&o);
    assert!(out.contains("SATO HANAKO"), "{out}");
    assert!(out.contains("SECOM Passport for G-ID"), "{out}");
    assert!(out.contains("download it again until"), "{out}");
    assert!(
        err.contains("The certificate file has been saved."),
        "{err}"
    );
    assert!(err.contains("Back up the file now"), "{err}");
    assert!(err.contains("receipt"), "{err}");
    let state = env.server.account(ID).unwrap();
    assert_eq!(state.receipts, 1, "receipt confirmed: {err}");
    assert_eq!(state.started_downloads, 1, "one attempt was enough");
}

#[test]
fn modern_file_downloads_and_japanese_messages() {
    let mut acc = Account::demo();
    acc.encryption = Encryption::Modern;
    let env = Env::with(Config {
        accounts: vec![acc],
        ..Config::default()
    });
    let o = env
        .download(PIN)
        .args(["--expect-uid", UID, "--lang", "ja"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("電子証明書の保存が完了しました。"));
    assert!(stdout(&o).contains("発行者"));
    let saved = files(&env.out());
    assert_eq!(saved.len(), 1);
    assert_eq!(
        sha256(&std::fs::read(&saved[0]).unwrap()),
        env.served_sha256()
    );
}

#[test]
fn json_output_is_one_object_and_backup_is_made() {
    let env = Env::start();
    let backup = env.dir.path().join("usb");
    std::fs::create_dir(&backup).unwrap();
    let o = env
        .download(PIN)
        .args(["--json", "--expect-uid", UID, "--backup-to"])
        .arg(&backup)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is one JSON value");
    let file = PathBuf::from(v["file"].as_str().unwrap());
    assert_eq!(v["sha256"], hex::encode(env.served_sha256()));
    assert_eq!(v["certificate"]["subject"]["uid"], UID);
    assert!(v["delete_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(v["receipt_confirmed"], true);
    let b = PathBuf::from(v["backup"].as_str().unwrap());
    assert_eq!(b.parent().unwrap(), backup);
    assert_eq!(std::fs::read(&b).unwrap(), std::fs::read(&file).unwrap());
}

#[test]
fn redownload_within_the_hour() {
    let env = Env::start();
    let (_, first) = download_ok(&env, &[]);
    env.server.advance_clock(Duration::from_secs(30 * 60));
    let (_, second) = download_ok(&env, &["--file-name", "again.p12"]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn deleted_by_the_real_server_an_hour_after_the_first_download() {
    let env = Env::start();
    let (_, _first) = download_ok(&env, &[]);
    let state = env.server.account(ID).unwrap();
    assert_eq!(
        state.complete_downloads, 1,
        "the mock recorded the complete download"
    );
    env.server.advance_clock(Duration::from_secs(60 * 60 + 1));
    let o = env
        .download(PIN)
        .args(["--file-name", "late.p12"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 23, "{}", stderr(&o));
    assert!(stderr(&o).contains("deleted"), "{}", stderr(&o));
    assert!(!env.out().join("late.p12").exists());
}

#[test]
fn revoked_after_thirty_days() {
    let env = Env::start();
    env.server
        .advance_clock(Duration::from_secs(31 * 24 * 3600));
    let o = env.download(PIN).output().unwrap();
    assert_eq!(code(&o), 24, "{}", stderr(&o));
    assert!(stderr(&o).contains("revoked"));
    assert!(stderr(&o).contains("司法書士会"), "says whom to contact");
    assert_nothing_saved(&env);
}

// ---- login failures ----------------------------------------------------------------------------

#[test]
fn wrong_pin_locked_blocked() {
    let env = Env::with(Config {
        rate_limit: None,
        ..Config::default()
    });
    let o = env.download("wrongpin").output().unwrap();
    assert_eq!(code(&o), 20, "{}", stderr(&o));
    assert!(stderr(&o).contains("5 attempt(s) left"), "{}", stderr(&o));
    assert_eq!(
        env.server.attempts(ID).consecutive_failures,
        1,
        "not retried"
    );

    for lock in 1..=3 {
        let mut last = None;
        for _ in 0..6 {
            last = Some(env.download("wrongpin").output().unwrap());
        }
        let o = last.unwrap();
        if lock < 3 {
            assert_eq!(code(&o), 21, "lock {lock}: {}", stderr(&o));
            assert!(stderr(&o).contains("locked until"), "{}", stderr(&o));
            // Locked: even the right PIN is refused, and is not retried.
            let o = env.download(PIN).output().unwrap();
            assert_eq!(code(&o), 21, "{}", stderr(&o));
            env.server.advance_clock(Duration::from_secs(61 * 60));
        } else {
            assert_eq!(code(&o), 22, "{}", stderr(&o));
            assert!(stderr(&o).contains("司法書士会"));
        }
    }
    assert_nothing_saved(&env);
}

// ---- injected faults ---------------------------------------------------------------------------

#[test]
fn server_errors_are_retried_then_succeed() {
    let env = Env::start();
    env.server.inject(
        Fault::Status {
            status: 503,
            retry_after: Some(0),
        },
        Scope::Global,
        Times::Next(2),
    );
    env.server.inject(
        Fault::Status {
            status: 500,
            retry_after: Some(0),
        },
        Scope::Global,
        Times::Next(1),
    );
    download_ok(&env, &[]);
}

#[test]
fn server_error_forever_gives_up_after_four_attempts() {
    let env = Env::start();
    env.server.inject(
        Fault::Status {
            status: 503,
            retry_after: Some(0),
        },
        Scope::Global,
        Times::UntilCleared,
    );
    let o = env.download(PIN).output().unwrap();
    assert_eq!(code(&o), 25, "{}", stderr(&o));
    assert!(stderr(&o).contains("after 4 attempt(s)"), "{}", stderr(&o));
    assert_nothing_saved(&env);
}

#[test]
fn a_long_retry_after_is_reported_not_waited() {
    let env = Env::start();
    env.server.inject(
        Fault::Status {
            status: 503,
            retry_after: Some(3600),
        },
        Scope::Global,
        Times::UntilCleared,
    );
    let o = env.download(PIN).output().unwrap();
    assert_eq!(code(&o), 25, "{}", stderr(&o));
    assert!(stderr(&o).contains("3600 seconds"), "{}", stderr(&o));
}

#[test]
fn reset_mid_body_is_retried() {
    let env = Env::start();
    env.server
        .inject(Fault::ResetMidBody, Scope::Global, Times::Next(1));
    download_ok(&env, &[]);
}

#[test]
fn reset_every_time_is_a_network_error() {
    let env = Env::start();
    env.server
        .inject(Fault::ResetMidBody, Scope::Global, Times::UntilCleared);
    let o = env.download(PIN).output().unwrap();
    assert_eq!(code(&o), 26, "{}", stderr(&o));
    assert_nothing_saved(&env);
}

#[test]
fn bad_answers_are_never_saved() {
    for (fault, exit, words) in [
        (Fault::TruncateBody, 26, "connection broke"),
        (Fault::WrongDigest, 25, "SHA-256"),
        (Fault::HtmlPage, 25, "text/html"),
        (Fault::OversizedBody, 25, "larger than a certificate file"),
    ] {
        let env = Env::start();
        env.server
            .inject(fault.clone(), Scope::Global, Times::UntilCleared);
        let o = env.download(PIN).output().unwrap();
        assert_eq!(code(&o), exit, "{fault:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(words), "{fault:?}: {}", stderr(&o));
        assert_nothing_saved(&env);
        assert!(
            files(env.dir.path()).iter().all(|p| !p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".gidcert-")),
            "no temporary file"
        );
    }
}

// ---- certificate checks, TLS, saving -----------------------------------------------------------

#[test]
fn uid_mismatch_saves_nothing() {
    let env = Env::start();
    let o = env
        .download(PIN)
        .args(["--expect-uid", "99999999"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 10, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("99999999") && err.contains(UID), "{err}");
    assert!(err.contains("Nothing was saved"), "{err}");
    assert_nothing_saved(&env);
}

#[test]
fn without_the_ca_the_server_is_not_trusted() {
    let env = Env::start();
    let mut c = base_cmd(env.dir.path());
    let o = c
        .args([
            "download",
            "--server",
            &env.server.url(),
            "--id",
            ID,
            "--pin-stdin",
            "--out",
        ])
        .arg(env.out())
        .write_stdin(format!("{PIN}\n"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 26, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not issued by a trusted certificate authority"),
        "{}",
        stderr(&o)
    );
    assert_nothing_saved(&env);
    assert_eq!(
        env.server.account(ID).unwrap().started_downloads,
        0,
        "the PIN never left the machine"
    );
}

/// No request reached the server: the PIN was never sent (with the right PIN, any request that
/// got through would count as a started download; with a wrong one, as a failed attempt).
fn assert_no_request_reached(env: &Env) {
    let state = env.server.account(ID).unwrap();
    assert_eq!(state.started_downloads, 0, "the PIN never left the machine");
    assert_eq!(state.complete_downloads, 0);
    assert_eq!(state.receipts, 0);
    assert_eq!(state.attempts, AttemptsState::default());
}

/// A server whose certificate is signed by the CA given with --ca-cert but is wrong otherwise.
fn env_with_tls(tls: TlsOptions) -> Env {
    Env::with(Config {
        tls,
        ..Config::default()
    })
}

/// Every way a server certificate can be wrong although its CA is the one given: refused with
/// exit 26 before the PIN is sent, with the failure's own words (en and ja) and advice, and as
/// its own `kind` in --json.
#[test]
fn a_wrong_server_certificate_is_refused_before_the_pin_is_sent() {
    struct Case {
        tls: TlsOptions,
        /// Also reach the server by this DNS name (the certificate names neither it nor the IP).
        by_name: bool,
        en: &'static [&'static str],
        ja: &'static [&'static str],
        kind: &'static str,
    }
    let cases = [
        Case {
            tls: TlsOptions {
                names: vec!["gid.example.jp".into(), "192.0.2.7".into()],
                ..TlsOptions::default()
            },
            by_name: true,
            en: &["not issued for this host name", "Never work around this"],
            ja: &["回避しないでください"],
            kind: "tls-wrong-host",
        },
        Case {
            tls: TlsOptions {
                validity: TlsValidity::Expired,
                ..TlsOptions::default()
            },
            by_name: false,
            en: &["has expired", "date and time"],
            ja: &["有効期間外", "回避しないでください"],
            kind: "tls-expired",
        },
        Case {
            tls: TlsOptions {
                validity: TlsValidity::NotYetValid,
                ..TlsOptions::default()
            },
            by_name: false,
            en: &["not yet valid"],
            ja: &["回避しないでください"],
            kind: "tls-not-yet-valid",
        },
    ];
    for case in cases {
        let env = env_with_tls(case.tls);
        let port = env.server.local_addr().port();
        let mut urls = vec![env.server.url()];
        if case.by_name {
            urls.push(format!("https://localhost:{port}"));
        }
        for url in urls {
            for (lang, words) in [("en", case.en), ("ja", case.ja)] {
                let o = env
                    .download_from(&url, PIN, &env.out())
                    .args(["--lang", lang])
                    .output()
                    .unwrap();
                let err = stderr(&o);
                assert_eq!(code(&o), 26, "{} {url} {lang}: {err}", case.kind);
                for w in words {
                    assert!(
                        err.contains(w),
                        "{} {lang}: {w:?} missing in {err}",
                        case.kind
                    );
                }
                assert!(!err.contains(PIN), "{err}");
                assert_nothing_saved(&env);
                assert_no_request_reached(&env);
            }
            // --json: the same refusal, machine-readable, and nothing else on stdout.
            let o = env
                .download_from(&url, PIN, &env.out())
                .arg("--json")
                .output()
                .unwrap();
            assert_eq!(code(&o), 26, "{}", stderr(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
            assert_eq!(v["error"]["kind"], case.kind, "{v}");
            assert_no_request_reached(&env);
        }
    }
}

#[test]
fn a_ca_cert_file_without_a_certificate_is_a_configuration_error() {
    let env = Env::start();
    let dir = env.dir.path();
    let pem = env.server.ca_pem();
    let der = {
        use base64::Engine as _;
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    };
    let key_only =
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
    let cases: [(&str, Vec<u8>); 4] = [
        // What a user may have been given as "the CA certificate": DER, not PEM.
        ("ca.der", der),
        ("notes.txt", b"the association's CA certificate\n".to_vec()),
        ("key.pem", key_only.as_bytes().to_vec()),
        ("empty.pem", Vec::new()),
    ];
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = base_cmd(dir)
            .args(["download", "--server", &env.server.url(), "--ca-cert"])
            .arg(&path)
            .args(["--id", ID, "--pin-stdin", "--out"])
            .arg(env.out())
            .write_stdin(format!("{PIN}\n"))
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(code(&o), 27, "{name}: {err}");
        assert!(
            err.contains(name),
            "{name}: the message names the file: {err}"
        );
        assert!(err.contains("no PEM certificate"), "{name}: {err}");
        assert!(err.contains("-----BEGIN CERTIFICATE-----"), "{name}: {err}");
        assert_nothing_saved(&env);
        assert_no_request_reached(&env);
    }
}

#[test]
fn a_missing_or_broken_ca_cert_file_is_a_configuration_error() {
    let env = Env::start();
    let dir = env.dir.path();
    let broken = dir.join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let missing = dir.join("no-such.pem");
    for path in [&broken, &missing] {
        let o = base_cmd(dir)
            .args(["download", "--server", &env.server.url(), "--ca-cert"])
            .arg(path)
            .args(["--id", ID, "--pin-stdin", "--out"])
            .arg(env.out())
            .write_stdin(format!("{PIN}\n"))
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(code(&o), 27, "{}: {err}", path.display());
        assert!(err.contains("cannot be used"), "{err}");
        assert_nothing_saved(&env);
        assert_no_request_reached(&env);
    }
}

#[test]
fn a_bad_destination_is_refused_before_any_request() {
    let env = Env::start();
    let missing = env.dir.path().join("no-such-folder");
    let o = env.download_to(PIN, &missing).output().unwrap();
    assert_eq!(code(&o), 30, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("does not exist"), "{err}");
    assert!(!missing.exists(), "the folder was not created");
    // Checked before the download: the deletion clock has not started, no attempt was used.
    let state = env.server.account(ID).unwrap();
    assert_eq!(state.started_downloads, 0, "{err}");
    assert!(state.first_complete_at.is_none());

    // A read-only folder (meaningless for root, who may write anyway).
    let ro = env.dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).unwrap();
        if std::fs::write(ro.join("probe"), b"x").is_err() {
            let o = env.download_to(PIN, &ro).output().unwrap();
            assert_eq!(code(&o), 30, "{}", stderr(&o));
            assert!(files(&ro).is_empty());
            assert_eq!(env.server.account(ID).unwrap().started_downloads, 0);
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o700)).unwrap();
    }

    download_ok(&env, &[]);
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let env = Env::start();
    let target = env.out().join("mine.p12");
    std::fs::write(&target, b"precious").unwrap();
    let o = env
        .download(PIN)
        .args(["--file-name", "mine.p12"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 31, "{}", stderr(&o));
    assert!(stderr(&o).contains("download it again until"));
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");

    let o = env
        .download(PIN)
        .args(["--file-name", "mine.p12", "--force"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        sha256(&std::fs::read(&target).unwrap()),
        env.served_sha256()
    );

    let o = env
        .download(PIN)
        .args(["--file-name", "../escape.p12"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 41, "{}", stderr(&o));
}

#[test]
fn the_pin_never_appears_in_any_output() {
    let env = Env::start();
    let o = env
        .download(PIN)
        .args(["-vv", "--expect-uid", UID])
        .env("RUST_LOG", "trace")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("TRACE"), "trace logging was on");
    assert!(!all.contains(PIN), "the PIN leaked");
    assert!(!all.contains(ID), "the identification number leaked");

    // A failing run too (wrong PIN, with the error path).
    let o = env
        .download("zz9secretzz")
        .args(["-vv"])
        .env("RUST_LOG", "trace")
        .output()
        .unwrap();
    assert_eq!(code(&o), 20);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(!all.contains("zz9secretzz"));
}

// ---- configuration and input -------------------------------------------------------------------

#[test]
fn no_server_names_all_three_sources() {
    let dir = tempfile::tempdir().unwrap();
    let o = base_cmd(dir.path())
        .args(["download", "--id", ID, "--pin-stdin", "--out"])
        .arg(dir.path())
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(code(&o), 27, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("--server")
            && err.contains("GIDCERT_SERVER")
            && err.contains("configuration file"),
        "{err}"
    );
}

#[test]
fn server_from_environment_and_plain_http_refused() {
    let env = Env::start();
    let mut c = base_cmd(env.dir.path());
    c.env("GIDCERT_SERVER", env.server.url())
        .args(["download", "--ca-cert"])
        .arg(env.ca())
        .args(["--id", ID, "--pin-stdin", "--out"])
        .arg(env.out())
        .write_stdin(format!("{PIN}\n"));
    let o = c.output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = base_cmd(env.dir.path())
        .args([
            "download",
            "--server",
            "http://dl.example.jp",
            "--id",
            ID,
            "--pin-stdin",
        ])
        .write_stdin(format!("{PIN}\n"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 27, "{}", stderr(&o));
    assert!(stderr(&o).contains("not HTTPS"));
}

#[test]
fn missing_values_without_a_terminal_name_the_flags() {
    let env = Env::start();
    let o = base_cmd(env.dir.path())
        .args([
            "download",
            "--server",
            &env.server.url(),
            "--pin-stdin",
            "--out",
        ])
        .arg(env.out())
        .write_stdin(format!("{PIN}\n"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 41, "{}", stderr(&o));
    assert!(stderr(&o).contains("--id"));

    let o = base_cmd(env.dir.path())
        .args([
            "download",
            "--server",
            &env.server.url(),
            "--id",
            ID,
            "--out",
        ])
        .arg(env.out())
        .output()
        .unwrap();
    assert_eq!(code(&o), 41, "{}", stderr(&o));
    assert!(stderr(&o).contains("--pin-stdin"), "{}", stderr(&o));
    assert_eq!(env.server.account(ID).unwrap().started_downloads, 0);
}

#[test]
fn no_proxy_bypasses_a_dead_proxy() {
    let env = Env::start();
    let o = env
        .download(PIN)
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

// ---- answers only wiremock can give ------------------------------------------------------------

fn wiremock_run<F>(setup: F, check: impl FnOnce(&Output, &[wiremock::Request]))
where
    F: FnOnce(
        &wiremock::MockServer,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>>,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(wiremock::MockServer::start());
    rt.block_on(setup(&server));
    let dir = tempfile::tempdir().unwrap();
    let o = base_cmd(dir.path())
        .args([
            "download",
            "--server",
            &server.uri(),
            "--id",
            ID,
            "--pin-stdin",
            "--out",
        ])
        .arg(dir.path())
        .write_stdin(format!("{PIN}\n"))
        .output()
        .unwrap();
    let reqs = rt.block_on(server.received_requests()).unwrap_or_default();
    check(&o, &reqs);
    assert!(
        files(dir.path())
            .iter()
            .all(|p| p.file_name().unwrap() == "no-config.toml"),
        "nothing saved"
    );
}

#[test]
fn rate_limit_with_long_retry_after_is_not_waited() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};
    wiremock_run(
        |s| {
            Box::pin(
                Mock::given(method("POST"))
                    .and(path("/v1/certificate"))
                    .respond_with(
                        ResponseTemplate::new(429)
                            .insert_header("Retry-After", "120")
                            .set_body_raw(
                                r#"{"type":"urn:gidcert:problem:rate-limited","title":"x","status":429}"#,
                                "application/problem+json",
                            ),
                    )
                    .mount(s),
            )
        },
        |o, reqs| {
            assert_eq!(code(o), 25, "{}", stderr(o));
            assert!(stderr(o).contains("120 seconds"), "{}", stderr(o));
            assert_eq!(reqs.len(), 1);
            // The request is the documented JSON, with the credentials in the body only.
            let body: serde_json::Value = serde_json::from_slice(&reqs[0].body).unwrap();
            assert_eq!(body["identification_number"], ID);
            assert!(!reqs[0].url.as_str().contains(PIN));
        },
    );
}

#[test]
fn an_error_page_instead_of_a_problem_is_a_bad_answer() {
    use wiremock::matchers::method;
    use wiremock::{Mock, ResponseTemplate};
    wiremock_run(
        |s| {
            Box::pin(
                Mock::given(method("POST"))
                    .respond_with(
                        ResponseTemplate::new(403).set_body_raw("<html>denied</html>", "text/html"),
                    )
                    .mount(s),
            )
        },
        |o, reqs| {
            assert_eq!(code(o), 25, "{}", stderr(o));
            assert!(stderr(o).contains("without a valid error description"));
            assert_eq!(reqs.len(), 1, "403 is never retried");
        },
    );
}

#[test]
fn missing_deletion_time_and_bad_digest_header() {
    use wiremock::matchers::method;
    use wiremock::{Mock, ResponseTemplate};
    // A body that would pass every other check: right type, length and digest, no Gid-Delete-At.
    let body = b"not really pkcs12".to_vec();
    let digest = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(sha256(&body))
    };
    let b2 = body.clone();
    wiremock_run(
        move |s| {
            Box::pin(
                Mock::given(method("POST"))
                    .respond_with(
                        ResponseTemplate::new(200)
                            .insert_header("Repr-Digest", format!("sha-256=:{digest}:").as_str())
                            .set_body_raw(b2, "application/pkcs12"),
                    )
                    .mount(s),
            )
        },
        |o, _| {
            assert_eq!(code(o), 25, "{}", stderr(o));
            assert!(stderr(o).contains("Gid-Delete-At"), "{}", stderr(o));
        },
    );
    wiremock_run(
        move |s| {
            Box::pin(
                Mock::given(method("POST"))
                    .respond_with(
                        ResponseTemplate::new(200)
                            .insert_header("Gid-Delete-At", "2030-01-01T00:00:00Z")
                            .set_body_raw(body, "application/pkcs12"),
                    )
                    .mount(s),
            )
        },
        |o, _| {
            assert_eq!(code(o), 25, "{}", stderr(o));
            assert!(stderr(o).contains("Repr-Digest"), "{}", stderr(o));
        },
    );
}

#[test]
fn deleted_after_the_hour() {
    // The mock server cannot reach this state yet (see the report); the answer is the protocol's.
    use wiremock::matchers::method;
    use wiremock::{Mock, ResponseTemplate};
    wiremock_run(
        |s| {
            Box::pin(
                Mock::given(method("POST"))
                    .respond_with(ResponseTemplate::new(410).set_body_raw(
                        r#"{"type":"urn:gidcert:problem:deleted","title":"Deleted","status":410,"deleted_at":"2026-11-21T06:42:07Z"}"#,
                        "application/problem+json",
                    ))
                    .mount(s),
            )
        },
        |o, reqs| {
            assert_eq!(code(o), 23, "{}", stderr(o));
            let err = stderr(o);
            assert!(
                err.contains("deleted the certificate file at 2026-11-21"),
                "{err}"
            );
            assert!(err.contains("reissued"), "{err}");
            assert_eq!(reqs.len(), 1, "410 is never retried");
        },
    );
}

/// `--ca-cert` is the only trust for the server, not an addition to the system's: with the mock's
/// CA in the system store (rustls-native-certs reads `SSL_CERT_FILE`) and another CA given, the
/// server is refused before the PIN is sent; without `--ca-cert` the system store accepts it.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn ca_cert_replaces_the_system_store_instead_of_adding_to_it() {
    let env = Env::start();
    let dir = env.dir.path();
    let other = {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        p.self_signed(&key).unwrap().pem()
    };
    std::fs::write(dir.join("other-ca.pem"), other).unwrap();
    let cmd = |ca: Option<&str>| {
        let mut c = base_cmd(dir);
        c.args(["download", "--server", &env.server.url()]);
        if let Some(ca) = ca {
            c.arg("--ca-cert").arg(dir.join(ca));
        }
        c.args(["--id", ID, "--pin-stdin", "--out"])
            .arg(env.out())
            .env("SSL_CERT_FILE", env.ca())
            .env_remove("SSL_CERT_DIR")
            .write_stdin(format!("{PIN}\n"));
        c
    };

    let o = cmd(Some("other-ca.pem")).output().unwrap();
    let err = stderr(&o);
    assert_eq!(code(&o), 26, "{err}");
    assert!(err.contains("--ca-cert"), "{err}");
    assert!(!err.contains(PIN), "{err}");
    assert_nothing_saved(&env);
    assert_no_request_reached(&env);

    let o = cmd(None).output().unwrap();
    assert_eq!(
        code(&o),
        0,
        "the system store trusts the mock: {}",
        stderr(&o)
    );
    assert_eq!(files(&env.out()).len(), 1);
}
