//! The configuration file: `config.toml` in the platform configuration folder (`directories`).
//!
//! ```toml
//! server = "https://download.example.jp"   # download server base URL
//! save_dir = "/media/usb"                  # default folder for `download`
//! lang = "ja"                              # or "en"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Exit, Explain};
use crate::i18n::Lang;
use crate::t;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub server: Option<String>,
    pub save_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
}

#[derive(Debug)]
pub enum ConfigError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Parse {
        path: PathBuf,
        error: String,
    },
}

impl Explain for ConfigError {
    fn exit(&self) -> Exit {
        Exit::Config
    }
    fn message(&self) -> String {
        match self {
            ConfigError::Read { path, error } => t!(
                "err-config-read",
                path = path.display().to_string(),
                error = error.to_string()
            ),
            ConfigError::Parse { path, error } => t!(
                "err-config-parse",
                path = path.display().to_string(),
                error = error.as_str()
            ),
        }
    }
    fn recommendation(&self) -> Option<String> {
        Some(t!("rec-config"))
    }
    fn kind(&self) -> &'static str {
        "config-invalid"
    }
}

/// `GIDCERT_CONFIG` overrides the location (tests, portable installs).
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GIDCERT_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("jp", "gidcert", "gidcert")
        .map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// The configuration, or the defaults when there is no file.
    pub fn load() -> Result<Config, ConfigError> {
        match path() {
            Some(p) => Self::load_from(&p),
            None => Ok(Config::default()),
        }
    }

    pub fn load_from(p: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(error) => {
                return Err(ConfigError::Read {
                    path: p.to_owned(),
                    error,
                });
            }
        };
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: p.to_owned(),
            error: e.message().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.toml");
        std::fs::write(&p, "server = \"https://x\"\nlang = \"ja\"\n").unwrap();
        let c = Config::load_from(&p).unwrap();
        assert_eq!(c.server.as_deref(), Some("https://x"));
        assert_eq!(c.lang, Some(Lang::Ja));
        std::fs::write(&p, "servr = \"https://x\"\n").unwrap();
        assert!(Config::load_from(&p).is_err());
        assert!(
            Config::load_from(&d.path().join("none.toml"))
                .unwrap()
                .server
                .is_none()
        );
    }
}
