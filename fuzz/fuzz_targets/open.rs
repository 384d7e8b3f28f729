//! `open` and `sniff` must never panic, whatever the bytes; `open` must agree with `sniff` about
//! what is not a PKCS#12 file.
#![no_main]

use gidcert::keystore::{self, FileKind, KeystoreError};
use gidcert::pin::Pin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let kind = keystore::sniff(data);
    // An empty PIN (two password encodings) and the PIN of the seed corpus (fuzz/seeds/open,
    // made by fuzz/make-seeds.sh), so that mutations of a seed get past the MAC.
    for pin in ["", "a1b2c3"] {
        match keystore::open(data, &Pin::new(pin.to_owned())) {
            Ok(p12) => {
                assert_eq!(kind, FileKind::Pkcs12);
                let _ = p12.end_entity();
                let _ = p12.ca_certificates();
                for bag in &p12.bags {
                    let _ = bag.friendly_name();
                }
            }
            Err(KeystoreError::NotPkcs12 { .. }) => assert_ne!(kind, FileKind::Pkcs12),
            Err(_) => {}
        }
    }
});
