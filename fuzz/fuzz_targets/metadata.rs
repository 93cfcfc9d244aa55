#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = s2s_core::metadata::parse(data);
});
