//! Percentiles, throughput, and the lines comparing them with the budgets.

use std::time::Duration;

use crate::client::Sample;

#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub p50: Duration,
    pub p99: Duration,
    /// Completed requests per second of the measured window.
    pub rps: f64,
    pub requests: usize,
    pub errors: usize,
    pub reconnects: usize,
}

/// The value below which `pct` percent of the sorted samples lie
/// (nearest rank).
fn percentile(sorted: &[Duration], pct: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((pct / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn figures(mut sample: Sample) -> Figures {
    sample.latencies.sort_unstable();
    let secs = sample.window.as_secs_f64().max(f64::EPSILON);
    Figures {
        p50: percentile(&sample.latencies, 50.0),
        p99: percentile(&sample.latencies, 99.0),
        rps: sample.latencies.len() as f64 / secs,
        requests: sample.latencies.len(),
        errors: sample.errors,
        reconnects: sample.reconnects,
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub const TABLE_HEAD: &str = "  target                                    clients   p50 ms   p99 ms      req/s  requests  errors";

pub fn row(label: &str, clients: usize, f: &Figures) -> String {
    let mut line = format!(
        "  {label:<42}{clients:>7}{:>9.3}{:>9.3}{:>11.0}{:>10}{:>8}",
        ms(f.p50),
        ms(f.p99),
        f.rps,
        f.requests,
        f.errors
    );
    if f.reconnects > 0 {
        line.push_str(&format!("  ({} reconnects)", f.reconnects));
    }
    line
}

/// s2s's p50 and throughput against a reference, marked against the budget
/// (DESIGN.md: p50 ≤ 1.25 ×, throughput ≥ 0.8 ×) when there is one.
pub fn ratio_line(
    label: &str,
    clients: usize,
    s2s: &Figures,
    other: &Figures,
    budget: bool,
) -> String {
    let p50 = ms(s2s.p50) / ms(other.p50).max(f64::EPSILON);
    let rps = s2s.rps / other.rps.max(f64::EPSILON);
    if budget {
        let mark = |ok: bool| if ok { "within budget" } else { "OVER budget" };
        format!(
            "  s2s/{label:<36} c={clients:<3} p50 {p50:>5.2}× (budget ≤ 1.25×, {}), throughput {rps:>5.2}× (budget ≥ 0.8×, {})",
            mark(p50 <= 1.25),
            mark(rps >= 0.8)
        )
    } else {
        format!(
            "  s2s/{label:<36} c={clients:<3} p50 {p50:>5.2}×, throughput {rps:>5.2}× (no budget: what the proxy costs)"
        )
    }
}
