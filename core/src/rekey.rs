//! Re-encrypting a certificate file under a new PIN without ever losing it (`gidcert
//! change-pin`'s work, once the PINs are known and the member has confirmed).
//!
//! The new file is written through [`fsutil::write_atomic_checked`], whose check re-opens the
//! temporary file with the new PIN, compares it with the original ([`same_contents`]) and makes
//! sure the old PIN no longer opens it; only then is it renamed over the original (or to a new
//! path, never overwriting). A kill at any instant leaves either the complete old file or the
//! complete new one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::fsutil::{self, FsError, Overwrite, Saved};
use crate::keystore::model::{BagContent, Pkcs12};
use crate::keystore::write::{self, WriteError, WriteParams};
use crate::keystore::{self, KeystoreError, key_matches_certificate, public_key_of};
use crate::pin::Pin;

/// A temporary file this old cannot belong to a running gidcert (a write takes seconds).
pub const STALE_TMP_AGE: Duration = Duration::from_secs(10 * 60);

/// Why the new file was not put in place. Nothing was replaced in any case.
#[derive(Debug)]
pub enum RekeyError {
    /// The re-opened new file differs from the original; `what` says how.
    Mismatch { what: &'static str },
    /// The old PIN still opens the new file.
    OldPinStillOpens,
    /// The new file could not be written or read back.
    Fs(FsError),
    /// The writer refused the model.
    Write(WriteError),
    /// The new file does not open with the new PIN (or the old one fails in another way).
    Keystore(KeystoreError),
}

impl From<FsError> for RekeyError {
    fn from(e: FsError) -> Self {
        RekeyError::Fs(e)
    }
}

impl From<WriteError> for RekeyError {
    fn from(e: WriteError) -> Self {
        RekeyError::Write(e)
    }
}

impl From<KeystoreError> for RekeyError {
    fn from(e: KeystoreError) -> Self {
        RekeyError::Keystore(e)
    }
}

/// Removes the `.gidcert-*.tmp` files a killed run left next to `dest` ([`STALE_TMP_AGE`]), then
/// writes `p12` under `new` to `dest` (replacing it only with [`Overwrite::Replace`]) and puts
/// it in place only once the written bytes open with `new`, hold what `p12` holds and no longer
/// open with `old`. `at` is called at each named instant (`before-write`, `temp-written`,
/// `before-rename`, `after-rename`), for the tests that kill the process there.
pub fn rekey(
    p12: &Pkcs12,
    old: &Pin,
    new: &Pin,
    params: &WriteParams,
    dest: &Path,
    overwrite: Overwrite,
    at: &dyn Fn(&str),
) -> Result<Saved, RekeyError> {
    remove_stale_tmp_files(dest);
    at("before-write");
    // The keys the writer derived are reused by the check of the file as read back (parsed, MAC
    // verified, every part decrypted from the bytes on disk): keystore::KnownKeys says why that
    // is the same check.
    let (bytes, known) = write::write_keeping_keys(p12, new, params)?;
    let saved = fsutil::write_atomic_checked(dest, &bytes, overwrite, |tmp| {
        at("temp-written");
        let written = fsutil::read_cert_file(tmp)?;
        let reopened = keystore::open_with_known_keys(&written, new, &known)?;
        same_contents(p12, &reopened)?;
        same_public_key(p12, &reopened)?;
        // The new PIN opened every part above; the old one must not pass the MAC.
        if keystore::pin_opens(&written, old)? {
            return Err(RekeyError::OldPinStillOpens);
        }
        at("before-rename");
        Ok(())
    })?;
    drop(known);
    at("after-rename");
    Ok(saved)
}

/// The re-opened file must hold what the original held: the same certificates (by SHA-256
/// fingerprint, same count), the same keys, the same localKeyIds and friendly names, and every
/// other bag and attribute unchanged.
pub fn same_contents(old: &Pkcs12, new: &Pkcs12) -> Result<(), RekeyError> {
    let mismatch = |what| Err(RekeyError::Mismatch { what });
    let certs = |p: &Pkcs12| {
        let mut v: Vec<[u8; 32]> = p
            .bags
            .iter()
            .filter_map(|b| match &b.content {
                BagContent::Cert(c) => Some(Sha256::digest(c).into()),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v
    };
    if certs(old) != certs(new) {
        return mismatch("certificates");
    }
    let keys = |p: &Pkcs12| -> Vec<[u8; 32]> {
        let mut v: Vec<[u8; 32]> = p
            .bags
            .iter()
            .filter_map(|b| match &b.content {
                BagContent::Key(k) => Some(Sha256::digest(k.as_slice()).into()),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v
    };
    if keys(old) != keys(new) {
        return mismatch("private key");
    }
    if old.bags.len() != new.bags.len() {
        return mismatch("number of bags");
    }
    for (a, b) in old.bags.iter().zip(&new.bags) {
        if a.local_key_id() != b.local_key_id() {
            return mismatch("localKeyId");
        }
        if a.friendly_name() != b.friendly_name() {
            return mismatch("friendlyName");
        }
        let mut x = a.attributes.clone();
        let mut y = b.attributes.clone();
        x.sort_by(|p, q| p.oid.cmp(&q.oid));
        y.sort_by(|p, q| p.oid.cmp(&q.oid));
        if x != y {
            return mismatch("bag attributes");
        }
        let same_bag = match (&a.content, &b.content) {
            (BagContent::Key(k), BagContent::Key(l)) => k.as_slice() == l.as_slice(),
            (BagContent::Cert(c), BagContent::Cert(d)) => c == d,
            (
                BagContent::Other {
                    bag_id: i,
                    value_der: v,
                },
                BagContent::Other {
                    bag_id: j,
                    value_der: w,
                },
            ) => i == j && v == w,
            _ => false,
        };
        if !same_bag {
            return mismatch("bag order");
        }
    }
    Ok(())
}

/// The end-entity key of the new file has the same public key as the original's and matches its
/// certificate (belt and braces: [`same_contents`] already compared the key bytes).
fn same_public_key(old: &Pkcs12, new: &Pkcs12) -> Result<(), RekeyError> {
    let (Ok(o), Ok(n)) = (old.end_entity(), new.end_entity()) else {
        // A file with no key or no certificate for it: nothing more to compare than the bytes.
        return Ok(());
    };
    // A key type whose public key cannot be derived was compared byte for byte above.
    if let Ok(pk) = public_key_of(o.key_pkcs8)
        && public_key_of(n.key_pkcs8).ok() != Some(pk)
    {
        return Err(RekeyError::Mismatch { what: "public key" });
    }
    if o.key_matches && !key_matches_certificate(n.key_pkcs8, n.cert_der) {
        return Err(RekeyError::Mismatch {
            what: "key and certificate",
        });
    }
    Ok(())
}

/// Deletes `.gidcert-*.tmp` files left in `dest`'s folder by a killed run, if old enough that no
/// running gidcert can own them. Failures are ignored: they change nothing the member relies on.
fn remove_stale_tmp_files(dest: &Path) {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".gidcert-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_TMP_AGE);
        if old {
            tracing::debug!(file = %e.path().display(), "removing stale temporary file");
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::model::{BagAttribute, OID_LOCAL_KEY_ID, SafeBag};

    fn p12() -> Pkcs12 {
        Pkcs12 {
            bags: vec![
                SafeBag {
                    content: BagContent::Cert(vec![1, 2, 3]),
                    attributes: vec![BagAttribute {
                        oid: OID_LOCAL_KEY_ID.into(),
                        values_der: vec![vec![4, 1, 7]],
                    }],
                },
                SafeBag {
                    content: BagContent::Key(vec![9, 9].into()),
                    attributes: vec![BagAttribute {
                        oid: OID_LOCAL_KEY_ID.into(),
                        values_der: vec![vec![4, 1, 7]],
                    }],
                },
            ],
            ..Default::default()
        }
    }

    fn what(r: Result<(), RekeyError>) -> &'static str {
        match r {
            Err(RekeyError::Mismatch { what }) => what,
            other => panic!("expected a mismatch, got {other:?}"),
        }
    }

    #[test]
    fn identical_contents_pass() {
        same_contents(&p12(), &p12()).unwrap();
    }

    #[test]
    fn every_difference_is_caught() {
        let mut n = p12();
        n.bags[0].content = BagContent::Cert(vec![1, 2, 4]);
        assert_eq!(what(same_contents(&p12(), &n)), "certificates");
        let mut n = p12();
        n.bags[1].content = BagContent::Key(vec![9, 8].into());
        assert_eq!(what(same_contents(&p12(), &n)), "private key");
        let mut n = p12();
        n.bags[1].attributes[0].values_der[0] = vec![4, 1, 8];
        assert_eq!(what(same_contents(&p12(), &n)), "localKeyId");
        let mut n = p12();
        n.bags.swap(0, 1);
        assert_eq!(what(same_contents(&p12(), &n)), "bag order");
        let mut n = p12();
        n.bags[0].attributes.clear();
        n.bags[1].attributes.clear();
        let mut o = n.clone();
        o.bags.swap(0, 1);
        assert_eq!(what(same_contents(&o, &n)), "bag order");
        let mut n = p12();
        n.bags.push(n.bags[0].clone());
        assert_eq!(what(same_contents(&p12(), &n)), "certificates");
    }

    #[test]
    fn stale_temp_files_are_removed_and_fresh_ones_kept() {
        let d = tempfile::tempdir().unwrap();
        let stale = d.path().join(".gidcert-old.tmp");
        let fresh = d.path().join(".gidcert-new.tmp");
        let other = d.path().join("keep.p12");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let f = std::fs::File::options().write(true).open(&stale).unwrap();
        f.set_modified(std::time::SystemTime::now() - STALE_TMP_AGE * 2)
            .unwrap();
        remove_stale_tmp_files(&d.path().join("cert.p12"));
        assert!(!stale.exists());
        assert!(fresh.exists());
        assert!(other.exists());
    }
}
