//! The PKCS#12 writer and `gidcert change-pin`, checked against the real importers: `openssl
//! pkcs12`, `keytool` and `pk12util`. One test binary on purpose (each tests/*.rs links anew).

#[path = "common/cmd.rs"]
mod cmd;
#[path = "common/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use cmd::code;
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
        let key = d.join("key.pem");
        fixtures::run(
            Command::new("openssl")
                .args(["genpkey", "-algorithm", "RSA", "-pkeyopt"])
                .args(["rsa_keygen_bits:2048", "-out"])
                .arg(&key),
        );
        // A self-signed certificate for `subject` in `name`.pem, with the key `key_args` say.
        let self_signed = |subject: &str, key_args: &[&std::ffi::OsStr], name: &str| {
            let pem = d.join(format!("{name}.pem"));
            fixtures::run(
                Command::new("openssl")
                    .args(["req", "-new", "-x509", "-days", "30", "-subj", subject])
                    .args(key_args)
                    .arg("-out")
                    .arg(&pem),
            );
            fixtures::cert_der(&pem)
        };
        let cert = self_signed(
            "/C=JP/O=Test Shiho-Shoshi/CN=Yamada Taro",
            &["-key".as_ref(), key.as_os_str()],
            "cert",
        );
        // A certificate that is not in the key's chain, as some files carry.
        let extra_key = d.join("extra.key");
        let extra_cert = self_signed(
            "/C=JP/O=Other CA/CN=Unrelated Root",
            &[
                "-newkey".as_ref(),
                "rsa:2048".as_ref(),
                "-nodes".as_ref(),
                "-keyout".as_ref(),
                extra_key.as_os_str(),
            ],
            "extra",
        );
        Material {
            key_pkcs8: fixtures::pkcs8_der(&key),
            cert,
            extra_cert,
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

/// `openssl pkcs12 -in FILE` with `args` then `extra`, which must succeed.
fn openssl_pkcs12_ok(file: &Path, pin: &str, args: &[&str], extra: &[&str]) -> Output {
    let out = openssl_pkcs12(file, pin, &[args, extra].concat());
    assert!(
        out.status.success(),
        "{file:?} {args:?} {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
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
    let pem_s = pem.to_string_lossy().into_owned();
    openssl_pkcs12_ok(file, pin, &["-nocerts", "-nodes", "-out", &pem_s], extra);
    fixtures::pkcs8_der(&pem)
}

fn check_with_openssl(file: &Path, new: &str, old: &str, extra: &[&str], expect_info: &[&str]) {
    let m = material();
    let dir = tempfile::tempdir().unwrap();
    // Opens with the new PIN; the certificates come out identical and in order.
    let out = openssl_pkcs12_ok(file, new, &["-nokeys"], extra);
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

/// Each profile's file opens in openssl with the new PIN only, with the algorithms it names.
#[test]
fn both_profiles_open_in_openssl_with_the_new_pin_only() {
    let d = tempfile::tempdir().unwrap();
    // The openssl argument lists to open each file with.
    type ArgLists = &'static [&'static [&'static str]];
    let cases: [(Profile, ArgLists, [&str; 3]); 2] = [
        (
            Profile::Modern,
            &[&[]],
            [
                "MAC: sha256, Iteration 10000",
                "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256",
                "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256",
            ],
        ),
        (
            Profile::Legacy,
            // 3DES is in OpenSSL 3's default provider: no -legacy needed; and with it, too.
            &[&[], &["-legacy"]],
            [
                "MAC: sha1, Iteration 10000",
                "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 10000",
                "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 10000",
            ],
        ),
    ];
    for (profile, openssl_args, expect) in cases {
        let name = format!("{profile:?}.p12");
        let f = write_file(
            d.path(),
            &name,
            &model_named(ASCII_NAME),
            "newpin1234",
            profile,
        );
        for extra in openssl_args {
            check_with_openssl(&f, "newpin1234", "oldpin", extra, &expect);
        }
    }
}

/// [`model`] written with `pin` in each profile, as `dir/<profile>.p12`.
fn both_profiles(dir: &Path, pin: &str) -> [(Profile, PathBuf); 2] {
    [Profile::Modern, Profile::Legacy].map(|profile| {
        (
            profile,
            write_file(dir, &format!("{profile:?}.p12"), &model(), pin, profile),
        )
    })
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
    for (profile, f) in both_profiles(d.path(), "q1w2e3r4") {
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

// Not under Wine: NSS's certutil, run on the host through .ci/wine's tool stand-in, lists no key
// in the database pk12util filled (the stand-in shares the database folder but not NSS's view of
// it; not yet found why). The file gidcert.exe writes is the same bytes as on Linux, where this
// test runs in every CI run.
#[cfg_attr(
    windows,
    ignore = "NSS certutil through the Wine tool stand-in sees no key"
)]
#[test]
fn both_profiles_import_with_pk12util_with_the_new_pin_only() {
    let d = tempfile::tempdir().unwrap();
    for (profile, f) in both_profiles(d.path(), "q1w2e3r4") {
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
        gidcert::explain::Explain::exit(&e),
        gidcert::explain::Exit::Corrupt
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

// ---- the command line -----------------------------------------------------------------------

fn gidcert() -> Command {
    cmd::gidcert_with_config(Path::new("/nonexistent/gidcert-test/config.toml"))
}

/// A certificate file made by gidcert's writer with PIN `oldpin1`, and a PIN file.
fn fixture(dir: &Path) -> PathBuf {
    write_file(
        dir,
        "cert.p12",
        &model_named(ASCII_NAME),
        "oldpin1",
        Profile::Modern,
    )
}

/// [`fixture`] in a fresh temporary folder: the folder, the file and its bytes.
fn fixture_in_tempdir() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let d = tempfile::tempdir().unwrap();
    let f = fixture(d.path());
    let before = std::fs::read(&f).unwrap();
    (d, f, before)
}

fn pin_file(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("pins.txt");
    std::fs::write(&p, text).unwrap();
    p
}

/// A new PIN that breaks the rule: exit 41, nothing on stdout, the file unchanged; the message
/// names the rule (where given here) and never echoes a PIN.
#[test]
fn new_pin_rule_edges_exit_bad_input_and_change_nothing() {
    let (d, f, before) = fixture_in_tempdir();
    for (case, lines, rule) in [
        ("3 characters", "oldpin1\nabc\n", Some("needs at least 4")),
        ("17 characters", "oldpin1\nabcdefgh123456789\n", None),
        ("upper case", "oldpin1\nAbcd1234\n", Some("upper-case")),
        ("full-width", "oldpin1\nａｂｃｄ１２３４\n", None),
        ("4 full-width", "oldpin1\nａｂｃｄ\n", Some("full-width")),
        ("symbol", "oldpin1\nabcd-1234\n", None),
        ("space", "oldpin1\nabcd 1234\n", None),
        ("mismatch", "oldpin1\nabcd1234\nabcd1235\n", Some("differ")),
        ("empty", "oldpin1\n\n", None),
        ("one line", "oldpin1\n", None),
    ] {
        let pins = pin_file(d.path(), lines);
        let out = change_pin(&f, &pins, &["--yes"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 41, "{case}: {err}");
        assert!(out.stdout.is_empty(), "{case}");
        if let Some(rule) = rule {
            assert!(err.contains(rule), "{case}: {err}");
        }
        assert!(
            !err.contains("abcd1234") && !err.contains("oldpin1"),
            "{case}: {err}"
        );
    }
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn non_interactive_replace_needs_yes_or_out() {
    let (d, f, before) = fixture_in_tempdir();
    let pins = pin_file(d.path(), "oldpin1\nnewpin22\n");
    let out = change_pin(&f, &pins, &[]);
    assert_eq!(code(&out), 40);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--yes") && err.contains("--out"), "{err}");
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn iterations_outside_the_range_and_existing_out_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let f = fixture(d.path());
    let pins = pin_file(d.path(), "oldpin1\nnewpin22\n");
    for n in ["999", "1000001"] {
        let out = change_pin(&f, &pins, &["--yes", "--iterations", n]);
        assert_eq!(code(&out), 41, "{n}");
    }
    let taken = d.path().join("taken.p12");
    std::fs::write(&taken, b"keep me").unwrap();
    let out = change_pin(&f, &pins, &["--out", taken.to_str().unwrap()]);
    assert_eq!(code(&out), 31);
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep me");
}

// ---- end to end: change-pin on files from every source ----------------------------------------
//
/// Certificate files as other tools write them, all with PIN `oldpin1`.
fn source_files(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let m = material().dir.path();
    let export = |name: &str, extra: &[&str]| {
        let out = dir.join(name);
        run_ok(
            Command::new("openssl")
                .args([
                    "pkcs12",
                    "-export",
                    "-passout",
                    "pass:oldpin1",
                    "-name",
                    ASCII_NAME,
                ])
                .args(extra)
                .arg("-inkey")
                .arg(m.join("key.pem"))
                .arg("-in")
                .arg(m.join("cert.pem"))
                .arg("-certfile")
                .arg(m.join("extra.pem"))
                .arg("-out")
                .arg(&out),
        );
        out
    };
    let modern = export("openssl-modern.p12", &[]);
    let legacy = export("openssl-legacy.p12", &["-legacy"]);
    let keytool = dir.join("keytool.p12");
    run_ok(
        Command::new("keytool")
            .args([
                "-importkeystore",
                "-noprompt",
                "-srcstoretype",
                "PKCS12",
                "-srcstorepass",
                "oldpin1",
            ])
            .arg("-srckeystore")
            .arg(&modern)
            .args([
                "-deststoretype",
                "PKCS12",
                "-deststorepass",
                "oldpin1",
                "-destkeystore",
            ])
            .arg(&keytool),
    );
    let (_, db) = pk12util_import(&modern, "oldpin1");
    let nss = dir.join("pk12util.p12");
    run_ok(Command::new("pk12util").arg("-o").arg(&nss).args([
        "-n",
        ASCII_NAME,
        "-d",
        &format!("sql:{}", db.path().display()),
        "-W",
        "oldpin1",
    ]));
    vec![
        ("openssl", modern),
        ("openssl -legacy", legacy),
        ("keytool", keytool),
        ("pk12util", nss),
    ]
}

/// Everything `openssl pkcs12 -nodes` shows: bag attributes, certificates and the key in clear.
fn openssl_dump(file: &Path, pin: &str) -> String {
    let out = openssl_pkcs12_ok(file, pin, &["-nodes", "-legacy"], &[]);
    sort_attribute_lines(&String::from_utf8(out.stdout).unwrap())
}

/// The attribute lines of each bag in sorted order, so that this compares values only: the order
/// (keytool's friendlyName before localKeyID, kept as read) is checked in tests/keystore.rs.
fn sort_attribute_lines(text: &str) -> String {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with("    ") {
            block.push(line);
            continue;
        }
        block.sort_unstable();
        out.append(&mut block);
        out.push(line);
    }
    block.sort_unstable();
    out.append(&mut block);
    out.join("\n")
}

fn opens(file: &Path, pin: &str) -> bool {
    openssl_pkcs12(file, pin, &["-noout", "-legacy"])
        .status
        .success()
}

fn change_pin(file: &Path, pins: &Path, extra: &[&str]) -> Output {
    run(gidcert()
        .arg("change-pin")
        .arg(file)
        .arg("--pin-file")
        .arg(pins)
        .args(extra))
}

#[test]
fn change_pin_keeps_everything_from_every_source() {
    let d = tempfile::tempdir().unwrap();
    let pins = pin_file(d.path(), "oldpin1\nnewpin22\nnewpin22\n");
    for (source, file) in source_files(d.path()) {
        let before = openssl_dump(&file, "oldpin1");
        // --legacy to a new file, then the default in place.
        let legacy = d
            .path()
            .join(format!("changed-{}.p12", source.replace(' ', "_")));
        let out = change_pin(
            &file,
            &pins,
            &["--legacy", "--out", legacy.to_str().unwrap()],
        );
        assert_eq!(
            code(&out),
            0,
            "{source}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = change_pin(&file, &pins, &["--yes", "--json", "--iterations", "20000"]);
        assert_eq!(
            code(&out),
            0,
            "{source}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["encryption"], "pbes2-aes-256-cbc-pbkdf2-hmac-sha256");
        assert_eq!(json["iterations"], 20000);
        let sha = gidcert::fsutil::sha256(&std::fs::read(&file).unwrap());
        assert_eq!(json["sha256"], hex::encode(sha));
        for f in [&file, &legacy] {
            assert_eq!(openssl_dump(f, "newpin22"), before, "{source}: {f:?}");
            assert!(!opens(f, "oldpin1"), "{source}: old PIN opens {f:?}");
            assert!(
                keytool_list(f, "newpin22").status.success(),
                "{source}: keytool {f:?}"
            );
            assert!(!keytool_list(f, "oldpin1").status.success());
            assert!(
                pk12util_import(f, "newpin22").0.status.success(),
                "{source}: pk12util {f:?}"
            );
        }
        cmd::assert_owner_only(&file);
    }
}

#[test]
fn a_wrong_old_pin_changes_nothing() {
    let (d, f, before) = fixture_in_tempdir();
    let pins = pin_file(d.path(), "wrongpin\nnewpin22\n");
    assert_eq!(code(&change_pin(&f, &pins, &["--yes"])), 3);
    let pins = pin_file(d.path(), "oldpin1\noldpin1\n");
    assert_eq!(code(&change_pin(&f, &pins, &["--yes"])), 41);
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.starts_with(".gidcert-").then_some(n)
        })
        .collect()
}

/// Kills change-pin after random delays, ~50 times: after each kill the file must open with
/// exactly one of the two PINs and hold the same certificates and key.
#[test]
fn killed_at_random_instants_the_file_is_old_or_new_never_broken() {
    use std::time::{Duration, Instant};
    let d = tempfile::tempdir().unwrap();
    let f = fixture(d.path());
    let reference = openssl_dump(&f, "oldpin1");
    let (a, b) = ("oldpin1", "newpin22");
    let pins_ab = d.path().join("ab");
    let pins_ba = d.path().join("ba");
    std::fs::write(&pins_ab, format!("{a}\n{b}\n")).unwrap();
    std::fs::write(&pins_ba, format!("{b}\n{a}\n")).unwrap();
    // How long one uninterrupted run takes, to spread the kills over all of it.
    let t = Instant::now();
    assert_eq!(
        code(&change_pin(
            &f,
            &pins_ab,
            &["--yes", "--iterations", "20000"]
        )),
        0
    );
    let full = t.elapsed();
    let mut current = b;
    let (mut old_seen, mut new_seen) = (0, 0);
    for i in 0..50u32 {
        let pins = if current == a { &pins_ab } else { &pins_ba };
        let mut child = gidcert()
            .arg("change-pin")
            .arg(&f)
            .arg("--pin-file")
            .arg(pins)
            .args(["--yes", "--iterations", "20000"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread over 0 ..= 1.2 × a full run, deterministic per iteration.
        let delay = full.mul_f64(f64::from(i) / 50.0 * 1.2);
        std::thread::sleep(delay.min(Duration::from_secs(5)));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let (with_a, with_b) = (opens(&f, a), opens(&f, b));
        assert!(with_a ^ with_b, "run {i}: opens with a={with_a} b={with_b}");
        let now = if with_a { a } else { b };
        assert_eq!(openssl_dump(&f, now), reference, "run {i}");
        if now == current {
            old_seen += 1;
        } else {
            new_seen += 1;
        }
        current = now;
    }
    // Where the kills land depends on this machine's speed and load (one CI run saw all 50 before
    // the rename), so that is reported, not asserted; the fault-points test (`--features
    // fault-points`) kills deterministically before and after the rename.
    eprintln!("kills that left the old file: {old_seen}, the new file: {new_seen}");
    // A kill may leave a temporary file (a later run removes it after 10 minutes), but nothing
    // else: every entry of the folder is the certificate, the PIN files or such a temporary.
    let f_name = f.file_name().unwrap().to_string_lossy().into_owned();
    for e in std::fs::read_dir(d.path()).unwrap() {
        let n = e.unwrap().file_name().to_string_lossy().into_owned();
        let temporary = n.starts_with(".gidcert-") && n.ends_with(".tmp");
        assert!(
            temporary || n == f_name || n == "ab" || n == "ba",
            "unexpected file {n} after the kills"
        );
    }
}

/// Kills change-pin at each named point of its write (needs `--features fault-points`).
#[cfg(feature = "fault-points")]
#[test]
fn killed_at_each_fault_point_the_file_is_old_or_new() {
    let d = tempfile::tempdir().unwrap();
    let f = fixture(d.path());
    let reference = openssl_dump(&f, "oldpin1");
    let pins = pin_file(d.path(), "oldpin1\nnewpin22\n");
    for (point, expect_new) in [
        ("before-write", false),
        ("temp-written", false),
        ("before-rename", false),
        ("after-rename", true),
    ] {
        let out = run(gidcert()
            .env("GIDCERT_FAULT", format!("{point}:kill"))
            .arg("change-pin")
            .arg(&f)
            .arg("--pin-file")
            .arg(&pins)
            .args(["--yes", "--iterations", "20000"]));
        assert!(out.status.code().is_none(), "{point}: not killed");
        let pin = if expect_new { "newpin22" } else { "oldpin1" };
        let other = if expect_new { "oldpin1" } else { "newpin22" };
        assert!(opens(&f, pin) && !opens(&f, other), "{point}");
        assert_eq!(openssl_dump(&f, pin), reference, "{point}");
        if expect_new {
            // Put the old PIN back for the next point.
            let back = pin_file(d.path(), "newpin22\noldpin1\n");
            assert_eq!(
                code(&change_pin(&f, &back, &["--yes", "--iterations", "20000"])),
                0
            );
        }
    }
}

/// A 64 KiB tmpfs, filled up or remounted read-only (needs root and mount(2); skipped otherwise).
fn small_tmpfs(dir: &Path) -> Option<MountGuard> {
    let m = dir.join("mnt");
    std::fs::create_dir(&m).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&m)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("cannot mount a tmpfs here: skipping");
        return None;
    }
    Some(MountGuard(m))
}

struct MountGuard(PathBuf);

impl Drop for MountGuard {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn disk_full_and_read_only_leave_the_original_untouched() {
    let d = tempfile::tempdir().unwrap();
    let Some(mnt) = small_tmpfs(d.path()) else {
        return;
    };
    let f = mnt.0.join("cert.p12");
    std::fs::copy(fixture(d.path()), &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    let pins = pin_file(d.path(), "oldpin1\nnewpin22\n");
    // Fill the file system to within a few hundred bytes.
    let filler = mnt.0.join("filler");
    let mut fill = std::fs::File::create(&filler).unwrap();
    let chunk = [0u8; 512];
    while std::io::Write::write_all(&mut fill, &chunk).is_ok() {}
    let _ = fill.sync_all();
    let out = change_pin(&f, &pins, &["--yes"]);
    assert_eq!(code(&out), 30, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&f).unwrap(), before);
    assert!(leftovers(&mnt.0).is_empty());
    // Read-only: root ignores 0500, so remount the file system read-only instead.
    drop(fill);
    std::fs::remove_file(&filler).unwrap();
    let ro = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mnt.0)
        .status()
        .unwrap();
    assert!(ro.success());
    let out = change_pin(&f, &pins, &["--yes"]);
    assert_eq!(code(&out), 30, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(std::fs::read(&f).unwrap(), before);
}
