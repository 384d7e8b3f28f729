//! The PKCS#12 reader against files written by the real tools (openssl, keytool, pk12util), and
//! against every kind of bad input a member can hand it.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::path::Path;

use fixtures::{KeyAlg, PIN};
use gidcert::explain::{Exit, Explain};
use gidcert::keystore::{
    self, BagContent, FileKind, KeystoreError, LooksLike, Pkcs12, key_matches_certificate,
    public_key_of, sniff,
};
use gidcert::pin::Pin;

fn pin(s: &str) -> Pin {
    Pin::new(s.to_owned())
}

fn open_path(path: &Path, p: &str) -> Result<Pkcs12, KeystoreError> {
    keystore::open(&std::fs::read(path).unwrap(), &pin(p))
}

/// `cert_der` is the certificate `expected` (DER) in the file `expected_file`, byte for byte, and
/// its fields as read agree with what `openssl x509` says of that file.
fn assert_same_certificate(label: &str, cert_der: &[u8], expected: &[u8], expected_file: &Path) {
    assert_eq!(cert_der, expected, "{label}: certificate changed");
    assert_eq!(
        fixtures::cert_fields(cert_der),
        fixtures::openssl_x509_fields(expected_file),
        "{label}"
    );
}

/// Opens `path` and checks everything a member relies on: the key is there and matches, the
/// certificate is the one issued (byte for byte) and its fields agree with `openssl x509`, the
/// CA certificate is kept.
fn check_file(label: &str, path: &Path, p: &str, pki: &fixtures::Pki) -> Pkcs12 {
    let file = open_path(path, p).unwrap_or_else(|e| panic!("{label}: {e:?}"));
    let ee = file
        .end_entity()
        .unwrap_or_else(|e| panic!("{label}: {e:?}"));
    assert!(ee.key_matches, "{label}");
    assert!(
        key_matches_certificate(ee.key_pkcs8, ee.cert_der),
        "{label}"
    );
    assert_same_certificate(label, ee.cert_der, &pki.ee_cert_der, &pki.ee_cert);
    assert_eq!(
        ee.cert.friendly_name().as_deref(),
        Some(fixtures::FRIENDLY_NAME),
        "{label}"
    );
    assert_eq!(file.certificates().count(), 2, "{label}");
    assert_eq!(
        file.ca_certificates(),
        vec![&pki.ca_cert_der[..]],
        "{label}"
    );
    // The key's public half is the certificate's.
    let spki = public_key_of(ee.key_pkcs8).unwrap();
    assert_eq!(
        spki,
        keystore::certificate_spki(ee.cert_der).unwrap(),
        "{label}"
    );
    assert_eq!(
        sniff(&std::fs::read(path).unwrap()),
        FileKind::Pkcs12,
        "{label}"
    );
    file
}

/// (label, extra `openssl pkcs12` args, PIN, expected key protection, cert protection, MAC)
type Variant<'a> = (
    &'a str,
    &'a [&'a str],
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

#[test]
fn reads_every_openssl_variant() {
    let dir = tempfile::tempdir().unwrap();
    let pki = fixtures::pki(dir.path());
    let cases: &[Variant] = &[
        (
            "default",
            &[],
            PIN,
            Some("pbes2-aes-256-cbc-pbkdf2-hmac-sha256"),
            Some("pbes2-aes-256-cbc-pbkdf2-hmac-sha256"),
            Some("hmac-sha256"),
        ),
        (
            "legacy",
            &["-legacy"],
            PIN,
            Some("pbe-sha1-3des"),
            Some("pbe-sha1-rc2-40"),
            Some("hmac-sha1"),
        ),
        ("nomac", &["-nomac"], PIN, None, None, None),
        ("certpbe NONE", &["-certpbe", "NONE"], PIN, None, None, None),
        ("keypbe NONE", &["-keypbe", "NONE"], PIN, None, None, None),
        (
            "aes-128",
            &["-certpbe", "AES-128-CBC", "-keypbe", "AES-128-CBC"],
            PIN,
            Some("pbes2-aes-128-cbc-pbkdf2-hmac-sha256"),
            Some("pbes2-aes-128-cbc-pbkdf2-hmac-sha256"),
            None,
        ),
        (
            "pbes2 3des",
            &["-keypbe", "DES-EDE3-CBC", "-certpbe", "DES-EDE3-CBC"],
            PIN,
            Some("pbes2-des-ede3-cbc-pbkdf2-hmac-sha256"),
            Some("pbes2-des-ede3-cbc-pbkdf2-hmac-sha256"),
            None,
        ),
        (
            "rc2-128 certs",
            &["-legacy", "-certpbe", "PBE-SHA1-RC2-128"],
            PIN,
            None,
            Some("pbe-sha1-rc2-128"),
            None,
        ),
        (
            "aes-192 certs, 2-key 3des key",
            &[
                "-legacy",
                "-certpbe",
                "AES-192-CBC",
                "-keypbe",
                "PBE-SHA1-2DES",
            ],
            PIN,
            Some("pbe-sha1-2des"),
            Some("pbes2-aes-192-cbc-pbkdf2-hmac-sha256"),
            None,
        ),
        (
            "mac sha512",
            &["-macalg", "sha512"],
            PIN,
            None,
            None,
            Some("hmac-sha512"),
        ),
        (
            "mac sha384",
            &["-macalg", "sha384"],
            PIN,
            None,
            None,
            Some("hmac-sha384"),
        ),
        (
            "600000 iterations",
            &["-iter", "600000"],
            PIN,
            None,
            None,
            None,
        ),
        ("empty PIN", &[], "", None, None, Some("hmac-sha256")),
        (
            "empty PIN legacy",
            &["-legacy"],
            "",
            Some("pbe-sha1-3des"),
            None,
            None,
        ),
        (
            "empty PIN nomac",
            &["-nomac", "-legacy"],
            "",
            None,
            None,
            None,
        ),
    ];
    for (label, args, p, key_enc, cert_enc, mac) in cases {
        let path = fixtures::openssl_p12_with(&pki, args, p);
        let file = check_file(label, &path, p, &pki);
        let prot = &file.protection;
        if key_enc.is_some() {
            assert_eq!(prot.key_encryption.as_deref(), *key_enc, "{label}");
        }
        if cert_enc.is_some() {
            assert_eq!(prot.cert_encryption.as_deref(), *cert_enc, "{label}");
        }
        if mac.is_some() {
            assert_eq!(prot.mac.as_deref(), *mac, "{label}");
        }
        match *label {
            "nomac" | "empty PIN nomac" => assert_eq!(prot.mac, None, "{label}"),
            "certpbe NONE" => assert_eq!(prot.cert_encryption, None, "{label}"),
            "keypbe NONE" => {
                assert_eq!(prot.key_encryption, None, "{label}");
                assert!(
                    file.bags
                        .iter()
                        .any(|b| matches!(b.content, BagContent::Key(_)))
                );
            }
            "600000 iterations" => {
                assert_eq!(prot.kdf_iterations, Some(600_000), "{label}");
                assert_eq!(prot.mac_iterations, Some(600_000), "{label}");
            }
            _ => {}
        }
        // A wrong PIN is a wrong PIN, whatever the protection.
        let e = open_path(&path, "wrong-pin").unwrap_err();
        assert_eq!(e, KeystoreError::WrongPin, "{label}");
    }
}

#[test]
fn reads_ec_keys_on_p256_and_p384() {
    let dir = tempfile::tempdir().unwrap();
    for alg in [KeyAlg::P256, KeyAlg::P384] {
        let pki = fixtures::pki_with(dir.path(), alg);
        for args in [&[][..], &["-legacy"][..]] {
            let path = fixtures::openssl_p12_with(&pki, args, PIN);
            check_file(&format!("{alg:?} {args:?}"), &path, PIN, &pki);
        }
    }
}

#[test]
fn reads_keytool_files() {
    let dir = tempfile::tempdir().unwrap();
    let pki = fixtures::pki(dir.path());
    for legacy in [false, true] {
        let path = fixtures::keytool_p12(dir.path(), legacy, PIN);
        let label = if legacy { "keytool legacy" } else { "keytool" };
        let file = open_path(&path, PIN).unwrap_or_else(|e| panic!("{label}: {e:?}"));
        let ee = file.end_entity().unwrap();
        assert!(ee.key_matches, "{label}");
        assert_same_certificate(label, ee.cert_der, &pki.ee_cert_der, &pki.ee_cert);
        // keytool keeps the chain.
        assert!(
            file.ca_certificates().contains(&&pki.ca_cert_der[..]),
            "{label}"
        );
        if legacy {
            assert_eq!(
                file.protection.key_encryption.as_deref(),
                Some("pbe-sha1-3des")
            );
            assert_eq!(file.protection.mac.as_deref(), Some("hmac-sha1"));
        }
        assert_eq!(
            open_path(&path, "wrong-pin").unwrap_err(),
            KeystoreError::WrongPin
        );
    }
}

#[test]
fn reads_a_keytool_ec_key_without_public_key() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cert) = fixtures::keytool_genkey_ec(dir.path(), PIN);
    let file = open_path(&path, PIN).unwrap();
    let ee = file.end_entity().unwrap();
    assert!(ee.key_matches);
    assert_same_certificate(
        "keytool EC",
        ee.cert_der,
        &std::fs::read(&cert).unwrap(),
        &cert,
    );
}

#[test]
fn reads_nss_pk12util_ber_files() {
    let dir = tempfile::tempdir().unwrap();
    let pki = fixtures::pki(dir.path());
    let path = fixtures::pk12util_p12(dir.path(), PIN);
    let bytes = std::fs::read(&path).unwrap();
    // The point of the test: NSS writes indefinite lengths (BER), which strict DER refuses.
    assert_eq!(bytes[1], 0x80, "pk12util no longer writes BER?");
    let file = open_path(&path, PIN).unwrap();
    let ee = file.end_entity().unwrap();
    assert!(ee.key_matches);
    assert_same_certificate("pk12util", ee.cert_der, &pki.ee_cert_der, &pki.ee_cert);
    assert_eq!(
        open_path(&path, "wrong-pin").unwrap_err(),
        KeystoreError::WrongPin
    );
    // Truncated BER is damage too.
    let e = keystore::open(&bytes[..bytes.len() - 3], &pin(PIN)).unwrap_err();
    assert!(matches!(e, KeystoreError::Corrupt { .. }), "{e:?}");
}

#[test]
fn bad_inputs_each_get_their_own_error() {
    let dir = tempfile::tempdir().unwrap();
    let pki = fixtures::pki(dir.path());
    let path = fixtures::openssl_p12_with(&pki, &[], PIN);
    let good = std::fs::read(&path).unwrap();
    let right = pin(PIN);

    // Truncated anywhere, with the right PIN: corrupt, never "wrong PIN".
    for n in [
        1,
        2,
        4,
        7,
        20,
        100,
        good.len() / 2,
        good.len() - 60,
        good.len() - 1,
    ] {
        let e = keystore::open(&good[..n], &right).unwrap_err();
        assert!(matches!(e, KeystoreError::Corrupt { .. }), "{n}: {e:?}");
        assert_eq!(e.exit(), Exit::Corrupt);
    }

    // One flipped byte of the MAC itself, right PIN: the file was changed, the PIN is right.
    let mac_at = mac_digest_offset(&good);
    let mut flipped = good.clone();
    flipped[mac_at] ^= 0x01;
    let e = keystore::open(&flipped, &right).unwrap_err();
    assert_eq!(e, KeystoreError::Damaged);
    assert_eq!((e.exit(), e.kind().name()), (Exit::Corrupt, "mac-mismatch"));
    // …and the same file with a wrong PIN is still a wrong PIN.
    assert_eq!(
        keystore::open(&flipped, &pin("nope")).unwrap_err(),
        KeystoreError::WrongPin
    );

    let cases: Vec<(&str, Vec<u8>, KeystoreError)> = vec![
        ("empty", vec![], KeystoreError::Empty),
        (
            "random",
            {
                let mut rng = fastrand::Rng::with_seed(7);
                let mut v: Vec<u8> = (0..3000).map(|_| rng.u8(..)).collect();
                v[0] = 0x5A;
                v
            },
            KeystoreError::NotPkcs12 {
                looks_like: LooksLike::Other,
            },
        ),
        (
            "zeros",
            vec![0; 2048],
            KeystoreError::NotPkcs12 {
                looks_like: LooksLike::Other,
            },
        ),
        (
            "PEM certificate",
            std::fs::read(&pki.ee_cert).unwrap(),
            KeystoreError::NotPkcs12 {
                looks_like: LooksLike::Pem {
                    label: "CERTIFICATE".into(),
                },
            },
        ),
        (
            "PEM key",
            std::fs::read(&pki.ee_key).unwrap(),
            KeystoreError::NotPkcs12 {
                looks_like: LooksLike::Pem {
                    label: "PRIVATE KEY".into(),
                },
            },
        ),
        (
            "DER certificate",
            pki.ee_cert_der.clone(),
            KeystoreError::NotPkcs12 {
                looks_like: LooksLike::Certificate,
            },
        ),
        (
            "base64 of the p12",
            {
                use base64::Engine;
                let b = base64::engine::general_purpose::STANDARD.encode(&good);
                b.as_bytes()
                    .chunks(64)
                    .flat_map(|l| l.iter().copied().chain([b'\n']))
                    .collect()
            },
            KeystoreError::NotPkcs12 {
                looks_like: LooksLike::Base64,
            },
        ),
        (
            "oversized",
            {
                let mut v = good.clone();
                v.resize(1024 * 1024 + 1, 0);
                v
            },
            KeystoreError::TooLarge {
                len: 1024 * 1024 + 1,
            },
        ),
        ("wrong PIN", good.clone(), KeystoreError::WrongPin),
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for (label, bytes, want) in cases {
        let p = if label == "wrong PIN" {
            pin("wrong")
        } else {
            pin(PIN)
        };
        let e = keystore::open(&bytes, &p).unwrap_err();
        assert_eq!(e, want, "{label}");
        assert!(
            !e.message().is_empty() && e.recommendation().is_some(),
            "{label}"
        );
        kinds.insert(e.kind().name());
    }
    // Seven kinds: random and zeros share "not-pkcs12", the two PEM files "not-pkcs12-pem".
    assert_eq!(kinds.len(), 7, "{kinds:?}");
    let pem = KeystoreError::NotPkcs12 {
        looks_like: LooksLike::Pem {
            label: "CERTIFICATE".into(),
        },
    };
    assert_eq!(pem.exit(), Exit::NotPkcs12);
}

#[test]
fn unsupported_algorithms_are_named_not_blamed_on_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixtures::openssl_p12(
        dir.path(),
        &[
            "-legacy",
            "-keypbe",
            "PBE-SHA1-RC4-128",
            "-certpbe",
            "PBE-SHA1-RC4-128",
        ],
        PIN,
    );
    for p in [PIN, "wrong-pin"] {
        let e = open_path(&path, p).unwrap_err();
        match &e {
            KeystoreError::Unsupported { algorithm } => {
                assert!(algorithm.contains("RC4"), "{algorithm}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(e.exit(), Exit::Unsupported);
    }
}

#[test]
fn missing_and_mismatched_keys() {
    let dir = tempfile::tempdir().unwrap();
    let pki = fixtures::pki(dir.path());
    let key = fixtures::pkcs8_der(&pki.ee_key);
    let other_pki = fixtures::pki_with(dir.path(), KeyAlg::P256);
    let other_key = fixtures::pkcs8_der(&other_pki.ee_key);

    // Certificates only (openssl -nokeys).
    let path = fixtures::openssl_p12_with(&pki, &["-nokeys"], PIN);
    let file = open_path(&path, PIN).unwrap();
    assert_eq!(file.certificates().count(), 2);
    let e = file.end_entity().unwrap_err();
    assert_eq!(
        (e.clone(), e.exit()),
        (KeystoreError::NoPrivateKey, Exit::NoPrivateKey)
    );
    assert_eq!(file.ca_certificates().len(), 2);

    // A key alone.
    let file = keystore::open(&fixtures::plain_p12(Some(&key), &[]), &pin("")).unwrap();
    assert_eq!(file.end_entity().unwrap_err(), KeystoreError::NoCertificate);

    // A key with somebody else's certificate: a mismatch, even though it is the only pair.
    let bytes = fixtures::plain_p12(Some(&other_key), &[&pki.ee_cert_der, &pki.ca_cert_der]);
    let file = keystore::open(&bytes, &pin("")).unwrap();
    let e = file.end_entity().unwrap_err();
    assert_eq!(
        (e.clone(), e.exit()),
        (KeystoreError::KeyMismatch, Exit::KeyMismatch)
    );
    assert_eq!(file.ca_certificates().len(), 2);

    // The right certificate after a stranger's: found by public key, whatever the order.
    let bytes = fixtures::plain_p12(Some(&key), &[&other_pki.ee_cert_der, &pki.ee_cert_der]);
    let file = keystore::open(&bytes, &pin("")).unwrap();
    assert_eq!(file.end_entity().unwrap().cert_der, pki.ee_cert_der);
    assert_eq!(file.ca_certificates(), vec![&other_pki.ee_cert_der[..]]);

    assert!(key_matches_certificate(&key, &pki.ee_cert_der));
    assert!(!key_matches_certificate(&key, &other_pki.ee_cert_der));
    assert!(!key_matches_certificate(&other_key, &pki.ee_cert_der));
    assert!(key_matches_certificate(&other_key, &other_pki.ee_cert_der));
    assert!(!key_matches_certificate(b"not a key", &pki.ee_cert_der));
    assert!(!key_matches_certificate(&key, b"not a cert"));
}

#[test]
fn public_key_of_agrees_with_openssl() {
    let dir = tempfile::tempdir().unwrap();
    for alg in [KeyAlg::Rsa2048, KeyAlg::P256, KeyAlg::P384] {
        let pki = fixtures::pki_with(dir.path(), alg);
        let key = fixtures::pkcs8_der(&pki.ee_key);
        let out = fixtures::unique(dir.path(), "pub", "der");
        fixtures::run(
            std::process::Command::new("openssl")
                .args(["pkey", "-pubout", "-outform", "DER", "-in"])
                .arg(&pki.ee_key)
                .arg("-out")
                .arg(&out),
        );
        assert_eq!(
            public_key_of(&key).unwrap(),
            std::fs::read(out).unwrap(),
            "{alg:?}"
        );
    }
    assert!(matches!(
        public_key_of(b"\x30\x00"),
        Err(KeystoreError::Corrupt { .. })
    ));
}

/// Where the MAC digest's bytes are in a DER PFX: the last OCTET STRING of the DigestInfo
/// (`PFX { version, authSafe, macData { DigestInfo { algorithm, digest }, … } }`).
fn mac_digest_offset(pfx: &[u8]) -> usize {
    let (_, obj) = x509_parser::der_parser::parse_der(pfx).unwrap();
    let mac_data = obj.as_sequence().unwrap()[2].as_sequence().unwrap();
    let digest = mac_data[0].as_sequence().unwrap()[1].as_slice().unwrap();
    digest.as_ptr() as usize - pfx.as_ptr() as usize
}

#[test]
fn refuses_absurd_iteration_counts_before_deriving() {
    use fixtures::tlv;
    // A shrouded key bag protected by pbeWithSHAAnd3-KeyTripleDES-CBC at 16,777,216 iterations
    // (more than the 10,000,000 cap): refused as unsupported at once, whatever the PIN.
    const PBE_3DES: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x03];
    const SHROUDED: &[u8] = &[
        0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x02,
    ];
    const DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    let params = tlv(
        0x30,
        &[tlv(0x04, &[1; 8]), tlv(0x02, &[1, 0, 0, 0])].concat(),
    );
    let alg = tlv(0x30, &[tlv(0x06, PBE_3DES), params].concat());
    let epki = tlv(0x30, &[alg, tlv(0x04, &[0; 16])].concat());
    let bag = tlv(0x30, &[tlv(0x06, SHROUDED), tlv(0xA0, &epki)].concat());
    let content_info = |inner: &[u8]| {
        tlv(
            0x30,
            &[tlv(0x06, DATA), tlv(0xA0, &tlv(0x04, inner))].concat(),
        )
    };
    let auth_safe = tlv(0x30, &content_info(&tlv(0x30, &bag)));
    let pfx = tlv(0x30, &[tlv(0x02, &[3]), content_info(&auth_safe)].concat());
    for p in [PIN, ""] {
        match keystore::open(&pfx, &pin(p)) {
            Err(KeystoreError::Unsupported { algorithm }) => {
                assert!(algorithm.contains("16777216"), "{algorithm}")
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn reads_blake2_macs_as_openssl_writes_them() {
    // OpenSSL 3 writes and reads an HMAC over BLAKE2b-512 or BLAKE2s-256 (the MAC key from the
    // RFC 7292 KDF over the same BLAKE2); one of 474 public test files used the first.
    let dir = tempfile::tempdir().unwrap();
    let pki = fixtures::pki(dir.path());
    for (alg, name) in [
        ("blake2b512", "hmac-blake2b512"),
        ("blake2s256", "hmac-blake2s256"),
    ] {
        let path = fixtures::openssl_p12_with(&pki, &["-macalg", alg], PIN);
        let file = check_file(alg, &path, PIN, &pki);
        assert_eq!(file.protection.mac.as_deref(), Some(name));
        assert_eq!(
            open_path(&path, "wrong-pin").unwrap_err(),
            KeystoreError::WrongPin
        );
        // A changed byte in the MAC itself: the PIN decrypts, so damage, not a wrong PIN.
        let mut bytes = std::fs::read(&path).unwrap();
        let at = mac_digest_offset(&bytes);
        bytes[at] ^= 1;
        assert_eq!(
            keystore::open(&bytes, &pin(PIN)).unwrap_err(),
            KeystoreError::Damaged,
            "{alg}"
        );
    }
}

#[test]
fn rewriting_keeps_each_bags_attributes_in_their_order() {
    use gidcert::keystore::write::{Iterations, Profile, WriteParams, write};
    // keytool writes friendlyName before localKeyID, which is not DER's SET OF order; a rewrite
    // must give back every attribute, in file order, value for value.
    let dir = tempfile::tempdir().unwrap();
    let path = fixtures::keytool_p12(dir.path(), false, PIN);
    let original = open_path(&path, PIN).unwrap();
    let orders: Vec<Vec<String>> = original
        .bags
        .iter()
        .map(|b| b.attributes.iter().map(|a| a.oid.clone()).collect())
        .collect();
    assert!(
        orders.iter().any(|o| o.len() > 1),
        "keytool file without a bag of several attributes: {orders:?}"
    );
    // Both orders of the same two attributes, on purpose.
    let mut model = original.clone();
    for bag in &mut model.bags {
        if bag.attributes.len() > 1 {
            let mut reversed = bag.attributes.clone();
            reversed.reverse();
            bag.attributes = reversed;
            break;
        }
    }
    for p12 in [&original, &model] {
        for profile in [Profile::Modern, Profile::Legacy] {
            let params = WriteParams {
                profile,
                iterations: Iterations::new(Iterations::MIN).unwrap(),
            };
            let bytes = write(p12, &pin("n3w-pin-42"), &params).unwrap();
            let back = keystore::open(&bytes, &pin("n3w-pin-42")).unwrap();
            assert_eq!(back.bags.len(), p12.bags.len());
            for (a, b) in p12.bags.iter().zip(&back.bags) {
                // Type for type and value byte for byte, in the model's order.
                assert_eq!(a.attributes, b.attributes, "{profile:?}");
            }
        }
    }
}
