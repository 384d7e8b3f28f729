//! Opening a .p12 (MAC check, every KDF, decryption, key/certificate match) beside `openssl
//! pkcs12` on the same file, at OpenSSL's default 2,048 iterations and at 600,000. The openssl
//! figures include starting the process: that is what a member would otherwise run.
//!
//! Two openssl commands, because they do different amounts of work:
//! - `openssl-noout`: `openssl pkcs12 -in f -passin pass:… -noout`, the command the issue names.
//!   `-noout` means `-nokeys -nocerts`, and with `-nokeys` OpenSSL does not decrypt the shrouded
//!   key bag at all: it derives two keys (MAC, certificate bag), gidcert three.
//! - `openssl-nodes`: `openssl pkcs12 -in f -passin pass:… -nodes -out /dev/null` verifies the MAC
//!   and decrypts both bags, the same three derivations as gidcert: the fair comparison.
//!
//! Results and ratios: docs/benchmarks.md. `cargo bench --bench open`
//!
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use gidcert::keystore;
use gidcert::pin::Pin;

const PIN: &str = "q7w8e9r0";

fn make_p12(dir: &Path, iter: u32) -> PathBuf {
    let key = dir.join("ee.key");
    let cert = dir.join("ee.crt");
    if !cert.exists() {
        run(Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .args(["-days", "1095", "-subj", "/CN=SATO HANAKO/C=JP"]));
    }
    let out = dir.join(format!("iter-{iter}.p12"));
    run(Command::new("openssl")
        .args(["pkcs12", "-export", "-inkey"])
        .arg(&key)
        .arg("-in")
        .arg(&cert)
        .args([
            "-passout",
            &format!("pass:{PIN}"),
            "-iter",
            &iter.to_string(),
        ])
        .arg("-out")
        .arg(&out));
    out
}

fn run(cmd: &mut Command) {
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success(), "{cmd:?} failed");
}

fn bench_open(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    for iter in [2_048u32, 600_000] {
        let path = make_p12(dir.path(), iter);
        let bytes = std::fs::read(&path).expect("fixture");
        let pin = Pin::new(PIN.to_owned());
        // Both must succeed before they are timed: a failing open is not a fast one.
        let p12 = keystore::open(&bytes, &pin).expect("gidcert opens the file");
        assert!(p12.end_entity().expect("end entity").key_matches);

        let mut group = c.benchmark_group(format!("open-{iter}-iterations"));
        if iter > 10_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        }
        group.bench_function("gidcert", |b| {
            b.iter(|| {
                let p = keystore::open(&bytes, &pin).expect("opens");
                p.end_entity().expect("end entity").key_matches
            })
        });
        group.bench_function("openssl-noout", |b| {
            b.iter(|| {
                run(Command::new("openssl")
                    .args(["pkcs12", "-noout", "-in"])
                    .arg(&path)
                    .args(["-passin", &format!("pass:{PIN}")]))
            })
        });
        group.bench_function("openssl-nodes", |b| {
            b.iter(|| {
                run(Command::new("openssl")
                    .args(["pkcs12", "-nodes", "-out", "/dev/null", "-in"])
                    .arg(&path)
                    .args(["-passin", &format!("pass:{PIN}")]))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_open);
criterion_main!(benches);
