//! The command line: clap definitions (the one source of `--help`, completions and the man page)
//! and the dispatch to `commands::*`. Nothing is done while parsing.

use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::explain::{Error, Exit};
use crate::i18n::Lang;
use crate::t;

/// gidcert – get and look after the SECOM Passport for G-ID certificate
/// (司法書士電子証明書).
#[derive(Debug, Parser)]
#[command(name = "gidcert", version, about, max_term_width = 79)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Language of messages (default: from the locale)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print diagnostics to stderr (-vv for more). Never shows a PIN.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Download the certificate file from the server and save it
    Download(DownloadArgs),
    /// Show a certificate file and check what the member must check
    Show(ShowArgs),
    /// Change the PIN of a certificate file without ever losing it
    ChangePin(ChangePinArgs),
    /// Copy a certificate file to a USB stick, verified
    Backup(BackupArgs),
    /// Search folders for stray copies of certificate files
    Scan(ScanArgs),
    /// Run download, show and change-pin end to end against a built-in test server
    #[cfg(feature = "demo")]
    Demo(DemoArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// Show the configuration file
    Config(ConfigArgs),
}

/// How a command reads PINs when it is not to prompt for them.
#[derive(Debug, Args, Clone, Default)]
pub struct PinArgs {
    /// Read the PIN(s) from standard input, one per line
    #[arg(long, conflicts_with = "pin_file")]
    pub pin_stdin: bool,
    /// Read the PIN(s) from this file, one per line
    #[arg(long, value_name = "PATH")]
    pub pin_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Download server (else GIDCERT_SERVER, else the config file)
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Also trust this CA certificate (PEM) for the server
    #[arg(long, value_name = "PEM")]
    pub ca_cert: Option<PathBuf>,
    /// Identification number (識別番号) from the notice
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// User ID from the notice; the certificate's UID must equal it
    #[arg(long, value_name = "UID")]
    pub expect_uid: Option<String>,
    /// Folder to save the file in
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// File name (default: <user ID>_<YYYYMMDDhhmmss>.p12)
    #[arg(long, value_name = "NAME")]
    pub file_name: Option<String>,
    #[command(flatten)]
    pub pin: PinArgs,
    /// Also make a verified backup copy in this folder
    #[arg(long, value_name = "DIR")]
    pub backup_to: Option<PathBuf>,
    /// Replace an existing file of the same name
    #[arg(long)]
    pub force: bool,
    /// Print one JSON object on stdout, nothing else
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The certificate file (.p12 / .pfx)
    pub file: PathBuf,
    #[command(flatten)]
    pub pin: PinArgs,
    /// User ID from the notice; the certificate's UID must equal it
    #[arg(long, value_name = "UID")]
    pub expect_uid: Option<String>,
    /// Warn when the certificate expires within N days
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub warn_days: u32,
    /// Expected issuer, O and C (built in: shiho-shoshi; more in profiles.toml)
    #[arg(long, value_name = "NAME", default_value = "shiho-shoshi")]
    pub profile: String,
    /// Print one JSON object on stdout, nothing else
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ChangePinArgs {
    /// The certificate file whose PIN to change
    pub file: PathBuf,
    /// Write the new file here instead of replacing FILE (never overwrites)
    #[arg(long, value_name = "NEWFILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub pin: PinArgs,
    /// Encrypt for old importers (3DES, SHA-1 MAC: macOS Keychain, old Windows)
    #[arg(long)]
    pub legacy: bool,
    /// PBKDF2 iteration count for the new file
    #[arg(long, value_name = "N")]
    pub iterations: Option<u32>,
    /// Do not ask for confirmation before replacing FILE
    #[arg(long)]
    pub yes: bool,
    /// Print one JSON object on stdout, nothing else
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The certificate file to back up
    pub file: PathBuf,
    /// Destination folder (default: choose a removable drive)
    pub dest_dir: Option<PathBuf>,
    /// File name of the copy (default: the original name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Also open the file with its PIN before copying
    #[arg(long)]
    pub verify_pin: bool,
    #[command(flatten)]
    pub pin: PinArgs,
    /// Replace an existing file of the same name
    #[arg(long)]
    pub force: bool,
    /// Print one JSON object on stdout, nothing else
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Folders to search (default: your home folder and removable drives)
    pub paths: Vec<PathBuf>,
    /// Offer to delete copies on fixed disks (asks for each; never the last copy)
    #[arg(long)]
    pub delete: bool,
    /// Also descend into other file systems
    #[arg(long)]
    pub cross_filesystems: bool,
    /// Print one JSON object on stdout, nothing else
    #[arg(long)]
    pub json: bool,
}

#[cfg(feature = "demo")]
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Folder for the demo's files (default: a new temporary folder)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print where the configuration file is
    Path,
    /// Print the settings in effect and where each comes from (never a secret)
    Show {
        /// Print one JSON object on stdout, nothing else
        #[arg(long)]
        json: bool,
    },
}

/// The entry point behind `main`.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // The language must be known before parsing: `--help` and usage errors are localized.
    let early = Prescan::of(&args);
    crate::ui::output::select_language(early.lang);
    crate::ui::output::setup_colour(early.color.unwrap_or(ColorChoice::Auto));
    // Ctrl-C restores the terminal and exits 130, wherever it comes (src/ui/prompt.rs).
    crate::ui::prompt::init();
    // No arguments on a terminal: the guided menu (src/commands/guided.rs).
    if args.len() == 1 && crate::ui::prompt::can_prompt() {
        return crate::commands::guided::main();
    }
    let mut cmd = command();
    if let Some(c) = early.color {
        cmd = cmd.color(c.into());
    }
    let cli = match cmd
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return report_usage_error(&e),
    };
    crate::ui::output::setup(&cli.global);
    let json = cli.command.wants_json();
    match run(cli) {
        Ok(code) => ExitCode::from(code.code()),
        Err(e) => {
            crate::ui::output::print_error(&e);
            if json {
                // Scripts asked for JSON: the error too, as one object with its stable kind.
                crate::ui::output::print_json(&serde_json::json!({
                    "error": {
                        "kind": e.kind(),
                        "exit_code": e.exit().code(),
                        "message": e.message(),
                        "recommendation": e.recommendation(),
                    }
                }));
            }
            ExitCode::from(e.exit().code())
        }
    }
}

/// Runs a parsed command line. Returns the exit code for outcomes that are not errors but are not
/// all well either (a failed check, an expiring certificate, stray copies).
impl Command {
    /// Whether the command was asked for `--json` output.
    pub fn wants_json(&self) -> bool {
        match self {
            Command::Download(a) => a.json,
            Command::Show(a) => a.json,
            Command::ChangePin(a) => a.json,
            Command::Backup(a) => a.json,
            Command::Scan(a) => a.json,
            _ => false,
        }
    }
}

pub fn run(cli: Cli) -> Result<crate::explain::Exit, Error> {
    use crate::commands;
    match cli.command {
        Command::Download(a) => commands::download::run(a),
        Command::Show(a) => commands::show::run(a),
        Command::ChangePin(a) => commands::change_pin::run(a),
        Command::Backup(a) => commands::backup::run(a),
        Command::Scan(a) => commands::scan::run(a),
        #[cfg(feature = "demo")]
        Command::Demo(a) => commands::demo::run(a),
        Command::Completions(a) => commands::meta::completions(a),
        Command::Man => commands::meta::man(),
        Command::Config(a) => commands::meta::config(a),
    }
}

/// What `main` needs before clap has parsed anything: the language for help and usage errors, and
/// whether clap may colour them. An invalid value is ignored here; clap reports it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Prescan {
    pub lang: Option<Lang>,
    pub color: Option<ColorChoice>,
}

impl Prescan {
    /// Looks for `--lang X`, `--lang=X`, `--color X`, `--color=X` before any `--`.
    pub fn of(args: &[OsString]) -> Prescan {
        let mut found = Prescan::default();
        let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
        while let Some(arg) = it.next() {
            if arg == "--" {
                break;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (arg, None),
            };
            if name != "--lang" && name != "--color" {
                continue;
            }
            let Some(value) = inline.or_else(|| it.next()) else {
                break;
            };
            if name == "--lang" {
                found.lang = found.lang.or_else(|| Lang::from_str(value, false).ok());
            } else {
                found.color = found
                    .color
                    .or_else(|| ColorChoice::from_str(value, false).ok());
            }
        }
        found
    }
}

impl From<ColorChoice> for clap::ColorChoice {
    fn from(c: ColorChoice) -> Self {
        match c {
            ColorChoice::Auto => clap::ColorChoice::Auto,
            ColorChoice::Always => clap::ColorChoice::Always,
            ColorChoice::Never => clap::ColorChoice::Never,
        }
    }
}

/// The clap command with every help line in the current language. `--help`, the completions and
/// the man page all come from it. Both languages' text lives in the Fluent files under `cli-…`
/// keys (see [`help_key_candidates`]); the doc comments above are only the fallback for an
/// argument that has no key yet, and `tests/cli.rs` fails while one is missing.
pub fn command() -> clap::Command {
    let mut cmd = localize(Cli::command(), "")
        .about(t!("cli-about"))
        .long_about(None)
        .after_help(exit_code_table())
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("cli-arg-version"))
                .display_order(998)
                .help_heading(t!("cli-heading-options")),
        );
    // clap adds the `help` subcommand while building: localize it afterwards.
    cmd.build();
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            *sub = sub.clone().about(t!("cli-help-about"));
        }
    }
    cmd
}

/// The Fluent keys that may hold the help of argument `id` of the command at `path` (subcommand
/// names joined by `-`, empty for the top level), most specific first. `_` in ids becomes `-`.
pub fn help_key_candidates(path: &str, id: &str) -> [String; 2] {
    let id = id.replace('_', "-");
    let specific = if path.is_empty() {
        format!("cli-{id}")
    } else {
        format!("cli-{path}-{id}")
    };
    [specific, format!("cli-arg-{id}")]
}

/// Japanese has no spaces for clap to wrap at: Japanese help goes on its own line under each
/// flag, wrapped by [`crate::ui::output::wrap_wide`] to fit [`HELP_WIDTH`] after clap's indent.
fn japanese_layout() -> bool {
    crate::i18n::current() == Lang::Ja
}

/// clap indents help on its own line by 10 columns.
const NEXT_LINE_HELP_INDENT: usize = 10;

fn wrap_help_text(text: String) -> String {
    if japanese_layout() {
        crate::ui::output::wrap_wide(&text, HELP_WIDTH - NEXT_LINE_HELP_INDENT)
    } else {
        text
    }
}

fn localize(cmd: clap::Command, path: &str) -> clap::Command {
    let options = t!("cli-heading-options");
    let arguments = t!("cli-heading-arguments");
    let mut cmd = cmd
        .next_line_help(japanese_layout())
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            t!("cli-heading-usage")
        ))
        .subcommand_help_heading(t!("cli-heading-commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help),
        );

    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for (order, id) in ids.into_iter().enumerate() {
        let text = help_key_candidates(path, &id)
            .iter()
            .find_map(|k| crate::i18n::lookup(k))
            .map(wrap_help_text);
        let (options, arguments) = (options.clone(), arguments.clone());
        cmd = cmd.mut_arg(&id, move |a| {
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            // A command's own arguments in the order they are declared; the global flags and
            // --help after them.
            let order = match (a.is_global_set(), a.get_id() == "help") {
                (_, true) => 999,
                (true, false) => 900 + order,
                (false, false) => order,
            };
            let a = a.help_heading(heading).display_order(order);
            match text {
                // The localized text names the default and the values itself: clap would add
                // them in English.
                Some(text) if a.get_action().takes_values() => a
                    .help(text)
                    .long_help(None)
                    .hide_default_value(true)
                    .hide_possible_values(true),
                Some(text) => a.help(text).long_help(None),
                None => a,
            }
        });
    }

    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| {
            let mut s = localize(s, &sub_path);
            if let Some(about) =
                crate::i18n::lookup(&format!("cli-{sub_path}-about")).map(wrap_help_text)
            {
                s = s.about(about).long_about(None);
            }
            if let Some(examples) = crate::i18n::lookup(&format!("cli-{sub_path}-examples")) {
                let body: Vec<String> = crate::ui::output::wrap_wide(&examples, HELP_WIDTH - 2)
                    .lines()
                    .map(|l| format!("  {l}"))
                    .collect();
                s = s.after_help(format!(
                    "{}:\n{}",
                    t!("cli-heading-examples"),
                    body.join("\n")
                ));
            }
            if let Some(codes) = command_exit_codes(&sub_path) {
                let after = match s.get_after_help() {
                    Some(h) => format!("{h}\n\n{codes}"),
                    None => codes,
                };
                s = s.after_help(after);
            }
            s
        });
    }
    cmd
}

/// Every exit code, in order: the table in `--help` and docs/exit-codes.md list exactly these
/// (`tests/cli.rs` checks both against `src/explain/mod.rs`).
pub const EXIT_CODES: [Exit; 29] = [
    Exit::Ok,
    Exit::Internal,
    Exit::Usage,
    Exit::WrongPin,
    Exit::NotPkcs12,
    Exit::Corrupt,
    Exit::Unsupported,
    Exit::NoPrivateKey,
    Exit::KeyMismatch,
    Exit::TooLarge,
    Exit::CheckFailed,
    Exit::Expired,
    Exit::ExpiresSoon,
    Exit::StrayCopies,
    Exit::LoginFailed,
    Exit::Locked,
    Exit::Blocked,
    Exit::Deleted,
    Exit::Revoked,
    Exit::Server,
    Exit::Network,
    Exit::Config,
    Exit::SaveFailed,
    Exit::Exists,
    Exit::ReadFailed,
    Exit::VerifyFailed,
    Exit::Cancelled,
    Exit::BadInput,
    Exit::Interrupted,
];

/// A few words on what an exit code means, in the current language.
pub fn exit_label(e: Exit) -> String {
    // An exhaustive match: a new exit code does not compile until it has a label.
    match e {
        Exit::Ok => t!("exit-ok"),
        Exit::Internal => t!("exit-internal"),
        Exit::Usage => t!("exit-usage"),
        Exit::WrongPin => t!("exit-wrong-pin"),
        Exit::NotPkcs12 => t!("exit-not-pkcs12"),
        Exit::Corrupt => t!("exit-corrupt"),
        Exit::Unsupported => t!("exit-unsupported"),
        Exit::NoPrivateKey => t!("exit-no-private-key"),
        Exit::KeyMismatch => t!("exit-key-mismatch"),
        Exit::TooLarge => t!("exit-too-large"),
        Exit::CheckFailed => t!("exit-check-failed"),
        Exit::Expired => t!("exit-expired"),
        Exit::ExpiresSoon => t!("exit-expires-soon"),
        Exit::StrayCopies => t!("exit-stray-copies"),
        Exit::LoginFailed => t!("exit-login-failed"),
        Exit::Locked => t!("exit-locked"),
        Exit::Blocked => t!("exit-blocked"),
        Exit::Deleted => t!("exit-deleted"),
        Exit::Revoked => t!("exit-revoked"),
        Exit::Server => t!("exit-server"),
        Exit::Network => t!("exit-network"),
        Exit::Config => t!("exit-config"),
        Exit::SaveFailed => t!("exit-save-failed"),
        Exit::Exists => t!("exit-exists"),
        Exit::ReadFailed => t!("exit-read-failed"),
        Exit::VerifyFailed => t!("exit-verify-failed"),
        Exit::Cancelled => t!("exit-cancelled"),
        Exit::BadInput => t!("exit-bad-input"),
        Exit::Interrupted => t!("exit-interrupted"),
    }
}

/// The exit codes a command lists in its own `--help`, for the commands whose outcome scripts
/// test (docs/exit-codes.md has the details).
fn command_exit_codes(path: &str) -> Option<String> {
    let (codes, note): (&[Exit], String) = match path {
        "show" => (
            &[
                Exit::Ok,
                Exit::WrongPin,
                Exit::NotPkcs12,
                Exit::Corrupt,
                Exit::Unsupported,
                Exit::NoPrivateKey,
                Exit::KeyMismatch,
                Exit::TooLarge,
                Exit::CheckFailed,
                Exit::Expired,
                Exit::ExpiresSoon,
                Exit::Config,
                Exit::ReadFailed,
                Exit::BadInput,
            ],
            t!("show-help-exit-order"),
        ),
        _ => return None,
    };
    let mut out = format!("{}:\n", t!("show-help-exit-codes"));
    for e in codes {
        out.push_str(&format!("{:>4} {}\n", e.code(), exit_label(*e)));
    }
    out.push_str(&note);
    Some(out)
}

/// Help lines are at most this wide, in terminal columns (a full-width character counts 2).
pub const HELP_WIDTH: usize = 79;

/// The exit codes for the top-level `--help`: two columns when they fit in [`HELP_WIDTH`].
pub fn exit_code_table() -> String {
    let cells: Vec<String> = EXIT_CODES
        .iter()
        .map(|&e| format!("{:>3} {}", e.code(), exit_label(e)))
        .collect();
    let rows = cells.len().div_ceil(2);
    let (left, right) = cells.split_at(rows);
    let left_width = left
        .iter()
        .map(|c| console::measure_text_width(c))
        .max()
        .unwrap_or(0);
    let right_width = right
        .iter()
        .map(|c| console::measure_text_width(c))
        .max()
        .unwrap_or(0);
    let mut out = format!("{}:\n", t!("cli-heading-exit-codes"));
    if left_width + 2 + right_width <= HELP_WIDTH {
        for (i, l) in left.iter().enumerate() {
            match right.get(i) {
                Some(r) => {
                    let pad = left_width + 2 - console::measure_text_width(l);
                    out.push_str(&format!("{l}{}{r}\n", " ".repeat(pad)));
                }
                None => out.push_str(&format!("{l}\n")),
            }
        }
    } else {
        for c in &cells {
            out.push_str(&format!("{c}\n"));
        }
    }
    out.push_str(&t!("cli-exit-codes-more"));
    out
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
    let mut err = std::io::stderr().lock();
    let label = console::style(t!("label-error")).for_stderr().red().bold();
    let _ = writeln!(err, "{label}: {}", usage_error_message(e));
    if let Some(usage) = context_text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        let _ = writeln!(err, "{}: {usage}", t!("cli-heading-usage"));
    }
    let hint = console::style(t!("label-hint")).for_stderr().yellow();
    let _ = writeln!(err, "{hint}: {}", t!("rec-cli-help"));
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
