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
err-ks-too-large = The file is { $len } bytes: far larger than a certificate file (.p12), so it was not read.
err-ks-empty = The file is empty (0 bytes).
err-ks-pem-certificate = This is a PEM certificate ({ $label }), not a .p12 file: it holds no private key.
err-ks-pem-key = This is a PEM key file ({ $label }), not a .p12 file.
err-ks-pem-other = This is a PEM file ({ $label }), not a .p12 file.
err-ks-base64 = This is base64 text, not a .p12 file (perhaps a .p12 copied as text).
err-ks-der-certificate = This is a certificate file (DER), not a .p12 file: it holds no private key.
err-ks-not-pkcs12 = This is not a PKCS#12 (.p12) file.
err-ks-corrupt = The .p12 file is damaged or incomplete (truncated).
err-ks-damaged = The .p12 file failed its integrity check although the PIN code opens it: it was changed or damaged after it was saved.
err-ks-wrong-pin = The PIN code does not open this file.
err-ks-unsupported = The file uses { $algorithm }, which gidcert does not support.
err-ks-no-private-key = The file holds no private key (only certificates).
err-ks-no-certificate = The file holds a private key but no certificate for it.
err-ks-key-mismatch = No certificate in the file belongs to its private key.
rec-ks-pick-p12 = Choose the certificate file (.p12) that you saved when downloading; `gidcert scan` finds them.
rec-ks-base64 = Decode it first (for example `base64 -d file > file.p12`), or use the original .p12 file.
rec-ks-not-the-p12 = Choose the .p12 file saved when downloading, not a certificate exported from it.
rec-ks-corrupt = Use a backup copy of the file; if none is left, apply for the certificate again.
rec-ks-wrong-pin = Type the PIN code set when the file was saved (case matters; half-width characters). Several wrong tries do not lock the file.
rec-ks-unsupported = Re-export the file with current software (for example `openssl pkcs12`), then try again.
rec-ks-no-private-key = Use the .p12 file saved when downloading: it holds the private key.
rec-ks-key-mismatch = The file is inconsistent; use a backup copy of the .p12 file saved when downloading.

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
