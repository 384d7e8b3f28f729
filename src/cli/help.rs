//! The localized `--help`: every help line from the Fluent files, Japanese laid out for its lack
//! of spaces, the exit-code tables. `--help`, the completions and the man page all come from
//! [`command`].

use clap::{Arg, ArgAction, CommandFactory};

use super::Cli;
use crate::explain::Exit;
use crate::i18n::Lang;
use crate::t;

/// The clap command with every help line in the current language. `--help`, the completions and
/// the man page all come from it. Both languages' text lives in the Fluent files under `cli-…`
/// keys (see [`help_key_candidates`]); the doc comments above are only the fallback for an
/// argument that has no key yet, and `tests/cli.rs` fails while one is missing.
pub fn command() -> clap::Command {
    let mut cmd = localize(Cli::command(), "")
        // Usage lines say `gidcert`, what a member types, also on Windows (else clap takes the
        // program's file name: `gidcert.exe download …`).
        .bin_name("gidcert")
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

crate::labels! {
    /// A few words on what an exit code means, in the current language.
    pub fn exit_label(Exit) {
        Ok => "exit-ok",
        Internal => "exit-internal",
        Usage => "exit-usage",
        WrongPin => "exit-wrong-pin",
        NotPkcs12 => "exit-not-pkcs12",
        Corrupt => "exit-corrupt",
        Unsupported => "exit-unsupported",
        NoPrivateKey => "exit-no-private-key",
        KeyMismatch => "exit-key-mismatch",
        TooLarge => "exit-too-large",
        CheckFailed => "exit-check-failed",
        Expired => "exit-expired",
        ExpiresSoon => "exit-expires-soon",
        StrayCopies => "exit-stray-copies",
        LoginFailed => "exit-login-failed",
        Locked => "exit-locked",
        Blocked => "exit-blocked",
        Deleted => "exit-deleted",
        Revoked => "exit-revoked",
        Server => "exit-server",
        Network => "exit-network",
        Config => "exit-config",
        SaveFailed => "exit-save-failed",
        Exists => "exit-exists",
        ReadFailed => "exit-read-failed",
        VerifyFailed => "exit-verify-failed",
        Cancelled => "exit-cancelled",
        BadInput => "exit-bad-input",
        Interrupted => "exit-interrupted",
    }
}

/// The exit codes a command lists in its own `--help`, for the commands whose outcome scripts
/// test (docs/exit-codes.md has the details).
fn command_exit_codes(path: &str) -> Option<String> {
    let (codes, note): (Vec<Exit>, String) = match path {
        // The certificate file's codes, the checks', and the three a show of a file can end with.
        "show" => (
            EXIT_CODES
                .iter()
                .copied()
                .filter(|e| matches!(e.code(), 0 | 3..=12 | 27 | 32 | 41))
                .collect(),
            t!("show-help-exit-order"),
        ),
        _ => return None,
    };
    let mut out = format!("{}:\n", t!("show-help-exit-codes"));
    for e in codes {
        out.push_str(&format!("{:>4} {}\n", e.code(), exit_label(e)));
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

/// The shell completions, generated from [`command`] (so in the language in use).
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "gidcert", &mut out);
    out
}

/// The man page (roff), generated from [`command`].
pub fn man_page() -> Vec<u8> {
    let mut out = Vec::new();
    // Rendering into a Vec cannot fail: the only errors clap_mangen reports are the writer's.
    let _ = clap_mangen::Man::new(command()).render(&mut out);
    out
}
