#![no_main]
use s2s_core::encoding::{Variant, decode, standard, url_safe};

// Never panics, and decoding is canonical: what it accepts is exactly the
// encoding of what it returns (padding aside).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(bytes) = decode(&text, Variant::Standard) {
        assert_eq!(
            standard(&bytes).trim_end_matches('='),
            text.trim_end_matches('=')
        );
    }
    if let Ok(bytes) = decode(&text, Variant::UrlSafe) {
        assert_eq!(url_safe(&bytes), text.trim_end_matches('='));
    }
});
