//! Which drives are plugged in, and whether a path lies on a removable one (a USB stick, an SD
//! card) or on a fixed disk of the PC.
//!
//! On Windows the list is the drive letters and their drive type (`GetDriveTypeW` on `E:\` says
//! `DRIVE_REMOVABLE`, see [`gidcert_winacl::drives`]): USB sticks and SD cards (`E:\`, `F:\`…);
//! USB hard disks, and some large sticks that declare themselves fixed disks, are fixed drives
//! there and need `GIDCERT_REMOVABLE` (below). On macOS and Linux it comes from sysinfo's disk list
//! and its removable flag.
//! sysinfo asks the kernel whether the *block device* is removable, which misses many USB sticks
//! and card readers on Linux (they often report `removable=0`) and every drive mounted through a
//! device mapper. On Linux gidcert therefore also treats as removable any mount point that the
//! desktop's automounter (udisks2) uses for removable media:
//!
//! - `/media/NAME` and `/media/USER/NAME` (Debian, Ubuntu),
//! - `/run/media/USER/NAME` (Fedora, Arch, openSUSE).
//!
//! Finally, the environment variable `GIDCERT_REMOVABLE` may list more folders (separated like
//! `PATH`) to treat as removable drives, for a drive the operating system misclassifies (and for
//! tests, which have no USB stick).

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// The environment variable that names extra folders to treat as removable drives.
pub const REMOVABLE_ENV: &str = "GIDCERT_REMOVABLE";

/// One mounted drive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drive {
    /// The volume label when known, else the device name (e.g. `/dev/sdb1`, `E:\`).
    pub label: String,
    pub mount_point: PathBuf,
    /// Free space for the user, in bytes (0 when unknown).
    pub available: u64,
    pub total: u64,
    /// The file system (e.g. `vfat`, `exfat`, `NTFS`); empty when unknown.
    pub file_system: String,
    pub removable: bool,
    pub read_only: bool,
}

/// Where a path lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Removable,
    Fixed,
}

/// A snapshot of the mounted drives, to classify many paths against.
#[derive(Clone, Debug, Default)]
pub struct DriveMap {
    drives: Vec<Drive>,
}

impl DriveMap {
    /// The drives mounted now, plus the folders in `extra_removable` (the value of
    /// [`REMOVABLE_ENV`], which the outer layer reads: the core reads no environment variable).
    pub fn from_system(extra_removable: Option<OsString>) -> DriveMap {
        let mut drives = system_drives();
        drives.extend(env_drives(extra_removable));
        DriveMap { drives }
    }

    /// A map over the given drives (tests, and callers that already listed them).
    pub fn from_drives(drives: Vec<Drive>) -> DriveMap {
        DriveMap { drives }
    }

    pub fn drives(&self) -> &[Drive] {
        &self.drives
    }

    /// The removable drives, writable ones first, each once.
    pub fn removable(&self) -> Vec<&Drive> {
        let mut seen = Vec::new();
        let mut out: Vec<&Drive> = Vec::new();
        for d in self.drives.iter().filter(|d| d.removable) {
            if !seen.contains(&&d.mount_point) {
                seen.push(&d.mount_point);
                out.push(d);
            }
        }
        out.sort_by_key(|d| d.read_only);
        out
    }

    /// The drive holding `path`: the one with the longest mount point that contains it. `path`
    /// should be absolute and canonical (symlinks resolved), or the answer may be wrong.
    pub fn drive_of(&self, path: &Path) -> Option<&Drive> {
        self.drives
            .iter()
            .filter(|d| path.starts_with(&d.mount_point))
            .max_by_key(|d| d.mount_point.components().count())
    }

    /// Whether `path` is on a removable drive. Unknown drives count as fixed: a copy on a disk
    /// gidcert cannot identify is treated as the risk the 2014 notice describes.
    pub fn location_of(&self, path: &Path) -> Location {
        let canonical = canonical(path).unwrap_or_else(|_| path.to_owned());
        match self.drive_of(&canonical) {
            Some(d) if d.removable => Location::Removable,
            _ => Location::Fixed,
        }
    }
}

/// `std::fs::canonicalize`, but on Windows without the `\\?\` prefix it adds (`\\?\E:\x` is
/// `E:\x`, `\\?\UNC\server\share` is `\\server\share`): the drive list has `E:\`, which a path
/// with the prefix does not start with (its first component differs).
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let c = std::fs::canonicalize(path)?;
    #[cfg(windows)]
    if let Some(s) = c.to_str() {
        if let Some(rest) = s.strip_prefix(r"\\?\UNC\") {
            return Ok(PathBuf::from(format!(r"\\{rest}")));
        }
        if let Some(rest) = s.strip_prefix(r"\\?\")
            && rest.as_bytes().get(1) == Some(&b':')
        {
            return Ok(PathBuf::from(rest));
        }
    }
    Ok(c)
}

/// The drive letters (see the module documentation).
#[cfg(windows)]
fn system_drives() -> Vec<Drive> {
    gidcert_winacl::drives()
        .into_iter()
        .map(|d| Drive {
            // A drive root (`E:\`) has no file name: the drive itself is the label.
            label: if d.label.is_empty() {
                d.root.display().to_string()
            } else {
                d.label
            },
            mount_point: d.root,
            available: d.available,
            total: d.total,
            file_system: d.file_system,
            removable: d.removable,
            read_only: d.read_only,
        })
        .collect()
}

/// sysinfo's list, with the Linux automount rule applied.
#[cfg(not(windows))]
fn system_drives() -> Vec<Drive> {
    let disks = sysinfo::Disks::new_with_refreshed_list();
    let labels = volume_labels();
    disks
        .list()
        .iter()
        .map(|d| {
            let mount_point = d.mount_point().to_owned();
            // The device on Linux and macOS (`/dev/sdb1`); on Windows the volume label
            // (`KINGSTON`), empty for a volume without one.
            let device = d.name().to_string_lossy().into_owned();
            let label = labels
                .iter()
                .find(|(dev, _)| *dev == Path::new(&device))
                .map(|(_, l)| l.clone())
                .or_else(|| {
                    mount_point
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                })
                .or_else(|| (!device.is_empty()).then(|| device.clone()))
                // A drive root (`E:\`) has no file name: the drive itself is the label.
                .unwrap_or_else(|| mount_point.display().to_string());
            Drive {
                label,
                removable: d.is_removable() || is_automount_point(&mount_point),
                mount_point,
                available: d.available_space(),
                total: d.total_space(),
                file_system: d.file_system().to_string_lossy().into_owned(),
                read_only: d.is_read_only(),
            }
        })
        .collect()
}

/// Volume labels by device, from udev's `/dev/disk/by-label` links (Linux only; elsewhere the
/// mount point's name is the best label: `/Volumes/NAME` on macOS; on Windows sysinfo's disk name
/// is the volume label, and `E:\` stands in when there is none).
#[cfg(not(windows))]
fn volume_labels() -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir("/dev/disk/by-label") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let dev = std::fs::canonicalize(e.path()).ok()?;
            Some((dev, unescape_udev(&e.file_name().to_string_lossy())))
        })
        .collect()
}

/// udev writes spaces and other unsafe bytes in labels as `\xHH`.
#[cfg_attr(windows, allow(dead_code))]
fn unescape_udev(s: &str) -> String {
    let mut bytes = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && b.get(i + 1) == Some(&b'x')
            && let Some(h) = b.get(i + 2..i + 4)
            && let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(h), 16)
        {
            bytes.push(v);
            i += 4;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether a mount point is where udisks2 mounts removable media on Linux: `/media/X`,
/// `/media/USER/X` or `/run/media/USER/X`. Always false elsewhere.
pub fn is_automount_point(mount: &Path) -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    is_automount_path(mount)
}

/// The path rule behind [`is_automount_point`], on any OS (for tests).
fn is_automount_path(mount: &Path) -> bool {
    let parts: Vec<&std::ffi::OsStr> = mount
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    if !mount.is_absolute() || parts.iter().any(|p| *p == "." || *p == "..") {
        return false;
    }
    match parts.as_slice() {
        [m, _] | [m, _, _] if *m == "media" => true,
        [r, m, _, _] if *r == "run" && *m == "media" => true,
        _ => false,
    }
}

/// The folders of a `GIDCERT_REMOVABLE` value, as removable drives.
fn env_drives(value: Option<OsString>) -> Vec<Drive> {
    let Some(value) = value else {
        return Vec::new();
    };
    std::env::split_paths(&value)
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| {
            let mount_point = canonical(&p).unwrap_or(p);
            Drive {
                label: mount_point
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| mount_point.display().to_string()),
                available: free_space(&mount_point).unwrap_or(0),
                total: 0,
                file_system: String::new(),
                removable: true,
                read_only: false,
                mount_point,
            }
        })
        .collect()
}

/// Free space on the drive holding `path` (longest matching mount point).
#[cfg(windows)]
pub fn free_space(path: &Path) -> Option<u64> {
    let canonical = canonical(path).ok()?;
    system_drives()
        .into_iter()
        .filter(|d| canonical.starts_with(&d.mount_point))
        .max_by_key(|d| d.mount_point.components().count())
        .map(|d| d.available)
}

/// Free space on the drive holding `path`, from sysinfo's list (longest matching mount point).
#[cfg(not(windows))]
pub fn free_space(path: &Path) -> Option<u64> {
    let canonical = std::fs::canonicalize(path).ok()?;
    let disks = sysinfo::Disks::new_with_refreshed_list();
    disks
        .list()
        .iter()
        .filter(|d| canonical.starts_with(d.mount_point()))
        .max_by_key(|d| d.mount_point().components().count())
        .map(|d| d.available_space())
}

/// A byte count for people: `3.2 KB`, `14.9 GB` (powers of 1024, as file managers show them).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drive(mount: &str, removable: bool) -> Drive {
        Drive {
            label: mount.into(),
            mount_point: mount.into(),
            available: 0,
            total: 0,
            file_system: String::new(),
            removable,
            read_only: false,
        }
    }

    #[test]
    fn automount_rule() {
        for p in [
            "/media/USB",
            "/media/taro/USB DISK",
            "/run/media/taro/KINGSTON",
        ] {
            assert!(is_automount_path(Path::new(p)), "{p}");
        }
        for p in [
            "/",
            "/media",
            "/home/taro/media/x",
            "/run/media/taro",
            "/media/a/b/c",
            "/run/user/1000",
            "media/x",
        ] {
            assert!(!is_automount_path(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn longest_mount_point_wins() {
        let map = DriveMap::from_drives(vec![
            drive("/", false),
            drive("/media/taro/USB", true),
            drive("/media/taro/USB/inner", false),
        ]);
        let d = |p: &str| map.drive_of(Path::new(p)).map(|d| d.mount_point.clone());
        assert_eq!(d("/home/taro/a.p12"), Some("/".into()));
        assert_eq!(d("/media/taro/USB/a.p12"), Some("/media/taro/USB".into()));
        assert_eq!(
            d("/media/taro/USB/inner/a.p12"),
            Some("/media/taro/USB/inner".into())
        );
        // A sibling whose name merely starts the same is not inside the mount point.
        assert_eq!(d("/media/taro/USB2/a.p12"), Some("/".into()));
        assert_eq!(
            map.location_of(Path::new("/media/taro/USB/x.p12")),
            Location::Removable
        );
        assert_eq!(
            map.location_of(Path::new("/media/taro/USB2/x.p12")),
            Location::Fixed
        );
    }

    #[test]
    fn unknown_drives_count_as_fixed() {
        let map = DriveMap::from_drives(vec![drive("/media/taro/USB", true)]);
        assert_eq!(
            map.location_of(Path::new("/home/taro/a.p12")),
            Location::Fixed
        );
    }

    #[test]
    fn removable_list_is_deduplicated() {
        let map = DriveMap::from_drives(vec![
            drive("/media/a", true),
            drive("/media/a", true),
            drive("/", false),
            drive("/media/b", true),
        ]);
        let r: Vec<_> = map
            .removable()
            .iter()
            .map(|d| d.mount_point.clone())
            .collect();
        assert_eq!(r, [PathBuf::from("/media/a"), PathBuf::from("/media/b")]);
    }

    #[test]
    fn env_folders_are_removable() {
        let d = tempfile::tempdir().unwrap();
        let v = std::env::join_paths([d.path()]).unwrap();
        let drives = env_drives(Some(v));
        assert_eq!(drives.len(), 1);
        assert!(drives[0].removable);
        assert_eq!(
            drives[0].mount_point,
            std::fs::canonicalize(d.path()).unwrap()
        );
        assert!(env_drives(None).is_empty());
    }

    #[test]
    fn udev_labels_are_unescaped() {
        assert_eq!(unescape_udev(r"USB\x20DISK"), "USB DISK");
        assert_eq!(unescape_udev(r"A\x2"), r"A\x2");
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(3277), "3.2 KB");
        assert_eq!(format_size(16 * 1024 * 1024 * 1024), "16.0 GB");
    }
}
