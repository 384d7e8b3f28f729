//! `gidcert demo`: the main job end to end against the bundled mock server, as the README runs it.
#![cfg(feature = "demo")]

use std::process::Command;

#[test]
fn demo_runs_every_step_and_leaves_a_verified_pair_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let o = Command::new(env!("CARGO_BIN_EXE_gidcert"))
        .args(["--lang", "en", "demo", "--out"])
        .arg(&out)
        .env_remove("GIDCERT_SERVER")
        .env("GIDCERT_CONFIG", dir.path().join("no-config.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "stderr:\n{stderr}");
    for step in ["1/4", "2/4", "3/4", "4/4"] {
        assert!(stderr.contains(step), "step {step} missing:\n{stderr}");
    }
    assert!(stderr.contains("Demo finished"), "{stderr}");

    let p12 = |sub: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(out.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "p12"))
            .collect()
    };
    let (pc, usb) = (p12("pc"), p12("usb"));
    assert_eq!(
        (pc.len(), usb.len()),
        (1, 1),
        "one working copy and one backup"
    );
    // The PIN was changed on the working copy only: the two files now differ.
    assert_ne!(
        std::fs::read(&pc[0]).unwrap(),
        std::fs::read(&usb[0]).unwrap()
    );
    // The notice's PIN never appears in what the demo printed.
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(!stdout.contains("q7w8e9r0") && !stderr.contains("q7w8e9r0"));
}

#[test]
fn demo_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), b"x").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gidcert"))
        .args(["--lang", "en", "demo", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(31),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(dir.path().join("keep.txt")).unwrap(), b"x");
}
