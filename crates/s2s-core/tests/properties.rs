//! Property tests: no parser panics, whatever the input; conversions that
//! must round-trip do.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use s2s_core::cert::{decode_any, decode_der};
use s2s_core::metadata::parse;
use s2s_core::thumbprint::{Sha1Fingerprint, thumbprint_to_x5t, x5t_to_thumbprint};
use s2s_core::time::UnixTime;

fn sample_certificate() -> Vec<u8> {
    let key = rcgen::KeyPair::generate().expect("key");
    rcgen::CertificateParams::new(vec!["atl-cs-001.litwareinc.com".to_string()])
        .expect("params")
        .self_signed(&key)
        .expect("cert")
        .der()
        .to_vec()
}

/// JSON-looking text: fragments of metadata documents glued at random, so
/// the parser gets deep into documents rather than failing at byte one.
fn jsonish() -> impl Strategy<Value = String> {
    let fragments = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"keys\"",
        "\"keyvalue\"",
        "\"keyValue\"",
        "\"value\"",
        "\"MIIB\"",
        "\"MIIHNTCC...\"",
        "\"x5t\"",
        "\"realm\"",
        "\"*\"",
        "\"issuer\"",
        "\"a@b\"",
        "null",
        "1",
        "-0.5e9",
        "true",
        "\"\\u0000\"",
        "\"\\/\"",
        " ",
        "\n",
    ]);
    prop::collection::vec(fragments, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn metadata_parse_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn metadata_parse_never_panics_on_jsonish_text(text in jsonish()) {
        if let Ok(doc) = parse(text.as_bytes()) {
            // Whatever was read, the raw text is kept exactly.
            prop_assert_eq!(doc.raw, text);
        }
    }

    #[test]
    fn certificate_decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode_any(&bytes);
        let _ = decode_der(&bytes);
    }

    #[test]
    fn damaged_certificates_never_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let der = sample_certificate();
        let mut damaged = der.clone();
        for (at, value) in flips {
            let i = at.index(damaged.len());
            damaged[i] = value;
        }
        let _ = decode_der(&damaged);
        let _ = decode_any(STANDARD.encode(&damaged).as_bytes());
        let truncated = &der[..cut.index(der.len())];
        prop_assert!(decode_der(truncated).is_err());
    }

    #[test]
    fn thumbprint_and_x5t_round_trip(bytes in any::<[u8; 20]>()) {
        let f = Sha1Fingerprint(bytes);
        prop_assert_eq!(x5t_to_thumbprint(&f.x5t()), Ok(f.thumbprint()));
        prop_assert_eq!(thumbprint_to_x5t(&f.thumbprint()), Ok(f.x5t()));
        prop_assert_eq!(Sha1Fingerprint::from_thumbprint(&f.thumbprint().to_ascii_lowercase()), Ok(f));
    }

    #[test]
    fn thumbprint_parsing_never_panics(text in "\\PC{0,64}") {
        let _ = Sha1Fingerprint::from_thumbprint(&text);
        let _ = Sha1Fingerprint::from_x5t(&text);
    }

    #[test]
    fn rfc3339_round_trips(secs in -62_135_596_800i64..253_402_300_799) {
        let t = UnixTime(secs);
        prop_assert_eq!(UnixTime::parse_rfc3339(&t.to_rfc3339()), Ok(t));
    }

    #[test]
    fn time_parsing_never_panics(text in "\\PC{0,40}") {
        let _ = UnixTime::parse_rfc3339(&text);
        let _ = UnixTime::parse_http_date(&text);
    }
}
