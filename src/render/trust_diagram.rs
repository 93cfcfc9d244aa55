//! The Overview's diagram: the pool and Exchange as two nodes, and an arrow
//! per direction of the trust, coloured by the findings that concern it.
//! Tokens flow along the arrows: Exchange → Skype is Exchange calling Skype,
//! which Skype accepts only if it trusts Exchange's published certificate,
//! so that arrow takes the colour of the Exchange side's findings.

use s2s_core::analysis::{DocumentState, SideAnalysis};
use s2s_core::findings::{Finding, Severity, worst};
use s2s_core::topology::{Side, Topology};

use super::severity_class;
use crate::html::Html;
use crate::i18n::{tr, trf, trn};
use crate::workspace::{Diagnosis, SideCheck};

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

/// The worst finding concerning a direction; `None` until the document it
/// rests on (`checked`) was fetched.
pub fn direction(findings: &[Finding], arrow: Arrow, checked: bool) -> Option<Severity> {
    if !checked {
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

/// "cert: 300 days left" for the side's certificate that keeps the trust
/// going (the valid one lasting longest, as after a renewal), or else the
/// soonest-expiring one; "no certificate read" once its document was asked
/// for and gave none.
pub fn expiry(side: &SideAnalysis, now: s2s_core::time::UnixTime) -> String {
    let soonest = || {
        side.certificates()
            .map(|(_, c)| &c.summary)
            .min_by_key(|c| c.not_after)
    };
    let Some(shown) = side.longest_valid_certificate(now).or_else(soonest) else {
        return match side.state {
            DocumentState::NotFetched => String::new(),
            _ => tr("no certificate read").to_string(),
        };
    };
    if shown.is_expired(now) {
        match shown.days_since_expiry(now) {
            0 => tr("cert expired today").to_string(),
            ago => trn(ago, "cert expired {} day ago", "cert expired {} days ago"),
        }
    } else {
        trn(
            shown.days_left(now),
            "cert: {} day left",
            "cert: {} days left",
        )
    }
}

/// Where things go in one drawing of the diagram. Two drawings: side by side
/// for a wide column, one above the other for a phone, where the wide one
/// would shrink its text below reading size (the page shows one, by a
/// container query on the column's width).
struct Layout {
    name: &'static str,
    view_box: &'static str,
    /// Top-left corners of the Skype and the Exchange node.
    skype: (u32, u32),
    exchange: (u32, u32),
    node_width: u32,
    /// Each arrow from its tail to its head, and its label's anchor point and
    /// `text-anchor`: Exchange → Skype first.
    arrows: [Line; 2],
}

struct Line {
    from: (u32, u32),
    to: (u32, u32),
    label: (u32, u32),
    anchor: &'static str,
}

const WIDE: Layout = Layout {
    name: "wide",
    view_box: "0 50 720 150",
    skype: (10, 60),
    exchange: (510, 60),
    node_width: 200,
    arrows: [
        Line {
            from: (505, 100),
            to: (215, 100),
            label: (360, 88),
            anchor: "middle",
        },
        Line {
            from: (215, 150),
            to: (505, 150),
            label: (360, 175),
            anchor: "middle",
        },
    ],
};

const TALL: Layout = Layout {
    name: "tall",
    view_box: "0 0 320 330",
    skype: (10, 10),
    exchange: (10, 220),
    node_width: 300,
    arrows: [
        Line {
            from: (50, 215),
            to: (50, 115),
            label: (62, 152),
            anchor: "start",
        },
        Line {
            from: (270, 115),
            to: (270, 215),
            label: (258, 190),
            anchor: "end",
        },
    ],
};

const NODE_HEIGHT: u32 = 100;

fn node(h: &mut Html, at: (u32, u32), width: u32, lines: [&str; 3]) {
    let (x, y) = at;
    h.open("g", &[("class", "node")])
        .open(
            "rect",
            &[
                ("x", &x.to_string()),
                ("y", &y.to_string()),
                ("width", &width.to_string()),
                ("height", &NODE_HEIGHT.to_string()),
                ("rx", "12"),
            ],
        )
        .close("rect");
    let cx = (x + width / 2).to_string();
    for ((line, class), dy) in lines
        .iter()
        .zip(["node-title", "node-host", "node-expiry"])
        .zip([35, 58, 80])
    {
        h.el(
            "text",
            &[("x", &cx), ("y", &(y + dy).to_string()), ("class", class)],
            line,
        );
    }
    h.close("g");
}

fn arrow(h: &mut Html, line: &Line, marker: &str, d: &Direction) {
    let class = format!("arrow {}", d.severity.map_or("sev-unknown", severity_class));
    h.open("g", &[("class", &class)])
        .open(
            "line",
            &[
                ("x1", &line.from.0.to_string()),
                ("y1", &line.from.1.to_string()),
                ("x2", &line.to.0.to_string()),
                ("y2", &line.to.1.to_string()),
                ("marker-end", marker),
            ],
        )
        .close("line")
        .el(
            "text",
            &[
                ("x", &line.label.0.to_string()),
                ("y", &line.label.1.to_string()),
                ("text-anchor", line.anchor),
                ("class", "arrow-label"),
            ],
            &d.label,
        )
        .close("g");
}

/// What the diagram shows, the same in every layout.
struct Diagram<'a> {
    skype_host: &'a str,
    exchange_host: &'a str,
    skype_expiry: &'a str,
    exchange_expiry: &'a str,
    exchange_to_skype: &'a Direction,
    skype_to_exchange: &'a Direction,
}

/// One drawing; `desc` is what it shows, for screen readers.
fn drawing(h: &mut Html, d: &Diagram<'_>, desc: &str, layout: &Layout) {
    // Ids per layout: both drawings are in the page, one of them hidden.
    let title_id = format!("diagram-title-{}", layout.name);
    let desc_id = format!("diagram-desc-{}", layout.name);
    let marker_id = format!("arrowhead-{}", layout.name);
    h.open(
        "svg",
        &[
            ("viewBox", layout.view_box),
            ("role", "img"),
            ("aria-labelledby", &format!("{title_id} {desc_id}")),
            ("class", &format!("trust-diagram {}", layout.name)),
        ],
    )
    .el("title", &[("id", &title_id)], tr("Trust diagram"))
    .el("desc", &[("id", &desc_id)], desc)
    .trusted("<defs>")
    .open(
        "marker",
        &[
            ("id", &marker_id),
            ("viewBox", "0 0 10 10"),
            ("refX", "9"),
            ("refY", "5"),
            ("markerUnits", "userSpaceOnUse"),
            ("markerWidth", "14"),
            ("markerHeight", "14"),
            ("orient", "auto-start-reverse"),
        ],
    )
    .trusted("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker></defs>");
    node(
        h,
        layout.skype,
        layout.node_width,
        [tr("Skype for Business"), d.skype_host, d.skype_expiry],
    );
    node(
        h,
        layout.exchange,
        layout.node_width,
        [tr("Exchange"), d.exchange_host, d.exchange_expiry],
    );
    let marker = format!("url(#{marker_id})");
    arrow(h, &layout.arrows[0], &marker, d.exchange_to_skype);
    arrow(h, &layout.arrows[1], &marker, d.skype_to_exchange);
    h.close("svg");
}

/// The SVG drawings, with a title and description for screen readers.
fn svg(d: &Diagram<'_>) -> String {
    let status = |dir: &Direction| {
        dir.severity
            .map_or(tr("not checked yet"), |s| super::severity_word(s))
    };
    let desc = trf(
        "Skype for Business pool {}, Exchange {}. {}: {}. {}: {}.",
        &[
            d.skype_host,
            d.exchange_host,
            &d.exchange_to_skype.label,
            status(d.exchange_to_skype),
            &d.skype_to_exchange.label,
            status(d.skype_to_exchange),
        ],
    );
    let mut h = Html::new();
    h.open("div", &[("class", "trust-diagrams")]);
    drawing(&mut h, d, &desc, &WIDE);
    drawing(&mut h, d, &desc, &TALL);
    h.close("div");
    h.finish()
}

/// The diagram of a diagnosis: both nodes with their hosts and certificate
/// expiry, both arrows coloured by the findings that concern them.
pub fn for_diagnosis(d: &Diagnosis, topology: &Topology) -> String {
    let unnamed = tr("not known yet");
    // Skype trusts Exchange from Exchange's document, and the other way.
    let checked = |arrow| match arrow {
        Arrow::SkypeTrustsExchange => d.exchange_check == SideCheck::Checked,
        Arrow::ExchangeTrustsSkype => d.skype_check == SideCheck::Checked,
    };
    let arrow = |arrow, label| Direction {
        severity: direction(&d.findings, arrow, checked(arrow)),
        label: tr(label).to_string(),
    };
    svg(&Diagram {
        skype_host: topology.skype_host().unwrap_or(unnamed),
        exchange_host: topology.exchange_host().unwrap_or(unnamed),
        skype_expiry: &expiry(&d.analyses.skype, d.now),
        exchange_expiry: &expiry(&d.analyses.exchange, d.now),
        exchange_to_skype: &arrow(Arrow::SkypeTrustsExchange, "Skype trusts Exchange"),
        skype_to_exchange: &arrow(Arrow::ExchangeTrustsSkype, "Exchange trusts Skype"),
    })
}
