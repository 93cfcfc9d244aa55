//! The watch: every configured deployment checked on an interval, as `s2s
//! check` checks one (both documents, the live trust probe, the same
//! diagnosis), through the server's guarded fetcher. `/metrics` reports the
//! last round; a scrape never starts one. A demo scenario switch does, at
//! once, abandoning a round under way (its finished deployments are kept).

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;

use crate::deployment::Deployment;
use crate::fetch::FetchConfig;
use crate::metrics::{LastWatches, Metrics, Watched};

/// The fetches one deployment's check sends at once: both documents and
/// the probe. It holds that many of the server's fetch slots (all of them
/// on a server configured with fewer).
const FETCHES_PER_CHECK: usize = 3;

#[derive(Debug)]
pub struct Watch {
    deployments: Vec<Deployment>,
    interval: Duration,
    fetch: FetchConfig,
    /// The server's fetch slots, shared with the console's requests.
    slots: Arc<Semaphore>,
    /// How many of them one check holds.
    per_check: u32,
    /// Deployments checked at once: half the slots' worth, so the console's
    /// own fetches still find free slots during a round; but at least one,
    /// so a server allowed fewer than six fetches at once lends all of
    /// three of them (or all it has) to a check while it runs.
    at_once: Arc<Semaphore>,
    last: Arc<LastWatches>,
    metrics: Metrics,
    round_now: Notify,
}

/// What one round took.
#[derive(Debug, Clone, Copy)]
pub struct RoundFigures {
    pub deployments: usize,
    pub elapsed: Duration,
}

impl Watch {
    pub fn new(
        deployments: Vec<Deployment>,
        interval: Duration,
        fetch: FetchConfig,
        slots: Arc<Semaphore>,
        max_concurrent_fetches: usize,
    ) -> Arc<Watch> {
        let last = Arc::new(LastWatches::new(deployments.iter().map(|d| d.name.clone())));
        let max = max_concurrent_fetches.max(1);
        let at_once = (max / 2 / FETCHES_PER_CHECK).max(1);
        // Never more than there are: waiting for them would wait forever.
        let per_check = u32::try_from(FETCHES_PER_CHECK.min(max)).unwrap_or(1);
        Arc::new(Watch {
            deployments,
            interval,
            fetch,
            slots,
            per_check,
            at_once: Arc::new(Semaphore::new(at_once)),
            metrics: Metrics::new(last.clone()),
            last,
            round_now: Notify::new(),
        })
    }

    pub fn deployments(&self) -> &[Deployment] {
        &self.deployments
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }

    pub fn last(&self) -> &LastWatches {
        &self.last
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Starts a round now (after a demo scenario switch).
    pub fn round_now(&self) {
        self.round_now.notify_one();
    }

    /// Watches until the process ends: a round, then the interval or an
    /// early call, then the next.
    pub async fn run(self: Arc<Self>) {
        loop {
            tokio::select! {
                figures = self.clone().round() => {
                    tracing::info!(
                        deployments = figures.deployments,
                        ms = figures.elapsed.as_millis() as u64,
                        "watch round finished"
                    );
                    tokio::select! {
                        () = tokio::time::sleep(self.interval) => {}
                        () = self.round_now.notified() => {}
                    }
                }
                () = self.round_now.notified() => {
                    tracing::info!("watch round restarted");
                }
            }
        }
    }

    /// Checks every deployment once, recording each as it finishes.
    pub async fn round(self: Arc<Self>) -> RoundFigures {
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for index in 0..self.deployments.len() {
            let watch = self.clone();
            tasks.spawn(async move { watch.check(index).await });
        }
        while tasks.join_next().await.is_some() {}
        RoundFigures {
            deployments: self.deployments.len(),
            elapsed: started.elapsed(),
        }
    }

    async fn check(&self, index: usize) {
        let Some(d) = self.deployments.get(index) else {
            return;
        };
        // The semaphores are never closed, so acquiring only fails if they
        // were; then the check is skipped rather than run unbounded.
        let Ok(_turn) = self.at_once.acquire().await else {
            return;
        };
        let Ok(_slots) = self.slots.acquire_many(self.per_check).await else {
            return;
        };
        let now = crate::clock::now();
        let checked =
            crate::check::run_watched(d.topology.clone(), &self.fetch, now, Some(&d.probe_host))
                .await;
        for (side, seconds) in checked.fetch_seconds {
            self.metrics.observe_fetch(&d.name, side, seconds);
        }
        tracing::debug!(deployment = %d.name, verdict = ?checked.report.verdict, "watched");
        self.last.record(
            &d.name,
            Watched {
                checked_at: crate::clock::now(),
                status: checked.status,
            },
        );
    }
}
