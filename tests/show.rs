//! `gidcert show` end to end: certificates made with rcgen or `openssl req`, packed into PKCS#12
//! files by `openssl pkcs12` at test time, shown by the real binary and compared with
//! `openssl x509`.

#[path = "common/cmd.rs"]
mod cmd;

use std::path::{Path, PathBuf};
use std::process::Command as Proc;

use assert_cmd::Command;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

const PIN: &str = "q7w8e9r0";
const ISSUER: &str = "SECOM Passport for G-ID";
const ORG: &str = "Japan Federation of Shiho-shoshi Lawyer's Associations";
const UID: &str = "1234567";

/// What the end-entity certificate says.
struct Spec {
    issuer_cn: &'static str,
    o: &'static str,
    c: &'static str,
    uid: &'static str,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
}

impl Default for Spec {
    fn default() -> Spec {
        let now = OffsetDateTime::now_utc();
        Spec {
            issuer_cn: ISSUER,
            o: ORG,
            c: "JP",
            uid: UID,
            not_before: now - Duration::days(10),
            not_after: now + Duration::days(400),
        }
    }
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        // Keep the user's own configuration (language, profiles) out of the tests.
        std::fs::write(dir.path().join("pin"), format!("{PIN}\n")).unwrap();
        Fixture { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `<name>.p12` (and `<name>.pem`, the end-entity certificate) for `spec`.
    fn p12(&self, name: &str, spec: &Spec) -> PathBuf {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::default();
        ca.distinguished_name = rcgen::DistinguishedName::new();
        ca.distinguished_name.push(DnType::CountryName, "JP");
        ca.distinguished_name
            .push(DnType::OrganizationName, "SECOM Trust Systems CO.,LTD.");
        ca.distinguished_name
            .push(DnType::CommonName, spec.issuer_cn);
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::from_params(&ca, &ca_key);

        let key = KeyPair::generate().unwrap();
        let mut ee = CertificateParams::default();
        ee.distinguished_name = rcgen::DistinguishedName::new();
        ee.distinguished_name.push(DnType::CountryName, spec.c);
        ee.distinguished_name.push(DnType::OrganizationName, spec.o);
        ee.distinguished_name.push(
            DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]),
            spec.uid,
        );
        ee.distinguished_name
            .push(DnType::CommonName, "TARO YAMADA");
        ee.not_before = spec.not_before;
        ee.not_after = spec.not_after;
        ee.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        let ee_cert = ee.signed_by(&key, &issuer).unwrap();

        std::fs::write(self.path(&format!("{name}.pem")), ee_cert.pem()).unwrap();
        std::fs::write(self.path(&format!("{name}.key")), key.serialize_pem()).unwrap();
        std::fs::write(self.path(&format!("{name}-ca.pem")), ca_cert.pem()).unwrap();
        self.pack(name, &format!("{name}.key"), &format!("{name}.pem"))
    }

    /// `openssl ARGS…` in the fixture's folder, which must succeed.
    fn openssl<S: AsRef<std::ffi::OsStr>>(&self, args: impl IntoIterator<Item = S>) {
        let st = Proc::new("openssl")
            .current_dir(self.dir.path())
            .args(args)
            .status()
            .unwrap();
        assert!(st.success(), "openssl failed");
    }

    /// `openssl pkcs12 -export` of a key and a certificate (plus the CA) into `<name>.p12`.
    fn pack(&self, name: &str, key: &str, cert: &str) -> PathBuf {
        let out = format!("{name}.p12");
        let ca = format!("{name}-ca.pem");
        let pass = format!("pass:{PIN}");
        self.openssl([
            "pkcs12",
            "-export",
            "-inkey",
            key,
            "-in",
            cert,
            "-certfile",
            &ca,
            "-passout",
            &pass,
            "-out",
            &out,
        ]);
        self.path(&out)
    }

    fn show(&self, p12: &Path) -> Command {
        let mut c = Command::from_std(cmd::gidcert_with_config(&self.path("config.toml")));
        c.env("NO_COLOR", "1")
            .arg("show")
            .arg(p12)
            .arg("--pin-file")
            .arg(self.path("pin"));
        c
    }

    fn show_json(&self, p12: &Path, extra: &[&str]) -> (i32, Value) {
        let out = self.show(p12).arg("--json").args(extra).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let v: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}): {stdout}"));
        (out.status.code().unwrap(), v)
    }
}

fn openssl_x509(pem: &Path, args: &[&str]) -> String {
    let out = Proc::new("openssl")
        .arg("x509")
        .arg("-in")
        .arg(pem)
        .args(["-noout"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn check<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name} in {v}"))
}

fn failed(v: &Value) -> Vec<String> {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] == false)
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

/// `notAfter=Aug 17 23:19:25 2029 GMT` → RFC 3339.
fn openssl_date(s: &str) -> String {
    let v = s.split_once('=').unwrap().1;
    let fmt = time::macros::format_description!(
        "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
    );
    let t = time::PrimitiveDateTime::parse(v, &fmt)
        .unwrap()
        .assume_utc();
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

#[test]
fn json_agrees_with_openssl_and_all_checks_pass() {
    let f = Fixture::new();
    let p12 = f.p12("good", &Spec::default());
    let (code, v) = f.show_json(&p12, &["--expect-uid", UID]);
    assert_eq!(code, 0, "{v}");
    let c = &v["certificate"];
    let pem = f.path("good.pem");

    let subject = openssl_x509(&pem, &["-subject", "-nameopt", "RFC2253"]);
    assert_eq!(
        format!("subject={}", c["subject_dn"].as_str().unwrap()),
        subject
    );
    let issuer = openssl_x509(&pem, &["-issuer", "-nameopt", "RFC2253"]);
    assert_eq!(
        format!("issuer={}", c["issuer_dn"].as_str().unwrap()),
        issuer
    );
    let serial = openssl_x509(&pem, &["-serial"]);
    assert_eq!(
        serial.to_lowercase(),
        format!("serial={}", c["serial"].as_str().unwrap())
    );
    let fp = openssl_x509(&pem, &["-fingerprint", "-sha256"]);
    let fp = fp
        .split_once('=')
        .unwrap()
        .1
        .replace(':', "")
        .to_lowercase();
    assert_eq!(c["sha256_fingerprint"], fp.as_str());
    assert_eq!(
        c["not_before"],
        openssl_date(&openssl_x509(&pem, &["-startdate"])).as_str()
    );
    assert_eq!(
        c["not_after"],
        openssl_date(&openssl_x509(&pem, &["-enddate"])).as_str()
    );

    assert_eq!(c["subject"]["uid"], UID);
    assert_eq!(c["subject"]["cn"], "TARO YAMADA");
    assert_eq!(c["subject"]["o"], ORG);
    assert_eq!(c["subject"]["c"], "JP");
    assert_eq!(c["issuer_cn"], ISSUER);
    assert_eq!(c["key"], "EC P-256");
    assert_eq!(c["key_usage"][0], "digitalSignature");
    let days = c["days_left"].as_i64().unwrap();
    assert!((398..=400).contains(&days), "{days}");

    let chain = v["chain"].as_array().unwrap();
    assert_eq!(chain.len(), 1);
    assert_eq!(chain[0]["subject"]["cn"], ISSUER);
    assert!(chain[0].get("days_left").is_none());
    assert_eq!(v["has_private_key"], true);
    assert_eq!(v["key_matches_certificate"], true);
    assert!(failed(&v).is_empty(), "{v}");
    for name in [
        "issuer",
        "organization",
        "country",
        "uid",
        "validity",
        "not-expiring-soon",
        "key-matches",
    ] {
        assert_eq!(check(&v, name)["ok"], true, "{name}");
    }
    assert_eq!(v["file"], p12.display().to_string().as_str());
}

#[test]
fn every_check_can_fail_with_its_exit_code() {
    let f = Fixture::new();
    let now = OffsetDateTime::now_utc();
    let cases: [(&str, Spec, &[&str], i32, &str); 6] = [
        (
            "issuer",
            Spec {
                issuer_cn: "Some Other CA",
                ..Spec::default()
            },
            &[],
            10,
            "issuer",
        ),
        (
            "org",
            Spec {
                o: "Another Association",
                ..Spec::default()
            },
            &[],
            10,
            "organization",
        ),
        (
            "country",
            Spec {
                c: "US",
                ..Spec::default()
            },
            &[],
            10,
            "country",
        ),
        (
            "uid",
            Spec::default(),
            &["--expect-uid", "7654321"],
            10,
            "uid",
        ),
        (
            "expired",
            Spec {
                not_before: now - Duration::days(800),
                not_after: now - Duration::days(3) - Duration::hours(1),
                ..Spec::default()
            },
            &[],
            11,
            "validity",
        ),
        (
            "soon",
            Spec {
                not_after: now + Duration::days(10) + Duration::hours(1),
                ..Spec::default()
            },
            &[],
            12,
            "not-expiring-soon",
        ),
    ];
    for (name, spec, extra, code, failing) in cases {
        let p12 = f.p12(name, &spec);
        let (got, v) = f.show_json(&p12, extra);
        assert_eq!(got, code, "{name}: {v}");
        assert_eq!(failed(&v), [failing], "{name}: {v}");
        if name == "expired" {
            assert_eq!(v["certificate"]["days_left"], -3);
        }
    }

    // Expiring soon is judged against --warn-days.
    let p12 = f.path("soon.p12");
    assert_eq!(f.show_json(&p12, &["--warn-days", "5"]).0, 0);
    assert_eq!(f.show_json(&p12, &["--warn-days", "11"]).0, 12);

    // The human output says "expired N days ago" and marks the failure.
    let out = f.show(&f.path("expired.p12")).output().unwrap();
    assert_eq!(out.status.code(), Some(11));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("EXPIRED 3 days ago"), "{text}");
    assert!(text.contains("✗"), "{text}");

    // Under the checks, what to do about the most serious failure: its kind's advice, in both
    // languages; a certificate not valid yet (also 11) has its own. None when all passed.
    let not_yet = f.p12(
        "not-yet",
        &Spec {
            not_before: now + Duration::days(2),
            not_after: now + Duration::days(800),
            ..Spec::default()
        },
    );
    let all_ok = f.p12("ok", &Spec::default());
    let advice = [
        ("Apply for a new one", "新しい電子証明書を申請"),
        ("date and time", "日付と時刻"),
        ("apply for a new one in time", "更新の申請"),
        ("your own certificate file", "登録担当窓口"),
    ];
    let cases = [
        (f.path("expired.p12"), 11, Some(0)),
        (not_yet, 11, Some(1)),
        (f.path("soon.p12"), 12, Some(2)),
        (f.path("issuer.p12"), 10, Some(3)),
        (all_ok, 0, None),
    ];
    for (p12, code, wanted) in cases {
        for (lang, ja) in [("en", false), ("ja", true)] {
            let out = f.show(&p12).args(["--lang", lang]).output().unwrap();
            assert_eq!(out.status.code(), Some(code), "{}", p12.display());
            let text = String::from_utf8(out.stdout).unwrap();
            for (i, (en_text, ja_text)) in advice.iter().enumerate() {
                let needle = if ja { ja_text } else { en_text };
                assert_eq!(
                    text.contains(needle),
                    wanted == Some(i),
                    "{} ({lang}), {needle:?}: {text}",
                    p12.display()
                );
            }
        }
    }

    // A failed check's long sentence still fits 80 columns, in both languages.
    for lang in ["C", "ja_JP.UTF-8"] {
        let out = f
            .show(&f.path("org.p12"))
            .env("LANG", lang)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(10));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Another Association"), "{text}");
        for line in text.lines() {
            assert!(console::measure_text_width(line) <= 80, "{lang}: {line:?}");
        }
    }
}

#[test]
fn a_key_that_does_not_match_is_exit_8() {
    let f = Fixture::new();
    f.p12("a", &Spec::default());
    f.p12("b", &Spec::default());
    // openssl refuses to pack a key with a certificate that is not its own, so pack the bags
    // ourselves: key of b, certificate of a, linked by the same localKeyId.
    let cert_a = pem_der(&f.path("a.pem"));
    let key_b = pem_der(&f.path("b.key"));
    let chain = p12_keystore::PrivateKeyChain::new(
        vec![1u8, 2, 3, 4],
        p12_keystore::PrivateKey::from_der(&key_b).unwrap(),
        [p12_keystore::Certificate::from_der(&cert_a).unwrap()],
    );
    let mut ks = p12_keystore::KeyStore::new();
    ks.add_entry("x", p12_keystore::KeyStoreEntry::PrivateKeyChain(chain));
    let bytes = ks.writer(PIN).write().unwrap();
    let p12 = f.path("mismatch.p12");
    std::fs::write(&p12, bytes).unwrap();

    let (code, v) = f.show_json(&p12, &[]);
    assert_eq!(code, 8, "{v}");
    assert_eq!(failed(&v), ["key-matches"]);
    assert_eq!(v["key_matches_certificate"], false);
    assert_eq!(v["has_private_key"], true);
}

fn pem_der(p: &Path) -> Vec<u8> {
    use base64::Engine as _;
    let text = std::fs::read_to_string(p).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

#[test]
fn wrong_pin_is_exit_3_and_nothing_on_stdout() {
    let f = Fixture::new();
    let p12 = f.p12("good", &Spec::default());
    std::fs::write(f.path("pin"), "x9y8z7w6\n").unwrap();
    let out = f.show(&p12).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    // With --json the error is one object on stdout, with its stable kind (docs/exit-codes.md).
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["error"]["kind"], "wrong-pin", "{v}");
    assert_eq!(v["error"]["exit_code"], 3, "{v}");
    assert!(
        !v.to_string().contains("x9y8z7w6"),
        "the PIN is never printed"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("PIN"), "{err}");
    assert!(
        !err.contains("x9y8z7w6"),
        "the PIN must never be shown: {err}"
    );
}

#[test]
fn labels_follow_the_language() {
    let f = Fixture::new();
    let p12 = f.p12("good", &Spec::default());
    let en = f.show(&p12).output().unwrap();
    assert_eq!(en.status.code(), Some(0));
    let en = String::from_utf8(en.stdout).unwrap();
    for label in ["Issued to", "Issuer", "Validity", "User ID (UID)", "Checks"] {
        assert!(en.contains(label), "{label} missing in:\n{en}");
    }
    assert!(!en.contains("発行先"), "{en}");

    let ja = f.show(&p12).env("LANG", "ja_JP.UTF-8").output().unwrap();
    assert_eq!(ja.status.code(), Some(0));
    let ja = String::from_utf8(ja.stdout).unwrap();
    for label in ["発行先", "発行者", "有効期間", "ユーザーID", "確認結果"] {
        assert!(ja.contains(label), "{label} missing in:\n{ja}");
    }
    assert!(!ja.contains("Issued to"), "{ja}");
    // Readable in 80 columns (kanji count double).
    for line in ja.lines().chain(en.lines()) {
        assert!(
            console::measure_text_width(line) <= 80,
            "too wide: {line:?}"
        );
    }
}

#[test]
fn unknown_profile_and_profiles_file() {
    let f = Fixture::new();
    let p12 = f.p12(
        "other",
        &Spec {
            issuer_cn: "Test CA",
            o: "Test Org",
            c: "US",
            ..Spec::default()
        },
    );
    let out = f.show(&p12).args(["--profile", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(27));

    std::fs::write(
        f.path("profiles.toml"),
        "[profile.test]\nissuer_cn = \"Test CA\"\norganization = \"Test Org\"\ncountry = \"US\"\n",
    )
    .unwrap();
    let (code, v) = f.show_json(&p12, &["--profile", "test"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(f.show_json(&p12, &[]).0, 10);
}

/// Legacy string types, made by `openssl req` with `string_mask = default` (PrintableString,
/// T61String for Latin-1, BMPString beyond): certview shows them instead of failing.
#[test]
fn bmp_and_t61_subjects_display() {
    let f = Fixture::new();
    std::fs::write(
        f.path("req.cnf"),
        "[req]\ndistinguished_name = dn\nstring_mask = default\nutf8 = yes\n[dn]\n",
    )
    .unwrap();
    let subject = format!("/C=JP/O={ORG}/UID={UID}/CN=山田 太郎/OU=René");
    f.openssl([
        "req",
        "-x509",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "legacy.key",
        "-out",
        "legacy.pem",
        "-days",
        "30",
        "-config",
        "req.cnf",
        "-utf8",
        "-subj",
        &subject,
    ]);
    let der = pem_der(&f.path("legacy.pem"));
    // openssl chose BMPString for the kanji and T61String for é: check, so that the test
    // cannot silently stop testing them.
    assert!(der.windows(2).any(|w| w == [0x1E, 0x0A]), "no BMPString");
    assert!(der.windows(2).any(|w| w == [0x14, 0x04]), "no T61String");

    let v = gidcert::certview::CertView::parse(&der).unwrap();
    assert_eq!(
        v.subject.first(gidcert::certview::OID_CN),
        Some("山田 太郎")
    );
    assert_eq!(v.subject.first("2.5.4.11"), Some("René"));
    assert_eq!(v.uid(), Some(UID));
    assert_eq!(
        v.subject.rfc4514(),
        format!("OU=René,CN=山田 太郎,UID={UID},O={ORG},C=JP")
    );
    let openssl = openssl_x509(
        &f.path("legacy.pem"),
        &["-subject", "-nameopt", "RFC2253,-esc_msb"],
    );
    assert_eq!(openssl, format!("subject={}", v.subject.rfc4514()));
    assert_eq!(v.key.to_string(), "EC P-256");
}

#[test]
fn a_file_without_a_key_is_shown_and_exits_7() {
    let f = Fixture::new();
    f.p12("good", &Spec::default());
    let pass = format!("pass:{PIN}");
    f.openssl([
        "pkcs12",
        "-export",
        "-nokeys",
        "-in",
        "good.pem",
        "-certfile",
        "good-ca.pem",
        "-passout",
        &pass,
        "-out",
        "nokey.p12",
    ]);
    let p12 = f.path("nokey.p12");
    let (code, v) = f.show_json(&p12, &[]);
    assert_eq!(code, 7, "{v}");
    assert_eq!(failed(&v), ["has-private-key"]);
    assert_eq!(v["has_private_key"], false);
    assert_eq!(v["key_matches_certificate"], false);
    // The member's certificate, not the CA's, is the one shown.
    assert_eq!(v["certificate"]["subject"]["cn"], "TARO YAMADA");
    assert_eq!(v["chain"].as_array().unwrap().len(), 1);
}
