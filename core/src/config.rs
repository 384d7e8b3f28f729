//! The configuration file: `config.toml` in the platform configuration folder (`directories`).
//!
//! ```toml
//! server = "https://download.example.jp"   # download server base URL
//! save_dir = "/media/usb"                  # default folder for `download`
//! lang = "ja"                              # or "en"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub server: Option<String>,
    pub save_dir: Option<PathBuf>,
    pub lang: Option<Language>,
}

/// A language the configuration file may name. Only a value: which words go with it is the outer
/// layer's business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ja,
    En,
}

/// A TOML file (`config.toml`, `profiles.toml`) that could not be read or parsed.
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

impl Config {
    /// The configuration in `p`, or the defaults when there is no such file.
    pub fn load_from(p: &Path) -> Result<Config, ConfigError> {
        read_toml(p)
    }
}

/// The TOML file at `p` as a `T`, or `T::default()` when there is no such file.
pub(crate) fn read_toml<T: serde::de::DeserializeOwned + Default>(
    p: &Path,
) -> Result<T, ConfigError> {
    let text = match std::fs::read_to_string(p) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
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
        assert_eq!(c.lang, Some(Language::Ja));
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
