//! The real commands on a real (pseudo-)terminal, driven as a member would type: the hidden PIN
//! prompts of `show`, `change-pin` (with its new-PIN loop and its confirmation) and `download`
//! (with its identification-number, user-ID and folder questions, against the in-process mock
//! server), in English and Japanese.
//!
//! Every wait has a 30 s timeout and there are no sleeps: each step waits for the text it needs,
//! and before typing a PIN, for the terminal to stop echoing (see [`term::type_pin`]). No assertion
//! message ever contains a PIN: the transcript is searched for it, never printed next to it.

#![cfg(unix)]

#[path = "common/cmd.rs"]
mod cmd;
#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/mock.rs"]
mod mock;
#[path = "common/term.rs"]
mod term;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use gidcert_mock_server::MockServer;
use rexpect::session::{PtySession, spawn_command};
use term::{
    TIMEOUT_MS, as_bytes_chars, assert_one_language, decode, echo_is_on, type_pin, wait_for_echo,
};

/// The fixture's PIN (the PIN in the notice).
const PIN: &str = fixtures::PIN;
/// A new PIN that follows the rule.
const NEW_PIN: &str = "n3wp1n42";
/// The new PIN mistyped in the confirmation.
const NEW_PIN_TYPO: &str = "n3wp1n43";
/// A new PIN that breaks the rule (upper case).
const BAD_NEW_PIN: &str = "ABCD";

/// The mock server's demo account.
const DL_ID: &str = mock::ID;
const DL_PIN: &str = mock::PIN;
const DL_UID: &str = mock::UID;

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
    dl_id: &'static str,
    dl_uid: &'static str,
    dl_folder: &'static str,
    dl_other: &'static str,
    dl_path: &'static str,
    dl_saved: &'static str,
    labels: [&'static str; 3],
    yes_word: &'static str,
    echo_yes: &'static str,
    echo_no: &'static str,
    confirm_name: &'static str,
    name_confirmed: &'static str,
    menu: &'static str,
    menu_show: &'static str,
    menu_quit: &'static str,
    menu_file: &'static str,
    number: &'static str,
    number_with_default: &'static str,
    number_again: &'static str,
    wrong_pin_retry: &'static str,
    pin_empty: &'static str,
    full_width: &'static str,
    not_sent: &'static str,
    uid_differs: &'static str,
    uid_typo: &'static str,
    uid_again: &'static str,
    read_only: &'static str,
    interrupted: &'static str,
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
    dl_id: "Identification number (識別番号)",
    dl_uid: "User ID on the notice",
    dl_folder: "Where to save the certificate file",
    dl_other: "Another folder…",
    dl_path: "Folder: ",
    dl_saved: "The certificate file has been saved.",
    labels: ["Issued to", "Issuer", "Validity"],
    yes_word: "yes",
    echo_yes: "→ yes",
    echo_no: "→ no",
    confirm_name: "your own name in romaji?",
    name_confirmed: "You confirmed: “issued to” is your own name.",
    menu: "What would you like to do?",
    menu_show: "Show the certificate",
    menu_quit: "Quit",
    menu_file: "Certificate file (.p12), full path:",
    number: "Number:",
    number_with_default: "Number [1]:",
    number_again: "Please type a number",
    wrong_pin_retry: "(attempt 1 of 3)",
    pin_empty: "Nothing was typed. Type the PIN code",
    full_width: "contains full-width (全角) characters: the Japanese input was on",
    not_sent: "It was not sent to the server",
    uid_differs: "The certificate's user ID is 20261121, but you typed 20261112.",
    uid_typo: "Was the user ID you typed a typo?",
    uid_again: "User ID on the notice:",
    read_only: "read-only",
    interrupted: "Cancelled (Ctrl-C).",
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
    dl_id: "識別番号",
    dl_uid: "お知らせに記載のユーザーID",
    dl_folder: "電子証明書の保存先",
    dl_other: "その他のフォルダー…",
    dl_path: "フォルダー: ",
    dl_saved: "電子証明書の保存が完了しました。",
    labels: ["発行先", "発行者", "有効期間"],
    yes_word: "はい",
    echo_yes: "→ はい",
    echo_no: "→ いいえ",
    confirm_name: "ご自身の氏名のローマ字表記ですか",
    name_confirmed: "ご本人が確認: 発行先はご自身の氏名です。",
    menu: "行う作業を選んでください。",
    menu_show: "電子証明書の表示",
    menu_quit: "終了",
    menu_file: "電子証明書ファイル（.p12）のパス:",
    number: "番号:",
    number_with_default: "番号（Enter で 1）:",
    number_again: "の番号を入力してください",
    wrong_pin_retry: "（1/3 回目）",
    pin_empty: "何も入力されていません。PINコードを入力してください",
    full_width: "全角文字が含まれています（日本語入力",
    not_sent: "サーバーには送信していないため",
    uid_differs: "電子証明書のユーザーIDは 20261121 ですが、入力されたユーザーIDは 20261112 です。",
    uid_typo: "入力したユーザーIDは打ち間違いでしたか",
    uid_again: "お知らせに記載のユーザーID:",
    read_only: "読み取り専用",
    interrupted: "中止しました（Ctrl-C）。",
};

// ---- change-pin --------------------------------------------------------------------------------

/// The whole interactive change: old PIN, a new PIN that breaks the rule, a mistyped
/// confirmation, a good one, then the backup reminder. `y` there changes the file, which then
/// opens with the new PIN only; `n` exits 40 with the file byte for byte as it was, still opened
/// by the old PIN. No temporary file is left behind either way.
#[test]
fn change_pin_interactively_in_english_and_japanese() {
    for lang in [&EN, &JA] {
        for (answer, echo, said, exit) in [
            (lang.yes_word, lang.echo_yes, lang.changed, 0),
            ("n", lang.echo_no, lang.declined, 40),
        ] {
            let (dir, file) = p12_fixture();
            let before = std::fs::read(&file).unwrap();

            let (mut p, mut seen) = change_pin_up_to_confirmation(lang, &file);
            p.send_line(answer).unwrap();
            expect(&mut p, &mut seen, echo);
            expect(&mut p, &mut seen, said);
            assert_finish(p, &mut seen, exit, lang.locale);
            assert_never_echoed(&seen, lang.locale);

            let after = std::fs::read(&file).unwrap();
            if exit == 0 {
                assert_ne!(after, before, "{}: the file was not rewritten", lang.locale);
                assert_eq!(show_with_pin(&file, NEW_PIN), 0, "{}: new PIN", lang.locale);
                assert_eq!(show_with_pin(&file, PIN), 3, "{}: old PIN", lang.locale);
            } else {
                assert!(after == before, "{}: the file changed", lang.locale);
                assert_eq!(show_with_pin(&file, PIN), 0, "{}: old PIN", lang.locale);
            }
            leftovers_are_none(dir.path(), lang.locale);
        }
    }
}

/// Starts `gidcert show EXTRA… FILE` and waits for the PIN prompt.
fn show_up_to_the_pin(lang: &Lang, file: &Path, extra: &[&str]) -> (PtySession, String) {
    let mut seen = String::new();
    let args = [&["show"], extra, &[file.to_str().unwrap()]].concat();
    let mut p = spawn(lang.locale, &args);
    expect(&mut p, &mut seen, lang.pin);
    (p, seen)
}

/// Starts `gidcert change-pin FILE` and answers every PIN question, with one rule violation and
/// one mistyped confirmation on the way, up to the backup reminder's yes/no question.
fn change_pin_up_to_confirmation(lang: &Lang, file: &Path) -> (PtySession, String) {
    let mut seen = String::new();
    let mut p = spawn(lang.locale, &["change-pin", file.to_str().unwrap()]);

    // Each question, the PIN typed, and what gidcert says to it before it asks again.
    for (question, pin, answer) in [
        (lang.old_pin, PIN, None),
        (lang.new_pin, BAD_NEW_PIN, Some(lang.upper_case)),
        (lang.new_pin, NEW_PIN, None),
        (lang.new_pin_again, NEW_PIN_TYPO, Some(lang.mismatch)),
        (lang.new_pin, NEW_PIN, None),
        (lang.new_pin_again, NEW_PIN, None),
    ] {
        expect(&mut p, &mut seen, question);
        type_pin(&mut p, pin);
        if let Some(answer) = answer {
            expect(&mut p, &mut seen, answer);
        }
    }
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

/// The user ID typed on purpose with two digits swapped.
const DL_UID_TYPO: &str = "20261112";
/// The demo account's PIN typed with the IME on.
const DL_PIN_FULL_WIDTH: &str = "ｑ７ｗ８ｅ９ｒ０";

/// A folder this process cannot write to: a read-only folder, or (as root, who may write
/// anywhere on a writable file system) a folder on a read-only file system.
fn read_only_folder(dir: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt as _;
    let ro = dir.join("read-only");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), b"x").is_err() {
        return Some(ro);
    }
    let _ = std::fs::remove_file(ro.join("probe"));
    ["/sys/kernel", "/sys"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| {
            p.is_dir()
                && std::fs::write(p.join("gidcert-probe"), b"x").is_err_and(|e| {
                    matches!(
                        e.kind(),
                        std::io::ErrorKind::PermissionDenied
                            | std::io::ErrorKind::ReadOnlyFilesystem
                    )
                })
        })
}

/// The number in front of `label` in the last numbered menu seen (`  3) label`).
fn menu_number(seen: &str, label: &str) -> String {
    let at = seen
        .rfind(label)
        .unwrap_or_else(|| panic!("no {label:?} in:\n{seen}"));
    let line_start = seen[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = seen[line_start..at].trim();
    prefix
        .strip_suffix(')')
        .unwrap_or_else(|| panic!("{label:?} is not a menu entry: {prefix:?}"))
        .trim()
        .to_owned()
}

/// The whole member's path of `gidcert download`, with a mistake at each step: the questions come
/// in the notice's order (identification number, user ID, folder) and the PIN last; a read-only
/// folder is refused before anything is sent; a PIN typed with the IME on (全角) is refused and
/// asked again, with no request sent (the server has seen no download and no failed attempt); the
/// mistyped user ID is shown next to the certificate's after the download, the member answers
/// はい / yes to "was it a typo?", retypes it, and the verified file is saved.
#[test]
fn download_guides_the_member_and_no_typo_costs_an_attempt_or_the_file() {
    for lang in [&EN, &JA] {
        let env = mock::Env::start();
        let (server, dir, ca) = (&env.server, &env.dir, env.ca());
        let out = dir.path().join("保存先");
        std::fs::create_dir(&out).unwrap();
        // A home without user folders: the folder menu then offers only the removable drives
        // (here `out`, by GIDCERT_REMOVABLE), "another folder" and "look again".
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let read_only = read_only_folder(dir.path());

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
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("GIDCERT_REMOVABLE", &out);
        let mut p = spawn_command(c, Some(TIMEOUT_MS)).expect("spawn on a pty");
        let mut seen = String::new();

        expect(&mut p, &mut seen, lang.dl_id);
        p.send_line(DL_ID).unwrap();
        expect(&mut p, &mut seen, lang.dl_uid);
        p.send_line(DL_UID_TYPO).unwrap();
        expect(&mut p, &mut seen, lang.dl_folder);
        expect(&mut p, &mut seen, lang.dl_other);
        expect(&mut p, &mut seen, lang.number_with_default);
        let other = menu_number(&seen, lang.dl_other);
        p.send_line(&other).unwrap();
        expect(&mut p, &mut seen, lang.dl_path);
        if let Some(ro) = &read_only {
            p.send_line(ro.to_str().unwrap()).unwrap();
            expect(&mut p, &mut seen, lang.dl_path);
            assert_no_request(server, lang.locale, "after a read-only folder");
        }
        p.send_line(out.to_str().unwrap()).unwrap();

        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, DL_PIN_FULL_WIDTH);
        expect(&mut p, &mut seen, lang.full_width);
        expect(&mut p, &mut seen, lang.not_sent);
        expect(&mut p, &mut seen, lang.pin);
        assert_no_request(server, lang.locale, "after a full-width PIN");
        type_pin(&mut p, DL_PIN);

        expect(&mut p, &mut seen, lang.uid_differs);
        expect(&mut p, &mut seen, lang.uid_typo);
        p.send_line(lang.yes_word).unwrap();
        expect(&mut p, &mut seen, lang.echo_yes);
        expect(&mut p, &mut seen, lang.uid_again);
        p.send_line(DL_UID).unwrap();
        expect(&mut p, &mut seen, lang.dl_saved);
        let code = finish(p, &mut seen);
        assert_eq!(code, 0, "{}: {}", lang.locale, redact(&seen));
        for secret in [DL_PIN, DL_PIN_FULL_WIDTH] {
            assert!(
                !seen.contains(secret),
                "{}: a PIN was echoed or printed",
                lang.locale
            );
        }
        if read_only.is_some() {
            assert!(
                seen.contains(lang.read_only),
                "{}: the read-only folder was not named as such:\n{}",
                lang.locale,
                redact(&seen)
            );
        }
        assert_one_language(&seen, lang.locale);

        let account = server.account(DL_ID).unwrap();
        assert_eq!(account.attempts.consecutive_failures, 0, "{}", lang.locale);
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
            account.sha256,
            "{}: saved exactly what was served",
            lang.locale
        );
        assert_eq!(show_with_pin(&saved[0], DL_PIN), 0, "{}", lang.locale);
        assert!(walk(&home).is_empty(), "{}: wrote into HOME", lang.locale);
    }
}

/// Nothing has reached the server's download endpoint: no download started, no failed login.
fn assert_no_request(server: &MockServer, locale: &str, when: &str) {
    let a = server.account(DL_ID).unwrap();
    assert_eq!(
        (a.history.started_downloads, a.attempts.consecutive_failures),
        (0, 0),
        "{locale}: a request reached the server {when}"
    );
}

// ---- show --------------------------------------------------------------------------------------

/// `gidcert show FILE` asks for the PIN (hidden) and shows the certificate with the manual's
/// labels, then asks the member to confirm check (ア) and says that they did.
#[test]
fn show_asks_for_the_pin_and_the_member_confirms_the_name() {
    let (_dir, file) = p12_fixture();
    for lang in [&EN, &JA] {
        let (mut p, mut seen) = show_up_to_the_pin(lang, &file, &[]);
        type_pin(&mut p, PIN);
        for label in lang.labels {
            expect(&mut p, &mut seen, label);
        }
        expect(&mut p, &mut seen, "SATO HANAKO");
        expect(&mut p, &mut seen, lang.confirm_name);
        p.send_line(lang.yes_word).unwrap();
        expect(&mut p, &mut seen, lang.name_confirmed);
        assert_finish(p, &mut seen, 0, lang.locale);
        assert_never_echoed(&seen, lang.locale);
        assert_one_language(&seen, lang.locale);
    }
}

/// An empty entry and a wrong PIN at the prompt are said and asked again (a local file has no
/// lockout); the right PIN then opens the file.
#[test]
fn show_asks_again_after_an_empty_entry_and_a_wrong_pin() {
    let (_dir, file) = p12_fixture();
    for lang in [&EN, &JA] {
        let (mut p, mut seen) = show_up_to_the_pin(lang, &file, &[]);
        type_pin(&mut p, "");
        expect(&mut p, &mut seen, lang.pin_empty);
        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, NEW_PIN_TYPO);
        expect(&mut p, &mut seen, lang.wrong_pin_retry);
        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, PIN);
        expect(&mut p, &mut seen, lang.confirm_name);
        p.send_line("n").unwrap();
        expect(&mut p, &mut seen, lang.echo_no);
        // The member said the name is not theirs: exit 10 (a check failed).
        assert_finish(p, &mut seen, 10, lang.locale);
        assert_never_echoed(&seen, lang.locale);
    }
}

/// `--pin-stdin` typed on a terminal reads with echo off, like the prompt.
#[test]
fn pin_stdin_on_a_terminal_never_echoes() {
    let (_dir, file) = p12_fixture();
    let (mut p, mut seen) = show_up_to_the_pin(&EN, &file, &["--pin-stdin"]);
    // type_pin asserts that echo is off before typing.
    type_pin(&mut p, PIN);
    expect(&mut p, &mut seen, EN.confirm_name);
    p.send_line("y").unwrap();
    assert_finish(p, &mut seen, 0, EN.locale);
    assert_never_echoed(&seen, EN.locale);
}

// ---- the guided mode ---------------------------------------------------------------------------

/// `gidcert` alone opens the menu; 電子証明書の表示 asks for the file and its PIN, shows it, asks
/// for check (ア) (answered `yes⏎`, which leaves nothing behind for the next question: the menu
/// comes back and waits), and 終了 ends with exit 0.
#[test]
fn the_menu_runs_an_entry_returns_and_quits() {
    let (_dir, file) = p12_fixture();
    for lang in [&EN, &JA] {
        let mut seen = String::new();
        let mut p = spawn(lang.locale, &[]);
        expect(&mut p, &mut seen, lang.menu);
        expect(&mut p, &mut seen, lang.menu_quit);
        expect(&mut p, &mut seen, lang.number);
        let show = menu_number(&seen, lang.menu_show);
        let quit = menu_number(&seen, lang.menu_quit);
        // A wrong choice is asked again.
        p.send_line("9").unwrap();
        expect(&mut p, &mut seen, lang.number_again);
        expect(&mut p, &mut seen, lang.number);
        p.send_line(&show).unwrap();
        expect(&mut p, &mut seen, lang.menu_file);
        p.send_line(&format!("\"{}\"", file.display())).unwrap();
        // Quotes around the path: explained and asked again.
        expect(&mut p, &mut seen, lang.menu_file);
        p.send_line(file.to_str().unwrap()).unwrap();
        expect(&mut p, &mut seen, lang.pin);
        type_pin(&mut p, PIN);
        expect(&mut p, &mut seen, "SATO HANAKO");
        expect(&mut p, &mut seen, lang.confirm_name);
        // `yes` (or はい) as a whole line.
        p.send_line(if lang.locale == "C" { "yes" } else { "はい" })
            .unwrap();
        expect(&mut p, &mut seen, lang.name_confirmed);
        expect(&mut p, &mut seen, lang.menu);
        expect(&mut p, &mut seen, lang.number);
        let complaints_before = seen.matches(lang.number_again).count();
        p.send_line(&quit).unwrap();
        assert_finish(p, &mut seen, 0, lang.locale);
        assert_eq!(
            seen.matches(lang.number_again).count(),
            complaints_before,
            "{}: part of the yes/no answer answered the menu:\n{}",
            lang.locale,
            redact(&seen)
        );
        assert_eq!(complaints_before, 1, "{}", lang.locale);
        assert_never_echoed(&seen, lang.locale);
        assert_one_language(&seen, lang.locale);
    }
}

/// Without a terminal, `gidcert` alone prints the usage on stderr and exits 2.
#[test]
fn without_a_terminal_no_menu_but_usage() {
    let o = command(EN.locale, &[])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Usage"));
}

// ---- Ctrl-C --------------------------------------------------------------------------------------

/// Ctrl-C at every kind of question – the menu, a file path, a hidden PIN, a yes/no question, a
/// line of text, a folder path – exits 130 with the terminal echoing again and the cursor shown.
#[test]
fn ctrl_c_at_every_kind_of_question_restores_the_terminal() {
    let (dir, file) = p12_fixture();
    let f = file.to_str().unwrap();
    // (what, arguments, the answers to give, the text of the question to interrupt)
    type Step<'a> = (&'a str, Option<&'a str>);
    let cases: Vec<(&str, Vec<&str>, Vec<Step>)> = vec![
        ("menu", vec![], vec![(EN.number, None)]),
        (
            "file path",
            vec![],
            vec![(EN.number, Some("2")), (EN.menu_file, None)],
        ),
        ("hidden PIN", vec!["show", f], vec![(EN.pin, None)]),
        (
            "yes/no",
            vec!["show", f],
            vec![(EN.pin, Some(PIN)), (EN.confirm_name, None)],
        ),
        (
            "text",
            vec!["download", "--server", "https://127.0.0.1:9"],
            vec![(EN.dl_id, None)],
        ),
        (
            "folder path",
            vec!["download", "--server", "https://127.0.0.1:9", "--id", DL_ID],
            vec![(EN.dl_uid, Some("")), (EN.dl_other, None)],
        ),
    ];
    for (what, args, steps) in cases {
        let home = dir.path().join(format!("home-{}", what.replace(' ', "-")));
        std::fs::create_dir_all(&home).unwrap();
        // Through a shell that turns echo on first, as in a member's terminal (rexpect starts
        // the pty with echo off): gidcert must leave it on.
        let mut c = command(EN.locale, &[]);
        c.env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"));
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg("stty echo && exec \"$0\" \"$@\"")
            .arg(cmd::BIN)
            .args(&args);
        for (k, v) in c.get_envs() {
            match v {
                Some(v) => sh.env(k, v),
                None => sh.env_remove(k),
            };
        }
        let mut p = spawn_command(sh, Some(TIMEOUT_MS)).expect("spawn on a pty");
        let mut seen = String::new();
        for (question, answer) in &steps {
            expect(&mut p, &mut seen, question);
            match answer {
                Some(a) if *question == EN.pin => type_pin(&mut p, a),
                Some(a) => {
                    p.send_line(a).unwrap();
                }
                None => {}
            }
        }
        if what == "folder path" {
            expect(&mut p, &mut seen, EN.number_with_default);
            let other = menu_number(&seen, EN.dl_other);
            p.send_line(&other).unwrap();
            expect(&mut p, &mut seen, EN.dl_path);
        }
        if what == "hidden PIN" {
            wait_for_echo(&p, false);
        }
        p.send_control('c').unwrap();
        expect(&mut p, &mut seen, EN.interrupted);
        let master = p.process().get_file_handle().expect("pty master");
        let code = finish(p, &mut seen);
        assert_eq!(code, 130, "{what}: {}", redact(&seen));
        assert!(echo_is_on(&master), "{what}: the terminal no longer echoes");
        let hidden = seen.rfind("\x1b[?25l");
        let shown = seen.rfind("\x1b[?25h");
        assert!(
            hidden.is_none() || shown > hidden,
            "{what}: the cursor was left hidden"
        );
        assert_never_echoed(&seen, EN.locale);
    }
}

/// The new-PIN loop names a full-width character in Japanese and an empty entry, and Ctrl-C
/// cancels it: the file is left as it was.
#[test]
fn change_pin_in_japanese_names_full_width_characters_and_ctrl_c_cancels() {
    let (_dir, file) = p12_fixture();
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
    expect(&mut p, &mut seen, "新しいPINコードが入力されていません");
    expect(&mut p, &mut seen, JA.new_pin);
    wait_for_echo(&p, false);
    p.send_control('c').unwrap();
    expect(&mut p, &mut seen, JA.interrupted);
    assert_finish(p, &mut seen, 130, EN.locale);
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
    let (_dir, file) = p12_fixture();
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

/// The binary with the clean environment (no configuration file, no proxy), no colour, the
/// locale `locale` (`C` or `ja_JP.UTF-8`).
fn command(locale: &str, args: &[&str]) -> Command {
    let mut c = cmd::gidcert_with_config(Path::new("/nonexistent/gidcert-test/config.toml"));
    c.args(args).env("NO_COLOR", "1").env("LANG", locale);
    c
}

fn spawn(locale: &str, args: &[&str]) -> PtySession {
    spawn_command(command(locale, args), Some(TIMEOUT_MS)).expect("spawn on a pty")
}

/// Waits for `needle`, keeping everything seen so far in `seen` (as UTF-8).
fn expect(p: &mut PtySession, seen: &mut String, needle: &str) {
    match p.exp_string(&as_bytes_chars(needle)) {
        Ok(before) => {
            seen.push_str(&decode(&before));
            seen.push_str(needle);
        }
        Err(e) => panic!(
            "waiting for {needle:?}: {e}\n{}\nseen so far:\n{}",
            terminal_state(p),
            redact(seen)
        ),
    }
}

/// For a failed wait: whether gidcert is reading input (echo off: a hidden prompt, or a line read
/// key by key), so that a line typed there was not read, or busy elsewhere; and whether it is
/// still running.
fn terminal_state(p: &PtySession) -> String {
    let echo = match p.process().get_file_handle() {
        Ok(master) if echo_is_on(&master) => "echo on (not reading input)",
        Ok(_) => "echo off (reading input)",
        Err(_) => "echo unknown",
    };
    let status = p.process().status().map(|s| format!("{s:?}"));
    format!("terminal: {echo}; process: {}", status.unwrap_or_default())
}

/// [`finish`], asserting exit code `code`; the transcript (redacted) is in the message.
fn assert_finish(p: PtySession, seen: &mut String, code: i32, locale: &str) {
    assert_eq!(finish(p, seen), code, "{locale}: {}", redact(seen));
}

/// A temporary folder holding the fixture's certificate file (PIN [`PIN`]), and that file.
fn p12_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = fixtures::openssl_p12(dir.path(), &[], PIN);
    (dir, file)
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
