//! The contents of a PKCS#12 file after decryption: its safe bags, with every attribute kept
//! verbatim, so that a file can be re-encrypted without dropping or renaming anything.
//!
//! Reader (`keystore::read`) produces a [`Pkcs12`]; writer (`keystore::write`) consumes one.

use zeroize::Zeroizing;

/// OIDs of the bag attributes gidcert looks at (RFC 7292 and PKCS#9).
pub const OID_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
pub const OID_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";

/// A decrypted PKCS#12 file.
#[derive(Clone, Debug, Default)]
pub struct Pkcs12 {
    /// Every safe bag, in file order.
    pub bags: Vec<SafeBag>,
    /// How the file was protected, for display and to explain where a rewrite will import.
    pub protection: Protection,
}

/// One safe bag.
#[derive(Clone, Debug)]
pub struct SafeBag {
    pub content: BagContent,
    /// The bag's attributes, kept verbatim and in order.
    pub attributes: Vec<BagAttribute>,
}

/// What a bag holds.
#[derive(Clone)]
pub enum BagContent {
    /// A private key: PKCS#8 `PrivateKeyInfo`, DER, wiped on drop. The writer always shrouds
    /// keys (`pkcs8ShroudedKeyBag`), whatever bag they came in.
    Key(Zeroizing<Vec<u8>>),
    /// An X.509 certificate, DER.
    Cert(Vec<u8>),
    /// Any other bag (CRL, secret, SDSI certificate, nested safe contents): its bag-id as a dotted
    /// OID and the DER of its `bagValue`, kept verbatim.
    Other { bag_id: String, value_der: Vec<u8> },
}

impl std::fmt::Debug for BagContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BagContent::Key(k) => write!(f, "Key(<{} bytes redacted>)", k.len()),
            BagContent::Cert(c) => write!(f, "Cert({} bytes)", c.len()),
            BagContent::Other { bag_id, value_der } => {
                write!(f, "Other({bag_id}, {} bytes)", value_der.len())
            }
        }
    }
}

/// One bag attribute: its type as a dotted OID and the DER of each value in its SET.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BagAttribute {
    pub oid: String,
    pub values_der: Vec<Vec<u8>>,
}

/// How a file was (or will be) protected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Protection {
    /// The MAC algorithm (e.g. `hmac-sha256`), `None` when the file has no MAC.
    pub mac: Option<String>,
    pub mac_iterations: Option<u32>,
    /// The algorithm protecting the key bags (e.g. `pbes2-aes-256-cbc-pbkdf2-hmac-sha256`,
    /// `pbe-sha1-3des`), `None` when keys are unencrypted.
    pub key_encryption: Option<String>,
    /// The algorithm protecting the certificate bags, `None` when they are unencrypted.
    pub cert_encryption: Option<String>,
    pub kdf_iterations: Option<u32>,
}

impl SafeBag {
    /// The PKCS#9 friendlyName (a BMPString), decoded.
    pub fn friendly_name(&self) -> Option<String> {
        let v = self.attribute(OID_FRIENDLY_NAME)?.values_der.first()?;
        let bmp = <der::asn1::BmpString as der::Decode>::from_der(v).ok()?;
        Some(bmp.to_string())
    }

    /// The PKCS#9 localKeyId (an OCTET STRING), which links a key to its certificate.
    pub fn local_key_id(&self) -> Option<&[u8]> {
        let v = self.attribute(OID_LOCAL_KEY_ID)?.values_der.first()?;
        let os = <&der::asn1::OctetStringRef as der::Decode>::from_der(v).ok()?;
        Some(os.as_bytes())
    }

    pub fn attribute(&self, oid: &str) -> Option<&BagAttribute> {
        self.attributes.iter().find(|a| a.oid == oid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_friendly_name_and_local_key_id() {
        let bag = SafeBag {
            content: BagContent::Cert(vec![]),
            attributes: vec![
                BagAttribute {
                    oid: OID_FRIENDLY_NAME.into(),
                    values_der: vec![vec![0x1E, 0x04, 0x00, b'h', 0x30, 0x42]],
                },
                BagAttribute {
                    oid: OID_LOCAL_KEY_ID.into(),
                    values_der: vec![vec![0x04, 0x02, 1, 2]],
                },
            ],
        };
        assert_eq!(bag.friendly_name().as_deref(), Some("hあ"));
        assert_eq!(bag.local_key_id(), Some(&[1u8, 2][..]));
    }
}
