//! `gidcert backup` and `gidcert scan`, through the real binary, with PKCS#12 files made by
//! OpenSSL. A temporary folder named in `GIDCERT_REMOVABLE` plays the USB stick.
//!
//! Read-only and full destinations are real mounts (a read-only bind mount, a 64 KiB tmpfs): the
//! tests run as root, for whom `chmod` blocks nothing. Where mounting is not permitted those two
//! cases print why and pass without checking; every other case always runs.

#[path = "common/cmd.rs"]
mod cmd;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use sha2::{Digest, Sha256};

const PIN: &str = "abcd1234";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A key, a certificate (CN, UID, 400 days) and two PKCS#12 files: `enc.p12` (certificate bag
    /// encrypted, as every tool does by default) and `plain.p12` (certificate bag unencrypted).
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        run_openssl(
            d,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "k.pem",
                "-out",
                "c.pem",
                "-days",
                "400",
                "-subj",
                "/C=JP/O=Test/CN=Yamada Taro/UID=ABC12345",
            ],
        );
        let pass = format!("pass:{PIN}");
        run_openssl(
            d,
            &[
                "pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", "enc.p12",
                "-passout", &pass,
            ],
        );
        run_openssl(
            d,
            &[
                "pkcs12",
                "-export",
                "-in",
                "c.pem",
                "-inkey",
                "k.pem",
                "-out",
                "plain.p12",
                "-passout",
                &pass,
                "-certpbe",
                "NONE",
            ],
        );
        Fixture { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn mkdir(&self, name: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    }
}

fn run_openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl is installed");
    assert!(out.status.success(), "openssl {args:?}: {out:?}");
}

fn gidcert() -> Command {
    let mut c = Command::new(cargo_bin("gidcert"));
    c.arg("--lang").arg("en").env_remove("GIDCERT_REMOVABLE");
    c
}

fn sha(p: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(p).unwrap()))
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON object ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

// ---- backup -----------------------------------------------------------------------------------

/// `gidcert backup EXTRA… SOURCE DEST`, `SOURCE` in the fixture's folder.
fn backup(f: &Fixture, extra: &[&str], source: &str, dest: &Path) -> std::process::Output {
    gidcert()
        .arg("backup")
        .args(extra)
        .arg(f.path(source))
        .arg(dest)
        .output()
        .unwrap()
}

/// A backup of `enc.p12` that must succeed.
fn backup_ok(f: &Fixture, extra: &[&str], dest: &Path) -> std::process::Output {
    let out = backup(f, extra, "enc.p12", dest);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    out
}

#[test]
fn backup_makes_a_verified_private_copy() {
    let f = Fixture::new();
    let usb = f.mkdir("usb");
    let out = backup_ok(&f, &["--json"], &usb);
    let v = json(&out);
    let copy = usb.join("enc.p12");
    assert_eq!(sha(&copy), sha(&f.path("enc.p12")));
    assert_eq!(v["source_sha256"], sha(&f.path("enc.p12")));
    assert_eq!(v["destination_sha256"], sha(&copy));
    assert_eq!(v["verified"], true);
    assert_eq!(v["pin_verified"], false);
    assert_eq!(entries(&usb), ["enc.p12"]);
    cmd::assert_owner_only(&copy);

    // Human output: both checksums and the manual's advice.
    let out = backup_ok(&f, &["--name", "second.p12"], &usb);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches(&sha(&f.path("enc.p12"))).count(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("original PIN code"));
    assert_eq!(sha(&usb.join("second.p12")), sha(&f.path("enc.p12")));
}

/// `--verify-pin` opens the file with its PIN before copying; a PIN file given without it is used
/// too, not ignored. A wrong PIN stops the copy and is never shown.
#[test]
fn backup_checks_the_pin_when_asked_or_given() {
    let f = Fixture::new();
    let pins = f.path("pin.txt");
    let pin_file = pins.to_str().unwrap();
    for (i, flags) in [&["--verify-pin", "--pin-file"][..], &["--pin-file"]]
        .into_iter()
        .enumerate()
    {
        let usb = f.mkdir(&format!("usb{i}"));
        let extra: Vec<&str> = flags.iter().copied().chain([pin_file]).collect();
        std::fs::write(&pins, "wrong999\n").unwrap();
        let out = backup(&f, &extra, "enc.p12", &usb);
        assert_eq!(out.status.code(), Some(3), "{flags:?}: {out:?}");
        assert!(entries(&usb).is_empty(), "{flags:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("wrong999"));

        std::fs::write(&pins, format!("{PIN}\n")).unwrap();
        let extra: Vec<&str> = ["--json"].into_iter().chain(extra).collect();
        let out = backup_ok(&f, &extra, &usb);
        assert_eq!(json(&out)["pin_verified"], true, "{flags:?}");
    }
}

/// Runs a backup expected to fail with `code`, and checks that nothing was left in `dest` (no
/// copy, no temporary file) beyond `allowed`, and that the source is unchanged.
fn backup_fails(
    f: &Fixture,
    source: &str,
    dest: &Path,
    extra: &[&str],
    code: i32,
    allowed: &[&str],
) {
    let before = sha(&f.path(source));
    let out = backup(f, extra, source, dest);
    assert_eq!(out.status.code(), Some(code), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).is_empty(),
        "a failure says what happened"
    );
    assert_eq!(sha(&f.path(source)), before, "source untouched");
    if dest.is_dir() {
        assert_eq!(
            entries(dest),
            allowed,
            "nothing left behind in {}",
            dest.display()
        );
    }
}

#[test]
fn backup_failures_leave_nothing_behind() {
    let f = Fixture::new();
    let usb = f.mkdir("usb");

    // Destination folder missing.
    backup_fails(&f, "enc.p12", &f.path("missing"), &[], 30, &[]);
    assert!(!f.path("missing").exists());

    // A file where the folder should be.
    std::fs::write(f.path("afile"), b"x").unwrap();
    backup_fails(&f, "enc.p12", &f.path("afile"), &[], 30, &[]);
    assert_eq!(std::fs::read(f.path("afile")).unwrap(), b"x");

    // Not a PKCS#12 file, whatever its name.
    std::fs::write(f.path("fake.p12"), b"-----BEGIN CERTIFICATE-----\n").unwrap();
    backup_fails(&f, "fake.p12", &usb, &[], 4, &[]);
    std::fs::write(f.path("cert.p12"), std::fs::read(f.path("c.pem")).unwrap()).unwrap();
    backup_fails(&f, "cert.p12", &usb, &[], 4, &[]);

    // A truncated PKCS#12 file.
    let whole = std::fs::read(f.path("enc.p12")).unwrap();
    std::fs::write(f.path("short.p12"), &whole[..whole.len() / 2]).unwrap();
    backup_fails(&f, "short.p12", &usb, &[], 5, &[]);

    // An existing copy is never overwritten without --force.
    std::fs::write(usb.join("enc.p12"), b"older").unwrap();
    backup_fails(&f, "enc.p12", &usb, &[], 31, &["enc.p12"]);
    assert_eq!(std::fs::read(usb.join("enc.p12")).unwrap(), b"older");
    backup_ok(&f, &["--force"], &usb);
    assert_eq!(sha(&usb.join("enc.p12")), sha(&f.path("enc.p12")));

    // A name with a folder in it.
    backup_fails(
        &f,
        "enc.p12",
        &usb,
        &["--name", "../x.p12"],
        41,
        &["enc.p12"],
    );
    assert!(!f.path("x.p12").exists());

    // The source onto itself.
    backup_fails(
        &f,
        "enc.p12",
        f.dir.path(),
        &["--force"],
        31,
        &entries(f.dir.path())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
}

/// Unmounts on drop, so that a failed assertion does not leave a mount (and an undeletable
/// temporary folder) behind.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Mounts `args` on `target`; `None` when this environment does not allow mounting.
fn mount(args: &[&str], target: &Path) -> Option<Mounted> {
    let ok = Command::new("mount")
        .args(args)
        .arg(target)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("mount {args:?} not permitted here: case not checked");
        return None;
    }
    Some(Mounted(target.to_owned()))
}

#[test]
fn backup_to_a_read_only_drive_fails_cleanly() {
    let f = Fixture::new();
    let ro = f.mkdir("ro");
    let Some(_mounted) = mount(&["--bind", "-o", "ro", ro.to_str().unwrap()], &ro) else {
        return;
    };
    // A bind mount is read-write until remounted read-only on some kernels.
    let _ = Command::new("mount")
        .args(["-o", "remount,ro,bind"])
        .arg(&ro)
        .status();
    let writable = std::fs::write(ro.join("probe"), b"x").is_ok();
    if writable {
        let _ = std::fs::remove_file(ro.join("probe"));
        eprintln!("read-only bind mount is writable here: case not checked");
        return;
    }
    backup_fails(&f, "enc.p12", &ro, &[], 30, &[]);
}

#[test]
fn backup_to_a_full_drive_fails_cleanly() {
    let f = Fixture::new();
    let full = f.mkdir("full");
    let Some(_mounted) = mount(&["-t", "tmpfs", "-o", "size=64k", "tmpfs"], &full) else {
        return;
    };
    // Fill the drive, leaving less room than the certificate file needs.
    let filler = full.join("filler");
    let _ = std::fs::write(&filler, vec![0u8; 128 * 1024]);
    let size = std::fs::metadata(&filler).map(|m| m.len()).unwrap_or(0);
    assert!(size > 0, "tmpfs took some bytes");
    backup_fails(&f, "enc.p12", &full, &[], 30, &["filler"]);
}

#[test]
fn backup_without_a_folder_and_without_a_terminal_explains() {
    let f = Fixture::new();
    let usb = f.mkdir("usb");
    // No removable drive named and no terminal (stdin is not one under cargo test's pipes);
    // then a drive is present but nobody can choose it: list it, copy nothing.
    for (removable, words) in [(None, "gidcert backup FILE FOLDER"), (Some(&usb), "usb")] {
        let mut c = gidcert();
        if let Some(usb) = removable {
            c.env("GIDCERT_REMOVABLE", usb);
        }
        let out = c
            .arg("backup")
            .arg(f.path("enc.p12"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(41), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(words),
            "{out:?}"
        );
    }
    assert!(entries(&usb).is_empty());
}

// ---- scan -------------------------------------------------------------------------------------

/// A home folder with copies under odd names, decoys, skipped folders and a symlink loop.
fn messy_home(f: &Fixture) -> PathBuf {
    let home = f.mkdir("home");
    std::fs::create_dir_all(home.join("Documents/old")).unwrap();
    std::fs::copy(f.path("enc.p12"), home.join("Documents/notes.txt")).unwrap();
    std::fs::copy(f.path("plain.p12"), home.join("Documents/old/cert.pfx")).unwrap();
    std::fs::write(home.join("fake.p12"), b"this is not a certificate file").unwrap();
    std::fs::copy(f.path("c.pem"), home.join("cert.p12")).unwrap();
    std::fs::create_dir_all(home.join("proj/node_modules/pkg")).unwrap();
    std::fs::copy(
        f.path("enc.p12"),
        home.join("proj/node_modules/pkg/test.p12"),
    )
    .unwrap();
    std::fs::create_dir_all(home.join(".cache")).unwrap();
    std::fs::copy(f.path("enc.p12"), home.join(".cache/x.p12")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&home, home.join("Documents/loop")).unwrap();
        std::os::unix::fs::symlink(f.path("enc.p12"), home.join("link.p12")).unwrap();
    }
    home
}

#[test]
fn scan_finds_pkcs12_files_by_content() {
    let f = Fixture::new();
    let home = messy_home(&f);
    let out = gidcert()
        .args(["scan", "--json"])
        .arg(&home)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(13), "{out:?}");
    let v = json(&out);
    let mut paths: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            // Joined part by part: on Windows the paths come back with backslashes only.
            home.join("Documents")
                .join("notes.txt")
                .display()
                .to_string(),
            home.join("Documents")
                .join("old")
                .join("cert.pfx")
                .display()
                .to_string(),
        ]
    );
    assert_eq!(v["stray_copies"], 2);
    assert_eq!(v["skipped_folders"].as_array().unwrap().len(), 2);
    for file in v["files"].as_array().unwrap() {
        assert_eq!(file["location"], "fixed");
        assert_eq!(file["risk"], true);
        assert!(file["size"].as_u64().unwrap() > 1000);
        assert!(file["modified"].is_string());
    }
    // The unencrypted certificate bag tells who it belongs to.
    let plain = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("cert.pfx"))
        .unwrap();
    assert_eq!(plain["certificate"]["subject_cn"], "Yamada Taro");
    assert_eq!(plain["certificate"]["uid"], "ABC12345");
    assert_eq!(plain["certificate"]["validity"], "valid");
}

#[test]
fn scan_of_a_usb_stick_alone_is_not_a_risk() {
    let f = Fixture::new();
    let usb = f.mkdir("usb");
    std::fs::copy(f.path("enc.p12"), usb.join("backup.p12")).unwrap();
    let out = gidcert()
        .env("GIDCERT_REMOVABLE", &usb)
        .arg("scan")
        .arg(&usb)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("removable drive"), "{stdout}");
    assert!(stdout.contains("backup.p12"), "{stdout}");
}

#[test]
fn scan_errors_are_not_fatal_and_bad_input_is_refused() {
    let f = Fixture::new();
    let home = messy_home(&f);
    // A folder that does not exist is a typo, not "nothing found".
    let out = gidcert().arg("scan").arg(f.path("nope")).output().unwrap();
    assert_eq!(out.status.code(), Some(32), "{out:?}");

    // --delete needs someone to confirm: without a terminal, refuse and delete nothing.
    let out = gidcert()
        .args(["scan", "--delete"])
        .arg(&home)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(41), "{out:?}");
    assert!(home.join("Documents/notes.txt").exists());
}

/// The interactive `--delete`, on a pseudo-terminal: the only copy of a certificate is never
/// offered; a copy with a twin on the USB stick is deleted after "y".
#[cfg(unix)]
#[test]
fn scan_delete_never_removes_the_only_copy() {
    let f = Fixture::new();
    let home = f.mkdir("home");
    let usb = f.mkdir("usb");
    std::fs::copy(f.path("enc.p12"), home.join("a-only.p12")).unwrap();
    // `a-only` has no twin anywhere; `b-twin` (another file) has an identical copy on the stick.
    std::fs::copy(f.path("plain.p12"), home.join("b-twin.p12")).unwrap();
    std::fs::copy(f.path("plain.p12"), usb.join("b-twin.p12")).unwrap();

    let mut cmd = Command::new(cargo_bin("gidcert"));
    cmd.args(["--lang", "en", "--color", "never", "scan", "--delete"])
        .arg(&home)
        .arg(&usb)
        .env("GIDCERT_REMOVABLE", &usb)
        .env("TERM", "dumb");
    let mut p = rexpect::session::spawn_command(cmd, Some(30_000)).unwrap();
    p.exp_string("may remain recoverable").unwrap();
    p.exp_string("Not deleting").unwrap();
    p.exp_string("b-twin.p12?").unwrap();
    // Every yes/no question reads a whole line (src/ui/prompt.rs), and repeats the answer.
    p.send_line("y").unwrap();
    // (rexpect compares bytes as chars: the ASCII part of the echoed "→ yes" line.)
    p.exp_string(" yes\r\n").unwrap();
    p.exp_string("Deleted").unwrap();
    p.exp_eof().unwrap();
    let status = p.process().wait().unwrap();
    assert!(format!("{status:?}").contains("13"), "{status:?}");
    assert!(home.join("a-only.p12").exists(), "the only copy is kept");
    assert!(!home.join("b-twin.p12").exists(), "the twin was deleted");
    assert!(
        usb.join("b-twin.p12").exists(),
        "the USB copy is never touched"
    );
}
