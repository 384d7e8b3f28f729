//! Profiles: what a member's certificate must say, by name. `shiho-shoshi` (the default) is built
//! in; `profiles.toml`, beside `config.toml` in the configuration folder, can add profiles or
//! replace a built-in one, so that a renamed issuer needs no new release:
//!
//! ```toml
//! [profile.shiho-shoshi]
//! issuer_cn = "SECOM Passport for G-ID"
//! organization = "Japan Federation of Shiho-shoshi Lawyer's Associations"
//! country = "JP"
//! ```
//!
//! Every field is required and unknown fields are refused: a typo must not silently turn a check
//! off. See docs/json-schema.md ("Profiles").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The profile used when none is named.
pub const DEFAULT_PROFILE: &str = "shiho-shoshi";

/// The name of the profiles file in the configuration folder.
pub const PROFILES_FILE: &str = "profiles.toml";

/// What the certificate of a member must say.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Set from the table name, not from the file.
    #[serde(skip)]
    pub name: String,
    /// The issuer's CN (発行者).
    pub issuer_cn: String,
    /// The subject's O.
    pub organization: String,
    /// The subject's C.
    pub country: String,
}

/// The built-in profiles: the authority's manual (seed 001), 「(イ) 発行者 … SECOM Passport for
/// G-ID」 and 「(ウ) O … Japan Federation of Shiho-shoshi Lawyer's Associations」, 「(エ) C … JP」.
pub fn builtin() -> Vec<Profile> {
    vec![Profile {
        name: DEFAULT_PROFILE.to_owned(),
        issuer_cn: "SECOM Passport for G-ID".to_owned(),
        organization: "Japan Federation of Shiho-shoshi Lawyer's Associations".to_owned(),
        country: "JP".to_owned(),
    }]
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilesFile {
    #[serde(default)]
    profile: BTreeMap<String, Profile>,
}

#[derive(Debug)]
pub enum ProfileError {
    Unknown {
        name: String,
        known: Vec<String>,
    },
    /// `profiles.toml` could not be read or parsed.
    File(crate::config::ConfigError),
}

/// Where `profiles.toml` is: beside the configuration file at `config`.
pub fn path_beside(config: &Path) -> Option<PathBuf> {
    Some(config.parent()?.join(PROFILES_FILE))
}

/// The profile called `name`, from the profiles file when there is one and it defines the name,
/// else built in.
pub fn load(profiles_file: Option<&Path>, name: &str) -> Result<Profile, ProfileError> {
    match profiles_file {
        Some(p) => load_from(p, name),
        None => find(builtin(), name),
    }
}

/// As [`load`], with the profiles file at `p` (which need not exist).
pub fn load_from(p: &Path, name: &str) -> Result<Profile, ProfileError> {
    let file: ProfilesFile = crate::config::read_toml(p).map_err(ProfileError::File)?;
    let mut all = builtin();
    for (n, mut prof) in file.profile {
        prof.name = n;
        all.retain(|b| b.name != prof.name);
        all.push(prof);
    }
    find(all, name)
}

fn find(all: Vec<Profile>, name: &str) -> Result<Profile, ProfileError> {
    let known: Vec<String> = all.iter().map(|p| p.name.clone()).collect();
    all.into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| ProfileError::Unknown {
            name: name.to_owned(),
            known,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A profiles file holding `text`, in a folder that lives as long as the returned guard.
    fn profiles_file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join(PROFILES_FILE);
        std::fs::write(&f, text).unwrap();
        (d, f)
    }

    #[test]
    fn builtin_default_matches_the_manual() {
        let d = tempfile::tempdir().unwrap();
        let p = load_from(&d.path().join("none.toml"), DEFAULT_PROFILE).unwrap();
        assert_eq!(p.issuer_cn, "SECOM Passport for G-ID");
        assert_eq!(
            p.organization,
            "Japan Federation of Shiho-shoshi Lawyer's Associations"
        );
        assert_eq!(p.country, "JP");
    }

    #[test]
    fn file_adds_and_replaces_profiles() {
        let (_d, f) = profiles_file(
            "[profile.test]\nissuer_cn = \"Test CA\"\norganization = \"Org\"\ncountry = \"US\"\n\
             [profile.shiho-shoshi]\nissuer_cn = \"SECOM Passport for G-ID 2\"\n\
             organization = \"O2\"\ncountry = \"JP\"\n",
        );
        let t = load_from(&f, "test").unwrap();
        assert_eq!((t.name.as_str(), t.country.as_str()), ("test", "US"));
        let s = load_from(&f, DEFAULT_PROFILE).unwrap();
        assert_eq!(s.issuer_cn, "SECOM Passport for G-ID 2");
        match load_from(&f, "nope").unwrap_err() {
            ProfileError::Unknown { known, .. } => {
                assert_eq!(known, ["shiho-shoshi", "test"].map(String::from))
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn typos_and_missing_fields_are_refused() {
        let (_d, f) =
            profiles_file("[profile.x]\nissuer = \"A\"\norganization = \"O\"\ncountry = \"JP\"\n");
        assert!(matches!(
            load_from(&f, DEFAULT_PROFILE),
            Err(ProfileError::File(crate::config::ConfigError::Parse { .. }))
        ));
        std::fs::write(&f, "[profile.x]\nissuer_cn = \"A\"\n").unwrap();
        assert!(matches!(
            load_from(&f, "x"),
            Err(ProfileError::File(crate::config::ConfigError::Parse { .. }))
        ));
    }
}
