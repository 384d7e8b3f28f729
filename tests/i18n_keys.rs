//! Every message exists in both languages: a key in one file and not the other fails here.

use std::collections::BTreeSet;

use gidcert::i18n::{Lang, message_file};

fn keys(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.', '*', '[', '}']) && l.contains(" ="))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let en = keys(&message_file(Lang::En));
    let ja = keys(&message_file(Lang::Ja));
    assert!(
        en.len() > 20,
        "the English file looks empty: {} keys",
        en.len()
    );
    let only_en: Vec<_> = en.difference(&ja).collect();
    let only_ja: Vec<_> = ja.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_ja.is_empty(),
        "only in en: {only_en:?}\nonly in ja: {only_ja:?}"
    );
}

#[test]
fn japanese_messages_are_japanese() {
    // A message copied from English and not translated is a missing translation.
    let en = message_file(Lang::En);
    let ja = message_file(Lang::Ja);
    let en_values: BTreeSet<_> = en
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v))
        .collect();
    let copied: Vec<_> = ja
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .filter(|(_, v)| {
            en_values.contains(v) && v.chars().any(|c| c.is_ascii_alphabetic()) && v.len() > 12
        })
        .map(|(k, _)| k)
        .collect();
    assert!(copied.is_empty(), "untranslated in ja: {copied:?}");
}
