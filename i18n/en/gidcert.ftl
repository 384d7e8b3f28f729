# gidcert – English messages.
# Sections are owned by the module named in their header; keep keys in the same order as ja/.
# err-… says what happened, rec-… what to do next.

## ---- common ----------------------------------------------------------------------------------
label-error = error
label-hint = what to do
err-no-config-dir = Could not find a configuration folder for this user.
rec-config = Check the configuration file (see `gidcert config path`) or remove it.
err-config-read = Could not read the configuration file { $path }: { $error }
err-config-parse = The configuration file { $path } is not valid: { $error }

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = A PIN is needed, but there is no terminal to ask for it on.
rec-no-terminal = Pass --pin-stdin (PIN on the first line of standard input) or --pin-file PATH.
err-cancelled = Cancelled.
err-missing-pin-line = { $needed } PIN line(s) were needed from { $source }, but only { $got } were found.
rec-missing-pin-line = Put one PIN per line: for change-pin the old PIN first, then the new one.
err-read-pin = Could not read the PIN from { $source }: { $error }
err-pin-input-too-large = { $source } is far larger than a PIN file.
rec-read-pin = Check the file or pipe that holds the PIN.
err-pin-mismatch = The two entries of the new PIN code differ.
rec-pin-mismatch = Type the same new PIN code twice.
rec-pin-rule = A new PIN code has 4 to 16 characters: lowercase letters a–z and digits 0–9 only.
pin-rule-empty = The new PIN code is empty.
pin-rule-too-short = The new PIN code has { $len } characters; it needs at least 4.
pin-rule-too-long = The new PIN code has { $len } characters; at most 16 are allowed.
pin-rule-upper-case = The new PIN code contains upper-case letters; only lowercase letters a–z and digits are allowed.
pin-rule-full-width = The new PIN code contains full-width (全角) characters; type half-width letters and digits.
pin-rule-space = The new PIN code contains a space.
pin-rule-other = The new PIN code contains a character other than lowercase letters a–z and digits 0–9.
prompt-pin = PIN code
prompt-old-pin = Current PIN code
prompt-new-pin = New PIN code (4–16 lowercase letters and digits)
prompt-new-pin-again = New PIN code again

## ---- files (src/fsutil.rs) ------------------------------------------------------------------
err-fs-no-folder = The folder { $path } does not exist.
rec-fs-no-folder = Choose a folder that exists (is the USB stick plugged in?).
err-fs-not-a-folder = { $path } is not a folder.
err-fs-read-only = Cannot write to { $path }: it is read-only or you lack permission.
rec-fs-read-only = Choose another folder, or check the USB stick's write-protect switch.
err-fs-disk-full = The drive holding { $path } is full.
rec-fs-disk-full = Free some space or choose another drive.
err-fs-exists = { $path } already exists; it was not overwritten.
rec-fs-exists = Choose another name, or pass --force to replace it.
err-fs-not-found = The file { $path } does not exist.
rec-fs-not-found = Check the path; `gidcert scan` finds certificate files.
err-fs-too-large = { $path } is { $len } bytes: far larger than a certificate file.
rec-fs-too-large = Check that this is the certificate file (.p12), a few kilobytes in size.
err-fs-verify = The file written to { $path } did not read back identical; it was not kept.
err-fs-write = Could not write { $path }: { $error }
rec-fs-write = Nothing was replaced. Check the drive (was it removed?) and try again.
err-fs-read = Could not read { $path }: { $error }

## ---- keystore (src/keystore/) ---------------------------------------------------------------

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------
err-write-iterations = The iteration count { $requested } is outside the range gidcert writes ({ $min } to { $max }).
rec-write-iterations = Leave out --iterations to use the default ({ $default }), or give a number in the range.
err-write-empty = The certificate file holds nothing to write.
err-write-pin-encoding = The PIN code contains a character that a PKCS#12 file cannot hold.
err-write-bad-der = Part of the certificate file could not be written back unchanged ({ $what }).
err-write-crypto = Encryption failed ({ $what }).
rec-write-bug = Nothing was changed. This is a bug in gidcert: please report it, without the file or the PIN code.
err-changepin-needs-confirmation = change-pin would replace the certificate file without asking, because the PIN codes are not typed at a prompt.
rec-changepin-needs-confirmation = Pass --yes to replace the file (keep a backup made with the original PIN code first), or --out NEWFILE to write a new file beside it.
err-changepin-declined = The PIN code was not changed; the file is untouched.
err-changepin-same-pin = The new PIN code is the same as the current one.
rec-changepin-same-pin = Choose a different new PIN code.
err-changepin-mismatch = The new file did not hold the same contents as the original ({ $what }); it was not kept and the original is untouched.
err-changepin-old-pin-opens = The old PIN code still opened the new file; it was not kept and the original is untouched.
err-changepin-no-reader = This build of gidcert cannot open certificate files yet.
changepin-backup-reminder = Before you change the PIN code: keep a backup of the certificate file made with the ORIGINAL PIN code on a USB stick. If you forget the new PIN code, that backup and the PIN code in the notice are the only way back; otherwise the electronic certificate must be reissued.
changepin-backup-offer = No backup yet? Cancel now and run: gidcert backup { $file }
changepin-confirm = Replace { $file } with a copy protected by the new PIN code?
changepin-done = PIN code changed: { $path }
changepin-encryption = Encryption written: { $encryption }, MAC { $mac }, { $iterations } iterations.
changepin-imports-modern = Opens in OpenSSL 1.1.1 and later, Java 8u301 / 11.0.12 and later, Firefox and Thunderbird (NSS), Windows 10 1709 and later, macOS 14 and later. For older systems use --legacy.
changepin-imports-legacy = Legacy encryption (3DES, SHA-1 MAC): opens almost everywhere, including the macOS Keychain before macOS 14 and Windows before 10 1709, but protects the PIN less well.
strength-summary = The new PIN code has { $len } characters: { $possibilities } possible PIN codes. One graphics card could try them all in about { $time }.
strength-assumption = (This holds for a PIN code chosen at random; a word, a name or a date is guessed far sooner.)
strength-recommend = We recommend { $recommended } characters or more.
duration-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
duration-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
duration-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
duration-years = { $n ->
    [one] 1 year
   *[other] { $n } years
}
duration-over-million-years = more than a million years

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
