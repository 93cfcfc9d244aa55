#![no_main]
// The app's JSON parser: never panics, and what it reads it writes back to
// text that reads the same (compact and pretty).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(v) = s2s_core::json::parse(&String::from_utf8_lossy(data)) {
        assert_eq!(s2s_core::json::parse(&v.to_compact()).as_ref(), Ok(&v));
        assert_eq!(s2s_core::json::parse(&v.to_pretty()).as_ref(), Ok(&v));
        let _ = (v.as_f64(), v.as_u64());
    }
});
