#![no_main]
//! The live probe's reading: any `WWW-Authenticate` and `x-ms-diagnostics`
//! values an upstream can send.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (challenge, diagnostics) = text.split_once('\n').unwrap_or((&text, ""));
    let report = s2s_core::api::FetchReport {
        url: "https://autodiscover.litwareinc.com/EWS/Exchange.asmx".into(),
        steps: Vec::new(),
        error: None,
        status: Some(401),
        headers: [
            ("www-authenticate".to_string(), challenge.to_string()),
            ("x-ms-diagnostics".to_string(), diagnostics.to_string()),
        ]
        .into(),
        tls: None,
        body: None,
        body_base64: None,
        truncated: false,
        insecure: false,
        received_at: None,
    };
    let facts = s2s_core::exchange_trust::read(&report);
    let _ = s2s_core::exchange_trust::diagnose(&facts, &Default::default());
});
