//! Just enough DER for PKCS#12: a strict reader over a byte slice, a BER-to-DER normaliser for the
//! files NSS writes (indefinite lengths, constructed OCTET STRINGs), and a TLV encoder.
//!
//! Still hand-written. The reason once given (the `der` crate refuses BER) no longer holds:
//! der 0.8 has a `ber` feature (indefinite lengths, constructed and implicitly tagged OCTET
//! STRINGs), and the rest of the keystore already uses it (friendlyName and localKeyId values,
//! the writer's types, certview's string re-encoding). Moving the reader onto der's types
//! (pkcs12, cms, pkcs8, spki) is the open part of issue 14; until then this module is covered by
//! the `ber` and `open` fuzz targets and the differential test against OpenSSL
//! (docs/fuzzing.md). Only low tag numbers
//! (< 31) occur in PKCS#12, so a high-tag-number form is treated as damage.

use zeroize::Zeroizing;

/// Why a structure could not be read: where, for diagnostics. Never contains secret bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DerError(pub &'static str);

pub type DerResult<T> = Result<T, DerError>;

pub const TAG_INTEGER: u8 = 0x02;
pub const TAG_BIT_STRING: u8 = 0x03;
pub const TAG_OCTET_STRING: u8 = 0x04;
pub const TAG_NULL: u8 = 0x05;
pub const TAG_OID: u8 = 0x06;
pub const TAG_SEQUENCE: u8 = 0x30;
pub const TAG_SET: u8 = 0x31;
/// `[0]` constructed, as used by EXPLICIT context tags.
pub const TAG_CTX0_CONS: u8 = 0xA0;
/// `[0]` primitive, as used by `[0] IMPLICIT OCTET STRING`.
pub const TAG_CTX0_PRIM: u8 = 0x80;
pub const TAG_CTX1_CONS: u8 = 0xA1;

/// Deepest nesting the normaliser follows; PKCS#12 needs about 12 levels.
const MAX_DEPTH: usize = 64;

/// One DER element.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    /// The content octets.
    pub value: &'a [u8],
    /// The whole element, tag and length included.
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// A reader over this element's contents (for SEQUENCE, SET and EXPLICIT tags).
    pub fn reader(&self) -> Reader<'a> {
        Reader::new(self.value)
    }

    /// The value as a non-negative INTEGER that fits in a `u64`.
    pub fn to_u64(&self, at: &'static str) -> DerResult<u64> {
        if self.tag != TAG_INTEGER {
            return Err(DerError(at));
        }
        uint_u64(self.value).ok_or(DerError(at))
    }
}

/// Reads DER elements one after another from a slice.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next element, whatever its tag.
    pub fn any(&mut self, at: &'static str) -> DerResult<Tlv<'a>> {
        let (tlv, rest) = parse_der(self.rest).ok_or(DerError(at))?;
        self.rest = rest;
        Ok(tlv)
    }

    /// The next element, which must have `tag`.
    pub fn expect(&mut self, tag: u8, at: &'static str) -> DerResult<Tlv<'a>> {
        let tlv = self.any(at)?;
        if tlv.tag != tag {
            return Err(DerError(at));
        }
        Ok(tlv)
    }

    /// The next element if it has `tag`, else nothing (for OPTIONAL fields).
    pub fn optional(&mut self, tag: u8, at: &'static str) -> DerResult<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.expect(tag, at).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The contents of a SEQUENCE.
    pub fn sequence(&mut self, at: &'static str) -> DerResult<Reader<'a>> {
        Ok(self.expect(TAG_SEQUENCE, at)?.reader())
    }

    pub fn octet_string(&mut self, at: &'static str) -> DerResult<&'a [u8]> {
        Ok(self.expect(TAG_OCTET_STRING, at)?.value)
    }

    /// An OBJECT IDENTIFIER's content octets (compare with [`oid`] constants).
    pub fn oid(&mut self, at: &'static str) -> DerResult<&'a [u8]> {
        let v = self.expect(TAG_OID, at)?.value;
        if v.is_empty() || v[v.len() - 1] & 0x80 != 0 {
            return Err(DerError(at));
        }
        Ok(v)
    }

    pub fn u64(&mut self, at: &'static str) -> DerResult<u64> {
        self.expect(TAG_INTEGER, at)?.to_u64(at)
    }

    /// Fails unless every element has been read: trailing data is damage.
    pub fn finish(&self, at: &'static str) -> DerResult<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(DerError(at))
        }
    }
}

/// Splits one strict DER element off the front of `input`: definite minimal lengths only.
fn parse_der(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (&tag, after_tag) = input.split_first()?;
    if tag & 0x1F == 0x1F {
        return None;
    }
    let (len, header_len) = match *after_tag.first()? {
        l if l < 0x80 => (l as usize, 2),
        0x80 => return None, // indefinite: BER, normalised away before reading
        l => {
            let n = (l & 0x7F) as usize;
            if n > 4 {
                return None;
            }
            let bytes = after_tag.get(1..1 + n)?;
            if bytes[0] == 0 {
                return None; // non-minimal
            }
            let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
            if len < 0x80 {
                return None; // non-minimal
            }
            (len, 2 + n)
        }
    };
    let end = header_len.checked_add(len)?;
    let raw = input.get(..end)?;
    Some((
        Tlv {
            tag,
            value: &raw[header_len..],
            raw,
        },
        &input[end..],
    ))
}

/// A non-negative DER INTEGER as u64; `None` when negative, non-minimal or too large.
pub fn uint_u64(v: &[u8]) -> Option<u64> {
    let v = uint_bytes(v)?;
    if v.len() > 8 {
        return None;
    }
    Some(v.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64))
}

/// The magnitude octets of a non-negative INTEGER, without the sign padding byte.
pub fn uint_bytes(v: &[u8]) -> Option<&[u8]> {
    match v {
        [] => None,
        [b, ..] if b & 0x80 != 0 => None,
        [0, next, ..] if next & 0x80 == 0 => None,
        [0, rest @ ..] if !rest.is_empty() => Some(rest),
        _ => Some(v),
    }
}

/// Appends a DER TLV.
pub fn encode(tag: u8, value: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    encode_len(value.len(), out);
    out.extend_from_slice(value);
}

/// A DER TLV as a new vector.
pub fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 6);
    encode(tag, value, &mut out);
    out
}

fn encode_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Rewrites BER as DER: indefinite lengths become definite, long or non-minimal lengths minimal,
/// and constructed OCTET STRINGs (universal tag only) one primitive string. Anything else is
/// copied as is; tagged constructed strings (`[0] IMPLICIT OCTET STRING` in constructed form)
/// are left for the reader, which knows their type. Returns `None` when the input is not BER.
pub fn ber_to_der(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    let rest = normalise(input, &mut out, 0)?;
    if !rest.is_empty() {
        return None;
    }
    Some(out)
}

/// Whether `input` is exactly one element of strict DER, all the way down (so normalising can be
/// skipped: then `ber_to_der(input)` would return `input` unchanged).
pub fn is_der(input: &[u8]) -> bool {
    fn walk(input: &[u8], depth: usize) -> bool {
        let mut rest = input;
        while !rest.is_empty() {
            if depth > MAX_DEPTH {
                return false;
            }
            let Some((tlv, r)) = parse_der(rest) else {
                return false;
            };
            if tlv.tag == 0x24 {
                return false;
            }
            if tlv.tag & 0x20 != 0 && !walk(tlv.value, depth + 1) {
                return false;
            }
            rest = r;
        }
        true
    }
    matches!(parse_der(input), Some((_, rest)) if rest.is_empty()) && walk(input, 0)
}

/// Normalises one element from the front of `input` into `out`; returns what follows it.
fn normalise<'a>(input: &'a [u8], out: &mut Vec<u8>, depth: usize) -> Option<&'a [u8]> {
    if depth > MAX_DEPTH {
        return None;
    }
    let (&tag, after_tag) = input.split_first()?;
    if tag & 0x1F == 0x1F {
        return None;
    }
    let constructed = tag & 0x20 != 0;
    let (&l, after_len) = after_tag.split_first()?;
    // Definite content, or None for indefinite.
    let (content, after): (Option<&[u8]>, &[u8]) = if l < 0x80 {
        let c = after_len.get(..l as usize)?;
        (Some(c), &after_len[l as usize..])
    } else if l == 0x80 {
        if !constructed {
            return None;
        }
        (None, after_len)
    } else {
        let n = (l & 0x7F) as usize;
        if n > 8 {
            return None;
        }
        let bytes = after_len.get(..n)?;
        let len = bytes.iter().try_fold(0usize, |acc, b| {
            acc.checked_mul(256)?.checked_add(*b as usize)
        })?;
        let body = &after_len[n..];
        (Some(body.get(..len)?), &body[len..])
    };

    if !constructed {
        let c = content?; // primitive elements always have a definite length
        encode(tag, c, out);
        return Some(after);
    }

    // Constructed: normalise the children into a buffer, then write with a definite length. The
    // buffers may hold key material (an unencrypted key bag): wiped on drop, sized up front so
    // that growing them rarely leaves copies behind.
    let mut inner = Zeroizing::new(Vec::with_capacity(content.map_or(after.len(), <[u8]>::len)));
    let rest = match content {
        Some(mut c) => {
            while !c.is_empty() {
                c = normalise(c, &mut inner, depth + 1)?;
            }
            after
        }
        None => {
            let mut c = after;
            loop {
                if c.starts_with(&[0, 0]) {
                    break &c[2..];
                }
                if c.is_empty() {
                    return None; // no end-of-contents marker: truncated
                }
                c = normalise(c, &mut inner, depth + 1)?;
            }
        }
    };
    if tag == 0x24 {
        // Constructed OCTET STRING: concatenate the (already flattened) primitive segments.
        let mut joined = Zeroizing::new(Vec::with_capacity(inner.len()));
        let mut r = Reader::new(&inner);
        while !r.is_empty() {
            joined.extend_from_slice(r.expect(TAG_OCTET_STRING, "octets").ok()?.value);
        }
        encode(TAG_OCTET_STRING, &joined, out);
    } else {
        encode(tag, &inner, out);
    }
    Some(rest)
}

/// Dotted text of an OID's content octets, for messages and the model.
pub fn oid_to_string(v: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in v {
        acc = acc.saturating_mul(128).saturating_add((b & 0x7F) as u64);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let (first, second) = match acc {
                    0..=39 => (0, acc),
                    40..=79 => (1, acc - 40),
                    _ => (2, acc - 80),
                };
                arcs.push(first);
                arcs.push(second);
            } else {
                arcs.push(acc);
            }
            acc = 0;
        }
    }
    arcs.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_der_strictly() {
        // SEQUENCE { INTEGER 3, OCTET STRING "ab" }
        let der = [0x30, 0x07, 0x02, 0x01, 0x03, 0x04, 0x02, b'a', b'b'];
        let mut r = Reader::new(&der);
        let mut s = r.sequence("s").unwrap();
        assert_eq!(s.u64("v").unwrap(), 3);
        assert_eq!(s.octet_string("o").unwrap(), b"ab");
        s.finish("end").unwrap();
        r.finish("end").unwrap();
        // Truncated, non-minimal length, indefinite length: all refused.
        assert!(Reader::new(&der[..8]).sequence("s").is_err());
        assert!(Reader::new(&[0x04, 0x81, 0x01, 0x00]).any("x").is_err());
        assert!(Reader::new(&[0x30, 0x80, 0x00, 0x00]).any("x").is_err());
    }

    #[test]
    fn integers_must_be_minimal_and_non_negative() {
        assert_eq!(uint_u64(&[0x00, 0x80]), Some(128));
        assert_eq!(uint_u64(&[0x08, 0x00]), Some(2048));
        assert_eq!(uint_u64(&[0x80]), None);
        assert_eq!(uint_u64(&[0x00, 0x01]), None);
        assert_eq!(uint_u64(&[]), None);
        assert_eq!(uint_u64(&[1; 9]), None);
    }

    #[test]
    fn normalises_indefinite_lengths_and_constructed_octet_strings() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" }, NULL }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x05,
            0x00, 0x00, 0x00,
        ];
        let der = ber_to_der(&ber).unwrap();
        assert_eq!(der, [0x30, 0x07, 0x04, 0x03, b'a', b'b', b'c', 0x05, 0x00]);
        assert!(is_der(&der));
        assert!(!is_der(&ber));
        // Long-form length that DER would write short.
        assert_eq!(
            ber_to_der(&[0x04, 0x81, 0x01, 0x07]).unwrap(),
            [0x04, 0x01, 0x07]
        );
    }

    #[test]
    fn normaliser_refuses_broken_ber() {
        for bad in [
            &[0x30, 0x80, 0x05, 0x00][..], // no end-of-contents
            &[0x04, 0x80, 0x00, 0x00],     // primitive with indefinite length
            &[0x30, 0x05, 0x05, 0x00],     // length past the end
            &[0x1F, 0x01, 0x00],           // high tag number
            &[0x30, 0x00, 0xFF],           // trailing garbage
            &[],
        ] {
            assert!(ber_to_der(bad).is_none(), "{bad:02x?}");
        }
        // Deep nesting is refused, not a stack overflow.
        let mut deep = [0x30, 0x80].repeat(10_000);
        deep.extend(vec![0x00; 20_000]);
        assert!(ber_to_der(&deep).is_none());
    }

    #[test]
    fn long_lengths_round_trip() {
        let big = vec![7u8; 70_000];
        let t = tlv(TAG_OCTET_STRING, &big);
        assert_eq!(&t[..5], &[0x04, 0x83, 0x01, 0x11, 0x70]);
        let mut r = Reader::new(&t);
        assert_eq!(r.octet_string("o").unwrap().len(), 70_000);
        assert_eq!(ber_to_der(&t).unwrap(), t);
    }

    #[test]
    fn oid_text() {
        assert_eq!(
            oid_to_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x14]),
            "1.2.840.113549.1.9.20"
        );
        assert_eq!(
            oid_to_string(&[0x2B, 0x0E, 0x03, 0x02, 0x1A]),
            "1.3.14.3.2.26"
        );
    }
}
