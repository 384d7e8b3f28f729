//! Reading PKCS#12's ASN.1 with the `der` crate (0.8) under BER rules: indefinite lengths and
//! constructed OCTET STRINGs (what NSS's `pk12util` writes) are read by `der` itself. These are
//! the few helpers the reader needs on top of it, each in terms of `der`'s public API, with the
//! name of the structure for [`KeystoreError::Corrupt`].
//!
//! Why not the RustCrypto composite types (`pkcs12::pfx::Pfx`, `cms` `ContentInfo`,
//! `pkcs12::SafeBag`), which the writer uses: a `ContentInfo`'s content is an `Any`, and `der`'s
//! `Any` keeps an indefinite-length value with its end-of-contents octets and cannot decode it
//! again (the NSS file of fuzz/seeds/open/pk12util.p12 wraps every content so); and
//! `pkcs12::SafeBag` holds its attributes in a `SetOfVec`, which sorts them on decoding, while
//! change-pin must keep them in their order (keytool writes friendlyName before localKeyID).
//! So the structure is walked here, field by field, with `der`'s decoders for each value.
//!
//! Where `der`'s BER support stops: a constructed OCTET STRING with a *definite* length, and one
//! nested inside another, are refused by `der` (`ErrorKind::Noncanonical` /
//! `IndefiniteLength`). No file of the seed corpus or the test fixtures has either (NSS writes
//! constructed strings with indefinite lengths, one level deep), so none is read: such a file is
//! "corrupt". Non-minimal lengths, which some BER writers use, are refused as well.

use std::borrow::Cow;

use der::asn1::{AnyRef, ObjectIdentifier, OctetString, OctetStringRef};
use der::{
    Decode, Encode, EncodingRules, Header, Length, Reader, SliceReader, Tag, TagNumber, Tagged,
};

use super::error::KeystoreError;

/// A reader over BER input.
pub type Ber<'a> = SliceReader<'a>;

pub type Res<T> = Result<T, KeystoreError>;

/// An error inside a nested structure: ours, or `der`'s (named by the caller).
enum Fail {
    Der,
    Keystore(KeystoreError),
}

impl From<der::Error> for Fail {
    fn from(_: der::Error) -> Self {
        Fail::Der
    }
}

fn corrupt(at: &'static str) -> impl Fn(der::Error) -> KeystoreError {
    move |_| KeystoreError::Corrupt { at }
}

/// `bytes` as exactly one value, read by `f` under BER rules; trailing bytes are damage.
pub fn parse<'a, T>(
    bytes: &'a [u8],
    at: &'static str,
    f: impl FnOnce(&mut Ber<'a>) -> Res<T>,
) -> Res<T> {
    let mut r =
        SliceReader::new_with_encoding_rules(bytes, EncodingRules::Ber).map_err(corrupt(at))?;
    let v = f(&mut r)?;
    r.finish().map_err(corrupt(at))?;
    Ok(v)
}

/// Whether `bytes` is one value with a DER header (definite, minimal length): what the model
/// requires of a key, so that a BER key (no tool writes one) is refused rather than stored.
/// Its contents are read again, strictly, where they are used (keys.rs).
pub fn is_der(bytes: &[u8]) -> bool {
    AnyRef::from_der(bytes).is_ok()
}

/// The constructed value with `tag` (SEQUENCE, SET, `[n]` EXPLICIT) at the reader, its contents
/// read by `f`, which must read them all. `der` keeps its own helper for this private
/// (`Reader::sequence` is the SEQUENCE case); this is the same over the public API: the header,
/// the contents as a nested reader, and after an indefinite length its end-of-contents octets.
pub fn nested<'a, T>(
    r: &mut Ber<'a>,
    tag: Tag,
    at: &'static str,
    f: impl FnOnce(&mut Ber<'a>) -> Res<T>,
) -> Res<T> {
    let mut at_header = r.clone();
    let header = Header::decode(r).map_err(corrupt(at))?;
    if header.tag() != tag || !header.is_constructed() {
        return Err(KeystoreError::Corrupt { at });
    }
    // The indefinite form is the only header whose length octet is 0x80 right after the tag
    // (a definite length of 128 or more starts with 0x81..=0x84); `der` counts the
    // end-of-contents octets in its length.
    let tag_len = tag.encoded_len().map_err(corrupt(at))?;
    let header_len = (r.position() - at_header.position()).map_err(corrupt(at))?;
    let header_bytes = at_header.read_slice(header_len).map_err(corrupt(at))?;
    let indefinite = header_len == (tag_len + Length::ONE).map_err(corrupt(at))?
        && header_bytes.last() == Some(&0x80);
    let eoc = Length::new(if indefinite { 2 } else { 0 });
    let len = (header.length() - eoc).map_err(corrupt(at))?;
    let out = r
        .read_nested(len, |r| f(r).map_err(Fail::Keystore))
        .map_err(|e| match e {
            Fail::Der => KeystoreError::Corrupt { at },
            Fail::Keystore(k) => k,
        })?;
    if indefinite && r.read_slice(eoc).map_err(corrupt(at))? != [0, 0] {
        return Err(KeystoreError::Corrupt { at });
    }
    Ok(out)
}

/// A SEQUENCE, its contents read by `f`.
pub fn seq<'a, T>(
    r: &mut Ber<'a>,
    at: &'static str,
    f: impl FnOnce(&mut Ber<'a>) -> Res<T>,
) -> Res<T> {
    nested(r, Tag::Sequence, at, f)
}

/// The tag of `[n]` EXPLICIT (constructed), for [`nested`].
pub fn context(n: u16) -> Tag {
    Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(n.into()),
    }
}

/// The SEQUENCEs up to the end of the reader (a SEQUENCE OF's or SET OF's contents), each read
/// by `f`.
pub fn each_seq<'a, T>(
    r: &mut Ber<'a>,
    at: &'static str,
    mut f: impl FnMut(&mut Ber<'a>) -> Res<T>,
) -> Res<Vec<T>> {
    let mut out = Vec::new();
    while !r.is_finished() {
        out.push(seq(r, at, &mut f)?);
    }
    Ok(out)
}

/// `bytes` as one `SEQUENCE OF` SEQUENCEs, each read by `f`.
pub fn sequence_of<'a, T>(
    bytes: &'a [u8],
    at: &'static str,
    item_at: &'static str,
    f: impl FnMut(&mut Ber<'a>) -> Res<T>,
) -> Res<Vec<T>> {
    parse(bytes, at, |r| seq(r, at, |s| each_seq(s, item_at, f)))
}

/// Reads past whatever is left in the reader (fields not needed).
pub fn skip_rest(r: &mut Ber<'_>, at: &'static str) -> Res<()> {
    while !r.is_finished() {
        element(r, at)?;
    }
    Ok(())
}

/// The tag of the next value, `None` at the end (or on a tag `der` cannot read).
pub fn peek(r: &Ber<'_>) -> Option<Tag> {
    if r.is_finished() {
        None
    } else {
        Tag::peek(r).ok()
    }
}

/// Whether the next value is a `[n]` (either form).
pub fn peek_context(r: &Ber<'_>, n: u16) -> bool {
    matches!(peek(r), Some(Tag::ContextSpecific { number, .. }) if number == TagNumber(n.into()))
}

pub fn oid(r: &mut Ber<'_>, at: &'static str) -> Res<ObjectIdentifier> {
    ObjectIdentifier::decode(r).map_err(corrupt(at))
}

/// A non-negative INTEGER that fits in a `u64` (minimal encoding, as `der` requires).
pub fn u64(r: &mut Ber<'_>, at: &'static str) -> Res<u64> {
    u64::decode(r).map_err(corrupt(at))
}

/// A short OCTET STRING in primitive form (salts, IVs, digests): borrowed.
pub fn octets_ref<'a>(r: &mut Ber<'a>, at: &'static str) -> Res<&'a [u8]> {
    Ok(<&OctetStringRef>::decode(r)
        .map_err(corrupt(at))?
        .as_bytes())
}

/// An OCTET STRING in either form: borrowed when primitive, joined by `der` when constructed.
pub fn octets<'a>(r: &mut Ber<'a>, at: &'static str) -> Res<Cow<'a, [u8]>> {
    let header = Header::peek(r).map_err(corrupt(at))?;
    if header.is_constructed() {
        Ok(Cow::Owned(
            OctetString::decode(r)
                .map_err(corrupt(at))?
                .into_bytes()
                .into_vec(),
        ))
    } else {
        octets_ref(r, at).map(Cow::Borrowed)
    }
}

/// `[n] IMPLICIT OCTET STRING` in either form.
pub fn implicit_octets<'a>(r: &mut Ber<'a>, n: u16, at: &'static str) -> Res<Cow<'a, [u8]>> {
    let number = TagNumber(n.into());
    let header = Header::peek(r).map_err(corrupt(at))?;
    if header.is_constructed() {
        der::asn1::ContextSpecific::<OctetString>::decode_implicit(r, number)
            .map_err(corrupt(at))?
            .map(|c| Cow::Owned(c.value.into_bytes().into_vec()))
            .ok_or(KeystoreError::Corrupt { at })
    } else {
        der::asn1::ContextSpecific::<&OctetStringRef>::decode_implicit(r, number)
            .map_err(corrupt(at))?
            .map(|c| Cow::Borrowed(c.value.as_bytes()))
            .ok_or(KeystoreError::Corrupt { at })
    }
}

/// The next value, whatever it is: its tag and its whole encoding (header included), as in the
/// input.
pub fn element<'a>(r: &mut Ber<'a>, at: &'static str) -> Res<(Tag, &'a [u8])> {
    let mut start = r.clone();
    let any = AnyRef::decode(r).map_err(corrupt(at))?;
    let len = (r.position() - start.position()).map_err(corrupt(at))?;
    Ok((any.tag(), start.read_slice(len).map_err(corrupt(at))?))
}

/// The next value, which must have `tag`; its whole encoding.
pub fn expect<'a>(r: &mut Ber<'a>, tag: Tag, at: &'static str) -> Res<&'a [u8]> {
    match element(r, at)? {
        (t, raw) if t == tag => Ok(raw),
        _ => Err(KeystoreError::Corrupt { at }),
    }
}

/// An optional NULL (absent or NULL algorithm parameters).
pub fn optional_null(r: &mut Ber<'_>, at: &'static str) -> Res<()> {
    if peek(r) == Some(Tag::Null) {
        der::asn1::Null::decode(r).map_err(corrupt(at))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_indefinite_lengths_and_constructed_octet_strings() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" }, NULL }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x05,
            0x00, 0x00, 0x00,
        ];
        let got = parse(&ber, "t", |r| {
            seq(r, "s", |r| {
                let o = octets(r, "o")?.into_owned();
                optional_null(r, "n")?;
                Ok(o)
            })
        })
        .unwrap();
        assert_eq!(got, b"abc");
        assert!(!is_der(&ber));
        // The same as DER, borrowed.
        let der = [0x30, 0x07, 0x04, 0x03, b'a', b'b', b'c', 0x05, 0x00];
        assert!(is_der(&der));
        let got = parse(&der, "t", |r| {
            seq(r, "s", |r| {
                let o = octets(r, "o")?;
                optional_null(r, "n")?;
                Ok(matches!(o, Cow::Borrowed(b"abc")))
            })
        });
        assert_eq!(got, Ok(true));
    }

    #[test]
    fn refuses_broken_ber() {
        let read = |b: &[u8]| {
            parse(b, "t", |r| {
                seq(r, "s", |r| {
                    while !r.is_finished() {
                        element(r, "e")?;
                    }
                    Ok(())
                })
            })
        };
        for bad in [
            &[0x30, 0x80, 0x05, 0x00][..],                     // no end-of-contents
            &[0x30, 0x80, 0x04, 0x80, 0x00, 0x00, 0x00, 0x00], // primitive, indefinite
            &[0x30, 0x05, 0x05, 0x00],                         // length past the end
            &[0x30, 0x00, 0xFF],                               // trailing garbage
            &[0x30, 0x81, 0x01, 0x00],                         // non-minimal length
            &[],
        ] {
            assert!(read(bad).is_err(), "{bad:02x?}");
        }
        assert_eq!(read(&[0x30, 0x80, 0x05, 0x00, 0x00, 0x00]), Ok(()));
        // Deep nesting is refused, not a stack overflow.
        let mut deep = [0x30, 0x80].repeat(10_000);
        deep.extend(vec![0x00; 20_000]);
        assert!(read(&deep).is_err());
    }

    /// What the module header says `der` does not read: a constructed OCTET STRING with a
    /// definite length, and one nested in another.
    #[test]
    fn where_ders_ber_support_stops() {
        let read = |b: &[u8]| parse(b, "t", |r| octets(r, "o").map(Cow::into_owned));
        assert_eq!(
            read(&[0x24, 0x80, 0x04, 0x01, b'a', 0x00, 0x00]),
            Ok(b"a".to_vec())
        );
        assert!(read(&[0x24, 0x03, 0x04, 0x01, b'a']).is_err());
        assert!(read(&[0x24, 0x80, 0x24, 0x80, 0x04, 0x01, b'a', 0, 0, 0, 0]).is_err());
    }

    #[test]
    fn integers_must_be_minimal_and_non_negative() {
        let int = |v: &[u8]| parse(v, "i", |r| u64(r, "i"));
        assert_eq!(int(&[0x02, 0x02, 0x00, 0x80]), Ok(128));
        assert_eq!(int(&[0x02, 0x02, 0x08, 0x00]), Ok(2048));
        assert!(int(&[0x02, 0x01, 0x80]).is_err());
        assert!(int(&[0x02, 0x02, 0x00, 0x01]).is_err());
        assert!(int(&[0x02, 0x00]).is_err());
        assert!(int(&[0x02, 0x09, 1, 1, 1, 1, 1, 1, 1, 1, 1]).is_err());
    }
}
