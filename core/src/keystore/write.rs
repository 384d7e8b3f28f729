//! Writes a [`Pkcs12`] model back to a PKCS#12 file under a new PIN, keeping every bag, every
//! attribute and the order of the bags.
//!
//! Two profiles:
//!
//! - [`Profile::Modern`] (the default): every bag encrypted with PBES2 (PBKDF2-HMAC-SHA256,
//!   AES-256-CBC), keys as `pkcs8ShroudedKeyBag`, certificates and other bags in an `encryptedData`
//!   content, and an HMAC-SHA256 MAC whose key comes from the PKCS#12 KDF with SHA-256, as
//!   OpenSSL 3 writes by default. Imports into OpenSSL 1.1.1 and 3, Java 8u301/11.0.12 and later,
//!   NSS (Firefox, Thunderbird, `pk12util`), Windows 10 1709 and later, and macOS 14 and later.
//! - [`Profile::Legacy`]: `pbeWithSHAAnd3-KeyTripleDES-CBC` for every bag and an HMAC-SHA1 MAC,
//!   for the importers that know nothing newer (the macOS Keychain before macOS 14, Windows before
//!   10 1709). Never RC2-40, which anyone can brute-force.
//!
//! Every salt (16 bytes) and IV is fresh from the operating system's CSPRNG (via `rand`'s
//! thread RNG). The structure is encoded by the `der` crate through the RustCrypto `pkcs12`,
//! `cms` and `pkcs5` types; no DER is written by hand. The keys come from the reader's KDF module
//! ([`kdf`]), all derived at once ([`kdf::parallel`]) before anything is encrypted: the MAC key
//! and one key per encrypted part depend only on the PIN and their own salt.
//!
//! Each bag's attributes are written in their original order, each value byte for byte (a DER
//! SET OF would sort them, and keytool files came back with friendlyName and localKeyID
//! swapped).
//!
//! Bag order is kept by writing one content per run of consecutive bags of the same kind: a run of
//! keys becomes one plain `data` content of shrouded key bags (the key bags are encrypted
//! themselves), a run of certificates and other bags one `encryptedData` content. A reader that
//! lists the bags of all contents in order therefore sees them in the original order.
//!
//! The PIN reaches PBKDF2 as its UTF-8 bytes (as OpenSSL, Java and NSS pass it) and the PKCS#12
//! KDF as a NUL-terminated BMPString (RFC 7292 appendix B).

use std::fmt;

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeEncrypt, KeyIvInit};
use pkcs5::der::asn1::{ObjectIdentifier, OctetString};
use pkcs5::der::{
    Any, AnyRef, Decode, Encode, EncodeValue, FixedTag, Header, Length, Tag, TagNumber, Writer,
};
use pkcs5::pbes2;
use pkcs12::cms::cert::x509::spki::AlgorithmIdentifierOwned;
use pkcs12::cms::content_info::{CmsVersion, ContentInfo};
use pkcs12::cms::encrypted_data::EncryptedData;
use pkcs12::cms::enveloped_data::EncryptedContentInfo;
use pkcs12::pbe_params::{EncryptedPrivateKeyInfo, Pkcs12PbeParams};
use pkcs12::pfx::{Pfx, Version};
use pkcs12::{CertBag, DigestInfo, MacData};
use zeroize::Zeroizing;

use super::crypto::Password;
use super::kdf::{self, Function, Hash, KnownKeys, Purpose};
use super::model::{BagAttribute, BagContent, Pkcs12, Protection, SafeBag};
use super::oid;
use crate::pin::Pin;

/// Which encryption a new file gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC.
    #[default]
    Modern,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC, HMAC-SHA1 MAC, for old importers.
    Legacy,
}

impl Profile {
    /// A stable machine-readable name (`--json`).
    pub fn name(self) -> &'static str {
        match self {
            Profile::Modern => "pbes2-aes-256-cbc-pbkdf2-hmac-sha256",
            Profile::Legacy => "pbe-sha1-3des",
        }
    }

    /// The MAC algorithm's machine-readable name.
    pub fn mac_name(self) -> &'static str {
        match self {
            Profile::Modern => "hmac-sha256",
            Profile::Legacy => "hmac-sha1",
        }
    }
}

/// A PBKDF2 / PKCS#12-KDF iteration count within the range gidcert writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Iterations(u32);

impl Iterations {
    /// Below this a file is hardly better protected than by the PIN alone.
    pub const MIN: u32 = 1_000;
    /// Above this many readers refuse the file (OpenSSL, p12-keystore and others cap KDF work).
    pub const MAX: u32 = 1_000_000;
    /// The default; docs/change-pin.md explains the choice and the measurement behind it.
    pub const DEFAULT: Iterations = Iterations(200_000);

    pub fn new(n: u32) -> Result<Iterations, WriteError> {
        if (Self::MIN..=Self::MAX).contains(&n) {
            Ok(Iterations(n))
        } else {
            Err(WriteError::Iterations { requested: n })
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for Iterations {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for Iterations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// How to write a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteParams {
    pub profile: Profile,
    pub iterations: Iterations,
}

impl WriteParams {
    /// How a file written with these parameters is protected, in the reader's terms.
    pub fn protection(&self) -> Protection {
        let it = Some(self.iterations.get());
        Protection {
            mac: Some(self.profile.mac_name().to_owned()),
            mac_iterations: it,
            key_encryption: Some(self.profile.name().to_owned()),
            cert_encryption: Some(self.profile.name().to_owned()),
            kdf_iterations: it,
        }
    }
}

/// Why a file could not be written. None of these carries a PIN or key material.
#[derive(Debug)]
pub enum WriteError {
    /// The iteration count is outside [`Iterations::MIN`]..=[`Iterations::MAX`].
    Iterations { requested: u32 },
    /// The model holds no bag at all: writing it would produce a useless file.
    Empty,
    /// The PIN has a character the PKCS#12 KDF cannot encode (outside the BMP).
    PinNotEncodable,
    /// A bag attribute or other bag in the model is not one DER value (a reader bug or a
    /// damaged file); `what` says which.
    BadDer { what: String },
    /// The cryptographic library refused (a bug: it cannot fail on valid parameters).
    Crypto { what: String },
}

fn der_err(what: &str) -> impl FnOnce(pkcs5::der::Error) -> WriteError + '_ {
    move |e| WriteError::BadDer {
        what: format!("{what}: {e}"),
    }
}

fn crypto_err(what: &str) -> impl FnOnce(pkcs5::Error) -> WriteError + '_ {
    move |e| WriteError::Crypto {
        what: format!("{what}: {e}"),
    }
}

/// Writes `p12` protected by `pin`. The result holds the whole file; it is wiped on drop only out
/// of caution (every secret in it is encrypted).
pub fn write(
    p12: &Pkcs12,
    pin: &Pin,
    params: &WriteParams,
) -> Result<Zeroizing<Vec<u8>>, WriteError> {
    write_inner(p12, pin, params, None)
}

/// [`write`], also returning the keys it derived, so that the check that re-opens the written
/// file ([`super::open_with_known_keys`]) need not derive them again.
pub fn write_keeping_keys(
    p12: &Pkcs12,
    pin: &Pin,
    params: &WriteParams,
) -> Result<(Zeroizing<Vec<u8>>, KnownKeys), WriteError> {
    let mut known = KnownKeys::default();
    let bytes = write_inner(p12, pin, params, Some(&mut known))?;
    Ok((bytes, known))
}

fn write_inner(
    p12: &Pkcs12,
    pin: &Pin,
    params: &WriteParams,
    known: Option<&mut KnownKeys>,
) -> Result<Zeroizing<Vec<u8>>, WriteError> {
    if p12.bags.is_empty() {
        return Err(WriteError::Empty);
    }
    // Fail on an unencodable PIN before any work, and not halfway through.
    pkcs5::der::asn1::BmpString::from_utf8(pin.expose())
        .map_err(|_| WriteError::PinNotEncodable)?;
    // Invariant: `candidates` always returns at least one encoding; for an empty PIN the first
    // is the BMPString terminator alone, as OpenSSL writes it.
    let Some(password) = Password::candidates(pin).into_iter().next() else {
        return Err(WriteError::PinNotEncodable);
    };
    let runs = runs(&p12.bags);
    let parts: usize = runs
        .iter()
        .map(|r| match r {
            Run::Keys(bags) => bags.len(),
            Run::Others(_) => 1,
        })
        .sum();
    let enc = Encryptor {
        profile: params.profile,
        iterations: params.iterations,
    };
    let (mac_secret, secrets) = enc.derive(&password, parts, known);
    let mut secrets = secrets.into_iter();

    let mut contents = Vec::new();
    for run in runs {
        contents.push(match run {
            Run::Keys(bags) => key_content(&enc, &mut secrets, bags)?,
            Run::Others(bags) => encrypted_content(&enc, &mut secrets, bags)?,
        });
    }
    let auth_safe = contents.to_der().map_err(der_err("authenticated safe"))?;
    let mac_data = enc.mac(mac_secret, &auth_safe)?;
    let pfx = Pfx {
        version: Version::V3,
        auth_safe: data_content(auth_safe)?,
        mac_data: Some(mac_data),
    };
    Ok(Zeroizing::new(pfx.to_der().map_err(der_err("PFX"))?))
}

/// Consecutive bags that go into the same content.
enum Run<'a> {
    Keys(&'a [SafeBag]),
    Others(&'a [SafeBag]),
}

fn runs(bags: &[SafeBag]) -> Vec<Run<'_>> {
    let is_key = |b: &SafeBag| matches!(b.content, BagContent::Key(_));
    let mut out = Vec::new();
    let mut start = 0;
    while start < bags.len() {
        let key = is_key(&bags[start]);
        let len = bags[start..]
            .iter()
            .take_while(|b| is_key(b) == key)
            .count();
        let run = &bags[start..start + len];
        out.push(if key {
            Run::Keys(run)
        } else {
            Run::Others(run)
        });
        start += len;
    }
    out
}

/// A `SafeContents` of `bags`, each made into a `SafeBag` by `one`, as DER.
fn safe_contents(
    bags: &[SafeBag],
    what: &'static str,
    one: impl FnMut(&SafeBag) -> Result<OrderedSafeBag, WriteError>,
) -> Result<Vec<u8>, WriteError> {
    let bags = bags.iter().map(one).collect::<Result<Vec<_>, _>>()?;
    bags.to_der().map_err(der_err(what))
}

/// A `data` ContentInfo of shrouded key bags: each key is encrypted on its own.
fn key_content(
    enc: &Encryptor,
    secrets: &mut dyn Iterator<Item = Secret>,
    bags: &[SafeBag],
) -> Result<ContentInfo, WriteError> {
    data_content(safe_contents(bags, "key bags", |bag| {
        let BagContent::Key(pkcs8) = &bag.content else {
            // Invariant: `runs` puts only key bags in a key run.
            unreachable!("key run holds only keys")
        };
        let (algorithm, encrypted) = enc.encrypt(next(secrets)?, pkcs8)?;
        let info = EncryptedPrivateKeyInfo {
            encryption_algorithm: algorithm,
            encrypted_data: OctetString::new(encrypted).map_err(der_err("encrypted key"))?,
        };
        safe_bag(
            oid::SHROUDED_KEY_BAG,
            info.to_der().map_err(der_err("encrypted key"))?,
            &bag.attributes,
        )
    })?)
}

/// An `encryptedData` ContentInfo of certificate and other bags.
fn encrypted_content(
    enc: &Encryptor,
    secrets: &mut dyn Iterator<Item = Secret>,
    bags: &[SafeBag],
) -> Result<ContentInfo, WriteError> {
    let plain = Zeroizing::new(safe_contents(bags, "certificate bags", |bag| {
        match &bag.content {
            BagContent::Cert(der) => {
                let cert_bag = CertBag {
                    cert_id: oid::X509_CERTIFICATE,
                    cert_value: OctetString::new(der.as_slice()).map_err(der_err("certificate"))?,
                };
                safe_bag(
                    oid::CERT_BAG,
                    cert_bag.to_der().map_err(der_err("certificate bag"))?,
                    &bag.attributes,
                )
            }
            BagContent::Other { bag_id, value_der } => {
                let oid = ObjectIdentifier::new(bag_id).map_err(|e| WriteError::BadDer {
                    what: format!("bag id {bag_id}: {e}"),
                })?;
                // One complete DER value, or the bag would swallow or lose bytes.
                let whole = AnyRef::from_der(value_der).map_err(der_err("bag value"))?;
                safe_bag(
                    oid,
                    whole.to_der().map_err(der_err("bag value"))?,
                    &bag.attributes,
                )
            }
            // Invariant: `runs` puts no key bag in an other run.
            BagContent::Key(_) => unreachable!("other run holds no keys"),
        }
    })?);
    let (algorithm, encrypted) = enc.encrypt(next(secrets)?, &plain)?;
    let data = EncryptedData {
        version: CmsVersion::V0,
        enc_content_info: EncryptedContentInfo {
            content_type: oid::DATA,
            content_enc_alg: algorithm,
            encrypted_content: Some(
                OctetString::new(encrypted).map_err(der_err("encrypted content"))?,
            ),
        },
        unprotected_attrs: None,
    };
    Ok(ContentInfo {
        content_type: oid::ENCRYPTED_DATA,
        content: Any::encode_from(&data).map_err(der_err("encrypted data"))?,
    })
}

/// A `data` ContentInfo: the bytes in an OCTET STRING.
fn data_content(bytes: Vec<u8>) -> Result<ContentInfo, WriteError> {
    let os = OctetString::new(bytes).map_err(der_err("data"))?;
    Ok(ContentInfo {
        content_type: oid::DATA,
        content: Any::encode_from(&os).map_err(der_err("data"))?,
    })
}

/// The next pre-derived key; one was derived per encrypted part.
fn next(secrets: &mut dyn Iterator<Item = Secret>) -> Result<Secret, WriteError> {
    // Invariant: `write` derives exactly one secret per key bag and per other-bag run.
    secrets.next().ok_or_else(|| WriteError::Crypto {
        what: "no key derived for a part".into(),
    })
}

/// `SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OF
/// PKCS12Attribute OPTIONAL }`, with the attributes in the model's order (`pkcs12::SafeBag` holds
/// them in a sorted `SetOfVec`).
struct OrderedSafeBag {
    bag_id: ObjectIdentifier,
    /// The DER of the bag value, without the `[0]` wrapper.
    value: Vec<u8>,
    attributes: Vec<OrderedAttribute>,
}

/// `PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY }`, values in their order
/// and bytes.
struct OrderedAttribute {
    oid: ObjectIdentifier,
    values: Vec<Vec<u8>>,
}

impl OrderedAttribute {
    fn values_len(&self) -> pkcs5::der::Result<Length> {
        self.values
            .iter()
            .try_fold(Length::ZERO, |acc, v| acc + v.len())
    }
}

impl FixedTag for OrderedAttribute {
    const TAG: Tag = Tag::Sequence;
}

impl EncodeValue for OrderedAttribute {
    fn value_len(&self) -> pkcs5::der::Result<Length> {
        let values = self.values_len()?;
        self.oid.encoded_len()? + Header::new(Tag::Set, values).encoded_len()? + values
    }

    fn encode_value(&self, writer: &mut impl Writer) -> pkcs5::der::Result<()> {
        self.oid.encode(writer)?;
        Header::new(Tag::Set, self.values_len()?).encode(writer)?;
        for v in &self.values {
            writer.write(v)?;
        }
        Ok(())
    }
}

impl OrderedSafeBag {
    fn explicit_header(&self) -> pkcs5::der::Result<Header> {
        let tag = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber(0),
        };
        Ok(Header::new(tag, Length::try_from(self.value.len())?))
    }

    fn attributes_len(&self) -> pkcs5::der::Result<Length> {
        self.attributes
            .iter()
            .try_fold(Length::ZERO, |acc, a| acc + a.encoded_len()?)
    }
}

impl FixedTag for OrderedSafeBag {
    const TAG: Tag = Tag::Sequence;
}

impl EncodeValue for OrderedSafeBag {
    fn value_len(&self) -> pkcs5::der::Result<Length> {
        let value = self.explicit_header()?;
        let value_len = Length::try_from(self.value.len())?;
        let mut len = ((self.bag_id.encoded_len()? + value.encoded_len()?) + value_len)?;
        if !self.attributes.is_empty() {
            let attrs = self.attributes_len()?;
            len = ((len + Header::new(Tag::Set, attrs).encoded_len()?) + attrs)?;
        }
        Ok(len)
    }

    fn encode_value(&self, writer: &mut impl Writer) -> pkcs5::der::Result<()> {
        self.bag_id.encode(writer)?;
        self.explicit_header()?.encode(writer)?;
        writer.write(&self.value)?;
        if !self.attributes.is_empty() {
            Header::new(Tag::Set, self.attributes_len()?).encode(writer)?;
            for a in &self.attributes {
                a.encode(writer)?;
            }
        }
        Ok(())
    }
}

/// One SafeBag with the model's attributes. `value` is the DER of the bag value.
fn safe_bag(
    bag_id: ObjectIdentifier,
    value: Vec<u8>,
    attributes: &[BagAttribute],
) -> Result<OrderedSafeBag, WriteError> {
    let mut ordered = Vec::with_capacity(attributes.len());
    for a in attributes {
        let oid = ObjectIdentifier::new(&a.oid).map_err(|e| WriteError::BadDer {
            what: format!("attribute type {}: {e}", a.oid),
        })?;
        for v in &a.values_der {
            // Each value one complete DER element, or the SET would swallow or lose bytes.
            AnyRef::from_der(v).map_err(der_err("attribute value"))?;
        }
        ordered.push(OrderedAttribute {
            oid,
            values: a.values_der.clone(),
        });
    }
    Ok(OrderedSafeBag {
        bag_id,
        value,
        attributes: ordered,
    })
}

/// The key material of one encrypted part (or the MAC): salt, IV and derived key.
struct Secret {
    salt: [u8; SALT_LEN],
    iv: Zeroizing<Vec<u8>>,
    key: Zeroizing<Vec<u8>>,
}

/// Encrypts bags and computes the MAC for one profile and iteration count.
struct Encryptor {
    profile: Profile,
    iterations: Iterations,
}

/// Salt length for every KDF; 16 bytes as NIST SP 800-132 asks (OpenSSL uses 8 for the MAC).
const SALT_LEN: usize = 16;

impl Encryptor {
    /// Fresh salts and IVs for the MAC and `parts` encrypted parts, and their keys, derived at
    /// once.
    /// Each derived key is also put in `known`, when given.
    fn derive(
        &self,
        password: &Password,
        parts: usize,
        known: Option<&mut KnownKeys>,
    ) -> (Secret, Vec<Secret>) {
        let it = self.iterations.get();
        let profile = self.profile;
        let mac_salt: [u8; SALT_LEN] = rand::random();
        let salts: Vec<([u8; SALT_LEN], [u8; 16])> = (0..parts)
            .map(|_| (rand::random(), rand::random()))
            .collect();

        type Job<'a> = Box<dyn FnOnce() -> Zeroizing<Vec<u8>> + Send + 'a>;
        let mut jobs: Vec<Job<'_>> = Vec::with_capacity(1 + 2 * parts);
        let mac_hash = self.mac_hash();
        jobs.push(Box::new(move || {
            kdf::pkcs12(
                mac_hash,
                Purpose::Mac,
                &password.bmp,
                &mac_salt,
                it,
                mac_hash.output_len(),
            )
        }));
        for (salt, _) in &salts {
            match profile {
                Profile::Modern => jobs.push(Box::new(move || {
                    // Invariant: SHA-256 is a PBKDF2 PRF, so this is always Some.
                    kdf::pbkdf2(Hash::Sha256, &password.utf8, salt, it, 32).unwrap_or_default()
                })),
                Profile::Legacy => {
                    jobs.push(Box::new(move || {
                        kdf::pkcs12(Hash::Sha1, Purpose::Key, &password.bmp, salt, it, 24)
                    }));
                    jobs.push(Box::new(move || {
                        kdf::pkcs12(Hash::Sha1, Purpose::Iv, &password.bmp, salt, it, 8)
                    }));
                }
            }
        }
        let mut keys = kdf::parallel(jobs).into_iter();
        let mac = Secret {
            salt: mac_salt,
            iv: Zeroizing::new(Vec::new()),
            key: keys.next().unwrap_or_default(),
        };
        let secrets: Vec<Secret> = salts
            .iter()
            .map(|(salt, iv)| {
                let key = keys.next().unwrap_or_default();
                let iv = match profile {
                    Profile::Modern => Zeroizing::new(iv.to_vec()),
                    Profile::Legacy => keys.next().unwrap_or_default(),
                };
                Secret {
                    salt: *salt,
                    iv,
                    key,
                }
            })
            .collect();
        if let Some(known) = known {
            // The same functions and inputs as the jobs above.
            let f = Function::Pkcs12(mac_hash, Purpose::Mac);
            known.remember(f, &password.bmp, &mac.salt, it, &mac.key);
            for s in &secrets {
                match profile {
                    Profile::Modern => {
                        let f = Function::Pbkdf2(Hash::Sha256);
                        known.remember(f, &password.utf8, &s.salt, it, &s.key);
                    }
                    Profile::Legacy => {
                        let f = Function::Pkcs12(Hash::Sha1, Purpose::Key);
                        known.remember(f, &password.bmp, &s.salt, it, &s.key);
                        let f = Function::Pkcs12(Hash::Sha1, Purpose::Iv);
                        known.remember(f, &password.bmp, &s.salt, it, &s.iv);
                    }
                }
            }
        }
        (mac, secrets)
    }

    fn mac_hash(&self) -> Hash {
        match self.profile {
            Profile::Modern => Hash::Sha256,
            Profile::Legacy => Hash::Sha1,
        }
    }

    fn encrypt(
        &self,
        secret: Secret,
        plain: &[u8],
    ) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), WriteError> {
        fn key_len<E>(what: &str) -> impl FnOnce(E) -> WriteError + '_ {
            move |_| WriteError::Crypto {
                what: format!("{what} key length"),
            }
        }
        match self.profile {
            Profile::Modern => {
                let iv: [u8; 16] = secret.iv[..]
                    .try_into()
                    .map_err(key_len::<std::array::TryFromSliceError>("AES IV"))?;
                let params = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
                    self.iterations.get(),
                    &secret.salt,
                    iv,
                )
                .map_err(crypto_err("PBES2 parameters"))?;
                let cipher = cbc::Encryptor::<aes::Aes256>::new_from_slices(&secret.key, &iv)
                    .map_err(key_len::<cbc::cipher::InvalidLength>("AES-256"))?;
                let encrypted = cipher.encrypt_padded_vec::<Pkcs7>(plain);
                let algorithm = AlgorithmIdentifierOwned {
                    oid: oid::PBES2,
                    parameters: Some(Any::encode_from(&params).map_err(der_err("PBES2"))?),
                };
                Ok((algorithm, encrypted))
            }
            Profile::Legacy => {
                let cipher =
                    cbc::Encryptor::<des::TdesEde3>::new_from_slices(&secret.key, &secret.iv)
                        .map_err(key_len::<cbc::cipher::InvalidLength>("3DES"))?;
                let encrypted = cipher.encrypt_padded_vec::<Pkcs7>(plain);
                let params = Pkcs12PbeParams {
                    salt: OctetString::new(secret.salt.as_slice()).map_err(der_err("PBE salt"))?,
                    iterations: self.kdf_rounds(),
                };
                let algorithm = AlgorithmIdentifierOwned {
                    oid: oid::PBE_SHA1_3DES,
                    parameters: Some(Any::encode_from(&params).map_err(der_err("PBE"))?),
                };
                Ok((algorithm, encrypted))
            }
        }
    }

    /// The MAC over the authenticated safe's content octets.
    fn mac(&self, secret: Secret, data: &[u8]) -> Result<MacData, WriteError> {
        let hash = self.mac_hash();
        let oid = match hash {
            Hash::Sha1 => oid::SHA1,
            _ => oid::SHA256,
        };
        let digest = kdf::hmac(hash, &secret.key, data);
        Ok(MacData {
            mac: DigestInfo {
                // With NULL parameters, as OpenSSL, Java and NSS write the digest algorithm.
                algorithm: AlgorithmIdentifierOwned {
                    oid,
                    parameters: Some(Any::new(Tag::Null, Vec::new()).map_err(der_err("NULL"))?),
                },
                digest: OctetString::new(digest).map_err(der_err("MAC"))?,
            },
            mac_salt: OctetString::new(secret.salt.as_slice()).map_err(der_err("MAC salt"))?,
            iterations: self.kdf_rounds(),
        })
    }

    fn kdf_rounds(&self) -> i32 {
        // Invariant: Iterations::MAX (1,000,000) fits in an i32.
        i32::try_from(self.iterations.get()).unwrap_or(i32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::{KeystoreError, open, open_with_known_keys, pin_opens};

    fn pin(s: &str) -> Pin {
        Pin::new(s.into())
    }

    /// A key and its certificate (rcgen, P-256), with one attribute each.
    fn model() -> Pkcs12 {
        let kp = rcgen::KeyPair::generate().expect("key");
        let cert = rcgen::CertificateParams::new(Vec::<String>::new())
            .expect("params")
            .self_signed(&kp)
            .expect("certificate");
        let id = BagAttribute {
            oid: super::super::model::OID_LOCAL_KEY_ID.to_owned(),
            values_der: vec![vec![0x04, 0x01, 0x01]],
        };
        Pkcs12 {
            bags: vec![
                SafeBag {
                    content: BagContent::Key(Zeroizing::new(kp.serialize_der())),
                    attributes: vec![id.clone()],
                },
                SafeBag {
                    content: BagContent::Cert(cert.der().to_vec()),
                    attributes: vec![id],
                },
            ],
            protection: Protection::default(),
        }
    }

    /// Each bag's kind, bytes and attributes.
    fn bags(p: &Pkcs12) -> Vec<(&'static str, Vec<u8>, Vec<BagAttribute>)> {
        p.bags
            .iter()
            .map(|b| {
                let (kind, bytes) = match &b.content {
                    BagContent::Key(k) => ("key", k.to_vec()),
                    BagContent::Cert(c) => ("cert", c.clone()),
                    BagContent::Other { value_der, .. } => ("other", value_der.clone()),
                };
                (kind, bytes, b.attributes.clone())
            })
            .collect()
    }

    fn params(profile: Profile) -> WriteParams {
        WriteParams {
            profile,
            iterations: Iterations(Iterations::MIN),
        }
    }

    /// The read-back of a written file takes every key from the writer (MAC, the key bag and the
    /// certificate content; legacy: key and IV each) and reads what a full open reads.
    #[test]
    fn read_back_reuses_every_key_the_writer_derived() {
        for (profile, keys) in [(Profile::Modern, 3), (Profile::Legacy, 5)] {
            let m = model();
            let (bytes, known) =
                write_keeping_keys(&m, &pin("new-pin-1"), &params(profile)).expect("written");
            let back = open_with_known_keys(&bytes, &pin("new-pin-1"), &known).expect("opens");
            assert_eq!(known.reused(), keys, "{profile:?}");
            let full = open(&bytes, &pin("new-pin-1")).expect("opens");
            assert_eq!(bags(&back), bags(&full));
            assert_eq!(bags(&back), bags(&m));
            assert_eq!(back.protection, full.protection);
        }
    }

    /// Known keys never stand in for the check of the bytes: a file changed after it was written
    /// (ciphertext, MAC, salt, iteration count) still fails, and another PIN finds no key.
    #[test]
    fn known_keys_do_not_hide_a_changed_file_or_a_wrong_pin() {
        let m = model();
        let (bytes, known) =
            write_keeping_keys(&m, &pin("new-pin-1"), &params(Profile::Modern)).expect("written");
        let before = known.reused();
        assert!(matches!(
            open_with_known_keys(&bytes, &pin("other-pin"), &known),
            Err(KeystoreError::WrongPin)
        ));
        assert_eq!(known.reused(), before, "no key is shared with another PIN");

        // Every byte of the last 200 (certificate ciphertext, MAC digest, MAC salt, iteration
        // count) changed in turn: never opens.
        for i in bytes.len() - 200..bytes.len() {
            let mut changed = bytes.to_vec();
            changed[i] ^= 0x01;
            let r = open_with_known_keys(&changed, &pin("new-pin-1"), &known);
            assert!(r.is_err(), "byte {i} changed and the file still opened");
        }
    }

    #[test]
    fn pin_opens_says_which_pin_passes_the_mac() {
        let m = model();
        let bytes = write(&m, &pin("new-pin-1"), &params(Profile::Modern)).expect("written");
        assert_eq!(pin_opens(&bytes, &pin("new-pin-1")), Ok(true));
        assert_eq!(pin_opens(&bytes, &pin("old-pin-1")), Ok(false));
        assert_eq!(pin_opens(&bytes, &pin("")), Ok(false));
        let empty = write(&m, &pin(""), &params(Profile::Legacy)).expect("written");
        assert_eq!(pin_opens(&empty, &pin("")), Ok(true));
        assert_eq!(pin_opens(&empty, &pin("x")), Ok(false));
        // Not a whole file: the same error as open's, not "does not open".
        assert!(matches!(
            pin_opens(&bytes[..bytes.len() - 1], &pin("new-pin-1")),
            Err(KeystoreError::Corrupt { .. })
        ));
    }
}
