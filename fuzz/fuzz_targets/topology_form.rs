//! The Topology page's fields, pasted `Get-CsCertificate`, `Get-AuthConfig`
//! and `Get-AcceptedDomain` output included: checking never panics, the
//! metadata URLs it derives are ones the fetcher accepts, the stored form
//! reads back as it was, and a command plan can be made from it.
#![no_main]
use s2s_core::commands::RawPlanInput;
use s2s_core::decode;
use s2s_core::inputs::HttpsUrl;
use s2s_core::topology_form::TopologyForm;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.split('\0').map(str::to_string);
    let mut next = || fields.next().unwrap_or_default();
    let form = TopologyForm {
        pool: next(),
        exchange: next(),
        sip_domain: next(),
        exchange_servers: next(),
        skype_certificates: next(),
        exchange_auth_config: next(),
        accepted_domains: next(),
    };
    let checked = form.check();
    let topology = &checked.topology;
    for url in [
        &topology.skype_metadata_url,
        &topology.exchange_metadata_url,
    ]
    .into_iter()
    .flatten()
    {
        if let Err(e) = HttpsUrl::parse("url", url) {
            panic!("derived {url}, which is refused: {e}");
        }
    }
    let stored = serde_json::to_string(&form).unwrap_or_default();
    assert_eq!(
        decode::from_str::<TopologyForm>(&stored).as_ref(),
        Ok(&form)
    );
    let _ = form.plan(RawPlanInput::litware_example());
});
