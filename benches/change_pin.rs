//! Re-encryption under a new PIN: gidcert's writer against `openssl pkcs12` doing the same job in
//! two commands through a temporary PEM file, at the same settings (PBES2 AES-256-CBC,
//! PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC, 200,000 iterations). Results: docs/benchmarks.md.
//!
//! Two gidcert figures: `keystore::write` alone, and `keystore::open` of the same input file plus
//! `write` (the same job as the two openssl commands, which include decrypting the input at its
//! 2,048 iterations).

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use gidcert::keystore::model::{BagAttribute, BagContent, OID_LOCAL_KEY_ID, Pkcs12, SafeBag};
use gidcert::keystore::write::{Iterations, WriteParams, write};
use gidcert::pin::Pin;

fn sh(cmd: &mut Command) {
    let out = cmd.output().expect("run openssl");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn material(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    sh(Command::new("openssl")
        .args([
            "req",
            "-new",
            "-x509",
            "-days",
            "30",
            "-subj",
            "/CN=bench",
            "-newkey",
        ])
        .args(["rsa:2048", "-nodes", "-keyout"])
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem")));
    sh(Command::new("openssl")
        .args(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in"])
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("key.der")));
    sh(Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(dir.join("cert.pem"))
        .arg("-out")
        .arg(dir.join("cert.der")));
    // The input of the openssl pipeline: OpenSSL's own default file.
    sh(Command::new("openssl")
        .args(["pkcs12", "-export", "-passout", "pass:oldpin1", "-inkey"])
        .arg(dir.join("key.pem"))
        .arg("-in")
        .arg(dir.join("cert.pem"))
        .arg("-out")
        .arg(dir.join("in.p12")));
    (
        std::fs::read(dir.join("key.der")).expect("key"),
        std::fs::read(dir.join("cert.der")).expect("cert"),
    )
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (key, cert) = material(d);
    let lkid = BagAttribute {
        oid: OID_LOCAL_KEY_ID.into(),
        values_der: vec![vec![0x04, 0x01, 0x01]],
    };
    let p12 = Pkcs12 {
        bags: vec![
            SafeBag {
                content: BagContent::Cert(cert),
                attributes: vec![lkid.clone()],
            },
            SafeBag {
                content: BagContent::Key(key.into()),
                attributes: vec![lkid],
            },
        ],
        ..Default::default()
    };
    let params = WriteParams {
        iterations: Iterations::DEFAULT,
        ..Default::default()
    };
    let pin = Pin::new("newpin22".into());
    let iter = Iterations::DEFAULT.get().to_string();

    let mut g = c.benchmark_group("change-pin 200k iterations");
    g.sample_size(10);
    g.bench_function("gidcert keystore::write", |b| {
        b.iter(|| write(&p12, &pin, &params).expect("write"))
    });
    let input = std::fs::read(d.join("in.p12")).expect("in.p12");
    let old = Pin::new("oldpin1".into());
    g.bench_function("gidcert keystore::open + write", |b| {
        b.iter(|| {
            let opened = gidcert::keystore::open(&input, &old).expect("open");
            write(&opened, &pin, &params).expect("write")
        })
    });
    g.bench_function("openssl pkcs12 (decrypt to PEM + export)", |b| {
        b.iter(|| {
            sh(Command::new("openssl")
                .args(["pkcs12", "-passin", "pass:oldpin1", "-nodes", "-in"])
                .arg(d.join("in.p12"))
                .arg("-out")
                .arg(d.join("tmp.pem")));
            sh(Command::new("openssl")
                .args([
                    "pkcs12",
                    "-export",
                    "-passout",
                    "pass:newpin22",
                    "-iter",
                    &iter,
                ])
                .args(["-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC"])
                .args(["-macalg", "sha256", "-in"])
                .arg(d.join("tmp.pem"))
                .arg("-out")
                .arg(d.join("out.p12")));
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
