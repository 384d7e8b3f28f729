//! Every example the help shows (`cli-*-examples` in both languages) and every gidcert command in
//! the README is a command line the real parser accepts: an example that no longer parses is the
//! first thing a member would copy.

#[path = "common/examples.rs"]
mod examples;

use clap::Parser as _;
use examples::{help_examples, readme_examples};
use gidcert::cli::Cli;
use gidcert::i18n::Lang;

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
