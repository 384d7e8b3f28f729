//! The object identifiers the keystore recognises (`der` values, compared with what the reader
//! decodes).

use der::asn1::ObjectIdentifier as Oid;

/// One constant per line: its name and its dotted form.
macro_rules! oids {
    ($($(#[$doc:meta])* $name:ident = $dotted:literal;)*) => {
        $($(#[$doc])* pub const $name: Oid = Oid::new_unwrap($dotted);)*
    };
}

oids! {
    DATA = "1.2.840.113549.1.7.1";
    SIGNED_DATA = "1.2.840.113549.1.7.2";
    ENVELOPED_DATA = "1.2.840.113549.1.7.3";
    ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
    KEY_BAG = "1.2.840.113549.1.12.10.1.1";
    SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
    CERT_BAG = "1.2.840.113549.1.12.10.1.3";
    X509_CERTIFICATE = "1.2.840.113549.1.9.22.1";
    PBE_SHA1_RC4_128 = "1.2.840.113549.1.12.1.1";
    PBE_SHA1_RC4_40 = "1.2.840.113549.1.12.1.2";
    PBE_SHA1_3DES = "1.2.840.113549.1.12.1.3";
    PBE_SHA1_2DES = "1.2.840.113549.1.12.1.4";
    PBE_SHA1_RC2_128 = "1.2.840.113549.1.12.1.5";
    PBE_SHA1_RC2_40 = "1.2.840.113549.1.12.1.6";
    PBES2 = "1.2.840.113549.1.5.13";
    PBKDF2 = "1.2.840.113549.1.5.12";
    HMAC_SHA1 = "1.2.840.113549.2.7";
    HMAC_SHA256 = "1.2.840.113549.2.9";
    HMAC_SHA384 = "1.2.840.113549.2.10";
    HMAC_SHA512 = "1.2.840.113549.2.11";
    AES128_CBC = "2.16.840.1.101.3.4.1.2";
    AES192_CBC = "2.16.840.1.101.3.4.1.22";
    AES256_CBC = "2.16.840.1.101.3.4.1.42";
    DES_EDE3_CBC = "1.2.840.113549.3.7";
    SHA1 = "1.3.14.3.2.26";
    SHA256 = "2.16.840.1.101.3.4.2.1";
    SHA384 = "2.16.840.1.101.3.4.2.2";
    SHA512 = "2.16.840.1.101.3.4.2.3";
    /// BLAKE2b-512
    BLAKE2B512 = "1.3.6.1.4.1.1722.12.2.1.16";
    /// BLAKE2s-256
    BLAKE2S256 = "1.3.6.1.4.1.1722.12.2.2.8";
    RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    RSA_PSS = "1.2.840.113549.1.1.10";
    EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    P256 = "1.2.840.10045.3.1.7";
    P384 = "1.3.132.0.34";
    ED25519 = "1.3.101.112";
}
