//! `gidcert download`: the authority's download tool, step by step (seed 001, ③ to ⑫).
//!
//! 1. Ask for (or read) the identification number, the PIN, the user ID on the notice and the
//!    folder. 2. Download, with a spinner; the client checks the answer against the protocol. 3.
//!    Open the file with the PIN and check the certificate (issuer, O, C, UID, validity): a file
//!    failing any check is never written. 4. Save it atomically, never over an existing file unless
//!    `--force`; when the save fails the bytes stay in memory and the member may choose another
//!    folder. 5. Confirm receipt to the server (a failure is only a warning). 6. Show the
//!    certificate, the server's deletion deadline, and what to do next (back up now, return the
//!    受領書).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use zeroize::Zeroizing;

use crate::certview::{self, CertView, Check, CheckName, Expectations};
use crate::config::Config;
use crate::drives::{DriveMap, Location};
use crate::explain::{Error, Exit, Explain, Kind};
use crate::fsutil::{self, Overwrite, Saved};
use crate::pin::Pin;
use crate::protocol::client::load_ca_file;
use crate::protocol::{Client, Deadlines, Delivery, IdNumber, ServerUrl};
use crate::ui::filename::FileName;
use crate::ui::input::{self, PinFor, PinSource};
use crate::ui::prompt;
use crate::ui::words::sentences;
use crate::{note, t};

/// What `gidcert download` was asked to do (from [`crate::cli`]).
#[derive(Debug, Clone)]
pub struct Options {
    /// Download server (else GIDCERT_SERVER, else the config file)
    pub server: Option<String>,
    /// Also trust this CA certificate (PEM) for the server
    pub ca_cert: Option<PathBuf>,
    /// Identification number (識別番号) from the notice
    pub id: Option<String>,
    /// User ID from the notice; the certificate's UID must equal it
    pub expect_uid: Option<String>,
    /// Folder to save the file in
    pub out: Option<PathBuf>,
    /// File name (default: <user ID>_<YYYYMMDDhhmmss>.p12)
    pub file_name: Option<String>,
    /// Where the PIN(s) come from.
    pub pin: PinSource,
    /// Also make a verified backup copy in this folder
    pub backup_to: Option<PathBuf>,
    /// Replace an existing file of the same name
    pub force: bool,
    /// Print one JSON object on stdout, nothing else
    pub json: bool,
}

/// The environment variable naming the server when `--server` is not given.
pub const SERVER_ENV: &str = "GIDCERT_SERVER";
/// The environment variable setting the download deadline in seconds (docs/protocol.md).
pub const DEADLINE_ENV: &str = "GIDCERT_DEADLINE";

pub fn run(args: Options) -> Result<Exit, Error> {
    let config = crate::settings::load_config()?;
    let env_server = std::env::var(SERVER_ENV).ok();
    let server = ServerUrl::resolve(
        args.server.as_deref(),
        env_server.as_deref(),
        config.server.as_deref(),
    )?;
    let roots = match &args.ca_cert {
        Some(p) => load_ca_file(p)?,
        None => Vec::new(),
    };
    let profile = crate::settings::load_profile(crate::profile::DEFAULT_PROFILE)?;
    let file_name = args
        .file_name
        .as_deref()
        .map(|n| {
            FileName::parse(n).ok_or_else(|| DownloadError::BadFileName { name: n.to_owned() })
        })
        .transpose()?;

    // Everything is asked and checked before the download, in the order of the notice: the
    // deletion clock starts with the first complete download, and no mistake should cost one of
    // the server's PIN attempts. The PIN comes last, once everything else is known to be right.
    let pin_source = args.pin.clone();
    let interactive = input::can_prompt();
    let id = match &args.id {
        Some(s) => IdNumber::parse(s)?,
        None if interactive => prompt_id()?,
        None => return Err(DownloadError::Missing { flags: "--id ID" }.into()),
    };
    let mut expect_uid = match &args.expect_uid {
        Some(u) => Some(u.clone()),
        None if interactive => prompt::ask_optional(&t!("dl-prompt-uid"))?,
        None => None,
    };
    let drives = crate::settings::drives();
    let mut folder = match &args.out {
        Some(d) => {
            check_destination(d)?;
            d.clone()
        }
        None if interactive => choose_folder(&config, &drives)?,
        None => match &config.save_dir {
            Some(d) => {
                check_destination(d)?;
                d.clone()
            }
            None => return Err(DownloadError::Missing { flags: "--out DIR" }.into()),
        },
    };
    if !interactive && drives.location_of(&folder) == Location::Fixed {
        note!(
            "{}: {}",
            t!("dl-warning"),
            t!("dl-fixed-disk-warning", path = shown(&folder))
        );
    }
    let pin = read_pin(&pin_source, interactive)?;

    let deadlines = match std::env::var(DEADLINE_ENV) {
        Ok(v) => Deadlines::parse_seconds(&v)?,
        Err(_) => Deadlines::default(),
    };
    let client = Client::with_deadlines(server, roots, deadlines)?;
    let delivery = crate::ui::output::with_countdown(
        !args.json,
        &t!("dl-downloading"),
        deadlines.download,
        || client.download(&id, &pin),
    )?;
    tracing::debug!(?delivery, "downloaded");

    let now = Utc::now();
    let opened = open_pkcs12(&delivery.body, &pin)?;
    let checks = loop {
        let checks = opened.view.checks(&Expectations {
            profile: &profile,
            expect_uid: expect_uid.as_deref(),
            now,
            warn_days: 30,
            key: match opened.key_matches {
                Some(true) => certview::KeyStatus::Matches,
                Some(false) => certview::KeyStatus::DoesNotMatch,
                None => certview::KeyStatus::Unknown,
            },
        });
        let Some(failed) = checks.iter().find(|c| !c.ok && !c.name.is_warning()) else {
            break checks;
        };
        // A mistyped user ID must not throw away the verified file: show both and ask.
        if interactive
            && failed.name == CheckName::Uid
            && let Some(typed) = &expect_uid
        {
            note!(
                "{} {}",
                crate::ui::output::mark(false),
                t!(
                    "dl-uid-differs",
                    typed = certview::display_safe(typed),
                    uid = certview::display_safe(opened.view.uid().unwrap_or(""))
                )
            );
            if prompt::yes_no(&t!("dl-uid-typo"), true)? {
                expect_uid = Some(prompt::ask_text(&t!("dl-prompt-uid-again"))?);
                continue;
            }
        }
        return Err(DownloadError::CheckFailed {
            check: failed.clone(),
            delete_at: delivery.delete_at,
        }
        .into());
    };

    let name = match &file_name {
        Some(n) => n.as_str().to_owned(),
        None => default_file_name(opened.view.uid(), Local::now()),
    };
    let overwrite = if args.force {
        Overwrite::Replace
    } else {
        Overwrite::Never
    };
    let saved = loop {
        match fsutil::write_atomic(&folder.join(&name), &delivery.body, overwrite)
            .map_err(Error::from)
        {
            Ok(s) => break s,
            Err(e) if interactive => {
                crate::ui::output::print_error(&e);
                note!("{}", until_text(delivery.delete_at));
                match choose_folder(&config, &crate::settings::drives()) {
                    Ok(f) => folder = f,
                    Err(_) => return Err(save_failed(e, &delivery)),
                }
            }
            Err(e) => return Err(save_failed(e, &delivery)),
        }
    };
    note!("{} {}", crate::ui::output::mark(true), t!("dl-saved"));

    let receipt = match client.confirm_receipt(&id, &pin, &saved.sha256) {
        Ok(()) => true,
        Err(e) => {
            note!("{}: {}", t!("dl-warning"), t!("dl-receipt-failed"));
            note!("  {}", e.message());
            false
        }
    };
    drop(pin);
    // Its connections hold buffers the request bodies passed through: free them now.
    drop(client);

    let backup = args
        .backup_to
        .as_ref()
        .map(|dir| fsutil::write_atomic(&dir.join(&name), &delivery.body, overwrite));
    let (backup_saved, backup_error) = match backup {
        Some(Ok(s)) => (Some(s), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };

    let report = Report {
        saved: &saved,
        view: &opened.view,
        checks: &checks,
        delete_at: delivery.delete_at,
        backup: backup_saved.as_ref(),
        receipt,
        now: Utc::now(),
    };
    if args.json {
        crate::ui::output::print_json(&report.json());
    } else {
        report.print();
    }
    remind(backup_saved.is_some(), &saved.path);

    if let Some(e) = backup_error {
        return Err(DownloadError::BackupFailed {
            inner: e.into(),
            saved: saved.path.clone(),
        }
        .into());
    }
    Ok(crate::ui::words::checks_exit(&checks))
}

// ---- inputs ------------------------------------------------------------------------------------

/// The login PIN, last of all inputs: refused before it is sent when it cannot be right.
fn read_pin(source: &PinSource, interactive: bool) -> Result<Pin, Error> {
    if source.is_prompt() && !interactive {
        return Err(DownloadError::Missing {
            flags: "--pin-stdin | --pin-file PATH",
        }
        .into());
    }
    Ok(input::read_pin(source, &t!("prompt-pin"), PinFor::Login)?)
}

fn prompt_id() -> Result<IdNumber, Error> {
    loop {
        let s = prompt::ask_text(&t!("dl-prompt-id"))?;
        match IdNumber::parse(&s) {
            Ok(id) => return Ok(id),
            Err(e) => prompt::complain(&e.message()),
        }
    }
}

fn shown(p: &Path) -> String {
    certview::display_safe(&p.display().to_string())
}

/// The room a certificate file needs: it is never larger than this (fsutil::MAX_CERT_FILE).
pub const NEEDED_SPACE: u64 = fsutil::MAX_CERT_FILE;

/// Checks a destination folder before anything is downloaded: it exists, is a folder, can be
/// written (a temporary file is created and removed), and has room for a certificate file.
pub fn check_destination(folder: &Path) -> Result<(), fsutil::FsError> {
    use fsutil::FsError;
    let path = folder.to_owned();
    let meta = std::fs::metadata(folder).map_err(|_| FsError::NoFolder { path: path.clone() })?;
    if !meta.is_dir() {
        return Err(FsError::NotAFolder { path });
    }
    match tempfile::Builder::new()
        .prefix(".gidcert-probe-")
        .tempfile_in(folder)
    {
        // Dropping the temporary file removes it.
        Ok(probe) => drop(probe),
        Err(e) => {
            return Err(match e.kind() {
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    FsError::ReadOnly { path }
                }
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    FsError::DiskFull { path }
                }
                _ => FsError::Write { path, error: e },
            });
        }
    }
    if let Some(free) = crate::drives::free_space(folder)
        && free < NEEDED_SPACE
    {
        return Err(FsError::DiskFull { path });
    }
    Ok(())
}

/// Offers the removable drives, the configured `save_dir`, the user's download folder and a typed
/// path; checks the folder chosen ([`check_destination`]) and, when it is not on a removable
/// drive, asks before using it (default no: the authority's manual and the 2014 notice want the
/// file on a USB stick). Asked again until a folder passes.
fn choose_folder(config: &Config, drives: &DriveMap) -> Result<PathBuf, Error> {
    let mut drives = drives.clone();
    loop {
        let removable = drives.removable();
        if removable.is_empty() {
            note!("{}", t!("dl-no-removable"));
        }
        let mut choices: Vec<(String, PathBuf)> = Vec::new();
        for drive in &removable {
            choices.push((
                t!(
                    "dl-folder-drive",
                    label = certview::display_safe(&drive.label),
                    path = shown(&drive.mount_point)
                ),
                drive.mount_point.clone(),
            ));
        }
        if let Some(d) = &config.save_dir {
            choices.push((t!("dl-folder-config", path = shown(d)), d.clone()));
        }
        if let Some(d) =
            directories::UserDirs::new().and_then(|u| u.download_dir().map(Path::to_owned))
        {
            choices.push((t!("dl-folder-downloads", path = shown(&d)), d));
        }
        let mut items: Vec<String> = choices.iter().map(|(l, _)| l.clone()).collect();
        items.push(t!("dl-folder-other"));
        items.push(t!("dl-folder-rescan"));
        let picked = prompt::choose(&t!("dl-prompt-folder"), &items, Some(0))?;
        let folder = match choices.get(picked) {
            Some((_, p)) => {
                if let Err(e) = check_destination(p) {
                    prompt::complain(&Error::from(e).message());
                    continue;
                }
                p.clone()
            }
            None if picked == choices.len() => prompt::ask_folder(&t!("dl-prompt-path"), |p| {
                check_destination(p).map_err(|e| Error::from(e).message())
            })?,
            None => {
                drives = crate::settings::drives();
                continue;
            }
        };
        if drives.location_of(&folder) == Location::Fixed
            && !prompt::yes_no(&t!("dl-fixed-disk-confirm", path = shown(&folder)), false)?
        {
            drives = crate::settings::drives();
            continue;
        }
        return Ok(folder);
    }
}

/// `<user ID>_<YYYYMMDDhhmmss>.p12` (the naming of seed 004), local time. The user ID comes from
/// the certificate, so anything that is not a safe file-name character is replaced.
pub fn default_file_name(uid: Option<&str>, at: DateTime<Local>) -> String {
    let safe: String = uid
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let stem = if safe.is_empty() { "certificate" } else { safe };
    format!("{stem}_{}.p12", at.format("%Y%m%d%H%M%S"))
}

// ---- download ----------------------------------------------------------------------------------

/// The end-entity certificate of a downloaded file.
struct Opened {
    view: CertView,
    key_matches: Option<bool>,
}

/// Opens the file with the PIN and finds the member's certificate: the one whose public key is
/// the private key's (keystore::open + end_entity).
fn open_pkcs12(body: &Zeroizing<Vec<u8>>, pin: &Pin) -> Result<Opened, DownloadError> {
    use crate::keystore::KeystoreError;
    let p12 = crate::keystore::open(body, pin).map_err(|e| match e {
        // The PIN logged in, so the server sent a file protected by another password.
        KeystoreError::WrongPin => DownloadError::DoesNotOpen,
        other => DownloadError::Unusable(other),
    })?;
    let ee = p12.end_entity().map_err(DownloadError::Unusable)?;
    let view = CertView::parse(ee.cert_der)
        .map_err(|e| DownloadError::BadCertificate { detail: e.detail })?;
    Ok(Opened {
        view,
        key_matches: Some(ee.key_matches).filter(|m| *m),
    })
}

fn save_failed(inner: Error, d: &Delivery) -> Error {
    DownloadError::SaveFailed {
        inner,
        delete_at: d.delete_at,
    }
    .into()
}

// ---- output ------------------------------------------------------------------------------------

/// `download --json` (docs/json-schema.md).
#[derive(Debug, serde::Serialize)]
pub struct DownloadJson {
    pub file: String,
    pub sha256: String,
    pub size: u64,
    pub certificate: crate::ui::json::CertJson,
    pub checks: Vec<crate::ui::json::CheckJson>,
    pub delete_at: String,
    pub backup: Option<String>,
    pub receipt_confirmed: bool,
}

struct Report<'a> {
    saved: &'a Saved,
    view: &'a CertView,
    checks: &'a [Check],
    delete_at: DateTime<Utc>,
    backup: Option<&'a Saved>,
    receipt: bool,
    now: DateTime<Utc>,
}

impl Report<'_> {
    fn json(&self) -> DownloadJson {
        DownloadJson {
            file: self.saved.path.display().to_string(),
            sha256: self.saved.sha256_hex(),
            size: self.saved.len,
            certificate: crate::ui::json::CertJson::end_entity(self.view, self.now),
            checks: crate::ui::json::checks(self.checks),
            delete_at: certview::rfc3339(self.delete_at),
            backup: self.backup.map(|b| b.path.display().to_string()),
            receipt_confirmed: self.receipt,
        }
    }

    fn print(&self) {
        let v = self.view;
        let none = t!("cert-value-none");
        let or_none = |s: Option<&str>| s.map_or_else(|| none.clone(), certview::display_safe);
        crate::say!("{}: {}", t!("dl-label-file"), self.saved.path.display());
        crate::say!("{}: {}", t!("dl-label-issued-to"), or_none(v.issued_to()));
        crate::say!("{}: {}", t!("dl-label-uid"), or_none(v.uid()));
        crate::say!("{}: {}", t!("dl-label-issuer"), or_none(v.issuer_cn()));
        crate::say!(
            "{}: {} – {}",
            t!("dl-label-validity"),
            certview::local_time(v.not_before),
            certview::local_time(v.not_after)
        );
        crate::say!("{}: {}", t!("dl-label-sha256"), self.saved.sha256_hex());
        for c in self.checks {
            let mark = if c.ok || !c.name.is_warning() {
                crate::ui::output::mark(c.ok).to_string()
            } else {
                "!".to_owned()
            };
            crate::say!("  {mark} {}", crate::ui::words::check_detail(c));
        }
        if !self.checks.iter().any(|c| c.name == CheckName::Uid) {
            crate::say!("  {}", t!("dl-uid-not-checked"));
        }
        if let Some(b) = self.backup {
            crate::say!("{}: {}", t!("dl-label-backup"), b.path.display());
        }
        crate::say!("{}", until_text_at(self.delete_at, self.now));
    }
}

/// "You can download it again until 15:42 (59 minutes); after that the server deletes it."
fn until_text(delete_at: DateTime<Utc>) -> String {
    until_text_at(delete_at, Utc::now())
}

fn until_text_at(delete_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (delete_at - now).num_minutes().max(0);
    let local = delete_at
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    t!("dl-until", until = local, minutes = minutes)
}

fn remind(backed_up: bool, path: &Path) {
    if !backed_up {
        note!(
            "{}",
            t!("dl-remind-backup", path = path.display().to_string())
        );
    }
    note!("{}", t!("dl-remind-pin"));
    note!("{}", t!("dl-remind-receipt"));
}

// ---- errors ------------------------------------------------------------------------------------

#[derive(Debug)]
#[non_exhaustive]
pub enum DownloadError {
    /// Not interactive and a value is missing.
    Missing {
        flags: &'static str,
    },
    BadFileName {
        name: String,
    },
    /// The file does not open with the PIN that logged in.
    DoesNotOpen,
    /// The file opens but cannot be used (no key, no certificate, key mismatch, damaged…).
    Unusable(crate::keystore::KeystoreError),
    BadCertificate {
        detail: String,
    },
    /// A check of the certificate failed; nothing was saved.
    CheckFailed {
        check: Check,
        delete_at: DateTime<Utc>,
    },
    /// The file could not be saved; it may be downloaded again until `delete_at`.
    SaveFailed {
        inner: Error,
        delete_at: DateTime<Utc>,
    },
    /// The file was saved, the backup copy was not.
    BackupFailed {
        inner: Error,
        saved: PathBuf,
    },
}

impl Explain for DownloadError {
    fn message(&self) -> String {
        use DownloadError::*;
        match self {
            Missing { flags } => t!("err-dl-missing", flags = flags.to_string()),
            BadFileName { name } => t!("err-dl-bad-file-name", name = name.as_str()),
            DoesNotOpen => t!("err-dl-does-not-open"),
            Unusable(e) => sentences(&[e.message(), t!("err-dl-not-saved")]),
            BadCertificate { detail } => t!("err-dl-bad-cert", detail = detail.as_str()),
            CheckFailed { check, delete_at } => sentences(&[
                t!(
                    "err-dl-check-failed",
                    check = crate::ui::words::check_detail(check)
                ),
                until_text(*delete_at),
            ]),
            SaveFailed { inner, delete_at } => sentences(&[
                inner.message(),
                t!("err-dl-not-saved"),
                until_text(*delete_at),
            ]),
            BackupFailed { inner, saved } => sentences(&[
                inner.message(),
                t!("err-dl-backup-failed", path = saved.display().to_string()),
            ]),
        }
    }

    fn recommendation(&self) -> Option<String> {
        use DownloadError::*;
        Some(match self {
            Missing { .. } => t!("rec-dl-missing"),
            BadFileName { .. } => t!("rec-dl-bad-file-name"),
            DoesNotOpen | Unusable(_) | BadCertificate { .. } => t!("rec-dl-bad-answer"),
            CheckFailed { check, .. } => match check.name {
                crate::certview::CheckName::Uid => t!("rec-dl-check-failed"),
                // Issuer, O, C, validity: not a typo of the member's, the file itself is wrong.
                _ => t!("rec-dl-check-failed-file"),
            },
            SaveFailed { inner, .. } => inner
                .recommendation()
                .unwrap_or_else(|| t!("rec-dl-save-failed")),
            BackupFailed { .. } => t!("rec-dl-backup-failed"),
        })
    }

    fn kind(&self) -> Kind {
        use DownloadError::*;
        match self {
            Missing { .. } => Kind::MissingInput,
            BadFileName { .. } => Kind::BadFileName,
            DoesNotOpen => Kind::FileDoesNotOpen,
            Unusable(e) => e.kind(),
            BadCertificate { .. } => Kind::ServerCertificateUnreadable,
            CheckFailed { check, .. } => crate::ui::words::severity_kind(check.name.severity()),
            SaveFailed { inner, .. } | BackupFailed { inner, .. } => inner.kind(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn default_name_is_uid_and_local_time() {
        let at = Local.with_ymd_and_hms(2026, 11, 21, 9, 5, 7).unwrap();
        assert_eq!(
            default_file_name(Some("20261121"), at),
            "20261121_20261121090507.p12"
        );
        // A hostile UID cannot leave the chosen folder or hide the file.
        assert_eq!(
            default_file_name(Some("../../etc/x"), at),
            "_.._etc_x_20261121090507.p12"
        );
        assert_eq!(
            default_file_name(Some("..."), at),
            "certificate_20261121090507.p12"
        );
        assert_eq!(
            default_file_name(None, at),
            "certificate_20261121090507.p12"
        );
    }

    #[test]
    fn a_destination_is_checked_before_anything_is_sent() {
        use crate::fsutil::FsError;
        let d = tempfile::tempdir().unwrap();
        check_destination(d.path()).unwrap();
        // The probe file is gone again.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        assert!(matches!(
            check_destination(&d.path().join("missing")),
            Err(FsError::NoFolder { .. })
        ));
        let f = d.path().join("file");
        std::fs::write(&f, b"x").unwrap();
        assert!(matches!(
            check_destination(&f),
            Err(FsError::NotAFolder { .. })
        ));
    }

    #[test]
    fn deadline_text_counts_minutes() {
        crate::i18n::init(crate::i18n::Lang::En);
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 6, 0, 0).unwrap();
        let s = until_text_at(now + chrono::TimeDelta::minutes(59), now);
        assert!(s.contains("(59 minutes)"), "{s}");
        // Past the deadline the count stops at zero, never negative.
        let s = until_text_at(now - chrono::TimeDelta::minutes(5), now);
        assert!(s.contains("(0 minutes)"), "{s}");
    }
}
