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

err-stdout = Could not write to standard output: { $error }

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
cli-exit-codes-more = Details: docs/exit-codes.md. Language: --lang, else LANG.
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
cli-download-ca-cert = Also trust this CA certificate (PEM) for the server
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
cli-backup-verify-pin = Also open the file with its PIN code before copying
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

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
