//! The application: parse, dispatch, and the one place that turns a command's result or error
//! into text or JSON and an exit code.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::cli::{Cli, ColorChoice, Command, ConfigAction, Prescan};
use crate::explain::{Error, Exit, Kind};
use crate::i18n::Lang;
use crate::t;
use crate::ui::output;

/// The entry point behind `main`.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // `gidcert --version` alone is answered before the Fluent bundles and the localized clap
    // command are built (most of such a process's time otherwise). Any other command line goes
    // through clap, which also prints the version; the test below holds both the same.
    if let Some(line) = version_only(&args) {
        use std::io::Write as _;
        // As clap does, a failed write to stdout is not reported.
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
        return ExitCode::SUCCESS;
    }
    // The language must be known before parsing: `--help` and usage errors are localized.
    let early = Prescan::of(&args);
    output::select_language(early.lang);
    output::setup_colour(early.color.unwrap_or(ColorChoice::Auto));
    // Ctrl-C restores the terminal and exits 130, wherever it comes (src/ui/prompt.rs).
    crate::ui::prompt::init();
    // No arguments on a terminal: the guided menu (src/commands/guided.rs).
    if args.len() == 1 && crate::ui::prompt::can_prompt() {
        return crate::commands::guided::main();
    }
    let cli = match crate::cli::parse(&args, early.color) {
        Ok(cli) => cli,
        Err(e) => return report_usage_error(&e),
    };
    output::setup(&cli.global);
    let json = wants_json(&cli.command);
    let output_only = output_only(&cli.command);
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e, json);
            e.exit()
        }
    };
    // A reader that closed stdout (`| head -n 1`) had all it wanted: for a command whose whole
    // job is output, that is a normal end, as in ripgrep. A command that wrote files keeps its
    // code: its work was done (or not) whatever happened to the report.
    if output_only && output::stdout_closed() {
        return ExitCode::SUCCESS;
    }
    ExitCode::from(code.code())
}

/// What `gidcert --version` prints (clap's `{name} {version}` line).
const VERSION_LINE: &str = concat!("gidcert ", env!("CARGO_PKG_VERSION"), "\n");

/// The version line when the command line is exactly the program and `--version` or `-V`;
/// `None` for anything else (`--lang ja --version`, `show --version`, …), which clap parses.
/// Only that one exact form, so that this can never read a command line otherwise than clap.
fn version_only(args: &[OsString]) -> Option<&'static str> {
    match args {
        [_, flag] if flag == "--version" || flag == "-V" => Some(VERSION_LINE),
        _ => None,
    }
}

/// Runs a parsed command line. Returns the exit code for outcomes that are not errors but are not
/// all well either (a failed check, an expiring certificate, stray copies).
pub fn run(cli: Cli) -> Result<Exit, Error> {
    use crate::commands;
    match cli.command {
        Command::Download(a) => commands::download::run(a.into()),
        Command::Show(a) => commands::show::run(a.into()),
        Command::ChangePin(a) => commands::change_pin::run(a.into()),
        Command::Backup(a) => commands::backup::run(a.into()),
        Command::Scan(a) => commands::scan::run(a.into()),
        #[cfg(feature = "demo")]
        Command::Demo(a) => commands::demo::run(a.out),
        Command::Completions(a) => Ok(print_document(&crate::cli::help::completions(a.shell))),
        Command::Man => Ok(print_document(&crate::cli::help::man_page())),
        Command::Config(a) => commands::config::run(match a.action {
            ConfigAction::Path => commands::config::Request::Path,
            ConfigAction::Show { json } => commands::config::Request::Show {
                json,
                lang_flag: cli.global.lang.is_some(),
            },
        }),
    }
}

/// A generated document (completions, man page) in one piece on stdout.
fn print_document(bytes: &[u8]) -> Exit {
    output::out(format_args!("{}", String::from_utf8_lossy(bytes)));
    Exit::Ok
}

/// Whether the command was asked for `--json` output.
fn wants_json(c: &Command) -> bool {
    match c {
        Command::Download(a) => a.json,
        Command::Show(a) => a.json,
        Command::ChangePin(a) => a.json,
        Command::Backup(a) => a.json,
        Command::Scan(a) => a.json,
        Command::Config(a) => matches!(a.action, ConfigAction::Show { json: true }),
        _ => false,
    }
}

/// Whether output is all the command does (so that a closed stdout ends it normally).
fn output_only(c: &Command) -> bool {
    match c {
        Command::Show(_) | Command::Completions(_) | Command::Man | Command::Config(_) => true,
        Command::Scan(a) => !a.delete,
        _ => false,
    }
}

/// The `--json` form of an error: one object on stdout, with the stable kind.
#[derive(serde::Serialize)]
pub struct ErrorDocument {
    pub error: ErrorBody,
}

#[derive(serde::Serialize)]
pub struct ErrorBody {
    pub kind: Kind,
    pub exit_code: u8,
    pub message: String,
    pub recommendation: Option<String>,
}

impl ErrorDocument {
    pub fn of(e: &Error) -> ErrorDocument {
        ErrorDocument {
            error: ErrorBody {
                kind: e.kind(),
                exit_code: e.exit().code(),
                message: e.message(),
                recommendation: e.recommendation(),
            },
        }
    }
}

/// An error for a person on stderr; with `--json`, also as one object on stdout for scripts.
fn report_error(e: &Error, json: bool) {
    output::print_error(e);
    if json {
        output::print_json(&ErrorDocument::of(e));
    }
}

/// Reports a command line clap could not parse (or `--help` / `--version`, which clap handles as
/// an "error"). English uses clap's own wording; Japanese gets a translation of the common cases.
fn report_usage_error(e: &clap::Error) -> ExitCode {
    let code = e.exit_code();
    let to_stdout = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if to_stdout
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        || crate::i18n::current() == Lang::En
    {
        let _ = e.print();
        return ExitCode::from(u8::try_from(code).unwrap_or(Exit::Usage.code()));
    }
    let label = console::style(t!("label-error")).for_stderr().red().bold();
    crate::note!("{label}: {}", usage_error_message(e));
    if let Some(usage) = context_text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        crate::note!("{}: {usage}", t!("cli-heading-usage"));
    }
    let hint = console::style(t!("label-hint")).for_stderr().yellow();
    crate::note!("{hint}: {}", t!("rec-cli-help"));
    ExitCode::from(Exit::Usage.code())
}

/// The first line of a usage error in the current language.
pub fn usage_error_message(e: &clap::Error) -> String {
    let ctx = |k| context_text(e, k).unwrap_or_default();
    let suggestion = context_text(e, ContextKind::SuggestedArg)
        .or_else(|| context_text(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context_text(e, ContextKind::SuggestedValue))
        .map(|s| format!(" {}", t!("err-cli-did-you-mean", suggestion = s)))
        .unwrap_or_default();
    let text = match e.kind() {
        ErrorKind::InvalidValue => t!(
            "err-cli-invalid-value",
            arg = ctx(ContextKind::InvalidArg),
            value = ctx(ContextKind::InvalidValue),
            valid = ctx(ContextKind::ValidValue)
        ),
        ErrorKind::UnknownArgument => {
            t!(
                "err-cli-unknown-argument",
                arg = ctx(ContextKind::InvalidArg)
            )
        }
        ErrorKind::InvalidSubcommand => t!(
            "err-cli-unknown-command",
            command = ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            t!(
                "err-cli-missing-argument",
                arg = ctx(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingSubcommand => t!("err-cli-missing-command"),
        ErrorKind::ArgumentConflict => t!(
            "err-cli-conflict",
            arg = ctx(ContextKind::InvalidArg),
            other = ctx(ContextKind::PriorArg)
        ),
        ErrorKind::ValueValidation => t!(
            "err-cli-bad-value",
            arg = ctx(ContextKind::InvalidArg),
            value = ctx(ContextKind::InvalidValue)
        ),
        _ => {
            let arg = ctx(ContextKind::InvalidArg);
            if arg.is_empty() {
                t!("err-cli-other")
            } else {
                t!("err-cli-other-arg", arg = arg)
            }
        }
    };
    format!("{text}{suggestion}")
}

fn context_text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    Some(match e.get(kind)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) if v.is_empty() => return None,
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::Number(n) => n.to_string(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// The early answer is clap's own answer, word for word, whatever the program is called.
    #[test]
    fn version_fast_path_prints_what_clap_prints() {
        for prog in ["gidcert", "/usr/local/bin/gidcert", "other-name.exe"] {
            for flag in ["--version", "-V"] {
                let args = argv(&[prog, flag]);
                let early = version_only(&args).expect("the exact form is answered early");
                let e = crate::cli::command()
                    .try_get_matches_from(&args)
                    .expect_err("clap answers --version with an 'error'");
                assert_eq!(e.kind(), ErrorKind::DisplayVersion);
                assert_eq!(e.exit_code(), 0);
                assert_eq!(early, e.render().to_string(), "{prog} {flag}");
            }
        }
    }

    /// Every other command line is left to clap, including those where clap also prints the
    /// version (`--lang ja --version`) and those where it does not (`show --version`).
    #[test]
    fn version_fast_path_takes_nothing_else() {
        for words in [
            &["gidcert"][..],
            &["gidcert", "--lang", "ja", "--version"],
            &["gidcert", "--version", "--lang", "ja"],
            &["gidcert", "--color=never", "-V"],
            &["gidcert", "show", "--version"],
            &["gidcert", "--version", "show"],
            &["gidcert", "--version="],
            &["gidcert", "--versio"],
            &["gidcert", "-v"],
            &["gidcert", "-VV"],
            &["gidcert", "--", "--version"],
            &["gidcert", "--help"],
        ] {
            assert_eq!(version_only(&argv(words)), None, "{words:?}");
        }
    }
}
