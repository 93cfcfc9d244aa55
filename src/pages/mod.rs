//! One module per page.

mod certificates;
mod commands;
mod findings;
mod metadata;
mod not_found;
mod overview;
mod report;
mod step;
mod test_results;
mod topology;

pub use certificates::CertificatesPage;
pub use commands::CommandsPage;
pub use findings::FindingsPage;
pub use metadata::MetadataPage;
pub use not_found::NotFound;
pub use overview::Overview;
pub use report::ReportPage;
pub use step::StepPage;
pub use test_results::TestResultsPage;
pub use topology::TopologyPage;

/// Sets the browser tab's title for the page being shown.
fn set_document_title(page_title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page_title} · S2S Console"));
    }
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
