//! The Overview's diagram: the pool and Exchange as two nodes, and an arrow
//! per direction of the trust, coloured by the findings that concern it.
//! Tokens flow along the arrows: Exchange → Skype is Exchange calling Skype,
//! which Skype accepts only if it trusts Exchange's published certificate,
//! so that arrow takes the colour of the Exchange side's findings.

use leptos::prelude::*;
use s2s_core::analysis::{DocumentState, SideAnalysis};
use s2s_core::findings::Severity;
use s2s_core::topology::{Side, Topology};
// `Direction` here is how an arrow is drawn; the core's is which way it points.
use s2s_core::trust_direction::Direction as Arrow;

use crate::i18n::{tr, trf, trn};
use crate::presentation::{severity_class, severity_word};
use crate::workspace::{Diagnosis, SideCheck};

/// How one direction stands.
pub struct Direction {
    pub severity: Option<Severity>,
    pub label: String,
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
pub struct Layout {
    pub name: &'static str,
    pub view_box: &'static str,
    /// Top-left corners of the Skype and the Exchange node.
    pub skype: (u32, u32),
    pub exchange: (u32, u32),
    pub node_width: u32,
    /// Each arrow from its tail to its head, and its label's anchor point and
    /// `text-anchor`: Exchange → Skype first.
    pub arrows: [Line; 2],
}

pub struct Line {
    pub from: (u32, u32),
    pub to: (u32, u32),
    pub label: (u32, u32),
    pub anchor: &'static str,
}

pub const WIDE: Layout = Layout {
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

pub const TALL: Layout = Layout {
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

pub const NODE_HEIGHT: u32 = 100;

/// The arrowhead's outline.
const ARROWHEAD: &str = "M0,0 L10,5 L0,10 z";

/// A node's three lines: their class and their offset from its top.
pub const NODE_LINES: [(&str, u32); 3] =
    [("node-title", 35), ("node-host", 58), ("node-expiry", 80)];

/// An arrow's class: its direction's severity, or unknown.
pub fn arrow_class(d: &Direction) -> String {
    ["arrow ", d.severity.map_or("sev-unknown", severity_class)].concat()
}

/// What the diagram shows, the same in every layout.
pub struct Diagram {
    pub skype_host: String,
    pub exchange_host: String,
    pub skype_expiry: String,
    pub exchange_expiry: String,
    pub exchange_to_skype: Direction,
    pub skype_to_exchange: Direction,
}

impl Diagram {
    /// The diagram of a diagnosis: both nodes with their hosts and
    /// certificate expiry, both arrows coloured by the findings that
    /// concern them.
    pub fn of(d: &Diagnosis, topology: &Topology) -> Diagram {
        let unnamed = tr("not known yet");
        // An arrow is known once the document it rests on was checked.
        let checked = |arrow: Arrow| {
            let check = match arrow.rests_on() {
                Side::Exchange => &d.exchange_check,
                _ => &d.skype_check,
            };
            *check == SideCheck::Checked
        };
        let arrow = |arrow: Arrow, label| Direction {
            severity: arrow.severity(&d.findings, checked(arrow)),
            label: tr(label).to_string(),
        };
        Diagram {
            skype_host: topology.skype_host().unwrap_or(unnamed).to_string(),
            exchange_host: topology.exchange_host().unwrap_or(unnamed).to_string(),
            skype_expiry: expiry(&d.analyses.skype, d.now),
            exchange_expiry: expiry(&d.analyses.exchange, d.now),
            exchange_to_skype: arrow(Arrow::SkypeTrustsExchange, "Skype trusts Exchange"),
            skype_to_exchange: arrow(Arrow::ExchangeTrustsSkype, "Exchange trusts Skype"),
        }
    }

    /// What it shows, in a sentence for screen readers.
    pub fn description(&self) -> String {
        let status = |dir: &Direction| dir.severity.map_or(tr("not checked yet"), severity_word);
        trf(
            "Skype for Business pool {}, Exchange {}. {}: {}. {}: {}.",
            &[
                &self.skype_host,
                &self.exchange_host,
                &self.exchange_to_skype.label,
                status(&self.exchange_to_skype),
                &self.skype_to_exchange.label,
                status(&self.skype_to_exchange),
            ],
        )
    }
}

/// Both drawings, each with a title and description for screen readers.
#[component]
pub fn TrustDiagram(diagram: Diagram) -> impl IntoView {
    let desc = diagram.description();
    view! {
        <div class="trust-diagrams">
            {drawing(&diagram, &desc, &WIDE)} {drawing(&diagram, &desc, &TALL)}
        </div>
    }
}

fn node(at: (u32, u32), width: u32, lines: [&str; 3]) -> impl IntoView + use<> {
    let (x, y) = at;
    let cx = x + width / 2;
    let texts = lines
        .into_iter()
        .zip(NODE_LINES)
        .map(|(line, (class, dy))| {
            view! {
                <text x=cx y=y + dy class=class>
                    {line.to_string()}
                </text>
            }
        })
        .collect_view();
    view! {
        <g class="node">
            <rect x=x y=y width=width height=NODE_HEIGHT rx="12"></rect>
            {texts}
        </g>
    }
}

fn arrow(line: &Line, marker: &str, d: &Direction) -> impl IntoView + use<> {
    view! {
        <g class=arrow_class(d)>
            <line
                x1=line.from.0
                y1=line.from.1
                x2=line.to.0
                y2=line.to.1
                marker-end=marker.to_string()
            ></line>
            <text x=line.label.0 y=line.label.1 text-anchor=line.anchor class="arrow-label">
                {d.label.clone()}
            </text>
        </g>
    }
}

/// One drawing; `desc` is what it shows, for screen readers.
fn drawing(d: &Diagram, desc: &str, layout: &Layout) -> impl IntoView + use<> {
    // Ids per layout: both drawings are in the page, one of them hidden.
    let title_id = ["diagram-title-", layout.name].concat();
    let desc_id = ["diagram-desc-", layout.name].concat();
    let marker_id = ["arrowhead-", layout.name].concat();
    let marker = ["url(#", &marker_id, ")"].concat();
    let labelled_by = [title_id.as_str(), " ", &desc_id].concat();
    view! {
        <svg
            viewBox=layout.view_box
            role="img"
            aria-labelledby=labelled_by
            class=["trust-diagram ", layout.name].concat()
        >
            <title id=title_id>{tr("Trust diagram")}</title>
            <desc id=desc_id>{desc.to_string()}</desc>
            <defs>
                <marker
                    id=marker_id
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerUnits="userSpaceOnUse"
                    markerWidth="14"
                    markerHeight="14"
                    orient="auto-start-reverse"
                >
                    // Not a literal: Leptos would insert a static path
                    // wrapped in a <g> of its own.
                    <path d=ARROWHEAD fill="context-stroke"></path>
                </marker>
            </defs>
            {node(
                layout.skype,
                layout.node_width,
                [tr("Skype for Business"), &d.skype_host, &d.skype_expiry],
            )}
            {node(
                layout.exchange,
                layout.node_width,
                [tr("Exchange"), &d.exchange_host, &d.exchange_expiry],
            )}
            {arrow(&layout.arrows[0], &marker, &d.exchange_to_skype)}
            {arrow(&layout.arrows[1], &marker, &d.skype_to_exchange)}
        </svg>
    }
}
