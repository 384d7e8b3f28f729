//! The layers hold (docs/architecture.md): the core talks to nobody, and only `src/ui` prints or
//! prompts. The compiler already keeps the core crate from importing the outer one; these checks
//! keep the core free of the talking crates and the outer code free of stray `println!`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its `#[cfg(test)] mod tests` tail and without comments.
fn code(p: &Path) -> String {
    let s = std::fs::read_to_string(p).unwrap();
    let s = match s.find("#[cfg(test)]\nmod tests") {
        Some(i) => &s[..i],
        None => &s[..],
    };
    s.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `code` names `word` as a whole word (`t!(` is not `format!(`, `print!(` not `eprint!(`).
fn uses(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        !code[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_core_depends_on_no_talking_crate() {
    let manifest = std::fs::read_to_string(root().join("core/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("core has dependencies")
        .split("\n[")
        .next()
        .unwrap();
    for name in [
        "clap",
        "dialoguer",
        "console",
        "indicatif",
        "i18n-embed",
        "i18n-embed-fl",
        "rust-embed",
        "sys-locale",
        "gidcert",
    ] {
        assert!(
            !deps
                .lines()
                .any(|l| l.split(['=', ' ']).next() == Some(name)),
            "core/Cargo.toml depends on {name}"
        );
    }
}

/// Printing: only `src/ui` may.
const PRINTS: [&str; 4] = ["println!", "eprintln!", "print!(", "eprint!("];

/// Fails when a Rust file under `dir` (but not under `except`) uses one of `banned`.
fn assert_nothing_under(dir: &str, except: Option<&str>, banned: &[&str]) {
    let mut files = Vec::new();
    rust_files(&root().join(dir), &mut files);
    assert!(!files.is_empty(), "{dir}: no Rust files");
    for f in files {
        let rel = f
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if except.is_some_and(|e| rel.starts_with(e)) {
            continue;
        }
        let c = code(&f);
        for b in banned {
            assert!(!uses(&c, b), "{rel} uses {b}");
        }
    }
}

#[test]
fn the_core_never_prints_prompts_or_reads_the_environment() {
    let mut banned = PRINTS.to_vec();
    banned.extend([
        "t!(",
        "std::env::var",
        "args_os",
        "stdout()",
        "stderr()",
        "stdin()",
    ]);
    assert_nothing_under("core/src", None, &banned);
}

#[test]
fn only_the_ui_prints_or_prompts() {
    let mut banned = PRINTS.to_vec();
    banned.push("dialoguer::");
    assert_nothing_under("src", Some("src/ui/"), &banned);
}
