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

pub use certificates::CertificatesPage;
pub use commands::{CommandsPage, field_for as plan_field};
pub use findings::FindingsPage;
pub use metadata::MetadataPage;
pub use not_found::NotFoundPage;
pub use overview::OverviewPage;
pub use report::ReportPage;
pub use test_results::TestResultsPage;
pub use topology::TopologyPage;

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
