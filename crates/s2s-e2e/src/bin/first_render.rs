//! Benchmark: navigation start → Overview painted, in headless Chromium, against
//! the real `s2s serve --demo` and the release build. Prints figures; asserts
//! nothing about time (the budget is 300 ms).

use std::time::Duration;

use s2s_e2e::{Browser, Server};

const RUNS: usize = 15;
const BUDGET_MS: f64 = 300.0;

const MARK_SCRIPT: &str = "const m = performance.getEntriesByName('s2s:overview-painted'); \
     return m.length ? m[0].startTime : null;";
const FCP_SCRIPT: &str = "const p = performance.getEntriesByName('first-contentful-paint'); \
     return p.length ? p[0].startTime : null;";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo"]).await?;
    let browser = Browser::start().await?;
    let url = server.url("/");
    let mut painted = Vec::new();
    let mut fcp = Vec::new();
    for _ in 0..RUNS {
        browser.client.goto(&url).await?;
        let t = browser
            .wait_for(
                "Overview painted mark",
                MARK_SCRIPT,
                Duration::from_secs(20),
            )
            .await?;
        painted.push(t.as_f64().unwrap_or(f64::NAN));
        let f = browser.client.execute(FCP_SCRIPT, vec![]).await?;
        fcp.push(f.as_f64().unwrap_or(f64::NAN));
    }
    browser.close().await;
    // The mark fires two animation frames after mounting; in headless Chromium
    // the paint itself can come later, so a run counts until both happened.
    let done: Vec<f64> = painted.iter().zip(&fcp).map(|(p, f)| p.max(*f)).collect();
    let summary = |label: &str, runs: &[f64]| {
        // Chromium does not report a paint entry on every run.
        let mut warm: Vec<f64> = runs[1..].iter().copied().filter(|v| !v.is_nan()).collect();
        warm.sort_by(f64::total_cmp);
        format!(
            "{label}: cold {:.0} ms; warm p50 {:.0} ms, p90 {:.0} ms ({} warm runs reported)",
            runs[0],
            percentile(&warm, 0.5),
            percentile(&warm, 0.9),
            warm.len()
        )
    };
    println!(
        "first render (navigation -> Overview painted), {RUNS} runs: {} (budget {BUDGET_MS:.0} ms)",
        summary("painted", &done)
    );
    println!("  of which {}", summary("app's rAF mark", &painted));
    println!("  and {}", summary("first contentful paint", &fcp));
    Ok(())
}
