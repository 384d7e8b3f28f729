//! docs/json-schema.md is the contract for scripts: every key its tables list must be in the real
//! output of the command (and every error is one object on stdout). Each command runs for real:
//! download against the mock server over HTTPS, the others on files made by openssl.

#[path = "common/cmd.rs"]
mod cmd;
#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const PIN: &str = fixtures::PIN;

/// The keys of the table under the heading that starts with `heading`, as dotted paths (`a.b`,
/// `a[].b`); a row naming several keys (`certificate.subject.uid` / `cn`) gives each.
fn documented_keys(heading: &str) -> Vec<String> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-schema.md"))
            .unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/json-schema.md has no section {heading}"));
    let mut keys = Vec::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let cell = row.split('|').nth(1).unwrap();
        let names: Vec<&str> = cell
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        let first = names[0];
        keys.push(first.to_owned());
        // `a.b.c` / `d`: `d` is a sibling of `c`.
        let parent = first.rsplit_once('.').map(|(p, _)| p);
        for n in &names[1..] {
            keys.push(match parent {
                Some(p) if !n.contains('.') => format!("{p}.{n}"),
                _ => (*n).to_owned(),
            });
        }
    }
    assert!(!keys.is_empty(), "{heading}: no keys documented");
    keys
}

/// Whether `path` (`a.b`, `a[].b`) is present; `a[]` needs a non-empty array and checks its first
/// element.
fn has(v: &Value, path: &str) -> bool {
    let mut cur = v;
    for part in path.split('.') {
        let (name, array) = match part.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (part, false),
        };
        let Some(next) = cur.get(name) else {
            return false;
        };
        cur = next;
        if array {
            match cur.as_array().and_then(|a| a.first()) {
                Some(first) => cur = first,
                None => return false,
            }
        }
    }
    true
}

fn check(heading: &str, out: &std::process::Output) {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{heading}: stdout is not one JSON object ({e}): {:?}\nstatus {:?}, stderr: {}",
            String::from_utf8_lossy(&out.stdout),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    for key in documented_keys(heading) {
        assert!(
            has(&v, &key),
            "{heading}: documented key {key} missing in {v:#}"
        );
    }
}

/// The binary with the clean environment and the configuration file `dir/config.toml`.
fn gidcert(dir: &Path) -> Command {
    Command::from_std(cmd::gidcert_with_config(&dir.join("config.toml")))
}

#[test]
fn every_documented_key_is_in_the_output() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let p12 = fixtures::openssl_p12(dir, &[], PIN);
    let pin = dir.join("pin");
    std::fs::write(&pin, format!("{PIN}\n")).unwrap();
    let pins = dir.join("pins");
    std::fs::write(&pins, format!("{PIN}\nnewpin1234\nnewpin1234\n")).unwrap();

    let out = gidcert(dir)
        .args(["show", "--json", "--expect-uid", "20261121", "--pin-file"])
        .arg(&pin)
        .arg(&p12)
        .output()
        .unwrap();
    check("`gidcert show --json`", &out);

    let usb = dir.join("usb");
    std::fs::create_dir(&usb).unwrap();
    let out = gidcert(dir)
        .args(["backup", "--json", "--verify-pin", "--pin-file"])
        .arg(&pin)
        .arg(&p12)
        .arg(&usb)
        .env("GIDCERT_REMOVABLE", &usb)
        .output()
        .unwrap();
    check("`gidcert backup --json`", &out);

    let out = gidcert(dir)
        .args(["scan", "--json"])
        .arg(dir)
        .output()
        .unwrap();
    check("`gidcert scan --json`", &out);

    let changed = dir.join("changed.p12");
    let out = gidcert(dir)
        .args(["change-pin", "--json", "--out"])
        .arg(&changed)
        .arg("--pin-file")
        .arg(&pins)
        .arg(&p12)
        .output()
        .unwrap();
    check("`gidcert change-pin --json`", &out);

    let out = gidcert(dir)
        .args(["config", "show", "--json"])
        .output()
        .unwrap();
    check("`gidcert config show --json`", &out);

    let env = mock::Env::start();
    let out = env
        .download(mock::PIN)
        .args(["--json", "--backup-to"])
        .arg(&usb)
        .output()
        .unwrap();
    check("`gidcert download --json`", &out);
}

#[test]
fn errors_are_one_object_on_stdout_for_every_command() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let missing = dir.join("missing.p12");
    let m = missing.to_str().unwrap();
    let bad_config = dir.join("config.toml");
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("show", vec!["show", "--json", m]),
        ("change-pin", vec!["change-pin", "--json", "--yes", m]),
        ("backup", vec!["backup", "--json", m, "."]),
        ("scan", vec!["scan", "--json", m]),
        (
            "download",
            vec!["download", "--json", "--id", "1", "--pin-stdin"],
        ),
    ];
    for (name, args) in cases {
        let out = gidcert(dir)
            .args(&args)
            .write_stdin("x\n")
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "{name}");
        check("Errors", &out);
    }
    std::fs::write(&bad_config, "servr = 1\n").unwrap();
    let out = gidcert(dir)
        .args(["config", "show", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(27));
    check("Errors", &out);
}
