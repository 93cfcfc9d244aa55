//! The Overview's diagram: the pool and Exchange as two nodes, and an arrow
//! per direction of the trust, coloured by the findings that concern it.
//! Tokens flow along the arrows: Exchange → Skype is Exchange calling Skype,
//! which Skype accepts only if it trusts Exchange's published certificate,
//! so that arrow takes the colour of the Exchange side's findings.

use s2s_core::analysis::SideAnalysis;
use s2s_core::findings::{Finding, Severity, worst};
use s2s_core::topology::{Side, Topology};

use super::severity_class;
use crate::html::Html;
use crate::i18n::{tr, trn};
use crate::workspace::Diagnosis;

/// How one direction stands.
pub struct Direction {
    pub severity: Option<Severity>,
    pub label: String,
}

/// One direction of the trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    /// Skype accepts Exchange's tokens: Exchange's document and certificate.
    SkypeTrustsExchange,
    /// Exchange accepts Skype's tokens: Skype's document and certificate,
    /// and what the live probe says Exchange trusts.
    ExchangeTrustsSkype,
}

fn concerns(f: &Finding, arrow: Arrow) -> bool {
    let probe = f.id.starts_with("S2S-PROBE-");
    match arrow {
        Arrow::SkypeTrustsExchange => !probe && matches!(f.side, Side::Exchange | Side::Both),
        Arrow::ExchangeTrustsSkype => probe || matches!(f.side, Side::Skype | Side::Both),
    }
}

/// The worst finding concerning a direction.
pub fn direction(findings: &[Finding], arrow: Arrow, fetched: bool) -> Option<Severity> {
    if !fetched {
        return None;
    }
    let concerned: Vec<Finding> = findings
        .iter()
        .filter(|f| concerns(f, arrow))
        .cloned()
        .collect();
    // Notes (a hybrid issuer also trusted, say) do not colour an arrow.
    Some(match worst(&concerned) {
        Severity::Info => Severity::Pass,
        s => s,
    })
}

/// "cert: 300 days left" for the side's soonest-expiring signing certificate.
pub fn expiry(side: &SideAnalysis, now: s2s_core::time::UnixTime) -> Option<String> {
    let soonest = side
        .certificates()
        .map(|(_, c)| &c.summary)
        .min_by_key(|c| c.not_after)?;
    Some(if soonest.is_expired(now) {
        match soonest.days_since_expiry(now) {
            0 => tr("cert expired today").to_string(),
            ago => trn(ago, "cert expired {} day ago", "cert expired {} days ago"),
        }
    } else {
        trn(
            soonest.days_left(now),
            "cert: {} day left",
            "cert: {} days left",
        )
    })
}

fn node(h: &mut Html, x: &str, title: &str, host: &str, expiry: &str) {
    h.open("g", &[("class", "node")])
        .open(
            "rect",
            &[
                ("x", x),
                ("y", "60"),
                ("width", "200"),
                ("height", "100"),
                ("rx", "12"),
            ],
        )
        .close("rect");
    let cx = (x.parse::<u32>().unwrap_or(0) + 100).to_string();
    h.el(
        "text",
        &[("x", &cx), ("y", "95"), ("class", "node-title")],
        title,
    )
    .el(
        "text",
        &[("x", &cx), ("y", "118"), ("class", "node-host")],
        host,
    )
    .el(
        "text",
        &[("x", &cx), ("y", "140"), ("class", "node-expiry")],
        expiry,
    )
    .close("g");
}

/// An arrow between the nodes, with its label at `label_y`.
fn arrow(h: &mut Html, y: &str, label_y: &str, reverse: bool, d: &Direction) {
    let class = format!("arrow {}", d.severity.map_or("sev-unknown", severity_class));
    let (x1, x2) = if reverse {
        ("505", "215")
    } else {
        ("215", "505")
    };
    h.open("g", &[("class", &class)])
        .open(
            "line",
            &[
                ("x1", x1),
                ("y1", y),
                ("x2", x2),
                ("y2", y),
                ("marker-end", "url(#arrowhead)"),
            ],
        )
        .close("line")
        .el(
            "text",
            &[("x", "360"), ("y", label_y), ("class", "arrow-label")],
            &d.label,
        )
        .close("g");
}

/// The SVG, with a title and description for screen readers.
pub fn svg(
    skype_host: &str,
    exchange_host: &str,
    skype_expiry: &str,
    exchange_expiry: &str,
    exchange_to_skype: &Direction,
    skype_to_exchange: &Direction,
) -> String {
    let mut h = Html::new();
    let desc = format!(
        "Skype for Business pool {skype_host}, Exchange {exchange_host}. {}: {}. {}: {}.",
        exchange_to_skype.label,
        exchange_to_skype
            .severity
            .map_or("not checked yet", |s| s.label()),
        skype_to_exchange.label,
        skype_to_exchange
            .severity
            .map_or("not checked yet", |s| s.label()),
    );
    h.open(
        "svg",
        &[("viewBox", "0 50 720 150"), ("role", "img"), ("aria-labelledby", "diagram-title diagram-desc"), ("class", "trust-diagram")],
    )
    .el("title", &[("id", "diagram-title")], tr("Trust diagram"))
    .el("desc", &[("id", "diagram-desc")], &desc)
    .trusted(
        "<defs><marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"14\" markerHeight=\"14\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker></defs>",
    );
    node(
        &mut h,
        "10",
        tr("Skype for Business"),
        skype_host,
        skype_expiry,
    );
    node(
        &mut h,
        "510",
        tr("Exchange"),
        exchange_host,
        exchange_expiry,
    );
    arrow(&mut h, "100", "88", true, exchange_to_skype);
    arrow(&mut h, "150", "175", false, skype_to_exchange);
    h.close("svg");
    h.finish()
}

/// The diagram of a diagnosis: both nodes with their hosts and certificate
/// expiry, both arrows coloured by the findings that concern them.
pub fn for_diagnosis(d: &Diagnosis, topology: &Topology) -> String {
    let unnamed = tr("not known yet");
    let expiry = |side| expiry(side, d.now).unwrap_or_default();
    let arrow = |arrow, label| Direction {
        severity: direction(&d.findings, arrow, d.fetched),
        label: tr(label).to_string(),
    };
    svg(
        topology.skype_host().unwrap_or(unnamed),
        topology.exchange_host().unwrap_or(unnamed),
        &expiry(&d.analyses.skype),
        &expiry(&d.analyses.exchange),
        &arrow(Arrow::SkypeTrustsExchange, "Skype trusts Exchange"),
        &arrow(Arrow::ExchangeTrustsSkype, "Exchange trusts Skype"),
    )
}
