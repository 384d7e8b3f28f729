//! Reading a PKCS#12 file (RFC 7292) into a [`Pkcs12`]: every bag and attribute kept verbatim.
//!
//! Order of work, so that each failure gets its true name:
//! 1. size cap, then what the bytes look like ([`sniff`]): a PEM or bare certificate is never
//!    "corrupt" and never a "wrong PIN";
//! 2. BER to DER, then the whole outer structure, the MAC parameters and every algorithm
//!    identifier that can be read without the PIN: a truncated file is "corrupt" even with the
//!    right PIN, an unknown algorithm "unsupported";
//! 3. the MAC. When it does not verify, the PIN is wrong *unless* the PIN still decrypts the
//!    contents cleanly, which means the file was damaged after it was written;
//! 4. decryption. Without a MAC, a padding failure or a plaintext that does not decode is the only
//!    sign of a wrong PIN.

use std::borrow::Cow;

use zeroize::Zeroizing;

use super::crypto::{DecryptFailed, DerivedKey, MacData, Password, Pbe, oid_name};
use super::der::{
    self, Reader, TAG_CTX0_CONS, TAG_CTX0_PRIM, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE,
    TAG_SET, oid_to_string,
};
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

    // Normalised copy: may hold unencrypted keys (`-keypbe NONE`), so it is wiped on drop.
    let der = Zeroizing::new(der::ber_to_der(bytes).ok_or(KeystoreError::Corrupt { at: "BER" })?);
    let (auth_data, mac) = parse_outer(&der)?;
    // NSS also writes the inner encodings (inside OCTET STRINGs) as BER.
    let auth_safe = to_der(auth_data, "AuthenticatedSafe")?;
    let pfx = Pfx {
        auth_data,
        mac,
        contents: parse_contents(&auth_safe)?,
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
    let der = Zeroizing::new(der::ber_to_der(bytes).ok_or(KeystoreError::Corrupt { at: "BER" })?);
    let (auth_data, _) = parse_outer(&der)?;
    let auth_safe = to_der(auth_data, "AuthenticatedSafe")?;
    let (mut with_key_id, mut others) = (Vec::new(), Vec::new());
    for content in parse_contents(&auth_safe)? {
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

/// `bytes` as DER: borrowed when it already is, normalised from BER otherwise.
fn to_der<'a>(bytes: &'a [u8], at: &'static str) -> Result<Cow<'a, [u8]>, KeystoreError> {
    if der::is_der(bytes) {
        Ok(Cow::Borrowed(bytes))
    } else {
        der::ber_to_der(bytes)
            .map(Cow::Owned)
            .ok_or(KeystoreError::Corrupt { at })
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
    /// Unencrypted `SafeContents` (DER; its structure already checked). May hold plain keys.
    Plain(Zeroizing<Vec<u8>>),
    /// `EncryptedData`: the scheme and the ciphertext.
    Encrypted { pbe: Pbe<'a>, ciphertext: Vec<u8> },
}

/// A bag as read from DER, before its key (if shrouded) is decrypted.
struct RawBag<'a> {
    content: RawContent<'a>,
    attributes: Vec<BagAttribute>,
}

enum RawContent<'a> {
    Key(&'a [u8]),
    Shrouded { pbe: Pbe<'a>, ciphertext: &'a [u8] },
    Cert(&'a [u8]),
    Other { bag_id: String, value_der: &'a [u8] },
}

/// `PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }`:
/// the authSafe octets (what the MAC covers) and the MAC.
fn parse_outer(der: &[u8]) -> Result<(&[u8], Option<MacData<'_>>), KeystoreError> {
    let mut top = Reader::new(der);
    let mut pfx = top.sequence("PFX")?;
    top.finish("PFX trailing data")?;
    let version = pfx.u64("PFX version")?;
    if version != 3 {
        return Err(KeystoreError::Unsupported {
            algorithm: format!("PKCS#12 version {version}"),
        });
    }
    let mut auth_safe = pfx.sequence("authSafe")?;
    let content_type = auth_safe.oid("authSafe type")?;
    if content_type != oid::DATA {
        return Err(KeystoreError::Unsupported {
            algorithm: format!("integrity mode {}", oid_name(content_type)),
        });
    }
    let auth_data = explicit_octets(&mut auth_safe, "authSafe content")?;
    auth_safe.finish("authSafe")?;
    let mac = if pfx.is_empty() {
        None
    } else {
        Some(MacData::parse(&mut pfx)?)
    };
    pfx.finish("PFX")?;
    Ok((auth_data, mac))
}

/// `AuthenticatedSafe ::= SEQUENCE OF ContentInfo`, every part's structure checked.
fn parse_contents(auth_safe: &[u8]) -> Result<Vec<Content<'_>>, KeystoreError> {
    let mut outer = Reader::new(auth_safe);
    let mut safes = outer.sequence("AuthenticatedSafe")?;
    outer.finish("AuthenticatedSafe")?;
    let mut contents = Vec::new();
    while !safes.is_empty() {
        let mut ci = safes.sequence("ContentInfo")?;
        let ct = ci.oid("ContentInfo type")?;
        if ct == oid::DATA {
            let data = explicit_octets(&mut ci, "data content")?;
            let data = Zeroizing::new(to_der(data, "SafeContents")?.into_owned());
            parse_safe_contents(&data)?;
            contents.push(Content::Plain(data));
        } else if ct == oid::ENCRYPTED_DATA {
            let mut e = ci.expect(TAG_CTX0_CONS, "encryptedData")?.reader();
            let enc = parse_encrypted_data(&mut e)?;
            e.finish("encryptedData")?;
            contents.push(enc);
        } else {
            return Err(KeystoreError::Unsupported {
                algorithm: format!("content {}", oid_name(ct)),
            });
        }
        ci.finish("ContentInfo")?;
    }
    Ok(contents)
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
                    let plain = to_der(&plain, "decrypted safe contents")
                        .map_err(|_| failed("decrypted safe contents"))?;
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
fn explicit_octets<'a>(r: &mut Reader<'a>, at: &'static str) -> Result<&'a [u8], KeystoreError> {
    let mut inner = r.expect(TAG_CTX0_CONS, at)?.reader();
    let octets = inner.octet_string(at)?;
    inner.finish(at)?;
    Ok(octets)
}

/// `EncryptedData ::= SEQUENCE { version INTEGER, encryptedContentInfo EncryptedContentInfo,
/// unprotectedAttrs [1] IMPLICIT OPTIONAL }`
fn parse_encrypted_data<'a>(r: &mut Reader<'a>) -> Result<Content<'a>, KeystoreError> {
    let mut ed = r.sequence("EncryptedData")?;
    ed.expect(TAG_INTEGER, "EncryptedData version")?;
    // EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm,
    //                                     encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
    let mut eci = ed.sequence("EncryptedContentInfo")?;
    let ct = eci.oid("EncryptedContentInfo type")?;
    if ct != oid::DATA {
        return Err(KeystoreError::Corrupt {
            at: "EncryptedContentInfo type",
        });
    }
    let pbe = Pbe::parse_from(&mut eci)?;
    let body = eci.any("encryptedContent")?;
    let ciphertext = match body.tag {
        TAG_CTX0_PRIM => body.value.to_vec(),
        // Constructed form (BER writers, NSS): OCTET STRING segments, already flattened.
        TAG_CTX0_CONS => {
            let mut segs = body.reader();
            let mut out = Vec::with_capacity(body.value.len());
            while !segs.is_empty() {
                out.extend_from_slice(segs.octet_string("encryptedContent segment")?);
            }
            out
        }
        _ => {
            return Err(KeystoreError::Corrupt {
                at: "encryptedContent",
            });
        }
    };
    eci.finish("EncryptedContentInfo")?;
    // unprotectedAttrs, when present, are not needed.
    let _ = ed.optional(0xA1, "unprotectedAttrs")?;
    ed.finish("EncryptedData")?;
    Ok(Content::Encrypted { pbe, ciphertext })
}

/// `SafeContents ::= SEQUENCE OF SafeBag`
fn parse_safe_contents(data: &[u8]) -> Result<Vec<RawBag<'_>>, KeystoreError> {
    let mut outer = Reader::new(data);
    let mut seq = outer.sequence("SafeContents")?;
    outer.finish("SafeContents")?;
    let mut bags = Vec::new();
    while !seq.is_empty() {
        bags.push(parse_bag(&mut seq)?);
    }
    Ok(bags)
}

/// `SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OPTIONAL }`
fn parse_bag<'a>(r: &mut Reader<'a>) -> Result<RawBag<'a>, KeystoreError> {
    let mut bag = r.sequence("SafeBag")?;
    let bag_id = bag.oid("SafeBag type")?;
    let mut explicit = bag.expect(TAG_CTX0_CONS, "SafeBag value")?.reader();
    let value = explicit.any("SafeBag value")?;
    explicit.finish("SafeBag value")?;
    let attributes = match bag.optional(TAG_SET, "SafeBag attributes")? {
        Some(set) => parse_attributes(set.reader())?,
        None => Vec::new(),
    };
    bag.finish("SafeBag")?;

    let content = if bag_id == oid::KEY_BAG {
        check_private_key_info(value.raw).map_err(|at| KeystoreError::Corrupt { at })?;
        RawContent::Key(value.raw)
    } else if bag_id == oid::SHROUDED_KEY_BAG {
        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
        if value.tag != TAG_SEQUENCE {
            return Err(KeystoreError::Corrupt {
                at: "EncryptedPrivateKeyInfo",
            });
        }
        let mut epki = value.reader();
        let pbe = Pbe::parse_from(&mut epki)?;
        let ciphertext = epki.octet_string("EncryptedPrivateKeyInfo data")?;
        epki.finish("EncryptedPrivateKeyInfo")?;
        RawContent::Shrouded { pbe, ciphertext }
    } else if bag_id == oid::CERT_BAG {
        // CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT OCTET STRING }
        if value.tag != TAG_SEQUENCE {
            return Err(KeystoreError::Corrupt { at: "CertBag" });
        }
        let mut cb = value.reader();
        let cert_id = cb.oid("CertBag type")?;
        if cert_id == oid::X509_CERTIFICATE {
            let cert = explicit_octets(&mut cb, "CertBag value")?;
            cb.finish("CertBag")?;
            // The certificate itself must be one DER SEQUENCE.
            let mut c = Reader::new(cert);
            c.expect(TAG_SEQUENCE, "certificate")?;
            c.finish("certificate")?;
            RawContent::Cert(cert)
        } else {
            RawContent::Other {
                bag_id: oid_to_string(bag_id),
                value_der: value.raw,
            }
        }
    } else {
        RawContent::Other {
            bag_id: oid_to_string(bag_id),
            value_der: value.raw,
        }
    };
    Ok(RawBag {
        content,
        attributes,
    })
}

/// `SET OF PKCS12Attribute`, `PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY }`
fn parse_attributes(mut set: Reader<'_>) -> Result<Vec<BagAttribute>, KeystoreError> {
    let mut out = Vec::new();
    while !set.is_empty() {
        let mut attr = set.sequence("attribute")?;
        let oid = oid_to_string(attr.oid("attribute type")?);
        let mut values = attr.expect(TAG_SET, "attribute values")?.reader();
        attr.finish("attribute")?;
        let mut values_der = Vec::new();
        while !values.is_empty() {
            values_der.push(values.any("attribute value")?.raw.to_vec());
        }
        out.push(BagAttribute { oid, values_der });
    }
    Ok(out)
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
            let mut key = decrypt(pbe, ciphertext).map_err(|_| failed("shrouded key"))?;
            if !der::is_der(&key) {
                let normalised = der::ber_to_der(&key).ok_or_else(|| failed("decrypted key"))?;
                key = Zeroizing::new(normalised);
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
pub(super) fn check_private_key_info(der: &[u8]) -> Result<(), &'static str> {
    let at = "PrivateKeyInfo";
    let mut outer = Reader::new(der);
    let mut pki = outer.sequence(at).map_err(|e| e.0)?;
    outer.finish(at).map_err(|e| e.0)?;
    let version = pki.u64("PrivateKeyInfo version").map_err(|e| e.0)?;
    if version > 1 {
        return Err("PrivateKeyInfo version");
    }
    let mut alg = pki.sequence("PrivateKeyInfo algorithm").map_err(|e| e.0)?;
    alg.oid("PrivateKeyInfo algorithm").map_err(|e| e.0)?;
    pki.expect(TAG_OCTET_STRING, "PrivateKeyInfo key")
        .map_err(|e| e.0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(s: &str) -> Pin {
        Pin::new(s.into())
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
        let cert = der::tlv(TAG_SEQUENCE, &[]);
        let mut cert_bag = der::tlv(0x06, oid::X509_CERTIFICATE);
        cert_bag.extend(der::tlv(TAG_CTX0_CONS, &der::tlv(TAG_OCTET_STRING, &cert)));
        let mut safe_bag = der::tlv(0x06, oid::CERT_BAG);
        safe_bag.extend(der::tlv(TAG_CTX0_CONS, &der::tlv(TAG_SEQUENCE, &cert_bag)));
        let safe_contents = der::tlv(TAG_SEQUENCE, &der::tlv(TAG_SEQUENCE, &safe_bag));
        let content_info = |inner: &[u8]| {
            let mut ci = der::tlv(0x06, oid::DATA);
            ci.extend(der::tlv(TAG_CTX0_CONS, &der::tlv(TAG_OCTET_STRING, inner)));
            der::tlv(TAG_SEQUENCE, &ci)
        };
        let auth_safe = der::tlv(TAG_SEQUENCE, &content_info(&safe_contents));
        let mut pfx = der::tlv(TAG_INTEGER, &[3]);
        pfx.extend(content_info(&auth_safe));
        let file = der::tlv(TAG_SEQUENCE, &pfx);

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
