//! Test fixtures made at test time with the real tools (`openssl`, `keytool`, `certutil` and
//! `pk12util`), so that gidcert is tested against the files those tools really write.
//!
//! Reuse from any integration test with `#[path = "common/fixtures.rs"] mod fixtures;`.
//! Every function panics with the tool's stderr when a tool fails: a fixture that cannot be made
//! is a broken test environment, never a skipped test.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The subject of the test member's certificate, as the authority issues it.
pub const EE_SUBJECT: &str = "/0.9.2342.19200300.100.1.1=20261121/CN=SATO HANAKO/O=Japan Federation of Shiho-shoshi Lawyer's Associations/C=JP";
/// The issuing CA.
pub const CA_SUBJECT: &str = "/CN=SECOM Passport for G-ID/O=SECOM Trust Systems CO.,LTD./C=JP";
/// The friendly name given to the key and certificate.
pub const FRIENDLY_NAME: &str = "SATO HANAKO";
/// A PIN that every tool accepts (keytool wants at least 6 characters).
pub const PIN: &str = "q7w8e9r0";

/// A CA and a member certificate signed by it, as files in one folder.
#[derive(Clone, Debug)]
pub struct Pki {
    pub dir: PathBuf,
    pub ca_key: PathBuf,
    pub ca_cert: PathBuf,
    pub ee_key: PathBuf,
    /// The member certificate, PEM.
    pub ee_cert: PathBuf,
    /// The member certificate, DER (file and bytes).
    pub ee_cert_der_path: PathBuf,
    pub ee_cert_der: Vec<u8>,
    pub ca_cert_der: Vec<u8>,
}

/// Key types for [`pki_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlg {
    Rsa2048,
    P256,
    P384,
}

/// An RSA-2048 CA and member certificate in `dir` (made once per folder).
pub fn pki(dir: &Path) -> Pki {
    pki_with(dir, KeyAlg::Rsa2048)
}

/// A CA (RSA) and a member certificate whose key is of type `alg`, in `dir/pki-<alg>/`.
pub fn pki_with(dir: &Path, alg: KeyAlg) -> Pki {
    let sub = dir.join(format!("pki-{alg:?}").to_lowercase());
    let p = Pki {
        ca_key: sub.join("ca.key"),
        ca_cert: sub.join("ca.crt"),
        ee_key: sub.join("ee.key"),
        ee_cert: sub.join("ee.crt"),
        ee_cert_der_path: sub.join("ee.der"),
        ee_cert_der: Vec::new(),
        ca_cert_der: Vec::new(),
        dir: sub.clone(),
    };
    if !p.ee_cert_der_path.exists() {
        std::fs::create_dir_all(&sub).unwrap();
        run(Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes"])
            .args([
                "-keyout".as_ref(),
                p.ca_key.as_os_str(),
                "-out".as_ref(),
                p.ca_cert.as_os_str(),
                "-subj".as_ref(),
                CA_SUBJECT.as_ref(),
                "-days".as_ref(),
                "3650".as_ref(),
            ]));
        let mut genkey = Command::new("openssl");
        genkey.arg("genpkey");
        match alg {
            KeyAlg::Rsa2048 => {
                genkey.args(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
            }
            KeyAlg::P256 => {
                genkey.args(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
            }
            KeyAlg::P384 => {
                genkey.args(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"])
            }
        };
        run(genkey.arg("-out").arg(&p.ee_key));
        let csr = sub.join("ee.csr");
        run(Command::new("openssl")
            .args(["req", "-new", "-key"])
            .arg(&p.ee_key)
            .arg("-out")
            .arg(&csr)
            .args(["-subj", EE_SUBJECT]));
        run(Command::new("openssl")
            .args(["x509", "-req", "-in"])
            .arg(&csr)
            .arg("-CA")
            .arg(&p.ca_cert)
            .arg("-CAkey")
            .arg(&p.ca_key)
            .args([
                "-set_serial",
                "0x16C88B80D3D56BFF1E26AB9BD72631BE4A97CF3E",
                "-days",
                "1095",
            ])
            .arg("-out")
            .arg(&p.ee_cert));
        run(Command::new("openssl")
            .args(["x509", "-outform", "DER", "-in"])
            .arg(&p.ee_cert)
            .arg("-out")
            .arg(&p.ee_cert_der_path));
        run(Command::new("openssl")
            .args(["x509", "-outform", "DER", "-in"])
            .arg(&p.ca_cert)
            .arg("-out")
            .arg(sub.join("ca.der")));
    }
    Pki {
        ee_cert_der: std::fs::read(&p.ee_cert_der_path).unwrap(),
        ca_cert_der: std::fs::read(sub.join("ca.der")).unwrap(),
        ..p
    }
}

/// `openssl pkcs12 -export` of the RSA member key, its certificate and the CA certificate, with
/// extra `args` (e.g. `&["-legacy"]`) and `pin` (may be empty). Returns the file's path.
pub fn openssl_p12(dir: &Path, args: &[&str], pin: &str) -> PathBuf {
    openssl_p12_with(&pki(dir), args, pin)
}

/// As [`openssl_p12`], from a given [`Pki`].
pub fn openssl_p12_with(pki: &Pki, args: &[&str], pin: &str) -> PathBuf {
    let out = unique(&pki.dir, "openssl", "p12");
    run(Command::new("openssl")
        .args(["pkcs12", "-export", "-inkey"])
        .arg(&pki.ee_key)
        .arg("-in")
        .arg(&pki.ee_cert)
        .arg("-certfile")
        .arg(&pki.ca_cert)
        .args(["-name", FRIENDLY_NAME])
        .arg("-passout")
        .arg(format!("pass:{pin}"))
        .args(args)
        .arg("-out")
        .arg(&out));
    out
}

/// The openssl file re-written by `keytool -importkeystore` as a PKCS12 keystore (Java's
/// defaults; with `legacy`, `-J-Dkeystore.pkcs12.legacy`: 3DES keys, RC2-40 certificates,
/// SHA-1 MAC). `pin` must have at least 6 characters.
pub fn keytool_p12(dir: &Path, legacy: bool, pin: &str) -> PathBuf {
    let pki = pki(dir);
    let src = openssl_p12_with(&pki, &[], pin);
    let out = unique(&pki.dir, "keytool", "p12");
    let mut cmd = Command::new("keytool");
    if legacy {
        cmd.arg("-J-Dkeystore.pkcs12.legacy");
    }
    run(cmd
        .args([
            "-importkeystore",
            "-noprompt",
            "-srcstoretype",
            "PKCS12",
            "-srckeystore",
        ])
        .arg(&src)
        .args([
            "-srcstorepass",
            pin,
            "-deststoretype",
            "PKCS12",
            "-destkeystore",
        ])
        .arg(&out)
        .args(["-deststorepass", pin, "-destkeypass", pin]));
    out
}

/// A key pair made by keytool itself (`-genkeypair`, EC P-256: Java writes the PKCS#8 key
/// without its public key), and the certificate exported as DER.
pub fn keytool_genkey_ec(dir: &Path, pin: &str) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let out = unique(dir, "keytool-ec", "p12");
    let cert = out.with_extension("der");
    run(Command::new("keytool")
        .args([
            "-genkeypair",
            "-alias",
            "member",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
        ])
        .args([
            "-dname",
            "UID=20261121, CN=SATO HANAKO, O=Japan Federation, C=JP",
        ])
        .args(["-validity", "30", "-storetype", "PKCS12", "-keystore"])
        .arg(&out)
        .args(["-storepass", pin, "-keypass", pin]));
    run(Command::new("keytool")
        .args([
            "-exportcert",
            "-alias",
            "member",
            "-storetype",
            "PKCS12",
            "-keystore",
        ])
        .arg(&out)
        .args(["-storepass", pin, "-file"])
        .arg(&cert));
    (out, cert)
}

/// The openssl file imported into a fresh NSS database (`certutil -N`) and exported again with
/// `pk12util -o`: NSS writes BER with indefinite lengths.
pub fn pk12util_p12(dir: &Path, pin: &str) -> PathBuf {
    let pki = pki(dir);
    let src = openssl_p12_with(&pki, &[], pin);
    let db = unique(&pki.dir, "nssdb", "d");
    std::fs::create_dir_all(&db).unwrap();
    let db_arg = format!("sql:{}", db.display());
    run(Command::new("certutil").args(["-N", "--empty-password", "-d", &db_arg]));
    run(Command::new("pk12util")
        .arg("-i")
        .arg(&src)
        .args(["-d", &db_arg, "-W", pin, "-K", ""]));
    let out = unique(&pki.dir, "pk12util", "p12");
    run(Command::new("pk12util").arg("-o").arg(&out).args([
        "-n",
        FRIENDLY_NAME,
        "-d",
        &db_arg,
        "-W",
        pin,
        "-K",
        "",
    ]));
    out
}

/// An unencrypted PKCS#12 file without a MAC holding `key` (PKCS#8 DER, plain keyBag) and
/// `certs` (DER), built by hand: for contents no tool will write (a key with a stranger's
/// certificate, a key alone).
pub fn plain_p12(key: Option<&[u8]>, certs: &[&[u8]]) -> Vec<u8> {
    const DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    const KEY_BAG: &[u8] = &[
        0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x01,
    ];
    const CERT_BAG: &[u8] = &[
        0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x03,
    ];
    const X509: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x16, 0x01];
    let bag = |id: &[u8], value: &[u8]| tlv(0x30, &[tlv(0x06, id), tlv(0xA0, value)].concat());
    let mut bags = Vec::new();
    if let Some(k) = key {
        bags.extend(bag(KEY_BAG, k));
    }
    for c in certs {
        let cert_bag = tlv(0x30, &[tlv(0x06, X509), tlv(0xA0, &tlv(0x04, c))].concat());
        bags.extend(bag(CERT_BAG, &cert_bag));
    }
    let content_info = |inner: &[u8]| {
        tlv(
            0x30,
            &[tlv(0x06, DATA), tlv(0xA0, &tlv(0x04, inner))].concat(),
        )
    };
    let auth_safe = tlv(0x30, &content_info(&tlv(0x30, &bags)));
    tlv(0x30, &[tlv(0x02, &[3]), content_info(&auth_safe)].concat())
}

/// A DER TLV.
pub fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u32).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (4 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(value);
    out
}

/// A PEM file's PKCS#8 key as DER (`openssl pkcs8 -topk8 -nocrypt -outform DER`).
pub fn pkcs8_der(key_pem: &Path) -> Vec<u8> {
    let out = unique(key_pem.parent().unwrap(), "pkcs8", "der");
    run(Command::new("openssl")
        .args(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in"])
        .arg(key_pem)
        .arg("-out")
        .arg(&out));
    std::fs::read(out).unwrap()
}

/// A PEM certificate file as DER (`openssl x509 -outform DER`).
pub fn cert_der(cert_pem: &Path) -> Vec<u8> {
    let out = unique(cert_pem.parent().unwrap(), "cert", "der");
    run(Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(cert_pem)
        .arg("-out")
        .arg(&out));
    std::fs::read(out).unwrap()
}

/// The fields a member checks, as `openssl x509` prints them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertFields {
    /// RFC 2253 order and escaping (`C=JP,O=…,CN=…,UID=…`).
    pub subject: String,
    pub issuer: String,
    /// Upper-case hex, as `serial=` prints it.
    pub serial: String,
    /// `Nov 21 23:28:58 2026 GMT`
    pub not_before: String,
    pub not_after: String,
    /// Upper-case hex pairs joined by colons.
    pub sha256: String,
}

/// The fields as `openssl x509 -nameopt RFC2253` prints them for the certificate at `path`
/// (PEM or DER).
pub fn openssl_x509_fields(path: &Path) -> CertFields {
    let der = std::fs::read(path).unwrap().first() == Some(&0x30);
    let out = run(Command::new("openssl")
        .args([
            "x509", "-noout", "-nameopt", "RFC2253", "-subject", "-issuer", "-serial",
        ])
        .args([
            "-startdate",
            "-enddate",
            "-fingerprint",
            "-sha256",
            "-inform",
        ])
        .arg(if der { "DER" } else { "PEM" })
        .arg("-in")
        .arg(path));
    let field = |prefix: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in {out}"))
            .to_owned()
    };
    CertFields {
        subject: field("subject="),
        issuer: field("issuer="),
        serial: field("serial="),
        not_before: field("notBefore="),
        not_after: field("notAfter="),
        sha256: field("sha256 Fingerprint="),
    }
}

/// The same fields computed from DER bytes without openssl (x509-parser, sha2).
pub fn cert_fields(der: &[u8]) -> CertFields {
    use sha2::Digest;
    let (rest, cert) = x509_parser::parse_x509_certificate(der).expect("a certificate");
    assert!(rest.is_empty(), "trailing data after the certificate");
    let serial = cert.tbs_certificate.raw_serial();
    let serial = match serial {
        [0, rest @ ..] if !rest.is_empty() => rest,
        s => s,
    };
    let fmt = time::macros::format_description!(
        "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
    );
    let date = |t: x509_parser::time::ASN1Time| t.to_datetime().format(&fmt).unwrap();
    CertFields {
        subject: rfc2253(cert.subject()),
        issuer: rfc2253(cert.issuer()),
        serial: hex::encode_upper(serial),
        not_before: date(cert.validity().not_before),
        not_after: date(cert.validity().not_after),
        sha256: hex::encode_upper(sha2::Sha256::digest(der))
            .as_bytes()
            .chunks(2)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join(":"),
    }
}

fn rfc2253(name: &x509_parser::x509::X509Name<'_>) -> String {
    let short = |oid: &str| match oid {
        "2.5.4.3" => "CN".to_owned(),
        "2.5.4.6" => "C".to_owned(),
        "2.5.4.10" => "O".to_owned(),
        "2.5.4.11" => "OU".to_owned(),
        "0.9.2342.19200300.100.1.1" => "UID".to_owned(),
        other => other.to_owned(),
    };
    let escape = |v: &str| {
        let mut s = String::new();
        for (i, c) in v.chars().enumerate() {
            if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
                || (i == 0 && matches!(c, '#' | ' '))
            {
                s.push('\\');
            }
            s.push(c);
        }
        s
    };
    let mut rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(|a| {
                    format!(
                        "{}={}",
                        short(&a.attr_type().to_id_string()),
                        escape(a.as_str().expect("string attribute"))
                    )
                })
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    rdns.reverse();
    rdns.join(",")
}

/// A fresh path `dir/<stem>-<n>.<ext>`.
pub fn unique(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    dir.join(format!(
        "{stem}-{}.{ext}",
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Runs a tool; panics with its output when it fails. Returns stdout.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (is the tool installed?)"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
