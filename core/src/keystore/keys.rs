//! Which certificate belongs to the private key: by public key, derived from the private key and
//! compared with each certificate's `subjectPublicKeyInfo` (a localKeyId can be missing, stale or
//! copied; the public key cannot lie).
//!
//! RSA (including RSA-PSS keys), EC on P-256 and P-384, and Ed25519. An EC public key is always
//! recomputed from the private scalar: Java writes EC keys without one, and an embedded one that
//! differs from the computed one marks a damaged key.

use super::der::{self, Reader, TAG_BIT_STRING, TAG_CTX0_CONS, TAG_CTX1_CONS, TAG_SEQUENCE};
use super::error::KeystoreError;
use super::model::{BagContent, Pkcs12, SafeBag};
use super::oid;

/// The certificate whose private key is in the file, with that key.
#[derive(Debug)]
pub struct EndEntity<'a> {
    pub key: &'a SafeBag,
    pub cert: &'a SafeBag,
    pub cert_der: &'a [u8],
    pub key_pkcs8: &'a [u8],
    /// `true` when the certificate's public key was shown to be the private key's. `false` only
    /// for a key type gidcert cannot derive a public key from, paired with the certificate by
    /// localKeyId alone: callers should say that the pair could not be checked.
    pub key_matches: bool,
}

impl Pkcs12 {
    /// The end-entity certificate and its key. Errors: [`KeystoreError::NoPrivateKey`],
    /// [`KeystoreError::NoCertificate`], [`KeystoreError::KeyMismatch`], or
    /// [`KeystoreError::Unsupported`] for a key of unknown type with no localKeyId partner.
    pub fn end_entity(&self) -> Result<EndEntity<'_>, KeystoreError> {
        let keys: Vec<(&SafeBag, &[u8])> = self
            .bags
            .iter()
            .filter_map(|b| match &b.content {
                BagContent::Key(k) => Some((b, k.as_slice())),
                _ => None,
            })
            .collect();
        if keys.is_empty() {
            return Err(KeystoreError::NoPrivateKey);
        }
        let certs: Vec<(&SafeBag, &[u8])> = self
            .bags
            .iter()
            .filter_map(|b| match &b.content {
                BagContent::Cert(c) => Some((b, c.as_slice())),
                _ => None,
            })
            .collect();
        if certs.is_empty() {
            return Err(KeystoreError::NoCertificate);
        }

        let mut fallback = None;
        let mut first_error = None;
        let mut mismatch = false;
        for &(key, key_pkcs8) in &keys {
            match public_key_of(key_pkcs8).and_then(|spki| PublicKey::from_spki(&spki)) {
                Ok(pk) => {
                    if let Some(&(cert, cert_der)) = certs
                        .iter()
                        .find(|(_, der)| certificate_public_key(der).as_ref() == Ok(&pk))
                    {
                        return Ok(EndEntity {
                            key,
                            cert,
                            cert_der,
                            key_pkcs8,
                            key_matches: true,
                        });
                    }
                    mismatch = true;
                }
                Err(e @ KeystoreError::Unsupported { .. }) => {
                    let id = key.local_key_id();
                    let partner = certs
                        .iter()
                        .find(|(c, _)| id.is_some() && c.local_key_id() == id);
                    if let (None, Some(&(cert, cert_der))) = (&fallback, partner) {
                        fallback = Some(EndEntity {
                            key,
                            cert,
                            cert_der,
                            key_pkcs8,
                            key_matches: false,
                        });
                    }
                    first_error.get_or_insert(e);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if let Some(f) = fallback {
            return Ok(f);
        }
        if mismatch {
            return Err(KeystoreError::KeyMismatch);
        }
        // Invariant: `keys` is not empty, so each key either matched (returned), mismatched
        // (returned) or recorded an error.
        Err(first_error.unwrap_or(KeystoreError::KeyMismatch))
    }

    /// Every certificate (DER), in file order.
    pub fn certificates(&self) -> impl Iterator<Item = &[u8]> {
        self.bags.iter().filter_map(|b| match &b.content {
            BagContent::Cert(c) => Some(c.as_slice()),
            _ => None,
        })
    }

    /// Every certificate except the end-entity one (all of them when there is none).
    pub fn ca_certificates(&self) -> Vec<&[u8]> {
        let ee = self.end_entity().ok().map(|e| e.cert);
        self.bags
            .iter()
            .filter(|b| !ee.is_some_and(|e| std::ptr::eq(e, *b)))
            .filter_map(|b| match &b.content {
                BagContent::Cert(c) => Some(c.as_slice()),
                _ => None,
            })
            .collect()
    }
}

/// The `SubjectPublicKeyInfo` (DER) of a PKCS#8 private key.
pub fn public_key_of(pkcs8: &[u8]) -> Result<Vec<u8>, KeystoreError> {
    let corrupt = |at| KeystoreError::Corrupt { at };
    let mut outer = Reader::new(pkcs8);
    let mut pki = outer.sequence("PrivateKeyInfo")?;
    outer.finish("PrivateKeyInfo")?;
    pki.u64("PrivateKeyInfo version")?;
    let alg_tlv = pki.expect(TAG_SEQUENCE, "PrivateKeyInfo algorithm")?;
    let mut alg = alg_tlv.reader();
    let alg_oid = alg.oid("PrivateKeyInfo algorithm")?;
    let private_key = pki.octet_string("PrivateKeyInfo key")?;

    if alg_oid == oid::RSA_ENCRYPTION || alg_oid == oid::RSA_PSS {
        // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, … }
        let mut r = Reader::new(private_key);
        let mut rsa = r.sequence("RSAPrivateKey")?;
        rsa.u64("RSAPrivateKey version")?;
        let n = rsa.expect(der::TAG_INTEGER, "RSA modulus")?;
        let e = rsa.expect(der::TAG_INTEGER, "RSA exponent")?;
        if der::uint_bytes(n.value).is_none() || der::uint_bytes(e.value).is_none() {
            return Err(corrupt("RSA public key"));
        }
        let rsa_pub = der::tlv(TAG_SEQUENCE, &[n.raw, e.raw].concat());
        let alg_id = if alg_oid == oid::RSA_ENCRYPTION {
            let mut a = der::tlv(der::TAG_OID, oid::RSA_ENCRYPTION);
            a.extend(der::tlv(der::TAG_NULL, &[]));
            der::tlv(TAG_SEQUENCE, &a)
        } else {
            alg_tlv.raw.to_vec()
        };
        return Ok(spki(&alg_id, &rsa_pub));
    }

    if alg_oid == oid::EC_PUBLIC_KEY {
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
        //   parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
        let mut r = Reader::new(private_key);
        let mut ec = r.sequence("ECPrivateKey")?;
        ec.u64("ECPrivateKey version")?;
        let d = ec.octet_string("EC private scalar")?;
        let inner_curve = match ec.optional(TAG_CTX0_CONS, "EC parameters")? {
            Some(t) => Some(t.reader().oid("EC curve")?),
            None => None,
        };
        let embedded = match ec.optional(TAG_CTX1_CONS, "EC public key")? {
            Some(t) => Some(bit_string(
                t.reader().expect(TAG_BIT_STRING, "EC public key")?,
            )?),
            None => None,
        };
        let curve = match alg.peek_tag() {
            Some(der::TAG_OID) => alg.oid("EC curve")?,
            _ => inner_curve.ok_or(corrupt("EC curve"))?,
        };
        let point = ec_public_point(curve, d)?;
        if let Some(embedded) = embedded
            && embedded != point.as_slice()
        {
            return Err(corrupt("EC public key differs from private key"));
        }
        let mut a = der::tlv(der::TAG_OID, oid::EC_PUBLIC_KEY);
        a.extend(der::tlv(der::TAG_OID, curve));
        return Ok(spki(&der::tlv(TAG_SEQUENCE, &a), &point));
    }

    if alg_oid == oid::ED25519 {
        // CurvePrivateKey ::= OCTET STRING (the 32-byte seed)
        let seed = Reader::new(private_key).octet_string("Ed25519 seed")?;
        let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(seed)
            .map_err(|_| corrupt("Ed25519 seed"))?;
        use ring::signature::KeyPair;
        let alg_id = der::tlv(TAG_SEQUENCE, &der::tlv(der::TAG_OID, oid::ED25519));
        return Ok(spki(&alg_id, pair.public_key().as_ref()));
    }

    Err(KeystoreError::Unsupported {
        algorithm: format!("private key {}", der::oid_to_string(alg_oid)),
    })
}

/// Whether `cert_der`'s public key is the public half of `pkcs8`. False for anything unreadable.
pub fn key_matches_certificate(pkcs8: &[u8], cert_der: &[u8]) -> bool {
    let Ok(key) = public_key_of(pkcs8).and_then(|s| PublicKey::from_spki(&s)) else {
        return false;
    };
    certificate_public_key(cert_der).is_ok_and(|c| c == key)
}

/// The `subjectPublicKeyInfo` of a certificate, DER.
pub fn certificate_spki(cert_der: &[u8]) -> Result<&[u8], KeystoreError> {
    let mut outer = Reader::new(cert_der);
    let mut cert = outer.sequence("certificate")?;
    outer.finish("certificate")?;
    let mut tbs = cert.sequence("tbsCertificate")?;
    tbs.optional(TAG_CTX0_CONS, "certificate version")?;
    tbs.expect(der::TAG_INTEGER, "certificate serial")?;
    tbs.expect(TAG_SEQUENCE, "certificate signature")?;
    tbs.expect(TAG_SEQUENCE, "certificate issuer")?;
    tbs.expect(TAG_SEQUENCE, "certificate validity")?;
    tbs.expect(TAG_SEQUENCE, "certificate subject")?;
    Ok(tbs.expect(TAG_SEQUENCE, "certificate public key")?.raw)
}

fn certificate_public_key(cert_der: &[u8]) -> Result<PublicKey, KeystoreError> {
    PublicKey::from_spki(certificate_spki(cert_der)?)
}

fn spki(alg_id: &[u8], key: &[u8]) -> Vec<u8> {
    let mut bits = Vec::with_capacity(key.len() + 1);
    bits.push(0); // no unused bits
    bits.extend_from_slice(key);
    let mut body = alg_id.to_vec();
    body.extend(der::tlv(TAG_BIT_STRING, &bits));
    der::tlv(TAG_SEQUENCE, &body)
}

/// A BIT STRING's bytes; only whole-byte strings are keys.
fn bit_string(t: der::Tlv<'_>) -> Result<&[u8], KeystoreError> {
    match t.value.split_first() {
        Some((0, rest)) => Ok(rest),
        _ => Err(KeystoreError::Corrupt { at: "BIT STRING" }),
    }
}

/// The uncompressed SEC1 point d·G.
fn ec_public_point(curve: &[u8], d: &[u8]) -> Result<Vec<u8>, KeystoreError> {
    use p256::elliptic_curve::sec1::ToSec1Point;
    let corrupt = KeystoreError::Corrupt {
        at: "EC private scalar",
    };
    let padded = |size: usize| -> Result<zeroize::Zeroizing<Vec<u8>>, KeystoreError> {
        let d = &d[d.iter().take_while(|b| **b == 0).count()..];
        if d.len() > size {
            return Err(corrupt.clone());
        }
        let mut v = zeroize::Zeroizing::new(vec![0u8; size - d.len()]);
        v.extend_from_slice(d);
        Ok(v)
    };
    if curve == oid::P256 {
        let d = padded(32)?;
        let sk = p256::SecretKey::from_slice(&d).map_err(|_| corrupt.clone())?;
        Ok(sk.public_key().to_sec1_point(false).as_bytes().to_vec())
    } else if curve == oid::P384 {
        let d = padded(48)?;
        let sk = p384::SecretKey::from_slice(&d).map_err(|_| corrupt.clone())?;
        Ok(sk.public_key().to_sec1_point(false).as_bytes().to_vec())
    } else {
        Err(KeystoreError::Unsupported {
            algorithm: format!("EC curve {}", der::oid_to_string(curve)),
        })
    }
}

/// A public key in a form that compares equal whatever its encoding (NULL or absent RSA
/// parameters, compressed or uncompressed EC points, sign bytes on integers).
#[derive(Debug, PartialEq, Eq)]
enum PublicKey {
    Rsa { n: Vec<u8>, e: Vec<u8> },
    Ec { curve: Vec<u8>, point: Vec<u8> },
    Ed25519(Vec<u8>),
}

impl PublicKey {
    fn from_spki(spki: &[u8]) -> Result<PublicKey, KeystoreError> {
        use p256::elliptic_curve::sec1::ToSec1Point;
        let corrupt = |at| KeystoreError::Corrupt { at };
        let mut outer = Reader::new(spki);
        let mut s = outer.sequence("SubjectPublicKeyInfo")?;
        let mut alg = s.sequence("SPKI algorithm")?;
        let alg_oid = alg.oid("SPKI algorithm")?;
        let key = bit_string(s.expect(TAG_BIT_STRING, "SPKI key")?)?;
        if alg_oid == oid::RSA_ENCRYPTION || alg_oid == oid::RSA_PSS {
            let mut r = Reader::new(key);
            let mut rsa = r.sequence("RSAPublicKey")?;
            let n = rsa.expect(der::TAG_INTEGER, "RSA modulus")?.value;
            let e = rsa.expect(der::TAG_INTEGER, "RSA exponent")?.value;
            let n = der::uint_bytes(n).ok_or(corrupt("RSA modulus"))?;
            let e = der::uint_bytes(e).ok_or(corrupt("RSA exponent"))?;
            return Ok(PublicKey::Rsa {
                n: n.to_vec(),
                e: e.to_vec(),
            });
        }
        if alg_oid == oid::EC_PUBLIC_KEY {
            let curve = alg.oid("EC curve")?;
            let point = if curve == oid::P256 {
                p256::PublicKey::from_sec1_bytes(key)
                    .map_err(|_| corrupt("EC point"))?
                    .to_sec1_point(false)
                    .as_bytes()
                    .to_vec()
            } else if curve == oid::P384 {
                p384::PublicKey::from_sec1_bytes(key)
                    .map_err(|_| corrupt("EC point"))?
                    .to_sec1_point(false)
                    .as_bytes()
                    .to_vec()
            } else {
                return Err(KeystoreError::Unsupported {
                    algorithm: format!("EC curve {}", der::oid_to_string(curve)),
                });
            };
            return Ok(PublicKey::Ec {
                curve: curve.to_vec(),
                point,
            });
        }
        if alg_oid == oid::ED25519 {
            return Ok(PublicKey::Ed25519(key.to_vec()));
        }
        Err(KeystoreError::Unsupported {
            algorithm: format!("public key {}", der::oid_to_string(alg_oid)),
        })
    }
}
