#!/usr/bin/env bash
# How long `gidcert download` is held by each hostile server mode, with the default deadlines
# (docs/protocol.md, "Timing and retries"); the figures go to docs/benchmarks.md.
#
#   bash benches/hostile.sh [PROFILE [MODE...]]   # PROFILE: debug (default) or release
#
# Builds gidcert and gidcert-mock-server, then for each `--hostile` mode starts the mock server,
# runs one non-interactive download against it with /usr/bin/time, and prints mode, exit code and
# wall-clock seconds. Nothing here is a pass/fail test (tests/hostile.rs is): it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-debug}"
flag=()
[ "$profile" = release ] && flag=(--release)
cargo build -q "${flag[@]}" --bin gidcert
cargo build -q "${flag[@]}" -p gidcert-mock-server --bin gidcert-mock-server
target="${CARGO_TARGET_DIR:-target}/$profile"

work="$(mktemp -d)"
trap 'kill "${mock:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
printf 'q7w8e9r0\n' >"$work/pin"

printf '%-22s %5s %9s\n' mode exit seconds
modes=("${@:2}")
[ ${#modes[@]} -eq 0 ] && modes=(none slow-body endless-body no-answer receipt-no-answer
  reset-after-handling huge-content-type problem-escapes locked-without-until huge-retry-after
  unavailable60)
for mode in "${modes[@]}"; do
  rm -f "$work/ca.pem"
  args=(--listen 127.0.0.1:0 --ca-out "$work/ca.pem" --no-rate-limit)
  [ "$mode" != none ] && args+=(--hostile "$mode")
  "$target/gidcert-mock-server" "${args[@]}" >"$work/mock.out" 2>/dev/null &
  mock=$!
  for _ in $(seq 100); do grep -q '^listening on' "$work/mock.out" 2>/dev/null && [ -s "$work/ca.pem" ] && break; sleep 0.1; done
  url="$(sed -n 's/^listening on //p' "$work/mock.out")"
  rm -rf "$work/out" && mkdir "$work/out"
  set +e
  /usr/bin/time -f '%e' -o "$work/time" env -u GIDCERT_DEADLINE LANG=C \
    GIDCERT_CONFIG="$work/none.toml" "$target/gidcert" download --server "$url" \
    --ca-cert "$work/ca.pem" --id 9876543210 --pin-file "$work/pin" --out "$work/out" \
    >/dev/null 2>&1
  code=$?
  set -e
  printf '%-22s %5s %9s\n' "$mode" "$code" "$(tail -n 1 "$work/time")"
  kill "$mock" 2>/dev/null || true
  wait "$mock" 2>/dev/null || true
done
