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


# Command-line help (src/cli.rs). cli-<command>-<argument>; cli-arg-<argument> is shared by all
# commands. Each value names its default and allowed values itself: clap's would be English.
cli-about = gidcert – get and look after the SECOM Passport for G-ID certificate
    of a shiho-shoshi member (司法書士電子証明書).
cli-heading-usage = Usage
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-heading-examples =
    Examples
cli-heading-exit-codes = Exit codes (all commands)
cli-exit-codes-more = Details: docs/exit-codes.md. Language: --lang, else the config file, else LANG, else the display language of Windows or of the desktop.
cli-help-about = Print this help or the help of a command
cli-arg-help = Print help
cli-arg-version = Print the version
cli-lang = Language of messages: ja or en (default: the config file, else the locale)
cli-color = When to use colour: auto (on a terminal, unless NO_COLOR is set), always, never
cli-verbose = Print diagnostics to stderr (-vv for more). Never shows a PIN code.
cli-arg-pin-stdin = Read the PIN code(s) from standard input, one per line
cli-arg-pin-file = Read the PIN code(s) from this file, one per line
cli-arg-json = Print one JSON object on stdout, nothing else
cli-arg-force = Replace an existing file of the same name
cli-arg-expect-uid = User ID from the notice; the certificate's user ID must equal it
cli-download-about = Download the certificate file from the server and save it
cli-download-server = Download server (else GIDCERT_SERVER, else the config file)
cli-download-ca-cert = Trust exactly this CA certificate (PEM) for the server, instead of the system's trusted certificates
cli-download-id = Identification number (識別番号) from the notice
cli-download-out = Folder to save the file in (default: save_dir of the config file)
cli-download-file-name = File name (default: <user ID>_<YYYYMMDDhhmmss>.p12)
cli-download-backup-to = Also make a verified backup copy in this folder
cli-download-examples =
    gidcert download --id 9876543210 --expect-uid ABC12345 --out E:\
    gidcert download --id 9876543210 --backup-to /media/usb
    The server deletes the file one hour after it is saved: check it at once.
cli-show-about = Show a certificate file and check what the member must check
cli-show-file = The certificate file (.p12 / .pfx)
cli-show-warn-days = Warn when the certificate expires within N days (default: 30)
cli-show-profile = Expected issuer and organisation (default: shiho-shoshi)
cli-show-examples =
    gidcert show E:\ABC12345_20260401093000.p12
    gidcert show cert.p12 --expect-uid ABC12345
    gidcert show cert.p12 --pin-stdin --json < pin.txt
cli-change-pin-about = Change the PIN code of a certificate file without ever losing it
cli-change-pin-file = The certificate file whose PIN code to change
cli-change-pin-out = Write the new file here instead of replacing FILE (never overwrites)
cli-change-pin-legacy = Encrypt for old importers (3DES, SHA-1 MAC: macOS Keychain, old Windows)
cli-change-pin-iterations = PBKDF2 iteration count for the new file
cli-change-pin-yes = Do not ask for confirmation before replacing FILE
cli-change-pin-examples =
    gidcert change-pin cert.p12
    gidcert change-pin cert.p12 --out cert-newpin.p12
    Keep the original file with the PIN code of the notice on a USB stick first.
cli-backup-about = Copy a certificate file to a USB stick, verified
cli-backup-file = The certificate file to back up
cli-backup-dest-dir = Destination folder (default: choose a removable drive)
cli-backup-name = File name of the copy (default: the original name)
cli-backup-verify-pin = Also open the file with its PIN code before copying (as --pin-stdin and --pin-file do)
cli-backup-examples =
    gidcert backup cert.p12 E:\
    gidcert backup cert.p12 /media/usb --verify-pin
cli-scan-about = Search folders for stray copies of certificate files
cli-scan-paths = Folders to search (default: your home folder and removable drives)
cli-scan-delete = Offer to delete copies on fixed disks (asks each time; never the last copy)
cli-scan-cross-filesystems = Also descend into other file systems
cli-scan-examples =
    gidcert scan
    gidcert scan C:\Users --delete
cli-demo-about = Run download, show and change-pin against a built-in test server
cli-demo-out = Folder for the demo's files (default: a new temporary folder)
cli-demo-examples =
    gidcert demo
cli-completions-about = Print shell completions
cli-completions-shell = The shell: bash, zsh, fish, powershell or elvish
cli-completions-examples =
    gidcert completions bash > ~/.local/share/bash-completion/completions/gidcert
    gidcert completions powershell >> $PROFILE
cli-man-about = Print the man page (roff)
cli-man-examples =
    gidcert man > gidcert.1 && man ./gidcert.1
cli-config-about = Show the configuration file
cli-config-path-about = Print where the configuration file is
cli-config-show-about = Print the settings in effect and where each comes from (never a secret)
cli-config-examples =
    gidcert config path
    gidcert config show --json

# Exit codes: a few words each, for the table in --help.
exit-ok = ok
exit-internal = internal error (bug)
exit-usage = usage error
exit-wrong-pin = wrong PIN code
exit-not-pkcs12 = not a PKCS#12 file
exit-corrupt = corrupt or truncated
exit-unsupported = unsupported algorithm
exit-no-private-key = no private key
exit-key-mismatch = key does not match
exit-too-large = file too large
exit-check-failed = a check failed
exit-expired = expired
exit-expires-soon = expires soon
exit-stray-copies = stray copies found
exit-login-failed = login refused (ID or PIN)
exit-locked = locked (too many wrong PINs)
exit-blocked = blocked (ask the association)
exit-deleted = deleted by the server
exit-revoked = revoked
exit-server = server error / bad answer
exit-network = network or TLS error
exit-config = no server / bad config
exit-save-failed = could not write a file
exit-exists = file exists (see --force)
exit-read-failed = could not read a file
exit-verify-failed = written file did not verify
exit-cancelled = cancelled
exit-bad-input = bad or missing input
exit-interrupted = interrupted (Ctrl-C)

# Command-line errors in Japanese; English uses clap's own wording, but the keys must exist.
err-cli-invalid-value = '{ $value }' is not a valid value for { $arg }; possible values: { $valid }.
err-cli-unknown-argument = There is no option '{ $arg }'.
err-cli-unknown-command = There is no command '{ $command }'.
err-cli-missing-argument = { $arg } is required but was not given.
err-cli-missing-command = A command is required.
err-cli-conflict = { $arg } cannot be used together with { $other }.
err-cli-bad-value = '{ $value }' is not a valid value for { $arg }.
err-cli-other = The command line is not valid.
err-cli-other-arg = The command line is not valid at { $arg }.
err-cli-did-you-mean = Did you mean '{ $suggestion }'?
rec-cli-help = Add --help to see how to use the command.

# gidcert config show
config-label-file = Configuration file
config-label-server = server
config-label-save-dir = save_dir
config-label-lang = lang
config-file-exists = exists
config-file-missing = does not exist; defaults apply
config-source-flag = from the command line
config-source-environment = from the environment
config-source-file = from the configuration file
config-source-locale = from the locale
config-source-unset = not set

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = A PIN is needed, but there is no terminal to ask for it on.
rec-no-terminal = Pass --pin-stdin (PIN on the first line of standard input) or --pin-file PATH.
err-cancelled = Cancelled.
err-interrupted = Cancelled (Ctrl-C).
err-pin-empty = The PIN code read from { $source } is empty.
rec-pin-empty = Put the PIN code on the first line; an empty line is not a PIN code.
err-pin-not-sent = It was not sent to the server, so no attempt was used.
rec-pin-not-sent = Type the PIN code exactly as printed on the notice, in half-width characters (turn the Japanese input off).
prompt-pin-empty = Nothing was typed. Type the PIN code (Ctrl-C cancels).
prompt-empty = Nothing was typed. Please type it again (Ctrl-C cancels).
prompt-line-too-long = That is longer than { $max } characters; please type it again.
prompt-not-text = That could not be read as text; please type it again.
prompt-yes-no = [y/n]
prompt-yes-no-default-yes = [Y/n]
prompt-yes-no-default-no = [y/N]
prompt-yes = yes
prompt-no = no
prompt-yes-no-again = Please answer y (yes) or n (no).
prompt-number = Number:
prompt-number-default = Number [{ $default }]:
prompt-number-again = Please type a number from 1 to { $max }.
prompt-path-quotes = Please type the path without quotation marks.
prompt-path-tilde = Please type the full path: “~” is not understood here (your home folder is { $home }).
prompt-folder-missing = The folder { $path } does not exist.
prompt-not-a-folder = { $path } is a file, not a folder.
prompt-is-a-folder = { $path } is a folder; please give the certificate file itself.
prompt-file-missing = The file { $path } does not exist.
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
pin-rule-control = The PIN code contains a control character (such as Tab or Escape).
pin-login-empty = No PIN code was typed.
pin-login-full-width = The PIN code contains full-width (全角) characters: the Japanese input was on. Type it in half-width characters.
pin-login-space = The PIN code contains a space; the PIN code on the notice has none.
pin-login-control = The PIN code contains a control character (such as Tab or Escape).
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
err-fs-is-a-folder = { $path } is a folder, not a file.
rec-fs-read = Check the path and that you may read the file (is the USB stick plugged in?).
rec-fs-is-a-folder = Give the file itself, not a folder; gidcert scan FOLDER lists the certificate files in a folder.
io-not-found = not found
io-permission-denied = permission denied
io-is-a-folder = it is a folder, not a file
io-not-a-folder = a part of the path is not a folder
io-disk-full = the drive is full
io-read-only = the drive is read-only
io-invalid-data = the contents are not valid text
io-timed-out = the operation timed out
io-os-error = system error { $code }
io-other = input/output error

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
rec-ks-corrupt = Use a backup copy of the file; if you have none, ask the registration section of your shiho-shoshi association (司法書士会) for a new certificate.
rec-ks-wrong-pin = Type the PIN code printed on the notice (識別番号及びPINコードのお知らせ), or the new one if you changed it: half-width characters, case matters. Wrong tries do not lock a file.
rec-ks-unsupported = Re-export the file with current software (for example `openssl pkcs12`), then try again.
rec-ks-no-private-key = Use the .p12 file saved when downloading: it holds the private key.
rec-ks-key-mismatch = The file is inconsistent; use a backup copy of the .p12 file saved when downloading.

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
rec-check-expires-soon = The certificate expires soon: apply for a new one in time.
rec-check-not-the-members = Check that this is your own certificate file, the one downloaded with your notice. If it is, do not use it: contact the registration section of your shiho-shoshi association (司法書士会).
rec-check-expired = An expired certificate can no longer be used to sign. Apply for a new one; your shiho-shoshi association (司法書士会) can tell you how.
rec-check-not-yet-valid = The certificate is not valid yet. Check that this computer's date and time are right; if they are, use it once its validity period has begun.
show-auto-ok = Automatic checks: all { $count } passed.
show-confirm-name = Check (ア) of the manual: is “{ $name }” (issued to) your own name in romaji?
show-name-confirmed = You confirmed: “issued to” is your own name.
show-name-denied = You said “issued to” is NOT your name: do not use this file; contact the registration section of your shiho-shoshi association (司法書士会).
show-name-to-confirm = Still to check yourself: that “issued to” is your own name in romaji (check (ア) of the manual).
show-warning = warning
show-help-exit-codes = Exit codes of show
show-help-exit-order = When several checks fail, the lowest of 7, 8, 10, 11, 12 is returned.

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------
err-dl-no-server = No download server is set. gidcert has no server address built in: the authority's own download protocol is not public, and gidcert speaks its own (docs/protocol.md), which only a server made for it understands.
rec-dl-server = Give the address of such a server with --server URL, or set GIDCERT_SERVER, or put server = "https://…" in the configuration file (`gidcert config path` shows where). The guide explains it under "Where the server comes from" (docs/guide.en.md). show, change-pin, backup and scan need no server.
err-dl-bad-url = The server address { $url } is not a usable URL (https://host[:port][/path]).
err-dl-insecure-url = The server address { $url } is not HTTPS; plain http:// is allowed only to this computer (loopback).
rec-dl-insecure-url = Use the https:// address of the download server.
err-dl-ca-cert = The CA certificate file { $path } cannot be used: { $reason }
err-dl-ca-cert-empty = it holds no PEM certificate
err-dl-ca-cert-not-ca = a certificate in it is not a usable CA certificate ({ $detail })
rec-dl-ca-cert = Give a PEM file with the server's CA certificate (-----BEGIN CERTIFICATE-----).
err-dl-setup = The HTTPS client could not be set up: { $reason }
rec-dl-setup = Nothing was sent. Check the proxy settings (HTTPS_PROXY) and run again with -v; if it keeps happening, report it with that output.
err-dl-bad-deadline = GIDCERT_DEADLINE = "{ $value }" is not a number of seconds from 4 to 600.
rec-dl-bad-deadline = Remove GIDCERT_DEADLINE to use the default (120 seconds), or set it to whole seconds, for example GIDCERT_DEADLINE=300.
err-dl-locked-unknown = Too many wrong PIN codes: the identification number is locked. The server did not say until when.
err-dl-deleted-unknown = The server has deleted the certificate file, one hour after it was first downloaded.
err-dl-revoked-unknown = The certificate has been revoked.
err-dl-tls-not-yet-valid = The server's certificate is not yet valid; the connection was refused and the PIN code was not sent.
err-dl-tls-version = The server offers only an old TLS version that is no longer safe (TLS 1.2 or 1.3 is required); the connection was refused and the PIN code was not sent.
rec-dl-tls-version = The server has to be updated; tell the association or the server's operator. Do not use another tool to get around this.
err-dl-tls-handshake = The secure (TLS) connection to the server could not be set up; the PIN code was not sent.
rec-dl-tls-handshake = Check the server address (it must be the https:// address of the download server). If it is right, try again later; run with -v for the technical details.
err-dl-not-resent = The PIN code had been sent and no answer came, so it was not sent again: the server may have counted that attempt.
rec-dl-not-resent = Check the network and try again in a few minutes with the same PIN code. If the PIN code was wrong, the server may count it once; it never counts one typed PIN code twice.
err-dl-connect-refused = The server refused the connection (nothing is listening at that address); nothing was sent.
err-dl-connect-no-host = The server's host name could not be found (DNS); nothing was sent.
err-dl-connect-unreachable = The server cannot be reached from this computer (no route to the network); nothing was sent.
err-dl-bad-retry-after = The server's answer is not valid: it asks to wait an impossible time (Retry-After). Nothing was saved.
dl-time-left = { $time } left
err-dl-bad-id = The identification number must be 1 to 32 half-width letters or digits.
rec-dl-bad-id = Type the identification number (識別番号) exactly as printed on the notice.
err-dl-wrong-credentials = The server refused the identification number or PIN code. { $attempts } attempt(s) left before the number is locked for 60 minutes.
err-dl-wrong-credentials-unknown = The server refused the identification number or PIN code.
rec-dl-wrong-credentials = Check both against the notice (識別番号及びPINコードのお知らせ): half-width characters, no spaces. Do not guess: too many wrong PIN codes lock the number.
err-dl-locked = Too many wrong PIN codes: the identification number is locked until { $until }.
rec-dl-locked = Wait until then and try again with the PIN code printed on the notice.
err-dl-blocked = The identification number has been locked repeatedly and is now blocked.
rec-dl-contact-association = Contact the registration section of your shiho-shoshi association (司法書士会) to have the certificate reissued or unblocked.
err-dl-deleted = The server deleted the certificate file at { $at }, one hour after it was first downloaded.
rec-dl-deleted = If you saved it, use the saved file. If not, contact the registration section of your shiho-shoshi association (司法書士会) to have it reissued.
err-dl-revoked = The certificate was revoked at { $at }.
rec-dl-revoked = A certificate may be revoked when its receipt (受領書) is not returned within 30 days of the notice's mailing by restricted delivery post (本人限定受取郵便). Contact the registration section of your shiho-shoshi association (司法書士会) to ask why and to apply again.
err-dl-receipt-mismatch = The server does not hold the file whose receipt was sent.
rec-dl-receipt-mismatch = Check the saved file with `gidcert show`; the file itself may still be fine.
err-dl-rate-limited = The server is refusing requests for now; it asks to wait { $seconds } seconds.
err-dl-rate-limited-unknown = The server is refusing requests for now (too many requests).
err-dl-server-failure = The server failed (HTTP { $status }) after { $attempts } attempt(s).
err-dl-server-failure-later = The server failed (HTTP { $status }) after { $attempts } attempt(s) and asks to wait { $seconds } seconds.
rec-dl-try-later = Try again in a few minutes. Nothing was saved.
err-dl-refused = The server refused the request (HTTP { $status }, { $problem }).
rec-dl-bad-answer = Nothing was saved. Try again; if it keeps happening, report it with the output of -v.
err-dl-tls-unknown-ca = The server's certificate is not issued by a trusted certificate authority; the connection was refused and the PIN code was not sent.
rec-dl-tls-unknown-ca = Check the server address. If your association gave you a CA certificate for it, pass it with --ca-cert PEM.
err-dl-tls-wrong-host = The server's certificate is not issued for this host name; the connection was refused and the PIN code was not sent.
err-dl-tls-expired = The server's certificate has expired; the connection was refused and the PIN code was not sent.
err-dl-tls-other = The server's certificate was refused (TLS); the connection was stopped and the PIN code was not sent.
rec-dl-tls = Check the server address and this computer's date and time. Never work around this: it protects your PIN code.
err-dl-timeout = The server did not answer in time: the download was stopped after { $seconds } seconds ({ $attempts } attempt(s)). Nothing was saved.
err-dl-connect = The server could not be reached; nothing was sent.
err-dl-broken = The connection broke during the exchange with the server ({ $attempts } attempt(s)). Nothing was saved.
rec-dl-network = Check the network connection (and any proxy: HTTPS_PROXY, NO_PROXY) and try again. Nothing was saved.
err-dl-content-type = The server sent "{ $got }" instead of a certificate file (application/pkcs12). Nothing was saved.
err-dl-no-length = The server's answer has no Content-Length. Nothing was saved.
err-dl-length-mismatch = The server announced { $announced } bytes but sent { $got }: the file is incomplete. Nothing was saved.
err-dl-too-large = The server's answer is { $len } bytes: far larger than a certificate file. Nothing was saved.
err-dl-no-digest = The server's answer has no usable SHA-256 digest (Repr-Digest). Nothing was saved.
err-dl-digest-mismatch = The downloaded file does not match the server's SHA-256 digest: it was damaged on the way. Nothing was saved.
err-dl-no-delete-at = The server's answer does not say when it deletes the file (Gid-Delete-At). Nothing was saved.
err-dl-bad-delete-at = The server's deletion time (Gid-Delete-At) is not a valid time. Nothing was saved.
err-dl-malformed-problem = The server answered HTTP { $status } without a valid error description.
err-dl-unexpected-status = The server answered HTTP { $status }, which the protocol does not allow here.
dl-prompt-id = Identification number (識別番号):
dl-prompt-uid = User ID on the notice (Enter to skip):
dl-prompt-folder = Where to save the certificate file
dl-prompt-path = Folder:
dl-folder-drive = USB / removable drive { $label } ({ $path })
dl-folder-config = Configured folder ({ $path })
dl-folder-downloads = Downloads folder ({ $path })
dl-folder-other = Another folder…
dl-folder-rescan = Look for USB sticks again (plug one in first)
dl-no-removable = No USB stick or other removable drive was found. The manual advises saving the certificate file on one; plug it in and choose “look again”.
dl-fixed-disk-confirm = { $path } is not on a removable drive: a copy on this PC's disk can be stolen (in 2014, certificate files left on members' PCs were stolen by a virus). Save it there anyway?
dl-fixed-disk-warning = { $path } is not on a removable drive; move the file to a USB stick (gidcert backup) and delete this copy.
dl-uid-differs = The certificate's user ID is { $uid }, but you typed { $typed }.
dl-uid-typo = Was the user ID you typed a typo? (The file is kept in memory meanwhile.)
dl-prompt-uid-again = User ID on the notice:
dl-not-a-folder = { $path } is not an existing folder.
dl-downloading = Downloading the certificate file…
dl-saved = The certificate file has been saved.
dl-warning = warning
dl-receipt-failed = The server could not be told that the file was received; the file is saved and fine.
dl-label-file = File
dl-label-issued-to = Issued to
dl-label-uid = User ID
dl-label-issuer = Issuer
dl-label-validity = Validity
dl-label-sha256 = SHA-256 of the file
dl-label-backup = Backup copy (verified)
dl-uid-not-checked = The user ID was not compared with the notice (use --expect-uid).
dl-until = You can download it again until { $until } ({ $minutes } minutes); after that the server deletes it.
## ---- guided mode (src/commands/guided.rs) -------------------------------------------------------
menu-title = the certificate of a shiho-shoshi member (SECOM Passport for G-ID)
menu-prompt = What would you like to do?
menu-download = Get the certificate (download)
menu-show = Show the certificate
menu-change-pin = Change the PIN code
menu-backup = Back up to a USB stick
menu-scan = Search this PC for copies
menu-quit = Quit
menu-ask-file = Certificate file (.p12), full path:
menu-back = back to the menu
menu-press-enter = Press Enter to close this window.
dl-remind-backup = Back up the file now, before changing the PIN code: copy it to a USB stick (gidcert backup "{ $path }") and keep the stick with the notice in a locked place.
dl-remind-pin = Change the PIN code of the working copy only after the backup (gidcert change-pin).
dl-remind-receipt = Return the receipt (受領書) to the association: a certificate whose receipt is not returned within 30 days of the notice's mailing by restricted delivery post (本人限定受取郵便) may be revoked.
err-dl-missing = A value is missing and there is no terminal to ask on: { $flags }.
rec-dl-missing = Non-interactive use needs --id ID, --pin-stdin or --pin-file PATH, and --out DIR (or save_dir in the configuration file).
err-dl-empty-pin = The PIN code read is empty.
err-dl-bad-file-name = "{ $name }" cannot be used as a file name.
rec-dl-bad-file-name = Give a plain name without a folder, drive or any of / \ : * ? " < > |, such as --file-name mycert.p12, and the folder with --out.
err-dl-does-not-open = The downloaded file does not open with your PIN code. Nothing was saved.
err-dl-bad-cert = The certificate in the downloaded file cannot be read ({ $detail }). Nothing was saved.
err-dl-check-failed = A check of the downloaded certificate failed: { $check } Nothing was saved.
rec-dl-check-failed = Check the user ID on the notice. If it is right, contact the registration section of your shiho-shoshi association (司法書士会).
rec-dl-check-failed-file = The server delivered a certificate that is not the one the manual describes. Nothing was saved. Contact the registration section of your shiho-shoshi association (司法書士会) and tell them which check failed.
err-dl-not-saved = The certificate file was not saved anywhere.
rec-dl-save-failed = Choose another folder and run the command again.
err-dl-backup-failed = The certificate file itself is saved at { $path }, but the backup copy was not made.
rec-dl-backup-failed = Make the backup with `gidcert backup` before changing the PIN code.

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
changepin-backup-reminder = Before you change the PIN code: keep a backup of the certificate file made with the ORIGINAL PIN code on a USB stick. If you forget the new PIN code, that backup and the PIN code on the notice are the only way back; otherwise the electronic certificate must be reissued.
changepin-backup-offer = No backup yet? Cancel now and run: gidcert backup { $file }
changepin-confirm = Replace { $file } with a copy protected by the new PIN code?
changepin-done = PIN code changed: { $path }
changepin-encryption = Encryption written: { $encryption }, MAC { $mac }, { $iterations } iterations.
changepin-imports-modern = Opens in OpenSSL 1.1.1 and later, Java 8u301 / 11.0.12 and later, Firefox and Thunderbird (NSS), Windows 10 1709 and later, macOS 14 and later. For older systems use --legacy.
changepin-imports-legacy = Legacy encryption (3DES, SHA-1 MAC): opens almost everywhere, including the macOS Keychain before macOS 14 and Windows before 10 1709, but protects the PIN less well.
strength-summary = The new PIN code has { $len } characters: { $possibilities } possible PIN codes. One graphics card would need { $time } to try them all.
strength-assumption = (This holds for a PIN code chosen at random; a word, a name or a date is guessed far sooner.)
strength-recommend = We recommend { $recommended } characters or more.
duration-seconds = { $n ->
    [one] about 1 second
   *[other] about { $n } seconds
}
duration-minutes = { $n ->
    [one] about 1 minute
   *[other] about { $n } minutes
}
duration-hours = { $n ->
    [one] about 1 hour
   *[other] about { $n } hours
}
duration-days = { $n ->
    [one] about 1 day
   *[other] about { $n } days
}
duration-years = { $n ->
    [one] about 1 year
   *[other] about { $n } years
}
duration-over-million-years = more than a million years

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------
err-backup-source = { $path }: { $error } Nothing was copied.
err-backup-no-drives = No removable drive (USB stick) is plugged in.
err-backup-no-terminal = No destination folder was given, and there is no terminal to choose a drive on.
rec-backup-pass-folder = Plug in the USB stick, or give the folder to copy to: gidcert backup FILE FOLDER
err-backup-bad-name = "{ $name }" cannot be used as a file name.
rec-backup-bad-name = Give a plain name without a folder, drive or any of / \ : * ? " < > |, for example --name certificate-backup.p12
err-backup-same-file = { $path } is the file being backed up.
rec-backup-same-file = Choose a folder on the USB stick, not the folder the file is in.
err-backup-source-changed = { $path } changed while it was being copied; the copy may not match it.
rec-backup-source-changed = Close programs that use the file and run the backup again.
backup-choose-drive = Copy to which drive?
backup-drive-line = { $label } ({ $mount }), { $free } free
backup-drive-read-only = read-only
backup-done = Copied and verified: { $path }
backup-source-sha = SHA-256 of the original:
backup-copy-sha = SHA-256 of the copy:
backup-size = Size: { $size }
backup-pin-ok = The PIN code opens the file.
backup-not-removable = Note: this folder is not on a removable drive. The manual advises a USB stick kept in a locked place.
backup-advice = Keep this copy with its original PIN code, together with the notice, in a locked cabinet. If you change the PIN code, change it only on the working copy, never on this backup.
err-scan-delete-no-terminal = --delete asks before each deletion, but there is no terminal to ask on.
rec-scan-delete-no-terminal = Run gidcert scan --delete in a terminal, or run gidcert scan and delete the listed files yourself.
err-scan-no-such-folder = The folder { $path } does not exist.
err-scan-is-a-file = { $path } is a file; scan searches folders.
rec-scan-is-a-file = To look at this one file: gidcert show "{ $path }". To search, give a folder: gidcert scan FOLDER
err-scan-no-home = Could not find your home folder.
rec-scan-folder = Give the folders to search: gidcert scan FOLDER ...
scan-progress = Searching… { $count ->
    [one] 1 file examined
   *[other] { $count } files examined
}
scan-none-found = No certificate file (PKCS#12) was found.
scan-heading-fixed = { $count ->
    [one] 1 certificate file on fixed disks of this PC (at risk of theft):
   *[other] { $count } certificate files on fixed disks of this PC (at risk of theft):
}
scan-heading-removable = { $count ->
    [one] 1 certificate file on removable drives:
   *[other] { $count } certificate files on removable drives:
}
scan-location-fixed = fixed disk
scan-location-removable = removable drive
scan-cert-line = CN { $cn }, user ID { $uid }, valid until { $until }
scan-cert-encrypted = certificate details are encrypted (PIN code needed)
scan-expires-soon = expires within 30 days
scan-expired = expired
scan-summary = { $examined ->
    [one] 1 file examined
   *[other] { $examined } files examined
}; skipped: { $large } large { $large ->
    [one] file
   *[other] files
}, { $folders } cache or system { $folders ->
    [one] folder
   *[other] folders
}.
scan-problems = { $count ->
    [one] 1 file or folder could not be read and was skipped.
   *[other] { $count } files or folders could not be read and were skipped.
}
scan-problems-hint = Run with -v to list them.
scan-risk-advice = { $count ->
    [one] 1 copy is
   *[other] { $count } copies are
} on fixed disks. In 2014 a virus stole certificate files left in PC folders: keep the file only on a USB stick in a locked place (gidcert backup), then delete these copies (gidcert scan --delete).
scan-delete-traces = Deleting a file removes its name; on SSDs and journaling file systems its contents may remain recoverable until overwritten.
scan-delete-last-copy = Not deleting { $path }: it is the only copy of this certificate gidcert found. Back it up first (gidcert backup).
scan-delete-no-usb-copy = Note: no copy of this certificate was found on a removable drive.
scan-delete-confirm = Delete { $path }?
scan-deleted = Deleted { $path }
scan-delete-failed = Could not delete { $path }: { $error }
scan-delete-changed = the file changed since the search

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------
demo-intro = Demo: a test download server is running at { $url } (loopback only). Files go to { $folder }
demo-account = Demo account from the test notice: identification number { $id }, user ID { $uid }.
demo-step-download = download the certificate, check it, save it and back it up
demo-step-show = show the certificate and check what the manual says to check
demo-step-change-pin = change the PIN of the working copy
demo-step-verify = check the new PIN, the old PIN and the backup
demo-old-pin-checks = The working copy no longer opens with the notice's PIN; the USB backup still does.
demo-done = Demo finished: every step verified its result. The files are in { $folder }
err-demo-failed = The demo failed: { $detail }
rec-demo-failed = This is a bug in gidcert or its test server; please report it with the output above.
err-demo-folder-not-empty = The demo folder { $folder } is not empty.
rec-demo-folder-not-empty = Pass a new or empty folder with --out, or leave --out out.
err-demo-folder-not-utf8 = the demo folder's path is not valid UTF-8

## ---- end ---------------------------------------------------------------------------------------
