//! The words for the core's data: check findings, validity, key usages, attribute labels and the
//! PIN strength estimate, in the member's language. The core hands over values; only this module
//! turns them into sentences.

use crate::certview::{Attribute, Check, CheckName, Finding, KeyUsage, OID_UID, Validity};
use crate::explain::Exit;
use crate::strength::{Estimate, RECOMMENDED_LEN, Span, format_possibilities};
use crate::t;

/// The sentence under a check's ✓/✗.
pub fn check_detail(c: &Check) -> String {
    let none = || t!("cert-value-none");
    match (&c.finding, c.name) {
        (Finding::Value { actual, expected }, name) => {
            let expected = expected.as_str();
            let actual = if actual.is_empty() {
                none()
            } else {
                actual.join(", ")
            };
            match (name, c.ok) {
                (CheckName::Issuer, true) => t!("check-issuer-ok", expected = expected),
                (CheckName::Issuer, false) => {
                    t!("check-issuer-bad", actual = actual, expected = expected)
                }
                (CheckName::Organization, true) => t!("check-o-ok", expected = expected),
                (CheckName::Organization, false) => {
                    t!("check-o-bad", actual = actual, expected = expected)
                }
                (CheckName::Country, true) => t!("check-c-ok", expected = expected),
                (CheckName::Country, false) => {
                    t!("check-c-bad", actual = actual, expected = expected)
                }
                (_, true) => t!("check-uid-ok", expected = expected),
                (_, false) => t!("check-uid-bad", actual = actual, expected = expected),
            }
        }
        (Finding::Validity(v), _) => validity(v),
        (
            Finding::Expiry {
                days_left,
                warn_days,
            },
            _,
        ) => {
            if c.ok {
                t!(
                    "check-not-expiring-soon",
                    days = days_left,
                    warn = warn_days
                )
            } else {
                t!("check-expiring-soon", days = days_left, warn = warn_days)
            }
        }
        (Finding::Key, CheckName::HasPrivateKey) => t!("check-no-key"),
        (Finding::Key, _) => {
            if c.ok {
                t!("check-key-ok")
            } else {
                t!("check-key-bad")
            }
        }
    }
}

/// The exit code for a set of checks: [`Exit::Ok`] when all passed, else the code of the most
/// serious failure (see [`crate::certview::Severity`]).
pub fn checks_exit(checks: &[Check]) -> Exit {
    crate::certview::worst_failure(checks).map_or(Exit::Ok, |s| severity_kind(s).exit())
}

/// The error kind of a failed check of that severity.
pub fn severity_kind(s: crate::certview::Severity) -> crate::explain::Kind {
    use crate::certview::Severity;
    use crate::explain::Kind;
    match s {
        Severity::NoKey => Kind::NoPrivateKey,
        Severity::KeyMismatch => Kind::KeyMismatch,
        Severity::NotTheMembers => Kind::CheckFailed,
        Severity::Expired => Kind::Expired,
        Severity::ExpiresSoon => Kind::ExpiresSoon,
    }
}

/// "1012 days left", "expired 3 days ago", "not valid for another 2 days".
pub fn validity(v: &Validity) -> String {
    match *v {
        Validity::NotYetValid { days_until } => t!("validity-not-yet", days = days_until),
        Validity::Valid { days_left, .. } => t!("validity-days-left", days = days_left),
        Validity::Expired { days_ago } => t!("validity-expired", days = days_ago),
    }
}

crate::labels! {
    /// A key usage in the member's language (Windows' words in Japanese).
    pub fn key_usage(KeyUsage) {
        DigitalSignature => "ku-digital-signature",
        NonRepudiation => "ku-non-repudiation",
        KeyEncipherment => "ku-key-encipherment",
        DataEncipherment => "ku-data-encipherment",
        KeyAgreement => "ku-key-agreement",
        KeyCertSign => "ku-key-cert-sign",
        CrlSign => "ku-crl-sign",
        EncipherOnly => "ku-encipher-only",
        DecipherOnly => "ku-decipher-only",
    }
}

/// An attribute's label: ユーザーID / User ID for UID, else its name.
pub fn attribute_label(a: &Attribute) -> String {
    if a.oid == OID_UID {
        t!("attr-uid")
    } else {
        a.label()
    }
}

/// The whole PIN strength explanation, a few lines.
pub fn strength(e: &Estimate) -> String {
    let mut s = t!(
        "strength-summary",
        len = e.length,
        possibilities = format_possibilities(e.possibilities),
        time = span(Span::of_seconds(e.seconds_to_try_all))
    );
    s.push('\n');
    s.push_str(&t!("strength-assumption"));
    if e.is_short() {
        s.push('\n');
        s.push_str(&t!("strength-recommend", recommended = RECOMMENDED_LEN));
    }
    s
}

/// A duration in words.
pub fn span(s: Span) -> String {
    match s {
        Span::OverMillionYears => t!("duration-over-million-years"),
        Span::Years(n) => t!("duration-years", n = n),
        Span::Days(n) => t!("duration-days", n = n),
        Span::Hours(n) => t!("duration-hours", n = n),
        Span::Minutes(n) => t!("duration-minutes", n = n),
        Span::Seconds(n) => t!("duration-seconds", n = n),
    }
}

/// Sentences joined as each language writes them: with a space in English, directly after 。 in
/// Japanese (「…ません。 電子…」 has no space). A part that does not end a sentence (a message
/// ending in the system's words, such as "Could not write F: input/output error") gets its full
/// stop when another follows it.
pub fn sentences(parts: &[String]) -> String {
    sentences_in(crate::i18n::current(), parts)
}

fn sentences_in(lang: crate::i18n::Lang, parts: &[String]) -> String {
    let (sep, stop, ends): (&str, &str, &[char]) = match lang {
        crate::i18n::Lang::Ja => ("", "。", &['。', '！', '？', '.', '!', '?']),
        crate::i18n::Lang::En => (" ", ".", &['.', '!', '?', '。']),
    };
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
        if i + 1 < parts.len() && !p.ends_with(ends) {
            out.push_str(stop);
        }
    }
    out
}

/// What went wrong with a file operation, in the member's language: the system's own text is
/// English (or the system's language), so only its kind is told, with the OS code for support.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!("io-not-found"),
        K::PermissionDenied => t!("io-permission-denied"),
        K::IsADirectory => t!("io-is-a-folder"),
        K::NotADirectory => t!("io-not-a-folder"),
        K::StorageFull | K::QuotaExceeded => t!("io-disk-full"),
        K::ReadOnlyFilesystem => t!("io-read-only"),
        K::InvalidData => t!("io-invalid-data"),
        K::TimedOut => t!("io-timed-out"),
        _ => match e.raw_os_error() {
            Some(code) => t!("io-os-error", code = code),
            None => t!("io-other"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::write::{Iterations, Profile};

    #[test]
    fn a_four_character_pin_is_described_as_falling_in_seconds() {
        crate::i18n::init(crate::i18n::Lang::En);
        let text = strength(&Estimate::for_length(
            4,
            Profile::Modern,
            Iterations::DEFAULT,
        ));
        assert!(text.contains("1.7 × 10^6"), "{text}");
        assert!(text.contains("15 seconds"), "{text}");
        assert!(text.contains("10"), "{text}");
    }

    #[test]
    fn sentences_are_joined_with_each_full_stop_once() {
        use crate::i18n::Lang;
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            sentences_in(
                Lang::En,
                &parts(&["Could not write F: input/output error", " ", "Not saved."])
            ),
            "Could not write F: input/output error. Not saved."
        );
        assert_eq!(
            sentences_in(Lang::En, &parts(&["Saved.", "Backup failed", "Try later"])),
            "Saved. Backup failed. Try later",
            "a full stop is added between sentences, never doubled, none at the end"
        );
        assert_eq!(
            sentences_in(
                Lang::Ja,
                &parts(&[
                    "F に書き込めません: 入出力エラー",
                    "保存されていません。",
                    "再度"
                ])
            ),
            "F に書き込めません: 入出力エラー。保存されていません。再度"
        );
    }

    #[test]
    fn durations_read_in_their_unit() {
        crate::i18n::init(crate::i18n::Lang::En);
        assert!(span(Span::Hours(3)).contains("3 hours"));
        assert!(span(Span::Years(32)).contains("32 years"));
        assert!(span(Span::OverMillionYears).contains("million years"));
    }
}
