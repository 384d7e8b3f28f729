//! PINs: the secret that logs in to the download server and protects the PKCS#12 file.
//!
//! [`Pin`] holds any PIN as the member typed it (issued files may not follow today's rule), in
//! memory that is wiped on drop, and never prints. [`NewPin`] can only hold a PIN that follows the
//! rule for a new PIN in the authority's manual: 4 to 16 characters, lowercase letters a–z and
//! digits 0–9 only.

use std::fmt;

use zeroize::Zeroizing;

/// A PIN as typed. Its `Debug` never shows the value.
#[derive(Clone)]
pub struct Pin(Zeroizing<String>);

impl Pin {
    /// Takes ownership of `s`; the caller's copy is moved, not duplicated.
    pub fn new(s: String) -> Pin {
        Pin(Zeroizing::new(s))
    }

    /// The PIN's characters, to hand to a KDF or a login request. Never print them.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Constant-time comparison (for a confirmation prompt).
    pub fn ct_eq(&self, other: &Pin) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

/// The shortest and longest new PIN the rule allows.
pub const NEW_PIN_MIN: usize = 4;
pub const NEW_PIN_MAX: usize = 16;

/// A PIN that follows the rule for a new PIN.
#[derive(Clone, Debug)]
pub struct NewPin(Pin);

/// Which part of the new-PIN rule a candidate breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinRuleError {
    Empty,
    TooShort {
        len: usize,
    },
    TooLong {
        len: usize,
    },
    /// Upper-case ASCII letters (the rule wants lower case).
    UpperCase,
    /// Full-width letters or digits (全角), which look right but are other characters.
    FullWidth,
    /// Spaces.
    Space,
    /// Any other character (symbols, kana, kanji…).
    OtherCharacter,
    /// A control character (a stray Tab, Escape or the like from the keyboard).
    Control,
}

/// Why `pin` cannot be the PIN of the notice (or any PIN a server issued): empty, full-width
/// characters (typed with the IME on), spaces or control characters. A PIN that passes may still
/// be wrong; one that fails is certainly wrong, so it must never be sent and cost one of the
/// server's attempts. Issued PINs may predate today's new-PIN rule, so nothing else is refused.
pub fn login_problem(pin: &Pin) -> Option<PinRuleError> {
    let s = pin.expose();
    if s.is_empty() {
        return Some(PinRuleError::Empty);
    }
    for c in s.chars() {
        match c {
            '\u{FF01}'..='\u{FF5E}' => return Some(PinRuleError::FullWidth),
            ' ' | '\u{3000}' => return Some(PinRuleError::Space),
            c if c.is_control() => return Some(PinRuleError::Control),
            _ => {}
        }
    }
    None
}

impl NewPin {
    /// Checks `pin` against the rule. The character checks come first so that the member hears
    /// about a full-width digit even in a PIN that is also too short.
    pub fn parse(pin: Pin) -> Result<NewPin, PinRuleError> {
        let s = pin.expose();
        if s.is_empty() {
            return Err(PinRuleError::Empty);
        }
        for c in s.chars() {
            match c {
                'a'..='z' | '0'..='9' => {}
                'A'..='Z' => return Err(PinRuleError::UpperCase),
                // Full-width ASCII variants (！ to ～) and the ideographic space.
                '\u{FF01}'..='\u{FF5E}' => return Err(PinRuleError::FullWidth),
                ' ' | '\u{3000}' | '\t' => return Err(PinRuleError::Space),
                c if c.is_control() => return Err(PinRuleError::Control),
                _ => return Err(PinRuleError::OtherCharacter),
            }
        }
        // All characters are ASCII here, so bytes == characters.
        let len = s.len();
        if len < NEW_PIN_MIN {
            return Err(PinRuleError::TooShort { len });
        }
        if len > NEW_PIN_MAX {
            return Err(PinRuleError::TooLong { len });
        }
        Ok(NewPin(pin))
    }

    pub fn as_pin(&self) -> &Pin {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.expose().len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<NewPin, PinRuleError> {
        NewPin::parse(Pin::new(s.to_owned()))
    }

    #[test]
    fn length_edges() {
        assert_eq!(parse("abc").unwrap_err(), PinRuleError::TooShort { len: 3 });
        assert!(parse("ab12").is_ok());
        assert!(parse("abcdefgh12345678").is_ok());
        assert_eq!(
            parse("abcdefgh123456789").unwrap_err(),
            PinRuleError::TooLong { len: 17 }
        );
        assert_eq!(parse("").unwrap_err(), PinRuleError::Empty);
    }

    #[test]
    fn character_rules() {
        assert_eq!(parse("Abcd1234").unwrap_err(), PinRuleError::UpperCase);
        assert_eq!(parse("abcd１２３").unwrap_err(), PinRuleError::FullWidth);
        assert_eq!(parse("ａｂｃｄ").unwrap_err(), PinRuleError::FullWidth);
        assert_eq!(parse("abcd-123").unwrap_err(), PinRuleError::OtherCharacter);
        assert_eq!(parse("abcd 123").unwrap_err(), PinRuleError::Space);
        assert_eq!(
            parse("あいうえお").unwrap_err(),
            PinRuleError::OtherCharacter
        );
        assert!(parse("0000").is_ok());
    }

    #[test]
    fn login_problems() {
        let p = |s: &str| login_problem(&Pin::new(s.to_owned()));
        assert_eq!(p("q7w8e9r0"), None);
        // Issued PINs may break today's new-PIN rule: only what is certainly wrong is refused.
        assert_eq!(p("Q7-w8"), None);
        assert_eq!(p(""), Some(PinRuleError::Empty));
        assert_eq!(p("ｑ７ｗ８ｅ９ｒ０"), Some(PinRuleError::FullWidth));
        assert_eq!(p("q7w8 e9r0"), Some(PinRuleError::Space));
        assert_eq!(p("q7w8\u{3000}"), Some(PinRuleError::Space));
        assert_eq!(p("q7w8\te9"), Some(PinRuleError::Control));
        assert_eq!(p("q7\u{1b}w8"), Some(PinRuleError::Control));
    }

    #[test]
    fn debug_never_shows_the_pin() {
        let p = Pin::new("q7w8e9r0".into());
        assert!(!format!("{p:?}").contains("q7w8"));
        let n = parse("q7w8e9r0").unwrap();
        assert!(!format!("{n:?}").contains("q7w8"));
    }

    #[test]
    fn constant_time_equality() {
        let a = Pin::new("abcd".into());
        assert!(a.ct_eq(&Pin::new("abcd".into())));
        assert!(!a.ct_eq(&Pin::new("abce".into())));
        assert!(!a.ct_eq(&Pin::new("abcde".into())));
    }
}
