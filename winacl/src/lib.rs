//! Windows: a certificate file that only its user can open, the counterpart of mode 0600 on Unix.
//!
//! A new file inherits its folder's access list: under `C:\Users\NAME` that already keeps other
//! users out, but in a folder such as `C:\Temp` or a shared `D:\` every user of the PC could read
//! it. [`restrict_to_owner`] replaces the inherited list with one entry, "full control for the
//! current user", and marks it protected so the folder's entries no longer flow in. (The
//! administrators of the PC can still take ownership and read it: nothing on Windows prevents
//! that, and the PIN still protects the key.)
//!
//! FAT32 and exFAT (most USB sticks and SD cards) store no access lists at all: there every
//! program of every user can read a file, and [`restrict_to_owner`] reports
//! [`Access::NoAcls`] instead of failing. The file's PIN is then what protects the key.
//!
//! Written against windows-sys (the raw Win32 calls: `InitializeAcl`, `AddAccessAllowedAce`,
//! `SetNamedSecurityInfoW`): no maintained crate wraps this one operation (windows-acl was last
//! released in 2019, on winapi), and it is small. It is a crate of its own because the core and the
//! outer crate forbid unsafe code. On other systems it is empty.
//!
//! It also lists the drive letters and their drive type ([`drives`]), for core's drive map.

#![cfg(windows)]

use std::ffi::OsStr;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;

use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE};
use windows_sys::Win32::Security::Authorization::{SE_FILE_OBJECT, SetNamedSecurityInfoW};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACL, ACL_REVISION, AddAccessAllowedAce, DACL_SECURITY_INFORMATION,
    GetLengthSid, GetTokenInformation, InitializeAcl, PROTECTED_DACL_SECURITY_INFORMATION,
    TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_ALL_ACCESS, GetVolumeInformationW, GetVolumePathNameW,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// `GetVolumeInformationW`'s flag for a file system that keeps access lists (winnt.h; windows-sys
/// has it only in the large SystemServices module).
const FILE_PERSISTENT_ACLS: u32 = 0x0000_0008;

/// What [`restrict_to_owner`] could do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Only the current user may open the file.
    OwnerOnly,
    /// The file system keeps no access lists (FAT32, exFAT): anyone may open the file.
    NoAcls,
}

fn wide(s: &OsStr) -> Vec<u16> {
    s.encode_wide().chain(std::iter::once(0)).collect()
}

/// Whether the volume holding `path` keeps access lists (NTFS, ReFS; not FAT32 or exFAT).
pub fn volume_has_acls(path: &Path) -> io::Result<bool> {
    let name = wide(path.as_os_str());
    let mut root = [0u16; 1024];
    // SAFETY: `name` is NUL-terminated; `root` is a writable buffer of the length passed.
    if unsafe { GetVolumePathNameW(name.as_ptr(), root.as_mut_ptr(), root.len() as u32) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut flags = 0u32;
    // SAFETY: `root` was NUL-terminated by GetVolumePathNameW; the optional outputs are null.
    let ok = unsafe {
        GetVolumeInformationW(
            root.as_ptr(),
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut flags,
            std::ptr::null_mut(),
            0,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(flags & FILE_PERSISTENT_ACLS != 0)
}

/// The current user's SID (a copy of the `TOKEN_USER` buffer, which holds it).
struct UserSid {
    buf: Vec<u64>,
}

impl UserSid {
    fn current() -> io::Result<UserSid> {
        let mut token: HANDLE = std::ptr::null_mut();
        // SAFETY: GetCurrentProcess returns a pseudo-handle; `token` receives a handle we close.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let result = (|| {
            let mut len = 0u32;
            // SAFETY: a size query: a null buffer of length 0 (fails with the length needed).
            unsafe { GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut len) };
            if len == 0 {
                return Err(io::Error::last_os_error());
            }
            // u64 elements: the buffer holds a TOKEN_USER, which needs pointer alignment.
            let mut buf = vec![0u64; (len as usize).div_ceil(8)];
            // SAFETY: `buf` has at least `len` writable bytes.
            let ok = unsafe {
                GetTokenInformation(token, TokenUser, buf.as_mut_ptr().cast(), len, &mut len)
            };
            if ok == 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(UserSid { buf })
        })();
        // SAFETY: `token` is the handle OpenProcessToken gave us, closed once.
        unsafe { CloseHandle(token) };
        result
    }

    fn as_psid(&self) -> *mut core::ffi::c_void {
        // SAFETY: the buffer holds a TOKEN_USER written by GetTokenInformation, whose SID pointer
        // points into the same buffer, which lives as long as `self`.
        unsafe { (*(self.buf.as_ptr() as *const TOKEN_USER)).User.Sid }
    }
}

/// Lets only the current user open `path` (see the module documentation). On a file system
/// without access lists this changes nothing and says so.
pub fn restrict_to_owner(path: &Path) -> io::Result<Access> {
    if !volume_has_acls(path)? {
        return Ok(Access::NoAcls);
    }
    let sid = UserSid::current()?;
    let psid = sid.as_psid();
    // SAFETY: `psid` is a valid SID (from the token).
    let sid_len = unsafe { GetLengthSid(psid) } as usize;
    let acl_len = std::mem::size_of::<ACL>() + std::mem::size_of::<ACCESS_ALLOWED_ACE>()
        - std::mem::size_of::<u32>()
        + sid_len;
    let mut acl = vec![0u64; acl_len.div_ceil(8)];
    let pacl = acl.as_mut_ptr() as *mut ACL;
    // SAFETY: `acl` has `acl_len` writable, 8-aligned bytes; the ACE fits (its size computed as
    // the Win32 documentation of InitializeAcl says).
    unsafe {
        if InitializeAcl(pacl, acl_len as u32, ACL_REVISION) == 0
            || AddAccessAllowedAce(pacl, ACL_REVISION, FILE_ALL_ACCESS, psid) == 0
        {
            return Err(io::Error::last_os_error());
        }
    }
    let name = wide(path.as_os_str());
    // SAFETY: `name` is NUL-terminated; `pacl` is the ACL built above; owner, group and SACL are
    // left unchanged (null).
    let rc = unsafe {
        SetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            pacl,
            std::ptr::null(),
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    Ok(Access::OwnerOnly)
}

/// A file's access list as read back (for tests): SIDs as strings (`S-1-5-21-…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AclSummary {
    /// The folder's entries do not flow in.
    pub protected: bool,
    /// The SID of every entry, in order.
    pub entries: Vec<String>,
    /// The SID of the user running this process.
    pub current_user: String,
}

/// Reads back the access list of `path`.
pub fn describe(path: &Path) -> io::Result<AclSummary> {
    use windows_sys::Win32::Foundation::LocalFree;
    use windows_sys::Win32::Security::Authorization::{
        ConvertSidToStringSidW, GetNamedSecurityInfoW,
    };
    use windows_sys::Win32::Security::{GetAce, GetSecurityDescriptorControl, SE_DACL_PROTECTED};

    fn sid_string(psid: *mut core::ffi::c_void) -> io::Result<String> {
        let mut s: *mut u16 = std::ptr::null_mut();
        // SAFETY: `psid` is a valid SID; `s` receives a LocalAlloc'd string we free.
        if unsafe { ConvertSidToStringSidW(psid, &mut s) } == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `s` is NUL-terminated UTF-16 from ConvertSidToStringSidW.
        let out = unsafe {
            let len = (0..).take_while(|&i| *s.add(i) != 0).count();
            String::from_utf16_lossy(std::slice::from_raw_parts(s, len))
        };
        // SAFETY: freed once, as ConvertSidToStringSidW's documentation asks.
        unsafe { LocalFree(s.cast()) };
        Ok(out)
    }

    let name = wide(path.as_os_str());
    let mut dacl: *mut ACL = std::ptr::null_mut();
    let mut sd: *mut core::ffi::c_void = std::ptr::null_mut();
    // SAFETY: `name` is NUL-terminated; `dacl` points into `sd`, which we free at the end.
    let rc = unsafe {
        GetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut dacl,
            std::ptr::null_mut(),
            &mut sd,
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    let result = (|| {
        let mut control = 0u16;
        let mut revision = 0u32;
        // SAFETY: `sd` is the descriptor GetNamedSecurityInfoW returned.
        if unsafe { GetSecurityDescriptorControl(sd, &mut control, &mut revision) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut sids = Vec::new();
        if !dacl.is_null() {
            // SAFETY: `dacl` is a valid ACL inside `sd`; each ACE index is below AceCount, and
            // every ACE of a file's DACL starts with a header, a mask and the SID.
            unsafe {
                for i in 0..u32::from((*dacl).AceCount) {
                    let mut ace: *mut core::ffi::c_void = std::ptr::null_mut();
                    if GetAce(dacl, i, &mut ace) == 0 {
                        return Err(io::Error::last_os_error());
                    }
                    let ace = ace as *mut ACCESS_ALLOWED_ACE;
                    sids.push(sid_string((&raw mut (*ace).SidStart).cast())?);
                }
            }
        }
        Ok(AclSummary {
            protected: control & SE_DACL_PROTECTED != 0,
            entries: sids,
            current_user: sid_string(UserSid::current()?.as_psid())?,
        })
    })();
    // SAFETY: the descriptor is LocalAlloc'd by GetNamedSecurityInfoW and freed once.
    unsafe { LocalFree(sd) };
    result
}

/// One drive letter's volume, as [`drives`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriveInfo {
    /// The drive's root, `E:\`.
    pub root: std::path::PathBuf,
    /// `GetDriveTypeW` says `DRIVE_REMOVABLE`: USB sticks and SD cards (a USB hard disk is fixed).
    pub removable: bool,
    /// The volume label (`KINGSTON`), empty when it has none.
    pub label: String,
    /// `NTFS`, `FAT32`, `exFAT` and so on.
    pub file_system: String,
    /// The volume is read-only (a locked SD card).
    pub read_only: bool,
    /// Size and free space for this user, in bytes (0 when unknown).
    pub total: u64,
    pub available: u64,
}

/// `GetDriveTypeW`'s answers (winbase.h; windows-sys has them only in WindowsProgramming) and
/// `GetVolumeInformationW`'s read-only flag (winnt.h; SystemServices).
const DRIVE_REMOVABLE: u32 = 2;
const DRIVE_FIXED: u32 = 3;
const FILE_READ_ONLY_VOLUME: u32 = 0x0008_0000;

/// The local drives with a letter (`GetLogicalDrives`), fixed and removable; network drives,
/// CD/DVD drives and empty card readers are left out. By drive letter and `GetDriveTypeW` on the
/// root, not by volume GUID as sysinfo does: the letter is what a member sees in Explorer, and
/// Wine (where CI runs the Windows tests) answers `DRIVE_UNKNOWN` for a volume GUID path.
pub fn drives() -> Vec<DriveInfo> {
    use windows_sys::Win32::Storage::FileSystem::{
        GetDiskFreeSpaceExW, GetDriveTypeW, GetLogicalDrives,
    };
    // SAFETY: no arguments; returns a bit mask of drive letters.
    let mask = unsafe { GetLogicalDrives() };
    let mut out = Vec::new();
    for i in 0..26u8 {
        if mask & (1 << i) == 0 {
            continue;
        }
        let root = format!("{}:\\", char::from(b'A' + i));
        let wroot = wide(OsStr::new(&root));
        // SAFETY: `wroot` is NUL-terminated.
        let kind = unsafe { GetDriveTypeW(wroot.as_ptr()) };
        if kind != DRIVE_FIXED && kind != DRIVE_REMOVABLE {
            continue;
        }
        let mut label = [0u16; 261];
        let mut fs = [0u16; 64];
        let mut flags = 0u32;
        // SAFETY: `wroot` is NUL-terminated; `label` and `fs` are writable buffers of the
        // lengths passed; the serial number and name length outputs are null.
        let ok = unsafe {
            GetVolumeInformationW(
                wroot.as_ptr(),
                label.as_mut_ptr(),
                label.len() as u32,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &mut flags,
                fs.as_mut_ptr(),
                fs.len() as u32,
            )
        };
        if ok == 0 {
            continue; // no medium (an empty card reader) or not ready
        }
        let (mut available, mut total) = (0u64, 0u64);
        // SAFETY: `wroot` is NUL-terminated; the outputs are valid u64s or null.
        let got = unsafe {
            GetDiskFreeSpaceExW(
                wroot.as_ptr(),
                &mut available,
                &mut total,
                std::ptr::null_mut(),
            )
        };
        if got == 0 {
            (available, total) = (0, 0);
        }
        let text = |b: &[u16]| {
            let n = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            String::from_utf16_lossy(&b[..n])
        };
        out.push(DriveInfo {
            root: root.into(),
            removable: kind == DRIVE_REMOVABLE,
            label: text(&label),
            file_system: text(&fs),
            read_only: flags & FILE_READ_ONLY_VOLUME != 0,
            total,
            available,
        });
    }
    out
}
