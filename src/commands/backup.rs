//! `gidcert backup FILE [DEST_DIR]`: a verified copy of the certificate file on a USB stick.
//!
//! The authority's manual asks the member to copy the downloaded file, with its original PIN code,
//! to a USB stick right after downloading it, and to keep the stick with the notice in a locked
//! cabinet. This command makes that copy safely: it checks that the source is a complete PKCS#12
//! file (and, with `--verify-pin`, that the PIN opens it and the key matches its certificate, with
//! the keystore's own errors), writes through [`fsutil::write_atomic`] (temporary
//! file on the destination, fsync, verify, no-clobber rename, fsync the folder, read back), and
//! reports the SHA-256 of the source and of the copy as read back from the drive.

use std::path::{Path, PathBuf};

use crate::drives::{self, Drive, DriveMap, Location};
use crate::explain::{Error, Exit, Explain, Kind};
use crate::fsutil::{self, Overwrite};
use crate::keystore::{self, FileKind, KeystoreError, LooksLike};
use crate::pin::Pin;
use crate::ui::filename::FileName;
use crate::ui::input::{self, PinSource};
use crate::ui::output;
use crate::ui::prompt;
use crate::{note, scan, t};

/// What `gidcert backup` was asked to do (from [`crate::cli`]).
/// The default is what the menu runs: every value asked for, nothing forced.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The certificate file to back up
    pub file: PathBuf,
    /// Destination folder (default: choose a removable drive)
    pub dest_dir: Option<PathBuf>,
    /// File name of the copy (default: the original name)
    pub name: Option<String>,
    /// Also open the file with its PIN before copying, the PIN from here
    pub verify_pin: Option<PinSource>,
    /// Replace an existing file of the same name
    pub force: bool,
    /// Print one JSON object on stdout, nothing else
    pub json: bool,
}

#[derive(Debug)]
#[non_exhaustive]
pub enum BackupError {
    /// The source is not a complete PKCS#12 file or, with `--verify-pin`, does not open: the
    /// keystore's error (exit code, kind, advice), told with the file's name.
    Source { path: PathBuf, error: KeystoreError },
    /// No destination given and no removable drive plugged in.
    NoDrives,
    /// No destination given and no terminal to choose a drive on.
    NoTerminal,
    /// `--name` is not a plain file name.
    BadName { name: String },
    /// The destination is the source itself.
    SameFile { path: PathBuf },
    /// The source changed while it was being copied.
    SourceChanged { path: PathBuf },
}

impl Explain for BackupError {
    fn message(&self) -> String {
        let show = |p: &Path| p.display().to_string();
        match self {
            BackupError::Source { path, error } => t!(
                "err-backup-source",
                path = show(path),
                error = error.message()
            ),
            BackupError::NoDrives => t!("err-backup-no-drives"),
            BackupError::NoTerminal => t!("err-backup-no-terminal"),
            BackupError::BadName { name } => t!("err-backup-bad-name", name = name.as_str()),
            BackupError::SameFile { path } => t!("err-backup-same-file", path = show(path)),
            BackupError::SourceChanged { path } => {
                t!("err-backup-source-changed", path = show(path))
            }
        }
    }

    /// The kind's advice; without a terminal to choose a drive on, to name the folder.
    fn recommendation(&self) -> Option<String> {
        match self {
            BackupError::Source { error, .. } => error.recommendation(),
            BackupError::NoTerminal => Some(t!("rec-backup-pass-folder")),
            _ => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            BackupError::Source { error, .. } => error.kind(),
            BackupError::NoDrives => Kind::NoRemovableDrive,
            BackupError::NoTerminal => Kind::NoTerminal,
            BackupError::BadName { .. } => Kind::BadName,
            BackupError::SameFile { .. } => Kind::SameFile,
            BackupError::SourceChanged { .. } => Kind::SourceChanged,
        }
    }
}

/// The copy's name, by the one file-name rule ([`crate::ui::filename`]).
fn parse_name(name: &str) -> Result<FileName, BackupError> {
    FileName::parse(name).ok_or_else(|| BackupError::BadName {
        name: name.to_owned(),
    })
}

/// `backup --json` (docs/json-schema.md).
#[derive(Debug, serde::Serialize)]
pub struct BackupJson {
    pub source: String,
    pub source_sha256: String,
    pub destination: String,
    pub destination_sha256: String,
    pub size: u64,
    pub verified: bool,
    pub pin_verified: bool,
    pub location: Location,
}

pub fn run(args: Options) -> Result<Exit, Error> {
    // Cheap argument checks first, so a typo costs nothing.
    let name = match &args.name {
        Some(n) => parse_name(n)?,
        None => match args.file.file_name().and_then(|n| n.to_str()) {
            Some(n) => parse_name(n)?,
            None => {
                return Err(BackupError::BadName {
                    name: args.file.display().to_string(),
                }
                .into());
            }
        },
    };

    let source = fsutil::read_cert_file(&args.file)?;
    check_is_pkcs12(&source).map_err(|error| BackupError::Source {
        path: args.file.clone(),
        error,
    })?;
    let source_sha = fsutil::sha256(&source);

    // The file was looked at above; only now, if asked, its PIN (asked again when wrong).
    let pin_verified = if let Some(src) = &args.verify_pin {
        input::open_with_pin(src, &t!("prompt-pin"), |pin| {
            verify_pin(&source, pin).map_err(|error| {
                Error::from(BackupError::Source {
                    path: args.file.clone(),
                    error,
                })
            })
        })?;
        true
    } else {
        false
    };

    let map = crate::settings::drives();
    let dest_dir = match &args.dest_dir {
        Some(d) => d.clone(),
        None => choose_drive(&map)?,
    };
    let dest = dest_dir.join(name.as_str());
    if same_file(&args.file, &dest) {
        return Err(BackupError::SameFile { path: dest }.into());
    }
    let overwrite = if args.force {
        Overwrite::Replace
    } else {
        Overwrite::Never
    };
    let saved = fsutil::write_atomic(&dest, &source, overwrite)?;

    // The copy verified against our buffer; make sure the buffer still is what the source holds
    // (another program could have rewritten it meanwhile).
    let again = fsutil::read_cert_file(&args.file)?;
    if fsutil::sha256(&again) != source_sha {
        return Err(BackupError::SourceChanged {
            path: args.file.clone(),
        }
        .into());
    }

    let location = map.location_of(&saved.path);
    if args.json {
        output::print_json(&BackupJson {
            source: args.file.display().to_string(),
            source_sha256: hex::encode(source_sha),
            destination: saved.path.display().to_string(),
            destination_sha256: saved.sha256_hex(),
            size: saved.len,
            verified: saved.sha256 == source_sha,
            pin_verified,
            location,
        });
    } else {
        let ok = output::mark(true);
        crate::say!(
            "{ok} {}",
            t!("backup-done", path = saved.path.display().to_string())
        );
        let (l1, l2) = (t!("backup-source-sha"), t!("backup-copy-sha"));
        let w = console::measure_text_width(&l1).max(console::measure_text_width(&l2));
        let pad = |l: &str| " ".repeat(w - console::measure_text_width(l));
        crate::say!("  {l1}{}  {}", pad(&l1), hex::encode(source_sha));
        crate::say!("  {l2}{}  {}", pad(&l2), saved.sha256_hex());
        crate::say!(
            "  {}",
            t!("backup-size", size = drives::format_size(saved.len))
        );
        if pin_verified {
            crate::say!("{ok} {}", t!("backup-pin-ok"));
        }
        if location == Location::Fixed {
            note!("{}", t!("backup-not-removable"));
        }
        note!("{}", t!("backup-advice"));
    }
    Ok(Exit::Ok)
}

/// Whether `bytes` are a whole PKCS#12 file, without the PIN: what the keystore reader would say
/// of a file that is not one (a PEM certificate, base64 text…), and "corrupt" for a truncated one,
/// which the keystore's [`keystore::sniff`] still calls PKCS#12.
pub(crate) fn check_is_pkcs12(bytes: &[u8]) -> Result<(), KeystoreError> {
    if bytes.is_empty() {
        return Err(KeystoreError::Empty);
    }
    let looks_like = match keystore::sniff(bytes) {
        FileKind::Pkcs12 if scan::is_complete_pfx(bytes) => return Ok(()),
        FileKind::Pkcs12 => return Err(KeystoreError::Corrupt { at: "PFX" }),
        FileKind::Pem { label } => LooksLike::Pem { label },
        FileKind::Base64 => LooksLike::Base64,
        FileKind::Certificate => LooksLike::Certificate,
        FileKind::Unknown => LooksLike::Other,
    };
    Err(KeystoreError::NotPkcs12 { looks_like })
}

/// Opens the file with the PIN, as `show` and `change-pin` do: a private key and the certificate
/// that belongs to it must be there, or the copy would be of a file that cannot sign.
fn verify_pin(bytes: &[u8], pin: &Pin) -> Result<(), KeystoreError> {
    let p12 = keystore::open(bytes, pin)?;
    p12.end_entity()?;
    Ok(())
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Lists the removable drives on stderr and lets the member pick one.
fn choose_drive(map: &DriveMap) -> Result<PathBuf, Error> {
    let drives = map.removable();
    if drives.is_empty() {
        return Err(BackupError::NoDrives.into());
    }
    if !input::can_prompt() {
        for d in &drives {
            note!("  {}", describe(d));
        }
        return Err(BackupError::NoTerminal.into());
    }
    let items: Vec<String> = drives.iter().map(|d| describe(d)).collect();
    let chosen = prompt::choose(&t!("backup-choose-drive"), &items, Some(0))?;
    // Invariant: `choose` only returns indices of `items`, which has one entry per drive.
    Ok(drives[chosen].mount_point.clone())
}

fn describe(d: &Drive) -> String {
    let mut s = t!(
        "backup-drive-line",
        label = d.label.as_str(),
        mount = d.mount_point.display().to_string(),
        free = drives::format_size(d.available)
    );
    if d.read_only {
        s.push_str(&format!(" ({})", t!("backup-drive-read-only")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_name_follows_the_one_rule() {
        assert!(parse_name("電子証明書.p12").is_ok());
        assert!(matches!(
            parse_name("C:x.p12"),
            Err(BackupError::BadName { .. })
        ));
    }

    #[test]
    fn same_file_needs_both_to_exist() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a");
        std::fs::write(&a, b"x").unwrap();
        assert!(same_file(&a, &d.path().join(".").join("a")));
        assert!(!same_file(&a, &d.path().join("b")));
    }
}
