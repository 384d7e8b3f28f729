//! `gidcert show`: opens a certificate file with its PIN and shows what the authority's manual asks
//! the member to check — 発行先, 発行者, 有効期間, the subject's ユーザーID, CN, O and C — with a
//! ✓/✗ for each check, or one JSON object (docs/json-schema.md).

use std::fmt::Write as _;

use chrono::Utc;

use crate::certview::{self, CertView, Check, Expectations, KeyStatus};
use crate::cli::ShowArgs;
use crate::error::{Error, Exit};
use crate::input::{self, InputError, PinSource};
use crate::pin::Pin;
use crate::{fsutil, note, output, profile, t};

/// What `show` needs from an opened file.
struct Opened {
    /// DER of the certificate that goes with the private key (or the only one).
    end_entity: Vec<u8>,
    /// DER of every other certificate in the file, in file order.
    ca_certs: Vec<Vec<u8>>,
    key: KeyStatus,
}

pub fn run(args: ShowArgs) -> Result<Exit, Error> {
    // The profile first: a typo in --profile should not cost the member a PIN entry.
    let profile = profile::load(&args.profile)?;
    let bytes = fsutil::read_cert_file(&args.file)?;
    let pin = read_pin(&args)?;
    let opened = open(&bytes, &pin)?;
    drop(pin);

    let cert = CertView::parse(&opened.end_entity)?;
    let mut chain = Vec::with_capacity(opened.ca_certs.len());
    for der in &opened.ca_certs {
        match CertView::parse(der) {
            Ok(v) => chain.push(v),
            // A damaged extra certificate does not stop the member's own from being shown.
            Err(e) => note!("{}: {}", t!("show-warning"), e.detail),
        }
    }

    let now = Utc::now();
    let checks = cert.checks(&Expectations {
        profile: &profile,
        expect_uid: args.expect_uid.as_deref(),
        now,
        warn_days: args.warn_days,
        key: opened.key,
    });
    let exit = certview::outcome(&checks);

    if args.json {
        output::print_json(&to_json(&args, &cert, &chain, &opened, &checks, now));
    } else {
        let text = render(&args, &cert, &chain, &checks, now, exit);
        print_stdout(&text);
    }
    Ok(exit)
}

fn read_pin(args: &ShowArgs) -> Result<Pin, InputError> {
    let source = PinSource::from_flags(args.pin.pin_stdin, args.pin.pin_file.clone());
    if source.is_prompt() {
        return input::prompt_pin(&t!("prompt-pin"));
    }
    // read_pin_lines returns exactly `count` PINs or an error.
    input::read_pin_lines(&source, 1)?
        .into_iter()
        .next()
        .ok_or(InputError::MissingPinLine {
            needed: 1,
            got: 0,
            source: String::new(),
        })
}

fn print_stdout(s: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    // A closed stdout (a pipe to `head`) is not worth a panic.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

// ---- JSON --------------------------------------------------------------------------------------

fn to_json(
    args: &ShowArgs,
    cert: &CertView,
    chain: &[CertView],
    opened: &Opened,
    checks: &[Check],
    now: chrono::DateTime<Utc>,
) -> serde_json::Value {
    let mut c = cert.to_json();
    c.insert("days_left".into(), cert.days_left(now).into());
    serde_json::json!({
        "file": args.file.display().to_string(),
        "certificate": c,
        "chain": chain.iter().map(|v| serde_json::Value::Object(v.to_json())).collect::<Vec<_>>(),
        "has_private_key": opened.key != KeyStatus::Missing,
        "key_matches_certificate": opened.key == KeyStatus::Matches,
        "checks": checks.iter().map(Check::to_json).collect::<Vec<_>>(),
    })
}

// ---- text --------------------------------------------------------------------------------------

/// Aligned label/value rows; labels are measured in terminal columns (a kanji is two).
struct Table {
    rows: Vec<(String, String)>,
}

impl Table {
    fn new() -> Table {
        Table { rows: Vec::new() }
    }
    fn row(&mut self, label: String, value: impl Into<String>) {
        self.rows.push((label, value.into()));
    }
    /// A continuation line under the previous row's value.
    fn more(&mut self, value: impl Into<String>) {
        self.rows.push((String::new(), value.into()));
    }
    fn write(&self, indent: &str, out: &mut String) {
        let width = self
            .rows
            .iter()
            .map(|(l, _)| console::measure_text_width(l))
            .max()
            .unwrap_or(0);
        for (label, value) in &self.rows {
            let pad = width - console::measure_text_width(label);
            let _ = writeln!(
                out,
                "{indent}{}{}  {value}",
                console::style(label).bold(),
                " ".repeat(pad)
            );
        }
    }
}

fn render(
    args: &ShowArgs,
    cert: &CertView,
    chain: &[CertView],
    checks: &[Check],
    now: chrono::DateTime<Utc>,
    exit: Exit,
) -> String {
    let none = t!("cert-value-none");
    let safe = |v: Option<&str>| v.map_or_else(|| none.clone(), certview::display_safe);
    let mut out = String::new();

    let mut main = Table::new();
    main.row(
        t!("show-file"),
        certview::display_safe(&args.file.display().to_string()),
    );
    main.row(t!("show-issued-to"), safe(cert.issued_to()));
    main.row(t!("show-issuer"), safe(cert.issuer_cn()));
    main.more(certview::display_safe(&cert.issuer.rfc4514()));
    main.row(t!("show-validity"), validity_range(cert));
    main.more(cert.validity_at(now).describe());
    main.row(t!("show-serial"), cert.serial.clone());
    main.row(t!("show-fingerprint"), cert.sha256_fingerprint.clone());
    main.row(t!("show-key"), cert.key.to_string());
    main.row(
        t!("show-key-usage"),
        match &cert.key_usage {
            Some(k) => k.iter().map(|k| k.label()).collect::<Vec<_>>().join(", "),
            None => t!("show-key-usage-any"),
        },
    );
    main.write("", &mut out);

    let _ = writeln!(out, "\n{}", console::style(t!("show-subject")).bold());
    let mut subject = Table::new();
    for a in cert.subject.attributes() {
        subject.row(a.label(), a.display_value());
    }
    subject.write("  ", &mut out);

    out.push('\n');
    if chain.is_empty() {
        let _ = writeln!(out, "{}", console::style(t!("show-no-ca-certs")).bold());
    } else {
        let _ = writeln!(
            out,
            "{}",
            console::style(t!("show-ca-certs", count = chain.len())).bold()
        );
        for ca in chain {
            let _ = writeln!(out, "  - {}", certview::display_safe(&ca.subject.rfc4514()));
            let mut t = Table::new();
            t.row(
                t!("show-issuer"),
                certview::display_safe(&ca.issuer.rfc4514()),
            );
            t.row(t!("show-validity"), validity_range(ca));
            t.more(ca.validity_at(now).describe());
            t.row(t!("show-fingerprint"), ca.sha256_fingerprint.clone());
            t.write("    ", &mut out);
        }
    }

    let _ = writeln!(out, "\n{}", console::style(t!("show-checks")).bold());
    for c in checks {
        let mark = if !c.ok && c.name.is_warning() {
            console::style("!").yellow().to_string()
        } else {
            output::mark(c.ok).to_string()
        };
        let _ = writeln!(out, "  {mark} {}", c.detail);
    }
    if args.expect_uid.is_none() {
        let _ = writeln!(out, "  - {}", t!("show-uid-not-checked"));
    }
    out.push('\n');
    let summary = match exit {
        Exit::Ok => console::style(t!("show-all-ok")).green(),
        Exit::ExpiresSoon => console::style(t!("show-expires-soon")).yellow(),
        _ => console::style(t!("show-some-failed")).red(),
    };
    let _ = writeln!(out, "{}", summary.bold());
    out
}

fn validity_range(c: &CertView) -> String {
    format!(
        "{} – {}",
        certview::local_time(c.not_before),
        certview::local_time(c.not_after)
    )
}

// ---- opening the file --------------------------------------------------------------------------

/// Opens the PKCS#12 file.
///
/// INTERIM: until the bag-level reader (`keystore::open`, issue "keystore core") lands on main,
/// this reads the file with the p12-keystore crate and compares the key with the certificate
/// itself. When it lands, replace the body with `keystore::open(bytes, pin)?` +
/// `end_entity()` / `ca_certificates()`; nothing else in this file changes.
fn open(bytes: &[u8], pin: &Pin) -> Result<Opened, Error> {
    interim::open(bytes, pin)
}

mod interim {
    use p12_keystore::Pkcs12Archive;
    use p12_keystore::error::Error as P12Error;
    use x509_parser::asn1_rs::{Any, FromDer, Tag};
    use x509_parser::certificate::X509Certificate;
    use x509_parser::public_key::PublicKey;

    use super::Opened;
    use crate::certview::KeyStatus;
    use crate::error::{Error, Exit, Explain};
    use crate::pin::Pin;
    use crate::t;

    #[derive(Debug)]
    pub(super) enum OpenError {
        WrongPin,
        NotPkcs12,
        Unsupported,
        NoCertificate,
    }

    impl Explain for OpenError {
        fn exit(&self) -> Exit {
            match self {
                OpenError::WrongPin => Exit::WrongPin,
                OpenError::NotPkcs12 => Exit::NotPkcs12,
                OpenError::Unsupported => Exit::Unsupported,
                OpenError::NoCertificate => Exit::Corrupt,
            }
        }
        fn message(&self) -> String {
            match self {
                OpenError::WrongPin => t!("err-show-wrong-pin"),
                OpenError::NotPkcs12 => t!("err-show-not-pkcs12"),
                OpenError::Unsupported => t!("err-show-unsupported"),
                OpenError::NoCertificate => t!("err-show-no-certificate"),
            }
        }
        fn recommendation(&self) -> Option<String> {
            match self {
                OpenError::WrongPin => Some(t!("rec-show-wrong-pin")),
                _ => Some(t!("rec-cert-unreadable")),
            }
        }
        fn kind(&self) -> &'static str {
            match self {
                OpenError::WrongPin => "wrong-pin",
                OpenError::NotPkcs12 => "not-pkcs12",
                OpenError::Unsupported => "unsupported",
                OpenError::NoCertificate => "no-certificate",
            }
        }
    }

    pub(super) fn open(bytes: &[u8], pin: &Pin) -> Result<Opened, Error> {
        let archive = Pkcs12Archive::from_pkcs12(bytes, pin.expose()).map_err(|e| match e {
            // A MAC that does not verify, or a decryption that does not unpad: the PIN.
            P12Error::MacError(_) | P12Error::UnpadError | P12Error::Pkcs5Error(_) => {
                OpenError::WrongPin
            }
            P12Error::UnsupportedEncryptionScheme
            | P12Error::UnsupportedMacAlgorithm
            | P12Error::UnsupportedContentType
            | P12Error::UnsupportedCertificateType => OpenError::Unsupported,
            _ => OpenError::NotPkcs12,
        })?;
        let certs: Vec<(Option<Vec<u8>>, Vec<u8>)> = archive
            .certs
            .iter()
            .map(|c| (c.local_key_id.clone(), c.cert.as_der().to_vec()))
            .collect();
        let key = archive.keys.first();
        // The end entity is the certificate carrying the key's localKeyId, else the one whose
        // public key is the key's, else the first.
        let idx = key
            .and_then(|k| {
                let id = k.local_key_id.as_ref()?;
                certs
                    .iter()
                    .position(|(cid, _)| cid.as_deref() == Some(id.as_ref()))
            })
            .or_else(|| {
                let k = key?;
                certs
                    .iter()
                    .position(|(_, der)| key_matches(der, k.key.as_der()) == Some(true))
            })
            .unwrap_or(0);
        if certs.is_empty() {
            return Err(OpenError::NoCertificate.into());
        }
        let end_entity = certs[idx].1.clone();
        let key = match key {
            None => KeyStatus::Missing,
            Some(k) => match key_matches(&end_entity, k.key.as_der()) {
                Some(true) => KeyStatus::Matches,
                Some(false) => KeyStatus::DoesNotMatch,
                None => KeyStatus::Unknown,
            },
        };
        let ca_certs = certs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i != idx)
            .map(|(_, (_, der))| der)
            .collect();
        Ok(Opened {
            end_entity,
            ca_certs,
            key,
        })
    }

    /// Whether the PKCS#8 private key is the one for the certificate's public key: RSA by
    /// modulus and exponent, EC by the public point the key carries. `None` when it cannot tell.
    fn key_matches(cert_der: &[u8], pkcs8: &[u8]) -> Option<bool> {
        let (_, cert) = X509Certificate::from_der(cert_der).ok()?;
        let spki = cert.public_key();
        let items = children(pkcs8)?;
        // PrivateKeyInfo ::= SEQUENCE { version, algorithm, privateKey OCTET STRING, ... }
        let inner = items.get(2)?;
        if inner.tag() != Tag::OctetString {
            return None;
        }
        let fields = children(inner.data)?;
        match spki.parsed().ok()? {
            PublicKey::RSA(rsa) => {
                // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... }
                let (n, e) = (fields.get(1)?, fields.get(2)?);
                Some(strip(n.data) == strip(rsa.modulus) && strip(e.data) == strip(rsa.exponent))
            }
            PublicKey::EC(point) => {
                // ECPrivateKey ::= SEQUENCE { version, privateKey, [0] params, [1] publicKey }
                let pubkey = fields
                    .iter()
                    .find(|f| f.header.raw_tag() == Some(&[0xA1]))?;
                let bits = children_raw(pubkey.data)?;
                let bs = bits.first()?;
                // BIT STRING: one byte of unused bits, then the point.
                Some(bs.data.get(1..)? == point.data())
            }
            _ => None,
        }
    }

    fn strip(b: &[u8]) -> &[u8] {
        let n = b.iter().take_while(|x| **x == 0).count();
        &b[n..]
    }

    /// The elements of a DER SEQUENCE.
    fn children(der: &[u8]) -> Option<Vec<Any<'_>>> {
        let (_, seq) = Any::from_der(der).ok()?;
        children_raw(seq.data)
    }

    fn children_raw(mut data: &[u8]) -> Option<Vec<Any<'_>>> {
        let mut v = Vec::new();
        while !data.is_empty() {
            let (rest, any) = Any::from_der(data).ok()?;
            v.push(any);
            data = rest;
        }
        Some(v)
    }
}
