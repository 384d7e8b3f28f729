//! What a file is, without a PIN: so that a member who picks the wrong file hears "this is a PEM
//! certificate, not a .p12" rather than "wrong PIN" or "corrupt".

use base64::Engine;

use der::Tag;

use super::ber;

/// What a file looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A PKCS#12 file (possibly truncated or damaged: its first bytes are those of a PFX).
    Pkcs12,
    /// PEM text; `label` is the word after `-----BEGIN ` (e.g. `CERTIFICATE`).
    Pem { label: String },
    /// Base64 text that decodes to a PKCS#12 file or a certificate.
    Base64,
    /// A bare X.509 certificate in DER.
    Certificate,
    /// Anything else.
    Unknown,
}

/// Looks at `bytes` (no PIN, no decryption) and says what they are.
pub fn sniff(bytes: &[u8]) -> FileKind {
    if looks_like_pfx(bytes) {
        return FileKind::Pkcs12;
    }
    if looks_like_certificate(bytes) {
        return FileKind::Certificate;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = trim_ascii_start(text);
    if let Some(rest) = text.strip_prefix(b"-----BEGIN ") {
        let end = rest.iter().position(|&b| b == b'-' || b == b'\n');
        let label = &rest[..end.unwrap_or(rest.len()).min(64)];
        if label.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
            return FileKind::Pem {
                label: String::from_utf8_lossy(label).trim().to_owned(),
            };
        }
    }
    if let Some(decoded) = decode_base64_text(text)
        && (looks_like_pfx(&decoded) || looks_like_certificate(&decoded))
    {
        return FileKind::Base64;
    }
    FileKind::Unknown
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// What the first bytes of a file say about a PFX (see [`pfx_head`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PfxHead {
    /// Every byte of the PFX prefix (up to the content type) was present, not only a part.
    pub complete: bool,
    /// The whole file's length as the outer SEQUENCE declares it (header included); `None` for
    /// BER's indefinite length, or when the length bytes are cut off.
    pub declared_len: Option<u64>,
}

/// Whether every byte present agrees with the start of a PFX: `SEQUENCE { INTEGER 3, SEQUENCE {
/// OBJECT IDENTIFIER data or signedData`, DER or BER lengths. `None` when a byte contradicts it.
/// Holds for a file truncated anywhere, so that such a file is reported as damaged, and for a
/// file's first bytes alone (what `scan` reads).
///
/// The one place the keystore matches encoding bytes itself (three headers and two fixed
/// prefixes, no parsing below them): it must judge a *prefix* of a file, and `der` reads whole
/// values only (under BER rules an indefinite length is measured by reading to its
/// end-of-contents octets, which a prefix does not have).
pub fn pfx_head(b: &[u8]) -> Option<PfxHead> {
    /// After one identifier and length: the rest, and the declared content length (`None`:
    /// indefinite or cut off). An empty rest when the input ends within them.
    fn header(b: &[u8], tag: u8) -> Option<(&[u8], Option<u64>)> {
        let Some((&t, rest)) = b.split_first() else {
            return Some((&[], None));
        };
        if t != tag {
            return None;
        }
        match rest.split_first() {
            None => Some((&[], None)),
            Some((&l, r)) if l < 0x80 => Some((r, Some(u64::from(l) + 2))),
            // Indefinite (BER).
            Some((0x80, r)) => Some((r, None)),
            Some((&l, r)) if (0x81..=0x84).contains(&l) => {
                let n = (l & 0x7F) as usize;
                match r.get(..n) {
                    Some(len) => {
                        let len = len.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
                        Some((&r[n..], Some(len + 2 + n as u64)))
                    }
                    None => Some((&[], None)),
                }
            }
            Some(_) => None,
        }
    }
    /// Whether `rest` starts with `want`, as far as it goes; and the rest after it.
    fn prefix<'a>(rest: &'a [u8], want: &[u8]) -> Option<(&'a [u8], bool)> {
        let n = rest.len().min(want.len());
        (rest[..n] == want[..n]).then(|| (&rest[n..], n == want.len()))
    }
    if b.is_empty() {
        return None;
    }
    let (rest, declared_len) = header(b, 0x30)?;
    let (rest, whole) = prefix(rest, &[0x02, 0x01, 0x03])?;
    let (rest, _) = if whole {
        header(rest, 0x30)?
    } else {
        (rest, None)
    };
    // contentType: 1.2.840.113549.1.7.1 (data) or .2 (signedData).
    let content_type = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];
    let (rest, whole) = prefix(rest, &content_type)?;
    let complete = match rest.first() {
        Some(1 | 2) if whole => true,
        Some(_) if whole => return None,
        _ => false,
    };
    Some(PfxHead {
        complete,
        declared_len,
    })
}

/// Whether `b` could be (the start of) a PFX: [`pfx_head`] finds nothing against it.
pub fn looks_like_pfx(b: &[u8]) -> bool {
    pfx_head(b).is_some()
}

/// `Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE,
/// signatureValue BIT STRING }`, BER allowed.
fn looks_like_certificate(b: &[u8]) -> bool {
    if b.first() != Some(&0x30) {
        return false;
    }
    ber::parse(b, "certificate", |r| {
        ber::seq(r, "certificate", |cert| {
            ber::expect(cert, Tag::Sequence, "tbsCertificate")?;
            ber::expect(cert, Tag::Sequence, "signatureAlgorithm")?;
            ber::expect(cert, Tag::BitString, "signatureValue")?;
            Ok(())
        })
    })
    .is_ok()
}

/// Base64 text (standard alphabet, any line breaks), at least a few dozen characters.
fn decode_base64_text(text: &[u8]) -> Option<Vec<u8>> {
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.len() < 32
        || !compact
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        return None;
    }
    base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pem_by_label() {
        assert_eq!(
            sniff(b"\xEF\xBB\xBF\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
            FileKind::Pem {
                label: "CERTIFICATE".into()
            }
        );
        assert_eq!(
            sniff(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            FileKind::Pem {
                label: "ENCRYPTED PRIVATE KEY".into()
            }
        );
    }

    #[test]
    fn pfx_prefixes_are_pkcs12_even_when_truncated() {
        let head = [
            0x30, 0x82, 0x0A, 0x2F, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09, 0xF5, 0x06, 0x09, 0x2A,
            0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
        ];
        for n in 1..=head.len() {
            assert_eq!(sniff(&head[..n]), FileKind::Pkcs12, "{n}");
        }
        // BER (NSS): indefinite lengths.
        let ber = [0x30, 0x80, 0x02, 0x01, 0x03, 0x30, 0x80, 0x06, 0x09, 0x2A];
        assert_eq!(sniff(&ber), FileKind::Pkcs12);
        // Another content type (enveloped data, 7.3), or no ContentInfo after the version.
        let mut other = head;
        other[21] = 0x03;
        assert_eq!(sniff(&other), FileKind::Unknown);
        assert_eq!(
            sniff(&[0x30, 0x05, 0x02, 0x01, 0x03, 0x04, 0x00]),
            FileKind::Unknown
        );
        // Version 2, or not a SEQUENCE: something else.
        assert_eq!(sniff(&[0x30, 0x03, 0x02, 0x01, 0x02]), FileKind::Unknown);
        assert_eq!(sniff(b"hello world"), FileKind::Unknown);
        assert_eq!(sniff(&[0u8; 64]), FileKind::Unknown);
    }

    #[test]
    fn recognises_a_der_certificate_and_base64_of_one() {
        // SEQUENCE { SEQUENCE {}, SEQUENCE {}, BIT STRING 00 }
        let cert = [0x30, 0x07, 0x30, 0x00, 0x30, 0x00, 0x03, 0x01, 0x00];
        assert_eq!(sniff(&cert), FileKind::Certificate);
        // 9 bytes encode to 12 characters: too short to call base64 with confidence.
        let text = base64::engine::general_purpose::STANDARD.encode(cert);
        assert_eq!(sniff(text.as_bytes()), FileKind::Unknown);
        let mut pfx_head = vec![0x30, 0x82, 0x0A, 0x2F, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09];
        pfx_head.extend([
            0xF5, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
        ]);
        pfx_head.extend([0u8; 30]);
        let text = base64::engine::general_purpose::STANDARD.encode(&pfx_head);
        let wrapped = format!("{}\n{}\n", &text[..20], &text[20..]);
        assert_eq!(sniff(wrapped.as_bytes()), FileKind::Base64);
    }
}
