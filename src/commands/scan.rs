//! `gidcert scan [PATH ...]`: find stray copies of certificate files.
//!
//! In 2014 a virus stole the private keys of file-type certificates left in folders on members'
//! PCs; members were told to search their PCs for `.p12`/`.pfx` copies, delete them, and keep the
//! file only on a USB stick in a locked cabinet. This command does the search by content (see
//! [`crate::scan`]), lists every copy with where it lies, and flags copies on fixed disks.
//!
//! Exit status: 0 when no copy is left on a fixed disk; [`Exit::StrayCopies`] (13) when at least
//! one is (after `--delete`, counting only the copies that were kept).

use std::path::PathBuf;

use crate::drives::{self, DriveMap, Location};
use crate::explain::{Error, Exit, Explain, Kind};
use crate::scan::{self, FoundFile, Validity, WalkOptions};
use crate::ui::{input, output};
use crate::{fsutil, note, t};

/// What `gidcert scan` was asked to do (from [`crate::cli`]).
/// The default is what the menu runs: every value asked for, nothing forced.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Folders to search (default: your home folder and removable drives)
    pub paths: Vec<PathBuf>,
    /// Offer to delete copies on fixed disks (asks for each; never the last copy)
    pub delete: bool,
    /// Also descend into other file systems
    pub cross_filesystems: bool,
    /// Print one JSON object on stdout, nothing else
    pub json: bool,
}

/// Certificates expiring within this many days are marked.

#[derive(Debug)]
#[non_exhaustive]
pub enum ScanError {
    /// `--delete` needs a person to confirm each deletion.
    DeleteNeedsTerminal,
    /// A folder given on the command line does not exist.
    NoSuchFolder { path: PathBuf },
    /// A file was given where a folder is searched.
    IsAFile { path: PathBuf },
    /// No folder given and no home folder known.
    NoHome,
}

impl Explain for ScanError {
    fn message(&self) -> String {
        match self {
            ScanError::DeleteNeedsTerminal => t!("err-scan-delete-no-terminal"),
            ScanError::NoSuchFolder { path } => {
                t!("err-scan-no-such-folder", path = path.display().to_string())
            }
            ScanError::IsAFile { path } => {
                t!("err-scan-is-a-file", path = path.display().to_string())
            }
            ScanError::NoHome => t!("err-scan-no-home"),
        }
    }

    /// The kind's advice, except where it names this case: deleting needs a terminal to ask
    /// on; a file was given where a folder goes.
    fn recommendation(&self) -> Option<String> {
        match self {
            ScanError::DeleteNeedsTerminal => Some(t!("rec-scan-delete-no-terminal")),
            ScanError::IsAFile { path } => {
                Some(t!("rec-scan-is-a-file", path = path.display().to_string()))
            }
            ScanError::NoSuchFolder { .. } | ScanError::NoHome => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            ScanError::DeleteNeedsTerminal => Kind::NoTerminal,
            ScanError::NoSuchFolder { .. } | ScanError::IsAFile { .. } => Kind::FolderNotFound,
            ScanError::NoHome => Kind::NoHome,
        }
    }
}

/// A found file and where it lies.
#[derive(Clone, Debug)]
pub struct Listed {
    pub file: FoundFile,
    pub location: Location,
    pub deleted: bool,
}

impl Listed {
    /// A copy on a fixed disk, still present: the risk the 2014 notice describes.
    pub fn is_risk(&self) -> bool {
        self.location == Location::Fixed && !self.deleted
    }

    /// Whether two files hold the same certificate: the same bytes, or the same certificate
    /// fingerprint when both are known (a copy whose PIN was changed).
    pub fn same_certificate(&self, other: &Listed) -> bool {
        if self.file.sha256 == other.file.sha256 {
            return true;
        }
        match (&self.file.certificate, &other.file.certificate) {
            (Some(a), Some(b)) => a.fingerprint == b.fingerprint,
            _ => false,
        }
    }
}

/// Whether `--delete` may remove `files[target]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteDecision {
    /// Another copy of the same certificate remains; `on_removable` says whether one is on a
    /// removable drive.
    Allowed { on_removable: bool },
    /// No other copy gidcert knows of remains: deleting would lose the certificate.
    LastCopy,
    /// Not a flagged copy (on a removable drive, or already deleted).
    NotFlagged,
}

/// The rule for `--delete`: never remove the last copy of a certificate gidcert knows of. A copy
/// already deleted in this run does not count as remaining.
pub fn may_delete(files: &[Listed], target: usize) -> DeleteDecision {
    let Some(t) = files.get(target) else {
        return DeleteDecision::NotFlagged;
    };
    if !t.is_risk() {
        return DeleteDecision::NotFlagged;
    }
    let others: Vec<&Listed> = files
        .iter()
        .enumerate()
        .filter(|(i, f)| *i != target && !f.deleted && f.same_certificate(t))
        .map(|(_, f)| f)
        .collect();
    if others.is_empty() {
        DeleteDecision::LastCopy
    } else {
        DeleteDecision::Allowed {
            on_removable: others.iter().any(|f| f.location == Location::Removable),
        }
    }
}

pub fn run(args: Options) -> Result<Exit, Error> {
    // Refuse before the walk: without a terminal nobody can confirm a deletion.
    if args.delete && !input::can_prompt() {
        return Err(ScanError::DeleteNeedsTerminal.into());
    }
    let map = crate::settings::drives();
    let roots = roots(&args.paths, &map)?;

    let spinner = output::spinner(t!("scan-progress", count = 0));
    let opts = WalkOptions {
        cross_filesystems: args.cross_filesystems,
    };
    let outcome = scan::walk(&roots, &opts, &mut |n| {
        if let Some(s) = &spinner {
            s.set_message(t!("scan-progress", count = n));
            s.tick();
        }
    });
    if let Some(s) = spinner {
        s.finish_and_clear();
    }

    let mut files: Vec<Listed> = outcome
        .found
        .iter()
        .map(|f| Listed {
            location: map.location_of(&f.path),
            file: f.clone(),
            deleted: false,
        })
        .collect();
    // Risky copies first, then by path, so the list reads the same every time.
    files.sort_by(|a, b| {
        b.is_risk()
            .cmp(&a.is_risk())
            .then_with(|| a.file.path.cmp(&b.file.path))
    });

    let now = chrono::Utc::now().timestamp();
    let mut delete_failures = Vec::new();
    // With --json the prompts of --delete still go to stderr; the object is printed last.
    if !args.json {
        print_list(&files, now);
    }
    if args.delete {
        delete_interactively(&mut files, &mut delete_failures)?;
    }

    let risky = files.iter().filter(|f| f.is_risk()).count();
    if args.json {
        print_json(&files, &outcome, risky, now, &delete_failures);
    } else {
        print_summary(&outcome, risky);
    }
    Ok(if risky > 0 {
        Exit::StrayCopies
    } else {
        Exit::Ok
    })
}

/// The folders to walk: those given (each must exist), else the user's folders
/// ([`crate::settings::scan_user_roots`]) and every removable drive.
fn roots(paths: &[PathBuf], map: &DriveMap) -> Result<Vec<PathBuf>, Error> {
    if !paths.is_empty() {
        for p in paths {
            if p.is_file() {
                return Err(ScanError::IsAFile { path: p.clone() }.into());
            }
            if !p.is_dir() {
                return Err(ScanError::NoSuchFolder { path: p.clone() }.into());
            }
        }
        return Ok(paths.to_vec());
    }
    let mut roots = crate::settings::scan_user_roots().ok_or(ScanError::NoHome)?;
    let home = roots[0].clone();
    for d in map.removable() {
        if !d.mount_point.starts_with(&home) && d.mount_point.is_dir() {
            roots.push(d.mount_point.clone());
        }
    }
    Ok(roots)
}

fn print_list(files: &[Listed], now: i64) {
    let (risky, safe): (Vec<&Listed>, Vec<&Listed>) = files.iter().partition(|f| f.is_risk());
    if files.is_empty() {
        crate::say!("{} {}", output::mark(true), t!("scan-none-found"));
        return;
    }
    if !risky.is_empty() {
        crate::say!("{}", t!("scan-heading-fixed", count = risky.len()));
        for f in &risky {
            print_file(f, now, false);
        }
    }
    if !safe.is_empty() {
        crate::say!("{}", t!("scan-heading-removable", count = safe.len()));
        for f in &safe {
            print_file(f, now, true);
        }
    }
}

fn print_file(f: &Listed, now: i64, ok: bool) {
    let modified = f
        .file
        .modified
        .map(|m| {
            chrono::DateTime::<chrono::Local>::from(m)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "?".into());
    let place = match f.location {
        Location::Removable => t!("scan-location-removable"),
        Location::Fixed => t!("scan-location-fixed"),
    };
    crate::say!(
        "  {} {}  ({}, {}, {})",
        output::mark(ok),
        f.file.path.display(),
        drives::format_size(f.file.len),
        modified,
        place
    );
    match &f.file.certificate {
        Some(c) => {
            let until = chrono::DateTime::from_timestamp(c.not_after, 0)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let state = match c.validity_at(now, crate::certview::DEFAULT_WARN_DAYS) {
                Validity::Valid => String::new(),
                Validity::ExpiresSoon => format!("  [{}]", t!("scan-expires-soon")),
                Validity::Expired => format!("  [{}]", t!("scan-expired")),
            };
            crate::say!(
                "      {}{state}",
                t!(
                    "scan-cert-line",
                    cn = c.subject_cn.as_deref().unwrap_or("?"),
                    uid = c.uid.as_deref().unwrap_or("?"),
                    until = until
                )
            );
        }
        None => crate::say!("      {}", t!("scan-cert-encrypted")),
    }
}

/// Asks about each flagged copy (default: no) and removes the ones confirmed, never the last copy
/// of a certificate. Deleting unlinks the file: overwriting first would give a false sense of
/// safety on SSDs (wear levelling), copy-on-write and journaling file systems, and would destroy
/// the other names of a hard-linked file.
fn delete_interactively(
    files: &mut [Listed],
    failures: &mut Vec<(PathBuf, String)>,
) -> Result<(), Error> {
    let flagged: Vec<usize> = (0..files.len()).filter(|&i| files[i].is_risk()).collect();
    if flagged.is_empty() {
        return Ok(());
    }
    note!("{}", t!("scan-delete-traces"));
    for i in flagged {
        let path = files[i].file.path.clone();
        match may_delete(files, i) {
            DeleteDecision::NotFlagged => continue,
            DeleteDecision::LastCopy => {
                note!(
                    "{} {}",
                    output::mark(false),
                    t!("scan-delete-last-copy", path = path.display().to_string())
                );
                continue;
            }
            DeleteDecision::Allowed { on_removable } => {
                if !on_removable {
                    note!("{}", t!("scan-delete-no-usb-copy"));
                }
            }
        }
        let yes = crate::ui::prompt::yes_no(
            &t!("scan-delete-confirm", path = path.display().to_string()),
            false,
        )?;
        if !yes {
            continue;
        }
        match delete_if_unchanged(&files[i].file) {
            Ok(()) => {
                files[i].deleted = true;
                note!(
                    "{} {}",
                    output::mark(true),
                    t!("scan-deleted", path = path.display().to_string())
                );
            }
            Err(e) => {
                note!(
                    "{} {}",
                    output::mark(false),
                    t!(
                        "scan-delete-failed",
                        path = path.display().to_string(),
                        error = e.as_str()
                    )
                );
                failures.push((path, e));
            }
        }
    }
    Ok(())
}

/// Removes a found file only if it still holds the bytes that were found: a file rewritten since
/// the walk is not the copy the member agreed to delete.
fn delete_if_unchanged(f: &FoundFile) -> Result<(), String> {
    let now = fsutil::read_cert_file(&f.path).map_err(|e| e.message())?;
    if fsutil::sha256(&now) != f.sha256 {
        return Err(t!("scan-delete-changed"));
    }
    std::fs::remove_file(&f.path).map_err(|e| e.to_string())?;
    if let Some(dir) = f.path.parent() {
        // Make the removal durable; failure here does not bring the file back.
        let _ = fsutil::sync_dir(dir);
    }
    Ok(())
}

fn print_summary(outcome: &scan::Outcome, risky: usize) {
    note!(
        "{}",
        t!(
            "scan-summary",
            examined = outcome.files_examined,
            large = outcome.skipped_large,
            folders = outcome.skipped_folders.len()
        )
    );
    if !outcome.problems.is_empty() {
        note!("{}", t!("scan-problems", count = outcome.problems.len()));
        if tracing::enabled!(tracing::Level::DEBUG) {
            for p in &outcome.problems {
                note!("  {}: {}", p.path.display(), p.error);
            }
        } else {
            note!("{}", t!("scan-problems-hint"));
        }
    }
    if tracing::enabled!(tracing::Level::DEBUG) {
        for d in &outcome.skipped_folders {
            tracing::debug!(folder = %d.display(), "skipped folder");
        }
    }
    if risky > 0 {
        note!("{}", t!("scan-risk-advice", count = risky));
    }
}

/// `scan --json` (docs/json-schema.md).
#[derive(Debug, serde::Serialize)]
pub struct ScanJson {
    /// The answer first: how many copies are on fixed disks.
    pub stray_copies: usize,
    pub files: Vec<FileJson>,
    pub files_examined: u64,
    /// `skipped_large` plus the number of `skipped_folders`.
    pub skipped: usize,
    pub skipped_large: u64,
    pub skipped_folders: Vec<String>,
    pub errors: Vec<ErrorJson>,
}

#[derive(Debug, serde::Serialize)]
pub struct FileJson {
    pub path: String,
    pub size: u64,
    pub modified: Option<String>,
    pub location: Location,
    pub risk: bool,
    pub deleted: bool,
    pub sha256: String,
    pub certificate: Option<FileCertJson>,
}

#[derive(Debug, serde::Serialize)]
pub struct FileCertJson {
    pub subject_cn: Option<String>,
    pub uid: Option<String>,
    pub not_after: Option<String>,
    pub validity: scan::Validity,
    pub fingerprint_sha256: String,
}

#[derive(Debug, serde::Serialize)]
pub struct ErrorJson {
    pub path: String,
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub during: Option<&'static str>,
}

fn print_json(
    files: &[Listed],
    outcome: &scan::Outcome,
    risky: usize,
    now: i64,
    failures: &[(PathBuf, String)],
) {
    let rfc3339 =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let files = files
        .iter()
        .map(|f| FileJson {
            path: f.file.path.display().to_string(),
            size: f.file.len,
            modified: f.file.modified.map(|t| rfc3339(t.into())),
            location: f.location,
            risk: f.is_risk(),
            deleted: f.deleted,
            sha256: hex::encode(f.file.sha256),
            certificate: f.file.certificate.as_ref().map(|c| FileCertJson {
                subject_cn: c.subject_cn.clone(),
                uid: c.uid.clone(),
                not_after: chrono::DateTime::from_timestamp(c.not_after, 0).map(rfc3339),
                validity: c.validity_at(now, crate::certview::DEFAULT_WARN_DAYS),
                fingerprint_sha256: hex::encode(c.fingerprint),
            }),
        })
        .collect();
    let errors = outcome
        .problems
        .iter()
        .map(|p| ErrorJson {
            path: p.path.display().to_string(),
            error: p.error.clone(),
            during: None,
        })
        .chain(failures.iter().map(|(p, e)| ErrorJson {
            path: p.display().to_string(),
            error: e.clone(),
            during: Some("delete"),
        }))
        .collect();
    output::print_json(&ScanJson {
        stray_copies: risky,
        files,
        files_examined: outcome.files_examined,
        skipped: outcome.skipped_large as usize + outcome.skipped_folders.len(),
        skipped_large: outcome.skipped_large,
        skipped_folders: outcome
            .skipped_folders
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        errors,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::CertSummary;

    fn listed(sha: u8, fp: Option<u8>, location: Location) -> Listed {
        Listed {
            file: FoundFile {
                path: PathBuf::from(format!("/x/{sha}")),
                len: 1,
                modified: None,
                sha256: [sha; 32],
                certificate: fp.map(|f| CertSummary {
                    subject_cn: None,
                    uid: None,
                    not_after: 0,
                    fingerprint: [f; 32],
                }),
            },
            location,
            deleted: false,
        }
    }

    /// Each case: the files found (content, certificate fingerprint, where), and what
    /// `may_delete` decides for some of them.
    #[test]
    fn a_copy_may_go_only_when_another_copy_of_the_same_certificate_stays() {
        use DeleteDecision::*;
        use Location::{Fixed, Removable};
        let usb_twin = Allowed { on_removable: true };
        let cases = [
            ("the only copy", vec![(1, None, Fixed)], vec![(0, LastCopy)]),
            (
                // The USB copy itself is never offered.
                "a copy with a USB twin",
                vec![(1, None, Fixed), (1, None, Removable)],
                vec![(0, usb_twin), (1, NotFlagged)],
            ),
            (
                "different certificates",
                vec![
                    (1, Some(7), Fixed),
                    (2, Some(8), Removable),
                    (3, None, Removable),
                ],
                vec![(0, LastCopy)],
            ),
            (
                // A working copy whose PIN was changed: other bytes, same certificate.
                "the same fingerprint",
                vec![(1, Some(7), Fixed), (2, Some(7), Removable)],
                vec![(0, usb_twin)],
            ),
        ];
        for (case, found, decisions) in cases {
            let files: Vec<_> = found.into_iter().map(|(c, f, l)| listed(c, f, l)).collect();
            for (i, expected) in decisions {
                assert_eq!(may_delete(&files, i), expected, "{case}: file {i}");
            }
        }
    }

    #[test]
    fn two_fixed_copies_the_second_is_kept() {
        let mut files = vec![
            listed(1, None, Location::Fixed),
            listed(1, None, Location::Fixed),
        ];
        assert_eq!(
            may_delete(&files, 0),
            DeleteDecision::Allowed {
                on_removable: false
            }
        );
        files[0].deleted = true;
        assert_eq!(may_delete(&files, 1), DeleteDecision::LastCopy);
        assert_eq!(may_delete(&files, 0), DeleteDecision::NotFlagged);
    }

    #[test]
    fn a_changed_file_is_not_deleted() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.p12");
        std::fs::write(&p, b"now different").unwrap();
        let f = FoundFile {
            path: p.clone(),
            len: 3,
            modified: None,
            sha256: fsutil::sha256(b"old"),
            certificate: None,
        };
        assert!(delete_if_unchanged(&f).is_err());
        assert!(p.exists());
        let f = FoundFile {
            sha256: fsutil::sha256(b"now different"),
            ..f
        };
        delete_if_unchanged(&f).unwrap();
        assert!(!p.exists());
    }
}
