//! One module per page.

mod certificates;
mod commands;
mod findings;
mod metadata;
mod not_found;
mod overview;
mod report;
mod test_results;
mod topology;

pub use certificates::certificates_page;
pub use commands::{CommandsPage, field_for as plan_field};
pub use findings::FindingsPage;
pub use metadata::metadata_page;
pub use not_found::NotFoundPage;
pub use overview::OverviewPage;
pub use report::ReportPage;
pub use test_results::TestResultsPage;
pub use topology::TopologyPage;

/// Why fetching is off, as markup (for the pages not yet written with `view!`).
fn read_only_note(h: &mut crate::html::Html) {
    h.open("span", &[("class", "muted")])
        .text(" ")
        .text(crate::i18n::tr(
            "This s2s server is read-only: it fetches nothing. Open a report on the ",
        ))
        .link(crate::routes::REPORT.path, crate::i18n::tr("Report"))
        .text(crate::i18n::tr(" page."))
        .close("span");
}

thread_local! {
    /// Pages built and not yet cleaned up: what the browser tests watch for
    /// leaks (one page is shown at a time).
    static LIVE_PAGES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many pages are built and not cleaned up.
pub fn live_pages() -> usize {
    LIVE_PAGES.with(std::cell::Cell::get)
}

/// Sets the browser tab's title for the page being built, and counts the
/// page as live until its owner is cleaned up.
fn set_document_title(page_title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&[page_title, " · S2S Console"].concat());
    }
    LIVE_PAGES.with(|n| n.set(n.get() + 1));
    leptos::prelude::Owner::on_cleanup(|| LIVE_PAGES.with(|n| n.set(n.get().saturating_sub(1))));
}

/// The page's step, title and purpose.
fn header(h: &mut crate::html::Html, page: &crate::routes::PageInfo) {
    if let Some(n) = page.step {
        h.el(
            "p",
            &[("class", "eyebrow")],
            &crate::i18n::trf("Step {} of 6", &[&n.to_string()]),
        );
    }
    h.el("h1", &[("id", "page-title")], page.title())
        .el("p", &[("class", "lead")], page.purpose());
}

/// A page's `<section>`, labelled by its title, holding `children`.
fn section(children: &[&web_sys::Element]) -> web_sys::Element {
    let section = crate::dom::el(
        "section",
        &[("class", "page"), ("aria-labelledby", "page-title")],
    );
    crate::dom::append(&section, children);
    section
}

