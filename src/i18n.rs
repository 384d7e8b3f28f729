//! User-facing text in Japanese and English (Fluent files under `i18n/<lang>/gidcert.ftl`).
//!
//! The language is chosen once at start-up: `--lang`, else the config file, else the locale
//! variables `LC_ALL`, `LC_MESSAGES`, `LANG` (the first one set), else the operating system's
//! display language (on Windows the user's UI language, `GetUserPreferredUILanguages`; a member
//! in cmd.exe or PowerShell has no `LANG`, a Git Bash or MSYS2 user does). Japanese for a `ja`
//! locale, English otherwise. Every message is a key; `tests/i18n_keys.rs` fails when a key exists
//! in one language and not the other.

use std::sync::OnceLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

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

static LOADER: OnceLock<FluentLanguageLoader> = OnceLock::new();
static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Selects the language for the rest of the process. The first call wins.
pub fn init(lang: Lang) {
    let _ = CURRENT.set(lang);
    let _ = LOADER.get_or_init(|| build_loader(lang));
}

/// The language in use (English until [`init`] is called).
pub fn current() -> Lang {
    *CURRENT.get_or_init(|| Lang::En)
}

/// The loader used by the [`t!`](crate::t) macro.
pub fn loader() -> &'static FluentLanguageLoader {
    LOADER.get_or_init(|| build_loader(current()))
}

fn build_loader(lang: Lang) -> FluentLanguageLoader {
    let loader = fluent_language_loader!();
    // Invariant: the message files are embedded at compile time and the fallback language (en)
    // exists; fl!() has already checked every key against it.
    loader
        .load_languages(
            &Localizations,
            &[lang.langid(), loader.fallback_language().clone()],
        )
        .expect("embedded message files load");
    // Windows terminals print the Unicode isolation marks as garbage.
    loader.set_use_isolating(false);
    loader
}

/// A message looked up by a key made at run time (the `--help` text of an argument), without
/// arguments; `None` when the key does not exist. [`t!`](crate::t) checks its keys at compile time
/// and is preferred everywhere else.
pub fn lookup(key: &str) -> Option<String> {
    let l = loader();
    l.has(key).then(|| l.get(key))
}

/// Every language's message file, for the test that checks that both hold the same keys.
pub fn message_file(lang: Lang) -> String {
    let path = match lang {
        Lang::Ja => "ja/gidcert.ftl",
        Lang::En => "en/gidcert.ftl",
    };
    Localizations::get(path)
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        .unwrap_or_default()
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
}
