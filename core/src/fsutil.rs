//! Safe file writes: a certificate file is never half-written, never overwritten without a
//! verified replacement, and never left behind as a stray temporary file.
//!
//! The one way to write: a temporary file in the destination folder (so the final rename stays on
//! one file system), write, fsync, verify the temporary file (read it back, compare SHA-256, run the
//! caller's check), rename into place (without replacing unless asked), fsync the folder, and read
//! the final file back once more. Mode 0600 on Unix; on Windows an access list that lets only the
//! user open the file, where the file system keeps access lists (not FAT32 or exFAT: see
//! the `gidcert-winacl` crate). On any failure the temporary file is removed and whatever was at the destination
//! is untouched.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A certificate file is a few KB; nothing gidcert reads as one may exceed this.
pub const MAX_CERT_FILE: u64 = 1024 * 1024;

/// Whether an existing destination may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    Never,
    Replace,
}

/// A file that was written and read back identical.
#[derive(Clone, Debug)]
pub struct Saved {
    pub path: PathBuf,
    pub sha256: [u8; 32],
    pub len: u64,
}

impl Saved {
    pub fn sha256_hex(&self) -> String {
        hex::encode(self.sha256)
    }
}

#[derive(Debug)]
pub enum FsError {
    NoFolder {
        path: PathBuf,
    },
    NotAFolder {
        path: PathBuf,
    },
    ReadOnly {
        path: PathBuf,
    },
    DiskFull {
        path: PathBuf,
    },
    Exists {
        path: PathBuf,
    },
    NotFound {
        path: PathBuf,
    },
    TooLarge {
        path: PathBuf,
        len: u64,
    },
    /// The written file did not read back identical.
    VerifyFailed {
        path: PathBuf,
    },
    Write {
        path: PathBuf,
        error: io::Error,
    },
    Read {
        path: PathBuf,
        error: io::Error,
    },
}

impl FsError {
    fn from_write(path: &Path, error: io::Error) -> FsError {
        let path = path.to_owned();
        match error.kind() {
            io::ErrorKind::NotFound => FsError::NoFolder { path },
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                FsError::ReadOnly { path }
            }
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => FsError::DiskFull { path },
            io::ErrorKind::AlreadyExists => FsError::Exists { path },
            _ => FsError::Write { path, error },
        }
    }

    /// A folder given where a file is to be read.
    fn is_a_folder(path: &Path) -> FsError {
        FsError::Read {
            path: path.to_owned(),
            error: io::Error::new(io::ErrorKind::IsADirectory, "is a folder"),
        }
    }

    fn from_read(path: &Path, error: io::Error) -> FsError {
        match error.kind() {
            io::ErrorKind::NotFound => FsError::NotFound {
                path: path.to_owned(),
            },
            // Windows refuses to open a folder as a file with "access denied": say what it is.
            io::ErrorKind::PermissionDenied
                if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) =>
            {
                FsError::is_a_folder(path)
            }
            _ => FsError::Read {
                path: path.to_owned(),
                error,
            },
        }
    }
}

impl std::fmt::Display for FsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // For diagnostics (logs, -v): the member reads the ui's words, not these.
        write!(f, "{self:?}")
    }
}

impl std::error::Error for FsError {}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Reads a file that should be a certificate file, refusing anything over [`MAX_CERT_FILE`]
/// before reading it.
pub fn read_cert_file(path: &Path) -> Result<zeroize::Zeroizing<Vec<u8>>, FsError> {
    let f = File::open(path).map_err(|e| FsError::from_read(path, e))?;
    let meta = f.metadata().map_err(|e| FsError::from_read(path, e))?;
    if meta.is_dir() {
        return Err(FsError::is_a_folder(path));
    }
    if meta.len() > MAX_CERT_FILE {
        return Err(FsError::TooLarge {
            path: path.to_owned(),
            len: meta.len(),
        });
    }
    let mut buf = zeroize::Zeroizing::new(Vec::with_capacity(meta.len() as usize));
    // The file may grow between metadata and read: cap the read as well.
    f.take(MAX_CERT_FILE + 1)
        .read_to_end(&mut buf)
        .map_err(|e| FsError::from_read(path, e))?;
    if buf.len() as u64 > MAX_CERT_FILE {
        return Err(FsError::TooLarge {
            path: path.to_owned(),
            len: buf.len() as u64,
        });
    }
    Ok(buf)
}

/// Writes `bytes` to `dest` atomically and verifies it (see the module documentation).
pub fn write_atomic(dest: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<Saved, FsError> {
    write_atomic_checked(dest, bytes, overwrite, |_| Ok::<(), FsError>(()))
}

/// Like [`write_atomic`], and runs `check` on the fully written, fsynced temporary file before it
/// is renamed into place (for example: re-open a PKCS#12 file with its new PIN). If `check` fails,
/// nothing at `dest` changes.
pub fn write_atomic_checked<E: From<FsError>>(
    dest: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    check: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<Saved, E> {
    let dir = parent_dir(dest);
    match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(FsError::NotAFolder { path: dir }.into()),
        Err(e) => return Err(FsError::from_write(&dir, e).into()),
    }
    if overwrite == Overwrite::Never && dest.exists() {
        return Err(FsError::Exists {
            path: dest.to_owned(),
        }
        .into());
    }
    let expected = sha256(bytes);

    // Created with mode 0600 on Unix by tempfile; removed on drop unless persisted.
    let mut tmp = tempfile::Builder::new()
        .prefix(".gidcert-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| FsError::from_write(&dir, e))?;
    // Windows: only this user may open it, before a byte is written (FAT keeps no access lists).
    #[cfg(windows)]
    {
        let access = gidcert_winacl::restrict_to_owner(tmp.path())
            .map_err(|e| FsError::from_write(dest, e))?;
        tracing::debug!(?access, "access list of the temporary file");
    }
    tracing::debug!(tmp = %tmp.path().display(), "writing temporary file");
    tmp.write_all(bytes)
        .map_err(|e| FsError::from_write(dest, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| FsError::from_write(dest, e))?;

    // Read back what the disk holds (not our buffer) before anything is replaced.
    reads_back(tmp.path(), &expected, dest)?;
    check(tmp.path())?;

    persist(tmp, dest, overwrite)?;
    sync_dir(&dir).map_err(|e| FsError::from_write(&dir, e))?;

    reads_back(dest, &expected, dest)?;
    Ok(Saved {
        path: dest.to_owned(),
        sha256: expected,
        len: bytes.len() as u64,
    })
}

/// The file at `path` reads back with digest `expected`; else "verify failed" for `dest`.
fn reads_back(path: &Path, expected: &[u8; 32], dest: &Path) -> Result<(), FsError> {
    let failed = || FsError::VerifyFailed {
        path: dest.to_owned(),
    };
    let back = read_cert_file(path).map_err(|_| failed())?;
    if sha256(&back) == *expected {
        Ok(())
    } else {
        Err(failed())
    }
}

fn persist(tmp: tempfile::NamedTempFile, dest: &Path, overwrite: Overwrite) -> Result<(), FsError> {
    if overwrite == Overwrite::Replace {
        return tmp
            .persist(dest)
            .map(drop)
            .map_err(|e| FsError::from_write(dest, e.error));
    }
    match tmp.persist_noclobber(dest) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(FsError::Exists {
            path: dest.to_owned(),
        }),
        // FAT and exFAT USB sticks support neither hard links nor RENAME_NOREPLACE. Fall back to a
        // check then a rename: the window between them is tiny and only another writer to the same
        // new name could slip into it.
        Err(e) => {
            tracing::debug!(error = %e.error, "no-clobber rename unsupported; checking then renaming");
            if dest.exists() {
                return Err(FsError::Exists {
                    path: dest.to_owned(),
                });
            }
            e.file
                .persist(dest)
                .map(drop)
                .map_err(|e| FsError::from_write(dest, e.error))
        }
    }
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Makes a rename durable: fsync the folder that holds the new name. A no-op where folders cannot
/// be opened (Windows; there the rename itself is durable once MoveFileEx returns with
/// write-through, which tempfile's persist uses).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".gidcert-"))
            .collect()
    }

    #[test]
    fn writes_and_verifies() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.p12");
        let s = write_atomic(&p, b"hello", Overwrite::Never).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"hello");
        assert_eq!(s.sha256, sha256(b"hello"));
        assert!(leftovers(d.path()).is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn never_overwrites_unless_asked() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.p12");
        std::fs::write(&p, b"original").unwrap();
        let e = write_atomic(&p, b"new", Overwrite::Never).unwrap_err();
        assert!(matches!(e, FsError::Exists { .. }), "{e:?}");
        assert_eq!(std::fs::read(&p).unwrap(), b"original");
        write_atomic(&p, b"new", Overwrite::Replace).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn a_failed_check_changes_nothing_and_leaves_nothing() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.p12");
        std::fs::write(&p, b"original").unwrap();
        let e = write_atomic_checked(&p, b"new", Overwrite::Replace, |tmp| {
            assert_eq!(std::fs::read(tmp).unwrap(), b"new");
            Err(FsError::VerifyFailed {
                path: tmp.to_owned(),
            })
        })
        .unwrap_err();
        assert!(matches!(e, FsError::VerifyFailed { .. }), "{e:?}");
        assert_eq!(std::fs::read(&p).unwrap(), b"original");
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn missing_folder() {
        let d = tempfile::tempdir().unwrap();
        let e = write_atomic(&d.path().join("nope/a.p12"), b"x", Overwrite::Never).unwrap_err();
        assert!(matches!(e, FsError::NoFolder { .. }), "{e:?}");
    }

    #[test]
    fn oversized_input_is_refused_before_reading() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("big");
        let f = File::create(&p).unwrap();
        f.set_len(MAX_CERT_FILE + 1).unwrap();
        assert!(matches!(
            read_cert_file(&p).unwrap_err(),
            FsError::TooLarge { .. }
        ));
    }
}
