//! Reports: any snapshot survives the trip through JSON and through a link
//! fragment; damage is reported, never panics.

use proptest::prelude::*;
use s2s_core::api::{FetchReport, FetchStep};
use s2s_core::commands::RawPlanInput;
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
                received_at: None,
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
        prop::option::of((any::<String>(), any::<bool>())),
    )
        .prop_map(
            |(t, pool, exchange, sip, skype, exch, pastes, findings, plan)| Snapshot {
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
                plan: plan.map(|(identity, trust_any_ssl)| RawPlanInput {
                    identity,
                    trust_any_ssl,
                    ..RawPlanInput::litware_example()
                }),
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

/// A report written by the console when reports were serde's JSON
/// (fixtures/generated/report-v1.json): it still reads, and writing it
/// again gives the same bytes, so files and links stay interchangeable.
#[test]
fn reports_written_by_earlier_consoles_read_the_same() {
    let text = include_str!("../../../fixtures/generated/report-v1.json");
    let s = Snapshot::from_json(text).expect("reads");
    assert_eq!(s.to_json(), text);
    assert_eq!(s.findings[0].severity, Severity::Fail);
    assert_eq!(s.findings[1].side, Side::Both);
    assert!(
        matches!(&s.probe, Some(RecordedFetch::Report(r)) if r.truncated && r.body_base64.is_some())
    );
    assert_eq!(s.pastes[1], "한국어 \u{1} ✓");
}

#[test]
fn damage_is_named_by_its_path() {
    let text = include_str!("../../../fixtures/generated/report-v1.json");
    let damaged = |from: &str, to: &str| {
        assert!(text.contains(from), "{from}");
        Snapshot::from_json(&text.replacen(from, to, 1)).map_err(|e| e.to_string())
    };
    assert_eq!(
        damaged("\"severity\":\"pass\"", "\"severity\":\"ok\""),
        Err("the report is damaged: $.findings[1].severity at line 1 column 1774: unknown variant `ok`, expected one of `pass`, `info`, `warn`, `fail`".into())
    );
    assert_eq!(
        damaged(
            "{\"error\":\"host not allowed",
            "{\"report\":1,\"error\":\"host not allowed"
        ),
        Err("the report is damaged: $.exchange.report at line 1 column 1079: invalid type: integer `1`, expected struct FetchReport".into())
    );
    // A recorded fetch is a report or an error, never both.
    assert_eq!(
        damaged(
            "{\"error\":\"host not allowed",
            "{\"report\":{\"url\":\"x\",\"steps\":[],\"headers\":{},\"truncated\":false,\"insecure\":false},\"error\":\"host not allowed"
        ),
        Err("the report is damaged: $.exchange at line 1 column 1148: expected value".into())
    );
    assert_eq!(
        damaged("\"truncated\":true", "\"truncated\":\"yes\""),
        Err("the report is damaged: $.probe.report.truncated at line 1 column 1370: invalid type: string \"yes\", expected a boolean".into())
    );
    assert_eq!(
        damaged("\"pastes\"", "\"pasted\""),
        Err("the report is damaged: $.pasted at line 1 column 1396: unknown field `pasted`, expected one of `version`, `generated_at`, `console_version`, `topology`, `skype`, `exchange`, `probe`, `pastes`, `plan`, `findings`".into())
    );
    assert_eq!(
        damaged("\"version\":1", "\"version\":1,\"version\":1"),
        Err("the report is damaged: $ at line 1 column 22: duplicate field `version`".into())
    );
}
