#![no_main]
use s2s_core::b64::{Alphabet, decode, encode};

// Never panics, and decoding is canonical: what it accepts is exactly the
// encoding of what it returns (padding aside).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for alphabet in [Alphabet::Standard, Alphabet::UrlSafe] {
        if let Ok(bytes) = decode(&text, alphabet) {
            assert_eq!(encode(&bytes, alphabet, false), text.trim_end_matches('='));
        }
    }
});
