//! Driving gidcert on a pseudo-terminal: spawn, wait for a text, type a PIN once echo is off,
//! finish. rexpect reads bytes as one `char` each; these helpers speak UTF-8 on both sides.
//!
//! Every wait has a 30 s timeout (a hang detector, far above any step's time even on two loaded
//! cores) and there are no sleeps: each step waits for the text it needs.

#![allow(dead_code)]

use std::os::fd::AsRawFd as _;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::ReadUntil;
use rexpect::session::{PtySession, spawn_command};

pub const TIMEOUT_MS: u64 = 30_000;

pub fn spawn(c: Command) -> PtySession {
    spawn_command(c, Some(TIMEOUT_MS)).expect("spawn on a pty")
}

/// `s` as rexpect's byte-per-`char` string.
pub fn as_bytes_chars(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// The UTF-8 text behind rexpect's byte-per-`char` string.
pub fn decode(raw: &str) -> String {
    let bytes: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether the terminal echoes what is typed (the ECHO flag of the pty's master side, which
/// stays readable after the program has exited).
pub fn echo_is_on(master: &std::fs::File) -> bool {
    // SAFETY: `termios` is plain data, and `master` is an open descriptor for the call.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) };
    assert_eq!(rc, 0, "tcgetattr on the pty");
    t.c_lflag & libc::ECHO != 0
}

/// Waits until the terminal's echo is `on` (a hidden prompt turns it off before it reads).
pub fn wait_for_echo(p: &PtySession, on: bool) {
    let master = p.process().get_file_handle().expect("pty master");
    let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
    while echo_is_on(&master) != on {
        assert!(Instant::now() < deadline, "echo never turned {on}");
        std::thread::yield_now();
    }
}

/// Types `pin` and Enter once the terminal no longer echoes. The prompt text is written just
/// before echo is turned off; typing in between would echo the PIN as a real terminal would, so
/// this waits for the terminal state rather than for time.
pub fn type_pin(p: &mut PtySession, pin: &str) {
    wait_for_echo(p, false);
    p.send_line(pin).unwrap();
}

/// Waits for the first of `needles` (in the order given when several are there) or the end of
/// output (`None`); what came before goes to `seen`. `whence` names the run in a failure, whose
/// message shows the transcript with each of `secrets` (the PINs typed) replaced.
pub fn expect_any(
    p: &mut PtySession,
    seen: &mut String,
    needles: &[String],
    whence: &str,
    secrets: &[&str],
) -> Option<usize> {
    let mut until: Vec<ReadUntil> = needles
        .iter()
        .map(|n| ReadUntil::String(as_bytes_chars(n)))
        .collect();
    until.push(ReadUntil::EOF);
    match p.exp_any(until) {
        Ok((before, matched)) => {
            seen.push_str(&decode(&before));
            seen.push_str(&decode(&matched));
            let matched = decode(&matched);
            needles.iter().position(|n| *n == matched)
        }
        Err(e) => {
            let mut shown = seen.clone();
            for s in secrets {
                shown = shown.replace(s, "<PIN>");
            }
            panic!("{whence}: waiting for one of {needles:?}: {e}\nseen so far:\n{shown}")
        }
    }
}

/// The exit code, once the output has ended.
pub fn exit_code(p: &mut PtySession) -> i32 {
    match p.process().wait().expect("exit status") {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    }
}

/// The transcript is in one language: no kana under C, no English message sentence under ja.
/// The message names the offending text only, never the transcript (it may hold a PIN).
pub fn assert_one_language(seen: &str, locale: &str) {
    if locale == "C" {
        // The manual's terms are quoted in parentheses in English text (識別番号, 全角…): only
        // kana outside those quotes would be Japanese text.
        let mut outside = String::new();
        let mut depth = 0;
        for c in seen.chars() {
            match c {
                '(' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                _ if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        let kana: String = outside
            .chars()
            .filter(|c| matches!(c, '\u{3040}'..='\u{30FF}'))
            .collect();
        assert!(
            kana.is_empty(),
            "{locale}: Japanese in English: {kana:?}\n{seen}"
        );
    } else {
        let en = gidcert::i18n::message_file(gidcert::i18n::Lang::En);
        for v in en
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.trim()))
            .filter(|v| v.len() > 12 && v.contains(' ') && !v.contains("{ $"))
        {
            assert!(
                !seen.contains(v),
                "{locale}: English in Japanese: {v:?}\n{seen}"
            );
        }
    }
}
