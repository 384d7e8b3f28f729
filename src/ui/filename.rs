//! The one rule for a file name the member gives (`download --file-name`, `backup --name`): a
//! plain name that is the same file on every system gidcert runs on.

/// A plain file name: no folder part, nothing Windows would read differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileName(String);

/// The longest name most file systems allow (bytes of UTF-8; NTFS counts UTF-16 units, and 255
/// bytes never exceeds 255 of those).
pub const MAX_NAME: usize = 255;

impl FileName {
    /// Refuses: an empty or blank name; `.` and `..`; a folder separator (`/`, `\`); a colon
    /// (`C:x` is "x in the current folder of drive C" on Windows, and `a:b` an NTFS stream);
    /// control characters and the characters Windows forbids in names (`<>"|?*`); a trailing dot
    /// or space (Windows drops them, so the file would get another name); the device names
    /// (`CON`, `NUL`, `COM1`…, with any extension); more than [`MAX_NAME`] bytes.
    pub fn parse(s: &str) -> Option<FileName> {
        let stem = s
            .split('.')
            .next()
            .unwrap_or("")
            .trim_end()
            .to_ascii_uppercase();
        let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.len() == 4
                && stem[3..].chars().all(|c| c.is_ascii_digit() && c != '0'));
        let bad = s.trim().is_empty()
            || s == "."
            || s == ".."
            || s.len() > MAX_NAME
            || s.ends_with(['.', ' '])
            || device
            || s.chars().any(|c| {
                c.is_control() || matches!(c, '/' | '\\' | ':' | '<' | '>' | '"' | '|' | '?' | '*')
            });
        (!bad).then(|| FileName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass() {
        for good in [
            "mine.p12",
            "ABC123_20240101120000.p12",
            "電子証明書.p12",
            ".hidden.p12",
            "con-tract.p12",
            "COM0.p12",
        ] {
            assert!(FileName::parse(good).is_some(), "{good:?}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        let long = "x".repeat(256);
        for bad in [
            "",
            " ",
            ".",
            "..",
            "a/b.p12",
            "..\\x.p12",
            "C:x.p12",
            "a:stream",
            "a\0b",
            "a\nb",
            "a\tb",
            "what?.p12",
            "a*b",
            "a|b",
            "\"q\"",
            "cert.p12.",
            "cert.p12 ",
            "CON",
            "nul.p12",
            "com1.p12",
            "LPT9",
            long.as_str(),
        ] {
            assert!(FileName::parse(bad).is_none(), "{bad:?}");
        }
    }
}
