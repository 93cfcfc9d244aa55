//! The session's shared state: the topology as typed (kept in local storage),
//! the command plan's fields, both fetches, and the diagnosis derived from
//! them. Every page reads it; only the Topology and Commands pages write.

use leptos::prelude::*;
use leptos::task::spawn_local;
use s2s_core::analysis::SideAnalysis;
use s2s_core::api::FetchReport;
use s2s_core::commands::RawPlanInput;
use s2s_core::decode;
use s2s_core::exchange_trust;
use s2s_core::findings::{self, Analyses, Finding};
use s2s_core::report::{REPORT_VERSION, RecordedFetch, RecordedFinding, Snapshot};
use s2s_core::testout::{self, Context};
use s2s_core::time::UnixTime;
use s2s_core::topology::{FetchOutcome, Observations, Side};
use s2s_core::topology_form::{CheckedTopology, TopologyForm};

use crate::api::{self, ApiError};
use crate::browser::local_storage;

const STORAGE_KEY: &str = "s2s.topology";
/// Abort slots: Skype's fetch, Exchange's fetch, the probe.
const PROBE_SLOT: usize = 2;

/// One side's fetch through the proxy.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchState {
    Idle,
    Loading,
    Done(Result<FetchReport, ApiError>),
}

impl FetchState {
    /// As a report records it.
    pub fn recorded(&self) -> Option<RecordedFetch> {
        match self {
            FetchState::Done(Ok(r)) => Some(RecordedFetch::Report(Box::new(r.clone()))),
            FetchState::Done(Err(e)) => Some(RecordedFetch::Error(e.to_string())),
            _ => None,
        }
    }

    /// As a report recorded it.
    pub fn from_recorded(r: Option<&RecordedFetch>) -> FetchState {
        match r {
            Some(RecordedFetch::Report(r)) => FetchState::Done(Ok((**r).clone())),
            Some(RecordedFetch::Error(e)) => FetchState::Done(Err(ApiError::Recorded(e.clone()))),
            None => FetchState::Idle,
        }
    }

    /// What the remote server answered. An error of the s2s server itself
    /// (it refused the fetch, could not be reached, or a newer request
    /// replaced this one) says nothing about the remote server: that side
    /// is not checked (see [`SideCheck`]).
    fn outcome(&self) -> Option<FetchOutcome> {
        match self {
            FetchState::Done(Ok(report)) => Some(report.outcome()),
            _ => None,
        }
    }

    pub fn report(&self) -> Option<&FetchReport> {
        match self {
            FetchState::Done(Ok(report)) => Some(report),
            _ => None,
        }
    }
}

/// Whether a side's document was checked, and if not, why.
#[derive(Debug, Clone, PartialEq)]
pub enum SideCheck {
    /// The s2s server fetched it (whatever the remote server answered).
    Checked,
    NotFetched,
    Loading,
    /// The s2s server did not fetch it: its own message.
    NotDone(String),
}

impl SideCheck {
    fn of(state: &FetchState) -> SideCheck {
        match state {
            FetchState::Idle => SideCheck::NotFetched,
            FetchState::Loading => SideCheck::Loading,
            FetchState::Done(Ok(_)) => SideCheck::Checked,
            FetchState::Done(Err(e)) => SideCheck::NotDone(e.to_string()),
        }
    }
}

/// Both sides read, and every finding.
#[derive(Debug, PartialEq)]
pub struct Diagnosis {
    /// Both sides as read (what the test-output reader compares with too).
    pub analyses: Analyses,
    pub findings: Vec<Finding>,
    /// At least one side was fetched: findings mean something.
    pub fetched: bool,
    /// Each side's fetch: a direction is judged only once the document it
    /// rests on was checked.
    pub skype_check: SideCheck,
    pub exchange_check: SideCheck,
    pub now: UnixTime,
}

impl Diagnosis {
    /// Both sides read from the fetches, and every finding at `now`.
    pub fn compute(
        checked: &CheckedTopology,
        skype: &FetchState,
        exchange: &FetchState,
        probe: &FetchState,
        now: UnixTime,
    ) -> Diagnosis {
        let topology = &checked.topology;
        let observations = Observations {
            skype: skype.outcome(),
            exchange: exchange.outcome(),
        };
        let fetched = observations.skype.is_some() || observations.exchange.is_some();
        let both = findings::analyze_both(topology, &observations);
        let mut found = if fetched {
            findings::diagnose_analyses(topology, &both, now)
        } else {
            Vec::new()
        };
        let context = Context {
            analyses: Some(&both),
            sip_domain: topology.sip_domain.as_deref(),
            skype_metadata_url: None,
        };
        // The live probe: which issuers Exchange trusts right now.
        if let Some(report) = probe.report() {
            let facts = exchange_trust::read(report);
            found.extend(exchange_trust::diagnose(&facts, &context));
        }
        // Skype's realm against the accepted domains pasted on the Topology page.
        if fetched {
            found.extend(testout::realm_accepted(&checked.accepted_domains, &context));
        }
        findings::sort(&mut found);
        let fetched = fetched || probe.report().is_some();
        Diagnosis {
            analyses: both,
            findings: found,
            fetched,
            skype_check: SideCheck::of(skype),
            exchange_check: SideCheck::of(exchange),
            now,
        }
    }

    pub fn side(&self, side: Side) -> &SideAnalysis {
        match side {
            Side::Exchange => &self.analyses.exchange,
            _ => &self.analyses.skype,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub form: RwSignal<TopologyForm>,
    pub checked: Memo<CheckedTopology>,
    pub plan: RwSignal<RawPlanInput>,
    pub skype: RwSignal<FetchState>,
    pub exchange: RwSignal<FetchState>,
    /// The live trust probe of Exchange's EWS.
    pub probe: RwSignal<FetchState>,
    pub diagnosis: Memo<Diagnosis>,
    /// Pasted command output on the Test results page.
    pub pastes: RwSignal<Vec<String>>,
    /// What the Certificates page inspects: pasted text, and a chosen or
    /// dropped file's bytes (or why it could not be read). Kept here, as
    /// the pastes are, so another page or language does not lose them.
    pub inspect_paste: RwSignal<String>,
    pub inspect_file: RwSignal<Option<Result<Vec<u8>, String>>>,
    /// The report opened on the Report page (or why it could not be).
    pub opened_report: RwSignal<Option<Result<Snapshot, String>>>,
    /// The fetch in flight per side, aborted when a newer one starts.
    aborts: StoredValue<[Option<web_sys::AbortController>; 3], LocalStorage>,
}

pub fn now() -> UnixTime {
    UnixTime((js_sys::Date::now() / 1000.0) as i64)
}

impl Workspace {
    /// Creates the workspace, restores the saved topology and provides it.
    pub fn provide() -> Workspace {
        let saved = local_storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| decode::from_str::<TopologyForm>(&text).ok())
            .unwrap_or_default();
        let form = RwSignal::new(saved);
        let checked = Memo::new(move |_| form.with(TopologyForm::check));
        let skype = RwSignal::new(FetchState::Idle);
        let exchange = RwSignal::new(FetchState::Idle);
        let probe = RwSignal::new(FetchState::Idle);
        let diagnosis = Memo::new(move |_| {
            skype.with(|s| {
                exchange.with(|e| {
                    probe.with(|p| checked.with(|c| Diagnosis::compute(c, s, e, p, now())))
                })
            })
        });
        Effect::new(move |_| {
            if let (Some(s), Ok(text)) = (local_storage(), form.with(serde_json::to_string)) {
                let _ = s.set_item(STORAGE_KEY, &text);
            }
        });
        let ws = Workspace {
            form,
            checked,
            plan: RwSignal::new(RawPlanInput::default()),
            skype,
            exchange,
            probe,
            diagnosis,
            pastes: RwSignal::new(vec![String::new()]),
            inspect_paste: RwSignal::new(String::new()),
            inspect_file: RwSignal::new(None),
            opened_report: RwSignal::new(None),
            aborts: StoredValue::new_local([None, None, None]),
        };
        // A result belongs to the URL it was fetched from: once the topology
        // names another, it would show one server's document under another's
        // name, so it goes (and a fetch in flight stops).
        Effect::new(move |previous: Option<(Option<String>, Option<String>)>| {
            let urls = checked.with(|c| {
                (
                    c.topology.skype_metadata_url.clone(),
                    c.topology.exchange_metadata_url.clone(),
                )
            });
            if let Some((skype_was, exchange_was)) = previous {
                if skype_was != urls.0 {
                    ws.forget(0, skype);
                }
                if exchange_was != urls.1 {
                    ws.forget(1, exchange);
                    ws.forget(PROBE_SLOT, probe);
                }
            }
            urls
        });
        provide_context(ws);
        ws
    }

    /// Stops the request in flight in `slot`, if any.
    fn cancel(&self, slot: usize) {
        self.aborts.update_value(|a| {
            if let Some(old) = a[slot].take() {
                old.abort();
            }
        });
    }

    /// Stops the request in `slot` and forgets its result.
    fn forget(&self, slot: usize, state: RwSignal<FetchState>) {
        self.cancel(slot);
        if state.with_untracked(|s| !matches!(s, FetchState::Idle)) {
            state.set(FetchState::Idle);
        }
    }

    /// Skype's fetched document publishes no usable signing certificate
    /// (tracked).
    pub fn skype_key_missing(&self) -> bool {
        self.diagnosis
            .with(|d| d.analyses.skype.publishes_no_usable_key(d.now))
    }

    /// The Commands page's fields with what the fetched documents say: when
    /// Skype publishes no usable certificate, the plan assigns Skype's
    /// OAuthTokenIssuer certificate first (tracked).
    pub fn plan_input(&self) -> RawPlanInput {
        let mut raw = self.plan.get();
        raw.oauth_certificate_missing |= self.skype_key_missing();
        raw
    }

    pub fn fetch_state(&self, side: Side) -> RwSignal<FetchState> {
        match side {
            Side::Exchange => self.exchange,
            _ => self.skype,
        }
    }

    /// Opens a deployment the server watches: its names in the topology
    /// (the pasted outputs kept only when it is the deployment already
    /// shown), then both documents and the probe fetched.
    pub async fn open_watched(&self, d: &s2s_core::api::WatchedDeployment) {
        let same = self
            .form
            .with_untracked(|f| f.pool.trim() == d.pool && f.exchange.trim() == d.exchange);
        let mut form = if same {
            self.form.get_untracked()
        } else {
            TopologyForm::default()
        };
        form.pool.clone_from(&d.pool);
        form.exchange.clone_from(&d.exchange);
        form.sip_domain = d.sip_domain.clone().unwrap_or_default();
        form.exchange_servers = d.exchange_servers.join(", ");
        self.form.set(form);
        // The effect that forgets results fetched for other URLs runs
        // first, so it cannot cancel these fetches.
        leptos::task::tick().await;
        self.fetch_both();
    }

    /// Fetches both documents (each side whose URL is known).
    pub fn fetch_both(&self) {
        self.fetch(Side::Skype);
        self.fetch(Side::Exchange);
        self.probe_exchange();
    }

    /// Asks Exchange's EWS which issuers it trusts (the host of Exchange's
    /// metadata URL), cancelling a probe in flight.
    pub fn probe_exchange(&self) {
        let host = self
            .checked
            .with_untracked(|c| c.topology.exchange_host().map(str::to_string));
        if let Some(host) = host {
            self.start(PROBE_SLOT, self.probe, move |signal| async move {
                api::probe_report(&host, signal.as_ref()).await
            });
        }
    }

    /// Fetches one side's document, cancelling that side's fetch in flight.
    pub fn fetch(&self, side: Side) {
        let url = self.checked.with_untracked(|c| match side {
            Side::Exchange => c.topology.exchange_metadata_url.clone(),
            _ => c.topology.skype_metadata_url.clone(),
        });
        if let Some(url) = url {
            let slot = usize::from(side == Side::Exchange);
            self.start(slot, self.fetch_state(side), move |signal| async move {
                api::fetch_report(&url, signal.as_ref()).await
            });
        }
    }

    /// Runs a request into `state`, aborting the one in flight in `slot`.
    /// A superseded request leaves the state to the newer one.
    fn start<F, Fut>(&self, slot: usize, state: RwSignal<FetchState>, request: F)
    where
        F: FnOnce(Option<web_sys::AbortSignal>) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<FetchReport, ApiError>> + 'static,
    {
        let controller = web_sys::AbortController::new().ok();
        self.cancel(slot);
        self.aborts
            .update_value(|a| a[slot].clone_from(&controller));
        state.set(FetchState::Loading);
        spawn_local(async move {
            let result = request(controller.as_ref().map(|c| c.signal())).await;
            if result != Err(ApiError::Cancelled) {
                state.set(FetchState::Done(result));
            }
        });
    }

    /// Everything shown now, as a report.
    pub fn snapshot(&self, console_version: &str) -> Snapshot {
        Snapshot {
            version: REPORT_VERSION,
            generated_at: now(),
            console_version: console_version.to_string(),
            topology: self.form.get_untracked(),
            skype: self.skype.with_untracked(FetchState::recorded),
            exchange: self.exchange.with_untracked(FetchState::recorded),
            probe: self.probe.with_untracked(FetchState::recorded),
            pastes: self
                .pastes
                .get_untracked()
                .into_iter()
                .filter(|p| !p.trim().is_empty())
                .collect(),
            plan: Some(self.plan.get_untracked()),
            findings: self
                .diagnosis
                .with_untracked(|d| d.findings.iter().map(RecordedFinding::from).collect()),
        }
    }
}
