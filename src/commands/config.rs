//! `gidcert config path` and `gidcert config show`.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::explain::{Error, Exit, Kind, Simple};
use crate::i18n::Lang;
use crate::t;

/// What `gidcert config` was asked to do (from [`crate::cli`]).
#[derive(Debug, Clone, Copy)]
pub enum Request {
    /// Print where the configuration file is.
    Path,
    /// Print the settings in effect; `lang_flag` says whether `--lang` was given.
    Show { json: bool, lang_flag: bool },
}

pub fn run(r: Request) -> Result<Exit, Error> {
    match r {
        Request::Path => {
            let p = config_path()?;
            crate::say!("{}", p.display());
            Ok(Exit::Ok)
        }
        Request::Show { json, lang_flag } => show(json, lang_flag),
    }
}

fn config_path() -> Result<PathBuf, Error> {
    crate::settings::config_path().ok_or_else(|| {
        Simple {
            kind: Kind::NoConfigDir,
            message: t!("err-no-config-dir"),
        }
        .into()
    })
}

/// Where a setting in effect comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    File,
    Locale,
    Unset,
}

impl Source {
    fn key(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Environment => "environment",
            Source::File => "file",
            Source::Locale => "locale",
            Source::Unset => "unset",
        }
    }

    crate::labels! {
        fn label(self: Source) {
            Flag => "config-source-flag",
            Environment => "config-source-environment",
            File => "config-source-file",
            Locale => "config-source-locale",
            Unset => "config-source-unset",
        }
    }
}

/// `config show --json` (docs/json-schema.md).
#[derive(Debug, serde::Serialize)]
pub struct ConfigReport {
    pub path: String,
    pub file_exists: bool,
    pub server: Setting,
    pub save_dir: Setting,
    pub lang: Setting,
}

/// One setting's value and where it came from (`flag`, `environment`, `file`, `locale`, `unset`).
#[derive(Debug, serde::Serialize)]
pub struct Setting {
    pub value: Option<String>,
    pub source: &'static str,
}

/// The settings in effect, worked out the way the commands work them out.
#[derive(Debug)]
pub struct Effective {
    pub path: PathBuf,
    pub file_exists: bool,
    pub server: Option<(String, Source)>,
    pub save_dir: Option<(PathBuf, Source)>,
    pub lang: (Lang, Source),
}

/// `server`: `GIDCERT_SERVER`, else the file. `lang`: the one chosen at start-up (`--lang`, the
/// file, the locale). `save_dir`: the file, else the current folder (`download --out` overrides).
pub fn effective(
    path: &Path,
    env_server: Option<String>,
    lang_flag: bool,
) -> Result<Effective, Error> {
    let file = Config::load_from(path)?;
    let server = match env_server.filter(|s| !s.is_empty()) {
        Some(s) => Some((s, Source::Environment)),
        None => file.server.map(|s| (s, Source::File)),
    };
    let lang_source = if lang_flag {
        Source::Flag
    } else if file.lang.is_some() {
        Source::File
    } else {
        Source::Locale
    };
    Ok(Effective {
        path: path.to_owned(),
        file_exists: path.exists(),
        server,
        save_dir: file.save_dir.map(|d| (d, Source::File)),
        lang: (crate::i18n::current(), lang_source),
    })
}

fn show(json: bool, lang_flag: bool) -> Result<Exit, Error> {
    let path = config_path()?;
    let e = effective(&path, std::env::var("GIDCERT_SERVER").ok(), lang_flag)?;
    let server = e.server.as_ref().map(|(s, src)| (redact_url(s), *src));
    let lang_code = match e.lang.0 {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    if json {
        let entry = |value: Option<String>, source: Source| Setting {
            value,
            source: source.key(),
        };
        crate::ui::output::print_json(&ConfigReport {
            path: e.path.display().to_string(),
            file_exists: e.file_exists,
            server: match &server {
                Some((s, src)) => entry(Some(s.clone()), *src),
                None => entry(None, Source::Unset),
            },
            save_dir: match &e.save_dir {
                Some((d, src)) => entry(Some(d.display().to_string()), *src),
                None => entry(None, Source::Unset),
            },
            lang: entry(Some(lang_code.to_owned()), e.lang.1),
        });
        return Ok(Exit::Ok);
    }
    let exists = if e.file_exists {
        t!("config-file-exists")
    } else {
        t!("config-file-missing")
    };
    crate::say!(
        "{}: {} ({exists})",
        t!("config-label-file"),
        e.path.display()
    );
    let line = |label: String, value: Option<String>, src: Source| match value {
        Some(v) => crate::say!("{label}: {v} ({})", src.label()),
        None => crate::say!("{label}: - ({})", src.label()),
    };
    match server {
        Some((s, src)) => line(t!("config-label-server"), Some(s), src),
        None => line(t!("config-label-server"), None, Source::Unset),
    }
    match &e.save_dir {
        Some((d, src)) => line(
            t!("config-label-save-dir"),
            Some(d.display().to_string()),
            *src,
        ),
        None => line(t!("config-label-save-dir"), None, Source::Unset),
    }
    line(
        t!("config-label-lang"),
        Some(lang_code.to_owned()),
        e.lang.1,
    );
    Ok(Exit::Ok)
}

/// A URL with any user name and password replaced by `***`: a URL in a config file can carry
/// credentials, and `config show` output gets pasted into e-mails.
pub fn redact_url(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let redacted = match authority.rfind('@') {
        Some(at) => format!("***@{}{tail}", &authority[at + 1..]),
        None => return url.to_owned(),
    };
    match scheme {
        Some(s) => format!("{s}://{redacted}"),
        None => redacted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_a_url_are_redacted() {
        assert_eq!(
            redact_url("https://member:s3cret@dl.example.jp/v1?x=1"),
            "https://***@dl.example.jp/v1?x=1"
        );
        assert_eq!(
            redact_url("https://dl.example.jp/a@b"),
            "https://dl.example.jp/a@b"
        );
        assert_eq!(redact_url("https://dl.example.jp"), "https://dl.example.jp");
        assert_eq!(redact_url("u:p@host"), "***@host");
    }

    #[test]
    fn environment_overrides_the_file_for_the_server() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.toml");
        std::fs::write(
            &p,
            "server = \"https://file.example\"\nsave_dir = \"/media/usb\"\n",
        )
        .unwrap();
        let e = effective(&p, Some("https://env.example".into()), false).unwrap();
        assert_eq!(
            e.server,
            Some(("https://env.example".into(), Source::Environment))
        );
        assert_eq!(
            e.save_dir,
            Some((PathBuf::from("/media/usb"), Source::File))
        );
        assert!(e.file_exists);
        assert_eq!(e.lang.1, Source::Locale);

        let e = effective(&p, Some(String::new()), true).unwrap();
        assert_eq!(
            e.server,
            Some(("https://file.example".into(), Source::File))
        );
        assert_eq!(e.lang.1, Source::Flag);

        let none = effective(&d.path().join("none.toml"), None, false).unwrap();
        assert!(!none.file_exists && none.server.is_none() && none.save_dir.is_none());
    }

    #[test]
    fn an_invalid_file_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.toml");
        std::fs::write(&p, "lang = \"fr\"\n").unwrap();
        let e = effective(&p, None, false).unwrap_err();
        assert_eq!(e.exit(), Exit::Config);
    }
}
