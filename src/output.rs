//! Where text goes: results on stdout, prompts, progress and diagnostics on stderr; colour only
//! on a terminal, never with `NO_COLOR` or `--color never`; `--json` output alone on stdout.

use std::io::{IsTerminal, Write};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::Error;
use crate::t;

/// Language, colour and diagnostics, from the global flags, the config file and the environment.
pub fn setup(g: &GlobalArgs) {
    let lang = g
        .lang
        .or_else(|| crate::config::Config::load().ok().and_then(|c| c.lang))
        .unwrap_or_else(crate::i18n::Lang::from_environment);
    crate::i18n::init(lang);

    let colour = match g.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    };
    console::set_colors_enabled(
        colour && std::io::stdout().is_terminal() || g.color == ColorChoice::Always,
    );
    console::set_colors_enabled_stderr(colour);

    // -v: gidcert's own debug events; -vv: everything at trace. RUST_LOG overrides. No event ever
    // carries a PIN: they are not Display/Debug-able in clear (see `pin::Pin`).
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
        .with_ansi(colour)
        .without_time()
        .try_init();
}

/// Prints an error the way a person should see it: what happened, then what to do.
pub fn print_error(e: &Error) {
    let mut err = std::io::stderr().lock();
    let label = console::style(t!("label-error")).red().bold();
    let _ = writeln!(err, "{label}: {}", e.message());
    if let Some(rec) = e.recommendation() {
        let hint = console::style(t!("label-hint")).yellow();
        let _ = writeln!(err, "{hint}: {rec}");
    }
}

/// A green ✓ or red ✗.
pub fn mark(ok: bool) -> console::StyledObject<&'static str> {
    if ok {
        console::style("✓").green()
    } else {
        console::style("✗").red()
    }
}

/// Prints a JSON value as the only thing on stdout.
pub fn print_json(v: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    // A closed stdout (a pipe to `head`) is not worth a panic.
    let _ = serde_json::to_writer_pretty(&mut out, v);
    let _ = writeln!(out);
}

/// A line on stderr (prompts, progress, reminders): stdout stays for results.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
