//! The command line: clap definitions (the one source of `--help`, completions and the man page)
//! and the dispatch to `commands::*`. Nothing is done while parsing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::Error;
use crate::i18n::Lang;

const EXIT_CODES_HELP: &str = "\
Exit codes (all commands; see docs/exit-codes.md):
  0 ok                      20 login refused (wrong ID or PIN)
  1 internal error (bug)    21 locked (too many wrong PINs)
  2 usage error             22 blocked (ask the association)
  3 wrong PIN               23 deleted by the server
  4 not a PKCS#12 file      24 revoked
  5 corrupt or truncated    25 server error / bad answer
  6 unsupported algorithm   26 network or TLS error
  7 no private key          27 no server configured
  8 key does not match      30 could not write a file
  9 file too large          31 file exists (see --force)
 10 a check failed          32 could not read a file
 11 expired                 33 written file did not verify
 12 expires soon            40 cancelled
 13 stray copies found      41 bad or missing input";

const SHOW_EXIT_CODES_HELP: &str = "\
Exit codes of show (all codes: docs/exit-codes.md):
  0 every check passed
  3 wrong PIN
  4 not a PKCS#12 file; 5 corrupt; 6 unsupported; 9 too large
  7 the file holds no private key
  8 the private key does not match the certificate
 10 a check failed (issuer, O, C or user ID)
 11 expired, or not yet valid
 12 expires within --warn-days days
 27 unknown --profile or invalid profiles.toml
 32 the file could not be read
When several checks fail, the lowest of 7, 8, 10, 11, 12 is returned.";

/// gidcert – get and look after the SECOM Passport for G-ID certificate
/// (司法書士電子証明書).
#[derive(Debug, Parser)]
#[command(name = "gidcert", version, about, after_help = EXIT_CODES_HELP, max_term_width = 79)]
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
    #[command(after_help = SHOW_EXIT_CODES_HELP)]
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
}

/// The entry point behind `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout with 0 and usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    crate::output::setup(&cli.global);
    match run(cli) {
        Ok(code) => ExitCode::from(code.code()),
        Err(e) => {
            crate::output::print_error(&e);
            ExitCode::from(e.exit().code())
        }
    }
}

/// Runs a parsed command line. Returns the exit code for outcomes that are not errors but are not
/// all well either (a failed check, an expiring certificate, stray copies).
pub fn run(cli: Cli) -> Result<crate::error::Exit, Error> {
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
