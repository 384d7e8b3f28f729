//! A person's view of an X.509 certificate, and the checks the authority's manual asks the member
//! to make: issuer 「SECOM Passport for G-ID」, O, C, the user ID (ユーザーID) and the validity
//! period. Used by `show`, `download` and `scan`.
//!
//! [`CertView::parse`] turns certificate DER into owned, typed values once; everything after that
//! (display, JSON, checks) works on those values and cannot fail. Subject strings in every ASN.1
//! string type are decoded here rather than by x509-parser, whose `as_str` refuses BMPString and
//! whose name display fails as a whole on one bad T61String byte: a member must always see the
//! certificate, even an odd one.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use x509_parser::asn1_rs::{Any, Class, Tag, ToDer};
use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::X509Name;

use crate::profile::Profile;

/// The user ID attribute (`UID`, RFC 4519 / RFC 1274 `userid`), which the manual calls ユーザーID.
pub const OID_UID: &str = "0.9.2342.19200300.100.1.1";
pub const OID_CN: &str = "2.5.4.3";
pub const OID_C: &str = "2.5.4.6";
pub const OID_O: &str = "2.5.4.10";

/// Warn when a certificate expires within this many days: the labour bank's system (seed 004)
/// opens renewal 30 days before expiry, and `show --warn-days` defaults to it.
pub const DEFAULT_WARN_DAYS: u32 = 30;

/// Short names for DN strings, as OpenSSL prints them (RFC 4514 section 3 plus OpenSSL's usual
/// ones). An attribute not listed here is written as its dotted OID with a `#hex` value, as
/// RFC 4514 section 2.4 requires.
const SHORT_NAMES: &[(&str, &str)] = &[
    (OID_CN, "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "serialNumber"),
    (OID_C, "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "street"),
    (OID_O, "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "title"),
    ("2.5.4.15", "businessCategory"),
    ("2.5.4.17", "postalCode"),
    ("2.5.4.42", "GN"),
    ("2.5.4.43", "initials"),
    ("2.5.4.44", "generationQualifier"),
    ("2.5.4.46", "dnQualifier"),
    ("2.5.4.65", "pseudonym"),
    ("2.5.4.97", "organizationIdentifier"),
    (OID_UID, "UID"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
];

// ---- errors ------------------------------------------------------------------------------------

/// The bytes are not a certificate gidcert can read.
#[derive(Debug)]
pub struct CertViewError {
    /// The parser's own words, for `-v` diagnostics and bug reports.
    pub detail: String,
}

// ---- the view ----------------------------------------------------------------------------------

/// Everything a person (or a script) needs to know about one certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertView {
    pub subject: DistinguishedName,
    pub issuer: DistinguishedName,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// Lowercase hex of the serial number's DER content octets, no separators (as
    /// `openssl x509 -serial` prints it, in lower case).
    pub serial: String,
    /// Lowercase hex SHA-256 of the whole certificate DER.
    pub sha256_fingerprint: String,
    pub key: KeyAlgorithm,
    /// `None` when the certificate has no key usage extension (any use allowed).
    pub key_usage: Option<Vec<KeyUsage>>,
    /// The basic constraints extension says this is a CA certificate.
    pub is_ca: bool,
}

impl CertView {
    /// Reads a DER certificate. Fails only when the bytes are not an X.509 certificate at all;
    /// odd contents (legacy string types, unknown attributes, unknown key types) are shown, not
    /// refused.
    pub fn parse(der: &[u8]) -> Result<CertView, CertViewError> {
        let (rest, cert) = X509Certificate::from_der(der).map_err(|e| CertViewError {
            detail: e.to_string(),
        })?;
        if !rest.is_empty() {
            return Err(CertViewError {
                detail: format!("{} bytes after the certificate", rest.len()),
            });
        }
        let validity = cert.validity();
        let key_usage = match cert.key_usage() {
            Ok(Some(ku)) => Some(KeyUsage::from_flags(ku.value.flags)),
            Ok(None) => None,
            // A duplicated or malformed extension: the certificate is not one a CA issues.
            Err(e) => {
                return Err(CertViewError {
                    detail: format!("key usage: {e}"),
                });
            }
        };
        Ok(CertView {
            subject: DistinguishedName::from_x509(cert.subject()),
            issuer: DistinguishedName::from_x509(cert.issuer()),
            not_before: utc(validity.not_before.timestamp())?,
            not_after: utc(validity.not_after.timestamp())?,
            serial: serial_hex(cert.raw_serial()),
            sha256_fingerprint: hex::encode(crate::fsutil::sha256(der)),
            key: KeyAlgorithm::from_spki(cert.public_key()),
            key_usage,
            is_ca: cert.is_ca(),
        })
    }

    /// 発行先: the subject's common name.
    pub fn issued_to(&self) -> Option<&str> {
        self.subject.first(OID_CN)
    }

    /// 発行者: the issuer's common name.
    pub fn issuer_cn(&self) -> Option<&str> {
        self.issuer.first(OID_CN)
    }

    /// ユーザーID.
    pub fn uid(&self) -> Option<&str> {
        self.subject.first(OID_UID)
    }

    /// Where `now` falls in the validity period.
    pub fn validity_at(&self, now: DateTime<Utc>) -> Validity {
        if now < self.not_before {
            let d = self.not_before - now;
            Validity::NotYetValid {
                days_until: whole_days(d),
            }
        } else if now > self.not_after {
            Validity::Expired {
                days_ago: whole_days(now - self.not_after),
            }
        } else {
            Validity::Valid {
                days_left: whole_days(self.not_after - now),
                remaining: self.not_after - now,
            }
        }
    }

    /// Whole days from `now` to the end of the validity period: negative once expired (as in the
    /// JSON `days_left`). Truncated towards zero, so "0" means less than a day either side.
    pub fn days_left(&self, now: DateTime<Utc>) -> i64 {
        whole_days(self.not_after - now)
    }

    /// The checks of the authority's manual, in the order a person reads them.
    pub fn checks(&self, want: &Expectations<'_>) -> Vec<Check> {
        let mut out = Vec::with_capacity(7);
        let issuer = self.issuer_cn();
        out.push(Check {
            name: CheckName::Issuer,
            ok: issuer == Some(want.profile.issuer_cn.as_str()),
            finding: Finding::Value {
                actual: issuer.map(display_safe).into_iter().collect(),
                expected: want.profile.issuer_cn.clone(),
            },
        });
        out.push(self.subject_check(CheckName::Organization, OID_O, &want.profile.organization));
        out.push(self.subject_check(CheckName::Country, OID_C, &want.profile.country));

        if let Some(expected) = want.expect_uid {
            let expected = normalize_typed_id(expected);
            let actual = self.uid();
            out.push(Check {
                name: CheckName::Uid,
                ok: actual == Some(expected.as_str()),
                finding: Finding::Value {
                    actual: actual.map(display_safe).into_iter().collect(),
                    expected: display_safe(&expected),
                },
            });
        }

        let validity = self.validity_at(want.now);
        out.push(Check {
            name: CheckName::Validity,
            ok: matches!(validity, Validity::Valid { .. }),
            finding: Finding::Validity(validity),
        });
        if let Validity::Valid {
            days_left,
            remaining,
        } = validity
        {
            let soon = remaining <= TimeDelta::days(i64::from(want.warn_days));
            out.push(Check {
                name: CheckName::NotExpiringSoon,
                ok: !soon,
                finding: Finding::Expiry {
                    days_left,
                    warn_days: want.warn_days,
                },
            });
        }

        match want.key {
            KeyStatus::NotApplicable | KeyStatus::Unknown => {}
            KeyStatus::Missing => out.push(Check {
                name: CheckName::HasPrivateKey,
                ok: false,
                finding: Finding::Key,
            }),
            KeyStatus::Matches | KeyStatus::DoesNotMatch => out.push(Check {
                name: CheckName::KeyMatches,
                ok: want.key == KeyStatus::Matches,
                finding: Finding::Key,
            }),
        }
        out
    }

    /// Every value of the attribute must equal `expected`, and there must be one.
    fn subject_check(&self, name: CheckName, oid: &str, expected: &str) -> Check {
        let values: Vec<&str> = self.subject.values(oid).collect();
        Check {
            name,
            ok: !values.is_empty() && values.iter().all(|v| *v == expected),
            finding: Finding::Value {
                actual: values.iter().map(|v| display_safe(v)).collect(),
                expected: expected.to_owned(),
            },
        }
    }
}

/// What the checks compare the certificate with.
#[derive(Clone, Debug)]
pub struct Expectations<'a> {
    pub profile: &'a Profile,
    /// The user ID from the notice, when the member gave it.
    pub expect_uid: Option<&'a str>,
    pub now: DateTime<Utc>,
    /// Warn when the certificate expires within this many days.
    pub warn_days: u32,
    /// What the file says about the private key.
    pub key: KeyStatus,
}

/// The private key that came with the certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStatus {
    /// A bare certificate (from a server answer or a `.cer`): no key is expected.
    NotApplicable,
    /// The file holds no private key.
    Missing,
    Matches,
    DoesNotMatch,
    /// A key of a type whose match cannot be decided: no check is shown.
    Unknown,
}

/// One check, as shown with ✓/✗ and in the JSON `checks` array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub name: CheckName,
    pub ok: bool,
    /// What was found, for the outer layer to put into words.
    pub finding: Finding,
}

/// What a check found, as data: the words are the ui's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// An attribute compared with what it must be: the values found (terminal-safe; empty when
    /// the certificate has none) and the value expected.
    Value {
        actual: Vec<String>,
        expected: String,
    },
    /// Where the moment of the check falls in the validity period.
    Validity(Validity),
    /// Days left, against the warning period.
    Expiry { days_left: i64, warn_days: u32 },
    /// The private key check: `ok` says it all.
    Key,
}

/// The checks, by stable name (the JSON `name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckName {
    Issuer,
    Organization,
    Country,
    Uid,
    Validity,
    NotExpiringSoon,
    HasPrivateKey,
    KeyMatches,
}

impl CheckName {
    /// The stable JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckName::Issuer => "issuer",
            CheckName::Organization => "organization",
            CheckName::Country => "country",
            CheckName::Uid => "uid",
            CheckName::Validity => "validity",
            CheckName::NotExpiringSoon => "not-expiring-soon",
            CheckName::HasPrivateKey => "has-private-key",
            CheckName::KeyMatches => "key-matches",
        }
    }

    /// A failed warning (expiring soon) is shown as `!`, not `✗`: the certificate still works.
    pub fn is_warning(self) -> bool {
        matches!(self, CheckName::NotExpiringSoon)
    }
}

/// How serious a failed check is, most serious first: a missing key or one that does not match
/// makes the file useless; a wrong issuer, O, C or UID means it is not the member's certificate;
/// an expired one must be renewed; one expiring soon still works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    NoKey,
    KeyMismatch,
    NotTheMembers,
    Expired,
    ExpiresSoon,
}

impl CheckName {
    /// How serious a failure of this check is.
    pub fn severity(self) -> Severity {
        match self {
            CheckName::Issuer | CheckName::Organization | CheckName::Country | CheckName::Uid => {
                Severity::NotTheMembers
            }
            CheckName::Validity => Severity::Expired,
            CheckName::NotExpiringSoon => Severity::ExpiresSoon,
            CheckName::HasPrivateKey => Severity::NoKey,
            CheckName::KeyMatches => Severity::KeyMismatch,
        }
    }
}

/// The most serious failure among `checks`, `None` when all passed.
pub fn worst_failure(checks: &[Check]) -> Option<Severity> {
    checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.name.severity())
        .min()
}

/// Where a moment falls in the validity period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    NotYetValid {
        days_until: i64,
    },
    Valid {
        days_left: i64,
        remaining: TimeDelta,
    },
    Expired {
        days_ago: i64,
    },
}

// ---- distinguished names -----------------------------------------------------------------------

/// A distinguished name, its RDNs in certificate order (most significant, usually `C`, first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistinguishedName {
    pub rdns: Vec<Vec<Attribute>>,
}

/// One attribute of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// Dotted OID of the attribute type.
    pub oid: String,
    pub value: AttributeValue,
}

/// An attribute value: text when it is any ASN.1 string type, else the raw DER.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeValue {
    Text(String),
    /// Not a string (or not universal class): the whole DER TLV.
    Der(Vec<u8>),
}

impl DistinguishedName {
    fn from_x509(name: &X509Name<'_>) -> DistinguishedName {
        DistinguishedName {
            rdns: name
                .iter_rdn()
                .map(|rdn| {
                    rdn.iter()
                        .map(|atv| Attribute {
                            oid: atv.attr_type().to_id_string(),
                            value: AttributeValue::from_any(atv.attr_value()),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Every attribute in order.
    pub fn attributes(&self) -> impl Iterator<Item = &Attribute> {
        self.rdns.iter().flatten()
    }

    /// The text values of an attribute type, in order.
    pub fn values<'s>(&'s self, oid: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.attributes()
            .filter(move |a| a.oid == oid)
            .filter_map(|a| a.value.text())
    }

    /// The first text value of an attribute type.
    pub fn first(&self, oid: &str) -> Option<&str> {
        self.attributes()
            .filter(|a| a.oid == oid)
            .find_map(|a| a.value.text())
    }

    /// The RFC 4514 string, as `openssl x509 -nameopt RFC2253,-esc_msb` prints it: last RDN first,
    /// RDNs joined by `,`, multi-valued RDNs by `+`, OpenSSL's short names (`UID` upper case),
    /// special characters escaped, unknown attribute types as dotted OID with a `#hex` value.
    pub fn rfc4514(&self) -> String {
        let mut out = String::new();
        for (i, rdn) in self.rdns.iter().rev().enumerate() {
            if i > 0 {
                out.push(',');
            }
            for (j, a) in rdn.iter().enumerate() {
                if j > 0 {
                    out.push('+');
                }
                match (short_name(&a.oid), &a.value) {
                    (Some(sn), AttributeValue::Text(s)) => {
                        out.push_str(sn);
                        out.push('=');
                        escape_rfc4514(s, &mut out);
                    }
                    (sn, _) => {
                        out.push_str(sn.unwrap_or(&a.oid));
                        out.push_str("=#");
                        out.push_str(&hex::encode(a.value.der()));
                    }
                }
            }
        }
        out
    }
}

impl fmt::Display for DistinguishedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc4514())
    }
}

impl Attribute {
    /// The attribute's name: the short name for the usual attributes (`UID` for the user ID, which
    /// the ui labels ユーザーID), the registered name (oid-registry) or the dotted OID for the rest.
    pub fn label(&self) -> String {
        if let Some(sn) = short_name(&self.oid) {
            return sn.to_owned();
        }
        registered_name(&self.oid).unwrap_or_else(|| self.oid.clone())
    }

    /// The value as a person sees it: text with control characters escaped, or `#hex`.
    pub fn display_value(&self) -> String {
        match &self.value {
            AttributeValue::Text(s) => display_safe(s),
            AttributeValue::Der(d) => format!("#{}", hex::encode(d)),
        }
    }
}

impl AttributeValue {
    fn from_any(any: &Any<'_>) -> AttributeValue {
        if any.class() == Class::Universal
            && let Some(s) = decode_string(any.tag(), any.data)
        {
            return AttributeValue::Text(s);
        }
        // Invariant-free fallback: re-encoding a parsed Any only fails for absurd lengths; show
        // the content octets then rather than nothing.
        AttributeValue::Der(any.to_der_vec().unwrap_or_else(|_| any.data.to_vec()))
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            AttributeValue::Text(s) => Some(s),
            AttributeValue::Der(_) => None,
        }
    }

    /// The DER of a value for `#hex` rendering; a text value is re-encoded as UTF8String.
    fn der(&self) -> Vec<u8> {
        match self {
            AttributeValue::Der(d) => d.clone(),
            // Invariant: a name's text is far below der's 256 MiB length limit; an impossible
            // failure shows the bare UTF-8 rather than nothing.
            AttributeValue::Text(s) => der::asn1::Utf8StringRef::new(s)
                .and_then(|u| der::Encode::to_der(&u))
                .unwrap_or_else(|_| s.as_bytes().to_vec()),
        }
    }
}

/// Decodes the content octets of any ASN.1 character string type; `None` for other types.
///
/// Never fails on a string type: a byte sequence that breaks its type's rules is shown with
/// U+FFFD (UTF-8, BMP, Universal) or read as Latin-1 (the 8-bit types), as OpenSSL effectively
/// does, rather than hiding the whole name.
pub fn decode_string(tag: Tag, data: &[u8]) -> Option<String> {
    Some(match tag {
        Tag::Utf8String => String::from_utf8_lossy(data).into_owned(),
        // 7-bit types: ASCII in a valid certificate; a stray 8-bit byte is shown as Latin-1.
        Tag::PrintableString | Tag::Ia5String | Tag::NumericString | Tag::VisibleString => {
            latin1(data)
        }
        // T.61 and the other ISO 2022 types: OpenSSL maps each byte to the code point of the same
        // value, which is Latin-1. Real certificates use them for Western European names.
        Tag::TeletexString | Tag::VideotexString | Tag::GraphicString | Tag::GeneralString => {
            latin1(data)
        }
        Tag::BmpString => {
            let units = data.chunks(2).map(|c| match c {
                [a, b] => u16::from_be_bytes([*a, *b]),
                // An odd trailing byte: not UTF-16; show a replacement character.
                _ => 0xFFFD,
            });
            char::decode_utf16(units)
                .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        Tag::UniversalString => data
            .chunks(4)
            .map(|c| match c {
                [a, b, cc, d] => char::from_u32(u32::from_be_bytes([*a, *b, *cc, *d]))
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
                _ => char::REPLACEMENT_CHARACTER,
            })
            .collect(),
        _ => return None,
    })
}

/// The serial number's value in hex, as OpenSSL prints it: without the leading zero octet DER adds
/// to keep a number positive, but never empty.
fn serial_hex(raw: &[u8]) -> String {
    let skip = raw
        .iter()
        .take_while(|b| **b == 0)
        .count()
        .min(raw.len().saturating_sub(1));
    hex::encode(&raw[skip..])
}

fn latin1(data: &[u8]) -> String {
    data.iter().map(|&b| char::from(b)).collect()
}

/// Escapes an attribute value for an RFC 4514 string (section 2.4), as OpenSSL's `RFC2253`
/// name option does: the special characters with a backslash, a leading `#` or space and a
/// trailing space, and control characters as `\XX` (so that a name can never move the cursor or
/// recolour a terminal).
fn escape_rfc4514(s: &str, out: &mut String) {
    let last = s.chars().count().saturating_sub(1);
    for (i, c) in s.chars().enumerate() {
        match c {
            ',' | '+' | '"' | '\\' | '<' | '>' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            c if is_unsafe_char(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
}

/// Makes certificate text safe to print on a terminal: control characters and Unicode direction
/// overrides (which can make a name read as another) become visible `\u{…}` escapes.
pub fn display_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn short_name(oid: &str) -> Option<&'static str> {
    SHORT_NAMES
        .iter()
        .find(|(o, _)| *o == oid)
        .map(|(_, sn)| *sn)
}

fn registered_name(dotted: &str) -> Option<String> {
    let oid: x509_parser::asn1_rs::Oid<'static> = dotted.parse().ok()?;
    x509_parser::objects::oid2sn(&oid, x509_parser::objects::oid_registry())
        .ok()
        .map(str::to_owned)
}

/// A user ID as a person may type it from the paper notice: surrounding spaces dropped and
/// full-width letters and digits (全角) turned into the ASCII ones the certificate holds.
pub fn normalize_typed_id(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

// ---- keys --------------------------------------------------------------------------------------

/// The subject public key's type and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa {
        bits: usize,
    },
    /// A named curve: `P-256`, `P-384`, `P-521`, or the curve's OID.
    Ec {
        curve: String,
    },
    Ed25519,
    Ed448,
    /// Anything else, by registered name or dotted OID.
    Other(String),
}

impl KeyAlgorithm {
    fn from_spki(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> KeyAlgorithm {
        let alg = spki.algorithm.algorithm.to_id_string();
        match alg.as_str() {
            "1.2.840.113549.1.1.1" => match spki.parsed() {
                Ok(PublicKey::RSA(rsa)) => KeyAlgorithm::Rsa {
                    bits: rsa.key_size(),
                },
                _ => KeyAlgorithm::Other("RSA (unreadable)".into()),
            },
            "1.2.840.10045.2.1" => {
                let curve = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.as_oid().ok())
                    .map(|o| o.to_id_string());
                KeyAlgorithm::Ec {
                    curve: match curve.as_deref() {
                        Some("1.2.840.10045.3.1.7") => "P-256".into(),
                        Some("1.3.132.0.34") => "P-384".into(),
                        Some("1.3.132.0.35") => "P-521".into(),
                        Some(other) => registered_name(other).unwrap_or_else(|| other.to_owned()),
                        None => "?".into(),
                    },
                }
            }
            "1.3.101.112" => KeyAlgorithm::Ed25519,
            "1.3.101.113" => KeyAlgorithm::Ed448,
            other => KeyAlgorithm::Other(registered_name(other).unwrap_or_else(|| other.into())),
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa { bits } => write!(f, "RSA {bits}"),
            KeyAlgorithm::Ec { curve } => write!(f, "EC {curve}"),
            KeyAlgorithm::Ed25519 => f.write_str("Ed25519"),
            KeyAlgorithm::Ed448 => f.write_str("Ed448"),
            KeyAlgorithm::Other(s) => f.write_str(s),
        }
    }
}

/// The key usage bits (RFC 5280 section 4.2.1.3), in bit order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyUsage {
    DigitalSignature,
    NonRepudiation,
    KeyEncipherment,
    DataEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
    EncipherOnly,
    DecipherOnly,
}

impl KeyUsage {
    const ALL: [KeyUsage; 9] = [
        KeyUsage::DigitalSignature,
        KeyUsage::NonRepudiation,
        KeyUsage::KeyEncipherment,
        KeyUsage::DataEncipherment,
        KeyUsage::KeyAgreement,
        KeyUsage::KeyCertSign,
        KeyUsage::CrlSign,
        KeyUsage::EncipherOnly,
        KeyUsage::DecipherOnly,
    ];

    /// x509-parser stores bit n of the BIT STRING as `1 << n`.
    fn from_flags(flags: u16) -> Vec<KeyUsage> {
        Self::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| flags & (1 << i) != 0)
            .map(|(_, k)| *k)
            .collect()
    }

    /// The RFC 5280 name (`digitalSignature`), for JSON.
    pub fn rfc5280_name(self) -> &'static str {
        match self {
            KeyUsage::DigitalSignature => "digitalSignature",
            KeyUsage::NonRepudiation => "nonRepudiation",
            KeyUsage::KeyEncipherment => "keyEncipherment",
            KeyUsage::DataEncipherment => "dataEncipherment",
            KeyUsage::KeyAgreement => "keyAgreement",
            KeyUsage::KeyCertSign => "keyCertSign",
            KeyUsage::CrlSign => "cRLSign",
            KeyUsage::EncipherOnly => "encipherOnly",
            KeyUsage::DecipherOnly => "decipherOnly",
        }
    }
}

// ---- time --------------------------------------------------------------------------------------

fn utc(ts: i64) -> Result<DateTime<Utc>, CertViewError> {
    DateTime::from_timestamp(ts, 0).ok_or_else(|| CertViewError {
        detail: format!("validity time {ts} out of range"),
    })
}

fn whole_days(d: TimeDelta) -> i64 {
    d.num_days()
}

/// RFC 3339 in UTC with a `Z`, whole seconds: `2028-03-31T14:59:59Z`.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Local time for people: `2028-03-31 23:59:59 +09:00`.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tag: Tag, data: &[u8]) -> String {
        decode_string(tag, data).unwrap()
    }

    #[test]
    fn decodes_every_string_type() {
        assert_eq!(text(Tag::Utf8String, "山田".as_bytes()), "山田");
        assert_eq!(text(Tag::PrintableString, b"JP"), "JP");
        // BMPString "日本" (U+65E5 U+672C).
        assert_eq!(text(Tag::BmpString, &[0x65, 0xE5, 0x67, 0x2C]), "日本");
        // A surrogate pair: U+1F600.
        assert_eq!(text(Tag::BmpString, &[0xD8, 0x3D, 0xDE, 0x00]), "😀");
        assert_eq!(
            text(Tag::UniversalString, &[0, 0, 0x30, 0x42, 0, 0, 0, b'a']),
            "あa"
        );
        // T61String with a Latin-1 byte (é = 0xE9) that is not UTF-8.
        assert_eq!(text(Tag::TeletexString, b"Ren\xE9"), "René");
        assert_eq!(text(Tag::VideotexString, b"x\xFF"), "x\u{FF}");
    }

    #[test]
    fn broken_strings_still_display() {
        // Odd-length BMPString, a lone surrogate, an invalid UTF-32 value, bad UTF-8.
        assert_eq!(text(Tag::BmpString, &[0x00, 0x41, 0x00]), "A\u{FFFD}");
        assert_eq!(text(Tag::BmpString, &[0xD8, 0x00, 0x00, 0x41]), "\u{FFFD}A");
        assert_eq!(
            text(Tag::UniversalString, &[0x00, 0x11, 0x00, 0x00, 0, 0]),
            "\u{FFFD}\u{FFFD}"
        );
        assert_eq!(text(Tag::Utf8String, b"a\xFFb"), "a\u{FFFD}b");
        assert_eq!(text(Tag::PrintableString, b"a\xC4"), "a\u{C4}");
        assert_eq!(text(Tag::BmpString, &[]), "");
    }

    #[test]
    fn non_strings_are_not_text() {
        assert_eq!(decode_string(Tag::OctetString, b"ab"), None);
        assert_eq!(decode_string(Tag::Integer, &[1]), None);
        assert_eq!(decode_string(Tag::Sequence, &[]), None);
    }

    fn dn(rdns: &[&[(&str, AttributeValue)]]) -> DistinguishedName {
        DistinguishedName {
            rdns: rdns
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|(o, v)| Attribute {
                            oid: (*o).into(),
                            value: v.clone(),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    fn txt(s: &str) -> AttributeValue {
        AttributeValue::Text(s.into())
    }

    #[test]
    fn rfc4514_order_names_and_multivalued_rdns() {
        let d = dn(&[
            &[(OID_C, txt("JP"))],
            &[(
                OID_O,
                txt("Japan Federation of Shiho-shoshi Lawyer's Associations"),
            )],
            &[(OID_UID, txt("1234567")), (OID_CN, txt("TARO YAMADA"))],
        ]);
        assert_eq!(
            d.rfc4514(),
            "UID=1234567+CN=TARO YAMADA,O=Japan Federation of Shiho-shoshi Lawyer's \
             Associations,C=JP"
        );
        assert_eq!(d.first(OID_CN), Some("TARO YAMADA"));
        assert_eq!(d.first("2.5.4.11"), None);
    }

    #[test]
    fn rfc4514_escapes() {
        let d = dn(&[&[(OID_O, txt("SECOM Trust Systems CO.,LTD."))]]);
        assert_eq!(d.rfc4514(), "O=SECOM Trust Systems CO.\\,LTD.");
        let d = dn(&[&[(OID_CN, txt("#a+b;c<d>\"e\\ "))]]);
        assert_eq!(d.rfc4514(), "CN=\\#a\\+b\\;c\\<d\\>\\\"e\\\\\\ ");
        let d = dn(&[&[(OID_CN, txt(" x"))]]);
        assert_eq!(d.rfc4514(), "CN=\\ x");
        // A control character cannot reach the terminal.
        let d = dn(&[&[(OID_CN, txt("a\u{1b}[31mb"))]]);
        assert_eq!(d.rfc4514(), "CN=a\\1B[31mb");
        // A '#' inside the value is not special.
        let d = dn(&[&[(OID_CN, txt("a#b"))]]);
        assert_eq!(d.rfc4514(), "CN=a#b");
    }

    #[test]
    fn unknown_types_and_values_are_hex() {
        let d = dn(&[&[("1.2.3.4", txt("ab"))]]);
        assert_eq!(d.rfc4514(), "1.2.3.4=#0c026162");
        let d = dn(&[&[(OID_CN, AttributeValue::Der(vec![0x04, 0x01, 0xFF]))]]);
        assert_eq!(d.rfc4514(), "CN=#0401ff");
        assert_eq!(d.first(OID_CN), None);
    }

    #[test]
    fn labels() {
        let a = |oid: &str| Attribute {
            oid: oid.into(),
            value: txt("x"),
        };
        assert_eq!(a(OID_CN).label(), "CN");
        assert_eq!(a("1.2.840.113549.1.9.1").label(), "emailAddress");
        assert_eq!(a("1.2.3.4.5").label(), "1.2.3.4.5");
        assert_eq!(a(OID_UID).label(), "UID");
    }

    #[test]
    fn display_safe_escapes_controls_and_bidi() {
        assert_eq!(display_safe("ab"), "ab");
        assert_eq!(display_safe("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(display_safe("a\u{202E}b"), "a\\u{202e}b");
        assert_eq!(display_safe("山田"), "山田");
    }

    #[test]
    fn serials_drop_the_sign_octet_only() {
        assert_eq!(serial_hex(&[0x00, 0x80, 0x01]), "8001");
        assert_eq!(serial_hex(&[0x0A]), "0a");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[]), "");
    }

    #[test]
    fn typed_ids_are_normalized() {
        assert_eq!(normalize_typed_id(" １２３ab "), "123ab");
        assert_eq!(normalize_typed_id("1234567"), "1234567");
        // As typed with a Japanese input method on: full-width capitals and spaces (U+3000).
        assert_eq!(
            normalize_typed_id("\u{3000}ＡＢＣ１２３４５\u{3000}"),
            "ABC12345"
        );
    }

    #[test]
    fn key_usage_bits() {
        assert_eq!(
            KeyUsage::from_flags(0b11),
            [KeyUsage::DigitalSignature, KeyUsage::NonRepudiation]
        );
        assert_eq!(KeyUsage::from_flags(1 << 8), [KeyUsage::DecipherOnly]);
        assert!(KeyUsage::from_flags(0).is_empty());
    }

    fn view(uid: &str, not_before: i64, not_after: i64) -> CertView {
        CertView {
            subject: dn(&[
                &[(OID_C, txt("JP"))],
                &[(
                    OID_O,
                    txt("Japan Federation of Shiho-shoshi Lawyer's Associations"),
                )],
                &[(OID_UID, txt(uid))],
                &[(OID_CN, txt("TARO YAMADA"))],
            ]),
            issuer: dn(&[&[(OID_CN, txt("SECOM Passport for G-ID"))]]),
            not_before: DateTime::from_timestamp(not_before, 0).unwrap(),
            not_after: DateTime::from_timestamp(not_after, 0).unwrap(),
            serial: "01".into(),
            sha256_fingerprint: "00".repeat(32),
            key: KeyAlgorithm::Rsa { bits: 2048 },
            key_usage: None,
            is_ca: false,
        }
    }

    fn failing(
        v: &CertView,
        now: i64,
        warn_days: u32,
        uid: Option<&str>,
        key: KeyStatus,
    ) -> Vec<&'static str> {
        let profile = crate::profile::builtin().remove(0);
        v.checks(&Expectations {
            profile: &profile,
            expect_uid: uid,
            now: DateTime::from_timestamp(now, 0).unwrap(),
            warn_days,
            key,
        })
        .into_iter()
        .filter(|c| !c.ok)
        .map(|c| c.name.as_str())
        .collect()
    }

    const DAY: i64 = 86_400;

    #[test]
    fn validity_edges() {
        let v = view("1234567", 100 * DAY, 200 * DAY);
        let ok = KeyStatus::Matches;
        assert!(failing(&v, 150 * DAY, 30, None, ok).is_empty());
        // The first and last second are inside the period.
        assert_eq!(failing(&v, 100 * DAY, 0, None, ok), Vec::<&str>::new());
        assert_eq!(failing(&v, 200 * DAY, 0, None, ok), ["not-expiring-soon"]);
        assert_eq!(failing(&v, 200 * DAY + 1, 30, None, ok), ["validity"]);
        assert_eq!(failing(&v, 100 * DAY - 1, 30, None, ok), ["validity"]);
        // Exactly 30 days left is "within 30 days"; 30 days and a second is not.
        assert_eq!(failing(&v, 170 * DAY, 30, None, ok), ["not-expiring-soon"]);
        assert!(failing(&v, 170 * DAY - 1, 30, None, ok).is_empty());
        assert_eq!(
            v.days_left(DateTime::from_timestamp(203 * DAY + 5, 0).unwrap()),
            -3
        );
        assert_eq!(
            v.validity_at(DateTime::from_timestamp(97 * DAY, 0).unwrap()),
            Validity::NotYetValid { days_until: 3 }
        );
    }

    #[test]
    fn uid_and_key_checks() {
        let v = view("1234567", 0, 400 * DAY);
        let now = DAY;
        assert!(failing(&v, now, 30, Some("１２３４５６７ "), KeyStatus::Matches).is_empty());
        assert_eq!(
            failing(&v, now, 30, Some("1234568"), KeyStatus::Matches),
            ["uid"]
        );
        assert_eq!(
            failing(&v, now, 30, None, KeyStatus::DoesNotMatch),
            ["key-matches"]
        );
        assert_eq!(
            failing(&v, now, 30, None, KeyStatus::Missing),
            ["has-private-key"]
        );
        assert!(failing(&v, now, 30, None, KeyStatus::NotApplicable).is_empty());
    }

    #[test]
    fn a_missing_attribute_fails_its_check() {
        let mut v = view("1", 0, 400 * DAY);
        v.subject.rdns.remove(1);
        v.issuer = DistinguishedName::default();
        assert_eq!(
            failing(&v, DAY, 30, None, KeyStatus::Matches),
            ["issuer", "organization"]
        );
    }

    #[test]
    fn the_most_serious_failure_wins() {
        let c = |name, ok| Check {
            name,
            ok,
            finding: Finding::Key,
        };
        assert_eq!(worst_failure(&[c(CheckName::Issuer, true)]), None);
        assert_eq!(
            worst_failure(&[
                c(CheckName::NotExpiringSoon, false),
                c(CheckName::Validity, true)
            ]),
            Some(Severity::ExpiresSoon)
        );
        assert_eq!(
            worst_failure(&[c(CheckName::Validity, false), c(CheckName::Issuer, false)]),
            Some(Severity::NotTheMembers)
        );
        assert_eq!(
            worst_failure(&[c(CheckName::Uid, false), c(CheckName::KeyMatches, false)]),
            Some(Severity::KeyMismatch)
        );
        assert_eq!(
            worst_failure(&[
                c(CheckName::HasPrivateKey, false),
                c(CheckName::KeyMatches, false)
            ]),
            Some(Severity::NoKey)
        );
    }
}
