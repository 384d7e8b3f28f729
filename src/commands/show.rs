//! `gidcert show`: opens a certificate file with its PIN and shows what the authority's manual asks
//! the member to check — 発行先, 発行者, 有効期間, the subject's ユーザーID, CN, O and C — with a
//! ✓/✗ for each check, or one JSON object (docs/json-schema.md).

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::Utc;

use crate::certview::{self, CertView, Check, Expectations, KeyStatus, Severity, Validity};
use crate::explain::{Error, Exit};
use crate::keystore::{self, KeystoreError};
use crate::pin::Pin;
use crate::ui::input::{self, PinSource};
use crate::ui::json::CertJson;
use crate::ui::{output, prompt};
use crate::{fsutil, note, t};

/// What `gidcert show` was asked to do (from [`crate::cli`]).
#[derive(Debug, Clone)]
pub struct Options {
    /// The certificate file (.p12 / .pfx)
    pub file: PathBuf,
    /// Where the PIN(s) come from.
    pub pin: PinSource,
    /// User ID from the notice; the certificate's UID must equal it
    pub expect_uid: Option<String>,
    /// Warn when the certificate expires within N days
    pub warn_days: u32,
    /// Expected issuer, O and C (built in: shiho-shoshi; more in profiles.toml)
    pub profile: String,
    /// Print one JSON object on stdout, nothing else
    pub json: bool,
}

/// What the menu runs, and the command line's defaults: the PIN asked for, the default profile,
/// the 30-day warning.
impl Default for Options {
    fn default() -> Options {
        Options {
            file: PathBuf::new(),
            pin: PinSource::Prompt,
            expect_uid: None,
            warn_days: crate::certview::DEFAULT_WARN_DAYS,
            profile: crate::profile::DEFAULT_PROFILE.to_owned(),
            json: false,
        }
    }
}

/// What `show` needs from an opened file.
struct Opened {
    /// DER of the certificate that goes with the private key (or the only one).
    end_entity: Vec<u8>,
    /// DER of every other certificate in the file, in file order.
    ca_certs: Vec<Vec<u8>>,
    key: KeyStatus,
}

pub fn run(args: Options) -> Result<Exit, Error> {
    // The profile first: a typo in --profile should not cost the member a PIN entry.
    let profile = crate::settings::load_profile(&args.profile)?;
    let bytes = fsutil::read_cert_file(&args.file)?;
    // Look at the file before asking for its PIN: a PEM file or a truncated one gets no PIN
    // prompt, and says what it is even without a terminal.
    crate::commands::backup::check_is_pkcs12(&bytes)?;
    let source = args.pin.clone();
    let (pin, opened) = input::open_with_pin(&source, &t!("prompt-pin"), |pin| open(&bytes, pin))?;
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
    let mut exit = crate::ui::words::checks_exit(&checks);

    if args.json {
        output::print_json(&to_json(&args, &cert, &chain, &opened, &checks, now));
        return Ok(exit);
    }
    let text = render(&args, &cert, &chain, &checks, now);
    print_stdout(&text);

    // Check (ア) of the manual: only the member knows their own name. Asked when someone is
    // there to answer; otherwise the summary says it is still to be done.
    let name = if input::can_prompt() {
        let cn = certview::display_safe(cert.issued_to().unwrap_or(""));
        let yes = prompt::yes_no_required(&t!("show-confirm-name", name = cn))?;
        if !yes && exit == Exit::Ok {
            exit = Exit::CheckFailed;
        }
        Some(yes)
    } else {
        None
    };
    let advice = advice(&checks, cert.validity_at(now));
    print_stdout(&summary(&checks, advice, name));
    Ok(exit)
}

/// What to do about the most serious failed check (a certificate expiring soon included): the
/// advice of its kind in the `kinds!` table. Exit code 11 is for both ends of the validity
/// period; a certificate not valid yet has advice of its own.
fn advice(checks: &[Check], validity: Validity) -> Option<String> {
    let worst = certview::worst_failure(checks)?;
    if worst == Severity::Expired && matches!(validity, Validity::NotYetValid { .. }) {
        return Some(t!("rec-check-not-yet-valid"));
    }
    crate::ui::words::severity_kind(worst).recommendation()
}

/// The last lines: what the automatic checks found, and what the member confirmed (or is still
/// to confirm) — check (ア), the 発行先 is their own name.
fn summary(checks: &[Check], advice: Option<String>, name_confirmed: Option<bool>) -> String {
    let automatic_ok = checks.iter().all(|c| c.ok || c.name.is_warning());
    let wrap = |s: String| output::wrap_wide(&s, 80);
    let auto = if automatic_ok {
        console::style(wrap(t!("show-auto-ok", count = checks.len()))).green()
    } else {
        console::style(wrap(t!("show-some-failed"))).red()
    };
    let mut out = format!("{}\n", auto.bold());
    if let Some(advice) = advice {
        let _ = writeln!(out, "{}", console::style(wrap(advice)).yellow().bold());
    }
    let member = match name_confirmed {
        Some(true) => console::style(wrap(t!("show-name-confirmed"))).green(),
        Some(false) => console::style(wrap(t!("show-name-denied"))).red(),
        None => console::style(wrap(t!("show-name-to-confirm"))).yellow(),
    };
    let _ = writeln!(out, "{}", member.bold());
    out
}

fn print_stdout(s: &str) {
    crate::ui::output::out(format_args!("{s}"));
}

// ---- JSON --------------------------------------------------------------------------------------

/// `show --json` (docs/json-schema.md).
#[derive(Debug, serde::Serialize)]
pub struct ShowReport {
    pub file: String,
    pub certificate: CertJson,
    pub chain: Vec<CertJson>,
    pub has_private_key: bool,
    pub key_matches_certificate: bool,
    pub checks: Vec<crate::ui::json::CheckJson>,
}

fn to_json(
    args: &Options,
    cert: &CertView,
    chain: &[CertView],
    opened: &Opened,
    checks: &[Check],
    now: chrono::DateTime<Utc>,
) -> ShowReport {
    ShowReport {
        file: args.file.display().to_string(),
        certificate: CertJson::end_entity(cert, now),
        chain: chain.iter().map(CertJson::of).collect(),
        has_private_key: opened.key != KeyStatus::Missing,
        key_matches_certificate: opened.key == KeyStatus::Matches,
        checks: crate::ui::json::checks(checks),
    }
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
    args: &Options,
    cert: &CertView,
    chain: &[CertView],
    checks: &[Check],
    now: chrono::DateTime<Utc>,
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
    main.more(crate::ui::words::validity(&cert.validity_at(now)));
    main.row(t!("show-serial"), cert.serial.clone());
    main.row(t!("show-fingerprint"), cert.sha256_fingerprint.clone());
    main.row(t!("show-key"), cert.key.to_string());
    main.row(
        t!("show-key-usage"),
        match &cert.key_usage {
            Some(k) => k
                .iter()
                .map(|k| crate::ui::words::key_usage(*k))
                .collect::<Vec<_>>()
                .join(", "),
            None => t!("show-key-usage-any"),
        },
    );
    main.write("", &mut out);

    let _ = writeln!(out, "\n{}", console::style(t!("show-subject")).bold());
    let mut subject = Table::new();
    for a in cert.subject.attributes() {
        subject.row(crate::ui::words::attribute_label(a), a.display_value());
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
            t.more(crate::ui::words::validity(&ca.validity_at(now)));
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
        let _ = writeln!(
            out,
            "  {mark} {}",
            hanging(&crate::ui::words::check_detail(c))
        );
    }
    if args.expect_uid.is_none() {
        let _ = writeln!(out, "  - {}", hanging(&t!("show-uid-not-checked")));
    }
    out.push('\n');
    out
}

/// A check's sentence wrapped to 80 columns under its `  ✓ ` mark.
fn hanging(text: &str) -> String {
    output::wrap_wide(text, 80 - 4).replace('\n', "\n    ")
}

fn validity_range(c: &CertView) -> String {
    format!(
        "{} – {}",
        certview::local_time(c.not_before),
        certview::local_time(c.not_after)
    )
}

// ---- opening the file --------------------------------------------------------------------------

/// Opens the PKCS#12 file with the keystore reader. A file whose key is missing or does not match
/// is still shown, with that check failing: the member must see what the file holds and why it
/// cannot be used, not only an error.
fn open(bytes: &[u8], pin: &Pin) -> Result<Opened, Error> {
    let p12 = keystore::open(bytes, pin)?;
    let all: Vec<&[u8]> = p12.certificates().collect();
    let (end_entity, key) = match p12.end_entity() {
        Ok(ee) => (
            ee.cert_der,
            // `false` only for a key type whose public key cannot be derived (paired by
            // localKeyId): not a mismatch, but not verified either.
            if ee.key_matches {
                KeyStatus::Matches
            } else {
                KeyStatus::Unknown
            },
        ),
        Err(e @ (KeystoreError::NoPrivateKey | KeystoreError::KeyMismatch)) => {
            let status = match e {
                KeystoreError::NoPrivateKey => KeyStatus::Missing,
                _ => KeyStatus::DoesNotMatch,
            };
            // Without a key to pair with, the member's certificate is the one that is not a CA.
            let der = all
                .iter()
                .find(|d| CertView::parse(d).is_ok_and(|v| !v.is_ca))
                .or(all.first())
                .ok_or(KeystoreError::NoCertificate)?;
            (*der, status)
        }
        Err(e) => return Err(e.into()),
    };
    let ca_certs = all
        .iter()
        .filter(|d| !std::ptr::eq(**d, end_entity))
        .map(|d| d.to_vec())
        .collect();
    Ok(Opened {
        end_entity: end_entity.to_vec(),
        ca_certs,
        key,
    })
}
