//! No PIN left behind in memory: the process's whole memory is dumped (gdb's `gcore`) as
//! `download`, `change-pin` and `show` exit, and the dump is searched for each PIN in the
//! encodings it ever takes: ASCII/UTF-8 (typed, JSON request bodies), UTF-16BE (the PKCS#12
//! password, RFC 7292 BMPString) and UTF-16LE.
//!
//! The dump is taken at `exit_group`, after `main` returned: whatever is still mapped then (the
//! heap, stacks, statics, buffers of the standard library) is what an attacker reading a crash
//! dump, a swap file or a hibernation file could find.

#[path = "common/cmd.rs"]
mod cmd;
#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gidcert_mock_server::{Account, Config};
use mock::ID;

/// A PIN no binary holds as a literal: 12 random lowercase letters and digits, starting with a
/// letter (the change-pin rule: 4 to 16 of them).
fn random_pin() -> String {
    let mut rng = fastrand::Rng::new();
    let mut s = String::from(rng.lowercase());
    while s.len() < 12 {
        let c = rng.alphanumeric().to_ascii_lowercase();
        s.push(c);
    }
    s
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// memchr's SIMD search: a dump is ~200 MB, and a naive search of it in this unoptimised test
/// binary took minutes.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Which encodings of `pin` occur in `dump`.
fn pin_in(dump: &[u8], pin: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (name, bytes) in [
        ("ASCII", pin.as_bytes().to_vec()),
        ("UTF-16BE", utf16(pin, true)),
        ("UTF-16LE", utf16(pin, false)),
    ] {
        let mut start = 0;
        while let Some(at) = find(&dump[start..], &bytes).map(|i| i + start) {
            let from = at.saturating_sub(64);
            let to = (at + bytes.len() + 48).min(dump.len());
            eprintln!(
                "{name} at {at:#x}: {:?}",
                String::from_utf8_lossy(&dump[from..to])
            );
            if !found.contains(&name) {
                found.push(name);
            }
            start = at + 1;
        }
    }
    found
}

/// The binary under test without its debug sections (`objcopy --strip-debug`: the same code and
/// data, so the same memory): gdb then starts it in under a second instead of reading 200 MB of
/// DWARF for each run and each of its threads (the test took four minutes on two loaded cores).
fn stripped_binary() -> &'static Path {
    static STRIPPED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    STRIPPED.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gidcert-memory-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("gidcert");
        fixtures::run(
            Command::new("objcopy")
                .arg("--strip-debug")
                .arg(env!("CARGO_BIN_EXE_gidcert"))
                .arg(&out),
        );
        out
    })
}

/// Runs gidcert with `args` (stdin from `stdin`, if any) under gdb, stopped at `exit_group`,
/// and returns its exit code as gdb saw it and the core dump.
fn dump_at_exit(dir: &Path, args: &[&str], stdin: Option<&Path>) -> (Output, Vec<u8>) {
    let core = dir.join(format!("core.{}", fastrand::u32(..)));
    // gdb starts the program through a shell: `run ARGS < FILE` (a bare `run < FILE` would
    // replace the arguments). Every argument is single-quoted.
    let quoted: Vec<String> = args
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let input = stdin.map_or_else(|| "/dev/null".to_owned(), |p| p.display().to_string());
    let run = format!("run {} < '{input}'", quoted.join(" "));
    let mut c = Command::new("gdb");
    cmd::clean_env(&mut c, &dir.join("no-config.toml"));
    let o = c
        .args([
            "-batch",
            "-nx",
            "-ex",
            "catch syscall exit_group",
            "-ex",
            &run,
        ])
        .args(["-ex", &format!("gcore {}", core.display()), "-ex", "kill"])
        .arg(stripped_binary())
        .output()
        .expect("gdb runs (apt-get install gdb; .ci/run does)");
    let dump = std::fs::read(&core).unwrap_or_else(|e| {
        panic!(
            "no core dump ({e}); gdb said: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let _ = std::fs::remove_file(&core);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("exit_group"),
        "stopped at exit: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    (o, dump)
}

/// The mock server whose demo account has a random PIN, and that PIN.
struct Setup {
    env: mock::Env,
    pin: String,
}

impl Setup {
    fn new() -> Setup {
        let pin = random_pin();
        let account = Account {
            pin: pin.clone(),
            ..Account::demo()
        };
        let env = mock::Env::with(Config {
            accounts: vec![account],
            ..Config::default()
        });
        Setup { env, pin }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.env.path(name)
    }

    fn dir(&self) -> &Path {
        self.env.dir.path()
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The dump holds what it should (the `--out` folder from argv): the search can find things.
fn assert_dump_is_real(dump: &[u8], marker: &str) {
    assert!(
        find(dump, marker.as_bytes()).is_some(),
        "the dump does not even hold argv: not a real dump"
    );
}

#[test]
fn no_pin_in_memory_at_the_end_of_download_show_and_change_pin() {
    let s = Setup::new();
    let pin_line = s.path("pin.txt");
    std::fs::write(&pin_line, format!("{}\n", s.pin)).unwrap();

    // download, PIN on stdin (the case the issue found: the receipt's JSON body stayed behind).
    let out = s.path("out-download");
    std::fs::create_dir(&out).unwrap();
    let args = s.env.download_args(&s.env.server.url(), &out);
    let (o, dump) = dump_at_exit(s.dir(), &strs(&args), Some(&pin_line));
    let saved: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        saved.len(),
        1,
        "the download under gdb worked: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        s.env.server.account(ID).unwrap().history.receipts,
        1,
        "and sent its receipt"
    );
    assert_dump_is_real(&dump, &out.display().to_string());
    let found = pin_in(&dump, &s.pin);
    assert!(
        found.is_empty(),
        "download left the PIN in memory as {found:?}"
    );
    let file = saved[0].clone();

    // show, PIN from a file.
    let (_, dump) = dump_at_exit(
        s.dir(),
        &[
            "show",
            &file.display().to_string(),
            "--pin-file",
            &pin_line.display().to_string(),
        ],
        None,
    );
    assert_dump_is_real(&dump, &file.display().to_string());
    let found = pin_in(&dump, &s.pin);
    assert!(found.is_empty(), "show left the PIN in memory as {found:?}");

    // change-pin, both PINs from a file; the result is checked to open with the new one.
    let new_pin = random_pin();
    let pins = s.path("pins.txt");
    std::fs::write(&pins, format!("{}\n{new_pin}\n", s.pin)).unwrap();
    let changed = s.path("changed.p12");
    let (_, dump) = dump_at_exit(
        s.dir(),
        &[
            "change-pin",
            "--yes",
            "--pin-file",
            &pins.display().to_string(),
            "--out",
            &changed.display().to_string(),
            &file.display().to_string(),
        ],
        None,
    );
    assert!(changed.exists(), "change-pin under gdb worked");
    assert_dump_is_real(&dump, &changed.display().to_string());
    for (which, p) in [("old", &s.pin), ("new", &new_pin)] {
        let found = pin_in(&dump, p);
        assert!(
            found.is_empty(),
            "change-pin left the {which} PIN in memory as {found:?}"
        );
    }
    std::fs::write(&pin_line, format!("{new_pin}\n")).unwrap();
    let o = cmd::gidcert(s.dir())
        .args(["show", "--pin-file"])
        .arg(&pin_line)
        .arg(&changed)
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(3), "opens with the new PIN");
    // The stripped copy (20 MB) is this process's own: not left in the temporary folder.
    let _ = std::fs::remove_dir_all(stripped_binary().parent().unwrap());
}
