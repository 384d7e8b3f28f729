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
err-cert-unreadable = The certificate in the file could not be read: { $detail }
rec-cert-unreadable = The file may be damaged. Use your backup copy, or ask the association.
err-profile-unknown = There is no profile called “{ $name }” (known: { $known }).
rec-profile-unknown = Leave out --profile to use the default (shiho-shoshi), or add the profile to profiles.toml.
err-profile-read = Could not read the profiles file { $path }: { $error }
err-profile-parse = The profiles file { $path } is not valid: { $error }
rec-profile-file = Fix or remove the profiles file; see docs/json-schema.md for its format.
cert-value-none = (none)
attr-uid = User ID (UID)
check-issuer-ok = The issuer is “{ $expected }”.
check-issuer-bad = The issuer is “{ $actual }”, not “{ $expected }”.
check-o-ok = O is “{ $expected }”.
check-o-bad = O is “{ $actual }”, not “{ $expected }”.
check-c-ok = C is “{ $expected }”.
check-c-bad = C is “{ $actual }”, not “{ $expected }”.
check-uid-ok = The user ID is { $expected }, as on the notice.
check-uid-bad = The user ID is { $actual }, but the notice says { $expected }.
check-key-ok = The private key matches the certificate.
check-key-bad = The private key does NOT match the certificate.
check-no-key = The file holds no private key: it cannot sign.
check-expiring-soon = Expires in { $days } days (warning period: { $warn } days).
check-not-expiring-soon = { $days } days left; more than the warning period of { $warn } days.
validity-days-left = { $days ->
    [0] Valid: expires within a day
    [one] Valid: 1 day left
   *[other] Valid: { $days } days left
}
validity-expired = { $days ->
    [0] EXPIRED today
    [one] EXPIRED 1 day ago
   *[other] EXPIRED { $days } days ago
}
validity-not-yet = { $days ->
    [0] NOT YET VALID (valid within a day)
   *[other] NOT YET VALID for another { $days } days
}
ku-digital-signature = digital signature
ku-non-repudiation = non-repudiation
ku-key-encipherment = key encipherment
ku-data-encipherment = data encipherment
ku-key-agreement = key agreement
ku-key-cert-sign = certificate signing
ku-crl-sign = CRL signing
ku-encipher-only = encipher only
ku-decipher-only = decipher only
show-file = File
show-issued-to = Issued to
show-issuer = Issuer
show-validity = Validity
show-subject = Subject
show-serial = Serial number
show-fingerprint = SHA-256
show-key = Public key
show-key-usage = Key usage
show-key-usage-any = (not restricted)
show-ca-certs = CA certificates in the file: { $count }
show-no-ca-certs = CA certificates in the file: none
show-checks = Checks
show-uid-not-checked = User ID not compared: give --expect-uid with the ID on the notice.
show-all-ok = All checks passed.
show-some-failed = Some checks failed: this file is not ready for use.
show-expires-soon = The certificate expires soon: apply for a new one in time.
show-warning = warning
err-show-wrong-pin = The PIN code does not open this file.
rec-show-wrong-pin = Type the PIN code of this file again (the one on the notice, unless you changed it). Upper and lower case differ.
err-show-not-pkcs12 = This is not a certificate file (PKCS#12), or it is damaged.
err-show-unsupported = This certificate file uses an encryption method gidcert does not support.
err-show-no-certificate = The file holds no certificate.

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
