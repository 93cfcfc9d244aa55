#![no_main]
//! Any message (a server's text can reach the lookup inside an error or an
//! evidence line) looked up in the real Korean catalogue: no panic, and the
//! lookup of nested messages stays bounded.
use std::sync::LazyLock;

static KOREAN: LazyLock<s2s_core::i18n::Catalogue> = LazyLock::new(|| {
    s2s_core::i18n::Catalogue::parse(include_str!("../../i18n/ko.json")).expect("i18n/ko.json")
});

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = (
        KOREAN.text(&text),
        KOREAN.title(&text),
        s2s_core::i18n::reads_as_english(&text),
    );
});
