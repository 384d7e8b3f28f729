//! The command lines gidcert's own texts show a member: the help's examples (both languages)
//! and the README's code blocks. tests/examples.rs checks that each parses (on every platform),
//! tests/examples_run.rs runs each against the mock server.

#![allow(dead_code)]

use std::path::Path;

use gidcert::i18n::{Lang, message_file};

/// One example: the words after `gidcert`, and the file its stdin or stdout is redirected to.
#[derive(Debug)]
pub struct Example {
    pub line: String,
    pub args: Vec<String>,
    pub stdin: Option<String>,
    pub stdout_redirected: bool,
}

impl Example {
    /// The command line as clap sees it: `gidcert` and the words.
    pub fn argv(&self) -> Vec<String> {
        std::iter::once("gidcert".to_owned())
            .chain(self.args.iter().cloned())
            .collect()
    }
}

/// The lines of `text` that are gidcert commands, without shell comments and `&&` tails.
pub fn examples_in(text: &str) -> Vec<Example> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("gidcert ") || *l == "gidcert")
        .map(|l| {
            let line = l.split(" #").next().unwrap().trim();
            let first = line.split("&&").next().unwrap();
            let (cmd, stdin) = match first.split_once('<') {
                Some((c, f)) => (c, Some(f.trim().to_owned())),
                None => (first, None),
            };
            let (cmd, stdout_redirected) = match cmd.split_once('>') {
                Some((c, _)) => (c, true),
                None => (cmd, false),
            };
            Example {
                line: line.to_owned(),
                args: cmd.split_whitespace().skip(1).map(str::to_owned).collect(),
                stdin,
                stdout_redirected,
            }
        })
        .collect()
}

/// The commands of every `cli-*-examples` message (the help's Examples sections) in `lang`.
pub fn help_examples(lang: Lang) -> Vec<Example> {
    let file = message_file(lang);
    let mut out = Vec::new();
    let mut in_examples = false;
    for line in file.lines() {
        if line.starts_with("cli-") {
            in_examples = line.contains("-examples");
            continue;
        }
        if in_examples {
            out.extend(examples_in(line));
        }
    }
    out
}

/// The gidcert commands in the README's code blocks (prose lines may start with "gidcert" too).
pub fn readme_examples() -> Vec<Example> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let code: String = readme
        .split("```")
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, block)| block)
        .collect::<Vec<_>>()
        .join("\n");
    examples_in(&code)
}
