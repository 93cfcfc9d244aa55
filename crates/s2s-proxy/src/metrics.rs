//! `GET /metrics` and `s2s check --format prometheus`: the last watch of each
//! deployment in the OpenMetrics text format, written by the official
//! `prometheus-client` crate. The gauges are read from the last watches at
//! each scrape (a collector), so a scrape reports what was seen and never
//! makes the server fetch; fetch durations accumulate in a histogram.

use std::sync::{Arc, RwLock};

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use s2s_core::time::UnixTime;
use s2s_core::topology::Side;
use s2s_core::trust_status::TrustStatus;

/// The content type of the exposition.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// One deployment's last watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    pub checked_at: UnixTime,
    pub status: TrustStatus,
}

/// Every watched deployment by name, in the config file's order, with its
/// last watch once one finished.
#[derive(Debug, Default)]
pub struct LastWatches {
    entries: RwLock<Vec<(String, Option<Watched>)>>,
}

impl LastWatches {
    pub fn new(names: impl IntoIterator<Item = String>) -> LastWatches {
        LastWatches {
            entries: RwLock::new(names.into_iter().map(|n| (n, None)).collect()),
        }
    }

    pub fn record(&self, name: &str, watched: Watched) {
        // A poisoned lock only means a writer panicked mid-update; the
        // entries are whole values, so they are still sound.
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = entries.iter_mut().find(|(n, _)| n == name) {
            entry.1 = Some(watched);
        }
    }

    /// A copy of every entry, taken at once.
    pub fn snapshot(&self) -> Vec<(String, Option<Watched>)> {
        self.entries
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FetchLabels {
    deployment: String,
    side: &'static str,
}

fn fetch_histogram() -> Histogram {
    // 5 ms to 10 s: a document on the local network to the fetch time limit.
    Histogram::new(exponential_buckets(0.005, 2.0, 12))
}

/// The exposition: the last watches and the fetch durations.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    durations: Family<FetchLabels, Histogram, fn() -> Histogram>,
}

impl Metrics {
    pub fn new(last: Arc<LastWatches>) -> Metrics {
        let mut registry = Registry::default();
        let durations: Family<FetchLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(fetch_histogram);
        registry.register_with_unit(
            "s2s_fetch_duration",
            "Time each metadata document's fetch took, by deployment and side",
            Unit::Seconds,
            durations.clone(),
        );
        registry.register_collector(Box::new(LastWatchCollector(last)));
        Metrics {
            registry,
            durations,
        }
    }

    pub fn observe_fetch(&self, deployment: &str, side: Side, seconds: f64) {
        self.durations
            .get_or_create(&FetchLabels {
                deployment: deployment.to_string(),
                side: side.id(),
            })
            .observe(seconds);
    }

    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)?;
        Ok(out)
    }
}

#[derive(Debug)]
struct LastWatchCollector(Arc<LastWatches>);

const SIDES: [Side; 2] = [Side::Skype, Side::Exchange];

impl Collector for LastWatchCollector {
    fn encode(&self, mut encoder: DescriptorEncoder<'_>) -> Result<(), std::fmt::Error> {
        let entries = self.0.snapshot();
        let watched: Vec<(&str, &Watched)> = entries
            .iter()
            .filter_map(|(name, w)| Some((name.as_str(), w.as_ref()?)))
            .collect();
        let mut family = encoder.encode_descriptor(
            "s2s_document_up",
            "1 when the side's metadata document was fetched and read at the last watch.",
            None,
            MetricType::Gauge,
        )?;
        for (name, w) in &watched {
            for side in SIDES {
                let labels = [("deployment", *name), ("side", side.id())];
                family
                    .encode_family(&labels)?
                    .encode_gauge(&i64::from(w.status.document_up(side)))?;
            }
        }
        let seconds = Unit::Seconds;
        let mut family = encoder.encode_descriptor(
            "s2s_certificate_not_after_timestamp",
            "When each published signing certificate (source=metadata) and each server's TLS certificate (source=tls) expires, Unix time.",
            Some(&seconds),
            MetricType::Gauge,
        )?;
        for (name, w) in &watched {
            for c in &w.status.certificates {
                let labels = [
                    ("deployment", *name),
                    ("side", c.side.id()),
                    ("source", c.source.id()),
                    ("thumbprint", c.thumbprint.as_str()),
                ];
                family
                    .encode_family(&labels)?
                    .encode_gauge(&c.not_after.0)?;
            }
        }
        let mut family = encoder.encode_descriptor(
            "s2s_trust_ok",
            "1 when no failure concerns this direction of the trust at the last watch.",
            None,
            MetricType::Gauge,
        )?;
        for (name, w) in &watched {
            for t in &w.status.trust {
                let labels = [("deployment", *name), ("direction", t.direction.id())];
                family
                    .encode_family(&labels)?
                    .encode_gauge(&i64::from(t.ok))?;
            }
        }
        let mut family = encoder.encode_descriptor(
            "s2s_findings",
            "Findings of the last watch by side and severity.",
            None,
            MetricType::Gauge,
        )?;
        for (name, w) in &watched {
            for f in &w.status.findings {
                let labels = [
                    ("deployment", *name),
                    ("side", f.side.id()),
                    ("severity", f.severity.label()),
                ];
                family
                    .encode_family(&labels)?
                    .encode_gauge(&i64::from(f.count))?;
            }
        }
        let mut family = encoder.encode_descriptor(
            "s2s_last_check_timestamp",
            "When the deployment's last watch finished, Unix time.",
            Some(&seconds),
            MetricType::Gauge,
        )?;
        for (name, w) in &watched {
            family
                .encode_family(&[("deployment", *name)])?
                .encode_gauge(&w.checked_at.0)?;
        }
        Ok(())
    }
}

/// The exposition of one check (`s2s check --format prometheus`): the same
/// families as `/metrics`, for one deployment.
pub fn one_check(
    deployment: &str,
    checked: &crate::check::Checked,
    checked_at: UnixTime,
) -> Result<String, std::fmt::Error> {
    let last = Arc::new(LastWatches::new([deployment.to_string()]));
    last.record(
        deployment,
        Watched {
            checked_at,
            status: checked.status.clone(),
        },
    );
    let metrics = Metrics::new(last);
    for (side, seconds) in checked.fetch_seconds {
        metrics.observe_fetch(deployment, side, seconds);
    }
    metrics.encode()
}

/// `GET /metrics`: the last watches. Nothing is fetched to answer.
pub async fn scrape(
    axum::extract::State(state): axum::extract::State<crate::server::AppState>,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    match state.watch().metrics().encode() {
        Ok(text) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response(),
        // Writing to a String cannot fail; were it to, say so plainly.
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the metrics could not be written\n",
        )
            .into_response(),
    }
}
