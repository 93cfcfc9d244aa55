#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = s2s_core::report::Snapshot::from_json(&text);
    let _ = s2s_core::report::Snapshot::from_link_fragment(&text);
});
