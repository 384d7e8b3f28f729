//! The mock server over real HTTPS (reqwest + rustls/ring, trusting only its test root), and the
//! files it serves opened with p12-keystore and OpenSSL.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use gidcert_mock_server::{
    Account, AttemptsState, Chaos, Config, Encryption, Fault, MockServer, Scope, Times,
};
use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use reqwest::blocking::{Client, Response};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::{date, datetime};

const ID: &str = "9876543210";
const PIN: &str = "q7w8e9r0";
/// A fixed, frozen start: every instant the server announces is known to the second.
const T0: OffsetDateTime = datetime!(2026-11-21 03:00 UTC);

fn modern() -> Account {
    Account {
        id: "M2".into(),
        pin: "modernpin".into(),
        user_id: "20260002".into(),
        name: "SUZUKI ICHIRO".into(),
        notice_mailed: Some(date!(2026 - 11 - 10)),
        encryption: Encryption::Modern,
    }
}

fn config() -> Config {
    Config {
        accounts: vec![Account {
            notice_mailed: Some(date!(2026 - 11 - 01)),
            ..Account::demo()
        }],
        rate_limit: None,
        clock_start: Some(T0),
        frozen_clock: true,
        ..Config::default()
    }
}

fn start(config: Config) -> MockServer {
    MockServer::start(config).expect("the server starts")
}

/// A client that trusts only the server's test TLS root.
fn client_for(root_pem: &[u8]) -> Client {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(root_pem) {
        roots.add(cert.expect("PEM")).expect("root");
    }
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_root_certificates(roots)
    .with_no_client_auth();
    Client::builder()
        .tls_backend_preconfigured(tls)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

fn client(server: &MockServer) -> Client {
    client_for(server.ca_pem().as_bytes())
}

fn post(c: &Client, server: &MockServer, path: &str, body: &Value) -> reqwest::Result<Response> {
    c.post(format!("{}{path}", server.url()))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
}

fn download(c: &Client, server: &MockServer, id: &str, pin: &str) -> Response {
    post(
        c,
        server,
        "/v1/certificate",
        &json!({"identification_number": id, "pin": pin}),
    )
    .expect("an answer")
}

fn receipt(c: &Client, server: &MockServer, pin: &str, sha256: &str) -> Response {
    post(
        c,
        server,
        "/v1/certificate/receipt",
        &json!({"identification_number": ID, "pin": pin, "sha256": sha256}),
    )
    .expect("an answer")
}

/// The server binary.
const BINARY: &str = env!("CARGO_BIN_EXE_gidcert-mock-server");

/// Starts `cmd` (the server binary) with stdout piped; returns it and its first line.
fn spawn_binary(cmd: &mut std::process::Command) -> (std::process::Child, String) {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("line");
    (child, line)
}

/// Status, headers except Date, and body.
fn snapshot(r: Response) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let status = r.status().as_u16();
    let mut headers: Vec<(String, String)> = r
        .headers()
        .iter()
        .filter(|(k, _)| *k != "date")
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_owned()))
        .collect();
    headers.sort();
    (status, headers, r.bytes().expect("body").to_vec())
}

fn header(r: &Response, name: &str) -> String {
    r.headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .to_str()
        .expect("ASCII")
        .to_owned()
}

fn problem(r: Response, status: u16, kind: &str) -> Value {
    assert_eq!(r.status().as_u16(), status);
    assert_eq!(header(&r, "content-type"), "application/problem+json");
    assert_eq!(header(&r, "cache-control"), "no-store");
    let v: Value = serde_json::from_slice(&r.bytes().expect("body")).expect("problem JSON");
    assert_eq!(v["type"], format!("urn:gidcert:problem:{kind}"));
    assert_eq!(v["status"], status);
    assert!(v["title"].is_string());
    v
}

fn digest_header(body: &[u8]) -> String {
    format!(
        "sha-256=:{}:",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body))
    )
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).expect("format")
}

/// Checks a `200` file answer and returns its body.
fn check_file_answer(r: Response) -> (Vec<u8>, String) {
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(header(&r, "content-type"), "application/pkcs12");
    assert_eq!(header(&r, "cache-control"), "no-store");
    let declared: usize = header(&r, "content-length").parse().expect("length");
    let digest = header(&r, "repr-digest");
    let delete_at = header(&r, "gid-delete-at");
    OffsetDateTime::parse(&delete_at, &Rfc3339).expect("Gid-Delete-At is RFC 3339");
    assert!(delete_at.ends_with('Z'));
    let body = r.bytes().expect("body").to_vec();
    assert_eq!(body.len(), declared);
    assert_eq!(digest, digest_header(&body));
    (body, delete_at)
}

#[test]
fn downloads_legacy_and_modern_files_that_open_with_the_pin() {
    let mut cfg = config();
    cfg.accounts.push(modern());
    let server = start(cfg);
    let c = client(&server);
    for (account, legacy) in [(Account::demo(), true), (modern(), false)] {
        let (body, delete_at) = check_file_answer(download(&c, &server, &account.id, &account.pin));
        assert_eq!(delete_at, "2026-11-21T04:00:00Z");
        let state = server.account(&account.id).expect("account");
        assert_eq!(body, state.pkcs12);
        assert_eq!(state.history.complete_downloads, 1);
        assert_eq!(state.history.first_complete_at, Some(T0));

        // p12-keystore reads it with the PIN (and not without it).
        let store =
            KeyStore::from_pkcs12(&body, &account.pin, Pkcs12ImportPolicy::Strict).expect("opens");
        assert!(KeyStore::from_pkcs12(&body, "wrong", Pkcs12ImportPolicy::Strict).is_err());
        let (alias, chain) = store.private_key_chain().expect("a key with its chain");
        assert!(alias.contains(&account.name), "friendly name {alias}");
        assert_eq!(chain.local_key_id().0, sha1_of(chain.certs()[0].as_der()));
        assert_eq!(chain.certs().len(), 2);
        assert_eq!(chain.certs()[1].as_der(), server.issuer_ca_der());
        assert_eq!(chain.certs()[0].as_der(), state.cert_der);

        let (_, cert) =
            x509_parser::parse_x509_certificate(chain.certs()[0].as_der()).expect("X.509");
        let (_, ca) = x509_parser::parse_x509_certificate(server.issuer_ca_der()).expect("CA");
        assert_eq!(
            cert.subject().to_string(),
            format!(
                "C=JP, O=Japan Federation of Shiho-shoshi Lawyer's Associations, CN={}, uid={}",
                account.name, account.user_id
            )
        );
        let uid = cert
            .subject()
            .iter_attributes()
            .find(|a| a.attr_type().to_id_string() == "0.9.2342.19200300.100.1.1")
            .expect("a UID attribute");
        assert_eq!(uid.as_str().expect("a string"), account.user_id);
        assert_eq!(
            cert.issuer().to_string(),
            "C=JP, O=SECOM Trust Systems CO.,LTD., CN=SECOM Passport for G-ID"
        );
        assert_eq!(cert.issuer(), ca.subject());
        assert_eq!(cert.validity().not_before.to_datetime(), T0);
        assert_eq!(
            cert.validity().not_after.to_datetime(),
            datetime!(2031-11-20 03:00 UTC)
        );
        let ku = cert.key_usage().expect("ok").expect("key usage").value;
        assert!(ku.digital_signature() && ku.non_repudiation() && !ku.key_cert_sign());
        assert_eq!(
            cert.public_key().algorithm.algorithm,
            x509_parser::oid_registry::OID_PKCS1_RSAENCRYPTION
        );
        let key_bits = match cert.public_key().parsed().expect("key") {
            x509_parser::public_key::PublicKey::RSA(rsa) => rsa.key_size(),
            other => panic!("not RSA: {other:?}"),
        };
        assert_eq!(key_bits, 2048);

        openssl_reads(&body, &account.pin, legacy);
    }
}

fn sha1_of(data: &[u8]) -> Vec<u8> {
    use sha1::Digest as _;
    sha1::Sha1::digest(data).to_vec()
}

/// `openssl pkcs12 -info -noout` reads the file with the PIN and names the expected algorithms.
fn openssl_reads(body: &[u8], pin: &str, legacy: bool) {
    let dir = std::env::temp_dir().join(format!("gidcert-mock-{}-{}", std::process::id(), legacy));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("cert.p12");
    std::fs::write(&file, body).expect("write");
    let run = |extra: &[&str], pass: &str| {
        let mut cmd = std::process::Command::new("openssl");
        cmd.args(["pkcs12", "-info", "-noout", "-in"])
            .arg(&file)
            .args(["-passin", &format!("pass:{pass}")]);
        cmd.args(extra);
        cmd.output().expect("openssl runs")
    };
    let out = if legacy {
        run(&["-legacy"], pin)
    } else {
        run(&[], pin)
    };
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "openssl: {text}");
    if legacy {
        assert!(text.contains("MAC: sha1"), "{text}");
        assert!(text.contains("pbeWithSHA1And40BitRC2-CBC"), "{text}");
        assert!(text.contains("pbeWithSHA1And3-KeyTripleDES-CBC"), "{text}");
        // OpenSSL 3 without the legacy provider cannot decrypt RC2: the file really is legacy.
        assert!(!run(&[], pin).status.success());
    } else {
        assert!(text.contains("MAC: sha256"), "{text}");
        assert!(text.contains("PBES2, PBKDF2, AES-256-CBC"), "{text}");
        assert!(
            !text.contains("RC2") && !text.contains("TripleDES"),
            "{text}"
        );
    }
    let wrong = if legacy {
        run(&["-legacy"], "wrong")
    } else {
        run(&[], "wrong")
    };
    assert!(!wrong.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn redownload_within_the_hour_then_deleted_and_receipts() {
    let server = start(config());
    let c = client(&server);
    let (body, first) = check_file_answer(download(&c, &server, ID, PIN));
    server.advance_clock(Duration::from_secs(59 * 60));
    let (again, second) = check_file_answer(download(&c, &server, ID, PIN));
    assert_eq!(first, second, "Gid-Delete-At stays the same");
    assert_eq!(body, again);
    assert_eq!(
        server
            .account(ID)
            .expect("account")
            .history
            .complete_downloads,
        2
    );

    // Receipt: the right digest is accepted, another one is not; a wrong PIN is a wrong PIN.
    let hex: String = Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let r = receipt(&c, &server, PIN, &hex);
    assert_eq!(r.status().as_u16(), 204);
    assert_eq!(header(&r, "cache-control"), "no-store");
    let other = "ab".repeat(32);
    let r = receipt(&c, &server, PIN, &other);
    problem(r, 409, "digest-mismatch");
    let r = receipt(&c, &server, "nope", &hex);
    assert_eq!(problem(r, 403, "wrong-credentials")["attempts_left"], 5);
    assert_eq!(server.account(ID).expect("account").history.receipts, 1);

    server.advance_clock(Duration::from_secs(60));
    let v = problem(download(&c, &server, ID, PIN), 410, "deleted");
    assert_eq!(v["deleted_at"], first);
    let r = receipt(&c, &server, PIN, &hex);
    problem(r, 410, "deleted");
}

#[test]
fn revoked_thirty_days_after_the_notice_without_a_download() {
    let server = start(config());
    let c = client(&server);
    // Mailed 2026-11-01: revoked at 2026-12-01 00:00 JST = 2026-11-30T15:00:00Z.
    let revoke = datetime!(2026-11-30 15:00 UTC);
    assert_eq!(
        server.account(ID).expect("account").history.revoke_at,
        revoke
    );
    server.advance_clock((revoke - T0).try_into().expect("positive"));
    let v = problem(download(&c, &server, ID, PIN), 410, "revoked");
    assert_eq!(v["revoked_at"], "2026-11-30T15:00:00Z");
    // Credentials are still checked first.
    problem(download(&c, &server, ID, "nope"), 403, "wrong-credentials");
}

#[test]
fn six_wrong_pins_lock_the_lock_lifts_the_third_blocks_and_unblock_works() {
    let server = start(config());
    let c = client(&server);
    for lock in 1..=3 {
        for left in (1..=5).rev() {
            let v = problem(download(&c, &server, ID, "wrong"), 403, "wrong-credentials");
            assert_eq!(v["attempts_left"], left);
        }
        let r = download(&c, &server, ID, "wrong");
        if lock == 3 {
            problem(r, 403, "blocked");
            break;
        }
        assert_eq!(header(&r, "retry-after"), "3600");
        let v = problem(r, 423, "locked");
        let until = rfc3339(server.now() + time::Duration::hours(1));
        assert_eq!(v["locked_until"], until);
        // Locked: the right PIN is refused too, and does not count.
        let r = download(&c, &server, ID, PIN);
        assert_eq!(header(&r, "retry-after"), "3600");
        problem(r, 423, "locked");
        server.advance_clock(Duration::from_secs(59 * 60));
        let r = download(&c, &server, ID, PIN);
        assert_eq!(header(&r, "retry-after"), "60");
        problem(r, 423, "locked");
        server.advance_clock(Duration::from_secs(60));
        // Lifted; the count starts again at zero (the loop's next wrong PIN leaves 5).
    }
    assert!(server.attempts(ID).blocked);
    problem(download(&c, &server, ID, PIN), 403, "blocked");
    server.advance_clock(Duration::from_secs(24 * 3600));
    problem(download(&c, &server, ID, PIN), 403, "blocked");
    assert!(server.unblock(ID));
    assert_eq!(server.attempts(ID), AttemptsState::default());
    check_file_answer(download(&c, &server, ID, PIN));
}

#[test]
fn an_unknown_number_looks_exactly_like_a_wrong_pin() {
    let server = start(config());
    let c = client(&server);
    for _ in 0..7 {
        let known = snapshot(download(&c, &server, ID, "wrong"));
        let unknown = snapshot(download(&c, &server, "1234567890", PIN));
        assert_eq!(known, unknown);
    }
    assert_eq!(server.attempts("1234567890"), server.attempts(ID));
    assert!(server.account("1234567890").is_none());
}

#[test]
fn concurrent_wrong_pins_never_lose_a_count() {
    let server = start(config());
    let c = client(&server);
    let lefts: BTreeSet<u64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..5)
            .map(|_| {
                s.spawn(|| {
                    let v = problem(
                        download(&c, &server, "55555", "x"),
                        403,
                        "wrong-credentials",
                    );
                    v["attempts_left"].as_u64().expect("integer")
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert_eq!(lefts, (1..=5).collect());
    assert_eq!(server.attempts("55555").consecutive_failures, 5);
    problem(download(&c, &server, "55555", "x"), 423, "locked");
}

#[test]
fn strict_requests() {
    let mut cfg = config();
    cfg.rate_limit = Some(30);
    let server = start(cfg);
    let c = client(&server);
    let url = |p: &str| format!("{}{p}", server.url());
    let creds = json!({"identification_number": ID, "pin": "wrong"});

    problem(c.get(url("/")).send().expect("answer"), 404, "not-found");
    problem(
        post(&c, &server, "/v1/certificates", &creds).expect("answer"),
        404,
        "not-found",
    );
    problem(
        post(
            &c,
            &server,
            "/v1/test/clock",
            &json!({"advance_seconds": 1}),
        )
        .expect("answer"),
        404,
        "not-found",
    );
    let r = c.get(url("/v1/certificate")).send().expect("answer");
    assert_eq!(header(&r, "allow"), "POST");
    problem(r, 405, "method-not-allowed");
    let r = c
        .post(url("/v1/certificate"))
        .header("content-type", "text/plain")
        .body(creds.to_string());
    problem(r.send().expect("answer"), 415, "unsupported-media-type");
    problem(
        c.post(url("/v1/certificate"))
            .body(creds.to_string())
            .send()
            .expect("answer"),
        415,
        "unsupported-media-type",
    );
    let big = json!({"identification_number": ID, "pin": "x".repeat(5000)});
    problem(
        post(&c, &server, "/v1/certificate", &big).expect("answer"),
        413,
        "too-large",
    );
    for bad in [
        json!({"identification_number": ID, "pin": PIN, "extra": 1}),
        json!({"identification_number": ID}),
        json!({"identification_number": "98765-43210", "pin": PIN}),
        json!({"identification_number": "", "pin": PIN}),
        json!({"identification_number": 9876543210u64, "pin": PIN}),
        json!({"identification_number": ID, "pin": ""}),
        json!([ID, PIN]),
    ] {
        problem(
            post(&c, &server, "/v1/certificate", &bad).expect("answer"),
            400,
            "bad-request",
        );
    }
    let r = c
        .post(url("/v1/certificate"))
        .header("content-type", "application/json")
        .body("{\"identification_number\":");
    let v = problem(r.send().expect("answer"), 400, "bad-request");
    assert!(!v.to_string().contains(PIN));
    let bad_hex = json!({"identification_number": ID, "pin": PIN, "sha256": "xyz"});
    problem(
        post(&c, &server, "/v1/certificate/receipt", &bad_hex).expect("answer"),
        400,
        "bad-request",
    );
    // None of these touched the attempt counter.
    assert_eq!(server.attempts(ID), AttemptsState::default());

    // Rate limit: 30 a minute per address, counted on both endpoints (12 so far).
    for _ in 0..18 {
        let r = post(&c, &server, "/v1/certificate/receipt", &bad_hex).expect("answer");
        assert_eq!(r.status().as_u16(), 400);
    }
    let r = download(&c, &server, ID, PIN);
    assert_eq!(header(&r, "retry-after"), "60");
    problem(r, 429, "rate-limited");
    server.advance_clock(Duration::from_secs(60));
    check_file_answer(download(&c, &server, ID, PIN));
}

#[test]
fn plain_http_is_not_served() {
    let server = start(config());
    let plain = Client::builder()
        .timeout(Duration::from_secs(10))
        .build_for_test();
    let url = format!("http://{}/v1/certificate", server.local_addr());
    let r = plain
        .post(url)
        .header("content-type", "application/json")
        .body("{}")
        .send();
    assert!(
        r.is_err(),
        "plain HTTP got an answer: {:?}",
        r.map(|r| r.status())
    );
    // A client that trusts some other root is refused by TLS.
    let other = start(config());
    let r = download_result(&client_for(other.ca_pem().as_bytes()), &server);
    assert!(r.is_err());
    // The G-ID CA is not a TLS anchor.
    let r = download_result(&client_for(server.issuer_ca_pem().as_bytes()), &server);
    assert!(r.is_err());
}

trait BuildForTest {
    fn build_for_test(self) -> Client;
}

impl BuildForTest for reqwest::blocking::ClientBuilder {
    /// A client without TLS setup, for plain http:// only.
    fn build_for_test(self) -> Client {
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
        self.tls_backend_preconfigured(tls).build().expect("client")
    }
}

fn download_result(c: &Client, server: &MockServer) -> reqwest::Result<Response> {
    post(
        c,
        server,
        "/v1/certificate",
        &json!({"identification_number": ID, "pin": PIN}),
    )
}

#[test]
fn every_fault_can_be_triggered_and_observed() {
    let server = start(config());
    let c = client(&server);
    let scope = || Scope::Account(ID.into());
    let state = |s: &MockServer| s.account(ID).expect("account");

    // 503 with Retry-After, then 500, each once; nothing is counted.
    server.inject(Fault::status(503, Some(7)), scope(), Times::Next(1));
    server.inject(Fault::status(500, None), Scope::Global, Times::Next(1));
    let r = download(&c, &server, ID, "wrong");
    assert_eq!(header(&r, "retry-after"), "7");
    problem(r, 503, "server-error");
    let r = download(&c, &server, ID, "wrong");
    assert!(r.headers().get("retry-after").is_none());
    problem(r, 500, "server-error");
    assert_eq!(server.attempts(ID), AttemptsState::default());

    // HTML page with 200.
    server.inject(Fault::HtmlPage, scope(), Times::Next(1));
    let r = download(&c, &server, ID, PIN);
    assert_eq!(r.status().as_u16(), 200);
    assert!(header(&r, "content-type").starts_with("text/html"));
    assert!(r.text().expect("body").contains("<html>"));

    // Oversized: over 1 MiB declared and sent.
    server.inject(Fault::OversizedBody, scope(), Times::Next(1));
    let r = download(&c, &server, ID, PIN);
    let declared: usize = header(&r, "content-length").parse().expect("number");
    assert!(declared > 1024 * 1024);
    let digest = header(&r, "repr-digest");
    let body = r.bytes().expect("body");
    assert_eq!(body.len(), declared);
    assert_eq!(digest, digest_header(&body));

    // Wrong digest: the right file, a wrong Repr-Digest, not a complete download.
    server.inject(Fault::WrongDigest, scope(), Times::Next(1));
    let r = download(&c, &server, ID, PIN);
    assert_eq!(r.status().as_u16(), 200);
    let digest = header(&r, "repr-digest");
    let body = r.bytes().expect("body");
    assert_eq!(body.to_vec(), state(&server).pkcs12);
    assert_ne!(digest, digest_header(&body));

    // Reset and truncation mid-body: the client gets an error, never the whole file.
    for fault in [Fault::ResetMidBody, Fault::TruncateBody] {
        server.inject(fault.clone(), scope(), Times::Next(1));
        let r = download(&c, &server, ID, PIN);
        assert_eq!(r.status().as_u16(), 200, "{fault:?}: headers arrive");
        let declared: usize = header(&r, "content-length").parse().expect("number");
        assert_eq!(declared, state(&server).pkcs12.len());
        let err = r.bytes().expect_err("the body must fail");
        // A reset is a TCP RST; a truncation a plain close short of Content-Length.
        assert_eq!(
            is_reset(&err),
            fault == Fault::ResetMidBody,
            "{fault:?}: {}",
            chain(&err)
        );
    }
    // A cut problem body too.
    server.inject(Fault::TruncateBody, scope(), Times::Next(1));
    let r = download(&c, &server, ID, "wrong");
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.bytes().is_err());
    check_file_answer(download(&c, &server, ID, PIN)); // also resets the wrong-PIN count

    // None of the faulted 200s counted: only the last download is complete.
    let s = state(&server);
    assert_eq!(s.history.complete_downloads, 1);
    assert_eq!(s.history.started_downloads, 4);

    // Delay: a client with a short timeout gives up; once cleared, the answer is prompt again.
    let impatient = Client::builder()
        .timeout(Duration::from_millis(300))
        .tls_backend_preconfigured(tls_config(&server))
        .build()
        .expect("client");
    let delay = server.inject(
        Fault::Delay(Duration::from_secs(3)),
        Scope::Global,
        Times::UntilCleared,
    );
    let r = download_result(&impatient, &server);
    assert!(r.expect_err("timed out").is_timeout());
    server.clear_fault(delay);
    check_file_answer(download(&c, &server, ID, PIN));

    // Scope: a fault for another account leaves this one alone; UntilCleared stays.
    server.inject(
        Fault::HtmlPage,
        Scope::Account("OTHER".into()),
        Times::UntilCleared,
    );
    check_file_answer(download(&c, &server, ID, PIN));
    for _ in 0..2 {
        let r = download(&c, &server, "OTHER", PIN);
        assert!(header(&r, "content-type").starts_with("text/html"));
    }
    server.clear_faults();
    problem(
        download(&c, &server, "OTHER", PIN),
        403,
        "wrong-credentials",
    );
}

fn tls_config(server: &MockServer) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(server.ca_pem().as_bytes()) {
        roots.add(cert.expect("PEM")).expect("root");
    }
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth()
}

#[test]
fn chaos_fails_a_share_of_requests() {
    let mut cfg = config();
    cfg.chaos = Some(Chaos {
        share: 0.5,
        seed: 7,
    });
    let server = start(cfg);
    let c = client(&server);
    let (mut ok, mut unavailable, mut reset) = (0, 0, 0);
    for _ in 0..40 {
        match download_result(&c, &server) {
            Ok(r) if r.status().as_u16() == 200 => {
                check_file_answer(r);
                ok += 1;
            }
            Ok(r) => {
                problem(r, 503, "server-error");
                unavailable += 1;
            }
            Err(_) => reset += 1,
        }
    }
    assert_eq!(unavailable + reset, server.chaos_failures());
    assert!(
        (8..=32).contains(&(unavailable + reset)),
        "{unavailable} + {reset} of 40"
    );
    assert!(
        unavailable > 0 && reset > 0 && ok > 0,
        "{ok} {unavailable} {reset}"
    );
    server.set_chaos(None);
    for _ in 0..5 {
        check_file_answer(download(&c, &server, ID, PIN));
    }
}

#[test]
fn the_binary_prints_its_listening_line_and_serves() {
    let dir = std::env::temp_dir().join(format!("gidcert-mock-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let accounts = dir.join("accounts.toml");
    std::fs::write(
        &accounts,
        "[[account]]\nid = \"A1\"\npin = \"abcd1234\"\nuser_id = \"42\"\nname = \"TANAKA JIRO\"\n\
         notice_mailed = 2020-01-01\nencryption = \"modern\"\n\n\
         [[account]]\nid = \"B2\"\npin = \"efgh5678\"\nuser_id = \"43\"\nname = \"ITO SAKURA\"\n",
    )
    .expect("write");
    let ca = dir.join("ca.pem");
    let (mut child, line) = spawn_binary(
        std::process::Command::new(BINARY)
            .args(["--listen", "127.0.0.1:0", "--test-clock", "--accounts"])
            .arg(&accounts)
            .arg("--ca-out")
            .arg(&ca)
            .stderr(std::process::Stdio::null()),
    );
    let outcome = std::panic::catch_unwind(|| {
        let url = line
            .trim_end()
            .strip_prefix("listening on ")
            .expect("the listening line")
            .to_owned();
        assert!(
            url.starts_with("https://127.0.0.1:") && !url.ends_with(":0"),
            "{line}"
        );
        let c = client_for(&std::fs::read(&ca).expect("CA written"));
        let creds = json!({"identification_number": "A1", "pin": "abcd1234"}).to_string();
        let send = |path: &str, body: String| {
            c.post(format!("{url}{path}"))
                .header("content-type", "application/json")
                .body(body)
                .send()
                .expect("answer")
        };
        // Mailed in 2020: revoked long ago, which proves the file's date was used.
        problem(send("/v1/certificate", creds.clone()), 410, "revoked");
        problem(
            send("/v1/certificate", creds.replace("A1", "A2")),
            403,
            "wrong-credentials",
        );
        let (body, _) = check_file_answer(send(
            "/v1/certificate",
            json!({"identification_number": "B2", "pin": "efgh5678"}).to_string(),
        ));
        KeyStore::from_pkcs12(&body, "efgh5678", Pkcs12ImportPolicy::Strict).expect("opens");
        let r = send(
            "/v1/test/clock",
            json!({"advance_seconds": 3600}).to_string(),
        );
        assert_eq!(r.status().as_u16(), 200);
        let v: Value = serde_json::from_slice(&r.bytes().expect("body")).expect("json");
        assert!(v["now"].is_string());
    });
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn is_reset(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(e);
    while let Some(s) = source {
        if s.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionReset)
        {
            return true;
        }
        source = s.source();
    }
    false
}

/// `MockServer` can live in a `static` or move between test threads.
#[test]
fn the_server_handle_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<MockServer>();
}

#[test]
fn the_binary_without_accounts_serves_the_demo_account_and_says_so() {
    let (mut child, line) = spawn_binary(
        std::process::Command::new(BINARY)
            .args(["--listen", "127.0.0.1:0", "--chaos", "--chaos-share", "0"])
            .stderr(std::process::Stdio::piped()),
    );
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        line.starts_with("listening on https://127.0.0.1:"),
        "{line}"
    );
    for value in [ID, PIN, "20261121", "SATO HANAKO", "chaos mode"] {
        assert!(stderr.contains(value), "stderr lacks {value}: {stderr}");
    }
    // Bad arguments are refused before anything is served.
    let bad = std::process::Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--chaos", "--chaos-share", "1.5"])
        .output()
        .expect("run");
    assert!(!bad.status.success());
    assert!(bad.stdout.is_empty());
}
