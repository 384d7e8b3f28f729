#!/usr/bin/env bash
# Whole-process benchmarks of the gidcert binary beside a yardstick, run in turn (A B A B ...) so
# that machine drift hits both; prints the median wall time of each and the median of the pairwise
# ratios A/B. Results and their discussion: docs/benchmarks.md.
#
#   bash benches/cli.sh [runs]        (default 20; needs openssl, rustc, python3)
#
# - show at 2,048 and 600,000 iterations vs `openssl pkcs12 -info -nokeys`
# - change-pin at 600,000 (open, write, read-back check) vs openssl's two commands through a PEM
# - `gidcert --version` vs a hello-world Rust binary
# - show's peak memory (/usr/bin/time -v)
set -euo pipefail
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --locked --bin gidcert --manifest-path "$root/Cargo.toml" >&2
bin=${CARGO_TARGET_DIR:-$root/target}/release/gidcert
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=SATO HANAKO/C=JP" \
  -keyout k.pem -out c.pem 2>/dev/null
for it in 2048 600000; do
  openssl pkcs12 -export -iter "$it" -inkey k.pem -in c.pem -passout pass:oldpin11 -out "f$it.p12"
done
printf 'oldpin11\n' >pin.txt
printf 'oldpin11\nnewpin22\nnewpin22\n' >pins3.txt
printf 'fn main() { println!("hello"); }\n' >hello.rs
rustc -O hello.rs -o hello

# pair NAME 'A' 'B': both through sh -c, output discarded.
pair() {
  python3 - "$runs" "$1" "$2" "$3" <<'PY'
import statistics, subprocess, sys, time
runs, name, a, b = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def once(cmd):
    t = time.perf_counter()
    subprocess.run(["sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
once(a); once(b)  # warm-up
ta, tb = [], []
for _ in range(runs):
    ta.append(once(a)); tb.append(once(b))
ratios = [x / y for x, y in zip(ta, tb)]
print(f"{name}: gidcert {statistics.median(ta)*1000:.1f} ms, yardstick "
      f"{statistics.median(tb)*1000:.1f} ms, median ratio {statistics.median(ratios):.2f}")
PY
}
pair "show 2,048" "$bin show f2048.p12 --pin-file pin.txt --lang en" \
  "openssl pkcs12 -info -nokeys -in f2048.p12 -passin pass:oldpin11"
pair "show 600,000" "$bin show f600000.p12 --pin-file pin.txt --lang en" \
  "openssl pkcs12 -info -nokeys -in f600000.p12 -passin pass:oldpin11"
pair "change-pin 600,000" \
  "rm -f out.p12; $bin change-pin f600000.p12 --out out.p12 --pin-file pins3.txt --iterations 600000 --yes --lang en" \
  "openssl pkcs12 -in f600000.p12 -passin pass:oldpin11 -nodes -out tmp.pem && openssl pkcs12 -export -in tmp.pem -passout pass:newpin22 -iter 600000 -out o.p12"
pair "--version" "$bin --version" "./hello"
peak=$(/usr/bin/time -v "$bin" show f600000.p12 --pin-file pin.txt --lang en 2>&1 >/dev/null |
  awk -F: '/Maximum resident/ {print $2}')
echo "show peak memory: ${peak# } KiB"
