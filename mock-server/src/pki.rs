//! The server's two trust worlds: a test TLS root (what the client must trust with `--ca-cert`)
//! and a test G-ID issuing CA named exactly like the real one, which issues each member's
//! certificate and RSA key, packaged as a PIN-protected PKCS#12 file.
//!
//! The two roots are separate on purpose: a client that accepted the G-ID CA as a TLS anchor, or
//! the TLS root as a certificate issuer, would be mixing them up, and tests can tell.

use p12_keystore::{
    Certificate as P12Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm,
    PrivateKey, PrivateKeyChain,
};
use pkcs12::cms::content_info::ContentInfo;
use pkcs12::pfx::Pfx;
use rand::rngs::SysRng;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber,
};
use rsa::pkcs8::EncodePrivateKey;
use sha1::{Digest as _, Sha1};
use time::OffsetDateTime;

use crate::{Account, Encryption, TlsOptions, TlsValidity};

/// The real issuer's name, attribute for attribute (RFC 4514 order: CN, O, C).
pub const ISSUER_CN: &str = "SECOM Passport for G-ID";
pub const ISSUER_O: &str = "SECOM Trust Systems CO.,LTD.";
/// The O of every member certificate.
pub const MEMBER_O: &str = "Japan Federation of Shiho-shoshi Lawyer's Associations";
/// userId (RFC 4519 `uid`), 0.9.2342.19200300.100.1.1.
const UID_OID: [u64; 7] = [0, 9, 2342, 19200300, 100, 1, 1];
/// PBKDF2 and MAC iteration count: OpenSSL 3's default for both.
const ITERATIONS: u32 = 2048;

/// Why the server could not build its certificates.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    #[error("RSA key generation failed: {0}")]
    Rsa(String),
    #[error("certificate generation failed: {0}")]
    Rcgen(#[from] rcgen::Error),
    #[error("PKCS#12 encoding failed: {0}")]
    Pkcs12(String),
    #[error("TLS configuration failed: {0}")]
    Tls(#[from] rustls::Error),
}

/// The separate test TLS root and the server certificate it signed.
pub struct TlsPki {
    pub root_pem: String,
    pub server_cert_der: Vec<u8>,
    /// PKCS#8 DER of the server key.
    pub server_key_der: Vec<u8>,
}

/// Makes the TLS root and the server certificate `options` describe (by default, for
/// `localhost`, `127.0.0.1` and `::1`, valid for ten years from a day before `now`).
///
/// ECDSA P-256 here: nothing about the TLS side has to look like the real authority's.
pub fn tls_pki(now: OffsetDateTime, options: &TlsOptions) -> Result<TlsPki, PkiError> {
    let root_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let mut root = CertificateParams::default();
    root.distinguished_name = dn(&[
        (DnType::CountryName, "JP"),
        (DnType::OrganizationName, "gidcert test"),
        (DnType::CommonName, "gidcert mock server TLS test root"),
    ]);
    root.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    // The root covers the leaf's period whatever it is, so that the leaf's own dates are the only
    // thing wrong with an expired or not-yet-valid chain.
    let (leaf_from, leaf_until) = leaf_validity(now, OffsetDateTime::now_utc(), options.validity);
    root.not_before = (now - time::Duration::days(1)).min(leaf_from - time::Duration::days(1));
    root.not_after = (now + time::Duration::days(3650)).max(leaf_until + time::Duration::days(1));
    root.serial_number = Some(random_serial());
    let root_cert = root.self_signed(&root_key)?;
    let issuer = Issuer::new(root, &root_key);

    let server_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let mut leaf = CertificateParams::default();
    // Clients ignore the CN when there are SANs; it names the first one for people reading it.
    let cn = options
        .names
        .first()
        .map_or("gidcert mock server", String::as_str);
    leaf.distinguished_name = dn(&[(DnType::CommonName, cn)]);
    leaf.subject_alt_names = options
        .names
        .iter()
        .map(|name| san(name))
        .collect::<Result<_, _>>()?;
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf.not_before = leaf_from;
    leaf.not_after = leaf_until;
    leaf.serial_number = Some(random_serial());
    leaf.use_authority_key_identifier_extension = true;
    let leaf_cert = leaf.signed_by(&server_key, &issuer)?;

    Ok(TlsPki {
        root_pem: root_cert.pem(),
        server_cert_der: leaf_cert.der().to_vec(),
        server_key_der: server_key.serialize_der(),
    })
}

/// The server certificate's (not before, not after), from the server clock's start `start` and
/// the real time `real_now` (see [`TlsValidity`]).
fn leaf_validity(
    start: OffsetDateTime,
    real_now: OffsetDateTime,
    validity: TlsValidity,
) -> (OffsetDateTime, OffsetDateTime) {
    let day = time::Duration::days(1);
    match validity {
        TlsValidity::Valid => (start - day, start + time::Duration::days(3650)),
        TlsValidity::Expired => {
            let until = start.min(real_now) - day;
            (until - time::Duration::days(90), until)
        }
        TlsValidity::NotYetValid => {
            let from = start.max(real_now) + day;
            (from, from + time::Duration::days(90))
        }
    }
}

/// A subject alternative name: an IP address if `name` parses as one, else a DNS name.
fn san(name: &str) -> Result<SanType, PkiError> {
    Ok(match name.parse::<std::net::IpAddr>() {
        Ok(ip) => SanType::IpAddress(ip),
        Err(_) => SanType::DnsName(name.try_into()?),
    })
}

/// The test G-ID issuing CA.
pub struct IssuerCa {
    pub cert_der: Vec<u8>,
    pub cert_pem: String,
    issuer: Issuer<'static, KeyPair>,
}

/// Makes the test G-ID CA: RSA 2048, named exactly like the real issuer.
pub fn issuer_ca(now: OffsetDateTime) -> Result<IssuerCa, PkiError> {
    let key = rsa_key_pair()?.0;
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(&[
        (DnType::CountryName, "JP"),
        (DnType::OrganizationName, ISSUER_O),
        (DnType::CommonName, ISSUER_CN),
    ]);
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(3650);
    params.serial_number = Some(random_serial());
    let cert = params.self_signed(&key)?;
    Ok(IssuerCa {
        cert_der: cert.der().to_vec(),
        cert_pem: cert.pem(),
        issuer: Issuer::new(params, key),
    })
}

/// One member's issued material.
pub struct Issued {
    pub cert_der: Vec<u8>,
    /// The PKCS#12 file as served.
    pub pkcs12: Vec<u8>,
}

/// Issues the member certificate of `account` and packages it with its key as PKCS#12.
///
/// Validity: five years less a day from `start` (the server clock's start), like the real
/// certificates.
pub fn issue(ca: &IssuerCa, account: &Account, start: OffsetDateTime) -> Result<Issued, PkiError> {
    let (key, pkcs8) = rsa_key_pair()?;
    let mut params = CertificateParams::default();
    // DER order C, O, CN, UID: printed RFC 4514-style this is "UID=…, CN=…, O=…, C=JP".
    params.distinguished_name = dn(&[
        (DnType::CountryName, "JP"),
        (DnType::OrganizationName, MEMBER_O),
        (DnType::CommonName, &account.name),
    ]);
    params.distinguished_name.push(
        DnType::CustomDnType(UID_OID.to_vec()),
        DnValue::Utf8String(account.user_id.clone()),
    );
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    let not_before = start.replace_nanosecond(0).unwrap_or(start);
    params.not_before = not_before;
    params.not_after = five_years_less_a_day(not_before);
    params.serial_number = Some(random_serial());
    params.use_authority_key_identifier_extension = true;
    let cert = params.signed_by(&key, &ca.issuer)?;
    let cert_der = cert.der().to_vec();
    let friendly = format!("{} ({})", account.name, account.user_id);
    let pkcs12 = build_pkcs12(
        &pkcs8,
        &cert_der,
        &ca.cert_der,
        &account.pin,
        &friendly,
        account.encryption,
    )?;
    Ok(Issued { cert_der, pkcs12 })
}

/// `not_before` + 5 years − 1 day, by calendar (Feb 29 falls back to Feb 28).
fn five_years_less_a_day(not_before: OffsetDateTime) -> OffsetDateTime {
    let d = not_before.date();
    let year = d.year() + 5;
    let target = d
        .replace_year(year)
        .or_else(|_| d.replace_day(28).and_then(|d| d.replace_year(year)))
        .unwrap_or(d);
    not_before.replace_date(target) - time::Duration::days(1)
}

/// Packages key + certificate + CA certificate as PKCS#12 protected by `pin`.
///
/// "legacy" is what OpenSSL 1.x and the real authority's files use: PBES1 3DES for the key bag,
/// PBES1 RC2-40 for the certificate bag, HMAC-SHA1 MAC. "modern" is OpenSSL 3's default: PBES2
/// AES-256-CBC with PBKDF2-HMAC-SHA256 for both, HMAC-SHA256 MAC.
pub fn build_pkcs12(
    key_pkcs8: &[u8],
    cert_der: &[u8],
    ca_der: &[u8],
    pin: &str,
    friendly_name: &str,
    encryption: Encryption,
) -> Result<Vec<u8>, PkiError> {
    let p12 = |e: p12_keystore::error::Error| PkiError::Pkcs12(e.to_string());
    // localKeyId: the SHA-1 of the certificate, as OpenSSL makes it.
    let local_key_id = Sha1::digest(cert_der).to_vec();
    let chain = PrivateKeyChain::new(
        local_key_id,
        PrivateKey::from_der(key_pkcs8).map_err(p12)?,
        [
            P12Certificate::from_der(cert_der).map_err(p12)?,
            P12Certificate::from_der(ca_der).map_err(p12)?,
        ],
    );
    let mut store = KeyStore::new();
    store.add_entry(friendly_name, KeyStoreEntry::PrivateKeyChain(chain));
    let write = |enc, mac| {
        store
            .writer(pin)
            .encryption_algorithm(enc)
            .encryption_iterations(ITERATIONS)
            .mac_algorithm(mac)
            .mac_iterations(ITERATIONS)
            .write()
            .map_err(p12)
    };
    match encryption {
        Encryption::Modern => write(
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
            MacAlgorithm::HmacSha256,
        ),
        Encryption::Legacy => {
            // p12-keystore encrypts every bag with one algorithm. Write the file twice and take
            // the certificate safe from the RC2 one (despite its name, that variant is
            // pbeWithSHAAnd40BitRC2-CBC, 1.2.840.113549.1.12.1.6) and the key safe from the 3DES
            // one, then MAC the result again.
            let des = write(
                EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
                MacAlgorithm::HmacSha1,
            )?;
            let rc2 = write(
                EncryptionAlgorithm::PbeWithShaAnd40BitRc4Cbc,
                MacAlgorithm::HmacSha1,
            )?;
            splice_legacy(&des, &rc2, pin)
        }
    }
}

/// Builds a PFX whose certificate safe comes from `certs_from` and key safe from `keys_from`,
/// both written by p12-keystore (certificate safe first, then key safe), with a fresh
/// HMAC-SHA1 MAC.
fn splice_legacy(keys_from: &[u8], certs_from: &[u8], pin: &str) -> Result<Vec<u8>, PkiError> {
    use der::asn1::OctetString;
    use der::{Any, Decode, Encode};
    use hmac::{KeyInit, Mac};

    let e = |e: der::Error| PkiError::Pkcs12(e.to_string());
    let safes = |pfx: &Pfx| -> Result<Vec<ContentInfo>, PkiError> {
        let octets =
            OctetString::from_der(&pfx.auth_safe.content.to_der().map_err(e)?).map_err(e)?;
        Vec::<ContentInfo>::from_der(octets.as_bytes()).map_err(e)
    };
    let mut keys_pfx = Pfx::from_der(keys_from).map_err(e)?;
    let certs_pfx = Pfx::from_der(certs_from).map_err(e)?;
    let key_safes = safes(&keys_pfx)?;
    let cert_safes = safes(&certs_pfx)?;
    let (Some(cert_safe), Some(key_safe)) = (cert_safes.first(), key_safes.get(1)) else {
        return Err(PkiError::Pkcs12(
            "unexpected PKCS#12 layout from the writer".into(),
        ));
    };
    let content = vec![cert_safe.clone(), key_safe.clone()]
        .to_der()
        .map_err(e)?;

    let mut salt = [0u8; 8];
    rand::fill(&mut salt[..]);
    let mac_key = pkcs12::kdf::derive_key_utf8::<Sha1>(
        pin,
        &salt,
        pkcs12::kdf::Pkcs12KeyType::Mac,
        ITERATIONS as i32,
        20,
    )
    .map_err(e)?;
    let mut mac = hmac::Hmac::<Sha1>::new_from_slice(&mac_key)
        .map_err(|_| PkiError::Pkcs12("HMAC key length".into()))?;
    mac.update(&content);
    let digest = mac.finalize().into_bytes().to_vec();

    keys_pfx.auth_safe.content =
        Any::from_der(&OctetString::new(content).map_err(e)?.to_der().map_err(e)?).map_err(e)?;
    let Some(mac_data) = keys_pfx.mac_data.as_mut() else {
        return Err(PkiError::Pkcs12("the writer made no MAC".into()));
    };
    mac_data.mac.digest = OctetString::new(digest).map_err(e)?;
    mac_data.mac_salt = OctetString::new(salt.to_vec()).map_err(e)?;
    mac_data.iterations = ITERATIONS as i32;
    keys_pfx.to_der().map_err(e)
}

/// A fresh RSA 2048 key, as an rcgen key pair and as PKCS#8 DER.
fn rsa_key_pair() -> Result<(KeyPair, Vec<u8>), PkiError> {
    let key = rsa::PrivateKey::new(&mut SysRng, 2048).map_err(|e| PkiError::Rsa(e.to_string()))?;
    let pkcs8 = key
        .to_pkcs8_der()
        .map_err(|e| PkiError::Rsa(e.to_string()))?;
    let der = pkcs8.as_bytes().to_vec();
    let pair =
        KeyPair::from_pkcs8_der_and_sign_algo(&der.as_slice().into(), &rcgen::PKCS_RSA_SHA256)?;
    Ok((pair, der))
}

fn dn(parts: &[(DnType, &str)]) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    for (ty, value) in parts {
        dn.push(ty.clone(), DnValue::Utf8String((*value).to_owned()));
    }
    dn
}

/// A positive 16-byte serial (top bit clear).
fn random_serial() -> SerialNumber {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes[..]);
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    SerialNumber::from_slice(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

    /// (SANs as text, not before, not after) of the server certificate.
    fn leaf_of(pki: &TlsPki) -> (Vec<String>, OffsetDateTime, OffsetDateTime) {
        let (_, cert) = X509Certificate::from_der(&pki.server_cert_der).unwrap();
        let sans = cert
            .subject_alternative_name()
            .unwrap()
            .map(|ext| {
                ext.value
                    .general_names
                    .iter()
                    .map(|n| match n {
                        GeneralName::DNSName(d) => format!("dns:{d}"),
                        GeneralName::IPAddress(b) => match b.len() {
                            4 => format!(
                                "ip:{}",
                                std::net::Ipv4Addr::from(<[u8; 4]>::try_from(*b).unwrap())
                            ),
                            16 => format!(
                                "ip:{}",
                                std::net::Ipv6Addr::from(<[u8; 16]>::try_from(*b).unwrap())
                            ),
                            _ => panic!("bad IP SAN"),
                        },
                        other => panic!("unexpected SAN {other:?}"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let v = cert.validity();
        (sans, v.not_before.to_datetime(), v.not_after.to_datetime())
    }

    #[test]
    fn default_tls_certificate_names_loopback_and_is_valid_now() {
        let now = OffsetDateTime::now_utc();
        let pki = tls_pki(now, &TlsOptions::default()).unwrap();
        let (sans, from, until) = leaf_of(&pki);
        assert_eq!(sans, ["dns:localhost", "ip:127.0.0.1", "ip:::1"]);
        assert!(from < now && now < until, "{from} {until}");
    }

    #[test]
    fn tls_names_replace_the_loopback_names() {
        let options = TlsOptions {
            names: vec!["gid.example.jp".into(), "192.0.2.7".into()],
            ..TlsOptions::default()
        };
        let pki = tls_pki(OffsetDateTime::now_utc(), &options).unwrap();
        assert_eq!(leaf_of(&pki).0, ["dns:gid.example.jp", "ip:192.0.2.7"]);
    }

    #[test]
    fn expired_and_not_yet_valid_hold_against_real_time_and_server_clock() {
        let real_now = OffsetDateTime::now_utc();
        // A server clock a year ahead or a year behind the real time.
        for start in [
            real_now + time::Duration::days(365),
            real_now - time::Duration::days(365),
        ] {
            let expired = TlsOptions {
                validity: TlsValidity::Expired,
                ..TlsOptions::default()
            };
            let (_, from, until) = leaf_of(&tls_pki(start, &expired).unwrap());
            assert!(
                until < real_now && until < start && from < until,
                "{from} {until}"
            );

            let early = TlsOptions {
                validity: TlsValidity::NotYetValid,
                ..TlsOptions::default()
            };
            let (_, from, until) = leaf_of(&tls_pki(start, &early).unwrap());
            assert!(
                from > real_now && from > start && from < until,
                "{from} {until}"
            );
        }
    }

    #[test]
    fn five_years_less_a_day_by_calendar() {
        assert_eq!(
            five_years_less_a_day(datetime!(2026-11-21 10:00 UTC)),
            datetime!(2031-11-20 10:00 UTC)
        );
        // A leap day starts the count from Feb 28 of the fifth year.
        assert_eq!(
            five_years_less_a_day(datetime!(2028-02-29 00:00 UTC)),
            datetime!(2033-02-27 00:00 UTC)
        );
    }
}
