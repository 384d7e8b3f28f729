//! Deterministic stand-in for the fuzz targets (fuzz/, docs/fuzzing.md) that runs with every
//! `cargo test`: 20,000 seeded mutations of a real OpenSSL file (bit flips, byte overwrites,
//! truncations, insertions, deletions, duplicated spans) go through [`sniff`] and [`open`]. None
//! may panic; `open` and `sniff` must agree about what is PKCS#12; a file cut short is never
//! called a wrong PIN; and the failures must fall into several classes (a reader that calls every
//! damage by one name would not tell the member what happened).
//!
//! The fixture has 1 KDF iteration so that 20,000 opens stay cheap: the parsing paths are the
//! same at any iteration count.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::{FileKind, KeystoreError, open, sniff};
use crate::pin::Pin;

/// The seed corpus's PIN (fuzz/make-seeds.sh).
const PIN: &str = "a1b2c3";
const VARIANTS: usize = 20_000;

/// A PKCS#12 file from `openssl pkcs12 -export` (PBES2 AES-256-CBC, SHA-256 MAC, one KDF
/// iteration), P-256 key: the committed seed fuzz/seeds/open/openssl-default.p12.
fn openssl_fixture() -> Vec<u8> {
    include_bytes!("../../../fuzz/seeds/open/openssl-default.p12").to_vec()
}

#[path = "../../tests/common/mutate.rs"]
mod mutate;
use mutate::mutate;

#[test]
fn mutated_files_never_panic_and_fail_with_a_classified_error() {
    let original = openssl_fixture();
    let pin = Pin::new(PIN.to_owned());
    // The unmutated file opens: otherwise every variant would fail for one uninteresting reason.
    let p12 = open(&original, &pin).expect("the fixture opens");
    assert!(p12.end_entity().expect("end entity").key_matches);

    let mut rng = fastrand::Rng::with_seed(0x0067_6964_6365_7274);
    let mut failed = 0usize;
    let mut classes = std::collections::BTreeMap::<&'static str, usize>::new();
    for i in 0..VARIANTS {
        let v = mutate(&mut rng, &original);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let kind = sniff(&v);
            let result = open(&v, &pin);
            if let Ok(p) = &result {
                let _ = p.end_entity();
                let _ = p.ca_certificates();
                for bag in &p.bags {
                    let _ = bag.friendly_name();
                }
            }
            (kind, result)
        }));
        let Ok((kind, result)) = outcome else {
            panic!("variant {i} panicked: {}", hex::encode(&v));
        };
        match result {
            Ok(_) => {
                assert_eq!(
                    kind,
                    FileKind::Pkcs12,
                    "variant {i} opened but sniff disagrees"
                );
            }
            Err(e) => {
                if matches!(e, KeystoreError::NotPkcs12 { .. }) {
                    assert_ne!(kind, FileKind::Pkcs12, "variant {i}: {}", hex::encode(&v));
                }
                // A truncated file is damaged, whatever the PIN: the member must not be told
                // to try another PIN on it.
                if v.len() < original.len() && original.starts_with(&v) {
                    assert_ne!(e, KeystoreError::WrongPin, "variant {i} is a truncation");
                }
                *classes.entry(class(&e)).or_default() += 1;
                failed += 1;
            }
        }
    }
    for c in ["corrupt", "damaged", "not-pkcs12"] {
        assert!(
            classes.contains_key(c),
            "no variant failed as {c}: {classes:?}"
        );
    }
    // Most variants must be refused: a reader that accepts damage would pass the loop above.
    assert!(
        failed > VARIANTS * 9 / 10,
        "only {failed} of {VARIANTS} refused"
    );
}

fn class(e: &KeystoreError) -> &'static str {
    match e {
        KeystoreError::TooLarge { .. } => "too-large",
        KeystoreError::Empty => "empty",
        KeystoreError::NotPkcs12 { .. } => "not-pkcs12",
        KeystoreError::Corrupt { .. } => "corrupt",
        KeystoreError::Damaged => "damaged",
        KeystoreError::WrongPin => "wrong-pin",
        KeystoreError::Unsupported { .. } => "unsupported",
        KeystoreError::NoPrivateKey => "no-private-key",
        KeystoreError::NoCertificate => "no-certificate",
        KeystoreError::KeyMismatch => "key-mismatch",
    }
}
