//! `gidcert download`: the authority's download tool, step by step (seed 001, ③ to ⑫), the side
//! that talks. The work is the core's ([`crate::download::run`]); this module:
//!
//! 1. gathers the inputs before anything is sent, in the order of the notice: the identification
//!    number, the user ID on the notice, the folder (checked writable), the PIN last (one that
//!    cannot be right is refused here, never sent);
//! 2. answers the core's questions ([`download::Decisions`]) with the prompts: the user ID typed
//!    again when it does not match the certificate's, another folder when the save fails (the
//!    bytes stay in memory meanwhile); and shows the countdown spinner while the file comes;
//! 3. shows the report: the certificate, the server's deletion deadline, and what to do next
//!    (back up now, return the 受領書), or the `--json` document.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};

use crate::certview::{self, CheckName};
use crate::config::Config;
use crate::download;
use crate::drives::{DriveMap, Location};
use crate::explain::{Error, Exit, Explain, Kind};
use crate::fsutil::{FsError, Overwrite, Saved};
use crate::pin::Pin;
use crate::protocol::client::load_ca_file;
use crate::protocol::{Deadlines, IdNumber, ServerUrl};
use crate::ui::filename::FileName;
use crate::ui::input::{self, InputError, PinFor, PinSource};
use crate::ui::prompt;
use crate::ui::words::sentences;
use crate::{note, t};

/// What `gidcert download` was asked to do (from [`crate::cli`]), in the order the download needs
/// it: the server, the notice's three values, where to save.
/// The default is what the menu runs: every value asked for, nothing forced.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Download server (else GIDCERT_SERVER, else the config file)
    pub server: Option<String>,
    /// Also trust this CA certificate (PEM) for the server
    pub ca_cert: Option<PathBuf>,
    /// Identification number (識別番号) from the notice
    pub id: Option<String>,
    /// Where the PIN(s) come from.
    pub pin: PinSource,
    /// User ID from the notice; the certificate's UID must equal it
    pub expect_uid: Option<String>,
    /// Folder to save the file in
    pub out: Option<PathBuf>,
    /// File name (default: <user ID>_<YYYYMMDDhhmmss>.p12)
    pub file_name: Option<String>,
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
    let expect_uid = match &args.expect_uid {
        Some(u) => Some(u.clone()),
        None if interactive => prompt::ask_optional(&t!("dl-prompt-uid"))?,
        None => None,
    };
    let drives = crate::settings::drives();
    let folder = match &args.out {
        Some(d) => {
            download::check_destination(d)?;
            d.clone()
        }
        None if interactive => choose_folder(&config, &drives)?,
        None => match &config.save_dir {
            Some(d) => {
                download::check_destination(d)?;
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
    let mut asker = Asker {
        interactive,
        spinner: !args.json,
        config: &config,
        countdown: None,
        stopped: None,
    };
    let options = download::Options {
        server,
        ca_certs: roots,
        deadlines,
        id,
        pin,
        expect_uid,
        folder,
        file_name: file_name.map(|n| n.as_str().to_owned()),
        profile,
        backup_to: args.backup_to.clone(),
        overwrite: if args.force {
            Overwrite::Replace
        } else {
            Overwrite::Never
        },
    };
    let report = match download::run(options, &mut asker) {
        Ok(r) => r,
        Err(download::DownloadError::Stopped) => {
            return Err(asker
                .stopped
                .take()
                .unwrap_or_else(|| InputError::Cancelled.into()));
        }
        Err(e) => return Err(e.into()),
    };

    let now = Utc::now();
    if args.json {
        crate::ui::output::print_json(&report_json(&report, now));
    } else {
        print_report(&report, now);
    }
    remind(backup_saved(&report).is_some(), &report.saved.path);

    let checks_exit = crate::ui::words::checks_exit(&report.checks);
    if let Some(Err(inner)) = report.backup {
        return Err(DownloadError::BackupFailed {
            inner,
            saved: report.saved.path,
        }
        .into());
    }
    Ok(checks_exit)
}

/// The ui's answers to the core's questions ([`download::Decisions`]): the prompts, and the
/// spinner while the file comes.
struct Asker<'a> {
    interactive: bool,
    /// Whether the countdown spinner may be drawn (not with `--json`).
    spinner: bool,
    config: &'a Config,
    countdown: Option<crate::ui::output::Countdown>,
    /// Why a prompt stopped the download ([`download::Stop`]).
    stopped: Option<Error>,
}

impl download::Decisions for Asker<'_> {
    fn event(&mut self, event: download::Event<'_>) {
        match event {
            download::Event::Downloading { deadline } => {
                self.countdown = Some(crate::ui::output::Countdown::start(
                    self.spinner,
                    &t!("dl-downloading"),
                    deadline,
                ));
            }
            download::Event::Downloaded => self.countdown = None,
            download::Event::Saved(_) => {
                note!("{} {}", crate::ui::output::mark(true), t!("dl-saved"));
            }
            download::Event::ReceiptNotConfirmed(e) => {
                note!("{}: {}", t!("dl-warning"), t!("dl-receipt-failed"));
                note!("  {}", e.message());
            }
        }
    }

    fn retype_uid(
        &mut self,
        typed: &str,
        found: Option<&str>,
    ) -> Result<Option<String>, download::Stop> {
        if !self.interactive {
            return Ok(None);
        }
        // Show both and ask: a mistyped user ID must not throw away the verified file.
        note!(
            "{} {}",
            crate::ui::output::mark(false),
            t!(
                "dl-uid-differs",
                typed = certview::display_safe(typed),
                uid = certview::display_safe(found.unwrap_or(""))
            )
        );
        let again = || -> Result<Option<String>, InputError> {
            if !prompt::yes_no(&t!("dl-uid-typo"), true)? {
                return Ok(None);
            }
            prompt::ask_text(&t!("dl-prompt-uid-again")).map(Some)
        };
        again().map_err(|e| {
            self.stopped = Some(e.into());
            download::Stop
        })
    }

    fn another_folder(&mut self, error: &FsError, delete_at: DateTime<Utc>) -> Option<PathBuf> {
        if !self.interactive {
            return None;
        }
        crate::ui::output::print_problem(error);
        note!("{}", until_text(delete_at));
        choose_folder(self.config, &crate::settings::drives()).ok()
    }
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

/// Offers the removable drives, the configured `save_dir`, the user's download folder and a typed
/// path; checks the folder chosen ([`download::check_destination`]) and, when it is not on a removable
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
                if let Err(e) = download::check_destination(p) {
                    prompt::complain(&Error::from(e).message());
                    continue;
                }
                p.clone()
            }
            None if picked == choices.len() => prompt::ask_folder(&t!("dl-prompt-path"), |p| {
                download::check_destination(p).map_err(|e| Error::from(e).message())
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

/// The backup copy, when one was asked for and saved.
fn backup_saved(report: &download::Report) -> Option<&Saved> {
    report.backup.as_ref().and_then(|b| b.as_ref().ok())
}

fn report_json(report: &download::Report, now: DateTime<Utc>) -> DownloadJson {
    DownloadJson {
        file: report.saved.path.display().to_string(),
        sha256: report.saved.sha256_hex(),
        size: report.saved.len,
        certificate: crate::ui::json::CertJson::end_entity(&report.view, now),
        checks: crate::ui::json::checks(&report.checks),
        delete_at: certview::rfc3339(report.delete_at),
        backup: backup_saved(report).map(|b| b.path.display().to_string()),
        receipt_confirmed: report.receipt_confirmed,
    }
}

fn print_report(report: &download::Report, now: DateTime<Utc>) {
    let v = &report.view;
    let none = t!("cert-value-none");
    let or_none = |s: Option<&str>| s.map_or_else(|| none.clone(), certview::display_safe);
    crate::say!("{}: {}", t!("dl-label-file"), report.saved.path.display());
    crate::say!("{}: {}", t!("dl-label-issued-to"), or_none(v.issued_to()));
    crate::say!("{}: {}", t!("dl-label-uid"), or_none(v.uid()));
    crate::say!("{}: {}", t!("dl-label-issuer"), or_none(v.issuer_cn()));
    crate::say!(
        "{}: {} – {}",
        t!("dl-label-validity"),
        certview::local_time(v.not_before),
        certview::local_time(v.not_after)
    );
    crate::say!("{}: {}", t!("dl-label-sha256"), report.saved.sha256_hex());
    for c in &report.checks {
        let mark = if c.ok || !c.name.is_warning() {
            crate::ui::output::mark(c.ok).to_string()
        } else {
            "!".to_owned()
        };
        crate::say!("  {mark} {}", crate::ui::words::check_detail(c));
    }
    if !report.checks.iter().any(|c| c.name == CheckName::Uid) {
        crate::say!("  {}", t!("dl-uid-not-checked"));
    }
    if let Some(b) = backup_saved(report) {
        crate::say!("{}: {}", t!("dl-label-backup"), b.path.display());
    }
    crate::say!("{}", until_text_at(report.delete_at, now));
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

/// What stops a download before the core's work starts, or after it ended.
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
    /// The file was saved, the backup copy was not.
    BackupFailed {
        inner: FsError,
        saved: PathBuf,
    },
}

impl Explain for DownloadError {
    fn message(&self) -> String {
        use DownloadError::*;
        match self {
            Missing { flags } => t!("err-dl-missing", flags = flags.to_string()),
            BadFileName { name } => t!("err-dl-bad-file-name", name = name.as_str()),
            BackupFailed { inner, saved } => sentences(&[
                inner.message(),
                t!("err-dl-backup-failed", path = saved.display().to_string()),
            ]),
        }
    }

    /// The kind's advice; for a failed backup (whose kind is the file error's), that the saved
    /// file is safe and the copy can be made later.
    fn recommendation(&self) -> Option<String> {
        match self {
            DownloadError::BackupFailed { .. } => Some(t!("rec-dl-backup-failed")),
            _ => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        use DownloadError::*;
        match self {
            Missing { .. } => Kind::MissingInput,
            BadFileName { .. } => Kind::BadFileName,
            BackupFailed { inner, .. } => inner.kind(),
        }
    }
}

/// The core's download errors ([`download::DownloadError`]) in words.
impl Explain for download::DownloadError {
    fn message(&self) -> String {
        use download::DownloadError::*;
        match self {
            PinNotSendable(r) => InputError::NotSendable(r.clone()).message(),
            Destination(e) => e.message(),
            Protocol(e) => e.message(),
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
            SaveFailed { error, delete_at } => sentences(&[
                error.message(),
                t!("err-dl-not-saved"),
                until_text(*delete_at),
            ]),
            Stopped => InputError::Cancelled.message(),
        }
    }

    fn recommendation(&self) -> Option<String> {
        use download::DownloadError::*;
        match self {
            PinNotSendable(r) => InputError::NotSendable(r.clone()).recommendation(),
            Destination(e) => e.recommendation(),
            Protocol(e) => e.recommendation(),
            // The server sent something unusable (the kind is the file's fault, not the member's).
            Unusable(_) => Some(t!("rec-dl-bad-answer")),
            CheckFailed { check, .. } => Some(match check.name {
                CheckName::Uid => t!("rec-dl-check-failed"),
                // Issuer, O, C, validity: not a typo of the member's, the file itself is wrong.
                _ => t!("rec-dl-check-failed-file"),
            }),
            // Reading back what was written failed: another folder, not the reader's advice.
            SaveFailed {
                error: FsError::Read { .. },
                ..
            } => Some(t!("rec-dl-save-failed")),
            SaveFailed { error, .. } => error.recommendation(),
            DoesNotOpen | BadCertificate { .. } | Stopped => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        use download::DownloadError::*;
        match self {
            PinNotSendable(_) => Kind::PinRule,
            Destination(e) | SaveFailed { error: e, .. } => e.kind(),
            Protocol(e) => e.kind(),
            DoesNotOpen => Kind::FileDoesNotOpen,
            Unusable(e) => e.kind(),
            BadCertificate { .. } => Kind::ServerCertificateUnreadable,
            CheckFailed { check, .. } => crate::ui::words::severity_kind(check.name.severity()),
            Stopped => Kind::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

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
