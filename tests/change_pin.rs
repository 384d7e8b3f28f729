//! The PKCS#12 writer and `gidcert change-pin`, checked against the real importers: `openssl
//! pkcs12`, `keytool` and `pk12util`. One test binary on purpose (each tests/*.rs links anew).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use gidcert::keystore::model::{
    BagAttribute, BagContent, OID_FRIENDLY_NAME, OID_LOCAL_KEY_ID, Pkcs12, SafeBag,
};
use gidcert::keystore::write::{Iterations, Profile, WriteParams, write};
use gidcert::pin::Pin;

/// Key and certificates made once by openssl for the whole binary.
struct Material {
    dir: tempfile::TempDir,
    key_pkcs8: Vec<u8>,
    cert: Vec<u8>,
    extra_cert: Vec<u8>,
}

fn material() -> &'static Material {
    static M: OnceLock<Material> = OnceLock::new();
    M.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        run_ok(
            Command::new("openssl")
                .args(["genpkey", "-algorithm", "RSA", "-pkeyopt"])
                .args(["rsa_keygen_bits:2048", "-out"])
                .arg(d.join("key.pem")),
        );
        run_ok(
            Command::new("openssl")
                .args(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in"])
                .arg(d.join("key.pem"))
                .arg("-out")
                .arg(d.join("key.der")),
        );
        run_ok(
            Command::new("openssl")
                .args(["req", "-new", "-x509", "-days", "30", "-subj"])
                .arg("/C=JP/O=Test Shiho-Shoshi/CN=Yamada Taro")
                .arg("-key")
                .arg(d.join("key.pem"))
                .arg("-out")
                .arg(d.join("cert.pem")),
        );
        run_ok(
            Command::new("openssl")
                .args(["x509", "-outform", "DER", "-in"])
                .arg(d.join("cert.pem"))
                .arg("-out")
                .arg(d.join("cert.der")),
        );
        // A certificate that is not in the key's chain, as some files carry.
        run_ok(
            Command::new("openssl")
                .args(["req", "-new", "-x509", "-days", "30", "-subj"])
                .arg("/C=JP/O=Other CA/CN=Unrelated Root")
                .args(["-newkey", "rsa:2048", "-nodes", "-keyout"])
                .arg(d.join("extra.key"))
                .arg("-out")
                .arg(d.join("extra.pem")),
        );
        run_ok(
            Command::new("openssl")
                .args(["x509", "-outform", "DER", "-in"])
                .arg(d.join("extra.pem"))
                .arg("-out")
                .arg(d.join("extra.der")),
        );
        Material {
            key_pkcs8: std::fs::read(d.join("key.der")).unwrap(),
            cert: std::fs::read(d.join("cert.der")).unwrap(),
            extra_cert: std::fs::read(d.join("extra.der")).unwrap(),
            dir,
        }
    })
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

fn run_ok(cmd: &mut Command) -> Output {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn bmp(s: &str) -> Vec<u8> {
    let units: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut v = vec![0x1E, units.len() as u8];
    v.extend(units);
    v
}

fn octets(b: &[u8]) -> Vec<u8> {
    let mut v = vec![0x04, b.len() as u8];
    v.extend_from_slice(b);
    v
}

fn attrs(name: Option<&str>, local_key_id: Option<&[u8]>) -> Vec<BagAttribute> {
    let mut a = Vec::new();
    if let Some(n) = name {
        a.push(BagAttribute {
            oid: OID_FRIENDLY_NAME.into(),
            values_der: vec![bmp(n)],
        });
    }
    if let Some(id) = local_key_id {
        a.push(BagAttribute {
            oid: OID_LOCAL_KEY_ID.into(),
            values_der: vec![octets(id)],
        });
    }
    a
}

const LKID: &[u8] = &[0x54, 0x69, 0x6d, 0x65, 0x20, 0x31, 0x37];

/// Certificate (named, linked), extra certificate, key (named, linked): the OpenSSL layout plus an
/// unrelated certificate.
fn model() -> Pkcs12 {
    model_named(JA_NAME)
}

/// keytool and NSS show a BMPString friendly name in full; OpenSSL 3.0 prints only the low byte of
/// each character, so the openssl checks use an ASCII name.
const JA_NAME: &str = "山田太郎の電子証明書";
const ASCII_NAME: &str = "Yamada Taro G-ID";

fn model_named(name: &str) -> Pkcs12 {
    let m = material();
    Pkcs12 {
        bags: vec![
            SafeBag {
                content: BagContent::Cert(m.cert.clone()),
                attributes: attrs(Some(name), Some(LKID)),
            },
            SafeBag {
                content: BagContent::Cert(m.extra_cert.clone()),
                attributes: vec![],
            },
            SafeBag {
                content: BagContent::Key(m.key_pkcs8.clone().into()),
                attributes: attrs(Some(name), Some(LKID)),
            },
        ],
        ..Default::default()
    }
}

fn write_file(dir: &Path, name: &str, p12: &Pkcs12, pin: &str, profile: Profile) -> PathBuf {
    let params = WriteParams {
        profile,
        iterations: Iterations::new(10_000).unwrap(),
    };
    let bytes = write(p12, &Pin::new(pin.into()), &params).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, &*bytes).unwrap();
    p
}

fn openssl_pkcs12(file: &Path, pin: &str, extra: &[&str]) -> Output {
    run(Command::new("openssl")
        .arg("pkcs12")
        .arg("-in")
        .arg(file)
        .args(["-passin", &format!("pass:{pin}")])
        .args(extra))
}

/// The certificates in PEM output, as DER, in order.
fn pem_certs(text: &str) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        match (line, cur.as_mut()) {
            ("-----BEGIN CERTIFICATE-----", _) => cur = Some(String::new()),
            ("-----END CERTIFICATE-----", Some(b)) => {
                out.push(
                    base64::engine::general_purpose::STANDARD
                        .decode(&b)
                        .unwrap(),
                );
                cur = None;
            }
            (l, Some(b)) => b.push_str(l.trim()),
            _ => {}
        }
    }
    out
}

fn key_der_from_openssl(file: &Path, pin: &str, extra: &[&str], dir: &Path) -> Vec<u8> {
    let pem = dir.join(format!(
        "{}.key.pem",
        file.file_name().unwrap().to_string_lossy()
    ));
    let mut args = vec!["-nocerts", "-nodes", "-out"];
    let pem_s = pem.to_string_lossy().into_owned();
    args.push(&pem_s);
    args.extend_from_slice(extra);
    let out = openssl_pkcs12(file, pin, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let der = dir.join("k.der");
    run_ok(
        Command::new("openssl")
            .args(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in"])
            .arg(&pem)
            .arg("-out")
            .arg(&der),
    );
    std::fs::read(der).unwrap()
}

fn check_with_openssl(file: &Path, new: &str, old: &str, extra: &[&str], expect_info: &[&str]) {
    let m = material();
    let dir = tempfile::tempdir().unwrap();
    // Opens with the new PIN; the certificates come out identical and in order.
    let mut args = vec!["-nokeys"];
    args.extend_from_slice(extra);
    let out = openssl_pkcs12(file, new, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(pem_certs(&text), vec![m.cert.clone(), m.extra_cert.clone()]);
    assert!(
        text.contains(&format!("friendlyName: {ASCII_NAME}")),
        "{text}"
    );
    assert!(text.contains("localKeyID: 54 69 6D 65 20 31 37"), "{text}");
    // The key is the same key.
    assert_eq!(
        key_der_from_openssl(file, new, extra, dir.path()),
        m.key_pkcs8
    );
    // -info names the algorithms written.
    let mut args = vec!["-info", "-noout"];
    args.extend_from_slice(extra);
    let info = openssl_pkcs12(file, new, &args);
    assert!(info.status.success());
    let info = String::from_utf8_lossy(&info.stderr);
    for e in expect_info {
        assert!(info.contains(e), "missing {e:?} in:\n{info}");
    }
    // And the old PIN no longer opens it.
    let out = openssl_pkcs12(file, old, &args);
    assert!(!out.status.success(), "old PIN still opens {file:?}");
}

#[test]
fn modern_file_opens_in_openssl_with_the_new_pin_only() {
    let d = tempfile::tempdir().unwrap();
    let f = write_file(
        d.path(),
        "m.p12",
        &model_named(ASCII_NAME),
        "newpin1234",
        Profile::Modern,
    );
    check_with_openssl(
        &f,
        "newpin1234",
        "oldpin",
        &[],
        &[
            "MAC: sha256, Iteration 10000",
            "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256",
            "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256",
        ],
    );
}

#[test]
fn legacy_file_opens_in_openssl_with_the_new_pin_only() {
    let d = tempfile::tempdir().unwrap();
    let f = write_file(
        d.path(),
        "l.p12",
        &model_named(ASCII_NAME),
        "newpin1234",
        Profile::Legacy,
    );
    let expect = [
        "MAC: sha1, Iteration 10000",
        "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 10000",
        "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 10000",
    ];
    // 3DES is in OpenSSL 3's default provider: no -legacy needed; and with it, too.
    check_with_openssl(&f, "newpin1234", "oldpin", &[], &expect);
    check_with_openssl(&f, "newpin1234", "oldpin", &["-legacy"], &expect);
}

fn keytool_list(file: &Path, pin: &str) -> Output {
    run(Command::new("keytool")
        .args(["-list", "-v", "-storetype", "PKCS12", "-keystore"])
        .arg(file)
        .args(["-storepass", pin]))
}

#[test]
fn both_profiles_open_in_keytool_with_the_new_pin_only() {
    let d = tempfile::tempdir().unwrap();
    for profile in [Profile::Modern, Profile::Legacy] {
        let f = write_file(
            d.path(),
            &format!("{profile:?}.p12"),
            &model(),
            "q1w2e3r4",
            profile,
        );
        let out = keytool_list(&f, "q1w2e3r4");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{profile:?}: {text}");
        assert!(text.contains(JA_NAME), "{text}");
        assert!(text.contains("PrivateKeyEntry"), "{text}");
        assert!(text.contains("CN=Yamada Taro"), "{text}");
        assert!(!keytool_list(&f, "wrongpin").status.success());
    }
}

fn pk12util_import(file: &Path, pin: &str) -> (Output, tempfile::TempDir) {
    let db = tempfile::tempdir().unwrap();
    let dbarg = format!("sql:{}", db.path().display());
    run_ok(Command::new("certutil").args(["-N", "--empty-password", "-d", &dbarg]));
    let out = run(Command::new("pk12util")
        .arg("-i")
        .arg(file)
        .args(["-d", &dbarg, "-W", pin]));
    (out, db)
}

#[test]
fn both_profiles_import_with_pk12util_with_the_new_pin_only() {
    let d = tempfile::tempdir().unwrap();
    for profile in [Profile::Modern, Profile::Legacy] {
        let f = write_file(
            d.path(),
            &format!("{profile:?}.p12"),
            &model(),
            "q1w2e3r4",
            profile,
        );
        let (out, db) = pk12util_import(&f, "q1w2e3r4");
        assert!(
            out.status.success(),
            "{profile:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let dbarg = format!("sql:{}", db.path().display());
        let keys = run_ok(Command::new("certutil").args(["-K", "-d", &dbarg]));
        assert!(String::from_utf8_lossy(&keys.stdout).contains("rsa"));
        let certs = run_ok(Command::new("certutil").args(["-L", "-d", &dbarg]));
        let text = String::from_utf8_lossy(&certs.stdout);
        assert!(text.contains(JA_NAME), "{text}");
        let (bad, _db) = pk12util_import(&f, "wrongpin");
        assert!(!bad.status.success());
    }
}

#[test]
fn bag_order_and_other_bags_are_kept() {
    // Key first (keytool's layout), then a secret bag gidcert does not understand, then certs.
    let m = material();
    let mut p12 = model();
    let key = p12.bags.remove(2);
    p12.bags.insert(0, key);
    p12.bags.insert(
        1,
        SafeBag {
            content: BagContent::Other {
                bag_id: "1.2.840.113549.1.12.10.1.5".into(),
                // SecretBag { secretTypeId, [0] OCTET STRING }: an arbitrary well-formed value.
                value_der: vec![
                    0x30, 0x0C, 0x06, 0x03, 0x2A, 0x03, 0x04, 0xA0, 0x05, 0x04, 0x03, 1, 2, 3,
                ],
            },
            attributes: attrs(Some("secret"), None),
        },
    );
    let d = tempfile::tempdir().unwrap();
    let f = write_file(d.path(), "o.p12", &p12, "abcd", Profile::Modern);
    let out = openssl_pkcs12(&f, "abcd", &["-info", "-nodes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let info = String::from_utf8_lossy(&out.stderr);
    // The key's content comes first, then the encrypted content with the secret bag and certs.
    let key_at = info.find("Shrouded Keybag").unwrap();
    let enc_at = info.find("PKCS7 Encrypted data").unwrap();
    assert!(key_at < enc_at, "{info}");
    assert!(text.contains("friendlyName: secret"), "{text}");
    assert_eq!(pem_certs(&text), vec![m.cert.clone(), m.extra_cert.clone()]);
}

#[test]
fn out_of_range_iterations_are_refused() {
    assert!(Iterations::new(999).is_err());
    assert!(Iterations::new(1_000).is_ok());
    assert!(Iterations::new(1_000_000).is_ok());
    assert!(Iterations::new(1_000_001).is_err());
}

#[test]
fn a_model_with_broken_der_is_refused_not_written() {
    let mut p12 = model();
    p12.bags[0].attributes[0].values_der[0] = vec![0x1E, 0x05, 0x00];
    let e = write(&p12, &Pin::new("abcd".into()), &WriteParams::default()).unwrap_err();
    assert_eq!(
        gidcert::error::Explain::exit(&e),
        gidcert::error::Exit::Corrupt
    );
    assert!(
        write(
            &Pkcs12::default(),
            &Pin::new("abcd".into()),
            &WriteParams::default()
        )
        .is_err()
    );
}

#[allow(dead_code)]
fn material_dir() -> &'static Path {
    material().dir.path()
}
