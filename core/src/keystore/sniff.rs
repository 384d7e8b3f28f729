//! What a file is, without a PIN: so that a member who picks the wrong file hears "this is a PEM
//! certificate, not a .p12" rather than "wrong PIN" or "corrupt".

use base64::Engine;

use super::der::{self, Reader, TAG_BIT_STRING, TAG_SEQUENCE};

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

/// Whether every byte present agrees with the start of a PFX: `SEQUENCE { INTEGER 3, SEQUENCE`.
/// Holds for a file truncated anywhere, so that such a file is reported as damaged.
fn looks_like_pfx(b: &[u8]) -> bool {
    let Some((&0x30, rest)) = b.split_first() else {
        return false;
    };
    // The length: short form, indefinite (BER), or long form with 1 to 4 octets.
    let rest = match rest.split_first() {
        None => return true,
        Some((&l, r)) if l <= 0x80 => r,
        Some((&l, r)) if (0x81..=0x84).contains(&l) => {
            let n = (l & 0x7F) as usize;
            if r.len() < n {
                return true;
            }
            &r[n..]
        }
        Some(_) => return false,
    };
    let expected = [0x02, 0x01, 0x03, 0x30];
    let n = rest.len().min(expected.len());
    rest[..n] == expected[..n]
}

/// `Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE,
/// signatureValue BIT STRING }`, BER allowed.
fn looks_like_certificate(b: &[u8]) -> bool {
    if b.first() != Some(&0x30) {
        return false;
    }
    let Some(der) = der::ber_to_der(b) else {
        return false;
    };
    let check = || -> Result<(), der::DerError> {
        let mut top = Reader::new(&der);
        let mut cert = top.sequence("cert")?;
        cert.expect(TAG_SEQUENCE, "tbs")?;
        cert.expect(TAG_SEQUENCE, "alg")?;
        cert.expect(TAG_BIT_STRING, "sig")?;
        cert.finish("cert")
    };
    check().is_ok()
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
        let head = [0x30, 0x82, 0x0A, 0x2F, 0x02, 0x01, 0x03, 0x30, 0x82];
        for n in 1..=head.len() {
            assert_eq!(sniff(&head[..n]), FileKind::Pkcs12, "{n}");
        }
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
        let mut pfx_head = vec![0x30, 0x82, 0x0A, 0x2F, 0x02, 0x01, 0x03, 0x30, 0x82];
        pfx_head.extend([0u8; 30]);
        let text = base64::engine::general_purpose::STANDARD.encode(&pfx_head);
        let wrapped = format!("{}\n{}\n", &text[..20], &text[20..]);
        assert_eq!(sniff(wrapped.as_bytes()), FileKind::Base64);
    }
}
