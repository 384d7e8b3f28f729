//! Every example the help shows (`cli-*-examples` in both languages) and every gidcert command in
//! the README is a command line the real parser accepts: an example that no longer parses is the
//! first thing a member would copy.

use std::path::Path;

use clap::Parser as _;
use gidcert::cli::Cli;
use gidcert::i18n::{Lang, message_file};

/// The gidcert command lines in `text` (lines starting with `gidcert `), without shell comments,
/// redirections and `&&` tails.
fn command_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("gidcert ") || *l == "gidcert")
        .map(|l| {
            let l = l.split(" #").next().unwrap();
            let l = l.split(['>', '<']).next().unwrap();
            let l = l.split("&&").next().unwrap();
            l.split_whitespace().map(str::to_owned).collect()
        })
        .collect()
}

fn assert_parses(args: &[String], whence: &str) {
    if args.len() == 1 {
        // `gidcert` alone: the guided menu on a terminal, usage otherwise (tested in tests/pty.rs).
        return;
    }
    if let Err(e) = Cli::try_parse_from(args) {
        panic!("{whence}: `{}` does not parse: {e}", args.join(" "));
    }
}

#[test]
fn every_help_example_parses() {
    let mut n = 0;
    for lang in [Lang::En, Lang::Ja] {
        let file = message_file(lang);
        let mut in_examples = false;
        for line in file.lines() {
            if line.starts_with("cli-") {
                in_examples = line.contains("-examples");
                continue;
            }
            if in_examples {
                for args in command_lines(line) {
                    assert_parses(&args, &format!("{lang:?} help example"));
                    n += 1;
                }
            }
        }
    }
    assert!(n >= 20, "only {n} examples found");
}

#[test]
fn every_readme_command_parses() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    // Only the code blocks: prose lines may start with "gidcert" too.
    let code: String = readme
        .split("```")
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, block)| block)
        .collect::<Vec<_>>()
        .join("\n");
    let lines = command_lines(&code);
    assert!(lines.len() >= 3, "{lines:?}");
    for args in lines {
        assert_parses(&args, "README");
    }
}
