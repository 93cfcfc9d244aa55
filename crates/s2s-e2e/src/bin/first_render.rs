//! Benchmark: navigation start → Overview painted, in headless Chromium, against
//! the real `s2s serve --demo` and the release build. Prints figures; asserts
//! nothing about time (the budget is 300 ms).

use std::time::Duration;

use s2s_e2e::{Browser, Server};

const RUNS: usize = 15;
/// Fresh browsers for the cold figure: one cold load is a noisy sample.
const COLD_BROWSERS: usize = 5;
const BUDGET_MS: f64 = 300.0;

const MARK_SCRIPT: &str = "const m = performance.getEntriesByName('s2s:overview-painted'); \
     return m.length ? m[0].startTime : null;";
/// Where a cold load's time goes: the WASM fetched, the app started (its
/// first request, for the server's configuration), the Overview built.
const TIMELINE_SCRIPT: &str = "const r = performance.getEntriesByType('resource'); \
     const wasm = r.find(e => e.name.endsWith('.wasm')); \
     const config = r.find(e => e.name.endsWith('/api/v1/config')); \
     const built = performance.getEntriesByName('s2s:overview-built'); \
     return [wasm ? wasm.responseEnd : null, config ? config.startTime : null, \
             built.length ? built[0].startTime : null];";
const FCP_SCRIPT: &str = "const p = performance.getEntriesByName('first-contentful-paint'); \
     return p.length ? p[0].startTime : null;";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(&["--demo"]).await?;
    let url = server.url("/");
    // Cold: the first load in a fresh browser (nothing cached), several times.
    let mut cold = Vec::new();
    let mut timeline = Vec::new();
    for _ in 0..COLD_BROWSERS {
        let browser = Browser::start().await?;
        let (p, f) = load(&browser, &url).await?;
        cold.push(p.max(f));
        let t = browser.client.execute(TIMELINE_SCRIPT, vec![]).await?;
        let at = |i: usize| t.get(i).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
        timeline.push((at(0), at(1), at(2), p.max(f)));
        browser.close().await;
    }
    cold.sort_by(f64::total_cmp);
    // Warm: loads again in one browser, the first of them left out.
    let browser = Browser::start().await?;
    let mut painted = Vec::new();
    let mut fcp = Vec::new();
    for _ in 0..RUNS {
        let (p, f) = load(&browser, &url).await?;
        painted.push(p);
        fcp.push(f);
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
            "{label}: warm p50 {:.0} ms, p90 {:.0} ms ({} warm runs reported)",
            percentile(&warm, 0.5),
            percentile(&warm, 0.9),
            warm.len()
        )
    };
    println!(
        "first render (navigation -> Overview painted): cold p50 {:.0} ms (min {:.0}, max {:.0}; \
         {COLD_BROWSERS} fresh browsers); {} (budget {BUDGET_MS:.0} ms)",
        percentile(&cold, 0.5),
        cold.first().copied().unwrap_or(f64::NAN),
        cold.last().copied().unwrap_or(f64::NAN),
        summary(&format!("{RUNS} loads"), &done)
    );
    println!("  of which {}", summary("app's rAF mark", &painted));
    let cold_runs: Vec<String> = timeline
        .iter()
        .map(|(wasm, start, built, done)| format!("{wasm:.0}/{start:.0}/{built:.0}/{done:.0}"))
        .collect();
    println!(
        "  cold loads, WASM fetched / app started / Overview built / painted (ms): {}",
        cold_runs.join(", ")
    );
    println!("  and {}", summary("first contentful paint", &fcp));
    Ok(())
}

/// Loads `url` and returns when the Overview's paint mark and the first
/// contentful paint happened (NaN for one Chromium did not report).
async fn load(browser: &Browser, url: &str) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    browser.client.goto(url).await?;
    let t = browser
        .wait_for(
            "Overview painted mark",
            MARK_SCRIPT,
            Duration::from_secs(20),
        )
        .await?;
    let f = browser.client.execute(FCP_SCRIPT, vec![]).await?;
    Ok((
        t.as_f64().unwrap_or(f64::NAN),
        f.as_f64().unwrap_or(f64::NAN),
    ))
}
