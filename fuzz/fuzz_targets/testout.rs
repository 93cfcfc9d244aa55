#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let reading = s2s_core::testout::read(&text);
    let _ = s2s_core::testout::diagnose(&reading, &Default::default());
});
