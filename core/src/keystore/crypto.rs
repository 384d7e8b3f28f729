//! The password-based cryptography of PKCS#12: the RFC 7292 key derivation (appendix B), the
//! integrity MAC, the PKCS#12 PBE schemes (3DES, 2-key 3DES, RC2-128, RC2-40) and PBES2 with PBKDF2
//! (AES-128/192/256-CBC, DES-EDE3-CBC; HMAC-SHA-1/256/384/512).
//!
//! Parameters are parsed into typed values ([`Pbe`], [`MacAlg`]) before any key is derived, so
//! that an unsupported or absurd parameter is reported as such and never as a wrong PIN. Every
//! derived key and decrypted buffer lives in [`Zeroizing`].

use std::num::NonZeroU32;

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, InnerIvInit, KeyInit, KeyIvInit};
use zeroize::Zeroizing;

use der::asn1::ObjectIdentifier as Oid;

use der::Reader as _;

use super::ber::{self, Ber};
use super::error::KeystoreError;
use super::kdf::{self, Function, Hash, KnownKeys, Purpose};
use super::oid;
use crate::pin::Pin;

/// The most KDF iterations accepted. Real files use 2,048 to 600,000; more is a denial of
/// service (10,000,000 rounds of SHA-256 take seconds), so it is refused before deriving.
pub const MAX_ITERATIONS: u64 = 10_000_000;

/// The password in the two encodings PKCS#12 uses: UTF-8 for PBKDF2, and for the RFC 7292 KDF a
/// BMPString (UTF-16BE) with a two-byte terminator.
pub struct Password {
    pub(super) utf8: Zeroizing<Vec<u8>>,
    pub(super) bmp: Zeroizing<Vec<u8>>,
}

impl Password {
    /// The encodings to try for `pin`. An empty PIN is written two ways in real files: as an
    /// empty BMPString (OpenSSL) or as the bare terminator `00 00`; like OpenSSL, try both.
    pub fn candidates(pin: &Pin) -> Vec<Password> {
        let utf8 = Zeroizing::new(pin.expose().as_bytes().to_vec());
        let mut bmp = Zeroizing::new(Vec::with_capacity(pin.expose().len() * 2 + 2));
        for unit in pin.expose().encode_utf16() {
            bmp.extend_from_slice(&unit.to_be_bytes());
        }
        bmp.extend_from_slice(&[0, 0]);
        if pin.is_empty() {
            vec![
                Password {
                    utf8: utf8.clone(),
                    bmp,
                },
                Password {
                    utf8,
                    bmp: Zeroizing::new(Vec::new()),
                },
            ]
        } else {
            vec![Password { utf8, bmp }]
        }
    }
}

/// A validated iteration count: 1 to [`MAX_ITERATIONS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Iterations(NonZeroU32);

impl Iterations {
    pub fn parse(n: u64, what: &str) -> Result<Iterations, KeystoreError> {
        if n > MAX_ITERATIONS {
            return Err(KeystoreError::Unsupported {
                algorithm: format!("{what}: {n} iterations (more than {MAX_ITERATIONS})"),
            });
        }
        // Invariant: n <= MAX_ITERATIONS < u32::MAX.
        NonZeroU32::new(n as u32)
            .map(Iterations)
            .ok_or(KeystoreError::Corrupt {
                at: "iteration count 0",
            })
    }

    pub fn get(self) -> u32 {
        self.0.get()
    }
}

/// The integrity MAC of a PFX (`MacData`).
#[derive(Debug)]
pub struct MacData<'a> {
    pub hash: Hash,
    pub digest: &'a [u8],
    pub salt: &'a [u8],
    pub iterations: Iterations,
}

impl<'a> MacData<'a> {
    /// `MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }`
    pub fn parse(r: &mut Ber<'a>) -> Result<MacData<'a>, KeystoreError> {
        ber::seq(r, "MacData", |r| {
            let (hash, digest) = ber::seq(r, "DigestInfo", |r| {
                let hash = ber::seq(r, "MAC algorithm", |r| {
                    let alg = ber::oid(r, "MAC algorithm")?;
                    let hash = mac_hash(&alg).ok_or_else(|| KeystoreError::Unsupported {
                        algorithm: format!("MAC {}", oid_name(&alg)),
                    })?;
                    ber::optional_null(r, "MAC algorithm parameters")?;
                    Ok(hash)
                })?;
                Ok((hash, ber::octets_ref(r, "MAC digest")?))
            })?;
            if digest.len() != hash.output_len() {
                return Err(KeystoreError::Corrupt { at: "MAC length" });
            }
            let salt = ber::octets_ref(r, "MAC salt")?;
            let iterations = if r.is_finished() {
                1
            } else {
                ber::u64(r, "MAC iterations")?
            };
            Ok(MacData {
                hash,
                digest,
                salt,
                iterations: Iterations::parse(iterations, "MAC")?,
            })
        })
    }

    /// The HMAC key for `password`: the costly part of checking the MAC, done apart so that it
    /// can run beside the bags' derivations.
    /// `known`: keys already derived in this process (see [`KnownKeys`]).
    pub fn derive_key(&self, password: &Password, known: Option<&KnownKeys>) -> Zeroizing<Vec<u8>> {
        // Invariant: the PKCS#12 KDF always derives (only PBKDF2 can refuse a hash).
        kdf::derive_known(
            known,
            Function::Pkcs12(self.hash, Purpose::Mac),
            &password.bmp,
            self.salt,
            self.iterations.get(),
            self.hash.output_len(),
        )
        .unwrap_or_default()
    }

    /// Whether the MAC over `data` verifies under `key` (from [`MacData::derive_key`]),
    /// compared in constant time.
    pub fn verify_with(&self, key: &[u8], data: &[u8]) -> bool {
        let mac = kdf::hmac(self.hash, key, data);
        mac.len() == self.digest.len()
            && mac
                .iter()
                .zip(self.digest)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    pub fn name(&self) -> String {
        format!("hmac-{}", self.hash.name())
    }
}

/// A password-based encryption scheme with its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pbe<'a> {
    /// RFC 7292 appendix C: `pbeWithSHAAnd…`, key and IV from the RFC 7292 KDF over SHA-1.
    Pkcs12 {
        cipher: LegacyCipher,
        salt: &'a [u8],
        iterations: Iterations,
    },
    /// PKCS#5 v2 PBES2 with PBKDF2.
    Pbes2 {
        prf: Hash,
        salt: &'a [u8],
        iterations: Iterations,
        cipher: Pbes2Cipher,
        iv: &'a [u8],
    },
}

/// In the order of `LegacyCipher::key_len`'s table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyCipher {
    Des3 = 0,
    Des2 = 1,
    Rc2_128 = 2,
    Rc2_40 = 3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pbes2Cipher {
    Aes128,
    Aes192,
    Aes256,
    Des3,
}

impl Pbes2Cipher {
    fn key_len(self) -> usize {
        match self {
            Pbes2Cipher::Aes128 => 16,
            Pbes2Cipher::Aes192 | Pbes2Cipher::Des3 => 24,
            Pbes2Cipher::Aes256 => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Pbes2Cipher::Des3 => 8,
            _ => 16,
        }
    }
}

/// Decryption failed: bad padding or a ciphertext that is not a whole number of blocks. With a
/// MAC that verified, this means damage; without one, most likely a wrong PIN.
#[derive(Debug, PartialEq, Eq)]
pub struct DecryptFailed;

impl<'a> Pbe<'a> {
    /// Parses an `AlgorithmIdentifier` SEQUENCE at the reader.
    pub fn parse_from(r: &mut Ber<'a>) -> Result<Pbe<'a>, KeystoreError> {
        ber::seq(r, "encryption algorithm", Pbe::parse)
    }

    /// Parses an `AlgorithmIdentifier`'s contents.
    fn parse(alg: &mut Ber<'a>) -> Result<Pbe<'a>, KeystoreError> {
        let alg_oid = ber::oid(alg, "encryption algorithm")?;
        if let Some(cipher) = lookup(LEGACY_CIPHERS, &alg_oid) {
            // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
            return ber::seq(alg, "PBE parameters", |p| {
                let salt = ber::octets_ref(p, "PBE salt")?;
                let iterations = Iterations::parse(ber::u64(p, "PBE iterations")?, "PBE")?;
                Ok(Pbe::Pkcs12 {
                    cipher,
                    salt,
                    iterations,
                })
            });
        }
        if alg_oid != oid::PBES2 {
            return Err(unsupported("encryption", &alg_oid));
        }
        // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier,
        //                             encryptionScheme AlgorithmIdentifier }
        ber::seq(alg, "PBES2 parameters", |params| {
            let (salt, iterations, key_len, prf) = ber::seq(params, "PBES2 KDF", |kdf| {
                let kdf_oid = ber::oid(kdf, "PBES2 KDF")?;
                if kdf_oid != oid::PBKDF2 {
                    return Err(unsupported("PBES2 KDF", &kdf_oid));
                }
                ber::seq(kdf, "PBKDF2 parameters", Self::parse_pbkdf2)
            })?;
            let (cipher, iv) = ber::seq(params, "PBES2 cipher", |enc| {
                let enc_oid = ber::oid(enc, "PBES2 cipher")?;
                let cipher = lookup(PBES2_CIPHERS, &enc_oid)
                    .ok_or_else(|| unsupported("PBES2 cipher", &enc_oid))?;
                Ok((cipher, ber::octets_ref(enc, "PBES2 IV")?))
            })?;
            if iv.len() != cipher.iv_len() {
                return Err(KeystoreError::Corrupt {
                    at: "PBES2 IV length",
                });
            }
            if key_len.is_some_and(|l| l != cipher.key_len() as u64) {
                return Err(KeystoreError::Corrupt {
                    at: "PBKDF2 key length",
                });
            }
            Ok(Pbe::Pbes2 {
                prf,
                salt,
                iterations,
                cipher,
                iv,
            })
        })
    }

    /// `PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, … }, iterationCount
    /// INTEGER, keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }`'s
    /// contents.
    #[allow(clippy::type_complexity)]
    fn parse_pbkdf2(
        p: &mut Ber<'a>,
    ) -> Result<(&'a [u8], Iterations, Option<u64>, Hash), KeystoreError> {
        if ber::peek(p) != Some(der::Tag::OctetString) {
            return Err(KeystoreError::Unsupported {
                algorithm: "PBKDF2 salt from another source".into(),
            });
        }
        let salt = ber::octets_ref(p, "PBKDF2 salt")?;
        let iterations = Iterations::parse(ber::u64(p, "PBKDF2 iterations")?, "PBKDF2")?;
        let key_len = match ber::peek(p) {
            Some(der::Tag::Integer) => Some(ber::u64(p, "PBKDF2 key length")?),
            _ => None,
        };
        let prf = if ber::peek(p) == Some(der::Tag::Sequence) {
            ber::seq(p, "PBKDF2 PRF", |prf| {
                let prf_oid = ber::oid(prf, "PBKDF2 PRF")?;
                let h = prf_hash(&prf_oid).ok_or_else(|| unsupported("PBKDF2 PRF", &prf_oid))?;
                ber::optional_null(prf, "PBKDF2 PRF parameters")?;
                Ok(h)
            })?
        } else {
            Hash::Sha1
        };
        Ok((salt, iterations, key_len, prf))
    }

    pub fn iterations(&self) -> u32 {
        match self {
            Pbe::Pkcs12 { iterations, .. } | Pbe::Pbes2 { iterations, .. } => iterations.get(),
        }
    }

    /// A short name for display, e.g. `pbes2-aes-256-cbc-pbkdf2-hmac-sha256`, `pbe-sha1-3des`.
    pub fn name(&self) -> String {
        match self {
            Pbe::Pkcs12 { cipher, .. } => match cipher {
                LegacyCipher::Des3 => "pbe-sha1-3des",
                LegacyCipher::Des2 => "pbe-sha1-2des",
                LegacyCipher::Rc2_128 => "pbe-sha1-rc2-128",
                LegacyCipher::Rc2_40 => "pbe-sha1-rc2-40",
            }
            .to_owned(),
            Pbe::Pbes2 { prf, cipher, .. } => {
                let c = match cipher {
                    Pbes2Cipher::Aes128 => "aes-128-cbc",
                    Pbes2Cipher::Aes192 => "aes-192-cbc",
                    Pbes2Cipher::Aes256 => "aes-256-cbc",
                    Pbes2Cipher::Des3 => "des-ede3-cbc",
                };
                format!("pbes2-{c}-pbkdf2-hmac-{}", prf.name())
            }
        }
    }

    /// The key and IV for `password`: the costly part of decrypting, done apart so that several
    /// can run at once ([`kdf::parallel`]).
    /// `known`: keys already derived in this process (see [`KnownKeys`]).
    pub fn derive(&self, password: &Password, known: Option<&KnownKeys>) -> DerivedKey {
        match *self {
            Pbe::Pkcs12 {
                cipher,
                salt,
                iterations,
            } => {
                let kdf = |purpose, len| {
                    // Invariant: the PKCS#12 KDF always derives.
                    kdf::derive_known(
                        known,
                        Function::Pkcs12(Hash::Sha1, purpose),
                        &password.bmp,
                        salt,
                        iterations.get(),
                        len,
                    )
                    .unwrap_or_default()
                };
                DerivedKey {
                    key: kdf(Purpose::Key, cipher.key_len()),
                    iv: kdf(Purpose::Iv, 8),
                }
            }
            Pbe::Pbes2 {
                prf,
                salt,
                iterations,
                cipher,
                iv,
            } => DerivedKey {
                // Invariant: the parser only accepts SHA PRFs, which PBKDF2 always takes.
                key: kdf::derive_known(
                    known,
                    Function::Pbkdf2(prf),
                    &password.utf8,
                    salt,
                    iterations.get(),
                    cipher.key_len(),
                )
                .unwrap_or_default(),
                iv: Zeroizing::new(iv.to_vec()),
            },
        }
    }

    /// Decrypts `ciphertext` with a key from [`Pbe::derive`] and removes the PKCS#7 padding.
    pub fn decrypt_with(
        &self,
        derived: &DerivedKey,
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, DecryptFailed> {
        let mut buf = Zeroizing::new(ciphertext.to_vec());
        let (key, iv) = (&derived.key[..], &derived.iv[..]);
        let len = match *self {
            Pbe::Pkcs12 { cipher, .. } => match cipher {
                LegacyCipher::Des3 => cbc_decrypt::<des::TdesEde3>(key, iv, &mut buf)?,
                LegacyCipher::Des2 => cbc_decrypt::<des::TdesEde2>(key, iv, &mut buf)?,
                LegacyCipher::Rc2_128 | LegacyCipher::Rc2_40 => {
                    let rc2 = rc2::Rc2::new_with_eff_key_len(key, cipher.key_len() * 8);
                    cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, iv)
                        .map_err(|_| DecryptFailed)?
                        .decrypt_padded::<Pkcs7>(&mut buf)
                        .map_err(|_| DecryptFailed)?
                        .len()
                }
            },
            Pbe::Pbes2 { cipher, .. } => match cipher {
                Pbes2Cipher::Aes128 => cbc_decrypt::<aes::Aes128>(key, iv, &mut buf)?,
                Pbes2Cipher::Aes192 => cbc_decrypt::<aes::Aes192>(key, iv, &mut buf)?,
                Pbes2Cipher::Aes256 => cbc_decrypt::<aes::Aes256>(key, iv, &mut buf)?,
                Pbes2Cipher::Des3 => cbc_decrypt::<des::TdesEde3>(key, iv, &mut buf)?,
            },
        };
        buf.truncate(len);
        Ok(buf)
    }

    /// Derives the key and decrypts: [`Pbe::derive`] then [`Pbe::decrypt_with`].
    pub fn decrypt(
        &self,
        password: &Password,
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, DecryptFailed> {
        self.decrypt_with(&self.derive(password, None), ciphertext)
    }
}

/// A derived cipher key and IV, wiped on drop.
pub struct DerivedKey {
    key: Zeroizing<Vec<u8>>,
    iv: Zeroizing<Vec<u8>>,
}

impl LegacyCipher {
    /// The key's bytes (RFC 7292 appendix C): 3DES 24, 2-key 3DES 16, RC2-128 16, RC2-40 5.
    fn key_len(self) -> usize {
        const KEY_LEN: [usize; 4] = [24, 16, 16, 5];
        KEY_LEN[self as usize]
    }
}

/// Decrypts in place; returns the length without padding.
fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<usize, DecryptFailed>
where
    C: KeyInit + cbc::cipher::BlockCipherDecrypt,
    cbc::Decryptor<C>: KeyIvInit + BlockModeDecrypt,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| DecryptFailed)?;
    Ok(dec
        .decrypt_padded::<Pkcs7>(buf)
        .map_err(|_| DecryptFailed)?
        .len())
}

/// Each hash the reader knows: its digest OID (a MAC's algorithm) and, for the SHA family, its
/// HMAC OID (a PBKDF2 PRF).
const HASHES: &[(Oid, Option<Oid>, Hash)] = &[
    (oid::SHA1, Some(oid::HMAC_SHA1), Hash::Sha1),
    (oid::SHA256, Some(oid::HMAC_SHA256), Hash::Sha256),
    (oid::SHA384, Some(oid::HMAC_SHA384), Hash::Sha384),
    (oid::SHA512, Some(oid::HMAC_SHA512), Hash::Sha512),
    (oid::BLAKE2B512, None, Hash::Blake2b512),
    (oid::BLAKE2S256, None, Hash::Blake2s256),
];

/// The hash a MAC algorithm OID names.
fn mac_hash(o: &Oid) -> Option<Hash> {
    HASHES.iter().find(|(d, _, _)| d == o).map(|h| h.2)
}

/// The hash a PBKDF2 PRF OID (HMAC with it) names.
fn prf_hash(o: &Oid) -> Option<Hash> {
    HASHES
        .iter()
        .find(|(_, m, _)| m.as_ref() == Some(o))
        .map(|h| h.2)
}

/// The ciphers, by algorithm OID.
const LEGACY_CIPHERS: &[(Oid, LegacyCipher)] = &[
    (oid::PBE_SHA1_3DES, LegacyCipher::Des3),
    (oid::PBE_SHA1_2DES, LegacyCipher::Des2),
    (oid::PBE_SHA1_RC2_128, LegacyCipher::Rc2_128),
    (oid::PBE_SHA1_RC2_40, LegacyCipher::Rc2_40),
];
const PBES2_CIPHERS: &[(Oid, Pbes2Cipher)] = &[
    (oid::AES128_CBC, Pbes2Cipher::Aes128),
    (oid::AES192_CBC, Pbes2Cipher::Aes192),
    (oid::AES256_CBC, Pbes2Cipher::Aes256),
    (oid::DES_EDE3_CBC, Pbes2Cipher::Des3),
];

fn lookup<T: Copy>(table: &[(Oid, T)], o: &Oid) -> Option<T> {
    table.iter().find(|(k, _)| k == o).map(|(_, v)| *v)
}

fn unsupported(what: &str, o: &Oid) -> KeystoreError {
    KeystoreError::Unsupported {
        algorithm: format!("{what} {}", oid_name(o)),
    }
}

/// A readable name for an OID in messages: the common ones by name, others dotted.
pub fn oid_name(o: &Oid) -> String {
    let known: &[(Oid, &str)] = &[
        (oid::PBE_SHA1_RC4_128, "pbeWithSHAAnd128BitRC4"),
        (oid::PBE_SHA1_RC4_40, "pbeWithSHAAnd40BitRC4"),
        (oid::ENVELOPED_DATA, "envelopedData"),
        (oid::SIGNED_DATA, "signedData"),
    ];
    lookup(known, o).map_or_else(|| o.to_string(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_pin_has_two_encodings() {
        let c = Password::candidates(&Pin::new(String::new()));
        assert_eq!(c.len(), 2);
        assert_eq!(&*c[0].bmp, &[0, 0]);
        assert!(c[1].bmp.is_empty());
        let one = Password::candidates(&Pin::new("ab".into()));
        assert_eq!(&*one[0].bmp, &[0, b'a', 0, b'b', 0, 0]);
        assert_eq!(&*one[0].utf8, b"ab");
    }

    #[test]
    fn iteration_counts_are_bounded() {
        assert!(Iterations::parse(10_000_000, "t").is_ok());
        assert!(matches!(
            Iterations::parse(10_000_001, "t"),
            Err(KeystoreError::Unsupported { .. })
        ));
        assert!(matches!(
            Iterations::parse(0, "t"),
            Err(KeystoreError::Corrupt { .. })
        ));
    }
}
