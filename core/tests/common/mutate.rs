//! The seeded mutations shared by the keystore's mutation test (core/src/keystore/mutation_tests.rs)
//! and the differential test against openssl (core/tests/differential.rs): one definition, so that
//! both exercise the same kinds of damage.

/// One to three mutations on top of each other: bit flips, DER-significant byte values,
/// truncations, insertions, deletions and duplicated spans.
pub fn mutate(rng: &mut fastrand::Rng, original: &[u8]) -> Vec<u8> {
    let mut v = original.to_vec();
    // One to three mutations on top of each other.
    for _ in 0..rng.usize(1..=3) {
        if v.is_empty() {
            v.push(rng.u8(..));
            continue;
        }
        let at = rng.usize(..v.len());
        match rng.u8(..6) {
            0 => v[at] ^= 1 << rng.u8(..8),
            // Values that matter to a DER parser: lengths, tags, high bits.
            1 => {
                v[at] = *rng
                    .choice(&[0x00, 0x01, 0x02, 0x30, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF])
                    .unwrap_or(&0)
            }
            2 => v.truncate(at),
            3 => {
                let n = rng.usize(1..=8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.u8(..)).collect();
                v.splice(at..at, bytes);
            }
            4 => {
                let end = (at + rng.usize(1..=16)).min(v.len());
                v.drain(at..end);
            }
            _ => {
                let end = (at + rng.usize(1..=32)).min(v.len());
                let span = v[at..end].to_vec();
                v.splice(at..at, span);
            }
        }
    }
    v
}
