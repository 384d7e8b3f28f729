//! Which certificate belongs to the private key: by public key, derived from the private key and
//! compared with each certificate's `subjectPublicKeyInfo` (a localKeyId can be missing, stale or
//! copied; the public key cannot lie).
//!
//! RSA (including RSA-PSS keys), EC on P-256 and P-384, and Ed25519. An EC public key is always
//! recomputed from the private scalar: Java writes EC keys without one, and an embedded one that
//! differs from the computed one marks a damaged key.

use std::borrow::Cow;

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier as Oid, UintRef};
use der::{Decode, Encode, Tag};

use super::ber::{self, Ber, Res};
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
        let keys: Vec<(&SafeBag, &[u8])> = self.bags_with(key_of).collect();
        if keys.is_empty() {
            return Err(KeystoreError::NoPrivateKey);
        }
        let certs: Vec<(&SafeBag, &[u8])> = self.bags_with(cert_of).collect();
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
        self.bags_with(cert_of).map(|(_, c)| c)
    }

    /// Every certificate except the end-entity one (all of them when there is none).
    pub fn ca_certificates(&self) -> Vec<&[u8]> {
        let ee = self.end_entity().ok().map(|e| e.cert);
        self.bags_with(cert_of)
            .filter(|(b, _)| !ee.is_some_and(|e| std::ptr::eq(e, *b)))
            .map(|(_, c)| c)
            .collect()
    }

    /// The bags `pick` finds bytes in, with those bytes, in file order.
    fn bags_with(
        &self,
        pick: fn(&BagContent) -> Option<&[u8]>,
    ) -> impl Iterator<Item = (&SafeBag, &[u8])> {
        self.bags
            .iter()
            .filter_map(move |b| pick(&b.content).map(|bytes| (b, bytes)))
    }
}

fn key_of(c: &BagContent) -> Option<&[u8]> {
    match c {
        BagContent::Key(k) => Some(k),
        _ => None,
    }
}

fn cert_of(c: &BagContent) -> Option<&[u8]> {
    match c {
        BagContent::Cert(c) => Some(c),
        _ => None,
    }
}

/// What a `PrivateKeyInfo` says about its key.
struct PrivateKeyInfo<'a> {
    /// The `privateKeyAlgorithm` AlgorithmIdentifier, whole.
    alg_der: &'a [u8],
    alg: Oid,
    /// The algorithm's parameters when they are an OID (a named curve).
    alg_curve: Option<Oid>,
    private_key: Cow<'a, [u8]>,
}

/// `PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
/// privateKey OCTET STRING, … }`
fn private_key_info(pkcs8: &[u8]) -> Res<PrivateKeyInfo<'_>> {
    ber::parse(pkcs8, "PrivateKeyInfo", |r| {
        ber::seq(r, "PrivateKeyInfo", |pki| {
            ber::u64(pki, "PrivateKeyInfo version")?;
            let alg_der = ber::expect(pki, Tag::Sequence, "PrivateKeyInfo algorithm")?;
            let (alg, alg_curve) = algorithm(alg_der, "PrivateKeyInfo algorithm")?;
            let private_key = ber::octets(pki, "PrivateKeyInfo key")?;
            ber::skip_rest(pki, "PrivateKeyInfo")?;
            Ok(PrivateKeyInfo {
                alg_der,
                alg,
                alg_curve,
                private_key,
            })
        })
    })
}

/// An `AlgorithmIdentifier`: its OID, and its parameters when they are an OID.
fn algorithm(alg_der: &[u8], at: &'static str) -> Res<(Oid, Option<Oid>)> {
    ber::parse(alg_der, at, |r| {
        ber::seq(r, at, |a| {
            let alg = ber::oid(a, at)?;
            let curve = if ber::peek(a) == Some(Tag::ObjectIdentifier) {
                Some(ber::oid(a, "EC curve")?)
            } else {
                None
            };
            ber::skip_rest(a, at)?;
            Ok((alg, curve))
        })
    })
}

/// The `SubjectPublicKeyInfo` (DER) of a PKCS#8 private key.
pub fn public_key_of(pkcs8: &[u8]) -> Result<Vec<u8>, KeystoreError> {
    let corrupt = |at| KeystoreError::Corrupt { at };
    let pki = private_key_info(pkcs8)?;

    if pki.alg == oid::RSA_ENCRYPTION || pki.alg == oid::RSA_PSS {
        // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, … }
        let rsa_pub = ber::parse(&pki.private_key, "RSAPrivateKey", |r| {
            ber::seq(r, "RSAPrivateKey", |rsa| {
                ber::u64(rsa, "RSAPrivateKey version")?;
                let n = UintRef::decode(rsa).map_err(|_| corrupt("RSA public key"))?;
                let e = UintRef::decode(rsa).map_err(|_| corrupt("RSA public key"))?;
                ber::skip_rest(rsa, "RSAPrivateKey")?;
                sequence(&[&encode(&n)?, &encode(&e)?])
            })
        })?;
        let alg_id = if pki.alg == oid::RSA_ENCRYPTION {
            sequence(&[&encode(&oid::RSA_ENCRYPTION)?, &encode(&der::asn1::Null)?])?
        } else {
            pki.alg_der.to_vec()
        };
        return spki(&alg_id, &rsa_pub);
    }

    if pki.alg == oid::EC_PUBLIC_KEY {
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
        //   parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
        let (point, curve) = ber::parse(&pki.private_key, "ECPrivateKey", |r| {
            ber::seq(r, "ECPrivateKey", |ec| {
                ber::u64(ec, "ECPrivateKey version")?;
                let d = zeroize::Zeroizing::new(ber::octets(ec, "EC private scalar")?.into_owned());
                let inner_curve = if ber::peek_context(ec, 0) {
                    Some(ber::nested(ec, ber::context(0), "EC parameters", |p| {
                        ber::oid(p, "EC curve")
                    })?)
                } else {
                    None
                };
                let embedded = if ber::peek_context(ec, 1) {
                    Some(ber::nested(ec, ber::context(1), "EC public key", |p| {
                        bit_string(p, "EC public key").map(<[u8]>::to_vec)
                    })?)
                } else {
                    None
                };
                ber::skip_rest(ec, "ECPrivateKey")?;
                let curve = pki.alg_curve.or(inner_curve).ok_or(corrupt("EC curve"))?;
                let point = ec_public_point(&curve, &d)?;
                if embedded.is_some_and(|e| e != point) {
                    return Err(corrupt("EC public key differs from private key"));
                }
                Ok((point, curve))
            })
        })?;
        let alg_id = sequence(&[&encode(&oid::EC_PUBLIC_KEY)?, &encode(&curve)?])?;
        return spki(&alg_id, &point);
    }

    if pki.alg == oid::ED25519 {
        // CurvePrivateKey ::= OCTET STRING (the 32-byte seed)
        let seed = ber::parse(&pki.private_key, "Ed25519 seed", |r| {
            ber::octets(r, "Ed25519 seed").map(|s| zeroize::Zeroizing::new(s.into_owned()))
        })?;
        let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(&seed)
            .map_err(|_| corrupt("Ed25519 seed"))?;
        use ring::signature::KeyPair;
        let alg_id = sequence(&[&encode(&oid::ED25519)?])?;
        return spki(&alg_id, pair.public_key().as_ref());
    }

    Err(KeystoreError::Unsupported {
        algorithm: format!("private key {}", pki.alg),
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
    ber::parse(cert_der, "certificate", |r| {
        ber::seq(r, "certificate", |cert| {
            let spki = ber::seq(cert, "tbsCertificate", |tbs| {
                if ber::peek_context(tbs, 0) {
                    ber::element(tbs, "certificate version")?;
                }
                ber::expect(tbs, Tag::Integer, "certificate serial")?;
                for at in [
                    "certificate signature",
                    "certificate issuer",
                    "certificate validity",
                    "certificate subject",
                ] {
                    ber::expect(tbs, Tag::Sequence, at)?;
                }
                let spki = ber::expect(tbs, Tag::Sequence, "certificate public key")?;
                ber::skip_rest(tbs, "tbsCertificate")?;
                Ok(spki)
            })?;
            ber::skip_rest(cert, "certificate")?;
            Ok(spki)
        })
    })
}

fn certificate_public_key(cert_der: &[u8]) -> Result<PublicKey, KeystoreError> {
    PublicKey::from_spki(certificate_spki(cert_der)?)
}

/// DER of one value.
fn encode(v: &impl Encode) -> Res<Vec<u8>> {
    v.to_der()
        .map_err(|_| KeystoreError::Corrupt { at: "public key" })
}

/// DER of a SEQUENCE of the given (DER) values.
fn sequence(parts: &[&[u8]]) -> Res<Vec<u8>> {
    let body = parts.concat();
    let any = AnyRef::new(Tag::Sequence, &body)
        .map_err(|_| KeystoreError::Corrupt { at: "public key" })?;
    encode(&any)
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
/// STRING }`, DER.
fn spki(alg_id: &[u8], key: &[u8]) -> Res<Vec<u8>> {
    let bits =
        BitStringRef::from_bytes(key).map_err(|_| KeystoreError::Corrupt { at: "public key" })?;
    sequence(&[alg_id, &encode(&bits)?])
}

/// A BIT STRING's bytes; only whole-byte strings are keys.
fn bit_string<'a>(r: &mut Ber<'a>, at: &'static str) -> Res<&'a [u8]> {
    BitStringRef::decode(r)
        .ok()
        .and_then(|b| b.as_bytes())
        .ok_or(KeystoreError::Corrupt { at })
}

/// The uncompressed SEC1 point d·G.
fn ec_public_point(curve: &Oid, d: &[u8]) -> Result<Vec<u8>, KeystoreError> {
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
    if *curve == oid::P256 {
        let d = padded(32)?;
        let sk = p256::SecretKey::from_slice(&d).map_err(|_| corrupt.clone())?;
        Ok(sk.public_key().to_sec1_point(false).as_bytes().to_vec())
    } else if *curve == oid::P384 {
        let d = padded(48)?;
        let sk = p384::SecretKey::from_slice(&d).map_err(|_| corrupt.clone())?;
        Ok(sk.public_key().to_sec1_point(false).as_bytes().to_vec())
    } else {
        Err(KeystoreError::Unsupported {
            algorithm: format!("EC curve {curve}"),
        })
    }
}

/// A public key in a form that compares equal whatever its encoding (NULL or absent RSA
/// parameters, compressed or uncompressed EC points, sign bytes on integers).
#[derive(Debug, PartialEq, Eq)]
enum PublicKey {
    Rsa { n: Vec<u8>, e: Vec<u8> },
    Ec { curve: Oid, point: Vec<u8> },
    Ed25519(Vec<u8>),
}

impl PublicKey {
    fn from_spki(spki: &[u8]) -> Result<PublicKey, KeystoreError> {
        use p256::elliptic_curve::sec1::ToSec1Point;
        let corrupt = |at| KeystoreError::Corrupt { at };
        let (alg, curve, key) = ber::parse(spki, "SubjectPublicKeyInfo", |r| {
            ber::seq(r, "SubjectPublicKeyInfo", |s| {
                let alg_der = ber::expect(s, Tag::Sequence, "SPKI algorithm")?;
                let (alg, curve) = algorithm(alg_der, "SPKI algorithm")?;
                Ok((alg, curve, bit_string(s, "SPKI key")?))
            })
        })?;
        if alg == oid::RSA_ENCRYPTION || alg == oid::RSA_PSS {
            return ber::parse(key, "RSAPublicKey", |r| {
                ber::seq(r, "RSAPublicKey", |rsa| {
                    let n = UintRef::decode(rsa).map_err(|_| corrupt("RSA modulus"))?;
                    let e = UintRef::decode(rsa).map_err(|_| corrupt("RSA exponent"))?;
                    Ok(PublicKey::Rsa {
                        n: n.as_bytes().to_vec(),
                        e: e.as_bytes().to_vec(),
                    })
                })
            });
        }
        if alg == oid::EC_PUBLIC_KEY {
            let curve = curve.ok_or(corrupt("EC curve"))?;
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
                    algorithm: format!("EC curve {curve}"),
                });
            };
            return Ok(PublicKey::Ec { curve, point });
        }
        if alg == oid::ED25519 {
            return Ok(PublicKey::Ed25519(key.to_vec()));
        }
        Err(KeystoreError::Unsupported {
            algorithm: format!("public key {alg}"),
        })
    }
}
