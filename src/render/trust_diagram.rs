//! The trust diagram as markup, for the report until it is written with
//! `view!` (what it shows is decided in [`crate::components::trust_diagram`]).

use s2s_core::topology::Topology;

use crate::components::trust_diagram::{
    Diagram, Direction, Layout, Line, NODE_HEIGHT, NODE_LINES, TALL, WIDE, arrow_class,
};
use crate::html::Html;
use crate::i18n::tr;
use crate::workspace::Diagnosis;

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
    for (line, (class, dy)) in lines.iter().zip(NODE_LINES) {
        h.el(
            "text",
            &[("x", &cx), ("y", &(y + dy).to_string()), ("class", class)],
            line,
        );
    }
    h.close("g");
}

fn arrow(h: &mut Html, line: &Line, marker: &str, d: &Direction) {
    h.open("g", &[("class", &arrow_class(d))])
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

/// One drawing; `desc` is what it shows, for screen readers.
fn drawing(h: &mut Html, d: &Diagram, desc: &str, layout: &Layout) {
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
        [tr("Skype for Business"), &d.skype_host, &d.skype_expiry],
    );
    node(
        h,
        layout.exchange,
        layout.node_width,
        [tr("Exchange"), &d.exchange_host, &d.exchange_expiry],
    );
    let marker = format!("url(#{marker_id})");
    arrow(h, &layout.arrows[0], &marker, &d.exchange_to_skype);
    arrow(h, &layout.arrows[1], &marker, &d.skype_to_exchange);
    h.close("svg");
}

/// The diagram of a diagnosis, as markup.
pub fn for_diagnosis(d: &Diagnosis, topology: &Topology) -> String {
    let diagram = Diagram::of(d, topology);
    let desc = diagram.description();
    let mut h = Html::new();
    h.open("div", &[("class", "trust-diagrams")]);
    drawing(&mut h, &diagram, &desc, &WIDE);
    drawing(&mut h, &diagram, &desc, &TALL);
    h.close("div");
    h.finish()
}
