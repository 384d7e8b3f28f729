//! The real commands on a real (pseudo-)terminal, driven as a member would type: the hidden PIN
//! prompts of `show`, `change-pin` (with its new-PIN loop and its confirmation) and `download`
//! (with its identification-number, user-ID and folder questions, against the in-process mock
//! server), in English and Japanese.
//!
//! Every wait has a 10 s timeout and there are no sleeps: each step waits for the text it needs,
//! and before typing a PIN, for the terminal to stop echoing (see [`type_pin`]). No assertion
//! message ever contains a PIN: the transcript is searched for it, never printed next to it.

#![cfg(unix)]

#[path = "common/fixtures.rs"]
mod fixtures;

use std::io::Write as _;
use std::os::fd::AsRawFd as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gidcert_mock_server::{Config, MockServer};
use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 10_000;
const BIN: &str = env!("CARGO_BIN_EXE_gidcert");

/// The fixture's PIN (the PIN in the notice).
const PIN: &str = fixtures::PIN;
/// A new PIN that follows the rule.
const NEW_PIN: &str = "n3wp1n42";
/// The new PIN mistyped in the confirmation.
const NEW_PIN_TYPO: &str = "n3wp1n43";
/// A new PIN that breaks the rule (upper case).
const BAD_NEW_PIN: &str = "ABCD";

/// The mock server's demo account.
const DL_ID: &str = "9876543210";
const DL_PIN: &str = "q7w8e9r0";
const DL_UID: &str = "20261121";

/// The texts a member sees, per language.
struct Lang {
    locale: &'static str,
    pin: &'static str,
    old_pin: &'static str,
    new_pin: &'static str,
    new_pin_again: &'static str,
    upper_case: &'static str,
    mismatch: &'static str,
    reminder: &'static str,
    confirm: &'static str,
    changed: &'static str,
    declined: &'static str,
    cancelled: &'static str,
    dl_id: &'static str,
    dl_uid: &'static str,
    dl_folder: &'static str,
    dl_other: &'static str,
    dl_path: &'static str,
    dl_saved: &'static str,
    labels: [&'static str; 3],
}

const EN: Lang = Lang {
    locale: "C",
    pin: "PIN code",
    old_pin: "Current PIN code",
    new_pin: "New PIN code (4",
    new_pin_again: "New PIN code again",
    upper_case: "contains upper-case letters",
    mismatch: "The two entries of the new PIN code differ.",
    reminder: "Before you change the PIN code",
    confirm: "with a copy protected by the new PIN code?",
    changed: "PIN code changed: ",
    declined: "The PIN code was not changed; the file is untouched.",
    cancelled: "Cancelled.",
    dl_id: "Identification number (識別番号)",
    dl_uid: "User ID on the notice",
    dl_folder: "Where to save the certificate file",
    dl_other: "Another folder",
    dl_path: "Folder: ",
    dl_saved: "The certificate file has been saved.",
    labels: ["Issued to", "Issuer", "Validity"],
};

const JA: Lang = Lang {
    locale: "ja_JP.UTF-8",
    pin: "PINコード",
    old_pin: "古いPINコード",
    new_pin: "新しいPINコード（英字",
    new_pin_again: "新しいPINコード（確認）",
    upper_case: "英大文字が含まれています",
    mismatch: "新しいPINコードと確認入力が一致しません。",
    reminder: "PINコードを変更する前に",
    confirm: "を新しいPINコードで保護したものに置き換えますか",
    changed: "PINコードを変更しました: ",
    declined: "PINコードを変更していません。ファイルはそのままです。",
    cancelled: "中止しました。",
    dl_id: "識別番号",
    dl_uid: "お知らせに記載のユーザーID",
    dl_folder: "電子証明書の保存先",
    dl_other: "その他のフォルダ",
    dl_path: "フォルダ: ",
    dl_saved: "電子証明書の保存が完了しました。",
    labels: ["発行先", "発行者", "有効期間"],
};

// ---- change-pin --------------------------------------------------------------------------------

/// The whole interactive change: old PIN, a new PIN that breaks the rule, a mistyped
/// confirmation, a good one, `y` at the backup reminder; the file then opens with the new PIN
/// only.
#[test]
fn change_pin_interactively_in_english_and_japanese() {
    for lang in [&EN, &JA] {
        let dir = tempfile::tempdir().unwrap();
        let file = fixtures::openssl_p12(dir.path(), &[], PIN);
        let before = std::fs::read(&file).unwrap();

        let (mut p, mut seen) = change_pin_up_to_confirmation(lang, &file);
        p.send("y").unwrap();
        p.flush().unwrap();
        expect(&mut p, &mut seen, lang.changed);
        let code = finish(p, &mut seen);
        assert_eq!(code, 0, "{}: {}", lang.locale, redact(&seen));
        assert_never_echoed(&seen, lang.locale);

        let after = std::fs::read(&file).unwrap();
        assert_ne!(after, before, "{}: the file was not rewritten", lang.locale);
        assert_eq!(show_with_pin(&file, NEW_PIN), 0, "{}: new PIN", lang.locale);
        assert_eq!(show_with_pin(&file, PIN), 3, "{}: old PIN", lang.locale);
        leftovers_are_none(dir.path(), lang.locale);
    }
}

/// `n` at the confirmation: exit 40, the file byte for byte as it was, still opened by the old
/// PIN, and no temporary file left behind.
#[test]
fn change_pin_declined_leaves_the_file_unchanged() {
    for lang in [&EN, &JA] {
        let dir = tempfile::tempdir().unwrap();
        let file = fixtures::openssl_p12(dir.path(), &[], PIN);
        let before = std::fs::read(&file).unwrap();

        let (mut p, mut seen) = change_pin_up_to_confirmation(lang, &file);
        p.send("n").unwrap();
        p.flush().unwrap();
        expect(&mut p, &mut seen, lang.declined);
        assert_eq!(
            finish(p, &mut seen),
            40,
            "{}: {}",
            lang.locale,
            redact(&seen)
        );
        assert_never_echoed(&seen, lang.locale);

        assert!(
            std::fs::read(&file).unwrap() == before,
            "{}: the file changed",
            lang.locale
        );
        assert_eq!(show_with_pin(&file, PIN), 0, "{}: old PIN", lang.locale);
        leftovers_are_none(dir.path(), lang.locale);
    }
}

/// Starts `gidcert change-pin FILE` and answers every PIN question, with one rule violation and
/// one mistyped confirmation on the way, up to the backup reminder's yes/no question.
fn change_pin_up_to_confirmation(lang: &Lang, file: &Path) -> (PtySession, String) {
    let mut seen = String::new();
    let mut p = spawn(lang.locale, &["change-pin", file.to_str().unwrap()]);

    expect(&mut p, &mut seen, lang.old_pin);
    type_pin(&mut p, PIN);

    expect(&mut p, &mut seen, lang.new_pin);
    type_pin(&mut p, BAD_NEW_PIN);
    expect(&mut p, &mut seen, lang.upper_case);

    expect(&mut p, &mut seen, lang.new_pin);
    type_pin(&mut p, NEW_PIN);
    expect(&mut p, &mut seen, lang.new_pin_again);
    type_pin(&mut p, NEW_PIN_TYPO);
    expect(&mut p, &mut seen, lang.mismatch);

    expect(&mut p, &mut seen, lang.new_pin);
    type_pin(&mut p, NEW_PIN);
    expect(&mut p, &mut seen, lang.new_pin_again);
    type_pin(&mut p, NEW_PIN);

    expect(&mut p, &mut seen, lang.reminder);
    expect(&mut p, &mut seen, lang.confirm);
    (p, seen)
}

/// Exit code of `gidcert show --pin-stdin FILE` given `pin`.
fn show_with_pin(file: &Path, pin: &str) -> i32 {
    let mut child = command(EN.locale, &["show", "--pin-stdin", file.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run gidcert show");
    // Invariant: stdin was requested as a pipe just above.
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin.write_all(format!("{pin}\n").as_bytes()).unwrap();
    drop(stdin);
    child
        .wait()
        .unwrap()
        .code()
        .expect("show exited, not killed")
}

/// Only the fixture's own files remain next to it: no `.gidcert-*.tmp`.
fn leftovers_are_none(dir: &Path, locale: &str) {
    let tmp: Vec<_> = walk(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".gidcert-"))
        .collect();
    assert!(tmp.is_empty(), "{locale}: temporary files left: {tmp:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

// ---- download ----------------------------------------------------------------------------------

/// `gidcert download --server URL --ca-cert CA` asks for the identification number, the PIN, the
/// user ID and the folder; the file is saved in the folder typed, and the manual's sentence says
/// so.
#[test]
fn download_asks_for_everything_and_saves_in_the_typed_folder() {
    for lang in [&EN, &JA] {
        let server = MockServer::start(Config::default()).expect("mock server starts");
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, server.ca_pem()).unwrap();
        let out = dir.path().join("保存先");
        std::fs::create_dir(&out).unwrap();
        // A home without user folders: the folder menu then offers only what the system has
        // (removable drives, if any) and "another folder", which is always last.
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();

        let mut c = command(
            lang.locale,
            &[
                "download",
                "--server",
                &server.url(),
                "--ca-cert",
                ca.to_str().unwrap(),
            ],
        );
        c.env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"));
        for proxy in [
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "ALL_PROXY",
            "all_proxy",
        ] {
            c.env_remove(proxy);
        }
        let mut p = spawn_command(c, Some(TIMEOUT_MS)).expect("spawn on a pty");
        let mut seen = String::new();

        expect(&mut p, &mut seen, lang.dl_id);
        p.send_line(DL_ID).unwrap();
        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, DL_PIN);
        expect(&mut p, &mut seen, lang.dl_uid);
        p.send_line(DL_UID).unwrap();
        expect(&mut p, &mut seen, lang.dl_folder);
        expect(&mut p, &mut seen, lang.dl_other);
        // Up from the first entry wraps to the last: "another folder".
        p.send("k").unwrap();
        p.send("\r").unwrap();
        p.flush().unwrap();
        expect(&mut p, &mut seen, lang.dl_path);
        p.send_line(out.to_str().unwrap()).unwrap();
        expect(&mut p, &mut seen, lang.dl_saved);
        let code = finish(p, &mut seen);
        assert_eq!(code, 0, "{}: {}", lang.locale, redact(&seen));
        assert!(
            !seen.contains(DL_PIN),
            "{}: the PIN was echoed or printed",
            lang.locale
        );

        let saved = walk(&out);
        assert_eq!(
            saved.len(),
            1,
            "{}: {saved:?}\n{}",
            lang.locale,
            redact(&seen)
        );
        let name = saved[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(&format!("{DL_UID}_")) && name.ends_with(".p12"),
            "{}: {name}",
            lang.locale
        );
        assert_eq!(
            gidcert::fsutil::sha256(&std::fs::read(&saved[0]).unwrap()),
            server.account(DL_ID).unwrap().sha256,
            "{}: saved exactly what was served",
            lang.locale
        );
        assert_eq!(show_with_pin(&saved[0], DL_PIN), 0, "{}", lang.locale);
        assert!(walk(&home).is_empty(), "{}: wrote into HOME", lang.locale);
    }
}

// ---- show --------------------------------------------------------------------------------------

/// `gidcert show FILE` asks for the PIN (hidden) and shows the certificate with the manual's
/// labels.
#[test]
fn show_asks_for_the_pin_and_shows_the_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixtures::openssl_p12(dir.path(), &[], PIN);
    for lang in [&EN, &JA] {
        let mut seen = String::new();
        let mut p = spawn(lang.locale, &["show", file.to_str().unwrap()]);
        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, PIN);
        for label in lang.labels {
            expect(&mut p, &mut seen, label);
        }
        expect(&mut p, &mut seen, "SATO HANAKO");
        assert_eq!(
            finish(p, &mut seen),
            0,
            "{}: {}",
            lang.locale,
            redact(&seen)
        );
        assert_never_echoed(&seen, lang.locale);
    }
}

/// An empty entry at the PIN prompt cancels (exit 40) without reading further.
#[test]
fn show_an_empty_pin_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixtures::openssl_p12(dir.path(), &[], PIN);
    for lang in [&EN, &JA] {
        let mut seen = String::new();
        let mut p = spawn(lang.locale, &["show", file.to_str().unwrap()]);
        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, "");
        expect(&mut p, &mut seen, lang.cancelled);
        assert_eq!(
            finish(p, &mut seen),
            40,
            "{}: {}",
            lang.locale,
            redact(&seen)
        );
    }
}

/// The new-PIN loop names a full-width character in Japanese, and an empty entry cancels it: the
/// file is left as it was.
#[test]
fn change_pin_in_japanese_names_full_width_characters_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixtures::openssl_p12(dir.path(), &[], PIN);
    let before = std::fs::read(&file).unwrap();
    let mut seen = String::new();
    let mut p = spawn(JA.locale, &["change-pin", file.to_str().unwrap()]);
    expect(&mut p, &mut seen, JA.old_pin);
    type_pin(&mut p, PIN);
    expect(&mut p, &mut seen, JA.new_pin);
    type_pin(&mut p, "ａｂｃｄ1234");
    expect(&mut p, &mut seen, "全角文字が含まれています");
    expect(&mut p, &mut seen, JA.new_pin);
    type_pin(&mut p, "ab1");
    expect(&mut p, &mut seen, "4桁以上にしてください");
    expect(&mut p, &mut seen, JA.new_pin);
    type_pin(&mut p, "");
    expect(&mut p, &mut seen, JA.cancelled);
    assert_eq!(finish(p, &mut seen), 40, "{}", redact(&seen));
    assert!(std::fs::read(&file).unwrap() == before, "the file changed");
    for typed in ["ａｂｃｄ1234", "ab1"] {
        assert!(!seen.contains(typed), "a rejected new PIN was echoed");
    }
    assert_never_echoed(&seen, JA.locale);
}

/// Without a terminal the prompt refuses (exit 41) and offers the non-interactive flags, in both
/// languages, with nothing on stdout.
#[test]
fn without_a_terminal_the_prompt_refuses_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixtures::openssl_p12(dir.path(), &[], PIN);
    for (lang, message) in [
        (&EN, "there is no terminal to ask for it on"),
        (&JA, "入力を求める端末がありません"),
    ] {
        for cmd in ["show", "change-pin"] {
            let o = command(lang.locale, &[cmd, file.to_str().unwrap()])
                .stdin(Stdio::null())
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(41), "{} {cmd}: {o:?}", lang.locale);
            let err = String::from_utf8(o.stderr).unwrap();
            assert!(err.contains(message), "{} {cmd}: {err}", lang.locale);
            assert!(
                err.contains("--pin-stdin"),
                "{} {cmd}: no way out offered: {err}",
                lang.locale
            );
            assert!(o.stdout.is_empty(), "{} {cmd}: stdout used", lang.locale);
        }
    }
}

// ---- helpers -----------------------------------------------------------------------------------

fn command(locale: &str, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("GIDCERT_CONFIG", "/nonexistent/gidcert-test/config.toml")
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RUST_LOG")
        .env_remove("GIDCERT_SERVER")
        .env("LANG", locale);
    c
}

fn spawn(locale: &str, args: &[&str]) -> PtySession {
    spawn_command(command(locale, args), Some(TIMEOUT_MS)).expect("spawn on a pty")
}

/// Types a PIN and Enter once the terminal no longer echoes. The prompt text is written just
/// before echo is turned off; typing in between would echo the PIN as a real terminal would, so
/// wait for the terminal state rather than for time.
fn type_pin(p: &mut PtySession, pin: &str) {
    let master = p.process().get_file_handle().expect("pty master");
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    loop {
        // SAFETY: `termios` is plain data, and `master` is an open descriptor for the call.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) };
        assert_eq!(rc, 0, "tcgetattr on the pty");
        if t.c_lflag & libc::ECHO == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the terminal still echoes at the PIN prompt"
        );
        std::thread::yield_now();
    }
    p.send_line(pin).unwrap();
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
        Err(e) => panic!(
            "waiting for {needle:?}: {e}\nseen so far:\n{}",
            redact(seen)
        ),
    }
}

fn finish(mut p: PtySession, seen: &mut String) -> i32 {
    seen.push_str(&decode(&p.exp_eof().expect("end of output")));
    match p.process().wait().expect("exit status") {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    }
}

/// The transcript with every PIN these tests type replaced, for assertion messages.
fn redact(seen: &str) -> String {
    let mut s = seen.to_owned();
    for pin in [PIN, NEW_PIN, NEW_PIN_TYPO, BAD_NEW_PIN, DL_PIN] {
        s = s.replace(pin, "<PIN>");
    }
    s
}

/// None of the PINs typed in these tests appears in the transcript.
fn assert_never_echoed(seen: &str, locale: &str) {
    for (what, pin) in [
        ("the current PIN", PIN),
        ("the new PIN", NEW_PIN),
        ("the mistyped confirmation", NEW_PIN_TYPO),
        ("the rejected new PIN", BAD_NEW_PIN),
    ] {
        assert!(
            !seen.contains(pin),
            "{locale}: {what} was echoed or printed"
        );
    }
}
