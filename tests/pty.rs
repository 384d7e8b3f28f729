//! The PIN prompts on a real (pseudo-)terminal, driven as a member would type. Until the commands
//! that prompt are merged, the prompts are reached through `examples/prompt_pin.rs`, which
//! `cargo test` builds (`cargo test --test pty` alone does not: run `cargo build --examples`).
//!
//! Every wait has a 10 s timeout and there are no sleeps: each step waits for the text it needs.

#![cfg(unix)]

use std::path::PathBuf;
use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 10_000;

fn example() -> PathBuf {
    // target/debug/deps/pty-… → target/debug/examples/prompt_pin
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    let p = dir.join("examples").join("prompt_pin");
    assert!(
        p.exists(),
        "{} is missing: run `cargo build --examples` (plain `cargo test` builds it)",
        p.display()
    );
    p
}

fn command(program: PathBuf, lang: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args)
        .env("GIDCERT_CONFIG", "/nonexistent/gidcert-test/config.toml")
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang);
    c
}

fn spawn(lang: &str, args: &[&str]) -> PtySession {
    spawn_command(command(example(), lang, args), Some(TIMEOUT_MS)).expect("spawn on a pty")
}

/// rexpect reads the terminal one byte per `char`: UTF-8 text must be compared in that form.
fn as_bytes_chars(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// The UTF-8 text behind rexpect's byte-per-`char` string.
fn decode(raw: &str) -> String {
    let bytes: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Waits for `needle`, keeping everything seen so far in `seen` (as UTF-8).
fn expect(p: &mut PtySession, seen: &mut String, needle: &str) {
    match p.exp_string(&as_bytes_chars(needle)) {
        Ok(before) => {
            seen.push_str(&decode(&before));
            seen.push_str(needle);
        }
        Err(e) => panic!("waiting for {needle:?}: {e}\nseen so far:\n{seen}"),
    }
}

fn finish(mut p: PtySession, seen: &mut String) -> i32 {
    seen.push_str(&decode(&p.exp_eof().expect("end of output")));
    match p.process().wait().expect("exit status") {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    }
}

#[test]
fn an_empty_pin_cancels() {
    let mut seen = String::new();
    let mut p = spawn("C", &["pin"]);
    expect(&mut p, &mut seen, "PIN code");
    p.send_line("").unwrap();
    expect(&mut p, &mut seen, "Cancelled.");
    assert_eq!(finish(p, &mut seen), 40, "{seen}");
}

#[test]
fn new_pin_loop_says_which_rule_failed_and_asks_again() {
    let mut seen = String::new();
    let mut p = spawn("C", &["new"]);
    expect(&mut p, &mut seen, "New PIN code (4");
    p.send_line("ab1").unwrap();
    expect(&mut p, &mut seen, "has 3 characters; it needs at least 4");

    expect(&mut p, &mut seen, "New PIN code (4");
    p.send_line("Abcd1234").unwrap();
    expect(&mut p, &mut seen, "upper-case letters");

    expect(&mut p, &mut seen, "New PIN code (4");
    p.send_line("q7w8e9r0").unwrap();
    expect(&mut p, &mut seen, "New PIN code again");
    p.send_line("q7w8e9r1").unwrap();
    expect(
        &mut p,
        &mut seen,
        "The two entries of the new PIN code differ.",
    );

    expect(&mut p, &mut seen, "New PIN code (4");
    p.send_line("q7w8e9r0").unwrap();
    expect(&mut p, &mut seen, "New PIN code again");
    p.send_line("q7w8e9r0").unwrap();
    expect(&mut p, &mut seen, "ok: 8 characters");
    assert_eq!(finish(p, &mut seen), 0, "{seen}");
    // Hidden input: nothing typed is echoed, not even the rejected attempts.
    for typed in ["ab1", "Abcd1234", "q7w8e9r0", "q7w8e9r1"] {
        assert!(!seen.contains(typed), "{typed:?} was echoed:\n{seen}");
    }
}

#[test]
fn new_pin_loop_in_japanese_names_full_width_characters() {
    let mut seen = String::new();
    let mut p = spawn("ja_JP.UTF-8", &["new"]);
    expect(&mut p, &mut seen, "新しいPINコード（");
    p.send_line("ａｂｃｄ1234").unwrap();
    expect(&mut p, &mut seen, "全角文字が含まれています");
    expect(&mut p, &mut seen, "新しいPINコード（");
    // An empty entry cancels the loop, as it cancels any prompt.
    p.send_line("").unwrap();
    expect(&mut p, &mut seen, "中止しました。");
    assert_eq!(finish(p, &mut seen), 40, "{seen}");
}

#[test]
fn without_a_terminal_the_prompt_refuses_in_both_languages() {
    for (lang, message) in [
        ("C", "there is no terminal to ask for it on"),
        ("ja_JP.UTF-8", "入力を求める端末がありません"),
    ] {
        let o = command(example(), lang, &["new"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(41), "{lang}: {o:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(message), "{lang}: {err}");
        assert!(
            err.contains("--pin-stdin"),
            "{lang}: no way out offered: {err}"
        );
        assert!(o.stdout.is_empty(), "{lang}: a prompt leaked to stdout");
    }
}

/// `gidcert show` asks for the PIN on the terminal and an empty entry cancels (exit 40) without
/// reading further. Needs the `show` command (another branch) and openssl.
#[test]
fn show_asks_for_the_pin_and_an_empty_entry_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("k.pem");
    let p12 = dir.path().join("cert.p12");
    let ok = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
        ])
        .args(["-subj", "/CN=TEST TARO/O=Test/C=JP", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(dir.path().join("c.pem"))
        .status()
        .unwrap()
        .success()
        && Command::new("openssl")
            .args(["pkcs12", "-export", "-passout", "pass:q7w8e9r0", "-inkey"])
            .arg(&key)
            .arg("-in")
            .arg(dir.path().join("c.pem"))
            .arg("-out")
            .arg(&p12)
            .status()
            .unwrap()
            .success();
    assert!(ok, "openssl could not make a test file");
    for (lang, prompt, cancelled) in [
        ("C", "PIN code", "Cancelled."),
        ("ja_JP.UTF-8", "PINコード", "中止しました。"),
    ] {
        let mut seen = String::new();
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_gidcert"));
        let c = command(bin, lang, &["show", p12.to_str().unwrap()]);
        let mut p = spawn_command(c, Some(TIMEOUT_MS)).unwrap();
        expect(&mut p, &mut seen, prompt);
        p.send_line("").unwrap();
        expect(&mut p, &mut seen, cancelled);
        assert_eq!(finish(p, &mut seen), 40, "{lang}: {seen}");
    }
}
