//! The one table from error kind to exit code and advice (`kinds!` in src/explain/mod.rs) is the
//! whole truth: every kind has one stable name, one exit code and (but for the few listed) advice,
//! and docs/exit-codes.md lists exactly them.

use std::collections::BTreeMap;
use std::path::Path;

use gidcert::explain::Kind;
use gidcert::keystore::write::Iterations;

#[test]
fn every_kind_has_one_name_and_one_exit_code() {
    let mut seen = BTreeMap::new();
    for k in Kind::ALL {
        let name = k.name();
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{k:?}: kind names are lowercase-with-dashes, got {name:?}"
        );
        assert!(
            seen.insert(name, k.exit()).is_none(),
            "kind name {name} is used twice"
        );
        assert!(
            gidcert::cli::EXIT_CODES.contains(&k.exit()),
            "{name}: exit {:?} is not in the documented list",
            k.exit()
        );
    }
}

#[test]
fn docs_list_every_kind_with_its_exit_code() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/exit-codes.md"))
            .unwrap();
    let section = doc
        .split("## Error kinds")
        .nth(1)
        .expect("docs/exit-codes.md has an 'Error kinds' section");
    let documented: Vec<(String, u8)> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].trim_matches('`').to_owned(),
                cells[2].parse().expect("a code"),
            )
        })
        .collect();
    let actual: Vec<(String, u8)> = Kind::ALL
        .iter()
        .map(|k| (k.name().to_owned(), k.exit().code()))
        .collect();
    assert_eq!(
        documented, actual,
        "docs/exit-codes.md and the kinds! table differ"
    );
}

/// Every failure says what to do next (the kinds! table's advice column), except where there is
/// nothing to advise (the member cancelled or interrupted) or the command words it by the case
/// (which check of a downloaded certificate failed). The advice is whole: every argument filled.
#[test]
fn every_kind_has_advice_unless_listed() {
    gidcert::i18n::init(gidcert::i18n::Lang::En);
    let without: &[Kind] = &[Kind::Cancelled, Kind::Interrupted];
    for k in Kind::ALL {
        match k.recommendation() {
            Some(text) => {
                assert!(
                    !without.contains(k),
                    "{}: listed as without advice but has {text:?}",
                    k.name()
                );
                assert!(
                    text.len() > 10 && !text.contains('{') && !text.starts_with("No localization"),
                    "{}: advice {text:?}",
                    k.name()
                );
            }
            None => assert!(without.contains(k), "{}: no advice", k.name()),
        }
    }
    // The advice with an argument has it.
    assert!(
        Kind::IterationsOutOfRange
            .recommendation()
            .is_some_and(|t| t.contains(&Iterations::DEFAULT.get().to_string())),
        "{:?}",
        Kind::IterationsOutOfRange.recommendation()
    );
}
