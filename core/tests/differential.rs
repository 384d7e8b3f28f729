//! Differential test against `openssl pkcs12`: for every file of the committed seed corpus
//! (fuzz/seeds/open: openssl, keytool and pk12util files of every kind gidcert reads, made by
//! fuzz/make-seeds.sh) and 10,000 seeded mutations of them, gidcert's verdict agrees with
//! OpenSSL's where OpenSSL has one:
//!
//! - a file gidcert opens, OpenSSL opens (`-nodes`: MAC, every bag decrypted);
//! - a file OpenSSL opens, gidcert opens, except the documented cases below;
//! - OpenSSL's "Mac verify error" (wrong password or changed file) is gidcert's wrong PIN or
//!   damaged file, never "corrupt", "not PKCS#12" or a success.
//!
//! Where gidcert is stricter than OpenSSL, on purpose (docs/fuzzing.md): bytes after the PFX
//! (OpenSSL reads the first element and ignores the rest; gidcert calls the file damaged), and
//! non-DER encodings OpenSSL's BER reader lets through. Those are counted, and must stay rare.

use std::path::Path;
use std::process::Command;

use gidcert_core::keystore::{self, BagContent, KeystoreError};
use gidcert_core::pin::Pin;

/// Override for exploring: GIDCERT_DIFF_MUTATIONS=500.
fn mutations() -> usize {
    std::env::var("GIDCERT_DIFF_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}
const PIN: &str = "a1b2c3";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Opens,
    /// The MAC did not verify, or without a MAC the decryption failed: a wrong password or a
    /// changed file (OpenSSL does not tell them apart).
    MacFails,
    /// Anything else: unreadable, unsupported, not PKCS#12.
    Refused,
}

/// gidcert's verdict on a file as `show` sees it: the file opens, and what it holds can be used
/// (each certificate decodes as X.509 DER, each key yields its public key). `openssl pkcs12 -nodes`
/// likewise parses every certificate and key to print them.
fn gidcert_verdict(bytes: &[u8], pin: &str) -> (Verdict, Option<KeystoreError>) {
    match keystore::open(bytes, &Pin::new(pin.to_owned())) {
        Ok(p12) => {
            // Strict DER, all the way down (RustCrypto x509-cert, as the writer's types): OpenSSL
            // refuses a certificate x509-parser lets through, e.g. a SET whose length byte
            // announces 11 length octets.
            let certs_ok = p12.certificates().all(|c| {
                <pkcs12::cms::cert::x509::Certificate as der::Decode>::from_der(c).is_ok()
            });
            let keys_ok = p12.bags.iter().all(|b| match &b.content {
                BagContent::Key(k) => !matches!(
                    keystore::public_key_of(k),
                    Err(KeystoreError::Corrupt { .. })
                ),
                _ => true,
            });
            if certs_ok && keys_ok {
                (Verdict::Opens, None)
            } else {
                (
                    Verdict::Refused,
                    Some(KeystoreError::Corrupt { at: "bag content" }),
                )
            }
        }
        Err(e @ (KeystoreError::WrongPin | KeystoreError::Damaged)) => (Verdict::MacFails, Some(e)),
        Err(e) => (Verdict::Refused, Some(e)),
    }
}

fn openssl_verdict(path: &Path, pin: &str) -> (Verdict, String) {
    let out = Command::new("openssl")
        .args(["pkcs12", "-legacy", "-nodes", "-out", "/dev/null", "-in"])
        .arg(path)
        .arg("-passin")
        .arg(format!("pass:{pin}"))
        .output()
        .expect("openssl is installed (see the README's test tools)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first_error = stderr
        .lines()
        .find(|l| l.contains("error:") || l.contains("Error") || l.contains("error"))
        .unwrap_or("")
        .chars()
        .take(160)
        .collect();
    let verdict = if out.status.success() {
        Verdict::Opens
    } else if stderr.contains("Mac verify error") || stderr.contains("bad decrypt") {
        // Without a MAC, a padding failure is the only sign of a wrong password (or damage).
        Verdict::MacFails
    } else {
        Verdict::Refused
    };
    (verdict, first_error)
}

#[path = "common/mutate.rs"]
mod mutate;
use mutate::mutate;

/// What one comparison found.
#[derive(Default)]
struct Tally {
    agree: usize,
    /// OpenSSL: MAC failure; gidcert: the damage named (see `compare`).
    named_damage: usize,
    /// A changed file without a MAC on which the two disagree (see `compare`).
    unprotected_content: usize,
    /// OpenSSL opens, gidcert calls the file damaged: bytes after the PFX or a non-DER encoding.
    stricter: usize,
    disagreements: Vec<String>,
}

fn compare(label: &str, bytes: &[u8], pin: &str, no_mac: bool, dir: &Path, tally: &mut Tally) {
    let path = dir.join(format!("{}.p12", label.replace(['/', ' '], "_")));
    std::fs::write(&path, bytes).unwrap();
    let (theirs, why) = openssl_verdict(&path, pin);
    let (ours, err) = gidcert_verdict(bytes, pin);
    std::fs::remove_file(&path).unwrap();
    if ours == theirs {
        tally.agree += 1;
        return;
    }
    // OpenSSL checks the MAC before it reads what the MAC covers; gidcert reads the whole
    // structure first, so damage inside it is named (corrupt, unsupported, not PKCS#12) rather
    // than blamed on the PIN. Both refuse the file.
    if theirs == Verdict::MacFails && ours == Verdict::Refused {
        tally.named_damage += 1;
        return;
    }
    // A file without a MAC, changed: nothing vouches for its bytes, so neither side's verdict
    // on a changed certificate or content type is the truth. OpenSSL ignores the outer content
    // type and prints certificates it can parse its own way; gidcert keeps bags verbatim and
    // reads certificates strictly. Counted, and must stay rare; with a MAC there is no excuse.
    if no_mac {
        tally.unprotected_content += 1;
        return;
    }
    let stricter = theirs == Verdict::Opens
        && matches!(err, Some(KeystoreError::Corrupt { .. }))
        && is_stricter_case(bytes, pin);
    if stricter {
        tally.stricter += 1;
    } else {
        if let Ok(dump) = std::env::var("GIDCERT_DIFF_DUMP") {
            let _ = std::fs::write(Path::new(&dump).join(format!("{label}.p12")), bytes);
        }
        tally.disagreements.push(format!(
            "{label}: openssl {theirs:?} [{why}], gidcert {ours:?} ({err:?}): {}",
            hex(bytes)
        ));
    }
}

/// Whether gidcert's refusal of a file OpenSSL opens is one of the documented strict cases: the
/// file opens once cut to its first DER element (trailing bytes), or its re-encoding differs.
fn is_stricter_case(bytes: &[u8], pin: &str) -> bool {
    use der::{Decode, Encode};
    // Trailing bytes: the first element alone opens.
    if let Ok(any) = der::AnyRef::from_der_partial(bytes).map(|(a, _)| a)
        && let Ok(first) = any.to_der()
        && first.len() < bytes.len()
        && keystore::open(&first, &Pin::new(pin.to_owned())).is_ok()
    {
        return true;
    }
    // Otherwise: the file is not strict DER (e.g. a long-form length where DER wants the short
    // form); gidcert reads BER only where BER writers (NSS) put it.
    der::AnyRef::from_der(bytes).is_err()
}

fn hex(b: &[u8]) -> String {
    b.iter().take(64).map(|x| format!("{x:02x}")).collect()
}

#[test]
fn verdicts_agree_with_openssl_on_every_seed_and_10000_mutations() {
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/open");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&seeds_dir)
        .expect("fuzz/seeds/open (fuzz/make-seeds.sh)")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "p12"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 12, "{} seeds", seeds.len());
    let pin_of = |name: &str| if name.contains("empty-pin") { "" } else { PIN };

    let dir = tempfile::tempdir().unwrap();
    // Every seed as it is: both open (the corpus holds only files OpenSSL reads).
    let mut tally = Tally::default();
    // Seeds whose KDFs run more than a few rounds (Java's legacy writer and NSS ignore the
    // iteration settings: 50,000 to 600,000) are compared as they are, not mutated: each
    // mutation would cost both sides a second.
    let mut cheap = Vec::new();
    for (name, bytes) in &seeds {
        let opened = keystore::open(bytes, &Pin::new(pin_of(name).to_owned()));
        let p = opened.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let rounds = [p.protection.mac_iterations, p.protection.kdf_iterations];
        if rounds.iter().all(|r| r.unwrap_or(1) <= 2048) {
            cheap.push((name.clone(), bytes.clone(), p.protection.mac.is_none()));
        }
        let no_mac = p.protection.mac.is_none();
        compare(name, bytes, pin_of(name), no_mac, dir.path(), &mut tally);
        // And with a wrong PIN: a MAC (or decryption) failure on both sides.
        let wrong = format!("{name}-wrong");
        compare(&wrong, bytes, "wrong-pin-9", no_mac, dir.path(), &mut tally);
    }

    assert!(cheap.len() >= 10, "{} cheap seeds", cheap.len());
    // The mutations, on the two cores.
    let results: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2u64)
            .map(|worker| {
                let seeds = &cheap;
                let dir = dir.path();
                s.spawn(move || {
                    let mut rng = fastrand::Rng::with_seed(0x6469_6666 + worker);
                    let mut tally = Tally::default();
                    for i in 0..mutations() / 2 {
                        let (name, original, no_mac) = &seeds[rng.usize(..seeds.len())];
                        let v = mutate(&mut rng, original);
                        let label = format!("w{worker}-{i}-{name}");
                        compare(&label, &v, pin_of(name), *no_mac, dir, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for t in results {
        tally.agree += t.agree;
        tally.stricter += t.stricter;
        tally.named_damage += t.named_damage;
        tally.unprotected_content += t.unprotected_content;
        tally.disagreements.extend(t.disagreements);
    }
    let total = tally.agree
        + tally.named_damage
        + tally.unprotected_content
        + tally.stricter
        + tally.disagreements.len();
    eprintln!(
        "differential: {total} files, {} agree, {} damage named where openssl reports a MAC \
         failure, {} changed files without a MAC judged differently, {} where gidcert is \
         stricter, {} disagree",
        tally.agree,
        tally.named_damage,
        tally.unprotected_content,
        tally.stricter,
        tally.disagreements.len()
    );
    assert_eq!(total, 2 * seeds.len() + mutations() / 2 * 2);
    assert!(
        tally.disagreements.is_empty(),
        "{} disagreements, first ones:\n{}",
        tally.disagreements.len(),
        tally.disagreements[..tally.disagreements.len().min(15)].join("\n")
    );
    // The explained cases stay a small minority.
    assert!(tally.stricter * 20 < total, "{} stricter", tally.stricter);
    assert!(
        tally.named_damage * 10 < total,
        "{} named",
        tally.named_damage
    );
    assert!(
        tally.unprotected_content * 50 < total,
        "{} unprotected",
        tally.unprotected_content
    );
}
