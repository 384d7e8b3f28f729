//! `gidcert change-pin`: re-encrypts a certificate file under a new PIN without ever losing it.
//!
//! Order of events: read the file; get the PINs (non-interactive input is checked against the
//! new-PIN rule before any slow work; at the prompt the old PIN is checked by opening the file
//! before the new one is asked); estimate the new PIN's strength; remind the member about the
//! backup and confirm (unless `--yes` or `--out`); write the new file through
//! [`fsutil::write_atomic_checked`], whose check re-opens the temporary file with the new PIN,
//! compares it with the original and makes sure the old PIN no longer opens it; only then is it
//! renamed over the original (or to `--out`, never overwriting).
//!
//! A kill at any instant leaves either the complete old file or the complete new one at the path:
//! the new file only ever appears by an atomic rename of a fully written, fsynced, verified
//! temporary file. A killed run can leave a `.gidcert-*.tmp` file in the folder; every later
//! change-pin removes such files older than [`rekey::STALE_TMP_AGE`] from the destination folder.

use std::path::{Path, PathBuf};

use crate::explain::{Error, Exit, Explain, Kind};
use crate::fsutil::{self, Overwrite};
use crate::keystore::model::Pkcs12;
use crate::keystore::write::{Iterations, Profile, WriteParams};
use crate::pin::Pin;
use crate::rekey;
use crate::strength::Estimate;
use crate::ui::input::{self, PinSource};
use crate::{note, t};

/// What `gidcert change-pin` was asked to do (from [`crate::cli`]).
/// The default is what the menu runs: every value asked for, nothing forced.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The certificate file whose PIN to change
    pub file: PathBuf,
    /// Write the new file here instead of replacing FILE (never overwrites)
    pub out: Option<PathBuf>,
    /// Where the PIN(s) come from.
    pub pin: PinSource,
    /// Encrypt for old importers (3DES, SHA-1 MAC: macOS Keychain, old Windows)
    pub legacy: bool,
    /// PBKDF2 iteration count for the new file
    pub iterations: Option<u32>,
    /// Do not ask for confirmation before replacing FILE
    pub yes: bool,
    /// Print one JSON object on stdout, nothing else
    pub json: bool,
}

/// What change-pin itself can report (the reader, the writer, input and files have their own).
#[derive(Debug)]
#[non_exhaustive]
pub enum ChangePinError {
    /// Non-interactive use would replace the file without a chance to confirm.
    NeedsConfirmation,
    /// The member declined the confirmation.
    Declined,
    /// The new PIN equals the current one.
    SamePin,
}

impl Explain for ChangePinError {
    fn message(&self) -> String {
        match self {
            ChangePinError::NeedsConfirmation => t!("err-changepin-needs-confirmation"),
            ChangePinError::Declined => t!("err-changepin-declined"),
            ChangePinError::SamePin => t!("err-changepin-same-pin"),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            ChangePinError::NeedsConfirmation => Kind::NeedsConfirmation,
            ChangePinError::Declined => Kind::Cancelled,
            ChangePinError::SamePin => Kind::SamePin,
        }
    }
}

pub fn run(args: Options) -> Result<Exit, Error> {
    let params = WriteParams {
        profile: if args.legacy {
            Profile::Legacy
        } else {
            Profile::Modern
        },
        iterations: match args.iterations {
            Some(n) => Iterations::new(n)?,
            None => Iterations::DEFAULT,
        },
    };
    let source = args.pin.clone();
    let (dest, overwrite) = match &args.out {
        Some(out) => (out.clone(), Overwrite::Never),
        None => (args.file.clone(), Overwrite::Replace),
    };
    // Refuse what cannot work before reading a PIN or doing any slow work.
    if !source.is_prompt() && args.out.is_none() && !args.yes {
        return Err(ChangePinError::NeedsConfirmation.into());
    }
    if let Some(out) = &args.out
        && out.exists()
    {
        return Err(fsutil::FsError::Exists { path: out.clone() }.into());
    }
    let original = fsutil::read_cert_file(&args.file)?;
    // Look at the file before asking for its PIN (a PEM file gets no PIN prompt).
    crate::commands::backup::check_is_pkcs12(&original)?;

    let (old, new, p12) = if source.is_prompt() {
        // A wrong current PIN is asked again (a local file has no lockout).
        let (old, p12) =
            input::open_with_pin(&source, &t!("prompt-old-pin"), |pin| open(&original, pin))?;
        let new = input::prompt_new_pin()?;
        (old, new, p12)
    } else {
        // Lines 1 and 2: old and new PIN; line 3, optional: the new PIN again.
        let mut lines = input::read_pin_lines_range(&source, 2, 3)?;
        let confirm = (lines.len() == 3).then(|| lines.remove(2));
        let new_raw = lines.remove(1);
        let old = lines.remove(0);
        let new = input::check_new_pin(new_raw, confirm.as_ref())?;
        let p12 = open(&original, &old)?;
        (old, new, p12)
    };
    if new.as_pin().ct_eq(&old) {
        return Err(ChangePinError::SamePin.into());
    }

    let estimate = Estimate::for_pin(&new, params.profile, params.iterations);
    note!("{}", crate::ui::words::strength(&estimate));

    if args.out.is_none() && !args.yes {
        confirm_replace(&args.file)?;
    }

    let saved = rekey::rekey(
        &p12,
        &old,
        new.as_pin(),
        &params,
        &dest,
        overwrite,
        &fault::point,
    )?;

    report(&args, &dest, &params, &saved);
    Ok(Exit::Ok)
}

fn open(bytes: &[u8], pin: &Pin) -> Result<Pkcs12, Error> {
    crate::keystore::open(bytes, pin).map_err(Error::from)
}

/// The manual's advice before a PIN change, then a yes/no question (default no) on stderr.
fn confirm_replace(file: &Path) -> Result<(), Error> {
    note!("{}", t!("changepin-backup-reminder"));
    note!(
        "{}",
        t!("changepin-backup-offer", file = file.display().to_string())
    );
    let yes = crate::ui::prompt::yes_no(
        &t!("changepin-confirm", file = file.display().to_string()),
        false,
    )?;
    if yes {
        Ok(())
    } else {
        Err(ChangePinError::Declined.into())
    }
}

/// `change-pin --json` (docs/json-schema.md).
#[derive(Debug, serde::Serialize)]
pub struct ChangePinJson {
    pub file: String,
    pub out: String,
    pub replaced: bool,
    pub encryption: &'static str,
    pub mac: &'static str,
    pub iterations: u32,
    pub sha256: String,
}

fn report(args: &Options, dest: &Path, params: &WriteParams, saved: &fsutil::Saved) {
    let imports = match params.profile {
        Profile::Modern => t!("changepin-imports-modern"),
        Profile::Legacy => t!("changepin-imports-legacy"),
    };
    if args.json {
        crate::ui::output::print_json(&ChangePinJson {
            file: args.file.display().to_string(),
            out: dest.display().to_string(),
            replaced: args.out.is_none(),
            encryption: params.profile.name(),
            mac: params.profile.mac_name(),
            iterations: params.iterations.get(),
            sha256: saved.sha256_hex(),
        });
        return;
    }
    crate::say!(
        "{} {}",
        crate::ui::output::mark(true),
        t!("changepin-done", path = dest.display().to_string())
    );
    crate::say!(
        "{}",
        t!(
            "changepin-encryption",
            encryption = params.profile.name(),
            mac = params.profile.mac_name(),
            iterations = params.iterations.get()
        )
    );
    crate::say!("{imports}");
    crate::say!("SHA-256: {}", saved.sha256_hex());
}

/// Test hooks: `GIDCERT_FAULT=<point>:<kill|abort>` makes the process SIGKILL itself (or abort)
/// at a named point. Compiled only with the `fault-points` feature; a no-op otherwise.
mod fault {
    #[cfg(feature = "fault-points")]
    pub fn point(name: &str) {
        let Ok(spec) = std::env::var("GIDCERT_FAULT") else {
            return;
        };
        let Some((at, action)) = spec.split_once(':') else {
            return;
        };
        if at != name {
            return;
        }
        match action {
            "kill" => {
                // SIGKILL: no destructor, no flush, exactly like a power cut for the file system.
                let _ = std::process::Command::new("kill")
                    .args(["-9", &std::process::id().to_string()])
                    .status();
                std::thread::sleep(std::time::Duration::from_secs(10));
            }
            "abort" => std::process::abort(),
            _ => {}
        }
    }

    #[cfg(not(feature = "fault-points"))]
    #[inline(always)]
    pub fn point(_name: &str) {}
}
