//! Benchmark: navigation start → Overview painted, in headless Chromium, against
//! the real `s2s serve --demo` and the release build. Prints figures; asserts
//! nothing about time (the budget is 300 ms).
//!
//! Three kinds of load, because they measure different things:
//! - first visit: a browser that is already running, nothing of the app in
//!   its caches. Every load comes from a new `s2s` on another loopback
//!   address, so a site the browser has not seen: a new renderer, and nothing
//!   in the HTTP cache or V8's code cache for it. What an admin sees the
//!   first time they open the console;
//! - repeat visit: the same page again in the same browser (cached);
//! - fresh browser: the first load in a newly started Chromium, which also
//!   pays for Chromium's own start (its renderer, fonts, compositor). How
//!   much that is shows in the same measure of a static page (the app's
//!   stylesheet and a few lines of text, no script) in fresh browsers.

use std::time::Duration;

use s2s_e2e::{Browser, Server, dist_dir};

const RUNS: usize = 15;
/// Fresh browsers: one such load is a noisy sample.
const FRESH_BROWSERS: usize = 5;
const FIRST_VISITS: usize = 8;
const BUDGET_MS: f64 = 300.0;

const MARK_SCRIPT: &str = "const m = performance.getEntriesByName('s2s:overview-painted'); \
     return m.length ? m[0].startTime : null;";
/// Where a load's time goes: the WASM fetched, the app's code started (the
/// WASM compiled and instantiated), the Overview built; and how many bytes
/// the WASM took over the network (0 when it came from a cache).
const TIMELINE_SCRIPT: &str = "const r = performance.getEntriesByType('resource'); \
     const wasm = r.find(e => e.name.endsWith('.wasm')); \
     const at = n => { const m = performance.getEntriesByName(n); return m.length ? m[0].startTime : null; }; \
     return [wasm ? wasm.responseEnd : null, at('s2s:app-started'), at('s2s:overview-built'), \
             wasm ? wasm.transferSize : null];";
const FCP_SCRIPT: &str = "const p = performance.getEntriesByName('first-contentful-paint'); \
     return p.length ? p[0].startTime : null;";

/// One load: when the app's paint mark and Chromium's first contentful paint
/// happened, and the timeline (NaN where Chromium reported nothing).
struct Load {
    mark: f64,
    fcp: f64,
    wasm_in: f64,
    started: f64,
    built: f64,
    wasm_bytes: f64,
}

impl Load {
    /// The mark fires two animation frames after mounting; in headless
    /// Chromium the paint itself can come later, so a load counts until both
    /// happened.
    fn painted(&self) -> f64 {
        self.mark.max(self.fcp)
    }

    fn timeline(&self) -> String {
        format!(
            "{:.0}/{:.0}/{:.0}/{:.0}",
            self.wasm_in,
            self.started,
            self.built,
            self.painted()
        )
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

/// "p50 X ms (min, max)" of the loads' paint times.
fn summary(loads: &[Load]) -> String {
    let mut t: Vec<f64> = loads
        .iter()
        .map(Load::painted)
        .filter(|v| !v.is_nan())
        .collect();
    t.sort_by(f64::total_cmp);
    format!(
        "p50 {:.0} ms (min {:.0}, p90 {:.0}, max {:.0}; {} loads)",
        percentile(&t, 0.5),
        t.first().copied().unwrap_or(f64::NAN),
        percentile(&t, 0.9),
        t.last().copied().unwrap_or(f64::NAN),
        t.len()
    )
}

fn timelines(loads: &[Load]) -> String {
    loads
        .iter()
        .map(Load::timeline)
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // First visits: one running browser, a new server (site) per load. The
    // browser's first load is its own start, so it is left out.
    let browser = Browser::start().await?;
    let mut first = Vec::new();
    for i in 0..=FIRST_VISITS {
        // Each on its own loopback address: a site the browser has not seen.
        let ip = format!("127.0.0.{}", i + 2);
        let server = Server::start_serving(&ip, &dist_dir(), &["--demo"]).await?;
        let load = load(&browser, &server.url("/")).await?;
        if load.wasm_bytes == 0.0 {
            return Err(
                "a first visit took the WASM from a cache: the figure would be wrong".into(),
            );
        }
        if i > 0 {
            first.push(load);
        }
    }
    // Repeat visits: the same page again and again in that browser.
    let server = Server::start(&["--demo"]).await?;
    let url = server.url("/");
    let mut repeat = Vec::new();
    for i in 0..=RUNS {
        let load = load(&browser, &url).await?;
        if i > 0 {
            repeat.push(load);
        }
    }
    browser.close().await;
    // Fresh browsers: each one's first load.
    let mut fresh = Vec::new();
    for _ in 0..FRESH_BROWSERS {
        let browser = Browser::start().await?;
        fresh.push(load(&browser, &url).await?);
        browser.close().await;
    }
    // The floor: a static page in fresh browsers.
    let page = static_page()?;
    let server = Server::start_serving("127.0.0.1", page.path(), &[]).await?;
    let mut floor = Vec::new();
    for _ in 0..FRESH_BROWSERS {
        let browser = Browser::start().await?;
        browser.client.goto(&server.url("/")).await?;
        let fcp = browser
            .wait_for(
                "first contentful paint",
                FCP_SCRIPT,
                Duration::from_secs(20),
            )
            .await?;
        floor.push(fcp.as_f64().unwrap_or(f64::NAN));
        browser.close().await;
    }
    floor.sort_by(f64::total_cmp);
    println!(
        "first render (navigation -> Overview painted; budget {BUDGET_MS:.0} ms):\n  \
         first visit (running browser, nothing cached): {}\n  \
         repeat visit: {}\n  \
         fresh browser (its first load): {}\n  \
         for scale, a static page's first contentful paint in a fresh browser: p50 {:.0} ms (min {:.0}, max {:.0})",
        summary(&first),
        summary(&repeat),
        summary(&fresh),
        percentile(&floor, 0.5),
        floor.first().copied().unwrap_or(f64::NAN),
        floor.last().copied().unwrap_or(f64::NAN),
    );
    println!(
        "  WASM fetched / app's code started / Overview built / painted (ms), first visits: {}",
        timelines(&first)
    );
    println!("  fresh browsers: {}", timelines(&fresh));
    let fcp_later = first
        .iter()
        .chain(&fresh)
        .filter(|l| l.fcp > l.mark)
        .count();
    println!(
        "  Chromium's first contentful paint came after the app's paint mark in {fcp_later} of {} uncached loads",
        first.len() + fresh.len()
    );
    Ok(())
}

async fn load(browser: &Browser, url: &str) -> Result<Load, Box<dyn std::error::Error>> {
    browser.client.goto(url).await?;
    let mark = browser
        .wait_for(
            "Overview painted mark",
            MARK_SCRIPT,
            Duration::from_secs(20),
        )
        .await?;
    let fcp = browser.client.execute(FCP_SCRIPT, vec![]).await?;
    let t = browser.client.execute(TIMELINE_SCRIPT, vec![]).await?;
    let at = |i: usize| t.get(i).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
    Ok(Load {
        mark: mark.as_f64().unwrap_or(f64::NAN),
        fcp: fcp.as_f64().unwrap_or(f64::NAN),
        wasm_in: at(0),
        started: at(1),
        built: at(2),
        wasm_bytes: at(3),
    })
}

/// A directory with a static page: the app's stylesheet and some text.
fn static_page() -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let css = std::fs::read_dir(dist_dir())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "css"))
        .ok_or("no stylesheet in the app's dist directory")?;
    std::fs::copy(&css, dir.path().join("main.css"))?;
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>S2S Console</title><link rel=\"stylesheet\" href=\"/main.css\"></head>\
         <body><header><h1>S2S Console</h1></header><main><h2>Overview</h2>\
         <p>Skype for Business trusts Exchange; Exchange trusts Skype for Business.</p></main></body></html>",
    )?;
    Ok(dir)
}
