//! Finding PKCS#12 files by their content: a cheap structural check of the PFX header, the walker
//! that applies it to every small regular file under a folder, and what can be learnt from a found
//! file without its PIN.
//!
//! The check reads the first [`SNIFF_BYTES`] of a file and accepts it when they start a PFX
//! (RFC 7292): an outer SEQUENCE, INTEGER version 3, and a ContentInfo whose type is `data`
//! (1.2.840.113549.1.7.1) or `signedData` (.7.2). Definite and BER indefinite lengths are both
//! accepted (Windows and NSS write the latter). A file's name plays no part: renamed copies
//! (`notes.txt`) are found, and a `.p12` that is not one is not.
//!
//! The walker never follows symbolic links (so a link loop cannot trap it), stays on the file
//! system of each starting folder unless asked, reads nothing from files of
//! [`fsutil::MAX_CERT_FILE`] or more, and skips the folders in [`SKIP_NAMES`], [`SKIP_SUFFIXES`]
//! and [`SKIP_ABSOLUTE`]. Unreadable files and folders are counted and listed, never fatal.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::certview::CertView;
use crate::fsutil::{self, MAX_CERT_FILE};
use crate::keystore::{self, KeystoreError};

/// How many bytes of a file the content check reads.
pub const SNIFF_BYTES: usize = 64;

/// Folder names skipped wherever they appear: version-control internals, package caches and
/// build caches, which hold test fixtures (real PKCS#12 files of libraries) rather than a
/// member's certificate, and which are large. The Trash is deliberately *not* skipped: a file
/// moved there is still on the disk and still at risk.
pub const SKIP_NAMES: &[&str] = &[
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    ".cache",
    "__pycache__",
];

/// Folder paths skipped when a walked folder's path ends with them: per-user application caches
/// on macOS and the Rust toolchain's crate sources. Windows' temporary folder
/// (`AppData\Local\Temp`) and Internet cache (`INetCache`, with Outlook's `Content.Outlook`,
/// where an opened mail attachment is saved) are *not* skipped, nor is Downloads: that is where a
/// certificate file sent or fetched by mail lands, and mail is how the 2014 theft came in.
pub const SKIP_SUFFIXES: &[&str] = &[
    "Library/Caches",
    ".cargo/registry",
    ".cargo/git",
    ".rustup/toolchains",
];

/// System folders skipped when walking from `/` (or `C:\`): virtual file systems and the sealed
/// operating-system folders, which no member's copy can be in.
pub const SKIP_ABSOLUTE: &[&str] = &[
    "/proc",
    "/sys",
    "/dev",
    "/System",
    "/private/var/vm",
    "C:\\Windows",
];

// ---- the content check ------------------------------------------------------------------------

/// Whether the first bytes of a file of `file_len` bytes start a PFX structure. `head` may be the
/// whole file or only its first [`SNIFF_BYTES`]: the keystore's sniffer ([`keystore::pfx_head`])
/// on the whole prefix up to the content type, and the outer SEQUENCE's declared length within
/// the file.
pub fn looks_like_pfx(head: &[u8], file_len: u64) -> bool {
    // The whole prefix must be there, so that a file is never listed on a few matching bytes.
    match keystore::pfx_head(head) {
        Some(h) if h.complete => h.declared_len.is_none_or(|len| len <= file_len),
        _ => false,
    }
}

/// Whether a whole file is a complete PFX: [`looks_like_pfx`] and the keystore reads its whole
/// outer structure without the PIN (not truncated; an algorithm it does not support still
/// counts). Whether the PIN opens it is another matter.
pub fn is_complete_pfx(bytes: &[u8]) -> bool {
    looks_like_pfx(bytes, bytes.len() as u64)
        && matches!(
            keystore::unencrypted_certificates(bytes),
            Ok(_) | Err(KeystoreError::Unsupported { .. })
        )
}

// ---- what a file says without its PIN ---------------------------------------------------------

/// The certificates stored unencrypted in a PFX (rare: most tools encrypt the certificate bag
/// too), end-entity certificate first when the file marks it with a localKeyId. Empty when the
/// bags are encrypted or the structure is not understood. Read by the keystore reader.
pub fn unencrypted_certificates(pfx: &[u8]) -> Vec<Vec<u8>> {
    keystore::unencrypted_certificates(pfx).unwrap_or_default()
}

/// What a certificate says, for the scan list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertSummary {
    /// Subject CN (the member's name), when present.
    pub subject_cn: Option<String>,
    /// Subject UID (0.9.2342.19200300.100.1.1: the user ID on the notice), when present.
    pub uid: Option<String>,
    /// End of the validity period, Unix seconds.
    pub not_after: i64,
    /// SHA-256 of the certificate's DER: the same certificate in differently protected files.
    pub fingerprint: [u8; 32],
}

impl CertSummary {
    /// What `show` would read from the certificate ([`CertView`]), reduced to what the scan list
    /// shows. `None` when the bytes are not a certificate `show` could read either.
    pub fn parse(der: &[u8]) -> Option<CertSummary> {
        let view = CertView::parse(der).ok()?;
        Some(CertSummary {
            subject_cn: view.issued_to().map(str::to_owned),
            uid: view.uid().map(str::to_owned),
            not_after: view.not_after.timestamp(),
            fingerprint: fsutil::sha256(der),
        })
    }

    /// The certificate's state at `now` (Unix seconds), warning `warn_days` ahead.
    pub fn validity_at(&self, now: i64, warn_days: u32) -> Validity {
        if self.not_after < now {
            Validity::Expired
        } else if self.not_after < now + i64::from(warn_days) * 86_400 {
            Validity::ExpiresSoon
        } else {
            Validity::Valid
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validity {
    Valid,
    ExpiresSoon,
    Expired,
}

// ---- the walker -------------------------------------------------------------------------------

/// How to walk.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Descend into other file systems (mounted drives, network shares) below a starting folder.
    pub cross_filesystems: bool,
}

/// A PKCS#12 file found by content.
#[derive(Clone, Debug)]
pub struct FoundFile {
    pub path: PathBuf,
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// SHA-256 of the whole file: identical copies share it.
    pub sha256: [u8; 32],
    /// Known only when the certificate bag is unencrypted.
    pub certificate: Option<CertSummary>,
}

/// A file or folder that could not be read.
#[derive(Clone, Debug)]
pub struct Problem {
    pub path: PathBuf,
    pub error: String,
}

/// What a walk found.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub found: Vec<FoundFile>,
    /// Regular files whose first bytes were read.
    pub files_examined: u64,
    /// Regular files of 1 MiB or more, skipped without reading.
    pub skipped_large: u64,
    /// Folders skipped by the skip lists (or for being on another file system).
    pub skipped_folders: Vec<PathBuf>,
    /// Unreadable files and folders.
    pub problems: Vec<Problem>,
}

/// Walks `roots` and returns every PKCS#12 file found. `progress` is called now and then with the
/// number of files examined so far (for a spinner).
pub fn walk(roots: &[PathBuf], opts: &WalkOptions, progress: &mut dyn FnMut(u64)) -> Outcome {
    let mut out = Outcome::default();
    // The same file reached through two starting folders is listed once.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for root in roots {
        walk_root(root, opts, &mut out, &mut seen, progress);
    }
    out
}

fn walk_root(
    root: &Path,
    opts: &WalkOptions,
    out: &mut Outcome,
    seen: &mut HashSet<PathBuf>,
    progress: &mut dyn FnMut(u64),
) {
    let mut skipped: Vec<PathBuf> = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .same_file_system(!opts.cross_filesystems)
        .into_iter()
        .filter_entry(|e| {
            let skip = e.depth() > 0 && e.file_type().is_dir() && is_skipped_dir(e.path());
            if skip {
                skipped.push(e.path().to_owned());
            }
            !skip
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.problems.push(Problem {
                    path: e
                        .path()
                        .map(Path::to_owned)
                        .unwrap_or_else(|| root.to_owned()),
                    error: e
                        .io_error()
                        .map(|io| io.to_string())
                        .unwrap_or_else(|| e.to_string()),
                });
                continue;
            }
        };
        // Symbolic links are never followed (walkdir reports the link itself): a link loop or a
        // link to `/` cannot trap or widen the walk.
        if !entry.file_type().is_file() {
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(e) => {
                out.problems.push(Problem {
                    path: entry.path().to_owned(),
                    error: e.to_string(),
                });
                continue;
            }
        };
        if meta.len() >= MAX_CERT_FILE {
            out.skipped_large += 1;
            continue;
        }
        out.files_examined += 1;
        if out.files_examined.is_multiple_of(1024) {
            progress(out.files_examined);
        }
        match examine(entry.path(), meta.len()) {
            Ok(Some(mut f)) => {
                let key = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
                if seen.insert(key) {
                    f.modified = meta.modified().ok();
                    out.found.push(f);
                }
            }
            Ok(None) => {}
            Err(e) => out.problems.push(Problem {
                path: entry.path().to_owned(),
                error: e.to_string(),
            }),
        }
    }
    out.skipped_folders.extend(skipped);
}

/// The folders to walk from the user's: `first` (the home folder), then each of `more` (known
/// folders and OneDrive, which Windows lets a user move to another drive) that is an existing
/// folder not inside a root already listed and not a parent of one: a folder is walked once.
pub fn roots_outside(first: PathBuf, more: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut roots = vec![first];
    for p in more {
        if !p.is_absolute() || !p.is_dir() {
            continue;
        }
        if roots.iter().any(|r| p.starts_with(r) || r.starts_with(&p)) {
            continue;
        }
        roots.push(p);
    }
    roots
}

/// Whether a folder is on one of the skip lists.
pub fn is_skipped_dir(path: &Path) -> bool {
    if let Some(name) = path.file_name()
        && SKIP_NAMES.iter().any(|n| name == *n)
    {
        return true;
    }
    if SKIP_SUFFIXES.iter().any(|s| path.ends_with(s)) {
        return true;
    }
    SKIP_ABSOLUTE.iter().any(|a| path == Path::new(a))
}

/// Reads the head of one file; for a PFX, the whole file (it is under 1 MiB) to hash it and look
/// for an unencrypted certificate.
fn examine(path: &Path, len: u64) -> std::io::Result<Option<FoundFile>> {
    let mut f = File::open(path)?;
    let mut head = [0u8; SNIFF_BYTES];
    let n = read_up_to(&mut f, &mut head)?;
    if !looks_like_pfx(&head[..n], len) {
        return Ok(None);
    }
    // Private keys may be inside (encrypted or not): wipe the buffer after use.
    let mut bytes = Zeroizing::new(Vec::with_capacity(len as usize));
    bytes.extend_from_slice(&head[..n]);
    f.take(MAX_CERT_FILE - n as u64).read_to_end(&mut bytes)?;
    let certificate = unencrypted_certificates(&bytes)
        .first()
        .and_then(|der| CertSummary::parse(der));
    Ok(Some(FoundFile {
        path: path.to_owned(),
        len: bytes.len() as u64,
        modified: None,
        sha256: fsutil::sha256(&bytes),
        certificate,
    }))
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OID_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    const OID_CERT_BAG: &[u8] = &[
        0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, 0x03,
    ];
    const OID_X509_CERT: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x16, 0x01];

    /// The first bytes of an OpenSSL 3 PFX (definite lengths).
    const DEFINITE: &[u8] = &[
        0x30, 0x82, 0x0A, 0x2B, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09, 0xE1, 0x06, 0x09, 0x2A, 0x86,
        0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01, 0xA0, 0x82,
    ];

    /// A whole, tiny PFX in BER indefinite form: authSafe data holding one unencrypted SafeContents
    /// with a certBag whose value is `cert`.
    fn indefinite_pfx(cert: &[u8]) -> Vec<u8> {
        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut v = vec![tag];
            let n = content.len();
            if n < 0x80 {
                v.push(n as u8);
            } else {
                v.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
            }
            v.extend_from_slice(content);
            v
        }
        fn indef(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut v = vec![tag, 0x80];
            v.extend_from_slice(content);
            v.extend_from_slice(&[0, 0]);
            v
        }
        let oid = |o: &[u8]| tlv(0x06, o);
        // certBag value: SEQUENCE { OID x509Certificate, [0] { OCTET STRING cert } }
        let cert_bag = tlv(
            0x30,
            &[oid(OID_X509_CERT), tlv(0xA0, &tlv(0x04, cert))].concat(),
        );
        let safe_bag = tlv(0x30, &[oid(OID_CERT_BAG), tlv(0xA0, &cert_bag)].concat());
        let safe_contents = tlv(0x30, &safe_bag);
        // The inner data ContentInfo, its OCTET STRING in BER constructed form (two segments).
        let (a, b) = safe_contents.split_at(3);
        let segmented = indef(0x24, &[tlv(0x04, a), tlv(0x04, b)].concat());
        let ci = indef(0x30, &[oid(OID_DATA), indef(0xA0, &segmented)].concat());
        let auth_safe = indef(0x30, &ci);
        let outer_ci = indef(
            0x30,
            &[oid(OID_DATA), indef(0xA0, &tlv(0x04, &auth_safe))].concat(),
        );
        indef(0x30, &[vec![0x02, 0x01, 0x03], outer_ci].concat())
    }

    #[test]
    fn accepts_definite_and_indefinite_headers() {
        assert!(looks_like_pfx(DEFINITE, 0x0A2B + 4));
        // The keystore reader asks a certificate to be one DER SEQUENCE, nothing more.
        let ber = indefinite_pfx(&[0x30, 0x03, 0x02, 0x01, 0x05]);
        assert!(looks_like_pfx(
            &ber[..SNIFF_BYTES.min(ber.len())],
            ber.len() as u64
        ));
        assert!(is_complete_pfx(&ber));
    }

    #[test]
    fn signed_data_content_type_is_accepted() {
        let mut v = DEFINITE.to_vec();
        v[21] = 0x02;
        assert!(looks_like_pfx(&v, 0x0A2B + 4));
    }

    #[test]
    fn rejects_near_misses() {
        // Declared longer than the file: truncated or something else.
        assert!(!looks_like_pfx(DEFINITE, 100));
        let mutate = |i: usize, b: u8| {
            let mut v = DEFINITE.to_vec();
            v[i] = b;
            looks_like_pfx(&v, 0x0A2B + 4)
        };
        assert!(!mutate(0, 0x31)); // SET, not SEQUENCE
        assert!(!mutate(6, 0x02)); // version 2
        assert!(!mutate(7, 0x31));
        assert!(!mutate(21, 0x03)); // envelopedData
        assert!(!mutate(20, 0x09)); // 1.2.840.113549.1.9.1
        assert!(!looks_like_pfx(b"", 0));
        assert!(!looks_like_pfx(b"-----BEGIN CERTIFICATE-----", 27));
        assert!(!looks_like_pfx(&DEFINITE[..10], 0x0A2B + 4));
        // Indefinite length on a primitive is not BER.
        assert!(!looks_like_pfx(&[0x02, 0x80], 2));
    }

    #[test]
    fn truncated_files_are_not_complete() {
        let ber = indefinite_pfx(&[0x30, 0x00]);
        assert!(!is_complete_pfx(&ber[..ber.len() - 2]));
        assert!(is_complete_pfx(&ber));
    }

    #[test]
    fn finds_unencrypted_certificate_in_ber() {
        let cert = [0x30, 0x04, 0x04, 0x02, b'C', b'D'];
        let ber = indefinite_pfx(&cert);
        assert_eq!(unencrypted_certificates(&ber), vec![cert.to_vec()]);
        assert!(unencrypted_certificates(DEFINITE).is_empty());
        assert!(unencrypted_certificates(b"garbage").is_empty());
    }

    #[test]
    fn hostile_nesting_does_not_overflow() {
        let mut v = Vec::new();
        for _ in 0..100_000 {
            v.extend_from_slice(&[0x30, 0x80]);
        }
        assert!(unencrypted_certificates(&v).is_empty());
    }

    #[test]
    fn certificate_summary_reads_what_show_reads() {
        use rcgen::{CertificateParams, DnType, KeyPair};
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(DnType::CountryName, "JP");
        p.distinguished_name.push(
            DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 1]),
            "ABC123",
        );
        p.distinguished_name.push(DnType::CommonName, "山田 太郎");
        p.not_after = rcgen::date_time_ymd(2030, 1, 2);
        let der = p.self_signed(&key).unwrap().der().to_vec();

        let s = CertSummary::parse(&der).unwrap();
        assert_eq!(s.subject_cn.as_deref(), Some("山田 太郎"));
        assert_eq!(s.uid.as_deref(), Some("ABC123"));
        // 2030-01-02T00:00:00Z
        assert_eq!(s.not_after, 1_893_542_400);
        assert_eq!(s.fingerprint, fsutil::sha256(&der));

        assert_eq!(CertSummary::parse(b"CERT-DER-BYTES"), None);
        // Trailing bytes: not a certificate show would read either.
        let mut padded = der.clone();
        padded.push(0);
        assert_eq!(CertSummary::parse(&padded), None);
    }

    #[test]
    fn validity_states() {
        let c = CertSummary {
            subject_cn: None,
            uid: None,
            not_after: 1_000_000,
            fingerprint: [0; 32],
        };
        assert_eq!(c.validity_at(1_000_001, 30), Validity::Expired);
        assert_eq!(c.validity_at(1_000_000 - 86_400, 30), Validity::ExpiresSoon);
        assert_eq!(c.validity_at(1_000_000 - 31 * 86_400, 30), Validity::Valid);
    }

    #[test]
    fn skip_lists() {
        assert!(is_skipped_dir(Path::new("/home/a/project/node_modules")));
        assert!(is_skipped_dir(Path::new("/home/a/.git")));
        assert!(is_skipped_dir(Path::new("/Users/a/Library/Caches")));
        assert!(is_skipped_dir(Path::new("/proc")));
        assert!(!is_skipped_dir(Path::new("/home/a/proc")));
        assert!(!is_skipped_dir(Path::new("/home/a/Library")));
        assert!(!is_skipped_dir(Path::new("/home/a/.local/share/Trash")));
        // Where mail attachments and downloads land is searched (seed 000: the theft came by mail).
        for searched in [
            "C:/Users/a/AppData/Local/Temp",
            "C:/Users/a/AppData/Local/Microsoft/Windows/INetCache",
            "C:/Users/a/AppData/Local/Microsoft/Windows/INetCache/Content.Outlook",
            "C:/Users/a/Downloads",
        ] {
            assert!(!is_skipped_dir(Path::new(searched)), "{searched}");
        }
    }

    #[test]
    fn walk_finds_by_content_and_skips() {
        let d = tempfile::tempdir().unwrap();
        let pfx = indefinite_pfx(b"abc");
        std::fs::write(d.path().join("notes.txt"), &pfx).unwrap();
        std::fs::write(d.path().join("fake.p12"), b"hello, not a pfx").unwrap();
        std::fs::create_dir(d.path().join("node_modules")).unwrap();
        std::fs::write(d.path().join("node_modules/hidden.p12"), &pfx).unwrap();
        let big = File::create(d.path().join("big.bin")).unwrap();
        big.set_len(MAX_CERT_FILE).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.path(), d.path().join("loop")).unwrap();

        let mut calls = 0;
        let out = walk(&[d.path().to_owned()], &WalkOptions::default(), &mut |_| {
            calls += 1
        });
        let names: Vec<_> = out
            .found
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["notes.txt"]);
        assert_eq!(out.found[0].sha256, fsutil::sha256(&pfx));
        assert_eq!(out.found[0].len, pfx.len() as u64);
        assert!(out.found[0].modified.is_some());
        assert_eq!(out.files_examined, 2);
        assert_eq!(out.skipped_large, 1);
        assert_eq!(out.skipped_folders.len(), 1);
        assert!(out.problems.is_empty());
    }

    #[test]
    fn overlapping_roots_list_a_file_once() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("sub")).unwrap();
        std::fs::write(d.path().join("sub/a.p12"), indefinite_pfx(b"a")).unwrap();
        let roots = [d.path().to_owned(), d.path().join("sub")];
        let out = walk(&roots, &WalkOptions::default(), &mut |_| {});
        assert_eq!(out.found.len(), 1);
    }

    #[test]
    fn user_folders_outside_home_are_added_once() {
        let d = tempfile::tempdir().unwrap();
        let home = d.path().join("home");
        let moved = d.path().join("D-drive/Documents");
        for p in [&home.join("Desktop"), &home.join("OneDrive"), &moved] {
            std::fs::create_dir_all(p).unwrap();
        }
        let roots = roots_outside(
            home.clone(),
            vec![
                home.join("Desktop"),  // inside home: already walked
                moved.clone(),         // moved to another drive: added
                moved.join(".."),      // not canonical, but a parent of a root: refused
                home.join("OneDrive"), // inside home
                moved.clone(),         // twice
                d.path().join("no-such-folder"),
                PathBuf::from("relative"),
            ],
        );
        assert_eq!(roots, [home, moved]);
    }

    #[test]
    fn a_missing_root_is_a_problem_not_a_panic() {
        let d = tempfile::tempdir().unwrap();
        let out = walk(
            &[d.path().join("nope")],
            &WalkOptions::default(),
            &mut |_| {},
        );
        assert_eq!(out.problems.len(), 1);
    }
}
