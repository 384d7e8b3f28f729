//! Every question gidcert asks a person, and the one way each kind is asked.
//!
//! All questions read a whole line in the terminal's ordinary (cooked) mode, so the terminal's own
//! line editing works, a Japanese input method can compose, and a typed answer never spills into
//! the next question or the shell (`yes⏎` is one answer, not `y` and a stray `es`). A PIN is read
//! the same way with echo turned off. Nothing puts the terminal into raw mode or hides the cursor.
//!
//! Kinds of question: a line of text ([`ask_text`], [`ask_optional`]); yes/no ([`yes_no`]); one
//! of a numbered list ([`choose`]); a folder ([`ask_folder`]) or a file ([`ask_file`]); a hidden
//! PIN ([`hidden_pin`]). A recoverable mistake (an empty entry, an answer that is not one of the
//! choices, a path with quotes or `~`, a folder that does not exist) is explained and asked
//! again. End of input (Ctrl-D, Ctrl-Z⏎) cancels.
//!
//! Ctrl-C at any moment ([`init`]): the terminal's settings as they were before the first
//! question are put back (echo on), the cursor is shown, "Cancelled." is written and the process
//! exits with 130 (docs/exit-codes.md).

use std::io::{BufRead as _, IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::sync::Mutex;
use std::sync::Once;

use crate::explain::Exit;
use crate::i18n::Lang;
use crate::pin::Pin;
use crate::t;
use crate::ui::input::InputError;

/// The longest line a question reads; a longer one is refused (and asked again).
const MAX_LINE: usize = 4096;

static INIT: Once = Once::new();

/// The terminal settings of stdin before gidcert changed anything (Unix).
#[cfg(unix)]
static SAVED_TERMIOS: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);

/// Remembers the terminal's settings and installs the Ctrl-C handler, once per process. Called by
/// `main` before anything else and by every question (harmless when already done).
pub fn init() {
    INIT.call_once(|| {
        save_terminal();
        // An error here means another handler is installed (tests embedding gidcert): keep it.
        let _ = ctrlc::set_handler(interrupted);
    });
}

#[cfg(unix)]
fn save_terminal() {
    let stdin = std::io::stdin();
    if stdin.is_terminal()
        && let Ok(t) = rustix::termios::tcgetattr(&stdin)
        && let Ok(mut saved) = SAVED_TERMIOS.lock()
    {
        *saved = Some(t);
    }
}

#[cfg(not(unix))]
fn save_terminal() {}

/// Puts the terminal back as it was: echo on (Unix: the saved settings), cursor shown.
pub fn restore_terminal() {
    #[cfg(unix)]
    if let Ok(saved) = SAVED_TERMIOS.lock()
        && let Some(t) = saved.as_ref()
    {
        let _ =
            rustix::termios::tcsetattr(std::io::stdin(), rustix::termios::OptionalActions::Now, t);
    }
    let err = dialoguer::console::Term::stderr();
    if err.is_term() {
        let _ = err.show_cursor();
    }
}

/// The Ctrl-C handler: restore the terminal, say so, exit 130.
fn interrupted() {
    restore_terminal();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err);
    let _ = writeln!(err, "{}", t!("err-interrupted"));
    let _ = err.flush();
    std::process::exit(i32::from(Exit::Interrupted.code()));
}

/// Whether a person can be asked: both stdin and stderr are terminals.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// A mistake the member can correct: `✗ why`, then the question again.
pub fn complain(why: &str) {
    say(&format!("{} {why}", crate::ui::output::mark(false)));
}

/// Reads one line from stdin after writing `prompt` (on stderr), without the line ending. End of
/// input cancels; an unreadable line (not UTF-8, too long) is explained and asked again.
fn read_line(prompt: &str) -> Result<String, InputError> {
    init();
    if !can_prompt() {
        return Err(InputError::NoTerminal);
    }
    loop {
        {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "{prompt} ");
            let _ = err.flush();
        }
        let mut buf = Vec::new();
        let n = std::io::stdin()
            .lock()
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|_| InputError::Cancelled)?;
        if n == 0 {
            // Ctrl-D: end the line on screen before the "Cancelled." that follows.
            say("");
            return Err(InputError::Cancelled);
        }
        if buf.len() > MAX_LINE && !buf.ends_with(b"\n") {
            // Drain the rest of the over-long line so it cannot answer the next question.
            let _ = std::io::stdin().lock().skip_until(b'\n');
            complain(&t!("prompt-line-too-long", max = MAX_LINE));
            continue;
        }
        let Ok(s) = String::from_utf8(buf) else {
            complain(&t!("prompt-not-text"));
            continue;
        };
        return Ok(s.trim_end_matches(['\n', '\r']).to_owned());
    }
}

/// A line of text that must not be empty (spaces around it are dropped).
pub fn ask_text(prompt: &str) -> Result<String, InputError> {
    loop {
        let s = read_line(prompt)?;
        let s = s.trim();
        if s.is_empty() {
            complain(&t!("prompt-empty"));
            continue;
        }
        return Ok(s.to_owned());
    }
}

/// A line of text that may be left empty (`None`).
pub fn ask_optional(prompt: &str) -> Result<Option<String>, InputError> {
    let s = read_line(prompt)?;
    let s = s.trim();
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

/// Full-width ASCII (`ＹＥＳ`) as ASCII, and lower case: how answers are compared.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// `y`, `yes`, `はい` → yes; `n`, `no`, `いいえ` → no (any case, full-width too); else `None`.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match fold(s).as_str() {
        "y" | "yes" | "はい" | "ハイ" | "ﾊｲ" => Some(true),
        "n" | "no" | "いいえ" | "イイエ" | "ｲｲｴ" => Some(false),
        _ => None,
    }
}

/// A yes/no question. The default (taken on a bare Enter) is shown; the answer is repeated in the
/// member's language so that a mistyped one is seen.
pub fn yes_no(question: &str, default: bool) -> Result<bool, InputError> {
    ask_yes_no(question, Some(default))
}

/// A yes/no question with no default: a bare Enter asks again.
pub fn yes_no_required(question: &str) -> Result<bool, InputError> {
    ask_yes_no(question, None)
}

fn ask_yes_no(question: &str, default: Option<bool>) -> Result<bool, InputError> {
    let hint = match default {
        Some(true) => t!("prompt-yes-no-default-yes"),
        Some(false) => t!("prompt-yes-no-default-no"),
        None => t!("prompt-yes-no"),
    };
    loop {
        let s = read_line(&format!("{question} {hint}"))?;
        let answer = if s.trim().is_empty() {
            default
        } else {
            parse_yes_no(&s)
        };
        match answer {
            Some(a) => {
                say(&format!(
                    "  → {}",
                    if a { t!("prompt-yes") } else { t!("prompt-no") }
                ));
                return Ok(a);
            }
            None => complain(&t!("prompt-yes-no-again")),
        }
    }
}

/// One of `items`, by number. `default` (an index) is taken on a bare Enter and shown; without a
/// default an empty entry is asked again.
pub fn choose(prompt: &str, items: &[String], default: Option<usize>) -> Result<usize, InputError> {
    say(prompt);
    let width = items.len().to_string().len();
    for (i, item) in items.iter().enumerate() {
        say(&format!("  {:>width$}) {item}", i + 1));
    }
    let ask = match default {
        Some(d) => {
            let shown = d + 1;
            t!("prompt-number-default", default = shown)
        }
        None => t!("prompt-number"),
    };
    loop {
        let s = read_line(&ask)?;
        let s = fold(&s);
        if s.is_empty() {
            match default {
                Some(d) => return Ok(d),
                None => {
                    complain(&t!("prompt-number-again", max = items.len()));
                    continue;
                }
            }
        }
        match s.parse::<usize>() {
            Ok(n) if (1..=items.len()).contains(&n) => return Ok(n - 1),
            _ => complain(&t!("prompt-number-again", max = items.len())),
        }
    }
}

/// What is wrong with a typed path before it is even looked up.
#[derive(Debug, PartialEq, Eq)]
pub enum PathProblem {
    Empty,
    /// `"C:\Users\…"`, as Explorer's "Copy as path" gives it: the quotes are not part of the name.
    Quotes,
    /// `~/…`: only a shell expands `~`.
    Tilde,
}

/// A typed path, checked for the mistakes that are certainly mistakes.
pub fn parse_path(s: &str) -> Result<PathBuf, PathProblem> {
    let s = s.trim();
    if s.is_empty() {
        return Err(PathProblem::Empty);
    }
    if s.contains(['"', '\'', '“', '”', '＂']) {
        return Err(PathProblem::Quotes);
    }
    if s == "~" || s.starts_with("~/") || s.starts_with("~\\") {
        return Err(PathProblem::Tilde);
    }
    Ok(PathBuf::from(s))
}

fn path_problem_text(p: &PathProblem) -> String {
    match p {
        PathProblem::Empty => t!("prompt-empty"),
        PathProblem::Quotes => t!("prompt-path-quotes"),
        PathProblem::Tilde => t!("prompt-path-tilde", home = home_text()),
    }
}

fn home_text() -> String {
    directories::BaseDirs::new()
        .map(|b| b.home_dir().display().to_string())
        .unwrap_or_default()
}

/// A path, asked until it is one (no quotes, no `~`), with its terminal-safe form for messages.
fn ask_path(prompt: &str) -> Result<(PathBuf, String), InputError> {
    loop {
        match parse_path(&read_line(prompt)?) {
            Ok(p) => {
                let shown = crate::certview::display_safe(&p.display().to_string());
                return Ok((p, shown));
            }
            Err(e) => complain(&path_problem_text(&e)),
        }
    }
}

/// A folder that exists. `check` may refuse it with a reason (it is then asked again).
pub fn ask_folder(
    prompt: &str,
    mut check: impl FnMut(&Path) -> Result<(), String>,
) -> Result<PathBuf, InputError> {
    loop {
        let (p, shown) = ask_path(prompt)?;
        if !p.exists() {
            complain(&t!("prompt-folder-missing", path = shown));
            continue;
        }
        if !p.is_dir() {
            complain(&t!("prompt-not-a-folder", path = shown));
            continue;
        }
        match check(&p) {
            Ok(()) => return Ok(p),
            Err(why) => complain(&why),
        }
    }
}

/// A file that exists (not a folder).
pub fn ask_file(prompt: &str) -> Result<PathBuf, InputError> {
    loop {
        let (p, shown) = ask_path(prompt)?;
        if p.is_dir() {
            complain(&t!("prompt-is-a-folder", path = shown));
        } else if !p.exists() {
            complain(&t!("prompt-file-missing", path = shown));
        } else {
            return Ok(p);
        }
    }
}

/// Reads a PIN with echo off (on the terminal, whatever stdin is), after writing `prompt`. The
/// caller applies the rules (see `input::read_pin`). End of input cancels.
pub fn hidden_pin(prompt: &str) -> Result<Pin, InputError> {
    init();
    let term = dialoguer::console::Term::stderr();
    if !term.is_term() {
        return Err(InputError::NoTerminal);
    }
    let _ = term.write_str(&format!("{prompt}: "));
    let _ = term.flush();
    let s = term.read_secure_line().map_err(|_| InputError::Cancelled)?;
    Ok(Pin::new(s))
}

/// "The PIN code is wrong (attempt 1 of 3)." and the like: a numbered retry line.
pub fn retry_line(message: &str, attempt: u32, max: u32) -> String {
    match crate::i18n::current() {
        Lang::Ja => format!("{message}（{attempt}/{max} 回目）"),
        Lang::En => format!("{message} (attempt {attempt} of {max})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_both_languages_any_width_any_case() {
        for yes in [
            "y",
            "Y",
            "yes",
            "YES",
            "Yes",
            "はい",
            "ｙｅｓ",
            "ＹＥＳ",
            " y ",
        ] {
            assert_eq!(parse_yes_no(yes), Some(true), "{yes:?}");
        }
        for no in ["n", "N", "no", "NO", "いいえ", "ｎｏ", "Ｎ"] {
            assert_eq!(parse_yes_no(no), Some(false), "{no:?}");
        }
        for neither in ["", "ye", "yess", "o", "はいはい", "1", "ok"] {
            assert_eq!(parse_yes_no(neither), None, "{neither:?}");
        }
    }

    #[test]
    fn typed_paths() {
        assert_eq!(parse_path(" /media/usb "), Ok(PathBuf::from("/media/usb")));
        assert_eq!(parse_path("E:\\"), Ok(PathBuf::from("E:\\")));
        assert_eq!(parse_path(""), Err(PathProblem::Empty));
        assert_eq!(parse_path("  "), Err(PathProblem::Empty));
        assert_eq!(
            parse_path("\"C:\\Users\\a\\Desktop\""),
            Err(PathProblem::Quotes)
        );
        assert_eq!(parse_path("'/tmp/x'"), Err(PathProblem::Quotes));
        assert_eq!(parse_path("~/Desktop"), Err(PathProblem::Tilde));
        assert_eq!(parse_path("~"), Err(PathProblem::Tilde));
        // A `~` inside a name is a character like any other.
        assert_eq!(parse_path("/tmp/a~b"), Ok(PathBuf::from("/tmp/a~b")));
    }

    #[test]
    fn fold_makes_full_width_ascii_plain() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("　ｙ　"), "y");
    }
}
