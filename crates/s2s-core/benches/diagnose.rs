//! Benchmark: the full diagnosis of a Skype and an Exchange document (parse,
//! certificate decoding, findings), natively. Prints the time per run against
//! the 2 ms budget; asserts nothing about time. The same inputs are measured
//! inside headless Chromium by the app's `bench_diagnose` test. Also: reading
//! the largest paste the Test results page takes (2 MiB of verbose output),
//! which has no budget of its own but must not freeze the page.

use std::hint::black_box;
use std::time::Instant;

use s2s_core::findings::diagnose;
use s2s_core::time::UnixTime;
use s2s_core::topology::{FetchOutcome, Observations, Topology};

const SKYPE: &[u8] = include_bytes!("../../../fixtures/generated/skype-metadata.json");
const EXCHANGE: &[u8] = include_bytes!("../../../fixtures/generated/exchange-metadata.json");

fn response(body: &[u8]) -> FetchOutcome {
    FetchOutcome::Response {
        status: 200,
        content_type: Some("application/json".into()),
        date: Some("Fri, 27 Nov 2026 00:00:00 GMT".into()),
        received_at: None,
        body: body.to_vec(),
    }
}

fn main() {
    let topology = Topology {
        skype_metadata_url: Some("https://atl-cs-001.litwareinc.com/metadata/json/1".into()),
        exchange_metadata_url: Some(
            "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1".into(),
        ),
        sip_domain: Some("litwareinc.com".into()),
        pasted_thumbprints: Vec::new(),
    };
    let observations = Observations {
        skype: Some(response(SKYPE)),
        exchange: Some(response(EXCHANGE)),
    };
    let now = UnixTime(1_795_737_600);
    let findings = diagnose(&topology, &observations, now);
    assert!(
        findings.len() > 10,
        "the inputs must produce a full diagnosis"
    );

    for _ in 0..200 {
        black_box(diagnose(&topology, &observations, now));
    }
    const BATCHES: usize = 30;
    const PER_BATCH: usize = 100;
    let mut per_run_us: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..PER_BATCH {
                black_box(diagnose(
                    black_box(&topology),
                    black_box(&observations),
                    now,
                ));
            }
            start.elapsed().as_secs_f64() * 1e6 / PER_BATCH as f64
        })
        .collect();
    per_run_us.sort_by(f64::total_cmp);
    println!(
        "diagnosis of both documents (parse, decode, findings), native: p50 {:.1} µs, min {:.1} µs, max {:.1} µs per run over {} runs (budget 2000 µs); {} findings",
        per_run_us[BATCHES / 2],
        per_run_us[0],
        per_run_us[BATCHES - 1],
        BATCHES * PER_BATCH,
        findings.len()
    );

    read_largest_paste();
}

/// `Test-CsExStorageConnectivity -Verbose` output padded with verbose lines
/// to the 2 MiB the reader takes.
fn read_largest_paste() {
    let test = include_str!("../../../fixtures/testout/test-csexstorage-401-2000004-verbose.txt");
    let limit = s2s_core::testout::MAX_PASTE_BYTES;
    let mut paste = String::with_capacity(limit + 64);
    while paste.len() < limit {
        paste.push_str(test);
        paste.push_str("VERBOSE: Processing web storage response.\n");
    }
    let reading = s2s_core::testout::read_all(&[paste.as_str()]);
    assert!(reading.truncated && !reading.steps.is_empty());
    let mut ms: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            black_box(s2s_core::testout::read_all(&[black_box(paste.as_str())]));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!(
        "reading a 2 MiB Test-CsExStorageConnectivity paste ({} steps), native: p50 {:.0} ms, min {:.0} ms, max {:.0} ms over 7 runs",
        reading.steps.len(),
        ms[3],
        ms[0],
        ms[6]
    );
}
