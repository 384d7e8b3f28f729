//! The BER-to-DER normaliser: never panics, its output is strict DER, and normalising twice
//! changes nothing.
#![no_main]

use gidcert::keystore::der;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(out) = der::ber_to_der(data) {
        assert!(der::is_der(&out), "normaliser output is not DER");
        assert_eq!(der::ber_to_der(&out).as_deref(), Some(&out[..]));
    }
    if der::is_der(data) {
        assert_eq!(der::ber_to_der(data).as_deref(), Some(data));
    }
});
