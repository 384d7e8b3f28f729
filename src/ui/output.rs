//! Where text goes: results on stdout, prompts, progress and diagnostics on stderr; colour only
//! on a terminal, never with `NO_COLOR` or `--color never`; `--json` output alone on stdout.
//!
//! Every line gidcert prints goes through [`out`] (the `say!` macro) or [`err`] (`note!`): no
//! `println!` anywhere else (tests/layers.rs fails on one). A closed stdout (`gidcert scan | head
//! -n 1`) is not an error: the writer remembers it ([`stdout_closed`]), prints nothing more, and the
//! app ends with exit 0 when output was all that was asked (as ripgrep does).

use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether stdout has been closed by its reader (a pipe to `head`).
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Writes to stdout. A broken pipe is remembered and everything after it is dropped; any other
/// failure to write results is remembered the same way (there is nowhere left to say it).
pub fn out(args: fmt::Arguments<'_>) {
    if stdout_closed() {
        return;
    }
    let mut o = std::io::stdout().lock();
    if o.write_fmt(args).and_then(|()| o.flush()).is_err() {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Writes to stderr; a closed stderr is ignored (it is where errors go: nothing is left to do).
pub fn err(args: fmt::Arguments<'_>) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// A line on stdout (results), through [`out`].
#[macro_export]
macro_rules! say {
    () => {
        $crate::ui::output::out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::ui::output::out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

use crate::cli::{ColorChoice, GlobalArgs};
use crate::explain::{Error, Explain};
use crate::i18n::Lang;
use crate::t;

/// Chooses the language for the rest of the process: `--lang`, else the config file's `lang`,
/// else the locale. A configuration file that cannot be read does not stop `--help`: the command
/// that needs the file reports it.
pub fn select_language(flag: Option<Lang>) -> Lang {
    let lang = flag
        .or_else(|| {
            crate::settings::load_config()
                .ok()
                .and_then(|c| c.lang)
                .map(Lang::from)
        })
        .unwrap_or_else(Lang::from_environment);
    crate::i18n::init(lang);
    lang
}

/// Whether a stream may be coloured: `--color always` forces it; `never` and a non-empty
/// `NO_COLOR` (<https://no-color.org>) forbid it; otherwise only a terminal gets colour.
pub fn use_colour(choice: ColorChoice, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color.is_none_or(|v| v.is_empty()) && terminal,
    }
}

/// Decides colour for stdout and stderr separately (one may be a terminal and the other a pipe).
/// Returns whether stderr is coloured.
pub fn setup_colour(choice: ColorChoice) -> bool {
    let no_color = std::env::var_os("NO_COLOR");
    let stdout_colour = use_colour(choice, no_color.as_deref(), std::io::stdout().is_terminal());
    let stderr_colour = use_colour(choice, no_color.as_deref(), std::io::stderr().is_terminal());
    console::set_colors_enabled(stdout_colour);
    console::set_colors_enabled_stderr(stderr_colour);
    stderr_colour
}

/// Colour and diagnostics, from the global flags and the environment. The language is chosen
/// before parsing (see [`select_language`]), as `--help` needs it.
pub fn setup(g: &GlobalArgs) {
    let stderr_colour = setup_colour(g.color);

    // -v: gidcert's own debug events; -vv: everything at trace. RUST_LOG overrides. No event ever
    // carries a PIN: they are not Display/Debug-able in clear (see `pin::Pin`).
    // Nothing asked for: no subscriber at all (tracing then drops every event, as the "off"
    // filter would), which spares a quick command the filter's and the registry's set-up.
    if g.verbose == 0 && std::env::var_os(tracing_subscriber::EnvFilter::DEFAULT_ENV).is_none() {
        return;
    }
    let default = match g.verbose {
        0 => "off",
        1 => "gidcert=debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(stderr_colour)
        .without_time()
        .try_init();
}

/// Whether progress bars and spinners may be drawn: only on a terminal (stderr), so that logs and
/// pipes get plain lines.
pub fn show_progress() -> bool {
    std::io::stderr().is_terminal()
}

/// A spinner on stderr showing `message`, only when stderr is a terminal (the one spinner of
/// every command; [`Countdown`] adds a deadline to it).
pub fn spinner(message: String) -> Option<indicatif::ProgressBar> {
    if !show_progress() {
        return None;
    }
    let s = indicatif::ProgressBar::new_spinner();
    s.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    s.set_message(message);
    Some(s)
}

/// A spinner showing `message` and the time left until `deadline`, when `show` and stderr is a
/// terminal; cleared when dropped.
pub struct Countdown(Option<indicatif::ProgressBar>);

impl Countdown {
    pub fn start(show: bool, message: &str, deadline: std::time::Duration) -> Countdown {
        let Some(bar) = spinner(message.to_owned()).filter(|_| show) else {
            return Countdown(None);
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({left})") {
            // The localized words are fetched once, here: the key runs on indicatif's ticker.
            let words = t!("dl-time-left", time = "{}");
            bar.set_style(style.with_key(
                "left",
                move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let left = deadline.saturating_sub(s.elapsed()).as_secs();
                    let time = format!("{}:{:02}", left / 60, left % 60);
                    let _ = w.write_str(&words.replacen("{}", &time, 1));
                },
            ));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Countdown(Some(bar))
    }
}

impl Drop for Countdown {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Prints an error the way a person should see it: what happened, then what to do.
pub fn print_error(e: &Error) {
    print_problem(e.inner());
}

/// [`print_error`] for an error that is not (yet) an [`Error`].
pub fn print_problem(e: &(impl Explain + ?Sized)) {
    let label = console::style(t!("label-error")).for_stderr().red().bold();
    let mut text = format!("{label}: {}\n", e.message());
    if let Some(rec) = e.recommendation() {
        let hint = console::style(t!("label-hint")).for_stderr().yellow();
        text.push_str(&format!("{hint}: {rec}\n"));
    }
    err(format_args!("{text}"));
}

/// Wraps text to `width` terminal columns, breaking at spaces and also between Japanese
/// characters (which have no spaces between words). A full-width character counts two columns. A
/// closing mark (、。）」 …) never starts a line and an opening one never ends it (kinsoku).
/// Existing line breaks are kept.
pub fn wrap_wide(text: &str, width: usize) -> String {
    const NO_START: &str = "、。，．）」』】〕！？・：；ー…ぁぃぅぇぉっゃゅょァィゥェォッャュョ)]}";
    const NO_END: &str = "（「『【〔([{";
    let mut out = String::new();
    for (n, para) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut line = String::new();
        let mut line_width = 0;
        // Where `line` may be broken: byte offset of the break, and whether a space sits there.
        let mut last_break: Option<(usize, bool)> = None;
        let mut prev: Option<char> = None;
        for c in para.chars() {
            let w = console::measure_text_width(c.encode_utf8(&mut [0; 4]));
            if let Some(p) = prev {
                let wide = w > 1 || console::measure_text_width(p.encode_utf8(&mut [0; 4])) > 1;
                if c == ' ' {
                    last_break = Some((line.len(), true));
                } else if wide && p != ' ' && !NO_START.contains(c) && !NO_END.contains(p) {
                    last_break = Some((line.len(), false));
                }
            }
            if line_width + w > width
                && c != ' '
                && let Some((at, space)) = last_break.take()
            {
                let rest = line.split_off(at);
                let rest = if space { rest[1..].to_owned() } else { rest };
                out.push_str(line.trim_end());
                out.push('\n');
                line = rest;
                line_width = console::measure_text_width(&line);
            }
            line.push(c);
            line_width += w;
            prev = Some(c);
        }
        out.push_str(&line);
    }
    out
}

/// A green ✓ or red ✗.
pub fn mark(ok: bool) -> console::StyledObject<&'static str> {
    if ok {
        console::style("✓").green()
    } else {
        console::style("✗").red()
    }
}

/// Prints a document as the only thing on stdout (`--json`).
pub fn print_json<T: serde::Serialize + ?Sized>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(text) => out(format_args!("{text}\n")),
        // Serialize of these plain report types cannot fail; say so rather than print half.
        Err(e) => err(format_args!("{e}\n")),
    }
}

/// A line on stderr (prompts, progress, reminders), through [`err`]: stdout stays for results.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::ui::output::err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn wraps_japanese_between_characters_and_never_before_a_closing_mark() {
        let text = "電子証明書をサーバーからダウンロードして、保存します。";
        let wrapped = wrap_wide(text, 20);
        for line in wrapped.lines() {
            assert!(console::measure_text_width(line) <= 20, "{line:?}");
            assert!(!line.starts_with(['、', '。']), "{wrapped:?}");
        }
        assert_eq!(wrapped.replace('\n', ""), text);
        assert!(wrapped.lines().count() >= 3);
    }

    #[test]
    fn wraps_english_at_spaces_and_keeps_line_breaks() {
        let wrapped = wrap_wide("one two three four\nfive", 9);
        assert_eq!(wrapped, "one two\nthree\nfour\nfive");
        // A word longer than the width is left whole rather than cut.
        assert_eq!(wrap_wide("abcdefghij", 4), "abcdefghij");
        assert_eq!(wrap_wide("", 4), "");
    }

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(use_colour(ColorChoice::Auto, None, true));
        assert!(!use_colour(ColorChoice::Auto, None, false));
        assert!(!use_colour(ColorChoice::Auto, set, true));
        // An empty NO_COLOR is "not set" per no-color.org.
        assert!(use_colour(ColorChoice::Auto, empty, true));
        assert!(!use_colour(ColorChoice::Never, None, true));
        assert!(use_colour(ColorChoice::Always, set, false));
    }
}
