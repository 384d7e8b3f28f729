#!/usr/bin/env bash
# Makes the committed seed corpus (fuzz/seeds/) from the same tools as the test fixtures
# (tests/common/fixtures.rs): openssl, keytool and pk12util files of every kind gidcert reads, at
# 1 iteration so that the fuzzer spends its time in the parsers, not the KDF. The PIN is the one
# the `open` target tries (a1b2c3), or empty. Re-run only to change the corpus; the files are
# committed so that a fuzz run is reproducible.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)/seeds
rm -rf "$out"
mkdir -p "$out/open" "$out/sniff"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pin=a1b2c3
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
  -subj "/CN=SEED CA/C=JP" -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=SEED MEMBER/C=JP" \
  -keyout ee.key -out ee.csr 2>/dev/null
openssl x509 -req -in ee.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 -out ee.pem 2>/dev/null
export_p12() { # name, pin, extra args...
  local name=$1 p=$2
  shift 2
  openssl pkcs12 -export -inkey ee.key -in ee.pem -certfile ca.pem -name "member" \
    -passout "pass:$p" -iter 1 -maciter "$@" -out "$out/open/$name.p12"
}
export_p12 openssl-default "$pin"
export_p12 openssl-legacy "$pin" -legacy
export_p12 openssl-nomac "$pin" -nomac
export_p12 openssl-plain "$pin" -keypbe NONE -certpbe NONE -nomac
export_p12 openssl-3des-sha1 "$pin" -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1
export_p12 openssl-aes128-sha512 "$pin" -keypbe AES-128-CBC -certpbe AES-192-CBC -macalg sha512
export_p12 openssl-blake2b "$pin" -macalg blake2b512
export_p12 openssl-blake2s "$pin" -macalg blake2s256
export_p12 openssl-empty-pin ""
# keytool: Java's own PKCS12 writer (modern, and legacy: 3DES keys, RC2-40 certificates).
for legacy in 0 1; do
  name=keytool
  props=(-J-Dkeystore.pkcs12.certPbeIterationCount=1 -J-Dkeystore.pkcs12.keyPbeIterationCount=1
    -J-Dkeystore.pkcs12.macIterationCount=1)
  if [ $legacy = 1 ]; then props+=(-J-Dkeystore.pkcs12.legacy); name=keytool-legacy; fi
  keytool "${props[@]}" -importkeystore -noprompt -srcstoretype PKCS12 \
    -srckeystore "$out/open/openssl-default.p12" -srcstorepass "$pin" -deststoretype PKCS12 \
    -destkeystore "$out/open/$name.p12" -deststorepass "$pin" -destkeypass "$pin" >/dev/null 2>&1
done
# pk12util: NSS writes BER (indefinite lengths, constructed OCTET STRINGs).
if command -v pk12util >/dev/null; then
  mkdir nssdb
  certutil -N --empty-password -d sql:nssdb
  pk12util -i "$out/open/openssl-default.p12" -d sql:nssdb -W "$pin" -K "" >/dev/null
  NSS_PBE_DEFAULT_ITERATION_COUNT=1 pk12util -o "$out/open/pk12util.p12" -n member \
    -d sql:nssdb -W "$pin" -K "" >/dev/null
fi
# The sniffer also meets what members pick by mistake.
cp "$out"/open/*.p12 "$out/sniff/"
cp ee.pem "$out/sniff/certificate.pem"
cp ee.key "$out/sniff/key.pem"
openssl x509 -in ee.pem -outform DER -out "$out/sniff/certificate.der"
base64 -w 64 "$out/open/openssl-default.p12" >"$out/sniff/p12.b64"
cp "$out/sniff/certificate.der" "$out/open/"
ls -l "$out/open" "$out/sniff"
