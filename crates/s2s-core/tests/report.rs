//! Reports: any snapshot survives the trip through JSON and through a link
//! fragment; damage is reported, never panics.

use proptest::prelude::*;
use s2s_core::api::{FetchReport, FetchStep};
use s2s_core::findings::Severity;
use s2s_core::report::{REPORT_VERSION, RecordedFetch, RecordedFinding, ReportError, Snapshot};
use s2s_core::time::UnixTime;
use s2s_core::topology::Side;
use s2s_core::topology_form::TopologyForm;

fn fetch() -> impl Strategy<Value = Option<RecordedFetch>> {
    let report = (
        any::<String>(),
        prop::option::of(100u16..600),
        prop::option::of(any::<String>()),
        any::<bool>(),
    )
        .prop_map(|(url, status, body, insecure)| {
            RecordedFetch::Report(Box::new(FetchReport {
                url,
                steps: vec![FetchStep {
                    name: "resolve".into(),
                    ok: true,
                    ms: 0.25,
                    detail: "x".into(),
                }],
                error: None,
                status,
                headers: [(
                    "date".to_string(),
                    "Thu, 26 Nov 2026 00:00:00 GMT".to_string(),
                )]
                .into(),
                tls: None,
                body,
                body_base64: None,
                truncated: false,
                insecure,
            }))
        });
    prop_oneof![
        Just(None),
        any::<String>().prop_map(|e| Some(RecordedFetch::Error(e))),
        report.prop_map(Some)
    ]
}

fn finding() -> impl Strategy<Value = RecordedFinding> {
    (
        any::<String>(),
        prop::sample::select(vec![
            Severity::Pass,
            Severity::Info,
            Severity::Warn,
            Severity::Fail,
        ]),
        prop::sample::select(vec![Side::Skype, Side::Exchange, Side::Both]),
        any::<String>(),
        prop::option::of(any::<String>()),
        prop::collection::vec(any::<String>(), 0..3),
    )
        .prop_map(
            |(id, severity, side, title, fix, evidence)| RecordedFinding {
                id,
                severity,
                side,
                title,
                expected: None,
                actual: fix.clone(),
                evidence,
                fix,
                fix_steps: vec!["exchange-iisreset".into()],
                explanation: String::new(),
            },
        )
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (
        any::<i64>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
        fetch(),
        fetch(),
        prop::collection::vec(any::<String>(), 0..3),
        prop::collection::vec(finding(), 0..4),
    )
        .prop_map(
            |(t, pool, exchange, sip, skype, exch, pastes, findings)| Snapshot {
                version: REPORT_VERSION,
                generated_at: UnixTime(t),
                console_version: "0.1.0".into(),
                topology: TopologyForm {
                    pool,
                    exchange,
                    sip_domain: sip,
                    ..TopologyForm::default()
                },
                skype,
                exchange: exch,
                probe: None,
                pastes,
                findings,
            },
        )
}

proptest! {
    #[test]
    fn snapshots_round_trip_through_json(s in snapshot()) {
        prop_assert_eq!(Snapshot::from_json(&s.to_json()), Ok(s));
    }

    #[test]
    fn link_fragments_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let fragment = Snapshot::link_fragment(&bytes);
        prop_assert_eq!(Snapshot::from_link_fragment(&format!("#{fragment}")), Ok(bytes));
    }

    #[test]
    fn damaged_reports_are_errors_not_panics(s in snapshot(), cut in any::<prop::sample::Index>()) {
        let json = s.to_json();
        let at = cut.index(json.len());
        let mut end = at;
        while !json.is_char_boundary(end) { end -= 1; }
        if end < json.len() {
            prop_assert!(Snapshot::from_json(&json[..end]).is_err());
        }
        let _ = Snapshot::from_link_fragment(&json[..end]);
    }
}

#[test]
fn oversized_reports_are_refused_with_their_size() {
    let big = format!(
        "{{\"version\":1,\"pad\":\"{}\"}}",
        "x".repeat(3 * 1024 * 1024)
    );
    assert!(matches!(
        Snapshot::from_json(&big),
        Err(ReportError::TooLarge { .. })
    ));
    let fragment = format!("s2s-report-v1.{}", "A".repeat(3 * 1024 * 1024));
    assert!(matches!(
        Snapshot::from_link_fragment(&fragment),
        Err(ReportError::TooLarge { .. })
    ));
}
