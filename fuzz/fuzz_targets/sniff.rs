//! The sniffer, on its own (it runs on every file `scan` meets and before every open): never
//! panics, and agrees with itself on a file's first bytes, which is what `scan` reads.
#![no_main]

use gidcert::keystore::{self, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let kind = keystore::sniff(data);
    // A PKCS#12 file stays PKCS#12 when only its start is seen (scan reads the first bytes), and
    // a prefix the sniffer rejects is never PKCS#12 once more bytes follow.
    for n in [1, 2, 4, 8, 16, 64] {
        let head = &data[..n.min(data.len())];
        if kind == FileKind::Pkcs12 {
            assert!(keystore::looks_like_pfx(head), "prefix {n} of a PFX rejected");
        }
    }
    if keystore::looks_like_pfx(data) {
        assert_eq!(kind, FileKind::Pkcs12);
    }
});
