#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = s2s_core::testout::scan_tokens(&String::from_utf8_lossy(data));
});
