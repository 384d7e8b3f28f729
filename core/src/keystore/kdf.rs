//! The password KDFs of PKCS#12, for reading and writing: PBKDF2-HMAC (RFC 8018), the RFC 7292
//! appendix B KDF, the HMAC of the integrity check, and [`parallel`], which runs independent
//! derivations at once on the available cores.
//!
//! Why not `pbkdf2`/`pkcs12::kdf` or a generic digest per round: at 600,000 iterations nearly all
//! of the time of opening or writing a file is spent in these loops, and the generic digest API
//! adds buffering, padding and dispatch to each round. Every message hashed inside the loops has
//! the same, known length (a digest, after a known prefix), so its padded block can be built once
//! and only the digest bytes rewritten per round: one compression per KDF round, two per PBKDF2
//! round (the HMAC inner and outer key blocks are compressed once, up front), as fastpbkdf2 does.
//! Measured at 600,000 iterations of PBKDF2-HMAC-SHA256: 54 ms here against 83 ms for the `pbkdf2`
//! crate and 115-164 ms for ring. The compression functions are RustCrypto's `sha1`/`sha2` 0.11,
//! which pick SHA-NI (x86) or the ARMv8 SHA instructions at run time. BLAKE2 (a MAC digest only,
//! never a PBKDF2 PRF) is not Merkle-Damgard and goes through the `blake2` crate's digest API.
//! The results are checked against the RustCrypto `hmac`/`pbkdf2`-equivalent constructions and
//! published vectors in the tests below.

use hmac::{KeyInit, Mac, SimpleHmac};
use zeroize::{Zeroize, Zeroizing};

/// A hash usable in the RFC 7292 KDF and HMAC (and, the SHA family, as a PBKDF2 PRF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    /// OID 1.3.6.1.4.1.1722.12.2.1.16: OpenSSL 3 writes and reads it as a MAC digest.
    Blake2b512,
    /// OID 1.3.6.1.4.1.1722.12.2.2.8.
    Blake2s256,
}

impl Hash {
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha256 | Hash::Blake2s256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 | Hash::Blake2b512 => 64,
        }
    }

    /// The input block length `v` of the RFC 7292 KDF (and of HMAC).
    pub fn block_len(self) -> usize {
        match self {
            Hash::Sha1 | Hash::Sha256 | Hash::Blake2s256 => 64,
            Hash::Sha384 | Hash::Sha512 | Hash::Blake2b512 => 128,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha1 => "sha1",
            Hash::Sha256 => "sha256",
            Hash::Sha384 => "sha384",
            Hash::Sha512 => "sha512",
            Hash::Blake2b512 => "blake2b512",
            Hash::Blake2s256 => "blake2s256",
        }
    }

    /// The digest of `msg`.
    fn digest(self, msg: &[&[u8]]) -> Zeroizing<Vec<u8>> {
        fn with<D: hmac::digest::Digest>(msg: &[&[u8]]) -> Zeroizing<Vec<u8>> {
            let mut d = D::new();
            for m in msg {
                d.update(m);
            }
            Zeroizing::new(d.finalize().to_vec())
        }
        match self {
            Hash::Sha1 => with::<sha1::Sha1>(msg),
            Hash::Sha256 => with::<sha2::Sha256>(msg),
            Hash::Sha384 => with::<sha2::Sha384>(msg),
            Hash::Sha512 => with::<sha2::Sha512>(msg),
            Hash::Blake2b512 => with::<blake2::Blake2b512>(msg),
            Hash::Blake2s256 => with::<blake2::Blake2s256>(msg),
        }
    }

    /// `H^rounds(a)` in place: the costly loop of the RFC 7292 KDF.
    fn iterate(self, a: &mut [u8], rounds: u32) {
        match self {
            Hash::Sha1 => iterate::<Sha1>(a, rounds),
            Hash::Sha256 => iterate::<Sha256>(a, rounds),
            Hash::Sha384 => iterate::<Sha384>(a, rounds),
            Hash::Sha512 => iterate::<Sha512>(a, rounds),
            Hash::Blake2b512 | Hash::Blake2s256 => {
                for _ in 0..rounds {
                    let next = self.digest(&[a]);
                    a.copy_from_slice(&next);
                }
            }
        }
    }
}

/// The rounds a derivation really runs. Fuzzing builds (`cargo fuzz` sets `cfg(fuzzing)`) run one
/// round whatever the file asks, so that a seed with 600,000 iterations (NSS, Java) costs no
/// more than any other input; the MAC of such a seed then fails, which is a path worth fuzzing
/// too. Never in any other build.
fn rounds(iterations: u32) -> u32 {
    if cfg!(fuzzing) {
        iterations.min(1)
    } else {
        iterations
    }
}

/// What a key derived with the RFC 7292 KDF is for (its "ID" byte).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Key = 1,
    Iv = 2,
    Mac = 3,
}

/// The RFC 7292 appendix B.2 KDF: `len` bytes for `purpose` from a BMPString password (with its
/// terminator, or empty), a salt and an iteration count (at least 1).
pub fn pkcs12(
    hash: Hash,
    purpose: Purpose,
    bmp_password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let iterations = rounds(iterations);
    let v = hash.block_len();
    let fill = |src: &[u8]| -> Zeroizing<Vec<u8>> {
        let n = src.len().div_ceil(v) * v;
        Zeroizing::new(src.iter().copied().cycle().take(n).collect())
    };
    let mut i = fill(salt);
    i.extend_from_slice(&fill(bmp_password));
    let d = vec![purpose as u8; v];

    let mut out = Zeroizing::new(Vec::with_capacity(len + hash.output_len()));
    while out.len() < len {
        let mut a = hash.digest(&[&d, &i]);
        hash.iterate(&mut a, iterations.saturating_sub(1));
        out.extend_from_slice(&a);
        if out.len() >= len {
            break;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), with B = A repeated to v bytes.
        let b: Zeroizing<Vec<u8>> = Zeroizing::new(a.iter().copied().cycle().take(v).collect());
        add_to_each_block(&mut i, &b);
    }
    out.truncate(len);
    out
}

/// RFC 7292 B.2 step 6C: each `b.len()`-byte block I_j of `i` becomes (I_j + B + 1) mod 2^(8v).
fn add_to_each_block(i: &mut [u8], b: &[u8]) {
    let v = b.len();
    for block in i.chunks_mut(v) {
        let mut carry: u16 = 1;
        for k in (0..v).rev() {
            let sum = block[k] as u16 + b[k] as u16 + carry;
            block[k] = sum as u8;
            carry = sum >> 8;
        }
    }
}

/// PBKDF2 with HMAC over a SHA hash (RFC 8018 section 5.2), `len` bytes. `None` for a hash that
/// is no PBKDF2 PRF (BLAKE2): parsers never produce that.
pub fn pbkdf2(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Option<Zeroizing<Vec<u8>>> {
    let iterations = rounds(iterations);
    let mut out = Zeroizing::new(vec![0u8; len]);
    match hash {
        Hash::Sha1 => pbkdf2_with::<Sha1>(password, salt, iterations, &mut out),
        Hash::Sha256 => pbkdf2_with::<Sha256>(password, salt, iterations, &mut out),
        Hash::Sha384 => pbkdf2_with::<Sha384>(password, salt, iterations, &mut out),
        Hash::Sha512 => pbkdf2_with::<Sha512>(password, salt, iterations, &mut out),
        Hash::Blake2b512 | Hash::Blake2s256 => return None,
    }
    Some(out)
}

/// Which derivation a key came from (its password, salt and iteration count aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Function {
    Pkcs12(Hash, Purpose),
    Pbkdf2(Hash),
}

/// One derivation made earlier: every input and the output.
struct Known {
    function: Function,
    password: Zeroizing<Vec<u8>>,
    salt: Vec<u8>,
    iterations: u32,
    key: Zeroizing<Vec<u8>>,
}

/// The keys the writer derived for a file it has just made, so that reading that file back (the
/// check before it replaces anything) need not run the same 600,000-round derivations again.
///
/// A key is reused only for exactly the same inputs – function, hash, purpose, password bytes,
/// salt, iteration count and length – as read from the file being opened: a salt or count that
/// differs on disk from what was written misses and is derived afresh, and the MAC, every
/// decryption and every parse still run on the bytes as read. A derivation is a pure function of
/// those inputs, so reusing its output checks the file exactly as deriving it again would.
/// Everything (password copies included) is wiped on drop.
#[derive(Default)]
pub struct KnownKeys {
    keys: Vec<Known>,
    /// How many lookups found a key (for the tests).
    hits: std::sync::atomic::AtomicUsize,
}

impl KnownKeys {
    /// Keeps `key`, the output of `function` for these inputs.
    pub(super) fn remember(
        &mut self,
        function: Function,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
        key: &[u8],
    ) {
        self.keys.push(Known {
            function,
            password: Zeroizing::new(password.to_vec()),
            salt: salt.to_vec(),
            iterations,
            key: Zeroizing::new(key.to_vec()),
        });
    }

    /// How many keys were found here instead of derived.
    pub fn reused(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The key `function` ([`pkcs12`] or [`pbkdf2`]) derives from these inputs, or the same key
/// from `known` when it holds one for exactly these inputs. `None` only from [`pbkdf2`] (a hash
/// it does not take).
pub(super) fn derive_known(
    known: Option<&KnownKeys>,
    function: Function,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Option<Zeroizing<Vec<u8>>> {
    let hit = known.and_then(|known| {
        let k = known.keys.iter().find(|k| {
            k.function == function
                && k.iterations == iterations
                && k.key.len() == len
                && k.salt == salt
                && *k.password == password
        })?;
        known
            .hits
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(k.key.clone())
    });
    if hit.is_some() {
        return hit;
    }
    match function {
        Function::Pkcs12(hash, purpose) => {
            Some(pkcs12(hash, purpose, password, salt, iterations, len))
        }
        Function::Pbkdf2(hash) => pbkdf2(hash, password, salt, iterations, len),
    }
}

/// HMAC (RFC 2104) of `data` under `key`.
pub fn hmac(hash: Hash, key: &[u8], data: &[u8]) -> Vec<u8> {
    fn with<D>(key: &[u8], data: &[u8]) -> Vec<u8>
    where
        D: hmac::digest::Digest + hmac::digest::block_api::BlockSizeUser + Clone,
    {
        // Invariant: HMAC takes keys of any length.
        let Ok(mut mac) = SimpleHmac::<D>::new_from_slice(key) else {
            unreachable!("HMAC accepts any key length")
        };
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }
    match hash {
        Hash::Sha1 => with::<sha1::Sha1>(key, data),
        Hash::Sha256 => with::<sha2::Sha256>(key, data),
        Hash::Sha384 => with::<sha2::Sha384>(key, data),
        Hash::Sha512 => with::<sha2::Sha512>(key, data),
        Hash::Blake2b512 => with::<blake2::Blake2b512>(key, data),
        Hash::Blake2s256 => with::<blake2::Blake2s256>(key, data),
    }
}

/// Overwrites the 16 KiB of stack below the caller with zeros (volatile writes, so they are not
/// optimised away), where the derivation's frames held copies of the PIN. The memory test
/// (tests/memory.rs) found the HMAC key block of the PIN on both worker threads' stacks after
/// change-pin had exited its threads; this removes them. The deepest a derivation reaches below
/// the worker's closure, measured on a release build over the seed files (fuzz/seeds/open: every
/// MAC and cipher gidcert reads) and change-pin's write: 2,032 bytes (the PKCS#12 KDF of 3DES and
/// RC2 files), 1,376 for PBKDF2; 16 KiB is eight times that. It was 64 KiB: on a new thread's
/// stack every page past the derivation's is a page fault to write zeros onto zeros (27 of the 293
/// page faults of a `show` at 2,048 iterations; 3 % of its wall time, docs/benchmarks.md).
#[inline(never)]
fn scrub_stack() {
    let mut area = [0u8; 16 * 1024];
    zeroize::Zeroize::zeroize(&mut area[..]);
    std::hint::black_box(&area);
}

/// Runs independent jobs (key derivations) at once, one scoped thread each, and returns their
/// results in order. The derivations of a file depend only on the PIN and their own salt and
/// iteration count, so a file's three 600,000-round derivations take the time of 1.5 on two
/// cores instead of 3. A thread that cannot be started leaves its job to the calling thread.
pub fn parallel<'a, T: Send>(jobs: Vec<Box<dyn FnOnce() -> T + Send + 'a>>) -> Vec<T> {
    // Fuzzing builds derive one round (see `rounds`): threads would cost more than the work and
    // cut the executions per second several times.
    if jobs.len() <= 1 || cfg!(fuzzing) {
        return jobs.into_iter().map(|j| j()).collect();
    }
    std::thread::scope(|s| {
        let mut jobs = jobs.into_iter();
        // Invariant: at least two jobs, checked above.
        let first = jobs.next();
        let handles: Vec<_> = jobs
            .map(|job| {
                let cell = std::sync::Arc::new(std::sync::Mutex::new(Some(job)));
                let theirs = std::sync::Arc::clone(&cell);
                let handle = std::thread::Builder::new()
                    .name("gidcert-kdf".into())
                    .spawn_scoped(s, move || {
                        let job = theirs.lock().ok().and_then(|mut j| j.take());
                        let r = job.map(|j| j());
                        // The thread's stack outlives it (the C library keeps it for the next
                        // thread) and holds the key block HMAC made of the PIN: wipe it.
                        scrub_stack();
                        r
                    })
                    .ok();
                (cell, handle)
            })
            .collect();
        let mut out = Vec::with_capacity(handles.len() + 1);
        if let Some(first) = first {
            out.push(first());
        }
        for (cell, handle) in handles {
            let done = handle.and_then(|h| match h.join() {
                Ok(r) => r,
                // A panic in a job is a bug; re-raise it on the calling thread.
                Err(p) => std::panic::resume_unwind(p),
            });
            match done {
                Some(r) => out.push(r),
                None => {
                    // Not started (no thread): run it here.
                    let job = cell.lock().ok().and_then(|mut j| j.take());
                    if let Some(job) = job {
                        out.push(job());
                    }
                }
            }
        }
        out
    })
}

/// A Merkle–Damgård compression function with its initial state and output length.
trait Engine {
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

/// One [`Engine`] per hash: its state, block size, output and length-field sizes, compression
/// function, output function and initial state.
macro_rules! engine {
    ($name:ident: $state:ty, block $block:literal, out $out:literal, len $len:literal,
     $compress:path, $output:ident, $iv:expr) => {
        struct $name;

        impl Engine for $name {
            type State = $state;
            type Block = [u8; $block];
            const IV: $state = $iv;
            const ZERO_BLOCK: [u8; $block] = [0; $block];
            const OUT_LEN: usize = $out;
            const LEN_BYTES: usize = $len;

            fn compress(state: &mut $state, block: &[u8; $block]) {
                $compress(state, std::slice::from_ref(block));
            }

            fn output(state: &$state, out: &mut [u8]) {
                $output(state, out);
            }
        }
    };
}

engine!(Sha1: [u32; 5], block 64, out 20, len 8, sha1::block_api::compress, output_u32,
    [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]);
engine!(Sha256: [u32; 8], block 64, out 32, len 8, sha2::block_api::compress256, output_u32, [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
    0x5be0cd19,
]);
engine!(Sha384: [u64; 8], block 128, out 48, len 16, sha2::block_api::compress512, output_u64, [
    0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
    0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
]);
engine!(Sha512: [u64; 8], block 128, out 64, len 16, sha2::block_api::compress512, output_u64, [
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
]);

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
fn hash<E: Engine>(msg: &[u8], out: &mut [u8]) {
    finish::<E>(E::IV, 0, msg, out);
}

/// Replaces `a` (`E::OUT_LEN` bytes) by `H^rounds(a)`: the inner loop of the RFC 7292 KDF.
fn iterate<E: Engine>(a: &mut [u8], rounds: u32) {
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
fn pbkdf2_with<E: Engine>(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
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

    /// Each engine against ring: the hash at every length around the padding, and the iteration.
    #[test]
    fn hash_and_iterate_match_ring() {
        fn check<E: Engine>(alg: &'static digest::Algorithm) {
            check_hash::<E>(alg);
            check_iterate::<E>(alg);
        }
        check::<Sha1>(&digest::SHA1_FOR_LEGACY_USE_ONLY);
        check::<Sha256>(&digest::SHA256);
        check::<Sha384>(&digest::SHA384);
        check::<Sha512>(&digest::SHA512);
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
                pbkdf2_with::<E>(&pw, &salt, iterations, &mut ours);
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
        pbkdf2_with::<Sha1>(b"password", b"salt", 4096, &mut out);
        assert_eq!(hex::encode(out), "4b007901b765489abead49d926f721d065a429c1");
        let mut out = [0u8; 25];
        pbkdf2_with::<Sha1>(
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
        pbkdf2_with::<Sha256>(b"password", b"salt", 2, &mut out);
        assert_eq!(
            hex::encode(out),
            "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"
        );
    }

    #[test]
    fn pkcs12_kdf_matches_known_vectors() {
        // BouncyCastle / OpenSSL PKCS#12 KDF vectors, SHA-1: password (BMPString with its
        // terminator), salt, iterations, the 24-byte key and the 8-byte IV.
        let vectors: [(&str, [u8; 8], u32, &str, &str); 2] = [
            (
                "smeg",
                [0x0A, 0x58, 0xCF, 0x64, 0x53, 0x0D, 0x82, 0x3F],
                1,
                "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3",
                "79993dfe048d3b76",
            ),
            (
                "queeg",
                [0x05, 0xDE, 0xC9, 0x59, 0xAC, 0xFF, 0x72, 0xF7],
                1000,
                "ed2034e36328830ff09df1e1a07dd357185dac0d4f9eb3d4",
                "11dedad7758d4860",
            ),
        ];
        for (password, salt, rounds, key, iv) in vectors {
            let mut bmp: Vec<u8> = password.bytes().flat_map(|b| [0, b]).collect();
            bmp.extend([0, 0]);
            let got = pkcs12(Hash::Sha1, Purpose::Key, &bmp, &salt, rounds, 24);
            assert_eq!(hex::encode(&*got), key, "{password}");
            let got = pkcs12(Hash::Sha1, Purpose::Iv, &bmp, &salt, rounds, 8);
            assert_eq!(hex::encode(&*got), iv, "{password}");
        }
    }

    #[test]
    fn pkcs12_kdf_fast_path_matches_the_digest_loop() {
        // The compression-function loop against the plain definition H(H(...H(D||I)...)).
        let mut rng = fastrand::Rng::with_seed(17);
        for hash in [Hash::Sha1, Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            for (rounds, len) in [(1u32, 20usize), (2, 33), (50, 64), (7, 130)] {
                let pw = bytes(&mut rng, 12);
                let salt = bytes(&mut rng, 16);
                let fast = pkcs12(hash, Purpose::Mac, &pw, &salt, rounds, len);
                // Reference: the same KDF with the iteration done through the digest API.
                let v = hash.block_len();
                let fill = |src: &[u8]| -> Vec<u8> {
                    let n = src.len().div_ceil(v) * v;
                    src.iter().copied().cycle().take(n).collect()
                };
                let mut i = fill(&salt);
                i.extend(fill(&pw));
                let mut want = Vec::new();
                while want.len() < len {
                    let mut a = hash.digest(&[&vec![3u8; v], &i]).to_vec();
                    for _ in 1..rounds {
                        a = hash.digest(&[&a]).to_vec();
                    }
                    want.extend_from_slice(&a);
                    let b: Vec<u8> = a.iter().copied().cycle().take(v).collect();
                    add_to_each_block(&mut i, &b);
                }
                want.truncate(len);
                assert_eq!(*fast, want, "{hash:?} {rounds} rounds, {len} bytes");
            }
        }
    }

    #[test]
    fn hmac_matches_ring_and_rfc4231() {
        let mut rng = fastrand::Rng::with_seed(19);
        for (hash, alg) in [
            (Hash::Sha1, ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY),
            (Hash::Sha256, ring::hmac::HMAC_SHA256),
            (Hash::Sha384, ring::hmac::HMAC_SHA384),
            (Hash::Sha512, ring::hmac::HMAC_SHA512),
        ] {
            for key_len in [0usize, 20, 64, 65, 129] {
                let key = bytes(&mut rng, key_len);
                let data = bytes(&mut rng, 100);
                let theirs = ring::hmac::sign(&ring::hmac::Key::new(alg, &key), &data);
                assert_eq!(hmac(hash, &key, &data), theirs.as_ref(), "{hash:?}");
            }
        }
        // RFC 4231 test case 2 (HMAC-SHA-256, key "Jefe").
        assert_eq!(
            hex::encode(hmac(Hash::Sha256, b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn blake2_digests_match_rfc7693() {
        // RFC 7693 appendix A: BLAKE2b-512("abc") and BLAKE2s-256("abc").
        assert_eq!(
            hex::encode(&*Hash::Blake2b512.digest(&[b"abc"])),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
             7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        );
        assert_eq!(
            hex::encode(&*Hash::Blake2s256.digest(&[b"abc"])),
            "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"
        );
        assert_eq!(Hash::Blake2b512.block_len(), 128);
        assert!(pbkdf2(Hash::Blake2b512, b"p", b"s", 1, 16).is_none());
    }

    #[test]
    fn parallel_returns_every_result_in_order() {
        for n in [0usize, 1, 2, 3, 9] {
            let jobs: Vec<Box<dyn FnOnce() -> usize + Send>> = (0..n)
                .map(|i| Box::new(move || i * i) as Box<dyn FnOnce() -> usize + Send>)
                .collect();
            assert_eq!(parallel(jobs), (0..n).map(|i| i * i).collect::<Vec<_>>());
        }
        // Derivations through it agree with the sequential ones.
        let jobs: Vec<Box<dyn FnOnce() -> Zeroizing<Vec<u8>> + Send>> = vec![
            Box::new(|| pkcs12(Hash::Sha256, Purpose::Mac, &[0, 0], b"salt", 100, 32)),
            Box::new(|| pbkdf2(Hash::Sha256, b"pw", b"salt", 100, 32).unwrap_or_default()),
        ];
        let got = parallel(jobs);
        assert_eq!(
            got[0],
            pkcs12(Hash::Sha256, Purpose::Mac, &[0, 0], b"salt", 100, 32)
        );
        assert_eq!(
            Some(got[1].clone()),
            pbkdf2(Hash::Sha256, b"pw", b"salt", 100, 32)
        );
    }
}
