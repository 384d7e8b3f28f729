//! User-facing text in Japanese and English (Fluent files under `i18n/<lang>/gidcert.ftl`,
//! embedded in the binary).
//!
//! The language is chosen once at start-up: `--lang`, else the config file, else the locale
//! variables `LC_ALL`, `LC_MESSAGES`, `LANG` (the first one set), else the operating system's
//! display language (on Windows the user's UI language, `GetUserPreferredUILanguages`; a member
//! in cmd.exe or PowerShell has no `LANG`, a Git Bash or MSYS2 user does). Japanese for a `ja`
//! locale, English otherwise. Every message is a key; `tests/i18n_keys.rs` fails when a key exists
//! in one language and not the other.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

/// How a file is cut into entries: used by build.rs to write the index, here by the test.
#[cfg(test)]
mod cut;

/// `EN_INDEX`, `JA_INDEX`: each message's (start, identifier length, end) in its file, sorted by
/// identifier; written by build.rs (src/i18n/cut.rs says how a file is cut).
mod index {
    include!(concat!(env!("OUT_DIR"), "/message_index.rs"));
}

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The message files, in the binary.
const EN_FILE: &str = include_str!("../i18n/en/gidcert.ftl");
const JA_FILE: &str = include_str!("../i18n/ja/gidcert.ftl");

/// The languages gidcert speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

impl From<crate::config::Language> for Lang {
    fn from(l: crate::config::Language) -> Lang {
        match l {
            crate::config::Language::Ja => Lang::Ja,
            crate::config::Language::En => Lang::En,
        }
    }
}

impl Lang {
    fn langid(self) -> LanguageIdentifier {
        match self {
            // Invariant: both literals are valid BCP 47 language tags.
            Lang::Ja => "ja".parse().expect("valid tag"),
            Lang::En => "en".parse().expect("valid tag"),
        }
    }

    fn file(self) -> &'static str {
        match self {
            Lang::Ja => JA_FILE,
            Lang::En => EN_FILE,
        }
    }

    fn index(self) -> &'static [(u32, u16, u32)] {
        match self {
            Lang::Ja => index::JA_INDEX,
            Lang::En => index::EN_INDEX,
        }
    }

    /// The language the environment asks for: Japanese for a `ja` locale, English otherwise.
    pub fn from_environment() -> Lang {
        Self::from_locale(locale_from_environment().as_deref())
    }

    /// Japanese when `locale` names Japanese (`ja`, `ja_JP.UTF-8`, `ja-JP`), English otherwise.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }
}

/// The POSIX variables decide, in their standard order of precedence, on every system (Windows
/// shells from Git and MSYS2 set them too); when none is set, the operating system's display
/// language from i18n-embed's desktop language requester (the UI language on Windows).
fn locale_from_environment() -> Option<String> {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return Some(v);
        }
    }
    use i18n_embed::LanguageRequester as _;
    i18n_embed::DesktopLanguageRequester::new()
        .requested_languages()
        .first()
        .map(|l| l.to_string())
}

static MESSAGES: OnceLock<Messages> = OnceLock::new();
static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Selects the language for the rest of the process. The first call wins.
pub fn init(lang: Lang) {
    let _ = CURRENT.set(lang);
    let _ = MESSAGES.get_or_init(|| Messages::new(lang));
}

/// The language in use (English until [`init`] is called).
pub fn current() -> Lang {
    *CURRENT.get_or_init(|| Lang::En)
}

/// The messages used by the [`t!`](crate::t) macro.
pub fn loader() -> &'static Messages {
    MESSAGES.get_or_init(|| Messages::new(current()))
}

/// The messages of one language, then English for a key that language lacks (none does:
/// `tests/i18n_keys.rs`).
///
/// A message is parsed the first time it is asked for, not at start-up: a command prints a few
/// dozen of the ~500 messages, and parsing both whole files took more instructions than the rest
/// of a quick `gidcert show` (docs/benchmarks.md). Where each message's entry lies in its file is
/// found by binary search in an index the build script wrote (src/i18n/cut.rs says how a file is
/// cut); a test below checks that the index is the cut of the embedded file and that every entry
/// so cut parses to the same message as the whole file does.
/// `fl!` (i18n-embed-fl) checks every key and its arguments at compile time and calls [`get`]
/// or [`get_args_concrete`] on this type.
///
/// [`get`]: Messages::get
/// [`get_args_concrete`]: Messages::get_args_concrete
pub struct Messages {
    catalogs: Vec<Catalog>,
}

struct Catalog {
    file: &'static str,
    index: &'static [(u32, u16, u32)],
    bundle: Mutex<FluentBundle<FluentResource>>,
}

impl Messages {
    fn new(lang: Lang) -> Messages {
        let mut catalogs = vec![Catalog::new(lang)];
        if lang != Lang::En {
            catalogs.push(Catalog::new(Lang::En));
        }
        Messages { catalogs }
    }

    /// The message `id` without arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with its arguments (what `fl!(loader, "id", name = value)` calls).
    pub fn get_args_concrete<'a>(
        &self,
        id: &str,
        args: HashMap<&'a str, FluentValue<'a>>,
    ) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(name, value);
        }
        self.format(id, Some(&fluent_args))
    }

    /// Whether any language has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.catalogs.iter().any(|c| c.entry(id).is_some())
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        self.catalogs
            .iter()
            .find_map(|c| c.format(id, args))
            // As i18n-embed says it; unreachable for the keys fl! has checked.
            .unwrap_or_else(|| format!("No localization for id: \"{id}\""))
    }
}

impl Catalog {
    fn new(lang: Lang) -> Catalog {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
        // Windows terminals print the Unicode isolation marks as garbage.
        bundle.set_use_isolating(false);
        Catalog {
            file: lang.file(),
            index: lang.index(),
            bundle: Mutex::new(bundle),
        }
    }

    /// The source text of message `id`'s entry.
    fn entry(&self, id: &str) -> Option<&'static str> {
        let file = self.file;
        let id_at = |&(start, len, _): &(u32, u16, u32)| {
            file.get(start as usize..start as usize + usize::from(len))
        };
        let i = self
            .index
            .binary_search_by(|e| id_at(e).unwrap_or_default().cmp(id))
            .ok()?;
        let (start, _, end) = self.index[i];
        file.get(start as usize..end as usize)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let source = self.entry(id)?;
        // A panic while formatting cannot leave the bundle half-changed: take it as it is.
        let mut bundle = self.bundle.lock().unwrap_or_else(PoisonError::into_inner);
        if !bundle.has_message(id) {
            // A parse error keeps what parsed (as for a whole file); the test below parses every
            // entry without one.
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
            // Cannot fail: the bundle has no message of that id yet.
            let _ = bundle.add_resource(resource);
        }
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }
}

/// A message looked up by a key made at run time (the `--help` text of an argument), without
/// arguments; `None` when the key does not exist. [`t!`](crate::t) checks its keys at compile time
/// and is preferred everywhere else.
pub fn lookup(key: &str) -> Option<String> {
    let m = loader();
    m.has(key).then(|| m.get(key))
}

/// Every language's message file, for the test that checks that both hold the same keys.
pub fn message_file(lang: Lang) -> String {
    lang.file().to_owned()
}

/// Looks up a message in the current language: `t!("key")` or `t!("key", name = value)`.
#[macro_export]
macro_rules! t {
    ($($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $($args)*)
    };
}

/// A function giving each variant of an enum its message: a table from variant to message key,
/// written once instead of a hand-written `match` of `t!` arms. `labels! { pub fn name(Type) {
/// A => "key-a", B => "key-b" } }` makes `fn name(v: Type) -> String`; `fn name(self: Type)` makes
/// the method. The match is exhaustive (a new variant does not compile until it has its words) and
/// every key is checked at compile time, as by [`t!`].
#[macro_export]
macro_rules! labels {
    ($(#[$m:meta])* $vis:vis fn $name:ident(self: $ty:ident) {
        $($variant:ident => $key:tt),* $(,)?
    }) => {
        $(#[$m])* $vis fn $name(self) -> String {
            match self {
                $($ty::$variant => $crate::t!($key),)*
            }
        }
    };
    ($(#[$m:meta])* $vis:vis fn $name:ident($ty:ident) {
        $($variant:ident => $key:tt),* $(,)?
    }) => {
        $(#[$m])* $vis fn $name(v: $ty) -> String {
            match v {
                $($ty::$variant => $crate::t!($key),)*
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_locales_select_japanese() {
        for l in ["ja", "ja_JP.UTF-8", "ja-JP", "JA_jp"] {
            assert_eq!(Lang::from_locale(Some(l)), Lang::Ja, "{l}");
        }
        for l in ["C", "POSIX", "en_US.UTF-8", "de_DE", ""] {
            assert_eq!(Lang::from_locale(Some(l)), Lang::En, "{l}");
        }
        assert_eq!(Lang::from_locale(None), Lang::En);
    }

    /// Each entry cut out of a message file parses, alone and without an error, to the very
    /// message (value and attributes) the whole file gives, and the cut finds every message.
    #[test]
    fn entries_cut_from_a_file_parse_as_the_whole_file_does() {
        use fluent_syntax::ast::Entry;
        for lang in [Lang::En, Lang::Ja] {
            let whole = FluentResource::try_new(lang.file().to_owned())
                .unwrap_or_else(|(_, e)| panic!("{lang:?}: the file does not parse: {e:?}"));
            let file = lang.file();
            let cut: HashMap<&str, &str> = cut::cut(file)
                .into_iter()
                .map(|(start, len, end)| (&file[start..start + len], &file[start..end]))
                .collect();
            // The index in the binary is that cut, sorted.
            let mut sorted: Vec<_> = cut::cut(file)
                .into_iter()
                .map(|(s, l, e)| (s as u32, l as u16, e as u32))
                .collect();
            sorted.sort_by_key(|&(s, l, _)| &file[s as usize..s as usize + usize::from(l)]);
            assert_eq!(lang.index(), sorted, "{lang:?}: build.rs's index is stale");
            let catalog = Catalog::new(lang);
            for (id, source) in &cut {
                assert_eq!(catalog.entry(id), Some(*source), "{lang:?}: {id}");
            }
            let mut seen = 0;
            for entry in whole.entries() {
                let Entry::Message(message) = entry else {
                    assert!(
                        matches!(
                            entry,
                            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_)
                        ),
                        "{lang:?}: only messages and comments are cut: {entry:?}"
                    );
                    continue;
                };
                seen += 1;
                let id = message.id.name;
                let source = cut
                    .get(id)
                    .unwrap_or_else(|| panic!("{lang:?}: {id} not cut"));
                let alone = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|(_, e)| panic!("{lang:?}: {id} alone: {e:?}"));
                let messages: Vec<_> = alone
                    .entries()
                    .filter_map(|e| match e {
                        Entry::Message(m) => Some(m),
                        _ => None,
                    })
                    .collect();
                assert_eq!(messages.len(), 1, "{lang:?}: {id}: {source}");
                assert_eq!(messages[0].id.name, id);
                assert_eq!(messages[0].value, message.value, "{lang:?}: {id}");
                assert_eq!(messages[0].attributes, message.attributes, "{lang:?}: {id}");
            }
            assert_eq!(
                seen,
                cut.len(),
                "{lang:?}: the cut found entries the parser did not"
            );
            assert!(seen > 400, "{lang:?}: {seen} messages");
        }
    }

    /// Lookups format with arguments and selectors, fall back to English for a key the language
    /// lacks, and say so for a key no language has.
    #[test]
    fn messages_format_and_fall_back() {
        let ja = Messages::new(Lang::Ja);
        let en = Messages::new(Lang::En);
        assert_eq!(en.get("cli-heading-options"), "Options");
        assert_ne!(ja.get("cli-heading-options"), en.get("cli-heading-options"));
        assert!(ja.has("cli-heading-options") && !ja.has("no-such-key"));
        let days = |n: u32| HashMap::from([("days", FluentValue::from(n))]);
        assert_eq!(
            en.get_args_concrete("validity-days-left", days(1)),
            "Valid: 1 day left"
        );
        assert_eq!(
            en.get_args_concrete("validity-days-left", days(7)),
            "Valid: 7 days left"
        );
        assert_eq!(
            ja.get("no-such-key"),
            "No localization for id: \"no-such-key\""
        );
        // Japanese lacks no key; an English-only catalog behind Japanese is still consulted.
        let only_en = Messages {
            catalogs: vec![
                Catalog {
                    file: "",
                    index: &[],
                    ..Catalog::new(Lang::Ja)
                },
                Catalog::new(Lang::En),
            ],
        };
        assert_eq!(only_en.get("cli-heading-options"), "Options");
    }
}
