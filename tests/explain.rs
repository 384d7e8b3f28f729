//! The one table from error kind to exit code (`kinds!` in src/explain/mod.rs) is the whole truth:
//! every kind has one stable name and one exit code, and docs/exit-codes.md lists exactly them.

use std::collections::BTreeMap;
use std::path::Path;

use gidcert::explain::Kind;

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
