//! A reader that closes stdout early (`gidcert … | head`) is a normal end, never a panic: exit 0,
//! no backtrace, when output was all that was asked.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;

/// Runs gidcert with stdout on a pipe, reads `keep` bytes (up to the first newline when `line`),
/// closes the pipe, and returns the exit code and stderr.
fn closed_early(args: &[&str], pin_file: Option<&Path>, keep: usize, line: bool) -> (i32, String) {
    let mut cmd = Command::new(cargo_bin("gidcert"));
    cmd.arg("--lang")
        .arg("en")
        .args(args)
        .env_remove("GIDCERT_REMOVABLE")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = pin_file {
        cmd.arg("--pin-file").arg(p);
    }
    let mut child = cmd.spawn().expect("gidcert starts");
    let mut stdout = child.stdout.take().expect("stdout piped");
    let mut got = Vec::new();
    let mut byte = [0u8; 1];
    while got.len() < keep && stdout.read(&mut byte).expect("read stdout") == 1 {
        got.push(byte[0]);
        if line && byte[0] == b'\n' {
            break;
        }
    }
    assert!(
        !got.is_empty(),
        "{args:?}: nothing on stdout before the pipe closed"
    );
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr piped")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let status = child.wait().expect("gidcert ends");
    (status.code().unwrap_or(-1), stderr)
}

fn assert_quiet_end((code, stderr): (i32, String), what: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{what}: {stderr}"
    );
    assert_eq!(code, 0, "{what}: stderr: {stderr}");
}

#[test]
fn help_and_man_into_head() {
    assert_quiet_end(
        closed_early(&["--help"], None, 200, true),
        "--help | head -n 1",
    );
    assert_quiet_end(closed_early(&["man"], None, 200, true), "man | head -n 1");
}

#[test]
fn show_into_head_c_10() {
    let dir = tempfile::tempdir().unwrap();
    let p12 = fixtures::openssl_p12(dir.path(), &[], fixtures::PIN);
    let pin = dir.path().join("pin");
    std::fs::write(&pin, format!("{}\n", fixtures::PIN)).unwrap();
    let f = p12.to_str().unwrap();
    assert_quiet_end(
        closed_early(&["show", f], Some(&pin), 10, false),
        "show | head -c 10",
    );
}

#[test]
fn scan_of_many_copies_into_head_n_1() {
    let dir = tempfile::tempdir().unwrap();
    let p12 = fixtures::openssl_p12(dir.path(), &[], fixtures::PIN);
    let bytes = std::fs::read(&p12).unwrap();
    let copies = dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    // 1,000 copies print about 118 KB, more than a pipe holds (64 KiB on Linux), so the writes
    // really meet the closed pipe (400 print 47 KB, which the pipe would swallow whole).
    for i in 0..1000 {
        std::fs::write(copies.join(format!("copy-{i:03}.p12")), &bytes).unwrap();
    }
    // Without the pipe closing, copies on a fixed disk exit 13: the closed pipe wins.
    let c = copies.to_str().unwrap();
    assert_quiet_end(
        closed_early(&["scan", c], None, 4096, true),
        "scan | head -n 1",
    );
}
