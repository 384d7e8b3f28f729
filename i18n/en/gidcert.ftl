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
err-dl-no-server = No download server is set.
rec-dl-server = Give the server's address with --server URL, set GIDCERT_SERVER, or put server = "https://…" in the configuration file (see `gidcert config path`).
err-dl-bad-url = The server address { $url } is not a usable URL (https://host[:port][/path]).
err-dl-insecure-url = The server address { $url } is not HTTPS; plain http:// is allowed only to this computer (loopback).
rec-dl-insecure-url = Use the https:// address of the download server.
err-dl-ca-cert = The CA certificate file { $path } cannot be used: { $reason }
err-dl-ca-cert-empty = it holds no PEM certificate
rec-dl-ca-cert = Give a PEM file with the server's CA certificate (-----BEGIN CERTIFICATE-----).
err-dl-setup = The HTTPS client could not be set up: { $reason }
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
err-dl-revoked = The certificate was revoked at { $at }: it was not downloaded within 30 days of the notice.
err-dl-receipt-mismatch = The server does not hold the file whose receipt was sent.
rec-dl-receipt-mismatch = Check the saved file with `gidcert show`; the file itself may still be fine.
err-dl-rate-limited = The server is refusing requests for now; it asks to wait { $seconds } seconds.
err-dl-rate-limited-unknown = The server is refusing requests for now (too many requests).
err-dl-server-failure = The server failed (HTTP { $status }) after { $attempts } attempt(s).
err-dl-server-failure-later = The server failed (HTTP { $status }) and asks to wait { $seconds } seconds.
rec-dl-try-later = Try again in a few minutes. Nothing was saved.
err-dl-refused = The server refused the request (HTTP { $status }, { $problem }).
rec-dl-bad-answer = Nothing was saved. Try again; if it keeps happening, report it with the output of -v.
err-dl-tls-unknown-ca = The server's certificate is not issued by a trusted certificate authority; the connection was refused. ({ $detail })
rec-dl-tls-unknown-ca = Check the server address. If your association gave you a CA certificate for it, pass it with --ca-cert PEM.
err-dl-tls-wrong-host = The server's certificate is not issued for this host name; the connection was refused. ({ $detail })
err-dl-tls-expired = The server's certificate has expired or is not yet valid; the connection was refused. ({ $detail })
err-dl-tls-other = The secure (TLS) connection to the server failed. ({ $detail })
rec-dl-tls = Check the server address and this computer's date and time. Never work around this: it protects your PIN code.
err-dl-timeout = The server did not answer in time ({ $attempts } attempt(s)).
err-dl-connect = The server could not be reached: { $detail }
err-dl-broken = The connection broke during the download ({ $attempts } attempt(s)): { $detail }
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

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
