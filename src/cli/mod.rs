//! The command line: clap definitions (the one source of `--help`, completions and the man page),
//! and the conversion of what was typed into each command's typed options. Nothing is done while
//! parsing; [`crate::app`] dispatches. The localized help lives in [`help`].

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::i18n::Lang;

pub mod help;

pub use help::{EXIT_CODES, HELP_WIDTH, command, exit_code_table, exit_label, help_key_candidates};

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
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub pin_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Download server (else GIDCERT_SERVER, else the config file)
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url)]
    pub server: Option<String>,
    /// Trust exactly this CA certificate (PEM) for the server, not the system store
    #[arg(long, value_name = "PEM", value_hint = ValueHint::FilePath)]
    pub ca_cert: Option<PathBuf>,
    /// Identification number (識別番号) from the notice
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// User ID from the notice; the certificate's UID must equal it
    #[arg(long, value_name = "UID")]
    pub expect_uid: Option<String>,
    /// Folder to save the file in
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// File name (default: <user ID>_<YYYYMMDDhhmmss>.p12)
    #[arg(long, value_name = "NAME")]
    pub file_name: Option<String>,
    #[command(flatten)]
    pub pin: PinArgs,
    /// Also make a verified backup copy in this folder
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
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
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    #[command(flatten)]
    pub pin: PinArgs,
    /// User ID from the notice; the certificate's UID must equal it
    #[arg(long, value_name = "UID")]
    pub expect_uid: Option<String>,
    /// Warn when the certificate expires within N days
    #[arg(long, value_name = "N", default_value_t = crate::certview::DEFAULT_WARN_DAYS)]
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
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Write the new file here instead of replacing FILE (never overwrites)
    #[arg(long, value_name = "NEWFILE", value_hint = ValueHint::FilePath)]
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
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Destination folder (default: choose a removable drive)
    #[arg(value_hint = ValueHint::DirPath)]
    pub dest_dir: Option<PathBuf>,
    /// File name of the copy (default: the original name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Also open the file with its PIN before copying (as --pin-stdin and --pin-file do)
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
    #[arg(value_hint = ValueHint::DirPath)]
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
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
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

/// Parses a command line. The plain command ([`Cli::command`]: the same arguments, help in the
/// doc comments' English) parses it first; only when it refuses the line (help, the version, a
/// usage error: something is to be printed) is the localized [`command`] built, and its answer
/// is the one returned. Building the localized command looks up and lays out every help line of
/// every command, which took longer than the rest of a quick `gidcert show`
/// (docs/benchmarks.md). The two differ only in what they print: `help::localize` changes
/// texts, headings, order and layout and replaces `--help`/`--version` by flags of the same
/// names and actions; `tests/examples.rs` checks that both read every example and a table of odd
/// lines alike.
pub fn parse(args: &[OsString], color: Option<ColorChoice>) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let plain = Cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    if plain.is_ok() {
        return plain;
    }
    let mut cmd = command();
    if let Some(c) = color {
        cmd = cmd.color(c.into());
    }
    cmd.try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
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

// ---- what was typed → typed options ----------------------------------------------------------

impl PinArgs {
    /// Whether a PIN source was named (`--pin-stdin` or `--pin-file`), whatever it turns into.
    pub fn is_given(&self) -> bool {
        self.pin_stdin || self.pin_file.is_some()
    }
}

/// `--pin-stdin` with a terminal on stdin is the hidden prompt: typed on a terminal, a PIN must
/// not be echoed.
impl From<PinArgs> for crate::ui::input::PinSource {
    fn from(p: PinArgs) -> Self {
        use std::io::IsTerminal as _;
        match (p.pin_stdin, p.pin_file) {
            (_, Some(f)) => crate::ui::input::PinSource::File(f),
            (true, None) if std::io::stdin().is_terminal() => crate::ui::input::PinSource::Prompt,
            (true, None) => crate::ui::input::PinSource::Stdin,
            (false, None) => crate::ui::input::PinSource::Prompt,
        }
    }
}

/// `From<XArgs> for commands::x::Options`: the same fields, the PIN flags made a [`PinSource`].
///
/// [`PinSource`]: crate::ui::input::PinSource
macro_rules! options_from {
    ($args:ident => $module:ident with pin { $($field:ident),* }) => {
        impl From<$args> for crate::commands::$module::Options {
            fn from(a: $args) -> Self {
                crate::commands::$module::Options { pin: a.pin.into(), $($field: a.$field),* }
            }
        }
    };
    ($args:ident => $module:ident { $($field:ident),* }) => {
        impl From<$args> for crate::commands::$module::Options {
            fn from(a: $args) -> Self {
                crate::commands::$module::Options { $($field: a.$field),* }
            }
        }
    };
}

options_from!(DownloadArgs => download with pin { server, ca_cert, id, expect_uid, out, file_name, backup_to, force, json });
options_from!(ShowArgs => show with pin { file, expect_uid, warn_days, profile, json });
options_from!(ChangePinArgs => change_pin with pin { file, out, legacy, iterations, yes, json });
options_from!(ScanArgs => scan { paths, delete, cross_filesystems, json });

/// A PIN given with `--pin-stdin` or `--pin-file` is a PIN to check: `backup` opens the file with
/// it as `--verify-pin` asks, rather than ignore it.
impl From<BackupArgs> for crate::commands::backup::Options {
    fn from(a: BackupArgs) -> Self {
        crate::commands::backup::Options {
            verify_pin: (a.verify_pin || a.pin.is_given()).then(|| a.pin.into()),
            file: a.file,
            dest_dir: a.dest_dir,
            name: a.name,
            force: a.force,
            json: a.json,
        }
    }
}
