//! The accounts file (`--accounts PATH`): TOML, `[[account]]` tables, strict.

use serde::Deserialize;
use time::Date;
use time::macros::format_description;

use crate::{Account, Encryption};

/// Why an accounts file was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("accounts file: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("accounts file: account {index}: {reason}")]
    Invalid { index: usize, reason: String },
    #[error("accounts file: no [[account]]")]
    Empty,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    account: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    pin: String,
    user_id: String,
    name: String,
    notice_mailed: Option<MailedDate>,
    encryption: Option<String>,
}

/// TOML has a date type (`2026-11-01`); a quoted `"2026-11-01"` is taken too.
#[derive(Deserialize)]
#[serde(untagged)]
enum MailedDate {
    Toml(toml::value::Datetime),
    Text(String),
}

/// Parses and checks an accounts file.
pub fn parse_accounts(text: &str) -> Result<Vec<Account>, AccountsError> {
    let file: File = toml::from_str(text)?;
    if file.account.is_empty() {
        return Err(AccountsError::Empty);
    }
    let mut accounts: Vec<Account> = Vec::with_capacity(file.account.len());
    for (i, entry) in file.account.into_iter().enumerate() {
        let index = i + 1;
        let invalid = |reason: String| AccountsError::Invalid { index, reason };
        let notice_mailed =
            match entry.notice_mailed {
                None => None,
                Some(d) => {
                    let text = match d {
                        MailedDate::Toml(dt) if dt.time.is_none() && dt.offset.is_none() => {
                            dt.to_string()
                        }
                        MailedDate::Toml(dt) => {
                            return Err(invalid(format!("notice_mailed {dt} is not a date")));
                        }
                        MailedDate::Text(s) => s,
                    };
                    Some(parse_date(&text).ok_or_else(|| {
                        invalid(format!("notice_mailed {text:?} is not YYYY-MM-DD"))
                    })?)
                }
            };
        let encryption = match entry.encryption.as_deref() {
            None | Some("legacy") => Encryption::Legacy,
            Some("modern") => Encryption::Modern,
            Some(other) => {
                return Err(invalid(format!(
                    "encryption {other:?} is neither \"legacy\" nor \"modern\""
                )));
            }
        };
        let account = Account {
            id: entry.id,
            pin: entry.pin,
            user_id: entry.user_id,
            name: entry.name,
            notice_mailed,
            encryption,
        };
        validate(&account).map_err(invalid)?;
        if accounts.iter().any(|a| a.id == account.id) {
            return Err(invalid(format!(
                "identification number {} appears twice",
                account.id
            )));
        }
        accounts.push(account);
    }
    Ok(accounts)
}

/// The rules an account must follow, from the library or a file.
pub(crate) fn validate(account: &Account) -> Result<(), String> {
    if !valid_id(&account.id) {
        return Err(format!(
            "identification number {:?} is not 1 to 32 ASCII letters or digits",
            account.id
        ));
    }
    // Any PIN the member could type; the rule for *new* PINs (4–16 of a–z0–9) is the client's.
    if account.pin.is_empty() || account.pin.len() > 64 || account.pin.chars().any(char::is_control)
    {
        return Err("pin must be 1 to 64 bytes without control characters".into());
    }
    for (field, value) in [("user_id", &account.user_id), ("name", &account.name)] {
        if value.trim().is_empty() || value.len() > 64 || value.chars().any(char::is_control) {
            return Err(format!(
                "{field} must be 1 to 64 bytes of text without control characters"
            ));
        }
    }
    Ok(())
}

/// 1 to 32 ASCII letters or digits.
pub(crate) fn valid_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_documented_form_parses() {
        let text = r#"
            [[account]]
            id = "9876543210"            # identification number
            pin = "q7w8e9r0"
            user_id = "20261121"
            name = "SATO HANAKO"
            notice_mailed = 2026-11-01
            encryption = "modern"

            [[account]]
            id = "A1"
            pin = "abcd"
            user_id = "1"
            name = "SUZUKI ICHIRO"
            notice_mailed = "2026-10-01"
        "#;
        let accounts = parse_accounts(text).expect("valid file");
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].notice_mailed, Some(date!(2026 - 11 - 01)));
        assert_eq!(accounts[0].encryption, Encryption::Modern);
        assert_eq!(accounts[1].notice_mailed, Some(date!(2026 - 10 - 01)));
        assert_eq!(accounts[1].encryption, Encryption::Legacy);
    }

    #[test]
    fn mistakes_are_refused() {
        let base = "[[account]]\nid = \"1\"\npin = \"p\"\nuser_id = \"u\"\nname = \"N\"\n";
        assert!(parse_accounts(base).is_ok());
        for bad in [
            format!("{base}colour = \"red\"\n"),
            format!("{base}encryption = \"strong\"\n"),
            format!("{base}notice_mailed = 2026-13-01\n"),
            format!("{base}notice_mailed = 2026-11-01T00:00:00Z\n"),
            base.replace("id = \"1\"", "id = \"12-34\""),
            base.replace("id = \"1\"", &format!("id = \"{}\"", "1".repeat(33))),
            base.replace("pin = \"p\"", "pin = \"\""),
            format!("{base}{base}"),
            String::new(),
        ] {
            assert!(parse_accounts(&bad).is_err(), "accepted: {bad}");
        }
    }
}
