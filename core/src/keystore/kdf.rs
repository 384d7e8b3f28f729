//! The two password KDFs of PKCS#12 at the cost of their compression function calls and nothing
//! more: PBKDF2-HMAC (RFC 8018) and the iterated hash of the RFC 7292 appendix B KDF.
//!
//! Why not `ring::pbkdf2` and `ring::digest::digest` per round: at 600,000 iterations nearly all of
//! the time of opening a file is spent in these loops, and the generic digest API adds buffering,
//! padding and dispatch to each round. Every message hashed inside the loops has the same, known
//! length (a digest, after a known prefix), so its padded block can be built once and only the
//! digest bytes rewritten per round: one compression per KDF round, two per PBKDF2 round (the
//! HMAC inner and outer key blocks are compressed once, up front), as fastpbkdf2 does. The
//! compression functions are RustCrypto's `sha1`/`sha2` 0.11, which pick SHA-NI (x86) or the ARMv8
//! SHA instructions at run time. The results are checked against ring in the tests below.

use zeroize::Zeroize;

/// A Merkle–Damgård compression function with its initial state and output length.
pub(super) trait Engine {
    type State: Copy + Zeroize;
    type Block: Copy + AsRef<[u8]> + AsMut<[u8]>;
    const IV: Self::State;
    const ZERO_BLOCK: Self::Block;
    const OUT_LEN: usize;
    /// The size of the big-endian bit length at the end of the padding (8 or 16 bytes).
    const LEN_BYTES: usize;

    fn compress(state: &mut Self::State, block: &Self::Block);
    /// Writes the first `out.len()` bytes (at most `OUT_LEN`) of the state, big-endian.
    fn output(state: &Self::State, out: &mut [u8]);
}

pub(super) struct Sha1;
pub(super) struct Sha256;
pub(super) struct Sha384;
pub(super) struct Sha512;

impl Engine for Sha1 {
    type State = [u32; 5];
    type Block = [u8; 64];
    const IV: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    const ZERO_BLOCK: [u8; 64] = [0; 64];
    const OUT_LEN: usize = 20;
    const LEN_BYTES: usize = 8;

    fn compress(state: &mut [u32; 5], block: &[u8; 64]) {
        sha1::block_api::compress(state, std::slice::from_ref(block));
    }

    fn output(state: &[u32; 5], out: &mut [u8]) {
        output_u32(state, out);
    }
}

impl Engine for Sha256 {
    type State = [u32; 8];
    type Block = [u8; 64];
    const IV: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    const ZERO_BLOCK: [u8; 64] = [0; 64];
    const OUT_LEN: usize = 32;
    const LEN_BYTES: usize = 8;

    fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
        sha2_11::block_api::compress256(state, std::slice::from_ref(block));
    }

    fn output(state: &[u32; 8], out: &mut [u8]) {
        output_u32(state, out);
    }
}

impl Engine for Sha384 {
    type State = [u64; 8];
    type Block = [u8; 128];
    const IV: [u64; 8] = [
        0xcbbb9d5dc1059ed8,
        0x629a292a367cd507,
        0x9159015a3070dd17,
        0x152fecd8f70e5939,
        0x67332667ffc00b31,
        0x8eb44a8768581511,
        0xdb0c2e0d64f98fa7,
        0x47b5481dbefa4fa4,
    ];
    const ZERO_BLOCK: [u8; 128] = [0; 128];
    const OUT_LEN: usize = 48;
    const LEN_BYTES: usize = 16;

    fn compress(state: &mut [u64; 8], block: &[u8; 128]) {
        sha2_11::block_api::compress512(state, std::slice::from_ref(block));
    }

    fn output(state: &[u64; 8], out: &mut [u8]) {
        output_u64(state, out);
    }
}

impl Engine for Sha512 {
    type State = [u64; 8];
    type Block = [u8; 128];
    const IV: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    const ZERO_BLOCK: [u8; 128] = [0; 128];
    const OUT_LEN: usize = 64;
    const LEN_BYTES: usize = 16;

    fn compress(state: &mut [u64; 8], block: &[u8; 128]) {
        sha2_11::block_api::compress512(state, std::slice::from_ref(block));
    }

    fn output(state: &[u64; 8], out: &mut [u8]) {
        output_u64(state, out);
    }
}

fn output_u32(state: &[u32], out: &mut [u8]) {
    for (o, w) in out.chunks_mut(4).zip(state) {
        o.copy_from_slice(&w.to_be_bytes()[..o.len()]);
    }
}

fn output_u64(state: &[u64], out: &mut [u8]) {
    for (o, w) in out.chunks_mut(8).zip(state) {
        o.copy_from_slice(&w.to_be_bytes()[..o.len()]);
    }
}

/// The block length of `E` in bytes.
fn block_len<E: Engine>() -> usize {
    E::ZERO_BLOCK.as_ref().len()
}

/// A final block for a message whose last `E::OUT_LEN` bytes are a digest that starts the block,
/// `total_len` bytes long in all: the digest bytes are left zero, to be written per round.
fn digest_block<E: Engine>(total_len: usize) -> E::Block {
    let mut block = E::ZERO_BLOCK;
    let b = block.as_mut();
    b[E::OUT_LEN] = 0x80;
    let n = b.len();
    b[n - 8..].copy_from_slice(&((total_len as u64) * 8).to_be_bytes());
    block
}

/// Finishes a hash whose state has absorbed `prefix_len` bytes (a whole number of blocks) with
/// `msg`, and writes the digest to `out` (`E::OUT_LEN` bytes). Used outside the hot loops.
fn finish<E: Engine>(mut state: E::State, prefix_len: usize, msg: &[u8], out: &mut [u8]) {
    let bl = block_len::<E>();
    let mut block = E::ZERO_BLOCK;
    let mut chunks = msg.chunks_exact(bl);
    for chunk in &mut chunks {
        block.as_mut().copy_from_slice(chunk);
        E::compress(&mut state, &block);
    }
    let rem = chunks.remainder();
    block = E::ZERO_BLOCK;
    block.as_mut()[..rem.len()].copy_from_slice(rem);
    block.as_mut()[rem.len()] = 0x80;
    if rem.len() + 1 > bl - E::LEN_BYTES {
        E::compress(&mut state, &block);
        block = E::ZERO_BLOCK;
    }
    let bits = ((prefix_len + msg.len()) as u64) * 8;
    block.as_mut()[bl - 8..].copy_from_slice(&bits.to_be_bytes());
    E::compress(&mut state, &block);
    E::output(&state, out);
    state.zeroize();
    block.as_mut().zeroize();
}

/// The hash of `msg`.
pub(super) fn hash<E: Engine>(msg: &[u8], out: &mut [u8]) {
    finish::<E>(E::IV, 0, msg, out);
}

/// Replaces `a` (`E::OUT_LEN` bytes) by `H^rounds(a)`: the inner loop of the RFC 7292 KDF.
pub(super) fn iterate<E: Engine>(a: &mut [u8], rounds: u32) {
    let mut block = digest_block::<E>(E::OUT_LEN);
    block.as_mut()[..E::OUT_LEN].copy_from_slice(a);
    for _ in 0..rounds {
        let mut state = E::IV;
        E::compress(&mut state, &block);
        E::output(&state, &mut block.as_mut()[..E::OUT_LEN]);
    }
    a.copy_from_slice(&block.as_ref()[..E::OUT_LEN]);
    block.as_mut().zeroize();
}

/// PBKDF2 with HMAC over `E` (RFC 8018 section 5.2); fills `out`.
pub(super) fn pbkdf2<E: Engine>(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    let bl = block_len::<E>();
    // HMAC key: hashed if longer than a block, then zero-padded to a block (RFC 2104).
    let mut key = E::ZERO_BLOCK;
    if password.len() > bl {
        hash::<E>(password, &mut key.as_mut()[..E::OUT_LEN]);
    } else {
        key.as_mut()[..password.len()].copy_from_slice(password);
    }
    let mut ipad = E::IV;
    let mut opad = E::IV;
    let mut pad = key;
    pad.as_mut().iter_mut().for_each(|b| *b ^= 0x36);
    E::compress(&mut ipad, &pad);
    pad = key;
    pad.as_mut().iter_mut().for_each(|b| *b ^= 0x5c);
    E::compress(&mut opad, &pad);
    pad.as_mut().zeroize();
    key.as_mut().zeroize();

    // Both HMAC hashes end with one digest after one key block: the same final block serves the
    // inner and the outer hash, and each round rewrites only its digest bytes.
    let mut block = digest_block::<E>(bl + E::OUT_LEN);
    let mut salt_i = Vec::with_capacity(salt.len() + 4);
    for (i, t) in out.chunks_mut(E::OUT_LEN).enumerate() {
        // Invariant: callers ask for at most a few hundred bytes, far below 2^32 blocks.
        let index = (i as u32).wrapping_add(1);
        salt_i.clear();
        salt_i.extend_from_slice(salt);
        salt_i.extend_from_slice(&index.to_be_bytes());
        // U_1 = HMAC(P, S || INT(i)).
        let u = &mut block.as_mut()[..E::OUT_LEN];
        finish::<E>(ipad, bl, &salt_i, u);
        let mut inner = u.to_vec();
        finish::<E>(opad, bl, &inner, u);
        inner.zeroize();
        let mut acc = E::ZERO_BLOCK;
        acc.as_mut()[..E::OUT_LEN].copy_from_slice(&block.as_ref()[..E::OUT_LEN]);
        for _ in 1..iterations {
            let mut state = ipad;
            E::compress(&mut state, &block);
            E::output(&state, &mut block.as_mut()[..E::OUT_LEN]);
            state = opad;
            E::compress(&mut state, &block);
            E::output(&state, &mut block.as_mut()[..E::OUT_LEN]);
            for (a, u) in acc.as_mut().iter_mut().zip(&block.as_ref()[..E::OUT_LEN]) {
                *a ^= u;
            }
        }
        t.copy_from_slice(&acc.as_ref()[..t.len()]);
        acc.as_mut().zeroize();
    }
    ipad.zeroize();
    opad.zeroize();
    block.as_mut().zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::{digest, pbkdf2 as rpbkdf2};
    use std::num::NonZeroU32;

    fn bytes(rng: &mut fastrand::Rng, len: usize) -> Vec<u8> {
        (0..len).map(|_| rng.u8(..)).collect()
    }

    fn check_hash<E: Engine>(alg: &'static digest::Algorithm) {
        let mut rng = fastrand::Rng::with_seed(7);
        // Every length around one and two blocks, where the padding spills into a new block.
        for len in 0..=300 {
            let msg = bytes(&mut rng, len);
            let mut out = vec![0u8; E::OUT_LEN];
            hash::<E>(&msg, &mut out);
            assert_eq!(out, digest::digest(alg, &msg).as_ref(), "length {len}");
        }
    }

    #[test]
    fn hash_matches_ring_for_every_length() {
        check_hash::<Sha1>(&digest::SHA1_FOR_LEGACY_USE_ONLY);
        check_hash::<Sha256>(&digest::SHA256);
        check_hash::<Sha384>(&digest::SHA384);
        check_hash::<Sha512>(&digest::SHA512);
    }

    fn check_iterate<E: Engine>(alg: &'static digest::Algorithm) {
        let mut rng = fastrand::Rng::with_seed(11);
        for rounds in [0u32, 1, 2, 3, 17, 1000] {
            let start = bytes(&mut rng, E::OUT_LEN);
            let mut a = start.clone();
            iterate::<E>(&mut a, rounds);
            let mut want = start;
            for _ in 0..rounds {
                want = digest::digest(alg, &want).as_ref().to_vec();
            }
            assert_eq!(a, want, "{rounds} rounds");
        }
    }

    #[test]
    fn iterate_matches_ring() {
        check_iterate::<Sha1>(&digest::SHA1_FOR_LEGACY_USE_ONLY);
        check_iterate::<Sha256>(&digest::SHA256);
        check_iterate::<Sha384>(&digest::SHA384);
        check_iterate::<Sha512>(&digest::SHA512);
    }

    fn check_pbkdf2<E: Engine>(alg: rpbkdf2::Algorithm) {
        let mut rng = fastrand::Rng::with_seed(13);
        // Passwords shorter than, equal to and longer than a block (hashed first); outputs of
        // one, part of one, and several digest blocks.
        for pw_len in [0usize, 1, 8, 63, 64, 65, 127, 128, 129, 300] {
            for (salt_len, out_len, iterations) in [
                (0, 16, 1),
                (8, 24, 2),
                (16, 32, 3),
                (20, 48, 50),
                (64, 100, 7),
                (130, 5, 1),
            ] {
                let pw = bytes(&mut rng, pw_len);
                let salt = bytes(&mut rng, salt_len);
                let mut ours = vec![0u8; out_len];
                pbkdf2::<E>(&pw, &salt, iterations, &mut ours);
                let mut theirs = vec![0u8; out_len];
                let n = NonZeroU32::new(iterations).unwrap();
                rpbkdf2::derive(alg, n, &salt, &pw, &mut theirs);
                assert_eq!(ours, theirs, "pw {pw_len} salt {salt_len} out {out_len}");
            }
        }
    }

    #[test]
    fn pbkdf2_matches_ring() {
        check_pbkdf2::<Sha1>(rpbkdf2::PBKDF2_HMAC_SHA1);
        check_pbkdf2::<Sha256>(rpbkdf2::PBKDF2_HMAC_SHA256);
        check_pbkdf2::<Sha384>(rpbkdf2::PBKDF2_HMAC_SHA384);
        check_pbkdf2::<Sha512>(rpbkdf2::PBKDF2_HMAC_SHA512);
    }

    #[test]
    fn pbkdf2_matches_rfc6070_vectors() {
        // RFC 6070 (PBKDF2-HMAC-SHA1), independent of ring.
        let mut out = [0u8; 20];
        pbkdf2::<Sha1>(b"password", b"salt", 4096, &mut out);
        assert_eq!(hex::encode(out), "4b007901b765489abead49d926f721d065a429c1");
        let mut out = [0u8; 25];
        pbkdf2::<Sha1>(
            b"passwordPASSWORDpassword",
            b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
            4096,
            &mut out,
        );
        assert_eq!(
            hex::encode(out),
            "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"
        );
        // PBKDF2-HMAC-SHA256, "password"/"salt", 2 iterations (widely published vector).
        let mut out = [0u8; 32];
        pbkdf2::<Sha256>(b"password", b"salt", 2, &mut out);
        assert_eq!(
            hex::encode(out),
            "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"
        );
    }
}
