#![no_main]
// The whole path of `s2s inspect`: parse, decode every key, run the findings.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = s2s_core::inspect::inspect(data, s2s_core::time::UnixTime(1_795_651_200));
});
