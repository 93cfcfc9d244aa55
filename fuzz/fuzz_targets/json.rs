#![no_main]
// Everything the console reads as JSON, from the same bytes: a metadata
// document, a report, the stored topology form and the Korean catalogue.
// None panics, nor does reading back a report as written; a form reads
// back as it was stored. (A report's timings are not held to the same:
// without serde_json's float_roundtrip a 17-digit one may come back one bit
// off.)
use s2s_core::decode;
use s2s_core::report::Snapshot;
use s2s_core::topology_form::TopologyForm;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = s2s_core::metadata::parse(data);
    let text = String::from_utf8_lossy(data);
    if let Ok(report) = Snapshot::from_json(&text) {
        let _ = Snapshot::from_json(&report.to_json());
    }
    if let Ok(form) = decode::from_str::<TopologyForm>(&text) {
        let stored = serde_json::to_string(&form).unwrap_or_default();
        assert_eq!(
            decode::from_str::<TopologyForm>(&stored).as_ref(),
            Ok(&form)
        );
    }
    let _ = s2s_core::i18n::Catalogue::parse(&text);
});
