//! The command line as a member sees it: exact output of `--help` and of usage errors in both
//! languages (trycmd cases in `tests/cmd/`), the 79-column limit, completions, the man page, the
//! exit-code table, and that each language prints only its own messages.
//!
//! To add a case: write `tests/cmd/NAME.toml` (see the others), run
//! `TRYCMD=overwrite cargo test --test cli`, and read the `.stdout`/`.stderr` it wrote.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use gidcert::i18n::{Lang, message_file};

const BIN: &str = env!("CARGO_BIN_EXE_gidcert");

/// A command line with a clean environment: no user configuration, no colour, and the locale
/// given (`C` or `ja_JP.UTF-8`).
fn gidcert(lang: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("GIDCERT_CONFIG", "/nonexistent/gidcert-test/config.toml")
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RUST_LOG")
        .env_remove("GIDCERT_SERVER")
        .env("LANG", lang)
        .output()
        .expect("run gidcert")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8"),
        String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8"),
    )
}

const EN: &str = "C";
const JA: &str = "ja_JP.UTF-8";

/// Every subcommand, as the user types it (including nested ones).
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_owned());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = vec![vec![]];
    walk(&gidcert::cli::command(), &[], &mut out);
    out
}

fn top_level_commands() -> Vec<String> {
    command_paths()
        .into_iter()
        .filter(|p| p.len() == 1)
        .map(|p| p[0].clone())
        .collect()
}

#[test]
fn snapshots() {
    trycmd::TestCases::new()
        .env("GIDCERT_CONFIG", "/nonexistent/gidcert-test/config.toml")
        .env("NO_COLOR", "1")
        // Empty locale variables are ignored, so each case's LANG decides.
        .env("LC_ALL", "")
        .env("LC_MESSAGES", "")
        .env("RUST_LOG", "")
        .case("tests/cmd/*.toml");
}

#[test]
fn every_help_fits_79_columns_in_both_languages() {
    let paths = command_paths();
    assert!(paths.len() >= 10, "commands: {paths:?}");
    for lang in [EN, JA] {
        for path in &paths {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push("--help");
            let o = gidcert(lang, &args);
            assert!(o.status.success(), "{lang} {args:?}: {o:?}");
            let (out, _) = text(&o);
            assert!(out.lines().count() > 3, "{lang} {args:?}: {out}");
            for line in out.lines() {
                let w = console::measure_text_width(line);
                assert!(w <= 79, "{lang} {args:?}: {w} columns: {line:?}");
            }
        }
    }
}

#[test]
fn every_command_but_the_generators_has_examples() {
    for lang in [EN, JA] {
        let heading = if lang == EN { "Examples:" } else { "例:" };
        for cmd in top_level_commands() {
            let (out, _) = text(&gidcert(lang, &[cmd.as_str(), "--help"]));
            assert!(
                out.contains(heading) && out.contains(&format!("gidcert {cmd}")),
                "{lang} {cmd} --help has no example:\n{out}"
            );
        }
    }
}

#[test]
fn every_argument_and_command_has_help_in_the_message_files() {
    // The in-process loader is English; i18n_keys.rs checks that ja has the same keys.
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            // Global flags are checked once, at the top level.
            if id == "version" || (!path.is_empty() && arg.is_global_set()) {
                continue;
            }
            let keys = gidcert::cli::help_key_candidates(path, id);
            if !keys.iter().any(|k| gidcert::i18n::lookup(k).is_some()) {
                missing.push(keys[0].clone());
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let sub_path = if path.is_empty() {
                sub.get_name().to_owned()
            } else {
                format!("{path}-{}", sub.get_name())
            };
            let about = format!("cli-{sub_path}-about");
            if gidcert::i18n::lookup(&about).is_none() {
                missing.push(about);
            }
            walk(sub, &sub_path, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&gidcert::cli::command(), "", &mut missing);
    assert!(
        missing.is_empty(),
        "add these keys to both i18n files: {missing:?}"
    );
}

#[test]
fn completions_for_every_shell_name_every_command() {
    let commands = top_level_commands();
    assert!(commands.contains(&"change-pin".to_owned()));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = gidcert(EN, &["completions", shell]);
        assert!(o.status.success(), "{shell}: {o:?}");
        let (out, err) = text(&o);
        assert!(err.is_empty(), "{shell} wrote to stderr: {err}");
        for c in &commands {
            assert!(out.contains(c.as_str()), "{shell} completions lack {c}");
        }
        assert!(out.contains("pin-file"), "{shell} completions lack flags");
    }
    let o = gidcert(EN, &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The completions offer folders where a folder goes (`--out`, `--backup-to`, the backup's
/// destination, scan's paths), files where a file goes, and no file names for a URL.
#[test]
fn completions_offer_folders_for_folders() {
    let o = gidcert(EN, &["completions", "zsh"]);
    let (zsh, _) = text(&o);
    let line = |start: &str| -> String {
        zsh.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in the zsh completions"))
            .to_owned()
    };
    for dir in [
        "'--out=[Folder to save",
        "'--backup-to=",
        "'--out=[Folder for the demo",
    ] {
        assert!(line(dir).ends_with(":_files -/' \\"), "{}", line(dir));
    }
    for file in ["'--ca-cert=", "'--pin-file=", "'--out=[Write the new file"] {
        assert!(line(file).ends_with(":_files' \\"), "{}", line(file));
    }
    assert!(
        line("'--server=").ends_with(":_urls' \\"),
        "{}",
        line("'--server=")
    );
    for positional in ["'::dest_dir -- ", "'*::paths -- "] {
        assert!(
            line(positional).contains(":_files -/'"),
            "{}",
            line(positional)
        );
    }
}

#[test]
fn man_page_names_every_command_in_both_languages() {
    for (lang, about) in [
        (EN, "Download the certificate"),
        (JA, "ダウンロードして保存"),
    ] {
        let o = gidcert(lang, &["man"]);
        assert!(o.status.success(), "{o:?}");
        let (out, _) = text(&o);
        // roff escapes hyphens.
        let out = out.replace("\\-", "-");
        assert!(out.contains(".TH gidcert"), "no title: {out}");
        for c in top_level_commands() {
            assert!(out.contains(&c), "man page lacks {c}");
        }
        assert!(out.contains(about), "{lang}: man page is not localized");
    }
}

/// `Name = code,` lines of the `Exit` enum in src/explain/mod.rs.
fn exit_codes_in_source() -> Vec<(String, u8)> {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/explain/mod.rs"))
            .expect("read src/explain/mod.rs");
    let start = src.find("pub enum Exit {").expect("enum Exit");
    let body = &src[start..start + src[start..].find("\n}").expect("end of enum")];
    body.lines()
        .filter_map(|l| {
            let (name, code) = l.trim().trim_end_matches(',').split_once(" = ")?;
            Some((name.to_owned(), code.parse().ok()?))
        })
        .collect()
}

#[test]
fn exit_codes_are_documented_everywhere() {
    let source = exit_codes_in_source();
    assert!(source.len() >= 28, "parsed {source:?}");
    // The list behind --help is the enum.
    let listed: Vec<u8> = gidcert::cli::EXIT_CODES.iter().map(|e| e.code()).collect();
    let in_source: Vec<u8> = source.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        listed, in_source,
        "cli::EXIT_CODES differs from src/explain/mod.rs"
    );

    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/exit-codes.md"))
            .expect("read docs/exit-codes.md");
    for (name, code) in &source {
        let row = format!("| {code} | `{name}` |");
        assert!(doc.contains(&row), "docs/exit-codes.md lacks the row {row}");
    }

    for lang in [EN, JA] {
        let (out, _) = text(&gidcert(lang, &["--help"]));
        for (name, code) in &source {
            let cell = format!("{code:>3} ");
            assert!(
                out.lines()
                    .any(|l| l.starts_with(&cell) || l.contains(&format!("  {cell}"))),
                "{lang} --help lacks exit code {code} ({name})"
            );
        }
    }
}

/// English message values long enough to be sentences, not names or codes.
fn english_sentences() -> BTreeSet<String> {
    message_file(Lang::En)
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.trim().to_owned()))
        .filter(|v| v.len() > 12 && v.contains(' ') && !v.contains("{ $"))
        .collect()
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

/// What a member sees for the commands that exist, on stdout and stderr, including errors.
const RUNS: &[&[&str]] = &[
    &["--help"],
    &["show", "--help"],
    &["download", "--help"],
    &["change-pin", "--help"],
    &["config", "show"],
    &["--lang", "fr", "show", "x.p12"],
    &["shw"],
    &["show"],
    &["show", "--warn-days", "soon", "x.p12"],
    &["show", "--pin-stdin", "--pin-file", "p", "x.p12"],
    // Error paths that need no certificate file or server (the ones that do are covered in
    // both languages by tests/examples_run.rs and tests/pty.rs, on a terminal).
    &["show", "/nonexistent/gidcert-test/x.p12"],
    &["show", "Cargo.toml"],
    &["show", "tests"],
    &["change-pin", "/nonexistent/gidcert-test/x.p12"],
    &[
        "backup",
        "/nonexistent/gidcert-test/x.p12",
        "/nonexistent/gidcert-test",
    ],
    &["scan", "/nonexistent/gidcert-test"],
    &["scan", "Cargo.toml"],
    &[
        "download",
        "--id",
        "9876543210",
        "--pin-stdin",
        "--out",
        ".",
    ],
    &[
        "download",
        "--server",
        "http://example.com",
        "--id",
        "9876543210",
        "--pin-stdin",
        "--out",
        ".",
    ],
    &["download", "--id", "ｑ７"],
    &["completions"],
    &["demo", "--help"],
];

#[test]
fn japanese_locale_prints_only_japanese_messages() {
    let english = english_sentences();
    assert!(english.len() > 40, "{}", english.len());
    for args in RUNS {
        let (out, err) = text(&gidcert(JA, args));
        let all = format!("{out}{err}");
        for s in &english {
            assert!(
                !all.contains(s.as_str()),
                "ja {args:?} printed English {s:?}:\n{all}"
            );
        }
        for english_label in ["Usage:", "Options:", "Commands:", "error:", "Print help"] {
            assert!(
                !all.contains(english_label),
                "ja {args:?}: {english_label}\n{all}"
            );
        }
        assert!(
            all.chars().any(is_kana),
            "ja {args:?} printed no Japanese:\n{all}"
        );
    }
}

#[test]
fn c_locale_prints_only_english_messages() {
    for args in RUNS {
        let (out, err) = text(&gidcert(EN, args));
        let all = format!("{out}{err}");
        let kana: String = all.chars().filter(|&c| is_kana(c)).collect();
        assert!(
            kana.is_empty(),
            "en {args:?} printed Japanese {kana:?}:\n{all}"
        );
        assert!(!all.trim().is_empty(), "en {args:?} printed nothing");
    }
}

#[test]
fn language_follows_lang_flag_then_config_then_locale() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "lang = \"ja\"\n").unwrap();
    let run = |lang: &str, args: &[&str]| {
        let o = Command::new(BIN)
            .args(args)
            .env("GIDCERT_CONFIG", &cfg)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(run(EN, &["--help"]).contains("使い方:"), "config lang = ja");
    assert!(run(JA, &["--lang", "en", "--help"]).contains("Usage:"));
    assert!(run(EN, &["--lang=en", "--help"]).contains("Usage:"));
    // LC_ALL beats LANG.
    let o = Command::new(BIN)
        .arg("--help")
        .env("GIDCERT_CONFIG", dir.path().join("none.toml"))
        .env("LC_ALL", "ja_JP.UTF-8")
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(String::from_utf8(o.stdout).unwrap().contains("使い方:"));
}

#[test]
fn no_color_and_color_never_print_no_escape_codes() {
    for args in [&["--color", "always", "shw"][..], &["shw"]] {
        let o = gidcert(JA, args);
        let (_, err) = text(&o);
        let coloured = err.contains('\u{1b}');
        assert_eq!(coloured, args.contains(&"always"), "{args:?}: {err:?}");
    }
    let o = Command::new(BIN)
        .args(["--color", "never", "--help"])
        .env("GIDCERT_CONFIG", "/nonexistent/c.toml")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!String::from_utf8(o.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn config_show_json_is_one_object_and_hides_credentials() {
    let o = Command::new(BIN)
        .args(["config", "show", "--json"])
        .env("GIDCERT_CONFIG", "/nonexistent/gidcert-test/config.toml")
        .env("GIDCERT_SERVER", "https://member:s3cret@dl.example.jp/")
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let (out, err) = text(&o);
    assert!(err.is_empty(), "{err}");
    assert!(!out.contains("s3cret") && !out.contains("member:"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["server"]["value"], "https://***@dl.example.jp/");
    assert_eq!(v["server"]["source"], "environment");
    assert_eq!(v["file_exists"], false);
    assert_eq!(v["lang"]["value"], "en");
    assert_eq!(v["save_dir"]["source"], "unset");
}

#[test]
fn an_invalid_config_file_is_reported_by_config_show_not_by_help() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "servr = \"https://x\"\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("GIDCERT_CONFIG", &cfg)
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .output()
            .unwrap()
    };
    assert!(run(&["--help"]).status.success());
    let o = run(&["config", "show"]);
    assert_eq!(o.status.code(), Some(27));
    let (_, err) = text(&o);
    assert!(
        err.contains("is not valid") && err.contains("config.toml"),
        "{err}"
    );
}

/// Every error case in `tests/cmd/` of a command (not a usage error, exit 2) says what happened
/// and what to do, in its own language, and prints nothing on stdout.
#[test]
fn command_error_snapshots_say_what_happened_and_what_to_do() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/cmd") {
        let toml_path = entry.unwrap().path();
        if toml_path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let case: toml::Value =
            toml::from_str(&std::fs::read_to_string(&toml_path).unwrap()).unwrap();
        let code = case
            .get("status")
            .and_then(|s| s.get("code"))
            .and_then(toml::Value::as_integer)
            .unwrap_or(0);
        if code == 0 || code == 2 {
            continue;
        }
        let lang = case["env"]["add"]["LANG"].as_str().unwrap_or("C");
        let (error, what_to_do) = if lang == JA {
            ("エラー: ", "対処: ")
        } else {
            ("error: ", "what to do: ")
        };
        let stderr = std::fs::read_to_string(toml_path.with_extension("stderr")).unwrap();
        let stdout = std::fs::read_to_string(toml_path.with_extension("stdout")).unwrap();
        let name = toml_path.display();
        assert!(stderr.starts_with(error), "{name}: {stderr}");
        assert!(
            stderr.lines().any(|l| l.starts_with(what_to_do)),
            "{name} does not say what to do: {stderr}"
        );
        assert!(stdout.is_empty(), "{name} printed on stdout: {stdout}");
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} error cases");
}
