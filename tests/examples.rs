//! Every example the help shows (`cli-*-examples` in both languages) and every gidcert command in
//! the README is a command line the real parser accepts: an example that no longer parses is the
//! first thing a member would copy.

#[path = "common/examples.rs"]
mod examples;

use clap::FromArgMatches as _;
use examples::{help_examples, readme_examples};
use gidcert::cli::Cli;
use gidcert::i18n::Lang;

fn assert_parses(args: &[String], whence: &str) {
    if args.len() == 1 {
        // `gidcert` alone: the guided menu on a terminal, usage otherwise (tested in tests/pty.rs).
        return;
    }
    assert_read_alike(args);
    if let Err(e) = gidcert::cli::parse(&os(args), None) {
        panic!("{whence}: `{}` does not parse: {e}", args.join(" "));
    }
}

fn os(args: &[String]) -> Vec<std::ffi::OsString> {
    args.iter().map(Into::into).collect()
}

/// `cli::parse` reads a line with the plain clap command and builds the localized one only when
/// the plain one refuses it: both must accept the same lines, giving the same values, and refuse
/// the same lines, for the same reason.
fn assert_read_alike(args: &[String]) {
    use clap::CommandFactory as _;
    let read = |cmd: clap::Command| {
        cmd.try_get_matches_from(os(args))
            .and_then(|m| Cli::from_arg_matches(&m))
            .map(|cli| format!("{cli:?}"))
            .map_err(|e| e.kind())
    };
    let plain = read(Cli::command());
    let localized = read(gidcert::cli::command());
    assert_eq!(plain, localized, "`{}`", args.join(" "));
    let parsed = gidcert::cli::parse(&os(args), None)
        .map(|cli| format!("{cli:?}"))
        .map_err(|e| e.kind());
    assert_eq!(parsed, localized, "`{}`", args.join(" "));
}

/// Lines both commands must read alike besides the examples: help and version in every place,
/// usage errors of each kind, global flags before and after the command, `--`.
#[test]
fn plain_and_localized_commands_read_odd_lines_alike() {
    let lines: &[&str] = &[
        "gidcert --help",
        "gidcert -h",
        "gidcert --version",
        "gidcert -V",
        "gidcert --lang ja --version",
        "gidcert show --version",
        "gidcert show -V",
        "gidcert show --help",
        "gidcert show -h f.p12",
        "gidcert help",
        "gidcert help show",
        "gidcert help nothing",
        "gidcert change-pin --help",
        "gidcert show",
        "gidcert show a.p12 b.p12",
        "gidcert show --bogus a.p12",
        "gidcert shwo a.p12",
        "gidcert show a.p12 --warn-days x",
        "gidcert show a.p12 --lang fr",
        "gidcert show a.p12 --lang ja --color never -vv",
        "gidcert --lang=ja --color=always show a.p12",
        "gidcert show -- --help",
        "gidcert download --pin-stdin --pin-file p",
        "gidcert scan",
        "gidcert scan a b --delete --json",
        "gidcert config",
        "gidcert config show --json",
        "gidcert completions bash",
        "gidcert completions nosh",
        "gidcert man",
        "gidcert man extra",
        "gidcert -v",
    ];
    for line in lines {
        let args: Vec<String> = line.split(' ').map(str::to_owned).collect();
        assert_read_alike(&args);
    }
    // Not all of them parse: the table has both kinds.
    let ok = lines
        .iter()
        .filter(|l| {
            gidcert::cli::parse(
                &os(&l.split(' ').map(str::to_owned).collect::<Vec<_>>()),
                None,
            )
            .is_ok()
        })
        .count();
    assert!(
        ok >= 5 && ok + 10 <= lines.len(),
        "{ok} of {} parse",
        lines.len()
    );
}

#[test]
fn every_help_example_parses() {
    let mut n = 0;
    for lang in [Lang::En, Lang::Ja] {
        for e in help_examples(lang) {
            assert_parses(&e.argv(), &format!("{lang:?} help example"));
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} examples found");
}

#[test]
fn every_readme_command_parses() {
    let lines = readme_examples();
    assert!(lines.len() >= 3, "{lines:?}");
    for e in lines {
        assert_parses(&e.argv(), "README");
    }
}
