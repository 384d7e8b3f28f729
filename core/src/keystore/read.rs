//! Reading a PKCS#12 file (RFC 7292) into a [`Pkcs12`]: every bag and attribute kept verbatim.
//!
//! Order of work, so that each failure gets its true name:
//! 1. size cap, then what the bytes look like ([`sniff`]): a PEM or bare certificate is never
//!    "corrupt" and never a "wrong PIN";
//! 2. the whole outer structure (BER, read by the `der` crate: [`ber`]), the MAC parameters and
//!    every algorithm identifier that can be read without the PIN: a truncated file is "corrupt"
//!    even with the right PIN, an unknown algorithm "unsupported";
//! 3. the MAC. When it does not verify, the PIN is wrong *unless* the PIN still decrypts the
//!    contents cleanly, which means the file was damaged after it was written;
//! 4. decryption. Without a MAC, a padding failure or a plaintext that does not decode is the only
//!    sign of a wrong PIN.

use std::borrow::Cow;
use std::ops::Deref;

use der::asn1::ObjectIdentifier;
use der::{Decode, Tag, Tagged};
use zeroize::{Zeroize, Zeroizing};

use der::Reader as _;

use super::ber::{self, Ber, Res};
use super::crypto::{DecryptFailed, DerivedKey, MacData, Password, Pbe, oid_name};
use super::error::{KeystoreError, LooksLike};
use super::kdf::{self, KnownKeys};
use super::model::{BagAttribute, BagContent, Pkcs12, Protection, SafeBag};
use super::oid;
use super::sniff::{FileKind, sniff};
use crate::fsutil::MAX_CERT_FILE;
use crate::pin::Pin;

/// Decrypts and parses a PKCS#12 file, keeping every bag.
pub fn open(bytes: &[u8], pin: &Pin) -> Result<Pkcs12, KeystoreError> {
    read_pfx(bytes, None, |pfx| pfx.decrypt(pin))
}

/// [`open`], taking each key the writer already derived for exactly the parameters found in the
/// file from `known` instead of deriving it again: for the check of a file just written
/// ([`super::write::write_keeping_keys`]). Everything else is as in [`open`]: the bytes are
/// parsed, the MAC is verified over them and every encrypted part is decrypted from them.
pub fn open_with_known_keys(
    bytes: &[u8],
    pin: &Pin,
    known: &KnownKeys,
) -> Result<Pkcs12, KeystoreError> {
    read_pfx(bytes, Some(known), |pfx| pfx.decrypt(pin))
}

/// Whether `pin` opens the file, deriving as little as that takes: for a file with a MAC, only the
/// MAC key (a PIN the MAC rejects opens nothing: [`open`] refuses it, as OpenSSL does); without a
/// MAC, everything, as [`open`]. `Ok(false)` is [`open`]'s wrong PIN; a file that is not a whole,
/// readable PKCS#12 file is the same error as from [`open`]. A PIN the MAC accepts is `Ok(true)`
/// even if a part then failed to decrypt (damage, which [`open`] would report).
pub fn pin_opens(bytes: &[u8], pin: &Pin) -> Result<bool, KeystoreError> {
    read_pfx(bytes, None, |pfx| {
        let Some(mac) = &pfx.mac else {
            return match pfx.decrypt(pin) {
                Ok(_) => Ok(true),
                Err(KeystoreError::WrongPin) => Ok(false),
                Err(e) => Err(e),
            };
        };
        let candidates = Password::candidates(pin);
        type Job<'j> = Box<dyn FnOnce() -> bool + Send + 'j>;
        let jobs: Vec<Job<'_>> = candidates
            .iter()
            .map(|p| {
                Box::new(move || mac.verify_with(&mac.derive_key(p, None), pfx.auth_data))
                    as Job<'_>
            })
            .collect();
        Ok(kdf::parallel(jobs).into_iter().any(|ok| ok))
    })
}

/// Reads the file up to the cryptography (size, what it looks like, BER, the outer structure and
/// every part) and hands it to `then`.
fn read_pfx<R>(
    bytes: &[u8],
    known: Option<&KnownKeys>,
    then: impl FnOnce(&Pfx<'_>) -> Result<R, KeystoreError>,
) -> Result<R, KeystoreError> {
    if bytes.len() as u64 > MAX_CERT_FILE {
        return Err(KeystoreError::TooLarge { len: bytes.len() });
    }
    if bytes.is_empty() {
        return Err(KeystoreError::Empty);
    }
    let looks_like = match sniff(bytes) {
        FileKind::Pkcs12 => None,
        FileKind::Pem { label } => Some(LooksLike::Pem { label }),
        FileKind::Base64 => Some(LooksLike::Base64),
        FileKind::Certificate => Some(LooksLike::Certificate),
        FileKind::Unknown => Some(LooksLike::Other),
    };
    if let Some(looks_like) = looks_like {
        return Err(KeystoreError::NotPkcs12 { looks_like });
    }

    let (auth_data, mac) = parse_outer(bytes)?;
    let pfx = Pfx {
        auth_data: &auth_data,
        mac,
        contents: parse_contents(&auth_data)?,
        known,
    };
    then(&pfx)
}

/// The certificates a PKCS#12 file holds unencrypted (rare: most tools encrypt the certificate
/// bags too), read without a PIN, end-entity first when the file marks it with a localKeyId.
/// `Ok(empty)` when every certificate is encrypted; an error when the file is not a complete,
/// readable PFX (the same checks as [`open`] before any cryptography).
pub fn unencrypted_certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, KeystoreError> {
    if bytes.len() as u64 > MAX_CERT_FILE {
        return Err(KeystoreError::TooLarge { len: bytes.len() });
    }
    if sniff(bytes) != FileKind::Pkcs12 {
        return Err(KeystoreError::NotPkcs12 {
            looks_like: LooksLike::Other,
        });
    }
    let (auth_data, _) = parse_outer(bytes)?;
    let (mut with_key_id, mut others) = (Vec::new(), Vec::new());
    for content in parse_contents(&auth_data)? {
        let Content::Plain(data) = content else {
            continue;
        };
        for bag in parse_safe_contents(&data)? {
            if let RawContent::Cert(c) = bag.content {
                if bag
                    .attributes
                    .iter()
                    .any(|a| a.oid == super::model::OID_LOCAL_KEY_ID)
                {
                    with_key_id.push(c.to_vec());
                } else {
                    others.push(c.to_vec());
                }
            }
        }
    }
    with_key_id.extend(others);
    Ok(with_key_id)
}

/// Bytes read from the file: borrowed from it, or joined from a constructed OCTET STRING (BER).
/// They may be an unencrypted key bag's (`-keypbe NONE`), so an owned copy is wiped on drop.
struct Wiped<'a>(Cow<'a, [u8]>);

impl Deref for Wiped<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Wiped<'_> {
    fn drop(&mut self) {
        if let Cow::Owned(v) = &mut self.0 {
            v.zeroize();
        }
    }
}

/// The outer structure of a file, read before any cryptography.
struct Pfx<'a> {
    /// The content of the authSafe OCTET STRING: what the MAC covers.
    auth_data: &'a [u8],
    mac: Option<MacData<'a>>,
    contents: Vec<Content<'a>>,
    /// Keys derived earlier in this process ([`open_with_known_keys`]).
    known: Option<&'a KnownKeys>,
}

/// One `ContentInfo` of the `AuthenticatedSafe`.
enum Content<'a> {
    /// Unencrypted `SafeContents` (its structure already checked). May hold plain keys.
    Plain(Wiped<'a>),
    /// `EncryptedData`: the scheme and the ciphertext.
    Encrypted {
        pbe: Pbe<'a>,
        ciphertext: Cow<'a, [u8]>,
    },
}

/// A bag as read from the file, before its key (if shrouded) is decrypted.
struct RawBag<'a> {
    content: RawContent<'a>,
    attributes: Vec<BagAttribute>,
}

enum RawContent<'a> {
    Key(&'a [u8]),
    Shrouded {
        pbe: Pbe<'a>,
        ciphertext: Cow<'a, [u8]>,
    },
    Cert(Cow<'a, [u8]>),
    Other {
        bag_id: String,
        value_der: &'a [u8],
    },
}

/// `PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }`:
/// the authSafe octets (what the MAC covers) and the MAC.
fn parse_outer(bytes: &[u8]) -> Res<(Wiped<'_>, Option<MacData<'_>>)> {
    ber::parse(bytes, "PFX trailing data", |r| {
        ber::seq(r, "PFX", |pfx| {
            let version = ber::u64(pfx, "PFX version")?;
            if version != 3 {
                return Err(KeystoreError::Unsupported {
                    algorithm: format!("PKCS#12 version {version}"),
                });
            }
            let auth_data = ber::seq(pfx, "authSafe", |ci| {
                let content_type = ber::oid(ci, "authSafe type")?;
                if content_type != oid::DATA {
                    return Err(KeystoreError::Unsupported {
                        algorithm: format!("integrity mode {}", oid_name(&content_type)),
                    });
                }
                explicit_octets(ci, "authSafe content")
            })?;
            let mac = if pfx.is_finished() {
                None
            } else {
                Some(MacData::parse(pfx)?)
            };
            Ok((Wiped(auth_data), mac))
        })
    })
}

/// `AuthenticatedSafe ::= SEQUENCE OF ContentInfo`, every part's structure checked.
fn parse_contents(auth_safe: &[u8]) -> Res<Vec<Content<'_>>> {
    ber::sequence_of(auth_safe, "AuthenticatedSafe", "ContentInfo", parse_content)
}

/// `ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }`'s contents.
fn parse_content<'a>(ci: &mut Ber<'a>) -> Res<Content<'a>> {
    let ct = ber::oid(ci, "ContentInfo type")?;
    if ct == oid::DATA {
        let data = Wiped(explicit_octets(ci, "data content")?);
        parse_safe_contents(&data)?;
        Ok(Content::Plain(data))
    } else if ct == oid::ENCRYPTED_DATA {
        ber::nested(ci, ber::context(0), "encryptedData", parse_encrypted_data)
    } else {
        Err(KeystoreError::Unsupported {
            algorithm: format!("content {}", oid_name(&ct)),
        })
    }
}

/// The keys derived for one password: the MAC key and one per scheme, looked up by scheme (two
/// schemes with the same parameters share a key).
struct Keys<'a> {
    mac: Option<Zeroizing<Vec<u8>>>,
    pbes: Vec<(Pbe<'a>, DerivedKey)>,
    known: Option<&'a KnownKeys>,
}

impl<'a> Keys<'a> {
    /// The key for `pbe`: derived up front, or now (a key bag inside an encrypted content, whose
    /// scheme is only seen after that content is decrypted).
    fn decrypt(
        &mut self,
        pbe: &Pbe<'a>,
        password: &Password,
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, DecryptFailed> {
        if let Some((_, k)) = self.pbes.iter().find(|(p, _)| p == pbe) {
            return pbe.decrypt_with(k, ciphertext);
        }
        let k = pbe.derive(password, self.known);
        let out = pbe.decrypt_with(&k, ciphertext);
        self.pbes.push((pbe.clone(), k));
        out
    }
}

/// A derivation result.
enum Derived<'a> {
    Mac(Zeroizing<Vec<u8>>),
    Pbe(Pbe<'a>, DerivedKey),
}

impl Pfx<'_> {
    /// Every scheme whose parameters are known before decryption (encrypted contents, shrouded
    /// keys in plain contents), in file order, once each.
    fn schemes(&self) -> Vec<Pbe<'_>> {
        let mut out: Vec<Pbe<'_>> = Vec::new();
        for content in &self.contents {
            match content {
                Content::Encrypted { pbe, .. } => {
                    if !out.contains(pbe) {
                        out.push(pbe.clone());
                    }
                }
                Content::Plain(data) => {
                    for bag in parse_safe_contents(data).unwrap_or_default() {
                        if let RawContent::Shrouded { pbe, .. } = bag.content
                            && !out.contains(&pbe)
                        {
                            out.push(pbe);
                        }
                    }
                }
            }
        }
        out
    }

    /// The MAC key and every known scheme's key for `password`, derived at once
    /// ([`kdf::parallel`]). Nothing is decrypted here: the MAC is checked first.
    fn derive_keys<'s>(&'s self, password: &'s Password) -> Keys<'s> {
        let mut jobs: Vec<Box<dyn FnOnce() -> Derived<'s> + Send + 's>> = Vec::new();
        if let Some(mac) = &self.mac {
            jobs.push(Box::new(move || {
                Derived::Mac(mac.derive_key(password, self.known))
            }));
        }
        for pbe in self.schemes() {
            jobs.push(Box::new(move || {
                let k = pbe.derive(password, self.known);
                Derived::Pbe(pbe, k)
            }));
        }
        let mut keys = Keys {
            mac: None,
            pbes: Vec::new(),
            known: self.known,
        };
        for d in kdf::parallel(jobs) {
            match d {
                Derived::Mac(k) => keys.mac = Some(k),
                Derived::Pbe(p, k) => keys.pbes.push((p, k)),
            }
        }
        keys
    }

    fn decrypt(&self, pin: &Pin) -> Result<Pkcs12, KeystoreError> {
        let candidates = Password::candidates(pin);
        let (bags, _) = match &self.mac {
            Some(mac) => {
                let mut tried = Vec::with_capacity(candidates.len());
                let mut verified = None;
                for p in &candidates {
                    let mut keys = self.derive_keys(p);
                    let ok = keys
                        .mac
                        .take()
                        .is_some_and(|k| mac.verify_with(&k, self.auth_data));
                    if ok {
                        verified = Some((p, keys));
                        break;
                    }
                    tried.push(keys);
                }
                match verified {
                    Some((p, mut keys)) => self.decrypt_all(p, &mut keys, true)?,
                    None => {
                        // Wrong PIN, or a changed file. A PIN that decrypts real content is right.
                        for (p, keys) in candidates.iter().zip(&mut tried) {
                            if let Ok((_, n)) = self.decrypt_all(p, keys, false)
                                && n > 0
                            {
                                return Err(KeystoreError::Damaged);
                            }
                        }
                        return Err(KeystoreError::WrongPin);
                    }
                }
            }
            None => {
                let mut first_err = None;
                let mut found = None;
                for p in &candidates {
                    let mut keys = self.derive_keys(p);
                    match self.decrypt_all(p, &mut keys, false) {
                        Ok(r) => {
                            found = Some(r);
                            break;
                        }
                        Err(e) => {
                            first_err.get_or_insert(e);
                        }
                    }
                }
                match found {
                    Some(r) => r,
                    // Invariant: there is always at least one candidate, so an error was kept.
                    None => return Err(first_err.unwrap_or(KeystoreError::WrongPin)),
                }
            }
        };
        Ok(Pkcs12 {
            bags,
            protection: self.protection(),
        })
    }

    /// Decrypts every encrypted part; returns the bags and how many parts were decrypted.
    /// `verified`: the MAC proved the PIN right, so any failure is damage, not a wrong PIN.
    fn decrypt_all<'s>(
        &'s self,
        password: &Password,
        keys: &mut Keys<'s>,
        verified: bool,
    ) -> Result<(Vec<SafeBag>, usize), KeystoreError> {
        let failed = |at: &'static str| {
            if verified {
                KeystoreError::Corrupt { at }
            } else {
                KeystoreError::WrongPin
            }
        };
        let mut bags = Vec::new();
        let mut decrypted = 0;
        for content in &self.contents {
            match content {
                Content::Plain(data) => {
                    let mut decrypt = |pbe: &Pbe<'s>, ct: &[u8]| keys.decrypt(pbe, password, ct);
                    for bag in &parse_safe_contents(data)? {
                        bags.push(finish_bag(bag, &mut decrypt, verified, &mut decrypted)?);
                    }
                }
                Content::Encrypted { pbe, ciphertext } => {
                    let plain = keys
                        .decrypt(pbe, password, ciphertext)
                        .map_err(|_| failed("encrypted safe contents"))?;
                    let raw = parse_safe_contents(&plain).map_err(|e| match e {
                        KeystoreError::Corrupt { .. } => failed("decrypted safe contents"),
                        other => other,
                    })?;
                    decrypted += 1;
                    // A key bag inside an encrypted content (not made by any tool seen): its
                    // scheme was unknown until now, so its key is derived here.
                    let mut decrypt = |pbe: &Pbe<'_>, ct: &[u8]| pbe.decrypt(password, ct);
                    for bag in &raw {
                        bags.push(finish_bag(bag, &mut decrypt, verified, &mut decrypted)?);
                    }
                }
            }
        }
        Ok((bags, decrypted))
    }

    fn protection(&self) -> Protection {
        let cert_pbe = self.contents.iter().find_map(|c| match c {
            Content::Encrypted { pbe, .. } => Some(pbe),
            Content::Plain(_) => None,
        });
        // Keys in plain contents only; those inside encrypted contents are not parsed here, but
        // files that hide shrouded keys inside encrypted contents are not made by any tool seen.
        let plain_bags: Vec<Vec<RawBag<'_>>> = self
            .contents
            .iter()
            .filter_map(|c| match c {
                Content::Plain(data) => parse_safe_contents(data).ok(),
                Content::Encrypted { .. } => None,
            })
            .collect();
        let key_pbe = plain_bags.iter().flatten().find_map(|b| match &b.content {
            RawContent::Shrouded { pbe, .. } => Some(pbe),
            _ => None,
        });
        Protection {
            mac: self.mac.as_ref().map(|m| m.name()),
            mac_iterations: self.mac.as_ref().map(|m| m.iterations.get()),
            key_encryption: key_pbe.map(|p| p.name()),
            cert_encryption: cert_pbe.map(|p| p.name()),
            kdf_iterations: key_pbe.or(cert_pbe).map(|p| p.iterations()),
        }
    }
}

/// `[0] EXPLICIT OCTET STRING`: the octets.
fn explicit_octets<'a>(r: &mut Ber<'a>, at: &'static str) -> Res<Cow<'a, [u8]>> {
    ber::nested(r, ber::context(0), at, |r| ber::octets(r, at))
}

/// `EncryptedData ::= SEQUENCE { version INTEGER, encryptedContentInfo EncryptedContentInfo,
/// unprotectedAttrs [1] IMPLICIT OPTIONAL }`
fn parse_encrypted_data<'a>(r: &mut Ber<'a>) -> Res<Content<'a>> {
    ber::seq(r, "EncryptedData", |ed| {
        ber::expect(ed, Tag::Integer, "EncryptedData version")?;
        // EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm,
        //                                     encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
        let (pbe, ciphertext) = ber::seq(ed, "EncryptedContentInfo", |eci| {
            if ber::oid(eci, "EncryptedContentInfo type")? != oid::DATA {
                return Err(KeystoreError::Corrupt {
                    at: "EncryptedContentInfo type",
                });
            }
            let pbe = Pbe::parse_from(eci)?;
            // Primitive, or constructed (BER writers, NSS): joined by `der`.
            Ok((pbe, ber::implicit_octets(eci, 0, "encryptedContent")?))
        })?;
        // unprotectedAttrs, when present, are not needed.
        if ber::peek_context(ed, 1) {
            ber::element(ed, "unprotectedAttrs")?;
        }
        Ok(Content::Encrypted { pbe, ciphertext })
    })
}

/// `SafeContents ::= SEQUENCE OF SafeBag`
fn parse_safe_contents(data: &[u8]) -> Res<Vec<RawBag<'_>>> {
    ber::sequence_of(data, "SafeContents", "SafeBag", parse_bag)
}

/// `SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OPTIONAL }`'s
/// contents.
fn parse_bag<'a>(bag: &mut Ber<'a>) -> Res<RawBag<'a>> {
    let bag_id = ber::oid(bag, "SafeBag type")?;
    let value = ber::nested(bag, ber::context(0), "SafeBag value", |v| {
        ber::element(v, "SafeBag value")
    })?;
    let attributes = if ber::peek(bag) == Some(Tag::Set) {
        ber::nested(bag, Tag::Set, "SafeBag attributes", parse_attributes)?
    } else {
        Vec::new()
    };
    Ok(RawBag {
        content: bag_content(&bag_id, value)?,
        attributes,
    })
}

/// A bag's value (`tag`, and its whole encoding) by its bag-id.
fn bag_content<'a>(bag_id: &ObjectIdentifier, (tag, raw): (Tag, &'a [u8])) -> Res<RawContent<'a>> {
    let other = || RawContent::Other {
        bag_id: bag_id.to_string(),
        value_der: raw,
    };
    if *bag_id == oid::KEY_BAG {
        check_private_key_info(raw).map_err(|at| KeystoreError::Corrupt { at })?;
        return Ok(RawContent::Key(raw));
    }
    if *bag_id == oid::SHROUDED_KEY_BAG {
        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
        return ber::parse(raw, "EncryptedPrivateKeyInfo", |r| {
            ber::seq(r, "EncryptedPrivateKeyInfo", |epki| {
                let pbe = Pbe::parse_from(epki)?;
                let ciphertext = ber::octets(epki, "EncryptedPrivateKeyInfo data")?;
                Ok(RawContent::Shrouded { pbe, ciphertext })
            })
        });
    }
    if *bag_id != oid::CERT_BAG {
        return Ok(other());
    }
    if tag != Tag::Sequence {
        return Err(KeystoreError::Corrupt { at: "CertBag" });
    }
    // CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT OCTET STRING }
    let cert = ber::parse(raw, "CertBag", |r| {
        ber::seq(r, "CertBag", |cb| {
            if ber::oid(cb, "CertBag type")? != oid::X509_CERTIFICATE {
                ber::skip_rest(cb, "CertBag value")?;
                return Ok(None);
            }
            explicit_octets(cb, "CertBag value").map(Some)
        })
    })?;
    match cert {
        Some(cert) => {
            // The certificate itself must be one DER SEQUENCE.
            match der::asn1::AnyRef::from_der(&cert) {
                Ok(any) if any.tag() == Tag::Sequence => Ok(RawContent::Cert(cert)),
                _ => Err(KeystoreError::Corrupt { at: "certificate" }),
            }
        }
        None => Ok(other()),
    }
}

/// `SET OF PKCS12Attribute`, `PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY }`:
/// every value's encoding as it is in the file, in the file's order.
fn parse_attributes(set: &mut Ber<'_>) -> Res<Vec<BagAttribute>> {
    ber::each_seq(set, "attribute", |attr| {
        let oid = ber::oid(attr, "attribute type")?.to_string();
        let values_der = ber::nested(attr, Tag::Set, "attribute values", |values| {
            let mut v = Vec::new();
            while !values.is_finished() {
                v.push(ber::element(values, "attribute value")?.1.to_vec());
            }
            Ok(v)
        })?;
        Ok(BagAttribute { oid, values_der })
    })
}

/// Turns a raw bag into a model bag, decrypting a shrouded key.
/// Decrypts a shrouded key's ciphertext under its scheme.
type DecryptFn<'f, 'b> =
    dyn FnMut(&Pbe<'b>, &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptFailed> + 'f;

/// `decrypt` decrypts a shrouded key's ciphertext under its scheme.
fn finish_bag<'b>(
    bag: &RawBag<'b>,
    decrypt: &mut DecryptFn<'_, 'b>,
    verified: bool,
    decrypted: &mut usize,
) -> Result<SafeBag, KeystoreError> {
    let content = match &bag.content {
        RawContent::Key(k) => BagContent::Key(Zeroizing::new(k.to_vec())),
        RawContent::Shrouded { pbe, ciphertext } => {
            let failed = |at| {
                if verified {
                    KeystoreError::Corrupt { at }
                } else {
                    KeystoreError::WrongPin
                }
            };
            let key = decrypt(pbe, ciphertext).map_err(|_| failed("shrouded key"))?;
            // The model holds DER (the writer and keys.rs read it so).
            if !ber::is_der(&key) {
                return Err(failed("decrypted key"));
            }
            check_private_key_info(&key).map_err(|_| failed("decrypted key"))?;
            *decrypted += 1;
            BagContent::Key(key)
        }
        RawContent::Cert(c) => BagContent::Cert(c.to_vec()),
        RawContent::Other { bag_id, value_der } => BagContent::Other {
            bag_id: bag_id.clone(),
            value_der: value_der.to_vec(),
        },
    };
    Ok(SafeBag {
        content,
        attributes: bag.attributes.clone(),
    })
}

/// `PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
/// privateKey OCTET STRING, attributes [0] OPTIONAL, publicKey [1] OPTIONAL }`, exactly one
/// element. A wrong PIN yields bytes that fail here (or at the padding) with overwhelming odds.
pub(super) fn check_private_key_info(key: &[u8]) -> Result<(), &'static str> {
    ber::parse(key, "PrivateKeyInfo", |r| {
        ber::seq(r, "PrivateKeyInfo", |pki| {
            if ber::u64(pki, "PrivateKeyInfo version")? > 1 {
                return Err(KeystoreError::Corrupt {
                    at: "PrivateKeyInfo version",
                });
            }
            ber::seq(pki, "PrivateKeyInfo algorithm", |alg| {
                ber::oid(alg, "PrivateKeyInfo algorithm")?;
                ber::skip_rest(alg, "PrivateKeyInfo algorithm")
            })?;
            ber::expect(pki, Tag::OctetString, "PrivateKeyInfo key")?;
            ber::skip_rest(pki, "PrivateKeyInfo")
        })
    })
    .map_err(|e| match e {
        KeystoreError::Corrupt { at } => at,
        _ => "PrivateKeyInfo",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(s: &str) -> Pin {
        Pin::new(s.into())
    }

    /// A DER value, encoded by `der`.
    fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
        use der::Encode;
        let tag = Tag::from_der(&[tag]).expect("tag");
        der::asn1::AnyRef::new(tag, value)
            .expect("value")
            .to_der()
            .expect("encoded")
    }

    #[test]
    fn refuses_oversized_and_empty_input_before_parsing() {
        let big = vec![0x30u8; MAX_CERT_FILE as usize + 1];
        assert_eq!(
            open(&big, &pin("x")).unwrap_err(),
            KeystoreError::TooLarge { len: big.len() }
        );
        assert_eq!(open(&[], &pin("x")).unwrap_err(), KeystoreError::Empty);
    }

    #[test]
    fn truncated_header_is_corrupt_not_wrong_pin() {
        // The first bytes of a real PFX: SEQUENCE (long length), INTEGER 3, SEQUENCE…
        let head = [0x30, 0x82, 0x0A, 0x2F, 0x02, 0x01, 0x03, 0x30, 0x82];
        for n in 1..=head.len() {
            let e = open(&head[..n], &pin("x")).unwrap_err();
            assert!(matches!(e, KeystoreError::Corrupt { .. }), "{n}: {e:?}");
        }
    }

    #[test]
    fn an_unencrypted_file_without_mac_opens_with_any_pin() {
        // PFX { 3, ContentInfo { data, [0] OCTET STRING { SEQUENCE OF { ContentInfo { data,
        //   [0] OCTET STRING { SafeContents { CertBag { x509, [0] OCTET STRING { SEQUENCE {} } } }
        // } } } } } }
        let cert = tlv(0x30, &[]);
        let mut cert_bag = tlv(0x06, oid::X509_CERTIFICATE.as_bytes());
        cert_bag.extend(tlv(0xA0, &tlv(0x04, &cert)));
        let mut safe_bag = tlv(0x06, oid::CERT_BAG.as_bytes());
        safe_bag.extend(tlv(0xA0, &tlv(0x30, &cert_bag)));
        let safe_contents = tlv(0x30, &tlv(0x30, &safe_bag));
        let content_info = |inner: &[u8]| {
            let mut ci = tlv(0x06, oid::DATA.as_bytes());
            ci.extend(tlv(0xA0, &tlv(0x04, inner)));
            tlv(0x30, &ci)
        };
        let auth_safe = tlv(0x30, &content_info(&safe_contents));
        let mut pfx = tlv(0x02, &[3]);
        pfx.extend(content_info(&auth_safe));
        let file = tlv(0x30, &pfx);

        let p = open(&file, &pin("anything")).unwrap();
        assert_eq!(p.bags.len(), 1);
        assert!(matches!(&p.bags[0].content, BagContent::Cert(c) if *c == cert));
        assert_eq!(p.protection, Protection::default());
        // Trailing garbage after the PFX is damage.
        let mut longer = file.clone();
        longer.push(0);
        assert!(matches!(
            open(&longer, &pin("x")),
            Err(KeystoreError::Corrupt { .. })
        ));
    }
}
