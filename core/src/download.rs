//! `gidcert download`'s work once every input is known (seed 001, ⑥ to ⑫): log in and download,
//! open the file with the PIN and check the certificate, save it atomically (a file failing any
//! check is never written), confirm receipt, make the optional backup copy.
//!
//! The core asks nothing itself: what only the member can answer (the user ID typed again when it
//! does not match the certificate's, another folder when the save fails) goes through
//! [`Decisions`], and so do the progress events a spinner needs. [`run`] returns a [`Report`] or a
//! [`DownloadError`]; the words are the outer layer's.
//!
//! Nothing is wasted on the way: a PIN that cannot be the issued one is never sent (each attempt
//! counts towards the server's lockout), the folder is checked writable before the download starts
//! (the first complete download starts the server's deletion clock), and when the save fails the
//! downloaded bytes stay in memory while another folder is asked for.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Local, Utc};
use rustls::pki_types::CertificateDer;
use zeroize::Zeroizing;

use crate::certview::{self, CertView, Check, CheckName, Expectations};
use crate::fsutil::{self, FsError, Overwrite, Saved};
use crate::keystore::{self, KeystoreError};
use crate::pin::{Pin, PinRuleError};
use crate::profile::Profile;
use crate::protocol::{Client, Deadlines, IdNumber, ProtocolError, ServerUrl};

/// Everything a download needs, known and checked before anything is sent.
pub struct Options {
    pub server: ServerUrl,
    /// CA certificates trusted for the server on top of the platform's.
    pub ca_certs: Vec<CertificateDer<'static>>,
    pub deadlines: Deadlines,
    pub id: IdNumber,
    /// The login PIN; wiped once the receipt is confirmed.
    pub pin: Pin,
    /// The user ID from the notice; the certificate's UID must equal it.
    pub expect_uid: Option<String>,
    /// The folder to save the file in.
    pub folder: PathBuf,
    /// The file name, already checked safe; else [`default_file_name`].
    pub file_name: Option<String>,
    /// What the certificate must look like.
    pub profile: Profile,
    /// Also save a copy in this folder.
    pub backup_to: Option<PathBuf>,
    /// Whether an existing file of the same name may be replaced (the copy's too).
    pub overwrite: Overwrite,
}

/// What happens, for a progress display; none of it needs an answer. Not `#[non_exhaustive]`: the
/// outer layer matches every event and every error, so that a new one cannot go unsaid.
#[derive(Debug)]
pub enum Event<'a> {
    /// The download starts; it ends within `deadline`, every attempt and wait included.
    Downloading { deadline: Duration },
    /// The download ended, whether it worked or not.
    Downloaded,
    /// The file is saved (and read back identical); the receipt is confirmed next.
    Saved(&'a Saved),
    /// The server did not take the receipt: the file is saved all the same.
    ReceiptNotConfirmed(&'a ProtocolError),
}

/// The outer layer stopped the download when asked a question (the member pressed Ctrl-C, say);
/// it knows why, the core only returns [`DownloadError::Stopped`].
#[derive(Debug)]
pub struct Stop;

/// The questions only the member can answer, and the events of the download.
pub trait Decisions {
    /// Something happened ([`Event`]).
    fn event(&mut self, event: Event<'_>);

    /// The certificate's UID (`found`) is not the user ID the member gave (`typed`). The user ID
    /// typed again, to check the same file against; `None` keeps the failed check (the error is
    /// [`DownloadError::CheckFailed`]).
    fn retype_uid(&mut self, typed: &str, found: Option<&str>) -> Result<Option<String>, Stop>;

    /// The file could not be saved (`error`); the server keeps it until `delete_at`, and its bytes
    /// are still in memory. Another folder to try (already checked, as by
    /// [`check_destination`]), or `None` to give up ([`DownloadError::SaveFailed`]).
    fn another_folder(&mut self, error: &FsError, delete_at: DateTime<Utc>) -> Option<PathBuf>;
}

/// What was downloaded and where it is.
#[derive(Debug)]
pub struct Report {
    /// The member's certificate (the one whose public key is the private key's).
    pub view: CertView,
    /// Every check, passed or warned (none failed, else the file was not saved).
    pub checks: Vec<Check>,
    pub saved: Saved,
    /// When the server deletes its copy.
    pub delete_at: DateTime<Utc>,
    pub receipt_confirmed: bool,
    /// The copy in [`Options::backup_to`], when one was asked for: saved, or why not (the file
    /// itself is saved either way).
    pub backup: Option<Result<Saved, FsError>>,
}

/// Why the download did not end with a saved file.
#[derive(Debug)]
pub enum DownloadError {
    /// The PIN cannot be the issued one (full-width, spaces, control characters): not sent.
    PinNotSendable(PinRuleError),
    /// The folder cannot take the file; nothing was sent.
    Destination(FsError),
    /// The client could not be set up, or the server refused or failed the download.
    Protocol(ProtocolError),
    /// The file does not open with the PIN that logged in.
    DoesNotOpen,
    /// The file opens but cannot be used (no key, no certificate, key mismatch, damaged…).
    Unusable(KeystoreError),
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
        error: FsError,
        delete_at: DateTime<Utc>,
    },
    /// [`Decisions`] answered [`Stop`].
    Stopped,
}

impl From<ProtocolError> for DownloadError {
    fn from(e: ProtocolError) -> Self {
        DownloadError::Protocol(e)
    }
}

/// Downloads the member's file, checks it and saves it (see the module text for the order and
/// what is checked before each step that cannot be undone).
pub fn run(options: Options, decide: &mut impl Decisions) -> Result<Report, DownloadError> {
    let Options {
        server,
        ca_certs,
        deadlines,
        id,
        pin,
        mut expect_uid,
        mut folder,
        file_name,
        profile,
        backup_to,
        overwrite,
    } = options;
    if let Some(r) = crate::pin::login_problem(&pin) {
        return Err(DownloadError::PinNotSendable(r));
    }
    check_destination(&folder).map_err(DownloadError::Destination)?;

    let client = Client::with_deadlines(server, ca_certs, deadlines)?;
    decide.event(Event::Downloading {
        deadline: deadlines.download,
    });
    let delivery = client.download(&id, &pin);
    decide.event(Event::Downloaded);
    let delivery = delivery?;
    tracing::debug!(?delivery, "downloaded");
    let delete_at = delivery.delete_at;

    let now = Utc::now();
    let opened = open_pkcs12(&delivery.body, &pin)?;
    let checks = loop {
        let checks = opened.view.checks(&Expectations {
            profile: &profile,
            expect_uid: expect_uid.as_deref(),
            now,
            warn_days: certview::DEFAULT_WARN_DAYS,
            key: opened.key,
        });
        let Some(failed) = checks.iter().find(|c| !c.ok && !c.name.is_warning()) else {
            break checks;
        };
        // A mistyped user ID must not throw away the verified file: ask.
        if failed.name == CheckName::Uid
            && let Some(typed) = &expect_uid
            && let Some(again) = decide
                .retype_uid(typed, opened.view.uid())
                .map_err(|Stop| DownloadError::Stopped)?
        {
            expect_uid = Some(again);
            continue;
        }
        return Err(DownloadError::CheckFailed {
            check: failed.clone(),
            delete_at,
        });
    };

    let name = match file_name {
        Some(n) => n,
        None => default_file_name(opened.view.uid(), Local::now()),
    };
    let saved = loop {
        match fsutil::write_atomic(&folder.join(&name), &delivery.body, overwrite) {
            Ok(s) => break s,
            Err(error) => match decide.another_folder(&error, delete_at) {
                Some(f) => folder = f,
                None => return Err(DownloadError::SaveFailed { error, delete_at }),
            },
        }
    };
    decide.event(Event::Saved(&saved));

    let receipt = client.confirm_receipt(&id, &pin, &saved.sha256);
    if let Err(e) = &receipt {
        decide.event(Event::ReceiptNotConfirmed(e));
    }
    drop(pin);
    // Its connections hold buffers the request bodies passed through: free them now.
    drop(client);

    let backup =
        backup_to.map(|dir| fsutil::write_atomic(&dir.join(&name), &delivery.body, overwrite));
    Ok(Report {
        saved,
        view: opened.view,
        checks,
        delete_at,
        receipt_confirmed: receipt.is_ok(),
        backup,
    })
}

/// The room a certificate file needs: it is never larger than this (fsutil::MAX_CERT_FILE).
pub const NEEDED_SPACE: u64 = fsutil::MAX_CERT_FILE;

/// Checks a destination folder before anything is downloaded: it exists, is a folder, can be
/// written (a temporary file is created and removed), and has room for a certificate file.
pub fn check_destination(folder: &Path) -> Result<(), FsError> {
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

/// The end-entity certificate of a downloaded file.
struct Opened {
    view: CertView,
    key: certview::KeyStatus,
}

/// Opens the file with the PIN and finds the member's certificate: the one whose public key is
/// the private key's (keystore::open + end_entity).
fn open_pkcs12(body: &Zeroizing<Vec<u8>>, pin: &Pin) -> Result<Opened, DownloadError> {
    let p12 = keystore::open(body, pin).map_err(|e| match e {
        // The PIN logged in, so the server sent a file protected by another password.
        KeystoreError::WrongPin => DownloadError::DoesNotOpen,
        other => DownloadError::Unusable(other),
    })?;
    let ee = p12.end_entity().map_err(DownloadError::Unusable)?;
    let view = CertView::parse(ee.cert_der)
        .map_err(|e| DownloadError::BadCertificate { detail: e.detail })?;
    Ok(Opened {
        view,
        // end_entity only returns a certificate whose key matches; a file without that proof
        // leaves the key unknown.
        key: if ee.key_matches {
            certview::KeyStatus::Matches
        } else {
            certview::KeyStatus::Unknown
        },
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use gidcert_mock_server::{Config, MockServer};

    use super::*;

    /// The mock server's demo account (`Account::demo()`).
    const ID: &str = "9876543210";
    const PIN: &str = "q7w8e9r0";
    const UID: &str = "20261121";

    /// The real mock server over HTTPS, its CA trusted, and an empty folder to save in.
    struct Env {
        server: MockServer,
        dir: tempfile::TempDir,
    }

    impl Env {
        fn start() -> Env {
            Env {
                server: MockServer::start(Config::default()).unwrap(),
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn folder(&self, name: &str) -> PathBuf {
            let f = self.dir.path().join(name);
            std::fs::create_dir_all(&f).unwrap();
            f
        }

        /// The demo account's download into `out/`, as `gidcert download` would start it.
        fn options(&self) -> Options {
            let ca = self.dir.path().join("ca.pem");
            std::fs::write(&ca, self.server.ca_pem()).unwrap();
            Options {
                server: ServerUrl::parse(&self.server.url()).unwrap(),
                ca_certs: crate::protocol::client::load_ca_file(&ca).unwrap(),
                deadlines: Deadlines::default(),
                id: IdNumber::parse(ID).unwrap(),
                pin: Pin::new(PIN.to_owned()),
                expect_uid: Some(UID.to_owned()),
                folder: self.folder("out"),
                file_name: Some("member.p12".to_owned()),
                profile: crate::profile::builtin().remove(0),
                backup_to: None,
                overwrite: Overwrite::Never,
            }
        }

        fn served(&self) -> Vec<u8> {
            self.server.account(ID).unwrap().pkcs12
        }

        /// The download with `typed` as the notice's user ID, the retype question answered from
        /// `answers`; the result and what the core asked and said.
        fn with_uid(
            &self,
            typed: &str,
            answers: Vec<Result<Option<String>, Stop>>,
        ) -> (Result<Report, DownloadError>, Vec<String>) {
            let mut script = Script {
                uid_again: answers,
                ..Script::default()
            };
            let options = Options {
                expect_uid: Some(typed.to_owned()),
                ..self.options()
            };
            (run(options, &mut script), script.log)
        }
    }

    /// Scripted answers, and a log of what the core asked and said.
    #[derive(Default)]
    struct Script {
        uid_again: Vec<Result<Option<String>, Stop>>,
        folders: Vec<Option<PathBuf>>,
        log: Vec<String>,
    }

    impl Decisions for Script {
        fn event(&mut self, event: Event<'_>) {
            self.log.push(match event {
                Event::Downloading { .. } => "downloading".to_owned(),
                Event::Downloaded => "downloaded".to_owned(),
                Event::Saved(s) => format!("saved {}", s.path.display()),
                Event::ReceiptNotConfirmed(_) => "receipt not confirmed".to_owned(),
            });
        }

        fn retype_uid(&mut self, typed: &str, found: Option<&str>) -> Result<Option<String>, Stop> {
            self.log.push(format!("uid {typed} is not {found:?}"));
            self.uid_again.remove(0)
        }

        fn another_folder(&mut self, error: &FsError, _: DateTime<Utc>) -> Option<PathBuf> {
            self.log.push(format!("another folder after {error:?}"));
            self.folders.remove(0)
        }
    }

    #[test]
    fn a_download_is_checked_saved_and_its_receipt_confirmed() {
        let env = Env::start();
        let mut script = Script::default();
        let report = run(env.options(), &mut script).unwrap();
        let path = env.dir.path().join("out/member.p12");
        assert_eq!(report.saved.path, path);
        assert_eq!(std::fs::read(&path).unwrap(), env.served());
        assert_eq!(report.view.uid(), Some(UID));
        assert!(report.checks.iter().all(|c| c.ok), "{:?}", report.checks);
        assert!(report.checks.iter().any(|c| c.name == CheckName::Uid));
        assert!(report.receipt_confirmed);
        assert!(report.backup.is_none());
        assert_eq!(
            script.log,
            [
                "downloading",
                "downloaded",
                format!("saved {}", path.display()).as_str()
            ]
        );
        let history = env.server.account(ID).unwrap().history;
        assert_eq!((history.complete_downloads, history.receipts), (1, 1));
    }

    #[test]
    fn a_mistyped_uid_is_asked_again_and_the_same_file_checked() {
        let env = Env::start();
        let answers = vec![Ok(Some("2026112".to_owned())), Ok(Some(UID.to_owned()))];
        let (report, log) = env.with_uid("20261112", answers);
        let report = report.unwrap();
        assert_eq!(std::fs::read(&report.saved.path).unwrap(), env.served());
        assert_eq!(
            log[2..4],
            [
                "uid 20261112 is not Some(\"20261121\")",
                "uid 2026112 is not Some(\"20261121\")"
            ]
        );
        // Asked twice, downloaded once.
        assert_eq!(
            env.server.account(ID).unwrap().history.complete_downloads,
            1
        );
    }

    #[test]
    fn a_declined_uid_retype_is_the_failed_check_and_nothing_is_saved() {
        let env = Env::start();
        match env.with_uid("20261112", vec![Ok(None)]).0 {
            Err(DownloadError::CheckFailed { check, .. }) => assert_eq!(check.name, CheckName::Uid),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_dir(env.folder("out")).unwrap().count(), 0);
        // Nothing saved, so no receipt.
        assert_eq!(env.server.account(ID).unwrap().history.receipts, 0);

        // A stop at the question is the outer layer's, not a failed check.
        assert!(matches!(
            env.with_uid("20261112", vec![Err(Stop)]).0,
            Err(DownloadError::Stopped)
        ));
    }

    #[test]
    fn a_failed_save_asks_for_another_folder_and_saves_the_same_bytes_there() {
        let env = Env::start();
        // The folder passes the check, but the file already exists there.
        let taken = env.folder("out").join("member.p12");
        std::fs::write(&taken, b"the member's other file").unwrap();
        let other = env.folder("usb");
        let mut script = Script {
            folders: vec![Some(other.clone())],
            ..Script::default()
        };
        let report = run(env.options(), &mut script).unwrap();
        assert_eq!(report.saved.path, other.join("member.p12"));
        assert_eq!(
            std::fs::read(other.join("member.p12")).unwrap(),
            env.served()
        );
        assert_eq!(std::fs::read(&taken).unwrap(), b"the member's other file");
        assert!(
            script.log[2].starts_with("another folder after Exists"),
            "{:?}",
            script.log
        );
        assert!(report.receipt_confirmed);
        let history = env.server.account(ID).unwrap().history;
        assert_eq!((history.complete_downloads, history.receipts), (1, 1));

        // No other folder: the save's own error, with the server's deadline.
        let mut script = Script {
            folders: vec![None],
            ..Script::default()
        };
        let options = Options {
            folder: other.clone(),
            ..env.options()
        };
        match run(options, &mut script) {
            Err(DownloadError::SaveFailed {
                error: FsError::Exists { path },
                ..
            }) => assert_eq!(path, other.join("member.p12")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_is_sent_with_a_pin_that_cannot_be_right_or_a_folder_that_cannot_take_the_file() {
        let env = Env::start();
        let options = Options {
            pin: Pin::new("ｑ７ｗ８ｅ９ｒ０".to_owned()),
            ..env.options()
        };
        assert!(matches!(
            run(options, &mut Script::default()),
            Err(DownloadError::PinNotSendable(PinRuleError::FullWidth))
        ));
        let options = Options {
            folder: env.dir.path().join("missing"),
            ..env.options()
        };
        assert!(matches!(
            run(options, &mut Script::default()),
            Err(DownloadError::Destination(FsError::NoFolder { .. }))
        ));
        assert_eq!(env.server.credentialed_requests(), 0);
    }

    #[test]
    fn a_failed_backup_leaves_the_saved_file_and_says_why() {
        let env = Env::start();
        let options = Options {
            backup_to: Some(env.dir.path().join("no-such-stick")),
            ..env.options()
        };
        let report = run(options, &mut Script::default()).unwrap();
        assert_eq!(std::fs::read(&report.saved.path).unwrap(), env.served());
        assert!(
            matches!(report.backup, Some(Err(FsError::NoFolder { .. }))),
            "{:?}",
            report.backup
        );
    }

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
}
