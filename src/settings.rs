//! What the environment says, read in one place for the whole outer layer (the core reads no
//! environment variable): where the configuration and profiles files are, what they hold, and
//! which extra folders count as removable drives, and which folders are the user's own.

use std::path::PathBuf;

use crate::config::{Config, ConfigError};
use crate::drives::{DriveMap, REMOVABLE_ENV};
use crate::profile::{Profile, ProfileError};

/// `GIDCERT_CONFIG` overrides the location of `config.toml` (tests, portable installs); else the
/// platform configuration folder.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GIDCERT_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("jp", "gidcert", "gidcert")
        .map(|d| d.config_dir().join("config.toml"))
}

/// The configuration, or the defaults when there is no file.
pub fn load_config() -> Result<Config, ConfigError> {
    match config_path() {
        Some(p) => Config::load_from(&p),
        None => Ok(Config::default()),
    }
}

/// Where `profiles.toml` is: beside the configuration file (`GIDCERT_CONFIG` moves both).
pub fn profiles_path() -> Option<PathBuf> {
    crate::profile::path_beside(&config_path()?)
}

/// The profile called `name`, from `profiles.toml` when it defines it, else built in.
pub fn load_profile(name: &str) -> Result<Profile, ProfileError> {
    crate::profile::load(profiles_path().as_deref(), name)
}

/// The drives mounted now, plus the folders named in `GIDCERT_REMOVABLE`.
pub fn drives() -> DriveMap {
    DriveMap::from_system(std::env::var_os(REMOVABLE_ENV))
}

/// The user's own folders that `scan` searches when given none (the removable drives come on
/// top): the home folder first (`%USERPROFILE%` on Windows, which holds Desktop, Documents,
/// Downloads, AppData and usually OneDrive), then, only where they live outside it, the Desktop,
/// Documents and Downloads known folders (Windows lets a user move them to another drive, and
/// OneDrive's folder backup moves them into OneDrive) and the OneDrive folders that the
/// `OneDrive`, `OneDriveCommercial` and `OneDriveConsumer` variables name. `None` when the system
/// names no home folder.
pub fn scan_user_roots() -> Option<Vec<PathBuf>> {
    let home = directories::BaseDirs::new()?.home_dir().to_owned();
    let mut more: Vec<PathBuf> = Vec::new();
    if let Some(u) = directories::UserDirs::new() {
        more.extend(
            [u.desktop_dir(), u.document_dir(), u.download_dir()]
                .into_iter()
                .flatten()
                .map(|p| p.to_owned()),
        );
    }
    more.extend(
        ["OneDrive", "OneDriveCommercial", "OneDriveConsumer"]
            .into_iter()
            .filter_map(std::env::var_os)
            .map(PathBuf::from),
    );
    Some(crate::scan::roots_outside(home, more))
}
