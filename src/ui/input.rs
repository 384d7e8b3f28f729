//! Where PINs come from: a hidden prompt on the terminal, or – explicitly – standard input or a
//! file. A PIN is never read from standard input by accident: `--pin-stdin` must say so.
//!
//! The one PIN reader is [`read_pin`], with one rule for an empty entry: at a prompt it is
//! explained and asked again (Ctrl-C cancels); from stdin or a file it is an error (exit 41).
//! `--pin-stdin` when stdin is a terminal reads like the prompt, with echo off: a PIN typed on a
//! terminal is never shown. A PIN that is to be sent to the server is refused first when it
//! cannot be right ([`crate::pin::login_problem`]); a PIN for a local file is tried up to
//! [`LOCAL_PIN_ATTEMPTS`] times at the prompt ([`open_with_pin`]): a file has no lockout.

use std::io::Read;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::explain::{Error, Exit, Explain, Kind};
use crate::pin::{NewPin, Pin, PinRuleError};
use crate::t;
use crate::ui::prompt;

/// How many times a PIN for a local file is asked at the prompt before the command gives up.
pub const LOCAL_PIN_ATTEMPTS: u32 = 3;

/// PIN files and PIN input on stdin are a few lines; anything larger is a mistake.
const MAX_PIN_INPUT: u64 = 64 * 1024;

/// How a command gets its PINs, from `--pin-stdin` / `--pin-file PATH`; asked for when neither
/// is given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PinSource {
    #[default]
    Prompt,
    Stdin,
    File(PathBuf),
}

impl PinSource {
    pub fn is_prompt(&self) -> bool {
        matches!(self, PinSource::Prompt)
    }
}

#[derive(Debug)]
#[non_exhaustive]
pub enum InputError {
    /// A prompt was needed but there is no terminal to ask on.
    NoTerminal,
    /// The member entered nothing (treated as cancelling) or pressed Ctrl-C.
    Cancelled,
    /// Fewer PIN lines than the command needs.
    MissingPinLine {
        needed: usize,
        got: usize,
        source: String,
    },
    /// The PIN file or stdin could not be read.
    Read {
        source: String,
        error: std::io::Error,
    },
    /// Larger than any PIN input.
    TooLarge { source: String },
    /// A new PIN breaks the rule (non-interactive input).
    Rule(PinRuleError),
    /// The two entries of a new PIN differ (non-interactive input cannot ask again).
    Mismatch,
    /// An empty PIN from stdin or a file.
    Empty { source: String },
    /// A PIN that cannot be the issued one (full-width, spaces, control characters), not sent.
    NotSendable(PinRuleError),
}

impl Explain for InputError {
    fn message(&self) -> String {
        match self {
            InputError::NoTerminal => t!("err-no-terminal"),
            InputError::Cancelled => t!("err-cancelled"),
            InputError::MissingPinLine {
                needed,
                got,
                source,
            } => t!(
                "err-missing-pin-line",
                needed = needed,
                got = got,
                source = source.as_str()
            ),
            InputError::Read { source, error } => {
                t!(
                    "err-read-pin",
                    source = source.as_str(),
                    error = crate::ui::words::io_error(error)
                )
            }
            InputError::TooLarge { source } => {
                t!("err-pin-input-too-large", source = source.as_str())
            }
            InputError::Rule(r) => pin_rule_message(r),
            InputError::Mismatch => t!("err-pin-mismatch"),
            InputError::Empty { source } => t!("err-pin-empty", source = source.as_str()),
            InputError::NotSendable(r) => {
                crate::ui::words::sentences(&[login_problem_message(r), t!("err-pin-not-sent")])
            }
        }
    }

    /// The kind's advice, except for a PIN that breaks a rule of the server's: it was not sent
    /// (the kind is the rule's, the advice is not).
    fn recommendation(&self) -> Option<String> {
        match self {
            InputError::NotSendable(_) => Some(t!("rec-pin-not-sent")),
            _ => self.kind().recommendation(),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            InputError::NoTerminal => Kind::NoTerminal,
            InputError::Cancelled => Kind::Cancelled,
            InputError::MissingPinLine { .. } => Kind::MissingPinLine,
            InputError::Read { .. } => Kind::PinInputUnreadable,
            InputError::TooLarge { .. } => Kind::PinInputTooLarge,
            InputError::Rule(_) => Kind::PinRule,
            InputError::Mismatch => Kind::PinMismatch,
            InputError::Empty { .. } => Kind::EmptyPin,
            InputError::NotSendable(_) => Kind::PinRule,
        }
    }
}

/// Which rule a new PIN breaks, in the user's language.
pub fn pin_rule_message(r: &PinRuleError) -> String {
    match r {
        PinRuleError::Empty => t!("pin-rule-empty"),
        PinRuleError::TooShort { len } => t!("pin-rule-too-short", len = len),
        PinRuleError::TooLong { len } => t!("pin-rule-too-long", len = len),
        PinRuleError::UpperCase => t!("pin-rule-upper-case"),
        PinRuleError::FullWidth => t!("pin-rule-full-width"),
        PinRuleError::Space => t!("pin-rule-space"),
        PinRuleError::OtherCharacter => t!("pin-rule-other"),
        PinRuleError::Control => t!("pin-rule-control"),
    }
}

/// Why a PIN typed to log in cannot be the issued one ([`crate::pin::login_problem`]).
pub fn login_problem_message(r: &PinRuleError) -> String {
    match r {
        PinRuleError::Empty => t!("pin-login-empty"),
        PinRuleError::FullWidth => t!("pin-login-full-width"),
        PinRuleError::Space => t!("pin-login-space"),
        PinRuleError::Control => t!("pin-login-control"),
        // login_problem returns only the four above; the new-PIN wording is still right.
        other => pin_rule_message(other),
    }
}

/// What a PIN is for, which decides what is refused before it is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinFor {
    /// Opens a local file: any non-empty PIN may be tried (no lockout).
    File,
    /// Logs in to the server, where every wrong PIN costs one of a few attempts: a PIN that
    /// cannot be right is refused before anything is sent.
    Login,
}

/// The one PIN reader: one PIN from `source` (see the module documentation for its rules).
pub fn read_pin(source: &PinSource, prompt_text: &str, purpose: PinFor) -> Result<Pin, InputError> {
    if source.is_prompt() {
        if !prompt::can_prompt() {
            return Err(InputError::NoTerminal);
        }
        loop {
            let pin = prompt::hidden_pin(prompt_text)?;
            if pin.is_empty() {
                prompt::complain(&t!("prompt-pin-empty"));
                continue;
            }
            if purpose == PinFor::Login
                && let Some(r) = crate::pin::login_problem(&pin)
            {
                prompt::complain(&crate::ui::words::sentences(&[
                    login_problem_message(&r),
                    t!("err-pin-not-sent"),
                ]));
                continue;
            }
            return Ok(pin);
        }
    }
    let name = source_name(source);
    let pin = read_pin_lines(source, 1)?.pop().ok_or(InputError::Empty {
        source: name.clone(),
    })?;
    check_read_pin(pin, &name, purpose)
}

/// The empty rule and, for a login, the sendable rule, for a PIN that was read, not typed.
pub fn check_read_pin(pin: Pin, source: &str, purpose: PinFor) -> Result<Pin, InputError> {
    if pin.is_empty() {
        return Err(InputError::Empty {
            source: source.to_owned(),
        });
    }
    if purpose == PinFor::Login
        && let Some(r) = crate::pin::login_problem(&pin)
    {
        return Err(InputError::NotSendable(r));
    }
    Ok(pin)
}

fn source_name(source: &PinSource) -> String {
    match source {
        PinSource::Prompt => String::new(),
        PinSource::Stdin => "stdin".to_owned(),
        PinSource::File(p) => p.display().to_string(),
    }
}

/// Reads a PIN for a local file and opens the file with it. At the prompt a wrong PIN is said and
/// asked again, up to [`LOCAL_PIN_ATTEMPTS`] times; from stdin or a file it is tried once.
pub fn open_with_pin<T>(
    source: &PinSource,
    prompt_text: &str,
    mut open: impl FnMut(&Pin) -> Result<T, Error>,
) -> Result<(Pin, T), Error> {
    let mut attempt = 1;
    loop {
        let pin = read_pin(source, prompt_text, PinFor::File)?;
        match open(&pin) {
            Ok(t) => return Ok((pin, t)),
            Err(e)
                if source.is_prompt()
                    && e.exit() == Exit::WrongPin
                    && attempt < LOCAL_PIN_ATTEMPTS =>
            {
                prompt::complain(&prompt::retry_line(
                    &e.message(),
                    attempt,
                    LOCAL_PIN_ATTEMPTS,
                ));
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Reads `count` PINs, one per line, from stdin or a file: [`read_pin_lines_range`] with an exact
/// count.
pub fn read_pin_lines(source: &PinSource, count: usize) -> Result<Vec<Pin>, InputError> {
    read_pin_lines_range(source, count, count)
}

/// Reads between `min` and `max` PINs, one per line, from stdin or a file: every line present up
/// to `max` (later lines are ignored), and an error when fewer than `min` are present. For
/// commands whose last line is optional (change-pin's confirmation): the input can only be read
/// once, so the command cannot ask for the optional line separately.
///
/// A trailing `\n` or `\r\n` is never part of a PIN; a leading UTF-8 byte-order mark (Windows
/// Notepad) is dropped. Other spaces are kept: they are characters the member typed.
pub fn read_pin_lines_range(
    source: &PinSource,
    min: usize,
    max: usize,
) -> Result<Vec<Pin>, InputError> {
    let (name, text) = match source {
        PinSource::Prompt => unreachable_prompt(),
        PinSource::Stdin => (
            "stdin".to_owned(),
            read_capped(unbuffered_stdin()?, "stdin")?,
        ),
        PinSource::File(p) => (p.display().to_string(), read_file_capped(p)?),
    };
    pins_from_text(&text, min, max).map_err(|got| InputError::MissingPinLine {
        needed: min,
        got,
        source: name,
    })
}

/// The PIN lines of `text` (see [`read_pin_lines_range`]); `Err` holds how many lines there were
/// when fewer than `min`.
fn pins_from_text(text: &str, min: usize, max: usize) -> Result<Vec<Pin>, usize> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // `split_terminator`, not `split`: a file holding "abcd\n" has one line, not two (but "\n"
    // has one, empty, line: an empty PIN, which the command then refuses by its own rule).
    let pins: Vec<Pin> = body
        .split_terminator('\n')
        .take(max)
        .map(|line| Pin::new(line.strip_suffix('\r').unwrap_or(line).to_owned()))
        .collect();
    if pins.len() < min {
        return Err(pins.len());
    }
    Ok(pins)
}

fn unreachable_prompt() -> ! {
    // Invariant: callers check `is_prompt()` first and prompt instead.
    panic!("read_pin_lines called for an interactive PIN source")
}

/// Standard input without the standard library's buffer: `std::io::stdin()` reads through a
/// process-wide 8 KiB buffer that is never freed or wiped, so a PIN read through it would stay in
/// memory until the process ends (tests/memory.rs finds it there).
fn unbuffered_stdin() -> Result<std::fs::File, InputError> {
    #[cfg(unix)]
    let handle = std::os::fd::AsFd::as_fd(&std::io::stdin()).try_clone_to_owned();
    #[cfg(windows)]
    let handle = std::os::windows::io::AsHandle::as_handle(&std::io::stdin()).try_clone_to_owned();
    handle
        .map(std::fs::File::from)
        .map_err(|error| InputError::Read {
            source: "stdin".to_owned(),
            error,
        })
}

fn read_capped(r: impl Read, name: &str) -> Result<Zeroizing<String>, InputError> {
    // Read straight into zeroizing buffers: `read_to_end` would first read into a small buffer
    // on the stack (its probe), which nothing wipes. The buffer starts small (a PIN file is a
    // few short lines) and grows by copying into a larger one, the old one wiped as it drops, up
    // to one byte past the limit: a 64 KiB buffer from the start cost 17 page faults to fill and
    // wipe, 1.5 % of a quick `show` (docs/benchmarks.md).
    let cap = MAX_PIN_INPUT as usize + 1;
    let mut buf = Zeroizing::new(vec![0u8; 256]);
    let mut len = 0;
    let mut r = r;
    loop {
        if len == buf.len() {
            if len >= cap {
                break;
            }
            let mut bigger = Zeroizing::new(vec![0u8; (len * 4).min(cap)]);
            bigger[..len].copy_from_slice(&buf[..len]);
            buf = bigger;
        }
        match r.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => {
                return Err(InputError::Read {
                    source: name.to_owned(),
                    error,
                });
            }
        }
    }
    buf.truncate(len);
    if buf.len() as u64 > MAX_PIN_INPUT {
        return Err(InputError::TooLarge {
            source: name.to_owned(),
        });
    }
    let s = std::str::from_utf8(&buf).map_err(|e| InputError::Read {
        source: name.to_owned(),
        error: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })?;
    Ok(Zeroizing::new(s.to_owned()))
}

fn read_file_capped(p: &Path) -> Result<Zeroizing<String>, InputError> {
    let name = p.display().to_string();
    let f = std::fs::File::open(p).map_err(|error| InputError::Read {
        source: name.clone(),
        error,
    })?;
    read_capped(f, &name)
}

/// Whether a person can be asked: both stdin and stderr are terminals.
pub fn can_prompt() -> bool {
    prompt::can_prompt()
}

/// Asks for a PIN for a local file with hidden input ([`read_pin`] at the prompt).
pub fn prompt_pin(prompt_text: &str) -> Result<Pin, InputError> {
    read_pin(&PinSource::Prompt, prompt_text, PinFor::File)
}

/// Asks for a new PIN and its confirmation until both agree and follow the rule, saying exactly
/// which rule failed each time (an empty entry included).
pub fn prompt_new_pin() -> Result<NewPin, InputError> {
    if !prompt::can_prompt() {
        return Err(InputError::NoTerminal);
    }
    loop {
        let first = prompt::hidden_pin(&t!("prompt-new-pin"))?;
        let new = match NewPin::parse(first) {
            Ok(n) => n,
            Err(r) => {
                prompt::complain(&pin_rule_message(&r));
                continue;
            }
        };
        let again = prompt::hidden_pin(&t!("prompt-new-pin-again"))?;
        if !new.as_pin().ct_eq(&again) {
            prompt::complain(&t!("err-pin-mismatch"));
            continue;
        }
        return Ok(new);
    }
}

/// Checks a new PIN read non-interactively: the rule, and that both entries agree when a
/// confirmation was given.
pub fn check_new_pin(new: Pin, confirm: Option<&Pin>) -> Result<NewPin, InputError> {
    if let Some(c) = confirm
        && !new.ct_eq(c)
    {
        return Err(InputError::Mismatch);
    }
    NewPin::parse(new).map_err(InputError::Rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pins_from(text: &str, n: usize) -> Result<Vec<String>, InputError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pins");
        std::fs::write(&p, text).unwrap();
        read_pin_lines(&PinSource::File(p), n)
            .map(|v| v.iter().map(|p| p.expose().to_owned()).collect())
    }

    #[test]
    fn trailing_newlines_are_not_part_of_a_pin() {
        assert_eq!(pins_from("abcd\n", 1).unwrap(), ["abcd"]);
        assert_eq!(pins_from("abcd\r\n", 1).unwrap(), ["abcd"]);
        assert_eq!(pins_from("abcd", 1).unwrap(), ["abcd"]);
        assert_eq!(
            pins_from("\u{FEFF}abcd\r\nnew1\r\n", 2).unwrap(),
            ["abcd", "new1"]
        );
    }

    #[test]
    fn missing_lines_are_an_error() {
        let e = pins_from("abcd\n", 2).unwrap_err();
        assert!(matches!(
            e,
            InputError::MissingPinLine {
                needed: 2,
                got: 1,
                ..
            }
        ));
        assert!(matches!(
            pins_from("", 1).unwrap_err(),
            InputError::MissingPinLine { .. }
        ));
    }

    #[test]
    fn an_empty_line_is_an_empty_pin() {
        assert_eq!(pins_from("\n", 1).unwrap(), [""]);
    }

    /// A reader that hands out at most `chunk` bytes a call.
    struct Trickle<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.data.len().min(self.chunk).min(out.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// Input of every size up to the limit is read whole, however the reader splits it (the
    /// buffer grows past its first 256 bytes), and one byte more is refused.
    #[test]
    fn input_up_to_the_limit_is_read_whole_in_any_chunks() {
        let limit = MAX_PIN_INPUT as usize;
        for size in [0, 1, 255, 256, 257, 1024, 1025, 4096, limit - 1, limit] {
            let text: String = (0..size)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            for chunk in [1, 7, 256, 100_000] {
                if chunk == 1 && size > 5000 {
                    continue;
                }
                let r = Trickle {
                    data: text.as_bytes(),
                    chunk,
                };
                let got =
                    read_capped(r, "test").unwrap_or_else(|e| panic!("{size}/{chunk}: {e:?}"));
                assert_eq!(got.as_str(), text, "{size} bytes in chunks of {chunk}");
            }
        }
        let over = "a".repeat(limit + 1);
        for chunk in [7, 256, 100_000] {
            let r = Trickle {
                data: over.as_bytes(),
                chunk,
            };
            assert!(matches!(
                read_capped(r, "test"),
                Err(InputError::TooLarge { .. })
            ));
        }
    }

    #[test]
    fn oversized_input_is_refused() {
        let big = "a".repeat(MAX_PIN_INPUT as usize + 1);
        assert!(matches!(
            pins_from(&big, 1).unwrap_err(),
            InputError::TooLarge { .. }
        ));
    }

    fn range_from(text: &str, min: usize, max: usize) -> Result<Vec<String>, InputError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pins");
        std::fs::write(&p, text).unwrap();
        read_pin_lines_range(&PinSource::File(p), min, max)
            .map(|v| v.iter().map(|p| p.expose().to_owned()).collect())
    }

    #[test]
    fn a_range_takes_every_line_present_up_to_max() {
        assert_eq!(range_from("old\nnew\n", 2, 3).unwrap(), ["old", "new"]);
        assert_eq!(range_from("old\nnew", 2, 3).unwrap(), ["old", "new"]);
        assert_eq!(
            range_from("\u{FEFF}old\r\nnew\r\nnew\r\n", 2, 3).unwrap(),
            ["old", "new", "new"]
        );
        // Lines after `max` are ignored, as with an exact count.
        assert_eq!(range_from("a\nb\nc\nd\n", 2, 3).unwrap(), ["a", "b", "c"]);
        // An empty third line is a (empty) confirmation, not an absent one.
        assert_eq!(range_from("a\nb\n\n", 2, 3).unwrap(), ["a", "b", ""]);
    }

    #[test]
    fn a_range_needs_min_lines() {
        let e = range_from("old\n", 2, 3).unwrap_err();
        assert!(matches!(
            e,
            InputError::MissingPinLine {
                needed: 2,
                got: 1,
                ..
            }
        ));
        // "old\n\n" is two lines, the second empty: not missing.
        assert_eq!(range_from("old\n\n", 2, 3).unwrap(), ["old", ""]);
        assert!(matches!(
            range_from("", 2, 3).unwrap_err(),
            InputError::MissingPinLine { got: 0, .. }
        ));
    }

    #[test]
    fn an_exact_count_returns_exactly_that_many_or_an_error() {
        // (text, lines it holds)
        for (text, lines) in [
            ("", 0),
            ("a", 1),
            ("a\n", 1),
            ("\n\n", 2),
            ("a\r\nb\r\nc", 3),
        ] {
            for n in 0..4 {
                match pins_from(text, n) {
                    Ok(v) => assert!(v.len() == n && n <= lines, "{text:?} {n}"),
                    Err(InputError::MissingPinLine { needed, got, .. }) => {
                        assert!(n > lines && needed == n && got == lines, "{text:?} {n}")
                    }
                    Err(e) => panic!("{text:?} {n}: {e:?}"),
                }
            }
        }
    }

    #[test]
    fn new_pin_checks() {
        let ok = check_new_pin(
            Pin::new("abcd1234".into()),
            Some(&Pin::new("abcd1234".into())),
        );
        assert!(ok.is_ok());
        let mismatch = check_new_pin(
            Pin::new("abcd1234".into()),
            Some(&Pin::new("abcd1235".into())),
        );
        assert!(matches!(mismatch.unwrap_err(), InputError::Mismatch));
        let rule = check_new_pin(Pin::new("ABCD".into()), None);
        assert!(matches!(
            rule.unwrap_err(),
            InputError::Rule(PinRuleError::UpperCase)
        ));
    }
}
