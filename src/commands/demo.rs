//! `gidcert demo`: the main job end to end against the mock download server, started in-process
//! on loopback. It runs the real `download`, `show` and `change-pin` code paths – parsed from a
//! command line exactly as a member would type it, not copies of them – non-interactively into a
//! fresh folder, and exits 0 only when every step verified its result.

use std::path::{Path, PathBuf};

use clap::Parser;
use gidcert_mock_server::{Account, Config, MockServer};

use crate::cli::Cli;
use crate::explain::{Error, Exit, Kind, Simple};
use crate::fsutil::{self, Overwrite};
use crate::pin::Pin;
use crate::{note, t};

/// Runs the demo into `out` (a new temporary folder when `None`).
pub fn run(out: Option<PathBuf>) -> Result<Exit, Error> {
    let dir = demo_folder(out)?;
    if dir.to_str().is_none() {
        return Err(failed("demo-folder", t!("err-demo-folder-not-utf8")));
    }
    let pc = dir.join("pc");
    let usb = dir.join("usb");
    for d in [&pc, &usb] {
        std::fs::create_dir_all(d).map_err(|e| failed("create-folder", e.to_string()))?;
    }

    let account = Account::demo();
    let server =
        MockServer::start(Config::default()).map_err(|e| failed("mock-server", e.to_string()))?;
    note!(
        "{}",
        t!(
            "demo-intro",
            url = server.url(),
            folder = dir.display().to_string()
        )
    );
    note!(
        "{}",
        t!(
            "demo-account",
            id = account.id.as_str(),
            uid = account.user_id.as_str()
        )
    );

    // The mock server's TLS root, as a member's office would install a private CA, and the PINs
    // in files (0600) as a script would pass them: no PIN on any command line.
    let ca = dir.join("mock-ca.pem");
    write(&ca, server.ca_pem().as_bytes())?;
    let pin_file = dir.join("pin.txt");
    write(&pin_file, format!("{}\n", account.pin).as_bytes())?;
    let new_pin = random_pin();
    let change_file = dir.join("change-pin.txt");
    write(
        &change_file,
        format!(
            "{}\n{}\n{}\n",
            account.pin,
            new_pin.expose(),
            new_pin.expose()
        )
        .as_bytes(),
    )?;
    let new_pin_file = dir.join("new-pin.txt");
    write(&new_pin_file, format!("{}\n", new_pin.expose()).as_bytes())?;

    step(1, &t!("demo-step-download"));
    let url = server.url();
    expect_ok(
        "download",
        &[
            "download",
            "--server",
            &url,
            "--ca-cert",
            s(&ca),
            "--id",
            &account.id,
            "--expect-uid",
            &account.user_id,
            "--pin-file",
            s(&pin_file),
            "--out",
            s(&pc),
            "--backup-to",
            s(&usb),
        ],
    )?;
    let saved = only_p12(&pc)?;
    let backup = only_p12(&usb)?;
    if fsutil::read_cert_file(&saved)?.as_slice() != fsutil::read_cert_file(&backup)?.as_slice() {
        return Err(failed("backup-differs", backup.display().to_string()));
    }

    step(2, &t!("demo-step-show"));
    expect_ok(
        "show",
        &[
            "show",
            s(&saved),
            "--pin-file",
            s(&pin_file),
            "--expect-uid",
            &account.user_id,
        ],
    )?;

    step(3, &t!("demo-step-change-pin"));
    expect_ok(
        "change-pin",
        &[
            "change-pin",
            s(&saved),
            "--pin-file",
            s(&change_file),
            "--yes",
        ],
    )?;

    step(4, &t!("demo-step-verify"));
    expect_ok(
        "show",
        &[
            "show",
            s(&saved),
            "--pin-file",
            s(&new_pin_file),
            "--expect-uid",
            &account.user_id,
        ],
    )?;
    // The working copy no longer opens with the notice's PIN; the USB backup still does.
    let old = Pin::new(account.pin.clone());
    if crate::keystore::open(&fsutil::read_cert_file(&saved)?, &old).is_ok() {
        return Err(failed("old-pin-still-opens", saved.display().to_string()));
    }
    crate::keystore::open(&fsutil::read_cert_file(&backup)?, &old)?;
    note!(
        "{} {}",
        crate::ui::output::mark(true),
        t!("demo-old-pin-checks")
    );

    server.shutdown();
    note!("\n{}", t!("demo-done", folder = dir.display().to_string()));
    Ok(Exit::Ok)
}

/// Runs one gidcert command line through the real parser and dispatcher.
fn expect_ok(name: &str, argv: &[&str]) -> Result<(), Error> {
    let cli = Cli::try_parse_from(std::iter::once("gidcert").chain(argv.iter().copied()))
        .map_err(|e| failed("demo-args", format!("{name}: {e}")))?;
    match crate::app::run(cli)? {
        Exit::Ok => Ok(()),
        other => Err(failed(
            "demo-step",
            format!("{name}: exit {}", other.code()),
        )),
    }
}

fn demo_folder(out: Option<PathBuf>) -> Result<PathBuf, Error> {
    match out {
        Some(d) => {
            if d.exists()
                && std::fs::read_dir(&d)
                    .map(|mut r| r.next().is_some())
                    .unwrap_or(true)
            {
                return Err(Simple {
                    kind: Kind::DemoFolderNotEmpty,
                    message: t!(
                        "err-demo-folder-not-empty",
                        folder = d.display().to_string()
                    ),
                }
                .into());
            }
            std::fs::create_dir_all(&d).map_err(|e| failed("create-folder", e.to_string()))?;
            Ok(d)
        }
        None => tempfile::Builder::new()
            .prefix("gidcert-demo-")
            .tempdir()
            .map(|t| t.keep())
            .map_err(|e| failed("create-folder", e.to_string())),
    }
}

fn only_p12(dir: &Path) -> Result<PathBuf, Error> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| failed("read-folder", e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "p12"))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(failed(
            "demo-files",
            format!("{}: {} .p12 files", dir.display(), found.len()),
        )),
    }
}

/// A new 12-character PIN for the demo, from the rule's alphabet.
fn random_pin() -> Pin {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let s: String = (0..12)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect();
    Pin::new(s)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    fsutil::write_atomic(path, bytes, Overwrite::Never)?;
    Ok(())
}

fn step(n: u32, title: &str) {
    let line = format!("── {n}/4 {title} ");
    note!("\n{}", console::style(format!("{line:─<60}")).bold());
}

fn s(p: &Path) -> &str {
    // Invariant: `run` refuses a folder whose path is not UTF-8, and every path here is that
    // folder joined with ASCII names.
    p.to_str().expect("demo paths are UTF-8")
}

fn failed(what: &'static str, detail: String) -> Error {
    tracing::debug!(what, "demo step failed");
    Simple {
        kind: Kind::DemoFailed,
        message: t!("err-demo-failed", detail = detail),
    }
    .into()
}
