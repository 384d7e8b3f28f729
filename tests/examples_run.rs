//! Every example that `--help` shows (`cli-*-examples`, both languages) and every gidcert command
//! in the README, run as a member would type it, on a terminal, against the real mock server over
//! HTTPS – and what each must have done checked afterwards (a file saved, a PIN changed, a copy
//! made, a copy found), with the transcript in one language only.
//!
//! The examples name a Windows member's drives; this machine stands in for them: `E:\` is one
//! USB stick and `/media/usb` another (both removable through `GIDCERT_REMOVABLE`), `C:\Users` is
//! the home folder, and `cert.p12` is the file the mock server serves, in the working folder. The
//! server is set as a member sets it (`GIDCERT_SERVER`) and its CA is in the "system" trust store
//! (`SSL_CERT_FILE`, which rustls-native-certs reads): the examples run exactly as printed, with
//! no `--server` or `--ca-cert` added. Every question is answered as the member would: the PIN
//! of the notice, a new PIN twice, yes (in the member's language) to each confirmation, the USB
//! stick in a folder menu, "quit" in the main menu.

#![cfg(unix)]

#[path = "common/cmd.rs"]
mod cmd;
#[path = "common/examples.rs"]
mod examples;
#[path = "common/term.rs"]
mod term;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use examples::{Example, examples_in, help_examples, readme_examples};
use gidcert::i18n::{Lang, message_file};
use gidcert_mock_server::{Account, Config, MockServer};

/// The account the examples name: identification number and user ID as printed in them.
const ID: &str = "9876543210";
const UID: &str = "ABC12345";
const PIN: &str = "q7w8e9r0";
const NEW_PIN: &str = "n3wp1n42";

/// The file name the README's member example uses on the USB stick.
const README_FILE: &str = "ABC12345_20260401093000.p12";

/// A message of `lang`'s file, up to its first placeable.
fn msg(lang: Lang, key: &str) -> String {
    let file = message_file(lang);
    let v = file
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(" = "))
        .unwrap_or_else(|| panic!("no message {key}"));
    v.split('{').next().unwrap().to_owned()
}

/// The pretend machine of one example: a home folder (with the working folder in it), two USB
/// sticks, and the served certificate in the places the examples name.
struct Machine {
    _dir: tempfile::TempDir,
    config: PathBuf,
    home: PathBuf,
    work: PathBuf,
    usb_e: PathBuf,
    usb_media: PathBuf,
}

impl Machine {
    fn new(served: &[u8]) -> Machine {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let work = home.join("work");
        let usb_e = dir.path().join("usb-e");
        let usb_media = dir.path().join("usb-media");
        for d in [&work, &usb_e, &usb_media, &home.join("Downloads")] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(work.join("cert.p12"), served).unwrap();
        std::fs::write(work.join("pin.txt"), format!("{PIN}\n")).unwrap();
        std::fs::write(usb_e.join(README_FILE), served).unwrap();
        // A stray copy, as a mail attachment saved to Downloads leaves one.
        std::fs::write(home.join("Downloads").join("cert (1).p12"), served).unwrap();
        Machine {
            config: dir.path().join("config").join("config.toml"),
            _dir: dir,
            home,
            work,
            usb_e,
            usb_media,
        }
    }

    /// An argument as this machine spells it.
    fn map(&self, arg: &str) -> String {
        let s = |p: &Path| p.to_str().unwrap().to_owned();
        if let Some(rest) = arg.strip_prefix("E:\\") {
            s(&self.usb_e.join(rest))
        } else if arg == "/media/usb" {
            s(&self.usb_media)
        } else if arg == "C:\\Users" {
            s(&self.home)
        } else {
            arg.to_owned()
        }
    }

    fn command(&self, server: &MockServer, ca: &Path, locale: &str, args: &[String]) -> Command {
        let mut c = cmd::gidcert_with_config(&self.config);
        c.args(args)
            .current_dir(&self.work)
            .env("GIDCERT_SERVER", server.url())
            .env("SSL_CERT_FILE", ca)
            .env_remove("SSL_CERT_DIR")
            .env(
                "GIDCERT_REMOVABLE",
                std::env::join_paths([&self.usb_e, &self.usb_media]).unwrap(),
            )
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("NO_COLOR", "1")
            .env("LANG", locale);
        c
    }

    fn p12s(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "p12"))
            .collect();
        v.sort();
        v
    }
}

/// What one run gave.
struct Outcome {
    code: i32,
    /// The terminal transcript (stdout and stderr together), or stdout when it was redirected.
    seen: String,
}

/// The questions gidcert asks, in `lang`, most specific first (the current-PIN prompt ends with
/// the plain PIN prompt's text).
struct Questions {
    needles: Vec<String>,
    lang: Lang,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Q {
    OldPin,
    NewPinAgain,
    NewPin,
    Pin,
    Id,
    Uid,
    UidAgain,
    Number,
    NumberDefault,
    YesNo,
    Path,
    File,
}

const QUESTIONS: &[(Q, &str)] = &[
    (Q::OldPin, "prompt-old-pin"),
    (Q::NewPinAgain, "prompt-new-pin-again"),
    (Q::NewPin, "prompt-new-pin"),
    (Q::Pin, "prompt-pin"),
    (Q::Id, "dl-prompt-id"),
    (Q::UidAgain, "dl-prompt-uid-again"),
    (Q::Uid, "dl-prompt-uid"),
    (Q::Number, "prompt-number"),
    (Q::NumberDefault, "prompt-number-default"),
    (Q::YesNo, "prompt-yes-no"),
    (Q::YesNo, "prompt-yes-no-default-yes"),
    (Q::YesNo, "prompt-yes-no-default-no"),
    (Q::Path, "dl-prompt-path"),
    (Q::File, "menu-ask-file"),
];

impl Questions {
    fn new(lang: Lang) -> Questions {
        let needles = QUESTIONS
            .iter()
            .map(|(q, key)| {
                let m = msg(lang, key);
                match q {
                    // Hidden PIN prompts: "<text>: ".
                    Q::OldPin | Q::NewPinAgain | Q::NewPin | Q::Pin => format!("{m}: "),
                    _ => m,
                }
            })
            .collect();
        Questions { needles, lang }
    }
}

/// The number of the entry of the menu just shown whose line contains `wanted`.
fn menu_entry(seen: &str, wanted: &str) -> Option<String> {
    let last_menu: Vec<&str> = seen
        .lines()
        .rev()
        .skip(1)
        .take_while(|l| {
            l.trim_start()
                .split_once(") ")
                .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
        })
        .collect();
    last_menu
        .iter()
        .find(|l| l.contains(wanted))
        .map(|l| l.trim_start().split_once(')').unwrap().0.to_owned())
}

/// Runs `example` on a terminal (or with its redirection), answering every question.
fn run(
    example: &Example,
    machine: &Machine,
    server: &MockServer,
    ca: &Path,
    locale: &str,
    lang: Lang,
) -> Outcome {
    let args: Vec<String> = example.args.iter().map(|a| machine.map(a)).collect();
    let mut c = machine.command(server, ca, locale, &args);
    if example.stdin.is_some() || example.stdout_redirected {
        if let Some(f) = &example.stdin {
            c.stdin(std::fs::File::open(machine.work.join(f)).unwrap());
        } else {
            c.stdin(Stdio::null());
        }
        let o = c.output().unwrap();
        return Outcome {
            code: o.status.code().expect("exited"),
            seen: format!(
                "{}{}",
                String::from_utf8(o.stdout).unwrap(),
                String::from_utf8(o.stderr).unwrap()
            ),
        };
    }
    let questions = Questions::new(lang);
    let yes = msg(lang, "prompt-yes");
    // The folder a menu of destinations should take: the other USB stick for a backup of the file
    // on E:, else E:.
    let wanted_folder = if args.first().is_some_and(|a| a == "backup") {
        machine.usb_media.clone()
    } else {
        machine.usb_e.clone()
    };
    let quit = msg(lang, "menu-quit");
    let mut p = term::spawn(c);
    let mut seen = String::new();
    for _ in 0..40 {
        let Some(i) = term::expect_any(
            &mut p,
            &mut seen,
            &questions.needles,
            &example.line,
            &[PIN, NEW_PIN],
        ) else {
            let code = term::exit_code(&mut p);
            return Outcome { code, seen };
        };
        match QUESTIONS[i].0 {
            Q::OldPin | Q::Pin => term::type_pin(&mut p, PIN),
            Q::NewPin | Q::NewPinAgain => term::type_pin(&mut p, NEW_PIN),
            Q::Id => drop(p.send_line(ID).unwrap()),
            Q::Uid => drop(p.send_line(UID).unwrap()),
            Q::YesNo => drop(p.send_line(&yes).unwrap()),
            Q::Number | Q::NumberDefault => {
                if QUESTIONS[i].0 == Q::NumberDefault {
                    // The rest of "Number [1]:".
                    let tail = message_file(questions.lang)
                        .lines()
                        .find_map(|l| l.strip_prefix("prompt-number-default = "))
                        .and_then(|v| v.rsplit_once('}'))
                        .map(|(_, t)| t.to_owned())
                        .unwrap();
                    term::expect_any(&mut p, &mut seen, &[tail], &example.line, &[PIN, NEW_PIN])
                        .expect("the number prompt");
                }
                let pick = menu_entry(&seen, wanted_folder.to_str().unwrap())
                    .or_else(|| menu_entry(&seen, &quit))
                    .unwrap_or_else(|| {
                        panic!("{}: a menu with no entry to take:\n{seen}", example.line)
                    });
                p.send_line(&pick).unwrap();
            }
            Q::UidAgain | Q::Path | Q::File => {
                panic!(
                    "{}: unexpected question {:?}:\n{seen}",
                    example.line, QUESTIONS[i].0
                )
            }
        }
    }
    panic!("{}: more than 40 questions:\n{seen}", example.line);
}

/// What each example must have done, besides its exit code.
fn check(example: &Example, machine: &Machine, served: &[u8], out: &Outcome, whence: &str) {
    let args: Vec<&str> = example.args.iter().map(String::as_str).collect();
    let ctx = format!(
        "{whence} `{}`: exit {}\n{}",
        example.line, out.code, out.seen
    );
    assert!(
        !out.seen.contains(PIN) && !out.seen.contains(NEW_PIN),
        "{whence} `{}`: a PIN was printed",
        example.line
    );
    let has = |flag: &str| args.contains(&flag);
    let value = |flag: &str| {
        args.iter()
            .position(|a| *a == flag)
            .map(|i| machine.map(args[i + 1]))
    };
    match args.first().copied() {
        None => assert_eq!(out.code, 0, "{ctx}"),
        Some("download") => {
            assert_eq!(out.code, 0, "{ctx}");
            let saved: Vec<_> = Machine::p12s(&machine.usb_e)
                .into_iter()
                .filter(|p| !p.ends_with(README_FILE))
                .collect();
            assert_eq!(saved.len(), 1, "{ctx}");
            let name = saved[0].file_name().unwrap().to_str().unwrap();
            assert!(name.starts_with(&format!("{UID}_")), "{ctx}");
            assert!(std::fs::read(&saved[0]).unwrap() == served, "{ctx}");
            if let Some(b) = value("--backup-to") {
                let copies = Machine::p12s(Path::new(&b));
                assert_eq!(copies.len(), 1, "{ctx}");
                assert!(std::fs::read(&copies[0]).unwrap() == served, "{ctx}");
            }
        }
        Some("show") => {
            assert_eq!(out.code, 0, "{ctx}");
            if has("--json") {
                let v: serde_json::Value = serde_json::from_str(&out.seen).expect(&ctx);
                assert_eq!(v["certificate"]["subject"]["uid"], UID, "{ctx}");
            } else {
                assert!(out.seen.contains(UID), "{ctx}");
            }
        }
        Some("change-pin") => {
            assert_eq!(out.code, 0, "{ctx}");
            let source = machine.work.join(args[1]);
            let target = value("--out").map_or(source.clone(), |o| machine.work.join(o));
            assert_eq!(opens_with(machine, &target, NEW_PIN), 0, "{ctx}");
            assert_ne!(opens_with(machine, &target, PIN), 0, "{ctx}");
            if target != source {
                assert!(std::fs::read(&source).unwrap() == served, "{ctx}");
            }
        }
        Some("backup") => {
            assert_eq!(out.code, 0, "{ctx}");
            let source = machine.work.join(machine.map(args[1]));
            let dest = args
                .get(2)
                .filter(|a| !a.starts_with("--"))
                .map_or(machine.usb_media.clone(), |d| PathBuf::from(machine.map(d)));
            let copy = dest.join(source.file_name().unwrap());
            assert!(std::fs::read(&copy).expect(&ctx) == served, "{ctx}");
        }
        Some("scan") => {
            // Copies on the fixed disk (the home folder): exit 13, each named.
            assert_eq!(out.code, 13, "{ctx}");
            assert!(out.seen.contains("cert (1).p12"), "{ctx}");
            if has("--delete") {
                let left = [
                    machine.work.join("cert.p12"),
                    machine.home.join("Downloads").join("cert (1).p12"),
                ]
                .iter()
                .filter(|p| p.exists())
                .count();
                assert_eq!(left, 1, "the last copy kept, the other deleted: {ctx}");
            }
        }
        Some("demo") => assert_eq!(out.code, 0, "{ctx}"),
        Some("completions") => {
            assert_eq!(out.code, 0, "{ctx}");
            assert!(out.seen.contains("change-pin"), "{ctx}");
        }
        Some("man") => {
            assert_eq!(out.code, 0, "{ctx}");
            assert!(
                out.seen.starts_with(".ie") || out.seen.contains(".TH"),
                "{ctx}"
            );
        }
        Some("config") => {
            assert_eq!(out.code, 0, "{ctx}");
            if has("--json") {
                let _: serde_json::Value = serde_json::from_str(&out.seen).expect(&ctx);
            } else {
                assert!(out.seen.contains(machine.config.to_str().unwrap()), "{ctx}");
            }
        }
        Some(other) => {
            panic!("{whence}: an example of `{other}` that this test does not know: add its check")
        }
    }
}

/// Exit code of `gidcert show --pin-stdin FILE` given `pin`.
fn opens_with(machine: &Machine, file: &Path, pin: &str) -> i32 {
    use std::io::Write as _;
    let mut child = cmd::gidcert_with_config(&machine.config)
        .args(["show", "--pin-stdin"])
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Invariant: stdin was requested as a pipe just above.
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin.write_all(format!("{pin}\n").as_bytes()).unwrap();
    drop(stdin);
    child.wait().unwrap().code().expect("exited")
}

fn server() -> (MockServer, tempfile::TempDir, PathBuf) {
    let server = MockServer::start(Config {
        accounts: vec![Account {
            id: ID.into(),
            pin: PIN.into(),
            user_id: UID.into(),
            ..Account::demo()
        }],
        // Five downloads and a few dozen requests in a minute from one address: more than a
        // member makes, and not what this test is about.
        rate_limit: None,
        ..Config::default()
    })
    .expect("mock server starts");
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, server.ca_pem()).unwrap();
    (server, dir, ca)
}

fn run_all(examples: Vec<Example>, whence: &str, lang: Lang, locale: &str) -> usize {
    let (server, _ca_dir, ca) = server();
    let served = server.account(ID).unwrap().pkcs12;
    for example in &examples {
        let machine = Machine::new(&served);
        let out = run(example, &machine, &server, &ca, locale, lang);
        check(example, &machine, &served, &out, whence);
        term::assert_one_language(&out.seen, locale);
    }
    assert_eq!(
        server.account(ID).unwrap().attempts.consecutive_failures,
        0,
        "{whence}: an example cost a PIN attempt"
    );
    examples.len()
}

#[test]
fn every_english_help_example_runs_as_printed() {
    let n = run_all(help_examples(Lang::En), "en help", Lang::En, "C");
    assert!(n >= 15, "only {n} examples");
}

#[test]
fn every_japanese_help_example_runs_as_printed() {
    let n = run_all(help_examples(Lang::Ja), "ja help", Lang::Ja, "ja_JP.UTF-8");
    assert!(n >= 15, "only {n} examples");
}

#[test]
fn every_readme_command_runs_as_printed() {
    let examples: Vec<Example> = readme_examples()
        .into_iter()
        // The README's first block is the developer's (`cargo …`), not gidcert's.
        .filter(|e| !e.line.starts_with("cargo"))
        .collect();
    assert!(examples.len() >= 4, "{examples:?}");
    for (lang, locale) in [(Lang::En, "C"), (Lang::Ja, "ja_JP.UTF-8")] {
        run_all(
            examples
                .iter()
                .map(|e| examples_in(&e.line).remove(0))
                .collect(),
            "README",
            lang,
            locale,
        );
    }
}
